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
    // At most 20 characters back, and not past an enumeration mark 、; a
    // cut inside the clause moves on to the next word's start when one
    // shows soon (…层干部学习培训和社区… → 社区…).
    for (n, (k, c)) in s[cs..start].char_indices().rev().enumerate() {
        if c == '、' {
            cs += k + c.len_utf8();
            break;
        }
        if n + 1 == 20 {
            // A clause of exactly 20 characters is whole, not cut.
            if k > 0 {
                cs = after_word_break(s, cs + k, start);
            }
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
    let after_end = match rest[..stop].char_indices().nth(20) {
        // Cut: back to the last word's end when one shows near it
        // (…文化阵地和更新社区法 → …文化阵地).
        Some((k, _)) => before_word_break(s, end, end + k),
        None => end + stop,
    };
    let after = s[end..after_end].chars().filter(|&c| is_wordish(c)).count();
    // Nothing after (化解55条。): the few words before name it.
    if after == 0 || after < meaningful {
        return (cs..start, cs..end);
    }
    (end..after_end, cs..after_end)
}

/// Characters a word ends before or starts after: linking words and
/// marks that never sit inside a name.
fn is_word_break(c: char) -> bool {
    matches!(
        c,
        '的' | '和'
            | '与'
            | '及'
            | '或'
            | '对'
            | '在'
            | '将'
            | '把'
            | '向'
            | '等'
            | '了'
            | '并'
            | '、'
            | '，'
            | '“'
            | '”'
            | '（'
            | '）'
            | '('
            | ')'
            | ' '
    )
}

/// How far a cut may move to land on a word break, in characters.
const BREAK_REACH: usize = 8;

/// Marks that open a name: a cut does not move past one.
const OPENING: &[char] = &['“', '（', '('];
/// Marks that close a name: a cut moved back to one keeps it.
const CLOSING: &[char] = &['”', '）', ')'];

/// `cut` moved on to the start of the word after a word break within
/// [`BREAK_REACH`] characters (not past `limit`), or `cut` itself. An
/// opening mark is not taken for one: the words before it are as likely
/// whole (公共法律服务“掌上办”平台…).
fn after_word_break(s: &str, cut: usize, limit: usize) -> usize {
    s[cut..limit]
        .char_indices()
        .take(BREAK_REACH)
        .take_while(|&(_, c)| !OPENING.contains(&c))
        .find(|&(_, c)| is_word_break(c))
        .map_or(cut, |(k, c)| cut + k + c.len_utf8())
}

/// `cut` moved back to the end of the word before a word break within
/// [`BREAK_REACH`] characters (not before `limit`), or `cut` itself; a
/// closing mark stays with its name.
fn before_word_break(s: &str, limit: usize, cut: usize) -> usize {
    s[limit..cut]
        .char_indices()
        .rev()
        .take(BREAK_REACH)
        .find(|&(_, c)| is_word_break(c))
        .map_or(cut, |(k, c)| {
            if CLOSING.contains(&c) {
                limit + k + c.len_utf8()
            } else {
                limit + k
            }
        })
}

/// Trims function words and punctuation from the ends of a context; the
/// words that lead up to a number (共, 达到, 约 …) only from one before it
/// (after it, 物业管理公约 keeps its 约).
pub(super) fn strip_context(c: &str, before_number: bool) -> &str {
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
    if !before_number {
        return t;
    }
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
