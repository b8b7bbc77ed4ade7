//! Writes what the translations produce from the test fixtures as one JSON
//! manifest, for `tests/sdk_check/check.py` to feed to the official OpenAI
//! and Anthropic Python SDKs:
//!
//!     cargo run -q -p aigw-translate --example sdk_fixtures > /tmp/manifest.json
// A developer tool, not filter code: a broken fixture should stop it loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use aigw_translate::{
    anthropic_error_to_openai, anthropic_to_openai_request, anthropic_to_openai_response,
    openai_error_to_anthropic, openai_to_anthropic_request, openai_to_anthropic_response,
    AnthropicToOpenAiStream, OpenAiToAnthropicStream, RequestOptions, ResponseOptions,
    StreamOptions,
};
use serde_json::{json, Value};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).expect("translations write UTF-8")
}

/// `(event, data)` of each event of a fixture stream.
fn events(sse: &[u8]) -> Vec<(Option<String>, String)> {
    let sse = std::str::from_utf8(sse).expect("fixtures are UTF-8");
    sse.split("\n\n")
        .filter(|b| !b.is_empty())
        .map(|block| {
            let mut name = None;
            let mut data = String::new();
            for line in block.lines() {
                if let Some(v) = line.strip_prefix("event: ") {
                    name = Some(v.to_owned());
                } else if let Some(v) = line.strip_prefix("data: ") {
                    data = v.to_owned();
                }
            }
            (name, data)
        })
        .collect()
}

fn a2o_stream(name: &str, include_usage: bool) -> String {
    let opts = StreamOptions { id: None, model: None, created: 1_700_000_000, include_usage };
    let mut s = AnthropicToOpenAiStream::new(opts);
    let mut out = Vec::new();
    for (event, data) in events(&fixture(name)) {
        out.extend(s.event(event.as_deref(), data.as_bytes()));
    }
    out.extend(s.finish());
    text(out)
}

fn o2a_stream(name: &str) -> String {
    let mut s = OpenAiToAnthropicStream::new(ResponseOptions::default());
    let mut out = Vec::new();
    for (event, data) in events(&fixture(name)) {
        out.extend(s.event(event.as_deref(), data.as_bytes()));
    }
    out.extend(s.finish());
    text(out)
}

fn main() {
    let ropts = ResponseOptions { id: None, model: None, created: 1_700_000_000 };
    let mut openai_completions = Vec::new();
    let mut openai_streams = Vec::new();
    for name in ["anthropic_text", "anthropic_tools", "anthropic_max_tokens"] {
        let body = anthropic_to_openai_response(&fixture(&format!("{name}.json")), &ropts)
            .expect("fixture translates");
        let body = text(body);
        openai_completions.push(json!({"name": name, "body": body}));
        for include_usage in [true, false] {
            openai_streams.push(json!({
                "name": name,
                "include_usage": include_usage,
                "sse": a2o_stream(&format!("{name}.sse"), include_usage),
                "non_streamed": body,
            }));
        }
    }
    let mut anthropic_messages = Vec::new();
    let mut anthropic_streams = Vec::new();
    for name in ["openai_text", "openai_tools", "openai_length"] {
        let body = openai_to_anthropic_response(&fixture(&format!("{name}.json")), &ropts)
            .expect("fixture translates");
        let body = text(body);
        anthropic_messages.push(json!({"name": name, "body": body}));
        anthropic_streams.push(json!({
            "name": name,
            "sse": o2a_stream(&format!("{name}.sse")),
            "non_streamed": body,
        }));
    }

    let anthropic_provider_errors: [(u16, &[u8]); 6] = [
        (400, br#"{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"}}"#),
        (401, br#"{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}"#),
        (429, br#"{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}"#),
        (529, br#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#),
        (500, b"upstream connect error or disconnect/reset before headers"),
        (502, b""),
    ];
    let openai_errors: Vec<Value> = anthropic_provider_errors
        .iter()
        .map(|(status, body)| {
            json!({"status": status, "body": text(anthropic_error_to_openai(*status, body))})
        })
        .collect();
    let openai_provider_errors: [(u16, &[u8]); 6] = [
        (400, br#"{"error":{"message":"This model's maximum context length is 128000 tokens.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}"#),
        (401, br#"{"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#),
        (429, br#"{"error":{"message":"Rate limit reached for gpt-4o","type":"requests","param":null,"code":"rate_limit_exceeded"}}"#),
        (503, br#"{"error":{"message":"The engine is currently overloaded, please try again later","type":"server_error","param":null,"code":null}}"#),
        (404, br#"{"detail":"Not Found"}"#),
        (500, b"<html><body>Internal Server Error</body></html>"),
    ];
    let anthropic_errors: Vec<Value> = openai_provider_errors
        .iter()
        .map(|(status, body)| {
            json!({"status": status, "body": text(openai_error_to_anthropic(*status, body))})
        })
        .collect();

    // Requests translated each way, for the SDKs' parameter checks.
    let openai_request = json!({
        "model": "anthropic/claude-sonnet-4-5",
        "messages": [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": [
                {"type": "text", "text": "Weather here?"},
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
                {"type": "image_url", "image_url": {"url": "https://example.com/a.jpg"}},
                {"type": "file", "file": {"file_data": "data:application/pdf;base64,JVBERi0x", "filename": "a.pdf"}}
            ]},
            {"role": "assistant", "content": "Checking.", "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}
            ]},
            {"role": "tool", "tool_call_id": "call_1", "content": "18C"},
            {"role": "user", "content": "Thanks"}
        ],
        "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Weather",
                   "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}],
        "tool_choice": "required",
        "parallel_tool_calls": false,
        "max_completion_tokens": 256,
        "stop": ["END"],
        "temperature": 0.4,
        "top_p": 0.9,
        "user": "u-1",
        "stream": true,
        "stream_options": {"include_usage": true}
    });
    let anthropic_request = openai_to_anthropic_request(
        openai_request.to_string().as_bytes(),
        &RequestOptions::new("claude-sonnet-4-6"),
    )
    .expect("request translates");
    let back = anthropic_to_openai_request(&anthropic_request, &RequestOptions::new("gpt-4o"))
        .expect("request translates back");

    let manifest = json!({
        "openai_completions": openai_completions,
        "openai_streams": openai_streams,
        "openai_stream_error": a2o_stream("anthropic_error.sse", true),
        "anthropic_messages": anthropic_messages,
        "anthropic_streams": anthropic_streams,
        "anthropic_stream_error": o2a_stream("openai_error.sse"),
        "openai_errors": openai_errors,
        "anthropic_errors": anthropic_errors,
        "anthropic_requests": [text(anthropic_request)],
        "openai_requests": [text(back)],
    });
    println!("{manifest:#}");
}
