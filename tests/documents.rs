//! Word documents in: the .docx reader against files we build here (each
//! feature on its own), against the shared samples made by other tools,
//! and against LibreOffice's own reading; every command on them; and the
//! damaged, hostile and unsupported files each refused in one sentence.

mod common;

use common::docx::{Docx, W, numbered, official_numbering, para, run, styled, table, text};
use reportbench::core::suggestion::Place;
use reportbench::io::load::load;
use std::path::Path;

/// Reads a built document through the loader, as every command does.
fn read(doc: &Docx, name: &str) -> reportbench::core::text::Loaded {
    let dir = common::temp_dir(name);
    let p = dir.join(format!("{name}.docx"));
    doc.write(&p);
    load(&p).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

/// A document numbered as WPS numbers reports: direct `w:numPr` on some
/// paragraphs, Heading 1 numbered through its style, one taken out.
fn numbered_document(format: &str) -> Docx {
    let body = [
        text("某县2024年度法治政府建设情况报告"),
        numbered(1, 0, "主要举措和成效"),
        numbered(1, 1, "加强党的领导"),
        numbered(1, 2, "健全制度"),
        numbered(1, 2, "压实责任"),
        numbered(1, 3, "细化分工"),
        numbered(1, 1, "推进依法行政"),
        numbered(1, 0, "存在的不足和原因"),
        numbered(1, 1, "执法队伍"),
        // numId 0 takes numbering away even from a numbered style.
        para(
            r#"<w:pStyle w:val="H1"/><w:numPr><w:numId w:val="0"/></w:numPr>"#,
            &run("不编号的标题"),
        ),
        styled("H1", "下一年度主要安排"),
    ]
    .concat();
    let styles = format!(
        r#"<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style></w:styles>"#
    );
    Docx::new(body)
        .part("word/numbering.xml", official_numbering(format))
        .part("word/styles.xml", styles)
}

#[test]
fn automatic_numbering_is_rendered_as_a_reader_sees_it() {
    for format in ["chineseCounting", "chineseCountingThousand"] {
        let l = read(&numbered_document(format), "numbering");
        assert_eq!(
            lines(&l.text),
            [
                "某县2024年度法治政府建设情况报告",
                "一、主要举措和成效",
                "（一）加强党的领导",
                "1．健全制度",
                "2．压实责任",
                "（1）细化分工",
                "（二）推进依法行政",
                "二、存在的不足和原因",
                "（一）执法队伍",
                // A heading by its style, with no number: its outline level
                // marks it, as Word's navigation pane shows it.
                "# 不编号的标题",
                "三、下一年度主要安排",
            ],
            "{format}"
        );
        assert_eq!(l.source.name(), "docx");
    }
}

#[test]
fn tables_notes_changes_and_what_is_left_out() {
    let cell = |t: &str| text(t);
    let body = [
        text("全年办理行政复议案件"),
        // A tracked deletion and insertion: the accepted view is 38.
        format!(
            r#"<w:p>{}<w:del w:id="11" w:author="顾问"><w:r><w:delText>35</w:delText></w:r></w:del><w:ins w:id="12" w:author="顾问"><w:r><w:t>38</w:t></w:r></w:ins>{}<w:r><w:footnoteReference w:id="2"/></w:r></w:p>"#,
            run("复议案件"),
            run("件。"),
        ),
        // Old properties of a formatting change are not this paragraph's.
        format!(
            r#"<w:p><w:pPr><w:pPrChange w:id="13"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange></w:pPr>{}</w:p>"#,
            run("不再编号的段落")
        ),
        // A text box's paragraphs inside a paragraph's run: their own
        // line, and the paragraph around them keeps all its text.
        format!(
            r#"<w:p>{}<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p>{}</w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p>{}</w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>{}</w:p>"#,
            run("框前"),
            run("框中段落"),
            run("框中段落"),
            run("框后")
        ),
        // A drawing's fallback copy repeats the text box: read once.
        format!(
            r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t>框内</w:t></mc:Choice><mc:Fallback><w:t>框内</w:t></mc:Fallback></mc:AlternateContent></w:r>{}</w:p>"#,
            run("文字")
        ),
        table(&[
            vec![cell("指标"), cell("2023年"), cell("2024年")],
            vec![cell("行政诉讼案件数"), cell("19"), cell("21")],
            vec![
                format!(r#"<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>{}"#, cell("出庭应诉")),
                cell("95%"),
                cell("100%"),
            ],
            vec![r#"<w:tcPr><w:vMerge/></w:tcPr><w:p/>"#.to_string(), cell("—"), cell("—")],
        ]),
        text("某县人民政府"),
        r#"<w:sectPr><w:headerReference w:type="default" r:id="rId9" xmlns:r="r"/></w:sectPr>"#.to_string(),
    ]
    .concat();
    let footnotes = format!(
        r#"<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r>{}</w:p></w:footnote></w:footnotes>"#,
        run(" 数据来源：县司法局统计台账。")
    );
    let doc = Docx::new(body)
        .part("word/numbering.xml", official_numbering("chineseCounting"))
        .part("word/footnotes.xml", footnotes)
        .part(
            "word/header1.xml",
            format!(r#"<w:hdr xmlns:w="{W}">{}</w:hdr>"#, text("门户网站 页眉")),
        );
    let l = read(&doc, "features");
    assert_eq!(
        lines(&l.text),
        [
            "全年办理行政复议案件",
            "复议案件38件。",
            "不再编号的段落",
            "框中段落",
            "框前框后",
            "框内文字",
            "指标\t2023年\t2024年",
            "行政诉讼案件数\t19\t21",
            "出庭应诉\t95%\t100%",
            "\t—\t—",
            "某县人民政府",
            "",
            "脚注：数据来源：县司法局统计台账。",
        ]
    );
    assert_eq!(
        l.notes,
        [reportbench::core::text::ReadNote::TrackedChanges(2)]
    );
}

#[test]
fn every_command_reads_a_docx_and_says_what_it_read() {
    let dir = common::temp_dir("docx-cli");
    let p = dir.join("draft.docx");
    let body = [
        text("某县2024年度法治政府建设情况报告"),
        numbered(1, 0, "主要举措和成效"),
        text("全年办理行政复议案件38件。"),
        format!(
            r#"<w:p><w:ins w:id="1" w:author="a">{}</w:ins></w:p>"#,
            run("新增一句。")
        ),
    ]
    .concat();
    Docx::new(body)
        .part("word/numbering.xml", official_numbering("chineseCounting"))
        .write(&p);
    let out = common::bin().arg("text").arg(&p).output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("一、主要举措和成效\n"), "{stdout}");
    assert!(stdout.contains("新增一句。"));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("1"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");

    let out = common::bin()
        .args(["check", "--format", "json"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "items are missing");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], "docx");
    let measures = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "measures")
        .unwrap();
    assert_eq!(measures["status"], "met");
    assert_eq!(measures["evidence"][0]["line"], 2);

    let out = common::bin().arg("metrics").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let json = |args: &[&str]| -> serde_json::Value {
        let out = common::bin().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let p = p.to_str().unwrap();
    assert_eq!(json(&["review", "--format", "json", p])["format"], "docx");
    let text = common::root().join("drafts/qinghe-2023.txt");
    let v = json(&["diff", "--format", "json", text.to_str().unwrap(), p]);
    assert_eq!(
        (&v["old"]["format"], &v["new"]["format"]),
        (&"text".into(), &"docx".into())
    );
}

/// Runs `check` on `bytes` saved as `name`; returns (exit code, stderr).
fn refused(name: &str, bytes: &[u8]) -> (i32, String) {
    let dir = common::temp_dir("docx-bad");
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    let out = common::bin().arg("check").arg(&p).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.stdout.is_empty(), "{name}: {:?}", out.stdout);
    assert_eq!(
        stderr.trim().lines().count(),
        1,
        "{name}: one sentence: {stderr}"
    );
    (out.status.code().unwrap_or(-1), stderr)
}

#[test]
fn damaged_hostile_and_unsupported_documents_get_one_sentence() {
    // A zip that ends early.
    let good = Docx::new(text("正文")).bytes();
    let (code, e) = refused("cut.docx", &good[..good.len() / 2]);
    assert_eq!(code, 2);
    assert!(
        e.contains("not a Word document") || e.contains("damaged"),
        "{e}"
    );
    // A zip without a Word body.
    let mut out = std::io::Cursor::new(Vec::new());
    {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(&mut out);
        z.start_file("readme.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(b"hello").unwrap();
        z.finish().unwrap();
    }
    let (code, e) = refused("other.docx", out.get_ref());
    assert_eq!((code, e.contains("word/document.xml")), (2, true), "{e}");
    // A zip bomb: a part that unpacks a thousand times and more.
    let mut out = std::io::Cursor::new(Vec::new());
    {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(false);
        z.start_file("word/document.xml", opts).unwrap();
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..40 {
            z.write_all(&zeros).unwrap();
        }
        z.finish().unwrap();
    }
    let (code, e) = refused("bomb.docx", out.get_ref());
    assert_eq!((code, e.contains("zip bomb")), (2, true), "{e}");
    // An entity bomb needs a DTD: refused.
    let bomb = Docx::raw(format!(
        r#"<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#
    ));
    let (code, e) = refused("entities.docx", &bomb.bytes());
    assert_eq!((code, e.contains("DTD")), (2, true), "{e}");
    // Malformed XML says which part and where.
    let broken = Docx::new("<w:p><w:r><w:t>未闭合</w:r></w:p>");
    let (code, e) = refused("broken.docx", &broken.bytes());
    assert_eq!((code, e.contains("word/document.xml")), (2, true), "{e}");
    // An old binary Word file, and a password-protected .docx (both OLE).
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let (code, e) = refused("old.docx", &ole);
    assert_eq!((code, e.contains(".docx in WPS or Word")), (2, true), "{e}");
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    ole.extend_from_slice(&name);
    let (code, e) = refused("secret.docx", &ole);
    assert_eq!((code, e.contains("password")), (2, true), "{e}");
    let (code, e) = refused("report.pdf", b"%PDF-1.7\n%\xe2\xe3\n");
    assert_eq!((code, e.contains("PDF")), (2, true), "{e}");
}

#[test]
fn the_shared_samples_read_as_other_tools_wrote_them() {
    let Some(dir) = common::samples("the_shared_samples_read_as_other_tools_wrote_them") else {
        return;
    };
    for file in ["handmade.docx", "libreoffice/handmade.docx"] {
        let l = load(&dir.join(file)).unwrap();
        let t = &l.text;
        for expected in [
            "清河县人民政府关于2024年度法治政府建设情况的报告\n",
            "一、主要举措和成效\n",
            "（一）加强党对法治政府建设的领导\n",
            "全年办理行政复议案件38件，纠错率12.5%。\n",
            "四、下一年度推进法治政府建设的主要安排\n",
            "（十二）安排事项12\n",
            "行政诉讼案件数\t21\n",
            "脚注：数据来源：县司法局统计台账。\n",
        ] {
            assert!(t.contains(expected), "{file}: {expected:?} not in\n{t}");
        }
        assert!(
            !t.contains("3538") && !t.contains("门户网站"),
            "{file}: {t}"
        );
        // The adviser's tracked change (35 → 38), as another tool wrote
        // it and as LibreOffice saved it again: one suggestion shown
        // accepted, by its author, placed on its wording.
        let s: Vec<_> = l
            .suggestions
            .iter()
            .map(|s| {
                (
                    s.quote.as_str(),
                    s.replacement.as_str(),
                    s.author.as_str(),
                    s.prefix.ends_with("行政复议案件") && s.suffix.starts_with("件，纠错率"),
                )
            })
            .collect();
        assert_eq!(s, [("35", "38", "法律顾问", true)], "{file}");
        let Place::Current(a) = l.suggestions[0].place_in(t) else {
            panic!("{file}: {:?}", l.suggestions[0])
        };
        assert_eq!(&t[a.start..a.end], "38", "{file}");
    }
}

#[test]
fn old_word_files_are_converted_by_libreoffice_or_refused_with_the_way_out() {
    let test = "old_word_files_are_converted_by_libreoffice_or_refused_with_the_way_out";
    let Some(dir) = common::samples(test) else {
        return;
    };
    for file in ["legacy/report.doc", "legacy/report-kingsoft-style.wps"] {
        // Without LibreOffice: one sentence, exit 2.
        let out = common::bin()
            .env("REPORTBENCH_SOFFICE", "/nonexistent/soffice")
            .arg("check")
            .arg(dir.join(file))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let e = String::from_utf8(out.stderr).unwrap();
        assert!(e.contains("save it as .docx in WPS or Word"), "{file}: {e}");
        assert_eq!(e.trim().lines().count(), 1, "{e}");
    }
    let Some(_) = common::soffice(test) else {
        return;
    };
    // With it: the same text as the .docx LibreOffice saved of the same
    // document, detected by content (the .wps is the same bytes).
    let docx = load(&dir.join("libreoffice/handmade.docx")).unwrap().text;
    for file in ["legacy/report.doc", "legacy/report-kingsoft-style.wps"] {
        let l = load(&dir.join(file)).unwrap();
        assert_eq!(l.source.name(), "doc");
        assert_eq!(l.text, docx, "{file}");
        assert_eq!(
            l.notes,
            [reportbench::core::text::ReadNote::TrackedChanges(2)]
        );
    }
}

/// Paragraph text without spaces (LibreOffice puts one after a label).
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn numbering_matches_libreoffices_own_text_export() {
    let Some(dir) = common::samples("numbering_matches_libreoffices_own_text_export") else {
        return;
    };
    // LibreOffice re-saved the sample (as chineseCountingThousand) and wrote
    // its own text export of it: every paragraph that LibreOffice shows as
    // one line must read the same here (tables and notes are laid out
    // differently on purpose and are left out of the comparison).
    let ours = load(&dir.join("libreoffice/handmade.docx")).unwrap().text;
    let ours: Vec<String> = ours.lines().map(squeeze).collect();
    let theirs = std::fs::read_to_string(dir.join("libreoffice/handmade.txt")).unwrap();
    let mut compared = 0;
    for line in theirs.trim_start_matches('\u{feff}').lines() {
        let line = squeeze(line);
        if line.is_empty() || !line.chars().any(|c| c >= '\u{4e00}') || line.len() < 9 {
            continue; // table cells, one per line there
        }
        // The footnote's number LibreOffice appends to its paragraph, and
        // the tracked deletion (35) it shows beside the insertion (38):
        // we read the accepted text.
        let line = line
            .trim_end_matches(char::is_numeric)
            .replace("3538件", "38件");
        assert!(
            ours.iter().any(|o| *o == line || o.starts_with(&line)),
            "LibreOffice reads {line:?}; we do not"
        );
        compared += 1;
    }
    assert!(compared >= 30, "compared {compared} paragraphs");
}

#[test]
fn numbering_matches_libreoffices_text_export_of_our_documents() {
    let Some(soffice) =
        common::soffice("numbering_matches_libreoffices_text_export_of_our_documents")
    else {
        return;
    };
    let dir = common::temp_dir("lo-numbering");
    for format in ["chineseCounting", "chineseCountingThousand"] {
        let p = dir.join(format!("{format}.docx"));
        numbered_document(format).write(&p);
        let txt = common::soffice_convert(&soffice, &p, "txt:Text (encoded):UTF8", &dir);
        let theirs = std::fs::read_to_string(&txt).unwrap();
        let theirs: Vec<String> = theirs
            .trim_start_matches('\u{feff}')
            .lines()
            .map(squeeze)
            .filter(|l| !l.is_empty())
            .collect();
        // Our outline marks ("# ") are ours: LibreOffice's text has none.
        let ours: Vec<String> = load(&p)
            .unwrap()
            .text
            .lines()
            .map(|l| squeeze(l.trim_start_matches('#')))
            .collect();
        assert_eq!(ours, theirs, "{format}");
    }
}

#[test]
fn a_draft_saved_as_docx_by_libreoffice_checks_as_the_text_does() {
    let Some(soffice) =
        common::soffice("a_draft_saved_as_docx_by_libreoffice_checks_as_the_text_does")
    else {
        return;
    };
    let dir = common::temp_dir("lo-docx");
    for draft in ["qinghe-2023.txt", "qinghe-2024.md"] {
        // LibreOffice reads .md as text only under a .txt name.
        let src = dir.join(Path::new(draft).with_extension("txt").file_name().unwrap());
        std::fs::copy(common::root().join("drafts").join(draft), &src).unwrap();
        let docx = common::soffice_convert(&soffice, &src, "docx:MS Word 2007 XML", &dir);
        assert_eq!(
            common::check_statuses(&docx),
            common::check_statuses(&src),
            "{draft}"
        );
    }
}

#[test]
fn the_workbench_views_a_docx_and_saves_its_text_as_a_new_markdown_file() {
    use common::bench::open;
    use crossterm::event::KeyCode;
    use reportbench::app::state::Overlay;
    use reportbench::core::lang::Lang;
    let dir = common::temp_dir("wb-docx");
    let p = dir.join("草稿.docx");
    numbered_document("chineseCounting").write(&p);
    let original = std::fs::read(&p).unwrap();
    let mut b = open(&p).lang(Lang::En).size(100, 30).start();
    assert!(b.s().is_read_only());
    assert!(b.screen(100, 30).contains("Word document, read-only"));
    assert!(b.s().text().contains("一、主要举措和成效"));
    // Typing is refused with the way on; nothing is written.
    b.press(KeyCode::Char('甲'));
    assert!(!b.s().text().contains('甲'));
    assert!(b.s().message().unwrap().0.contains("new .md"));
    // Ctrl-S offers a new Markdown file beside it.
    b.ctrl('s');
    let md = dir.join("草稿.md");
    assert_eq!(*b.s().overlay(), Overlay::SaveAs(md.display().to_string()));
    b.press(KeyCode::Enter);
    assert_eq!(
        std::fs::read(&p).unwrap(),
        original,
        "the .docx is never changed"
    );
    let saved = std::fs::read_to_string(&md).unwrap();
    assert!(saved.starts_with("某县2024年度法治政府建设情况报告\n一、主要举措和成效\n"));
    // …and the Markdown file is the draft now, editable.
    assert!(!b.s().is_read_only());
    assert_eq!(b.s().path(), md.as_path());
    b.press(KeyCode::Char('甲'));
    b.ctrl('s');
    assert!(std::fs::read_to_string(&md).unwrap().starts_with("甲某县"));
    assert_eq!(std::fs::read(&p).unwrap(), original);
}

/// Writes `html` in `encoding` as `name` in a folder of its own.
fn page(
    name: &str,
    html: &str,
    encoding: &'static encoding_rs::Encoding,
) -> (common::TempDir, std::path::PathBuf) {
    // A folder per page: tests run in parallel, and a folder of the same
    // name would be emptied by the next one made.
    let dir = common::temp_dir(&format!("html-{name}"));
    let p = dir.join(name);
    std::fs::write(&p, encoding.encode(html).0).unwrap();
    (dir, p)
}

#[test]
fn portal_pages_give_their_article_and_title_and_list_attachments() {
    let Some(dir) =
        common::samples("portal_pages_give_their_article_and_title_and_list_attachments")
    else {
        return;
    };
    let texts: Vec<String> = ["portal-gb2312.html", "portal-utf8.html", "portal-oldstyle.html"]
        .iter()
        .map(|f| {
            let l = load(&dir.join("html").join(f)).unwrap();
            assert_eq!(l.source.name(), "html");
            assert!(
                matches!(&l.notes[..], [reportbench::core::text::ReadNote::Attachments(a)] if a.len() == 1 && a[0].ends_with(".pdf")),
                "{f}: {:?}",
                l.notes
            );
            l.text
        })
        .collect();
    let t = &texts[0];
    assert!(
        t.starts_with("清河县人民政府关于2024年度法治政府建设情况的报告\n2024年，"),
        "{t}"
    );
    assert!(t.contains("\n一、主要举措和成效\n"));
    assert!(t.ends_with("清河县人民政府\n2025年3月26日\n"), "{t}");
    // Page furniture stays out: menus, breadcrumb, the 索引号 card, the
    // article's info line, share links.
    for furniture in [
        "走进清河",
        "您现在的位置",
        "索引号",
        "浏览次数",
        "字号",
        "信息公开指南",
    ] {
        assert!(!t.contains(furniture), "{furniture} in\n{t}");
    }
    // The same page in UTF-8, and the old <br> layout, read the same.
    assert_eq!(texts[1], texts[0]);
    assert_eq!(texts[2], texts[0]);
    // A template we do not know: the readability extractor finds the same.
    let html = std::fs::read_to_string(dir.join("html/portal-utf8.html")).unwrap();
    let (_d, p) = page(
        "unknown.html",
        &html.replace("TRS_Editor", "mystery"),
        encoding_rs::UTF_8,
    );
    assert_eq!(load(&p).unwrap().text, texts[0]);
}

#[test]
fn pages_of_our_own_charsets_tables_and_refusals() {
    // GB2312 declared in a meta, a table, <br>-separated lines, a page
    // found by content under a .txt name.
    let html = r#"<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>某县2024年法治政府建设年度报告_某县政府</title></head>
<body><div class="nav">首页 &gt; 政务公开</div><div id="zoom"><p>　　2024年，某县坚持依法行政。</p><p>一、主要举措和成效<br>（一）加强领导</p>
<table><tr><td>指标</td><td>数量</td></tr><tr><td></td><td>38件</td></tr></table><p>附件：<a href="/files/a.xlsx">统计表.xlsx</a></p></div></body></html>"#;
    let (_d, p) = page("page.txt", html, encoding_rs::GB18030);
    let l = load(&p).unwrap();
    assert_eq!(
        l.text,
        "某县2024年法治政府建设年度报告\n2024年，某县坚持依法行政。\n一、主要举措和成效\n（一）加强领导\n指标\t数量\n\t38件\n附件：统计表.xlsx\n"
    );
    // No article: one sentence, exit 2.
    let (_d, p) = page(
        "empty.html",
        "<html><body><div class=nav>首页</div></body></html>",
        encoding_rs::UTF_8,
    );
    let out = common::bin().arg("check").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(
        e.contains("without an article body") && e.trim().lines().count() == 1,
        "{e}"
    );
    // Nesting that would take the parser minutes is refused at once.
    let deep = format!(
        "<html><body>{}正文{}</body></html>",
        "<div>".repeat(20_000),
        "</div>".repeat(20_000)
    );
    let (_d, p) = page("deep.html", &deep, encoding_rs::UTF_8);
    let e = load(&p).unwrap_err().to_string();
    assert!(e.contains("nested more than"), "{e}");
    // Escape sequences in a page never reach the terminal.
    let (_d, p) = page(
        "esc.html",
        "<html><body><article><p>正文\u{1b}]0;title\u{7}第一段，内容足够长，足够长，足够长，足够长。</p><p>第二段：\u{202e}反向\u{202c}文字，内容足够长，足够长。</p></article></body></html>",
        encoding_rs::UTF_8,
    );
    let out = common::bin().arg("text").arg(&p).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        !stdout
            .chars()
            .any(|c| c != '\n' && c != '\t' && reportbench::core::text::is_unsafe_for_display(c)),
        "{stdout:?}"
    );
}

/// A document with two Word comments: one on "38件", one on a point.
fn commented_document() -> Docx {
    let body = [
        text("某县2024年度法治政府建设情况报告"),
        numbered(1, 0, "主要举措和成效"),
        format!(
            r#"<w:p>{}<w:commentRangeStart w:id="5"/>{}<w:commentRangeEnd w:id="5"/><w:r><w:commentReference w:id="5"/></w:r>{}</w:p>"#,
            run("全年办理行政复议案件"),
            run("38件"),
            run("，纠错率12.5%。")
        ),
        format!(
            r#"<w:p>{}<w:r><w:commentReference w:id="6"/></w:r></w:p>"#,
            run("行政诉讼案件21件。")
        ),
    ]
    .concat();
    let comments = format!(
        r#"<w:comments xmlns:w="{W}"><w:comment w:id="5" w:author="李律师" w:date="2025-03-01T09:30:00Z"><w:p>{}</w:p><w:p>{}</w:p></w:comment><w:comment w:id="6" w:author="王主任" w:date="2025-03-02T10:00:00Z"><w:p>{}</w:p></w:comment></w:comments>"#,
        run("请核对案件数。"),
        run("与统计台账一致？"),
        run("补充出庭应诉率。")
    );
    Docx::new(body)
        .part("word/numbering.xml", official_numbering("chineseCounting"))
        .part("word/comments.xml", comments)
}

#[test]
fn word_comments_are_shown_beside_the_review_and_never_written_to_it() {
    let dir = common::temp_dir("docx-comments");
    let p = dir.join("draft.docx");
    commented_document().write(&p);
    let l = load(&p).unwrap();
    assert_eq!(l.comments.len(), 2);
    assert_eq!(l.comments[0].quote, "38件");
    assert_eq!(l.comments[0].author, "李律师");
    assert_eq!(l.comments[0].body, "请核对案件数。\n与统计台账一致？");
    assert!(l.comments.iter().all(|c| c.is_from_file()));
    // The comment marks are not text.
    assert!(l.text.contains("全年办理行政复议案件38件，纠错率12.5%。\n"));

    let out = common::bin()
        .args(["review", "--format", "json"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let c = &v["comments"];
    assert_eq!(c.as_array().unwrap().len(), 2);
    assert_eq!(c[0]["from_file"], true);
    assert_eq!(c[0]["quote"], "38件");
    assert_eq!(c[0]["line"], 3);
    assert_eq!(c[0]["orphaned"], false);
    // A comment on a point quotes its paragraph.
    assert_eq!(c[1]["author"], "王主任");
    assert_eq!(c[1]["quote"], "行政诉讼案件21件。");
    assert_eq!(c[1]["line"], 4);
    let out = common::bin().args(["review"]).arg(&p).output().unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("Word 批注") || md.contains("Word comment"),
        "{md}"
    );
    // Nothing was written beside the document.
    assert!(!dir.join("draft.docx.review.yaml").exists());
    assert_eq!(std::fs::read_dir(&*dir).unwrap().count(), 1);
}

#[test]
fn the_workbench_lists_word_comments_and_leaves_them_to_word() {
    use common::bench::open;
    use crossterm::event::KeyCode;
    use reportbench::app::state::Overlay;
    use reportbench::core::lang::Lang;
    let dir = common::temp_dir("wb-docx-comments");
    let p = dir.join("draft.docx");
    commented_document().write(&p);
    let mut b = open(&p)
        .lang(Lang::En)
        .review()
        .author("李律师")
        .size(100, 30)
        .start();
    assert_eq!(b.s().open_comments(), 2);
    b.press(KeyCode::F(6));
    assert_eq!(*b.s().overlay(), Overlay::Comments(0));
    let screen = b.screen(100, 30);
    assert!(
        screen.contains("Word comment") && screen.contains("请核对案件数"),
        "{screen}"
    );
    // Replying, resolving and deleting are refused before anything is typed.
    for key in ['r', 'v', 'd'] {
        b.press(KeyCode::Char(key));
        assert_eq!(*b.s().overlay(), Overlay::Comments(0), "{key}");
        assert!(
            b.s().message().unwrap().0.contains("in WPS or Word"),
            "{key}"
        );
    }
    // Enter goes to the commented text.
    b.press(KeyCode::Enter);
    assert_eq!(b.s().editor().cursor().0, 2);
    // Nothing was written beside the document.
    assert_eq!(std::fs::read_dir(&*dir).unwrap().count(), 1);
}
