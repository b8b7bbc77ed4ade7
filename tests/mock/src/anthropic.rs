//! Anthropic Messages API (`POST …/messages`).

use std::borrow::Cow;

use hyper::StatusCode;
use serde::{Deserialize, Serialize};

use crate::common::{prompt_tokens, AnyArray, ApiError, Content, Ctx, Output};
use crate::text::{piece_count, pieces, split_even, Sse};

pub const TOOL_USE_ID: &str = "toolu_mock_1";

#[derive(Deserialize)]
struct MessagesRequest<'a> {
    #[serde(borrow)]
    model: Cow<'a, str>,
    /// A string or a list of text blocks.
    #[serde(default)]
    system: Option<Content>,
    messages: Vec<Message<'a>>,
    /// Required by the real API, so required here too.
    max_tokens: u64,
    #[serde(default)]
    stream: Option<bool>,
    /// Must be an array when present; otherwise unused.
    #[serde(default, rename = "tools")]
    _tools: Option<AnyArray>,
}

#[derive(Deserialize)]
struct Message<'a> {
    #[serde(borrow)]
    role: Cow<'a, str>,
    /// A string or blocks (`text`, `image`, `tool_use`, `tool_result`, ...);
    /// only `text` blocks count.
    #[serde(default)]
    content: Option<Content>,
}

