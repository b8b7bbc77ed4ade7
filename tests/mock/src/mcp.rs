//! A minimal MCP server (JSON-RPC over POST, JSON answers): fast and
//! steady, so the benchmark can resolve the gateway's added latency on an
//! MCP tool call (the SDK's Python server is too slow and noisy for that;
//! the e2e tests use the real one).

use hyper::StatusCode;
use serde_json::{json, Value};

use crate::common::{ApiError, Ctx, Output};

pub fn jsonrpc(ctx: &Ctx) -> Result<Output, ApiError> {
    let msg: Value = serde_json::from_slice(ctx.body)
        .map_err(|e| ApiError::bad_request(format!("mock: not JSON: {e}")))?;
    let Some(id) = msg.get("id").cloned() else {
        // A notification: accepted, no answer.
        return Ok(Output::Full {
            status: StatusCode::ACCEPTED,
            content_type: "application/json",
            body: Default::default(),
        });
    };
    let result = match msg.get("method").and_then(Value::as_str) {
        Some("tools/call") => {
            let tool = msg.pointer("/params/name").and_then(Value::as_str).unwrap_or_default();
            json!({"content": [{"type": "text", "text": format!("mock: {tool}")}], "isError": false})
        }
        Some("tools/list") => json!({"tools": [
            {"name": "echo", "description": "Echoes text.", "inputSchema": {"type": "object"}}]}),
        _ => json!({}),
    };
    let body = json!({"jsonrpc": "2.0", "id": id, "result": result});
    Ok(Output::json(StatusCode::OK, serde_json::to_vec(&body).unwrap_or_default()))
}
