//! Labelled metrics and default prices, from the final record.

use super::tests::{headers, post};
use super::*;
use crate::services::MemServices;
use serde_json::Value;

fn config(doc: &str) -> Rc<Config> {
    Rc::new(Config::parse(doc.as_bytes(), &|_| None).unwrap().0)
}

const PROVIDERS: &str = r#""providers":{"openai":{"kind":"openai","models":["my-listed"]},
    "local":{"kind":"openai_compatible","base_url":"http://127.0.0.1:8000/v1","cluster":"mock"}}"#;

/// One JSON answer with usage 1000 in / 500 out; the record and the samples.
fn served(cfg: &Rc<Config>, path: &str, model: &str) -> (Value, MemServices) {
    let mut ex = Exchange::new(Rc::clone(cfg));
    let mut svc = MemServices::new(1_000_000_000);
    let body = format!(r#"{{"model":"{model}"}}"#);
    let h = post(path, &[]);
    ex.on_request_headers(&h, false, &mut svc);
    ex.on_request_body(body.as_bytes(), &mut svc);
    ex.on_response_headers(
        &headers(&[(":status", "200"), ("content-type", "application/json")]),
        &mut svc,
    );
    let answer = br#"{"choices":[],"usage":{"prompt_tokens":1000,"completion_tokens":500}}"#;
    ex.on_response_body(answer, true, &mut svc);
    svc.now_ns = 1_300_000_000;
    let rec = serde_json::from_slice(&ex.finish_log(&mut svc)).unwrap();
    (rec, svc)
}

#[test]
fn default_prices_give_every_known_model_a_cost() {
    let cfg = config(&format!(r#"{{"version":1,{PROVIDERS}}}"#));
    let (rec, svc) = served(&cfg, "/openai/v1/chat/completions", "gpt-4o-mini-2024-07-18");
    // 1000 × 0.15 + 500 × 0.6 USD per million.
    assert_eq!(rec["cost_usd"], 0.00045);
    assert_eq!(rec["unpriced"], false);
    let m = &svc.labelled;
    let key = "provider=.=openai;.;model=.=gpt-4o-mini;.;tenant=.=none;.;";
    assert_eq!(m[&format!("aigw_cost_nanodollars_total{key}route=.=provider;.;")], 450_000);
    assert_eq!(m[&format!("aigw_tokens_total{key}token_type=.=input;.;")], 1000);
    assert_eq!(m[&format!("aigw_tokens_total{key}token_type=.=output;.;")], 500);
    assert_eq!(
        m["aigw_requests_totalprovider=.=openai;.;model=.=gpt-4o-mini;.;tenant=.=none;.;route=.=provider;.;status_class=.=2xx;.;error_code=.=none;.;"],
        1
    );
    assert_eq!(
        m["gen_ai_client_operation_duration_millisecondsprovider=.=openai;.;model=.=gpt-4o-mini;.;"],
        300
    );
}

#[test]
fn unknown_models_are_unpriced_and_fold_into_other() {
    let cfg = config(&format!(r#"{{"version":1,{PROVIDERS}}}"#));
    let (rec, svc) = served(&cfg, "/openai/v1/chat/completions", "random-x1");
    assert_eq!((rec["cost_usd"].is_null(), rec["unpriced"].as_bool()), (true, Some(true)));
    assert_eq!(svc.labelled["aigw_unpriced_requests_totalprovider=.=openai;.;model=.=other;.;"], 1);
    assert!(svc.labelled.keys().all(|k| !k.contains("random")), "{:?}", svc.labelled);
    // A model the provider lists keeps its name; so does an operator price's.
    let (_, svc) = served(&cfg, "/openai/v1/chat/completions", "my-listed");
    assert!(svc.labelled.keys().any(|k| k.contains("model=.=my-listed;")));
    let (_, svc) = served(&cfg, "/local/chat/completions", "gpt-4o");
    assert!(
        svc.labelled.keys().any(|k| k.contains("provider=.=local;.;model=.=other;")),
        "no defaults for compatible servers"
    );
}

#[test]
fn operator_prices_come_first_and_name_their_models() {
    let cfg = config(&format!(
        r#"{{"version":1,{PROVIDERS},"limits":{{"prices":{{"openai":{{"gpt-4o-mini*":{{"input":1,"output":2}},
            "ours-*":{{"input":3,"output":3}}}}}}}}}}"#
    ));
    let (rec, _) = served(&cfg, "/openai/v1/chat/completions", "gpt-4o-mini");
    assert_eq!(rec["cost_usd"], 0.002);
    // The default table still prices what the operator's does not.
    let (rec, _) = served(&cfg, "/openai/v1/chat/completions", "gpt-4.1-nano");
    assert_eq!(rec["cost_usd"], 0.0003);
    let (rec, svc) = served(&cfg, "/openai/v1/chat/completions", "ours-7b");
    assert_eq!(rec["cost_usd"], 0.0045);
    assert!(svc.labelled.keys().any(|k| k.contains("model=.=ours-;")), "{:?}", svc.labelled);
}

