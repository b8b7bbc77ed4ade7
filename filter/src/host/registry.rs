//! What outlives one callback: the callouts in flight and the timers of
//! waiting requests. proxy-wasm delivers callout answers to whichever
//! context dispatched them (the root when dispatched from a timer) and
//! timers only to the root, so both go through this registry to reach the
//! request's [`Exchange`].

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use aigw_core::exchange::{Callout, CalloutResponse, Exchange, Purpose, TimerPurpose};

/// The request an answer or timer is for.
#[derive(Clone)]
pub struct Owner {
    pub context_id: u32,
    pub exchange: Weak<RefCell<Exchange>>,
}

/// A timer that is due: its request, and why it was set.
pub type DueTimer = (Owner, TimerPurpose);

struct Pending {
    owner: Owner,
    purpose: Purpose,
}

/// The bookkeeping itself, plain data (tested natively); the functions
/// below reach the VM's one instance.
#[derive(Default)]
struct Registry {
    callouts: HashMap<u32, Pending>,
    /// Callouts that failed to dispatch: answered (as "no answer") at the
    /// next tick, never inside the callback that made them.
    failed: Vec<Pending>,
    timers: Vec<(u64, Owner, TimerPurpose)>,
    /// Fire-and-forget callouts waiting for the root to send them.
    detached: Vec<(Owner, Callout)>,
}

/// Detached callouts held at most between two ticks; beyond, they are sent
/// from the request's own context (a request's end may then cancel one).
const MAX_DETACHED: usize = 16 * 1024;

impl Registry {
    fn add_callout(&mut self, token: u32, owner: Owner, purpose: Purpose) {
        self.callouts.insert(token, Pending { owner, purpose });
    }

    fn add_failed(&mut self, owner: Owner, purpose: Purpose) {
        self.failed.push(Pending { owner, purpose });
    }

    fn add_timer(&mut self, due_ns: u64, owner: Owner, purpose: TimerPurpose) {
        self.timers.push((due_ns, owner, purpose));
    }

    /// Queues a fire-and-forget callout for the root; gives it back when
    /// the queue is full.
    fn add_detached(&mut self, owner: Owner, call: Callout) -> Option<(Owner, Callout)> {
        if self.detached.len() >= MAX_DETACHED {
            return Some((owner, call));
        }
        self.detached.push((owner, call));
        None
    }

    fn take_callout(&mut self, token: u32) -> Option<(Owner, Purpose)> {
        self.callouts.remove(&token).map(|p| (p.owner, p.purpose))
    }

    fn take_due(&mut self, now_ns: u64) -> (Vec<(Owner, Purpose)>, Vec<DueTimer>) {
        let failed = self.failed.drain(..).map(|p| (p.owner, p.purpose)).collect();
        let mut due = Vec::new();
        // Timers of requests that are gone are dropped here, so the list
        // cannot grow with requests that ended while waiting.
        // Answers that can no longer reach anyone (the request is gone;
        // Envoy cancelled its callouts) are forgotten, unless they are
        // detached ones, whose failure is still logged.
        self.callouts
            .retain(|_, p| p.owner.exchange.strong_count() > 0 || p.purpose.outlives_request());
        self.timers.retain(|(t, o, purpose)| {
            if *t <= now_ns {
                due.push((o.clone(), *purpose));
                false
            } else {
                o.exchange.strong_count() > 0
            }
        });
        (failed, due)
    }
}

thread_local! {
    static REGISTRY: RefCell<Registry> = RefCell::new(Registry::default());
}

pub fn add_callout(token: u32, owner: Owner, purpose: Purpose) {
    REGISTRY.with(|r| r.borrow_mut().add_callout(token, owner, purpose));
}

pub fn add_failed(owner: Owner, purpose: Purpose) {
    REGISTRY.with(|r| r.borrow_mut().add_failed(owner, purpose));
}

pub fn add_timer(due_ns: u64, owner: Owner, purpose: TimerPurpose) {
    REGISTRY.with(|r| r.borrow_mut().add_timer(due_ns, owner, purpose));
}

pub fn add_detached(owner: Owner, call: Callout) -> Option<(Owner, Callout)> {
    REGISTRY.with(|r| r.borrow_mut().add_detached(owner, call))
}

pub fn take_detached() -> Vec<(Owner, Callout)> {
    REGISTRY.with(|r| std::mem::take(&mut r.borrow_mut().detached))
}

pub fn take_callout(token: u32) -> Option<(Owner, Purpose)> {
    REGISTRY.with(|r| r.borrow_mut().take_callout(token))
}

