//! Routing in config through the state machine: what goes upstream (path,
//! key, body's model), what the client and the log see.

use super::tests::{headers, post};
use super::*;
use crate::services::MemServices;
use serde_json::Value;

const DOC: &str = r#"{"version":1,
  "providers":{
    "openai":{"kind":"openai","api_key":{"env":"OA"},"keys":{"second":{"env":"OA2"}}},
    "anthropic":{"kind":"anthropic","api_key":{"env":"AN"}},
    "groq":{"kind":"groq","api_key":{"env":"GQ"}}},
  "auth":{"tokens":[{"name":"a","env":"TA"},{"name":"b","env":"TB"}]},
  "routes":{
    "fast":{"rules":[{"name":"to-groq","target":"groq/llama-3.1-8b-instant"}]},
    "mini":{"rules":[{"target":"openai/gpt-4o-mini","key":"second"}]},
    "smart":{"rules":[{"name":"b-team","when":{"tenant":"b"},"target":"anthropic/claude-sonnet-4-5"},
                      {"name":"rest","target":"openai/gpt-4o"}],
             "downgrade":{"target":"groq/llama-3.1-8b-instant"}}},
  "limits":{"rules":[{"name":"gpt4o-rpm","limit":1,"window":"1m","when":{"models":["gpt-4o"]}}]}}"#;

fn config() -> Rc<Config> {
    let env = |k: &str| {
        let v = match k {
            "OA" => "sk-oa",
            "OA2" => "sk-oa-second",
            "AN" => "sk-an",
            "GQ" => "sk-gq",
            "TA" => "token-a",
            "TB" => "token-b",
            _ => return None,
        };
        Some(v.to_string())
    };
    Rc::new(Config::parse(DOC.as_bytes(), &env).unwrap().0)
}

/// A request through the gates: its ops (or its local answer).
fn send(
    cfg: &Rc<Config>,
    svc: &mut MemServices,
    path: &str,
    extra: &[(&str, &str)],
    body: &str,
) -> (Exchange, Step) {
    let mut ex = Exchange::new(cfg.clone());
    let head = ex.on_request_headers(&post(path, extra), false, svc);
    if matches!(head.ops.last(), Some(Op::SendLocal { .. })) {
        return (ex, head);
    }
    ex.request_body_need(body.len(), true);
    let step = ex.on_request_body(body.as_bytes(), svc);
    (ex, step)
}

fn set(step: &Step, name: &str) -> Option<String> {
    step.ops.iter().rev().find_map(|op| match op {
        Op::SetRequestHeader(k, v) if k == name => Some(String::from_utf8_lossy(v).into_owned()),
        _ => None,
    })
}

fn body(step: &Step) -> Value {
    step.ops
        .iter()
        .rev()
        .find_map(|op| match op {
            Op::SetRequestBody(b) => Some(serde_json::from_slice(b).unwrap()),
            _ => None,
        })
        .unwrap_or(Value::Null)
}

fn answer(ex: &mut Exchange, svc: &mut MemServices) -> Vec<(String, String)> {
    let h = headers(&[(":status", "200"), ("content-type", "application/json")]);
    ex.on_response_headers(&h, svc)
        .ops
        .iter()
        .filter_map(|op| match op {
            Op::SetResponseHeader(k, v) => {
                Some((k.to_string(), String::from_utf8_lossy(v).into_owned()))
            }
            _ => None,
        })
        .collect()
}

fn record(ex: &mut Exchange, svc: &mut MemServices) -> Value {
    serde_json::from_slice(&ex.finish_log(svc)).unwrap()
}

const TOKEN_A: (&str, &str) = ("x-aigw-authorization", "token-a");
const TOKEN_B: (&str, &str) = ("x-aigw-authorization", "token-b");

#[test]
fn compat_alias_goes_to_its_target_with_its_headers_and_log() {
    let cfg = config();
    let mut svc = MemServices::new(1);
    let (mut ex, step) = send(
        &cfg,
        &mut svc,
        "/compat/chat/completions",
        &[TOKEN_A],
        r#"{"model":"fast","messages":[]}"#,
    );
    assert_eq!(set(&step, ":authority").as_deref(), Some("api.groq.com"));
    assert_eq!(set(&step, ":path").as_deref(), Some("/openai/v1/chat/completions"));
    assert_eq!(set(&step, "authorization").as_deref(), Some("Bearer sk-gq"));
    assert_eq!(body(&step)["model"], "llama-3.1-8b-instant");
    let h = answer(&mut ex, &mut svc);
    let route = "fast:to-groq; provider=groq; model=llama-3.1-8b-instant";
    assert!(h.contains(&("x-aigw-route".into(), route.into())), "{h:?}");
    let r = record(&mut ex, &mut svc);
    assert_eq!(
        (r["provider"].as_str(), r["model"].as_str()),
        (Some("groq"), Some("llama-3.1-8b-instant"))
    );
    assert_eq!(
        (r["requested_model"].as_str(), r["route_rule"].as_str()),
        (Some("fast"), Some("fast:to-groq"))
    );
}

