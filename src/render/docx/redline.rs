//! Last year's report against this year's as a Word redline: this year's
//! text, with last year's words as tracked deletions and this year's as
//! insertions (numbers and ASCII words whole), paragraphs added or removed
//! as whole tracked paragraphs, a moved paragraph deleted and inserted with
//! a comment saying where it came from, years rolled forward shown as
//! unchanged, and a first comment with the carried-over share and counts.
//! Accepting every change gives this year's text; rejecting every change,
//! last year's (moved paragraphs at their new place).

use super::{Doc, Para, ParaMark, Seg, Style, WordComment};
use crate::core::compare::{Comparison, ParaStatus, SpanOp, whole_tokens};
use crate::core::document::Document;
use crate::core::lang::Lang;
use crate::core::outline::{LineShape, classify_line};
use crate::tr;

/// The two sides' authors and dates.
pub struct Sides<'a> {
    /// Who last year's text is attributed to ("去年").
    pub old_author: &'a str,
    /// When (the old file's time, RFC 3339).
    pub old_date: &'a str,
    /// Who this year's text is attributed to ("今年").
    pub new_author: &'a str,
    /// When (the new file's time, RFC 3339).
    pub new_date: &'a str,
}

/// The redline of `cmp` between `old` and `new`.
pub fn redline_doc(
    old: &Document,
    new: &Document,
    cmp: &Comparison,
    sides: &Sides,
    lang: Lang,
) -> Doc {
    let mut doc = Doc::default();
    let del = doc.author(sides.old_author, sides.old_date);
    let ins = doc.author(sides.new_author, sides.new_date);
    let s = &cmp.summary;
    let summary = doc.comment(WordComment {
        author: sides.new_author.to_owned(),
        date: sides.new_date.to_owned(),
        body: vec![tr!(
            lang,
            "与去年相比：沿用 {:.0}%；未变 {} 段，修改 {} 段，新增 {} 段，删去 {} 段，移动 {} 段。",
            "Against last year: {:.0}% carried over; {} paragraphs unchanged, {} changed, {} added, {} removed, {} moved.",
            s.carried_over_ratio * 100.0,
            s.unchanged,
            s.changed,
            s.added,
            s.removed,
            s.moved
        )],
        origin: None,
    });
    let style = |text: &str, first: bool| match classify_line(text) {
        LineShape::Heading(h) if h.body.is_none() => Style::Heading(h.level),
        _ if first => Style::Title,
        _ => Style::Normal,
    };
    for (k, p) in cmp.paragraphs.iter().enumerate() {
        let old_joined = crate::render::model::old_text_of(old, p);
        let new_joined = crate::render::model::new_text_of(new, p);
        let (old_text, new_text) = (old_joined.as_deref(), new_joined.as_deref());
        let shown = new_text.or(old_text).unwrap_or("");
        let mut segs = Vec::new();
        match p.status {
            ParaStatus::Unchanged => segs.push(Seg::Text(new_text.unwrap_or(shown).to_owned())),
            ParaStatus::Changed | ParaStatus::Merged | ParaStatus::Split if !p.spans.is_empty() => {
                for span in whole_tokens(&p.spans) {
                    segs.push(match span.op {
                        SpanOp::Equal => Seg::Text(span.text),
                        SpanOp::Delete => Seg::Del {
                            text: span.text,
                            author: del,
                        },
                        SpanOp::Insert => Seg::Ins {
                            text: span.text,
                            author: ins,
                        },
                    });
                }
            }
            ParaStatus::Added => segs.push(Seg::Ins {
                text: shown.to_owned(),
                author: ins,
            }),
            ParaStatus::Removed => segs.push(Seg::Del {
                text: shown.to_owned(),
                author: del,
            }),
            ParaStatus::Changed | ParaStatus::Moved | ParaStatus::Merged | ParaStatus::Split => {
                if let Some(o) = old_text {
                    segs.push(Seg::Del {
                        text: o.to_owned(),
                        author: del,
                    });
                }
                if let Some(n) = new_text {
                    segs.push(Seg::Ins {
                        text: n.to_owned(),
                        author: ins,
                    });
                }
                if p.status == ParaStatus::Moved
                    && let Some(o) = p.old
                {
                    let c = doc.comment(WordComment {
                        author: sides.new_author.to_owned(),
                        date: sides.new_date.to_owned(),
                        body: vec![tr!(lang, "移自第{}段", "moved from paragraph {}", o + 1)],
                        origin: None,
                    });
                    segs.insert(0, Seg::CommentStart(c));
                    segs.push(Seg::CommentEnd(c));
                }
            }
        }
        if k == 0 {
            segs.insert(0, Seg::CommentStart(summary));
            segs.push(Seg::CommentEnd(summary));
        }
        // A Markdown heading's marks are layout: the heading style says it.
        if shown.trim_start().starts_with('#') {
            strip_marks(&mut segs);
        }
        let mark = match p.status {
            ParaStatus::Added => Some(ParaMark::Inserted(ins)),
            ParaStatus::Removed => Some(ParaMark::Deleted(del)),
            _ => None,
        };
        doc.paras.push(Para {
            style: style(shown, k == 0),
            segs,
            mark,
        });
    }
    if doc.paras.is_empty() {
        doc.paras.push(Para {
            style: Style::Normal,
            segs: vec![Seg::CommentStart(summary), Seg::CommentEnd(summary)],
            mark: None,
        });
    }
    doc
}

/// Removes a Markdown heading's leading `#`s and spaces from the first
/// pieces of text (whichever side they are on).
fn strip_marks(segs: &mut [Seg]) {
    for s in segs.iter_mut() {
        let t = match s {
            Seg::Text(t) | Seg::Ins { text: t, .. } | Seg::Del { text: t, .. } => t,
            Seg::CommentStart(_) | Seg::CommentEnd(_) => continue,
        };
        let rest = t.trim_start().trim_start_matches('#').trim_start();
        let cut = t.len() - rest.len();
        let whole = cut == t.len();
        t.replace_range(..cut, "");
        if !whole {
            break;
        }
    }
}
