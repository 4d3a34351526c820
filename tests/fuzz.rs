//! A fuzz driver on stable Rust, run by `cargo test` with a fixed seed and a
//! small budget; `FUZZ_ITERATIONS=100000 cargo test --release --test fuzz`
//! runs longer (`FUZZ_SEED` picks another sequence). Inputs are the sample
//! drafts mutated — bytes flipped, inserted, cut and spliced, hostile
//! characters and YAML fragments mixed in — through every entry point that
//! takes outside text: decoding, parsing, checking, comparing, anchoring,
//! displaying, and the YAML of specs, review files and config. The
//! invariants: no panic, positions inside the text, every paragraph of
//! both years exactly once in a comparison, nothing unsafe left after the
//! display sanitiser.

mod common;

use reportbench::core::check::{CheckMemo, CheckOptions, check, check_reusing};
use reportbench::core::compare::{CompareOptions, compare};
use reportbench::core::document::Document;
use reportbench::core::review::{Comment, CommentStatus, Review, anchor};
use reportbench::core::spec::CompiledSpec;
use reportbench::core::text::{is_unsafe_for_display, sanitize_for_display};

/// xorshift64*: a fixed, dependency-free sequence.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const HOSTILE: &[&str] = &[
    "\u{1b}[2J",
    "\u{1b}]0;x\u{7}",
    "\u{9b}",
    "\u{202e}",
    "\u{200b}",
    "\u{2028}",
    "\u{feff}",
    "\r",
    "\r\n",
    "\0",
    "\t",
    "（五）",
    "一、",
    "二是",
    "2024年",
    "2023-2025年",
    "XX",
    "【待补充】",
    "*场",
    "…",
    "％",
    "万余",
    "百分之",
    "１２３",
    "《",
    "》",
    "“",
    "”",
    "\n\n",
    "#",
    "|",
    "，",
    "。",
    "八万三千一百一十",
    "1.2万余份",
    "-",
    "\u{85}",
    "\u{fffd}",
];

const YAML_BITS: &[&str] = &[
    "&a",
    "*a",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "\n  ",
    "!!binary",
    "<<: *a",
    "---",
    "...",
    "? ",
    "|",
    ">",
    "\"",
    "'",
    "#",
    "%YAML 1.2",
    "\t",
    "~",
    "null",
];

