//! No input may panic: a panic kills the Wasm VM for every request on that
//! Envoy worker. Garbage, mutated fixtures, type confusion at every position
//! of valid bodies, deep nesting, huge numbers and odd Unicode go through
//! every entry point; whatever comes out must be well-formed.
// Test helpers outside #[test] fns (clippy.toml covers only those) may fail loudly too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use aigw_translate::{
    anthropic_error_to_openai, anthropic_to_openai_request, anthropic_to_openai_response,
    gemini_error_to_openai, gemini_to_openai_request, gemini_to_openai_response,
    openai_error_to_anthropic, openai_error_to_gemini, openai_stream_flags,
    openai_to_anthropic_request, openai_to_anthropic_response, openai_to_gemini_request,
    openai_to_gemini_response, AnthropicToOpenAiStream, GeminiToOpenAiStream,
    OpenAiToAnthropicStream, OpenAiToGeminiStream, RequestOptions, ResponseOptions, StreamOptions,
};
use common::{fixture, parse_sse};
use serde_json::{json, Value};

/// Whether `bytes` is one JSON value. `IgnoredAny` skips iteratively, so
/// deeply nested values that were passed through (tool schemas) count too.
fn is_json(bytes: &[u8]) -> bool {
    serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok()
}

/// Every body entry point; successful outputs must be JSON.
fn all_bodies(body: &[u8]) {
    for drop in [false, true] {
        let ro = RequestOptions { drop_unsupported: drop, ..RequestOptions::new("m") };
        if let Ok(out) = openai_to_anthropic_request(body, &ro) {
            assert!(is_json(&out));
        }
        if let Ok(out) = anthropic_to_openai_request(body, &ro) {
            assert!(is_json(&out));
        }
        if let Ok(out) = openai_to_gemini_request(body, &ro) {
            assert!(is_json(&out));
        }
        if let Ok(out) = gemini_to_openai_request(body, &RequestOptions { stream: true, ..ro }) {
            assert!(is_json(&out));
        }
    }
    let po = ResponseOptions::default();
    if let Ok(out) = anthropic_to_openai_response(body, &po) {
        assert!(is_json(&out));
    }
    if let Ok(out) = openai_to_anthropic_response(body, &po) {
        assert!(is_json(&out));
    }
    if let Ok(out) = gemini_to_openai_response(body, &po) {
        assert!(is_json(&out));
    }
    if let Ok(out) = openai_to_gemini_response(body, &po) {
        assert!(is_json(&out));
    }
    for status in [0, 200, 400, 429, 529, 599, 999] {
        assert!(is_json(&anthropic_error_to_openai(status, body)));
        assert!(is_json(&openai_error_to_anthropic(status, body)));
        assert!(is_json(&gemini_error_to_openai(status, body)));
        assert!(is_json(&openai_error_to_gemini(status, body)));
    }
    let _ = openai_stream_flags(body);
}

/// Both stream translators, one event per call; every output must be whole
/// SSE events with JSON data.
fn all_streams(events: &[(Option<&str>, &[u8])]) {
    let mut a =
        AnthropicToOpenAiStream::new(StreamOptions { include_usage: true, ..Default::default() });
    let mut o = OpenAiToAnthropicStream::new(ResponseOptions::default());
    let mut g =
        GeminiToOpenAiStream::new(StreamOptions { include_usage: true, ..Default::default() });
    let mut og = OpenAiToGeminiStream::new(None);
    let mut out_a = Vec::new();
    let mut out_o = Vec::new();
    let mut out_g = Vec::new();
    for (name, data) in events {
        out_a.extend(a.event(*name, data));
        out_o.extend(o.event(*name, data));
        out_g.extend(g.event(*name, data));
        out_g.extend(og.event(*name, data));
    }
    out_g.extend(g.finish());
    out_g.extend(og.finish());
    for (_, data) in parse_sse(&out_g) {
        assert!(data == "[DONE]" || is_json(data.as_bytes()), "{data}");
    }
    out_a.extend(a.finish());
    out_o.extend(o.finish());
    assert!(a.is_done() && o.is_done());
    for (_, data) in parse_sse(&out_a) {
        assert!(data == "[DONE]" || is_json(data.as_bytes()), "{data}");
    }
    for (name, data) in parse_sse(&out_o) {
        assert!(name.is_some());
        assert!(is_json(data.as_bytes()), "{data}");
    }
}

