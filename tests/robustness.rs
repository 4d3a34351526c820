//! Bad and strange input never panics: random mixes of the tokens the
//! parser and the figure reader care about, and drafts cut at random places.
//! `FUZZ_N=30000 cargo test --release --test robustness` runs longer rounds.

mod common;

use reportbench::core::check::{CheckOptions, check, figures_of};
use reportbench::core::document::Document;
use reportbench::core::lang::Lang;
use reportbench::core::spec::CompiledSpec;

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const TOKENS: &[&str] = &[
    "一、",
    "十一、",
    "（一）",
    "(二)",
    "1.",
    "1．",
    "2、",
    "(1)",
    "（12）",
    "# ",
    "## 二、",
    "一是",
    "二是",
    "2024年",
    "2023年度",
    "2021-2025年",
    "万",
    "亿",
    "余",
    "多",
    "近",
    "约",
    "左右",
    "%",
    "％",
    "百分之",
    "十",
    "两",
    "一百零五",
    "38",
    "1.6",
    "１２",
    "1,600",
    "件",
    "宗",
    "万元",
    "人次",
    "场次",
    "，",
    "。",
    "；",
    "：",
    "、",
    "\n",
    "\r\n",
    "\r",
    "  ",
    "\u{3000}",
    "“",
    "”",
    "《",
    "》",
    "【待补充】",
    "*",
    "＊",
    "XX",
    "……",
    "\u{202e}",
    "\u{1b}[2J",
    "\u{0}",
    "\u{feff}",
    "\u{200b}",
    "来源:",
    "分享到:",
    "|",
    "第一责任人",
    "不足",
    "原因",
    "由于",
    "下一步工作打算",
    "主要举措和成效",
    "报告",
    "法治政府建设",
    "镇",
    "青禾",
    "𠀀",
    "é",
    "a",
    "Z",
    "9",
    ".",
    "-",
    "/",
];

fn run_all(text: &str, spec: &CompiledSpec) {
    let d = Document::parse(text);
    for lang in [Lang::Zh, Lang::En] {
        let r = check(&d, spec, &CheckOptions { lang });
        for f in &r.figures {
            assert!(f.range.end <= d.text().len() && d.text().is_char_boundary(f.range.start));
            assert!(f.position.line >= 1 && f.position.column >= 1);
        }
        for l in &r.lints {
            assert!(
                l.range.start <= l.range.end && l.range.end <= d.text().len(),
                "{l:?}"
            );
        }
    }
}

