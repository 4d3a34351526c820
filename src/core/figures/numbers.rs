//! Reading a number where a figure may start: Arabic digits (full-width
//! too, with decimals and 万/亿), Chinese numerals, 百分之….

use super::*;

/// Characters a figure can start with: digits of both widths, Chinese
/// numerals, and 百 (百分之…).
pub(super) fn might_start_number(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    matches!(
        c,
        '０'
            ..='９'
                | '〇'
                | '零'
                | '一'
                | '二'
                | '两'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '十'
                | '百'
                | '壹'
                | '贰'
                | '叁'
                | '肆'
                | '伍'
                | '陆'
                | '柒'
                | '捌'
                | '玖'
    )
}

/// A letter, digit or ideograph: a character that carries meaning in a context.
pub(super) fn is_wordish(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let cp = c as u32;
    (0x3400..=0x9fff).contains(&cp)
        || (0xf900..=0xfaff).contains(&cp)
        || (cp >= 0x20000)
        || (c.is_alphabetic()
            && !(0x3000..=0x303f).contains(&cp)
            && !(0xff00..=0xffef).contains(&cp))
}

/// Reads 38, 1.6, ４６.０５ at byte `i`: (value, end).
pub(super) fn read_arabic(s: &str, i: usize) -> Option<(f64, usize)> {
    let mut end = i;
    let mut mantissa: u64 = 0;
    let mut digits = 0u32;
    let mut frac_digits: Option<u32> = None;
    for (j, c) in s[i..].char_indices() {
        if let Some(d) = arabic_digit(c) {
            digits += 1;
            if digits > 15 {
                return None;
            }
            mantissa = mantissa * 10 + d;
            if let Some(f) = frac_digits.as_mut() {
                *f += 1;
            }
            end = i + j + c.len_utf8();
        } else if (c == '.' || c == '．') && frac_digits.is_none() {
            // A dot followed by a digit is a decimal point.
            let next = s[i + j + c.len_utf8()..].chars().next();
            if next.is_some_and(|n| arabic_digit(n).is_some()) {
                frac_digits = Some(0);
            } else {
                break;
            }
        } else if c == ',' && frac_digits.is_none() && digits > 0 {
            // Thousands separators: 1,600 (exactly three digits follow).
            let rest = &s.as_bytes()[i + j + 1..];
            let three = rest.len() >= 3
                && rest[..3].iter().all(u8::is_ascii_digit)
                && !rest.get(3).is_some_and(u8::is_ascii_digit);
            if !three {
                break;
            }
        } else {
            break;
        }
    }
    if digits == 0 {
        return None;
    }
    let scale = 10f64.powi(frac_digits.unwrap_or(0) as i32);
    Some((mantissa as f64 / scale, end))
}

/// Reads a Chinese numeral run at `i` (stopping before a trailing 万/亿 that
/// `finish` handles; a 万/亿 with more numeral after it is inside the
/// number: 八万三千一百一十 → 83110): (value, end).
pub(super) fn read_chinese(s: &str, i: usize) -> Option<(f64, usize)> {
    let small =
        |c: char| digit_value(c).is_some() || matches!(unit_value(c), Some(10 | 100 | 1000));
    let mut end = i;
    let mut chars = s[i..].char_indices().peekable();
    while let Some((j, c)) = chars.next() {
        let inner_scale = matches!(unit_value(c), Some(10_000 | 100_000_000))
            && end > i
            && chars.peek().is_some_and(|&(_, n)| small(n));
        if small(c) || inner_scale {
            end = i + j + c.len_utf8();
        } else {
            break;
        }
    }
    if end == i {
        return None;
    }
    parse_chinese(&s[i..end]).map(|v| (v as f64, end))
}

/// 百分之九十, 百分之35: (value, end).
pub(super) fn read_percent_words(s: &str, i: usize) -> Option<(f64, usize)> {
    let after = i + "百分之".len();
    let c = s[after..].chars().next()?;
    if arabic_digit(c).is_some() {
        read_arabic(s, after)
    } else {
        read_chinese(s, after)
    }
}

/// Chinese numerals are often parts of words (一站式, 两个维护, 三重一大):
/// accept them as counts only where a count is plausible.
pub(super) fn plausible_chinese(s: &str, i: usize, end: usize, value: f64) -> bool {
    let before = s[..i].chars().next_back();
    // 第 makes any numeral an ordinal (第二十名); the other characters make
    // words only with a single numeral (统一, 同一), not with a longer one
    // (合同七十一份 is 71 contracts).
    let single = s[i..end].chars().nth(1).is_none();
    if before.is_some_and(|b| b == '第' || (single && WORD_BEFORE_CN.contains(&b))) {
        return false;
    }
    if value == 1.0 {
        return before.is_some_and(|b| COUNT_BEFORE_ONE.contains(&b));
    }
    true
}
