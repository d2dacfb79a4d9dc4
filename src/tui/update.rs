//! `update`: applies one message to the state, writing changes to the store at once.

use crate::graph::{NodeId, Status, query};
use crate::progress::{Change, Store, StoreError, UserStatus};

use super::app::{App, GraphCursor, LAST_ROADMAP, LockedDialog, Mode};
use super::message::{Message, View};

/// Applies `msg`. Store errors end up in the status line, never in a panic.
pub fn update(app: &mut App, store: &mut Store, msg: Message) {
    let before = app.selected();
    if let Err(e) = step(app, store, msg) {
        app.status_line = format!("Error: {e}");
    }
    if app.selected() != before {
        app.detail_scroll = 0;
    }
}

fn step(app: &mut App, store: &mut Store, msg: Message) -> Result<(), StoreError> {
    match app.mode.clone() {
        Mode::Normal => normal(app, store, msg)?,
        Mode::Help => {
            if matches!(msg, Message::ToggleHelp | Message::Cancel | Message::Quit) {
                app.mode = Mode::Normal;
            }
        }
        Mode::Search => search_key(app, msg),
        Mode::Note(text) => note_key(app, store, msg, text)?,
        Mode::Locked(dialog) => dialog_key(app, store, msg, dialog)?,
        Mode::Picker(sel) => picker_key(app, store, msg, sel)?,
        Mode::OpenPick => match msg {
            Message::Choose(n) => {
                app.mode = Mode::Normal;
                open(app, usize::from(n));
            }
            Message::Cancel => {
                app.mode = Mode::Normal;
                app.status_line.clear();
            }
            _ => {}
        },
    }
    Ok(())
}

fn normal(app: &mut App, store: &mut Store, msg: Message) -> Result<(), StoreError> {
    match msg {
        Message::Quit => app.quit = true,
        Message::ToggleHelp => app.mode = Mode::Help,
        Message::MoveUp => move_by(app, -1),
        Message::MoveDown => move_by(app, 1),
        Message::ScrollUp => move_by(app, -3),
        Message::ScrollDown => move_by(app, 3),
        Message::PageUp => move_by(app, -(app.page.max(1) as isize)),
        Message::PageDown => move_by(app, app.page.max(1) as isize),
        Message::Top => move_by(app, isize::MIN / 2),
        Message::Bottom => move_by(app, isize::MAX / 2),
        Message::Left => left(app),
        Message::Right => right(app),
        Message::Activate => activate(app),
        Message::MarkDone => mark(app, store, UserStatus::Done)?,
        Message::MarkStarted => mark(app, store, UserStatus::InProgress)?,
        Message::MarkSkipped => mark(app, store, UserStatus::Skipped)?,
        Message::Undo => undo(app, store)?,
        Message::DetailDown => app.detail_scroll = app.detail_scroll.saturating_add(3),
        Message::DetailUp => app.detail_scroll = app.detail_scroll.saturating_sub(3),
        Message::StartSearch => {
            app.mode = Mode::Search;
            app.query.clear();
            app.matches.clear();
            app.view = View::Tree;
            app.status_line.clear();
        }
        Message::NextMatch => step_match(app, true),
        Message::PrevMatch => step_match(app, false),
        Message::Cancel => {
            app.query.clear();
            app.matches.clear();
            app.unlocked.clear();
            app.plan.clear();
            app.plan_for = None;
            app.status_line.clear();
        }
        Message::NextView => show_view(app, app.view.next()),
        Message::ShowView(v) => show_view(app, v),
        Message::OpenResource => open_resource(app),
        Message::EditNote => {
            if let Some(id) = app.selected() {
                app.mode = Mode::Note(app.notes.get(app.cat.key(id)).cloned().unwrap_or_default());
            }
        }
        Message::ShowPlan => show_plan(app),
        Message::SwitchRoadmap => app.mode = Mode::Picker(app.roadmap),
        Message::Click { x, y } => click(app, x, y),
        Message::Input(_) | Message::Backspace | Message::Confirm | Message::Choose(_) => {}
    }
    Ok(())
}

