//! Bedrock Converse answers → OpenAI: the whole response, the stream's
//! events and error bodies. Each Converse piece is renamed to its
//! Anthropic Messages twin and goes through the Anthropic → OpenAI
//! translation, so both share one mapping (finish reasons, tool calls,
//! usage with cache tokens, the usage chunk, errors inside a stream).
//!
//! | Converse | Messages (then OpenAI as for Anthropic) |
//! |---|---|
//! | `output.message.content[].text` | `text` block |
//! | `output.message.content[].toolUse` | `tool_use` block (`toolUseId` → `id`) |
//! | `stopReason` `end_turn`, `stop_sequence`, `max_tokens`, `tool_use` | the same |
//! | `stopReason` `guardrail_intervened`, `content_filtered` | `refusal` (OpenAI `content_filter`) |
//! | `usage.inputTokens`, `outputTokens`, `cacheReadInputTokens`, `cacheWriteInputTokens` | `input_tokens`, `output_tokens`, `cache_read_input_tokens`, `cache_creation_input_tokens` |
//! | stream `messageStart` | `message_start` |
//! | stream `contentBlockStart` with `start.toolUse` | `content_block_start` `tool_use` |
//! | stream `contentBlockDelta` `delta.text` / `delta.toolUse.input` | `text_delta` / `input_json_delta` |
//! | stream `contentBlockStop` | `content_block_stop` |
//! | stream `messageStop` | `message_delta` with the stop reason |
//! | stream `metadata` (usage, after `messageStop`) | `message_delta` with usage, then `message_stop` |
//! | stream exception (`*Exception`) | `error` |

use serde_json::{json, Map, Value};

use crate::error::TranslateError;
use crate::{AnthropicToOpenAiStream, ResponseOptions, StreamOptions};

type Result<T> = std::result::Result<T, TranslateError>;

/// The id the translated answer gets when the caller gives none (Converse
/// answers carry no id).
const SOURCE_ID: &str = "bedrock";

/// A Bedrock Converse response body → an OpenAI `chat.completion`.
pub fn bedrock_to_openai_response(body: &[u8], opts: &ResponseOptions) -> Result<Vec<u8>> {
    let v: Value = serde_json::from_slice(body)
        .map_err(|e| TranslateError::InvalidJson { message: e.to_string() })?;
    let content = v
        .pointer("/output/message/content")
        .and_then(Value::as_array)
        .ok_or_else(|| TranslateError::invalid("output.message.content", "is required"))?;
    let blocks: Vec<Value> = content.iter().filter_map(content_block).collect();
    let message = json!({
        "type": "message",
        "id": SOURCE_ID,
        "role": "assistant",
        "model": opts.model.clone().unwrap_or_default(),
        "content": blocks,
        "stop_reason": stop_reason(v.get("stopReason").and_then(Value::as_str)),
        "usage": usage(v.get("usage")),
    });
    let anthropic =
        serde_json::to_vec(&message).map_err(|e| TranslateError::invalid("", e.to_string()))?;
    crate::anthropic_to_openai_response(&anthropic, opts)
}

/// A Bedrock error body (`{"message": ...}`, any status) → an OpenAI error
/// body.
pub fn bedrock_error_to_openai(status: u16, body: &[u8]) -> Vec<u8> {
    crate::anthropic_error_to_openai(status, body)
}

fn content_block(b: &Value) -> Option<Value> {
    if let Some(t) = b.get("text").and_then(Value::as_str) {
        return Some(json!({"type": "text", "text": t}));
    }
    let t = b.get("toolUse")?;
    Some(json!({
        "type": "tool_use",
        "id": t.get("toolUseId").cloned().unwrap_or(Value::Null),
        "name": t.get("name").cloned().unwrap_or(Value::Null),
        "input": t.get("input").cloned().unwrap_or_else(|| Value::Object(Map::new())),
    }))
}

fn stop_reason(r: Option<&str>) -> &'static str {
    match r {
        Some("max_tokens") => "max_tokens",
        Some("tool_use") => "tool_use",
        Some("stop_sequence") => "stop_sequence",
        Some("guardrail_intervened") | Some("content_filtered") => "refusal",
        _ => "end_turn",
    }
}

