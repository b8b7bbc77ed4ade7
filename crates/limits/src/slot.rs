//! Counters in Envoy shared data: a fixed table of slots per rule, the value
//! encoding, and the read -> plan -> write steps of a reservation and of a
//! settlement.
//!
//! # Bounded keys
//! Shared data never forgets a key, so a counter never gets a key per subject.
//! Each rule (and budget) has a table of `slots` keys,
//! `aigw.lim.v1/<r|b>/<name>/<slot>`, created on first use; a subject (the
//! hash of its key parts) is placed by linear probing: slots
//! `h mod slots, h+1, ... ` for `probes` slots. The value names the subject
//! that owns the slot. The keys of a counter are at most `slots`, of the whole
//! filter at most the sum over the counters of every config the process has
//! run (a renamed rule leaves its old keys behind, idle).
//!
//! Choosing the slot among the probed ones, in probe order (reading stops at
//! the first slot the subject owns or the first missing key):
//! 1. a slot the subject owns (given several, `plan_reserve` writes the first
//!    and adds up the counts of all for the check);
//! 2. else the first free one: missing (created with the create-if-absent
//!    CAS), empty or unreadable (e.g. removed, or written by another format
//!    version), written for another window shape (the rule changed), or owned
//!    by another subject whose counts no longer matter at `now`
//!    (idle: its window and, for sliding windows, the next have passed);
//! 3. else every probed slot is live for other subjects (the table is too
//!    small for the number of active subjects, or a flood of distinct
//!    subjects): `on_table_full` decides. `share` (default, conservative): the
//!    subject is counted in the probed slot with the least quota in use,
//!    together with its owner, so neither can go over the limit unnoticed but
//!    both may be limited early. `admit`: the request passes uncounted, with a
//!    note for the log. Size `slots` at a few times the number of subjects
//!    active in one window (two for sliding windows).
//!
//! A window rollover rewrites the same key.
//!
//! # Value encoding (41 bytes, little-endian)
//! | bytes | field |
//! |---|---|
//! | 0 | format version, 1 |
//! | 1..9 | owner: the subject's 64-bit hash |
//! | 9..17 | shape: fingerprint of the counter's unit and window length |
//! | 17..25 | window index the counts belong to |
//! | 25..33 | current window count |
//! | 33..41 | previous window count |
//!
//! Anything else (empty, another length or version) reads as a free slot.
//! Counts are requests, tokens or nano-dollars, by the counter's unit.
//!
//! # Races
//! Every write carries the CAS read with the value, or the create-if-absent
//! CAS for a key read as missing, so of two workers that read the same state
//! only one write succeeds; the other gets `CasMismatch`, reads again and
//! decides again on the new state. No increment is lost (the create CAS's
//! residual risk is in `store`).
//!
//! One race is not fully closed: two workers placing a *new* subject while
//! the slot in front of its chain turns free between their reads (its window
//! ends, or its owner's only reservation is rolled back to zero) can put the
//! subject in two slots. Reads stop at the first one, so the second slot's
//! count (one request's amount) is not seen until that slot goes idle: an
//! under-count bounded by one reservation, for at most two windows.

use std::num::NonZeroU32;

use crate::window::{Adjust, Counts, Window};
use aigw_shared_data::{SetError, SharedData, CREATE_CAS};

/// Length of an encoded slot value.
pub const VALUE_LEN: usize = 41;
/// Format version of slot values.
pub const VALUE_VERSION: u8 = 1;

/// What a slot holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotValue {
    /// The 64-bit hash of the subject that owns the slot.
    pub owner: u64,
    /// The counter's shape fingerprint: counts of another shape are not read.
    pub shape: u64,
    pub counts: Counts,
}

impl SlotValue {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(VALUE_LEN);
        out.push(VALUE_VERSION);
        for n in
            [self.owner, self.shape, self.counts.index, self.counts.current, self.counts.previous]
        {
            out.extend_from_slice(&n.to_le_bytes());
        }
        out
    }

    pub fn decode(bytes: &[u8]) -> Option<SlotValue> {
        if bytes.len() != VALUE_LEN || bytes.first() != Some(&VALUE_VERSION) {
            return None;
        }
        let word = |i: usize| -> Option<u64> {
            let start = 1usize.checked_add(i.checked_mul(8)?)?;
            let slice = bytes.get(start..start.checked_add(8)?)?;
            Some(u64::from_le_bytes(slice.try_into().ok()?))
        };
        Some(SlotValue {
            owner: word(0)?,
            shape: word(1)?,
            counts: Counts { index: word(2)?, current: word(3)?, previous: word(4)? },
        })
    }
}

