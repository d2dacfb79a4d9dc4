//! `team` and `team add`.

use crate::app::Workspace;
use crate::app::team;
use crate::app::words::plural;
use crate::roadmap::sanitize::clean_line;

use super::super::output::{bold, dim, json, pad, widest};
use super::super::{CliError, Out};

/// `skilltree team`.
pub fn show(ws: &mut Workspace, stuck_days: u32, o: &mut Out<'_>) -> Result<(), CliError> {
    let view = team::team(ws, stuck_days)?;
    if o.json {
        return json(o.out, &view);
    }
    if view.members.is_empty() {
        writeln!(
            o.out,
            "No members yet: each appears with their first change (see `skilltree team add`)."
        )?;
        return Ok(());
    }
    // Names and titles come from a shared database and roadmap files: someone else's text.
    let names: Vec<String> = (view.members.iter())
        .map(|m| clean_line(&m.user).into_owned())
        .collect();
    let w = widest(names.iter().map(String::as_str));
    for (m, name) in view.members.iter().zip(&names) {
        let idle = match m.idle_days {
            None => "no changes yet".to_owned(),
            Some(0) => "active today".to_owned(),
            Some(d) => format!("last change {} ago", plural(d as usize, "day", "days")),
        };
        let stuck = if m.stuck { "  STUCK" } else { "" };
        writeln!(o.out, "{}  {idle}{stuck}", bold(&pad(name, w)))?;
        for r in &m.roadmaps {
            writeln!(
                o.out,
                "    {:>3}%  {}  ({}/{})",
                r.progress,
                clean_line(&r.roadmap),
                r.done,
                r.total
            )?;
        }
        if !m.working_on.is_empty() {
            let titles: Vec<String> = (m.working_on.iter())
                .map(|n| clean_line(&n.title).into_owned())
                .collect();
            writeln!(o.out, "    working on: {}", titles.join(", "))?;
        }
    }
    if !view.topics.is_empty() {
        writeln!(o.out)?;
        writeln!(
            o.out,
            "{}",
            dim(&format!(
                "Topics ({}): finished / in progress",
                crate::app::words::plural(view.members.len(), "member", "members")
            ))
        )?;
        let titles: Vec<String> = (view.topics.iter())
            .map(|t| {
                format!(
                    "{}/{}",
                    clean_line(&t.topic.roadmap),
                    clean_line(&t.topic.id)
                )
            })
            .collect();
        let tw = widest(titles.iter().map(String::as_str));
        for (t, title) in view.topics.iter().zip(&titles) {
            writeln!(
                o.out,
                "  {}  {:>3} / {:<3} {}",
                pad(title, tw),
                t.finished,
                t.in_progress,
                clean_line(&t.topic.title)
            )?;
        }
    }
    Ok(())
}

/// `skilltree team add LOGIN`.
pub fn add(
    ws: &mut Workspace,
    login: &str,
    mentor: bool,
    password: bool,
    o: &mut Out<'_>,
) -> Result<(), CliError> {
    let added = team::add(ws, login, mentor, password)?;
    if o.json {
        return json(o.out, &added);
    }
    let login = clean_line(&added.login);
    let role = if added.mentor { "mentor" } else { "learner" };
    writeln!(
        o.out,
        "Added {login} as a {role}. Give them these lines (the URL holds their password):"
    )?;
    writeln!(o.out)?;
    for (name, value) in &added.environment {
        writeln!(o.out, "  export {name}='{}'", clean_line(value))?;
    }
    Ok(())
}
