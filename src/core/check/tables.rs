//! A spec's tables in the check: each read from its part of the report
//! ([`crate::core::tables`]), its part's verdict (a part whose table a web
//! copy lost says so), its relations checked as `relation` lints with both
//! sides' figures, and metrics read from its cells.

use super::{ItemResult, ItemSections, Lint, MetricResult, Status};
use crate::core::document::Document;
use crate::core::figures::Figure;
use crate::core::lang::Lang;
use crate::core::spec::CompiledSpec;
use crate::core::spec::compile_tables::{CompiledRelation, Ref};
use crate::core::spec::expr::fmt_number;
use crate::core::spec::table_model::Each;
use crate::core::tables::{TableRead, read_table};
use crate::tr;

/// Reads every table of the spec from its part (the whole report when the
/// part was not found).
pub(super) fn read_all(
    doc: &Document,
    spec: &CompiledSpec,
    sections: &ItemSections,
) -> Vec<TableRead> {
    spec.tables
        .tables
        .iter()
        .map(|t| {
            let paras = match part_heading(sections, t.item) {
                Some(h) => doc.section_paragraphs(h),
                None => 0..doc.paragraphs().len(),
            };
            read_table(doc, t, paras)
        })
        .collect()
}

/// The verdicts of table parts, after their headings were looked for: a
/// part with its table is met; a part whose heading stands with nothing
/// under it lost its table (a web copy) and cannot be checked; a part with
/// prose but no table is partial; a table found without its heading is
/// partial.
pub(super) fn table_parts(
    doc: &Document,
    spec: &CompiledSpec,
    sections: &ItemSections,
    reads: &[TableRead],
    items: &mut [ItemResult],
    lang: Lang,
) {
    for (ii, item) in items.iter_mut().enumerate() {
        let Some(ti) = spec.tables.item_tables.get(ii).copied().flatten() else {
            continue;
        };
        let read = &reads[ti];
        let title = &spec.spec.tables[ti].title;
        let heading = part_heading(sections, ii);
        match (heading, read.found) {
            (Some(_), true) => {
                item.status = Status::Met;
                item.message = tr!(
                    lang,
                    "{}；表格读出 {} 行",
                    "{}; the table: {} rows read",
                    item.message,
                    read.rows_found()
                );
            }
            (Some(h), false) if doc.section_body_chars(h) == 0 => {
                item.status = Status::Partial;
                item.message = tr!(
                    lang,
                    "“{title}”的表格在网页转载中丢失，无法核对（请对照原件）",
                    "the table “{title}” was lost when the page was copied: it cannot be checked (compare the original)"
                );
            }
            (Some(_), false) => {
                item.status = Status::Partial;
                item.message = tr!(
                    lang,
                    "有这一部分，但没有找到表格“{title}”",
                    "the part is there, but not the table “{title}”"
                );
            }
            (None, true) => {
                item.status = Status::Partial;
                let line = read
                    .range
                    .as_ref()
                    .map_or(0, |r| doc.position(r.start).line);
                item.message = tr!(
                    lang,
                    "第{line}行有表格“{title}”，但没有相应的标题",
                    "the table “{title}” is at line {line}, but its heading is missing"
                );
            }
            (None, false) => {}
        }
    }
}

/// The heading of item `item`'s part (its first match), if found.
fn part_heading(sections: &ItemSections, item: usize) -> Option<usize> {
    sections.get(item).and_then(|s| s.first()).copied()
}

/// Where the headings of table parts whose tables were lost start (byte
/// offsets): their empty-section lint is already said by the part's verdict.
pub(super) fn lost_table_headings(
    doc: &Document,
    spec: &CompiledSpec,
    sections: &ItemSections,
    reads: &[TableRead],
) -> Vec<usize> {
    spec.tables
        .item_tables
        .iter()
        .enumerate()
        .filter(|(_, t)| t.is_some_and(|ti| !reads[ti].found))
        .flat_map(|(ii, _)| sections.get(ii).into_iter().flatten())
        .map(|&h| doc.paragraphs()[doc.headings()[h].paragraph].range.start)
        .collect()
}

