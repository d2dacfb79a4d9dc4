//! The SQLite backend: one database file, shared safely by several processes.
//!
//! Every write is one `BEGIN IMMEDIATE` transaction, so several skilltree processes can
//! mark progress at the same moment; reads use deferred transactions, which in WAL mode
//! never wait for a writer. Opening checks a file before writing anything to it, and
//! migrates it to the current schema.

mod migrations;
mod txn;

use std::cell::Cell;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

use self::migrations::{APPLICATION_ID, MIGRATIONS};
use self::txn::SqliteTxn;
use super::{SCHEMA_VERSION, Storage, StorageRead, StorageTxn, StoreError};

/// The first 16 bytes of every SQLite 3 database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Progress in a SQLite database file.
#[derive(Debug)]
pub struct SqliteStorage {
    conn: Connection,
    path: PathBuf,
    /// Commits made through this connection, which `PRAGMA data_version` does not count.
    commits: Cell<u64>,
}

impl SqliteStorage {
    /// Opens (creating it and its parent folders if missing) the database at `path`, migrating it
    /// to [`SCHEMA_VERSION`]. A file it cannot use is rejected and left byte-for-byte
    /// untouched. Writes wait up to `busy_timeout` for other processes' writes.
    pub fn open(path: &Path, busy_timeout: Duration) -> Result<SqliteStorage, StoreError> {
        if path.is_dir() {
            return Err(StoreError::IsDirectory {
                path: path.to_path_buf(),
            });
        }
        if let Some(parent) = path.parent()
            && !parent.as_os_str().is_empty()
        {
            fs::create_dir_all(parent).map_err(|source| StoreError::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        // A file another process is creating can look half-written for a moment
        // (a short header, a torn page): a "not a database" verdict must hold
        // steady before it is trusted. Real junk gives it every time.
        let mut attempts = 0;
        loop {
            match check_usable(path, busy_timeout) {
                Err(StoreError::NotADatabase { .. }) if attempts < 10 => {
                    attempts += 1;
                    thread::sleep(Duration::from_millis(20));
                }
                verdict => break verdict?,
            }
        }

        let sql = |e| StoreError::from_sqlite(path, e);
        let mut conn = Connection::open(path).map_err(sql)?;
        configure(&conn, busy_timeout).map_err(sql)?;
        enable_wal(&conn, busy_timeout).map_err(sql)?;
        migrations::migrate(&mut conn, MIGRATIONS, path)?;
        Ok(SqliteStorage {
            conn,
            path: path.to_path_buf(),
            commits: Cell::new(0),
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
        // data_version moves when other connections commit; our own commits are counted here.
        let theirs: i64 = self
            .conn
            .pragma_query_value(None, "data_version", |row| row.get(0))
            .map_err(|e| self.error(e))?;
        Ok((theirs as u64).wrapping_add(self.commits.get()))
    }

    fn read(&self) -> Result<Box<dyn StorageRead + '_>, StoreError> {
        Ok(Box::new(self.begin(TransactionBehavior::Deferred, None)?))
    }

    fn txn(&mut self) -> Result<Box<dyn StorageTxn + '_>, StoreError> {
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

/// Decides, without writing anything, whether `path` is a database this build can use.
///
/// Missing and empty files are fine (they become new databases). Anything else
/// must be SQLite, ours (or blank), and not newer than [`SCHEMA_VERSION`]:
/// every older schema (1 and up) is fine, since opening migrates it.
fn check_usable(path: &Path, busy_timeout: Duration) -> Result<(), StoreError> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let not_a_database = || StoreError::NotADatabase {
        path: path.to_path_buf(),
    };
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io(e)),
    };
    if file.metadata().map_err(io)?.len() == 0 {
        return Ok(());
    }
    let mut header = [0; 100];
    let read = read_up_to(&mut file, &mut header).map_err(io)?;
    if read < SQLITE_HEADER.len() || &header[..SQLITE_HEADER.len()] != SQLITE_HEADER {
        return Err(not_a_database());
    }
    drop(file);
    // The common case, decided from the header alone: our application id and
    // a schema we know. (The header can trail the WAL; `migrate` reads the live
    // version and refuses a newer one before writing anything.)
    if read == header.len() {
        let field = |at: usize| {
            i32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
        };
        let (version, application_id) = (i64::from(field(60)), field(68));
        if application_id == APPLICATION_ID && (0..=SCHEMA_VERSION).contains(&version) {
            return Ok(());
        }
    }

    let sql = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => not_a_database(),
        _ => StoreError::from_sqlite(path, e),
    };
    let conn = open_for_probe(path).map_err(sql)?;
    conn.busy_timeout(busy_timeout).map_err(sql)?;
    let application_id: i32 = conn
        .pragma_query_value(None, "application_id", |row| row.get(0))
        .map_err(sql)?;
    let version = migrations::user_version(&conn).map_err(sql)?;
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))
        .map_err(sql)?;

    let foreign = application_id != 0 && application_id != APPLICATION_ID;
    if foreign {
        return Err(not_a_database());
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    // Unmarked but not blank: some other program's database, which migrating would damage.
    if application_id == 0 && (version != 0 || objects != 0) {
        return Err(not_a_database());
    }
    Ok(())
}

/// Reads as much of `buf` as the file has.
fn read_up_to(file: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Opens `path` read-only, creating nothing next to it.
///
/// Without a `-wal` or `-journal` file beside it the main file holds the whole
/// database, so it is opened `immutable` (no locks, no `-shm`/`-wal` created).
/// Otherwise it is in use or was not closed cleanly, and a plain read-only
/// connection sees the committed state through the existing side files.
fn open_for_probe(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let beside = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name).exists()
    };
    if beside("-wal") || beside("-journal") {
        return Connection::open_with_flags(path, flags);
    }
    let mut uri = String::from("file:");
    for &byte in path.as_os_str().as_encoded_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
}
