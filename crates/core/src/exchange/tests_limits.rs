//! Rate limits, token limits and budgets through the state machine.

use super::*;
use crate::services::MemServices;

fn config(limits: &str) -> Rc<Config> {
    let doc = format!(
        r#"{{"version":1,"providers":{{"openai":{{"kind":"openai","cache":{{"enabled":true}}}},"anthropic":{{"kind":"anthropic"}}}},
            "auth":{{"tokens":[{{"name":"a","sha256":"ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"}},
                               {{"name":"b","sha256":"3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d"}}]}},
            "limits":{limits}}}"#
    );
    Rc::new(Config::parse(doc.as_bytes(), &|_| None).unwrap().0)
}

fn post(path: &str, token: &str, extra: &[(&str, &str)]) -> Headers {
    let mut h = vec![
        (":method", "POST"),
        (":path", path),
        ("content-type", "application/json"),
        ("x-aigw-authorization", token),
    ];
    h.extend_from_slice(extra);
    let p: Vec<(&str, &[u8])> = h.iter().map(|(k, v)| (*k, v.as_bytes())).collect();
    Headers::from_pairs(&p)
}

fn send(
    cfg: &Rc<Config>,
    svc: &mut MemServices,
    token: &str,
    extra: &[(&str, &str)],
    body: &[u8],
) -> (Exchange, Step) {
    let mut ex = Exchange::new(cfg.clone());
    let head =
        ex.on_request_headers(&post("/openai/v1/chat/completions", token, extra), false, svc);
    if matches!(head.ops.last(), Some(Op::SendLocal { .. })) {
        return (ex, head);
    }
    ex.request_body_need(body.len(), true);
    let step = ex.on_request_body(body, svc);
    (ex, step)
}

/// (status, headers, JSON body) of a local answer.
type Local = (u16, Vec<(String, String)>, serde_json::Value);

fn denied(step: &Step) -> Option<Local> {
    match step.ops.last() {
        Some(Op::SendLocal { status, headers, body }) => Some((
            *status,
            headers.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
            serde_json::from_slice(body).unwrap(),
        )),
        _ => None,
    }
}

fn complete(
    ex: &mut Exchange,
    svc: &mut MemServices,
    prompt: u64,
    completion: u64,
) -> serde_json::Value {
    let h = Headers::from_pairs(&[(":status", b"200"), ("content-type", b"application/json")]);
    ex.on_response_headers(&h, svc);
    let body = format!(
        r#"{{"choices":[],"usage":{{"prompt_tokens":{prompt},"completion_tokens":{completion}}}}}"#
    );
    ex.on_response_body(body.as_bytes(), true, svc);
    serde_json::from_slice(&ex.finish_log(svc)).unwrap()
}

const CHAT: &[u8] = br#"{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}"#;

