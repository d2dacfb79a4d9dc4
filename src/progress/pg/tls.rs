//! TLS as libpq users know it: `sslmode` (`disable`, `prefer`, `require`, `verify-ca`,
//! `verify-full`) and `sslrootcert` in the database URL, spoken with rustls (pure Rust, so
//! building skilltree needs no OpenSSL).
//!
//! The `postgres` crate understands only `disable`, `prefer` and `require`, so the URL's
//! `sslmode` and `sslrootcert` are taken out here and the rest handed to it.

use std::path::PathBuf;
use std::sync::Arc;

use postgres::Config;
use postgres::config::{Host, SslMode};
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::ServerCertVerifier;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use rustls::{ClientConfig, RootCertStore};
use tokio_postgres_rustls::MakeRustlsConnect;

use self::verify::{AnyName, Unchecked};

mod verify;

/// How much TLS a connection asks for, in libpq's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    /// Never TLS.
    Disable,
    /// TLS if the server offers it, with no certificate check (libpq's default).
    Prefer,
    /// TLS or no connection; the certificate is not checked.
    Require,
    /// TLS, with a certificate signed by a trusted authority (for any host name).
    VerifyCa,
    /// TLS, with a trusted certificate for the host connected to.
    VerifyFull,
}

impl TlsMode {
    /// The `sslmode` value naming this mode.
    pub fn name(self) -> &'static str {
        match self {
            TlsMode::Disable => "disable",
            TlsMode::Prefer => "prefer",
            TlsMode::Require => "require",
            TlsMode::VerifyCa => "verify-ca",
            TlsMode::VerifyFull => "verify-full",
        }
    }
}

/// What a database URL asks of TLS.
#[derive(Debug, Clone)]
pub struct TlsSettings {
    /// The mode, after libpq's rules (a root certificate turns `require` into `verify-ca`).
    pub mode: TlsMode,
    /// The trusted authorities' certificates (PEM), or `None` for the system's.
    pub root_cert: Option<PathBuf>,
}

/// Parses `url` into the `postgres` crate's settings and the TLS ones. The error is the
/// parser's words, for "is not a database URL skilltree understands (…)".
pub fn parse(url: &str) -> Result<(Config, TlsSettings), String> {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, query),
        None => (url, ""),
    };
    let mut kept = Vec::new();
    let mut mode = None;
    let mut root_cert = None;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "sslmode" => {
                mode = Some(match decode(value).as_str() {
                    "disable" => TlsMode::Disable,
                    "allow" | "prefer" => TlsMode::Prefer,
                    "require" => TlsMode::Require,
                    "verify-ca" => TlsMode::VerifyCa,
                    "verify-full" => TlsMode::VerifyFull,
                    other => {
                        return Err(format!(
                            "sslmode={other} is none of disable, prefer, require, verify-ca, \
                             verify-full"
                        ));
                    }
                });
            }
            "sslrootcert" => root_cert = Some(decode(value)),
            _ => kept.push(pair),
        }
    }
    let rest = if kept.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    let mut config: Config = rest.parse().map_err(|e: postgres::Error| e.to_string())?;
    // libpq: `sslrootcert=system` trusts the system's authorities and then defaults to the
    // strictest mode; a root certificate file with `require` checks the authority.
    let system = root_cert.as_deref() == Some("system");
    let mode = match (mode, &root_cert) {
        (None, _) if system => TlsMode::VerifyFull,
        (None, _) => TlsMode::Prefer,
        (Some(TlsMode::Require), Some(_)) => TlsMode::VerifyCa,
        (Some(mode), _) => mode,
    };
    let root_cert = root_cert.filter(|_| !system).map(PathBuf::from);
    // The server never speaks TLS over a Unix socket, and libpq does not ask it to.
    let unix_only = config.get_hosts().iter().all(is_unix) && !config.get_hosts().is_empty();
    let ssl_mode = match mode {
        _ if unix_only => SslMode::Disable,
        TlsMode::Disable => SslMode::Disable,
        TlsMode::Prefer => SslMode::Prefer,
        TlsMode::Require | TlsMode::VerifyCa | TlsMode::VerifyFull => SslMode::Require,
    };
    config.ssl_mode(ssl_mode);
    Ok((config, TlsSettings { mode, root_cert }))
}

#[cfg(unix)]
fn is_unix(host: &Host) -> bool {
    matches!(host, Host::Unix(_))
}

#[cfg(not(unix))]
fn is_unix(_: &Host) -> bool {
    false
}

/// `text` with `%XX` escapes undone (a path in a URL may carry them).
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The TLS connector for `settings`. The error says what is wrong with the root
/// certificate file (naming it) or the system's store.
pub fn connector(settings: &TlsSettings) -> Result<MakeRustlsConnect, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("cannot set up TLS ({e})"))?;
    let verifier: Arc<dyn ServerCertVerifier> = match settings.mode {
        TlsMode::Disable | TlsMode::Prefer | TlsMode::Require => {
            Arc::new(Unchecked(provider.clone()))
        }
        TlsMode::VerifyCa | TlsMode::VerifyFull => {
            let roots = Arc::new(roots(settings)?);
            let full = WebPkiServerVerifier::builder_with_provider(roots.clone(), provider.clone())
                .build()
                .map_err(|e| format!("cannot use the trusted certificates ({e})"))?;
            if settings.mode == TlsMode::VerifyFull {
                full
            } else {
                Arc::new(AnyName {
                    roots,
                    provider,
                    full,
                })
            }
        }
    };
    let config = builder
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

