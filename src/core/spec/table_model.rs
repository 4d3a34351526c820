//! The spec's tables and relations as written: a table a report is expected
//! to hold (the part it belongs to, the words that recognise it, its rows
//! and columns with their aliases), and arithmetic a report's figures must
//! satisfy (`new + carried = total + carried_forward`, per column).

use super::model::Severity;
use serde::Deserialize;

/// A row or a column of a table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    /// Stable id (relations and metrics refer to it).
    pub id: String,
    /// Its label as the format prints it.
    pub label: String,
    /// Words any one of which names it in a report (default: the label).
    #[serde(default)]
    pub any: Vec<String>,
    /// Words that rule it out (a 总计 row is not the 总计 column's …).
    #[serde(default)]
    pub none: Vec<String>,
    /// For a row: the columns it has, in order (default: all of the
    /// table's). A row of table 二 has one or three of them.
    #[serde(default)]
    pub columns: Vec<String>,
    /// The unit of its figures, when not the table's (万元 …).
    #[serde(default)]
    pub unit: Option<String>,
}

impl Line {
    /// The words that name it.
    pub fn words(&self) -> &[String] {
        if self.any.is_empty() {
            std::slice::from_ref(&self.label)
        } else {
            &self.any
        }
    }
}

/// A table a report is expected to hold.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Stable id.
    pub id: String,
    /// Its title as the format prints it.
    pub title: String,
    /// The item (a section) whose part holds it; its rows are looked for
    /// there (the whole report when the part is not found).
    pub item: String,
    /// Words of which at least `min_words` must appear in the part's rows
    /// for the table to count as there.
    pub recognise: Vec<String>,
    /// How many of `recognise` (default 2).
    #[serde(default = "two")]
    pub min_words: usize,
    /// The unit of its cells (件, 万元 …; default 件).
    #[serde(default)]
    pub unit: Option<String>,
    /// Its columns, in order.
    pub columns: Vec<Line>,
    /// Its rows, in the order the format prints them (matching goes in
    /// order, so a label repeated further down is told apart).
    pub rows: Vec<Line>,
}

fn two() -> usize {
    2
}

/// An arithmetic constraint between a table's cells.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// Stable id.
    pub id: String,
    /// The table.
    pub table: String,
    /// `LEFT = RIGHT` (equal) or `LEFT ~ RIGHT` (equal within
    /// `tolerance`), each side of numbers, names, `+ - * /` and brackets.
    /// Names are row ids with `each: column`, column ids with `each: row`,
    /// else `row.column` cells.
    pub rule: String,
    /// Check the rule for every column (names are rows) or every row
    /// (names are columns); absent: names are cells.
    #[serde(default)]
    pub each: Option<Each>,
    /// For `~`: the largest difference that still agrees (default 0.05).
    #[serde(default)]
    pub tolerance: Option<f64>,
    /// What the rule means, shown with a failure (default: the rule).
    #[serde(default)]
    pub description: Option<String>,
    /// How much a failure matters (default: the `relation` lint's).
    #[serde(default)]
    pub severity: Option<Severity>,
}

/// What a relation runs over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Each {
    /// Every column of the table: names are rows.
    Column,
    /// Every row: names are columns.
    Row,
}

/// A metric read from one table cell.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellRef {
    /// The table.
    pub table: String,
    /// The row id.
    pub row: String,
    /// The column id.
    pub column: String,
}

/// How a report of this kind is recognised among the built-in specs when
/// no spec is given: words in its title, and headings it has.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recognise {
    /// Words any of which in the title (or the first lines) point here.
    #[serde(default)]
    pub title: Vec<String>,
    /// Headings (words) of which the more there are, the likelier.
    #[serde(default)]
    pub headings: Vec<String>,
}
