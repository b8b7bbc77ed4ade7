//! Streams between Gemini (`streamGenerateContent?alt=sse`: each event a
//! whole `GenerateContentResponse` with the new text) and OpenAI
//! `chat.completion.chunk` events, both directions. Each `event` call takes
//! one SSE event's data and returns complete events for the client.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::common::openai_id;
use crate::gemini_common::{
    finish_reason, gemini_error_json, gemini_error_to_openai, gemini_finish, gemini_usage,
    openai_usage,
};
use crate::gemini_response::{gemini_content, message_of};
use crate::provider_errors::ErrorParts;
use crate::StreamOptions;

fn write(out: &mut Vec<u8>, v: &Value) {
    if let Ok(json) = serde_json::to_vec(v) {
        out.extend_from_slice(b"data: ");
        out.extend_from_slice(&json);
        out.extend_from_slice(b"\n\n");
    }
}

/// Gemini stream → OpenAI chunks.
///
/// | Gemini event | OpenAI |
/// |---|---|
/// | the first | a chunk with `delta: {"role":"assistant","content":""}` |
/// | text parts (not thoughts) | `delta.content` |
/// | `functionCall` parts (Gemini sends each whole) | `delta.tool_calls[]` with `id`, `name` and all `arguments` |
/// | `finishReason` | a chunk with `delta: {}` and `finish_reason` |
/// | `usageMetadata` (cumulative) | kept; the usage chunk at the end when asked for |
/// | `{"error":...}` or not JSON | `data: {"error":...}` then `data: [DONE]` |
/// | end of a stream that finished | the usage chunk (when asked), `data: [DONE]` |
#[derive(Debug)]
pub struct GeminiToOpenAiStream {
    opts: StreamOptions,
    id: String,
    model: String,
    started: bool,
    calls: usize,
    finished: bool,
    usage: Option<Value>,
    done: bool,
}

impl GeminiToOpenAiStream {
    pub fn new(opts: StreamOptions) -> Self {
        GeminiToOpenAiStream {
            id: openai_id(opts.id.as_deref(), None),
            model: opts.model.clone().unwrap_or_default(),
            opts,
            started: false,
            calls: 0,
            finished: false,
            usage: None,
            done: false,
        }
    }

    fn chunk(&self, out: &mut Vec<u8>, index: u64, delta: Value, finish: Option<&str>) {
        write(
            out,
            &json!({
                "id": self.id, "object": "chat.completion.chunk", "created": self.opts.created,
                "model": self.model,
                "choices": [{"index": index, "delta": delta, "finish_reason": finish, "logprobs": null}],
            }),
        );
    }

    pub fn event(&mut self, _event: Option<&str>, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        if self.done {
            return out;
        }
        let v = match serde_json::from_slice::<Value>(data) {
            Ok(v) if v.get("error").is_none() && v.is_object() => v,
            _ => {
                out.extend_from_slice(b"data: ");
                out.extend(gemini_error_to_openai(500, data));
                out.extend_from_slice(b"\n\ndata: [DONE]\n\n");
                self.done = true;
                return out;
            }
        };
        if !self.started {
            self.started = true;
            if self.opts.id.is_none() {
                self.id = openai_id(None, v.get("responseId").and_then(Value::as_str));
            }
            if self.model.is_empty() {
                self.model =
                    v.get("modelVersion").and_then(Value::as_str).unwrap_or_default().to_owned();
            }
            self.chunk(&mut out, 0, json!({"role": "assistant", "content": ""}), None);
        }
        if let Some(meta) = v.get("usageMetadata") {
            self.usage = Some(openai_usage(meta));
        }
        let Some(Value::Array(cands)) = v.get("candidates") else { return out };
        for (i, c) in cands.iter().enumerate() {
            let index = c.get("index").and_then(Value::as_u64).unwrap_or(i as u64);
            let (text, calls) = message_of(c.get("content"), self.calls);
            if !text.is_empty() {
                self.chunk(&mut out, index, json!({ "content": text }), None);
            }
            if !calls.is_empty() {
                let indexed: Vec<Value> = calls
                    .into_iter()
                    .enumerate()
                    .map(|(k, mut call)| {
                        if let Some(o) = call.as_object_mut() {
                            o.insert("index".into(), (self.calls + k).into());
                        }
                        call
                    })
                    .collect();
                self.calls += indexed.len();
                self.chunk(&mut out, index, json!({ "tool_calls": indexed }), None);
            }
            if let Some(r) = c.get("finishReason").and_then(Value::as_str) {
                self.finished = true;
                self.chunk(
                    &mut out,
                    index,
                    json!({}),
                    Some(finish_reason(Some(r), self.calls > 0)),
                );
            }
        }
        out
    }

