//! The document model's tests: paragraphs, headings, title, year.

use super::*;

const SAMPLE: &str = "您当前所在位置: 首页 > 正文\n\
青禾镇2024年度法治政府建设情况报告\n\
来源: 青禾镇人民政府\n\
\n\
2024年，青禾镇坚持依法行政。\n\
一、主要举措和成效\n\
（一）加强组织领导。镇党委书记履行第一责任人职责。\n\
1.完善制度\n\
正文一。\n\
2.压实责任\n\
正文二。\n\
（二）推进依法行政\n\
正文三。\n\
二、存在的不足和原因\n\
由于人手不足，执法不够规范。\n\
三、2025年工作打算\n\
一是加强学习；二是完善制度。\n\
分享到:\n";

#[test]
fn parses_title_year_and_tree() {
    let d = Document::parse(SAMPLE);
    let t = d.title().expect("title");
    assert_eq!(t.text, "青禾镇2024年度法治政府建设情况报告");
    assert_eq!(d.year(), Some(2024));
    let roots: Vec<_> = d.roots().map(|h| d.heading_title(h)).collect();
    assert_eq!(
        roots,
        ["主要举措和成效", "存在的不足和原因", "2025年工作打算"]
    );
    let first = d.roots().next().unwrap();
    assert_eq!(d.headings()[first].children.len(), 2);
    let sub = d.headings()[first].children[0];
    assert_eq!(d.heading_title(sub), "加强组织领导");
    assert_eq!(d.headings()[sub].children.len(), 2);
    assert!(d.numbering_issues().is_empty());
    // Residue at both ends.
    assert_eq!(d.paragraphs()[0].kind, ParagraphKind::Residue);
    assert_eq!(d.paragraphs().last().unwrap().kind, ParagraphKind::Residue);
    assert_eq!(d.paragraphs()[2].kind, ParagraphKind::Residue);
}

#[test]
fn enumeration_paragraph_is_body() {
    let d = Document::parse(SAMPLE);
    let p = d
        .paragraphs()
        .iter()
        .position(|p| d.text()[p.range.clone()].starts_with("一是"))
        .unwrap();
    assert_eq!(d.paragraphs()[p].kind, ParagraphKind::Body);
}

#[test]
fn crlf_and_bom_keep_line_numbers() {
    let raw = format!("\u{feff}{}", SAMPLE.replace('\n', "\r\n"));
    let d = Document::parse(&raw);
    assert!(d.format().bom);
    let h = d.roots().nth(1).unwrap();
    let p = &d.paragraphs()[d.headings()[h].paragraph];
    assert_eq!(p.line, 14);
    assert_eq!(d.position(p.range.start).line, 14);
}

#[test]
fn numbering_gap_is_reported() {
    let d = Document::parse("一、甲\n正文\n三、丙\n正文\n");
    let issues = d.numbering_issues();
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].problem, NumberingProblem::Gap);
}

#[test]
fn two_line_title() {
    let d =
        Document::parse("赵县人民政府\n2022年度法治政府建设情况报告\n2022年，县政府深入学习。\n");
    assert_eq!(
        d.title().unwrap().text,
        "赵县人民政府\n2022年度法治政府建设情况报告"
    );
    assert_eq!(d.year(), Some(2022));
}

#[test]
fn an_index_card_is_never_the_title_and_its_name_loses_its_label() {
    // The body repeats the title (its issuer on a line above): that is the
    // title, not the card's 名称 line; the year is the title's, not the
    // card's date.
    let d = Document::parse(
        "索引号：11410423/2025-00012\n名称：鲁阳县人民政府关于2024年法治政府建设情况的报告\n\
         发布机构：鲁阳县人民政府办公室\n生成日期：2025-03-20\n鲁阳县人民政府\n\
         关于2024年法治政府建设情况的报告\n2024年，我县坚持依法行政。\n一、主要举措\n正文。\n",
    );
    assert_eq!(
        d.title().unwrap().text,
        "鲁阳县人民政府\n关于2024年法治政府建设情况的报告"
    );
    assert_eq!(d.year(), Some(2024));
    // Only the card names it: its words, without 名称：.
    let d = Document::parse(
        "名称：鲁阳县法治政府建设情况报告\n生成日期：2025-03-20\n\
         过去一年，我县坚持依法行政，2024年召开常务会议学法4次。\n一、主要举措\n正文。\n",
    );
    assert_eq!(d.title().unwrap().text, "鲁阳县法治政府建设情况报告");
    assert_eq!(d.year(), Some(2024), "from the body, not the card's date");
}

