//! Placed pieces of text made into what a reader of the page sees: lines by
//! baseline, table cells kept on their row, running headers, footers and page
//! numbers left out, footnotes moved after the body, and lines re-joined into
//! paragraphs (a line that reaches the right margin continues unless the next
//! is indented, starts a heading, or the spacing says otherwise).

use super::lines::{Line, page_lines};
use super::walk::PageContent;
use crate::core::outline::{LineShape, classify_line};
use crate::core::residue::NOTE_LABELS;
use std::collections::HashMap;

/// Page furniture lives in this share of the page's height at top and bottom.
const FURNITURE_BAND: f64 = 0.12;

/// The text of `pages`: paragraphs one per line, a table row's cells
/// separated by a tab, footnotes after the body under [`NOTE_LABELS`].
pub fn lay_out(pages: &[PageContent]) -> String {
    let mut lines: Vec<Line> = Vec::new();
    let mut refs: Vec<Vec<String>> = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        let (page_lines, page_refs) = page_lines(n, page);
        lines.extend(page_lines);
        refs.push(page_refs);
    }
    drop_furniture(&mut lines, pages);
    let body_size = body_size(&lines);
    let notes = take_footnotes(&mut lines, pages, &refs, body_size);
    let lines = join_wrapped_cells(lines, pages);
    let mut out: Vec<String> = paragraphs(&lines, pages, body_size);
    if !notes.is_empty() {
        out.push(String::new());
        out.extend(notes.into_iter().map(|n| format!("{}{n}", NOTE_LABELS[0])));
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// Whether `t` is a page number: "3", "— 3 —", "- 3 -", "第3页", "第3页 共9页",
/// "3/9", "Page 3 of 9".
fn is_page_number(t: &str) -> bool {
    let s: String = t
        .chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '-' | '—' | '–' | '－' | '_' | '·' | '•' | '|')
        })
        .collect::<String>()
        .to_lowercase();
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    if digits(&s) {
        return true;
    }
    if let Some(rest) = s.strip_prefix('第') {
        let (page, total) = rest.split_once("页").unwrap_or((rest, ""));
        let total = total.strip_prefix('共').and_then(|x| x.strip_suffix('页'));
        return digits(page) && (total.is_none_or(digits)) && (rest.ends_with('页'));
    }
    if let Some((a, b)) = s.split_once('/') {
        return digits(a) && digits(b);
    }
    if let Some(rest) = s.strip_prefix("page") {
        let (a, b) = rest.split_once("of").unwrap_or((rest, "1"));
        return digits(a) && digits(b);
    }
    false
}

/// Leaves out page numbers and running headers and footers: lines at the
/// top or bottom edge of a page (in the outer band, set apart from the
/// text by a gap) that repeat on most pages, digits aside.
fn drop_furniture(lines: &mut Vec<Line>, pages: &[PageContent]) {
    let n = lines.len();
    let edge: Vec<bool> = (0..n)
        .map(|i| {
            let l = &lines[i];
            let [_, bottom, _, top] = pages[l.page].bbox;
            let band = (top - bottom) * FURNITURE_BAND;
            let same = |j: usize| lines.get(j).is_some_and(|o| o.page == l.page);
            let apart =
                |j: usize| !same(j) || (lines[j].y - l.y).abs() > 1.5 * l.size.max(lines[j].size);
            // Among the first two lines of the page, or the last two.
            let first_two = !same(i.wrapping_sub(1)) || !same(i.wrapping_sub(2));
            let last_two = !same(i + 1) || !same(i + 2);
            (l.y > top - band && first_two && apart(i + 1))
                || (l.y < bottom + band && last_two && apart(i.wrapping_sub(1)))
        })
        .collect();
    let key = |l: &Line| -> String {
        l.text()
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect()
    };
    let mut seen: HashMap<String, std::collections::BTreeSet<usize>> = HashMap::new();
    for (l, _) in lines.iter().zip(&edge).filter(|(_, e)| **e) {
        seen.entry(key(l)).or_default().insert(l.page);
    }
    let with_text = pages.iter().filter(|p| !p.pieces.is_empty()).count();
    let repeated = |k: &str| {
        with_text >= 2
            && seen
                .get(k)
                .is_some_and(|p| p.len() * 2 >= with_text && p.len() >= 2)
    };
    let mut i = 0;
    lines.retain(|l| {
        i += 1;
        !(edge[i - 1] && (is_page_number(&l.text()) || repeated(&key(l))))
    });
}

