//! The year-over-year diff view (F3) and the figures view (F4), driven by
//! key events and drawn on ratatui's TestBackend; snapshots at 120×40 and
//! 80×24 live in `tests/snapshots/` (UPDATE_SNAPSHOTS=1 rewrites them).

mod common;

use common::bench::Bench;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use reportbench::app::state::{FigureFilter, View};
use reportbench::core::compare::{FigureChange, ParaStatus};
use reportbench::core::lang::Lang;
use reportbench::ui::theme::Theme;
use std::path::Path;

/// The 2024 draft with the 2023 report as `--previous` (relative paths:
/// tests run in the package folder, and snapshots must not hold a checkout's
/// absolute path).
fn open(lang: Lang, previous: bool) -> Bench {
    let mut o = common::bench::open(Path::new("drafts/qinghe-2024.md")).lang(lang);
    if previous {
        o = o.previous(Path::new("drafts/qinghe-2023.txt"));
    }
    o.start()
}

/// The style of the first cell whose symbol is `sym` on row `y` from column `x0`.
fn style_of(buf: &Buffer, y: u16, x0: u16, sym: &str) -> ratatui::style::Style {
    (x0..buf.area.width)
        .map(|x| &buf[(x, y)])
        .find(|c| c.symbol() == sym)
        .map(|c| c.style())
        .unwrap_or_else(|| panic!("no {sym} on row {y}"))
}

#[test]
fn diff_view_side_by_side_at_120x40() {
    let mut b = open(Lang::Zh, true);
    b.press(KeyCode::F(3));
    assert_eq!(b.s().view(), View::Diff);
    let s = b.screen(120, 40);
    common::assert_snapshot("diff-120x40-zh", &s);
    let first = s.lines().next().unwrap();
    let sum = b.s().comparison().unwrap().summary;
    assert!(
        first.contains(&format!("修改{}", sum.changed))
            && first.contains(&format!("删除{}", sum.removed))
            && first.contains(&format!("{:.0}%", sum.carried_over_ratio * 100.0)),
        "{first}"
    );
    // Side by side: last year left, this year right, aligned on one row.
    let title_row = s.lines().nth(2).unwrap();
    assert!(
        title_row.contains("青禾镇2023年度") && title_row.contains("青禾镇2024年度"),
        "{title_row}"
    );
}

#[test]
fn rolled_years_are_dimmed_and_edits_highlighted() {
    let mut b = open(Lang::En, true);
    b.press(KeyCode::F(3));
    let buf = b.frame(120, 40);
    let theme = Theme::builtin("dark").unwrap();
    // Row 2: the titles, equal but for the year: the 4 on the right is dimmed.
    let mid = 60;
    let rolled = style_of(&buf, 2, mid, "4");
    assert_eq!(rolled.fg, theme.style("ui.diff.rolled").fg);
    // Row 4: the opening paragraph was edited: inserted words highlighted.
    let row: String = (mid..120)
        .map(|x| buf[(x, 4)].symbol().to_owned())
        .collect();
    assert!(row.contains('实'), "{row}");
    let inserted = style_of(&buf, 4, mid, "实");
    assert_eq!(inserted.fg, theme.style("ui.diff.insert").fg);
    assert_ne!(rolled.fg, inserted.fg);
    // Inside that edited paragraph, 2023年 → 2024年 is a roll, not an edit:
    // dimmed on both sides.
    assert_eq!(style_of(&buf, 4, mid, "4").fg, rolled.fg);
    assert_eq!(style_of(&buf, 4, 0, "3").fg, rolled.fg);
}

#[test]
fn the_redline_reads_rolled_years_as_this_years() {
    let mut b = open(Lang::Zh, true);
    b.press(KeyCode::F(3));
    let s = b.screen(80, 24);
    // Stacked: the opening paragraph starts 2024年, not 20234年.
    let row = s.lines().nth(3).unwrap();
    assert!(row.contains("~2024年是"), "{row}");
}

#[test]
fn diff_view_stacked_at_80x24() {
    let mut b = open(Lang::Zh, true);
    b.press(KeyCode::F(3));
    b.press(KeyCode::Char('n'));
    let s = b.screen(80, 24);
    common::assert_snapshot("diff-80x24-zh", &s);
    // Stacked: no column divider inside the view.
    let row = s.lines().nth(3).unwrap();
    assert!(!row.trim_matches('│').contains('│'), "{s}");
    let s = b.screen(80, 24);
    assert!(
        s.contains("修改 · 去年第"),
        "the selected change is described: {s}"
    );
}

