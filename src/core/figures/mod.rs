//! Figures: every number with its unit and context — Arabic and Chinese
//! numerals (三, 两, 十二, 一百零五), 万/亿 scaling, approximations (余, 多,
//! 近, 约, 左右), decimals, percentages (also 百分之…) and money (万元).
//!
//! Files: this one (the scan of a paragraph for figures), `numbers`
//! (reading a number: Arabic, Chinese, 百分之…), `units` (units after a
//! number), `context` (the words that name a figure).

mod context;
mod numbers;
mod units;

use crate::core::document::{Document, ParagraphKind};
use crate::core::numeral::{arabic_digit, digit_value, parse_chinese, unit_value};
use crate::core::text::Position;
use context::{context_for, strip_context};
use numbers::{
    is_wordish, might_start_number, plausible_chinese, read_arabic, read_chinese,
    read_percent_words,
};
use std::borrow::Cow;
use std::ops::Range;
use units::{Units, finish_unit, intern_unit, match_unit};

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
    pub text: std::sync::Arc<str>,
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
    /// Inside the plans (the sections of the spec's `metric_scope.outside`
    /// items): a target (力争95%, 不少于30场), not a result; set by the
    /// checker.
    pub target: bool,
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
    let mut scanner = FigureScanner::new(units);
    let mut out = Vec::new();
    for pi in 0..doc.paragraphs().len() {
        if let Some(start) = scan_start(doc, pi) {
            scanner.scan(doc, pi, start, &mut out);
        }
    }
    out
}

/// Where the figures of paragraph `pi` are looked for: from its start, a
/// heading's from its title (not its number); `None` for the title and
/// web residue, which have none.
pub fn scan_start(doc: &Document, pi: usize) -> Option<usize> {
    let p = doc.paragraphs().get(pi)?;
    match p.kind {
        ParagraphKind::Residue | ParagraphKind::Title => None,
        ParagraphKind::Heading(h) => Some(doc.headings()[h].title.start),
        ParagraphKind::Body => Some(p.range.start),
    }
}

/// [`extract`] a paragraph at a time (the checker takes unchanged
/// paragraphs' figures from its memo instead).
pub struct FigureScanner<'u> {
    units: Units<'u>,
    bufs: Buffers,
}

impl<'u> FigureScanner<'u> {
    /// A scanner for `units` (sorted longest first).
    pub fn new(units: &'u [String]) -> Self {
        FigureScanner {
            units: Units::new(units),
            bufs: Buffers::default(),
        }
    }

    /// Appends the figures of paragraph `pi`, from byte `start` (see
    /// [`scan_start`]) to its end, to `out`.
    pub fn scan(&mut self, doc: &Document, pi: usize, start: usize, out: &mut Vec<Figure>) {
        let Some(p) = doc.paragraphs().get(pi) else {
            return;
        };
        scan_paragraph(
            doc,
            doc.matching_text(),
            start..p.range.end,
            pi,
            &self.units,
            &mut self.bufs,
            out,
        );
    }
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
    let mut title_depth = 0i32;
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
            // A title (《…四个专项…》) names a document: its numerals are
            // not figures. Only a 《 closed later in the paragraph opens one.
            '《' if title_depth > 0 || s[i..].contains('》') => title_depth += 1,
            '》' => title_depth = (title_depth - 1).max(0),
            _ => {}
        }
        if title_depth > 0 && might_start_number(c) {
            i += w;
            continue;
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
                    Some(f) if !chinese || plausible_chinese(s, i, num_end, f.value) => {
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
        let chars = "，；：！？。“”「」『』《》％０１２３４５６７８９〇零一二两三四五六七八九十百壹贰叁肆伍陆柒捌玖";
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
    let ctx = strip_context(
        &full[base + context.start..base + context.end],
        context.end <= start,
    );
    let ctx_abs = ctx.as_ptr() as usize - full.as_ptr() as usize;
    let ctx_start = ctx_abs.saturating_sub(text_abs).min(text.len());
    let context_in_text = ctx_start..(ctx_start + ctx.len()).min(text.len());
    let position = cx.position(start);
    out.push(Figure {
        value,
        unit,
        approx: approx_before || approx_after || approx_unit,
        context_in_text,
        text: text.into(),
        range: base + start..base + end,
        text_range: base + text_range.start..base + text_range.end,
        paragraph: cx.paragraph,
        position,
        metric: None,
        clause_metrics: Vec::new(),
        clause: base + clause.start..base + clause.end,
        sentence: base + sentence.start..base + sentence.end,
        target: false,
    });
    *prev_end = end;
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

/// A figure's value as written in text output: integral values without a fraction.
pub fn fmt_value(v: f64) -> String {
    Value(v).to_string()
}

/// A figure's value as [`fmt_value`] writes it, written straight into a
/// message (no string of its own).
#[derive(Debug, Clone, Copy)]
pub struct Value(pub f64);

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = self.0;
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            std::fmt::Display::fmt(&(v as i64), f)
        } else {
            std::fmt::Display::fmt(&v, f)
        }
    }
}

#[cfg(test)]
mod tests;
