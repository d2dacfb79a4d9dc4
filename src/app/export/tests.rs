//! Every format on hostile titles, and the cuts, on outlines made by hand.

use super::*;
use crate::app::overview::{Outline, OutlineNode};
use crate::graph::Status;

/// Titles that break one syntax or another when written raw.
const HOSTILE: &[&str] = &[
    "Say \"hi\" 'there'",
    "line\nbreak\r\ttab",
    "end",
    "a --> b -.-> c",
    "</outline><outline text=\"x\">",
    "red \u{1b}[31m bell \u{7} nul \u{0}",
    "שלום עולם مرحبا",
    "#1 C# & F# &amp; %% not a comment",
    "[brackets] (parens) {braces} |pipes|",
    "naïve 日本語 ✓",
    "back\\slash \\n \\l",
    "@someone `code` *stars* _under_ ~~strike~~ $x$",
    "1. numbered",
    "- dash",
    "<script>alert(1)</script>",
    "subgraph x",
    "over\u{202e}ride",
];

fn node(id: &str, title: &str, parent: Option<&str>, depth: usize) -> OutlineNode {
    OutlineNode {
        id: id.into(),
        title: title.into(),
        kind: "topic",
        status: Some(Status::Available),
        parent: parent.map(Into::into),
        estimate: None,
        optional: false,
        pick: None,
        requires: Vec::new(),
        topic: None,
        summary: None,
        depth,
        units: None,
        extra: Vec::new(),
        links: Vec::new(),
    }
}

/// A group titled with the first hostile title, holding a leaf per title,
/// each requiring the one before; the last is optional and has a link.
fn hostile() -> Outline {
    let mut group = node("g", HOSTILE[0], None, 0);
    group.kind = "group";
    group.units = Some((1, HOSTILE.len() as u32));
    let mut nodes = vec![group];
    for (i, t) in HOSTILE.iter().enumerate() {
        let mut n = node(&format!("t{i}"), t, Some("g"), 1);
        if i > 0 {
            n.requires.push(format!("t{}", i - 1));
        }
        n.status = Some([Status::Done, Status::Skipped, Status::Locked][i % 3]);
        nodes.push(n);
    }
    let last = nodes.last_mut().unwrap();
    last.optional = true;
    last.links.push((
        HOSTILE[4].into(),
        "https://example.org/a?b=<c>&d=\\e".into(),
    ));
    last.requires.push("other/x".into());
    Outline {
        id: "hostile".into(),
        title: HOSTILE[7].into(),
        progress: Some(5),
        nodes,
        description: None,
    }
}

/// What a reader of each format should see for a title: one line, control
/// characters as spaces.
fn shown(title: &str) -> String {
    use crate::roadmap::sanitize::is_unsafe;
    title
        .chars()
        .map(|c| if is_unsafe(c) { ' ' } else { c })
        .collect()
}

#[test]
fn no_format_lets_a_control_character_through() {
    use crate::roadmap::sanitize::is_unsafe;
    for format in [
        Picture::Markdown,
        Picture::Mermaid,
        Picture::Dot,
        Picture::Opml,
    ] {
        let text = render(&hostile(), format);
        let bad: Vec<char> = text
            .chars()
            .filter(|&c| is_unsafe(c) && c != '\n')
            .collect();
        assert!(bad.is_empty(), "{format:?} wrote {bad:?}");
    }
}

