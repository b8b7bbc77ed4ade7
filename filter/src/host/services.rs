//! [`Services`] over the proxy-wasm host: clock, shared data, stats.

use std::cell::RefCell;
use std::collections::HashMap;

use super::abi::{self, HostStatus};
use aigw_core::metrics::Family;
use aigw_core::services::{Metric, Services, SetError, SharedData};

thread_local! {
    /// Stat ids, defined once per VM (Envoy shares the stat by name across
    /// workers, so a gauge moved by every worker is the Envoy-wide total).
    static METRICS: RefCell<HashMap<Metric, u32>> = RefCell::new(HashMap::new());
}

pub struct HostServices;

impl SharedData for HostServices {
    fn get(&self, key: &str) -> Option<(Vec<u8>, u32)> {
        match abi::shared_get(key) {
            Ok(v) => v,
            Err(HostStatus(s)) => {
                super::log(super::Level::Warn, &format!("shared data get {key}: status {s}"));
                None
            }
        }
    }

    fn set(&mut self, key: &str, value: &[u8], cas: Option<u32>) -> Result<(), SetError> {
        match abi::shared_set(key, value, cas.unwrap_or(0)) {
            Ok(()) => Ok(()),
            Err(HostStatus(abi::CAS_MISMATCH)) => Err(SetError::CasMismatch),
            Err(HostStatus(s)) => Err(SetError::Host(s)),
        }
    }
}

impl Services for HostServices {
    fn now_ns(&self) -> u64 {
        super::now_ns()
    }

    fn metric(&mut self, metric: Metric, delta: i64) {
        let id = METRICS.with(|m| {
            if let Some(id) = m.borrow().get(&metric) {
                return Some(*id);
            }
            let kind = if metric.is_gauge() { abi::METRIC_GAUGE } else { abi::METRIC_COUNTER };
            let id = abi::define_metric(kind, metric.name()).ok()?;
            m.borrow_mut().insert(metric, id);
            Some(id)
        });
        if let Some(id) = id {
            let _ = abi::increment_metric(id, delta);
        }
    }

    fn labelled(&mut self, family: Family, values: &[&str], value: u64) {
        super::metrics::sample(family, values, value);
    }

    fn warn(&mut self, message: &str) {
        super::log(super::Level::Warn, message);
    }

    fn client_ip(&self) -> Option<String> {
        let raw = abi::property(b"source\0address").ok()??;
        let addr = String::from_utf8(raw).ok()?;
        Some(strip_port(&addr).to_string())
    }

    fn request_bytes_received(&self) -> Option<u64> {
        // A CEL int: 8 bytes, little-endian.
        let raw = abi::property(b"request\0total_size").ok()??;
        let bytes: [u8; 8] = raw.as_slice().try_into().ok()?;
        u64::try_from(i64::from_le_bytes(bytes)).ok()
    }
}

/// `1.2.3.4:5678` → `1.2.3.4`; `[::1]:80` → `::1`.
fn strip_port(addr: &str) -> &str {
    if let Some(rest) = addr.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    match addr.rsplit_once(':') {
        Some((host, port)) if !host.contains(':') && port.bytes().all(|b| b.is_ascii_digit()) => {
            host
        }
        _ => addr,
    }
}
