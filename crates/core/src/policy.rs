//! DLP and guardrail policies: which detectors run, and what each finding
//! does, separately for requests and responses; chosen per tenant (gateway
//! token) or per route (provider).
//!
//! ```json
//! "dlp": {"profiles": {...}, "custom_detectors": {...}},
//! "policies": {
//!   "strict": {
//!     "profile": "builtin",
//!     "request":  {"*": "redact", "secret": "block", "prompt_injection": "block", "jailbreak": "block"},
//!     "response": {"*": "redact", "violence": "flag"},
//!     "allow_uninspected_bodies": false,
//!     "classifier": {...},
//!     "tool_results": {"profile": "builtin", "actions": {"prompt_injection": "block", "jailbreak": "block"}}
//!   }
//! },
//! "policy": "strict"
//! ```
//!
//! An action is looked up by detector name, then by category name
//! (`pii`, `financial`, `secret`, `custom`, or a guardrail category), then
//! `*`; nothing matching means `off` (the finding is not acted upon).
//!
//! `tool_results` is the policy for what tools returned, sent back to the
//! model inside a request (OpenAI `role: "tool"`/`"function"` messages,
//! Anthropic `tool_result` blocks, Responses `function_call_output` items,
//! Gemini `functionResponse` parts, Bedrock `toolResult` blocks): untrusted
//! text, where an instruction is an attack even when the same words from
//! the user are not. Its `actions` are looked up like `request`'s, over its
//! own `profile` (default: the policy's); a finding in a tool result gets
//! the stricter of the two actions, so a tool result is never held to less
//! than the user's own prompt.

use aigw_config_error::ConfigError;
use std::collections::BTreeMap;
use std::rc::Rc;

use aigw_dlp::{DetectorId, DetectorSet, Engine, Finding, ProfileId};
use serde::Deserialize;

// Defined below the classifier, which applies them too.
pub use crate::action::{Action, Direction, RawDirection};

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawPolicy {
    #[serde(default = "builtin")]
    pub profile: String,
    #[serde(default)]
    pub request: BTreeMap<String, Action>,
    #[serde(default)]
    pub response: BTreeMap<String, Action>,
    /// Let request bodies the gateway cannot read (file uploads, ...) pass.
    #[serde(default)]
    pub allow_uninspected_bodies: bool,
    #[serde(default)]
    pub classifier: Option<crate::classifier::RawClassifier>,
    #[serde(default)]
    pub tool_results: Option<RawToolResults>,
}

/// `tool_results` as written.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawToolResults {
    /// The DLP profile tool results are scanned with (default: the policy's).
    #[serde(default)]
    pub profile: Option<String>,
    pub actions: BTreeMap<String, Action>,
}

/// The compiled `tool_results` section.
#[derive(Debug)]
pub struct ToolResults {
    /// Scanned with this profile too when it is not the policy's.
    pub profile: Option<ProfileId>,
    /// Action per detector (by id).
    actions: Vec<Action>,
}

fn builtin() -> String {
    aigw_dlp::BUILTIN_PROFILE.to_string()
}

/// A compiled policy.
#[derive(Debug)]
pub struct Policy {
    pub name: String,
    pub engine: Rc<Engine>,
    pub profile: ProfileId,
    /// The profile's name (Cloudflare's `profile_id` in `cf-aig-dlp`).
    pub profile_name: String,
    /// Action per detector (by id), per direction.
    request: Vec<Action>,
    response: Vec<Action>,
    pub allow_uninspected_bodies: bool,
    pub classifier: Option<crate::classifier::Classifier>,
    pub tool_results: Option<ToolResults>,
}

