//! The [`Store`] facade: one storage backend, the clock, and what every operation shares.

use std::fmt;
use std::path::Path;
use std::time::Duration;

use jiff::Timestamp;

use super::memory::MemoryStorage;
use super::pg::PgStorage;
use super::sqlite::SqliteStorage;
use super::time::Clock;
use super::{DeviceId, Storage, StorageRead, StoreError, UserId};

/// Per-user progress: statuses, notes, settings and their history, in a [`Storage`] backend.
///
/// Every rule (what is recorded, what undo reverts) is here, once, so all backends behave
/// alike. Open one per process (or thread); with SQLite, its locking keeps concurrent writers
/// from different processes safe.
pub struct Store {
    storage: Box<dyn Storage>,
    clock: Clock,
    /// Found on first use: jiff reads the whole zoneinfo tree to name the
    /// system's zone, which would cost every command, most of which never
    /// count days.
    zone: std::sync::OnceLock<jiff::tz::TimeZone>,
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("location", &self.storage.location())
            .finish_non_exhaustive()
    }
}

impl Store {
    /// The schema version this build creates and understands.
    pub const SCHEMA_VERSION: i64 = super::SCHEMA_VERSION;

    /// How long a write waits for another process's write before failing with [`StoreError::Locked`].
    pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

    /// Opens (creating it and its parent folders if missing) the SQLite database at `path`,
    /// migrating it to [`Store::SCHEMA_VERSION`]. A file it cannot use is rejected and left
    /// byte-for-byte untouched; a change a killed process left half-written is rolled back
    /// first. A database whose file or folder is read-only opens for reading, and every
    /// change then fails with [`StoreError::ReadOnly`].
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_with_timeout(path, Self::DEFAULT_BUSY_TIMEOUT)
    }

    /// Like [`Store::open`], with a custom busy timeout (how long to wait for other writers).
    pub fn open_with_timeout(path: &Path, busy_timeout: Duration) -> Result<Store, StoreError> {
        let storage = SqliteStorage::open(path, busy_timeout)?;
        Ok(Self::with_storage(Box::new(storage)))
    }

    /// Connects to the PostgreSQL database at `url` (`postgres://USER@HOST/DATABASE`),
    /// migrating it to [`Store::SCHEMA_VERSION`] (once, however many connect at once).
    pub fn open_server(url: &str) -> Result<Store, StoreError> {
        let storage = PgStorage::open(url, Self::DEFAULT_BUSY_TIMEOUT)?;
        Ok(Self::with_storage(Box::new(storage)))
    }

    /// Opens `location`: a server URL (see [`is_server_url`](super::is_server_url)) with
    /// [`Store::open_server`], anything else as a SQLite file with [`Store::open`].
    pub fn open_location(location: &Path) -> Result<Store, StoreError> {
        match location.to_str().filter(|l| super::is_server_url(l)) {
            Some(url) => Self::open_server(url),
            None => Self::open(location),
        }
    }

    /// Gives team member `login` their own login (see [`Storage::add_member`]): the URL
    /// they connect with, or `None` when the database has no logins (a SQLite file).
    pub fn add_member(
        &mut self,
        login: &str,
        password: Option<&str>,
        mentor: bool,
    ) -> Result<Option<String>, StoreError> {
        self.storage.add_member(login, password, mentor)
    }

    /// A fresh, private store kept in memory (for tests and dry runs).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Ok(Self::with_storage(Box::new(MemoryStorage::new())))
    }

    /// A store over any backend.
    pub fn with_storage(storage: Box<dyn Storage>) -> Store {
        Store {
            storage,
            clock: Box::new(Timestamp::now),
            zone: std::sync::OnceLock::new(),
        }
    }

    /// Replaces the time zone whose days [`Store::activity`] counts in (by
    /// default the system's: `TZ`, else the machine's setting, else UTC).
    pub fn set_time_zone(&mut self, zone: jiff::tz::TimeZone) {
        self.zone = std::sync::OnceLock::from(zone);
    }

    /// The time zone days are counted in.
    pub fn time_zone(&self) -> &jiff::tz::TimeZone {
        self.zone.get_or_init(jiff::tz::TimeZone::system)
    }

    /// Replaces the clock the store reads "now" from (by default the system clock).
    pub fn set_clock(&mut self, clock: impl Fn() -> Timestamp + Send + 'static) {
        self.clock = Box::new(clock);
    }

    /// The database file, or `None` when the backend is not one file.
    pub fn path(&self) -> Option<&Path> {
        self.storage.path()
    }

    /// Where the progress is kept, for messages.
    pub fn location(&self) -> String {
        self.storage.location()
    }

    /// The schema version of the stored data.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.storage.schema_version()
    }

    /// The backend's consistency check: exactly `["ok"]` when healthy.
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        self.storage.integrity_check()
    }

    /// A number that differs after anyone committed a change: poll it to notice changes made
    /// by other processes. Only equality is meaningful.
    pub fn data_version(&self) -> Result<u64, StoreError> {
        self.storage.data_version()
    }

    /// Moves only when another connection or process commits (see
    /// [`Storage::outside_version`]).
    pub fn outside_version(&self) -> Result<u64, StoreError> {
        self.storage.outside_version()
    }

    /// The id of this database, recorded with every change made here.
    pub fn device_id(&self) -> Result<DeviceId, StoreError> {
        self.view()?.device_id()
    }

    /// Now, by the store's clock.
    pub fn now(&self) -> Timestamp {
        (self.clock)()
    }

    /// The storage, for the operations that open their own transactions.
    pub(super) fn storage(&mut self) -> &mut dyn Storage {
        &mut *self.storage
    }

    /// A read view of the storage.
    pub(super) fn view(&self) -> Result<Box<dyn StorageRead + '_>, StoreError> {
        self.storage.read()
    }

    /// Reads `user`'s data with `f`, or returns `T::default()` for a user with no row.
    pub(super) fn read_user<T: Default>(
        &self,
        user: &str,
        f: impl FnOnce(&dyn StorageRead, UserId) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let view = self.view()?;
        match view.find_user(user)? {
            Some(id) => f(&*view, id),
            None => Ok(T::default()),
        }
    }
}
