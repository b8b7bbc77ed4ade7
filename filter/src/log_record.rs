//! The one structured record per request that the shipped Envoy configs print
//! through the access log (the filter hands it over as filter state
//! `wasm.aigw_log`). It never holds prompt or completion text.

use std::time::{Duration, UNIX_EPOCH};

use serde::Serialize;
use serde_json::{Map, Value};

/// Filter-state key (Envoy prefixes `wasm.`): `%FILTER_STATE(wasm.aigw_log:PLAIN)%`.
pub const FILTER_STATE_KEY: &str = "aigw_log";

/// The record as serialised. It borrows from the request's state: it is
/// built once, in `on_log`, and written straight to JSON.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LogRecord<'a> {
    pub request_id: Option<&'a str>,
    /// Start of the request, RFC 3339 UTC with milliseconds.
    pub time: String,
    /// `provider` for `/{provider}/...`, `none` when no route matched.
    pub route: &'static str,
    pub provider: Option<&'a str>,
    pub provider_kind: Option<&'static str>,
    pub endpoint: Option<&'a str>,
    pub method: Option<&'a str>,
    pub model: Option<&'a str>,
    /// The model as the client named it, when it differs (`anthropic/...`).
    pub requested_model: Option<&'a str>,
    pub tenant: Option<&'a str>,
    pub stream: bool,
    pub status: Option<u16>,
    pub error_code: Option<&'static str>,
    /// Milliseconds from the request's start to the response headers.
    pub ttfb_ms: Option<f64>,
    /// Milliseconds from the request's start to the end of the response.
    pub latency_ms: f64,
    pub request_bytes: u64,
    pub response_bytes: u64,
    pub input_tokens: Option<u64>,
    pub output_tokens: Option<u64>,
    pub cached_input_tokens: Option<u64>,
    /// False when the response did not end normally (client gone, upstream reset).
    pub complete: bool,
    pub metadata: Option<&'a Map<String, Value>>,
    /// `HIT`, `MISS` or `BYPASS`; null when caching does not apply.
    pub cache_status: Option<&'static str>,
    /// Served from another in-flight request's answer.
    pub cache_coalesced: bool,
    /// Why the shared L2 cache was not used (Redis down, slow, garbage...).
    pub cache_l2_error: Option<&'a str>,
    /// What a cache hit saved.
    pub saved_input_tokens: Option<u64>,
    pub saved_output_tokens: Option<u64>,
    /// The step that served (0 = the route's provider), when retries or
    /// fallbacks are configured.
    pub step: Option<usize>,
    /// Every attempt, when there was more than one.
    pub attempts: Option<&'a [Attempt]>,
    /// What the provider's usage cost at the configured (or custom) price.
    pub cost_usd: Option<f64>,
    /// What a cache hit saved.
    pub saved_cost_usd: Option<f64>,
    /// The rule or budget that decided (denied, or the tightest that admitted).
    pub rate_limit_rule: Option<&'a str>,
    /// Whether limits denied the request (null when no limits apply).
    pub rate_limited: Option<bool>,
    /// `log_only` rules this request went over.
    pub over_limit_logged: Option<Vec<&'a str>>,
    /// Counters that could not be applied as configured (store or Redis
    /// failures, full slot tables, unpriced budgets).
    pub limit_notes: Option<&'a [String]>,
    /// DLP and guardrails: what was found and done (counts, never text).
    pub dlp: Option<DlpLog<'a>>,
    /// Why the VM's memory budget refused the request (`aigw_overloaded`).
    pub overload: Option<&'a str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DlpLog<'a> {
    pub policy: &'a str,
    pub request: &'a crate::policy::Report,
    pub response: &'a crate::policy::Report,
    /// Text scanned and the time it took inside the VM.
    pub scanned_bytes: usize,
    pub scan_us: f64,
    /// Why the external classifier could not be used (fail-open).
    pub classifier_error: Option<&'a str>,
}

/// One attempt at a provider (retries, fallback steps).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Attempt {
    pub step: usize,
    pub provider: String,
    pub status: Option<u16>,
    pub latency_ms: f64,
    /// `ok`, `status_503`, `connect_failure`, `timeout`, `circuit_open`, ...
    pub cause: String,
}

impl LogRecord<'_> {
    pub fn to_json(&self) -> Vec<u8> {
        // A typical record is 700-800 bytes: one allocation, no regrowth.
        let mut out = Vec::with_capacity(1024);
        match serde_json::to_writer(&mut out, self) {
            Ok(()) => out,
            Err(_) => Vec::new(),
        }
    }
}

pub fn rfc3339(unix_ns: u64) -> String {
    humantime::format_rfc3339_millis(UNIX_EPOCH + Duration::from_nanos(unix_ns)).to_string()
}

/// Milliseconds between two host timestamps, to the microsecond.
pub fn elapsed_ms(from_ns: u64, to_ns: u64) -> f64 {
    let us = to_ns.saturating_sub(from_ns) / 1_000;
    us as f64 / 1_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_time_and_elapsed() {
        assert_eq!(rfc3339(1_700_000_000_123_456_789), "2023-11-14T22:13:20.123Z");
        assert_eq!(elapsed_ms(1_000_000, 3_500_000), 2.5);
        assert_eq!(elapsed_ms(5, 1), 0.0);
    }

    #[test]
    fn serializes_every_field() {
        let v: Value = serde_json::from_slice(&LogRecord::default().to_json()).unwrap();
        for k in [
            "request_id",
            "time",
            "route",
            "provider",
            "model",
            "status",
            "ttfb_ms",
            "latency_ms",
            "request_bytes",
            "response_bytes",
            "input_tokens",
            "output_tokens",
            "metadata",
        ] {
            assert!(v.get(k).is_some(), "{k}");
        }
    }
}
