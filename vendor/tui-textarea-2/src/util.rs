pub fn spaces(size: u8) -> &'static str {
    const SPACES: &str = "                                                                                                                                                                                                                                                                ";
    &SPACES[..size as usize]
}

pub fn num_digits(i: usize) -> u8 {
    if i == 0 { 1 } else { i.ilog10() as u8 + 1 }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pos {
    pub row: usize,
    pub col: usize,
    pub offset: usize,
}

impl Pos {
    pub fn new(row: usize, col: usize, offset: usize) -> Self {
        Self { row, col, offset }
    }
}

/// PATCH(reportbench): the visible stand-in for a character that must not
/// reach a terminal — C0 controls other than tab, DEL, C1 controls, bidi
/// embeddings, overrides and isolates, zero-width characters, line and
/// paragraph separators, the BOM. Each is drawn as one cell, so that the
/// text on screen shows it and cursor columns stay right. (Upstream passes
/// them to the buffer, where ratatui drops some and not others.)
pub fn shown_as(c: char) -> Option<char> {
    match c {
        '\t' => None,
        '\u{0}'..='\u{1f}' => Some(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
        '\u{7f}' => Some('\u{2421}'),
        '\u{2028}' | '\u{2029}' => Some('\u{21b5}'),
        '\u{feff}' | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' => Some('\u{2423}'),
        '\u{80}'..='\u{9f}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{061c}'
        | '\u{180e}' => Some('\u{fffd}'),
        _ => None,
    }
}

/// PATCH(reportbench): the display width of a character as drawn (see
/// [`shown_as`]); tabs are handled by the callers.
pub(crate) fn char_width(c: char) -> usize {
    use unicode_width::UnicodeWidthChar;
    if shown_as(c).is_some() {
        1
    } else {
        c.width().unwrap_or(0)
    }
}
