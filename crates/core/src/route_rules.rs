//! Routing in config (`routes`): model aliases, weighted splits, conditions
//! and the downgrade on a refused admission. Compiled once at configure time
//! into indices and precomputed hashes, so choosing a target on the request
//! path allocates nothing: header conditions are read once per request into
//! a bit set (`header_bits`), the session id and request id are hashed, and
//! a rule's split is a walk over cumulative weights.
//!
//! A route is named by the model a client sends (`"fast"`, or a real model
//! such as `"openai/gpt-4o"` to canary it); the route `"*"` takes every
//! model no other route names. Its rules are tried in order and the first
//! whose conditions all hold picks a target (one, or one of a weighted
//! split, sticky per `x-aigw-session-id` when asked).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::headers::Headers;
use aigw_config_error::ConfigError;

/// The route that takes every model no other route names.
pub const CATCH_ALL: &str = "*";
/// The key alias of a provider's `api_key` (Cloudflare's name for the key
/// used when a request names none).
pub const DEFAULT_KEY: &str = "default";
/// Header conditions a config may hold (one bit each per request).
const MAX_HEADER_CONDITIONS: usize = 64;
const MAX_WEIGHT: u32 = 1_000_000;

// ---------------------------------------------------------------- raw form

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRoute {
    #[serde(default)]
    rules: Vec<RawRule>,
    /// Where a request goes instead of a 429 when a limit or budget refuses it.
    #[serde(default)]
    downgrade: Option<RawTarget>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    when: RawWhen,
    #[serde(default)]
    target: Option<String>,
    #[serde(default)]
    key: Option<String>,
    #[serde(default)]
    split: Vec<RawTarget>,
    #[serde(default)]
    sticky: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawWhen {
    #[serde(default)]
    tenant: Option<OneOrMany>,
    #[serde(default)]
    metadata: BTreeMap<String, OneOrMany>,
    #[serde(default)]
    header: BTreeMap<String, OneOrMany>,
    #[serde(default)]
    model: Option<OneOrMany>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    target: String,
    #[serde(default)]
    key: Option<String>,
    #[serde(default)]
    weight: Option<u32>,
}

// ---------------------------------------------------------------- compiled form

/// Every route, compiled.
#[derive(Debug, Default, Clone)]
pub struct Routes {
    routes: Vec<Route>,
    catch_all: Option<usize>,
    /// (header name, accepted values): bit `i` of `header_bits` is condition `i`.
    header_conditions: Vec<(String, Vec<Vec<u8>>)>,
    /// Every key alias of every provider (`x-aigw-byok-alias` is checked
    /// against this on the request headers, before the provider is known).
    key_aliases: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Route {
    pub name: String,
    pub rules: Vec<Rule>,
    pub downgrade: Option<Target>,
    /// Every target is on this provider: the route also applies on that
    /// provider's own path (`/openai/v1/...` with `"model": "fast"`).
    pub single_provider: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Rule {
    /// `rules[i].name`, else `rule<i>`: what the response header and log name.
    pub name: String,
    when: Vec<Condition>,
    pub targets: Vec<Target>,
    /// Sum of the targets' weights.
    total: u64,
    sticky: bool,
}

#[derive(Debug, Clone)]
enum Condition {
    Tenant(Vec<String>),
    /// A metadata key and the values (as the client's JSON writes them) it may hold.
    Metadata(String, Vec<String>),
    /// Bit in `header_bits`.
    Header(u32),
    Model(Vec<Glob>),
}

#[derive(Debug, Clone)]
enum Glob {
    Exact(String),
    Prefix(String),
}

impl Glob {
    fn new(s: String) -> Glob {
        match s.strip_suffix('*') {
            Some(p) => Glob::Prefix(p.to_string()),
            None => Glob::Exact(s),
        }
    }

    fn matches(&self, s: &str) -> bool {
        match self {
            Glob::Exact(e) => e == s,
            Glob::Prefix(p) => s.starts_with(p.as_str()),
        }
    }
}

/// Where a routed request goes.
#[derive(Debug, Clone)]
pub struct Target {
    pub provider: usize,
    /// None: the model the client asked for (without its provider prefix).
    pub model: Option<String>,
    /// Index into the provider's `keys`; None: its `api_key`.
    pub key: Option<usize>,
    weight: u32,
}

/// What a request brings to the rules. All borrowed or precomputed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Inputs<'a> {
    pub tenant: Option<&'a str>,
    pub metadata: Option<&'a Map<String, Value>>,
    pub header_bits: u64,
    /// The model as the client named it.
    pub model: &'a str,
    /// Hash of `x-aigw-session-id`, if sent.
    pub session: Option<u64>,
    /// Hash of the request id (the draw of a non-sticky split).
    pub draw: u64,
}

/// What the rules chose: the rule and the target (indices into the route).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub rule: usize,
    pub target: usize,
}

impl Routes {
    pub fn is_empty(&self) -> bool {
        self.routes.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<&Route> {
        self.routes.get(index)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Route> {
        self.routes.iter()
    }

    /// The route for a model name: its own, else the catch-all.
    pub fn find(&self, model: &str) -> Option<usize> {
        self.routes.iter().position(|r| r.name == model).or(self.catch_all)
    }

    /// Whether `index` is the catch-all (it never refuses a model it cannot route).
    pub fn is_catch_all(&self, index: usize) -> bool {
        self.catch_all == Some(index)
    }

    /// One bit per header condition, read on the request headers.
    pub fn header_bits(&self, h: &Headers) -> u64 {
        let mut bits = 0u64;
        for (i, (name, values)) in self.header_conditions.iter().enumerate() {
            if let Some(v) = h.get(name) {
                if values.iter().any(|x| x.as_slice() == v) {
                    bits |= 1 << i;
                }
            }
        }
        bits
    }

    /// Whether any provider has a key with this alias.
    pub fn knows_alias(&self, alias: &[u8]) -> bool {
        alias == DEFAULT_KEY.as_bytes() || self.key_aliases.iter().any(|a| a.as_bytes() == alias)
    }

    /// The first rule of `route` whose conditions all hold, and its target.
    pub fn choose(&self, route: usize, inp: &Inputs) -> Option<Choice> {
        let r = self.routes.get(route)?;
        let rule = r.rules.iter().position(|rule| rule.when.iter().all(|c| c.holds(inp)))?;
        let target = r.rules.get(rule)?.pick(inp);
        Some(Choice { rule, target })
    }
}

impl Condition {
    fn holds(&self, inp: &Inputs) -> bool {
        match self {
            Condition::Tenant(t) => inp.tenant.is_some_and(|x| t.iter().any(|t| t == x)),
            Condition::Metadata(key, values) => inp
                .metadata
                .and_then(|m| m.get(key))
                .is_some_and(|v| values.iter().any(|x| json_equals(v, x))),
            Condition::Header(bit) => inp.header_bits & (1u64 << bit) != 0,
            Condition::Model(globs) => globs.iter().any(|g| g.matches(inp.model)),
        }
    }
}

/// A metadata value against a config string: strings as they are, numbers
/// and booleans as JSON writes them, without formatting the value.
fn json_equals(v: &Value, s: &str) -> bool {
    match v {
        Value::String(x) => x == s,
        Value::Bool(b) => s == if *b { "true" } else { "false" },
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => s.parse::<i64>().is_ok_and(|x| x == i),
            (_, Some(u), _) => s.parse::<u64>().is_ok_and(|x| x == u),
            (_, _, Some(f)) => s.parse::<f64>().is_ok_and(|x| x == f),
            _ => false,
        },
        _ => false,
    }
}

impl Rule {
    /// The target of a split: a point in `[0, total)` from the session's
    /// hash (sticky) or the request's, walked over cumulative weights.
    fn pick(&self, inp: &Inputs) -> usize {
        if self.targets.len() < 2 || self.total == 0 {
            return 0;
        }
        let seed = match (self.sticky, inp.session) {
            (true, Some(s)) => s,
            _ => inp.draw,
        };
        let mut point = mix(seed) % self.total;
        for (i, t) in self.targets.iter().enumerate() {
            let w = u64::from(t.weight);
            if point < w {
                return i;
            }
            point -= w;
        }
        0
    }
}

/// FNV-1a over bytes: the session id's and request id's hash (stable across
/// workers and restarts: no per-process key).
pub fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A finaliser (splitmix64's): FNV's low bits alone are not uniform enough
/// for a modulo.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

// ---------------------------------------------------------------- compile

/// A provider as the rules see it: its name and its key aliases, in the
/// config's order (targets keep indices into both).
pub struct ProviderKeys<'a> {
    pub name: &'a str,
    pub keys: Vec<&'a str>,
}

/// Compiles `routes` against the compiled providers.
pub fn compile(
    raw: BTreeMap<String, RawRoute>,
    providers: &[ProviderKeys],
) -> Result<Routes, ConfigError> {
    let mut out = Routes::default();
    for p in providers {
        for alias in &p.keys {
            if !out.key_aliases.iter().any(|a| a == alias) {
                out.key_aliases.push(alias.to_string());
            }
        }
    }
    for (name, r) in raw {
        let field = format!("routes.{name}");
        if name.is_empty() || name.len() > 256 {
            return Err(ConfigError::new(field, "a route name is 1-256 characters"));
        }
        let mut rules = Vec::with_capacity(r.rules.len());
        for (i, rule) in r.rules.into_iter().enumerate() {
            rules.push(compile_rule(&format!("{field}.rules[{i}]"), i, rule, providers, &mut out)?);
        }
        let downgrade = match r.downgrade {
            Some(t) => {
                let f = format!("{field}.downgrade");
                if t.weight.is_some() {
                    return Err(ConfigError::new(format!("{f}.weight"), "only applies in a split"));
                }
                Some(compile_target(&f, &t.target, t.key.as_deref(), 1, providers)?)
            }
            None => None,
        };
        if rules.is_empty() && downgrade.is_none() {
            return Err(ConfigError::new(field, "needs rules, a downgrade, or both"));
        }
        let mut all = rules.iter().flat_map(|r| r.targets.iter()).chain(downgrade.iter());
        let first = all.next().map(|t| t.provider);
        let single_provider = first.filter(|p| all.all(|t| t.provider == *p));
        if name == CATCH_ALL {
            out.catch_all = Some(out.routes.len());
        }
        out.routes.push(Route { name, rules, downgrade, single_provider });
    }
    Ok(out)
}

fn compile_rule(
    field: &str,
    index: usize,
    r: RawRule,
    providers: &[ProviderKeys],
    out: &mut Routes,
) -> Result<Rule, ConfigError> {
    let name = r.name.unwrap_or_else(|| format!("rule{index}"));
    if name.is_empty() || name.len() > 64 || !name.bytes().all(|b| (0x21..0x7f).contains(&b)) {
        return Err(ConfigError::new(format!("{field}.name"), "1-64 visible ASCII characters"));
    }
    let targets = match (r.target, r.split.is_empty()) {
        (Some(t), true) => {
            if r.sticky {
                return Err(ConfigError::new(format!("{field}.sticky"), "only applies to a split"));
            }
            vec![compile_target(&format!("{field}.target"), &t, r.key.as_deref(), 1, providers)?]
        }
        (None, false) => {
            if r.key.is_some() {
                return Err(ConfigError::new(
                    format!("{field}.key"),
                    "a split names a key per target",
                ));
            }
            let mut ts = Vec::with_capacity(r.split.len());
            for (i, t) in r.split.iter().enumerate() {
                let f = format!("{field}.split[{i}]");
                let w = t.weight.ok_or_else(|| {
                    ConfigError::new(format!("{f}.weight"), "required in a split")
                })?;
                if w == 0 || w > MAX_WEIGHT {
                    return Err(ConfigError::new(
                        format!("{f}.weight"),
                        format!("must be between 1 and {MAX_WEIGHT}"),
                    ));
                }
                ts.push(compile_target(
                    &format!("{f}.target"),
                    &t.target,
                    t.key.as_deref(),
                    w,
                    providers,
                )?);
            }
            ts
        }
        (Some(_), false) => {
            return Err(ConfigError::new(field, "takes either target or split, not both"))
        }
        (None, true) => return Err(ConfigError::new(field, "needs a target or a split")),
    };
    let mut when = Vec::new();
    let w = r.when;
    if let Some(t) = w.tenant {
        when.push(Condition::Tenant(t.into_vec()));
    }
    for (k, v) in w.metadata {
        when.push(Condition::Metadata(k, v.into_vec()));
    }
    for (k, v) in w.header {
        let name = k.to_ascii_lowercase();
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b))
        {
            return Err(ConfigError::new(format!("{field}.when.header.{k}"), "not a header name"));
        }
        if out.header_conditions.len() >= MAX_HEADER_CONDITIONS {
            return Err(ConfigError::new(
                format!("{field}.when.header.{k}"),
                format!("at most {MAX_HEADER_CONDITIONS} header conditions in all routes"),
            ));
        }
        let bit = out.header_conditions.len() as u32;
        out.header_conditions
            .push((name, v.into_vec().into_iter().map(String::into_bytes).collect()));
        when.push(Condition::Header(bit));
    }
    if let Some(m) = w.model {
        when.push(Condition::Model(m.into_vec().into_iter().map(Glob::new).collect()));
    }
    let total = targets.iter().map(|t| u64::from(t.weight)).sum();
    Ok(Rule { name, when, targets, total, sticky: r.sticky })
}

