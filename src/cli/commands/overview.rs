//! `list`, `show`, `stats` and `users`.

use crate::app::export::{self, Picture, ShowOptions};
use crate::app::overview::Outline;
use crate::app::words::{glyph, plural};
use crate::app::{Workspace, map, overview};
use crate::graph::Status;
use crate::roadmap::sanitize::clean_line;

use super::super::args::{ShowArgs, ShowFormat};
use super::super::output::{bold, dim, escape_unsafe, json, pad, status, widest};
use super::super::{CliError, Out};

/// `skilltree list`.
pub fn list(ws: &mut Workspace, o: &mut Out<'_>) -> Result<(), CliError> {
    let rows = overview::list(ws)?;
    if o.json {
        return json(o.out, &rows);
    }
    let id_w = widest(rows.iter().map(|r| r.id.as_str()));
    let title_w = widest(rows.iter().map(|r| r.title.as_str()));
    for r in &rows {
        writeln!(
            o.out,
            "{} {}  {}  {:>4} nodes  {:>3}%  {}",
            if r.current { "*" } else { " " },
            bold(&pad(&r.id, id_w)),
            pad(&r.title, title_w),
            r.nodes,
            r.progress,
            dim(&r.source)
        )?;
    }
    Ok(())
}

/// `skilltree use ROADMAP`.
pub fn use_roadmap(ws: &mut Workspace, roadmap: &str, o: &mut Out<'_>) -> Result<(), CliError> {
    let row = overview::use_roadmap(ws, roadmap)?;
    if o.json {
        return json(o.out, &row);
    }
    writeln!(
        o.out,
        "Now using {} ({}): a name found in several roadmaps means its node.",
        row.title, row.id
    )?;
    Ok(())
}

/// `skilltree show ROADMAP [--format F]`.
pub fn show(ws: &mut Workspace, args: &ShowArgs, o: &mut Out<'_>) -> Result<(), CliError> {
    let options = ShowOptions {
        only_remaining: args.only_remaining,
        depth: args.depth.map(|d| d as usize),
        status: !args.no_status,
    };
    if args.format == ShowFormat::Map {
        return show_map(ws, args, o);
    }
    let outline = overview::show(ws, &args.roadmap, &options)?;
    let picture = match args.format {
        ShowFormat::Text if o.json => return json(o.out, &outline),
        ShowFormat::Json => return json(o.out, &outline),
        ShowFormat::Text => return show_text(&outline, o),
        ShowFormat::Markdown => Picture::Markdown,
        ShowFormat::Mermaid => Picture::Mermaid,
        ShowFormat::Dot => Picture::Dot,
        ShowFormat::Opml => Picture::Opml,
        ShowFormat::Map => unreachable!("drawn above"),
    };
    // Each format escapes for its own syntax; what could still drive a
    // terminal (none should be left) is escaped on the way out.
    o.out
        .write_all(escape_unsafe(&export::render(&outline, picture)).as_bytes())?;
    Ok(())
}

/// `show --format map`: the map, coloured by status when colour is on.
fn show_map(ws: &mut Workspace, args: &ShowArgs, o: &mut Out<'_>) -> Result<(), CliError> {
    if args.only_remaining {
        return Err(CliError::input(
            "the map shows the whole roadmap",
            "leave out --only-remaining, or use another --format",
        ));
    }
    if args.depth.is_some_and(|d| d > 1) {
        return Err(CliError::input(
            "the map is drawn whole, or one box per top-level group",
            "use --depth 1 for the groups, or no --depth for every topic",
        ));
    }
    let pic = map::picture(ws, &args.roadmap, args.depth == Some(1), !args.no_status)?;
    if let Some(note) = &pic.note {
        writeln!(o.out, "{}", dim(note))?;
    }
    for row in &pic.rows {
        let mut line = String::new();
        for (text, s) in row {
            // Titles were cleaned when the roadmap was read; escape anyway.
            let text = escape_unsafe(text);
            match s {
                Some(s) => line.push_str(&status(*s, &text)),
                None => line.push_str(&text),
            }
        }
        writeln!(o.out, "{line}")?;
    }
    Ok(())
}

