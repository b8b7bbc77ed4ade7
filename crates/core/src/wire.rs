//! The translations between the wire formats (through `aigw-translate`): a
//! client's request in one provider's format sent to another provider, and
//! the answer brought back. What each format is lives in `formats`.

use aigw_translate as tr;

use crate::config::Provider;
use crate::errors::{ErrorCode, GatewayError};
use crate::formats::Format;
use crate::sse::SseParser;
use crate::usage::{EventUsage, StreamUsage, Usage};

/// A request ready for a provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outbound {
    pub path: String,
    pub body: Vec<u8>,
}

/// The client's chat request (`body`, in `client` format) as `provider`
/// takes it, asking for `model`; `stream`: the client asked for a stream
/// (Gemini's path names it, and its clients' bodies do not).
pub fn request_for(
    provider: &Provider,
    client: Format,
    body: &[u8],
    model: &str,
    stream: bool,
) -> Result<Outbound, GatewayError> {
    let target = provider.kind.format();
    let path = provider.kind.chat_path_for(&provider.chat_path, model, stream)?;
    let opts = tr::RequestOptions {
        default_max_tokens: provider.translate.default_max_tokens,
        drop_unsupported: provider.translate.drop_unsupported,
        sampling: provider.translate.sampling,
        stream_usage: provider.kind.takes_stream_options(),
        stream,
        ..tr::RequestOptions::new(model)
    };
    let body = match (client, target) {
        (Format::OpenAi, Format::Bedrock) => {
            // The model and the operation are in Bedrock's path.
            let stream = tr::openai_stream_flags(body).0;
            let path = crate::bedrock::converse_path(&provider.chat_path, model, stream);
            let body = tr::openai_to_bedrock_request(body, &opts).map_err(translate_error)?;
            return Ok(Outbound { path, body });
        }
        (_, Format::Bedrock) | (Format::Bedrock, _) => {
            return Err(GatewayError::new(
                ErrorCode::InvalidRequest,
                "Bedrock Converse translates to and from OpenAI's chat format only",
            ))
        }
        (Format::OpenAi, Format::Anthropic) => tr::openai_to_anthropic_request(body, &opts),
        (Format::Anthropic, Format::OpenAi) => tr::anthropic_to_openai_request(body, &opts),
        (Format::OpenAi, Format::Gemini) => tr::openai_to_gemini_request(body, &opts),
        (Format::Gemini, Format::OpenAi) => tr::gemini_to_openai_request(body, &opts),
        // Gemini's model is in the path: the body stays as it is.
        (Format::Gemini, Format::Gemini) => Ok(body.to_vec()),
        (from, to) if !from.translates_to(to) => {
            return Err(GatewayError::new(
                ErrorCode::InvalidRequest,
                "Gemini requests translate to and from OpenAI's format only, not Anthropic's",
            ))
        }
        _ => return with_model(body, model).map(|b| Outbound { path, body: b }),
    }
    .map_err(translate_error)?;
    Ok(Outbound { path, body })
}

/// The same body with another `model` (same format on both sides).
pub fn with_model(body: &[u8], model: &str) -> Result<Vec<u8>, GatewayError> {
    let mut v: serde_json::Value = serde_json::from_slice(body).map_err(|e| {
        GatewayError::new(
            ErrorCode::InvalidJson,
            format!("the request body is not valid JSON: {e}"),
        )
    })?;
    match v.as_object_mut() {
        Some(o) => {
            o.insert("model".into(), serde_json::Value::String(model.to_string()));
        }
        None => {
            return Err(GatewayError::new(
                ErrorCode::InvalidRequest,
                "the request body must be a JSON object",
            ))
        }
    }
    serde_json::to_vec(&v).map_err(|e| GatewayError::new(ErrorCode::Internal, e.to_string()))
}

fn translate_error(e: tr::TranslateError) -> GatewayError {
    let field = e.field().map(|f| format!(" ({f})")).unwrap_or_default();
    GatewayError::new(ErrorCode::InvalidRequest, format!("{}{field}", e.message()))
}

