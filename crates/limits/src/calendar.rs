//! UTC calendar arithmetic from unix milliseconds, for `day` and `month`
//! budget periods.
//!
//! Unix time has no leap seconds (every day is 86 400 000 ms), so a UTC day is
//! an epoch-aligned multiple of a day and a month starts at the first
//! millisecond of its first day. The conversions between a day count and a
//! proleptic Gregorian date are Howard Hinnant's `civil_from_days` /
//! `days_from_civil` algorithms, restricted to dates from 1970 on (the library
//! only sees `now` as an unsigned millisecond count) and written with checked
//! arithmetic: they return `None` only for times beyond any real clock.

/// Milliseconds in a UTC day.
pub const DAY_MS: u64 = 86_400_000;

/// Days in a 400-year Gregorian era.
const DAYS_PER_ERA: u64 = 146_097;
/// Days from 0000-03-01 (the algorithm's epoch) to 1970-01-01.
const EPOCH_SHIFT: u64 = 719_468;

/// A calendar date: `year`, `month` 1-12, `day` 1-31.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: u64,
    pub month: u32,
    pub day: u32,
}

/// The date of a day counted from 1970-01-01 (day 0).
pub fn civil_from_days(days: u64) -> Option<Date> {
    let z = days.checked_add(EPOCH_SHIFT)?;
    let era = z / DAYS_PER_ERA;
    let doe = z % DAYS_PER_ERA; // [0, 146096]
                                // year of era [0, 399]
    let yoe =
        doe.checked_sub(doe / 1460)?.checked_add(doe / 36524)?.checked_sub(doe / 146_096)? / 365;
    let year_march_based = era.checked_mul(400)?.checked_add(yoe)?;
    let doy =
        doe.checked_sub(yoe.checked_mul(365)?.checked_add(yoe / 4)?.checked_sub(yoe / 100)?)?; // [0, 365]
    let mp = doy.checked_mul(5)?.checked_add(2)? / 153; // [0, 11], March = 0
    let day = doy.checked_sub(mp.checked_mul(153)?.checked_add(2)? / 5)?.checked_add(1)?;
    let month = if mp < 10 { mp.checked_add(3)? } else { mp.checked_sub(9)? };
    let year = if month <= 2 { year_march_based.checked_add(1)? } else { year_march_based };
    Some(Date { year, month: u32::try_from(month).ok()?, day: u32::try_from(day).ok()? })
}

/// The day count (from 1970-01-01) of a date; `None` before 1970 or for an
/// impossible month (day overflow is not checked: callers pass day 1).
pub fn days_from_civil(year: u64, month: u32, day: u32) -> Option<u64> {
    if !(1..=12).contains(&month) || day == 0 {
        return None;
    }
    let month = u64::from(month);
    let y = if month <= 2 { year.checked_sub(1)? } else { year };
    let era = y / 400;
    let yoe = y % 400;
    let mp = if month > 2 { month.checked_sub(3)? } else { month.checked_add(9)? };
    let doy =
        (mp.checked_mul(153)?.checked_add(2)? / 5).checked_add(u64::from(day).checked_sub(1)?)?;
    let doe =
        yoe.checked_mul(365)?.checked_add(yoe / 4)?.checked_sub(yoe / 100)?.checked_add(doy)?;
    era.checked_mul(DAYS_PER_ERA)?.checked_add(doe)?.checked_sub(EPOCH_SHIFT)
}

/// The index of the UTC calendar month holding `ms`: `year * 12 + month - 1`.
pub fn month_index(ms: u64) -> Option<u64> {
    let d = civil_from_days(ms / DAY_MS)?;
    d.year.checked_mul(12)?.checked_add(u64::from(d.month).checked_sub(1)?)
}

