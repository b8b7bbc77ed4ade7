//! Cache keys: SHA-256 over everything that makes two requests the same
//! request for the same caller, so tenants never read each other's entries.
//!
//! The rule: every input that can change the provider's answer is in the
//! key. That is the provider, the upstream path and its query string, the
//! model, the body (canonical), streaming, the caller, and the request
//! headers in [`OPTION_HEADERS`]: those a provider reads to pick the API
//! version, beta features, or the organisation / project a request runs
//! under. Headers that only authenticate (the caller's identity stands for
//! them) or describe the client (`user-agent`, `x-stainless-*`) are not.

use sha2::{Digest, Sha256};

use super::recent::Remembered;
use crate::headers::Headers;

pub type Key = [u8; 32];

/// Bumped whenever what a key hashes changes: replicas of different
/// versions share L2, and an entry must never be read under another format.
const FORMAT: &[u8] = b"aigw-cache-key/2";

/// Request headers that change a provider's answer (see the module doc):
/// every format's own, sorted; [`options`] keeps this order.
pub use crate::formats::OPTION_HEADERS;

/// The option headers of a request as one key field: each present
/// `name, value` length-prefixed, in [`OPTION_HEADERS`] order, a repeated
/// header's values in the order sent. Empty (no allocation) without any.
pub fn options(headers: &Headers) -> Vec<u8> {
    // One pass over the headers (this runs on every request); the rare
    // matches are then put in a fixed order.
    let mut found: Vec<(usize, &str, &[u8])> = headers
        .iter()
        .filter_map(|(k, v)| {
            let (i, name) = OPTION_HEADERS.iter().enumerate().find(|(_, n)| **n == k)?;
            Some((i, *name, v))
        })
        .collect();
    found.sort_by_key(|(i, _, _)| *i);
    let mut out = Vec::new();
    for (_, name, value) in found {
        push_field(&mut out, name.as_bytes());
        push_field(&mut out, value);
    }
    out
}

/// Adds `name: value` to an encoded options field unless the request set
/// that header (a provider default the gateway sends in its place).
pub fn add_default_option(options: &mut Vec<u8>, name: &str, value: &[u8]) {
    let mut at = 0;
    let mut present = false;
    while let Some((n, rest)) = read_field(options, at) {
        let Some((_, next)) = read_field(options, rest) else { break };
        present |= n == name.as_bytes();
        at = next;
    }
    if !present {
        push_field(options, name.as_bytes());
        push_field(options, value);
    }
}

fn push_field(out: &mut Vec<u8>, part: &[u8]) {
    out.extend_from_slice(&(part.len() as u64).to_le_bytes());
    out.extend_from_slice(part);
}

/// The field at `at`, and where the next starts.
fn read_field(buf: &[u8], at: usize) -> Option<(&[u8], usize)> {
    let len: [u8; 8] = buf.get(at..at.checked_add(8)?)?.try_into().ok()?;
    let start = at + 8;
    let end = start.checked_add(usize::try_from(u64::from_le_bytes(len)).ok()?)?;
    Some((buf.get(start..end)?, end))
}

/// What a key is computed from.
pub struct KeyInput<'a> {
    pub provider: &'a str,
    /// The upstream path, without the query.
    pub path: &'a str,
    /// The query string as it goes upstream (`?...`, or empty).
    pub query: &'a str,
    /// The request's option headers, encoded by [`options`].
    pub options: &'a [u8],
    pub model: Option<&'a str>,
    /// Who is asking: the gateway token's tenant, or the client's provider
    /// credentials; empty when every client shares the gateway's key.
    pub identity: &'a [u8],
    pub stream: bool,
}

