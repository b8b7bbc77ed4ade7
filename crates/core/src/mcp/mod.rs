//! MCP servers behind the gateway (`/mcp/{server}/...`): their config,
//! the JSON-RPC messages (`protocol`), and what the policy decides on them
//! (`policy`: tool access, DLP and injection scans, tool poisoning, rug
//! pulls). The request flow that applies it is `exchange/mcp_flow.rs`.
//!
//! ```json
//! "mcp": {
//!   "servers": {
//!     "docs": {
//!       "cluster": "mcp_docs", "authority": "docs.internal", "path": "/mcp",
//!       "api_key": {"env": "DOCS_MCP_TOKEN"},
//!       "policy": "mcp-default",
//!       "policies": [{"tenants": ["team-b"], "tools": ["fetch*"], "policy": "strict"}],
//!       "access": [{"tenants": ["team-b"], "allow": ["search", "fetch*"], "deny": ["delete_*"]}],
//!       "tool_poisoning": "block", "rug_pull": "flag"
//!     }
//!   },
//!   "limits": {"rules": [{"name": "tool-calls", "key": ["tenant"], "limit": 100, "window": "1m"}]}
//! }
//! ```

use std::collections::BTreeMap;
use std::rc::Rc;

use aigw_config_error::ConfigError;
use aigw_dlp::Engine;
use serde::Deserialize;

use crate::policy::Policy;
use crate::secret::{RawSecretRef, Secret};

pub mod policy;
pub mod protocol;

/// The path prefix of the MCP route.
pub const ROUTE_PREFIX: &[u8] = b"/mcp/";

/// `mcp` as written.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawMcp {
    #[serde(default)]
    servers: BTreeMap<String, RawServer>,
    /// Limits on MCP messages (`aigw-limits` rules: `provider` is the
    /// server, `model` the tool).
    #[serde(default)]
    limits: Option<aigw_limits::LimitsConfig>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawServer {
    cluster: String,
    #[serde(default)]
    authority: Option<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    api_key: Option<RawSecretRef>,
    /// The header the key goes in (default `authorization`, as `Bearer`).
    #[serde(default)]
    api_key_header: Option<String>,
    #[serde(default)]
    policy: Option<String>,
    #[serde(default)]
    policies: Vec<RawPolicyRule>,
    #[serde(default)]
    access: Vec<RawAccess>,
    #[serde(default)]
    tool_poisoning: Option<Check>,
    #[serde(default)]
    rug_pull: Option<Check>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicyRule {
    #[serde(default)]
    tenants: Option<Vec<String>>,
    #[serde(default)]
    tools: Option<Vec<String>>,
    policy: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAccess {
    #[serde(default)]
    tenants: Option<Vec<String>>,
    #[serde(default)]
    allow: Option<Vec<String>>,
    #[serde(default)]
    deny: Vec<String>,
}

/// What a finding on a tool's description does.
#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    Off,
    /// Logged; the tool stays listed.
    Flag,
    /// Logged, and the tool is left out of the list (so cannot be called).
    Block,
}

/// Patterns: exact names, `prefix*` or `*` (as limits and logs use).
pub type Patterns = Option<Vec<String>>;

pub fn matches(patterns: &Patterns, value: Option<&str>) -> bool {
    match patterns {
        None => true,
        Some(ps) => {
            value.is_some_and(|v| ps.iter().any(|p| aigw_limits::pattern::pattern_matches(p, v)))
        }
    }
}

#[derive(Debug)]
pub struct PolicyRule {
    pub tenants: Patterns,
    pub tools: Patterns,
    pub policy: Rc<Policy>,
}

#[derive(Debug)]
pub struct Access {
    pub tenants: Patterns,
    pub allow: Patterns,
    pub deny: Vec<String>,
}

#[derive(Debug)]
pub struct Server {
    pub name: String,
    pub cluster: String,
    pub authority: String,
    /// The upstream path prefix (`/mcp`): `/mcp/{server}/rest` goes to `{path}/rest`.
    pub path: String,
    /// The credential header and its value (held by the gateway).
    pub credential: Option<(String, Secret)>,
    pub policy: Option<Rc<Policy>>,
    pub policies: Vec<PolicyRule>,
    pub access: Vec<Access>,
    pub tool_poisoning: Check,
    pub rug_pull: Check,
}

#[derive(Debug)]
pub struct McpConfig {
    pub servers: Vec<Server>,
    pub limits: Option<aigw_limits::Limiter>,
    /// The engine tool descriptions are scanned with (the config's DLP engine).
    pub engine: Rc<Engine>,
    /// Redis through Webdis (the cache's `l2`), where tool fingerprints are
    /// shared across Envoys.
    pub l2: Option<crate::cache::l2::L2>,
}

impl McpConfig {
    pub fn server(&self, name: &str) -> Option<(usize, &Server)> {
        self.servers.iter().enumerate().find(|(_, s)| s.name == name)
    }
}

fn check_patterns(ps: &Patterns, field: &str) -> Result<(), ConfigError> {
    if let Some(ps) = ps {
        if ps.is_empty() {
            return Err(ConfigError::new(field, "must not be empty (leave it out)"));
        }
        for (i, p) in ps.iter().enumerate() {
            if let Some(why) = aigw_limits::pattern::pattern_error(p) {
                return Err(ConfigError::new(format!("{field}[{i}]"), why));
            }
        }
    }
    Ok(())
}

/// Server names follow provider names' rule (a path segment, a log label).
fn is_name(s: &str) -> bool {
    s.len() <= 64
        && s.bytes().next().is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b))
}

