//! Unit tests of the pure parts: token counting, piece splitting, SSE
//! framing and the provider handlers' output (no sockets involved).
#![allow(clippy::unwrap_used)]

use hyper::body::Bytes;
use hyper::StatusCode;
use serde_json::{json, Value};

use crate::common::{ApiError, Ctx, Flavor, Output, ToolCall};
use crate::dialect::Dialect;
use crate::text::{embedding, piece_count, pieces, split_even, words, Sse, WordCounter};
use crate::{anthropic, openai, responses};

// ------------------------------------------------------------------ text

#[test]
fn word_counting() {
    assert_eq!(words(""), 0);
    assert_eq!(words("   "), 0);
    assert_eq!(words("hello"), 1);
    assert_eq!(words(" hello  big\tworld\n"), 3);
    assert_eq!(words("héllo wörld"), 2);
    let mut wc = WordCounter::default();
    for s in ["hel", "lo", " wor", "ld ", "", "x"] {
        wc.feed(s);
    }
    assert_eq!(wc.count(), 3); // "hello world x"
}

#[test]
fn piece_splitting() {
    fn p(s: &str) -> Vec<&str> {
        pieces(s).collect()
    }
    assert!(p("").is_empty());
    assert_eq!(p("hi"), ["hi"]);
    assert_eq!(p("mock: hello  world"), ["mock: ", "hello  ", "world"]);
    assert_eq!(p("a b "), ["a ", "b "]);
    assert_eq!(p("  lead"), ["  ", "lead"]);
    assert_eq!(p("   "), ["   "]);
    assert_eq!(p("é ü\nß"), ["é ", "ü\n", "ß"]);
    for s in ["", "x", "mock: a  b c\n\nd ", "  x  y  "] {
        assert_eq!(p(s).concat(), s);
        assert_eq!(piece_count(s), p(s).len() as u64);
    }
}

#[test]
fn even_splitting() {
    assert!(split_even("", 3).is_empty());
    assert_eq!(split_even("{}", 3), ["{", "}"]);
    assert_eq!(split_even("abc", 3), ["a", "b", "c"]);
    assert_eq!(split_even("abcdefgh", 3), ["abc", "def", "gh"]);
    assert_eq!(split_even("ééééé", 3), ["éé", "éé", "é"]);
    let s = r#"{"city":"Paris","unit":"c"}"#;
    assert_eq!(split_even(s, 3).concat(), s);
}

#[test]
fn sse_framing() {
    let mut sse = Sse::default();
    sse.data(&json!({"a": 1})).unwrap();
    sse.event("ping", &json!({"type": "ping"})).unwrap();
    sse.raw_data("[DONE]");
    let ev = sse.finish();
    assert_eq!(
        ev,
        [
            Bytes::from_static(b"data: {\"a\":1}\n\n"),
            Bytes::from_static(b"event: ping\ndata: {\"type\":\"ping\"}\n\n"),
            Bytes::from_static(b"data: [DONE]\n\n"),
        ]
    );
    assert!(Sse::default().finish().is_empty());
}

#[test]
fn embeddings_are_deterministic_and_normalised() {
    let a = embedding("hello");
    assert_eq!(a, embedding("hello"));
    assert_ne!(a, embedding("hello!"));
    let norm: f32 = a.iter().map(|x| x * x).sum();
    assert!((norm - 1.0).abs() < 1e-4);
}

// --------------------------------------------------------------- helpers

fn ctx<'a>(body: &'a [u8], reply: Option<&'a str>, tool: Option<&'a ToolCall>) -> Ctx<'a> {
    Ctx { seq: 7, body, reply, tool_call: tool, dialect: Dialect::OpenAi, path_model: None }
}

fn full_json(out: Output) -> (StatusCode, Value) {
    match out {
        Output::Full { status, body, .. } => (status, serde_json::from_slice(&body).unwrap()),
        Output::Sse(_) | Output::Raw(_) | Output::Frames { .. } => panic!("expected a full body"),
    }
}

fn sse_text(out: Output) -> String {
    match out {
        Output::Sse(ev) => ev.iter().map(|b| std::str::from_utf8(b).unwrap()).collect(),
        Output::Full { .. } | Output::Raw(_) | Output::Frames { .. } => panic!("expected a stream"),
    }
}

