//! Token usage as the provider reports it: in a JSON response body, or in the
//! events of a stream (OpenAI's last chunk, the Responses API's
//! `response.completed`, Anthropic's `message_start` and `message_delta`).

use serde::de::IgnoredAny;
use serde::Deserialize;

use crate::sse::SseEvent;

/// Tokens of one request. `input_tokens` counts all prompt tokens, cached
/// ones included (Anthropic reports those apart; they are added in).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    pub input_tokens: Option<u64>,
    pub output_tokens: Option<u64>,
    pub cached_input_tokens: Option<u64>,
}

impl Usage {
    /// Takes the newer figures where it has them (streams report in parts).
    pub fn merge(&mut self, newer: Usage) {
        if newer.input_tokens.is_some() {
            self.input_tokens = newer.input_tokens;
        }
        if newer.output_tokens.is_some() {
            self.output_tokens = newer.output_tokens;
        }
        if newer.cached_input_tokens.is_some() {
            self.cached_input_tokens = newer.cached_input_tokens;
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Usage::default()
    }
}

/// How one format reads usage: its own fields of [`RawUsage`], and
/// whether a chunk with no choices exists only to carry usage. Each format
/// gives its reader (`Format::usage_reader`); this module knows none.
#[derive(Debug, Clone, Copy)]
pub struct Reader {
    pub(crate) read: fn(&RawUsage) -> Usage,
    pub(crate) usage_only_chunks: bool,
}

/// Every usage field the formats report; each format reads its own.
#[derive(Deserialize, Default)]
pub(crate) struct RawUsage {
    pub prompt_tokens: Option<u64>,
    pub completion_tokens: Option<u64>,
    pub input_tokens: Option<u64>,
    pub output_tokens: Option<u64>,
    pub cache_creation_input_tokens: Option<u64>,
    pub cache_read_input_tokens: Option<u64>,
    pub prompt_tokens_details: Option<Details>,
    pub input_tokens_details: Option<Details>,
    /// DeepSeek's cached prompt tokens (a part of `prompt_tokens`).
    pub prompt_cache_hit_tokens: Option<u64>,
    /// Bedrock Converse's (camelCase) figures.
    #[serde(rename = "inputTokens")]
    pub input_tokens_aws: Option<u64>,
    #[serde(rename = "outputTokens")]
    pub output_tokens_aws: Option<u64>,
    #[serde(rename = "cacheReadInputTokens")]
    pub cache_read_input_tokens_aws: Option<u64>,
    #[serde(rename = "cacheWriteInputTokens")]
    pub cache_write_input_tokens_aws: Option<u64>,
    /// Gemini's `usageMetadata`.
    #[serde(rename = "promptTokenCount")]
    pub prompt_token_count: Option<u64>,
    #[serde(rename = "candidatesTokenCount")]
    pub candidates_token_count: Option<u64>,
    #[serde(rename = "cachedContentTokenCount")]
    pub cached_content_token_count: Option<u64>,
    #[serde(rename = "thoughtsTokenCount")]
    pub thoughts_token_count: Option<u64>,
    #[serde(rename = "toolUsePromptTokenCount")]
    pub tool_use_prompt_token_count: Option<u64>,
}

#[derive(Deserialize, Default)]
pub(crate) struct Details {
    pub cached_tokens: Option<u64>,
}

/// The parts of a response object or stream event that can carry usage.
#[derive(Deserialize, Default)]
struct Envelope {
    usage: Option<RawUsage>,
    /// Gemini's usage.
    #[serde(rename = "usageMetadata")]
    usage_metadata: Option<RawUsage>,
    /// Responses API: `response.completed` nests the response.
    response: Option<Box<Envelope>>,
    /// Anthropic `message_start` nests the message.
    message: Option<Box<Envelope>>,
    /// Groq reports a stream's usage in `x_groq.usage` on its last chunk.
    x_groq: Option<Box<Envelope>>,
    choices: Option<Vec<IgnoredAny>>,
}

impl Envelope {
    fn usage(&self, reader: Reader) -> Option<Usage> {
        if let Some(u) = self.usage.as_ref().or(self.usage_metadata.as_ref()) {
            return Some((reader.read)(u));
        }
        self.response
            .as_deref()
            .or(self.message.as_deref())
            .or(self.x_groq.as_deref())
            .and_then(|e| e.usage(reader))
    }
}

/// Usage from a complete JSON response body: the usage object found by its
/// key and read alone, without a walk through the answer's content (most
/// of the body, on every request). Providers put it at the top level, most
/// of them last.
pub fn from_body(reader: Reader, body: &[u8]) -> Option<Usage> {
    let value = key_value(body, b"\"usage\"").or_else(|| key_value(body, b"\"usageMetadata\""))?;
    let raw = match flat::read(value) {
        Some(raw) => raw,
        None => Option::<RawUsage>::deserialize(&mut serde_json::Deserializer::from_slice(value))
            .ok()??,
    };
    Some((reader.read)(&raw))
}

/// The usage object as every provider sends it (integers, nulls, plain
/// strings and flat objects of those) read without serde's derived
/// visitor, a fifth of a plain request's compute in V8. Anything else (a
/// float, an escape, an array, a repeated field) is None: serde reads it
/// then, and decides as it always has.
mod flat {
    use super::{Details, RawUsage};

