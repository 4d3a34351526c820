//! Config folders (`directories`), `config.yaml`, language and spec resolution.
//!
//! The config folder is `$REPORTBENCH_CONFIG_DIR` when set, else the
//! platform's (`~/.config/reportbench` on Linux). It holds `config.yaml` and
//! the user's own specs in `specs/NAME.yaml`.

use crate::app::keymap::{KeyOverrides, Keymap};
use crate::core::lang::Lang;
use crate::core::spec::{CompiledSpec, DEFAULT_SPEC_YAML, MAX_SPEC_BYTES, SpecError};
use crate::ui::theme::{BUILTIN, DEFAULT_THEME, Theme};
use anyhow::{Context, Result, anyhow, bail};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The name of the embedded default spec.
pub const DEFAULT_SPEC_NAME: &str = "fazhi-annual";

/// The user's config folder, if one can be determined.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("REPORTBENCH_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", "reportbench").map(|p| p.config_dir().to_owned())
}

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
}

impl Config {
    /// Loads `config.yaml` from the config folder; a missing file is the
    /// default config, a broken one an error with line and column.
    pub fn load() -> Result<Config> {
        let Some(dir) = config_dir() else {
            return Ok(Config::default());
        };
        Self::load_from(&dir.join("config.yaml"))
    }

    /// Loads a config file (missing → default).
    pub fn load_from(path: &Path) -> Result<Config> {
        let src = match std::fs::read_to_string(path) {
            Ok(s) => s,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(anyhow!("{}: {e}", path.display())),
        };
        if src.trim().is_empty() {
            return Ok(Config::default());
        }
        let config: Config = serde_yaml::from_str(&src).map_err(|e| {
            let loc = e
                .location()
                .map(|l| format!(":{}:{}", l.line(), l.column()))
                .unwrap_or_default();
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_owned();
            anyhow!("{}{loc}: {msg}", path.display())
        })?;
        // Key names are checked now, not when the workbench starts.
        config.keymap().map_err(|e| {
            let key = match &e {
                crate::app::keymap::KeymapError::BadKey(k) => k.clone(),
            };
            let (line, col) = crate::core::text::line_column(&src, src.find(&key).unwrap_or(0));
            anyhow!("{}:{line}:{col}: {e}", path.display())
        })?;
        Ok(config)
    }

    /// The default keymap with this config's overrides.
    pub fn keymap(&self) -> Result<Keymap, crate::app::keymap::KeymapError> {
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
    if let Some(dir) = config_dir() {
        let p = dir.join("themes").join(format!("{name}.yaml"));
        if p.is_file() {
            return load_theme_file(&p);
        }
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
    let src = std::fs::read_to_string(p)
        .with_context(|| format!("{}: cannot read the theme", p.display()))?;
    Theme::from_yaml(&src, &p.display().to_string()).map_err(|e| anyhow!(e))
}

/// Resolves a spec argument: an existing file path; else a name in the config
/// folder's `specs/`; else the built-in `fazhi-annual`. `None` means the
/// config's `spec`, else the default.
pub fn resolve_spec(arg: Option<&str>, config: &Config) -> Result<CompiledSpec> {
    let Some(arg) = arg.or(config.spec.as_deref()) else {
        return Ok(CompiledSpec::default_spec());
    };
    let path = Path::new(arg);
    if path.is_file() || arg.contains('/') || arg.ends_with(".yaml") || arg.ends_with(".yml") {
        return load_spec_file(path);
    }
    if let Some(dir) = config_dir() {
        for ext in ["yaml", "yml"] {
            let p = dir.join("specs").join(format!("{arg}.{ext}"));
            if p.is_file() {
                return load_spec_file(&p);
            }
        }
    }
    if arg == DEFAULT_SPEC_NAME {
        return Ok(CompiledSpec::default_spec());
    }
    let available = available_specs().join(", ");
    bail!(
        "no spec named `{arg}` (not a file, not in the config folder's specs/; available: {available})"
    )
}

/// Names of the specs that can be given by name.
pub fn available_specs() -> Vec<String> {
    let mut names = vec![DEFAULT_SPEC_NAME.to_owned()];
    if let Some(dir) = config_dir()
        && let Ok(rd) = std::fs::read_dir(dir.join("specs"))
    {
        for e in rd.flatten() {
            let p = e.path();
            if matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
                && let Some(stem) = p.file_stem().and_then(|s| s.to_str())
            {
                names.push(stem.to_owned());
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

/// Loads and compiles a spec file (size-capped before reading; UTF-8 or GB18030).
pub fn load_spec_file(path: &Path) -> Result<CompiledSpec> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => anyhow!("{}: no such spec file", path.display()),
        _ => anyhow!("{}: {e}", path.display()),
    })?;
    if meta.is_dir() {
        bail!("{}: is a directory, not a spec file", path.display());
    }
    if meta.len() > MAX_SPEC_BYTES as u64 {
        bail!(
            "{}: the spec is {} bytes; a spec may be at most {} bytes",
            path.display(),
            meta.len(),
            MAX_SPEC_BYTES
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let (text, _) = super::load::decode(&bytes)
        .map_err(|_| anyhow!("{}: is not a text file in UTF-8 or GB18030", path.display()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    CompiledSpec::from_yaml(text, &path.display().to_string()).map_err(|e: SpecError| anyhow!(e))
}

/// The embedded default spec's YAML.
pub fn default_spec_yaml() -> &'static str {
    DEFAULT_SPEC_YAML
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_unknown_key_has_location() {
        let dir = std::env::temp_dir().join(format!("rb-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
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
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn bad_key_in_config_is_located() {
        let dir = std::env::temp_dir().join(format!("rb-config-keys-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
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
        std::fs::remove_dir_all(&dir).ok();
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
