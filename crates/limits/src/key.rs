//! Limit keys: which requests share a counter.
//!
//! A rule's or budget's `key` lists the parts that make up the *subject*
//! counted: requests with equal parts share one counter. An empty key counts
//! every request the rule applies to together.
//!
//! The subject is an unambiguous byte string (each part tagged and
//! length-prefixed, after the counter's name) hashed with SHA-256: 64 bits of
//! it pick the shared-data slot and are stored in it to tell subjects apart,
//! 128 bits (hex) name the Redis key in global mode. Raw values (tokens' names,
//! header values, IPs) never appear in keys.

use serde::Deserialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::cost::Price;
pub use crate::pattern::pattern_matches;

/// One part of a limit key.
///
/// In JSON: `"tenant"`, `"client_ip"`, `"provider"`, `"model"`,
/// `{"header": "x-user-id"}`, `{"metadata": "user"}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyPart {
    /// The gateway token's name (the tenant).
    Tenant,
    /// The client's IP as the host determined it.
    ClientIp,
    /// The provider's name (`openai`, ...).
    Provider,
    /// The model the client asked for.
    Model,
    /// A request header (name matched case-insensitively; raw bytes).
    Header(String),
    /// A field of the `x-aigw-metadata` object (its JSON text).
    Metadata(String),
}

/// What the caller knows about a request, for keys and `when` filters.
///
/// `headers` needs only the headers that [`crate::Limiter::key_headers`] lists
/// (names lowercase); looking one up is case-insensitive.
#[derive(Debug, Clone, Copy, Default)]
pub struct RequestFacts<'a> {
    pub tenant: Option<&'a str>,
    /// Normalised by the host (no port), e.g. Envoy's downstream remote address
    /// as configured for `x-forwarded-for`.
    pub client_ip: Option<&'a str>,
    pub provider: Option<&'a str>,
    pub model: Option<&'a str>,
    pub headers: &'a [(&'a str, &'a [u8])],
    /// The parsed `x-aigw-metadata` / `cf-aig-metadata` object.
    pub metadata: Option<&'a Map<String, Value>>,
    /// The request's `x-aigw-custom-cost` price ([`crate::parse_custom_cost`]),
    /// used by budgets instead of the price table.
    pub custom_price: Option<Price>,
    /// The shipped default price (`default_prices`), used by the table when
    /// the operator's `prices` has no entry for the provider and model.
    pub default_price: Option<Price>,
}

impl<'a> RequestFacts<'a> {
    pub fn header(&self, name: &str) -> Option<&'a [u8]> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| *v)
    }
}

/// A subject's hashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subject {
    /// First 8 bytes of the SHA-256 (little-endian): slot choice and slot owner.
    pub hash64: u64,
    /// First 16 bytes of the SHA-256, hex: Redis key names.
    pub hash128: [u8; 16],
}

impl Subject {
    pub fn hex128(&self) -> String {
        let mut s = String::with_capacity(32);
        for b in self.hash128 {
            s.push(hex_digit(b >> 4));
            s.push(hex_digit(b & 0x0f));
        }
        s
    }
}

fn hex_digit(n: u8) -> char {
    char::from_digit(u32::from(n), 16).unwrap_or('0')
}

/// Builds the subject of `counter` for a request; `None` when a part is
/// missing and `missing_is_skip` (the counter then does not apply).
pub fn subject(
    counter: &str,
    parts: &[KeyPart],
    facts: &RequestFacts<'_>,
    missing_is_skip: bool,
) -> Option<Subject> {
    let mut pre = Vec::with_capacity(64);
    put(&mut pre, b'n', Some(counter.as_bytes()));
    for part in parts {
        let json;
        let (tag, value): (u8, Option<&[u8]>) = match part {
            KeyPart::Tenant => (b't', facts.tenant.map(str::as_bytes)),
            KeyPart::ClientIp => (b'i', facts.client_ip.map(str::as_bytes)),
            KeyPart::Provider => (b'p', facts.provider.map(str::as_bytes)),
            KeyPart::Model => (b'm', facts.model.map(str::as_bytes)),
            KeyPart::Header(name) => (b'h', facts.header(name)),
            KeyPart::Metadata(field) => {
                json = facts.metadata.and_then(|m| m.get(field)).map(Value::to_string);
                (b'd', json.as_deref().map(str::as_bytes))
            }
        };
        if value.is_none() && missing_is_skip {
            return None;
        }
        put(&mut pre, tag, value);
    }
    Some(memo::subject(&pre))
}

