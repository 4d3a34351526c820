//! Last year's plans followed up: each item of the old report's plans
//! section, and the paragraph of this year's report that answers it.

use super::comparison_key;
use super::model::PlanFollowUp;
use super::similarity::{Bigram, bigrams};
use crate::core::check::ItemSections;
use crate::core::document::{Document, ParagraphKind};
use crate::core::outline::enumeration_items;
use crate::core::spec::CompiledSpec;
use rustc_hash::FxHashMap;
use std::ops::Range;

/// Bigrams too common in plans to tell one item from another.
pub(super) const PLAN_STOP: &[&str] = &[
    "加强", "推进", "进一", "一步", "步加", "工作", "建设", "开展", "完善", "提升", "深化", "持续",
    "全面", "进行", "不断", "法治", "坚持", "落实", "强化", "推动", "积极", "切实", "确保", "做好",
    "努力", "继续",
];

pub(super) fn plan_bigrams(s: &str) -> Vec<Bigram> {
    static STOP: std::sync::OnceLock<Vec<Bigram>> = std::sync::OnceLock::new();
    let stop = STOP.get_or_init(|| {
        let mut v: Vec<Bigram> = PLAN_STOP.iter().flat_map(|w| bigrams(w)).collect();
        v.sort_unstable();
        v
    });
    bigrams(s)
        .into_iter()
        .filter(|b| stop.binary_search(b).is_err())
        .collect()
}

/// Items of the old report's plans section and their follow-up in the new
/// report's account of the year (its measures section when found, else
/// everything outside its plans and shortcomings).
pub(super) fn follow_up_plans(
    old: &Document,
    new: &Document,
    spec: &CompiledSpec,
    old_sections: &ItemSections,
    new_sections: &ItemSections,
) -> Vec<PlanFollowUp> {
    let plans_id = spec
        .spec
        .lints
        .year_consistency
        .item
        .as_deref()
        .unwrap_or("next_year");
    let Some(pi) = spec.item_index(plans_id) else {
        return Vec::new();
    };
    let Some(&plan_h) = old_sections[pi].first() else {
        return Vec::new();
    };
    // The plan items: sub-headings; else 一是… items; else paragraphs.
    let mut items: Vec<Range<usize>> = Vec::new();
    let hd = &old.headings()[plan_h];
    if !hd.children.is_empty() {
        for &c in &hd.children {
            let ch = &old.headings()[c];
            let start = old.paragraphs()[ch.paragraph].range.start;
            let end = old.paragraphs()[ch.end_paragraph.saturating_sub(1).max(ch.paragraph)]
                .range
                .end;
            items.push(start..end);
        }
    } else {
        for p in old.section_paragraphs(plan_h) {
            let para = &old.paragraphs()[p];
            if para.kind == ParagraphKind::Residue {
                continue;
            }
            let t = old.paragraph_text(p);
            let en = enumeration_items(t);
            if en.is_empty() {
                items.push(para.range.clone());
            } else {
                items.extend(
                    en.into_iter()
                        .map(|r| para.range.start + r.start..para.range.start + r.end),
                );
            }
        }
    }
    // Where this year's report gives its account.
    let measures = spec
        .item_index("measures")
        .and_then(|m| new_sections[m].first().copied());
    let excluded: Vec<usize> = [Some(pi), spec.item_index("shortcomings")]
        .into_iter()
        .flatten()
        .flat_map(|i| new_sections[i].clone())
        .collect();
    let in_excluded = new.in_sections(&excluded);
    let candidates: Vec<usize> = (0..new.paragraphs().len())
        .filter(|&p| {
            let k = new.paragraphs()[p].kind;
            matches!(k, ParagraphKind::Body | ParagraphKind::Heading(_))
                && match measures {
                    Some(m) => new.in_section(p, m),
                    None => !in_excluded[p],
                }
        })
        .collect();
    // Weight bigrams by how rare they are in the new report.
    let cand_bg: Vec<Vec<Bigram>> = candidates
        .iter()
        .map(|&p| plan_bigrams(new.paragraph_text(p)))
        .collect();
    let mut df: FxHashMap<Bigram, u32> = FxHashMap::default();
    for bg in &cand_bg {
        for &b in bg {
            *df.entry(b).or_default() += 1;
        }
    }
    let n = candidates.len().max(1) as f32;
    let weight =
        |b: &Bigram| -> f32 { (n / (1.0 + *df.get(b).unwrap_or(&0) as f32)).ln().max(0.0) + 1.0 };
    items
        .into_iter()
        .map(|r| {
            let text = old.text()[r.clone()].to_owned();
            let bg = plan_bigrams(&comparison_key(&text, None));
            let total: f32 = bg.iter().map(&weight).sum();
            let mut best: Option<(usize, f32)> = None;
            for (k, cbg) in cand_bg.iter().enumerate() {
                let shared: f32 = bg
                    .iter()
                    .filter(|b| cbg.binary_search(b).is_ok())
                    .map(&weight)
                    .sum();
                let score = if total > 0.0 { shared / total } else { 0.0 };
                if best.is_none_or(|b| score > b.1) {
                    best = Some((k, score));
                }
            }
            let mut evidence =
                best.map(|(k, s)| (new.paragraphs()[candidates[k]].range.clone(), s));
            let mut followed_up = evidence
                .as_ref()
                .is_some_and(|e| e.1 >= FOLLOW_UP_THRESHOLD);
            // A name the plan quotes (“智慧调解”平台) found in this year's
            // account is follow-up too.
            if !followed_up {
                for name in quoted_names(&text) {
                    if let Some(&p) = candidates
                        .iter()
                        .find(|&&p| new.paragraph_text(p).contains(name.as_str()))
                    {
                        let score = evidence.as_ref().map_or(0.0, |e| e.1);
                        evidence = Some((
                            new.paragraphs()[p].range.clone(),
                            score.max(FOLLOW_UP_THRESHOLD),
                        ));
                        followed_up = true;
                        break;
                    }
                }
            }
            PlanFollowUp {
                text,
                old_range: r,
                followed_up,
                evidence,
            }
        })
        .collect()
}

