//! Figures: every number with its unit and context — Arabic and Chinese
//! numerals (三, 两, 十二, 一百零五), 万/亿 scaling, approximations (余, 多,
//! 近, 约, 左右), decimals, percentages (also 百分之…) and money (万元).

use super::document::{Document, ParagraphKind};
use super::numeral::{arabic_digit, digit_value, parse_chinese, unit_value};
use super::text::Position;
use std::borrow::Cow;
use std::ops::Range;

/// One figure found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The value: 万/亿 before a counting unit scale it (1.2万余份 → 12000);
    /// money keeps its written unit (46.05万元 → 46.05 万元).
    pub value: f64,
    /// The unit (件, 万元, % …); common units are not allocated.
    pub unit: Cow<'static, str>,
    /// Approximate (余, 多, 近, 约, 左右 …).
    pub approx: bool,
    /// Byte range, within `text`, of the words that name the figure (the
    /// clause before it, or after it when nothing precedes); see
    /// [`Figure::context`].
    pub context_in_text: Range<usize>,
    /// The phrase: context, number and unit as written.
    pub text: String,
    /// Byte range of number and unit.
    pub range: Range<usize>,
    /// Byte range of `text`.
    pub text_range: Range<usize>,
    /// Index of the paragraph.
    pub paragraph: usize,
    /// Where the number starts.
    pub position: Position,
    /// The metric (index into the spec's metrics) whose keywords govern the
    /// figure's clause; set by the checker.
    pub metric: Option<usize>,
    /// Every metric named anywhere in the figure's clause (the figure counts
    /// towards each of them being met).
    pub clause_metrics: Vec<usize>,
    /// Byte range of the clause (between ，；。 … marks) around the figure.
    pub clause: Range<usize>,
    /// Byte range of the sentence (between 。；！？) around the figure.
    pub sentence: Range<usize>,
}

impl Figure {
    /// The words that name the figure (有效化矛盾纠纷297件 → 有效化矛盾纠纷;
    /// 聘请3名法律顾问 → 法律顾问).
    pub fn context(&self) -> &str {
        self.text.get(self.context_in_text.clone()).unwrap_or("")
    }
}

const APPROX_BEFORE: &[&str] = &[
    "大约", "将近", "接近", "超过", "近", "约", "逾", "超", "达近",
];
const APPROX_AFTER_NUMBER: &[char] = &['余', '多'];
const APPROX_AFTER_UNIT: &[&str] = &["左右", "以上", "上下"];
/// Unit + next character combinations that are not counts (个月, 次日 …).
const NOT_COUNTS: &[&str] = &[
    "个月",
    "个工作日",
    "次日",
    "人民",
    "名单",
    "名称",
    "条例",
    "条件",
    "期间",
    "期限",
    "家庭",
    "家长",
    "户籍",
    "批准",
    "项目",
    "所在",
    "所有",
    "元旦",
    "起草",
    "起点",
    "起诉",
    "件事",
];
/// A unit as a `Cow`: borrowed from a static table when it is a common one.
fn intern_unit(u: &str) -> Cow<'static, str> {
    const COMMON: &[&str] = &[
        "件",
        "宗",
        "起",
        "份",
        "个",
        "项",
        "次",
        "场",
        "场次",
        "批",
        "批次",
        "人",
        "名",
        "人次",
        "户",
        "家",
        "家次",
        "万元",
        "亿元",
        "元",
        "%",
        "篇",
        "条",
        "期",
        "所",
        "张",
        "册",
        "部",
        "支",
        "宗次",
        "个次",
        "平方米",
        "亩",
    ];
    match COMMON.iter().find(|c| **c == u) {
        Some(c) => Cow::Borrowed(c),
        None => Cow::Owned(u.to_owned()),
    }
}

