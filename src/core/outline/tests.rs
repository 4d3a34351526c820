//! Heading shapes, run-in headings, enumerations and numbering checks.
use super::*;

fn heading(line: &str) -> HeadingMark {
    match classify_line(line) {
        LineShape::Heading(h) => h,
        other => panic!("{line:?} is {other:?}"),
    }
}

#[test]
fn level_one_chinese_comma() {
    let line = "一、工作开展情况";
    let h = heading(line);
    assert_eq!(
        (h.level, h.number, h.style),
        (1, Some(1), MarkerStyle::ChineseComma)
    );
    assert_eq!(&line[h.title.clone()], "工作开展情况");
    assert_eq!(h.body, None);
    let h = heading("十一、其他");
    assert_eq!(h.number, Some(11));
    let h = heading("  二十三、其他");
    assert_eq!(h.number, Some(23));
}

#[test]
fn level_two_both_widths() {
    for line in ["（一）组织领导", "(一)组织领导", "(一）组织领导"] {
        let h = heading(line);
        assert_eq!((h.level, h.number), (2, Some(1)), "{line}");
        assert_eq!(&line[h.title.clone()], "组织领导");
    }
    assert_eq!(heading("（十二）其他").number, Some(12));
}

#[test]
fn level_three_arabic_forms() {
    for line in ["1.学法", "1．学法", "1、学法", "12.学法", "１．学法"] {
        let h = heading(line);
        assert_eq!(h.level, 3, "{line}");
    }
    assert_eq!(heading("12.学法").number, Some(12));
    // Decimals and years are not markers.
    assert_eq!(classify_line("1.6万元用于普法"), LineShape::Text);
    assert_eq!(classify_line("2024年，我镇坚持"), LineShape::Text);
    assert_eq!(classify_line("2024.学法"), LineShape::Text);
}

#[test]
fn level_four_arabic_paren() {
    for line in ["（1）学法", "(1)学法", "（12）学法"] {
        assert_eq!(heading(line).level, 4, "{line}");
    }
}

#[test]
fn run_in_heading_splits_title_and_body() {
    let line = "（二）深入排查化解矛盾，防控重大风险保稳定。一是加强排查；二是及时化解。";
    let h = heading(line);
    assert_eq!(
        &line[h.title.clone()],
        "深入排查化解矛盾，防控重大风险保稳定"
    );
    assert_eq!(
        &line[h.body.clone().unwrap()],
        "一是加强排查；二是及时化解。"
    );
    // A heading that ends with 。 and nothing after is not run-in.
    let line = "1.加强组织领导。";
    let h = heading(line);
    assert_eq!(&line[h.title.clone()], "加强组织领导");
    assert_eq!(h.body, None);
}

#[test]
fn enumeration_is_not_a_heading() {
    assert_eq!(
        classify_line("一是加强学习。二是强化考核。"),
        LineShape::Enumeration
    );
    assert_eq!(classify_line("十是其他"), LineShape::Enumeration);
    assert_eq!(classify_line("一体推进"), LineShape::Text);
}

#[test]
fn markdown_headings() {
    let h = heading("# 青禾镇2024年度法治政府建设情况报告");
    assert_eq!(
        (h.level, h.number, h.style),
        (1, None, MarkerStyle::Markdown)
    );
    let h = heading("## 二、存在的不足");
    assert_eq!(
        (h.level, h.number, h.style),
        (1, Some(2), MarkerStyle::ChineseComma)
    );
    let h = heading("### 工作打算");
    assert_eq!(h.level, 3);
    assert_eq!(classify_line("#标签"), LineShape::Text);
}

#[test]
fn enumeration_items_found_in_order() {
    let t = "加强领导。一是完善制度；二是压实责任；三是强化考核。";
    let items = enumeration_items(t);
    assert_eq!(items.len(), 3);
    assert!(t[items[1].clone()].starts_with("二是压实责任"));
    // A lone 一是 is not an enumeration; 统一是 is not an opener.
    assert!(enumeration_items("统一是关键，一是").is_empty());
}

fn nh(level: u8, n: u32, parent: Option<usize>) -> NumberedHeading {
    let style = match level {
        1 => MarkerStyle::ChineseComma,
        2 => MarkerStyle::ChineseParen,
        3 => MarkerStyle::ArabicDot,
        _ => MarkerStyle::ArabicParen,
    };
    NumberedHeading {
        level,
        number: Some(n),
        style,
        parent,
    }
}

#[test]
fn numbering_gap_repeat_disorder_bad_start() {
    let hs = [
        nh(1, 1, None),
        nh(2, 1, Some(0)),
        nh(2, 2, Some(0)),
        nh(2, 2, Some(0)), // repeat
        nh(1, 2, None),
        nh(2, 1, Some(4)), // restarts under a new parent: fine
        nh(2, 3, Some(4)), // gap
        nh(1, 4, None),    // gap
        nh(1, 3, None),    // disorder
        nh(3, 2, Some(8)), // bad start
    ];
    let issues = check_numbering(&hs);
    let kinds: Vec<_> = issues.iter().map(|i| (i.heading, i.problem)).collect();
    assert_eq!(
        kinds,
        vec![
            (3, NumberingProblem::Repeat),
            (6, NumberingProblem::Gap),
            (7, NumberingProblem::Gap),
            (8, NumberingProblem::Disorder),
            (9, NumberingProblem::BadStart),
        ]
    );
    assert!(check_numbering(&[nh(1, 1, None), nh(1, 2, None)]).is_empty());
    // Level 3 numbered continuously through a level-1 section.
    let cont = [
        nh(1, 1, None),
        nh(2, 1, Some(0)),
        nh(3, 1, Some(1)),
        nh(3, 2, Some(1)),
        nh(2, 2, Some(0)),
        nh(3, 3, Some(4)),
    ];
    assert!(check_numbering(&cont).is_empty());
}

#[test]
fn chinese_number_rendering() {
    assert_eq!(chinese_number(1), "一");
    assert_eq!(chinese_number(10), "十");
    assert_eq!(chinese_number(12), "十二");
    assert_eq!(chinese_number(20), "二十");
    assert_eq!(chinese_number(34), "三十四");
}

#[test]
fn table_rows_and_cells_are_not_headings() {
    for row in [
        "一、本年新收政府信息公开申请数量\t5\t0\t5",
        "| 三、本年度办理结果 | （一）予以公开 | 2 |",
        "（七）总计 |",
        "四、结转下年度继续办理 |",
    ] {
        assert!(matches!(classify_line(row), LineShape::Text), "{row}");
    }
    // A heading indented with a tab is still one.
    assert!(matches!(
        classify_line("\t一、主要举措和成效"),
        LineShape::Heading(_)
    ));
}