/// Names in quotation marks (“智慧调解”), 2 to 12 characters long.
pub(super) fn quoted_names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['“', '「']) {
        let after = &rest[open + '“'.len_utf8()..];
        let Some(close) = after.find(['”', '」']) else {
            break;
        };
        let name = &after[..close];
        let n = name.chars().count();
        if (2..=12).contains(&n) {
            out.push(name.to_owned());
        }
        rest = &after[close..];
    }
    out
}

/// The share of a plan item's (weighted, informative) bigrams that one
/// paragraph of this year's account must contain to count as follow-up.
pub const FOLLOW_UP_THRESHOLD: f32 = 0.3;

#[cfg(test)]
mod tests {
    use super::*;

    use crate::core::check::match_sections;
    use crate::core::compare::Fixture;

    #[test]
    fn last_years_plans_are_followed_up_or_not() {
        let old = "戊镇2023年度法治政府建设情况报告\n\n\
                   一、主要举措和成效\n\n全年审核合同38份。\n\n\
                   二、存在的不足和原因\n\n执法人员偏少，究其原因是编制不足。\n\n\
                   三、2024年工作打算\n\n\
                   一是推进行政执法案卷评查常态化，每季度评查一次。\
                   二是建设镇级公共法律服务工作站。\n";
        let new = "戊镇2024年度法治政府建设情况报告\n\n\
                   一、主要举措和成效\n\n\
                   开展行政执法案卷评查4次，评查案卷58卷，评查实现常态化。\n\n\
                   全年审核合同45份。\n";
        let f = Fixture::new(old, new);
        let (or, nr) = (
            match_sections(&f.old, &f.spec),
            match_sections(&f.new, &f.spec),
        );
        let plans = follow_up_plans(&f.old, &f.new, &f.spec, &or, &nr);
        assert_eq!(plans.len(), 2, "{plans:?}");
        let review = plans.iter().find(|p| p.text.contains("案卷评查")).unwrap();
        assert!(review.followed_up, "{review:?}");
        let (r, _) = review.evidence.clone().unwrap();
        assert!(f.new.text()[r].contains("评查案卷58卷"));
        let station = plans.iter().find(|p| p.text.contains("工作站")).unwrap();
        assert!(!station.followed_up, "{station:?}");
    }
}
