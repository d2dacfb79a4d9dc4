//! Shell completion: clap_complete's dynamic completer.
//!
//! `skilltree completions SHELL` prints a small script for the shell; when
//! the user presses Tab, the script runs `COMPLETE=SHELL skilltree -- WORDS…`
//! and skilltree answers from its clap definition and the roadmaps loaded at
//! that moment. One mechanism for all five shells, and new roadmaps and
//! topics complete without regenerating anything. (clap_complete's static
//! scripts cannot call back for ids; its dynamic support is behind the
//! `unstable-dynamic` feature, pinned by Cargo.lock.)

use std::io::Write;

use clap::CommandFactory;
use clap_complete::CompletionCandidate;
use clap_complete::env::Shells;

use super::args::{Cli, Global, Shell};
use crate::app::{data_dir, names};

/// The variable the scripts set when they ask for completions.
const VAR: &str = "COMPLETE";

/// Answers a completion request and exits, when the shell's script asked
/// for one; otherwise returns at once.
pub fn answer_if_asked() {
    clap_complete::CompleteEnv::with_factory(Cli::command)
        .var(VAR)
        .complete();
}

/// Writes the script that registers skilltree's completions in `shell`.
pub fn write_script(shell: Shell, out: &mut dyn Write) -> std::io::Result<()> {
    let name = match shell {
        Shell::Bash => "bash",
        Shell::Zsh => "zsh",
        Shell::Fish => "fish",
        Shell::Powershell => "powershell",
        Shell::Elvish => "elvish",
    };
    let shells = Shells::builtins();
    let completer = shells
        .completer(name)
        .expect("clap_complete knows the five shells");
    // The script runs skilltree again: as it was called now, made absolute
    // when it was called by a relative path such as ./target/release/skilltree.
    let me = std::env::args_os()
        .next()
        .unwrap_or_else(|| "skilltree".into());
    let me = std::path::PathBuf::from(me);
    let me = if me.components().count() > 1 {
        std::path::absolute(&me).unwrap_or(me)
    } else {
        me
    };
    let mut buf = Vec::new();
    completer.write_registration(
        VAR,
        "skilltree",
        "skilltree",
        &me.to_string_lossy(),
        &mut buf,
    )?;
    out.write_all(&buf)
}

/// The extra roadmap files the environment names (flags are not parsed
/// while completing).
fn files() -> Vec<std::path::PathBuf> {
    Global {
        db: None,
        user: None,
        roadmaps: Vec::new(),
        json: false,
        color: super::ColorChoice::Never,
    }
    .roadmap_files()
}

fn candidates(names: Vec<names::Name>) -> Vec<CompletionCandidate> {
    names
        .into_iter()
        .map(|n| CompletionCandidate::new(n.name).help(Some(n.title.into())))
        .collect()
}

/// Roadmap ids, for arguments that take a roadmap.
pub fn roadmap_ids() -> Vec<CompletionCandidate> {
    candidates(names::roadmaps(data_dir().as_deref(), &files()))
}

/// Topics as `roadmap/node` and unambiguous node ids, for arguments that take a topic.
pub fn topic_names() -> Vec<CompletionCandidate> {
    candidates(names::topics(data_dir().as_deref(), &files()))
}
