//! Units after a number: the spec's unit words longest first, normalised
//! (人次 before 人, 万元 before 元), interned.

use super::*;

/// A unit as a `Cow`: borrowed from a static table when it is a common one.
pub(super) fn intern_unit(u: &str) -> Cow<'static, str> {
    const COMMON: &[&str] = &[
        "件",
        "宗",
        "起",
        "份",
        "个",
        "项",
        "次",
        "场",
        "场次",
        "批",
        "批次",
        "人",
        "名",
        "人次",
        "户",
        "家",
        "家次",
        "万元",
        "亿元",
        "元",
        "%",
        "篇",
        "条",
        "期",
        "所",
        "张",
        "册",
        "部",
        "支",
        "宗次",
        "个次",
        "平方米",
        "亩",
    ];
    match COMMON.iter().find(|c| **c == u) {
        Some(c) => Cow::Borrowed(c),
        None => Cow::Owned(u.to_owned()),
    }
}

pub(super) fn finish_unit<'a>(
    s: &str,
    value: f64,
    mut approx: bool,
    j: usize,
    unit: &'a str,
    len: usize,
) -> Option<Finished<'a>> {
    let end = j + len;
    // 个月, 次日, 人民 …: only looked up when the next character could make one.
    let next = s[end..].chars().next();
    if next.is_some_and(|n| NOT_COUNT_FOLLOWERS.contains(&n))
        && NOT_COUNTS
            .iter()
            .any(|w| s[j..].starts_with(w) && w.len() > len)
    {
        return None;
    }
    if APPROX_AFTER_UNIT.iter().any(|w| s[end..].starts_with(*w)) {
        approx = true;
    }
    Some(Finished {
        value,
        unit: normalize_unit(unit),
        approx,
        end,
    })
}

pub(super) fn normalize_unit(u: &str) -> &str {
    // Full-width ％ is matched as "%" already; kept for units written so in a spec.
    match u {
        "％" => "%",
        other => other,
    }
}

/// The units, grouped by their first character (longest first within each),
/// sorted by that character for binary search.
pub(super) struct Units<'a> {
    by_first: Vec<(char, Vec<&'a str>)>,
}

impl<'a> Units<'a> {
    pub(super) fn new(units: &'a [String]) -> Self {
        let mut by_first: Vec<(char, Vec<&'a str>)> = Vec::new();
        for u in units {
            if let Some(c) = u.chars().next() {
                match by_first.iter_mut().find(|e| e.0 == c) {
                    Some(e) => e.1.push(u.as_str()),
                    None => by_first.push((c, vec![u.as_str()])),
                }
            }
        }
        by_first.sort_by_key(|e| e.0);
        Units { by_first }
    }

    pub(super) fn starting_with(&self, c: char) -> Option<&[&'a str]> {
        self.by_first
            .binary_search_by_key(&c, |e| e.0)
            .ok()
            .map(|i| self.by_first[i].1.as_slice())
    }
}

/// The unit at byte `j`: (unit as listed, bytes it takes in the text).
pub(super) fn match_unit<'a>(s: &str, j: usize, units: &Units<'a>) -> Option<(&'a str, usize)> {
    let rest = &s[j..];
    let first = rest.chars().next()?;
    if first == '％' {
        return units.starting_with('%').map(|_| ("%", '％'.len_utf8()));
    }
    units
        .starting_with(first)?
        .iter()
        .find(|u| rest.starts_with(**u))
        .map(|u| (*u, u.len()))
}
