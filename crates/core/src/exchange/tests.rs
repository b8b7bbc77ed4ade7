use super::*;
use crate::services::MemServices;
use serde_json::Value;

fn at(ns: u64) -> MemServices {
    MemServices::new(ns)
}

const CONFIG: &str = r#"{"version":1,
  "providers":{
    "openai":{"kind":"openai","api_key":{"env":"OPENAI_KEY"}},
    "anthropic":{"kind":"anthropic","api_key":{"env":"ANTHROPIC_KEY"}},
    "local":{"kind":"openai_compatible","base_url":"http://127.0.0.1:8000/v1","cluster":"mock"}
  },
  "request":{"max_body_bytes":1000}}"#;

fn config(doc: &str) -> Rc<Config> {
    let env = |k: &str| match k {
        "OPENAI_KEY" => Some("sk-gw".to_string()),
        "ANTHROPIC_KEY" => Some("ant-gw".to_string()),
        "TOKEN" => Some("tenant-secret".to_string()),
        _ => None,
    };
    Rc::new(Config::parse(doc.as_bytes(), &env).unwrap().0)
}

fn with_auth() -> Rc<Config> {
    config(
        r#"{"version":1,"providers":{"openai":{"kind":"openai"}},
            "auth":{"tokens":[{"name":"team-a","env":"TOKEN"}]}}"#,
    )
}

pub(super) fn headers(pairs: &[(&str, &str)]) -> Headers {
    let p: Vec<(&str, &[u8])> = pairs.iter().map(|(k, v)| (*k, v.as_bytes())).collect();
    Headers::from_pairs(&p)
}

/// The log record the exchange would hand to Envoy now.
fn record(ex: &mut Exchange) -> Value {
    serde_json::from_slice(&ex.finish_log(&mut at(2_000_000_000))).unwrap()
}

pub(super) fn post(path: &str, extra: &[(&str, &str)]) -> Headers {
    let mut h = vec![
        (":method", "POST"),
        (":path", path),
        (":authority", "gw"),
        ("content-type", "application/json"),
    ];
    h.extend_from_slice(extra);
    headers(&h)
}

fn local_reply(step: &Step) -> (u16, Value) {
    match step.ops.last() {
        Some(Op::SendLocal { status, body, headers }) => {
            assert!(headers.iter().any(|(k, v)| k == "content-type" && v == "application/json"));
            (*status, serde_json::from_slice(body).unwrap())
        }
        other => panic!("expected a local reply, got {other:?}"),
    }
}

fn set_header<'a>(step: &'a Step, name: &str) -> Option<&'a [u8]> {
    step.ops.iter().find_map(|op| match op {
        Op::SetRequestHeader(k, v) if k == name => Some(v.as_slice()),
        _ => None,
    })
}

/// The step lets a held request go upstream, its route rewrite first.
fn resumes_upstream(step: &Step) -> bool {
    step.ops.last() == Some(&Op::ResumeRequest) && set_header(step, "x-aigw-cluster").is_some()
}

fn removes(step: &Step, name: &str) -> bool {
    step.ops.iter().any(|op| matches!(op, Op::RemoveRequestHeader(k) if k == name))
}

/// Runs a request with a body through the exchange up to upstream.
fn send_body(ex: &mut Exchange, h: &Headers, body: &[u8]) -> (Step, Step) {
    let head = ex.on_request_headers(h, false, &mut at(1_000_000_000));
    assert_eq!(head.flow, Flow::Pause, "{head:?}");
    let need = ex.request_body_need(body.len(), true);
    assert_eq!(need, BodyNeed::Complete);
    let body_step = ex.on_request_body(body, &mut at(1_000_000_000));
    (head, body_step)
}