/// How a client wants its answer.
#[derive(Debug, Clone)]
pub struct Answer {
    pub client: Format,
    pub stream: bool,
    /// OpenAI clients: `stream_options.include_usage` as the client sent it.
    pub include_usage: bool,
    /// The model name the client sees.
    pub model: String,
    /// Unix seconds for OpenAI's `created`.
    pub created: u64,
}

/// A whole provider answer (from a callout) for the client: body, content
/// type and the provider's usage.
pub fn answer_to_client(
    a: &Answer,
    upstream: Format,
    status: u16,
    body: &[u8],
) -> Result<(Vec<u8>, &'static str, Usage), GatewayError> {
    let bad_gateway = |m: String| GatewayError::new(ErrorCode::UpstreamFailed, m);
    if !(200..300).contains(&status) {
        let out = match (upstream, a.client) {
            (Format::Anthropic, Format::OpenAi) => tr::anthropic_error_to_openai(status, body),
            (Format::Bedrock, Format::OpenAi) => tr::bedrock_error_to_openai(status, body),
            (Format::OpenAi, Format::Anthropic) => tr::openai_error_to_anthropic(status, body),
            (Format::Gemini, Format::OpenAi) => tr::gemini_error_to_openai(status, body),
            (Format::OpenAi, Format::Gemini) => tr::openai_error_to_gemini(status, body),
            _ => body.to_vec(),
        };
        return Ok((out, "application/json", Usage::default()));
    }
    let ropts = tr::ResponseOptions { id: None, model: Some(a.model.clone()), created: a.created };
    if !a.stream {
        let usage = crate::usage::from_body(upstream.usage_reader(), body).unwrap_or_default();
        let out = match (upstream, a.client) {
            (Format::Anthropic, Format::OpenAi) => tr::anthropic_to_openai_response(body, &ropts),
            (Format::Bedrock, Format::OpenAi) => tr::bedrock_to_openai_response(body, &ropts),
            (Format::OpenAi, Format::Anthropic) => tr::openai_to_anthropic_response(body, &ropts),
            (Format::Gemini, Format::OpenAi) => tr::gemini_to_openai_response(body, &ropts),
            (Format::OpenAi, Format::Gemini) => tr::openai_to_gemini_response(body, &ropts),
            _ => Ok(body.to_vec()),
        }
        .map_err(|e| {
            bad_gateway(format!("the provider's answer could not be translated: {}", e.message()))
        })?;
        return Ok((out, "application/json", usage));
    }
    let mut stream = StreamTranslator::new(a, upstream);
    let mut out = stream.feed(body);
    out.extend(stream.finish());
    Ok((out, "text/event-stream", stream.usage()))
}

/// Rewrites a provider's event stream into the client's format, event by
/// event, reading the provider's usage on the way. Same format on both
/// sides: passes events through (dropping the usage chunk the gateway asked
/// for when the client did not).
pub struct StreamTranslator {
    parser: SseParser,
    /// Bedrock's binary event stream, decoded into events (else SSE).
    frames: Option<crate::eventstream::Decoder>,
    usage: StreamUsage,
    kind: StreamKind,
}

enum StreamKind {
    Same { strip_usage_chunk: bool },
    AnthropicToOpenAi(tr::AnthropicToOpenAiStream),
    OpenAiToAnthropic(tr::OpenAiToAnthropicStream),
    BedrockToOpenAi(tr::BedrockToOpenAiStream),
    GeminiToOpenAi(tr::GeminiToOpenAiStream),
    OpenAiToGemini(tr::OpenAiToGeminiStream),
}

