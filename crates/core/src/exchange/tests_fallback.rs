//! Retries, timeouts, circuit breakers, fallback chains and the unified
//! endpoint, through the state machine.

use super::tests::{headers, post};
use super::*;
use crate::services::MemServices;

const CHAIN: &str = r#"{"version":1,"providers":{
  "openai":{"kind":"openai","api_key":{"env":"OPENAI_KEY"},
    "retry":{"max_attempts":2,"retry_delay_ms":0},
    "circuit_breaker":{"failures":3,"cooldown_ms":1000},
    "fallback":[{"provider":"anthropic","model_map":{"gpt-4o":"claude-x","*":"claude-small"}}]},
  "anthropic":{"kind":"anthropic","api_key":{"env":"ANTHROPIC_KEY"},"models":["claude-x","claude-small"]},
  "plain":{"kind":"openai"}
}}"#;

pub(super) fn config(doc: &str) -> Rc<Config> {
    let env = |k: &str| match k {
        "OPENAI_KEY" => Some("sk-gw".to_string()),
        "ANTHROPIC_KEY" => Some("ant-gw".to_string()),
        _ => None,
    };
    Rc::new(Config::parse(doc.as_bytes(), &env).unwrap().0)
}

pub(super) const CHAT: &[u8] = br#"{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}"#;
pub(super) const OPENAI_OK: &[u8] = br#"{"id":"c1","object":"chat.completion","created":1,"model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":"from openai"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}"#;
const ANTHROPIC_OK: &[u8] = br#"{"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[{"type":"text","text":"from claude"}],"stop_reason":"end_turn","usage":{"input_tokens":4,"output_tokens":3}}"#;

pub(super) fn start(
    cfg: &Rc<Config>,
    svc: &mut MemServices,
    path: &str,
    extra: &[(&str, &str)],
    body: &[u8],
) -> (Exchange, Step) {
    let mut ex = Exchange::new(cfg.clone());
    let head = ex.on_request_headers(&post(path, extra), false, svc);
    assert!(head.flow == Flow::Pause && !ex.replied(), "{head:?}");
    ex.set_owner(1);
    assert_eq!(ex.request_body_need(body.len(), true), BodyNeed::Complete);
    let step = ex.on_request_body(body, svc);
    (ex, step)
}

/// A request whose route reads nothing of its body: the headers go on
/// with the route rewrite, and a body chunk passes unread.
pub(super) fn start_unheld(
    cfg: &Rc<Config>,
    svc: &mut MemServices,
    path: &str,
    extra: &[(&str, &str)],
) -> (Exchange, Step) {
    let mut ex = Exchange::new(cfg.clone());
    let head = ex.on_request_headers(&post(path, extra), false, svc);
    assert!(head.flow == Flow::Continue && !ex.replied(), "{head:?}");
    ex.set_owner(1);
    assert_eq!(ex.request_body_need(10, true), BodyNeed::Pass);
    (ex, head)
}

pub(super) fn callout(ops: &[Op]) -> Callout {
    ops.iter()
        .find_map(|o| match o {
            Op::Dispatch(c) => Some(c.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no dispatch in {ops:?}"))
}

fn header<'a>(c: &'a Callout, name: &str) -> &'a str {
    c.headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| std::str::from_utf8(v).unwrap())
        .unwrap_or("")
}

pub(super) fn answer(status: u16, ct: &str, body: &[u8]) -> CalloutResponse {
    CalloutResponse {
        status: Some(status),
        headers: headers(&[(":status", &status.to_string()), ("content-type", ct)]),
        body: body.to_vec(),
        refused: None,
    }
}

pub(super) fn local(step: &Step) -> (u16, Vec<(String, String)>, Vec<u8>) {
    match step.ops.last() {
        Some(Op::SendLocal { status, headers, body }) => (
            *status,
            headers.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
            body.clone(),
        ),
        other => panic!("expected a local reply, got {other:?}"),
    }
}

pub(super) fn has(headers: &[(String, String)], k: &str, v: &str) -> bool {
    headers.iter().any(|(a, b)| a == k && b == v)
}

pub(super) fn record(ex: &mut Exchange, svc: &mut MemServices) -> serde_json::Value {
    serde_json::from_slice(&ex.finish_log(svc)).unwrap()
}

