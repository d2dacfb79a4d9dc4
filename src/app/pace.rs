//! Pace and finish dates: how fast the user has been finishing topics lately, and when,
//! at that pace, what is left would be done.
//!
//! The pace is the estimated hours (each topic's estimate, midway between its fewest and
//! most hours) and the number of topics finished over the last [`WINDOW_DAYS`] days, per
//! week. A finish range divides what is left (fewest to most hours, from the roadmap's
//! estimates) by that pace. With too little history (see [`Pace::enough`]) the weekly
//! goal in hours, else [`DEFAULT_BUDGET_HOURS`], stands in for it, and the answer says so.

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::graph::{Catalog, query};
use crate::progress::local_date;

use super::suggest::Remaining;

/// The days the pace is measured over: four weeks.
pub const WINDOW_DAYS: i64 = 28;

/// The least history a pace is given for: the first topic finished this many days ago.
pub const MIN_HISTORY_DAYS: i64 = 7;

/// The weekly hours a finish range assumes when there is no pace and no goal in hours.
pub const DEFAULT_BUDGET_HOURS: u32 = 5;

/// How fast the user has been going.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pace {
    /// Whether there is enough history to go by: a topic finished within the window,
    /// and the first ever at least [`MIN_HISTORY_DAYS`] days ago.
    pub enough: bool,
    /// The days measured over: [`WINDOW_DAYS`], or fewer when the history is younger.
    pub days: i64,
    /// Topics finished in those days.
    pub topics: usize,
    /// Their estimated hours.
    pub hours: f64,
    /// Estimated hours finished per week.
    pub hours_per_week: f64,
    /// Topics finished per week.
    pub topics_per_week: f64,
}

/// The estimated hours of each finished key: midway through the estimate of the first
/// leaf holding it (as its key or a former key), 0 without one. One pass over the
/// catalog: looking each key up would build the name index, a sort of every topic's
/// names, which at 100k topics cost more than the rest of `stats`.
pub fn hours_of<'k>(
    cat: &Catalog,
    keys: impl IntoIterator<Item = &'k str>,
) -> HashMap<&'k str, f64> {
    let wanted: HashSet<&str> = keys.into_iter().collect();
    let mut out: HashMap<&'k str, f64> = HashMap::with_capacity(wanted.len());
    for id in cat.ids().filter(|&n| !cat.is_group(n)) {
        let keys =
            std::iter::once(cat.key(id)).chain(cat.alias_keys(id).iter().map(String::as_str));
        for key in keys {
            if let Some(&k) = wanted.get(key)
                && !out.contains_key(k)
            {
                let hours = query::estimate_of(cat, id)
                    .map_or(0.0, |e| f64::from(e.min_hours + e.max_hours) / 2.0);
                out.insert(k, hours);
            }
        }
        if out.len() == wanted.len() {
            break;
        }
    }
    out
}

impl Pace {
    /// The pace at `now` from `done`: each finished key with when it was finished.
    pub fn measure(cat: &Catalog, done: &[(String, Timestamp)], now: Timestamp) -> Pace {
        let day = |at: Timestamp| at.as_second().div_euclid(86_400);
        let age = done.iter().map(|(_, at)| day(now) - day(*at)).max();
        let days = age.unwrap_or(0).clamp(MIN_HISTORY_DAYS, WINDOW_DAYS);
        let since = now.as_second() - WINDOW_DAYS * 86_400;
        let recent: Vec<&(String, Timestamp)> = done
            .iter()
            .filter(|(_, at)| at.as_second() > since && *at <= now)
            .collect();
        let each = hours_of(cat, recent.iter().map(|(k, _)| k.as_str()));
        let hours: f64 = (recent.iter())
            .map(|(k, _)| each.get(k.as_str()).copied().unwrap_or(0.0))
            .sum();
        let per_week = |x: f64| round1(x * 7.0 / days as f64);
        Pace {
            enough: !recent.is_empty() && age.is_some_and(|a| a >= MIN_HISTORY_DAYS),
            days,
            topics: recent.len(),
            hours: round1(hours),
            hours_per_week: per_week(hours),
            topics_per_week: per_week(recent.len() as f64),
        }
    }

    /// The pace in a sentence, or that there is not enough history for one.
    pub fn summary(&self) -> String {
        if self.enough {
            format!(
                "Pace: {}, {} topics a week",
                self.describe(),
                number(self.topics_per_week)
            )
        } else {
            "Pace: not enough history yet".to_string()
        }
    }

