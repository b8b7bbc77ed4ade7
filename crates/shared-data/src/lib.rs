//! Envoy's shared data (the key-value store every worker of one Envoy
//! shares): [`SharedData`], a trait that models it exactly, and [`MemStore`],
//! a fake with the same rules for tests. The host layer implements the trait
//! once over proxy-wasm; the cache, the coalescing lock, the circuit breaker
//! and the limit counters are written against it.
//!
//! # Envoy shared-data semantics (what the algorithms are written against)
//! * `get` returns the value and its CAS, or nothing for a missing key.
//! * `set` with a CAS on an **existing** key fails with `CasMismatch` unless the
//!   CAS is the key's current one; a CAS of `None` (0 on the wire) writes
//!   unconditionally.
//! * `set` on a **missing** key ignores the CAS and always succeeds. Two
//!   workers that both see a key missing and both write it lose one write (the
//!   first-write race).
//! * CAS values come from one global counter that starts at 1, is incremented
//!   by every write and skips 0 when it wraps.
//! * No TTL, no eviction, no removal: a "removed" key stays with an empty value.
//!   So every key ever written stays for the life of the Envoy process, and
//!   the number of keys must be bounded by design (see `aigw_limits::slot`).
//!
//! # Create-if-absent
//! Envoy has no "create only if missing" operation, but one can be built:
//! `set(key, value, Some(u32::MAX))` ([`CREATE_CAS`]). On a missing key the CAS
//! is ignored and the write happens; on an existing key it fails with
//! `CasMismatch` unless that key's current CAS is exactly `u32::MAX`. The CAS
//! counter hands out `u32::MAX` once per 2^32 - 1 writes to the whole store,
//! so a create that raced with another worker's create is wrongly let through
//! only if that other write was the one write in about 4.3 billion that got
//! that CAS: a lost increment with probability ~2.3e-10 per create race, and
//! creates happen only when a slot key is first written.

use std::collections::hash_map::{Iter, Keys};
use std::collections::HashMap;

/// The CAS that turns a `set` into create-if-absent (see the module doc).
pub const CREATE_CAS: u32 = u32::MAX;

/// Why a `set` failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetError {
    /// The key exists and its CAS is not the one given: re-read and retry.
    CasMismatch,
    /// Any other host status (proxy-wasm's status code).
    Host(u32),
}

/// The status [`MemStore`] reports when told to fail writes (proxy-wasm's
/// `InternalFailure`).
pub const INTERNAL_FAILURE: u32 = 10;

/// Envoy's shared data (see the module doc for the exact semantics).
pub trait SharedData {
    /// The value and its CAS, or `None` for a missing key (a host error reads
    /// as missing: the create-if-absent CAS then fails safely on a key that
    /// does exist).
    fn get(&self, key: &str) -> Option<(Vec<u8>, u32)>;
    /// Writes `value`; with `Some(cas)` only if the key's CAS is `cas` or the
    /// key is missing.
    fn set(&mut self, key: &str, value: &[u8], cas: Option<u32>) -> Result<(), SetError>;
}

/// An in-memory fake of Envoy's shared data, with its exact semantics,
/// including the first-write race.
#[derive(Debug, Clone)]
pub struct MemStore {
    entries: HashMap<String, (Vec<u8>, u32)>,
    next_cas: u32,
    /// When set, every `set` fails with `SetError::Host` (tests of fail-open/closed).
    pub fail_writes: bool,
    /// Number of successful writes (tests).
    pub writes: u64,
}

impl Default for MemStore {
    fn default() -> Self {
        MemStore { entries: HashMap::new(), next_cas: 1, fail_writes: false, writes: 0 }
    }
}

impl MemStore {
    pub fn new() -> MemStore {
        MemStore::default()
    }

    /// Starts the global CAS counter at `cas` (tests of the wrap-around and of
    /// the create-if-absent trick); 0 is skipped as Envoy does.
    pub fn with_next_cas(cas: u32) -> MemStore {
        MemStore { next_cas: cas.max(1), ..MemStore::default() }
    }

    /// Number of keys ever written (Envoy never forgets one).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Envoy's `remove`: the key stays, with an empty value and a new CAS.
    pub fn remove(&mut self, key: &str) {
        if self.entries.contains_key(key) {
            let cas = self.take_cas();
            self.entries.insert(key.to_string(), (Vec::new(), cas));
        }
    }

