//! A fresh PostgreSQL database per test, on the server `SKILLTREE_TEST_POSTGRES` names (a
//! superuser's URL on a throwaway server; .ci/run starts one). Without it the PostgreSQL
//! tests say they were skipped, except in CI (`CI` or `SKILLTREE_REQUIRE_TOOLS=1`), where
//! they fail.

#![allow(dead_code)] // each test file uses a different part

use std::sync::atomic::{AtomicU32, Ordering};

/// The admin URL, or `None` (having said the test was skipped).
pub fn admin_url() -> Option<String> {
    env_url(
        "SKILLTREE_TEST_POSTGRES",
        "a PostgreSQL server",
        "a superuser's URL on a throwaway server",
        "a superuser URL of a throwaway PostgreSQL server",
    )
}

/// The URL in `var`, or `None` (having said the test was skipped); a missing one fails
/// the test under CI or `SKILLTREE_REQUIRE_TOOLS=1`, so CI never skips silently.
fn env_url(var: &str, server: &str, how: &str, what: &str) -> Option<String> {
    let url = std::env::var(var).ok().filter(|u| !u.is_empty());
    let required = std::env::var_os("CI").is_some_and(|v| !v.is_empty())
        || std::env::var("SKILLTREE_REQUIRE_TOOLS").is_ok_and(|v| v == "1");
    if url.is_none() {
        assert!(
            !required,
            "{server} is required here (CI or SKILLTREE_REQUIRE_TOOLS=1) but {var} is not \
             set; run .ci/run, or set it to {how}"
        );
        eprintln!("skipped: {var} is not set ({what})");
    }
    url
}

/// A database of its own for one test, dropped when this is.
pub struct TestDb {
    admin: String,
    /// The database's name.
    pub name: String,
    /// The superuser's URL of the database.
    pub url: String,
}

impl TestDb {
    /// A new, empty database, or `None` when there is no server to test against.
    pub fn create() -> Option<TestDb> {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let admin = admin_url()?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let name = format!(
            "skilltree_t{}_{}_{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let mut client = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        let url = with_database(&admin, &name);
        Some(TestDb { admin, name, url })
    }

    /// This database's URL for `user` (with `password`), on the same server.
    pub fn url_for(&self, user: &str, password: Option<&str>) -> String {
        let (scheme, rest) = self.url.split_once("://").unwrap();
        let rest = match rest.split_once('@') {
            Some((_, host)) => host,
            None => rest,
        };
        match password {
            Some(p) => format!("{scheme}://{user}:{p}@{rest}"),
            None => format!("{scheme}://{user}@{rest}"),
        }
    }

    /// Runs SQL as the superuser on this database.
    pub fn admin(&self, sql: &str) {
        let mut client = postgres::Client::connect(&self.url, postgres::NoTls).unwrap();
        client.batch_execute(sql).unwrap();
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Ok(mut client) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = client.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// `url` with its database replaced by `name`.
pub fn with_database(url: &str, name: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap();
    let (before_query, query) = match rest.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (rest, None),
    };
    let authority = before_query
        .split_once('/')
        .map_or(before_query, |(a, _)| a);
    match query {
        Some(q) => format!("{scheme}://{authority}/{name}?{q}"),
        None => format!("{scheme}://{authority}/{name}"),
    }
}

/// The URL of the same server over TCP with TLS (`SKILLTREE_TEST_POSTGRES_TLS`, with the
/// test CA as `sslrootcert` and no `sslmode`), or `None` (having said the test was
/// skipped); required in CI as the other.
pub fn tls_url() -> Option<String> {
    env_url(
        "SKILLTREE_TEST_POSTGRES_TLS",
        "a PostgreSQL server with TLS",
        "a superuser's postgres://USER@127.0.0.1:PORT/postgres?sslrootcert=CA.pem on a \
         throwaway server",
        "a TLS URL of a throwaway PostgreSQL server",
    )
}
