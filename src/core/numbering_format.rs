//! Writing a counter the way Word's automatic numbering shows it: 一 二 十一
//! (`chineseCounting`), 一千零五 (`chineseCountingThousand`), 壹贰叁, 甲乙丙,
//! １２３, ①②③, a b c, i ii iii. The inverse of [`crate::core::numeral`] for the
//! forms a report's headings use.

/// A numbering format of `w:numFmt`, as far as reports use them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumberFormat {
    /// 1 2 3 (also the fallback for formats not listed here).
    #[default]
    Decimal,
    /// 01 02 … 10.
    DecimalZero,
    /// １ ２ ３ (full-width digits).
    DecimalFullWidth,
    /// ① ② ③ (past 20: plain digits, as Word does).
    DecimalEnclosedCircle,
    /// ⑴ ⑵ ⑶.
    DecimalEnclosedParen,
    /// ⒈ ⒉ ⒊.
    DecimalEnclosedFullstop,
    /// 一 二 … 十 十一 … 二十 (`chineseCounting`, `japaneseCounting`,
    /// `taiwaneseCounting`).
    ChineseCounting,
    /// The same with thousands: 一百零五, 一千二百 (`chineseCountingThousand`,
    /// `taiwaneseCountingThousand`; LibreOffice re-saves `chineseCounting`
    /// as this).
    ChineseCountingThousand,
    /// 〇一二 digit by digit (`ideographDigital`).
    IdeographDigital,
    /// 壹 贰 叁 … 拾 (`chineseLegalSimplified`).
    ChineseLegalSimplified,
    /// 甲 乙 丙 … 癸, then repeating (`ideographTraditional`).
    IdeographTraditional,
    /// 子 丑 寅 … 亥 (`ideographZodiac`).
    IdeographZodiac,
    /// a b … z aa bb (`lowerLetter`).
    LowerLetter,
    /// A B … Z AA BB (`upperLetter`).
    UpperLetter,
    /// i ii iii (`lowerRoman`).
    LowerRoman,
    /// I II III (`upperRoman`).
    UpperRoman,
    /// A bullet: the level text is shown as it is.
    Bullet,
    /// No number (`none`).
    None,
}

impl NumberFormat {
    /// The format named by a `w:numFmt` value; unknown names count in decimal.
    pub fn from_word(name: &str) -> NumberFormat {
        use NumberFormat::*;
        match name {
            "decimalZero" => DecimalZero,
            "decimalFullWidth" | "decimalFullWidth2" => DecimalFullWidth,
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => DecimalEnclosedCircle,
            "decimalEnclosedParen" => DecimalEnclosedParen,
            "decimalEnclosedFullstop" => DecimalEnclosedFullstop,
            "chineseCounting" | "japaneseCounting" | "taiwaneseCounting" => ChineseCounting,
            "chineseCountingThousand" | "taiwaneseCountingThousand" | "japaneseLegal" => {
                ChineseCountingThousand
            }
            "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => {
                IdeographDigital
            }
            "chineseLegalSimplified" => ChineseLegalSimplified,
            "ideographTraditional" => IdeographTraditional,
            "ideographZodiac" => IdeographZodiac,
            "lowerLetter" => LowerLetter,
            "upperLetter" => UpperLetter,
            "lowerRoman" => LowerRoman,
            "upperRoman" => UpperRoman,
            "bullet" => Bullet,
            "none" => None,
            _ => Decimal,
        }
    }

    /// `n` written in this format (a bullet or `none` writes nothing).
    pub fn write(self, n: u32) -> String {
        use NumberFormat::*;
        match self {
            Decimal => n.to_string(),
            DecimalZero => format!("{n:02}"),
            DecimalFullWidth => n
                .to_string()
                .chars()
                .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
                .collect(),
            DecimalEnclosedCircle => enclosed(n, '①', 20),
            DecimalEnclosedParen => enclosed(n, '⑴', 20),
            DecimalEnclosedFullstop => enclosed(n, '⒈', 20),
            ChineseCounting => chinese(n, &SIMPLE, true),
            ChineseCountingThousand => chinese(n, &SIMPLE, true),
            IdeographDigital => n
                .to_string()
                .chars()
                .map(|c| DIGITS_ZERO[(c as u32 - '0' as u32) as usize])
                .collect(),
            ChineseLegalSimplified => chinese(n, &LEGAL, false),
            IdeographTraditional => cycle(
                n,
                &['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'],
            ),
            IdeographZodiac => cycle(
                n,
                &[
                    '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
                ],
            ),
            // Past what these forms can show sensibly (a hostile start
            // value would make a label of millions of letters): digits.
            LowerLetter | UpperLetter | LowerRoman | UpperRoman if n > 3999 => n.to_string(),
            LowerLetter => letters(n, b'a'),
            UpperLetter => letters(n, b'A'),
            LowerRoman => roman(n).to_lowercase(),
            UpperRoman => roman(n),
            Bullet | None => String::new(),
        }
    }
}

const DIGITS_ZERO: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Digits and units of one way of writing Chinese numbers.
struct Numerals {
    digits: [char; 10],
    units: [char; 3],   // 十 百 千
    myriads: [char; 2], // 万 亿
}

