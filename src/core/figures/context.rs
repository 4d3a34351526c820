//! The words that name a figure: the clause before it, without the
//! connecting words and enumeration marks around them.

use super::*;

/// Context: the words between the clause start (or the previous figure, or
/// an enumeration mark 、) and the number; when that is too short, the words
/// after the unit up to the clause end.
pub(super) fn context_for(
    s: &str,
    start: usize,
    end: usize,
    from: usize,
    clause_end: usize,
) -> (Range<usize>, Range<usize>) {
    let mut cs = from.min(start);
    // At most 20 characters back, and not past an enumeration mark 、.
    for (n, (k, c)) in s[cs..start].char_indices().rev().enumerate() {
        if c == '、' {
            cs += k + c.len_utf8();
            break;
        }
        if n + 1 == 20 {
            cs += k;
            break;
        }
    }
    let meaningful = s[cs..start].chars().filter(|&c| is_wordish(c)).count();
    if meaningful >= 3 {
        return (cs..start, cs..end);
    }
    let after_end = s[end..clause_end]
        .char_indices()
        .nth(12)
        .map(|(k, _)| end + k)
        .unwrap_or(clause_end);
    (end..after_end, cs..after_end)
}

/// Trims function words and punctuation from the ends of a context.
pub(super) fn strip_context(c: &str) -> &str {
    let mut t = c.trim_matches(|ch: char| {
        crate::core::text::is_space(ch)
            || matches!(
                ch,
                '“' | '”'
                    | '"'
                    | '\''
                    | '（'
                    | '）'
                    | '('
                    | ')'
                    | '、'
                    | '，'
                    | ','
                    | '：'
                    | ':'
                    | '《'
                    | '》'
            )
    });
    for w in [
        "共计", "累计", "合计", "总计", "共", "达到", "达", "为", "了", "计", "约", "近",
    ] {
        if let Some(r) = t.strip_suffix(w) {
            t = r;
            break;
        }
    }
    t
}
