//! Labelled metrics through Envoy's stats: the metric families, their labels,
//! and how one request's final facts (its log record) become samples.
//!
//! A sample's labels travel in the stat name in Istio's tag format,
//! `family` then `label=.=value;.;` per label, and the
//! `stats_config.stats_tags` regexes shipped in envoy/*.yaml (one per label
//! in [`LABELS`]; Istio generates the same from `extraStatTags`) turn them
//! back into tags, so Prometheus sees `family{label="value",...}`. The host defines one stat per
//! label set on first use and caches its id per VM (filter/src/host/metrics.rs):
//! the name is formatted only then.
//!
//! Every label value is bounded: models outside the configured or priced set
//! are `other`, tenants are configured token names, status is a class, error
//! codes, rules and detectors come from fixed or configured lists.
//! docs/metrics.md maps the names to the OpenTelemetry GenAI conventions.

use crate::log_record::LogRecord;

/// How a family's value is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Adds the value.
    Counter,
    /// Sets the value.
    Gauge,
    /// Records the value in a histogram.
    Histogram,
}

macro_rules! families {
    ($($variant:ident => ($name:literal, $kind:ident, [$($label:literal),*]),)*) => {
        /// The metric families (the Prometheus name is the first field).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Family { $($variant),* }

        impl Family {
            pub const ALL: &'static [Family] = &[$(Family::$variant),*];

            pub fn name(self) -> &'static str {
                match self { $(Family::$variant => $name),* }
            }

            pub fn kind(self) -> Kind {
                match self { $(Family::$variant => Kind::$kind),* }
            }

            pub fn labels(self) -> &'static [&'static str] {
                match self { $(Family::$variant => &[$($label),*]),* }
            }
        }
    };
}

families! {
    Requests => ("aigw_requests_total", Counter,
        ["provider", "model", "tenant", "route", "status_class", "error_code"]),
    Tokens => ("aigw_tokens_total", Counter, ["provider", "model", "tenant", "token_type"]),
    Cost => ("aigw_cost_nanodollars_total", Counter, ["provider", "model", "tenant", "route"]),
    Unpriced => ("aigw_unpriced_requests_total", Counter, ["provider", "model"]),
    Duration => ("gen_ai_client_operation_duration_milliseconds", Histogram, ["provider", "model"]),
    Ttft => ("gen_ai_server_time_to_first_token_milliseconds", Histogram, ["provider", "model"]),
    CacheLookups => ("aigw_cache_lookups_total", Counter, ["provider", "model", "cache_status"]),
    CacheSavedTokens => ("aigw_cache_saved_tokens_total", Counter,
        ["provider", "model", "tenant", "token_type"]),
    CacheSavedCost => ("aigw_cache_saved_cost_nanodollars_total", Counter,
        ["provider", "model", "tenant"]),
    LimitRejections => ("aigw_limit_rejections_total", Counter, ["rule", "error_code", "tenant"]),
    LimitOverLogged => ("aigw_limit_over_logged_total", Counter, ["rule", "tenant"]),
    BudgetUsed => ("aigw_budget_used_nanodollars", Gauge, ["rule", "tenant"]),
    BudgetLimit => ("aigw_budget_limit_nanodollars", Gauge, ["rule", "tenant"]),
    PolicyFindings => ("aigw_policy_findings_total", Counter,
        ["detector", "direction", "action", "tenant"]),
    Attempts => ("aigw_provider_attempts_total", Counter, ["provider", "step", "cause"]),
    // Set by the breaker on each change (resilience/breaker.rs `Circuit`).
    CircuitBreaker => ("aigw_circuit_breaker_state", Gauge, ["provider"]),
}

/// Every label name, each with its `stats_tags` regex in the Envoy configs
/// (scripts/envoy_config.py `STATS_TAGS`, checked by a test).
pub const LABELS: &[&str] = &[
    "provider",
    "model",
    "tenant",
    "route",
    "status_class",
    "error_code",
    "token_type",
    "cache_status",
    "rule",
    "detector",
    "direction",
    "action",
    "step",
    "cause",
];

/// Longest label value written into a stat name.
pub const MAX_VALUE_BYTES: usize = 64;
/// What a missing value reads as.
pub const NONE: &str = "none";
/// What a model outside the known set reads as.
pub const OTHER: &str = "other";

impl Family {
    /// The Envoy stat name for a label set: `name` then `label=.=value;.;`
    /// per label. Values lose `;` (the end of a value to the extractor) and
    /// anything outside printable ASCII, and are cut to
    /// [`MAX_VALUE_BYTES`]. Called once per label set.
    pub fn stat_name(self, values: &[&str]) -> String {
        let mut out = String::from(self.name());
        for (label, value) in self.labels().iter().zip(values) {
            out.push_str(label);
            out.push_str("=.=");
            let value = if value.is_empty() { NONE } else { value };
            for c in value.chars().take(MAX_VALUE_BYTES) {
                out.push(if c.is_ascii_graphic() && c != ';' { c } else { '_' });
            }
            out.push_str(";.;");
        }
        out
    }
}

/// `2xx`, `4xx`, ...; `none` without a status (the client left first).
pub fn status_class(status: Option<u16>) -> &'static str {
    match status.map(|s| s / 100) {
        Some(1) => "1xx",
        Some(2) => "2xx",
        Some(3) => "3xx",
        Some(4) => "4xx",
        Some(5) => "5xx",
        _ => NONE,
    }
}

/// A number from the log record as an integer metric value.
fn int(v: Option<f64>, scale: f64) -> Option<u64> {
    v.filter(|v| v.is_finite() && *v >= 0.0).map(|v| (v * scale).round() as u64)
}

