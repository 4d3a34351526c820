//! The validated, compiled spec the checker runs: word lists (folded to
//! simplified characters, see [`super::words`]), regexes
//! compiled and size-limited, references between items checked; every
//! error located in the spec's text.

use super::MAX_REGEX_BYTES;
use super::locate::{locate, locate_id, locate_nth_id};
use super::model::*;
use super::spec_regex::{RegexError, SpecRegex};
use super::words::WordList;
use crate::core::text::fold_for_matching;
use std::collections::HashSet;

/// A compiled matcher (words folded to simplified, word lists as
/// [`WordList`]s, regexes compiled).
#[derive(Debug, Clone, Default)]
pub struct CompiledMatcher {
    /// Heading levels in order of preference (empty = all).
    pub levels: Vec<u8>,
    any: Option<WordList>,
    all: Vec<WordList>,
    none: Option<WordList>,
    regex: Vec<SpecRegex>,
    /// Minimum paragraph length.
    pub min_chars: usize,
}

impl CompiledMatcher {
    /// Builds a matcher from folded word lists and compiled regexes.
    pub fn new(
        levels: Vec<u8>,
        any: Vec<String>,
        all: Vec<Vec<String>>,
        none: Vec<String>,
        regex: Vec<SpecRegex>,
        min_chars: usize,
    ) -> Self {
        CompiledMatcher {
            levels,
            any: WordList::new(any),
            all: all.into_iter().filter_map(WordList::new).collect(),
            none: WordList::new(none),
            regex,
            min_chars,
        }
    }

    /// Whether `text` (already folded for matching) matches.
    pub fn is_match(&self, text: &str) -> bool {
        self.find(text).is_some()
    }

    /// Where `text` matches: the byte range of the first `any` word or regex
    /// match (or of the first `all` word when there is no `any`/`regex`).
    pub fn find(&self, text: &str) -> Option<std::ops::Range<usize>> {
        if self.none.as_ref().is_some_and(|w| w.is_match(text)) {
            return None;
        }
        let mut first_all = None;
        for words in &self.all {
            let hit = words.find(text)?;
            if first_all.is_none() {
                first_all = Some(hit);
            }
        }
        if self.any.is_none() && self.regex.is_empty() {
            return first_all.or(Some(0..0));
        }
        let word = self.any.as_ref().and_then(|w| w.find(text));
        let re = self
            .regex
            .iter()
            .filter_map(|r| r.find(text))
            .min_by_key(|r| r.start);
        match (word, re) {
            (Some(a), Some(b)) => Some(if a.start <= b.start { a } else { b }),
            (a, b) => a.or(b),
        }
    }

    /// The `any` words (folded), for hints in messages.
    pub fn any_words(&self) -> &[String] {
        self.any.as_ref().map_or(&[], WordList::words)
    }

    /// Whether a heading of `level` is considered.
    pub fn accepts_level(&self, level: u8) -> bool {
        self.levels.is_empty() || self.levels.contains(&level)
    }
}

/// A validated, compiled spec.
#[derive(Debug, Clone)]
pub struct CompiledSpec {
    /// The spec as written.
    pub spec: Spec,
    /// Per item: compiled `text`, `heading`, `body`, `weak` matchers.
    pub item_matchers: Vec<ItemMatchers>,
    /// Units sorted longest first (for longest-match).
    pub units: Vec<String>,
    /// Per metric: keywords folded.
    pub metric_keywords: Vec<Vec<String>>,
    /// Per metric: the effective scope.
    pub metric_scopes: Vec<Scope>,
    /// Extra placeholder patterns.
    pub placeholder_patterns: Vec<SpecRegex>,
    /// Every metric keyword (folded), found in one pass.
    pub metric_automaton: super::keywords::KeywordScanner,
    /// Pattern index of the automaton → metric index.
    pub metric_of_pattern: Vec<usize>,
    /// Tables, relations, cell metrics.
    pub tables: super::compile_tables::CompiledTables,
    /// Words recognising the report type (folded): title, headings.
    pub recognise: (Vec<String>, Vec<String>),
    /// Tells this compilation from every other in the process (see
    /// [`CompiledSpec::serial`]).
    serial: u64,
}

