//! The page's tree, built by html5ever's tree builder from the tokens of
//! html5gum's tokenizer.
//!
//! Both follow the WHATWG parsing rules, so the tree is the one
//! `Document::from` builds (`parse_whole`, checked node for node on every
//! evaluation page and by the `same_tree` fuzz target; `parse` leaves out
//! the attributes nothing reads); html5gum's tokenizer reads runs of
//! text, names and attribute values with byte searches where html5ever's
//! goes one character at a time, which makes the whole parse about 40%
//! faster on news pages (docs/measurements.md).

use std::convert::Infallible;

use dom_query::Document;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Doctype, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts, TreeSink};
use html5ever::{ns, Attribute, LocalName, QualName};
use html5gum::{Emitter, Error, State};

/// Parses a whole page the way `Document::from` does (scripting off, a
/// leading byte-order mark dropped), without the attributes no field reads
/// (`unread_attribute`): a fifth of a news page's attributes, each of which
/// the tree builder would copy again.
pub fn parse(html: &str) -> Document {
    build(html, false)
}

/// `parse` with every attribute kept: the tree `Document::from` builds,
/// node for node.
pub fn parse_whole(html: &str) -> Document {
    build(html, true)
}

fn build(html: &str, every_attribute: bool) -> Document {
    let opts = TreeBuilderOpts {
        scripting_enabled: false,
        ..Default::default()
    };
    let builder = TreeBuilder::new(Document::default(), opts);
    let input = html.strip_prefix('\u{feff}').unwrap_or(html);
    let tokens = Tokens::new(&builder, every_attribute);
    // The string reader cannot fail: its error type is `Infallible`.
    let Ok(()) = html5gum::Tokenizer::new_with_emitter(input, tokens).finish();
    TokenSink::end(&builder);
    builder.sink.finish()
}

/// Collects html5gum's pieces of a token and hands each whole token to the
/// tree builder, whose answer sets the tokenizer's next state (raw text
/// after `<style>`, `<title>`, `<script>`, `<plaintext>`).
struct Tokens<'a> {
    builder: &'a TreeBuilder<<Document as TreeSink>::Handle, Document>,
    text: Vec<u8>,
    tag: TagParts,
    last_start_tag: Vec<u8>,
    comment: Vec<u8>,
    doctype: DoctypeParts,
    names: NameCache,
    every_attribute: bool,
}

/// A doctype's pieces as bytes: a character may come in two pieces.
#[derive(Default)]
struct DoctypeParts {
    name: Option<Vec<u8>>,
    public_id: Option<Vec<u8>>,
    system_id: Option<Vec<u8>>,
    force_quirks: bool,
}

#[derive(Default)]
struct TagParts {
    end: bool,
    name: Vec<u8>,
    self_closing: bool,
    /// Every attribute's name and value, one after the other, in one buffer
    /// kept from tag to tag: two allocations per attribute of a page's
    /// thousands were a measurable part of the parse.
    attribute_bytes: Vec<u8>,
    attributes: Vec<AttributeSpan>,
}

/// Where an attribute's name and value lie in `attribute_bytes`. The
/// tokenizer hands over a name whole before its value.
struct AttributeSpan {
    name: std::ops::Range<usize>,
    value: std::ops::Range<usize>,
}

impl<'a> Tokens<'a> {
    fn new(
        builder: &'a TreeBuilder<<Document as TreeSink>::Handle, Document>,
        every_attribute: bool,
    ) -> Self {
        Tokens {
            every_attribute,
            builder,
            text: Vec::new(),
            tag: TagParts::default(),
            last_start_tag: Vec::new(),
            comment: Vec::new(),
            doctype: DoctypeParts::default(),
            names: NameCache::default(),
        }
    }

    fn send(&mut self, token: Token) -> Option<State> {
        match self.builder.process_token(token, 1) {
            TokenSinkResult::Continue => None,
            // A finished script: with scripting off, parsing just goes on.
            TokenSinkResult::Script(_) => Some(State::Data),
            TokenSinkResult::Plaintext => Some(State::PlainText),
            TokenSinkResult::RawData(RawKind::Rcdata) => Some(State::RcData),
            TokenSinkResult::RawData(RawKind::Rawtext) => Some(State::RawText),
            TokenSinkResult::RawData(RawKind::ScriptData | RawKind::ScriptDataEscaped(_)) => {
                Some(State::ScriptData)
            }
        }
    }

