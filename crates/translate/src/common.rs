//! What both directions share: stop reasons, usage, ids, data URLs and the
//! output shapes of usage.

use serde::Serialize;
use serde_json::Value;

use crate::error::TranslateError;
use crate::{RequestOptions, Sampling};

/// What a request translation consults while it walks the request.
pub(crate) struct Ctx<'o> {
    pub opts: &'o RequestOptions,
}

impl Ctx<'_> {
    /// Refuses, or lets the caller drop the thing when the options say so.
    pub fn unsupported(&self, field: String, message: &str) -> Result<(), TranslateError> {
        if self.opts.drop_unsupported {
            Ok(())
        } else {
            Err(TranslateError::unsupported(field, message))
        }
    }
}

/// The sampling parameters kept under `mode`: `(temperature, top_p, top_k)`.
pub(crate) fn sampling(
    mode: Sampling,
    temperature: Option<f64>,
    top_p: Option<f64>,
    top_k: Option<u64>,
) -> (Option<f64>, Option<f64>, Option<u64>) {
    let top_p = top_p.filter(|p| *p < 1.0);
    match mode {
        Sampling::All => (temperature, top_p, top_k),
        Sampling::TemperatureOrTopP if temperature.is_some() => (temperature, None, top_k),
        Sampling::TemperatureOrTopP => (None, top_p, top_k),
        Sampling::None => (None, None, None),
    }
}

/// Anthropic `stop_reason` → OpenAI `finish_reason`.
///
/// `end_turn`, `stop_sequence`, `pause_turn` (a server-tool turn paused; the
/// client would have to continue it, which OpenAI clients cannot) and
/// unknown or missing reasons → `stop`; `max_tokens` and
/// `model_context_window_exceeded` → `length`; `tool_use` → `tool_calls`;
/// `refusal` (Anthropic's classifiers stopped the output) → `content_filter`.
pub(crate) fn finish_reason(stop_reason: Option<&str>) -> &'static str {
    match stop_reason {
        Some("max_tokens") | Some("model_context_window_exceeded") => "length",
        Some("tool_use") => "tool_calls",
        Some("refusal") => "content_filter",
        _ => "stop",
    }
}

/// OpenAI `finish_reason` → Anthropic `stop_reason`.
///
/// `stop` → `end_turn` (OpenAI does not say whether a stop sequence matched,
/// so `stop_sequence` is never reported); `length` → `max_tokens`;
/// `tool_calls` and the legacy `function_call` → `tool_use`;
/// `content_filter` → `refusal`; unknown or missing → `end_turn`.
pub(crate) fn stop_reason(finish_reason: Option<&str>) -> &'static str {
    match finish_reason {
        Some("length") => "max_tokens",
        Some("tool_calls") | Some("function_call") => "tool_use",
        Some("content_filter") => "refusal",
        _ => "end_turn",
    }
}

/// Token counts as Anthropic reports them (`input_tokens` excludes cached
/// tokens, which come apart).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct AnthropicUsage {
    pub input: u64,
    pub output: u64,
    pub cache_creation: u64,
    pub cache_read: u64,
}

fn count(v: &Value, key: &str) -> Option<u64> {
    v.get(key).and_then(Value::as_u64)
}

impl AnthropicUsage {
    /// Reads an Anthropic usage object; anything missing or not a count is 0.
    pub fn from_value(v: &Value) -> Self {
        AnthropicUsage {
            input: count(v, "input_tokens").unwrap_or(0),
            output: count(v, "output_tokens").unwrap_or(0),
            cache_creation: count(v, "cache_creation_input_tokens").unwrap_or(0),
            cache_read: count(v, "cache_read_input_tokens").unwrap_or(0),
        }
    }

