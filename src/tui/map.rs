//! The map view's state: the laid-out maps (once per roadmap, both zooms,
//! each on first use), the selection, where the window looks, and walking.

use crate::app::map::{Map, too_big, top_of};
use crate::graph::layout::{BOX_H, BOX_W, TooBig};
use crate::graph::{Catalog, NodeId, RoadmapIx};

/// A direction to walk in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// Towards prerequisites.
    Left,
    /// Towards what needs it.
    Right,
    /// Up the screen.
    Up,
    /// Down the screen.
    Down,
}

/// Where the map view is.
#[derive(Debug)]
pub struct MapState {
    /// The roadmap the maps below belong to.
    roadmap: Option<RoadmapIx>,
    /// Every topic a box (or why not: too big).
    inner: Option<Result<Map, TooBig>>,
    /// Each top-level group a box.
    outer: Option<Map>,
    /// Which of the two is shown.
    pub zoomed_out: bool,
    /// The selected node: a topic zoomed in, a top-level node zoomed out.
    pub selected: NodeId,
    /// The layout cell at the window's top-left corner.
    pub scroll: (u32, u32),
    /// The window's size, when last drawn.
    pub window: (u32, u32),
    /// Scroll to put the selection in the middle on the next frame.
    pub recenter: bool,
    /// Pass-through slots a zoomed-in layout may take (see [`crate::app::map::BUDGET`]).
    pub budget: usize,
}

impl MapState {
    /// Nothing laid out yet; `first` selected.
    pub fn new(first: NodeId) -> MapState {
        MapState {
            roadmap: None,
            inner: None,
            outer: None,
            zoomed_out: false,
            selected: first,
            scroll: (0, 0),
            window: (0, 0),
            recenter: true,
            budget: crate::app::map::BUDGET,
        }
    }

    /// Lays out roadmap `r` if not done yet (both zooms are kept; progress
    /// does not move a box). Returns a note when the map is too big to draw
    /// topic by topic and opens zoomed out.
    pub fn prepare(&mut self, cat: &Catalog, r: RoadmapIx) -> Option<String> {
        if self.roadmap != Some(r) {
            self.roadmap = Some(r);
            self.inner = None;
            self.outer = None;
            self.recenter = true;
        }
        if self.zoomed_out {
            if self.outer.is_none() {
                self.outer = Map::new(cat, r, true).ok();
            }
        } else if self.inner.is_none() {
            let inner = Map::within(cat, r, false, self.budget);
            if let Err(big) = inner {
                self.inner = Some(inner);
                self.zoomed_out = true;
                let note = too_big(big);
                self.select(cat, self.selected);
                self.prepare(cat, r);
                return Some(note);
            }
            self.inner = Some(inner);
        }
        self.select(cat, self.selected);
        None
    }

    /// The map shown, once laid out.
    pub fn current(&self) -> Option<&Map> {
        if self.zoomed_out {
            self.outer.as_ref()
        } else {
            self.inner.as_ref().and_then(|m| m.as_ref().ok())
        }
    }

    /// Whether zooming in is refused (the roadmap is too big).
    pub fn too_big(&self) -> Option<TooBig> {
        self.inner.as_ref().and_then(|m| m.as_ref().err().copied())
    }

    /// Selects `id`, or what stands for it at this zoom: its top-level
    /// group zoomed out, a group's first topic zoomed in.
    pub fn select(&mut self, cat: &Catalog, id: NodeId) {
        let before = self.selected;
        self.selected = if self.zoomed_out {
            top_of(cat, id)
        } else {
            first_topic(cat, id)
        };
        if before != self.selected {
            self.recenter |= self.current().is_none();
        }
    }

    /// The selection's box: `(x, y)` of its corner.
    pub fn selected_box(&self, cat: &Catalog) -> Option<(u32, u32)> {
        let map = self.current()?;
        map.layout.box_at(map.index(cat, self.selected)?)
    }

