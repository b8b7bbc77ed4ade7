//! Anthropic Messages stream → OpenAI `chat.completion.chunk` stream.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::Value;

use crate::common::{finish_reason, openai_error_type, openai_id, AnthropicUsage, OpenAiUsageOut};
use crate::provider_errors::{openai_error_json, ErrorParts};
use crate::StreamOptions;

/// Turns the events of an Anthropic Messages stream into OpenAI
/// `chat.completion.chunk` server-sent events.
///
/// Feed it every event the provider sends (the `event:` name and the `data:`
/// payload, e.g. from the filter's SSE parser), then call
/// [`finish`](Self::finish) when the provider's stream ends. Each call
/// returns zero or more complete events (`data: {...}\n\n`), ready to be sent
/// to the client.
///
/// | Anthropic | OpenAI |
/// |---|---|
/// | `message_start` | first chunk: `delta: {"role":"assistant","content":""}` |
/// | `content_block_start` text | nothing (its text, if any) |
/// | `content_block_start` tool_use | `delta.tool_calls[0]`: `index` (tool_use blocks counted from 0), `id`, `type`, `function.name`, `function.arguments: ""` |
/// | `content_block_delta` text_delta | `delta.content` |
/// | `content_block_delta` input_json_delta | `delta.tool_calls[0].function.arguments` piece |
/// | thinking blocks and their deltas, `content_block_stop`, `ping`, unknown events | nothing |
/// | `message_delta` with `stop_reason` | chunk with `delta: {}` and `finish_reason` |
/// | `message_stop` | the usage chunk (`choices: []`) when asked for, then `data: [DONE]` |
/// | `error` event, or an event that is not JSON | `data: {"error":{...}}` then `data: [DONE]` |
///
/// After `[DONE]` every further event is ignored.
#[derive(Debug)]
pub struct AnthropicToOpenAiStream {
    opts: StreamOptions,
    id: String,
    model: String,
    started: bool,
    usage: AnthropicUsage,
    /// Anthropic content block index → OpenAI tool-call index.
    tools: BTreeMap<u64, u32>,
    next_tool: u32,
    finish_sent: bool,
    done: bool,
}

impl AnthropicToOpenAiStream {
    pub fn new(opts: StreamOptions) -> Self {
        AnthropicToOpenAiStream {
            id: openai_id(opts.id.as_deref(), None),
            model: opts.model.clone().unwrap_or_default(),
            opts,
            started: false,
            usage: AnthropicUsage::default(),
            tools: BTreeMap::new(),
            next_tool: 0,
            finish_sent: false,
            done: false,
        }
    }

