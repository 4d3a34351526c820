//! The spec as written: its serde model (items, matchers, metrics, scopes,
//! lint settings), with the defaults a spec may leave out.

use serde::Deserialize;

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
    /// The severity in words, for people (JSON keeps [`Severity::as_str`]).
    pub fn name(self, lang: crate::core::lang::Lang) -> &'static str {
        match self {
            Severity::Info => lang.pick("提示", "info"),
            Severity::Warning => lang.pick("警告", "warning"),
            Severity::Error => lang.pick("错误", "error"),
        }
    }

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
    /// For a section: the part is this table (a table's id). A part found
    /// without its table says so (a web copy often loses it) instead of
    /// being called empty.
    #[serde(default)]
    pub table: Option<String>,
}

impl Item {
    /// The title in `lang` (the English one when the spec gives it).
    pub fn display_title(&self, lang: crate::core::lang::Lang) -> &str {
        match lang {
            crate::core::lang::Lang::En => self.title_en.as_deref().unwrap_or(&self.title),
            crate::core::lang::Lang::Zh => &self.title,
        }
    }
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
    #[serde(default)]
    pub keywords: Vec<String>,
    /// A metric read from one cell of a table (instead of keywords).
    #[serde(default)]
    pub cell: Option<super::table_model::CellRef>,
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

impl Metric {
    /// The label in `lang` (the English one when the spec gives it).
    pub fn display_label(&self, lang: crate::core::lang::Lang) -> &str {
        match lang {
            crate::core::lang::Lang::En => self.label_en.as_deref().unwrap_or(&self.label),
            crate::core::lang::Lang::Zh => &self.label,
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
    /// A total whose enumerated parts do not add up to it.
    #[serde(default, rename = "parts-sum")]
    pub parts_sum: LintSettings,
    /// A rate that does not follow from the counts stated with it.
    #[serde(default)]
    pub rate: LintSettings,
    /// The same quantity stated twice with different values.
    #[serde(default, rename = "figure-consistency")]
    pub figure_consistency: LintSettings,
    /// A table's figures that break one of the spec's relations.
    #[serde(default)]
    pub relation: LintSettings,
    /// A problems-and-improvements part that lists problems but no
    /// measures (the item named by `item`).
    #[serde(default, rename = "not-expanded")]
    pub not_expanded: LintSettings,
    /// Half-width punctuation, straight quotes, spaces beside figures and
    /// full-width digits in Chinese text (公文 style).
    #[serde(default)]
    pub punctuation: LintSettings,
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
    "parts-sum",
    "rate",
    "figure-consistency",
    "relation",
    "not-expanded",
    "punctuation",
];

/// A lint rule's name for people (its id stays in JSON, specs and
/// `--format quickfix`).
pub fn lint_rule_name(rule: &str, lang: crate::core::lang::Lang) -> &str {
    let zh = match rule {
        "numbering" => "编号",
        "placeholder" => "占位符",
        "web-residue" => "网页残留",
        "year-consistency" => "年份前后",
        "empty-section" => "空章节",
        "thin-section" => "内容单薄",
        "duplicate-paragraph" => "重复段落",
        "percent-range" => "比率超限",
        "parts-sum" => "分项合计",
        "rate" => "比率计算",
        "figure-consistency" => "前后数字",
        "relation" => "表格勾稽",
        "not-expanded" => "改进措施",
        "punctuation" => "标点",
        other => other,
    };
    lang.pick(zh, rule)
}

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
    /// Tables the report is expected to hold.
    #[serde(default)]
    pub tables: Vec<super::table_model::Table>,
    /// Arithmetic the tables' figures must satisfy.
    #[serde(default)]
    pub relations: Vec<super::table_model::Relation>,
    /// How a report of this kind is told from others when no spec is given.
    #[serde(default)]
    pub recognise: super::table_model::Recognise,
}
