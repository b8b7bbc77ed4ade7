//! Provider routing: `/{provider}/{rest}` → that provider's authority and
//! `{base path}{rest}`, plus the auth headers the provider expects.

use crate::config::{Config, Provider};
use crate::errors::{ErrorCode, GatewayError};
use crate::formats::Format;
use crate::headers::Headers;

#[derive(Debug, Clone)]
pub struct Route<'a> {
    pub provider: &'a Provider,
    /// Position of the provider in the config.
    pub index: usize,
    /// The path (with query) sent upstream.
    pub upstream_path: String,
    /// The endpoint without prefix or query, e.g. `/v1/chat/completions`.
    pub endpoint: String,
}

/// The gateway's unified OpenAI-compatible endpoint (`/compat/...`): the
/// provider comes from the body's `model: "<provider>/<model>"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compat {
    Chat,
    Models,
}

pub const COMPAT: &str = "compat";

/// The unified endpoint does not translate OpenAI's Responses API: the
/// error names the configured providers that serve it on their own route.
fn responses_api_pointer(config: &Config) -> GatewayError {
    let routes: Vec<String> = config
        .providers
        .iter()
        .filter_map(|p| Some(format!("/{}{}", p.name, p.kind.responses_path()?)))
        .collect();
    let served = if routes.is_empty() {
        "no configured provider serves it (OpenAI and Azure OpenAI providers do)".to_string()
    } else {
        format!("it is served on these providers' own routes: {}", routes.join(", "))
    };
    GatewayError::new(
        ErrorCode::UnknownProvider,
        format!(
            "the unified endpoint does not serve the Responses API: {served}; for every \
             provider (Anthropic, Gemini, Bedrock and OpenAI-compatible ones included) use \
             /compat/chat/completions"
        ),
    )
}

/// `/compat/...` paths; None for every other path.
pub fn compat(config: &Config, path: &[u8]) -> Option<Result<Compat, GatewayError>> {
    let path = std::str::from_utf8(path).ok()?;
    let rest = path.strip_prefix("/compat")?;
    if !(rest.is_empty() || rest.starts_with('/') || rest.starts_with('?')) {
        return None;
    }
    let endpoint = rest.split('?').next().unwrap_or_default().trim_end_matches('/');
    Some(match endpoint {
        "/chat/completions" | "/v1/chat/completions" => Ok(Compat::Chat),
        "/models" | "/v1/models" => Ok(Compat::Models),
        "/responses" | "/v1/responses" => Err(responses_api_pointer(config)),
        _ => Err(GatewayError::new(
            ErrorCode::UnknownProvider,
            "the unified endpoint serves /compat/chat/completions and /compat/models",
        )),
    })
}

/// Every model the config names, as the unified endpoint takes them
/// (`<provider>/<model>`, or a route's own name) with who serves it: each
/// provider's `models`, the models of its fallback chain, the routes and
/// their targets. No hand-written list needed beyond what routes to them.
pub fn configured_models(config: &Config) -> Vec<(String, &str)> {
    let name = |i: usize| config.providers.get(i).map_or("", |p| p.name.as_str());
    let mut list: Vec<(String, &str)> = Vec::new();
    for p in &config.providers {
        for m in &p.models {
            list.push((format!("{}/{m}", p.name), &p.name));
        }
        for step in &p.fallback {
            for (from, to) in &step.model_map {
                if from != "*" {
                    list.push((format!("{}/{from}", p.name), &p.name));
                }
                list.push((format!("{}/{to}", name(step.provider)), name(step.provider)));
            }
        }
    }
    for r in config.routes.iter() {
        if r.name != crate::route_rules::CATCH_ALL {
            list.push((r.name.clone(), "aigw"));
        }
        for t in r.rules.iter().flat_map(|x| x.targets.iter()).chain(r.downgrade.iter()) {
            if let Some(m) = &t.model {
                list.push((format!("{}/{m}", name(t.provider)), name(t.provider)));
            }
        }
    }
    let mut out: Vec<(String, &str)> = Vec::with_capacity(list.len());
    for (id, by) in list {
        if !out.iter().any(|(x, _)| *x == id) {
            out.push((id, by));
        }
    }
    out
}

/// Splits a unified model name `<provider>/<model>`.
pub fn split_model<'a>(
    config: &'a Config,
    model: Option<&'a str>,
) -> Result<(usize, &'a Provider, &'a str), GatewayError> {
    let model = model.ok_or_else(|| {
        GatewayError::new(ErrorCode::InvalidRequest, "`model` is required: \"<provider>/<model>\"")
    })?;
    let (name, bare) =
        model.split_once('/').filter(|(p, m)| !p.is_empty() && !m.is_empty()).ok_or_else(|| {
            GatewayError::new(
                ErrorCode::InvalidRequest,
                format!(
                    "`model` must be \"<provider>/<model>\" on the unified endpoint, not {model:?}"
                ),
            )
        })?;
    let (index, provider) = config.provider_index(name).ok_or_else(|| {
        GatewayError::new(
            ErrorCode::UnknownProvider,
            format!("no provider named {name:?} is configured"),
        )
    })?;
    Ok((index, provider, bare))
}

