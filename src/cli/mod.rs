//! The command line: clap definitions, and one renderer per command that
//! prints a use case's result as text or JSON. What a command *does* lives
//! in [`crate::app`]; here is only how it looks.

pub mod args;
mod commands;
mod complete;
mod error;
mod man;
pub mod output;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use crate::app::Workspace;

pub use args::{Cli, ColorChoice, Command};
pub use error::CliError;

/// How output is written: where, and whether as JSON.
pub struct Out<'a> {
    /// Standard output.
    pub out: &'a mut dyn Write,
    /// Standard error, for notes and warnings.
    pub err: &'a mut dyn Write,
    /// `--json`.
    pub json: bool,
    /// Whether standard output is a terminal (prose is wrapped to it).
    pub is_terminal: bool,
}

impl Out<'_> {
    /// A warning on stderr: `warning: …`, or with `--json` a JSON line
    /// `{"warning": …}`, so that stderr stays machine-readable.
    pub fn warning(&mut self, text: &str) -> std::io::Result<()> {
        if self.json {
            let line = serde_json::json!({ "warning": text }).to_string();
            writeln!(self.err, "{}", output::escape_unsafe(&line))
        } else {
            writeln!(self.err, "{} {text}", output::warn("warning:"))
        }
    }

    /// A note on stderr (a roadmap replaced by another), plain or as JSON.
    pub fn note(&mut self, text: &str) -> std::io::Result<()> {
        if self.json {
            let line = serde_json::json!({ "note": text }).to_string();
            writeln!(self.err, "{}", output::escape_unsafe(&line))
        } else {
            writeln!(self.err, "{text}")
        }
    }
}

/// Runs skilltree with the process's arguments; what `main` calls.
pub fn main() -> ExitCode {
    // A shell's completion script calling back: answer and exit.
    complete::answer_if_asked();
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let is_terminal = stdout.is_terminal();
    let choice = match (cli.global.json, cli.global.color) {
        (true, _) | (_, ColorChoice::Never) => anstream::ColorChoice::Never,
        (_, ColorChoice::Always) => anstream::ColorChoice::Always,
        (_, ColorChoice::Auto) => anstream::ColorChoice::Auto,
    };
    let mut out = anstream::AutoStream::new(stdout.lock(), choice);
    let mut err = anstream::AutoStream::new(std::io::stderr().lock(), choice);
    let json = cli.global.json;
    let mut o = Out {
        out: &mut out,
        err: &mut err,
        json,
        is_terminal,
    };
    match run(cli, &mut o) {
        Ok(code) => code,
        Err(CliError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = if json {
                writeln!(o.err, "{}", output::escape_unsafe(&e.to_json().to_string()))
            } else {
                writeln!(o.err, "{e}")
            };
            ExitCode::FAILURE
        }
    }
}

