//! The per-VM budget for the bytes the filter keeps between callbacks
//! (request bodies held for retries or while a callout runs, copies of
//! answers kept to read usage, scan or cache them).
//!
//! Each Envoy worker runs its own VM, one callback at a time, so what one
//! callback handles at once is transient and never adds up across
//! requests; what requests keep between callbacks does. That sum is what a
//! burst of large concurrent requests grows until an allocation fails and
//! the VM traps. The budget bounds it: a request asks for its bytes before
//! the filter reads them, and a request that does not fit is refused
//! cleanly instead. The VM's own limit (1 GiB under Envoy's V8) leaves the
//! rest for the transient work of one callback.
//!
//! A [`Hold`] gives its bytes back when dropped, so every way a request
//! ends (answered, reset by the client, abandoned) releases them.

use std::cell::Cell;
use std::rc::Rc;

/// Default budget: well below the VM's 1 GiB, with room for one callback's
/// transient copies of a maximum-size body.
pub const DEFAULT_MAX_HELD_BYTES: u64 = 256 * 1024 * 1024;
/// Above this a budget can exceed what the VM can allocate (warned at start).
pub const VM_MEMORY_BYTES: u64 = 1024 * 1024 * 1024;
/// Bodies above this can exhaust the VM in one callback (warned at start).
pub const LARGE_BODY_BYTES: u64 = 32 * 1024 * 1024;
/// The largest budget the config accepts.
pub const MAX_MAX_HELD_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// The VM's account: its limit and what all requests hold now.
#[derive(Debug)]
pub struct Ledger {
    limit: u64,
    used: Cell<u64>,
}

impl Ledger {
    pub fn new(limit: u64) -> Rc<Ledger> {
        Rc::new(Ledger { limit, used: Cell::new(0) })
    }

    pub fn limit(&self) -> u64 {
        self.limit
    }

    pub fn used(&self) -> u64 {
        self.used.get()
    }

    fn try_take(&self, n: u64) -> bool {
        match self.used.get().checked_add(n) {
            Some(total) if total <= self.limit => {
                self.used.set(total);
                true
            }
            _ => false,
        }
    }

    fn give_back(&self, n: u64) {
        self.used.set(self.used.get().saturating_sub(n));
    }
}

/// Why bytes could not be held: for the error and the log record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused {
    pub wanted: u64,
    pub used: u64,
    pub limit: u64,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "memory budget: {} bytes wanted, {} of {} held",
            self.wanted, self.used, self.limit
        )
    }
}

/// What one request (or one part of it) holds; released on drop.
#[derive(Debug)]
pub struct Hold {
    ledger: Rc<Ledger>,
    bytes: u64,
}

impl Hold {
    pub fn new(ledger: &Rc<Ledger>) -> Hold {
        Hold { ledger: Rc::clone(ledger), bytes: 0 }
    }

    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Asks for `n` more bytes: all or nothing.
    pub fn grow(&mut self, n: usize) -> Result<(), Refused> {
        let n = n as u64;
        if self.ledger.try_take(n) {
            self.bytes = self.bytes.saturating_add(n);
            Ok(())
        } else {
            Err(Refused { wanted: n, used: self.ledger.used(), limit: self.ledger.limit })
        }
    }

    /// Sets the hold to `n` bytes (growing may be refused; shrinking never is).
    pub fn resize(&mut self, n: usize) -> Result<(), Refused> {
        let n64 = n as u64;
        if n64 > self.bytes {
            return self.grow(usize::try_from(n64 - self.bytes).unwrap_or(usize::MAX));
        }
        self.ledger.give_back(self.bytes - n64);
        self.bytes = n64;
        Ok(())
    }

    pub fn release(&mut self) {
        self.ledger.give_back(self.bytes);
        self.bytes = 0;
    }
}

impl Drop for Hold {
    fn drop(&mut self) {
        self.release();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_add_up_and_refuse_past_the_limit() {
        let l = Ledger::new(100);
        let mut a = Hold::new(&l);
        let mut b = Hold::new(&l);
        a.grow(60).unwrap();
        assert_eq!(b.grow(41), Err(Refused { wanted: 41, used: 60, limit: 100 }));
        assert_eq!((b.bytes(), l.used()), (0, 60), "a refusal takes nothing");
        b.grow(40).unwrap();
        assert_eq!(l.used(), 100);
        assert!(a.grow(1).is_err());
        a.resize(10).unwrap();
        assert_eq!((a.bytes(), l.used()), (10, 50));
        a.resize(30).unwrap();
        assert_eq!(l.used(), 70);
        assert!(a.resize(61).is_err());
        assert_eq!(a.bytes(), 30);
    }

    #[test]
    fn every_end_gives_the_bytes_back() {
        let l = Ledger::new(1000);
        {
            let mut a = Hold::new(&l);
            a.grow(500).unwrap();
            let mut b = Hold::new(&l);
            b.grow(200).unwrap();
            b.release();
            b.release();
            assert_eq!(l.used(), 500);
        }
        assert_eq!(l.used(), 0, "dropped holds (a reset request) release");
        let mut c = Hold::new(&l);
        assert!(c.grow(usize::MAX).is_err());
        c.grow(1000).unwrap();
    }

    #[test]
    fn refusal_message_names_the_numbers() {
        let r = Refused { wanted: 8, used: 90, limit: 96 };
        assert_eq!(r.to_string(), "memory budget: 8 bytes wanted, 90 of 96 held");
    }
}