#[test]
fn next_previous_change_toggle_and_jump() {
    let mut b = open(Lang::En, true);
    b.press(KeyCode::F(3));
    let cmp = b.s().comparison().unwrap().clone();
    let changes: Vec<usize> = (0..cmp.paragraphs.len())
        .filter(|&i| cmp.paragraphs[i].status != ParaStatus::Unchanged)
        .collect();
    assert_eq!(b.s().diff().selected, 0);
    b.press(KeyCode::Char('n'));
    assert_eq!(b.s().diff().selected, changes[0]);
    b.press(KeyCode::Char('n'));
    assert_eq!(b.s().diff().selected, changes[1]);
    b.press(KeyCode::Char('p'));
    assert_eq!(b.s().diff().selected, changes[0]);
    // Only changes: every entry shown is a change, and the count says so.
    b.press(KeyCode::Char('c'));
    assert!(b.s().diff().only_changes);
    let shown = b.s().diff_entries();
    assert_eq!(shown, changes);
    let s = b.screen(120, 40);
    assert!(s.lines().next().unwrap().contains("only changes"), "{s}");
    // Enter: the editor at the same paragraph of this year's text.
    while cmp.paragraphs[b.s().diff().selected].new.is_none()
        || cmp.paragraphs[b.s().diff().selected].status != ParaStatus::Changed
    {
        b.press(KeyCode::Char('n'));
    }
    let n = cmp.paragraphs[b.s().diff().selected].new.unwrap();
    let line = b.s().doc().paragraphs()[n].line;
    b.press(KeyCode::Enter);
    assert_eq!(b.s().view(), View::Workbench);
    assert_eq!(b.s().editor().cursor().0 + 1, line);
    // Keys in the view never edit the text.
    let before = b.s().text();
    b.press(KeyCode::F(3));
    for c in "jkxyz".chars() {
        b.press(KeyCode::Char(c));
    }
    assert_eq!(b.s().text(), before);
    assert!(!b.s().is_modified());
    // F3 again (or Esc) goes back.
    b.press(KeyCode::Esc);
    assert_eq!(b.s().view(), View::Workbench);
}

#[test]
fn the_comparison_follows_the_text() {
    let mut b = open(Lang::En, true);
    // Type a new paragraph at the end, then look: it is an added paragraph.
    let last = b.s().editor().lines().len();
    b.key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL));
    b.type_str(&last.to_string());
    b.press(KeyCode::Enter);
    b.press(KeyCode::End);
    b.press(KeyCode::Enter);
    for c in "本段是新写的一段话，用来检查对比视图是否跟上。".chars() {
        b.press(KeyCode::Char(c));
    }
    b.press(KeyCode::F(3));
    let cmp = b.s().comparison().unwrap();
    assert!(cmp.paragraphs.iter().any(|p| {
        p.status == ParaStatus::Added
            && p.new
                .is_some_and(|n| b.s().doc().paragraph_text(n).starts_with("本段是新写的"))
    }));
}

#[test]
fn diff_view_needs_previous() {
    let mut b = open(Lang::En, false);
    b.press(KeyCode::F(3));
    assert_eq!(b.s().view(), View::Workbench);
    let (m, _) = b.s().message().cloned().unwrap();
    assert!(m.contains("--previous"), "{m}");
    // The Alt-3 twin does the same.
    b.key(KeyEvent::new(KeyCode::Char('3'), KeyModifiers::ALT));
    assert_eq!(b.s().view(), View::Workbench);
}

#[test]
fn figures_view_at_120x40_and_80x24() {
    let mut b = open(Lang::Zh, true);
    b.press(KeyCode::F(4));
    assert_eq!(b.s().view(), View::Figures);
    let s = b.screen(120, 40);
    common::assert_snapshot("figures-120x40-zh", &s);
    assert!(s.contains("去年的计划："), "{s}");
    assert!(s.contains("去年▒ 今年█"), "{s}");
    let mut b = open(Lang::En, true);
    b.press(KeyCode::F(4));
    let s = b.screen(80, 24);
    common::assert_snapshot("figures-80x24-en", &s);
    assert!(s.contains("last year") && s.contains("this year"), "{s}");
}

