//! Figures that do not add up, as a legal adviser catches them:
//!
//! - **parts-sum**: a total and its enumerated parts in one sentence
//!   (受理来信217件，涵盖求决类83件、建议类40件…) whose parts do not
//!   add up to it. An exhaustive list (涵盖, 分别为, or one with an “其他”
//!   part) must add up exactly; any other (其中, 包括) must not exceed the
//!   total. No alarm for approximate figures (余, 多, 约), incomplete lists
//!   (…等), shares (其中…占) or percentages.
//! - **rate**: a rate stated right after its two counts (调处纠纷312件，调解
//!   成功301件，调解成功率96.5%) that does not follow from them, beyond the
//!   rounding its decimals show.

use crate::core::figures::{Figure, Value};
use crate::core::lang::Lang;
use crate::core::spec::words::WordList;
use crate::tr;
use std::ops::Range;

type Sink<'a> = dyn FnMut(Range<usize>, String) + 'a;

/// Words that introduce the parts of a total, and whether they promise
/// the whole of it.
const TRIGGERS: &[(&str, bool)] = &[
    ("涵盖", true),
    ("分别为", true),
    ("分别是", true),
    ("分别有", true),
    ("其中", false),
    ("包括", false),
];

/// [`TRIGGERS`]' words as one list, scanned for together.
fn trigger_words() -> Option<&'static WordList> {
    static LIST: std::sync::OnceLock<Option<WordList>> = std::sync::OnceLock::new();
    WordList::fixed(&LIST, TRIGGERS.iter().map(|t| t.0))
}

/// The figures of each sentence, in order.
fn by_sentence(figures: &[Figure]) -> Vec<&[Figure]> {
    let mut out: Vec<&[Figure]> = Vec::new();
    let mut start = 0;
    for i in 1..=figures.len() {
        if i == figures.len() || figures[i].sentence != figures[start].sentence {
            out.push(&figures[start..i]);
            start = i;
        }
    }
    out
}

/// Whether `s` holds only punctuation and white space.
fn only_marks(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_whitespace() || matches!(c, '，' | ',' | '：' | ':' | '、'))
}

/// The parts-sum rule over `text` (the document's matching text).
pub(super) fn parts_sum(text: &str, figures: &[Figure], lang: Lang, sink: &mut Sink) {
    for group in by_sentence(figures) {
        // A total and at least two parts, or nothing to add up.
        if group.len() < 3 {
            continue;
        }
        let Some(first) = group.first() else { continue };
        let sentence = first.sentence.clone();
        let Some(s) = text.get(sentence.clone()) else {
            continue;
        };
        // Each trigger in the sentence, in order: one scan for all of
        // them (no word of the list can overlap another's occurrence, nor
        // its own, so this finds each word wherever it is).
        let mut triggers: Vec<(usize, usize, bool)> = Vec::new();
        let mut from = 0;
        while let Some(r) = trigger_words().and_then(|l| l.find(&s[from..])) {
            let (start, end) = (from + r.start, from + r.end);
            let exhaustive = TRIGGERS.iter().any(|(w, e)| *e && *w == &s[start..end]);
            triggers.push((sentence.start + start, sentence.start + end, exhaustive));
            from = end;
        }
        for (k, &(t, t_end, exhaustive)) in triggers.iter().enumerate() {
            // The total: the figure right before the trigger.
            let Some(total) = group
                .iter()
                .rev()
                .find(|f| f.range.end <= t)
                .filter(|f| text.get(f.range.end..t).is_some_and(only_marks))
            else {
                continue;
            };
            if total.approx || total.unit == "%" {
                continue;
            }
            // The parts: figures of the same unit after it, up to the next
            // trigger or a figure of another unit.
            let stop = triggers.get(k + 1).map_or(sentence.end, |x| x.0);
            let mut parts: Vec<&Figure> = Vec::new();
            for f in group
                .iter()
                .filter(|f| f.range.start >= t_end && f.range.end <= stop)
            {
                if f.unit != total.unit {
                    break;
                }
                parts.push(f);
            }
            let Some(last) = parts.last() else { continue };
            if parts.len() < 2 || parts.iter().any(|p| p.approx) {
                continue;
            }
            // Shares, and lists that say they are incomplete.
            let after = text.get(t_end..sentence.end).unwrap_or("");
            let tail = text.get(last.range.end..stop).unwrap_or("");
            let listed = text.get(t_end..last.range.end).unwrap_or("");
            if after.contains('占') || tail.trim_start().starts_with('等') || listed.contains('等')
            {
                continue;
            }
            let exhaustive = exhaustive
                || parts
                    .iter()
                    .any(|p| p.context().contains("其他") || p.context().contains("其它"));
            let sum: f64 = parts.iter().map(|p| p.value).sum();
            let eps = 1e-6 * total.value.abs().max(1.0);
            let wrong = if exhaustive {
                (sum - total.value).abs() > eps
            } else {
                sum > total.value + eps
            };
            if wrong {
                let (sum, total_v, unit) = (Value(sum), Value(total.value), total.unit.as_ref());
                sink(
                    total.range.start..last.range.end,
                    tr!(
                        lang,
                        "分项合计{sum}{unit}，与总数{total_v}{unit}不符",
                        "the parts add up to {sum}{unit}, not the total {total_v}{unit}"
                    ),
                );
            }
        }
    }
}

