//! Scanning JSON bodies (requests, non-streamed answers): every string the
//! model reads or wrote, keys included, escapes resolved; redactions are
//! written back into exactly those string literals.

use crate::json_text::{self, Seg};
use crate::policy::{Action, Direction, Policy, Report};

/// What a body scan found and did.
#[derive(Debug, Default)]
pub struct BodyScan {
    pub report: Report,
    /// The body with redactions, when something was redacted.
    pub body: Option<Vec<u8>>,
    /// Bytes of text scanned (for the throughput figure in the log).
    pub scanned: usize,
}

/// Keys whose string values are conversation text (what an external
/// classifier is shown).
const TEXT_KEYS: &[&str] = &[
    "content",
    "text",
    "arguments",
    "system",
    "prompt",
    "input",
    "partial_json",
    "thinking",
    "refusal",
];

pub fn scan_json(
    policy: &Policy,
    dir: Direction,
    body: &[u8],
) -> Result<BodyScan, json_text::Error> {
    let mut out = BodyScan::default();
    let mut replacements: Vec<(usize, usize, String)> = Vec::new();
    json_text::walk(body, |_, s| {
        if s.text.is_empty() {
            return;
        }
        out.scanned += s.text.len();
        let findings = policy.engine.scan(policy.profile, &s.text);
        if findings.is_empty() {
            return;
        }
        let mut redact = false;
        for f in &findings {
            redact |= out.report.add(policy, dir, f) == Action::Redact;
        }
        if redact {
            let new = policy
                .engine
                .redact(&s.text, &findings, |f| policy.action(dir, f.detector) == Action::Redact);
            replacements.push((s.start, s.end, new));
        }
    })?;
    if !replacements.is_empty() {
        let r: Vec<(usize, usize, &str)> =
            replacements.iter().map(|(a, b, t)| (*a, *b, t.as_str())).collect();
        out.body = Some(json_text::replace(body, &r));
    }
    Ok(out)
}

/// The conversation text of a body, for an external classifier.
pub fn conversation_text(body: &[u8], max: usize) -> String {
    let mut text = String::new();
    let _ = json_text::walk(body, |path, s| {
        if s.is_key || text.len() >= max {
            return;
        }
        let under_text_key = path
            .iter()
            .rev()
            .any(|seg| matches!(seg, Seg::Key(k) if TEXT_KEYS.contains(&k.as_str())));
        if under_text_key && !s.text.starts_with("data:") {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&s.text);
        }
    });
    text
}
