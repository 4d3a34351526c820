//! The spec's tables, relations and cell metrics validated and compiled:
//! words folded for matching, rules parsed, every name resolved to a row,
//! a column or a cell; each error located in the spec's text.

use super::expr::Rule;
use super::locate::{locate, locate_id, locate_nth_id};
use super::model::{Severity, Spec};
use super::table_model::{Each, Line};
use crate::core::text::fold_for_matching;
use std::collections::{HashMap, HashSet};

/// A row or column, ready to match.
#[derive(Debug, Clone)]
pub struct CompiledLine {
    /// Its id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// Words naming it (folded, spaces removed).
    pub any: Vec<String>,
    /// Words ruling it out (folded).
    pub none: Vec<String>,
    /// For a row: its columns (indices), in order.
    pub columns: Vec<usize>,
    /// Its figures' unit, when not the table's.
    pub unit: Option<String>,
}

impl CompiledLine {
    /// Whether `label` (folded, spaces removed) names it.
    pub fn names(&self, label: &str) -> bool {
        self.any.iter().any(|w| label.contains(w.as_str()))
            && !self.none.iter().any(|w| label.contains(w.as_str()))
    }
}

/// A table, ready to read.
#[derive(Debug, Clone)]
pub struct CompiledTable {
    /// The item whose part holds it.
    pub item: usize,
    /// Words that recognise it (folded).
    pub recognise: Vec<String>,
    /// How many must appear.
    pub min_words: usize,
    /// Its cells' unit.
    pub unit: String,
    /// Columns.
    pub columns: Vec<CompiledLine>,
    /// Rows, in order.
    pub rows: Vec<CompiledLine>,
}

/// What a name in a rule stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ref {
    /// A row (with `each: column`).
    Row(usize),
    /// A column (with `each: row`).
    Column(usize),
    /// A cell.
    Cell(usize, usize),
}

/// A relation, ready to check.
#[derive(Debug, Clone)]
pub struct CompiledRelation {
    /// The table (index).
    pub table: usize,
    /// The rule.
    pub rule: Rule,
    /// What it runs over.
    pub each: Option<Each>,
    /// For `~`.
    pub tolerance: f64,
    /// Severity of a failure.
    pub severity: Severity,
    /// Each name's meaning.
    pub refs: HashMap<String, Ref>,
}

/// The tables, relations and cell metrics of a spec.
#[derive(Debug, Clone, Default)]
pub struct CompiledTables {
    /// Tables in spec order.
    pub tables: Vec<CompiledTable>,
    /// Relations in spec order.
    pub relations: Vec<CompiledRelation>,
    /// Per metric: the cell it is read from (table, row, column).
    pub metric_cells: Vec<Option<(usize, usize, usize)>>,
    /// Per item: the table its part is.
    pub item_tables: Vec<Option<usize>>,
}

type Located = (usize, usize, String);

/// Folds a word for matching labels: simplified characters, no spaces,
/// full-width brackets as ASCII.
pub fn fold_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_folded_label(s, &mut out);
    out
}

/// Appends [`fold_label`] of `s` to `out` (a buffer reused from one label
/// to the next, or one text of many labels).
pub fn push_folded_label(s: &str, out: &mut String) {
    out.extend(
        fold_for_matching(s)
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '（' => '(',
                '）' => ')',
                c => c,
            }),
    );
}

fn valid_name(id: &str) -> bool {
    !id.is_empty()
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !id.starts_with(|c: char| c.is_ascii_digit())
}

