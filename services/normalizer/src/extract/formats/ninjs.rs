//! IPTC ninjs wire items (1.x and 2.x lower-case names, 3.x camelCase),
//! mapped to article fields; identity and version kept for deduplication.

use serde_json::{Map, Value};
use wirefeed_model::{Author, Caption, Image};

use crate::extract::extraction::Extraction;
use crate::extract::fields::dates::parse_machine;
use crate::extract::support::text::{clean, plain_paragraphs};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum NinjsError {
    #[error("not a ninjs item: {0}")]
    NotNinjs(String),
}

/// Whether a JSON object looks like a ninjs item rather than some other JSON.
pub fn looks_like_ninjs(v: &Value) -> bool {
    let Some(o) = v.as_object() else { return false };
    o.contains_key("uri")
        && [
            "headline",
            "headlines",
            "body_text",
            "bodyText",
            "body_html",
            "bodyHtml",
            "bodies",
            "type",
        ]
        .iter()
        .any(|k| o.contains_key(*k))
}

pub fn extract(item: &Value) -> Result<Extraction, NinjsError> {
    let o = item
        .as_object()
        .ok_or_else(|| NinjsError::NotNinjs("not an object".into()))?;
    let uri = get_str(o, &["uri"]).ok_or_else(|| NinjsError::NotNinjs("no `uri`".into()))?;
    let mut out = Extraction::default();
    out.wire_mut().uri = uri;
    out.wire_mut().version = o
        .get("version")
        .and_then(|v| v.as_i64().or_else(|| v.as_str()?.trim().parse().ok()));
    out.wire_mut().version_created =
        get_str(o, &["versioncreated", "versionCreated"]).and_then(|s| parse_machine(&s));
    out.wire_mut().first_created =
        get_str(o, &["firstcreated", "firstCreated"]).and_then(|s| parse_machine(&s));
    out.wire_mut().pub_status = get_str(o, &["pubstatus", "pubStatus"]).map(|s| s.to_lowercase());

    // ninjs 3 moved headline and bodies into arrays of {value, role, contentType}.
    out.title = get_str(o, &["headline"]).or_else(|| first_value(o, "headlines"));
    out.standfirst = get_str(o, &["description_text", "descriptionText"])
        .or_else(|| first_value(o, "descriptions"));
    let (body, was_html) = match get_str(o, &["body_text", "bodyText"]) {
        Some(text) => (text, false),
        None => match get_str(o, &["body_html", "bodyHtml"]) {
            Some(html) => (html, true),
            None => bodies_value(o).unwrap_or_default(),
        },
    };
    let text = if was_html { html_to_text(&body) } else { body };
    out.paragraphs = plain_paragraphs(text.split("\n\n").flat_map(|chunk| {
        if chunk.contains("\n\n") {
            vec![chunk]
        } else {
            chunk.split('\n').collect()
        }
    }));

    out.language =
        get_str(o, &["language"]).map(|l| l.split(['-', '_']).next().unwrap_or("").to_lowercase());
    out.published_at = out.wire_mut().first_created.or_else(|| {
        get_str(o, &["contentcreated", "contentCreated"]).and_then(|s| parse_machine(&s))
    });
    out.updated_at = out
        .wire_mut()
        .version_created
        .filter(|v| out.published_at.is_none_or(|p| *v > p));

    // Authors: ninjs `by` (a byline string) or `people` with role author.
    if let Some(by) = get_str(o, &["by"]) {
        out.authors = crate::extract::fields::byline::parse_byline(&by);
    }
    if out.authors.is_empty() {
        if let Some(Value::Array(people)) = o.get("people") {
            for p in people {
                let role = p
                    .get("rel")
                    .or_else(|| p.get("role"))
                    .and_then(Value::as_str)
                    .unwrap_or("");
                if role.contains("author")
                    || role.contains("creator")
                    || role.is_empty() && o.get("by").is_none()
                {
                    if let Some(name) = p.get("name").and_then(Value::as_str) {
                        out.authors.push(Author {
                            name: clean(name),
                            email: None,
                        });
                    }
                }
            }
        }
    }
    for key in ["subject", "subjects", "keywords"] {
        if let Some(Value::Array(items)) = o.get(key) {
            for i in items {
                if let Some(name) = i.as_str().or_else(|| i.get("name").and_then(Value::as_str)) {
                    out.keywords.push(clean(name));
                }
            }
        }
    }
    if let Some(Value::Array(genres)) = o.get("genre") {
        out.section = genres
            .iter()
            .filter_map(|g| g.get("name").and_then(Value::as_str))
            .map(clean)
            .take(1)
            .collect();
    }
    if let Some(Value::Object(assocs)) = o.get("associations") {
        for (_, a) in assocs {
            let url = a
                .get("renditions")
                .and_then(|r| r.as_object())
                .and_then(|r| r.values().find_map(|x| x.get("href")?.as_str()));
            let caption = get_str(
                a.as_object().unwrap_or(&Map::new()),
                &["description_text", "descriptionText", "headline"],
            );
            if let Some(url) = url {
                out.images.push(Image {
                    url: url.to_string(),
                    caption: caption.clone(),
                });
            }
            if let Some(text) = caption {
                let credit = a
                    .get("copyrightholder")
                    .or_else(|| a.get("copyrightHolder"))
                    .and_then(Value::as_str)
                    .map(clean);
                out.captions.push(Caption { text, credit });
            }
        }
    }
    settle_wire_item(&mut out);
    Ok(out)
}

