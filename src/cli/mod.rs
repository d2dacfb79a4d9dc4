//! The command line: clap definitions, and one function per command that
//! writes to an `impl Write`, as text or JSON.

pub mod args;
mod commands;
mod context;
mod error;
pub mod output;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

pub use args::{Cli, Command};
pub use context::{Context, data_dir, login_name};
pub use error::CliError;

/// Runs skilltree with the process's arguments; what `main` calls.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let is_terminal = stdout.is_terminal();
    let mut out = stdout.lock();
    let mut err = std::io::stderr().lock();
    match run(cli, &mut out, &mut err, is_terminal) {
        Ok(code) => code,
        Err(CliError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            ExitCode::FAILURE
        }
    }
}

/// Runs one parsed command line.
pub fn run(
    cli: Cli,
    out: &mut dyn Write,
    err: &mut dyn Write,
    is_terminal: bool,
) -> Result<ExitCode, CliError> {
    // Checking files should not depend on the user's other roadmaps being sound.
    if let Some(Command::Validate { files }) = &cli.command {
        return commands::validate::run(&cli.global, files, out);
    }
    let mut ctx = Context::load(&cli.global, err, is_terminal)?;
    use crate::graph::UserStatus;
    use commands::*;
    match cli.command {
        None if is_terminal => tui_entry(&mut ctx, None)?,
        None => suggest::next(&mut ctx, None, false, out)?,
        Some(Command::Tui { roadmap }) => tui_entry(&mut ctx, roadmap)?,
        Some(Command::List) => overview::list(&mut ctx, out)?,
        Some(Command::Show { roadmap }) => overview::show(&mut ctx, &roadmap, out)?,
        Some(Command::Next { roadmap, all }) => {
            suggest::next(&mut ctx, roadmap.as_deref(), all, out)?
        }
        Some(Command::Plan { topic }) => suggest::plan(&mut ctx, &topic, out)?,
        Some(Command::Info { topic }) => info::run(&mut ctx, &topic, out)?,
        Some(Command::Done(t)) => mark::run(&mut ctx, UserStatus::Done, &t.topics, out, err)?,
        Some(Command::Start(t)) => {
            mark::run(&mut ctx, UserStatus::InProgress, &t.topics, out, err)?
        }
        Some(Command::Skip(t)) => mark::run(&mut ctx, UserStatus::Skipped, &t.topics, out, err)?,
        Some(Command::Reset(t)) => mark::run(&mut ctx, UserStatus::Todo, &t.topics, out, err)?,
        Some(Command::Undo) => mark::undo(&mut ctx, out)?,
        Some(Command::Note { topic, text }) => note::run(&mut ctx, &topic, text.as_deref(), out)?,
        Some(Command::Log { limit }) => log::run(&mut ctx, limit as usize, out)?,
        Some(Command::Stats { roadmap }) => overview::stats(&mut ctx, roadmap.as_deref(), out)?,
        Some(Command::Users) => overview::users(&mut ctx, out)?,
        Some(Command::Doctor) => return doctor::run(&mut ctx, out),
        Some(Command::Validate { .. }) => unreachable!("handled above"),
    }
    Ok(ExitCode::SUCCESS)
}

/// The full-screen UI (`skilltree` on a terminal, `skilltree tui`).
fn tui_entry(ctx: &mut Context, roadmap: Option<String>) -> Result<(), CliError> {
    crate::tui::run(ctx, roadmap)
}
