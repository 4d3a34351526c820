use super::*;

use crate::core::compare::Fixture;
use crate::core::testing::Rng;

/// (change, old value, new value) of each pair, with the context.
fn pairs(old: &str, new: &str) -> Vec<(FigureChange, Option<f64>, Option<f64>)> {
    let f = Fixture::new(old, new);
    let ps = f.paragraphs();
    pair_figures(&f.old_report.figures, &f.new_report.figures, &ps)
        .iter()
        .map(|p| {
            (
                p.change,
                p.old.map(|o| f.old_report.figures[o].value),
                p.new.map(|n| f.new_report.figures[n].value),
            )
        })
        .collect()
}

#[test]
fn figures_pair_by_unit_and_context_and_say_how_they_moved() {
    let old = "丙镇2023年度法治政府建设情况报告\n\n\
               全镇调处矛盾纠纷286件。审核合同38份。开展普法活动12场。\n";
    let new = "丙镇2024年度法治政府建设情况报告\n\n\
               全镇调处矛盾纠纷312件。审核合同38份。办理行政复议3宗。\n";
    let p = pairs(old, new);
    assert!(
        p.contains(&(FigureChange::Up, Some(286.0), Some(312.0))),
        "{p:?}"
    );
    assert!(
        p.contains(&(FigureChange::Same, Some(38.0), Some(38.0))),
        "{p:?}"
    );
    assert!(p.contains(&(FigureChange::New, None, Some(3.0))), "{p:?}");
    assert!(
        p.contains(&(FigureChange::Dropped, Some(12.0), None)),
        "{p:?}"
    );
    // Every figure of both years appears exactly once.
    assert_eq!(p.iter().filter(|x| x.1.is_some()).count(), 3);
    assert_eq!(p.iter().filter(|x| x.2.is_some()).count(), 3);
}

#[test]
fn figures_whose_first_offers_are_all_taken_offer_their_next_ones() {
    // 40 look-alikes last year and 60 this year, all alike: each of
    // this year's first offers are taken by the figures before it, so
    // it works out its next ones until none is left; every figure of
    // last year is paired exactly once, the rest are new.
    let old = format!(
        "丙镇2023年度法治政府建设情况报告\n\n{}\n",
        "审核合同5份，".repeat(40)
    );
    let new = format!(
        "丙镇2024年度法治政府建设情况报告\n\n{}\n",
        "审核合同5份，".repeat(60)
    );
    let p = pairs(&old, &new);
    assert_eq!(p.len(), 60, "{p:?}");
    assert_eq!(
        p.iter().filter(|x| x.0 == FigureChange::Same).count(),
        40,
        "{p:?}"
    );
    assert_eq!(
        p.iter().filter(|x| x.0 == FigureChange::New).count(),
        20,
        "{p:?}"
    );
}

#[test]
fn a_figure_offers_more_of_its_aligned_look_alikes_when_the_first_are_taken() {
    // 17 of this year's 审核合同5份 and 20 of last year's, alike in words,
    // value and paragraph, none at the same place: each of this year's
    // prefers last year's in text order, so the 17th finds its first
    // offers all taken and must offer the next ones (more than a figure
    // offers at once).
    let old = format!(
        "丙镇2023年度法治政府建设情况报告\n\n{}{}\n",
        "审核合同5份，".repeat(20),
        "开展活动3场，".repeat(20)
    );
    let new = format!(
        "丙镇2024年度法治政府建设情况报告\n\n{}{}\n",
        "开展活动3场，".repeat(20),
        "审核合同5份，".repeat(17)
    );
    let p = pairs(&old, &new);
    let same = |v: f64| {
        p.iter()
            .filter(|x| **x == (FigureChange::Same, Some(v), Some(v)))
            .count()
    };
    assert_eq!(same(5.0), 17, "{p:?}");
}

