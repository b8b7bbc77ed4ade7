//! The shared L2 cache: Redis reached through Webdis (Redis over HTTP) with
//! `dispatch_http_call`, so every Envoy replica shares one cache.
//!
//! Lookup: `GET /GET/<prefix><hex key>.txt` → 200 with the base64 entry, or
//! 404. Store: `PUT /SETEX/<prefix><hex key>/<ttl>` with the base64 entry as
//! the body. Any other answer (Redis down, garbage, a timeout) is a miss
//! with a reason; a failed store is only logged.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use super::entry::Entry;
use super::key::{hex, Key};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct L2 {
    pub cluster: String,
    pub authority: String,
    pub timeout_ms: u32,
    pub key_prefix: String,
    pub max_entry_bytes: usize,
}

/// An HTTP request to Webdis: method, path, body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub method: &'static str,
    pub path: String,
    pub body: Vec<u8>,
}

impl L2 {
    pub fn lookup(&self, key: &Key) -> Call {
        Call {
            method: "GET",
            path: format!("/GET/{}{}.txt", self.key_prefix, hex(key)),
            body: Vec::new(),
        }
    }

    /// None when the entry is too large for L2.
    pub fn store(&self, entry: &Entry, ttl_s: u64) -> Option<Call> {
        let raw = entry.encode();
        if raw.len() > self.max_entry_bytes {
            return None;
        }
        Some(Call {
            method: "PUT",
            path: format!("/SETEX/{}{}/{}", self.key_prefix, hex(&entry.key), ttl_s.max(1)),
            body: STANDARD.encode(raw).into_bytes(),
        })
    }

    /// Reads a lookup answer: Ok(Some) a live entry for this key, Ok(None) a
    /// miss, Err(reason) anything that is neither.
    pub fn parse_lookup(
        &self,
        key: &Key,
        status: Option<u16>,
        body: &[u8],
        now_ms: u64,
    ) -> Result<Option<Entry>, String> {
        match status {
            Some(404) => Ok(None),
            Some(200) => {
                let raw = STANDARD
                    .decode(body.trim_ascii())
                    .map_err(|_| "L2 answered with a value that is not base64".to_string())?;
                let entry = Entry::decode(raw).ok_or_else(|| {
                    "L2 answered with a value that is not a cache entry".to_string()
                })?;
                if entry.key != *key {
                    return Err("L2 answered with another key's entry".into());
                }
                Ok(entry.live(now_ms).then_some(entry))
            }
            Some(s) => Err(format!("L2 answered status {s}")),
            None => Err("L2 did not answer (reset, timeout or no cluster)".into()),
        }
    }

    /// Whether a store was acknowledged (`{"SETEX":[true,"OK"]}`).
    pub fn store_ok(status: Option<u16>, body: &[u8]) -> bool {
        status == Some(200) && body.windows(4).any(|w| w == b"true")
    }
}

/// Key prefixes must be safe in a Webdis URL path segment.
pub fn valid_prefix(p: &str) -> bool {
    p.len() <= 64 && p.bytes().all(|b| b.is_ascii_alphanumeric() || b":-_.".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::usage::Usage;

    fn l2() -> L2 {
        L2 {
            cluster: "webdis".into(),
            authority: "webdis".into(),
            timeout_ms: 50,
            key_prefix: "aigw:cache:".into(),
            max_entry_bytes: 4096,
        }
    }

    fn entry() -> Entry {
        Entry {
            key: [0xab; 32],
            stored_ms: 0,
            expires_ms: 5_000,
            status: 200,
            stream: false,
            content_type: "application/json".into(),
            usage: Usage::default(),
            body: b"{}".to_vec(),
        }
    }

    #[test]
    fn calls_and_roundtrip() {
        let e = entry();
        let get = l2().lookup(&e.key);
        assert_eq!(get.path, format!("/GET/aigw:cache:{}.txt", "ab".repeat(32)));
        let put = l2().store(&e, 60).unwrap();
        assert_eq!(
            (put.method, put.path.as_str()),
            ("PUT", format!("/SETEX/aigw:cache:{}/60", "ab".repeat(32)).as_str())
        );
        assert_eq!(l2().parse_lookup(&e.key, Some(200), &put.body, 0), Ok(Some(e.clone())));
        assert_eq!(l2().parse_lookup(&e.key, Some(200), &put.body, 5_000), Ok(None));
        assert!(L2::store_ok(Some(200), br#"{"SETEX":[true,"OK"]}"#));
        assert!(!L2::store_ok(Some(500), b""));
    }

    #[test]
    fn faults_are_reasons_not_hits() {
        let k = entry().key;
        assert_eq!(l2().parse_lookup(&k, Some(404), b"", 0), Ok(None));
        assert!(l2().parse_lookup(&k, Some(200), b"%%%", 0).is_err());
        assert!(l2().parse_lookup(&k, Some(200), b"aGVsbG8=", 0).is_err());
        assert!(l2().parse_lookup(&k, Some(503), b"", 0).is_err());
        assert!(l2().parse_lookup(&k, None, b"", 0).is_err());
        let other = l2().store(&entry(), 1).unwrap();
        assert!(l2().parse_lookup(&[1; 32], Some(200), &other.body, 0).is_err());
    }

    #[test]
    fn too_large_for_l2() {
        let mut e = entry();
        e.body = vec![0; 10_000];
        assert!(l2().store(&e, 1).is_none());
    }

    #[test]
    fn prefixes() {
        assert!(valid_prefix("aigw:cache:"));
        assert!(!valid_prefix("a/b"));
        assert!(!valid_prefix("a b"));
    }
}