/// Everything due now: failed dispatches and expired timers.
pub fn take_due(now_ns: u64) -> (Vec<(Owner, Purpose)>, Vec<DueTimer>) {
    REGISTRY.with(|r| r.borrow_mut().take_due(now_ns))
}

/// Runs `f` on the owner's exchange if the request is still alive.
pub fn with_exchange<T>(owner: &Owner, f: impl FnOnce(&mut Exchange) -> T) -> Option<T> {
    let ex: Rc<RefCell<Exchange>> = owner.exchange.upgrade()?;
    let mut guard = ex.try_borrow_mut().ok()?;
    Some(f(&mut guard))
}

/// A callout answer with nothing to deliver it to.
pub fn orphan_answer(purpose: Purpose, response: &CalloutResponse) -> Option<String> {
    match purpose {
        Purpose::CacheStore => aigw_core::exchange::store_failure(response),
        Purpose::LimitsSettle => aigw_core::exchange::settle_failure(response),
        Purpose::McpFingerprintOffer => aigw_core::exchange::offer_failure(response),
        Purpose::McpFingerprints
        | Purpose::McpLimitsReserve
        | Purpose::CacheLookup
        | Purpose::Attempt(_)
        | Purpose::LimitsReserve
        | Purpose::Classify => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aigw_core::config::Config;
    use aigw_core::headers::Headers;

    fn exchange() -> Rc<RefCell<Exchange>> {
        let doc = br#"{"version":1,"providers":{"openai":{"kind":"openai"}}}"#;
        let config = Config::parse(doc, &|_| None).unwrap().0;
        Rc::new(RefCell::new(Exchange::new(Rc::new(config))))
    }

    fn owner(context_id: u32, ex: &Rc<RefCell<Exchange>>) -> Owner {
        Owner { context_id, exchange: Rc::downgrade(ex) }
    }

    fn answer(status: Option<u16>) -> CalloutResponse {
        CalloutResponse { status, headers: Headers::default(), body: Vec::new(), refused: None }
    }

    #[test]
    fn a_callout_answer_reaches_its_request_once() {
        let (a, b) = (exchange(), exchange());
        let mut r = Registry::default();
        r.add_callout(7, owner(2, &a), Purpose::CacheLookup);
        r.add_callout(8, owner(3, &b), Purpose::Attempt(1));
        let (o, p) = r.take_callout(8).unwrap();
        assert_eq!((o.context_id, p), (3, Purpose::Attempt(1)));
        assert!(Rc::ptr_eq(&o.exchange.upgrade().unwrap(), &b));
        // Delivered once: a second answer for the token finds nothing.
        assert!(r.take_callout(8).is_none());
        let (o, p) = r.take_callout(7).unwrap();
        assert_eq!((o.context_id, p), (2, Purpose::CacheLookup));
    }

    #[test]
    fn unknown_tokens_find_nothing() {
        let a = exchange();
        let mut r = Registry::default();
        assert!(r.take_callout(1).is_none());
        r.add_callout(1, owner(2, &a), Purpose::Classify);
        assert!(r.take_callout(2).is_none());
        assert!(r.take_callout(1).is_some());
    }

    #[test]
    fn delivery_runs_on_a_live_exchange_only() {
        let a = exchange();
        let o = owner(2, &a);
        assert_eq!(with_exchange(&o, |_| 42), Some(42));
        // Already borrowed (a re-entrant host call): skipped, not a panic.
        let held = a.borrow_mut();
        assert_eq!(with_exchange(&o, |_| 42), None);
        drop(held);
        // The request ended: its answer has nowhere to go.
        drop(a);
        assert_eq!(with_exchange(&o, |_| 42), None);
    }

    #[test]
    fn an_answer_for_a_dropped_request_is_still_taken() {
        let a = exchange();
        let mut r = Registry::default();
        r.add_callout(5, owner(2, &a), Purpose::CacheStore);
        drop(a);
        let (o, p) = r.take_callout(5).unwrap();
        assert_eq!(p, Purpose::CacheStore);
        assert!(with_exchange(&o, |_| ()).is_none());
        assert!(r.callouts.is_empty());
    }

    #[test]
    fn timers_fire_when_due_and_not_before() {
        let (a, b) = (exchange(), exchange());
        let mut r = Registry::default();
        r.add_timer(100, owner(2, &a), TimerPurpose::Backoff);
        r.add_timer(200, owner(3, &b), TimerPurpose::CoalescePoll);
        let (failed, due) = r.take_due(99);
        assert!(failed.is_empty() && due.is_empty());
        let (_, due) = r.take_due(100);
        assert_eq!(due.iter().map(|(o, _)| o.context_id).collect::<Vec<_>>(), [2]);
        assert_eq!(due[0].1, TimerPurpose::Backoff, "the timer's purpose comes back with it");
        // Fired once.
        assert!(r.take_due(150).1.is_empty());
        let (_, due) = r.take_due(1_000);
        assert_eq!(due.iter().map(|(o, _)| o.context_id).collect::<Vec<_>>(), [3]);
        assert!(r.timers.is_empty());
    }

    #[test]
    fn timers_of_dropped_requests_are_pruned() {
        let (a, b) = (exchange(), exchange());
        let mut r = Registry::default();
        r.add_timer(500, owner(2, &a), TimerPurpose::FirstByteDeadline);
        r.add_timer(500, owner(3, &b), TimerPurpose::FirstByteDeadline);
        drop(a);
        assert!(r.take_due(10).1.is_empty());
        assert_eq!(r.timers.len(), 1);
        assert_eq!(r.timers[0].1.context_id, 3);
        // A due timer of a dropped request is handed out; delivery skips it.
        drop(b);
        let (_, due) = r.take_due(500);
        assert_eq!(due.len(), 1);
        assert!(with_exchange(&due[0].0, |_| ()).is_none());
    }

    #[test]
    fn failed_dispatches_come_back_at_the_next_tick_once() {
        let a = exchange();
        let mut r = Registry::default();
        r.add_failed(owner(2, &a), Purpose::LimitsReserve);
        r.add_failed(owner(2, &a), Purpose::Attempt(2));
        let (failed, due) = r.take_due(0);
        let purposes: Vec<_> = failed.iter().map(|(_, p)| *p).collect();
        assert_eq!(purposes, [Purpose::LimitsReserve, Purpose::Attempt(2)]);
        assert!(due.is_empty());
        assert!(r.take_due(0).0.is_empty());
    }

    #[test]
    fn callouts_of_gone_requests_are_forgotten_unless_detached() {
        let (a, b) = (exchange(), exchange());
        let mut r = Registry::default();
        r.add_callout(1, owner(2, &a), Purpose::CacheLookup);
        r.add_callout(2, owner(2, &a), Purpose::LimitsSettle);
        r.add_callout(3, owner(3, &b), Purpose::Attempt(1));
        drop(a);
        r.take_due(0);
        let mut left: Vec<u32> = r.callouts.keys().copied().collect();
        left.sort_unstable();
        // The lookup can reach no one; the settlement's failure is still logged.
        assert_eq!(left, [2, 3]);
    }

    #[test]
    fn detached_callouts_wait_for_the_root_within_a_bound() {
        let a = exchange();
        let mut r = Registry::default();
        let call = Callout {
            purpose: Purpose::LimitsSettle,
            cluster: "webdis".into(),
            headers: Vec::new(),
            body: b"x".to_vec(),
            timeout_ms: 10,
        };
        for _ in 0..MAX_DETACHED {
            assert!(r.add_detached(owner(2, &a), call.clone()).is_none());
        }
        // Full: handed back, for the request to send itself.
        let back = r.add_detached(owner(2, &a), call.clone()).unwrap();
        assert_eq!(back.1, call);
        assert_eq!(std::mem::take(&mut r.detached).len(), MAX_DETACHED);
        assert!(r.add_detached(owner(2, &a), call).is_none());
    }

    #[test]
    fn orphan_answers_log_only_fire_and_forget_failures() {
        assert_eq!(orphan_answer(Purpose::LimitsSettle, &answer(Some(200))), None);
        assert_eq!(
            orphan_answer(Purpose::LimitsSettle, &answer(Some(503))).as_deref(),
            Some("limits: global settlement failed: status 503")
        );
        assert_eq!(
            orphan_answer(Purpose::CacheStore, &answer(None)).as_deref(),
            Some("cache: L2 store failed: no answer (reset, timeout or no cluster)")
        );
        assert!(orphan_answer(Purpose::McpFingerprintOffer, &answer(Some(500))).is_some());
        for p in [
            Purpose::CacheLookup,
            Purpose::Attempt(1),
            Purpose::LimitsReserve,
            Purpose::Classify,
            Purpose::McpFingerprints,
        ] {
            assert_eq!(orphan_answer(p, &answer(None)), None);
        }
    }
}
