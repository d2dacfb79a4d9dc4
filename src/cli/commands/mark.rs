//! `done`, `start`, `skip`, `reset` and `undo`.

use crate::app::{Workspace, choice, history, mark};
use crate::graph::UserStatus;

use super::super::output::json;
use super::super::{CliError, Out};

/// Sets `to` on every topic in one transaction and reports what opened up.
pub fn run(
    ws: &mut Workspace,
    to: UserStatus,
    topics: &[String],
    o: &mut Out<'_>,
) -> Result<(), CliError> {
    let outcome = mark::mark_names(ws, topics, to)?;
    for w in outcome.warnings() {
        o.warning(&w)?;
    }
    if o.json {
        return json(o.out, &outcome);
    }
    for line in outcome.report() {
        writeln!(o.out, "{line}")?;
    }
    Ok(())
}

/// `skilltree choose CHOICE ALTERNATIVE`.
pub fn choose(
    ws: &mut Workspace,
    choice: &str,
    alternative: &str,
    o: &mut Out<'_>,
) -> Result<(), CliError> {
    let chose = choice::choose(ws, choice, alternative)?;
    if o.json {
        return json(o.out, &chose);
    }
    writeln!(o.out, "{}.", chose.summary())?;
    Ok(())
}

/// `skilltree undo`.
pub fn undo(ws: &mut Workspace, o: &mut Out<'_>) -> Result<(), CliError> {
    let Some(outcome) = history::undo_last(ws)? else {
        // An error in text and in JSON alike: a script must see it failed.
        return Err(CliError::input(
            history::NOTHING_TO_UNDO.to_lowercase(),
            "`skilltree log` shows your history",
        ));
    };
    if o.json {
        return json(o.out, &outcome);
    }
    for line in outcome.report() {
        writeln!(o.out, "{line}")?;
    }
    Ok(())
}
