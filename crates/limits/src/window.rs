//! Window arithmetic: which window `now` falls in, how a stored counter rolls
//! over, how much of the quota is in use, and how long a denied request waits.
//!
//! # Windows
//! * `fixed`: epoch-aligned windows of the configured length (`[k*w, (k+1)*w)`
//!   in unix milliseconds). The counter resets at each boundary. As with any
//!   fixed window, a client can use the quota at the end of one window and
//!   again at the start of the next: up to 2x the limit in a short burst.
//! * `sliding`: the two-window weighted approximation. The counter keeps the
//!   count of the current aligned window and of the one before; the quota in
//!   use at time `now`, `elapsed` into the current window, is
//!   `current + ceil(previous * (w - elapsed) / w)`: the previous window's
//!   count is assumed spread evenly over it, and the part of it that still lies
//!   inside the sliding window `(now - w, now]` is counted.
//!
//!   Accuracy: exact when the previous window's traffic was uniform; it
//!   over-counts when that traffic was early in the window and under-counts
//!   when it was late. It never admits more than the limit in the current
//!   aligned window (the current count alone is checked against it), so the
//!   worst case over any interval of length `w` is below 2x the limit (all of
//!   the previous window's quota used in its last instant, then a fraction of
//!   the limit admitted again); typical errors are a few percent of the limit.
//!   The rounding is upwards (conservative).
//! * calendar `month` (budgets): windows from the first millisecond of a UTC
//!   month to the first of the next. A UTC `day` is a fixed window of 86 400 000 ms.
//!
//! # Clock edges
//! Each Envoy worker passes its own `now`; the counter stores the index of the
//! window it was last written in, and a window never goes backwards:
//! * a counter one window ahead of `now` (another worker's clock is a little
//!   ahead, or ours went back a little across a boundary) is used as it is: the
//!   request is counted in that later window, and the reset time is that
//!   window's end;
//! * a counter more than one window ahead is taken for a wild clock (a worker
//!   set years ahead would otherwise lock the subject out until then) and is
//!   restarted at `now`'s window: that subject's counts are forgotten once;
//! * a counter one window behind rolls over (its current count becomes the
//!   previous one); further behind (a large jump forward, or an idle subject),
//!   it restarts at zero.

use std::num::{NonZeroU128, NonZeroU64};

use serde::{Deserialize, Serialize};

use crate::calendar;

/// How windows are cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Period {
    /// Epoch-aligned windows of this many milliseconds (a UTC day is 86 400 000).
    Millis(NonZeroU64),
    /// UTC calendar months.
    Month,
}

/// A window: its period and whether the count slides over two windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub period: Period,
    pub sliding: bool,
}

/// A counter's state: the window it was last written in and the counts of that
/// window and of the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counts {
    pub index: u64,
    pub current: u64,
    pub previous: u64,
}

/// A change to a counter at settlement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Adjust {
    Up(u64),
    Down(u64),
}

impl Adjust {
    /// The adjustment that turns `reserved` into `actual`.
    pub fn between(reserved: u64, actual: u64) -> Adjust {
        if actual >= reserved {
            Adjust::Up(actual.saturating_sub(reserved))
        } else {
            Adjust::Down(reserved.saturating_sub(actual))
        }
    }

    pub fn is_zero(self) -> bool {
        matches!(self, Adjust::Up(0) | Adjust::Down(0))
    }

    /// Applies the change; never below zero, saturating at the top.
    pub fn apply(self, value: u64) -> u64 {
        match self {
            Adjust::Up(n) => value.saturating_add(n),
            Adjust::Down(n) => value.saturating_sub(n),
        }
    }
}

/// `ceil(a * b / c)` without overflow (`c` non-zero); saturates at `u64::MAX`.
pub(crate) fn mul_div_ceil(a: u64, b: u64, c: NonZeroU64) -> u64 {
    let product = u128::from(a).saturating_mul(u128::from(b));
    let c = NonZeroU128::from(c);
    let q = product / c;
    let q = if product % c == 0 { q } else { q.saturating_add(1) };
    u64::try_from(q).unwrap_or(u64::MAX)
}

