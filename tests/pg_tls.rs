//! TLS to PostgreSQL as libpq users know it: `sslmode` and `sslrootcert` in the database URL
//! decide whether the connection is encrypted and whose certificate is trusted, against a
//! real server with a certificate from a throwaway CA.
//!
//! These tests need `SKILLTREE_TEST_POSTGRES` and `SKILLTREE_TEST_POSTGRES_TLS` (see
//! tests/common/pg.rs; .ci/postgres sets both).

#[path = "common/pg.rs"]
mod pg;

use skilltree::graph::UserStatus::Done;
use skilltree::progress::{Change, Store, StoreError, pg_client};

/// A fresh database and its URL over TLS (`sslrootcert` = the test CA, no `sslmode`).
fn tls_db() -> Option<(pg::TestDb, String)> {
    let tls = pg::tls_url()?;
    let db = pg::TestDb::create()?;
    let url = pg::with_database(&tls, &db.name);
    Some((db, url))
}

/// `url` with `key=value` added to its parameters.
fn with(url: &str, param: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}{param}")
}

/// `url` without its `sslrootcert`, so only the system's authorities are trusted.
fn without_ca(url: &str) -> String {
    let (base, query) = url.split_once('?').unwrap();
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| !p.starts_with("sslrootcert="))
        .collect();
    if kept.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", kept.join("&"))
    }
}

/// `url` reaching the same server under a host name its certificate does not name.
fn other_name(url: &str) -> String {
    with(
        &url.replacen("@127.0.0.1:", "@db.other.invalid:", 1),
        "hostaddr=127.0.0.1",
    )
}

/// Whether a connection made the way skilltree makes it is encrypted, says the server.
fn encrypted(url: &str) -> bool {
    let mut client = pg_client(url).unwrap();
    let row = client
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .unwrap();
    row.get(0)
}

#[test]
fn verify_full_with_the_servers_ca_connects_encrypted_and_keeps_marks() {
    let Some((_db, url)) = tls_db() else { return };
    let url = with(&url, "sslmode=verify-full");
    assert!(encrypted(&url));
    let mut store = Store::open_server(&url).unwrap();
    let change = Change {
        key: "git".to_owned(),
        to: Done,
    };
    store.apply("ana", "done git", &[change]).unwrap();
    drop(store);
    let store = Store::open_server(&url).unwrap();
    assert_eq!(store.statuses("ana").unwrap().get("git"), Some(&Done));
}

#[test]
fn a_certificate_the_system_does_not_trust_is_refused_with_what_to_do() {
    let Some((_db, url)) = tls_db() else { return };
    let url = with(&without_ca(&url), "sslmode=verify-full").replacen(
        "skilltree_test@",
        "skilltree_test:s3cret@",
        1,
    );
    let err = Store::open_server(&url).err().unwrap();
    assert!(matches!(err, StoreError::Server { .. }), "{err:?}");
    let said = err.to_string();
    for words in [
        "certificate",
        "sslmode=verify-full",
        "sslrootcert",
        "sslmode=require",
    ] {
        assert!(said.contains(words), "{words:?} missing from: {said}");
    }
    assert!(!said.contains("s3cret"), "{said}");
}

#[test]
fn verify_ca_trusts_the_authority_whatever_the_host_name_and_verify_full_does_not() {
    let Some((_db, url)) = tls_db() else { return };
    let other = other_name(&url);
    assert!(encrypted(&with(&other, "sslmode=verify-ca")));
    let err = Store::open_server(&with(&other, "sslmode=verify-full"))
        .err()
        .unwrap();
    let said = err.to_string();
    assert!(said.contains("host name"), "{said}");
    assert!(said.contains("sslmode=verify-full"), "{said}");
}

#[test]
fn require_encrypts_without_checking_the_certificate() {
    let Some((_db, url)) = tls_db() else { return };
    let url = with(&without_ca(&url), "sslmode=require");
    assert!(encrypted(&url));
    Store::open_server(&url).unwrap();
}

#[test]
fn prefer_is_the_default_and_encrypts_when_the_server_offers_tls() {
    let Some((_db, url)) = tls_db() else { return };
    assert!(encrypted(&without_ca(&url)));
}

#[test]
fn disable_talks_in_the_clear_to_a_server_that_allows_both() {
    let Some((_db, url)) = tls_db() else { return };
    let url = with(&url, "sslmode=disable");
    assert!(!encrypted(&url));
    Store::open_server(&url).unwrap();
}

#[test]
fn an_unreadable_root_certificate_file_is_named() {
    let Some((_db, url)) = tls_db() else { return };
    let url = with(
        &without_ca(&url),
        "sslmode=verify-full&sslrootcert=/nonexistent/team-ca.pem",
    );
    let said = Store::open_server(&url).err().unwrap().to_string();
    assert!(said.contains("/nonexistent/team-ca.pem"), "{said}");
}

#[test]
fn unix_sockets_never_use_tls_even_when_required() {
    let Some(admin) = pg::admin_url() else { return };
    // Over the Unix socket the server never speaks TLS; libpq (and skilltree) do not ask.
    let url = with(&admin, "sslmode=require");
    assert!(!encrypted(&url));
}

#[test]
fn a_member_added_over_tls_is_given_the_same_checks() {
    let Some((db, url)) = tls_db() else { return };
    let mut owner = Store::open_server(&with(&url, "sslmode=verify-full")).unwrap();
    let login = format!("tls_{}", &db.name["skilltree_".len()..]);
    let member = owner
        .add_member(&login, Some("pw"), false)
        .unwrap()
        .unwrap();
    assert!(member.contains("sslmode=verify-full"), "{member}");
    assert!(member.contains("sslrootcert="), "{member}");
    assert!(encrypted(&member));
    let mut as_member = Store::open_server(&member).unwrap();
    let change = Change {
        key: "git".to_owned(),
        to: Done,
    };
    as_member.apply(&login, "done git", &[change]).unwrap();
}
