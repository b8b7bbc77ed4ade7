//! Times one request through the state machine natively (no host): the
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
    for (name, doc) in
        [("plain", &plain[..]), ("3 limit rules", &limits[..]), ("cache hit", &cached[..])]
    {
        run(name, doc);
    }
}

fn run(name: &str, doc: &[u8]) {
    let config = Rc::new(Config::parse(doc, &|_| None).unwrap().0);
    let req = Headers::from_pairs(&[
        (":authority", b"127.0.0.1:10101"),
        (":path", b"/openai/v1/chat/completions"),
        (":method", b"POST"),
        (":scheme", b"http"),
        ("content-length", b"70"),
        ("content-type", b"application/json"),
        ("x-forwarded-proto", b"http"),
        ("x-request-id", b"5d1d4b6e-6f2a-4d55-9b5c-1f3f0b1f2a3c"),
        ("x-user", b"u1"),
    ]);
    let body = br#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}"#;
    let resp = Headers::from_pairs(&[
        (":status", b"200"),
        ("content-type", b"application/json"),
        ("content-length", b"279"),
        ("x-envoy-upstream-service-time", b"0"),
    ]);
    let rbody = br#"{"id":"chatcmpl-mock-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"mock: Hello"},"finish_reason":"stop","logprobs":null}],"usage":{"prompt_tokens":4,"completion_tokens":2,"total_tokens":6}}"#;
    let n = 200_000;
    let t = Instant::now();
    let mut bytes = 0;
    let mut svc = MemServices::new(1_700_000_000_000_000_000);
    for _ in 0..n {
        let mut ex = Exchange::new(config.clone());
        let _ = ex.on_request_headers(&req, false, &mut svc);
        let _ = ex.request_body_need(body.len(), true);
        let _ = ex.on_request_body(body, &mut svc);
        let _ = ex.on_response_headers(&resp, &mut svc);
        let _ = ex.on_response_body(rbody, true, &mut svc);
        bytes += ex.finish_log(&mut svc).len();
    }
    let per = t.elapsed().as_nanos() as f64 / n as f64;
    let ops = svc.data.len();
    println!(
        "{name}: native compute per request: {per:.0} ns ({} log bytes, {ops} shared keys)",
        bytes / n as usize
    );
}
