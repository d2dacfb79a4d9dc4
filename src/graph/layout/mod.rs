//! A roadmap as a picture on a character grid: a layered (Sugiyama-style)
//! drawing, prerequisites left of what needs them.
//!
//! Steps, each in its own file: [`rank`] puts every topic in a column (a
//! layer) after everything it needs; [`order`] gives every group a band of
//! rows (so a group is a frame around its members, never an arrow), adds
//! pass-through slots for arrows longer than one column and orders each
//! column with a few barycenter sweeps; [`place`] turns that into cells:
//! boxes, arrow segments with their tracks, frames. [`draw`] paints any
//! window of the result, so a front end draws only what is on screen.
//!
//! Pure: no I/O, no terminal. Near linear: every step is a bounded number
//! of passes over nodes, edges and pass-through slots.

pub mod draw;
mod order;
mod place;
mod rank;

/// Width of a topic's box, borders included.
pub const BOX_W: u32 = 24;
/// Height of a topic's box: border, text, border.
pub const BOX_H: u32 = 3;
/// Rows from one slot of a column to the next (a box and a blank row).
pub const SLOT_H: u32 = BOX_H + 1;
/// Nested groups drawn as frames; deeper groups lend their members to the
/// frame around them (each level of frames widens every column gap).
pub const MAX_FRAME_DEPTH: usize = 3;
/// Vertical arrow tracks per gap between columns; more arrows share them.
pub const MAX_TRACKS: u32 = 6;

/// What to lay out: nodes by index, each with its group, and the arrows.
#[derive(Debug, Clone, Default)]
pub struct Input {
    /// `parent[i]`: the group node `i` sits in. A node with children is a
    /// group (a frame); any other node is a box.
    pub parent: Vec<Option<usize>>,
    /// Prerequisite arrows `(needed, needs)`, between any two nodes.
    pub edges: Vec<(usize, usize)>,
}

/// The picture, in character cells.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Columns needed.
    pub width: u32,
    /// Rows needed.
    pub height: u32,
    /// The layers, left to right.
    pub columns: Vec<Column>,
    /// `gaps[l]`: the arrow pieces between column `l` and `l + 1`.
    pub gaps: Vec<Vec<Segment>>,
    /// Frames around groups, outer ones first.
    pub frames: Vec<Frame>,
    /// Where each input node's box is: `(column, slot)`; `None` for groups.
    pub place: Vec<Option<(u32, u32)>>,
    /// Arrows left out because they close a cycle (none in a valid roadmap).
    pub hidden: usize,
}

/// One layer: a column of boxes and pass-through slots.
#[derive(Debug, Clone, Default)]
pub struct Column {
    /// The x of its boxes' left border.
    pub x: u32,
    /// Its slots, top to bottom.
    pub slots: Vec<Slot>,
}

/// A box, or an arrow passing through a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// The top row.
    pub y: u32,
    /// The node whose box this is; `None` for an arrow passing through
    /// (drawn on row `y + 1`, across the column).
    pub node: Option<usize>,
}

/// One arrow piece across a gap: right from `from`, along column `track`
/// to the row of `to`, then right to `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Where it starts (the cell right of a box or frame).
    pub from: (u32, u32),
    /// The column of its vertical part.
    pub track: u32,
    /// Where it ends (the cell left of a box or frame, or a pass-through).
    pub to: (u32, u32),
    /// Whether it ends in an arrowhead (it reaches a box or a frame).
    pub head: bool,
    /// The arrow's start (a box or a frame, by input node) and, for the
    /// piece that reaches it, its end; `None` on a bus (shared by arrows).
    pub ends: (usize, Option<usize>),
}

/// A labelled frame around a group's members.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    /// The group.
    pub node: usize,
    /// Left column.
    pub x: u32,
    /// Top row (the label sits on it).
    pub y: u32,
    /// Width.
    pub w: u32,
    /// Height.
    pub h: u32,
    /// 0 for a top-level group.
    pub depth: u32,
}

/// The layout would need more pass-through slots than allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooBig {
    /// Pass-through slots it would take.
    pub slots: usize,
}

impl Layout {
    /// Lays out `input`; refuses (before any costly step) when long arrows
    /// would need more than `budget` pass-through slots.
    pub fn new(input: &Input, budget: usize) -> Result<Layout, TooBig> {
        let tree = rank::Tree::of(input);
        let ranks = rank::ranks(input, &tree);
        let ordered = order::order(input, &tree, &ranks, budget)?;
        Ok(place::place(input, &tree, &ranks, &ordered))
    }

    /// The box of node `i`: `(x, y)` of its top-left corner.
    pub fn box_at(&self, i: usize) -> Option<(u32, u32)> {
        let (c, s) = self.place.get(i).copied().flatten()?;
        let col = &self.columns[c as usize];
        Some((col.x, col.slots[s as usize].y))
    }

    /// The boxes placed, as `(node, x, y)`.
    pub fn boxes(&self) -> impl Iterator<Item = (usize, u32, u32)> + '_ {
        self.columns.iter().flat_map(|c| {
            c.slots
                .iter()
                .filter_map(move |s| s.node.map(|n| (n, c.x, s.y)))
        })
    }
}

#[cfg(test)]
mod tests;