    /// The text read since the last token. html5ever's tokenizer reports a
    /// NUL in text as a token of its own, which the tree builder drops or
    /// replaces by the insertion mode; the same is done here.
    fn send_text(&mut self) {
        if self.text.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.text);
        for (i, part) in text.split(|&b| b == 0).enumerate() {
            if i > 0 {
                let _ = self.send(Token::NullCharacterToken);
            }
            if !part.is_empty() {
                let _ = self.send(Token::CharacterTokens(tendril(part)));
            }
        }
        self.text = text;
        self.text.clear();
    }

    /// The tag's attributes, the first of any repeated name kept, as the
    /// tokenizing rules say; those no field reads left out unless every
    /// one is asked for.
    fn attributes(&mut self) -> Vec<Attribute> {
        let (bytes, spans) = (&self.tag.attribute_bytes, &self.tag.attributes);
        let names = &mut self.names;
        let every = self.every_attribute;
        spans
            .iter()
            .enumerate()
            .filter(|(i, span)| {
                let name = &bytes[span.name.clone()];
                (every || !unread_attribute(name))
                    && !spans[..*i]
                        .iter()
                        .any(|earlier| bytes[earlier.name.clone()] == *name)
            })
            .map(|(_, span)| Attribute {
                name: QualName::new(None, ns!(), names.get(&bytes[span.name.clone()])),
                value: tendril(&bytes[span.value.clone()]),
            })
            .collect()
    }
}