fn move_by(app: &mut App, delta: isize) {
    let apply = |cur: usize, len: usize| -> usize {
        if len == 0 {
            return 0;
        }
        cur.saturating_add_signed(delta).min(len - 1)
    };
    match app.view {
        View::Tree => app.cursor = apply(app.cursor, app.rows.len()),
        View::Stats => {}
        View::Next => app.next_cursor = apply(app.next_cursor, app.next.len()),
        View::Graph => {
            let len = match app.graph.col {
                -1 => app.graph_left().len(),
                1 => app.graph_right().len(),
                _ => 1,
            };
            app.graph.row = apply(app.graph.row, len);
        }
    }
}

fn left(app: &mut App) {
    match app.view {
        View::Graph => graph_walk(app, -1),
        View::Tree => {
            let Some(id) = app.tree_selected() else {
                return;
            };
            if app.cat.node(id).is_group() && app.expanded[id] {
                app.expanded[id] = false;
                app.rebuild_rows();
            } else if let Some(p) = app.cat.parent(id) {
                app.reveal(p);
            }
        }
        View::Next | View::Stats => {}
    }
}

fn right(app: &mut App) {
    match app.view {
        View::Graph => graph_walk(app, 1),
        View::Tree => {
            let Some(id) = app.tree_selected() else {
                return;
            };
            if !app.cat.node(id).is_group() {
                return;
            }
            if app.expanded[id] {
                move_by(app, 1);
            } else {
                app.expanded[id] = true;
                app.rebuild_rows();
            }
        }
        View::Next | View::Stats => {}
    }
}

fn activate(app: &mut App) {
    match app.view {
        View::Tree => {
            let Some(id) = app.tree_selected() else {
                return;
            };
            if app.cat.node(id).is_group() {
                app.expanded[id] = !app.expanded[id];
                app.rebuild_rows();
            } else {
                app.status_line = "Enter folds groups; d, s, x mark a topic".into();
            }
        }
        View::Next => {
            if let Some(s) = app.next.get(app.next_cursor) {
                let id = s.node;
                app.reveal(id);
                app.view = View::Tree;
            }
        }
        View::Graph => {
            let id = app.graph_selected();
            center_graph(app, id);
        }
        View::Stats => {}
    }
}

/// Moves the graph cursor one column; from a side column, walks onto that node.
fn graph_walk(app: &mut App, dir: i8) {
    let g = app.graph;
    if g.col == dir {
        let id = app.graph_selected();
        if id != g.center {
            center_graph(app, id);
        }
        return;
    }
    if g.col == -dir {
        app.graph.col = 0;
        app.graph.row = 0;
        return;
    }
    let side = if dir < 0 {
        app.graph_left()
    } else {
        app.graph_right()
    };
    if side.is_empty() {
        app.status_line = if dir < 0 {
            format!("{} needs nothing first", app.cat.node(g.center).title)
        } else {
            format!("Nothing waits for {}", app.cat.node(g.center).title)
        };
    } else {
        app.graph.col = dir;
        app.graph.row = 0;
    }
}

fn center_graph(app: &mut App, id: NodeId) {
    app.graph = GraphCursor {
        center: id,
        col: 0,
        row: 0,
    };
    if app.cat.roadmap_of(id) == app.roadmap {
        app.reveal(id);
    }
}

fn show_view(app: &mut App, v: View) {
    if v == View::Graph && app.view != View::Graph {
        let id = app.selected().unwrap_or(app.graph.center);
        app.graph = GraphCursor {
            center: id,
            col: 0,
            row: 0,
        };
    }
    app.view = v;
}

fn verb(to: UserStatus) -> &'static str {
    match to {
        UserStatus::Done => "done",
        UserStatus::InProgress => "start",
        UserStatus::Skipped => "skip",
        UserStatus::Todo => "reset",
    }
}

fn past(to: UserStatus) -> &'static str {
    match to {
        UserStatus::Done => "Done",
        UserStatus::InProgress => "Started",
        UserStatus::Skipped => "Skipped",
        UserStatus::Todo => "Back to todo",
    }
}

/// `d`, `s`, `x`: mark the selection, or return it to todo if it already has that status.
fn mark(app: &mut App, store: &mut Store, to: UserStatus) -> Result<(), StoreError> {
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
    let command = format!("{} {}", verb(to), app.cat.qualified(id));
    apply(app, store, &command, id, &[(id, to)])
}

