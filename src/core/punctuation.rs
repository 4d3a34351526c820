//! 公文 punctuation in Chinese text: half-width ，。；：？！（） where the text
//! around is Chinese (a “(一)” heading mark included), straight quotes in
//! Chinese text, spaces between Chinese and digits (“2024 年”), full-width
//! digits. Never inside numbers (1,000 · 10:30 · 3.5), URLs, Latin words or
//! table rows. Each finding is an edit (the mark and its replacement), so
//! that the lint and its fix say the same. Pure.

use super::fix::Edit;

/// Han characters and the full-width marks that stand in Chinese text.
pub fn is_chinese(c: char) -> bool {
    matches!(c,
        '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{2ffff}'
        | '，' | '。' | '、' | '；' | '：' | '？' | '！' | '“' | '”' | '‘' | '’'
        | '（' | '）' | '《' | '》' | '【' | '】' | '…' | '—')
}

fn is_han(c: char) -> bool {
    is_chinese(c) && !matches!(c, '，' | '。' | '、' | '；' | '：' | '？' | '！')
}

/// The full-width form of a half-width mark.
fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        '.' => '。',
        _ => return None,
    })
}

/// Whether byte `at` of `text` is inside a URL or an e-mail address.
fn in_link(text: &str, at: usize) -> bool {
    let start = text[..at]
        .rfind(|c: char| c.is_whitespace() || is_chinese(c))
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &text[start..at];
    word.contains("://") || word.contains("www.") || word.contains('@')
}

/// Whether `text` holds a character [`scan`] may change: a half-width
/// mark, a straight quote, a space (ASCII or U+3000, E3 80 80 in UTF-8)
/// or a full-width digit (EF BC 90–99). Most paragraphs of a report hold
/// none: one pass over the bytes spares them the scan.
fn may_have_marks(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, &x)| match x {
        b',' | b';' | b':' | b'?' | b'!' | b'.' | b'(' | b')' | b'"' | b' ' => true,
        0xE3 => b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80),
        0xEF => {
            b.get(i + 1) == Some(&0xBC) && b.get(i + 2).is_some_and(|y| (0x90..=0x99).contains(y))
        }
        _ => false,
    })
}

/// Every mark to change in one paragraph (or table cell) of text.
pub fn scan(text: &str) -> Vec<Edit> {
    if !may_have_marks(text) {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    // The nearest character that is not a space, before and after.
    let before = |k: usize| (0..k).rev().map(|j| chars[j].1).find(|c| *c != ' ');
    let after = |k: usize| (k + 1..chars.len()).map(|j| chars[j].1).find(|c| *c != ' ');
    let mut out = Vec::new();
    let mut quotes_open = false;
    for (k, &(i, c)) in chars.iter().enumerate() {
        let end = i + c.len_utf8();
        let prev = if k > 0 { at(k - 1) } else { None };
        let next = at(k + 1);
        match c {
            ',' | ';' | ':' | '?' | '!' | '.' => {
                // After Chinese, and not between digits (1,000 · 10:30 · 3.5).
                let cn_before = prev.is_some_and(is_chinese);
                let in_number = prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit());
                let dot_ok = c != '.'
                    || next.is_none_or(|n| n == ' ' || is_chinese(n))
                        && !text[end..].starts_with("..");
                if cn_before && !in_number && dot_ok && !in_link(text, i) {
                    out.push(Edit {
                        range: i..end,
                        text: full_width(c).map(String::from).unwrap_or_default(),
                    });
                }
            }
            '(' | ')' => {
                // Brackets with Chinese beside them, inside or out.
                let cn = before(k).is_some_and(is_han) || after(k).is_some_and(is_han);
                if cn && !in_link(text, i) {
                    out.push(Edit {
                        range: i..end,
                        text: full_width(c).map(String::from).unwrap_or_default(),
                    });
                }
            }
            '"' => {
                let cn = prev.is_some_and(is_chinese) || next.is_some_and(is_chinese);
                let replacement = if quotes_open { "”" } else { "“" };
                quotes_open = !quotes_open;
                if cn {
                    out.push(Edit {
                        range: i..end,
                        text: replacement.into(),
                    });
                }
            }
            '０'..='９' => out.push(Edit {
                range: i..end,
                text: char::from_u32(c as u32 - '０' as u32 + '0' as u32)
                    .map(String::from)
                    .unwrap_or_default(),
            }),
            ' ' | '\u{3000}' => {
                // A space between Chinese and a figure (2024 年, 共 5 件).
                let run_start = k;
                if run_start > 0 && chars[run_start - 1].1 == c {
                    continue;
                }
                let mut run_end = k;
                while at(run_end + 1).is_some_and(|n| n == ' ' || n == '\u{3000}') {
                    run_end += 1;
                }
                let (p, n) = (prev, at(run_end + 1));
                let digit = |x: Option<char>| x.is_some_and(|x| x.is_ascii_digit());
                let han = |x: Option<char>| x.is_some_and(is_han);
                if (digit(p) && han(n)) || (han(p) && digit(n)) {
                    let stop = chars.get(run_end + 1).map_or(text.len(), |&(j, _)| j);
                    out.push(Edit {
                        range: i..stop,
                        text: String::new(),
                    });
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(t: &str) -> String {
        crate::core::fix::apply_edits(t, &scan(t))
    }

    #[test]
    fn half_width_marks_in_chinese_become_full_width() {
        assert_eq!(
            fixed("全年办理案件38件,其中行政复议2件;"),
            "全年办理案件38件，其中行政复议2件；"
        );
        assert_eq!(fixed("(一)主动公开"), "（一）主动公开");
        assert_eq!(
            fixed("对照《纲要(2021-2025年)》的要求."),
            "对照《纲要（2021-2025年）》的要求。"
        );
        assert_eq!(fixed("主要做法:一是"), "主要做法：一是");
        assert_eq!(fixed("是否按期完成?"), "是否按期完成？");
    }

    #[test]
    fn numbers_links_and_latin_text_are_left_alone() {
        for t in [
            "罚没款1,000元，会议于10:30召开，增长3.5%。",
            "详见http://www.example.gov.cn/a,b;c 网站。",
            "The report (draft) is ready, see p.3.",
            "Email: office@example.cn。",
            "1.健全机制",
            "共8件。",
        ] {
            assert_eq!(scan(t), Vec::new(), "{t}");
        }
    }

    #[test]
    fn spaces_quotes_and_wide_digits() {
        assert_eq!(fixed("2024 年共办理 5 件"), "2024年共办理5件");
        assert_eq!(fixed("建设\"法治青禾\"平台"), "建设“法治青禾”平台");
        assert_eq!(fixed("２０２４年"), "2024年");
        // A space between Latin words stays.
        assert_eq!(scan("App Store 上架"), Vec::new());
    }
}
