//! Server errors in the words of [`StoreError::Server`]: what went wrong, that nothing was
//! half-applied (every change is one transaction), and what to do.

use postgres::error::SqlState;

use super::super::StoreError;
use super::tls::{self, TlsSettings};

/// Maps an error met while connecting with `settings`, saying what TLS problems mean.
pub(super) fn connect_error(
    server: &str,
    settings: &TlsSettings,
    e: &postgres::Error,
) -> StoreError {
    if e.as_db_error().is_none()
        && let Some((problem, advice)) = tls::describe(settings, &printable(&chain(e)))
    {
        return StoreError::Server {
            server: server.to_owned(),
            problem: format!("{problem}; nothing was changed"),
            advice,
        };
    }
    server_error(server, e)
}

/// `e`'s words followed by its causes': "error connecting to server" alone hides the cause
/// ("Connection refused").
fn chain(e: &postgres::Error) -> String {
    let mut said = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        said = format!("{said}: {c}");
        cause = c.source();
    }
    said
}

/// Maps a `postgres` error met while talking to `server` (a URL without the password).
pub(crate) fn server_error(server: &str, e: &postgres::Error) -> StoreError {
    let (problem, advice) = describe(e);
    StoreError::Server {
        server: server.to_owned(),
        problem,
        advice: advice.to_owned(),
    }
}

/// The problem (ending with what became of the change) and the advice for `e`.
fn describe(e: &postgres::Error) -> (String, &'static str) {
    const NOTHING: &str = "nothing was changed";
    if let Some(db) = e.as_db_error() {
        let said = printable(db.message());
        let code = db.code();
        let (what, advice) = if *code == SqlState::INVALID_PASSWORD
            || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
        {
            (
                format!("refused the login ({said})"),
                "Check the user name and password in the database URL, or ask the database's \
                 owner to add you (skilltree team add).",
            )
        } else if *code == SqlState::INVALID_CATALOG_NAME {
            (
                format!("has no such database ({said})"),
                "Create it first (createdb NAME), or check the name in the database URL.",
            )
        } else if *code == SqlState::INSUFFICIENT_PRIVILEGE {
            (
                format!("refused it ({said}), {NOTHING}"),
                "You can change only your own progress; ask the database's owner if this \
                 should be yours.",
            )
        } else if *code == SqlState::LOCK_NOT_AVAILABLE
            || *code == SqlState::T_R_SERIALIZATION_FAILURE
            || *code == SqlState::T_R_DEADLOCK_DETECTED
        {
            (
                format!("stayed busy with other changes ({said}), {NOTHING}"),
                "Try again in a moment.",
            )
        } else if code.code().starts_with("57") || code.code().starts_with("08") {
            (
                format!("stopped the session ({said}), {NOTHING}"),
                "Check that the server is running, then try again.",
            )
        } else {
            (
                format!("failed ({said}), {NOTHING}"),
                "Try again; if it keeps failing, ask the database's owner.",
            )
        };
        return (what, advice);
    }
    let said = printable(&chain(e));
    if e.is_closed() || e.code().is_none() {
        return (
            format!("cannot be reached or closed the connection ({said}); {NOTHING}"),
            "Check that the server is running and reachable, then try again.",
        );
    }
    (
        format!("failed ({said}); {NOTHING}"),
        "Try again; if it keeps failing, ask the database's owner.",
    )
}

/// The server's words without control characters, which could rewrite the terminal.
pub(super) fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
