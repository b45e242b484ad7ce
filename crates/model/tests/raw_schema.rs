//! The raw message's JSON Schema and the parser agree: every message of
//! `schemas/raw-message.examples.json` is valid for both or for neither,
//! as the table says. A scraper that validates against the schema sends
//! nothing the pipeline dead-letters for its shape.

use serde_json::Value;
use wirefeed_model::raw::{RawMessage, DEFAULT_MAX_MESSAGE_BYTES};

fn load(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../schemas")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("JSON")
}

#[test]
fn schema_and_parser_agree_on_every_example() {
    let schema = load("raw-message.schema.json");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    // The schema's own example is a valid message too.
    let mut examples: Vec<(String, bool, Value)> = vec![(
        "the schema's example".into(),
        true,
        schema["examples"][0].clone(),
    )];
    for e in load("raw-message.examples.json")
        .as_array()
        .expect("a list")
    {
        examples.push((
            e["why"].as_str().expect("why").into(),
            e["valid"].as_bool().expect("valid"),
            e["message"].clone(),
        ));
    }
    let mut disagreements = Vec::new();
    for (why, valid, message) in &examples {
        let by_schema = validator.is_valid(message);
        let by_parser = RawMessage::parse(
            &serde_json::to_vec(message).unwrap(),
            DEFAULT_MAX_MESSAGE_BYTES,
        );
        if by_schema != *valid || by_parser.is_ok() != *valid {
            disagreements.push(format!(
                "{why}: expected valid={valid}, schema says {by_schema}, parser says {:?}",
                by_parser.map(|_| "ok").map_err(|e| e.kind())
            ));
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} of {} examples:\n{}",
        disagreements.len(),
        examples.len(),
        disagreements.join("\n")
    );
    assert!(examples.len() >= 25);
}
