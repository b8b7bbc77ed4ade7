//! Coalescing concurrent identical cache misses within one Envoy: the first
//! request for a key becomes the leader and goes upstream; the others wait
//! (bounded) for its answer to appear in L1.
//!
//! Locks live in a fixed table of slots in shared data (`aigw:cf:<n>`, so the
//! number of keys is bounded); a slot holds the key, the owner and an expiry,
//! so a leader that dies only delays its followers until the expiry.

use super::key::Key;
use crate::services::{Services, SetError, CREATE_CAS};

const PREFIX: &str = "aigw:cf:";
const SLOTS: u32 = 1024;
const MAX_CAS_RETRIES: usize = 8;
const VALUE_LEN: usize = 32 + 8 + 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lock {
    pub key: Key,
    pub owner: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acquire {
    /// This request goes upstream; others for the same key wait for it.
    Leader(Lock),
    /// Another request for the same key is in flight: wait for it.
    Follower,
    /// The slot is held for another key (or contended): go upstream alone.
    Unavailable,
}

fn slot_key(key: &Key) -> String {
    let n = u32::from_le_bytes([key[4], key[5], key[6], key[7]]) % SLOTS;
    format!("{PREFIX}{n}")
}

fn encode(key: &Key, owner: u64, expires_ms: u64) -> Vec<u8> {
    let mut v = Vec::with_capacity(VALUE_LEN);
    v.extend_from_slice(key);
    v.extend_from_slice(&owner.to_le_bytes());
    v.extend_from_slice(&expires_ms.to_le_bytes());
    v
}

/// (key, owner, expires_ms) of a held slot; None for an empty or garbage one.
fn decode(v: &[u8]) -> Option<(Key, u64, u64)> {
    if v.len() != VALUE_LEN {
        return None;
    }
    let key: Key = v.get(..32)?.try_into().ok()?;
    let owner = u64::from_le_bytes(v.get(32..40)?.try_into().ok()?);
    let expires = u64::from_le_bytes(v.get(40..48)?.try_into().ok()?);
    Some((key, owner, expires))
}

pub fn acquire(svc: &mut dyn Services, key: &Key, owner: u64, hold_ms: u64) -> Acquire {
    let slot = slot_key(key);
    let now = svc.now_ms();
    for _ in 0..MAX_CAS_RETRIES {
        let cas = match svc.get(&slot) {
            None => CREATE_CAS,
            Some((v, cas)) => match decode(&v) {
                Some((k, _, expires)) if expires > now => {
                    return if k == *key { Acquire::Follower } else { Acquire::Unavailable };
                }
                _ => cas,
            },
        };
        match svc.set(&slot, &encode(key, owner, now.saturating_add(hold_ms)), Some(cas)) {
            Ok(()) => return Acquire::Leader(Lock { key: *key, owner }),
            Err(SetError::CasMismatch) => continue,
            Err(SetError::Host(_)) => return Acquire::Unavailable,
        }
    }
    Acquire::Unavailable
}

/// Whether a leader still holds the key (a follower keeps waiting).
pub fn held(svc: &dyn Services, key: &Key) -> bool {
    let now = svc.now_ms();
    match svc.get(&slot_key(key)).and_then(|(v, _)| decode(&v)) {
        Some((k, _, expires)) => k == *key && expires > now,
        None => false,
    }
}

/// Frees the slot if this leader still holds it.
pub fn release(svc: &mut dyn Services, lock: &Lock) {
    let slot = slot_key(&lock.key);
    for _ in 0..MAX_CAS_RETRIES {
        let Some((v, cas)) = svc.get(&slot) else { return };
        match decode(&v) {
            Some((k, owner, _)) if k == lock.key && owner == lock.owner => {}
            _ => return,
        }
        match svc.set(&slot, &[], Some(cas)) {
            Err(SetError::CasMismatch) => continue,
            _ => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::{MemServices, SharedData};

    #[test]
    fn leader_followers_release_and_expiry() {
        let mut s = MemServices::new(1_000_000_000);
        let k = [3u8; 32];
        let Acquire::Leader(lock) = acquire(&mut s, &k, 1, 5_000) else { panic!() };
        assert_eq!(acquire(&mut s, &k, 2, 5_000), Acquire::Follower);
        assert!(held(&s, &k));
        // Another key in the same slot cannot take it while held.
        let mut other = k;
        other[0] = 9;
        assert_eq!(acquire(&mut s, &other, 3, 5_000), Acquire::Unavailable);
        release(&mut s, &lock);
        assert!(!held(&s, &k));
        assert!(matches!(acquire(&mut s, &other, 3, 5_000), Acquire::Leader(_)));
        // A dead leader's slot frees itself at the expiry.
        s.now_ns += 6_000_000_000;
        assert!(!held(&s, &other));
        assert!(matches!(acquire(&mut s, &k, 4, 5_000), Acquire::Leader(_)));
    }

    #[test]
    fn only_the_owner_releases() {
        let mut s = MemServices::new(0);
        let k = [1u8; 32];
        let Acquire::Leader(lock) = acquire(&mut s, &k, 1, 5_000) else { panic!() };
        release(&mut s, &Lock { key: k, owner: 2 });
        assert!(held(&s, &k));
        release(&mut s, &lock);
        assert!(!held(&s, &k));
    }

    #[test]
    fn first_write_race_has_one_leader() {
        // Both workers saw the slot missing; both try to create it.
        let mut s = MemServices::new(0);
        let k = [5u8; 32];
        let slot = slot_key(&k);
        assert!(s.get(&slot).is_none());
        s.set(&slot, &encode(&k, 1, 10_000), Some(CREATE_CAS)).unwrap();
        assert_eq!(
            s.set(&slot, &encode(&k, 2, 10_000), Some(CREATE_CAS)),
            Err(SetError::CasMismatch)
        );
        assert_eq!(acquire(&mut s, &k, 2, 5_000), Acquire::Follower);
    }
}
