//! Tables read from a report's text, in the shapes they arrive in: Markdown
//! pipe rows (`| 一、本年新收 | 5 | 0 |`), Word table rows (cells apart by a
//! tab, as the .docx reader gives them), and tables a portal flattened to
//! one cell per line (`本年制发件数 |`, a lone `|` between rows, or bare
//! numbers under their label). Rows are matched to a spec table's rows by
//! their words, in the format's order; the numbers after a row's label fill
//! its columns. Pure: text in, cells out.

use super::document::Document;
use super::spec::compile_tables::{CompiledTable, push_folded_label};
use std::ops::Range;

/// One cell's figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The value (a dash counts as 0).
    pub value: f64,
    /// Where it is in the text.
    pub range: Range<usize>,
}

/// A spec table as found in a report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableRead {
    /// Its rows were found (enough of its words, and a row with figures).
    pub found: bool,
    /// Where its first row starts and its last ends.
    pub range: Option<Range<usize>>,
    /// Per spec row: where its label is, when found.
    pub row_labels: Vec<Option<Range<usize>>>,
    /// Per spec row, per column: the figure (`None`: blank, or not found).
    pub cells: Vec<Vec<Option<Cell>>>,
}

impl TableRead {
    /// The figure in row `r`, column `c`.
    pub fn cell(&self, r: usize, c: usize) -> Option<&Cell> {
        self.cells.get(r)?.get(c)?.as_ref()
    }

    /// Rows found with at least one figure.
    pub fn rows_found(&self) -> usize {
        self.cells
            .iter()
            .filter(|r| r.iter().any(Option::is_some))
            .count()
    }
}

/// A cell as written: its text and where it is.
#[derive(Debug, Clone)]
struct RawCell<'a> {
    text: &'a str,
    range: Range<usize>,
}

/// What a cell holds.
#[derive(Debug, PartialEq)]
enum Content {
    Label,
    Blank,
    Number(f64),
}

/// The longest line taken as a label of a flattened row (a longer one is
/// prose).
const MAX_LABEL_CHARS: usize = 60;

/// What `text` holds: a number (digits with thousands commas, fullwidth
/// digits, a unit after them), a dash (0), nothing, or words. Read without
/// copying the text: a table has hundreds of cells, each read more than
/// once.
fn content(text: &str) -> Content {
    let t = text.trim();
    if t.is_empty() {
        return Content::Blank;
    }
    if matches!(t, "—" | "-" | "－" | "/" | "／" | "——" | "—-" | "无") {
        return Content::Number(0.0);
    }
    // The number's characters, commas left out, fullwidth ones as ASCII,
    // and the units after it left off; beyond `buf`, in a string.
    let mut buf = [0u8; 48];
    let mut len = 0;
    let mut long = String::new();
    // A unit was seen: only more units (and commas) may follow.
    let mut unit = false;
    for c in t.chars() {
        let d = match c {
            ',' | '，' => continue,
            '件' | '个' | '条' | '万' | '元' => {
                unit = true;
                continue;
            }
            '０'..='９' => (b'0' + (c as u32 - '０' as u32) as u8) as char,
            '．' => '.',
            '0'..='9' | '.' => c,
            _ => return Content::Label,
        };
        if unit {
            return Content::Label;
        }
        if len < buf.len() {
            buf[len] = d as u8;
            len += 1;
        } else {
            if long.is_empty() {
                long.push_str(std::str::from_utf8(&buf).unwrap_or_default());
            }
            long.push(d);
        }
    }
    let number = if long.is_empty() {
        std::str::from_utf8(&buf[..len]).unwrap_or_default()
    } else {
        &long
    };
    match number.parse::<f64>() {
        Ok(v) if !number.is_empty() => Content::Number(v),
        _ => Content::Label,
    }
}