    pub fn finish(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        if self.done || !self.finished {
            return out;
        }
        self.done = true;
        if let (true, Some(u)) = (self.opts.include_usage, &self.usage) {
            write(
                &mut out,
                &json!({
                    "id": self.id, "object": "chat.completion.chunk", "created": self.opts.created,
                    "model": self.model, "choices": [], "usage": u,
                }),
            );
        }
        out.extend_from_slice(b"data: [DONE]\n\n");
        out
    }
}

/// OpenAI chunks → Gemini stream (an OpenAI-style provider serving a
/// Gemini client).
///
/// | OpenAI | Gemini event |
/// |---|---|
/// | `delta.content` | a candidate with that text |
/// | `delta.tool_calls` pieces | gathered; whole `functionCall` parts in the last event |
/// | `finish_reason`, the usage chunk | kept for the last event |
/// | `[DONE]` (or the end after a finish) | the last event: function calls, `finishReason`, `usageMetadata` |
/// | `{"error":...}` or not JSON | `data: {"error":{code,message,status}}`, nothing after |
#[derive(Debug)]
pub struct OpenAiToGeminiStream {
    model: Option<String>,
    calls: BTreeMap<u64, (String, String)>,
    finish: Option<String>,
    usage: Option<Value>,
    done: bool,
}

impl OpenAiToGeminiStream {
    /// `model`: the model reported as `modelVersion`.
    pub fn new(model: Option<String>) -> Self {
        OpenAiToGeminiStream {
            model,
            calls: BTreeMap::new(),
            finish: None,
            usage: None,
            done: false,
        }
    }

    fn candidate(&self, out: &mut Vec<u8>, cand: Value, usage: Option<&Value>) {
        let mut v = json!({ "candidates": [cand] });
        if let Some(o) = v.as_object_mut() {
            if let Some(u) = usage {
                o.insert("usageMetadata".into(), gemini_usage(u));
            }
            if let Some(m) = &self.model {
                o.insert("modelVersion".into(), Value::String(m.clone()));
            }
        }
        write(out, &v);
    }

    pub fn event(&mut self, _event: Option<&str>, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        if self.done {
            return out;
        }
        if data.trim_ascii() == b"[DONE]" {
            return self.last(true);
        }
        let v = match serde_json::from_slice::<Value>(data) {
            Ok(v) if v.get("error").is_none() && v.is_object() => v,
            _ => {
                self.done = true;
                out.extend_from_slice(b"data: ");
                out.extend(gemini_error_json(500, &ErrorParts::from_body(500, data)));
                out.extend_from_slice(b"\n\n");
                return out;
            }
        };
        if let Some(u) = v.get("usage").filter(|u| u.is_object()) {
            self.usage = Some(u.clone());
        }
        if self.model.is_none() {
            self.model = v.get("model").and_then(Value::as_str).map(str::to_owned);
        }
        let Some(Value::Array(choices)) = v.get("choices") else { return out };
        for c in choices {
            let delta = c.get("delta").unwrap_or(&Value::Null);
            if let Some(t) = delta.get("content").and_then(Value::as_str).filter(|t| !t.is_empty())
            {
                self.candidate(
                    &mut out,
                    json!({"content": {"role": "model", "parts": [{"text": t}]}, "index": 0}),
                    None,
                );
            }
            if let Some(Value::Array(tcs)) = delta.get("tool_calls") {
                for (k, tc) in tcs.iter().enumerate() {
                    let idx = tc.get("index").and_then(Value::as_u64).unwrap_or(k as u64);
                    let entry = self.calls.entry(idx).or_default();
                    let f = tc.get("function").unwrap_or(&Value::Null);
                    if let Some(n) = f.get("name").and_then(Value::as_str) {
                        entry.0.push_str(n);
                    }
                    if let Some(a) = f.get("arguments").and_then(Value::as_str) {
                        entry.1.push_str(a);
                    }
                }
            }
            if let Some(r) = c.get("finish_reason").and_then(Value::as_str) {
                self.finish = Some(r.to_owned());
            }
        }
        out
    }

