//! Request translation, both directions.
// Test helpers outside #[test] fns (clippy.toml covers only those) may fail loudly too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use aigw_translate::{
    anthropic_to_openai_request, openai_to_anthropic_request, MaxTokensField, RequestOptions,
    Sampling, TranslateError,
};
use serde_json::{json, Value};

fn opts() -> RequestOptions {
    RequestOptions::new("claude-sonnet-4-5")
}

fn o2a(req: Value) -> Value {
    o2a_with(req, &opts())
}

fn o2a_with(req: Value, opts: &RequestOptions) -> Value {
    let out = openai_to_anthropic_request(req.to_string().as_bytes(), opts).unwrap();
    serde_json::from_slice(&out).unwrap()
}

fn o2a_err(req: Value) -> TranslateError {
    openai_to_anthropic_request(req.to_string().as_bytes(), &opts()).unwrap_err()
}

fn a2o(req: Value) -> Value {
    a2o_with(req, &RequestOptions::new("gpt-4o"))
}

fn a2o_with(req: Value, opts: &RequestOptions) -> Value {
    let out = anthropic_to_openai_request(req.to_string().as_bytes(), opts).unwrap();
    serde_json::from_slice(&out).unwrap()
}

fn a2o_err(req: Value) -> TranslateError {
    anthropic_to_openai_request(req.to_string().as_bytes(), &RequestOptions::new("gpt-4o"))
        .unwrap_err()
}

// ---------------------------------------------------------------- OpenAI → Anthropic

#[test]
fn o2a_minimal_with_defaults() {
    let out = o2a(json!({
        "model": "anthropic/claude-sonnet-4-5",
        "messages": [{"role": "user", "content": "Hello"}]
    }));
    assert_eq!(
        out,
        json!({
            "model": "claude-sonnet-4-5",
            "messages": [{"role": "user", "content": "Hello"}],
            "max_tokens": 4096
        })
    );
}

#[test]
fn o2a_system_and_developer_messages_are_joined() {
    let out = o2a(json!({
        "model": "m",
        "messages": [
            {"role": "system", "content": "You are terse."},
            {"role": "developer", "content": [{"type": "text", "text": "Answer in French."},
                                               {"type": "text", "text": "No emoji."}]},
            {"role": "user", "content": "Hi"},
            {"role": "system", "content": "Late instruction."},
            {"role": "assistant", "content": "Salut"},
            {"role": "user", "content": "Ça va ?"}
        ]
    }));
    assert_eq!(
        out["system"],
        "You are terse.\n\nAnswer in French.\n\nNo emoji.\n\nLate instruction."
    );
    assert_eq!(
        out["messages"],
        json!([
            {"role": "user", "content": "Hi"},
            {"role": "assistant", "content": "Salut"},
            {"role": "user", "content": "Ça va ?"}
        ])
    );
}

#[test]
fn o2a_consecutive_same_role_turns_are_merged() {
    let out = o2a(json!({
        "model": "m",
        "messages": [
            {"role": "user", "content": "one"},
            {"role": "user", "content": [{"type": "text", "text": "two"}]},
            {"role": "assistant", "content": "three"},
            {"role": "assistant", "content": "four"},
            {"role": "user", "content": ""},
            {"role": "user", "content": "five"}
        ]
    }));
    assert_eq!(
        out["messages"],
        json!([
            {"role": "user", "content": [{"type": "text", "text": "one"}, {"type": "text", "text": "two"}]},
            {"role": "assistant", "content": [{"type": "text", "text": "three"}, {"type": "text", "text": "four"}]},
            {"role": "user", "content": "five"}
        ])
    );
}

