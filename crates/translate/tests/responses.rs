//! Non-streamed response translation, both directions.
// Test helpers outside #[test] fns (clippy.toml covers only those) may fail loudly too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use aigw_translate::{
    anthropic_to_openai_response, openai_to_anthropic_response, ResponseOptions, TranslateError,
};
use common::fixture;
use serde_json::{json, Value};

fn ropts() -> ResponseOptions {
    ResponseOptions { id: None, model: None, created: 1_700_000_000 }
}

fn a2o(body: &[u8]) -> Value {
    serde_json::from_slice(&anthropic_to_openai_response(body, &ropts()).unwrap()).unwrap()
}

fn o2a(body: &[u8]) -> Value {
    serde_json::from_slice(&openai_to_anthropic_response(body, &ropts()).unwrap()).unwrap()
}

#[test]
fn a2o_text_exact_bytes() {
    let out = anthropic_to_openai_response(&fixture("anthropic_text.json"), &ropts()).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        r#"{"id":"chatcmpl-msg_01XFDUDYJgAACzvnptvVoYEL","object":"chat.completion","created":1700000000,"model":"claude-sonnet-4-5-20250929","choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I help you today?","refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":25,"completion_tokens":12,"total_tokens":37,"prompt_tokens_details":{"cached_tokens":0}}}"#
    );
}

#[test]
fn a2o_tool_use_and_cache_usage() {
    let out = a2o(&fixture("anthropic_tools.json"));
    assert_eq!(
        out["choices"][0],
        json!({
            "index": 0,
            "message": {
                "role": "assistant",
                "content": "I'll check both cities.",
                "refusal": null,
                "tool_calls": [
                    {"id": "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "type": "function",
                     "function": {"name": "get_weather", "arguments": "{\"location\": \"Paris, France\", \"unit\": \"celsius\"}"}},
                    {"id": "toolu_01JwVhPbgqXTgHxv6xvvJVZD", "type": "function",
                     "function": {"name": "get_time", "arguments": "{\"timezone\": \"Europe/Rome\"}"}}
                ]
            },
            "logprobs": null,
            "finish_reason": "tool_calls"
        })
    );
    assert_eq!(
        out["usage"],
        json!({"prompt_tokens": 2620, "completion_tokens": 89, "total_tokens": 2709,
               "prompt_tokens_details": {"cached_tokens": 2048}})
    );
}

#[test]
fn a2o_only_tool_calls_has_null_content_and_options_override() {
    let body = json!({"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-x",
        "content": [{"type": "tool_use", "id": "toolu_1", "name": "f", "input": {}}],
        "stop_reason": "tool_use", "stop_sequence": null, "usage": {"input_tokens": 1, "output_tokens": 2}});
    let opts = ResponseOptions {
        id: Some("chatcmpl-mine".into()),
        model: Some("anthropic/claude-x".into()),
        created: 5,
    };
    let out: Value = serde_json::from_slice(
        &anthropic_to_openai_response(body.to_string().as_bytes(), &opts).unwrap(),
    )
    .unwrap();
    assert_eq!(out["id"], "chatcmpl-mine");
    assert_eq!(out["model"], "anthropic/claude-x");
    assert_eq!(out["created"], 5);
    assert_eq!(out["choices"][0]["message"]["content"], Value::Null);
    assert_eq!(out["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"], "{}");
}

#[test]
fn a2o_stop_reasons() {
    for (stop, finish) in [
        (json!("end_turn"), "stop"),
        (json!("stop_sequence"), "stop"),
        (json!("max_tokens"), "length"),
        (json!("model_context_window_exceeded"), "length"),
        (json!("tool_use"), "tool_calls"),
        (json!("refusal"), "content_filter"),
        (json!("pause_turn"), "stop"),
        (json!("something_new"), "stop"),
        (Value::Null, "stop"),
    ] {
        let body = json!({"id": "m", "type": "message", "role": "assistant", "model": "c",
            "content": [{"type": "text", "text": "x"}], "stop_reason": stop, "usage": {"input_tokens": 1, "output_tokens": 1}});
        assert_eq!(
            a2o(body.to_string().as_bytes())["choices"][0]["finish_reason"],
            finish,
            "{stop}"
        );
    }
    assert_eq!(a2o(&fixture("anthropic_max_tokens.json"))["choices"][0]["finish_reason"], "length");
}

