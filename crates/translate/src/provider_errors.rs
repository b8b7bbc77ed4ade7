//! Provider error bodies from one shape to the other (also used for errors
//! that arrive inside a stream).

use serde::Serialize;
use serde_json::Value;

use crate::common::{anthropic_error_type, openai_error_type};

/// What an error body says, whatever its shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ErrorParts {
    pub message: String,
    /// The provider's error `type`, if it gave one.
    pub kind: Option<String>,
    /// The provider's error `code` (OpenAI: `context_length_exceeded`,
    /// `invalid_api_key`, ...; the gateway's own `aigw_*` codes).
    pub code: Option<String>,
}

/// Longest piece of a non-JSON body quoted in the message.
const SNIPPET_CHARS: usize = 200;

impl ErrorParts {
    /// Reads `{"error":{"message","type","code"}}` (both providers, the
    /// gateway), `{"error":"..."}`, `{"message":"..."}` or `{"detail":...}`
    /// (some OpenAI-compatible servers). Anything else gives a generic
    /// message naming the status, quoting the start of a non-JSON body.
    pub fn from_body(status: u16, body: &[u8]) -> Self {
        match serde_json::from_slice::<Value>(body) {
            Ok(v) => Self::from_value(&v).unwrap_or_else(|| Self::generic(status, None)),
            Err(_) => Self::generic(status, std::str::from_utf8(body).ok()),
        }
    }

    pub fn from_value(v: &Value) -> Option<Self> {
        let text = |v: Option<&Value>| match v {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        match v.get("error") {
            Some(Value::Object(e)) => {
                let message = text(e.get("message")).unwrap_or_default();
                let kind = text(e.get("type"));
                let code = text(e.get("code"));
                if message.is_empty() && kind.is_none() && code.is_none() {
                    return None;
                }
                Some(ErrorParts { message, kind, code })
            }
            Some(Value::String(s)) => {
                Some(ErrorParts { message: s.clone(), kind: None, code: None })
            }
            _ => {
                let message = text(v.get("message")).or_else(|| match v.get("detail") {
                    Some(Value::String(s)) => Some(s.clone()),
                    Some(d @ (Value::Array(_) | Value::Object(_))) => Some(d.to_string()),
                    _ => None,
                })?;
                Some(ErrorParts { message, kind: None, code: None })
            }
        }
    }

    fn generic(status: u16, body: Option<&str>) -> Self {
        let snippet: String =
            body.map(str::trim).unwrap_or("").chars().take(SNIPPET_CHARS).collect();
        let message = if snippet.is_empty() {
            format!("the provider answered HTTP {status}")
        } else {
            format!("the provider answered HTTP {status}: {snippet}")
        };
        ErrorParts { message, kind: None, code: None }
    }
}

#[derive(Serialize)]
struct OpenAiError<'a> {
    error: OpenAiErrorInner<'a>,
}

#[derive(Serialize)]
struct OpenAiErrorInner<'a> {
    message: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    param: (),
    code: Option<&'a str>,
}

#[derive(Serialize)]
pub(crate) struct AnthropicError<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    error: AnthropicErrorInner<'a>,
}

#[derive(Serialize)]
struct AnthropicErrorInner<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
}

/// OpenAI's `{"error":{"message","type","param","code"}}`. The Anthropic
/// `type` is kept (OpenAI's SDKs go by the HTTP status; the names are the ones
/// the gateway's own errors use), or derived from the status.
pub(crate) fn openai_error_json(parts: &ErrorParts, fallback_type: &str) -> Vec<u8> {
    let body = OpenAiError {
        error: OpenAiErrorInner {
            message: &parts.message,
            kind: parts.kind.as_deref().unwrap_or(fallback_type),
            param: (),
            code: parts.code.as_deref(),
        },
    };
    serde_json::to_vec(&body).unwrap_or_default()
}

pub(crate) fn anthropic_error<'a>(parts: &'a ErrorParts, kind: &'a str) -> AnthropicError<'a> {
    AnthropicError {
        kind: "error",
        error: AnthropicErrorInner { kind, message: &parts.message, code: parts.code.as_deref() },
    }
}

/// An Anthropic error body (any status) → an OpenAI error body. The status
/// stays what it was; garbage gives a generic error of the OpenAI shape.
pub fn anthropic_error_to_openai(status: u16, body: &[u8]) -> Vec<u8> {
    openai_error_json(&ErrorParts::from_body(status, body), openai_error_type(status))
}

