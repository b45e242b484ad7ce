//! A raw message's top-level fields read without reading the page body
//! more than once.
//!
//! Why: `serde_json` decodes a string into a scratch buffer that grows from
//! nothing and then copies it into the `String` it hands over, and checks
//! a string a few bytes at a time; for a body of hundreds of kilobytes
//! that was most of the cost of reading a message (docs/measurements.md).
//! Here the top-level object is walked by hand, and each name and each
//! body string is checked as JSON requires (no control character,
//! well-formed escapes, UTF-8) and decoded in one pass over its bytes.
//! Every other value is read by `serde_json`, and anything malformed sends
//! the whole message to `serde_json`, so the fields come out exactly as
//! `serde_json::Value` would have them.

use serde_json::{Map, Value};

/// The message's top-level object, or None when the bytes are not a JSON
/// object this reader takes (the caller then reads them the general way,
/// which also says what is wrong).
///
/// Names and the strings of `long_strings` are read by `read_string`,
/// other values by `serde_json`; any doubt, and the whole message goes to
/// the general reader.
pub(crate) fn object(bytes: &[u8], long_strings: &[&str]) -> Option<Map<String, Value>> {
    let mut map = Map::new();
    let mut at = skip_whitespace(bytes, 0);
    if bytes.get(at) != Some(&b'{') {
        return None;
    }
    at = skip_whitespace(bytes, at + 1);
    if bytes.get(at) == Some(&b'}') {
        return (skip_whitespace(bytes, at + 1) == bytes.len()).then_some(map);
    }
    loop {
        if bytes.get(at) != Some(&b'"') {
            return None;
        }
        let (name, end) = read_string(bytes, at + 1, NAME_BYTES)?;
        at = skip_whitespace(bytes, end);
        if bytes.get(at) != Some(&b':') {
            return None;
        }
        at = skip_whitespace(bytes, at + 1);
        let value = if long_strings.contains(&name.as_str()) && bytes.get(at) == Some(&b'"') {
            // A body is most of what is left of the message.
            let (text, end) = read_string(bytes, at + 1, bytes.len() - at)?;
            at = end;
            Value::String(text)
        } else {
            let mut values =
                serde_json::Deserializer::from_slice(&bytes[at..]).into_iter::<Value>();
            let value = values.next()?.ok()?;
            at += values.byte_offset();
            value
        };
        // Insert, as serde_json does: a repeated name keeps its last value.
        map.insert(name, value);
        at = skip_whitespace(bytes, at);
        match bytes.get(at) {
            Some(b',') => at = skip_whitespace(bytes, at + 1),
            Some(b'}') => return (skip_whitespace(bytes, at + 1) == bytes.len()).then_some(map),
            _ => return None,
        }
    }
}

/// Whether this reader and `serde_json` read `bytes` alike: the same
/// object, or both no object (for the fuzz target that compares them).
#[doc(hidden)]
pub fn reads_as_serde_json(bytes: &[u8], long_strings: &[&str]) -> bool {
    object(bytes, long_strings) == serde_object(bytes)
}

/// The top-level object as `serde_json` reads it, if the bytes are one.
fn serde_object(bytes: &[u8]) -> Option<Map<String, Value>> {
    match serde_json::from_slice(bytes).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

/// Bytes a field's name is given to begin with.
const NAME_BYTES: usize = 16;

/// The first byte from `at` that is not JSON whitespace.
fn skip_whitespace(bytes: &[u8], mut at: usize) -> usize {
    while bytes
        .get(at)
        .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        at += 1;
    }
    at
}

