//! `show --format dot` renders with Graphviz, without a warning, for every
//! built-in roadmap and for hostile titles. Where `dot` is missing the test
//! says so and passes, except in CI (`CI` or `SKILLTREE_REQUIRE_TOOLS=1`,
//! which .ci/run sets after installing graphviz), where it fails.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::Sandbox;

/// Whether `dot` runs; panics when it does not and the tools are required.
fn have_dot() -> bool {
    let found = Command::new("dot")
        .arg("-V")
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let required = std::env::var_os("CI").is_some_and(|v| !v.is_empty())
        || std::env::var("SKILLTREE_REQUIRE_TOOLS").is_ok_and(|v| v == "1");
    if !found {
        assert!(
            !required,
            "Graphviz's `dot` is required here (CI or SKILLTREE_REQUIRE_TOOLS=1) but not found; \
             install graphviz (`apt-get install graphviz`)"
        );
        eprintln!("skipped: Graphviz's `dot` is not installed (apt-get install graphviz)");
    }
    found
}

/// `dot -Tsvg` on `source`: the SVG, or the warnings and errors it printed.
fn render(source: &str) -> Result<String, String> {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(source.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if out.status.success() && stderr.trim().is_empty() {
        Ok(String::from_utf8(out.stdout).unwrap())
    } else {
        Err(stderr)
    }
}

#[test]
fn every_built_in_renders_without_a_warning() {
    if !have_dot() {
        return;
    }
    let s = Sandbox::new();
    s.ok(&["done", "backend-mastery/http", "backend-mastery/git"]);
    for r in skilltree::roadmap::builtin() {
        for extra in [
            &[][..],
            &["--no-status"],
            &["--depth", "1"],
            &["--only-remaining"],
        ] {
            let mut args = vec!["show", r.id.as_str(), "--format", "dot"];
            args.extend_from_slice(extra);
            let source = s.ok(&args);
            let svg = render(&source).unwrap_or_else(|e| panic!("{args:?}:\n{e}"));
            assert!(svg.contains("<svg"), "{args:?}");
        }
    }
}

#[test]
fn hostile_titles_render_as_written() {
    if !have_dot() {
        return;
    }
    let s = Sandbox::new();
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/show/hostile.yaml"
    );
    let source = s.ok(&["--roadmap", file, "show", "hostile", "--format", "dot"]);
    let svg = render(&source).unwrap_or_else(|e| panic!("{e}\n{source}"));
    // Graphviz's SVG starts with a DOCTYPE, which roxmltree refuses unless allowed.
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let text: String = roxmltree::Document::parse_with_options(&svg, options)
        .unwrap()
        .descendants()
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("\n");
    for title in [
        "\"quoted\" 'single' `back`",
        "a --> b -.-> c ==> d",
        "back\\slash \\n \\l",
        "שלום עולם مرحبا override",
        "</outline> <!-- comment --> ]]> &amp; naïve 日本語 ✓",
        "Say \"hi\" & <b>bye</b> # %% end",
    ] {
        assert!(
            text.contains(title),
            "{title:?} is not in the picture:\n{text}"
        );
    }
}
