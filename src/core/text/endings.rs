//! Line endings and byte-order marks: what [`normalize`] takes out of a file
//! so that the document model sees `\n` only, and what [`denormalize`] puts
//! back on save — for a file mixing endings, each unchanged line its own.

use std::sync::Arc;

/// How a file's lines ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineEnding {
    /// `\n` (Unix).
    #[default]
    Lf,
    /// `\r\n` (Windows).
    CrLf,
    /// `\r` (classic Mac).
    Cr,
}

impl LineEnding {
    /// The characters of this line ending.
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
            LineEnding::Cr => "\r",
        }
    }

    /// A short name for status bars and messages.
    pub fn name(self) -> &'static str {
        match self {
            LineEnding::Lf => "LF",
            LineEnding::CrLf => "CRLF",
            LineEnding::Cr => "CR",
        }
    }
}

/// What normalisation removed from a text, so that it can be put back.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextFormat {
    /// The text started with U+FEFF.
    pub bom: bool,
    /// The dominant line ending: what new lines get.
    pub line_ending: LineEnding,
    /// For a file whose lines end in more than one way, each line's own
    /// ending, so that a save keeps them on the lines it did not change.
    pub mixed: Option<Arc<MixedEndings>>,
}

/// The lines of a file with mixed line endings as they were loaded (or last
/// saved), with the ending of each.
#[derive(Debug, PartialEq, Eq)]
pub struct MixedEndings {
    /// The normalised text.
    text: String,
    /// The ending after each line but the last (`text.split('\n')`).
    ends: Vec<LineEnding>,
}

impl TextFormat {
    /// The format of `text` once it is written with this format: for a
    /// mixed file, the endings each line got, so that the next save keeps
    /// them; otherwise unchanged.
    pub fn rebased(&self, text: &str) -> TextFormat {
        let Some(mixed) = &self.mixed else {
            return self.clone();
        };
        let ends = assign_endings(text, mixed, self.line_ending);
        TextFormat {
            bom: self.bom,
            line_ending: self.line_ending,
            mixed: mixed_if_mixed(text, ends, self.line_ending),
        }
    }

    /// A name for the line endings ("CRLF", or "mixed").
    pub fn line_ending_name(&self) -> &'static str {
        if self.mixed.is_some() {
            "mixed"
        } else {
            self.line_ending.name()
        }
    }
}

/// Keeps the per-line endings only when they are not all the dominant one.
fn mixed_if_mixed(
    text: &str,
    ends: Vec<LineEnding>,
    dominant: LineEnding,
) -> Option<Arc<MixedEndings>> {
    ends.iter().any(|e| *e != dominant).then(|| {
        Arc::new(MixedEndings {
            text: text.to_owned(),
            ends,
        })
    })
}

/// The ending for each line break of `text`: lines the edit left alone keep
/// the ending they had in `original`; a changed line keeps the ending of the
/// line it replaced; a line added beyond those takes its neighbour's ending.
/// Linear: the unchanged lines are found as a common prefix and suffix.
fn assign_endings(text: &str, original: &MixedEndings, dominant: LineEnding) -> Vec<LineEnding> {
    let old: Vec<&str> = original.text.split('\n').collect();
    let new: Vec<&str> = text.split('\n').collect();
    let (n_old, n_new) = (old.len(), new.len());
    // The last line has no ending: a line that was last and is not any more
    // is not "unchanged" for this purpose.
    let limit = n_old.min(n_new) - 1;
    let prefix = old
        .iter()
        .zip(&new)
        .take(limit)
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let old_end = |i: usize| original.ends.get(i).copied();
    let mut ends = Vec::with_capacity(n_new - 1);
    ends.extend(original.ends[..prefix].iter().copied());
    // The changed lines: new[prefix..n_new - suffix] replaced
    // old[prefix..n_old - suffix].
    let (old_mid, new_mid) = (n_old - suffix - prefix, n_new - suffix - prefix);
    let neighbour = if old_mid > 0 {
        old_end(prefix + old_mid - 1)
    } else if prefix > 0 {
        old_end(prefix - 1)
    } else {
        None
    };
    for i in 0..new_mid {
        let at = prefix + i;
        if at + 1 == n_new {
            break; // the last line: no ending
        }
        let own = if i < old_mid {
            old_end(prefix + i)
        } else {
            None
        };
        ends.push(own.or(neighbour).unwrap_or(dominant));
    }
    // The unchanged tail keeps its endings (the very last line has none).
    for j in 0..suffix {
        let at_new = n_new - suffix + j;
        if at_new + 1 == n_new {
            break;
        }
        let at_old = n_old - suffix + j;
        ends.push(old_end(at_old).unwrap_or(dominant));
    }
    ends
}

