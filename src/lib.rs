//! skilltree: roadmaps as dependency graphs, progress in SQLite.
//!
//! The core (`roadmap`, `graph`, `progress`) knows nothing of terminals or
//! argument parsing; `cli` and `tui` sit on top of it.

pub mod app;
pub mod cli;
pub mod graph;
pub mod progress;
pub mod roadmap;
pub mod tui;
