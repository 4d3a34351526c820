//! Word's automatic numbering (`word/numbering.xml`): the list definitions,
//! and the counters that turn a paragraph's (list, level) into the label a
//! reader sees — 一、 （一） 1． — as Word counts: per abstract list, a
//! `startOverride` restarting on the list's first use, `lvlRestart`,
//! `isLgl`, `%1`…`%9` in the level text, and the suffix after it.

use super::DocxError;
use super::xml::{Ev, attr, attr_num, local, on, walk};
use crate::core::numbering_format::NumberFormat;
use std::collections::{HashMap, HashSet};

/// The longest level text kept (Word's own are under ten characters).
const MAX_LABEL_CHARS: usize = 64;

/// What follows a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Suffix {
    /// A tab (Word's default): shown as one space.
    #[default]
    Tab,
    /// A space.
    Space,
    /// Nothing.
    Nothing,
}

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
pub struct Level {
    start: u32,
    format: NumberFormat,
    text: String,
    /// 1-based level after whose use this one restarts; `Some(0)`: never.
    restart: Option<u32>,
    legal: bool,
    suffix: Suffix,
    /// The paragraph style that carries this level.
    style: Option<String>,
}

#[derive(Debug, Default)]
struct Num {
    abstract_id: String,
    /// Level → its start override.
    starts: HashMap<u8, u32>,
    /// Level → a whole level definition replacing the abstract one.
    levels: HashMap<u8, Level>,
}

/// The list definitions of a package, and the counters while its paragraphs
/// are read in order.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, [Level; 9]>,
    nums: HashMap<String, Num>,
    counters: HashMap<String, [Option<u32>; 9]>,
    used: HashSet<String>,
}

impl Numbering {
    /// Reads `word/numbering.xml`.
    pub fn parse(xml: &str) -> Result<Numbering, DocxError> {
        let mut n = Numbering::default();
        let mut abstract_id: Option<String> = None;
        let mut levels: [Level; 9] = Default::default();
        let mut level: Option<(u8, Level)> = None;
        let mut num: Option<(String, Num)> = None;
        let mut override_level: Option<u8> = None;
        walk("word/numbering.xml", xml, |ev| {
            match ev {
                Ev::Open(e, _) => match local(&e).as_str() {
                    "abstractNum" => {
                        abstract_id = attr(&e, "abstractNumId");
                        levels = Default::default();
                    }
                    "lvl" => {
                        let ilvl = attr_num::<u8>(&e, "ilvl").unwrap_or(0).min(8);
                        level = Some((
                            ilvl,
                            Level {
                                start: 1,
                                ..Level::default()
                            },
                        ));
                    }
                    "num" => {
                        num = attr(&e, "numId").map(|id| (id, Num::default()));
                    }
                    "abstractNumId" => {
                        if let (Some((_, num)), Some(v)) = (num.as_mut(), attr(&e, "val")) {
                            num.abstract_id = v;
                        }
                    }
                    "lvlOverride" => override_level = attr_num::<u8>(&e, "ilvl").map(|l| l.min(8)),
                    "startOverride" => {
                        if let (Some((_, num)), Some(l), Some(v)) =
                            (num.as_mut(), override_level, attr_num::<u32>(&e, "val"))
                        {
                            num.starts.insert(l, v);
                        }
                    }
                    name => {
                        if let Some((_, l)) = level.as_mut() {
                            match name {
                                "start" => l.start = attr_num(&e, "val").unwrap_or(1),
                                "numFmt" => {
                                    l.format = NumberFormat::from_word(
                                        attr(&e, "val").as_deref().unwrap_or("decimal"),
                                    )
                                }
                                // A label is a few characters; a hostile one is
                                // cut short rather than repeated per paragraph.
                                "lvlText" => {
                                    l.text = attr(&e, "val")
                                        .unwrap_or_default()
                                        .chars()
                                        .take(MAX_LABEL_CHARS)
                                        .collect()
                                }
                                "lvlRestart" => l.restart = attr_num(&e, "val"),
                                "isLgl" => l.legal = on(&e),
                                "suff" => {
                                    l.suffix = match attr(&e, "val").as_deref() {
                                        Some("space") => Suffix::Space,
                                        Some("nothing") => Suffix::Nothing,
                                        _ => Suffix::Tab,
                                    }
                                }
                                "pStyle" => l.style = attr(&e, "val"),
                                _ => {}
                            }
                        }
                    }
                },
                Ev::Close(name) => match name.as_str() {
                    "lvl" => {
                        if let Some((i, l)) = level.take() {
                            match (num.as_mut(), override_level) {
                                (Some((_, num)), Some(o)) => {
                                    num.levels.insert(o, l);
                                }
                                _ => levels[i as usize] = l,
                            }
                        }
                    }
                    "abstractNum" => {
                        if let Some(id) = abstract_id.take() {
                            n.abstracts.insert(id, std::mem::take(&mut levels));
                        }
                    }
                    "lvlOverride" => override_level = None,
                    "num" => {
                        if let Some((id, num)) = num.take() {
                            n.nums.insert(id, num);
                        }
                    }
                    _ => {}
                },
                Ev::Text(_) => {}
            }
            Ok(())
        })?;
        Ok(n)
    }

    /// The level of list `num_id` that paragraph style `style` carries.
    pub fn level_of_style(&self, num_id: &str, style: &str) -> Option<u8> {
        let num = self.nums.get(num_id)?;
        let levels = self.abstracts.get(&num.abstract_id)?;
        levels
            .iter()
            .position(|l| l.style.as_deref() == Some(style))
            .map(|i| i as u8)
    }

