//! Google's Gemini API (AI Studio, `generativelanguage.googleapis.com`):
//! `models/{model}:generateContent`, `:streamGenerateContent` (SSE with
//! `alt=sse`), `:countTokens`, `:embedContent`, `:batchEmbedContents`.
//!
//! The model and the stream flag are in the path, not the body; the key
//! goes in `x-goog-api-key` (a client's `key=` query parameter is removed
//! when the gateway holds one); usage is `usageMetadata`; errors are
//! `{"error":{"code","message","status"}}`.

use serde_json::{json, Value};

use super::events::StreamEvents;
use crate::errors::{ErrorCode, GatewayError};
use crate::headers::Headers;
use crate::usage::{RawUsage, Usage};

pub const DEFAULT_BASE_URL: &str = "https://generativelanguage.googleapis.com";
/// The header that carries the key.
pub const KEY_HEADER: &str = "x-goog-api-key";
/// Where models live below the base URL: the chat path of fallback steps
/// and `/compat` is `{MODELS_PATH}/{model}:generateContent`.
pub const MODELS_PATH: &str = "/v1beta/models";
const GENERATE: &str = ":generateContent";
const STREAM: &str = ":streamGenerateContent";
/// Endpoints with a JSON request the gateway inspects (path suffixes).
pub const INFERENCE_ENDPOINTS: &[&str] =
    &[GENERATE, STREAM, ":countTokens", ":embedContent", ":batchEmbedContents"];
/// The last event of a stream carries the finish reason (Gemini's streams
/// have no end marker of their own).
pub const STREAM_END: &[u8] = b"\"finishReason\"";
/// What its streams' events say to the DLP stream guard: untyped
/// `candidates` chunks, each candidate's channels closed by its
/// `finishReason`.
pub const STREAM_EVENTS: StreamEvents = StreamEvents {
    structural: &["modelVersion", "responseId", "finishReason", "thoughtSignature"],
    envelope: &[],
    channel_ids: &[],
    chunks: None,
    finishing: Some(("candidates", "finishReason")),
    done: None,
    frames: false,
};

/// Request headers that pick API options: none (the version is in the path).
pub const OPTION_HEADERS: &[&str] = &[];

/// Gemini's endpoints the gateway opens besides the common ones
/// (`*:x` is one segment ending in `:x`: the model and the method).
pub const ENDPOINTS: &[(&str, &str)] = &[
    ("POST", "/v1beta/models/*:generateContent"),
    ("POST", "/v1beta/models/*:streamGenerateContent"),
    ("POST", "/v1beta/models/*:countTokens"),
    ("POST", "/v1beta/models/*:embedContent"),
    ("POST", "/v1beta/models/*:batchEmbedContents"),
    ("GET", "/v1beta/models"),
    ("GET", "/v1beta/models/*"),
    ("POST", "/v1/models/*:generateContent"),
    ("POST", "/v1/models/*:streamGenerateContent"),
    ("POST", "/v1/models/*:countTokens"),
    ("POST", "/v1/models/*:embedContent"),
    ("POST", "/v1/models/*:batchEmbedContents"),
];

/// Whether a request before routing looks like Gemini's.
pub fn looks_like(path: &[u8], h: &Headers) -> bool {
    let p = path.split(|&b| b == b'?').next().unwrap_or_default();
    h.get(KEY_HEADER).is_some() || INFERENCE_ENDPOINTS.iter().any(|e| p.ends_with(e.as_bytes()))
}

/// The chat endpoints (`generateContent` and its stream).
pub fn is_chat_endpoint(endpoint: &str) -> bool {
    endpoint.ends_with(GENERATE) || endpoint.ends_with(STREAM)
}

/// Whether the endpoint streams (Gemini says so in the path).
pub fn streams(endpoint: &str) -> bool {
    endpoint.ends_with(STREAM)
}

/// The model a `models/{model}:{method}` endpoint names.
pub fn model_in_path(endpoint: &str) -> Option<&str> {
    let (_, last) = endpoint.rsplit_once("/models/")?;
    let (model, _) = last.split_once(':')?;
    (!model.is_empty() && !model.contains('/')).then_some(model)
}

