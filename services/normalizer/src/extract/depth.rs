//! A cheap scan of how deeply a page nests its elements, run before any
//! parser: tree walks in HTML tooling recurse, so a hostile page with
//! 100,000 nested `<div>`s would overflow the stack and abort the process.

/// Elements that never take children.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "command",
];

/// The deepest element nesting the markup opens (an over-estimate when the
/// page leaves optional end tags out, which is the safe direction).
pub fn max_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while let Some(offset) = memchr(b'<', &bytes[i..]) {
        i += offset + 1;
        match bytes.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
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
                let name_end = bytes[i..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .map_or(bytes.len(), |p| i + p);
                let name = html[i..name_end].to_ascii_lowercase();
                let tag_end = find(bytes, name_end, b">");
                let self_closing = tag_end >= 2 && bytes[tag_end - 2] == b'/';
                if name == "script" || name == "style" {
                    // Their text is not markup.
                    let close = format!("</{name}");
                    i = find_ci(html, tag_end, &close);
                    continue;
                }
                if !self_closing && !VOID.contains(&name.as_str()) {
                    depth += 1;
                    max = max.max(depth);
                }
                i = tag_end;
                continue;
            }
            _ => {}
        }
    }
    max
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|b| *b == needle)
}

/// Index just past `pat` at or after `from`, or the end.
fn find(bytes: &[u8], from: usize, pat: &[u8]) -> usize {
    bytes[from.min(bytes.len())..]
        .windows(pat.len())
        .position(|w| w == pat)
        .map_or(bytes.len(), |p| from + p + pat.len())
}

fn find_ci(html: &str, from: usize, pat: &str) -> usize {
    let from = from.min(html.len());
    html.get(from..)
        .and_then(|rest| rest.to_ascii_lowercase().find(pat))
        .map_or(html.len(), |p| from + p)
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
}
