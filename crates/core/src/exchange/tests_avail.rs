//! Availability and client control (issue 12): the memory budget, one kept
//! copy of the body, per-request controls within the operator's limits,
//! every attempt counted, a timed-out last step as a 504.

use super::tests::headers;
use super::tests_fallback::{answer, callout, config, has, local, record, start, CHAT, OPENAI_OK};
use super::*;
use crate::services::MemServices;

/// A resilient provider and a plain one; a budget of 2000 bytes.
const SMALL: &str = r#"{"version":1,"memory":{"max_held_bytes":2000},"request":{"max_body_bytes":1500},
  "providers":{
  "openai":{"kind":"openai","api_key":{"env":"OPENAI_KEY"},"retry":{"max_attempts":2,"retry_delay_ms":0}},
  "local":{"kind":"openai_compatible","base_url":"http://llm:8000/v1","retry":{"max_attempts":2,"retry_delay_ms":0}},
  "plain":{"kind":"openai","api_key":{"env":"OPENAI_KEY"}}}}"#;

fn chat(chars: usize) -> Vec<u8> {
    format!(
        r#"{{"model":"gpt-4o","messages":[{{"role":"user","content":"{}"}}]}}"#,
        "a".repeat(chars)
    )
    .into_bytes()
}

fn error_code(step: &Step) -> (u16, String) {
    let (status, _, body) = local(step);
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    (status, v["error"]["code"].as_str().unwrap_or_default().to_string())
}

#[test]
fn bodies_past_the_memory_budget_get_a_clean_503_and_every_end_releases() {
    let cfg = config(SMALL);
    let mut svc = MemServices::new(0);
    let body = chat(1100);
    let (mut first, step) = start(&cfg, &mut svc, "/openai/v1/chat/completions", &[], &body);
    assert_eq!(step.flow, Flow::Continue);
    // The retry chain keeps exactly one copy of the body.
    assert_eq!(cfg.memory.used(), body.len() as u64);
    let mut second = Exchange::new(cfg.clone());
    second.on_request_headers(&post("/openai/v1/chat/completions"), false, &mut svc);
    let BodyNeed::Stop(refused) = second.request_body_need(body.len(), true) else {
        panic!("admitted past the budget")
    };
    let (status, h, raw) = local(&refused);
    assert_eq!(status, 503);
    assert!(has(&h, "retry-after", "1"));
    let v: serde_json::Value = serde_json::from_slice(&raw).unwrap();
    assert_eq!(v["error"]["code"], "aigw_overloaded");
    assert_eq!(v["error"]["type"], "overloaded_error");
    let rec = record(&mut second, &mut svc);
    assert_eq!(rec["error_code"], "aigw_overloaded");
    assert!(rec["overload"].as_str().unwrap().starts_with("request body: memory budget"), "{rec}");
    // The first is served: its copy goes back; a client reset (drop) too.
    first.on_response_headers(
        &headers(&[(":status", "200"), ("content-type", "application/json")]),
        &mut svc,
    );
    first.on_response_body(OPENAI_OK, true, &mut svc);
    assert_eq!(cfg.memory.used(), 0);
    let (abandoned, _) = start(&cfg, &mut svc, "/openai/v1/chat/completions", &[], &body);
    assert_eq!(cfg.memory.used(), body.len() as u64);
    drop(abandoned);
    assert_eq!(cfg.memory.used(), 0, "a reset request gives its bytes back");
}

fn post(path: &str) -> Headers {
    super::tests::post(path, &[])
}

#[test]
fn a_plain_provider_keeps_nothing_once_the_request_went_upstream() {
    let cfg = config(SMALL);
    let mut svc = MemServices::new(0);
    let (_ex, step) = start(&cfg, &mut svc, "/plain/v1/chat/completions", &[], &chat(1100));
    assert_eq!(step.flow, Flow::Continue);
    assert_eq!(cfg.memory.used(), 0);
}

