//! The review sidecar `FILE.review.yaml`: reading it (errors with line and
//! column) and writing it atomically after merging in what is on disk, so
//! that two reviewers on one server never overwrite each other's comments.

use crate::core::review::Review;
use crate::core::text::TextFormat;
use crate::io::load::Encoding;
use crate::io::save::{RealFs, save_atomic};
use std::path::{Path, PathBuf};

/// Why a sidecar could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// Not readable.
    #[error("{path}: cannot read the review file: {source}")]
    Read {
        /// The sidecar.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Not valid review YAML.
    #[error("{path}:{line}:{column}: {message}")]
    Yaml {
        /// The sidecar.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Not writable.
    #[error("{path}: cannot write the review file: {message}")]
    Write {
        /// The sidecar.
        path: PathBuf,
        /// Why.
        message: String,
    },
}

/// The sidecar of `draft`: `draft.review.yaml` beside it.
pub fn sidecar_path(draft: &Path) -> PathBuf {
    let mut name = draft.file_name().unwrap_or_default().to_os_string();
    name.push(".review.yaml");
    draft.with_file_name(name)
}

/// Reads the review of `draft`; a missing sidecar is an empty review.
pub fn read(draft: &Path) -> Result<Review, ReviewError> {
    let path = sidecar_path(draft);
    // A review file is small: a huge or endless one (a device, a pipe) is
    // refused before it is read.
    match std::fs::metadata(&path) {
        Ok(m) if !m.is_file() => {
            return Err(ReviewError::Read {
                path,
                source: std::io::Error::other("not a regular file"),
            });
        }
        Ok(m) if m.len() > crate::core::yaml::MAX_YAML_BYTES as u64 => {
            return Err(ReviewError::Read {
                path,
                source: std::io::Error::other(format!(
                    "{} bytes; a review file may be at most {} bytes",
                    m.len(),
                    crate::core::yaml::MAX_YAML_BYTES
                )),
            });
        }
        _ => {}
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Review::default()),
        Err(source) => return Err(ReviewError::Read { path, source }),
    };
    parse(&path, &text)
}

fn parse(path: &Path, text: &str) -> Result<Review, ReviewError> {
    if text.trim().is_empty() {
        return Ok(Review::default());
    }
    let review: Review =
        crate::core::yaml::parse_yaml(text, &path.display().to_string()).map_err(|e| {
            ReviewError::Yaml {
                path: path.to_owned(),
                line: e.line,
                column: e.column,
                message: e.message,
            }
        })?;
    // Two comments under one id: a reply or a resolution would reach only
    // the first, and merging would drop one. Said where the second is.
    let mut seen = std::collections::HashSet::new();
    for c in &review.comments {
        if !seen.insert(c.id.as_str()) {
            let at = text.match_indices(&c.id).nth(1).map_or(0, |(i, _)| i);
            let (line, column) = crate::core::text::line_column(text, at);
            return Err(ReviewError::Yaml {
                path: path.to_owned(),
                line,
                column,
                message: format!(
                    "two comments have the id `{}`; give one of them another id",
                    c.id
                ),
            });
        }
    }
    Ok(review)
}

/// Writes `review` for `draft`: re-reads the sidecar and merges what another
/// reviewer wrote since, then saves atomically. Returns the merged review.
pub fn write(draft: &Path, review: &Review) -> Result<Review, ReviewError> {
    update(draft, |on_disk| {
        let mut merged = review.clone();
        merged.merge(on_disk);
        *on_disk = merged;
    })
}

/// Changes the review of `draft` in place: takes the write lock, re-reads
/// the sidecar (what other reviewers wrote so far), applies `change`, and
/// saves atomically. Returns the review as written. This is how one comment,
/// reply, resolution or sign-off is added without touching anyone else's.
pub fn update(draft: &Path, change: impl FnOnce(&mut Review)) -> Result<Review, ReviewError> {
    let path = sidecar_path(draft);
    let _guard = WriteLock::take(&path)?;
    let mut merged = read(draft)?;
    change(&mut merged);
    merged.sort();
    let yaml = crate::core::yaml::to_yaml(&merged).map_err(|message| ReviewError::Write {
        path: path.clone(),
        message,
    })?;
    save_atomic(
        &RealFs,
        &path,
        &yaml,
        &TextFormat::default(),
        Encoding::Utf8,
        None,
    )
    .map_err(|e| ReviewError::Write {
        path: path.clone(),
        message: e.to_string(),
    })?;
    Ok(merged)
}

