//! Whole answers between Gemini `GenerateContentResponse` and OpenAI
//! `chat.completion`, both directions.

use serde_json::{json, Map, Value};

use crate::common::openai_id;
use crate::error::TranslateError;
use crate::gemini_common::{finish_reason, gemini_finish, gemini_usage, openai_usage};
use crate::ResponseOptions;

type Result<T> = std::result::Result<T, TranslateError>;

fn parse(body: &[u8]) -> Result<Value> {
    match serde_json::from_slice::<Value>(body) {
        Ok(v @ Value::Object(_)) => Ok(v),
        Ok(_) => Err(TranslateError::invalid("", "the answer is not a JSON object")),
        Err(e) => Err(TranslateError::InvalidJson { message: e.to_string() }),
    }
}

/// One candidate's parts as OpenAI's message: the text parts joined
/// (thought parts left out), `functionCall` parts as `tool_calls` (ids
/// `call_{n}` unless Gemini gave one, `n` counted from `first_call`).
pub(crate) fn message_of(content: Option<&Value>, first_call: usize) -> (String, Vec<Value>) {
    let mut text = String::new();
    let mut calls = Vec::new();
    if let Some(Value::Array(parts)) = content.and_then(|c| c.get("parts")) {
        for p in parts {
            if p.get("thought").and_then(Value::as_bool) == Some(true) {
                continue;
            }
            if let Some(t) = p.get("text").and_then(Value::as_str) {
                text.push_str(t);
            } else if let Some(f) = p.get("functionCall") {
                let n = first_call + calls.len();
                let id = f
                    .get("id")
                    .and_then(Value::as_str)
                    .map_or_else(|| format!("call_{n}"), str::to_owned);
                let args = f.get("args").cloned().unwrap_or_else(|| json!({}));
                calls.push(json!({
                    "id": id,
                    "type": "function",
                    "function": {
                        "name": f.get("name").cloned().unwrap_or(Value::Null),
                        "arguments": args.to_string(),
                    },
                }));
            }
        }
    }
    (text, calls)
}

