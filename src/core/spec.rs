//! The checklist spec: what a report of some type must contain, as data.
//!
//! A spec is YAML (see `specs/fazhi-annual.yaml` and the README). This module
//! holds its serde model, the guards run before parsing (size, aliases,
//! nesting, duplicate keys: serde_yaml gives no location for the last two),
//! and [`CompiledSpec`], the validated form the checker runs.

use super::text::fold_for_matching;
use aho_corasick::AhoCorasick;
use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// The embedded default spec (`fazhi-annual`).
pub const DEFAULT_SPEC_YAML: &str = include_str!("../../specs/fazhi-annual.yaml");

/// The largest spec file accepted, checked before parsing.
pub const MAX_SPEC_BYTES: usize = 1024 * 1024;
/// The deepest nesting of flow collections or sequence dashes accepted.
pub const MAX_NESTING: usize = 32;
/// The size limit of each compiled regex.
pub const MAX_REGEX_BYTES: usize = 1 << 20;

/// How much an unmet item or a lint matters.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational.
    Info,
    /// Worth fixing.
    #[default]
    Warning,
    /// Must be fixed.
    Error,
}

impl Severity {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The kinds of checklist item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// The title line: matched with `text`, optionally requiring a year.
    Title,
    /// A required section, matched by meaning against headings.
    Section,
    /// Evidence in the body (headings or paragraphs), optionally scoped.
    Statement,
}

/// Keyword and pattern matching against a heading, a title or a paragraph.
///
/// A text matches when it contains none of `none`, at least one word of
/// every group in `all`, and (when `any` or `regex` is given) at least one
/// word of `any` or a match of one `regex`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Matcher {
    /// Heading levels (1–4) to consider, in order of preference; empty = all.
    #[serde(default)]
    pub levels: Vec<u8>,
    /// Any one of these words.
    #[serde(default)]
    pub any: Vec<String>,
    /// One word from each group.
    #[serde(default)]
    pub all: Vec<Vec<String>>,
    /// None of these words.
    #[serde(default)]
    pub none: Vec<String>,
    /// Regular expressions (Rust `regex` syntax), any one of which matches.
    #[serde(default)]
    pub regex: Vec<String>,
    /// A paragraph must have at least this many characters to count.
    #[serde(default)]
    pub min_chars: usize,
}

/// One checklist item.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Stable id (scripts and sign-offs refer to it).
    pub id: String,
    /// Display title (in the spec's language).
    pub title: String,
    /// English display title.
    #[serde(default)]
    pub title_en: Option<String>,
    /// What the item asks for, for the help pane.
    #[serde(default)]
    pub description: Option<String>,
    /// The item's kind.
    pub kind: ItemKind,
    /// Whether a report must meet it (`check` exits 1 otherwise).
    #[serde(default = "yes")]
    pub required: bool,
    /// How much an unmet item matters.
    #[serde(default = "error")]
    pub severity: Severity,
    /// For `title`: what the title line must say.
    #[serde(default)]
    pub text: Option<Matcher>,
    /// For `title`: the title must name a year.
    #[serde(default)]
    pub year: bool,
    /// Headings that meet the item.
    #[serde(default)]
    pub heading: Option<Matcher>,
    /// Paragraphs that meet the item (for a section: partial evidence only).
    #[serde(default)]
    pub body: Option<Matcher>,
    /// Weaker evidence that makes the item partial (e.g. 原因 only in a heading).
    #[serde(default)]
    pub weak: Option<Matcher>,
    /// Look only inside the sections of these items.
    #[serde(default)]
    pub within: Vec<String>,
    /// Evidence inside the sections of these items does not count (partial).
    #[serde(default)]
    pub outside: Vec<String>,
    /// A matched section shorter than this (in characters) is `thin`.
    #[serde(default)]
    pub min_chars: Option<usize>,
}

impl Item {
    /// The title in `lang` (the English one when the spec gives it).
    pub fn display_title(&self, lang: super::lang::Lang) -> &str {
        match lang {
            super::lang::Lang::En => self.title_en.as_deref().unwrap_or(&self.title),
            super::lang::Lang::Zh => &self.title,
        }
    }
}