#[test]
fn naming_words_decide_not_the_place_alone() {
    // Aligned paragraphs, same unit and metric: 已有6个村 and 剩余3个村
    // count different villages; 9个村 is the same figure both years.
    let old = "丙镇2023年度法治政府建设情况报告\n\n\
               推进一村一法律顾问，9个村（社区）中已有6个村签约法律顾问。\n";
    let new = "丙镇2024年度法治政府建设情况报告\n\n\
               推进一村一法律顾问，为剩余3个村签约法律顾问，9个村（社区）全部签约法律顾问。\n";
    let p = pairs(old, new);
    assert!(
        p.contains(&(FigureChange::Same, Some(9.0), Some(9.0))),
        "{p:?}"
    );
    assert!(p.contains(&(FigureChange::New, None, Some(3.0))), "{p:?}");
    assert!(
        p.contains(&(FigureChange::Dropped, Some(6.0), None)),
        "{p:?}"
    );
    // A sentence reworded around the same naming words pairs.
    let old = "丙镇2023年度法治政府建设情况报告\n\n存在的不足。\n\
               另一方面是执法队伍中法律专业人员仅2人。\n";
    let new = "丙镇2024年度法治政府建设情况报告\n\n存在的不足。\n\
               县里考核发现，执法人员中具有法律专业背景的仅3人。\n";
    let p = pairs(old, new);
    assert!(
        p.contains(&(FigureChange::Up, Some(2.0), Some(3.0))),
        "{p:?}"
    );
    // Sharing only the thing counted (纠纷) is not the same figure:
    // land disputes and disputes taken online.
    let body = "全镇各级调解组织共调处矛盾纠纷286件，调解成功278件";
    let old = format!("丙镇2023年度法治政府建设情况报告\n\n{body}。其中土地山林纠纷41件。\n");
    let new = format!("丙镇2024年度法治政府建设情况报告\n\n{body}。线上受理纠纷87件。\n");
    let p = pairs(&old, &new);
    assert!(p.contains(&(FigureChange::New, None, Some(87.0))), "{p:?}");
    assert!(
        p.contains(&(FigureChange::Dropped, Some(41.0), None)),
        "{p:?}"
    );
}

#[test]
fn unnamed_figures_of_aligned_paragraphs_pair_though_their_words_differ() {
    // A figure named by one character (有 / 建) shares no bigram with
    // the other: in aligned paragraphs they are still the same figure.
    let body = "全镇扎实推进法治政府建设各项工作，任务稳步推进，";
    let old = format!("丁镇2023年度法治政府建设情况报告\n\n{body}有3个。\n");
    let new = format!("丁镇2024年度法治政府建设情况报告\n\n{body}建5个。\n");
    let p = pairs(&old, &new);
    assert!(
        p.contains(&(FigureChange::Up, Some(3.0), Some(5.0))),
        "{p:?}"
    );
}

#[test]
fn the_same_words_and_value_elsewhere_outweigh_a_weak_look_alike_in_place() {
    // 新建口袋公园5个 stands in the paragraph aligned with one naming
    // 修建口袋广场 (under half alike, at another place); last year's
    // other paragraph has 新建口袋公园5个 itself. The aligned paragraphs'
    // candidates are offered first only when nothing elsewhere can beat
    // them: here the figure elsewhere does.
    let body = "全镇扎实推进法治政府建设各项工作，依法化解各类矛盾，持续改善群众生活环境";
    let old = format!(
        "丙镇2023年度法治政府建设情况报告\n\n{body}，建成健身步道2条，修建口袋广场3个。\n\n\
         另据住建部门统计，新建口袋公园5个。\n"
    );
    let new =
        format!("丙镇2024年度法治政府建设情况报告\n\n{body}，新建口袋公园5个，建成健身步道6条。\n");
    let p = pairs(&old, &new);
    assert!(
        p.contains(&(FigureChange::Same, Some(5.0), Some(5.0))),
        "{p:?}"
    );
    assert!(
        p.contains(&(FigureChange::Dropped, Some(3.0), None)),
        "{p:?}"
    );
}

