//! The SQLite backend: one database file, shared safely by several processes.
//!
//! Every write is one `BEGIN IMMEDIATE` transaction, so several skilltree processes can
//! mark progress at the same moment; reads use deferred transactions, which in WAL mode
//! never wait for a writer. Opening checks a file before writing anything to it (see
//! [`file`]), and migrates it to the current schema. A database that cannot be written (a
//! read-only file or folder) is opened for reading, and refuses every write transaction.

mod file;
mod migrations;
mod os;
mod txn;

use std::cell::Cell;
use std::fs::{self, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

use self::migrations::MIGRATIONS;
use self::txn::SqliteTxn;
use super::error::{WriteNeed, sqlite_code};
use super::{SCHEMA_VERSION, Storage, StorageRead, StorageTxn, StoreError};

pub(crate) use self::os::file_size_limit;

/// Progress in a SQLite database file.
#[derive(Debug)]
pub struct SqliteStorage {
    conn: Connection,
    path: PathBuf,
    /// Commits made through this connection, which `PRAGMA data_version` does not count.
    commits: Cell<u64>,
    /// The file or its folder cannot be written: reads work, write transactions are refused.
    read_only: bool,
}

impl SqliteStorage {
    /// Opens (creating it and its parent folders if missing) the database at `path`, migrating it
    /// to [`SCHEMA_VERSION`]. A file it cannot use is rejected and left byte-for-byte
    /// untouched. Writes wait up to `busy_timeout` for other processes' writes.
    ///
    /// A change a killed process left half-written is rolled back first. A database that
    /// cannot be written is opened for reading only: its write transactions fail with
    /// [`StoreError::ReadOnly`].
    pub fn open(path: &Path, busy_timeout: Duration) -> Result<SqliteStorage, StoreError> {
        // SQLite reads a name starting `file:` as a URI wherever it is opened; `./file:x`
        // is the same file and no URI.
        let dotted;
        let path =
            if path.is_relative() && path.as_os_str().as_encoded_bytes().starts_with(b"file:") {
                dotted = Path::new(".").join(path);
                dotted.as_path()
            } else {
                path
            };
        os::ignore_file_size_signal();
        if !file::check_kind(path)? {
            create(path)?;
        }
        file::recover(path, busy_timeout)?;
        // A file another process is creating can look half-written for a moment
        // (a short header, a torn page): while its `-journal` or `-wal` says it is
        // being written, a "not a database" verdict must hold steady before it is
        // trusted. Real junk gives it every time.
        let mut attempts = 0;
        loop {
            match file::check_usable(path, busy_timeout) {
                Err(StoreError::NotADatabase { .. } | StoreError::Damaged { .. })
                    if attempts < 10
                        && (file::has_side_file(path, "-journal")
                            || file::has_side_file(path, "-wal")) =>
                {
                    attempts += 1;
                    thread::sleep(Duration::from_millis(20));
                }
                verdict => break verdict?,
            }
        }

        let (conn, read_only) = match open_writable(path, busy_timeout)? {
            Some(conn) => (conn, false),
            None => (open_read_only(path, busy_timeout)?, true),
        };
        Ok(SqliteStorage {
            conn,
            path: path.to_path_buf(),
            commits: Cell::new(0),
            read_only,
        })
    }

    /// Maps a SQLite error to a [`StoreError`] naming this file.
    fn error(&self, e: rusqlite::Error) -> StoreError {
        StoreError::from_sqlite(&self.path, e)
    }

    /// Begins a transaction on the connection (`&self` suffices: rusqlite's transaction only
    /// needs the connection borrowed, and `txn` holds `&mut self` to keep writes exclusive).
    fn begin<'a>(
        &'a self,
        behavior: TransactionBehavior,
        commits: Option<&'a Cell<u64>>,
    ) -> Result<SqliteTxn<'a>, StoreError> {
        let tx = Transaction::new_unchecked(&self.conn, behavior).map_err(|e| self.error(e))?;
        Ok(SqliteTxn::new(tx, &self.path, commits))
    }
}

