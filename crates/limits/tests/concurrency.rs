//! Envoy workers racing on shared data, simulated step by step over `MemStore`
//! (which has Envoy's exact semantics, the first-write race included).
//!
//! A worker's reservation is read -> plan -> commit; a commit that meets
//! `CasMismatch` goes back to read. The tests interleave those steps across
//! workers in chosen or pseudo-random orders.
// Test helpers outside #[test] fns (clippy.toml covers only those) may fail loudly too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::num::{NonZeroU32, NonZeroU64};

use aigw_limits::slot::{
    commit, plan_reserve, read_slots, OnTableFull, ReserveInput, ReservePlan, SlotTable, SlotValue,
};
use aigw_limits::window::{Counts, Window};
use aigw_limits::{MemStore, SetError, SharedData, CREATE_CAS};

const W: u64 = 60_000;

fn table() -> SlotTable {
    SlotTable::new("aigw.lim.v1/r/test/".into(), NonZeroU32::new(64).unwrap(), 4)
}

fn input(subject: u64, amount: u64, limit: u64, now: u64) -> ReserveInput {
    ReserveInput {
        window: Window::sliding_ms(NonZeroU64::new(W).unwrap()),
        shape: 1,
        subject,
        amount,
        limit,
        enforce: true,
        on_full: OnTableFull::Share,
        now,
    }
}

fn write_plan(plan: ReservePlan) -> aigw_limits::slot::WritePlan {
    match plan {
        ReservePlan::Write(w) => w,
        other => panic!("expected a write, got {other:?}"),
    }
}

fn stored(store: &MemStore, key: &str) -> SlotValue {
    SlotValue::decode(&store.get(key).unwrap().0).unwrap()
}

#[test]
fn two_workers_on_an_existing_slot_lose_no_increment() {
    let t = table();
    let mut s = MemStore::new();
    // the subject already has a slot with 5 counted
    let w0 = write_plan(plan_reserve(&read_slots(&s, &t, 42, 1), &input(42, 5, 100, 0)));
    commit(&mut s, &w0.key, &w0.value, w0.cas).unwrap();

    // A and B read the same state
    let reads_a = read_slots(&s, &t, 42, 1);
    let reads_b = read_slots(&s, &t, 42, 1);
    let a = write_plan(plan_reserve(&reads_a, &input(42, 1, 100, 10)));
    let b = write_plan(plan_reserve(&reads_b, &input(42, 1, 100, 11)));
    assert_eq!((a.value.counts.current, b.value.counts.current), (6, 6));
    // A writes first; B's write carries the CAS it read and fails
    assert_eq!(commit(&mut s, &a.key, &a.value, a.cas), Ok(()));
    assert_eq!(commit(&mut s, &b.key, &b.value, b.cas), Err(SetError::CasMismatch));
    // B reads again and decides on the new state
    let b = write_plan(plan_reserve(&read_slots(&s, &t, 42, 1), &input(42, 1, 100, 12)));
    assert_eq!(b.value.counts.current, 7);
    assert_eq!(commit(&mut s, &b.key, &b.value, b.cas), Ok(()));
    assert_eq!(stored(&s, &w0.key).counts.current, 7);
}

#[test]
fn two_workers_creating_the_same_slot() {
    let t = table();
    let mut s = MemStore::new();
    // both see every probed key missing
    let reads_a = read_slots(&s, &t, 7, 1);
    let reads_b = read_slots(&s, &t, 7, 1);
    assert!(reads_a.iter().all(|r| r.found.is_none()));
    let a = write_plan(plan_reserve(&reads_a, &input(7, 1, 10, 0)));
    let b = write_plan(plan_reserve(&reads_b, &input(7, 1, 10, 0)));
    // a missing key is written with the create-if-absent CAS
    assert_eq!((a.cas, b.cas), (CREATE_CAS, CREATE_CAS));
    assert_eq!(a.key, b.key);
    assert_eq!(commit(&mut s, &a.key, &a.value, a.cas), Ok(()));
    // without the trick B's write would succeed (a missing key ignores the
    // CAS) and overwrite A's count: the first-write race. With it, B fails...
    assert_eq!(commit(&mut s, &b.key, &b.value, b.cas), Err(SetError::CasMismatch));
    // ... reads A's slot, finds it owns it, and adds to it
    let b = write_plan(plan_reserve(&read_slots(&s, &t, 7, 1), &input(7, 1, 10, 0)));
    assert_ne!(b.cas, CREATE_CAS);
    commit(&mut s, &b.key, &b.value, b.cas).unwrap();
    assert_eq!(stored(&s, &a.key).counts.current, 2);
    assert_eq!(s.len(), 1);

    // For contrast, the naive write (CAS ignored on a missing key) loses one.
    let mut naive = MemStore::new();
    let a = write_plan(plan_reserve(&read_slots(&naive, &t, 7, 1), &input(7, 1, 10, 0)));
    let b = write_plan(plan_reserve(&read_slots(&naive, &t, 7, 1), &input(7, 1, 10, 0)));
    naive.set(&a.key, &a.value.encode(), None).unwrap();
    naive.set(&b.key, &b.value.encode(), None).unwrap();
    assert_eq!(stored(&naive, &a.key).counts.current, 1, "the first-write race");
}

