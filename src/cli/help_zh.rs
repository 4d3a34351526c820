//! The command line in Chinese: the help of every command and option, the
//! headings clap writes, and clap's usage errors. The English help is the
//! doc comments of `args.rs`; the Chinese is here, keyed by command and
//! option, and a test keeps the two lists the same.

use super::args::Cli;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Command, CommandFactory};
use reportbench::core::lang::Lang;

/// Each command's description ("" is the program itself).
const ABOUT: &[(&str, &str)] = &[
    (
        "",
        "起草、审阅法治政府建设年度报告等结构化年度报告的终端工作台：对照必备要素清单检查，与上一年度对比，批注和签核",
    ),
    (
        "check",
        "对照清单检查稿件；必备要素都满足时退出码为 0，有缺少的为 1，出错为 2",
    ),
    (
        "diff",
        "把上一年度报告和本年度报告对比：段落、数字、去年计划的回应",
    ),
    (
        "metrics",
        "列出稿件里的每个数字（数值、单位、上下文、指标）",
    ),
    (
        "review",
        "导出稿件的审阅结果（FILE.review.yaml）：带签核的清单，每条批注及其引文和现在的位置",
    ),
    (
        "text",
        "打印 reportbench 从文件里读出的文字（.docx 按读者看到的样子：编号、表格、注释），检查的就是这些文字，各种输出里的行列号也以它为准",
    ),
    (
        "fix",
        "自动修正能修正的问题：编号跳号后重排、删除网页残留行、标点改全角、下一年度安排里沿用的去年年份改为下一年；默认打印差异，--write 写回稿件（原子写入，保持原编码）",
    ),
    (
        "spec",
        "显示正在使用的清单，列出内置清单，或打印一份供复制修改",
    ),
    ("help", "显示帮助（或某个子命令的帮助）"),
];

/// Each option's help: (command, option id, Chinese).
const ARGS: &[(&str, &str, &str)] = &[
    ("", "file", "要打开的稿件"),
    ("", "previous", "上一年度的报告，用于逐年对比"),
    ("", "spec", "清单：YAML 文件，或配置文件夹 specs/ 里的名字"),
    (
        "",
        "review",
        "审阅稿件：正文只读，批注（F5）和签核（F7）写入 FILE.review.yaml",
    ),
    (
        "",
        "theme",
        "工作台配色：dark、light、high-contrast、monochrome，配置文件夹 themes/ 里的名字，或一个文件",
    ),
    ("", "lang", "界面语言，默认看配置文件，再看系统语言"),
    ("", "color", "文字输出什么时候上色"),
    ("check", "files", "要检查的稿件（并行检查）"),
    (
        "check",
        "spec",
        "清单：YAML 文件，或配置文件夹 specs/ 里的名字",
    ),
    (
        "check",
        "previous",
        "上一年度的报告（显示它的年度，并和本年度核对）",
    ),
    ("check", "format", "输出格式"),
    ("diff", "old", "上一年度的报告"),
    ("diff", "new", "本年度的报告"),
    ("diff", "spec", "清单（各部分的角色、指标、计划所在的部分）"),
    ("diff", "format", "输出格式"),
    ("diff", "output", "写到这个文件（docx 必须给）"),
    ("diff", "force", "替换已有的输出文件"),
    ("metrics", "file", "稿件"),
    ("metrics", "spec", "清单（指标名称和单位）"),
    ("metrics", "format", "输出格式"),
    ("review", "file", "稿件"),
    ("review", "spec", "清单"),
    ("review", "format", "输出格式"),
    ("review", "output", "写到这个文件（docx 必须给）"),
    ("review", "force", "替换已有的输出文件"),
    (
        "review",
        "verdict",
        "先把审核人的总体意见记入审阅文件（pass 通过，revise 修改后通过，reject 不通过）",
    ),
    ("text", "file", "文件（.txt、.md、.docx 等）"),
    ("fix", "file", "稿件（文本或 Markdown 文件）"),
    (
        "fix",
        "rules",
        "只用这些规则：numbering、web-residue、punctuation、year-consistency（默认全部）",
    ),
    ("fix", "write", "把修正后的稿件写回，而不是打印差异"),
    ("fix", "spec", "清单（哪些行算网页残留取决于它）"),
    (
        "spec",
        "print_default",
        "打印内置的默认清单（YAML），供复制修改",
    ),
    (
        "spec",
        "print",
        "按名字打印一份内置清单（YAML）：fazhi-annual、xxgk-annual",
    ),
    ("spec", "list", "列出内置清单（以及配置文件夹 specs/ 里的）"),
    ("spec", "spec", "要显示的清单（文件或名字），同时检查它"),
];

