//! Per-user progress in SQLite.