/// `floor(a * b / c)` without overflow (`c` non-zero); saturates at `u64::MAX`.
pub(crate) fn mul_div_floor(a: u64, b: u64, c: NonZeroU64) -> u64 {
    let product = u128::from(a).saturating_mul(u128::from(b));
    u64::try_from(product / NonZeroU128::from(c)).unwrap_or(u64::MAX)
}

impl Window {
    pub fn fixed_ms(ms: NonZeroU64) -> Window {
        Window { period: Period::Millis(ms), sliding: false }
    }

    pub fn sliding_ms(ms: NonZeroU64) -> Window {
        Window { period: Period::Millis(ms), sliding: true }
    }

    pub fn month() -> Window {
        Window { period: Period::Month, sliding: false }
    }

    /// The index of the window holding `now`.
    pub fn index(&self, now: u64) -> u64 {
        match self.period {
            Period::Millis(w) => now / w,
            Period::Month => calendar::month_index(now).unwrap_or(u64::MAX),
        }
    }

    /// First millisecond of window `index`.
    pub fn start(&self, index: u64) -> u64 {
        match self.period {
            Period::Millis(w) => index.saturating_mul(w.get()),
            Period::Month => calendar::month_start_ms(index).unwrap_or(u64::MAX),
        }
    }

    /// First millisecond after window `index`.
    pub fn end(&self, index: u64) -> u64 {
        self.start(index.saturating_add(1))
    }

    /// The length of window `index` (at least 1 ms).
    pub fn length(&self, index: u64) -> NonZeroU64 {
        let len = self.end(index).saturating_sub(self.start(index));
        NonZeroU64::new(len).unwrap_or(NonZeroU64::MIN)
    }

    /// The nominal length in whole seconds, for `RateLimit-Policy`'s `w`
    /// (a month is reported as the length of the month holding `now`).
    pub fn seconds(&self, now: u64) -> u64 {
        self.length(self.index(now)).get().div_ceil(1000)
    }

    /// Brings a stored counter to `now` (see the module doc for clock edges).
    pub fn roll(&self, stored: Option<Counts>, now: u64) -> Counts {
        let n = self.index(now);
        let fresh = Counts { index: n, current: 0, previous: 0 };
        let Some(c) = stored else { return fresh };
        if c.index == n || c.index == n.saturating_add(1) {
            c
        } else if c.index > n {
            fresh
        } else if c.index.saturating_add(1) == n {
            Counts { index: n, current: 0, previous: c.current }
        } else {
            fresh
        }
    }

    /// Where `now` is within the counter's window: (milliseconds until that
    /// window starts when it is ahead of `now`, elapsed milliseconds in it).
    fn position(&self, c: &Counts, now: u64) -> (u64, u64) {
        let start = self.start(c.index);
        let lead = start.saturating_sub(now);
        let elapsed = now.saturating_sub(start).min(self.length(c.index).get());
        (lead, elapsed)
    }

    /// The quota in use at `now` by a rolled counter (see the module doc).
    pub fn used(&self, c: &Counts, now: u64) -> u64 {
        if !self.sliding || c.previous == 0 {
            return c.current;
        }
        let len = self.length(c.index);
        let (_, elapsed) = self.position(c, now);
        let weight = len.get().saturating_sub(elapsed);
        c.current.saturating_add(mul_div_ceil(c.previous, weight, len))
    }

    /// Whether `amount` more fits under `limit` now.
    pub fn fits(&self, c: &Counts, now: u64, amount: u64, limit: u64) -> bool {
        self.used(c, now).checked_add(amount).is_some_and(|total| total <= limit)
    }

    /// Milliseconds until the counter's window ends (the `t` of the RateLimit header).
    pub fn reset_ms(&self, c: &Counts, now: u64) -> u64 {
        self.end(c.index).saturating_sub(now)
    }

