//! Stream translation, both directions: exact event sequences, and the
//! streamed result rebuilt by an SDK-style accumulator equals the
//! non-streamed translation of the same response.
// Test helpers outside #[test] fns (clippy.toml covers only those) may fail loudly too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use aigw_translate::{
    anthropic_to_openai_response, openai_to_anthropic_response, AnthropicToOpenAiStream,
    OpenAiToAnthropicStream, ResponseOptions, StreamOptions,
};
use common::{
    accumulate_anthropic, accumulate_openai, anthropic_events, fixture, openai_events, parse_sse,
};
use serde_json::{json, Value};

const CREATED: u64 = 1_700_000_000;

fn sopts(include_usage: bool) -> StreamOptions {
    StreamOptions { id: None, model: None, created: CREATED, include_usage }
}

/// The output of each provider event, then of `finish()`.
fn run_a2o_steps(sse: &[u8], opts: StreamOptions) -> Vec<String> {
    let mut s = AnthropicToOpenAiStream::new(opts);
    let mut steps: Vec<String> = parse_sse(sse)
        .into_iter()
        .map(|(name, data)| String::from_utf8(s.event(name.as_deref(), data.as_bytes())).unwrap())
        .collect();
    steps.push(String::from_utf8(s.finish()).unwrap());
    assert!(s.is_done());
    assert!(s.finish().is_empty(), "finish twice sends nothing more");
    steps
}

fn run_a2o(sse: &[u8], opts: StreamOptions) -> Vec<u8> {
    run_a2o_steps(sse, opts).concat().into_bytes()
}

fn run_o2a_steps(sse: &[u8], opts: ResponseOptions) -> Vec<String> {
    let mut s = OpenAiToAnthropicStream::new(opts);
    let mut steps: Vec<String> = parse_sse(sse)
        .into_iter()
        .map(|(name, data)| String::from_utf8(s.event(name.as_deref(), data.as_bytes())).unwrap())
        .collect();
    steps.push(String::from_utf8(s.finish()).unwrap());
    assert!(s.is_done());
    assert!(s.finish().is_empty(), "finish twice sends nothing more");
    steps
}

fn run_o2a(sse: &[u8], opts: ResponseOptions) -> Vec<u8> {
    run_o2a_steps(sse, opts).concat().into_bytes()
}

fn ropts() -> ResponseOptions {
    ResponseOptions { id: None, model: None, created: CREATED }
}

// ---------------------------------------------------------------- Anthropic → OpenAI

