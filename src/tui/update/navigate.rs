//! Moving around: the cursor, folding, views, the graph walk, the mouse.

use crate::graph::NodeId;

use super::super::app::{App, GraphCursor};
use super::super::message::View;

pub(super) fn move_by(app: &mut App, delta: isize) {
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

pub(super) fn left(app: &mut App) {
    match app.view {
        View::Graph => graph_walk(app, -1),
        View::Tree => {
            let Some(id) = app.tree_selected() else {
                return;
            };
            if app.cat.node(id).is_group() && app.expanded[id.index()] {
                app.expanded[id.index()] = false;
                app.rebuild_rows();
            } else if let Some(p) = app.cat.parent(id) {
                app.reveal(p);
            }
        }
        View::Next | View::Stats => {}
    }
}

pub(super) fn right(app: &mut App) {
    match app.view {
        View::Graph => graph_walk(app, 1),
        View::Tree => {
            let Some(id) = app.tree_selected() else {
                return;
            };
            if !app.cat.node(id).is_group() {
                return;
            }
            if app.expanded[id.index()] {
                move_by(app, 1);
            } else {
                app.expanded[id.index()] = true;
                app.rebuild_rows();
            }
        }
        View::Next | View::Stats => {}
    }
}

pub(super) fn activate(app: &mut App) {
    match app.view {
        View::Tree => {
            let Some(id) = app.tree_selected() else {
                return;
            };
            if app.cat.node(id).is_group() {
                app.expanded[id.index()] = !app.expanded[id.index()];
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
pub(super) fn graph_walk(app: &mut App, dir: i8) {
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

pub(super) fn center_graph(app: &mut App, id: NodeId) {
    app.graph = GraphCursor {
        center: id,
        col: 0,
        row: 0,
    };
    if app.cat.roadmap_of(id) == app.roadmap {
        app.reveal(id);
    }
}

pub(super) fn show_view(app: &mut App, v: View) {
    if v == View::Graph && app.view != View::Graph {
        let id = app.selected().unwrap_or(app.graph.center);
        app.graph = GraphCursor {
            center: id,
            col: 0,
            row: 0,
        };
    }
    if app.view != v {
        // What the status line said was about the view being left.
        app.status_line.clear();
    }
    app.view = v;
}

pub(super) fn click(app: &mut App, x: u16, y: u16) {
    let on =
        |r: &ratatui::layout::Rect| x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
    if let Some(&(_, v)) = app.tab_areas.iter().find(|(r, _)| on(r)) {
        show_view(app, v);
        return;
    }
    let a = app.tree_area;
    if app.view != View::Tree || x < a.x || x >= a.x + a.width || y < a.y || y >= a.y + a.height {
        return;
    }
    let row = app.offset + usize::from(y - a.y);
    if row < app.rows.len() {
        app.cursor = row;
    }
}