/// The most common font size, by characters.
fn body_size(lines: &[Line]) -> f64 {
    let mut by: HashMap<i64, usize> = HashMap::new();
    for l in lines {
        *by.entry((l.size * 2.0).round() as i64).or_default() += l.chars();
    }
    by.into_iter()
        .max_by_key(|(size, n)| (*n, -size))
        .map_or(12.0, |(s, _)| s as f64 / 2.0)
}

/// Footnotes: the lines at the foot of a page from the first one that
/// starts with a note mark the page's text refers to (or a smaller one
/// starting with a mark). Taken out of `lines`, returned in page order.
fn take_footnotes(
    lines: &mut Vec<Line>,
    pages: &[PageContent],
    refs: &[Vec<String>],
    body: f64,
) -> Vec<String> {
    let mut notes = Vec::new();
    let mut drop = vec![false; lines.len()];
    let mut start = 0;
    while start < lines.len() {
        let page = lines[start].page;
        let end = lines[start..]
            .iter()
            .position(|l| l.page != page)
            .map_or(lines.len(), |n| start + n);
        let [_, bottom, _, top] = pages[page].bbox;
        let refs = &refs[page];
        let note_start = |l: &Line| -> Option<bool> {
            let small = l.size < 0.88 * body;
            if let Some(m) = &l.lead_mark {
                return (small || refs.contains(m)).then_some(false);
            }
            let m = text_mark(&l.cells[0].2)?;
            (small || refs.iter().any(|r| r == m)).then_some(true)
        };
        let first = (start..end).find(|&i| {
            let l = &lines[i];
            l.y < bottom + 0.45 * (top - bottom) && !l.is_row() && note_start(l).is_some()
        });
        if let Some(j) = first {
            let mut page_notes: Vec<String> = Vec::new();
            for l in &lines[j..end] {
                let t = l.text();
                match note_start(l) {
                    Some(strip) => page_notes.push(if strip { strip_mark(&t) } else { t }),
                    None => {
                        if let Some(last) = page_notes.last_mut() {
                            join_text(last, &t);
                        }
                    }
                }
            }
            notes.extend(page_notes);
            drop[j..end].iter_mut().for_each(|d| *d = true);
        }
        start = end;
    }
    let mut k = 0;
    lines.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
    notes
}

/// The note mark a line's text starts with: 1–2 digits (not a date or a
/// figure: 12月, 3.5), ①…⑳, *, or `[n]`.
fn text_mark(t: &str) -> Option<&str> {
    let t = t.trim_start();
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if (1..=2).contains(&digits) {
        let rest = &t[digits..];
        let next = rest.chars().next()?;
        let figure = "年月日号%％.．,，:：万亿元个件次人项条家名".contains(next)
            || next.is_ascii_alphanumeric();
        return (!figure).then_some(&t[..digits]);
    }
    if let Some(c) = t.chars().next()
        && (('①'..='⑳').contains(&c) || c == '*')
    {
        return Some(&t[..c.len_utf8()]);
    }
    let close = t.strip_prefix('[')?.find(']')?;
    Some(&t[..close + 2])
}

/// A note's text without its leading mark.
fn strip_mark(t: &str) -> String {
    let t = t.trim_start();
    let rest = if let Some(r) = t.strip_prefix('[').and_then(|r| r.split_once(']')) {
        r.1
    } else {
        let n = t
            .char_indices()
            .take_while(|(_, c)| c.is_ascii_digit() || ('①'..='⑳').contains(c) || *c == '*')
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
        &t[n..]
    };
    rest.trim_start_matches(['.', '．', ' ', '、'])
        .trim()
        .to_owned()
}

/// Appends a wrapped line to a paragraph: a space only between Latin words.
fn join_text(p: &mut String, next: &str) {
    let a = p.chars().next_back();
    let b = next.chars().next();
    if a.is_some_and(|a| a.is_ascii_alphanumeric() || a == ',' || a == ';')
        && b.is_some_and(|b| b.is_ascii_alphanumeric())
    {
        p.push(' ');
    }
    p.push_str(next);
}