/// The rows of paragraphs `paras` as cells.
fn raw_rows(doc: &Document, paras: Range<usize>) -> Vec<Vec<RawCell<'_>>> {
    let mut rows: Vec<Vec<RawCell>> = Vec::new();
    // A flattened row being gathered, and whether it has figures yet.
    let mut loose: Vec<RawCell> = Vec::new();
    let mut loose_has_values = false;
    fn flush<'a>(rows: &mut Vec<Vec<RawCell<'a>>>, loose: &mut Vec<RawCell<'a>>, has: &mut bool) {
        if !loose.is_empty() {
            rows.push(std::mem::take(loose));
        }
        *has = false;
    }
    for pi in paras {
        let p = &doc.paragraphs()[pi];
        let text = doc.paragraph_text(pi);
        let base = p.range.start;
        let trimmed = text.trim();
        let cells_of = |sep: char| -> Vec<RawCell> {
            let mut out = Vec::new();
            let mut at = 0;
            for piece in text.split(sep) {
                let lead = piece.len() - piece.trim_start().len();
                let t = piece.trim();
                out.push(RawCell {
                    text: t,
                    range: base + at + lead..base + at + lead + t.len(),
                });
                at += piece.len() + sep.len_utf8();
            }
            out
        };
        if trimmed.starts_with('|') && trimmed.len() > 1 && trimmed[1..].contains('|') {
            // A Markdown pipe row: the pieces between the outer bars.
            flush(&mut rows, &mut loose, &mut loose_has_values);
            let mut cells = cells_of('|');
            if cells.first().is_some_and(|c| c.text.is_empty()) {
                cells.remove(0);
            }
            if cells.last().is_some_and(|c| c.text.is_empty()) {
                cells.pop();
            }
            let separator = cells.iter().all(|c| {
                !c.text.is_empty() && c.text.chars().all(|ch| matches!(ch, '-' | ':' | ' '))
            });
            if !separator {
                rows.push(cells);
            }
        } else if text.contains('\t') {
            flush(&mut rows, &mut loose, &mut loose_has_values);
            rows.push(cells_of('\t'));
        } else {
            // One cell per line: "text |" (a lone "|" between rows), or a
            // bare label or number.
            let cell_text = trimmed.split('|').next().unwrap_or("").trim();
            if cell_text.is_empty() {
                if trimmed.starts_with('|') && loose_has_values {
                    flush(&mut rows, &mut loose, &mut loose_has_values);
                }
                continue;
            }
            let start = base + text.find(cell_text).unwrap_or(0);
            let cell = RawCell {
                text: cell_text,
                range: start..start + cell_text.len(),
            };
            match content(cell_text) {
                Content::Number(_) | Content::Blank => {
                    if loose.is_empty() {
                        continue;
                    }
                    loose.push(cell);
                    loose_has_values = true;
                }
                Content::Label => {
                    if loose_has_values {
                        flush(&mut rows, &mut loose, &mut loose_has_values);
                    }
                    if cell_text.chars().count() > MAX_LABEL_CHARS {
                        // Prose, not a table.
                        loose.clear();
                        continue;
                    }
                    loose.push(cell);
                }
            }
        }
    }
    flush(&mut rows, &mut loose, &mut loose_has_values);
    rows
}