/// A counter's table of slot keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotTable {
    prefix: String,
    slots: NonZeroU32,
    probes: u32,
}

impl SlotTable {
    /// `prefix` is followed by the slot number in each key; `probes` is
    /// capped at `slots`.
    pub fn new(prefix: String, slots: NonZeroU32, probes: u32) -> SlotTable {
        SlotTable { prefix, slots, probes: probes.clamp(1, slots.get()) }
    }

    pub fn slots(&self) -> u32 {
        self.slots.get()
    }

    pub fn key(&self, slot: u32) -> String {
        // Written by hand: `format!` costs several times more, on every
        // counter of every request.
        let mut digits = [0u8; 10];
        let mut at = digits.len();
        let mut n = slot;
        loop {
            at = at.saturating_sub(1);
            if let Some(d) = digits.get_mut(at) {
                *d = b'0'.saturating_add(u8::try_from(n.checked_rem(10).unwrap_or(0)).unwrap_or(0));
            }
            n = n.checked_div(10).unwrap_or(0);
            if n == 0 {
                break;
            }
        }
        let len = digits.len().saturating_sub(at);
        let mut key = String::with_capacity(self.prefix.len().saturating_add(len));
        key.push_str(&self.prefix);
        for d in digits.get(at..).unwrap_or_default() {
            key.push(char::from(*d));
        }
        key
    }

    /// The probe sequence of a subject: `probes` consecutive slots from
    /// `h mod slots`, made as they are read (usually only the first is).
    pub fn probe_keys(&self, subject: u64) -> impl Iterator<Item = String> + '_ {
        let n = u64::from(self.slots.get());
        let start = subject.checked_rem(n).unwrap_or(0);
        (0..u64::from(self.probes)).map(move |i| {
            let slot = start.saturating_add(i).checked_rem(n).unwrap_or(0);
            self.key(u32::try_from(slot).unwrap_or(0))
        })
    }
}

/// One probed slot as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotRead {
    pub key: String,
    /// The raw value and its CAS; `None` for a missing key.
    pub found: Option<(Vec<u8>, u32)>,
}

/// Step 1: read the probed slots of a subject, in probe order, stopping at
/// the first slot the subject owns (with this `shape`) or the first missing
/// key (keys are never removed, so no slot after a missing one was ever
/// chosen): usually one `get`.
pub fn read_slots(
    store: &dyn SharedData,
    table: &SlotTable,
    subject: u64,
    shape: u64,
) -> Vec<SlotRead> {
    let mut reads = Vec::new();
    for key in table.probe_keys(subject) {
        let found = store.get(&key);
        let stop = match &found {
            None => true,
            Some((bytes, _)) => {
                SlotValue::decode(bytes).is_some_and(|v| v.owner == subject && v.shape == shape)
            }
        };
        reads.push(SlotRead { key, found });
        if stop {
            break;
        }
    }
    reads
}

/// When every probed slot is live for other subjects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnTableFull {
    /// Count the subject in the least-loaded probed slot, with its owner.
    #[default]
    Share,
    /// Let the request pass uncounted (with a note).
    Admit,
}

/// What a reservation is asked to do on one counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReserveInput {
    pub window: Window,
    pub shape: u64,
    pub subject: u64,
    pub amount: u64,
    pub limit: u64,
    /// Deny when over the limit (`enforce`), or count anyway (`log_only`).
    pub enforce: bool,
    pub on_full: OnTableFull,
    pub now: u64,
}

/// Step 2's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReservePlan {
    /// Write `value` to `key` with `cas`; on success the amount is reserved.
    Write(WritePlan),
    /// Over the limit: nothing to write. `counts` are the (merged) counts
    /// the check used, for the retry time.
    Deny { used: u64, counts: Counts },
    /// Table full and `on_table_full: admit`: pass uncounted.
    Untracked,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WritePlan {
    pub key: String,
    pub cas: u32,
    pub value: SlotValue,
    /// Quota in use before this reservation (all of the subject's slots).
    pub used_before: u64,
    /// The (merged) counts after this reservation, for remaining/reset.
    pub counts_after: Counts,
    /// Over the limit but counted (log-only mode).
    pub over_limit: bool,
    /// Counted in another subject's slot (table full, `share`).
    pub shared: bool,
}

