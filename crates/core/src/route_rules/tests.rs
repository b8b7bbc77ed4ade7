//! The rules alone: compiling (errors name the field), conditions, splits.

use super::*;
use crate::config::Config;

fn env(k: &str) -> Option<String> {
    Some(format!("value-of-{k}"))
}

fn config(routes: &str) -> Result<Config, ConfigError> {
    let doc = format!(
        r#"{{"version":1,"providers":{{
            "openai":{{"kind":"openai","api_key":{{"env":"OA"}},"keys":{{"k2":{{"env":"OA2"}},"k3":{{"env":"OA3"}}}}}},
            "anthropic":{{"kind":"anthropic","api_key":{{"env":"AN"}}}},
            "groq":{{"kind":"groq","api_key":{{"env":"GQ"}}}}}},
            "routes":{routes}}}"#
    );
    Config::parse(doc.as_bytes(), &env).map(|(c, _)| c)
}

fn target<'a>(c: &'a Config, route: &str, inp: &Inputs) -> Option<(&'a str, &'a Target)> {
    let ri = c.routes.find(route)?;
    let choice = c.routes.choose(ri, inp)?;
    let r = c.routes.get(ri)?;
    let rule = r.rules.get(choice.rule)?;
    Some((rule.name.as_str(), rule.targets.get(choice.target)?))
}

fn provider_of<'a>(c: &'a Config, t: &Target) -> &'a str {
    c.providers[t.provider].name.as_str()
}

#[test]
fn aliases_name_a_provider_and_model() {
    let c = config(
        r#"{"fast":{"rules":[{"target":"groq/llama-3.1-8b-instant"}]},
            "smart":{"rules":[{"name":"main","target":"anthropic/claude-sonnet-4-5"}]}}"#,
    )
    .unwrap();
    let inp = Inputs { model: "fast", ..Inputs::default() };
    let (rule, t) = target(&c, "fast", &inp).unwrap();
    assert_eq!(
        (rule, provider_of(&c, t), t.model.as_deref()),
        ("rule0", "groq", Some("llama-3.1-8b-instant"))
    );
    let (rule, t) = target(&c, "smart", &inp).unwrap();
    assert_eq!((rule, provider_of(&c, t)), ("main", "anthropic"));
    assert_eq!(c.routes.find("openai/gpt-4o"), None, "no catch-all: other models are not routed");
    let groq = c.provider_index("groq").unwrap().0;
    assert_eq!(c.routes.get(c.routes.find("fast").unwrap()).unwrap().single_provider, Some(groq));
}