#[test]
fn tenant_condition_and_route_key() {
    let cfg = config();
    let mut svc = MemServices::new(1);
    let (_, step) = send(
        &cfg,
        &mut svc,
        "/compat/chat/completions",
        &[TOKEN_B],
        r#"{"model":"smart","messages":[{"role":"user","content":"hi"}]}"#,
    );
    assert_eq!(set(&step, "x-api-key").as_deref(), Some("sk-an"), "{:?}", step.ops);
    assert_eq!(body(&step)["model"], "claude-sonnet-4-5");
    // The route's key, on the provider's own path, model renamed in the body.
    let (mut ex, step) = send(
        &cfg,
        &mut svc,
        "/openai/v1/chat/completions",
        &[TOKEN_A],
        r#"{"model":"mini","messages":[]}"#,
    );
    assert_eq!(body(&step)["model"], "gpt-4o-mini");
    assert_eq!(
        answer(&mut ex, &mut svc)
            .iter()
            .find(|(k, _)| k == "x-aigw-route")
            .map(|(_, v)| v.as_str()),
        Some("mini:rule0; provider=openai; model=gpt-4o-mini")
    );
    let step = ex.route_rewrite();
    assert_eq!(
        set(&Step { ops: step, flow: Flow::Continue }, "authorization").as_deref(),
        Some("Bearer sk-oa-second")
    );
    assert_eq!(record(&mut ex, &mut svc)["key_alias"], "second");
    // A route that spans providers is refused on one provider's path.
    let (_, step) =
        send(&cfg, &mut svc, "/openai/v1/chat/completions", &[TOKEN_A], r#"{"model":"smart"}"#);
    let Some(Op::SendLocal { status, body, .. }) = step.ops.last() else { panic!("not refused") };
    assert_eq!(*status, 400);
    assert!(String::from_utf8_lossy(body).contains("/compat/chat/completions"));
}

#[test]
fn byok_alias_header_picks_the_key_and_an_unknown_one_is_400_in_the_clients_shape() {
    let cfg = config();
    let mut svc = MemServices::new(1);
    let (mut ex, _) = send(
        &cfg,
        &mut svc,
        "/openai/v1/chat/completions",
        &[TOKEN_A, ("cf-aig-byok-alias", "second")],
        r#"{"model":"gpt-4o-mini"}"#,
    );
    let ops = ex.route_rewrite();
    assert_eq!(
        set(&Step { ops, flow: Flow::Continue }, "authorization").as_deref(),
        Some("Bearer sk-oa-second")
    );
    assert_eq!(record(&mut ex, &mut svc)["key_alias"], "second");
    // The client's alias wins over the route's key.
    let (_, step) = send(
        &cfg,
        &mut svc,
        "/compat/chat/completions",
        &[TOKEN_A, ("x-aigw-byok-alias", "default")],
        r#"{"model":"mini"}"#,
    );
    assert_eq!(set(&step, "authorization").as_deref(), Some("Bearer sk-oa"));
    let (_, step) = send(
        &cfg,
        &mut svc,
        "/anthropic/v1/messages",
        &[TOKEN_A, ("x-aigw-byok-alias", "nope")],
        "{}",
    );
    let Some(Op::SendLocal { status, body, .. }) = step.ops.last() else { panic!("not refused") };
    let v: Value = serde_json::from_slice(body).unwrap();
    assert_eq!((*status, v["type"].as_str()), (400, Some("error")), "{v}");
    assert!(v["error"]["message"].as_str().unwrap().contains("nope"));
    // Known alias, but not on this provider.
    let (_, step) = send(
        &cfg,
        &mut svc,
        "/anthropic/v1/messages",
        &[TOKEN_A, ("x-aigw-byok-alias", "second")],
        "{}",
    );
    assert!(matches!(step.ops.last(), Some(Op::SendLocal { status: 400, .. })));
}

#[test]
fn a_refused_admission_downgrades_instead_of_429() {
    let cfg = config();
    let mut svc = MemServices::new(1);
    let req = r#"{"model":"smart","messages":[{"role":"user","content":"hi"}]}"#;
    let (mut first, step) = send(&cfg, &mut svc, "/compat/chat/completions", &[TOKEN_A], req);
    assert_eq!(set(&step, ":authority").as_deref(), Some("api.openai.com"));
    answer(&mut first, &mut svc);
    // gpt-4o's one request a minute is used: the route's downgrade serves.
    let (mut ex, step) = send(&cfg, &mut svc, "/compat/chat/completions", &[TOKEN_A], req);
    assert!(!matches!(step.ops.last(), Some(Op::SendLocal { .. })), "{:?}", step.ops);
    assert_eq!(set(&step, ":authority").as_deref(), Some("api.groq.com"));
    assert_eq!(set(&step, "authorization").as_deref(), Some("Bearer sk-gq"));
    assert_eq!(body(&step)["model"], "llama-3.1-8b-instant");
    let h = answer(&mut ex, &mut svc);
    assert!(
        h.contains(&(
            "x-aigw-route".into(),
            "smart:downgrade; provider=groq; model=llama-3.1-8b-instant".into()
        )),
        "{h:?}"
    );
    let r = record(&mut ex, &mut svc);
    assert_eq!(
        (r["provider"].as_str(), r["route_rule"].as_str()),
        (Some("groq"), Some("smart:downgrade"))
    );
    // A model without a downgrade still gets its 429.
    let (_, step) =
        send(&cfg, &mut svc, "/openai/v1/chat/completions", &[TOKEN_A], r#"{"model":"gpt-4o"}"#);
    assert!(matches!(step.ops.last(), Some(Op::SendLocal { status: 429, .. })));
}