/// The first millisecond of the month with this index.
pub fn month_start_ms(index: u64) -> Option<u64> {
    let year = index / 12;
    let month = u32::try_from(index % 12).ok()?.checked_add(1)?;
    days_from_civil(year, month, 1)?.checked_mul(DAY_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(y: u64, m: u32, d: u32) -> u64 {
        days_from_civil(y, m, d).unwrap() * DAY_MS
    }

    #[test]
    fn epoch_and_known_dates() {
        assert_eq!(civil_from_days(0), Some(Date { year: 1970, month: 1, day: 1 }));
        assert_eq!(days_from_civil(1970, 1, 1), Some(0));
        // 2000-03-01 is day 11017; 2024-02-29 is day 19782
        assert_eq!(days_from_civil(2000, 3, 1), Some(11_017));
        assert_eq!(civil_from_days(19_782), Some(Date { year: 2024, month: 2, day: 29 }));
        // 1_700_000_000_000 ms = 2023-11-14T22:13:20Z
        assert_eq!(
            civil_from_days(1_700_000_000_000 / DAY_MS),
            Some(Date { year: 2023, month: 11, day: 14 })
        );
        assert_eq!(days_from_civil(1969, 12, 31), None);
        assert_eq!(days_from_civil(2024, 13, 1), None);
        assert_eq!(days_from_civil(2024, 0, 1), None);
    }

    #[test]
    fn round_trips_every_day_for_five_centuries() {
        // 1970..~2470 covers 1972/2000/2400 leap years and 2100/2200/2300 non-leap ones.
        let mut prev: Option<Date> = None;
        for days in 0..183_000u64 {
            let d = civil_from_days(days).unwrap();
            assert_eq!(days_from_civil(d.year, d.month, d.day), Some(days), "{d:?}");
            if let Some(p) = prev {
                let next_day = d.day == p.day + 1 && d.month == p.month && d.year == p.year;
                let next_month = d.day == 1 && d.month == p.month + 1 && d.year == p.year;
                let next_year = d.day == 1 && d.month == 1 && p.month == 12 && d.year == p.year + 1;
                assert!(next_day || next_month || next_year, "{p:?} -> {d:?}");
            }
            prev = Some(d);
        }
    }

    #[test]
    fn month_lengths_and_leap_years() {
        let len = |y: u64, m: u32| {
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            days_from_civil(ny, nm, 1).unwrap() - days_from_civil(y, m, 1).unwrap()
        };
        assert_eq!(len(2024, 2), 29);
        assert_eq!(len(2023, 2), 28);
        assert_eq!(len(2000, 2), 29); // divisible by 400
        assert_eq!(len(2100, 2), 28); // divisible by 100 only
        assert_eq!(len(2400, 2), 29);
        assert_eq!(len(2025, 1), 31);
        assert_eq!(len(2025, 4), 30);
        assert_eq!(len(2025, 12), 31);
    }

    #[test]
    fn month_index_at_month_edges() {
        // last millisecond of January 2024 and first of February
        let feb1 = ms(2024, 2, 1);
        assert_eq!(month_index(feb1 - 1), Some(2024 * 12));
        assert_eq!(month_index(feb1), Some(2024 * 12 + 1));
        // leap day and the turn to March
        let mar1 = ms(2024, 3, 1);
        assert_eq!(month_index(mar1 - 1), Some(2024 * 12 + 1));
        assert_eq!(month_index(mar1), Some(2024 * 12 + 2));
        // new year
        let jan1 = ms(2025, 1, 1);
        assert_eq!(month_index(jan1 - 1), Some(2024 * 12 + 11));
        assert_eq!(month_index(jan1), Some(2025 * 12));
        assert_eq!(month_start_ms(2025 * 12), Some(jan1));
        assert_eq!(month_start_ms(2024 * 12 + 1), Some(feb1));
        assert_eq!(month_start_ms(2024 * 12 + 2), Some(mar1));
        assert_eq!(month_index(0), Some(1970 * 12));
        assert_eq!(month_start_ms(1970 * 12), Some(0));
        assert_eq!(month_start_ms(1969 * 12 + 11), None);
    }

    #[test]
    fn extreme_times_do_not_panic() {
        let _ = civil_from_days(u64::MAX);
        let _ = civil_from_days(u64::MAX / DAY_MS);
        let _ = month_index(u64::MAX);
        let _ = month_start_ms(u64::MAX);
        let _ = days_from_civil(u64::MAX, 12, 31);
    }
}
