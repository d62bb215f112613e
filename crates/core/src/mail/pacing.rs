//! When may the next message go? Daily limit, minimum spacing with jitter, send window in a time zone, and
//! the retry backoff. Pure functions: the caller passes "now" (an injected clock) and the jitter, so the
//! worker, the outbox list ("goes at 09:00 tomorrow") and the tests all compute the same answer.
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::domain::{Mailbox, SendWindow};

/// Hours of the week when mail may leave, in the mailbox's own zone.
#[derive(Debug, Clone, PartialEq)]
pub struct Window {
    /// Allowed ISO weekdays (index 0 = Monday). All false is treated as every day.
    pub days: [bool; 7],
    /// Inclusive start; `None` with `end` `None` means all day.
    pub start: Option<NaiveTime>,
    /// Exclusive end. An end at or before the start means the window runs past midnight.
    pub end: Option<NaiveTime>,
    pub tz: Tz,
}

/// A mailbox's pacing rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    /// Messages per local day; `None` is no limit.
    pub daily_limit: Option<u32>,
    /// The least time between two messages; jitter adds up to half again on top.
    pub min_spacing: Duration,
    pub window: Window,
}

/// What has already gone out, as far as pacing cares.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct History {
    /// Messages sent (or being sent) since the start of the local day of `now`.
    pub sent_today: u32,
    pub last_sent_at: Option<DateTime<Utc>>,
}

/// One queued message, in queue order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pending {
    /// Not before this (a retry's backoff or a scheduled send).
    pub not_before: DateTime<Utc>,
    /// In `[0, 1)`: how much of the spacing jitter this message gets. Derived from the message so the
    /// projection and the worker agree, and a restart does not reshuffle the schedule.
    pub jitter: f64,
}

impl Rules {
    /// No limit, no spacing, any time (what the benchmark and most tests use).
    pub fn unlimited() -> Rules {
        Rules { daily_limit: None, min_spacing: Duration::zero(), window: Window::always(Tz::UTC) }
    }

    /// The mailbox's settings; an unknown time zone falls back to UTC (the settings form validates it), a
    /// missing one to the computer's own.
    pub fn for_mailbox(m: &Mailbox) -> Rules {
        Rules {
            daily_limit: u32::try_from(m.daily_limit).ok().filter(|n| *n > 0),
            min_spacing: Duration::seconds(m.min_spacing_secs.max(0)),
            window: Window::from_setting(&m.send_window),
        }
    }
}

impl Window {
    pub fn always(tz: Tz) -> Window {
        Window { days: [true; 7], start: None, end: None, tz }
    }

    pub fn from_setting(w: &SendWindow) -> Window {
        let mut days = [false; 7];
        for d in &w.days {
            if (1..=7).contains(d) {
                days[usize::from(*d) - 1] = true;
            }
        }
        if days.iter().all(|d| !d) {
            days = [true; 7];
        }
        let time = |s: &Option<String>| s.as_deref().and_then(|s| NaiveTime::parse_from_str(s.trim(), "%H:%M").ok());
        let tz = w.timezone.as_deref().map(parse_zone).unwrap_or_else(local_zone);
        Window { days, start: time(&w.start), end: time(&w.end), tz }
    }

    /// The first instant at or after `t` inside the window (`t` itself when it is inside). Looks at most
    /// eight days ahead, which always finds an open day.
    pub fn next_open(&self, t: DateTime<Utc>) -> DateTime<Utc> {
        let (start, end) = match (self.start, self.end) {
            // Always open: the common case, and the drain's hot path.
            (None, None) if self.days.iter().all(|d| *d) => return t,
            (None, None) => (NaiveTime::MIN, None),
            (s, e) => (s.unwrap_or(NaiveTime::MIN), e),
        };
        let local = t.with_timezone(&self.tz).date_naive();
        // Start a day early: an overnight window opened yesterday may still be open.
        for offset in -1..=8 {
            let day = local + Duration::days(offset);
            if !self.days[day.weekday().num_days_from_monday() as usize] {
                continue;
            }
            let open = self.instant(day, start);
            let close = match end {
                None => self.instant(day + Duration::days(1), NaiveTime::MIN),
                Some(e) if e > start => self.instant(day, e),
                Some(e) => self.instant(day + Duration::days(1), e),
            };
            if t < close && open < close {
                return t.max(open);
            }
        }
        t
    }

    /// The local calendar day `t` falls on.
    pub fn local_day(&self, t: DateTime<Utc>) -> NaiveDate {
        t.with_timezone(&self.tz).date_naive()
    }

    /// The local day `t` falls on, as the instants it starts and ends (exclusive): the span a daily limit
    /// counts.
    pub fn day_of(&self, t: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
        let day = self.local_day(t);
        (self.day_start(day), self.day_start(day + Duration::days(1)))
    }

    /// Local midnight starting `day`, in UTC.
    pub fn day_start(&self, day: NaiveDate) -> DateTime<Utc> {
        self.instant(day, NaiveTime::MIN)
    }

