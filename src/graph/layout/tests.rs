//! Generated roadmaps (a seeded generator, many seeds): the layout's
//! promises hold for every one of them.

use super::*;

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// `n` nodes in file order with nested groups; arrows only from a node to
/// one after its whole group, so the result can be completed (no cycle).
pub(crate) fn generated(seed: u64, n: usize, edges_per_node: usize) -> Input {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut parent = Vec::with_capacity(n);
    let mut open: Vec<usize> = Vec::new();
    for i in 0..n {
        let close = rng.below(4);
        if close == 0 {
            open.pop();
        }
        parent.push(open.last().copied());
        if open.len() < 4 && rng.below(5) == 0 {
            open.push(i);
        }
    }
    // end[i]: the last node inside i (itself for a box).
    let mut end: Vec<usize> = (0..n).collect();
    for i in (0..n).rev() {
        if let Some(p) = parent[i] {
            end[p] = end[p].max(end[i]);
        }
    }
    let mut edges = Vec::new();
    for (a, &last) in end.iter().enumerate() {
        for _ in 0..rng.below(edges_per_node + 1) {
            let after = last + 1;
            if after >= n {
                break;
            }
            let reach = if rng.below(8) == 0 { n - after } else { 12 };
            let b = after + rng.below(reach.min(n - after));
            edges.push((a, b));
        }
    }
    Input { parent, edges }
}

fn is_group(input: &Input, i: usize) -> bool {
    input.parent.contains(&Some(i))
}

fn check(input: &Input, l: &Layout, what: &str) {
    let n = input.parent.len();
    // Every box placed exactly once; groups are frames, never boxes.
    let mut seen = vec![0; n];
    for (node, x, y) in l.boxes() {
        seen[node] += 1;
        assert!(
            x + BOX_W <= l.width && y + BOX_H <= l.height,
            "{what}: box {node} outside"
        );
    }
    for (i, &times) in seen.iter().enumerate() {
        let want = usize::from(!is_group(input, i));
        assert_eq!(times, want, "{what}: node {i} placed {times} times");
        assert_eq!(l.place[i].is_some(), want == 1, "{what}: place of {i}");
    }
    // No two slots overlap: columns are apart, slots in a column are a box apart.
    for w in l.columns.windows(2) {
        assert!(w[0].x + BOX_W < w[1].x, "{what}: columns overlap");
    }
    for c in &l.columns {
        for w in c.slots.windows(2) {
            assert!(
                w[0].y + SLOT_H <= w[1].y,
                "{what}: slots overlap at x {}",
                c.x
            );
        }
    }
    // Every arrow points forward, and none was dropped.
    assert_eq!(l.hidden, 0, "{what}: arrows left out");
    for (g, segs) in l.gaps.iter().enumerate() {
        for s in segs {
            assert!(
                s.from.0 < s.to.0,
                "{what}: arrow backward in gap {g}: {s:?}"
            );
            assert!(s.from.0 <= s.track && s.track <= s.to.0, "{what}: {s:?}");
            assert!(
                s.to.0 < l.width && s.from.1.max(s.to.1) < l.height,
                "{what}: {s:?}"
            );
        }
    }
    for &(a, b) in &input.edges {
        if let (Some((ca, _)), Some((cb, _))) = (l.place[a], l.place[b]) {
            assert!(ca < cb, "{what}: {a} -> {b} goes from column {ca} to {cb}");
        }
    }
    // A frame holds its members' boxes; frames nest, never cross.
    for f in &l.frames {
        for (node, x, y) in l.boxes() {
            let mut p = input.parent[node];
            let inside = std::iter::from_fn(|| {
                let c = p?;
                p = input.parent[c];
                Some(c)
            })
            .any(|a| a == f.node);
            let within = x > f.x && x + BOX_W < f.x + f.w && y > f.y && y + BOX_H < f.y + f.h;
            if inside {
                assert!(within, "{what}: box {node} outside its frame {}", f.node);
            } else {
                assert!(
                    !within,
                    "{what}: box {node} inside frame {} it is not in",
                    f.node
                );
            }
        }
    }
}

#[test]
fn generated_roadmaps_lay_out_with_forward_arrows_and_no_overlaps() {
    for seed in 0..200 {
        let n = 1 + (seed as usize * 7) % 90;
        let input = generated(seed, n, 3);
        let layout = Layout::new(&input, usize::MAX).expect("no budget");
        check(&input, &layout, &format!("seed {seed}, {n} nodes"));
    }
}

#[test]
fn groups_are_frames_and_their_arrows_end_at_the_frame() {
    // 0: group {1, 2}; 3 needs the group; 4 needs 3; the group needs 5? no:
    // 5 is before nothing. Arrows: 0 -> 3 (group to box), 3 -> 4.
    let input = Input {
        parent: vec![None, Some(0), Some(0), None, None],
        edges: vec![(1, 2), (0, 3), (3, 4)],
    };
    let l = Layout::new(&input, usize::MAX).unwrap();
    check(&input, &l, "small");
    assert_eq!(l.frames.len(), 1);
    let f = l.frames[0];
    let arrow = l
        .gaps
        .iter()
        .flatten()
        .find(|s| s.from.0 == f.x + f.w)
        .expect("an arrow leaves the frame's right border");
    assert_eq!(arrow.to.0 + 1, l.box_at(3).unwrap().0, "and reaches box 3");
}

#[test]
fn a_long_arrow_passes_through_the_columns_between() {
    // 0 -> 1 -> 2 -> 3, and 0 -> 3 over two columns.
    let input = Input {
        parent: vec![None; 4],
        edges: vec![(0, 1), (1, 2), (2, 3), (0, 3)],
    };
    let l = Layout::new(&input, usize::MAX).unwrap();
    check(&input, &l, "chain");
    let passes = l
        .columns
        .iter()
        .flat_map(|c| &c.slots)
        .filter(|s| s.node.is_none());
    assert_eq!(passes.count(), 2);
    assert_eq!(Layout::new(&input, 1).unwrap_err(), TooBig { slots: 2 });
}

#[test]
fn the_drawing_shows_boxes_arrows_and_labelled_frames() {
    let input = Input {
        parent: vec![None, Some(0), Some(0), None],
        edges: vec![(1, 2), (0, 3)],
    };
    let l = Layout::new(&input, usize::MAX).unwrap();
    let names = ["Basics", "HTTP", "A very long title that is cut", "Deploy"];
    let win = draw::Window {
        x: 0,
        y: 0,
        w: l.width,
        h: l.height,
    };
    let label = |i: usize| names[i].to_string();
    let paint = draw::Paint {
        label: &label,
        selected: Some(3),
        lit: None,
    };
    let c = draw::draw(&l, win, &paint);
    let text: Vec<String> = (0..c.h).map(|y| c.line(y)).collect();
    let text = text.join("\n");
    insta::assert_snapshot!(text);
}
