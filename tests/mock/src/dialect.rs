//! Providers that speak OpenAI's API with a difference, told apart by the
//! request's host (the gateway sends each provider's own authority, so
//! one mock serves them all):
//!
//! - Azure OpenAI (`*.openai.azure.com`): refuses a request without
//!   `api-key` (or `authorization`), and a dated-API path without
//!   `api-version`, as Azure does; the deployment in the path is the
//!   model; answers carry `prompt_filter_results` (streams in a first
//!   chunk without choices).
//! - Groq (`api.groq.com`): the last chunk of every stream carries
//!   `x_groq.usage`.
//! - Mistral (`api.mistral.ai`): refuses `stream_options` with a 422 and
//!   puts usage in the last chunk of every stream.
//! - DeepSeek (`api.deepseek.com`): usage adds `prompt_cache_hit_tokens`
//!   (half the prompt, rounded down) and `prompt_cache_miss_tokens`.

use hyper::http::request::Parts;
use hyper::StatusCode;

use crate::common::Output;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    OpenAi,
    Azure,
    Groq,
    Mistral,
    DeepSeek,
}

impl Dialect {
    pub fn for_host(host: Option<&str>) -> Dialect {
        let host = host.unwrap_or_default();
        let name = host.rsplit_once(':').map_or(host, |(h, _)| h);
        match name {
            "api.groq.com" => Dialect::Groq,
            "api.mistral.ai" => Dialect::Mistral,
            "api.deepseek.com" => Dialect::DeepSeek,
            h if h.ends_with(".openai.azure.com") => Dialect::Azure,
            _ => Dialect::OpenAi,
        }
    }

    /// What the provider refuses before it reads the request: an answer in
    /// its own error shape.
    pub fn refuse(self, parts: &Parts, body: &[u8]) -> Option<Output> {
        match self {
            Dialect::Azure => azure_refusal(parts),
            Dialect::Mistral => mistral_refusal(body),
            _ => None,
        }
    }

    /// The model a request names in its path (Azure's deployment).
    pub fn path_model(self, path: &str) -> Option<&str> {
        if self != Dialect::Azure {
            return None;
        }
        path.strip_prefix("/openai/deployments/")?.split('/').next().filter(|d| !d.is_empty())
    }
}

fn azure_refusal(parts: &Parts) -> Option<Output> {
    let h = &parts.headers;
    if h.get("api-key").is_none() && h.get("authorization").is_none() {
        return Some(Output::json(
            StatusCode::UNAUTHORIZED,
            br#"{"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."}}"#.to_vec(),
        ));
    }
    let path = parts.uri.path();
    let has_version = parts
        .uri
        .query()
        .is_some_and(|q| q.split('&').any(|kv| kv.split('=').next() == Some("api-version")));
    let dated = path.starts_with("/openai/") && !path.starts_with("/openai/v1/");
    if !path.starts_with("/openai/") || (dated && !has_version) {
        return Some(Output::json(
            StatusCode::NOT_FOUND,
            br#"{"error":{"code":"404","message":"Resource not found"}}"#.to_vec(),
        ));
    }
    None
}

fn mistral_refusal(body: &[u8]) -> Option<Output> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    v.get("stream_options")?;
    Some(Output::json(
        StatusCode::UNPROCESSABLE_ENTITY,
        br#"{"object":"error","message":{"detail":[{"type":"extra_forbidden","loc":["body","stream_options"],"msg":"Extra inputs are not permitted"}]},"type":"invalid_request_error","param":null,"code":null}"#.to_vec(),
    ))
}