    /// Takes the fields a later event reports (Anthropic's `message_delta`
    /// carries cumulative counts, input ones only on newer API versions).
    pub fn update(&mut self, v: &Value) {
        if let Some(n) = count(v, "input_tokens") {
            self.input = n;
        }
        if let Some(n) = count(v, "output_tokens") {
            self.output = n;
        }
        if let Some(n) = count(v, "cache_creation_input_tokens") {
            self.cache_creation = n;
        }
        if let Some(n) = count(v, "cache_read_input_tokens") {
            self.cache_read = n;
        }
    }

    /// OpenAI's view: every prompt token, cached ones included, is a prompt
    /// token; the cache reads are `cached_tokens`.
    pub fn to_openai(self) -> OpenAiUsageOut {
        let prompt = self.input.saturating_add(self.cache_creation).saturating_add(self.cache_read);
        OpenAiUsageOut {
            prompt_tokens: prompt,
            completion_tokens: self.output,
            total_tokens: prompt.saturating_add(self.output),
            prompt_tokens_details: PromptDetails { cached_tokens: self.cache_read },
        }
    }

    pub fn to_anthropic(self) -> AnthropicUsageOut {
        AnthropicUsageOut {
            input_tokens: self.input,
            cache_creation_input_tokens: self.cache_creation,
            cache_read_input_tokens: self.cache_read,
            output_tokens: self.output,
        }
    }

    /// From an OpenAI usage object: cached prompt tokens become cache reads
    /// and the rest `input_tokens`. OpenAI does not report cache writes
    /// (always 0 here), so prompt totals survive a round trip but a split
    /// between cache writes and plain input does not.
    pub fn from_openai(v: &Value) -> Self {
        let prompt = count(v, "prompt_tokens").unwrap_or(0);
        let cached = v
            .get("prompt_tokens_details")
            .and_then(|d| count(d, "cached_tokens"))
            .unwrap_or(0)
            .min(prompt);
        AnthropicUsage {
            input: prompt.saturating_sub(cached),
            output: count(v, "completion_tokens").unwrap_or(0),
            cache_creation: 0,
            cache_read: cached,
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub(crate) struct PromptDetails {
    pub cached_tokens: u64,
}

/// OpenAI `usage`.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub(crate) struct OpenAiUsageOut {
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
    pub total_tokens: u64,
    pub prompt_tokens_details: PromptDetails,
}

/// Anthropic `usage`.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub(crate) struct AnthropicUsageOut {
    pub input_tokens: u64,
    pub cache_creation_input_tokens: u64,
    pub cache_read_input_tokens: u64,
    pub output_tokens: u64,
}

/// `chatcmpl-{source id}` unless the caller chose one.
pub(crate) fn openai_id(chosen: Option<&str>, source: Option<&str>) -> String {
    match (chosen, source) {
        (Some(id), _) => id.to_owned(),
        (None, Some(src)) if !src.is_empty() => format!("chatcmpl-{src}"),
        _ => "chatcmpl-aigw".to_owned(),
    }
}

/// `msg_{source id}` unless the caller chose one.
pub(crate) fn anthropic_id(chosen: Option<&str>, source: Option<&str>) -> String {
    match (chosen, source) {
        (Some(id), _) => id.to_owned(),
        (None, Some(src)) if !src.is_empty() => format!("msg_{src}"),
        _ => "msg_aigw".to_owned(),
    }
}

/// Anthropic accepts tool-use ids matching `^[a-zA-Z0-9_-]+$`; OpenAI-style
/// providers are laxer (some produce `functions.get_weather:0`). Other
/// characters become `_`. Applied to both the `tool_use` id and the
/// `tool_result` reference, so the pair still matches (two ids differing only
/// in such characters would collide; no provider is known to produce that).
pub(crate) fn anthropic_tool_id(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '_' })
        .collect()
}

/// A `data:` URL with base64 content: `(media type, base64 data)`. The media
/// type is lower-cased, parameters other than `base64` are ignored.
pub(crate) fn parse_data_url(url: &str) -> Option<(String, &str)> {
    let rest = strip_prefix_ignore_case(url, "data:")?;
    let (meta, data) = rest.split_once(',')?;
    let mut parts = meta.split(';');
    let media_type = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    if !parts.any(|p| p.trim().eq_ignore_ascii_case("base64")) {
        return None;
    }
    Some((media_type, data))
}

