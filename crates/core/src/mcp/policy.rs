//! What the gateway decides on MCP messages, host-free: which tools a
//! tenant may see and call, which DLP policy applies to a tool's
//! arguments and results, hidden instructions in tool descriptions (tool
//! poisoning), and descriptions that change after they were first seen
//! (rug pulls, remembered in shared data).

use std::rc::Rc;

use aigw_dlp::Category;
use aigw_shared_data::SharedData;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::{matches, Check, Server};
use crate::policy::Policy;

/// Shared-data keys of the rug-pull fingerprints: one table of
/// [`RUG_SLOTS`] slots per server (shared data never evicts: bounded).
const RUG_PREFIX: &str = "aigw.mcp.v1.tool";
pub const RUG_SLOTS: u64 = 1024;

impl Server {
    /// Whether `tenant` may see and call `tool`: every access rule that
    /// covers the tenant must allow it (rules only narrow).
    pub fn visible(&self, tenant: Option<&str>, tool: &str) -> bool {
        self.access.iter().filter(|a| matches(&a.tenants, tenant)).all(|a| {
            matches(&a.allow, Some(tool))
                && !a.deny.iter().any(|d| aigw_limits::pattern::pattern_matches(d, tool))
        })
    }

    /// The DLP policy for a message: the first rule that covers tenant
    /// and tool, else the server's; None: not scanned.
    pub fn policy_for(&self, tenant: Option<&str>, tool: Option<&str>) -> Option<Rc<Policy>> {
        self.policies
            .iter()
            .find(|r| matches(&r.tenants, tenant) && (r.tools.is_none() || matches(&r.tools, tool)))
            .map(|r| Rc::clone(&r.policy))
            .or_else(|| self.policy.clone())
    }
}

pub use crate::log_record::ListReport;

/// Applies access, poisoning and rug-pull checks to a `tools/list` result
/// in place. True when the list changed (tools left out).
/// Tools seen first on this Envoy (`firsts`, with their fingerprints) are
/// also offered to Redis when an L2 is configured (`l2_call`).
pub fn filter_list(
    server: &Server,
    engine: &aigw_dlp::Engine,
    tenant: Option<&str>,
    result: &mut Map<String, Value>,
    store: &mut dyn SharedData,
    report: &mut ListReport,
    firsts: &mut Vec<(String, [u8; 16])>,
) -> bool {
    let Some(Value::Array(tools)) = result.get_mut("tools") else { return false };
    let before = tools.len();
    tools.retain(|t| {
        let name = t.get("name").and_then(Value::as_str).unwrap_or_default();
        if !server.visible(tenant, name) {
            report.hidden.push(name.to_string());
            return false;
        }
        let mut keep = true;
        if server.tool_poisoning != Check::Off && poisoned(engine, t) {
            report.poisoned.push(name.to_string());
            keep &= server.tool_poisoning != Check::Block;
        }
        if server.rug_pull != Check::Off {
            let fp = fingerprint(t);
            match remember(store, &server.name, name, &fp) {
                Seen::Changed => {
                    report.changed.push(name.to_string());
                    keep &= server.rug_pull != Check::Block;
                }
                Seen::First => firsts.push((name.to_string(), fp)),
                Seen::Same => {}
            }
        }
        if !keep {
            report.blocked.push(name.to_string());
        }
        keep
    });
    tools.len() != before
}

/// Whether a tool's description or schema carries instructions aimed at
/// the model: the guardrail's prompt-injection and jailbreak rules over
/// every string of the tool (parameter descriptions hide them as well).
pub fn poisoned(engine: &aigw_dlp::Engine, tool: &Value) -> bool {
    let Some(profile) = engine.profile(aigw_dlp::BUILTIN_PROFILE) else { return false };
    let mut text = String::new();
    collect_strings(tool, &mut text);
    engine.scan(profile, &text).iter().any(|f| {
        matches!(engine.category(f.detector), Category::PromptInjection | Category::Jailbreak)
    })
}

fn collect_strings(v: &Value, out: &mut String) {
    match v {
        Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        Value::Array(a) => a.iter().for_each(|x| collect_strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| collect_strings(x, out)),
        _ => {}
    }
}

/// What a rug pull compares: the description and the input schema (keys
/// sorted by serde_json's map, so the same tool hashes the same).
pub fn fingerprint(tool: &Value) -> [u8; 16] {
    let mut h = Sha256::new();
    for key in ["description", "inputSchema"] {
        h.update(key.as_bytes());
        h.update([0]);
        if let Some(v) = tool.get(key) {
            h.update(serde_json::to_vec(v).unwrap_or_default());
        }
        h.update([0]);
    }
    let d = h.finalize();
    let mut out = [0u8; 16];
    out.copy_from_slice(d.get(..16).unwrap_or(&[0; 16]));
    out
}