impl CompiledSpec {
    /// A number no other compilation in this process has (a clone keeps
    /// it): what a [`crate::core::check::CheckMemo`] knows its spec by.
    pub fn serial(&self) -> u64 {
        self.serial
    }

    /// Every metric keyword in `text` (overlapping matches included), as
    /// `(start, end, metric)` with offsets shifted by `base`, in order of end.
    pub fn metric_hits(&self, text: &str, base: usize, out: &mut Vec<(usize, usize, usize)>) {
        self.metric_automaton.scan(text, |start, end, pattern| {
            out.push((base + start, base + end, self.metric_of_pattern[pattern]));
        });
    }
}

/// The compiled matchers of one item.
#[derive(Debug, Clone, Default)]
pub struct ItemMatchers {
    /// For title items.
    pub text: Option<CompiledMatcher>,
    /// Headings.
    pub heading: Option<CompiledMatcher>,
    /// Paragraphs.
    pub body: Option<CompiledMatcher>,
    /// Weak evidence.
    pub weak: Option<CompiledMatcher>,
}

type Located = (usize, usize, String);

/// How a spec's regexes are compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Patterns {
    /// Now, each checked (a user's spec: a bad pattern is an error with
    /// its place).
    Checked,
    /// When first searched with (a built-in spec, checked by its tests).
    Trusted,
}

