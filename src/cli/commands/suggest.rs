//! `next` and `plan`.

use crate::app::Workspace;
use crate::app::suggest::{self, DEFAULT_COUNT};
use crate::app::words::{glyph, leads_to, plural};

use super::super::output::{bold, dim, json, pad, status, widest};
use super::super::{CliError, Out};

/// `skilltree next [ROADMAP] [--all]`.
pub fn next(
    ws: &mut Workspace,
    roadmap: Option<&str>,
    all: bool,
    o: &mut Out<'_>,
) -> Result<(), CliError> {
    let list = suggest::next(ws, roadmap, (!all).then_some(DEFAULT_COUNT))?;
    if o.json {
        return json(o.out, &list.steps);
    }
    let due = crate::app::review::list(ws)?.due.len();
    if due > 0 {
        writeln!(
            o.out,
            "{} due for review first: `skilltree review`",
            plural(due, "topic", "topics")
        )?;
    }
    if list.steps.is_empty() {
        writeln!(
            o.out,
            "Nothing to learn next: everything reachable is done. 🎉"
        )?;
        return Ok(());
    }
    let names: Vec<String> = list.steps.iter().map(|s| s.qualified()).collect();
    let name_w = widest(names.iter().map(String::as_str));
    let title_w = widest(list.steps.iter().map(|s| s.title.as_str())).min(40);
    for (s, name) in list.steps.iter().zip(&names) {
        let unlocks = if s.unlocks > 0 {
            leads_to(s.unlocks, s.unlocks_exact)
        } else {
            String::new()
        };
        let line = format!(
            "{} {}  {}  {}",
            status(s.status, glyph(s.status)),
            status(s.status, &pad(name, name_w)),
            pad(&s.title, title_w),
            dim(&unlocks)
        );
        writeln!(o.out, "{}", line.trim_end())?;
    }
    if list.total > list.steps.len() {
        writeln!(
            o.out,
            "{}",
            dim(&format!(
                "… and {} more (--all shows them)",
                list.total - list.steps.len()
            ))
        )?;
    }
    Ok(())
}

/// `skilltree plan TOPIC`.
pub fn plan(ws: &mut Workspace, topic: &str, o: &mut Out<'_>) -> Result<(), CliError> {
    let plan = suggest::plan(ws, topic)?;
    if o.json {
        return json(o.out, &plan.steps);
    }
    if plan.steps.is_empty() {
        writeln!(o.out, "{} is already {}.", plan.title, plan.status.label())?;
        return Ok(());
    }
    writeln!(
        o.out,
        "{} to {}:",
        plural(plan.steps.len(), "step", "steps"),
        bold(&plan.title)
    )?;
    let names: Vec<String> = plan.steps.iter().map(|s| s.qualified()).collect();
    let name_w = widest(names.iter().map(String::as_str));
    let num_w = plan.steps.len().to_string().len();
    for (i, (s, name)) in plan.steps.iter().zip(&names).enumerate() {
        let what = if s.is_choice() {
            format!("one of: {}", s.alternatives.join(" | "))
        } else {
            s.title.clone()
        };
        let line = format!(
            "{:>num_w$}. {} {}  {what}  {}",
            i + 1,
            status(s.status, glyph(s.status)),
            pad(name, name_w),
            dim(&s.estimate.map(|e| e.to_string()).unwrap_or_default())
        );
        writeln!(o.out, "{}", line.trim_end())?;
    }
    writeln!(o.out, "Estimated: {}", plan.estimate.describe())?;
    if plan.steps.iter().any(|s| s.is_choice()) {
        writeln!(
            o.out,
            "{}",
            dim(
                "A choice counts its quickest alternative; `skilltree choose CHOICE ALTERNATIVE` settles it."
            )
        )?;
    }
    if let Some(finish) = &plan.finish {
        writeln!(o.out, "{}", crate::app::words::capitalised(&finish.text))?;
    }
    Ok(())
}
