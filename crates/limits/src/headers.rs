//! Answer on limit: `Retry-After` and the IETF RateLimit headers.
//!
//! Follows draft-ietf-httpapi-ratelimit-headers-10 (September 2025), in
//! Structured Field (RFC 9651) form:
//! * `RateLimit-Policy: "requests-per-minute";q=100;w=60` — a List of
//!   policies; the item is an sf-string naming the policy, `q` the quota
//!   (Integer, required), `w` the window in seconds (Integer), `qu` the quota
//!   unit (String; default `"requests"`).
//! * `RateLimit: "requests-per-minute";r=42;t=18` — the service limit of that
//!   policy: `r` the remaining quota (Integer, required), `t` the seconds until
//!   quota comes back (Integer).
//!
//! Policy names are rule names (`a-z 0-9 - _ .`, so never escaped in practice,
//! though quotes and backslashes would be). Token rules carry
//! `qu="input-tokens"`, `"output-tokens"` or `"total-tokens"`: the draft's
//! registry defines only `requests`, `content-bytes` and `concurrent-requests`,
//! and leaving `qu` out would claim the quota counts requests. A client that
//! validates units against the registry may ignore those items. Budgets are
//! not advertised (they are not rate policies); only `Retry-After` answers them.
//!
//! Only enforced rules are advertised (a `log_only` rule does not limit the
//! client). By default only the deciding rule is, as the draft suggests for
//! header size; [`Advertise::AllRules`] lists every enforced rule.
//!
//! `Retry-After` is in whole seconds rounded up, at least 1 (a denied request
//! retried at once would be denied again); per the draft, it is never earlier
//! than the deciding rule's `t` (a denying rule's `t` is its retry time).

use crate::limiter::{CounterKind, Decision, LimitState, Outcome};
use crate::rules::{Mode, Unit};

/// Whole seconds for `Retry-After`: `ms` rounded up, at least 1.
pub fn retry_after_secs(ms: u64) -> u64 {
    ms.div_ceil(1000).max(1)
}

/// The `Retry-After` value for a wait of `ms`.
pub fn retry_after_value(ms: u64) -> String {
    retry_after_secs(ms).to_string()
}

/// Which rules go into the RateLimit headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Advertise {
    /// The deciding rule only.
    #[default]
    Deciding,
    /// Every enforced rule that applied.
    AllRules,
}

/// The two RateLimit header values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimitHeaders {
    /// `RateLimit-Policy`
    pub policy: String,
    /// `RateLimit`
    pub ratelimit: String,
}

/// An sf-string: printable ASCII in quotes, `"` and `\` escaped, anything
/// else replaced by `?`.
fn sf_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len().saturating_add(2));
    out.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            _ => out.push('?'),
        }
    }
    out.push('"');
    out
}

fn quota_unit(unit: Unit) -> Option<&'static str> {
    match unit {
        Unit::Requests => None,
        Unit::InputTokens => Some("input-tokens"),
        Unit::OutputTokens => Some("output-tokens"),
        Unit::TotalTokens => Some("total-tokens"),
        Unit::NanoUsd => Some("nano-usd"),
    }
}

/// `"name";q=<limit>;w=<window s>[;qu="<unit>"]`
pub fn policy_item(state: &LimitState) -> String {
    let mut out =
        format!("{};q={};w={}", sf_string(&state.name), state.limit, state.window_s.max(1));
    if let Some(qu) = quota_unit(state.unit) {
        out.push_str(";qu=");
        out.push_str(&sf_string(qu));
    }
    out
}

/// `"name";r=<remaining>;t=<seconds until reset>`
pub fn service_limit_item(state: &LimitState) -> String {
    format!("{};r={};t={}", sf_string(&state.name), state.remaining, state.reset_ms.div_ceil(1000))
}

fn advertised(state: &LimitState) -> bool {
    state.kind == CounterKind::Rule
        && state.mode == Mode::Enforce
        && matches!(state.outcome, Outcome::Reserved | Outcome::Denied | Outcome::NotReserved)
}

impl Decision {
    /// The RateLimit headers for this decision; `None` when no enforced rule applies.
    pub fn ratelimit_headers(&self, which: Advertise) -> Option<RateLimitHeaders> {
        let states: Vec<&LimitState> = match which {
            Advertise::Deciding => {
                self.deciding_state().filter(|s| advertised(s)).into_iter().collect()
            }
            Advertise::AllRules => self.limits.iter().filter(|s| advertised(s)).collect(),
        };
        if states.is_empty() {
            return None;
        }
        let policy: Vec<String> = states.iter().map(|s| policy_item(s)).collect();
        let ratelimit: Vec<String> = states.iter().map(|s| service_limit_item(s)).collect();
        Some(RateLimitHeaders { policy: policy.join(", "), ratelimit: ratelimit.join(", ") })
    }

