//! Every example the user is shown runs as printed: the ones in `--help`
//! and the ones in the README's console blocks.

mod common;

use common::Sandbox;

/// The commands in every `--help`'s examples (the top level's and each
/// command's), without the explanation, and without what a shell would do
/// with the output (`| jq`, `> file`, `<(…)`).
fn help_examples() -> Vec<Vec<String>> {
    use skilltree::cli::args::*;
    let mut out = Vec::new();
    for text in [
        EXAMPLES,
        SHOW_EXAMPLES,
        NEW_EXAMPLES,
        SCHEMA_EXAMPLES,
        COMPLETIONS_EXAMPLES,
    ] {
        for line in text.lines() {
            // A command starts a line, or a column, or sits in `<(…)` or `(…)`.
            let Some(at) = ["  skilltree ", "(skilltree "]
                .iter()
                .filter_map(|p| line.find(p).map(|i| i + p.len()))
                .chain(line.starts_with("skilltree").then_some("skilltree".len()))
                .min()
            else {
                continue;
            };
            let rest = &line[at..];
            let end = ["  ", " | ", " > ", ")"]
                .iter()
                .filter_map(|s| rest.find(s))
                .min()
                .unwrap_or(rest.len());
            let words = shell_words::split(&rest[..end]).expect("shell words");
            out.push(words);
        }
    }
    out
}

/// The README's `$ skilltree …` lines, in order, each with the output shown
/// under it.
fn readme_examples() -> Vec<(String, Vec<String>)> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut in_console = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_console = line == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(cmd) = line.strip_prefix("$ skilltree") {
            out.push((cmd.trim().to_string(), Vec::new()));
        } else if let Some((_, shown)) = out.last_mut() {
            shown.push(line.to_string());
        }
    }
    out
}

fn words(command: &str) -> Vec<&str> {
    command.split_whitespace().collect()
}

#[test]
fn every_help_example_runs_as_printed() {
    let examples = help_examples();
    assert!(examples.len() >= 24, "{examples:?}");
    let s = Sandbox::new();
    for command in examples {
        let args: Vec<&str> = command.iter().map(String::as_str).collect();
        let r = s.run(&args);
        assert_eq!(
            r.code,
            0,
            "`skilltree {}` failed:\n{}{}",
            command.join(" "),
            r.stdout,
            r.stderr
        );
    }
}

#[test]
fn every_readme_example_runs_and_starts_as_shown() {
    let s = Sandbox::new();
    // The file the README's validate example checks.
    s.write(
        "my.yaml",
        "id: mine\ntitle: Mine\nnodes:\n  - id: a\n    title: A\n    optional: maybe\n  \
         - id: b\n    title: B\n    requirs: [a]\n",
    );
    let examples = readme_examples();
    assert!(examples.len() >= 5, "{examples:?}");
    for (command, shown) in examples {
        let r = s.run(&words(&command));
        let expect_failure = command.starts_with("validate");
        assert_eq!(
            r.code,
            i32::from(expect_failure),
            "`skilltree {command}`:\n{}{}",
            r.stdout,
            r.stderr
        );
        // Lines shown in full must be printed as shown, in order; `…` marks a cut.
        let printed: Vec<&str> = r.stdout.lines().collect();
        let mut at = 0;
        for line in shown.iter().filter(|l| !l.is_empty() && !l.contains('…')) {
            let found = printed[at..]
                .iter()
                .position(|p| p.trim_end() == line.trim_end());
            match found {
                Some(i) => at += i + 1,
                None => panic!(
                    "`skilltree {command}` did not print the README's line\n  {line}\nIt printed:\n{}",
                    r.stdout
                ),
            }
        }
    }
}
