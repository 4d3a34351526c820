//! The `punctuation` lint: 公文 punctuation in Chinese text (the marks
//! and their replacements from [`crate::core::punctuation`]), one finding
//! per paragraph, at its first mark, saying how many and which.

use super::memo::Reuse;
use crate::core::document::{Document, ParagraphKind};
use crate::core::lang::Lang;
use crate::tr;
use std::ops::Range;

/// One finding per paragraph with punctuation to change (a portal copy
/// may have hundreds), at its first mark, saying how many and which.
pub(super) fn punctuation(
    doc: &Document,
    lang: Lang,
    reuse: &mut Reuse,
    sink: &mut dyn FnMut(std::ops::Range<usize>, String),
) {
    let text = doc.text();
    for (pi, p) in doc.paragraphs().iter().enumerate() {
        if matches!(p.kind, ParagraphKind::Residue) {
            continue;
        }
        let t = &text[p.range.clone()];
        if let Some((r, message)) = reuse.punctuation(pi, || finding(t, lang)) {
            sink(p.range.start + r.start..p.range.start + r.end, message);
        }
    }
}

/// The finding of a paragraph's text `t`: its first mark (relative to
/// `t`) and a message saying how many and which.
fn finding(t: &str, lang: Lang) -> Option<(Range<usize>, String)> {
    if crate::core::outline::is_table_row(t) {
        return None;
    }
    let marks = crate::core::punctuation::scan(t);
    let first = marks.first()?;
    let mut shown: Vec<String> = Vec::new();
    for m in &marks {
        let was = match &t[m.range.clone()] {
            s if s.trim().is_empty() => lang.pick("空格", "space").to_owned(),
            s => s.to_owned(),
        };
        let pair = format!("{was}→{}", m.text);
        let pair = if m.text.is_empty() {
            tr!(lang, "{was}（删去）", "{was} (removed)")
        } else {
            pair
        };
        if !shown.contains(&pair) && shown.len() < 4 {
            shown.push(pair);
        }
    }
    Some((
        first.range.clone(),
        tr!(
            lang,
            "这一段有{}处标点不合公文规范：{}",
            "{} marks here are not 公文 style: {}",
            marks.len(),
            shown.join(lang.pick("，", ", "))
        ),
    ))
}