#[test]
fn config_errors_name_the_field() {
    let cases = [
        (r#"{"a":{"rules":[{"target":"nope/x"}]}}"#, "routes.a.rules[0].target"),
        (r#"{"a":{"rules":[{"target":"openai/"}]}}"#, "routes.a.rules[0].target"),
        (
            r#"{"a":{"rules":[{"split":[{"target":"openai/x"}]}]}}"#,
            "routes.a.rules[0].split[0].weight",
        ),
        (
            r#"{"a":{"rules":[{"split":[{"target":"openai/x","weight":0}]}]}}"#,
            "routes.a.rules[0].split[0].weight",
        ),
        (
            r#"{"a":{"rules":[{"target":"openai/x","split":[{"target":"openai/x","weight":1}]}]}}"#,
            "routes.a.rules[0]",
        ),
        (r#"{"a":{"rules":[{}]}}"#, "routes.a.rules[0]"),
        (r#"{"a":{"rules":[{"target":"openai/x","key":"nope"}]}}"#, "routes.a.rules[0].key"),
        (
            r#"{"a":{"rules":[{"split":[{"target":"openai/x","weight":1,"key":"nope"}]}]}}"#,
            "routes.a.rules[0].split[0].key",
        ),
        (r#"{"a":{"rules":[{"target":"openai/x","sticky":true}]}}"#, "routes.a.rules[0].sticky"),
        (
            r#"{"a":{"rules":[{"target":"openai/x","when":{"header":{"bad name":"x"}}}]}}"#,
            "routes.a.rules[0].when.header.bad name",
        ),
        (
            r#"{"a":{"rules":[{"target":"openai/x","when":{"colour":"x"}}]}}"#,
            "routes.a.rules[0].when",
        ),
        (r#"{"a":{"downgrade":{"target":"openai/x","weight":3}}}"#, "routes.a.downgrade.weight"),
        (r#"{"a":{}}"#, "routes.a"),
    ];
    for (routes, field) in cases {
        let e = config(routes).err().unwrap_or_else(|| panic!("accepted: {routes}"));
        assert!(e.to_string().starts_with(field), "{routes}: {e}");
    }
    // A key alias whose variable is not set.
    let doc =
        br#"{"version":1,"providers":{"openai":{"kind":"openai","keys":{"k2":{"env":"UNSET"}}}}}"#;
    let e = Config::parse(doc, &|_| None).err().unwrap();
    assert!(e.to_string().starts_with("providers.openai.keys.k2.env"), "{e}");
    let doc =
        br#"{"version":1,"providers":{"openai":{"kind":"openai","keys":{"default":{"env":"X"}}}}}"#;
    let e = Config::parse(doc, &env).err().unwrap();
    assert!(e.to_string().starts_with("providers.openai.keys.default"), "{e}");
}

#[test]
fn first_matching_rule_wins_per_kind_of_condition() {
    let c = config(
        r#"{"smart":{"rules":[
            {"name":"beta","when":{"tenant":["beta","gamma"]},"target":"anthropic/claude-opus"},
            {"name":"eu","when":{"metadata":{"region":"eu","tier":"2"}},"target":"openai/gpt-4o-eu"},
            {"name":"flag","when":{"metadata":{"vip":"true"}},"target":"openai/gpt-4o-vip"},
            {"name":"team","when":{"header":{"X-Team":["ml","research"]}},"target":"groq/llama"},
            {"name":"rest","target":"openai/gpt-4o"}]},
            "*":{"rules":[
            {"name":"minis","when":{"model":["openai/gpt-4o-mini*","x"]},"target":"openai","key":"k2"}]}}"#,
    )
    .unwrap();
    let name = |inp: &Inputs| target(&c, inp.model, inp).map(|(r, _)| r);
    let base = Inputs { model: "smart", ..Inputs::default() };
    assert_eq!(name(&base), Some("rest"));
    assert_eq!(name(&Inputs { tenant: Some("gamma"), ..base }), Some("beta"));
    assert_eq!(name(&Inputs { tenant: Some("alpha"), ..base }), Some("rest"));
    let meta = |v: serde_json::Value| v.as_object().unwrap().clone();
    let eu = meta(serde_json::json!({"region":"eu","tier":2}));
    assert_eq!(name(&Inputs { metadata: Some(&eu), ..base }), Some("eu"));
    let half = meta(serde_json::json!({"region":"eu","tier":3}));
    assert_eq!(
        name(&Inputs { metadata: Some(&half), ..base }),
        Some("rest"),
        "all conditions must hold"
    );
    let vip = meta(serde_json::json!({"vip":true}));
    assert_eq!(name(&Inputs { metadata: Some(&vip), ..base }), Some("flag"));
    // Header conditions are read once into bits.
    let h = Headers::from_pairs(&[("x-team", b"research")]);
    let bits = c.routes.header_bits(&h);
    assert_eq!(name(&Inputs { header_bits: bits, ..base }), Some("team"));
    let h = Headers::from_pairs(&[("x-team", b"sales")]);
    assert_eq!(c.routes.header_bits(&h), 0);
    // The tenant rule comes first, whatever else matches.
    assert_eq!(
        name(&Inputs { tenant: Some("beta"), header_bits: bits, metadata: Some(&eu), ..base }),
        Some("beta")
    );
    // The catch-all, by model: keeps the model, picks the key.
    let mini = Inputs { model: "openai/gpt-4o-mini-2024", ..Inputs::default() };
    let (rule, t) = target(&c, mini.model, &mini).unwrap();
    assert_eq!((rule, t.model.as_deref(), t.key), ("minis", None, Some(0)));
    let other = Inputs { model: "openai/gpt-4o", ..Inputs::default() };
    assert!(target(&c, other.model, &other).is_none(), "no rule matched");
    assert!(c.routes.is_catch_all(c.routes.find("anything").unwrap()));
}

/// Shares of a 70/20/10 split over 10,000 distinct request ids, and over
/// 10,000 distinct sessions, within 3 points of their weights.
#[test]
fn weighted_split_over_ten_thousand_requests() {
    let c = config(
        r#"{"ab":{"rules":[{"sticky":true,"split":[
            {"target":"openai/gpt-4o","weight":70},
            {"target":"openai/gpt-4o","key":"k2","weight":20},
            {"target":"anthropic/claude","weight":10}]}]}}"#,
    )
    .unwrap();
    let ri = c.routes.find("ab").unwrap();
    let weights = [0.70, 0.20, 0.10];
    let mut by_request = [0usize; 3];
    let mut by_session = [0usize; 3];
    for i in 0..10_000u64 {
        let id = crate::request_id::next(1_000 + i);
        let inp = Inputs { model: "ab", draw: hash(id.as_bytes()), ..Inputs::default() };
        by_request[c.routes.choose(ri, &inp).unwrap().target] += 1;
        let session = format!("session-{i}");
        let inp = Inputs { session: Some(hash(session.as_bytes())), ..inp };
        by_session[c.routes.choose(ri, &inp).unwrap().target] += 1;
    }
    eprintln!("split 70/20/10 over 10,000: by request {by_request:?}, by session {by_session:?}");
    for counts in [by_request, by_session] {
        for (n, w) in counts.iter().zip(weights) {
            let share = *n as f64 / 10_000.0;
            assert!((share - w).abs() < 0.03, "{counts:?}: {share} for weight {w}");
        }
    }
}