enum Slot<'a> {
    Owned(&'a SlotRead, SlotValue),
    Free(&'a SlotRead),
    Live(&'a SlotRead, SlotValue),
}

fn classify<'a>(read: &'a SlotRead, input: &ReserveInput) -> Slot<'a> {
    let Some((bytes, _)) = &read.found else { return Slot::Free(read) };
    match SlotValue::decode(bytes) {
        Some(v) if v.shape != input.shape => Slot::Free(read),
        Some(v) if v.owner == input.subject => Slot::Owned(read, v),
        Some(v) if input.window.is_idle(&v.counts, input.now) => Slot::Free(read),
        Some(v) => Slot::Live(read, v),
        None => Slot::Free(read),
    }
}

/// Step 2: decide from what was read (pure).
pub fn plan_reserve(reads: &[SlotRead], input: &ReserveInput) -> ReservePlan {
    let w = &input.window;
    let now = input.now;
    let slots: Vec<Slot<'_>> = reads.iter().map(|r| classify(r, input)).collect();

    // 1. the subject's own slot(s); 2. a free one; 3. table full
    let mut owned = slots.iter().filter_map(|s| match s {
        Slot::Owned(r, v) => Some((*r, *v)),
        _ => None,
    });
    let (target, stored, owner, shared, extra) = if let Some((read, value)) = owned.next() {
        let extra: u64 = owned.fold(0u64, |acc, (_, v)| {
            acc.saturating_add(w.used(&w.roll(Some(v.counts), now), now))
        });
        (read, Some(value.counts), input.subject, false, extra)
    } else if let Some(read) = slots.iter().find_map(|s| match s {
        Slot::Free(r) => Some(*r),
        _ => None,
    }) {
        (read, None, input.subject, false, 0)
    } else {
        if input.on_full == OnTableFull::Admit {
            return ReservePlan::Untracked;
        }
        let least = slots
            .iter()
            .filter_map(|s| match s {
                Slot::Live(r, v) => Some((*r, *v)),
                _ => None,
            })
            .min_by_key(|(_, v)| w.used(&w.roll(Some(v.counts), now), now));
        let Some((read, value)) = least else { return ReservePlan::Untracked };
        (read, Some(value.counts), value.owner, true, 0)
    };

    let counts = w.roll(stored, now);
    // the check sees the subject's other slots too (merged into `current`)
    let merged = Counts { current: counts.current.saturating_add(extra), ..counts };
    let used_before = w.used(&merged, now);
    let fits = w.fits(&merged, now, input.amount, input.limit);
    if input.enforce && !fits {
        return ReservePlan::Deny { used: used_before, counts: merged };
    }
    let after = Counts { current: counts.current.saturating_add(input.amount), ..counts };
    let cas = match &target.found {
        Some((_, cas)) => *cas,
        None => CREATE_CAS,
    };
    ReservePlan::Write(WritePlan {
        key: target.key.clone(),
        cas,
        value: SlotValue { owner, shape: input.shape, counts: after },
        used_before,
        counts_after: Counts { current: after.current.saturating_add(extra), ..after },
        over_limit: !fits,
        shared,
    })
}

/// Step 3: write a planned value with its CAS.
pub fn commit(
    store: &mut dyn SharedData,
    key: &str,
    value: &SlotValue,
    cas: u32,
) -> Result<(), SetError> {
    store.set(key, &value.encode(), Some(cas))
}

/// What a settlement does to one slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettlePlan {
    Write {
        cas: u32,
        value: SlotValue,
    },
    /// Nothing to write, and why (for debug logs).
    Nothing(&'static str),
}

/// Plans a settlement (or a rollback) of a reservation made in window
/// `reserved_index` in a slot owned by `owner` (pure).
pub fn plan_settle(
    found: Option<&(Vec<u8>, u32)>,
    owner: u64,
    shape: u64,
    window: &Window,
    reserved_index: u64,
    adjust: Adjust,
) -> SettlePlan {
    if adjust.is_zero() {
        return SettlePlan::Nothing("no change");
    }
    let Some((bytes, cas)) = found else { return SettlePlan::Nothing("slot missing") };
    let Some(value) = SlotValue::decode(bytes) else {
        return SettlePlan::Nothing("slot unreadable");
    };
    if value.owner != owner || value.shape != shape {
        return SettlePlan::Nothing("slot reused since");
    }
    match window.settle(value.counts, reserved_index, adjust) {
        Some(counts) => SettlePlan::Write { cas: *cas, value: SlotValue { counts, ..value } },
        None => SettlePlan::Nothing("window rolled over"),
    }
}