#[test]
fn a_result_never_pairs_with_a_target_however_many_look_alikes() {
    // Over 256 look-alike results (a bucket not scanned whole), and last
    // year's plan for contracts moved into this year's results: the
    // aligned paragraphs' figures are candidates only when both are
    // results (or both targets), as in a smaller report.
    let many: String = (0..30)
        .map(|p| {
            let clauses: Vec<String> = (0..10)
                .map(|k| format!("审核合同{}份", p * 10 + k + 1))
                .collect();
            format!("第{p}批工作中，{}。\n\n", clauses.join("，"))
        })
        .collect();
    let plan = "持续规范重大合同管理，严格落实合法性审核制度，全年审核合同";
    let old = format!(
        "丙镇2023年度法治政府建设情况报告\n\n一、主要举措和成效\n\n{many}\
         三、2024年工作打算\n\n{plan}400份。\n"
    );
    let new =
        format!("丙镇2024年度法治政府建设情况报告\n\n一、主要举措和成效\n\n{many}{plan}450份。\n");
    let f = Fixture::new(&old, &new);
    let (of, nf) = (&f.old_report.figures, &f.new_report.figures);
    assert!(of.iter().any(|x| x.target && x.value == 400.0), "{of:?}");
    let ps = f.paragraphs();
    let pairs = pair_figures(of, nf, &ps);
    for p in &pairs {
        if let (Some(i), Some(j)) = (p.old, p.new) {
            assert_eq!(
                of[i].target, nf[j].target,
                "{:?} paired with {:?}",
                of[i], nf[j]
            );
        }
    }
}

#[test]
fn a_key_is_the_same_whatever_the_years_in_its_words() {
    // Keys leave digits out, so last year's years need no rolling forward
    // (pair_figures relies on it).
    let f = Fixture::new(
        "丙镇2023年度法治政府建设情况报告\n\n2023年共计审核合同38份。\n",
        "丙镇2024年度法治政府建设情况报告\n\n2024年共计审核合同38份。\n",
    );
    let (o, n) = (&f.old_report.figures, &f.new_report.figures);
    let (o, n) = (
        o.iter().find(|x| x.value == 38.0),
        n.iter().find(|x| x.value == 38.0),
    );
    let (o, n) = (o.expect("old figure"), n.expect("new figure"));
    assert!(o.context().contains("2023"), "{:?}", o.context());
    assert_eq!(figure_key(o), figure_key(n));
    assert!(!figure_key(o).is_empty());
}

#[test]
fn figures_of_different_units_never_pair() {
    let old = "丁镇2023年度法治政府建设情况报告\n\n罚没款46.05万元。\n";
    let new = "丁镇2024年度法治政府建设情况报告\n\n罚没款46件。\n";
    let p = pairs(old, new);
    assert!(
        p.iter().all(|x| x.1.is_none() || x.2.is_none()),
        "万元 and 件 paired: {p:?}"
    );
}

