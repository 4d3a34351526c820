//! The built-in specs (法治政府建设年度报告, 政府信息公开工作年度报告), each
//! compiled once per process when first needed, and the choice between
//! them when no spec is given: the words of each spec's `recognise` in the
//! report's first lines (its title) and in its headings.

use super::CompiledSpec;
use super::table_model::Recognise;
use crate::core::outline::{LineShape, classify_line};
use crate::core::text::fold_for_matching;
use std::sync::OnceLock;

/// A built-in spec.
#[derive(Debug)]
pub struct Builtin {
    /// Its id (`--spec` takes it).
    pub id: &'static str,
    /// Its YAML.
    pub yaml: &'static str,
    /// The same as JSON (written by build.rs): read in a tenth of the time.
    pub json: &'static str,
    /// Its `recognise` block alone as JSON (written by build.rs): choosing
    /// a spec for a report reads it without reading the rest.
    pub recognise_json: &'static str,
}

/// The built-in specs; the first is the default.
pub const BUILTINS: &[Builtin] = &[
    Builtin {
        id: "fazhi-annual",
        yaml: super::DEFAULT_SPEC_YAML,
        json: include_str!(concat!(env!("OUT_DIR"), "/fazhi-annual.json")),
        recognise_json: include_str!(concat!(env!("OUT_DIR"), "/fazhi-annual.recognise.json")),
    },
    Builtin {
        id: "xxgk-annual",
        yaml: include_str!("../../../specs/xxgk-annual.yaml"),
        json: include_str!(concat!(env!("OUT_DIR"), "/xxgk-annual.json")),
        recognise_json: include_str!(concat!(env!("OUT_DIR"), "/xxgk-annual.recognise.json")),
    },
];

impl Builtin {
    /// The spec compiled: read from its JSON, or from its YAML should the
    /// JSON not read (a build defect; the tests hold the two to the same
    /// spec). Its regexes are built when first searched with (the tests
    /// compile the YAML, which checks them).
    pub fn compile(&self) -> Result<CompiledSpec, super::SpecError> {
        let origin = format!("<built-in {}>", self.id);
        match serde_json::from_str(self.json) {
            Ok(spec) => CompiledSpec::compile_read(
                spec,
                self.yaml,
                &origin,
                super::compile::Patterns::Trusted,
            ),
            Err(_) => CompiledSpec::from_yaml(self.yaml, &origin),
        }
    }
}

static COMPILED: [OnceLock<CompiledSpec>; 2] = [OnceLock::new(), OnceLock::new()];

/// The built-in spec `id`, compiled (once per process).
pub fn builtin(id: &str) -> Option<&'static CompiledSpec> {
    let i = BUILTINS.iter().position(|b| b.id == id)?;
    Some(COMPILED[i].get_or_init(|| {
        // The embedded specs are tested; failing here is a build defect.
        BUILTINS[i]
            .compile()
            .unwrap_or_else(|e| panic!("the built-in spec {id} is invalid: {e}"))
    }))
}

/// Why a built-in spec was chosen for a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    /// The spec's id.
    pub id: &'static str,
    /// Words of its `recognise` found in the title.
    pub title_words: Vec<String>,
    /// Words found in headings.
    pub heading_words: Vec<String>,
}

impl Detection {
    /// How strongly the text points to the spec.
    pub fn score(&self) -> usize {
        3 * self.title_words.len() + self.heading_words.len()
    }

    /// The words that decided, for a note (`标题含“政府信息公开”`).
    pub fn reason(&self, lang: crate::core::lang::Lang) -> String {
        let quote = |w: &[String]| {
            w.iter()
                .map(|w| format!("“{w}”"))
                .collect::<Vec<_>>()
                .join("、")
        };
        match (self.title_words.is_empty(), self.heading_words.is_empty()) {
            (false, _) => crate::tr!(
                lang,
                "标题含{}",
                "the title says {}",
                quote(&self.title_words)
            ),
            (true, false) => crate::tr!(
                lang,
                "小标题含{}",
                "headings say {}",
                quote(&self.heading_words)
            ),
            (true, true) => lang.pick("默认", "the default").to_owned(),
        }
    }
}

/// The `recognise` words of a built-in, read from its `recognise` block
/// alone (parsing the whole spec would cost more than the check; its YAML
/// block cost 0.15 ms, a tenth of a small `diff`). The tests hold it to the
/// whole spec's.
fn recognise_of(b: &Builtin) -> Recognise {
    serde_json::from_str(b.recognise_json).unwrap_or_default()
}

static RECOGNISE: OnceLock<Vec<(Vec<String>, Vec<String>)>> = OnceLock::new();

/// How many first lines can hold the title.
const TITLE_LINES: usize = 4;

