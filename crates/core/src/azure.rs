//! Azure OpenAI (`"kind": "azure_openai"`): OpenAI's format (bodies,
//! streams, usage, errors) reached Azure's way.
//!
//! - The base URL is the resource, `https://<resource>.openai.azure.com`;
//!   clients' paths carry `/openai/...` (what the `AzureOpenAI` SDKs send
//!   with `azure_endpoint=http://<gateway>/<provider>`).
//! - Two path forms: deployments, `/openai/deployments/{deployment}/chat/completions?api-version=...`
//!   (the model is the deployment in the path), and the v1 API,
//!   `/openai/v1/chat/completions` (no `api-version`; the model in the body
//!   names the deployment).
//! - The key goes in `api-key` (a client's `api-key` or `authorization` is
//!   removed when the gateway holds one).

/// The header that carries the key.
pub const KEY_HEADER: &str = "api-key";
/// The `api-version` added to deployment-form requests that carry none
/// (Azure's latest GA inference version).
pub const DEFAULT_API_VERSION: &str = "2024-10-21";
/// The chat path for fallback steps and `/compat`: the v1 API, which takes
/// the deployment as `model` and needs no `api-version`.
pub const CHAT_PATH: &str = "/openai/v1/chat/completions";

/// Azure's endpoints the gateway opens besides the common ones (see
/// `endpoints::DEFAULTS`): `*` is one segment, the deployment.
pub const ENDPOINTS: &[(&str, &str)] = &[
    ("POST", "/openai/deployments/*/chat/completions"),
    ("POST", "/openai/deployments/*/completions"),
    ("POST", "/openai/deployments/*/embeddings"),
    ("POST", "/openai/responses"),
    ("GET", "/openai/models"),
    ("GET", "/openai/models/*"),
    ("POST", "/openai/v1/chat/completions"),
    ("POST", "/openai/v1/completions"),
    ("POST", "/openai/v1/embeddings"),
    ("POST", "/openai/v1/responses"),
    ("GET", "/openai/v1/models"),
    ("GET", "/openai/v1/models/*"),
];

pub fn auth_headers(key: &str) -> Vec<(&'static str, String)> {
    vec![(KEY_HEADER, key.to_string())]
}

/// The deployment a deployment-form endpoint names (the model Azure runs).
pub fn deployment(endpoint: &str) -> Option<&str> {
    let rest = endpoint.strip_prefix("/openai/deployments/")?;
    let name = rest.split('/').next()?;
    (!name.is_empty()).then_some(name)
}

/// Whether a request needs `api-version` added: Azure's dated API (every
/// `/openai/...` path outside the v1 API) and the query has none.
pub fn needs_api_version(endpoint: &str, query: &str) -> bool {
    endpoint.starts_with("/openai/")
        && !endpoint.starts_with("/openai/v1/")
        && !query
            .trim_start_matches('?')
            .split('&')
            .any(|kv| kv.split('=').next().is_some_and(|k| k == "api-version"))
}

/// Appends `api-version={version}` to a path that may have a query.
pub fn add_api_version(path: &mut String, version: &str) {
    path.push(if path.contains('?') { '&' } else { '?' });
    path.push_str("api-version=");
    path.push_str(version);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deployment_from_path() {
        assert_eq!(deployment("/openai/deployments/gpt-4o/chat/completions"), Some("gpt-4o"));
        assert_eq!(deployment("/openai/deployments//chat/completions"), None);
        assert_eq!(deployment("/openai/v1/chat/completions"), None);
    }

    #[test]
    fn api_version_only_where_needed() {
        assert!(needs_api_version("/openai/deployments/d/chat/completions", ""));
        assert!(needs_api_version("/openai/deployments/d/chat/completions", "?x=1"));
        assert!(needs_api_version("/openai/responses", "?api-versionx=1"));
        assert!(!needs_api_version(
            "/openai/deployments/d/chat/completions",
            "?api-version=2024-02-01"
        ));
        assert!(!needs_api_version("/openai/models", "?a=b&api-version=v"));
        assert!(!needs_api_version("/openai/v1/chat/completions", ""));
        assert!(!needs_api_version("/v1/chat/completions", ""));
        let mut p = "/openai/models".to_string();
        add_api_version(&mut p, "2024-10-21");
        assert_eq!(p, "/openai/models?api-version=2024-10-21");
        add_api_version(&mut p, "v");
        assert_eq!(p, "/openai/models?api-version=2024-10-21&api-version=v");
    }
}