    enum Value<'a> {
        Int(u64),
        Null,
        /// A string (its text is not needed).
        Text,
        Object(&'a [u8]),
    }

    pub(super) fn read(text: &[u8]) -> Option<RawUsage> {
        let mut raw = RawUsage::default();
        each_member(text, |key, value| {
            let details_slot = match key {
                b"prompt_tokens_details" => Some(&mut raw.prompt_tokens_details),
                b"input_tokens_details" => Some(&mut raw.input_tokens_details),
                _ => None,
            };
            if let Some(slot) = details_slot {
                return match value {
                    Value::Object(inner) => set_once(slot, details(inner)?),
                    Value::Null => set_once(slot, None),
                    // serde refuses it (not an object).
                    _ => None,
                };
            }
            let slot = match key {
                b"prompt_tokens" => &mut raw.prompt_tokens,
                b"completion_tokens" => &mut raw.completion_tokens,
                b"input_tokens" => &mut raw.input_tokens,
                b"output_tokens" => &mut raw.output_tokens,
                b"cache_creation_input_tokens" => &mut raw.cache_creation_input_tokens,
                b"cache_read_input_tokens" => &mut raw.cache_read_input_tokens,
                b"prompt_cache_hit_tokens" => &mut raw.prompt_cache_hit_tokens,
                b"inputTokens" => &mut raw.input_tokens_aws,
                b"outputTokens" => &mut raw.output_tokens_aws,
                b"cacheReadInputTokens" => &mut raw.cache_read_input_tokens_aws,
                b"cacheWriteInputTokens" => &mut raw.cache_write_input_tokens_aws,
                b"promptTokenCount" => &mut raw.prompt_token_count,
                b"candidatesTokenCount" => &mut raw.candidates_token_count,
                b"cachedContentTokenCount" => &mut raw.cached_content_token_count,
                b"thoughtsTokenCount" => &mut raw.thoughts_token_count,
                b"toolUsePromptTokenCount" => &mut raw.tool_use_prompt_token_count,
                // Not read: anything flat.
                _ => return Some(()),
            };
            match value {
                Value::Int(n) => set_once(slot, Some(n)),
                Value::Null => set_once(slot, None),
                // serde refuses it (not an integer).
                _ => None,
            }
        })?;
        Some(raw)
    }

    fn details(text: &[u8]) -> Option<Option<Details>> {
        let mut d = Details::default();
        each_member(text, |key, value| match (key, value) {
            (b"cached_tokens", Value::Int(n)) => set_once(&mut d.cached_tokens, Some(n)),
            (b"cached_tokens", Value::Null) => set_once(&mut d.cached_tokens, None),
            (b"cached_tokens", _) | (_, Value::Object(_)) => None,
            _ => Some(()),
        })?;
        Some(Some(d))
    }

