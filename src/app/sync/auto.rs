//! Syncing by itself: after every change made on the command line and when the terminal
//! UI opens, once the user turns it on.

use super::super::{AppError, Workspace};
use super::folder::{SYNC_FOLDER, Synced, sync};

/// The per-user setting that turns on syncing after every change and when the terminal
/// UI opens: `on`, else off.
pub const AUTO_SYNC: &str = "sync_auto";

/// Turns syncing after every change (and when the terminal UI opens) on or off.
pub fn set_auto(ws: &mut Workspace, on: bool) -> Result<(), AppError> {
    let user = ws.user.clone();
    let value = if on { "on" } else { "off" };
    ws.store()?.set_setting(&user, AUTO_SYNC, value)?;
    Ok(())
}

/// Syncs with the remembered folder if auto-sync is on and a folder is set; `None` when
/// it is off (or there is no database yet, so nothing to sync).
pub fn auto(ws: &mut Workspace) -> Result<Option<Synced>, AppError> {
    let user = ws.user.clone();
    let Some(store) = ws.existing_store()? else {
        return Ok(None);
    };
    let on = store.setting(&user, AUTO_SYNC)?.as_deref() == Some("on");
    if !on || store.setting(&user, SYNC_FOLDER)?.is_none() {
        return Ok(None);
    }
    sync(ws, None, false).map(Some)
}
