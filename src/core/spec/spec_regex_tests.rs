use super::*;
use crate::core::testing::Rng;

/// The `regex` crate as a spec used it before: the oracle.
fn oracle(pattern: &str) -> regex::Regex {
    regex::RegexBuilder::new(pattern)
        .size_limit(MAX_REGEX_BYTES)
        .dfa_size_limit(MAX_REGEX_BYTES)
        .nest_limit(64)
        .build()
        .expect("oracle")
}

const PATTERNS: &[&str] = &[
    "(党委书记|党组书记|主要负责人|主要负责同志|主要领导)[^。]{0,30}(亲自部署|亲自过问|亲自协调|亲自督办|带头学法|带头述法|主持召开)",
    r"第[一二三四五六七八九十]+[章节条]",
    r"\d+(?:\.\d+)?%",
    r"(?i)todo|fixme",
    r"[A-Z]{2,}\w*",
    r"\bab\b|b+",
    r"(a|ab)(c|bcd)(d*)",
    r"审核\s*人[:：]\s*\S+",
];

#[test]
fn quick_and_full_engines_find_what_the_regex_crate_finds() {
    const PIECES: &[&str] = &[
        "党委书记",
        "主要负责人",
        "亲自部署",
        "主持召开",
        "。",
        "，",
        "第",
        "三",
        "十",
        "章",
        "条",
        "12",
        "3.5",
        "%",
        "TODO",
        "fixme",
        "AB",
        "ab",
        "b",
        "c",
        "d",
        " ",
        "\n",
        "审核",
        "人",
        "：",
        "张三",
        "法治",
        "é",
        "𠀀",
        "TBD",
    ];
    let mut rng = Rng(0x1234_5678_9abc_def1);
    for p in PATTERNS {
        let want = oracle(p);
        let re = SpecRegex::new(p).expect("compiles");
        let full = build(p, false).expect("full");
        for _ in 0..400 {
            let n = rng.below(40);
            let text: String = (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect();
            let all: Vec<_> = want.find_iter(&text).map(|m| m.range()).collect();
            assert_eq!(re.find_all(&text), all, "{p} in {text:?}");
            assert_eq!(re.find(&text), all.first().cloned(), "{p} in {text:?}");
            assert_eq!(re.is_match(&text), !all.is_empty());
            let by_full: Vec<_> = full.find_iter(&text).map(|m| m.range()).collect();
            assert_eq!(by_full, all, "{p} in {text:?} (full)");
        }
    }
}

#[test]
fn the_full_engine_takes_over_once_enough_was_searched() {
    let re = SpecRegex::new(PATTERNS[0]).expect("compiles");
    let text = "党委书记高度重视，亲自部署推进法治建设。";
    let quick = re.find(text);
    assert!(quick.is_some() && !re.full.is_built());
    re.full.count(FULL_AFTER);
    assert_eq!(re.find(text), quick);
    assert!(re.full.is_built());
}

#[test]
fn errors_read_as_the_regex_crates() {
    for bad in ["(", "[z-a]", r"\p{Nope}", "a{3,1}"] {
        let want = oracle_error(bad);
        assert_eq!(
            SpecRegex::new(bad).unwrap_err(),
            RegexError::Syntax(want),
            "{bad}"
        );
    }
    let huge = r"\w{1000}\w{1000}";
    assert!(matches!(
        regex::RegexBuilder::new(huge)
            .size_limit(MAX_REGEX_BYTES)
            .build(),
        Err(regex::Error::CompiledTooBig(_))
    ));
    assert_eq!(SpecRegex::new(huge).unwrap_err(), RegexError::TooBig);
}

fn oracle_error(pattern: &str) -> String {
    let e = regex::RegexBuilder::new(pattern)
        .size_limit(MAX_REGEX_BYTES)
        .nest_limit(64)
        .build()
        .expect_err("a bad pattern");
    e.to_string().lines().last().unwrap_or("").trim().to_owned()
}

#[test]
fn a_trusted_pattern_is_built_at_its_first_search_and_finds_the_same() {
    let text = "镇党委书记在年初亲自部署法治建设工作，主要负责人主持召开会议3次。TODO";
    for p in PATTERNS {
        let trusted = SpecRegex::trusted(p);
        assert!(trusted.quick.get().is_none(), "{p}: built before a search");
        let checked = SpecRegex::new(p).expect("compiles");
        assert_eq!(trusted.find_all(text), checked.find_all(text), "{p}");
        assert_eq!(trusted.find(text), checked.find(text), "{p}");
        assert!(trusted.quick.get().is_some(), "{p}");
    }
    // A pattern that does not compile, trusted by mistake, matches nothing.
    assert!(SpecRegex::trusted("(").find_all("(((").is_empty());
}