pub(super) fn compile(spec: Spec, src: &str, patterns: Patterns) -> Result<CompiledSpec, Located> {
    let at = |needle: &str| locate(src, needle, 0);
    if spec.id.trim().is_empty() {
        return Err((at("id:").0, at("id:").1, "`id` must not be empty".into()));
    }
    if spec.version == 0 {
        let (l, c) = at("version:");
        return Err((l, c, "`version` must be 1 or more".into()));
    }
    if spec.items.is_empty() {
        let (l, c) = at("items:");
        return Err((l, c, "`items` must list at least one item".into()));
    }
    let mut ids = HashSet::new();
    for item in &spec.items {
        if !valid_id(&item.id) {
            let (l, c) = locate_id(src, &item.id);
            return Err((
                l,
                c,
                format!("item id `{}` must be letters, digits, `_` or `-`", item.id),
            ));
        }
        if !ids.insert(item.id.as_str()) {
            let (l, c) = locate_nth_id(src, &item.id, 1);
            return Err((l, c, format!("item id `{}` is used twice", item.id)));
        }
    }
    let item_ids: HashSet<&str> = spec.items.iter().map(|i| i.id.as_str()).collect();
    let mut item_matchers = Vec::new();
    for item in &spec.items {
        // Locations are looked up only when there is an error to report.
        let here = |m: String| {
            let (l, c) = locate_id(src, &item.id);
            (l, c, m)
        };
        for r in item.within.iter().chain(&item.outside) {
            if !item_ids.contains(r.as_str()) {
                return Err(here(format!(
                    "item `{}` refers to `{r}`, which is not an item id of this spec",
                    item.id
                )));
            }
        }
        match item.kind {
            ItemKind::Title if item.text.is_none() => {
                return Err(here(format!(
                    "item `{}` of kind `title` needs a `text` matcher",
                    item.id
                )));
            }
            ItemKind::Section if item.heading.is_none() => {
                return Err(here(format!(
                    "item `{}` of kind `section` needs a `heading` matcher",
                    item.id
                )));
            }
            ItemKind::Statement if item.heading.is_none() && item.body.is_none() => {
                return Err(here(format!(
                    "item `{}` of kind `statement` needs a `heading` or `body` matcher",
                    item.id
                )));
            }
            _ => {}
        }
        // Where the item is in the spec's text: looked for only to place
        // an error (a search of the whole text per item cost more than the
        // rest of compiling the built-in spec).
        let offset = || src.find(&format!("id: {}", item.id)).unwrap_or(0);
        let cm = |m: &Option<Matcher>, what: &str| -> Result<Option<CompiledMatcher>, Located> {
            m.as_ref()
                .map(|m| {
                    compile_matcher(
                        m,
                        src,
                        &offset,
                        &format!("item `{}` {what}", item.id),
                        patterns,
                    )
                })
                .transpose()
        };
        item_matchers.push(ItemMatchers {
            text: cm(&item.text, "text")?,
            heading: cm(&item.heading, "heading")?,
            body: cm(&item.body, "body")?,
            weak: cm(&item.weak, "weak")?,
        });
    }
    let mut metric_ids = HashSet::new();
    let mut metric_keywords: Vec<Vec<String>> = Vec::new();
    let mut metric_scopes = Vec::new();
    for m in &spec.metrics {
        let here = |msg: String| {
            let (l, c) = locate_id(src, &m.id);
            (l, c, msg)
        };
        if !valid_id(&m.id) {
            return Err(here(format!(
                "metric id `{}` must be letters, digits, `_` or `-`",
                m.id
            )));
        }
        if !metric_ids.insert(m.id.as_str()) {
            let (l, c) = locate_nth_id(src, &m.id, 1);
            return Err((l, c, format!("metric id `{}` is used twice", m.id)));
        }
        if m.keywords.is_empty() == m.cell.is_none()
            || m.keywords.iter().any(|k| k.trim().is_empty())
        {
            return Err(here(format!(
                "metric `{}` needs non-empty `keywords`, or a table `cell` instead",
                m.id
            )));
        }
        let scope = m.scope.clone().unwrap_or_else(|| spec.metric_scope.clone());
        for r in scope.within.iter().chain(&scope.outside) {
            if !item_ids.contains(r.as_str()) {
                return Err(here(format!(
                    "metric `{}` scope refers to `{r}`, which is not an item id",
                    m.id
                )));
            }
        }
        metric_keywords.push(m.keywords.iter().map(|k| fold(k)).collect());
        metric_scopes.push(scope);
    }
    for r in spec
        .metric_scope
        .within
        .iter()
        .chain(&spec.metric_scope.outside)
    {
        if !item_ids.contains(r.as_str()) {
            let (l, c) = at("metric_scope:");
            return Err((
                l,
                c,
                format!("`metric_scope` refers to `{r}`, which is not an item id"),
            ));
        }
    }
    if let Some(r) = &spec.lints.year_consistency.item
        && !item_ids.contains(r.as_str())
    {
        let (l, c) = at("year-consistency:");
        return Err((
            l,
            c,
            format!("`year-consistency.item` refers to `{r}`, which is not an item id"),
        ));
    }
    let mut units: Vec<String> = spec.units.iter().map(|u| u.trim().to_owned()).collect();
    if units.iter().any(String::is_empty) {
        let (l, c) = at("units:");
        return Err((l, c, "`units` must not contain empty strings".into()));
    }
    if units.is_empty() {
        units = DEFAULT_UNITS.iter().map(|s| s.to_string()).collect();
    }
    units.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    units.dedup();
    let mut placeholder_patterns = Vec::new();
    for p in &spec.lints.placeholder.patterns {
        placeholder_patterns.push(compile_regex(
            p,
            src,
            &|| 0,
            "lints.placeholder.patterns",
            patterns,
        )?);
    }
    let mut patterns = Vec::new();
    let mut metric_of_pattern = Vec::new();
    for (mi, kws) in metric_keywords.iter().enumerate() {
        for k in kws {
            patterns.push(k.clone());
            metric_of_pattern.push(mi);
        }
    }
    let metric_automaton = super::keywords::KeywordScanner::new(patterns);
    let tables = super::compile_tables::compile_tables(&spec, src)?;
    for (it, t) in spec.items.iter().zip(&tables.item_tables) {
        if t.is_some() && it.kind != ItemKind::Section {
            let (l, c) = locate_id(src, &it.id);
            return Err((
                l,
                c,
                format!("item `{}`: only a `section` can be a table part", it.id),
            ));
        }
    }
    if let Some(r) = &spec.lints.not_expanded.item
        && !item_ids.contains(r.as_str())
    {
        let (l, c) = at("not-expanded:");
        return Err((
            l,
            c,
            format!("`not-expanded.item` refers to `{r}`, which is not an item id"),
        ));
    }
    let recognise = (
        spec.recognise.title.iter().map(|w| fold(w)).collect(),
        spec.recognise.headings.iter().map(|w| fold(w)).collect(),
    );
    Ok(CompiledSpec {
        tables,
        recognise,
        spec,
        item_matchers,
        units,
        metric_keywords,
        metric_scopes,
        placeholder_patterns,
        metric_automaton,
        metric_of_pattern,
        serial: {
            static SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
            SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        },
    })
}