#[test]
fn two_subjects_racing_for_one_free_slot_end_in_two_slots() {
    let t = table();
    let mut s = MemStore::new();
    // subjects 3 and 67 share the probe start (67 mod 64 = 3)
    let a = write_plan(plan_reserve(&read_slots(&s, &t, 3, 1), &input(3, 1, 10, 0)));
    let b = write_plan(plan_reserve(&read_slots(&s, &t, 67, 1), &input(67, 1, 10, 0)));
    assert_eq!(a.key, b.key);
    commit(&mut s, &a.key, &a.value, a.cas).unwrap();
    assert_eq!(commit(&mut s, &b.key, &b.value, b.cas), Err(SetError::CasMismatch));
    let b = write_plan(plan_reserve(&read_slots(&s, &t, 67, 1), &input(67, 1, 10, 0)));
    assert_ne!(a.key, b.key, "the next probe");
    commit(&mut s, &b.key, &b.value, b.cas).unwrap();
    assert_eq!(stored(&s, &a.key).owner, 3);
    assert_eq!(stored(&s, &b.key).owner, 67);
}

#[test]
fn two_workers_with_skewed_clocks_at_a_window_boundary() {
    let t = table();
    let mut s = MemStore::new();
    // worker A (clock a little ahead) writes in window 1
    let a = write_plan(plan_reserve(&read_slots(&s, &t, 9, 1), &input(9, 4, 5, W + 5)));
    commit(&mut s, &a.key, &a.value, a.cas).unwrap();
    // worker B, 10 ms behind, still in window 0: counts in A's window, sees the 4
    let b = plan_reserve(&read_slots(&s, &t, 9, 1), &input(9, 2, 5, W - 5));
    match b {
        ReservePlan::Deny { used, counts } => {
            assert_eq!(used, 4);
            assert_eq!(counts.index, 1);
        }
        other => panic!("{other:?}"),
    }
    let b = write_plan(plan_reserve(&read_slots(&s, &t, 9, 1), &input(9, 1, 5, W - 5)));
    commit(&mut s, &b.key, &b.value, b.cas).unwrap();
    assert_eq!(stored(&s, &a.key).counts, Counts { index: 1, current: 5, previous: 0 });
}

/// A worker of the simulation.
#[derive(Clone, Debug)]
enum Step {
    Read,
    Planned(Box<aigw_limits::slot::WritePlan>),
    Admitted,
    Denied,
}

/// Runs `amounts.len()` workers, each reserving its amount once, against
/// `limit`, interleaving their read / commit steps in the order a seeded
/// generator picks. Returns (which workers were admitted, final stored count,
/// CAS retries).
fn simulate(amounts: &[u64], limit: u64, seed: u64) -> (Vec<bool>, u64, usize) {
    let t = table();
    let mut s = MemStore::new();
    let subject = 0xfeed;
    let mut steps = vec![Step::Read; amounts.len()];
    let mut rng = seed.max(1);
    let mut retries = 0;
    loop {
        let live: Vec<usize> = (0..steps.len())
            .filter(|&i| matches!(steps[i], Step::Read | Step::Planned(_)))
            .collect();
        if live.is_empty() {
            break;
        }
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let i = live[(rng % live.len() as u64) as usize];
        let now = 1_000 + i as u64; // all in one window
        steps[i] = match std::mem::replace(&mut steps[i], Step::Denied) {
            Step::Read => {
                // read now, decide now, write later: other workers may step in between
                let reads = read_slots(&s, &t, subject, 1);
                match plan_reserve(&reads, &input(subject, amounts[i], limit, now)) {
                    ReservePlan::Write(w) => Step::Planned(Box::new(w)),
                    ReservePlan::Deny { .. } => Step::Denied,
                    ReservePlan::Untracked => panic!("untracked"),
                }
            }
            Step::Planned(w) => match commit(&mut s, &w.key, &w.value, w.cas) {
                Ok(()) => Step::Admitted,
                Err(SetError::CasMismatch) => {
                    retries += 1;
                    Step::Read
                }
                Err(e) => panic!("{e:?}"),
            },
            done => done,
        };
    }
    let admitted: Vec<bool> = steps.iter().map(|st| matches!(st, Step::Admitted)).collect();
    let total = t
        .probe_keys(subject)
        .filter_map(|k| s.get(&k))
        .filter_map(|(v, _)| SlotValue::decode(&v))
        .map(|v| v.counts.current)
        .sum();
    (admitted, total, retries)
}

#[test]
fn n_concurrent_requests_against_a_request_limit_admit_exactly_min_n_l() {
    for (n, l) in [(1, 5), (5, 5), (6, 5), (20, 5), (50, 17), (3, 0), (40, 40), (100, 1)] {
        for seed in 1..=20u64 {
            let amounts = vec![1; n];
            let (admitted, total, _) = simulate(&amounts, l, seed * 7919);
            let count = admitted.iter().filter(|a| **a).count() as u64;
            assert_eq!(count, (n as u64).min(l), "n={n} l={l} seed={seed}");
            assert_eq!(total, count, "no lost or phantom increment");
        }
    }
}

#[test]
fn n_concurrent_token_reservations_never_overshoot() {
    let mut all_retries = 0;
    for seed in 1..=50u64 {
        let mut rng = seed;
        let amounts: Vec<u64> = (0..30)
            .map(|_| {
                rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                1 + (rng >> 33) % 400
            })
            .collect();
        let limit = 2_000;
        let (admitted, total, retries) = simulate(&amounts, limit, seed);
        all_retries += retries;
        let sum: u64 = amounts.iter().zip(&admitted).filter(|(_, a)| **a).map(|(x, _)| *x).sum();
        assert!(sum <= limit, "seed {seed}: {sum} > {limit}");
        assert_eq!(total, sum, "seed {seed}: stored {total}, admitted {sum}");
        // no request was denied while it fitted: counts only grow, so a
        // denied amount is still over what is left at the end
        for (amount, _) in amounts.iter().zip(&admitted).filter(|(_, a)| !**a) {
            assert!(sum + amount > limit, "seed {seed}: {amount} denied with {sum} used");
        }
    }
    assert!(all_retries > 100, "the interleavings did contend: {all_retries} retries");
}
