//! `reportbench spec`: the spec in use, the built-in specs, or one of
//! them printed to copy and edit.

use super::ExitCode;
use super::write_stdout;
use anyhow::{Result, bail};
use reportbench::config::{self, Config};
use reportbench::core::lang::Lang;
use reportbench::core::spec::builtin::{BUILTINS, builtin};
use reportbench::render;

pub(super) fn run_spec(
    print: Option<&str>,
    spec: Option<&str>,
    config: &Config,
    lang: Lang,
) -> Result<ExitCode> {
    if let Some(name) = print {
        let Some(b) = BUILTINS.iter().find(|b| b.id == name) else {
            let names: Vec<&str> = BUILTINS.iter().map(|b| b.id).collect();
            bail!(
                "no built-in spec named `{name}` (built in: {})",
                names.join(", ")
            );
        };
        write_stdout(b.yaml)?;
        return Ok(0);
    }
    let s = config::resolve_spec(spec, config)?;
    write_stdout(&render::text::spec_text(&s, lang))?;
    Ok(0)
}

/// `spec --list`: the built-in specs with their names and what they
/// hold, then those in the config folder.
pub(super) fn run_list(lang: Lang) -> Result<ExitCode> {
    let mut out = String::new();
    out.push_str(lang.pick("内置清单：\n", "Built-in specs:\n"));
    for (i, b) in BUILTINS.iter().enumerate() {
        let Some(s) = builtin(b.id) else { continue };
        let name = s.spec.name.clone().unwrap_or_default();
        let counts = reportbench::tr!(
            lang,
            "{} 项要素、{} 个指标、{} 张表、{} 条勾稽关系",
            "{} items, {} metrics, {} tables, {} relations",
            s.spec.items.len(),
            s.spec.metrics.len(),
            s.spec.tables.len(),
            s.spec.relations.len()
        );
        let default = if i == 0 {
            lang.pick("（默认）", " (default)")
        } else {
            ""
        };
        out.push_str(&format!("  {:<14} {name}{default} · {counts}\n", b.id));
    }
    let own: Vec<String> = reportbench::io::config_files::available_specs()
        .into_iter()
        .filter(|n| !BUILTINS.iter().any(|b| b.id == n))
        .collect();
    if !own.is_empty() {
        out.push_str(lang.pick(
            "配置文件夹 specs/ 中：\n",
            "In the config folder's specs/:\n",
        ));
        for n in own {
            // A file's name may hold anything: shown safely.
            let n = reportbench::core::text::sanitize_for_display(&n).into_owned();
            out.push_str(&format!("  {n}\n"));
        }
    }
    out.push_str(lang.pick(
        "不加 --spec 时，按报告的标题和小标题在内置清单中选择，并在 stderr 上说明。\n",
        "Without --spec, the title and headings of each report choose among the built-ins (told on stderr).\n",
    ));
    write_stdout(&out)?;
    Ok(0)
}