    /// Moves the selection to the nearest box in `dir`; walking left or
    /// right prefers a box the selection is joined to by an arrow.
    /// Whether it moved.
    pub fn step(&mut self, cat: &Catalog, dir: Dir) -> bool {
        let Some(map) = self.current() else {
            return false;
        };
        let Some(here) = map.index(cat, self.selected) else {
            return false;
        };
        let Some((col, slot)) = map.layout.place[here] else {
            return false;
        };
        let cols = &map.layout.columns;
        let y = cols[col as usize].slots[slot as usize].y;
        let boxes = |c: usize| {
            cols[c]
                .slots
                .iter()
                .filter_map(|s| s.node.map(|n| (n, s.y)))
        };
        let found = match dir {
            Dir::Left | Dir::Right => {
                let order: Vec<usize> = if dir == Dir::Left {
                    (0..col as usize).rev().collect()
                } else {
                    (col as usize + 1..cols.len()).collect()
                };
                order.into_iter().find_map(|c| {
                    let me = map.nodes[here];
                    let joined = |n: usize| {
                        let other = map.nodes[n];
                        if dir == Dir::Left {
                            cat.all_requires(me)
                                .any(|r| r == other || cat.is_ancestor(r, other))
                        } else {
                            cat.all_requires(other)
                                .any(|r| r == me || cat.is_ancestor(r, me))
                        }
                    };
                    let near = |it: &(usize, u32)| it.1.abs_diff(y);
                    let linked = if map.zoomed_out {
                        None
                    } else {
                        boxes(c).filter(|&(n, _)| joined(n)).min_by_key(near)
                    };
                    linked.or_else(|| boxes(c).min_by_key(near)).map(|b| b.0)
                })
            }
            Dir::Up | Dir::Down => {
                let mut by_distance: Vec<usize> = (0..cols.len()).collect();
                by_distance.sort_by_key(|&c| c.abs_diff(col as usize));
                by_distance.into_iter().find_map(|c| {
                    let slots = &cols[c].slots;
                    // Slots are sorted by row: the first box above or below.
                    let at = slots.partition_point(|s| s.y < y);
                    if dir == Dir::Up {
                        slots[..at].iter().rev().find_map(|s| s.node)
                    } else {
                        let after = slots.partition_point(|s| s.y <= y);
                        slots[after..].iter().find_map(|s| s.node)
                    }
                })
            }
        };
        match found {
            Some(n) => {
                self.selected = map.nodes[n];
                true
            }
            None => false,
        }
    }

    /// Switches zoom; the selection follows (into its group, or out to it).
    pub fn toggle_zoom(&mut self, cat: &Catalog) -> Result<(), TooBig> {
        if self.zoomed_out
            && let Some(big) = self.too_big()
        {
            return Err(big);
        }
        self.zoomed_out = !self.zoomed_out;
        let sel = self.selected;
        self.select(cat, sel);
        self.recenter = true;
        Ok(())
    }

    /// Scrolls so the selection is on screen in a `w`×`h` window (the
    /// middle, after a jump); returns the window's corner.
    pub fn pan(&mut self, cat: &Catalog, w: u32, h: u32) -> (u32, u32) {
        self.window = (w, h);
        let Some((bx, by)) = self.selected_box(cat) else {
            return self.scroll;
        };
        let (mut sx, mut sy) = self.scroll;
        if self.recenter {
            sx = (bx + BOX_W / 2).saturating_sub(w / 2);
            sy = (by + BOX_H / 2).saturating_sub(h / 2);
            self.recenter = false;
        }
        // Keep a margin so the arrows next to it show.
        let margin_x = (w.saturating_sub(BOX_W) / 2).min(8);
        let margin_y = (h.saturating_sub(BOX_H) / 2).min(2);
        if bx < sx + margin_x {
            sx = bx.saturating_sub(margin_x);
        } else if bx + BOX_W + margin_x > sx + w {
            sx = (bx + BOX_W + margin_x).saturating_sub(w);
        }
        if by < sy + margin_y {
            sy = by.saturating_sub(margin_y);
        } else if by + BOX_H + margin_y > sy + h {
            sy = (by + BOX_H + margin_y).saturating_sub(h);
        }
        self.scroll = (sx, sy);
        self.scroll
    }
}

/// `id` if it is a topic, else the first topic inside it.
fn first_topic(cat: &Catalog, id: NodeId) -> NodeId {
    let mut n = id;
    while let Some(c) = cat.children(n).next() {
        n = c;
    }
    n
}

/// The nodes `id` needs directly (its own and its groups' prerequisites),
/// or that need it (or a group around it), on roadmap `r`.
pub fn neighbours(cat: &Catalog, id: NodeId, r: RoadmapIx, forward: bool) -> Vec<NodeId> {
    let mut out: Vec<NodeId> = if forward {
        std::iter::successors(Some(id), |&n| cat.parent(n))
            .flat_map(|n| cat.dependents(n).iter().copied())
            .collect()
    } else {
        cat.all_requires(id).collect()
    };
    out.retain(|&n| cat.roadmap_of(n) == r);
    let mut seen = std::collections::HashSet::new();
    out.retain(|n| seen.insert(*n));
    out
}