const SIMPLE: Numerals = Numerals {
    digits: ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'],
    units: ['十', '百', '千'],
    myriads: ['万', '亿'],
};

const LEGAL: Numerals = Numerals {
    digits: ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'],
    units: ['拾', '佰', '仟'],
    myriads: ['万', '亿'],
};

/// A number below 10 000 written with units; `short_ten`: 十一, not 一十一,
/// when the number starts with a ten.
fn below_myriad(n: u32, num: &Numerals, short_ten: bool, out: &mut String) {
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut zero = false;
    let mut started = false;
    for (i, d) in digits.iter().enumerate() {
        let unit = 3 - i; // 3: 千, 2: 百, 1: 十, 0: ones
        if *d == 0 {
            zero = started;
            continue;
        }
        if zero {
            out.push(num.digits[0]);
            zero = false;
        }
        if !(short_ten && unit == 1 && *d == 1 && !started) {
            out.push(num.digits[*d as usize]);
        }
        if unit > 0 {
            out.push(num.units[unit - 1]);
        }
        started = true;
    }
}

fn chinese(n: u32, num: &Numerals, short_ten: bool) -> String {
    if n == 0 {
        return num.digits[0].to_string();
    }
    let mut out = String::new();
    let groups = [n / 100_000_000, n / 10_000 % 10_000, n % 10_000];
    let mut started = false;
    for (i, g) in groups.iter().enumerate() {
        if *g == 0 {
            continue;
        }
        if started && *g < 1000 {
            out.push(num.digits[0]);
        }
        below_myriad(*g, num, short_ten && !started, &mut out);
        if i < 2 {
            out.push(num.myriads[1 - i]);
        }
        started = true;
    }
    out
}

/// ① … ⑳ from `first`; past `last`, plain digits.
fn enclosed(n: u32, first: char, last: u32) -> String {
    match n {
        1..=20 if n <= last => char::from_u32(first as u32 + n - 1)
            .map(String::from)
            .unwrap_or_else(|| n.to_string()),
        _ => n.to_string(),
    }
}

fn cycle(n: u32, signs: &[char]) -> String {
    let i = (n.max(1) - 1) as usize % signs.len();
    signs[i].to_string()
}

/// a … z, then aa … zz (Word repeats the letter).
fn letters(n: u32, first: u8) -> String {
    let n = n.max(1) - 1;
    let c = (first + (n % 26) as u8) as char;
    std::iter::repeat_n(c, (n / 26 + 1) as usize).collect()
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::NumberFormat::*;
    use super::*;
    use crate::core::numeral::parse_chinese;

    #[test]
    fn chinese_counting_as_headings_show_it() {
        let w = |n| ChineseCounting.write(n);
        assert_eq!(w(1), "一");
        assert_eq!(w(10), "十");
        assert_eq!(w(11), "十一");
        assert_eq!(w(20), "二十");
        assert_eq!(w(21), "二十一");
        assert_eq!(w(105), "一百零五");
        assert_eq!(w(110), "一百一十");
        assert_eq!(w(1001), "一千零一");
        assert_eq!(w(10_010), "一万零一十");
        assert_eq!(ChineseCountingThousand.write(2300), "二千三百");
    }

    #[test]
    fn every_chinese_form_reads_back_as_its_number() {
        for n in 1..=12_000 {
            let s = ChineseCounting.write(n);
            assert_eq!(parse_chinese(&s), Some(n as u64), "{n} → {s}");
        }
    }

    #[test]
    fn the_other_forms() {
        assert_eq!(ChineseLegalSimplified.write(3), "叁");
        assert_eq!(ChineseLegalSimplified.write(12), "壹拾贰");
        assert_eq!(IdeographTraditional.write(1), "甲");
        assert_eq!(IdeographTraditional.write(11), "甲");
        assert_eq!(IdeographZodiac.write(2), "丑");
        assert_eq!(DecimalFullWidth.write(12), "１２");
        assert_eq!(DecimalEnclosedCircle.write(3), "③");
        assert_eq!(DecimalEnclosedCircle.write(21), "21");
        assert_eq!(DecimalEnclosedParen.write(1), "⑴");
        assert_eq!(DecimalZero.write(7), "07");
        assert_eq!(IdeographDigital.write(105), "一〇五");
        assert_eq!(LowerLetter.write(27), "aa");
        assert_eq!(UpperRoman.write(14), "XIV");
        assert_eq!(LowerRoman.write(4), "iv");
        assert_eq!(
            NumberFormat::from_word("chineseCountingThousand"),
            ChineseCountingThousand
        );
        assert_eq!(NumberFormat::from_word("somethingNew"), Decimal);
        assert_eq!(Bullet.write(3), "");
        // Hostile start values stay short.
        for f in [
            LowerLetter,
            UpperRoman,
            ChineseCounting,
            ChineseLegalSimplified,
            DecimalFullWidth,
        ] {
            assert!(f.write(u32::MAX).chars().count() < 40, "{f:?}");
        }
    }
}
