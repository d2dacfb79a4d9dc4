//! Cutting an outline down: fewer levels, only what is left, no status.

use std::collections::HashMap;

use super::ShowOptions;
use crate::app::overview::Outline;

/// `outline` as `options` ask. Prerequisites of folded nodes move up to the
/// group shown in their place, so the picture keeps its arrows; those of
/// nodes left out as done disappear with them.
pub fn trim(mut outline: Outline, options: &ShowOptions) -> Outline {
    let nodes = std::mem::take(&mut outline.nodes);
    let index: HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let parent = |i: usize| {
        nodes[i]
            .parent
            .as_deref()
            .and_then(|p| index.get(p).copied())
    };
    // Whether each node is shown: nodes come parents first.
    let mut shown = vec![false; nodes.len()];
    let mut gone = vec![false; nodes.len()];
    for (i, n) in nodes.iter().enumerate() {
        let done = options.only_remaining && n.status.is_some_and(|s| s.is_satisfied());
        gone[i] = done || parent(i).is_some_and(|p| gone[p]);
        shown[i] = !gone[i] && options.depth.is_none_or(|d| n.depth < d);
    }
    // Where each node's arrows go: itself, or the group it folded into.
    let stand_in = |i: usize| -> Option<usize> {
        if gone[i] {
            return None;
        }
        let mut j = i;
        while !shown[j] {
            j = parent(j)?;
        }
        Some(j)
    };
    let is_ancestor = |a: usize, mut b: usize| {
        while let Some(p) = parent(b) {
            if p == a {
                return true;
            }
            b = p;
        }
        false
    };
    let mut requires: Vec<Vec<String>> = vec![Vec::new(); nodes.len()];
    for (i, n) in nodes.iter().enumerate() {
        let Some(from) = stand_in(i) else { continue };
        for r in &n.requires {
            let target = match index.get(r.as_str()) {
                Some(&t) => match stand_in(t) {
                    Some(t) if t != from && !is_ancestor(t, from) && !is_ancestor(from, t) => {
                        nodes[t].id.clone()
                    }
                    _ => continue,
                },
                // Another roadmap's node: kept as written.
                None => r.clone(),
            };
            if !requires[from].contains(&target) {
                requires[from].push(target);
            }
        }
    }
    outline.nodes = nodes
        .into_iter()
        .zip(requires)
        .enumerate()
        .filter(|(i, _)| shown[*i])
        .map(|(_, (mut n, requires))| {
            n.requires = requires;
            if !options.status {
                n.status = None;
            }
            n
        })
        .collect();
    if !options.status {
        outline.progress = None;
    }
    outline
}