fn is_header_name(h: &str) -> bool {
    !h.is_empty() && h.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b))
}

impl RawMcp {
    /// `policy` finds a policy by name under `policies`; `llm_rules` are
    /// the `limits` rule names (an MCP rule may not share one: they would
    /// share counters).
    pub fn compile(
        self,
        engine: &Rc<Engine>,
        policy: &dyn Fn(&str) -> Option<Rc<Policy>>,
        llm_rules: &[&str],
        l2: Option<&crate::cache::l2::L2>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<McpConfig, ConfigError> {
        let mut servers = Vec::with_capacity(self.servers.len());
        for (name, s) in self.servers {
            let f = |x: &str| format!("mcp.servers.{name}.{x}");
            if !is_name(&name) {
                return Err(ConfigError::new(
                    format!("mcp.servers.{name}"),
                    "a server name is 1-64 characters of a-z, 0-9, '-', '_' and '.'",
                ));
            }
            if s.cluster.is_empty() {
                return Err(ConfigError::new(f("cluster"), "must not be empty"));
            }
            let path = s.path.unwrap_or_else(|| "/mcp".to_string());
            if !path.starts_with('/') || path.contains(['?', '#']) {
                return Err(ConfigError::new(f("path"), "must start with '/' (no query)"));
            }
            let find = |n: &str, field: String| {
                policy(n).ok_or_else(|| {
                    ConfigError::new(field, format!("no policy named {n:?} under policies"))
                })
            };
            let credential = match s.api_key {
                None => None,
                Some(r) => {
                    let header = s.api_key_header.unwrap_or_else(|| "authorization".into());
                    if !is_header_name(&header) {
                        return Err(ConfigError::new(f("api_key_header"), "not a header name"));
                    }
                    let secret = Secret::from_env(&r.env, env).ok_or_else(|| {
                        ConfigError::new(
                            f("api_key.env"),
                            format!(
                                "environment variable {:?} is not set, empty, or not a header value",
                                r.env
                            ),
                        )
                    })?;
                    Some((header.to_ascii_lowercase(), secret))
                }
            };
            let mut policies = Vec::with_capacity(s.policies.len());
            for (i, r) in s.policies.into_iter().enumerate() {
                check_patterns(&r.tenants, &f(&format!("policies[{i}].tenants")))?;
                check_patterns(&r.tools, &f(&format!("policies[{i}].tools")))?;
                let policy = find(&r.policy, f(&format!("policies[{i}].policy")))?;
                policies.push(PolicyRule { tenants: r.tenants, tools: r.tools, policy });
            }
            let mut access = Vec::with_capacity(s.access.len());
            for (i, a) in s.access.into_iter().enumerate() {
                check_patterns(&a.tenants, &f(&format!("access[{i}].tenants")))?;
                check_patterns(&a.allow, &f(&format!("access[{i}].allow")))?;
                for (j, d) in a.deny.iter().enumerate() {
                    if let Some(why) = aigw_limits::pattern::pattern_error(d) {
                        return Err(ConfigError::new(f(&format!("access[{i}].deny[{j}]")), why));
                    }
                }
                access.push(Access { tenants: a.tenants, allow: a.allow, deny: a.deny });
            }
            servers.push(Server {
                authority: s.authority.unwrap_or_else(|| s.cluster.clone()),
                cluster: s.cluster,
                path: path.trim_end_matches('/').to_string(),
                credential,
                policy: match &s.policy {
                    Some(n) => Some(find(n, f("policy"))?),
                    None => None,
                },
                policies,
                access,
                tool_poisoning: s.tool_poisoning.unwrap_or(Check::Flag),
                rug_pull: s.rug_pull.unwrap_or(Check::Flag),
                name,
            });
        }
        let limits = match self.limits {
            Some(l) => {
                let limiter = l.compile().map_err(|e| e.within("mcp.limits"))?;
                for c in limiter.counters() {
                    if llm_rules.contains(&c.name()) {
                        return Err(ConfigError::new(
                            "mcp.limits",
                            format!("rule {:?} is also a rule under limits: give it its own name (names key the counters)", c.name()),
                        ));
                    }
                }
                Some(limiter)
            }
            None => None,
        };
        Ok(McpConfig { servers, limits, engine: Rc::clone(engine), l2: l2.cloned() })
    }
}

#[cfg(test)]
mod tests;
