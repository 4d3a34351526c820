//! The checklist spec: what a report of some type must contain, as data.
//!
//! A spec is YAML (see `specs/fazhi-annual.yaml` and the README), read
//! through [`crate::core::yaml::parse_yaml`] (which locates every parse
//! error and refuses aliases, deep nesting and duplicate keys). Files:
//! `model` (the serde model), `table_model` (tables, relations, how a
//! report type is recognised), `expr` (the relations' arithmetic),
//! `compile` ([`CompiledSpec`], the validated form the checker runs),
//! `locate` (positions of errors found after parsing).

pub mod builtin;
mod compile;
pub mod compile_tables;
pub mod expr;
pub mod keywords;
mod locate;
mod model;
pub mod spec_regex;
pub mod table_model;
pub mod words;

pub use compile::{CompiledMatcher, CompiledSpec, DEFAULT_UNITS, ItemMatchers};
pub use model::*;

use crate::core::yaml::parse_yaml;

/// The embedded default spec (`fazhi-annual`).
pub const DEFAULT_SPEC_YAML: &str = include_str!("../../../specs/fazhi-annual.yaml");

/// The largest spec file accepted, checked before parsing.
pub const MAX_SPEC_BYTES: usize = 1024 * 1024;

/// The size limit of each compiled regex.
pub const MAX_REGEX_BYTES: usize = 1 << 20;

/// A spec error: where, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}{loc}: {message}", loc = self.location_suffix())]
pub struct SpecError {
    /// The file (or `<default>`).
    pub origin: String,
    /// 1-based line, 0 when not known.
    pub line: usize,
    /// 1-based column, 0 when not known.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl SpecError {
    fn location_suffix(&self) -> String {
        if self.line == 0 {
            String::new()
        } else {
            format!(":{}:{}", self.line, self.column)
        }
    }
}

impl CompiledSpec {
    /// The embedded default spec.
    pub fn default_spec() -> CompiledSpec {
        // The embedded spec is tested; failing here is a build defect.
        builtin::BUILTINS[0]
            .compile()
            .unwrap_or_else(|e| panic!("the embedded default spec is invalid: {e}"))
    }

    /// Parses and validates a spec. `origin` names the file in errors.
    pub fn from_yaml(src: &str, origin: &str) -> Result<CompiledSpec, SpecError> {
        let err = |line: usize, column: usize, message: String| SpecError {
            origin: origin.to_owned(),
            line,
            column,
            message,
        };
        if src.len() > MAX_SPEC_BYTES {
            return Err(err(
                0,
                0,
                format!(
                    "the spec is {} bytes; a spec may be at most {} bytes",
                    src.len(),
                    MAX_SPEC_BYTES
                ),
            ));
        }
        let spec: Spec = parse_yaml(src, origin).map_err(|e| err(e.line, e.column, e.message))?;
        Self::compile_read(spec, src, origin, compile::Patterns::Checked)
    }

    /// Compiles a spec already read from `src` (its YAML, where errors are
    /// located).
    fn compile_read(
        spec: Spec,
        src: &str,
        origin: &str,
        patterns: compile::Patterns,
    ) -> Result<CompiledSpec, SpecError> {
        compile::compile(spec, src, patterns).map_err(|(line, column, message)| SpecError {
            origin: origin.to_owned(),
            line,
            column,
            message,
        })
    }