fn hashed(pre: &[u8]) -> Subject {
    let digest = Sha256::digest(pre);
    let mut hash128 = [0u8; 16];
    for (dst, src) in hash128.iter_mut().zip(digest.iter()) {
        *dst = *src;
    }
    let mut first8 = [0u8; 8];
    for (dst, src) in first8.iter_mut().zip(digest.iter()) {
        *dst = *src;
    }
    Subject { hash64: u64::from_le_bytes(first8), hash128 }
}

/// The subjects hashed last: most requests repeat a recent subject (the
/// same tenant, model, provider), and a SHA-256 costs more than the rest of
/// a counter's key. Per thread (one per Envoy worker's VM), direct-mapped
/// by a cheap hash of the exact byte string, which is compared whole.
mod memo {
    use std::cell::RefCell;

    use super::Subject;

    const SLOTS: usize = 64;
    /// Longer byte strings (long header values) are hashed every time.
    const MAX_LEN: usize = 256;

    /// A subject's byte string and its hashes.
    type Entry = Option<(Box<[u8]>, Subject)>;

    thread_local! {
        static RECENT: RefCell<Vec<Entry>> = RefCell::new(vec![None; SLOTS]);
    }

    pub(super) fn subject(pre: &[u8]) -> Subject {
        if pre.len() > MAX_LEN {
            return super::hashed(pre);
        }
        let slot = pre.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
        }) as usize
            % SLOTS;
        RECENT.with(|r| {
            let Ok(mut r) = r.try_borrow_mut() else { return super::hashed(pre) };
            let Some(entry) = r.get_mut(slot) else { return super::hashed(pre) };
            match entry {
                Some((bytes, s)) if **bytes == *pre => *s,
                _ => {
                    let s = super::hashed(pre);
                    *entry = Some((pre.into(), s));
                    s
                }
            }
        })
    }
}

