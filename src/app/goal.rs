//! The weekly goal: hours (estimated) or topics to finish each week, this week's progress
//! toward it, and the streak of weeks it was met. Weeks are the user's local weeks,
//! starting on Monday unless they chose Sunday.

use jiff::Timestamp;
use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::graph::Catalog;
use crate::progress::{Store, local_date};

use super::pace::{hours_of, number};
use super::{AppError, Workspace};

/// The per-user setting holding the goal: `5h` or `3 topics`.
pub const GOAL_SETTING: &str = "weekly_goal";

/// The per-user setting holding the first day of the week: `monday` or `sunday`.
pub const WEEK_START_SETTING: &str = "week_start";

/// How many past weeks [`WeekProgress::met_weeks`] looks at.
pub const WEEKS_SHOWN: usize = 12;

/// What to finish each week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "unit", content = "amount", rename_all = "snake_case")]
pub enum Goal {
    /// Estimated hours of finished topics.
    Hours(u32),
    /// Finished topics.
    Topics(u32),
}

impl Goal {
    /// Reads `5h`, `5 h`, `5 hours`, `3 topics`, `3t`; the error says what is expected.
    pub fn parse(text: &str) -> Result<Goal, AppError> {
        let t = text.trim().to_ascii_lowercase();
        let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
        let unit = t[digits.len()..].trim();
        let amount: Option<u32> = digits.parse().ok().filter(|n| *n > 0);
        let goal = match (amount, unit) {
            (Some(n), "h" | "hour" | "hours") => Some(Goal::Hours(n)),
            (Some(n), "t" | "topic" | "topics") => Some(Goal::Topics(n)),
            _ => None,
        };
        goal.ok_or_else(|| {
            AppError::input(
                format!(
                    "`{}` is not a weekly goal",
                    crate::roadmap::sanitize::clean_line(text)
                ),
                "write hours or topics a week, like `5h` or `3 topics`",
            )
        })
    }

    /// `5h` or `3 topics`: how it is stored, and read back by [`Goal::parse`].
    pub fn stored(self) -> String {
        match self {
            Goal::Hours(n) => format!("{n}h"),
            Goal::Topics(n) => format!("{n} topics"),
        }
    }

    /// "5 h" or "3 topics", for people.
    pub fn describe(self) -> String {
        match self {
            Goal::Hours(n) => format!("{n} h"),
            Goal::Topics(1) => "1 topic".to_string(),
            Goal::Topics(n) => format!("{n} topics"),
        }
    }

    /// The hours, for a goal in hours.
    pub fn hours(self) -> Option<u32> {
        match self {
            Goal::Hours(n) => Some(n),
            Goal::Topics(_) => None,
        }
    }
}

/// This week against the goal, and the weeks before.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekProgress {
    /// The goal.
    pub goal: Goal,
    /// `monday` or `sunday`.
    pub week_start: &'static str,
    /// The first day of this week.
    pub week_of: Date,
    /// How much of the goal's unit was finished this week (hours are estimated).
    pub done: f64,
    /// Whether this week's goal is met.
    pub met: bool,
    /// Weeks in a row the goal was met, counting back from this week if met, else from
    /// last week.
    pub streak: u32,
    /// The first days of the weeks that met the goal, among the last [`WEEKS_SHOWN`].
    pub met_weeks: Vec<Date>,
    /// One line for people: "this week 2.5 of 5 h · 3-week streak".
    pub text: String,
}

/// The first day of the week `day` falls in.
pub fn week_of(day: Date, start: Weekday) -> Date {
    let back = match start {
        Weekday::Sunday => day.weekday().to_sunday_zero_offset(),
        _ => day.weekday().to_monday_zero_offset(),
    };
    day.checked_sub(jiff::Span::new().days(i64::from(back)))
        .unwrap_or(day)
}

/// `monday` or `sunday` as a weekday; anything else is Monday.
pub fn week_start(name: Option<&str>) -> Weekday {
    match name.map(str::trim) {
        Some(s) if s.eq_ignore_ascii_case("sunday") => Weekday::Sunday,
        _ => Weekday::Monday,
    }
}

impl WeekProgress {
    /// Progress toward `goal` at `now` in `zone` from `done` (each finished key with when).
    pub fn measure(
        cat: &Catalog,
        goal: Goal,
        start: Weekday,
        done: &[(String, Timestamp)],
        now: Timestamp,
        zone: &TimeZone,
    ) -> WeekProgress {
        let this = week_of(local_date(now, zone), start);
        let mut per_week: std::collections::BTreeMap<Date, f64> = Default::default();
        let hours = match goal {
            Goal::Hours(_) => hours_of(cat, done.iter().map(|(k, _)| k.as_str())),
            Goal::Topics(_) => Default::default(),
        };
        for (key, at) in done.iter().filter(|(_, at)| *at <= now) {
            let amount = match goal {
                Goal::Hours(_) => hours.get(key.as_str()).copied().unwrap_or(0.0),
                Goal::Topics(_) => 1.0,
            };
            *per_week
                .entry(week_of(local_date(*at, zone), start))
                .or_default() += amount;
        }
        let target = f64::from(match goal {
            Goal::Hours(n) | Goal::Topics(n) => n,
        });
        let met_week = |w: &Date| per_week.get(w).is_some_and(|d| *d >= target);
        let before = |w: Date| w.checked_sub(jiff::Span::new().days(7)).ok();
        let done_now = per_week.get(&this).copied().unwrap_or(0.0);
        let met = done_now >= target;
        let mut streak = 0;
        let mut week = if met { Some(this) } else { before(this) };
        while let Some(w) = week.filter(met_week) {
            streak += 1;
            week = before(w);
        }
        let mut met_weeks: Vec<Date> = std::iter::successors(Some(this), |w| before(*w))
            .take(WEEKS_SHOWN)
            .filter(met_week)
            .collect();
        met_weeks.reverse();
        let unit = match goal {
            Goal::Hours(n) => format!("{n} h"),
            Goal::Topics(1) => "1 topic".to_string(),
            Goal::Topics(n) => format!("{n} topics"),
        };
        let mut text = format!("this week {} of {unit}", number(done_now));
        if met {
            text.push_str(" ✓");
        }
        if streak > 0 {
            text.push_str(&format!(" · {streak}-week streak"));
        }
        WeekProgress {
            goal,
            week_start: if start == Weekday::Sunday {
                "sunday"
            } else {
                "monday"
            },
            week_of: this,
            done: (done_now * 10.0).round() / 10.0,
            met,
            streak,
            met_weeks,
            text,
        }
    }
}

