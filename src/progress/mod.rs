//! Per-user progress: statuses, notes and settings, with a history of every change.
//!
//! Several users share one store; each has their own statuses, notes and
//! settings, keyed by plain strings (`docker`, `backend-mastery/web-basics`).
//! The store knows nothing of roadmaps: a key without a status is simply todo.
//!
//! [`Store`] holds the rules (what is recorded, what undo reverts) once, over a
//! [`Storage`] backend that only stores and finds: [`SqliteStorage`] (a file that
//! several processes can share), [`PgStorage`] (a PostgreSQL database a team shares) or
//! [`MemoryStorage`] (for tests and dry runs).
//! Every change is recorded in history with its own [`ChangeId`] and the
//! [`DeviceId`] of the database it was made on, grouped in batches (one per
//! command), which `undo` reverts.

#![warn(missing_docs)]

mod choices;
mod error;
mod history;
mod ids;
mod learning;
mod memory;
mod merge;
mod notes;
mod pg;
mod sqlite;
mod storage;
mod store;
mod time;
mod types;
mod users;

pub use error::{StoreError, Unrecognized, WriteNeed};
pub use ids::{ChangeId, DeviceId};
pub use learning::Review;
pub use memory::MemoryStorage;
pub use pg::{PgStorage, client as pg_client, is_server_url, redact, url_user};
pub use sqlite::SqliteStorage;
pub use storage::{Storage, StorageRead, StorageTxn};
pub use store::Store;
pub use time::local_date;
pub use types::{
    Applied, Batch, BatchHead, Change, Delta, HistoryEntry, Merged, NewBatch, NewEntry, Rating,
    Record, Settled, UserId,
};

use crate::graph::UserStatus;

/// The version of the progress data model (tables, history format) this
/// build writes; every backend reports it, and SQLite's migrations reach it.
pub(crate) const SCHEMA_VERSION: i64 = 4;
