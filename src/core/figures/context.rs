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
    // After the unit: up to the clause's end or the next number, whole when
    // it is short (…全部签约法律顾问, not …法律顾), else 20 characters.
    let rest = &s[end..clause_end];
    let stop = rest
        .char_indices()
        .find(|&(_, c)| c.is_ascii_digit() || ('０'..='９').contains(&c))
        .map_or(rest.len(), |(k, _)| k);
    let after_end = rest[..stop]
        .char_indices()
        .nth(20)
        .map_or(end + stop, |(k, _)| end + k);
    let after = s[end..after_end].chars().filter(|&c| is_wordish(c)).count();
    // Nothing after (化解55条。): the few words before name it.
    if after == 0 || after < meaningful {
        return (cs..start, cs..end);
    }
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
