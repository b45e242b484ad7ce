//! Whether a node sits in the page's chrome (navigation, footers,
//! sidebars, comments, lists of other stories), where printed names and
//! dates are not the story's.

use crate::extract::formats::html::dom::class_and_id;

/// Class and id words of comment threads and lists of other stories: what
/// `in_other_stories` reads, `in_other_stories_or_frame` with footers and
/// `in_page_chrome` with footers, sidebars and widgets besides.
pub(super) const OTHER_STORIES_MARKS: [&str; 5] =
    ["comment", "related", "recommend", "popular", "more-stories"];

/// Whether an ancestor of a node below `body` is one of `tags` or has one of
/// `marks` in its class or id. The page's own classes on `body` and `html`
/// ("page-template-elementor_header_footer") describe its layout, not a
/// part of it.
pub(super) fn in_marked_container(
    node: &dom_query::NodeRef,
    tags: &[&str],
    marks: &[&str],
) -> bool {
    node.ancestors_it(Some(16))
        .take_while(|a| !matches!(a.node_name().as_deref(), Some("body" | "html")))
        .any(|a| {
            a.node_name().is_some_and(|n| tags.contains(&n.as_ref())) || {
                let found = class_and_id(&a);
                marks.iter().any(|m| found.contains(m))
            }
        })
}

/// Whether a credit is printed in the page's frame (navigation, footer) or
/// among other stories and comments. Unlike `in_page_chrome`, a sidebar
/// counts as the page's own: pages print their metadata there ("Author",
/// "Date" in an aside beside the story).
pub(super) fn in_other_stories_or_frame(node: &dom_query::NodeRef) -> bool {
    let mut marks = OTHER_STORIES_MARKS.to_vec();
    marks.push("footer");
    in_marked_container(node, &["nav", "footer"], &marks)
}

/// Whether a node sits in a comment thread or a list of other stories
/// (related, recommended, popular). A footer does not count: it can be the
/// story's own, with its author box.
pub(super) fn in_other_stories(node: &dom_query::NodeRef) -> bool {
    in_marked_container(node, &[], &OTHER_STORIES_MARKS)
}

/// Whether `node` sits in a comment thread, a sidebar or the navigation: a
/// date there belongs to something else than the story. (Not "widget":
/// Blogger wraps the post itself in one.)
pub(super) fn in_comments_or_sidebar(node: &dom_query::NodeRef) -> bool {
    node.ancestors_it(Some(16)).any(|a| {
        let name = a.node_name().unwrap_or_default();
        if matches!(name.as_ref(), "nav" | "aside") {
            return true;
        }
        let marks = class_and_id(&a);
        ["comment", "sidebar"].iter().any(|m| marks.contains(m))
    })
}

/// Whether a node sits in navigation, a footer, an aside, comments or a
/// list of other stories, where printed dates and names are not the
/// article's. The nearest such container or article counts: a page layout
/// named "…-sidebar" around the article does not make the article chrome.
pub(crate) fn in_page_chrome(node: &dom_query::NodeRef) -> bool {
    for a in node.ancestors_it(Some(16)) {
        let name = a.node_name().unwrap_or_default();
        if matches!(name.as_ref(), "nav" | "footer" | "aside") {
            return true;
        }
        // The page's own classes ("page-template-elementor_header_footer")
        // describe its layout, not a part of it.
        if matches!(name.as_ref(), "article" | "main" | "body" | "html")
            || a.attr("role").as_deref() == Some("main")
        {
            return false;
        }
        let marks = class_and_id(&a)
            // Page builders name every block of a page a widget
            // ("elementor-widget-text-editor"): that says nothing of chrome.
            .replace("elementor-widget", "");
        // Blogger holds the post itself in its "Blog" widget (`<div
        // class="widget Blog" id="Blog1">`).
        if marks.contains("main-content")
            || marks.contains("maincontent")
            || marks.contains("widget blog")
        {
            return false;
        }
        if OTHER_STORIES_MARKS
            .iter()
            .chain(&["footer", "sidebar", "widget"])
            .any(|m| marks.contains(m))
        {
            return true;
        }
    }
    false
}
