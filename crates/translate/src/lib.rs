//! Translation between the OpenAI Chat Completions format and the Anthropic
//! Messages and Google Gemini `generateContent` formats: requests,
//! responses, streams and error bodies, in both directions; and from OpenAI
//! to AWS Bedrock's Converse API and back (through the Anthropic mapping:
//! Converse is Messages under other names).
//!
//! The crate is pure: no proxy-wasm, no host calls, no clock, no randomness.
//! Every output is a function of the input bytes and the options (ids are
//! derived from the provider's ids or taken from the options, `created` is
//! passed in). The caller maps model names.
//!
//! | client speaks | provider speaks | request | response | stream |
//! |---|---|---|---|---|
//! | OpenAI | Anthropic | [`openai_to_anthropic_request`] | [`anthropic_to_openai_response`] | [`AnthropicToOpenAiStream`] |
//! | Anthropic | OpenAI | [`anthropic_to_openai_request`] | [`openai_to_anthropic_response`] | [`OpenAiToAnthropicStream`] |
//! | OpenAI | Bedrock Converse | [`openai_to_bedrock_request`] | [`bedrock_to_openai_response`] | [`BedrockToOpenAiStream`] |
//! | OpenAI | Gemini | [`openai_to_gemini_request`] | [`gemini_to_openai_response`] | [`GeminiToOpenAiStream`] |
//! | Gemini | OpenAI | [`gemini_to_openai_request`] | [`openai_to_gemini_response`] | [`OpenAiToGeminiStream`] |
//!
//! Error bodies: [`anthropic_error_to_openai`], [`openai_error_to_anthropic`],
//! [`bedrock_error_to_openai`], [`gemini_error_to_openai`], [`openai_error_to_gemini`].
//!
//! No input can make these functions panic (clippy denies the panicking
//! constructs outside tests; the tests feed garbage and adversarial JSON).
//! The mapping decisions, including what is lossy and what is refused, are
//! listed in the crate's README.md.

mod common;
mod error;
mod gemini_common;
mod gemini_request;
mod gemini_response;
mod gemini_stream;
mod json;
mod provider_errors;
mod request_a2o;
mod request_o2a;
mod request_o2b;
mod response;
mod response_b2o;
mod stream_a2o;
mod stream_o2a;

pub use error::TranslateError;
pub use gemini_common::{gemini_error_to_openai, google_status, openai_error_to_gemini};
pub use gemini_request::{gemini_to_openai_request, openai_to_gemini_request};
pub use gemini_response::{gemini_to_openai_response, openai_to_gemini_response};
pub use gemini_stream::{GeminiToOpenAiStream, OpenAiToGeminiStream};
pub use provider_errors::{anthropic_error_to_openai, openai_error_to_anthropic};
pub use request_a2o::anthropic_to_openai_request;
pub use request_o2a::openai_to_anthropic_request;
pub use request_o2b::openai_to_bedrock_request;
pub use response::{anthropic_to_openai_response, openai_to_anthropic_response};
pub use response_b2o::{
    bedrock_error_to_openai, bedrock_to_openai_response, BedrockToOpenAiStream,
};
pub use stream_a2o::AnthropicToOpenAiStream;
pub use stream_o2a::OpenAiToAnthropicStream;

/// Which field carries the output limit in a request sent to an
/// OpenAI-style provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MaxTokensField {
    /// `max_completion_tokens`: what OpenAI documents today; its reasoning
    /// models reject `max_tokens`.
    #[default]
    MaxCompletionTokens,
    /// `max_tokens`: for OpenAI-compatible servers that only know the old name.
    MaxTokens,
}

/// Which sampling parameters (`temperature`, `top_p`, `top_k`) a translated
/// request carries. Providers have been deprecating them model by model, and
/// a model that refuses one answers 400 to the whole request, so the caller,
/// who maps models, says what the target model takes. In every mode a `top_p`
/// of 1 or more is left out: it changes nothing, and leaving it out avoids
/// the "temperature and top_p together" refusal for clients that send the
/// defaults explicitly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sampling {
    /// Everything the client set (older Anthropic models, most OpenAI-style
    /// models).
    #[default]
    All,
    /// Temperature or top_p, not both (temperature wins; top_k passes): the
    /// Claude 4.5 generation refuses the two together.
    TemperatureOrTopP,
    /// None of them, silently: models that deprecated sampling parameters
    /// (newer Claude models answer "`temperature` is deprecated for this
    /// model"; OpenAI's reasoning models accept only the default).
    None,
}

