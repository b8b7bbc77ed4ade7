//! The wire formats the gateway speaks, one module each: what a format's
//! request bodies, answers, usage, streams and errors look like, and how a
//! provider of that format is reached (chat path, auth headers). The flow
//! asks [`Format`] and never matches on a provider kind; a new format is a
//! new module here and a variant below (translations live in `wire`).

pub mod anthropic;
pub mod bedrock;
pub mod events;
pub mod gemini;
pub mod openai;

use serde_json::Value;

use crate::errors::GatewayError;
use crate::headers::Headers;
use crate::request_body::RequestSummary;
use crate::usage::Reader;

/// A chat API format: OpenAI Chat Completions (and the OpenAI-style APIs
/// around it), Anthropic Messages or Bedrock Converse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    OpenAi,
    Anthropic,
    Bedrock,
    /// Google's Gemini API (`generateContent`).
    Gemini,
}

// Each format renders the gateway's errors (`errors` knows no format).
impl GatewayError {
    /// The JSON body in the client's format.
    pub fn body(&self, format: Format) -> Vec<u8> {
        serde_json::to_vec(&format.error_body(self)).unwrap_or_default()
    }

    /// Headers the client's format puts beside the body (Bedrock's error
    /// type).
    pub fn format_headers(&self, format: Format) -> Option<(&'static str, &'static str)> {
        (format == Format::Bedrock)
            .then(|| (bedrock::ERROR_TYPE_HEADER, bedrock::error_type(self.status())))
    }
}

impl Format {
    pub const ALL: [Format; 4] =
        [Format::OpenAi, Format::Anthropic, Format::Bedrock, Format::Gemini];

    /// Whether a chat request in this format can be translated for a
    /// provider of `to`'s (`wire` translates; config checks fallback chains).
    pub fn translates_to(self, to: Format) -> bool {
        !matches!(
            (self, to),
            (Format::Gemini, Format::Anthropic) | (Format::Anthropic, Format::Gemini)
        )
    }

