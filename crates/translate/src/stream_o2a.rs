//! OpenAI `chat.completion.chunk` stream → Anthropic Messages stream.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::common::{anthropic_id, stop_reason, AnthropicUsage};
use crate::json::empty_object;
use crate::provider_errors::{anthropic_error, anthropic_type_of_openai, ErrorParts};
use crate::response::{BlockOut, MessageResponse};
use crate::ResponseOptions;

/// Turns the events of an OpenAI Chat Completions stream into Anthropic
/// Messages stream events.
///
/// Feed it every event the provider sends (`data:` payloads, `[DONE]`
/// included), then call [`finish`](Self::finish) when the provider's stream
/// ends. Each call returns zero or more complete events
/// (`event: name\ndata: {...}\n\n`).
///
/// | OpenAI | Anthropic |
/// |---|---|
/// | first chunk with a choice | `message_start` (usage zero: OpenAI reports it at the end) |
/// | `delta.content` / `delta.refusal` | `content_block_start` text (when a text block is not open), `content_block_delta` text_delta |
/// | `delta.tool_calls[i]` first seen | `content_block_stop` of the open block, `content_block_start` tool_use (`id`, `name`, `input: {}`) |
/// | `delta.tool_calls[i].function.arguments` | `content_block_delta` input_json_delta |
/// | `finish_reason` | `content_block_stop` of the open block |
/// | usage chunk (`choices: []`) | kept for the end |
/// | `[DONE]` (or [`finish`](Self::finish) after a `finish_reason`) | `message_delta` (`stop_reason`, usage with input, cache-read and output tokens), `message_stop` |
/// | `{"error":{...}}`, or an event that is not JSON | `error` event |
///
/// Only choice 0 is followed. After `message_stop` or an `error` event every
/// further event is ignored. Ask the provider for usage
/// (`stream_options.include_usage`, which [`crate::anthropic_to_openai_request`]
/// does) or `message_delta` reports zero tokens.
#[derive(Debug)]
pub struct OpenAiToAnthropicStream {
    opts: ResponseOptions,
    started: bool,
    id: String,
    /// The block being streamed, if any.
    open: Option<Open>,
    /// Block indices used so far.
    next_block: u32,
    /// OpenAI tool-call index → Anthropic block index.
    tools: BTreeMap<u64, u32>,
    finish_reason: Option<String>,
    usage: Option<AnthropicUsage>,
    done: bool,
}

/// What kind of block is open, to know whether text continues it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Text(u32),
    Tool(u32),
}

impl OpenAiToAnthropicStream {
    pub fn new(opts: ResponseOptions) -> Self {
        OpenAiToAnthropicStream {
            id: anthropic_id(opts.id.as_deref(), None),
            opts,
            started: false,
            open: None,
            next_block: 0,
            tools: BTreeMap::new(),
            finish_reason: None,
            usage: None,
            done: false,
        }
    }

    /// Whether `message_stop` or an `error` event has been sent.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// One provider event (`event` is its `event:` field, unused by OpenAI).
    pub fn event(&mut self, _event: Option<&str>, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let trimmed = data.trim_ascii();
        if self.done || trimmed.is_empty() {
            return out;
        }
        if trimmed == b"[DONE]" {
            self.complete(&mut out);
            return out;
        }
        let v: Value = match serde_json::from_slice(data) {
            Ok(v) => v,
            Err(_) => {
                self.fail(
                    &mut out,
                    &error_parts("the provider sent a stream event that is not JSON"),
                    "api_error",
                );
                return out;
            }
        };
        if v.get("error").is_some_and(|e| !e.is_null()) {
            let parts = ErrorParts::from_value(&v)
                .unwrap_or_else(|| error_parts("the provider reported an error"));
            let kind = anthropic_type_of_openai(&parts);
            self.fail(&mut out, &parts, kind);
            return out;
        }
        if let Some(u) = v.get("usage").filter(|u| u.is_object()) {
            self.usage = Some(AnthropicUsage::from_openai(u));
        }
        let choice = v.get("choices").and_then(Value::as_array).and_then(|cs| {
            cs.iter().find(|c| c.get("index").and_then(Value::as_u64).unwrap_or(0) == 0)
        });
        let Some(choice) = choice else {
            // A usage chunk, or a chunk without choices (Azure's prompt
            // filter results): nothing to show.
            return out;
        };
        self.start(&mut out, &v);
        if let Some(delta) = choice.get("delta") {
            for key in ["content", "refusal"] {
                if let Some(text) = delta.get(key).and_then(Value::as_str).filter(|t| !t.is_empty())
                {
                    self.text(&mut out, text);
                }
            }
            if let Some(calls) = delta.get("tool_calls").and_then(Value::as_array) {
                for (position, call) in calls.iter().enumerate() {
                    self.tool_call(&mut out, position, call);
                }
            }
        }
        if let Some(reason) = choice.get("finish_reason").and_then(Value::as_str) {
            self.close(&mut out);
            self.finish_reason = Some(reason.to_owned());
        }
        out
    }

    /// The provider's stream has ended. After a `finish_reason` this ends the
    /// message (`message_delta`, `message_stop`) if `[DONE]` did not; a stream
    /// cut before its `finish_reason` ends with an `error` event instead, so
    /// clients do not take a cut answer for a whole one.
    pub fn finish(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        if self.done {
            return out;
        }
        if self.finish_reason.is_some() {
            self.complete(&mut out);
        } else {
            self.fail(
                &mut out,
                &error_parts("the provider's stream ended before the completion was complete"),
                "api_error",
            );
        }
        out
    }

