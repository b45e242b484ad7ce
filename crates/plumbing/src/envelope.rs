//! Reading messages between the services: a shape this build does not know
//! is dead-lettered with its reason, never misread.

use serde::de::DeserializeOwned;
use serde_json::Value;
use wirefeed_model::SCHEMA_VERSION;

use crate::StageError;

/// Parses a service-to-service message after checking its `schema_version`.
pub fn parse<T: DeserializeOwned>(payload: &[u8]) -> Result<T, StageError> {
    let value: Value = serde_json::from_slice(payload)
        .map_err(|e| StageError::permanent("invalid_json", e.to_string()))?;
    match value.get("schema_version").and_then(Value::as_u64) {
        Some(v) if v == SCHEMA_VERSION as u64 => {}
        Some(v) => {
            return Err(StageError::permanent(
                "unsupported_schema_version",
                format!("schema_version {v}, this build reads {SCHEMA_VERSION}"),
            ))
        }
        None => {
            return Err(StageError::permanent(
                "invalid_message",
                "no schema_version",
            ))
        }
    }
    serde_json::from_value(value)
        .map_err(|e| StageError::permanent("invalid_message", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    struct Probe {
        #[allow(dead_code)]
        schema_version: u32,
    }

    #[test]
    fn refuses_other_schema_versions_and_shapes() {
        assert!(parse::<Probe>(br#"{"schema_version": 1}"#).is_ok());
        assert_eq!(
            parse::<Probe>(br#"{"schema_version": 99}"#)
                .unwrap_err()
                .kind,
            "unsupported_schema_version"
        );
        assert_eq!(
            parse::<Probe>(br#"{}"#).unwrap_err().kind,
            "invalid_message"
        );
        assert_eq!(parse::<Probe>(b"nope").unwrap_err().kind, "invalid_json");
    }
}
