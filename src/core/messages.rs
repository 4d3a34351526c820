//! Error messages in the user's language. An error's text is written once,
//! in English, where the error is made (`#[error(…)]`, `bail!`, a
//! context); this catalogue gives each of those templates its Chinese, the
//! way gettext keys translations by the source text. A message is matched
//! against the templates (`{}` stands for a value: a path, a number, an
//! inner message — which is translated in its turn), and one that matches
//! none keeps its English. A test (`tests/messages.rs`) reads every error
//! template in `src/` and fails when one has no entry in `messages_zh`, so a new
//! message cannot arrive in English only.

use crate::core::lang::Lang;
use regex::Regex;
use std::sync::OnceLock;

pub use super::messages_zh::CATALOGUE;

/// Values translated inside values at most this deep.
const DEPTH: usize = 3;

/// The catalogue's templates as anchored patterns.
fn compiled() -> &'static [(Regex, &'static str)] {
    static C: OnceLock<Vec<(Regex, &'static str)>> = OnceLock::new();
    C.get_or_init(|| {
        // The most specific first: "item `{}` {}" must not take a message
        // a longer template says exactly.
        let mut entries: Vec<&(&str, &str)> = CATALOGUE.iter().collect();
        entries.sort_by_key(|(en, _)| std::cmp::Reverse(en.replace("{}", "").len()));
        entries
            .into_iter()
            .filter_map(|(en, zh)| {
                let parts: Vec<String> = en.split("{}").map(regex::escape).collect();
                Regex::new(&format!("^{}$", parts.join("(.*?)")))
                    .ok()
                    .map(|re| (re, *zh))
            })
            .collect()
    })
}

/// One message (an error's own text, without its causes) in `lang`.
pub fn localize(text: &str, lang: Lang) -> String {
    match lang {
        Lang::En => text.to_owned(),
        Lang::Zh => zh(text, DEPTH),
    }
}

/// An error and its causes as one sentence in `lang`, each cause after a
/// colon.
pub fn localize_chain(causes: &[String], lang: Lang) -> String {
    let sep = lang.pick("：", ": ");
    causes
        .iter()
        .map(|c| localize(c, lang))
        .collect::<Vec<_>>()
        .join(sep)
}

fn zh(text: &str, depth: usize) -> String {
    for (re, template) in compiled() {
        if let Some(caps) = re.captures(text) {
            let values: Vec<String> = caps
                .iter()
                .skip(1)
                .map(|m| {
                    let v = m.map_or("", |m| m.as_str());
                    if depth > 0 {
                        zh(v, depth - 1)
                    } else {
                        v.to_owned()
                    }
                })
                .collect();
            return fill(template, &values);
        }
    }
    // A located message ("file:3:5: what is wrong", "path: what"): the
    // place stays, the message is translated.
    if depth > 0
        && let Some((place, rest)) = text.split_once(": ")
        && !place.is_empty()
        && !rest.is_empty()
    {
        let rest = zh(rest, depth - 1);
        if rest != text[place.len() + 2..] {
            return format!("{place}：{rest}");
        }
    }
    text.to_owned()
}

/// The Chinese template with `{N}` replaced by the N-th value.
fn fill(template: &str, values: &[String]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find('}').map(|j| (&after[..j], j)) {
            Some((n, j)) if n.parse::<usize>().is_ok() => {
                let n: usize = n.parse().unwrap_or(0);
                out.push_str(values.get(n.wrapping_sub(1)).map_or("", String::as_str));
                rest = &after[j + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_the_values_inside_them_are_translated() {
        assert_eq!(
            localize("/tmp/a.md: no such file", Lang::Zh),
            "/tmp/a.md：没有这个文件"
        );
        assert_eq!(
            localize("/tmp/a.md: no such file", Lang::En),
            "/tmp/a.md: no such file"
        );
        // An io::Error inside, and a save step.
        assert_eq!(
            localize(
                "d.md: the save failed while writing (No space left on device (os error 28)); the original is untouched and the text is kept",
                Lang::Zh
            ),
            "d.md：保存时写入失败（磁盘空间已满）；原文件没有改动，文字还在"
        );
        // A located message: the place kept, the words translated.
        assert_eq!(
            localize("config.yaml:3:1: missing field `name`", Lang::Zh),
            "config.yaml:3:1：缺少字段“name”"
        );
        // A format's own words after a path.
        assert_eq!(
            localize("r.pdf: is a PDF with no text on any page", Lang::Zh),
            "r.pdf：是每一页都没有文字的 PDF"
        );
        // The longer template wins over a shorter one that also matches.
        assert_eq!(
            localize(
                "spec.yaml:9:5: item `a` is the table `t`, which is not a table id of this spec",
                Lang::Zh
            ),
            "spec.yaml:9:5：要素“a”对应的表格“t”不是本清单的表格 id"
        );
        assert_eq!(
            localize(
                "spec.yaml:9:5: item `a` heading: an `all` group must not be empty",
                Lang::Zh
            ),
            "spec.yaml:9:5：要素“a”的 `heading`：`all` 组不能为空"
        );
        // Nothing known: as it was.
        assert_eq!(localize("something else", Lang::Zh), "something else");
        assert_eq!(
            localize_chain(&["a".into(), "cannot draw".into()], Lang::Zh),
            "a：无法绘制屏幕"
        );
    }

    #[test]
    fn every_template_compiles_and_fills_its_values() {
        assert_eq!(compiled().len(), CATALOGUE.len());
        for (en, zh) in CATALOGUE {
            let n = en.matches("{}").count();
            for i in 1..=n {
                assert!(
                    zh.contains(&format!("{{{i}}}")),
                    "{en} → {zh}: {{{i}}} missing"
                );
            }
            assert!(!zh.contains(&format!("{{{}}}", n + 1)), "{zh}");
        }
        assert_eq!(fill("{2}和{1}{x}", &["a".into(), "b".into()]), "b和a{x}");
    }
}
