//! OpenAI Responses API (`POST …/responses`): a plain JSON answer, or the
//! real event sequence (`response.created` … `response.completed`) with
//! usage; a forced tool call answers with a `function_call` item. Asked for
//! `include: ["message.output_text.logprobs"]`, text parts carry per-token
//! logprobs as the real API does.

use hyper::StatusCode;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::common::{ApiError, Content, Ctx, Output, CREATED};
use crate::text::{piece_count, pieces, split_even, words, Sse};

pub const CALL_ID: &str = "call_mock_1";

#[derive(Deserialize)]
struct ResponsesRequest {
    model: String,
    /// A string, or a list of messages (`{"role","content"}` with a string
    /// or typed parts) and other items.
    #[serde(default)]
    input: Option<Value>,
    #[serde(default)]
    instructions: Option<String>,
    #[serde(default)]
    stream: Option<bool>,
    #[serde(default)]
    include: Option<Vec<String>>,
    #[serde(default)]
    top_logprobs: Option<u32>,
}

/// The text of the last user input (a string input is the user's).
fn last_user(input: Option<&Value>) -> String {
    match input {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .rev()
            .find(|i| i.get("role").and_then(Value::as_str) == Some("user"))
            .and_then(|i| i.get("content"))
            .map(content_text)
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// A message's text: a string, or its `input_text`/`text` parts.
fn content_text(c: &Value) -> String {
    match c {
        Value::String(s) => s.clone(),
        Value::Array(parts) => parts
            .iter()
            .filter_map(|p| p.get("text").and_then(Value::as_str))
            .collect::<Vec<_>>()
            .concat(),
        _ => String::new(),
    }
}

/// Input tokens: words of every text in the input and instructions.
fn input_tokens(req: &ResponsesRequest) -> u64 {
    let mut n = req.instructions.as_deref().map_or(0, words);
    match &req.input {
        Some(Value::String(s)) => n += words(s),
        Some(Value::Array(items)) => {
            for i in items {
                n += 3 + i.get("content").map_or(0, |c| words(&content_text(c)));
            }
        }
        _ => {}
    }
    n
}

/// Per-token logprobs of a piece of text (deterministic).
fn logprobs(piece: &str, top: u32) -> Value {
    let top: Vec<Value> = (0..top)
        .map(
            |k| json!({"token": piece, "logprob": -0.01 - f64::from(k), "bytes": piece.as_bytes()}),
        )
        .collect();
    json!({"token": piece, "logprob": -0.01, "bytes": piece.as_bytes(), "top_logprobs": top})
}

/// `POST …/responses`
pub fn responses(ctx: &Ctx) -> Result<Output, ApiError> {
    let req: ResponsesRequest = ctx.parse()?;
    let with_logprobs = req.include.iter().flatten().any(|i| i == "message.output_text.logprobs");
    let top = req.top_logprobs.unwrap_or(0).min(20);
    let id = format!("resp_mock_{}", ctx.seq);
    let item_id = format!("msg_mock_{}", ctx.seq);
    let input_tokens = input_tokens(&req);
    let reply = match ctx.reply {
        Some(r) => r.to_owned(),
        None => format!("mock: {}", last_user(req.input.as_ref())),
    };
    let tool = ctx.tool_call;
    let output_tokens = match tool {
        Some(tc) => split_even(&tc.arguments, 3).len() as u64,
        None => piece_count(&reply),
    };
    let usage = json!({
        "input_tokens": input_tokens, "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": output_tokens, "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": input_tokens + output_tokens
    });
    let envelope = |status: &str, output: Value, usage: Value| {
        json!({
            "id": id, "object": "response", "created_at": CREATED, "status": status,
            "error": null, "incomplete_details": null, "instructions": req.instructions,
            "max_output_tokens": null, "model": req.model, "output": output,
            "parallel_tool_calls": true, "previous_response_id": null,
            "reasoning": {"effort": null, "summary": null}, "store": true, "temperature": 1.0,
            "text": {"format": {"type": "text"}}, "tool_choice": "auto", "tools": [],
            "top_p": 1.0, "truncation": "disabled", "usage": usage, "user": null, "metadata": {}
        })
    };
    let token_logprobs: Vec<Value> =
        if with_logprobs { pieces(&reply).map(|p| logprobs(p, top)).collect() } else { Vec::new() };
    let part = |text: &str, lp: &[Value]| json!({"type": "output_text", "text": text, "annotations": [], "logprobs": lp});
    let item = match tool {
        Some(tc) => json!({"type": "function_call", "id": item_id, "call_id": CALL_ID,
            "name": tc.name, "arguments": tc.arguments, "status": "completed"}),
        None => {
            json!({"type": "message", "id": item_id, "status": "completed", "role": "assistant",
            "content": [part(&reply, &token_logprobs)]})
        }
    };
    if !req.stream.unwrap_or(false) {
        let body = envelope("completed", json!([item]), usage);
        return Ok(Output::json(StatusCode::OK, serde_json::to_vec(&body)?));
    }

    let mut sse = Sse::with_capacity(4096 + reply.len() * 8, 16 + output_tokens as usize);
    let mut seq = 0u64;
    let mut emit = |sse: &mut Sse, name: &str, mut v: Value| -> serde_json::Result<()> {
        if let Some(o) = v.as_object_mut() {
            o.insert("type".into(), Value::String(name.to_string()));
            o.insert("sequence_number".into(), Value::from(seq));
        }
        seq += 1;
        sse.event(name, &v)
    };
    emit(
        &mut sse,
        "response.created",
        json!({"response": envelope("in_progress", json!([]), Value::Null)}),
    )?;
    emit(
        &mut sse,
        "response.in_progress",
        json!({"response": envelope("in_progress", json!([]), Value::Null)}),
    )?;
    match tool {
        Some(tc) => {
            let added = json!({"type": "function_call", "id": item_id, "call_id": CALL_ID,
                "name": tc.name, "arguments": "", "status": "in_progress"});
            emit(
                &mut sse,
                "response.output_item.added",
                json!({"output_index": 0, "item": added}),
            )?;
            for a in split_even(&tc.arguments, 3) {
                emit(
                    &mut sse,
                    "response.function_call_arguments.delta",
                    json!({"item_id": item_id, "output_index": 0, "delta": a}),
                )?;
            }
            emit(
                &mut sse,
                "response.function_call_arguments.done",
                json!({"item_id": item_id, "output_index": 0, "arguments": tc.arguments}),
            )?;
        }
        None => {
            let added = json!({"type": "message", "id": item_id, "status": "in_progress",
                "role": "assistant", "content": []});
            emit(
                &mut sse,
                "response.output_item.added",
                json!({"output_index": 0, "item": added}),
            )?;
            emit(
                &mut sse,
                "response.content_part.added",
                json!({"item_id": item_id,
                "output_index": 0, "content_index": 0, "part": part("", &[])}),
            )?;
            for (k, p) in pieces(&reply).enumerate() {
                let lp: Vec<Value> = token_logprobs.get(k).cloned().into_iter().collect();
                emit(
                    &mut sse,
                    "response.output_text.delta",
                    json!({"item_id": item_id,
                    "output_index": 0, "content_index": 0, "delta": p, "logprobs": lp}),
                )?;
            }
            emit(
                &mut sse,
                "response.output_text.done",
                json!({"item_id": item_id,
                "output_index": 0, "content_index": 0, "text": reply, "logprobs": token_logprobs}),
            )?;
            emit(
                &mut sse,
                "response.content_part.done",
                json!({"item_id": item_id,
                "output_index": 0, "content_index": 0, "part": part(&reply, &token_logprobs)}),
            )?;
        }
    }
    emit(&mut sse, "response.output_item.done", json!({"output_index": 0, "item": item}))?;
    emit(
        &mut sse,
        "response.completed",
        json!({"response": envelope("completed", json!([item]), usage)}),
    )?;
    Ok(Output::Sse(sse.finish()))
}

/// Anthropic `POST …/messages/count_tokens`: `{"input_tokens": n}`, counted
/// like the messages endpoint's `input_tokens`.
pub fn count_tokens(ctx: &Ctx) -> Result<Output, ApiError> {
    #[derive(Deserialize)]
    struct Message {
        #[serde(default)]
        content: Option<Content>,
    }
    #[derive(Deserialize)]
    struct CountRequest {
        #[serde(rename = "model")]
        _model: String,
        messages: Vec<Message>,
        #[serde(default)]
        system: Option<Content>,
    }
    let req: CountRequest = ctx.parse()?;
    let n = crate::common::prompt_tokens(req.messages.iter().map(|m| m.content.as_ref()))
        + req.system.as_ref().map_or(0, Content::words);
    Ok(Output::json(StatusCode::OK, serde_json::to_vec(&json!({"input_tokens": n}))?))
}
