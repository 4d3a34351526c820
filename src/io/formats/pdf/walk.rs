//! A page's content stream walked for its text: each shown string becomes
//! a piece with its place on the page (baseline, left and right edge, size),
//! following the graphics state (`q`/`Q`/`cm`), the text state and form
//! XObjects; images are counted (a page of images and no text is a scan).

use super::fonts::Font;
use super::objects::{deref, dict, get, name, number};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object};
use std::collections::HashMap;
use std::rc::Rc;

/// A shown string placed on the page (PDF user space: y grows upwards).
#[derive(Debug, Clone)]
pub struct Piece {
    /// Left edge of the first glyph.
    pub x0: f64,
    /// Right edge of the last glyph.
    pub x1: f64,
    /// Baseline.
    pub y: f64,
    /// Font size on the page.
    pub size: f64,
    /// The text.
    pub text: String,
}

/// What a page holds for the reader.
#[derive(Debug, Default)]
pub struct PageContent {
    /// The page's visible box: left, bottom, right, top.
    pub bbox: [f64; 4],
    /// Text pieces in content order.
    pub pieces: Vec<Piece>,
    /// Images drawn.
    pub images: usize,
    /// Character codes no font mapping could turn into text.
    pub undecoded: usize,
    /// Horizontal rules drawn (table borders, note separators): left,
    /// right, height.
    pub rules: Vec<(f64, f64, f64)>,
}

/// Why a page could not be walked to its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WalkError {
    /// More operations than any report needs (nested forms drawing each
    /// other): the budget ran out.
    TooComplex,
}

/// A matrix `[a b c d e f]` (PDF's row-vector convention).
#[derive(Debug, Clone, Copy, PartialEq)]
struct M([f64; 6]);

