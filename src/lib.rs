//! reportbench: a workbench for drafting and reviewing structured annual
//! reports such as the 法治政府建设年度报告.
//!
//! The library has two layers: [`core`], the pure analysis (document model,
//! checklist, figures, lints), and [`io`], loading files and finding config.

pub mod core;
pub mod io;
