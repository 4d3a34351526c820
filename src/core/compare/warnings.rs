//! Whether a pair of reports looks like last year's and this year's of one
//! body: the same text twice, the same year twice, the years reversed, or
//! two different issuers (the words of the titles before their years).

use crate::core::document::Document;
use crate::core::lang::Lang;
use crate::core::text::fold_for_matching;
use crate::tr;

/// What looks wrong with a pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairWarning {
    /// The two texts are the same.
    Identical,
    /// Both report on this year.
    SameYear(i32),
    /// "Last year's" reports on a later year than "this year's".
    Reversed {
        /// The old report's year.
        old: i32,
        /// The new report's year.
        new: i32,
    },
    /// The titles name different issuers.
    DifferentIssuers {
        /// The old title's issuer.
        old: String,
        /// The new title's issuer.
        new: String,
    },
}

impl PairWarning {
    /// A stable name for JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            PairWarning::Identical => "identical",
            PairWarning::SameYear(_) => "same_year",
            PairWarning::Reversed { .. } => "reversed",
            PairWarning::DifferentIssuers { .. } => "different_issuers",
        }
    }

    /// The warning in words.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            PairWarning::Identical => tr!(
                lang,
                "两份文件的文字完全相同：是否选错了文件？",
                "the two files hold the same text: the wrong file?"
            ),
            PairWarning::SameYear(y) => tr!(
                lang,
                "两份报告都是{y}年度的：对比应是上一年度和本年度",
                "both reports are for {y}: a comparison is of last year's and this year's"
            ),
            PairWarning::Reversed { old, new } => tr!(
                lang,
                "第一个文件是{old}年度的，第二个是{new}年度的：是否放反了？（先写去年的，再写今年的）",
                "the first file is for {old} and the second for {new}: reversed? (last year's first, then this year's)"
            ),
            PairWarning::DifferentIssuers { old, new } => tr!(
                lang,
                "两份报告的标题单位不同（“{old}”和“{new}”）：是否是同一单位的报告？",
                "the titles name different bodies (“{old}” and “{new}”): reports of one body?"
            ),
        }
    }
}

/// The issuer a title names: its words before the year (or before 关于),
/// folded, without spaces; empty when the title has none.
fn issuer(doc: &Document) -> String {
    let Some(t) = doc.title() else {
        return String::new();
    };
    let text: String = fold_for_matching(&t.text.replace('\n', ""))
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let cut = text
        .char_indices()
        .find(|&(i, c)| c.is_ascii_digit() || text[i..].starts_with("关于"))
        .map_or(text.len(), |(i, _)| i);
    text[..cut].trim_start_matches('#').to_owned()
}

/// What looks wrong with the pair `old`, `new`.
pub fn pair_warnings(old: &Document, new: &Document) -> Vec<PairWarning> {
    let mut out = Vec::new();
    if old.text().trim() == new.text().trim() {
        out.push(PairWarning::Identical);
        return out;
    }
    match (old.year(), new.year()) {
        (Some(o), Some(n)) if o == n => out.push(PairWarning::SameYear(n)),
        (Some(o), Some(n)) if o > n => out.push(PairWarning::Reversed { old: o, new: n }),
        _ => {}
    }
    let (a, b) = (issuer(old), issuer(new));
    // Both named (a few characters at least), and neither within the other
    // (青禾镇 / 青禾镇人民政府 are one body).
    if a.chars().count() >= 2
        && b.chars().count() >= 2
        && !a.contains(b.as_str())
        && !b.contains(a.as_str())
    {
        out.push(PairWarning::DifferentIssuers { old: a, new: b });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(t: &str) -> Document {
        Document::parse(t)
    }

    #[test]
    fn wrong_pairs_are_named_and_a_right_one_is_quiet() {
        let y23 = doc("青禾镇2023年度法治政府建设情况报告\n一、主要举措\n正文甲。\n");
        let y24 = doc("青禾镇人民政府2024年度法治政府建设情况报告\n一、主要举措\n正文乙。\n");
        assert_eq!(pair_warnings(&y23, &y24), []);
        assert_eq!(pair_warnings(&y24, &y24), [PairWarning::Identical]);
        assert_eq!(
            pair_warnings(&y24, &y23),
            [PairWarning::Reversed {
                old: 2024,
                new: 2023
            }]
        );
        let other = doc("某县2024年度法治政府建设情况报告\n一、主要举措\n正文丙。\n");
        let w = pair_warnings(&y24, &other);
        assert!(w.contains(&PairWarning::SameYear(2024)), "{w:?}");
        assert!(
            w.iter()
                .any(|w| matches!(w, PairWarning::DifferentIssuers { .. })),
            "{w:?}"
        );
        assert!(w[0].message(Lang::Zh).contains("2024"));
    }
}