/// Resolves the request path. Errors: unknown provider (404), dot segments (400).
pub fn resolve<'a>(config: &'a Config, path: &[u8]) -> Result<Route<'a>, GatewayError> {
    let path = std::str::from_utf8(path).map_err(|_| {
        GatewayError::new(ErrorCode::InvalidPath, "the request path is not valid UTF-8")
    })?;
    let after_slash = path.strip_prefix('/').ok_or_else(|| {
        GatewayError::new(ErrorCode::InvalidPath, "the request path must start with '/'")
    })?;
    let split = after_slash.find(['/', '?']).unwrap_or(after_slash.len());
    let (name, rest) = after_slash.split_at(split);
    let (index, provider) = config.provider_index(name).ok_or_else(|| {
        let shown: String = name.chars().take(64).collect();
        GatewayError::new(
            ErrorCode::UnknownProvider,
            format!("no provider named {shown:?} is configured on this gateway; paths are /{{provider}}/..."),
        )
    })?;
    if has_dot_segment(rest) {
        return Err(GatewayError::new(
            ErrorCode::InvalidPath,
            "the request path must not contain '.' or '..' segments",
        ));
    }
    let (rest_path, query) = match rest.find('?') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let endpoint = if rest_path.is_empty() { "/" } else { rest_path };
    let rewritten = provider.kind.query_for(endpoint, query, provider.api_key.is_some())?;
    let query = rewritten.as_deref().unwrap_or(query);
    let mut upstream_path = String::with_capacity(provider.path_prefix.len() + rest.len() + 1);
    upstream_path.push_str(&provider.path_prefix);
    if rest_path.is_empty() && provider.path_prefix.is_empty() {
        upstream_path.push('/');
    }
    upstream_path.push_str(rest_path);
    upstream_path.push_str(query);
    if let Some(v) = &provider.api_version {
        if crate::azure::needs_api_version(endpoint, query) {
            crate::azure::add_api_version(&mut upstream_path, v);
        }
    }
    Ok(Route { provider, index, upstream_path, endpoint: endpoint.to_string() })
}

/// `.` and `..` segments, also percent-encoded: these could climb out of a
/// provider's base path if Envoy's path normalisation is off.
fn has_dot_segment(rest: &str) -> bool {
    let path = rest.split('?').next().unwrap_or_default().as_bytes();
    path.split(|&b| b == b'/').any(is_dot_segment)
        || path.windows(3).any(|w| w.eq_ignore_ascii_case(b"%2f"))
}

/// `.` or `..`, each dot possibly written `%2e` (any case).
fn is_dot_segment(mut seg: &[u8]) -> bool {
    let mut dots = 0;
    while !seg.is_empty() {
        seg = if let Some(rest) = seg.strip_prefix(b".") {
            rest
        } else if seg.get(..3).is_some_and(|p| p.eq_ignore_ascii_case(b"%2e")) {
            seg.get(3..).unwrap_or_default()
        } else {
            return false;
        };
        dots += 1;
    }
    dots == 1 || dots == 2
}

