//! Helpers shared by the integration tests: fixtures, a small SSE splitter,
//! and accumulators that rebuild a whole response from translated events the
//! way the official SDKs do.
#![allow(dead_code)]

use serde_json::{json, Value};

pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `(event name, data)` of each event of a complete SSE body.
pub fn parse_sse(body: &[u8]) -> Vec<(Option<String>, String)> {
    let text = std::str::from_utf8(body).unwrap();
    assert!(text.is_empty() || text.ends_with("\n\n"), "unterminated event in {text:?}");
    let mut events = Vec::new();
    for block in text.split("\n\n").filter(|b| !b.is_empty()) {
        let mut name = None;
        let mut data = Vec::new();
        for line in block.lines() {
            if let Some(v) = line.strip_prefix("event: ") {
                name = Some(v.to_owned());
            } else if let Some(v) = line.strip_prefix("data: ") {
                data.push(v);
            } else {
                panic!("unexpected line {line:?}");
            }
        }
        events.push((name, data.join("\n")));
    }
    events
}

/// Every `data:` of an OpenAI stream as JSON (`[DONE]` as the string "[DONE]").
pub fn openai_events(body: &[u8]) -> Vec<Value> {
    parse_sse(body)
        .into_iter()
        .map(|(name, data)| {
            assert_eq!(name, None, "OpenAI events have no name");
            if data == "[DONE]" {
                Value::String(data)
            } else {
                serde_json::from_str(&data).unwrap()
            }
        })
        .collect()
}

/// Every event of an Anthropic stream as JSON, checking that the event name
/// matches the `type` of its data.
pub fn anthropic_events(body: &[u8]) -> Vec<Value> {
    parse_sse(body)
        .into_iter()
        .map(|(name, data)| {
            let v: Value = serde_json::from_str(&data).unwrap();
            assert_eq!(name.as_deref(), v["type"].as_str(), "event name and type differ");
            v
        })
        .collect()
}

/// Rebuilds a `chat.completion` from `chat.completion.chunk`s, as the OpenAI
/// SDK's stream accumulator does.
pub fn accumulate_openai(events: &[Value]) -> Value {
    let mut id = Value::Null;
    let mut model = Value::Null;
    let mut created = Value::Null;
    let mut content: Option<String> = None;
    let mut tool_calls: Vec<Value> = Vec::new();
    let mut finish = Value::Null;
    let mut usage = Value::Null;
    for e in events {
        if e == "[DONE]" {
            continue;
        }
        assert_eq!(e["object"], "chat.completion.chunk");
        id = e["id"].clone();
        model = e["model"].clone();
        created = e["created"].clone();
        if !e["usage"].is_null() {
            usage = e["usage"].clone();
        }
        for c in e["choices"].as_array().unwrap() {
            let d = &c["delta"];
            if let Some(t) = d["content"].as_str() {
                content.get_or_insert_with(String::new).push_str(t);
            }
            for tc in d["tool_calls"].as_array().into_iter().flatten() {
                let i = tc["index"].as_u64().unwrap() as usize;
                if i == tool_calls.len() {
                    tool_calls.push(json!({"id": tc["id"], "type": tc["type"],
                        "function": {"name": tc["function"]["name"], "arguments": ""}}));
                }
                let slot = &mut tool_calls[i]["function"]["arguments"];
                let joined = format!(
                    "{}{}",
                    slot.as_str().unwrap(),
                    tc["function"]["arguments"].as_str().unwrap_or("")
                );
                *slot = Value::String(joined);
            }
            if !c["finish_reason"].is_null() {
                finish = c["finish_reason"].clone();
            }
        }
    }
    let content = content.filter(|c| !c.is_empty() || tool_calls.is_empty());
    let mut message = json!({"role": "assistant", "content": content, "refusal": null});
    if !tool_calls.is_empty() {
        message["tool_calls"] = Value::Array(tool_calls);
    }
    json!({
        "id": id, "object": "chat.completion", "created": created, "model": model,
        "choices": [{"index": 0, "message": message, "logprobs": null, "finish_reason": finish}],
        "usage": usage
    })
}

/// Rebuilds a Messages response from stream events, as the Anthropic SDK's
/// `accumulate_event` does (tool inputs parsed from the joined JSON).
pub fn accumulate_anthropic(events: &[Value]) -> Value {
    let mut message = Value::Null;
    let mut json_bufs: Vec<String> = Vec::new();
    for e in events {
        match e["type"].as_str().unwrap() {
            "message_start" => message = e["message"].clone(),
            "content_block_start" => {
                let i = e["index"].as_u64().unwrap() as usize;
                let blocks = message["content"].as_array_mut().unwrap();
                assert_eq!(i, blocks.len(), "blocks start in order");
                blocks.push(e["content_block"].clone());
                json_bufs.push(String::new());
            }
            "content_block_delta" => {
                let i = e["index"].as_u64().unwrap() as usize;
                let block = &mut message["content"][i];
                let d = &e["delta"];
                match d["type"].as_str().unwrap() {
                    "text_delta" => {
                        let t = format!(
                            "{}{}",
                            block["text"].as_str().unwrap(),
                            d["text"].as_str().unwrap()
                        );
                        block["text"] = Value::String(t);
                    }
                    "input_json_delta" => {
                        json_bufs[i].push_str(d["partial_json"].as_str().unwrap());
                        block["input"] = serde_json::from_str(&json_bufs[i]).unwrap_or(json!({}));
                    }
                    other => panic!("delta {other}"),
                }
            }
            "content_block_stop" => {}
            "message_delta" => {
                message["stop_reason"] = e["delta"]["stop_reason"].clone();
                message["stop_sequence"] = e["delta"]["stop_sequence"].clone();
                for (k, v) in e["usage"].as_object().unwrap() {
                    message["usage"][k] = v.clone();
                }
            }
            "message_stop" => {}
            other => panic!("event {other}"),
        }
    }
    message
}
