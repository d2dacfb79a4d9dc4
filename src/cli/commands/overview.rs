//! `list`, `show`, `stats` and `users`: looking at whole roadmaps.

use std::collections::BTreeMap;
use std::io::Write;

use serde_json::{Value, json};

use crate::graph::{NodeId, State, Status, percent, query};
use crate::roadmap::sanitize::clean_line;
use crate::roadmap::{Estimate, Kind};

use super::super::output::{glyph, json, pad, plural, widest};
use super::super::{CliError, Context};

/// `skilltree list`.
pub fn list(ctx: &mut Context, out: &mut dyn Write) -> Result<(), CliError> {
    let state = ctx.state()?;
    let cat = &ctx.catalog;
    let rows: Vec<(String, String, String, usize, u32)> = cat
        .roadmaps()
        .iter()
        .enumerate()
        .map(|(r, m)| {
            (
                m.id.clone(),
                m.title.clone(),
                // A path is the file system's text, not ours.
                clean_line(&m.origin.to_string()).into_owned(),
                m.nodes.len(),
                percent(state.roadmap_units(cat, r)),
            )
        })
        .collect();
    if ctx.json {
        let items: Vec<Value> = rows
            .iter()
            .map(|(id, title, source, nodes, pct)| json!({"id": id, "title": title, "source": source, "nodes": nodes, "progress": pct}))
            .collect();
        return json(out, &Value::Array(items));
    }
    let id_w = widest(rows.iter().map(|r| r.0.as_str()));
    let title_w = widest(rows.iter().map(|r| r.1.as_str()));
    for (id, title, source, nodes, pct) in &rows {
        writeln!(
            out,
            "{}  {}  {:>4} nodes  {:>3}%  {}",
            ctx.style.bold(&pad(id, id_w)),
            pad(title, title_w),
            nodes,
            pct,
            ctx.style.dim(source)
        )?;
    }
    Ok(())
}

