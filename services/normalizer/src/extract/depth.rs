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
    while let Some(offset) = memchr::memchr(b'<', &bytes[i..]) {
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
                let name = &bytes[i..name_end];
                let tag_end = find(bytes, name_end, b">");
                let self_closing = tag_end >= 2 && bytes[tag_end - 2] == b'/';
                if name.eq_ignore_ascii_case(b"script") || name.eq_ignore_ascii_case(b"style") {
                    // Their text is not markup.
                    i = super::raw_text::find_end_tag(bytes, tag_end, name);
                    continue;
                }
                if !self_closing && !VOID.iter().any(|v| name.eq_ignore_ascii_case(v.as_bytes())) {
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
}
