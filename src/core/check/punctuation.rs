//! The `punctuation` lint: 公文 punctuation in Chinese text (the marks
//! and their replacements from [`crate::core::punctuation`]), one finding
//! per paragraph, at its first mark, saying how many and which.

use crate::core::document::{Document, ParagraphKind};
use crate::core::lang::Lang;
use crate::tr;

/// One finding per paragraph with punctuation to change (a portal copy
/// may have hundreds), at its first mark, saying how many and which.
pub(super) fn punctuation(
    doc: &Document,
    lang: Lang,
    sink: &mut dyn FnMut(std::ops::Range<usize>, String),
) {
    let text = doc.text();
    for p in doc.paragraphs() {
        if matches!(p.kind, ParagraphKind::Residue) {
            continue;
        }
        let t = &text[p.range.clone()];
        if crate::core::outline::is_table_row(t) {
            continue;
        }
        let marks = crate::core::punctuation::scan(t);
        let Some(first) = marks.first() else { continue };
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
        let start = p.range.start + first.range.start;
        sink(
            start..p.range.start + first.range.end,
            tr!(
                lang,
                "这一段有{}处标点不合公文规范：{}",
                "{} marks here are not 公文 style: {}",
                marks.len(),
                shown.join(lang.pick("，", ", "))
            ),
        );
    }
}
