//! Cache keys: SHA-256 over everything that makes two requests the same
//! request for the same caller, so tenants never read each other's entries.

use sha2::{Digest, Sha256};

pub type Key = [u8; 32];

/// What a key is computed from.
pub struct KeyInput<'a> {
    pub provider: &'a str,
    /// The upstream path, query included.
    pub path: &'a str,
    pub model: Option<&'a str>,
    /// Who is asking: the gateway token's tenant, or the client's provider
    /// credentials; empty when every client shares the gateway's key.
    pub identity: &'a [u8],
    pub stream: bool,
}

/// The computed key: the request body with JSON object keys in a canonical
/// order (and insignificant whitespace dropped), so `{"a":1,"b":2}` and
/// `{ "b":2, "a":1 }` share an entry. None when the body is not JSON.
pub fn computed(input: &KeyInput, body: &[u8]) -> Option<Key> {
    // serde_json's default map is ordered by key: a parse and a compact
    // re-serialisation is the canonical form.
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let canonical = serde_json::to_vec(&value).ok()?;
    Some(hash(b"computed", input, &canonical))
}

/// A client-chosen key (`x-aigw-cache-key`): it replaces the request's
/// content in the key, never the caller's identity or the provider.
pub fn custom(input: &KeyInput, custom: &[u8]) -> Key {
    hash(b"custom", input, custom)
}

fn hash(kind: &[u8], k: &KeyInput, content: &[u8]) -> Key {
    let identity = identity_digest(k.identity);
    let mut h = Sha256::new();
    // Length-prefixed fields: no two different inputs hash the same bytes.
    for part in [
        kind,
        k.provider.as_bytes(),
        k.path.as_bytes(),
        k.model.unwrap_or_default().as_bytes(),
        &identity[..],
        &[u8::from(k.stream)][..],
        content,
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part);
    }
    h.finalize().into()
}

/// Most gateways hold the provider keys, so most callers have no identity:
/// that digest is computed once per VM, not per request.
fn identity_digest(identity: &[u8]) -> Key {
    thread_local! {
        static EMPTY: Key = Sha256::digest(b"").into();
    }
    if identity.is_empty() {
        EMPTY.with(|d| *d)
    } else {
        Sha256::digest(identity).into()
    }
}

pub fn hex(key: &Key) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(64);
    for b in key {
        s.push(char::from(*DIGITS.get(usize::from(b >> 4)).unwrap_or(&b'0')));
        s.push(char::from(*DIGITS.get(usize::from(b & 15)).unwrap_or(&b'0')));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(identity: &'a [u8], stream: bool) -> KeyInput<'a> {
        KeyInput {
            provider: "openai",
            path: "/v1/chat/completions",
            model: Some("m"),
            identity,
            stream,
        }
    }

    #[test]
    fn key_order_and_whitespace_do_not_matter() {
        let a = computed(
            &input(b"", false),
            br#"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#,
        );
        let b = computed(
            &input(b"", false),
            br#"{ "messages": [ {"content":"hi", "role":"user"} ], "model":"m" }"#,
        );
        assert_eq!(a, b);
        assert!(a.is_some());
        let c = computed(
            &input(b"", false),
            br#"{"model":"m","messages":[{"role":"user","content":"ho"}]}"#,
        );
        assert_ne!(a, c);
    }

    #[test]
    fn identity_stream_and_provider_separate_entries() {
        let body = br#"{"model":"m"}"#;
        let base = computed(&input(b"team-a", false), body).unwrap();
        assert_ne!(base, computed(&input(b"team-b", false), body).unwrap());
        assert_ne!(base, computed(&input(b"team-a", true), body).unwrap());
        let mut other = input(b"team-a", false);
        other.provider = "anthropic";
        assert_ne!(base, computed(&other, body).unwrap());
        assert_ne!(custom(&input(b"team-a", false), b"k"), custom(&input(b"team-b", false), b"k"));
        assert_ne!(
            custom(&input(b"a", false), b"k"),
            computed(&input(b"a", false), b"\"k\"").unwrap()
        );
    }

    #[test]
    fn keys_are_stable_across_versions() {
        // Replicas of different versions share L2: the key format is fixed.
        // Expected values from an independent computation (Python hashlib
        // over the length-prefixed fields and the sorted compact body).
        let body = br#"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#;
        let key = |id: &[u8]| hex(&computed(&input(id, false), body).unwrap());
        assert_eq!(key(b""), "0af59d6a2e26f3909baebe72eecc1f37a2f66840e462233855775af975170691");
        assert_eq!(
            key(b"team-a"),
            "f478c38e9ef09bdf914a95bafac7ce46fe7830c3882336b96e1f1bd2f36052ad"
        );
    }

    #[test]
    fn not_json_has_no_computed_key() {
        assert_eq!(computed(&input(b"", false), b"{nope"), None);
    }

    #[test]
    fn hex_is_lowercase_64() {
        assert_eq!(hex(&[0xab; 32]), "ab".repeat(32));
    }
}
