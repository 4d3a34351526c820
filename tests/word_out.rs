//! Word documents out: the year-over-year redline (`diff --format docx`) and
//! the reviewed draft (`review --format docx`), each read back by
//! LibreOffice (comments with author, date and marked text; tracked changes
//! with their author; the text with every change accepted is this year's /
//! the edited draft, with every change rejected last year's / the draft as
//! written) and by our own reader; and the refusals of `-o`.

mod common;

use reportbench::io::load::load;
use std::path::{Path, PathBuf};

/// `review DRAFT --format docx -o OUT` (in Chinese), which must succeed.
fn review_docx(draft: &Path, out: &Path) {
    let run = common::bin()
        .args(["review", "--lang", "zh", "--format", "docx", "-o"])
        .arg(out)
        .arg(draft)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{run:?}");
}

/// LibreOffice's reading of `out` (its flat ODF), or `None` where it is not
/// installed (never in CI).
fn libreoffice_reading(test: &str, out: &Path, dir: &Path) -> Option<common::odf::Odf> {
    let soffice = common::soffice(test)?;
    let fodt = common::soffice_convert(&soffice, out, "fodt", dir);
    Some(common::odf::read(&std::fs::read_to_string(fodt).unwrap()))
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// Paragraphs without white space, blank ones dropped.
fn squeezed<S: AsRef<str>>(lines: &[S]) -> Vec<String> {
    lines
        .iter()
        .map(|l| {
            l.as_ref()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

const OLD: &str = "某县关于法治政府建设情况的报告\n一、主要举措和成效\n全年办理行政复议案件35件，纠错率10.2%。\n这一段去年有、今年删去了。\n二、存在的不足和原因\n执法人员专业化水平有待提高。\n";
const NEW: &str = "某县关于法治政府建设情况的报告\n一、主要举措和成效\n全年办理行政复议案件38件，纠错率12.5%。\n二、存在的不足和原因\n执法人员专业化水平有待提高。\n这一段是今年新增的。\n";

#[test]
fn a_diff_redline_accepts_into_this_year_and_rejects_into_last_year() {
    let dir = common::temp_dir("word-redline");
    let old = write(&dir, "2023.txt", OLD);
    let new = write(&dir, "2024.txt", NEW);
    let out = dir.join("redline.docx");
    let run = common::bin()
        .args(["diff", "--lang", "zh", "--format", "docx", "-o"])
        .arg(&out)
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    // Our own reader: the accepted view is this year's text.
    let l = load(&out).unwrap();
    assert_eq!(
        squeezed(&l.text.lines().collect::<Vec<_>>()),
        squeezed(&NEW.lines().collect::<Vec<_>>())
    );
    let Some(odf) = libreoffice_reading(
        "a_diff_redline_accepts_into_this_year_and_rejects_into_last_year",
        &out,
        &dir,
    ) else {
        return;
    };
    assert_eq!(
        squeezed(&odf.accepted),
        squeezed(&NEW.lines().collect::<Vec<_>>()),
        "accepted"
    );
    assert_eq!(
        squeezed(&odf.rejected),
        squeezed(&OLD.lines().collect::<Vec<_>>()),
        "rejected"
    );
    // Whole numbers on both sides, the sides named.
    let mut deleted: Vec<&str> = odf
        .changes
        .values()
        .filter(|c| c.kind == "deletion")
        .map(|c| c.text.as_str())
        .collect();
    deleted.sort();
    assert!(
        deleted.contains(&"35") && deleted.contains(&"10.2%"),
        "{deleted:?}"
    );
    assert!(
        odf.changes
            .values()
            .all(|c| c.creator == "去年" || c.creator == "今年"),
        "{:?}",
        odf.changes
    );
    assert!(
        odf.annotations.iter().any(|a| a.body.contains("沿用")),
        "{:?}",
        odf.annotations
    );
}

const DRAFT: &str = "某县2024年度法治政府建设情况报告\n一、主要举措和成效\n落实党政主要负责人第一责任人职责，调整全面依法治镇工作领导小组，下设办公室。\n二、存在的不足和原因\n执法人员专业化水平有待提高。\n";

const REVIEW: &str = r#"comments:
  - id: c-20250301-0001
    author: 李律师
    created: 2025-03-01T09:30:00+08:00
    quote: 第一责任人
    prefix: 落实党政主要负责人
    suffix: 职责
    line: 3
    body: 请补充主要负责人履职的具体事例。
    status: open
    replies:
      - {author: 王主任, created: 2025-03-02T10:00:00+08:00, body: 已补充。}
suggestions:
  - id: s-20250301-0001
    author: 李律师
    created: 2025-03-01T09:35:00+08:00
    quote: 领导小组
    prefix: 调整全面依法治镇工作
    suffix: ，下设办公室
    line: 3
    replacement: 领导小组（青政发〔2024〕3号）
    status: open
signoffs:
  - item: title
    verdict: met
    reason: 标题规范
    author: 李律师
    at: 2025-03-01T09:40:00+08:00
"#;

#[test]
fn a_review_goes_back_as_comments_and_tracked_changes() {
    let dir = common::temp_dir("word-review");
    let draft = write(&dir, "draft.txt", DRAFT);
    write(&dir, "draft.txt.review.yaml", REVIEW);
    let out = dir.join("draft-review.docx");
    review_docx(&draft, &out);
    // Our own reader: Word comments with author and the marked text; the
    // accepted view has the suggestion applied.
    let l = load(&out).unwrap();
    let c = l
        .comments
        .iter()
        .find(|c| c.author == "李律师" && c.quote == "第一责任人")
        .expect("the comment");
    assert!(
        c.body.contains("请补充") && c.body.contains("王主任"),
        "{}",
        c.body
    );
    assert!(
        l.text.contains("领导小组（青政发〔2024〕3号），下设办公室"),
        "{}",
        l.text
    );
    assert!(
        l.comments.iter().any(|c| c.body.contains("标题规范")),
        "{:?}",
        l.comments
    );
    // Round trip: the returned document's comments and tracked changes
    // know their review ids.
    assert_round_trip(&l, &out);
    let Some(odf) = libreoffice_reading(
        "a_review_goes_back_as_comments_and_tracked_changes",
        &out,
        &dir,
    ) else {
        return;
    };
    let a = odf
        .annotations
        .iter()
        .find(|a| a.body.contains("请补充主要负责人履职的具体事例"))
        .expect("LibreOffice reads the comment");
    assert_eq!(
        (a.creator.as_str(), a.anchored.as_str()),
        ("李律师", "第一责任人")
    );
    assert!(a.date.starts_with("2025-03-01"), "{}", a.date);
    assert!(
        odf.changes
            .values()
            .any(|c| c.kind == "insertion" && c.creator == "李律师")
    );
    let applied = DRAFT.replace("领导小组，", "领导小组（青政发〔2024〕3号），");
    assert_eq!(
        squeezed(&odf.accepted),
        squeezed(&applied.lines().collect::<Vec<_>>())
    );
    assert_eq!(
        squeezed(&odf.rejected),
        squeezed(&DRAFT.lines().collect::<Vec<_>>())
    );
}

/// Reading a reviewed document back: the comment knows the review file's
/// id; the suggestion is a tracked change
/// (the quote deleted, the wording inserted, by its author) that knows the
/// review file's id, and `review --format json` lists both with their ids,
/// the change on the line where its wording stands.
fn assert_round_trip(l: &reportbench::core::text::Loaded, out: &Path) {
    let c = l
        .comments
        .iter()
        .find(|c| c.quote == "第一责任人")
        .expect("the comment on its quote");
    assert_eq!(c.origin.as_deref(), Some("c-20250301-0001"));
    assert_eq!(l.suggestions.len(), 1, "{:?}", l.suggestions);
    let s = &l.suggestions[0];
    assert_eq!(
        (
            s.quote.as_str(),
            s.replacement.as_str(),
            s.author.as_str(),
            s.origin.as_deref()
        ),
        (
            "领导小组",
            "领导小组（青政发〔2024〕3号）",
            "李律师",
            Some("s-20250301-0001")
        )
    );
    assert!(s.created.starts_with("2025-03-01"), "{}", s.created);
    let json = common::bin()
        .args(["review", "--format", "json"])
        .arg(out)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(
        v["comments"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["review_id"] == "c-20250301-0001"),
        "{v}"
    );
    let change = v["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["review_id"] == "s-20250301-0001")
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(
        (
            &change["from_file"],
            &change["orphaned"],
            &change["outdated"]
        ),
        (
            &serde_json::json!(true),
            &serde_json::json!(false),
            &serde_json::json!(false)
        ),
        "{change}"
    );
    let line = change["line"].as_u64().unwrap() as usize;
    assert!(
        l.text
            .lines()
            .nth(line - 1)
            .is_some_and(|t| t.contains("（青政发〔2024〕3号）")),
        "line {line} of {}",
        l.text
    );
}

#[test]
fn word_outputs_need_a_file_and_never_overwrite() {
    let dir = common::temp_dir("word-refusals");
    let draft = write(&dir, "draft.txt", DRAFT);
    let run = |args: &[&str]| {
        let out = common::bin().args(args).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let d = draft.to_str().unwrap();
    let (code, e) = run(&["review", "--format", "docx", d]);
    assert_eq!(code, Some(2), "{e}");
    assert!(e.contains("-o"), "{e}");
    let (code, e) = run(&["review", "--format", "docx", "-o", d, d]);
    assert_eq!(code, Some(2), "{e}");
    assert_eq!(
        std::fs::read_to_string(&draft).unwrap(),
        DRAFT,
        "the input is untouched"
    );
    let out = dir.join("out.docx");
    std::fs::write(&out, "mine").unwrap();
    let o = out.to_str().unwrap();
    let (code, e) = run(&["review", "--format", "docx", "-o", o, d]);
    assert_eq!((code, e.contains("--force")), (Some(2), true), "{e}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");
    let (code, e) = run(&["review", "--format", "docx", "-o", o, "--force", d]);
    assert_eq!(code, Some(0), "{e}");
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
}

#[test]
fn a_reviewed_word_document_goes_back_as_itself_with_its_parts_kept() {
    use common::docx::{Docx, numbered, official_numbering, para, run, text};
    let dir = common::temp_dir("word-splice");
    // The suggestion's quote spans two runs, one bold: each piece keeps
    // its formatting. The numbering part must come back byte for byte.
    let body = [
        text("某县2024年度法治政府建设情况报告"),
        numbered(1, 0, "主要举措和成效"),
        para(
            "",
            &format!(
                "{}<w:r><w:rPr><w:b/></w:rPr><w:t>调整全面依法治镇工作领导</w:t></w:r>{}",
                run("落实党政主要负责人第一责任人职责，"),
                run("小组，下设办公室。")
            ),
        ),
        numbered(1, 0, "存在的不足和原因"),
        text("执法人员专业化水平有待提高。"),
    ]
    .concat();
    let numbering = official_numbering("chineseCounting");
    let draft = dir.join("draft.docx");
    Docx::new(body)
        .part("word/numbering.xml", numbering.clone())
        .write(&draft);
    std::fs::write(dir.join("draft.docx.review.yaml"), REVIEW).unwrap();
    let out = dir.join("draft-review.docx");
    review_docx(&draft, &out);
    // Every part of the original is there; the untouched ones unchanged.
    let names = |p: &Path| -> Vec<String> {
        let z = zip::ZipArchive::new(std::fs::File::open(p).unwrap()).unwrap();
        z.file_names().map(|n| n.unwrap().into_owned()).collect()
    };
    let (before, after) = (names(&draft), names(&out));
    assert!(
        before.iter().all(|n| after.contains(n)),
        "{before:?} {after:?}"
    );
    let mut z = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut n = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/numbering.xml").unwrap(), &mut n).unwrap();
    assert_eq!(n, numbering);
    // Our reader: the numbering still rendered, the comment on its words,
    // the suggestion a tracked change (the accepted view applies it).
    let l = load(&out).unwrap();
    assert!(l.text.contains("一、主要举措和成效\n"), "{}", l.text);
    assert!(
        l.text
            .contains("工作领导小组（青政发〔2024〕3号），下设办公室"),
        "{}",
        l.text
    );
    let c = l
        .comments
        .iter()
        .find(|c| c.body.contains("请补充"))
        .expect("the comment");
    assert_eq!(c.quote, "第一责任人");
    assert_round_trip(&l, &out);
    let Some(odf) = libreoffice_reading(
        "a_reviewed_word_document_goes_back_as_itself_with_its_parts_kept",
        &out,
        &dir,
    ) else {
        return;
    };
    let a = odf
        .annotations
        .iter()
        .find(|a| a.body.contains("请补充"))
        .expect("LibreOffice reads the comment");
    assert_eq!(
        (a.creator.as_str(), a.anchored.as_str()),
        ("李律师", "第一责任人")
    );
    let para = |v: &[String]| {
        v.iter()
            .find(|p| p.contains("下设办公室"))
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(
        para(&odf.accepted),
        "落实党政主要负责人第一责任人职责，调整全面依法治镇工作领导小组（青政发〔2024〕3号），下设办公室。"
    );
    assert_eq!(
        para(&odf.rejected),
        "落实党政主要负责人第一责任人职责，调整全面依法治镇工作领导小组，下设办公室。"
    );
    assert!(
        odf.changes
            .values()
            .any(|c| c.kind == "deletion" && c.creator == "李律师" && c.text.contains("领导"))
    );
}