/// The computed key: the request body with JSON object keys in a canonical
/// order (and insignificant whitespace dropped), so `{"a":1,"b":2}` and
/// `{ "b":2, "a":1 }` share an entry. None when the body is not JSON.
/// `recent`: the worker's memo entry of these very bytes (`cache::recent`),
/// where the key for the same fields may already be.
pub fn computed(input: &KeyInput, body: &[u8], recent: Option<&Remembered>) -> Option<Key> {
    let identity = identity_digest(input.identity);
    // Only the memo's own bytes (the request shares them): its keys were
    // computed over exactly this body.
    let recent = recent
        .filter(|r| std::ptr::eq(r.body.as_ptr(), body.as_ptr()))
        .filter(|r| r.body.len() == body.len());
    let Some(recent) = recent else { return fresh(input, &identity, body) };
    // Every field but the body, exactly: a key is reused only for the same
    // provider, path, query, model, caller, stream flag and option headers.
    let all = fields(b"computed", input, &identity, b"");
    let mut exact = Vec::with_capacity(all.iter().map(|p| p.len() + 8).sum());
    for part in all.iter().take(all.len() - 1) {
        push_field(&mut exact, part);
    }
    if let Some(key) = recent.key(&exact) {
        return Some(key);
    }
    let key = fresh(input, &identity, body)?;
    recent.remember_key(&exact, key);
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
) -> [&'a [u8]; 10] {
    [
        FORMAT,
        kind,
        k.provider.as_bytes(),
        k.path.as_bytes(),
        k.query.as_bytes(),
        k.model.unwrap_or_default().as_bytes(),
        &identity[..],
        if k.stream { b"\x01" } else { b"\x00" },
        k.options,
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
/// that digest is computed once per VM, not per request. A caller that has
/// one is usually the same as a request shortly before on this worker: the
/// last few tenants are remembered, compared byte for byte (a client's own
/// provider key is a secret and is not kept past its request).
fn identity_digest(identity: &[u8]) -> Key {
    const RECENT: usize = 8;
    thread_local! {
        static EMPTY: Key = Sha256::digest(b"").into();
        static LAST: std::cell::RefCell<Vec<(Box<[u8]>, Key)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    if identity.is_empty() {
        return EMPTY.with(|d| *d);
    }
    if !identity.starts_with(b"tenant:") {
        return Sha256::digest(identity).into();
    }
    LAST.with(|last| {
        let Ok(mut last) = last.try_borrow_mut() else { return Sha256::digest(identity).into() };
        if let Some(i) = last.iter().position(|(id, _)| id.as_ref() == identity) {
            let hit = last.remove(i);
            let key = hit.1;
            last.push(hit);
            return key;
        }
        let key: Key = Sha256::digest(identity).into();
        if last.len() >= RECENT {
            last.remove(0);
        }
        last.push((identity.into(), key));
        key
    })
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
    use crate::cache::recent;

    /// As a request computes it: through the worker's memo of bodies (the
    /// first time fresh and remembered, then from the memo).
    fn computed(i: &KeyInput, body: &[u8]) -> Option<Key> {
        let lookup = recent::find(body, true);
        let r = lookup
            .found
            .clone()
            .or_else(|| recent::remember(&lookup, body.into(), true, Default::default()));
        match r {
            Some(r) => super::computed(i, &r.body, Some(&r)),
            None => super::computed(i, body, None),
        }
    }

    fn input<'a>(identity: &'a [u8], stream: bool) -> KeyInput<'a> {
        KeyInput {
            provider: "openai",
            path: "/v1/chat/completions",
            query: "",
            options: b"",
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
    fn remembered_identity_digests_are_the_digests() {
        let ids: Vec<Vec<u8>> =
            (0..20).map(|i| format!("tenant:t{}", i % 11).into_bytes()).collect();
        for round in 0..3 {
            for id in ids.iter().chain([&b"key:sk-x\0".to_vec(), &Vec::new()]) {
                let want: Key = Sha256::digest(id).into();
                assert_eq!(identity_digest(id), want, "round {round}");
            }
        }
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
        // over the length-prefixed fields and the sorted compact body),
        // format 2 (with the query and the option headers).
        let body = br#"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#;
        let key = |id: &[u8]| hex(&computed(&input(id, false), body).unwrap());
        assert_eq!(key(b""), "6f085d1a479bfe3715c226ab46b17c4178080ad612e1796ca5eb7399c717eb21");
        assert_eq!(
            key(b"team-a"),
            "14d68ada0bcd668176c1837242d8c60b1e686a3feddb4c9970be2eb88adabd7a"
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
        // Large bodies are remembered too, and one byte apart is another key.
        let big = format!(r#"{{"model":"m","pad":"{}"}}"#, "x".repeat(200_000));
        let k = computed(&input(b"", false), big.as_bytes()).unwrap();
        assert_eq!(Some(k), fresh(&input(b"", false), &identity_digest(b""), big.as_bytes()));
        assert_eq!(computed(&input(b"", false), big.as_bytes()), Some(k));
        let other = big.replacen("xx", "xy", 1);
        assert_ne!(computed(&input(b"", false), other.as_bytes()), Some(k));
    }

    #[test]
    fn query_and_option_headers_separate_entries() {
        let body = br#"{"model":"m","messages":[{"role":"user","content":"opts"}]}"#;
        let base = computed(&input(b"", false), body).unwrap();
        let mut q = input(b"", false);
        q.query = "?api-version=2024-10-21";
        assert_ne!(computed(&q, body).unwrap(), base);
        let mut seen = vec![base];
        for name in OPTION_HEADERS {
            for value in [&b"a"[..], b"b"] {
                let opts = options(&Headers::from_pairs(&[(*name, value)]));
                let mut i = input(b"", false);
                i.options = &opts;
                let k = computed(&i, body).unwrap();
                assert!(!seen.contains(&k), "{name}: {value:?}");
                seen.push(k);
                // From the memo, the same key.
                assert_eq!(computed(&i, body), Some(k));
                assert_eq!(custom(&i, b"c"), custom(&i, b"c"));
                assert_ne!(custom(&i, b"c"), custom(&input(b"", false), b"c"));
            }
        }
        // Other headers are not options; a repeated header counts each value.
        assert!(options(&Headers::from_pairs(&[("user-agent", &b"x"[..])])).is_empty());
        let one = options(&Headers::from_pairs(&[("anthropic-beta", &b"a"[..])]));
        let two = options(&Headers::from_pairs(&[
            ("anthropic-beta", &b"a"[..]),
            ("anthropic-beta", b"b"),
        ]));
        assert_ne!(one, two);
        // The order of different headers does not matter.
        assert_eq!(
            options(&Headers::from_pairs(&[
                ("openai-project", &b"p"[..]),
                ("anthropic-version", b"v")
            ])),
            options(&Headers::from_pairs(&[
                ("anthropic-version", &b"v"[..]),
                ("openai-project", b"p")
            ]))
        );
    }

    #[test]
    fn provider_defaults_fill_in_absent_options() {
        let mut absent = Vec::new();
        add_default_option(&mut absent, "anthropic-version", b"2023-06-01");
        assert_eq!(
            absent,
            options(&Headers::from_pairs(&[("anthropic-version", &b"2023-06-01"[..])]))
        );
        let mut set = options(&Headers::from_pairs(&[("anthropic-version", &b"2024-01-01"[..])]));
        let before = set.clone();
        add_default_option(&mut set, "anthropic-version", b"2023-06-01");
        assert_eq!(set, before);
    }

    #[test]
    fn big_integers_in_the_body_separate_entries() {
        let a = computed(&input(b"", false), br#"{"model":"m","seed":18446744073709551616}"#);
        let b = computed(&input(b"", false), br#"{"model":"m","seed":18446744073709551617}"#);
        assert_ne!(a.unwrap(), b.unwrap());
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