#[test]
fn routes_openai_request_and_injects_key() {
    let mut ex = Exchange::new(config(CONFIG));
    let h = post(
        "/openai/v1/chat/completions",
        &[
            ("authorization", "Bearer client-key"),
            ("x-aigw-metadata", r#"{"user":"u1"}"#),
            ("accept-encoding", "gzip"),
        ],
    );
    let req = br#"{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}"#;
    let (head, body) = send_body(&mut ex, &h, req);
    assert_eq!(set_header(&body, ":path"), Some(&b"/v1/chat/completions"[..]));
    assert_eq!(set_header(&body, ":authority"), Some(&b"api.openai.com"[..]));
    assert_eq!(set_header(&body, "x-aigw-cluster"), Some(&b"openai"[..]));
    assert_eq!(set_header(&body, "authorization"), Some(&b"Bearer sk-gw"[..]));
    assert!(removes(&body, "x-aigw-metadata"));
    assert!(removes(&body, "accept-encoding"));
    // Held for its body: nothing is written until it goes upstream.
    assert!(head.ops.is_empty(), "{head:?}");
    assert_eq!(body.flow, Flow::Continue);
    assert_eq!(ex.facts.model.as_deref(), Some("gpt-4o"));
    let rec = record(&mut ex);
    assert_eq!(rec["provider"], "openai");
    assert_eq!(rec["metadata"]["user"], "u1");
    assert_eq!(rec["request_bytes"], req.len());
}

#[test]
fn anthropic_gets_api_key_and_version() {
    // Nothing on this route reads the body: the rewrite goes with the headers.
    let mut ex = Exchange::new(config(CONFIG));
    let h = post("/anthropic/v1/messages", &[("authorization", "Bearer client")]);
    let body = ex.on_request_headers(&h, false, &mut at(0));
    assert_eq!(body.flow, Flow::Continue);
    assert_eq!(set_header(&body, "x-api-key"), Some(&b"ant-gw"[..]));
    assert_eq!(set_header(&body, "anthropic-version"), Some(&b"2023-06-01"[..]));
    assert!(removes(&body, "authorization"));
}

#[test]
fn compatible_provider_prefix_and_client_key_passthrough() {
    let mut ex = Exchange::new(config(CONFIG));
    let (_, body) = send_body(
        &mut ex,
        &post("/local/chat/completions", &[("authorization", "Bearer mine")]),
        b"{}",
    );
    assert_eq!(set_header(&body, ":path"), Some(&b"/v1/chat/completions"[..]));
    assert_eq!(set_header(&body, ":authority"), Some(&b"127.0.0.1:8000"[..]));
    assert_eq!(set_header(&body, "x-aigw-cluster"), Some(&b"mock"[..]));
    assert_eq!(set_header(&body, "authorization"), None);
    assert!(!removes(&body, "authorization"));
}

#[test]
fn unknown_provider_is_404_in_openai_shape() {
    let mut ex = Exchange::new(config(CONFIG));
    let step = ex.on_request_headers(&post("/nope/v1/chat/completions", &[]), false, &mut at(0));
    let (status, body) = local_reply(&step);
    assert_eq!(status, 404);
    assert_eq!(body["error"]["code"], "aigw_unknown_provider");
    assert_eq!(step.flow, Flow::Pause);
    let rec = record(&mut ex);
    assert_eq!((rec["status"].as_u64(), rec["route"].as_str()), (Some(404), Some("none")));
    // Nothing else happens to a replied request.
    assert_eq!(ex.request_body_need(10, true), BodyNeed::Stop(Step::pause(vec![])));
}

#[test]
fn unknown_provider_on_messages_path_answers_anthropic_shape() {
    let mut ex = Exchange::new(config(CONFIG));
    let (_, body) =
        local_reply(&ex.on_request_headers(&post("/claude/v1/messages", &[]), false, &mut at(0)));
    assert_eq!(body["type"], "error");
    assert_eq!(body["error"]["code"], "aigw_unknown_provider");
}

#[test]
fn gateway_auth() {
    let cfg = with_auth();
    let (status, body) = local_reply(&Exchange::new(cfg.clone()).on_request_headers(
        &post("/openai/v1/chat/completions", &[]),
        false,
        &mut at(0),
    ));
    assert_eq!((status, body["error"]["code"].as_str()), (401, Some("aigw_unauthorized")));

    let bad = post("/openai/v1/chat/completions", &[("x-aigw-authorization", "Bearer nope")]);
    assert_eq!(
        local_reply(&Exchange::new(cfg.clone()).on_request_headers(&bad, false, &mut at(0))).0,
        401
    );

    // Auth is checked before the route: no provider names leak.
    let unknown = post("/secret-provider/x", &[]);
    assert_eq!(
        local_reply(&Exchange::new(cfg.clone()).on_request_headers(&unknown, false, &mut at(0))).0,
        401
    );

    let mut ex = Exchange::new(cfg.clone());
    let good =
        post("/openai/v1/chat/completions", &[("cf-aig-authorization", "Bearer tenant-secret")]);
    let step = ex.on_request_headers(&good, false, &mut at(0));
    assert_eq!(step.flow, Flow::Pause);
    assert_eq!(ex.facts.tenant.as_deref(), Some("team-a"));
    assert_eq!(ex.request_body_need(2, true), BodyNeed::Complete);
    let step = ex.on_request_body(b"{}", &mut at(0));
    assert!(removes(&step, "cf-aig-authorization"));
}

#[test]
fn bad_json_and_wrong_types_are_400() {
    let mut ex = Exchange::new(config(CONFIG));
    let (_, body) = send_body(&mut ex, &post("/openai/v1/chat/completions", &[]), b"{\"model\": ");
    let (status, v) = local_reply(&body);
    assert_eq!((status, v["error"]["code"].as_str()), (400, Some("aigw_invalid_json")));
    assert_eq!(ex.facts.error_code, Some("aigw_invalid_json"));

    // Held (a token rule reads the body): answered in the route's shape.
    let mut ex = Exchange::new(config(HELD));
    let (_, body) = send_body(&mut ex, &post("/anthropic/v1/messages", &[]), b"[]");
    let (status, v) = local_reply(&body);
    assert_eq!((status, v["type"].as_str()), (400, Some("error")));
}

/// CONFIG with a token rule: every inference request's body is read.
const HELD: &str = r#"{"version":1,
  "providers":{
    "openai":{"kind":"openai","api_key":{"env":"OPENAI_KEY"}},
    "anthropic":{"kind":"anthropic","api_key":{"env":"ANTHROPIC_KEY"}}
  },
  "limits":{"rules":[{"name":"t","unit":"total_tokens","limit":1000000,"window":"1m"}]},
  "request":{"max_body_bytes":1000}}"#;

#[test]
fn empty_body_on_inference_endpoint_is_400() {
    let mut ex = Exchange::new(config(CONFIG));
    let step = ex.on_request_headers(&post("/openai/v1/chat/completions", &[]), true, &mut at(0));
    assert_eq!(local_reply(&step).0, 400);
}