    /// A field seen twice is serde's error to report.
    fn set_once<T>(slot: &mut Option<T>, value: Option<T>) -> Option<()> {
        if slot.is_some() {
            return None;
        }
        *slot = value;
        Some(())
    }

    /// Calls `f` on each member of the object `text` starts with; an
    /// object value is handed over whole (flat: no object or array inside).
    fn each_member<'a>(
        text: &'a [u8],
        mut f: impl FnMut(&'a [u8], Value<'a>) -> Option<()>,
    ) -> Option<()> {
        let mut s = text.trim_ascii_start().strip_prefix(b"{")?.trim_ascii_start();
        if s.starts_with(b"}") {
            return Some(());
        }
        loop {
            let (key, rest) = string(s)?;
            s = rest.trim_ascii_start().strip_prefix(b":")?.trim_ascii_start();
            let (value, rest) = value(s)?;
            f(key, value)?;
            s = rest.trim_ascii_start();
            match s.split_first()? {
                (b',', rest) => s = rest.trim_ascii_start(),
                (b'}', _) => return Some(()),
                _ => return None,
            }
        }
    }

    /// A string without escapes, and what follows it.
    fn string(s: &[u8]) -> Option<(&[u8], &[u8])> {
        let rest = s.strip_prefix(b"\"")?;
        let end = rest.iter().position(|&b| b == b'"' || b == b'\\')?;
        let (inner, after) = rest.split_at(end);
        Some((inner, after.strip_prefix(b"\"")?))
    }

    fn value(s: &[u8]) -> Option<(Value<'_>, &[u8])> {
        match s.first()? {
            b'"' => string(s).map(|(_, rest)| (Value::Text, rest)),
            b'n' => s.strip_prefix(b"null").map(|rest| (Value::Null, rest)),
            b'{' => {
                // Flat: its end is the first '}' outside a string, and no
                // '{' or '[' comes before it (strings have no escapes).
                let mut in_string = false;
                for (i, &b) in s.iter().enumerate().skip(1) {
                    match b {
                        b'\\' => return None,
                        b'"' => in_string = !in_string,
                        b'{' | b'[' if !in_string => return None,
                        b'}' if !in_string => {
                            let end = i.checked_add(1)?;
                            return Some((Value::Object(s.get(..end)?), s.get(end..)?));
                        }
                        _ => {}
                    }
                }
                None
            }
            _ => {
                let digits = s.iter().take_while(|b| b.is_ascii_digit()).count();
                let (num, rest) = s.split_at(digits);
                // A float, a sign, `true`: serde's to read.
                if digits == 0 || rest.first().is_some_and(|b| matches!(b, b'.' | b'e' | b'E')) {
                    return None;
                }
                let n = num.iter().try_fold(0u64, |n, d| {
                    n.checked_mul(10)?.checked_add(u64::from(d.wrapping_sub(b'0')))
                })?;
                Some((Value::Int(n), rest))
            }
        }
    }
}

/// The model an answer names (`"model"`, Gemini's `"modelVersion"`), for
/// a request whose body the gateway did not read: found by its key, as the
/// usage is, from the start: answers name it among their first keys (an
/// event stream's events, Anthropic's `message_start` one level down).
pub fn model_from_body(body: &[u8]) -> Option<String> {
    let value = first_key_value(body, b"\"model\"")
        .or_else(|| first_key_value(body, b"\"modelVersion\""))?;
    let value = value.trim_ascii_start();
    // A plain string (no escapes, as model names are) is taken as it is.
    let plain = value.strip_prefix(b"\"").and_then(|rest| {
        let end = rest.iter().position(|&b| b == b'"' || b == b'\\')?;
        (rest.get(end) == Some(&b'"')).then(|| rest.get(..end)).flatten()
    });
    let bounded = match plain {
        Some(raw) => crate::log_record::bounded_text(raw, MAX_MODEL),
        None => {
            let de = &mut serde_json::Deserializer::from_slice(value);
            let model = Option::<String>::deserialize(de).ok()??;
            crate::log_record::bounded_text(model.as_bytes(), MAX_MODEL)
        }
    };
    (!bounded.is_empty()).then_some(bounded)
}

