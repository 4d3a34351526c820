//! The `not-expanded` lint: a problems-and-improvements part (the item the
//! rule names) that lists problems but says nothing of what was or will be
//! done about them — the format asks for both.

use crate::core::document::Document;
use crate::core::lang::Lang;
use crate::tr;
use std::ops::Range;

/// Words of problems.
const PROBLEM_WORDS: &[&str] = &[
    "问题",
    "不足",
    "差距",
    "短板",
    "薄弱",
    "一是",
    "不够",
    "不及时",
    "单一",
    "有待",
    "欠缺",
    "滞后",
    "不规范",
];

/// Words saying there was nothing to report.
const NONE_FOUND: &[&str] = &["未发现", "无明显问题", "没有发现"];

/// Words of improvement: what was done, what will be.
const IMPROVEMENT_WORDS: &[&str] = &[
    "改进",
    "整改",
    "下一步",
    "下步",
    "下阶段",
    "今后",
    "明年",
    "措施",
    "将进一步",
    "将继续",
    "将加强",
    "将着力",
    "将建立",
    "将完善",
    "将推进",
    "已建立",
    "已统一",
    "已组织",
    "已完成",
    "已整改",
    "针对",
];

/// Runs the rule on the section of heading `h`.
pub(super) fn not_expanded(
    doc: &Document,
    h: usize,
    lang: Lang,
    emit: &mut dyn FnMut(Range<usize>, String),
) {
    let text = doc.matching_text();
    let paras = doc.section_paragraphs(h);
    let heading_para = doc.headings()[h].paragraph;
    let body: String = paras
        .filter(|&p| p != heading_para)
        .map(|p| &text[doc.paragraphs()[p].range.clone()])
        .chain(doc.headings()[h].body.clone().map(|r| &text[r]))
        .collect();
    if body.is_empty() {
        return;
    }
    let problems = PROBLEM_WORDS.iter().any(|w| body.contains(w))
        && !NONE_FOUND.iter().any(|w| body.contains(w));
    let improved = IMPROVEMENT_WORDS.iter().any(|w| body.contains(w));
    if problems && !improved {
        let p = &doc.paragraphs()[heading_para];
        emit(
            p.range.clone(),
            tr!(
                lang,
                "这一部分只写了问题，没有写改进情况（做了什么、下一步怎么改）",
                "this part lists problems but no improvements (what was done, what will be)"
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> usize {
        let doc = Document::parse(text);
        let mut n = 0;
        not_expanded(&doc, 0, Lang::Zh, &mut |_, _| n += 1);
        n
    }

    #[test]
    fn problems_without_improvements_are_flagged() {
        assert_eq!(
            run("五、存在的主要问题及改进情况\n一是解读形式单一；二是栏目更新不及时。\n"),
            1
        );
        assert_eq!(
            run("五、存在的主要问题及改进情况\n一是解读形式单一。下一步将增加图解解读。\n"),
            0
        );
        // Nothing written: the empty-section rule says so.
        assert_eq!(run("五、存在的主要问题及改进情况\n"), 0);
        assert_eq!(
            run("五、存在的主要问题及改进情况\n本年度未发现明显问题。\n"),
            0
        );
    }
}