#[test]
fn body_limits() {
    // Declared too large: refused at the headers.
    let mut ex = Exchange::new(config(CONFIG));
    let h = post("/openai/v1/chat/completions", &[("content-length", "5000")]);
    let (status, v) = local_reply(&ex.on_request_headers(&h, false, &mut at(0)));
    assert_eq!((status, v["error"]["code"].as_str()), (413, Some("aigw_body_too_large")));

    // Chunked and growing: refused as soon as the buffer passes the limit.
    let mut ex = Exchange::new(config(CONFIG));
    ex.on_request_headers(&post("/openai/v1/chat/completions", &[]), false, &mut at(0));
    assert_eq!(ex.request_body_need(600, false), BodyNeed::Buffer);
    match ex.request_body_need(1200, false) {
        BodyNeed::Stop(step) => assert_eq!(local_reply(&step).0, 413),
        other => panic!("{other:?}"),
    }
}

#[test]
fn encoded_request_bodies_are_refused() {
    let mut ex = Exchange::new(config(CONFIG));
    let h = post("/openai/v1/chat/completions", &[("content-encoding", "gzip")]);
    assert_eq!(local_reply(&ex.on_request_headers(&h, false, &mut at(0))).0, 415);
}

#[test]
fn bad_metadata_is_400() {
    let mut ex = Exchange::new(config(CONFIG));
    let h = post("/openai/v1/chat/completions", &[("cf-aig-metadata", "[1,2]")]);
    let (status, v) = local_reply(&ex.on_request_headers(&h, false, &mut at(0)));
    assert_eq!((status, v["error"]["code"].as_str()), (400, Some("aigw_invalid_metadata")));
}

#[test]
fn endpoints_outside_the_allow_list_are_refused_before_the_key() {
    for (method, path) in [
        ("POST", "/openai/v1/files"),
        ("GET", "/openai/v1/files/file-1/content"),
        ("DELETE", "/openai/v1/chat/completions/chatcmpl-1"),
        ("GET", "/openai/v1/organization/users"),
        ("POST", "/anthropic/v1/messages/batches"),
        ("GET", "/openai/v1/chat/completions/"),
        ("POST", "/openai/v1//batches"),
    ] {
        let mut ex = Exchange::new(config(CONFIG));
        let h = headers(&[(":method", method), (":path", path)]);
        let step = ex.on_request_headers(&h, true, &mut at(0));
        assert!(
            set_header(&step, "authorization").is_none()
                && set_header(&step, "x-api-key").is_none()
        );
        let (status, v) = local_reply(&step);
        assert_eq!(
            (status, v["error"]["code"].as_str()),
            (403, Some("aigw_endpoint_not_allowed")),
            "{method} {path}"
        );
        let rec = record(&mut ex);
        assert_eq!(rec["error_code"], "aigw_endpoint_not_allowed");
    }
}

#[test]
fn uploads_pass_uninspected() {
    let opened = CONFIG.replace(
        r#""openai":{"kind":"openai","api_key":{"env":"OPENAI_KEY"}}"#,
        r#""openai":{"kind":"openai","api_key":{"env":"OPENAI_KEY"},"endpoints":[{"allow":"POST /v1/files"}]}"#,
    );
    let mut ex = Exchange::new(config(&opened));
    let h = headers(&[
        (":method", "POST"),
        (":path", "/openai/v1/files"),
        ("content-type", "multipart/form-data; boundary=x"),
    ]);
    let step = ex.on_request_headers(&h, false, &mut at(0));
    assert_eq!(step.flow, Flow::Continue);
    assert_eq!(set_header(&step, ":path"), Some(&b"/v1/files"[..]));
    assert_eq!(ex.request_body_need(5000, false), BodyNeed::Pass);
    assert_eq!(ex.request_body_need(3000, true), BodyNeed::Pass);
    assert_eq!(ex.facts.request_bytes, 8000);
}

#[test]
fn get_requests_continue_at_headers() {
    let mut ex = Exchange::new(config(CONFIG));
    let h = headers(&[(":method", "GET"), (":path", "/openai/v1/models")]);
    let step = ex.on_request_headers(&h, true, &mut at(0));
    assert_eq!(step.flow, Flow::Continue);
}

#[test]
fn json_response_usage_is_logged() {
    let mut ex = Exchange::new(config(CONFIG));
    send_body(&mut ex, &post("/openai/v1/chat/completions", &[]), br#"{"model":"m"}"#);
    ex.on_response_headers(
        &headers(&[(":status", "200"), ("content-type", "application/json")]),
        &mut at(1_250_000_000),
    );
    let body = br#"{"choices":[{"message":{"content":"hello"}}],"usage":{"prompt_tokens":7,"completion_tokens":3}}"#;
    let (a, b) = body.split_at(20);
    assert_eq!(ex.on_response_body(a, false, &mut at(0)), Step::cont(vec![]));
    assert_eq!(ex.on_response_body(b, true, &mut at(0)), Step::cont(vec![]));
    let log: Value = serde_json::from_slice(&ex.finish_log(&mut at(2_000_000_000))).unwrap();
    assert_eq!(log["input_tokens"], 7);
    assert_eq!(log["output_tokens"], 3);
    assert_eq!(log["status"], 200);
    assert_eq!(log["ttfb_ms"], 250.0);
    assert_eq!(log["latency_ms"], 1000.0);
    assert_eq!(log["response_bytes"], body.len());
    assert_eq!(log["complete"], true);
    assert!(!String::from_utf8_lossy(&ex.finish_log(&mut at(0))).contains("hello"));
}

const OPENAI_STREAM: &[u8] = b"data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}],\"usage\":null}\n\n\
data: {\"choices\":[{\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n\
data: {\"choices\":[],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":2}}\n\n\
data: [DONE]\n\n";

fn stream_through(ex: &mut Exchange, chunks: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, c) in chunks.iter().enumerate() {
        let step = ex.on_response_body(c, i + 1 == chunks.len(), &mut at(0));
        match step.ops.as_slice() {
            [] => out.extend_from_slice(c),
            [Op::SetResponseBody(b)] => out.extend_from_slice(b),
            other => panic!("{other:?}"),
        }
    }
    out
}

