//! The PostgreSQL backend: one database on a server, shared by a team.
//!
//! Every write is one transaction holding an advisory lock on the user it changes, so one
//! user's writers take turns as with SQLite's `BEGIN IMMEDIATE` while different learners
//! write at once (an import, which may touch anyone, takes a lock of its own that imports
//! share); reads are repeatable-read, read-only transactions,
//! which never wait for writers. A connection the server dropped is made again on the next
//! transaction, so a long-running front end survives a server restart. Row-level security
//! (see [`migrations`]) keeps each role to its own users' rows.

mod error;
mod migrations;
pub(crate) mod team;
mod tls;
mod txn;
mod url;

use std::cell::{Cell, RefCell, RefMut};
use std::collections::HashMap;
use std::time::Duration;

use postgres::types::ToSql;
use postgres::{Client, Config, Row, Statement};
use tokio_postgres_rustls::MakeRustlsConnect;

use self::error::{connect_error, printable};
use self::tls::TlsSettings;

use self::txn::PgTxn;
use super::{SCHEMA_VERSION, Storage, StorageRead, StorageTxn, StoreError};

pub(crate) use self::error::server_error;
pub use self::url::{is_server_url, redact, url_user};

/// The advisory lock key of writes ("SkTw"): with a user's name, that user's writers take
/// turns; alone, imports do.
const WRITE_LOCK: i32 = 0x536b_5477;

/// Progress in a PostgreSQL database.
pub struct PgStorage {
    config: Config,
    /// How connections speak TLS.
    tls: Tls,
    /// The URL without its password, for messages.
    server: String,
    conn: RefCell<Conn>,
    /// How long a write waits for another's before failing.
    lock_timeout: Duration,
    /// Commits through this handle that moved the shared data version.
    commits: Cell<u64>,
}

/// A live connection and the statements prepared on it.
struct Conn {
    client: Client,
    prepared: HashMap<String, Statement>,
}

impl PgStorage {
    /// Connects to the database at `url` (a `postgres://` or `postgresql://` URL, with the
    /// parameters libpq users know) and migrates it to [`SCHEMA_VERSION`]. Writes wait up
    /// to `lock_timeout` for other writers.
    pub fn open(url: &str, lock_timeout: Duration) -> Result<PgStorage, StoreError> {
        let server = redact(url);
        let (mut config, tls) = tls::parse(url).map_err(|e| StoreError::Server {
            server: server.clone(),
            problem: format!(
                "is not a database URL skilltree understands ({})",
                printable(&e)
            ),
            advice: "Write it as postgres://USER@HOST/DATABASE, with sslmode=disable, prefer, \
                     require, verify-ca or verify-full if you give one."
                .to_owned(),
        })?;
        let connector = tls::connector(&tls).map_err(|e| StoreError::Server {
            server: server.clone(),
            problem: format!(
                "cannot be reached safely: skilltree {}; nothing was changed",
                printable(&e)
            ),
            advice: "Check sslrootcert in the database URL: it should name a readable PEM file \
                     with the server's CA certificate."
                .to_owned(),
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        if config.get_application_name().is_none() {
            config.application_name("skilltree");
        }
        let tls = Tls {
            settings: tls,
            connector,
        };
        let client = connect(&config, &tls, &server, lock_timeout)?;
        let storage = PgStorage {
            config,
            tls,
            server,
            conn: RefCell::new(Conn {
                client,
                prepared: HashMap::new(),
            }),
            lock_timeout,
            commits: Cell::new(0),
        };
        let found = migrations::migrate(&mut storage.conn.borrow_mut().client)
            .map_err(|e| storage.error(&e))?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::Server {
                server: storage.server.clone(),
                problem: format!(
                    "holds a database set up by a newer skilltree (schema {found}, this build \
                     knows {SCHEMA_VERSION}); it was left untouched"
                ),
                advice: "Upgrade skilltree to use it.".to_owned(),
            });
        }
        Ok(storage)
    }

    /// Maps a server error to a [`StoreError`] naming this server.
    fn error(&self, e: &postgres::Error) -> StoreError {
        server_error(&self.server, e)
    }