#[test]
fn a_retry_sends_exactly_what_the_first_attempt_sent() {
    let cfg = config(SMALL);
    let mut svc = MemServices::new(0);
    // The unified endpoint to an OpenAI-compatible provider, streamed: the
    // model is rewritten and stream usage asked for.
    let body =
        br#"{"model":"local/llama","stream":true,"messages":[{"role":"user","content":"hi"}]}"#;
    let mut ex = Exchange::new(cfg.clone());
    ex.on_request_headers(&post("/compat/chat/completions"), false, &mut svc);
    assert_eq!(ex.request_body_need(body.len(), true), BodyNeed::Complete);
    let step = ex.on_request_body(body, &mut svc);
    let first = step
        .ops
        .iter()
        .find_map(|o| match o {
            Op::SetRequestBody(b) => Some(b.clone()),
            _ => None,
        })
        .expect("a rewritten body");
    let v: serde_json::Value = serde_json::from_slice(&first).unwrap();
    assert_eq!(
        (v["model"].as_str(), v["stream_options"]["include_usage"].as_bool()),
        (Some("llama"), Some(true))
    );
    assert_eq!(cfg.memory.used(), body.len() as u64, "one copy: the client's");
    let step = ex.on_response_headers(&headers(&[(":status", "503")]), &mut svc);
    let retry = callout(&step.ops);
    assert_eq!(retry.body, first);
    assert!(retry.headers.iter().any(|(k, v)| k == ":path" && v == b"/v1/chat/completions"));
}

#[test]
fn per_request_timeout_works_on_a_provider_without_resilience_config() {
    let cfg = config(SMALL);
    let mut svc = MemServices::new(0);
    let (mut ex, step) = start(
        &cfg,
        &mut svc,
        "/plain/v1/chat/completions",
        &[("x-aigw-request-timeout", "200")],
        CHAT,
    );
    assert!(
        step.ops
            .contains(&Op::WakeAt { at: 200_000_000, purpose: TimerPurpose::FirstByteDeadline }),
        "{step:?}"
    );
    svc.now_ns = 200_000_000;
    let step = ex.on_timer(TimerPurpose::FirstByteDeadline, &mut svc);
    assert_eq!(error_code(&step), (504, "aigw_upstream_timeout".into()));
    // And it never asks for more attempts than the operator configured (1).
    let (mut ex, _) =
        start(&cfg, &mut svc, "/plain/v1/chat/completions", &[("x-aigw-max-attempts", "5")], CHAT);
    let step = ex.on_response_headers(&headers(&[(":status", "503")]), &mut svc);
    assert!(!step.ops.iter().any(|o| matches!(o, Op::Dispatch(_))), "{step:?}");
}

#[test]
fn client_headers_cannot_raise_attempts_or_timeouts_past_the_operator() {
    // openai: 2 attempts, then anthropic; a client asking for 5 gets 2.
    let cfg = config(
        r#"{"version":1,"providers":{
  "openai":{"kind":"openai","api_key":{"env":"OPENAI_KEY"},"timeout_ms":1000,
    "retry":{"max_attempts":2,"retry_delay_ms":0},"fallback":[{"provider":"anthropic"}]},
  "anthropic":{"kind":"anthropic","api_key":{"env":"ANTHROPIC_KEY"}}}}"#,
    );
    let mut svc = MemServices::new(0);
    let (mut ex, step) = start(
        &cfg,
        &mut svc,
        "/openai/v1/chat/completions",
        &[("x-aigw-max-attempts", "5"), ("x-aigw-request-timeout", "60000")],
        CHAT,
    );
    assert!(
        step.ops
            .contains(&Op::WakeAt { at: 1_000_000_000, purpose: TimerPurpose::FirstByteDeadline }),
        "the operator's 1 s stays: {step:?}"
    );
    let step = ex.on_response_headers(&headers(&[(":status", "503")]), &mut svc);
    let c = callout(&step.ops);
    assert_eq!(c.cluster, "openai");
    let Purpose::Attempt(n) = c.purpose else { panic!() };
    let step = ex.on_callout(Purpose::Attempt(n), answer(503, "application/json", b"{}"), &mut svc);
    assert_eq!(callout(&step.ops).cluster, "anthropic", "no third openai attempt");
}