    /// Every key ever written.
    pub fn keys(&self) -> Keys<'_, String, (Vec<u8>, u32)> {
        self.entries.keys()
    }

    /// Every key with its value and CAS (read-only: writes go through `set`,
    /// so the CAS rules hold).
    pub fn iter(&self) -> Iter<'_, String, (Vec<u8>, u32)> {
        self.entries.iter()
    }

    /// Bytes held in values (what a bounded cache must keep bounded).
    pub fn bytes_stored(&self) -> usize {
        self.entries.values().map(|(v, _)| v.len()).sum()
    }

    fn take_cas(&mut self) -> u32 {
        let cas = self.next_cas;
        self.next_cas = self.next_cas.wrapping_add(1);
        if self.next_cas == 0 {
            self.next_cas = 1;
        }
        cas
    }
}

impl SharedData for MemStore {
    fn get(&self, key: &str) -> Option<(Vec<u8>, u32)> {
        self.entries.get(key).cloned()
    }

    fn set(&mut self, key: &str, value: &[u8], cas: Option<u32>) -> Result<(), SetError> {
        if self.fail_writes {
            return Err(SetError::Host(INTERNAL_FAILURE));
        }
        if let (Some((_, current)), Some(expected)) = (self.entries.get(key), cas) {
            if expected != 0 && expected != *current {
                return Err(SetError::CasMismatch);
            }
        }
        let new_cas = self.take_cas();
        self.entries.insert(key.to_string(), (value.to_vec(), new_cas));
        self.writes = self.writes.saturating_add(1);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cas_semantics_match_envoy() {
        let mut s = MemStore::new();
        // a missing key ignores the CAS
        assert_eq!(s.set("k", b"a", Some(12345)), Ok(()));
        let (v, cas) = s.get("k").unwrap();
        assert_eq!((v.as_slice(), cas), (&b"a"[..], 1));
        // an existing key needs its CAS
        assert_eq!(s.set("k", b"b", Some(cas + 7)), Err(SetError::CasMismatch));
        assert_eq!(s.set("k", b"b", Some(cas)), Ok(()));
        assert_eq!(s.get("k").unwrap(), (b"b".to_vec(), 2));
        // no CAS (or 0) writes unconditionally
        assert_eq!(s.set("k", b"c", None), Ok(()));
        assert_eq!(s.set("k", b"d", Some(0)), Ok(()));
        assert_eq!(s.get("k").unwrap(), (b"d".to_vec(), 4));
        // CAS values are global across keys
        s.set("other", b"x", None).unwrap();
        assert_eq!(s.get("other").unwrap().1, 5);
        // removal keeps the key, empty
        s.remove("k");
        assert_eq!(s.get("k").unwrap(), (Vec::new(), 6));
        assert_eq!(s.len(), 2);
        assert_eq!(s.get("missing"), None);
    }

    #[test]
    fn first_write_race_loses_an_increment() {
        // Two workers both see the key missing and both write "1": the store
        // ends at 1 although two increments happened. This is what the
        // create-if-absent CAS prevents.
        let mut s = MemStore::new();
        assert!(s.get("n").is_none()); // worker A reads
        assert!(s.get("n").is_none()); // worker B reads
        s.set("n", b"1", Some(1)).unwrap(); // A writes, some CAS: ignored
        s.set("n", b"1", Some(1)).unwrap(); // B writes: the key now exists with CAS 1, matches!
        assert_eq!(s.get("n").unwrap().0, b"1");

        // with the create CAS, B's write fails and B re-reads
        let mut s = MemStore::new();
        assert!(s.get("n").is_none());
        assert!(s.get("n").is_none());
        assert_eq!(s.set("n", b"1", Some(CREATE_CAS)), Ok(()));
        assert_eq!(s.set("n", b"1", Some(CREATE_CAS)), Err(SetError::CasMismatch));
        let (_, cas) = s.get("n").unwrap();
        assert_eq!(s.set("n", b"2", Some(cas)), Ok(()));
        assert_eq!(s.get("n").unwrap().0, b"2");
    }

    #[test]
    fn cas_counter_skips_zero_and_the_create_trick_fails_only_at_max() {
        let mut s = MemStore::with_next_cas(u32::MAX - 1);
        s.set("a", b"", None).unwrap();
        assert_eq!(s.get("a").unwrap().1, u32::MAX - 1);
        s.set("b", b"", None).unwrap();
        assert_eq!(s.get("b").unwrap().1, u32::MAX);
        s.set("c", b"", None).unwrap();
        assert_eq!(s.get("c").unwrap().1, 1); // 0 skipped
                                              // the one case where create-if-absent overwrites: the key's CAS is u32::MAX
        assert_eq!(s.set("b", b"x", Some(CREATE_CAS)), Ok(()));
        assert_eq!(s.set("a", b"x", Some(CREATE_CAS)), Err(SetError::CasMismatch));
        assert_eq!(s.set("c", b"x", Some(CREATE_CAS)), Err(SetError::CasMismatch));
    }
}