#[cfg(test)]
mod tests {
    use std::num::NonZeroU64;

    use super::*;
    use aigw_shared_data::MemStore;

    const W: u64 = 60_000;

    fn table(slots: u32, probes: u32) -> SlotTable {
        SlotTable::new("t/".into(), NonZeroU32::new(slots).unwrap(), probes)
    }

    fn input(subject: u64, amount: u64, limit: u64, now: u64) -> ReserveInput {
        ReserveInput {
            window: Window::fixed_ms(NonZeroU64::new(W).unwrap()),
            shape: 7,
            subject,
            amount,
            limit,
            enforce: true,
            on_full: OnTableFull::Share,
            now,
        }
    }

    /// read -> plan -> commit until written or denied (one worker, no contention).
    fn reserve(store: &mut MemStore, t: &SlotTable, i: &ReserveInput) -> ReservePlan {
        loop {
            let reads = read_slots(store, t, i.subject, i.shape);
            let plan = plan_reserve(&reads, i);
            if let ReservePlan::Write(w) = &plan {
                match commit(store, &w.key, &w.value, w.cas) {
                    Ok(()) => return plan,
                    Err(SetError::CasMismatch) => continue,
                    Err(e) => panic!("{e:?}"),
                }
            }
            return plan;
        }
    }

    #[test]
    fn encoding_round_trips_and_rejects_garbage() {
        let v = SlotValue {
            owner: 1,
            shape: u64::MAX,
            counts: Counts { index: 3, current: 4, previous: 5 },
        };
        let bytes = v.encode();
        assert_eq!(bytes.len(), VALUE_LEN);
        assert_eq!(SlotValue::decode(&bytes), Some(v));
        assert_eq!(SlotValue::decode(&[]), None);
        assert_eq!(SlotValue::decode(&bytes[..40]), None);
        let mut other_version = bytes.clone();
        other_version[0] = 2;
        assert_eq!(SlotValue::decode(&other_version), None);
        let mut longer = bytes;
        longer.push(0);
        assert_eq!(SlotValue::decode(&longer), None);
    }

    #[test]
    fn probe_sequences_wrap_and_are_bounded() {
        let t = table(8, 3);
        let keys = |t: &SlotTable, s: u64| t.probe_keys(s).collect::<Vec<_>>();
        assert_eq!(keys(&t, 6), ["t/6", "t/7", "t/0"]);
        assert_eq!(keys(&t, u64::MAX), ["t/7", "t/0", "t/1"]);
        assert_eq!(keys(&table(2, 16), 1), ["t/1", "t/0"]);
        assert_eq!(keys(&table(1, 4), 99), ["t/0"]);
        for slot in [0, 7, 10, 65_535, 1_000_000, u32::MAX] {
            assert_eq!(t.key(slot), format!("t/{slot}"));
        }
    }

    #[test]
    fn keys_stay_bounded_with_many_subjects_and_windows() {
        let t = table(16, 4);
        let mut s = MemStore::new();
        for window in 0..50u64 {
            for subject in 0..200u64 {
                let _ = reserve(
                    &mut s,
                    &t,
                    &input(subject.wrapping_mul(0x9e37_79b9_7f4a_7c15), 1, 5, window * W),
                );
            }
        }
        assert!(s.len() <= 16, "{}", s.len());
    }

    #[test]
    fn free_and_idle_slots_are_reused_and_owned_ones_found() {
        let t = table(4, 2);
        let mut s = MemStore::new();
        // subject 0 and 4 both start at slot 0
        let ReservePlan::Write(a) = reserve(&mut s, &t, &input(0, 1, 5, 0)) else { panic!() };
        assert_eq!(a.key, "t/0");
        let ReservePlan::Write(b) = reserve(&mut s, &t, &input(4, 1, 5, 0)) else { panic!() };
        assert_eq!(b.key, "t/1");
        // subject 4 finds its slot again, counts go on
        let ReservePlan::Write(b2) = reserve(&mut s, &t, &input(4, 1, 5, 10)) else { panic!() };
        assert_eq!((b2.key.as_str(), b2.value.counts.current), ("t/1", 2));
        // a third subject on the same probes: table full -> shares the least loaded (slot 0)
        let ReservePlan::Write(c) = reserve(&mut s, &t, &input(8, 1, 5, 20)) else { panic!() };
        assert_eq!(
            (c.key.as_str(), c.shared, c.value.owner, c.value.counts.current),
            ("t/0", true, 0, 2)
        );
        // with `admit`, it passes uncounted
        let admit = ReserveInput { on_full: OnTableFull::Admit, ..input(8, 1, 5, 20) };
        assert_eq!(reserve(&mut s, &t, &admit), ReservePlan::Untracked);
        // next window: slots of other subjects are idle, reused by the new subject
        let ReservePlan::Write(c) = reserve(&mut s, &t, &input(8, 1, 5, W)) else { panic!() };
        assert_eq!(
            (c.key.as_str(), c.shared, c.value.owner, c.value.counts.current),
            ("t/0", false, 8, 1)
        );
        // a removed key (empty value) is free
        s.remove("t/0");
        let ReservePlan::Write(d) = reserve(&mut s, &t, &input(12, 1, 5, W)) else { panic!() };
        assert_eq!(d.key, "t/0");
    }

