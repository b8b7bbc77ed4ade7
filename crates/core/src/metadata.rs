//! `x-aigw-metadata` (alias `cf-aig-metadata`): a small JSON object the client
//! attaches to a request for the log record and limit keys.
//!
//! Rules: at most [`MAX_HEADER_BYTES`] bytes; a JSON object whose values are
//! strings (at most [`MAX_VALUE_CHARS`] characters), numbers or booleans,
//! keys of 1-64 characters. At most five entries: more is a 400 under
//! `x-aigw-metadata`; under `cf-aig-metadata` the first five are kept and
//! the rest ignored, as Cloudflare AI Gateway does (their keys are noted in
//! the log). A repeated key keeps its first place and last value (as
//! `JSON.parse`).
//!
//! Metadata never goes upstream (gateway headers are removed), but it is
//! logged: [`scrub`] runs the request's DLP policy over its keys and values
//! for the log copy. Every finding the policy acts on (flag, redact or
//! block) is redacted there; none blocks the request, since the text never
//! reaches a provider. Limit keys use the values as sent.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::{Map, Value};

use crate::errors::{ErrorCode, GatewayError};
use crate::policy::{Action, Direction, Policy, Report};

pub const MAX_KEYS: usize = 5;
pub const MAX_HEADER_BYTES: usize = 4096;
pub const MAX_VALUE_CHARS: usize = 1024;
const MAX_KEY_CHARS: usize = 64;
/// Ignored keys noted in the log, at most.
const MAX_DROPPED_NOTED: usize = 16;

/// The parsed header.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Metadata {
    pub map: Map<String, Value>,
    /// Keys past the fifth, ignored (`cf-aig-metadata` only), cut to 64
    /// characters, at most 16 of them.
    pub dropped: Vec<String>,
}

/// Parses the header; `cloudflare` when it came as `cf-aig-metadata`.
pub fn parse(raw: &[u8], cloudflare: bool) -> Result<Metadata, GatewayError> {
    let name = if cloudflare { "cf-aig-metadata" } else { "x-aigw-metadata" };
    let bad = |why: &str| GatewayError::new(ErrorCode::InvalidMetadata, format!("{name} {why}"));
    if raw.len() > MAX_HEADER_BYTES {
        return Err(bad(&format!("is larger than {MAX_HEADER_BYTES} bytes")));
    }
    let Entries(entries) = serde_json::from_slice(raw).map_err(|_| bad("must be a JSON object"))?;
    if entries.len() > MAX_KEYS && !cloudflare {
        return Err(bad(&format!("may have at most {MAX_KEYS} keys")));
    }
    let mut out = Metadata::default();
    for (i, (k, v)) in entries.into_iter().enumerate() {
        if i >= MAX_KEYS {
            if out.dropped.len() < MAX_DROPPED_NOTED {
                out.dropped.push(k.chars().take(MAX_KEY_CHARS).collect());
            }
            continue;
        }
        if k.is_empty() || k.chars().count() > MAX_KEY_CHARS {
            return Err(bad(&format!("keys must be 1-{MAX_KEY_CHARS} characters")));
        }
        match &v {
            Value::String(s) if s.chars().count() > MAX_VALUE_CHARS => {
                return Err(bad(&format!(
                    "string values may have at most {MAX_VALUE_CHARS} characters"
                )));
            }
            Value::String(_) | Value::Number(_) | Value::Bool(_) => {}
            _ => return Err(bad("values must be strings, numbers or booleans")),
        }
        out.map.insert(k, v);
    }
    Ok(out)
}

