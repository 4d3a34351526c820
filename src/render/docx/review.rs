//! A reviewed draft as a Word document: the draft's text (the title in the
//! Title style, whole-line headings in Heading styles, typed as in the
//! text), each review comment (with its replies) as a Word comment on its
//! quoted range, each open suggestion as a tracked deletion of its quote and
//! insertion of its wording, and the checklist's verdicts — sign-offs,
//! missing items, problems — as comments where they concern, with a summary
//! comment on the title.

use super::splice::{Note, Target};
use super::{Doc, Para, Seg, Style, WordComment};
use crate::core::check::{Report, Status};
use crate::core::lang::Lang;
use crate::core::outline::{LineShape, MarkerStyle, classify_line};
use crate::core::review::{CommentStatus, Review, anchor};
use crate::core::suggestion::{Place, SuggestionStatus};
use crate::tr;
use std::ops::Range;

/// What the export needs to know besides the review.
pub struct Context<'a> {
    /// The draft's text (as `reportbench text` prints it).
    pub text: &'a str,
    /// Its checklist result.
    pub report: &'a Report,
    /// Who exports (the summary comment's author).
    pub author: &'a str,
    /// When (RFC 3339).
    pub now: &'a str,
    /// The language of the added comments.
    pub lang: Lang,
}

/// What could not be placed in the document (said on stderr by the caller).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Left {
    /// Comments whose quote is gone (listed in the summary comment instead).
    pub orphaned_comments: usize,
    /// Suggestions that could not be shown as tracked changes (their quote
    /// was edited, is gone, or overlaps another suggestion): listed in the
    /// summary comment.
    pub unplaced_suggestions: usize,
}

/// A mark in the text: a comment's range or a suggestion's.
enum Mark {
    Comment(usize),
    Suggestion { replacement: String, author: usize },
}

/// Where a planned note goes.
enum Where {
    /// A quoted stretch: its range in the text when it is there now.
    Quote {
        range: Option<Range<usize>>,
        quote: String,
        prefix: String,
        suffix: String,
    },
    /// A whole line (0-based).
    Line(usize),
}