/// [`normalize`] of a text owned already: returned as it is when there is
/// nothing to change (no BOM, no CR), which is most files.
pub fn normalize_owned(raw: String) -> (String, TextFormat) {
    if raw.starts_with('\u{feff}') || raw.contains('\r') {
        normalize(&raw)
    } else {
        (raw, TextFormat::default())
    }
}

/// Normalises `raw`: strips a leading BOM and turns CRLF and lone CR into LF.
/// Line numbers and character columns are unchanged by this.
pub fn normalize(raw: &str) -> (String, TextFormat) {
    let (bom, body) = match raw.strip_prefix('\u{feff}') {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    if !body.contains('\r') {
        return (
            body.to_owned(),
            TextFormat {
                bom,
                ..TextFormat::default()
            },
        );
    }
    let bytes = body.as_bytes();
    let mut ends = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                ends.push(LineEnding::CrLf);
                i += 1;
            }
            b'\r' => ends.push(LineEnding::Cr),
            b'\n' => ends.push(LineEnding::Lf),
            _ => {}
        }
        i += 1;
    }
    let count = |kind| ends.iter().filter(|e| **e == kind).count();
    let (crlf, cr, lf) = (
        count(LineEnding::CrLf),
        count(LineEnding::Cr),
        count(LineEnding::Lf),
    );
    let line_ending = if crlf >= lf && crlf >= cr && crlf > 0 {
        LineEnding::CrLf
    } else if cr > lf && cr > crlf {
        LineEnding::Cr
    } else {
        LineEnding::Lf
    };
    let text = body.replace("\r\n", "\n").replace('\r', "\n");
    let mixed = mixed_if_mixed(&text, ends, line_ending);
    (
        text,
        TextFormat {
            bom,
            line_ending,
            mixed,
        },
    )
}