/// A table cell's text that wrapped onto the next line ("出庭应诉" / "率")
/// rejoins its cell: a line just below a row, with no rule between them,
/// whose pieces all fall within that row's cells.
fn join_wrapped_cells(lines: Vec<Line>, pages: &[PageContent]) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for l in lines {
        if let Some(row) = out.last_mut()
            && row.is_row()
            && row.page == l.page
            && row.y - l.y < 1.35 * row.size
            && l.cells.len() < row.cells.len()
            && !pages[l.page]
                .rules
                .iter()
                .any(|r| r.2 < row.y && r.2 > l.y && r.0 < row.x1 && r.1 > row.x0)
        {
            let slots: Option<Vec<usize>> = l
                .cells
                .iter()
                .map(|c| {
                    row.cells
                        .iter()
                        .position(|r| c.0 < r.1 + 0.5 * row.size && c.1 > r.0 - 0.5 * row.size)
                })
                .collect();
            if let Some(slots) = slots {
                for (slot, c) in slots.into_iter().zip(&l.cells) {
                    join_text(&mut row.cells[slot].2, &c.2);
                }
                row.y = l.y;
                continue;
            }
        }
        out.push(l);
    }
    out
}

/// Lines re-joined into paragraphs.
fn paragraphs(lines: &[Line], pages: &[PageContent], body: f64) -> Vec<String> {
    let text_lines: Vec<&Line> = lines.iter().filter(|l| !l.is_row()).collect();
    let left = mode(
        text_lines
            .iter()
            .filter(|l| (l.size - body).abs() < 0.1 * body)
            .map(|l| l.x0),
    );
    // The right margin: the edge that several lines reach.
    let mut ends: Vec<f64> = text_lines.iter().map(|l| l.x1).collect();
    ends.sort_by(|a, b| b.total_cmp(a));
    let seen = ends.get(ends.len() / 20).copied().unwrap_or(f64::MAX);
    // A short document may have no full line: margins as wide as the left.
    let right = match pages.first() {
        Some(p) if ends.len() < 20 => seen.max(p.bbox[2] - (left - p.bbox[0])),
        _ => seen,
    };
    let indented = |l: &Line| l.x0 > left + 0.8 * l.size;
    // A centred line (a title, a signature) stands alone.
    let centred = |l: &Line| {
        let (inset_left, inset_right) = (l.x0 - left, right - l.x1);
        inset_left > 0.8 * l.size
            && inset_right > 0.5 * l.size
            && (inset_left - inset_right).abs() < 2.0 * l.size
    };
    let mut pitches: Vec<f64> = lines
        .windows(2)
        .filter(|w| w[0].page == w[1].page && (w[0].size - w[1].size).abs() < 0.1 * body)
        .map(|w| w[0].y - w[1].y)
        .filter(|p| *p > 0.0)
        .collect();
    pitches.sort_by(f64::total_cmp);
    let pitch = pitches
        .get(pitches.len() / 3)
        .copied()
        .unwrap_or(body * 1.5);
    let mut out: Vec<String> = Vec::new();
    let mut prev: Option<&Line> = None;
    let (mut spaced, mut unspaced, mut at_page_break) = (0, 0, Vec::new());
    for l in lines {
        let text = l.text();
        let continues = prev.is_some_and(|p| {
            let ends_sentence = out
                .last()
                .and_then(|s| s.chars().next_back())
                .is_some_and(|c| "。！？：；".contains(c));
            // A full line (within a character of the margin) runs on; a line
            // a few characters short (line-breaking rules moved a bracket,
            // a quote or an unbreakable figure down) runs on unless it ends
            // a sentence; a shorter one ends its paragraph.
            let full = p.x1 >= right - 1.0 * p.size;
            let nearly = p.x1 >= right - 4.0 * p.size && !ends_sentence;
            // A line filled to the brim may wrap before a word that looks
            // like a heading mark ("形式单" / "一、吸引力不够"); any other line
            // before one ends its paragraph.
            let brim = p.x1 >= right - 0.5 * p.size && !ends_sentence;
            !p.is_row()
                && !l.is_row()
                && !centred(p)
                && (p.size - l.size).abs() < 0.15 * p.size.max(l.size)
                && (p.page != l.page || p.y - l.y < 1.45 * pitch)
                && (full || nearly)
                && !indented(l)
                && (brim || !matches!(classify_line(&text), LineShape::Heading(_)))
        });
        match out.last_mut() {
            Some(para) if continues => join_text(para, &text),
            _ => {
                // A blank line's worth of space shows as one.
                match prev {
                    Some(p) if p.is_row() || l.is_row() => {}
                    Some(p) if p.page != l.page => at_page_break.push(out.len()),
                    Some(p) if p.y - l.y > 1.6 * pitch => {
                        spaced += 1;
                        out.push(String::new());
                    }
                    Some(_) => unspaced += 1,
                    None => {}
                }
                out.push(text)
            }
        }
        prev = Some(l);
    }
    // Where paragraphs are set apart by blank lines, those between pages
    // (not seen on the page) are there too.
    if spaced > unspaced {
        for i in at_page_break.into_iter().rev() {
            out.insert(i, String::new());
        }
    }
    out
}

