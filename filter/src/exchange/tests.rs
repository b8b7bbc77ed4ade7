use super::*;
use serde_json::Value;

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

fn headers(pairs: &[(&str, &str)]) -> Headers {
    let p: Vec<(&str, &[u8])> = pairs.iter().map(|(k, v)| (*k, v.as_bytes())).collect();
    Headers::from_pairs(&p)
}

/// The log record the exchange would hand to Envoy now.
fn record(ex: &Exchange) -> Value {
    serde_json::from_slice(&ex.finish_log(2_000_000_000)).unwrap()
}

fn post(path: &str, extra: &[(&str, &str)]) -> Headers {
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

fn removes(step: &Step, name: &str) -> bool {
    step.ops.iter().any(|op| matches!(op, Op::RemoveRequestHeader(k) if k == name))
}

/// Runs a request with a body through the exchange up to upstream.
fn send_body(ex: &mut Exchange, h: &Headers, body: &[u8]) -> (Step, Step) {
    let head = ex.on_request_headers(h, false, 1_000_000_000);
    assert_eq!(head.flow, Flow::Pause, "{head:?}");
    let need = ex.request_body_need(body.len(), true);
    assert_eq!(need, BodyNeed::Complete);
    let body_step = ex.on_request_body(body);
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
    assert_eq!(set_header(&head, ":path"), Some(&b"/v1/chat/completions"[..]));
    assert_eq!(set_header(&head, ":authority"), Some(&b"api.openai.com"[..]));
    assert_eq!(set_header(&head, "x-aigw-cluster"), Some(&b"openai"[..]));
    assert_eq!(set_header(&head, "authorization"), Some(&b"Bearer sk-gw"[..]));
    assert!(removes(&head, "x-aigw-metadata"));
    assert!(removes(&head, "accept-encoding"));
    assert_eq!(body, Step::cont(vec![]));
    assert_eq!(ex.facts.model.as_deref(), Some("gpt-4o"));
    let rec = record(&ex);
    assert_eq!(rec["provider"], "openai");
    assert_eq!(rec["metadata"]["user"], "u1");
    assert_eq!(rec["request_bytes"], req.len());
}

#[test]
fn anthropic_gets_api_key_and_version() {
    let mut ex = Exchange::new(config(CONFIG));
    let (head, _) = send_body(
        &mut ex,
        &post("/anthropic/v1/messages", &[("authorization", "Bearer client")]),
        br#"{"model":"claude","max_tokens":5,"messages":[]}"#,
    );
    assert_eq!(set_header(&head, "x-api-key"), Some(&b"ant-gw"[..]));
    assert_eq!(set_header(&head, "anthropic-version"), Some(&b"2023-06-01"[..]));
    assert!(removes(&head, "authorization"));
}

#[test]
fn compatible_provider_prefix_and_client_key_passthrough() {
    let mut ex = Exchange::new(config(CONFIG));
    let (head, _) = send_body(
        &mut ex,
        &post("/local/chat/completions", &[("authorization", "Bearer mine")]),
        b"{}",
    );
    assert_eq!(set_header(&head, ":path"), Some(&b"/v1/chat/completions"[..]));
    assert_eq!(set_header(&head, ":authority"), Some(&b"127.0.0.1:8000"[..]));
    assert_eq!(set_header(&head, "x-aigw-cluster"), Some(&b"mock"[..]));
    assert_eq!(set_header(&head, "authorization"), None);
    assert!(!removes(&head, "authorization"));
}

#[test]
fn unknown_provider_is_404_in_openai_shape() {
    let mut ex = Exchange::new(config(CONFIG));
    let step = ex.on_request_headers(&post("/nope/v1/chat/completions", &[]), false, 0);
    let (status, body) = local_reply(&step);
    assert_eq!(status, 404);
    assert_eq!(body["error"]["code"], "aigw_unknown_provider");
    assert_eq!(step.flow, Flow::Pause);
    let rec = record(&ex);
    assert_eq!((rec["status"].as_u64(), rec["route"].as_str()), (Some(404), Some("none")));
    // Nothing else happens to a replied request.
    assert_eq!(ex.request_body_need(10, true), BodyNeed::Stop(Step::pause(vec![])));
}

#[test]
fn unknown_provider_on_messages_path_answers_anthropic_shape() {
    let mut ex = Exchange::new(config(CONFIG));
    let (_, body) =
        local_reply(&ex.on_request_headers(&post("/claude/v1/messages", &[]), false, 0));
    assert_eq!(body["type"], "error");
    assert_eq!(body["error"]["code"], "aigw_unknown_provider");
}

#[test]
fn gateway_auth() {
    let cfg = with_auth();
    let (status, body) = local_reply(&Exchange::new(cfg.clone()).on_request_headers(
        &post("/openai/v1/chat/completions", &[]),
        false,
        0,
    ));
    assert_eq!((status, body["error"]["code"].as_str()), (401, Some("aigw_unauthorized")));

    let bad = post("/openai/v1/chat/completions", &[("x-aigw-authorization", "Bearer nope")]);
    assert_eq!(local_reply(&Exchange::new(cfg.clone()).on_request_headers(&bad, false, 0)).0, 401);

    // Auth is checked before the route: no provider names leak.
    let unknown = post("/secret-provider/x", &[]);
    assert_eq!(
        local_reply(&Exchange::new(cfg.clone()).on_request_headers(&unknown, false, 0)).0,
        401
    );

    let mut ex = Exchange::new(cfg.clone());
    let good =
        post("/openai/v1/chat/completions", &[("cf-aig-authorization", "Bearer tenant-secret")]);
    let step = ex.on_request_headers(&good, false, 0);
    assert_eq!(step.flow, Flow::Pause);
    assert!(removes(&step, "cf-aig-authorization"));
    assert_eq!(ex.facts.tenant.as_deref(), Some("team-a"));
}

#[test]
fn bad_json_and_wrong_types_are_400() {
    let mut ex = Exchange::new(config(CONFIG));
    let (_, body) = send_body(&mut ex, &post("/openai/v1/chat/completions", &[]), b"{\"model\": ");
    let (status, v) = local_reply(&body);
    assert_eq!((status, v["error"]["code"].as_str()), (400, Some("aigw_invalid_json")));
    assert_eq!(ex.facts.error_code, Some("aigw_invalid_json"));

    let mut ex = Exchange::new(config(CONFIG));
    let (_, body) = send_body(&mut ex, &post("/anthropic/v1/messages", &[]), b"[]");
    let (status, v) = local_reply(&body);
    assert_eq!((status, v["type"].as_str()), (400, Some("error")));
}

#[test]
fn empty_body_on_inference_endpoint_is_400() {
    let mut ex = Exchange::new(config(CONFIG));
    let step = ex.on_request_headers(&post("/openai/v1/chat/completions", &[]), true, 0);
    assert_eq!(local_reply(&step).0, 400);
}

#[test]
fn body_limits() {
    // Declared too large: refused at the headers.
    let mut ex = Exchange::new(config(CONFIG));
    let h = post("/openai/v1/chat/completions", &[("content-length", "5000")]);
    let (status, v) = local_reply(&ex.on_request_headers(&h, false, 0));
    assert_eq!((status, v["error"]["code"].as_str()), (413, Some("aigw_body_too_large")));

    // Chunked and growing: refused as soon as the buffer passes the limit.
    let mut ex = Exchange::new(config(CONFIG));
    ex.on_request_headers(&post("/openai/v1/chat/completions", &[]), false, 0);
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
    assert_eq!(local_reply(&ex.on_request_headers(&h, false, 0)).0, 415);
}

#[test]
fn bad_metadata_is_400() {
    let mut ex = Exchange::new(config(CONFIG));
    let h = post("/openai/v1/chat/completions", &[("cf-aig-metadata", "[1,2]")]);
    let (status, v) = local_reply(&ex.on_request_headers(&h, false, 0));
    assert_eq!((status, v["error"]["code"].as_str()), (400, Some("aigw_invalid_metadata")));
}

#[test]
fn uploads_pass_uninspected() {
    let mut ex = Exchange::new(config(CONFIG));
    let h = headers(&[
        (":method", "POST"),
        (":path", "/openai/v1/files"),
        ("content-type", "multipart/form-data; boundary=x"),
    ]);
    let step = ex.on_request_headers(&h, false, 0);
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
    let step = ex.on_request_headers(&h, true, 0);
    assert_eq!(step.flow, Flow::Continue);
}

#[test]
fn json_response_usage_is_logged() {
    let mut ex = Exchange::new(config(CONFIG));
    send_body(&mut ex, &post("/openai/v1/chat/completions", &[]), br#"{"model":"m"}"#);
    ex.on_response_headers(
        &headers(&[(":status", "200"), ("content-type", "application/json")]),
        1_250_000_000,
    );
    let body = br#"{"choices":[{"message":{"content":"hello"}}],"usage":{"prompt_tokens":7,"completion_tokens":3}}"#;
    let (a, b) = body.split_at(20);
    assert_eq!(ex.on_response_body(a, false), Step::cont(vec![]));
    assert_eq!(ex.on_response_body(b, true), Step::cont(vec![]));
    let log: Value = serde_json::from_slice(&ex.finish_log(2_000_000_000)).unwrap();
    assert_eq!(log["input_tokens"], 7);
    assert_eq!(log["output_tokens"], 3);
    assert_eq!(log["status"], 200);
    assert_eq!(log["ttfb_ms"], 250.0);
    assert_eq!(log["latency_ms"], 1000.0);
    assert_eq!(log["response_bytes"], body.len());
    assert_eq!(log["complete"], true);
    assert!(!String::from_utf8_lossy(&ex.finish_log(0)).contains("hello"));
}

const OPENAI_STREAM: &[u8] = b"data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}],\"usage\":null}\n\n\
data: {\"choices\":[{\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n\
data: {\"choices\":[],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":2}}\n\n\
data: [DONE]\n\n";