#[test]
fn a_last_callout_timing_out_is_a_504_upstream_timeout() {
    let cfg = config(
        r#"{"version":1,"providers":{"p":{"kind":"openai","timeout_ms":100,"retry":{"max_attempts":2,"retry_delay_ms":0}}}}"#,
    );
    let mut svc = MemServices::new(0);
    let (mut ex, _) = start(&cfg, &mut svc, "/p/v1/chat/completions", &[], CHAT);
    svc.now_ns = 100_000_000;
    let c = callout(&ex.on_timer(TimerPurpose::FirstByteDeadline, &mut svc).ops);
    assert_eq!(c.timeout_ms, 100);
    let Purpose::Attempt(n) = c.purpose else { panic!() };
    // Envoy answers a callout past its time limit with its own 504.
    svc.now_ns = 200_000_000;
    let timed_out = CalloutResponse {
        status: Some(504),
        headers: headers(&[(":status", "504"), ("content-type", "text/plain")]),
        body: b"upstream request timeout".to_vec(),
        refused: None,
    };
    let step = ex.on_callout(Purpose::Attempt(n), timed_out, &mut svc);
    assert_eq!(error_code(&step), (504, "aigw_upstream_timeout".into()));
    let rec = record(&mut ex, &mut svc);
    let causes: Vec<&str> =
        rec["attempts"].as_array().unwrap().iter().map(|a| a["cause"].as_str().unwrap()).collect();
    assert_eq!(causes, ["timeout", "timeout"]);
}

const LIMITED: &str = r#"{"version":1,"providers":{
  "openai":{"kind":"openai","api_key":{"env":"OPENAI_KEY"},
    "retry":{"max_attempts":3,"retry_delay_ms":0}}},
  "limits":{"rules":[
    {"name":"rpm","key":["provider"],"limit":3,"window":"1m"},
    {"name":"tpm","key":["provider"],"unit":"total_tokens","limit":1500,"window":"1m"}]}}"#;

fn body_with_max_tokens() -> &'static [u8] {
    br#"{"model":"gpt-4o","max_tokens":1000,"messages":[{"role":"user","content":"hi"}]}"#
}

#[test]
fn every_attempt_that_reached_a_provider_counts_against_limits() {
    let cfg = config(LIMITED);
    let mut svc = MemServices::new(0);
    // Three provider calls for one request: two 503s and the answer.
    let (mut ex, _) = start(&cfg, &mut svc, "/openai/v1/chat/completions", &[], CHAT);
    let mut step = ex.on_response_headers(&headers(&[(":status", "503")]), &mut svc);
    let c = callout(&step.ops);
    let Purpose::Attempt(n) = c.purpose else { panic!() };
    step = ex.on_callout(Purpose::Attempt(n), answer(503, "application/json", b"{}"), &mut svc);
    let Purpose::Attempt(n) = callout(&step.ops).purpose else { panic!() };
    let done =
        ex.on_callout(Purpose::Attempt(n), answer(200, "application/json", OPENAI_OK), &mut svc);
    assert_eq!(local(&done).0, 200);
    ex.finish_log(&mut svc);
    // The rule allows 3 requests a minute: all three are used.
    let (_, step) = start_any(&cfg, &mut svc, CHAT);
    assert_eq!(error_code(&step), (429, "aigw_rate_limited".into()));
}

fn start_any(cfg: &Rc<Config>, svc: &mut MemServices, body: &[u8]) -> (Exchange, Step) {
    let mut ex = Exchange::new(cfg.clone());
    ex.on_request_headers(&post("/openai/v1/chat/completions"), false, svc);
    ex.request_body_need(body.len(), true);
    let step = ex.on_request_body(body, svc);
    (ex, step)
}