/// Units used when a spec lists none.
pub const DEFAULT_UNITS: &[&str] = &[
    "件", "宗", "起", "份", "个", "项", "次", "场", "场次", "批", "批次", "人", "名", "人次", "户",
    "家", "万元", "亿元", "元", "%", "篇", "条", "期", "所",
];

fn fold(s: &str) -> String {
    fold_for_matching(s.trim()).into_owned()
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn compile_matcher(
    m: &Matcher,
    src: &str,
    offset: &dyn Fn() -> usize,
    what: &str,
    patterns: Patterns,
) -> Result<CompiledMatcher, Located> {
    let err = |m: String| -> Located {
        let (l, c) = locate(src, "", offset());
        (l, c, m)
    };
    if m.any.is_empty() && m.all.is_empty() && m.regex.is_empty() {
        return Err(err(format!(
            "{what}: a matcher needs `any`, `all` or `regex`"
        )));
    }
    if let Some(bad) = m.levels.iter().find(|&&v| !(1..=4).contains(&v)) {
        return Err(err(format!(
            "{what}: heading level {bad} is not between 1 and 4"
        )));
    }
    let words = |v: &Vec<String>| -> Result<Vec<String>, Located> {
        if v.iter().any(|w| w.trim().is_empty()) {
            return Err(err(format!(
                "{what}: keyword lists must not contain empty strings"
            )));
        }
        Ok(v.iter().map(|w| fold(w)).collect())
    };
    let mut all = Vec::new();
    for g in &m.all {
        if g.is_empty() {
            return Err(err(format!("{what}: an `all` group must not be empty")));
        }
        all.push(words(g)?);
    }
    let mut regex = Vec::new();
    for r in &m.regex {
        regex.push(compile_regex(r, src, offset, what, patterns)?);
    }
    Ok(CompiledMatcher::new(
        m.levels.clone(),
        words(&m.any)?,
        all,
        words(&m.none)?,
        regex,
        m.min_chars,
    ))
}

fn compile_regex(
    p: &str,
    src: &str,
    offset: &dyn Fn() -> usize,
    what: &str,
    patterns: Patterns,
) -> Result<SpecRegex, Located> {
    if patterns == Patterns::Trusted {
        return Ok(SpecRegex::trusted(p));
    }
    let re = build_regex(p, src, offset, what)?;
    // A pattern that can match nothing at all matches every draft: an item
    // would be met by any text, a lint fire at every position.
    let sample = "甲乙 ab 12。\n丙";
    if re.is_match("") || re.find_all(sample).iter().any(|m| m.is_empty()) {
        let (l, c) = locate(src, p, offset());
        return Err((
            l,
            c,
            format!(
                "{what}: the regex `{p}` can match empty text, so it would match any draft; make it match at least one character"
            ),
        ));
    }
    Ok(re)
}

fn build_regex(
    p: &str,
    src: &str,
    offset: &dyn Fn() -> usize,
    what: &str,
) -> Result<SpecRegex, Located> {
    SpecRegex::new(p).map_err(|e| {
        let (l, c) = locate(src, p, offset());
        let detail = match e {
            RegexError::TooBig => format!("compiles to more than {MAX_REGEX_BYTES} bytes"),
            RegexError::Syntax(why) => why,
        };
        (l, c, format!("{what}: invalid regex `{p}`: {detail}"))
    })
}