#[test]
fn o2a_images_and_files() {
    let out = o2a(json!({
        "model": "m",
        "messages": [{"role": "user", "content": [
            {"type": "text", "text": "Compare these."},
            {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo=", "detail": "high"}},
            {"type": "image_url", "image_url": {"url": "data:image/jpg;base64,/9j/4AAQ"}},
            {"type": "image_url", "image_url": {"url": "https://example.com/cat.webp"}},
            {"type": "image_url", "image_url": "http://example.com/dog.gif"},
            {"type": "file", "file": {"file_data": "data:application/pdf;base64,JVBERi0x", "filename": "a.pdf"}}
        ]}]
    }));
    assert_eq!(
        out["messages"][0]["content"],
        json!([
            {"type": "text", "text": "Compare these."},
            {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}},
            {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": "/9j/4AAQ"}},
            {"type": "image", "source": {"type": "url", "url": "https://example.com/cat.webp"}},
            {"type": "image", "source": {"type": "url", "url": "http://example.com/dog.gif"}},
            {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBERi0x"}, "title": "a.pdf"}
        ])
    );
}

#[test]
fn o2a_unsupported_images_and_parts() {
    for (part, field) in [
        (
            json!({"type": "image_url", "image_url": {"url": "data:image/bmp;base64,Qk0="}}),
            "messages[0].content[0].image_url.url",
        ),
        (
            json!({"type": "image_url", "image_url": {"url": "ftp://x/y.png"}}),
            "messages[0].content[0].image_url.url",
        ),
        (
            json!({"type": "input_audio", "input_audio": {"data": "AAAA", "format": "wav"}}),
            "messages[0].content[0].type",
        ),
        (json!({"type": "file", "file": {"file_id": "file-123"}}), "messages[0].content[0].file"),
        (
            json!({"type": "file", "file": {"file_data": "data:text/csv;base64,YQ=="}}),
            "messages[0].content[0].file.file_data",
        ),
        (json!({"type": "video", "video": {}}), "messages[0].content[0].type"),
    ] {
        let req = json!({"model": "m", "messages": [{"role": "user", "content": [part, {"type": "text", "text": "x"}]}]});
        match o2a_err(req.clone()) {
            TranslateError::Unsupported { field: f, .. } => assert_eq!(f, field, "{part}"),
            other => panic!("{part}: {other:?}"),
        }
        // Dropped on request.
        let dropping = RequestOptions { drop_unsupported: true, ..opts() };
        assert_eq!(o2a_with(req, &dropping)["messages"], json!([{"role": "user", "content": "x"}]));
    }
}

fn weather_tool() -> Value {
    json!({
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Weather in a city",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
            "strict": true
        }
    })
}

#[test]
fn o2a_tool_calls_and_results() {
    let out = o2a(json!({
        "model": "m",
        "messages": [
            {"role": "user", "content": "Weather in Paris and Rome?"},
            {"role": "assistant", "content": "Let me check.", "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\": \"Paris\"}"}},
                {"id": "call_2", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Rome\"}"}}
            ]},
            {"role": "tool", "tool_call_id": "call_1", "content": "18°C"},
            {"role": "tool", "tool_call_id": "call_2", "content": [{"type": "text", "text": "21°C"}, {"type": "text", "text": "sunny"}]},
            {"role": "user", "content": "Thanks, and now?"},
            {"role": "assistant", "content": null, "tool_calls": [
                {"id": "functions.get_weather:3", "type": "function", "function": {"name": "get_weather", "arguments": ""}}
            ]},
            {"role": "tool", "tool_call_id": "functions.get_weather:3", "content": ""}
        ],
        "tools": [weather_tool()],
        "tool_choice": "auto"
    }));
    assert_eq!(
        out["messages"],
        json!([
            {"role": "user", "content": "Weather in Paris and Rome?"},
            {"role": "assistant", "content": [
                {"type": "text", "text": "Let me check."},
                {"type": "tool_use", "id": "call_1", "name": "get_weather", "input": {"city": "Paris"}},
                {"type": "tool_use", "id": "call_2", "name": "get_weather", "input": {"city": "Rome"}}
            ]},
            {"role": "user", "content": [
                {"type": "tool_result", "tool_use_id": "call_1", "content": "18°C"},
                {"type": "tool_result", "tool_use_id": "call_2", "content": [
                    {"type": "text", "text": "21°C"}, {"type": "text", "text": "sunny"}]},
                {"type": "text", "text": "Thanks, and now?"}
            ]},
            {"role": "assistant", "content": [
                {"type": "tool_use", "id": "functions_get_weather_3", "name": "get_weather", "input": {}}
            ]},
            {"role": "user", "content": [
                {"type": "tool_result", "tool_use_id": "functions_get_weather_3"}
            ]}
        ])
    );
    assert_eq!(
        out["tools"],
        json!([{
            "name": "get_weather",
            "description": "Weather in a city",
            "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
        }])
    );
    assert_eq!(out["tool_choice"], json!({"type": "auto"}));
}