/// The notes a review makes, each with its place, in document order of
/// kind (comments, suggestions, the checklist, problems, the summary).
fn plan(review: &Review, cx: &Context) -> (Vec<(Where, Note)>, Left) {
    let text = cx.text;
    let lang = cx.lang;
    let mut left = Left::default();
    let mut notes: Vec<(Where, Note)> = Vec::new();
    let mut summary: Vec<String> = Vec::new();
    let first = text.lines().position(|l| !l.trim().is_empty()).unwrap_or(0);

    // The review's own comments, with their replies.
    for c in review.comments.iter().filter(|c| !c.is_from_file()) {
        let mut body = vec![c.body.clone()];
        if c.status == CommentStatus::Resolved {
            body[0] = format!("{}{}", lang.pick("【已解决】", "[resolved] "), c.body);
        }
        body.extend(
            c.replies
                .iter()
                .map(|r| format!("{}（{}）：{}", r.author, r.created, r.body)),
        );
        let comment = Note::Comment(WordComment {
            author: c.author.clone(),
            date: c.created.clone(),
            body,
            origin: Some(c.id.clone()),
        });
        match anchor(c, text) {
            Some(a) => notes.push((
                Where::Quote {
                    range: Some(a.start..a.end),
                    quote: text[a.start..a.end].to_owned(),
                    prefix: c.prefix.clone(),
                    suffix: c.suffix.clone(),
                },
                comment,
            )),
            None => {
                left.orphaned_comments += 1;
                summary.push(tr!(
                    lang,
                    "批注（原文已删除）“{}”：{}",
                    "comment (its text is gone) “{}”: {}",
                    c.quote,
                    c.body
                ));
                notes.push((Where::Line(first), comment));
            }
        }
    }

    // Open suggestions as tracked changes; the rest in the summary.
    let mut taken: Vec<Range<usize>> = Vec::new();
    for s in review
        .suggestions
        .iter()
        .filter(|s| s.status == SuggestionStatus::Open)
    {
        match s.place(text) {
            Place::Current(a) if !taken.iter().any(|t| t.start < a.end && a.start < t.end) => {
                taken.push(a.start..a.end);
                notes.push((
                    Where::Quote {
                        range: Some(a.start..a.end),
                        quote: s.quote.clone(),
                        prefix: s.prefix.clone(),
                        suffix: s.suffix.clone(),
                    },
                    Note::Change {
                        replacement: s.replacement.clone(),
                        author: s.author.clone(),
                        date: s.created.clone(),
                        origin: s.id.clone(),
                    },
                ));
            }
            _ => {
                left.unplaced_suggestions += 1;
                summary.push(tr!(
                    lang,
                    "修改建议（原文已改，未标为修订）：“{}”改为“{}”",
                    "suggestion (the text changed; not shown as a change): “{}” → “{}”",
                    s.quote,
                    s.replacement
                ));
            }
        }
    }

    // The checklist: sign-offs where the item is, missing items where they
    // belong (the line before), problems where they are.
    for i in &cx.report.items {
        let signoff = review.signoffs.iter().find(|s| s.item == i.id);
        let line = i
            .evidence
            .first()
            .map(|e| line_of(text, e.range.start))
            .or_else(|| i.suggested_at.map(|b| line_before(text, b)))
            .unwrap_or(first);
        let body = if let Some(s) = signoff {
            tr!(
                lang,
                "签核“{}”：{}{}",
                "sign-off “{}”: {}{}",
                i.title,
                s.verdict.name(lang),
                if s.reason.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", s.reason)
                }
            )
        } else if i.required && matches!(i.status, Status::Missing | Status::Partial) {
            tr!(
                lang,
                "必备内容“{}”：{}",
                "required item “{}”: {}",
                i.title,
                i.message
            )
        } else {
            continue;
        };
        notes.push((
            Where::Line(line),
            Note::Comment(WordComment {
                author: signoff.map_or(cx.author, |s| s.author.as_str()).to_owned(),
                date: signoff.map_or(cx.now, |s| s.at.as_str()).to_owned(),
                body: vec![body],
                origin: None,
            }),
        ));
    }
    for l in &cx.report.lints {
        let (a, b) = (l.range.start.min(text.len()), l.range.end.min(text.len()));
        let quote = text.get(a..b).unwrap_or("").to_owned();
        let at = if quote.is_empty() || quote.contains('\n') {
            Where::Line(line_of(text, a))
        } else {
            Where::Quote {
                range: Some(a..b),
                prefix: text.get(a.saturating_sub(24)..a).unwrap_or("").to_owned(),
                suffix: text
                    .get(b..(b + 24).min(text.len()))
                    .unwrap_or("")
                    .to_owned(),
                quote,
            }
        };
        notes.push((
            at,
            Note::Comment(WordComment {
                author: cx.author.to_owned(),
                date: cx.now.to_owned(),
                body: vec![format!("[{}] {}", l.rule, l.message)],
                origin: None,
            }),
        ));
    }

    // The summary on the title.
    let met = cx
        .report
        .items
        .iter()
        .filter(|i| i.status == Status::Met)
        .count();
    let mut head = vec![tr!(
        lang,
        "审核汇总：清单 {}/{} 项符合，{} 条批注，{} 条修改建议，{} 个问题。",
        "Review summary: {}/{} checklist items met, {} comments, {} suggestions, {} problems.",
        met,
        cx.report.items.len(),
        review.comments.iter().filter(|c| !c.is_from_file()).count(),
        review
            .suggestions
            .iter()
            .filter(|s| s.status == SuggestionStatus::Open)
            .count(),
        cx.report.lints.len()
    )];
    head.extend(summary);
    notes.push((
        Where::Line(first),
        Note::Comment(WordComment {
            author: cx.author.to_owned(),
            date: cx.now.to_owned(),
            body: head,
            origin: None,
        }),
    ));
    (notes, left)
}

