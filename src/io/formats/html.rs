//! Portal pages (a report saved from a government website, .html/.htm):
//! the charset (BOM, then `<meta>`, then the bytes: GBK and GB2312 are read
//! as GB18030), the article body from the known portal templates or else a
//! readability extractor, the title from the page's article-title meta or
//! `<h1>`, and the attachments it links (listed, never followed). Menus,
//! breadcrumbs, 索引号 cards, share links and footers are outside the body.

use dom_query::{Document, NodeRef};

/// Why a page gave no report.
#[derive(Debug, thiserror::Error)]
pub enum HtmlError {
    /// Nothing on the page reads like an article.
    #[error("is a web page without an article body that reportbench could find")]
    NoArticle,
    /// Elements nested deeper than any page (parsing such a page takes time
    /// that grows with the square of its depth).
    #[error("is a web page nested more than {MAX_DEPTH} elements deep, which no article is")]
    TooDeep,
}

/// The deepest nesting of elements a page may have (portal pages: < 60).
pub const MAX_DEPTH: usize = 1000;

/// Elements that never hold others, and elements whose end tag HTML lets
/// the next one imply (they do not deepen a page however often they open).
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "td", "th", "tr", "dt", "dd", "option", "tbody", "thead", "tfoot",
    "!doctype",
];