/// Runs one parsed command line.
pub fn run(cli: Cli, o: &mut Out<'_>) -> Result<ExitCode, CliError> {
    use commands::{author, validate};
    // Checking files should not depend on the user's other roadmaps being sound,
    // nor should writing one, or printing what shells and editors need.
    match &cli.command {
        Some(Command::Validate { files }) => return validate::run(&cli.global, files, o),
        Some(Command::New(args)) => author::new(args, o)?,
        Some(Command::Schema) => author::schema(o)?,
        Some(Command::Completions { shell }) => author::completions(*shell, o)?,
        Some(Command::Man { dir }) => author::man(dir, o)?,
        _ => return run_in_workspace(cli, o),
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs a command that needs the loaded roadmaps (and maybe the database).
fn run_in_workspace(cli: Cli, o: &mut Out<'_>) -> Result<ExitCode, CliError> {
    let (mut ws, loading) = Workspace::open(cli.global.workspace_options())?;
    for note in &loading.notes {
        o.note(note)?;
    }
    for w in &loading.warnings {
        o.warning(&w.to_string())?;
    }
    if !loading.warnings.is_empty() {
        o.warning("skipped roadmap files with errors; fix them or run `skilltree validate FILE`")?;
    }
    let code = run_command(cli, &mut ws, o)?;
    ws.close();
    Ok(code)
}

/// The command itself, with what is said before and after it.
fn run_command(cli: Cli, ws: &mut Workspace, o: &mut Out<'_>) -> Result<ExitCode, CliError> {
    let marks = cli.command.as_ref().is_some_and(Command::marks);
    // What auto-sync sends: a mark, or an undo of one.
    let changes = marks || matches!(&cli.command, Some(Command::Undo));
    // What stores something for this user (an undo only takes back).
    let writes = marks
        || matches!(
            &cli.command,
            Some(Command::Use { .. } | Command::Sync { .. })
        )
        || matches!(&cli.command, Some(Command::Goal { goal, week_start })
            if !goal.is_empty() || week_start.is_some())
        || matches!(&cli.command, Some(Command::Review { enable, disable, .. })
            if *enable || *disable);
    match ws.user_notice(writes)? {
        Some(notice) if writes => o.note(&format!("note: {notice}"))?,
        Some(notice) => o.warning(&notice)?,
        None => {}
    }
    let code = dispatch(cli.command, ws, o)?;
    if changes {
        auto_sync(ws, o)?;
    }
    if let Some(path) = ws.take_created() {
        let path = crate::roadmap::sanitize::clean_line(&path.display().to_string()).into_owned();
        o.note(&format!("note: created a new progress database at {path}"))?;
    }
    Ok(code)
}

/// Runs one command on an open workspace.
fn dispatch(
    command: Option<Command>,
    ws: &mut Workspace,
    o: &mut Out<'_>,
) -> Result<ExitCode, CliError> {
    use crate::graph::UserStatus;
    use commands::*;
    match command {
        None if o.is_terminal => tui(ws, None)?,
        None => suggest::next(ws, None, false, o)?,
        Some(Command::Tui { roadmap }) => tui(ws, roadmap)?,
        Some(Command::List) => overview::list(ws, o)?,
        Some(Command::Use { roadmap }) => overview::use_roadmap(ws, &roadmap, o)?,
        Some(Command::Show(args)) => overview::show(ws, &args, o)?,
        Some(Command::Next { roadmap, all }) => suggest::next(ws, roadmap.as_deref(), all, o)?,
        Some(Command::Plan { topic }) => suggest::plan(ws, &topic, o)?,
        Some(Command::Info { topic }) => info::run(ws, &topic, o)?,
        Some(Command::Done(d)) => {
            mark::run(ws, UserStatus::Done, &d.topics.topics, o)?;
            if let Some(r) = d.rating {
                learning::rate_after_done(ws, &d.topics.topics, r.rating(), o)?;
            }
        }
        Some(Command::Start(t)) => mark::run(ws, UserStatus::InProgress, &t.topics, o)?,
        Some(Command::Skip(t)) => mark::run(ws, UserStatus::Skipped, &t.topics, o)?,
        Some(Command::Reset(t)) => mark::run(ws, UserStatus::Todo, &t.topics, o)?,
        Some(Command::Undo) => mark::undo(ws, o)?,
        Some(Command::Choose {
            choice,
            alternative,
        }) => mark::choose(ws, &choice, &alternative, o)?,
        Some(Command::Note { topic, text, edit }) => note::run(ws, &topic, &text, edit, o)?,
        Some(Command::Log { limit, utc }) => log::run(ws, limit as usize, utc, o)?,
        Some(Command::Stats { roadmap }) => overview::stats(ws, roadmap.as_deref(), o)?,
        Some(Command::Users) => overview::users(ws, o)?,
        Some(Command::Goal { goal, week_start }) => learning::goal(ws, &goal, week_start, o)?,
        Some(Command::Review {
            topic,
            rating,
            enable,
            disable,
        }) => learning::review(ws, topic, rating, enable, disable, o)?,
        Some(Command::Team { action, stuck_days }) => match action {
            None => team::show(ws, stuck_days, o)?,
            Some(args::TeamAction::Add {
                login,
                mentor,
                no_password,
            }) => team::add(ws, &login, mentor, !no_password, o)?,
        },
        Some(Command::Doctor) => return doctor::run(ws, o),
        Some(Command::Export { format, output }) => sync::export(ws, format, output, o)?,
        Some(Command::Import { file, dry_run }) => sync::import(ws, &file, dry_run, o)?,
        Some(Command::Sync { dir, set, auto }) => sync::sync(ws, dir.as_deref(), set, auto, o)?,
        Some(
            Command::Validate { .. }
            | Command::New(_)
            | Command::Schema
            | Command::Completions { .. }
            | Command::Man { .. },
        ) => unreachable!("handled in `run`"),
    }
    Ok(ExitCode::SUCCESS)
}

/// Syncs by itself when the user turned that on; a failure is a warning (the change
/// itself is saved), a success one line on stderr.
fn auto_sync(ws: &mut Workspace, o: &mut Out<'_>) -> Result<(), CliError> {
    match crate::app::sync::auto(ws) {
        Ok(None) => Ok(()),
        Ok(Some(done)) => Ok(o.note(&format!("auto-sync: {}", done.summary()))?),
        Err(e) => {
            let e = CliError::from(e).to_json();
            let why = e["error"].as_str().unwrap_or("failed").to_owned();
            Ok(o.warning(&format!(
                "auto-sync failed ({why}); your change is saved here, run `skilltree sync` later"
            ))?)
        }
    }
}

/// The full-screen UI (`skilltree` on a terminal, `skilltree tui`).
fn tui(ws: &mut Workspace, roadmap: Option<String>) -> Result<(), CliError> {
    // Shown once the UI closes; the UI itself starts with what arrived.
    if let Err(e) = crate::app::sync::auto(ws) {
        let e = CliError::from(e).to_json();
        eprintln!(
            "warning: auto-sync failed: {}",
            e["error"].as_str().unwrap_or("failed")
        );
    }
    crate::tui::run(ws, roadmap).map_err(|e| match e {
        crate::tui::TuiError::App(e) => CliError::App(e),
        crate::tui::TuiError::Io(e) => CliError::Io(e),
    })
}
