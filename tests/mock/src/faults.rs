//! Fault injection: per-request `x-mock-*` headers and scripted rules
//! (`/__mock/script`) for requests whose headers tests cannot set.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use hyper::header::{HeaderMap, HeaderValue};
use serde::{Deserialize, Serialize};

use crate::common::ToolCall;

/// Everything that can be injected into one response. `None` = not set.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Faults {
    pub status: Option<u16>,
    pub retry_after: Option<HeaderValue>,
    pub delay_ms: Option<u64>,
    pub chunk_delay_ms: Option<u64>,
    pub break_after: Option<u64>,
    pub reply: Option<String>,
    pub tool_call: Option<ToolCall>,
    pub raw: Option<RawAnswer>,
}

/// A 200 answer sent as given, whatever the endpoint (scripted rules only:
/// a body may hold newlines). Stands in for providers that answer in
/// another content type or encoding, or with events the mock never writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAnswer {
    /// `content-type`; absent: no such header.
    #[serde(default)]
    pub content_type: Option<String>,
    #[serde(default)]
    pub content_encoding: Option<String>,
    /// The body; `text/event-stream` bodies go out one event (up to a
    /// blank line) per write.
    pub body: String,
}

pub const H_STATUS: &str = "x-mock-status";
pub const H_RETRY_AFTER: &str = "x-mock-retry-after";
pub const H_DELAY: &str = "x-mock-delay-ms";
pub const H_CHUNK_DELAY: &str = "x-mock-chunk-delay-ms";
pub const H_BREAK_AFTER: &str = "x-mock-break-after";
pub const H_REPLY: &str = "x-mock-reply";
pub const H_TOOL_CALL: &str = "x-mock-tool-call";

/// Statuses that may be injected. 1xx are not final responses.
pub fn valid_status(s: u16) -> bool {
    (200..=599).contains(&s)
}

fn parse_u64(h: &HeaderMap, name: &str) -> Result<Option<u64>, String> {
    match h.get(name) {
        None => Ok(None),
        Some(v) => std::str::from_utf8(v.as_bytes())
            .ok()
            .and_then(|s| s.trim().parse::<u64>().ok())
            .map(Some)
            .ok_or_else(|| format!("mock: {name} must be a non-negative integer")),
    }
}

impl Faults {
    /// Reads the `x-mock-*` request headers. Malformed values are an error
    /// (reported to the client as a 400) rather than silently ignored.
    pub fn from_headers(h: &HeaderMap) -> Result<Faults, String> {
        let status = match parse_u64(h, H_STATUS)? {
            None => None,
            Some(s) => match u16::try_from(s) {
                Ok(s) if valid_status(s) => Some(s),
                _ => return Err(format!("mock: {H_STATUS} must be within 200..=599")),
            },
        };
        let reply = h.get(H_REPLY).map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        let tool_call = match h.get(H_TOOL_CALL) {
            None => None,
            Some(v) => Some(
                serde_json::from_slice::<ToolCall>(v.as_bytes())
                    .map_err(|e| format!("mock: invalid {H_TOOL_CALL}: {e}"))?,
            ),
        };
        Ok(Faults {
            status,
            retry_after: h.get(H_RETRY_AFTER).cloned(),
            delay_ms: parse_u64(h, H_DELAY)?,
            chunk_delay_ms: parse_u64(h, H_CHUNK_DELAY)?,
            break_after: parse_u64(h, H_BREAK_AFTER)?,
            reply,
            tool_call,
            raw: None,
        })
    }

    /// Fills every unset field from `other` (headers win over rules).
    pub fn or(mut self, other: Faults) -> Faults {
        fn fill<T>(a: &mut Option<T>, b: Option<T>) {
            if a.is_none() {
                *a = b;
            }
        }
        fill(&mut self.status, other.status);
        fill(&mut self.retry_after, other.retry_after);
        fill(&mut self.delay_ms, other.delay_ms);
        fill(&mut self.chunk_delay_ms, other.chunk_delay_ms);
        fill(&mut self.break_after, other.break_after);
        fill(&mut self.reply, other.reply);
        fill(&mut self.tool_call, other.tool_call);
        fill(&mut self.raw, other.raw);
        self
    }
}