impl Metric {
    /// The label in `lang` (the English one when the spec gives it).
    pub fn display_label(&self, lang: super::lang::Lang) -> &str {
        match lang {
            super::lang::Lang::En => self.label_en.as_deref().unwrap_or(&self.label),
            super::lang::Lang::Zh => &self.label,
        }
    }
}

fn yes() -> bool {
    true
}
fn error() -> Severity {
    Severity::Error
}
fn warning() -> Severity {
    Severity::Warning
}

/// Where metrics look for figures.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// Only inside the sections of these items (empty = everywhere).
    #[serde(default)]
    pub within: Vec<String>,
    /// Not inside the sections of these items.
    #[serde(default)]
    pub outside: Vec<String>,
}

/// A metric: a figure reviewers expect (met with a figure, partial when only
/// mentioned).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    /// Stable id.
    pub id: String,
    /// Display label.
    pub label: String,
    /// English label.
    #[serde(default)]
    pub label_en: Option<String>,
    /// Words that name the metric in a clause.
    pub keywords: Vec<String>,
    /// Accepted units (empty = any unit of the spec's `units`).
    #[serde(default)]
    pub units: Vec<String>,
    /// How much a missing metric matters.
    #[serde(default = "warning")]
    pub severity: Severity,
    /// Overrides the spec's `metric_scope`.
    #[serde(default)]
    pub scope: Option<Scope>,
}

/// Settings of one lint rule. Rules read the options that apply to them:
/// `min_chars` (duplicate-paragraph), `patterns` (placeholder: extra regexes),
/// `item` (year-consistency: the plans item).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LintSettings {
    /// Whether the rule runs.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Severity of its findings.
    #[serde(default = "warning")]
    pub severity: Severity,
    /// A length threshold in characters.
    #[serde(default)]
    pub min_chars: Option<usize>,
    /// Extra regular expressions.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// An item id the rule refers to.
    #[serde(default)]
    pub item: Option<String>,
}

impl Default for LintSettings {
    fn default() -> Self {
        LintSettings {
            enabled: true,
            severity: Severity::Warning,
            min_chars: None,
            patterns: Vec::new(),
            item: None,
        }
    }
}

/// The lint rules and their settings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lints {
    /// Gaps, repeats, disorder in heading numbers.
    #[serde(default)]
    pub numbering: LintSettings,
    /// Placeholders left in the text.
    #[serde(default)]
    pub placeholder: LintSettings,
    /// Web page furniture.
    #[serde(default, rename = "web-residue")]
    pub web_residue: LintSettings,
    /// Years contradicting the report year.
    #[serde(default, rename = "year-consistency")]
    pub year_consistency: LintSettings,
    /// Headings without body.
    #[serde(default, rename = "empty-section")]
    pub empty_section: LintSettings,
    /// Required sections that are too short.
    #[serde(default, rename = "thin-section")]
    pub thin_section: LintSettings,
    /// The same paragraph twice.
    #[serde(default, rename = "duplicate-paragraph")]
    pub duplicate_paragraph: LintSettings,
    /// Rates over 100%.
    #[serde(default, rename = "percent-range")]
    pub percent_range: LintSettings,
}

/// The names of the lint rules, as written in specs and output.
pub const LINT_RULES: &[&str] = &[
    "numbering",
    "placeholder",
    "web-residue",
    "year-consistency",
    "empty-section",
    "thin-section",
    "duplicate-paragraph",
    "percent-range",
];

/// A checklist spec as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Stable id, e.g. `fazhi-annual`.
    pub id: String,
    /// Version of the spec.
    pub version: u32,
    /// Human name.
    #[serde(default)]
    pub name: Option<String>,
    /// What the spec is for.
    #[serde(default)]
    pub description: Option<String>,
    /// Counting units a figure may carry (件, 宗, 万元, % …).
    #[serde(default)]
    pub units: Vec<String>,
    /// The items.
    pub items: Vec<Item>,
    /// The metrics.
    #[serde(default)]
    pub metrics: Vec<Metric>,
    /// Default scope of metrics.
    #[serde(default)]
    pub metric_scope: Scope,
    /// Lint settings.
    #[serde(default)]
    pub lints: Lints,
}