/// Bound on a model name read from an answer (for the log and metrics).
const MAX_MODEL: usize = 256;

/// What follows the last `"key":` of the text. Quoted and after `{` or `,`
/// it is a key wherever it stands: inside a string its quotes would be
/// escaped, and a string value is not followed by `:`.
fn key_value<'a>(text: &'a [u8], quoted_key: &[u8]) -> Option<&'a [u8]> {
    let mut end = text.len();
    while let Some(at) = text.get(..end)?.iter().rposition(|&b| b == b'"') {
        end = at;
        let start = at.checked_add(1).and_then(|a| a.checked_sub(quoted_key.len()))?;
        if text.get(start..=at) != Some(quoted_key) {
            continue;
        }
        let before = text.get(..start).unwrap_or_default().trim_ascii_end().last();
        let after = text.get(at.saturating_add(1)..).unwrap_or_default().trim_ascii_start();
        if let (Some(b'{' | b','), Some(value)) = (before, after.strip_prefix(b":")) {
            return Some(value);
        }
        end = start;
    }
    None
}

/// What follows the first `"key":` of the text (see [`key_value`]).
fn first_key_value<'a>(text: &'a [u8], quoted_key: &[u8]) -> Option<&'a [u8]> {
    let mut from = 0;
    while let Some(i) = text.get(from..)?.iter().position(|&b| b == b'"') {
        let at = from.saturating_add(i);
        from = at.saturating_add(1);
        let end = at.saturating_add(quoted_key.len());
        if text.get(at..end) != Some(quoted_key) {
            continue;
        }
        let before = text.get(..at).unwrap_or_default().trim_ascii_end().last();
        let after = text.get(end..).unwrap_or_default().trim_ascii_start();
        if let (Some(b'{' | b','), Some(value)) = (before, after.strip_prefix(b":")) {
            return Some(value);
        }
    }
    None
}

/// Collects usage across the events of one stream.
#[derive(Debug, Clone)]
pub struct StreamUsage {
    reader: Reader,
    pub usage: Usage,
}

/// What an observed event was, as far as usage goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventUsage {
    None,
    /// Carried usage alongside content.
    Usage,
    /// An OpenAI chunk with no choices that exists only to carry usage
    /// (what `stream_options.include_usage` adds at the end).
    UsageOnlyChunk,
}

impl StreamUsage {
    pub fn new(reader: Reader) -> Self {
        StreamUsage { reader, usage: Usage::default() }
    }

    pub fn observe(&mut self, event: &SseEvent) -> EventUsage {
        // `"usage"` and Gemini's `"usageMetadata"`; OpenAI's chunks carry
        // `"usage":null` until the last one: not worth a parse.
        if !mentions_usage(&event.data) {
            return EventUsage::None;
        }
        let Ok(env) = serde_json::from_slice::<Envelope>(&event.data) else {
            return EventUsage::None;
        };
        let Some(u) = env.usage(self.reader) else {
            return EventUsage::None;
        };
        self.usage.merge(u);
        match (&env.choices, &env.usage) {
            (Some(c), Some(_)) if c.is_empty() && self.reader.usage_only_chunks => {
                EventUsage::UsageOnlyChunk
            }
            _ => EventUsage::Usage,
        }
    }
}

