//! The plugin configuration: one versioned JSON document, parsed strictly
//! (unknown fields are errors) and compiled once at `on_configure`.
//!
//! Every error names the offending field as a path, e.g.
//! `providers.openai.base_url: ...`, so a bad config is fixed from one log line.

use std::collections::BTreeMap;

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::auth::{Auth, Token};
use crate::formats::{anthropic, openai, Format};
use crate::secret::{RawSecretRef, Secret};

pub const CONFIG_VERSION: u32 = 1;
const DEFAULT_MAX_BODY_BYTES: u64 = 8 * 1024 * 1024;
const MAX_MAX_BODY_BYTES: u64 = 256 * 1024 * 1024;
const DEFAULT_ANTHROPIC_VERSION: &str = "2023-06-01";
/// Names a provider cannot take: they are, or will be, gateway endpoints.
const RESERVED_NAMES: &[&str] = &["compat", "aigw", "__aigw"];

// ---------------------------------------------------------------- raw form

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    version: u32,
    providers: BTreeMap<String, RawProvider>,
    #[serde(default)]
    auth: Option<RawAuth>,
    #[serde(default)]
    request: RawRequest,
    #[serde(default)]
    envoy: RawEnvoy,
    #[serde(default)]
    memory: RawMemory,
    #[serde(default)]
    metrics: RawMetrics,
    #[serde(default)]
    otel: crate::otel::RawOtel,
    #[serde(default)]
    cache: crate::cache::RawCache,
    #[serde(default)]
    limits: Option<aigw_limits::LimitsConfig>,
    #[serde(default)]
    dlp: Option<aigw_dlp::Config>,
    #[serde(default)]
    policies: BTreeMap<String, crate::policy::RawPolicy>,
    /// The policy for requests no tenant or provider policy covers.
    #[serde(default)]
    policy: Option<String>,
    #[serde(default)]
    logs: crate::log_controls::RawLogs,
    /// Model aliases, weighted splits, conditions, downgrades (`route_rules`).
    #[serde(default)]
    routes: BTreeMap<String, crate::route_rules::RawRoute>,
    /// MCP servers behind `/mcp/{server}/...` (`mcp`).
    #[serde(default)]
    mcp: Option<crate::mcp::RawMcp>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvider {
    kind: ProviderKind,
    #[serde(default)]
    base_url: Option<String>,
    #[serde(default)]
    cluster: Option<String>,
    #[serde(default)]
    api_key: Option<RawSecretRef>,
    /// More keys, by alias (routes and `x-aigw-byok-alias` pick them).
    #[serde(default)]
    keys: BTreeMap<String, RawSecretRef>,
    #[serde(default)]
    anthropic_version: Option<String>,
    /// Azure OpenAI: the `api-version` for requests that carry none.
    #[serde(default)]
    api_version: Option<String>,
    /// Bedrock: the AWS region (host name and signature scope).
    #[serde(default)]
    region: Option<String>,
    /// Bedrock: the environment variables of the credentials it signs with.
    #[serde(default)]
    aws_credentials: Option<crate::bedrock::RawCredentials>,
    #[serde(default)]
    inject_stream_usage: Option<bool>,
    #[serde(default)]
    cache: crate::cache::ProviderCache,
    #[serde(default)]
    chat_path: Option<String>,
    #[serde(default)]
    models: Vec<String>,
    #[serde(default)]
    translate: RawTranslate,
    #[serde(default)]
    retry: Option<crate::resilience::retry::RawRetry>,
    #[serde(default)]
    timeout_ms: Option<u64>,
    /// The longest `x-aigw-request-timeout` a client may ask for (default:
    /// each step's `timeout_ms`, so a client can only shorten it).
    #[serde(default)]
    client_max_timeout_ms: Option<u64>,
    #[serde(default)]
    circuit_breaker: Option<crate::resilience::breaker::RawBreaker>,
    #[serde(default)]
    fallback: Vec<crate::resilience::RawStep>,
    #[serde(default)]
    policy: Option<String>,
    /// Endpoints opened beyond the built-in allow-list.
    #[serde(default)]
    endpoints: Vec<crate::endpoints::RawEndpoint>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawTranslate {
    #[serde(default)]
    default_max_tokens: Option<u64>,
    #[serde(default)]
    drop_unsupported: bool,
    #[serde(default)]
    sampling: Option<RawSampling>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum RawSampling {
    All,
    TemperatureOrTopP,
    None,
}

/// How requests translated for this provider are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslateSettings {
    pub default_max_tokens: u64,
    pub drop_unsupported: bool,
    pub sampling: aigw_translate::Sampling,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAuth {
    tokens: Vec<RawToken>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawToken {
    name: String,
    #[serde(default)]
    sha256: Option<String>,
    #[serde(default)]
    env: Option<String>,
    #[serde(default)]
    policy: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequest {
    #[serde(default = "default_max_body")]
    max_body_bytes: u64,
}

impl Default for RawRequest {
    fn default() -> Self {
        RawRequest { max_body_bytes: DEFAULT_MAX_BODY_BYTES }
    }
}

fn default_max_body() -> u64 {
    DEFAULT_MAX_BODY_BYTES
}

/// `memory`: the per-VM budget for the bytes the filter keeps between
/// callbacks (see `crate::memory`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMemory {
    #[serde(default = "default_max_held")]
    max_held_bytes: u64,
}

impl Default for RawMemory {
    fn default() -> Self {
        RawMemory { max_held_bytes: default_max_held() }
    }
}

fn default_max_held() -> u64 {
    crate::memory::DEFAULT_MAX_HELD_BYTES
}

/// `metrics`: the labelled metrics (docs/metrics.md).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMetrics {
    #[serde(default = "yes")]
    enabled: bool,
}

impl Default for RawMetrics {
    fn default() -> Self {
        RawMetrics { enabled: true }
    }
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEnvoy {
    #[serde(default = "default_cluster_header")]
    cluster_header: Option<String>,
}

impl Default for RawEnvoy {
    fn default() -> Self {
        RawEnvoy { cluster_header: default_cluster_header() }
    }
}

fn default_cluster_header() -> Option<String> {
    Some(crate::headers::DEFAULT_CLUSTER_HEADER.to_string())
}

// ---------------------------------------------------------------- compiled form

/// A provider's kind; its wire format is `ProviderKind::format` (in
/// `formats`), what it adds to it is in `kinds` (Azure's paths and key
/// header, the presets' quirks). Named in the config by its `as_str`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum ProviderKind {
    OpenAi,
    Anthropic,
    OpenAiCompatible,
    AzureOpenAi,
    /// AWS Bedrock's Converse API, signed with SigV4 (`bedrock`).
    Bedrock,
    /// Google's Gemini API (AI Studio), in its own format.
    Gemini,
    /// An OpenAI-compatible cloud with a preset base URL (`presets`).
    Preset(&'static crate::presets::Preset),
}

impl ProviderKind {
    /// The one place a provider kind is mapped to its format.
    pub fn format(self) -> Format {
        match self {
            ProviderKind::Anthropic => Format::Anthropic,
            ProviderKind::Bedrock => Format::Bedrock,
            ProviderKind::Gemini => Format::Gemini,
            ProviderKind::OpenAi
            | ProviderKind::OpenAiCompatible
            | ProviderKind::AzureOpenAi
            | ProviderKind::Preset(_) => Format::OpenAi,
        }
    }
}

impl ProviderKind {
    /// The kinds that are not presets, as the config names them.
    const NAMED: [ProviderKind; 6] = [
        ProviderKind::OpenAi,
        ProviderKind::Anthropic,
        ProviderKind::OpenAiCompatible,
        ProviderKind::AzureOpenAi,
        ProviderKind::Bedrock,
        ProviderKind::Gemini,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProviderKind::OpenAi => "openai",
            ProviderKind::Anthropic => "anthropic",
            ProviderKind::OpenAiCompatible => "openai_compatible",
            ProviderKind::AzureOpenAi => "azure_openai",
            ProviderKind::Bedrock => "bedrock",
            ProviderKind::Gemini => "gemini",
            ProviderKind::Preset(p) => p.name,
        }
    }

    fn default_base_url(self) -> Option<&'static str> {
        match self {
            ProviderKind::OpenAi => Some(openai::DEFAULT_BASE_URL),
            ProviderKind::Anthropic => Some(anthropic::DEFAULT_BASE_URL),
            ProviderKind::Gemini => Some(crate::formats::gemini::DEFAULT_BASE_URL),
            ProviderKind::Preset(p) => Some(p.base_url),
            // Azure's is the operator's own resource; Bedrock's names the
            // region (`bedrock::default_base_url`).
            ProviderKind::OpenAiCompatible | ProviderKind::AzureOpenAi | ProviderKind::Bedrock => {
                None
            }
        }
    }
}

impl TryFrom<String> for ProviderKind {
    type Error = String;

    fn try_from(name: String) -> Result<Self, String> {
        if let Some(k) = Self::NAMED.into_iter().find(|k| k.as_str() == name) {
            return Ok(k);
        }
        if let Some(p) = crate::presets::find(&name) {
            return Ok(ProviderKind::Preset(p));
        }
        let all: Vec<&str> = Self::NAMED
            .iter()
            .map(|k| k.as_str())
            .chain(crate::presets::PRESETS.iter().map(|p| p.name))
            .collect();
        Err(format!("unknown provider kind {name:?}, expected one of {}", all.join(", ")))
    }
}

#[derive(Debug, Clone)]
pub struct Provider {
    pub name: String,
    pub kind: ProviderKind,
    /// `host[:port]` for `:authority` upstream.
    pub authority: String,
    /// Path prefix of the base URL, without a trailing slash (may be empty).
    pub path_prefix: String,
    /// Envoy cluster the request goes to.
    pub cluster: String,
    /// The key the gateway holds; None means the client's key passes through.
    pub api_key: Option<Secret>,
    /// More keys by alias (`keys`); the alias `default` names `api_key`.
    pub keys: Vec<(String, Secret)>,
    pub anthropic_version: String,
    /// Added as `api-version` to requests of Azure's dated API without one.
    pub api_version: Option<String>,
    /// Ask OpenAI-style providers for usage on streams (stripped again from
    /// what the client sees when it did not ask for it itself).
    pub inject_stream_usage: bool,
    /// This provider's cache overrides.
    pub cache: crate::cache::ProviderCache,
    /// The chat endpoint under the base URL (fallback callouts, /compat).
    pub chat_path: String,
    /// Models listed by `GET /compat/models` (as `<provider>/<model>`).
    pub models: Vec<String>,
    pub translate: TranslateSettings,
    pub retry: crate::resilience::retry::Policy,
    /// Our own limit on the time to the first byte of each attempt.
    pub timeout_ms: Option<u64>,
    /// The longest per-request timeout a client may ask for.
    pub client_max_timeout_ms: Option<u64>,
    pub breaker: Option<crate::resilience::breaker::Breaker>,
    /// Bedrock: the region and the credentials requests are signed with.
    pub aws: Option<Box<crate::bedrock::Aws>>,
    /// Steps after this provider (step 0) when it fails.
    pub fallback: Vec<crate::resilience::Step>,
    /// Index into `Config::policies` for this route.
    pub policy: Option<usize>,
    /// Endpoints the operator opened beyond the built-in allow-list.
    pub endpoints: Vec<crate::endpoints::Endpoint>,
}

impl Provider {
    /// The key the gateway sends: the alias's (index into `keys`), else `api_key`.
    pub fn key(&self, alias: Option<usize>) -> Option<&Secret> {
        alias.and_then(|i| self.keys.get(i)).map(|(_, s)| s).or(self.api_key.as_ref())
    }

    /// The index of a key alias; `Some(None)` for `default` (`api_key`).
    pub fn key_alias(&self, alias: &[u8]) -> Option<Option<usize>> {
        if alias == crate::route_rules::DEFAULT_KEY.as_bytes() {
            return self.api_key.is_some().then_some(None);
        }
        self.keys.iter().position(|(a, _)| a.as_bytes() == alias).map(Some)
    }

    /// Whether a failure of this provider can be retried or fall back.
    pub fn resilient(&self) -> bool {
        self.retry.max_attempts > 1 || !self.fallback.is_empty() || self.timeout_ms.is_some()
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub providers: Vec<Provider>,
    pub auth: Option<Auth>,
    pub max_body_bytes: usize,
    /// The VM's memory account (`memory.max_held_bytes`), shared by its requests.
    pub memory: std::rc::Rc<crate::memory::Ledger>,
    /// Whether the VM runs with `allow_on_headers_stop_iteration`, once a
    /// paused request has shown it (`exchange/body_watch`).
    pub stop_iteration_allowed: std::cell::Cell<Option<bool>>,
    pub cluster_header: Option<String>,
    /// What the log record may hold beyond its counts.
    pub logs: crate::log_controls::LogControls,
    pub cache: crate::cache::CacheConfig,
    /// Rate limits, token limits, budgets and the price table.
    pub limits: Option<aigw_limits::Limiter>,
    pub policies: Vec<std::rc::Rc<crate::policy::Policy>>,
    /// The default policy (index into `policies`).
    pub policy: Option<usize>,
    /// Policy per tenant (token name → index into `policies`), sorted by name.
    pub tenant_policies: Vec<(String, usize)>,
    /// Model aliases, splits and conditions (`routes`).
    pub routes: crate::route_rules::Routes,
    /// Whether requests publish the labelled metrics (`metrics.enabled`).
    pub metrics_enabled: bool,
    /// MCP servers (`/mcp/{server}/...`), when configured.
    pub mcp: Option<std::rc::Rc<crate::mcp::McpConfig>>,
    /// Whether requests hand their OpenTelemetry attributes to Envoy
    /// (`otel.attributes`, docs/otel.md).
    pub otel_attributes: bool,
}

impl Config {
    /// Whether any request can be cached (globally or by a provider's
    /// override): a request's cache key inputs are kept only then.
    pub fn cache_may_apply(&self) -> bool {
        self.cache.enabled || self.providers.iter().any(|p| p.cache.enabled == Some(true))
    }

    /// The policy for a request: the tenant's, else the route's, else the
    /// default.
    pub fn policy_for(
        &self,
        tenant: Option<&str>,
        provider: Option<&Provider>,
    ) -> Option<&std::rc::Rc<crate::policy::Policy>> {
        let by_tenant = tenant.and_then(|t| {
            let i = self.tenant_policies.binary_search_by(|(n, _)| n.as_str().cmp(t)).ok()?;
            self.tenant_policies.get(i).map(|(_, p)| *p)
        });
        by_tenant
            .or(provider.and_then(|p| p.policy))
            .or(self.policy)
            .and_then(|i| self.policies.get(i))
    }
}

/// A config error: the path of the offending field and what is wrong (one
/// type for every config parser, the `dlp` and `limits` sections included).
pub use aigw_config_error::ConfigError;

fn err(field: impl Into<String>, message: impl Into<String>) -> ConfigError {
    ConfigError::new(field, message)
}

/// What compiling produced besides the config: things an operator should see.
pub type Warnings = Vec<String>;

impl Config {
    pub fn provider(&self, name: &str) -> Option<&Provider> {
        self.provider_index(name).map(|(_, p)| p)
    }

    pub fn provider_index(&self, name: &str) -> Option<(usize, &Provider)> {
        self.providers.iter().enumerate().find(|(_, p)| p.name == name)
    }

    /// Parses and validates a config document. `env` resolves environment
    /// variables (the VM's environment in Envoy; a map in tests).
    pub fn parse(
        bytes: &[u8],
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<(Config, Warnings), ConfigError> {
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(err("", "the plugin configuration is empty; expected a JSON object"));
        }
        let de = &mut serde_json::Deserializer::from_slice(bytes);
        let raw: RawConfig =
            serde_path_to_error::deserialize(de).map_err(ConfigError::from_serde)?;
        compile(raw, env)
    }
}

fn compile(
    raw: RawConfig,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<(Config, Warnings), ConfigError> {
    let mut warnings = Vec::new();
    if raw.version != CONFIG_VERSION {
        return Err(err(
            "version",
            format!(
                "unsupported version {}; this gateway reads version {}",
                raw.version, CONFIG_VERSION
            ),
        ));
    }
    if raw.providers.is_empty() {
        return Err(err("providers", "at least one provider is required"));
    }
    let cache = crate::cache::compile(raw.cache)
        .map_err(|e| err(format!("cache.{}", e.field), e.message))?;
    let mut providers = Vec::with_capacity(raw.providers.len());
    let mut fallbacks = Vec::with_capacity(raw.providers.len());
    let mut provider_policies = Vec::with_capacity(raw.providers.len());
    for (name, mut p) in raw.providers {
        fallbacks.push(std::mem::take(&mut p.fallback));
        provider_policies.push(p.policy.take());
        let mut provider = compile_provider(&name, p, env, &mut warnings)?;
        if let Some(b) = provider.breaker.as_mut() {
            b.gauge = raw.metrics.enabled;
        }
        if let Some(ttl) = provider.cache.ttl_s {
            if ttl == 0 || ttl > cache.max_ttl_s {
                return Err(err(
                    format!("providers.{name}.cache.ttl_s"),
                    format!("must be between 1 and cache.max_ttl_s ({})", cache.max_ttl_s),
                ));
            }
        }
        providers.push(provider);
    }
    compile_fallbacks(&mut providers, fallbacks)?;
    let keys: Vec<crate::route_rules::ProviderKeys> = providers
        .iter()
        .map(|p| crate::route_rules::ProviderKeys {
            name: &p.name,
            keys: p.keys.iter().map(|(a, _)| a.as_str()).collect(),
        })
        .collect();
    let routes = crate::route_rules::compile(raw.routes, &keys)?;
    let token_policies: Vec<(String, Option<String>)> = raw
        .auth
        .as_ref()
        .map(|a| a.tokens.iter().map(|t| (t.name.clone(), t.policy.clone())).collect())
        .unwrap_or_default();
    let auth = match raw.auth {
        Some(a) => Some(compile_auth(a, env)?),
        None => None,
    };
    if raw.request.max_body_bytes == 0 || raw.request.max_body_bytes > MAX_MAX_BODY_BYTES {
        return Err(err(
            "request.max_body_bytes",
            format!("must be between 1 and {MAX_MAX_BODY_BYTES}"),
        ));
    }
    let max_body_bytes = usize::try_from(raw.request.max_body_bytes)
        .map_err(|_| err("request.max_body_bytes", "too large for this platform"))?;
    let held = raw.memory.max_held_bytes;
    if held < raw.request.max_body_bytes || held > crate::memory::MAX_MAX_HELD_BYTES {
        return Err(err(
            "memory.max_held_bytes",
            format!(
                "must be between request.max_body_bytes ({}) and {}",
                raw.request.max_body_bytes,
                crate::memory::MAX_MAX_HELD_BYTES
            ),
        ));
    }
    if raw.request.max_body_bytes > crate::memory::LARGE_BODY_BYTES {
        warnings.push(format!(
            "request.max_body_bytes is {}: parsing one such JSON body can take up to about 30 \
             times its size in the VM, which may exhaust it",
            raw.request.max_body_bytes
        ));
    }
    if held > crate::memory::VM_MEMORY_BYTES / 2 {
        warnings.push(format!(
            "memory.max_held_bytes is {held}: more than half of the {} bytes a Wasm VM can \
             allocate under Envoy's V8; large concurrent requests may exhaust the VM",
            crate::memory::VM_MEMORY_BYTES
        ));
    }
    let cluster_header = match raw.envoy.cluster_header {
        Some(h) => {
            let lower = h.to_ascii_lowercase();
            if !is_token(&lower) {
                return Err(err("envoy.cluster_header", "must be a valid HTTP header name"));
            }
            Some(lower)
        }
        None => None,
    };
    let engine = std::rc::Rc::new(match &raw.dlp {
        Some(d) => aigw_dlp::compile(d).map_err(|e| e.within("dlp"))?,
        None => aigw_dlp::Engine::builtin(),
    });
    let mut policies = Vec::with_capacity(raw.policies.len());
    let mut policy_names = Vec::with_capacity(raw.policies.len());
    for (name, p) in &raw.policies {
        let compiled = crate::policy::Policy::compile(name, p, &engine, env)?;
        policies.push(std::rc::Rc::new(compiled));
        policy_names.push(name.clone());
    }
    let find = |name: &Option<String>, field: String| -> Result<Option<usize>, ConfigError> {
        match name {
            None => Ok(None),
            Some(n) => policy_names
                .iter()
                .position(|x| x == n)
                .map(Some)
                .ok_or_else(|| err(field, format!("no policy named {n:?} under policies"))),
        }
    };
    let default_policy = find(&raw.policy, "policy".into())?;
    for (p, name) in providers.iter_mut().zip(provider_policies) {
        p.policy = find(&name, format!("providers.{}.policy", p.name))?;
    }
    let mut tenant_policies = Vec::new();
    for (i, (tenant, name)) in token_policies.into_iter().enumerate() {
        if let Some(idx) = find(&name, format!("auth.tokens[{i}].policy"))? {
            tenant_policies.push((tenant, idx));
        }
    }
    // Searched by name on every request (`policy_for`); names are unique.
    tenant_policies.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let limits = match raw.limits {
        Some(l) => Some(l.compile().map_err(|e| e.within("limits"))?),
        None => None,
    };
    let mcp = match raw.mcp {
        Some(m) => {
            if providers.iter().any(|p| p.name == "mcp") {
                return Err(err(
                    "providers.mcp",
                    "\"mcp\" is the MCP route's prefix when mcp is configured",
                ));
            }
            let by_name = |n: &str| {
                policy_names.iter().position(|x| x == n).and_then(|i| policies.get(i)).cloned()
            };
            let llm_rules: Vec<&str> =
                limits.iter().flat_map(|l| l.counters().iter().map(|c| c.name())).collect();
            Some(std::rc::Rc::new(m.compile(
                &engine,
                &by_name,
                &llm_rules,
                cache.l2.as_ref(),
                env,
            )?))
        }
        None => None,
    };
    let mut names: Vec<&str> = providers.iter().map(|p| p.name.as_str()).collect();
    if mcp.is_some() {
        // `logs.payloads` rules name the MCP route `mcp`.
        names.push("mcp");
    }
    let logs = raw.logs.compile(&names)?;
    Ok((
        Config {
            providers,
            auth,
            max_body_bytes,
            memory: crate::memory::Ledger::new(held),
            stop_iteration_allowed: std::cell::Cell::new(None),
            cluster_header,
            cache,
            limits,
            policies,
            policy: default_policy,
            tenant_policies,
            logs,
            routes,
            metrics_enabled: raw.metrics.enabled,
            mcp,
            otel_attributes: raw.otel.attributes,
        },
        warnings,
    ))
}

fn compile_provider(
    name: &str,
    p: RawProvider,
    env: &dyn Fn(&str) -> Option<String>,
    warnings: &mut Warnings,
) -> Result<Provider, ConfigError> {
    let field = |f: &str| format!("providers.{name}.{f}");
    let endpoints = crate::endpoints::compile(&p.endpoints, &field("endpoints"))?;
    if !is_provider_name(name) {
        return Err(err(
            format!("providers.{name}"),
            "a provider name is 1-64 characters of a-z, 0-9, '-', '_' and '.', starting with a letter or digit",
        ));
    }
    if RESERVED_NAMES.contains(&name) {
        return Err(err(format!("providers.{name}"), "this name is reserved by the gateway"));
    }
    let aws = compile_aws(&p, env, &field, warnings)?;
    let region_url = aws.as_ref().map(|a| crate::bedrock::default_base_url(&a.region));
    let base = match (&p.base_url, p.kind.default_base_url()) {
        (Some(u), _) => u.as_str(),
        (None, Some(d)) => d,
        (None, None) if region_url.is_some() => region_url.as_deref().unwrap_or_default(),
        (None, None) => {
            return Err(err(field("base_url"), format!("required for kind {}", p.kind.as_str())))
        }
    };
    let (authority, path_prefix) = parse_base_url(base).map_err(|m| err(field("base_url"), m))?;
    let path_prefix = path_prefix.as_str();
    let cluster = p.cluster.unwrap_or_else(|| name.to_string());
    if cluster.is_empty() {
        return Err(err(field("cluster"), "must not be empty"));
    }
    let api_key = match p.api_key {
        Some(r) => {
            if r.env.is_empty() {
                return Err(err(field("api_key.env"), "must name an environment variable"));
            }
            match env(&r.env).filter(|v| !v.is_empty()) {
                Some(v) => {
                    if !v.bytes().all(|b| (0x21..0x7f).contains(&b)) {
                        return Err(err(
                            field("api_key.env"),
                            format!("{} holds characters not allowed in a header", r.env),
                        ));
                    }
                    Some(Secret::new(v))
                }
                None => {
                    warnings.push(format!(
                        "{}: environment variable {} is not set; clients' own keys pass through",
                        field("api_key.env"),
                        r.env
                    ));
                    None
                }
            }
        }
        None => None,
    };
    let mut keys = Vec::with_capacity(p.keys.len());
    for (alias, r) in &p.keys {
        let f = field(&format!("keys.{alias}"));
        if alias == crate::route_rules::DEFAULT_KEY || !is_provider_name(alias) {
            return Err(err(
                f,
                "an alias is 1-64 characters of a-z, 0-9, '-', '_' and '.', and not \"default\" (api_key's)",
            ));
        }
        let secret = Secret::from_env(&r.env, env).ok_or_else(|| {
            err(
                format!("{f}.env"),
                format!(
                    "environment variable {:?} is not set, empty, or not a header value",
                    r.env
                ),
            )
        })?;
        keys.push((alias.clone(), secret));
    }
    if p.anthropic_version.is_some() && p.kind != ProviderKind::Anthropic {
        return Err(err(field("anthropic_version"), "only applies to kind anthropic"));
    }
    let anthropic_version =
        p.anthropic_version.unwrap_or_else(|| DEFAULT_ANTHROPIC_VERSION.to_string());
    if anthropic_version.is_empty() || !anthropic_version.bytes().all(|b| (0x21..0x7f).contains(&b))
    {
        return Err(err(field("anthropic_version"), "must be a non-empty header value"));
    }
    let api_version = match (p.api_version, p.kind.default_api_version()) {
        (Some(_), None) => {
            return Err(err(field("api_version"), "only applies to kind azure_openai"))
        }
        (Some(v), Some(_)) => Some(v),
        (None, d) => d.map(str::to_string),
    };
    if let Some(v) = &api_version {
        if v.is_empty() || !v.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b)) {
            return Err(err(field("api_version"), "must be a version such as \"2024-10-21\""));
        }
    }
    let takes_options = p.kind.takes_stream_options();
    if p.inject_stream_usage == Some(true) && !takes_options {
        return Err(err(
            field("inject_stream_usage"),
            format!(
                "{} refuses stream_options; it reports usage at the end of every stream",
                p.kind.as_str()
            ),
        ));
    }
    let inject_stream_usage =
        p.inject_stream_usage.unwrap_or(p.kind.format().asks_stream_usage() && takes_options);
    let chat_path = match &p.chat_path {
        Some(cp) => {
            if !cp.starts_with('/') || !cp.bytes().all(|b| (0x21..0x7f).contains(&b)) {
                return Err(err(field("chat_path"), "must be a path starting with '/'"));
            }
            cp.clone()
        }
        None => p.kind.default_chat_path(path_prefix),
    };
    for (i, m) in p.models.iter().enumerate() {
        if m.is_empty() || m.len() > 256 {
            return Err(err(field(&format!("models[{i}]")), "must be 1-256 characters"));
        }
    }
    let default_max_tokens = p.translate.default_max_tokens.unwrap_or(4096);
    if default_max_tokens == 0 || default_max_tokens > 1_000_000 {
        return Err(err(field("translate.default_max_tokens"), "must be between 1 and 1000000"));
    }
    let translate = TranslateSettings {
        default_max_tokens,
        drop_unsupported: p.translate.drop_unsupported,
        sampling: match p.translate.sampling {
            None | Some(RawSampling::All) => aigw_translate::Sampling::All,
            Some(RawSampling::TemperatureOrTopP) => aigw_translate::Sampling::TemperatureOrTopP,
            Some(RawSampling::None) => aigw_translate::Sampling::None,
        },
    };
    let retry = match &p.retry {
        Some(r) => crate::resilience::retry::compile(r)
            .map_err(|e| err(field(&format!("retry.{}", e.field)), e.message))?,
        None => crate::resilience::retry::Policy::default(),
    };
    let timeout_ms = crate::resilience::check_timeout(p.timeout_ms, &field("timeout_ms"))?;
    let client_max_timeout_ms =
        crate::resilience::check_timeout(p.client_max_timeout_ms, &field("client_max_timeout_ms"))?;
    let breaker = match &p.circuit_breaker {
        Some(b) => Some(
            crate::resilience::breaker::compile(b)
                .map_err(|e| err(field(&format!("circuit_breaker.{}", e.field)), e.message))?,
        ),
        None => None,
    };
    Ok(Provider {
        name: name.to_string(),
        kind: p.kind,
        authority,
        path_prefix: path_prefix.to_string(),
        cluster,
        api_key,
        keys,
        anthropic_version,
        api_version,
        inject_stream_usage,
        cache: p.cache,
        chat_path: format!("{path_prefix}{chat_path}"),
        models: p.models,
        translate,
        retry,
        timeout_ms,
        client_max_timeout_ms,
        breaker,
        aws,
        // Resolved once every provider is known (compile_fallbacks).
        fallback: Vec::new(),
        policy: None,
        endpoints,
    })
}

impl Provider {
    /// Whether the gateway signs this provider's requests itself (Bedrock
    /// with credentials): like a held key, the client's own never counts.
    pub fn signs(&self) -> bool {
        self.aws.as_ref().is_some_and(|a| a.credentials.is_some())
    }
}

/// Bedrock's region and credentials (required region; credentials from
/// the environment, or none: clients' signatures pass through).
fn compile_aws(
    p: &RawProvider,
    env: &dyn Fn(&str) -> Option<String>,
    field: &dyn Fn(&str) -> String,
    warnings: &mut Warnings,
) -> Result<Option<Box<crate::bedrock::Aws>>, ConfigError> {
    if p.kind != ProviderKind::Bedrock {
        if p.region.is_some() {
            return Err(err(field("region"), "only applies to kind bedrock"));
        }
        if p.aws_credentials.is_some() {
            return Err(err(field("aws_credentials"), "only applies to kind bedrock"));
        }
        return Ok(None);
    }
    let region = match &p.region {
        Some(r) if crate::bedrock::valid_region(r) => r.clone(),
        Some(_) => return Err(err(field("region"), "must be an AWS region such as \"us-east-1\"")),
        None => return Err(err(field("region"), "required for kind bedrock")),
    };
    let credentials = match &p.aws_credentials {
        Some(raw) => {
            crate::bedrock::credentials(raw, env, field, warnings).map_err(|(f, m)| err(f, m))?
        }
        None => None,
    };
    Ok(Some(Box::new(crate::bedrock::Aws { region, credentials })))
}

/// Resolves `providers.<name>.fallback[]` now that every provider is known.
fn compile_fallbacks(
    providers: &mut [Provider],
    raw: Vec<Vec<crate::resilience::RawStep>>,
) -> Result<(), ConfigError> {
    let names: Vec<String> = providers.iter().map(|p| p.name.clone()).collect();
    for (i, steps) in raw.into_iter().enumerate() {
        let owner = names.get(i).cloned().unwrap_or_default();
        let mut chain = Vec::with_capacity(steps.len());
        for (j, s) in steps.into_iter().enumerate() {
            let field = |f: &str| format!("providers.{owner}.fallback[{j}].{f}");
            let Some(target) = names.iter().position(|n| *n == s.provider) else {
                return Err(err(field("provider"), format!("no provider named {:?}", s.provider)));
            };
            if target == i {
                return Err(err(field("provider"), "a provider cannot fall back to itself"));
            }
            let formats = (
                providers.get(i).map(|p| p.kind.format()),
                providers.get(target).map(|p| p.kind.format()),
            );
            if let (Some(from), Some(to)) = formats {
                if !from.translates_to(to) {
                    return Err(err(
                        field("provider"),
                        format!(
                            "{:?} requests do not translate to {:?}'s format (Gemini translates to and from OpenAI's only)",
                            owner, s.provider
                        ),
                    ));
                }
            }
            let retry = match &s.retry {
                Some(r) => crate::resilience::retry::compile(r)
                    .map_err(|e| err(field(&format!("retry.{}", e.field)), e.message))?,
                None => crate::resilience::retry::Policy::default(),
            };
            let timeout_ms = crate::resilience::check_timeout(s.timeout_ms, &field("timeout_ms"))?;
            chain.push(crate::resilience::Step {
                provider: target,
                model_map: s.model_map.into_iter().collect(),
                timeout_ms,
                retry,
            });
        }
        if chain.len() > 8 {
            return Err(err(format!("providers.{owner}.fallback"), "at most 8 steps"));
        }
        if let Some(p) = providers.get_mut(i) {
            p.fallback = chain;
        }
    }
    Ok(())
}

fn compile_auth(a: RawAuth, env: &dyn Fn(&str) -> Option<String>) -> Result<Auth, ConfigError> {
    if a.tokens.is_empty() {
        return Err(err("auth.tokens", "at least one token is required when auth is set"));
    }
    let mut tokens = Vec::with_capacity(a.tokens.len());
    // Duplicates found through sets: thousands of tenants stay cheap to load.
    let mut names = std::collections::BTreeSet::new();
    let mut digests = std::collections::BTreeSet::new();
    for (i, t) in a.tokens.into_iter().enumerate() {
        let field = |f: &str| format!("auth.tokens[{i}].{f}");
        if t.name.is_empty() || t.name.len() > 64 {
            return Err(err(field("name"), "must be 1-64 characters"));
        }
        if !names.insert(t.name.clone()) {
            return Err(err(field("name"), format!("duplicate token name {:?}", t.name)));
        }
        let digest = match (t.sha256, t.env) {
            (Some(hex), None) => parse_sha256_hex(&hex).ok_or_else(|| {
                err(field("sha256"), "must be 64 hexadecimal characters (SHA-256 of the token)")
            })?,
            (None, Some(var)) => match env(&var).filter(|v| !v.is_empty()) {
                Some(v) => Sha256::digest(v.as_bytes()).into(),
                None => {
                    return Err(err(field("env"), format!("environment variable {var} is not set")))
                }
            },
            _ => return Err(err(format!("auth.tokens[{i}]"), "set exactly one of sha256 or env")),
        };
        if !digests.insert(digest) {
            return Err(err(format!("auth.tokens[{i}]"), "the same token is configured twice"));
        }
        tokens.push(Token { name: t.name, digest });
    }
    Ok(Auth::new(tokens))
}

fn parse_sha256_hex(hex: &str) -> Option<[u8; 32]> {
    let hex = hex.as_bytes();
    if hex.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (o, pair) in out.iter_mut().zip(hex.chunks_exact(2)) {
        let s = std::str::from_utf8(pair).ok()?;
        *o = u8::from_str_radix(s, 16).ok()?;
    }
    Some(out)
}

/// Splits `scheme://host[:port][/prefix]` into the authority (default ports
/// dropped) and the path prefix (no trailing slash).
fn parse_base_url(url: &str) -> Result<(String, String), String> {
    let (scheme, rest) =
        url.split_once("://").ok_or_else(|| format!("{url:?} is not an absolute http(s) URL"))?;
    let default_port = match scheme {
        "https" => "443",
        "http" => "80",
        _ => return Err(format!("scheme {scheme:?} is not http or https")),
    };
    if rest.contains(['?', '#', '@']) {
        return Err("must not contain a query, a fragment or credentials".into());
    }
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    if authority.is_empty() {
        return Err("has no host".into());
    }
    if !authority.bytes().all(|b| b.is_ascii_alphanumeric() || b".-:[]_".contains(&b)) {
        return Err(format!("host {authority:?} has characters not allowed in a host"));
    }
    // IPv6 literals are bracketed: the port is what follows the bracket.
    let (host, port) = match authority.strip_prefix('[') {
        Some(inner) => {
            let close = inner.find(']').ok_or("has an unclosed '[' in the host")?;
            let (v6, after) = inner.split_at(close);
            let after = after.get(1..).unwrap_or_default();
            let port = match after {
                "" => None,
                p => Some(p.strip_prefix(':').ok_or("has characters after the IPv6 host")?),
            };
            (format!("[{v6}]"), port)
        }
        None => match authority.split_once(':') {
            Some((h, p)) => (h.to_string(), Some(p)),
            None => (authority.to_string(), None),
        },
    };
    if host.is_empty() || host == "[]" {
        return Err("has no host".into());
    }
    let authority = match port {
        None => host,
        Some(p) if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) => {
            return Err(format!("port {p:?} is not a number"))
        }
        Some(p) if p == default_port => host,
        Some(p) => format!("{host}:{p}"),
    };
    if !path.bytes().all(|b| (0x21..0x7f).contains(&b)) {
        return Err("path has characters that must be percent-encoded".into());
    }
    Ok((authority.to_ascii_lowercase(), path.trim_end_matches('/').to_string()))
}