/// The path a chat request for `model` takes below `models_path`. The
/// model comes from clients (`gemini/<model>` on `/compat`): it must be
/// one plain path segment, or it could reach another endpoint.
pub fn chat_path(models_path: &str, model: &str, stream: bool) -> Result<String, GatewayError> {
    let plain = !model.is_empty()
        && model.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
        && model != "."
        && model != "..";
    if !plain {
        return Err(GatewayError::new(
            ErrorCode::InvalidRequest,
            format!("a Gemini model name is letters, digits, '-', '.' and '_', not {model:?}"),
        ));
    }
    let method = if stream { ":streamGenerateContent?alt=sse" } else { GENERATE };
    Ok(format!("{models_path}/{model}{method}"))
}

/// Removes a client's `key=` from a query (the gateway's key goes in the
/// header; Google reads the query parameter first).
pub fn strip_key_param(query: &str) -> Option<String> {
    let q = query.strip_prefix('?')?;
    if !q.split('&').any(|kv| kv.split('=').next() == Some("key")) {
        return None;
    }
    let kept: Vec<&str> = q.split('&').filter(|kv| kv.split('=').next() != Some("key")).collect();
    Some(if kept.is_empty() { String::new() } else { format!("?{}", kept.join("&")) })
}

pub fn auth_headers(key: &str) -> Vec<(&'static str, String)> {
    vec![(KEY_HEADER, key.to_string())]
}

/// Google's error shape; the gateway's code is the `ErrorInfo` reason.
pub fn error_body(e: &GatewayError) -> Value {
    json!({
        "error": {
            "code": e.status(),
            "message": e.message,
            "status": aigw_translate::google_status(e.status()),
            "details": [{
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": e.code.as_str(),
                "domain": "aigw",
            }],
        }
    })
}

/// Gemini's streams end with an error as a `data:` event with that body.
pub fn error_event(e: &GatewayError) -> (Option<&'static str>, Value) {
    (None, error_body(e))
}

/// `promptTokenCount` includes the cached tokens; thinking tokens
/// (`thoughtsTokenCount`) are billed as output and added in.
pub(crate) fn usage(raw: &RawUsage) -> Usage {
    let output = match (raw.candidates_token_count, raw.thoughts_token_count) {
        (None, None) => None,
        (c, t) => Some(c.unwrap_or(0).saturating_add(t.unwrap_or(0))),
    };
    Usage {
        input_tokens: raw
            .prompt_token_count
            .map(|p| p.saturating_add(raw.tool_use_prompt_token_count.unwrap_or(0))),
        output_tokens: output,
        cached_input_tokens: raw.cached_content_token_count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::Format;

    #[test]
    fn google_error_shape() {
        let e = GatewayError::new(ErrorCode::RateLimited, "slow down");
        let v: Value = serde_json::from_slice(&e.body(Format::Gemini)).unwrap();
        assert_eq!(v["error"]["code"], 429);
        assert_eq!(v["error"]["status"], "RESOURCE_EXHAUSTED");
        assert_eq!(v["error"]["message"], "slow down");
        assert_eq!(v["error"]["details"][0]["reason"], "aigw_rate_limited");
    }

    #[test]
    fn paths() {
        assert_eq!(
            model_in_path("/v1beta/models/gemini-2.5-flash:generateContent"),
            Some("gemini-2.5-flash")
        );
        assert_eq!(model_in_path("/v1beta/models"), None);
        assert!(streams("/v1beta/models/m:streamGenerateContent"));
        assert!(is_chat_endpoint("/v1beta/models/m:generateContent"));
        assert!(!is_chat_endpoint("/v1beta/models/m:countTokens"));
        assert_eq!(
            chat_path("/v1beta/models", "gemini-2.0-flash", true).unwrap(),
            "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse"
        );
        for bad in ["", "..", "a/b", "m:countTokens", "m?x=1", "m%2f"] {
            assert!(chat_path("/v1beta/models", bad, false).is_err(), "{bad}");
        }
        assert_eq!(strip_key_param("?alt=sse&key=abc").as_deref(), Some("?alt=sse"));
        assert_eq!(strip_key_param("?key=abc").as_deref(), Some(""));
        assert_eq!(strip_key_param("?alt=sse"), None);
        assert_eq!(strip_key_param("?keys=1"), None);
    }

    #[test]
    fn usage_metadata() {
        let u = crate::usage::from_body(
            Format::Gemini.usage_reader(),
            br#"{"candidates":[],"usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":4,"thoughtsTokenCount":3,"cachedContentTokenCount":6,"totalTokenCount":17}}"#,
        )
        .unwrap();
        assert_eq!(
            (u.input_tokens, u.output_tokens, u.cached_input_tokens),
            (Some(10), Some(7), Some(6))
        );
    }
}