fn streaming_exchange(include_usage: Option<bool>) -> (Exchange, Step) {
    let mut ex = Exchange::new(config(CONFIG));
    let body = match include_usage {
        None => r#"{"model":"m","stream":true}"#.to_string(),
        Some(b) => {
            format!(r#"{{"model":"m","stream":true,"stream_options":{{"include_usage":{b}}}}}"#)
        }
    };
    let (_, body_step) =
        send_body(&mut ex, &post("/openai/v1/chat/completions", &[]), body.as_bytes());
    let head = ex.on_response_headers(
        &headers(&[(":status", "200"), ("content-type", "text/event-stream")]),
        &mut at(0),
    );
    (ex, Step { ops: [body_step.ops, head.ops].concat(), flow: Flow::Continue })
}

#[test]
fn stream_usage_is_requested_and_its_chunk_stripped_at_every_split() {
    let expected: Vec<u8> = OPENAI_STREAM
        .split(|_| false)
        .next()
        .map(|s| {
            let text = String::from_utf8(s.to_vec()).unwrap();
            text.replace("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":2}}\n\n", "")
                .into_bytes()
        })
        .unwrap();
    for i in 0..=OPENAI_STREAM.len() {
        let (mut ex, setup) = streaming_exchange(None);
        let new_body = setup.ops.iter().find_map(|op| match op {
            Op::SetRequestBody(b) => Some(serde_json::from_slice::<Value>(b).unwrap()),
            _ => None,
        });
        assert_eq!(new_body.unwrap()["stream_options"]["include_usage"], true);
        assert!(setup.ops.contains(&Op::RemoveResponseHeader("content-length".into())));
        let out = stream_through(&mut ex, &[&OPENAI_STREAM[..i], &OPENAI_STREAM[i..]]);
        assert_eq!(
            String::from_utf8_lossy(&out),
            String::from_utf8_lossy(&expected),
            "split at {i}"
        );
        assert_eq!(
            (ex.facts.usage.input_tokens, ex.facts.usage.output_tokens),
            (Some(11), Some(2))
        );
        assert_eq!(ex.facts.response_bytes, expected.len() as u64);
        assert!(ex.facts.stream);
    }
}

#[test]
fn client_asked_usage_passes_the_stream_untouched() {
    let (mut ex, setup) = streaming_exchange(Some(true));
    // The route only: the body goes as it came.
    assert!(!setup.ops.iter().any(|o| matches!(o, Op::SetRequestBody(_))), "{setup:?}");
    let (a, b) = OPENAI_STREAM.split_at(30);
    assert!(ex.on_response_body(a, false, &mut at(0)).ops.is_empty());
    assert!(ex.on_response_body(b, true, &mut at(0)).ops.is_empty());
    assert_eq!(ex.facts.usage.output_tokens, Some(2));
}

#[test]
fn truncated_stream_is_logged_incomplete_and_nothing_is_lost() {
    let (mut ex, _) = streaming_exchange(None);
    let cut = &OPENAI_STREAM[..50];
    let step = ex.on_response_body(cut, false, &mut at(0));
    let held = match step.ops.as_slice() {
        [Op::SetResponseBody(b)] => b.clone(),
        other => panic!("{other:?}"),
    };
    // Only complete events are forwarded; the partial one is held.
    assert!(cut.starts_with(&held));
    let log: Value = serde_json::from_slice(&ex.finish_log(&mut at(1))).unwrap();
    assert_eq!(log["complete"], false);
}

#[test]
fn error_responses_pass_untouched() {
    let (mut ex, _) = streaming_exchange(None);
    let mut ex2 = Exchange::new(config(CONFIG));
    send_body(&mut ex2, &post("/openai/v1/chat/completions", &[]), b"{}");
    ex2.on_response_headers(
        &headers(&[(":status", "429"), ("content-type", "application/json")]),
        &mut at(0),
    );
    assert!(ex2.on_response_body(br#"{"error":{}}"#, true, &mut at(0)).ops.is_empty());
    assert_eq!(ex2.facts.status, Some(429));
    // Upstream reset before headers: Envoy's own 503 passes through.
    ex.on_response_headers(
        &headers(&[(":status", "503"), ("content-type", "text/plain")]),
        &mut at(0),
    );
    assert!(ex.on_response_body(b"upstream connect error", true, &mut at(0)).ops.is_empty());
}

#[test]
fn anthropic_stream_usage() {
    // Unheld (nothing reads the body): the stream and the model come from
    // the answer.
    let mut ex = Exchange::new(config(CONFIG));
    let head = ex.on_request_headers(&post("/anthropic/v1/messages", &[]), false, &mut at(0));
    assert_eq!(head.flow, Flow::Continue);
    for _ in 0..2 {
        assert_eq!(ex.request_body_need(40, false), BodyNeed::Pass);
    }
    assert_eq!(ex.request_body_need(0, true), BodyNeed::Pass);
    let head = ex.on_response_headers(
        &headers(&[(":status", "200"), ("content-type", "text/event-stream; charset=utf-8")]),
        &mut at(0),
    );
    // Only the id of the request's log record: the stream passes as it is.
    assert!(matches!(&head.ops[..], [Op::SetResponseHeader(k, v)]
        if k == "x-aigw-log-id" && v == ex.facts.request_id.as_bytes()));
    let stream = b"event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"claude-x\",\"usage\":{\"input_tokens\":21,\"output_tokens\":1}}}\n\nevent: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":6}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    for (i, c) in stream.chunks(7).enumerate() {
        assert!(ex.on_response_body(c, (i + 1) * 7 >= stream.len(), &mut at(0)).ops.is_empty());
    }
    assert_eq!((ex.facts.usage.input_tokens, ex.facts.usage.output_tokens), (Some(21), Some(6)));
    let rec = record(&mut ex);
    assert_eq!((rec["model"].as_str(), rec["stream"].as_bool()), (Some("claude-x"), Some(true)));
    assert_eq!((rec["request_bytes"].as_u64(), rec["input_tokens"].as_u64()), (Some(80), Some(21)));
}

// ----------------------------------------------------------------- cache

const CACHED: &str = r#"{"version":1,
  "providers":{
    "openai":{"kind":"openai","cache":{"enabled":true}},
    "anthropic":{"kind":"anthropic"}
  },
  "cache":{"ttl_s":60,"l1":{"max_bytes":1048576,"max_entry_bytes":65536}}}"#;

