use super::*;
use crate::core::testing::Rng;
use regex::Regex;

fn by_regex(re: &Regex, text: &str) -> Vec<Range<usize>> {
    re.find_iter(text).map(|m| m.range()).collect()
}

fn ranges_by_regex(re: &Regex, text: &str) -> Vec<YearRange> {
    re.captures_iter(text)
        .filter_map(|c| {
            Some(YearRange {
                whole: c.get(0)?.range(),
                from: c.get(1)?.range(),
                to: c.get(2)?.range(),
            })
        })
        .collect()
}

struct Oracles {
    placeholder: Regex,
    bracket: Regex,
    range: Regex,
}

impl Oracles {
    fn new() -> Self {
        Oracles {
            placeholder: Regex::new(PLACEHOLDER_REGEX).expect("placeholder"),
            bracket: Regex::new(BRACKET_REGEX).expect("bracket"),
            range: Regex::new(YEAR_RANGE_REGEX).expect("range"),
        }
    }

    fn agree(&self, text: &str) {
        assert_eq!(
            placeholders(text),
            by_regex(&self.placeholder, text),
            "placeholders in {text:?}"
        );
        assert_eq!(
            scan_brackets(text),
            by_regex(&self.bracket, text),
            "bracket placeholders in {text:?}"
        );
        assert_eq!(
            scan_year_ranges(text),
            ranges_by_regex(&self.range, text),
            "year ranges in {text:?}"
        );
    }
}

#[test]
fn each_pattern_finds_what_its_regex_finds_in_written_cases() {
    let o = Oracles::new();
    for text in [
        "",
        "共办理**件，同比增长＊＊%。",
        "* 件 ＊　年 **万元 *万 ＊＊ ＊ *",
        "XX局 x 记录xxx ＸＸＸ ｘ ×× ○○○ □ △△ TODO TBD FIXME TOD FIX",
        "【待补充】（待核实数据）[ 待定 ](待完善一二三四五六七八)（待更新一二三四五六七八九）",
        "【待】（ 待确认 ）【待填】】",
        "《法治政府建设实施纲要（2021-2025年）》、2023年至2024年、1999 ～ 2001、2024—2023",
        "12019-2020-2021 2020年 到 2022 2020年年-2021 1899-1900 20a0-2021 2020-２０２1",
        "\u{2003}2020\u{3000}年\u{a0}～\u{2029}2021",
    ] {
        o.agree(text);
    }
}

#[test]
fn each_pattern_finds_what_its_regex_finds_in_random_text() {
    // Text made of the patterns' own characters and their neighbours, so
    // that near-misses are common: 20,000 texts with a fixed seed.
    const PIECES: &[&str] = &[
        "*", "＊", "X", "x", "Ｘ", "ｘ", "×", "○", "□", "△", "TODO", "TBD", "FIXME", "TO", "F",
        "件", "万元", "万", "元", "%", "％", "年", "月", "日", "人", "【", "[", "（", "(", "】",
        "]", "）", ")", "待", "补充", "补", "填", "定", "完善", "核实", "更新", "确认", "19", "20",
        "2", "1", "0", "9", "5", "-", "—", "–", "－", "~", "～", "至", "到", " ", "\u{3000}",
        "\u{a0}", "\n", "\t", "\u{2028}", "\u{200b}", "法", "治", "，", "。", "a", "é", "𠀀",
    ];
    let o = Oracles::new();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..20_000 {
        let n = 1 + rng.below(24);
        let text: String = (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect();
        o.agree(&text);
    }
}

#[test]
fn each_pattern_finds_what_its_regex_finds_in_the_drafts() {
    // (The corpus is compared in tests/check.rs, where files may be read.)
    let o = Oracles::new();
    for text in [
        include_str!("../../../drafts/qinghe-2023.txt"),
        include_str!("../../../drafts/qinghe-2024.md"),
        include_str!("../../../drafts/xxgk-2023.txt"),
        include_str!("../../../drafts/xxgk-2024.md"),
    ] {
        o.agree(text);
        o.agree(&crate::core::text::fold_for_matching(text));
    }
}

#[test]
fn the_regexes_take_over_once_enough_was_scanned_and_find_the_same() {
    let text = "共**件【待补充】XX局，2021-2025年，TODO";
    let scanned = (
        placeholders(text),
        bracket_placeholders(text),
        year_ranges(text),
    );
    for later in [&BRACKET, &YEAR_RANGE] {
        later.count(REGEX_AFTER);
    }
    let by_regex = (
        placeholders(text),
        bracket_placeholders(text),
        year_ranges(text),
    );
    assert!(BRACKET.is_built() && YEAR_RANGE.is_built());
    assert_eq!(scanned, by_regex);
    assert_eq!(scanned.0.len(), 3, "{:?}", scanned.0);
}

#[test]
fn long_runs_are_scanned_in_linear_time_and_as_the_regex() {
    // A run of asterisks with no unit after it fails the same way at every
    // position inside it: read once, not once per position (which took
    // minutes for 100,000 asterisks). The regex itself is quadratic on such
    // runs (each one-character match is found after reading the rest of
    // the run), so it is compared on shorter ones.
    let o = Oracles::new();
    let texts = |n: usize| {
        [
            "*".repeat(n),
            "＊".repeat(n),
            format!("{}{}件", "*＊".repeat(n / 2), " ".repeat(n)),
            format!("{}{}x", "*".repeat(n), "\u{3000}".repeat(n)),
            format!("({}待补充)", " ".repeat(n)),
            format!("2024{}年{}至2025", " ".repeat(n), " ".repeat(n)),
            "X".repeat(n),
        ]
    };
    for text in texts(2_000) {
        o.agree(&text);
    }
    let long = texts(200_000);
    assert!(placeholders(&long[0]).is_empty());
    assert_eq!(placeholders(&long[1]).len(), 200_000);
    assert_eq!(placeholders(&long[2]), vec![0..long[2].len()]);
    assert!(placeholders(&long[3]).is_empty());
    assert_eq!(scan_brackets(&long[4]), vec![0..long[4].len()]);
    assert_eq!(scan_year_ranges(&long[5]).len(), 1);
    assert_eq!(placeholders(&long[6]), vec![0..200_000]);
}