/// The help and version flags every command has.
const FLAGS: &[(&str, &str)] = &[("help", "显示帮助"), ("version", "显示版本")];

/// The command line for `lang`: clap's own (English, from the doc
/// comments) or the Chinese one.
pub fn command(lang: Lang) -> Command {
    let cmd = Cli::command();
    match lang {
        Lang::En => cmd,
        Lang::Zh => {
            let mut cmd = cmd;
            cmd.build();
            localize(cmd, "")
        }
    }
}

/// The command line parsed. What clap shows (help, the version, a usage
/// error) is in `lang`; the Chinese help is built only then, since
/// localising every command's options cost more than half of the
/// instructions of a start (`--version`: 1.06 million, 0.59 of them the
/// localising). The help changes no rule of parsing, so the plain
/// command's parse is the same.
pub fn parse(lang: Lang, args: &[std::ffi::OsString]) -> Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    let parse = |cmd: Command| {
        cmd.try_get_matches_from(args)
            .and_then(|m| Cli::from_arg_matches(&m))
    };
    match parse(Cli::command()) {
        Err(_) if lang == Lang::Zh => parse(command(lang)),
        parsed => parsed,
    }
}

/// A command and its subcommands in Chinese.
fn localize(cmd: Command, name: &str) -> Command {
    let mut cmd = cmd
        .help_template("{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令");
    if let Some((_, about)) = ABOUT.iter().find(|(n, _)| *n == name) {
        cmd = cmd.about(*about).long_about(None::<&str>);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        // A global option (--lang, --color) is the program's own.
        let zh = ARGS
            .iter()
            .find(|(c, a, _)| *c == name && *a == id)
            .or_else(|| ARGS.iter().find(|(c, a, _)| c.is_empty() && *a == id))
            .map(|(_, _, zh)| (*zh).to_owned())
            .or_else(|| {
                FLAGS
                    .iter()
                    .find(|(a, _)| *a == id)
                    .map(|(_, zh)| (*zh).to_owned())
            });
        cmd = cmd.mut_arg(&id, |a| {
            let heading = if a.is_positional() {
                "参数"
            } else {
                "选项"
            };
            let mut help = zh.clone().unwrap_or_default();
            // Possible values and the default, in words of the help.
            let values: Vec<String> = a
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_owned())
                .collect();
            // A flag's "false" is no default worth saying.
            let default: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .filter(|v| v != "false")
                .collect();
            if !values.is_empty() {
                help.push_str(&format!("（可选：{}", values.join("、")));
                if !default.is_empty() {
                    help.push_str(&format!("；默认 {}", default.join("、")));
                }
                help.push('）');
            } else if !default.is_empty() {
                help.push_str(&format!("（默认 {}）", default.join("、")));
            }
            let a = a
                .help_heading(heading)
                .hide_possible_values(true)
                .hide_default_value(true)
                .long_help(None::<&str>);
            if zh.is_some() { a.help(help) } else { a }
        });
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    for sub in subs {
        cmd = cmd.mut_subcommand(&sub, |c| {
            let mut c = c;
            c.build();
            localize(c, &sub)
        });
    }
    cmd
}

