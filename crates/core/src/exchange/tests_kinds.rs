//! Provider kinds through the state machine: Azure OpenAI's key header,
//! api-version and deployment model, as a route and as a fallback step;
//! a preset that refuses `stream_options`.

use super::tests_fallback::{
    answer, callout, config, record, start, start_unheld, CHAT, OPENAI_OK,
};
use super::*;
use crate::services::MemServices;

const KINDS: &str = r#"{"version":1,"providers":{
  "openai":{"kind":"openai","api_key":{"env":"OPENAI_KEY"},
    "fallback":[{"provider":"azure","model_map":{"*":"my-gpt4o"}}]},
  "azure":{"kind":"azure_openai","base_url":"https://res.openai.azure.com","api_key":{"env":"OPENAI_KEY"},
    "api_version":"2025-01-01"},
  "mistral":{"kind":"mistral","cluster":"mock"},
  "azpass":{"kind":"azure_openai","base_url":"https://res.openai.azure.com"}
}}"#;

fn set<'a>(step: &'a Step, name: &str) -> Option<&'a str> {
    step.ops.iter().find_map(|op| match op {
        Op::SetRequestHeader(k, v) if k == name => std::str::from_utf8(v).ok(),
        _ => None,
    })
}

fn removes(step: &Step, name: &str) -> bool {
    step.ops.iter().any(|op| matches!(op, Op::RemoveRequestHeader(k) if k == name))
}

#[test]
fn azure_deployment_route_gets_api_key_api_version_and_the_deployment_as_model() {
    let cfg = config(KINDS);
    let mut svc = MemServices::new(1_000_000_000);
    let (mut ex, step) = start(
        &cfg,
        &mut svc,
        "/azure/openai/deployments/my-gpt4o/chat/completions",
        &[("api-key", "client-key"), ("authorization", "Bearer client")],
        br#"{"messages":[{"role":"user","content":"hi"}]}"#,
    );
    assert_eq!(
        set(&step, ":path"),
        Some("/openai/deployments/my-gpt4o/chat/completions?api-version=2025-01-01")
    );
    assert_eq!(set(&step, ":authority"), Some("res.openai.azure.com"));
    assert_eq!(set(&step, "api-key"), Some("sk-gw"));
    assert!(removes(&step, "authorization") && !removes(&step, "api-key"));
    ex.on_response_headers(
        &super::tests::headers(&[(":status", "200"), ("content-type", "application/json")]),
        &mut svc,
    );
    ex.on_response_body(OPENAI_OK, true, &mut svc);
    let rec = record(&mut ex, &mut svc);
    assert_eq!(rec["model"], "my-gpt4o");
    assert_eq!(rec["provider_kind"], "azure_openai");
    assert_eq!((rec["input_tokens"].as_u64(), rec["output_tokens"].as_u64()), (Some(3), Some(2)));
}

#[test]
fn azure_client_key_passes_through_when_the_gateway_holds_none() {
    let cfg = config(KINDS);
    let mut svc = MemServices::new(1_000_000_000);
    let (_, step) = start(
        &cfg,
        &mut svc,
        "/azpass/openai/v1/chat/completions",
        &[("api-key", "client-key")],
        CHAT,
    );
    assert_eq!(set(&step, ":path"), Some("/openai/v1/chat/completions"));
    assert_eq!(set(&step, "api-key"), None);
    assert!(!removes(&step, "api-key"));
}

#[test]
fn azure_as_a_fallback_step_takes_the_v1_path_and_its_key_header() {
    let cfg = config(KINDS);
    let mut svc = MemServices::new(1_000_000_000);
    let (mut ex, _) = start(&cfg, &mut svc, "/openai/v1/chat/completions", &[], CHAT);
    let step = ex.on_response_headers(
        &super::tests::headers(&[(":status", "503"), ("content-type", "application/json")]),
        &mut svc,
    );
    let fb = callout(&step.ops);
    let h = |name: &str| {
        fb.headers.iter().find(|(k, _)| k == name).map(|(_, v)| String::from_utf8_lossy(v))
    };
    assert_eq!(fb.cluster, "azure");
    assert_eq!(h(":path").as_deref(), Some("/openai/v1/chat/completions"));
    assert_eq!(h(":authority").as_deref(), Some("res.openai.azure.com"));
    assert_eq!(h("api-key").as_deref(), Some("sk-gw"));
    assert_eq!(h("authorization"), None);
    let sent: serde_json::Value = serde_json::from_slice(&fb.body).unwrap();
    assert_eq!(sent["model"], "my-gpt4o");
    let Purpose::Attempt(n) = fb.purpose else { panic!() };
    let done =
        ex.on_callout(Purpose::Attempt(n), answer(200, "application/json", OPENAI_OK), &mut svc);
    assert!(matches!(done.ops.last(), Some(Op::SendLocal { status: 200, .. })), "{done:?}");
}

