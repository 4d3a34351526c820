//! **figure-consistency**: the same quantity stated with two values in one
//! report (受理行政复议案件12件 in the summary, 受理行政复议案件15件 in the
//! section) — one of them is wrong, and a reviewer who finds it stops
//! trusting the rest.
//!
//! "The same quantity" is judged strictly, because an alarm on correct text
//! is worse than none: the same unit and the same naming words (the clause
//! before the number, without leading 全年 / 共 / 其中 … and trailing 达 /
//! 为 …), which must name something specific — six characters or more, or
//! four or more that the spec counts for one metric. Never compared:
//! targets, approximate figures, figures of sentences that compare periods
//! (上年, 同比, 较…, 增长…) or name a part of the year (季度, 上半年, 月),
//! and table rows (their labels repeat by design).

use crate::core::figures::{Figure, Value};
use crate::core::lang::Lang;
use crate::core::spec::words::WordList;
use crate::tr;
use rustc_hash::FxHashMap;
use std::ops::Range;

/// Where findings go: the figure stated differently, and the message.
type Sink<'a> = dyn FnMut(&Figure, String) + 'a;

/// Words at the start of the naming words that do not change what is
/// counted.
const LEADING: &[&str] = &[
    "全年",
    "共计",
    "共",
    "其中",
    "累计",
    "总计",
    "合计",
    "今年",
    "本年度",
    "本年",
    "年内",
    "先后",
    "已经",
    "已",
    "均",
    "新",
    "再",
    "还",
    "并",
    "又",
    "全镇",
    "全县",
    "全区",
    "全市",
    "全乡",
    "全街道",
    "我镇",
    "我县",
    "我区",
    "我市",
    "我乡",
];

/// The first characters of [`LEADING`]'s words.
const LEADING_FIRST: &[char] = &[
    '全', '共', '其', '累', '总', '合', '今', '本', '年', '先', '已', '均', '新', '再', '还', '并',
    '又', '我',
];

/// Words at the end of the naming words before the number.
const TRAILING: &[&str] = &["达到", "达", "为", "是", "共", "计", "约", "有"];

/// The last characters of [`TRAILING`]'s words.
const TRAILING_LAST: &[char] = &['到', '达', '为', '是', '共', '计', '约', '有'];

/// Sentences that set two periods side by side, or name a part of the year:
/// their figures are not the year's own.
const PERIOD_WORDS: &[&str] = &[
    "上年",
    "去年",
    "上一年",
    "前年",
    "同比",
    "环比",
    "较",
    "比上",
    "增长",
    "下降",
    "减少",
    "增加",
    "提高",
    "季度",
    "上半年",
    "下半年",
    "月份",
    "分别",
];

/// [`PERIOD_WORDS`] as one list: a sentence read once, not once per word.
/// A spec's kind of list (a bit per first character), not a contiguous
/// NFA: over every sentence with a figure it made the re-check of a
/// 30,000-character draft 5 % quicker.
fn period_words() -> Option<&'static WordList> {
    static LIST: std::sync::OnceLock<Option<WordList>> = std::sync::OnceLock::new();
    WordList::fixed(&LIST, PERIOD_WORDS)
}

/// The naming words of a figure, as compared (a part of its context).
fn naming(f: &Figure) -> &str {
    let mut s = f.context().trim();
    loop {
        let before = s;
        // Most naming words start and end with none of these words: a
        // look at the first and last character spares the comparisons.
        if s.starts_with(LEADING_FIRST) {
            for w in LEADING {
                s = s.strip_prefix(w).unwrap_or(s);
            }
        }
        if s.ends_with(TRAILING_LAST) {
            for w in TRAILING {
                s = s.strip_suffix(w).unwrap_or(s);
            }
        }
        s = s.trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '，' | ',' | '、' | '：' | ':')
        });
        if s == before {
            break;
        }
    }
    s
}

/// Where the naming words of each of `figures` (one paragraph's, in
/// order) are in its context, for the figures that may be compared: what
/// a figure's own paragraph decides (not approximate, with a unit, naming
/// words short enough, a sentence that sets no periods side by side and
/// is no table row). The check's memo keeps it per paragraph; whether a
/// figure is a target, and whether its naming words say enough for its
/// metric, are looked at for every check ([`figure_consistency`]).
/// `text` is the document's matching text, which the figures' ranges
/// index.
pub(super) fn naming_ranges(text: &str, figures: &[Figure]) -> Vec<Option<Range<u16>>> {
    // Whether a sentence is left out, worked out once per sentence (its
    // figures come one after another): linear in the text, however many
    // figures one sentence holds.
    let mut memo: Option<(usize, bool)> = None;
    figures
        .iter()
        .map(|f| {
            // Naming words are a few words: a clause of 40 characters and
            // more names nothing one could compare.
            let context = f.context();
            if f.approx || f.unit.is_empty() || context.len() > 40 * 3 {
                return None;
            }
            // The naming words are the context or less: too few
            // characters there (the test of `enough`), without working
            // them out. (Counted up to four: the fewest it accepts.)
            if context.chars().take(4).count() < 4 {
                return None;
            }
            let skip = match memo {
                Some((start, skip)) if start == f.sentence.start => skip,
                _ => {
                    let sentence = text.get(f.sentence.clone()).unwrap_or("");
                    // Table rows. (Two searches for one byte each:
                    // `contains` with both characters decodes every
                    // character.)
                    let skip = sentence.contains('|')
                        || sentence.contains('\t')
                        || period_words().is_some_and(|l| l.is_match(sentence));
                    memo = Some((f.sentence.start, skip));
                    skip
                }
            };
            if skip {
                return None;
            }
            let name = naming(f);
            // A subslice of the context, at most 120 bytes long.
            let at = name.as_ptr() as usize - context.as_ptr() as usize;
            Some(at as u16..(at + name.len()) as u16)
        })
        .collect()
}

