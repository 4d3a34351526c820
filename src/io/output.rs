//! Renderings of reports for the command line: text (coloured on a
//! terminal), JSON (the contract in `shared/contracts.md`), Markdown and CSV.
//!
//! Every piece of text that comes from a document is passed through
//! [`sanitize_for_display`] before it reaches a terminal.

use crate::core::check::{Report, Status};
use crate::core::figures::Figure;
use crate::core::lang::Lang;
use crate::core::spec::{CompiledSpec, Severity};
use crate::core::text::{sanitize_for_display, truncate_chars};
use crate::tr;
use serde::Serialize;
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// ANSI styling, or none.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    /// Whether to emit colour codes.
    pub enabled: bool,
}

impl Paint {
    fn wrap(self, code: &str, s: &str) -> String {
        if self.enabled {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    }
    fn bold(self, s: &str) -> String {
        self.wrap("1", s)
    }
    fn dim(self, s: &str) -> String {
        self.wrap("2", s)
    }
    fn status(self, st: Status, s: &str) -> String {
        match st {
            Status::Met => self.wrap("32", s),
            Status::Partial => self.wrap("33", s),
            Status::Missing => self.wrap("31", s),
            Status::Na => self.wrap("2", s),
        }
    }
    fn severity(self, sev: Severity, s: &str) -> String {
        match sev {
            Severity::Error => self.wrap("31", s),
            Severity::Warning => self.wrap("33", s),
            Severity::Info => self.wrap("36", s),
        }
    }
}

fn safe(s: &str) -> String {
    sanitize_for_display(s).into_owned()
}

/// Pads `s` with spaces to `width` terminal columns (CJK counts double).
pub fn pad(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    if w >= width {
        s.to_owned()
    } else {
        format!("{s}{}", " ".repeat(width - w))
    }
}

/// A number as written in JSON: integral values without a fraction.
#[derive(Debug, Clone, Copy)]
pub struct Num(pub f64);

impl Serialize for Num {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.fract() == 0.0 && self.0.abs() < 9.0e15 {
            s.serialize_i64(self.0 as i64)
        } else {
            s.serialize_f64(self.0)
        }
    }
}

#[derive(Serialize)]
struct SpecRef<'a> {
    id: &'a str,
    version: u32,
}

#[derive(Serialize)]
struct EvidenceJson<'a> {
    line: usize,
    column: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct ItemJson<'a> {
    id: &'a str,
    title: &'a str,
    required: bool,
    severity: &'a str,
    status: &'a str,
    message: &'a str,
    evidence: Vec<EvidenceJson<'a>>,
}

#[derive(Serialize)]
struct FigureRef<'a> {
    value: Num,
    unit: &'a str,
    approx: bool,
    text: &'a str,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct MetricJson<'a> {
    id: &'a str,
    label: &'a str,
    severity: &'a str,
    status: &'a str,
    message: &'a str,
    figures: Vec<FigureRef<'a>>,
}

#[derive(Serialize)]
struct LintJson<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct SummaryJson {
    required_met: usize,
    required_total: usize,
    metrics_met: usize,
    metrics_total: usize,
    lints: usize,
}

/// The previous year's report named with `--previous`.
#[derive(Debug, Clone, Serialize)]
pub struct PreviousRef {
    /// Its file.
    pub file: String,
    /// Its report year.
    pub year: Option<i32>,
    /// The share of this year's text carried over from it (see `diff`).
    pub carried_over_ratio: Option<f64>,
}

#[derive(Serialize)]
struct CheckJson<'a> {
    file: &'a str,
    spec: SpecRef<'a>,
    year: Option<i32>,
    title: Option<&'a str>,
    complete: bool,
    encoding: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous: Option<&'a PreviousRef>,
    summary: SummaryJson,
    items: Vec<ItemJson<'a>>,
    metrics: Vec<MetricJson<'a>>,
    lints: Vec<LintJson<'a>>,
}

/// One checked file, ready to render.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The path as given.
    pub file: String,
    /// Its encoding name.
    pub encoding: &'static str,
    /// The report.
    pub report: Report,
    /// The previous year's report, when given.
    pub previous: Option<PreviousRef>,
}

fn figure_ref(f: &Figure) -> FigureRef<'_> {
    FigureRef {
        value: Num(f.value),
        unit: &f.unit,
        approx: f.approx,
        text: &f.text,
        line: f.position.line,
        column: f.position.column,
    }
}

