//! Themes: YAML files of semantic style names (`ui.checklist.missing`), with
//! fallback to the parent name (`ui.checklist`, then `ui`), so that no pane
//! hard-codes a colour. Four are built in (`themes/`); users add their own in
//! the config folder's `themes/`.

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The built-in themes: (name, YAML).
pub const BUILTIN: &[(&str, &str)] = &[
    ("dark", include_str!("../../themes/dark.yaml")),
    ("light", include_str!("../../themes/light.yaml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.yaml"),
    ),
    ("monochrome", include_str!("../../themes/monochrome.yaml")),
];

/// The theme used when none is chosen.
pub const DEFAULT_THEME: &str = "dark";

/// Every style name a theme may set (the panes ask only for these).
pub const STYLE_NAMES: &[&str] = &[
    "ui",
    "ui.border",
    "ui.border.focused",
    "ui.title",
    "ui.status",
    "ui.status.modified",
    "ui.status.hint",
    "ui.help",
    "ui.help.key",
    "ui.message",
    "ui.message.error",
    "ui.gauge",
    "ui.checklist",
    "ui.checklist.selected",
    "ui.checklist.met",
    "ui.checklist.partial",
    "ui.checklist.missing",
    "ui.checklist.na",
    "ui.lint",
    "ui.lint.error",
    "ui.lint.warning",
    "ui.lint.info",
    "ui.editor",
    "ui.editor.cursor_line",
    "ui.editor.selection",
    "ui.editor.search",
    "ui.editor.evidence",
    "ui.editor.lint",
    "ui.editor.symbol",
    "ui.editor.comment",
    "ui.editor.suggestion",
    "ui.diff",
    "ui.diff.insert",
    "ui.diff.delete",
    "ui.diff.moved",
    "ui.diff.rolled",
    "ui.figures",
    "ui.figures.up",
    "ui.figures.down",
    "ui.figures.new",
    "ui.figures.dropped",
];

/// One style as written in a theme file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    #[serde(default)]
    fg: Option<ColorSpec>,
    #[serde(default)]
    bg: Option<ColorSpec>,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    dim: bool,
    #[serde(default)]
    italic: bool,
    #[serde(default)]
    underline: bool,
    #[serde(default)]
    reverse: bool,
    #[serde(default)]
    crossed: bool,
}

/// A colour: a name, `#rrggbb`, or an index 0–255.
#[derive(Debug, Clone, Copy)]
struct ColorSpec(Color);

impl<'de> Deserialize<'de> for ColorSpec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Index(u8),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Index(i) => Ok(ColorSpec(Color::Indexed(i))),
            Raw::Text(s) => parse_color(&s).map(ColorSpec).ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "`{s}` is not a colour (a name such as `red` or `lightblue`, `#rrggbb`, or 0-255)"
                ))
            }),
        }
    }
}

/// Parses a colour name, `#rrggbb` or a decimal index.
pub fn parse_color(s: &str) -> Option<Color> {
    let t = s.trim().to_ascii_lowercase();
    if let Some(hex) = t.strip_prefix('#') {
        if hex.len() != 6 {
            return None;
        }
        let v = u32::from_str_radix(hex, 16).ok()?;
        return Some(Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8));
    }
    if let Ok(i) = t.parse::<u8>() {
        return Some(Color::Indexed(i));
    }
    Some(match t.replace(['-', '_', ' '], "").as_str() {
        "reset" | "default" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        _ => return None,
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    name: String,
    #[serde(default)]
    styles: BTreeMap<String, StyleSpec>,
}

/// A loaded theme.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Its name.
    pub name: String,
    styles: BTreeMap<String, Style>,
}

/// A theme file that cannot be used: where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}{loc}: {message}", loc = if self.line == 0 { String::new() } else { format!(":{}:{}", self.line, self.column) })]
pub struct ThemeError {
    /// The file.
    pub origin: String,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// 1-based column, 0 when unknown.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl Theme {
    /// Parses a theme. Unknown keys, unknown style names and bad colours are
    /// errors with line and column.
    pub fn from_yaml(src: &str, origin: &str) -> Result<Theme, ThemeError> {
        let err = |line: usize, column: usize, message: String| ThemeError {
            origin: origin.to_owned(),
            line,
            column,
            message,
        };
        if src.len() > 256 * 1024 {
            return Err(err(0, 0, "a theme may be at most 256 KiB".into()));
        }
        let file: ThemeFile = crate::core::yaml::parse_yaml(src, origin)
            .map_err(|e| err(e.line, e.column, e.message))?;
        let mut styles = BTreeMap::new();
        for (name, spec) in file.styles {
            if !STYLE_NAMES.contains(&name.as_str()) {
                let (line, col) = crate::core::text::line_column(src, src.find(&name).unwrap_or(0));
                return Err(err(
                    line,
                    col,
                    format!(
                        "unknown style name `{name}` (known: {})",
                        STYLE_NAMES.join(", ")
                    ),
                ));
            }
            styles.insert(name, to_style(&spec));
        }
        Ok(Theme {
            name: file.name,
            styles,
        })
    }

