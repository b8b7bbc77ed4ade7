//! Retry policy: when to try again and how long to wait.

use aigw_config_error::ConfigError;
use serde::Deserialize;

use crate::errors::{ErrorCode, GatewayError};
use crate::headers::Headers;

pub const MAX_ATTEMPTS: u32 = 5;
pub const MAX_DELAY_MS: u64 = 5_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Backoff {
    Constant,
    Linear,
    Exponential,
}

impl Backoff {
    fn parse(v: &[u8]) -> Option<Backoff> {
        match v.trim_ascii() {
            b"constant" => Some(Backoff::Constant),
            b"linear" => Some(Backoff::Linear),
            b"exponential" => Some(Backoff::Exponential),
            _ => None,
        }
    }
}

/// A failure condition that may be retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Condition {
    /// `connect_failure`: no HTTP answer (refused, reset, timed out).
    Named(Named),
    /// An HTTP status (only 429 and 5xx are accepted in config).
    Status(u16),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Named {
    ConnectFailure,
    Timeout,
}

#[derive(Deserialize, Default, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawRetry {
    #[serde(default)]
    pub max_attempts: Option<u32>,
    #[serde(default)]
    pub retry_delay_ms: Option<u64>,
    #[serde(default)]
    pub backoff: Option<Backoff>,
    #[serde(default)]
    pub on: Option<Vec<Condition>>,
    /// The most attempts a client may ask for with `x-aigw-max-attempts`
    /// (default: `max_attempts`, so a client can only lower it).
    #[serde(default)]
    pub client_max_attempts: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// Attempts in all, the first included (1 = no retry).
    pub max_attempts: u32,
    pub delay_ms: u64,
    pub backoff: Backoff,
    pub on_connect_failure: bool,
    pub on_timeout: bool,
    pub on_status: Vec<u16>,
    /// The most attempts a client's header may ask for.
    pub client_max_attempts: u32,
    /// The operator's delay and backoff when a client's header changed
    /// them: a client may wait longer between retries, never shorter.
    pub floor: Option<(u64, Backoff)>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            max_attempts: 1,
            delay_ms: 200,
            backoff: Backoff::Exponential,
            on_connect_failure: true,
            on_timeout: true,
            on_status: vec![429, 500, 502, 503, 504],
            client_max_attempts: 1,
            floor: None,
        }
    }
}

/// (field relative to the retry object, message).
pub fn compile(raw: &RawRetry) -> Result<Policy, ConfigError> {
    let mut p = Policy::default();
    if let Some(n) = raw.max_attempts {
        if !(1..=MAX_ATTEMPTS).contains(&n) {
            return Err(ConfigError::new(
                "max_attempts",
                format!("must be between 1 and {MAX_ATTEMPTS}"),
            ));
        }
        p.max_attempts = n;
    }
    p.client_max_attempts = p.max_attempts;
    if let Some(n) = raw.client_max_attempts {
        if !(p.max_attempts..=MAX_ATTEMPTS).contains(&n) {
            return Err(ConfigError::new(
                "client_max_attempts",
                format!("must be between max_attempts ({}) and {MAX_ATTEMPTS}", p.max_attempts),
            ));
        }
        p.client_max_attempts = n;
    }
    if let Some(d) = raw.retry_delay_ms {
        if d > MAX_DELAY_MS {
            return Err(ConfigError::new(
                "retry_delay_ms",
                format!("must be at most {MAX_DELAY_MS}"),
            ));
        }
        p.delay_ms = d;
    }
    if let Some(b) = raw.backoff {
        p.backoff = b;
    }
    if let Some(on) = &raw.on {
        p.on_connect_failure = false;
        p.on_timeout = false;
        p.on_status.clear();
        for (i, c) in on.iter().enumerate() {
            match c {
                Condition::Named(Named::ConnectFailure) => p.on_connect_failure = true,
                Condition::Named(Named::Timeout) => p.on_timeout = true,
                Condition::Status(s) if *s == 429 || (500..600).contains(s) => p.on_status.push(*s),
                Condition::Status(_) => {
                    return Err(ConfigError::new(
                        format!("on[{i}]"),
                        "only 429 and 5xx statuses can be retried",
                    ))
                }
            }
        }
    }
    Ok(p)
}

/// How an attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    /// No HTTP answer: refused, reset, no cluster.
    ConnectFailure,
    /// No first byte within the timeout.
    Timeout,
    Status(u16),
}