    /// A local wall-clock time as an instant. A time skipped by a DST jump moves forward to the first
    /// time that exists; a repeated one takes the earlier.
    fn instant(&self, day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
        let mut naive = day.and_time(time);
        for _ in 0..4 {
            if let Some(t) = self.tz.from_local_datetime(&naive).earliest() {
                return t.with_timezone(&Utc);
            }
            naive += Duration::minutes(30);
        }
        Utc.from_utc_datetime(&naive)
    }
}

/// The spacing a message waits after the previous one: the minimum plus up to half of it again.
pub fn spacing(min: Duration, jitter: f64) -> Duration {
    let extra = (min.num_milliseconds() as f64 * 0.5 * jitter.clamp(0.0, 1.0)) as i64;
    min + Duration::milliseconds(extra)
}

/// When each pending message (in queue order) would go, given what was sent already. The first entry is
/// what the worker acts on; the rest is the projection the outbox shows.
pub fn schedule(rules: &Rules, history: History, now: DateTime<Utc>, pending: &[Pending]) -> Vec<DateTime<Utc>> {
    let window = &rules.window;
    let mut day = window.local_day(now);
    let mut count = history.sent_today;
    let mut last = history.last_sent_at;
    let mut out = Vec::with_capacity(pending.len());
    for p in pending {
        let mut t = now.max(p.not_before);
        if let Some(last) = last {
            t = t.max(last + spacing(rules.min_spacing, p.jitter));
        }
        // Each turn moves `t` forward, to the window's opening or the next day; a week bounds it.
        for _ in 0..32 {
            t = window.next_open(t);
            let d = window.local_day(t);
            if d > day {
                day = d;
                count = 0;
            }
            match rules.daily_limit {
                Some(limit) if count >= limit => t = window.day_start(day + Duration::days(1)),
                _ => break,
            }
        }
        count += 1;
        last = Some(t);
        out.push(t);
    }
    out
}

/// Retry delay after the `attempt`-th failed try (1-based): doubling from `base`, capped, with "equal
/// jitter" (half fixed, half random) so a fleet of failed messages does not retry in lockstep.
pub fn backoff(attempt: u32, base: Duration, cap: Duration, jitter: f64) -> Duration {
    let exp = base.num_milliseconds().saturating_mul(1i64 << attempt.saturating_sub(1).min(30));
    let full = exp.min(cap.num_milliseconds()).max(0);
    let half = full / 2;
    Duration::milliseconds(half + (half as f64 * jitter.clamp(0.0, 1.0)) as i64)
}

