//! The note editor, the roadmap and link pickers, and the plan highlight.

use crate::app::AppError;
use crate::app::{choice, note};
use crate::graph::query::Unmade;
use crate::graph::{NodeId, RoadmapIx, query};
use crate::progress::Store;

use super::super::app::{App, LAST_ROADMAP, Mode};
use super::super::map::MapState;
use super::super::message::Message;
use super::text::edit;

pub(super) fn note_key(
    app: &mut App,
    store: &mut Store,
    msg: Message,
    id: NodeId,
) -> Result<(), AppError> {
    if edit(app, msg) {
        return Ok(());
    }
    match msg {
        Message::Cancel => {
            app.mode = Mode::Normal;
            app.status_line = "Note not changed".into();
        }
        Message::Confirm => {
            app.mode = Mode::Normal;
            let text = app.input.value().to_string();
            let saved = note::save(app.cat, store, &app.user, id, &text)?;
            app.reload(store)?;
            app.status_line = saved.summary();
        }
        _ => {}
    }
    Ok(())
}

/// Saves what the user's editor gave back for `id`'s note, or says why not.
pub fn finish_external_edit(
    app: &mut App,
    store: &mut Store,
    id: NodeId,
    edited: Result<String, AppError>,
) {
    let result = edited.and_then(|text| note::save(app.cat, store, &app.user, id, &text));
    app.status_line = match result {
        Ok(saved) => {
            let _ = app.reload(store);
            saved.summary()
        }
        Err(e) => format!("Note not changed: {e}"),
    };
}

pub(super) fn picker_key(
    app: &mut App,
    store: &mut Store,
    msg: Message,
    sel: usize,
) -> Result<(), AppError> {
    let n = app.cat.roadmaps().len();
    match msg {
        Message::MoveUp => app.mode = Mode::Picker(sel.saturating_sub(1)),
        Message::MoveDown => app.mode = Mode::Picker((sel + 1).min(n.saturating_sub(1))),
        Message::Cancel | Message::Quit => app.mode = Mode::Normal,
        Message::Confirm => {
            app.mode = Mode::Normal;
            switch_roadmap(app, store, RoadmapIx::new(sel))?;
        }
        _ => {}
    }
    Ok(())
}

/// Shows roadmap `r` and remembers it for next time.
pub fn switch_roadmap(app: &mut App, store: &mut Store, r: RoadmapIx) -> Result<(), AppError> {
    if r.index() >= app.cat.roadmaps().len() {
        return Ok(());
    }
    app.roadmap = r;
    app.rows.clear();
    app.cursor = 0;
    app.offset = 0;
    app.next_cursor = 0;
    app.query.clear();
    app.matches.clear();
    app.unlocked.clear();
    app.plan.clear();
    app.plan_for = None;
    app.map = MapState::new(app.cat.nodes_of(r).first());
    app.recompute();
    app.rebuild_rows();
    let id = app.cat.roadmap(r).id.clone();
    store.set_setting(&app.user, LAST_ROADMAP, &id)?;
    app.status_line = format!("Opened {}", app.title());
    Ok(())
}

/// `c`: the alternative the selection sits in becomes the one its choice
/// follows; plans and the remaining estimate take it from now on.
pub(super) fn follow_choice(app: &mut App, store: &mut Store) -> Result<(), AppError> {
    let Some(id) = app.selected() else {
        return Ok(());
    };
    let Some((choice_node, alternative)) = choice::enclosing(app.cat, id) else {
        app.status_line = format!(
            "{} is not an alternative of a choice; c picks the one to follow",
            app.cat.node(id).title
        );
        return Ok(());
    };
    let chose = choice::save(app.cat, store, &app.user, choice_node, alternative)?;
    app.reload_notes(store)?;
    app.recompute();
    // A highlighted plan follows the new choice.
    if let Some(t) = app.plan_for {
        app.plan = query::plan_steps(app.cat, &app.state, t, &app.chosen, Unmade::Ask)
            .into_iter()
            .map(query::Step::node)
            .collect();
    }
    app.status_line = chose.summary();
    Ok(())
}

pub(super) fn show_plan(app: &mut App) {
    let Some(id) = app.selected() else { return };
    if app.plan_for == Some(id) {
        app.plan.clear();
        app.plan_for = None;
        app.status_line.clear();
        return;
    }
    let plan: Vec<NodeId> = query::plan_steps(app.cat, &app.state, id, &app.chosen, Unmade::Ask)
        .into_iter()
        .map(query::Step::node)
        .collect();
    let title = &app.cat.node(id).title;
    app.status_line = match plan.len() {
        0 => format!("{title} needs nothing more"),
        n => format!(
            "{title} still needs {n} topic{}: highlighted",
            if n == 1 { "" } else { "s" }
        ),
    };
    for &n in &plan {
        if app.cat.roadmap_of(n) == app.roadmap {
            app.unfold_to(n);
        }
    }
    app.rebuild_rows();
    app.plan = plan.into_iter().collect();
    app.plan_for = Some(id);
}

pub(super) fn open_resource(app: &mut App) {
    let Some(id) = app.selected() else { return };
    let node = app.cat.node(id);
    match node.resources.len() {
        0 => app.status_line = format!("{} has no resources", node.title),
        1 => open(app, id, 1),
        n => {
            app.mode = Mode::OpenPick(id);
            app.status_line = format!("Open which resource? 1–{}, Esc cancels", n.min(9));
        }
    }
}

pub(super) fn open(app: &mut App, id: NodeId, n: usize) {
    let Some(r) = n
        .checked_sub(1)
        .and_then(|i| app.cat.node(id).resources.get(i))
    else {
        app.status_line = format!("No resource {n}");
        return;
    };
    match (app.opener)(&r.url) {
        Ok(()) => app.status_line = format!("Opening {}", r.url),
        // The whole link, where it can be read and copied, not cut in a status line.
        Err(e) => {
            app.status_line = "Could not open a browser".into();
            app.mode = Mode::Link {
                url: r.url.clone(),
                why: e.to_string(),
            };
        }
    }
}
