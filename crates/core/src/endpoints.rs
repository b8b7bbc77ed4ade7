//! The endpoint allow-list: which methods and paths a client may reach on a
//! provider through the gateway (with the gateway's key, when it holds one).
//!
//! By default only the inference and model-listing endpoints the gateway
//! understands pass ([`DEFAULTS`]); everything else (files, batches, stored
//! completions, fine-tuning, admin and organisation endpoints, uploads, any
//! DELETE) is refused before any key is added. The operator opens more per
//! provider, optionally per tenant, in `providers.<name>.endpoints`, each
//! with a `weight` (how many requests one call counts as on request rules)
//! and `reserve_output_tokens` (what token rules and budgets keep for it:
//! such endpoints report no usage).
//!
//! Matching is exact on the path the provider receives below its base URL
//! (query left out), segment by segment and case-sensitive: a double slash
//! (an empty segment), a trailing slash, a different case or a
//! percent-encoded character never matches a listed endpoint. `.`/`..`
//! segments and encoded slashes are refused earlier (routing).

use aigw_config_error::ConfigError;
use serde::Deserialize;

use crate::errors::{ErrorCode, GatewayError};

/// `(method, path)` opened on every provider. `*` is one path segment.
/// Each also matches without the `/v1` (a base URL that ends in `/v1`).
pub const DEFAULTS: &[(&str, &str)] = &[
    ("POST", "/v1/chat/completions"),
    ("POST", "/v1/completions"),
    ("POST", "/v1/responses"),
    ("POST", "/v1/embeddings"),
    ("POST", "/v1/messages"),
    ("POST", "/v1/messages/count_tokens"),
    ("GET", "/v1/models"),
    ("GET", "/v1/models/*"),
];

/// Largest weight an endpoint may carry (a batch of OpenAI's maximum size).
const MAX_WEIGHT: u64 = 1_000_000;

/// `providers.<name>.endpoints[i]` as written.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawEndpoint {
    /// `"<METHOD> <path pattern>"`, e.g. `"GET /v1/files/*/content"`.
    allow: String,
    /// Tenants it is open to (names, `prefix*`, `*`); all when left out.
    #[serde(default)]
    tenants: Option<Vec<String>>,
    #[serde(default)]
    weight: Option<u64>,
    #[serde(default)]
    reserve_output_tokens: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Lit(String),
    /// `*`: one non-empty segment without `%`.
    One,
    /// `**` (last only): one or more such segments.
    Rest,
}

/// An endpoint the operator opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// None: any method (`*`).
    method: Option<String>,
    path: Vec<Seg>,
    tenants: Option<Vec<String>>,
    pub weight: u64,
    pub reserve_output_tokens: u64,
}

/// What the allow-list decided for an admitted request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowed {
    /// One of the built-in endpoints (counted by its body and usage).
    pub builtin: bool,
    pub weight: u64,
    pub reserve_output_tokens: u64,
}

impl Allowed {
    const BUILTIN: Allowed = Allowed { builtin: true, weight: 1, reserve_output_tokens: 0 };
}

/// Compiles `providers.<name>.endpoints`; errors name the field.
pub fn compile(raw: &[RawEndpoint], field: &str) -> Result<Vec<Endpoint>, ConfigError> {
    raw.iter()
        .enumerate()
        .map(|(i, e)| {
            let f = format!("{field}[{i}]");
            let (method, path) =
                parse_allow(&e.allow).map_err(|m| ConfigError::new(format!("{f}.allow"), m))?;
            if let Some(list) = &e.tenants {
                if list.is_empty() {
                    return Err(ConfigError::new(
                        format!("{f}.tenants"),
                        "must not be empty (leave it out)",
                    ));
                }
                for (j, t) in list.iter().enumerate() {
                    if let Some(why) = aigw_limits::pattern::pattern_error(t) {
                        return Err(ConfigError::new(format!("{f}.tenants[{j}]"), why));
                    }
                }
            }
            let weight = e.weight.unwrap_or(1);
            if !(1..=MAX_WEIGHT).contains(&weight) {
                return Err(ConfigError::new(
                    format!("{f}.weight"),
                    format!("must be between 1 and {MAX_WEIGHT}"),
                ));
            }
            let reserve = e.reserve_output_tokens.unwrap_or(0);
            if reserve > 1_000_000_000 {
                return Err(ConfigError::new(
                    format!("{f}.reserve_output_tokens"),
                    "must be at most 1e9",
                ));
            }
            Ok(Endpoint {
                method,
                path,
                tenants: e.tenants.clone(),
                weight,
                reserve_output_tokens: reserve,
            })
        })
        .collect()
}