/// The headers that authenticate the gateway to the provider, when it holds a
/// key (`key`: an alias's index into its `keys`, else its `api_key`); and
/// the client headers to remove so a client key never overrides it.
pub fn provider_auth(
    provider: &Provider,
    key: Option<usize>,
) -> (Vec<(&'static str, String)>, &'static [&'static str]) {
    let Some(key) = provider.key(key) else {
        return (Vec::new(), &[]);
    };
    (provider.kind.auth_headers(key.expose()), crate::formats::AUTH_HEADERS)
}

/// Headers a provider needs whoever holds the key (Anthropic's API version,
/// when the client did not pick one).
pub fn provider_defaults(provider: &Provider, headers: &Headers) -> Vec<(&'static str, String)> {
    provider
        .kind
        .format()
        .default_headers(&provider.anthropic_version, &|name| headers.get(name).is_some())
}

/// Whether an endpoint carries a JSON request the gateway must inspect.
pub fn is_inference_endpoint(endpoint: &str) -> bool {
    let e = endpoint.trim_end_matches('/');
    Format::ALL.iter().any(|f| f.inference_endpoints().iter().any(|s| e.ends_with(s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> Config {
        let env = |k: &str| (k == "K").then(|| "sk-1".to_string());
        Config::parse(
            br#"{"version":1,"providers":{
                "openai":{"kind":"openai","api_key":{"env":"K"}},
                "anthropic":{"kind":"anthropic","api_key":{"env":"K"}},
                "groq":{"kind":"openai_compatible","base_url":"https://api.groq.com/openai"},
                "pass":{"kind":"openai"}}}"#,
            &env,
        )
        .unwrap()
        .0
    }

    #[test]
    fn rewrites_path_and_keeps_query() {
        let c = cfg();
        let r = resolve(&c, b"/openai/v1/chat/completions?x=1").unwrap();
        assert_eq!(r.provider.name, "openai");
        assert_eq!(r.upstream_path, "/v1/chat/completions?x=1");
        assert_eq!(r.endpoint, "/v1/chat/completions");
        let r = resolve(&c, b"/groq/v1/models").unwrap();
        assert_eq!(r.upstream_path, "/openai/v1/models");
        assert_eq!(resolve(&c, b"/openai").unwrap().upstream_path, "/");
        assert_eq!(resolve(&c, b"/groq").unwrap().upstream_path, "/openai");
        assert_eq!(resolve(&c, b"/openai?a=b").unwrap().upstream_path, "/?a=b");
    }

    #[test]
    fn unknown_provider_is_404() {
        let c = cfg();
        for p in [&b"/nope/v1/x"[..], b"/", b"/OpenAI/v1", b"/openai2/v1"] {
            assert_eq!(resolve(&c, p).unwrap_err().code, ErrorCode::UnknownProvider, "{p:?}");
        }
    }

    #[test]
    fn dot_segments_and_bad_paths_rejected() {
        let c = cfg();
        for p in [
            &b"/groq/../v1"[..],
            b"/groq/%2E%2e/v1",
            b"/groq/./x",
            b"/groq/a%2fb",
            b"x",
            &[b'/', 0xff],
        ] {
            assert_eq!(resolve(&c, p).unwrap_err().code, ErrorCode::InvalidPath, "{p:?}");
        }
        for p in [&b"/groq/.%2E/v1"[..], b"/groq/%2e/v1"] {
            assert_eq!(resolve(&c, p).unwrap_err().code, ErrorCode::InvalidPath, "{p:?}");
        }
        // Dots inside names are not dot segments.
        for p in
            [&b"/groq/.../v1"[..], b"/groq/.well-known", b"/groq/v1.2/x?a=..", b"/groq/%2e%2e%2e"]
        {
            assert!(resolve(&c, p).is_ok(), "{p:?}");
        }
    }

    #[test]
    fn auth_headers_by_kind() {
        let c = cfg();
        let (set, remove) = provider_auth(c.provider("openai").unwrap(), None);
        assert_eq!(set, vec![("authorization", "Bearer sk-1".to_string())]);
        assert!(remove.contains(&"x-api-key"));
        let (set, _) = provider_auth(c.provider("anthropic").unwrap(), None);
        assert_eq!(set, vec![("x-api-key", "sk-1".to_string())]);
        let (set, remove) = provider_auth(c.provider("pass").unwrap(), None);
        assert!(set.is_empty() && remove.is_empty());
        let h = Headers::default();
        assert_eq!(
            provider_defaults(c.provider("anthropic").unwrap(), &h),
            vec![("anthropic-version", "2023-06-01".to_string())]
        );
        let h = Headers::from_pairs(&[("anthropic-version", b"2024-01-01")]);
        assert!(provider_defaults(c.provider("anthropic").unwrap(), &h).is_empty());
    }

    #[test]
    fn compat_paths_and_models() {
        let c = cfg();
        let compat = |p: &[u8]| compat(&c, p);
        assert_eq!(compat(b"/compat/chat/completions"), Some(Ok(Compat::Chat)));
        assert_eq!(compat(b"/compat/v1/chat/completions?x=1"), Some(Ok(Compat::Chat)));
        assert_eq!(compat(b"/compat/models"), Some(Ok(Compat::Models)));
        assert!(matches!(compat(b"/compat/embeddings"), Some(Err(_))));
        let Some(Err(e)) = compat(b"/compat/v1/responses") else { panic!("not an error") };
        // It names the configured providers that serve it, and the way for the others.
        assert!(
            e.message.contains("Responses API")
                && e.message.contains("/openai/v1/responses")
                && !e.message.contains("/anthropic/v1/responses")
                && e.message.contains("/compat/chat/completions"),
            "{}",
            e.message
        );
        assert_eq!(compat(b"/compatible/x"), None);
        assert_eq!(compat(b"/openai/v1/chat/completions"), None);
        let c = cfg();
        let (i, p, m) = split_model(&c, Some("anthropic/claude-sonnet-4-5")).unwrap();
        assert_eq!(
            (i, p.name.as_str(), m),
            (c.provider_index("anthropic").unwrap().0, "anthropic", "claude-sonnet-4-5")
        );
        assert_eq!(split_model(&c, Some("groq/llama/3")).unwrap().2, "llama/3");
        assert_eq!(split_model(&c, Some("gpt-4o")).unwrap_err().code, ErrorCode::InvalidRequest);
        assert_eq!(split_model(&c, Some("nope/x")).unwrap_err().code, ErrorCode::UnknownProvider);
        assert_eq!(split_model(&c, None).unwrap_err().code, ErrorCode::InvalidRequest);
    }

    #[test]
    fn inference_endpoints() {
        assert!(is_inference_endpoint("/v1/chat/completions"));
        assert!(is_inference_endpoint("/v1/messages"));
        assert!(is_inference_endpoint("/v1/embeddings/"));
        assert!(!is_inference_endpoint("/v1/files"));
        assert!(!is_inference_endpoint("/v1/models"));
    }
}