    fn start(&mut self, out: &mut Vec<u8>, chunk: &Value) {
        if self.started {
            return;
        }
        self.started = true;
        if self.opts.id.is_none() {
            self.id = anthropic_id(None, chunk.get("id").and_then(Value::as_str));
        }
        let model = match &self.opts.model {
            Some(m) => m.clone(),
            None => chunk.get("model").and_then(Value::as_str).unwrap_or_default().to_owned(),
        };
        let message = MessageResponse {
            id: self.id.clone(),
            kind: "message",
            role: "assistant",
            model,
            content: Vec::new(),
            stop_reason: None,
            stop_sequence: (),
            usage: AnthropicUsage::default().to_anthropic(),
        };
        write_event(out, "message_start", &Event::MessageStart { message });
    }

    fn new_block(&mut self, out: &mut Vec<u8>, block: BlockOut) -> u32 {
        self.close(out);
        let index = self.next_block;
        self.next_block = self.next_block.saturating_add(1);
        self.open = Some(match block {
            BlockOut::Text { .. } => Open::Text(index),
            BlockOut::ToolUse { .. } => Open::Tool(index),
        });
        write_event(
            out,
            "content_block_start",
            &Event::ContentBlockStart { index, content_block: block },
        );
        index
    }

    fn text(&mut self, out: &mut Vec<u8>, text: &str) {
        let index = match self.open {
            Some(Open::Text(i)) => i,
            _ => self.new_block(out, BlockOut::Text { text: String::new() }),
        };
        let delta = Delta::TextDelta { text };
        write_event(out, "content_block_delta", &Event::ContentBlockDelta { index, delta });
    }

    fn tool_call(&mut self, out: &mut Vec<u8>, position: usize, call: &Value) {
        let openai_index = call.get("index").and_then(Value::as_u64).unwrap_or(position as u64);
        let function = call.get("function");
        let index = match self.tools.get(&openai_index) {
            // Arguments for a call whose block was already closed (a server
            // interleaving parallel calls) still go to that call's block:
            // accumulating clients place deltas by index.
            Some(&index) => index,
            None => {
                let id = match call.get("id").and_then(Value::as_str) {
                    Some(id) if !id.is_empty() => id.to_owned(),
                    _ => format!("toolu_{}_{openai_index}", self.id),
                };
                let name = function
                    .and_then(|f| f.get("name"))
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                let block = BlockOut::ToolUse { id, name, input: empty_object() };
                let index = self.new_block(out, block);
                self.tools.insert(openai_index, index);
                index
            }
        };
        let arguments = function.and_then(|f| f.get("arguments")).and_then(Value::as_str);
        if let Some(partial_json) = arguments.filter(|a| !a.is_empty()) {
            let delta = Delta::InputJsonDelta { partial_json };
            write_event(out, "content_block_delta", &Event::ContentBlockDelta { index, delta });
        }
    }

    fn close(&mut self, out: &mut Vec<u8>) {
        if let Some(Open::Text(index) | Open::Tool(index)) = self.open.take() {
            write_event(out, "content_block_stop", &Event::ContentBlockStop { index });
        }
    }

    /// `message_delta` and `message_stop`.
    fn complete(&mut self, out: &mut Vec<u8>) {
        if !self.started {
            self.fail(
                out,
                &error_parts("the provider's stream ended without a completion"),
                "api_error",
            );
            return;
        }
        self.close(out);
        let usage = match self.usage {
            Some(u) => DeltaUsage {
                input_tokens: Some(u.input),
                cache_creation_input_tokens: Some(u.cache_creation),
                cache_read_input_tokens: Some(u.cache_read),
                output_tokens: u.output,
            },
            None => DeltaUsage {
                input_tokens: None,
                cache_creation_input_tokens: None,
                cache_read_input_tokens: None,
                output_tokens: 0,
            },
        };
        let delta = StopDelta {
            stop_reason: stop_reason(self.finish_reason.as_deref()),
            stop_sequence: (),
        };
        write_event(out, "message_delta", &Event::MessageDelta { delta, usage });
        write_event(out, "message_stop", &Event::MessageStop);
        self.done = true;
    }

    fn fail(&mut self, out: &mut Vec<u8>, parts: &ErrorParts, kind: &'static str) {
        if let Ok(json) = serde_json::to_vec(&anthropic_error(parts, kind)) {
            out.extend_from_slice(b"event: error\ndata: ");
            out.extend_from_slice(&json);
            out.extend_from_slice(b"\n\n");
        }
        self.done = true;
    }
}

fn error_parts(message: &str) -> ErrorParts {
    ErrorParts { message: message.to_owned(), kind: None, code: None }
}

fn write_event(out: &mut Vec<u8>, name: &str, event: &Event) {
    if let Ok(json) = serde_json::to_vec(event) {
        out.extend_from_slice(b"event: ");
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b"\ndata: ");
        out.extend_from_slice(&json);
        out.extend_from_slice(b"\n\n");
    }
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Event<'a> {
    MessageStart { message: MessageResponse },
    ContentBlockStart { index: u32, content_block: BlockOut },
    ContentBlockDelta { index: u32, delta: Delta<'a> },
    ContentBlockStop { index: u32 },
    MessageDelta { delta: StopDelta, usage: DeltaUsage },
    MessageStop,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Delta<'a> {
    TextDelta { text: &'a str },
    InputJsonDelta { partial_json: &'a str },
}

#[derive(Serialize)]
struct StopDelta {
    stop_reason: &'static str,
    stop_sequence: (),
}

/// Anthropic's cumulative usage in `message_delta` (newer API versions carry
/// the input counts there too; the SDKs take them from it).
#[derive(Serialize)]
struct DeltaUsage {
    #[serde(skip_serializing_if = "Option::is_none")]
    input_tokens: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cache_creation_input_tokens: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cache_read_input_tokens: Option<u64>,
    output_tokens: u64,
}
