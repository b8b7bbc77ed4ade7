//! Requests whose route reads nothing of the body (`unheld`): which are
//! held, and what an unheld one still gets.

use super::tests::{headers, post};
use super::tests_fallback::{config, local, record};
use super::unheld::Needs;
use super::*;
use crate::services::MemServices;

/// OpenAI without the stream-usage option: nothing reads a chat body.
const PLAIN: &str =
    r#""openai":{"kind":"openai","api_key":{"env":"OPENAI_KEY"},"inject_stream_usage":false}"#;

fn doc(providers: &str, rest: &str) -> String {
    format!(
        r#"{{"version":1,"providers":{{{providers}}}{rest},"request":{{"max_body_bytes":100}}}}"#
    )
}

/// What the headers decided: None when the request went on unheld.
fn decided(cfg: &str, path: &str, extra: &[(&str, &str)]) -> Option<Needs> {
    let mut ex = Exchange::new(config(cfg));
    let step = ex.on_request_headers(&post(path, extra), false, &mut MemServices::new(1));
    assert!(!ex.replied(), "{step:?}");
    let needs = ex.body_needs();
    assert_eq!(step.flow == Flow::Continue, needs.is_none(), "{step:?}");
    assert_eq!(ex.unheld, needs.is_none());
    needs
}

/// A config, a path, extra headers, and what holds the body.
type Case<'a> = (String, &'a str, &'a [(&'a str, &'a str)], Needs);

