//! Times one request through the state machine without a host (natively, or
//! as a Wasm command under a WASI runtime): the
//! compute the filter adds per request, apart from host calls.
// A developer tool, not filter code: a broken fixture should stop it loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
use std::rc::Rc;
use std::time::Instant;

use aigw_core::config::Config;
use aigw_core::exchange::Exchange;
use aigw_core::headers::Headers;
use aigw_core::services::MemServices;

fn main() {
    let plain = br#"{"version":1,"providers":{"openai":{"kind":"openai","cluster":"mock"},"anthropic":{"kind":"anthropic","cluster":"mock"}}}"#;
    let limits = br#"{"version":1,"providers":{"openai":{"kind":"openai","cluster":"mock"}},"limits":{"rules":[
        {"name":"rpm-per-user","key":[{"header":"x-user"}],"limit":1000000000,"window":"1m"},
        {"name":"tokens-per-model","key":["model"],"unit":"total_tokens","limit":1000000000000,"window":"1h"},
        {"name":"rps-per-provider","key":["provider"],"limit":1000000000,"window":"1s","window_type":"fixed"}]}}"#;
    // After the first request, every one is an L1 hit.
    let cached = br#"{"version":1,"providers":{"openai":{"kind":"openai","cluster":"mock"}},"cache":{"enabled":true,"ttl_s":3600}}"#;
    // The bench's DLP policy: every built-in detector redacting, both ways.
    let dlp = br#"{"version":1,"providers":{"openai":{"kind":"openai","cluster":"mock"}},"policies":{"bench":{"request":{"*":"redact"},"response":{"*":"redact"}}},"policy":"bench"}"#;
    // The bench's `routed` listener: conditions that do not hold, then a
    // conditional 90/10 split over two keys, on the request's own model.
    let routed = br#"{"version":1,"providers":{"openai":{"kind":"openai","cluster":"mock","keys":{"second":{"env":"AIGW_BENCH_SECOND_KEY"}}}},"routes":{"gpt-4o-mini":{"rules":[
        {"name":"beta","when":{"tenant":"beta"},"target":"openai/gpt-4o"},
        {"name":"eu","when":{"metadata":{"region":"eu"}},"target":"openai","key":"second"},
        {"name":"canary","when":{"header":{"x-canary":"1"}},"target":"openai/gpt-4.1-mini"},
        {"name":"split","when":{"model":"gpt-4o*"},"split":[{"target":"openai","weight":90},{"target":"openai","key":"second","weight":10}]}]}}}"#;
    // Nothing on the route reads the body (no stream-usage option): the
    // request passes unheld (docs/configuration.md#unheld-requests).
    let unheld = br#"{"version":1,"providers":{"openai":{"kind":"openai","cluster":"mock","inject_stream_usage":false}}}"#;
    // OpenTelemetry attributes on (docs/otel.md): one host call each.
    let otel = br#"{"version":1,"providers":{"openai":{"kind":"openai","cluster":"mock"}},"otel":{"attributes":true}}"#;
    // The bench's MCP listener: a server without and with a DLP policy, a
    // limit rule on tool calls (tests/bench/bench.py `mcp`).
    let mcp = br#"{"version":1,"providers":{"openai":{"kind":"openai","cluster":"mock"}},
        "policies":{"mcp-bench":{"request":{"*":"redact"},"response":{"*":"redact","prompt_injection":"block"}}},
        "mcp":{"servers":{"tools":{"cluster":"mcp_server","authority":"mcp.internal","path":"/mcp"},
                          "tools-dlp":{"cluster":"mcp_server","authority":"mcp.internal","path":"/mcp","policy":"mcp-bench"}},
               "limits":{"rules":[{"name":"tool-calls","key":["tenant"],"limit":1000000000,"window":"1m"}]}}}"#;
    let hello =
        br#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}"#.to_vec();
    let (prose, dense) = (prompt_10k(false), prompt_10k(true));
    let scenarios: [(&str, &[u8], &[u8]); 10] = [
        ("plain", plain, &hello),
        ("unheld", unheld, &hello),
        ("otel attributes", otel, &hello),
        ("routed", routed, &hello),
        ("3 limit rules", limits, &hello),
        ("cache hit", cached, &hello),
        ("prompt 10k", plain, &prose),
        ("cache hit 10k", cached, &prose),
        ("dlp 10k", dlp, &prose),
        ("dlp 10k dense", dlp, &dense),
    ];
    // FLOW=<name> runs one scenario, N=<count> sets the loop (callgrind wants few).
    let only = std::env::var("FLOW").ok();
    let n = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(20_000);
    // BODY=<bytes>: only the plain request with a prompt of that size (the
    // body curve of `make bench-curves`, docs/perf/README.md).
    if let Some(size) = std::env::var("BODY").ok().and_then(|v| v.parse::<usize>().ok()) {
        run(&format!("body {size}"), plain, &prompt_of(size), n);
        return;
    }
    // HIT=<bytes>: that prompt as an L1 hit (the hit path at any size).
    if let Some(size) = std::env::var("HIT").ok().and_then(|v| v.parse::<usize>().ok()) {
        run(&format!("cache hit {size}"), cached, &prompt_of(size), n);
        return;
    }
    // STREAM=<events>: a streamed answer of that many events, one per
    // callback (the events curve of `make bench-curves`); with DLP=1 under
    // the bench's DLP policy (the stream guard on every event). PER=<k>:
    // k events per callback, as Envoy hands them over when they arrive
    // faster than the filter reads them.
    if let Some(events) = std::env::var("STREAM").ok().and_then(|v| v.parse::<usize>().ok()) {
        let guarded = std::env::var("DLP").is_ok_and(|v| v == "1");
        let per = std::env::var("PER").ok().and_then(|v| v.parse::<usize>().ok()).unwrap_or(1);
        run_stream(if guarded { dlp } else { plain }, events, per.max(1), n);
        return;
    }
    for (name, doc, body) in scenarios {
        if only.as_deref().is_none_or(|o| o == name) {
            run(name, doc, body, n);
        }
    }
    let call = br#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"Hello from the agent"}}}"#;
    for (name, path) in [("mcp", "/mcp/tools"), ("mcp dlp", "/mcp/tools-dlp")] {
        if only.as_deref().is_none_or(|o| o == name) {
            run_at(name, mcp, path, call, MCP_RESULT, n);
        }
    }
}