/// Whether the text holds a `"usage…` key whose value may be usage: any
/// occurrence but `"usage": null`. A scan for the quote's next byte, not a
/// comparison at every offset.
fn mentions_usage(data: &[u8]) -> bool {
    const KEY: &[u8] = b"\"usage";
    let mut from = 0;
    while let Some(at) = data.get(from..).and_then(|s| s.iter().position(|&b| b == b'"')) {
        let at = from.saturating_add(at);
        from = at.saturating_add(1);
        if data.get(at..at.saturating_add(KEY.len())) != Some(KEY) {
            continue;
        }
        let rest = data.get(at.saturating_add(KEY.len())..).unwrap_or_default();
        if !is_null_value(rest) {
            return true;
        }
    }
    false
}

/// `rest` starts right after `"usage`: is it `": null` (spaces allowed)?
fn is_null_value(rest: &[u8]) -> bool {
    let Some(rest) = rest.strip_prefix(b"\"") else { return false };
    let rest = rest.trim_ascii_start();
    let Some(rest) = rest.strip_prefix(b":") else { return false };
    rest.trim_ascii_start().starts_with(b"null")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::Format;
    use crate::sse::SseParser;

    #[test]
    fn only_events_that_may_carry_usage_are_parsed() {
        for yes in [
            &br#"{"usage":{"prompt_tokens":1}}"#[..],
            br#"{"choices":[],"usage" : {"total_tokens":2}}"#,
            br#"{"usageMetadata":{"promptTokenCount":3}}"#,
            br#"{"a":""usage","usage":{}}"#,
        ] {
            assert!(mentions_usage(yes), "{}", String::from_utf8_lossy(yes));
        }
        for no in [
            &br#"{"choices":[{"delta":{"content":"hi"}}],"usage":null}"#[..],
            br#"{"usage" :  null}"#,
            br#"{"choices":[]}"#,
            b"",
            br#"""#,
        ] {
            assert!(!mentions_usage(no), "{}", String::from_utf8_lossy(no));
        }
    }

    #[test]
    fn openai_chat_body() {
        let u = from_body(
            Format::OpenAi.usage_reader(),
            br#"{"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17,"prompt_tokens_details":{"cached_tokens":4}}}"#,
        )
        .unwrap();
        assert_eq!(
            u,
            Usage { input_tokens: Some(12), output_tokens: Some(5), cached_input_tokens: Some(4) }
        );
    }

    #[test]
    fn anthropic_body_adds_cache_tokens() {
        let u = from_body(
            Format::Anthropic.usage_reader(),
            br#"{"type":"message","usage":{"input_tokens":10,"cache_creation_input_tokens":2,"cache_read_input_tokens":3,"output_tokens":7}}"#,
        )
        .unwrap();
        assert_eq!(
            u,
            Usage { input_tokens: Some(15), output_tokens: Some(7), cached_input_tokens: Some(3) }
        );
    }

    #[test]
    fn the_answers_model_by_its_key() {
        let openai = br#"{"id":"x","object":"chat.completion","model":"gpt-4o-mini-2024-07-18","choices":[{"message":{"content":"the \"model\": \"no\""}}]}"#;
        assert_eq!(model_from_body(openai).as_deref(), Some("gpt-4o-mini-2024-07-18"));
        let start = br#"{"type":"message_start","message":{"id":"m","model":"claude-3-5-haiku","usage":{"input_tokens":3}}}"#;
        assert_eq!(model_from_body(start).as_deref(), Some("claude-3-5-haiku"));
        // Spelled inside a string before the key: its quotes are escaped.
        let quoted = br#"{"text":"a, \"model\": \"no\"", "model" : "yes"}"#;
        assert_eq!(model_from_body(quoted).as_deref(), Some("yes"));
        let gemini = br#"{"candidates":[],"modelVersion":"gemini-2.0-flash"}"#;
        assert_eq!(model_from_body(gemini).as_deref(), Some("gemini-2.0-flash"));
        for none in [
            &br#"{"model":null}"#[..],
            br#"{"model":3}"#,
            br#"{"x":"model"}"#,
            b"",
            br#"{"model":""}"#,
        ] {
            assert_eq!(model_from_body(none), None);
        }
        let escaped = br#"{"model":"a\u00e9\"b"}"#;
        assert_eq!(model_from_body(escaped).as_deref(), Some("a\u{e9}\"b"));
        let long = format!(r#"{{"model":"{}"}}"#, "m".repeat(1000));
        assert_eq!(model_from_body(long.as_bytes()).map(|m| m.len()), Some(MAX_MODEL));
    }

    #[test]
    fn the_flat_reader_reads_as_serde_does() {
        let read = |t: &str| {
            let r = Option::<RawUsage>::deserialize(&mut serde_json::Deserializer::from_slice(
                t.as_bytes(),
            ))
            .ok()
            .flatten();
            r.map(|r| crate::formats::openai::usage(&r))
        };
        let cases = [
            r#"{"prompt_tokens":4,"completion_tokens":2,"total_tokens":6}"#,
            r#" { "prompt_tokens" : 19 , "completion_tokens":10,"total_tokens":29,"prompt_tokens_details":{"cached_tokens":5,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}} ,"x":1"#,
            r#"{"input_tokens":21,"cache_creation_input_tokens":0,"cache_read_input_tokens":3,"cache_creation":{"ephemeral_5m_input_tokens":0},"output_tokens":6,"service_tier":"standard","server_tool_use":null}"#,
            r#"{"promptTokenCount":4,"candidatesTokenCount":2,"thoughtsTokenCount":3}"#,
            r#"{"prompt_tokens":null,"completion_tokens":2}"#,
            r#"{"prompt_tokens_details":{"cached_tokens":null}}"#,
            r#"{}"#,
        ];
        for t in cases {
            let flat = flat::read(t.as_bytes()).map(|r| crate::formats::openai::usage(&r));
            assert!(flat.is_some(), "{t}");
            assert_eq!(flat, read(t), "{t}");
        }
        // serde's to read (or to refuse): the flat reader gives up.
        let others = [
            r#"{"prompt_tokens":1.0}"#,
            r#"{"prompt_tokens":-1}"#,
            r#"{"prompt_tokens":1,"prompt_tokens":2}"#,
            r#"{"prompt_tokens":99999999999999999999}"#,
            r#"{"x":[1],"prompt_tokens":1}"#,
            r#"{"x":{"y":{}},"prompt_tokens":1}"#,
            r#"{"x":"a\"b","prompt_tokens":1}"#,
            r#"{"prompt_tokens":1"#,
            r#"{"prompt_tokens":true}"#,
            r#"{"prompt_tokens":"4"}"#,
            r#"{"prompt_tokens":{"a":1}}"#,
            r#"{"prompt_tokens_details":3}"#,
            r#"{"prompt_tokens_details":{"cached_tokens":"1"}}"#,
            r#"null"#,
        ];
        for t in others {
            assert!(flat::read(t.as_bytes()).is_none(), "{t}");
        }
        // What serde alone made of those still holds (through from_body).
        let nested = br#"{"usage":{"x":[1],"prompt_tokens":7,"completion_tokens":1}}"#;
        let u = from_body(Format::OpenAi.usage_reader(), nested).unwrap();
        assert_eq!((u.input_tokens, u.output_tokens), (Some(7), Some(1)));
        let twice = br#"{"usage":{"prompt_tokens":1,"prompt_tokens":2}}"#;
        assert_eq!(from_body(Format::OpenAi.usage_reader(), twice), None);
    }

    #[test]
    fn no_usage_or_garbage() {
        assert_eq!(from_body(Format::OpenAi.usage_reader(), br#"{"id":"x"}"#), None);
        assert_eq!(from_body(Format::OpenAi.usage_reader(), b"not json"), None);
        assert_eq!(from_body(Format::OpenAi.usage_reader(), br#"{"usage":null}"#), None);
    }

    #[test]
    fn the_usage_key_is_found_where_it_is_a_key() {
        let openai = Format::OpenAi.usage_reader();
        let tokens = |b: &[u8]| from_body(openai, b).map(|u| (u.input_tokens, u.output_tokens));
        // Text that spells a usage object inside a string is not one.
        let fake = br#"{"choices":[{"message":{"content":"x\",\"usage\":{\"prompt_tokens\":999}, \"usage\":"}}],"usage":{"prompt_tokens":4,"completion_tokens":2}}"#;
        assert_eq!(tokens(fake), Some((Some(4), Some(2))));
        let only_fake =
            br#"{"choices":[{"message":{"content":"\"usage\":{\"prompt_tokens\":9}"}}]}"#;
        assert_eq!(tokens(only_fake), None);
        // A string value "usage" is not a key; a pretty-printed body is read.
        assert_eq!(tokens(br#"{"tags":["usage"],"n":{"usage":1}}"#), None);
        let pretty = b"{\n  \"usage\" :\n  {\"prompt_tokens\": 7, \"completion_tokens\": 1}\n}\n";
        assert_eq!(tokens(pretty), Some((Some(7), Some(1))));
        // Usage before a long answer, and nested in a response object.
        assert_eq!(
            tokens(br#"{"usage":{"prompt_tokens":3},"choices":[{"text":"usage"}]}"#),
            Some((Some(3), None))
        );
        let nested = br#"{"type":"response","response":{"output":[],"usage":{"input_tokens":5,"output_tokens":6}}}"#;
        assert_eq!(
            from_body(Format::OpenAi.usage_reader(), nested).map(|u| u.output_tokens),
            Some(Some(6))
        );
    }

    fn observe_all(format: Format, stream: &[u8]) -> (Usage, Vec<EventUsage>) {
        let mut p = SseParser::new(1 << 20);
        let mut su = StreamUsage::new(format.usage_reader());
        let kinds = p.feed(stream).iter().map(|e| su.observe(e)).collect();
        (su.usage, kinds)
    }

    #[test]
    fn openai_stream_usage_chunk() {
        let (u, kinds) = observe_all(
            Format::OpenAi,
            b"data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}],\"usage\":null}\n\ndata: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}\n\ndata: [DONE]\n\n",
        );
        assert_eq!((u.input_tokens, u.output_tokens), (Some(3), Some(1)));
        assert_eq!(kinds, vec![EventUsage::None, EventUsage::UsageOnlyChunk, EventUsage::None]);
    }

    #[test]
    fn provider_quirks_groq_stream_and_deepseek_cache() {
        let (u, kinds) = observe_all(
            Format::OpenAi,
            b"data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}],\"x_groq\":{\"id\":\"req_1\",\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2,\"total_tokens\":9}}}\n\ndata: [DONE]\n\n",
        );
        assert_eq!((u.input_tokens, u.output_tokens), (Some(7), Some(2)));
        assert_eq!(kinds, vec![EventUsage::Usage, EventUsage::None]);
        let u = from_body(
            Format::OpenAi.usage_reader(),
            br#"{"usage":{"prompt_tokens":10,"completion_tokens":1,"prompt_cache_hit_tokens":6,"prompt_cache_miss_tokens":4}}"#,
        )
        .unwrap();
        assert_eq!(u.cached_input_tokens, Some(6));
    }

    #[test]
    fn responses_api_completed_event() {
        let (u, _) = observe_all(
            Format::OpenAi,
            b"event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"usage\":{\"input_tokens\":9,\"output_tokens\":4,\"input_tokens_details\":{\"cached_tokens\":0}}}}\n\n",
        );
        assert_eq!((u.input_tokens, u.output_tokens), (Some(9), Some(4)));
    }

    #[test]
    fn anthropic_stream_start_and_delta() {
        let (u, kinds) = observe_all(
            Format::Anthropic,
            b"event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}\n\nevent: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"hi\"}}\n\nevent: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":15}}\n\n",
        );
        assert_eq!((u.input_tokens, u.output_tokens), (Some(25), Some(15)));
        assert_eq!(kinds, vec![EventUsage::Usage, EventUsage::None, EventUsage::Usage]);
    }
}
