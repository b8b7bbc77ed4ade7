//! AWS Bedrock's Converse API: `POST /model/{modelId}/converse` (JSON) and
//! `/converse-stream` (AWS's binary event stream, see `eventstream`). The
//! model is in the path; the stream is chosen by the path, not the body;
//! requests are signed with SigV4 (`sigv4`, `bedrock`), never keyed by a
//! header. Errors are `{"message": ...}` with their type in
//! `x-amzn-ErrorType`; in a stream, an exception message.

use serde_json::{json, Value};

use super::events::{EventType, StreamEvents};
use crate::errors::GatewayError;
use crate::usage::{RawUsage, Usage};

/// The path suffixes of its chat endpoints.
pub const CHAT_ENDPOINT: &str = "/converse";
pub const STREAM_ENDPOINT: &str = "/converse-stream";
/// Endpoints with a JSON request the gateway inspects.
pub const INFERENCE_ENDPOINTS: &[&str] = &[CHAT_ENDPOINT, STREAM_ENDPOINT];
/// Where a stream ends: the `metadata` event (its `:event-type` header).
pub const STREAM_END: &[u8] = b":event-type\x07\x00\x08metadata";
/// What its streams' events say to the DLP stream guard: ConverseStream's
/// messages, decoded to SSE with their event type as `type`.
pub const STREAM_EVENTS: StreamEvents = StreamEvents {
    // The stop reason, a tool use's id, stream padding.
    structural: &["stopReason", "toolUseId", "p"],
    envelope: &["contentBlockIndex"],
    channel_ids: &[],
    chunks: None,
    finishing: None,
    done: None,
    frames: true,
};

/// ConverseStream's event types: its text comes in `contentBlockDelta`;
/// the others carry none in pieces, and a block's or the message's stop
/// closes the open channels.
pub fn event_type(t: &str) -> EventType {
    EventType {
        snapshot: matches!(
            t,
            "messageStart" | "contentBlockStart" | "contentBlockStop" | "messageStop" | "metadata"
        ),
        ends_channels: matches!(t, "contentBlockStop" | "messageStop" | "metadata"),
        ..EventType::default()
    }
}

/// The header that names an error's type.
pub const ERROR_TYPE_HEADER: &str = "x-amzn-errortype";

/// Whether an endpoint is one of Converse's.
pub fn is_chat_endpoint(endpoint: &str) -> bool {
    endpoint.starts_with("/model/")
        && (endpoint.ends_with(CHAT_ENDPOINT) || endpoint.ends_with(STREAM_ENDPOINT))
}

/// Whether a request before routing looks like Bedrock's (for the shape of
/// an early error).
pub fn looks_like(path: &[u8]) -> bool {
    // The suffix first: cheap, and false on every other API's path.
    let p = path.split(|&b| b == b'?').next().unwrap_or_default();
    (p.ends_with(CHAT_ENDPOINT.as_bytes()) || p.ends_with(STREAM_ENDPOINT.as_bytes()))
        && p.windows(7).any(|w| w == b"/model/")
}

/// AWS's exception name for a status (what `x-amzn-ErrorType` carries and
/// what boto3 raises as `ClientError` codes).
pub fn error_type(status: u16) -> &'static str {
    match status {
        400 | 413 | 415 => "ValidationException",
        401 | 403 => "AccessDeniedException",
        404 => "ResourceNotFoundException",
        408 | 504 => "ModelTimeoutException",
        429 => "ThrottlingException",
        503 => "ServiceUnavailableException",
        _ => "InternalServerException",
    }
}

pub fn error_body(e: &GatewayError) -> Value {
    json!({"message": e.message, "code": e.code.as_str()})
}

/// A stream's error: an exception message of the ConverseStream's own
/// (the event name is its `:exception-type`).
pub fn error_event(e: &GatewayError) -> (Option<&'static str>, Value) {
    let name = match e.status() {
        400 | 403 | 413 | 415 => "validationException",
        429 => "throttlingException",
        503 => "serviceUnavailableException",
        _ => "internalServerException",
    };
    (Some(name), error_body(e))
}

/// `inputTokens` excludes the cache reads and writes, which are added in.
pub(crate) fn usage(raw: &RawUsage) -> Usage {
    let extra = raw.cache_read_input_tokens_aws.unwrap_or(0)
        + raw.cache_write_input_tokens_aws.unwrap_or(0);
    Usage {
        input_tokens: raw.input_tokens_aws.map(|n| n.saturating_add(extra)),
        output_tokens: raw.output_tokens_aws,
        cached_input_tokens: raw.cache_read_input_tokens_aws,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::ErrorCode;
    use crate::formats::Format;

    #[test]
    fn bedrock_shape() {
        let e = GatewayError::new(ErrorCode::RateLimited, "slow down");
        let v: Value = serde_json::from_slice(&e.body(Format::Bedrock)).unwrap();
        assert_eq!(v["message"], "slow down");
        assert_eq!(error_type(429), "ThrottlingException");
        assert_eq!(error_event(&e).0, Some("throttlingException"));
        assert!(looks_like(b"/bedrock/model/m/converse-stream?x"));
        assert!(!looks_like(b"/bedrock/v1/chat/completions"));
    }

    #[test]
    fn usage_adds_cache_tokens() {
        let u = crate::usage::from_body(
            Format::Bedrock.usage_reader(),
            br#"{"usage":{"inputTokens":10,"outputTokens":3,"totalTokens":13,"cacheReadInputTokens":4,"cacheWriteInputTokens":2}}"#,
        )
        .unwrap();
        assert_eq!(
            u,
            Usage { input_tokens: Some(16), output_tokens: Some(3), cached_input_tokens: Some(4) }
        );
    }
}
