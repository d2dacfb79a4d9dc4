//! `sync`: a shared folder where each device appends its own file and reads the others'.
//!
//! The folder holds `<user>/<device>.jsonl` per user and device. A device writes only its own
//! file, so a folder sync tool (or git) never sees two machines change one file.

use std::collections::HashSet;
use std::fs::OpenOptions;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::progress::ChangeId;

use super::super::{AppError, Workspace};
use super::export::{about, header, write_changes};
use super::format::json_line;
use super::import::MergeReport;
use super::layout::{cut_torn_tail, file_name, other_files};
use super::read::{ChangeFile, io_error, shown};

/// The per-user setting that remembers the sync folder.
pub const SYNC_FOLDER: &str = "sync_folder";

/// The message when no folder is named and none is remembered.
pub const NO_FOLDER: &str = "no sync folder is set";

/// What a sync did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Synced {
    /// The folder synced with.
    pub folder: String,
    /// This device's file in it.
    pub file: String,
    /// Whether the folder was remembered for next time.
    pub remembered: bool,
    /// Other devices' files read.
    pub files_read: u64,
    /// What arrived from them.
    pub arrived: MergeReport,
    /// Changes written to this device's file.
    pub sent: u64,
}

impl Synced {
    /// "Synced with ~/Sync/skilltree: 5 changes arrived from 1 device (…); sent 2".
    pub fn summary(&self) -> String {
        let a = &self.arrived;
        let devices = a.devices.len();
        let from = if a.new == 0 {
            "nothing new arrived".to_owned()
        } else {
            format!(
                "arrived from {devices} device{}: {}",
                if devices == 1 { "" } else { "s" },
                a.summary()
            )
        };
        format!(
            "Synced with {}: {from}; sent {} change{}",
            self.folder,
            self.sent,
            if self.sent == 1 { "" } else { "s" }
        )
    }
}

/// Syncs the workspace user's progress with `folder` (else the remembered one), and with
/// `remember` keeps `folder` for next time. Everything that arrives is merged in one
/// transaction; then this device's changes the folder lacks are appended to its own file.
pub fn sync(ws: &mut Workspace, folder: Option<&Path>, remember: bool) -> Result<Synced, AppError> {
    let user = ws.user.clone();
    let folder: PathBuf = match folder {
        Some(f) => f.to_path_buf(),
        // Without a database nothing is remembered, and none is created to find that out.
        None => match ws
            .existing_store()?
            .map(|s| s.setting(&user, SYNC_FOLDER))
            .transpose()?
        {
            Some(Some(f)) => PathBuf::from(f),
            _ => {
                return Err(AppError::input(
                    NO_FOLDER,
                    "name a folder to sync with (a shared or git folder); set it once to have it remembered",
                ));
            }
        },
    };
    if remember {
        std::fs::create_dir_all(&folder).map_err(|e| io_error(&folder, &e))?;
    }
    if !folder.is_dir() {
        return Err(AppError::input(
            format!("the sync folder {} does not exist", shown(&folder)),
            "create it (or mount the shared folder) first",
        ));
    }
    let folder = std::path::absolute(&folder).map_err(|e| io_error(&folder, &e))?;
    let store = ws.store()?;
    if remember {
        let text = folder.to_str().ok_or_else(|| {
            AppError::input(
                format!("{} is not valid UTF-8", shown(&folder)),
                "use a folder whose name is UTF-8 text",
            )
        })?;
        store.set_setting(&user, SYNC_FOLDER, text)?;
    }
    let user_dir = folder.join(file_name(&user));
    std::fs::create_dir_all(&user_dir).map_err(|e| io_error(&user_dir, &e))?;
    let own = user_dir.join(format!("{}.jsonl", store.device_id()?));

    // Every id in the folder, so that only what it lacks is written.
    let mut seen: HashSet<ChangeId> = HashSet::new();
    if let Some(file) = ChangeFile::open_existing(&own)? {
        for record in file {
            seen.insert(record?.id);
        }
    }
    let mut others = Vec::new();
    for path in other_files(&user_dir, &own)? {
        if let Some(file) = ChangeFile::open(&path, true)? {
            if file.header.user != user {
                return Err(AppError::input(
                    format!(
                        "{} holds changes of another user than the folder it is in",
                        shown(&path)
                    ),
                    "move it to the folder named after its user",
                ));
            }
            others.push(file);
        }
    }
    let files_read = others.len() as u64;
    let records = others.into_iter().flatten().inspect(|r| {
        if let Ok(r) = r {
            seen.insert(r.id);
        }
    });
    let merged = store.import(records, false)?;
    if merged.new > 0 {
        crate::app::review::adopt_imported(store, &user)?;
    }
    let sent = append(store, &user, &own, &seen)?;
    let arrived = MergeReport::new(&ws.catalog, merged);
    Ok(Synced {
        folder: shown(&folder),
        file: shown(&own),
        remembered: remember,
        files_read,
        arrived,
        sent,
    })
}

/// Appends to this device's file every change of `user`'s not in `seen`; the number written.
fn append(
    store: &crate::progress::Store,
    user: &str,
    own: &Path,
    seen: &HashSet<ChangeId>,
) -> Result<u64, AppError> {
    let fail = |e: std::io::Error| io_error(own, &e);
    let mut file = OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(own)
        .map_err(fail)?;
    // Two syncs on this machine at once (auto-sync in two terminals) take turns, so one
    // never cuts or splits a line the other is writing; a change both write is harmless.
    // A file system without locks (some network shares) goes without.
    match file.lock() {
        Err(e) if e.kind() != std::io::ErrorKind::Unsupported => return Err(fail(e)),
        _ => {}
    }
    let fresh = cut_torn_tail(&mut file).map_err(fail)?;
    let mut out = BufWriter::new(&file);
    if fresh {
        writeln!(out, "{}", json_line(&header(store, user)?)).map_err(fail)?;
    }
    let sent = write_changes(store, user, &mut |r| !seen.contains(&r.id), &mut out)
        .map_err(|e| about(own, e))?;
    out.flush().map_err(fail)?;
    drop(out);
    file.sync_all().map_err(fail)?;
    Ok(sent)
}