/// A usage error in Chinese: what is wrong, in one sentence (clap's words
/// are kept for kinds this does not know).
pub fn usage_error(e: &clap::Error) -> String {
    let get = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join("、"),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let suggested = |k: ContextKind| {
        let s = get(k);
        if s.is_empty() {
            String::new()
        } else {
            format!("；是不是要写 {s}？")
        }
    };
    match e.kind() {
        ErrorKind::UnknownArgument => {
            let arg = get(ContextKind::InvalidArg);
            let what = if arg.starts_with('-') {
                "不认识的选项"
            } else {
                "多余的参数"
            };
            format!("{what}“{arg}”{}", suggested(ContextKind::SuggestedArg))
        }
        ErrorKind::InvalidSubcommand => format!(
            "不认识的子命令“{}”{}",
            get(ContextKind::InvalidSubcommand),
            suggested(ContextKind::SuggestedSubcommand)
        ),
        ErrorKind::InvalidValue => {
            let valid = get(ContextKind::ValidValue);
            let mut s = format!(
                "{} 的值“{}”不对",
                get(ContextKind::InvalidArg),
                get(ContextKind::InvalidValue)
            );
            if !valid.is_empty() {
                s.push_str(&format!("，可选：{valid}"));
            }
            s
        }
        ErrorKind::MissingRequiredArgument => {
            format!("缺少必需的参数：{}", get(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand => "缺少子命令".to_owned(),
        ErrorKind::ArgumentConflict => format!(
            "{} 不能和 {} 一起用",
            get(ContextKind::InvalidArg),
            get(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues => {
            format!("{} 只能给一次", get(ContextKind::InvalidArg))
        }
        ErrorKind::NoEquals => format!("{} 的值要用 = 连着写", get(ContextKind::InvalidArg)),
        ErrorKind::ValueValidation => format!(
            "{} 的值“{}”不对",
            get(ContextKind::InvalidArg),
            get(ContextKind::InvalidValue)
        ),
        _ => first_paragraph(&e.to_string()),
    }
}

/// The help as clap renders it, with the words clap writes itself put in
/// Chinese (its usage's `[OPTIONS]`, the colons after headings).
pub fn help_text(rendered: &str) -> String {
    rendered
        .replace("[OPTIONS]", "[选项]")
        .replace("<FILE>", "<文件>")
        .replace("[FILE]", "[文件]")
        .replace("命令:\n", "命令：\n")
        .replace("参数:\n", "参数：\n")
        .replace("选项:\n", "选项：\n")
}

/// clap's message without its usage and tips, in one line.
pub fn first_paragraph(text: &str) -> String {
    let first: Vec<&str> = text
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect();
    let first = first.join(" ");
    first.strip_prefix("error: ").unwrap_or(&first).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and option of the English command line has its
    /// Chinese, and no entry here names one that is gone.
    #[test]
    fn every_command_and_option_has_its_chinese() {
        let mut cmd = Cli::command();
        cmd.build();
        let mut seen = Vec::new();
        let mut todo = vec![(String::new(), cmd)];
        while let Some((name, c)) = todo.pop() {
            assert!(
                ABOUT.iter().any(|(n, _)| *n == name),
                "no Chinese description of `{name}`"
            );
            for a in c.get_arguments() {
                let id = a.get_id().to_string();
                if FLAGS.iter().any(|(f, _)| *f == id) || (!name.is_empty() && a.is_global_set()) {
                    continue;
                }
                assert!(
                    ARGS.iter().any(|(n, i, _)| *n == name && *i == id),
                    "no Chinese help for `{name} {id}`"
                );
                seen.push((name.clone(), id));
            }
            for s in c.get_subcommands() {
                let mut s = s.clone();
                s.build();
                todo.push((s.get_name().to_owned(), s));
            }
        }
        for (n, i, _) in ARGS {
            assert!(
                seen.iter().any(|(sn, si)| sn == n && si == i),
                "`{n} {i}` is not an option any more"
            );
        }
    }

    #[test]
    fn the_chinese_help_has_no_english_headings() {
        let help = command(Lang::Zh).render_help().to_string();
        for english in [
            "Usage:",
            "Options:",
            "Commands:",
            "Arguments:",
            "Print help",
        ] {
            assert!(!help.contains(english), "{english}:\n{help}");
        }
        let mut cmd = command(Lang::Zh);
        let check = cmd
            .find_subcommand_mut("check")
            .expect("check")
            .render_help()
            .to_string();
        assert!(
            check.contains("可选：text、json、markdown、quickfix；默认 text"),
            "{check}"
        );
    }

    #[test]
    fn usage_errors_in_chinese() {
        let e = command(Lang::Zh)
            .try_get_matches_from(["reportbench", "check", "--bogus", "x.md"])
            .unwrap_err();
        assert_eq!(usage_error(&e), "不认识的选项“--bogus”");
        let e = command(Lang::Zh)
            .try_get_matches_from(["reportbench", "check", "--format", "pdf", "x.md"])
            .unwrap_err();
        let m = usage_error(&e);
        assert!(
            m.contains("--format") && m.contains("pdf") && m.contains("json"),
            "{m}"
        );
        let e = command(Lang::Zh)
            .try_get_matches_from(["reportbench", "chek", "x.md"])
            .unwrap_err();
        assert_eq!(usage_error(&e), "多余的参数“x.md”");
        let e = command(Lang::Zh)
            .try_get_matches_from(["reportbench", "check", "--formt", "json", "x.md"])
            .unwrap_err();
        let m = usage_error(&e);
        assert!(m.contains("--formt") && m.contains("--format"), "{m}");
    }
}
