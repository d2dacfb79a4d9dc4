//! The change file format, version 1: JSON Lines, a header line then one change per line.
//!
//! ```text
//! {"skilltree":"changes","version":1,"user":"ana","device":"…","exported_at":"…"}
//! {"id":"…","device":"…","user":"ana","key":"docker","kind":"status","from":"todo","to":"done","at":"…","command":"done docker","batch":"…"}
//! ```
//!
//! Readers ignore fields they do not know, so a later version can add some; a file whose
//! version is newer than [`VERSION`] is refused.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::graph::UserStatus;
use crate::progress::{ChangeId, Delta, DeviceId, Record};
use crate::roadmap::sanitize::is_unsafe;

/// The format version this build writes and the newest it reads.
pub const VERSION: u32 = 1;

/// What the header's `skilltree` field holds.
const MAGIC: &str = "changes";

/// The first line of a change file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// Always `changes`: says what the file is.
    pub skilltree: String,
    /// The format version.
    pub version: u32,
    /// Whose changes the file holds.
    pub user: String,
    /// The device that wrote the file.
    pub device: String,
    /// When the file was started, RFC 3339 UTC.
    pub exported_at: String,
}

impl Header {
    /// A header for `user`'s changes written by `device` at `at`.
    pub fn new(user: &str, device: DeviceId, at: Timestamp) -> Header {
        Header {
            skilltree: MAGIC.to_owned(),
            version: VERSION,
            user: user.to_owned(),
            device: device.to_string(),
            exported_at: time_text(at),
        }
    }

    /// Checks a header read from a file: what it is, its version and its user.
    pub fn check(&self) -> Result<(), String> {
        if self.skilltree != MAGIC {
            return Err(format!(
                "the first line says `skilltree: {}`, not `changes`",
                self.skilltree
            ));
        }
        if self.version > VERSION || self.version == 0 {
            return Err(format!(
                "format version {} is not one this skilltree reads (it reads 1 to {VERSION}); \
                 a newer skilltree wrote it",
                self.version
            ));
        }
        check_name("user", &self.user)
    }
}

/// One change, as a line of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// The change's id (UUID v7).
    pub id: String,
    /// The device it was made on (UUID).
    pub device: String,
    /// Whose change.
    pub user: String,
    /// The progress key: `roadmap/node` or a shared topic.
    pub key: String,
    /// `status`, `note` or `choice`.
    pub kind: String,
    /// The value before: a status name, the note, or the alternative's id (`null`: none).
    pub from: Option<String>,
    /// The value after, likewise.
    pub to: Option<String>,
    /// When, RFC 3339 UTC with milliseconds.
    pub at: String,
    /// The command that made it.
    pub command: String,
    /// The id shared by the changes of one command.
    pub batch: String,
    /// For a change made by `undo`: the batch it undoes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undoes: Option<String>,
}

impl Line {
    /// The line for a recorded change.
    pub fn from_record(r: &Record) -> Line {
        Line {
            id: r.id.to_string(),
            device: r.device.to_string(),
            user: r.user.clone(),
            key: r.key.clone(),
            kind: r.change.kind().to_owned(),
            from: r.change.from_text().map(str::to_owned),
            to: r.change.to_text().map(str::to_owned),
            at: time_text(r.at),
            command: r.command.clone(),
            batch: r.batch.to_string(),
            undoes: r.undoes.map(|u| u.to_string()),
        }
    }

    /// The change this line describes, or what is wrong with it.
    pub fn to_record(&self) -> Result<Record, String> {
        check_name("user", &self.user)?;
        check_name("key", &self.key)?;
        if self.command.chars().any(is_unsafe) {
            return Err("the command holds control characters".into());
        }
        let change = match self.kind.as_str() {
            "status" => Delta::Status {
                from: status(self.from.as_deref())?,
                to: status(self.to.as_deref())?,
            },
            "note" => Delta::Note {
                from: self.from.clone().filter(|t| !t.is_empty()),
                to: self.to.clone().filter(|t| !t.is_empty()),
            },
            "choice" => Delta::Choice {
                from: self.from.clone().filter(|t| !t.is_empty()),
                to: self.to.clone().filter(|t| !t.is_empty()),
            },
            "review" => Delta::Review {
                rating: self
                    .to
                    .as_deref()
                    .and_then(crate::progress::Rating::parse)
                    .ok_or_else(|| {
                        "a review's `to` must be again, hard, good or easy".to_string()
                    })?,
            },
            other => {
                return Err(format!(
                    "unknown kind `{other}` (expected status, note, choice or review)"
                ));
            }
        };
        Ok(Record {
            id: id("id", &self.id)?,
            device: self
                .device
                .parse::<DeviceId>()
                .map_err(|_| format!("`{}` is not a device id", self.device))?,
            user: self.user.clone(),
            key: self.key.clone(),
            change,
            at: self
                .at
                .parse()
                .map_err(|_| format!("`{}` is not a time (RFC 3339)", self.at))?,
            command: self.command.clone(),
            batch: id("batch", &self.batch)?,
            undoes: self
                .undoes
                .as_deref()
                .map(|u| id("undoes", u))
                .transpose()?,
        })
    }
}

/// A time as written in the file: RFC 3339 UTC with milliseconds.
pub fn time_text(at: Timestamp) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// `value` as JSON on one line, with every character that could drive a terminal written
/// as a `\u` escape: the same JSON, safe to print or `cat`.
pub fn json_line(value: &impl Serialize) -> String {
    let text = serde_json::to_string(value).expect("plain structs serialise");
    if !text.chars().any(is_unsafe) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A status name, required.
fn status(name: Option<&str>) -> Result<UserStatus, String> {
    let name = name.ok_or("a status change needs `from` and `to`")?;
    UserStatus::parse(name).ok_or_else(|| {
        format!("unknown status `{name}` (expected todo, in_progress, done or skipped)")
    })
}

/// A change or batch id.
fn id(field: &str, text: &str) -> Result<ChangeId, String> {
    text.parse()
        .map_err(|_| format!("`{field}` is not a change id: `{text}`"))
}

/// A user name or key: not empty, no control characters or bidirectional marks.
fn check_name(what: &str, name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err(format!("the {what} is empty"));
    }
    if name.chars().any(is_unsafe) {
        return Err(format!(
            "the {what} holds control characters or bidirectional marks"
        ));
    }
    Ok(())
}
