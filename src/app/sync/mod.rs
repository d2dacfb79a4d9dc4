//! Progress that travels: `export`, `import` and `sync` between machines.
//!
//! Every change has an id, so merging is a union by id and the newest change of a key counts
//! (the rules are in [`crate::progress::Store::import`]); here are the file format, reading
//! files a line at a time, and the three use cases.

pub mod auto;
pub mod export;
pub mod folder;
pub mod format;
pub mod import;
pub mod layout;
pub mod read;
pub mod snapshot;

pub use auto::{AUTO_SYNC, auto, set_auto};
pub use export::{Exported, Format, export};
pub use folder::{SYNC_FOLDER, Synced, sync};
pub use import::{Imported, MergeReport, import};