/// The JSON value of one checked file (the `check --format json` contract).
pub fn check_json(c: &Checked) -> serde_json::Value {
    let r = &c.report;
    let (met, total) = r.required_counts();
    let v = CheckJson {
        file: &c.file,
        spec: SpecRef {
            id: &r.spec_id,
            version: r.spec_version,
        },
        year: r.year,
        title: r.title.as_deref(),
        complete: r.complete(),
        encoding: c.encoding,
        previous: c.previous.as_ref(),
        summary: SummaryJson {
            required_met: met,
            required_total: total,
            metrics_met: r.metrics.iter().filter(|m| m.status == Status::Met).count(),
            metrics_total: r.metrics.len(),
            lints: r.lints.len(),
        },
        items: r
            .items
            .iter()
            .map(|i| ItemJson {
                id: &i.id,
                title: &i.title,
                required: i.required,
                severity: i.severity.as_str(),
                status: i.status.as_str(),
                message: &i.message,
                evidence: i
                    .evidence
                    .iter()
                    .map(|e| EvidenceJson {
                        line: e.position.line,
                        column: e.position.column,
                        text: &e.text,
                    })
                    .collect(),
            })
            .collect(),
        metrics: r
            .metrics
            .iter()
            .map(|m| MetricJson {
                id: &m.id,
                label: &m.label,
                severity: m.severity.as_str(),
                status: m.status.as_str(),
                message: &m.message,
                figures: m
                    .figures
                    .iter()
                    .map(|&fi| figure_ref(&r.figures[fi]))
                    .collect(),
            })
            .collect(),
        lints: r
            .lints
            .iter()
            .map(|l| LintJson {
                rule: l.rule,
                severity: l.severity.as_str(),
                message: &l.message,
                line: l.position.line,
                column: l.position.column,
            })
            .collect(),
    };
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

fn status_word(st: Status, lang: Lang) -> &'static str {
    match st {
        Status::Met => lang.pick("已满足", "met"),
        Status::Partial => lang.pick("部分满足", "partial"),
        Status::Missing => lang.pick("缺失", "missing"),
        Status::Na => lang.pick("不适用", "n/a"),
    }
}

/// The readable text report of one file.
pub fn check_text(c: &Checked, lang: Lang, paint: Paint) -> String {
    let r = &c.report;
    let mut o = String::new();
    let title = r
        .title
        .as_deref()
        .map(|t| safe(&t.replace('\n', " ")))
        .unwrap_or_else(|| lang.pick("（无标题）", "(no title)").into());
    let year = r
        .year
        .map(|y| tr!(lang, "{y}年度", "year {y}"))
        .unwrap_or_else(|| lang.pick("年度不明", "year unknown").into());
    let _ = writeln!(
        o,
        "{}  {}",
        paint.bold(&safe(&c.file)),
        paint.dim(&format!(
            "{title} · {year} · {} v{} · {}",
            r.spec_id, r.spec_version, c.encoding
        ))
    );
    if let Some(p) = &c.previous {
        let py = p.year.map(|y| y.to_string()).unwrap_or_else(|| "?".into());
        let carried = p
            .carried_over_ratio
            .map(|r| format!("{:.0}%", r * 100.0))
            .unwrap_or_else(|| "?".into());
        let _ = writeln!(
            o,
            "{}",
            paint.dim(&tr!(
                lang,
                "上一年度报告：{}（{py}年度）；沿用去年原文 {carried}",
                "previous report: {} (year {py}); {carried} of this text carried over from it",
                safe(&p.file)
            ))
        );
    }
    let (met, total) = r.required_counts();
    let _ = writeln!(
        o,
        "\n{}",
        paint.bold(&tr!(
            lang,
            "必备要素（{met}/{total} 已满足）",
            "Required items ({met}/{total} met)"
        ))
    );
    let opt_of = |required: bool| {
        if required {
            ""
        } else {
            lang.pick("（可选）", " (optional)")
        }
    };
    let names: Vec<String> = r
        .items
        .iter()
        .map(|i| format!("{}{}", safe(&i.title), opt_of(i.required)))
        .collect();
    let w = names
        .iter()
        .map(|n| UnicodeWidthStr::width(n.as_str()))
        .max()
        .unwrap_or(0)
        .min(46);
    for (i, name) in r.items.iter().zip(&names) {
        let _ = writeln!(
            o,
            "  {} {}  {}",
            paint.status(i.status, i.status.glyph()),
            pad(name, w),
            safe(&i.message)
        );
    }
    let mm = r.metrics.iter().filter(|m| m.status == Status::Met).count();
    let _ = writeln!(
        o,
        "\n{}",
        paint.bold(&tr!(
            lang,
            "指标（{mm}/{} 有数字）",
            "Metrics ({mm}/{} with figures)",
            r.metrics.len()
        ))
    );
    let w = r
        .metrics
        .iter()
        .map(|m| UnicodeWidthStr::width(m.label.as_str()))
        .max()
        .unwrap_or(0)
        .min(40);
    for m in &r.metrics {
        let _ = writeln!(
            o,
            "  {} {}  {}",
            paint.status(m.status, m.status.glyph()),
            pad(&safe(&m.label), w),
            safe(&m.message)
        );
    }
    let _ = writeln!(
        o,
        "\n{}",
        paint.bold(&tr!(lang, "问题（{}）", "Lints ({})", r.lints.len()))
    );
    if r.lints.is_empty() {
        let _ = writeln!(o, "  {}", paint.dim(lang.pick("无", "none")));
    }
    for l in &r.lints {
        let pos = format!("{}:{}", l.position.line, l.position.column);
        let _ = writeln!(
            o,
            "  {} {} {}  {}",
            paint.severity(l.severity, &pad(l.severity.as_str(), 7)),
            pad(l.rule, 19),
            pad(&pos, 7),
            safe(&l.message)
        );
    }
    let verdict = if r.complete() {
        paint.status(
            Status::Met,
            lang.pick("必备要素齐全", "all required items met"),
        )
    } else {
        paint.status(
            Status::Missing,
            &tr!(
                lang,
                "还缺 {} 项必备要素",
                "{} required item(s) not met",
                total - met
            ),
        )
    };
    let _ = writeln!(o, "\n{verdict}");
    o
}

