//! Indices that must not be mixed up: a node's and a roadmap's.

use std::fmt;

/// A node's index in the catalog (all roadmaps, file order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(u32);

impl NodeId {
    /// The node at position `i` of the catalog.
    pub fn new(i: usize) -> NodeId {
        NodeId(u32::try_from(i).expect("fewer than 2³² nodes"))
    }

    /// Its position, for indexing per-node vectors.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// A roadmap's index in the catalog (load order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoadmapIx(u32);

impl RoadmapIx {
    /// The roadmap at position `i` of the catalog.
    pub fn new(i: usize) -> RoadmapIx {
        RoadmapIx(u32::try_from(i).expect("fewer than 2³² roadmaps"))
    }

    /// Its position, for indexing per-roadmap vectors.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The nodes of one roadmap: a contiguous run of ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeRange {
    start: u32,
    end: u32,
}

impl NodeRange {
    /// Ids `start..end`.
    pub fn new(start: usize, end: usize) -> NodeRange {
        NodeRange {
            start: NodeId::new(start).0,
            end: NodeId::new(end).0,
        }
    }

    /// Whether `id` is one of them.
    pub fn contains(&self, id: NodeId) -> bool {
        (self.start..self.end).contains(&id.0)
    }

    /// The first id (the end, if empty).
    pub fn first(&self) -> NodeId {
        NodeId(self.start)
    }

    /// How many.
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

impl Iterator for NodeRange {
    type Item = NodeId;

    fn next(&mut self) -> Option<NodeId> {
        (self.start < self.end).then(|| {
            self.start += 1;
            NodeId(self.start - 1)
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.len(), Some(self.len()))
    }
}

impl DoubleEndedIterator for NodeRange {
    fn next_back(&mut self) -> Option<NodeId> {
        (self.start < self.end).then(|| {
            self.end -= 1;
            NodeId(self.end)
        })
    }
}

impl ExactSizeIterator for NodeRange {}