fn mutate(rng: &mut Rng, base: &[u8], extra: &[&str]) -> Vec<u8> {
    let mut b = base.to_vec();
    for _ in 0..1 + rng.below(12) {
        let at = rng.below(b.len() + 1);
        match rng.below(6) {
            0 if !b.is_empty() => {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
            1 => {
                let s = extra[rng.below(extra.len())];
                b.splice(at..at, s.bytes());
            }
            2 if !b.is_empty() => {
                let end = (at + rng.below(64)).min(b.len());
                b.drain(at..end);
            }
            3 => {
                // A stretch of the input again, elsewhere.
                let from = rng.below(b.len().max(1));
                let end = (from + rng.below(200)).min(b.len());
                let piece = b[from..end].to_vec();
                b.splice(at..at, piece);
            }
            4 => b.splice(at..at, [rng.below(256) as u8]).for_each(drop),
            _ => {
                let s = HOSTILE[rng.below(HOSTILE.len())];
                b.splice(at..at, s.bytes());
            }
        }
    }
    b
}

fn iterations() -> usize {
    std::env::var("FUZZ_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150)
}

fn seed() -> u64 {
    std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5eed_2026_1130)
}

/// Lines as YAML counts them: CR LF, LF and a lone CR each end one.
fn yaml_lines(text: &str) -> usize {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .lines()
        .count()
        + 1
}

fn text_of(bytes: &[u8]) -> Option<String> {
    reportbench::io::load::decode(bytes).ok().map(|(t, f)| {
        let _ = f;
        reportbench::core::text::normalize(&t).0
    })
}

#[test]
fn drafts_decoded_parsed_checked_compared_and_anchored_never_panic() {
    let spec = CompiledSpec::default_spec();
    // The disclosure spec too: its tables read every mutated cut.
    let xxgk = reportbench::core::spec::builtin::builtin("xxgk-annual").unwrap();
    let drafts: Vec<Vec<u8>> = [
        "qinghe-2023.txt",
        "qinghe-2024.md",
        "xxgk-2023.txt",
        "xxgk-2024.md",
    ]
    .iter()
    .map(|n| std::fs::read(common::root().join("drafts").join(n)).unwrap())
    .collect();
    let mut rng = Rng(seed());
    let mut memos = [CheckMemo::new(), CheckMemo::new()];
    for i in 0..iterations() {
        let base = &drafts[rng.below(drafts.len())];
        // A cut of the draft keeps each iteration short.
        let start = rng.below(base.len() / 2);
        let cut = &base[start..(start + 3000 + rng.below(6000)).min(base.len())];
        let bytes = mutate(&mut rng, cut, HOSTILE);
        // What the decoder refuses (binary, undecodable) still goes to the
        // parser as text: both get every iteration.
        let text = text_of(&bytes).unwrap_or_else(|| {
            reportbench::core::text::normalize(&String::from_utf8_lossy(&bytes)).0
        });
        // Whatever its line ends, a file loaded and saved unchanged is
        // written back byte for byte.
        if let Ok(raw) = std::str::from_utf8(&bytes) {
            let (normal, format) = reportbench::core::text::normalize(raw);
            assert_eq!(
                reportbench::core::text::denormalize(&normal, &format),
                raw,
                "iteration {i}: an unchanged save changed the file"
            );
        }
        let doc = Document::parse(&text);
        let spec = if i % 2 == 0 { &spec } else { xxgk };
        let report = check(&doc, spec, &CheckOptions::default());
        // The workbench's re-check (a memo per spec, kept across the
        // iterations: cuts of one draft share lines) gives the same.
        {
            let memo = &mut memos[i % 2];
            let (normal, format) = reportbench::core::text::normalize(&text);
            let kept = Document::parse_reusing(normal, format, memo.lines());
            let reused = check_reusing(&kept, spec, &CheckOptions::default(), memo);
            assert!(
                format!("{kept:?}") == format!("{doc:?}")
                    && format!("{reused:?}") == format!("{report:?}"),
                "iteration {i}: the re-check with a memo differs"
            );
        }
        for f in &report.figures {
            assert!(
                f.range.end <= doc.text().len(),
                "iteration {i}: figure out of the text"
            );
            assert!(doc.text().is_char_boundary(f.range.start));
        }
        for l in &report.lints {
            assert!(
                l.range.end <= doc.text().len(),
                "iteration {i}: lint out of the text"
            );
            assert!(l.position.line >= 1 && l.position.column >= 1);
        }
        // Every fix the tool offers applies: edits on character
        // boundaries, inside the text, in order.
        let offered = reportbench::core::fix::fixes(&doc, &report.lints, &[]);
        for f in &offered {
            for e in &f.edits {
                assert!(
                    e.range.start <= e.range.end
                        && e.range.end <= doc.text().len()
                        && doc.text().is_char_boundary(e.range.start)
                        && doc.text().is_char_boundary(e.range.end),
                    "iteration {i}: a {} fix edits {:?}",
                    f.rule,
                    e.range
                );
            }
        }
        let _ = reportbench::core::fix::apply(doc.text(), &offered);
        for it in &report.items {
            assert!(
                sanitize_for_display(&it.message)
                    .chars()
                    .all(|c| !is_unsafe_for_display(c)),
                "iteration {i}"
            );
        }
        // Against another mutated year.
        let other = mutate(&mut rng, cut, HOSTILE);
        {
            let old_text = text_of(&other).unwrap_or_else(|| {
                reportbench::core::text::normalize(&String::from_utf8_lossy(&other)).0
            });
            let old = Document::parse(&old_text);
            let old_report = check(&old, spec, &CheckOptions::default());
            let cmp = compare(
                &old,
                &doc,
                &old_report.figures,
                &report.figures,
                spec,
                &CompareOptions::default(),
            );
            // Every paragraph once: merged and split entries hold several.
            let mut news: Vec<usize> = cmp.paragraphs.iter().flat_map(|p| p.new_all()).collect();
            let mut olds: Vec<usize> = cmp.paragraphs.iter().flat_map(|p| p.old_all()).collect();
            news.sort_unstable();
            olds.sort_unstable();
            assert_eq!(
                news,
                reportbench::core::compare::compared_paragraphs(&doc),
                "iteration {i}"
            );
            assert_eq!(
                olds,
                reportbench::core::compare::compared_paragraphs(&old),
                "iteration {i}"
            );
        }
        // A comment quoting a random stretch, anchored in the text.
        let chars: Vec<char> = text.chars().collect();
        if chars.len() > 10 {
            let a = rng.below(chars.len() - 5);
            let quote: String = chars[a..a + 1 + rng.below(4)].iter().collect();
            let c = Comment {
                id: "c".into(),
                author: "a".into(),
                created: "x".into(),
                quote,
                prefix: chars[a.saturating_sub(3)..a].iter().collect(),
                suffix: String::new(),
                line: rng.below(200),
                body: "b".into(),
                status: CommentStatus::Open,
                replies: vec![],
                origin: None,
            };
            if let Some(an) = anchor(&c, doc.text()) {
                assert!(
                    an.start <= an.end && an.end <= doc.text().len(),
                    "iteration {i}"
                );
                assert!(
                    doc.text().is_char_boundary(an.start) && doc.text().is_char_boundary(an.end)
                );
            }
        }
    }
}

#[test]
fn yaml_inputs_never_panic_and_errors_are_located() {
    let spec_src = reportbench::core::spec::DEFAULT_SPEC_YAML.as_bytes();
    let review_src = b"comments:\n- id: c-20250301-0001\n  author: a\n  created: x\n  quote: q\n  body: b\n  replies:\n  - {author: b, created: y, body: c}\nsignoffs:\n- {item: other, verdict: na, reason: r, author: a, at: x}\n";
    let config_src = b"lang: zh\ntheme: dark\nkeys:\n  global:\n    ctrl-w: save\n";
    let mut rng = Rng(seed() ^ 0x9e37_79b9);
    for i in 0..iterations() * 2 {
        let xxgk_src = reportbench::core::spec::builtin::BUILTINS[1]
            .yaml
            .as_bytes();
        let (base, which): (&[u8], usize) = match rng.below(4) {
            0 => (spec_src, 0),
            3 => (xxgk_src, 0),
            1 => (review_src, 1),
            _ => (config_src, 2),
        };
        let bytes = mutate(&mut rng, base, YAML_BITS);
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        match which {
            0 => {
                if let Err(e) = CompiledSpec::from_yaml(&text, "fuzz.yaml") {
                    assert!(!e.message.is_empty(), "iteration {i}");
                    assert!(e.line <= yaml_lines(&text), "iteration {i}: {e}");
                }
            }
            1 => {
                if let Err(e) = reportbench::core::yaml::parse_yaml::<Review>(&text, "r.yaml") {
                    assert!(e.line <= yaml_lines(&text), "iteration {i}: {e}");
                }
            }
            _ => {
                let _ = reportbench::config::Config::parse(&text, "config.yaml");
            }
        }
    }
}

#[test]
fn the_display_sanitiser_leaves_nothing_unsafe() {
    let mut rng = Rng(seed() ^ 0x1234);
    for _ in 0..iterations() * 10 {
        let s: String = (0..rng.below(40))
            .map(|_| match rng.below(3) {
                0 => char::from_u32(rng.below(0x3000) as u32).unwrap_or('x'),
                1 => char::from_u32(0xfe00 + rng.below(0x200) as u32).unwrap_or('x'),
                _ => HOSTILE[rng.below(HOSTILE.len())]
                    .chars()
                    .next()
                    .unwrap_or('x'),
            })
            .collect();
        let shown = sanitize_for_display(&s);
        assert!(shown.chars().all(|c| !is_unsafe_for_display(c)), "{s:?}");
        assert_eq!(
            shown.chars().count(),
            s.chars().count(),
            "one symbol per character"
        );
    }
}

/// Pieces of WordprocessingML and XML that break or stretch a reader.
const XML_BITS: &[&str] = &[
    "<w:p>",
    "</w:p>",
    "<w:tbl>",
    "</w:tbl>",
    "<w:tr>",
    "</w:tr>",
    "<w:tc>",
    "</w:tc>",
    "<w:t>",
    "</w:t>",
    r#"<w:numPr><w:ilvl w:val="8"/><w:numId w:val="1"/></w:numPr>"#,
    r#"<w:numPr><w:ilvl w:val="-3"/><w:numId w:val="0"/></w:numPr>"#,
    r#"<w:del w:id="1">"#,
    "</w:del>",
    r#"<w:ins w:id="2">"#,
    "</w:ins>",
    r#"<w:footnoteReference w:id="2"/>"#,
    "<w:br/>",
    "<w:tab/>",
    "&amp;",
    "&#0;",
    "&#x1b;",
    "&#xD800;",
    "&bogus;",
    "<!DOCTYPE x [<!ENTITY a \"b\">]>",
    "<![CDATA[",
    "]]>",
    "<?pi x?>",
    r#"<w:start w:val="4294967295"/>"#,
    r#"<w:lvlText w:val="%9%1%0%%"/>"#,
    r#"<w:numFmt w:val="upperRoman"/>"#,
    r#"<w:lvlRestart w:val="0"/>"#,
    r#"<w:basedOn w:val="H1"/>"#,
    "\u{1b}[31m",
    "\u{202e}",
    "<",
    ">",
    "\"",
    "\0",
];

/// Pieces of HTML that break or stretch a page reader.
const HTML_BITS: &[&str] = &[
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<table>",
    "<tr>",
    "<td>",
    "</td>",
    "<br>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<meta charset=gbk>",
    "<meta charset=utf-16>",
    "<h1>",
    r#"<a href="x.pdf">"#,
    r#"<div class="TRS_Editor">"#,
    "&nbsp;",
    "&#27;",
    "\u{1b}]0;x\u{7}",
    "\u{202e}",
    "<",
    "\0",
];

/// An error about a file: one line, nothing a terminal would act on.
fn one_safe_line(message: &str, i: usize) {
    assert!(
        !message.contains('\n') && !message.chars().any(is_unsafe_for_display),
        "iteration {i}: {message:?}"
    );
}

#[test]
fn documents_damaged_at_random_are_read_or_refused_never_a_panic() {
    use common::docx::{Docx, numbered, official_numbering, text};
    use common::pdf as fixture;
    use reportbench::io::formats::{docx, html, pdf};
    let spec = CompiledSpec::default_spec();
    let body = [
        text("某县2024年度法治政府建设情况报告"),
        numbered(1, 0, "主要举措和成效"),
        numbered(1, 1, "加强领导"),
        text("全年办理行政复议案件38件。"),
    ]
    .concat();
    let numbering = official_numbering("chineseCounting");
    let page = format!(
        "<html><head><title>报告</title></head><body><div class=\"nav\">首页</div><div class=\"TRS_Editor\">{}</div><table><tr><td>指标</td><td>38件</td></tr></table></body></html>",
        "<p>一、主要举措和成效</p><p>全年办理行政复议案件38件。</p>".repeat(20)
    );
    let pdf_lines = [
        "一、主要举措和成效",
        "全年办理行政复议案件38件。",
        "（一）加强领导",
    ];
    let pdf_pages = [
        fixture::body_page(1, &pdf_lines),
        fixture::body_page(2, &pdf_lines),
        fixture::Page::Scan,
    ];
    let pdf_ucs2 = fixture::pdf(&pdf_pages, fixture::Encoding::Ucs2);
    let pdf_gbk = fixture::pdf(&pdf_pages, fixture::Encoding::Gbk);
    let mut rng = Rng(seed() ^ 0xd0c5);
    let check_text = |text: &str, i: usize| {
        let doc = Document::parse(text);
        let report = check(&doc, &spec, &CheckOptions::default());
        assert!(
            report.lints.iter().all(|l| l.range.end <= doc.text().len()),
            "iteration {i}"
        );
    };
    for i in 0..iterations() {
        // The XML of a part damaged, the package rebuilt.
        let which = rng.below(2);
        let bad_body = if which == 0 {
            String::from_utf8_lossy(&mutate(&mut rng, body.as_bytes(), XML_BITS)).into_owned()
        } else {
            body.clone()
        };
        let bad_numbering = if which == 1 {
            String::from_utf8_lossy(&mutate(&mut rng, numbering.as_bytes(), XML_BITS)).into_owned()
        } else {
            numbering.clone()
        };
        let bytes = Docx::new(bad_body)
            .part("word/numbering.xml", bad_numbering)
            .bytes();
        match docx::read(&bytes) {
            Ok(x) => check_text(&x.text, i),
            Err(e) => one_safe_line(&e.to_string(), i),
        }
        // The package's bytes damaged.
        let bytes = mutate(
            &mut rng,
            &bytes,
            &["PK\u{3}\u{4}", "\u{ff}\u{ff}\u{ff}\u{ff}"],
        );
        match docx::read(&bytes) {
            Ok(x) => check_text(&x.text, i),
            Err(e) => one_safe_line(&e.to_string(), i),
        }
        // A page damaged.
        let bytes = mutate(&mut rng, page.as_bytes(), HTML_BITS);
        match html::read(&bytes) {
            Ok(p) => check_text(&p.text, i),
            Err(e) => one_safe_line(&e.to_string(), i),
        }
        // A PDF damaged: its objects and its (uncompressed) page content.
        let base = if i % 2 == 0 { &pdf_ucs2 } else { &pdf_gbk };
        let bytes = mutate(&mut rng, base, PDF_BITS);
        match pdf::read(&bytes) {
            Ok(x) => check_text(&x.text, i),
            Err(e) => one_safe_line(&e.to_string(), i),
        }
    }
}

/// Pieces of PDF syntax the mutator splices in.
const PDF_BITS: &[&str] = &[
    "BT",
    "ET",
    "Tj",
    "TJ",
    "Tf",
    "Td",
    "Tm",
    "T*",
    "cm",
    "q",
    "Q",
    "Do",
    "re",
    "f",
    "S",
    " 0 R",
    "obj",
    "endobj",
    "<<",
    ">>",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "stream",
    "endstream",
    "/Font",
    "/Type0",
    "/Identity-H",
    "/GBK-EUC-H",
    "/ToUnicode",
    "/Kids",
    "/Parent",
    "/Count 999999",
    "9999999999",
    "-1e38",
    "1e38",
    "/FlateDecode",
    "xref",
    "trailer",
    "%%EOF",
    "\u{0}",
    "\u{1b}",
];