/// How each built-in spec's words appear in `text`, best first (the
/// default first among equals).
pub fn detect(text: &str) -> Vec<Detection> {
    let words = RECOGNISE.get_or_init(|| {
        BUILTINS
            .iter()
            .map(|b| {
                let r = recognise_of(b);
                let fold = |v: &[String]| -> Vec<String> {
                    v.iter()
                        .map(|w| fold_for_matching(w.trim()).into_owned())
                        .collect()
                };
                (fold(&r.title), fold(&r.headings))
            })
            .collect()
    });
    let folded = fold_for_matching(text);
    let lines = folded.lines().map(str::trim).filter(|l| !l.is_empty());
    let title: String = lines
        .clone()
        .take(TITLE_LINES)
        .collect::<Vec<_>>()
        .join("\n");
    let headings: String = lines
        .filter(|l| l.chars().count() <= 60 && matches!(classify_line(l), LineShape::Heading(_)))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out: Vec<Detection> = BUILTINS
        .iter()
        .zip(words)
        .map(|(b, (t, h))| Detection {
            id: b.id,
            title_words: t
                .iter()
                .filter(|w| title.contains(w.as_str()))
                .cloned()
                .collect(),
            heading_words: h
                .iter()
                .filter(|w| headings.contains(w.as_str()))
                .cloned()
                .collect(),
        })
        .collect();
    // Stable: the default stays first among equals.
    out.sort_by_key(|d| std::cmp::Reverse(d.score()));
    out
}

/// The built-in spec for `text` and why: the best-scoring one, the default
/// when nothing points anywhere.
pub fn choose(text: &str) -> (&'static CompiledSpec, Detection) {
    let best = detect(text).into_iter().next().unwrap_or(Detection {
        id: BUILTINS[0].id,
        title_words: Vec::new(),
        heading_words: Vec::new(),
    });
    let id = if best.score() == 0 {
        BUILTINS[0].id
    } else {
        best.id
    };
    let spec = builtin(id).unwrap_or_else(|| builtin(BUILTINS[0].id).expect("the default"));
    (spec, best)
}

/// When `spec_id` is a built-in but the text clearly reads as another
/// built-in type: that one (its detection).
pub fn looks_like_another(spec_id: &str, text: &str) -> Option<Detection> {
    if !BUILTINS.iter().any(|b| b.id == spec_id) {
        return None;
    }
    let found = detect(text);
    let best = found.first()?;
    let given = found
        .iter()
        .find(|d| d.id == spec_id)
        .map_or(0, Detection::score);
    (best.id != spec_id && best.score() >= 3 && best.score() > 2 * given).then(|| best.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_built_in_spec_reads_from_its_json_as_from_its_yaml() {
        for b in BUILTINS {
            let from_json: super::super::Spec =
                serde_json::from_str(b.json).unwrap_or_else(|e| panic!("{}: {e}", b.id));
            // From YAML every regex is compiled and checked now (the JSON
            // path trusts them to these lines).
            let from_yaml = CompiledSpec::from_yaml(b.yaml, b.id).expect("valid");
            assert_eq!(
                format!("{from_json:?}"),
                format!("{:?}", from_yaml.spec),
                "{}",
                b.id
            );
            assert_eq!(
                format!("{:?}", b.compile().expect("valid").spec),
                format!("{:?}", from_yaml.spec)
            );
        }
    }

    #[test]
    fn the_recognise_block_alone_reads_as_the_whole_spec_does() {
        for b in BUILTINS {
            let whole = &builtin(b.id).unwrap().spec.recognise;
            let block = recognise_of(b);
            assert!(
                !block.title.is_empty() && !block.headings.is_empty(),
                "{}",
                b.id
            );
            assert_eq!(
                (&block.title, &block.headings),
                (&whole.title, &whole.headings)
            );
        }
    }

    #[test]
    fn every_builtin_compiles_and_the_title_and_headings_choose() {
        for b in BUILTINS {
            assert_eq!(builtin(b.id).unwrap().spec.id, b.id);
        }
        let xxgk = "某县政务服务数据管理局2024年政府信息公开工作年度报告\n一、总体情况\n二、主动公开政府信息情况\n";
        let (spec, why) = choose(xxgk);
        assert_eq!(spec.spec.id, "xxgk-annual");
        assert!(why.title_words.contains(&"政府信息公开".to_owned()));
        // Without a title, the headings decide.
        let untitled = "一、总体情况\n（一）主动公开\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n";
        assert_eq!(choose(untitled).0.spec.id, "xxgk-annual");
        let fazhi = "某镇2024年度法治政府建设情况报告\n一、主要举措和成效\n";
        assert_eq!(choose(fazhi).0.spec.id, "fazhi-annual");
        // Nothing either way: the default.
        let (spec, why) = choose("会议纪要\n");
        assert_eq!((spec.spec.id.as_str(), why.score()), ("fazhi-annual", 0));
        // The wrong spec given: the other is named.
        assert_eq!(
            looks_like_another("fazhi-annual", xxgk).map(|d| d.id),
            Some("xxgk-annual")
        );
        assert_eq!(looks_like_another("xxgk-annual", xxgk), None);
        assert_eq!(looks_like_another("my-own", xxgk), None);
    }
}
