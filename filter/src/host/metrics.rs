//! Labelled metrics over proxy-wasm: one Envoy stat per family and label
//! set, defined on first use and its id cached per VM, so a request costs a
//! hash of its label values and the host call, never a formatted name.

use std::cell::RefCell;
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use super::abi;
use aigw_core::metrics::{Family, Kind};

/// Label sets a VM defines at most; later ones are dropped (counted in
/// `aigw.metrics.dropped`), so a misconfiguration cannot grow Envoy's stats
/// without bound. The labels themselves are bounded (core `metrics`).
const MAX_SERIES: usize = 4096;

/// A defined label set: its values (to tell hash collisions apart) and id.
struct Series {
    family: Family,
    values: Box<[Box<str>]>,
    id: u32,
}

#[derive(Default)]
struct Cache {
    by_hash: HashMap<u64, Vec<Series>>,
    len: usize,
    dropped: Option<u32>,
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
}

pub fn sample(family: Family, values: &[&str], value: u64) {
    let id = CACHE.with(|c| c.borrow_mut().id(family, values));
    let Some(id) = id else { return };
    let value_i64 = i64::try_from(value).unwrap_or(i64::MAX);
    let _ = match family.kind() {
        Kind::Counter => abi::increment_metric(id, value_i64),
        Kind::Gauge | Kind::Histogram => abi::record_metric(id, value),
    };
}

impl Cache {
    fn id(&mut self, family: Family, values: &[&str]) -> Option<u32> {
        let mut h = DefaultHasher::new();
        family.hash(&mut h);
        values.hash(&mut h);
        let hash = h.finish();
        let same = |s: &Series| {
            s.family == family
                && s.values.len() == values.len()
                && s.values.iter().zip(values).all(|(a, b)| a.as_ref() == *b)
        };
        if let Some(s) = self.by_hash.get(&hash).and_then(|b| b.iter().find(|s| same(s))) {
            return Some(s.id);
        }
        if self.len >= MAX_SERIES {
            self.drop_one();
            return None;
        }
        let kind = match family.kind() {
            Kind::Counter => abi::METRIC_COUNTER,
            Kind::Gauge => abi::METRIC_GAUGE,
            Kind::Histogram => abi::METRIC_HISTOGRAM,
        };
        let id = abi::define_metric(kind, &family.stat_name(values)).ok()?;
        let values = values.iter().map(|v| Box::<str>::from(*v)).collect();
        self.by_hash.entry(hash).or_default().push(Series { family, values, id });
        self.len += 1;
        Some(id)
    }

    fn drop_one(&mut self) {
        if self.dropped.is_none() {
            super::log(
                super::Level::Warn,
                &format!(
                    "metrics: more than {MAX_SERIES} label sets in this VM; dropping new ones"
                ),
            );
            self.dropped = abi::define_metric(abi::METRIC_COUNTER, "aigw.metrics.dropped").ok();
        }
        if let Some(id) = self.dropped {
            let _ = abi::increment_metric(id, 1);
        }
    }
}
