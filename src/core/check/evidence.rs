//! Evidence as shown to the user: a heading line, or an excerpt around a
//! match inside its paragraph.

use super::Evidence;
use crate::core::document::Document;
use crate::core::text::truncate_chars;
use std::ops::Range;

pub(super) fn heading_evidence(doc: &Document, h: usize) -> Evidence {
    let hd = &doc.headings()[h];
    let p = &doc.paragraphs()[hd.paragraph];
    let line = doc.heading_line(h);
    Evidence {
        position: doc.position(p.range.start),
        range: p.range.start..hd.title.end.max(p.range.start),
        text: truncate_chars(line, 60).into_owned(),
    }
}

/// Evidence for a match at `hit` inside the paragraph range `para`: an
/// excerpt around the hit.
pub(super) fn excerpt_evidence(doc: &Document, para: Range<usize>, hit: Range<usize>) -> Evidence {
    let text = doc.text();
    let hit = hit.start.max(para.start)..hit.end.min(para.end).max(hit.start.max(para.start));
    // Up to 12 characters before the hit and 24 after.
    let start = text[para.start..hit.start]
        .char_indices()
        .rev()
        .nth(11)
        .map(|(i, _)| para.start + i)
        .unwrap_or(para.start);
    let end = text[hit.end..para.end]
        .char_indices()
        .nth(24)
        .map(|(i, _)| hit.end + i)
        .unwrap_or(para.end);
    let mut s = String::new();
    if start > para.start {
        s.push('…');
    }
    s.push_str(&text[start..end]);
    if end < para.end {
        s.push('…');
    }
    Evidence {
        position: doc.position(hit.start),
        range: hit,
        text: s,
    }
}