#[test]
fn success_on_the_first_try_is_step_0() {
    let cfg = config(CHAIN);
    let mut svc = MemServices::new(1_000_000_000);
    let (mut ex, step) = start(&cfg, &mut svc, "/openai/v1/chat/completions", &[], CHAT);
    assert_eq!(step.flow, Flow::Continue);
    let head = ex.on_response_headers(
        &headers(&[(":status", "200"), ("content-type", "application/json")]),
        &mut svc,
    );
    assert!(head.ops.contains(&Op::SetResponseHeader("x-aigw-step".into(), b"0".to_vec())));
    assert!(head
        .ops
        .contains(&Op::SetResponseHeader("x-aigw-provider".into(), b"openai".to_vec())));
    ex.on_response_body(OPENAI_OK, true, &mut svc);
    let rec = record(&mut ex, &mut svc);
    assert_eq!(
        (rec["step"].as_u64(), rec["attempts"].as_array().map(|a| a.len())),
        (Some(0), Some(1))
    );
}

#[test]
fn a_5xx_is_retried_then_falls_back_with_translation() {
    let cfg = config(CHAIN);
    let mut svc = MemServices::new(1_000_000_000);
    let (mut ex, _) = start(&cfg, &mut svc, "/openai/v1/chat/completions", &[], CHAT);
    // Step 0 fails through the router: held, retried through a callout.
    let step = ex.on_response_headers(
        &headers(&[(":status", "503"), ("content-type", "application/json")]),
        &mut svc,
    );
    assert_eq!(step.flow, Flow::Pause);
    let retry = callout(&step.ops);
    assert_eq!(
        (retry.cluster.as_str(), header(&retry, ":path")),
        ("openai", "/v1/chat/completions")
    );
    assert_eq!(header(&retry, "authorization"), "Bearer sk-gw");
    assert_eq!(
        ex.on_response_body(b"{\"error\":{}}", true, &mut svc).flow,
        Flow::Pause,
        "the failed body is held"
    );
    // The retry fails too: the chain's next step, in Anthropic's format.
    let Purpose::Attempt(n) = retry.purpose else { panic!() };
    let step = ex.on_callout(Purpose::Attempt(n), answer(500, "application/json", b"{}"), &mut svc);
    let fb = callout(&step.ops);
    assert_eq!(
        (fb.cluster.as_str(), header(&fb, ":path"), header(&fb, ":authority")),
        ("anthropic", "/v1/messages", "api.anthropic.com")
    );
    assert_eq!(
        (header(&fb, "x-api-key"), header(&fb, "anthropic-version")),
        ("ant-gw", "2023-06-01")
    );
    let sent: serde_json::Value = serde_json::from_slice(&fb.body).unwrap();
    assert_eq!(
        (sent["model"].as_str(), sent["messages"][0]["content"].as_str()),
        (Some("claude-x"), Some("hi"))
    );
    // Its answer comes back in OpenAI's format.
    let Purpose::Attempt(n) = fb.purpose else { panic!() };
    let step =
        ex.on_callout(Purpose::Attempt(n), answer(200, "application/json", ANTHROPIC_OK), &mut svc);
    let (status, h, body) = local(&step);
    assert_eq!(status, 200);
    assert!(has(&h, "x-aigw-step", "1") && has(&h, "x-aigw-provider", "anthropic"));
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["choices"][0]["message"]["content"], "from claude");
    assert_eq!(v["usage"]["completion_tokens"], 3);
    let rec = record(&mut ex, &mut svc);
    assert_eq!(
        (rec["provider"].as_str(), rec["model"].as_str(), rec["step"].as_u64()),
        (Some("anthropic"), Some("claude-x"), Some(1))
    );
    let causes: Vec<&str> =
        rec["attempts"].as_array().unwrap().iter().map(|a| a["cause"].as_str().unwrap()).collect();
    assert_eq!(causes, vec!["status_503", "status_500", "ok"]);
    assert_eq!((rec["input_tokens"].as_u64(), rec["output_tokens"].as_u64()), (Some(4), Some(3)));
}

#[test]
fn a_400_is_not_retried() {
    let cfg = config(CHAIN);
    let mut svc = MemServices::new(0);
    let (mut ex, _) = start(&cfg, &mut svc, "/openai/v1/chat/completions", &[], CHAT);
    let step = ex.on_response_headers(
        &headers(&[(":status", "400"), ("content-type", "application/json")]),
        &mut svc,
    );
    assert_eq!(step.flow, Flow::Continue);
    assert!(!step.ops.iter().any(|o| matches!(o, Op::Dispatch(_) | Op::SendLocal { .. })));
}