#[test]
fn figures_sort_filter_and_jump() {
    let mut b = open(Lang::En, true);
    b.press(KeyCode::F(4));
    let all = b.s().figure_rows();
    assert!(all.len() > 50, "{}", all.len());
    // Every figure of both years appears once.
    let news = all.iter().filter(|r| r.new.is_some()).count();
    assert_eq!(news, b.s().report().figures.len());
    // Sort: metric, then change (new first), then size of change.
    b.press(KeyCode::Char('s'));
    b.press(KeyCode::Char('s'));
    let by_change = b.s().figure_rows();
    assert_eq!(by_change[0].change, FigureChange::New);
    assert_eq!(by_change.last().unwrap().change, FigureChange::Dropped);
    b.press(KeyCode::Char('s'));
    let by_size = b.s().figure_rows();
    let rel = |r: &reportbench::app::state::FigureRow| match b.s().figure_values(r) {
        (Some(a), Some(b)) if a != 0.0 => ((b - a) / a).abs(),
        _ => -1.0,
    };
    assert!(rel(&by_size[0]) >= rel(&by_size[1]));
    // Filter by metric: only that metric's figures.
    b.press(KeyCode::Char('f'));
    let FigureFilter::Metric(m) = b.s().figs().filter else {
        panic!("{:?}", b.s().figs().filter)
    };
    let rows = b.s().figure_rows();
    assert!(!rows.is_empty() && rows.iter().all(|r| r.metric == Some(m)));
    let s = b.screen(120, 40);
    assert!(
        s.lines()
            .next()
            .unwrap()
            .contains(&b.s().report().metrics[m].label),
        "{s}"
    );
    // Enter: to the figure in the editor.
    let target = rows.iter().position(|r| r.new.is_some()).unwrap();
    for _ in 0..target {
        b.press(KeyCode::Down);
    }
    let fig = &b.s().report().figures[rows[target].new.unwrap()];
    let line = fig.position.line;
    b.press(KeyCode::Enter);
    assert_eq!(b.s().view(), View::Workbench);
    assert_eq!(b.s().editor().cursor().0 + 1, line);
}

#[test]
fn plans_followed_up_and_their_evidence() {
    let mut b = open(Lang::En, true);
    b.press(KeyCode::F(4));
    let plans = b.s().comparison().unwrap().plans.clone();
    assert!(plans.iter().any(|p| p.followed_up) && plans.iter().any(|p| !p.followed_up));
    b.press(KeyCode::Tab);
    assert!(b.s().figs().plans_focused);
    // Each plan followed up shows its answer under it (→), no other does:
    // the nearest paragraph of a plan not followed up is not an answer.
    let screen = b.screen(120, 60);
    let arrows = screen.lines().filter(|l| l.contains("  → ")).count();
    let answered = plans.iter().filter(|p| p.followed_up).count();
    assert!(
        plans.iter().any(|p| !p.followed_up && p.evidence.is_some()),
        "the sample has a plan not followed up with a nearest paragraph"
    );
    assert_eq!(arrows, answered, "{screen}");
    // Enter on a plan not followed up stays, and says why.
    let missed = plans.iter().position(|p| !p.followed_up).unwrap();
    for _ in 0..missed {
        b.press(KeyCode::Down);
    }
    b.press(KeyCode::Enter);
    assert_eq!(b.s().view(), View::Figures);
    let said = b.screen(120, 60);
    assert!(said.contains("does not answer this plan"), "{said}");
    for _ in 0..missed {
        b.press(KeyCode::Up);
    }
    // Enter on one followed up goes to its answer.
    let i = plans.iter().position(|p| p.followed_up).unwrap();
    for _ in 0..i {
        b.press(KeyCode::Down);
    }
    let at = plans[i].evidence.as_ref().unwrap().0.start;
    b.press(KeyCode::Enter);
    assert_eq!(b.s().view(), View::Workbench);
    assert_eq!(b.s().editor().cursor().0 + 1, b.s().doc().position(at).line);
}

#[test]
fn figures_view_without_previous_lists_this_years_figures() {
    let mut b = open(Lang::En, false);
    b.press(KeyCode::F(4));
    assert_eq!(b.s().view(), View::Figures);
    let rows = b.s().figure_rows();
    assert_eq!(rows.len(), b.s().report().figures.len());
    let s = b.screen(100, 30);
    assert!(s.contains("no previous report"), "{s}");
    assert!(s.contains("needs --previous"), "{s}");
}

#[test]
fn help_lists_the_view_keys() {
    let mut b = open(Lang::En, true);
    b.press(KeyCode::F(1));
    let s = b.screen(120, 60);
    for want in [
        "[diff] next change",
        "[figures] sort",
        "only changes / everything",
    ] {
        assert!(s.contains(want), "{want}: {s}");
    }
}

#[test]
fn the_wheel_scrolls_the_views() {
    use crossterm::event::{MouseEvent, MouseEventKind};
    let mut b = open(Lang::En, true);
    b.press(KeyCode::F(3));
    let _ = b.screen(120, 40);
    let wheel = |kind| MouseEvent {
        kind,
        column: 50,
        row: 10,
        modifiers: KeyModifiers::NONE,
    };
    b.mouse(wheel(MouseEventKind::ScrollDown));
    b.mouse(wheel(MouseEventKind::ScrollDown));
    assert_eq!(b.s().diff().selected, 2);
    b.mouse(wheel(MouseEventKind::ScrollUp));
    assert_eq!(b.s().diff().selected, 1);
    b.press(KeyCode::F(4));
    b.mouse(wheel(MouseEventKind::ScrollDown));
    assert_eq!(b.s().figs().selected, 1);
    assert_eq!(
        b.s().text(),
        open(Lang::En, true).s().text(),
        "nothing typed"
    );
}