/// A spec error: where, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}{loc}: {message}", loc = self.location_suffix())]
pub struct SpecError {
    /// The file (or `<default>`).
    pub origin: String,
    /// 1-based line, 0 when not known.
    pub line: usize,
    /// 1-based column, 0 when not known.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl SpecError {
    fn location_suffix(&self) -> String {
        if self.line == 0 {
            String::new()
        } else {
            format!(":{}:{}", self.line, self.column)
        }
    }
}

/// A compiled matcher (words folded to simplified, word lists as
/// Aho-Corasick automata, regexes compiled).
#[derive(Debug, Clone, Default)]
pub struct CompiledMatcher {
    /// Heading levels in order of preference (empty = all).
    pub levels: Vec<u8>,
    any: Vec<String>,
    any_ac: Option<AhoCorasick>,
    all_ac: Vec<AhoCorasick>,
    none_ac: Option<AhoCorasick>,
    regex: Vec<Regex>,
    /// Minimum paragraph length.
    pub min_chars: usize,
}

fn automaton(words: &[String]) -> Option<AhoCorasick> {
    if words.is_empty() {
        return None;
    }
    // A contiguous NFA: quick to build (a spec has dozens of matchers, built
    // at every start) and quick enough on headings and paragraphs.
    AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
        .build(words)
        .ok()
}

