//! `goal`, `review`, and `done --rating`.

use crate::app::Workspace;
use crate::app::goal::{self, GoalChange};
use crate::app::review;
use crate::progress::Rating;
use crate::roadmap::sanitize::clean_line;

use super::super::args::{RatingArg, WeekStart};
use super::super::output::{dim, json};
use super::super::{CliError, Out};

/// `skilltree goal [GOAL] [--week-start DAY]`.
pub fn goal(
    ws: &mut Workspace,
    words: &[String],
    week_start: Option<WeekStart>,
    o: &mut Out<'_>,
) -> Result<(), CliError> {
    let change = GoalChange {
        goal: (!words.is_empty()).then(|| words.join(" ")),
        week_start: week_start.map(|w| match w {
            WeekStart::Monday => "monday".to_string(),
            WeekStart::Sunday => "sunday".to_string(),
        }),
    };
    let status = goal::goal(ws, &change)?;
    if o.json {
        return json(o.out, &status);
    }
    if let Some(said) = &status.changed {
        writeln!(o.out, "{said}.")?;
    }
    match &status.progress {
        Some(p) => writeln!(
            o.out,
            "Weekly goal: {} a week (weeks start on {}); {}",
            p.goal.describe(),
            p.week_start,
            p.text
        )?,
        None if status.changed.is_none() => writeln!(
            o.out,
            "No weekly goal. Set one: `skilltree goal 5h` or `skilltree goal 3 topics`."
        )?,
        None => {}
    }
    Ok(())
}

/// `skilltree review [TOPIC RATING] [--enable|--disable]`.
pub fn review(
    ws: &mut Workspace,
    topic: Option<String>,
    rating: Option<RatingArg>,
    enable: bool,
    disable: bool,
    o: &mut Out<'_>,
) -> Result<(), CliError> {
    if let (Some(topic), Some(rating)) = (topic, rating) {
        return rate(ws, &[topic], rating.rating(), o);
    }
    if enable || disable {
        review::set_enabled(ws, enable)?;
    }
    let list = review::list(ws)?;
    if o.json {
        return json(o.out, &list);
    }
    if enable || disable {
        writeln!(o.out, "Reviews {}.", if enable { "on" } else { "off" })?;
    }
    if !list.enabled {
        if !disable {
            writeln!(
                o.out,
                "Reviews are off. Turn them on with `skilltree review --enable`, or rate a topic: `skilltree done TOPIC --rating good`."
            )?;
        }
        return Ok(());
    }
    if list.due.is_empty() {
        writeln!(o.out, "Nothing due for review.")?;
        return Ok(());
    }
    writeln!(o.out, "Due for review ({}):", list.due.len())?;
    for d in &list.due {
        let late = match d.overdue_days {
            0 => "due today".to_string(),
            1 => "1 day overdue".to_string(),
            n => format!("{n} days overdue"),
        };
        writeln!(
            o.out,
            "  {}/{}  {}  {}",
            d.node.roadmap,
            d.node.id,
            d.node.title,
            dim(&format!(
                "{late}, {:.0}% likely remembered",
                d.retrievability * 100.0
            ))
        )?;
    }
    writeln!(
        o.out,
        "{}",
        dim("Record one: `skilltree review TOPIC again|hard|good|easy`.")
    )?;
    Ok(())
}

/// Records a review of `topics`; with `--json` after `done`, prints nothing more (the
/// marking's JSON is the answer).
pub fn rate(
    ws: &mut Workspace,
    topics: &[String],
    rating: Rating,
    o: &mut Out<'_>,
) -> Result<(), CliError> {
    let rated = review::rate(ws, topics, rating)?;
    if o.json {
        return json(o.out, &rated);
    }
    let zone = ws.store()?.time_zone().clone();
    for line in rated.summary(&zone) {
        writeln!(o.out, "{}", clean_line(&line))?;
    }
    Ok(())
}

/// `done TOPIC… --rating R`: the review after the marking; its JSON is left out so that
/// `--json` still prints one document.
pub fn rate_after_done(
    ws: &mut Workspace,
    topics: &[String],
    rating: Rating,
    o: &mut Out<'_>,
) -> Result<(), CliError> {
    if o.json {
        review::rate(ws, topics, rating)?;
        return Ok(());
    }
    rate(ws, topics, rating, o)
}