/// An OpenAI (or OpenAI-compatible) error body → an Anthropic error body. The
/// Anthropic `type` follows the status (OpenAI's types are another set); the
/// OpenAI `code` is kept as `code`, as in the gateway's own errors. Garbage
/// gives a generic error of the Anthropic shape.
pub fn openai_error_to_anthropic(status: u16, body: &[u8]) -> Vec<u8> {
    let parts = ErrorParts::from_body(status, body);
    serde_json::to_vec(&anthropic_error(&parts, anthropic_error_type(status))).unwrap_or_default()
}

/// The Anthropic error type for an OpenAI error inside a stream (no status
/// to go by): from its type and code.
pub(crate) fn anthropic_type_of_openai(parts: &ErrorParts) -> &'static str {
    let has = |needle: &str| {
        parts.kind.as_deref().is_some_and(|k| k.contains(needle))
            || parts.code.as_deref().is_some_and(|c| c.contains(needle))
    };
    if has("rate_limit") || matches!(parts.kind.as_deref(), Some("requests" | "tokens")) {
        "rate_limit_error"
    } else if has("overloaded") {
        "overloaded_error"
    } else if has("invalid_api_key") || has("authentication") {
        "authentication_error"
    } else if has("permission") {
        "permission_error"
    } else if has("not_found") {
        "not_found_error"
    } else if has("invalid_request") || has("context_length") {
        "invalid_request_error"
    } else {
        "api_error"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn v(b: &[u8]) -> Value {
        serde_json::from_slice(b).unwrap()
    }

    #[test]
    fn anthropic_to_openai() {
        let b = anthropic_error_to_openai(
            529,
            br#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#,
        );
        assert_eq!(
            v(&b),
            json!({"error":{"message":"Overloaded","type":"overloaded_error","param":null,"code":null}})
        );
        let b = anthropic_error_to_openai(
            400,
            br#"{"type":"error","error":{"type":"invalid_request_error","message":"m","code":"aigw_invalid_json"}}"#,
        );
        assert_eq!(v(&b)["error"]["code"], "aigw_invalid_json");
    }

    #[test]
    fn openai_to_anthropic() {
        let b = openai_error_to_anthropic(
            400,
            br#"{"error":{"message":"too long","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}"#,
        );
        assert_eq!(
            v(&b),
            json!({"type":"error","error":{"type":"invalid_request_error","message":"too long","code":"context_length_exceeded"}})
        );
        let b = openai_error_to_anthropic(
            429,
            br#"{"error":{"message":"slow down","type":"requests","code":null}}"#,
        );
        assert_eq!(v(&b)["error"]["type"], "rate_limit_error");
        assert!(v(&b)["error"].get("code").is_none());
    }

    #[test]
    fn other_shapes_and_garbage() {
        let b = openai_error_to_anthropic(404, br#"{"detail":"Not Found"}"#);
        assert_eq!(v(&b)["error"], json!({"type":"not_found_error","message":"Not Found"}));
        let b = openai_error_to_anthropic(500, br#"{"error":"boom"}"#);
        assert_eq!(v(&b)["error"], json!({"type":"api_error","message":"boom"}));
        let b = openai_error_to_anthropic(422, br#"{"detail":[{"loc":["body"],"msg":"x"}]}"#);
        assert_eq!(v(&b)["error"]["message"], r#"[{"loc":["body"],"msg":"x"}]"#);
        let b = anthropic_error_to_openai(502, b"<html>Bad Gateway</html>");
        assert_eq!(
            v(&b)["error"],
            json!({"message":"the provider answered HTTP 502: <html>Bad Gateway</html>","type":"server_error","param":null,"code":null})
        );
        let b = anthropic_error_to_openai(503, b"\xff\xfe");
        assert_eq!(v(&b)["error"]["message"], "the provider answered HTTP 503");
        let b = openai_error_to_anthropic(0, b"[1,2]");
        assert_eq!(v(&b)["error"]["type"], "api_error");
        let long = "é".repeat(1000);
        let b = openai_error_to_anthropic(500, long.as_bytes());
        let msg = v(&b)["error"]["message"].as_str().unwrap().to_owned();
        assert!(msg.chars().count() < 250);
        let b = anthropic_error_to_openai(400, br#"{"error":{}}"#);
        assert_eq!(v(&b)["error"]["type"], "invalid_request_error");
    }
}
