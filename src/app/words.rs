//! Chinese-aware word boundaries for the editor: a run of Han characters, a
//! run of Latin letters and digits, and a run of punctuation (full-width
//! 。，、；： included) are each a word; white space separates. The editor
//! widget's own motions treat a whole Chinese paragraph, commas and all, as
//! one word.

/// The kind of a character, for word boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// White space of any width.
    Space,
    /// Punctuation of any width.
    Punct,
    /// Han characters (and other CJK ideographs, kana, hangul).
    Han,
    /// Latin letters, digits and everything else.
    Word,
}

/// The class of `c`.
pub fn class(c: char) -> Class {
    if c.is_whitespace() || c == '\u{3000}' {
        return Class::Space;
    }
    let cp = c as u32;
    if c.is_ascii_punctuation() && c != '_'
        || (0x3000..=0x303F).contains(&cp)
        || (0xFF01..=0xFF0F).contains(&cp)
        || (0xFF1A..=0xFF20).contains(&cp)
        || (0xFF3B..=0xFF40).contains(&cp)
        || (0xFF5B..=0xFF65).contains(&cp)
        || (0x2010..=0x2027).contains(&cp)
        || (0x2030..=0x205E).contains(&cp)
        || matches!(
            c,
            '《' | '》' | '「' | '」' | '『' | '』' | '【' | '】' | '·'
        )
    {
        return Class::Punct;
    }
    if (0x3400..=0x9FFF).contains(&cp)
        || (0xF900..=0xFAFF).contains(&cp)
        || (0x20000..=0x3FFFF).contains(&cp)
        || (0x3040..=0x30FF).contains(&cp)
        || (0xAC00..=0xD7AF).contains(&cp)
    {
        return Class::Han;
    }
    Class::Word
}

/// The column (in characters) where the next word starts after `col`, or
/// `None` at the end of the line.
pub fn next_word_start(line: &[char], col: usize) -> Option<usize> {
    if col >= line.len() {
        return None;
    }
    let first = class(line[col]);
    let mut i = col;
    while i < line.len() && class(line[i]) == first && first != Class::Space {
        i += 1;
    }
    while i < line.len() && class(line[i]) == Class::Space {
        i += 1;
    }
    Some(i)
}

/// The column where the word before `col` starts, or `None` at the line start.
pub fn prev_word_start(line: &[char], col: usize) -> Option<usize> {
    if col == 0 {
        return None;
    }
    let mut i = col.min(line.len());
    while i > 0 && class(line[i - 1]) == Class::Space {
        i -= 1;
    }
    if i == 0 {
        return Some(0);
    }
    let k = class(line[i - 1]);
    while i > 0 && class(line[i - 1]) == k {
        i -= 1;
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn motions_stop_at_fullwidth_punctuation_and_script_changes() {
        let l = chars("审核合同38份，调处纠纷。OK 完成");
        // 审核合同 | 38 | 份 | ， | 调处纠纷 | 。 | OK | 完成
        let mut stops = vec![];
        let mut c = 0;
        while let Some(n) = next_word_start(&l, c) {
            if n == c || n > l.len() {
                break;
            }
            stops.push(n);
            c = n;
            if c >= l.len() {
                break;
            }
        }
        assert_eq!(stops, vec![4, 6, 7, 8, 12, 13, 16, 18]);
        assert_eq!(prev_word_start(&l, 12), Some(8));
        assert_eq!(prev_word_start(&l, 8), Some(7));
        assert_eq!(prev_word_start(&l, 6), Some(4));
        assert_eq!(
            prev_word_start(&l, 16),
            Some(13),
            "skips the space, then OK"
        );
        assert_eq!(prev_word_start(&l, 0), None);
    }

    #[test]
    fn classes() {
        assert_eq!(class('，'), Class::Punct);
        assert_eq!(class('。'), Class::Punct);
        assert_eq!(class('、'), Class::Punct);
        assert_eq!(class('“'), Class::Punct);
        assert_eq!(class('法'), Class::Han);
        assert_eq!(class('a'), Class::Word);
        assert_eq!(class('３'), Class::Word);
        assert_eq!(class('\u{3000}'), Class::Space);
    }
}
