//! Reading the JSON request body: the fields routing, limits and logs need
//! (the same field names in every format; the rewrite asking for usage on
//! streams is the format's, `Format::with_stream_usage`).
//!
//! The summary is deserialised into a typed struct: serde skips (but still
//! validates) everything else, which is far cheaper per request than building
//! a full JSON tree. A duplicated known key is an error, so a client cannot
//! show the gateway one `model` or `stream` and the provider another.

use std::borrow::Cow;

use serde::Deserialize;

use crate::errors::{ErrorCode, GatewayError};

/// What the gateway learned from a request body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RequestSummary {
    pub model: Option<String>,
    pub stream: bool,
    /// `stream_options.include_usage` as the client sent it.
    pub include_usage: Option<bool>,
    /// `max_completion_tokens` / `max_tokens` / `max_output_tokens` /
    /// Bedrock's `inferenceConfig.maxTokens` / Gemini's `generationConfig.maxOutputTokens`.
    pub max_tokens: Option<u64>,
}

#[derive(Deserialize)]
struct Raw<'a> {
    #[serde(default, borrow)]
    model: Option<Cow<'a, str>>,
    #[serde(default)]
    stream: Option<bool>,
    #[serde(default)]
    stream_options: Option<RawStreamOptions>,
    #[serde(default)]
    max_completion_tokens: Option<u64>,
    #[serde(default)]
    max_tokens: Option<u64>,
    #[serde(default)]
    max_output_tokens: Option<u64>,
    /// Bedrock Converse's options.
    #[serde(default, rename = "inferenceConfig")]
    inference_config: Option<RawInferenceConfig>,
    /// Gemini's output limit is `generationConfig.maxOutputTokens`.
    #[serde(default, rename = "generationConfig")]
    generation_config: Option<RawGenerationConfig>,
}

#[derive(Deserialize)]
struct RawInferenceConfig {
    #[serde(default, rename = "maxTokens")]
    max_tokens: Option<u64>,
}

#[derive(Deserialize)]
struct RawGenerationConfig {
    #[serde(default, rename = "maxOutputTokens")]
    max_output_tokens: Option<u64>,
}

#[derive(Deserialize)]
struct RawStreamOptions {
    #[serde(default)]
    include_usage: Option<bool>,
}

/// Whether a content type declares JSON (`application/json`, `...+json`).
pub fn is_json_content_type(ct: &[u8]) -> bool {
    let ct = ct.split(|&b| b == b';').next().unwrap_or_default().trim_ascii();
    ct.eq_ignore_ascii_case(b"application/json")
        || (ct.len() > 5
            && ct.get(ct.len() - 5..).is_some_and(|s| s.eq_ignore_ascii_case(b"+json")))
}

/// Parses a body the gateway must inspect. `require_object`: inference
/// endpoints take a JSON object; anything else is the client's mistake.
pub fn parse(body: &[u8], require_object: bool) -> Result<RequestSummary, GatewayError> {
    let is_object = body.trim_ascii_start().first() == Some(&b'{');
    if !is_object {
        // Still has to be JSON: the client said so, or the endpoint takes it.
        serde_json::from_slice::<serde::de::IgnoredAny>(body).map_err(invalid_json)?;
        if require_object {
            return Err(GatewayError::new(
                ErrorCode::InvalidRequest,
                "the request body must be a JSON object",
            ));
        }
        return Ok(RequestSummary::default());
    }
    let raw: Raw = serde_json::from_slice(body).map_err(|e| {
        if e.is_data() {
            GatewayError::new(ErrorCode::InvalidRequest, format!("invalid request body: {e}"))
        } else {
            invalid_json(e)
        }
    })?;
    Ok(RequestSummary {
        model: raw.model.map(Cow::into_owned),
        stream: raw.stream.unwrap_or(false),
        include_usage: raw.stream_options.and_then(|o| o.include_usage),
        max_tokens: raw
            .max_completion_tokens
            .or(raw.max_tokens)
            .or(raw.max_output_tokens)
            .or(raw.inference_config.and_then(|c| c.max_tokens))
            .or(raw.generation_config.and_then(|g| g.max_output_tokens)),
    })
}

fn invalid_json(e: serde_json::Error) -> GatewayError {
    GatewayError::new(ErrorCode::InvalidJson, format!("the request body is not valid JSON: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        assert!(is_json_content_type(b"application/json"));
        assert!(is_json_content_type(b"Application/JSON; charset=utf-8"));
        assert!(is_json_content_type(b"application/vnd.api+json"));
        assert!(!is_json_content_type(b"multipart/form-data; boundary=x"));
        assert!(!is_json_content_type(b"text/plain"));
        assert!(!is_json_content_type(b"+json"));
    }

    #[test]
    fn summary_of_chat_request() {
        let s = parse(
            br#"{"model":"gpt-4o","stream":true,"max_completion_tokens":64,"messages":[{"role":"user","content":"hi"}]}"#,
            true,
        )
        .unwrap();
        assert_eq!(s.model.as_deref(), Some("gpt-4o"));
        assert!(s.stream);
        assert_eq!(s.max_tokens, Some(64));
        assert_eq!(s.include_usage, None);
        let s = parse(br#"{"messages":[],"inferenceConfig":{"maxTokens":50,"topP":1}}"#, true);
        assert_eq!(s.unwrap().max_tokens, Some(50));
        let g = br#"{"contents":[],"generationConfig":{"maxOutputTokens":32,"temperature":1}}"#;
        assert_eq!(parse(g, true).unwrap().max_tokens, Some(32));
        let s = parse(
            br#"{"model":"gpt-\u0034o","stream":null,"stream_options":{"include_usage":false}}"#,
            true,
        )
        .unwrap();
        assert_eq!(
            (s.model.as_deref(), s.stream, s.include_usage),
            (Some("gpt-4o"), false, Some(false))
        );
    }

    #[test]
    fn malformed_and_mistyped_bodies() {
        let code = |b: &[u8], obj| parse(b, obj).unwrap_err().code;
        assert_eq!(code(b"{\"model\":", true), ErrorCode::InvalidJson);
        assert_eq!(code(b"{\"a\":1} trailing", true), ErrorCode::InvalidJson);
        assert_eq!(code(b"", true), ErrorCode::InvalidJson);
        assert_eq!(code(b"[1", false), ErrorCode::InvalidJson);
        assert_eq!(code(b"[1]", true), ErrorCode::InvalidRequest);
        assert!(parse(b"[1]", false).is_ok());
        assert_eq!(code(br#"{"model":1}"#, true), ErrorCode::InvalidRequest);
        assert_eq!(code(br#"{"stream":"yes"}"#, true), ErrorCode::InvalidRequest);
        assert_eq!(code(br#"{"max_tokens":-1}"#, true), ErrorCode::InvalidRequest);
        assert_eq!(code(br#"{"stream_options":3}"#, true), ErrorCode::InvalidRequest);
        // Unknown fields are the provider's business, but they must be JSON.
        assert!(parse(br#"{"messages":[{"content":[1,{"x":null}]}],"extra":true}"#, true).is_ok());
        assert_eq!(code(br#"{"messages":[}"#, true), ErrorCode::InvalidJson);
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let e = parse(br#"{"model":"cheap","model":"expensive"}"#, true).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidRequest);
        assert!(e.message.contains("duplicate field"), "{}", e.message);
        assert!(parse(br#"{"stream":false,"stream":true}"#, true).is_err());
    }
}
