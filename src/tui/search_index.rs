//! Search text folded to lower case once per roadmap, so a keystroke in the
//! search box compares strings instead of lowercasing every title again.

use crate::graph::{Catalog, NodeId, RoadmapIx};

/// Between fields, so a query never matches across a title and a summary.
const SEPARATOR: char = '\u{1}';

/// The folded title, summary and tags of each node of one roadmap.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    roadmap: RoadmapIx,
    first: NodeId,
    text: Vec<String>,
    /// The last query and what it matched: a query that extends it (the
    /// user typed one more letter) only narrows those matches.
    last: Option<(String, Vec<NodeId>)>,
}

impl SearchIndex {
    /// Folds every node of `roadmap`.
    pub fn new(cat: &Catalog, roadmap: RoadmapIx) -> SearchIndex {
        let nodes = cat.nodes_of(roadmap);
        let text = nodes
            .map(|id| {
                let node = cat.node(id);
                let mut s = node.title.to_lowercase();
                for field in node.summary.iter().chain(&node.tags) {
                    s.push(SEPARATOR);
                    s.push_str(&field.to_lowercase());
                }
                s
            })
            .collect();
        SearchIndex {
            roadmap,
            first: nodes.first(),
            text,
            last: None,
        }
    }

    /// Whether this index is for `roadmap`.
    pub fn is_for(&self, roadmap: RoadmapIx) -> bool {
        self.roadmap == roadmap
    }

    /// Nodes whose title, summary or a tag contains `query` (already folded),
    /// in file order.
    pub fn find(&mut self, query: &str) -> Vec<NodeId> {
        if query.is_empty() || query.contains(SEPARATOR) {
            return Vec::new();
        }
        let found: Vec<NodeId> = match &self.last {
            Some((q, hits)) if query.starts_with(q.as_str()) => hits
                .iter()
                .copied()
                .filter(|id| self.text[id.index() - self.first.index()].contains(query))
                .collect(),
            _ => self
                .text
                .iter()
                .enumerate()
                .filter(|(_, t)| t.contains(query))
                .map(|(i, _)| NodeId::new(self.first.index() + i))
                .collect(),
        };
        self.last = Some((query.to_string(), found.clone()));
        found
    }
}