/// The pairs as the rule states them: every candidate of a bucket scored,
/// all sorted best first (then this year's figure, then last year's, in
/// text order), each figure taken once. The oracle for [`pair_figures`],
/// which gets there without scoring or sorting them all. For buckets of
/// up to 256 figures (each scanned whole); (new, old) pairs.
fn pairs_by_sorting_all(f: &Fixture) -> Vec<(usize, usize)> {
    let (of, nf) = (&f.old_report.figures, &f.new_report.figures);
    let mut aligned: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for p in f.paragraphs().iter().filter(|p| p.old.is_some()) {
        for n in p.new_all() {
            aligned.entry(n).or_default().extend(p.old_all());
        }
    }
    let ordinal = |fs: &[Figure], k: usize| {
        (0..k)
            .rev()
            .take_while(|&m| fs[m].paragraph == fs[k].paragraph)
            .count()
    };
    let mut all = Vec::new();
    for (j, n) in nf.iter().enumerate() {
        let nk = figure_key(n);
        for (i, o) in of.iter().enumerate() {
            if (&o.unit, o.metric, o.target) != (&n.unit, n.metric, n.target) {
                continue;
            }
            let ok = figure_key(o);
            let mut s = dice(&ok, &nk);
            let in_aligned = aligned
                .get(&n.paragraph)
                .is_some_and(|a| a.contains(&o.paragraph));
            if in_aligned && (s >= 0.3 || (ok.len() <= 2 && nk.len() <= 2)) {
                s += if n.metric.is_some() { 1.0 } else { 0.8 };
                if ordinal(of, i) == ordinal(nf, j) {
                    s += 0.2;
                }
            }
            if s >= 0.5 && o.value == n.value {
                s += 0.3;
            }
            if s >= 0.5 {
                all.push((s, j, i));
            }
        }
    }
    all.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut old_used, mut new_used) = (vec![false; of.len()], vec![false; nf.len()]);
    let mut out = Vec::new();
    for (_, j, i) in all {
        if !old_used[i] && !new_used[j] {
            (old_used[i], new_used[j]) = (true, true);
            out.push((j, i));
        }
    }
    out.sort_unstable();
    out
}

/// A report of look-alike figures from a fixed seed, and a next year's
/// edit of it: figures changed, clauses reworded, dropped and added,
/// paragraphs dropped, added and moved.
fn look_alike_reports(rng: &mut Rng) -> (String, String) {
    const NAMES: &[&str] = &[
        "调处矛盾纠纷",
        "审核合同",
        "开展普法活动",
        "办理行政复议案件",
        "行政诉讼案件",
        "培训执法人员",
        "聘请法律顾问",
        "受理投诉",
        "土地纠纷",
        "线上受理纠纷",
        "有",
        "建",
    ];
    const UNITS: &[&str] = &["件", "份", "场", "人", "次", "个"];
    const LEADS: &[&str] = &["", "其中", "全年", "共", "一是", "同时"];
    let clause = |rng: &mut Rng| {
        format!(
            "{}{}{}{}",
            LEADS[rng.below(LEADS.len())],
            NAMES[rng.below(NAMES.len())],
            1 + rng.below(6),
            UNITS[rng.below(UNITS.len())]
        )
    };
    // Now and then a long paragraph: more look-alikes in aligned
    // paragraphs than a figure offers at once.
    let most = if rng.below(8) == 0 { 60 } else { 4 };
    let mut paragraphs: Vec<Vec<String>> = (0..4 + rng.below(10))
        .map(|_| (0..1 + rng.below(most)).map(|_| clause(rng)).collect())
        .collect();
    let text = |year: u32, ps: &[Vec<String>]| {
        let body: Vec<String> = ps.iter().map(|p| format!("{}。", p.join("，"))).collect();
        format!(
            "丙镇{year}年度法治政府建设情况报告\n\n{}\n",
            body.join("\n\n")
        )
    };
    let old = text(2023, &paragraphs);
    for p in &mut paragraphs {
        for c in p.iter_mut() {
            match rng.below(6) {
                // A new figure, or a clause reworded.
                0 | 1 => {
                    let digits = c.trim_end_matches(|ch: char| !ch.is_ascii_digit());
                    let unit = &c[digits.len()..];
                    let name = digits.trim_end_matches(|ch: char| ch.is_ascii_digit());
                    *c = format!("{name}{}{unit}", 1 + rng.below(6));
                }
                2 => *c = clause(rng),
                _ => {}
            }
        }
        if rng.below(4) == 0 {
            p.push(clause(rng));
        }
        if p.len() > 1 && rng.below(4) == 0 {
            p.remove(rng.below(p.len()));
        }
    }
    // A paragraph rewritten from another's clauses: look-alikes outside
    // the aligned paragraphs.
    if paragraphs.len() > 1 {
        let (a, b) = (rng.below(paragraphs.len()), rng.below(paragraphs.len()));
        let mut p = paragraphs[b].clone();
        p.reverse();
        p.push(clause(rng));
        paragraphs[a] = p;
    }
    if paragraphs.len() > 2 && rng.below(3) == 0 {
        let p = paragraphs.remove(rng.below(paragraphs.len()));
        paragraphs.insert(rng.below(paragraphs.len()), p);
    }
    if rng.below(3) == 0 {
        paragraphs.remove(rng.below(paragraphs.len()));
    }
    if rng.below(3) == 0 {
        paragraphs.push((0..1 + rng.below(3)).map(|_| clause(rng)).collect());
    }
    (old, text(2024, &paragraphs))
}