/// `Retry-After` given as a number or a string in a rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum RetryAfter {
    Seconds(u64),
    Text(String),
}

/// One scripted rule. Matchers: `path_suffix`, `model`, `host` (all
/// optional). Effects act like the corresponding `x-mock-*` headers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    #[serde(default)]
    pub path_suffix: Option<String>,
    #[serde(default)]
    pub model: Option<String>,
    #[serde(default)]
    pub host: Option<String>,
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub delay_ms: Option<u64>,
    #[serde(default)]
    pub chunk_delay_ms: Option<u64>,
    #[serde(default)]
    pub break_after: Option<u64>,
    #[serde(default)]
    pub retry_after: Option<RetryAfter>,
    #[serde(default)]
    pub reply: Option<String>,
    #[serde(default)]
    pub tool_call: Option<ToolCall>,
    #[serde(default)]
    pub raw: Option<RawAnswer>,
    /// Remaining uses; `None` = forever.
    #[serde(default)]
    pub times: Option<u64>,
}

/// Host matching ignores case and, if the request's host has a port but
/// the rule's does not, the port.
pub fn host_matches(rule: &str, host: &str) -> bool {
    rule.eq_ignore_ascii_case(host)
        || strip_port(host).is_some_and(|h| rule.eq_ignore_ascii_case(h))
}

fn strip_port(host: &str) -> Option<&str> {
    let (h, port) = host.rsplit_once(':')?;
    if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // "[::1]:80" -> "[::1]"; a bare IPv6 literal ("::1") has no port.
    if h.contains(':') && !(h.starts_with('[') && h.ends_with(']')) {
        return None;
    }
    Some(h)
}

impl Rule {
    /// Checks the rule's values; returns a message for a 400.
    pub fn validate(&self) -> Result<(), String> {
        if let Some(s) = self.status {
            if !valid_status(s) {
                return Err(format!("rule status {s} must be within 200..=599"));
            }
        }
        if let Some(r) = &self.raw {
            let ok =
                |v: &Option<String>| v.as_deref().is_none_or(|v| HeaderValue::from_str(v).is_ok());
            if !ok(&r.content_type) || !ok(&r.content_encoding) {
                return Err(
                    "rule raw content_type/content_encoding is not a valid header value".into()
                );
            }
        }
        if let Some(RetryAfter::Text(t)) = &self.retry_after {
            if HeaderValue::from_str(t).is_err() {
                return Err("rule retry_after is not a valid header value".into());
            }
        }
        Ok(())
    }

    /// Whether the rule applies (ignoring `times`). `model` is computed
    /// lazily: only rules with a model matcher need the body parsed.
    pub fn matches(
        &self,
        path: &str,
        host: Option<&str>,
        model: &mut impl FnMut() -> Option<String>,
    ) -> bool {
        if let Some(suffix) = &self.path_suffix {
            if !path.ends_with(suffix.as_str()) {
                return false;
            }
        }
        if let Some(want) = &self.host {
            match host {
                Some(h) if host_matches(want, h) => {}
                _ => return false,
            }
        }
        if let Some(want) = &self.model {
            if model().as_deref() != Some(want.as_str()) {
                return false;
            }
        }
        true
    }

    pub fn faults(&self) -> Faults {
        Faults {
            status: self.status,
            retry_after: self.retry_after.as_ref().and_then(|r| match r {
                RetryAfter::Seconds(s) => Some(HeaderValue::from(*s)),
                RetryAfter::Text(t) => HeaderValue::from_str(t).ok(),
            }),
            delay_ms: self.delay_ms,
            chunk_delay_ms: self.chunk_delay_ms,
            break_after: self.break_after,
            reply: self.reply.clone(),
            tool_call: self.tool_call.clone(),
            raw: self.raw.clone(),
        }
    }
}

