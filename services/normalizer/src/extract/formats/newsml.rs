//! IPTC NewsML-G2 `newsItem` XML, mapped to the same fields as ninjs.
//! Read with a streaming parser that never expands DTD entities, so entity
//! bombs stay inert; only the five XML entities and character references
//! are resolved.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use wirefeed_model::{Author, Paragraph, WireInfo};

use crate::extract::extraction::Extraction;
use crate::extract::fields::dates::parse_machine;
use crate::extract::formats::ninjs::settle_wire_item;
use crate::extract::support::text::clean;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum NewsMlError {
    #[error("not a NewsML-G2 newsItem: {0}")]
    NotNewsMl(String),
    #[error("malformed XML: {0}")]
    Malformed(String),
}

/// Elements whose text is one body paragraph.
const BLOCKS: &[&str] = &["p", "h1", "h2", "h3", "h4", "li", "blockquote"];

pub fn extract(xml: &str) -> Result<Extraction, NewsMlError> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut out = Extraction::default();
    let mut path: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut seen_item = false;
    let mut in_body = 0usize;
    let mut keywords = Vec::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| NewsMlError::Malformed(e.to_string()))?;
        match event {
            Event::Start(e) => {
                let name = local(&e);
                if name == "newsItem" {
                    seen_item = true;
                    item_attributes(&e, out.wire_mut());
                }
                attributes_of(&e, &name, &mut out, &mut keywords);
                if name == "inlineXML" || name == "inlineData" {
                    in_body += 1;
                }
                if path.len() > 256 {
                    return Err(NewsMlError::Malformed(
                        "nested deeper than 256 elements".into(),
                    ));
                }
                path.push(name);
                text.clear();
            }
            Event::Empty(e) => {
                let name = local(&e);
                if name == "newsItem" {
                    seen_item = true;
                    item_attributes(&e, out.wire_mut());
                }
                attributes_of(&e, &name, &mut out, &mut keywords);
            }
            Event::Text(t) => text.push_str(
                &t.decode()
                    .map_err(|e| NewsMlError::Malformed(e.to_string()))?,
            ),
            Event::CData(t) => text.push_str(&String::from_utf8_lossy(&t)),
            Event::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c);
                } else {
                    match r
                        .decode()
                        .map_err(|e| NewsMlError::Malformed(e.to_string()))?
                        .as_ref()
                    {
                        "amp" => text.push('&'),
                        "lt" => text.push('<'),
                        "gt" => text.push('>'),
                        "quot" => text.push('"'),
                        "apos" => text.push('\''),
                        _ => {} // DTD entities are never expanded.
                    }
                }
            }
            Event::End(_) => {
                let name = path.pop().unwrap_or_default();
                let parent = path.last().map(String::as_str).unwrap_or("");
                let value = clean(&text);
                match name.as_str() {
                    "versionCreated" if parent == "itemMeta" => {
                        out.wire_mut().version_created = parse_machine(&value)
                    }
                    "firstCreated" if parent == "itemMeta" => {
                        out.wire_mut().first_created = parse_machine(&value)
                    }
                    "headline" if out.title.is_none() && !value.is_empty() => {
                        out.title = Some(value)
                    }
                    "by" if !value.is_empty() && out.authors.is_empty() => {
                        out.authors = crate::extract::fields::byline::parse_byline(&value)
                    }
                    "description" if out.standfirst.is_none() && !value.is_empty() => {
                        out.standfirst = Some(value)
                    }
                    "name" if parent == "subject" && !value.is_empty() => keywords.push(value),
                    "inlineXML" | "inlineData" => {
                        in_body = in_body.saturating_sub(1);
                        if name == "inlineData" {
                            out.paragraphs.extend(
                                text.split("\n\n").map(clean).filter(|p| !p.is_empty()).map(
                                    |text| Paragraph {
                                        text,
                                        subhead: false,
                                    },
                                ),
                            );
                        }
                    }
                    n if in_body > 0 && BLOCKS.contains(&n) && !value.is_empty() => {
                        out.paragraphs.push(Paragraph {
                            text: value,
                            subhead: n.starts_with('h'),
                        })
                    }
                    _ => {}
                }
                if !(in_body > 0 && name == "inlineData") {
                    text.clear();
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_item || out.wire_mut().uri.is_empty() {
        return Err(NewsMlError::NotNewsMl("no newsItem with a guid".into()));
    }
    out.keywords = keywords;
    out.published_at = out.wire_mut().first_created;
    out.updated_at = out
        .wire_mut()
        .version_created
        .filter(|v| out.published_at.is_none_or(|p| *v > p));
    settle_wire_item(&mut out);
    Ok(out)
}

fn local(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| clean(&String::from_utf8_lossy(&a.value)))
        .filter(|v| !v.is_empty())
}

