//! What is at the database path, decided before SQLite writes anything there.
//!
//! In order: the kind of file (a folder or a special file is refused before anything is
//! opened, so no `-journal` or `-wal` appears beside a device); a change a stopped process
//! left half-written (rolled back, as every SQLite program does before reading); then
//! whether the file is a skilltree database this build can use, read without writing.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::super::error::{Unrecognized, WriteNeed, sqlite_code};
use super::super::{SCHEMA_VERSION, StoreError};
use super::migrations::{self, APPLICATION_ID};
use super::os;

/// The first 16 bytes of every SQLite 3 database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// The first 8 bytes of a SQLite rollback journal with a header (a hot journal).
const JOURNAL_MAGIC: [u8; 8] = [0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7];

/// Whether `path` names a regular file (`true`) or nothing yet (`false`); a folder or a
/// special file is refused. A path that cannot be examined counts as nothing: creating it
/// then says what is wrong.
pub(super) fn check_kind(path: &Path) -> Result<bool, StoreError> {
    let Ok(meta) = fs::metadata(path) else {
        return Ok(false);
    };
    if meta.is_dir() {
        return Err(StoreError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    if meta.is_file() {
        return Ok(true);
    }
    Err(StoreError::SpecialFile {
        path: path.to_path_buf(),
        kind: special_kind(&meta.file_type()),
    })
}

/// Names a file type that is neither a regular file nor a folder.
#[cfg(unix)]
fn special_kind(kind: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "named pipe (FIFO)"
    } else if kind.is_socket() {
        "socket"
    } else if kind.is_char_device() {
        "character device"
    } else if kind.is_block_device() {
        "block device"
    } else {
        "special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &fs::FileType) -> &'static str {
    "special file"
}

/// The path of SQLite's side file `suffix` (`-wal`, `-journal`, `-shm`) of `path`.
pub(super) fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Whether the side file `suffix` of `path` exists and holds something.
fn in_use(path: &Path, suffix: &str) -> bool {
    fs::metadata(beside(path, suffix)).is_ok_and(|m| m.len() > 0)
}

/// Rolls back the change a stopped process left half-written in rollback-journal mode.
///
/// A process killed while writing in that mode (skilltree only uses it while it turns a
/// new file into a WAL database) leaves a hot `-journal` holding the pages as they were.
/// SQLite restores them on the next read, but only through a connection that may write:
/// a read-only one, like [`check_usable`]'s probe, fails with "attempt to write a readonly
/// database", every time. So this reads once through a writable connection first, which
/// leaves the file as it was before the stopped change (for a first run, empty).
///
/// Rolling a hot journal back is what every SQLite program does before reading; it only
/// restores the last committed state. It is done only for a real journal (its magic number)
/// beside a file that starts like SQLite's (whole or cut short), or beside a file the
/// journal says was new (a spilled first write need not have written page 1 yet); and
/// SQLite's locks keep it from touching a journal a live process is still writing.
pub(super) fn recover(path: &Path, busy_timeout: Duration) -> Result<(), StoreError> {
    let mut journal = [0; 20];
    let journal_read = File::open(beside(path, "-journal"))
        .and_then(|mut file| read_up_to(&mut file, &mut journal));
    if !matches!(journal_read, Ok(20)) || journal[..8] != JOURNAL_MAGIC {
        return Ok(());
    }
    // The journal header gives the size the file had, in pages, before the stopped change.
    // Zero: the file is new, everything in it is that change's. Otherwise it was a SQLite
    // file before, and still starts like one.
    let was_new = journal[16..20] == [0; 4];
    let mut head = [0; 16];
    let Ok(read) = File::open(path).and_then(|mut file| read_up_to(&mut file, &mut head)) else {
        return Ok(());
    };
    if read == 0 || !(was_new || head[..read] == SQLITE_HEADER[..read]) {
        return Ok(()); // not SQLite's: check_usable refuses it
    }
    // Rolling back writes the file and then deletes the journal: without leave for both,
    // it would stop half-way (the file restored, the journal kept) or not start.
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if !os::may_write(path) || !os::may_write(folder) {
        return Err(StoreError::ReadOnly {
            path: path.to_path_buf(),
            need: WriteNeed::Recover,
        });
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let rolled_back = Connection::open_with_flags(path, flags).and_then(|conn| {
        conn.busy_timeout(busy_timeout)?;
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))
    });
    match rolled_back {
        Ok(()) => Ok(()),
        Err(e) => match sqlite_code(&e).map(|c| c.code) {
            // Rolled back, and what is left is not usable: check_usable says what it is.
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => Ok(()),
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen) => Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
                need: WriteNeed::Recover,
            }),
            _ => Err(StoreError::from_sqlite(path, e)),
        },
    }
}