/// Every character that follows the unit in one of [`NOT_COUNTS`].
const NOT_COUNT_FOLLOWERS: &[char] = &[
    '月', '工', '日', '民', '单', '称', '例', '件', '间', '限', '庭', '长', '籍', '准', '目', '在',
    '有', '旦', '草', '点', '诉', '事',
];
/// Characters before a single-character Chinese numeral that make it part
/// of a word (统一, 唯一, 逐一 …) rather than a count.
const WORD_BEFORE_CN: &[char] = &[
    '统', '唯', '逐', '之', '其', '同', '单', '专', '划', '万', '第', '星', '周', '初', '十', '不',
    '一', '合', '归', '如', '始', '整', '大', '小', '进', '更', '确', '进', '化', '独',
];
/// Characters that allow a lone 一 to be read as the count 1.
const COUNT_BEFORE_ONE: &[char] = &[
    '共', '计', '仅', '只', '各', '了', '有', '达', '获', '办', '理', '作', '出', '立', '审', '查',
    '聘', '建',
];

/// Clause delimiters (not 、, which separates list items inside a clause).
pub fn is_clause_mark(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '；' | ';' | '。' | '：' | ':' | '！' | '？' | '!' | '?' | '\n'
    )
}

/// Sentence delimiters.
pub fn is_sentence_mark(c: char) -> bool {
    matches!(c, '；' | ';' | '。' | '！' | '？' | '!' | '?' | '\n')
}

/// Finds every figure of a document (residue and title lines excluded).
/// `units` must be sorted longest first.
pub fn extract(doc: &Document, units: &[String]) -> Vec<Figure> {
    let units = Units::new(units);
    let units = &units;
    let mut bufs = Buffers::default();
    let text = doc.matching_text();
    let mut out = Vec::new();
    for (pi, p) in doc.paragraphs().iter().enumerate() {
        let start = match p.kind {
            ParagraphKind::Residue | ParagraphKind::Title => continue,
            ParagraphKind::Heading(h) => doc.headings()[h].title.start,
            ParagraphKind::Body => p.range.start,
        };
        scan_paragraph(
            doc,
            text,
            start..p.range.end,
            pi,
            units,
            &mut bufs,
            &mut out,
        );
    }
    out
}

fn scan_paragraph(
    doc: &Document,
    text: &str,
    range: Range<usize>,
    paragraph: usize,
    units: &Units<'_>,
    bufs: &mut Buffers,
    out: &mut Vec<Figure>,
) {
    let s = &text[range.clone()];
    let b = s.as_bytes();
    let base = range.start;
    // One pass over the bytes finds clause marks and numbers; figures are
    // built afterwards, when every clause end is known.
    let clause_marks = &mut bufs.clause;
    let sentence_marks = &mut bufs.sentence;
    clause_marks.clear();
    sentence_marks.clear();
    let mut raw: Vec<(usize, usize, f64, &str, bool)> = Vec::new();
    let mut quote_depth = 0i32;
    let mut skip_to = 0;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let (c, w) = if x < 0x80 {
            (x as char, 1)
        } else {
            let w = if x >= 0xF0 {
                4
            } else if x >= 0xE0 {
                3
            } else {
                2
            };
            // Only three-byte characters with an interesting two-byte prefix
            // (marks, quotes, full-width forms, Chinese numerals) are decoded.
            let interesting = w == 3 && b.get(i + 1).is_some_and(|&y| is_interesting_prefix(x, y));
            match interesting
                .then(|| s.get(i..i + w).and_then(|t| t.chars().next()))
                .flatten()
            {
                Some(c) => (c, w),
                None => {
                    i += w;
                    continue;
                }
            }
        };
        if is_clause_mark(c) {
            clause_marks.push(i);
            if is_sentence_mark(c) {
                sentence_marks.push(i);
            }
        }
        match c {
            '“' | '「' | '『' => quote_depth += 1,
            '”' | '」' | '』' => quote_depth = (quote_depth - 1).max(0),
            _ => {}
        }
        if i < skip_to || !might_start_number(c) {
            i += w;
            continue;
        }
        if c == '百'
            && s[i..].starts_with("百分之")
            && let Some((value, end)) = read_percent_words(s, i)
        {
            raw.push((i, end, value, "%", false));
            skip_to = end;
            i += w;
            continue;
        }
        let found = if arabic_digit(c).is_some() {
            read_arabic(s, i).map(|(v, e)| (v, e, false))
        } else if quote_depth == 0 && c != '百' {
            read_chinese(s, i).map(|(v, e)| (v, e, true))
        } else {
            None
        };
        if let Some((value, num_end, chinese)) = found {
            // Arabic numbers glued to letters or codes (5G, lsx31/2025-00001) are not counts.
            let glued = !chinese
                && s[..i].chars().next_back().is_some_and(|p| {
                    p.is_ascii_alphanumeric() || matches!(p, '.' | '/' | '-' | '_' | '+' | '#')
                });
            skip_to = num_end;
            if !glued {
                match finish(s, value, num_end, units) {
                    Some(f) if !chinese || plausible_chinese(s, i, f.value) => {
                        raw.push((i, f.end, f.value, f.unit, f.approx));
                        skip_to = f.end;
                    }
                    _ => {}
                }
            }
        }
        i += w;
    }
    if raw.is_empty() {
        return;
    }
    let mut cx = Scan::new(doc, s, base, paragraph, clause_marks, sentence_marks);
    let mut prev_end = 0;
    for (start, end, value, unit, approx) in raw {
        push_figure(
            &mut cx,
            start,
            end,
            value,
            intern_unit(unit),
            approx,
            &mut prev_end,
            out,
        );
    }
}