#[test]
fn markdown_parses_back_to_every_title_as_a_task() {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let text = render(&hostile(), Picture::Markdown);
    let options = Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
    let mut items: Vec<(Option<bool>, String)> = Vec::new();
    let mut heading = String::new();
    let mut in_heading = false;
    let mut depth = 0;
    for event in Parser::new_ext(&text, options) {
        match event {
            Event::Start(Tag::Item) => {
                depth += 1;
                items.push((None, String::new()));
            }
            Event::End(TagEnd::Item) => depth -= 1,
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::TaskListMarker(done) => items.last_mut().unwrap().0 = Some(done),
            Event::Text(t) | Event::Code(t) if in_heading => heading.push_str(&t),
            Event::Text(t) | Event::Code(t) if depth > 0 => {
                items.last_mut().unwrap().1.push_str(&t)
            }
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML {h:?} in\n{text}"),
            _ => {}
        }
    }
    assert_eq!(items.len(), HOSTILE.len(), "{text}");
    for (i, (t, (done, item))) in HOSTILE.iter().zip(&items).enumerate() {
        // Markdown drops the spaces that end a line.
        let expect = shown(t);
        assert!(
            item.starts_with(expect.trim_end()),
            "{item:?} should start with {expect:?}"
        );
        // Done and skipped are ticked; locked is not.
        assert_eq!(*done, Some(i % 3 != 2), "{item}");
    }
    assert!(items[1].1.contains("(skipped)"));
    assert!(items.last().unwrap().1.contains("optional"));
    assert!(heading.contains(&shown(HOSTILE[7])), "{heading}");
}

#[test]
fn opml_parses_back_to_every_title_status_and_link() {
    let text = render(&hostile(), Picture::Opml);
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(title.text(), Some(HOSTILE[7]));
    let topics: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("outline") && n.attribute("kind") == Some("topic"))
        .collect();
    assert_eq!(topics.len(), HOSTILE.len());
    for (i, (t, n)) in HOSTILE.iter().zip(&topics).enumerate() {
        // XML keeps line breaks and tabs, and cannot hold other C0 controls.
        let expect: String = t
            .chars()
            .map(|c| {
                if c < ' ' && !"\n\r\t".contains(c) {
                    '\u{fffd}'
                } else {
                    c
                }
            })
            .collect();
        assert_eq!(n.attribute("text"), Some(expect.as_str()));
        let status = ["done", "skipped", "locked"][i % 3];
        assert_eq!(n.attribute("status"), Some(status));
    }
    let last = topics.last().unwrap();
    assert_eq!(
        last.attribute("url"),
        Some("https://example.org/a?b=<c>&d=\\e")
    );
    let link = last
        .children()
        .find(|n| n.attribute("type") == Some("link"));
    assert_eq!(link.and_then(|l| l.attribute("text")), Some(HOSTILE[4]));
}

/// The quoted strings of a line and what is left outside them, for formats
/// whose strings end at an unescaped `"`.
fn split_quotes(line: &str, backslash_escapes: bool) -> (Vec<String>, String) {
    let (mut quoted, mut outside, mut current) = (Vec::new(), String::new(), None::<String>);
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match (&mut current, c) {
            (None, '"') => current = Some(String::new()),
            (None, c) => outside.push(c),
            (Some(s), '\\') if backslash_escapes => {
                s.push(c);
                s.extend(chars.next());
            }
            (Some(_), '"') => quoted.push(current.take().unwrap()),
            (Some(s), c) => s.push(c),
        }
    }
    assert!(current.is_none(), "unclosed string in {line:?}");
    (quoted, outside)
}

#[test]
fn mermaid_keeps_every_title_inside_its_quotes() {
    let text = render(&hostile(), Picture::Mermaid);
    let body = text.split("---\n").nth(2).expect("front matter");
    let mut labels = Vec::new();
    for line in body.lines() {
        let (quoted, outside) = split_quotes(line, false);
        // Outside quotes only ids, arrows, brackets and keywords remain.
        assert!(
            outside
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || " _-.>:,[]()#;".contains(c)),
            "{line:?}"
        );
        labels.extend(quoted);
    }
    for t in HOSTILE {
        let decoded = shown(t);
        assert!(
            labels
                .iter()
                .any(|l| decode_mermaid(l).starts_with(&decoded)),
            "no label for {t:?} in\n{text}"
        );
    }
    // One `end` per subgraph: the group and the legend; `end` as a title is quoted.
    assert_eq!(
        body.lines().filter(|l| l.trim() == "end").count(),
        2,
        "{text}"
    );
    assert!(
        body.contains(" -.-> n"),
        "an arrow into an optional topic is dashed"
    );
    assert!(body.contains("classDef done"));
}

