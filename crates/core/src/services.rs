//! The synchronous host services the decision code uses (clock, Envoy shared
//! data, stats), as a trait: the host layer implements it over proxy-wasm,
//! tests over memory ([`MemServices`]) with Envoy's exact semantics.

use std::collections::HashMap;

/// Why a shared-data write failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetError {
    /// The key exists and its CAS is not the one given.
    CasMismatch,
    /// Any other host status.
    Host(u32),
}

/// Counters and gauges the gateway publishes through Envoy's stats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Metric {
    CacheHit,
    CacheMiss,
    CacheBypass,
    CacheStore,
    CacheL2Error,
    CacheCoalesced,
    /// Gauge: bytes held by the L1 cache in shared data (all workers).
    CacheL1Bytes,
}

impl Metric {
    pub const ALL: [Metric; 7] = [
        Metric::CacheHit,
        Metric::CacheMiss,
        Metric::CacheBypass,
        Metric::CacheStore,
        Metric::CacheL2Error,
        Metric::CacheCoalesced,
        Metric::CacheL1Bytes,
    ];

    /// The Envoy stat name (Envoy prefixes wasm stats with `wasmcustom.`).
    pub fn name(self) -> &'static str {
        match self {
            Metric::CacheHit => "aigw.cache.hit",
            Metric::CacheMiss => "aigw.cache.miss",
            Metric::CacheBypass => "aigw.cache.bypass",
            Metric::CacheStore => "aigw.cache.store",
            Metric::CacheL2Error => "aigw.cache.l2_error",
            Metric::CacheCoalesced => "aigw.cache.coalesced",
            Metric::CacheL1Bytes => "aigw.cache.l1_bytes",
        }
    }

    pub fn is_gauge(self) -> bool {
        matches!(self, Metric::CacheL1Bytes)
    }
}

pub trait Services {
    /// Wall clock, nanoseconds since the Unix epoch.
    fn now_ns(&self) -> u64;
    /// A shared-data value and its CAS.
    fn shared_get(&self, key: &str) -> Option<(Vec<u8>, u32)>;
    /// Envoy semantics: with a CAS on an existing key the write fails unless
    /// the CAS matches; on a missing key the CAS is ignored.
    fn shared_set(&mut self, key: &str, value: &[u8], cas: Option<u32>) -> Result<(), SetError>;
    fn metric(&mut self, metric: Metric, delta: i64);
    /// A line in Envoy's log (warnings: things an operator should see).
    fn warn(&mut self, message: &str);
    /// The client's address as Envoy determined it (no port).
    fn client_ip(&self) -> Option<String>;

    fn now_ms(&self) -> u64 {
        self.now_ns() / 1_000_000
    }
}

/// CAS that makes a write "create if absent": Envoy ignores the CAS for a
/// missing key, and an existing key's CAS is this value only after ~4e9
/// writes and then only by coincidence.
pub const CREATE_ONLY: u32 = u32::MAX;

/// In-memory services with Envoy's shared-data semantics, for tests.
#[derive(Debug, Default)]
pub struct MemServices {
    pub now_ns: u64,
    pub data: HashMap<String, (Vec<u8>, u32)>,
    next_cas: u32,
    pub metrics: HashMap<Metric, i64>,
    pub warnings: Vec<String>,
    pub client_ip: Option<String>,
}

impl MemServices {
    pub fn new(now_ns: u64) -> Self {
        MemServices { now_ns, next_cas: 1, ..Default::default() }
    }

    pub fn bytes_stored(&self) -> usize {
        self.data.values().map(|(v, _)| v.len()).sum()
    }
}

impl Services for MemServices {
    fn now_ns(&self) -> u64 {
        self.now_ns
    }

    fn shared_get(&self, key: &str) -> Option<(Vec<u8>, u32)> {
        self.data.get(key).cloned()
    }

    fn shared_set(&mut self, key: &str, value: &[u8], cas: Option<u32>) -> Result<(), SetError> {
        let next = self.next_cas.max(1);
        self.next_cas = next.wrapping_add(1).max(1);
        match self.data.get_mut(key) {
            Some(entry) => {
                if let Some(c) = cas {
                    if c != 0 && c != entry.1 {
                        return Err(SetError::CasMismatch);
                    }
                }
                *entry = (value.to_vec(), next);
            }
            None => {
                self.data.insert(key.to_string(), (value.to_vec(), next));
            }
        }
        Ok(())
    }

    fn metric(&mut self, metric: Metric, delta: i64) {
        *self.metrics.entry(metric).or_default() += delta;
    }

    fn warn(&mut self, message: &str) {
        self.warnings.push(message.to_string());
    }

    fn client_ip(&self) -> Option<String> {
        self.client_ip.clone()
    }
}

/// Envoy's shared data as the limits crate's store.
pub struct LimitStore<'a>(pub &'a mut dyn Services);

impl aigw_limits::Store for LimitStore<'_> {
    fn get(&self, key: &str) -> Option<(Vec<u8>, u32)> {
        self.0.shared_get(key)
    }

    fn set(
        &mut self,
        key: &str,
        value: &[u8],
        cas: Option<u32>,
    ) -> Result<(), aigw_limits::SetError> {
        self.0.shared_set(key, value, cas).map_err(|e| match e {
            SetError::CasMismatch => aigw_limits::SetError::CasMismatch,
            SetError::Host(_) => aigw_limits::SetError::Other,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envoy_cas_semantics() {
        let mut s = MemServices::new(0);
        // Missing key: the CAS is ignored (the first-write race).
        s.shared_set("k", b"a", Some(12345)).unwrap();
        let (_, cas) = s.shared_get("k").unwrap();
        assert_eq!(s.shared_set("k", b"b", Some(cas + 1)), Err(SetError::CasMismatch));
        s.shared_set("k", b"b", Some(cas)).unwrap();
        assert_eq!(s.shared_set("k", b"c", Some(CREATE_ONLY)), Err(SetError::CasMismatch));
        s.shared_set("k", b"d", None).unwrap();
        assert_eq!(s.shared_get("k").unwrap().0, b"d");
    }
}