pub(super) fn compile_tables(spec: &Spec, src: &str) -> Result<CompiledTables, Located> {
    let here = |id: &str, m: String| {
        let (l, c) = locate_id(src, id);
        (l, c, m)
    };
    let item_index: HashMap<&str, usize> = spec
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| (it.id.as_str(), i))
        .collect();
    let mut tables = Vec::new();
    let mut table_index: HashMap<&str, usize> = HashMap::new();
    for t in &spec.tables {
        if !valid_name(&t.id) {
            return Err(here(
                &t.id,
                format!("table id `{}` must be letters, digits or `_`", t.id),
            ));
        }
        if table_index.insert(t.id.as_str(), tables.len()).is_some() {
            let (l, c) = locate_nth_id(src, &t.id, 1);
            return Err((l, c, format!("table id `{}` is used twice", t.id)));
        }
        let Some(&item) = item_index.get(t.item.as_str()) else {
            return Err(here(
                &t.id,
                format!(
                    "table `{}` belongs to `{}`, which is not an item id of this spec",
                    t.id, t.item
                ),
            ));
        };
        if t.recognise.is_empty() || t.recognise.iter().any(|w| w.trim().is_empty()) {
            return Err(here(
                &t.id,
                format!("table `{}` needs non-empty `recognise` words", t.id),
            ));
        }
        if t.min_words == 0 || t.min_words > t.recognise.len() {
            return Err(here(
                &t.id,
                format!(
                    "table `{}`: `min_words` must be between 1 and the number of `recognise` words ({})",
                    t.id,
                    t.recognise.len()
                ),
            ));
        }
        if t.columns.is_empty() || t.rows.is_empty() {
            return Err(here(
                &t.id,
                format!("table `{}` needs `columns` and `rows`", t.id),
            ));
        }
        let columns = lines(&t.columns, &[], src, &format!("table `{}` column", t.id))?;
        let column_ids: Vec<&str> = t.columns.iter().map(|c| c.id.as_str()).collect();
        let rows = lines(&t.rows, &column_ids, src, &format!("table `{}` row", t.id))?;
        tables.push(CompiledTable {
            item,
            recognise: t.recognise.iter().map(|w| fold_label(w)).collect(),
            min_words: t.min_words,
            unit: t.unit.clone().unwrap_or_else(|| "件".into()),
            columns,
            rows,
        });
    }
    let mut item_tables = Vec::new();
    for it in &spec.items {
        match &it.table {
            None => item_tables.push(None),
            Some(t) => match table_index.get(t.as_str()) {
                Some(&ti) => item_tables.push(Some(ti)),
                None => {
                    return Err(here(
                        &it.id,
                        format!(
                            "item `{}` is the table `{t}`, which is not a table id of this spec",
                            it.id
                        ),
                    ));
                }
            },
        }
    }
    let mut relations = Vec::new();
    let mut relation_ids = HashSet::new();
    for r in &spec.relations {
        if !relation_ids.insert(r.id.as_str()) {
            let (l, c) = locate_nth_id(src, &r.id, 1);
            return Err((l, c, format!("relation id `{}` is used twice", r.id)));
        }
        let Some(&ti) = table_index.get(r.table.as_str()) else {
            return Err(here(
                &r.id,
                format!(
                    "relation `{}` is about `{}`, which is not a table id of this spec",
                    r.id, r.table
                ),
            ));
        };
        let rule = Rule::parse(&r.rule).map_err(|e| {
            let (l, c) = locate(src, &r.rule, 0);
            (l, c, format!("relation `{}`: {e}", r.id))
        })?;
        let t = &tables[ti];
        let row = |n: &str| t.rows.iter().position(|x| x.id == n);
        let col = |n: &str| t.columns.iter().position(|x| x.id == n);
        let mut refs = HashMap::new();
        for name in rule.names() {
            let found = match r.each {
                Some(Each::Column) => row(name).map(Ref::Row),
                Some(Each::Row) => col(name).map(Ref::Column),
                None => name
                    .split_once('.')
                    .and_then(|(a, b)| Some(Ref::Cell(row(a)?, col(b)?))),
            };
            let Some(found) = found else {
                let what = match r.each {
                    Some(Each::Column) => "a row id of",
                    Some(Each::Row) => "a column id of",
                    None => "a `row.column` cell of",
                };
                let (l, c) = locate(src, &r.rule, 0);
                return Err((
                    l,
                    c,
                    format!(
                        "relation `{}`: `{name}` is not {what} table `{}`",
                        r.id, r.table
                    ),
                ));
            };
            refs.insert(name.to_owned(), found);
        }
        let tolerance = r.tolerance.unwrap_or(0.05);
        if !(tolerance.is_finite() && tolerance >= 0.0) {
            return Err(here(
                &r.id,
                format!("relation `{}`: `tolerance` must be 0 or more", r.id),
            ));
        }
        relations.push(CompiledRelation {
            table: ti,
            rule,
            each: r.each,
            tolerance,
            severity: r.severity.unwrap_or(spec.lints.relation.severity),
            refs,
        });
    }
    let mut metric_cells = Vec::new();
    for m in &spec.metrics {
        match &m.cell {
            None => metric_cells.push(None),
            Some(cell) => {
                let found = table_index.get(cell.table.as_str()).and_then(|&ti| {
                    let t = &tables[ti];
                    Some((
                        ti,
                        t.rows.iter().position(|x| x.id == cell.row)?,
                        t.columns.iter().position(|x| x.id == cell.column)?,
                    ))
                });
                match found {
                    Some(f) => metric_cells.push(Some(f)),
                    None => {
                        return Err(here(
                            &m.id,
                            format!(
                                "metric `{}`: the cell {}.{}.{} is not in this spec's tables",
                                m.id, cell.table, cell.row, cell.column
                            ),
                        ));
                    }
                }
            }
        }
    }
    Ok(CompiledTables {
        tables,
        relations,
        metric_cells,
        item_tables,
    })
}

