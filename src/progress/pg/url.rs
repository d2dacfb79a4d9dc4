//! Telling a server URL from a file path, and showing one without its password.

/// Whether `text` names a PostgreSQL database (`postgres://…` or `postgresql://…`)
/// rather than a SQLite file.
pub fn is_server_url(text: &str) -> bool {
    let lower = text.get(..13).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

/// `url` without its password (in the user part or a `password=` parameter), for
/// messages; also for a URL that does not parse.
pub fn redact(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let (authority, tail) = match rest.find(['/', '?']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split_once(':').map_or(userinfo, |(user, _)| user);
            format!("{user}@{host}")
        }
        None => authority.to_owned(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let kept: Vec<&str> = query
                .split('&')
                .filter(|p| !p.to_ascii_lowercase().starts_with("password="))
                .collect();
            if kept.is_empty() {
                path.to_owned()
            } else {
                format!("{path}?{}", kept.join("&"))
            }
        }
        None => tail.to_owned(),
    };
    let shown = if scheme.is_empty() {
        format!("{authority}{tail}")
    } else {
        format!("{scheme}://{authority}{tail}")
    };
    shown.chars().filter(|c| !c.is_control()).collect()
}

/// The user a server URL logs in as, if it names one.
pub fn url_user(url: &str) -> Option<String> {
    let (config, _) = super::tls::parse(url).ok()?;
    config.get_user().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_server_url("postgres://ana@db/team"));
        assert!(is_server_url("PostgreSQL://db/team"));
        assert!(!is_server_url("postgres.db"));
        assert!(!is_server_url("./postgres://x"));
        assert!(!is_server_url(""));
    }

    #[test]
    fn passwords_never_show() {
        assert_eq!(
            redact("postgres://ana:s3cret@db.example:5432/team?sslmode=disable"),
            "postgres://ana@db.example:5432/team?sslmode=disable"
        );
        assert_eq!(
            redact("postgresql:///team?host=/run/pg&password=s3cret"),
            "postgresql:///team?host=/run/pg"
        );
        assert_eq!(redact("postgres://p:w@"), "postgres://p@");
        assert!(!redact("postgres://a:b:c@h/d").contains('b'));
    }
}
