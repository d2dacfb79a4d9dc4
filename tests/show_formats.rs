//! `show --format`: every format for every built-in roadmap, pinned as
//! snapshots (`INSTA_UPDATE=always cargo test --test show_formats` accepts
//! a deliberate change), and read back with real parsers.

mod common;

use common::Sandbox;

const FORMATS: &[&str] = &["text", "json", "markdown", "mermaid", "dot", "opml"];

fn builtins() -> Vec<String> {
    skilltree::roadmap::builtin()
        .into_iter()
        .map(|r| r.id)
        .collect()
}

/// A sandbox with every status somewhere: shared topics done, started, skipped.
fn with_progress() -> Sandbox {
    let s = Sandbox::new();
    s.ok(&["done", "backend-mastery/http", "backend-mastery/git"]);
    s.ok(&["start", "junior-backend/python"]);
    s.ok(&["done", "junior-to-senior/jira"]);
    s.ok(&["skip", "backend-mastery/hosting"]);
    s
}

#[test]
fn every_format_of_every_built_in_matches_its_snapshot() {
    let s = with_progress();
    for roadmap in builtins() {
        for format in FORMATS {
            let out = s.ok(&["show", &roadmap, "--format", format]);
            insta::assert_snapshot!(format!("{roadmap}.{format}"), out);
        }
    }
}

#[test]
fn the_markdown_of_every_built_in_is_a_task_per_leaf() {
    use pulldown_cmark::{Event, Options, Parser};
    let s = with_progress();
    for roadmap in builtins() {
        let md = s.ok(&["show", &roadmap, "--format", "markdown"]);
        let json = s.json(&["show", &roadmap]);
        let nodes = json["nodes"].as_array().unwrap();
        let leaves: Vec<&serde_json::Value> = nodes
            .iter()
            .filter(|n| !nodes.iter().any(|c| c["parent"] == n["id"]))
            .collect();
        let ticked = leaves
            .iter()
            .filter(|n| n["status"] == "done" || n["status"] == "skipped")
            .count();
        let tasks: Vec<bool> = Parser::new_ext(&md, Options::ENABLE_TASKLISTS)
            .filter_map(|e| match e {
                Event::TaskListMarker(done) => Some(done),
                _ => None,
            })
            .collect();
        assert_eq!(tasks.len(), leaves.len(), "{roadmap}");
        assert_eq!(tasks.iter().filter(|&&t| t).count(), ticked, "{roadmap}");
        assert!(ticked > 0, "{roadmap}: the sandbox's progress shows");
    }
}

#[test]
fn the_opml_of_every_built_in_has_an_outline_per_node() {
    let s = with_progress();
    for roadmap in builtins() {
        let opml = s.ok(&["show", &roadmap, "--format", "opml"]);
        let doc = roxmltree::Document::parse(&opml).unwrap_or_else(|e| panic!("{roadmap}: {e}"));
        let json = s.json(&["show", &roadmap]);
        let nodes = json["nodes"].as_array().unwrap();
        let outlines: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("outline") && n.attribute("id").is_some())
            .collect();
        assert_eq!(outlines.len(), nodes.len(), "{roadmap}");
        for (o, n) in outlines.iter().zip(nodes) {
            assert_eq!(o.attribute("id"), n["id"].as_str());
            assert_eq!(o.attribute("text"), n["title"].as_str());
            assert_eq!(o.attribute("status"), n["status"].as_str());
            // Nested as the roadmap is.
            let parent = o.parent().and_then(|p| p.attribute("id"));
            assert_eq!(parent, n["parent"].as_str(), "{roadmap}/{}", n["id"]);
        }
    }
}

