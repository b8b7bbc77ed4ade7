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

/// A header map as received from the host. Names are lower case (Envoy
/// guarantees it); values are raw bytes because clients may send non-UTF-8.
#[derive(Debug, Default, Clone)]
pub struct Headers(pub Vec<(String, Vec<u8>)>);

impl Headers {
    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_slice())
    }

    /// The value as UTF-8 text, or None when absent or not valid UTF-8.
    pub fn get_str(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(|v| std::str::from_utf8(v).ok())
    }

    /// A gateway header by its short name (`metadata` → `x-aigw-metadata`,
    /// alias `cf-aig-metadata`). The flag says whether the alias was used.
    pub fn gateway(&self, short: &str) -> Option<(&[u8], bool)> {
        let mut alias = None;
        for (k, v) in &self.0 {
            if let Some(rest) = k.strip_prefix(PREFIX) {
                if rest == short {
                    return Some((v.as_slice(), false));
                }
            } else if let Some(rest) = k.strip_prefix(CF_PREFIX) {
                if rest == short && alias.is_none() {
                    alias = Some(v.as_slice());
                }
            }
        }
        alias.map(|v| (v, true))
    }

    /// Names of every gateway header (both prefixes): these never go upstream.
    pub fn gateway_names(&self) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k.starts_with(PREFIX) || k.starts_with(CF_PREFIX))
            .map(|(k, _)| k.clone())
            .collect()
    }

    /// Whether the client used any `cf-aig-` header (answers then carry the
    /// `cf-aig-` response aliases too).
    pub fn uses_cf_aliases(&self) -> bool {
        self.0.iter().any(|(k, _)| k.starts_with(CF_PREFIX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&str, &str)]) -> Headers {
        Headers(pairs.iter().map(|(k, v)| (k.to_string(), v.as_bytes().to_vec())).collect())
    }

    #[test]
    fn gateway_header_prefers_own_prefix() {
        let m = h(&[("cf-aig-metadata", "a"), ("x-aigw-metadata", "b")]);
        assert_eq!(m.gateway("metadata"), Some((&b"b"[..], false)));
        let m = h(&[("cf-aig-metadata", "a")]);
        assert_eq!(m.gateway("metadata"), Some((&b"a"[..], true)));
        assert_eq!(m.gateway("authorization"), None);
        assert!(m.uses_cf_aliases());
    }

    #[test]
    fn gateway_names_lists_both_prefixes() {
        let m = h(&[("cf-aig-x", "a"), ("x-aigw-y", "b"), ("authorization", "c")]);
        assert_eq!(m.gateway_names(), vec!["cf-aig-x", "x-aigw-y"]);
    }

    #[test]
    fn non_utf8_values_are_kept_as_bytes() {
        let m = Headers(vec![("x".into(), vec![0xff, 0xfe])]);
        assert_eq!(m.get("x"), Some(&[0xff, 0xfe][..]));
        assert_eq!(m.get_str("x"), None);
    }
}
