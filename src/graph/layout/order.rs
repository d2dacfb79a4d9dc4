//! Bands and order: every group gets a band of rows (so its frame holds
//! only its members), arrows longer than one column get pass-through slots
//! in the band they start from, and each column's slots are ordered by a
//! few barycenter sweeps, then moved down to line up with what they need.

use std::collections::HashMap;

use super::rank::{End, Ranks, Tree};
use super::{Input, SLOT_H, TooBig};

/// Down-and-up sweeps: enough to untangle a roadmap, bounded for speed.
const SWEEPS: usize = 4;

/// Rows in order: a run of boxes, or a framed group holding more blocks.
enum Block {
    Run(usize),
    Group(usize, Vec<Block>),
}

/// One end of an arrow chain, for ordering.
#[derive(Clone, Copy)]
enum Ref {
    /// A slot (box or pass-through), by item.
    Item(usize),
    /// A frame's port row, which ordering does not move.
    Fixed(u32),
}

/// The result: for each item (box nodes first, then pass-throughs) its
/// column and row; frame rows; the arrow chains.
pub(super) struct Ordered {
    /// Each item's column (`u32::MAX` for groups).
    pub layer: Vec<u32>,
    /// Each item's top row.
    pub y: Vec<u32>,
    /// Each framed group's top and bottom rows.
    pub band: HashMap<usize, (u32, u32)>,
    /// Each start's bus: its first pass-through item and how many (one
    /// per column, consecutive items).
    pub bus: HashMap<End, (usize, u32)>,
    /// Starts with a bus, in the order their buses were made.
    pub starts: Vec<End>,
    /// Rows used.
    pub height: u32,
}

/// Orders and places every slot in rows.
pub(super) fn order(
    input: &Input,
    tree: &Tree,
    ranks: &Ranks,
    budget: usize,
) -> Result<Ordered, TooBig> {
    let n = input.parent.len();
    // Arrows from one start share their pass-through slots (a bus that
    // branches off at each target), so a topic many later ones need draws
    // one line, not one per arrow.
    let mut reach: HashMap<End, u32> = HashMap::new();
    for &(a, b) in &ranks.edges {
        let to = reach.entry(a).or_insert(0);
        *to = (*to).max(first_of(ranks, b));
    }
    let pass: usize = reach
        .iter()
        .map(|(&a, &to)| (to - last_of(ranks, a) - 1) as usize)
        .sum();
    if pass > budget {
        return Err(TooBig { slots: pass });
    }
    // Runs of boxes, and the block tree.
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let top = blocks(tree, &tree.top, &mut runs);
    let total = n + pass;
    let mut run_of = vec![usize::MAX; total];
    for (r, members) in runs.iter().enumerate() {
        for &m in members {
            run_of[m] = r;
        }
    }
    let mut first_run: HashMap<usize, usize> = HashMap::new();
    for g in (0..n).filter(|&g| tree.framed[g]) {
        let mut boxes = Vec::new();
        tree.boxes_in(g, &mut boxes);
        if let Some(&b) = boxes.first() {
            first_run.insert(g, run_of[b]);
        }
    }
    let mut layer = vec![u32::MAX; total];
    for (i, l) in layer.iter_mut().enumerate().take(n) {
        if !tree.group[i] {
            *l = ranks.first[i];
        }
    }
    // Pass-through items, in the band of the arrow's start.
    let mut bus: HashMap<End, (usize, u32)> = HashMap::new();
    let mut starts = Vec::new();
    let mut next = n;
    for &(a, _) in &ranks.edges {
        if bus.contains_key(&a) {
            continue;
        }
        let home = match a {
            End::Box(i) => run_of[i],
            End::Frame(g) => first_run.get(&g).copied().unwrap_or(0),
        };
        let from = last_of(ranks, a);
        let len = reach[&a] - from - 1;
        for k in 0..len {
            layer[next + k as usize] = from + 1 + k;
            run_of[next + k as usize] = home;
        }
        bus.insert(a, (next, len));
        starts.push(a);
        next += len as usize;
    }
    // Cells: the slots of one run in one column, in order.
    let mut cell_of: HashMap<(usize, u32), usize> = HashMap::new();
    let mut cells: Vec<Vec<usize>> = Vec::new();
    let mut by_layer: Vec<Vec<usize>> = vec![Vec::new(); ranks.layers as usize];
    for item in 0..total {
        if layer[item] == u32::MAX || run_of[item] == usize::MAX {
            continue;
        }
        let c = *cell_of
            .entry((run_of[item], layer[item]))
            .or_insert_with(|| {
                cells.push(Vec::new());
                by_layer[layer[item] as usize].push(cells.len() - 1);
                cells.len() - 1
            });
        cells[c].push(item);
    }
    let mut height_of = vec![1u32; runs.len()];
    for (&(r, _), &c) in &cell_of {
        height_of[r] = height_of[r].max(cells[c].len() as u32);
    }
    // Rows: bands of groups, runs inside them.
    let mut run_top = vec![0u32; runs.len()];
    let mut band = HashMap::new();
    let height = stack(&top, 0, &height_of, &mut run_top, &mut band);
    // Neighbours along arrows.
    let mut up: Vec<Vec<Ref>> = vec![Vec::new(); total];
    let mut down: Vec<Vec<Ref>> = vec![Vec::new(); total];
    let as_ref = |e: End| match e {
        End::Box(i) => Ref::Item(i),
        End::Frame(g) => Ref::Fixed(band.get(&g).map_or(0, |b| b.0)),
    };
    let mut link = |u: Ref, v: Ref| {
        if let Ref::Item(u) = u {
            down[u].push(v);
        }
        if let Ref::Item(v) = v {
            up[v].push(u);
        }
    };
    for a in &starts {
        let (first, len) = bus[a];
        if len > 0 {
            link(as_ref(*a), Ref::Item(first));
        }
        for k in 1..len as usize {
            link(Ref::Item(first + k - 1), Ref::Item(first + k));
        }
    }
    for &(a, b) in &ranks.edges {
        let (first, _) = bus[&a];
        let k = (first_of(ranks, b) - last_of(ranks, a) - 1) as usize;
        let prev = if k == 0 {
            as_ref(a)
        } else {
            Ref::Item(first + k - 1)
        };
        link(prev, as_ref(b));
    }
    // Each item's top row, kept up to date as slots move (one array to read
    // in the sweeps, which are bound by memory on big roadmaps).
    let mut ypos = vec![0u32; total];
    for c in &cells {
        let top = run_top[run_of[c[0]]];
        for (k, &item) in c.iter().enumerate() {
            ypos[item] = top + k as u32 * SLOT_H;
        }
    }
    let y_of = |r: &Ref, ypos: &[u32]| match *r {
        Ref::Item(i) => ypos[i],
        Ref::Fixed(y) => y,
    };
    let layers = by_layer.len();
    let mut keyed: Vec<(f64, usize)> = Vec::new();
    for sweep in 0..SWEEPS {
        let downward = sweep % 2 == 0;
        let order: Vec<usize> = if downward {
            (1..layers).collect()
        } else {
            (0..layers.saturating_sub(1)).rev().collect()
        };
        for l in order {
            for &c in &by_layer[l] {
                keyed.clear();
                keyed.extend(cells[c].iter().map(|&item| {
                    let near = if downward { &up[item] } else { &down[item] };
                    let key = if near.is_empty() {
                        f64::from(ypos[item])
                    } else {
                        near.iter().map(|r| f64::from(y_of(r, &ypos))).sum::<f64>()
                            / near.len() as f64
                    };
                    (key, item)
                }));
                keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
                let top = run_top[run_of[cells[c][0]]];
                for (k, (&(_, item), to)) in keyed.iter().zip(cells[c].iter_mut()).enumerate() {
                    ypos[item] = top + k as u32 * SLOT_H;
                    *to = item;
                }
            }
        }
    }
    // Coordinates: move each slot down towards the median of what it needs,
    // keeping the order, so chains run straight.
    let mut ys: Vec<u32> = Vec::new();
    for cs in &by_layer {
        for &c in cs {
            let r = run_of[cells[c][0]];
            let (top, h) = (run_top[r], height_of[r]);
            let m = cells[c].len() as u32;
            let mut prev: Option<u32> = None;
            for (k, &item) in cells[c].iter().enumerate() {
                let median = match up[item].as_slice() {
                    [] => None,
                    [one] => Some(y_of(one, &ypos)),
                    many => {
                        ys.clear();
                        ys.extend(many.iter().map(|r| y_of(r, &ypos)));
                        ys.sort_unstable();
                        Some(ys[ys.len() / 2])
                    }
                };
                let want = match median {
                    Some(y) => y.saturating_sub(top) / SLOT_H,
                    None => k as u32,
                };
                let lowest = prev.map_or(0, |p| p + 1);
                let s = want.min(h - (m - k as u32)).max(lowest);
                ypos[item] = top + s * SLOT_H;
                prev = Some(s);
            }
        }
    }
    let y = ypos;
    Ok(Ordered {
        layer,
        y,
        band,
        bus,
        starts,
        height,
    })
}

