//! The `limits` section of the gateway config: serde types parsed strictly
//! (`deny_unknown_fields`) and `compile()`, which validates them into a
//! [`Limiter`] or returns a [`ConfigError`] naming the offending field
//! relative to this section (e.g. `rules[2].window`).
//!
//! ```json
//! {
//!   "rules": [
//!     {"name": "requests-per-minute", "key": ["tenant"], "limit": 100, "window": "1m"},
//!     {"name": "tokens-per-minute", "key": ["tenant", "model"], "unit": "total_tokens",
//!      "limit": 200000, "window": "1m", "window_type": "sliding",
//!      "overrides": {"team-a": 1000000}},
//!     {"name": "per-user-daily", "key": [{"metadata": "user"}], "limit": 2000,
//!      "window": "1d", "window_type": "fixed", "on_missing_key": "skip",
//!      "mode": "log_only", "slots": 4096},
//!     {"name": "ip-burst", "key": ["client_ip"], "limit": 20, "window": "10s",
//!      "when": {"providers": ["openai"]}, "scope": "global"}
//!   ],
//!   "budgets": [
//!     {"name": "monthly-spend", "key": ["tenant"], "period": "month", "limit_usd": 500,
//!      "overrides": {"team-a": 2000}}
//!   ],
//!   "prices": {
//!     "openai": {"gpt-4o-mini*": {"input": 0.15, "output": 0.6, "cached_input": 0.075},
//!                "*": {"input": 2.5, "output": 10}}
//!   },
//!   "estimate": {"default_output_tokens": 1024},
//!   "store": {"max_cas_attempts": 16, "on_error": "open"},
//!   "global": {"cluster": "webdis", "timeout_ms": 50, "on_error": "open"}
//! }
//! ```

use std::collections::BTreeMap;
use std::num::{NonZeroU32, NonZeroU64};

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::calendar::DAY_MS;
use crate::cost::{usd_per_million_to_pico, usd_to_nanos, Price, PriceTable};
use crate::key::KeyPart;
use crate::limiter::{CounterSpec, GlobalSettings, Limiter, When};
use crate::slot::{OnTableFull, SlotTable};
use crate::window::{Period, Window};

pub use crate::rules::{FailMode, Mode, OnUnpriced, Scope, Unit};

/// Prefix of every shared-data key of this library.
pub const SHARED_KEY_PREFIX: &str = "aigw.lim.v1";
const DEFAULT_SLOTS: u32 = 1024;
const MAX_SLOTS: u32 = 65_536;
const DEFAULT_PROBES: u32 = 4;
const MAX_PROBES: u32 = 16;
const DEFAULT_OUTPUT_TOKENS: u64 = 1024;
const DEFAULT_CAS_ATTEMPTS: u32 = 16;
const MAX_CAS_ATTEMPTS: u32 = 1000;
const MAX_WINDOW_MS: u64 = 366 * DAY_MS;
const DEFAULT_GLOBAL_TIMEOUT_MS: u64 = 100;
const MAX_GLOBAL_TIMEOUT_MS: u64 = 60_000;
const MAX_COUNTERS: usize = 64;

// ---------------------------------------------------------------- raw form

/// The `limits` section.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    #[serde(default)]
    pub rules: Vec<RuleConfig>,
    #[serde(default)]
    pub budgets: Vec<BudgetConfig>,
    /// provider -> model pattern (`name`, `prefix*`, `*`) -> price.
    #[serde(default)]
    pub prices: BTreeMap<String, BTreeMap<String, PriceConfig>>,
    #[serde(default)]
    pub estimate: EstimateConfig,
    #[serde(default)]
    pub store: StoreConfig,
    #[serde(default)]
    pub global: Option<GlobalConfig>,
    /// Tenants (names, `prefix*`, `*`) whose `x-aigw-custom-cost` also prices
    /// their budgets. Everyone else's custom cost changes only the logged
    /// cost: budgets count at the table's prices.
    #[serde(default)]
    pub custom_cost_tenants: Vec<String>,
}