    /// `Retry-After` for a denied request (`None` when admitted or when it can
    /// never fit: then there is nothing to wait for).
    pub fn retry_after_header(&self) -> Option<String> {
        if self.admitted {
            return None;
        }
        self.retry_after_ms.map(retry_after_value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Scope;

    fn state(
        name: &str,
        unit: Unit,
        limit: u64,
        remaining: u64,
        reset_ms: u64,
        window_s: u64,
    ) -> LimitState {
        LimitState {
            name: name.into(),
            kind: CounterKind::Rule,
            unit,
            mode: Mode::Enforce,
            scope: Scope::Local,
            outcome: Outcome::Reserved,
            limit,
            requested: 1,
            used: limit - remaining,
            remaining,
            reset_ms,
            window_s,
            retry_after_ms: None,
        }
    }

    #[test]
    fn retry_after_rounds_up_to_whole_seconds() {
        assert_eq!(retry_after_value(0), "1");
        assert_eq!(retry_after_value(1), "1");
        assert_eq!(retry_after_value(1000), "1");
        assert_eq!(retry_after_value(1001), "2");
        assert_eq!(retry_after_value(59_999), "60");
        assert_eq!(retry_after_value(u64::MAX), (u64::MAX / 1000 + 1).to_string());
    }

    #[test]
    fn items_follow_the_draft_syntax() {
        let s = state("requests-per-minute", Unit::Requests, 100, 42, 17_200, 60);
        assert_eq!(policy_item(&s), r#""requests-per-minute";q=100;w=60"#);
        assert_eq!(service_limit_item(&s), r#""requests-per-minute";r=42;t=18"#);
        let t = state("tpm", Unit::TotalTokens, 200_000, 0, 0, 60);
        assert_eq!(policy_item(&t), r#""tpm";q=200000;w=60;qu="total-tokens""#);
        assert_eq!(service_limit_item(&t), r#""tpm";r=0;t=0"#);
        assert_eq!(sf_string(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(sf_string("é\n"), r#""??""#);
    }

    #[test]
    fn decision_headers() {
        let rpm = state("rpm", Unit::Requests, 100, 42, 18_000, 60);
        let tpm = state("tpm", Unit::TotalTokens, 1000, 900, 30_000, 60);
        let mut log_only = state("shadow", Unit::Requests, 1, 0, 1000, 1);
        log_only.mode = Mode::LogOnly;
        log_only.outcome = Outcome::LoggedOverLimit;
        let mut budget = state("spend", Unit::NanoUsd, 10, 5, 1000, 86_400);
        budget.kind = CounterKind::Budget;
        let d = Decision {
            admitted: true,
            denial: None,
            deciding_rule: Some("rpm".into()),
            deciding: Some(0),
            retry_after_ms: None,
            limits: vec![rpm, tpm, log_only, budget],
            notes: vec![],
        };
        let h = d.ratelimit_headers(Advertise::Deciding).unwrap();
        assert_eq!(h.policy, r#""rpm";q=100;w=60"#);
        assert_eq!(h.ratelimit, r#""rpm";r=42;t=18"#);
        let h = d.ratelimit_headers(Advertise::AllRules).unwrap();
        assert_eq!(h.policy, r#""rpm";q=100;w=60, "tpm";q=1000;w=60;qu="total-tokens""#);
        assert_eq!(h.ratelimit, r#""rpm";r=42;t=18, "tpm";r=900;t=30"#);
        assert_eq!(d.retry_after_header(), None);
        // a budget denial: Retry-After, no RateLimit headers
        let d = Decision {
            admitted: false,
            denial: Some(crate::Denial::BudgetExceeded),
            deciding_rule: Some("spend".into()),
            deciding: Some(3),
            retry_after_ms: Some(3_600_500),
            ..d
        };
        assert_eq!(d.ratelimit_headers(Advertise::Deciding), None);
        assert_eq!(d.retry_after_header().as_deref(), Some("3601"));
        let none = Decision { retry_after_ms: None, ..d };
        assert_eq!(none.retry_after_header(), None);
    }
}