#[test]
fn every_reader_of_the_body_holds_it() {
    let chat = "/openai/v1/chat/completions";
    assert_eq!(decided(&doc(PLAIN, ""), chat, &[]), None);
    assert_eq!(decided(&doc(PLAIN, ""), "/openai/v1/embeddings", &[]), None);
    let policy = r#","policies":{"p":{"response":{"*":"flag"}}},"policy":"p""#;
    let cases: [Case; 12] = [
        (doc(PLAIN, policy), chat, &[], Needs::Policy),
        (doc(PLAIN, r#","cache":{"enabled":true}"#), chat, &[], Needs::Cache),
        // The client's own cache key turns the cache on for its request.
        (doc(PLAIN, ""), chat, &[("x-aigw-cache-key", "k")], Needs::Cache),
        (
            doc(
                PLAIN,
                r#","limits":{"rules":[{"name":"t","unit":"total_tokens","limit":9,"window":"1m"}]}"#,
            ),
            chat,
            &[],
            Needs::Limits,
        ),
        (
            doc(
                PLAIN,
                r#","limits":{"rules":[{"name":"m","key":["model"],"limit":9,"window":"1m"}]}"#,
            ),
            chat,
            &[],
            Needs::Limits,
        ),
        (
            doc(PLAIN, r#","routes":{"r":{"rules":[{"target":"openai/gpt-4o"}]}}"#),
            chat,
            &[],
            Needs::Routes,
        ),
        (
            doc(
                &format!(r#"{PLAIN},"b":{{"kind":"openai","api_key":{{"env":"OPENAI_KEY"}}}}"#),
                "",
            ),
            "/b/v1/chat/completions",
            &[],
            Needs::StreamUsage,
        ),
        (
            doc(r#""openai":{"kind":"openai","inject_stream_usage":false,"timeout_ms":5000}"#, ""),
            chat,
            &[],
            Needs::Resilience,
        ),
        // A client asking for retries gets them: the body is kept to replay.
        (doc(PLAIN, ""), chat, &[("x-aigw-max-attempts", "2")], Needs::Resilience),
        (
            doc(
                r#""br":{"kind":"bedrock","region":"eu-west-1","aws_credentials":{"access_key_id":{"env":"OPENAI_KEY"},"secret_access_key":{"env":"OPENAI_KEY"}}}"#,
                "",
            ),
            "/br/model/m/converse",
            &[],
            Needs::Signature,
        ),
        (
            doc(PLAIN, r#","logs":{"payloads":[{"routes":["openai"],"mode":"text"}]}"#),
            chat,
            &[],
            Needs::Payloads,
        ),
        (doc(PLAIN, ""), "/compat/chat/completions", &[], Needs::Route),
    ];
    for (cfg, path, extra, needs) in cases {
        assert_eq!(decided(&cfg, path, extra), Some(needs), "{cfg} {path} {extra:?}");
    }
}

#[test]
fn an_unheld_request_streams_its_body_and_its_record_comes_from_the_answer() {
    let cfg = config(&doc(PLAIN, ""));
    let mut svc = MemServices::new(1_000_000_000);
    let mut ex = Exchange::new(cfg);
    let head = ex.on_request_headers(
        &post("/openai/v1/chat/completions", &[("authorization", "Bearer client")]),
        false,
        &mut svc,
    );
    // The route rewrite goes with the headers; nothing waits for the body.
    assert_eq!(head.flow, Flow::Continue);
    assert!(head.ops.iter().any(|o| matches!(o, Op::SetRequestHeader(k, v)
        if k == "authorization" && v == b"Bearer sk-gw")));
    assert!(!head.ops.iter().any(|o| matches!(o, Op::WakeAt { .. })));
    for _ in 0..3 {
        assert_eq!(ex.request_body_need(30, false), BodyNeed::Pass);
    }
    assert_eq!(ex.request_body_need(10, true), BodyNeed::Pass);
    ex.on_response_headers(
        &headers(&[(":status", "200"), ("content-type", "application/json")]),
        &mut svc,
    );
    let answer = br#"{"id":"c","model":"gpt-4o-mini-2024-07-18","choices":[],"usage":{"prompt_tokens":1000,"completion_tokens":500}}"#;
    let (a, b) = answer.split_at(40);
    ex.on_response_body(a, false, &mut svc);
    ex.on_response_body(b, true, &mut svc);
    let rec = record(&mut ex, &mut svc);
    assert_eq!(rec["model"], "gpt-4o-mini-2024-07-18");
    assert_eq!((rec["stream"].as_bool(), rec["request_bytes"].as_u64()), (Some(false), Some(100)));
    assert_eq!(
        (rec["input_tokens"].as_u64(), rec["output_tokens"].as_u64()),
        (Some(1000), Some(500))
    );
    // Priced by the answer's model (shipped defaults), labelled by it too.
    assert_eq!(rec["cost_usd"], 0.00045);
    assert!(svc.labelled.keys().any(|k| k.contains("model=.=gpt-4o-mini;")), "{:?}", svc.labelled);
}

#[test]
fn an_unheld_stream_is_known_by_its_answer() {
    let mut svc = MemServices::new(1);
    let mut ex = Exchange::new(config(&doc(PLAIN, "")));
    ex.on_request_headers(&post("/openai/v1/chat/completions", &[]), false, &mut svc);
    ex.on_response_headers(
        &headers(&[(":status", "200"), ("content-type", "text/event-stream")]),
        &mut svc,
    );
    let events = b"data: {\"model\":\"gpt-4o\",\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\n\
        data: {\"model\":\"gpt-4o\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}\n\ndata: [DONE]\n\n";
    let out = ex.on_response_body(events, true, &mut svc);
    // The client asked for the usage chunk itself: the stream goes as it came.
    assert!(!out.ops.iter().any(|o| matches!(o, Op::SetResponseBody(_))));
    let rec = record(&mut ex, &mut svc);
    assert_eq!((rec["model"].as_str(), rec["stream"].as_bool()), (Some("gpt-4o"), Some(true)));
    assert_eq!(rec["output_tokens"].as_u64(), Some(1));
}

#[test]
fn a_streamed_body_past_the_limit_is_refused_at_the_chunk_that_crosses_it() {
    let mut ex = Exchange::new(config(&doc(PLAIN, "")));
    let head = ex.on_request_headers(
        &post("/openai/v1/chat/completions", &[]),
        false,
        &mut MemServices::new(1),
    );
    assert_eq!(head.flow, Flow::Continue);
    assert_eq!(ex.request_body_need(60, false), BodyNeed::Pass);
    assert_eq!(ex.request_body_need(40, false), BodyNeed::Pass);
    let BodyNeed::Stop(step) = ex.request_body_need(1, false) else { panic!("not refused") };
    let (status, _, body) = local(&step);
    assert_eq!(status, 413);
    assert!(String::from_utf8_lossy(&body).contains("aigw_body_too_large"));
    assert_eq!(step.flow, Flow::Pause);
    // A declared length over the limit is refused at the headers, as ever.
    let mut ex = Exchange::new(config(&doc(PLAIN, "")));
    let h = post("/openai/v1/chat/completions", &[("content-length", "101")]);
    let step = ex.on_request_headers(&h, false, &mut MemServices::new(1));
    assert_eq!(local(&step).0, 413);
}

#[test]
fn count_only_limits_still_count_an_unheld_request() {
    let rule = r#","limits":{"rules":[{"name":"r","key":["tenant"],"limit":1,"window":"1m"}]}"#;
    let cfg = config(&doc(PLAIN, rule));
    let mut svc = MemServices::new(1_000_000_000);
    let mut ex = Exchange::new(Rc::clone(&cfg));
    let first = ex.on_request_headers(&post("/openai/v1/chat/completions", &[]), false, &mut svc);
    assert_eq!(first.flow, Flow::Continue, "{first:?}");
    let mut ex = Exchange::new(cfg);
    let second = ex.on_request_headers(&post("/openai/v1/chat/completions", &[]), false, &mut svc);
    assert_eq!(local(&second).0, 429);
}

#[test]
fn an_unheld_request_is_priced_by_its_answers_model() {
    let limits = r#","limits":{"rules":[{"name":"r","limit":9,"window":"1m"}],
        "prices":{"openai":{"gpt-x*":{"input":1,"output":2}}}}"#;
    let mut svc = MemServices::new(1);
    let mut ex = Exchange::new(config(&doc(PLAIN, limits)));
    let head = ex.on_request_headers(&post("/openai/v1/chat/completions", &[]), false, &mut svc);
    assert_eq!(head.flow, Flow::Continue, "{head:?}");
    ex.on_response_headers(
        &headers(&[(":status", "200"), ("content-type", "application/json")]),
        &mut svc,
    );
    let answer =
        br#"{"model":"gpt-x1","usage":{"prompt_tokens":1000000,"completion_tokens":1000000}}"#;
    ex.on_response_body(answer, true, &mut svc);
    let rec = record(&mut ex, &mut svc);
    assert_eq!((rec["model"].as_str(), rec["cost_usd"].as_f64()), (Some("gpt-x1"), Some(3.0)));
}

#[test]
fn a_body_on_get_is_still_refused_and_the_allow_list_still_applies() {
    let cfg = doc(PLAIN, "");
    let mut ex = Exchange::new(config(&cfg));
    let h = headers(&[(":method", "GET"), (":path", "/openai/v1/models")]);
    let step = ex.on_request_headers(&h, false, &mut MemServices::new(1));
    assert_eq!(local(&step).0, 400);
    let mut ex = Exchange::new(config(&cfg));
    let step = ex.on_request_headers(
        &post("/openai/v1/fine_tuning/jobs", &[]),
        false,
        &mut MemServices::new(1),
    );
    assert_eq!(local(&step).0, 403);
}
