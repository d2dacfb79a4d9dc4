//! The file as serde reads it: every field as written, nothing checked yet.
//! [`crate::check`] turns this into a validated [`crate::Roadmap`].
//!
//! With the `schemars` feature these types also describe the format as a
//! JSON Schema ([`crate::json_schema`]); their doc comments become the
//! descriptions editors show on hover, and the patterns below repeat what
//! [`crate::check`] enforces where a schema can say it.

use serde::Deserialize;

use crate::model::{Kind, ResourceKind};

/// A slug: lower-case letters, digits and `-`, not starting with `-`.
#[cfg(feature = "schemars")]
const SLUG: &str = "^[a-z0-9][a-z0-9-]{0,63}$";

/// A skilltree roadmap: a tree of topics with prerequisites between them.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(title = "skilltree roadmap"))]
#[serde(deny_unknown_fields)]
pub struct RawRoadmap {
    /// Unique id among loaded roadmaps: lower-case letters, digits and `-`.
    #[cfg_attr(feature = "schemars", schemars(regex(pattern = SLUG)))]
    pub id: String,
    /// Display title, one line.
    #[cfg_attr(feature = "schemars", schemars(regex(pattern = r"\S")))]
    pub title: String,
    /// Longer text about the roadmap.
    pub description: Option<String>,
    /// Format version; 1 is the only one.
    #[cfg_attr(feature = "schemars", schemars(range(min = 1, max = 1)))]
    pub version: Option<i64>,
    /// Where the structure comes from (attribution).
    pub source: Option<String>,
    /// The top-level nodes, in suggested learning order.
    #[cfg_attr(feature = "schemars", schemars(length(min = 1)))]
    pub nodes: Vec<RawNode>,
}

/// A topic, a project, or a group of nodes (a node with `children`).
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schemars",
    schemars(extend("allOf" = [
        {
            "description": "`pick` only applies to choices.",
            "if": { "required": ["pick"] },
            "then": { "required": ["kind"], "properties": { "kind": { "const": "choice" } } }
        },
        {
            "description": "The alternatives of a choice cannot be optional: `pick` says how many are needed.",
            "if": { "required": ["kind"], "properties": { "kind": { "const": "choice" } } },
            "then": { "properties": { "children": { "items": {
                "not": { "required": ["optional"], "properties": { "optional": { "const": true } } }
            } } } }
        }
    ]))
)]
#[serde(deny_unknown_fields)]
pub struct RawNode {
    /// Id, unique within the roadmap at every depth: lower-case letters, digits and `-`.
    #[cfg_attr(feature = "schemars", schemars(regex(pattern = SLUG)))]
    pub id: String,
    /// Display title, one line.
    #[cfg_attr(feature = "schemars", schemars(regex(pattern = r"\S")))]
    pub title: String,
    /// One line shown in lists.
    pub summary: Option<String>,
    /// Longer text; YAML block scalars (`|` or `>`) are fine.
    pub description: Option<String>,
    /// `topic` (the default), `project` (something to build) or `choice` (a group of alternatives).
    #[serde(default)]
    pub kind: Kind,
    /// How long it takes: N or N-M followed by h (hours), d (days of 8 h) or w (weeks of 5 days), like `3d` or `2-4w`.
    #[cfg_attr(
        feature = "schemars",
        schemars(regex(pattern = r"^\s*[0-9]+\s*(-\s*[0-9]+\s*)?[hdw]\s*$"))
    )]
    pub estimate: Option<String>,
    /// Prerequisites: node ids in this roadmap, or `other-roadmap/id`. Children inherit their group's.
    #[serde(default)]
    #[cfg_attr(
        feature = "schemars",
        schemars(extend("items" = {
            "type": "string",
            "pattern": "^\\s*([a-z0-9][a-z0-9-]{0,63}/)?[a-z0-9][a-z0-9-]{0,63}\\s*$"
        }))
    )]
    pub requires: Vec<String>,
    /// A progress key shared across roadmaps: nodes with the same topic share one status.
    #[cfg_attr(feature = "schemars", schemars(regex(pattern = SLUG)))]
    pub topic: Option<String>,
    /// Former ids of this node; progress recorded under them carries over.
    #[serde(default)]
    #[cfg_attr(
        feature = "schemars",
        schemars(extend("items" = { "type": "string", "pattern": SLUG }))
    )]
    pub aliases: Vec<String>,
    /// Not needed for its group to be done, not counted in progress.
    #[serde(default)]
    pub optional: bool,
    /// Free words, searched by the terminal UI.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Links for learning it.
    #[serde(default)]
    pub resources: Vec<RawResource>,
    /// Nested nodes; a node with children is a group, done when they are.
    #[serde(default)]
    pub children: Vec<RawNode>,
    /// For `kind: choice`: how many children complete it, 1 to the number of children.
    #[cfg_attr(feature = "schemars", schemars(range(min = 1)))]
    pub pick: Option<i64>,
}

/// A link for learning a node.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawResource {
    /// Link text.
    pub title: String,
    /// An http or https link in plain ASCII: percent-encode anything else.
    #[cfg_attr(
        feature = "schemars",
        schemars(regex(pattern = r"^\s*https?://[!-~]+\s*$"))
    )]
    pub url: String,
    /// What kind of page it is.
    #[serde(rename = "type")]
    pub kind: ResourceKind,
}