#[test]
fn an_attempt_abandoned_after_a_timeout_settles_on_its_estimate() {
    let cfg = config(LIMITED);
    let mut svc = MemServices::new(0);
    let (mut ex, _) = start(
        &cfg,
        &mut svc,
        "/openai/v1/chat/completions",
        &[("x-aigw-request-timeout", "100")],
        body_with_max_tokens(),
    );
    svc.now_ns = 100_000_000;
    let c = callout(&ex.on_timer(TimerPurpose::FirstByteDeadline, &mut svc).ops);
    let Purpose::Attempt(n) = c.purpose else { panic!() };
    let done =
        ex.on_callout(Purpose::Attempt(n), answer(200, "application/json", OPENAI_OK), &mut svc);
    assert_eq!(local(&done).0, 200);
    ex.finish_log(&mut svc);
    // 5 tokens served plus ~1000 estimated for the abandoned call: a second
    // request reserving ~1000 more does not fit under 1500.
    let (_, step) = start_any(&cfg, &mut svc, body_with_max_tokens());
    let (status, code) = error_code(&step);
    assert_eq!((status, code.as_str()), (429, "aigw_rate_limited"));
}

#[test]
fn an_answer_held_for_a_dlp_policy_past_the_budget_is_refused_never_passed() {
    let cfg = config(
        r#"{"version":1,"memory":{"max_held_bytes":2000},"request":{"max_body_bytes":1000},
  "providers":{"openai":{"kind":"openai"}},
  "policies":{"strict":{"response":{"*":"redact"}}},"policy":"strict"}"#,
    );
    let mut svc = MemServices::new(0);
    let (mut ex, _) = start(&cfg, &mut svc, "/openai/v1/chat/completions", &[], CHAT);
    let head = ex.on_response_headers(
        &headers(&[(":status", "200"), ("content-type", "application/json")]),
        &mut svc,
    );
    assert_eq!(head.flow, Flow::Pause, "held until scanned");
    // A small answer is read on the budget; the hold ends with the callback.
    let hold = ex.reserve_whole_response(OPENAI_OK.len(), true).ok().flatten();
    assert_eq!(cfg.memory.used(), OPENAI_OK.len() as u64);
    drop(hold);
    assert_eq!(cfg.memory.used(), 0);
    // One the budget cannot hold is refused with a 503, before it is read.
    let Err(step) = ex.reserve_whole_response(5000, true) else { panic!("read past the budget") };
    assert_eq!(error_code(&step), (503, "aigw_overloaded".into()));
    assert!(ex.replied());
    let rec = record(&mut ex, &mut svc);
    assert!(rec["overload"].as_str().unwrap().starts_with("response body:"), "{rec}");
}