    /// Index of the item with `id`.
    pub fn item_index(&self, id: &str) -> Option<usize> {
        self.spec.items.iter().position(|i| i.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Result<CompiledSpec, SpecError> {
        CompiledSpec::from_yaml(src, "t.yaml")
    }

    const MINIMAL: &str = "id: t\nversion: 1\nitems:\n  - id: a\n    title: A\n    kind: section\n    heading: {any: [甲]}\n";

    #[test]
    fn default_spec_compiles() {
        let s = CompiledSpec::default_spec();
        assert_eq!(s.spec.id, "fazhi-annual");
        for id in [
            "title",
            "measures",
            "shortcomings",
            "causes",
            "leader_duty",
            "next_year",
            "other",
        ] {
            assert!(s.item_index(id).is_some(), "{id}");
        }
        assert_eq!(s.spec.metrics.len(), 16);
    }

    #[test]
    fn minimal_spec_compiles() {
        let s = parse(MINIMAL).unwrap();
        assert!(
            s.item_matchers[0]
                .heading
                .as_ref()
                .unwrap()
                .is_match("甲乙")
        );
        assert!(!s.units.is_empty());
    }

    #[test]
    fn unknown_field_has_location() {
        let src = MINIMAL.replace(
            "    kind: section\n",
            "    kind: section\n    kyewords: [x]\n",
        );
        let e = parse(&src).unwrap_err();
        assert_eq!((e.line, e.origin.as_str()), (7, "t.yaml"));
        assert!(
            e.message.contains("unknown field `kyewords`"),
            "{}",
            e.message
        );
        assert!(e.to_string().starts_with("t.yaml:7:"), "{e}");
    }

    #[test]
    fn bad_kind_has_location() {
        let e = parse(&MINIMAL.replace("kind: section", "kind: chapter")).unwrap_err();
        assert_eq!(e.line, 6);
        assert!(e.message.contains("chapter"));
    }

    #[test]
    fn malformed_yaml_has_location() {
        let e = parse("id: t\nversion: 1\nitems: [\n  - id: a\n").unwrap_err();
        assert!(e.line > 0, "{e}");
    }

    #[test]
    fn duplicate_key_located() {
        let src = MINIMAL.replace("    kind: section\n", "    kind: section\n    title: B\n");
        let e = parse(&src).unwrap_err();
        assert_eq!((e.line, e.column), (7, 5), "{e}");
        assert!(e.message.contains("duplicate key `title`"));
        // The same key in sibling list items is fine.
        let two = format!(
            "{MINIMAL}  - id: b\n    title: B\n    kind: section\n    heading: {{any: [乙]}}\n"
        );
        assert!(parse(&two).is_ok());
    }

    #[test]
    fn duplicate_item_id_located() {
        let two = format!(
            "{MINIMAL}  - id: a\n    title: B\n    kind: section\n    heading: {{any: [乙]}}\n"
        );
        let e = parse(&two).unwrap_err();
        assert_eq!(e.line, 8, "{e}");
    }

    #[test]
    fn aliases_refused() {
        let src = "id: t\nversion: 1\nwords: &w [a]\nitems:\n  - id: a\n    title: A\n    kind: section\n    heading: {any: *w}\n";
        let e = parse(src).unwrap_err();
        assert!(e.message.contains("aliases"), "{e}");
        assert_eq!(e.line, 8);
        // A quoted "*次" is a string, not an alias.
        let ok = MINIMAL.replace("[甲]", "[\"*次\", 甲]");
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn nesting_bomb_refused_quickly() {
        let src = format!(
            "id: t\nversion: 1\nitems: {}{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let e = parse(&src).unwrap_err();
        assert!(e.message.contains("deep"), "{e}");
    }

    #[test]
    fn oversized_refused() {
        let src = format!("{MINIMAL}#{}\n", "x".repeat(MAX_SPEC_BYTES));
        assert!(parse(&src).unwrap_err().message.contains("at most"));
    }

    #[test]
    fn bad_regex_located() {
        let src = MINIMAL.replace("{any: [甲]}", "{regex: ['(unclosed']}");
        let e = parse(&src).unwrap_err();
        assert_eq!(e.line, 7);
        assert!(e.message.contains("invalid regex"), "{e}");
        let big = MINIMAL.replace("{any: [甲]}", "{regex: ['\\w{1000}\\w{1000}\\w{1000}']}");
        let e = parse(&big).unwrap_err();
        assert!(e.message.contains("more than"), "{e}");
    }

    #[test]
    fn unknown_reference_refused() {
        let src = MINIMAL.replace(
            "    kind: section\n",
            "    kind: section\n    within: [nope]\n",
        );
        let e = parse(&src).unwrap_err();
        assert!(e.message.contains("`nope`"), "{e}");
        assert_eq!(e.line, 4);
    }

    #[test]
    fn kind_needs_its_matcher() {
        let src = MINIMAL.replace("kind: section", "kind: title");
        assert!(parse(&src).unwrap_err().message.contains("`text`"));
    }

    #[test]
    fn matcher_semantics() {
        let m = CompiledMatcher::new(
            Vec::new(),
            vec!["不足".into()],
            vec![vec!["存在".into(), "有".into()]],
            vec!["下一步".into()],
            Vec::new(),
            0,
        );
        assert!(m.is_match("存在的不足"));
        assert!(!m.is_match("不足"));
        assert!(!m.is_match("存在的不足和下一步"));
        assert_eq!(
            m.find("一、存在的不足"),
            Some("一、存在的".len().."一、存在的不足".len())
        );
    }

    #[test]
    fn patterns_that_match_empty_text_are_refused_with_their_place() {
        for bad in ["''", "'x*'", "'(?m)^'", "'\\b'"] {
            let src = MINIMAL.replace("{any: [甲]}", &format!("{{regex: [{bad}]}}"));
            let e = parse(&src).unwrap_err();
            // At the pattern (an empty one: at its item).
            let line = if bad == "''" { 4 } else { 7 };
            assert_eq!(e.line, line, "{bad}: {e}");
            assert!(e.message.contains("can match empty text"), "{bad}: {e}");
        }
        let src = format!("{MINIMAL}lints:\n  placeholder:\n    patterns: ['X*']\n");
        let e = parse(&src).unwrap_err();
        assert!(e.message.contains("can match empty text"), "{e}");
        // A pattern of at least one character is fine.
        assert!(parse(&MINIMAL.replace("{any: [甲]}", "{regex: ['甲+']}")).is_ok());
    }
}