impl Policy {
    pub fn compile(
        name: &str,
        raw: &RawPolicy,
        engine: &Rc<Engine>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Policy, ConfigError> {
        let field = |f: &str| format!("policies.{name}.{f}");
        let profile = engine.profile(&raw.profile).ok_or_else(|| {
            ConfigError::new(field("profile"), format!("no DLP profile named {:?}", raw.profile))
        })?;
        let table = |dir: &str,
                     map: &BTreeMap<String, Action>,
                     profile: ProfileId|
         -> Result<Vec<Action>, ConfigError> {
            let detectors = engine.profile_detectors(profile);
            for key in map.keys() {
                let known = key == "*"
                    || engine.detector(key).is_some()
                    || aigw_dlp::Category::from_name(key).is_some();
                if !known {
                    return Err(ConfigError::new(
                        field(&format!("{dir}.{key}")),
                        "not a detector, a category or \"*\"".to_string(),
                    ));
                }
            }
            let mut out = Vec::new();
            for id in engine.all_detectors().iter() {
                let action = if !detectors.contains(id) {
                    Action::Off
                } else {
                    map.get(engine.detector_name(id))
                        .or_else(|| map.get(engine.category(id).name()))
                        .or_else(|| map.get("*"))
                        .copied()
                        .unwrap_or(Action::Off)
                };
                if out.len() <= id.index() {
                    out.resize(id.index() + 1, Action::Off);
                }
                if let Some(slot) = out.get_mut(id.index()) {
                    *slot = action;
                }
            }
            Ok(out)
        };
        let classifier = match &raw.classifier {
            Some(c) => Some(crate::classifier::Classifier::compile(c, env).map_err(|e| {
                ConfigError::new(field(&format!("classifier.{}", e.field)), e.message)
            })?),
            None => None,
        };
        let tool_results = match &raw.tool_results {
            Some(t) => {
                let own = match &t.profile {
                    Some(p) => Some(engine.profile(p).ok_or_else(|| {
                        ConfigError::new(
                            field("tool_results.profile"),
                            format!("no DLP profile named {p:?}"),
                        )
                    })?),
                    None => None,
                };
                let actions = table("tool_results.actions", &t.actions, own.unwrap_or(profile))?;
                Some(ToolResults { profile: own.filter(|p| *p != profile), actions })
            }
            None => None,
        };
        Ok(Policy {
            name: name.to_string(),
            engine: Rc::clone(engine),
            profile,
            profile_name: raw.profile.clone(),
            request: table("request", &raw.request, profile)?,
            response: table("response", &raw.response, profile)?,
            allow_uninspected_bodies: raw.allow_uninspected_bodies,
            classifier,
            tool_results,
        })
    }

    pub fn action(&self, dir: Direction, id: DetectorId) -> Action {
        let t = match dir {
            Direction::Request => &self.request,
            Direction::Response => &self.response,
        };
        t.get(id.index()).copied().unwrap_or(Action::Off)
    }

    /// The action on a finding inside a tool result: the stricter of the
    /// request's and the `tool_results` section's.
    pub fn tool_action(&self, id: DetectorId) -> Action {
        let own = self
            .tool_results
            .as_ref()
            .and_then(|t| t.actions.get(id.index()).copied())
            .unwrap_or(Action::Off);
        own.max(self.action(Direction::Request, id))
    }

    /// Whether anything is acted upon in this direction.
    pub fn active(&self, dir: Direction) -> bool {
        let t = match dir {
            Direction::Request => &self.request,
            Direction::Response => &self.response,
        };
        let tools = dir == Direction::Request
            && self
                .tool_results
                .as_ref()
                .is_some_and(|t| t.actions.iter().any(|a| *a != Action::Off));
        tools || t.iter().any(|a| *a != Action::Off)
    }

    /// Detectors a stream must hold text back for: redacted or blocked ones
    /// (no fragment of such a finding may reach the client).
    pub fn held(&self, dir: Direction) -> DetectorSet {
        let mut set = DetectorSet::default();
        for id in self.engine.all_detectors().iter() {
            if matches!(self.action(dir, id), Action::Redact | Action::Block) {
                set.insert(id);
            }
        }
        set
    }

    /// Whether an answer may be altered (a finding redacted or blocked):
    /// token-level fields (`logprobs`) are then emptied, since per-token
    /// strings would spell out what redaction removed.
    pub fn strips_tokens(&self) -> bool {
        self.response.iter().any(|a| matches!(a, Action::Redact | Action::Block))
    }

    pub fn is_guardrail(&self, id: DetectorId) -> bool {
        self.engine.category(id).is_guardrail()
    }
}

/// What a scan found, for the log and the summary headers: counts per
/// detector, never the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    /// detector name → findings acted upon (flag, redact or block).
    pub findings: BTreeMap<String, u32>,
    pub redacted: u32,
    /// The detector that blocked, if one did.
    pub blocked_by: Option<String>,
    /// detector name → those of `findings` that were in tool results (the
    /// request's `tool_results` policy).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tool_results: BTreeMap<String, u32>,
}

