//! What the OpenAI ⇄ Gemini translations share: finish reasons, usage,
//! error shapes and Google's status names.

use serde_json::{json, Map, Value};

use crate::common::openai_error_type;
use crate::provider_errors::ErrorParts;

/// Gemini `finishReason` → OpenAI `finish_reason`. `STOP` → `stop`
/// (`tool_calls` when the candidate called functions: Gemini says `STOP`
/// there too); `MAX_TOKENS` → `length`; the safety family (`SAFETY`,
/// `RECITATION`, `BLOCKLIST`, `PROHIBITED_CONTENT`, `SPII`,
/// `IMAGE_SAFETY`) → `content_filter`; anything else → `stop`.
pub(crate) fn finish_reason(reason: Option<&str>, called_functions: bool) -> &'static str {
    match reason {
        Some("MAX_TOKENS") => "length",
        Some(
            "SAFETY" | "RECITATION" | "BLOCKLIST" | "PROHIBITED_CONTENT" | "SPII" | "IMAGE_SAFETY",
        ) => "content_filter",
        _ if called_functions => "tool_calls",
        _ => "stop",
    }
}

/// OpenAI `finish_reason` → Gemini `finishReason`: `length` →
/// `MAX_TOKENS`, `content_filter` → `SAFETY`, the rest (tool calls too) →
/// `STOP`.
pub(crate) fn gemini_finish(reason: Option<&str>) -> &'static str {
    match reason {
        Some("length") => "MAX_TOKENS",
        Some("content_filter") => "SAFETY",
        _ => "STOP",
    }
}

fn count(v: &Value, key: &str) -> u64 {
    v.get(key).and_then(Value::as_u64).unwrap_or(0)
}

/// Gemini `usageMetadata` → OpenAI `usage`. Prompt tokens include cached
/// ones (Gemini's too) and tool-use prompt tokens; thinking tokens are
/// completion tokens, also shown as `reasoning_tokens`.
pub(crate) fn openai_usage(meta: &Value) -> Value {
    let prompt =
        count(meta, "promptTokenCount").saturating_add(count(meta, "toolUsePromptTokenCount"));
    let thoughts = count(meta, "thoughtsTokenCount");
    let completion = count(meta, "candidatesTokenCount").saturating_add(thoughts);
    json!({
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt.saturating_add(completion),
        "prompt_tokens_details": {"cached_tokens": count(meta, "cachedContentTokenCount")},
        "completion_tokens_details": {"reasoning_tokens": thoughts},
    })
}

/// OpenAI `usage` → Gemini `usageMetadata`.
pub(crate) fn gemini_usage(usage: &Value) -> Value {
    let prompt = count(usage, "prompt_tokens");
    let completion = count(usage, "completion_tokens");
    let mut m = Map::new();
    m.insert("promptTokenCount".into(), prompt.into());
    m.insert("candidatesTokenCount".into(), completion.into());
    m.insert("totalTokenCount".into(), prompt.saturating_add(completion).into());
    let cached = usage.get("prompt_tokens_details").map_or(0, |d| count(d, "cached_tokens"));
    if cached > 0 {
        m.insert("cachedContentTokenCount".into(), cached.into());
    }
    Value::Object(m)
}

/// Google's canonical status name for an HTTP status.
pub fn google_status(status: u16) -> &'static str {
    match status {
        400 | 413 | 415 | 422 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ABORTED",
        429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        501 => "UNIMPLEMENTED",
        503 | 529 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ => "INTERNAL",
    }
}

/// A Gemini error body (any status) → an OpenAI error body: the message
/// kept, the `type` from the status, Google's `status` name as `code`.
pub fn gemini_error_to_openai(status: u16, body: &[u8]) -> Vec<u8> {
    let v: Option<Value> = serde_json::from_slice(body).ok();
    let e = v.as_ref().and_then(|v| v.get("error")).filter(|e| e.is_object());
    let parts = match e {
        Some(e) => ErrorParts {
            message: e.get("message").and_then(Value::as_str).unwrap_or_default().to_owned(),
            kind: None,
            code: e.get("status").and_then(Value::as_str).map(str::to_owned),
        },
        None => ErrorParts::from_body(status, body),
    };
    crate::provider_errors::openai_error_json(&parts, openai_error_type(status))
}

