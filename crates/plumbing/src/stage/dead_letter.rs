//! The headers of a dead letter: where the message came from, which stage
//! refused it and why.

use rdkafka::message::{Header, OwnedHeaders};

use crate::events::Origin;
use crate::StageError;

pub(super) fn dead_letter_headers(
    stage: &str,
    origin: &Origin,
    error: &StageError,
    truncated: bool,
) -> OwnedHeaders {
    use wirefeed_model::dlq_headers as h;
    let partition = origin.partition.to_string();
    let offset = origin.offset.to_string();
    let failed_at = chrono::Utc::now().to_rfc3339();
    let truncated = truncated.to_string();
    OwnedHeaders::new()
        .insert(Header {
            key: h::STAGE,
            value: Some(stage),
        })
        .insert(Header {
            key: h::ERROR_KIND,
            value: Some(error.kind),
        })
        .insert(Header {
            key: h::REASON,
            value: Some(error.reason.as_str()),
        })
        .insert(Header {
            key: h::SOURCE_TOPIC,
            value: Some(origin.topic.as_str()),
        })
        .insert(Header {
            key: h::SOURCE_PARTITION,
            value: Some(partition.as_str()),
        })
        .insert(Header {
            key: h::SOURCE_OFFSET,
            value: Some(offset.as_str()),
        })
        .insert(Header {
            key: h::FAILED_AT,
            value: Some(failed_at.as_str()),
        })
        .insert(Header {
            key: "wirefeed.truncated",
            value: Some(truncated.as_str()),
        })
}
