//! AWS Bedrock's Converse API (`POST /model/{modelId}/converse` and
//! `/converse-stream`). The mock does not check SigV4 itself: it records
//! every header, the host and the body, and the e2e tests recompute the
//! signature from that record with botocore's signer (AWS's code, not the
//! gateway's) and compare.
//!
//! - Bodies are checked as Bedrock does: `messages` required, roles `user`
//!   and `assistant`, content a list of blocks, no unknown top-level field
//!   (so a translated request that leaks `model` or `stream` fails).
//! - The answer is `"mock: " + the last user text` (or `x-mock-reply`),
//!   or a `toolUse` for `x-mock-tool-call`. Usage: input tokens as for the
//!   other APIs (Σ words + 3 per message), the system prompt's words
//!   reported apart as `cacheReadInputTokens`; output tokens one per piece.
//! - ConverseStream answers AWS's binary event stream
//!   (`application/vnd.amazon.eventstream`, CRC32s included), one message
//!   per write: `messageStart`, [`contentBlockStart`], `contentBlockDelta`s,
//!   `contentBlockStop`, `messageStop`, `metadata`.
//! - Errors are `{"message": ...}` with `x-amzn-ErrorType`.

use hyper::body::Bytes;
use hyper::StatusCode;
use serde_json::{json, Value};

use crate::common::{ApiError, Ctx, Output};
use crate::text::{piece_count, pieces, split_even, words};

pub const CONTENT_TYPE: &str = "application/vnd.amazon.eventstream";
pub const TOOL_USE_ID: &str = "tooluse_mock_1";

const TOP_LEVEL: &[&str] = &[
    "messages",
    "system",
    "inferenceConfig",
    "toolConfig",
    "guardrailConfig",
    "additionalModelRequestFields",
    "additionalModelResponseFieldPaths",
    "promptVariables",
    "requestMetadata",
    "performanceConfig",
];

/// Whether a path is Converse's: Some(stream).
pub fn operation(path: &str) -> Option<bool> {
    let rest = path.split("/model/").nth(1)?;
    let (_model, op) = rest.split_once('/')?;
    match op {
        "converse" => Some(false),
        "converse-stream" => Some(true),
        _ => None,
    }
}

pub fn error_body(err: &ApiError) -> Vec<u8> {
    json!({"message": err.message}).to_string().into_bytes()
}

/// AWS's exception name for a status.
pub fn error_type(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 | 413 => "ValidationException",
        401 | 403 => "AccessDeniedException",
        404 => "ResourceNotFoundException",
        429 => "ThrottlingException",
        503 => "ServiceUnavailableException",
        _ => "InternalServerException",
    }
}

fn bad(m: impl Into<String>) -> ApiError {
    ApiError::bad_request(m)
}

fn texts(content: &Value) -> impl Iterator<Item = &str> {
    content.as_array().into_iter().flatten().filter_map(|b| b.get("text").and_then(Value::as_str))
}