#[test]
fn random_token_soup_never_panics() {
    let spec = CompiledSpec::default_spec();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..std::env::var("FUZZ_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1500)
    {
        let n = rng.below(60);
        let text: String = (0..n).map(|_| TOKENS[rng.below(TOKENS.len())]).collect();
        run_all(&text, &spec);
    }
}

#[test]
fn drafts_cut_and_spliced_never_panic() {
    let spec = CompiledSpec::default_spec();
    let a = std::fs::read_to_string(common::root().join("drafts/qinghe-2023.txt")).unwrap();
    let b = std::fs::read_to_string(common::root().join("drafts/qinghe-2024.md")).unwrap();
    let ca: Vec<usize> = a.char_indices().map(|(i, _)| i).collect();
    let cb: Vec<usize> = b.char_indices().map(|(i, _)| i).collect();
    let mut rng = Rng(42);
    for _ in 0..300 {
        let (i, j) = (ca[rng.below(ca.len())], cb[rng.below(cb.len())]);
        let spliced = format!("{}{}", &a[..i], &b[j..]);
        run_all(&spliced, &spec);
    }
}

#[test]
fn empty_and_degenerate_texts() {
    let spec = CompiledSpec::default_spec();
    for t in [
        "",
        "\n",
        "\r\n\r\n",
        "\u{feff}",
        "一、",
        "（一）",
        "#",
        "# ",
        "1.",
        "2024年",
        "百分之",
        "十万亿万亿",
        "9999999999999999999999件",
    ] {
        run_all(t, &spec);
    }
    let long_line = "审核合同38份，".repeat(20_000);
    run_all(&long_line, &spec);
    // One line of 200,000 full-width asterisks: 200,000 placeholder
    // findings. Took 90 s in a release build (the placeholder regex is
    // quadratic on such a run, and each finding's column was counted from
    // the line's start); linear now, so this finishes in moments.
    let stars = format!("一、标题\n{}\n", "＊".repeat(200_000));
    let doc = Document::parse(&stars);
    let r = check(&doc, &spec, &CheckOptions::default());
    let placeholders: Vec<_> = r.lints.iter().filter(|l| l.rule == "placeholder").collect();
    assert_eq!(placeholders.len(), 200_000);
    let last = placeholders.last().expect("findings");
    assert_eq!((last.position.line, last.position.column), (2, 200_000));
}

#[test]
fn mangled_specs_are_errors_not_panics() {
    use reportbench::core::spec::{CompiledSpec, DEFAULT_SPEC_YAML};
    let src: Vec<char> = DEFAULT_SPEC_YAML.chars().collect();
    let noise = [
        '[', ']', '{', '}', ':', '-', '*', '&', '\'', '"', '\n', ' ', '#', '|', '>', '甲', '\t',
        '!', '%', '@',
    ];
    let mut rng = Rng(7);
    for _ in 0..std::env::var("FUZZ_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400)
    {
        let mut s = src.clone();
        for _ in 0..1 + rng.below(6) {
            let at = rng.below(s.len());
            match rng.below(3) {
                0 => {
                    s.remove(at);
                }
                1 => s.insert(at, noise[rng.below(noise.len())]),
                _ => s[at] = noise[rng.below(noise.len())],
            }
        }
        let text: String = s.into_iter().collect();
        if let Err(e) = CompiledSpec::from_yaml(&text, "mangled.yaml") {
            assert!(e.to_string().starts_with("mangled.yaml"), "{e}");
        }
    }
}

#[test]
fn random_bytes_decode_or_fail_cleanly() {
    use reportbench::io::load::decode;
    let spec = CompiledSpec::default_spec();
    let mut rng = Rng(99);
    for _ in 0..2000 {
        let n = rng.below(64);
        let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
        if let Ok((text, _)) = decode(&bytes) {
            // Whatever decodes also parses and checks.
            run_all(&text, &spec);
        }
    }
}

#[test]
fn comparing_random_texts_never_panics_and_covers_every_paragraph() {
    use reportbench::core::compare::{CompareOptions, compare, compared_paragraphs};
    let spec = CompiledSpec::default_spec();
    let mut rng = Rng(2024);
    let n_rounds = std::env::var("FUZZ_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let soup = |rng: &mut Rng| -> String {
        (0..rng.below(80))
            .map(|_| TOKENS[rng.below(TOKENS.len())])
            .collect()
    };
    for _ in 0..n_rounds {
        let a = soup(&mut rng);
        // Half the time, the second text is an edited copy of the first.
        let b = if rng.below(2) == 0 {
            soup(&mut rng)
        } else {
            format!(
                "{}{}",
                &a[..a
                    .char_indices()
                    .nth(a.chars().count() / 2)
                    .map_or(0, |(i, _)| i)],
                soup(&mut rng)
            )
        };
        let (da, db) = (Document::parse(&a), Document::parse(&b));
        let opts = CheckOptions::default();
        let cmp = compare(
            &da,
            &db,
            &figures_of(&da, &spec, &opts),
            &figures_of(&db, &spec, &opts),
            &spec,
            &CompareOptions::default(),
        );
        let olds = cmp.paragraphs.iter().filter(|p| p.old.is_some()).count();
        let news = cmp.paragraphs.iter().filter(|p| p.new.is_some()).count();
        assert_eq!(
            (olds, news),
            (
                compared_paragraphs(&da).len(),
                compared_paragraphs(&db).len()
            ),
            "{a:?} / {b:?}"
        );
        assert!((0.0..=1.0).contains(&cmp.summary.carried_over_ratio));
    }
}
