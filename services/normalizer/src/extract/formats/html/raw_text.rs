//! Script and style contents taken out before parsing. They are about
//! half the bytes of a news page (53% of the scrapinghub pages), none of
//! them text of the article, and the parser reads every one of them. JSON
//! data scripts (JSON-LD, app state) stay: the news fields are read from
//! them.

use std::borrow::Cow;

/// The page with the contents of its `<script>` elements (other than JSON
/// data) and `<style>` elements removed; the tags themselves stay, so the
/// tree keeps its shape. Comments are passed over as the parser would.
pub fn without_code(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[i..]) {
        let open = i + offset;
        i = open + 1;
        if bytes[i..].starts_with(b"!--") {
            i = memchr::memmem::find(&bytes[i..], b"-->").map_or(bytes.len(), |p| i + p + 3);
            continue;
        }
        let Some(name) = raw_text_element(&bytes[i..]) else {
            continue;
        };
        let Some(tag_end) = memchr::memchr(b'>', &bytes[i..]).map(|p| i + p + 1) else {
            break;
        };
        let attributes = &html[i + name.len()..tag_end];
        if name == b"script" && attributes.to_ascii_lowercase().contains("json") {
            i = tag_end;
            continue;
        }
        let close = find_end_tag(bytes, tag_end, name);
        if close > tag_end {
            let buffer = out.get_or_insert_with(|| String::with_capacity(html.len() / 2));
            buffer.push_str(&html[copied..tag_end]);
            copied = close;
        }
        i = close;
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut buffer) => {
            buffer.push_str(&html[copied..]);
            Cow::Owned(buffer)
        }
    }
}

/// `script` or `style` when `rest` starts with that tag name (any case)
/// followed by the end of the name.
fn raw_text_element(rest: &[u8]) -> Option<&'static [u8]> {
    [b"script".as_slice(), b"style".as_slice()]
        .into_iter()
        .find(|name| {
            rest.get(..name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
                && rest
                    .get(name.len())
                    .is_some_and(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')
        })
}

/// Index of the end tag `</name` (any case) at or after `from`, or the end.
pub(crate) fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from.min(bytes.len());
    while let Some(p) = memchr::memmem::find(&bytes[at..], b"</") {
        let start = at + p;
        let tag = start + 2;
        if bytes
            .get(tag..tag + name.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(name))
        {
            return start;
        }
        at = tag;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_goes_data_and_markup_stay() {
        let page = r#"<html><head><style>p { color: red }</style>
<script src="a.js"></script><SCRIPT>var s = "</div><p>not text</p>";</SCRIPT>
<script type="application/ld+json">{"@type":"NewsArticle"}</script>
<!-- <script>kept as a comment</script> --></head>
<body><p>Text.</p><scripts>odd tag</scripts></body></html>"#;
        let out = without_code(page);
        assert!(!out.contains("color: red"));
        assert!(!out.contains("not text"));
        assert!(out.contains(r#"{"@type":"NewsArticle"}"#));
        assert!(out.contains("kept as a comment"));
        assert!(out.contains("<p>Text.</p><scripts>odd tag</scripts>"));
        assert!(out.contains("<style></style>"));
        assert!(out.contains("<SCRIPT></SCRIPT>"));
    }

    #[test]
    fn pages_without_code_are_not_copied_and_unclosed_code_runs_to_the_end() {
        assert!(matches!(without_code("<p>plain</p>"), Cow::Borrowed(_)));
        assert_eq!(
            without_code("<p>a</p><script>never closed"),
            "<p>a</p><script>"
        );
    }
}