    /// Whether `data: [DONE]` has been sent (the stream is over).
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// One provider event: `event` is its `event:` field, `data` its data.
    pub fn event(&mut self, event: Option<&str>, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        if self.done || data.iter().all(u8::is_ascii_whitespace) {
            return out;
        }
        let v: Value = match serde_json::from_slice(data) {
            Ok(v) => v,
            Err(_) => {
                self.fail(
                    &mut out,
                    &error_parts("the provider sent a stream event that is not JSON"),
                );
                return out;
            }
        };
        let kind = v.get("type").and_then(Value::as_str).or(event).unwrap_or("");
        match kind {
            "message_start" => {
                if let Some(message) = v.get("message") {
                    if self.opts.id.is_none() {
                        self.id = openai_id(None, message.get("id").and_then(Value::as_str));
                    }
                    if self.opts.model.is_none() {
                        if let Some(m) = message.get("model").and_then(Value::as_str) {
                            self.model = m.to_owned();
                        }
                    }
                    if let Some(u) = message.get("usage") {
                        self.usage = AnthropicUsage::from_value(u);
                    }
                }
                self.start(&mut out);
            }
            "content_block_start" => {
                self.start(&mut out);
                let index = v.get("index").and_then(Value::as_u64).unwrap_or(0);
                let block = v.get("content_block");
                match block.and_then(|b| b.get("type")).and_then(Value::as_str) {
                    Some("text") => {
                        let text = block.and_then(|b| b.get("text")).and_then(Value::as_str);
                        if let Some(text) = text.filter(|t| !t.is_empty()) {
                            self.chunk(
                                &mut out,
                                Delta { content: Some(text), ..Delta::default() },
                                None,
                            );
                        }
                    }
                    Some("tool_use") => {
                        let str_of = |k: &str| {
                            block.and_then(|b| b.get(k)).and_then(Value::as_str).unwrap_or("")
                        };
                        let tool = self.next_tool;
                        self.next_tool = self.next_tool.saturating_add(1);
                        self.tools.insert(index, tool);
                        let arguments = initial_arguments(data);
                        self.chunk(
                            &mut out,
                            Delta {
                                tool_calls: Some([ToolCallDelta {
                                    index: tool,
                                    id: Some(str_of("id")),
                                    kind: Some("function"),
                                    function: FunctionDelta {
                                        name: Some(str_of("name")),
                                        arguments: &arguments,
                                    },
                                }]),
                                ..Delta::default()
                            },
                            None,
                        );
                    }
                    // thinking, redacted_thinking, server tools: not shown.
                    _ => {}
                }
            }
            "content_block_delta" => {
                self.start(&mut out);
                let index = v.get("index").and_then(Value::as_u64).unwrap_or(0);
                let delta = v.get("delta");
                let str_of =
                    |k: &str| delta.and_then(|d| d.get(k)).and_then(Value::as_str).unwrap_or("");
                match delta.and_then(|d| d.get("type")).and_then(Value::as_str) {
                    Some("text_delta") => {
                        let text = str_of("text");
                        if !text.is_empty() {
                            self.chunk(
                                &mut out,
                                Delta { content: Some(text), ..Delta::default() },
                                None,
                            );
                        }
                    }
                    Some("input_json_delta") => {
                        let piece = str_of("partial_json");
                        if let (Some(&tool), false) = (self.tools.get(&index), piece.is_empty()) {
                            self.chunk(
                                &mut out,
                                Delta {
                                    tool_calls: Some([ToolCallDelta {
                                        index: tool,
                                        id: None,
                                        kind: None,
                                        function: FunctionDelta { name: None, arguments: piece },
                                    }]),
                                    ..Delta::default()
                                },
                                None,
                            );
                        }
                    }
                    // thinking_delta, signature_delta, citations_delta, ...
                    _ => {}
                }
            }
            "message_delta" => {
                self.start(&mut out);
                if let Some(u) = v.get("usage") {
                    self.usage.update(u);
                }
                let reason =
                    v.get("delta").and_then(|d| d.get("stop_reason")).and_then(Value::as_str);
                if let Some(reason) = reason {
                    self.finish_chunk(&mut out, finish_reason(Some(reason)));
                }
            }
            "message_stop" => {
                self.start(&mut out);
                self.complete(&mut out);
            }
            "error" => {
                let parts = ErrorParts::from_value(&v)
                    .unwrap_or_else(|| error_parts("the provider reported an error"));
                self.fail(&mut out, &parts);
            }
            // ping, content_block_stop and event types added later.
            _ => {}
        }
        out
    }

    /// The provider's stream has ended. Sends `data: [DONE]` if not yet sent;
    /// a stream that ended before the message was complete (no `stop_reason`
    /// seen) ends with an error chunk first, so clients do not take a cut
    /// answer for a whole one.
    pub fn finish(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        if self.done {
            return out;
        }
        if self.finish_sent {
            self.complete(&mut out);
        } else {
            self.fail(
                &mut out,
                &error_parts("the provider's stream ended before the message was complete"),
            );
        }
        out
    }

    /// The first chunk, with the role, once.
    fn start(&mut self, out: &mut Vec<u8>) {
        if !self.started {
            self.started = true;
            let delta = Delta { role: Some("assistant"), content: Some(""), ..Delta::default() };
            self.chunk(out, delta, None);
        }
    }