/// The one-line-per-file summary table that ends a multi-file text check.
pub fn summary_table(
    rows: &[Checked],
    errors: &[(String, String)],
    lang: Lang,
    paint: Paint,
) -> String {
    let mut o = String::new();
    let fw = rows
        .iter()
        .map(|c| UnicodeWidthStr::width(c.file.as_str()))
        .chain(errors.iter().map(|e| UnicodeWidthStr::width(e.0.as_str())))
        .max()
        .unwrap_or(4)
        .clamp(4, 50);
    let head = [
        lang.pick("文件", "file"),
        lang.pick("年度", "year"),
        lang.pick("必备", "required"),
        lang.pick("指标", "metrics"),
        lang.pick("问题", "lints"),
        lang.pick("结论", "result"),
    ];
    let _ = writeln!(
        o,
        "{}",
        paint.bold(&format!(
            "{} {} {} {} {} {}",
            pad(head[0], fw),
            pad(head[1], 6),
            pad(head[2], 9),
            pad(head[3], 8),
            pad(head[4], 6),
            head[5]
        ))
    );
    for c in rows {
        let r = &c.report;
        let (met, total) = r.required_counts();
        let mm = r.metrics.iter().filter(|m| m.status == Status::Met).count();
        let verdict = if r.complete() {
            paint.status(Status::Met, lang.pick("齐全", "complete"))
        } else {
            paint.status(Status::Missing, lang.pick("不齐全", "incomplete"))
        };
        let year = r.year.map(|y| y.to_string()).unwrap_or_else(|| "?".into());
        let _ = writeln!(
            o,
            "{} {} {} {} {} {verdict}",
            pad(&safe(&c.file), fw),
            pad(&year, 6),
            pad(&format!("{met}/{total}"), 9),
            pad(&format!("{mm}/{}", r.metrics.len()), 8),
            pad(&r.lints.len().to_string(), 6)
        );
    }
    for (file, _) in errors {
        let _ = writeln!(
            o,
            "{} {} {} {} {} {}",
            pad(&safe(file), fw),
            pad("-", 6),
            pad("-", 9),
            pad("-", 8),
            pad("-", 6),
            paint.status(Status::Missing, lang.pick("错误", "error"))
        );
    }
    o
}

fn md_cell(s: &str) -> String {
    safe(s).replace('|', "\\|").replace('\n', " ")
}