pub(crate) fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        s.get(prefix.len()..)
    } else {
        None
    }
}

pub(crate) fn is_http_url(url: &str) -> bool {
    strip_prefix_ignore_case(url, "https://").is_some()
        || strip_prefix_ignore_case(url, "http://").is_some()
}

/// The image media types Anthropic accepts (`image/jpg` is read as JPEG).
pub(crate) fn anthropic_image_type(media_type: &str) -> Option<&'static str> {
    match media_type {
        "image/jpeg" | "image/jpg" => Some("image/jpeg"),
        "image/png" => Some("image/png"),
        "image/gif" => Some("image/gif"),
        "image/webp" => Some("image/webp"),
        _ => None,
    }
}

/// The Anthropic error `type` for an HTTP status (as the gateway's own
/// errors and Anthropic's API use them).
pub(crate) fn anthropic_error_type(status: u16) -> &'static str {
    match status {
        400 => "invalid_request_error",
        401 => "authentication_error",
        402 => "billing_error",
        403 => "permission_error",
        404 => "not_found_error",
        408 | 504 => "timeout_error",
        409 => "conflict_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        503 | 529 => "overloaded_error",
        s if s >= 500 => "api_error",
        s if s >= 400 => "invalid_request_error",
        _ => "api_error",
    }
}

/// The OpenAI error `type` for an HTTP status (the names the gateway's own
/// OpenAI-shape errors use; OpenAI's SDKs decide by status, not by type).
pub(crate) fn openai_error_type(status: u16) -> &'static str {
    match status {
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        s if s >= 500 => "server_error",
        s if s >= 400 => "invalid_request_error",
        _ => "server_error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn data_urls() {
        assert_eq!(
            parse_data_url("data:image/PNG;base64,iVBO"),
            Some(("image/png".to_owned(), "iVBO"))
        );
        assert_eq!(
            parse_data_url("DATA:image/jpeg;name=x.jpg;base64,AA=="),
            Some(("image/jpeg".to_owned(), "AA=="))
        );
        assert_eq!(parse_data_url("data:image/png,raw"), None);
        assert_eq!(parse_data_url("data:image/png;base64"), None);
        assert_eq!(parse_data_url("https://x/y.png"), None);
        assert_eq!(parse_data_url("dat"), None);
        assert_eq!(parse_data_url("daté:x"), None);
    }

    #[test]
    fn tool_ids() {
        assert_eq!(anthropic_tool_id("call_abc-1"), "call_abc-1");
        assert_eq!(anthropic_tool_id("functions.get:0"), "functions_get_0");
        assert_eq!(anthropic_tool_id("é"), "_");
    }

    #[test]
    fn usage_both_ways() {
        let a = AnthropicUsage::from_value(&json!({
            "input_tokens": 10, "output_tokens": 5,
            "cache_creation_input_tokens": 3, "cache_read_input_tokens": 7
        }));
        let o = a.to_openai();
        assert_eq!((o.prompt_tokens, o.completion_tokens, o.total_tokens), (20, 5, 25));
        assert_eq!(o.prompt_tokens_details.cached_tokens, 7);
        let back = AnthropicUsage::from_openai(&serde_json::to_value(o).unwrap());
        assert_eq!(back, AnthropicUsage { input: 13, output: 5, cache_creation: 0, cache_read: 7 });
        // Garbage counts are zero, a cached count above the prompt is capped.
        let g = AnthropicUsage::from_openai(
            &json!({"prompt_tokens": -1, "prompt_tokens_details": {"cached_tokens": 9}}),
        );
        assert_eq!(g, AnthropicUsage::default());
        let huge = AnthropicUsage { input: u64::MAX, output: u64::MAX, ..Default::default() };
        assert_eq!(huge.to_openai().total_tokens, u64::MAX);
    }
}
