//! A lenient second pass over a raw message that strict JSON parsing
//! refused. Three things valid-looking scrapers send lose a whole page
//! to a strict parser although only one optional field is wrong:
//! - a lone UTF-16 surrogate escape (`"\ud800"`), which is no character:
//!   replaced by U+FFFD;
//! - a number no float can hold (`1e400`): kept as its text, a string;
//! - nesting deeper than the parser allows (in an unknown field, say):
//!   the over-deep value kept as its JSON text, a string.
//!
//! Each repair is reported, so the page goes on with a warning instead of
//! being dead-lettered. Only a document whose top level is an object is
//! repaired: anything else is not a raw message whatever its contents.

/// Values nested deeper than this are kept as text (serde_json refuses
/// documents deeper than 128).
pub const MAX_DEPTH: usize = 64;

/// The repaired document and what was repaired, or `None` when there was
/// nothing this pass can repair.
pub fn repair(bytes: &[u8]) -> Option<(Vec<u8>, Vec<String>)> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    if bytes[start] != b'{' {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() + 16);
    let mut repairs = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let end = string_end(bytes, i);
                copy_string(&bytes[i..end], &mut out, &mut repairs);
                i = end;
            }
            b'{' | b'[' if depth >= MAX_DEPTH => {
                let end = container_end(bytes, i);
                push_json_string(&String::from_utf8_lossy(&bytes[i..end]), &mut out);
                repairs.push(format!("a value nested over {MAX_DEPTH} deep kept as text"));
                i = end;
            }
            b'{' | b'[' => {
                depth += 1;
                out.push(bytes[i]);
                i += 1;
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                out.push(bytes[i]);
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let end = bytes[i..]
                    .iter()
                    .position(|b| !matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                    .map_or(bytes.len(), |p| i + p);
                let token = &bytes[i..end];
                let text = String::from_utf8_lossy(token);
                if text.parse::<f64>().is_ok_and(f64::is_infinite) {
                    push_json_string(&text, &mut out);
                    repairs.push(format!("the number {text} is out of range: kept as text"));
                } else {
                    out.extend_from_slice(token);
                }
                i = end;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    (!repairs.is_empty()).then_some((out, repairs))
}

/// Index just past the string that opens at `from` (or the end).
fn string_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Index just past the object or array that opens at `from` (or the end).
fn container_end(bytes: &[u8], from: usize) -> usize {
    let mut depth = 0usize;
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i = string_end(bytes, i);
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// Copies a string literal, replacing escapes of lone surrogates by U+FFFD.
fn copy_string(literal: &[u8], out: &mut Vec<u8>, repairs: &mut Vec<String>) {
    let mut i = 0;
    let mut replaced = false;
    while i < literal.len() {
        if literal[i] == b'\\' && literal.get(i + 1) == Some(&b'u') {
            let unit = hex4(literal, i + 2);
            match unit {
                Some(0xD800..=0xDBFF) => {
                    let next_is_low = literal.get(i + 6) == Some(&b'\\')
                        && literal.get(i + 7) == Some(&b'u')
                        && matches!(hex4(literal, i + 8), Some(0xDC00..=0xDFFF));
                    if next_is_low {
                        out.extend_from_slice(&literal[i..i + 12]);
                        i += 12;
                    } else {
                        out.extend_from_slice(b"\\ufffd");
                        replaced = true;
                        i += 6;
                    }
                    continue;
                }
                Some(0xDC00..=0xDFFF) => {
                    out.extend_from_slice(b"\\ufffd");
                    replaced = true;
                    i += 6;
                    continue;
                }
                _ => {}
            }
        }
        if literal[i] == b'\\' && i + 1 < literal.len() {
            out.extend_from_slice(&literal[i..i + 2]);
            i += 2;
        } else {
            out.push(literal[i]);
            i += 1;
        }
    }
    if replaced {
        repairs.push("a lone surrogate escape replaced by U+FFFD".into());
    }
}

fn hex4(bytes: &[u8], from: usize) -> Option<u32> {
    let digits = bytes.get(from..from + 4)?;
    u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
}

fn push_json_string(text: &str, out: &mut Vec<u8>) {
    out.extend_from_slice(
        serde_json::to_string(text)
            .expect("a string always serializes")
            .as_bytes(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn repaired(input: &str) -> (Value, Vec<String>) {
        let (bytes, repairs) = repair(input.as_bytes()).expect("something to repair");
        (
            serde_json::from_slice(&bytes).expect("valid after repair"),
            repairs,
        )
    }

    #[test]
    fn lone_surrogates_become_replacement_characters_and_pairs_stay() {
        let (v, repairs) = repaired(r#"{"a": "x\ud800y", "b": "\ud83d\ude00", "c": "\udc00"}"#);
        assert_eq!(v["a"], "x\u{fffd}y");
        assert_eq!(v["b"], "😀");
        assert_eq!(v["c"], "\u{fffd}");
        assert_eq!(repairs.len(), 2);
    }

    #[test]
    fn out_of_range_numbers_are_kept_as_text() {
        let (v, repairs) = repaired(r#"{"n": 1e400, "m": -1E999, "ok": 2.5}"#);
        assert_eq!(v["n"], "1e400");
        assert_eq!(v["m"], "-1E999");
        assert_eq!(v["ok"], 2.5);
        assert_eq!(repairs.len(), 2);
    }

    #[test]
    fn over_deep_values_are_kept_as_their_text() {
        let deep = "[".repeat(10_000) + "\"]\"" + &"]".repeat(10_000);
        let input = format!(r#"{{"url": "https://a.example/", "extra": {deep}}}"#);
        let (v, repairs) = repaired(&input);
        assert_eq!(v["url"], "https://a.example/");
        let mut inner = &v["extra"];
        let mut levels = 0;
        while let Value::Array(items) = inner {
            inner = &items[0];
            levels += 1;
        }
        assert_eq!(levels, MAX_DEPTH - 1);
        assert!(inner
            .as_str()
            .is_some_and(|s| s.starts_with('[') && s.ends_with(']')));
        assert_eq!(repairs.len(), 1);
    }

    #[test]
    fn only_objects_with_something_to_repair_are_repaired() {
        assert!(repair(b"[1e400]").is_none());
        assert!(repair(br#"{"a": "fine"}"#).is_none());
        assert!(repair(b"   ").is_none());
    }
}