/// The user's goal, if set (a stored value that cannot be read is no goal).
pub fn load(store: &Store, user: &str) -> Result<Option<Goal>, AppError> {
    let text = store.setting(user, GOAL_SETTING)?;
    Ok(text.and_then(|t| Goal::parse(&t).ok()))
}

/// This week's progress for the user of `store`, if they have a goal.
pub fn progress(
    cat: &Catalog,
    store: &Store,
    user: &str,
) -> Result<Option<WeekProgress>, AppError> {
    if load(store, user)?.is_none() {
        return Ok(None);
    }
    progress_from(cat, store, user, &store.done_times(user)?)
}

/// [`progress`] from `done` (the user's [`Store::done_times`], already read).
pub fn progress_from(
    cat: &Catalog,
    store: &Store,
    user: &str,
    done: &[(String, jiff::Timestamp)],
) -> Result<Option<WeekProgress>, AppError> {
    let Some(goal) = load(store, user)? else {
        return Ok(None);
    };
    let start = week_start(store.setting(user, WEEK_START_SETTING)?.as_deref());
    Ok(Some(WeekProgress::measure(
        cat,
        goal,
        start,
        done,
        store.now(),
        store.time_zone(),
    )))
}

/// What `goal` says: the goal and this week, or that there is none.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalStatus {
    /// The goal and this week's progress; `None` when no goal is set.
    pub progress: Option<WeekProgress>,
    /// What changed, if anything: "Weekly goal set to 5 h".
    pub changed: Option<String>,
}

/// What to change about the goal.
#[derive(Debug, Clone, Default)]
pub struct GoalChange {
    /// A new goal (`5h`, `3 topics`) or `off`.
    pub goal: Option<String>,
    /// A new first day of the week: `monday` or `sunday`.
    pub week_start: Option<String>,
}

/// Shows the goal, after setting or clearing it and the first day of the week if asked.
pub fn goal(ws: &mut Workspace, change: &GoalChange) -> Result<GoalStatus, AppError> {
    let user = ws.user.clone();
    let mut said = Vec::new();
    if let Some(start) = &change.week_start {
        let name = start.trim().to_ascii_lowercase();
        if name != "monday" && name != "sunday" {
            return Err(AppError::input(
                format!(
                    "weeks cannot start on `{}`",
                    crate::roadmap::sanitize::clean_line(start)
                ),
                "weeks start on monday or sunday",
            ));
        }
        ws.store()?.set_setting(&user, WEEK_START_SETTING, &name)?;
        said.push(format!("Weeks start on {name}"));
    }
    if let Some(text) = &change.goal {
        if text.trim().eq_ignore_ascii_case("off") {
            ws.store()?.set_setting(&user, GOAL_SETTING, "off")?;
            said.push("Weekly goal off".to_string());
        } else {
            let goal = Goal::parse(text)?;
            ws.store()?
                .set_setting(&user, GOAL_SETTING, &goal.stored())?;
            said.push(format!("Weekly goal set to {} a week", goal.describe()));
        }
    }
    let (cat, store) = ws.existing_parts()?;
    let progress = match store {
        Some(store) => progress(cat, store, &user)?,
        None => None,
    };
    Ok(GoalStatus {
        progress,
        changed: (!said.is_empty()).then(|| said.join("; ")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goals_read_hours_or_topics_and_refuse_the_rest() {
        assert_eq!(Goal::parse("5h").unwrap(), Goal::Hours(5));
        assert_eq!(Goal::parse("5 hours").unwrap(), Goal::Hours(5));
        assert_eq!(Goal::parse("3 topics").unwrap(), Goal::Topics(3));
        assert_eq!(
            Goal::parse(&Goal::Topics(3).stored()).unwrap(),
            Goal::Topics(3)
        );
        for bad in ["", "0h", "five hours", "5 days", "-1h"] {
            assert!(Goal::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn weeks_start_on_monday_or_sunday() {
        let fri: Date = "2027-01-15".parse().unwrap();
        assert_eq!(week_of(fri, Weekday::Monday).to_string(), "2027-01-11");
        assert_eq!(week_of(fri, Weekday::Sunday).to_string(), "2027-01-10");
        let sun: Date = "2027-01-17".parse().unwrap();
        assert_eq!(week_of(sun, Weekday::Monday).to_string(), "2027-01-11");
        assert_eq!(week_of(sun, Weekday::Sunday).to_string(), "2027-01-17");
    }
}