    /// The shortest wait after which `amount` fits under `limit`, assuming no
    /// other traffic: `Some(0)` if it fits now, `None` if it never fits (the
    /// amount alone is over the limit).
    pub fn retry_after(&self, c: &Counts, now: u64, amount: u64, limit: u64) -> Option<u64> {
        if amount > limit {
            return None;
        }
        if self.fits(c, now, amount, limit) {
            return Some(0);
        }
        let (lead, elapsed) = self.position(c, now);
        let len = self.length(c.index);
        if !self.sliding {
            // the next window starts empty
            return Some(self.reset_ms(c, now));
        }
        let room_now = limit.saturating_sub(amount);
        let wait = if let Some(room) = room_now.checked_sub(c.current) {
            // Fits in this window once enough of `previous` has slid out:
            // ceil(previous * (len - e) / len) <= room  <=>  e >= len - floor(room * len / previous).
            let Some(prev) = NonZeroU64::new(c.previous) else { return Some(0) };
            let from = len.get().saturating_sub(mul_div_floor(room, len.get(), prev));
            lead.saturating_add(from.saturating_sub(elapsed))
        } else {
            // Not in this window: in the next, `current` becomes `previous`.
            let Some(cur) = NonZeroU64::new(c.current) else { return Some(0) };
            let from = len.get().saturating_sub(mul_div_floor(room_now, len.get(), cur));
            lead.saturating_add(len.get().saturating_sub(elapsed)).saturating_add(from)
        };
        Some(wait)
    }

    /// Whether a stored counter holds nothing that still counts at `now` (its
    /// slot may be given to another subject).
    pub fn is_idle(&self, stored: &Counts, now: u64) -> bool {
        let c = self.roll(Some(*stored), now);
        self.used(&c, now) == 0
    }

