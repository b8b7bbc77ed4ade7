//! Header names the gateway understands and a read-only view of a header map.
//!
//! The gateway's own headers use the prefix `x-aigw-`; Cloudflare AI Gateway's
//! `cf-aig-` headers are accepted as aliases so clients migrate unchanged.

pub const PREFIX: &str = "x-aigw-";
pub const CF_PREFIX: &str = "cf-aig-";

pub const AUTHORIZATION: &str = "authorization";
pub const METADATA: &str = "metadata";

/// Header the Envoy route reads to pick the upstream cluster (`cluster_header`).
pub const DEFAULT_CLUSTER_HEADER: &str = "x-aigw-cluster";

/// A header map as the host serialises it (proxy-wasm map format), viewed in
/// place: one buffer and one offset table, no allocation per header (this
/// runs on every request). Names are lower case (Envoy guarantees it); values
/// are raw bytes because clients may send non-UTF-8.
#[derive(Debug, Default, Clone)]
pub struct Headers {
    raw: Vec<u8>,
    /// (name start, name end, value start, value end) into `raw`.
    spans: Vec<(usize, usize, usize, usize)>,
    /// Which gateway prefixes occur: most requests carry no control header,
    /// and then every lookup of one ends here instead of in a scan.
    prefixes: Prefixes,
}

#[derive(Debug, Default, Clone, Copy)]
struct Prefixes {
    aigw: bool,
    cf: bool,
}

impl Headers {
    /// Views a serialised map: `u32 count`, `count` pairs of
    /// `u32 name_len, u32 value_len`, then each name and value followed by NUL.
    /// None when malformed. Entries whose name is not UTF-8 are skipped
    /// (Envoy never produces them).
    pub fn from_host(raw: Vec<u8>) -> Option<Headers> {
        if raw.is_empty() {
            return Some(Headers::default());
        }
        let word = |at: usize| -> Option<usize> {
            let b: [u8; 4] = raw.get(at..at.checked_add(4)?)?.try_into().ok()?;
            usize::try_from(u32::from_le_bytes(b)).ok()
        };
        let count = word(0)?;
        let mut data = count.checked_mul(8)?.checked_add(4)?;
        let mut spans = Vec::with_capacity(count.min(128));
        let mut prefixes = Prefixes::default();
        for i in 0..count {
            let nlen = word(4 + i * 8)?;
            let vlen = word(8 + i * 8)?;
            let name = (data, data.checked_add(nlen)?);
            data = name.1.checked_add(1)?;
            let value = (data, data.checked_add(vlen)?);
            data = value.1.checked_add(1)?;
            raw.get(value.0..value.1)?;
            let name_ok = raw
                .get(name.0..name.1)
                .is_some_and(|n| n.is_ascii() || std::str::from_utf8(n).is_ok());
            if name_ok {
                spans.push((name.0, name.1, value.0, value.1));
                let n = raw.get(name.0..name.1).unwrap_or_default();
                prefixes.aigw |= n.starts_with(PREFIX.as_bytes());
                prefixes.cf |= n.starts_with(CF_PREFIX.as_bytes());
            }
        }
        Some(Headers { raw, spans, prefixes })
    }

    /// Builds a map from pairs (tests; local replies' headers use [`encode`]).
    pub fn from_pairs(pairs: &[(&str, &[u8])]) -> Headers {
        Headers::from_host(encode(pairs)).unwrap_or_default()
    }

    /// Names and values as raw bytes (lookups compare bytes: names were
    /// checked to be UTF-8 once, in `from_host`).
    pub fn raw_iter(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        self.spans
            .iter()
            .filter_map(|&(ns, ne, vs, ve)| Some((self.raw.get(ns..ne)?, self.raw.get(vs..ve)?)))
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.raw_iter().filter_map(|(k, v)| Some((std::str::from_utf8(k).ok()?, v)))
    }

