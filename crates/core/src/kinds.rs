//! What a provider kind adds to its wire format: the header its key goes
//! in, endpoints of its own, where it names the model, whether it takes
//! `stream_options`. The flow asks these and never matches on a kind; a
//! kind's own module (`azure`, `presets`) holds the details.

use crate::azure;
use crate::bedrock;
use crate::config::ProviderKind;
use crate::errors::GatewayError;
use crate::formats::{gemini, openai};

impl ProviderKind {
    /// The headers that carry the gateway's key to this provider.
    pub fn auth_headers(self, key: &str) -> Vec<(&'static str, String)> {
        match self {
            ProviderKind::AzureOpenAi => azure::auth_headers(key),
            k => k.format().auth_headers(key),
        }
    }

    /// Endpoints open by default on this kind besides the common ones
    /// (`endpoints::DEFAULTS`).
    pub fn endpoints(self) -> &'static [(&'static str, &'static str)] {
        match self {
            ProviderKind::AzureOpenAi => azure::ENDPOINTS,
            ProviderKind::Bedrock => bedrock::ENDPOINTS,
            ProviderKind::Gemini => gemini::ENDPOINTS,
            _ => &[],
        }
    }

    /// The model an endpoint path names (Azure's deployment, Gemini's
    /// `models/{model}:...`), which wins over the body's: it is what the
    /// provider runs.
    pub fn model_in_path(self, endpoint: &str) -> Option<&str> {
        match self {
            ProviderKind::AzureOpenAi => azure::deployment(endpoint),
            ProviderKind::Bedrock => bedrock::model(endpoint),
            ProviderKind::Gemini => gemini::model_in_path(endpoint),
            _ => None,
        }
    }

    /// The query a provider receives, when it is not the client's: Gemini
    /// without the client's `key=` when the gateway holds the key. A
    /// Gemini stream must be SSE (`alt=sse`): the gateway reads, scans and
    /// translates events, not the JSON array Gemini streams otherwise.
    pub fn query_for(
        self,
        endpoint: &str,
        query: &str,
        gateway_key: bool,
    ) -> Result<Option<String>, GatewayError> {
        if self != ProviderKind::Gemini {
            return Ok(None);
        }
        if gemini::streams(endpoint)
            && !query.trim_start_matches('?').split('&').any(|kv| kv == "alt=sse")
        {
            return Err(GatewayError::new(
                crate::errors::ErrorCode::InvalidRequest,
                "the gateway streams Gemini answers as server-sent events: add alt=sse to the query",
            ));
        }
        Ok(if gateway_key { gemini::strip_key_param(query) } else { None })
    }

    /// The path of a chat request for `model` (fallback steps, `/compat`):
    /// the configured chat path, or below it for Gemini, whose path names
    /// the model and the stream.
    pub fn chat_path_for(
        self,
        chat_path: &str,
        model: &str,
        stream: bool,
    ) -> Result<String, GatewayError> {
        match self {
            ProviderKind::Gemini => gemini::chat_path(chat_path, model, stream),
            _ => Ok(chat_path.to_string()),
        }
    }

    /// Whether the provider accepts `stream_options` (the gateway asks for
    /// stream usage with it).
    pub fn takes_stream_options(self) -> bool {
        match self {
            ProviderKind::Preset(p) => p.stream_options,
            _ => true,
        }
    }

    /// Whether an endpoint's path makes the request a stream (Bedrock's
    /// ConverseStream, Gemini's `:streamGenerateContent`), whatever its body
    /// says.
    pub fn streams_by_path(self, endpoint: &str) -> bool {
        match self {
            ProviderKind::Bedrock => bedrock::streams(endpoint),
            ProviderKind::Gemini => gemini::streams(endpoint),
            _ => false,
        }
    }

    /// The chat path below the base URL when the config names none.
    pub(crate) fn default_chat_path(self, path_prefix: &str) -> String {
        match self {
            ProviderKind::Anthropic => crate::formats::anthropic::CHAT_PATH.into(),
            ProviderKind::AzureOpenAi => azure::CHAT_PATH.into(),
            // The model and the operation follow (`bedrock::converse_path`).
            ProviderKind::Bedrock => bedrock::MODEL_PATH.into(),
            ProviderKind::Gemini => gemini::MODELS_PATH.into(),
            ProviderKind::OpenAiCompatible | ProviderKind::Preset(_) => {
                openai::chat_path(path_prefix, true)
            }
            ProviderKind::OpenAi => openai::chat_path(path_prefix, false),
        }
    }

    /// Where a kind serves OpenAI's Responses API natively (below its
    /// route), for the unified endpoint's pointer to it.
    pub(crate) fn responses_path(self) -> Option<&'static str> {
        match self {
            ProviderKind::OpenAi => Some("/v1/responses"),
            ProviderKind::AzureOpenAi => Some("/openai/v1/responses"),
            _ => None,
        }
    }

    /// The `api-version` a request gets when it has none (Azure only).
    pub(crate) fn default_api_version(self) -> Option<&'static str> {
        match self {
            ProviderKind::AzureOpenAi => Some(azure::DEFAULT_API_VERSION),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::routing::{provider_auth, resolve};

    fn cfg(providers: &str) -> Config {
        let env = |k: &str| (k == "K").then(|| "sk-1".to_string());
        let doc = format!(r#"{{"version":1,"providers":{{{providers}}}}}"#);
        Config::parse(doc.as_bytes(), &env).unwrap().0
    }

    #[test]
    fn azure_routes_with_its_key_header_and_api_version() {
        let c = cfg(
            r#""az":{"kind":"azure_openai","base_url":"https://res.openai.azure.com","api_key":{"env":"K"}}"#,
        );
        let p = c.provider("az").unwrap();
        assert_eq!(p.authority, "res.openai.azure.com");
        assert_eq!(p.chat_path, "/openai/v1/chat/completions");
        assert_eq!(p.api_version.as_deref(), Some("2024-10-21"));
        let (set, remove) = provider_auth(p, None);
        assert_eq!(set, vec![("api-key", "sk-1".to_string())]);
        assert!(remove.contains(&"api-key") && remove.contains(&"authorization"));
        let r = resolve(&c, b"/az/openai/deployments/gpt4o/chat/completions").unwrap();
        assert_eq!(
            r.upstream_path,
            "/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21"
        );
        assert_eq!(r.endpoint, "/openai/deployments/gpt4o/chat/completions");
        let r = resolve(&c, b"/az/openai/deployments/d/embeddings?api-version=2024-02-01").unwrap();
        assert_eq!(r.upstream_path, "/openai/deployments/d/embeddings?api-version=2024-02-01");
        let r = resolve(&c, b"/az/openai/v1/chat/completions").unwrap();
        assert_eq!(r.upstream_path, "/openai/v1/chat/completions");
        assert_eq!(p.kind.model_in_path(&r.endpoint), None);
        assert_eq!(
            p.kind.model_in_path("/openai/deployments/gpt4o/chat/completions"),
            Some("gpt4o")
        );
    }

    #[test]
    fn azure_config_errors_name_the_field() {
        for (doc, field) in [
            (r#""az":{"kind":"azure_openai"}"#, "providers.az.base_url"),
            (
                r#""az":{"kind":"azure_openai","base_url":"https://r.openai.azure.com","api_version":"a b"}"#,
                "providers.az.api_version",
            ),
            (r#""o":{"kind":"openai","api_version":"2024-10-21"}"#, "providers.o.api_version"),
            (
                r#""m":{"kind":"mistral","inject_stream_usage":true}"#,
                "providers.m.inject_stream_usage",
            ),
            (r#""g":{"kind":"palm"}"#, "providers.g.kind"),
            (
                r#""g":{"kind":"gemini","fallback":[{"provider":"a"}]},"a":{"kind":"anthropic"}"#,
                "providers.g.fallback[0].provider",
            ),
        ] {
            let d = format!(r#"{{"version":1,"providers":{{{doc}}}}}"#);
            let e = Config::parse(d.as_bytes(), &|_| None).err().unwrap_or_else(|| panic!("{doc}"));
            assert_eq!(e.field, field, "{e}");
        }
        let d = r#"{"version":1,"providers":{"g":{"kind":"palm"}}}"#;
        let e = Config::parse(d.as_bytes(), &|_| None).err().unwrap();
        assert!(e.message.contains("azure_openai") && e.message.contains("groq"), "{e}");
    }

    #[test]
    fn gemini_routes_with_its_key_header_model_and_stream_in_the_path() {
        let c =
            cfg(r#""gemini":{"kind":"gemini","api_key":{"env":"K"}},"gpass":{"kind":"gemini"}"#);
        let p = c.provider("gemini").unwrap();
        assert_eq!(p.authority, "generativelanguage.googleapis.com");
        assert_eq!(p.chat_path, "/v1beta/models");
        let (set, remove) = provider_auth(p, None);
        assert_eq!(set, vec![("x-goog-api-key", "sk-1".to_string())]);
        assert!(remove.contains(&"x-goog-api-key") && remove.contains(&"authorization"));
        // The client's key= goes when the gateway holds the key, stays otherwise.
        let r = resolve(
            &c,
            b"/gemini/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse&key=AIzaX",
        )
        .unwrap();
        assert_eq!(
            r.upstream_path,
            "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse"
        );
        assert_eq!(p.kind.model_in_path(&r.endpoint), Some("gemini-2.0-flash"));
        assert!(p.kind.streams_by_path(&r.endpoint));
        let r = resolve(&c, b"/gpass/v1beta/models/m:generateContent?key=AIzaX").unwrap();
        assert_eq!(r.upstream_path, "/v1beta/models/m:generateContent?key=AIzaX");
        assert!(!p.kind.streams_by_path(&r.endpoint));
        let e = resolve(&c, b"/gemini/v1beta/models/m:streamGenerateContent").unwrap_err();
        assert!(e.message.contains("alt=sse"), "{e:?}");
        assert_eq!(
            p.kind.chat_path_for(&p.chat_path, "gemini-2.0-flash", false).unwrap(),
            "/v1beta/models/gemini-2.0-flash:generateContent"
        );
        assert!(p.kind.chat_path_for(&p.chat_path, "m:countTokens", false).is_err());
        let allowed = |m: &str, e: &str| {
            crate::endpoints::check("gemini", p.kind.endpoints(), &[], None, m, e).is_ok()
        };
        for e in [
            "/v1beta/models/gemini-2.0-flash:generateContent",
            "/v1beta/models/gemini-2.0-flash:streamGenerateContent",
            "/v1beta/models/m:countTokens",
            "/v1beta/models/text-embedding-004:embedContent",
            "/v1beta/models/text-embedding-004:batchEmbedContents",
        ] {
            assert!(allowed("POST", e), "{e}");
        }
        assert!(allowed("GET", "/v1beta/models"));
        for e in [
            "/v1beta/models/:generateContent",
            "/v1beta/files",
            "/v1beta/cachedContents",
            "/v1beta/models/m:generateContentX",
        ] {
            assert!(!allowed("POST", e), "{e}");
        }
        // Not opened on other kinds.
        let o = cfg(r#""o":{"kind":"openai"}"#);
        let op = o.provider("o").unwrap();
        assert!(crate::endpoints::check(
            "o",
            op.kind.endpoints(),
            &[],
            None,
            "POST",
            "/v1beta/models/m:generateContent"
        )
        .is_err());
    }

    #[test]
    fn presets_have_base_urls_bearer_keys_and_overridable_urls() {
        let c = cfg(r#""groq":{"kind":"groq","api_key":{"env":"K"}},
               "mistral":{"kind":"mistral"},
               "or":{"kind":"openrouter","base_url":"http://127.0.0.1:9/api"}"#);
        let g = c.provider("groq").unwrap();
        assert_eq!((g.authority.as_str(), g.path_prefix.as_str()), ("api.groq.com", "/openai"));
        assert_eq!(g.chat_path, "/openai/v1/chat/completions");
        assert_eq!(provider_auth(g, None).0, vec![("authorization", "Bearer sk-1".to_string())]);
        assert!(g.inject_stream_usage && g.api_version.is_none());
        assert_eq!(g.kind.as_str(), "groq");
        let m = c.provider("mistral").unwrap();
        assert_eq!(m.authority, "api.mistral.ai");
        assert!(!m.inject_stream_usage && !m.kind.takes_stream_options());
        let o = c.provider("or").unwrap();
        assert_eq!(
            (o.authority.as_str(), o.chat_path.as_str()),
            ("127.0.0.1:9", "/api/v1/chat/completions")
        );
        let r = resolve(&c, b"/groq/v1/chat/completions").unwrap();
        assert_eq!(r.upstream_path, "/openai/v1/chat/completions");
    }
}