    fn finish_chunk(&mut self, out: &mut Vec<u8>, reason: &'static str) {
        if !self.finish_sent {
            self.finish_sent = true;
            self.chunk(out, Delta::default(), Some(reason));
        }
    }

    /// Finish reason (if not yet sent), usage chunk (if asked), `[DONE]`.
    fn complete(&mut self, out: &mut Vec<u8>) {
        self.finish_chunk(out, "stop");
        if self.opts.include_usage {
            let chunk = Chunk {
                id: &self.id,
                object: "chat.completion.chunk",
                created: self.opts.created,
                model: &self.model,
                choices: &[],
                usage: Some(Some(self.usage.to_openai())),
            };
            write_data(out, &chunk);
        }
        out.extend_from_slice(b"data: [DONE]\n\n");
        self.done = true;
    }

    fn fail(&mut self, out: &mut Vec<u8>, parts: &ErrorParts) {
        out.extend_from_slice(b"data: ");
        out.extend_from_slice(&openai_error_json(parts, openai_error_type(500)));
        out.extend_from_slice(b"\n\ndata: [DONE]\n\n");
        self.done = true;
    }

    fn chunk(&self, out: &mut Vec<u8>, delta: Delta, finish_reason: Option<&str>) {
        let chunk = Chunk {
            id: &self.id,
            object: "chat.completion.chunk",
            created: self.opts.created,
            model: &self.model,
            choices: &[ChoiceOut { index: 0, delta, logprobs: (), finish_reason }],
            usage: if self.opts.include_usage { Some(None) } else { None },
        };
        write_data(out, &chunk);
    }
}

fn error_parts(message: &str) -> ErrorParts {
    ErrorParts { message: message.to_owned(), kind: None, code: None }
}

/// The arguments a `tool_use` block starts with: Anthropic sends `input: {}`
/// and streams the JSON in deltas, so normally "". A non-empty `input` (not
/// seen in practice) is passed as its JSON text, byte for byte.
fn initial_arguments(data: &[u8]) -> String {
    #[derive(serde::Deserialize)]
    struct Start<'a> {
        #[serde(borrow)]
        content_block: Block<'a>,
    }
    #[derive(serde::Deserialize)]
    struct Block<'a> {
        #[serde(borrow, default)]
        input: Option<&'a RawValue>,
    }
    let input = serde_json::from_slice::<Start>(data).ok().and_then(|s| s.content_block.input);
    match input.map(RawValue::get) {
        Some(text) if !is_empty_object(text) => text.to_owned(),
        _ => String::new(),
    }
}

fn is_empty_object(text: &str) -> bool {
    let inner: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    inner == "{}"
}

/// `data: {json}\n\n`; nothing if serialization fails (it cannot for these
/// types).
fn write_data<T: Serialize>(out: &mut Vec<u8>, value: &T) {
    if let Ok(json) = serde_json::to_vec(value) {
        out.extend_from_slice(b"data: ");
        out.extend_from_slice(&json);
        out.extend_from_slice(b"\n\n");
    }
}

#[derive(Serialize)]
struct Chunk<'a> {
    id: &'a str,
    object: &'static str,
    created: u64,
    model: &'a str,
    choices: &'a [ChoiceOut<'a>],
    /// Absent unless the client asked for usage; then `null` on every chunk
    /// but the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    usage: Option<Option<OpenAiUsageOut>>,
}

#[derive(Serialize)]
struct ChoiceOut<'a> {
    index: u32,
    delta: Delta<'a>,
    logprobs: (),
    finish_reason: Option<&'a str>,
}

#[derive(Serialize, Default)]
struct Delta<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tool_calls: Option<[ToolCallDelta<'a>; 1]>,
}

#[derive(Serialize)]
struct ToolCallDelta<'a> {
    index: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    function: FunctionDelta<'a>,
}

#[derive(Serialize)]
struct FunctionDelta<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    arguments: &'a str,
}