fn usage(u: Option<&Value>) -> Value {
    let n = |k: &str| u.and_then(|u| u.get(k)).and_then(Value::as_u64).unwrap_or(0);
    json!({
        "input_tokens": n("inputTokens"),
        "output_tokens": n("outputTokens"),
        "cache_read_input_tokens": n("cacheReadInputTokens"),
        "cache_creation_input_tokens": n("cacheWriteInputTokens"),
    })
}

/// Turns the events of a ConverseStream (decoded from AWS's binary event
/// stream by the caller: the `:event-type` name, or the exception type, and
/// the JSON payload) into OpenAI `chat.completion.chunk` server-sent events.
#[derive(Debug)]
pub struct BedrockToOpenAiStream {
    inner: AnthropicToOpenAiStream,
}

impl BedrockToOpenAiStream {
    pub fn new(opts: StreamOptions) -> Self {
        let opts =
            StreamOptions { id: opts.id.or_else(|| Some(format!("chatcmpl-{SOURCE_ID}"))), ..opts };
        BedrockToOpenAiStream { inner: AnthropicToOpenAiStream::new(opts) }
    }

    pub fn is_done(&self) -> bool {
        self.inner.is_done()
    }

    /// One Converse event: its type and payload.
    pub fn event(&mut self, event: Option<&str>, data: &[u8]) -> Vec<u8> {
        let name = event.unwrap_or_default();
        let v: Value = match serde_json::from_slice(data) {
            Ok(v) => v,
            // Not JSON: the inner translator ends the stream with an error.
            Err(_) => return self.inner.event(None, data),
        };
        let index = v.get("contentBlockIndex").cloned().unwrap_or(Value::from(0));
        let mut out = Vec::new();
        let mut emit = |this: &mut Self, e: &str, ev: Value| {
            out.extend(this.inner.event(Some(e), ev.to_string().as_bytes()));
        };
        match name {
            "messageStart" => emit(
                self,
                "message_start",
                json!({"type": "message_start", "message": {"id": SOURCE_ID, "usage": {}}}),
            ),
            "contentBlockStart" => {
                if let Some(t) = v.pointer("/start/toolUse") {
                    emit(
                        self,
                        "content_block_start",
                        json!({"type": "content_block_start", "index": index, "content_block": {
                            "type": "tool_use",
                            "id": t.get("toolUseId").cloned().unwrap_or(Value::Null),
                            "name": t.get("name").cloned().unwrap_or(Value::Null),
                            "input": {}}}),
                    );
                }
            }
            "contentBlockDelta" => {
                let d = v.get("delta");
                if let Some(t) = d.and_then(|d| d.get("text")).and_then(Value::as_str) {
                    emit(
                        self,
                        "content_block_delta",
                        json!({"type": "content_block_delta", "index": index,
                               "delta": {"type": "text_delta", "text": t}}),
                    );
                } else if let Some(p) =
                    d.and_then(|d| d.pointer("/toolUse/input")).and_then(Value::as_str)
                {
                    emit(
                        self,
                        "content_block_delta",
                        json!({"type": "content_block_delta", "index": index,
                               "delta": {"type": "input_json_delta", "partial_json": p}}),
                    );
                }
            }
            "contentBlockStop" => emit(
                self,
                "content_block_stop",
                json!({"type": "content_block_stop", "index": index}),
            ),
            "messageStop" => {
                let r = stop_reason(v.get("stopReason").and_then(Value::as_str));
                emit(
                    self,
                    "message_delta",
                    json!({"type": "message_delta", "delta": {"stop_reason": r}}),
                );
            }
            "metadata" => {
                emit(
                    self,
                    "message_delta",
                    json!({"type": "message_delta", "delta": {}, "usage": usage(v.get("usage"))}),
                );
                emit(self, "message_stop", json!({"type": "message_stop"}));
            }
            n if n.ends_with("Exception") || n.ends_with("exception") => {
                let message = v.get("message").and_then(Value::as_str).unwrap_or(n);
                emit(
                    self,
                    "error",
                    json!({"type": "error", "error": {"type": "api_error", "message": message}}),
                );
            }
            _ => {}
        }
        out
    }