/// The most common value, to the point.
fn mode(values: impl Iterator<Item = f64>) -> f64 {
    let mut by: HashMap<i64, usize> = HashMap::new();
    for v in values {
        *by.entry(v.round() as i64).or_default() += 1;
    }
    by.into_iter()
        .max_by_key(|(v, n)| (*n, -v))
        .map_or(0.0, |(v, _)| v as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::formats::pdf::walk::Piece;

    fn piece(x0: f64, x1: f64, y: f64, size: f64, text: &str) -> Piece {
        Piece {
            x0,
            x1,
            y,
            size,
            text: text.into(),
        }
    }

    fn page(pieces: Vec<Piece>) -> PageContent {
        PageContent {
            bbox: [0.0, 0.0, 600.0, 800.0],
            pieces,
            images: 0,
            undecoded: 0,
            rules: Vec::new(),
        }
    }

    #[test]
    fn page_numbers_are_recognised() {
        for t in [
            "3",
            "— 3 —",
            "- 12 -",
            "第3页",
            "第 3 页 共 9 页",
            "3/9",
            "Page 3 of 9",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2024年", "一、总体情况", "第三章", "35件"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn wrapped_lines_rejoin_and_indented_lines_start_paragraphs() {
        // Body at x 100..500, size 16; line pitch 28.
        let p = page(vec![
            piece(132.0, 500.0, 700.0, 16.0, "全年办理行政复议案件"),
            piece(100.0, 300.0, 672.0, 16.0, "35件。"),
            piece(132.0, 244.0, 644.0, 16.0, "二、存在的不足"),
            piece(100.0, 500.0, 616.0, 16.0, "第一行到右边"),
            piece(100.0, 200.0, 588.0, 16.0, "接着写"),
            piece(280.0, 300.0, 30.0, 10.0, "— 1 —"),
        ]);
        assert_eq!(
            lay_out(&[p]),
            "全年办理行政复议案件35件。\n二、存在的不足\n第一行到右边接着写\n"
        );
    }

    #[test]
    fn table_rows_keep_their_cells_and_wrapped_cells_rejoin() {
        let p = page(vec![
            piece(100.0, 164.0, 500.0, 16.0, "出庭应诉"),
            piece(300.0, 340.0, 500.0, 16.0, "100%"),
            piece(100.0, 116.0, 482.0, 16.0, "率"),
        ]);
        assert_eq!(lay_out(&[p]), "出庭应诉率\t100%\n");
    }

    #[test]
    fn running_headers_and_note_marks_are_left_out_and_footnotes_follow() {
        let pages: Vec<PageContent> = (1..=3)
            .map(|n| {
                page(vec![
                    piece(100.0, 300.0, 780.0, 10.0, "清河县人民政府"),
                    piece(132.0, 300.0, 600.0, 16.0, &format!("第{n}页的正文。")),
                    piece(300.0, 305.0, 606.0, 9.0, "1"),
                    piece(100.0, 300.0, 120.0, 9.0, &format!("1 注释{n}")),
                    piece(290.0, 300.0, 30.0, 10.0, &n.to_string()),
                ])
            })
            .collect();
        assert_eq!(
            lay_out(&pages),
            "第1页的正文。\n第2页的正文。\n第3页的正文。\n\n脚注：注释1\n脚注：注释2\n脚注：注释3\n"
        );
    }
}
