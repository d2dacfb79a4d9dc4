//! `update`: applies one message to the state, writing changes to the store at once.
//!
//! Dispatch lives here; what each message does lives with its kind.

use crate::app::AppError;
use crate::graph::UserStatus;
use crate::progress::Store;

use super::app::{App, Mode};
use super::message::{Message, View};

mod marking;
mod navigate;
mod panels;
mod search;
mod text;

pub use panels::{finish_external_edit, switch_roadmap};

use marking::*;
use navigate::*;
use panels::*;
use search::*;

/// Applies `msg`. Store errors end up in the status line, never in a panic.
pub fn update(app: &mut App, store: &mut Store, msg: Message) {
    app.refresh_view();
    let before = app.selected();
    if let Err(e) = step(app, store, msg) {
        app.status_line = format!("Error: {e}");
    }
    app.refresh_view();
    if let Err(e) = app.refresh_activity(store) {
        app.status_line = format!("Error: {e}");
    }
    if app.selected() != before {
        app.detail_scroll = 0;
    }
}

fn step(app: &mut App, store: &mut Store, msg: Message) -> Result<(), AppError> {
    match app.mode.clone() {
        Mode::Normal => normal(app, store, msg)?,
        Mode::Help => {
            if matches!(msg, Message::ToggleHelp | Message::Cancel | Message::Quit) {
                app.mode = Mode::Normal;
            }
        }
        Mode::Search => search_key(app, msg),
        Mode::Link { url, .. } => match msg {
            Message::CopyLink => {
                app.pending_copy = Some(url);
                app.mode = Mode::Normal;
                app.status_line =
                    "Copied the link (through your terminal: OSC 52; some terminals need it enabled)"
                        .into();
            }
            Message::Cancel | Message::Quit => app.mode = Mode::Normal,
            _ => {}
        },
        Mode::Note(id) => note_key(app, store, msg, id)?,
        Mode::Locked(dialog) => dialog_key(app, store, msg, dialog)?,
        Mode::Rate(id) => rate_key(app, store, msg, id)?,
        Mode::Picker(sel) => picker_key(app, store, msg, sel)?,
        Mode::OpenPick(id) => match msg {
            Message::Choose(n) => {
                app.mode = Mode::Normal;
                open(app, id, usize::from(n));
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

fn normal(app: &mut App, store: &mut Store, msg: Message) -> Result<(), AppError> {
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
            app.input.reset();
            app.matches.clear();
            // The map searches in place; other views search in the tree.
            if app.view != View::Graph {
                app.view = View::Tree;
            }
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
        Message::PrevView => show_view(app, app.view.prev()),
        Message::ShowView(v) => show_view(app, v),
        Message::OpenResource => open_resource(app),
        Message::EditNote | Message::EditNoteExternal => match app.selected() {
            Some(id) if app.cat.node(id).is_group() => {
                app.status_line = "Groups have no notes; notes belong to the topics inside".into();
            }
            Some(id) if msg == Message::EditNoteExternal => app.pending_edit = Some(id),
            Some(id) => {
                let text = crate::app::note::of(app.cat, id, |k| app.notes.get(k).cloned())
                    .unwrap_or_default();
                app.input = tui_input::Input::new(text);
                app.mode = Mode::Note(id);
            }
            None => {}
        },
        Message::ShowPlan => show_plan(app),
        Message::FollowChoice => follow_choice(app, store)?,
        Message::Reload => app.pending_reload = true,
        Message::StartRating => start_rating(app),
        Message::Zoom => zoom(app),
        Message::ToPrerequisite => follow(app, false),
        Message::ToDependent => follow(app, true),
        Message::SwitchRoadmap => app.mode = Mode::Picker(app.roadmap.index()),
        Message::Click { x, y } => click(app, x, y),
        Message::Input(_)
        | Message::Backspace
        | Message::Edit(_)
        | Message::CopyLink
        | Message::Rate(_)
        | Message::Confirm
        | Message::Choose(_) => {}
    }
    Ok(())
}