/// Whether a three-byte UTF-8 character starting with bytes `x`, `y` may be a
/// clause mark, a quotation mark, a full-width form or a Chinese numeral.
fn is_interesting_prefix(x: u8, y: u8) -> bool {
    let t = interesting_table();
    let k = (x as usize) << 8 | y as usize;
    t[k / 64] & (1 << (k % 64)) != 0
}

fn interesting_table() -> &'static [u64] {
    static TABLE: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut bits = vec![0u64; 1024];
        let chars = "，；：！？。“”「」『』％０１２３４５６７８９〇零一二两三四五六七八九十百壹贰叁肆伍陆柒捌玖";
        for c in chars.chars() {
            let mut buf = [0u8; 4];
            let e = c.encode_utf8(&mut buf).as_bytes();
            if e.len() == 3 {
                let k = ((e[0] as usize) << 8 | e[1] as usize) & 0xffff;
                bits[k / 64] |= 1 << (k % 64);
            }
        }
        bits
    })
}

/// Buffers reused from one paragraph to the next.
#[derive(Default)]
struct Buffers {
    clause: Vec<usize>,
    sentence: Vec<usize>,
}

/// Per-paragraph scanning state: clause and sentence marks (found once),
/// and an incremental character column.
struct Scan<'a> {
    doc: &'a Document,
    s: &'a str,
    base: usize,
    paragraph: usize,
    /// Byte offsets (relative) of clause marks.
    marks: &'a [usize],
    /// Byte offsets (relative) of the marks that also end a sentence.
    sentence_marks: &'a [usize],
    /// (byte, 1-based column) of the last position computed.
    col_at: (usize, usize),
    line: usize,
}

impl<'a> Scan<'a> {
    fn new(
        doc: &'a Document,
        s: &'a str,
        base: usize,
        paragraph: usize,
        marks: &'a [usize],
        sentence_marks: &'a [usize],
    ) -> Self {
        let start = doc.position(base);
        Scan {
            doc,
            s,
            base,
            paragraph,
            marks,
            sentence_marks,
            col_at: (0, start.column),
            line: start.line,
        }
    }

    /// Position of relative byte `i` (calls must not go backwards).
    fn position(&mut self, i: usize) -> Position {
        let (b, c) = self.col_at;
        let col = if i >= b {
            c + self.s[b..i].chars().count()
        } else {
            c - self.s[i..b].chars().count()
        };
        self.col_at = (i, col);
        Position {
            line: self.line,
            column: col,
        }
    }

    /// The clause (`sentence == false`) or sentence around `start..end`.
    fn around(&self, start: usize, end: usize, sentence: bool) -> Range<usize> {
        let marks = if sentence {
            self.sentence_marks
        } else {
            self.marks
        };
        let k = marks.partition_point(|&m| m < start);
        let cs = k
            .checked_sub(1)
            .map(|k| marks[k] + self.s[marks[k]..].chars().next().map_or(1, char::len_utf8))
            .unwrap_or(0);
        let k = marks.partition_point(|&m| m < end);
        let ce = marks.get(k).copied().unwrap_or(self.s.len());
        cs..ce
    }
}