fn is_provider_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes().next().is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b))
}

/// RFC 9110 token characters (valid header names).
fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    fn parse(s: &str) -> Result<Config, ConfigError> {
        Config::parse(s.as_bytes(), &env(&[("OPENAI_API_KEY", "sk-test"), ("TOK", "secret2")]))
            .map(|(c, _)| c)
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse(r#"{"version":1,"providers":{"openai":{"kind":"openai"},"anthropic":{"kind":"anthropic"}}}"#)
            .unwrap();
        let o = c.provider("openai").unwrap();
        assert_eq!(o.authority, "api.openai.com");
        assert_eq!(o.path_prefix, "");
        assert_eq!(o.cluster, "openai");
        assert!(o.api_key.is_none());
        assert!(o.inject_stream_usage);
        let a = c.provider("anthropic").unwrap();
        assert_eq!(a.authority, "api.anthropic.com");
        assert_eq!(a.anthropic_version, "2023-06-01");
        assert!(!a.inject_stream_usage);
        assert_eq!(c.max_body_bytes, 8 * 1024 * 1024);
        assert_eq!(c.cluster_header.as_deref(), Some("x-aigw-cluster"));
    }

    #[test]
    fn key_from_env_and_compatible_base_url() {
        let c = parse(
            r#"{"version":1,"providers":{
                "openai":{"kind":"openai","api_key":{"env":"OPENAI_API_KEY"}},
                "groq":{"kind":"openai_compatible","base_url":"https://api.groq.com:443/openai/","cluster":"outbound|443||api.groq.com"},
                "local":{"kind":"openai_compatible","base_url":"http://127.0.0.1:8000/v1"}}}"#,
        )
        .unwrap();
        assert_eq!(c.provider("openai").unwrap().api_key.as_ref().unwrap().expose(), "sk-test");
        let g = c.provider("groq").unwrap();
        assert_eq!((g.authority.as_str(), g.path_prefix.as_str()), ("api.groq.com", "/openai"));
        assert_eq!(g.cluster, "outbound|443||api.groq.com");
        let l = c.provider("local").unwrap();
        assert_eq!((l.authority.as_str(), l.path_prefix.as_str()), ("127.0.0.1:8000", "/v1"));
    }

    #[test]
    fn missing_key_env_is_a_warning_not_an_error() {
        let (c, w) = Config::parse(
            br#"{"version":1,"providers":{"openai":{"kind":"openai","api_key":{"env":"NOPE"}}}}"#,
            &env(&[]),
        )
        .unwrap();
        assert!(c.provider("openai").unwrap().api_key.is_none());
        assert!(w[0].contains("providers.openai.api_key.env"), "{w:?}");
    }

    #[test]
    fn errors_name_the_field() {
        let cases = [
            (
                r#"{"version":1,"providers":{"openai":{"kind":"openai","colour":1}}}"#,
                "providers.openai.colour",
            ),
            (r#"{"version":1,"providers":{"openai":{"kind":"palm"}}}"#, "providers.openai.kind"),
            (r#"{"version":2,"providers":{"openai":{"kind":"openai"}}}"#, "version"),
            (r#"{"version":1,"providers":{}}"#, "providers"),
            (
                r#"{"version":1,"providers":{"x":{"kind":"openai_compatible"}}}"#,
                "providers.x.base_url",
            ),
            (
                r#"{"version":1,"providers":{"x":{"kind":"openai","base_url":"ftp://a"}}}"#,
                "providers.x.base_url",
            ),
            (r#"{"version":1,"providers":{"compat":{"kind":"openai"}}}"#, "providers.compat"),
            (r#"{"version":1,"providers":{"Bad Name":{"kind":"openai"}}}"#, "providers.Bad Name"),
            (
                r#"{"version":1,"providers":{"o":{"kind":"openai"}},"auth":{"tokens":[]}}"#,
                "auth.tokens",
            ),
            (
                r#"{"version":1,"providers":{"o":{"kind":"openai"}},"auth":{"tokens":[{"name":"a","sha256":"zz"}]}}"#,
                "auth.tokens[0].sha256",
            ),
            (
                r#"{"version":1,"providers":{"o":{"kind":"openai"}},"auth":{"tokens":[{"name":"a","env":"UNSET"}]}}"#,
                "auth.tokens[0].env",
            ),
            (
                r#"{"version":1,"providers":{"o":{"kind":"openai"}},"auth":{"tokens":[{"name":"a"}]}}"#,
                "auth.tokens[0]",
            ),
            (
                r#"{"version":1,"providers":{"o":{"kind":"openai"}},"request":{"max_body_bytes":0}}"#,
                "request.max_body_bytes",
            ),
            (
                r#"{"version":1,"providers":{"o":{"kind":"openai"}},"envoy":{"cluster_header":"a b"}}"#,
                "envoy.cluster_header",
            ),
            (
                r#"{"version":1,"providers":{"o":{"kind":"openai","anthropic_version":"x"}}}"#,
                "providers.o.anthropic_version",
            ),
            (r#"{"version":1,"providers":{"o":{"kind":"openai"}},"extra":true}"#, "extra"),
            (
                r#"{"version":1,"providers":{"o":{"kind":"openai"}},"cache":{"ttl_s":0}}"#,
                "cache.ttl_s",
            ),
            (r#"{"version":1,"providers":{"o":{"kind":"openai"}},"cache":{"l2":{}}}"#, "cache.l2"),
            (
                r#"{"version":1,"providers":{"o":{"kind":"openai","cache":{"ttl_s":0}}}}"#,
                "providers.o.cache.ttl_s",
            ),
            (
                r#"{"version":1,"providers":{"o":{"kind":"openai","cache":{"on":true}}}}"#,
                "providers.o.cache.on",
            ),
        ];
        for (doc, field) in cases {
            let e = parse(doc).err().unwrap_or_else(|| panic!("accepted: {doc}"));
            assert_eq!(e.field, field, "{doc}: {e}");
            assert!(e.to_string().contains(field), "{e}");
        }
        let e =
            parse(r#"{"version":1,"providers":{"o":{"kind":"openai"}},"extra":true}"#).unwrap_err();
        assert!(e.message.contains("unknown field `extra`"), "{e}");
    }

    #[test]
    fn empty_or_non_json_config_is_rejected() {
        assert!(parse("").is_err());
        assert!(parse("not json").is_err());
        assert!(parse("[]").is_err());
    }

    #[test]
    fn auth_tokens_hashed_and_from_env() {
        let hex = "2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b"; // sha256("secret")
        let c = parse(&format!(
            r#"{{"version":1,"providers":{{"o":{{"kind":"openai"}}}},"auth":{{"tokens":[{{"name":"a","sha256":"{hex}"}},{{"name":"b","env":"TOK"}}]}}}}"#
        ))
        .unwrap();
        let auth = c.auth.unwrap();
        assert_eq!(auth.verify(b"secret"), Some("a"));
        assert_eq!(auth.verify(b"secret2"), Some("b"));
        assert_eq!(auth.verify(b"other"), None);
    }

    #[test]
    fn tenant_policies_found_whatever_the_configured_order() {
        let tok = |n: &str, p: &str| {
            let hex: String =
                Sha256::digest(n.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
            format!(r#"{{"name":"{n}","sha256":"{hex}","policy":"{p}"}}"#)
        };
        let c = parse(&format!(
            r#"{{"version":1,"providers":{{"o":{{"kind":"openai"}}}},
            "policies":{{"strict":{{"request":{{"*":"block"}}}},"watch":{{"request":{{"*":"flag"}}}}}},
            "auth":{{"tokens":[{},{},{},{{"name":"none","sha256":"{}"}}]}}}}"#,
            tok("zed", "watch"),
            tok("amy", "strict"),
            tok("mia", "watch"),
            "ab".repeat(32)
        ))
        .unwrap();
        let idx = |t: &str| {
            c.policy_for(Some(t), None)
                .map(|p| c.policies.iter().position(|q| std::rc::Rc::ptr_eq(q, p)).unwrap())
        };
        let (strict, watch) = (idx("amy").unwrap(), idx("zed").unwrap());
        assert_ne!(strict, watch);
        assert_eq!(idx("mia"), Some(watch));
        assert_eq!(idx("none"), None);
        assert_eq!(idx("bob"), None);
    }

    #[test]
    fn duplicate_token_names_and_digests_are_rejected() {
        let hex = "ab".repeat(32);
        let other = "cd".repeat(32);
        let e = parse(&format!(
            r#"{{"version":1,"providers":{{"o":{{"kind":"openai"}}}},"auth":{{"tokens":[{{"name":"a","sha256":"{hex}"}},{{"name":"a","sha256":"{other}"}}]}}}}"#
        ))
        .unwrap_err();
        assert!(e.to_string().contains("auth.tokens[1].name"), "{e}");
        let e = parse(&format!(
            r#"{{"version":1,"providers":{{"o":{{"kind":"openai"}}}},"auth":{{"tokens":[{{"name":"a","sha256":"{hex}"}},{{"name":"b","sha256":"{hex}"}}]}}}}"#
        ))
        .unwrap_err();
        assert!(e.to_string().contains("auth.tokens[1]"), "{e}");
        assert!(e.to_string().contains("configured twice"), "{e}");
    }

    #[test]
    fn base_url_parsing() {
        assert_eq!(parse_base_url("https://API.x.com").unwrap(), ("api.x.com".into(), "".into()));
        assert_eq!(parse_base_url("http://h:80/p/q/").unwrap(), ("h".into(), "/p/q".into()));
        assert_eq!(parse_base_url("http://h:8080").unwrap(), ("h:8080".into(), "".into()));
        assert_eq!(
            parse_base_url("http://[::1]:8080/v1").unwrap(),
            ("[::1]:8080".into(), "/v1".into())
        );
        assert!(parse_base_url("http://h:xx").is_err());
        assert!(parse_base_url("http://u@h").is_err());
        assert!(parse_base_url("http:///x").is_err());
        assert!(parse_base_url("h.com").is_err());
    }
}
