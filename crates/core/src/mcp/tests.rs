//! The `mcp` config section: what it accepts and the fields its errors name.

use crate::config::Config;

fn parse(mcp: &str) -> Result<Config, String> {
    let doc = format!(
        r#"{{"version":1,"providers":{{"openai":{{"kind":"openai"}}}},
            "limits":{{"rules":[{{"name":"rpm","limit":5,"window":"1m"}}]}},
            "policies":{{"p":{{"request":{{"*":"flag"}}}}}},"mcp":{mcp}}}"#
    );
    let env = |k: &str| (k == "KEY").then(|| "v".to_string());
    Config::parse(doc.as_bytes(), &env).map(|c| c.0).map_err(|e| e.to_string())
}

#[test]
fn a_server_compiles_with_defaults() {
    let c = parse(r#"{"servers":{"docs":{"cluster":"c"}}}"#).unwrap();
    let m = c.mcp.unwrap();
    let s = &m.servers[0];
    assert_eq!((s.name.as_str(), s.authority.as_str(), s.path.as_str()), ("docs", "c", "/mcp"));
    assert!(s.credential.is_none() && s.policy.is_none());
    assert!(s.visible(None, "anything"));
}

#[test]
fn errors_name_the_field() {
    for (mcp, field) in [
        (r#"{"servers":{"docs":{"cluster":""}}}"#, "mcp.servers.docs.cluster"),
        (r#"{"servers":{"Docs":{"cluster":"c"}}}"#, "mcp.servers.Docs"),
        (r#"{"servers":{"docs":{"cluster":"c","path":"mcp"}}}"#, "mcp.servers.docs.path"),
        (r#"{"servers":{"docs":{"cluster":"c","policy":"nope"}}}"#, "mcp.servers.docs.policy"),
        (
            r#"{"servers":{"docs":{"cluster":"c","api_key":{"env":"UNSET"}}}}"#,
            "mcp.servers.docs.api_key.env",
        ),
        (
            r#"{"servers":{"docs":{"cluster":"c","access":[{"deny":["a*b"]}]}}}"#,
            "mcp.servers.docs.access[0].deny[0]",
        ),
        (
            r#"{"servers":{"docs":{"cluster":"c","policies":[{"tools":[],"policy":"p"}]}}}"#,
            "mcp.servers.docs.policies[0].tools",
        ),
        (r#"{"servers":{"docs":{"cluster":"c","rug_pull":"maybe"}}}"#, "mcp.servers.docs.rug_pull"),
        (
            r#"{"servers":{},"limits":{"rules":[{"name":"rpm","limit":1,"window":"1m"}]}}"#,
            "mcp.limits",
        ),
        (
            r#"{"servers":{},"limits":{"rules":[{"name":"x","limit":1,"window":"1m","scope":"global"}]}}"#,
            "mcp.limits.rules[0].scope",
        ),
        (r#"{"servers":{"docs":{"cluster":"c","extra":1}}}"#, "mcp.servers.docs"),
    ] {
        let e = parse(mcp).unwrap_err();
        assert!(e.starts_with(field), "{mcp}: {e}");
    }
}

#[test]
fn global_limits_compile_with_their_redis() {
    let c = parse(
        r#"{"servers":{},"limits":{"rules":[{"name":"x","key":["tenant"],"limit":1,"window":"1m","scope":"global"}],
             "global":{"cluster":"webdis","on_error":"closed"}}}"#,
    )
    .unwrap();
    let limiter = c.mcp.as_ref().unwrap().limits.as_ref().unwrap();
    assert!(limiter.has_global());
    assert_eq!(limiter.global().unwrap().cluster, "webdis");
}

#[test]
fn policies_pick_by_tenant_and_tool() {
    let c = parse(
        r#"{"servers":{"docs":{"cluster":"c","policy":"p",
             "policies":[{"tenants":["t*"],"tools":["fetch"],"policy":"p"}],
             "access":[{"tenants":["team-b"],"allow":["search","fetch*"],"deny":["fetch_raw"]}]}}}"#,
    )
    .unwrap();
    let m = c.mcp.unwrap();
    let s = &m.servers[0];
    assert!(s.policy_for(Some("team"), Some("fetch")).is_some());
    assert!(s.visible(Some("team-b"), "fetch_page"));
    assert!(!s.visible(Some("team-b"), "fetch_raw"));
    assert!(!s.visible(Some("team-b"), "delete"));
    assert!(s.visible(Some("team-a"), "delete"), "rules for other tenants do not apply");
}