/// Characters a figure can start with: digits of both widths, Chinese
/// numerals, and 百 (百分之…).
fn might_start_number(c: char) -> bool {
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
fn is_wordish(c: char) -> bool {
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

/// Records a figure found at `start..end` of the paragraph being scanned.
#[allow(clippy::too_many_arguments)]
fn push_figure(
    cx: &mut Scan,
    start: usize,
    end: usize,
    value: f64,
    unit: Cow<'static, str>,
    approx_after: bool,
    prev_end: &mut usize,
    out: &mut Vec<Figure>,
) {
    let s = cx.s;
    let base = cx.base;
    let approx_before = APPROX_BEFORE.iter().any(|w| s[..start].ends_with(w));
    let approx_unit = APPROX_AFTER_UNIT.iter().any(|w| s[end..].starts_with(*w));
    let clause = cx.around(start, end, false);
    let sentence = cx.around(start, end, true);
    let (context, text_range) =
        context_for(s, start, end, (*prev_end).max(clause.start), clause.end);
    let full = cx.doc.text();
    let orig = &full[base + text_range.start..base + text_range.end];
    let text = orig.trim();
    let text_abs = text.as_ptr() as usize - full.as_ptr() as usize;
    let ctx = strip_context(&full[base + context.start..base + context.end]);
    let ctx_abs = ctx.as_ptr() as usize - full.as_ptr() as usize;
    let ctx_start = ctx_abs.saturating_sub(text_abs).min(text.len());
    let context_in_text = ctx_start..(ctx_start + ctx.len()).min(text.len());
    let position = cx.position(start);
    out.push(Figure {
        value,
        unit,
        approx: approx_before || approx_after || approx_unit,
        context_in_text,
        text: text.to_owned(),
        range: base + start..base + end,
        text_range: base + text_range.start..base + text_range.end,
        paragraph: cx.paragraph,
        position,
        metric: None,
        clause_metrics: Vec::new(),
        clause: base + clause.start..base + clause.end,
        sentence: base + sentence.start..base + sentence.end,
    });
    *prev_end = end;
}

/// Reads 38, 1.6, ４６.０５ at byte `i`: (value, end).
fn read_arabic(s: &str, i: usize) -> Option<(f64, usize)> {
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
/// `finish` handles): (value, end).
fn read_chinese(s: &str, i: usize) -> Option<(f64, usize)> {
    let mut end = i;
    for (j, c) in s[i..].char_indices() {
        if digit_value(c).is_some() || matches!(unit_value(c), Some(10 | 100 | 1000)) {
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
fn read_percent_words(s: &str, i: usize) -> Option<(f64, usize)> {
    let after = i + "百分之".len();
    let c = s[after..].chars().next()?;
    if arabic_digit(c).is_some() {
        read_arabic(s, after)
    } else {
        read_chinese(s, after)
    }
}

struct Finished<'a> {
    value: f64,
    unit: &'a str,
    approx: bool,
    end: usize,
}

/// After the number: approximation marks, 万/亿, the unit.
fn finish<'a>(s: &str, mut value: f64, num_end: usize, units: &Units<'a>) -> Option<Finished<'a>> {
    let mut j = num_end;
    let mut approx = false;
    let mut scale = 1.0;
    for _ in 0..3 {
        let Some(c) = s[j..].chars().next() else {
            break;
        };
        if APPROX_AFTER_NUMBER.contains(&c) {
            approx = true;
            j += c.len_utf8();
        } else if (c == '万' || c == '亿') && scale == 1.0 {
            // 万元 / 亿元 are money units in their own right.
            if let Some((u, len)) = match_unit(s, j, units)
                && u.starts_with(c)
            {
                return finish_unit(s, value, approx, j, u, len);
            }
            scale = if c == '万' { 10_000.0 } else { 100_000_000.0 };
            j += c.len_utf8();
        } else {
            break;
        }
    }
    // Money after 万余: "1742多万元" → 1742 万元.
    if scale != 1.0
        && let Some((u, len)) = match_unit(s, j, units)
        && u == "元"
    {
        let unit: &'static str = if scale == 10_000.0 {
            "万元"
        } else {
            "亿元"
        };
        return finish_unit(s, value, approx, j, unit, len);
    }
    value *= scale;
    let (u, len) = match_unit(s, j, units)?;
    finish_unit(s, value, approx, j, u, len)
}

fn finish_unit<'a>(
    s: &str,
    value: f64,
    mut approx: bool,
    j: usize,
    unit: &'a str,
    len: usize,
) -> Option<Finished<'a>> {
    let end = j + len;
    // 个月, 次日, 人民 …: only looked up when the next character could make one.
    let next = s[end..].chars().next();
    if next.is_some_and(|n| NOT_COUNT_FOLLOWERS.contains(&n))
        && NOT_COUNTS
            .iter()
            .any(|w| s[j..].starts_with(w) && w.len() > len)
    {
        return None;
    }
    if APPROX_AFTER_UNIT.iter().any(|w| s[end..].starts_with(*w)) {
        approx = true;
    }
    Some(Finished {
        value,
        unit: normalize_unit(unit),
        approx,
        end,
    })
}

