//! Opening the database safely, connection settings, and the read/write helpers every query goes through.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

use super::StoreError;
use super::migrations::{self, APPLICATION_ID, MIGRATIONS};

/// How in-memory stores are named in error messages.
const MEMORY: &str = ":memory:";

/// The first 16 bytes of every SQLite 3 database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// SQL for "now" in RFC 3339 UTC, e.g. `2026-11-22T01:53:44Z`.
const NOW: &str = "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

/// A handle on the progress database: one SQLite connection.
///
/// Open one per process (or thread); SQLite's locking keeps concurrent
/// writers from different processes safe.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// The schema version this build creates and understands.
    pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

    /// How long a write waits for another process's write before failing with [`StoreError::Locked`].
    pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

    /// Opens (creating it and its parent folders if missing) the database at `path`, migrating it to
    /// [`Store::SCHEMA_VERSION`]. A file it cannot use is rejected and left byte-for-byte untouched.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_with_timeout(path, Self::DEFAULT_BUSY_TIMEOUT)
    }

    /// Like [`Store::open`], with a custom busy timeout (how long to wait for other writers).
    pub fn open_with_timeout(path: &Path, busy_timeout: Duration) -> Result<Store, StoreError> {
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
        let conn = Connection::open(path).map_err(sql)?;
        configure(&conn, busy_timeout).map_err(sql)?;
        enable_wal(&conn, busy_timeout).map_err(sql)?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
        };
        migrations::migrate(&mut store.conn, MIGRATIONS, path)?;
        Ok(store)
    }

    /// Opens a fresh, private in-memory database (for tests and dry runs).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let location = Path::new(MEMORY);
        let sql = |e| StoreError::from_sqlite(location, e);
        let conn = Connection::open_in_memory().map_err(sql)?;
        configure(&conn, Self::DEFAULT_BUSY_TIMEOUT).map_err(sql)?;
        let mut store = Store { conn, path: None };
        migrations::migrate(&mut store.conn, MIGRATIONS, location)?;
        Ok(store)
    }

    /// The database file, or `None` for an in-memory store.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version recorded in the database (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.read(migrations::user_version)
    }

    /// The lines of `PRAGMA integrity_check`: exactly `["ok"]` for a healthy database.
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        self.read(|conn| {
            let mut stmt = conn.prepare("PRAGMA integrity_check")?;
            let rows = stmt.query_map([], |row| row.get(0))?;
            rows.collect()
        })
    }

    /// Runs a read, mapping errors to [`StoreError`].
    pub(super) fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        f(&self.conn).map_err(|e| StoreError::from_sqlite(location(&self.path), e))
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction, committed if `f` succeeds and rolled back otherwise.
    pub(super) fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let Store { conn, path } = self;
        let run = || {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        };
        run().map_err(|e| StoreError::from_sqlite(location(path), e))
    }
}

/// The path to name in error messages.
fn location(path: &Option<PathBuf>) -> &Path {
    path.as_deref().unwrap_or(Path::new(MEMORY))
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
/// must be SQLite, ours (or blank), and not newer than [`Store::SCHEMA_VERSION`].
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
        if application_id == APPLICATION_ID && (0..=Store::SCHEMA_VERSION).contains(&version) {
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
    if version > Store::SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: Store::SCHEMA_VERSION,
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

/// The current time as RFC 3339 UTC, from SQLite's clock.
pub(super) fn now(conn: &Connection) -> rusqlite::Result<String> {
    conn.query_row(NOW, [], |row| row.get(0))
}