/// The byte ranges of the parts whose tables were found (the whole table
/// with its header rows).
pub(super) fn found_parts(
    doc: &Document,
    spec: &CompiledSpec,
    sections: &ItemSections,
    reads: &[TableRead],
) -> Vec<std::ops::Range<usize>> {
    spec.tables
        .tables
        .iter()
        .zip(reads)
        .filter(|(_, r)| r.found)
        .filter_map(|(t, r)| {
            let paras = match part_heading(sections, t.item) {
                Some(h) => doc.section_paragraphs(h),
                None => return r.range.clone(),
            };
            let ps = doc.paragraphs();
            let first = ps.get(paras.start)?;
            let last = ps.get(paras.end.checked_sub(1)?)?;
            Some(first.range.start..last.range.end)
        })
        .collect()
}

/// The `relation` lints: every relation checked on every column (or row,
/// or once) where each of its figures was read.
pub(super) fn relations(
    doc: &Document,
    spec: &CompiledSpec,
    reads: &[TableRead],
    lang: Lang,
    out: &mut Vec<Lint>,
) {
    if !spec.spec.lints.relation.enabled {
        return;
    }
    for (ri, rel) in spec.tables.relations.iter().enumerate() {
        let read = &reads[rel.table];
        if !read.found {
            continue;
        }
        let t = &spec.tables.tables[rel.table];
        let runs: Vec<Option<usize>> = match rel.each {
            Some(Each::Column) => (0..t.columns.len()).map(Some).collect(),
            Some(Each::Row) => (0..t.rows.len()).map(Some).collect(),
            None => vec![None],
        };
        for run in runs {
            if let Some(lint) = check_one(doc, spec, ri, rel, read, run, lang) {
                out.push(lint);
            }
        }
    }
}

fn check_one(
    doc: &Document,
    spec: &CompiledSpec,
    ri: usize,
    rel: &CompiledRelation,
    read: &TableRead,
    run: Option<usize>,
    lang: Lang,
) -> Option<Lint> {
    let cell_of = |name: &str| -> Option<(usize, usize)> {
        match (rel.refs.get(name)?, run) {
            (Ref::Row(r), Some(c)) => Some((*r, c)),
            (Ref::Column(c), Some(r)) => Some((r, *c)),
            (Ref::Cell(r, c), _) => Some((*r, *c)),
            _ => None,
        }
    };
    let value = |name: &str| -> Option<f64> {
        let (r, c) = cell_of(name)?;
        read.cell(r, c).map(|c| c.value)
    };
    let left = rel.rule.left.eval(&value)?;
    let right = rel.rule.right.eval(&value)?;
    let off = (left - right).abs();
    let agrees = if rel.rule.approx {
        off <= rel.tolerance + 1e-9
    } else {
        off < 1e-6
    };
    if agrees {
        return None;
    }
    // Located at the first figure of the left side.
    let at = rel
        .rule
        .names()
        .first()
        .and_then(|n| cell_of(n))
        .and_then(|(r, c)| read.cell(r, c))
        .map(|c| c.range.clone())?;
    let table = &spec.spec.tables[rel.table];
    let relation = &spec.spec.relations[ri];
    let t = &spec.tables.tables[rel.table];
    let where_ = match (rel.each, run) {
        (Some(Each::Column), Some(c)) => tr!(lang, "“{}”列", "column “{}”", t.columns[c].label),
        (Some(Each::Row), Some(r)) => tr!(lang, "“{}”行", "row “{}”", t.rows[r].label),
        _ => String::new(),
    };
    // The rule with labels, then with figures.
    let label = |name: &str| -> String {
        match rel.refs.get(name) {
            Some(Ref::Row(r)) => t.rows[*r].label.clone(),
            Some(Ref::Column(c)) => t.columns[*c].label.clone(),
            Some(Ref::Cell(r, c)) => format!("{}·{}", t.rows[*r].label, t.columns[*c].label),
            None => name.to_owned(),
        }
    };
    let labelled = |e: &crate::core::spec::expr::Expr| named(e, &label);
    let what = relation.description.clone().unwrap_or_else(|| {
        format!(
            "{} = {}",
            labelled(&rel.rule.left),
            labelled(&rel.rule.right)
        )
    });
    // Each side with its figures, and its sum when it has several.
    let side = |e: &crate::core::spec::expr::Expr, v: f64| match e {
        crate::core::spec::expr::Expr::Op(..) => {
            format!("{} = {}", e.show(&value), fmt_number(v))
        }
        _ => fmt_number(v),
    };
    let message = tr!(
        lang,
        "表“{}”{}：{} ≠ {}（应有：{}）",
        "table “{}” {}: {} ≠ {} (expected: {})",
        table.title,
        where_,
        side(&rel.rule.left, left),
        side(&rel.rule.right, right),
        what
    );
    Some(Lint {
        rule: "relation",
        severity: rel.severity,
        message,
        position: doc.position(at.start),
        range: at,
    })
}