const IDENTITY: M = M([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

impl M {
    /// `self × other`: `self` applied first.
    fn then(self, o: M) -> M {
        let [a, b, c, d, e, f] = self.0;
        let [oa, ob, oc, od, oe, of] = o.0;
        M([
            a * oa + b * oc,
            a * ob + b * od,
            c * oa + d * oc,
            c * ob + d * od,
            e * oa + f * oc + oe,
            e * ob + f * od + of,
        ])
    }

    fn translate(x: f64, y: f64) -> M {
        M([1.0, 0.0, 0.0, 1.0, x, y])
    }

    fn from_operands(ops: &[Object]) -> Option<M> {
        let v: Vec<f64> = ops.iter().take(6).filter_map(number).collect();
        let m: [f64; 6] = v.try_into().ok()?;
        m.iter().all(|x| x.abs() < 1.0e7).then_some(M(m))
    }
}

/// The parts of the graphics state that place text.
#[derive(Clone)]
struct GState<'a> {
    ctm: M,
    font: Option<Rc<Font<'a>>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

/// Fonts read once per document (keyed by their dictionary).
pub type FontCache<'a> = HashMap<usize, Rc<Font<'a>>>;

/// How deep form XObjects may nest.
const MAX_FORM_DEPTH: usize = 12;
/// The deepest `q` nesting followed.
const MAX_SAVED_STATES: usize = 1024;
/// The most rules kept per page.
const MAX_RULES: usize = 20_000;
/// The most bytes a form's content may decompress to.
const MAX_FORM_BYTES: usize = 64 << 20;

/// Walks a page's content.
pub struct Walker<'a, 'c> {
    doc: &'a Document,
    fonts: &'c mut FontCache<'a>,
    /// Operations left for the whole document.
    budget: &'c mut usize,
    out: PageContent,
}

impl<'a, 'c> Walker<'a, 'c> {
    /// A walker over `doc`'s pages, sharing `fonts` and `budget`.
    pub fn new(
        doc: &'a Document,
        fonts: &'c mut FontCache<'a>,
        budget: &'c mut usize,
        bbox: [f64; 4],
    ) -> Self {
        Walker {
            doc,
            fonts,
            budget,
            out: PageContent {
                bbox,
                ..PageContent::default()
            },
        }
    }

    /// Walks `content` drawn with `resources`; returns what the page holds.
    pub fn walk(
        mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
    ) -> Result<PageContent, WalkError> {
        let gs = GState {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        self.run(content, resources, gs, 0)?;
        Ok(self.out)
    }

    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        mut gs: GState<'a>,
        depth: usize,
    ) -> Result<(), WalkError> {
        let mut saved: Vec<GState<'a>> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        // The path being built: its horizontal segments (page space), and
        // the current point (user space).
        let mut path: Vec<(f64, f64, f64)> = Vec::new();
        let mut at = (0.0, 0.0);
        // A damaged stream is read up to the damage.
        for op in Content::decode_iter(content).map_while(Result::ok) {
            *self.budget = self
                .budget
                .checked_sub(1 + op.operands.len())
                .ok_or(WalkError::TooComplex)?;
            let o = &op.operands;
            let num = |i: usize| o.get(i).and_then(number).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" if saved.len() < MAX_SAVED_STATES => saved.push(gs.clone()),
                "Q" => {
                    if let Some(g) = saved.pop() {
                        gs = g;
                    }
                }
                "cm" => {
                    if let Some(m) = M::from_operands(o) {
                        gs.ctm = m.then(gs.ctm);
                    }
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    gs.font = o
                        .first()
                        .and_then(name)
                        .and_then(|n| self.font(resources, n));
                    gs.size = num(1);
                }
                "Tc" => gs.char_spacing = num(0),
                "Tw" => gs.word_spacing = num(0),
                "Tz" => gs.scale = num(0) / 100.0,
                "TL" => gs.leading = num(0),
                "Ts" => gs.rise = num(0),
                "Td" | "TD" => {
                    if op.operator == "TD" {
                        gs.leading = -num(1);
                    }
                    tlm = M::translate(num(0), num(1)).then(tlm);
                    tm = tlm;
                }
                "Tm" => {
                    if let Some(m) = M::from_operands(o) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = M::translate(0.0, -gs.leading).then(tlm);
                    tm = tlm;
                }
                "Tj" => self.show(o.first(), &gs, &mut tm),
                "'" | "\"" => {
                    if op.operator == "\"" {
                        gs.word_spacing = num(0);
                        gs.char_spacing = num(1);
                    }
                    tlm = M::translate(0.0, -gs.leading).then(tlm);
                    tm = tlm;
                    self.show(o.last(), &gs, &mut tm);
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = o.first() {
                        for item in items {
                            match number(item) {
                                Some(n) => {
                                    let tx = -n / 1000.0 * gs.size * gs.scale;
                                    tm = M::translate(tx, 0.0).then(tm);
                                }
                                None => self.show(Some(item), &gs, &mut tm),
                            }
                        }
                    }
                }
                "Do" => {
                    if let Some(n) = o.first().and_then(name) {
                        self.draw_object(resources, n, &gs, depth)?;
                    }
                }
                "BI" | "ID" => self.out.images += usize::from(op.operator == "BI"),
                "m" => at = (num(0), num(1)),
                "l" => {
                    let to = (num(0), num(1));
                    self.segment(&mut path, at, to, gs.ctm);
                    at = to;
                }
                "re" => {
                    let (x, y, w, h) = (num(0), num(1), num(2), num(3));
                    self.segment(&mut path, (x, y), (x + w, y), gs.ctm);
                    self.segment(&mut path, (x, y + h), (x + w, y + h), gs.ctm);
                    at = (x, y);
                }
                "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                    if self.out.rules.len() < MAX_RULES {
                        self.out.rules.append(&mut path);
                    }
                    path.clear();
                }
                "n" => path.clear(),
                _ => {}
            }
        }
        Ok(())
    }

    /// Adds the segment `a`–`b` (user space) to `path` when it is a
    /// horizontal line on the page.
    fn segment(&self, path: &mut Vec<(f64, f64, f64)>, a: (f64, f64), b: (f64, f64), ctm: M) {
        let p = |(x, y): (f64, f64)| {
            let [ca, cb, cc, cd, ce, cf] = ctm.0;
            (x * ca + y * cc + ce, x * cb + y * cd + cf)
        };
        let (a, b) = (p(a), p(b));
        if (a.1 - b.1).abs() < 0.5 && (a.0 - b.0).abs() > 2.0 && path.len() < MAX_RULES {
            path.push((a.0.min(b.0), a.0.max(b.0), a.1));
        }
    }

    /// The font named `n` in `resources`, read once.
    fn font(&mut self, resources: Option<&'a Dictionary>, n: &[u8]) -> Option<Rc<Font<'a>>> {
        let doc = self.doc;
        let fonts = get(doc, resources?, b"Font").and_then(dict)?;
        let font = get(doc, fonts, n).and_then(dict)?;
        let key = font as *const Dictionary as usize;
        Some(
            self.fonts
                .entry(key)
                .or_insert_with(|| Rc::new(Font::new(doc, font)))
                .clone(),
        )
    }

    /// `Do`: a form's content is walked in place; an image is counted.
    fn draw_object(
        &mut self,
        resources: Option<&'a Dictionary>,
        n: &[u8],
        gs: &GState<'a>,
        depth: usize,
    ) -> Result<(), WalkError> {
        let doc = self.doc;
        let Some(xobjects) = resources
            .and_then(|r| get(doc, r, b"XObject"))
            .and_then(dict)
        else {
            return Ok(());
        };
        let Some(Object::Stream(stream)) = get(doc, xobjects, n) else {
            return Ok(());
        };
        match get(doc, &stream.dict, b"Subtype").and_then(name) {
            Some(b"Image") => self.out.images += 1,
            Some(b"Form") if depth < MAX_FORM_DEPTH => {
                let Ok(content) = stream.get_plain_content_with_limit(MAX_FORM_BYTES) else {
                    return Ok(());
                };
                let matrix = get(doc, &stream.dict, b"Matrix")
                    .and_then(|m| match m {
                        Object::Array(a) => M::from_operands(a),
                        _ => None,
                    })
                    .unwrap_or(IDENTITY);
                let inner = get(doc, &stream.dict, b"Resources")
                    .and_then(dict)
                    .or(resources);
                let mut g = gs.clone();
                g.ctm = matrix.then(gs.ctm);
                self.run(&content, inner, g, depth + 1)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Shows the string `s` with the state `gs`, moving `tm` past it.
    fn show(&mut self, s: Option<&Object>, gs: &GState<'a>, tm: &mut M) {
        let (Some(Object::String(bytes, _)), Some(font)) = (s, gs.font.as_ref()) else {
            return;
        };
        let shown = font.show(bytes);
        self.out.undecoded += shown.undecoded;
        let glyph_space = M([gs.size * gs.scale, 0.0, 0.0, gs.size, 0.0, gs.rise]);
        let start = glyph_space.then(*tm).then(gs.ctm);
        let advance: f64 = shown
            .advances
            .iter()
            .map(|(w, space)| {
                (w * gs.size + gs.char_spacing + if *space { gs.word_spacing } else { 0.0 })
                    * gs.scale
            })
            .sum();
        *tm = M::translate(advance, 0.0).then(*tm);
        if shown.text.trim().is_empty() {
            return;
        }
        let end = glyph_space.then(*tm).then(gs.ctm);
        let [a, b, c, d, x, y] = start.0;
        // Upright text only: rotated text is a watermark or a stamp.
        if a <= 0.0 || b.abs() > 0.2 * a || d <= 0.0 {
            return;
        }
        let [l, bottom, r, top] = self.out.bbox;
        // Text placed off the page is not seen by a reader.
        if x < l - 1.0 || x > r + 1.0 || y < bottom - 1.0 || y > top + 1.0 {
            return;
        }
        self.out.pieces.push(Piece {
            x0: x,
            x1: end.0[4].max(x),
            y,
            size: c.hypot(d),
            text: shown.text,
        });
    }
}

/// A page's inheritable entry (`Resources`, `MediaBox`, `CropBox`): its own
/// or its nearest ancestor's.
pub fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..32 {
        if let Some(o) = get(doc, node, key) {
            return Some(o);
        }
        node = node
            .get(b"Parent")
            .ok()
            .and_then(|p| deref(doc, p))
            .and_then(dict)?;
    }
    None
}

/// A page's visible box (CropBox, else MediaBox, else A4).
pub fn page_box(doc: &Document, page: &Dictionary) -> [f64; 4] {
    for key in [&b"CropBox"[..], b"MediaBox"] {
        if let Some(Object::Array(a)) = inherited(doc, page, key) {
            let v: Vec<f64> = a
                .iter()
                .filter_map(|o| deref(doc, o).and_then(number))
                .collect();
            if let [x0, y0, x1, y1] = v[..] {
                let b = [x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)];
                if b[2] - b[0] > 1.0 && b[3] - b[1] > 1.0 {
                    return b;
                }
            }
        }
    }
    [0.0, 0.0, 595.0, 842.0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_in_pdf_order() {
        let scale = M([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]);
        let shift = M::translate(10.0, 20.0);
        // Scale first, then shift: the origin lands on (10, 20).
        assert_eq!(scale.then(shift).0[4..], [10.0, 20.0]);
        // Shift first, then scale: (20, 40).
        assert_eq!(shift.then(scale).0[4..], [20.0, 40.0]);
    }
}
