//! The dependency graph and the unlock rules, as pure functions over a
//! [`Catalog`] and one user's progress.

mod catalog;
mod dag;
pub mod query;
mod status;
mod user_status;

pub use catalog::{Catalog, NodeId};
pub use status::{State, Status, percent};
pub use user_status::UserStatus;

#[cfg(test)]
mod tests;