#[test]
fn figures_pair_as_if_every_candidate_were_sorted() {
    // pair_figures offers the aligned paragraphs' best first and then a
    // few at a time from postings; the pairs must be those of sorting
    // every scored candidate of a bucket and taking them in turn.
    let mut rng = Rng(0x5eed_f1c5);
    let mut figures = 0;
    for round in 0..300 {
        let (old, new) = look_alike_reports(&mut rng);
        let f = Fixture::new(&old, &new);
        let got: Vec<(usize, usize)> = {
            let ps = f.paragraphs();
            let mut v: Vec<(usize, usize)> =
                pair_figures(&f.old_report.figures, &f.new_report.figures, &ps)
                    .iter()
                    .filter_map(|p| Some((p.new?, p.old?)))
                    .collect();
            v.sort_unstable();
            v
        };
        assert_eq!(
            got,
            pairs_by_sorting_all(&f),
            "round {round}:\n{old}\n{new}"
        );
        figures += f.new_report.figures.len();
    }
    // Enough look-alikes for the order to matter.
    assert!(figures > 3000, "{figures}");
}

#[test]
fn a_key_short_of_huge_never_rounds_to_the_same_words_score() {
    // The likeness closest to 1.0 without being it, for keys of up to
    // HUGE_KEY bigrams, plus the same value's 0.3: below the score of
    // the very same words (what score_best takes as the best).
    let best: f32 = 1.0 + 0.3;
    for a in [HUGE_KEY, HUGE_KEY - 1, HUGE_KEY / 2, 1000, 10, 1] {
        for (shared, b) in [(a, a + 1), (a - 1, a), (a - 1, a - 1)] {
            if shared == 0 && b == 0 {
                continue;
            }
            let d = dice_of(shared, a, b);
            assert!(d < 1.0);
            assert!(d + 0.3 < best, "{a} {b} {shared}");
        }
    }
    // Far larger keys do round (why score_best leaves them alone).
    let a = 1 << 22;
    assert_eq!(dice_of(a, a, a + 1) + 0.3, best);
}

#[test]
fn an_aligned_figure_tied_with_the_same_words_elsewhere_comes_first_in_text_order() {
    // In the aligned paragraphs, 款5个 and 案5个 share no naming word but
    // are unnamed, in the same place, of the same value: 0.8 + 0.2 + 0.3,
    // the very score of 案5个 (the same words and value) further down
    // last year. Tied, last year's first in text order wins: the aligned
    // one, though the best candidates are gathered from two places.
    let old = "丙镇2023年度法治政府建设情况报告\n\n\
               全镇各村的房屋已经整修完毕，款5个。\n\n\
               另有安排。\n\n\
               案5个。\n";
    let new = "丙镇2024年度法治政府建设情况报告\n\n\
               全镇各村的房屋已经整修完毕，案5个。\n";
    let f = Fixture::new(old, new);
    let ps = f.paragraphs();
    let (of, nf) = (&f.old_report.figures, &f.new_report.figures);
    assert_eq!((of.len(), nf.len()), (2, 1), "{of:?} {nf:?}");
    let got = pair_figures(of, nf, &ps);
    let taken = got.iter().find(|p| p.new == Some(0)).and_then(|p| p.old);
    assert_eq!(taken, Some(0), "{:?}", of[taken.unwrap_or(0)].context());
}