/// Gemini → OpenAI `chat.completion`: each candidate a choice; a prompt
/// blocked before any candidate (`promptFeedback.blockReason`) is one
/// choice with `finish_reason: "content_filter"`.
pub fn gemini_to_openai_response(body: &[u8], opts: &ResponseOptions) -> Result<Vec<u8>> {
    let v = parse(body)?;
    let mut choices = Vec::new();
    if let Some(Value::Array(cands)) = v.get("candidates") {
        for (i, c) in cands.iter().enumerate() {
            let (text, calls) = message_of(c.get("content"), 0);
            let reason =
                finish_reason(c.get("finishReason").and_then(Value::as_str), !calls.is_empty());
            let mut msg = json!({
                "role": "assistant",
                "content": if text.is_empty() && !calls.is_empty() { Value::Null } else { Value::String(text) },
            });
            if let (false, Some(o)) = (calls.is_empty(), msg.as_object_mut()) {
                o.insert("tool_calls".into(), Value::Array(calls));
            }
            let index = c.get("index").and_then(Value::as_u64).unwrap_or(i as u64);
            choices.push(
                json!({"index": index, "message": msg, "finish_reason": reason, "logprobs": null}),
            );
        }
    }
    if choices.is_empty() && v.get("promptFeedback").and_then(|f| f.get("blockReason")).is_some() {
        choices.push(json!({"index": 0, "message": {"role": "assistant", "content": null}, "finish_reason": "content_filter", "logprobs": null}));
    }
    let model = opts
        .model
        .clone()
        .or_else(|| v.get("modelVersion").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_default();
    let mut out = json!({
        "id": openai_id(opts.id.as_deref(), v.get("responseId").and_then(Value::as_str)),
        "object": "chat.completion",
        "created": opts.created,
        "model": model,
        "choices": choices,
    });
    if let (Some(meta), Some(o)) = (v.get("usageMetadata"), out.as_object_mut()) {
        o.insert("usage".into(), openai_usage(meta));
    }
    serde_json::to_vec(&out).map_err(|e| TranslateError::invalid("", e.to_string()))
}

/// An OpenAI assistant message as a Gemini `content` (role `model`).
pub(crate) fn gemini_content(text: &str, calls: &[(String, String)]) -> Value {
    let mut parts: Vec<Value> = Vec::new();
    if !text.is_empty() || calls.is_empty() {
        parts.push(json!({ "text": text }));
    }
    for (name, args) in calls {
        let args = match serde_json::from_str::<Value>(args) {
            Ok(v @ Value::Object(_)) => v,
            _ => json!({}),
        };
        parts.push(json!({"functionCall": {"name": name, "args": args}}));
    }
    json!({"role": "model", "parts": parts})
}

/// OpenAI `chat.completion` → Gemini (an OpenAI-style provider serving a
/// Gemini client): each choice a candidate, `tool_calls` as
/// `functionCall` parts (arguments that are not a JSON object become
/// `{}`), usage as `usageMetadata`.
pub fn openai_to_gemini_response(body: &[u8], opts: &ResponseOptions) -> Result<Vec<u8>> {
    let v = parse(body)?;
    let mut cands = Vec::new();
    if let Some(Value::Array(choices)) = v.get("choices") {
        for (i, c) in choices.iter().enumerate() {
            let m = c.get("message").unwrap_or(&Value::Null);
            let text = m.get("content").and_then(Value::as_str).unwrap_or_default();
            let calls: Vec<(String, String)> = match m.get("tool_calls") {
                Some(Value::Array(tc)) => tc
                    .iter()
                    .map(|t| {
                        let f = t.get("function").unwrap_or(&Value::Null);
                        (
                            f.get("name").and_then(Value::as_str).unwrap_or_default().to_owned(),
                            f.get("arguments").and_then(Value::as_str).unwrap_or("{}").to_owned(),
                        )
                    })
                    .collect(),
                _ => Vec::new(),
            };
            cands.push(json!({
                "content": gemini_content(text, &calls),
                "finishReason": gemini_finish(c.get("finish_reason").and_then(Value::as_str)),
                "index": c.get("index").and_then(Value::as_u64).unwrap_or(i as u64),
            }));
        }
    }
    let mut out = Map::new();
    out.insert("candidates".into(), Value::Array(cands));
    if let Some(u) = v.get("usage").filter(|u| u.is_object()) {
        out.insert("usageMetadata".into(), gemini_usage(u));
    }
    let model =
        opts.model.clone().or_else(|| v.get("model").and_then(Value::as_str).map(str::to_owned));
    if let Some(m) = model {
        out.insert("modelVersion".into(), Value::String(m));
    }
    if let Some(id) =
        opts.id.clone().or_else(|| v.get("id").and_then(Value::as_str).map(str::to_owned))
    {
        out.insert("responseId".into(), Value::String(id));
    }
    serde_json::to_vec(&Value::Object(out)).map_err(|e| TranslateError::invalid("", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(b: &[u8]) -> Value {
        serde_json::from_slice(b).unwrap()
    }

    #[test]
    fn gemini_answer_to_openai() {
        let g = br#"{"candidates":[{"content":{"role":"model","parts":[{"text":"thinking","thought":true},{"text":"Hi"},{"functionCall":{"name":"w","args":{"a":1}}}]},"finishReason":"STOP","index":0}],
            "usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":2,"totalTokenCount":7},"modelVersion":"gemini-x","responseId":"r1"}"#;
        let o =
            v(&gemini_to_openai_response(g, &ResponseOptions { created: 3, ..Default::default() })
                .unwrap());
        assert_eq!(o["id"], "chatcmpl-r1");
        assert_eq!(o["model"], "gemini-x");
        assert_eq!(o["choices"][0]["message"]["content"], "Hi");
        assert_eq!(
            o["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"],
            r#"{"a":1}"#
        );
        assert_eq!(o["choices"][0]["finish_reason"], "tool_calls");
        assert_eq!(o["usage"]["total_tokens"], 7);
        let blocked = v(&gemini_to_openai_response(
            br#"{"promptFeedback":{"blockReason":"SAFETY"}}"#,
            &ResponseOptions::default(),
        )
        .unwrap());
        assert_eq!(blocked["choices"][0]["finish_reason"], "content_filter");
        assert!(gemini_to_openai_response(b"[1]", &ResponseOptions::default()).is_err());
    }

    #[test]
    fn openai_answer_to_gemini() {
        let o = br#"{"id":"x","model":"gpt","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"w","arguments":"{\"a\":2}"}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":4,"completion_tokens":1,"total_tokens":5}}"#;
        let g = v(&openai_to_gemini_response(
            o,
            &ResponseOptions { model: Some("gemini-x".into()), ..Default::default() },
        )
        .unwrap());
        assert_eq!(g["candidates"][0]["content"]["parts"][0]["functionCall"]["args"]["a"], 2);
        assert_eq!(g["candidates"][0]["finishReason"], "STOP");
        assert_eq!(g["usageMetadata"]["totalTokenCount"], 5);
        assert_eq!(g["modelVersion"], "gemini-x");
    }
}
