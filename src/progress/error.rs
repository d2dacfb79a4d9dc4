//! What can go wrong with the progress database, phrased for the person at the terminal.

use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

/// Why the progress store could not do what was asked.
///
/// Every message names the file and says what to do about it. The variants
/// that reject a file on open (`IsDirectory`, `NotADatabase`, `NewerSchema`)
/// guarantee the file was left exactly as it was.
#[derive(thiserror::Error, Debug)]
pub enum StoreError {
    /// The database path points at a folder.
    #[error(
        "{} is a directory, not a progress database; name a file instead (for example {})",
        path.display(),
        path.join("progress.db").display()
    )]
    IsDirectory {
        /// The path that was given.
        path: PathBuf,
    },

    /// The file is not SQLite, is damaged, or is another program's database.
    #[error(
        "{} is not a skilltree progress database (it is not SQLite, is damaged, or belongs to another program); \
         it was left untouched: move it aside or use another file",
        path.display()
    )]
    NotADatabase {
        /// The rejected file.
        path: PathBuf,
    },

    /// The file was migrated by a newer skilltree than this one.
    #[error(
        "{} was written by a newer skilltree (schema {found}, this build knows {supported}); \
         it was left untouched: upgrade skilltree or use another file",
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

    /// Another process kept the database busy for longer than the busy timeout.
    #[error(
        "{} is locked by another skilltree process and stayed locked; nothing was changed: \
         wait for the other process to finish (or close it) and try again",
        path.display()
    )]
    Locked {
        /// The busy database file.
        path: PathBuf,
    },

    /// A folder or file could not be created or read.
    #[error(
        "cannot access {}: {source}; check that the folder exists and is writable, or use another file",
        path.display()
    )]
    Io {
        /// The folder or file that could not be accessed.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },

    /// Any other SQLite failure.
    #[error("database error in {}: {source}", path.display())]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// The underlying error.
        source: rusqlite::Error,
    },
}

impl StoreError {
    /// Classifies a SQLite error that happened while using the database at `path`.
    pub(crate) fn from_sqlite(path: &Path, source: rusqlite::Error) -> Self {
        match source.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked {
                path: path.to_path_buf(),
            },
            _ => StoreError::Sqlite {
                path: path.to_path_buf(),
                source,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busy_maps_to_locked_and_other_errors_keep_their_source() {
        let busy = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            None,
        );
        let err = StoreError::from_sqlite(Path::new("/tmp/p.db"), busy);
        assert!(matches!(err, StoreError::Locked { ref path } if path == Path::new("/tmp/p.db")));

        let other = StoreError::from_sqlite(Path::new("/tmp/p.db"), rusqlite::Error::InvalidQuery);
        assert!(matches!(other, StoreError::Sqlite { .. }));
        assert!(other.to_string().contains("/tmp/p.db"));
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
}
