//! Script, style and inline SVG contents taken out before parsing. They
//! are about half the bytes of a news page (53% of the scrapinghub pages,
//! with another 8% of what remains in SVG icons), none of them text of the
//! article, and the parser reads every one of them. JSON data scripts
//! (JSON-LD, app state) stay: the news fields are read from them. An icon's
//! `<title>` ("Camera Icon") is no longer read into a caption beside it.

use std::borrow::Cow;

/// The page with the contents of its `<script>` elements (other than JSON
/// data), `<style>` and `<svg>` elements removed; the tags themselves stay,
/// so the tree keeps its shape. Comments are passed over as the parser
/// would.
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
        // A drawing written `<svg … />` holds nothing.
        if name == b"svg" && bytes[..tag_end].ends_with(b"/>") {
            i = tag_end;
            continue;
        }
        let close = if name == b"svg" {
            match drawing_end(bytes, tag_end) {
                Some(close) => close,
                None => {
                    i = tag_end;
                    continue;
                }
            }
        } else {
            find_end_tag(bytes, tag_end, name)
        };
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

/// `script`, `style` or `svg` when `rest` starts with that tag name (any case)
/// followed by the end of the name.
fn raw_text_element(rest: &[u8]) -> Option<&'static [u8]> {
    [b"script".as_slice(), b"style".as_slice(), b"svg".as_slice()]
        .into_iter()
        .find(|name| {
            rest.get(..name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
                && rest
                    .get(name.len())
                    .is_some_and(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')
        })
}

/// Where a drawing whose start tag ends at `from` is closed: the index of
/// its `</svg`, when everything before it is plainly the drawing's own.
/// None where the parser could end the drawing elsewhere, so the markup is
/// left for it: a drawing inside it (the first `</svg` would close that
/// one), an HTML element that breaks out of a drawing (`<p>`, `<div>`, …:
/// pages leave icons unclosed), an end tag of no drawing element (an
/// unclosed icon ends at its link's `</a>`), or no `</svg` at all.
fn drawing_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(p) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + p;
        let (closing, name_at) = match bytes.get(start + 1) {
            Some(b'/') => (true, start + 2),
            _ => (false, start + 1),
        };
        let name_len = bytes[name_at..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
            .count();
        let name = bytes[name_at..name_at + name_len].to_ascii_lowercase();
        at = name_at;
        if name.is_empty() {
            continue;
        }
        match (closing, name.as_slice()) {
            (true, b"svg") => return Some(start),
            (false, b"svg") => return None,
            (false, n) if BREAKS_OUT.contains(&n) => return None,
            (true, n) if !DRAWING_ELEMENTS.contains(&n) => return None,
            _ => {}
        }
    }
    None
}

/// Start tags that end a drawing where they stand (the HTML rules'
/// breakout list).
const BREAKS_OUT: &[&[u8]] = &[
    b"b",
    b"big",
    b"blockquote",
    b"body",
    b"br",
    b"center",
    b"code",
    b"dd",
    b"div",
    b"dl",
    b"dt",
    b"em",
    b"embed",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"head",
    b"hr",
    b"i",
    b"img",
    b"li",
    b"listing",
    b"menu",
    b"meta",
    b"nobr",
    b"ol",
    b"p",
    b"pre",
    b"ruby",
    b"s",
    b"small",
    b"span",
    b"strong",
    b"strike",
    b"sub",
    b"sup",
    b"table",
    b"tt",
    b"u",
    b"ul",
    b"var",
    b"font",
];

/// Elements a drawing holds whose end tags stay inside it.
const DRAWING_ELEMENTS: &[&[u8]] = &[
    b"path",
    b"g",
    b"defs",
    b"title",
    b"desc",
    b"text",
    b"tspan",
    b"use",
    b"symbol",
    b"circle",
    b"rect",
    b"line",
    b"polyline",
    b"polygon",
    b"ellipse",
    b"lineargradient",
    b"radialgradient",
    b"stop",
    b"clippath",
    b"mask",
    b"pattern",
    b"filter",
    b"metadata",
    b"image",
    b"marker",
    b"switch",
    b"animate",
    b"animatetransform",
    b"set",
    b"fegaussianblur",
    b"feoffset",
    b"feblend",
    b"fecolormatrix",
    b"feflood",
    b"fecomposite",
    b"femerge",
    b"femergenode",
    b"textpath",
];

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
    fn drawings_go_where_the_parser_would_close_them() {
        let page = r#"<p>a</p><svg viewBox="0 0 1 1"><title>Camera Icon</title><path d="M0"/></SVG><p>b</p><svg/><p>c</p>"#;
        assert_eq!(
            without_code(page),
            r#"<p>a</p><svg viewBox="0 0 1 1"></SVG><p>b</p><svg/><p>c</p>"#
        );
        // Left whole: an unclosed icon before the story's paragraph, and
        // one closed by its link's end tag.
        for page in [
            r#"<svg class="search"><path/><p>story</p>"#,
            r#"<a href="/"><svg><path/></a><p>story</p>"#,
        ] {
            assert_eq!(without_code(page), page);
        }
        // A drawing inside another: the inner one goes, the outer stays.
        assert_eq!(
            without_code("<svg><svg><path/></svg><text>t</text></svg>"),
            "<svg><svg></svg><text>t</text></svg>"
        );
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