/// The Word document of `review` on `cx.text` (a text or Markdown draft).
pub fn review_doc(review: &Review, cx: &Context) -> (Doc, Left) {
    let text = cx.text;
    let (notes, left) = plan(review, cx);
    let mut doc = Doc::default();
    let mut marks: Vec<(Range<usize>, Mark)> = Vec::new();
    for (at, note) in notes {
        let range = match at {
            Where::Quote { range: Some(r), .. } => r,
            Where::Quote { range: None, .. } => continue,
            Where::Line(n) => line_range(text, n),
        };
        let mark = match note {
            Note::Comment(c) => Mark::Comment(doc.comment(c)),
            Note::Change {
                replacement,
                author,
                date,
                origin,
            } => Mark::Suggestion {
                replacement,
                author: doc.suggestion_author(&author, &date, &origin),
            },
        };
        marks.push((range, mark));
    }
    doc.paras = paragraphs(text, &marks);
    (doc, left)
}

/// The notes of `review` placed by quote or line, for a Word draft written
/// back as itself (see [`super::splice`]).
pub fn review_notes(review: &Review, cx: &Context) -> (Vec<(Target, Note)>, Left) {
    let (notes, left) = plan(review, cx);
    let lines: Vec<&str> = cx.text.split('\n').collect();
    let first = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(0);
    let placed = notes
        .into_iter()
        .map(|(at, note)| {
            let target = match at {
                Where::Quote {
                    quote,
                    prefix,
                    suffix,
                    range,
                } => Target::Quote {
                    line: range
                        .and_then(|r| lines.get(line_of(cx.text, r.start)))
                        .copied()
                        .unwrap_or("")
                        .to_owned(),
                    quote,
                    prefix,
                    suffix,
                },
                Where::Line(n) if n == first => Target::First,
                Where::Line(n) => Target::Line(lines.get(n).copied().unwrap_or("").to_owned()),
            };
            (target, note)
        })
        .collect();
    (placed, left)
}

/// The byte range of line `n` (0-based), without its line end.
fn line_range(text: &str, n: usize) -> Range<usize> {
    let mut start = 0;
    for (i, l) in text.split('\n').enumerate() {
        if i == n {
            return start..start + l.len();
        }
        start += l.len() + 1;
    }
    text.len()..text.len()
}

/// The line (0-based) of byte `b`.
fn line_of(text: &str, b: usize) -> usize {
    text.as_bytes()[..b.min(text.len())]
        .iter()
        .filter(|&&c| c == b'\n')
        .count()
}

/// The last non-blank line before byte `b` (0-based), else the first line.
fn line_before(text: &str, b: usize) -> usize {
    let n = line_of(text, b);
    (0..n.max(1))
        .rev()
        .find(|&i| !text.split('\n').nth(i).unwrap_or("").trim().is_empty())
        .unwrap_or(0)
}

