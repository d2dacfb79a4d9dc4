//! The outline as a picture needs it: which node holds which, and the
//! arrows, prerequisite first.

use std::collections::HashMap;

use crate::app::overview::{Outline, OutlineNode};

/// Where an arrow starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tail {
    /// A node of this outline, by index.
    Node(usize),
    /// Another roadmap's node, by index into [`Shape::external`].
    External(usize),
}

/// An arrow from a prerequisite to the node that needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    /// The prerequisite.
    pub from: Tail,
    /// The node that needs it, by index.
    pub to: usize,
    /// Whether it leads into an optional node (drawn dashed).
    pub optional: bool,
}

/// The outline's nesting and arrows.
#[derive(Debug, Default)]
pub struct Shape {
    /// Each node's shown children, by index.
    pub children: Vec<Vec<usize>>,
    /// Nodes without a shown parent, in order.
    pub roots: Vec<usize>,
    /// Every arrow, in file order of the node that needs it.
    pub edges: Vec<Edge>,
    /// Other roadmaps' nodes named as prerequisites, `roadmap/id`.
    pub external: Vec<String>,
}

impl Shape {
    /// The shape of `outline`.
    pub fn of(outline: &Outline) -> Shape {
        let index: HashMap<&str, usize> = outline
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let mut s = Shape {
            children: vec![Vec::new(); outline.nodes.len()],
            ..Shape::default()
        };
        for (i, n) in outline.nodes.iter().enumerate() {
            match n.parent.as_deref().and_then(|p| index.get(p)) {
                Some(&p) => s.children[p].push(i),
                None => s.roots.push(i),
            }
            for r in &n.requires {
                let from = match index.get(r.as_str()) {
                    Some(&f) => Tail::Node(f),
                    None if r.contains('/') => {
                        let k = match s.external.iter().position(|e| e == r) {
                            Some(k) => k,
                            None => {
                                s.external.push(r.clone());
                                s.external.len() - 1
                            }
                        };
                        Tail::External(k)
                    }
                    // Left out of this view (done, or folded away).
                    None => continue,
                };
                s.edges.push(Edge {
                    from,
                    to: i,
                    optional: n.optional,
                });
            }
        }
        s
    }

    /// Whether node `i` is drawn as a box around its children.
    pub fn is_group(&self, i: usize) -> bool {
        !self.children[i].is_empty()
    }
}

/// The title a picture shows for a node: a group's with its count when
/// the status is shown, a choice's with how many to pick.
pub fn label(n: &OutlineNode) -> String {
    let mut label = n.title.clone();
    if let Some(p) = n.pick {
        label.push_str(&format!(" (pick {p})"));
    }
    if n.optional {
        label.push_str(" (optional)");
    }
    if let (Some((d, t)), Some(_)) = (n.units, n.status) {
        label.push_str(&format!(" {d}/{t}"));
    }
    label
}
