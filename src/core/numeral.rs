//! Chinese numerals: 三, 两, 十二, 一百零五, 两千三百, 三万, 一亿二千万.

/// The value of a Chinese digit character (〇零一二两三四五六七八九), if it is one.
pub fn digit_value(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The multiplier of a Chinese unit character (十百千万亿), if it is one.
pub fn unit_value(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1_000,
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

/// True for any character that may appear in a Chinese numeral.
pub fn is_numeral_char(c: char) -> bool {
    digit_value(c).is_some() || unit_value(c).is_some()
}

/// Parses a whole Chinese numeral (`十二` → 12, `一百零五` → 105,
/// `两千三百` → 2300, `二〇二四` → 2024 read digit by digit).
/// Returns `None` for an empty string or one with other characters.
pub fn parse_chinese(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    // Digit-by-digit form without units: 二〇二四.
    if s.chars().count() > 1 && s.chars().all(|c| digit_value(c).is_some()) {
        let mut v: u64 = 0;
        for c in s.chars() {
            v = v.checked_mul(10)?.checked_add(digit_value(c)?)?;
        }
        return Some(v);
    }
    let mut yi_part: u64 = 0; // completed 亿 groups
    let mut wan_part: u64 = 0; // completed 万 group below the last 亿
    let mut section: u64 = 0; // below 万
    let mut number: Option<u64> = None; // pending digit
    for c in s.chars() {
        if let Some(d) = digit_value(c) {
            number = Some(d);
        } else if let Some(u) = unit_value(c) {
            match u {
                10_000 => {
                    let group = section + number.take().unwrap_or(0);
                    wan_part = (if group == 0 { 1 } else { group }).checked_mul(u)?;
                    section = 0;
                }
                100_000_000 => {
                    let group = yi_part + wan_part + section + number.take().unwrap_or(0);
                    yi_part = (if group == 0 { 1 } else { group }).checked_mul(u)?;
                    wan_part = 0;
                    section = 0;
                }
                _ => {
                    let n = number.take().unwrap_or(1);
                    section = section.checked_add(n.checked_mul(u)?)?;
                }
            }
        } else {
            return None;
        }
    }
    let total = yi_part;
    let section = wan_part + section;
    Some(total + section + number.unwrap_or(0))
}

/// Parses a run of ASCII or full-width digits (`１２` → 12).
pub fn parse_arabic(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let mut v: u64 = 0;
    for c in s.chars() {
        let d = arabic_digit(c)?;
        v = v.checked_mul(10)?.checked_add(d)?;
    }
    Some(v)
}

/// The value of an ASCII or full-width digit.
pub fn arabic_digit(c: char) -> Option<u64> {
    match c {
        '0'..='9' => Some(c as u64 - '0' as u64),
        '０'..='９' => Some(c as u64 - '０' as u64),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        for (s, v) in [
            ("一", 1),
            ("三", 3),
            ("两", 2),
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("二十三", 23),
            ("一百", 100),
            ("一百零五", 105),
            ("一百一十", 110),
            ("两千三百", 2300),
            ("三万", 30_000),
            ("一万二千", 12_000),
            ("十万", 100_000),
            ("一亿二千万", 120_000_000),
            ("二〇二四", 2024),
            ("零", 0),
        ] {
            assert_eq!(parse_chinese(s), Some(v), "{s}");
        }
        assert_eq!(parse_chinese(""), None);
        assert_eq!(parse_chinese("一是"), None);
    }

    #[test]
    fn arabic_numerals() {
        assert_eq!(parse_arabic("38"), Some(38));
        assert_eq!(parse_arabic("１２"), Some(12));
        assert_eq!(parse_arabic("1a"), None);
        assert_eq!(parse_arabic("99999999999999999999999"), None);
    }
}
