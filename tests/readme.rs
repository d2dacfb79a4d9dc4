//! The README is the user's manual: these keep it true to the program.

use clap::CommandFactory;
use skilltree::cli::Cli;
use skilltree::tui::keymap::{KEYS, Scope, key_name};

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

#[test]
fn every_command_is_in_the_readme() {
    let readme = readme();
    for sub in Cli::command().get_subcommands() {
        let name = sub.get_name();
        assert!(
            readme.contains(&format!("`{name}")),
            "README does not mention `{name}`"
        );
    }
}

#[test]
fn every_browsing_key_is_in_the_readme_key_table() {
    let readme = readme();
    let table = &readme[readme.find("| key | what it does |").expect("key table")..];
    for b in KEYS.iter().filter(|b| b.scope == Scope::Normal) {
        let key = key_name(b.code);
        assert!(
            table.contains(&format!("`{key}`")),
            "README key table lacks `{key}` ({})",
            b.help
        );
    }
}