const CACHED_L2: &str = r#"{"version":1,
  "providers":{"openai":{"kind":"openai","cache":{"enabled":true}}},
  "cache":{"l2":{"cluster":"webdis","timeout_ms":50}}}"#;

const CHAT: &[u8] = br#"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#;
const ANSWER: &[u8] = br#"{"choices":[{"message":{"content":"yo"}}],"usage":{"prompt_tokens":4,"completion_tokens":2}}"#;

fn response_status(ex: &mut Exchange, svc: &mut MemServices, status: &str, ct: &str) -> Step {
    ex.on_response_headers(&headers(&[(":status", status), ("content-type", ct)]), svc)
}

/// Sends one request through headers and body; returns the body step.
fn request(
    cfg: &Rc<Config>,
    svc: &mut MemServices,
    extra: &[(&str, &str)],
    body: &[u8],
) -> (Exchange, Step) {
    let mut ex = Exchange::new(cfg.clone());
    let head = ex.on_request_headers(&post("/openai/v1/chat/completions", extra), false, svc);
    assert_eq!(head.flow, Flow::Pause, "{head:?}");
    ex.set_owner(svc.data.len() as u32 + 1);
    assert_eq!(ex.request_body_need(body.len(), true), BodyNeed::Complete);
    let step = ex.on_request_body(body, svc);
    (ex, step)
}

fn respond(
    ex: &mut Exchange,
    svc: &mut MemServices,
    status: &str,
    ct: &str,
    body: &[u8],
) -> Vec<Op> {
    let mut ops = response_status(ex, svc, status, ct).ops;
    ops.extend(ex.on_response_body(body, true, svc).ops);
    ops
}

fn response_header<'a>(ops: &'a [Op], name: &str) -> Option<&'a [u8]> {
    ops.iter().find_map(|op| match op {
        Op::SetResponseHeader(k, v) if k == name => Some(v.as_slice()),
        _ => None,
    })
}

/// (status, body, headers) of a local reply.
type Reply = (u16, String, Vec<(String, String)>);

fn hit(step: &Step) -> Option<Reply> {
    match step.ops.last() {
        Some(Op::SendLocal { status, headers, body }) => Some((
            *status,
            String::from_utf8_lossy(body).into_owned(),
            headers.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
        )),
        _ => None,
    }
}

#[test]
fn miss_then_hit_from_l1_with_saved_tokens() {
    let cfg = config(CACHED);
    let mut svc = at(1_000_000_000);
    let (mut ex, step) = request(&cfg, &mut svc, &[], CHAT);
    assert_eq!(step.flow, Flow::Continue);
    let ops = respond(&mut ex, &mut svc, "200", "application/json", ANSWER);
    assert_eq!(response_header(&ops, "x-aigw-cache-status"), Some(&b"MISS"[..]));
    assert_eq!(record(&mut ex)["cache_status"], "MISS");

    // Same request, keys in another order: a hit, the provider is not asked.
    let reordered = br#"{"messages":[{"content":"hi","role":"user"}],"model":"m"}"#;
    let (mut ex2, step) = request(&cfg, &mut svc, &[], reordered);
    let (status, body, headers) = hit(&step).expect("a hit");
    assert_eq!((status, body.as_bytes()), (200, ANSWER));
    // Answered here: the route rewrite is never written.
    assert_eq!(step.ops.len(), 1, "{step:?}");
    assert!(headers.contains(&("x-aigw-cache-status".into(), "HIT".into())));
    assert!(headers.contains(&("content-type".into(), "application/json".into())));
    assert!(ex2.on_local_reply_headers().ops.is_empty(), "a JSON answer keeps its length");
    let rec = record(&mut ex2);
    assert_eq!(
        (rec["cache_status"].as_str(), rec["saved_input_tokens"].as_u64()),
        (Some("HIT"), Some(4))
    );
    assert_eq!(rec["saved_output_tokens"], 2);
    assert_eq!(svc.metrics[&crate::services::Metric::CacheHit], 1);
}

#[test]
fn ttl_expiry() {
    let cfg = config(CACHED);
    let mut svc = at(1_000_000_000);
    let (mut ex, _) = request(&cfg, &mut svc, &[("x-aigw-cache-ttl", "5")], CHAT);
    respond(&mut ex, &mut svc, "200", "application/json", ANSWER);
    svc.now_ns += 4_000_000_000;
    assert!(hit(&request(&cfg, &mut svc, &[], CHAT).1).is_some());
    svc.now_ns += 2_000_000_000;
    assert!(hit(&request(&cfg, &mut svc, &[], CHAT).1).is_none());
}

