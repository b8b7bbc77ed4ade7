//! What outlives one callback: the callouts in flight and the timers of
//! waiting requests. proxy-wasm delivers callout answers to whichever
//! context dispatched them (the root when dispatched from a timer) and
//! timers only to the root, so both go through this registry to reach the
//! request's [`Exchange`].

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use aigw_core::exchange::{CalloutResponse, Exchange, Purpose};

/// The request an answer or timer is for.
#[derive(Clone)]
pub struct Owner {
    pub context_id: u32,
    pub exchange: Weak<RefCell<Exchange>>,
}

struct Pending {
    owner: Owner,
    purpose: Purpose,
}

#[derive(Default)]
struct Registry {
    callouts: HashMap<u32, Pending>,
    /// Callouts that failed to dispatch: answered (as "no answer") at the
    /// next tick, never inside the callback that made them.
    failed: Vec<Pending>,
    timers: Vec<(u64, Owner)>,
}

thread_local! {
    static REGISTRY: RefCell<Registry> = RefCell::new(Registry::default());
}

pub fn add_callout(token: u32, owner: Owner, purpose: Purpose) {
    REGISTRY.with(|r| r.borrow_mut().callouts.insert(token, Pending { owner, purpose }));
}

pub fn add_failed(owner: Owner, purpose: Purpose) {
    REGISTRY.with(|r| r.borrow_mut().failed.push(Pending { owner, purpose }));
}

pub fn add_timer(due_ns: u64, owner: Owner) {
    REGISTRY.with(|r| r.borrow_mut().timers.push((due_ns, owner)));
}

pub fn take_callout(token: u32) -> Option<(Owner, Purpose)> {
    REGISTRY.with(|r| r.borrow_mut().callouts.remove(&token)).map(|p| (p.owner, p.purpose))
}

/// Everything due now: failed dispatches and expired timers.
pub fn take_due(now_ns: u64) -> (Vec<(Owner, Purpose)>, Vec<Owner>) {
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        let failed = r.failed.drain(..).map(|p| (p.owner, p.purpose)).collect();
        let mut due = Vec::new();
        r.timers.retain(|(t, o)| {
            if *t <= now_ns {
                due.push(o.clone());
                false
            } else {
                o.exchange.strong_count() > 0
            }
        });
        (failed, due)
    })
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
        Purpose::CacheLookup | Purpose::Attempt(_) | Purpose::LimitsReserve | Purpose::Classify => {
            None
        }
    }
}