#[test]
fn sticky_sessions_stick_and_unsticky_splits_do_not() {
    let doc = |sticky: bool| {
        format!(
            r#"{{"ab":{{"rules":[{{"sticky":{sticky},"split":[
                {{"target":"openai/a","weight":50}},{{"target":"openai/b","weight":50}}]}}]}}}}"#
        )
    };
    let c = config(&doc(true)).unwrap();
    let ri = c.routes.find("ab").unwrap();
    for s in 0..200 {
        let session = hash(format!("user-{s}").as_bytes());
        let first =
            c.routes.choose(ri, &Inputs { session: Some(session), draw: 1, ..Inputs::default() });
        for draw in 2..20 {
            let again =
                c.routes.choose(ri, &Inputs { session: Some(session), draw, ..Inputs::default() });
            assert_eq!(first, again);
        }
    }
    // Without `sticky`, the session is ignored: requests spread.
    let c = config(&doc(false)).unwrap();
    let ri = c.routes.find("ab").unwrap();
    let session = Some(hash(b"user-1"));
    let picks: std::collections::BTreeSet<usize> = (0..50u64)
        .map(|d| {
            c.routes
                .choose(ri, &Inputs { session, draw: hash(&d.to_le_bytes()), ..Inputs::default() })
                .unwrap()
                .target
        })
        .collect();
    assert_eq!(picks.len(), 2);
}

#[test]
fn key_aliases_and_downgrade() {
    let c = config(
        r#"{"openai/gpt-4o":{"rules":[{"target":"openai/gpt-4o","key":"k3"}],
                             "downgrade":{"target":"openai/gpt-4o-mini","key":"default"}}}"#,
    )
    .unwrap();
    assert!(c.routes.knows_alias(b"k2") && c.routes.knows_alias(b"default"));
    assert!(!c.routes.knows_alias(b"k9"));
    let openai = c.provider("openai").unwrap();
    assert_eq!(openai.key_alias(b"k3"), Some(Some(1)));
    assert_eq!(openai.key(Some(1)).unwrap().expose(), "value-of-OA3");
    assert_eq!(openai.key(None).unwrap().expose(), "value-of-OA");
    assert_eq!(openai.key_alias(b"default"), Some(None));
    assert_eq!(c.provider("groq").unwrap().key_alias(b"k2"), None);
    let r = c.routes.get(c.routes.find("openai/gpt-4o").unwrap()).unwrap();
    let d = r.downgrade.as_ref().unwrap();
    assert_eq!((d.model.as_deref(), d.key), (Some("gpt-4o-mini"), None));
    assert_eq!(r.single_provider, Some(c.provider_index("openai").unwrap().0));
}