impl Report {
    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
    }

    pub fn add(&mut self, policy: &Policy, dir: Direction, f: &Finding) -> Action {
        self.count(policy, f, policy.action(dir, f.detector))
    }

    /// A finding inside a tool result (see [`Policy::tool_action`]).
    pub fn add_tool(&mut self, policy: &Policy, f: &Finding) -> Action {
        let action = self.count(policy, f, policy.tool_action(f.detector));
        if action != Action::Off {
            let name = policy.engine.detector_name(f.detector);
            *self.tool_results.entry(name.to_string()).or_default() += 1;
        }
        action
    }

    fn count(&mut self, policy: &Policy, f: &Finding, action: Action) -> Action {
        if action == Action::Off {
            return action;
        }
        let name = policy.engine.detector_name(f.detector);
        match self.findings.get_mut(name) {
            Some(n) => *n += 1,
            None => {
                self.findings.insert(name.to_string(), 1);
            }
        }
        match action {
            Action::Redact => self.redacted += 1,
            Action::Block if self.blocked_by.is_none() => {
                self.blocked_by = Some(policy.engine.detector_name(f.detector).to_string())
            }
            _ => {}
        }
        action
    }

    /// The summary header values (`x-aigw-dlp`, `x-aigw-guardrail`): an
    /// RFC 8941 dictionary of detector name → count.
    pub fn headers(&self, policy: &Policy) -> (Option<String>, Option<String>) {
        let mut dlp = Vec::new();
        let mut guard = Vec::new();
        for (name, n) in &self.findings {
            let entry = format!("{name}={n}");
            match policy.engine.detector(name) {
                Some(id) if policy.is_guardrail(id) => guard.push(entry),
                _ => dlp.push(entry),
            }
        }
        let join = |v: Vec<String>| (!v.is_empty()).then(|| v.join(", "));
        (join(dlp), join(guard))
    }

    /// Keeps, per detector, the larger count (for reports of the same text
    /// seen twice, such as a stream's deltas and its final restatement).
    pub fn merge_max(&mut self, other: &Report) {
        for (k, v) in &other.findings {
            let n = self.findings.entry(k.clone()).or_default();
            *n = (*n).max(*v);
        }
        for (k, v) in &other.tool_results {
            let n = self.tool_results.entry(k.clone()).or_default();
            *n = (*n).max(*v);
        }
        self.redacted = self.redacted.max(other.redacted);
        if self.blocked_by.is_none() {
            self.blocked_by.clone_from(&other.blocked_by);
        }
    }

    /// `cf-aig-dlp` in Cloudflare AI Gateway's shape, for clients that
    /// speak `cf-aig-*`: one finding per direction with DLP (not guardrail)
    /// findings, the policy as `policy_ids`, its profile as `profile_id`,
    /// the detectors as `entry_ids`; `action` is `BLOCK` when a detector
    /// blocked, else `FLAG` (Cloudflare has no redact: a redaction is
    /// reported as a flag). ASCII only, as a header value must be.
    pub fn cloudflare_header(
        policy: &Policy,
        request: &Report,
        response: &Report,
    ) -> Option<String> {
        let mut findings = Vec::new();
        let mut blocked = false;
        for (check, report) in [("REQUEST", request), ("RESPONSE", response)] {
            let entries: Vec<&str> = report
                .findings
                .keys()
                .map(String::as_str)
                .filter(|name| {
                    !policy.engine.detector(name).is_some_and(|id| policy.is_guardrail(id))
                })
                .filter(|name| !name.starts_with("classifier:"))
                .collect();
            if entries.is_empty() {
                continue;
            }
            blocked |= report.blocked_by.as_deref().is_some_and(|b| entries.contains(&b));
            findings.push(serde_json::json!({
                "profile": {"context": {}, "entry_ids": entries, "profile_id": policy.profile_name},
                "policy_ids": [policy.name],
                "check": check,
            }));
        }
        if findings.is_empty() {
            return None;
        }
        let action = if blocked { "BLOCK" } else { "FLAG" };
        let value = serde_json::json!({"findings": findings, "action": action});
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, AsciiOnly);
        serde::Serialize::serialize(&value, &mut ser).ok()?;
        String::from_utf8(out).ok()
    }

    pub fn merge(&mut self, other: &Report) {
        for (k, v) in &other.findings {
            *self.findings.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &other.tool_results {
            *self.tool_results.entry(k.clone()).or_default() += v;
        }
        self.redacted += other.redacted;
        if self.blocked_by.is_none() {
            self.blocked_by.clone_from(&other.blocked_by);
        }
    }
}