/// A rate limit or token limit.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleConfig {
    /// 1-64 of `a-z 0-9 - _ .`, starting with a letter or digit; unique.
    /// Shown to clients as the RateLimit policy name.
    pub name: String,
    /// Parts of the subject counted; empty: all requests together.
    #[serde(default)]
    pub key: Vec<KeyPart>,
    /// The limit per window (0 blocks everything).
    pub limit: u64,
    #[serde(default)]
    pub unit: RuleUnit,
    /// `<n>s`, `<n>m`, `<n>h` or `<n>d`; 1s to 366d.
    pub window: String,
    #[serde(default)]
    pub window_type: WindowType,
    /// tenant name -> its own limit.
    #[serde(default)]
    pub overrides: BTreeMap<String, u64>,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub scope: Scope,
    #[serde(default)]
    pub when: Option<WhenConfig>,
    #[serde(default)]
    pub on_missing_key: OnMissingKey,
    /// Shared-data slots (keys) of this rule: 1-65536, default 1024.
    #[serde(default)]
    pub slots: Option<u32>,
    /// Slots probed per subject: 1-16, default 4.
    #[serde(default)]
    pub probes: Option<u32>,
    #[serde(default)]
    pub on_table_full: OnTableFull,
}

/// A spend budget.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetConfig {
    pub name: String,
    #[serde(default)]
    pub key: Vec<KeyPart>,
    /// USD per period.
    pub limit_usd: f64,
    pub period: BudgetPeriod,
    /// tenant name -> its own limit in USD.
    #[serde(default)]
    pub overrides: BTreeMap<String, f64>,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub scope: Scope,
    #[serde(default)]
    pub when: Option<WhenConfig>,
    #[serde(default)]
    pub on_missing_key: OnMissingKey,
    #[serde(default)]
    pub on_unpriced: OnUnpriced,
    #[serde(default)]
    pub slots: Option<u32>,
    #[serde(default)]
    pub probes: Option<u32>,
    #[serde(default)]
    pub on_table_full: OnTableFull,
}

/// USD per million tokens.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceConfig {
    pub input: f64,
    pub output: f64,
    /// Default: the input price.
    #[serde(default)]
    pub cached_input: Option<f64>,
}

/// Restricts a counter to some requests; every list given must match.
/// Entries are exact names, `prefix*` or `*`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhenConfig {
    #[serde(default)]
    pub tenants: Option<Vec<String>>,
    #[serde(default)]
    pub providers: Option<Vec<String>>,
    #[serde(default)]
    pub models: Option<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EstimateConfig {
    /// Output tokens reserved when the request sets no `max_tokens`.
    #[serde(default = "default_output_tokens")]
    pub default_output_tokens: u64,
}

impl Default for EstimateConfig {
    fn default() -> Self {
        EstimateConfig { default_output_tokens: DEFAULT_OUTPUT_TOKENS }
    }
}

fn default_output_tokens() -> u64 {
    DEFAULT_OUTPUT_TOKENS
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoreConfig {
    /// Attempts of one counter update under CAS contention (1-1000).
    #[serde(default = "default_cas_attempts")]
    pub max_cas_attempts: u32,
    /// When shared data fails or stays contended.
    #[serde(default)]
    pub on_error: FailMode,
}

impl Default for StoreConfig {
    fn default() -> Self {
        StoreConfig { max_cas_attempts: DEFAULT_CAS_ATTEMPTS, on_error: FailMode::Open }
    }
}

fn default_cas_attempts() -> u32 {
    DEFAULT_CAS_ATTEMPTS
}

/// Redis through Webdis, for counters with `scope: "global"`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlobalConfig {
    /// The Envoy cluster that reaches Webdis.
    pub cluster: String,
    /// `:authority` of the callouts (default: the cluster name).
    #[serde(default)]
    pub authority: Option<String>,
    /// Callout timeout, 1-60000 ms (Envoy reads 0 as "no timeout": refused).
    #[serde(default = "default_global_timeout")]
    pub timeout_ms: u64,
    #[serde(default)]
    pub on_error: FailMode,
    /// Prefix of the Redis keys (default `aigw:lim:v1`).
    #[serde(default)]
    pub key_prefix: Option<String>,
}

fn default_global_timeout() -> u64 {
    DEFAULT_GLOBAL_TIMEOUT_MS
}

/// What a rule counts (config).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleUnit {
    #[default]
    Requests,
    InputTokens,
    OutputTokens,
    TotalTokens,
}