impl Outcome {
    pub fn from_status(status: Option<u16>) -> Outcome {
        match status {
            None => Outcome::ConnectFailure,
            Some(s) if (200..400).contains(&s) => Outcome::Ok,
            Some(s) => Outcome::Status(s),
        }
    }

    pub fn cause(&self) -> String {
        match self {
            Outcome::Ok => "ok".into(),
            Outcome::ConnectFailure => "connect_failure".into(),
            Outcome::Timeout => "timeout".into(),
            Outcome::Status(s) => format!("status_{s}"),
        }
    }
}

impl Policy {
    /// Whether this outcome is worth another attempt or step. A 4xx other
    /// than 429 never is: the request itself is wrong.
    pub fn retryable(&self, o: Outcome) -> bool {
        match o {
            Outcome::Ok => false,
            Outcome::ConnectFailure => self.on_connect_failure,
            Outcome::Timeout => self.on_timeout,
            Outcome::Status(s) => self.on_status.contains(&s),
        }
    }

    /// The wait before attempt `n` (1 = the first retry). `jitter` in
    /// [0, 1) spreads exponential retries (full jitter on the upper half).
    pub fn delay_ms(&self, n: u32, jitter: f64) -> u64 {
        let own = backoff_delay(self.delay_ms, self.backoff, n, jitter);
        match self.floor {
            Some((d, b)) => own.max(backoff_delay(d, b, n, jitter)),
            None => own,
        }
    }

    /// Applies `x-aigw-max-attempts`, `x-aigw-retry-delay` (ms) and
    /// `x-aigw-backoff` (aliases `cf-aig-*`) within the operator's limits:
    /// a client may ask for fewer attempts, or more up to
    /// `client_max_attempts`, and for longer waits between them, never
    /// shorter ones. Values out of range are a 400.
    pub fn with_request(&self, h: &Headers) -> Result<Policy, GatewayError> {
        let bad = |m: String| GatewayError::new(ErrorCode::InvalidHeader, m);
        let mut p = self.clone();
        if let Some((v, _)) = h.gateway("max-attempts") {
            let asked =
                parse_u64(v).filter(|n| (1..=u64::from(MAX_ATTEMPTS)).contains(n)).ok_or_else(
                    || bad(format!("x-aigw-max-attempts must be between 1 and {MAX_ATTEMPTS}")),
                )? as u32;
            p.max_attempts = asked.min(self.client_max_attempts);
        }
        if h.gateway("retry-delay").is_some() || h.gateway("backoff").is_some() {
            p.floor = Some(self.floor.unwrap_or((self.delay_ms, self.backoff)));
        }
        if let Some((v, _)) = h.gateway("retry-delay") {
            p.delay_ms = parse_u64(v).filter(|d| *d <= MAX_DELAY_MS).ok_or_else(|| {
                bad(format!("x-aigw-retry-delay must be 0 to {MAX_DELAY_MS} (ms)"))
            })?;
        }
        if let Some((v, _)) = h.gateway("backoff") {
            p.backoff = Backoff::parse(v).ok_or_else(|| {
                bad("x-aigw-backoff must be constant, linear or exponential".into())
            })?;
        }
        Ok(p)
    }
}

/// The wait before retry `n` (1 = the first) for a base delay and backoff.
fn backoff_delay(delay_ms: u64, backoff: Backoff, n: u32, jitter: f64) -> u64 {
    let n = u64::from(n.max(1));
    let base = match backoff {
        Backoff::Constant => delay_ms,
        Backoff::Linear => delay_ms.saturating_mul(n),
        Backoff::Exponential => {
            let d = delay_ms.saturating_mul(1u64 << (n - 1).min(20));
            // Half fixed, half random: retries of many clients spread out.
            d / 2 + ((d / 2) as f64 * jitter.clamp(0.0, 1.0)) as u64
        }
    };
    base.min(MAX_DELAY_MS)
}

pub fn parse_u64(v: &[u8]) -> Option<u64> {
    std::str::from_utf8(v).ok()?.trim().parse().ok()
}