/// The inverse of [`normalize`]: restores the BOM and line endings (for a
/// file with mixed endings, each unchanged line's own).
pub fn denormalize(text: &str, format: &TextFormat) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 32 + 3);
    if format.bom {
        out.push('\u{feff}');
    }
    if let Some(mixed) = &format.mixed {
        let ends = assign_endings(text, mixed, format.line_ending);
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.push_str(
                    ends.get(i - 1)
                        .copied()
                        .unwrap_or(format.line_ending)
                        .as_str(),
                );
            }
            out.push_str(line);
        }
        return out;
    }
    match format.line_ending {
        LineEnding::Lf => out.push_str(text),
        other => {
            let sep = other.as_str();
            let mut first = true;
            for line in text.split('\n') {
                if !first {
                    out.push_str(sep);
                }
                first = false;
                out.push_str(line);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_strips_bom_and_crlf_and_round_trips() {
        let raw = "\u{feff}一、标题\r\n正文\r\n";
        let (text, fmt) = normalize(raw);
        assert_eq!(text, "一、标题\n正文\n");
        assert!(fmt.bom);
        assert_eq!(fmt.line_ending, LineEnding::CrLf);
        assert_eq!(denormalize(&text, &fmt), raw);
    }

    #[test]
    fn normalize_owned_is_normalize() {
        for raw in [
            "",
            "甲\n乙",
            "\u{feff}甲\r\n乙",
            "甲\r乙\n",
            "\u{feff}",
            "a\u{feff}b",
        ] {
            let (t, f) = normalize_owned(raw.to_owned());
            let (u, g) = normalize(raw);
            assert_eq!(
                (t, f.bom, f.line_ending),
                (u, g.bom, g.line_ending),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn normalize_lone_cr() {
        let (text, fmt) = normalize("a\rb\rc");
        assert_eq!(text, "a\nb\nc");
        assert_eq!(fmt.line_ending, LineEnding::Cr);
        assert_eq!(denormalize(&text, &fmt), "a\rb\rc");
    }

    /// Saves `edit(text)` of a file that was `raw`, as a save would.
    fn resave(raw: &str, edit: impl Fn(&str) -> String) -> String {
        let (text, fmt) = normalize(raw);
        denormalize(&edit(&text), &fmt)
    }

    #[test]
    fn mixed_endings_round_trip_and_each_line_keeps_its_own() {
        let raw = "一、标题\r\n正文\n第三行\r第四行\r\n";
        let (text, fmt) = normalize(raw);
        assert_eq!(text, "一、标题\n正文\n第三行\n第四行\n");
        assert_eq!(fmt.line_ending, LineEnding::CrLf);
        assert_eq!(fmt.line_ending_name(), "mixed");
        assert_eq!(denormalize(&text, &fmt), raw);
        // One character typed on the second line: nothing else changes.
        assert_eq!(
            resave(raw, |t| t.replace("正文", "正文甲")),
            "一、标题\r\n正文甲\n第三行\r第四行\r\n"
        );
        // On the last line too (which had its own CRLF).
        assert_eq!(
            resave(raw, |t| t.replace("第四行", "第四行。")),
            "一、标题\r\n正文\n第三行\r第四行。\r\n"
        );
    }

    #[test]
    fn added_and_removed_lines_in_a_mixed_file() {
        let raw = "甲\r\n乙\n丙\r\n丁";
        // A line added after 乙 takes 乙's ending; the rest are untouched.
        assert_eq!(
            resave(raw, |t| t.replace("乙\n", "乙\n新\n")),
            "甲\r\n乙\n新\n丙\r\n丁"
        );
        // Enter in the middle of a line: both halves keep that line's ending.
        assert_eq!(
            resave(raw, |t| t.replace("丙", "丙一\n丙二")),
            "甲\r\n乙\n丙一\r\n丙二\r\n丁"
        );
        // A line removed: its neighbours keep theirs.
        assert_eq!(resave(raw, |t| t.replace("乙\n", "")), "甲\r\n丙\r\n丁");
        // A line added at the end of a file that had no final line end.
        assert_eq!(
            resave(raw, |t| format!("{t}\n戊")),
            "甲\r\n乙\n丙\r\n丁\r\n戊"
        );
        // Everything replaced: line by line, in place.
        assert_eq!(resave(raw, |_| "子\n丑\n".into()), "子\r\n丑\n");
    }

    #[test]
    fn a_lone_cr_inside_a_crlf_file_survives_a_save_elsewhere() {
        let raw = "第一行\r\n含\r回车\r\n末行\r\n";
        assert_eq!(
            resave(raw, |t| t.replace("第一行", "首行")),
            "首行\r\n含\r回车\r\n末行\r\n"
        );
    }

    #[test]
    fn rebased_formats_follow_what_was_written() {
        let raw = "甲\r\n乙\n丙\r\n";
        let (text, fmt) = normalize(raw);
        let edited = text.replace("乙", "乙二\n乙三");
        let first = denormalize(&edited, &fmt);
        let after = fmt.rebased(&edited);
        // The next save, with no further change, writes the same bytes;
        // and the rebased format is what loading those bytes would give.
        assert_eq!(denormalize(&edited, &after), first);
        assert_eq!(after, normalize(&first).1);
        // A file that became uniform is no longer "mixed".
        let uniform = raw.replace("乙\n", "乙\r\n");
        let (t2, f2) = normalize(&uniform);
        assert!(f2.mixed.is_none());
        assert_eq!(f2.rebased(&t2), f2);
        assert_eq!(fmt.rebased("甲\n丙\n").mixed, None);
    }

    #[test]
    fn normalize_plain_lf_is_identity() {
        let (text, fmt) = normalize("x\ny");
        assert_eq!(text, "x\ny");
        assert_eq!(fmt, TextFormat::default());
    }
}