/// The JSON payloads of `data:` lines (excluding `[DONE]`).
fn sse_data(s: &str) -> Vec<Value> {
    s.split("\n\n")
        .filter_map(|ev| ev.lines().find_map(|l| l.strip_prefix("data: ")))
        .filter(|d| *d != "[DONE]")
        .map(|d| serde_json::from_str(d).unwrap())
        .collect()
}

fn tool() -> ToolCall {
    ToolCall { name: "get_weather".into(), arguments: r#"{"city":"Paris"}"#.into() }
}

const CHAT: &str = r#"{"model":"gpt-x","messages":[
    {"role":"system","content":"be brief"},
    {"role":"user","content":"first question"},
    {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},
    {"role":"tool","tool_call_id":"c1","content":"result text"},
    {"role":"user","content":[{"type":"text","text":"hello "},{"type":"image_url","image_url":{"url":"data:x"}},{"type":"text","text":"world"}]}
  ],"tools":[{"type":"function","function":{"name":"f"}}]}"#;

// (2+3) + (2+3) + (0+3) + (2+3) + (2+3) = 23
const CHAT_PROMPT_TOKENS: u64 = 23;

// ----------------------------------------------------------------- openai

#[test]
fn chat_non_stream() {
    let (status, v) = full_json(openai::chat(&ctx(CHAT.as_bytes(), None, None)).unwrap());
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        v,
        json!({
            "id": "chatcmpl-mock-7", "object": "chat.completion", "created": 1_700_000_000, "model": "gpt-x",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": "mock: hello world"},
                         "finish_reason": "stop", "logprobs": null}],
            "usage": {"prompt_tokens": CHAT_PROMPT_TOKENS, "completion_tokens": 3, "total_tokens": CHAT_PROMPT_TOKENS + 3}
        })
    );
}

#[test]
fn chat_reply_override_and_no_user() {
    let body = br#"{"model":"m","messages":[{"role":"system","content":"s"}]}"#;
    let (_, v) = full_json(openai::chat(&ctx(body, None, None)).unwrap());
    assert_eq!(v["choices"][0]["message"]["content"], "mock: ");
    assert_eq!(v["usage"]["completion_tokens"], 1);
    let (_, v) = full_json(openai::chat(&ctx(body, Some(""), None)).unwrap());
    assert_eq!(v["choices"][0]["message"]["content"], "");
    assert_eq!(v["usage"]["completion_tokens"], 0);
    assert_eq!(v["usage"]["prompt_tokens"], 4);
}

#[test]
fn chat_stream_with_usage() {
    let body = br#"{"model":"m","stream":true,"stream_options":{"include_usage":true},
                    "messages":[{"role":"user","content":"a b"}]}"#;
    let s = sse_text(openai::chat(&ctx(body, None, None)).unwrap());
    assert!(s.ends_with("data: [DONE]\n\n"));
    assert!(s.starts_with("data: {\"id\":\"chatcmpl-mock-7\",\"object\":\"chat.completion.chunk\""));
    let d = sse_data(&s);
    // role, "mock: ", "a ", "b", stop, usage
    assert_eq!(d.len(), 6);
    assert_eq!(d[0]["choices"][0]["delta"], json!({"role": "assistant", "content": ""}));
    let text: String =
        d[1..4].iter().map(|c| c["choices"][0]["delta"]["content"].as_str().unwrap()).collect();
    assert_eq!(text, "mock: a b");
    for c in &d[..5] {
        assert!(c["usage"].is_null() && c.as_object().unwrap().contains_key("usage"));
        assert_eq!(c["created"], 1_700_000_000);
        assert_eq!(c["model"], "m");
    }
    assert_eq!(d[3]["choices"][0]["finish_reason"], Value::Null);
    assert_eq!(d[4]["choices"][0], json!({"index": 0, "delta": {}, "finish_reason": "stop"}));
    assert_eq!(d[5]["choices"], json!([]));
    assert_eq!(
        d[5]["usage"],
        json!({"prompt_tokens": 5, "completion_tokens": 3, "total_tokens": 8})
    );
}

#[test]
fn chat_stream_without_usage_has_no_usage_field() {
    let body = br#"{"model":"m","stream":true,"messages":[{"role":"user","content":"a"}]}"#;
    let d = sse_data(&sse_text(openai::chat(&ctx(body, None, None)).unwrap()));
    assert_eq!(d.len(), 4);
    assert!(d.iter().all(|c| !c.as_object().unwrap().contains_key("usage")));
}