#[test]
fn a_stream_event_past_the_budget_passes_on_intact_and_holds_nothing() {
    let cfg = config(SMALL);
    let mut svc = MemServices::new(0);
    let body = br#"{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"hi"}]}"#;
    let (mut ex, _) = start(&cfg, &mut svc, "/plain/v1/chat/completions", &[], body);
    ex.on_response_headers(
        &headers(&[(":status", "200"), ("content-type", "text/event-stream")]),
        &mut svc,
    );
    // Half an event, larger than the whole budget: not kept.
    let big = format!(r#"data: {{"choices":[{{"delta":{{"content":"{}"#, "x".repeat(3000));
    let step = ex.on_response_body(big.as_bytes(), false, &mut svc);
    assert_eq!(cfg.memory.used(), 0);
    let passed: Vec<u8> = step
        .ops
        .iter()
        .find_map(|o| match o {
            Op::SetResponseBody(b) => Some(b.clone()),
            _ => None,
        })
        .unwrap_or_else(|| big.as_bytes().to_vec());
    assert_eq!(passed, big.as_bytes(), "never dropped or held back");
    let rest = b"\"}}]}\n\ndata: [DONE]\n\n";
    let step = ex.on_response_body(rest, true, &mut svc);
    let passed: Vec<u8> = step
        .ops
        .iter()
        .find_map(|o| match o {
            Op::SetResponseBody(b) => Some(b.clone()),
            _ => None,
        })
        .unwrap_or_else(|| rest.to_vec());
    assert_eq!(passed, rest);
    assert_eq!(cfg.memory.used(), 0);
}

#[test]
fn a_callout_answer_is_read_only_once_the_budget_holds_it() {
    let cfg = config(SMALL);
    let mut svc = MemServices::new(0);
    let body = chat(100);
    let (ex, _) = start(&cfg, &mut svc, "/openai/v1/chat/completions", &[], &body);
    let kept = cfg.memory.used();
    // Held while the answer is handled, given back after.
    let hold = ex.admit_callout(500).unwrap();
    assert_eq!(cfg.memory.used(), kept + 500);
    drop(hold);
    assert_eq!(cfg.memory.used(), kept);
    // Larger than the whole budget: never read.
    let r = ex.admit_callout(2001).unwrap_err();
    assert_eq!((r.wanted, r.limit), (2001, 2000));
    assert_eq!(cfg.memory.used(), kept, "a refusal takes nothing");
}

#[test]
fn a_fallback_answer_the_budget_cannot_hold_is_a_clean_503_never_a_pass() {
    let cfg = config(SMALL);
    let mut svc = MemServices::new(0);
    let (mut ex, _) = start(&cfg, &mut svc, "/openai/v1/chat/completions", &[], &chat(100));
    // The first attempt fails upstream; the retry goes out as a callout.
    let step = ex.on_response_headers(&headers(&[(":status", "503")]), &mut svc);
    let c = callout(&step.ops);
    let Purpose::Attempt(n) = c.purpose else { panic!("{c:?}") };
    let refused = ex.admit_callout(5000).unwrap_err();
    let mut resp = answer(200, "application/json", b"");
    resp.refused = Some(refused);
    let step = ex.on_callout(Purpose::Attempt(n), resp, &mut svc);
    assert_eq!(error_code(&step), (503, "aigw_overloaded".into()));
    let (_, h, _) = local(&step);
    assert!(has(&h, "retry-after", "1"));
    let rec = record(&mut ex, &mut svc);
    let why = rec["overload"].as_str().unwrap();
    assert!(why.starts_with("fallback answer: memory budget: 5000 bytes wanted"), "{rec}");
    let causes: Vec<&str> =
        rec["attempts"].as_array().unwrap().iter().map(|a| a["cause"].as_str().unwrap()).collect();
    assert_eq!(causes, ["status_503", "unread"], "the call that reached the provider counts");
    drop(ex);
    assert_eq!(cfg.memory.used(), 0);
}

// ------------------------------------------ allow_on_headers_stop_iteration

fn body_watch_timer(step: &Step) -> Option<u64> {
    step.ops.iter().find_map(|op| match op {
        Op::WakeAt { at, purpose: TimerPurpose::BodyWatch } => Some(*at),
        _ => None,
    })
}

#[test]
fn a_body_envoy_received_but_never_handed_over_gets_an_error_naming_the_flag() {
    let cfg = config(SMALL);
    let mut svc = MemServices::new(1_000);
    svc.request_bytes_received = Some(300); // the headers
    let mut ex = Exchange::new(cfg.clone());
    let paused = ex.on_request_headers(&post("/openai/v1/chat/completions"), false, &mut svc);
    assert_eq!(paused.flow, Flow::Pause);
    assert_eq!(body_watch_timer(&paused), Some(1_000 + body_watch::INTERVAL_NS));
    // A slow client: nothing more has arrived, the watch goes on.
    svc.now_ns += body_watch::INTERVAL_NS;
    let again = ex.on_timer(TimerPurpose::BodyWatch, &mut svc);
    assert!(again.ops.iter().all(|op| !matches!(op, Op::SendLocal { .. })));
    assert_eq!(body_watch_timer(&again), Some(svc.now_ns + body_watch::INTERVAL_NS));
    // Envoy holds the body, and no body callback came: the flag is missing.
    svc.request_bytes_received = Some(900);
    let failed = ex.on_timer(TimerPurpose::BodyWatch, &mut svc);
    let (status, _, body) = local(&failed);
    assert_eq!(status, 500);
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert!(
        v["error"]["message"].as_str().unwrap().contains("allow_on_headers_stop_iteration: true"),
        "{v}"
    );
    assert_eq!(svc.warnings.len(), 1, "{:?}", svc.warnings);
    assert!(svc.warnings[0].contains("allow_on_headers_stop_iteration"));
    let rec = record(&mut ex, &mut svc);
    assert_eq!(rec["status"], 500);
    assert_eq!(cfg.memory.used(), 0);
    // The VM knows now: the next request with a body is refused at once;
    // the log said it once.
    let mut second = Exchange::new(cfg.clone());
    let step = second.on_request_headers(&post("/openai/v1/chat/completions"), false, &mut svc);
    assert_eq!(local(&step).0, 500);
    assert_eq!(svc.warnings.len(), 1);
    // A late timer after the answer does nothing.
    assert!(second.on_timer(TimerPurpose::BodyWatch, &mut svc).ops.is_empty());
    // Another VM (its own config) has not seen it.
    let mut other = Exchange::new(config(SMALL));
    let paused = other.on_request_headers(&post("/openai/v1/chat/completions"), false, &mut svc);
    assert_eq!(paused.flow, Flow::Pause);
}

#[test]
fn once_a_body_came_after_a_pause_answers_are_not_watched() {
    let cfg = config(HOLDING);
    let mut svc = MemServices::new(0);
    // The first request's body proves the flag: its held answer is not
    // watched, nor any later one of this VM.
    let (mut ex, head) = held_answer(&cfg, &mut svc);
    assert_eq!(head.flow, Flow::Pause);
    assert!(response_watch_timer(&head).is_none());
    assert!(ex.on_timer(TimerPurpose::ResponseBodyWatch, &mut svc).ops.is_empty());
    let mut ex = Exchange::new(cfg.clone());
    let get = headers(&[(":method", "GET"), (":path", "/openai/v1/models"), (":authority", "gw")]);
    ex.on_request_headers(&get, true, &mut svc);
    let h = headers(&[(":status", "200"), ("content-type", "application/json")]);
    let head = ex.on_response_headers(&h, &mut svc);
    assert_eq!(head.flow, Flow::Pause);
    assert!(response_watch_timer(&head).is_none());
}

/// A response policy holds JSON answers until scanned.
const HOLDING: &str = r#"{"version":1,"providers":{"openai":{"kind":"openai"}},
  "policies":{"p":{"response":{"secret":"block"}}},"policy":"p"}"#;

