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
    let strip = dir == Direction::Response && policy.strips_tokens();
    let mut token_fields = false;
    json_text::walk(body, |_, s| {
        if s.text.is_empty() {
            return;
        }
        token_fields |= strip && s.is_key && is_token_field(&s.text);
        out.scanned += s.text.len();
        if let Some(new) = scan_str(policy, dir, &s.text, &mut out.report) {
            replacements.push((s.start, s.end, new));
        }
    })?;
    if !replacements.is_empty() {
        let r: Vec<(usize, usize, &str)> =
            replacements.iter().map(|(a, b, t)| (*a, *b, t.as_str())).collect();
        out.body = Some(json_text::replace(body, &r));
    }
    if token_fields {
        // Rare (the client asked for logprobs): one round trip to empty them.
        let current = out.body.as_deref().unwrap_or(body);
        if let Ok(mut v) = serde_json::from_slice::<serde_json::Value>(current) {
            if strip_token_fields(&mut v) {
                out.body = serde_json::to_vec(&v).ok().or(out.body);
            }
        }
    }
    Ok(out)
}

/// Scans one string, recording findings in `report`: the redacted text
/// when a finding is redacted.
pub fn scan_str(
    policy: &Policy,
    dir: Direction,
    text: &str,
    report: &mut Report,
) -> Option<String> {
    let findings = policy.engine.scan(policy.profile, text);
    if findings.is_empty() {
        return None;
    }
    let mut redact = false;
    for f in &findings {
        redact |= report.add(policy, dir, f) == Action::Redact;
    }
    redact.then(|| {
        policy.engine.redact(text, &findings, |f| policy.action(dir, f.detector) == Action::Redact)
    })
}

/// Token-level fields of answers: per-token strings (chat
/// `logprobs.content[].token/bytes/top_logprobs`, completions
/// `logprobs.tokens/top_logprobs/text_offset`, Responses `logprobs`).
pub fn is_token_field(key: &str) -> bool {
    key == "logprobs" || key == "top_logprobs"
}

/// Empties every token-level field (an array becomes `[]`, anything else
/// with content `null`; numbers such as a requested `top_logprobs: 5`
/// stay). True when something changed.
pub fn strip_token_fields(v: &mut serde_json::Value) -> bool {
    use serde_json::Value;
    let mut changed = false;
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if is_token_field(k) {
                    match x {
                        Value::Array(a) if !a.is_empty() => {
                            a.clear();
                            changed = true;
                        }
                        Value::Object(_) | Value::String(_) => {
                            *x = Value::Null;
                            changed = true;
                        }
                        _ => {}
                    }
                } else {
                    changed |= strip_token_fields(x);
                }
            }
        }
        Value::Array(a) => {
            for x in a {
                changed |= strip_token_fields(x);
            }
        }
        _ => {}
    }
    changed
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

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::config::Config;

    fn policy(response: &str) -> Rc<Policy> {
        let doc = format!(
            r#"{{"version":1,"providers":{{"o":{{"kind":"openai"}}}},
                "policies":{{"p":{{"request":{response},"response":{response}}}}},"policy":"p"}}"#
        );
        let c = Config::parse(doc.as_bytes(), &|_| None).unwrap().0;
        Rc::clone(c.policies.first().unwrap())
    }

    #[test]
    fn token_fields_of_answers_are_emptied_when_text_can_change() {
        let chat = br#"{"choices":[{"index":0,"message":{"content":"card 4111 1111 1111 1111"},
            "logprobs":{"content":[{"token":"4111","bytes":[52],"top_logprobs":[{"token":" 1111"}]}]}}]}"#;
        let completions = br#"{"choices":[{"text":"card 4111 1111 1111 1111","logprobs":{"tokens":["4111"," 1111"],"text_offset":[0,4],"top_logprobs":[{"4111":-0.1}]}}]}"#;
        let responses = br#"{"output":[{"content":[{"type":"output_text","text":"hi","logprobs":[{"token":"h","top_logprobs":[]}]}]}],"top_logprobs":3}"#;
        let p = policy(r#"{"*":"redact"}"#);
        for body in [&chat[..], completions, responses] {
            let out = scan_json(&p, Direction::Response, body).unwrap();
            let out = String::from_utf8(out.body.unwrap()).unwrap();
            assert!(!out.contains("token\"") && !out.contains("4111"), "{out}");
            assert!(!out.contains("text_offset"), "{out}");
        }
        let out = scan_json(&p, Direction::Response, responses).unwrap().body.unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["output"][0]["content"][0]["logprobs"], serde_json::json!([]));
        assert_eq!(v["top_logprobs"], 3);
        // A flag-only policy changes nothing; requests keep their fields.
        let flag = policy(r#"{"*":"flag"}"#);
        assert!(scan_json(&flag, Direction::Response, chat).unwrap().body.is_none());
        let req = br#"{"logprobs":true,"top_logprobs":{"a":1}}"#;
        assert!(scan_json(&p, Direction::Request, req).unwrap().body.is_none());
    }
}
