//! Figures read from text: numerals, units, approximations, contexts.

use super::*;
use crate::core::spec::DEFAULT_UNITS;

fn units() -> Vec<String> {
    let mut u: Vec<String> = DEFAULT_UNITS.iter().map(|s| s.to_string()).collect();
    u.push("张".into());
    u.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    u
}

fn figs(text: &str) -> Vec<Figure> {
    let d = Document::parse(&format!("正文\n{text}\n"));
    extract(&d, &units())
}

fn one(text: &str) -> (f64, String, bool) {
    let f = figs(text);
    assert_eq!(f.len(), 1, "{text}: {f:?}");
    (f[0].value, f[0].unit.to_string(), f[0].approx)
}

#[test]
fn arabic_figures() {
    assert_eq!(one("驻乡律师共审核合同38份。"), (38.0, "份".into(), false));
    assert_eq!(one("罚没款46.05万元。"), (46.05, "万元".into(), false));
    assert_eq!(one("出庭率100%。"), (100.0, "%".into(), false));
    assert_eq!(one("调解成功率41.8％。"), (41.8, "%".into(), false));
    assert_eq!(one("共１２件。"), (12.0, "件".into(), false));
    assert_eq!(one("服务1,600人次。"), (1600.0, "人次".into(), false));
}

#[test]
fn scaling_and_approximation() {
    assert_eq!(one("宣传单1万余份。"), (10_000.0, "份".into(), true));
    assert_eq!(one("印发资料1.2万余份。"), (12_000.0, "份".into(), true));
    assert_eq!(one("资料4万多份。"), (40_000.0, "份".into(), true));
    assert_eq!(one("挽回损失1742多万元。"), (1742.0, "万元".into(), true));
    assert_eq!(one("普法活动140多场。"), (140.0, "场".into(), true));
    assert_eq!(one("提供法律咨询670余次。"), (670.0, "次".into(), true));
    assert_eq!(one("涉及人数约375人。"), (375.0, "人".into(), true));
    assert_eq!(one("发布推文近110篇。"), (110.0, "篇".into(), true));
    assert_eq!(one("参加培训100人左右。"), (100.0, "人".into(), true));
}

#[test]
fn chinese_figures() {
    assert_eq!(one("聘请三名法律顾问。"), (3.0, "名".into(), false));
    assert_eq!(one("召开两次会议。"), (2.0, "次".into(), false));
    assert_eq!(one("办理十二件。"), (12.0, "件".into(), false));
    assert_eq!(one("受理一百零五件。"), (105.0, "件".into(), false));
    assert_eq!(one("发放两千三百份。"), (2300.0, "份".into(), false));
    assert_eq!(one("覆盖三万人。"), (30_000.0, "人".into(), false));
    assert_eq!(one("完成率达百分之九十。"), (90.0, "%".into(), false));
    assert_eq!(one("共办理一件。"), (1.0, "件".into(), false));
}

#[test]
fn words_that_are_not_figures() {
    for t in [
        "做到“两个维护”，增强“四个意识”。",
        "作为一项重要政治任务。",
        "统一部署。",
        "第一次会议。",
        "2024年，我镇坚持依法行政。",
        "用时3个月完成。",
        "5G网络覆盖。",
        "索引号lsx31/2025-00001。",
        "1-11月发案率下降。",
        "推行一站式服务。",
    ] {
        assert!(figs(t).is_empty(), "{t}: {:?}", figs(t));
    }
}