fn held_answer(cfg: &Rc<Config>, svc: &mut MemServices) -> (Exchange, Step) {
    let body = chat(10);
    let (mut ex, step) = start(cfg, svc, "/openai/v1/chat/completions", &[], &body);
    assert_eq!(step.flow, Flow::Continue);
    let h = headers(&[(":status", "200"), ("content-type", "application/json")]);
    let head = ex.on_response_headers(&h, svc);
    (ex, head)
}

/// A request without a body (nothing learnt on the request side), whose
/// JSON answer the response policy holds.
fn held_get_answer(cfg: &Rc<Config>, svc: &mut MemServices) -> (Exchange, Step) {
    let mut ex = Exchange::new(cfg.clone());
    let get = headers(&[(":method", "GET"), (":path", "/openai/v1/models"), (":authority", "gw")]);
    assert_eq!(ex.on_request_headers(&get, true, svc).flow, Flow::Continue);
    let h = headers(&[(":status", "200"), ("content-type", "application/json")]);
    let head = ex.on_response_headers(&h, svc);
    (ex, head)
}

fn response_watch_timer(step: &Step) -> Option<u64> {
    step.ops.iter().find_map(|op| match op {
        Op::WakeAt { at, purpose: TimerPurpose::ResponseBodyWatch } => Some(*at),
        _ => None,
    })
}