impl StreamTranslator {
    pub fn new(a: &Answer, upstream: Format) -> Self {
        let kind = match (upstream, a.client) {
            (Format::Anthropic, Format::OpenAi) => {
                StreamKind::AnthropicToOpenAi(tr::AnthropicToOpenAiStream::new(tr::StreamOptions {
                    id: None,
                    model: Some(a.model.clone()),
                    created: a.created,
                    include_usage: a.include_usage,
                }))
            }
            (Format::Bedrock, Format::OpenAi) => {
                StreamKind::BedrockToOpenAi(tr::BedrockToOpenAiStream::new(tr::StreamOptions {
                    id: None,
                    model: Some(a.model.clone()),
                    created: a.created,
                    include_usage: a.include_usage,
                }))
            }
            (Format::OpenAi, Format::Anthropic) => StreamKind::OpenAiToAnthropic(
                tr::OpenAiToAnthropicStream::new(tr::ResponseOptions {
                    id: None,
                    model: Some(a.model.clone()),
                    created: a.created,
                }),
            ),
            (Format::Gemini, Format::OpenAi) => {
                StreamKind::GeminiToOpenAi(tr::GeminiToOpenAiStream::new(tr::StreamOptions {
                    id: None,
                    model: Some(a.model.clone()),
                    created: a.created,
                    include_usage: a.include_usage,
                }))
            }
            (Format::OpenAi, Format::Gemini) => {
                StreamKind::OpenAiToGemini(tr::OpenAiToGeminiStream::new(Some(a.model.clone())))
            }
            _ => StreamKind::Same {
                strip_usage_chunk: a.client.asks_stream_usage() && !a.include_usage,
            },
        };
        let frames =
            (upstream == Format::Bedrock).then(|| crate::eventstream::Decoder::new(1 << 20));
        StreamTranslator {
            frames,
            parser: SseParser::new(1 << 20),
            usage: StreamUsage::new(upstream.usage_reader()),
            kind,
        }
    }

    pub fn feed(&mut self, chunk: &[u8]) -> Vec<u8> {
        let events = match &mut self.frames {
            Some(d) => d.feed(chunk),
            None => self.parser.feed(chunk),
        };
        self.translate(events)
    }

    pub fn finish(&mut self) -> Vec<u8> {
        let events = if self.frames.is_some() { Vec::new() } else { self.parser.finish() };
        let mut out = self.translate(events);
        match &mut self.kind {
            StreamKind::Same { .. } => out.extend(self.parser.take_pending()),
            StreamKind::AnthropicToOpenAi(t) => out.extend(t.finish()),
            StreamKind::OpenAiToAnthropic(t) => out.extend(t.finish()),
            StreamKind::BedrockToOpenAi(t) => out.extend(t.finish()),
            StreamKind::GeminiToOpenAi(t) => out.extend(t.finish()),
            StreamKind::OpenAiToGemini(t) => out.extend(t.finish()),
        }
        out
    }

    fn translate(&mut self, events: Vec<crate::sse::SseEvent>) -> Vec<u8> {
        let mut out = Vec::new();
        for ev in events {
            let seen = self.usage.observe(&ev);
            match &mut self.kind {
                StreamKind::Same { strip_usage_chunk } => {
                    if !(*strip_usage_chunk && seen == EventUsage::UsageOnlyChunk) {
                        out.extend_from_slice(&ev.raw);
                    }
                }
                StreamKind::AnthropicToOpenAi(t) => {
                    out.extend(t.event(ev.event.as_deref(), &ev.data))
                }
                StreamKind::OpenAiToAnthropic(t) => {
                    out.extend(t.event(ev.event.as_deref(), &ev.data))
                }
                StreamKind::BedrockToOpenAi(t) => {
                    out.extend(t.event(ev.event.as_deref(), &ev.data))
                }
                StreamKind::GeminiToOpenAi(t) => out.extend(t.event(ev.event.as_deref(), &ev.data)),
                StreamKind::OpenAiToGemini(t) => out.extend(t.event(ev.event.as_deref(), &ev.data)),
            }
        }
        out
    }

    /// The provider's usage seen so far.
    pub fn usage(&self) -> Usage {
        self.usage.usage
    }
}

