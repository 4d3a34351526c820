//! The settings of a run, composed: `config.yaml` (read through
//! `io::config_files`), with each part read by its owner — the keymap's
//! overrides by `app::keymap`, a theme by `ui::theme`, a spec by
//! `core::spec` — and the flags on top. The CLI and the workbench start here.

use crate::app::keymap::{KeyOverrides, Keymap, KeymapError};
use crate::core::lang::Lang;
use crate::core::spec::CompiledSpec;
use crate::core::yaml::parse_yaml;
use crate::io::config_files::{
    self, DEFAULT_SPEC_NAME, available_specs, load_spec_file, read_settings,
};
use crate::ui::theme::{BUILTIN, DEFAULT_THEME, Theme};
use anyhow::{Result, anyhow, bail};
use serde::Deserialize;
use std::path::Path;

/// `config.yaml`: settings that apply to every run. Unknown keys are refused.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Interface language: `zh` or `en` (default: from the locale).
    #[serde(default)]
    pub lang: Option<Lang>,
    /// The spec used when `--spec` is not given: a path or a name.
    #[serde(default)]
    pub spec: Option<String>,
    /// The reviewer's name for comments and sign-offs.
    #[serde(default)]
    pub author: Option<String>,
    /// The workbench's theme: a built-in name (dark, light, high-contrast,
    /// monochrome), a name in the config folder's `themes/`, or a path.
    #[serde(default)]
    pub theme: Option<String>,
    /// Key binding overrides for the workbench, per pane.
    #[serde(default)]
    pub keys: KeyOverrides,
    /// Where the workbench's copies go besides its own clipboard.
    #[serde(default)]
    pub clipboard: Clipboard,
}

/// `clipboard:` in `config.yaml`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Clipboard {
    /// Also to the system clipboard through the terminal (OSC 52), which
    /// reaches the user's own machine over SSH.
    #[default]
    Osc52,
    /// Only the workbench's own clipboard (terminals that show OSC 52 as
    /// text, or a policy against it).
    Off,
}

impl Config {
    /// Loads `config.yaml` from the config folder; a missing file is the
    /// default config, a broken one an error with line and column.
    pub fn load() -> Result<Config> {
        match config_files::read_config()? {
            Some((path, text)) => Config::parse(&text, &path.display().to_string()),
            None => Ok(Config::default()),
        }
    }

    /// Loads a config file (missing → default).
    pub fn load_from(path: &Path) -> Result<Config> {
        match read_settings(path)? {
            Some(text) => Config::parse(&text, &path.display().to_string()),
            None => Ok(Config::default()),
        }
    }

    /// Parses a config's text (`origin` names it in errors). Key names are
    /// checked now, not when the workbench starts.
    pub fn parse(text: &str, origin: &str) -> Result<Config> {
        if text.trim().is_empty() {
            return Ok(Config::default());
        }
        let config: Config = parse_yaml(text, origin)?;
        config.keymap().map_err(|e| {
            let KeymapError::BadKey(key) = &e;
            let (line, col) = crate::core::text::line_column(text, text.find(key).unwrap_or(0));
            anyhow!("{origin}:{line}:{col}: {e}")
        })?;
        Ok(config)
    }

    /// The default keymap with this config's overrides.
    pub fn keymap(&self) -> Result<Keymap, KeymapError> {
        let mut km = Keymap::defaults();
        km.merge(&self.keys)?;
        Ok(km)
    }
}

/// The language: the flag, else the config, else the locale
/// (`LC_ALL`, `LC_MESSAGES`, `LANG`), else Chinese.
pub fn resolve_lang(flag: Option<Lang>, config: &Config) -> Lang {
    flag.or(config.lang)
        .or_else(locale_lang)
        .unwrap_or(Lang::Zh)
}

fn locale_lang() -> Option<Lang> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .and_then(|v| Lang::from_locale(&v))
}

/// The theme: monochrome when `NO_COLOR` is set; else the flag, else the
/// config's `theme`, else `dark`. A name is a built-in theme or
/// `themes/NAME.yaml` in the config folder; anything else is a path.
pub fn resolve_theme(flag: Option<&str>, config: &Config) -> Result<Theme> {
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return Theme::builtin("monochrome").ok_or_else(|| anyhow!("no monochrome theme"));
    }
    let name = flag.or(config.theme.as_deref()).unwrap_or(DEFAULT_THEME);
    if let Some(p) = config_files::theme_file(name) {
        return load_theme_file(&p);
    }
    if let Some(t) = Theme::builtin(name) {
        return Ok(t);
    }
    let p = Path::new(name);
    if p.is_file() {
        return load_theme_file(p);
    }
    let builtin: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
    bail!(
        "no theme named `{name}` (built in: {}; or a file, or the config folder's themes/)",
        builtin.join(", ")
    )
}

fn load_theme_file(p: &Path) -> Result<Theme> {
    let src = read_settings(p)?.ok_or_else(|| anyhow!("{}: no such theme file", p.display()))?;
    Theme::from_yaml(&src, &p.display().to_string()).map_err(|e| anyhow!(e))
}

/// The spec a run checks with: one given (a flag or the config), or the
/// built-in that each report's title and headings point to.
#[derive(Debug)]
pub enum SpecChoice {
    /// Given by `--spec` or the config.
    Given(Box<CompiledSpec>),
    /// Chosen per report among the built-ins.
    Auto,
}

/// What a choice of spec is worth telling the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpecNote {
    /// The report's words chose a built-in other than the default.
    Chosen(crate::core::spec::builtin::Detection),
    /// The spec given is a built-in, but the report reads as another.
    LooksLike(crate::core::spec::builtin::Detection),
}