/// Options of the request translations.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestOptions {
    /// The model the provider is asked for (the caller maps `provider/model`
    /// names); it replaces the client's `model`.
    pub model: String,
    /// OpenAI → Anthropic: `max_tokens` when the client set neither
    /// `max_tokens` nor `max_completion_tokens` (Anthropic requires it).
    pub default_max_tokens: u64,
    /// Drop what cannot be translated faithfully (a request field, a content
    /// part, a tool type) instead of answering
    /// [`TranslateError::Unsupported`]. Off by default: silently changing
    /// what a request means is worse than a clear 400. Malformed input is an
    /// error either way.
    pub drop_unsupported: bool,
    /// The sampling parameters the target model accepts.
    pub sampling: Sampling,
    /// Anthropic → OpenAI: the field `max_tokens` is written to.
    pub max_tokens_field: MaxTokensField,
    /// Anthropic → OpenAI: on streamed requests, ask the provider for usage
    /// (`stream_options.include_usage`), so that the translated stream ends
    /// with real token counts. Turn off only for servers that reject
    /// `stream_options`.
    pub stream_usage: bool,
    /// Gemini → OpenAI: the request streams (Gemini says so in the path,
    /// not the body).
    pub stream: bool,
}

impl RequestOptions {
    /// `default_max_tokens` 4096, nothing dropped, every sampling parameter
    /// passed, `max_completion_tokens`, stream usage requested.
    pub fn new(model: impl Into<String>) -> Self {
        RequestOptions {
            model: model.into(),
            default_max_tokens: 4096,
            drop_unsupported: false,
            sampling: Sampling::default(),
            max_tokens_field: MaxTokensField::default(),
            stream_usage: true,
            stream: false,
        }
    }
}

/// Options of the response and stream translations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseOptions {
    /// The response id. `None`: derived from the provider's id
    /// (`chatcmpl-{anthropic id}`, `msg_{openai id}`).
    pub id: Option<String>,
    /// The model reported to the client. `None`: the provider's.
    pub model: Option<String>,
    /// Unix seconds for OpenAI's `created` (the caller owns the clock).
    /// Unused towards Anthropic, whose messages carry no timestamp.
    pub created: u64,
}

/// Options of [`AnthropicToOpenAiStream`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StreamOptions {
    /// As in [`ResponseOptions`].
    pub id: Option<String>,
    /// As in [`ResponseOptions`].
    pub model: Option<String>,
    /// As in [`ResponseOptions`].
    pub created: u64,
    /// The client's `stream_options.include_usage`: end with a chunk that has
    /// `choices: []` and the usage, and put `"usage": null` on every other
    /// chunk, as OpenAI does.
    pub include_usage: bool,
}

impl From<&StreamOptions> for ResponseOptions {
    fn from(o: &StreamOptions) -> Self {
        ResponseOptions { id: o.id.clone(), model: o.model.clone(), created: o.created }
    }
}

/// Whether an OpenAI Chat Completions request body asks for a stream and for
/// usage on it (`stream`, `stream_options.include_usage`): what the caller
/// needs to pick the response translation and build [`StreamOptions`].
/// Anything unreadable counts as `false`.
pub fn openai_stream_flags(body: &[u8]) -> (bool, bool) {
    #[derive(serde::Deserialize)]
    struct Flags {
        #[serde(default)]
        stream: Option<bool>,
        #[serde(default)]
        stream_options: Option<StreamFlags>,
    }
    #[derive(serde::Deserialize)]
    struct StreamFlags {
        #[serde(default)]
        include_usage: Option<bool>,
    }
    match serde_json::from_slice::<Flags>(body) {
        Ok(f) => {
            let stream = f.stream.unwrap_or(false);
            let usage = f.stream_options.and_then(|o| o.include_usage).unwrap_or(false);
            (stream, stream && usage)
        }
        Err(_) => (false, false),
    }
}