/// A small deterministic PRNG (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const NASTY: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b"\\",
    b",",
    b":",
    b"null",
    b"-1",
    b"1e400",
    b"0.5",
    b"18446744073709551616",
    b"\\ud800",
    b"\xff",
    b"\xc3",
    b"\x00",
    b"\xef\xbb\xbf",
    b"true",
    b"{\"type\":\"tool_use\"}",
    b"\"index\":-1",
    b"\"index\":4294967296",
];

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut b = input.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(b.len() + 1);
        match rng.below(4) {
            0 => b.truncate(at),
            1 => {
                let n = NASTY[rng.below(NASTY.len())];
                b.splice(at..at, n.iter().copied());
            }
            2 if at < b.len() => b[at] = rng.next() as u8,
            _ => {
                let end = (at + rng.below(16)).min(b.len());
                b.drain(at..end);
            }
        }
    }
    b
}

fn sample_bodies() -> Vec<Vec<u8>> {
    let mut v: Vec<Vec<u8>> = [
        "anthropic_text.json",
        "anthropic_tools.json",
        "anthropic_max_tokens.json",
        "openai_text.json",
        "openai_tools.json",
        "openai_length.json",
    ]
    .iter()
    .map(|n| fixture(n))
    .collect();
    v.push(openai_request().to_string().into_bytes());
    v.push(anthropic_request().to_string().into_bytes());
    v
}