/// The authorities a certificate must be signed by.
fn roots(settings: &TlsSettings) -> Result<RootCertStore, String> {
    let mut roots = RootCertStore::empty();
    match &settings.root_cert {
        Some(path) => {
            let shown = path.display().to_string();
            let shown: String = shown.chars().filter(|c| !c.is_control()).collect();
            let text = std::fs::read(path)
                .map_err(|e| format!("cannot read the root certificate file {shown} ({e})"))?;
            let certs: Vec<CertificateDer> = CertificateDer::pem_slice_iter(&text)
                .collect::<Result<_, _>>()
                .map_err(|e| format!("cannot read the root certificate file {shown} ({e:?})"))?;
            let (added, _) = roots.add_parsable_certificates(certs);
            if added == 0 {
                return Err(format!(
                    "found no usable certificate in the root certificate file {shown} \
                     (it should hold PEM certificates: -----BEGIN CERTIFICATE-----)"
                ));
            }
        }
        None => {
            let found = rustls_native_certs::load_native_certs();
            roots.add_parsable_certificates(found.certs);
            if roots.is_empty() {
                return Err("found no trusted certificates in the system's store".to_owned());
            }
        }
    }
    Ok(roots)
}

/// The problem and advice for a failed TLS connection in `settings`' mode, when `said`
/// (the error's words, causes included) is about TLS.
pub fn describe(settings: &TlsSettings, said: &str) -> Option<(String, String)> {
    let mode = settings.mode.name();
    let lower = said.to_lowercase();
    if lower.contains("does not support tls") {
        return Some((
            format!("does not offer TLS, which sslmode={mode} asks for ({said})"),
            "Turn on ssl in the server's settings, or connect over a Unix socket, a VPN or an \
             SSH tunnel with sslmode=disable in the database URL."
                .to_owned(),
        ));
    }
    if lower.contains("not valid for name") {
        return Some((
            format!(
                "sent a TLS certificate made out to another host name, which sslmode={mode} \
                 refuses ({said})"
            ),
            "Write the host name the certificate names in the database URL, or use \
             sslmode=verify-ca to check only who signed it."
                .to_owned(),
        ));
    }
    if lower.contains("certificate") {
        let trusted = match &settings.root_cert {
            Some(path) => format!(
                "the authorities in {}",
                path.display().to_string().replace(char::is_control, " ")
            ),
            None => "the system's trusted authorities".to_owned(),
        };
        return Some((
            format!(
                "sent a TLS certificate that sslmode={mode} does not accept: it is not signed \
                 by {trusted} ({said})"
            ),
            "Give the server's CA certificate as sslrootcert=PATH in the database URL (your \
             provider publishes it), or use sslmode=require to encrypt without checking who \
             answers."
                .to_owned(),
        ));
    }
    lower.contains("tls").then(|| {
        (
            format!("failed to set up TLS ({said})"),
            "Check sslmode and sslrootcert in the database URL, or try sslmode=require.".to_owned(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libpq_modes_are_read_and_taken_out() {
        let (config, tls) =
            parse("postgres://ana@db.example/team?sslmode=verify-full&sslrootcert=%2Fca.pem")
                .unwrap();
        assert_eq!(tls.mode, TlsMode::VerifyFull);
        assert_eq!(tls.root_cert, Some(PathBuf::from("/ca.pem")));
        assert_eq!(config.get_ssl_mode(), SslMode::Require);
        assert_eq!(config.get_user(), Some("ana"));

        let (_, tls) = parse("postgres://db/team").unwrap();
        assert_eq!(tls.mode, TlsMode::Prefer);
        let (_, tls) = parse("postgres://db/team?sslmode=require&sslrootcert=ca.pem").unwrap();
        assert_eq!(
            tls.mode,
            TlsMode::VerifyCa,
            "libpq checks the CA when given one"
        );
        let (_, tls) = parse("postgres://db/team?sslrootcert=system").unwrap();
        assert_eq!((tls.mode, tls.root_cert), (TlsMode::VerifyFull, None));
        assert!(parse("postgres://db/team?sslmode=maybe").is_err());
    }

    #[test]
    fn unix_sockets_never_ask_for_tls() {
        let (config, tls) = parse("postgres:///team?host=/run/pg&sslmode=require").unwrap();
        assert_eq!(tls.mode, TlsMode::Require);
        assert_eq!(config.get_ssl_mode(), SslMode::Disable);
    }

    #[test]
    fn a_missing_root_certificate_is_named() {
        let (_, tls) =
            parse("postgres://db/team?sslmode=verify-ca&sslrootcert=/no/ca.pem").unwrap();
        let err = connector(&tls).err().unwrap();
        assert!(err.contains("/no/ca.pem"), "{err}");
    }
}