/// Decimals written in a percentage (96.5% → 1).
fn decimals(written: &str) -> i32 {
    written.split_once(['.', '．']).map_or(0, |(_, d)| {
        d.chars().take_while(|c| c.is_ascii_digit()).count() as i32
    })
}

/// The rate rule.
pub(super) fn rate(text: &str, figures: &[Figure], lang: Lang, sink: &mut Sink) {
    for group in by_sentence(figures) {
        for w in group.windows(3) {
            let (whole, part, rate) = (&w[0], &w[1], &w[2]);
            if rate.unit != "%"
                || whole.unit != part.unit
                || whole.unit == "%"
                || whole.approx
                || part.approx
                || rate.approx
                || whole.value <= 0.0
                || part.value > whole.value
            {
                continue;
            }
            // The rate is named as one, right after the part's clause.
            let before = text.get(rate.clause.start..rate.range.start).unwrap_or("");
            if !before.contains('率') {
                continue;
            }
            let written = text.get(rate.range.clone()).unwrap_or("");
            let shown = decimals(written);
            let tolerance = 0.5 * 10f64.powi(-shown) + 1e-9;
            let computed = part.value / whole.value * 100.0;
            if (computed - rate.value).abs() > tolerance {
                let exact =
                    (computed * 10f64.powi(shown.max(1))).round() / 10f64.powi(shown.max(1));
                let (p, q, r, c) = (
                    Value(part.value),
                    Value(whole.value),
                    Value(rate.value),
                    Value(exact),
                );
                sink(
                    rate.range.clone(),
                    tr!(
                        lang,
                        "按{p}/{q}计算应为{c}%，这里写的是{r}%",
                        "{p}/{q} gives {c}%, but {r}% is written"
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::core::check::{CheckOptions, check};
    use crate::core::document::Document;
    use crate::core::spec::CompiledSpec;

    /// The parts-sum and rate alarms of one paragraph.
    fn alarms(text: &str) -> Vec<String> {
        let d = Document::parse(&format!("一、主要举措和成效\n{text}\n"));
        let opts = CheckOptions {
            lang: crate::core::lang::Lang::En,
        };
        let r = check(&d, &CompiledSpec::default_spec(), &opts);
        r.lints
            .iter()
            .filter(|l| l.rule == "parts-sum" || l.rule == "rate")
            .map(|l| format!("{}: {}", l.rule, l.message))
            .collect()
    }

    #[test]
    fn parts_that_do_not_add_up_are_caught() {
        assert_eq!(
            alarms("全年受理群众来信217件，涵盖求决类83件、建议类40件、投诉类61件、其他来信32件。"),
            ["parts-sum: the parts add up to 216件, not the total 217件"]
        );
        // An open list may not exceed its total.
        assert_eq!(
            alarms("共办理案件100件，其中刑事案件60件、民事案件50件。"),
            ["parts-sum: the parts add up to 110件, not the total 100件"]
        );
        // "分别为" promises the whole.
        assert_eq!(
            alarms("审查合同40份，分别为采购合同25份、租赁合同10份。").len(),
            1
        );
        // Money with decimals.
        assert_eq!(
            alarms("安排专项资金9.6万元，其中培训费2万元、宣传费4.5万元、设备费3.9万元。"),
            ["parts-sum: the parts add up to 10.4万元, not the total 9.6万元"]
        );
    }

    #[test]
    fn partial_lists_shares_approximations_and_other_units_are_not_alarms() {
        for ok in [
            "接待来访群众120人次，其中预约接待70人次，现场接待50人次。",
            "共办理案件100件，其中刑事案件30件、民事案件50件。",
            "共办理案件100余件，其中刑事案件60件、民事案件50件。",
            "共办理案件100件，其中刑事案件60件、民事案件50件等。",
            "共办理案件100件，其中刑事案件60件占60%、民事案件50件。",
            "开展普法活动75次，其中进校园30次，发放资料1200份，进社区20次。",
            "受理申请80件，办结76件，办结率95%，其中当场办结30件、限时办结20件。",
            "全所干部45人，其中研究生学历9人，具有律师资格4人。",
            "两类投诉量同比分别下降12.1%、8.6%。",
        ] {
            assert!(alarms(ok).is_empty(), "{ok}: {:?}", alarms(ok));
        }
    }

    #[test]
    fn a_rate_must_follow_from_its_counts_within_its_rounding() {
        assert_eq!(
            alarms("受理调解申请250件，调解成功238件，调解成功率96.2%。"),
            ["rate: 238/250 gives 95.2%, but 96.2% is written"]
        );
        for ok in [
            "受理调解申请250件，调解成功238件，调解成功率95.2%。",
            "受理调解申请250件，调解成功238件，调解成功率95%。",
            "在编人员21人，参加培训21人，参训率100%。",
            "收到意见建议14条，按期答复率100%。",
            "收到复议申请3宗、起诉1宗，负责人出庭2次，出庭率100%。",
        ] {
            assert!(alarms(ok).is_empty(), "{ok}: {:?}", alarms(ok));
        }
    }
}
