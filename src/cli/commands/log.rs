//! `log [-n N]`: the history, newest first.

use crate::app::{Workspace, history};
use crate::roadmap::sanitize::clean_line;

use super::super::output::{dim, json, pad, widest};
use super::super::{CliError, Out};

/// Prints the user's last `limit` changes.
pub fn run(ws: &mut Workspace, limit: usize, utc: bool, o: &mut Out<'_>) -> Result<(), CliError> {
    let entries = history::log(ws, limit)?;
    if o.json {
        return json(o.out, &entries);
    }
    if entries.is_empty() {
        writeln!(
            o.out,
            "No history yet for {}. Mark something: `skilltree done TOPIC`.",
            clean_line(&ws.user)
        )?;
        return Ok(());
    }
    let names: Vec<String> = entries
        .iter()
        .map(|e| match (&e.roadmap, &e.id) {
            (Some(r), Some(id)) => format!("{r}/{id}"),
            _ => clean_line(&e.topic).into_owned(),
        })
        .collect();
    let name_w = widest(names.iter().map(String::as_str));
    // Local time by default, the way people read a diary; --utc for logs.
    let zone = if utc {
        jiff::tz::TimeZone::UTC
    } else {
        jiff::tz::TimeZone::system()
    };
    let format = if utc {
        "%Y-%m-%d %H:%M:%S UTC"
    } else {
        "%Y-%m-%d %H:%M:%S"
    };
    for (e, name) in entries.iter().zip(&names) {
        let when = e
            .time
            .to_zoned_datetime(zone.clone())
            .strftime(format)
            .to_string();
        let undo = if e.is_undo() {
            dim("  (undo)")
        } else {
            String::new()
        };
        writeln!(
            o.out,
            "{}  {}  {}{undo}",
            dim(&when),
            pad(name, name_w),
            e.change()
        )?;
    }
    Ok(())
}