    /// "~6 h a week (last 4 weeks)".
    pub fn describe(&self) -> String {
        let over = if self.days == WINDOW_DAYS {
            "last 4 weeks".to_string()
        } else {
            format!("last {} days", self.days)
        };
        format!("~{} h a week ({over})", number(self.hours_per_week))
    }
}

/// When what is left would be done.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finish {
    /// `pace` (the user's), `goal` (their weekly goal in hours) or `budget` (the default).
    pub basis: &'static str,
    /// The weekly hours (or, for a roadmap without estimates, topics) assumed.
    pub per_week: f64,
    /// `hours` or `topics`: what `per_week` counts.
    pub unit: &'static str,
    /// Fewest weeks.
    pub weeks_min: u32,
    /// Most weeks.
    pub weeks_max: u32,
    /// The earliest finish date.
    pub earliest: Date,
    /// The latest finish date.
    pub latest: Date,
    /// The whole answer, for people.
    pub text: String,
}

/// The finish range for `left` at `pace` (else `goal_hours`, else the default budget),
/// from `now` in `zone`; `None` when nothing is left or nothing can be estimated.
pub fn finish(
    left: &Remaining,
    pace: &Pace,
    goal_hours: Option<u32>,
    now: Timestamp,
    zone: &TimeZone,
) -> Option<Finish> {
    if left.leaves == 0 {
        return None;
    }
    let (basis, per_week, unit, lo, hi) = if left.is_known() {
        let (lo, hi) = (left.estimate.min_hours, left.estimate.max_hours);
        let (basis, rate) = match (pace.enough && pace.hours_per_week > 0.0, goal_hours) {
            (true, _) => ("pace", pace.hours_per_week),
            (false, Some(g)) if g > 0 => ("goal", f64::from(g)),
            _ => ("budget", f64::from(DEFAULT_BUDGET_HOURS)),
        };
        (basis, rate, "hours", f64::from(lo), f64::from(hi))
    } else if pace.enough && pace.topics_per_week > 0.0 {
        let n = left.leaves as f64;
        ("pace", pace.topics_per_week, "topics", n, n)
    } else {
        return None;
    };
    let weeks = |amount: f64| ((amount / per_week).ceil() as u32).max(1);
    let (weeks_min, weeks_max) = (weeks(lo), weeks(hi));
    let today = local_date(now, zone);
    let after = |w: u32| {
        today
            .checked_add(jiff::Span::new().days(i64::from(w) * 7))
            .unwrap_or(today)
    };
    let (earliest, latest) = (after(weeks_min), after(weeks_max));
    let rate = match unit {
        "hours" => format!("{} h a week", number(per_week)),
        _ => format!("{} topics a week", number(per_week)),
    };
    let how = match basis {
        "pace" if unit == "hours" => format!("at your pace of {}", pace.describe()),
        "pace" => format!("at your pace of ~{rate} ({} days)", pace.days),
        "goal" => format!("at your goal of {rate} (not enough history for a pace)"),
        _ => format!("at {rate} (not enough history for a pace)"),
    };
    let text = format!(
        "{how}: {}, around {}",
        weeks_text(weeks_min, weeks_max),
        months_text(earliest, latest)
    );
    Some(Finish {
        basis,
        per_week,
        unit,
        weeks_min,
        weeks_max,
        earliest,
        latest,
        text,
    })
}

/// "about 3 weeks", "11–19 weeks".
pub fn weeks_text(lo: u32, hi: u32) -> String {
    match (lo, hi) {
        (1, 1) => "about 1 week".to_string(),
        (a, b) if a == b => format!("about {a} weeks"),
        (a, b) => format!("{a}–{b} weeks"),
    }
}

/// "March 2027", "March–May 2027", "December 2026–February 2027".
pub fn months_text(a: Date, b: Date) -> String {
    let month = |d: Date| d.strftime("%B").to_string();
    if (a.year(), a.month()) == (b.year(), b.month()) {
        format!("{} {}", month(a), a.year())
    } else if a.year() == b.year() {
        format!("{}–{} {}", month(a), month(b), b.year())
    } else {
        format!("{} {}–{} {}", month(a), a.year(), month(b), b.year())
    }
}