impl SpecNote {
    /// The note, for stderr or the status bar.
    pub fn message(&self, file: &str, lang: Lang) -> String {
        use crate::core::spec::builtin::builtin;
        let name = |id: &str| {
            builtin(id)
                .and_then(|s| s.spec.name.clone())
                .unwrap_or_else(|| id.to_owned())
        };
        match self {
            SpecNote::Chosen(d) => crate::tr!(
                lang,
                "{file}：按“{}”（{}）检查，因为{}；要用别的清单，加 --spec",
                "{file}: checked as “{}” ({}) because {}; --spec picks another",
                name(d.id),
                d.id,
                d.reason(lang)
            ),
            SpecNote::LooksLike(d) => crate::tr!(
                lang,
                "{file}：这份报告看起来是“{}”（{}，{}），不是所用清单的类型；可加 --spec {}",
                "{file}: this looks like a “{}” ({}: {}), another report type than the spec's; try --spec {}",
                name(d.id),
                d.id,
                d.reason(lang),
                d.id
            ),
        }
    }
}

impl SpecChoice {
    /// The spec for a report with `text`, and what is worth telling.
    pub fn for_text(&self, text: &str) -> (&CompiledSpec, Option<SpecNote>) {
        use crate::core::spec::builtin::{BUILTINS, choose, looks_like_another};
        match self {
            SpecChoice::Given(s) => (
                s,
                looks_like_another(&s.spec.id, text).map(SpecNote::LooksLike),
            ),
            SpecChoice::Auto => {
                let (spec, why) = choose(text);
                let note = (spec.spec.id != BUILTINS[0].id).then_some(SpecNote::Chosen(why));
                (spec, note)
            }
        }
    }
}

/// Resolves a spec argument like [`resolve_spec`]; with no argument and no
/// `spec` in the config, the built-in each report's words point to.
pub fn resolve_spec_choice(arg: Option<&str>, config: &Config) -> Result<SpecChoice> {
    match arg.or(config.spec.as_deref()) {
        None => Ok(SpecChoice::Auto),
        Some(a) => Ok(SpecChoice::Given(Box::new(resolve_spec(Some(a), config)?))),
    }
}

/// Resolves a spec argument: an existing file path; else a name in the config
/// folder's `specs/`; else a built-in (`fazhi-annual`, `xxgk-annual`).
/// `None` means the config's `spec`, else the default.
pub fn resolve_spec(arg: Option<&str>, config: &Config) -> Result<CompiledSpec> {
    let Some(arg) = arg.or(config.spec.as_deref()) else {
        return Ok(CompiledSpec::default_spec());
    };
    let path = Path::new(arg);
    if path.is_file() || arg.contains('/') || arg.ends_with(".yaml") || arg.ends_with(".yml") {
        return load_spec_file(path);
    }
    if let Some(p) = config_files::spec_file(arg) {
        return load_spec_file(&p);
    }
    if arg == DEFAULT_SPEC_NAME {
        return Ok(CompiledSpec::default_spec());
    }
    if let Some(s) = crate::core::spec::builtin::builtin(arg) {
        return Ok(s.clone());
    }
    let available = available_specs().join(", ");
    bail!(
        "no spec named `{arg}` (not a file, not in the config folder's specs/; available: {available})"
    )
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_unknown_key_has_location() {
        let dir = crate::io::testing::TestDir::new("config");
        let p = dir.join("config.yaml");
        std::fs::write(&p, "lang: en\ncolour: red\n").unwrap();
        let e = Config::load_from(&p).unwrap_err().to_string();
        assert!(e.contains("config.yaml:2:1"), "{e}");
        assert!(e.contains("unknown field `colour`"), "{e}");
        std::fs::write(&p, "lang: en\n").unwrap();
        assert_eq!(Config::load_from(&p).unwrap().lang, Some(Lang::En));
        assert!(
            Config::load_from(&dir.join("none.yaml"))
                .unwrap()
                .lang
                .is_none()
        );
    }

    #[test]
    fn bad_key_in_config_is_located() {
        let dir = crate::io::testing::TestDir::new("config-keys");
        let p = dir.join("config.yaml");
        std::fs::write(
            &p,
            "lang: en
keys:
  global:
    hyper-x: save
",
        )
        .unwrap();
        let e = Config::load_from(&p).unwrap_err().to_string();
        assert!(e.contains("config.yaml:4:5"), "{e}");
        std::fs::write(
            &p,
            "keys:
  global:
    ctrl-w: save
",
        )
        .unwrap();
        let km = Config::load_from(&p).unwrap().keymap().unwrap();
        let w = crate::app::keymap::Key::parse("ctrl-w").unwrap();
        assert_eq!(
            km.resolve(crate::app::keymap::Pane::Editor, &w),
            Some(crate::app::keymap::Action::Save)
        );
    }

    #[test]
    fn themes_resolve_by_name() {
        let c = Config {
            theme: Some("light".into()),
            ..Default::default()
        };
        if std::env::var_os("NO_COLOR").is_none() {
            assert_eq!(resolve_theme(None, &c).unwrap().name, "light");
            assert_eq!(
                resolve_theme(Some("high-contrast"), &c).unwrap().name,
                "high-contrast"
            );
            assert!(
                resolve_theme(Some("neon"), &c)
                    .unwrap_err()
                    .to_string()
                    .contains("no theme named `neon`")
            );
        }
    }

    #[test]
    fn flag_beats_config() {
        let c = Config {
            lang: Some(Lang::En),
            ..Default::default()
        };
        assert_eq!(resolve_lang(Some(Lang::Zh), &c), Lang::Zh);
        assert_eq!(resolve_lang(None, &c), Lang::En);
    }
}
