use super::*;
use crate::core::testing::Rng;
use aho_corasick::{AhoCorasick, MatchKind};

/// The automaton a word list used to be: the oracle.
fn automaton(words: &[String]) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(words)
        .expect("automaton")
}

fn agree(words: &[String], text: &str) {
    let list = WordList::new(words.to_vec()).expect("a list");
    agree_with(&list, &automaton(words), text);
}

fn agree_with(list: &WordList, ac: &AhoCorasick, text: &str) {
    let want = ac.find(text).map(|m| m.range());
    assert_eq!(list.scan(text), want, "{:?} in {text:?}", list.words);
}

fn owned(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

#[test]
fn finds_the_leftmost_word_and_the_longest_there() {
    let words = owned(&["原因", "原因是", "主要原因", "由于", "a", "ab"]);
    for text in [
        "",
        "没有",
        "主要原因是经费不足",
        "其原因是",
        "由于原因",
        "xab",
        "ba",
        "a",
        "原",
        "原因",
        "因原因是",
    ] {
        agree(&words, text);
    }
    assert!(WordList::new(Vec::new()).is_none());
}

#[test]
fn the_automaton_is_built_once_enough_was_searched_and_finds_the_same() {
    let list = WordList::new(owned(&["原因", "原因是", "由于"])).expect("a list");
    let text = "其主要原因是由于";
    let scanned = list.find(text);
    assert!(!list.automaton.is_built());
    list.automaton.count(AUTOMATON_AFTER);
    assert_eq!(list.find(text), scanned);
    assert!(list.automaton.is_built());
    assert!(list.is_match(text) && !list.is_match("没有"));
}

#[test]
fn finds_what_the_automaton_found_in_random_text() {
    // Words and texts from a few characters (CJK of several first bytes,
    // ASCII, two- and four-byte ones), so words overlap, share prefixes
    // and share a first-bytes bit: 500 lists × 40 texts, fixed seed.
    const CHARS: &[&str] = &[
        "原", "因", "是", "主", "要", "由", "于", "法", "治", "一", "丁", "鿿", "，", "。", "a",
        "b", "é", "ß", "𠀀", "😀", " ", "\n",
    ];
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for _ in 0..500 {
        let n = 1 + rng.below(8);
        let words: Vec<String> = (0..n)
            .map(|_| {
                let len = 1 + rng.below(4);
                (0..len).map(|_| CHARS[rng.below(CHARS.len())]).collect()
            })
            .collect();
        let (list, ac) = (
            WordList::new(words.clone()).expect("a list"),
            automaton(&words),
        );
        for _ in 0..40 {
            let len = rng.below(30);
            let text: String = (0..len).map(|_| CHARS[rng.below(CHARS.len())]).collect();
            agree_with(&list, &ac, &text);
        }
    }
}

#[test]
fn finds_what_the_automaton_found_in_the_drafts_with_the_built_in_lists() {
    // Every word list of both built-in specs over every paragraph of the
    // drafts, folded as the checker folds them.
    let mut lists = Vec::new();
    for b in crate::core::spec::builtin::BUILTINS {
        let spec = crate::core::spec::CompiledSpec::from_yaml(b.yaml, b.id).expect("built-in");
        for item in &spec.spec.items {
            for m in [&item.text, &item.heading, &item.body, &item.weak]
                .into_iter()
                .flatten()
            {
                let fold = |v: &[String]| -> Vec<String> {
                    v.iter()
                        .map(|w| crate::core::text::fold_for_matching(w.trim()).into_owned())
                        .collect()
                };
                lists.push(fold(&m.any));
                lists.push(fold(&m.none));
                lists.extend(m.all.iter().map(|g| fold(g)));
            }
        }
    }
    lists.retain(|l| !l.is_empty());
    assert!(lists.len() >= 30, "{} lists", lists.len());
    let lists: Vec<(WordList, AhoCorasick)> = lists
        .iter()
        .map(|l| (WordList::new(l.clone()).expect("a list"), automaton(l)))
        .collect();
    let mut compared = 0;
    for text in [
        include_str!("../../../drafts/qinghe-2023.txt"),
        include_str!("../../../drafts/qinghe-2024.md"),
        include_str!("../../../drafts/xxgk-2023.txt"),
        include_str!("../../../drafts/xxgk-2024.md"),
    ] {
        let folded = crate::core::text::fold_for_matching(text);
        for line in folded.lines() {
            for (list, ac) in &lists {
                agree_with(list, ac, line);
                compared += 1;
            }
        }
    }
    assert!(compared > 10_000, "{compared}");
}