#[test]
fn a_preset_that_refuses_stream_options_is_never_sent_them() {
    let cfg = config(KINDS);
    let mut svc = MemServices::new(1_000_000_000);
    let body =
        br#"{"model":"mistral-small","stream":true,"messages":[{"role":"user","content":"hi"}]}"#;
    // Nothing on the route reads the body: it goes on unread, as sent.
    let (_, step) = start_unheld(&cfg, &mut svc, "/mistral/v1/chat/completions", &[]);
    assert_eq!(set(&step, ":authority"), Some("api.mistral.ai"));
    assert!(
        !step.ops.iter().any(|o| matches!(o, Op::SetRequestBody(_))),
        "the body goes as sent: {step:?}"
    );
    // The same request to OpenAI is asked for stream usage.
    let (_, step) = start(&cfg, &mut svc, "/openai/v1/chat/completions", &[], body);
    assert!(step.ops.iter().any(|o| matches!(o, Op::SetRequestBody(_))), "{step:?}");
}

const BEDROCK: &str = r#"{"version":1,"providers":{
  "bedrock":{"kind":"bedrock","region":"eu-west-1","aws_credentials":{
    "access_key_id":{"env":"OPENAI_KEY"},"secret_access_key":{"env":"ANTHROPIC_KEY"}}}
}}"#;

fn sha256_hex(b: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(b))
}

#[test]
fn bedrock_converse_stream_is_signed_as_sent_and_its_usage_read_from_the_event_stream() {
    let cfg = config(BEDROCK);
    let mut svc = MemServices::new(1_000_000_000);
    let body = br#"{"messages":[{"role":"user","content":[{"text":"hi"}]}]}"#;
    let (mut ex, step) = start(
        &cfg,
        &mut svc,
        "/bedrock/model/m%3A0/converse-stream",
        &[("authorization", "AWS4-HMAC-SHA256 client"), ("x-amz-security-token", "client")],
        body,
    );
    let auth = set(&step, "authorization").unwrap();
    assert!(
        auth.starts_with("AWS4-HMAC-SHA256 Credential=sk-gw/19700101/eu-west-1/bedrock/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature="),
        "{auth}"
    );
    assert_eq!(set(&step, "x-amz-date"), Some("19700101T000001Z"));
    assert_eq!(set(&step, "x-amz-content-sha256"), Some(sha256_hex(body).as_str()));
    assert!(removes(&step, "x-amz-security-token"));
    assert_eq!(set(&step, ":authority"), Some("bedrock-runtime.eu-west-1.amazonaws.com"));
    let ct = crate::eventstream::CONTENT_TYPE;
    ex.on_response_headers(
        &super::tests::headers(&[
            (":status", "200"),
            ("content-type", std::str::from_utf8(ct).unwrap()),
        ]),
        &mut svc,
    );
    let mut stream = crate::eventstream::event("messageStart", br#"{"role":"assistant"}"#);
    stream.extend(crate::eventstream::event(
        "metadata",
        br#"{"usage":{"inputTokens":4,"outputTokens":2,"cacheReadInputTokens":1}}"#,
    ));
    let (a, b) = stream.split_at(30);
    ex.on_response_body(a, false, &mut svc);
    ex.on_response_body(b, true, &mut svc);
    let rec = record(&mut ex, &mut svc);
    assert_eq!((rec["model"].as_str(), rec["stream"].as_bool()), (Some("m:0"), Some(true)));
    assert_eq!(rec["provider_kind"], "bedrock");
    assert_eq!(
        (
            rec["input_tokens"].as_u64(),
            rec["output_tokens"].as_u64(),
            rec["cached_input_tokens"].as_u64()
        ),
        (Some(5), Some(2), Some(1))
    );
}

#[test]
fn bedrock_on_compat_gets_the_model_path_and_a_signature_over_the_translated_body() {
    let cfg = config(BEDROCK);
    let mut svc = MemServices::new(1_000_000_000);
    let (_, step) = start(
        &cfg,
        &mut svc,
        "/compat/chat/completions",
        &[],
        br#"{"model":"bedrock/m:0","messages":[{"role":"user","content":"hi"}],"stream":true}"#,
    );
    let paths: Vec<_> = step
        .ops
        .iter()
        .filter_map(|op| match op {
            Op::SetRequestHeader(k, v) if k == ":path" => std::str::from_utf8(v).ok(),
            _ => None,
        })
        .collect();
    assert_eq!(paths.last(), Some(&"/model/m%3A0/converse-stream"));
    let sent = step
        .ops
        .iter()
        .find_map(|op| match op {
            Op::SetRequestBody(b) => Some(b.clone()),
            _ => None,
        })
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&sent).unwrap();
    assert_eq!(v["messages"][0]["content"][0]["text"], "hi");
    assert!(v.get("model").is_none() && v.get("stream").is_none());
    assert_eq!(set(&step, "x-amz-content-sha256"), Some(sha256_hex(&sent).as_str()));
}