/// `POST /__mock/script` body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScriptBody {
    pub rules: Vec<Rule>,
}

/// The scripted rules, in order.
#[derive(Default)]
pub struct Script {
    /// Fast path: skip the lock when there are no rules.
    any: AtomicBool,
    rules: Mutex<Vec<Rule>>,
}

impl Script {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Rule>> {
        self.rules.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn append(&self, rules: Vec<Rule>) {
        let mut g = self.lock();
        g.extend(rules);
        self.any.store(!g.is_empty(), Ordering::Release);
    }

    pub fn clear(&self) {
        let mut g = self.lock();
        g.clear();
        self.any.store(false, Ordering::Release);
    }

    pub fn list(&self) -> Vec<Rule> {
        self.lock().clone()
    }

    /// Finds the first matching rule with uses left, consumes one use and
    /// returns its faults.
    pub fn take(
        &self,
        path: &str,
        host: Option<&str>,
        model: impl FnOnce() -> Option<String>,
    ) -> Option<Faults> {
        if !self.any.load(Ordering::Acquire) {
            return None;
        }
        let mut model_fn = Some(model);
        let mut cached: Option<Option<String>> = None;
        let mut get_model = || {
            if cached.is_none() {
                cached = Some(model_fn.take().and_then(|f| f()));
            }
            cached.clone().flatten()
        };
        let mut g = self.lock();
        let rule =
            g.iter_mut().find(|r| r.times != Some(0) && r.matches(path, host, &mut get_model))?;
        if let Some(t) = rule.times.as_mut() {
            *t -= 1;
        }
        Some(rule.faults())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn rule(json: &str) -> Rule {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn headers_parse() {
        let mut h = HeaderMap::new();
        h.insert(H_STATUS, HeaderValue::from_static("503"));
        h.insert(H_RETRY_AFTER, HeaderValue::from_static("7"));
        h.insert(H_DELAY, HeaderValue::from_static(" 20 "));
        h.insert(H_TOOL_CALL, HeaderValue::from_static(r#"{"name":"f","arguments":{"a":1}}"#));
        let f = Faults::from_headers(&h).unwrap();
        assert_eq!(f.status, Some(503));
        assert_eq!(f.retry_after, Some(HeaderValue::from_static("7")));
        assert_eq!(f.delay_ms, Some(20));
        assert_eq!(f.break_after, None);
        let tc = f.tool_call.unwrap();
        assert_eq!(tc.name, "f");
        assert_eq!(tc.arguments, r#"{"a":1}"#);
    }

    #[test]
    fn bad_headers_are_errors() {
        for (name, value) in [
            (H_STATUS, "abc"),
            (H_STATUS, "99"),
            (H_STATUS, "700"),
            (H_DELAY, "-1"),
            (H_TOOL_CALL, "{"),
            (H_TOOL_CALL, r#"{"arguments":"{}"}"#),
        ] {
            let mut h = HeaderMap::new();
            h.insert(name, HeaderValue::from_static(value));
            assert!(Faults::from_headers(&h).is_err(), "{name}: {value}");
        }
    }

    #[test]
    fn non_utf8_reply_is_lossy() {
        let mut h = HeaderMap::new();
        h.insert(H_REPLY, HeaderValue::from_bytes(b"caf\xc3\xa9 \xff").unwrap());
        assert_eq!(Faults::from_headers(&h).unwrap().reply.unwrap(), "café \u{fffd}");
    }

    #[test]
    fn headers_win_over_rules() {
        let h = Faults { status: Some(500), ..Faults::default() };
        let r = Faults { status: Some(429), delay_ms: Some(5), ..Faults::default() };
        let f = h.or(r);
        assert_eq!(f.status, Some(500));
        assert_eq!(f.delay_ms, Some(5));
    }

    #[test]
    fn rule_matching() {
        let none = &mut || None::<String>;
        let r = rule(r#"{"path_suffix":"/chat/completions","status":500}"#);
        assert!(r.matches("/v1/chat/completions", None, none));
        assert!(!r.matches("/v1/messages", None, none));

        let r = rule(r#"{"host":"api.x.com"}"#);
        assert!(r.matches("/", Some("api.x.com"), none));
        assert!(r.matches("/", Some("API.X.com:443"), none));
        assert!(!r.matches("/", Some("api.y.com"), none));
        assert!(!r.matches("/", None, none));

        let r = rule(r#"{"host":"api.x.com:8443"}"#);
        assert!(r.matches("/", Some("api.x.com:8443"), none));
        assert!(!r.matches("/", Some("api.x.com:443"), none));

        let r = rule(r#"{"model":"gpt"}"#);
        assert!(r.matches("/", None, &mut || Some("gpt".to_string())));
        assert!(!r.matches("/", None, &mut || Some("claude".to_string())));
        assert!(!r.matches("/", None, none));
    }

    #[test]
    fn raw_answers_come_from_rules() {
        let r = rule(
            r#"{"raw":{"content_type":"text/plain","content_encoding":"gzip","body":"a\nb"}}"#,
        );
        assert!(r.validate().is_ok());
        let raw = r.faults().raw.unwrap();
        assert_eq!((raw.content_type.as_deref(), raw.body.as_str()), (Some("text/plain"), "a\nb"));
        assert!(rule(r#"{"raw":{"content_type":"a\nb","body":""}}"#).validate().is_err());
        assert!(serde_json::from_str::<Rule>(r#"{"raw":{"body":"","status":1}}"#).is_err());
    }

    #[test]
    fn host_port_stripping() {
        assert!(host_matches("127.0.0.1", "127.0.0.1:80"));
        assert!(host_matches("[::1]", "[::1]:80"));
        assert!(!host_matches("::1", "::2"));
    }

    #[test]
    fn rules_reject_unknown_fields_and_bad_status() {
        assert!(serde_json::from_str::<Rule>(r#"{"stauts":500}"#).is_err());
        assert!(rule(r#"{"status":100}"#).validate().is_err());
        assert!(rule(r#"{"status":503,"retry_after":"5"}"#).validate().is_ok());
    }

    #[test]
    fn script_take_consumes_times_in_order() {
        let s = Script::default();
        assert!(s.take("/v1/chat/completions", None, || None).is_none());
        s.append(vec![
            rule(r#"{"path_suffix":"/chat/completions","status":500,"times":2}"#),
            rule(r#"{"status":429,"retry_after":3}"#),
        ]);
        let take = || s.take("/v1/chat/completions", None, || None).and_then(|f| f.status);
        assert_eq!(take(), Some(500));
        assert_eq!(take(), Some(500));
        assert_eq!(take(), Some(429));
        assert_eq!(take(), Some(429));
        let l = s.list();
        assert_eq!(l[0].times, Some(0));
        assert_eq!(l[1].times, None);
        let f = s.take("/x", None, || None).unwrap();
        assert_eq!(f.retry_after, Some(HeaderValue::from_static("3")));
        s.clear();
        assert!(s.take("/v1/chat/completions", None, || None).is_none());
    }

    #[test]
    fn model_is_computed_once_and_only_when_needed() {
        let s = Script::default();
        s.append(vec![rule(r#"{"path_suffix":"/nope","model":"a"}"#), rule(r#"{"status":500}"#)]);
        let mut calls = 0;
        assert!(s
            .take("/v1/x", None, || {
                calls += 1;
                Some("a".into())
            })
            .is_some());
        assert_eq!(calls, 0);
        s.clear();
        s.append(vec![rule(r#"{"model":"a"}"#), rule(r#"{"model":"b","status":500}"#)]);
        let mut calls = 0;
        let f = s
            .take("/v1/x", None, || {
                calls += 1;
                Some("b".into())
            })
            .unwrap();
        assert_eq!(f.status, Some(500));
        assert_eq!(calls, 1);
    }
}