/// Writes `changes` as one batch, re-evaluates, and says what changed and opened up.
fn apply(
    app: &mut App,
    store: &mut Store,
    command: &str,
    main: NodeId,
    changes: &[(NodeId, UserStatus)],
) -> Result<(), StoreError> {
    let cat = app.cat;
    let list: Vec<Change> = changes
        .iter()
        .map(|&(id, to)| Change {
            key: cat.key(id).to_string(),
            to,
        })
        .collect();
    let before = app.state.clone();
    let applied = store.apply(&app.user, command, &list)?;
    app.reload(store)?;
    let unlocked = query::newly_available(cat, &before, &app.state);
    app.unlocked = unlocked.iter().copied().collect();
    // Unfold the groups around what opened up, so the highlight can be seen.
    for &n in &unlocked {
        if cat.roadmap_of(n) == app.roadmap {
            let mut cur = cat.parent(n);
            while let Some(p) = cur {
                app.expanded[p] = true;
                cur = cat.parent(p);
            }
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
        format!(
            "{title} is already {}",
            app.state.user(main).as_str().replace('_', " ")
        )
    } else if changes.len() > 1 {
        format!(
            "{}: {title} and {} prerequisites",
            past(to),
            changes.len() - 1
        )
    } else {
        format!("{}: {title}", past(to))
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

fn undo(app: &mut App, store: &mut Store) -> Result<(), StoreError> {
    match store.undo(&app.user)? {
        None => app.status_line = "Nothing to undo".into(),
        Some(batch) => {
            app.reload(store)?;
            app.unlocked.clear();
            app.status_line = format!("Undid `{}`", batch.command);
        }
    }
    Ok(())
}

fn dialog_key(
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
            &format!("{} {q}", verb(dialog.to)),
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
            let mut names: Vec<String> =
                dialog.needs.iter().map(|&n| app.cat.qualified(n)).collect();
            names.push(q);
            let command = format!("{} {}", verb(dialog.to), names.join(" "));
            apply(app, store, &command, id, &changes)
        }
        _ => {
            app.status_line = format!("Left {} as it was", app.cat.node(id).title);
            Ok(())
        }
    }
}

fn matches_query(app: &App, id: NodeId, q: &str) -> bool {
    let node = app.cat.node(id);
    node.title.to_lowercase().contains(q)
        || node
            .summary
            .as_deref()
            .is_some_and(|s| s.to_lowercase().contains(q))
        || node.tags.iter().any(|t| t.to_lowercase().contains(q))
}

fn search_key(app: &mut App, msg: Message) {
    match msg {
        Message::Input(c) => app.query.push(c),
        Message::Backspace => {
            app.query.pop();
        }
        Message::Confirm => {
            app.mode = Mode::Normal;
            app.status_line = match app.matches.len() {
                0 if app.query.is_empty() => String::new(),
                0 => format!("No match for “{}”", app.query),
                n => format!("{n} matches for “{}” — n/N to step, Esc clears", app.query),
            };
            return;
        }
        Message::Cancel => {
            app.mode = Mode::Normal;
            app.query.clear();
            app.matches.clear();
            return;
        }
        _ => return,
    }
    let q = app.query.to_lowercase();
    app.matches = if q.is_empty() {
        Vec::new()
    } else {
        app.cat
            .nodes_of(app.roadmap)
            .filter(|&id| matches_query(app, id, &q))
            .collect()
    };
    // Incremental: stay on the current match if it still matches, else the next one down.
    let here = app.tree_selected().unwrap_or(0);
    if let Some(&m) = app
        .matches
        .iter()
        .find(|&&m| m >= here)
        .or(app.matches.first())
    {
        app.reveal(m);
    }
}

fn step_match(app: &mut App, forward: bool) {
    if app.matches.is_empty() {
        app.status_line = if app.query.is_empty() {
            "No search; press / to search".into()
        } else {
            format!("No match for “{}”", app.query)
        };
        return;
    }
    let here = app.tree_selected().unwrap_or(0);
    let m = if forward {
        app.matches
            .iter()
            .copied()
            .find(|&m| m > here)
            .unwrap_or(app.matches[0])
    } else {
        app.matches
            .iter()
            .copied()
            .rev()
            .find(|&m| m < here)
            .unwrap_or(app.matches[app.matches.len() - 1])
    };
    app.view = View::Tree;
    app.reveal(m);
    let pos = app.matches.iter().position(|&x| x == m).unwrap_or(0) + 1;
    app.status_line = format!("Match {pos} of {} for “{}”", app.matches.len(), app.query);
}

fn note_key(
    app: &mut App,
    store: &mut Store,
    msg: Message,
    mut text: String,
) -> Result<(), StoreError> {
    match msg {
        Message::Input(c) => {
            if text.chars().count() < 2000 {
                text.push(c);
            }
            app.mode = Mode::Note(text);
        }
        Message::Backspace => {
            text.pop();
            app.mode = Mode::Note(text);
        }
        Message::Cancel => {
            app.mode = Mode::Normal;
            app.status_line = "Note not changed".into();
        }
        Message::Confirm => {
            app.mode = Mode::Normal;
            let Some(id) = app.selected() else {
                return Ok(());
            };
            let text = text.trim();
            let key = app.cat.key(id).to_string();
            let changed = store.set_note(&app.user, &key, Some(text).filter(|t| !t.is_empty()))?;
            app.reload(store)?;
            let title = &app.cat.node(id).title;
            app.status_line = match (changed, text.is_empty()) {
                (false, _) => format!("Note for {title} unchanged"),
                (true, true) => format!("Cleared the note for {title}"),
                (true, false) => format!("Saved the note for {title}"),
            };
        }
        _ => {}
    }
    Ok(())
}

fn picker_key(
    app: &mut App,
    store: &mut Store,
    msg: Message,
    sel: usize,
) -> Result<(), StoreError> {
    let n = app.cat.roadmaps().len();
    match msg {
        Message::MoveUp => app.mode = Mode::Picker(sel.saturating_sub(1)),
        Message::MoveDown => app.mode = Mode::Picker((sel + 1).min(n.saturating_sub(1))),
        Message::Cancel | Message::Quit => app.mode = Mode::Normal,
        Message::Confirm => {
            app.mode = Mode::Normal;
            switch_roadmap(app, store, sel)?;
        }
        _ => {}
    }
    Ok(())
}

/// Shows roadmap `r` and remembers it for next time.
pub fn switch_roadmap(app: &mut App, store: &mut Store, r: usize) -> Result<(), StoreError> {
    if r >= app.cat.roadmaps().len() {
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
    app.recompute();
    app.rebuild_rows();
    app.graph = GraphCursor {
        center: app.cat.nodes_of(r).start,
        col: 0,
        row: 0,
    };
    let id = app.cat.roadmaps()[r].id.clone();
    store.set_setting(&app.user, LAST_ROADMAP, &id)?;
    app.status_line = format!("Opened {}", app.title());
    Ok(())
}

fn show_plan(app: &mut App) {
    let Some(id) = app.selected() else { return };
    if app.plan_for == Some(id) {
        app.plan.clear();
        app.plan_for = None;
        app.status_line.clear();
        return;
    }
    let plan = query::plan(app.cat, &app.state, id);
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
            let mut cur = app.cat.parent(n);
            while let Some(p) = cur {
                if !app.expanded[p] {
                    app.expanded[p] = true;
                }
                cur = app.cat.parent(p);
            }
        }
    }
    app.rebuild_rows();
    app.plan = plan.into_iter().collect();
    app.plan_for = Some(id);
}

fn open_resource(app: &mut App) {
    let Some(id) = app.selected() else { return };
    let node = app.cat.node(id);
    match node.resources.len() {
        0 => app.status_line = format!("{} has no resources", node.title),
        1 => open(app, 1),
        n => {
            app.mode = Mode::OpenPick;
            app.status_line = format!("Open which resource? 1–{}, Esc cancels", n.min(9));
        }
    }
}

fn open(app: &mut App, n: usize) {
    let Some(id) = app.selected() else { return };
    let Some(r) = n
        .checked_sub(1)
        .and_then(|i| app.cat.node(id).resources.get(i))
    else {
        app.status_line = format!("No resource {n}");
        return;
    };
    app.status_line = match (app.opener)(&r.url) {
        Ok(()) => format!("Opening {}", r.url),
        Err(e) => format!("Could not open a browser ({e}); the link is {}", r.url),
    };
}

fn click(app: &mut App, x: u16, y: u16) {
    let a = app.tree_area;
    if app.view != View::Tree || x < a.x || x >= a.x + a.width || y < a.y || y >= a.y + a.height {
        return;
    }
    let row = app.offset + usize::from(y - a.y);
    if row < app.rows.len() {
        app.cursor = row;
    }
}
