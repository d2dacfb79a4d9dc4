//! `info TOPIC`: everything about one node.

use std::io::Write;

use serde_json::json;

use crate::graph::{NodeId, query};
use crate::roadmap::sanitize::clean_text;

use super::super::output::{glyph, json};
use super::super::{CliError, Context};

/// Prints a node's status, text, prerequisites, dependents, links and note.
pub fn run(ctx: &mut Context, topic: &str, out: &mut dyn Write) -> Result<(), CliError> {
    // Prerequisites differ per roadmap, so a shared id must be named in full.
    let id = ctx.resolve(topic, false)?;
    let state = ctx.state()?;
    let user = ctx.user.clone();
    let key = ctx.catalog.key(id).to_string();
    let note = if ctx.catalog.node(id).is_group() {
        None
    } else {
        ctx.existing_store()?
            .map(|s| s.note(&user, &key))
            .transpose()?
            .flatten()
    };
    let cat = &ctx.catalog;
    let node = cat.node(id);
    let mut requires: Vec<NodeId> = Vec::new();
    let mut cur = Some(id);
    while let Some(n) = cur {
        requires.extend(cat.requires(n));
        cur = cat.parent(n);
    }
    let unlocks = query::unlocked_by(cat, id);
    let shared: Vec<NodeId> = if node.is_group() {
        Vec::new()
    } else {
        (0..cat.len())
            .filter(|&n| n != id && !cat.node(n).is_group() && cat.key(n) == key)
            .collect()
    };
    let status = state.status(id);
    if ctx.json {
        let brief = |n: NodeId| json!({"roadmap": cat.roadmap_id(n), "id": cat.node(n).id, "title": cat.node(n).title, "status": state.status(n).as_str()});
        return json(
            out,
            &json!({
                "roadmap": cat.roadmap_id(id),
                "id": node.id,
                "title": node.title,
                "kind": node.kind.as_str(),
                "status": status.as_str(),
                "topic": key,
                "summary": node.summary,
                "description": node.description,
                "estimate": query::estimate_of(cat, id).map(|e| e.to_string()),
                "optional": node.optional,
                "tags": node.tags,
                "requires": requires.iter().map(|&n| brief(n)).collect::<Vec<_>>(),
                "unlocks": unlocks.iter().map(|&n| brief(n)).collect::<Vec<_>>(),
                "also_in": shared.iter().map(|&n| cat.qualified(n)).collect::<Vec<_>>(),
                "resources": node.resources.iter().map(|r| json!({"title": r.title, "url": r.url, "type": r.kind.as_str()})).collect::<Vec<_>>(),
                "note": note,
            }),
        );
    }
    let st = ctx.style;
    writeln!(
        out,
        "{} {}  {}",
        st.status(status, glyph(status)),
        st.bold(&node.title),
        st.dim(&cat.qualified(id))
    )?;
    let mut facts = vec![status.label().to_string(), node.kind.as_str().to_string()];
    if let Some(e) = query::estimate_of(cat, id) {
        facts.push(format!("about {e}"));
    }
    if node.optional {
        facts.push("optional".into());
    }
    writeln!(out, "{}", facts.join(" · "))?;
    if let Some(s) = &node.summary {
        writeln!(out, "\n{s}")?;
    }
    if let Some(d) = &node.description {
        writeln!(out, "\n{d}")?;
    }
    let list = |out: &mut dyn Write, heading: &str, nodes: &[NodeId]| -> std::io::Result<()> {
        if nodes.is_empty() {
            return Ok(());
        }
        writeln!(out, "\n{}", st.bold(heading))?;
        for &n in nodes {
            let s = state.status(n);
            writeln!(
                out,
                "  {} {}  {}",
                st.status(s, glyph(s)),
                cat.node(n).title,
                st.dim(&cat.qualified(n))
            )?;
        }
        Ok(())
    };
    list(out, "Requires", &requires)?;
    list(out, "Unlocks", &unlocks)?;
    if node.is_group() {
        let kids: Vec<NodeId> = cat.children(id).collect();
        list(out, "Contains", &kids)?;
    }
    list(out, "Same topic in", &shared)?;
    if !node.resources.is_empty() {
        writeln!(out, "\n{}", st.bold("Resources"))?;
        for (i, r) in node.resources.iter().enumerate() {
            writeln!(
                out,
                "  {}. {} ({})  {}",
                i + 1,
                r.title,
                r.kind.as_str(),
                st.dim(&r.url)
            )?;
        }
    }
    if let Some(n) = note {
        writeln!(out, "\n{}\n{}", st.bold("Note"), clean_text(&n))?;
    }
    Ok(())
}
