//! What can go wrong with the progress database, phrased for the person at the terminal.
//!
//! Every message is one sentence of what is wrong (naming the file) and one of what to do.
//! None names a command-line flag: a front end adds its own hint for the variants where
//! another file would help (see the CLI's error module).

use std::error::Error;
use std::fmt;
use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;
use rusqlite::ffi;

/// Why the progress store could not do what was asked.
///
/// Every message names the file and says what to do about it. The variants that reject a
/// file on open (`IsDirectory`, `SpecialFile`, `NotADatabase`, `Damaged`, `NewerSchema`)
/// guarantee the file was left exactly as it was; `ReadOnly`, `Full` and `Locked` that
/// nothing was changed.
#[derive(thiserror::Error, Debug)]
pub enum StoreError {
    /// The database path points at a folder.
    #[error(
        "{} is a directory, not a progress database. Name a file instead (for example {}).",
        path.display(),
        path.join("progress.db").display()
    )]
    IsDirectory {
        /// The path that was given.
        path: PathBuf,
    },

    /// The database path is a named pipe, a socket or a device, which cannot hold a
    /// database; nothing was opened or created, not even beside it.
    #[error(
        "{} is a {kind}, not a file that can hold a progress database; it was left alone. \
         Use another file.",
        path.display()
    )]
    SpecialFile {
        /// The path that was given.
        path: PathBuf,
        /// What it is: "named pipe (FIFO)", "socket", "character device", "block device".
        kind: &'static str,
    },

    /// The file is not a SQLite database, or is another program's.
    #[error("{}", not_a_database(path, *reason))]
    NotADatabase {
        /// The rejected file.
        path: PathBuf,
        /// What it is instead.
        reason: Unrecognized,
    },

    /// A skilltree database whose contents are damaged: truncated, malformed, or holding
    /// values skilltree never writes.
    #[error(
        "{} is damaged ({detail}); it was left untouched. \
         Restore it from a backup, or move it aside and use another file.",
        path.display()
    )]
    Damaged {
        /// The damaged file.
        path: PathBuf,
        /// What is wrong with it, for the message: "SQLite finds it malformed",
        /// "it holds the status \"grbl\", which skilltree never writes".
        detail: String,
    },

    /// The file was migrated by a newer skilltree than this one.
    #[error(
        "{} was written by a newer skilltree (schema {found}, this build knows {supported}); \
         it was left untouched. To go on, upgrade skilltree or use another file.",
        path.display()
    )]
    NewerSchema {
        /// The rejected file.
        path: PathBuf,
        /// The schema version found in the file.
        found: i64,
        /// The newest schema version this build understands.
        supported: i64,
    },

    /// The file or its folder cannot be written. Reading still works where it can; what
    /// needed a write did not happen.
    #[error(
        "{} is read-only (the file or its folder cannot be written), so {}; nothing was changed. \
         Make the file and its folder writable, or use another file.",
        path.display(),
        need.says()
    )]
    ReadOnly {
        /// The database file.
        path: PathBuf,
        /// What needed the write.
        need: WriteNeed,
    },

    /// A write failed for lack of room: the disk is full, or the file reached the size
    /// limit set for this process (`ulimit -f`). The transaction was rolled back.
    #[error("{}", full(path, *size_limit))]
    Full {
        /// The database file.
        path: PathBuf,
        /// The process's file-size limit in bytes, when one is set (then it is the likely
        /// cause); `None` when the disk or quota is full.
        size_limit: Option<u64>,
    },

    /// Another process kept the database busy for longer than the busy timeout.
    #[error(
        "{} is locked by another skilltree process and stayed locked; nothing was changed. \
         Wait for the other process to finish (or close it) and try again.",
        path.display()
    )]
    Locked {
        /// The busy database file.
        path: PathBuf,
    },

    /// A folder or file could not be created or read.
    #[error(
        "cannot access {}: {source}. Check that the folder exists and is writable, or use another file.",
        path.display()
    )]
    Io {
        /// The folder or file that could not be accessed.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },

    /// A PostgreSQL server could not be reached, refused the login or a change, or failed.
    /// Every change is one transaction on the server, so nothing was half-applied.
    #[error("the database server {server} {problem}. {advice}")]
    Server {
        /// The server and database, as a URL without the password.
        server: String,
        /// What went wrong, ending with what became of the change ("nothing was changed").
        problem: String,
        /// What to do about it.
        advice: String,
    },

    /// Any other SQLite failure.
    #[error("database error in {}: {}", path.display(), sqlite_message(source))]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// The underlying error.
        source: rusqlite::Error,
    },
}