    /// The provider's stream ended (a stream cut before `metadata` ends
    /// with an error, as for Anthropic).
    pub fn finish(&mut self) -> Vec<u8> {
        self.inner.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_answer() {
        let body = br#"{"output":{"message":{"role":"assistant","content":[{"text":"Hi"},{"toolUse":{"toolUseId":"t1","name":"f","input":{"a":1}}}]}},
            "stopReason":"tool_use","usage":{"inputTokens":10,"outputTokens":4,"totalTokens":14,"cacheReadInputTokens":2}}"#;
        let opts = ResponseOptions { id: None, model: Some("bedrock/m".into()), created: 7 };
        let v: Value =
            serde_json::from_slice(&bedrock_to_openai_response(body, &opts).unwrap()).unwrap();
        assert_eq!(v["object"], "chat.completion");
        assert_eq!(v["model"], "bedrock/m");
        assert_eq!(v["choices"][0]["message"]["content"], "Hi");
        assert_eq!(v["choices"][0]["message"]["tool_calls"][0]["id"], "t1");
        assert_eq!(
            v["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"],
            "{\"a\":1}"
        );
        assert_eq!(v["choices"][0]["finish_reason"], "tool_calls");
        assert_eq!(v["usage"]["prompt_tokens"], 12);
        assert_eq!(v["usage"]["completion_tokens"], 4);
        assert_eq!(v["usage"]["prompt_tokens_details"]["cached_tokens"], 2);
        let e: Value =
            serde_json::from_slice(&bedrock_error_to_openai(429, br#"{"message":"slow"}"#))
                .unwrap();
        assert_eq!(e["error"]["message"], "slow");
    }

    fn chunks(out: &[u8]) -> Vec<Value> {
        String::from_utf8_lossy(out)
            .split("\n\n")
            .filter_map(|e| e.strip_prefix("data: "))
            .filter(|d| *d != "[DONE]")
            .map(|d| serde_json::from_str(d).unwrap())
            .collect()
    }

    #[test]
    fn stream() {
        let mut t = BedrockToOpenAiStream::new(StreamOptions {
            model: Some("bedrock/m".into()),
            include_usage: true,
            ..StreamOptions::default()
        });
        let mut out = Vec::new();
        for (e, d) in [
            ("messageStart", r#"{"role":"assistant"}"#),
            ("contentBlockDelta", r#"{"contentBlockIndex":0,"delta":{"text":"Hel"}}"#),
            ("contentBlockDelta", r#"{"contentBlockIndex":0,"delta":{"text":"lo"}}"#),
            ("contentBlockStop", r#"{"contentBlockIndex":0}"#),
            (
                "contentBlockStart",
                r#"{"contentBlockIndex":1,"start":{"toolUse":{"toolUseId":"t1","name":"f"}}}"#,
            ),
            (
                "contentBlockDelta",
                r#"{"contentBlockIndex":1,"delta":{"toolUse":{"input":"{\"a\":"}}}"#,
            ),
            ("contentBlockDelta", r#"{"contentBlockIndex":1,"delta":{"toolUse":{"input":"1}"}}}"#),
            ("contentBlockStop", r#"{"contentBlockIndex":1}"#),
            ("messageStop", r#"{"stopReason":"tool_use"}"#),
            (
                "metadata",
                r#"{"usage":{"inputTokens":5,"outputTokens":3,"totalTokens":8},"metrics":{"latencyMs":1}}"#,
            ),
        ] {
            out.extend(t.event(Some(e), d.as_bytes()));
        }
        out.extend(t.finish());
        assert!(String::from_utf8_lossy(&out).ends_with("data: [DONE]\n\n"));
        let c = chunks(&out);
        let text: String =
            c.iter().filter_map(|c| c["choices"][0]["delta"]["content"].as_str()).collect();
        assert_eq!(text, "Hello");
        let args: String = c
            .iter()
            .filter_map(|c| {
                c["choices"][0]["delta"]["tool_calls"][0]["function"]["arguments"].as_str()
            })
            .collect();
        assert_eq!(args, "{\"a\":1}");
        assert!(c.iter().any(|c| c["choices"][0]["finish_reason"] == "tool_calls"));
        let last = c.last().unwrap();
        assert_eq!(last["usage"]["prompt_tokens"], 5);
        assert_eq!(last["usage"]["completion_tokens"], 3);
    }

    #[test]
    fn exception_ends_with_an_error() {
        let mut t = BedrockToOpenAiStream::new(StreamOptions::default());
        let mut out = t.event(Some("messageStart"), br#"{"role":"assistant"}"#);
        out.extend(t.event(Some("throttlingException"), br#"{"message":"too fast"}"#));
        let s = String::from_utf8_lossy(&out);
        assert!(s.contains("too fast") && s.ends_with("data: [DONE]\n\n"), "{s}");
        assert!(t.is_done());
    }
}
