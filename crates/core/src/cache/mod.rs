//! Response caching: exact-match entries keyed by [`key`], in a bounded L1
//! in Envoy shared data ([`l1`]) and an optional shared L2 in Redis through
//! Webdis ([`l2`]), with concurrent identical misses coalesced
//! ([`coalesce`]). This module holds the config section and the
//! per-request controls; the flow lives in the exchange.

pub mod canonical;
pub mod coalesce;
pub mod entry;
pub mod key;
pub mod l1;
pub mod l2;
pub mod recent;

use aigw_config_error::ConfigError;
use serde::Deserialize;

use crate::errors::{ErrorCode, GatewayError};
use crate::headers::Headers;

const DEFAULT_TTL_S: u64 = 300;
const DEFAULT_MAX_TTL_S: u64 = 30 * 24 * 3600;
const DEFAULT_L1_MAX_BYTES: u64 = 32 * 1024 * 1024;
const DEFAULT_L1_MAX_ENTRY_BYTES: u64 = 256 * 1024;
const DEFAULT_L2_MAX_ENTRY_BYTES: u64 = 4 * 1024 * 1024;
const DEFAULT_L2_TIMEOUT_MS: u32 = 100;
const DEFAULT_COALESCE_WAIT_MS: u64 = 30_000;
const MAX_CUSTOM_KEY_BYTES: usize = 512;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawCache {
    #[serde(default)]
    enabled: bool,
    #[serde(default)]
    ttl_s: Option<u64>,
    #[serde(default)]
    max_ttl_s: Option<u64>,
    #[serde(default)]
    l1: RawL1,
    #[serde(default)]
    l2: Option<RawL2>,
    #[serde(default)]
    coalesce: RawCoalesce,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawL1 {
    #[serde(default)]
    max_bytes: Option<u64>,
    #[serde(default)]
    max_entry_bytes: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawL2 {
    cluster: String,
    #[serde(default)]
    authority: Option<String>,
    #[serde(default)]
    timeout_ms: Option<u32>,
    #[serde(default)]
    key_prefix: Option<String>,
    #[serde(default)]
    max_entry_bytes: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCoalesce {
    #[serde(default = "yes")]
    enabled: bool,
    #[serde(default)]
    max_wait_ms: Option<u64>,
}

impl Default for RawCoalesce {
    fn default() -> Self {
        RawCoalesce { enabled: true, max_wait_ms: None }
    }
}

fn yes() -> bool {
    true
}

/// A provider's override of the cache defaults.
#[derive(Deserialize, Default, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ProviderCache {
    #[serde(default)]
    pub enabled: Option<bool>,
    #[serde(default)]
    pub ttl_s: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheConfig {
    pub enabled: bool,
    pub ttl_s: u64,
    pub max_ttl_s: u64,
    pub l1: l1::L1,
    pub l2: Option<l2::L2>,
    pub coalesce: bool,
    pub coalesce_wait_ms: u64,
}

impl CacheConfig {
    /// The most body bytes worth capturing for a store.
    pub fn max_capture(&self) -> usize {
        self.l2.as_ref().map_or(0, |l| l.max_entry_bytes).max(self.l1.max_entry_bytes)
    }
}

/// Errors name the field relative to `cache`.
pub fn compile(raw: RawCache) -> Result<CacheConfig, ConfigError> {
    let e = |f: &str, m: String| ConfigError::new(f, m);
    let ttl_s = raw.ttl_s.unwrap_or(DEFAULT_TTL_S);
    let max_ttl_s = raw.max_ttl_s.unwrap_or(DEFAULT_MAX_TTL_S);
    if max_ttl_s == 0 {
        return Err(e("max_ttl_s", "must be at least 1".into()));
    }
    if ttl_s == 0 || ttl_s > max_ttl_s {
        return Err(e("ttl_s", format!("must be between 1 and max_ttl_s ({max_ttl_s})")));
    }
    let max_bytes = raw.l1.max_bytes.unwrap_or(DEFAULT_L1_MAX_BYTES);
    let max_entry = raw.l1.max_entry_bytes.unwrap_or(DEFAULT_L1_MAX_ENTRY_BYTES);
    if !(1024..=64 * 1024 * 1024).contains(&max_entry) {
        return Err(e("l1.max_entry_bytes", "must be between 1024 and 67108864".into()));
    }
    if max_bytes < max_entry || max_bytes > 4 * 1024 * 1024 * 1024 {
        return Err(e(
            "l1.max_bytes",
            "must be at least l1.max_entry_bytes and at most 4 GiB".into(),
        ));
    }
    let slots = u32::try_from(max_bytes / max_entry)
        .map_err(|_| e("l1.max_bytes", "too many slots".into()))?;
    let l1 = l1::L1 { slots, max_entry_bytes: max_entry as usize };
    let l2 = match raw.l2 {
        None => None,
        Some(r) => {
            if r.cluster.is_empty() {
                return Err(e("l2.cluster", "must name an Envoy cluster".into()));
            }
            let key_prefix = r.key_prefix.unwrap_or_else(|| "aigw:cache:".into());
            if !l2::valid_prefix(&key_prefix) {
                return Err(e("l2.key_prefix", "at most 64 of a-z A-Z 0-9 : - _ .".into()));
            }
            let timeout_ms = r.timeout_ms.unwrap_or(DEFAULT_L2_TIMEOUT_MS);
            if timeout_ms == 0 || timeout_ms > 10_000 {
                // Zero would mean no timeout at all for the callout.
                return Err(e("l2.timeout_ms", "must be between 1 and 10000".into()));
            }
            let max = r.max_entry_bytes.unwrap_or(DEFAULT_L2_MAX_ENTRY_BYTES);
            if !(1024..=256 * 1024 * 1024).contains(&max) {
                return Err(e("l2.max_entry_bytes", "must be between 1024 and 268435456".into()));
            }
            Some(l2::L2 {
                authority: r.authority.unwrap_or_else(|| r.cluster.clone()),
                cluster: r.cluster,
                timeout_ms,
                key_prefix,
                max_entry_bytes: max as usize,
            })
        }
    };
    let coalesce_wait_ms = raw.coalesce.max_wait_ms.unwrap_or(DEFAULT_COALESCE_WAIT_MS);
    if coalesce_wait_ms == 0 || coalesce_wait_ms > 600_000 {
        return Err(e("coalesce.max_wait_ms", "must be between 1 and 600000".into()));
    }
    Ok(CacheConfig {
        enabled: raw.enabled,
        ttl_s,
        max_ttl_s,
        l1,
        l2,
        coalesce: raw.coalesce.enabled,
        coalesce_wait_ms,
    })
}

/// What the client asked of the cache for this request.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Controls {
    pub skip: bool,
    pub ttl_s: Option<u64>,
    pub custom_key: Option<Vec<u8>>,
}

/// Reads `x-aigw-skip-cache`, `x-aigw-cache-ttl` and `x-aigw-cache-key`
/// (aliases `cf-aig-...`). Bad values are the client's mistake: 400.
pub fn controls(h: &Headers, cfg: &CacheConfig) -> Result<Controls, GatewayError> {
    let bad = |m: String| GatewayError::new(ErrorCode::InvalidHeader, m);
    let mut c = Controls::default();
    if let Some((v, _)) = h.gateway("skip-cache") {
        c.skip = match v.trim_ascii() {
            b"true" | b"1" => true,
            b"false" | b"0" => false,
            _ => return Err(bad("x-aigw-skip-cache must be true or false".into())),
        };
    }
    if let Some((v, _)) = h.gateway("cache-ttl") {
        let max = cfg.max_ttl_s;
        let ttl = std::str::from_utf8(v)
            .ok()
            .and_then(|s| s.trim().parse::<u64>().ok())
            .filter(|t| (1..=max).contains(t))
            .ok_or_else(|| {
                bad(format!(
                    "x-aigw-cache-ttl must be a whole number of seconds between 1 and {max}"
                ))
            })?;
        c.ttl_s = Some(ttl);
    }
    if let Some((v, _)) = h.gateway("cache-key") {
        if v.is_empty()
            || v.len() > MAX_CUSTOM_KEY_BYTES
            || !v.iter().all(|b| (0x20..0x7f).contains(b))
        {
            return Err(bad(format!(
                "x-aigw-cache-key must be 1-{MAX_CUSTOM_KEY_BYTES} printable ASCII characters"
            )));
        }
        c.custom_key = Some(v.to_vec());
    }
    Ok(c)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Hit,
    Miss,
    Bypass,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Hit => "HIT",
            Status::Miss => "MISS",
            Status::Bypass => "BYPASS",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> CacheConfig {
        compile(RawCache::default()).unwrap()
    }

    fn h(pairs: &[(&str, &str)]) -> Headers {
        let p: Vec<(&str, &[u8])> = pairs.iter().map(|(k, v)| (*k, v.as_bytes())).collect();
        Headers::from_pairs(&p)
    }

    #[test]
    fn defaults() {
        let c = cfg();
        assert!(!c.enabled);
        assert_eq!((c.ttl_s, c.l1.slots, c.l1.max_entry_bytes), (300, 128, 256 * 1024));
        assert!(c.coalesce && c.l2.is_none());
    }

    #[test]
    fn controls_and_aliases() {
        let c = controls(
            &h(&[
                ("cf-aig-skip-cache", "true"),
                ("x-aigw-cache-ttl", "60"),
                ("cf-aig-cache-key", "k1"),
            ]),
            &cfg(),
        )
        .unwrap();
        assert_eq!(c, Controls { skip: true, ttl_s: Some(60), custom_key: Some(b"k1".to_vec()) });
        for (name, value) in [
            ("x-aigw-cache-ttl", "0"),
            ("x-aigw-cache-ttl", "-5"),
            ("x-aigw-cache-ttl", "abc"),
            ("cf-aig-cache-ttl", "99999999999"),
            ("x-aigw-skip-cache", "maybe"),
            ("x-aigw-cache-key", ""),
        ] {
            let e = controls(&h(&[(name, value)]), &cfg()).unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidHeader, "{name}: {value}");
        }
    }

    #[test]
    fn config_errors_name_fields() {
        let bad = |json: &str| compile(serde_json::from_str(json).unwrap()).unwrap_err().field;
        assert_eq!(bad(r#"{"ttl_s":0}"#), "ttl_s");
        assert_eq!(bad(r#"{"ttl_s":100,"max_ttl_s":10}"#), "ttl_s");
        assert_eq!(bad(r#"{"l1":{"max_entry_bytes":10}}"#), "l1.max_entry_bytes");
        assert_eq!(bad(r#"{"l1":{"max_bytes":2048,"max_entry_bytes":4096}}"#), "l1.max_bytes");
        assert_eq!(bad(r#"{"l2":{"cluster":"w","timeout_ms":0}}"#), "l2.timeout_ms");
        assert_eq!(bad(r#"{"l2":{"cluster":"w","key_prefix":"a b"}}"#), "l2.key_prefix");
        assert_eq!(bad(r#"{"coalesce":{"max_wait_ms":0}}"#), "coalesce.max_wait_ms");
    }
}