#[test]
fn chat_tool_call() {
    let t = tool();
    let (_, v) = full_json(openai::chat(&ctx(CHAT.as_bytes(), None, Some(&t))).unwrap());
    assert_eq!(
        v["choices"][0],
        json!({"index": 0, "finish_reason": "tool_calls", "logprobs": null,
               "message": {"role": "assistant", "content": null, "tool_calls": [
                   {"id": "call_mock_1", "type": "function",
                    "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}]}})
    );
    assert_eq!(v["usage"]["completion_tokens"], 3);

    let body = br#"{"model":"m","stream":true,"messages":[{"role":"user","content":"a"}]}"#;
    let d = sse_data(&sse_text(openai::chat(&ctx(body, None, Some(&t))).unwrap()));
    assert_eq!(d.len(), 5);
    assert_eq!(
        d[0]["choices"][0]["delta"],
        json!({"role": "assistant", "content": null, "tool_calls": [
            {"index": 0, "id": "call_mock_1", "type": "function", "function": {"name": "get_weather", "arguments": ""}}]})
    );
    let args: String = d[1..4]
        .iter()
        .map(|c| {
            let tc = &c["choices"][0]["delta"]["tool_calls"][0];
            assert_eq!(tc["index"], 0);
            assert!(tc.get("id").is_none());
            tc["function"]["arguments"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(args, t.arguments);
    assert_eq!(d[4]["choices"][0]["finish_reason"], "tool_calls");
}

#[test]
fn chat_bad_requests() {
    for body in [
        &b"{not json"[..],
        b"[]",
        b"{\"messages\":[]}",
        b"{\"model\":\"m\"}",
        b"{\"model\":\"m\",\"messages\":{}}",
        b"{\"model\":\"m\",\"messages\":[{\"content\":\"x\"}]}",
        b"{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":5}]}",
        b"{\"model\":\"m\",\"messages\":[],\"tools\":{}}",
        b"{\"model\":\"m\",\"messages\":[],\"stream\":\"yes\"}",
        b"",
    ] {
        let e = openai::chat(&ctx(body, None, None)).err().unwrap();
        assert_eq!(e.status, StatusCode::BAD_REQUEST, "{}", String::from_utf8_lossy(body));
    }
}

#[test]
fn legacy_completions() {
    let body = br#"{"model":"m","prompt":"say hi"}"#;
    let (_, v) = full_json(openai::completions(&ctx(body, None, None)).unwrap());
    assert_eq!(v["object"], "text_completion");
    assert_eq!(
        v["choices"][0],
        json!({"text": "mock: say hi", "index": 0, "logprobs": null, "finish_reason": "stop"})
    );
    assert_eq!(v["usage"], json!({"prompt_tokens": 2, "completion_tokens": 3, "total_tokens": 5}));
    let body = br#"{"model":"m","prompt":"x","stream":true}"#;
    let d = sse_data(&sse_text(openai::completions(&ctx(body, None, None)).unwrap()));
    assert_eq!(d.len(), 3);
    assert_eq!(d[2]["choices"][0]["finish_reason"], "stop");
}

#[test]
fn embeddings() {
    let body = br#"{"model":"e","input":["a b","c"]}"#;
    let (_, v) = full_json(openai::embeddings(&ctx(body, None, None)).unwrap());
    assert_eq!(v["data"].as_array().unwrap().len(), 2);
    assert_eq!(v["data"][1]["index"], 1);
    assert_eq!(v["data"][0]["embedding"].as_array().unwrap().len(), 8);
    assert_eq!(v["usage"], json!({"prompt_tokens": 3, "total_tokens": 3}));
    let (_, w) =
        full_json(openai::embeddings(&ctx(br#"{"model":"e","input":"a b"}"#, None, None)).unwrap());
    assert_eq!(w["data"][0]["embedding"], v["data"][0]["embedding"]);
}

#[test]
fn embeddings_in_base64_are_little_endian_float32() {
    use base64::Engine as _;
    let body = br#"{"model":"e","input":"a b","encoding_format":"base64"}"#;
    let (_, v) = full_json(openai::embeddings(&ctx(body, None, None)).unwrap());
    let b64 = v["data"][0]["embedding"].as_str().unwrap();
    let bytes = base64::engine::general_purpose::STANDARD.decode(b64).unwrap();
    let floats: Vec<f32> =
        bytes.chunks(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
    assert_eq!(floats, embedding("a b").to_vec());
    let bad = br#"{"model":"e","input":"a","encoding_format":"hex"}"#;
    assert!(matches!(openai::embeddings(&ctx(bad, None, None)), Err(e) if e.status == 400));
}

#[test]
fn logprobs_when_asked() {
    let body = br#"{"model":"m","messages":[{"role":"user","content":"x"}],"logprobs":true,"top_logprobs":2}"#;
    let (_, v) = full_json(openai::chat(&ctx(body, Some("a b"), None)).unwrap());
    let lp = &v["choices"][0]["logprobs"]["content"];
    assert_eq!((lp[0]["token"].as_str(), lp[1]["token"].as_str()), (Some("a "), Some("b")));
    assert_eq!(lp[0]["top_logprobs"].as_array().unwrap().len(), 2);
    let body = br#"{"model":"m","messages":[{"role":"user","content":"x"}],"logprobs":true,"stream":true}"#;
    let d = sse_data(&sse_text(openai::chat(&ctx(body, Some("a b"), None)).unwrap()));
    assert_eq!(d[1]["choices"][0]["logprobs"]["content"][0]["token"], "a ");
    let body = br#"{"model":"m","prompt":"x","logprobs":1}"#;
    let (_, v) = full_json(openai::completions(&ctx(body, Some("a b"), None)).unwrap());
    assert_eq!(v["choices"][0]["logprobs"]["tokens"], json!(["a ", "b"]));
    assert_eq!(v["choices"][0]["logprobs"]["text_offset"], json!([0, 2]));
    let body = br#"{"model":"m","prompt":"x","logprobs":1,"stream":true}"#;
    let d = sse_data(&sse_text(openai::completions(&ctx(body, Some("a b"), None)).unwrap()));
    assert_eq!(d[1]["choices"][0]["logprobs"]["text_offset"], json!([2]));
}

#[test]
fn responses_plain_and_streamed() {
    let body = br#"{"model":"gpt-x","instructions":"be brief","input":[{"role":"user","content":[{"type":"input_text","text":"hello there"}]}]}"#;
    let (_, v) = full_json(responses::responses(&ctx(body, None, None)).unwrap());
    assert_eq!((v["object"].as_str(), v["status"].as_str()), (Some("response"), Some("completed")));
    assert_eq!(v["output"][0]["content"][0]["text"], "mock: hello there");
    assert_eq!(v["usage"]["input_tokens"], 7);
    assert_eq!(v["usage"]["output_tokens"], 3);
    assert_eq!(v["usage"]["total_tokens"], 10);
    let body = br#"{"model":"gpt-x","input":"hi you","stream":true,"include":["message.output_text.logprobs"]}"#;
    let text = sse_text(responses::responses(&ctx(body, None, None)).unwrap());
    let d = sse_data(&text);
    let types: Vec<&str> = d.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        [
            "response.created",
            "response.in_progress",
            "response.output_item.added",
            "response.content_part.added",
            "response.output_text.delta",
            "response.output_text.delta",
            "response.output_text.delta",
            "response.output_text.done",
            "response.content_part.done",
            "response.output_item.done",
            "response.completed"
        ]
    );
    assert!(text.starts_with("event: response.created\ndata: "));
    let seq: Vec<u64> = d.iter().map(|e| e["sequence_number"].as_u64().unwrap()).collect();
    assert_eq!(seq, (0..11).collect::<Vec<u64>>());
    let deltas: String = d[4..7].iter().map(|e| e["delta"].as_str().unwrap()).collect();
    assert_eq!(deltas, "mock: hi you");
    assert_eq!(d[4]["logprobs"][0]["token"], "mock: ");
    assert_eq!(d[10]["response"]["usage"]["output_tokens"], 3);
    assert_eq!(d[10]["response"]["output"][0]["content"][0]["text"], "mock: hi you");
    // A forced tool call: a function_call item, its arguments streamed.
    let body = br#"{"model":"gpt-x","input":"x","stream":true}"#;
    let d = sse_data(&sse_text(responses::responses(&ctx(body, None, Some(&tool()))).unwrap()));
    let args: String = d
        .iter()
        .filter(|e| e["type"] == "response.function_call_arguments.delta")
        .map(|e| e["delta"].as_str().unwrap())
        .collect();
    assert_eq!(args, r#"{"city":"Paris"}"#);
    assert_eq!(d.last().unwrap()["response"]["output"][0]["type"], "function_call");
}

#[test]
fn anthropic_count_tokens() {
    let body = br#"{"model":"c","system":"be brief","messages":[{"role":"user","content":"hello there"}]}"#;
    let (_, v) = full_json(responses::count_tokens(&ctx(body, None, None)).unwrap());
    assert_eq!(v, json!({"input_tokens": 7}));
    assert_eq!(Flavor::for_path("/v1/messages/count_tokens"), Flavor::Anthropic);
}

#[test]
fn error_shapes() {
    let e = ApiError::new(StatusCode::TOO_MANY_REQUESTS, "slow down");
    let (status, v) = full_json(Flavor::OpenAi.error(&e));
    assert_eq!(status, 429);
    assert_eq!(v["error"]["message"], "slow down");
    assert_eq!(v["error"]["type"], "rate_limit_error");
    assert_eq!(v["error"]["code"], "rate_limit_exceeded");
    let (_, v) = full_json(Flavor::Anthropic.error(&e));
    assert_eq!(
        v,
        json!({"type": "error", "error": {"type": "rate_limit_error", "message": "slow down"}})
    );
    let kind = |s: u16| {
        let (_, v) = full_json(
            Flavor::Anthropic.error(&ApiError::new(StatusCode::from_u16(s).unwrap(), "x")),
        );
        v["error"]["type"].as_str().unwrap().to_owned()
    };
    assert_eq!(kind(400), "invalid_request_error");
    assert_eq!(kind(500), "api_error");
    assert_eq!(kind(529), "overloaded_error");
    assert_eq!(Flavor::for_path("/x/v1/messages"), Flavor::Anthropic);
    assert_eq!(Flavor::for_path("/v1/chat/completions"), Flavor::OpenAi);
}

// -------------------------------------------------------------- anthropic

const MSGS: &str = r#"{"model":"claude-x","max_tokens":100,
  "system":[{"type":"text","text":"be very brief"}],
  "tools":[{"name":"get_weather","input_schema":{"type":"object"}}],
  "messages":[
    {"role":"user","content":"what is the weather"},
    {"role":"assistant","content":[{"type":"text","text":"checking"},{"type":"tool_use","id":"t1","name":"get_weather","input":{}}]},
    {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"sunny"},{"type":"text","text":"thanks  a lot"},
                              {"type":"image","source":{"type":"base64","media_type":"image/png","data":"xx"}}]}
  ]}"#;

// (4+3) + (1+3) + (3+3) + system 3 = 20
const MSGS_INPUT_TOKENS: u64 = 20;

#[test]
fn messages_non_stream() {
    let (status, v) = full_json(anthropic::messages(&ctx(MSGS.as_bytes(), None, None)).unwrap());
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        v,
        json!({"id": "msg_mock_7", "type": "message", "role": "assistant", "model": "claude-x",
               "content": [{"type": "text", "text": "mock: thanks  a lot"}],
               "stop_reason": "end_turn", "stop_sequence": null,
               "usage": {"input_tokens": MSGS_INPUT_TOKENS, "output_tokens": 4}})
    );
}

#[test]
fn messages_stream() {
    let body = MSGS.replacen("\"max_tokens\":100", "\"max_tokens\":100,\"stream\":true", 1);
    let s = sse_text(anthropic::messages(&ctx(body.as_bytes(), Some("hi there"), None)).unwrap());
    let names: Vec<&str> = s
        .split("\n\n")
        .filter(|e| !e.is_empty())
        .map(|e| e.lines().next().unwrap().strip_prefix("event: ").unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "message_start",
            "content_block_start",
            "ping",
            "content_block_delta",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop"
        ]
    );
    let d = sse_data(&s);
    for (v, n) in d.iter().zip(&names) {
        assert_eq!(v["type"], *n);
    }
    assert_eq!(d[0]["message"]["content"], json!([]));
    assert_eq!(d[0]["message"]["stop_reason"], Value::Null);
    assert_eq!(
        d[0]["message"]["usage"],
        json!({"input_tokens": MSGS_INPUT_TOKENS, "output_tokens": 1})
    );
    assert_eq!(
        d[1],
        json!({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}})
    );
    assert_eq!(d[3]["delta"], json!({"type": "text_delta", "text": "hi "}));
    assert_eq!(d[4]["delta"], json!({"type": "text_delta", "text": "there"}));
    assert_eq!(
        d[6],
        json!({"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": null},
               "usage": {"output_tokens": 2}})
    );
}

#[test]
fn messages_tool_use() {
    let t = tool();
    let (_, v) = full_json(anthropic::messages(&ctx(MSGS.as_bytes(), None, Some(&t))).unwrap());
    assert_eq!(
        v["content"],
        json!([{"type": "tool_use", "id": "toolu_mock_1", "name": "get_weather", "input": {"city": "Paris"}}])
    );
    assert_eq!(v["stop_reason"], "tool_use");
    assert_eq!(v["usage"]["output_tokens"], 3);

    let body = MSGS.replacen("\"max_tokens\":100", "\"max_tokens\":100,\"stream\":true", 1);
    let d =
        sse_data(&sse_text(anthropic::messages(&ctx(body.as_bytes(), None, Some(&t))).unwrap()));
    assert_eq!(
        d[1]["content_block"],
        json!({"type": "tool_use", "id": "toolu_mock_1", "name": "get_weather", "input": {}})
    );
    let partial: String = d[3..6]
        .iter()
        .map(|e| {
            assert_eq!(e["delta"]["type"], "input_json_delta");
            e["delta"]["partial_json"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(partial, t.arguments);
    assert_eq!(d[7]["delta"]["stop_reason"], "tool_use");
    assert_eq!(d[7]["usage"]["output_tokens"], 3);
}

#[test]
fn messages_bad_requests() {
    for body in [
        &b"{"[..],
        br#"{"model":"m","messages":[]}"#,
        br#"{"model":"m","max_tokens":0,"messages":[]}"#,
        br#"{"max_tokens":5,"messages":[]}"#,
        br#"{"model":"m","max_tokens":5,"messages":"x"}"#,
    ] {
        let e = anthropic::messages(&ctx(body, None, None)).err().unwrap();
        assert_eq!(e.status, StatusCode::BAD_REQUEST, "{}", String::from_utf8_lossy(body));
    }
}

// --------------------------------------------------------------- dialects

fn parts(method: &str, uri: &str, headers: &[(&str, &str)]) -> hyper::http::request::Parts {
    let mut b = hyper::Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    b.body(()).unwrap().into_parts().0
}

fn in_dialect<'a>(body: &'a [u8], dialect: Dialect, path_model: Option<&'a str>) -> Ctx<'a> {
    Ctx { dialect, path_model, ..ctx(body, None, None) }
}

#[test]
fn dialects_by_host() {
    assert_eq!(Dialect::for_host(Some("res.openai.azure.com")), Dialect::Azure);
    assert_eq!(Dialect::for_host(Some("api.groq.com:443")), Dialect::Groq);
    assert_eq!(Dialect::for_host(Some("api.mistral.ai")), Dialect::Mistral);
    assert_eq!(Dialect::for_host(Some("api.deepseek.com")), Dialect::DeepSeek);
    assert_eq!(Dialect::for_host(Some("api.openai.com")), Dialect::OpenAi);
    assert_eq!(Dialect::for_host(None), Dialect::OpenAi);
}

#[test]
fn azure_refuses_what_azure_refuses() {
    let az = Dialect::Azure;
    let path = "/openai/deployments/d1/chat/completions";
    let status = |o: Option<Output>| o.map(|o| full_json(o).0);
    assert_eq!(status(az.refuse(&parts("POST", path, &[]), b"{}")), Some(StatusCode::UNAUTHORIZED));
    assert_eq!(
        status(az.refuse(&parts("POST", path, &[("api-key", "k")]), b"{}")),
        Some(StatusCode::NOT_FOUND),
        "a dated path needs api-version"
    );
    let ok = format!("{path}?api-version=2024-10-21");
    assert!(az.refuse(&parts("POST", &ok, &[("api-key", "k")]), b"{}").is_none());
    let v1 = "/openai/v1/chat/completions";
    assert!(az.refuse(&parts("POST", v1, &[("authorization", "Bearer k")]), b"{}").is_none());
    assert_eq!(
        status(az.refuse(&parts("POST", "/v1/chat/completions", &[("api-key", "k")]), b"{}")),
        Some(StatusCode::NOT_FOUND)
    );
    assert_eq!(az.path_model(path), Some("d1"));
    assert_eq!(Dialect::OpenAi.path_model(path), None);
}

#[test]
fn azure_answers_name_the_deployment_and_carry_filter_results() {
    let body = br#"{"messages":[{"role":"user","content":"hi"}]}"#;
    let (_, v) = full_json(openai::chat(&in_dialect(body, Dialect::Azure, Some("d1"))).unwrap());
    assert_eq!(v["model"], "d1");
    assert!(v["prompt_filter_results"].is_array());
    let body = br#"{"stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}"#;
    let d =
        sse_data(&sse_text(openai::chat(&in_dialect(body, Dialect::Azure, Some("d1"))).unwrap()));
    assert!(
        d[0]["choices"].as_array().unwrap().is_empty() && d[0]["prompt_filter_results"].is_array()
    );
    assert!(d[0].get("usage").is_none());
    assert_eq!(d.last().unwrap()["usage"]["completion_tokens"], 2);
    // Without a model in the path or the body: a 400.
    assert!(openai::chat(&in_dialect(br#"{"messages":[]}"#, Dialect::OpenAi, None)).is_err());
}

#[test]
fn groq_mistral_and_deepseek_report_usage_their_way() {
    let body = br#"{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}"#;
    let d = sse_data(&sse_text(openai::chat(&in_dialect(body, Dialect::Groq, None)).unwrap()));
    let last = d.last().unwrap();
    assert_eq!(last["choices"][0]["finish_reason"], "stop");
    assert_eq!(last["x_groq"]["usage"]["prompt_tokens"], 4);
    assert!(d.iter().all(|c| c.get("usage").is_none()));
    let d = sse_data(&sse_text(openai::chat(&in_dialect(body, Dialect::Mistral, None)).unwrap()));
    let last = d.last().unwrap();
    assert_eq!(
        (last["choices"][0]["finish_reason"].as_str(), last["usage"]["prompt_tokens"].as_u64()),
        (Some("stop"), Some(4))
    );
    let refused = Dialect::Mistral.refuse(
        &parts("POST", "/v1/chat/completions", &[]),
        br#"{"stream":true,"stream_options":{"include_usage":true}}"#,
    );
    let (status, v) = full_json(refused.unwrap());
    assert_eq!(
        (status, v["message"]["detail"][0]["type"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("extra_forbidden"))
    );
    let body = br#"{"model":"m","messages":[{"role":"user","content":"hello there"}]}"#;
    let (_, v) = full_json(openai::chat(&in_dialect(body, Dialect::DeepSeek, None)).unwrap());
    assert_eq!(v["usage"]["prompt_tokens"], 5);
    assert_eq!(
        (
            v["usage"]["prompt_cache_hit_tokens"].as_u64(),
            v["usage"]["prompt_cache_miss_tokens"].as_u64()
        ),
        (Some(2), Some(3))
    );
}

// --------------------------------------------------------------- bedrock

#[test]
fn bedrock_converse_and_its_event_stream() {
    use crate::bedrock;
    assert_eq!(bedrock::operation("/model/m%3A0/converse"), Some(false));
    assert_eq!(bedrock::operation("/model/m/converse-stream"), Some(true));
    assert_eq!(bedrock::operation("/model/m/invoke"), None);
    let body = br#"{"system":[{"text":"be brief"}],"messages":[{"role":"user","content":[{"text":"hi there"}]}],"inferenceConfig":{"maxTokens":20}}"#;
    let (status, v) = full_json(bedrock::converse(&ctx(body, None, None), false).unwrap());
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["output"]["message"]["content"][0]["text"], "mock: hi there");
    assert_eq!(v["usage"]["inputTokens"], 5);
    assert_eq!(v["usage"]["cacheReadInputTokens"], 2);
    assert_eq!(v["stopReason"], "end_turn");
    let Output::Frames { frames, content_type } =
        bedrock::converse(&ctx(body, None, None), true).unwrap()
    else {
        panic!("expected frames")
    };
    assert_eq!(content_type, bedrock::CONTENT_TYPE);
    // Each frame: total length, then a prelude CRC over the first 8 bytes.
    for f in &frames {
        let total = u32::from_be_bytes(f[..4].try_into().unwrap()) as usize;
        assert_eq!(total, f.len());
        assert_eq!(crc32fast::hash(&f[..8]), u32::from_be_bytes(f[8..12].try_into().unwrap()));
        assert_eq!(
            crc32fast::hash(&f[..total - 4]),
            u32::from_be_bytes(f[total - 4..].try_into().unwrap())
        );
    }
    assert!(String::from_utf8_lossy(frames.last().unwrap()).contains("metadata"));
    for bad in [
        &br#"{"model":"x","messages":[]}"#[..],
        br#"{"messages":[{"role":"system","content":[]}]}"#,
    ] {
        assert_eq!(
            bedrock::converse(&ctx(bad, None, None), false).err().unwrap().status,
            StatusCode::BAD_REQUEST
        );
    }
}

// ----------------------------------------------------------------- gemini

const GEMINI: &str = r#"{"systemInstruction":{"parts":[{"text":"be brief"}]},
  "contents":[{"role":"user","parts":[{"text":"hello there"}]}]}"#;

#[test]
fn gemini_generate_plain_stream_and_tool_call() {
    let path = "/v1beta/models/gemini-x:generateContent";
    let c = ctx(GEMINI.as_bytes(), None, None);
    let (status, v) = full_json(crate::gemini::route(true, path, &c).unwrap().unwrap());
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["candidates"][0]["content"]["parts"][0]["text"], "mock: hello there");
    assert_eq!(v["candidates"][0]["finishReason"], "STOP");
    // (2+3) + the system's 2; 3 pieces, 2 thinking tokens.
    assert_eq!(
        v["usageMetadata"],
        json!({"promptTokenCount":7,"candidatesTokenCount":3,"thoughtsTokenCount":2,"totalTokenCount":12})
    );
    assert_eq!(v["modelVersion"], "gemini-x");
    let s = sse_text(
        crate::gemini::route(true, "/v1beta/models/gemini-x:streamGenerateContent", &c)
            .unwrap()
            .unwrap(),
    );
    let events = sse_data(&s);
    assert_eq!(events.len(), 3);
    let text: String = events
        .iter()
        .map(|e| e["candidates"][0]["content"]["parts"][0]["text"].as_str().unwrap())
        .collect();
    assert_eq!(text, "mock: hello there");
    assert!(events[1]["candidates"][0].get("finishReason").is_none());
    assert_eq!(events[2]["candidates"][0]["finishReason"], "STOP");
    assert_eq!(events[2]["usageMetadata"]["totalTokenCount"], 12);
    let t = tool();
    let c = ctx(GEMINI.as_bytes(), None, Some(&t));
    let (_, v) = full_json(crate::gemini::route(true, path, &c).unwrap().unwrap());
    assert_eq!(v["candidates"][0]["content"]["parts"][0]["functionCall"]["args"]["city"], "Paris");
}

#[test]
fn gemini_count_embed_and_errors() {
    let c = ctx(br#"{"contents":[{"parts":[{"text":"a b c"}]}]}"#, None, None);
    let (_, v) =
        full_json(crate::gemini::route(true, "/v1beta/models/m:countTokens", &c).unwrap().unwrap());
    assert_eq!(v["totalTokens"], 6);
    let c = ctx(br#"{"content":{"parts":[{"text":"x"}]}}"#, None, None);
    let (_, v) = full_json(
        crate::gemini::route(true, "/v1beta/models/e:embedContent", &c).unwrap().unwrap(),
    );
    assert_eq!(v["embedding"]["values"].as_array().unwrap().len(), 8);
    let c = ctx(br#"{"requests":[{"content":{"parts":[{"text":"x"}]}},{"content":{"parts":[{"text":"y"}]}}]}"#, None, None);
    let (_, v) = full_json(
        crate::gemini::route(true, "/v1beta/models/e:batchEmbedContents", &c).unwrap().unwrap(),
    );
    assert_eq!(v["embeddings"].as_array().unwrap().len(), 2);
    assert!(crate::gemini::route(false, "/v1/models", &c).is_none(), "OpenAI's listing");
    assert_eq!(Flavor::for_path("/v1beta/models/m:generateContent"), Flavor::Gemini);
    let (status, v) =
        full_json(Flavor::Gemini.error(&ApiError::new(StatusCode::TOO_MANY_REQUESTS, "slow")));
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(v, json!({"error":{"code":429,"message":"slow","status":"RESOURCE_EXHAUSTED"}}));
}