impl From<RuleUnit> for Unit {
    fn from(u: RuleUnit) -> Unit {
        match u {
            RuleUnit::Requests => Unit::Requests,
            RuleUnit::InputTokens => Unit::InputTokens,
            RuleUnit::OutputTokens => Unit::OutputTokens,
            RuleUnit::TotalTokens => Unit::TotalTokens,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowType {
    Fixed,
    #[default]
    Sliding,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetPeriod {
    /// UTC calendar day.
    Day,
    /// UTC calendar month.
    Month,
}

/// When a key part is missing from the request (no tenant, header absent, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnMissingKey {
    /// All requests missing it share one counter (cannot be dodged by
    /// leaving the header out).
    #[default]
    Group,
    /// The counter does not apply to the request.
    Skip,
}

// ---------------------------------------------------------------- errors

/// A config error: the path of the offending field relative to the `limits`
/// section (e.g. `rules[2].window`) and what is wrong.
pub use aigw_config_error::ConfigError;

fn err(field: impl Into<String>, message: impl Into<String>) -> ConfigError {
    ConfigError::new(field, message)
}

// ---------------------------------------------------------------- compile

impl LimitsConfig {
    /// Parses the section from JSON; serde errors name the field too.
    pub fn from_json(bytes: &[u8]) -> Result<LimitsConfig, ConfigError> {
        // serde would also take a struct from an array of its fields
        if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
            return Err(err("", "the limits section must be a JSON object"));
        }
        let de = &mut serde_json::Deserializer::from_slice(bytes);
        serde_path_to_error::deserialize(de).map_err(ConfigError::from_serde)
    }

    /// Validates the section into a [`Limiter`].
    pub fn compile(&self) -> Result<Limiter, ConfigError> {
        if self.rules.len().saturating_add(self.budgets.len()) > MAX_COUNTERS {
            return Err(err("rules", format!("at most {MAX_COUNTERS} rules and budgets together")));
        }
        let global = match &self.global {
            Some(g) => Some(compile_global(g)?),
            None => None,
        };
        let mut counters = Vec::with_capacity(self.rules.len().saturating_add(self.budgets.len()));
        for (i, r) in self.rules.iter().enumerate() {
            let field = format!("rules[{i}]");
            if self.rules.iter().take(i).any(|o| o.name == r.name) {
                return Err(err(
                    format!("{field}.name"),
                    format!("duplicate rule name `{}`", r.name),
                ));
            }
            counters.push(compile_rule(r, &field, global.is_some())?);
        }
        for (i, b) in self.budgets.iter().enumerate() {
            let field = format!("budgets[{i}]");
            if self.budgets.iter().take(i).any(|o| o.name == b.name) {
                return Err(err(
                    format!("{field}.name"),
                    format!("duplicate budget name `{}`", b.name),
                ));
            }
            counters.push(compile_budget(b, &field, global.is_some())?);
        }
        let mut prices = PriceTable::default();
        for (provider, models) in &self.prices {
            if provider.is_empty() {
                return Err(err("prices", "provider names must not be empty"));
            }
            for (pattern, p) in models {
                let field = format!("prices.{provider}.{pattern}");
                if pattern.is_empty() || pattern.trim_end_matches('*').contains('*') {
                    return Err(err(field, "a model is a name, `prefix*` or `*`"));
                }
                prices.insert(provider, pattern, compile_price(p, &field)?);
            }
        }
        if self.estimate.default_output_tokens > 10_000_000 {
            return Err(err("estimate.default_output_tokens", "must be at most 10000000"));
        }
        if !(1..=MAX_CAS_ATTEMPTS).contains(&self.store.max_cas_attempts) {
            return Err(err(
                "store.max_cas_attempts",
                format!("must be between 1 and {MAX_CAS_ATTEMPTS}"),
            ));
        }
        for (i, p) in self.custom_cost_tenants.iter().enumerate() {
            if p.is_empty() || p.trim_end_matches('*').contains('*') {
                return Err(err(format!("custom_cost_tenants[{i}]"), "a name, `prefix*` or `*`"));
            }
        }
        let mut limiter = Limiter::new(
            counters,
            prices,
            self.estimate.default_output_tokens,
            self.store.max_cas_attempts,
            self.store.on_error,
            global,
        );
        limiter.custom_cost_tenants.clone_from(&self.custom_cost_tenants);
        Ok(limiter)
    }
}

impl Limiter {
    /// Parses and compiles the `limits` section.
    pub fn from_json(bytes: &[u8]) -> Result<Limiter, ConfigError> {
        LimitsConfig::from_json(bytes)?.compile()
    }
}

fn is_name(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && b.first().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && b.iter().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'-' | b'_' | b'.')
        })
}

