//! YAML in, one way for every input (spec, config, theme, review file):
//! [`parse_yaml`]. Text in, data out — the callers read the files.
//!
//! serde-saphyr (MIT/Apache-2.0) reports every error with its line and
//! column, duplicate keys included, and works within a budget: aliases are
//! refused outright (no alias bomb can expand), and nesting and node counts
//! are capped, so no input can make parsing slow or memory-hungry.

use serde::de::DeserializeOwned;

/// The largest YAML text parsed (a long review file is a few hundred KiB).
pub const MAX_YAML_BYTES: usize = 8 * 1024 * 1024;
/// The deepest nesting of lists and maps accepted.
pub const MAX_YAML_DEPTH: usize = 32;
/// The most nodes (scalars, lists, maps) in one document.
pub const MAX_YAML_NODES: usize = 500_000;

/// A YAML input that could not be read: where (1-based line and column in
/// characters; 0 when unknown) and what is wrong, in one sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}{loc}: {message}", loc = self.location_suffix())]
pub struct YamlError {
    /// The file (or a name like `<default spec>`).
    pub origin: String,
    /// 1-based line, 0 when not known.
    pub line: usize,
    /// 1-based column, 0 when not known.
    pub column: usize,
    /// What is wrong, without the position.
    pub message: String,
}

impl YamlError {
    fn location_suffix(&self) -> String {
        if self.line == 0 {
            String::new()
        } else {
            format!(":{}:{}", self.line, self.column)
        }
    }
}

/// Parses `text` (from `origin`, named in errors) as a `T`. Unknown fields
/// are refused where `T` says so (`deny_unknown_fields`); duplicate keys,
/// aliases, nesting deeper than [`MAX_YAML_DEPTH`] and texts over
/// [`MAX_YAML_BYTES`] are refused with their position. An empty text is an
/// error too: callers that accept one check first.
pub fn parse_yaml<T: DeserializeOwned>(text: &str, origin: &str) -> Result<T, YamlError> {
    let err = |line: usize, column: usize, message: String| YamlError {
        origin: origin.to_owned(),
        line,
        column,
        message,
    };
    if text.len() > MAX_YAML_BYTES {
        return Err(err(
            0,
            0,
            format!(
                "the file is {} bytes; at most {} bytes are read",
                text.len(),
                MAX_YAML_BYTES
            ),
        ));
    }
    let mut budget = serde_saphyr::Budget::default();
    budget.max_aliases = 0;
    budget.max_depth = MAX_YAML_DEPTH;
    budget.flow_nesting_limit = MAX_YAML_DEPTH;
    budget.max_nodes = MAX_YAML_NODES;
    budget.max_events = 4 * MAX_YAML_NODES;
    budget.max_documents = 1;
    let options = || {
        let mut o = serde_saphyr::Options::default();
        o.budget = Some(budget.clone());
        o
    };
    let located = |e: serde_saphyr::Error| {
        let (line, column) = e
            .location()
            .map_or((0, 0), |l| (l.line() as usize, l.column() as usize));
        err(line, column, message_of(&e, text, line, column))
    };
    // The whole text first, whatever `T` expects: syntax errors, aliases and
    // nesting are reported where they are, before any field is looked at
    // (as a reader goes through the file).
    let syntax = || {
        serde_saphyr::from_str_with_options::<serde::de::IgnoredAny>(text, options())
            .map(|_| ())
            .map_err(located)
    };
    // Read as `T` without tracking where the reader is (the tracking costs
    // a third of a spec's parse); only a failed read is read again with
    // it, to say where the fault is.
    serde_saphyr::from_str_with_options::<T>(text, options()).or_else(|_| {
        let mut path = String::new();
        let again = serde_saphyr::with_deserializer_from_str_with_options(text, options(), |de| {
            let mut track = serde_path_to_error::Track::new();
            let value = T::deserialize(serde_path_to_error::Deserializer::new(de, &mut track));
            path = track.path().to_string();
            value
        });
        again.map_err(|e| {
            if let Err(first) = syntax() {
                return first;
            }
            let mut e = located(e);
            // Where in the structure, as `items[0].kind`: an unknown field is
            // named in the message already, so its container is enough.
            let at = if e.message.starts_with("unknown field") {
                path.rsplit_once(['.', '[']).map_or("", |(p, _)| p)
            } else {
                path.as_str()
            };
            if !at.is_empty() && at != "?" {
                e.message = format!("{at}: {}", e.message);
            }
            e
        })
    })
}

/// One sentence for a parse error, without the position (printed before it)
/// and in words a spec or config writer knows.
fn message_of(e: &serde_saphyr::Error, text: &str, line: usize, column: usize) -> String {
    let raw = e.without_snippet().to_string();
    // The position is printed before the message already.
    let msg = match raw.rfind(" at line ") {
        Some(i) if raw[i..].contains(", column ") => raw[..i].to_owned(),
        _ => raw,
    };
    if let Some(key) = msg
        .strip_prefix("duplicate mapping key: ")
        .and_then(|k| k.split(", set DuplicateKeyPolicy").next())
    {
        return format!("duplicate key `{key}`");
    }
    if msg.starts_with("budget breached: Aliases") {
        // The alias as written at the error's position.
        let at: String = text
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| {
                l.chars()
                    .skip(column.saturating_sub(1))
                    .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ']' | '}'))
                    .collect()
            })
            .unwrap_or_default();
        let shown = if at.starts_with('*') {
            at
        } else {
            "*…".into()
        };
        return format!("YAML aliases (`{shown}`) are not allowed; write the value out");
    }
    if msg.starts_with("recursion limit exceeded") || msg.starts_with("budget breached: Depth") {
        return format!("nested too deeply: lists and maps may nest at most {MAX_YAML_DEPTH} deep");
    }
    if msg.starts_with("budget breached") {
        return format!("too large or too complex to read ({msg})");
    }
    msg
}

