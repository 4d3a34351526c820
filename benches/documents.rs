//! Benchmarks: reading a 30-page Word document (about 40,000 characters,
//! auto-numbered headings, tables) and a portal page of the same text, and
//! reading + checking the document; reading a 100-page PDF.
//!
//! Budget (issue #12): a 30-page .docx read and checked in ≤ 50 ms; a
//! 100-page PDF read in ≤ 1 s. Run with `cargo bench --bench documents`.

use criterion::{Criterion, criterion_group, criterion_main};
use reportbench::core::check::{CheckOptions, check};
use reportbench::core::document::Document;
use reportbench::core::spec::CompiledSpec;
use reportbench::io::formats::{docx, html, pdf};
use std::hint::black_box;

#[path = "../tests/common/docx.rs"]
#[allow(dead_code)] // the tests use the rest of the builder
mod builder;

use builder::{Docx, numbered, official_numbering, table, text};

#[path = "../tests/common/pdf.rs"]
mod pdf_builder;

/// A `pages`-page PDF of the sample draft's text: 26 full lines a page
/// (paragraphs running over lines and pages), a page number at each foot.
fn pdf_document(pages: usize) -> Vec<u8> {
    let draft: Vec<char> = include_str!("../drafts/qinghe-2024.md")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '#')
        .collect();
    let mut at = 0;
    let built: Vec<pdf_builder::Page> = (1..=pages)
        .map(|n| {
            let lines: Vec<String> = (0..26)
                .map(|_| {
                    let line: String = (0..26).map(|k| draft[(at + k) % draft.len()]).collect();
                    at += 26;
                    line
                })
                .collect();
            let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
            pdf_builder::body_page(n, &refs)
        })
        .collect();
    pdf_builder::compressed(&built, pdf_builder::Encoding::Ucs2)
}

/// The sample draft's paragraphs under numbered headings, with a table of
/// eight rows after each group, to about `chars` characters.
fn document(chars: usize) -> (Docx, String) {
    let draft = include_str!("../drafts/qinghe-2024.md");
    let paras: Vec<&str> = draft
        .lines()
        .map(str::trim)
        .filter(|l| l.chars().count() > 30)
        .collect();
    let mut body = vec![text("某县人民政府关于2024年度法治政府建设情况的报告")];
    let mut page =
        String::from("<html><head><title>报告</title></head><body><div class=\"TRS_Editor\">");
    let mut count = 0;
    let mut group = 0;
    while count < chars {
        body.push(numbered(1, 0, &format!("第{group}部分主要举措和成效")));
        page.push_str(&format!("<p>第{group}部分主要举措和成效</p>"));
        for (k, p) in paras.iter().enumerate().take(6) {
            body.push(numbered(1, 1, &format!("推进事项{k}")));
            // Each copy its own figures, as a real long report has.
            let p = p.replace('2', &group.to_string());
            body.push(text(&p));
            page.push_str(&format!("<p>{p}</p>"));
            count += p.chars().count() + 6;
        }
        let rows: Vec<Vec<String>> = (0..8)
            .map(|r| {
                vec![
                    text(&format!("指标{r}")),
                    text(&format!("{}", r * 7 + group)),
                    text(&format!("{}件", r * 9 + group)),
                ]
            })
            .collect();
        body.push(table(&rows));
        group += 1;
    }
    page.push_str("</div></body></html>");
    let doc =
        Docx::new(body.concat()).part("word/numbering.xml", official_numbering("chineseCounting"));
    (doc, page)
}

fn benches(c: &mut Criterion) {
    let (doc, page) = document(40_000);
    let bytes = doc.bytes();
    let spec = CompiledSpec::default_spec();
    let opts = CheckOptions::default();
    c.bench_function("docx read 40k chars", |b| {
        b.iter(|| docx::read(black_box(&bytes)).map(|x| x.text.len()))
    });
    c.bench_function("docx read + check 40k chars", |b| {
        b.iter(|| {
            let x = docx::read(black_box(&bytes)).expect("the document reads");
            let d = Document::parse(&x.text);
            check(&d, &spec, &opts).items.len()
        })
    });
    c.bench_function("html read 40k chars", |b| {
        b.iter(|| html::read(black_box(page.as_bytes())).map(|p| p.text.len()))
    });
    review_export(c);
    let pdf_bytes = pdf_document(100);
    let mut group = c.benchmark_group("pdf");
    group.sample_size(20);
    group.bench_function("pdf read 100 pages", |b| {
        b.iter(|| pdf::read(black_box(&pdf_bytes)).map(|x| x.text.len()))
    });
    group.finish();
}

/// A 40,000-character draft with 200 comments and 100 suggestions, exported
/// as a Word document (the text draft's new document, and the .docx draft
/// written back as itself). Budget (issue #13): ≤ 200 ms.
fn review_export(c: &mut Criterion) {
    use reportbench::core::review::{Comment, CommentStatus, Review};
    use reportbench::core::suggestion::{Suggestion, SuggestionStatus};
    use reportbench::render::docx::{review, splice};
    let (doc, _) = document(40_000);
    let bytes = doc.bytes();
    let text = docx::read(&bytes).expect("the document reads").text;
    let spec = CompiledSpec::default_spec();
    let d = Document::parse(&text);
    let report = check(&d, &spec, &CheckOptions::default());
    // Quotes of six characters at even steps through the text.
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let quote_at = |k: usize, n: usize| -> (String, String, String) {
        let i = (k * chars.len() / n).min(chars.len() - 20);
        let s = |a: usize, b: usize| text[chars[a].0..chars[b].0].to_owned();
        (s(i.saturating_sub(8), i), s(i, i + 6), s(i + 6, i + 14))
    };
    let mut r = Review::default();
    for k in 0..200 {
        let (prefix, quote, suffix) = quote_at(k, 200);
        r.comments.push(Comment {
            id: format!("c-20250301-{k:04}"),
            author: "李律师".into(),
            created: "2025-03-01T09:30:00+08:00".into(),
            quote,
            prefix,
            suffix,
            line: 0,
            body: "请核对。".into(),
            status: CommentStatus::Open,
            replies: Vec::new(),
            origin: None,
        });
    }
    for k in 0..100 {
        let (prefix, quote, suffix) = quote_at(2 * k + 1, 201);
        r.suggestions.push(Suggestion {
            id: format!("s-20250301-{k:04}"),
            author: "李律师".into(),
            created: "2025-03-01T09:35:00+08:00".into(),
            replacement: format!("{quote}（改）"),
            quote,
            prefix,
            suffix,
            line: 0,
            status: SuggestionStatus::Open,
            decided_by: String::new(),
            decided_at: String::new(),
            reason: String::new(),
            origin: None,
        });
    }
    let cx = review::Context {
        text: &text,
        report: &report,
        author: "李律师",
        now: "2025-03-02T10:00:00+08:00",
        lang: reportbench::core::lang::Lang::Zh,
    };
    let mut group = c.benchmark_group("review export");
    group.sample_size(20);
    group.bench_function(
        "docx from text, 40k chars, 200 comments, 100 suggestions",
        |b| b.iter(|| review::review_doc(black_box(&r), &cx).0.to_docx().len()),
    );
    group.bench_function(
        "docx written back, 40k chars, 200 comments, 100 suggestions",
        |b| {
            b.iter(|| {
                let (notes, _) = review::review_notes(black_box(&r), &cx);
                splice::splice(&bytes, &notes).map(|x| x.0.len())
            })
        },
    );
    group.finish();
}

criterion_group!(documents, benches);
criterion_main!(documents);
