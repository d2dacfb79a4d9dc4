//! The dependency graph and the unlock rules, as pure functions over a
//! [`Catalog`] and one user's statuses. No I/O, no storage types.

mod catalog;
mod dag;
mod id;
pub mod layout;
pub mod lint;
mod names;
pub mod query;
mod reach;
mod status;
mod user_status;

pub use catalog::Catalog;
pub use dag::{Dag, Vertex};
pub use id::{NodeId, NodeRange, RoadmapIx};
pub use status::{State, Status, percent};
pub use user_status::UserStatus;

#[cfg(test)]
mod tests;