#[test]
fn a2o_lenient_and_invalid() {
    // Unknown blocks are skipped, missing usage is zero.
    let out = a2o(br#"{"type":"message","content":[{"type":"server_tool_use","id":"s","name":"web_search","input":{}},{"type":"text","text":"ok"}]}"#);
    assert_eq!(out["choices"][0]["message"]["content"], "ok");
    assert_eq!(out["usage"]["total_tokens"], 0);
    assert_eq!(out["id"], "chatcmpl-aigw");
    for (body, field) in [
        (&br#"{"type":"error","error":{"type":"overloaded_error","message":"x"}}"#[..], "type"),
        (br#"{"type":"message"}"#, "content"),
        (br#"{"content":[{"text":"x"}]}"#, "content[0].type"),
        (br#"{"content":[{"type":"text","text":5}]}"#, "content[0].text"),
        (br#"{"content":{}}"#, "content"),
        (br#"[]"#, ""),
    ] {
        match anthropic_to_openai_response(body, &ropts()) {
            Err(TranslateError::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{}: {other:?}", String::from_utf8_lossy(body)),
        }
    }
}

#[test]
fn o2a_text_exact_bytes() {
    let out = openai_to_anthropic_response(&fixture("openai_text.json"), &ropts()).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        r#"{"id":"msg_chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","type":"message","role":"assistant","model":"gpt-4o-2024-08-06","content":[{"type":"text","text":"Hello! How can I assist you today?"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":19,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":10}}"#
    );
}

#[test]
fn o2a_tool_calls_and_cached_usage() {
    let out = o2a(&fixture("openai_tools.json"));
    assert_eq!(
        out["content"],
        json!([
            {"type": "text", "text": "Checking both."},
            {"type": "tool_use", "id": "call_DdmO9pD3xa9XTPNJ32zg2hcA", "name": "get_weather",
             "input": {"location": "Paris, France", "unit": "celsius"}},
            {"type": "tool_use", "id": "call_Qx4pM2tLtBGq1A5Ae7bV0Xkx", "name": "get_time",
             "input": {"timezone": "Europe/Rome"}}
        ])
    );
    assert_eq!(out["stop_reason"], "tool_use");
    assert_eq!(
        out["usage"],
        json!({"input_tokens": 176, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 1024, "output_tokens": 48})
    );
    assert_eq!(o2a(&fixture("openai_length.json"))["stop_reason"], "max_tokens");
}

#[test]
fn o2a_finish_reasons_refusal_and_choices() {
    for (finish, stop) in [
        (json!("stop"), "end_turn"),
        (json!("length"), "max_tokens"),
        (json!("tool_calls"), "tool_use"),
        (json!("function_call"), "tool_use"),
        (json!("content_filter"), "refusal"),
        (Value::Null, "end_turn"),
    ] {
        let body = json!({"id": "c", "choices": [{"index": 0, "message": {"role": "assistant", "content": "x"}, "finish_reason": finish}]});
        assert_eq!(o2a(body.to_string().as_bytes())["stop_reason"], stop, "{finish}");
    }
    // refusal becomes text; choice 0 is picked wherever it is; parts content.
    let body = json!({"id": "c", "model": "m", "choices": [
        {"index": 1, "message": {"role": "assistant", "content": "second"}, "finish_reason": "stop"},
        {"index": 0, "message": {"role": "assistant", "content": [{"type": "text", "text": "fir"}, {"type": "text", "text": "st"}],
                                 "refusal": "but no"}, "finish_reason": "stop"}
    ]});
    assert_eq!(
        o2a(body.to_string().as_bytes())["content"],
        json!([{"type": "text", "text": "first"}, {"type": "text", "text": "but no"}])
    );
    // Empty content and empty arguments.
    let body = json!({"id": "c", "choices": [{"index": 0, "message": {"role": "assistant", "content": "",
        "tool_calls": [{"id": "t", "type": "function", "function": {"name": "f", "arguments": ""}}]}, "finish_reason": "tool_calls"}]});
    assert_eq!(
        o2a(body.to_string().as_bytes())["content"],
        json!([{"type": "tool_use", "id": "t", "name": "f", "input": {}}])
    );
}

#[test]
fn o2a_invalid() {
    let cases: Vec<(Value, &str)> = vec![
        (json!({"error": {"message": "x"}}), "error"),
        (json!({"id": "c"}), "choices"),
        (json!({"choices": []}), "choices"),
        (json!({"choices": [{"index": 0}]}), "choices[0].message"),
        (
            json!({"choices": [{"index": 0, "message": {"content": 1}}]}),
            "choices[0].message.content",
        ),
        (
            json!({"choices": [{"index": 0, "message": {"tool_calls": [{"id": "t", "function": {"name": "f", "arguments": "{\"a\":"}}]}}]}),
            "choices[0].message.tool_calls[0].function.arguments",
        ),
        (
            json!({"choices": [{"index": 0, "message": {"tool_calls": [{"id": "t", "function": {"name": "f", "arguments": "[]"}}]}}]}),
            "choices[0].message.tool_calls[0].function.arguments",
        ),
    ];
    for (body, field) in cases {
        match openai_to_anthropic_response(body.to_string().as_bytes(), &ropts()) {
            Err(TranslateError::Invalid { field: f, .. }) => assert_eq!(f, field, "{body}"),
            other => panic!("{body}: {other:?}"),
        }
    }
}

/// Anthropic → OpenAI → Anthropic keeps text, tool calls (inputs byte for
/// byte), the stop reason and the usage when no cache writes are involved
/// (OpenAI has no field for them).
#[test]
fn round_trip_anthropic_openai_anthropic() {
    let original = fixture("anthropic_text.json");
    let keep = ResponseOptions { id: Some("msg_01XFDUDYJgAACzvnptvVoYEL".into()), ..ropts() };
    let openai = anthropic_to_openai_response(&original, &ropts()).unwrap();
    let back = openai_to_anthropic_response(&openai, &keep).unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&back).unwrap(),
        serde_json::from_slice::<Value>(&original).unwrap()
    );

    let body = br#"{"id":"msg_2","type":"message","role":"assistant","model":"claude-x","content":[{"type":"text","text":"Sure."},{"type":"tool_use","id":"toolu_9","name":"f","input":{"z":1,"a":{"b":[true,null]}}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":3,"cache_creation_input_tokens":0,"cache_read_input_tokens":4,"output_tokens":5}}"#;
    let openai = anthropic_to_openai_response(body, &ropts()).unwrap();
    let back = openai_to_anthropic_response(
        &openai,
        &ResponseOptions { id: Some("msg_2".into()), ..ropts() },
    )
    .unwrap();
    assert_eq!(String::from_utf8(back).unwrap(), String::from_utf8(body.to_vec()).unwrap());
}

/// OpenAI → Anthropic → OpenAI keeps the message, finish reason and usage
/// totals (OpenAI-only extras such as `annotations`, `system_fingerprint` and
/// `completion_tokens_details` are not carried).
#[test]
fn round_trip_openai_anthropic_openai() {
    for name in ["openai_text.json", "openai_tools.json", "openai_length.json"] {
        let original: Value = serde_json::from_slice(&fixture(name)).unwrap();
        let anthropic = openai_to_anthropic_response(&fixture(name), &ropts()).unwrap();
        let opts = ResponseOptions {
            id: original["id"].as_str().map(str::to_owned),
            created: original["created"].as_u64().unwrap(),
            ..ropts()
        };
        let back: Value =
            serde_json::from_slice(&anthropic_to_openai_response(&anthropic, &opts).unwrap())
                .unwrap();
        let mut expected = original.clone();
        let obj = expected.as_object_mut().unwrap();
        obj.remove("service_tier");
        obj.remove("system_fingerprint");
        obj["choices"][0]["message"].as_object_mut().unwrap().remove("annotations");
        obj["usage"].as_object_mut().unwrap().remove("completion_tokens_details");
        obj["usage"]["prompt_tokens_details"].as_object_mut().unwrap().remove("audio_tokens");
        assert_eq!(back, expected, "{name}");
    }
}
