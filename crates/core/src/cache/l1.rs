//! The L1 cache: a fixed table of slots in Envoy shared data, shared by all
//! workers of one Envoy.
//!
//! Shared data has no TTL, no eviction and never forgets a key, so memory is
//! bounded by construction: `slots` keys (`aigw:c1:<n>`), each holding at
//! most one entry of at most `max_entry_bytes`. An entry lives in the slot
//! its key hashes to (direct-mapped); a new entry overwrites whatever was
//! there, and an expired entry is simply not served. Writes use CAS so the
//! byte gauge stays exact across workers.

use super::entry::Entry;
use super::key::Key;
use crate::services::{Metric, Services, SetError, CREATE_CAS};

const PREFIX: &str = "aigw:c1:";
const MAX_CAS_RETRIES: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct L1 {
    pub slots: u32,
    pub max_entry_bytes: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PutError {
    TooLarge(usize),
    Contended,
    Host(u32),
}

impl L1 {
    fn slot_key(&self, key: &Key) -> String {
        let n = u32::from_le_bytes([key[0], key[1], key[2], key[3]]) % self.slots.max(1);
        format!("{PREFIX}{n}")
    }

    pub fn get(&self, svc: &dyn Services, key: &Key, now_ms: u64) -> Option<Entry> {
        let (bytes, _) = svc.get(&self.slot_key(key))?;
        let entry = Entry::decode(bytes)?;
        (entry.key == *key && entry.live(now_ms)).then_some(entry)
    }

    pub fn put(&self, svc: &mut dyn Services, entry: &Entry) -> Result<(), PutError> {
        let encoded = entry.encode();
        if encoded.len() > self.max_entry_bytes {
            return Err(PutError::TooLarge(encoded.len()));
        }
        let slot = self.slot_key(&entry.key);
        for _ in 0..MAX_CAS_RETRIES {
            let (old_len, cas) = match svc.get(&slot) {
                Some((old, cas)) => (old.len(), cas),
                None => (0, CREATE_CAS),
            };
            match svc.set(&slot, &encoded, Some(cas)) {
                Ok(()) => {
                    let delta = encoded.len() as i64 - old_len as i64;
                    svc.metric(Metric::CacheL1Bytes, delta);
                    return Ok(());
                }
                Err(SetError::CasMismatch) => continue,
                Err(SetError::Host(s)) => return Err(PutError::Host(s)),
            }
        }
        Err(PutError::Contended)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::MemServices;
    use crate::usage::Usage;

    fn entry(k: u8, body_len: usize, expires_ms: u64) -> Entry {
        let mut key = [0u8; 32];
        key[0] = k;
        key[31] = k;
        Entry {
            key,
            stored_ms: 0,
            expires_ms,
            status: 200,
            stream: false,
            content_type: "application/json".into(),
            usage: Usage::default(),
            body: vec![b'x'; body_len],
        }
    }

    #[test]
    fn hit_miss_and_expiry() {
        let l1 = L1 { slots: 16, max_entry_bytes: 4096 };
        let mut s = MemServices::new(0);
        let e = entry(1, 100, 10_000);
        assert_eq!(l1.get(&s, &e.key, 0), None);
        l1.put(&mut s, &e).unwrap();
        assert_eq!(l1.get(&s, &e.key, 9_999), Some(e.clone()));
        assert_eq!(l1.get(&s, &e.key, 10_000), None);
        // Same slot, other key: not served.
        let mut other = e.clone();
        other.key[31] = 99;
        assert_eq!(l1.get(&s, &other.key, 0), None);
    }

    #[test]
    fn memory_stays_bounded_and_gauge_is_exact() {
        let l1 = L1 { slots: 8, max_entry_bytes: 2048 };
        let mut s = MemServices::new(0);
        for k in 0..=255u8 {
            let _ = l1.put(&mut s, &entry(k, usize::from(k) * 4 % 1500, 1_000_000));
        }
        assert!(s.data.len() <= 8, "{} keys", s.data.len());
        assert!(s.bytes_stored() <= 8 * 2048);
        assert_eq!(s.metrics[&Metric::CacheL1Bytes], s.bytes_stored() as i64);
    }

    #[test]
    fn oversized_entries_are_refused() {
        let l1 = L1 { slots: 4, max_entry_bytes: 256 };
        let mut s = MemServices::new(0);
        assert!(matches!(l1.put(&mut s, &entry(1, 1000, 1)), Err(PutError::TooLarge(_))));
        assert!(s.data.is_empty());
    }
}