/// A wire item's confidence: certain for a kill notice, nearly so for any
/// other item (a feed has no page chrome to mistake for the story).
const KILL_NOTICE_CONFIDENCE: f32 = 1.0;
const WIRE_ITEM_CONFIDENCE: f32 = 0.95;

/// What every wire item settles the same way: the provider's URI is the
/// story's identity, and the confidence.
pub(crate) fn settle_wire_item(out: &mut Extraction) {
    let wire = out.wire_mut();
    let killed = matches!(wire.pub_status.as_deref(), Some("canceled" | "withheld"));
    let uri = wire.uri.clone();
    out.identity = Some(uri);
    out.confidence = if killed {
        KILL_NOTICE_CONFIDENCE
    } else {
        WIRE_ITEM_CONFIDENCE
    };
}

fn get_str(o: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter()
        .find_map(|k| o.get(*k)?.as_str())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

fn first_value(o: &Map<String, Value>, key: &str) -> Option<String> {
    o.get(key)?
        .as_array()?
        .iter()
        .find_map(|h| h.get("value")?.as_str())
        .map(clean)
}

fn bodies_value(o: &Map<String, Value>) -> Option<(String, bool)> {
    let bodies = o.get("bodies")?.as_array()?;
    let pick = |html: bool| {
        bodies.iter().find_map(|b| {
            let ct = b
                .get("contentType")
                .and_then(Value::as_str)
                .unwrap_or("text/plain");
            (ct.contains("html") == html)
                .then(|| b.get("value")?.as_str().map(str::to_string))
                .flatten()
        })
    };
    pick(false)
        .map(|t| (t, false))
        .or_else(|| pick(true).map(|h| (h, true)))
}

/// Text of an HTML fragment with one paragraph per block element.
fn html_to_text(html: &str) -> String {
    let doc = crate::extract::formats::html::tree::parse(html);
    let blocks: Vec<String> = doc
        .select("p, h1, h2, h3, h4, li, blockquote")
        .nodes()
        .iter()
        .map(|n| clean(&n.text()))
        .filter(|t| !t.is_empty())
        .collect();
    if blocks.is_empty() {
        clean(&doc.text())
    } else {
        blocks.join("\n\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ninjs_2_lower_case() {
        let v: Value = serde_json::from_str(r#"{"uri":"urn:newsml:example.com:20240301:abc","version":"3","versioncreated":"2024-03-01T12:00:00Z",
            "firstcreated":"2024-03-01T08:00:00Z","pubstatus":"usable","headline":"Budget passes","by":"Jane Doe and John Roe",
            "body_html":"<p>First paragraph of the story.</p><p>Second paragraph.</p>","language":"en-GB"}"#).unwrap();
        assert!(looks_like_ninjs(&v));
        let x = extract(&v).unwrap();
        assert_eq!(
            x.wire.as_ref().unwrap().uri,
            "urn:newsml:example.com:20240301:abc"
        );
        assert_eq!(x.wire.as_ref().unwrap().version, Some(3));
        assert_eq!(
            x.wire.as_ref().unwrap().pub_status.as_deref(),
            Some("usable")
        );
        assert_eq!(x.title.as_deref(), Some("Budget passes"));
        assert_eq!(x.paragraphs.len(), 2);
        assert_eq!(x.authors.len(), 2);
        assert_eq!(x.language.as_deref(), Some("en"));
        assert!(x.updated_at.is_some());
    }

    #[test]
    fn ninjs_3_camel_case() {
        let v: Value = serde_json::from_str(r#"{"uri":"urn:x:1","pubStatus":"canceled","versionCreated":"2024-03-01T12:00:00Z",
            "headlines":[{"value":"Killed story","role":"main"}],"bodies":[{"value":"Text one.\n\nText two.","contentType":"text/plain"}]}"#).unwrap();
        let x = extract(&v).unwrap();
        assert_eq!(
            x.wire.as_ref().unwrap().pub_status.as_deref(),
            Some("canceled")
        );
        assert_eq!(x.title.as_deref(), Some("Killed story"));
        assert_eq!(x.paragraphs.len(), 2);
    }
}