/// `Retry-After` in ms: delta-seconds (HTTP dates are not honoured).
pub fn retry_after_ms(h: &Headers) -> Option<u64> {
    let secs: f64 = h.get_str("retry-after")?.trim().parse().ok()?;
    (secs.is_finite() && secs >= 0.0).then_some((secs * 1000.0) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&str, &str)]) -> Headers {
        let p: Vec<(&str, &[u8])> = pairs.iter().map(|(k, v)| (*k, v.as_bytes())).collect();
        Headers::from_pairs(&p)
    }

    #[test]
    fn defaults_and_conditions() {
        let p = Policy::default();
        for o in
            [Outcome::ConnectFailure, Outcome::Timeout, Outcome::Status(429), Outcome::Status(503)]
        {
            assert!(p.retryable(o), "{o:?}");
        }
        for o in [
            Outcome::Ok,
            Outcome::Status(400),
            Outcome::Status(401),
            Outcome::Status(404),
            Outcome::Status(501),
        ] {
            assert!(!p.retryable(o), "{o:?}");
        }
    }

    #[test]
    fn backoffs() {
        let mut p = Policy { delay_ms: 100, ..Policy::default() };
        p.backoff = Backoff::Constant;
        assert_eq!((p.delay_ms(1, 0.5), p.delay_ms(3, 0.5)), (100, 100));
        p.backoff = Backoff::Linear;
        assert_eq!((p.delay_ms(1, 0.5), p.delay_ms(3, 0.5)), (100, 300));
        p.backoff = Backoff::Exponential;
        assert_eq!((p.delay_ms(1, 0.0), p.delay_ms(3, 0.0), p.delay_ms(3, 1.0)), (50, 200, 400));
        assert_eq!(p.delay_ms(30, 1.0), MAX_DELAY_MS);
    }

    #[test]
    fn config_and_request_overrides() {
        let raw: RawRetry = serde_json::from_str(r#"{"max_attempts":3,"retry_delay_ms":10,"backoff":"linear","on":["connect_failure",503]}"#).unwrap();
        let p = compile(&raw).unwrap();
        assert_eq!((p.max_attempts, p.delay_ms, p.backoff), (3, 10, Backoff::Linear));
        assert!(p.retryable(Outcome::Status(503)) && !p.retryable(Outcome::Status(500)));
        let bad: RawRetry = serde_json::from_str(r#"{"on":[400]}"#).unwrap();
        assert_eq!(compile(&bad).unwrap_err().field, "on[0]");
        let bad: RawRetry = serde_json::from_str(r#"{"max_attempts":9}"#).unwrap();
        assert_eq!(compile(&bad).unwrap_err().field, "max_attempts");
        let q = p
            .with_request(&h(&[
                ("cf-aig-max-attempts", "5"),
                ("x-aigw-retry-delay", "0"),
                ("x-aigw-backoff", "constant"),
            ]))
            .unwrap();
        // Never more attempts than the operator allows, never shorter waits.
        assert_eq!((q.max_attempts, q.delay_ms, q.backoff), (3, 0, Backoff::Constant));
        assert_eq!((q.delay_ms(1, 0.5), q.delay_ms(3, 0.5)), (10, 30));
        let q = p.with_request(&h(&[("x-aigw-max-attempts", "1")])).unwrap();
        assert_eq!(q.max_attempts, 1, "a client may lower it");
        let q = p.with_request(&h(&[("x-aigw-retry-delay", "1000")])).unwrap();
        assert_eq!(q.delay_ms(1, 0.5), 1000, "and wait longer");
        let raw: RawRetry =
            serde_json::from_str(r#"{"max_attempts":2,"client_max_attempts":4}"#).unwrap();
        let p4 = compile(&raw).unwrap();
        assert_eq!(p4.with_request(&h(&[("x-aigw-max-attempts", "5")])).unwrap().max_attempts, 4);
        assert_eq!(p4.with_request(&h(&[])).unwrap().max_attempts, 2);
        let bad: RawRetry =
            serde_json::from_str(r#"{"max_attempts":3,"client_max_attempts":2}"#).unwrap();
        assert_eq!(compile(&bad).unwrap_err().field, "client_max_attempts");
        let q = Policy::default().with_request(&h(&[("x-aigw-max-attempts", "5")])).unwrap();
        assert_eq!(q.max_attempts, 1, "no retry config: one attempt");
        for (k, v) in [
            ("x-aigw-max-attempts", "6"),
            ("x-aigw-retry-delay", "9000"),
            ("x-aigw-backoff", "random"),
        ] {
            assert_eq!(p.with_request(&h(&[(k, v)])).unwrap_err().code, ErrorCode::InvalidHeader);
        }
    }

    #[test]
    fn retry_after() {
        assert_eq!(retry_after_ms(&h(&[("retry-after", "2")])), Some(2000));
        assert_eq!(retry_after_ms(&h(&[("retry-after", "0.5")])), Some(500));
        assert_eq!(retry_after_ms(&h(&[("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT")])), None);
        assert_eq!(retry_after_ms(&h(&[])), None);
    }
}