fn normalize_unit(u: &str) -> &str {
    // Full-width ％ is matched as "%" already; kept for units written so in a spec.
    match u {
        "％" => "%",
        other => other,
    }
}

/// The units, grouped by their first character (longest first within each),
/// sorted by that character for binary search.
struct Units<'a> {
    by_first: Vec<(char, Vec<&'a str>)>,
}

impl<'a> Units<'a> {
    fn new(units: &'a [String]) -> Self {
        let mut by_first: Vec<(char, Vec<&'a str>)> = Vec::new();
        for u in units {
            if let Some(c) = u.chars().next() {
                match by_first.iter_mut().find(|e| e.0 == c) {
                    Some(e) => e.1.push(u.as_str()),
                    None => by_first.push((c, vec![u.as_str()])),
                }
            }
        }
        by_first.sort_by_key(|e| e.0);
        Units { by_first }
    }

    fn starting_with(&self, c: char) -> Option<&[&'a str]> {
        self.by_first
            .binary_search_by_key(&c, |e| e.0)
            .ok()
            .map(|i| self.by_first[i].1.as_slice())
    }
}

/// The unit at byte `j`: (unit as listed, bytes it takes in the text).
fn match_unit<'a>(s: &str, j: usize, units: &Units<'a>) -> Option<(&'a str, usize)> {
    let rest = &s[j..];
    let first = rest.chars().next()?;
    if first == '％' {
        return units.starting_with('%').map(|_| ("%", '％'.len_utf8()));
    }
    units
        .starting_with(first)?
        .iter()
        .find(|u| rest.starts_with(**u))
        .map(|u| (*u, u.len()))
}

/// Chinese numerals are often parts of words (一站式, 两个维护, 三重一大):
/// accept them as counts only where a count is plausible.
fn plausible_chinese(s: &str, i: usize, value: f64) -> bool {
    let before = s[..i].chars().next_back();
    if before.is_some_and(|b| WORD_BEFORE_CN.contains(&b)) {
        return false;
    }
    if value == 1.0 {
        return before.is_some_and(|b| COUNT_BEFORE_ONE.contains(&b));
    }
    true
}

