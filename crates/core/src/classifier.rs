//! An external guardrail classifier reached over an HTTP callout: an
//! OpenAI-moderations-style endpoint, or a Llama Guard model behind an
//! OpenAI-compatible chat endpoint. The request and answer formats are
//! `aigw-dlp`'s; this is the config and the call.

use aigw_config_error::ConfigError;
use aigw_dlp::classifier::{llama_guard, moderation};
use aigw_dlp::Category;
use serde::Deserialize;

use crate::secret::{RawSecretRef, Secret};

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    OpenaiModeration,
    LlamaGuard,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum OnError {
    Open,
    Closed,
}

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawClassifier {
    pub kind: Kind,
    pub cluster: String,
    #[serde(default)]
    pub authority: Option<String>,
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub model: Option<String>,
    #[serde(default)]
    pub api_key: Option<RawSecretRef>,
    #[serde(default = "default_timeout")]
    pub timeout_ms: u32,
    #[serde(default = "default_on_error")]
    pub on_error: OnError,
    #[serde(default = "default_threshold")]
    pub threshold: f64,
    /// Classify prompts (`request`) and/or non-streamed answers (`response`).
    #[serde(default = "default_apply")]
    pub apply_to: Vec<crate::action::RawDirection>,
    /// What a flagged category does: `block` (default) or `flag`.
    #[serde(default = "default_action")]
    pub action: crate::action::Action,
    /// Llama Guard: send the full prompt instead of relying on the server's
    /// chat template.
    #[serde(default)]
    pub explicit_prompt: bool,
}

fn default_timeout() -> u32 {
    500
}
fn default_on_error() -> OnError {
    OnError::Open
}
fn default_threshold() -> f64 {
    0.5
}
fn default_apply() -> Vec<crate::action::RawDirection> {
    vec![crate::action::RawDirection::Request]
}
fn default_action() -> crate::action::Action {
    crate::action::Action::Block
}

#[derive(Debug, Clone)]
pub struct Classifier {
    pub kind: Kind,
    pub cluster: String,
    pub authority: String,
    pub path: String,
    pub model: Option<String>,
    pub api_key: Option<Secret>,
    pub timeout_ms: u32,
    pub on_error: OnError,
    pub threshold: f64,
    pub requests: bool,
    pub responses: bool,
    pub action: crate::action::Action,
    pub explicit_prompt: bool,
}

/// Longest text sent to a classifier (a prompt's tail beyond it is not
/// classified remotely; the built-in rules still see all of it).
pub const MAX_TEXT: usize = 64 * 1024;

impl Classifier {
    pub fn compile(
        raw: &RawClassifier,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Classifier, ConfigError> {
        let e = |f: &str, m: &str| ConfigError::new(f, m);
        if raw.cluster.is_empty() {
            return Err(e("cluster", "must name an Envoy cluster"));
        }
        if raw.timeout_ms == 0 || raw.timeout_ms > 60_000 {
            return Err(e("timeout_ms", "must be between 1 and 60000"));
        }
        if !(0.0..=1.0).contains(&raw.threshold) {
            return Err(e("threshold", "must be between 0 and 1"));
        }
        if raw.kind == Kind::LlamaGuard && raw.model.is_none() {
            return Err(e("model", "required for llama_guard"));
        }
        if !matches!(raw.action, crate::action::Action::Block | crate::action::Action::Flag) {
            return Err(e("action", "block or flag"));
        }
        let path = raw.path.clone().unwrap_or_else(|| match raw.kind {
            Kind::OpenaiModeration => "/v1/moderations".into(),
            Kind::LlamaGuard => "/v1/chat/completions".into(),
        });
        if !path.starts_with('/') {
            return Err(e("path", "must start with '/'"));
        }
        let api_key = match &raw.api_key {
            Some(r) => Some(Secret::from_env(&r.env, env).ok_or_else(|| {
                e("api_key.env", &format!("environment variable {} is not set", r.env))
            })?),
            None => None,
        };
        Ok(Classifier {
            kind: raw.kind,
            authority: raw.authority.clone().unwrap_or_else(|| raw.cluster.clone()),
            cluster: raw.cluster.clone(),
            path,
            model: raw.model.clone(),
            api_key,
            timeout_ms: raw.timeout_ms,
            on_error: raw.on_error,
            threshold: raw.threshold,
            requests: raw.apply_to.contains(&crate::action::RawDirection::Request),
            responses: raw.apply_to.contains(&crate::action::RawDirection::Response),
            action: raw.action,
            explicit_prompt: raw.explicit_prompt,
        })
    }

    /// The request body for `text` (a prompt, or an answer when `answer`).
    pub fn body(&self, text: &str, answer: bool) -> Vec<u8> {
        let text = truncate(text, MAX_TEXT);
        match self.kind {
            Kind::OpenaiModeration => moderation::request_body(text, self.model.as_deref()),
            Kind::LlamaGuard => {
                let role = if answer { llama_guard::Role::Agent } else { llama_guard::Role::User };
                llama_guard::request_body(
                    self.model.as_deref().unwrap_or_default(),
                    role,
                    text,
                    self.explicit_prompt,
                )
            }
        }
        .into_bytes()
    }

    /// The categories flagged, or why the answer is unusable.
    pub fn parse(&self, status: Option<u16>, body: &[u8]) -> Result<Vec<Category>, String> {
        match status {
            Some(200) => {}
            Some(s) => return Err(format!("classifier answered status {s}")),
            None => return Err("classifier did not answer (reset, timeout or no cluster)".into()),
        }
        match self.kind {
            Kind::OpenaiModeration => moderation::parse_response(body, self.threshold)
                .map(|flags| flags.into_iter().map(|f| f.category).collect())
                .map_err(|e| e.to_string()),
            Kind::LlamaGuard => {
                llama_guard::parse_response(body).map(|v| v.categories()).map_err(|e| e.to_string())
            }
        }
    }
}

/// At most `max` bytes, cut on a character boundary.
fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}
