//! What the log record may hold beyond its counts (`logs` in the config):
//! whether a client may ask for no record, and which requests have their
//! prompt and answer in it (as text after DLP redaction, or only as SHA-256
//! digests), per route and tenant. Off by default: the record never holds
//! prompt or completion text unless a rule here asks for it.

use aigw_config_error::ConfigError;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::headers::Headers;

/// `logs` as written.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawLogs {
    #[serde(default)]
    client_opt_out: bool,
    #[serde(default)]
    payloads: Vec<RawPayloadRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPayloadRule {
    #[serde(default)]
    routes: Option<Vec<String>>,
    #[serde(default)]
    tenants: Option<Vec<String>>,
    mode: PayloadMode,
    #[serde(default)]
    max_bytes: Option<usize>,
}

/// How a prompt and its answer are kept in the record.
#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PayloadMode {
    /// The bodies as text (after DLP redaction), cut at `max_bytes`.
    Text,
    /// Only their SHA-256 (`prompt_sha256`, `answer_sha256`).
    Sha256,
}

/// Default and largest `max_bytes` of a logged body: a log line is not a
/// store, and the copy is held in the VM until the request ends.
const DEFAULT_MAX_BYTES: usize = 16 * 1024;
const MAX_MAX_BYTES: usize = 1024 * 1024;

#[derive(Debug, Clone)]
struct PayloadRule {
    routes: Option<Vec<String>>,
    tenants: Option<Vec<String>>,
    mode: PayloadMode,
    max_bytes: usize,
}

#[derive(Debug, Clone, Default)]
pub struct LogControls {
    /// Clients may ask for no record (`x-aigw-collect-log: false`).
    pub client_opt_out: bool,
    payloads: Vec<PayloadRule>,
}

impl RawLogs {
    /// `routes` name a provider (`/{provider}/...`) or `compat`.
    pub fn compile(self, providers: &[&str]) -> Result<LogControls, ConfigError> {
        let mut payloads = Vec::with_capacity(self.payloads.len());
        for (i, r) in self.payloads.into_iter().enumerate() {
            let f = format!("logs.payloads[{i}]");
            if let Some(routes) = &r.routes {
                if routes.is_empty() {
                    return Err(ConfigError::new(
                        format!("{f}.routes"),
                        "must not be empty (leave it out)",
                    ));
                }
                for (j, route) in routes.iter().enumerate() {
                    if route != "compat" && !providers.contains(&route.as_str()) {
                        return Err(ConfigError::new(
                            format!("{f}.routes[{j}]"),
                            format!(
                                "{route:?} is neither a provider under providers nor \"compat\""
                            ),
                        ));
                    }
                }
            }
            if let Some(tenants) = &r.tenants {
                if tenants.is_empty() {
                    return Err(ConfigError::new(
                        format!("{f}.tenants"),
                        "must not be empty (leave it out)",
                    ));
                }
                for (j, t) in tenants.iter().enumerate() {
                    if let Some(why) = aigw_limits::pattern::pattern_error(t) {
                        return Err(ConfigError::new(format!("{f}.tenants[{j}]"), why));
                    }
                }
            }
            let max_bytes = r.max_bytes.unwrap_or(DEFAULT_MAX_BYTES);
            if !(1..=MAX_MAX_BYTES).contains(&max_bytes) {
                return Err(ConfigError::new(
                    format!("{f}.max_bytes"),
                    format!("must be between 1 and {MAX_MAX_BYTES}"),
                ));
            }
            payloads.push(PayloadRule {
                routes: r.routes,
                tenants: r.tenants,
                mode: r.mode,
                max_bytes,
            });
        }
        Ok(LogControls { client_opt_out: self.client_opt_out, payloads })
    }
}

impl LogControls {
    /// Whether this request's record is left out: the operator lets
    /// clients opt out, and the client did (`x-aigw-collect-log: false`, or
    /// Cloudflare's `cf-aig-collect-log: false`).
    pub fn opted_out(&self, h: &Headers) -> bool {
        self.client_opt_out
            && ["x-aigw-collect-log", "cf-aig-collect-log"]
                .iter()
                .any(|k| h.get(k).is_some_and(|v| v.trim_ascii().eq_ignore_ascii_case(b"false")))
    }

    /// The capture for a request on `route` (a provider's name, or
    /// `compat`) by `tenant`: the first rule that matches both.
    pub fn payloads_for(&self, route: &str, tenant: Option<&str>) -> Option<Payloads> {
        let rule = self.payloads.iter().find(|r| {
            r.routes.as_ref().is_none_or(|rs| rs.iter().any(|x| x == route))
                && r.tenants.as_ref().is_none_or(|ts| {
                    tenant.is_some_and(|t| {
                        ts.iter().any(|p| aigw_limits::pattern::pattern_matches(p, t))
                    })
                })
        })?;
        let capture = || match rule.mode {
            PayloadMode::Text => {
                Capture::Text { bytes: Vec::new(), max: rule.max_bytes, cut: false }
            }
            PayloadMode::Sha256 => Capture::Digest(Sha256::new()),
        };
        Some(Payloads { prompt: capture(), answer: capture() })
    }
}