/// A provider's whole JSON answer (not a stream) for the client.
pub fn json_to_client(a: &Answer, upstream: Format, status: u16, body: &[u8]) -> Vec<u8> {
    match answer_to_client(&Answer { stream: false, ..a.clone() }, upstream, status, body) {
        Ok((out, _, _)) => out,
        Err(e) => e.body(a.client),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn config() -> Config {
        Config::parse(
            br#"{"version":1,"providers":{"openai":{"kind":"openai"},"anthropic":{"kind":"anthropic"},
                "local":{"kind":"openai_compatible","base_url":"http://h:1/v1"}}}"#,
            &|_| None,
        )
        .unwrap()
        .0
    }

    const CHAT: &[u8] = br#"{"model":"gpt-4o","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hi"}],"stream":true}"#;

    #[test]
    fn requests_for_each_provider() {
        let c = config();
        let a =
            request_for(c.provider("anthropic").unwrap(), Format::OpenAi, CHAT, "claude-x", true)
                .unwrap();
        assert_eq!(a.path, "/v1/messages");
        let v: serde_json::Value = serde_json::from_slice(&a.body).unwrap();
        assert_eq!(
            (v["model"].as_str(), v["system"].as_str(), v["stream"].as_bool()),
            (Some("claude-x"), Some("be brief"), Some(true))
        );
        assert!(v["max_tokens"].as_u64().is_some());
        let o =
            request_for(c.provider("openai").unwrap(), Format::OpenAi, CHAT, "gpt-4o-mini", true)
                .unwrap();
        assert_eq!(o.path, "/v1/chat/completions");
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&o.body).unwrap()["model"],
            "gpt-4o-mini"
        );
        let l =
            request_for(c.provider("local").unwrap(), Format::OpenAi, CHAT, "llama", true).unwrap();
        assert_eq!(l.path, "/v1/chat/completions");
        let bad = request_for(
            c.provider("anthropic").unwrap(),
            Format::OpenAi,
            br#"{"model":"m","messages":[],"n":3}"#,
            "c",
            false,
        );
        assert_eq!(bad.unwrap_err().code, ErrorCode::InvalidRequest);
    }

    #[test]
    fn answers_come_back_in_the_client_format() {
        let a = Answer {
            client: Format::OpenAi,
            stream: false,
            include_usage: false,
            model: "anthropic/claude-x".into(),
            created: 7,
        };
        let anthropic = br#"{"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[{"type":"text","text":"hello"}],"stop_reason":"end_turn","usage":{"input_tokens":3,"output_tokens":1}}"#;
        let (out, ct, usage) = answer_to_client(&a, Format::Anthropic, 200, anthropic).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            (ct, v["choices"][0]["message"]["content"].as_str()),
            ("application/json", Some("hello"))
        );
        assert_eq!(v["model"], "anthropic/claude-x");
        assert_eq!((usage.input_tokens, usage.output_tokens), (Some(3), Some(1)));
        let (err, _, _) = answer_to_client(
            &a,
            Format::Anthropic,
            529,
            br#"{"type":"error","error":{"type":"overloaded_error","message":"busy"}}"#,
        )
        .unwrap();
        assert!(serde_json::from_slice::<serde_json::Value>(&err).unwrap()["error"]["message"]
            .is_string());
    }

    #[test]
    fn streams_translate_at_every_split() {
        let a = Answer {
            client: Format::OpenAi,
            stream: true,
            include_usage: true,
            model: "m".into(),
            created: 1,
        };
        let stream: &[u8] = b"event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"c\",\"content\":[],\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\nevent: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\nevent: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi there\"}}\n\nevent: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\nevent: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":2}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        let whole = {
            let mut t = StreamTranslator::new(&a, Format::Anthropic);
            let mut o = t.feed(stream);
            o.extend(t.finish());
            assert_eq!((t.usage().input_tokens, t.usage().output_tokens), (Some(5), Some(2)));
            o
        };
        let text = String::from_utf8(whole.clone()).unwrap();
        assert!(text.contains("Hi there") && text.ends_with("data: [DONE]\n\n"), "{text}");
        for i in 0..=stream.len() {
            let mut t = StreamTranslator::new(&a, Format::Anthropic);
            let mut o = t.feed(&stream[..i]);
            o.extend(t.feed(&stream[i..]));
            o.extend(t.finish());
            assert_eq!(o, whole, "split at {i}");
        }
    }
}