/// Writes `value` as YAML (the review file): block style, keys in the
/// order of the struct.
pub fn to_yaml<T: serde::Serialize>(value: &T) -> Result<String, String> {
    let mut text = serde_saphyr::to_string(value).map_err(|e| e.to_string())?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct T {
        name: String,
        #[serde(default)]
        words: Vec<String>,
    }

    #[test]
    fn broken_text_is_refused_even_after_all_the_type_reads() {
        // The typed parse alone decides a text that reads as a `T`; these
        // read as one up to a fault further on, which must still be found.
        for text in [
            "name: a\nwords: [x\n",
            "name: a\n---\nname: b\n",
            "name: a\nwords: [x]\n  - y\n",
            "name: a\nname: b\n",
            "name: a\nextra: &x 1\nmore: *x\n",
            "name: a\n\"unclosed: 1\n",
            "name: a\nwords: [x]\n: :\n",
        ] {
            assert!(parse_yaml::<T>(text, "t").is_err(), "{text:?}");
        }
        assert_eq!(
            parse_yaml::<T>("name: a\nwords: [x]\n", "t").ok(),
            Some(T {
                name: "a".into(),
                words: vec!["x".into()]
            })
        );
    }

    #[test]
    fn errors_name_where_in_the_structure() {
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Outer {
            #[serde(rename = "items")]
            _items: Vec<T>,
        }
        let e = parse_yaml::<Outer>("items:\n  - name: a\n    nmae: b\n", "t").unwrap_err();
        assert_eq!((e.line, e.column), (3, 5));
        assert!(
            e.message.starts_with("items[0]: unknown field `nmae`"),
            "{e}"
        );
        let e = parse_yaml::<Outer>("items:\n  - name: a\n    words: 3\n", "t").unwrap_err();
        assert!(e.message.starts_with("items[0].words: "), "{e}");
    }

    #[test]
    fn errors_are_located_once() {
        let e = parse_yaml::<T>("name: a\nnmae: b\n", "t.yaml").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
        assert!(e.message.starts_with("unknown field `nmae`"), "{e}");
        // The position is in the prefix, not again in the message.
        assert!(!e.message.contains("line"), "{e}");
        assert!(
            e.to_string().starts_with("t.yaml:2:1: unknown field"),
            "{e}"
        );
    }

    #[test]
    fn duplicate_keys_aliases_and_depth_are_refused_with_a_position() {
        let e = parse_yaml::<T>("name: a\nwords: []\nname: b\n", "t").unwrap_err();
        assert_eq!((e.line, e.message.as_str()), (3, "duplicate key `name`"));
        let e = parse_yaml::<T>("name: &n a\nwords: [*n, *n]\n", "t").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(e.message.contains("`*n`"), "{e}");
        let deep = format!(
            "name: a\nwords: {}{}\n",
            "[".repeat(50_000),
            "]".repeat(50_000)
        );
        let e = parse_yaml::<T>(&deep, "t").unwrap_err();
        assert!(e.message.contains("deep"), "{e}");
        let big = format!("name: a\n#{}\n", "x".repeat(MAX_YAML_BYTES));
        assert!(
            parse_yaml::<T>(&big, "t")
                .unwrap_err()
                .message
                .contains("bytes")
        );
        // A quoted star is a string, not an alias.
        let t: T = parse_yaml("name: \"*次\"\n", "t").unwrap();
        assert_eq!(t.name, "*次");
    }

    #[test]
    fn a_billion_laughs_never_expands() {
        let mut src = String::from("name: a\nl0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = i - 1;
            src.push_str(&format!(
                "l{i}: &l{i} [*l{prev}, *l{prev}, *l{prev}, *l{prev}]\n"
            ));
        }
        // Refused at the first alias: nothing is expanded (no clock here:
        // the budget is a count, so the refusal is the whole test).
        let e = parse_yaml::<T>(&src, "t").unwrap_err();
        assert!(e.message.contains("aliases"), "{e}");
        assert_eq!(e.line, 3);
    }

    #[test]
    fn round_trip() {
        #[derive(Debug, Deserialize, serde::Serialize, PartialEq)]
        struct R {
            items: Vec<String>,
            note: String,
        }
        let r = R {
            items: vec!["甲".into(), "a: b".into(), "- x".into()],
            note: "多行\n文字 # 不是注释".into(),
        };
        let y = to_yaml(&r).unwrap();
        assert!(y.ends_with('\n'), "{y}");
        assert_eq!(parse_yaml::<R>(&y, "r").unwrap(), r);
    }
}
