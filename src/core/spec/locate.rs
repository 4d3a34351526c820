//! Where in a spec's text an error is: the line and column of a key or
//! an item id, for the checks made after parsing.

/// 1-based (line, column) of the first `needle` at or after byte `from`; the
/// position of `from` itself when not found.
pub(super) fn locate(src: &str, needle: &str, from: usize) -> (usize, usize) {
    let from = from.min(src.len());
    let at = if needle.is_empty() {
        from
    } else {
        src[from..].find(needle).map(|i| i + from).unwrap_or(from)
    };
    crate::core::text::line_column(src, at)
}

pub(super) fn locate_id(src: &str, id: &str) -> (usize, usize) {
    locate_nth_id(src, id, 0)
}

pub(super) fn locate_nth_id(src: &str, id: &str, n: usize) -> (usize, usize) {
    let pats = [
        format!("id: {id}"),
        format!("id: \"{id}\""),
        format!("id: '{id}'"),
    ];
    let mut hits: Vec<usize> = pats
        .iter()
        .flat_map(|p| {
            src.match_indices(p.as_str())
                .filter(|(i, _)| {
                    let end = i + p.len();
                    !src[end..].starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '-')
                })
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        })
        .collect();
    hits.sort_unstable();
    match hits.get(n).or(hits.first()) {
        Some(&i) => locate(src, "", i),
        None => (0, 0),
    }
}
