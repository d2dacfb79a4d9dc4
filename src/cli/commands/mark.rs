//! `done`, `start`, `skip`, `reset` and `undo`: the commands that change progress.

use std::io::Write;

use serde_json::{Value, json};

use crate::graph::UserStatus;
use crate::graph::{NodeId, State, query};
use crate::progress::{Applied, Change};

use super::super::output::{command_word, json, past_tense};
use super::super::{CliError, Context};
use super::label;
use crate::roadmap::sanitize::clean_line;

/// Sets `to` on every topic in one transaction and reports what opened up.
pub fn run(
    ctx: &mut Context,
    to: UserStatus,
    topics: &[String],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), CliError> {
    let mut targets: Vec<NodeId> = Vec::new();
    for t in topics {
        let id = ctx.resolve(t, true)?;
        let node = ctx.catalog.node(id);
        if node.is_group() {
            return Err(CliError::input(
                format!("`{t}` is a group; its status comes from its children"),
                format!("mark the topics inside it, or see them with `skilltree plan {t}`"),
            ));
        }
        if !targets
            .iter()
            .any(|&o| ctx.catalog.key(o) == ctx.catalog.key(id))
        {
            targets.push(id);
        }
    }
    let before = ctx.state()?;
    let cat = &ctx.catalog;
    if to != UserStatus::Todo {
        for &id in &targets {
            let unmet = query::unmet(cat, &before, id);
            let marked_too =
                |u: &NodeId| targets.iter().any(|t| *t == *u || cat.is_ancestor(*u, *t));
            let missing: Vec<String> = unmet
                .iter()
                .filter(|u| !marked_too(u))
                .map(|&u| label(cat, u))
                .collect();
            if !missing.is_empty() {
                writeln!(
                    err,
                    "{} {} is locked; still needed: {}",
                    ctx.style.warn("warning:"),
                    cat.node(id).title,
                    missing.join(", ")
                )?;
            }
        }
    }
    // Clearing former keys too: the status set is the one that counts.
    let changes: Vec<Change> = targets
        .iter()
        .flat_map(|&id| query::changes(cat, id, to))
        .collect();
    let command = format!("{} {}", command_word(to), topics.join(" "));
    let user = ctx.user.clone();
    let applied = ctx.store()?.apply(&user, &command, &changes)?;
    let after = ctx.state()?;
    report(ctx, &before, &after, &targets, &applied, out)
}

fn report(
    ctx: &Context,
    before: &State,
    after: &State,
    targets: &[NodeId],
    applied: &[Applied],
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let cat = &ctx.catalog;
    let unlocked = query::newly_available(cat, before, after);
    let node_of = |key: &str| {
        targets
            .iter()
            .copied()
            .find(|&t| cat.key(t) == key || cat.alias_keys(t).iter().any(|a| a == key))
    };
    if ctx.json {
        let changed: Vec<Value> = applied
            .iter()
            .map(|Applied { key, from, to }| {
                let node = node_of(key);
                json!({
                    "roadmap": node.map(|n| cat.roadmap_id(n).to_string()),
                    "id": node.map(|n| cat.node(n).id.clone()),
                    "topic": key,
                    "from": from.as_str(),
                    "to": to.as_str(),
                })
            })
            .collect();
        let opened: Vec<Value> = unlocked
            .iter()
            .map(|&n| json!({"roadmap": cat.roadmap_id(n), "id": cat.node(n).id, "title": cat.node(n).title}))
            .collect();
        return json(out, &json!({"changed": changed, "unlocked": opened}));
    }
    // What the user sees is the effective status, former keys included.
    for &id in targets {
        let title = &cat.node(id).title;
        let now = after.user(id);
        if before.user(id) == now {
            writeln!(out, "{title} is already {}", now.label())?;
        } else {
            writeln!(out, "{}: {title}", ctx.style.bold(past_tense(now)))?;
        }
    }
    if !unlocked.is_empty() {
        let names: Vec<String> = unlocked.iter().map(|&n| label(cat, n)).collect();
        writeln!(out, "Unlocked: {}", names.join(", "))?;
    }
    Ok(())
}

/// `skilltree undo`.
pub fn undo(ctx: &mut Context, out: &mut dyn Write) -> Result<(), CliError> {
    let user = ctx.user.clone();
    let Some(batch) = ctx.store()?.undo(&user)? else {
        if ctx.json {
            return json(out, &Value::Null);
        }
        return Err(CliError::input(
            "nothing to undo",
            "`skilltree log` shows your history",
        ));
    };
    let index = ctx.catalog.key_index();
    let cat = &ctx.catalog;
    if ctx.json {
        let entries: Vec<Value> = batch
            .entries
            .iter()
            // The reversal, in the same terms as done/log: from what, to what.
            .map(|e| {
                let (was, back) = (e.change.to_text(), e.change.from_text());
                json!({"topic": e.key, "kind": e.change.kind(), "from": was, "to": back})
            })
            .collect();
        return json(
            out,
            &json!({
                "undone": batch.command,
                "at": batch.at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
                "entries": entries,
            }),
        );
    }
    writeln!(out, "Undid `{}`", clean_line(&batch.command))?;
    for e in &batch.entries {
        let name = index
            .get(e.key.as_str())
            .and_then(|n| n.first())
            .map_or_else(
                || clean_line(&e.key).into_owned(),
                |&n| cat.node(n).title.clone(),
            );
        match &e.change {
            crate::progress::Delta::Status { from, .. } => {
                writeln!(out, "  {name}: back to {}", from.label())?;
            }
            crate::progress::Delta::Note { .. } => writeln!(out, "  {name}: note restored")?,
        }
    }
    Ok(())
}