/// Tag, then presence and length, then the bytes: no two different key
/// tuples produce the same byte string.
fn put(out: &mut Vec<u8>, tag: u8, value: Option<&[u8]>) {
    out.push(tag);
    match value {
        None => out.push(0),
        Some(v) => {
            out.push(1);
            out.extend_from_slice(&(v.len() as u64).to_le_bytes());
            out.extend_from_slice(v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts<'a>(
        headers: &'a [(&'a str, &'a [u8])],
        meta: Option<&'a Map<String, Value>>,
    ) -> RequestFacts<'a> {
        RequestFacts {
            tenant: Some("team-a"),
            client_ip: Some("10.0.0.1"),
            provider: Some("openai"),
            model: Some("gpt-4o-mini"),
            headers,
            metadata: meta,
            custom_price: None,
            default_price: None,
        }
    }

    #[test]
    fn parts_deserialize_from_strings_and_objects() {
        let parts: Vec<KeyPart> = serde_json::from_str(
            r#"["tenant","client_ip","provider","model",{"header":"X-User"},{"metadata":"user"}]"#,
        )
        .unwrap();
        assert_eq!(parts.len(), 6);
        assert_eq!(parts[4], KeyPart::Header("X-User".into()));
        let e = serde_json::from_str::<Vec<KeyPart>>(r#"["ip"]"#).unwrap_err().to_string();
        assert!(e.contains("unknown variant `ip`"), "{e}");
    }

    /// The subject as it was hashed before the memo: SHA-256 over the
    /// tagged parts, fed piece by piece.
    fn reference(counter: &str, tenant: Option<&str>) -> Subject {
        let mut h = Sha256::new();
        for (tag, v) in [(b'n', Some(counter)), (b't', tenant)] {
            h.update([tag]);
            match v {
                None => h.update([0u8]),
                Some(v) => {
                    h.update([1u8]);
                    h.update((v.len() as u64).to_le_bytes());
                    h.update(v.as_bytes());
                }
            }
        }
        let d = h.finalize();
        Subject {
            hash64: u64::from_le_bytes(d[..8].try_into().unwrap()),
            hash128: d[..16].try_into().unwrap(),
        }
    }

    #[test]
    fn memoised_subjects_are_the_hashes_and_keep_their_keys() {
        let long = "t".repeat(400);
        // Many subjects, more than the memo's slots, each asked twice (the
        // second from the memo when it is still there): always the hash
        // of its own parts, never a neighbour's.
        let names: Vec<String> = (0..300).map(|i| format!("tenant-{i}")).chain([long]).collect();
        for round in 0..2 {
            for name in &names {
                let f = RequestFacts { tenant: Some(name), ..facts(&[], None) };
                let got = subject("rule", &[KeyPart::Tenant], &f, true).unwrap();
                assert_eq!(got, reference("rule", Some(name)), "{name} round {round}");
            }
        }
        let none = RequestFacts { tenant: None, ..facts(&[], None) };
        assert_eq!(
            subject("rule", &[KeyPart::Tenant], &none, false).unwrap(),
            reference("rule", None)
        );
    }

    #[test]
    fn subjects_differ_by_every_part_and_counter() {
        let meta: Map<String, Value> = serde_json::from_str(r#"{"user":"u1","n":1}"#).unwrap();
        let headers: &[(&str, &[u8])] = &[("x-user", b"alice")];
        let all = [
            KeyPart::Tenant,
            KeyPart::ClientIp,
            KeyPart::Provider,
            KeyPart::Model,
            KeyPart::Header("X-USER".into()),
            KeyPart::Metadata("user".into()),
        ];
        let base = facts(headers, Some(&meta));
        let s = subject("r", &all, &base, true).unwrap();
        assert_eq!(s, subject("r", &all, &base, true).unwrap());
        assert_ne!(s, subject("r2", &all, &base, true).unwrap());
        let variants = [
            RequestFacts { tenant: Some("team-b"), ..base },
            RequestFacts { client_ip: Some("10.0.0.2"), ..base },
            RequestFacts { provider: Some("anthropic"), ..base },
            RequestFacts { model: Some("gpt-4o"), ..base },
            RequestFacts { headers: &[("x-user", b"bob")], ..base },
        ];
        for v in variants {
            assert_ne!(s, subject("r", &all, &v, true).unwrap());
        }
        let meta2: Map<String, Value> = serde_json::from_str(r#"{"user":"u2"}"#).unwrap();
        assert_ne!(s, subject("r", &all, &facts(headers, Some(&meta2)), true).unwrap());
        // a string "1" and a number 1 are different metadata values
        let a: Map<String, Value> = serde_json::from_str(r#"{"user":"1"}"#).unwrap();
        let b: Map<String, Value> = serde_json::from_str(r#"{"user":1}"#).unwrap();
        let key = [KeyPart::Metadata("user".into())];
        assert_ne!(
            subject("r", &key, &facts(&[], Some(&a)), true),
            subject("r", &key, &facts(&[], Some(&b)), true)
        );
        assert_eq!(s.hex128().len(), 32);
    }

    #[test]
    fn no_ambiguity_between_parts() {
        // ("ab", "c") and ("a", "bc") must differ
        let k = [KeyPart::Header("x".into()), KeyPart::Header("y".into())];
        let h1: &[(&str, &[u8])] = &[("x", b"ab"), ("y", b"c")];
        let h2: &[(&str, &[u8])] = &[("x", b"a"), ("y", b"bc")];
        assert_ne!(
            subject("r", &k, &facts(h1, None), true),
            subject("r", &k, &facts(h2, None), true)
        );
        // missing differs from empty
        let h3: &[(&str, &[u8])] = &[("x", b""), ("y", b"")];
        let h4: &[(&str, &[u8])] = &[];
        assert_ne!(
            subject("r", &k, &facts(h3, None), false),
            subject("r", &k, &facts(h4, None), false)
        );
    }

    #[test]
    fn missing_parts_skip_or_group() {
        let k = [KeyPart::Header("x-user".into())];
        let none = facts(&[], None);
        assert_eq!(subject("r", &k, &none, true), None);
        let grouped = subject("r", &k, &none, false).unwrap();
        assert_eq!(Some(grouped), subject("r", &k, &RequestFacts { tenant: None, ..none }, false));
        let meta_key = [KeyPart::Metadata("user".into())];
        assert_eq!(subject("r", &meta_key, &none, true), None);
        // an empty key always applies and is one subject
        let a = subject("r", &[], &none, true).unwrap();
        assert_eq!(Some(a), subject("r", &[], &facts(&[("x", b"1")], None), true));
    }

    #[test]
    fn patterns() {
        assert!(pattern_matches("*", "anything"));
        assert!(pattern_matches("gpt-4o*", "gpt-4o-mini-2024-07-18"));
        assert!(!pattern_matches("gpt-4o*", "gpt-4"));
        assert!(pattern_matches("gpt-4o", "gpt-4o"));
        assert!(!pattern_matches("gpt-4o", "gpt-4o-mini"));
    }
}
