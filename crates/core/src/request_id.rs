//! The gateway's own request id, for the log record and the client
//! (`x-aigw-log-id`). A client's `x-request-id` is only logged beside it:
//! an id a client can choose could collide with, or impersonate, another
//! request's record.
//!
//! 32 hex digits: a per-VM tag (random, from the host's entropy through
//! WASI `random_get`, mixed with the VM's start time), then the VM's
//! request counter through a bijective mix. Each VM's ids are distinct
//! (the mix is a permutation of its counter) and VMs differ by their tag,
//! so ids are unique across workers, replicas and restarts without any
//! coordination, and they do not reveal a worker's request count.

use std::cell::Cell;
use std::hash::{BuildHasher, Hasher};

thread_local! {
    /// (this VM's tag, requests numbered so far).
    static STATE: Cell<Option<(u64, u64)>> = const { Cell::new(None) };
}

/// A new id. `now_ns` seeds the VM's tag on first use.
pub fn next(now_ns: u64) -> String {
    let (tag, seq) = STATE.with(|s| {
        let (tag, seq) = s.get().unwrap_or_else(|| (vm_tag(now_ns), 0));
        s.set(Some((tag, seq.wrapping_add(1))));
        (tag, seq)
    });
    let mut id = [0u8; 32];
    hex_into(&mut id[..16], tag);
    hex_into(&mut id[16..], mix(seq ^ tag));
    String::from_utf8(id.to_vec()).unwrap_or_default()
}

/// `out` (16 bytes) := `v` in lower-case hex, most significant digit first.
fn hex_into(out: &mut [u8], v: u64) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for (i, c) in out.iter_mut().rev().enumerate() {
        *c = HEX.get(((v >> (i * 4)) & 0xf) as usize).copied().unwrap_or(b'0');
    }
}

/// Random per VM: std's `RandomState` keys come from the host's entropy.
fn vm_tag(now_ns: u64) -> u64 {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(now_ns);
    h.finish()
}

/// SplitMix64's finaliser: a bijection on u64.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_distinct_and_well_formed() {
        let ids: HashSet<String> = (0..10_000).map(|_| next(1)).collect();
        assert_eq!(ids.len(), 10_000);
        for id in ids.iter().take(5) {
            assert_eq!(id.len(), 32);
            assert!(id.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        }
        // Hex of the tag, then of the mixed counter.
        let first = next(1);
        let (tag, seq) = STATE.with(|s| s.get().unwrap());
        assert_eq!(first, format!("{tag:016x}{:016x}", mix((seq - 1) ^ tag)));
        // One VM, one tag.
        let tags: HashSet<&str> = ids.iter().map(|i| &i[..16]).collect();
        assert_eq!(tags.len(), 1);
    }

    #[test]
    fn another_vm_has_another_tag() {
        // Each test thread stands for a VM.
        let a = std::thread::spawn(|| next(5)).join().unwrap();
        let b = std::thread::spawn(|| next(5)).join().unwrap();
        assert_ne!(a[..16], b[..16]);
    }
}
