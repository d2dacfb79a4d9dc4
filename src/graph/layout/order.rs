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
    /// Each arrow: its ends and the pass-through items between them.
    pub chains: Vec<(End, Vec<usize>, End)>,
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
    let mut chains = Vec::with_capacity(ranks.edges.len());
    let mut bus: HashMap<(End, u32), usize> = HashMap::new();
    let mut next = n;
    for &(a, b) in &ranks.edges {
        let home = match a {
            End::Box(i) => run_of[i],
            End::Frame(g) => first_run.get(&g).copied().unwrap_or(0),
        };
        let mut mids = Vec::new();
        for l in last_of(ranks, a) + 1..first_of(ranks, b) {
            let item = *bus.entry((a, l)).or_insert_with(|| {
                layer[next] = l;
                run_of[next] = home;
                next += 1;
                next - 1
            });
            mids.push(item);
        }
        chains.push((a, mids, b));
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
    for (a, mids, b) in &chains {
        let points: Vec<Ref> = std::iter::once(as_ref(*a))
            .chain(mids.iter().map(|&m| Ref::Item(m)))
            .chain(std::iter::once(as_ref(*b)))
            .collect();
        // A shared bus slot is linked to its neighbours once.
        for w in points.windows(2) {
            if let Ref::Item(u) = w[0]
                && !down[u].iter().any(|r| same(r, &w[1]))
            {
                down[u].push(w[1]);
            }
            if let Ref::Item(v) = w[1]
                && !up[v].iter().any(|r| same(r, &w[0]))
            {
                up[v].push(w[0]);
            }
        }
    }
    let mut slot = vec![0u32; total];
    for c in &cells {
        for (k, &item) in c.iter().enumerate() {
            slot[item] = k as u32;
        }
    }
    let row = |item: usize, slot: &[u32]| run_top[run_of[item]] + slot[item] * SLOT_H;
    let y_of = |r: &Ref, slot: &[u32]| match *r {
        Ref::Item(i) => row(i, slot),
        Ref::Fixed(y) => y,
    };
    let layers = by_layer.len();
    for sweep in 0..SWEEPS {
        let downward = sweep % 2 == 0;
        let order: Vec<usize> = if downward {
            (1..layers).collect()
        } else {
            (0..layers.saturating_sub(1)).rev().collect()
        };
        for l in order {
            for &c in &by_layer[l] {
                let mut keyed: Vec<(f64, usize)> = cells[c]
                    .iter()
                    .map(|&item| {
                        let near = if downward { &up[item] } else { &down[item] };
                        let key = if near.is_empty() {
                            f64::from(row(item, &slot))
                        } else {
                            near.iter().map(|r| f64::from(y_of(r, &slot))).sum::<f64>()
                                / near.len() as f64
                        };
                        (key, item)
                    })
                    .collect();
                keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
                for (k, &(_, item)) in keyed.iter().enumerate() {
                    slot[item] = k as u32;
                }
                cells[c] = keyed.into_iter().map(|(_, i)| i).collect();
            }
        }
    }
    // Coordinates: move each slot down towards the median of what it needs,
    // keeping the order, so chains run straight.
    for cs in &by_layer {
        for &c in cs {
            let members = cells[c].clone();
            let Some(&first) = members.first() else {
                continue;
            };
            let r = run_of[first];
            let h = height_of[r];
            let m = members.len() as u32;
            let mut prev: Option<u32> = None;
            for (k, &item) in members.iter().enumerate() {
                let mut ys: Vec<u32> = up[item].iter().map(|r| y_of(r, &slot)).collect();
                ys.sort_unstable();
                let want = match ys.get(ys.len() / 2) {
                    Some(&y) => y.saturating_sub(run_top[r]) / SLOT_H,
                    None => k as u32,
                };
                let lowest = prev.map_or(0, |p| p + 1);
                let s = want.min(h - (m - k as u32)).max(lowest);
                slot[item] = s;
                prev = Some(s);
            }
        }
    }
    let y = (0..total)
        .map(|i| {
            if run_of[i] == usize::MAX {
                0
            } else {
                row(i, &slot)
            }
        })
        .collect();
    Ok(Ordered {
        layer,
        y,
        band,
        chains,
        height,
    })
}

fn same(a: &Ref, b: &Ref) -> bool {
    match (a, b) {
        (Ref::Item(x), Ref::Item(y)) => x == y,
        (Ref::Fixed(x), Ref::Fixed(y)) => x == y,
        _ => false,
    }
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