#[test]
fn a_repeated_body_takes_its_summary_and_key_from_the_memo() {
    let cfg = config(CACHED);
    let mut svc = at(0);
    let body = br#"{"model":"m","messages":[{"role":"user","content":"memo"}]}"#;
    let (mut ex, _) = request(&cfg, &mut svc, &[], body);
    respond(&mut ex, &mut svc, "200", "application/json", ANSWER);
    let first = ex.recent.clone().unwrap();
    let key = ex.cache.as_ref().unwrap().key;
    // The same bytes: the memo's entry, its key for the same fields, a hit.
    let (ex, step) = request(&cfg, &mut svc, &[], body);
    assert!(hit(&step).is_some());
    let again = ex.recent.clone().unwrap();
    assert!(Rc::ptr_eq(&first, &again));
    assert_eq!(ex.cache.as_ref().unwrap().key, key);
    assert_eq!(ex.facts.model.as_deref(), Some("m"));
    // The same bytes with another key header: the same entry, another key.
    let (ex, step) = request(&cfg, &mut svc, &[("openai-project", "p")], body);
    assert!(hit(&step).is_none());
    assert!(Rc::ptr_eq(&first, ex.recent.as_ref().unwrap()));
    assert_ne!(ex.cache.as_ref().unwrap().key, key);
}

#[test]
fn skip_cache_bypasses_reads_and_writes() {
    let cfg = config(CACHED);
    let mut svc = at(0);
    let (mut ex, step) = request(&cfg, &mut svc, &[("cf-aig-skip-cache", "true")], CHAT);
    assert_eq!(step.flow, Flow::Continue);
    let ops = respond(&mut ex, &mut svc, "200", "application/json", ANSWER);
    assert_eq!(response_header(&ops, "x-aigw-cache-status"), Some(&b"BYPASS"[..]));
    assert_eq!(response_header(&ops, "cf-aig-cache-status"), Some(&b"BYPASS"[..]));
    assert!(hit(&request(&cfg, &mut svc, &[], CHAT).1).is_none());
}

#[test]
fn custom_key_opts_in_and_replaces_the_content() {
    // Anthropic has caching off; the custom key turns it on for the request.
    let cfg = config(CACHED);
    let mut svc = at(0);
    let send = |body: &[u8], svc: &mut MemServices| {
        let mut ex = Exchange::new(cfg.clone());
        ex.on_request_headers(
            &post("/anthropic/v1/messages", &[("x-aigw-cache-key", "greeting")]),
            false,
            svc,
        );
        ex.request_body_need(body.len(), true);
        let step = ex.on_request_body(body, svc);
        (ex, step)
    };
    let (mut ex, step) = send(
        br#"{"model":"c","max_tokens":5,"messages":[{"role":"user","content":"a"}]}"#,
        &mut svc,
    );
    assert!(hit(&step).is_none());
    respond(
        &mut ex,
        &mut svc,
        "200",
        "application/json",
        br#"{"content":[],"usage":{"input_tokens":1,"output_tokens":1}}"#,
    );
    let (_, step) = send(
        br#"{"model":"c","max_tokens":5,"messages":[{"role":"user","content":"b"}]}"#,
        &mut svc,
    );
    assert!(hit(&step).is_some(), "same custom key, other content: a hit");
}

#[test]
fn tenants_are_isolated() {
    let cfg = config(
        r#"{"version":1,"providers":{"openai":{"kind":"openai","cache":{"enabled":true}}},
            "auth":{"tokens":[{"name":"a","sha256":"2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b"},
                              {"name":"b","env":"TOKEN"}]}}"#,
    );
    let mut svc = at(0);
    let (mut ex, _) = request(&cfg, &mut svc, &[("x-aigw-authorization", "secret")], CHAT);
    respond(&mut ex, &mut svc, "200", "application/json", ANSWER);
    assert!(hit(&request(&cfg, &mut svc, &[("x-aigw-authorization", "secret")], CHAT).1).is_some());
    assert!(hit(&request(&cfg, &mut svc, &[("x-aigw-authorization", "tenant-secret")], CHAT).1)
        .is_none());
}