/// What a file refused as [`StoreError::NotADatabase`] is instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unrecognized {
    /// Not a SQLite file at all, or one whose header is wrecked.
    NotSqlite,
    /// A SQLite database without skilltree's mark: another program's.
    OtherProgram,
}

/// What needed to write to a [`StoreError::ReadOnly`] database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteNeed {
    /// Creating the database file.
    Create,
    /// Saving a change.
    Save,
    /// Upgrading the file to this build's schema before it can be read.
    Upgrade,
    /// Rolling back a change a stopped process left half-written, before it can be read.
    Recover,
}

impl WriteNeed {
    fn says(self) -> &'static str {
        match self {
            WriteNeed::Create => "the database cannot be created there",
            WriteNeed::Save => "the change cannot be saved",
            WriteNeed::Upgrade => "it cannot be upgraded to this skilltree's format to be read",
            WriteNeed::Recover => {
                "a change a stopped skilltree left half-written cannot be rolled back to read it"
            }
        }
    }
}

fn not_a_database(path: &Path, reason: Unrecognized) -> String {
    let path = path.display();
    match reason {
        Unrecognized::NotSqlite => format!(
            "{path} is not a skilltree progress database (it is not a SQLite file, or its header \
             is damaged); it was left untouched. Move it aside or use another file."
        ),
        Unrecognized::OtherProgram => format!(
            "{path} is another program's SQLite database, not a skilltree progress database; \
             it was left untouched. Use another file."
        ),
    }
}

fn full(path: &Path, size_limit: Option<u64>) -> String {
    let path = path.display();
    match size_limit {
        Some(limit) => format!(
            "{path} could not be written: it would pass the file-size limit of {limit} bytes set \
             for this process (ulimit -f), or the disk is full; nothing was changed. \
             Raise the limit or free some space, then try again."
        ),
        None => format!(
            "{path} could not be written because the disk (or your quota) is full; nothing was \
             changed. Free some space and try again."
        ),
    }
}

/// SQLite's own words, without the SQL text some errors carry.
fn sqlite_message(source: &rusqlite::Error) -> String {
    match source {
        rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
        other => other.to_string(),
    }
}

/// A value read from the database that skilltree never writes: what it should have been,
/// and what was there (`None` for NULL).
#[derive(Debug)]
pub(crate) struct BadValue {
    /// What the column holds: "status", "time", "change id".
    pub(crate) what: &'static str,
    /// The text found, or `None` for NULL.
    pub(crate) found: Option<String>,
}

impl fmt::Display for BadValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.found {
            Some(text) => {
                // Enough to recognise the value; a scribbled page can hold a lot of junk.
                const SHOWN: usize = 40;
                let mut shown: String = text.chars().take(SHOWN).collect();
                if text.chars().count() > SHOWN {
                    shown.push('…');
                }
                write!(
                    f,
                    "it holds the {} {shown:?}, which skilltree never writes",
                    self.what
                )
            }
            None => write!(f, "it holds no {} where one must be", self.what),
        }
    }
}

impl Error for BadValue {}

