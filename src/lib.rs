//! reportbench: a workbench for drafting and reviewing structured annual
//! reports such as the 法治政府建设年度报告 (annual report on building a
//! government under the rule of law).
//!
//! The library has two layers: [`core`], the pure analysis (document model,
//! checklist spec, figures, lints, comparison) that knows nothing of
//! terminals or files, and [`io`], loading files, finding config and specs,
//! and rendering output (also the review sidecar, locks, recovery files).
//! On top, two faces: the CLI (the binary) and the workbench — [`app`], its
//! state and keymap, driven by key events without a terminal (editor,
//! checklist, diff and figures views, comments and sign-offs); [`ui`], the
//! drawing and themes; [`tui`], the terminal and event loop.
//!
//! ```
//! use reportbench::core::check::{check, CheckOptions, Status};
//! use reportbench::core::document::Document;
//! use reportbench::core::spec::CompiledSpec;
//!
//! let draft = "青禾镇2024年度法治政府建设情况报告\n\
//!              一、主要举措和成效\n\
//!              驻镇律师共审核合同38份，调处矛盾纠纷120件。\n";
//! let doc = Document::parse(draft);
//! assert_eq!(doc.year(), Some(2024));
//!
//! let spec = CompiledSpec::default_spec();
//! let report = check(&doc, &spec, &CheckOptions::default());
//! let measures = report.items.iter().find(|i| i.id == "measures").unwrap();
//! assert_eq!(measures.status, Status::Met);
//! // No shortcomings section yet: the report is not complete.
//! assert!(!report.complete());
//! // Every figure, with its unit and the metric it counts for.
//! let f = &report.figures[0];
//! assert_eq!((f.value, &*f.unit), (38.0, "份"));
//! assert_eq!(spec.spec.metrics[f.metric.unwrap()].id, "legality_review");
//! ```

#![warn(missing_docs)]

pub mod app;
pub mod config;
pub mod core;
pub mod io;
pub mod render;
pub mod tui;
pub mod ui;