    pub fn get(&self, name: &str) -> Option<&[u8]> {
        let name = name.as_bytes();
        self.raw_iter().find(|(k, _)| *k == name).map(|(_, v)| v)
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The value as UTF-8 text, or None when absent or not valid UTF-8.
    pub fn get_str(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(|v| std::str::from_utf8(v).ok())
    }

    /// A gateway header by its short name (`metadata` → `x-aigw-metadata`,
    /// alias `cf-aig-metadata`). The flag says whether the alias was used.
    pub fn gateway(&self, short: &str) -> Option<(&[u8], bool)> {
        if !self.has_gateway_headers() {
            return None;
        }
        let short = short.as_bytes();
        let mut alias = None;
        for (k, v) in self.raw_iter() {
            if let Some(rest) = k.strip_prefix(PREFIX.as_bytes()) {
                if rest == short {
                    return Some((v, false));
                }
            } else if let Some(rest) = k.strip_prefix(CF_PREFIX.as_bytes()) {
                if rest == short && alias.is_none() {
                    alias = Some(v);
                }
            }
        }
        alias.map(|v| (v, true))
    }

    /// Whether any `x-aigw-` or `cf-aig-` header came.
    pub fn has_gateway_headers(&self) -> bool {
        self.prefixes.aigw || self.prefixes.cf
    }

    /// Names of every gateway header (both prefixes): these never go upstream.
    pub fn gateway_names(&self) -> impl Iterator<Item = &str> {
        self.raw_iter()
            .map(|(k, _)| k)
            .filter(|k| k.starts_with(PREFIX.as_bytes()) || k.starts_with(CF_PREFIX.as_bytes()))
            .filter_map(|k| std::str::from_utf8(k).ok())
    }

    /// A copy of the gateway headers alone (usually there are none: no copy
    /// then).
    pub fn gateway_only(&self) -> Headers {
        if !self.has_gateway_headers() {
            return Headers::default();
        }
        let pairs: Vec<(&str, &[u8])> = self
            .iter()
            .filter(|(k, _)| k.starts_with(PREFIX) || k.starts_with(CF_PREFIX))
            .collect();
        Headers::from_pairs(&pairs)
    }

    /// The control headers' dialect: Cloudflare's when the client used any
    /// `cf-aig-` header.
    pub fn dialect(&self) -> Dialect {
        if self.prefixes.cf {
            Dialect::Cloudflare
        } else {
            Dialect::Aigw
        }
    }
}

/// The control headers a client speaks: answers carry the gateway's
/// `x-aigw-` headers, and in Cloudflare's dialect their `cf-aig-` aliases
/// too (in Cloudflare's shapes where they differ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    #[default]
    Aigw,
    Cloudflare,
}

/// Serialises pairs in the proxy-wasm map format.
pub fn encode(pairs: &[(&str, &[u8])]) -> Vec<u8> {
    let size: usize = 4 + pairs.iter().map(|(k, v)| 8 + k.len() + v.len() + 2).sum::<usize>();
    let mut out = Vec::with_capacity(size);
    out.extend_from_slice(&(pairs.len() as u32).to_le_bytes());
    for (k, v) in pairs {
        out.extend_from_slice(&(k.len() as u32).to_le_bytes());
        out.extend_from_slice(&(v.len() as u32).to_le_bytes());
    }
    for (k, v) in pairs {
        out.extend_from_slice(k.as_bytes());
        out.push(0);
        out.extend_from_slice(v);
        out.push(0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&str, &str)]) -> Headers {
        let p: Vec<(&str, &[u8])> = pairs.iter().map(|(k, v)| (*k, v.as_bytes())).collect();
        Headers::from_pairs(&p)
    }

    #[test]
    fn gateway_header_prefers_own_prefix() {
        let m = h(&[("cf-aig-metadata", "a"), ("x-aigw-metadata", "b")]);
        assert_eq!(m.gateway("metadata"), Some((&b"b"[..], false)));
        let m = h(&[("cf-aig-metadata", "a")]);
        assert_eq!(m.gateway("metadata"), Some((&b"a"[..], true)));
        assert_eq!(m.gateway("authorization"), None);
        assert_eq!(m.dialect(), Dialect::Cloudflare);
    }

    #[test]
    fn gateway_names_lists_both_prefixes() {
        let m = h(&[("cf-aig-x", "a"), ("x-aigw-y", "b"), ("authorization", "c")]);
        assert_eq!(m.gateway_names().collect::<Vec<_>>(), vec!["cf-aig-x", "x-aigw-y"]);
    }

    #[test]
    fn non_utf8_values_are_kept_as_bytes() {
        let m = Headers::from_pairs(&[("x", &[0xff, 0xfe]), ("e", b"")]);
        assert_eq!(m.get("x"), Some(&[0xff, 0xfe][..]));
        assert_eq!(m.get_str("x"), None);
        assert_eq!(m.get("e"), Some(&b""[..]));
        assert!(m.contains("e") && !m.contains("y"));
    }

    #[test]
    fn malformed_maps_are_rejected_not_panicking() {
        let good = encode(&[("a", b"b"), ("cc", b"dd")]);
        assert_eq!(Headers::from_host(good.clone()).unwrap().iter().count(), 2);
        // (The last NUL is not needed to read the last value.)
        for cut in 0..good.len() - 1 {
            assert!(Headers::from_host(good[..cut].to_vec()).is_none_or(|h| h.iter().count() < 2));
        }
        assert!(Headers::from_host(vec![0xff, 0xff, 0xff, 0xff]).is_none());
        assert!(Headers::from_host(vec![1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]).is_none());
        assert_eq!(Headers::from_host(Vec::new()).unwrap().iter().count(), 0);
    }

    #[test]
    fn names_that_are_not_utf8_are_skipped() {
        let mut raw = encode(&[("ab", b"1"), ("ok", b"2")]);
        let at = raw.iter().position(|&b| b == b'a').unwrap();
        raw[at] = 0xff;
        let m = Headers::from_host(raw).unwrap();
        assert_eq!(m.iter().collect::<Vec<_>>(), vec![("ok", &b"2"[..])]);
    }
}