/// A plain request with a prompt of `size` bytes.
fn prompt_of(size: usize) -> Vec<u8> {
    let text = "lorem ipsum dolor sit amet ".repeat(size / 27 + 1);
    let body = serde_json::json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": text.get(..size).unwrap_or(&text)}]});
    serde_json::to_vec(&body).unwrap()
}

/// The mock MCP server's answer to the bench's tool call.
const MCP_RESULT: &[u8] =
    br#"{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"mock: echo"}],"isError":false}}"#;

/// The mock's chat answer.
const CHAT_ANSWER: &[u8] = br#"{"id":"chatcmpl-mock-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"mock: Hello"},"finish_reason":"stop","logprobs":null}],"usage":{"prompt_tokens":4,"completion_tokens":2,"total_tokens":6}}"#;

/// The bench's 10 KB prompt (tests/bench/bench.py `prompt_10k`).
fn prompt_10k(dense: bool) -> Vec<u8> {
    const PROSE: &str = "Our quarterly review covers the migration of the billing service, the new on-call rotation and the customer escalations from last month. Please summarise the open risks and draft a short note to the team, keeping the tone factual and brief. ";
    const VALUES: [&str; 3] = [
        "Contact jane.doe@example.com about it. ",
        "Call +1 415 555 2671 after lunch. ",
        "The card on file is 4111 1111 1111 1111. ",
    ];
    const DENSE: &str = "Our quarterly review covers the migration of the billing service, the new on-call rotation and the customer escalations from last month. Please summarise the open risks, and draft a short note to the team; contact jane.doe@example.com or call +1 415 555 2671 if the numbers for account 4111 1111 1111 1111 look off. ";
    let (mut text, mut i) = (String::new(), 0);
    while text.len() < 10240 {
        if dense {
            text.push_str(DENSE);
        } else {
            text.push_str(PROSE);
            if i % 3 == 2 {
                text.push_str(VALUES[i / 3 % 3]);
            }
        }
        i += 1;
    }
    text.truncate(10240);
    let body = serde_json::json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": text}]});
    serde_json::to_vec(&body).unwrap()
}

fn run(name: &str, doc: &[u8], body: &[u8], n: u32) {
    run_at(name, doc, "/openai/v1/chat/completions", body, CHAT_ANSWER, n);
}

