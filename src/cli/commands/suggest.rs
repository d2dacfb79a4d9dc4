//! `next` and `plan`: what to learn, and in what order.

use std::io::Write;

use serde_json::Value;

use crate::graph::query;
use crate::roadmap::Estimate;

use super::super::output::{glyph, json, pad, widest};
use super::super::{CliError, Context};
use super::suggestion_json;

const DEFAULT_COUNT: usize = 10;

/// `skilltree next [ROADMAP] [--all]`.
pub fn next(
    ctx: &mut Context,
    roadmap: Option<&str>,
    all: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let r = roadmap.map(|id| ctx.roadmap(id)).transpose()?;
    let state = ctx.state()?;
    let cat = &ctx.catalog;
    let mut list = query::next(cat, &state, r);
    let total = list.len();
    if !all {
        list.truncate(DEFAULT_COUNT);
    }
    if ctx.json {
        let items: Vec<Value> = list
            .iter()
            .map(|s| suggestion_json(cat, &state, s.node, s.unlocks))
            .collect();
        return json(out, &Value::Array(items));
    }
    if list.is_empty() {
        writeln!(
            out,
            "Nothing to learn next: everything reachable is done. 🎉"
        )?;
        return Ok(());
    }
    let names: Vec<String> = list.iter().map(|s| cat.qualified(s.node)).collect();
    let name_w = widest(names.iter().map(String::as_str));
    let title_w = widest(list.iter().map(|s| cat.node(s.node).title.as_str())).min(40);
    for (s, name) in list.iter().zip(&names) {
        let st = ctx.style;
        let unlocks = if s.unlocks > 0 {
            format!("unlocks {}", s.unlocks)
        } else {
            String::new()
        };
        let line = format!(
            "{} {}  {}  {}",
            st.status(s.status, glyph(s.status)),
            st.status(s.status, &pad(name, name_w)),
            pad(&cat.node(s.node).title, title_w),
            st.dim(&unlocks)
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    if total > list.len() {
        writeln!(
            out,
            "{}",
            ctx.style.dim(&format!(
                "… and {} more (--all shows them)",
                total - list.len()
            ))
        )?;
    }
    Ok(())
}

/// `skilltree plan TOPIC`.
pub fn plan(ctx: &mut Context, topic: &str, out: &mut dyn Write) -> Result<(), CliError> {
    // Prerequisites differ per roadmap, so a shared id must be named in full.
    let target = ctx.resolve(topic, false)?;
    let state = ctx.state()?;
    let cat = &ctx.catalog;
    let steps = query::plan(cat, &state, target);
    if ctx.json {
        let counts = query::unlock_counts(cat, &state, &steps);
        let items: Vec<Value> = steps
            .iter()
            .zip(counts)
            .map(|(&n, unlocks)| suggestion_json(cat, &state, n, unlocks))
            .collect();
        return json(out, &Value::Array(items));
    }
    let node = cat.node(target);
    if steps.is_empty() {
        writeln!(
            out,
            "{} is already {}.",
            node.title,
            state.status(target).label()
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "{} steps to {}:",
        steps.len(),
        ctx.style.bold(&node.title)
    )?;
    let names: Vec<String> = steps.iter().map(|&n| cat.qualified(n)).collect();
    let name_w = widest(names.iter().map(String::as_str));
    let num_w = steps.len().to_string().len();
    let mut total = Estimate::default();
    let mut unknown = 0;
    for (i, (&n, name)) in steps.iter().zip(&names).enumerate() {
        let status = state.status(n);
        let est = query::estimate_of(cat, n);
        match est {
            Some(e) => total = total + e,
            None => unknown += 1,
        }
        let line = format!(
            "{:>num_w$}. {} {}  {}  {}",
            i + 1,
            ctx.style.status(status, glyph(status)),
            pad(name, name_w),
            cat.node(n).title,
            ctx.style
                .dim(&est.map(|e| e.to_string()).unwrap_or_default())
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    let estimate = if total == Estimate::default() {
        "no estimates given".to_string()
    } else if unknown > 0 {
        format!(
            "{total} for the {} steps with estimates",
            steps.len() - unknown
        )
    } else {
        total.to_string()
    };
    writeln!(out, "Estimated: {estimate}")?;
    Ok(())
}