pub fn converse(ctx: &Ctx, stream: bool) -> Result<Output, ApiError> {
    let req: Value = serde_json::from_slice(ctx.body)
        .map_err(|e| bad(format!("mock: the request body is not JSON: {e}")))?;
    let top = req.as_object().ok_or_else(|| bad("mock: the body must be an object"))?;
    if let Some(k) = top.keys().find(|k| !TOP_LEVEL.contains(&k.as_str())) {
        return Err(bad(format!("Malformed input request: extraneous key [{k}] is not permitted")));
    }
    let messages = top
        .get("messages")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("mock: `messages` is required and must be a list"))?;
    let mut input_tokens = 0;
    let mut last_user = None;
    for (i, m) in messages.iter().enumerate() {
        let role = m.get("role").and_then(Value::as_str).unwrap_or_default();
        if role != "user" && role != "assistant" {
            return Err(bad(format!("mock: messages[{i}].role must be user or assistant")));
        }
        let content = m.get("content").filter(|c| c.is_array()).ok_or_else(|| {
            bad(format!("mock: messages[{i}].content must be a list of content blocks"))
        })?;
        input_tokens += texts(content).map(words).sum::<u64>() + 3;
        if role == "user" {
            last_user = Some(content);
        }
    }
    if let Some(n) = req.pointer("/inferenceConfig/maxTokens") {
        if n.as_u64().is_none_or(|n| n == 0) {
            return Err(bad("mock: inferenceConfig.maxTokens must be at least 1"));
        }
    }
    let cache_read: u64 = top.get("system").map_or(0, |s| texts(s).map(words).sum());
    let reply = match ctx.reply {
        Some(r) => r.to_owned(),
        None => {
            let mut s = String::from("mock: ");
            for t in last_user.map(texts).into_iter().flatten() {
                s.push_str(t);
            }
            s
        }
    };
    let (block, parts, stop): (Value, Vec<&str>, &str) = match ctx.tool_call {
        Some(tc) => {
            let input = serde_json::from_str::<Value>(&tc.arguments)
                .unwrap_or_else(|_| Value::String(tc.arguments.clone()));
            (
                json!({"toolUse": {"toolUseId": TOOL_USE_ID, "name": tc.name, "input": input}}),
                split_even(&tc.arguments, 3),
                "tool_use",
            )
        }
        None => (json!({"text": reply}), pieces(&reply).collect(), "end_turn"),
    };
    let output_tokens =
        if ctx.tool_call.is_some() { parts.len() as u64 } else { piece_count(&reply) };
    let usage = json!({
        "inputTokens": input_tokens,
        "outputTokens": output_tokens,
        "totalTokens": input_tokens + cache_read + output_tokens,
        "cacheReadInputTokens": cache_read,
        "cacheWriteInputTokens": 0,
    });
    if !stream {
        let body = json!({
            "output": {"message": {"role": "assistant", "content": [block]}},
            "stopReason": stop,
            "usage": usage,
            "metrics": {"latencyMs": 1},
        });
        return Ok(Output::json(StatusCode::OK, serde_json::to_vec(&body)?));
    }
    let mut frames = vec![event("messageStart", &json!({"role": "assistant"}))];
    if let Some(tc) = ctx.tool_call {
        frames.push(event(
            "contentBlockStart",
            &json!({"contentBlockIndex": 0, "start": {"toolUse": {"toolUseId": TOOL_USE_ID, "name": tc.name}}}),
        ));
        for p in &parts {
            frames.push(event(
                "contentBlockDelta",
                &json!({"contentBlockIndex": 0, "delta": {"toolUse": {"input": p}}}),
            ));
        }
    } else {
        for p in &parts {
            frames.push(event(
                "contentBlockDelta",
                &json!({"contentBlockIndex": 0, "delta": {"text": p}}),
            ));
        }
    }
    frames.push(event("contentBlockStop", &json!({"contentBlockIndex": 0})));
    frames.push(event("messageStop", &json!({"stopReason": stop})));
    frames.push(event("metadata", &json!({"usage": usage, "metrics": {"latencyMs": 1}})));
    Ok(Output::Frames { content_type: CONTENT_TYPE, frames })
}

fn event(kind: &str, payload: &Value) -> Bytes {
    Bytes::from(encode(
        &[(":event-type", kind), (":content-type", "application/json"), (":message-type", "event")],
        payload.to_string().as_bytes(),
    ))
}

/// One event-stream message: prelude (lengths, CRC32), string headers,
/// payload, message CRC32.
pub fn encode(headers: &[(&str, &str)], payload: &[u8]) -> Vec<u8> {
    let mut hb = Vec::new();
    for (k, v) in headers {
        hb.push(k.len() as u8);
        hb.extend_from_slice(k.as_bytes());
        hb.push(7);
        hb.extend_from_slice(&(v.len() as u16).to_be_bytes());
        hb.extend_from_slice(v.as_bytes());
    }
    let total = 12 + hb.len() + payload.len() + 4;
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(&(total as u32).to_be_bytes());
    out.extend_from_slice(&(hb.len() as u32).to_be_bytes());
    let crc = crc32fast::hash(&out);
    out.extend_from_slice(&crc.to_be_bytes());
    out.extend_from_slice(&hb);
    out.extend_from_slice(payload);
    let crc = crc32fast::hash(&out);
    out.extend_from_slice(&crc.to_be_bytes());
    out
}