fn openai_request() -> Value {
    json!({
        "model": "m",
        "messages": [
            {"role": "system", "content": "s"},
            {"role": "user", "content": [{"type": "text", "text": "t"},
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,AA=="}},
                {"type": "file", "file": {"file_data": "data:application/pdf;base64,AA==", "filename": "f"}}]},
            {"role": "assistant", "content": "a", "tool_calls": [
                {"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{\"x\":1}"}}]},
            {"role": "tool", "tool_call_id": "c1", "content": [{"type": "text", "text": "r"}]}
        ],
        "tools": [{"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}],
        "tool_choice": {"type": "function", "function": {"name": "f"}},
        "parallel_tool_calls": false,
        "stop": ["x"], "temperature": 0.5, "max_tokens": 10, "stream": true,
        "stream_options": {"include_usage": true}, "user": "u", "metadata": {"user": "v"}
    })
}

fn anthropic_request() -> Value {
    json!({
        "model": "m", "max_tokens": 10,
        "system": [{"type": "text", "text": "s"}],
        "messages": [
            {"role": "user", "content": [{"type": "text", "text": "t"},
                {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "AA=="}},
                {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": "AA=="}}]},
            {"role": "assistant", "content": [{"type": "text", "text": "a"},
                {"type": "tool_use", "id": "t1", "name": "f", "input": {"x": 1}}]},
            {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t1",
                "content": [{"type": "text", "text": "r"}], "is_error": false}]}
        ],
        "tools": [{"name": "f", "input_schema": {"type": "object"}}],
        "tool_choice": {"type": "tool", "name": "f", "disable_parallel_tool_use": true},
        "stop_sequences": ["x"], "temperature": 0.5, "stream": true, "metadata": {"user_id": "u"}
    })
}

#[test]
fn garbage_bodies() {
    let mut cases: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b" ".to_vec(),
        b"null".to_vec(),
        b"[]".to_vec(),
        b"\"str\"".to_vec(),
        b"{}".to_vec(),
        b"\xff\xfe\x00".to_vec(),
        b"\xef\xbb\xbf{}".to_vec(),
        b"{\"messages\":[{\"role\":\"user\",\"content\":\"\\ud800\"}]}".to_vec(),
        b"{\"a\":1e400}".to_vec(),
        b"{\"max_tokens\":1e400,\"messages\":[]}".to_vec(),
        b"{\"max_tokens\":18446744073709551616,\"messages\":[]}".to_vec(),
        b"{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":-1e308}".to_vec(),
        b"{\"usage\":{\"input_tokens\":18446744073709551615,\"output_tokens\":18446744073709551615,\"cache_read_input_tokens\":18446744073709551615},\"content\":[]}".to_vec(),
        b"{\"choices\":[{\"index\":18446744073709551615}]}".to_vec(),
    ];
    // Deep nesting in every spot a raw value passes through.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_obj = format!("{}1{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    for nested in [&deep, &deep_obj] {
        cases.push(format!("{{\"messages\":{nested}}}").into_bytes());
        cases.push(
            format!(r#"{{"model":"m","messages":[{{"role":"user","content":"x"}}],"tools":[{{"type":"function","function":{{"name":"f","parameters":{{"p":{nested}}}}}}}]}}"#)
                .into_bytes(),
        );
        cases.push(
            format!(r#"{{"model":"m","max_tokens":1,"messages":[{{"role":"assistant","content":[{{"type":"tool_use","id":"t","name":"f","input":{{"p":{nested}}}}}]}}]}}"#)
                .into_bytes(),
        );
        cases.push(
            format!(
                r#"{{"content":[{{"type":"tool_use","id":"t","name":"f","input":{nested}}}]}}"#
            )
            .into_bytes(),
        );
        cases.push(format!(r#"{{"usage":{nested},"content":[]}}"#).into_bytes());
        let args = serde_json::to_string(&format!("{{\"p\":{nested}}}")).unwrap();
        cases.push(
            format!(r#"{{"model":"m","messages":[{{"role":"assistant","tool_calls":[{{"id":"c","type":"function","function":{{"name":"f","arguments":{args}}}}}]}}]}}"#)
                .into_bytes(),
        );
        cases.push(
            format!(r#"{{"choices":[{{"index":0,"message":{{"tool_calls":[{{"id":"c","function":{{"name":"f","arguments":{args}}}}}]}}}}]}}"#)
                .into_bytes(),
        );
        cases.push(format!("{{\"error\":{nested}}}").into_bytes());
    }
    // An object with very many keys (the duplicate check stays n log n).
    let many: String = (0..50_000).map(|i| format!("\"k{i}\":{i},")).collect();
    cases.push(format!("{{{many}\"messages\":[]}}").into_bytes());
    for c in &cases {
        all_bodies(c);
    }
}

/// Every position of valid bodies replaced by values of every other type.
#[test]
fn type_confusion_everywhere() {
    let replacements = [
        json!(null),
        json!(true),
        json!(-1),
        json!(1.5),
        json!(u64::MAX),
        json!(""),
        json!("data:image/png;base64,"),
        json!([]),
        json!([null]),
        json!({}),
        json!({"type": "text"}),
    ];
    for body in sample_bodies() {
        let original: Value = serde_json::from_slice(&body).unwrap();
        let mut paths = Vec::new();
        collect_paths(&original, &mut Vec::new(), &mut paths);
        for path in &paths {
            for r in &replacements {
                let mut v = original.clone();
                *pointer_mut(&mut v, path) = r.clone();
                all_bodies(v.to_string().as_bytes());
            }
        }
    }
}

#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn collect_paths(v: &Value, at: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                at.push(Step::Key(k.clone()));
                collect_paths(child, at, out);
                at.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                at.push(Step::Index(i));
                collect_paths(child, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn pointer_mut<'a>(mut v: &'a mut Value, path: &[Step]) -> &'a mut Value {
    for step in path {
        v = match step {
            Step::Key(k) => &mut v[k.as_str()],
            Step::Index(i) => &mut v[*i],
        };
    }
    v
}

#[test]
fn mutated_bodies() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for body in sample_bodies() {
        for _ in 0..800 {
            all_bodies(&mutate(&mut rng, &body));
        }
    }
}

fn stream_fixtures() -> Vec<Vec<u8>> {
    [
        "anthropic_text.sse",
        "anthropic_tools.sse",
        "anthropic_max_tokens.sse",
        "anthropic_error.sse",
        "openai_text.sse",
        "openai_tools.sse",
        "openai_length.sse",
        "openai_error.sse",
    ]
    .iter()
    .map(|n| fixture(n))
    .collect()
}

#[test]
fn mutated_stream_events() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    for sse in stream_fixtures() {
        let events = parse_sse(&sse);
        for _ in 0..400 {
            let mut mutated: Vec<(Option<String>, Vec<u8>)> = Vec::new();
            for (n, d) in &events {
                match rng.below(10) {
                    0 => {} // dropped
                    1 | 2 => mutated.push((n.clone(), mutate(&mut rng, d.as_bytes()))),
                    _ => mutated.push((n.clone(), d.clone().into_bytes())),
                }
            }
            let refs: Vec<(Option<&str>, &[u8])> =
                mutated.iter().map(|(n, d)| (n.as_deref(), d.as_slice())).collect();
            all_streams(&refs);
        }
    }
}

/// Every position of every event replaced by values of every other type,
/// fed in a stream of otherwise valid events.
#[test]
fn stream_type_confusion() {
    let replacements =
        [json!(null), json!(-1), json!(u64::MAX), json!("x"), json!([]), json!({}), json!(true)];
    for sse in stream_fixtures() {
        let events = parse_sse(&sse);
        for (i, (_, data)) in events.iter().enumerate() {
            let Ok(original) = serde_json::from_str::<Value>(data) else { continue };
            let mut paths = Vec::new();
            collect_paths(&original, &mut Vec::new(), &mut paths);
            for path in &paths {
                for r in &replacements {
                    let mut v = original.clone();
                    *pointer_mut(&mut v, path) = r.clone();
                    let replaced = v.to_string();
                    let refs: Vec<(Option<&str>, &[u8])> = events
                        .iter()
                        .enumerate()
                        .map(|(j, (n, d))| {
                            (n.as_deref(), if i == j { replaced.as_bytes() } else { d.as_bytes() })
                        })
                        .collect();
                    all_streams(&refs);
                }
            }
        }
    }
}

#[test]
fn hostile_stream_shapes() {
    // Many tool calls, huge indices, block index overflow attempts.
    let mut events: Vec<String> = Vec::new();
    for i in 0..5000u64 {
        events.push(
            json!({"type": "content_block_start", "index": u64::MAX - i,
                   "content_block": {"type": "tool_use", "id": "t", "name": "n", "input": {"a": [1]}}})
            .to_string(),
        );
        events.push(
            json!({"choices": [{"index": 0, "delta": {"tool_calls": [
            {"index": u64::MAX - i, "id": "c", "function": {"name": "f", "arguments": "{"}}]}}]})
            .to_string(),
        );
    }
    let refs: Vec<(Option<&str>, &[u8])> = events.iter().map(|e| (None, e.as_bytes())).collect();
    all_streams(&refs);
    // Event names that disagree with the data, names only, huge text.
    let big = "x".repeat(1 << 20);
    let delta = json!({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": big}}).to_string();
    let oa = json!({"choices": [{"index": 0, "delta": {"content": big}}]}).to_string();
    all_streams(&[
        (Some("error"), b"{\"type\":\"message_start\"}"),
        (Some("message_start"), b"{}"),
        (Some("message_stop"), b"[]"),
        (None, delta.as_bytes()),
        (None, oa.as_bytes()),
        (Some("\u{0}"), b"\"\\ud800\""),
        (None, b"[DONE] trailing"),
    ]);
}
