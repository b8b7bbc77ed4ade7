//! OpenAI's format: Chat Completions, and the other OpenAI-style APIs
//! (Completions, Responses, Embeddings) where they differ. OpenAI-compatible
//! servers speak it too.

use serde_json::{json, Map, Value};

use super::events::{EventType, StreamEvents};
use crate::errors::GatewayError;
use crate::request_body::RequestSummary;
use crate::usage::{RawUsage, Usage};

/// Request headers that pick this API's options (beta features, the
/// organization and project billed): they change the answer.
pub const OPTION_HEADERS: &[&str] = &["openai-beta", "openai-organization", "openai-project"];

pub const DEFAULT_BASE_URL: &str = "https://api.openai.com";
/// The path suffix of its chat endpoint.
pub const CHAT_ENDPOINT: &str = "/chat/completions";
/// Endpoints with a JSON request the gateway inspects.
pub const INFERENCE_ENDPOINTS: &[&str] =
    &[CHAT_ENDPOINT, "/completions", "/embeddings", "/responses", "/moderations"];
/// Where a stream ends.
pub const STREAM_END: &[u8] = b"data: [DONE]";

/// What its streams' events say to the DLP stream guard: chat and
/// Completions chunks (`choices`), and the Responses API's typed events
/// (see [`event_type`]).
pub const STREAM_EVENTS: StreamEvents = StreamEvents {
    structural: &[
        "object",
        "finish_reason",
        "status",
        "item_id",
        "call_id",
        "system_fingerprint",
        "service_tier",
        // Random padding, encrypted reasoning.
        "obfuscation",
        "encrypted_content",
    ],
    envelope: &[
        "id",
        "object",
        "created",
        "model",
        "item_id",
        "output_index",
        "content_index",
        "summary_index",
        "sequence_number",
    ],
    channel_ids: &["item_id"],
    chunks: Some("choices"),
    finishing: Some(("choices", "finish_reason")),
    done: Some(b"[DONE]"),
    frames: false,
};

/// The Responses API's event types: deltas are fragments, every other
/// `response.*` event restates text; `*.done` and the response's end close
/// the open channels.
pub fn event_type(t: &str) -> EventType {
    let responses = t.starts_with("response.");
    EventType {
        snapshot: t == "error" || (responses && !t.ends_with(".delta")),
        ends_channels: t.ends_with(".done")
            || matches!(
                t,
                "response.completed" | "response.failed" | "response.incomplete" | "error"
            ),
        audio: matches!(t, "response.audio.delta" | "response.output_audio.delta"),
        typed_errors: responses,
    }
}

/// The chat path under a base URL whose path is `path_prefix`:
/// OpenAI-compatible servers are often configured with `/v1` in the base.
pub fn chat_path(path_prefix: &str, compatible: bool) -> String {
    if compatible && path_prefix.ends_with("/v1") {
        CHAT_ENDPOINT.into()
    } else {
        format!("/v1{CHAT_ENDPOINT}")
    }
}

pub fn auth_headers(key: &str) -> Vec<(&'static str, String)> {
    vec![("authorization", format!("Bearer {key}"))]
}

pub fn error_body(e: &GatewayError) -> Value {
    json!({
        "error": {
            "message": e.message,
            "type": e.code.error_type(),
            "code": e.code.as_str(),
        }
    })
}

/// A stream's error event. The Responses API's has `type`, `code` and
/// `message`, with `error` too, which the OpenAI SDKs raise on.
pub fn error_event(e: &GatewayError, responses_api: bool) -> (Option<&'static str>, Value) {
    let body = error_body(e);
    if responses_api {
        let error = body.get("error").cloned().unwrap_or(Value::Null);
        (
            Some("error"),
            json!({"type": "error", "code": e.code.as_str(), "message": e.message, "param": null, "error": error}),
        )
    } else {
        (None, body)
    }
}

/// Chat Completions report `prompt_tokens`/`completion_tokens`, the
/// Responses API `input_tokens`/`output_tokens`; cached tokens are a part
/// of the prompt tokens (DeepSeek's are `prompt_cache_hit_tokens`).
pub(crate) fn usage(raw: &RawUsage) -> Usage {
    let cached_detail = raw
        .prompt_tokens_details
        .as_ref()
        .or(raw.input_tokens_details.as_ref())
        .and_then(|d| d.cached_tokens)
        .or(raw.prompt_cache_hit_tokens);
    Usage {
        input_tokens: raw.prompt_tokens.or(raw.input_tokens),
        output_tokens: raw.completion_tokens.or(raw.output_tokens),
        cached_input_tokens: cached_detail,
    }
}

/// Sets `stream_options.include_usage: true` so the provider reports usage on
/// a stream. Returns the new body, or None when the client already chose.
pub fn with_stream_usage(body: &[u8], summary: &RequestSummary) -> Option<Vec<u8>> {
    if !summary.stream || summary.include_usage.is_some() {
        return None;
    }
    let mut value: Value = serde_json::from_slice(body).ok()?;
    let obj = value.as_object_mut()?;
    let opts = obj.entry("stream_options").or_insert_with(|| Value::Object(Map::new()));
    if !opts.is_object() {
        *opts = Value::Object(Map::new());
    }
    opts.as_object_mut()?.insert("include_usage".into(), Value::Bool(true));
    serde_json::to_vec(&value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::ErrorCode;
    use crate::request_body::parse;

    #[test]
    fn openai_shape() {
        let e = GatewayError::new(ErrorCode::Unauthorized, "bad token");
        let v: Value = serde_json::from_slice(&e.body(super::super::Format::OpenAi)).unwrap();
        assert_eq!(v["error"]["code"], "aigw_unauthorized");
        assert_eq!(v["error"]["type"], "authentication_error");
        assert_eq!(v["error"]["message"], "bad token");
        assert_eq!(e.status(), 401);
    }

    #[test]
    fn stream_usage_injection() {
        let inject = |b: &[u8]| with_stream_usage(b, &parse(b, true).unwrap());
        let out: Value =
            serde_json::from_slice(&inject(br#"{"model":"m","stream":true}"#).unwrap()).unwrap();
        assert_eq!(out["stream_options"]["include_usage"], true);
        assert_eq!(out["model"], "m");
        assert!(inject(br#"{"stream":true,"stream_options":{"include_usage":false}}"#).is_none());
        assert!(inject(br#"{"stream":false}"#).is_none());
        let out: Value = serde_json::from_slice(
            &inject(br#"{"stream":true,"stream_options":{"x":1}}"#).unwrap(),
        )
        .unwrap();
        assert_eq!(out["stream_options"], serde_json::json!({"x":1,"include_usage":true}));
    }
}
