//! Marking topics, undo, and the dialog for marking a locked topic.

use crate::cli::output::{command_word, past_tense};
use crate::graph::UserStatus;
use crate::graph::{NodeId, Status, query};
use crate::progress::{Change, Store, StoreError};
use crate::roadmap::sanitize::clean_line;

use super::super::app::{App, LockedDialog, Mode};
use super::super::message::Message;

/// `d`, `s`, `x`: mark the selection, or return it to todo if it already has that status.
pub(super) fn mark(app: &mut App, store: &mut Store, to: UserStatus) -> Result<(), StoreError> {
    let Some(id) = app.selected() else {
        app.status_line = "Nothing selected here; press 1 for the tree".into();
        return Ok(());
    };
    let node = app.cat.node(id);
    if node.is_group() {
        app.status_line = format!("{} is a group: mark the topics inside it", node.title);
        return Ok(());
    }
    let to = if app.state.user(id) == to {
        UserStatus::Todo
    } else {
        to
    };
    if to != UserStatus::Todo && app.state.status(id) == Status::Locked {
        let needs: Vec<NodeId> = query::plan(app.cat, &app.state, id)
            .into_iter()
            .filter(|&n| n != id)
            .collect();
        app.mode = Mode::Locked(LockedDialog {
            node: id,
            to,
            needs,
            choice: 0,
        });
        return Ok(());
    }
    let command = format!("{} {}", command_word(to), app.cat.qualified(id));
    apply(app, store, &command, id, &[(id, to)])
}

/// Writes `changes` as one batch, re-evaluates, and says what changed and opened up.
pub(super) fn apply(
    app: &mut App,
    store: &mut Store,
    command: &str,
    main: NodeId,
    changes: &[(NodeId, UserStatus)],
) -> Result<(), StoreError> {
    let cat = app.cat;
    // Clearing former keys too: the status set is the one that counts.
    let list: Vec<Change> = changes
        .iter()
        .flat_map(|&(id, to)| query::changes(cat, id, to))
        .collect();
    let before = app.state.clone();
    let applied = store.apply(&app.user, command, &list)?;
    app.reload(store)?;
    let unlocked = query::newly_available(cat, &before, &app.state);
    app.unlocked = unlocked.iter().copied().collect();
    // Unfold the groups around what opened up, so the highlight can be seen.
    for &n in &unlocked {
        if cat.roadmap_of(n) == app.roadmap {
            app.unfold_to(n);
        }
    }
    app.rebuild_rows();
    app.plan.clear();
    app.plan_for = None;
    let title = &cat.node(main).title;
    let to = changes
        .iter()
        .find(|(id, _)| *id == main)
        .map_or(UserStatus::Done, |c| c.1);
    let mut line = if applied.is_empty() {
        format!("{title} is already {}", app.state.user(main).label())
    } else if changes.len() > 1 {
        format!(
            "{}: {title} and {} prerequisites",
            past_tense(to),
            changes.len() - 1
        )
    } else {
        format!("{}: {title}", past_tense(to))
    };
    if !unlocked.is_empty() {
        let names: Vec<&str> = unlocked
            .iter()
            .map(|&n| cat.node(n).title.as_str())
            .collect();
        line.push_str(" — unlocked ");
        line.push_str(&names.join(", "));
    }
    app.status_line = line;
    Ok(())
}

pub(super) fn undo(app: &mut App, store: &mut Store) -> Result<(), StoreError> {
    match store.undo(&app.user)? {
        None => app.status_line = "Nothing to undo".into(),
        Some(batch) => {
            app.reload(store)?;
            app.unlocked.clear();
            app.status_line = format!("Undid `{}`", clean_line(&batch.command));
        }
    }
    Ok(())
}

pub(super) fn dialog_key(
    app: &mut App,
    store: &mut Store,
    msg: Message,
    mut dialog: LockedDialog,
) -> Result<(), StoreError> {
    let choice = match msg {
        Message::MoveUp | Message::MoveDown => {
            // Option 1 (with prerequisites) exists only when there are some.
            let options: &[usize] = if dialog.needs.is_empty() {
                &[0, 2]
            } else {
                &[0, 1, 2]
            };
            let at = options
                .iter()
                .position(|&o| o == dialog.choice)
                .unwrap_or(0);
            let next = if msg == Message::MoveUp {
                at + options.len() - 1
            } else {
                at + 1
            };
            dialog.choice = options[next % options.len()];
            app.mode = Mode::Locked(dialog);
            return Ok(());
        }
        Message::Choose(n) => usize::from(n).saturating_sub(1),
        Message::Confirm => dialog.choice,
        Message::Cancel | Message::Quit => 2,
        _ => return Ok(()),
    };
    app.mode = Mode::Normal;
    let id = dialog.node;
    let q = app.cat.qualified(id);
    match choice {
        0 => apply(
            app,
            store,
            &format!("{} {q}", command_word(dialog.to)),
            id,
            &[(id, dialog.to)],
        ),
        1 if !dialog.needs.is_empty() => {
            let mut changes: Vec<(NodeId, UserStatus)> = dialog
                .needs
                .iter()
                .map(|&n| (n, UserStatus::Done))
                .collect();
            changes.push((id, dialog.to));
            // Prerequisites are marked done whatever the key: say so in the history.
            let needs: Vec<String> = dialog.needs.iter().map(|&n| app.cat.qualified(n)).collect();
            let command = if dialog.to == UserStatus::Done {
                format!("done {} {q}", needs.join(" "))
            } else {
                format!("done {}; {} {q}", needs.join(" "), command_word(dialog.to))
            };
            apply(app, store, &command, id, &changes)
        }
        _ => {
            app.status_line = format!("Left {} as it was", app.cat.node(id).title);
            Ok(())
        }
    }
}