#[test]
fn request_limit_per_tenant_with_headers() {
    let cfg = config(
        r#"{"rules":[{"name":"rpm","key":["tenant"],"limit":2,"window":"1m","window_type":"fixed"}]}"#,
    );
    let mut svc = MemServices::new(1_700_000_010_000_000_000);
    for _ in 0..2 {
        let (mut ex, step) = send(&cfg, &mut svc, "a", &[("x-aigw-skip-cache", "true")], CHAT);
        assert!(denied(&step).is_none(), "{step:?}");
        let head = ex.on_response_headers(&Headers::from_pairs(&[(":status", b"200")]), &mut svc);
        assert!(head
            .ops
            .iter()
            .any(|o| matches!(o, Op::SetResponseHeader(k, _) if k == "ratelimit")));
        ex.finish_log(&mut svc);
    }
    let (mut ex, step) = send(&cfg, &mut svc, "a", &[], CHAT);
    let (status, headers, body) = denied(&step).expect("the third is over the limit");
    assert_eq!((status, body["error"]["code"].as_str()), (429, Some("aigw_rate_limited")));
    let get = |k: &str| headers.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    assert_eq!(get("ratelimit-policy").as_deref(), Some("\"rpm\";q=2;w=60"));
    assert!(get("ratelimit").unwrap().starts_with("\"rpm\";r=0;t="));
    let retry: u64 = get("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry));
    let rec: serde_json::Value = serde_json::from_slice(&ex.finish_log(&mut svc)).unwrap();
    assert_eq!(
        (rec["rate_limit_rule"].as_str(), rec["rate_limited"].as_bool()),
        (Some("rpm"), Some(true))
    );
    // Another tenant has its own counter.
    assert!(denied(&send(&cfg, &mut svc, "b", &[], CHAT).1).is_none());
}

#[test]
fn token_reservations_prevent_overshoot_and_settle_on_usage() {
    let cfg =
        config(r#"{"rules":[{"name":"tpm","unit":"total_tokens","limit":100,"window":"1m"}]}"#);
    let mut svc = MemServices::new(1_700_000_000_000_000_000);
    let body = br#"{"model":"gpt-4o","max_tokens":60,"messages":[{"role":"user","content":"hi"}]}"#;
    // In flight together: the first reserves ~62, the second would overshoot.
    let (mut first, step) = send(&cfg, &mut svc, "a", &[("x-aigw-skip-cache", "true")], body);
    assert!(denied(&step).is_none());
    let (_, step) = send(&cfg, &mut svc, "a", &[("x-aigw-skip-cache", "true")], body);
    assert_eq!(denied(&step).unwrap().0, 429);
    // The first used only 10 tokens: the rest comes back.
    let rec = complete(&mut first, &mut svc, 4, 6);
    assert_eq!(rec["rate_limited"], false);
    let (_, step) = send(&cfg, &mut svc, "a", &[("x-aigw-skip-cache", "true")], body);
    assert!(denied(&step).is_none(), "settled: room again");
}

#[test]
fn budgets_costs_and_custom_cost() {
    let cfg = config(
        r#"{"budgets":[{"name":"daily","key":["tenant"],"period":"day","limit_usd":0.0001}],
            "prices":{"openai":{"*":{"input":1,"output":2}}}}"#,
    );
    let mut svc = MemServices::new(1_700_000_000_000_000_000);
    let small = br#"{"model":"gpt-4o","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"#;
    let (mut ex, step) = send(&cfg, &mut svc, "a", &[("x-aigw-skip-cache", "true")], small);
    assert!(denied(&step).is_none());
    let rec = complete(&mut ex, &mut svc, 10, 5);
    // 10 in at $1/M + 5 out at $2/M = $0.00002
    assert!((rec["cost_usd"].as_f64().unwrap() - 0.00002).abs() < 1e-12, "{rec}");
    // A custom price makes the next one too expensive for what is left.
    let pricey = [
        ("x-aigw-custom-cost", r#"{"per_token_in":0.00001,"per_token_out":0.00001}"#),
        ("x-aigw-skip-cache", "true"),
    ];
    let bigger =
        br#"{"model":"gpt-4o","max_tokens":50,"messages":[{"role":"user","content":"hi"}]}"#;
    let (_, step) = send(&cfg, &mut svc, "a", &pricey, bigger);
    let (status, _, body) = denied(&step).unwrap();
    assert_eq!((status, body["error"]["code"].as_str()), (429, Some("aigw_budget_exceeded")));
    // A bad custom cost is the client's mistake.
    let (_, step) = send(&cfg, &mut svc, "b", &[("cf-aig-custom-cost", "cheap")], small);
    let (status, _, body) = denied(&step).unwrap();
    assert_eq!((status, body["error"]["code"].as_str()), (400, Some("aigw_invalid_custom_cost")));
}

#[test]
fn log_only_rules_admit_and_say_so() {
    let cfg = config(r#"{"rules":[{"name":"soft","limit":1,"window":"1m","mode":"log_only"}]}"#);
    let mut svc = MemServices::new(1_700_000_000_000_000_000);
    for i in 0..3 {
        let (mut ex, step) = send(&cfg, &mut svc, "a", &[("x-aigw-skip-cache", "true")], CHAT);
        assert!(denied(&step).is_none());
        let rec = complete(&mut ex, &mut svc, 1, 1);
        assert_eq!(rec["over_limit_logged"].is_array(), i > 0, "{rec}");
    }
}

#[test]
fn a_cache_hit_counts_as_a_request_but_costs_no_tokens() {
    let cfg = config(
        r#"{"rules":[{"name":"tpm","unit":"total_tokens","limit":100,"window":"1m"}],
            "prices":{"openai":{"*":{"input":1,"output":1}}}}"#,
    );
    let mut svc = MemServices::new(1_700_000_000_000_000_000);
    let body =
        br#"{"model":"gpt-4o","max_tokens":40,"messages":[{"role":"user","content":"same"}]}"#;
    let (mut ex, _) = send(&cfg, &mut svc, "a", &[], body);
    complete(&mut ex, &mut svc, 5, 5);
    // Hits: each reserves ~41 tokens and settles at 0, so many fit.
    for _ in 0..5 {
        let (mut ex, step) = send(&cfg, &mut svc, "a", &[], body);
        assert!(matches!(step.ops.last(), Some(Op::SendLocal { status: 200, .. })), "{step:?}");
        let rec: serde_json::Value = serde_json::from_slice(&ex.finish_log(&mut svc)).unwrap();
        assert_eq!(rec["cache_status"], "HIT");
        assert!(rec["saved_cost_usd"].as_f64().unwrap() > 0.0);
        assert!(rec["cost_usd"].is_null());
    }
}

#[test]
fn global_counters_fail_open_by_default() {
    let cfg = config(
        r#"{"rules":[{"name":"g","limit":5,"window":"1m","scope":"global"}],
            "global":{"cluster":"webdis","timeout_ms":50}}"#,
    );
    let mut svc = MemServices::new(1_700_000_000_000_000_000);
    let (mut ex, step) = send(&cfg, &mut svc, "a", &[("x-aigw-skip-cache", "true")], CHAT);
    assert_eq!(step.flow, Flow::Pause);
    let call = match step.ops.last() {
        Some(Op::Dispatch(c)) => c.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!((call.purpose, call.cluster.as_str()), (Purpose::LimitsReserve, "webdis"));
    assert!(String::from_utf8_lossy(&call.body).starts_with("EVAL/"));
    // Redis unreachable: admitted, with a note for the log.
    let step = ex.on_callout(Purpose::LimitsReserve, CalloutResponse::default(), &mut svc);
    assert_eq!(step.ops.last(), Some(&Op::ResumeRequest));
    assert!(step.ops.iter().any(|o| matches!(o, Op::SetRequestHeader(k, _) if k == ":path")));
    let rec: serde_json::Value = serde_json::from_slice(&ex.finish_log(&mut svc)).unwrap();
    assert!(rec["limit_notes"][0].as_str().unwrap().contains("g"), "{rec}");

    // An answer the memory budget cannot hold: unread, a failure (open).
    let (mut ex, _) = send(&cfg, &mut svc, "a", &[("x-aigw-skip-cache", "true")], CHAT);
    let refused = ex.admit_callout(usize::MAX).unwrap_err();
    let r = CalloutResponse { status: Some(200), refused: Some(refused), ..Default::default() };
    let step = ex.on_callout(Purpose::LimitsReserve, r, &mut svc);
    assert_eq!(step.ops.last(), Some(&Op::ResumeRequest));
    let rec: serde_json::Value = serde_json::from_slice(&ex.finish_log(&mut svc)).unwrap();
    let notes = rec["limit_notes"].to_string();
    assert!(notes.contains("not read: memory budget"), "{rec}");
}

/// A streamed answer cut before its usage chunk: `words` content events.
fn stream_cut(ex: &mut Exchange, svc: &mut MemServices, words: usize) -> serde_json::Value {
    let h = Headers::from_pairs(&[(":status", b"200"), ("content-type", b"text/event-stream")]);
    ex.on_response_headers(&h, svc);
    let mut body = String::new();
    for _ in 0..words {
        body.push_str(
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"word \"}}]}\n\n",
        );
    }
    ex.on_response_body(body.as_bytes(), false, svc);
    // The client goes away: no end of stream, no usage.
    serde_json::from_slice(&ex.finish_log(svc)).unwrap()
}

#[test]
fn a_stream_closed_before_its_usage_settles_on_what_was_delivered() {
    let cfg = config(
        r#"{"rules":[{"name":"tok","key":["tenant"],"unit":"total_tokens","limit":400,"window":"1m"}]}"#,
    );
    let mut svc = MemServices::new(1_700_000_010_000_000_000);
    let body = br#"{"model":"gpt-4o","max_tokens":10,"stream":true,"messages":[{"role":"user","content":"hi"}]}"#;
    // 100 words of 5 characters: about 125 tokens each time; the rule fills
    // after the fourth (the reservation alone is ~15).
    let mut admitted = 0;
    for _ in 0..10 {
        let (mut ex, step) = send(&cfg, &mut svc, "a", &[], body);
        if denied(&step).is_some() {
            break;
        }
        admitted += 1;
        let rec = stream_cut(&mut ex, &mut svc, 100);
        assert!(rec["limit_notes"].to_string().contains("no final usage"), "{rec}");
    }
    assert_eq!(admitted, 4);
    // Nothing delivered at all still keeps the reservation (never zero).
    let cfg = config(
        r#"{"rules":[{"name":"tok","key":["tenant"],"unit":"total_tokens","limit":100,"window":"1m"}]}"#,
    );
    let mut admitted = 0;
    for _ in 0..20 {
        let (mut ex, step) = send(&cfg, &mut svc, "b", &[], body);
        if denied(&step).is_some() {
            break;
        }
        admitted += 1;
        ex.finish_log(&mut svc); // the client left before any answer
    }
    // 20 prompt characters (5 tokens) + 10 output = 15 reserved: 6 fit in 100.
    assert!((1..=7).contains(&admitted), "{admitted}");
    // A complete answer with usage still settles on that usage.
    let (mut ex, step) =
        send(&cfg, &mut MemServices::new(1_700_000_010_000_000_000), "a", &[], body);
    assert!(denied(&step).is_none());
    let rec = complete(&mut ex, &mut MemServices::new(1_700_000_010_000_000_000), 3, 2);
    assert!(
        rec.get("limit_notes").is_none_or(|n| !n.to_string().contains("no final usage")),
        "{rec}"
    );
}

#[test]
fn a_client_custom_cost_never_switches_a_budget_off() {
    let cfg = config(
        r#"{"budgets":[{"name":"spend","key":["tenant"],"period":"day","limit_usd":0.001}],
            "prices":{"openai":{"*":{"input":10,"output":10}}},
            "custom_cost_tenants":["b"]}"#,
    );
    let mut svc = MemServices::new(1_700_000_010_000_000_000);
    let zero = [
        ("x-aigw-custom-cost", r#"{"per_token_in":0,"per_token_out":0}"#),
        ("x-aigw-skip-cache", "true"),
    ];
    let cf_zero = [("cf-aig-custom-cost", r#"{"per_token_in":0,"per_token_out":0}"#)];
    for tenant in ["a", "b"] {
        // $10/M: 100 tokens = $0.001 exhausts the budget.
        let body =
            br#"{"model":"gpt-4o","max_tokens":1,"messages":[{"role":"user","content":"hi"}]}"#;
        let (mut ex, step) = send(&cfg, &mut svc, tenant, &[], body);
        assert!(denied(&step).is_none());
        complete(&mut ex, &mut svc, 50, 50);
        let (_, step) = send(&cfg, &mut svc, tenant, &[], body);
        assert_eq!(denied(&step).unwrap().2["error"]["code"], "aigw_budget_exceeded");
        let (mut ex, step) = send(&cfg, &mut svc, tenant, &zero, body);
        let (_, step2) = send(&cfg, &mut svc, tenant, &cf_zero, body);
        if tenant == "a" {
            // Not trusted: budgets count at the table's prices.
            assert_eq!(denied(&step).unwrap().2["error"]["code"], "aigw_budget_exceeded");
            assert_eq!(denied(&step2).unwrap().2["error"]["code"], "aigw_budget_exceeded");
        } else {
            // The operator trusts b's own prices.
            assert!(denied(&step).is_none(), "{:?}", denied(&step));
            let rec = complete(&mut ex, &mut svc, 5, 5);
            assert_eq!(rec["cost_usd"], 0.0);
        }
    }
    // The custom cost still changes what the log reports.
    let cfg = config(
        r#"{"budgets":[{"name":"spend","key":["tenant"],"period":"day","limit_usd":1}],
            "prices":{"openai":{"*":{"input":10,"output":10}}}}"#,
    );
    let (mut ex, step) = send(
        &cfg,
        &mut svc,
        "a",
        &[("x-aigw-custom-cost", r#"{"per_token_in":0.001,"per_token_out":0.001}"#)],
        CHAT,
    );
    assert!(denied(&step).is_none());
    let rec = complete(&mut ex, &mut svc, 10, 10);
    assert!((rec["cost_usd"].as_f64().unwrap() - 0.02).abs() < 1e-9, "{rec}");
}

#[test]
fn opened_endpoints_count_at_their_weight_and_models_cost_no_tokens() {
    let doc = r#"{"version":1,"providers":{"openai":{"kind":"openai",
            "endpoints":[{"allow":"POST /v1/batches","weight":200,"reserve_output_tokens":1000}]}},
        "limits":{"rules":[{"name":"rpm","limit":300,"window":"1m"},
                           {"name":"tok","unit":"total_tokens","limit":5000,"window":"1m"}]}}"#;
    let cfg = Rc::new(Config::parse(doc.as_bytes(), &|_| None).unwrap().0);
    let mut svc = MemServices::new(1_700_000_010_000_000_000);
    let batch = Headers::from_pairs(&[
        (":method", b"POST"),
        (":path", b"/openai/v1/batches"),
        ("content-type", b"application/json"),
    ]);
    let body = br#"{"input_file_id":"file-1","endpoint":"/v1/chat/completions","completion_window":"24h"}"#;
    let mut ex = Exchange::new(cfg.clone());
    ex.on_request_headers(&batch, false, &mut svc);
    ex.request_body_need(body.len(), true);
    let step = ex.on_request_body(body, &mut svc);
    assert!(denied(&step).is_none(), "{step:?}");
    let h = Headers::from_pairs(&[(":status", b"200"), ("content-type", b"application/json")]);
    ex.on_response_headers(&h, &mut svc);
    ex.on_response_body(br#"{"id":"batch_1","object":"batch"}"#, true, &mut svc);
    ex.finish_log(&mut svc);
    // The batch counted 200 requests: a second one does not fit in 300.
    let mut ex = Exchange::new(cfg.clone());
    ex.on_request_headers(&batch, false, &mut svc);
    ex.request_body_need(body.len(), true);
    let (status, _, v) = denied(&ex.on_request_body(body, &mut svc)).expect("over the limit");
    assert_eq!((status, v["error"]["code"].as_str()), (429, Some("aigw_rate_limited")));
    // Model listings count one request and no tokens, uninspected.
    for _ in 0..100 {
        let mut ex = Exchange::new(cfg.clone());
        let get = Headers::from_pairs(&[(":method", b"GET"), (":path", b"/openai/v1/models")]);
        let step = ex.on_request_headers(&get, true, &mut svc);
        assert_eq!(step.flow, Flow::Continue, "{step:?}");
        ex.on_response_headers(&h, &mut svc);
        ex.on_response_body(&[b' '; 4000], true, &mut svc);
        ex.finish_log(&mut svc);
    }
    let mut ex = Exchange::new(cfg.clone());
    let get = Headers::from_pairs(&[(":method", b"GET"), (":path", b"/openai/v1/models")]);
    let (status, _, _) = denied(&ex.on_request_headers(&get, true, &mut svc)).expect("rpm full");
    assert_eq!(status, 429);
}
