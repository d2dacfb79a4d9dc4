//! The README is the user's manual: these keep it true to the program.

mod common;

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

#[test]
fn the_share_your_map_picture_is_what_the_tool_prints() {
    let readme = readme();
    let marker = "<!-- generated: skilltree ";
    let at = readme.find(marker).expect("the Mermaid block's marker");
    let rest = &readme[at + marker.len()..];
    let command = &rest[..rest.find(" -->").expect("the marker ends")];
    let block = rest
        .split_once("```mermaid\n")
        .and_then(|(_, b)| b.split_once("```\n"))
        .map(|(b, _)| b)
        .expect("a ```mermaid block after the marker");
    let args: Vec<&str> = command.split_whitespace().collect();
    let printed = common::Sandbox::new().ok(&args);
    assert_eq!(
        block, printed,
        "README's Mermaid block differs from `skilltree {command}`; paste its output"
    );
    assert!(block.starts_with("---\ntitle:") && block.contains("flowchart"));
}

#[test]
fn every_shell_has_its_completion_line_in_the_readme() {
    let readme = readme();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        assert!(
            readme.contains(&format!("skilltree completions {shell}")),
            "README lacks the completion line for {shell}"
        );
    }
    assert!(readme.contains("skilltree man ~/.local/share/man/man1"));
}
