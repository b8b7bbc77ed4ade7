//! Retries, first-byte timeouts, provider fallback chains and circuit
//! breakers: the config and the pure decisions. The flow that runs them
//! (callouts, timers) lives in the exchange.

pub mod breaker;
pub mod retry;

use aigw_config_error::ConfigError;
use std::collections::BTreeMap;

use serde::Deserialize;

/// A fallback step as configured under `providers.<name>.fallback[]`.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    pub provider: String,
    /// Model names for this step: `{"gpt-4o": "claude-sonnet-4-5", "*": "..."}`.
    #[serde(default)]
    pub model_map: BTreeMap<String, String>,
    #[serde(default)]
    pub timeout_ms: Option<u64>,
    #[serde(default)]
    pub retry: Option<retry::RawRetry>,
}

/// A provider's resilience settings (`providers.<name>.{retry,timeout_ms,
/// circuit_breaker,fallback}`).
#[derive(Deserialize, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct RawProviderResilience {
    #[serde(default)]
    pub retry: Option<retry::RawRetry>,
    #[serde(default)]
    pub timeout_ms: Option<u64>,
    #[serde(default)]
    pub circuit_breaker: Option<breaker::RawBreaker>,
    #[serde(default)]
    pub fallback: Vec<RawStep>,
}

/// One step of a chain, compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Index of the provider in the config.
    pub provider: usize,
    pub model_map: Vec<(String, String)>,
    /// Time to the first byte of each attempt (None: no limit of our own).
    pub timeout_ms: Option<u64>,
    pub retry: retry::Policy,
}

impl Step {
    /// The model for this step: mapped, or the client's as it is.
    pub fn model<'a>(&'a self, requested: &'a str) -> &'a str {
        self.model_map
            .iter()
            .find(|(from, _)| from == requested)
            .or_else(|| self.model_map.iter().find(|(from, _)| from == "*"))
            .map_or(requested, |(_, to)| to.as_str())
    }
}

pub const MAX_TIMEOUT_MS: u64 = 3_600_000;

/// A step's first-byte timeout for a request: the client's
/// `x-aigw-request-timeout` when it set one, at most the operator's cap
/// (`client_max_timeout_ms`, else the step's own timeout); else the step's.
pub fn effective_timeout(
    asked: Option<u64>,
    configured: Option<u64>,
    client_max: Option<u64>,
) -> Option<u64> {
    match (asked, client_max.or(configured)) {
        (Some(t), Some(cap)) => Some(t.min(cap)),
        (Some(t), None) => Some(t),
        (None, _) => configured,
    }
}

pub fn check_timeout(t: Option<u64>, field: &str) -> Result<Option<u64>, ConfigError> {
    match t {
        Some(0) => Err(ConfigError::new(field, "must be at least 1 (leave it out for no timeout)")),
        Some(t) if t > MAX_TIMEOUT_MS => {
            Err(ConfigError::new(field, format!("must be at most {MAX_TIMEOUT_MS}")))
        }
        t => Ok(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_mapping() {
        let s = Step {
            provider: 0,
            model_map: vec![
                ("gpt-4o".into(), "claude-sonnet-4-5".into()),
                ("*".into(), "claude-haiku-4-5".into()),
            ],
            timeout_ms: None,
            retry: retry::Policy::default(),
        };
        assert_eq!(s.model("gpt-4o"), "claude-sonnet-4-5");
        assert_eq!(s.model("gpt-4o-mini"), "claude-haiku-4-5");
        let plain = Step { model_map: vec![], ..s };
        assert_eq!(plain.model("x"), "x");
        assert!(check_timeout(Some(0), "t").is_err());
        // A client may shorten the operator's timeout, never lengthen it.
        assert_eq!(effective_timeout(Some(500), Some(2000), None), Some(500));
        assert_eq!(effective_timeout(Some(9000), Some(2000), None), Some(2000));
        assert_eq!(effective_timeout(Some(9000), Some(2000), Some(5000)), Some(5000));
        assert_eq!(effective_timeout(Some(9000), None, None), Some(9000));
        assert_eq!(effective_timeout(None, Some(2000), Some(5000)), Some(2000));
        assert_eq!(effective_timeout(None, None, None), None);
        assert_eq!(check_timeout(None, "t"), Ok(None));
    }
}