    /// The connection, made again first if the server dropped it.
    fn conn(&self) -> Result<RefMut<'_, Conn>, StoreError> {
        let mut conn = self.conn.borrow_mut();
        if conn.client.is_closed() {
            conn.client = connect(&self.config, &self.tls, &self.server, self.lock_timeout)?;
            conn.prepared.clear();
        }
        Ok(conn)
    }

    /// Begins a transaction with `sql`. A connection the server dropped since the last one
    /// (a restart, an idle timeout) is only found out by using it: then it is made again
    /// and the transaction begun on the new one, as nothing was done on the old. The
    /// server's "terminating connection" can arrive before the client sees the socket
    /// close, so that error counts as a dropped connection too.
    fn begin(&self, sql: &str) -> Result<(), StoreError> {
        self.conn()?;
        let first = self.conn.borrow_mut().client.batch_execute(sql);
        match first {
            Ok(()) => Ok(()),
            Err(e) if self.conn.borrow().client.is_closed() || ended(&e) => {
                let mut conn = self.conn.borrow_mut();
                conn.client = connect(&self.config, &self.tls, &self.server, self.lock_timeout)?;
                conn.prepared.clear();
                drop(conn);
                self.batch(sql)
            }
            Err(e) => Err(self.error(&e)),
        }
    }

    /// Runs `sql` with `params`, preparing it once per connection.
    fn query(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>, StoreError> {
        let mut conn = self.conn.borrow_mut();
        let Conn { client, prepared } = &mut *conn;
        let statement = match prepared.get(sql) {
            Some(statement) => statement.clone(),
            None => {
                let statement = client.prepare(sql).map_err(|e| self.error(&e))?;
                prepared.insert(sql.to_owned(), statement.clone());
                statement
            }
        };
        client.query(&statement, params).map_err(|e| self.error(&e))
    }

    /// Runs statements without results (transaction control).
    fn batch(&self, sql: &str) -> Result<(), StoreError> {
        let mut conn = self.conn.borrow_mut();
        conn.client.batch_execute(sql).map_err(|e| self.error(&e))
    }

    /// The shared count of commits that changed something.
    fn shared_version(&self) -> Result<u64, StoreError> {
        self.conn()?;
        let rows = self.query("SELECT data_version FROM skilltree_meta", &[])?;
        let version: i64 = rows.first().map_or(0, |r| r.get(0));
        Ok(version as u64)
    }
}

/// Whether `e` says the server ended the session (a restart, an administrator).
fn ended(e: &postgres::Error) -> bool {
    use postgres::error::SqlState;
    e.is_closed()
        || e.code().is_some_and(|c| {
            *c == SqlState::ADMIN_SHUTDOWN
                || *c == SqlState::CRASH_SHUTDOWN
                || *c == SqlState::CANNOT_CONNECT_NOW
        })
}

/// The TLS settings of a URL and the connector made from them.
struct Tls {
    settings: TlsSettings,
    connector: MakeRustlsConnect,
}

/// A plain client connected to `url` the way skilltree connects (its `sslmode` and
/// `sslrootcert` included), for checks that run their own SQL.
pub fn client(url: &str) -> Result<Client, StoreError> {
    let server = redact(url);
    let bad = |e: String| StoreError::Server {
        server: server.clone(),
        problem: printable(&e),
        advice: "Check the database URL.".to_owned(),
    };
    let (config, settings) = tls::parse(url).map_err(bad)?;
    let connector = tls::connector(&settings).map_err(bad)?;
    config
        .connect(connector)
        .map_err(|e| connect_error(&server, &settings, &e))
}

/// Connects, and sets how long a write waits for the write lock.
fn connect(
    config: &Config,
    tls: &Tls,
    server: &str,
    lock_timeout: Duration,
) -> Result<Client, StoreError> {
    let mut client = config
        .connect(tls.connector.clone())
        .map_err(|e| connect_error(server, &tls.settings, &e))?;
    let millis = lock_timeout.as_millis().max(1);
    client
        .batch_execute(&format!("SET lock_timeout = {millis}"))
        .map_err(|e| server_error(server, &e))?;
    Ok(client)
}

impl Storage for PgStorage {
    fn location(&self) -> String {
        self.server.clone()
    }

    fn schema_version(&self) -> Result<i64, StoreError> {
        let mut conn = self.conn()?;
        migrations::version(&mut conn.client)
            .map(Option::unwrap_or_default)
            .map_err(|e| self.error(&e))
    }

    fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        // The server keeps its own pages whole; what can be wrong is rows skilltree cannot
        // read, which reading them all finds.
        let view = self.read()?;
        let mut problems = Vec::new();
        for name in view.users()? {
            if let Some(user) = view.find_user(&name)?
                && let Err(e) = view.entries(user, usize::MAX)
            {
                problems.push(e.to_string());
            }
        }
        if problems.is_empty() {
            problems.push("ok".to_owned());
        }
        Ok(problems)
    }

    fn data_version(&self) -> Result<u64, StoreError> {
        self.shared_version()
    }

    fn outside_version(&self) -> Result<u64, StoreError> {
        Ok(self.shared_version()?.wrapping_sub(self.commits.get()))
    }

    fn read(&self) -> Result<Box<dyn StorageRead + '_>, StoreError> {
        self.begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
        Ok(Box::new(PgTxn::new(self, false)))
    }

    fn txn(&mut self) -> Result<Box<dyn StorageTxn + '_>, StoreError> {
        self.begin("BEGIN")?;
        Ok(Box::new(PgTxn::new(self, true)))
    }

    fn add_member(
        &mut self,
        login: &str,
        password: Option<&str>,
        mentor: bool,
    ) -> Result<Option<String>, StoreError> {
        PgStorage::add_member(self, login, password, mentor).map(Some)
    }
}