fn stream_through(ex: &mut Exchange, chunks: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, c) in chunks.iter().enumerate() {
        let step = ex.on_response_body(c, i + 1 == chunks.len());
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
        0,
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
    assert!(setup.ops.is_empty(), "{setup:?}");
    let (a, b) = OPENAI_STREAM.split_at(30);
    assert!(ex.on_response_body(a, false).ops.is_empty());
    assert!(ex.on_response_body(b, true).ops.is_empty());
    assert_eq!(ex.facts.usage.output_tokens, Some(2));
}

#[test]
fn truncated_stream_is_logged_incomplete_and_nothing_is_lost() {
    let (mut ex, _) = streaming_exchange(None);
    let cut = &OPENAI_STREAM[..50];
    let step = ex.on_response_body(cut, false);
    let held = match step.ops.as_slice() {
        [Op::SetResponseBody(b)] => b.clone(),
        other => panic!("{other:?}"),
    };
    // Only complete events are forwarded; the partial one is held.
    assert!(cut.starts_with(&held));
    let log: Value = serde_json::from_slice(&ex.finish_log(1)).unwrap();
    assert_eq!(log["complete"], false);
}

#[test]
fn error_responses_pass_untouched() {
    let (mut ex, _) = streaming_exchange(None);
    let mut ex2 = Exchange::new(config(CONFIG));
    send_body(&mut ex2, &post("/openai/v1/chat/completions", &[]), b"{}");
    ex2.on_response_headers(
        &headers(&[(":status", "429"), ("content-type", "application/json")]),
        0,
    );
    assert!(ex2.on_response_body(br#"{"error":{}}"#, true).ops.is_empty());
    assert_eq!(ex2.facts.status, Some(429));
    // Upstream reset before headers: Envoy's own 503 passes through.
    ex.on_response_headers(&headers(&[(":status", "503"), ("content-type", "text/plain")]), 0);
    assert!(ex.on_response_body(b"upstream connect error", true).ops.is_empty());
}

#[test]
fn anthropic_stream_usage() {
    let mut ex = Exchange::new(config(CONFIG));
    send_body(
        &mut ex,
        &post("/anthropic/v1/messages", &[]),
        br#"{"model":"c","stream":true,"max_tokens":9,"messages":[]}"#,
    );
    let head = ex.on_response_headers(
        &headers(&[(":status", "200"), ("content-type", "text/event-stream; charset=utf-8")]),
        0,
    );
    assert!(head.ops.is_empty());
    let stream = b"event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":21,\"output_tokens\":1}}}\n\nevent: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":6}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    for (i, c) in stream.chunks(7).enumerate() {
        assert!(ex.on_response_body(c, (i + 1) * 7 >= stream.len()).ops.is_empty());
    }
    assert_eq!((ex.facts.usage.input_tokens, ex.facts.usage.output_tokens), (Some(21), Some(6)));
    assert!(ex.finish_log(0).starts_with(b"{"));
}