/// Markdown suitable for pasting into a review mail.
pub fn check_markdown(c: &Checked, lang: Lang) -> String {
    let r = &c.report;
    let mut o = String::new();
    let title = r
        .title
        .as_deref()
        .map(|t| t.replace('\n', " "))
        .unwrap_or_else(|| c.file.clone());
    let _ = writeln!(o, "## {}\n", md_cell(&title));
    let year = r.year.map(|y| y.to_string()).unwrap_or_else(|| "?".into());
    let (met, total) = r.required_counts();
    let _ = writeln!(
        o,
        "{}\n",
        tr!(
            lang,
            "文件 `{}`，{year}年度，清单 {} v{}：必备要素 {met}/{total} 已满足。",
            "File `{}`, year {year}, spec {} v{}: {met}/{total} required items met.",
            md_cell(&c.file),
            r.spec_id,
            r.spec_version
        )
    );
    let _ = writeln!(o, "### {}\n", lang.pick("必备要素", "Required items"));
    let _ = writeln!(
        o,
        "| {} | {} | {} |\n|---|---|---|",
        lang.pick("要素", "Item"),
        lang.pick("状态", "Status"),
        lang.pick("说明", "Notes")
    );
    for i in &r.items {
        let opt = if i.required {
            ""
        } else {
            lang.pick("（可选）", " (optional)")
        };
        let _ = writeln!(
            o,
            "| {}{opt} | {} {} | {} |",
            md_cell(&i.title),
            i.status.glyph(),
            status_word(i.status, lang),
            md_cell(&i.message)
        );
    }
    let _ = writeln!(o, "\n### {}\n", lang.pick("指标", "Metrics"));
    let _ = writeln!(
        o,
        "| {} | {} | {} |\n|---|---|---|",
        lang.pick("指标", "Metric"),
        lang.pick("状态", "Status"),
        lang.pick("说明", "Notes")
    );
    for m in &r.metrics {
        let _ = writeln!(
            o,
            "| {} | {} {} | {} |",
            md_cell(&m.label),
            m.status.glyph(),
            status_word(m.status, lang),
            md_cell(&m.message)
        );
    }
    let _ = writeln!(o, "\n### {}\n", lang.pick("问题", "Lints"));
    if r.lints.is_empty() {
        let _ = writeln!(o, "{}", lang.pick("无。", "None."));
    }
    for l in &r.lints {
        let _ = writeln!(
            o,
            "- **{}** `{}` {}:{} — {}",
            l.severity.as_str(),
            l.rule,
            l.position.line,
            l.position.column,
            md_cell(&l.message)
        );
    }
    o
}

#[derive(Serialize)]
struct MetricFigureJson<'a> {
    value: Num,
    unit: &'a str,
    approx: bool,
    context: &'a str,
    metric: Option<&'a str>,
    text: &'a str,
    line: usize,
    column: usize,
}

/// `metrics --format json`: every figure in text order.
pub fn figures_json(figures: &[Figure], spec: &CompiledSpec) -> serde_json::Value {
    let v: Vec<MetricFigureJson> = figures
        .iter()
        .map(|f| MetricFigureJson {
            value: Num(f.value),
            unit: &f.unit,
            approx: f.approx,
            context: f.context(),
            metric: f.metric.map(|m| spec.spec.metrics[m].id.as_str()),
            text: &f.text,
            line: f.position.line,
            column: f.position.column,
        })
        .collect();
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

/// A figure's value as written in text output: integral values without a fraction.
pub fn fmt_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// `metrics --format text`: a table.
pub fn figures_text(figures: &[Figure], spec: &CompiledSpec, lang: Lang, paint: Paint) -> String {
    let mut o = String::new();
    let head = [
        lang.pick("位置", "at"),
        lang.pick("数值", "value"),
        lang.pick("单位", "unit"),
        lang.pick("指标", "metric"),
        lang.pick("上下文", "context"),
    ];
    let _ = writeln!(
        o,
        "{}",
        paint.bold(&format!(
            "{} {} {} {} {}",
            pad(head[0], 8),
            pad(head[1], 12),
            pad(head[2], 6),
            pad(head[3], 22),
            head[4]
        ))
    );
    for f in figures {
        let pos = format!("{}:{}", f.position.line, f.position.column);
        let val = format!("{}{}", if f.approx { "≈" } else { "" }, fmt_value(f.value));
        let metric = f
            .metric
            .map(|m| spec.spec.metrics[m].id.as_str())
            .unwrap_or("-");
        let _ = writeln!(
            o,
            "{} {} {} {} {}",
            pad(&pos, 8),
            pad(&val, 12),
            pad(&safe(&f.unit), 6),
            pad(metric, 22),
            safe(&truncate_chars(&f.text, 40))
        );
    }
    let _ = writeln!(
        o,
        "{}",
        paint.dim(&tr!(lang, "共{}个数字", "{} figures", figures.len()))
    );
    o
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// `metrics --format csv`.
pub fn figures_csv(figures: &[Figure], spec: &CompiledSpec) -> String {
    let mut o = String::from("line,column,value,unit,approx,metric,context,text\n");
    for f in figures {
        let metric = f
            .metric
            .map(|m| spec.spec.metrics[m].id.as_str())
            .unwrap_or("");
        let _ = writeln!(
            o,
            "{},{},{},{},{},{},{},{}",
            f.position.line,
            f.position.column,
            fmt_value(f.value),
            csv_field(&f.unit),
            f.approx,
            metric,
            csv_field(f.context()),
            csv_field(&f.text)
        );
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn num_serializes_integers_without_fraction() {
        assert_eq!(serde_json::to_string(&Num(297.0)).unwrap(), "297");
        assert_eq!(serde_json::to_string(&Num(46.05)).unwrap(), "46.05");
    }

    #[test]
    fn csv_quotes() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
    }

    #[test]
    fn pad_counts_wide_characters() {
        assert_eq!(pad("标题", 6), "标题  ");
        assert_eq!(pad("ab", 3), "ab ");
    }
}