/// One chunk exactly as the translator writes it.
fn chunk(id: &str, delta: &str, finish: &str, usage: bool) -> String {
    let usage = if usage { r#","usage":null"# } else { "" };
    format!(
        r#"data: {{"id":"{id}","object":"chat.completion.chunk","created":{CREATED},"model":"claude-sonnet-4-5-20250929","choices":[{{"index":0,"delta":{delta},"logprobs":null,"finish_reason":{finish}}}]{usage}}}"#
    ) + "\n\n"
}

#[test]
fn a2o_text_exact_sequence() {
    let id = "chatcmpl-msg_01XFDUDYJgAACzvnptvVoYEL";
    let steps = run_a2o_steps(&fixture("anthropic_text.sse"), sopts(true));
    let c = |delta: &str, finish: &str| chunk(id, delta, finish, true);
    let usage = format!(
        r#"data: {{"id":"{id}","object":"chat.completion.chunk","created":{CREATED},"model":"claude-sonnet-4-5-20250929","choices":[],"usage":{{"prompt_tokens":25,"completion_tokens":12,"total_tokens":37,"prompt_tokens_details":{{"cached_tokens":0}}}}}}"#
    ) + "\n\n";
    assert_eq!(
        steps,
        vec![
            c(r#"{"role":"assistant","content":""}"#, "null"), // message_start
            String::new(),                                     // content_block_start (text)
            String::new(),                                     // ping
            c(r#"{"content":"Hello"}"#, "null"),
            c(r#"{"content":"! How can I help"}"#, "null"),
            c(r#"{"content":" you today?"}"#, "null"),
            String::new(), // content_block_stop
            c("{}", r#""stop""#),
            usage + "data: [DONE]\n\n", // message_stop
            String::new(),              // finish()
        ]
    );
}

#[test]
fn a2o_without_include_usage_has_no_usage_key() {
    let out = run_a2o(&fixture("anthropic_text.sse"), sopts(false));
    let id = "chatcmpl-msg_01XFDUDYJgAACzvnptvVoYEL";
    let expected = [
        chunk(id, r#"{"role":"assistant","content":""}"#, "null", false),
        chunk(id, r#"{"content":"Hello"}"#, "null", false),
        chunk(id, r#"{"content":"! How can I help"}"#, "null", false),
        chunk(id, r#"{"content":" you today?"}"#, "null", false),
        chunk(id, "{}", r#""stop""#, false),
        "data: [DONE]\n\n".to_owned(),
    ]
    .concat();
    assert_eq!(String::from_utf8(out).unwrap(), expected);
}

#[test]
fn a2o_text_and_two_tool_calls() {
    let out = run_a2o(&fixture("anthropic_tools.sse"), sopts(true));
    let events = openai_events(&out);
    let deltas: Vec<Value> = events
        .iter()
        .filter(|e| *e != "[DONE]")
        .map(|e| {
            let c = &e["choices"][0];
            json!([c["delta"], c["finish_reason"]])
        })
        .collect();
    let mut expected = vec![
        json!([{"role": "assistant", "content": ""}, null]),
        json!([{"content": "I'll check "}, null]),
        json!([{"content": "both cities"}, null]),
        json!([{"content": "."}, null]),
        json!([{"tool_calls": [{"index": 0, "id": "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "type": "function",
                                "function": {"name": "get_weather", "arguments": ""}}]}, null]),
    ];
    let args1 = r#"{"location": "Paris, France", "unit": "celsius"}"#;
    for piece in args1.as_bytes().chunks(5) {
        let piece = std::str::from_utf8(piece).unwrap();
        expected
            .push(json!([{"tool_calls": [{"index": 0, "function": {"arguments": piece}}]}, null]));
    }
    expected.push(json!([{"tool_calls": [{"index": 1, "id": "toolu_01JwVhPbgqXTgHxv6xvvJVZD", "type": "function",
                                          "function": {"name": "get_time", "arguments": ""}}]}, null]));
    for piece in r#"{"timezone": "Europe/Rome"}"#.as_bytes().chunks(3) {
        let piece = std::str::from_utf8(piece).unwrap();
        expected
            .push(json!([{"tool_calls": [{"index": 1, "function": {"arguments": piece}}]}, null]));
    }
    expected.push(json!([{}, "tool_calls"]));
    expected.push(json!([null, null])); // the usage chunk has no choice
    assert_eq!(deltas, expected);
    let last = &events[events.len() - 2];
    assert_eq!(last["choices"], json!([]));
    assert_eq!(
        last["usage"],
        json!({"prompt_tokens": 2620, "completion_tokens": 89, "total_tokens": 2709,
               "prompt_tokens_details": {"cached_tokens": 2048}})
    );
    assert_eq!(events.last().unwrap(), "[DONE]");
    // Every chunk but the usage chunk carries "usage": null.
    for e in &events[..events.len() - 2] {
        assert_eq!(e.get("usage"), Some(&Value::Null));
    }
}

#[test]
fn a2o_stream_equals_non_streamed_translation() {
    for (sse, body) in [
        ("anthropic_text.sse", "anthropic_text.json"),
        ("anthropic_tools.sse", "anthropic_tools.json"),
        ("anthropic_max_tokens.sse", "anthropic_max_tokens.json"),
    ] {
        let streamed = accumulate_openai(&openai_events(&run_a2o(&fixture(sse), sopts(true))));
        let whole: Value = serde_json::from_slice(
            &anthropic_to_openai_response(&fixture(body), &ResponseOptions::from(&sopts(true)))
                .unwrap(),
        )
        .unwrap();
        assert_eq!(streamed, whole, "{sse}");
    }
}

#[test]
fn a2o_max_tokens() {
    let events = openai_events(&run_a2o(&fixture("anthropic_max_tokens.sse"), sopts(false)));
    let finishes: Vec<&Value> = events
        .iter()
        .filter_map(|e| e.get("choices"))
        .map(|c| &c[0]["finish_reason"])
        .filter(|f| !f.is_null())
        .collect();
    assert_eq!(finishes, [&json!("length")]);
}

#[test]
fn a2o_error_mid_stream() {
    let steps = run_a2o_steps(&fixture("anthropic_error.sse"), sopts(true));
    let id = "chatcmpl-msg_01ErrorMidStreamXXXXXXX";
    assert_eq!(
        steps,
        vec![
            chunk(id, r#"{"role":"assistant","content":""}"#, "null", true),
            String::new(),
            chunk(id, r#"{"content":"Partial"}"#, "null", true),
            "data: {\"error\":{\"message\":\"Overloaded\",\"type\":\"overloaded_error\",\"param\":null,\"code\":null}}\n\ndata: [DONE]\n\n".to_owned(),
            String::new(), // events after the error are ignored
            String::new(), // finish()
        ]
    );
}

#[test]
fn a2o_cut_streams() {
    let events = parse_sse(&fixture("anthropic_text.sse"));
    // Cut before message_delta: an error chunk, then [DONE].
    let mut s = AnthropicToOpenAiStream::new(sopts(true));
    for (name, data) in &events[..5] {
        s.event(name.as_deref(), data.as_bytes());
    }
    let end = openai_events(&s.finish());
    assert_eq!(end.len(), 2);
    assert_eq!(end[0]["error"]["type"], "server_error");
    assert!(end[0]["error"]["message"].as_str().unwrap().contains("ended before"));
    assert_eq!(end[1], "[DONE]");
    // Cut after message_delta (only message_stop missing): a normal end.
    let mut s = AnthropicToOpenAiStream::new(sopts(true));
    for (name, data) in &events[..events.len() - 1] {
        s.event(name.as_deref(), data.as_bytes());
    }
    let end = openai_events(&s.finish());
    assert_eq!(end.len(), 2);
    assert_eq!(end[0]["usage"]["completion_tokens"], 12);
    assert_eq!(end[1], "[DONE]");
    // Nothing at all.
    let mut s = AnthropicToOpenAiStream::new(sopts(false));
    let end = openai_events(&s.finish());
    assert!(end[0].get("error").is_some());
}

#[test]
fn a2o_garbage_and_unknown_events() {
    let mut s = AnthropicToOpenAiStream::new(sopts(false));
    assert!(s.event(Some("ping"), b"{\"type\":\"ping\"}").is_empty());
    assert!(s.event(None, b"").is_empty());
    assert!(s.event(None, b"  \n").is_empty());
    // Before message_start: the first chunk goes out anyway, with fallbacks.
    let out = openai_events(&s.event(Some("brand_new_event"), b"{\"type\":\"brand_new_event\"}"));
    assert!(out.is_empty());
    let out = openai_events(&s.event(
        Some("content_block_delta"),
        br#"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"hi"}}"#,
    ));
    assert_eq!(out[0]["id"], "chatcmpl-aigw");
    assert_eq!(out[1]["choices"][0]["delta"]["content"], "hi");
    // input_json_delta for a block that is not a tool: ignored.
    assert!(s
        .event(None, br#"{"type":"content_block_delta","index":7,"delta":{"type":"input_json_delta","partial_json":"{"}}"#)
        .is_empty());
    // An event that is not JSON ends the stream with an error.
    let out = openai_events(&s.event(Some("content_block_delta"), b"{not json"));
    assert_eq!(out.len(), 2);
    assert!(out[0]["error"]["message"].as_str().unwrap().contains("not JSON"));
    assert!(s.is_done());
    // An error event without a body still gives an error.
    let mut s = AnthropicToOpenAiStream::new(sopts(false));
    let out = openai_events(&s.event(Some("error"), b"{}"));
    assert_eq!(out[0]["error"]["message"], "the provider reported an error");
}

#[test]
fn a2o_options_override_ids() {
    let opts = StreamOptions {
        id: Some("chatcmpl-fixed".into()),
        model: Some("anthropic/claude".into()),
        created: 9,
        include_usage: false,
    };
    for e in openai_events(&run_a2o(&fixture("anthropic_text.sse"), opts)) {
        if e != "[DONE]" {
            assert_eq!(
                (e["id"].as_str(), e["model"].as_str(), e["created"].as_u64()),
                (Some("chatcmpl-fixed"), Some("anthropic/claude"), Some(9))
            );
        }
    }
}

// ---------------------------------------------------------------- OpenAI → Anthropic

#[test]
fn o2a_text_exact_sequence() {
    let steps = run_o2a_steps(&fixture("openai_text.sse"), ropts());
    let start = r#"event: message_start
data: {"type":"message_start","message":{"id":"msg_chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","type":"message","role":"assistant","model":"gpt-4o-2024-08-06","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":0}}}

"#;
    let block_start = "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n";
    let delta = |t: &str| {
        format!("event: content_block_delta\ndata: {{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{{\"type\":\"text_delta\",\"text\":\"{t}\"}}}}\n\n")
    };
    let end = "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n";
    let stop = "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"input_tokens\":19,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":10}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    assert_eq!(
        steps,
        vec![
            start.to_owned(), // role chunk, empty content
            format!("{block_start}{}", delta("Hello")),
            delta("!"),
            delta(" How can I"),
            delta(" assist you today?"),
            end.to_owned(),  // finish_reason
            String::new(),   // usage chunk
            stop.to_owned(), // [DONE]
            String::new(),   // finish()
        ]
    );
}

#[test]
fn o2a_text_and_two_tool_calls() {
    let events = anthropic_events(&run_o2a(&fixture("openai_tools.sse"), ropts()));
    let kinds: Vec<String> = events
        .iter()
        .map(|e| match e["type"].as_str().unwrap() {
            "content_block_start" => format!("start {} {}", e["index"], e["content_block"]["type"]),
            "content_block_delta" => format!("delta {}", e["index"]),
            "content_block_stop" => format!("stop {}", e["index"]),
            other => other.to_owned(),
        })
        .collect();
    let mut expected = vec![
        "message_start".to_owned(),
        "start 0 \"text\"".into(),
        "delta 0".into(),
        "delta 0".into(),
    ];
    expected.push("stop 0".into());
    expected.push("start 1 \"tool_use\"".into());
    expected.extend(std::iter::repeat_n("delta 1".to_owned(), 12));
    expected.push("stop 1".into());
    expected.push("start 2 \"tool_use\"".into());
    expected.extend(std::iter::repeat_n("delta 2".to_owned(), 5));
    expected.push("stop 2".into());
    expected.push("message_delta".into());
    expected.push("message_stop".into());
    assert_eq!(kinds, expected);
    assert_eq!(
        events[5]["content_block"],
        json!({"type": "tool_use", "id": "call_DdmO9pD3xa9XTPNJ32zg2hcA", "name": "get_weather", "input": {}})
    );
    assert_eq!(events[6]["delta"], json!({"type": "input_json_delta", "partial_json": "{\"lo"}));
    let md = &events[events.len() - 2];
    assert_eq!(md["delta"], json!({"stop_reason": "tool_use", "stop_sequence": null}));
    assert_eq!(
        md["usage"],
        json!({"input_tokens": 176, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 1024, "output_tokens": 48})
    );
}

#[test]
fn o2a_stream_equals_non_streamed_translation() {
    for (sse, body) in [
        ("openai_text.sse", "openai_text.json"),
        ("openai_tools.sse", "openai_tools.json"),
        ("openai_length.sse", "openai_length.json"),
    ] {
        let streamed = accumulate_anthropic(&anthropic_events(&run_o2a(&fixture(sse), ropts())));
        let whole: Value = serde_json::from_slice(
            &openai_to_anthropic_response(&fixture(body), &ropts()).unwrap(),
        )
        .unwrap();
        assert_eq!(streamed, whole, "{sse}");
    }
}

#[test]
fn o2a_length() {
    let events = anthropic_events(&run_o2a(&fixture("openai_length.sse"), ropts()));
    assert_eq!(events[events.len() - 2]["delta"]["stop_reason"], "max_tokens");
}

#[test]
fn o2a_error_mid_stream() {
    let steps = run_o2a_steps(&fixture("openai_error.sse"), ropts());
    assert_eq!(steps.len(), 4);
    assert!(steps[0].starts_with("event: message_start\n"));
    assert!(steps[1].contains("\"text\":\"Partial\""));
    assert_eq!(
        steps[2],
        "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"The server had an error while processing your request. Sorry about that!\"}}\n\n"
    );
    assert_eq!(steps[3], "", "finish() after an error sends nothing");
}

#[test]
fn o2a_error_types_in_streams() {
    for (err, kind) in [
        (
            json!({"message": "slow", "type": "requests", "code": "rate_limit_exceeded"}),
            "rate_limit_error",
        ),
        (
            json!({"message": "long", "type": "invalid_request_error", "code": "context_length_exceeded"}),
            "invalid_request_error",
        ),
        (json!({"message": "x"}), "api_error"),
    ] {
        let mut s = OpenAiToAnthropicStream::new(ropts());
        let out = anthropic_events(&s.event(None, json!({"error": err}).to_string().as_bytes()));
        assert_eq!(out[0]["error"]["type"], kind);
    }
    let mut s = OpenAiToAnthropicStream::new(ropts());
    let out = anthropic_events(&s.event(None, b"{\"error\":\"plain\"}"));
    assert_eq!(out[0]["error"], json!({"type": "api_error", "message": "plain"}));
}

#[test]
fn o2a_ends_without_done_or_cut() {
    let events = parse_sse(&fixture("openai_text.sse"));
    // Without [DONE] (some servers): finish() ends the message normally.
    let mut s = OpenAiToAnthropicStream::new(ropts());
    for (_, data) in &events[..events.len() - 1] {
        s.event(None, data.as_bytes());
    }
    let end = anthropic_events(&s.finish());
    assert_eq!(
        end.iter().map(|e| e["type"].as_str().unwrap()).collect::<Vec<_>>(),
        ["message_delta", "message_stop"]
    );
    // Cut before the finish reason: an error event.
    let mut s = OpenAiToAnthropicStream::new(ropts());
    for (_, data) in &events[..3] {
        s.event(None, data.as_bytes());
    }
    let end = anthropic_events(&s.finish());
    assert_eq!(end.len(), 1);
    assert_eq!(end[0]["type"], "error");
    // [DONE] with nothing before it.
    let mut s = OpenAiToAnthropicStream::new(ropts());
    let end = anthropic_events(&s.event(None, b"[DONE]"));
    assert_eq!(end[0]["type"], "error");
    // No usage chunk: message_delta reports zero output tokens only.
    let mut s = OpenAiToAnthropicStream::new(ropts());
    let mut out = Vec::new();
    for (_, data) in events.iter().filter(|(_, d)| !d.contains("\"choices\":[]")) {
        out.extend(s.event(None, data.as_bytes()));
    }
    let events = anthropic_events(&out);
    assert_eq!(events[events.len() - 2]["usage"], json!({"output_tokens": 0}));
}

#[test]
fn o2a_server_quirks() {
    let mut s = OpenAiToAnthropicStream::new(ResponseOptions {
        id: Some("msg_fixed".into()),
        model: Some("openai/gpt-4o".into()),
        created: 0,
    });
    let mut out = Vec::new();
    // Azure: a first chunk without choices.
    out.extend(s.event(
        None,
        br#"{"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[]}"#,
    ));
    assert!(out.is_empty());
    // Two complete tool calls in one chunk, no ids, text after them, usage in
    // the finish chunk, then interleaved arguments for the first call.
    out.extend(s.event(
        None,
        br#"{"id":"x","model":"m","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[
        {"index":0,"function":{"name":"a","arguments":"{\"k\":"}},
        {"index":1,"id":"call_b","function":{"name":"b","arguments":"{}"}}]}}]}"#,
    ));
    out.extend(s.event(None, br#"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"1}"}}]}}]}"#));
    out.extend(s.event(None, br#"{"choices":[{"index":0,"delta":{"content":"done"}},{"index":1,"delta":{"content":"other choice"}}]}"#));
    out.extend(s.event(None, br#"{"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}"#));
    out.extend(s.event(None, b"[DONE]"));
    let events = anthropic_events(&out);
    assert_eq!(events[0]["message"]["id"], "msg_fixed");
    assert_eq!(events[0]["message"]["model"], "openai/gpt-4o");
    let message = accumulate_anthropic(&events);
    assert_eq!(
        message["content"],
        json!([
            {"type": "tool_use", "id": "toolu_msg_fixed_0", "name": "a", "input": {"k": 1}},
            {"type": "tool_use", "id": "call_b", "name": "b", "input": {}},
            {"type": "text", "text": "done"}
        ])
    );
    assert_eq!(message["stop_reason"], "tool_use");
    assert_eq!(message["usage"]["input_tokens"], 3);
    assert_eq!(message["usage"]["output_tokens"], 4);
    // Garbage ends the stream with an error; later events are ignored.
    let mut s = OpenAiToAnthropicStream::new(ropts());
    let out = anthropic_events(&s.event(None, b"not json"));
    assert_eq!(out[0]["type"], "error");
    assert!(s.event(None, b"[DONE]").is_empty());
}
