//! PDF reports in: the reader against PDFs built here (each feature on its
//! own), against the shared samples made by other tools (typst, LibreOffice,
//! a 公文-style GBK-EUC-H font), against LibreOffice's own PDF export of the
//! drafts (the same check results as the text), and the scanned, protected,
//! damaged and oversized files each refused in one sentence.

mod common;

use common::pdf::{Encoding, Page, body_page, encrypted, pdf};
use reportbench::io::load::load;
use std::path::{Path, PathBuf};

/// Writes `bytes` as `name` in a folder of its own.
fn write(dir: &common::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn pages_are_read_as_paragraphs_without_their_furniture() {
    let dir = common::temp_dir("pdf-pages");
    // A paragraph that runs from page 1 onto page 2 (the line reaches the
    // right margin at 90 + 26 × 16 = 506), an indented next paragraph, a
    // heading, a running header and page numbers.
    let full = "政府严格落实重大行政决策程序规定，对涉及群众切身利益";
    assert_eq!(full.chars().count(), 26);
    assert!(full.ends_with("利益"));
    let mut p1 = body_page(1, &["某县2024年度法治政府建设情况报告", full]);
    let mut p2 = body_page(2, &["履行合法性审查程序。"]);
    for (p, extra) in [(&mut p1, None), (&mut p2, Some("一、主要举措和成效"))] {
        let Page::Text(lines) = p else { unreachable!() };
        lines.insert(0, (90.0, 800.0, 10.0, "某县人民政府门户网站".into()));
        // The title centred; the paragraph's first line indented.
        if lines[1].3.ends_with("报告") {
            lines[1].0 = 170.0;
        }
        if let Some(h) = extra {
            lines.push((122.0, 732.0, 16.0, h.into()));
            lines.push((
                122.0,
                704.0,
                16.0,
                "全年办理行政复议案件３８件，纠错率12.5%。".into(),
            ));
        }
    }
    let p = write(&dir, "report.pdf", &pdf(&[p1, p2], Encoding::Ucs2));
    let l = load(&p).unwrap();
    assert_eq!(l.source.name(), "pdf");
    assert_eq!(
        l.text,
        format!(
            "某县2024年度法治政府建设情况报告\n{full}履行合法性审查程序。\n一、主要举措和成效\n全年办理行政复议案件38件，纠错率12.5%。\n"
        )
    );
}

#[test]
fn gbk_fonts_without_a_map_read_through_gb18030() {
    let dir = common::temp_dir("pdf-gbk");
    let page = body_page(1, &["一、主要举措和成效", "全年办理行政复议案件38件。"]);
    let p = write(&dir, "gbk.pdf", &pdf(&[page], Encoding::Gbk));
    assert_eq!(
        load(&p).unwrap().text,
        "一、主要举措和成效\n全年办理行政复议案件38件。\n"
    );
}

#[test]
fn scanned_pages_are_named_and_a_scan_alone_is_refused() {
    let dir = common::temp_dir("pdf-scan");
    let pages = [
        body_page(1, &["一、主要举措和成效"]),
        body_page(2, &["全年办理行政复议案件38件。"]),
        Page::Scan,
        Page::Scan,
        Page::Scan,
    ];
    let p = write(&dir, "mixed.pdf", &pdf(&pages, Encoding::Ucs2));
    let out = common::bin().arg("text").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "一、主要举措和成效\n全年办理行政复议案件38件。\n"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("3-5") && stderr.contains("scanned"),
        "{stderr}"
    );

    let p = write(
        &dir,
        "scan.pdf",
        &pdf(&[Page::Scan, Page::Scan], Encoding::Ucs2),
    );
    let (code, e) = refused(&p);
    assert_eq!(code, 2);
    assert!(e.contains("scanned") && e.contains("2 pages"), "{e}");
}

/// Runs `check` on `p`; returns (exit code, stderr), stderr one sentence.
fn refused(p: &Path) -> (i32, String) {
    let out = common::bin().arg("check").arg(p).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.stdout.is_empty(), "{}: {:?}", p.display(), out.stdout);
    assert_eq!(stderr.trim().lines().count(), 1, "one sentence: {stderr}");
    (out.status.code().unwrap_or(-1), stderr)
}

#[test]
fn protected_damaged_empty_and_oversized_pdfs_get_one_sentence() {
    let dir = common::temp_dir("pdf-bad");
    let page = || body_page(1, &["全年办理行政复议案件38件。"]);
    let p = write(&dir, "secret.pdf", &encrypted(&[page()], "user"));
    let (code, e) = refused(&p);
    assert_eq!((code, e.contains("password")), (2, true), "{e}");

    let good = pdf(&[page()], Encoding::Ucs2);
    let p = write(&dir, "cut.pdf", &good[..good.len() / 3]);
    let (code, e) = refused(&p);
    assert_eq!((code, e.contains("PDF")), (2, true), "{e}");

    let p = write(
        &dir,
        "blank.pdf",
        &pdf(&[Page::Text(Vec::new())], Encoding::Ucs2),
    );
    let (code, e) = refused(&p);
    assert_eq!((code, e.contains("no text")), (2, true), "{e}");

    let many: Vec<Page> = (0..1001).map(|_| Page::Text(Vec::new())).collect();
    let p = write(&dir, "many.pdf", &pdf(&many, Encoding::Ucs2));
    let (code, e) = refused(&p);
    assert_eq!((code, e.contains("1001 pages")), (2, true), "{e}");
}