fn run_at(name: &str, doc: &[u8], path: &str, body: &[u8], rbody: &[u8], n: u32) {
    let env = |k: &str| (k == "AIGW_BENCH_SECOND_KEY").then(|| "sk-bench-second".to_string());
    let config = Rc::new(Config::parse(doc, &env).unwrap().0);
    let req = Headers::from_pairs(&[
        (":authority", b"127.0.0.1:10101"),
        (":path", path.as_bytes()),
        (":method", b"POST"),
        (":scheme", b"http"),
        ("content-length", body.len().to_string().as_bytes()),
        ("content-type", b"application/json"),
        ("x-forwarded-proto", b"http"),
        ("x-request-id", b"5d1d4b6e-6f2a-4d55-9b5c-1f3f0b1f2a3c"),
        ("x-user", b"u1"),
    ]);
    let resp = Headers::from_pairs(&[
        (":status", b"200"),
        ("content-type", b"application/json"),
        ("content-length", rbody.len().to_string().as_bytes()),
        ("x-envoy-upstream-service-time", b"0"),
    ]);
    let mut bytes = 0;
    let mut svc = MemServices::new(1_700_000_000_000_000_000);
    // A first round warms up (a Wasm engine compiles lazily), the second is timed.
    let mut per = 0.0;
    let mut host_ops = 0;
    for _ in 0..2 {
        bytes = 0;
        host_ops = 0;
        let t = Instant::now();
        for _ in 0..n {
            let mut ex = Exchange::new(config.clone());
            host_ops += ex.on_request_headers(&req, false, &mut svc).ops.len();
            let _ = ex.request_body_need(body.len(), true);
            host_ops += ex.on_request_body(body, &mut svc).ops.len();
            host_ops += ex.on_response_headers(&resp, &mut svc).ops.len();
            host_ops += ex.on_response_body(rbody, true, &mut svc).ops.len();
            // As the host asks at the response's end (None when off).
            host_ops += ex.take_otel_attributes().map_or(0, |a| a.len());
            bytes += ex.finish_log(&mut svc).len();
        }
        per = t.elapsed().as_nanos() as f64 / f64::from(n);
    }
    let ops = svc.data.len();
    println!(
        "{name}: compute per request: {per:.0} ns ({} log bytes, {ops} shared keys, {:.1} ops)",
        bytes / n as usize,
        host_ops as f64 / f64::from(n)
    );
}

/// One streamed request whose answer comes as `events` SSE events, `per`
/// to a body callback (1: as the mock sends them).
fn run_stream(doc: &[u8], events: usize, per: usize, n: u32) {
    let config = Rc::new(Config::parse(doc, &|_: &str| None).unwrap().0);
    let body =
        br#"{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Hello"}]}"#;
    let req = Headers::from_pairs(&[
        (":authority", b"127.0.0.1:10101"),
        (":path", b"/openai/v1/chat/completions"),
        (":method", b"POST"),
        (":scheme", b"http"),
        ("content-length", body.len().to_string().as_bytes()),
        ("content-type", b"application/json"),
    ]);
    let resp = Headers::from_pairs(&[(":status", b"200"), ("content-type", b"text/event-stream")]);
    let event = br#"data: {"id":"chatcmpl-mock-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"word "},"finish_reason":null}],"usage":null}

"#;
    let last = br#"data: {"id":"chatcmpl-mock-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}

data: [DONE]

"#;
    let chunks: Vec<Vec<u8>> =
        (0..events).collect::<Vec<_>>().chunks(per).map(|c| event.repeat(c.len())).collect();
    let mut svc = MemServices::new(1_700_000_000_000_000_000);
    let mut took = 0.0;
    for _ in 0..2 {
        let t = Instant::now();
        for _ in 0..n {
            let mut ex = Exchange::new(config.clone());
            let _ = ex.on_request_headers(&req, false, &mut svc);
            let _ = ex.request_body_need(body.len(), true);
            let _ = ex.on_request_body(body, &mut svc);
            let _ = ex.on_response_headers(&resp, &mut svc);
            for chunk in &chunks {
                let _ = ex.on_response_body(chunk, false, &mut svc);
            }
            let _ = ex.on_response_body(last, true, &mut svc);
            let _ = ex.finish_log(&mut svc);
        }
        took = t.elapsed().as_nanos() as f64 / f64::from(n);
    }
    let guard = if config.policies.is_empty() { "" } else { " (DLP policy)" };
    println!(
        "stream {events} events, {per} per callback{guard}: compute per request: {took:.0} ns \
         ({:.0} ns per event)",
        took / events as f64
    );
}