impl CompiledMatcher {
    /// Builds a matcher from folded word lists and compiled regexes.
    pub fn new(
        levels: Vec<u8>,
        any: Vec<String>,
        all: Vec<Vec<String>>,
        none: Vec<String>,
        regex: Vec<Regex>,
        min_chars: usize,
    ) -> Self {
        CompiledMatcher {
            levels,
            any_ac: automaton(&any),
            all_ac: all.iter().filter_map(|g| automaton(g)).collect(),
            none_ac: automaton(&none),
            any,
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
        if self.none_ac.as_ref().is_some_and(|ac| ac.is_match(text)) {
            return None;
        }
        let mut first_all = None;
        for ac in &self.all_ac {
            let hit = ac.find(text)?;
            if first_all.is_none() {
                first_all = Some(hit.range());
            }
        }
        if self.any_ac.is_none() && self.regex.is_empty() {
            return first_all.or(Some(0..0));
        }
        let word = self
            .any_ac
            .as_ref()
            .and_then(|ac| ac.find(text))
            .map(|m| m.range());
        let re = self
            .regex
            .iter()
            .filter_map(|r| r.find(text).map(|m| m.range()))
            .min_by_key(|r| r.start);
        match (word, re) {
            (Some(a), Some(b)) => Some(if a.start <= b.start { a } else { b }),
            (a, b) => a.or(b),
        }
    }

    /// The `any` words (folded), for hints in messages.
    pub fn any_words(&self) -> &[String] {
        &self.any
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
    pub placeholder_patterns: Vec<Regex>,
    /// One DFA over every metric keyword (folded).
    pub metric_automaton: aho_corasick::dfa::DFA,
    /// Pattern index of the automaton → metric index.
    pub metric_of_pattern: Vec<usize>,
}

impl CompiledSpec {
    /// Every metric keyword in `text` (overlapping matches included), as
    /// `(start, end, metric)` with offsets shifted by `base`, in order of end.
    pub fn metric_hits(&self, text: &str, base: usize, out: &mut Vec<(usize, usize, usize)>) {
        use aho_corasick::Anchored;
        use aho_corasick::automaton::Automaton;
        let dfa = &self.metric_automaton;
        let Ok(mut sid) = dfa.start_state(Anchored::No) else {
            return;
        };
        for (i, &b) in text.as_bytes().iter().enumerate() {
            sid = dfa.next_state(Anchored::No, sid, b);
            if dfa.is_match(sid) {
                for k in 0..dfa.match_len(sid) {
                    let pid = dfa.match_pattern(sid, k);
                    let len = dfa.pattern_len(pid);
                    let end = i + 1;
                    out.push((
                        base + end - len,
                        base + end,
                        self.metric_of_pattern[pid.as_usize()],
                    ));
                }
            }
        }
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

impl CompiledSpec {
    /// The embedded default spec.
    pub fn default_spec() -> CompiledSpec {
        // The embedded spec is tested; failing here is a build defect.
        CompiledSpec::from_yaml(DEFAULT_SPEC_YAML, "<default spec>")
            .unwrap_or_else(|e| panic!("the embedded default spec is invalid: {e}"))
    }

    /// Parses and validates a spec. `origin` names the file in errors.
    pub fn from_yaml(src: &str, origin: &str) -> Result<CompiledSpec, SpecError> {
        let err = |line: usize, column: usize, message: String| SpecError {
            origin: origin.to_owned(),
            line,
            column,
            message,
        };
        if src.len() > MAX_SPEC_BYTES {
            return Err(err(
                0,
                0,
                format!(
                    "the spec is {} bytes; a spec may be at most {} bytes",
                    src.len(),
                    MAX_SPEC_BYTES
                ),
            ));
        }
        prescan(src).map_err(|(l, c, m)| err(l, c, m))?;
        let spec: Spec = serde_yaml::from_str(src).map_err(|e| {
            let (line, column) = e
                .location()
                .map(|l| (l.line(), l.column()))
                .or_else(|| locate_from_message(src, &e.to_string()))
                .unwrap_or((0, 0));
            err(line, column, clean_serde_message(&e.to_string()))
        })?;
        compile(spec, src).map_err(|(l, c, m)| err(l, c, m))
    }

    /// Index of the item with `id`.
    pub fn item_index(&self, id: &str) -> Option<usize> {
        self.spec.items.iter().position(|i| i.id == id)
    }
}

type Located = (usize, usize, String);

fn compile(spec: Spec, src: &str) -> Result<CompiledSpec, Located> {
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
        let offset = src.find(&format!("id: {}", item.id)).unwrap_or(0);
        let cm = |m: &Option<Matcher>, what: &str| -> Result<Option<CompiledMatcher>, Located> {
            m.as_ref()
                .map(|m| compile_matcher(m, src, offset, &format!("item `{}` {what}", item.id)))
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
        if m.keywords.is_empty() || m.keywords.iter().any(|k| k.trim().is_empty()) {
            return Err(here(format!(
                "metric `{}` needs non-empty `keywords`",
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
        placeholder_patterns.push(compile_regex(p, src, 0, "lints.placeholder.patterns")?);
    }
    let mut patterns = Vec::new();
    let mut metric_of_pattern = Vec::new();
    for (mi, kws) in metric_keywords.iter().enumerate() {
        for k in kws {
            patterns.push(k.clone());
            metric_of_pattern.push(mi);
        }
    }
    // A plain DFA over every keyword, scanned byte by byte by the checker
    // (overlapping matches, no per-match iterator overhead).
    let metric_automaton = aho_corasick::dfa::Builder::new()
        .match_kind(aho_corasick::MatchKind::Standard)
        .build(&patterns)
        .map_err(|e| {
            let (l, c) = at("metrics:");
            (l, c, format!("metric keywords cannot be compiled: {e}"))
        })?;
    Ok(CompiledSpec {
        spec,
        item_matchers,
        units,
        metric_keywords,
        metric_scopes,
        placeholder_patterns,
        metric_automaton,
        metric_of_pattern,
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
    offset: usize,
    what: &str,
) -> Result<CompiledMatcher, Located> {
    let err = |m: String| -> Located {
        let (l, c) = locate(src, "", offset);
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
        regex.push(compile_regex(r, src, offset, what)?);
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

fn compile_regex(p: &str, src: &str, offset: usize, what: &str) -> Result<Regex, Located> {
    RegexBuilder::new(p)
        .size_limit(MAX_REGEX_BYTES)
        .dfa_size_limit(MAX_REGEX_BYTES)
        .nest_limit(64)
        .build()
        .map_err(|e| {
            let (l, c) = locate(src, p, offset);
            let detail = match e {
                regex::Error::CompiledTooBig(_) => {
                    format!("compiles to more than {MAX_REGEX_BYTES} bytes")
                }
                other => other
                    .to_string()
                    .lines()
                    .last()
                    .unwrap_or("")
                    .trim()
                    .to_owned(),
            };
            (l, c, format!("{what}: invalid regex `{p}`: {detail}"))
        })
}

/// 1-based (line, column) of the first `needle` at or after byte `from`; the
/// position of `from` itself when not found.
fn locate(src: &str, needle: &str, from: usize) -> (usize, usize) {
    let from = from.min(src.len());
    let at = if needle.is_empty() {
        from
    } else {
        src[from..].find(needle).map(|i| i + from).unwrap_or(from)
    };
    super::text::line_column(src, at)
}

fn locate_id(src: &str, id: &str) -> (usize, usize) {
    locate_nth_id(src, id, 0)
}

fn locate_nth_id(src: &str, id: &str, n: usize) -> (usize, usize) {
    let pats = [
        format!("id: {id}"),
        format!("id: \"{id}\""),
        format!("id: '{id}'"),
    ];
    let mut hits: Vec<usize> = pats
        .iter()
        .flat_map(|p| {
            src.match_indices(p.as_str())
                .filter(|(i, _)| {
                    let end = i + p.len();
                    !src[end..].starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '-')
                })
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        })
        .collect();
    hits.sort_unstable();
    match hits.get(n).or(hits.first()) {
        Some(&i) => locate(src, "", i),
        None => (0, 0),
    }
}

fn clean_serde_message(m: &str) -> String {
    // serde_yaml appends " at line L column C"; the location is printed already.
    match m.find(" at line ") {
        Some(i) => m[..i].to_owned(),
        None => m.to_owned(),
    }
}

/// serde_yaml gives no location for some errors (duplicate fields): find the
/// second occurrence of the key it names.
fn locate_from_message(src: &str, m: &str) -> Option<(usize, usize)> {
    let start = m.find('`')? + 1;
    let end = start + m[start..].find('`')?;
    let key = &m[start..end];
    let pat = format!("{key}:");
    let hits: Vec<usize> = src.match_indices(&pat).map(|(i, _)| i).collect();
    hits.get(1).or(hits.first()).map(|&i| locate(src, "", i))
}

/// Guards run before serde_yaml sees the text: aliases (which can explode
/// into billions of nodes), deep nesting (slow and memory-hungry to reject),
/// and duplicate keys in block mappings (which serde_yaml reports without a
/// location).
fn prescan(src: &str) -> Result<(), Located> {
    // Stack of (indent, keys seen) for block mappings.
    let mut maps: Vec<(usize, HashMap<String, usize>)> = Vec::new();
    let mut block_scalar_indent: Option<usize> = None;
    for (ln, line) in src.lines().enumerate() {
        let line_no = ln + 1;
        let indent = line.len() - line.trim_start_matches(' ').len();
        let body = &line[indent..];
        if let Some(bi) = block_scalar_indent {
            if body.is_empty() || indent > bi {
                continue;
            }
            block_scalar_indent = None;
        }
        if body.is_empty()
            || body.starts_with('#')
            || body.starts_with("---")
            || body.starts_with("...")
        {
            continue;
        }
        if indent > 256 {
            return Err((line_no, indent + 1, "the spec is nested too deeply".into()));
        }
        // Flow nesting, aliases (outside quotes and comments).
        let mut depth = 0usize;
        let mut quote: Option<char> = None;
        let mut prev = ' ';
        for (ci, ch) in body.chars().enumerate() {
            match quote {
                Some(q) => {
                    if ch == q {
                        quote = None;
                    }
                }
                None => match ch {
                    '"' | '\'' if matches!(prev, ' ' | '[' | '{' | ',' | ':' | '-') => {
                        quote = Some(ch)
                    }
                    '#' if prev == ' ' => break,
                    '[' | '{' => {
                        depth += 1;
                        if depth > MAX_NESTING {
                            return Err((
                                line_no,
                                indent + ci + 1,
                                format!(
                                    "the spec nests lists or maps more than {MAX_NESTING} deep"
                                ),
                            ));
                        }
                    }
                    ']' | '}' => depth = depth.saturating_sub(1),
                    '*' if matches!(prev, ' ' | '[' | '{' | ',') => {
                        // `*name` at a value position is an alias.
                        let rest: String = body
                            .chars()
                            .skip(ci + 1)
                            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
                            .collect();
                        let at_value = body
                            [..body.char_indices().nth(ci).map(|(i, _)| i).unwrap_or(0)]
                            .trim_end()
                            .ends_with([':', '-', '[', '{', ',']);
                        if !rest.is_empty() && at_value {
                            return Err((
                                line_no,
                                indent + ci + 1,
                                format!(
                                    "YAML aliases (`*{rest}`) are not allowed in a spec; write the value out"
                                ),
                            ));
                        }
                    }
                    _ => {}
                },
            }
            prev = ch;
        }
        // Sequence dashes start new mappings.
        let mut key_indent = indent;
        let mut rest = body;
        let mut dashes = 0;
        while let Some(r) = rest
            .strip_prefix("- ")
            .or_else(|| (rest == "-").then_some(""))
        {
            dashes += 1;
            if dashes > MAX_NESTING {
                return Err((
                    line_no,
                    indent + 1,
                    format!("the spec nests lists more than {MAX_NESTING} deep"),
                ));
            }
            let trimmed = r.trim_start_matches(' ');
            key_indent += rest.len() - trimmed.len();
            rest = trimmed;
            // A new sequence item: forget mappings at or below this indent.
            while maps.last().is_some_and(|(i, _)| *i >= key_indent) {
                maps.pop();
            }
        }
        if let Some(key) = mapping_key(rest) {
            while maps.last().is_some_and(|(i, _)| *i > key_indent) {
                maps.pop();
            }
            if maps.last().is_none_or(|(i, _)| *i < key_indent) {
                maps.push((key_indent, HashMap::new()));
            }
            if let Some((_, keys)) = maps.last_mut() {
                if let Some(first) = keys.get(&key) {
                    return Err((
                        line_no,
                        key_indent + 1,
                        format!("duplicate key `{key}` (first at line {first})"),
                    ));
                }
                keys.insert(key, line_no);
            }
            let value = rest[rest.find(':').map(|i| i + 1).unwrap_or(rest.len())..].trim();
            if value.starts_with('|') || value.starts_with('>') {
                block_scalar_indent = Some(key_indent);
            }
        }
    }
    Ok(())
}

/// The key of a `key: value` line, if it is one (plain or quoted keys).
fn mapping_key(s: &str) -> Option<String> {
    if s.starts_with('[') || s.starts_with('{') || s.starts_with('#') {
        return None;
    }
    if let Some(q) = s.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let end = s[1..].find(q)? + 1;
        let after = &s[end + 1..];
        return (after.starts_with(':') && (after.len() == 1 || after[1..].starts_with(' ')))
            .then(|| s[1..end].to_owned());
    }
    let colon = s
        .find(": ")
        .or_else(|| s.ends_with(':').then(|| s.len() - 1))?;
    let key = &s[..colon];
    if key.contains(" #") || key.starts_with('"') || key.starts_with('\'') {
        return None;
    }
    Some(key.trim_end().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Result<CompiledSpec, SpecError> {
        CompiledSpec::from_yaml(src, "t.yaml")
    }

    const MINIMAL: &str = "id: t\nversion: 1\nitems:\n  - id: a\n    title: A\n    kind: section\n    heading: {any: [甲]}\n";

    #[test]
    fn default_spec_compiles() {
        let s = CompiledSpec::default_spec();
        assert_eq!(s.spec.id, "fazhi-annual");
        for id in [
            "title",
            "measures",
            "shortcomings",
            "causes",
            "leader_duty",
            "next_year",
            "other",
        ] {
            assert!(s.item_index(id).is_some(), "{id}");
        }
        assert_eq!(s.spec.metrics.len(), 16);
    }

    #[test]
    fn minimal_spec_compiles() {
        let s = parse(MINIMAL).unwrap();
        assert!(
            s.item_matchers[0]
                .heading
                .as_ref()
                .unwrap()
                .is_match("甲乙")
        );
        assert!(!s.units.is_empty());
    }

    #[test]
    fn unknown_field_has_location() {
        let src = MINIMAL.replace(
            "    kind: section\n",
            "    kind: section\n    kyewords: [x]\n",
        );
        let e = parse(&src).unwrap_err();
        assert_eq!((e.line, e.origin.as_str()), (7, "t.yaml"));
        assert!(
            e.message.contains("unknown field `kyewords`"),
            "{}",
            e.message
        );
        assert!(e.to_string().starts_with("t.yaml:7:"), "{e}");
    }

    #[test]
    fn bad_kind_has_location() {
        let e = parse(&MINIMAL.replace("kind: section", "kind: chapter")).unwrap_err();
        assert_eq!(e.line, 6);
        assert!(e.message.contains("chapter"));
    }

    #[test]
    fn malformed_yaml_has_location() {
        let e = parse("id: t\nversion: 1\nitems: [\n  - id: a\n").unwrap_err();
        assert!(e.line > 0, "{e}");
    }

    #[test]
    fn duplicate_key_located() {
        let src = MINIMAL.replace("    kind: section\n", "    kind: section\n    title: B\n");
        let e = parse(&src).unwrap_err();
        assert_eq!((e.line, e.column), (7, 5), "{e}");
        assert!(e.message.contains("duplicate key `title`"));
        // The same key in sibling list items is fine.
        let two = format!(
            "{MINIMAL}  - id: b\n    title: B\n    kind: section\n    heading: {{any: [乙]}}\n"
        );
        assert!(parse(&two).is_ok());
    }

    #[test]
    fn duplicate_item_id_located() {
        let two = format!(
            "{MINIMAL}  - id: a\n    title: B\n    kind: section\n    heading: {{any: [乙]}}\n"
        );
        let e = parse(&two).unwrap_err();
        assert_eq!(e.line, 8, "{e}");
    }

    #[test]
    fn aliases_refused() {
        let src = "id: t\nversion: 1\nwords: &w [a]\nitems:\n  - id: a\n    title: A\n    kind: section\n    heading: {any: *w}\n";
        let e = parse(src).unwrap_err();
        assert!(e.message.contains("aliases"), "{e}");
        assert_eq!(e.line, 8);
        // A quoted "*次" is a string, not an alias.
        let ok = MINIMAL.replace("[甲]", "[\"*次\", 甲]");
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn nesting_bomb_refused_quickly() {
        let src = format!(
            "id: t\nversion: 1\nitems: {}{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let t = std::time::Instant::now();
        let e = parse(&src).unwrap_err();
        assert!(e.message.contains("deep"), "{e}");
        assert!(t.elapsed().as_secs() < 2);
    }

    #[test]
    fn oversized_refused() {
        let src = format!("{MINIMAL}#{}\n", "x".repeat(MAX_SPEC_BYTES));
        assert!(parse(&src).unwrap_err().message.contains("at most"));
    }

    #[test]
    fn bad_regex_located() {
        let src = MINIMAL.replace("{any: [甲]}", "{regex: ['(unclosed']}");
        let e = parse(&src).unwrap_err();
        assert_eq!(e.line, 7);
        assert!(e.message.contains("invalid regex"), "{e}");
        let big = MINIMAL.replace("{any: [甲]}", "{regex: ['\\w{1000}\\w{1000}\\w{1000}']}");
        let e = parse(&big).unwrap_err();
        assert!(e.message.contains("more than"), "{e}");
    }

    #[test]
    fn unknown_reference_refused() {
        let src = MINIMAL.replace(
            "    kind: section\n",
            "    kind: section\n    within: [nope]\n",
        );
        let e = parse(&src).unwrap_err();
        assert!(e.message.contains("`nope`"), "{e}");
        assert_eq!(e.line, 4);
    }

    #[test]
    fn kind_needs_its_matcher() {
        let src = MINIMAL.replace("kind: section", "kind: title");
        assert!(parse(&src).unwrap_err().message.contains("`text`"));
    }

    #[test]
    fn matcher_semantics() {
        let m = CompiledMatcher::new(
            Vec::new(),
            vec!["不足".into()],
            vec![vec!["存在".into(), "有".into()]],
            vec!["下一步".into()],
            Vec::new(),
            0,
        );
        assert!(m.is_match("存在的不足"));
        assert!(!m.is_match("不足"));
        assert!(!m.is_match("存在的不足和下一步"));
        assert_eq!(
            m.find("一、存在的不足"),
            Some("一、存在的".len().."一、存在的不足".len())
        );
    }
}
