//! What the log record holds: payloads per route and tenant, a client's
//! opt-out, the log id, the policy's actions.

use super::*;
use crate::services::MemServices;

const LOGS: &str = r#"{"version":1,
  "providers":{"openai":{"kind":"openai"},"anthropic":{"kind":"anthropic"}},
  "auth":{"tokens":[{"name":"audit","sha256":"ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"},
                    {"name":"team","sha256":"3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d"}]},
  "policies":{"p":{"request":{"*":"redact"},"response":{"*":"redact"}}},
  "policy":"p",
  "logs":{"client_opt_out":true,
          "payloads":[{"routes":["openai"],"tenants":["audit"],"mode":"text"},
                      {"routes":["anthropic"],"mode":"sha256"}]}}"#;

fn config() -> Rc<Config> {
    Rc::new(Config::parse(LOGS.as_bytes(), &|_| None).unwrap().0)
}

/// One request through to its record: (the record, the response ops).
fn exchange(
    path: &str,
    token: &str,
    extra: &[(&str, &str)],
    body: &[u8],
    answer: &[u8],
) -> (Vec<u8>, Vec<Op>) {
    let mut svc = MemServices::new(0);
    let mut ex = Exchange::new(config());
    let mut h = vec![
        (":method", "POST"),
        (":path", path),
        ("content-type", "application/json"),
        ("x-aigw-authorization", token),
    ];
    h.extend_from_slice(extra);
    let pairs: Vec<(&str, &[u8])> = h.iter().map(|(k, v)| (*k, v.as_bytes())).collect();
    ex.on_request_headers(&Headers::from_pairs(&pairs), false, &mut svc);
    ex.request_body_need(body.len(), true);
    let sent = ex.on_request_body(body, &mut svc);
    assert_eq!(sent.flow, Flow::Continue, "{:?}", sent.ops);
    let rh = Headers::from_pairs(&[(":status", b"200"), ("content-type", b"application/json")]);
    let mut ops = ex.on_response_headers(&rh, &mut svc).ops;
    ops.extend(ex.on_response_body(answer, true, &mut svc).ops);
    (ex.finish_log(&mut svc), ops)
}

const PROMPT: &[u8] =
    br#"{"model":"m","messages":[{"role":"user","content":"mail jane.doe@example.com"}]}"#;
const ANSWER: &[u8] = br#"{"choices":[{"message":{"role":"assistant","content":"call +1 415 555 2671"}}],"usage":{"prompt_tokens":3,"completion_tokens":2}}"#;

fn header<'a>(ops: &'a [Op], name: &str) -> Option<&'a [u8]> {
    ops.iter().find_map(|o| match o {
        Op::SetResponseHeader(k, v) if k == name => Some(v.as_slice()),
        _ => None,
    })
}

#[test]
fn payloads_are_logged_as_text_after_redaction_for_the_rule_s_tenant_and_route() {
    let (rec, ops) = exchange("/openai/v1/chat/completions", "a", &[], PROMPT, ANSWER);
    let rec: serde_json::Value = serde_json::from_slice(&rec).unwrap();
    let prompt = rec["payload"]["prompt"].as_str().unwrap();
    assert!(prompt.contains("[REDACTED:EMAIL]") && !prompt.contains("example.com"), "{prompt}");
    let answer = rec["payload"]["answer"].as_str().unwrap();
    assert!(answer.contains("[REDACTED:PHONE]") && !answer.contains("555"), "{answer}");
    assert_eq!(rec["payload"]["payload_truncated"], false);
    // The record's id is the log id the client got.
    let id = rec["request_id"].as_str().unwrap();
    assert_eq!(header(&ops, "x-aigw-log-id"), Some(id.as_bytes()));
    // The policy's actions, for an audit.
    let actions = rec["dlp"]["actions"].as_array().unwrap();
    assert!(
        actions.contains(&serde_json::json!(
        {"direction":"request","detector":"email","action":"redact","count":1})),
        "{actions:?}"
    );
    assert!(
        actions.contains(&serde_json::json!(
        {"direction":"response","detector":"phone","action":"redact","count":1})),
        "{actions:?}"
    );
}

#[test]
fn other_tenants_get_no_payload() {
    let (rec, _) = exchange("/openai/v1/chat/completions", "b", &[], PROMPT, ANSWER);
    let rec: serde_json::Value = serde_json::from_slice(&rec).unwrap();
    assert!(rec.get("payload").is_none(), "{rec}");
    assert!(!rec.to_string().contains("REDACTED"));
}

#[test]
fn sha256_mode_logs_only_digests() {
    let body =
        br#"{"model":"claude-x","max_tokens":5,"messages":[{"role":"user","content":"hello"}]}"#;
    let answer = br#"{"content":[{"type":"text","text":"hi"}],"usage":{"input_tokens":1,"output_tokens":1}}"#;
    let (rec, _) = exchange("/anthropic/v1/messages", "b", &[], body, answer);
    let rec: serde_json::Value = serde_json::from_slice(&rec).unwrap();
    let p = &rec["payload"];
    assert!(p.get("prompt").is_none() && p.get("answer").is_none(), "{p}");
    let hex = |b: &[u8]| {
        use sha2::Digest;
        sha2::Sha256::digest(b).iter().map(|x| format!("{x:02x}")).collect::<String>()
    };
    assert_eq!(p["prompt_sha256"], hex(body));
    assert_eq!(p["answer_sha256"], hex(answer));
}

#[test]
fn a_client_may_opt_out_when_the_operator_allows() {
    let (rec, ops) = exchange(
        "/openai/v1/chat/completions",
        "a",
        &[("cf-aig-collect-log", "false")],
        PROMPT,
        ANSWER,
    );
    assert!(rec.is_empty(), "no record");
    assert!(header(&ops, "x-aigw-log-id").is_none() && header(&ops, "cf-aig-log-id").is_none());
    // No record, no id to quote.
    assert!(ops.iter().all(|op| !matches!(op, Op::SetResponseHeader(k, _) if k.ends_with("-id"))));
    // Cloudflare's clients get their alias of the log id.
    let (_, ops) = exchange(
        "/openai/v1/chat/completions",
        "a",
        &[("cf-aig-collect-log", "true")],
        PROMPT,
        ANSWER,
    );
    assert_eq!(header(&ops, "cf-aig-log-id"), header(&ops, "x-aigw-log-id"));
    assert!(header(&ops, "cf-aig-log-id").is_some());
}