    fn level(&self, num: &Num, ilvl: u8) -> Option<Level> {
        let mut level = match num.levels.get(&ilvl) {
            Some(l) => l.clone(),
            None => self.abstracts.get(&num.abstract_id)?[ilvl as usize].clone(),
        };
        if let Some(start) = num.starts.get(&ilvl) {
            level.start = *start;
        }
        Some(level)
    }

    /// Counts one paragraph of list `num_id` at level `ilvl` and returns its
    /// label with the suffix (`None`: no list, or `numId` 0 which removes
    /// numbering).
    pub fn next_label(&mut self, num_id: &str, ilvl: u8) -> Option<String> {
        let ilvl = ilvl.min(8);
        let num = self.nums.get(num_id)?;
        let abstract_id = num.abstract_id.clone();
        let levels: Vec<Option<Level>> = (0..9).map(|i| self.level(num, i)).collect();
        let this = levels[ilvl as usize].clone()?;
        // A start override restarts its level the first time the list is used.
        let first_use = self.used.insert(num_id.to_owned());
        let restart: Vec<u8> = if first_use {
            num.starts.keys().copied().collect()
        } else {
            Vec::new()
        };
        let counters = self.counters.entry(abstract_id).or_insert([None; 9]);
        for l in restart {
            counters[l as usize] = None;
        }
        counters[ilvl as usize] = Some(match counters[ilvl as usize] {
            Some(c) => c.saturating_add(1),
            None => this.start,
        });
        for deeper in (ilvl as usize + 1)..9 {
            let restarts = match levels[deeper].as_ref().and_then(|l| l.restart) {
                None => true,
                Some(r) => u32::from(ilvl) < r,
            };
            if restarts {
                counters[deeper] = None;
            }
        }
        // A bullet adds nothing a check could read (and a short line that
        // starts with one looks like page furniture).
        if this.format == NumberFormat::Bullet {
            return Some(String::new());
        }
        let mut label = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
                && (1..=9).contains(&d)
            {
                chars.next();
                let k = (d - 1) as usize;
                let level = levels[k].clone().unwrap_or_default();
                let value = counters[k].unwrap_or(level.start);
                let format = if this.legal {
                    NumberFormat::Decimal
                } else {
                    level.format
                };
                label.push_str(&format.write(value));
            } else {
                label.push(c);
            }
        }
        if !label.is_empty() {
            match this.suffix {
                Suffix::Tab | Suffix::Space => label.push(' '),
                Suffix::Nothing => {}
            }
        }
        Some(label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn numbering(body: &str) -> Numbering {
        Numbering::parse(&format!("<w:numbering {W}>{body}</w:numbering>")).unwrap()
    }

    fn lvl(i: u8, fmt: &str, text: &str, extra: &str) -> String {
        format!(
            r#"<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:suff w:val="nothing"/>{extra}</w:lvl>"#
        )
    }

    fn official() -> String {
        format!(
            r#"<w:abstractNum w:abstractNumId="0">{}{}{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
            lvl(0, "chineseCounting", "%1、", ""),
            lvl(1, "chineseCounting", "（%2）", ""),
            lvl(2, "decimal", "%3．", ""),
            lvl(3, "decimal", "（%4）", ""),
        )
    }

    #[test]
    fn the_official_hierarchy_counts_and_restarts() {
        let mut n = numbering(&official());
        let mut labels = Vec::new();
        for l in [0, 1, 1, 2, 2, 3, 1, 0, 1, 2] {
            labels.push(n.next_label("1", l).unwrap());
        }
        assert_eq!(
            labels,
            [
                "一、",
                "（一）",
                "（二）",
                "1．",
                "2．",
                "（1）",
                "（三）",
                "二、",
                "（一）",
                "1．"
            ]
        );
        assert_eq!(n.next_label("9", 0), None);
    }

    #[test]
    fn counters_belong_to_the_abstract_list_and_overrides_restart() {
        let body = format!(
            r#"{}<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#,
            official()
        );
        let mut n = numbering(&body);
        assert_eq!(n.next_label("1", 0).unwrap(), "一、");
        assert_eq!(n.next_label("1", 1).unwrap(), "（一）");
        assert_eq!(n.next_label("1", 1).unwrap(), "（二）");
        // Another w:num of the same abstract list goes on counting level 0,
        // and its override restarts level 1 on its first use.
        assert_eq!(n.next_label("2", 1).unwrap(), "（一）");
        assert_eq!(n.next_label("2", 0).unwrap(), "二、");
        assert_eq!(n.next_label("1", 0).unwrap(), "三、");
    }

    #[test]
    fn legal_numbering_restart_rules_and_suffixes() {
        let body = format!(
            r#"<w:abstractNum w:abstractNumId="5">{}{}{}</w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="5"/></w:num>"#,
            lvl(0, "chineseCounting", "第%1章", ""),
            r#"<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%2"/></w:lvl>"#,
            lvl(2, "decimal", "%3)", r#"<w:lvlRestart w:val="0"/>"#),
        );
        let mut n = numbering(&body);
        assert_eq!(n.next_label("3", 0).unwrap(), "第一章");
        // isLgl: the chapter's number in Arabic; a tab suffix shows as a space.
        assert_eq!(n.next_label("3", 1).unwrap(), "1.1 ");
        assert_eq!(n.next_label("3", 2).unwrap(), "1)");
        assert_eq!(n.next_label("3", 0).unwrap(), "第二章");
        // lvlRestart 0: level 2 never restarts.
        assert_eq!(n.next_label("3", 2).unwrap(), "2)");
    }
}