    fn last(&mut self, done_seen: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if self.done || (!done_seen && self.finish.is_none()) {
            return out;
        }
        self.done = true;
        let calls: Vec<(String, String)> = self.calls.values().cloned().collect();
        let cand = json!({
            "content": gemini_content("", &calls),
            "finishReason": gemini_finish(self.finish.as_deref()),
            "index": 0,
        });
        self.candidate(&mut out, cand, self.usage.as_ref());
        out
    }

    pub fn finish(&mut self) -> Vec<u8> {
        self.last(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(out: &[u8]) -> Vec<Value> {
        String::from_utf8(out.to_vec())
            .unwrap()
            .split("\n\n")
            .filter_map(|e| e.strip_prefix("data: "))
            .filter(|d| *d != "[DONE]")
            .map(|d| serde_json::from_str(d).unwrap())
            .collect()
    }

    #[test]
    fn gemini_stream_to_openai() {
        let mut t = GeminiToOpenAiStream::new(StreamOptions {
            include_usage: true,
            model: Some("gemini/x".into()),
            ..Default::default()
        });
        let mut out = t.event(None, br#"{"candidates":[{"content":{"role":"model","parts":[{"text":"Hel"}]},"index":0}],"responseId":"r"}"#);
        out.extend(t.event(None, br#"{"candidates":[{"content":{"role":"model","parts":[{"text":"lo"},{"functionCall":{"name":"w","args":{"c":1}}}]},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":2}}"#));
        out.extend(t.finish());
        let text = String::from_utf8(out.clone()).unwrap();
        assert!(text.ends_with("data: [DONE]\n\n"), "{text}");
        let ev = events(&out);
        assert_eq!(ev[0]["choices"][0]["delta"]["role"], "assistant");
        assert_eq!(ev[1]["choices"][0]["delta"]["content"], "Hel");
        assert_eq!(
            ev[3]["choices"][0]["delta"]["tool_calls"][0]["function"]["arguments"],
            r#"{"c":1}"#
        );
        assert_eq!(ev[4]["choices"][0]["finish_reason"], "tool_calls");
        assert_eq!(ev[5]["usage"]["total_tokens"], 5);
        assert_eq!(ev[0]["id"], "chatcmpl-r");
        let mut cut = GeminiToOpenAiStream::new(StreamOptions::default());
        cut.event(None, br#"{"candidates":[{"content":{"parts":[{"text":"x"}]}}]}"#);
        assert!(cut.finish().is_empty());
        let mut err = GeminiToOpenAiStream::new(StreamOptions::default());
        let e = String::from_utf8(
            err.event(None, br#"{"error":{"code":500,"message":"boom","status":"INTERNAL"}}"#),
        )
        .unwrap();
        assert!(e.contains("boom") && e.ends_with("[DONE]\n\n"));
    }

    #[test]
    fn openai_stream_to_gemini() {
        let mut t = OpenAiToGeminiStream::new(Some("gemini-x".into()));
        let mut out = Vec::new();
        for d in [
            &br#"{"id":"c","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}"#[..],
            br#"{"id":"c","choices":[{"index":0,"delta":{"content":"Hi"}}]}"#,
            br#"{"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"t","function":{"name":"w","arguments":"{\"a\""}}]}}]}"#,
            br#"{"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":":1}"}}]}}]}"#,
            br#"{"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"#,
            br#"{"id":"c","choices":[],"usage":{"prompt_tokens":2,"completion_tokens":3}}"#,
            b"[DONE]",
        ] {
            out.extend(t.event(None, d));
        }
        out.extend(t.finish());
        let ev = events(&out);
        assert_eq!(ev.len(), 2);
        assert_eq!(ev[0]["candidates"][0]["content"]["parts"][0]["text"], "Hi");
        assert_eq!(ev[1]["candidates"][0]["content"]["parts"][0]["functionCall"]["args"]["a"], 1);
        assert_eq!(ev[1]["candidates"][0]["finishReason"], "STOP");
        assert_eq!(ev[1]["usageMetadata"]["totalTokenCount"], 5);
        assert_eq!(ev[1]["modelVersion"], "gemini-x");
    }
}
