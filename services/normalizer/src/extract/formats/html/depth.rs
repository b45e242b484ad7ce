//! A cheap scan of how deeply a page nests its elements, run before any
//! parser: tree walks in HTML tooling recurse, so a hostile page with
//! 100,000 nested `<div>`s would overflow the stack and abort the process.
//!
//! The depth measured is the parsed tree's, not the count of open tags:
//! HTML closes some elements by itself (a `<p>` ends the open `<p>`, an
//! `<li>` the open `<li>`), so valid pages that leave those end tags out,
//! as many do, are not mistaken for deep ones.

/// Elements that never take children.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "command",
];

/// Elements whose start tag ends an open element of these names when that
/// element is the current one (the HTML parsing rules' implied end tags,
/// for the elements pages leave unclosed).
const IMPLIED_ENDS: &[(&str, &[&str])] = &[
    ("p", &["p"]),
    ("div", &["p"]),
    ("ul", &["p"]),
    ("ol", &["p"]),
    ("table", &["p"]),
    ("h1", &["p"]),
    ("h2", &["p"]),
    ("h3", &["p"]),
    ("h4", &["p"]),
    ("h5", &["p"]),
    ("h6", &["p"]),
    ("blockquote", &["p"]),
    ("pre", &["p"]),
    ("section", &["p"]),
    ("article", &["p"]),
    ("li", &["li", "p"]),
    ("dt", &["dt", "dd", "p"]),
    ("dd", &["dt", "dd", "p"]),
    ("option", &["option"]),
    ("tr", &["tr", "td", "th"]),
    ("td", &["td", "th"]),
    ("th", &["td", "th"]),
];

/// How far down the open elements an end tag looks for its element: a
/// stray end tag is ignored, as parsers do, without a hostile page of many
/// of them over a deep stack costing a long search each.
const END_TAG_SEARCH: usize = 256;

/// The deepest element nesting of the parsed tree (an over-estimate where
/// the HTML rules close elements this scan does not model, which is the
/// safe direction).
pub fn max_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut max, mut i) = (0usize, 0usize);
    // Names of the open elements, innermost last.
    let mut open: Vec<&[u8]> = Vec::new();
    while let Some(offset) = memchr::memchr(b'<', &bytes[i..]) {
        i += offset + 1;
        match bytes.get(i) {
            Some(b'/') => {
                let name = tag_name(bytes, i + 1);
                let found = open
                    .iter()
                    .rev()
                    .take(END_TAG_SEARCH)
                    .position(|o| o.eq_ignore_ascii_case(name));
                if let Some(from_top) = found {
                    open.truncate(open.len() - from_top - 1);
                }
            }
            Some(b'!') | Some(b'?') => {
                // Comments, doctypes, processing instructions: skip to their end.
                let end = if bytes[i..].starts_with(b"!--") {
                    find(bytes, i, b"-->")
                } else {
                    find(bytes, i, b">")
                };
                i = end;
                continue;
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let name = tag_name(bytes, i);
                let name_end = i + name.len();
                let tag_end = find(bytes, name_end, b">");
                let self_closing = tag_end >= 2 && bytes[tag_end - 2] == b'/';
                if name.eq_ignore_ascii_case(b"script") || name.eq_ignore_ascii_case(b"style") {
                    // Their text is not markup.
                    i = crate::extract::formats::html::raw_text::find_end_tag(bytes, tag_end, name);
                    continue;
                }
                if let Some((_, ends)) = IMPLIED_ENDS
                    .iter()
                    .find(|(start, _)| name.eq_ignore_ascii_case(start.as_bytes()))
                {
                    while open
                        .last()
                        .is_some_and(|o| ends.iter().any(|e| o.eq_ignore_ascii_case(e.as_bytes())))
                    {
                        open.pop();
                    }
                }
                if !self_closing && !VOID.iter().any(|v| name.eq_ignore_ascii_case(v.as_bytes())) {
                    open.push(name);
                    max = max.max(open.len());
                }
                i = tag_end;
                continue;
            }
            _ => {}
        }
    }
    max
}

/// The tag name starting at `from`.
fn tag_name(bytes: &[u8], from: usize) -> &[u8] {
    let from = from.min(bytes.len());
    let end = bytes[from..]
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .map_or(bytes.len(), |p| from + p);
    &bytes[from..end]
}

/// Index just past `pat` at or after `from`, or the end.
fn find(bytes: &[u8], from: usize, pat: &[u8]) -> usize {
    let from = from.min(bytes.len());
    memchr::memmem::find(&bytes[from..], pat).map_or(bytes.len(), |p| from + p + pat.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_open_elements_not_void_or_closed_ones() {
        assert_eq!(
            max_depth("<html><body><div><p>a<br>b<img src=x></p></div></body></html>"),
            4
        );
        assert_eq!(max_depth("<div><!-- <div><div> --></div>"), 1);
        assert_eq!(
            max_depth("<script>if (a<b) { x = '<div><div>' }</script><p>x</p>"),
            1
        );
        assert_eq!(max_depth(&"<div>".repeat(100_000)), 100_000);
    }

    #[test]
    fn elements_the_parser_closes_by_itself_do_not_deepen_the_tree() {
        let paragraphs = format!(
            "<html><body><div>{}</div></body></html>",
            "<p>text".repeat(1500)
        );
        assert_eq!(max_depth(&paragraphs), 4);
        let list = format!("<ul>{}</ul>", "<li>item".repeat(1500));
        assert_eq!(max_depth(&list), 2);
        let table = format!("<table>{}</table>", "<tr><td>a<td>b".repeat(500));
        assert_eq!(max_depth(&table), 3);
        // A stray end tag closes nothing; one that matches closes what is in it.
        assert_eq!(
            max_depth("<div><span></p>x</span></div><div><b><i></div>"),
            3
        );
        // Still deep where the tree is deep; a <div> ends an open <p>, as
        // in the parser, so 5,000 of each nest 5,001 deep.
        assert_eq!(max_depth(&"<div><span>".repeat(5000)), 10_000);
        assert_eq!(max_depth(&"<div><p>".repeat(5000)), 5001);
    }
}
