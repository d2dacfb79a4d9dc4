//! For authors and shells: `new`, `completions` and `man`.

mod common;

use std::process::Command;

use common::Sandbox;

#[test]
fn new_writes_a_roadmap_that_validates_strictly_and_loads() {
    let s = Sandbox::new();
    let out = s.ok(&["new", "my-map"]);
    let file = s.path("data/roadmaps/my-map.yaml");
    assert!(out.contains("my-map.yaml"), "{out}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=../roadmap.schema.json\n"));
    assert!(
        s.path("data/roadmap.schema.json").is_file(),
        "the line points at a file"
    );
    // Every part of the format, each explained.
    for part in [
        "children:",
        "kind: choice",
        "optional: true",
        "estimate:",
        "resources:",
        "requires:",
    ] {
        assert!(text.contains(part), "no {part} in\n{text}");
    }
    assert!(
        text.lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .count()
            >= 8
    );
    let r = s.run(&["validate", "--strict", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    // It loads with the built-ins at once, titled from its id.
    let list = s.json(&["list"]);
    let row = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "my-map")
        .expect("listed");
    assert_eq!(row["title"], "My map");
}

#[test]
fn new_never_overwrites_a_file() {
    let s = Sandbox::new();
    s.ok(&["new", "mine", "--title", "First"]);
    let file = s.path("data/roadmaps/mine.yaml");
    let before = std::fs::read_to_string(&file).unwrap();
    let r = s.fail(&["new", "mine", "--title", "Second"]);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    assert!(r.stderr.contains("hint:"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    let other = s.write("elsewhere.yaml", "keep me");
    let r = s.fail(&["new", "x", "-o", other.to_str().unwrap()]);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "keep me");
}

#[test]
fn new_writes_where_asked_with_a_title_that_needs_quoting() {
    let s = Sandbox::new();
    let title = "Rust: \"the\" way # really";
    s.ok(&[
        "new",
        "rust-way",
        "--title",
        title,
        "-o",
        "drafts/rust.yaml",
    ]);
    let file = s.path("drafts/rust.yaml");
    let show = s.json(&["--roadmap", file.to_str().unwrap(), "show", "rust-way"]);
    assert_eq!(show["title"], title);
    let r = s.run(&["validate", "--strict", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

#[test]
fn new_refuses_an_id_that_is_not_a_slug() {
    let s = Sandbox::new();
    let r = s.fail(&["new", "My Map"]);
    assert!(
        r.stderr.contains("`My Map` is not a roadmap id"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("my-roadmap"), "{}", r.stderr);
    assert!(!s.path("data/roadmaps").exists());
}

#[test]
fn completions_print_a_script_for_each_shell() {
    let s = Sandbox::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = s.ok(&["completions", shell]);
        assert!(script.contains("skilltree"), "{shell}:\n{script}");
        assert!(
            script.contains("COMPLETE"),
            "{shell}: calls back into skilltree"
        );
    }
    assert_eq!(s.run(&["completions", "tcsh"]).code, 2);
}

/// What skilltree answers the bash script for the words typed so far.
fn bash_candidates(s: &Sandbox, words: &[&str]) -> Vec<String> {
    let mut args = vec!["--", "skilltree"];
    args.extend_from_slice(words);
    let out = s
        .cmd(&args)
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", words.len().to_string())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .split(['\u{b}', '\n'])
        .filter(|c| !c.is_empty())
        .map(|c| c.trim().to_string())
        .collect()
}

#[test]
fn commands_roadmaps_and_topics_complete_including_new_ones() {
    let s = Sandbox::new();
    assert!(bash_candidates(&s, &["sh"]).contains(&"show".to_string()));
    assert_eq!(
        bash_candidates(&s, &["show", "junior-"]),
        ["junior-backend", "junior-to-senior"]
    );
    let topics = bash_candidates(&s, &["done", "backend-mastery/http"]);
    assert!(
        topics.contains(&"backend-mastery/http-methods".to_string()),
        "{topics:?}"
    );
    assert!(bash_candidates(&s, &["show", "mine"]).is_empty());
    s.ok(&["new", "mine"]);
    assert_eq!(bash_candidates(&s, &["show", "mine"]), ["mine"]);
    assert!(bash_candidates(&s, &["info", "mine/tool-"]).contains(&"mine/tool-a".to_string()));
}

#[test]
fn the_bash_script_completes_in_bash() {
    if Command::new("bash").arg("--version").output().is_err() {
        eprintln!("skipped: no bash");
        return;
    }
    let s = Sandbox::new();
    let bin = assert_cmd::cargo::cargo_bin("skilltree");
    let dir = bin.parent().unwrap();
    let script = "source <(skilltree completions bash)
COMP_WORDS=(skilltree show junior-); COMP_CWORD=2
COMP_LINE='skilltree show junior-'; COMP_POINT=${#COMP_LINE}; COMP_TYPE=9
_clap_complete_skilltree skilltree junior- show
printf '%s\\n' \"${COMPREPLY[@]}\"";
    let path = format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .args(["--norc", "-c", script])
        .env("PATH", path)
        .env("SKILLTREE_DATA_DIR", s.path("data"))
        .output()
        .unwrap();
    let words = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        words,
        "junior-backend\njunior-to-senior\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn man_writes_a_page_per_command_that_renders() {
    use clap::CommandFactory;
    let s = Sandbox::new();
    let out = s.ok(&["man", "pages"]);
    let cmd = skilltree::cli::Cli::command();
    let commands: Vec<&str> = cmd
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name())
        .collect();
    assert!(
        out.contains(&format!("Wrote {} man pages", commands.len() + 1)),
        "{out}"
    );
    let page = |name: &str| std::fs::read_to_string(s.path(&format!("pages/{name}.1"))).unwrap();
    let main = page("skilltree");
    assert!(main.contains(".TH skilltree 1"), "{main}");
    for c in commands {
        let roff = page(&format!("skilltree-{c}"));
        assert!(
            roff.contains(&format!(".TH skilltree-{c} 1")),
            "{c}:\n{roff}"
        );
        assert!(
            roff.contains(".SH NAME") && roff.contains(".SH SYNOPSIS"),
            "{c}"
        );
        // The page describes the command as its --help does.
        let about = cmd
            .find_subcommand(c)
            .unwrap()
            .get_about()
            .unwrap()
            .to_string();
        let first_word = about.split_whitespace().next().unwrap();
        assert!(roff.contains(first_word), "{c}: {about}");
    }
    assert!(
        !s.path("pages/skilltree-man.1").exists(),
        "the hidden command has no page"
    );
}

#[test]
fn man_pages_render_with_man_where_installed() {
    if Command::new("man").arg("--version").output().is_err() {
        eprintln!("skipped: no man");
        return;
    }
    let s = Sandbox::new();
    s.ok(&["man", "pages"]);
    let out = Command::new("man")
        .arg(s.path("pages/skilltree-show.1"))
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("--only-remaining"),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