#[test]
fn a_title_broken_over_lines_reads_as_one() {
    let d = Document::parse(
        "名称：\n鲁阳县人民政府关于2024年法治\n政府建设情况的报告\n发布机构：鲁阳县\n\
         2024年，我县坚持依法行政。\n一、主要举措\n正文。\n",
    );
    assert_eq!(
        d.title().unwrap().text,
        "鲁阳县人民政府关于2024年法治政府建设情况的报告"
    );
    let d = Document::parse(
        "青禾县2024年度法治政府建设\n情况报告\n2024年，全县坚持依法行政。\n一、主要举措\n正文。\n",
    );
    assert_eq!(
        d.title().unwrap().text,
        "青禾县2024年度法治政府建设情况报告"
    );
}

#[test]
fn markdown_title() {
    let d = Document::parse("# 青禾镇2024年度法治政府建设情况报告\n\n## 一、主要举措\n正文。\n");
    assert_eq!(
        d.title().unwrap().text,
        "青禾镇2024年度法治政府建设情况报告"
    );
    assert_eq!(d.headings().len(), 1);
    assert_eq!(d.heading_title(0), "主要举措");
}

#[test]
fn year_from_body_ignores_plans_ranges_and_book_titles() {
    let text = "某局\n2020年，我局推进法治建设。2020年度成效明显。\n按照《纲要(2015-2021年)》和《2019年报告》要求。\n一、下一步工作打算\n2021年要做好2021年的工作，2021年继续。\n";
    let d = Document::parse(text);
    assert_eq!(d.title().unwrap().text, "某局");
    assert_eq!(d.year(), Some(2020));
}

#[test]
fn no_title_when_body_starts_at_once() {
    let d = Document::parse(
        "|\n2024年,青禾镇围绕建设法治政府的目标,把依法行政贯穿到各项工作当中,全年办理各类事项一万余件,群众满意度不断提高。\n一、主要举措\n",
    );
    assert!(d.title().is_none());
    assert_eq!(d.year(), Some(2024));
}

#[test]
fn traditional_text_is_folded_for_matching() {
    let d = Document::parse("某縣2023年度法治政府建設情況報告\n");
    assert!(d.matching_text().contains("报告"));
    assert_eq!(d.title().unwrap().text, "某縣2023年度法治政府建設情況報告");
}

#[test]
fn in_sections_agrees_with_in_section_for_every_paragraph() {
    let d = Document::parse(
        "题目\n一、甲\n正文\n（一）乙\n正文\n（二）丙\n正文\n二、丁\n正文\n三、戊\n正文\n",
    );
    let n = d.headings().len();
    for set in [
        vec![],
        vec![0],
        vec![1, 2],
        vec![0, 1],
        vec![3, 4],
        (0..n).collect(),
    ] {
        let marks = d.in_sections(&set);
        for (p, inside) in marks.iter().enumerate() {
            assert_eq!(
                *inside,
                set.iter().any(|&h| d.in_section(p, h)),
                "{set:?} {p}"
            );
        }
    }
}

/// `years_with_nian` as it was written first (every 年, the four bytes
/// before it): the oracle of the digit-run scan.
fn years_by_nian(t: &str) -> Vec<(i32, usize)> {
    let b = t.as_bytes();
    t.match_indices('年')
        .filter_map(|(at, _)| {
            let i = at.checked_sub(4)?;
            let d = &b[i..at];
            if !d.iter().all(u8::is_ascii_digit) || (i > 0 && b[i - 1].is_ascii_digit()) {
                return None;
            }
            let y = d.iter().fold(0i32, |acc, x| acc * 10 + (x - b'0') as i32);
            (1900..=2099).contains(&y).then_some((y, i))
        })
        .collect()
}

#[test]
fn years_are_found_as_by_every_nian() {
    let mut rng = crate::core::testing::Rng(5);
    let pieces = [
        "2024",
        "1899",
        "2100",
        "19",
        "0",
        "5",
        "年",
        "年度",
        "中",
        "－",
        "-",
        "《",
        "x",
        " ",
        "２０２４",
    ];
    for _ in 0..20_000 {
        let t: String = (0..rng.below(12))
            .map(|_| pieces[rng.below(pieces.len())])
            .collect();
        assert_eq!(
            years_with_nian(&t).collect::<Vec<_>>(),
            years_by_nian(&t),
            "{t}"
        );
    }
    for t in [
        include_str!("../../../drafts/qinghe-2024.md"),
        include_str!("../../../drafts/xxgk-2024.md"),
    ] {
        assert_eq!(years_with_nian(t).collect::<Vec<_>>(), years_by_nian(t));
    }
}