/// What the record does not say, gathered by the exchange.
#[derive(Debug, Default)]
pub struct Extras<'a> {
    /// The model's bounded label (`model_label`).
    pub model: &'a str,
    /// Tokens were used, but no price applied.
    pub unpriced: bool,
    /// (budget, used, limit) in nano-dollars, for the budgets that applied.
    pub budgets: Vec<(&'a str, u64, u64)>,
}

/// Where samples go: `Services::labelled` (a closure keeps `services` and
/// this module apart).
pub type Sink<'s> = dyn FnMut(Family, &[&str], u64) + 's;

/// The samples of one finished request.
pub fn emit(rec: &LogRecord<'_>, x: &Extras<'_>, sink: &mut Sink<'_>) {
    let provider = rec.provider.unwrap_or(NONE);
    let model = x.model;
    let tenant = rec.tenant.unwrap_or(NONE);
    let error_code = rec.error_code.unwrap_or(NONE);
    sink(
        Family::Requests,
        &[provider, model, tenant, rec.route, status_class(rec.status), error_code],
        1,
    );
    let tokens = [
        ("input", rec.input_tokens),
        ("output", rec.output_tokens),
        ("cached_input", rec.cached_input_tokens),
    ];
    for (kind, n) in tokens {
        let Some(n) = n else { continue };
        // OTel's `gen_ai.client.token.usage` is a histogram; this counter is
        // its sum (a histogram costs a host call per request: docs/metrics.md).
        sink(Family::Tokens, &[provider, model, tenant, kind], n);
    }
    if let Some(nanos) = int(rec.cost_usd, 1e9) {
        sink(Family::Cost, &[provider, model, tenant, rec.route], nanos);
    }
    if x.unpriced {
        sink(Family::Unpriced, &[provider, model], 1);
    }
    if rec.provider.is_some() {
        if let Some(ms) = int(Some(rec.latency_ms), 1.0) {
            sink(Family::Duration, &[provider, model], ms);
        }
        // Time to first token: a stream's first bytes (its headers come
        // with the first event from the providers the gateway knows).
        if let Some(ms) = int(rec.ttfb_ms.filter(|_| rec.stream), 1.0) {
            sink(Family::Ttft, &[provider, model], ms);
        }
    }
    if let Some(status) = rec.cache_status {
        let status = match status {
            "HIT" => "hit",
            "MISS" => "miss",
            _ => "bypass",
        };
        sink(Family::CacheLookups, &[provider, model, status], 1);
    }
    for (kind, n) in [("input", rec.saved_input_tokens), ("output", rec.saved_output_tokens)] {
        if let Some(n) = n.filter(|n| *n > 0) {
            sink(Family::CacheSavedTokens, &[provider, model, tenant, kind], n);
        }
    }
    if let Some(nanos) = int(rec.saved_cost_usd, 1e9).filter(|n| *n > 0) {
        sink(Family::CacheSavedCost, &[provider, model, tenant], nanos);
    }
    if rec.rate_limited == Some(true) {
        let rule = rec.rate_limit_rule.unwrap_or(NONE);
        sink(Family::LimitRejections, &[rule, error_code, tenant], 1);
    }
    for rule in rec.over_limit_logged.iter().flatten() {
        sink(Family::LimitOverLogged, &[rule, tenant], 1);
    }
    for (budget, used, limit) in &x.budgets {
        sink(Family::BudgetUsed, &[budget, tenant], *used);
        sink(Family::BudgetLimit, &[budget, tenant], *limit);
    }
    for a in rec.dlp.iter().flat_map(|d| d.actions.iter()) {
        let labels = [a.detector, a.direction, a.action, tenant];
        sink(Family::PolicyFindings, &labels, u64::from(a.count));
    }
    for a in rec.attempts.iter().flat_map(|a| a.iter()) {
        let step = STEPS.get(a.step).copied().unwrap_or("other");
        sink(Family::Attempts, &[&a.provider, step, attempt_cause(&a.cause)], 1);
    }
}

const STEPS: [&str; 8] = ["0", "1", "2", "3", "4", "5", "6", "7"];

/// An attempt's cause with the status folded to its class
/// (`status_503` → `status_5xx`): a bounded label.
fn attempt_cause(cause: &str) -> &str {
    match cause.strip_prefix("status_").and_then(|s| s.bytes().next()) {
        Some(b'1') => "status_1xx",
        Some(b'2') => "status_2xx",
        Some(b'3') => "status_3xx",
        Some(b'4') => "status_4xx",
        Some(b'5') => "status_5xx",
        _ if cause.len() <= 32 && cause.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') => {
            cause
        }
        _ => OTHER,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_names_carry_bounded_labels() {
        assert_eq!(
            Family::CacheLookups.stat_name(&["openai", "gpt-4.1", "hit"]),
            "aigw_cache_lookups_totalprovider=.=openai;.;model=.=gpt-4.1;.;cache_status=.=hit;.;"
        );
        let nasty = format!("a;.;b=c\n{}", "x".repeat(100));
        let name = Family::Unpriced.stat_name(&["", &nasty]);
        let head = "aigw_unpriced_requests_totalprovider=.=none;.;model=.=";
        assert!(name.starts_with(&format!("{head}a_._b=c_xx")), "{name}");
        assert_eq!(name.len(), head.len() + 64 + 3);
    }

    #[test]
    fn every_label_is_listed() {
        for f in Family::ALL {
            for l in f.labels() {
                assert!(LABELS.contains(l), "{l}");
            }
        }
    }

    #[test]
    fn classes_and_causes() {
        assert_eq!(status_class(Some(429)), "4xx");
        assert_eq!(status_class(None), "none");
        assert_eq!(attempt_cause("status_503"), "status_5xx");
        assert_eq!(attempt_cause("circuit_open"), "circuit_open");
        assert_eq!(attempt_cause("Weird Cause!"), "other");
    }
}