/// A side of a rule with names replaced by labels.
fn named(e: &crate::core::spec::expr::Expr, label: &dyn Fn(&str) -> String) -> String {
    use crate::core::spec::expr::Expr;
    match e {
        Expr::Number(n) => fmt_number(*n),
        Expr::Name(n) => label(n),
        Expr::Op(a, op, b) => format!("{} {op} {}", named(a, label), named(b, label)),
    }
}

/// Every figure read from a table as a report figure named by its row and
/// column labels (`本年新收·自然人`), so that the figures view lists them
/// and the diff pairs them across years; the metrics read from cells met
/// with theirs, missing when the table or the cell is not there.
pub(super) fn cell_figures(
    doc: &Document,
    spec: &CompiledSpec,
    reads: &[TableRead],
    metrics: &mut [MetricResult],
    figures: &mut Vec<Figure>,
    lang: Lang,
) {
    for (ti, (t, read)) in spec.tables.tables.iter().zip(reads).enumerate() {
        if !read.found {
            continue;
        }
        for (r, row) in read.cells.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let Some(found) = cell else { continue };
                let metric = spec
                    .tables
                    .metric_cells
                    .iter()
                    .position(|m| *m == Some((ti, r, c)));
                let unit = t.rows[r]
                    .unit
                    .as_deref()
                    .or(t.columns[c].unit.as_deref())
                    .unwrap_or(&t.unit);
                let range = found.range.clone();
                let position = doc.position(range.start);
                // The figure's text: the cell's label, then the cell.
                let mut text = String::with_capacity(64);
                push_cell_label(t, r, c, &mut text);
                let label_len = text.len();
                text.push_str(&doc.text()[range.clone()]);
                let paragraph = doc
                    .paragraphs()
                    .partition_point(|p| p.range.end < range.start);
                let line_start = doc.index().line_start(position.line - 1);
                figures.push(Figure {
                    value: found.value,
                    unit: std::borrow::Cow::Owned(unit.to_owned()),
                    approx: false,
                    context_in_text: 0..label_len,
                    text: text.into(),
                    range: range.clone(),
                    text_range: range.clone(),
                    paragraph,
                    position,
                    metric,
                    clause_metrics: metric.into_iter().collect(),
                    clause: line_start..range.end,
                    sentence: line_start..range.end,
                    target: false,
                });
                if let Some(mi) = metric {
                    let m = &mut metrics[mi];
                    m.status = Status::Met;
                    m.figures = vec![figures.len() - 1];
                    m.message = tr!(
                        lang,
                        "第{}行：{} {}{}",
                        "line {}: {} {}{}",
                        position.line,
                        figures[figures.len() - 1].context(),
                        fmt_number(found.value),
                        unit
                    );
                }
            }
        }
    }
    for (mi, cell) in spec.tables.metric_cells.iter().enumerate() {
        let Some((ti, r, c)) = *cell else { continue };
        if reads[ti].cell(r, c).is_some() {
            continue;
        }
        let t = &spec.tables.tables[ti];
        let m = &mut metrics[mi];
        m.status = Status::Missing;
        m.figures.clear();
        m.message = tr!(
            lang,
            "表“{}”中没有读到“{}”",
            "the table “{}” has no figure for “{}”",
            spec.spec.tables[ti].title,
            cell_label(t, r, c)
        );
    }
}

/// A cell's name: row and column labels (the column's alone in a table of
/// one row).
fn cell_label(t: &crate::core::spec::compile_tables::CompiledTable, r: usize, c: usize) -> String {
    let mut out = String::new();
    push_cell_label(t, r, c, &mut out);
    out
}

/// Appends [`cell_label`] to `out`.
fn push_cell_label(
    t: &crate::core::spec::compile_tables::CompiledTable,
    r: usize,
    c: usize,
    out: &mut String,
) {
    if t.rows.len() != 1 {
        out.push_str(&t.rows[r].label);
        out.push('·');
    }
    out.push_str(&t.columns[c].label);
}