    /// Applies a settlement to a stored counter for a reservation made in
    /// window `reserved_index`: to `current` if the counter is still in that
    /// window; to `previous` if a sliding counter has rolled over exactly once
    /// (so the sliding estimate uses the real usage); otherwise `None` (a fixed
    /// window that has rolled over, or a counter restarted since: the old
    /// window no longer counts and the new one is not touched).
    pub fn settle(&self, stored: Counts, reserved_index: u64, adjust: Adjust) -> Option<Counts> {
        if stored.index == reserved_index {
            Some(Counts { current: adjust.apply(stored.current), ..stored })
        } else if self.sliding && stored.index == reserved_index.checked_add(1)? {
            Some(Counts { previous: adjust.apply(stored.previous), ..stored })
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: u64 = 60_000;

    fn nz(n: u64) -> NonZeroU64 {
        NonZeroU64::new(n).unwrap()
    }

    fn fixed() -> Window {
        Window::fixed_ms(nz(MIN))
    }

    fn sliding() -> Window {
        Window::sliding_ms(nz(MIN))
    }

    #[test]
    fn fixed_window_boundaries() {
        let w = fixed();
        assert_eq!(w.index(0), 0);
        assert_eq!(w.index(MIN - 1), 0);
        assert_eq!(w.index(MIN), 1);
        assert_eq!(w.start(1), MIN);
        assert_eq!(w.end(1), 2 * MIN);
        // a counter written in window 0 is fresh exactly at the boundary
        let c = Counts { index: 0, current: 7, previous: 0 };
        assert_eq!(w.roll(Some(c), MIN - 1), c);
        assert_eq!(w.roll(Some(c), MIN), Counts { index: 1, current: 0, previous: 7 });
        assert_eq!(w.used(&w.roll(Some(c), MIN), MIN), 0);
        assert_eq!(w.reset_ms(&c, MIN - 1), 1);
        assert_eq!(w.reset_ms(&c, 0), MIN);
    }

    #[test]
    fn clock_going_back_a_little_keeps_the_later_window() {
        let w = fixed();
        // written by a worker at 60_000 (window 1), read by one at 59_990
        let c = Counts { index: 1, current: 5, previous: 0 };
        let rolled = w.roll(Some(c), MIN - 10);
        assert_eq!(rolled, c);
        assert_eq!(w.used(&rolled, MIN - 10), 5);
        assert_eq!(w.reset_ms(&rolled, MIN - 10), MIN + 10);
        // denied: wait until the end of that later window
        assert_eq!(w.retry_after(&Counts { current: 10, ..c }, MIN - 10, 1, 10), Some(MIN + 10));
        // the same for a sliding window: the lead is added to the wait
        let s = sliding();
        let c = Counts { index: 1, current: 10, previous: 0 };
        assert_eq!(s.used(&c, MIN - 10), 10);
        assert_eq!(s.retry_after(&c, MIN - 10, 1, 10), Some(10 + MIN + MIN / 10));
    }

    #[test]
    fn large_jumps_restart_the_counter() {
        let w = sliding();
        let c = Counts { index: 100, current: 5, previous: 3 };
        // far in the past relative to now (large forward jump or idle subject)
        assert_eq!(w.roll(Some(c), 1_000 * MIN), Counts { index: 1_000, current: 0, previous: 0 });
        // a counter written by a wild clock far ahead
        assert_eq!(w.roll(Some(c), 10 * MIN), Counts { index: 10, current: 0, previous: 0 });
        // exactly one window later: rolls over
        assert_eq!(w.roll(Some(c), 101 * MIN), Counts { index: 101, current: 0, previous: 5 });
        assert_eq!(w.roll(None, 3 * MIN + 1), Counts { index: 3, current: 0, previous: 0 });
        // extreme values do not panic
        let _ = w.roll(Some(Counts { index: u64::MAX, current: u64::MAX, previous: u64::MAX }), 0);
        let _ = w.roll(Some(c), u64::MAX);
        let e = Counts { index: u64::MAX, current: u64::MAX, previous: u64::MAX };
        let _ = w.used(&e, u64::MAX);
        let _ = w.retry_after(&e, u64::MAX, 1, u64::MAX - 1);
        let _ = w.retry_after(&e, 0, 0, 0);
        let _ = Window::month().retry_after(&e, u64::MAX, 1, 2);
        let _ = Window::month().used(&e, u64::MAX);
        let _ = Window::month().seconds(u64::MAX);
    }

    #[test]
    fn sliding_weights_the_previous_window() {
        let w = sliding();
        let c = Counts { index: 1, current: 10, previous: 60 };
        // at the window's start the whole previous window counts
        assert_eq!(w.used(&c, MIN), 70);
        // a third in: two thirds of previous
        assert_eq!(w.used(&c, MIN + MIN / 3), 50);
        // half way
        assert_eq!(w.used(&c, MIN + MIN / 2), 40);
        // last millisecond: ceil(60 * 1 / 60000) = 1
        assert_eq!(w.used(&c, 2 * MIN - 1), 11);
        // rounding is upwards
        let c = Counts { index: 1, current: 0, previous: 1 };
        assert_eq!(w.used(&c, 2 * MIN - 1), 1);
        // fixed windows ignore `previous`
        assert_eq!(fixed().used(&Counts { index: 1, current: 10, previous: 60 }, MIN), 10);
    }

    /// Checks `retry_after` against brute force: the wait is the first
    /// millisecond at which the request fits.
    #[test]
    fn retry_after_is_the_first_moment_it_fits() {
        let len = 1_000u64;
        for window in [Window::sliding_ms(nz(len)), Window::fixed_ms(nz(len))] {
            for (current, previous, amount, limit) in [
                (5, 10, 1, 10),
                (10, 10, 1, 10),
                (9, 3, 1, 10),
                (0, 10, 10, 10),
                (3, 7, 4, 10),
                (10, 0, 5, 10),
                (7, 1000, 3, 10),
                (1, 1, 1, 1),
            ] {
                for offset in [0u64, 1, 250, 500, 999] {
                    let now = 5 * len + offset;
                    let c = Counts { index: 5, current, previous };
                    let fits_at = |t: u64| {
                        let r = window.roll(Some(c), t);
                        window.fits(&r, t, amount, limit)
                    };
                    let expected = (0..5 * len).find(|&d| fits_at(now + d));
                    let got = window.retry_after(&c, now, amount, limit);
                    assert_eq!(
                        got, expected,
                        "{window:?} {c:?} amount={amount} limit={limit} now={now}"
                    );
                }
            }
        }
        // an amount above the limit never fits
        assert_eq!(sliding().retry_after(&Counts::default(), 0, 11, 10), None);
    }

    #[test]
    fn settlement_hits_the_reserved_window() {
        let w = sliding();
        let c = Counts { index: 4, current: 100, previous: 0 };
        assert_eq!(w.settle(c, 4, Adjust::Down(30)), Some(Counts { current: 70, ..c }));
        assert_eq!(w.settle(c, 4, Adjust::Up(30)), Some(Counts { current: 130, ..c }));
        // never negative
        assert_eq!(w.settle(c, 4, Adjust::Down(1_000)), Some(Counts { current: 0, ..c }));
        // rolled over once: the reservation is now in `previous`
        let rolled = Counts { index: 5, current: 3, previous: 100 };
        assert_eq!(w.settle(rolled, 4, Adjust::Down(40)), Some(Counts { previous: 60, ..rolled }));
        // fixed windows: the old window no longer counts, nothing to do
        assert_eq!(fixed().settle(rolled, 4, Adjust::Down(40)), None);
        // rolled twice, or restarted: nothing to do
        assert_eq!(w.settle(Counts { index: 6, ..rolled }, 4, Adjust::Down(40)), None);
        assert_eq!(w.settle(Counts { index: 3, ..rolled }, 4, Adjust::Down(40)), None);
        assert_eq!(Adjust::between(10, 4), Adjust::Down(6));
        assert_eq!(Adjust::between(4, 10), Adjust::Up(6));
        assert!(Adjust::between(4, 4).is_zero());
    }

    #[test]
    fn idle_counters() {
        let w = sliding();
        let c = Counts { index: 1, current: 1, previous: 0 };
        assert!(!w.is_idle(&c, MIN));
        // next window: the count still weighs in the sliding estimate
        assert!(!w.is_idle(&c, 2 * MIN));
        assert!(!w.is_idle(&c, 3 * MIN - 1));
        assert!(w.is_idle(&c, 3 * MIN));
        // fixed: idle as soon as the window ends
        assert!(!fixed().is_idle(&c, 2 * MIN - 1));
        assert!(fixed().is_idle(&c, 2 * MIN));
        assert!(w.is_idle(&Counts { index: 1, current: 0, previous: 0 }, MIN));
    }

    #[test]
    fn months_and_days() {
        let m = Window::month();
        let feb1_2024 = calendar::days_from_civil(2024, 2, 1).unwrap() * calendar::DAY_MS;
        let mar1_2024 = calendar::days_from_civil(2024, 3, 1).unwrap() * calendar::DAY_MS;
        let i = m.index(feb1_2024);
        assert_eq!(m.start(i), feb1_2024);
        assert_eq!(m.end(i), mar1_2024);
        assert_eq!(m.length(i).get(), 29 * calendar::DAY_MS);
        assert_eq!(m.index(mar1_2024 - 1), i);
        assert_eq!(m.reset_ms(&Counts { index: i, ..Counts::default() }, mar1_2024 - 1), 1);
        assert_eq!(m.seconds(feb1_2024), 29 * 86_400);
        let d = Window::fixed_ms(nz(calendar::DAY_MS));
        assert_eq!(d.index(mar1_2024) - d.index(feb1_2024), 29);
        assert_eq!(d.start(d.index(mar1_2024 + 5)), mar1_2024);
    }
}
