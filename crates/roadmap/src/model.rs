//! The validated roadmap: what the rest of skilltree works with.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Pos;
use crate::estimate::Estimate;

/// Where a roadmap was loaded from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Origin {
    /// Compiled into the binary from `roadmaps/`.
    Builtin,
    /// The user's `<data dir>/roadmaps/` folder.
    DataDir(PathBuf),
    /// `--roadmap FILE` or `SKILLTREE_ROADMAPS`.
    File(PathBuf),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Builtin => f.write_str("built-in"),
            Origin::DataDir(p) | Origin::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// A checked roadmap. Its nodes are flattened in file order (pre-order).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Roadmap {
    /// Unique slug.
    pub id: String,
    /// Display title.
    pub title: String,
    /// Longer text.
    pub description: Option<String>,
    /// Attribution.
    pub source: Option<String>,
    /// Where it came from.
    pub origin: Origin,
    /// The name used in diagnostics.
    pub file: String,
    /// All nodes, parents before children, in file order.
    pub nodes: Vec<Node>,
    /// Position of the `id` value, for duplicate-roadmap notes.
    pub pos: Pos,
}

impl Roadmap {
    /// Indices of top-level nodes.
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.parent.is_none())
            .map(|(i, _)| i)
    }
}

/// What a node is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, strum::IntoStaticStr,
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Kind {
    /// Something to learn.
    #[default]
    Topic,
    /// Something to build.
    Project,
    /// A group of alternatives, `pick` of which complete it.
    Choice,
}

impl Kind {
    /// The name used in files and JSON.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// What a resource link points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum ResourceKind {
    /// Reference documentation.
    Docs,
    /// An article or guide.
    Article,
    /// A video.
    Video,
    /// A course.
    Course,
    /// A book.
    Book,
    /// A tool's home.
    Tool,
}

impl ResourceKind {
    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A link for learning a node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resource {
    /// Link text.
    pub title: String,
    /// An http or https URL.
    pub url: String,
    /// What kind of page it is.
    pub kind: ResourceKind,
}

/// A prerequisite as written, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ref {
    /// `Some` for `other-roadmap/id`.
    pub roadmap: Option<String>,
    /// The node id.
    pub id: String,
    /// Where the entry is.
    pub pos: Pos,
}

impl fmt::Display for Ref {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.roadmap {
            Some(r) => write!(f, "{r}/{}", self.id),
            None => f.write_str(&self.id),
        }
    }
}

/// A checked node. Text fields are already sanitised for the terminal.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Node {
    /// Slug, unique in its roadmap.
    pub id: String,
    /// Display title.
    pub title: String,
    /// One line.
    pub summary: Option<String>,
    /// Longer text.
    pub description: Option<String>,
    /// Topic, project or choice.
    pub kind: Kind,
    /// How long it takes.
    pub estimate: Option<Estimate>,
    /// Prerequisites as written.
    pub requires: Vec<Ref>,
    /// Shared progress key.
    pub topic: Option<String>,
    /// Former ids.
    pub aliases: Vec<String>,
    /// Not needed for its group, not counted in progress.
    pub optional: bool,
    /// Free words for search.
    pub tags: Vec<String>,
    /// Links.
    pub resources: Vec<Resource>,
    /// Index of the parent group.
    pub parent: Option<usize>,
    /// Indices of children, in file order.
    pub children: Vec<usize>,
    /// For choices: how many children complete it.
    pub pick: Option<u32>,
    /// 0 for top-level nodes.
    pub depth: usize,
    /// Where the node starts in its file.
    pub pos: Pos,
}

impl Node {
    /// A node with children is a group; its status is derived.
    pub fn is_group(&self) -> bool {
        !self.children.is_empty()
    }
}