fn show_text(outline: &Outline, o: &mut Out<'_>) -> Result<(), CliError> {
    match outline.progress {
        Some(p) => writeln!(o.out, "{} — {p}% done", bold(&outline.title))?,
        None => writeln!(o.out, "{}", bold(&outline.title))?,
    }
    for n in &outline.nodes {
        let indent = "  ".repeat(n.depth);
        let title = match (n.units, n.status) {
            (Some((d, t)), Some(_)) => bold(&format!("{} ({d}/{t})", n.title)),
            (Some(_), None) => bold(&n.title),
            (None, Some(s)) => status(s, &n.title),
            (None, None) => n.title.clone(),
        };
        let mark = match n.status {
            Some(s) => format!("{} ", status(s, glyph(s))),
            None => "- ".to_string(),
        };
        if n.extra.is_empty() {
            writeln!(o.out, "{indent}{mark}{title}")?;
        } else {
            writeln!(o.out, "{indent}{mark}{title}  {}", dim(&n.extra.join(", ")))?;
        }
    }
    Ok(())
}

/// `skilltree stats [ROADMAP]`.
pub fn stats(ws: &mut Workspace, roadmap: Option<&str>, o: &mut Out<'_>) -> Result<(), CliError> {
    let learning = crate::app::pace::learning(ws)?;
    let all = overview::stats_at(ws, roadmap, &learning)?;
    if o.json {
        return json(o.out, &all);
    }
    writeln!(o.out, "{}", learning.pace.summary())?;
    if let Some(week) = &learning.week {
        writeln!(o.out, "Weekly goal: {}", week.text)?;
    }
    for s in &all {
        writeln!(o.out)?;
        writeln!(
            o.out,
            "{}  {}% ({}/{})",
            bold(&s.title),
            s.progress,
            s.done,
            s.total
        )?;
        let summary: Vec<String> = s
            .counts
            .iter()
            .map(|(st, c)| format!("{c} {}", Status::label(*st)))
            .collect();
        writeln!(o.out, "  {}", summary.join(", "))?;
        if let Some(left) = &s.remaining_estimate {
            writeln!(o.out, "  remaining estimate: {left}")?;
        }
        if let Some(finish) = &s.finish {
            writeln!(o.out, "  {}", finish.text)?;
        }
        let title_w = widest(s.groups.iter().map(|g| g.title.as_str()));
        for g in &s.groups {
            writeln!(
                o.out,
                "  {}  {}  {:>3}% ({}/{})",
                pad(&g.title, title_w),
                bar(g.progress, 20),
                g.progress,
                g.done,
                g.total
            )?;
        }
    }
    Ok(())
}

fn bar(pct: u32, width: usize) -> String {
    let filled = (pct as usize * width) / 100;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// `skilltree users`.
pub fn users(ws: &mut Workspace, o: &mut Out<'_>) -> Result<(), CliError> {
    let rows = overview::users(ws)?;
    if o.json {
        return json(o.out, &rows);
    }
    if rows.is_empty() {
        writeln!(o.out, "No users yet: the first change you make adds you.")?;
        return Ok(());
    }
    // Names come from a shared database: someone else's text.
    let names: Vec<String> = rows
        .iter()
        .map(|r| clean_line(&r.user).into_owned())
        .collect();
    let w = widest(names.iter().map(String::as_str));
    for (r, name) in rows.iter().zip(&names) {
        let me = if r.you { " (you)" } else { "" };
        writeln!(
            o.out,
            "{}  {}  {:>3}% overall{me}",
            pad(name, w),
            plural(r.satisfied, "topic done", "topics done"),
            r.progress
        )?;
    }
    Ok(())
}