fn check_name(name: &str, field: &str) -> Result<(), ConfigError> {
    if is_name(name) {
        Ok(())
    } else {
        Err(err(
            format!("{field}.name"),
            "1-64 characters of a-z, 0-9, '-', '_' and '.', starting with a letter or digit",
        ))
    }
}

/// `<n>s|m|h|d` to milliseconds.
pub fn parse_window(s: &str) -> Result<NonZeroU64, String> {
    let bad = || format!("`{s}` is not a window: use <n>s, <n>m, <n>h or <n>d (1s to 366d)");
    let split = s.len().checked_sub(1).ok_or_else(bad)?;
    let (num, unit) = (s.get(..split).ok_or_else(bad)?, s.get(split..).ok_or_else(bad)?);
    if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) || num.len() > 12 {
        return Err(bad());
    }
    let n: u64 = num.parse().map_err(|_| bad())?;
    let unit_ms: u64 = match unit {
        "s" => 1000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => DAY_MS,
        _ => return Err(bad()),
    };
    let ms = n.checked_mul(unit_ms).ok_or_else(bad)?;
    if ms > MAX_WINDOW_MS {
        return Err(bad());
    }
    NonZeroU64::new(ms).ok_or_else(bad)
}

fn compile_table(
    kind: char,
    name: &str,
    slots: Option<u32>,
    probes: Option<u32>,
    field: &str,
) -> Result<SlotTable, ConfigError> {
    let slots = slots.unwrap_or(DEFAULT_SLOTS);
    let slots = NonZeroU32::new(slots).filter(|s| s.get() <= MAX_SLOTS).ok_or_else(|| {
        err(format!("{field}.slots"), format!("must be between 1 and {MAX_SLOTS}"))
    })?;
    let probes = probes.unwrap_or(DEFAULT_PROBES);
    if !(1..=MAX_PROBES).contains(&probes) {
        return Err(err(format!("{field}.probes"), format!("must be between 1 and {MAX_PROBES}")));
    }
    Ok(SlotTable::new(format!("{SHARED_KEY_PREFIX}/{kind}/{name}/"), slots, probes))
}

fn compile_when(when: &Option<WhenConfig>, field: &str) -> Result<Option<When>, ConfigError> {
    let Some(w) = when else { return Ok(None) };
    let check = |list: &Option<Vec<String>>, what: &str| -> Result<Vec<String>, ConfigError> {
        let Some(list) = list else { return Ok(Vec::new()) };
        if list.is_empty() {
            return Err(err(
                format!("{field}.when.{what}"),
                "must not be empty (leave it out instead)",
            ));
        }
        for (i, p) in list.iter().enumerate() {
            if p.is_empty() || p.trim_end_matches('*').contains('*') {
                return Err(err(format!("{field}.when.{what}[{i}]"), "a name, `prefix*` or `*`"));
            }
        }
        Ok(list.clone())
    };
    Ok(Some(When {
        tenants: check(&w.tenants, "tenants")?,
        providers: check(&w.providers, "providers")?,
        models: check(&w.models, "models")?,
    }))
}

fn shape_of(unit: Unit, window: &Window) -> u64 {
    let mut h = Sha256::new();
    h.update(unit.as_str().as_bytes());
    match window.period {
        Period::Millis(ms) => h.update(format!(":ms:{ms}").as_bytes()),
        Period::Month => h.update(b":month"),
    }
    let digest = h.finalize();
    let mut first8 = [0u8; 8];
    for (d, s) in first8.iter_mut().zip(digest.iter()) {
        *d = *s;
    }
    u64::from_le_bytes(first8)
}

fn check_scope(scope: Scope, has_global: bool, field: &str) -> Result<(), ConfigError> {
    if scope == Scope::Global && !has_global {
        return Err(err(
            format!("{field}.scope"),
            "`global` needs the `global` section (Webdis cluster)",
        ));
    }
    Ok(())
}