impl Emitter for Tokens<'_> {
    type Token = Infallible;

    fn set_last_start_tag(&mut self, last_start_tag: Option<&[u8]>) {
        self.last_start_tag.clear();
        self.last_start_tag
            .extend_from_slice(last_start_tag.unwrap_or_default());
    }

    fn emit_eof(&mut self) {
        self.send_text();
        let _ = self.send(Token::EOFToken);
    }

    // Parse errors change nothing in the tree; the tree builder's own are
    // the only ones it would record.
    fn emit_error(&mut self, _: Error) {}

    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn pop_token(&mut self) -> Option<Infallible> {
        None
    }

    fn emit_string(&mut self, text: &[u8]) {
        self.text.extend_from_slice(text);
    }

    fn init_start_tag(&mut self) {
        self.tag.end = false;
        self.tag.name.clear();
        self.tag.self_closing = false;
        self.tag.attributes.clear();
        self.tag.attribute_bytes.clear();
    }

    fn init_end_tag(&mut self) {
        self.init_start_tag();
        self.tag.end = true;
    }

    fn init_comment(&mut self) {
        self.comment.clear();
    }

    fn emit_current_tag(&mut self) -> Option<State> {
        self.send_text();
        let (kind, attrs) = if self.tag.end {
            (TagKind::EndTag, Vec::new())
        } else {
            self.last_start_tag.clone_from(&self.tag.name);
            (TagKind::StartTag, self.attributes())
        };
        let tag = Tag {
            kind,
            name: self.names.get(&self.tag.name),
            self_closing: self.tag.self_closing,
            attrs,
        };
        self.send(Token::TagToken(tag))
    }

    fn emit_current_comment(&mut self) {
        self.send_text();
        let comment = tendril(&self.comment);
        let _ = self.send(Token::CommentToken(comment));
    }

    fn emit_current_doctype(&mut self) {
        self.send_text();
        let parts = std::mem::take(&mut self.doctype);
        let doctype = Doctype {
            name: parts.name.as_deref().map(tendril),
            public_id: parts.public_id.as_deref().map(tendril),
            system_id: parts.system_id.as_deref().map(tendril),
            force_quirks: parts.force_quirks,
        };
        let _ = self.send(Token::DoctypeToken(doctype));
    }

    fn set_self_closing(&mut self) {
        self.tag.self_closing = true;
    }

    fn set_force_quirks(&mut self) {
        self.doctype.force_quirks = true;
    }

    fn push_tag_name(&mut self, name: &[u8]) {
        self.tag.name.extend_from_slice(name);
    }

    fn push_comment(&mut self, text: &[u8]) {
        self.comment.extend_from_slice(text);
    }

    fn push_doctype_name(&mut self, name: &[u8]) {
        self.doctype
            .name
            .get_or_insert_with(Vec::new)
            .extend_from_slice(name);
    }

    fn init_doctype(&mut self) {
        self.doctype = DoctypeParts::default();
    }

    fn init_attribute(&mut self) {
        let at = self.tag.attribute_bytes.len();
        self.tag.attributes.push(AttributeSpan {
            name: at..at,
            value: at..at,
        });
    }

    fn push_attribute_name(&mut self, name: &[u8]) {
        let bytes = &mut self.tag.attribute_bytes;
        if let Some(span) = self.tag.attributes.last_mut() {
            // Only while the value is empty is the name the buffer's end.
            if span.value.is_empty() && span.name.end == bytes.len() {
                bytes.extend_from_slice(name);
                span.name.end = bytes.len();
                span.value = bytes.len()..bytes.len();
            }
        }
    }

    fn push_attribute_value(&mut self, value: &[u8]) {
        let bytes = &mut self.tag.attribute_bytes;
        if let Some(span) = self.tag.attributes.last_mut() {
            if span.value.end == bytes.len() {
                bytes.extend_from_slice(value);
                span.value.end = bytes.len();
            }
        }
    }

    fn set_doctype_public_identifier(&mut self, value: &[u8]) {
        self.doctype.public_id = Some(value.to_vec());
    }

    fn set_doctype_system_identifier(&mut self, value: &[u8]) {
        self.doctype.system_id = Some(value.to_vec());
    }

    fn push_doctype_public_identifier(&mut self, value: &[u8]) {
        if let Some(id) = self.doctype.public_id.as_mut() {
            id.extend_from_slice(value);
        }
    }

    fn push_doctype_system_identifier(&mut self, value: &[u8]) {
        if let Some(id) = self.doctype.system_id.as_mut() {
            id.extend_from_slice(value);
        }
    }

    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        self.tag.end && !self.last_start_tag.is_empty() && self.last_start_tag == self.tag.name
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&mut self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// Attributes no field reads: script hooks and data (`data-src`, a lazy
/// image's address, is read), responsive image sets, drawing and layout
/// figures, loading hints. None of them changes the tree's shape (the tree
/// builder asks for `type`, `encoding`, `color`, `face` and `size`, all
/// kept).
fn unread_attribute(name: &[u8]) -> bool {
    (name.starts_with(b"data-") && name != b"data-src")
        || (name.starts_with(b"on") && name.len() > 2)
        || matches!(
            name,
            b"srcset"
                | b"sizes"
                | b"d"
                | b"width"
                | b"height"
                | b"fill"
                | b"viewbox"
                | b"tabindex"
                | b"target"
                | b"loading"
                | b"decoding"
                | b"async"
                | b"defer"
                | b"crossorigin"
                | b"integrity"
                | b"nonce"
                | b"media"
                | b"stroke"
                | b"stroke-width"
                | b"transform"
                | b"fetchpriority"
                | b"referrerpolicy"
                | b"xlink:href"
                | b"xmlns"
        )
}

/// Every piece is gathered whole before it becomes text, so the bytes are
/// the UTF-8 of the `&str` read; the lossy path is only a safety net.
fn tendril(bytes: &[u8]) -> StrTendril {
    match std::str::from_utf8(bytes) {
        Ok(text) => StrTendril::from_slice(text),
        Err(_) => StrTendril::from_slice(&String::from_utf8_lossy(bytes)),
    }
}

/// Tag and attribute names already interned during this parse. A page
/// uses a few dozen names thousands of times, and interning one hashes it
/// with SipHash (and locks the global set for names it does not know);
/// a slot found by a cheap hash of the bytes is much less.
struct NameCache {
    slots: Vec<Option<(Box<[u8]>, LocalName)>>,
}

impl Default for NameCache {
    fn default() -> Self {
        NameCache {
            slots: vec![None; NameCache::SLOTS],
        }
    }
}

impl NameCache {
    const SLOTS: usize = 256;