impl StoreError {
    /// Classifies a SQLite error that happened while using the database at `path`.
    pub(crate) fn from_sqlite(path: &Path, source: rusqlite::Error) -> Self {
        let path = path.to_path_buf();
        if let rusqlite::Error::FromSqlConversionFailure(_, _, cause) = &source {
            let detail = match cause.downcast_ref::<BadValue>() {
                Some(bad) => bad.to_string(),
                None => format!("a value cannot be read: {cause}"),
            };
            return StoreError::Damaged { path, detail };
        }
        if let rusqlite::Error::InvalidColumnType(_, name, found) = &source {
            let detail = format!("its {name:?} column holds a value of type {found}");
            return StoreError::Damaged { path, detail };
        }
        let Some(code) = sqlite_code(&source) else {
            return StoreError::Sqlite { path, source };
        };
        match code.code {
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => StoreError::Locked { path },
            ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => StoreError::Damaged {
                path,
                detail: "SQLite finds it malformed".to_owned(),
            },
            ErrorCode::ReadOnly => StoreError::ReadOnly {
                path,
                need: if code.extended_code == ffi::SQLITE_READONLY_ROLLBACK {
                    WriteNeed::Recover
                } else {
                    WriteNeed::Save
                },
            },
            ErrorCode::DiskFull => StoreError::Full {
                path,
                size_limit: super::sqlite::file_size_limit(),
            },
            // A write past the file-size limit fails with EFBIG, which SQLite reports as an
            // error writing, growing the `-shm` or sizing the file (only ENOSPC becomes
            // SQLITE_FULL). It is the cause when a limit is set and one of the files the
            // write touches has reached it; any other write error stays what it is.
            ErrorCode::SystemIoFailure
                if [
                    ffi::SQLITE_IOERR_WRITE,
                    ffi::SQLITE_IOERR_SHMSIZE,
                    ffi::SQLITE_IOERR_TRUNCATE,
                ]
                .contains(&code.extended_code) =>
            {
                match super::sqlite::file_size_limit() {
                    Some(limit) if at_limit(&path, limit) => StoreError::Full {
                        path,
                        size_limit: Some(limit),
                    },
                    _ => StoreError::Sqlite { path, source },
                }
            }
            _ => StoreError::Sqlite { path, source },
        }
    }
}

/// Whether the database or one of its side files has grown to within a few
/// pages of `limit` bytes: where a write stopped by the file-size limit leaves it.
fn at_limit(path: &Path, limit: u64) -> bool {
    const MARGIN: u64 = 64 * 1024;
    ["", "-wal", "-journal", "-shm"].iter().any(|suffix| {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        std::fs::metadata(&file).is_ok_and(|m| m.len() + MARGIN >= limit)
    })
}

