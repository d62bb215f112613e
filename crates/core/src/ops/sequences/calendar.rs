//! Time for sequences, in the zone that matters (the contact's or the rep's): waits in calendar or business
//! days that keep the local wall-clock time across DST changes, and the send window. Pure functions.
use chrono::{DateTime, Datelike, Duration, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

use crate::domain::SequenceSettings;
use crate::mail::pacing::Window;

/// `days` later at the same local time in `tz` (so "wait 2 days" from 10:00 is 10:00, whether or not the
/// clocks changed in between). Business days count Monday to Friday only; a weekend start counts from Monday.
pub fn after_days(from: DateTime<Utc>, days: i64, business: bool, tz: Tz) -> DateTime<Utc> {
    let local = from.with_timezone(&tz).naive_local();
    let mut date = local.date();
    if business {
        let mut left = days.max(0);
        while left > 0 {
            date = date.succ_opt().unwrap_or(date);
            if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
                left -= 1;
            }
        }
    } else {
        date += Duration::days(days.max(0));
    }
    resolve(tz, date.and_time(local.time()))
}

/// A local time as an instant: a time skipped by a DST jump moves forward to the first that exists, a
/// repeated one takes the earlier.
fn resolve(tz: Tz, naive: NaiveDateTime) -> DateTime<Utc> {
    let mut t = naive;
    for _ in 0..8 {
        if let Some(at) = tz.from_local_datetime(&t).earliest() {
            return at.with_timezone(&Utc);
        }
        t += Duration::minutes(30);
    }
    Utc.from_utc_datetime(&naive)
}

/// The sequence's send window read in `tz`.
pub fn window(settings: &SequenceSettings, tz: Tz) -> Window {
    let mut days = [false; 7];
    for d in &settings.send_days {
        if (1..=7).contains(d) {
            days[usize::from(*d) - 1] = true;
        }
    }
    if days.iter().all(|d| !d) {
        days = [true; 7];
    }
    Window {
        days,
        start: parse_time(settings.send_start.as_deref()),
        end: parse_time(settings.send_end.as_deref()),
        tz,
    }
}

pub fn parse_time(s: Option<&str>) -> Option<NaiveTime> {
    s.and_then(|s| NaiveTime::parse_from_str(s.trim(), "%H:%M").ok())
}

pub fn parse_zone(s: Option<&str>) -> Option<Tz> {
    s.map(str::trim).filter(|s| !s.is_empty()).and_then(|s| s.parse::<Tz>().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_wait_across_the_spring_change_keeps_the_local_time() {
        let ny = chrono_tz::America::New_York;
        // Saturday 2024-03-09 10:00 EST = 15:00 UTC; clocks jump on Sunday; Monday 10:00 EDT = 14:00 UTC.
        assert_eq!(after_days(at("2024-03-09T15:00:00Z"), 2, false, ny), at("2024-03-11T14:00:00Z"));
        // Autumn: Saturday 2024-11-02 10:00 EDT = 14:00 UTC → Monday 10:00 EST = 15:00 UTC.
        assert_eq!(after_days(at("2024-11-02T14:00:00Z"), 2, false, ny), at("2024-11-04T15:00:00Z"));
    }

    #[test]
    fn business_days_skip_the_weekend() {
        let utc = chrono_tz::UTC;
        // Friday + 1 business day = Monday; Thursday + 3 = Tuesday; Saturday + 1 = Monday.
        assert_eq!(after_days(at("2024-05-17T09:00:00Z"), 1, true, utc), at("2024-05-20T09:00:00Z"));
        assert_eq!(after_days(at("2024-05-16T09:00:00Z"), 3, true, utc), at("2024-05-21T09:00:00Z"));
        assert_eq!(after_days(at("2024-05-18T09:00:00Z"), 1, true, utc), at("2024-05-20T09:00:00Z"));
        assert_eq!(after_days(at("2024-05-18T09:00:00Z"), 1, false, utc), at("2024-05-19T09:00:00Z"));
    }

    #[test]
    fn a_local_time_that_does_not_exist_moves_forward() {
        let berlin = chrono_tz::Europe::Berlin;
        // 02:30 on 2024-03-31 does not exist in Berlin (02:00 → 03:00 CEST).
        let from = berlin.with_ymd_and_hms(2024, 3, 30, 2, 30, 0).unwrap().with_timezone(&Utc);
        assert_eq!(after_days(from, 1, false, berlin), at("2024-03-31T01:00:00Z"));
    }
}