/// Creates the missing file at `path` (and its folders), empty: SQLite makes an empty file
/// a new database. Creating it here, rather than letting SQLite, says why it cannot be.
fn create(path: &Path) -> Result<(), StoreError> {
    if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
    {
        fs::create_dir_all(parent).map_err(|source| StoreError::Io {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    let mut options = OpenOptions::new();
    options.write(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o644); // what SQLite gives the files it creates
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
            ) =>
        {
            Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
                need: WriteNeed::Create,
            })
        }
        Err(source) => Err(StoreError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Opens the database for reading and writing, in WAL mode and migrated; `None` when the
/// file or its folder turns out not to be writable (SQLite then opens the file read-only,
/// or cannot create the `-wal` and `-shm` files beside it).
fn open_writable(path: &Path, busy_timeout: Duration) -> Result<Option<Connection>, StoreError> {
    let sql = |e| StoreError::from_sqlite(path, e);
    // Not a URI: `--db file:x.db` is a file named `file:x.db`, as the checks before assumed.
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags).map_err(sql)?;
    configure(&conn, busy_timeout).map_err(sql)?;
    if conn.is_readonly("main").map_err(sql)? {
        return Ok(None);
    }
    let ready = enable_wal(&conn, busy_timeout)
        .map_err(|e| match sqlite_code(&e).map(|c| c.code) {
            // The `-wal` or `-shm` file cannot be created: the folder is read-only.
            Some(ErrorCode::CannotOpen) => StoreError::ReadOnly {
                path: path.to_path_buf(),
                need: WriteNeed::Save,
            },
            _ => sql(e),
        })
        .and_then(|()| migrations::migrate(&mut conn, MIGRATIONS, path));
    match ready {
        Ok(()) => Ok(Some(conn)),
        Err(StoreError::ReadOnly { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Opens a database that cannot be written, for reading only; it must already be at
/// [`SCHEMA_VERSION`], since upgrading it would need a write.
///
/// Without a `-wal` beside it, no process is writing it (a WAL writer keeps one open, and
/// in a read-only folder none can make one), and the file holds the whole database: it is
/// read as an immutable file, creating nothing beside it. (A plain read-only connection
/// would make a `-shm` and `-wal` with the file's read-only mode, which would then keep
/// skilltree from writing even after the file is made writable again.) With a `-wal`, a
/// plain read-only connection reads the committed state through the side files there.
fn open_read_only(path: &Path, busy_timeout: Duration) -> Result<Connection, StoreError> {
    let sql = |e| StoreError::from_sqlite(path, e);
    let conn = if file::has_side_file(path, "-wal") {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Connection::open_with_flags(path, flags)
            .and_then(|conn| {
                conn.busy_timeout(busy_timeout)?;
                migrations::user_version(&conn).map(|_| conn)
            })
            .map_err(|e| match sqlite_code(&e).map(|c| c.code) {
                // The `-wal` holds changes whose index must be rebuilt, which needs a write.
                Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen) => StoreError::ReadOnly {
                    path: path.to_path_buf(),
                    need: WriteNeed::Recover,
                },
                _ => sql(e),
            })?
    } else {
        file::open_immutable(path).map_err(sql)?
    };
    let version = migrations::user_version(&conn).map_err(sql)?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version < SCHEMA_VERSION {
        return Err(StoreError::ReadOnly {
            path: path.to_path_buf(),
            need: if version == 0 {
                WriteNeed::Create
            } else {
                WriteNeed::Upgrade
            },
        });
    }
    conn.pragma_update(None, "query_only", true).map_err(sql)?;
    Ok(conn)
}

impl Storage for SqliteStorage {
    fn location(&self) -> String {
        self.path.display().to_string()
    }

    fn path(&self) -> Option<&Path> {
        Some(&self.path)
    }

    fn schema_version(&self) -> Result<i64, StoreError> {
        migrations::user_version(&self.conn).map_err(|e| self.error(e))
    }

    fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let run = || -> rusqlite::Result<Vec<String>> {
            let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
            let rows = stmt.query_map([], |row| row.get(0))?;
            rows.collect()
        };
        run().map_err(|e| self.error(e))
    }

    fn outside_version(&self) -> Result<u64, StoreError> {
        // SQLite's data_version moves exactly when another connection commits.
        let theirs: i64 = self
            .conn
            .pragma_query_value(None, "data_version", |row| row.get(0))
            .map_err(|e| self.error(e))?;
        Ok(theirs as u64)
    }

    fn data_version(&self) -> Result<u64, StoreError> {
        // Others' commits move data_version; our own are counted here.
        Ok(self.outside_version()?.wrapping_add(self.commits.get()))
    }

    fn read(&self) -> Result<Box<dyn StorageRead + '_>, StoreError> {
        Ok(Box::new(self.begin(TransactionBehavior::Deferred, None)?))
    }

    fn txn(&mut self) -> Result<Box<dyn StorageTxn + '_>, StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
                need: WriteNeed::Save,
            });
        }
        Ok(Box::new(self.begin(
            TransactionBehavior::Immediate,
            Some(&self.commits),
        )?))
    }
}

/// Per-connection settings: busy timeout and foreign keys.
fn configure(conn: &Connection, busy_timeout: Duration) -> rusqlite::Result<()> {
    conn.busy_timeout(busy_timeout)?;
    conn.pragma_update(None, "foreign_keys", true)
}

/// Switches the database to WAL journal mode (a no-op when it already is).
///
/// When several connections race to convert a fresh file, SQLite answers BUSY
/// at once instead of calling the busy handler, so retry until the timeout.
fn enable_wal(conn: &Connection, busy_timeout: Duration) -> rusqlite::Result<()> {
    let deadline = Instant::now() + busy_timeout;
    loop {
        let result = conn
            .pragma_update_and_check(None, "journal_mode", "wal", |row| row.get::<_, String>(0));
        match result {
            Err(e)
                if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && Instant::now() < deadline =>
            {
                thread::sleep(Duration::from_millis(2));
            }
            other => return other.map(drop),
        }
    }
}
