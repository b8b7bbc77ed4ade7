//! The synchronous host services the decision code uses (clock, Envoy shared
//! data, stats), as a trait: the host layer implements it over proxy-wasm,
//! tests over memory ([`MemServices`]). Shared data is the one
//! [`SharedData`] trait the limits crate uses too, and its fake
//! ([`MemStore`]) copies Envoy's CAS rules.

use std::collections::HashMap;

pub use aigw_shared_data::{MemStore, SetError, SharedData, CREATE_CAS};

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

/// Shared data (`get`/`set` with Envoy's CAS rules) comes from [`SharedData`].
pub trait Services: SharedData {
    /// Wall clock, nanoseconds since the Unix epoch.
    fn now_ns(&self) -> u64;
    fn metric(&mut self, metric: Metric, delta: i64);
    /// A labelled sample ([`crate::metrics`]): counters add `value`, gauges
    /// take it, histograms record it. `values` follow `family.labels()`.
    fn labelled(&mut self, family: crate::metrics::Family, values: &[&str], value: u64);
    /// A line in Envoy's log (warnings: things an operator should see).
    fn warn(&mut self, message: &str);
    /// The client's address as Envoy determined it (no port).
    fn client_ip(&self) -> Option<String>;
    /// How much of the current request Envoy has received so far (headers
    /// and body, Envoy's `request.total_size`), whether or not the filter
    /// has seen it.
    fn request_bytes_received(&self) -> Option<u64>;

    fn now_ms(&self) -> u64 {
        self.now_ns() / 1_000_000
    }
}

/// In-memory services for tests: shared data is a [`MemStore`].
#[derive(Debug, Default)]
pub struct MemServices {
    pub now_ns: u64,
    pub data: MemStore,
    pub metrics: HashMap<Metric, i64>,
    /// Labelled samples by stat name: counters' sums, gauges' last value,
    /// histograms' sum.
    pub labelled: std::collections::BTreeMap<String, u64>,
    pub warnings: Vec<String>,
    pub client_ip: Option<String>,
    pub request_bytes_received: Option<u64>,
}

impl MemServices {
    pub fn new(now_ns: u64) -> Self {
        MemServices { now_ns, ..Default::default() }
    }

    pub fn bytes_stored(&self) -> usize {
        self.data.bytes_stored()
    }
}

impl SharedData for MemServices {
    fn get(&self, key: &str) -> Option<(Vec<u8>, u32)> {
        self.data.get(key)
    }

    fn set(&mut self, key: &str, value: &[u8], cas: Option<u32>) -> Result<(), SetError> {
        self.data.set(key, value, cas)
    }
}

impl Services for MemServices {
    fn now_ns(&self) -> u64 {
        self.now_ns
    }

    fn metric(&mut self, metric: Metric, delta: i64) {
        *self.metrics.entry(metric).or_default() += delta;
    }

    fn labelled(&mut self, family: crate::metrics::Family, values: &[&str], value: u64) {
        let v = self.labelled.entry(family.stat_name(values)).or_default();
        match family.kind() {
            crate::metrics::Kind::Gauge => *v = value,
            _ => *v += value,
        }
    }

    fn warn(&mut self, message: &str) {
        self.warnings.push(message.to_string());
    }

    fn client_ip(&self) -> Option<String> {
        self.client_ip.clone()
    }

    fn request_bytes_received(&self) -> Option<u64> {
        self.request_bytes_received
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envoy_cas_semantics() {
        let mut s = MemServices::new(0);
        // Missing key: the CAS is ignored (the first-write race).
        s.set("k", b"a", Some(12345)).unwrap();
        let (_, cas) = s.get("k").unwrap();
        assert_eq!(s.set("k", b"b", Some(cas + 1)), Err(SetError::CasMismatch));
        s.set("k", b"b", Some(cas)).unwrap();
        assert_eq!(s.set("k", b"c", Some(CREATE_CAS)), Err(SetError::CasMismatch));
        s.set("k", b"d", None).unwrap();
        assert_eq!(s.get("k").unwrap().0, b"d");
    }
}
