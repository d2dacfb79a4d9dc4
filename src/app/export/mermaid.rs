//! Mermaid `flowchart`: a subgraph per group, an arrow per prerequisite.
//!
//! Ids are generated (`n0`, `n1`, …) because a roadmap id such as `end` or
//! `o-auth` means something to Mermaid's parser; every title is quoted, and
//! anything but letters, digits and plain punctuation is written as
//! Mermaid's `#code;` entity, so no title can close a label or a subgraph.

use std::fmt::Write as _;

use super::edges::{Shape, Tail, label};
use super::{LEGEND, colours};
use crate::app::overview::Outline;

/// `outline` as a Mermaid flowchart.
pub fn render(outline: &Outline) -> String {
    let shape = Shape::of(outline);
    let mut out = String::new();
    // The front matter is YAML; a JSON string is a valid YAML scalar.
    let title = serde_json::to_string(&clean(&outline.title)).expect("a string serialises");
    let _ = writeln!(out, "---\ntitle: {title}\n---\nflowchart LR");
    for &r in &shape.roots {
        node(outline, &shape, r, 1, &mut out);
    }
    for (k, e) in shape.external.iter().enumerate() {
        let _ = writeln!(out, "  x{k}([\"{}\"])", escape(e));
    }
    for e in &shape.edges {
        let from = match e.from {
            Tail::Node(i) => format!("n{i}"),
            Tail::External(k) => format!("x{k}"),
        };
        let arrow = if e.optional { "-.->" } else { "-->" };
        let _ = writeln!(out, "  {from} {arrow} n{}", e.to);
    }
    if outline.nodes.iter().any(|n| n.status.is_some()) {
        legend(outline, &shape, &mut out);
    }
    out
}

fn node(outline: &Outline, shape: &Shape, i: usize, level: usize, out: &mut String) {
    let n = &outline.nodes[i];
    let pad = "  ".repeat(level);
    let text = escape(&label(n));
    if shape.is_group(i) {
        let _ = writeln!(out, "{pad}subgraph n{i}[\"{text}\"]");
        for &c in &shape.children[i] {
            node(outline, shape, c, level + 1, out);
        }
        let _ = writeln!(out, "{pad}end");
    } else if n.kind == "project" {
        let _ = writeln!(out, "{pad}n{i}[[\"{text}\"]]");
    } else {
        let _ = writeln!(out, "{pad}n{i}(\"{text}\")");
    }
}

/// One class per status, a legend box, then which node has which class.
/// Subgraphs are coloured with `style`, which Mermaid has long supported on
/// them, rather than `class`, which only recent versions apply to them.
fn legend(outline: &Outline, shape: &Shape, out: &mut String) {
    for s in LEGEND {
        let (fill, stroke) = colours(s);
        let _ = writeln!(
            out,
            "  classDef {} fill:{fill},stroke:{stroke},color:#111827",
            s.as_str()
        );
    }
    let _ = writeln!(out, "  subgraph legend[\"Legend\"]");
    for s in LEGEND {
        let _ = writeln!(out, "    legend_{0}(\"{1}\"):::{0}", s.as_str(), s.label());
    }
    let _ = writeln!(out, "  end");
    for s in LEGEND {
        let (fill, stroke) = colours(s);
        let mut ids = Vec::new();
        for (i, n) in outline.nodes.iter().enumerate() {
            if n.status != Some(s) {
                continue;
            }
            if shape.is_group(i) {
                let _ = writeln!(
                    out,
                    "  style n{i} fill:{fill},stroke:{stroke},color:#111827"
                );
            } else {
                ids.push(format!("n{i}"));
            }
        }
        if !ids.is_empty() {
            let _ = writeln!(out, "  class {} {}", ids.join(","), s.as_str());
        }
    }
}

/// One line, without characters that could drive a terminal.
fn clean(s: &str) -> String {
    use crate::roadmap::sanitize::is_unsafe;
    s.chars()
        .map(|c| if is_unsafe(c) { ' ' } else { c })
        .collect()
}

/// Text for inside a quoted Mermaid label: what could end the label, start
/// an entity, a comment, a Markdown string or HTML becomes a `#code;` entity.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        if matches!(
            c,
            '"' | '#' | '<' | '>' | '&' | '`' | ';' | '%' | '\\' | '|' | '{' | '}'
        ) {
            let _ = write!(out, "#{};", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}