/// serde_json's compact output with every non-ASCII character as `\\uXXXX`
/// (a surrogate pair above U+FFFF): header values are ASCII.
struct AsciiOnly;

impl serde_json::ser::Formatter for AsciiOnly {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if fragment.is_ascii() {
            return writer.write_all(fragment.as_bytes());
        }
        let mut units = [0u16; 2];
        for c in fragment.chars() {
            if c.is_ascii() {
                writer.write_all(&[c as u8])?;
            } else {
                for u in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{:04x}", u)?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn policy(name: &str, request: &str, response: &str) -> Rc<Policy> {
        let doc = format!(
            r#"{{"version":1,"providers":{{"o":{{"kind":"openai"}}}},
                "policies":{{"{name}":{{"request":{request},"response":{response}}}}},"policy":"{name}"}}"#
        );
        let c = Config::parse(doc.as_bytes(), &|_| None).unwrap().0;
        Rc::clone(c.policies.first().unwrap())
    }

    fn report(findings: &[(&str, u32)], blocked_by: Option<&str>) -> Report {
        Report {
            findings: findings.iter().map(|(k, n)| (k.to_string(), *n)).collect(),
            redacted: 0,
            blocked_by: blocked_by.map(str::to_string),
            tool_results: BTreeMap::new(),
        }
    }

    #[test]
    fn cloudflare_header_has_cloudflares_shape() {
        let p = policy("pii", r#"{"*":"redact"}"#, r#"{"*":"flag"}"#);
        let req = report(&[("email", 2), ("phone", 1)], None);
        let resp = report(&[("credit_card", 1)], None);
        let v: serde_json::Value =
            serde_json::from_str(&Report::cloudflare_header(&p, &req, &resp).unwrap()).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "findings": [
                    {"profile": {"context": {}, "entry_ids": ["email", "phone"], "profile_id": "builtin"},
                     "policy_ids": ["pii"], "check": "REQUEST"},
                    {"profile": {"context": {}, "entry_ids": ["credit_card"], "profile_id": "builtin"},
                     "policy_ids": ["pii"], "check": "RESPONSE"}
                ],
                "action": "FLAG"
            })
        );
        let blocked = report(&[("github_token", 1)], Some("github_token"));
        let v: serde_json::Value = serde_json::from_str(
            &Report::cloudflare_header(&p, &blocked, &Report::default()).unwrap(),
        )
        .unwrap();
        assert_eq!(v["action"], "BLOCK");
        assert_eq!(v["findings"][0]["check"], "REQUEST");
        assert_eq!(v["findings"].as_array().map(Vec::len), Some(1));
        assert_eq!(Report::cloudflare_header(&p, &Report::default(), &Report::default()), None);
    }

    #[test]
    fn cloudflare_header_is_ascii() {
        let p = policy("règle-é😀", r#"{"*":"flag"}"#, "{}");
        let h = Report::cloudflare_header(&p, &report(&[("email", 1)], None), &Report::default())
            .unwrap();
        assert!(h.is_ascii(), "{h}");
        let v: serde_json::Value = serde_json::from_str(&h).unwrap();
        assert_eq!(v["findings"][0]["policy_ids"][0], "règle-é😀");
    }
}