#[test]
fn metrics_can_be_switched_off() {
    let cfg = config(&format!(r#"{{"version":1,{PROVIDERS},"metrics":{{"enabled":false}}}}"#));
    let (rec, svc) = served(&cfg, "/openai/v1/chat/completions", "gpt-4o");
    assert_eq!(rec["cost_usd"], 0.0075);
    assert!(svc.labelled.is_empty());
    let bad = Config::parse(br#"{"version":1,"providers":{},"metrics":{"on":true}}"#, &|_| None);
    assert!(bad.err().unwrap().to_string().contains("metrics"));
}

#[test]
fn otel_attributes_only_when_asked_and_once() {
    let cfg = config(&format!(r#"{{"version":1,{PROVIDERS}}}"#));
    let mut ex = Exchange::new(Rc::clone(&cfg));
    assert!(ex.take_otel_attributes().is_none(), "off by default: no work");

    let cfg = config(&format!(r#"{{"version":1,{PROVIDERS},"otel":{{"attributes":true}}}}"#));
    let mut ex = Exchange::new(Rc::clone(&cfg));
    let mut svc = MemServices::new(1_000_000_000);
    ex.on_request_headers(&post("/openai/v1/chat/completions", &[]), false, &mut svc);
    ex.on_request_body(br#"{"model":"gpt-4o-mini"}"#, &mut svc);
    ex.on_response_headers(
        &headers(&[(":status", "200"), ("content-type", "application/json")]),
        &mut svc,
    );
    let answer = br#"{"choices":[],"usage":{"prompt_tokens":1000,"completion_tokens":500}}"#;
    ex.on_response_body(answer, true, &mut svc);
    let attrs = ex.take_otel_attributes().unwrap();
    let get = |name: &str| {
        attrs.iter().find(|(k, _)| *k == format!("aigw_otel.{name}")).map(|(_, v)| v.as_str())
    };
    assert_eq!(get("gen_ai.provider.name"), Some("openai"));
    assert_eq!(get("gen_ai.operation.name"), Some("chat"));
    assert_eq!(get("gen_ai.request.model"), Some("gpt-4o-mini"));
    assert_eq!(get("gen_ai.usage.input_tokens"), Some("1000"));
    assert_eq!(get("gen_ai.usage.output_tokens"), Some("500"));
    assert_eq!(get("aigw.cost_usd"), Some("0.00045"));
    assert_eq!(get("aigw.route"), Some("provider"));
    assert_eq!(get("aigw.log_id"), Some(ex.facts.request_id.as_str()));
    assert!(ex.take_otel_attributes().is_none(), "handed over once");
    let bad = Config::parse(br#"{"version":1,"providers":{},"otel":{"spans":true}}"#, &|_| None);
    assert!(bad.err().unwrap().to_string().contains("otel"));
}