fn item_attributes(e: &BytesStart<'_>, wire: &mut WireInfo) {
    wire.uri = attr(e, "guid").unwrap_or_default();
    wire.version = attr(e, "version").and_then(|v| v.parse().ok());
}

fn attributes_of(e: &BytesStart<'_>, name: &str, out: &mut Extraction, keywords: &mut Vec<String>) {
    match name {
        // stat:usable, stat:canceled, stat:withheld
        "pubStatus" => {
            out.wire_mut().pub_status =
                attr(e, "qcode").map(|q| q.rsplit(':').next().unwrap_or("").to_lowercase())
        }
        // sig:update, sig:correction (IPTC signal codes)
        "signal" => {
            let code = attr(e, "qcode").map(|q| q.rsplit(':').next().unwrap_or("").to_lowercase());
            if let Some(kind @ ("update" | "correction")) = code.as_deref() {
                let r = out.revision.get_or_insert(wirefeed_model::Revision {
                    kind: kind.to_string(),
                    number: None,
                });
                if kind == "correction" {
                    r.kind = kind.to_string();
                }
            }
        }
        "language" => {
            out.language =
                attr(e, "tag").map(|t| t.split(['-', '_']).next().unwrap_or("").to_lowercase())
        }
        "keyword" => {}
        "creator" => {
            if let Some(n) = attr(e, "literal") {
                out.authors.push(Author {
                    name: n,
                    email: None,
                });
            }
        }
        "subject" => {
            if let Some(n) = attr(e, "literal") {
                keywords.push(n);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ITEM: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:example.com:20240301:budget" version="3" standard="NewsML-G2" standardversion="2.29">
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <versionCreated>2024-03-01T12:00:00+01:00</versionCreated>
    <firstCreated>2024-03-01T08:00:00+01:00</firstCreated>
    <pubStatus qcode="stat:usable"/>
  </itemMeta>
  <contentMeta>
    <headline>Budget passes &amp; markets rise</headline>
    <by>By Jane Doe and John Roe</by>
    <subject type="cpnat:abstract"><name>Politics</name></subject>
    <language tag="en-GB"/>
  </contentMeta>
  <contentSet>
    <inlineXML contenttype="application/xhtml+xml">
      <html xmlns="http://www.w3.org/1999/xhtml"><body>
        <p>BERLIN (Reuters) &#8212; The parliament passed the budget on Friday.</p>
        <h2>Reaction</h2>
        <p>Markets rose.</p>
      </body></html>
    </inlineXML>
  </contentSet>
</newsItem>"#;

    #[test]
    fn maps_a_news_item() {
        let x = extract(ITEM).unwrap();
        assert_eq!(
            x.wire.as_ref().unwrap().uri,
            "urn:newsml:example.com:20240301:budget"
        );
        assert_eq!(x.wire.as_ref().unwrap().version, Some(3));
        assert_eq!(
            x.wire.as_ref().unwrap().pub_status.as_deref(),
            Some("usable")
        );
        assert_eq!(x.title.as_deref(), Some("Budget passes & markets rise"));
        assert_eq!(
            x.authors
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>(),
            ["Jane Doe", "John Roe"]
        );
        assert_eq!(x.language.as_deref(), Some("en"));
        assert_eq!(x.paragraphs.len(), 3);
        assert_eq!(
            x.paragraphs[0].text,
            "BERLIN (Reuters) — The parliament passed the budget on Friday."
        );
        assert!(x.paragraphs[1].subhead);
        assert_eq!(
            x.published_at.unwrap().to_rfc3339(),
            "2024-03-01T08:00:00+01:00"
        );
        assert_eq!(x.keywords, ["Politics"]);
    }

    #[test]
    fn entity_bombs_are_not_expanded() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>
<newsItem guid="urn:x"><contentMeta><headline>&lol2;&lol2;</headline></contentMeta></newsItem>"#;
        let x = extract(bomb).unwrap();
        assert!(x.title.is_none());
    }

    #[test]
    fn a_correction_signal() {
        let x = extract(r#"<newsItem guid="urn:x" version="3"><itemMeta><pubStatus qcode="stat:usable"/><signal qcode="sig:correction"/></itemMeta></newsItem>"#).unwrap();
        assert_eq!(x.revision.map(|r| r.kind).as_deref(), Some("correction"));
    }

    #[test]
    fn a_kill_notice() {
        let x = extract(r#"<newsItem guid="urn:x" version="4"><itemMeta><pubStatus qcode="stat:canceled"/></itemMeta></newsItem>"#).unwrap();
        assert_eq!(
            x.wire.as_ref().unwrap().pub_status.as_deref(),
            Some("canceled")
        );
    }

    #[test]
    fn not_newsml() {
        assert!(extract("<rss><channel/></rss>").is_err());
        assert!(
            extract("<newsItem><unclosed>").is_err() || extract("<newsItem><unclosed>").is_ok()
        );
    }
}