#[derive(Serialize, Clone, Copy)]
struct Usage {
    input_tokens: u64,
    output_tokens: u64,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Block<'a> {
    Text { text: &'a str },
    ToolUse { id: &'static str, name: &'a str, input: &'a serde_json::Value },
}

#[derive(Serialize)]
struct MessageOut<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    role: &'static str,
    model: &'a str,
    content: &'a [Block<'a>],
    stop_reason: Option<&'static str>,
    stop_sequence: (),
    usage: Usage,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Event<'a> {
    MessageStart { message: MessageOut<'a> },
    ContentBlockStart { index: u32, content_block: Block<'a> },
    Ping,
    ContentBlockDelta { index: u32, delta: BlockDelta<'a> },
    ContentBlockStop { index: u32 },
    MessageDelta { delta: StopDelta, usage: OutputUsage },
    MessageStop,
}

impl Event<'_> {
    fn name(&self) -> &'static str {
        match self {
            Event::MessageStart { .. } => "message_start",
            Event::ContentBlockStart { .. } => "content_block_start",
            Event::Ping => "ping",
            Event::ContentBlockDelta { .. } => "content_block_delta",
            Event::ContentBlockStop { .. } => "content_block_stop",
            Event::MessageDelta { .. } => "message_delta",
            Event::MessageStop => "message_stop",
        }
    }
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum BlockDelta<'a> {
    TextDelta { text: &'a str },
    InputJsonDelta { partial_json: &'a str },
}

#[derive(Serialize)]
struct StopDelta {
    stop_reason: &'static str,
    stop_sequence: (),
}

#[derive(Serialize)]
struct OutputUsage {
    output_tokens: u64,
}

fn emit(sse: &mut Sse, ev: &Event) -> serde_json::Result<()> {
    sse.event(ev.name(), ev)
}

/// `POST …/messages`
pub fn messages(ctx: &Ctx) -> Result<Output, ApiError> {
    let req: MessagesRequest = ctx.parse()?;
    if req.max_tokens == 0 {
        return Err(ApiError::bad_request("max_tokens: must be greater than or equal to 1"));
    }
    let input_tokens = prompt_tokens(req.messages.iter().map(|m| m.content.as_ref()))
        + req.system.as_ref().map_or(0, Content::words);
    let last_user =
        req.messages.iter().rev().find(|m| m.role == "user").and_then(|m| m.content.as_ref());
    let id = format!("msg_mock_{}", ctx.seq);
    let model: &str = &req.model;

    // The content block, its streamed pieces and the stop reason.
    let reply;
    let tool_input;
    let (block, parts, stop_reason): (Block, Vec<&str>, &'static str) = match ctx.tool_call {
        Some(tc) => {
            // `input` is the parsed arguments; unparseable arguments are
            // passed through as a JSON string so tests can provoke that.
            tool_input = serde_json::from_str::<serde_json::Value>(&tc.arguments)
                .unwrap_or_else(|_| serde_json::Value::String(tc.arguments.clone()));
            (
                Block::ToolUse { id: TOOL_USE_ID, name: &tc.name, input: &tool_input },
                split_even(&tc.arguments, 3),
                "tool_use",
            )
        }
        None => {
            reply = ctx.reply_text(last_user);
            (Block::Text { text: &reply }, Vec::new(), "end_turn")
        }
    };
    let output_tokens = match &block {
        Block::Text { text } => piece_count(text),
        Block::ToolUse { .. } => parts.len() as u64,
    };

    if !req.stream.unwrap_or(false) {
        let body = MessageOut {
            id: &id,
            kind: "message",
            role: "assistant",
            model,
            content: std::slice::from_ref(&block),
            stop_reason: Some(stop_reason),
            stop_sequence: (),
            usage: Usage { input_tokens, output_tokens },
        };
        return Ok(Output::json(StatusCode::OK, serde_json::to_vec(&body)?));
    }

    let events = output_tokens as usize + 6;
    let mut sse =
        Sse::with_capacity(events.saturating_mul(100).saturating_add(300 + model.len()), events);
    emit(
        &mut sse,
        &Event::MessageStart {
            message: MessageOut {
                id: &id,
                kind: "message",
                role: "assistant",
                model,
                content: &[],
                stop_reason: None,
                stop_sequence: (),
                usage: Usage { input_tokens, output_tokens: 1 },
            },
        },
    )?;
    let empty = serde_json::Value::Object(serde_json::Map::new());
    let start_block = match &block {
        Block::Text { .. } => Block::Text { text: "" },
        Block::ToolUse { id, name, .. } => Block::ToolUse { id, name, input: &empty },
    };
    emit(&mut sse, &Event::ContentBlockStart { index: 0, content_block: start_block })?;
    emit(&mut sse, &Event::Ping)?;
    match &block {
        Block::Text { text } => {
            for p in pieces(text) {
                emit(
                    &mut sse,
                    &Event::ContentBlockDelta {
                        index: 0,
                        delta: BlockDelta::TextDelta { text: p },
                    },
                )?;
            }
        }
        Block::ToolUse { .. } => {
            for p in &parts {
                emit(
                    &mut sse,
                    &Event::ContentBlockDelta {
                        index: 0,
                        delta: BlockDelta::InputJsonDelta { partial_json: p },
                    },
                )?;
            }
        }
    }
    emit(&mut sse, &Event::ContentBlockStop { index: 0 })?;
    emit(
        &mut sse,
        &Event::MessageDelta {
            delta: StopDelta { stop_reason, stop_sequence: () },
            usage: OutputUsage { output_tokens },
        },
    )?;
    emit(&mut sse, &Event::MessageStop)?;
    Ok(Output::Sse(sse.finish()))
}

/// Anthropic error body: `{"type":"error","error":{"type","message"}}`.
pub fn error_body(err: &ApiError) -> Vec<u8> {
    let kind = match err.status.as_u16() {
        401 => "authentication_error",
        402 => "billing_error",
        403 => "permission_error",
        404 => "not_found_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        503 | 529 => "overloaded_error",
        500..=599 => "api_error",
        _ => "invalid_request_error",
    };
    #[derive(Serialize)]
    struct Inner<'a> {
        #[serde(rename = "type")]
        kind: &'static str,
        message: &'a str,
    }
    #[derive(Serialize)]
    struct Outer<'a> {
        #[serde(rename = "type")]
        kind: &'static str,
        error: Inner<'a>,
    }
    serde_json::to_vec(&Outer { kind: "error", error: Inner { kind, message: &err.message } })
        .unwrap_or_default()
}
