//! A raw message's top-level fields read without building the page body
//! twice.
//!
//! Why: `serde_json` decodes a string into a scratch buffer that grows from
//! nothing and then copies it into the `String` it hands over; for a body of
//! hundreds of kilobytes that was most of the cost of reading a message
//! (docs/measurements.md). Here each field is first taken as its raw JSON
//! text, which `serde_json` validates (escapes, control characters, UTF-8)
//! without copying, and a body string is then decoded once into a buffer
//! of its final size. Anything this reader does not handle the common way
//! (a value that is not a string, an unusual escape) goes to `serde_json`,
//! so the fields come out exactly as `serde_json::Value` would have them.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// The message's top-level object, or None when the bytes are not a JSON
/// object this reader takes (the caller then reads them the general way,
/// which also says what is wrong).
pub(crate) fn object(bytes: &[u8], long_strings: &[&str]) -> Option<Map<String, Value>> {
    let Fields(fields) = serde_json::from_slice(bytes).ok()?;
    let mut map = Map::new();
    for (name, raw) in fields {
        let text = raw.get();
        let value = if long_strings.contains(&name.as_str()) && text.starts_with('"') {
            Value::String(decode_string(text).or_else(|| serde_json::from_str(text).ok())?)
        } else {
            serde_json::from_str(text).ok()?
        };
        // Insert, as serde_json does: a repeated name keeps its last value.
        map.insert(name, value);
    }
    Some(map)
}

/// The top-level fields in order, each value as its raw JSON text.
struct Fields<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Fields<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldsVisitor;
        impl<'de> Visitor<'de> for FieldsVisitor {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields<'de>, A::Error> {
                let mut fields = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    fields.push(entry);
                }
                Ok(Fields(fields))
            }
        }
        deserializer.deserialize_map(FieldsVisitor)
    }
}

/// A JSON string literal, quotes included, that serde_json has already
/// validated, decoded into a buffer of the right size. None for an escape
/// this fast path leaves to serde_json (a surrogate pair, or anything
/// unexpected).
fn decode_string(literal: &str) -> Option<String> {
    let inner = literal.strip_prefix('"')?.strip_suffix('"')?;
    let bytes = inner.as_bytes();
    let mut out = String::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'\\', &bytes[i..]) {
        out.push_str(&inner[i..i + offset]);
        i += offset;
        let decoded = match *bytes.get(i + 1)? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hex = inner.get(i + 2..i + 6)?;
                let code = u32::from_str_radix(hex, 16).ok()?;
                i += 4;
                // Surrogates come in pairs; serde_json's rules for them
                // (and for lone ones) apply unchanged.
                char::from_u32(code)?
            }
            _ => return None,
        };
        out.push(decoded);
        i += 2;
    }
    out.push_str(&inner[i..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn via_serde(bytes: &[u8]) -> Option<Map<String, Value>> {
        match serde_json::from_slice(bytes).ok()? {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let cases: &[&[u8]] = &[
            br#"{"url":"https://a.example/x","body":"<p class=\"x\">Caf\u00e9 \u2014 line\nnext\ttab \\ \/ \b\f\r</p>"}"#,
            br#"{"body":"plain","body":"second wins","n":1.5,"list":[1,{"a":null}],"t":true}"#,
            br#"{"body":"pair \ud83d\ude00 emoji","text":"\u0000nul"}"#,
            br#"  {"body" : "spaces around" , "extra" : { "k" : "v" } }  "#,
            br#"{"body":""}"#,
            br#"{}"#,
        ];
        for case in cases {
            assert_eq!(
                object(case, &["body", "text"]),
                via_serde(case),
                "{}",
                String::from_utf8_lossy(case)
            );
        }
    }

    #[test]
    fn leaves_what_serde_json_refuses_to_the_general_reader() {
        let cases: &[&[u8]] = &[
            br#"{"body":"lone \ud800 surrogate"}"#,
            b"{\"body\":\"raw\ncontrol\"}",
            br#"{"body":"bad \x escape"}"#,
            br#"{"body":"unterminated}"#,
            br#"["not", "an", "object"]"#,
            br#"{"body":"a"} trailing"#,
            b"{\"body\":\"\xff\"}",
        ];
        for case in cases {
            assert_eq!(object(case, &["body"]), None);
            assert_eq!(via_serde(case), None);
        }
    }

    #[test]
    fn every_run_of_three_pieces_reads_as_serde_json_reads_it() {
        // Escapes of every kind, broken ones, surrogates alone and in
        // pairs, a raw control character and a raw non-ASCII letter.
        let pieces = [
            "a",
            r#"\""#,
            r"\\",
            r"\/",
            r"\b",
            r"\f",
            r"\n",
            r"\r",
            r"\t",
            r"\u0041",
            r"\u00e9",
            r"\u4e2d",
            r"\ud83d\ude00",
            r"\uD83D\uDE00",
            r"\ud800",
            r"\udc00",
            r"\ud83dx",
            r"\u12",
            r"\x",
            "\u{1}",
            "é",
            " ",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let message = format!(r#"{{"url":"https://a.example/","body":"{a}{b}{c}"}}"#);
                    assert_eq!(
                        object(message.as_bytes(), &["body"]),
                        via_serde(message.as_bytes()),
                        "{message}"
                    );
                }
            }
        }
    }

    #[test]
    fn decodes_escapes_like_serde_json() {
        for literal in [
            r#""\u0041\u00e9\u4e2d""#,
            r#""end with escape \n""#,
            r#""\\\"""#,
            r#""\ud83d\ude00""#,
        ] {
            let theirs: String = serde_json::from_str(literal).unwrap();
            let ours = decode_string(literal).or_else(|| serde_json::from_str(literal).ok());
            assert_eq!(ours.as_deref(), Some(theirs.as_str()));
        }
    }
}