/// A stable value in `[0, 1)` from a message's id, for its spacing jitter.
pub fn jitter_for(id: i64) -> f64 {
    // SplitMix64: cheap and well spread.
    let mut z = (id as u64).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

fn parse_zone(name: &str) -> Tz {
    name.trim().parse::<Tz>().unwrap_or(Tz::UTC)
}

/// The computer's own zone (UTC when it cannot be told).
pub fn local_zone() -> Tz {
    iana_time_zone::get_timezone().ok().and_then(|n| n.parse::<Tz>().ok()).unwrap_or(Tz::UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn office(tz: Tz) -> Window {
        Window {
            days: [true, true, true, true, true, false, false],
            start: NaiveTime::from_hms_opt(9, 0, 0),
            end: NaiveTime::from_hms_opt(17, 0, 0),
            tz,
        }
    }

    fn queue(n: usize, not_before: DateTime<Utc>) -> Vec<Pending> {
        (0..n).map(|_| Pending { not_before, jitter: 0.0 }).collect()
    }

    #[test]
    fn inside_the_window_is_now_and_outside_waits_for_the_next_opening_in_its_zone() {
        let w = office(chrono_tz::Europe::Berlin);
        // Wednesday 2024-05-15 10:00 UTC = 12:00 in Berlin (CEST): open.
        assert_eq!(w.next_open(at("2024-05-15T10:00:00Z")), at("2024-05-15T10:00:00Z"));
        // 16:30 UTC = 18:30 Berlin: closed until Thursday 09:00 Berlin = 07:00 UTC.
        assert_eq!(w.next_open(at("2024-05-15T16:30:00Z")), at("2024-05-16T07:00:00Z"));
        // Friday evening waits for Monday.
        assert_eq!(w.next_open(at("2024-05-17T20:00:00Z")), at("2024-05-20T07:00:00Z"));
        // Early morning the same day.
        assert_eq!(w.next_open(at("2024-05-15T05:00:00Z")), at("2024-05-15T07:00:00Z"));
    }

    #[test]
    fn the_window_follows_daylight_saving_time() {
        let w = office(chrono_tz::America::New_York);
        // Winter: 09:00 EST = 14:00 UTC; summer: 09:00 EDT = 13:00 UTC.
        assert_eq!(w.next_open(at("2024-01-10T03:00:00Z")), at("2024-01-10T14:00:00Z"));
        assert_eq!(w.next_open(at("2024-07-10T03:00:00Z")), at("2024-07-10T13:00:00Z"));
    }

    #[test]
    fn an_overnight_window_stays_open_past_midnight() {
        let w = Window {
            days: [true; 7],
            start: NaiveTime::from_hms_opt(22, 0, 0),
            end: NaiveTime::from_hms_opt(2, 0, 0),
            tz: Tz::UTC,
        };
        assert_eq!(w.next_open(at("2024-05-15T23:30:00Z")), at("2024-05-15T23:30:00Z"));
        assert_eq!(w.next_open(at("2024-05-16T01:00:00Z")), at("2024-05-16T01:00:00Z"));
        assert_eq!(w.next_open(at("2024-05-16T03:00:00Z")), at("2024-05-16T22:00:00Z"));
    }

    #[test]
    fn the_daily_limit_pushes_the_rest_to_the_next_local_day() {
        let rules = Rules { daily_limit: Some(2), min_spacing: Duration::zero(), window: Window::always(Tz::UTC) };
        let now = at("2024-05-15T10:00:00Z");
        let history = History { sent_today: 1, last_sent_at: Some(at("2024-05-15T09:00:00Z")) };
        let slots = schedule(&rules, history, now, &queue(4, now));
        assert_eq!(
            slots,
            vec![now, at("2024-05-16T00:00:00Z"), at("2024-05-16T00:00:00Z"), at("2024-05-17T00:00:00Z")]
        );
    }

    #[test]
    fn a_limit_already_reached_waits_for_the_window_on_the_next_allowed_day() {
        let rules = Rules { daily_limit: Some(3), min_spacing: Duration::zero(), window: office(Tz::UTC) };
        // Friday, limit used up: Saturday and Sunday are closed, so Monday 09:00.
        let now = at("2024-05-17T11:00:00Z");
        let history = History { sent_today: 3, last_sent_at: Some(at("2024-05-17T10:59:00Z")) };
        assert_eq!(schedule(&rules, history, now, &queue(1, now)), vec![at("2024-05-20T09:00:00Z")]);
    }

    #[test]
    fn spacing_holds_between_messages_and_jitter_only_adds() {
        let rules = Rules { daily_limit: None, min_spacing: Duration::seconds(60), window: Window::always(Tz::UTC) };
        let now = at("2024-05-15T10:00:00Z");
        let history = History { sent_today: 5, last_sent_at: Some(at("2024-05-15T09:59:30Z")) };
        let pending = vec![Pending { not_before: now, jitter: 0.0 }, Pending { not_before: now, jitter: 0.999 }];
        let slots = schedule(&rules, history, now, &pending);
        assert_eq!(slots[0], at("2024-05-15T10:00:30Z"));
        let gap = slots[1] - slots[0];
        assert!(gap >= Duration::seconds(89) && gap <= Duration::seconds(90), "{gap}");
        assert_eq!(spacing(Duration::seconds(60), 0.5), Duration::seconds(75));
    }

    #[test]
    fn a_message_waits_for_its_own_not_before() {
        let rules = Rules::unlimited();
        let now = at("2024-05-15T10:00:00Z");
        let later = at("2024-05-15T11:00:00Z");
        assert_eq!(schedule(&rules, History::default(), now, &queue(1, later)), vec![later]);
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_with_bounded_jitter() {
        let base = Duration::seconds(60);
        let cap = Duration::seconds(3600);
        assert_eq!(backoff(1, base, cap, 0.0), Duration::seconds(30));
        assert_eq!(backoff(1, base, cap, 1.0), Duration::seconds(60));
        assert_eq!(backoff(3, base, cap, 0.0), Duration::seconds(120));
        assert_eq!(backoff(20, base, cap, 1.0), Duration::seconds(3600));
        assert_eq!(backoff(99, base, cap, 0.0), Duration::seconds(1800));
        for attempt in 1..10 {
            let lo = backoff(attempt, base, cap, 0.0);
            let hi = backoff(attempt, base, cap, 0.99);
            assert!(lo <= hi && hi <= lo * 2, "attempt {attempt}: {lo} {hi}");
        }
    }

    #[test]
    fn jitter_is_stable_and_spread() {
        assert_eq!(jitter_for(42), jitter_for(42));
        let values: Vec<f64> = (1..1000).map(jitter_for).collect();
        assert!(values.iter().all(|v| (0.0..1.0).contains(v)));
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        assert!((0.4..0.6).contains(&mean), "{mean}");
    }

    #[test]
    fn mailbox_settings_become_rules() {
        let w = Window::from_setting(&SendWindow {
            days: vec![1, 2, 3],
            start: Some("08:30".into()),
            end: Some("12:00".into()),
            timezone: Some("Asia/Tokyo".into()),
        });
        assert_eq!(w.days, [true, true, true, false, false, false, false]);
        assert_eq!(w.start, NaiveTime::from_hms_opt(8, 30, 0));
        assert_eq!(w.tz, chrono_tz::Asia::Tokyo);
        assert_eq!(Window::from_setting(&SendWindow::default()).days, [true; 7]);
    }
}