fn decode_mermaid(label: &str) -> String {
    let mut out = String::new();
    let mut rest = label;
    while let Some(at) = rest.find('#') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';').expect("entity ends") + at;
        let code: u32 = rest[at + 1..end].parse().expect("numeric entity");
        out.push(char::from_u32(code).unwrap());
        rest = &rest[end + 1..];
    }
    out + rest
}

#[test]
fn dot_keeps_every_title_inside_its_quotes() {
    let text = render(&hostile(), Picture::Dot);
    let mut strings = Vec::new();
    for line in text.lines() {
        let (quoted, outside) = split_quotes(line, true);
        assert!(!outside.contains('\\'), "{line:?}");
        strings.extend(quoted);
    }
    let decode = |s: &str| {
        s.replace("\\\"", "\"")
            .replace("\\\\", "\\")
            .replace("&amp;", "&")
    };
    for t in HOSTILE {
        assert!(
            strings.iter().any(|s| decode(s).starts_with(&shown(t))),
            "no string for {t:?} in\n{text}"
        );
    }
    assert!(text.contains("subgraph \"cluster_g\""));
    assert!(text.contains("style=dashed"));
}

#[test]
fn a_blank_map_has_no_status_anywhere() {
    let blank = trim(
        hostile(),
        &ShowOptions {
            status: false,
            ..ShowOptions::default()
        },
    );
    assert_eq!(blank.progress, None);
    let md = render(&blank, Picture::Markdown);
    assert!(!md.contains("[x]") && !md.contains("% done"), "{md}");
    assert!(!render(&blank, Picture::Mermaid).contains("classDef"));
    assert!(!render(&blank, Picture::Opml).contains("status="));
    assert!(!render(&blank, Picture::Dot).contains("Legend"));
}

/// a → (g: b → c) → d, with c done.
fn small() -> Outline {
    let mut g = node("g", "G", None, 0);
    g.kind = "group";
    let mut b = node("b", "B", Some("g"), 1);
    b.requires.push("a".into());
    let mut c = node("c", "C", Some("g"), 1);
    c.requires.push("b".into());
    c.status = Some(Status::Done);
    let mut d = node("d", "D", None, 0);
    d.requires.push("c".into());
    let mut a = node("a", "A", None, 0);
    a.status = Some(Status::Done);
    Outline {
        id: "small".into(),
        title: "Small".into(),
        progress: Some(50),
        nodes: vec![a, g, b, c, d],
        description: None,
    }
}

fn ids_and_requires(o: &Outline) -> Vec<(String, Vec<String>)> {
    o.nodes
        .iter()
        .map(|n| (n.id.clone(), n.requires.clone()))
        .collect()
}

#[test]
fn folding_a_group_moves_its_arrows_onto_it() {
    let folded = trim(
        small(),
        &ShowOptions {
            depth: Some(1),
            ..ShowOptions::default()
        },
    );
    let expect = [("a", vec![]), ("g", vec!["a"]), ("d", vec!["g"])];
    let expect: Vec<(String, Vec<String>)> = expect
        .iter()
        .map(|(i, r)| (i.to_string(), r.iter().map(|s| s.to_string()).collect()))
        .collect();
    assert_eq!(ids_and_requires(&folded), expect);
}

#[test]
fn only_remaining_drops_what_is_done_and_its_arrows() {
    let left = trim(
        small(),
        &ShowOptions {
            only_remaining: true,
            ..ShowOptions::default()
        },
    );
    let ids: Vec<&str> = left.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["g", "b", "d"]);
    assert!(left.nodes.iter().all(|n| n.requires.is_empty()));
}