/// Rows or columns: ids valid and unique, words folded, a row's columns
/// resolved (`columns` lists the table's column ids; empty for columns).
fn lines(
    ls: &[Line],
    columns: &[&str],
    src: &str,
    what: &str,
) -> Result<Vec<CompiledLine>, Located> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for l in ls {
        let here = |m: String| {
            let (line, c) = locate_id(src, &l.id);
            (line, c, m)
        };
        if !valid_name(&l.id) {
            return Err(here(format!(
                "{what} id `{}` must be letters, digits or `_` (not starting with a digit)",
                l.id
            )));
        }
        if !seen.insert(l.id.as_str()) {
            return Err(here(format!("{what} id `{}` is used twice", l.id)));
        }
        let any: Vec<String> = l.words().iter().map(|w| fold_label(w)).collect();
        if l.label.trim().is_empty() || any.iter().any(String::is_empty) {
            return Err(here(format!(
                "{what} `{}` needs a label and non-empty words",
                l.id
            )));
        }
        let mut cols = Vec::new();
        if columns.is_empty() && !l.columns.is_empty() {
            return Err(here(format!("{what} `{}`: only rows list columns", l.id)));
        }
        for c in &l.columns {
            match columns.iter().position(|x| x == c) {
                Some(i) => cols.push(i),
                None => {
                    return Err(here(format!(
                        "{what} `{}` lists the column `{c}`, which the table does not have",
                        l.id
                    )));
                }
            }
        }
        if cols.is_empty() {
            cols = (0..columns.len()).collect();
        }
        out.push(CompiledLine {
            id: l.id.clone(),
            label: l.label.clone(),
            any,
            none: l.none.iter().map(|w| fold_label(w)).collect(),
            columns: cols,
            unit: l.unit.clone(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::core::spec::CompiledSpec;

    const BASE: &str = "id: t\nversion: 1\nitems:\n  - id: part\n    title: 表\n    kind: section\n    table: tab\n    heading: {any: [表]}\ntables:\n  - id: tab\n    title: 表\n    item: part\n    recognise: [甲, 乙]\n    columns:\n      - {id: a, label: 甲}\n      - {id: total, label: 合计}\n    rows:\n      - {id: x, label: 行一}\n      - {id: y, label: 行二, columns: [total]}\nrelations:\n  - id: r\n    table: tab\n    each: row\n    rule: total = a\n";

    fn err(from: &str, to: &str) -> String {
        assert!(BASE.contains(from), "{from}");
        CompiledSpec::from_yaml(&BASE.replacen(from, to, 1), "t.yaml")
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn tables_and_relations_compile_and_their_errors_are_located() {
        let s = CompiledSpec::from_yaml(BASE, "t.yaml").unwrap();
        assert_eq!(s.tables.tables[0].rows[1].columns, [1]);
        assert_eq!(s.tables.item_tables, [Some(0)]);
        for (from, to, says) in [
            (
                "table: tab\n    heading",
                "table: nope\n    heading",
                "not a table id",
            ),
            ("item: part", "item: nope", "not an item id"),
            ("columns: [total]", "columns: [b]", "does not have"),
            (
                "rule: total = a",
                "rule: total = b",
                "`b` is not a column id",
            ),
            ("rule: total = a", "rule: total + a", "`=` or `~`"),
            ("    each: row\n", "", "`row.column` cell"),
            (
                "table: tab\n    each",
                "table: nope\n    each",
                "not a table id",
            ),
            (
                "{id: x, label: 行一}",
                "{id: 1x, label: 行一}",
                "letters, digits",
            ),
            ("{id: y,", "{id: x,", "used twice"),
            ("recognise: [甲, 乙]", "recognise: []", "recognise"),
            (
                "kind: section\n    table",
                "kind: statement\n    table",
                "only a `section`",
            ),
        ] {
            let e = err(from, to);
            assert!(e.contains(says), "{from} → {to}: {e}");
            assert!(e.starts_with("t.yaml:"), "located: {e}");
        }
    }
}
