//! Circuit breaker per provider, in Envoy shared data so all workers agree:
//! after `failures` consecutive failures the provider is skipped for
//! `cooldown_ms`, then one request probes it; success closes the circuit.
//! Each change of state sets the `aigw_circuit_breaker_state` gauge of the
//! provider ([`Circuit`]): a host call per change, none per request.

use aigw_config_error::ConfigError;
use serde::Deserialize;

use crate::metrics::Family;
use crate::services::{Services, SetError, CREATE_CAS};

const PREFIX: &str = "aigw:cb:";
const MAX_CAS_RETRIES: usize = 8;

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawBreaker {
    #[serde(default = "default_failures")]
    pub failures: u32,
    #[serde(default = "default_cooldown")]
    pub cooldown_ms: u64,
}

fn default_failures() -> u32 {
    5
}
fn default_cooldown() -> u64 {
    30_000
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Breaker {
    pub failures: u32,
    pub cooldown_ms: u64,
    /// Publishes state changes as a gauge (`metrics.enabled`).
    pub gauge: bool,
}

/// The circuit's state as the gauge reports it (docs/metrics.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Circuit {
    Closed = 0,
    Open = 1,
    /// One request probes the provider; the others still skip it.
    HalfOpen = 2,
}

pub fn compile(raw: &RawBreaker) -> Result<Breaker, ConfigError> {
    if raw.failures == 0 || raw.failures > 1000 {
        return Err(ConfigError::new("failures", "must be between 1 and 1000"));
    }
    if raw.cooldown_ms == 0 || raw.cooldown_ms > 3_600_000 {
        return Err(ConfigError::new("cooldown_ms", "must be between 1 and 3600000"));
    }
    Ok(Breaker { failures: raw.failures, cooldown_ms: raw.cooldown_ms, gauge: true })
}

/// The stored state: consecutive failures, open until, probe until (ms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct State {
    failures: u32,
    open_until: u64,
    probe_until: u64,
}

impl State {
    fn decode(v: &[u8]) -> State {
        let word =
            |at: usize| v.get(at..at + 8).and_then(|b| b.try_into().ok()).map(u64::from_le_bytes);
        match (
            v.get(..4).and_then(|b| b.try_into().ok()).map(u32::from_le_bytes),
            word(4),
            word(12),
        ) {
            (Some(failures), Some(open_until), Some(probe_until)) => {
                State { failures, open_until, probe_until }
            }
            _ => State::default(),
        }
    }

    /// An open circuit whose cooldown has passed stays `Open` until a
    /// request probes it (only a write changes the state).
    fn circuit(&self, limit: u32) -> Circuit {
        if self.failures < limit {
            Circuit::Closed
        } else if self.probe_until > 0 {
            Circuit::HalfOpen
        } else {
            Circuit::Open
        }
    }

