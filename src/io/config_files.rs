//! Finding and reading the user's files: the config folder
//! (`$REPORTBENCH_CONFIG_DIR`, else the platform's — `~/.config/reportbench`
//! on Linux), its `config.yaml`, its `themes/` and `specs/`, and spec files
//! given by path. Reading only: what the files mean is decided by their
//! owners (`crate::config` composes the settings, `ui::theme` reads a
//! theme, `core::spec` compiles a spec).

use crate::core::spec::{CompiledSpec, DEFAULT_SPEC_YAML, MAX_SPEC_BYTES, SpecError};
use anyhow::{Context, Result, anyhow, bail};
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

/// The largest settings file read (`config.yaml`, a theme).
pub const MAX_SETTINGS_BYTES: u64 = 256 * 1024;

/// Reads a settings file: `Ok(None)` when it does not exist; one sentence
/// naming the file when it cannot be read, is not a regular file or is too
/// large.
pub fn read_settings(path: &Path) -> Result<Option<String>> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(anyhow!("{}: {e}", path.display())),
    };
    if !meta.is_file() {
        bail!("{}: is not a regular file", path.display());
    }
    if meta.len() > MAX_SETTINGS_BYTES {
        bail!(
            "{}: the file is {} bytes; a settings file may be at most {} bytes",
            path.display(),
            meta.len(),
            MAX_SETTINGS_BYTES
        );
    }
    let text = std::fs::read_to_string(path).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    Ok(Some(text))
}

/// `config.yaml` in the config folder: its path and text (`None` when there
/// is no config folder or no file).
pub fn read_config() -> Result<Option<(PathBuf, String)>> {
    let Some(dir) = config_dir() else {
        return Ok(None);
    };
    let path = dir.join("config.yaml");
    Ok(read_settings(&path)?.map(|t| (path, t)))
}

/// A theme file by name: `themes/NAME.yaml` in the config folder, if it exists.
pub fn theme_file(name: &str) -> Option<PathBuf> {
    let p = config_dir()?.join("themes").join(format!("{name}.yaml"));
    p.is_file().then_some(p)
}

/// A spec by name in the config folder's `specs/`, if it exists.
pub fn spec_file(name: &str) -> Option<PathBuf> {
    let dir = config_dir()?;
    ["yaml", "yml"]
        .iter()
        .map(|ext| dir.join("specs").join(format!("{name}.{ext}")))
        .find(|p| p.is_file())
}

/// Names of the specs that can be given by name.
pub fn available_specs() -> Vec<String> {
    let mut names: Vec<String> = crate::core::spec::builtin::BUILTINS
        .iter()
        .map(|b| b.id.to_owned())
        .collect();
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
    if !meta.is_file() {
        bail!(
            "{}: is not a regular file; give a spec file",
            path.display()
        );
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
