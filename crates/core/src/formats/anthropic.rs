//! Anthropic's format: the Messages API.

use serde_json::{json, Value};

use super::events::{EventType, StreamEvents};
use crate::errors::GatewayError;
use crate::headers::Headers;
use crate::usage::{RawUsage, Usage};

/// Request headers that pick this API's options (beta features, the API
/// version): they change the answer.
pub const OPTION_HEADERS: &[&str] = &["anthropic-beta", "anthropic-version"];

pub const DEFAULT_BASE_URL: &str = "https://api.anthropic.com";
/// The path suffix of its chat endpoint.
pub const CHAT_ENDPOINT: &str = "/messages";
pub const CHAT_PATH: &str = "/v1/messages";
/// Endpoints with a JSON request the gateway inspects.
pub const INFERENCE_ENDPOINTS: &[&str] = &[CHAT_ENDPOINT, "/messages/count_tokens"];
/// Where a stream ends.
pub const STREAM_END: &[u8] = b"event: message_stop";

/// What its streams' events say to the DLP stream guard (their types in
/// [`event_type`]).
pub const STREAM_EVENTS: StreamEvents = StreamEvents {
    // `signature`: thinking blocks' opaque signatures.
    structural: &["stop_reason", "signature"],
    envelope: &[],
    channel_ids: &[],
    chunks: None,
    finishing: None,
    done: None,
    frames: false,
};

/// Messages' event types: the text comes in `content_block_delta` (and any
/// other delta); the others restate text or carry none, and a block's stop
/// or the message's end closes the open channels.
pub fn event_type(t: &str) -> EventType {
    EventType {
        snapshot: matches!(
            t,
            "message_start"
                | "content_block_start"
                | "content_block_stop"
                | "message_delta"
                | "message_stop"
                | "ping"
                | "error"
        ),
        ends_channels: matches!(
            t,
            "content_block_stop" | "message_delta" | "message_stop" | "error"
        ),
        ..EventType::default()
    }
}
const VERSION_HEADER: &str = "anthropic-version";

/// Whether a request before routing looks like Anthropic's (for the shape
/// of an early error).
pub fn looks_like(path: &[u8], h: &Headers) -> bool {
    let p = path.split(|&b| b == b'?').next().unwrap_or_default();
    h.get(VERSION_HEADER).is_some() || p.ends_with(CHAT_ENDPOINT.as_bytes())
}

pub fn auth_headers(key: &str) -> Vec<(&'static str, String)> {
    vec![("x-api-key", key.to_string())]
}

/// The API version, when the client did not pick one.
pub fn default_headers(
    api_version: &str,
    has: &dyn Fn(&str) -> bool,
) -> Vec<(&'static str, String)> {
    if has(VERSION_HEADER) {
        Vec::new()
    } else {
        vec![(VERSION_HEADER, api_version.to_string())]
    }
}

pub fn error_body(e: &GatewayError) -> Value {
    json!({
        "type": "error",
        "error": {
            "type": e.code.error_type(),
            "message": e.message,
            "code": e.code.as_str(),
        }
    })
}

pub fn error_event(e: &GatewayError) -> (Option<&'static str>, Value) {
    (Some("error"), error_body(e))
}

/// `input_tokens` excludes the cache writes and reads, which are added in.
pub(crate) fn usage(raw: &RawUsage) -> Usage {
    let extra =
        raw.cache_creation_input_tokens.unwrap_or(0) + raw.cache_read_input_tokens.unwrap_or(0);
    Usage {
        input_tokens: raw.input_tokens.map(|n| n.saturating_add(extra)),
        output_tokens: raw.output_tokens,
        cached_input_tokens: raw.cache_read_input_tokens,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::ErrorCode;

    #[test]
    fn anthropic_shape() {
        let e = GatewayError::new(ErrorCode::BodyTooLarge, "too big");
        let v: Value = serde_json::from_slice(&e.body(super::super::Format::Anthropic)).unwrap();
        assert_eq!(v["type"], "error");
        assert_eq!(v["error"]["type"], "request_too_large");
        assert_eq!(v["error"]["code"], "aigw_body_too_large");
        assert_eq!(e.status(), 413);
    }
}
