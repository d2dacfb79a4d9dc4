//! A roadmap's outline as something to paste elsewhere: a Markdown task
//! list, a Mermaid or Graphviz picture, an OPML outline. Each format is one
//! file with its own escaping, since each syntax breaks on different text.

mod dot;
mod edges;
mod markdown;
mod mermaid;
mod opml;
mod trim;

pub use trim::trim;

use super::overview::Outline;

/// What part of a roadmap to show, and whether with the user's status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShowOptions {
    /// Leave out what is done or skipped (and everything inside it).
    pub only_remaining: bool,
    /// Show this many levels of groups; deeper nodes fold into their group.
    pub depth: Option<usize>,
    /// Show the user's status; without it the map is blank, for sharing.
    pub status: bool,
}

impl Default for ShowOptions {
    fn default() -> Self {
        ShowOptions {
            only_remaining: false,
            depth: None,
            status: true,
        }
    }
}

/// A format for pasting a roadmap elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picture {
    /// A GitHub task list, one heading per top-level group.
    Markdown,
    /// A Mermaid `flowchart`, as GitHub renders in Markdown.
    Mermaid,
    /// A Graphviz `digraph`, for `dot -Tsvg`.
    Dot,
    /// An OPML outline, for mind-map and outliner tools.
    Opml,
}

/// `outline` written in `format`; ends with a newline.
pub fn render(outline: &Outline, format: Picture) -> String {
    match format {
        Picture::Markdown => markdown::render(outline),
        Picture::Mermaid => mermaid::render(outline),
        Picture::Dot => dot::render(outline),
        Picture::Opml => opml::render(outline),
    }
}

/// Fill and border colour for a status, the same in every picture; light
/// fills so that black text stays readable.
fn colours(status: crate::graph::Status) -> (&'static str, &'static str) {
    use crate::graph::Status;
    match status {
        Status::Done => ("#c8e6c9", "#2e7d32"),
        Status::InProgress => ("#fff3c4", "#f9a825"),
        Status::Available => ("#dbeafe", "#1d4ed8"),
        Status::Locked => ("#f3f4f6", "#9ca3af"),
        Status::Skipped => ("#e5e7eb", "#6b7280"),
    }
}

/// Every status, in the order a legend lists them.
const LEGEND: [crate::graph::Status; 5] = {
    use crate::graph::Status;
    [
        Status::Done,
        Status::InProgress,
        Status::Available,
        Status::Locked,
        Status::Skipped,
    ]
};

#[cfg(test)]
mod tests;