#[test]
fn bedrock_as_a_fallback_step_is_translated_signed_and_answered_in_openai_format() {
    let cfg = config(
        r#"{"version":1,"providers":{
          "openai":{"kind":"openai","api_key":{"env":"OPENAI_KEY"},
            "fallback":[{"provider":"bedrock","model_map":{"*":"m:0"}}]},
          "bedrock":{"kind":"bedrock","region":"eu-west-1","aws_credentials":{
            "access_key_id":{"env":"OPENAI_KEY"},"secret_access_key":{"env":"ANTHROPIC_KEY"}}}}}"#,
    );
    let mut svc = MemServices::new(1_000_000_000);
    let (mut ex, _) = start(&cfg, &mut svc, "/openai/v1/chat/completions", &[], CHAT);
    let step = ex.on_response_headers(
        &super::tests::headers(&[(":status", "503"), ("content-type", "application/json")]),
        &mut svc,
    );
    let fb = callout(&step.ops);
    let h = |name: &str| {
        fb.headers.iter().find(|(k, _)| k == name).map(|(_, v)| String::from_utf8_lossy(v))
    };
    assert_eq!(h(":path").as_deref(), Some("/model/m%3A0/converse"));
    assert_eq!(h(":authority").as_deref(), Some("bedrock-runtime.eu-west-1.amazonaws.com"));
    assert!(h("authorization").unwrap().contains("Credential=sk-gw/19700101/eu-west-1/bedrock/"));
    assert_eq!(h("x-amz-content-sha256").as_deref(), Some(sha256_hex(&fb.body).as_str()));
    let sent: serde_json::Value = serde_json::from_slice(&fb.body).unwrap();
    assert_eq!(sent["messages"][0]["content"][0]["text"], "hi");
    let Purpose::Attempt(n) = fb.purpose else { panic!() };
    let converse = br#"{"output":{"message":{"role":"assistant","content":[{"text":"from bedrock"}]}},"stopReason":"end_turn","usage":{"inputTokens":3,"outputTokens":2}}"#;
    let done =
        ex.on_callout(Purpose::Attempt(n), answer(200, "application/json", converse), &mut svc);
    let Some(Op::SendLocal { status: 200, body, .. }) = done.ops.last() else { panic!("{done:?}") };
    let v: serde_json::Value = serde_json::from_slice(body).unwrap();
    assert_eq!(v["choices"][0]["message"]["content"], "from bedrock");
}

const GEMINI: &str = r#"{"version":1,"providers":{
  "gemini":{"kind":"gemini","api_key":{"env":"OPENAI_KEY"}}
}}"#;

#[test]
fn gemini_stream_route_gets_its_key_header_and_reads_model_stream_and_usage() {
    let cfg = config(GEMINI);
    let mut svc = MemServices::new(1_000_000_000);
    // Unheld (nothing reads the body): model and stream come from the path.
    let (mut ex, step) = start_unheld(
        &cfg,
        &mut svc,
        "/gemini/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=client",
        &[("x-goog-api-key", "client-key")],
    );
    assert_eq!(
        set(&step, ":path"),
        Some("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse")
    );
    assert_eq!(set(&step, ":authority"), Some("generativelanguage.googleapis.com"));
    assert_eq!(set(&step, "x-goog-api-key"), Some("sk-gw"));
    // The body goes as the client sent it (no stream_options, no model).
    assert!(!step.ops.iter().any(|op| matches!(op, Op::SetRequestBody(_))));
    ex.on_response_headers(
        &super::tests::headers(&[(":status", "200"), ("content-type", "text/event-stream")]),
        &mut svc,
    );
    let events = b"data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}]}}],\"usageMetadata\":{\"promptTokenCount\":4}}\n\n\
        data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"lo\"}]},\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":4,\"candidatesTokenCount\":2,\"thoughtsTokenCount\":3,\"cachedContentTokenCount\":1}}\n\n";
    ex.on_response_body(events, true, &mut svc);
    let rec = record(&mut ex, &mut svc);
    assert_eq!(
        (rec["model"].as_str(), rec["stream"].as_bool()),
        (Some("gemini-2.5-flash"), Some(true))
    );
    assert_eq!(rec["provider_kind"], "gemini");
    assert_eq!(
        (
            rec["input_tokens"].as_u64(),
            rec["output_tokens"].as_u64(),
            rec["cached_input_tokens"].as_u64()
        ),
        (Some(4), Some(5), Some(1))
    );
}

#[test]
fn gemini_gateway_errors_are_in_googles_shape() {
    let cfg = config(GEMINI);
    let mut svc = MemServices::new(1_000_000_000);
    let mut ex = Exchange::new(cfg.clone());
    let step = ex.on_request_headers(
        &super::tests::headers(&[
            (":method", "POST"),
            (":path", "/gemini/v1beta/files"),
            (":authority", "gw"),
        ]),
        false,
        &mut svc,
    );
    let body = step.ops.iter().find_map(|op| match op {
        Op::SendLocal { body, status: 403, .. } => Some(body.clone()),
        _ => None,
    });
    let v: serde_json::Value = serde_json::from_slice(&body.unwrap()).unwrap();
    assert_eq!(v["error"]["status"], "PERMISSION_DENIED");
    assert_eq!(v["error"]["details"][0]["reason"], "aigw_endpoint_not_allowed");
}
