//! Patience diff, op for op what `similar::capture_diff_slices` gives with
//! `Algorithm::Patience`: the same Myers over the items that occur once on
//! each side, the same Myers over the gaps between the ones matched, the
//! same `Compact` and `Replace` hooks. Only the finding of the items that
//! occur once differs: `similar` hashes every item with SipHash through a
//! `HashMap` it grows as it goes, which was a third of a paragraph's
//! character diff; here the map is Fx-hashed and sized once. Which items
//! are unique does not depend on the hash, so neither do the ops (a test
//! holds the two to the same ops on thousands of seeded inputs).

use rustc_hash::FxHashMap;
use similar::DiffOp;
use similar::algorithms::{Capture, Compact, DiffHook, NoFinishHook, Replace, myers};
use std::collections::hash_map::Entry;
use std::convert::Infallible;
use std::hash::Hash;
use std::ops::Range;

/// The ops of a Patience diff of `old` against `new`.
pub(super) fn patience<T: Hash + Eq>(old: &[T], new: &[T]) -> Vec<DiffOp> {
    let mut d = Compact::new(Replace::new(Capture::new()), old, new);
    let Ok(()) = run(&mut d, old, new);
    d.into_inner().into_inner().into_ops()
}

/// The positions of the items that occur exactly once in `s`, in order.
fn unique<T: Hash + Eq>(s: &[T]) -> Vec<usize> {
    let mut once: FxHashMap<&T, Option<usize>> =
        FxHashMap::with_capacity_and_hasher(s.len(), Default::default());
    for (i, x) in s.iter().enumerate() {
        match once.entry(x) {
            Entry::Vacant(e) => {
                e.insert(Some(i));
            }
            Entry::Occupied(mut e) => *e.get_mut() = None,
        }
    }
    let mut at: Vec<usize> = once.into_values().flatten().collect();
    at.sort_unstable();
    at
}

/// `similar`'s `patience::diff` (without a deadline) into `d`.
fn run<T: Hash + Eq, D: DiffHook<Error = Infallible>>(
    d: &mut D,
    old: &[T],
    new: &[T],
) -> Result<(), Infallible> {
    let (old_at, new_at) = (unique(old), unique(new));
    let old_items: Vec<&T> = old_at.iter().map(|&i| &old[i]).collect();
    let new_items: Vec<&T> = new_at.iter().map(|&i| &new[i]).collect();
    let mut hook = Replace::new(Gaps {
        d,
        old,
        old_current: 0,
        old_at: &old_at,
        new,
        new_current: 0,
        new_at: &new_at,
    });
    myers::diff(
        &mut hook,
        &old_items[..],
        0..old_items.len(),
        &new_items[..],
        0..new_items.len(),
    )
}

/// Takes the matches among the unique items in turn and diffs the gaps
/// before them (and after the last) item by item, as `similar`'s
/// `Patience` hook does.
struct Gaps<'a, T, D> {
    d: &'a mut D,
    old: &'a [T],
    old_current: usize,
    old_at: &'a [usize],
    new: &'a [T],
    new_current: usize,
    new_at: &'a [usize],
}

impl<T: Eq, D: DiffHook<Error = Infallible>> DiffHook for Gaps<'_, T, D> {
    type Error = Infallible;

    fn equal(&mut self, old: usize, new: usize, len: usize) -> Result<(), Infallible> {
        for (o, n) in (old..old + len).zip(new..new + len) {
            let (old_to, new_to) = (self.old_at[o], self.new_at[n]);
            let (a0, b0) = (self.old_current, self.new_current);
            while self.old_current < old_to
                && self.new_current < new_to
                && self.new[self.new_current] == self.old[self.old_current]
            {
                self.old_current += 1;
                self.new_current += 1;
            }
            if self.old_current > a0 {
                self.d.equal(a0, b0, self.old_current - a0)?;
            }
            gap(
                &mut *self.d,
                self.old,
                self.old_current..old_to,
                self.new,
                self.new_current..new_to,
            )?;
            self.old_current = old_to;
            self.new_current = new_to;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), Infallible> {
        gap(
            &mut *self.d,
            self.old,
            self.old_current..self.old.len(),
            self.new,
            self.new_current..self.new.len(),
        )?;
        self.d.finish()
    }
}

/// Myers over `old[o]` and `new[n]` into `d`, without finishing it. A
/// range empty on a side is what Myers makes of it (one deletion or
/// insertion, or nothing) without its two working arrays: most gaps
/// between matched characters are empty.
fn gap<T: Eq, D: DiffHook<Error = Infallible>>(
    d: &mut D,
    old: &[T],
    o: Range<usize>,
    new: &[T],
    n: Range<usize>,
) -> Result<(), Infallible> {
    if n.is_empty() {
        if !o.is_empty() {
            d.delete(o.start, o.len(), n.start)?;
        }
        Ok(())
    } else if o.is_empty() {
        d.insert(o.start, n.start, n.len())
    } else {
        myers::diff(&mut NoFinishHook::new(d), old, o, new, n)
    }
}

#[cfg(test)]
#[path = "patience_tests.rs"]
mod tests;