#[test]
fn errors_truncations_and_mismatches_are_not_stored() {
    let cfg = config(CACHED);
    let mut svc = at(0);
    let (mut ex, _) = request(&cfg, &mut svc, &[], CHAT);
    respond(&mut ex, &mut svc, "500", "application/json", br#"{"error":{}}"#);
    let (mut ex, _) = request(&cfg, &mut svc, &[], CHAT);
    respond(&mut ex, &mut svc, "200", "application/json", br#"{"choices":[{"mess"#);
    // A stream cut before its end never reaches end_of_stream: nothing stored.
    let stream =
        br#"{"model":"m","stream":true,"stream_options":{"include_usage":true},"messages":[]}"#;
    let (mut ex, _) = request(&cfg, &mut svc, &[], stream);
    response_status(&mut ex, &mut svc, "200", "text/event-stream");
    ex.on_response_body(b"data: {\"choices\":[]}\n\n", false, &mut svc);
    ex.finish_log(&mut svc);
    assert!(svc.data.keys().all(|k| !k.starts_with("aigw:c1:")), "{:?}", svc.data.keys());
    assert!(hit(&request(&cfg, &mut svc, &[], CHAT).1).is_none());
    assert!(hit(&request(&cfg, &mut svc, &[], stream).1).is_none());
}

#[test]
fn streamed_answers_replay_as_streams_and_only_for_streams() {
    let cfg = config(CACHED);
    let mut svc = at(0);
    let stream_req = br#"{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}"#;
    let (mut ex, _) = request(&cfg, &mut svc, &[], stream_req);
    let ops = respond(&mut ex, &mut svc, "200", "text/event-stream", OPENAI_STREAM);
    assert!(ops.iter().any(|o| matches!(o, Op::SetResponseBody(_))));
    let (hit_ex, step) = request(&cfg, &mut svc, &[], stream_req);
    let (status, body, headers) = hit(&step).expect("stream hit");
    assert_eq!(status, 200);
    assert!(headers.contains(&("content-type".into(), "text/event-stream".into())));
    // Sent chunked like the provider's stream: Envoy's length is dropped.
    assert!(matches!(
        &hit_ex.on_local_reply_headers().ops[..],
        [Op::RemoveResponseHeader(h)] if h == "content-length"
    ));
    // What the first client received (usage chunk hidden), event by event.
    assert!(body.starts_with("data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]"));
    assert!(body.ends_with("data: [DONE]\n\n") && !body.contains("prompt_tokens"));
    // The same content asked without streaming is another entry.
    assert!(hit(&request(&cfg, &mut svc, &[], CHAT).1).is_none());
}

#[test]
fn l1_memory_is_bounded() {
    let cfg = config(
        r#"{"version":1,"providers":{"openai":{"kind":"openai","cache":{"enabled":true}}},
        "cache":{"l1":{"max_bytes":16384,"max_entry_bytes":4096},"coalesce":{"enabled":false}}}"#,
    );
    let mut svc = at(0);
    for i in 0..200 {
        let body = format!(r#"{{"model":"m","messages":[{{"role":"user","content":"{i}"}}]}}"#);
        let (mut ex, _) = request(&cfg, &mut svc, &[], body.as_bytes());
        respond(&mut ex, &mut svc, "200", "application/json", ANSWER);
    }
    let l1: Vec<_> = svc.data.iter().filter(|(k, _)| k.starts_with("aigw:c1:")).collect();
    assert!(l1.len() <= 4, "{} slots", l1.len());
    let bytes: usize = l1.iter().map(|(_, (v, _))| v.len()).sum();
    assert!(bytes <= 16384);
    assert_eq!(svc.metrics[&crate::services::Metric::CacheL1Bytes], bytes as i64);
}

fn dispatch(step: &Step) -> &Callout {
    match step.ops.last() {
        Some(Op::Dispatch(c)) => c,
        other => panic!("expected a dispatch, got {other:?}"),
    }
}

#[test]
fn l2_lookup_miss_hit_and_faults() {
    let cfg = config(CACHED_L2);
    let mut svc = at(0);
    // Miss in L1: the request pauses for L2.
    let (mut ex, step) = request(&cfg, &mut svc, &[], CHAT);
    assert_eq!(step.flow, Flow::Pause);
    let call = dispatch(&step).clone();
    assert_eq!(
        (call.purpose, call.cluster.as_str(), call.timeout_ms),
        (Purpose::CacheLookup, "webdis", 50)
    );
    let path =
        String::from_utf8(call.headers.iter().find(|(k, _)| k == ":path").unwrap().1.clone())
            .unwrap();
    assert!(path.starts_with("/GET/aigw:cache:") && path.ends_with(".txt"));
    // 404: a miss, the request goes on.
    let step = ex.on_callout(
        Purpose::CacheLookup,
        CalloutResponse { status: Some(404), ..Default::default() },
        &mut svc,
    );
    assert!(resumes_upstream(&step), "{step:?}");
    // Its answer is stored in L1 and, fire-and-forget, in L2.
    let ops = respond(&mut ex, &mut svc, "200", "application/json", ANSWER);
    let store = ops
        .iter()
        .find_map(|o| match o {
            Op::Dispatch(c) => Some(c.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(store.purpose, Purpose::CacheStore);
    assert!(String::from_utf8_lossy(&store.headers[1].1).starts_with("/SETEX/aigw:cache:"));

    // Another Envoy (empty L1) finds it in L2 and fills its own L1.
    let mut other = at(1_000_000);
    let (mut ex, step) = request(&cfg, &mut other, &[], CHAT);
    dispatch(&step);
    let step = ex.on_callout(
        Purpose::CacheLookup,
        CalloutResponse { status: Some(200), body: store.body.clone(), ..Default::default() },
        &mut other,
    );
    assert_eq!(hit(&step).unwrap().1.as_bytes(), ANSWER);
    assert!(hit(&request(&cfg, &mut other, &[], CHAT).1).is_some(), "L1 filled");

    // Faults are misses with a reason in the log.
    for (status, body) in [(None, &b""[..]), (Some(503), &b""[..]), (Some(200), &b"garbage!"[..])] {
        let mut fresh = at(0);
        let (mut ex, _) = request(&cfg, &mut fresh, &[], CHAT);
        let step = ex.on_callout(
            Purpose::CacheLookup,
            CalloutResponse { status, body: body.to_vec(), ..Default::default() },
            &mut fresh,
        );
        assert!(resumes_upstream(&step), "{step:?}");
        let rec = record(&mut ex);
        assert!(rec["cache_l2_error"].as_str().is_some(), "{rec}");
        assert_eq!(rec["cache_status"], "MISS");
    }
    // An answer the memory budget cannot hold is not read: a miss, with why.
    let mut fresh = at(0);
    let (mut ex, _) = request(&cfg, &mut fresh, &[], CHAT);
    let refused = ex.admit_callout(usize::MAX).unwrap_err();
    let step = ex.on_callout(
        Purpose::CacheLookup,
        CalloutResponse { status: Some(200), refused: Some(refused), ..Default::default() },
        &mut fresh,
    );
    assert!(resumes_upstream(&step), "{step:?}");
    let rec = record(&mut ex);
    assert!(rec["cache_l2_error"].as_str().unwrap().contains("not read: memory budget"), "{rec}");
    assert_eq!(rec["cache_status"], "MISS");
}

#[test]
fn identical_misses_coalesce_behind_one_leader() {
    let cfg = config(CACHED);
    let mut svc = at(1_000_000_000);
    let (mut leader, step) = request(&cfg, &mut svc, &[], CHAT);
    assert_eq!(step.flow, Flow::Continue, "the leader goes upstream");
    let (mut follower, step) = request(&cfg, &mut svc, &[], CHAT);
    assert_eq!(step.flow, Flow::Pause);
    assert!(matches!(
        step.ops.last(),
        Some(Op::WakeAt { purpose: TimerPurpose::CoalescePoll, .. })
    ));
    // Still in flight: the follower keeps waiting.
    svc.now_ns += 10_000_000;
    assert!(matches!(
        follower.on_timer(TimerPurpose::CoalescePoll, &mut svc).ops.last(),
        Some(Op::WakeAt { purpose: TimerPurpose::CoalescePoll, .. })
    ));
    respond(&mut leader, &mut svc, "200", "application/json", ANSWER);
    svc.now_ns += 10_000_000;
    let step = follower.on_timer(TimerPurpose::CoalescePoll, &mut svc);
    assert_eq!(hit(&step).unwrap().1.as_bytes(), ANSWER);
    let rec = record(&mut follower);
    assert_eq!(
        (rec["cache_status"].as_str(), rec["cache_coalesced"].as_bool()),
        (Some("HIT"), Some(true))
    );
}

#[test]
fn followers_go_upstream_when_the_leader_fails_or_is_too_slow() {
    let cfg = config(CACHED);
    let mut svc = at(0);
    let (mut leader, _) = request(&cfg, &mut svc, &[], CHAT);
    let (mut follower, _) = request(&cfg, &mut svc, &[], CHAT);
    respond(&mut leader, &mut svc, "500", "application/json", b"{}");
    svc.now_ns += 10_000_000;
    assert!(resumes_upstream(&follower.on_timer(TimerPurpose::CoalescePoll, &mut svc)));

    let slow = config(
        r#"{"version":1,"providers":{"openai":{"kind":"openai","cache":{"enabled":true}}},
        "cache":{"coalesce":{"max_wait_ms":100}}}"#,
    );
    let mut svc = at(0);
    let (_leader, _) = request(&slow, &mut svc, &[], CHAT);
    let (mut follower, _) = request(&slow, &mut svc, &[], CHAT);
    svc.now_ns += 150_000_000;
    let step = follower.on_timer(TimerPurpose::CoalescePoll, &mut svc);
    assert_eq!(step.ops.last(), Some(&Op::ResumeRequest), "{step:?}");
    assert_eq!(set_header(&step, ":path"), Some(&b"/v1/chat/completions"[..]));
}

#[test]
fn a_leader_that_goes_away_frees_the_key() {
    let cfg = config(CACHED);
    let mut svc = at(0);
    let (mut leader, _) = request(&cfg, &mut svc, &[], CHAT);
    leader.finish_log(&mut svc);
    let (_, step) = request(&cfg, &mut svc, &[], CHAT);
    assert_eq!(step.flow, Flow::Continue, "no wait behind a finished request");
}

#[test]
fn bad_cache_headers_are_400() {
    let cfg = config(CACHED);
    let mut ex = Exchange::new(cfg);
    let step = ex.on_request_headers(
        &post("/openai/v1/chat/completions", &[("x-aigw-cache-ttl", "forever")]),
        false,
        &mut at(0),
    );
    let (status, v) = local_reply(&step);
    assert_eq!((status, v["error"]["code"].as_str()), (400, Some("aigw_invalid_header")));
}

#[test]
fn the_log_request_id_is_the_gateways_and_goes_to_the_client() {
    let mut ex = Exchange::new(config(CONFIG));
    let step = ex.on_request_headers(
        &post(
            "/nope/v1/chat/completions",
            &[("x-request-id", "chosen"), ("cf-aig-skip-cache", "1")],
        ),
        false,
        &mut at(0),
    );
    let Some(Op::SendLocal { headers, .. }) = step.ops.last() else { panic!("{:?}", step.ops) };
    let sent = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let rec = record(&mut ex);
    assert_eq!(rec["request_id"].as_str(), sent("x-aigw-log-id").as_deref());
    assert_eq!(rec["request_id"].as_str(), sent("cf-aig-log-id").as_deref());
    assert_eq!(rec["client_request_id"], "chosen");
    assert_ne!(rec["request_id"], "chosen");
}

#[test]
fn cloudflare_metadata_past_five_is_dropped_and_noted() {
    let mut ex = Exchange::new(config(CONFIG));
    let meta = r#"{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6}"#;
    send_body(
        &mut ex,
        &post("/openai/v1/chat/completions", &[("cf-aig-metadata", meta)]),
        br#"{"model":"m","messages":[]}"#,
    );
    let rec = record(&mut ex);
    assert_eq!(rec["metadata"], serde_json::json!({"a":1,"b":2,"c":3,"d":4,"e":5}));
    assert_eq!(rec["metadata_dropped"], serde_json::json!(["f"]));
    let mut ex = Exchange::new(config(CONFIG));
    let step = ex.on_request_headers(
        &post("/openai/v1/chat/completions", &[("x-aigw-metadata", meta)]),
        false,
        &mut at(0),
    );
    assert_eq!(local_reply(&step).0, 400);
}