#[test]
fn o2a_tool_schema_and_arguments_pass_byte_for_byte() {
    let body = br#"{"model":"m","messages":[{"role":"user","content":"x"},{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{\"zeta\":1,\"alpha\":[2, 3]}"}}]},{"role":"tool","tool_call_id":"c","content":"ok"}],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"zeta":{"type":"integer"},"alpha":{"type":"array"}}}}}]}"#;
    let out = String::from_utf8(openai_to_anthropic_request(body, &opts()).unwrap()).unwrap();
    assert!(out.contains(r#""input":{"zeta":1,"alpha":[2, 3]}"#), "{out}");
    assert!(
        out.contains(r#""input_schema":{"type":"object","properties":{"zeta":{"type":"integer"},"alpha":{"type":"array"}}}"#),
        "{out}"
    );
}

#[test]
fn o2a_tool_choice_variants() {
    let base = |choice: Value, parallel: Option<bool>| {
        let mut req = json!({
            "model": "m", "messages": [{"role": "user", "content": "x"}],
            "tools": [weather_tool()], "tool_choice": choice
        });
        if let Some(p) = parallel {
            req["parallel_tool_calls"] = json!(p);
        }
        o2a(req).get("tool_choice").cloned()
    };
    assert_eq!(base(json!("none"), None), Some(json!({"type": "none"})));
    assert_eq!(base(json!("required"), None), Some(json!({"type": "any"})));
    assert_eq!(
        base(json!({"type": "function", "function": {"name": "get_weather"}}), None),
        Some(json!({"type": "tool", "name": "get_weather"}))
    );
    assert_eq!(
        base(json!("required"), Some(false)),
        Some(json!({"type": "any", "disable_parallel_tool_use": true}))
    );
    assert_eq!(
        base(Value::Null, Some(false)),
        Some(json!({"type": "auto", "disable_parallel_tool_use": true}))
    );
    assert_eq!(base(json!("none"), Some(false)), Some(json!({"type": "none"})));
    assert_eq!(base(json!("auto"), Some(true)), Some(json!({"type": "auto"})));
    // No tools: the choice is dropped.
    let out = o2a(
        json!({"model": "m", "messages": [{"role": "user", "content": "x"}], "tool_choice": "none", "parallel_tool_calls": false}),
    );
    assert!(out.get("tool_choice").is_none());
    assert!(out.get("tools").is_none());
    assert!(matches!(
        o2a_err(
            json!({"model": "m", "messages": [{"role": "user", "content": "x"}], "tools": [weather_tool()], "tool_choice": "sometimes"})
        ),
        TranslateError::Invalid { .. }
    ));
    assert!(matches!(
        o2a_err(
            json!({"model": "m", "messages": [{"role": "user", "content": "x"}], "tools": [weather_tool()],
                       "tool_choice": {"type": "allowed_tools", "allowed_tools": {"mode": "auto", "tools": []}}})
        ),
        TranslateError::Unsupported { .. }
    ));
}

#[test]
fn o2a_function_without_parameters_gets_an_empty_schema() {
    let out = o2a(json!({
        "model": "m", "messages": [{"role": "user", "content": "x"}],
        "tools": [{"type": "function", "function": {"name": "now"}}]
    }));
    assert_eq!(
        out["tools"],
        json!([{"name": "now", "input_schema": {"type": "object", "properties": {}}}])
    );
}

#[test]
fn o2a_invalid_tool_arguments_are_an_error() {
    for (args, msg) in [
        ("{\"city\": ", "is not valid JSON"),
        ("[1,2]", "must be a JSON object"),
        ("\"Paris\"", "must be a JSON object"),
        ("{} {}", "is not valid JSON"),
    ] {
        let err = o2a_err(json!({"model": "m", "messages": [
            {"role": "user", "content": "x"},
            {"role": "assistant", "tool_calls": [{"id": "c", "type": "function", "function": {"name": "f", "arguments": args}}]}
        ]}));
        match err {
            TranslateError::Invalid { field, message } => {
                assert_eq!(field, "messages[1].tool_calls[0].function.arguments");
                assert!(message.starts_with(msg), "{args}: {message}");
            }
            other => panic!("{args}: {other:?}"),
        }
    }
}

#[test]
fn o2a_options() {
    let out = o2a(json!({
        "model": "m",
        "messages": [{"role": "user", "content": "x"}],
        "max_tokens": 100,
        "max_completion_tokens": 200,
        "stop": ["END", "", "STOP"],
        "temperature": 1.7,
        "top_p": 0.9,
        "top_k": 40,
        "stream": true,
        "stream_options": {"include_usage": true},
        "user": "user-42",
        "n": 1,
        "logprobs": false,
        "presence_penalty": 0,
        "frequency_penalty": 0.0,
        "logit_bias": {},
        "response_format": {"type": "text"},
        "modalities": ["text"],
        "seed": 7,
        "store": false,
        "service_tier": "auto",
        "metadata": {"team": "a"},
        "prompt_cache_key": "k",
        "reasoning_effort": "low",
        "verbosity": "low",
        "safety_identifier": "ignored-when-user-is-set",
        "top_logprobs": null,
        "tools": null
    }));
    assert_eq!(
        out,
        json!({
            "model": "claude-sonnet-4-5",
            "messages": [{"role": "user", "content": "x"}],
            "max_tokens": 200,
            "stop_sequences": ["END", "STOP"],
            "temperature": 1.0,
            "top_p": 0.9,
            "top_k": 40,
            "stream": true,
            "metadata": {"user_id": "user-42"}
        })
    );
    let out = o2a(json!({"model": "m", "messages": [{"role": "user", "content": "x"}],
                         "max_tokens": 5, "stop": "\n\nHuman:", "temperature": 0.3, "stream": false,
                         "metadata": {"user": "u-7"}}));
    assert_eq!(out["max_tokens"], 5);
    assert_eq!(out["stop_sequences"], json!(["\n\nHuman:"]));
    assert_eq!(out["temperature"], 0.3);
    assert!(out.get("stream").is_none());
    assert_eq!(out["metadata"], json!({"user_id": "u-7"}));
    let out = o2a(
        json!({"model": "m", "messages": [{"role": "user", "content": "x"}], "safety_identifier": "s-1"}),
    );
    assert_eq!(out["metadata"], json!({"user_id": "s-1"}));
    let custom = RequestOptions { default_max_tokens: 1234, ..opts() };
    assert_eq!(
        o2a_with(json!({"model": "m", "messages": [{"role": "user", "content": "x"}]}), &custom)
            ["max_tokens"],
        1234
    );
}

#[test]
fn o2a_unsupported_options() {
    let cases = [
        ("n", json!(2)),
        ("logprobs", json!(true)),
        ("top_logprobs", json!(3)),
        ("logit_bias", json!({"50256": -100})),
        ("presence_penalty", json!(0.5)),
        ("frequency_penalty", json!(-1)),
        ("response_format", json!({"type": "json_object"})),
        (
            "response_format",
            json!({"type": "json_schema", "json_schema": {"name": "x", "schema": {}}}),
        ),
        ("modalities", json!(["text", "audio"])),
        ("audio", json!({"voice": "alloy", "format": "wav"})),
        ("functions", json!([{"name": "f"}])),
        ("function_call", json!("auto")),
        ("web_search_options", json!({})),
        ("brand_new_option", json!(1)),
        ("stop", json!(["\n"])),
    ];
    for (key, value) in cases {
        let mut req = json!({"model": "m", "messages": [{"role": "user", "content": "x"}]});
        req[key] = value.clone();
        match o2a_err(req.clone()) {
            TranslateError::Unsupported { field, .. } => assert_eq!(field, key),
            other => panic!("{key}={value}: {other:?}"),
        }
        let dropping = RequestOptions { drop_unsupported: true, ..opts() };
        let out = o2a_with(req, &dropping);
        assert_eq!(out["messages"], json!([{"role": "user", "content": "x"}]), "{key}");
        assert!(out.get(key).is_none(), "{key}");
    }
}

#[test]
fn o2a_invalid_requests() {
    let cases = [
        (json!([]), ""),
        (json!({"model": "m"}), "messages"),
        (json!({"model": "m", "messages": {}}), "messages"),
        (json!({"model": "m", "messages": []}), "messages"),
        (
            json!({"model": "m", "messages": [{"role": "system", "content": "only system"}]}),
            "messages",
        ),
        (json!({"model": "m", "messages": [{"content": "x"}]}), "messages[0].role"),
        (
            json!({"model": "m", "messages": [{"role": "robot", "content": "x"}]}),
            "messages[0].role",
        ),
        (
            json!({"model": "m", "messages": [{"role": "user", "content": 5}]}),
            "messages[0].content",
        ),
        (
            json!({"model": "m", "messages": [{"role": "user", "content": [{"type": "text"}]}]}),
            "messages[0].content[0].text",
        ),
        (
            json!({"model": "m", "messages": [{"role": "system", "content": [{"type": "image_url", "image_url": {"url": "https://x"}}]}]}),
            "messages[0].content[0].type",
        ),
        (
            json!({"model": "m", "messages": [{"role": "tool", "content": "x"}]}),
            "messages[0].tool_call_id",
        ),
        (
            json!({"model": "m", "messages": [{"role": "tool", "tool_call_id": "", "content": "x"}]}),
            "messages[0].tool_call_id",
        ),
        (
            json!({"model": "m", "messages": [{"role": "user", "content": "x"}], "max_tokens": -1}),
            "max_tokens",
        ),
        (
            json!({"model": "m", "messages": [{"role": "user", "content": "x"}], "max_tokens": 1.5}),
            "max_tokens",
        ),
        (
            json!({"model": "m", "messages": [{"role": "user", "content": "x"}], "temperature": "hot"}),
            "temperature",
        ),
        (json!({"model": "m", "messages": [{"role": "user", "content": "x"}], "stop": 7}), "stop"),
        (
            json!({"model": "m", "messages": [{"role": "user", "content": "x"}], "stream": "yes"}),
            "stream",
        ),
        (
            json!({"model": "m", "messages": [{"role": "user", "content": "x"}], "tools": [{"type": "function"}]}),
            "tools[0].function",
        ),
        (
            json!({"model": "m", "messages": [{"role": "user", "content": "x"}], "tools": [{"type": "function", "function": {"name": "f", "parameters": [1]}}]}),
            "tools[0].function.parameters",
        ),
        (
            json!({"model": "m", "messages": [{"role": "user", "content": "x"}, {"role": "assistant", "tool_calls": [{"type": "function", "function": {"name": "f", "arguments": "{}"}}]}]}),
            "messages[1].tool_calls[0].id",
        ),
    ];
    for (req, field) in cases {
        match o2a_err(req.clone()) {
            TranslateError::Invalid { field: f, .. } => assert_eq!(f, field, "{req}"),
            other => panic!("{req}: {other:?}"),
        }
    }
    assert!(matches!(
        openai_to_anthropic_request(b"{\"model\":", &opts()),
        Err(TranslateError::InvalidJson { .. })
    ));
    assert_eq!(
        openai_to_anthropic_request(br#"{"model":"a","model":"b","messages":[]}"#, &opts()),
        Err(TranslateError::Invalid { field: "model".into(), message: "duplicate key".into() })
    );
}

#[test]
fn o2a_final_assistant_prefill_is_trimmed() {
    let out = o2a(json!({"model": "m", "messages": [
        {"role": "user", "content": "Say a JSON object"},
        {"role": "assistant", "content": "{\n  "}
    ]}));
    assert_eq!(out["messages"][1], json!({"role": "assistant", "content": "{"}));
    let out = o2a(json!({"model": "m", "messages": [
        {"role": "user", "content": "x"},
        {"role": "assistant", "content": "  \n"}
    ]}));
    assert_eq!(out["messages"], json!([{"role": "user", "content": "x"}]));
}

#[test]
fn o2a_assistant_refusal_and_parts() {
    let out = o2a(json!({"model": "m", "messages": [
        {"role": "user", "content": "x"},
        {"role": "assistant", "content": [{"type": "refusal", "refusal": "I can't."}]},
        {"role": "user", "content": "y"},
        {"role": "assistant", "content": null, "refusal": "No."},
        {"role": "user", "content": "z", "name": "bob"}
    ]}));
    assert_eq!(out["messages"][1], json!({"role": "assistant", "content": "I can't."}));
    assert_eq!(out["messages"][3], json!({"role": "assistant", "content": "No."}));
    assert_eq!(out["messages"][4], json!({"role": "user", "content": "z"}));
}

#[test]
fn sampling_modes() {
    let req = |t: Value, p: Value| {
        json!({"model": "m", "messages": [{"role": "user", "content": "x"}],
               "temperature": t, "top_p": p, "top_k": 5})
    };
    let pick = |out: Value| {
        (out.get("temperature").cloned(), out.get("top_p").cloned(), out.get("top_k").cloned())
    };
    let with = |s| RequestOptions { sampling: s, ..opts() };
    let (t, p, k) = (Some(json!(0.2)), Some(json!(0.5)), Some(json!(5)));
    assert_eq!(
        pick(o2a_with(req(json!(0.2), json!(0.5)), &with(Sampling::All))),
        (t.clone(), p.clone(), k.clone())
    );
    assert_eq!(
        pick(o2a_with(req(json!(0.2), json!(0.5)), &with(Sampling::TemperatureOrTopP))),
        (t.clone(), None, k.clone())
    );
    assert_eq!(
        pick(o2a_with(req(Value::Null, json!(0.5)), &with(Sampling::TemperatureOrTopP))),
        (None, p, k.clone())
    );
    assert_eq!(
        pick(o2a_with(req(json!(0.2), json!(0.5)), &with(Sampling::None))),
        (None, None, None)
    );
    // A top_p of 1 is a no-op and is never sent.
    assert_eq!(pick(o2a_with(req(json!(0.2), json!(1)), &with(Sampling::All))), (t, None, k));
    // The same modes towards OpenAI (which has no top_k).
    let a = |s| {
        let body = json!({"model": "c", "max_tokens": 5, "messages": [{"role": "user", "content": "x"}],
                          "temperature": 0.3, "top_p": 0.4, "top_k": 9});
        let out = a2o_with(body, &RequestOptions { sampling: s, ..RequestOptions::new("o3") });
        (out.get("temperature").cloned(), out.get("top_p").cloned(), out.get("top_k").cloned())
    };
    assert_eq!(a(Sampling::All), (Some(json!(0.3)), Some(json!(0.4)), None));
    assert_eq!(a(Sampling::TemperatureOrTopP), (Some(json!(0.3)), None, None));
    assert_eq!(a(Sampling::None), (None, None, None));
}

// ---------------------------------------------------------------- Anthropic → OpenAI

#[test]
fn a2o_full_conversation() {
    let out = a2o(json!({
        "model": "claude-sonnet-4-5",
        "max_tokens": 1024,
        "system": [{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}},
                   {"type": "text", "text": "Use metric units."}],
        "messages": [
            {"role": "user", "content": [
                {"type": "text", "text": "What is in this picture, and the weather there?"},
                {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}},
                {"type": "image", "source": {"type": "url", "url": "https://example.com/a.jpg"}},
                {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBERi0x"}, "title": "a.pdf"},
                {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": "plain doc"}}
            ]},
            {"role": "assistant", "content": [
                {"type": "thinking", "thinking": "Paris, probably.", "signature": "sig"},
                {"type": "text", "text": "Paris. "},
                {"type": "text", "text": "Checking."},
                {"type": "tool_use", "id": "toolu_01", "name": "get_weather", "input": {"city": "Paris", "units": "C"}}
            ]},
            {"role": "user", "content": [
                {"type": "tool_result", "tool_use_id": "toolu_01", "content": "18°C"},
                {"type": "text", "text": "And tomorrow?"}
            ]},
            {"role": "assistant", "content": [
                {"type": "tool_use", "id": "toolu_02", "name": "get_weather", "input": {}}
            ]},
            {"role": "user", "content": [
                {"type": "tool_result", "tool_use_id": "toolu_02", "is_error": true,
                 "content": [{"type": "text", "text": "timeout"}, {"type": "text", "text": "retry later"}]}
            ]}
        ],
        "tools": [{"name": "get_weather", "description": "Weather", "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}}, "cache_control": {"type": "ephemeral"}}],
        "tool_choice": {"type": "any", "disable_parallel_tool_use": true},
        "stop_sequences": ["END"],
        "temperature": 0.5,
        "top_p": 0.8,
        "top_k": 10,
        "metadata": {"user_id": "u-1"},
        "stream": true,
        "thinking": {"type": "enabled", "budget_tokens": 2048}
    }));
    assert_eq!(
        out,
        json!({
            "model": "gpt-4o",
            "messages": [
                {"role": "system", "content": "Be brief.\n\nUse metric units."},
                {"role": "user", "content": [
                    {"type": "text", "text": "What is in this picture, and the weather there?"},
                    {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
                    {"type": "image_url", "image_url": {"url": "https://example.com/a.jpg"}},
                    {"type": "file", "file": {"file_data": "data:application/pdf;base64,JVBERi0x", "filename": "a.pdf"}},
                    {"type": "text", "text": "plain doc"}
                ]},
                {"role": "assistant", "content": "Paris. Checking.", "tool_calls": [
                    {"id": "toolu_01", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\",\"units\":\"C\"}"}}
                ]},
                {"role": "tool", "tool_call_id": "toolu_01", "content": "18°C"},
                {"role": "user", "content": "And tomorrow?"},
                {"role": "assistant", "content": null, "tool_calls": [
                    {"id": "toolu_02", "type": "function", "function": {"name": "get_weather", "arguments": "{}"}}
                ]},
                {"role": "tool", "tool_call_id": "toolu_02", "content": [
                    {"type": "text", "text": "timeout"}, {"type": "text", "text": "retry later"}]}
            ],
            "max_completion_tokens": 1024,
            "stop": ["END"],
            "temperature": 0.5,
            "top_p": 0.8,
            "stream": true,
            "stream_options": {"include_usage": true},
            "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}],
            "tool_choice": "required",
            "parallel_tool_calls": false,
            "user": "u-1"
        })
    );
}

#[test]
fn a2o_options_and_choices() {
    let req = |extra: Value| {
        let mut r = json!({"model": "c", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}],
                           "tools": [{"name": "f", "input_schema": {"type": "object"}, "strict": true}]});
        for (k, v) in extra.as_object().unwrap() {
            r[k] = v.clone();
        }
        r
    };
    let out = a2o(req(json!({"tool_choice": {"type": "tool", "name": "f"}})));
    assert_eq!(out["tool_choice"], json!({"type": "function", "function": {"name": "f"}}));
    assert_eq!(out["tools"][0]["function"]["strict"], true);
    assert_eq!(a2o(req(json!({"tool_choice": {"type": "auto"}})))["tool_choice"], "auto");
    assert_eq!(a2o(req(json!({"tool_choice": {"type": "none"}})))["tool_choice"], "none");
    let legacy = RequestOptions {
        max_tokens_field: MaxTokensField::MaxTokens,
        stream_usage: false,
        ..RequestOptions::new("llama3")
    };
    let out = a2o_with(req(json!({"stream": true})), &legacy);
    assert_eq!(out["max_tokens"], 10);
    assert!(out.get("max_completion_tokens").is_none());
    assert_eq!(out["stream"], true);
    assert!(out.get("stream_options").is_none());
    assert!(out.get("tool_choice").is_none());
    // Tool choice without tools is dropped.
    let out = a2o(
        json!({"model": "c", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}], "tool_choice": {"type": "any"}}),
    );
    assert!(out.get("tool_choice").is_none());
}

#[test]
fn a2o_unsupported() {
    let cases: Vec<(Value, &str)> = vec![
        (
            json!({"tools": [{"type": "web_search_20250305", "name": "web_search"}]}),
            "tools[0].type",
        ),
        (json!({"mcp_servers": [{"type": "url", "url": "https://x", "name": "x"}]}), "mcp_servers"),
        (json!({"container": "c-1"}), "container"),
        (
            json!({"output_config": {"format": {"type": "json_schema", "schema": {}}}}),
            "output_config.format",
        ),
        (json!({"some_new_field": true}), "some_new_field"),
        (
            json!({"messages": [{"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t",
                "content": [{"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "AA=="}}]}]}]}),
            "messages[0].content[0].content[0].type",
        ),
        (
            json!({"messages": [{"role": "user", "content": [{"type": "image", "source": {"type": "file", "file_id": "f"}}]}]}),
            "messages[0].content[0].source.type",
        ),
        (
            json!({"messages": [{"role": "user", "content": [{"type": "search_result", "source": "s", "title": "t", "content": []}]}]}),
            "messages[0].content[0].type",
        ),
        (
            json!({"messages": [{"role": "assistant", "content": [{"type": "server_tool_use", "id": "s", "name": "web_search", "input": {}}]}]}),
            "messages[0].content[0].type",
        ),
    ];
    for (extra, field) in cases {
        let mut req = json!({"model": "c", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}]});
        for (k, v) in extra.as_object().unwrap() {
            req[k] = v.clone();
        }
        match a2o_err(req) {
            TranslateError::Unsupported { field: f, .. } => assert_eq!(f, field),
            other => panic!("{field}: {other:?}"),
        }
    }
    let ok = a2o(
        json!({"model": "c", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}],
                        "output_config": {"effort": "low"}, "service_tier": "auto", "top_k": 5}),
    );
    assert_eq!(ok["messages"], json!([{"role": "user", "content": "hi"}]));
}

#[test]
fn a2o_invalid() {
    let cases = [
        (json!({"model": "c", "max_tokens": 1}), "messages"),
        (
            json!({"model": "c", "messages": [{"role": "system", "content": "x"}]}),
            "messages[0].role",
        ),
        (json!({"model": "c", "messages": [{"role": "user"}]}), "messages[0].content"),
        (
            json!({"model": "c", "messages": [{"role": "user", "content": [{"type": "tool_result"}]}]}),
            "messages[0].content[0].tool_use_id",
        ),
        (
            json!({"model": "c", "messages": [{"role": "assistant", "content": [{"type": "tool_use", "id": "t", "name": "f"}]}]}),
            "messages[0].content[0].input",
        ),
        (json!({"model": "c", "messages": [], "system": [{"type": "image"}]}), "system[0].type"),
        (json!({"model": "c", "messages": [], "tools": [{"name": "f"}]}), "tools[0].input_schema"),
        (
            json!({"model": "c", "messages": [], "tools": [{"name": "f", "input_schema": "x"}]}),
            "tools[0].input_schema",
        ),
        (json!({"model": "c", "messages": [], "stop_sequences": "END"}), "stop_sequences"),
    ];
    for (req, field) in cases {
        match a2o_err(req.clone()) {
            TranslateError::Invalid { field: f, .. } => assert_eq!(f, field, "{req}"),
            other => panic!("{req}: {other:?}"),
        }
    }
}

// ---------------------------------------------------------------- round trips

/// OpenAI → Anthropic → OpenAI keeps the messages, tools and options of a
/// request already in canonical form (one leading system message, strictly
/// alternating turns, `max_completion_tokens`).
#[test]
fn round_trip_openai_anthropic_openai() {
    let original = json!({
        "model": "gpt-4o",
        "messages": [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": [
                {"type": "text", "text": "What is this?"},
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
                {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}}
            ]},
            {"role": "assistant", "content": "Checking.", "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "lookup", "arguments": "{\"q\":\"a png\",\"n\":2}"}},
                {"id": "call_2", "type": "function", "function": {"name": "lookup", "arguments": "{}"}}
            ]},
            {"role": "tool", "tool_call_id": "call_1", "content": "an image"},
            {"role": "tool", "tool_call_id": "call_2", "content": "nothing"},
            {"role": "user", "content": "Thanks"},
            {"role": "assistant", "content": null, "tool_calls": [
                {"id": "call_3", "type": "function", "function": {"name": "lookup", "arguments": "{\"q\":\"thanks\"}"}}
            ]},
            {"role": "tool", "tool_call_id": "call_3", "content": "ok"}
        ],
        "max_completion_tokens": 300,
        "stop": ["END"],
        "temperature": 0.2,
        "top_p": 0.9,
        "stream": true,
        "stream_options": {"include_usage": true},
        "tools": [{"type": "function", "function": {"name": "lookup", "description": "Look up", "parameters": {"type": "object", "properties": {"q": {"type": "string"}, "n": {"type": "integer"}}}}}],
        "tool_choice": {"type": "function", "function": {"name": "lookup"}},
        "parallel_tool_calls": false,
        "user": "u-9"
    });
    let anthropic = openai_to_anthropic_request(original.to_string().as_bytes(), &opts()).unwrap();
    let back = anthropic_to_openai_request(&anthropic, &RequestOptions::new("gpt-4o")).unwrap();
    let back: Value = serde_json::from_slice(&back).unwrap();
    assert_eq!(back, original);
}