/// `skilltree show ROADMAP`.
pub fn show(ctx: &mut Context, roadmap: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let r = ctx.roadmap(roadmap)?;
    let state = ctx.state()?;
    let cat = &ctx.catalog;
    let m = &cat.roadmaps()[r];
    let pct = percent(state.roadmap_units(cat, r));
    if ctx.json {
        let nodes: Vec<Value> = cat
            .nodes_of(r)
            .map(|n| {
                let node = cat.node(n);
                json!({
                    "id": node.id,
                    "title": node.title,
                    "kind": node.kind.as_str(),
                    "status": state.status(n).as_str(),
                    "parent": cat.parent(n).map(|p| cat.node(p).id.clone()),
                    "requires": cat.requires(n).iter().map(|&q| if cat.roadmap_of(q) == r { cat.node(q).id.clone() } else { cat.qualified(q) }).collect::<Vec<_>>(),
                    "topic": node.topic,
                    "summary": node.summary,
                })
            })
            .collect();
        return json(
            out,
            &json!({"id": m.id, "title": m.title, "progress": pct, "nodes": nodes}),
        );
    }
    writeln!(out, "{} — {pct}% done", ctx.style.bold(&m.title))?;
    for n in cat.nodes_of(r) {
        let node = cat.node(n);
        let status = state.status(n);
        let indent = "  ".repeat(node.depth);
        let mut title = node.title.clone();
        if node.is_group() {
            let (d, t) = state.units(cat, n);
            title = format!("{title} ({d}/{t})");
        }
        let mut extra = Vec::new();
        if let Some(e) = node.estimate {
            extra.push(e.to_string());
        }
        if node.optional {
            extra.push("optional".into());
        }
        if node.kind != Kind::Topic {
            extra.push(match node.pick {
                Some(p) if node.kind == Kind::Choice => format!("pick {p}"),
                _ => node.kind.as_str().to_string(),
            });
        }
        let title = if node.is_group() {
            ctx.style.bold(&title)
        } else {
            ctx.style.status(status, &title)
        };
        let line = format!(
            "{indent}{} {title}  {}",
            ctx.style.status(status, glyph(status)),
            ctx.style.dim(&extra.join(", "))
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn counts(
    ctx: &Context,
    state: &State,
    nodes: impl Iterator<Item = NodeId>,
) -> BTreeMap<Status, usize> {
    let mut c = BTreeMap::new();
    for n in nodes.filter(|&n| !ctx.catalog.node(n).is_group()) {
        *c.entry(state.status(n)).or_insert(0) += 1;
    }
    c
}

/// The summed estimate of what roadmap `r` still needs.
fn remaining(ctx: &Context, state: &State, r: usize) -> Estimate {
    let cat = &ctx.catalog;
    query::remaining(cat, state, r)
        .into_iter()
        .filter_map(|n| query::estimate_of(cat, n))
        .sum()
}

/// `skilltree stats [ROADMAP]`.
pub fn stats(
    ctx: &mut Context,
    roadmap: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let only = roadmap.map(|id| ctx.roadmap(id)).transpose()?;
    let state = ctx.state()?;
    let cat = &ctx.catalog;
    let which: Vec<usize> = match only {
        Some(r) => vec![r],
        None => (0..cat.roadmaps().len()).collect(),
    };
    let mut items = Vec::new();
    for &r in &which {
        let m = &cat.roadmaps()[r];
        let units = state.roadmap_units(cat, r);
        let by_status = counts(ctx, &state, cat.nodes_of(r));
        let left = remaining(ctx, &state, r);
        let groups: Vec<(NodeId, (u32, u32))> = cat
            .roots_of(r)
            .filter(|&g| cat.node(g).is_group())
            .map(|g| (g, state.units(cat, g)))
            .collect();
        if ctx.json {
            items.push(json!({
                "id": m.id,
                "title": m.title,
                "progress": percent(units),
                "done": units.0,
                "total": units.1,
                "counts": by_status.iter().map(|(s, c)| (s.as_str().to_string(), json!(c))).collect::<serde_json::Map<_, _>>(),
                "remaining_estimate": (left != Estimate::default()).then(|| left.to_string()),
                "groups": groups.iter().map(|&(g, u)| json!({"id": cat.node(g).id, "title": cat.node(g).title, "done": u.0, "total": u.1, "progress": percent(u)})).collect::<Vec<_>>(),
            }));
            continue;
        }
        writeln!(
            out,
            "{}  {}% ({}/{})",
            ctx.style.bold(&m.title),
            percent(units),
            units.0,
            units.1
        )?;
        let summary: Vec<String> = by_status
            .iter()
            .map(|(s, c)| format!("{c} {}", s.label()))
            .collect();
        writeln!(out, "  {}", summary.join(", "))?;
        if left != Estimate::default() {
            writeln!(out, "  remaining estimate: {left}")?;
        }
        let title_w = widest(groups.iter().map(|(g, _)| cat.node(*g).title.as_str()));
        for (g, u) in &groups {
            writeln!(
                out,
                "  {}  {}  {:>3}% ({}/{})",
                pad(&cat.node(*g).title, title_w),
                bar(percent(*u), 20),
                percent(*u),
                u.0,
                u.1
            )?;
        }
        if which.len() > 1 {
            writeln!(out)?;
        }
    }
    if ctx.json {
        return json(out, &Value::Array(items));
    }
    Ok(())
}

fn bar(pct: u32, width: usize) -> String {
    let filled = (pct as usize * width) / 100;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// `skilltree users`.
pub fn users(ctx: &mut Context, out: &mut dyn Write) -> Result<(), CliError> {
    let names = match ctx.existing_store()? {
        Some(store) => store.users()?,
        None => Vec::new(),
    };
    let mut rows = Vec::new();
    for name in names {
        let progress = ctx.store()?.statuses(&name)?;
        let state = State::evaluate(&ctx.catalog, &progress);
        let cat = &ctx.catalog;
        let (d, t) = (0..cat.roadmaps().len())
            .map(|r| state.roadmap_units(cat, r))
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        let done = progress.values().filter(|s| s.is_satisfied()).count();
        rows.push((name, done, percent((d, t))));
    }
    if ctx.json {
        let items: Vec<Value> = rows
            .iter()
            .map(|(n, done, pct)| json!({"user": n, "satisfied": done, "progress": pct}))
            .collect();
        return json(out, &Value::Array(items));
    }
    if rows.is_empty() {
        writeln!(out, "No users yet: the first change you make adds you.")?;
        return Ok(());
    }
    // Names come from a shared database: someone else's text.
    let names: Vec<String> = rows.iter().map(|r| clean_line(&r.0).into_owned()).collect();
    let w = widest(names.iter().map(String::as_str));
    for ((raw, done, pct), name) in rows.iter().zip(&names) {
        let me = if *raw == ctx.user { " (you)" } else { "" };
        writeln!(
            out,
            "{}  {}  {:>3}% overall{me}",
            pad(name, w),
            plural(*done, "topic done", "topics done"),
            pct
        )?;
    }
    Ok(())
}