#[test]
fn every_command_reads_a_pdf_and_says_so() {
    let dir = common::temp_dir("pdf-cli");
    let page = body_page(
        1,
        &[
            "某县2024年度法治政府建设情况报告",
            "一、主要举措和成效",
            "全年办理行政复议案件38件。",
        ],
    );
    let p = write(&dir, "last-year.pdf", &pdf(&[page], Encoding::Ucs2));
    let json = |args: &[&str]| -> serde_json::Value {
        let out = common::bin().args(args).output().unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {out:?}"
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let ps = p.to_str().unwrap();
    assert_eq!(json(&["check", "--format", "json", ps])["format"], "pdf");
    assert_eq!(json(&["review", "--format", "json", ps])["format"], "pdf");
    let text = common::root().join("drafts/qinghe-2024.md");
    let v = json(&["diff", "--format", "json", ps, text.to_str().unwrap()]);
    assert_eq!(v["old"]["format"], "pdf");
}

#[test]
fn the_shared_sample_pdfs_read_as_their_producers_wrote_them() {
    let Some(dir) = common::samples("the_shared_sample_pdfs_read_as_their_producers_wrote_them")
    else {
        return;
    };
    for file in [
        "typst.pdf",
        "stsong.pdf",
        "gbk-euc.pdf",
        "libreoffice/handmade.pdf",
    ] {
        let t = load(&dir.join(file))
            .unwrap_or_else(|e| panic!("{file}: {e}"))
            .text;
        for expected in [
            "清河县人民政府关于2024年度法治政府建设情况的报告\n",
            "一、主要举措和成效\n",
            "全年办理行政复议案件38件，纠错率12.5%。\n",
        ] {
            if file == "typst.pdf" && expected.starts_with("全年") {
                continue;
            }
            assert!(t.contains(expected), "{file}: {expected:?} not in\n{t}");
        }
        // Running headers and page numbers are left out; struck-through
        // (deleted) text too.
        assert!(
            !t.contains("门户网站") && !t.contains('—') || file == "typst.pdf",
            "{file}: {t}"
        );
        assert!(!t.contains("3538"), "{file}: {t}");
    }
    let typst = load(&dir.join("typst.pdf")).unwrap().text;
    for expected in [
        "行政诉讼案件数\t21\n",
        "行政机关负责人出庭应诉率\t100%\n",
        "\n脚注：数据来源：县司法局统计台账。\n",
        "全年共审查规范性文件9件。\n",
    ] {
        assert!(
            typst.contains(expected),
            "typst: {expected:?} not in\n{typst}"
        );
    }
    assert!(
        !typst.contains("门户网站") && !typst.contains("—1—"),
        "{typst}"
    );
    // LibreOffice's PDF of a document reads as our reader reads the .docx.
    let squeeze = |s: String| s.replace([' ', '\t'], "");
    assert_eq!(
        squeeze(load(&dir.join("libreoffice/handmade.pdf")).unwrap().text),
        squeeze(load(&dir.join("libreoffice/handmade.docx")).unwrap().text)
    );
}

#[test]
fn a_draft_printed_to_pdf_by_libreoffice_checks_as_the_text_does() {
    let Some(soffice) = common::soffice_with_chinese_font(
        "a_draft_printed_to_pdf_by_libreoffice_checks_as_the_text_does",
    ) else {
        return;
    };
    let dir = common::temp_dir("lo-pdf");
    for draft in ["qinghe-2023.txt", "qinghe-2024.md"] {
        // LibreOffice reads .md as text only under a .txt name.
        let src = dir.join(Path::new(draft).with_extension("txt").file_name().unwrap());
        std::fs::copy(common::root().join("drafts").join(draft), &src).unwrap();
        let pdf = common::soffice_convert(&soffice, &src, "pdf", &dir);
        assert_eq!(
            common::check_statuses(&pdf),
            common::check_statuses(&src),
            "{draft}"
        );
        // Paragraph by paragraph, as typed (spaces aside).
        let squeeze = |s: &str| s.replace([' ', '\t'], "");
        let typed = std::fs::read_to_string(&src).unwrap();
        assert_eq!(
            squeeze(&load(&pdf).unwrap().text),
            squeeze(&typed),
            "{draft}"
        );
    }
}