/// The text's lines as paragraphs with the marks laid in.
fn paragraphs(text: &str, marks: &[(Range<usize>, Mark)]) -> Vec<Para> {
    // Boundaries: (position, order, what). Ends before starts at one place.
    enum At<'m> {
        EndComment(usize),
        EndSuggestion(&'m str, usize),
        StartSuggestion(usize),
        StartComment(usize),
    }
    let mut at: Vec<(usize, u8, At)> = Vec::new();
    for (r, m) in marks {
        match m {
            Mark::Comment(n) => {
                at.push((r.start, 3, At::StartComment(*n)));
                at.push((r.end.max(r.start), 0, At::EndComment(*n)));
            }
            Mark::Suggestion {
                replacement,
                author,
            } => {
                at.push((r.start, 2, At::StartSuggestion(*author)));
                at.push((r.end, 1, At::EndSuggestion(replacement, *author)));
            }
        }
    }
    at.sort_by_key(|(p, o, _)| (*p, *o));
    let mut paras = Vec::new();
    let mut deleting: Option<usize> = None;
    let mut next = 0;
    let mut start = 0;
    let mut first_text = true;
    for line in text.split('\n') {
        let end = start + line.len();
        let (style, skip) = style_of(line, first_text && !line.trim().is_empty());
        if !line.trim().is_empty() {
            first_text = false;
        }
        let body_start = start + skip;
        let mut segs = Vec::new();
        let mut pos = body_start;
        let push_text = |segs: &mut Vec<Seg>, from: usize, to: usize, deleting: Option<usize>| {
            if to > from {
                let t = text[from..to].to_owned();
                segs.push(match deleting {
                    Some(author) => Seg::Del { text: t, author },
                    None => Seg::Text(t),
                });
            }
        };
        // The suggestion being deleted goes on across the line end.
        while next < at.len() && at[next].0 <= end {
            let p = at[next].0.max(body_start);
            push_text(&mut segs, pos, p, deleting);
            pos = pos.max(p);
            match &at[next].2 {
                At::StartComment(n) => segs.push(Seg::CommentStart(*n)),
                At::EndComment(n) => segs.push(Seg::CommentEnd(*n)),
                // Its deletions carry its author, on every line it spans.
                At::StartSuggestion(author) => deleting = Some(*author),
                At::EndSuggestion(rep, author) => {
                    deleting = None;
                    if !rep.is_empty() {
                        segs.push(Seg::Ins {
                            text: (*rep).to_owned(),
                            author: *author,
                        });
                    }
                }
            }
            next += 1;
        }
        push_text(&mut segs, pos, end, deleting);
        paras.push(Para {
            style,
            segs,
            mark: None,
        });
        start = end + 1;
    }
    paras
}

/// A line's paragraph style, and how many bytes of it are markup (a
/// Markdown heading's `#`s).
fn style_of(line: &str, first: bool) -> (Style, usize) {
    match classify_line(line) {
        LineShape::Heading(h) if h.body.is_none() => {
            let skip = if h.style == MarkerStyle::Markdown {
                line.len() - line.trim_start().trim_start_matches('#').trim_start().len()
            } else {
                0
            };
            (Style::Heading(h.level), skip)
        }
        _ if first => (Style::Title, 0),
        _ => (Style::Normal, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(p: &Para) -> String {
        p.segs
            .iter()
            .map(|s| match s {
                Seg::Text(t) => t.clone(),
                Seg::Ins { text, .. } => format!("+[{text}]"),
                Seg::Del { text, .. } => format!("-[{text}]"),
                Seg::CommentStart(n) => format!("<{n}"),
                Seg::CommentEnd(n) => format!("{n}>"),
            })
            .collect()
    }

    #[test]
    fn marks_are_laid_into_the_lines() {
        let text = "某县报告\n## 加强领导\n全年办理案件35件。";
        let a = text.find("35").unwrap();
        let c = text.find("办理").unwrap();
        let marks = vec![
            (c..c + "办理".len(), Mark::Comment(0)),
            (
                a..a + 2,
                Mark::Suggestion {
                    replacement: "38".into(),
                    author: 0,
                },
            ),
        ];
        let p = paragraphs(text, &marks);
        assert_eq!(p[0].style, Style::Title);
        assert_eq!(
            (p[1].style, texts(&p[1])),
            (Style::Heading(2), "加强领导".to_owned())
        );
        assert_eq!(texts(&p[2]), "全年<0办理0>案件-[35]+[38]件。");
        assert!(
            p[2].segs
                .iter()
                .all(|s| !matches!(s, Seg::Del { author, .. } if *author != 0))
        );
    }
}