/// The entries of a JSON object in the order sent.
struct Entries(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Object;
        impl<'de> Visitor<'de> for Object {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Entries, A::Error> {
                let mut out: Vec<(String, Value)> = Vec::new();
                while let Some((k, v)) = m.next_entry::<String, Value>()? {
                    match out.iter_mut().find(|(seen, _)| *seen == k) {
                        Some(slot) => slot.1 = v,
                        None => out.push((k, v)),
                    }
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(Object)
    }
}

/// The log's copy: keys, string values and numbers (as written) scanned by
/// the policy's request direction; what it acts upon is redacted. Returns
/// the findings (never the text).
pub fn scrub(m: &mut Metadata, policy: &Policy) -> Report {
    let mut report = Report::default();
    if !policy.active(Direction::Request) {
        return report;
    }
    let clean = |text: &str, report: &mut Report| -> Option<String> {
        let findings = policy.engine.scan(policy.profile, text);
        let mut acted = false;
        for f in &findings {
            acted |= report.add(policy, Direction::Request, f) != Action::Off;
        }
        acted.then(|| {
            policy.engine.redact(text, &findings, |f| {
                policy.action(Direction::Request, f.detector) != Action::Off
            })
        })
    };
    let mut out = Map::new();
    for (k, v) in std::mem::take(&mut m.map) {
        let v = match &v {
            Value::String(s) => clean(s, &mut report).map_or(v, Value::String),
            Value::Number(n) => clean(&n.to_string(), &mut report).map_or(v, Value::String),
            _ => v,
        };
        let mut key = clean(&k, &mut report).unwrap_or(k);
        // Two keys redacted alike both stay.
        while out.contains_key(&key) {
            key.push('#');
        }
        out.insert(key, v);
    }
    m.map = out;
    for k in &mut m.dropped {
        if let Some(c) = clean(k, &mut report) {
            *k = c;
        }
    }
    // Nothing here blocks, and everything found was redacted (in the log).
    report.blocked_by = None;
    report.redacted = report.findings.values().sum();
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn policy(request: &str) -> std::rc::Rc<Policy> {
        let doc = format!(
            r#"{{"version":1,"providers":{{"o":{{"kind":"openai"}}}},
                "policies":{{"p":{{"request":{request}}}}},"policy":"p"}}"#
        );
        let c = Config::parse(doc.as_bytes(), &|_| None).unwrap().0;
        std::rc::Rc::clone(c.policies.first().unwrap())
    }

    #[test]
    fn accepts_small_flat_objects() {
        let m = parse(br#"{"user":"u1","team":7,"beta":true}"#, false).unwrap();
        assert_eq!(m.map.len(), 3);
        assert_eq!(m.map["team"], 7);
        assert!(parse(b"{}", false).unwrap().map.is_empty());
        // A repeated key: its last value.
        assert_eq!(parse(br#"{"a":1,"a":2}"#, false).unwrap().map["a"], 2);
    }

    #[test]
    fn rejects_bad_metadata() {
        let long_value = format!(r#"{{"a":"{}"}}"#, "x".repeat(MAX_VALUE_CHARS + 1));
        for raw in [
            &br#"{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6}"#[..],
            b"[1]",
            b"\"s\"",
            b"{bad",
            br#"{"a":{"nested":1}}"#,
            br#"{"a":null}"#,
            br#"{"a":[1]}"#,
            br#"{"":1}"#,
            &[0xff, 0xfe],
            long_value.as_bytes(),
        ] {
            let e = parse(raw, false).unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidMetadata, "{raw:?}");
            assert!(e.message.starts_with("x-aigw-metadata "), "{}", e.message);
        }
        let big = format!(r#"{{"a":"{}"}}"#, "x".repeat(5000));
        assert!(parse(big.as_bytes(), false).is_err());
        assert!(parse(big.as_bytes(), true).is_err());
        let e = parse(b"[1]", true).unwrap_err();
        assert!(e.message.starts_with("cf-aig-metadata "), "{}", e.message);
    }

    #[test]
    fn cloudflare_keeps_the_first_five_in_order() {
        let raw = br#"{"z":1,"y":2,"x":3,"w":4,"v":5,"u":{"ignored":true},"t":6,"z":9}"#;
        let m = parse(raw, true).unwrap();
        let keys: Vec<&str> = m.map.keys().map(String::as_str).collect();
        assert_eq!(keys.len(), 5);
        for k in ["z", "y", "x", "w", "v"] {
            assert!(m.map.contains_key(k), "{k}");
        }
        assert_eq!(m.map["z"], 9); // a repeat keeps its place, takes the last value
        assert_eq!(m.dropped, vec!["u".to_string(), "t".to_string()]);
        // The first five are still checked.
        assert!(parse(br#"{"a":null,"b":1,"c":1,"d":1,"e":1,"f":1}"#, true).is_err());
        // Many ignored keys: a bounded note.
        let many: Vec<String> = (0..100).map(|i| format!(r#""k{i}":1"#)).collect();
        let m = parse(format!("{{{}}}", many.join(",")).as_bytes(), true).unwrap();
        assert_eq!((m.map.len(), m.dropped.len()), (5, MAX_DROPPED_NOTED));
    }

    #[test]
    fn scrub_redacts_what_the_policy_acts_on() {
        let p = policy(r#"{"email":"flag","credit_card":"redact","secret":"block"}"#);
        let raw = br#"{"user":"jane@example.com","card":4111111111111111,"note":"ok",
                       "jane@corp.example":"k","tok":"ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","x":1,"ghp_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb":2}"#;
        let mut m = parse(raw, true).unwrap();
        let report = scrub(&mut m, &p);
        let text = format!("{} {:?}", serde_json::to_string(&m.map).unwrap(), m.dropped);
        for secret in ["jane@example.com", "4111111111111111", "jane@corp.example", "ghp_"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert_eq!(m.map["note"], "ok");
        assert_eq!(report.findings.get("email"), Some(&2));
        assert!(report.findings.contains_key("credit_card"));
        assert!(report.findings.contains_key("github_token"));
        assert_eq!((report.redacted, report.blocked_by), (5, None));
        // Off: nothing scanned, nothing changed.
        let mut m = parse(br#"{"user":"jane@example.com"}"#, false).unwrap();
        assert!(scrub(&mut m, &policy("{}")).is_empty());
        assert_eq!(m.map["user"], "jane@example.com");
    }
}
