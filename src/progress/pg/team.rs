//! Giving a team member their own role: a login that can change only its own progress.

use postgres::config::Host;

use super::migrations::{LEARNER_ROLE, MENTOR_ROLE};
use super::tls::TlsMode;
use super::{PgStorage, StoreError};

impl PgStorage {
    /// Creates login role `login` (or, when it exists, sets its password and memberships)
    /// as a learner, and a mentor too when `mentor`; returns the URL the member connects
    /// with, password included.
    pub(crate) fn add_member(
        &self,
        login: &str,
        password: Option<&str>,
        mentor: bool,
    ) -> Result<String, StoreError> {
        self.conn()?;
        self.batch("BEGIN")?;
        let done: Result<(), StoreError> = (|| {
            let exists = !self
                .query("SELECT 1 FROM pg_roles WHERE rolname = $1", &[&login])?
                .is_empty();
            let verb = if exists { "ALTER" } else { "CREATE" };
            // DDL takes no parameters: the server quotes the name and password itself.
            let sql = match password {
                Some(_) => {
                    format!("SELECT format('{verb} ROLE %I LOGIN PASSWORD %L', $1::text, $2::text)")
                }
                None => format!("SELECT format('{verb} ROLE %I LOGIN', $1::text, $2::text)"),
            };
            let rows = self.query(&sql, &[&login, &password.unwrap_or_default()])?;
            let statement: String = rows[0].get(0);
            self.batch(&statement)?;
            let mut roles = vec![LEARNER_ROLE];
            if mentor {
                roles.push(MENTOR_ROLE);
            }
            for role in roles {
                let rows = self.query(
                    "SELECT format('GRANT %I TO %I', $1::text, $2::text)",
                    &[&role, &login],
                )?;
                let grant: String = rows[0].get(0);
                self.batch(&grant)?;
            }
            Ok(())
        })();
        match done {
            Ok(()) => self.batch("COMMIT")?,
            Err(e) => {
                let _ = self.batch("ROLLBACK");
                return Err(e);
            }
        }
        Ok(self.member_url(login, password))
    }

    /// This database's URL for `login`, with the TLS settings this connection uses (a
    /// learner checks the server as the owner does).
    fn member_url(&self, login: &str, password: Option<&str>) -> String {
        let user = match password {
            Some(password) => format!("{}:{}", encode(login), encode(password)),
            None => encode(login),
        };
        let db = encode(self.config.get_dbname().unwrap_or(login));
        let port = self.config.get_ports().first().copied().unwrap_or(5432);
        let tls = &self.tls.settings;
        let mut params = Vec::new();
        if tls.mode != TlsMode::Prefer {
            params.push(format!("sslmode={}", tls.mode.name()));
        }
        if let Some(path) = &tls.root_cert {
            params.push(format!(
                "sslrootcert={}",
                encode(&path.display().to_string())
            ));
        }
        let query = if params.is_empty() {
            String::new()
        } else {
            format!("?{}", params.join("&"))
        };
        match self.config.get_hosts().first() {
            Some(Host::Tcp(host)) if port == 5432 => {
                format!("postgres://{user}@{host}/{db}{query}")
            }
            Some(Host::Tcp(host)) => format!("postgres://{user}@{host}:{port}/{db}{query}"),
            Some(Host::Unix(dir)) => format!(
                "postgres://{user}@/{db}?host={}&port={port}",
                encode(&dir.display().to_string())
            ),
            None => format!("postgres://{user}@localhost/{db}"),
        }
    }
}

/// Percent-encodes everything but unreserved URL characters (and `/`, for socket folders).
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
