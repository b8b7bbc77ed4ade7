//! Non-streamed responses, both directions.

use serde::Serialize;
use serde_json::value::RawValue;

use crate::common::{
    anthropic_id, finish_reason, openai_id, stop_reason, AnthropicUsage, AnthropicUsageOut,
    OpenAiUsageOut,
};
use crate::error::TranslateError;
use crate::json::{self, Obj};
use crate::ResponseOptions;

type Result<T> = std::result::Result<T, TranslateError>;

/// Translates an Anthropic Messages response (a `message` object) into an
/// OpenAI `chat.completion` object.
///
/// Text blocks are joined into `content` (`null` when the message is only
/// tool calls); `tool_use` blocks become `tool_calls` with `arguments` = the
/// JSON text of `input`, byte for byte; `thinking` and server-tool blocks are
/// dropped. `stop_reason` → `finish_reason` as documented in the README;
/// usage counts cache reads and writes as prompt tokens, with
/// `prompt_tokens_details.cached_tokens` = cache reads.
pub fn anthropic_to_openai_response(body: &[u8], opts: &ResponseOptions) -> Result<Vec<u8>> {
    let top = json::parse_body(body)?;
    if let Some(kind) = top.str("type")? {
        if kind != "message" {
            return Err(TranslateError::invalid(
                "type",
                format!("expected `message`, got `{kind}`"),
            ));
        }
    }
    let source_id = top.str("id")?;
    let source_model = top.str("model")?;
    let content =
        top.arr("content")?.ok_or_else(|| TranslateError::invalid("content", "is required"))?;
    let mut text = String::new();
    let mut tool_calls = Vec::new();
    for (i, block) in content.into_iter().enumerate() {
        let b = json::obj_at(block, json::index("content", i))?;
        match b.required_str("type")?.as_str() {
            "text" => text.push_str(&b.required_str("text")?),
            "tool_use" => {
                let input = b.get("input").map_or_else(|| "{}".to_owned(), |r| r.get().to_owned());
                tool_calls.push(ToolCallOut {
                    id: b.required_str("id")?,
                    kind: "function",
                    function: FunctionOut { name: b.required_str("name")?, arguments: input },
                });
            }
            // Reasoning and server-tool blocks have no place in a chat
            // completion.
            _ => {}
        }
    }
    let usage = top
        .get("usage")
        .and_then(json::value_of)
        .map(|v| AnthropicUsage::from_value(&v))
        .unwrap_or_default();
    let reason = top.str("stop_reason")?;
    let content = if text.is_empty() && !tool_calls.is_empty() { None } else { Some(text) };
    let out = ChatCompletion {
        id: openai_id(opts.id.as_deref(), source_id.as_deref()),
        object: "chat.completion",
        created: opts.created,
        model: opts.model.clone().or(source_model).unwrap_or_default(),
        choices: [Choice {
            index: 0,
            message: MessageOut { role: "assistant", content, refusal: (), tool_calls },
            logprobs: (),
            finish_reason: finish_reason(reason.as_deref()),
        }],
        usage: usage.to_openai(),
    };
    serde_json::to_vec(&out).map_err(|e| TranslateError::invalid("", e.to_string()))
}

#[derive(Serialize)]
struct ChatCompletion {
    id: String,
    object: &'static str,
    created: u64,
    model: String,
    choices: [Choice; 1],
    usage: OpenAiUsageOut,
}

#[derive(Serialize)]
struct Choice {
    index: u32,
    message: MessageOut,
    logprobs: (),
    finish_reason: &'static str,
}

#[derive(Serialize)]
struct MessageOut {
    role: &'static str,
    content: Option<String>,
    refusal: (),
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_calls: Vec<ToolCallOut>,
}

#[derive(Serialize)]
pub(crate) struct ToolCallOut {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub function: FunctionOut,
}

#[derive(Serialize)]
pub(crate) struct FunctionOut {
    pub name: String,
    pub arguments: String,
}