/// Context: the words between the clause start (or the previous figure, or
/// an enumeration mark 、) and the number; when that is too short, the words
/// after the unit up to the clause end.
fn context_for(
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
fn strip_context(c: &str) -> &str {
    let mut t = c.trim_matches(|ch: char| {
        super::text::is_space(ch)
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

/// A figure's value as written in text output: integral values without a fraction.
pub fn fmt_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::spec::DEFAULT_UNITS;

    fn units() -> Vec<String> {
        let mut u: Vec<String> = DEFAULT_UNITS.iter().map(|s| s.to_string()).collect();
        u.push("张".into());
        u.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        u
    }

    fn figs(text: &str) -> Vec<Figure> {
        let d = Document::parse(&format!("正文\n{text}\n"));
        extract(&d, &units())
    }

    fn one(text: &str) -> (f64, String, bool) {
        let f = figs(text);
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        (f[0].value, f[0].unit.to_string(), f[0].approx)
    }

    #[test]
    fn arabic_figures() {
        assert_eq!(one("驻乡律师共审核合同38份。"), (38.0, "份".into(), false));
        assert_eq!(one("罚没款46.05万元。"), (46.05, "万元".into(), false));
        assert_eq!(one("出庭率100%。"), (100.0, "%".into(), false));
        assert_eq!(one("调解成功率41.8％。"), (41.8, "%".into(), false));
        assert_eq!(one("共１２件。"), (12.0, "件".into(), false));
        assert_eq!(one("服务1,600人次。"), (1600.0, "人次".into(), false));
    }

    #[test]
    fn scaling_and_approximation() {
        assert_eq!(one("宣传单1万余份。"), (10_000.0, "份".into(), true));
        assert_eq!(one("印发资料1.2万余份。"), (12_000.0, "份".into(), true));
        assert_eq!(one("资料4万多份。"), (40_000.0, "份".into(), true));
        assert_eq!(one("挽回损失1742多万元。"), (1742.0, "万元".into(), true));
        assert_eq!(one("普法活动140多场。"), (140.0, "场".into(), true));
        assert_eq!(one("提供法律咨询670余次。"), (670.0, "次".into(), true));
        assert_eq!(one("涉及人数约375人。"), (375.0, "人".into(), true));
        assert_eq!(one("发布推文近110篇。"), (110.0, "篇".into(), true));
        assert_eq!(one("参加培训100人左右。"), (100.0, "人".into(), true));
    }

    #[test]
    fn chinese_figures() {
        assert_eq!(one("聘请三名法律顾问。"), (3.0, "名".into(), false));
        assert_eq!(one("召开两次会议。"), (2.0, "次".into(), false));
        assert_eq!(one("办理十二件。"), (12.0, "件".into(), false));
        assert_eq!(one("受理一百零五件。"), (105.0, "件".into(), false));
        assert_eq!(one("发放两千三百份。"), (2300.0, "份".into(), false));
        assert_eq!(one("覆盖三万人。"), (30_000.0, "人".into(), false));
        assert_eq!(one("完成率达百分之九十。"), (90.0, "%".into(), false));
        assert_eq!(one("共办理一件。"), (1.0, "件".into(), false));
    }

    #[test]
    fn words_that_are_not_figures() {
        for t in [
            "做到“两个维护”，增强“四个意识”。",
            "作为一项重要政治任务。",
            "统一部署。",
            "第一次会议。",
            "2024年，我镇坚持依法行政。",
            "用时3个月完成。",
            "5G网络覆盖。",
            "索引号lsx31/2025-00001。",
            "1-11月发案率下降。",
            "推行一站式服务。",
        ] {
            assert!(figs(t).is_empty(), "{t}: {:?}", figs(t));
        }
    }

    #[test]
    fn context_and_text() {
        let f = figs("有效化矛盾纠纷297件。");
        assert_eq!(f[0].context(), "有效化矛盾纠纷");
        assert_eq!(f[0].text, "有效化矛盾纠纷297件");
        let f = figs("2024年以来驻乡律师共审核合同38份，参与审查会5次，答复行政复议1份。");
        assert_eq!(f.len(), 3);
        assert_eq!(f[0].context(), "2024年以来驻乡律师共审核合同");
        assert_eq!(f[1].context(), "参与审查会");
        assert_eq!(f[2].context(), "答复行政复议");
        let f = figs("聘请3名法律顾问。");
        assert_eq!(f[0].context(), "法律顾问");
        assert_eq!(f[0].text, "聘请3名法律顾问");
        let f = figs("公开文书646份、政策解读12篇。");
        assert_eq!(f[1].context(), "政策解读");
    }

    #[test]
    fn positions_count_characters() {
        let d = Document::parse("正文\n一、举措\n办理行政复议3宗。\n");
        let f = extract(&d, &units());
        assert_eq!(f[0].position, Position { line: 3, column: 7 });
    }

    #[test]
    fn heading_markers_are_not_figures() {
        let d = Document::parse("正文\n1.学法6次\n（2）普法\n");
        let f = extract(&d, &units());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].value, 6.0);
    }
}
