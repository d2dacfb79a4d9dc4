//! The file as serde reads it: every field as written, nothing checked yet.
//! [`crate::check`] turns this into a validated [`crate::Roadmap`].

use serde::Deserialize;

use crate::model::{Kind, ResourceKind};

/// A roadmap file, unchecked.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRoadmap {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub version: Option<i64>,
    pub source: Option<String>,
    pub nodes: Vec<RawNode>,
}

/// One node, unchecked.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNode {
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub kind: Kind,
    pub estimate: Option<String>,
    #[serde(default)]
    pub requires: Vec<String>,
    pub topic: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub optional: bool,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub resources: Vec<RawResource>,
    #[serde(default)]
    pub children: Vec<RawNode>,
    pub pick: Option<i64>,
}

/// A link, unchecked.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResource {
    pub title: String,
    pub url: String,
    #[serde(rename = "type")]
    pub kind: ResourceKind,
}
