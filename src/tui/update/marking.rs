//! Marking topics, undo, and the dialog for marking a locked topic. What a
//! change does and how it is described comes from [`crate::app`].

use crate::app::history::{self, NOTHING_TO_UNDO};
use crate::app::mark::{self, MarkRequest};
use crate::app::review;
use crate::app::{AppError, NodeRef};
use crate::graph::query::Unmade;
use crate::graph::{Status, UserStatus, query};
use crate::progress::Store;

use super::super::app::{App, LockedDialog, Mode};
use super::super::message::Message;

/// `d`, `s`, `x`: mark the selection, or return it to todo if it already has that status.
pub(super) fn mark(app: &mut App, store: &mut Store, to: UserStatus) -> Result<(), AppError> {
    let Some(id) = app.selected() else {
        app.status_line = "Nothing selected here; press 1 for the tree".into();
        return Ok(());
    };
    let node = app.cat.node(id);
    if node.is_group() {
        app.status_line = format!("{} is a group: mark the topics inside it", node.title);
        return Ok(());
    }
    // Pressed again, a marking key takes the topic back to the status it had
    // before the first press (done, not todo, after `s` `s` on a done topic).
    let now = app.state.user(id);
    let to = match app.toggled {
        Some((n, before, set)) if n == id && set == to && now == to => before,
        _ if now == to => UserStatus::Todo,
        _ => to,
    };
    app.toggled = (to != now).then_some((id, now, to));
    if to != UserStatus::Todo && app.state.status(id) == Status::Locked {
        // Choices not made are not made for the user: they are listed instead.
        let steps = query::plan_steps(app.cat, &app.state, id, &app.chosen, Unmade::Ask);
        let (mut needs, mut choices) = (Vec::new(), Vec::new());
        for step in steps {
            match step {
                query::Step::Learn(n) if n != id => needs.push(n),
                query::Step::Learn(_) => {}
                query::Step::Choose(c) => choices.push(c),
            }
        }
        app.mode = Mode::Locked(LockedDialog {
            node: id,
            to,
            needs,
            choices,
            choice: 0,
        });
        return Ok(());
    }
    let request = MarkRequest::with_prerequisites(app.cat, id, to, Vec::new());
    apply(app, store, &request)
}

/// Writes `request` as one batch, and shows what changed and opened up.
pub(super) fn apply(
    app: &mut App,
    store: &mut Store,
    request: &MarkRequest,
) -> Result<(), AppError> {
    let cat = app.cat;
    let (outcome, after) = mark::apply(cat, store, &app.user, &app.state, request)?;
    app.state = after;
    app.reload_notes(store)?;
    app.recompute();
    app.unlocked = outcome.unlocked_nodes.iter().copied().collect();
    // Unfold the groups around what opened up, so the highlight can be seen.
    for &n in &outcome.unlocked_nodes {
        if cat.roadmap_of(n) == app.roadmap {
            app.unfold_to(n);
        }
    }
    app.rebuild_rows();
    app.plan.clear();
    app.plan_for = None;
    app.status_line = outcome.summary();
    if request.to == UserStatus::Done && app.reviews_on {
        app.status_line.push_str(" — v rates how well you know it");
    }
    Ok(())
}

/// `v`: asks how well the selected done topic is known.
pub(super) fn start_rating(app: &mut App) {
    match app.selected() {
        Some(id) if !app.cat.is_group(id) && app.state.user(id) == UserStatus::Done => {
            app.mode = Mode::Rate(id);
            app.status_line = format!(
                "How well do you know {}? a again · h hard · g good · e easy · Esc not now",
                app.cat.node(id).title
            );
        }
        Some(_) => {
            app.status_line = "Reviews are of topics you have done: mark it done first".into()
        }
        None => app.status_line = "Nothing selected here; press 1 for the tree".into(),
    }
}

/// A rating key while rating: records the review and says when it is due next.
pub(super) fn rate_key(
    app: &mut App,
    store: &mut Store,
    msg: Message,
    id: crate::graph::NodeId,
) -> Result<(), AppError> {
    match msg {
        Message::Rate(rating) => {
            app.mode = Mode::Normal;
            let command = format!("review {} {}", app.cat.qualified(id), rating.as_str());
            let rated = review::record(app.cat, store, &app.user, &[id], &command, rating)?;
            app.reviews_on = true;
            app.read_learning(store)?;
            app.status_line = rated.summary(store.time_zone()).join("; ");
        }
        Message::Cancel | Message::Quit => {
            app.mode = Mode::Normal;
            app.status_line.clear();
        }
        _ => {}
    }
    Ok(())
}

pub(super) fn undo(app: &mut App, store: &mut Store) -> Result<(), AppError> {
    match history::undo(app.cat, store, &app.user)? {
        None => app.status_line = NOTHING_TO_UNDO.into(),
        Some(outcome) => {
            // Only the topics the undo touched are read again and re-evaluated.
            let keys: Vec<&str> = (outcome.entries.iter())
                .filter(|e| !e.is_note)
                .map(|e| e.topic.as_str())
                .collect();
            mark::refresh_keys(app.cat, store, &app.user, &mut app.state, &keys)?;
            app.reload_notes(store)?;
            app.recompute();
            app.unlocked.clear();
            app.status_line = outcome.summary();
        }
    }
    Ok(())
}

pub(super) fn dialog_key(
    app: &mut App,
    store: &mut Store,
    msg: Message,
    mut dialog: LockedDialog,
) -> Result<(), AppError> {
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
    let request = match choice {
        0 => MarkRequest::with_prerequisites(app.cat, id, dialog.to, Vec::new()),
        1 if !dialog.needs.is_empty() => {
            MarkRequest::with_prerequisites(app.cat, id, dialog.to, dialog.needs)
        }
        _ => {
            app.status_line = format!("Left {} as it was", NodeRef::new(app.cat, id).title);
            return Ok(());
        }
    };
    apply(app, store, &request)
}
