//! Types shared by the OpenAI and Anthropic handlers.

use hyper::body::Bytes;
use hyper::StatusCode;
use serde::{Deserialize, Serialize};

use crate::text::WordCounter;

/// Fixed `created` timestamp so responses are byte-for-byte deterministic.
pub const CREATED: u64 = 1_700_000_000;

/// What a handler produces; the server turns it into a response and applies
/// the stream-shaping faults (chunk delay, break-after).
pub enum Output {
    /// A complete body with its status and content type.
    Full { status: StatusCode, content_type: &'static str, body: Bytes },
    /// A 200 `text/event-stream` body, one element per SSE event.
    Sse(Vec<Bytes>),
    /// A scripted answer with its own headers ([`crate::faults::RawAnswer`]).
    Raw(crate::faults::RawAnswer),
    /// A 200 binary stream, one element per frame (Bedrock's event stream).
    Frames { content_type: &'static str, frames: Vec<Bytes> },
}

impl Output {
    pub fn json(status: StatusCode, body: Vec<u8>) -> Output {
        Output::Full { status, content_type: "application/json", body: Bytes::from(body) }
    }

    pub fn text(status: StatusCode, body: &'static str) -> Output {
        Output::Full {
            status,
            content_type: "text/plain; charset=utf-8",
            body: Bytes::from_static(body.as_bytes()),
        }
    }
}

/// An error to be rendered in the endpoint's error shape.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into() }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
}

impl From<serde_json::Error> for ApiError {
    // Only reachable when serialising our own response types fails, which
    // they cannot; kept so handlers can use `?` instead of unwrapping.
    fn from(e: serde_json::Error) -> ApiError {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("mock: failed to serialise response: {e}"),
        )
    }
}

/// Which provider's error shape an endpoint uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    OpenAi,
    Anthropic,
    Bedrock,
    Gemini,
}

impl Flavor {
    pub fn for_path(path: &str) -> Flavor {
        if path.ends_with("/messages") || path.ends_with("/messages/count_tokens") {
            Flavor::Anthropic
        } else if crate::bedrock::operation(path).is_some() {
            Flavor::Bedrock
        } else if crate::gemini::is_gemini(path) {
            Flavor::Gemini
        } else {
            Flavor::OpenAi
        }
    }

    pub fn error(self, err: &ApiError) -> Output {
        let body = match self {
            Flavor::OpenAi => crate::openai::error_body(err),
            Flavor::Anthropic => crate::anthropic::error_body(err),
            Flavor::Bedrock => crate::bedrock::error_body(err),
            Flavor::Gemini => crate::gemini::error_body(err),
        };
        Output::json(err.status, body)
    }
}

/// Per-request inputs to a provider handler besides the body.
pub struct Ctx<'a> {
    /// Record sequence number; used in response ids.
    pub seq: u64,
    pub body: &'a [u8],
    /// `x-mock-reply` (or a scripted rule's `reply`).
    pub reply: Option<&'a str>,
    /// `x-mock-tool-call` (or a scripted rule's `tool_call`).
    pub tool_call: Option<&'a ToolCall>,
    /// The provider the request was sent to (by its host).
    pub dialect: crate::dialect::Dialect,
    /// The model the path names (Azure's deployment).
    pub path_model: Option<&'a str>,
}

impl Ctx<'_> {
    /// Parses the request body, mapping errors to a 400.
    pub fn parse<'de, T: Deserialize<'de>>(&'de self) -> Result<T, ApiError> {
        serde_json::from_slice(self.body)
            .map_err(|e| ApiError::bad_request(format!("invalid request body: {e}")))
    }

    /// The reply text: the override if any, else `"mock: " + last_user`.
    pub fn reply_text(&self, last_user: Option<&Content>) -> String {
        if let Some(r) = self.reply {
            return r.to_owned();
        }
        let mut s = String::with_capacity(64);
        s.push_str("mock: ");
        if let Some(c) = last_user {
            c.for_each_text(|t| s.push_str(t));
        }
        s
    }
}

/// A forced tool call: `{"name": "...", "arguments": "<json string>"}`.
/// `arguments` may also be given as a JSON object; it is then serialised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawToolCall")]
pub struct ToolCall {
    pub name: String,
    pub arguments: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawToolCall {
    name: String,
    #[serde(default)]
    arguments: Option<serde_json::Value>,
}

impl TryFrom<RawToolCall> for ToolCall {
    type Error = String;

    fn try_from(raw: RawToolCall) -> Result<ToolCall, String> {
        let arguments = match raw.arguments {
            None | Some(serde_json::Value::Null) => "{}".to_owned(),
            Some(serde_json::Value::String(s)) => s,
            Some(v @ serde_json::Value::Object(_)) => v.to_string(),
            Some(_) => return Err("tool call `arguments` must be a string or an object".into()),
        };
        Ok(ToolCall { name: raw.name, arguments })
    }
}

/// Message content in either API: a plain string or a list of typed parts
/// (`{"type":"text","text":...}`; images, tool blocks etc. are ignored).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Content {
    Text(String),
    Parts(Vec<Part>),
}

#[derive(Debug, Deserialize)]
pub struct Part {
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub text: Option<String>,
}

impl Content {
    /// Calls `f` with each text fragment, in order.
    pub fn for_each_text(&self, mut f: impl FnMut(&str)) {
        match self {
            Content::Text(s) => f(s),
            Content::Parts(parts) => {
                for p in parts {
                    if p.kind == "text" {
                        if let Some(t) = &p.text {
                            f(t);
                        }
                    }
                }
            }
        }
    }

    /// Words of the text fragments joined by "".
    pub fn words(&self) -> u64 {
        let mut wc = WordCounter::default();
        self.for_each_text(|t| wc.feed(t));
        wc.count()
    }
}

/// Prompt tokens of a conversation: Σ (words + 3) over messages.
pub fn prompt_tokens<'a>(contents: impl Iterator<Item = Option<&'a Content>>) -> u64 {
    contents.map(|c| c.map_or(0, Content::words) + 3).sum()
}

/// A field that must be a JSON array (or null) but whose contents are
/// ignored, e.g. `tools`. Skips the elements without building values.
#[derive(Debug, Default)]
pub struct AnyArray;

impl<'de> Deserialize<'de> for AnyArray {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<AnyArray, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = AnyArray;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an array")
            }
            fn visit_unit<E>(self) -> Result<AnyArray, E> {
                Ok(AnyArray)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<AnyArray, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(AnyArray)
            }
        }
        d.deserialize_any(V)
    }
}
