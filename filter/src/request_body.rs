//! Reading the JSON request body: the fields routing, limits and logs need,
//! and the one rewrite the foundation does (asking for usage on streams).

use serde_json::{Map, Value};

use crate::errors::{ErrorCode, GatewayError};

/// What the gateway learned from a request body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RequestSummary {
    pub model: Option<String>,
    pub stream: bool,
    /// `stream_options.include_usage` as the client sent it.
    pub include_usage: Option<bool>,
    /// `max_tokens` / `max_completion_tokens` / `max_output_tokens`.
    pub max_tokens: Option<u64>,
}

/// A parsed JSON body kept for later stages (rewrites, scanning).
#[derive(Debug, Clone)]
pub struct JsonBody {
    pub value: Value,
    pub summary: RequestSummary,
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
pub fn parse(body: &[u8], require_object: bool) -> Result<JsonBody, GatewayError> {
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        GatewayError::new(
            ErrorCode::InvalidJson,
            format!("the request body is not valid JSON: {e}"),
        )
    })?;
    let summary = match value.as_object() {
        Some(obj) => summarize(obj)?,
        None if require_object => {
            return Err(GatewayError::new(
                ErrorCode::InvalidRequest,
                "the request body must be a JSON object",
            ))
        }
        None => RequestSummary::default(),
    };
    Ok(JsonBody { value, summary })
}

fn summarize(obj: &Map<String, Value>) -> Result<RequestSummary, GatewayError> {
    let bad = |field: &str, want: &str| {
        GatewayError::new(ErrorCode::InvalidRequest, format!("`{field}` must be {want}"))
    };
    let model = match obj.get("model") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(bad("model", "a string")),
    };
    let stream = match obj.get("stream") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(bad("stream", "a boolean")),
    };
    let include_usage = match obj.get("stream_options") {
        None | Some(Value::Null) => None,
        Some(Value::Object(o)) => match o.get("include_usage") {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => return Err(bad("stream_options.include_usage", "a boolean")),
        },
        Some(_) => return Err(bad("stream_options", "an object")),
    };
    let mut max_tokens = None;
    for key in ["max_completion_tokens", "max_tokens", "max_output_tokens"] {
        match obj.get(key) {
            None | Some(Value::Null) => {}
            Some(v) => match v.as_u64() {
                Some(n) => {
                    max_tokens.get_or_insert(n);
                }
                None => return Err(bad(key, "a non-negative integer")),
            },
        }
    }
    Ok(RequestSummary { model, stream, include_usage, max_tokens })
}

/// Sets `stream_options.include_usage: true` so the provider reports usage on
/// a stream. Returns the new body, or None when the client already chose.
pub fn with_stream_usage(body: &JsonBody) -> Option<Vec<u8>> {
    if !body.summary.stream || body.summary.include_usage.is_some() {
        return None;
    }
    let mut value = body.value.clone();
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
        let b = parse(
            br#"{"model":"gpt-4o","stream":true,"max_completion_tokens":64,"messages":[{"role":"user","content":"hi"}]}"#,
            true,
        )
        .unwrap();
        assert_eq!(b.summary.model.as_deref(), Some("gpt-4o"));
        assert!(b.summary.stream);
        assert_eq!(b.summary.max_tokens, Some(64));
        assert_eq!(b.summary.include_usage, None);
    }

    #[test]
    fn malformed_and_mistyped_bodies() {
        assert_eq!(parse(b"{\"model\":", true).unwrap_err().code, ErrorCode::InvalidJson);
        assert_eq!(parse(b"", true).unwrap_err().code, ErrorCode::InvalidJson);
        assert_eq!(parse(b"[1]", true).unwrap_err().code, ErrorCode::InvalidRequest);
        assert!(parse(b"[1]", false).is_ok());
        assert_eq!(parse(br#"{"model":1}"#, true).unwrap_err().code, ErrorCode::InvalidRequest);
        assert_eq!(
            parse(br#"{"stream":"yes"}"#, true).unwrap_err().code,
            ErrorCode::InvalidRequest
        );
        assert_eq!(
            parse(br#"{"max_tokens":-1}"#, true).unwrap_err().code,
            ErrorCode::InvalidRequest
        );
    }

    #[test]
    fn stream_usage_injection() {
        let b = parse(br#"{"model":"m","stream":true}"#, true).unwrap();
        let out: Value = serde_json::from_slice(&with_stream_usage(&b).unwrap()).unwrap();
        assert_eq!(out["stream_options"]["include_usage"], true);
        assert_eq!(out["model"], "m");
        let b =
            parse(br#"{"stream":true,"stream_options":{"include_usage":false}}"#, true).unwrap();
        assert!(with_stream_usage(&b).is_none());
        let b = parse(br#"{"stream":false}"#, true).unwrap();
        assert!(with_stream_usage(&b).is_none());
        let b = parse(br#"{"stream":true,"stream_options":{"x":1}}"#, true).unwrap();
        let out: Value = serde_json::from_slice(&with_stream_usage(&b).unwrap()).unwrap();
        assert_eq!(out["stream_options"], serde_json::json!({"x":1,"include_usage":true}));
    }
}
