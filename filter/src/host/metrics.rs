//! Labelled metrics over proxy-wasm: one Envoy stat per family and label
//! set, defined on first use and its id cached per VM, so a request costs a
//! hash of its label values, never a formatted name.
//!
//! A host call costs about as much as the rest of a sample's work together,
//! so counters add up here and reach Envoy from the root's timer
//! ([`flush`], every [`FLUSH_TICKS`] ticks): one call per label set that
//! moved, whatever the request rate. Gauges and histograms (one value each)
//! go to Envoy at once.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

use super::abi;
use aigw_core::metrics::{Family, Kind};

/// Label sets a VM defines at most; later ones are dropped (counted in
/// `aigw.metrics.dropped`), so a misconfiguration cannot grow Envoy's stats
/// without bound. The labels themselves are bounded (core `metrics`).
const MAX_SERIES: usize = 4096;

/// Counters reach Envoy every this many root ticks (10 ms each): Prometheus
/// sees them at most half a second late.
pub const FLUSH_TICKS: u32 = 50;

/// Series remembered per family (`Tokens` moves three a request).
const RECENT: usize = 4;

/// A defined label set: its values (to tell hash collisions apart), its id,
/// and for a counter what it gained since the last flush.
struct Series {
    family: Family,
    values: Box<[Box<str>]>,
    id: u32,
    pending: u64,
}

#[derive(Default)]
struct Cache {
    series: Vec<Series>,
    /// Keyed by the FNV hash already computed: no second hash.
    by_hash: HashMap<u64, Vec<usize>, BuildHasherDefault<Prehashed>>,
    /// Per family, the series it used last: consecutive requests mostly
    /// repeat their label sets, found here by comparison, without a hash.
    recent: HashMap<Family, [usize; RECENT], BuildHasherDefault<Prehashed>>,
    /// Counters with something pending.
    dirty: Vec<usize>,
    dropped: Option<u32>,
    ticks: u32,
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
}

pub fn sample(family: Family, values: &[&str], value: u64) {
    CACHE.with(|c| c.borrow_mut().sample(family, values, value));
}

/// Called at each root tick: hands the counters to Envoy when due.
pub fn tick() {
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        c.ticks = c.ticks.wrapping_add(1);
        if c.ticks % FLUSH_TICKS == 0 {
            c.flush();
        }
    });
}

/// FNV-1a: the label values are short and chosen by the config, not by
/// clients (models fold into `other` first), so a fast hash suffices.
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A key that is itself a hash, passed through.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

impl Cache {
    fn sample(&mut self, family: Family, values: &[&str], value: u64) {
        let Some(i) = self.index(family, values) else { return };
        let Some(s) = self.series.get_mut(i) else { return };
        match family.kind() {
            Kind::Counter => {
                if s.pending == 0 {
                    self.dirty.push(i);
                }
                s.pending = s.pending.saturating_add(value);
            }
            Kind::Gauge | Kind::Histogram => {
                let _ = abi::record_metric(s.id, value);
            }
        }
    }

    fn flush(&mut self) {
        for i in self.dirty.drain(..) {
            if let Some(s) = self.series.get_mut(i) {
                let delta = i64::try_from(std::mem::take(&mut s.pending)).unwrap_or(i64::MAX);
                let _ = abi::increment_metric(s.id, delta);
            }
        }
    }

    fn index(&mut self, family: Family, values: &[&str]) -> Option<usize> {
        let same_values = |s: &Series| {
            s.values.len() == values.len()
                && s.values.iter().zip(values).all(|(a, b)| a.as_ref() == *b)
        };
        let recent = self.recent.entry(family).or_insert([usize::MAX; RECENT]);
        if let Some(i) =
            recent.iter().copied().find(|i| self.series.get(*i).is_some_and(same_values))
        {
            return Some(i);
        }
        let i = self.lookup(family, values)?;
        if let Some(recent) = self.recent.get_mut(&family) {
            recent.rotate_right(1);
            if let Some(first) = recent.first_mut() {
                *first = i;
            }
        }
        Some(i)
    }

    fn lookup(&mut self, family: Family, values: &[&str]) -> Option<usize> {
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        family.hash(&mut h);
        values.hash(&mut h);
        let hash = h.finish();
        let same = |s: &Series| {
            s.family == family
                && s.values.len() == values.len()
                && s.values.iter().zip(values).all(|(a, b)| a.as_ref() == *b)
        };
        let found = self
            .by_hash
            .get(&hash)
            .and_then(|b| b.iter().copied().find(|i| self.series.get(*i).is_some_and(same)));
        if found.is_some() {
            return found;
        }
        if self.series.len() >= MAX_SERIES {
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
        self.series.push(Series { family, values, id, pending: 0 });
        let i = self.series.len() - 1;
        self.by_hash.entry(hash).or_default().push(i);
        Some(i)
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