fn parse_allow(s: &str) -> Result<(Option<String>, Vec<Seg>), String> {
    let usage = "expected \"<METHOD> <path>\", e.g. \"GET /v1/files/*\" (`*`: one segment, a final `**`: the rest)";
    let (method, path) = s.split_once(' ').ok_or_else(|| usage.to_string())?;
    let method = match method {
        "*" => None,
        m if !m.is_empty() && m.bytes().all(|b| b.is_ascii_uppercase()) => Some(m.to_string()),
        _ => return Err(format!("the method must be upper case or `*`; {usage}")),
    };
    let rest = path.strip_prefix('/').ok_or_else(|| usage.to_string())?;
    let parts: Vec<&str> = rest.split('/').collect();
    let last = parts.len().saturating_sub(1);
    let mut segs = Vec::with_capacity(parts.len());
    for (i, p) in parts.iter().enumerate() {
        segs.push(match *p {
            "*" => Seg::One,
            "**" if i == last => Seg::Rest,
            p if p.is_empty() || p == "." || p == ".." || p.contains(['*', '%', '?', ' ']) => {
                return Err(format!("bad path segment {p:?}; {usage}"));
            }
            p => Seg::Lit(p.to_string()),
        });
    }
    Ok((method, segs))
}

/// A segment a wildcard may stand for: no percent-encoding but `%3A`
/// (`:`, which AWS's SDKs encode in Bedrock model ids, and which can
/// neither climb nor split a path).
fn plain_segment(s: &str) -> bool {
    !s.is_empty() && s.split('%').skip(1).all(|r| r.starts_with("3A") || r.starts_with("3a"))
}

/// `path`: the endpoint without its leading `/`.
fn path_matches(pattern: &[Seg], path: &str) -> bool {
    let mut it = path.split('/');
    for (i, seg) in pattern.iter().enumerate() {
        match seg {
            Seg::Rest => {
                let mut rest = it.peekable();
                return i + 1 == pattern.len() && rest.peek().is_some() && rest.all(plain_segment);
            }
            Seg::One => match it.next() {
                Some(s) if plain_segment(s) => {}
                _ => return false,
            },
            Seg::Lit(l) => match it.next() {
                Some(s) if s == l => {}
                _ => return false,
            },
        }
    }
    it.next().is_none()
}

/// A built-in endpoint, with or without its leading `/v1` (no allocation:
/// this runs on every request).
fn default_matches(method: &str, path: &str) -> bool {
    // Whole-string comparisons first: segment splitting only for wildcards.
    let matches = |pat: &str| {
        if pat.contains('*') {
            static_matches(pat, path)
        } else {
            pat == path
        }
    };
    DEFAULTS.iter().any(|(m, p)| {
        let pat = p.trim_start_matches('/');
        *m == method && (matches(pat) || pat.strip_prefix("v1/").is_some_and(matches))
    })
}

/// `*`: any plain segment; `*:method` (Gemini's `models/{model}:method`):
/// a plain segment of more than that ending in it.
fn wildcard_matches(seg: &str, s: &str) -> bool {
    match seg.strip_prefix('*') {
        Some("") => plain_segment(s),
        Some(suffix) => {
            suffix.starts_with(':')
                && s.len() > suffix.len()
                && s.ends_with(suffix)
                && plain_segment(s)
        }
        None => false,
    }
}

fn static_matches(pattern: &str, path: &str) -> bool {
    let mut it = path.split('/');
    for seg in pattern.split('/') {
        match it.next() {
            Some(s) if s == seg || wildcard_matches(seg, s) => {}
            _ => return false,
        }
    }
    it.next().is_none()
}