fn compile_rule(r: &RuleConfig, field: &str, has_global: bool) -> Result<CounterSpec, ConfigError> {
    check_name(&r.name, field)?;
    let ms = parse_window(&r.window).map_err(|m| err(format!("{field}.window"), m))?;
    if ms.get() % 1000 != 0 {
        return Err(err(format!("{field}.window"), "must be whole seconds"));
    }
    let window =
        Window { period: Period::Millis(ms), sliding: r.window_type == WindowType::Sliding };
    for tenant in r.overrides.keys() {
        if tenant.is_empty() {
            return Err(err(format!("{field}.overrides"), "tenant names must not be empty"));
        }
    }
    check_scope(r.scope, has_global, field)?;
    let unit = Unit::from(r.unit);
    Ok(CounterSpec {
        name: r.name.clone(),
        kind: crate::limiter::CounterKind::Rule,
        unit,
        window,
        limit: r.limit,
        overrides: r.overrides.iter().map(|(k, v)| (k.clone(), *v)).collect(),
        mode: r.mode,
        scope: r.scope,
        key: r.key.clone(),
        missing_is_skip: r.on_missing_key == OnMissingKey::Skip,
        when: compile_when(&r.when, field)?,
        table: compile_table('r', &r.name, r.slots, r.probes, field)?,
        on_table_full: r.on_table_full,
        on_unpriced: OnUnpriced::Allow,
        shape: shape_of(unit, &window),
    })
}

fn compile_budget(
    b: &BudgetConfig,
    field: &str,
    has_global: bool,
) -> Result<CounterSpec, ConfigError> {
    check_name(&b.name, field)?;
    let usd = |v: f64, f: String| {
        usd_to_nanos(v).ok_or_else(|| err(f, "must be a number of USD from 0 to 1e9"))
    };
    let limit = usd(b.limit_usd, format!("{field}.limit_usd"))?;
    let mut overrides = Vec::with_capacity(b.overrides.len());
    for (tenant, v) in &b.overrides {
        if tenant.is_empty() {
            return Err(err(format!("{field}.overrides"), "tenant names must not be empty"));
        }
        overrides.push((tenant.clone(), usd(*v, format!("{field}.overrides.{tenant}"))?));
    }
    let window = match b.period {
        BudgetPeriod::Day => Window::fixed_ms(NonZeroU64::new(DAY_MS).unwrap_or(NonZeroU64::MIN)),
        BudgetPeriod::Month => Window::month(),
    };
    check_scope(b.scope, has_global, field)?;
    Ok(CounterSpec {
        name: b.name.clone(),
        kind: crate::limiter::CounterKind::Budget,
        unit: Unit::NanoUsd,
        window,
        limit,
        overrides,
        mode: b.mode,
        scope: b.scope,
        key: b.key.clone(),
        missing_is_skip: b.on_missing_key == OnMissingKey::Skip,
        when: compile_when(&b.when, field)?,
        table: compile_table('b', &b.name, b.slots, b.probes, field)?,
        on_table_full: b.on_table_full,
        on_unpriced: b.on_unpriced,
        shape: shape_of(Unit::NanoUsd, &window),
    })
}

fn compile_price(p: &PriceConfig, field: &str) -> Result<Price, ConfigError> {
    let conv = |v: f64, what: &str| {
        usd_per_million_to_pico(v).ok_or_else(|| {
            err(format!("{field}.{what}"), "must be USD per million tokens, from 0 to 1e6")
        })
    };
    let input_pico = conv(p.input, "input")?;
    let output_pico = conv(p.output, "output")?;
    let cached_input_pico = match p.cached_input {
        Some(c) => conv(c, "cached_input")?,
        None => input_pico,
    };
    Ok(Price { input_pico, output_pico, cached_input_pico })
}