/// One decimal place.
fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// `6`, `2.5`: a number without a needless `.0`.
pub fn number(x: f64) -> String {
    let r = round1(x);
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roadmap::Estimate;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn left(min: u32, max: u32, leaves: usize) -> Remaining {
        Remaining {
            estimate: Estimate {
                min_hours: min,
                max_hours: max,
            },
            unknown: 0,
            leaves,
        }
    }

    fn pace(hours_per_week: f64, enough: bool) -> Pace {
        Pace {
            enough,
            days: 28,
            topics: 4,
            hours: hours_per_week * 4.0,
            hours_per_week,
            topics_per_week: 1.0,
        }
    }

    #[test]
    fn the_range_divides_the_fewest_and_most_hours_left_by_the_pace() {
        let now = at("2027-01-15T10:00:00Z");
        let f = finish(
            &left(64, 112, 9),
            &pace(6.0, true),
            None,
            now,
            &TimeZone::UTC,
        )
        .unwrap();
        assert_eq!((f.basis, f.weeks_min, f.weeks_max), ("pace", 11, 19));
        assert_eq!(f.earliest.to_string(), "2027-04-02");
        assert_eq!(f.latest.to_string(), "2027-05-28");
        assert_eq!(
            f.text,
            "at your pace of ~6 h a week (last 4 weeks): 11–19 weeks, around April–May 2027"
        );
    }

    #[test]
    fn without_history_the_goal_or_the_default_budget_stands_in() {
        let now = at("2027-01-15T10:00:00Z");
        let none = pace(0.0, false);
        let f = finish(&left(10, 10, 1), &none, Some(4), now, &TimeZone::UTC).unwrap();
        assert_eq!((f.basis, f.weeks_min), ("goal", 3));
        assert_eq!(
            f.text,
            "at your goal of 4 h a week (not enough history for a pace): about 3 weeks, around February 2027"
        );
        let f = finish(&left(10, 10, 1), &none, None, now, &TimeZone::UTC).unwrap();
        assert_eq!((f.basis, f.weeks_min, f.per_week), ("budget", 2, 5.0));
        assert!(finish(&left(0, 0, 0), &none, None, now, &TimeZone::UTC).is_none());
    }

    #[test]
    fn months_read_naturally_across_years() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(months_text(d("2027-03-01"), d("2027-03-30")), "March 2027");
        assert_eq!(
            months_text(d("2026-12-01"), d("2027-02-01")),
            "December 2026–February 2027"
        );
        assert_eq!(weeks_text(3, 3), "about 3 weeks");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(6.04), "6");
    }
}

/// What date-dependent answers share: the pace, the goal, and the clock they were read at.
#[derive(Debug, Clone)]
pub struct Learning {
    /// The user's pace.
    pub pace: Pace,
    /// This week against the weekly goal, if there is one.
    pub week: Option<super::goal::WeekProgress>,
    /// Now, by the workspace's clock.
    pub now: Timestamp,
    /// The user's time zone.
    pub zone: TimeZone,
}

impl Learning {
    /// The finish range for `left` (see [`finish`]).
    pub fn finish(&self, left: &Remaining) -> Option<Finish> {
        let goal_hours = self.week.as_ref().and_then(|w| w.goal.hours());
        finish(left, &self.pace, goal_hours, self.now, &self.zone)
    }
}

/// The user's pace and goal, read from the database (none yet: no history).
pub fn learning(ws: &mut super::Workspace) -> Result<Learning, super::AppError> {
    let user = ws.user.clone();
    let now = ws.now();
    let (cat, store) = ws.existing_parts()?;
    match store {
        Some(store) => learning_of(cat, store, &user),
        None => Ok(Learning {
            pace: Pace::measure(cat, &[], now),
            week: None,
            now,
            zone: super::clock::zone(),
        }),
    }
}

/// The pace and goal of `user` in `store`, at the store's now.
pub fn learning_of(
    cat: &Catalog,
    store: &crate::progress::Store,
    user: &str,
) -> Result<Learning, super::AppError> {
    let now = store.now();
    let done = store.done_times(user)?;
    Ok(Learning {
        pace: Pace::measure(cat, &done, now),
        // The history is read once for both.
        week: super::goal::progress_from(cat, store, user, &done)?,
        now,
        zone: store.time_zone().clone(),
    })
}