/// Translates an OpenAI `chat.completion` object into an Anthropic Messages
/// response (`message` object).
///
/// The first choice (index 0) is used. `content` (and `refusal`) become text
/// blocks, `tool_calls` become `tool_use` blocks whose `input` is the parsed
/// `arguments` (empty → `{}`; arguments that are not a JSON object are
/// [`TranslateError::Invalid`]); `finish_reason` → `stop_reason` as
/// documented in the README; usage: cached prompt tokens become
/// `cache_read_input_tokens`, the rest `input_tokens`.
pub fn openai_to_anthropic_response(body: &[u8], opts: &ResponseOptions) -> Result<Vec<u8>> {
    let top = json::parse_body(body)?;
    if top.get("error").is_some() {
        return Err(TranslateError::invalid("error", "the body is an error, not a completion"));
    }
    let choices =
        top.arr("choices")?.ok_or_else(|| TranslateError::invalid("choices", "is required"))?;
    let mut first = None;
    for (i, c) in choices.into_iter().enumerate() {
        let c = json::obj_at(c, json::index("choices", i))?;
        let index = c.u64("index")?.unwrap_or(i as u64);
        if index == 0 {
            first = Some(c);
            break;
        }
    }
    let choice =
        first.ok_or_else(|| TranslateError::invalid("choices", "has no choice with index 0"))?;
    let message = choice
        .obj("message")?
        .ok_or_else(|| TranslateError::invalid(choice.field("message"), "is required"))?;
    let mut content = Vec::new();
    let text = message_text(&message)?;
    if !text.is_empty() {
        content.push(BlockOut::Text { text });
    }
    if let Some(refusal) = message.str("refusal")? {
        if !refusal.is_empty() {
            content.push(BlockOut::Text { text: refusal });
        }
    }
    if let Some(calls) = message.arr("tool_calls")? {
        let field = message.field("tool_calls");
        for (j, call) in calls.into_iter().enumerate() {
            let call = json::obj_at(call, json::index(&field, j))?;
            let Some(function) = call.obj("function")? else {
                // A custom (non-function) tool call cannot be expressed.
                continue;
            };
            let arguments = function.str("arguments")?.unwrap_or_default();
            content.push(BlockOut::ToolUse {
                id: call.required_str("id")?,
                name: function.required_str("name")?,
                input: json::object_from_str(&arguments, &function.field("arguments"))?,
            });
        }
    }
    let usage = top
        .get("usage")
        .and_then(json::value_of)
        .map(|v| AnthropicUsage::from_openai(&v))
        .unwrap_or_default();
    let reason = choice.str("finish_reason")?;
    let out = MessageResponse {
        id: anthropic_id(opts.id.as_deref(), top.str("id")?.as_deref()),
        kind: "message",
        role: "assistant",
        model: opts.model.clone().or(top.str("model")?).unwrap_or_default(),
        content,
        stop_reason: Some(stop_reason(reason.as_deref())),
        stop_sequence: (),
        usage: usage.to_anthropic(),
    };
    serde_json::to_vec(&out).map_err(|e| TranslateError::invalid("", e.to_string()))
}

/// `message.content`: a string, or (some OpenAI-compatible servers) text parts.
fn message_text(message: &Obj) -> Result<String> {
    let Some(raw) = message.get("content") else { return Ok(String::new()) };
    let field = message.field("content");
    if raw.get().starts_with('"') {
        return json::string_at(raw, &field);
    }
    let mut text = String::new();
    for (j, part) in json::arr_at(raw, &field)?.into_iter().enumerate() {
        let part = json::obj_at(part, json::index(&field, j))?;
        if let Some(t) = part.str("text")? {
            text.push_str(&t);
        }
    }
    Ok(text)
}

#[derive(Serialize)]
pub(crate) struct MessageResponse {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub role: &'static str,
    pub model: String,
    pub content: Vec<BlockOut>,
    /// `None` only in a stream's `message_start`.
    pub stop_reason: Option<&'static str>,
    pub stop_sequence: (),
    pub usage: AnthropicUsageOut,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum BlockOut {
    Text { text: String },
    ToolUse { id: String, name: String, input: Box<RawValue> },
}
