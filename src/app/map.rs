//! The map: a roadmap drawn as a layered graph (see [`crate::graph::layout`]),
//! zoomed in (every topic a box, groups as frames) or zoomed out (each
//! top-level group one box, arrows between groups). The terminal UI walks
//! it; `show --format map` prints it whole.

use serde::Serialize;

use crate::graph::layout::draw::{self, Ink, Window, cut};
use crate::graph::layout::{BOX_W, Input, Layout, TooBig};
use crate::graph::{Catalog, NodeId, RoadmapIx, State, Status};

use super::words::glyph;
use super::{AppError, Workspace, resolve};

/// Pass-through slots a zoomed-in map may take before it is too big to lay
/// out quickly (long arrows on a huge roadmap); past it, the map opens
/// zoomed out.
pub const BUDGET: usize = 100_000;

/// A roadmap's map, laid out once.
#[derive(Debug, Clone)]
pub struct Map {
    /// The roadmap.
    pub roadmap: RoadmapIx,
    /// Each top-level item one box.
    pub zoomed_out: bool,
    /// The node behind each layout index.
    pub nodes: Vec<NodeId>,
    /// The picture.
    pub layout: Layout,
}

impl Map {
    /// Lays out roadmap `r`.
    pub fn new(cat: &Catalog, r: RoadmapIx, zoomed_out: bool) -> Result<Map, TooBig> {
        Map::within(cat, r, zoomed_out, BUDGET)
    }

    /// Lays out roadmap `r`, refusing past `budget` pass-through slots.
    pub fn within(
        cat: &Catalog,
        r: RoadmapIx,
        zoomed_out: bool,
        budget: usize,
    ) -> Result<Map, TooBig> {
        let (input, nodes) = if zoomed_out {
            outline(cat, r)
        } else {
            whole(cat, r)
        };
        Ok(Map {
            roadmap: r,
            zoomed_out,
            layout: Layout::new(&input, budget)?,
            nodes,
        })
    }

    /// The layout index of `id`, if it is on this map.
    pub fn index(&self, cat: &Catalog, id: NodeId) -> Option<usize> {
        let first = cat.nodes_of(self.roadmap).first().index();
        if self.zoomed_out {
            let top = top_of(cat, id);
            self.nodes.iter().position(|&n| n == top)
        } else {
            id.index()
                .checked_sub(first)
                .filter(|&i| i < self.nodes.len())
        }
    }

    /// What node `i`'s box or frame says: status glyph and title; a group's
    /// done/total units. `state` is `None` for a blank map.
    pub fn label(&self, cat: &Catalog, state: Option<&State>, i: usize) -> String {
        let id = self.nodes[i];
        let title = &cat.node(id).title;
        let mut out = match state {
            Some(s) if !cat.is_group(id) || self.zoomed_out => {
                format!("{} {title}", glyph(s.status(id)))
            }
            _ => title.clone(),
        };
        if let (Some(s), true) = (state, cat.is_group(id)) {
            let (d, t) = s.units(cat, id);
            let count = format!(" {d}/{t}");
            if self.zoomed_out {
                // A box: the title is cut to keep the count, as in the tree.
                use unicode_width::UnicodeWidthStr;
                let room = (BOX_W as usize - 4).saturating_sub(count.width());
                out = cut(&out, room);
            }
            out.push_str(&count);
        }
        out
    }
}

/// The top-level node `id` sits under (itself at the top).
pub fn top_of(cat: &Catalog, id: NodeId) -> NodeId {
    let mut top = id;
    while let Some(p) = cat.parent(top) {
        top = p;
    }
    top
}

/// Every node of the roadmap; arrows within it (another roadmap's topics
/// are not drawn).
fn whole(cat: &Catalog, r: RoadmapIx) -> (Input, Vec<NodeId>) {
    let nodes: Vec<NodeId> = cat.nodes_of(r).collect();
    let first = cat.nodes_of(r).first().index();
    let local = |n: NodeId| n.index() - first;
    let mut input = Input {
        parent: nodes.iter().map(|&n| cat.parent(n).map(local)).collect(),
        edges: Vec::new(),
    };
    for &n in &nodes {
        for &req in cat.requires(n) {
            if cat.roadmap_of(req) == r {
                input.edges.push((local(req), local(n)));
            }
        }
    }
    (input, nodes)
}