    #[test]
    fn a_changed_shape_starts_over() {
        let t = table(4, 1);
        let mut s = MemStore::new();
        let _ = reserve(&mut s, &t, &input(1, 5, 5, 0));
        assert!(matches!(
            reserve(&mut s, &t, &input(1, 1, 5, 0)),
            ReservePlan::Deny { used: 5, .. }
        ));
        let changed = ReserveInput { shape: 8, ..input(1, 1, 5, 0) };
        let ReservePlan::Write(w) = reserve(&mut s, &t, &changed) else { panic!() };
        assert_eq!(w.value.counts.current, 1);
    }

    #[test]
    fn a_subject_split_over_two_slots() {
        // a race left subject 1 owning slots 1 and 2
        let t = table(4, 3);
        let mut s = MemStore::new();
        let v = |c| SlotValue {
            owner: 1,
            shape: 7,
            counts: Counts { index: 0, current: c, previous: 0 },
        };
        s.set("t/1", &v(3).encode(), None).unwrap();
        s.set("t/2", &v(2).encode(), None).unwrap();
        // reading stops at the first owned slot: the second is not seen
        assert_eq!(read_slots(&s, &t, 1, 7).len(), 1);
        let ReservePlan::Write(w) = reserve(&mut s, &t, &input(1, 1, 5, 0)) else { panic!() };
        assert_eq!((w.key.as_str(), w.used_before), ("t/1", 3));
        // given every probe, the plan adds the subject's slots up
        let all: Vec<SlotRead> =
            t.probe_keys(1).map(|key| SlotRead { found: s.get(&key), key }).collect();
        assert!(matches!(
            plan_reserve(&all, &input(1, 1, 6, 0)),
            ReservePlan::Deny { used: 6, .. }
        ));
        let ReservePlan::Write(w) = plan_reserve(&all, &input(1, 1, 7, 0)) else { panic!() };
        assert_eq!(
            (w.key.as_str(), w.used_before, w.value.counts.current, w.counts_after.current),
            ("t/1", 6, 5, 7)
        );
    }

    #[test]
    fn settlement_plans() {
        let win = Window::fixed_ms(NonZeroU64::new(W).unwrap());
        let v =
            SlotValue { owner: 1, shape: 7, counts: Counts { index: 0, current: 10, previous: 0 } };
        let found = (v.encode(), 42u32);
        assert_eq!(
            plan_settle(Some(&found), 1, 7, &win, 0, Adjust::Down(4)),
            SettlePlan::Write {
                cas: 42,
                value: SlotValue { counts: Counts { current: 6, ..v.counts }, ..v }
            }
        );
        assert_eq!(
            plan_settle(Some(&found), 2, 7, &win, 0, Adjust::Down(4)),
            SettlePlan::Nothing("slot reused since")
        );
        assert_eq!(
            plan_settle(Some(&found), 1, 8, &win, 0, Adjust::Down(4)),
            SettlePlan::Nothing("slot reused since")
        );
        assert_eq!(
            plan_settle(Some(&found), 1, 7, &win, 1, Adjust::Down(4)),
            SettlePlan::Nothing("window rolled over")
        );
        assert_eq!(
            plan_settle(None, 1, 7, &win, 0, Adjust::Down(4)),
            SettlePlan::Nothing("slot missing")
        );
        assert_eq!(
            plan_settle(Some(&(vec![], 1)), 1, 7, &win, 0, Adjust::Down(4)),
            SettlePlan::Nothing("slot unreadable")
        );
        assert_eq!(
            plan_settle(Some(&found), 1, 7, &win, 0, Adjust::Up(0)),
            SettlePlan::Nothing("no change")
        );
    }
}
