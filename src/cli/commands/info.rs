//! `info TOPIC`: everything about one node.

use std::io::Write;

use crate::app::{NodeStatus, Workspace, info, words::glyph};
use crate::roadmap::sanitize::clean_text;

use super::super::output::{bold, dim, json, status, wrap};
use super::super::{CliError, Out};

/// Prints a node's status, text, prerequisites, dependents, links and note.
pub fn run(ws: &mut Workspace, topic: &str, o: &mut Out<'_>) -> Result<(), CliError> {
    let info = info::info(ws, topic)?;
    if o.json {
        return json(o.out, &info);
    }
    let out = &mut *o.out;
    writeln!(
        out,
        "{} {}  {}",
        status(info.status, glyph(info.status)),
        bold(&info.title),
        dim(&format!("{}/{}", info.roadmap, info.id))
    )?;
    let mut facts = vec![
        info.status.label().to_string(),
        match info.pick {
            Some(p) => format!("choice: pick {p}"),
            None => info.kind.to_string(),
        },
    ];
    if let Some(c) = &info.chosen {
        facts.push(format!("following {c}"));
    }
    if let Some(e) = &info.estimate {
        facts.push(format!("about {e}"));
    }
    if info.optional {
        facts.push("optional".into());
    }
    writeln!(out, "{}", facts.join(" · "))?;
    for text in [&info.summary, &info.description].into_iter().flatten() {
        writeln!(out, "\n{}", wrap(text, o.is_terminal))?;
    }
    let list = |out: &mut dyn Write, heading: &str, nodes: &[NodeStatus]| -> std::io::Result<()> {
        if nodes.is_empty() {
            return Ok(());
        }
        writeln!(out, "\n{}", bold(heading))?;
        for n in nodes {
            writeln!(
                out,
                "  {} {}  {}",
                status(n.status, glyph(n.status)),
                n.title,
                dim(&format!("{}/{}", n.roadmap, n.id))
            )?;
        }
        Ok(())
    };
    list(out, "Requires", &info.requires)?;
    list(out, "Unlocks", &info.unlocks)?;
    list(out, "Contains", &info.contains)?;
    list(out, "Same topic in", &info.shared)?;
    if !info.resources.is_empty() {
        writeln!(out, "\n{}", bold("Resources"))?;
        for (i, r) in info.resources.iter().enumerate() {
            writeln!(
                out,
                "  {}. {} ({})  {}",
                i + 1,
                r.title,
                r.kind,
                dim(&r.url)
            )?;
        }
    }
    if let Some(n) = &info.note {
        writeln!(out, "\n{}\n{}", bold("Note"), clean_text(n))?;
    }
    Ok(())
}
