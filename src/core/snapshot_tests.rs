use super::*;
use crate::core::testing::Rng;

fn text_of(lines: &[String]) -> String {
    lines.join("\n")
}

/// `n` lines of Chinese text of random lengths (some empty, some long).
fn lines(rng: &mut Rng, n: usize) -> Vec<String> {
    (0..n)
        .map(|_| {
            let len = match rng.below(10) {
                0 => 0,
                1 => 1000 + rng.below(6_000),
                _ => rng.below(200),
            };
            (0..len)
                .map(|k| ['法', '治', '。', '2', 'a'][(k + len) % 5])
                .collect()
        })
        .collect()
}

#[test]
fn a_fresh_snapshot_holds_the_text_and_its_size() {
    for ls in [
        vec![String::new()],
        vec!["一".to_owned()],
        vec!["一".to_owned(), String::new(), "三".to_owned()],
        vec!["长".repeat(100_000)],
    ] {
        let s = TextSnapshot::of_lines(&ls);
        assert_eq!(s.joined(), text_of(&ls));
        assert_eq!(s.len(), text_of(&ls).len());
        assert_eq!(s.lines(), ls.len());
    }
    let mut rng = Rng(7);
    let ls = lines(&mut rng, 3000);
    let s = TextSnapshot::of_lines(&ls);
    assert_eq!(s.joined(), text_of(&ls));
    assert!(s.chunks() > 3, "{} chunks", s.chunks());
    // Its pieces, one after the other, are the text.
    assert_eq!(s.pieces().concat(), text_of(&ls));
    assert_eq!(s.pieces().len(), 2 * s.chunks() - 1);
}

#[test]
fn an_update_shares_the_chunks_of_unchanged_lines_and_holds_the_new_text() {
    let mut rng = Rng(0x5eed_cafe);
    let mut now = lines(&mut rng, 2500);
    let mut snap = TextSnapshot::of_lines(&now);
    for step in 0..400 {
        let before = now.clone();
        // An edit: lines replaced, inserted or removed at a random place.
        let at = rng.below(now.len());
        let old = rng.below(4).min(now.len() - at);
        let new = rng.below(4);
        let fresh = lines(&mut rng, new);
        now.splice(at..at + old, fresh);
        if now.is_empty() {
            now.push(String::new());
        }
        // What the editor would say: lines before `at` and after the
        // edited ones are as they were; sometimes it says less than it
        // could (a merged span of several edits).
        let mut prefix = at.min(now.len());
        let mut suffix = (before.len() - at - old).min(now.len() - prefix);
        if rng.below(3) == 0 {
            prefix = prefix.saturating_sub(rng.below(50));
            suffix = suffix.saturating_sub(rng.below(50));
        }
        let next = snap.updated(&now, prefix, suffix);
        assert_eq!(next.joined(), text_of(&now), "step {step}");
        assert_eq!(next.len(), text_of(&now).len(), "step {step}");
        assert_eq!(next.lines(), now.len(), "step {step}");
        // Far from the edit, nothing was built again.
        if prefix > 1200 {
            assert!(next.shares_line_with(&snap, 0), "step {step}");
        }
        snap = next;
    }
    // Four hundred edits in random places: the chunks stay near what the
    // text needs.
    assert!(
        snap.chunks() <= 2 * (snap.len() / CHUNK_BYTES) + 16,
        "{} chunks for {} bytes",
        snap.chunks(),
        snap.len()
    );
}

#[test]
fn one_typed_character_builds_one_chunk_again() {
    let mut rng = Rng(99);
    let mut now = lines(&mut rng, 5000);
    let snap = TextSnapshot::of_lines(&now);
    let row = 2500;
    now[row].push('甲');
    let next = snap.updated(&now, row, now.len() - row - 1);
    assert_eq!(next.joined(), text_of(&now));
    let rebuilt = (0..now.len())
        .filter(|&l| !next.shares_line_with(&snap, l))
        .count();
    let chunk_lines = (0..now.len())
        .filter(|&l| {
            // Lines in the same chunk as the edited row.
            let mut first = 0;
            for c in &next.chunks {
                if l < first + c.lines {
                    return row >= first && row < first + c.lines;
                }
                first += c.lines;
            }
            false
        })
        .count();
    assert_eq!(rebuilt, chunk_lines);
    assert!(rebuilt < now.len() / 4, "{rebuilt} of {} lines", now.len());
}

#[test]
fn counts_that_do_not_fit_give_a_fresh_snapshot() {
    let a: Vec<String> = ["一", "二", "三"].map(String::from).to_vec();
    let snap = TextSnapshot::of_lines(&a);
    let b: Vec<String> = ["甲"].map(String::from).to_vec();
    let next = snap.updated(&b, 2, 2);
    assert_eq!(next.joined(), "甲");
    assert_eq!(next.lines(), 1);
}