#[test]
fn retry_after_is_honoured_when_it_fits() {
    let cfg = config(CHAIN);
    let mut svc = MemServices::new(0);
    let (mut ex, _) = start(&cfg, &mut svc, "/openai/v1/chat/completions", &[], CHAT);
    let step =
        ex.on_response_headers(&headers(&[(":status", "429"), ("retry-after", "2")]), &mut svc);
    assert_eq!(step.ops, vec![Op::WakeAt { at: 2_000_000_000, purpose: TimerPurpose::Backoff }]);
    svc.now_ns = 1_000_000_000;
    assert_eq!(
        ex.on_timer(TimerPurpose::Backoff, &mut svc).ops,
        vec![Op::WakeAt { at: 2_000_000_000, purpose: TimerPurpose::Backoff }]
    );
    svc.now_ns = 2_000_000_000;
    let retry = callout(&ex.on_timer(TimerPurpose::Backoff, &mut svc).ops);
    assert_eq!(retry.cluster, "openai");
    // Longer than the cap (60 s without a step timeout): straight to the next step.
    let (mut ex, _) = start(&cfg, &mut svc, "/openai/v1/chat/completions", &[], CHAT);
    let step =
        ex.on_response_headers(&headers(&[(":status", "429"), ("retry-after", "600")]), &mut svc);
    assert_eq!(callout(&step.ops).cluster, "anthropic");
}

#[test]
fn request_headers_override_the_retry_policy() {
    let cfg = config(CHAIN);
    let mut svc = MemServices::new(0);
    let (mut ex, _) =
        start(&cfg, &mut svc, "/openai/v1/chat/completions", &[("cf-aig-max-attempts", "1")], CHAT);
    // No second attempt here: the next step at once.
    let step = ex.on_response_headers(&headers(&[(":status", "502")]), &mut svc);
    assert_eq!(callout(&step.ops).cluster, "anthropic");
    let mut ex = Exchange::new(cfg);
    let bad = ex.on_request_headers(
        &post("/openai/v1/chat/completions", &[("x-aigw-max-attempts", "9")]),
        false,
        &mut svc,
    );
    assert!(matches!(bad.ops.last(), Some(Op::SendLocal { status: 400, .. })));
}

#[test]
fn all_steps_failing_is_one_clean_error() {
    let cfg = config(CHAIN);
    let mut svc = MemServices::new(0);
    let (mut ex, _) = start(&cfg, &mut svc, "/openai/v1/chat/completions", &[], CHAT);
    let step = ex.on_response_headers(&headers(&[(":status", "500")]), &mut svc);
    let c = callout(&step.ops);
    let Purpose::Attempt(n) = c.purpose else { panic!() };
    let step = ex.on_callout(Purpose::Attempt(n), answer(500, "application/json", b""), &mut svc);
    let c = callout(&step.ops);
    let Purpose::Attempt(n) = c.purpose else { panic!() };
    let step = ex.on_callout(Purpose::Attempt(n), CalloutResponse::default(), &mut svc);
    let (status, _, body) = local(&step);
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!((status, v["error"]["code"].as_str()), (502, Some("aigw_upstream_failed")));
    assert!(v["error"]["message"].as_str().unwrap().contains("anthropic connect_failure"), "{v}");
}

#[test]
fn a_slow_first_byte_moves_on_and_late_answers_are_dropped() {
    let cfg = config(CHAIN);
    let mut svc = MemServices::new(0);
    let (mut ex, step) = start(
        &cfg,
        &mut svc,
        "/openai/v1/chat/completions",
        &[("x-aigw-request-timeout", "500")],
        CHAT,
    );
    assert_eq!(step.flow, Flow::Continue);
    assert!(
        step.ops
            .contains(&Op::WakeAt { at: 500_000_000, purpose: TimerPurpose::FirstByteDeadline }),
        "{step:?}"
    );
    svc.now_ns = 500_000_000;
    let step = ex.on_timer(TimerPurpose::FirstByteDeadline, &mut svc);
    let c = callout(&step.ops);
    assert_eq!(c.cluster, "openai", "a timeout is retried on the same provider first");
    // The abandoned primary answers late with an error: held, never shown.
    let late = ex.on_response_headers(&headers(&[(":status", "503")]), &mut svc);
    assert_eq!(late.flow, Flow::Pause);
    let Purpose::Attempt(n) = c.purpose else { panic!() };
    let step =
        ex.on_callout(Purpose::Attempt(n), answer(200, "application/json", OPENAI_OK), &mut svc);
    let (status, h, _) = local(&step);
    assert_eq!(status, 200);
    assert!(has(&h, "x-aigw-step", "0"));
    let rec = record(&mut ex, &mut svc);
    assert_eq!(rec["attempts"][0]["cause"], "timeout");
}