/// Decides whether `method endpoint` may go to provider `provider` for
/// `tenant`. `endpoint` is the path below the provider's base URL, without
/// the query; `kind_defaults` are the provider kind's own built-in
/// endpoints (`ProviderKind::endpoints`: Azure's deployment paths).
pub fn check(
    provider: &str,
    kind_defaults: &[(&str, &str)],
    opened: &[Endpoint],
    tenant: Option<&str>,
    method: &str,
    endpoint: &str,
) -> Result<Allowed, GatewayError> {
    let path = endpoint.strip_prefix('/').unwrap_or(endpoint);
    if default_matches(method, path)
        || kind_defaults
            .iter()
            .any(|(m, p)| *m == method && static_matches(p.strip_prefix('/').unwrap_or(p), path))
    {
        return Ok(Allowed::BUILTIN);
    }
    let open = opened.iter().find(|e| {
        e.method.as_deref().is_none_or(|m| m == method)
            && path_matches(&e.path, path)
            && e.tenants.as_ref().is_none_or(|ts| {
                tenant.is_some_and(|t| ts.iter().any(|p| aigw_limits::key::pattern_matches(p, t)))
            })
    });
    match open {
        Some(e) => Ok(Allowed {
            builtin: false,
            weight: e.weight,
            reserve_output_tokens: e.reserve_output_tokens,
        }),
        None => {
            let shown: String = endpoint.chars().take(128).collect();
            let method: String = method.chars().take(16).collect();
            Err(GatewayError::new(
                ErrorCode::EndpointNotAllowed,
                format!(
                    "{method} {shown} is not open on this gateway for provider {provider:?}; \
                     the gateway passes the inference and model-listing endpoints \
                     (an operator opens others in providers.{provider}.endpoints)"
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opened(json: &str) -> Vec<Endpoint> {
        let raw: Vec<RawEndpoint> = serde_json::from_str(json).unwrap();
        compile(&raw, "providers.openai.endpoints").unwrap()
    }

    fn ok(e: &[Endpoint], tenant: Option<&str>, m: &str, p: &str) -> bool {
        check("openai", &[], e, tenant, m, p).is_ok()
    }

    #[test]
    fn defaults_are_inference_and_models_only() {
        for (m, p) in [
            ("POST", "/v1/chat/completions"),
            ("POST", "/chat/completions"),
            ("POST", "/v1/completions"),
            ("POST", "/v1/responses"),
            ("POST", "/v1/embeddings"),
            ("POST", "/v1/messages"),
            ("POST", "/v1/messages/count_tokens"),
            ("GET", "/v1/models"),
            ("GET", "/v1/models/gpt-4o-mini"),
            ("GET", "/v1/models/ft:gpt-4o:org:x:1"),
        ] {
            assert_eq!(check("openai", &[], &[], None, m, p), Ok(Allowed::BUILTIN), "{m} {p}");
        }
        for (m, p) in [
            ("GET", "/v1/chat/completions"),
            ("GET", "/v1/chat/completions/chatcmpl-1"),
            ("DELETE", "/v1/chat/completions/chatcmpl-1"),
            ("POST", "/v1/chat/completions/chatcmpl-1"),
            ("GET", "/v1/chat/completions/chatcmpl-1/messages"),
            ("DELETE", "/v1/models/ft:gpt-4o:org:x:1"),
            ("POST", "/v1/models"),
            ("GET", "/v1/models/a/b"),
            ("GET", "/v1/responses/resp_1"),
            ("DELETE", "/v1/responses/resp_1"),
            ("POST", "/v1/files"),
            ("GET", "/v1/files"),
            ("GET", "/v1/files/file-1/content"),
            ("POST", "/v1/batches"),
            ("GET", "/v1/batches/batch_1"),
            ("POST", "/v1/messages/batches"),
            ("GET", "/v1/messages/batches/x/results"),
            ("POST", "/v1/fine_tuning/jobs"),
            ("POST", "/v1/uploads"),
            ("GET", "/v1/organization/admin_api_keys"),
            ("GET", "/v1/organizations/me"),
            ("POST", "/v1/moderations"),
            ("HEAD", "/v1/models"),
            ("OPTIONS", "/v1/chat/completions"),
            ("post", "/v1/chat/completions"),
            ("GET", "/"),
            ("GET", ""),
        ] {
            let e = check("openai", &[], &[], None, m, p).unwrap_err();
            assert_eq!(e.code, ErrorCode::EndpointNotAllowed, "{m} {p}");
            assert_eq!(e.status(), 403);
        }
    }

    #[test]
    fn a_kind_adds_its_own_defaults() {
        let az = crate::azure::ENDPOINTS;
        for (m, p) in [
            ("POST", "/openai/deployments/gpt-4o/chat/completions"),
            ("POST", "/openai/deployments/e/embeddings"),
            ("POST", "/openai/v1/chat/completions"),
            ("POST", "/openai/v1/responses"),
            ("GET", "/openai/v1/models"),
            ("POST", "/v1/chat/completions"),
        ] {
            assert_eq!(check("az", az, &[], None, m, p), Ok(Allowed::BUILTIN), "{m} {p}");
        }
        for (m, p) in [
            ("POST", "/openai/deployments/gpt-4o/files"),
            ("POST", "/openai/deployments//chat/completions"),
            ("POST", "/openai/deployments/a/b/chat/completions"),
            ("GET", "/openai/deployments/gpt-4o/chat/completions"),
            ("POST", "/openai/v1/files"),
            ("POST", "/openai/files"),
            ("DELETE", "/openai/v1/models/x"),
        ] {
            assert!(check("az", az, &[], None, m, p).is_err(), "{m} {p}");
        }
        // Another kind does not get them.
        assert!(check("o", &[], &[], None, "POST", "/openai/v1/chat/completions").is_err());
    }

    #[test]
    fn path_tricks_never_match() {
        let e = opened(r#"[{"allow":"GET /v1/files/*"}]"#);
        for p in [
            "/v1//chat/completions",
            "//v1/chat/completions",
            "/v1/chat/completions/",
            "/v1/chat//completions",
            "/V1/chat/completions",
            "/v1/Chat/Completions",
            "/v1/chat%2fcompletions",
            "/v1/%63hat/completions",
            "/v1/chat/completions;x",
            "/v1/chat/completions#x",
            "/v1/chat/completions/..",
            "/v1/models/",
            "/v1/files/",
            "/v1/files//x",
            "/v1/files/%2e%2e",
            "/v1/files/a/content",
        ] {
            assert!(!ok(&e, None, "GET", p), "GET {p}");
            assert!(!ok(&e, None, "POST", p) || p == "/v1/chat/completions", "POST {p}");
        }
        assert!(ok(&e, None, "GET", "/v1/files/file-1"));
    }

    #[test]
    fn operator_opens_per_tenant_with_weights() {
        let e = opened(
            r#"[{"allow":"POST /v1/batches","tenants":["batch-*"],"weight":200,"reserve_output_tokens":5000},
                {"allow":"* /v1/files/**"}]"#,
        );
        assert_eq!(
            check("openai", &[], &e, Some("batch-a"), "POST", "/v1/batches"),
            Ok(Allowed { builtin: false, weight: 200, reserve_output_tokens: 5000 })
        );
        assert!(!ok(&e, Some("other"), "POST", "/v1/batches"));
        assert!(!ok(&e, None, "POST", "/v1/batches"));
        assert!(!ok(&e, Some("batch-a"), "GET", "/v1/batches"));
        assert!(ok(&e, None, "DELETE", "/v1/files/f1"));
        assert!(ok(&e, None, "GET", "/v1/files/f1/content"));
        assert!(!ok(&e, None, "GET", "/v1/files"));
    }

    #[test]
    fn config_errors_name_the_field() {
        for (json, field) in [
            (r#"[{"allow":"get /v1/x"}]"#, "providers.openai.endpoints[0].allow"),
            (r#"[{"allow":"GET v1/x"}]"#, "providers.openai.endpoints[0].allow"),
            (r#"[{"allow":"GET /v1/../x"}]"#, "providers.openai.endpoints[0].allow"),
            (r#"[{"allow":"GET /v1/**/x"}]"#, "providers.openai.endpoints[0].allow"),
            (r#"[{"allow":"GET /v1//x"}]"#, "providers.openai.endpoints[0].allow"),
            (r#"[{"allow":"GET /v1/x","weight":0}]"#, "providers.openai.endpoints[0].weight"),
            (r#"[{"allow":"GET /v1/x","tenants":[]}]"#, "providers.openai.endpoints[0].tenants"),
            (
                r#"[{"allow":"GET /v1/x","tenants":["a*b"]}]"#,
                "providers.openai.endpoints[0].tenants[0]",
            ),
        ] {
            let raw: Vec<RawEndpoint> = serde_json::from_str(json).unwrap();
            assert_eq!(
                compile(&raw, "providers.openai.endpoints").unwrap_err().field,
                field,
                "{json}"
            );
        }
        assert!(
            serde_json::from_str::<Vec<RawEndpoint>>(r#"[{"allow":"GET /x","bogus":1}]"#).is_err()
        );
        // Through the whole config: the field is named from the root.
        for (entry, field) in [
            (r#"{"allow":"GET /v1/x","weight":0}"#, "providers.openai.endpoints[0].weight"),
            (r#"{"allow":"GET /v1/x","bogus":1}"#, "providers.openai.endpoints[0]"),
        ] {
            let doc = format!(
                r#"{{"version":1,"providers":{{"openai":{{"kind":"openai","endpoints":[{entry}]}}}}}}"#
            );
            let e = crate::config::Config::parse(doc.as_bytes(), &|_| None).unwrap_err();
            assert!(e.field.starts_with(field), "{e}");
        }
    }
}