/// Held while a sidecar is read, merged and written, so that two writers
/// take turns (a hidden `.NAME.lock` beside it; one older than ten seconds
/// is left from a crash and removed).
struct WriteLock(PathBuf);

impl WriteLock {
    fn take(sidecar: &Path) -> Result<WriteLock, ReviewError> {
        let name = sidecar.file_name().unwrap_or_default().to_string_lossy();
        let lock = sidecar.with_file_name(format!(".{name}.lock"));
        for _ in 0..500 {
            match super::lock::create_exclusive(&lock, "") {
                Ok(true) => return Ok(WriteLock(lock)),
                Ok(false) => {
                    let stale = std::fs::metadata(&lock)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .is_some_and(|age| age > std::time::Duration::from_secs(10));
                    if stale {
                        let _ = std::fs::remove_file(&lock);
                    } else {
                        std::thread::sleep(std::time::Duration::from_millis(10));
                    }
                }
                Err(e) => {
                    return Err(ReviewError::Write {
                        path: sidecar.to_owned(),
                        message: e.to_string(),
                    });
                }
            }
        }
        Err(ReviewError::Write {
            path: sidecar.to_owned(),
            message: "another reportbench kept the review file busy for five seconds".into(),
        })
    }
}

impl Drop for WriteLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::review::{Signoff, Verdict};

    #[test]
    fn bad_yaml_is_located_and_missing_is_empty() {
        let d = crate::io::testing::TestDir::new("review");
        let draft = d.join("a.md");
        assert_eq!(sidecar_path(&draft), d.join("a.md.review.yaml"));
        let _ = std::fs::remove_file(sidecar_path(&draft));
        assert_eq!(read(&draft).unwrap(), Review::default());
        std::fs::write(
            sidecar_path(&draft),
            "signoffs:\n  - item: other\n    verdict: maybe\n",
        )
        .unwrap();
        let e = read(&draft).unwrap_err().to_string();
        assert!(e.contains("a.md.review.yaml:3:"), "{e}");
        std::fs::remove_file(sidecar_path(&draft)).unwrap();
        let mut r = Review::default();
        r.signoffs.push(Signoff {
            history: Vec::new(),
            item: "other".into(),
            verdict: Verdict::Na,
            reason: "本年度无".into(),
            author: "李律师".into(),
            at: "2025-03-01T09:40:00+08:00".into(),
        });
        write(&draft, &r).unwrap();
        assert_eq!(read(&draft).unwrap(), r);
    }

    #[test]
    fn writers_at_once_lose_nothing() {
        use crate::core::review::{Comment, CommentStatus};
        let d = crate::io::testing::TestDir::new("review-race");
        let draft = d.join("a.md");
        std::thread::scope(|s| {
            for n in 0..8 {
                let draft = &draft;
                s.spawn(move || {
                    let mut r = Review::default();
                    r.comments.push(Comment {
                        id: format!("c-20250301-{n:04}"),
                        author: format!("reviewer {n}"),
                        created: "2025-03-01T09:30:00+08:00".into(),
                        quote: "第一责任人".into(),
                        prefix: String::new(),
                        suffix: String::new(),
                        line: 1,
                        body: format!("comment {n}"),
                        status: CommentStatus::Open,
                        replies: vec![],
                        origin: None,
                    });
                    write(draft, &r).unwrap();
                });
            }
        });
        let r = read(&draft).unwrap();
        assert_eq!(r.comments.len(), 8, "{r:?}");
        assert!(!d.join(".a.md.review.yaml.lock").exists());
    }

    #[test]
    fn two_comments_with_one_id_are_reported_where_the_second_is() {
        let d = crate::io::testing::TestDir::new("review-dup");
        let draft = d.join("a.md");
        std::fs::write(
            sidecar_path(&draft),
            "comments:\n- {id: c-1, author: a, created: x, quote: q, body: b}\n- {id: c-1, author: b, created: x, quote: q, body: c}\n",
        )
        .unwrap();
        let e = read(&draft).unwrap_err().to_string();
        assert!(
            e.contains("a.md.review.yaml:3:") && e.contains("`c-1`"),
            "{e}"
        );
    }
}
