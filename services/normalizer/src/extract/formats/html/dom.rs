//! Walks over the DOM's text: page order, around a node, script and
//! style contents left out.

use crate::extract::formats::html::meta::decode;
use crate::extract::support::text::clean;

/// The text after a node in page order (its later siblings, then its
/// ancestors' later siblings), about `chars` characters of it, cleaned.
pub(crate) fn text_following(node: &dom_query::NodeRef, chars: usize) -> String {
    // Raw bytes read: generous, since markup white space is cleaned away.
    let budget = chars * 4;
    let mut raw = String::new();
    let mut current = *node;
    'climb: loop {
        let mut sibling = current.next_sibling();
        while let Some(s) = sibling {
            let mut more = true;
            for_each_text_while(&s, |t| {
                push_piece(&mut raw, t);
                more = raw.len() < budget;
                more
            });
            if !more {
                break 'climb;
            }
            sibling = s.next_sibling();
        }
        match current.parent() {
            Some(p) if p.is_element() => current = p,
            _ => break,
        }
    }
    raw.chars().take(chars).collect()
}

/// Appends a text of the page, cleaned, on a line of its own: the line
/// breaks mark where one element's text ends.
pub(super) fn push_piece(out: &mut String, text: &str) {
    let text = clean(text);
    if !text.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&text);
    }
}

/// The last `chars` characters or so of the text before a node in page
/// order (its earlier siblings, then its ancestors' earlier siblings),
/// cleaned.
pub(crate) fn text_preceding(node: &dom_query::NodeRef, chars: usize) -> String {
    let budget = chars * 4;
    // Texts in reverse page order, read back from the node: a long menu
    // before the headline is not read whole.
    let mut pieces: Vec<String> = Vec::new();
    let mut len = 0;
    let mut current = *node;
    'climb: loop {
        let mut sibling = current.prev_sibling();
        while let Some(s) = sibling {
            let mut stack = vec![s];
            while let Some(n) = stack.pop() {
                crate::cancel::checkpoint();
                if n.is_text() {
                    let text = clean(&n.text());
                    if !text.is_empty() {
                        len += text.len() + 1;
                        pieces.push(text);
                        if len >= budget {
                            break 'climb;
                        }
                    }
                } else if !holds_no_text(&n) {
                    // Children in page order on the stack: the last comes
                    // off first.
                    stack.extend(n.children());
                }
            }
            sibling = s.prev_sibling();
        }
        match current.parent() {
            Some(p) if p.is_element() => current = p,
            _ => break,
        }
    }
    pieces.reverse();
    let text = pieces.join("\n");
    let skip = text.chars().count().saturating_sub(chars);
    text.chars().skip(skip).collect()
}

/// A node's text with a space between the texts of its elements, so that
/// "Luke Kim" and "December 17, 2025" in sibling elements do not run
/// together; script and style contents left out.
pub(crate) fn spaced_text(node: &dom_query::NodeRef) -> String {
    spaced_text_prefix(node, usize::MAX)
}

/// `spaced_text` of a node's first `budget` bytes of text or so.
pub(super) fn spaced_text_prefix(node: &dom_query::NodeRef, budget: usize) -> String {
    let mut raw = String::new();
    for_each_text_while(node, |t| {
        raw.push_str(t);
        raw.push(' ');
        raw.len() < budget
    });
    clean(&raw)
}

/// The non-empty texts under a node, in page order, each cleaned.
pub(super) fn text_pieces(node: &dom_query::NodeRef) -> Vec<String> {
    let mut out = Vec::new();
    for_each_text(node, |t| {
        let text = clean(t);
        if !text.is_empty() {
            out.push(text);
        }
    });
    out
}

/// Calls `f` with each text under a node, in page order, script and style
/// contents left out.
pub(super) fn for_each_text(node: &dom_query::NodeRef, mut f: impl FnMut(&str)) {
    for_each_text_while(node, |t| {
        f(t);
        true
    });
}

/// Elements whose contents are never page text: scripts, styles,
/// `noscript` fallbacks and templates.
pub(super) fn holds_no_text(node: &dom_query::NodeRef) -> bool {
    node.node_name()
        .is_some_and(|t| matches!(t.as_ref(), "script" | "style" | "noscript" | "template"))
}

/// `for_each_text` until `f` returns false.
pub(super) fn for_each_text_while(node: &dom_query::NodeRef, mut f: impl FnMut(&str) -> bool) {
    for_each_text_node_while(node, |n| f(&n.text()));
}

/// Each text node under `node` in page order, script and style aside,
/// until `f` returns false.
pub(crate) fn for_each_text_node_while<'a>(
    node: &dom_query::NodeRef<'a>,
    mut f: impl FnMut(&dom_query::NodeRef<'a>) -> bool,
) {
    // An explicit stack: pages can nest deeper than a thread's stack allows.
    let mut stack = vec![*node];
    while let Some(n) = stack.pop() {
        crate::cancel::checkpoint();
        if n.is_text() {
            if !f(&n) {
                return;
            }
            continue;
        }
        if holds_no_text(&n) {
            continue;
        }
        // Last child first, so the first is taken next.
        stack.extend(n.children_it(true));
    }
}

/// An element's class and id names, lower-case, as one string.
pub(super) fn class_and_id(node: &dom_query::NodeRef) -> String {
    format!(
        "{} {}",
        node.attr("class").unwrap_or_default(),
        node.attr("id").unwrap_or_default()
    )
    .to_lowercase()
}

pub(super) fn non_empty_attr(node: &dom_query::NodeRef, attr: &str) -> Option<String> {
    node.attr(attr)
        .map(|v| decode(&v))
        .filter(|v| !v.is_empty())
}

pub(super) fn first_text(nodes: &[dom_query::NodeRef]) -> Option<String> {
    nodes
        .iter()
        .map(|n| clean(&n.text()))
        .find(|t| !t.is_empty())
}