/// The column an arrow leaves from.
pub(super) fn last_of(ranks: &Ranks, e: End) -> u32 {
    match e {
        End::Box(i) | End::Frame(i) => ranks.last[i],
    }
}

/// The column an arrow arrives in.
pub(super) fn first_of(ranks: &Ranks, e: End) -> u32 {
    match e {
        End::Box(i) | End::Frame(i) => ranks.first[i],
    }
}

/// `items` as blocks: consecutive boxes make one run.
fn blocks(tree: &Tree, items: &[usize], runs: &mut Vec<Vec<usize>>) -> Vec<Block> {
    let mut out = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    for &i in items {
        if tree.group[i] {
            if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
                out.push(Block::Run(runs.len() - 1));
            }
            let inner = blocks(tree, &tree.items[i], runs);
            out.push(Block::Group(i, inner));
        } else {
            run.push(i);
        }
    }
    if !run.is_empty() {
        runs.push(run);
        out.push(Block::Run(runs.len() - 1));
    }
    out
}

/// Places `blocks` from row `y`, a blank row between them; returns the row
/// after the last.
fn stack(
    blocks: &[Block],
    mut y: u32,
    height_of: &[u32],
    run_top: &mut [u32],
    band: &mut HashMap<usize, (u32, u32)>,
) -> u32 {
    for (k, b) in blocks.iter().enumerate() {
        if k > 0 {
            y += 1;
        }
        match b {
            Block::Run(r) => {
                run_top[*r] = y;
                y += height_of[*r] * SLOT_H - 1;
            }
            Block::Group(g, inner) => {
                let bottom = stack(inner, y + 1, height_of, run_top, band);
                band.insert(*g, (y, bottom));
                y = bottom + 1;
            }
        }
    }
    y
}
