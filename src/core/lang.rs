//! The two languages reportbench speaks: Chinese and English.

use serde::{Deserialize, Serialize};

/// A user-interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 中文
    #[default]
    Zh,
    /// English
    En,
}

impl Lang {
    /// Picks the string for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// Chooses a language from a POSIX locale string (`zh_CN.UTF-8` → Chinese,
    /// anything else → English). `None` for an empty or `C`/`POSIX` locale.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let l = locale.trim();
        if l.is_empty() || l == "C" || l == "POSIX" || l.starts_with("C.") {
            return None;
        }
        Some(if l.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        })
    }
}

/// `tr!(lang, "中文 {x}", "English {x}")`: format in the chosen language.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $zh:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        match $lang {
            $crate::core::lang::Lang::Zh => format!($zh $(, $arg)*),
            $crate::core::lang::Lang::En => format!($en $(, $arg)*),
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_detection() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::from_locale("zh_TW"), Some(Lang::Zh));
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale("de_DE"), Some(Lang::En));
        assert_eq!(Lang::from_locale("C"), None);
        assert_eq!(Lang::from_locale(""), None);
    }

    #[test]
    fn tr_formats_each_language() {
        let n = 3;
        assert_eq!(tr!(Lang::Zh, "共{n}项", "{n} items"), "共3项");
        assert_eq!(tr!(Lang::En, "共{n}项", "{n} items"), "3 items");
    }
}