/// Reads `table` from paragraphs `paras` of `doc`.
pub fn read_table(doc: &Document, table: &CompiledTable, paras: Range<usize>) -> TableRead {
    let rows = raw_rows(doc, paras);
    let mut read = TableRead {
        found: false,
        range: None,
        row_labels: vec![None; table.rows.len()],
        cells: vec![vec![None; table.columns.len()]; table.rows.len()],
    };
    // Recognised by its words anywhere in its cells.
    let mut all = String::new();
    for c in rows.iter().flatten() {
        push_folded_label(c.text, &mut all);
    }
    let words = table
        .recognise
        .iter()
        .filter(|w| all.contains(w.as_str()))
        .count();
    if words < table.min_words {
        return read;
    }
    let mut next = 0;
    let mut label = String::new();
    for cells in &rows {
        // The label: every cell up to the last that is not a figure.
        let last_label = cells
            .iter()
            .rposition(|c| matches!(content(c.text), Content::Label));
        let values: Vec<&RawCell> = cells[last_label.map_or(0, |l| l + 1)..].iter().collect();
        if values.is_empty() {
            continue;
        }
        label.clear();
        for c in &cells[..last_label.map_or(0, |l| l + 1)] {
            push_folded_label(c.text, &mut label);
        }
        // A row of figures alone is the row of a one-row table (its label
        // is the header above).
        let j = if last_label.is_none() {
            (table.rows.len() == 1 && next == 0 && values.len() >= table.rows[0].columns.len())
                .then_some(0)
        } else {
            (next..table.rows.len()).find(|&j| table.rows[j].names(&label))
        };
        let Some(j) = j else {
            continue;
        };
        next = j + 1;
        let spec_row = &table.rows[j];
        // Figures fill the row's columns; extra cells at the left are
        // labels split into cells.
        let skip = values.len().saturating_sub(spec_row.columns.len());
        for (k, cell) in values[skip..].iter().enumerate() {
            let Some(&col) = spec_row.columns.get(k) else {
                break;
            };
            if let Content::Number(v) = content(cell.text) {
                read.cells[j][col] = Some(Cell {
                    value: v,
                    range: cell.range.clone(),
                });
            }
        }
        let first = cells[0].range.start;
        let end = cells.last().map_or(first, |c| c.range.end);
        read.row_labels[j] = last_label.map(|l| first..cells[l].range.end);
        read.range = Some(match read.range.take() {
            Some(r) => r.start.min(first)..r.end.max(end),
            None => first..end,
        });
    }
    read.found = read.rows_found() > 0;
    read
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::spec::CompiledSpec;

    const SPEC: &str = r#"
id: t
version: 1
items:
  - id: apply
    title: 申请
    kind: section
    table: applications
    heading: {any: [申请情况]}
tables:
  - id: applications
    title: 收到和处理政府信息公开申请情况
    item: apply
    recognise: [自然人, 本年新收, 总计]
    columns:
      - {id: natural, label: 自然人}
      - {id: total, label: 总计}
    rows:
      - {id: new, label: 本年新收}
      - {id: carried, label: 上年结转}
      - {id: disclosed, label: 予以公开}
      - {id: other, label: 其他, none: [其他组织]}
      - {id: total, label: 总计}
"#;

    fn read(text: &str) -> TableRead {
        let spec = CompiledSpec::from_yaml(SPEC, "t").unwrap();
        let doc = Document::parse(text);
        read_table(&doc, &spec.tables.tables[0], 0..doc.paragraphs().len())
    }

    fn values(t: &TableRead) -> Vec<Vec<Option<f64>>> {
        t.cells
            .iter()
            .map(|r| r.iter().map(|c| c.as_ref().map(|c| c.value)).collect())
            .collect()
    }

    #[test]
    fn pipe_tab_and_flattened_tables_read_the_same() {
        let pipe = "| 申请人 | 自然人 | 总计 |\n|---|---|---|\n| 一、本年新收政府信息公开申请数量 | 5 | 5 |\n| 二、上年结转 | 0 | — |\n| 三、本年度办理结果 | （一）予以公开 | 3 | 3 |\n| （六）其他处理 | 3.其他 | 1 | 1 |\n| （七）总计 | 4 | 4 |\n";
        let tab = "申请人\t自然人\t总计\n一、本年新收政府信息公开申请数量\t5\t5\n二、上年结转\t0\t—\n三、本年度办理结果\t（一）予以公开\t3\t3\n（六）其他处理\t3.其他\t1\t1\n（七）总计\t4\t4\n";
        let flat = "|\n申请人 |\n自然人 |\n总计 |\n|\n一、本年新收政府信息公开申请数量 |\n5 |\n5 |\n|\n二、上年结转 |\n0 |\n— |\n|\n三、本年度办理结果 |\n（一）予以公开 |\n3 |\n3 |\n|\n（六）其他处理 |\n3.其他 |\n1 |\n1 |\n|\n（七）总计 |\n4 |\n4 |\n";
        let bare = "申请人\n自然人\n总计\n一、本年新收政府信息公开申请数量\n5\n5\n二、上年结转\n0\n—\n三、本年度办理结果\n（一）予以公开\n3\n3\n（六）其他处理\n3.其他\n1\n1\n（七）总计\n4\n4\n";
        let want = vec![
            vec![Some(5.0), Some(5.0)],
            vec![Some(0.0), Some(0.0)],
            vec![Some(3.0), Some(3.0)],
            vec![Some(1.0), Some(1.0)],
            vec![Some(4.0), Some(4.0)],
        ];
        for (name, text) in [("pipe", pipe), ("tab", tab), ("flat", flat), ("bare", bare)] {
            let t = read(text);
            assert!(t.found, "{name}");
            assert_eq!(values(&t), want, "{name}");
            // Each figure's range is the figure in the text.
            let c = t.cell(0, 0).unwrap();
            assert_eq!(&text[c.range.clone()], "5", "{name}");
        }
    }

    #[test]
    fn prose_and_other_tables_are_not_this_table() {
        let t = read("全年共收到申请5件，其中自然人申请5件，予以公开3件。\n");
        assert!(!t.found);
        // Words of the table but no figures in rows.
        let t = read("| 自然人 | 本年新收 | 总计 |\n|---|---|---|\n");
        assert!(!t.found);
        // A blank cell stays blank.
        let t = read("| 自然人 | 总计 |\n| 本年新收 | 5 |  |\n");
        assert_eq!(values(&t)[0], vec![Some(5.0), None]);
    }

    /// `content` as first written: the number's characters copied into a
    /// string, then the units trimmed off its end.
    fn content_as_first_written(text: &str) -> Content {
        let t = text.trim();
        if t.is_empty() {
            return Content::Blank;
        }
        if matches!(t, "—" | "-" | "－" | "/" | "／" | "——" | "—-" | "无") {
            return Content::Number(0.0);
        }
        let digits: String = t
            .chars()
            .filter(|c| *c != ',' && *c != '，')
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '．' => '.',
                c => c,
            })
            .collect();
        let number = digits.trim_end_matches(['件', '个', '条', '万', '元']);
        if !number.is_empty()
            && number.chars().all(|c| c.is_ascii_digit() || c == '.')
            && let Ok(v) = number.parse::<f64>()
        {
            return Content::Number(v);
        }
        Content::Label
    }

    #[test]
    fn cells_read_as_they_were_first_read() {
        let pieces = [
            "0",
            "1",
            "7",
            "9",
            "０",
            "５",
            "９",
            ".",
            "．",
            ",",
            "，",
            "件",
            "个",
            "条",
            "万",
            "元",
            " ",
            "\t",
            "—",
            "-",
            "/",
            "无",
            "e",
            "+",
            "总计",
            "自然人",
            "1234567890",
            "９９９９９９９９９９",
            "·",
        ];
        let mut rng = crate::core::testing::Rng(0x007a_b1e5);
        let mut numbers = 0;
        for round in 0..30_000 {
            // Now and then past the 48 characters kept without a string.
            let n = if rng.below(10) == 0 {
                30 + rng.below(30)
            } else {
                rng.below(6)
            };
            let cell: String = (0..n).map(|_| pieces[rng.below(pieces.len())]).collect();
            let want = content_as_first_written(&cell);
            numbers += usize::from(matches!(want, Content::Number(_)));
            assert_eq!(content(&cell), want, "round {round}: {cell:?}");
        }
        assert!(numbers > 3_000, "{numbers}");
        // Numbers longer than the buffer, with and without their unit.
        for cell in [
            "1".repeat(48),
            "9".repeat(49),
            format!("{}件", "１２３，".repeat(40)),
            format!("{}.5万元", "7".repeat(60)),
        ] {
            let want = content_as_first_written(&cell);
            assert!(matches!(want, Content::Number(_)), "{cell}");
            assert_eq!(content(&cell), want, "{cell}");
        }
    }
}