    fn encode(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(20);
        v.extend_from_slice(&self.failures.to_le_bytes());
        v.extend_from_slice(&self.open_until.to_le_bytes());
        v.extend_from_slice(&self.probe_until.to_le_bytes());
        v
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admit {
    /// Closed: go.
    Closed,
    /// Cooled down: this request probes the provider.
    Probe,
    /// Open: skip the provider.
    Open,
}

impl Breaker {
    fn update(
        &self,
        svc: &mut dyn Services,
        provider: &str,
        f: impl Fn(State, u64) -> (State, Admit),
    ) -> Admit {
        let key = format!("{PREFIX}{provider}");
        for _ in 0..MAX_CAS_RETRIES {
            let now = svc.now_ms();
            let (state, cas) = match svc.get(&key) {
                Some((v, cas)) => (State::decode(&v), cas),
                None => (State::default(), CREATE_CAS),
            };
            let (next, admit) = f(state, now);
            if next == state {
                return admit;
            }
            match svc.set(&key, &next.encode(), Some(cas)) {
                Ok(()) => {
                    let circuit = next.circuit(self.failures);
                    if self.gauge && circuit != state.circuit(self.failures) {
                        svc.labelled(Family::CircuitBreaker, &[provider], circuit as u64);
                    }
                    return admit;
                }
                Err(SetError::CasMismatch) => continue,
                // The breaker must not stop traffic because of itself.
                Err(SetError::Host(_)) => return Admit::Closed,
            }
        }
        Admit::Closed
    }

    /// May a request go to this provider now? Closed below the failure
    /// count; open during the cooldown; after it, half-open: one request
    /// probes (for at most a cooldown) while the others keep skipping.
    pub fn admit(&self, svc: &mut dyn Services, provider: &str) -> Admit {
        let (limit, cooldown) = (self.failures, self.cooldown_ms);
        self.update(svc, provider, |s, now| {
            if s.failures < limit {
                (s, Admit::Closed)
            } else if now < s.open_until || now < s.probe_until {
                (s, Admit::Open)
            } else {
                (State { probe_until: now + cooldown, ..s }, Admit::Probe)
            }
        })
    }

    /// Records how a request to this provider ended.
    pub fn record(&self, svc: &mut dyn Services, provider: &str, success: bool) {
        let (limit, cooldown) = (self.failures, self.cooldown_ms);
        self.update(svc, provider, |s, now| {
            if success {
                return (State::default(), Admit::Closed);
            }
            let failures = s.failures.saturating_add(1);
            let open_until = if failures >= limit { now + cooldown } else { s.open_until };
            (State { failures, open_until, probe_until: 0 }, Admit::Closed)
        });
    }

    /// For logs: whether the circuit is open now.
    pub fn is_open(&self, svc: &dyn Services, provider: &str) -> bool {
        svc.get(&format!("{PREFIX}{provider}"))
            .map(|(v, _)| State::decode(&v))
            .is_some_and(|s| s.failures >= self.failures && s.open_until > svc.now_ms())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::{MemServices, SharedData};

    #[test]
    fn opens_after_consecutive_failures_probes_and_closes() {
        let b = Breaker { failures: 3, cooldown_ms: 1000, gauge: true };
        let mut s = MemServices::new(1_000_000_000_000);
        for _ in 0..2 {
            b.record(&mut s, "p", false);
        }
        assert_eq!(b.admit(&mut s, "p"), Admit::Closed);
        // A success resets the count: failures must be consecutive.
        b.record(&mut s, "p", true);
        for _ in 0..2 {
            b.record(&mut s, "p", false);
        }
        assert_eq!(b.admit(&mut s, "p"), Admit::Closed);
        b.record(&mut s, "p", false);
        assert_eq!(b.admit(&mut s, "p"), Admit::Open);
        assert!(b.is_open(&s, "p"));
        s.now_ns += 999_000_000;
        assert_eq!(b.admit(&mut s, "p"), Admit::Open);
        // Cooldown over: one probe goes, the others keep skipping.
        s.now_ns += 1_000_000;
        assert_eq!(b.admit(&mut s, "p"), Admit::Probe);
        assert_eq!(b.admit(&mut s, "p"), Admit::Open);
        // The probe fails: open for another cooldown.
        b.record(&mut s, "p", false);
        assert_eq!(b.admit(&mut s, "p"), Admit::Open);
        s.now_ns += 1_000_000_000;
        assert_eq!(b.admit(&mut s, "p"), Admit::Probe);
        // The probe succeeds: closed for everyone.
        b.record(&mut s, "p", true);
        assert_eq!(b.admit(&mut s, "p"), Admit::Closed);
        assert_eq!(b.admit(&mut s, "p"), Admit::Closed);
    }

    #[test]
    fn a_lost_probe_frees_the_slot_after_a_cooldown() {
        let b = Breaker { failures: 1, cooldown_ms: 1000, gauge: true };
        let mut s = MemServices::new(1_000_000_000_000);
        b.record(&mut s, "p", false);
        s.now_ns += 1_000_000_000;
        assert_eq!(b.admit(&mut s, "p"), Admit::Probe);
        // Its request never reports back.
        s.now_ns += 1_000_000_000;
        assert_eq!(b.admit(&mut s, "p"), Admit::Probe);
    }

    #[test]
    fn providers_are_independent_and_garbage_is_closed() {
        let b = Breaker { failures: 1, cooldown_ms: 1000, gauge: true };
        let mut s = MemServices::new(5_000_000_000);
        b.record(&mut s, "a", false);
        assert_eq!(b.admit(&mut s, "a"), Admit::Open);
        assert_eq!(b.admit(&mut s, "b"), Admit::Closed);
        s.set("aigw:cb:c", b"junk", None).unwrap();
        assert_eq!(b.admit(&mut s, "c"), Admit::Closed);
    }

    #[test]
    fn the_gauge_follows_each_change_of_state() {
        let b = Breaker { failures: 2, cooldown_ms: 1000, gauge: true };
        let mut s = MemServices::new(1_000_000_000_000);
        let gauge =
            |s: &MemServices| s.labelled.get(&Family::CircuitBreaker.stat_name(&["p"])).copied();
        b.record(&mut s, "p", false);
        // Still closed: nothing published (no host call per request).
        assert_eq!(gauge(&s), None);
        b.record(&mut s, "p", false);
        assert_eq!(gauge(&s), Some(Circuit::Open as u64));
        s.now_ns += 1_000_000_000;
        assert_eq!(b.admit(&mut s, "p"), Admit::Probe);
        assert_eq!(gauge(&s), Some(Circuit::HalfOpen as u64));
        b.record(&mut s, "p", false);
        assert_eq!(gauge(&s), Some(Circuit::Open as u64));
        s.now_ns += 1_000_000_000;
        b.admit(&mut s, "p");
        b.record(&mut s, "p", true);
        assert_eq!(gauge(&s), Some(Circuit::Closed as u64));
        // Metrics off: no gauge.
        let quiet = Breaker { gauge: false, ..b };
        let mut s = MemServices::new(1_000_000_000_000);
        quiet.record(&mut s, "q", false);
        quiet.record(&mut s, "q", false);
        assert!(s.labelled.is_empty());
    }
}