fn compile_global(g: &GlobalConfig) -> Result<GlobalSettings, ConfigError> {
    if g.cluster.is_empty() {
        return Err(err("global.cluster", "must name the Envoy cluster of Webdis"));
    }
    if !(1..=MAX_GLOBAL_TIMEOUT_MS).contains(&g.timeout_ms) {
        return Err(err(
            "global.timeout_ms",
            format!("must be between 1 and {MAX_GLOBAL_TIMEOUT_MS} (0 would mean no timeout)"),
        ));
    }
    let key_prefix = g.key_prefix.clone().unwrap_or_else(|| "aigw:lim:v1".to_string());
    if key_prefix.is_empty()
        || key_prefix.len() > 64
        || !key_prefix.bytes().all(|b| b.is_ascii_graphic())
    {
        return Err(err("global.key_prefix", "1-64 printable ASCII characters"));
    }
    let authority = g.authority.clone().unwrap_or_else(|| g.cluster.clone());
    if authority.is_empty() {
        return Err(err("global.authority", "must not be empty"));
    }
    Ok(GlobalSettings {
        cluster: g.cluster.clone(),
        authority,
        timeout_ms: g.timeout_ms,
        on_error: g.on_error,
        key_prefix,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(json: &str) -> Result<Limiter, ConfigError> {
        Limiter::from_json(json.as_bytes())
    }

    #[track_caller]
    fn error(json: &str) -> (String, String) {
        let e = compile(json).unwrap_err();
        (e.field, e.message)
    }

    #[test]
    fn the_documented_example_compiles() {
        let doc = include_str!("config.rs");
        let start = doc.find("//! ```json").unwrap();
        let end = doc[start..].find("//! ```\n").unwrap() + start;
        let json: String = doc[start..end]
            .lines()
            .skip(1)
            .map(|l| l.trim_start_matches("//!"))
            .collect::<Vec<_>>()
            .join("\n");
        let l = compile(&json).unwrap();
        assert_eq!(l.counters().len(), 5);
        assert_eq!(l.key_headers(), &[] as &[String]);
        assert!(l.has_global());
    }

    #[test]
    fn empty_section_is_valid() {
        let l = compile("{}").unwrap();
        assert!(l.is_empty());
    }

    #[test]
    fn windows() {
        assert_eq!(parse_window("1s").unwrap().get(), 1000);
        assert_eq!(parse_window("90s").unwrap().get(), 90_000);
        assert_eq!(parse_window("1m").unwrap().get(), 60_000);
        assert_eq!(parse_window("2h").unwrap().get(), 7_200_000);
        assert_eq!(parse_window("1d").unwrap().get(), DAY_MS);
        assert_eq!(parse_window("366d").unwrap().get(), 366 * DAY_MS);
        for bad in
            ["", "s", "0s", "1", "1w", "-1s", "1.5m", "367d", "99999999999999d", " 1s", "1S", "1é"]
        {
            assert!(parse_window(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn errors_name_the_field() {
        // the third rule, with `extra` fields added or replaced
        let merge = |base: &str, extra: &str| {
            let mut v: serde_json::Value = serde_json::from_str(base).unwrap();
            let e: serde_json::Value =
                serde_json::from_str(&format!("{{{}}}", extra.trim_start_matches(','))).unwrap();
            for (k, x) in e.as_object().unwrap() {
                v[k] = x.clone();
            }
            v.to_string()
        };
        let rule = |extra: &str| {
            let third = merge(r#"{"name":"c","limit":1,"window":"1m"}"#, extra);
            format!(
                r#"{{"rules":[{{"name":"a","limit":1,"window":"1m"}},{{"name":"b","limit":1,"window":"1m"}},{third}]}}"#
            )
        };
        assert_eq!(error(&rule(r#","window":"1w""#)).0, "rules[2].window");
        let (f, m) = error(&rule(r#","bogus":1"#));
        assert_eq!(f, "rules[2].bogus");
        assert!(m.contains("unknown field `bogus`"), "{m}");
        assert_eq!(error(&rule(r#","unit":"bytes""#)).0, "rules[2].unit");
        assert!(error(&rule(r#","unit":"nano_usd""#)).1.contains("unknown variant"));
        assert_eq!(error(&rule(r#","mode":"dry_run""#)).0, "rules[2].mode");
        assert_eq!(error(&rule(r#","slots":0"#)).0, "rules[2].slots");
        assert_eq!(error(&rule(r#","slots":70000"#)).0, "rules[2].slots");
        assert_eq!(error(&rule(r#","probes":17"#)).0, "rules[2].probes");
        assert_eq!(error(&rule(r#","scope":"global""#)).0, "rules[2].scope");
        assert_eq!(error(&rule(r#","key":["ip"]"#)).0, "rules[2].key[0]");
        assert_eq!(error(&rule(r#","key":[{"header":"x","metadata":"y"}]"#)).0, "rules[2].key[0]");
        assert_eq!(error(&rule(r#","when":{"models":[]}"#)).0, "rules[2].when.models");
        assert_eq!(error(&rule(r#","when":{"models":["a*b"]}"#)).0, "rules[2].when.models[0]");
        assert_eq!(error(&rule(r#","when":{"model":["a"]}"#)).0, "rules[2].when.model");
        assert_eq!(error(&rule(r#","overrides":{"":5}"#)).0, "rules[2].overrides");
        assert_eq!(error(&rule(r#","overrides":{"t":-5}"#)).0, "rules[2].overrides.t");
        assert_eq!(error(&rule(r#","name":"a""#)).0, "rules[2].name");
        assert_eq!(
            error(r#"{"rules":[{"name":"Upper","limit":1,"window":"1m"}]}"#).0,
            "rules[0].name"
        );
        assert_eq!(error(r#"{"rules":[{"name":"a","window":"1m"}]}"#).0, "rules[0]");
        assert_eq!(
            error(r#"{"rules":[{"name":"a","limit":-1,"window":"1m"}]}"#).0,
            "rules[0].limit"
        );
        let budget = |extra: &str| {
            let b = merge(r#"{"name":"m","limit_usd":10,"period":"month"}"#, extra);
            format!(r#"{{"budgets":[{b}]}}"#)
        };
        assert!(compile(&budget("")).is_ok());
        assert_eq!(error(&budget(r#","limit_usd":-1"#)).0, "budgets[0].limit_usd");
        assert_eq!(error(&budget(r#","period":"week""#)).0, "budgets[0].period");
        assert_eq!(error(&budget(r#","overrides":{"t":1e12}"#)).0, "budgets[0].overrides.t");
        assert_eq!(error(&budget(r#","on_unpriced":"free""#)).0, "budgets[0].on_unpriced");
        assert_eq!(
            error(r#"{"prices":{"openai":{"gpt-4o":{"input":-1,"output":1}}}}"#).0,
            "prices.openai.gpt-4o.input"
        );
        assert_eq!(
            error(r#"{"prices":{"openai":{"gpt-4o":{"input":1,"output":1,"cached":1}}}}"#).0,
            "prices.openai.gpt-4o.cached"
        );
        assert_eq!(
            error(r#"{"prices":{"openai":{"a*b":{"input":1,"output":1}}}}"#).0,
            "prices.openai.a*b"
        );
        assert_eq!(error(r#"{"global":{"cluster":"w","timeout_ms":0}}"#).0, "global.timeout_ms");
        assert_eq!(error(r#"{"global":{"cluster":""}}"#).0, "global.cluster");
        assert_eq!(
            error(r#"{"global":{"cluster":"w","key_prefix":"a b"}}"#).0,
            "global.key_prefix"
        );
        assert_eq!(error(r#"{"store":{"max_cas_attempts":0}}"#).0, "store.max_cas_attempts");
        assert_eq!(
            error(r#"{"estimate":{"default_output_tokens":100000000}}"#).0,
            "estimate.default_output_tokens"
        );
        assert_eq!(error(r#"{"limits":{}}"#).0, "limits");
        assert_eq!(error(r#"[]"#).0, "");
        let e = compile(&rule(r#","window":"1w""#)).unwrap_err();
        assert!(e.to_string().starts_with("rules[2].window: `1w` is not a window"), "{e}");
    }

    #[test]
    fn defaults() {
        let l = compile(r#"{"rules":[{"name":"a","limit":5,"window":"1m"}]}"#).unwrap();
        let c = &l.counters()[0];
        assert_eq!(c.unit, Unit::Requests);
        assert!(c.window.sliding);
        assert_eq!(c.mode, Mode::Enforce);
        assert_eq!(c.scope, Scope::Local);
        assert_eq!(c.table.slots(), DEFAULT_SLOTS);
        assert_eq!(c.on_table_full, OnTableFull::Share);
        assert!(!c.missing_is_skip);
    }

    #[test]
    fn shapes_differ_by_unit_and_window_but_not_window_type() {
        let w = |s: &str, t: WindowType| Window {
            period: Period::Millis(parse_window(s).unwrap()),
            sliding: t == WindowType::Sliding,
        };
        let a = shape_of(Unit::Requests, &w("1m", WindowType::Fixed));
        assert_eq!(a, shape_of(Unit::Requests, &w("1m", WindowType::Sliding)));
        assert_ne!(a, shape_of(Unit::TotalTokens, &w("1m", WindowType::Fixed)));
        assert_ne!(a, shape_of(Unit::Requests, &w("2m", WindowType::Fixed)));
        assert_ne!(
            shape_of(Unit::NanoUsd, &Window::month()),
            shape_of(Unit::NanoUsd, &w("1d", WindowType::Fixed))
        );
    }
}
