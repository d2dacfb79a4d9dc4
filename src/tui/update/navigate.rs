//! Moving around: the cursor, folding, views, the graph walk, the mouse.

use super::super::app::App;
use super::super::map::{Dir, neighbours};
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
            let dir = if delta < 0 { Dir::Up } else { Dir::Down };
            // A page or the ends move box by box, a bounded number of times.
            for _ in 0..delta.unsigned_abs().min(64) {
                if !app.map.step(app.cat, dir) {
                    break;
                }
            }
        }
    }
}

pub(super) fn left(app: &mut App) {
    match app.view {
        View::Graph => walk(app, Dir::Left),
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
        View::Graph => walk(app, Dir::Right),
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
            let id = app.map.selected;
            app.reveal(id);
            app.view = View::Tree;
            app.status_line = format!("{}: in the tree (3 for the map)", app.cat.node(id).title);
        }
        View::Stats => {}
    }
}

/// Walks the map to the nearest box in `dir`.
pub(super) fn walk(app: &mut App, dir: Dir) {
    if !app.map.step(app.cat, dir) {
        app.status_line = match dir {
            Dir::Left => "Nothing further left: this is where the roadmap starts",
            Dir::Right => "Nothing further right: this is where the roadmap ends",
            Dir::Up => "Nothing above",
            Dir::Down => "Nothing below",
        }
        .into();
    }
}

/// Follows an arrow from the map's selection: to the prerequisite (or
/// dependent) drawn nearest to it, naming the others.
pub(super) fn follow(app: &mut App, forward: bool) {
    if app.view != View::Graph {
        app.status_line = "[ and ] follow arrows on the map (3)".into();
        return;
    }
    let here = app.map.selected;
    let cat = app.cat;
    let mut near = neighbours(cat, here, app.roadmap, forward);
    if app.map.zoomed_out {
        // Arrows between groups: what anything inside needs.
        let inside: Vec<_> = cat
            .nodes_of(app.roadmap)
            .filter(|&n| crate::app::map::top_of(cat, n) == here)
            .collect();
        near = inside
            .iter()
            .flat_map(|&n| neighbours(cat, n, app.roadmap, forward))
            .map(|n| crate::app::map::top_of(cat, n))
            .filter(|&n| n != here)
            .collect();
        let mut seen = std::collections::HashSet::new();
        near.retain(|n| seen.insert(*n));
    }
    let title = &cat.node(here).title;
    let Some(&first) = near.first() else {
        app.status_line = if forward {
            format!("Nothing needs {title}")
        } else {
            format!("{title} needs nothing first")
        };
        return;
    };
    let y = app.map.selected_box(cat).map_or(0, |b| b.1);
    let target = near
        .iter()
        .copied()
        .min_by_key(|&n| {
            app.map.select(cat, n);
            app.map
                .selected_box(cat)
                .map_or(u32::MAX, |b| b.1.abs_diff(y))
        })
        .unwrap_or(first);
    app.map.select(cat, target);
    app.map.recenter = true;
    let names: Vec<&str> = near.iter().map(|&n| cat.node(n).title.as_str()).collect();
    app.status_line = if forward {
        format!("{title} is needed by: {}", names.join(", "))
    } else {
        format!("{title} needs: {}", names.join(", "))
    };
}

pub(super) fn show_view(app: &mut App, v: View) {
    if v == View::Graph
        && app.view != View::Graph
        && let Some(id) = app.selected()
    {
        app.map.select(app.cat, id);
        app.map.recenter = true;
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

/// `z`: the map zoomed out to its groups, or back in.
pub(super) fn zoom(app: &mut App) {
    if app.view != View::Graph {
        app.status_line = "z zooms the map (3)".into();
        return;
    }
    match app.map.toggle_zoom(app.cat) {
        Ok(()) => {
            app.refresh_view();
            app.status_line = if app.map.zoomed_out {
                "Zoomed out: each group one box (z zooms in)".into()
            } else {
                "Zoomed in: every topic (z zooms out)".into()
            };
        }
        Err(big) => app.status_line = crate::app::map::too_big(big),
    }
}