#[test]
fn a_timeout_with_nothing_else_to_try_is_a_504() {
    let cfg = config(
        r#"{"version":1,"providers":{"p":{"kind":"openai","timeout_ms":100,"retry":{"max_attempts":1}}}}"#,
    );
    let mut svc = MemServices::new(0);
    let (mut ex, step) = start(&cfg, &mut svc, "/p/v1/chat/completions", &[], CHAT);
    assert!(step
        .ops
        .contains(&Op::WakeAt { at: 100_000_000, purpose: TimerPurpose::FirstByteDeadline }));
    svc.now_ns = 100_000_000;
    let (status, _, body) = local(&ex.on_timer(TimerPurpose::FirstByteDeadline, &mut svc));
    assert_eq!(status, 504);
    assert!(String::from_utf8_lossy(&body).contains("aigw_upstream_timeout"));
}

#[test]
fn the_circuit_opens_skips_the_provider_and_probes_after_cooldown() {
    let cfg = config(CHAIN);
    let mut svc = MemServices::new(1_000_000_000_000);
    // Three failures of openai (each request: router 503 + one retry 503).
    for _ in 0..2 {
        let (mut ex, _) = start(&cfg, &mut svc, "/openai/v1/chat/completions", &[], CHAT);
        let step = ex.on_response_headers(&headers(&[(":status", "503")]), &mut svc);
        let c = callout(&step.ops);
        let Purpose::Attempt(n) = c.purpose else { panic!() };
        ex.on_callout(Purpose::Attempt(n), answer(503, "application/json", b""), &mut svc);
        ex.finish_log(&mut svc);
    }
    // Open: the next request never reaches openai, it goes to the next step.
    let (mut ex, step) = start(&cfg, &mut svc, "/openai/v1/chat/completions", &[], CHAT);
    assert_eq!(step.flow, Flow::Pause);
    assert_eq!(callout(&step.ops).cluster, "anthropic");
    let rec = record(&mut ex, &mut svc);
    assert_eq!(rec["attempts"][0]["cause"], "circuit_open");
    // After the cooldown one request probes; its success closes the circuit.
    svc.now_ns += 1_000_000_000;
    let (mut ex, step) = start(&cfg, &mut svc, "/openai/v1/chat/completions", &[], CHAT);
    assert_eq!(step.flow, Flow::Continue, "the probe goes to openai");
    ex.on_response_headers(&headers(&[(":status", "200")]), &mut svc);
    let (_, step) = start(&cfg, &mut svc, "/openai/v1/chat/completions", &[], CHAT);
    assert_eq!(step.flow, Flow::Continue);
}

const ANTHROPIC_STREAM: &[u8] = b"event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\",\"content\":[],\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\nevent: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\nevent: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"streamed\"}}\n\nevent: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\nevent: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":2}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

#[test]
fn a_streamed_request_falls_back_before_the_first_byte() {
    let cfg = config(CHAIN);
    let mut svc = MemServices::new(0);
    let body = br#"{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"hi"}]}"#;
    let (mut ex, _) =
        start(&cfg, &mut svc, "/openai/v1/chat/completions", &[("x-aigw-max-attempts", "1")], body);
    let step = ex.on_response_headers(&headers(&[(":status", "503")]), &mut svc);
    let c = callout(&step.ops);
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&c.body).unwrap()["stream"], true);
    let Purpose::Attempt(n) = c.purpose else { panic!() };
    let step = ex.on_callout(
        Purpose::Attempt(n),
        answer(200, "text/event-stream", ANTHROPIC_STREAM),
        &mut svc,
    );
    let (status, h, out) = local(&step);
    assert_eq!(status, 200);
    assert!(has(&h, "content-type", "text/event-stream"));
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("\"content\":\"streamed\"") && text.ends_with("data: [DONE]\n\n"),
        "{text}"
    );
    assert!(!text.contains("\"usage\":{"), "no usage chunk for a client that did not ask");
}