/// The string whose characters start at `at` (just past its opening
/// quote), decoded into a buffer of `capacity` bytes to begin with, and
/// the index just past its closing quote; None for
/// what JSON forbids in a string (a control character, a malformed
/// escape, a lone surrogate, bytes that are not UTF-8).
///
/// One pass: eight bytes at a time are copied and tested for a quote, a
/// backslash or a control character at once. An HTML page in JSON has an
/// escape every twenty bytes or so (each attribute's quotes, each line
/// break), so what each escape costs is what reading a body costs: no
/// call to copy the text between two escapes, one store of eight bytes.
fn read_string(bytes: &[u8], mut at: usize, capacity: usize) -> Option<(String, usize)> {
    // Eight bytes spare for the last word, appended whole before the
    // bytes past an escape are taken back.
    let mut out: Vec<u8> = Vec::with_capacity(capacity + WORD);
    loop {
        while let Some(chunk) = bytes.get(at..at + WORD) {
            let word: [u8; WORD] = chunk.try_into().expect("a word");
            out.extend_from_slice(&word);
            let special = special_bytes(u64::from_le_bytes(word));
            if special != 0 {
                // The word's bytes from the first special one on go again.
                let plain = (special.trailing_zeros() / 8) as usize;
                out.truncate(out.len() - WORD + plain);
                at += plain;
                break;
            }
            at += WORD;
        }
        // The last few bytes, one at a time.
        while let Some(&b) = bytes.get(at).filter(|&&b| !is_special(b)) {
            out.push(b);
            at += 1;
        }
        match *bytes.get(at)? {
            b'"' => return String::from_utf8(out).ok().map(|text| (text, at + 1)),
            b'\\' => {
                let (decoded, len) = escape(&bytes[at..])?;
                out.extend_from_slice(decoded.encode_utf8(&mut [0; 4]).as_bytes());
                at += len;
            }
            // A control character, which JSON allows only escaped.
            _ => return None,
        }
    }
}

const WORD: usize = 8;

/// The high bit of each byte of `word` that is a quote, a backslash or a
/// control character, and maybe of bytes above the first such one (a
/// borrow); none when there is no such byte.
fn special_bytes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero_bytes = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    zero_bytes(word ^ (ONES * u64::from(b'"')))
        | zero_bytes(word ^ (ONES * u64::from(b'\\')))
        | (word.wrapping_sub(ONES * 0x20) & !word & HIGHS)
}

fn is_special(b: u8) -> bool {
    b == b'"' || b == b'\\' || b < 0x20
}

/// The character an escape at the start of `bytes` stands for, and the
/// escape's length; None for a malformed escape or a lone surrogate.
fn escape(bytes: &[u8]) -> Option<(char, usize)> {
    let decoded = match *bytes.get(1)? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let code = hex4(bytes.get(2..6)?)?;
            return match code {
                0xD800..=0xDBFF => {
                    // A high surrogate, which a low one must follow.
                    if bytes.get(6..8)? != b"\\u" {
                        return None;
                    }
                    let low = hex4(bytes.get(8..12)?)?;
                    if !(0xDC00..=0xDFFF).contains(&low) {
                        return None;
                    }
                    let code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                    Some((char::from_u32(code)?, 12))
                }
                _ => Some((char::from_u32(code)?, 6)),
            };
        }
        _ => return None,
    };
    Some((decoded, 2))
}

/// Four hex digits' value (no sign: "+123" is no number here).
fn hex4(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |value, &d| {
        Some(value * 16 + char::from(d).to_digit(16)?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
                serde_object(case),
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
            assert_eq!(serde_object(case), None);
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
            r"\u+123",
            r"\u-0ab",
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
                        serde_object(message.as_bytes()),
                        "{message}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_shape_of_object_reads_as_serde_json_reads_it() {
        // Fields and the glue between them, well and badly formed: runs of
        // three read by both readers must agree, and what serde_json
        // refuses this reader must leave to it.
        let fields = [
            r#""url":"https://a.example/""#,
            r#""body":"<p>text</p>""#,
            r#""body" : "spaced \"quote\"""#,
            r#""body":12"#,
            r#""body":null"#,
            r#""body":["a",{"b":"}"}]"#,
            r#""te\u0078t":"named with an escape""#,
            r#""n":-1.5e3"#,
            r#""t":true"#,
            r#""deep":{"a":{"b":[1,[2,{"c":"\\"}]]}}"#,
            r#""bad":tru"#,
            r#""nocolon" "x""#,
            r#""open":"unterminated"#,
            r#""":"""#,
        ];
        let glue = [",", " , ", ",,", "\n,\t"];
        for a in fields {
            for b in fields {
                for g in glue {
                    for (open, close) in [("{", "}"), (" {", "} "), ("{", "},"), ("{", "}x")] {
                        let message = format!("{open}{a}{g}{b}{close}");
                        assert_eq!(
                            object(message.as_bytes(), &["body", "text"]),
                            serde_object(message.as_bytes()),
                            "{message}"
                        );
                    }
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
            let ours = read_string(literal.as_bytes(), 1, literal.len());
            assert_eq!(ours, Some((theirs, literal.len())));
        }
    }
}