/// `"<provider>/<model>"`, or `"<provider>"` for the model the client named.
fn compile_target(
    field: &str,
    target: &str,
    key: Option<&str>,
    weight: u32,
    providers: &[ProviderKeys],
) -> Result<Target, ConfigError> {
    let (name, model) = match target.split_once('/') {
        Some((p, m)) => (p, Some(m)),
        None => (target, None),
    };
    if model.is_some_and(|m| m.is_empty() || m.len() > 256) {
        return Err(ConfigError::new(field, "the model after '/' must be 1-256 characters"));
    }
    let provider = providers.iter().position(|p| p.name == name).ok_or_else(|| {
        ConfigError::new(field, format!("no provider named {name:?}; write \"<provider>/<model>\""))
    })?;
    let key = match key {
        None => None,
        Some(DEFAULT_KEY) => None,
        Some(k) => {
            let keys = providers.get(provider).map(|p| p.keys.as_slice()).unwrap_or_default();
            Some(keys.iter().position(|a| *a == k).ok_or_else(|| {
                ConfigError::new(
                    field.trim_end_matches(".target").to_string() + ".key",
                    format!("provider {name:?} has no key aliased {k:?} (under its keys)"),
                )
            })?)
        }
    };
    Ok(Target { provider, model: model.map(str::to_string), key, weight })
}

#[cfg(test)]
mod tests;