    /// The path suffixes of the endpoints that take a JSON request the
    /// gateway must inspect.
    pub fn inference_endpoints(self) -> &'static [&'static str] {
        match self {
            Format::OpenAi => openai::INFERENCE_ENDPOINTS,
            Format::Anthropic => anthropic::INFERENCE_ENDPOINTS,
            Format::Bedrock => bedrock::INFERENCE_ENDPOINTS,
            Format::Gemini => gemini::INFERENCE_ENDPOINTS,
        }
    }

    /// The chat API an endpoint path belongs to, if any.
    pub fn of_endpoint(endpoint: &str) -> Option<Format> {
        let e = endpoint.trim_end_matches('/');
        if e.ends_with(openai::CHAT_ENDPOINT) {
            Some(Format::OpenAi)
        } else if e.ends_with(anthropic::CHAT_ENDPOINT) {
            Some(Format::Anthropic)
        } else if bedrock::is_chat_endpoint(e) {
            Some(Format::Bedrock)
        } else if gemini::is_chat_endpoint(e) {
            Some(Format::Gemini)
        } else {
            None
        }
    }

    /// The format for errors before a route is known.
    pub fn guess(path: &[u8], h: &Headers) -> Format {
        if anthropic::looks_like(path, h) {
            Format::Anthropic
        } else if bedrock::looks_like(path) {
            Format::Bedrock
        } else if gemini::looks_like(path, h) {
            Format::Gemini
        } else {
            Format::OpenAi
        }
    }

    /// The JSON body of a gateway error.
    pub fn error_body(self, e: &GatewayError) -> Value {
        match self {
            Format::OpenAi => openai::error_body(e),
            Format::Anthropic => anthropic::error_body(e),
            Format::Bedrock => bedrock::error_body(e),
            Format::Gemini => gemini::error_body(e),
        }
    }

    /// The event that ends a stream with a gateway error: its `event:` name
    /// and data. `typed_errors`: the stream's errors are typed events
    /// (OpenAI's Responses API, [`events::EventType::typed_errors`]).
    pub fn error_event(
        self,
        e: &GatewayError,
        typed_errors: bool,
    ) -> (Option<&'static str>, Value) {
        match self {
            Format::OpenAi => openai::error_event(e, typed_errors),
            Format::Anthropic => anthropic::error_event(e),
            Format::Bedrock => bedrock::error_event(e),
            Format::Gemini => gemini::error_event(e),
        }
    }

    /// Usage as this format reports it.
    pub fn usage_reader(self) -> Reader {
        let read = match self {
            Format::OpenAi => openai::usage,
            Format::Anthropic => anthropic::usage,
            Format::Bedrock => bedrock::usage,
            Format::Gemini => gemini::usage,
        };
        Reader { read, usage_only_chunks: self.asks_stream_usage() }
    }

    /// Whether streams report usage only when the request asks for it (the
    /// gateway then asks, and hides the usage-only chunk from clients that
    /// did not).
    pub fn asks_stream_usage(self) -> bool {
        match self {
            Format::OpenAi => true,
            Format::Anthropic | Format::Bedrock | Format::Gemini => false,
        }
    }

    /// The request body asking the provider to report usage on a stream,
    /// or None when there is nothing to change.
    pub fn with_stream_usage(self, body: &[u8], summary: &RequestSummary) -> Option<Vec<u8>> {
        match self {
            Format::OpenAi => openai::with_stream_usage(body, summary),
            Format::Anthropic | Format::Bedrock | Format::Gemini => None,
        }
    }

    /// What this format's streamed events say to the DLP stream guard
    /// (`events` joins every format's).
    pub const fn stream_events(self) -> &'static events::StreamEvents {
        match self {
            Format::OpenAi => &openai::STREAM_EVENTS,
            Format::Anthropic => &anthropic::STREAM_EVENTS,
            Format::Bedrock => &bedrock::STREAM_EVENTS,
            Format::Gemini => &gemini::STREAM_EVENTS,
        }
    }

    /// What an event `type` of this format says (default: nothing, e.g.
    /// Gemini's untyped chunks).
    pub fn event_type(self, t: &str) -> events::EventType {
        match self {
            Format::OpenAi => openai::event_type(t),
            Format::Anthropic => anthropic::event_type(t),
            Format::Bedrock => bedrock::event_type(t),
            Format::Gemini => events::EventType::default(),
        }
    }

    /// The bytes a complete stream of this format contains.
    pub fn stream_end(self) -> &'static [u8] {
        match self {
            Format::OpenAi => openai::STREAM_END,
            Format::Anthropic => anthropic::STREAM_END,
            Format::Bedrock => bedrock::STREAM_END,
            Format::Gemini => gemini::STREAM_END,
        }
    }

    /// The headers that carry a provider key in this format.
    pub fn auth_headers(self, key: &str) -> Vec<(&'static str, String)> {
        match self {
            Format::OpenAi => openai::auth_headers(key),
            Format::Anthropic => anthropic::auth_headers(key),
            // SigV4, over the final request (`bedrock::sign`).
            Format::Bedrock => Vec::new(),
            Format::Gemini => gemini::auth_headers(key),
        }
    }

    /// Headers a provider needs whoever holds the key, when the request has
    /// not set them (`has` tells whether it has).
    pub fn default_headers(
        self,
        api_version: &str,
        has: &dyn Fn(&str) -> bool,
    ) -> Vec<(&'static str, String)> {
        match self {
            Format::OpenAi | Format::Bedrock | Format::Gemini => Vec::new(),
            Format::Anthropic => anthropic::default_headers(api_version, has),
        }
    }
}

/// The client headers that could carry a key of any format or provider
/// kind (Azure's `api-key`, Gemini's `x-goog-api-key`): removed when the
/// gateway holds the key, so a client key never overrides it.
pub const AUTH_HEADERS: &[&str] = &["authorization", "x-api-key", "api-key", "x-goog-api-key"];

/// Every format's option headers (`OPTION_HEADERS` in each format's
/// module), sorted: what the cache key covers and what a retry to the same
/// provider carries. A test keeps it equal to the formats' own lists.
pub const OPTION_HEADERS: &[&str] = &[
    "anthropic-beta",
    "anthropic-version",
    "openai-beta",
    "openai-organization",
    "openai-project",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_headers_are_the_formats_own() {
        let mut all: Vec<&str> =
            [openai::OPTION_HEADERS, anthropic::OPTION_HEADERS, gemini::OPTION_HEADERS].concat();
        all.sort_unstable();
        assert_eq!(all, OPTION_HEADERS);
    }
}
