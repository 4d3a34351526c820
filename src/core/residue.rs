//! Web residue: navigation, sharing and page-furniture lines left in text
//! copied from a government portal.

use super::text::trim;
use crate::core::spec::words::WordList;

/// Phrases that only page furniture contains (matched in short lines).
const MARKERS: &[&str] = &[
    "您当前所在位置",
    "您当前的位置",
    "您所在的位置",
    "您现在的位置",
    "当前位置：",
    "当前位置:",
    "首页 >",
    "首页>",
    "首页 》",
    "来源:",
    "来源：",
    "发布时间",
    "发布日期",
    "更新时间",
    "字体大小",
    "字体:",
    "字体：",
    "字号:",
    "字号：",
    "【大 中 小】",
    "【小】",
    "保护视力色",
    "视力保护色",
    "扫一扫",
    "分享到",
    "打印本页",
    "【打印】",
    "【 打印 】",
    "关闭窗口",
    "浏览次数",
    "阅读次数",
    "点击数",
    "次浏览",
    "选择语言",
    "无障碍",
    "简体|",
    "简体 |",
    "| 繁体",
    "今天是",
    "上一篇",
    "下一篇",
    "手机版",
    "智能问答",
    "机构专页",
    "索引号",
    "主题分类",
    "体裁分类",
    "服务对象",
    "小程序",
    "关注 · 微信",
    "文章来源",
    "信息来源",
    "责任编辑",
    "在手机打开",
    "收藏本页",
];

/// [`MARKERS`] as a spec's kind of word list (a bit per first character,
/// an automaton only once a long text was scanned), not an automaton built
/// in every process: that took longer than a report's scans with it.
fn markers() -> Option<&'static WordList> {
    static LIST: std::sync::OnceLock<Option<WordList>> = std::sync::OnceLock::new();
    WordList::fixed(&LIST, MARKERS)
}

/// Whole lines that are furniture on their own.
const WHOLE_LINES: &[&str] = &[
    "附件:",
    "附件：",
    "微信",
    "微博",
    "分享",
    "打印",
    "关闭",
    "返回顶部",
    "文号",
    "关键词",
    "添加",
    "【",
    "】",
];

/// The longest line (in characters) that can be residue.
pub const MAX_RESIDUE_CHARS: usize = 80;

/// How a document reader marks the footnotes and endnotes it puts after
/// the body: their text is the author's, never page furniture.
pub const NOTE_LABELS: [&str; 2] = ["脚注：", "尾注："];

/// True when `line` is navigation, sharing or page furniture.
pub fn is_residue_line(line: &str) -> bool {
    let t = trim(line);
    if t.is_empty() || NOTE_LABELS.iter().any(|l| t.starts_with(l)) {
        return false;
    }
    // A character takes at most 4 bytes: long lines are body text without counting.
    if t.len() > MAX_RESIDUE_CHARS * 4 {
        return false;
    }
    let n = t.chars().count();
    if n > MAX_RESIDUE_CHARS {
        return false;
    }
    // A Markdown table's delimiter row (`|---|:--:|`) is structure.
    if t.contains('-') && t.contains('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
        return false;
    }
    // Only symbols: a stray "|", "×", "•", ">".
    if t.chars().all(|c| !c.is_alphanumeric()) {
        return true;
    }
    // Short bulleted list items of page metadata.
    if (t.starts_with('•') || t.starts_with('·')) && n <= 40 {
        return true;
    }
    if WHOLE_LINES.contains(&t) {
        return true;
    }
    if markers().is_some_and(|w| w.is_match(t)) {
        return true;
    }
    is_date_banner(t)
}

/// "2019年12月3日星期二" style banners.
fn is_date_banner(t: &str) -> bool {
    (t.contains("星期") || t.contains("农历")) && t.contains('年') && t.contains('日')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_furniture() {
        for l in [
            "您当前所在位置: 首页 > 政务公开 > 正文",
            "来源: 东源县人民政府  时间: 2024-11-26",
            "保护视力色:",
            "分享到:",
            "|",
            "×",
            "• 法制",
            "扫一扫在手机打开当前页",
            "云溪县人民政府 2025年3月3日星期一",
            "附件:",
            "字体大小:",
        ] {
            assert!(is_residue_line(l), "{l}");
        }
    }

    #[test]
    fn body_text_is_not_residue() {
        for l in [
            "一、工作开展情况",
            "2024年，我镇坚持依法行政，推进法治政府建设。",
            "青禾镇2024年度法治政府建设情况报告",
            "",
        ] {
            assert!(!is_residue_line(l), "{l}");
        }
        // Long paragraphs that mention a marker word are body text.
        let long = format!("来源:{}", "正文".repeat(60));
        assert!(!is_residue_line(&long));
    }
}