#[test]
fn help_scrolls_when_the_terminal_is_short() {
    let mut b = open(Lang::En, true);
    b.press(KeyCode::F(1));
    let s = b.screen(80, 24);
    assert!(s.contains("Keys 1-"), "{s}");
    assert!(s.contains("Ctrl-S") && !s.contains("[figures]"), "{s}");
    // The status bar stays visible under it.
    assert!(s.lines().last().unwrap().contains("qinghe-2024.md"), "{s}");
    for _ in 0..10 {
        b.press(KeyCode::PageDown);
    }
    let s = b.screen(80, 24);
    // The end: the overlays' keys, from their table.
    assert!(s.contains("[prompt] delete the character before"), "{s}");
    assert!(!s.contains("Ctrl-S  "), "scrolled past the first rows: {s}");
    // Back up at once, despite the extra PageDowns: the scroll stopped at
    // the end (119 rows, 21 shown: scroll 98 at most), so ten pages up
    // are the top.
    for _ in 0..10 {
        b.press(KeyCode::PageUp);
    }
    let s = b.screen(80, 24);
    assert!(s.contains("Keys 1-"), "{s}");
    // Any other key closes it.
    b.press(KeyCode::Char('x'));
    assert_eq!(*b.s().overlay(), reportbench::app::state::Overlay::None);
    assert_eq!(b.s().text(), open(Lang::En, true).s().text());
}

#[test]
fn the_selected_entry_stays_on_screen() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut b = open(Lang::En, true);
        b.press(KeyCode::F(3));
        let n = b.s().diff_entries().len();
        let mut moves: Vec<KeyCode> = vec![KeyCode::Down; n + 2];
        moves.extend([KeyCode::Up; 7]);
        moves.extend([KeyCode::PageUp; 3]);
        moves.extend([KeyCode::PageDown; 2]);
        moves.push(KeyCode::Char('c'));
        moves.extend([KeyCode::Char('p'); 4]);
        for (i, k) in moves.into_iter().enumerate() {
            b.press(k);
            let s = b.screen(w, h);
            assert!(
                s.contains('▌'),
                "{w}x{h} step {i} ({k:?}): selection off screen\n{s}"
            );
        }
        // At the end, the last entry is shown.
        let last = *b.s().diff_entries().last().unwrap();
        for _ in 0..n {
            b.press(KeyCode::PageDown);
        }
        assert_eq!(b.s().diff().selected, last);
        let s = b.screen(w, h);
        assert!(s.contains('▌'), "{s}");
    }
}

#[test]
fn no_diff_row_starts_with_closing_punctuation() {
    for (w, h) in [(120, 40), (80, 24), (131, 40)] {
        let mut b = open(Lang::Zh, true);
        b.press(KeyCode::F(3));
        let n = b.s().diff_entries().len();
        let mut rows = 0;
        for _ in 0..n / 3 {
            let s = b.screen(w, h);
            for line in s.lines().skip(2).take(h as usize - 4) {
                for seg in line.split('│') {
                    let text = seg.trim_start_matches(['▌', '~', '+', '-', '>', ' ']);
                    if let Some(c) = text.chars().next() {
                        rows += 1;
                        assert!(
                            !"，。、；：？！）》」』】”’％".contains(c),
                            "{w}x{h}: {line}"
                        );
                    }
                }
            }
            for _ in 0..3 {
                b.press(KeyCode::Down);
            }
        }
        assert!(rows > 200, "{rows}");
    }
}

#[test]
fn a_file_changed_on_disk_is_compared_again_while_the_view_is_open() {
    let dir = common::temp_dir("views-reload");
    let p = dir.join("qinghe-2024.md");
    std::fs::copy("drafts/qinghe-2024.md", &p).unwrap();
    let mut b = common::bench::open(&p)
        .lang(Lang::En)
        .previous(Path::new("drafts/qinghe-2023.txt"))
        .start();
    b.press(KeyCode::F(3));
    let before = b.s().comparison().unwrap().summary.added;
    // Someone else adds a paragraph; the clean buffer reloads at the next look.
    let mut text = std::fs::read_to_string(&p).unwrap();
    text.push_str("\n另由他人新增的一段文字，用于检查对比视图随磁盘上的文件更新。\n");
    std::fs::write(&p, text).unwrap();
    b.wait(std::time::Duration::from_secs(3));
    assert_eq!(b.s().view(), View::Diff);
    let cmp = b
        .s()
        .comparison()
        .expect("compared again, not left for the drawing");
    assert_eq!(cmp.summary.added, before + 1);
    let s = b.screen(120, 40);
    assert!(s.contains(&format!("{} added", before + 1)), "{s}");
}