#[derive(Debug, PartialEq, Eq)]
pub enum Seen {
    First,
    Same,
    Changed,
}

fn slot_key(server: &str, tool: &str) -> String {
    let d = Sha256::digest(tool.as_bytes());
    let mut n = [0u8; 8];
    n.copy_from_slice(d.get(..8).unwrap_or(&[0; 8]));
    format!("{RUG_PREFIX}.{server}.{}", u64::from_le_bytes(n) % RUG_SLOTS)
}

/// Compares a tool's fingerprint with the first one seen (kept in shared
/// data: per Envoy, across workers). The first seen stays: a changed tool
/// is reported as changed at every list until the operator resets it. A
/// slot another tool holds is taken over (the table is bounded).
pub fn remember(store: &mut dyn SharedData, server: &str, tool: &str, fp: &[u8; 16]) -> Seen {
    let key = slot_key(server, tool);
    let current = store.get(&key);
    if let Some((v, _)) = &current {
        if v.get(16..) == Some(tool.as_bytes()) {
            return if v.get(..16) == Some(fp.as_slice()) { Seen::Same } else { Seen::Changed };
        }
    }
    let mut value = fp.to_vec();
    value.extend_from_slice(tool.as_bytes());
    // CAS: two workers seeing it first at once keep one of theirs.
    let cas = current.map(|(_, c)| c).or(Some(aigw_shared_data::CREATE_CAS));
    let _ = store.set(&key, &value, cas);
    Seen::First
}

// ------------------------------------------------------------------ L2

/// Longest tool name whose fingerprint is shared through Redis (the value
/// travels in a Webdis URL).
const L2_MAX_TOOL: usize = 128;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    if !b.len().is_multiple_of(2) {
        return None;
    }
    b.chunks(2)
        .map(|c| std::str::from_utf8(c).ok().and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect()
}

/// Redis keeps, per server, a hash of tool (hex) → the fingerprint (hex)
/// the first gateway saw; every gateway reads it before a `tools/list`.
fn l2_key(server: &str) -> String {
    format!("aigw:mcp:v1:tools:{server}")
}

/// The Webdis path that reads a server's fingerprints.
pub fn l2_lookup_path(server: &str) -> String {
    format!("/HGETALL/{}", l2_key(server))
}

/// The Webdis path that offers a tool's first-seen fingerprint (`HSETNX`:
/// the first gateway's stays). None for a tool name too long for a URL.
pub fn l2_offer_path(server: &str, tool: &str, fp: &[u8; 16]) -> Option<String> {
    (tool.len() <= L2_MAX_TOOL)
        .then(|| format!("/HSETNX/{}/{}/{}", l2_key(server), hex(tool.as_bytes()), hex(fp)))
}

/// Webdis's answer to [`l2_lookup_path`]: the first-seen fingerprints any
/// gateway recorded become this Envoy's (so a change first seen elsewhere
/// is flagged here too). How many; Err(reason) when Redis could not answer
/// (the list is then checked against this Envoy's own memory).
pub fn l2_seed(
    store: &mut dyn SharedData,
    server: &str,
    status: Option<u16>,
    body: &[u8],
) -> Result<usize, String> {
    if status != Some(200) {
        return Err(format!("status {status:?}"));
    }
    let v: Value = serde_json::from_slice(body).map_err(|_| "not JSON".to_string())?;
    let Some(Value::Object(fields)) = v.get("HGETALL") else {
        return Err(format!("unexpected answer {}", String::from_utf8_lossy(body)));
    };
    let mut n = 0;
    for (tool, fp) in fields {
        let tool = unhex(tool).and_then(|t| String::from_utf8(t).ok());
        let fp = fp.as_str().and_then(unhex).and_then(|f| <[u8; 16]>::try_from(f).ok());
        let (Some(tool), Some(fp)) = (tool, fp) else { continue };
        let key = slot_key(server, &tool);
        let current = store.get(&key);
        let mut value = fp.to_vec();
        value.extend_from_slice(tool.as_bytes());
        if current.as_ref().map(|(v, _)| v.as_slice()) != Some(value.as_slice()) {
            let _ = store.set(&key, &value, current.map(|(_, c)| c));
        }
        n += 1;
    }
    Ok(n)
}
