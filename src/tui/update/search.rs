//! Incremental search over titles, summaries and tags.

use super::super::app::{App, Mode};
use super::super::message::{Message, View};
use super::super::search_index::SearchIndex;
use super::text::edit;

pub(super) fn search_key(app: &mut App, msg: Message) {
    match msg {
        _ if edit(app, msg) => app.query = app.input.value().to_string(),
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
            app.input.reset();
            app.matches.clear();
            return;
        }
        _ => return,
    }
    let q = app.query.to_lowercase();
    let roadmap = app.roadmap;
    let index = match &mut app.search_index {
        Some(index) if index.is_for(roadmap) => index,
        slot => slot.insert(SearchIndex::new(app.cat, roadmap)),
    };
    app.matches = index.find(&q);
    // Incremental: stay on the current match if it still matches, else the next one down.
    let here = here(app);
    if let Some(&m) = app
        .matches
        .iter()
        .find(|&&m| m >= here)
        .or(app.matches.first())
    {
        show_match(app, m);
    }
}

pub(super) fn step_match(app: &mut App, forward: bool) {
    if app.matches.is_empty() {
        app.status_line = if app.query.is_empty() {
            "No search; press / to search".into()
        } else {
            format!("No match for “{}”", app.query)
        };
        return;
    }
    let here = here(app);
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
    if app.view != View::Graph {
        app.view = View::Tree;
    }
    show_match(app, m);
    let pos = app.matches.iter().position(|&x| x == m).unwrap_or(0) + 1;
    app.status_line = format!("Match {pos} of {} for “{}”", app.matches.len(), app.query);
}

/// Selects match `m` where the user is looking: on the map, or in the tree.
fn show_match(app: &mut App, m: crate::graph::NodeId) {
    if app.view == View::Graph {
        app.map.select(app.cat, m);
        app.map.recenter = true;
    } else {
        app.reveal(m);
    }
}

/// Where a search steps from: the map's selection, or the tree's.
fn here(app: &App) -> crate::graph::NodeId {
    let at = if app.view == View::Graph {
        Some(app.map.selected)
    } else {
        app.tree_selected()
    };
    at.unwrap_or(app.cat.nodes_of(app.roadmap).first())
}
