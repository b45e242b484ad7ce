//! The story's images.

use wirefeed_model::Image;

use crate::extract::formats::html::page::Page;
use crate::extract::support::text::clean;

/// The page's lead image (`og:image`), then the images of its figures with
/// their captions, each once, with absolute URLs.
pub(super) fn images(page: &Page) -> Vec<Image> {
    let (index, metas, page_url) = (&page.index, &page.metas, page.url);
    let base = url::Url::parse(page_url).ok();
    let absolute = |src: &str| -> Option<String> {
        let src = src.trim();
        if src.is_empty() || src.starts_with("data:") {
            return None;
        }
        match &base {
            Some(b) => b.join(src).ok().map(String::from),
            None => src.starts_with("http").then(|| src.to_string()),
        }
    };
    let mut out: Vec<Image> = Vec::new();
    let mut push = |url: Option<String>, caption: Option<String>| {
        if let Some(url) = url {
            if !out.iter().any(|i| i.url == url) {
                out.push(Image { url, caption });
            }
        }
    };
    push(
        metas
            .get("meta[property='og:image']")
            .and_then(|u| absolute(&u)),
        None,
    );
    for figure in index.tag("figure") {
        let img = figure.find(&["img"]).into_iter().next();
        let Some(img) = img else { continue };
        let src = img
            .attr("src")
            .filter(|s| !s.starts_with("data:"))
            .or_else(|| img.attr("data-src"));
        let caption = figure
            .find(&["figcaption"])
            .first()
            .map(|c| clean(&c.text()))
            .filter(|c| !c.is_empty());
        push(src.and_then(|s| absolute(&s)), caption);
    }
    out
}