/// How deep the page's elements nest, by a scan of its tags (comments,
/// scripts and styles skipped), stopping once past `limit`.
fn nesting(html: &str, limit: usize) -> usize {
    let lower = html.to_ascii_lowercase();
    let b = lower.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while let Some(off) = b[i..].iter().position(|c| *c == b'<') {
        i += off + 1;
        if lower[i..].starts_with("!--") {
            i = lower[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let end = start
            + b[start..]
                .iter()
                .position(|c| !(c.is_ascii_alphanumeric() || *c == b'!' || *c == b'-'))
                .unwrap_or(b.len() - start);
        let name = &lower[start..end];
        if name.is_empty() {
            continue;
        }
        let tag_end = lower[end..].find('>').map_or(b.len(), |e| end + e);
        let self_closing = tag_end > 0 && b.get(tag_end - 1) == Some(&b'/');
        if closing {
            if !NOT_NESTING.contains(&name) {
                depth = depth.saturating_sub(1);
            }
        } else if (name == "script" || name == "style") && !self_closing {
            let close = format!("</{name}");
            i = lower[tag_end..]
                .find(&close)
                .map_or(b.len(), |e| tag_end + e);
            continue;
        } else if !self_closing && !NOT_NESTING.contains(&name) {
            depth += 1;
            deepest = deepest.max(depth);
            if deepest > limit {
                return deepest;
            }
        }
        i = tag_end.min(b.len());
    }
    deepest
}

/// What a page holds.
#[derive(Debug, Default)]
pub struct Page {
    /// The title and the article, a paragraph (or table row) per line.
    pub text: String,
    /// The names of the attachments it links (not read).
    pub attachments: Vec<String>,
}

/// Containers of the article in the portal templates in use (TRS, UCAP,
/// and the common hand-made ones), tried in order.
const TEMPLATES: &[&str] = &[
    ".TRS_Editor",
    "#zoom",
    "#Zoom",
    "#UCAP-CONTENT",
    ".article-content",
    ".article_content",
    "#content",
    ".content",
    ".nr",
    "article",
];

/// What an attachment's link ends with.
const ATTACHMENTS: &[&str] = &[
    ".doc", ".docx", ".wps", ".pdf", ".xls", ".xlsx", ".et", ".zip", ".rar", ".7z", ".ofd",
];

/// Whether `bytes` look like an HTML page (after a BOM and white space).
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = head[start..].to_ascii_lowercase();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html") || head.starts_with(b"<head")
}

/// The page's text: BOM, then a `charset` in the first kilobytes, then
/// UTF-8 if valid, else GB18030.
pub fn decode(bytes: &[u8]) -> String {
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc.decode_with_bom_removal(bytes).0.into_owned();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let declared = head.find("charset").and_then(|i| {
        let rest = head[i + 7..].trim_start_matches([' ', '=', '"', '\'']);
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        encoding_rs::Encoding::for_label(name.as_bytes())
    });
    let encoding = match declared {
        // GBK and GB2312 pages hold GB18030 characters often enough.
        Some(e) if e == encoding_rs::GBK => encoding_rs::GB18030,
        Some(e) => e,
        None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
        None => encoding_rs::GB18030,
    };
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// Reads a saved portal page.
pub fn read(bytes: &[u8]) -> Result<Page, HtmlError> {
    let html = decode(bytes);
    if nesting(&html, MAX_DEPTH) > MAX_DEPTH {
        return Err(HtmlError::TooDeep);
    }
    let doc = Document::from(html.as_str());
    let title = title(&doc);
    let mut lines = Vec::new();
    let body = TEMPLATES.iter().find_map(|sel| {
        let found = doc.try_select(sel)?;
        let node = *found.nodes().first()?;
        let mut l = Vec::new();
        to_lines(&node, &mut l);
        (l.iter().map(|s| s.chars().count()).sum::<usize>() >= 50).then_some(l)
    });
    match body {
        Some(l) => lines = l,
        None => {
            if let Ok(mut r) = dom_smoothie::Readability::with_document(doc.clone(), None, None)
                && let Ok(article) = r.parse()
            {
                let fragment = Document::from(article.content.as_ref());
                if let Some(root) = fragment.select("body").nodes().first() {
                    to_lines(root, &mut lines);
                }
            }
        }
    }
    let chars: usize = lines.iter().map(|l| l.chars().count()).sum();
    if chars < 20 {
        return Err(HtmlError::NoArticle);
    }
    if let Some(t) = title
        && lines.first().is_none_or(|l| l.trim() != t)
    {
        lines.insert(0, t);
    }
    let attachments = doc
        .select("a[href]")
        .nodes()
        .iter()
        .filter_map(|a| {
            let href = a.attr("href")?.to_string();
            let path = href
                .split(['?', '#'])
                .next()
                .unwrap_or_default()
                .to_lowercase();
            ATTACHMENTS.iter().any(|e| path.ends_with(e)).then(|| {
                let text = collapse(&a.text());
                if text.is_empty() {
                    href.rsplit('/').next().unwrap_or(&href).to_owned()
                } else {
                    text
                }
            })
        })
        .collect();
    let mut text = lines.join("\n");
    text.push('\n');
    Ok(Page { text, attachments })
}

/// The article's title: the article-title meta, else `<h1>`, else the page
/// title before its site suffix (`标题_栏目_网站`).
fn title(doc: &Document) -> Option<String> {
    let meta = doc
        .select(
            r#"meta[name="ArticleTitle"], meta[name="articletitle"], meta[property="og:title"]"#,
        )
        .nodes()
        .first()
        .and_then(|m| m.attr("content"))
        .map(|c| collapse(&c));
    let h1 = || {
        doc.select("h1")
            .nodes()
            .first()
            .map(|h| collapse(&h.text()))
    };
    let page = || {
        doc.select("title").nodes().first().map(|t| {
            let t = collapse(&t.text());
            t.split(['_', '|'])
                .next()
                .unwrap_or_default()
                .trim()
                .to_owned()
        })
    };
    meta.filter(|t| !t.is_empty())
        .or_else(|| h1().filter(|t| !t.is_empty()))
        .or_else(|| page().filter(|t| !t.is_empty()))
}

/// White space collapsed to single spaces, no-break spaces included.
fn collapse(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Elements whose content is never the article's text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "head", "iframe", "object", "select", "button", "input",
    "textarea", "svg", "canvas", "template",
];

/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "section",
    "article",
    "blockquote",
    "pre",
    "center",
    "dd",
    "dt",
    "dl",
    "header",
    "footer",
    "nav",
    "aside",
    "figure",
    "figcaption",
    "form",
    "hr",
    "address",
    "main",
];

/// The text under `node` as lines: blocks and `<br>` end lines, a table row
/// is a line with its cells separated by a tab.
fn to_lines(node: &NodeRef<'_>, lines: &mut Vec<String>) {
    let mut w = Lines {
        lines: Vec::new(),
        current: String::new(),
        in_cell: 0,
        rows: Vec::new(),
    };
    w.walk(node, 0);
    w.end_line();
    lines.extend(w.lines);
}

struct Lines {
    lines: Vec<String>,
    current: String,
    in_cell: usize,
    /// Cells seen so far in each open row (nested tables).
    rows: Vec<usize>,
}

impl Lines {
    fn end_line(&mut self) {
        let line = self
            .current
            .split('\t')
            .map(|c| c.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}'))
            .collect::<Vec<_>>()
            .join("\t");
        self.current.clear();
        if line.chars().any(|c| c != '\t') {
            self.lines.push(line);
        }
    }

    fn walk(&mut self, node: &NodeRef<'_>, depth: usize) {
        if depth > 256 {
            return; // a page nested deeper than any article
        }
        for child in node.children_it(false) {
            if child.is_text() {
                let t = child.text();
                let t: String = t
                    .chars()
                    .map(|c| {
                        if c.is_whitespace() || c == '\u{a0}' {
                            ' '
                        } else {
                            c
                        }
                    })
                    .collect();
                // Runs of spaces as one (indentation of source HTML).
                for c in t.chars() {
                    if c == ' ' && (self.current.ends_with(' ') || self.current.is_empty()) {
                        continue;
                    }
                    self.current.push(c);
                }
                continue;
            }
            let Some(name) = child.node_name() else {
                continue;
            };
            let name = name.to_ascii_lowercase();
            match name.as_str() {
                n if SKIP.contains(&n) => {}
                "br" => {
                    if self.in_cell > 0 {
                        self.current.push(' ');
                    } else {
                        self.end_line();
                    }
                }
                "tr" if self.in_cell == 0 => {
                    self.end_line();
                    self.rows.push(0);
                    self.walk(&child, depth + 1);
                    self.rows.pop();
                    self.end_line();
                }
                "td" | "th" if self.in_cell == 0 => {
                    if let Some(cells) = self.rows.last_mut() {
                        if *cells > 0 {
                            self.current.push('\t');
                        }
                        *cells += 1;
                    }
                    self.in_cell += 1;
                    self.walk(&child, depth + 1);
                    self.in_cell -= 1;
                }
                n if BLOCKS.contains(&n) => {
                    if self.in_cell > 0 {
                        self.current.push(' ');
                        self.walk(&child, depth + 1);
                        self.current.push(' ');
                    } else {
                        self.end_line();
                        self.walk(&child, depth + 1);
                        self.end_line();
                    }
                }
                _ => self.walk(&child, depth + 1),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_counts_what_deepens_a_page() {
        assert_eq!(
            nesting(
                "<html><body><div><p>a<p>b<br><img src=x></div></body></html>",
                100
            ),
            3
        );
        assert_eq!(
            nesting(
                "<div><!-- <div><div> --><script>if (a<b) {'<div>'}</script></div>",
                100
            ),
            1
        );
        assert_eq!(nesting(&"<li>".repeat(5000), 100), 0);
        assert!(nesting(&"<div>".repeat(5000), 100) > 100);
        assert_eq!(nesting("<div/><span/>", 100), 0);
    }

    #[test]
    fn charsets_from_bom_meta_and_content() {
        let (gb, _, _) = encoding_rs::GB18030
            .encode("<html><head><meta charset=gb2312></head><body>正文</body></html>");
        assert!(decode(&gb).contains("正文"));
        let (gb, _, _) = encoding_rs::GB18030.encode("<html><body>没有声明的正文</body></html>");
        assert!(decode(&gb).contains("没有声明的正文"));
        assert!(decode("<html>正文</html>".as_bytes()).contains("正文"));
        assert!(decode(b"\xEF\xBB\xBF<html>\xE6\xAD\xA3</html>").contains('正'));
    }
}
