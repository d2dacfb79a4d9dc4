//! Cells: where each column starts (gaps wide enough for the frames'
//! borders and the arrows' tracks), the arrow pieces, the frames.
//!
//! A gap between columns, left to right: the right borders of frames that
//! end there (outermost last), the vertical tracks, the left borders of
//! frames that start after it (outermost first), the arrowhead cell.

use std::collections::HashMap;

use super::order::{Ordered, first_of, last_of};
use super::rank::{End, Ranks, Tree};
use super::{BOX_W, Column, Frame, Input, Layout, MAX_TRACKS, Segment, Slot};

/// What an arrow piece starts from.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum From {
    /// A box or a pass-through: the cell right of the column.
    Column,
    /// A frame's right border, at this depth.
    Frame(u32),
}

/// What an arrow piece ends at.
#[derive(Clone, Copy)]
enum To {
    Box,
    Pass,
    Frame(u32),
}

struct Piece {
    gap: u32,
    from: From,
    y1: u32,
    to: To,
    y2: u32,
    /// The arrow's start and (for its last piece) end, as input nodes.
    ends: (usize, Option<usize>),
}

fn node(e: End) -> usize {
    match e {
        End::Box(i) | End::Frame(i) => i,
    }
}

pub(super) fn place(input: &Input, tree: &Tree, ranks: &Ranks, o: &Ordered) -> Layout {
    let n = input.parent.len();
    let f = tree.levels;
    let band_row = |g: usize| o.band.get(&g).map_or(0, |b| b.0) + 1;
    let mut pieces = Vec::new();
    let start = |a: End| match a {
        End::Box(i) => (From::Column, o.y[i] + 1, last_of(ranks, a)),
        End::Frame(g) => (From::Frame(tree.depth[g]), band_row(g), last_of(ranks, a)),
    };
    // Each bus once: from its start through its pass-through slots.
    for &a in &o.starts {
        let (first, len) = o.bus[&a];
        let (mut from, mut y1, mut gap) = start(a);
        for m in first..first + len as usize {
            let y2 = o.y[m] + 1;
            pieces.push(Piece {
                gap,
                from,
                y1,
                to: To::Pass,
                y2,
                ends: (node(a), None),
            });
            (from, y1, gap) = (From::Column, y2, o.layer[m]);
        }
    }
    // Each arrow's last piece: from its bus (or its start) into its end.
    for &(a, b) in &ranks.edges {
        let (first, _) = o.bus[&a];
        let k = (first_of(ranks, b) - last_of(ranks, a) - 1) as usize;
        let (from, y1, gap) = if k == 0 {
            start(a)
        } else {
            let m = first + k - 1;
            (From::Column, o.y[m] + 1, o.layer[m])
        };
        let (to, y2) = match b {
            End::Box(j) => (To::Box, o.y[j] + 1),
            End::Frame(g) => (To::Frame(tree.depth[g]), band_row(g)),
        };
        pieces.push(Piece {
            gap,
            from,
            y1,
            to,
            y2,
            ends: (node(a), Some(node(b))),
        });
    }
    // Tracks: one per start that turns, per gap (shared beyond MAX_TRACKS).
    let layers = ranks.layers as usize;
    let mut turning: Vec<Vec<(u32, From)>> = vec![Vec::new(); layers];
    for p in pieces.iter().filter(|p| p.y1 != p.y2) {
        turning[p.gap as usize].push((p.y1, p.from));
    }
    let mut track_of: Vec<HashMap<(u32, From), u32>> = Vec::with_capacity(layers);
    let mut tracks = Vec::with_capacity(layers);
    for mut starts in turning {
        starts.sort_unstable_by_key(|s| s.0);
        starts.dedup();
        let t = (starts.len() as u32).clamp(1, MAX_TRACKS);
        tracks.push(t);
        track_of.push(
            starts
                .into_iter()
                .enumerate()
                .map(|(k, s)| (s, k as u32 % t))
                .collect(),
        );
    }
    let mut left = Vec::with_capacity(layers);
    let mut x = f + 2;
    for &t in &tracks {
        left.push(x);
        x += BOX_W - 1 + 2 * f + 5 + t;
    }
    let right = |l: u32| left[l as usize] + BOX_W - 1;
    let width = if layers == 0 {
        0
    } else {
        right(layers as u32 - 1) + f + 3
    };
    // Border columns of a frame of depth `d` around columns `a..=b`.
    let inset = |d: u32| f.saturating_sub(1).saturating_sub(d);
    let frame_left = |l: u32, d: u32| left[l as usize] - 2 - inset(d);
    let frame_right = |l: u32, d: u32| right(l) + 2 + inset(d);
    let mut gaps: Vec<Vec<Segment>> = vec![Vec::new(); layers];
    for p in &pieces {
        let x1 = match p.from {
            From::Column => right(p.gap) + 1,
            From::Frame(d) => frame_right(p.gap, d) + 1,
        };
        let x2 = match p.to {
            To::Box | To::Pass => left[p.gap as usize + 1] - 1,
            To::Frame(d) => frame_left(p.gap + 1, d) - 1,
        };
        let k = track_of[p.gap as usize]
            .get(&(p.y1, p.from))
            .copied()
            .unwrap_or(0);
        let seg = Segment {
            from: (x1, p.y1),
            track: right(p.gap) + f + 2 + k,
            to: (x2, p.y2),
            head: !matches!(p.to, To::Pass),
            ends: p.ends,
        };
        gaps[p.gap as usize].push(seg);
    }
    let mut frames: Vec<Frame> = (0..n)
        .filter(|&g| tree.framed[g] && o.band.contains_key(&g))
        .map(|g| {
            let d = tree.depth[g];
            let (top, bottom) = o.band[&g];
            let x = frame_left(ranks.first[g], d);
            Frame {
                node: g,
                x,
                y: top,
                w: frame_right(ranks.last[g], d) - x + 1,
                h: bottom - top + 1,
                depth: d,
            }
        })
        .collect();
    frames.sort_by_key(|fr| fr.depth);
    let mut columns: Vec<Column> = left
        .iter()
        .map(|&x| Column {
            x,
            slots: Vec::new(),
        })
        .collect();
    for (item, &l) in o.layer.iter().enumerate() {
        if l != u32::MAX {
            columns[l as usize].slots.push(Slot {
                y: o.y[item],
                node: (item < n).then_some(item),
            });
        }
    }
    let mut place = vec![None; n];
    for (l, c) in columns.iter_mut().enumerate() {
        c.slots.sort_by_key(|s| s.y);
        for (k, s) in c.slots.iter().enumerate() {
            if let Some(i) = s.node {
                place[i] = Some((l as u32, k as u32));
            }
        }
    }
    Layout {
        width,
        height: o.height,
        columns,
        gaps,
        frames,
        place,
        hidden: ranks.hidden,
    }
}