#[test]
fn context_and_text() {
    let f = figs("有效化矛盾纠纷297件。");
    assert_eq!(f[0].context(), "有效化矛盾纠纷");
    assert_eq!(&*f[0].text, "有效化矛盾纠纷297件");
    let f = figs("2024年以来驻乡律师共审核合同38份，参与审查会5次，答复行政复议1份。");
    assert_eq!(f.len(), 3);
    assert_eq!(f[0].context(), "2024年以来驻乡律师共审核合同");
    assert_eq!(f[1].context(), "参与审查会");
    assert_eq!(f[2].context(), "答复行政复议");
    let f = figs("聘请3名法律顾问。");
    assert_eq!(f[0].context(), "法律顾问");
    assert_eq!(&*f[0].text, "聘请3名法律顾问");
    let f = figs("公开文书646份、政策解读12篇。");
    assert_eq!(f[1].context(), "政策解读");
    // Words after the unit: whole, not cut inside a word, and not past the
    // next number.
    let f = figs("推进一村一法律顾问，9个村（社区）全部签约法律顾问。");
    assert_eq!(f[0].context(), "村（社区）全部签约法律顾问");
    let f = figs("推进一村一法律顾问，9个村（社区）中已有6个村签约。");
    assert_eq!(f[0].context(), "村（社区）中已有");
    // Nothing after: the short words before name it.
    let f = figs("排查风险隐患58条，化解55条。");
    assert_eq!(f[1].context(), "化解");
}

#[test]
fn long_contexts_are_cut_between_words() {
    // Cut 20 characters back inside a word (基层): on after the next
    // linking word.
    let f = figs("组织开展基层干部学习培训和社区法律知识竞赛宣讲活动40场。");
    assert_eq!(f[0].context(), "社区法律知识竞赛宣讲活动");
    // A clause of exactly 20 characters is whole, a linking word in it
    // or not.
    let f = figs("上半年完成。镇村两级和各站所共同推送法治宣传信息案例97条。");
    assert_eq!(f[0].context(), "镇村两级和各站所共同推送法治宣传信息案例");
    // An opening mark is not a break: the words before it may be whole.
    let f = figs("今年以来持续推进公共法律服务“掌上办”平台为企业提供咨询17次。");
    assert!(
        f[0].context().starts_with("公共法律服务"),
        "{}",
        f[0].context()
    );
    // After the unit, cut back to a word's end (not …社区法).
    let f = figs("投入12万元用于改造全县乡镇法治文化阵地和更新社区法律图书角的配套设施。");
    assert_eq!(f[0].context(), "用于改造全县乡镇法治文化阵地");
    // After the unit, 约 ends a word (公约), not an approximation.
    let f = figs("帮助3个社区修订物业管理公约。");
    assert_eq!(f[0].context(), "社区修订物业管理公约");
}

#[test]
fn positions_count_characters() {
    let d = Document::parse("正文\n一、举措\n办理行政复议3宗。\n");
    let f = extract(&d, &units());
    assert_eq!(f[0].position, Position { line: 3, column: 7 });
}

#[test]
fn heading_markers_are_not_figures() {
    let d = Document::parse("正文\n1.学法6次\n（2）普法\n");
    let f = extract(&d, &units());
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].value, 6.0);
}

#[test]
fn chinese_numerals_with_wan_and_yi_inside_and_titles_left_out() {
    assert_eq!(
        one("覆盖群众八万三千一百一十名。"),
        (83110.0, "名".into(), false)
    );
    assert_eq!(
        one("受理案件三万二千八百八十一件。"),
        (32881.0, "件".into(), false)
    );
    assert_eq!(one("发放宣传资料七十一份。"), (71.0, "份".into(), false));
    // A word-forming character before a longer numeral does not make a
    // word of it (同一 is "the same", 合同七十一份 is 71 contracts)…
    assert_eq!(one("审核合同七十一份。"), (71.0, "份".into(), false));
    // …but 第 makes any numeral an ordinal.
    assert!(figs("位列全县第二十名。").is_empty());
    // A trailing 万 still scales the count (三万份 → 30000).
    assert_eq!(one("发放资料三万份。"), (30000.0, "份".into(), false));
    // Idioms stay out.
    assert!(figs("为发展贡献一份力量。").is_empty());
    // A title's numerals name a document, not a count.
    assert!(figs("开展《四个专项行动方案》宣传。").is_empty());
    assert_eq!(one("印发《三年行动方案》，开展专项行动五次。").0, 5.0);
    // An unclosed 《 is not a title: what follows is still read.
    assert_eq!(one("《方案印发，开展宣传五次。").0, 5.0);
}