#[test]
fn a_blank_map_shows_no_status_in_any_format() {
    let s = with_progress();
    let json = s.json(&["show", "backend-mastery", "--no-status"]);
    assert!(json.get("progress").is_none());
    assert!(
        json["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|n| n.get("status").is_none())
    );
    let text = s.ok(&["show", "backend-mastery", "--no-status"]);
    assert!(!text.contains('✓') && !text.contains("% done"), "{text}");
    let md = s.ok(&[
        "show",
        "backend-mastery",
        "--format",
        "markdown",
        "--no-status",
    ]);
    assert!(!md.contains("[x]"));
    let mermaid = s.ok(&[
        "show",
        "backend-mastery",
        "--format",
        "mermaid",
        "--no-status",
    ]);
    assert!(!mermaid.contains("classDef"));
}

#[test]
fn only_remaining_leaves_out_what_is_done() {
    let s = with_progress();
    let all = s.json(&["show", "backend-mastery"]);
    let left = s.json(&["show", "backend-mastery", "--only-remaining"]);
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(ids(&all).contains(&"git".to_string()));
    assert!(!ids(&left).contains(&"git".to_string()));
    assert!(ids(&left).contains(&"github".to_string()));
    for n in left["nodes"].as_array().unwrap() {
        assert!(n["status"] != "done" && n["status"] != "skipped", "{n}");
    }
}

#[test]
fn depth_shows_only_the_top_levels_with_their_arrows() {
    let s = Sandbox::new();
    let json = s.json(&["show", "backend-mastery", "--depth", "1"]);
    let nodes = json["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 7, "the seven levels");
    assert!(nodes.iter().all(|n| n["parent"].is_null()));
    // Each level after the first needs the one before, through its children.
    for pair in nodes.windows(2) {
        let needs: Vec<&str> = pair[1]["requires"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        assert!(
            needs.contains(&pair[0]["id"].as_str().unwrap()),
            "{}",
            pair[1]
        );
    }
    let r = s.run(&["show", "backend-mastery", "--depth", "0"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn an_unknown_format_is_refused_with_the_choices() {
    let r = Sandbox::new().run(&["show", "backend-mastery", "--format", "svg"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("mermaid") && r.stderr.contains("opml"),
        "{}",
        r.stderr
    );
}

#[test]
fn hostile_titles_come_out_escaped_in_every_format() {
    use pulldown_cmark::{Event, Parser};
    let s = Sandbox::new();
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/show/hostile.yaml"
    );
    let show = |format: &str| s.ok(&["--roadmap", file, "show", "hostile", "--format", format]);
    for format in FORMATS {
        let out = show(format);
        // Nothing that drives a terminal: the loader showed the escape as ␛.
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{202e}'),
            "{format}"
        );
        assert!(out.contains('␛'), "{format}:\n{out}");
    }
    let titles = [
        "\"quoted\" 'single' `back`",
        "a --> b -.-> c ==> d",
        "שלום עולם مرحبا override",
        "#1 @someone *stars* _under_ ~~strike~~ $x$ [x] 1. - dash",
        "</outline> <!-- comment --> ]]> &amp; naïve 日本語 ✓",
    ];
    let md = show("markdown");
    let text: String = Parser::new(&md)
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.into_string()),
            Event::SoftBreak | Event::End(_) => Some("\n".into()),
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML {h:?}"),
            _ => None,
        })
        .collect();
    let opml = show("opml");
    let doc = roxmltree::Document::parse(&opml).unwrap();
    let texts: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("text"))
        .collect();
    let mermaid = show("mermaid");
    for t in titles {
        assert!(text.contains(t), "markdown lost {t:?}:\n{md}");
        assert!(texts.contains(&t), "opml lost {t:?}");
        // Inside a Mermaid label only entities stand for quotes and brackets.
        assert!(
            !mermaid.contains(t) || !t.contains(['"', '<', '#']),
            "{t:?} raw in mermaid"
        );
    }
    assert!(mermaid.contains("subgraph n0[\"end 0/3\"]"), "{mermaid}");
    assert_eq!(mermaid.lines().filter(|l| l.trim() == "end").count(), 3);
    assert!(
        doc.descendants()
            .any(|n| n.attribute("url") == Some("https://example.org/?a=<b>&c=\"d\""))
    );
}

#[test]
fn the_map_of_every_built_in_has_a_box_per_topic_and_one_per_group_zoomed_out() {
    let s = with_progress();
    for roadmap in builtins() {
        let json = s.json(&["show", &roadmap]);
        let nodes = json["nodes"].as_array().unwrap();
        let is_group = |n: &serde_json::Value| nodes.iter().any(|c| c["parent"] == n["id"]);
        let leaves = nodes.iter().filter(|n| !is_group(n)).count();
        let top = nodes.iter().filter(|n| n["parent"].is_null()).count();
        let groups = nodes.iter().filter(|n| is_group(n)).count();
        let map = s.ok(&["show", &roadmap, "--format", "map"]);
        assert!(
            !map.contains('\x1b'),
            "{roadmap}: plain text without colour"
        );
        // A box's top-left corner is `╭─`; a frame's is `╭┄`.
        assert_eq!(
            map.matches("╭─").count(),
            leaves,
            "{roadmap}: a box per topic"
        );
        assert!(
            map.matches("╭┄").count() <= groups,
            "{roadmap}: frames are groups"
        );
        assert!(map.contains("▶"), "{roadmap}: arrows");
        assert!(
            map.contains("✓ "),
            "{roadmap}: the sandbox's progress shows"
        );
        let out = s.ok(&["show", &roadmap, "--format", "map", "--depth", "1"]);
        assert_eq!(
            out.matches("╭─").count(),
            top,
            "{roadmap}: a box per top-level node"
        );
        assert!(!out.contains("╭┄"), "{roadmap}: no frames zoomed out");
    }
    let blank = s.ok(&["show", "junior-to-senior", "--format", "map", "--no-status"]);
    assert!(!blank.contains("✓ "), "a blank map has no status");
    insta::assert_snapshot!(
        "junior-to-senior.map-depth-1",
        s.ok(&[
            "show",
            "junior-to-senior",
            "--format",
            "map",
            "--depth",
            "1"
        ])
    );
    let r = s.fail(&[
        "show",
        "junior-to-senior",
        "--format",
        "map",
        "--only-remaining",
    ]);
    assert!(
        r.stderr.contains("the map shows the whole roadmap"),
        "{}",
        r.stderr
    );
}