/// The fields of a database header that say whose file it is and how long it should be.
struct Header {
    page_size: u64,
    change_counter: u32,
    pages: u32,
    valid_for: u32,
    user_version: i64,
    application_id: i32,
}

impl Header {
    fn parse(bytes: &[u8; 100]) -> Header {
        let u32_at = |at: usize| {
            u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
        };
        let page_size = match u16::from_be_bytes([bytes[16], bytes[17]]) {
            1 => 65_536,
            n => u64::from(n),
        };
        Header {
            page_size,
            change_counter: u32_at(24),
            pages: u32_at(28),
            valid_for: u32_at(92),
            user_version: i64::from(u32_at(60) as i32),
            application_id: u32_at(68) as i32,
        }
    }

    /// The length the header promises, when it is trustworthy: SQLite keeps the page count
    /// valid when the "valid for" number equals the change counter.
    fn promised_len(&self) -> Option<u64> {
        (self.valid_for == self.change_counter && self.pages > 0)
            .then(|| u64::from(self.pages) * self.page_size)
    }
}

/// Decides, without writing anything, whether `path` is a database this build can use.
///
/// Missing and empty files are fine (they become new databases). Anything else
/// must be SQLite, ours (or blank), whole, and not newer than [`SCHEMA_VERSION`]:
/// every older schema (1 and up) is fine, since opening migrates it.
pub(super) fn check_usable(path: &Path, busy_timeout: Duration) -> Result<(), StoreError> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let refuse = |reason| StoreError::NotADatabase {
        path: path.to_path_buf(),
        reason,
    };
    let damaged = |detail: String| StoreError::Damaged {
        path: path.to_path_buf(),
        detail,
    };
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io(e)),
    };
    let len = file.metadata().map_err(io)?.len();
    if len == 0 {
        return Ok(());
    }
    let mut bytes = [0; 100];
    let read = read_up_to(&mut file, &mut bytes).map_err(io)?;
    if read < SQLITE_HEADER.len() || &bytes[..SQLITE_HEADER.len()] != SQLITE_HEADER {
        return Err(refuse(Unrecognized::NotSqlite));
    }
    drop(file);
    let header = (read == bytes.len()).then(|| Header::parse(&bytes));
    let marked_ours = header
        .as_ref()
        .is_some_and(|h| h.application_id == APPLICATION_ID);
    // The common case, decided from the header alone: our application id, a schema we
    // know, and as long as the header says. (The header can trail the WAL; `migrate` reads
    // the live version and refuses a newer one before writing anything. While a `-wal` or
    // `-journal` holds changes, the file can be shorter for a moment: SQLite completes it.)
    if let Some(h) = &header
        && marked_ours
        && (1..=SCHEMA_VERSION).contains(&h.user_version)
    {
        if let Some(promised) = h.promised_len()
            && len < promised
            && !in_use(path, "-wal")
            && !in_use(path, "-journal")
        {
            return Err(damaged(format!(
                "it is cut short, so SQLite finds it malformed: {len} bytes where its header \
                 promises {promised}"
            )));
        }
        return Ok(());
    }

    let sql = |e: rusqlite::Error| match sqlite_code(&e).map(|c| c.code) {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) if marked_ours => {
            damaged("SQLite finds it malformed".to_owned())
        }
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            refuse(Unrecognized::NotSqlite)
        }
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

    if application_id == APPLICATION_ID {
        // Only a file with our mark can have been written by a newer skilltree.
        if version > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                path: path.to_path_buf(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        // Ours, with tables, but no version: migrating from zero would fail on them.
        if version == 0 && objects != 0 {
            return Err(damaged(
                "it has skilltree's mark and tables, but no schema version".to_owned(),
            ));
        }
        return Ok(());
    }
    // Unmarked but not blank, or someone else's mark: another program's database, which
    // migrating would damage.
    if application_id != 0 || version != 0 || objects != 0 {
        return Err(refuse(Unrecognized::OtherProgram));
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
    if beside(path, "-wal").exists() || beside(path, "-journal").exists() {
        return Connection::open_with_flags(path, flags);
    }
    open_immutable(path)
}

/// Opens `path` read-only as a file nobody changes: no locks, and no side file read or
/// created. Only right while no writer can exist.
pub(super) fn open_immutable(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let mut uri = String::from("file:");
    for &byte in path.as_os_str().as_encoded_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    Connection::open_with_flags(uri, flags)
}

/// Whether a side file `suffix` of `path` exists at all.
pub(super) fn has_side_file(path: &Path, suffix: &str) -> bool {
    beside(path, suffix).exists()
}
