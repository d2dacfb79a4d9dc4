//! skilltree's roadmap file format: reading, checking, and where files come from.
//!
//! A file goes through four steps, each with positions for its errors:
//! raw checks on the bytes ([`limits`]), a YAML parse by serde_yaml for syntax
//! and a positioned second pass ([`yaml_tree`]), a structural check against the
//! schema ([`schema`]), then serde into [`raw`] structs and the semantic checks
//! that produce a [`Roadmap`] ([`check`]).
//!
//! This crate knows nothing of progress, graphs or terminals; skilltree's
//! build script uses it to check the built-in roadmaps, so a broken built-in
//! fails the build with `FILE:LINE:COL`.

pub mod cache;
mod check;
pub mod diagnostic;
pub mod estimate;
#[cfg(feature = "schemars")]
mod json_schema;
pub mod limits;
mod model;
mod pipeline;
mod raw;
pub mod sanitize;
mod schema;
pub mod sources;
mod yaml_tree;

pub use cache::Cache;
pub use check::{FORMAT_VERSION, is_slug};
pub use diagnostic::{Diagnostic, Pos, Severity};
pub use estimate::Estimate;
#[cfg(feature = "schemars")]
pub use json_schema::json_schema;
pub use model::{Kind, Node, Origin, Ref, Resource, ResourceKind, Roadmap};
pub use pipeline::parse;