/// A request's prompt and answer as the record will hold them.
pub struct Payloads {
    pub prompt: Capture,
    pub answer: Capture,
}

/// One body, kept as the rule asks: its first bytes, or a running digest.
pub enum Capture {
    Text { bytes: Vec<u8>, max: usize, cut: bool },
    Digest(Sha256),
}

impl Capture {
    pub fn push(&mut self, chunk: &[u8]) {
        match self {
            Capture::Text { bytes, max, cut } => {
                let room = max.saturating_sub(bytes.len());
                bytes.extend_from_slice(chunk.get(..room).unwrap_or(chunk));
                *cut |= chunk.len() > room;
            }
            Capture::Digest(h) => h.update(chunk),
        }
    }

    /// The text (invalid UTF-8, e.g. a character cut at `max`, replaced)
    /// and whether it was cut; `None` for a digest.
    pub fn text(&self) -> Option<(String, bool)> {
        match self {
            Capture::Text { bytes, cut, .. } => {
                Some((String::from_utf8_lossy(bytes).into_owned(), *cut))
            }
            Capture::Digest(_) => None,
        }
    }

    /// The SHA-256 (lowercase hex); `None` for text.
    pub fn sha256(&self) -> Option<String> {
        match self {
            Capture::Digest(h) => Some(hex(&h.clone().finalize())),
            Capture::Text { .. } => None,
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(doc: &str) -> Result<LogControls, ConfigError> {
        let raw: RawLogs = serde_json::from_str(doc).unwrap();
        raw.compile(&["openai", "anthropic"])
    }

    #[test]
    fn the_first_matching_rule_decides() {
        let c = compile(
            r#"{"payloads":[{"routes":["anthropic"],"tenants":["audit-*"],"mode":"text","max_bytes":4},
                            {"tenants":["audit-*"],"mode":"sha256"}]}"#,
        )
        .unwrap();
        assert!(
            c.payloads_for("openai", None).is_none(),
            "no tenant: no rule with tenants matches"
        );
        assert!(c.payloads_for("openai", Some("team-a")).is_none());
        let mut p = c.payloads_for("anthropic", Some("audit-1")).unwrap();
        p.prompt.push(b"hello");
        assert_eq!(p.prompt.text(), Some(("hell".to_string(), true)));
        let mut p = c.payloads_for("compat", Some("audit-1")).unwrap();
        p.answer.push(b"ab");
        p.answer.push(b"c");
        assert_eq!(
            p.answer.sha256().unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "the digest of all chunks: sha256(\"abc\")"
        );
        assert!(p.answer.text().is_none());
    }

    #[test]
    fn text_is_cut_at_a_character_and_stays_valid() {
        let c = compile(r#"{"payloads":[{"mode":"text","max_bytes":3}]}"#).unwrap();
        let mut p = c.payloads_for("openai", None).unwrap();
        p.prompt.push("aé€".as_bytes());
        let (text, cut) = p.prompt.text().unwrap();
        assert!(cut);
        assert_eq!(text, "aé");
    }

    #[test]
    fn opting_out_needs_the_operator_and_the_client() {
        let h = Headers::from_pairs(&[("cf-aig-collect-log", b"False")]);
        assert!(!compile("{}").unwrap().opted_out(&h));
        let c = compile(r#"{"client_opt_out":true}"#).unwrap();
        assert!(c.opted_out(&h));
        assert!(!c.opted_out(&Headers::from_pairs(&[("x-aigw-collect-log", b"true")])));
        assert!(!c.opted_out(&Headers::from_pairs(&[])));
    }

    #[test]
    fn errors_name_the_field() {
        for (doc, field) in [
            (r#"{"payloads":[{"routes":["gemini"],"mode":"text"}]}"#, "logs.payloads[0].routes[0]"),
            (r#"{"payloads":[{"routes":[],"mode":"text"}]}"#, "logs.payloads[0].routes"),
            (r#"{"payloads":[{"tenants":["a*b"],"mode":"text"}]}"#, "logs.payloads[0].tenants[0]"),
            (r#"{"payloads":[{"mode":"text","max_bytes":0}]}"#, "logs.payloads[0].max_bytes"),
        ] {
            let e = compile(doc).unwrap_err();
            assert_eq!(e.field, field, "{doc}");
        }
    }
}