/// Each top-level node one box; an arrow where anything in one needs
/// anything in another.
fn outline(cat: &Catalog, r: RoadmapIx) -> (Input, Vec<NodeId>) {
    let nodes: Vec<NodeId> = cat.roots_of(r).collect();
    let first = cat.nodes_of(r).first().index();
    let mut slot = vec![usize::MAX; cat.nodes_of(r).len()];
    for (i, &n) in nodes.iter().enumerate() {
        slot[n.index() - first] = i;
    }
    let mut edges = std::collections::HashSet::new();
    for n in cat.nodes_of(r) {
        let to = slot[top_of(cat, n).index() - first];
        for &req in cat.requires(n) {
            if cat.roadmap_of(req) == r {
                let from = slot[top_of(cat, req).index() - first];
                if from != to {
                    edges.insert((from, to));
                }
            }
        }
    }
    let mut edges: Vec<(usize, usize)> = edges.into_iter().collect();
    edges.sort_unstable();
    let input = Input {
        parent: vec![None; nodes.len()],
        edges,
    };
    (input, nodes)
}

/// `show --format map`: the whole map as text, each row in runs that carry
/// the status they show (for colour).
#[derive(Debug, Clone, Serialize)]
pub struct Picture {
    /// The roadmap's title.
    pub title: String,
    /// Whether it is zoomed out (asked for, or the roadmap is too big).
    pub zoomed_out: bool,
    /// Why it is zoomed out when that was not asked for.
    pub note: Option<String>,
    /// Rows of `(text, status)` runs; `None` for lines and frames.
    pub rows: Vec<Vec<(String, Option<Status>)>>,
}

/// The map of `roadmap` as text; `status` false draws a blank map.
pub fn picture(
    ws: &mut Workspace,
    roadmap: &str,
    zoomed_out: bool,
    status: bool,
) -> Result<Picture, AppError> {
    let r = resolve::roadmap(&ws.catalog, roadmap)?;
    let state = if status { Some(ws.state()?) } else { None };
    let cat = &ws.catalog;
    let (map, note) = match Map::new(cat, r, zoomed_out) {
        Ok(m) => (m, None),
        Err(big) => (
            Map::new(cat, r, true).map_err(|b| {
                AppError::input(
                    too_big(b),
                    "show it as an outline or another picture instead",
                )
            })?,
            Some(too_big(big)),
        ),
    };
    let l = &map.layout;
    let win = Window {
        x: 0,
        y: 0,
        w: l.width,
        h: l.height,
    };
    let label = |i| map.label(cat, state.as_ref(), i);
    let paint = draw::Paint {
        label: &label,
        selected: None,
        lit: None,
    };
    let canvas = draw::draw(l, win, &paint);
    let rows = (0..canvas.h)
        .map(|y| {
            let mut runs: Vec<(String, Option<Status>)> = Vec::new();
            for x in 0..canvas.w {
                let (c, ink) = canvas.at(x, y);
                if c == '\0' {
                    continue;
                }
                let s = match (ink, &state) {
                    (Ink::Text(i), Some(st)) => Some(st.status(map.nodes[i])),
                    _ => None,
                };
                match runs.last_mut() {
                    Some((text, last)) if *last == s => text.push(c),
                    _ => runs.push((c.to_string(), s)),
                }
            }
            if let Some((text, None)) = runs.last_mut() {
                text.truncate(text.trim_end().len());
            }
            runs.retain(|(t, _)| !t.is_empty());
            runs
        })
        .collect();
    Ok(Picture {
        title: cat.roadmap(r).title.clone(),
        zoomed_out: map.zoomed_out,
        note,
        rows,
    })
}

/// Why a map opens zoomed out.
pub fn too_big(big: TooBig) -> String {
    format!(
        "This roadmap is too big to draw topic by topic (its long arrows would pass through {} columns' worth of slots); showing its groups instead.",
        big.slots
    )
}