/// Anthropic → OpenAI → Anthropic likewise.
#[test]
fn round_trip_anthropic_openai_anthropic() {
    let original = json!({
        "model": "claude-sonnet-4-5",
        "system": "Be brief.",
        "messages": [
            {"role": "user", "content": [
                {"type": "text", "text": "Look:"},
                {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": "/9j/4AAQ"}},
                {"type": "image", "source": {"type": "url", "url": "https://example.com/a.png"}}
            ]},
            {"role": "assistant", "content": [
                {"type": "text", "text": "Looking."},
                {"type": "tool_use", "id": "toolu_1", "name": "lookup", "input": {"q": "x"}}
            ]},
            {"role": "user", "content": [
                {"type": "tool_result", "tool_use_id": "toolu_1", "content": "found"},
                {"type": "text", "text": "More?"}
            ]},
            {"role": "assistant", "content": "Done."},
            {"role": "user", "content": "Bye"}
        ],
        "max_tokens": 512,
        "stop_sequences": ["END"],
        "temperature": 0.7,
        "top_p": 0.5,
        "stream": true,
        "metadata": {"user_id": "u-1"},
        "tools": [{"name": "lookup", "description": "Look up", "input_schema": {"type": "object", "properties": {"q": {"type": "string"}}}}],
        "tool_choice": {"type": "auto", "disable_parallel_tool_use": true}
    });
    let openai = anthropic_to_openai_request(
        original.to_string().as_bytes(),
        &RequestOptions::new("gpt-4o"),
    )
    .unwrap();
    let back = openai_to_anthropic_request(&openai, &opts()).unwrap();
    let back: Value = serde_json::from_slice(&back).unwrap();
    assert_eq!(back, original);
}