    /// A built-in theme by name.
    pub fn builtin(name: &str) -> Option<Theme> {
        let (n, src) = BUILTIN.iter().find(|(n, _)| *n == name)?;
        // The built-in themes are tested; failing here is a build defect.
        Some(Theme::from_yaml(src, n).unwrap_or_else(|e| panic!("built-in theme {n}: {e}")))
    }

    /// The style for a semantic name, falling back to its parents
    /// (`ui.checklist.missing` → `ui.checklist` → `ui`), else the default style.
    pub fn style(&self, name: &str) -> Style {
        let mut n = name;
        loop {
            if let Some(s) = self.styles.get(n) {
                // Parents fill what a child leaves unset.
                return match n.rfind('.') {
                    Some(dot) => self.style(&n[..dot]).patch(*s),
                    None => *s,
                };
            }
            match n.rfind('.') {
                Some(dot) => n = &n[..dot],
                None => return Style::default(),
            }
        }
    }

    /// Whether the theme uses any colour (false for monochrome).
    pub fn has_colour(&self) -> bool {
        self.styles
            .values()
            .any(|s| s.fg.is_some() || s.bg.is_some())
    }
}

fn to_style(s: &StyleSpec) -> Style {
    let mut st = Style::default();
    if let Some(c) = s.fg {
        st = st.fg(c.0);
    }
    if let Some(c) = s.bg {
        st = st.bg(c.0);
    }
    let mut m = Modifier::empty();
    for (on, flag) in [
        (s.bold, Modifier::BOLD),
        (s.dim, Modifier::DIM),
        (s.italic, Modifier::ITALIC),
        (s.underline, Modifier::UNDERLINED),
        (s.reverse, Modifier::REVERSED),
        (s.crossed, Modifier::CROSSED_OUT),
    ] {
        if on {
            m |= flag;
        }
    }
    st.add_modifier(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_themes_load_and_name_themselves() {
        for (name, _) in BUILTIN {
            let t = Theme::builtin(name).unwrap();
            assert_eq!(&t.name, name);
        }
        assert!(!Theme::builtin("monochrome").unwrap().has_colour());
        assert!(Theme::builtin("dark").unwrap().has_colour());
    }

    #[test]
    fn styles_fall_back_to_their_parents() {
        let t = Theme::from_yaml(
            "name: t\nstyles:\n  ui: {fg: white, bg: black}\n  ui.checklist.missing: {fg: red, bold: true}\n",
            "t.yaml",
        )
        .unwrap();
        let s = t.style("ui.checklist.missing");
        assert_eq!((s.fg, s.bg), (Some(Color::Red), Some(Color::Black)));
        assert!(s.add_modifier.contains(Modifier::BOLD));
        // Not set: the parent's.
        assert_eq!(t.style("ui.checklist.met").fg, Some(Color::White));
        assert_eq!(t.style("nothing").fg, None);
    }

    #[test]
    fn colours_parse() {
        assert_eq!(parse_color("#ff8000"), Some(Color::Rgb(255, 128, 0)));
        assert_eq!(parse_color("LightBlue"), Some(Color::LightBlue));
        assert_eq!(parse_color("dark-gray"), Some(Color::DarkGray));
        assert_eq!(parse_color("123"), Some(Color::Indexed(123)));
        assert_eq!(parse_color("#12"), None);
        assert_eq!(parse_color("purple-ish"), None);
    }

    #[test]
    fn bad_themes_are_located_errors() {
        let e =
            Theme::from_yaml("name: t\nstyles:\n  ui: {fg: purple-ish}\n", "t.yaml").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.message.contains("not a colour"), "{e}");
        let e = Theme::from_yaml("name: t\nstyles:\n  ui: {fg: red, blink: true}\n", "t.yaml")
            .unwrap_err();
        assert!(e.message.contains("unknown field `blink`"), "{e}");
        let e = Theme::from_yaml("name: t\nstyles:\n  ui.checklst.met: {fg: red}\n", "t.yaml")
            .unwrap_err();
        assert_eq!((e.line, e.column), (3, 3), "{e}");
        assert!(e.message.contains("unknown style name"), "{e}");
        let e = Theme::from_yaml("name: t\ncolours: {}\n", "t.yaml").unwrap_err();
        assert!(e.to_string().starts_with("t.yaml:2:"), "{e}");
    }
}