/// The SQLite result code of an error, also for errors that carry the SQL text.
pub(crate) fn sqlite_code(e: &rusqlite::Error) -> Option<&ffi::Error> {
    match e {
        rusqlite::Error::SqliteFailure(code, _) => Some(code),
        rusqlite::Error::SqlInputError { error, .. } => Some(error),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(extended: i32) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(ffi::Error::new(extended), None)
    }

    #[test]
    fn busy_maps_to_locked_and_other_errors_keep_their_source() {
        let err = StoreError::from_sqlite(Path::new("/tmp/p.db"), failure(ffi::SQLITE_BUSY));
        assert!(matches!(err, StoreError::Locked { ref path } if path == Path::new("/tmp/p.db")));

        let other = StoreError::from_sqlite(Path::new("/tmp/p.db"), rusqlite::Error::InvalidQuery);
        assert!(matches!(other, StoreError::Sqlite { .. }));
        assert!(other.to_string().contains("/tmp/p.db"));
    }

    #[test]
    fn corruption_read_only_and_full_disks_get_their_own_messages() {
        let path = Path::new("/tmp/p.db");
        let corrupt = StoreError::from_sqlite(path, failure(ffi::SQLITE_CORRUPT));
        assert!(matches!(corrupt, StoreError::Damaged { .. }), "{corrupt:?}");
        assert!(corrupt.to_string().contains("malformed"), "{corrupt}");

        let read_only = StoreError::from_sqlite(path, failure(ffi::SQLITE_READONLY));
        assert!(
            matches!(
                read_only,
                StoreError::ReadOnly {
                    need: WriteNeed::Save,
                    ..
                }
            ),
            "{read_only:?}"
        );
        let rollback = StoreError::from_sqlite(path, failure(ffi::SQLITE_READONLY_ROLLBACK));
        assert!(
            matches!(
                rollback,
                StoreError::ReadOnly {
                    need: WriteNeed::Recover,
                    ..
                }
            ),
            "{rollback:?}"
        );

        let full = StoreError::from_sqlite(path, failure(ffi::SQLITE_FULL));
        assert!(matches!(full, StoreError::Full { .. }), "{full:?}");
    }

    #[test]
    fn a_value_we_never_write_is_damage_naming_the_value() {
        let bad = BadValue {
            what: "status",
            found: Some("grbl".into()),
        };
        let source = rusqlite::Error::FromSqlConversionFailure(
            1,
            rusqlite::types::Type::Text,
            Box::new(bad),
        );
        let err = StoreError::from_sqlite(Path::new("/home/ana/p.db"), source);
        let msg = err.to_string();
        assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
        assert!(msg.contains("/home/ana/p.db"), "{msg}");
        assert!(msg.contains(r#"the status "grbl""#), "{msg}");
        assert!(!msg.contains("Conversion"), "{msg}");
    }

    #[test]
    fn sql_text_never_reaches_the_message() {
        let source = rusqlite::Error::SqlInputError {
            error: ffi::Error::new(ffi::SQLITE_ERROR),
            msg: "table users already exists".into(),
            sql: "CREATE TABLE users (id INTEGER PRIMARY KEY)".into(),
            offset: 14,
        };
        let msg = StoreError::from_sqlite(Path::new("/tmp/p.db"), source).to_string();
        assert!(msg.contains("table users already exists"), "{msg}");
        assert!(!msg.contains("CREATE"), "{msg}");
    }

    #[test]
    fn newer_schema_message_says_what_to_do() {
        let err = StoreError::NewerSchema {
            path: PathBuf::from("/home/ana/p.db"),
            found: 7,
            supported: 1,
        };
        let msg = err.to_string();
        assert!(msg.contains("/home/ana/p.db"), "{msg}");
        assert!(msg.contains("schema 7, this build knows 1"), "{msg}");
        assert!(
            msg.contains("upgrade skilltree or use another file"),
            "{msg}"
        );
    }

    #[test]
    fn every_message_is_what_is_wrong_then_what_to_do() {
        let path = PathBuf::from("/srv/p.db");
        let errors = [
            StoreError::IsDirectory { path: path.clone() },
            StoreError::SpecialFile {
                path: path.clone(),
                kind: "named pipe (FIFO)",
            },
            StoreError::NotADatabase {
                path: path.clone(),
                reason: Unrecognized::NotSqlite,
            },
            StoreError::NotADatabase {
                path: path.clone(),
                reason: Unrecognized::OtherProgram,
            },
            StoreError::Damaged {
                path: path.clone(),
                detail: "SQLite finds it malformed".into(),
            },
            StoreError::ReadOnly {
                path: path.clone(),
                need: WriteNeed::Save,
            },
            StoreError::Full {
                path: path.clone(),
                size_limit: Some(1024),
            },
            StoreError::Full {
                path: path.clone(),
                size_limit: None,
            },
            StoreError::Locked { path: path.clone() },
        ];
        for err in errors {
            let msg = err.to_string();
            assert!(msg.starts_with("/srv/p.db "), "names the file first: {msg}");
            let sentences: Vec<&str> = msg.split(". ").filter(|s| !s.trim().is_empty()).collect();
            assert_eq!(sentences.len(), 2, "two sentences: {msg}");
            assert!(msg.ends_with('.'), "{msg}");
            assert!(!msg.contains("--"), "names no flag: {msg}");
        }
    }

    #[test]
    fn a_write_error_is_the_size_limit_only_when_a_file_reached_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("progress.db");
        std::fs::write(&db, vec![0u8; 8192]).unwrap();
        // A journal cut off at the limit, as a write stopped by it leaves it.
        assert!(at_limit(&db, 70_000));
        assert!(!at_limit(&db, 100_000));
        std::fs::write(dir.path().join("progress.db-journal"), vec![0u8; 1 << 20]).unwrap();
        assert!(at_limit(&db, 1 << 20));
        // Far below the limit: some other write error.
        assert!(!at_limit(&db, 64 << 20));
    }
}