    fn get(&mut self, bytes: &[u8]) -> LocalName {
        let slot = &mut self.slots[Self::slot(bytes)];
        match slot {
            Some((cached, name)) if **cached == *bytes => name.clone(),
            _ => {
                let name = local_name(bytes);
                *slot = Some((bytes.into(), name.clone()));
                name
            }
        }
    }

    /// FNV-1a over the name, folded to a slot.
    fn slot(bytes: &[u8]) -> usize {
        let hash = bytes.iter().fold(0x811c_9dc5_u32, |h, &b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        });
        (hash ^ (hash >> 16)) as usize % Self::SLOTS
    }
}

fn local_name(bytes: &[u8]) -> LocalName {
    match std::str::from_utf8(bytes) {
        Ok(name) => LocalName::from(name),
        Err(_) => LocalName::from(&*String::from_utf8_lossy(bytes)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Markup whose tree depends on the tokenizer's finer rules.
    const CASES: &[&str] = &[
        "\u{feff}<!DOCTYPE html><title>A &amp; B</title><p>x",
        "<p class=a class=b id=c>dup</p>",
        "<p>a\0b</p><table>\0<tr><td>c</td></tr>x</table>",
        "<p>line\r\nnext\rthird</p>",
        "<textarea>\n<b>not bold</b></textarea><title><i>t</i></title>",
        "<style>p { x: '</p>' }</style><script>if (a < b) { '<!--' }</script><p>after",
        "<noscript><p>shown</p></noscript><iframe><p>raw</p></iframe>",
        "<svg><![CDATA[<x>]]><title>t</title><path d='M0'/></svg><math><mi>x</mi></math>",
        "<a href='x?a=1&b=2&copy=3&amp;c'>&notit; &notin; &#x1F600; &#0; &#xD800;</a>",
        "<div <p>broken</div><a href=\"x\"<b>b</b></a>< p>text</p></>x<//a>",
        "<!-- c --!><!x><?php echo 1 ?><!--->tail",
        "<plaintext><p>all text</p>",
        "<table><tr><td>a<p>b</table><b><i>c</b>d</i>",
        "<select><option>a<option>b</select><frameset></frameset>",
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"x\"><p>q",
        "<p>caf\u{e9} \u{4e2d}\u{6587} <img alt=\"\u{e9}t\u{e9}\"></p>",
        "<script type=\"application/ld+json\">{\"a\":\"</b>\"}</script><p>x",
        "<br/><img/ src=x><input disabled value=\"v\"/>",
        "<!DOCTYPE\u{feff} htlm><tit!\0\0\0lte\u{6}lea>extata>\n>A a",
    ];

    #[test]
    fn builds_the_tree_html5ever_builds() {
        for html in CASES {
            assert_eq!(
                parse_whole(html).html().to_string(),
                Document::from(*html).html().to_string(),
                "{html:?}"
            );
        }
    }

    #[test]
    fn leaves_out_only_the_attributes_no_field_reads() {
        let html = "<p><img class=c alt='A cat' data-src=a.jpg data-id=7 onclick=go() \
                    srcset='a.jpg 2x' width=10 title=t><svg viewBox='0 0 1 1'><path d='M0'/></svg>\
                    <input type=hidden value=v data-x=1></p>";
        let names = |doc: &Document, sel: &str| -> Vec<String> {
            doc.select(sel)
                .nodes()
                .iter()
                .flat_map(|n| n.attrs().into_iter().map(|a| a.name.local.to_string()))
                .collect()
        };
        let doc = parse(html);
        assert_eq!(names(&doc, "img"), ["class", "alt", "data-src", "title"]);
        assert!(names(&doc, "path").is_empty());
        assert_eq!(names(&doc, "input"), ["type", "value"]);
        // The same tree, attributes aside.
        let whole = parse_whole(html);
        assert_eq!(doc.select("*").length(), whole.select("*").length());
        assert_eq!(doc.select("body").text(), whole.select("body").text());
    }

    #[test]
    fn parses_empty_and_unfinished_input() {
        for html in ["", "<", "<a href=", "<!--", "<!DOCTYPE", "&", "<p>x</"] {
            assert_eq!(
                parse_whole(html).html().to_string(),
                Document::from(html).html().to_string(),
                "{html:?}"
            );
        }
    }
}
