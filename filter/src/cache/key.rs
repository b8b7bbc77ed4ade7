//! Cache keys: SHA-256 over everything that makes two requests the same
//! request for the same caller, so tenants never read each other's entries.

use std::cell::RefCell;
use std::hash::{DefaultHasher, Hasher};

use sha2::{Digest, Sha256};

pub type Key = [u8; 32];

/// Keys of recent bodies, per VM: a repeated request (which is what a cache
/// hit is) skips canonicalising and hashing its body. Direct-mapped slots.
const RECENT_SLOTS: usize = 64;
/// Larger bodies are not remembered: the memo stays under ~270 KB per VM.
const RECENT_MAX_BODY: usize = 4096;

/// A remembered key and the exact inputs it was computed from (the
/// identity as its digest: no credentials are kept).
struct Recent {
    input: Vec<u8>,
    key: Key,
}

thread_local! {
    static RECENT: RefCell<Vec<Option<Recent>>> =
        RefCell::new((0..RECENT_SLOTS).map(|_| None).collect());
}

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
    let identity = identity_digest(input.identity);
    if body.len() > RECENT_MAX_BODY {
        return fresh(input, &identity, body);
    }
    // The memo matches the key's own fields, with the body as sent, byte
    // for byte: a remembered key is exactly the one the computation gives.
    let mut raw = Vec::with_capacity(body.len() + 256);
    for part in fields(b"computed", input, &identity, body) {
        raw.extend_from_slice(&(part.len() as u64).to_le_bytes());
        raw.extend_from_slice(part);
    }
    let mut fingerprint = DefaultHasher::new();
    fingerprint.write(&raw);
    let slot = (fingerprint.finish() % RECENT_SLOTS as u64) as usize;
    let remembered = RECENT.with(|r| {
        let r = r.try_borrow().ok()?;
        r.get(slot)?.as_ref().filter(|e| e.input == raw).map(|e| e.key)
    });
    if remembered.is_some() {
        return remembered;
    }
    let key = fresh(input, &identity, body)?;
    RECENT.with(|r| {
        if let Some(s) = r.try_borrow_mut().ok().as_mut().and_then(|r| r.get_mut(slot)) {
            *s = Some(Recent { input: raw, key });
        }
    });
    Some(key)
}

/// The computation itself (no memo).
fn fresh(input: &KeyInput, identity: &Key, body: &[u8]) -> Option<Key> {
    let canonical = super::canonical::canonical(body)?;
    Some(hash(&fields(b"computed", input, identity, &canonical)))
}

/// A client-chosen key (`x-aigw-cache-key`): it replaces the request's
/// content in the key, never the caller's identity or the provider.
pub fn custom(input: &KeyInput, custom: &[u8]) -> Key {
    hash(&fields(b"custom", input, &identity_digest(input.identity), custom))
}

/// What a key hashes, in order (the caller as its digest).
fn fields<'a>(
    kind: &'a [u8],
    k: &'a KeyInput,
    identity: &'a Key,
    content: &'a [u8],
) -> [&'a [u8]; 7] {
    [
        kind,
        k.provider.as_bytes(),
        k.path.as_bytes(),
        k.model.unwrap_or_default().as_bytes(),
        &identity[..],
        if k.stream { b"\x01" } else { b"\x00" },
        content,
    ]
}

fn hash(fields: &[&[u8]]) -> Key {
    let mut h = Sha256::new();
    // Length-prefixed fields: no two different inputs hash the same bytes.
    for part in fields {
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
    fn remembered_keys_are_the_computed_ones() {
        let body = br#"{"model":"m","messages":[{"role":"user","content":"again"}]}"#;
        for (id, stream) in [(&b""[..], false), (b"team-a", false), (b"team-a", true)] {
            let first = computed(&input(id, stream), body).unwrap();
            let digest = identity_digest(id);
            assert_eq!(first, fresh(&input(id, stream), &digest, body).unwrap());
            // The second time it comes from the memo: still the same key.
            assert_eq!(computed(&input(id, stream), body), Some(first));
        }
        // One input differs: another key, never the remembered one.
        let a = computed(&input(b"team-a", false), body).unwrap();
        assert_ne!(computed(&input(b"team-b", false), body).unwrap(), a);
        let mut other = input(b"team-a", false);
        other.model = Some("n");
        assert_ne!(computed(&other, body).unwrap(), a);
        let changed = br#"{"model":"m","messages":[{"role":"user","content":"agaim"}]}"#;
        assert_ne!(computed(&input(b"team-a", false), changed).unwrap(), a);
        // Large bodies are computed every time, with the same result.
        let big = format!(r#"{{"model":"m","pad":"{}"}}"#, "x".repeat(RECENT_MAX_BODY));
        let k = computed(&input(b"", false), big.as_bytes()).unwrap();
        assert_eq!(Some(k), fresh(&input(b"", false), &identity_digest(b""), big.as_bytes()));
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