#[test]
fn a_held_answer_whose_body_never_comes_is_refused_naming_the_flag() {
    let cfg = config(HOLDING);
    let mut svc = MemServices::new(0);
    // Without the flag: nothing after the headers, the answer becomes the
    // error.
    let (mut ex, head) = held_get_answer(&cfg, &mut svc);
    assert_eq!(head.flow, Flow::Pause);
    assert_eq!(response_watch_timer(&head), Some(body_watch::RESPONSE_WAIT_NS));
    assert!(response_watch_timer(&head).is_some());
    svc.now_ns += body_watch::RESPONSE_WAIT_NS;
    let (status, _, body) = local(&ex.on_timer(TimerPurpose::ResponseBodyWatch, &mut svc));
    assert_eq!(status, 500);
    assert!(String::from_utf8_lossy(&body).contains("allow_on_headers_stop_iteration"));
    assert_eq!(svc.warnings.len(), 1);
    // Known now: the next held answer is refused at its headers.
    assert_eq!(local(&held_get_answer(&cfg, &mut svc).1).0, 500);
    assert_eq!(svc.warnings.len(), 1);
}

#[test]
fn a_held_answer_whose_body_came_proves_the_flag() {
    let cfg = config(HOLDING);
    let mut svc = MemServices::new(0);
    let (mut ex, head) = held_get_answer(&cfg, &mut svc);
    assert!(response_watch_timer(&head).is_some());
    ex.on_response_body(OPENAI_OK, true, &mut svc);
    assert!(ex.on_timer(TimerPurpose::ResponseBodyWatch, &mut svc).ops.is_empty());
    assert!(svc.warnings.is_empty());
    // Not watched any more.
    assert!(response_watch_timer(&held_get_answer(&cfg, &mut svc).1).is_none());
}

#[test]
fn with_the_flag_the_body_callback_ends_the_watch() {
    let cfg = config(SMALL);
    let mut svc = MemServices::new(0);
    svc.request_bytes_received = Some(300);
    let mut ex = Exchange::new(cfg);
    let paused = ex.on_request_headers(&post("/openai/v1/chat/completions"), false, &mut svc);
    assert!(body_watch_timer(&paused).is_some());
    // The first chunk reaches the filter as it arrives.
    assert_eq!(ex.request_body_need(10, false), BodyNeed::Buffer);
    svc.request_bytes_received = Some(5_000);
    assert!(ex.on_timer(TimerPurpose::BodyWatch, &mut svc).ops.is_empty());
    // The request goes on normally.
    let body = chat(20);
    assert_eq!(ex.request_body_need(body.len(), true), BodyNeed::Complete);
    let step = ex.on_request_body(&body, &mut svc);
    assert_eq!(step.flow, Flow::Continue);
    // The VM knows now: later requests are not watched (no property read,
    // no timer on the common path).
    let mut next = Exchange::new(ex.config.clone());
    let paused = next.on_request_headers(&post("/openai/v1/chat/completions"), false, &mut svc);
    assert_eq!(paused.flow, Flow::Pause);
    assert!(body_watch_timer(&paused).is_none());
}

#[test]
fn no_watch_without_a_body_to_come_or_without_the_count() {
    let cfg = config(SMALL);
    let mut svc = MemServices::new(0);
    svc.request_bytes_received = Some(300);
    // The whole request came with the headers: nothing to wait for.
    let mut ex = Exchange::new(cfg.clone());
    let answered = ex.on_request_headers(&post("/openai/v1/chat/completions"), true, &mut svc);
    assert!(body_watch_timer(&answered).is_none());
    // A host that cannot tell what it received: no watch (never a false alarm).
    svc.request_bytes_received = None;
    let mut ex = Exchange::new(cfg);
    let paused = ex.on_request_headers(&post("/openai/v1/chat/completions"), false, &mut svc);
    assert_eq!(paused.flow, Flow::Pause);
    assert!(body_watch_timer(&paused).is_none());
}