/// An OpenAI error body (or the gateway's) → Google's
/// `{"error":{"code","message","status"}}`; an `aigw_*` or provider code
/// is kept as the `ErrorInfo` reason.
pub fn openai_error_to_gemini(status: u16, body: &[u8]) -> Vec<u8> {
    let parts = ErrorParts::from_body(status, body);
    gemini_error_json(status, &parts)
}

pub(crate) fn gemini_error_json(status: u16, parts: &ErrorParts) -> Vec<u8> {
    let mut error = json!({
        "code": status,
        "message": parts.message,
        "status": google_status(status),
    });
    if let (Some(code), Some(o)) = (&parts.code, error.as_object_mut()) {
        o.insert(
            "details".into(),
            json!([{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": code}]),
        );
    }
    serde_json::to_vec(&json!({ "error": error })).unwrap_or_default()
}

/// Gemini schemas may name types in upper case (`"OBJECT"`, the enum of
/// its `Schema` type); JSON Schema, which OpenAI takes, is lower case.
pub(crate) fn lower_schema_types(v: &mut Value) {
    match v {
        Value::Object(o) => {
            for (k, x) in o.iter_mut() {
                match x {
                    Value::String(s) if k == "type" => *s = s.to_ascii_lowercase(),
                    _ => lower_schema_types(x),
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(lower_schema_types),
        _ => {}
    }
}

/// `data:<mime>;base64,<data>` → `(mime, data)`.
pub(crate) fn split_data_url(url: &str) -> Option<(&str, &str)> {
    let rest = url.strip_prefix("data:")?;
    let (mime, data) = rest.split_once(";base64,")?;
    Some((mime, data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_both_ways() {
        let o = gemini_error_to_openai(
            429,
            br#"{"error":{"code":429,"message":"quota","status":"RESOURCE_EXHAUSTED"}}"#,
        );
        let v: Value = serde_json::from_slice(&o).unwrap();
        assert_eq!(v["error"]["message"], "quota");
        assert_eq!(v["error"]["type"], "rate_limit_error");
        assert_eq!(v["error"]["code"], "RESOURCE_EXHAUSTED");
        let g = openai_error_to_gemini(
            400,
            br#"{"error":{"message":"bad","type":"invalid_request_error","code":"context_length_exceeded"}}"#,
        );
        let v: Value = serde_json::from_slice(&g).unwrap();
        assert_eq!(
            (v["error"]["code"].as_u64(), v["error"]["status"].as_str()),
            (Some(400), Some("INVALID_ARGUMENT"))
        );
        assert_eq!(v["error"]["details"][0]["reason"], "context_length_exceeded");
        let v: Value = serde_json::from_slice(&openai_error_to_gemini(502, b"<html>")).unwrap();
        assert_eq!(v["error"]["status"], "INTERNAL");
    }

    #[test]
    fn usage_both_ways() {
        let u = openai_usage(
            &json!({"promptTokenCount":10,"candidatesTokenCount":3,"thoughtsTokenCount":2,"cachedContentTokenCount":4}),
        );
        assert_eq!(
            (
                u["prompt_tokens"].as_u64(),
                u["completion_tokens"].as_u64(),
                u["total_tokens"].as_u64()
            ),
            (Some(10), Some(5), Some(15))
        );
        assert_eq!(u["prompt_tokens_details"]["cached_tokens"], 4);
        let g = gemini_usage(&json!({"prompt_tokens":7,"completion_tokens":2}));
        assert_eq!(g, json!({"promptTokenCount":7,"candidatesTokenCount":2,"totalTokenCount":9}));
    }
}