/// Whether naming words name something specific enough to compare: six
/// characters or more, or four or more counted for a metric.
fn enough(name: &str, f: &Figure) -> bool {
    // (Counted up to six: all the test asks.)
    let n = name.chars().take(6).count();
    n >= 6 || (n >= 4 && f.metric.is_some())
}

/// The rule over `figures`, whose naming words `names` gives
/// ([`naming_ranges`], figure by figure).
pub(super) fn figure_consistency(
    figures: &[Figure],
    names: &[Option<Range<u16>>],
    lang: Lang,
    sink: &mut Sink,
) {
    // First statement of each quantity: naming words and unit → figure.
    let mut first: FxHashMap<(&str, &str), &Figure> = FxHashMap::default();
    for (f, name) in figures.iter().zip(names) {
        if f.target {
            continue;
        }
        let Some(name) = name else { continue };
        let name = f
            .context()
            .get(usize::from(name.start)..usize::from(name.end))
            .unwrap_or("");
        if !enough(name, f) {
            continue;
        }
        let key = (name, f.unit.as_ref());
        match first.get(&key) {
            None => {
                first.insert(key, f);
            }
            Some(e) if e.value != f.value && e.sentence != f.sentence => {
                let (v0, v1) = (Value(e.value), Value(f.value));
                let unit = &f.unit;
                let name = key.0;
                sink(
                    f,
                    tr!(
                        lang,
                        "“{name}”在第{}行是{v0}{unit}，这里是{v1}{unit}：同一个数，前后不一致",
                        "\"{name}\" is {v0}{unit} on line {} but {v1}{unit} here: the same figure, stated twice differently",
                        e.position.line
                    ),
                );
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_quick_looks_know_every_word() {
        for w in super::LEADING {
            assert!(w.starts_with(super::LEADING_FIRST), "{w}");
        }
        for w in super::TRAILING {
            assert!(w.ends_with(super::TRAILING_LAST), "{w}");
        }
    }

    use crate::core::check::{CheckOptions, check};
    use crate::core::document::Document;
    use crate::core::lang::Lang;
    use crate::core::spec::CompiledSpec;

    fn alarms(text: &str) -> Vec<String> {
        let spec = CompiledSpec::default_spec();
        let doc = Document::parse(text);
        check(&doc, &spec, &CheckOptions { lang: Lang::Zh })
            .lints
            .into_iter()
            .filter(|l| l.rule == "figure-consistency")
            .map(|l| l.message)
            .collect()
    }

    const HEAD: &str = "青禾镇2024年度法治政府建设情况报告\n一、主要举措和成效\n";

    #[test]
    fn the_same_count_stated_twice_differently() {
        let a = alarms(&format!(
            "{HEAD}全年共受理行政复议申请12件，均已办结。\n（一）复议\n全镇受理行政复议申请15件，无被纠错案件。\n"
        ));
        assert_eq!(a.len(), 1, "{a:?}");
        assert!(a[0].contains("第3行是12件，这里是15件"), "{a:?}");
    }

    #[test]
    fn no_alarm_where_the_figures_are_not_the_same_quantity() {
        for text in [
            // The same short words under different subjects.
            "便民服务中心群众满意率99.5%。\n执法工作群众满意率96.8%。\n",
            // Two periods side by side.
            "受理行政复议申请12件，较上年受理行政复议申请15件有所下降。\n",
            "第一季度受理行政复议申请5件。\n全年受理行政复议申请12件。\n",
            // Approximate, or a target.
            "受理行政复议申请约12件。\n受理行政复议申请15件。\n",
            // The same value twice is consistent.
            "受理行政复议申请12件。\n复议方面，受理行政复议申请12件。\n",
            // Table rows repeat their labels by column.
            "| 受理行政复议申请 | 12件 |\n| 受理行政复议申请 | 15件 |\n",
        ] {
            let a = alarms(&format!("{HEAD}{text}"));
            assert!(a.is_empty(), "{text}: {a:?}");
        }
    }
}