#[test]
fn unified_endpoint_routes_by_model_and_translates_both_ways() {
    let cfg = config(CHAIN);
    let mut svc = MemServices::new(0);
    let body = br#"{"model":"anthropic/claude-x","messages":[{"role":"system","content":"sys"},{"role":"user","content":"hi"}]}"#;
    let mut ex = Exchange::new(cfg.clone());
    let head = ex.on_request_headers(
        &post("/compat/chat/completions", &[("authorization", "Bearer client")]),
        false,
        &mut svc,
    );
    assert_eq!(head.flow, Flow::Pause);
    let step = ex.on_request_body(body, &mut svc);
    let set = |name: &str| {
        step.ops.iter().find_map(|o| match o {
            Op::SetRequestHeader(k, v) if k == name => Some(String::from_utf8(v.clone()).unwrap()),
            _ => None,
        })
    };
    assert_eq!(set(":path").as_deref(), Some("/v1/messages"));
    assert_eq!(set(":authority").as_deref(), Some("api.anthropic.com"));
    assert_eq!(set("x-aigw-cluster").as_deref(), Some("anthropic"));
    assert_eq!(set("x-api-key").as_deref(), Some("ant-gw"));
    let sent = step.ops.iter().find_map(|o| match o {
        Op::SetRequestBody(b) => Some(serde_json::from_slice::<serde_json::Value>(b).unwrap()),
        _ => None,
    });
    let sent = sent.expect("translated body");
    assert_eq!((sent["model"].as_str(), sent["system"].as_str()), (Some("claude-x"), Some("sys")));
    // The answer through the router comes back in OpenAI's format.
    let head = ex.on_response_headers(
        &headers(&[(":status", "200"), ("content-type", "application/json")]),
        &mut svc,
    );
    assert!(head.ops.contains(&Op::RemoveResponseHeader("content-length".into())));
    assert_eq!(ex.on_response_body(&ANTHROPIC_OK[..20], false, &mut svc).flow, Flow::Pause);
    let step = ex.on_response_body(ANTHROPIC_OK, true, &mut svc);
    let out = match step.ops.as_slice() {
        [Op::SetResponseBody(b)] => serde_json::from_slice::<serde_json::Value>(b).unwrap(),
        other => panic!("{other:?}"),
    };
    assert_eq!(out["object"], "chat.completion");
    assert_eq!(out["model"], "anthropic/claude-x");
    assert_eq!(out["choices"][0]["message"]["content"], "from claude");
    let rec = record(&mut ex, &mut svc);
    assert_eq!(
        (rec["route"].as_str(), rec["provider"].as_str(), rec["model"].as_str()),
        (Some("compat"), Some("anthropic"), Some("claude-x"))
    );
    assert_eq!(rec["requested_model"], "anthropic/claude-x");
    assert_eq!(rec["output_tokens"], 3);
}

#[test]
fn unified_endpoint_streams_are_translated_event_by_event() {
    let cfg = config(CHAIN);
    let mut svc = MemServices::new(0);
    let body = br#"{"model":"anthropic/claude-x","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}"#;
    let mut ex = Exchange::new(cfg);
    ex.on_request_headers(&post("/compat/v1/chat/completions", &[]), false, &mut svc);
    ex.on_request_body(body, &mut svc);
    ex.on_response_headers(
        &headers(&[(":status", "200"), ("content-type", "text/event-stream")]),
        &mut svc,
    );
    let mut out = Vec::new();
    for (i, chunk) in ANTHROPIC_STREAM.chunks(37).enumerate() {
        let last = (i + 1) * 37 >= ANTHROPIC_STREAM.len();
        match ex.on_response_body(chunk, last, &mut svc).ops.as_slice() {
            [Op::SetResponseBody(b)] => out.extend_from_slice(b),
            other => panic!("{other:?}"),
        }
    }
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("chat.completion.chunk") && text.contains("\"streamed\""));
    assert!(text.contains("\"prompt_tokens\":5"), "usage asked for: {text}");
    assert!(text.ends_with("data: [DONE]\n\n"));
    assert_eq!(ex.facts.usage.output_tokens, Some(2));
}

#[test]
fn unified_endpoint_errors() {
    let cfg = config(CHAIN);
    let mut svc = MemServices::new(0);
    for (model, status) in [("gpt-4o", 400), ("nope/x", 404)] {
        let body = format!(r#"{{"model":"{model}","messages":[]}}"#);
        let mut ex = Exchange::new(cfg.clone());
        ex.on_request_headers(&post("/compat/chat/completions", &[]), false, &mut svc);
        let step = ex.on_request_body(body.as_bytes(), &mut svc);
        assert_eq!(local(&step).0, status, "{model}");
    }
    let mut ex = Exchange::new(cfg.clone());
    let step = ex.on_request_headers(&post("/compat/embeddings", &[]), false, &mut svc);
    assert_eq!(local(&step).0, 404);
    let mut ex = Exchange::new(cfg);
    let step = ex.on_request_headers(
        &headers(&[(":method", "GET"), (":path", "/compat/models")]),
        true,
        &mut svc,
    );
    let (status, _, body) = local(&step);
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let ids: Vec<&str> =
        v["data"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
    // Each provider's models, then those its fallback chain names.
    assert_eq!(
        (status, ids),
        (200, vec!["anthropic/claude-x", "anthropic/claude-small", "openai/gpt-4o"])
    );
}
