//! Graphviz `digraph`: a cluster per group, status as fill colour.
//!
//! Arrows run left to right (prerequisites on the left): titles make wide
//! boxes, and roadmaps are long chains rather than wide levels, so `LR`
//! keeps the picture closer to a page's shape than `TB`. Arrows into or out
//! of a group end at its border (`compound`, `lhead`, `ltail`) through an
//! invisible anchor node inside its cluster.

use std::fmt::Write as _;

use super::edges::{Shape, Tail, label};
use super::{LEGEND, colours};
use crate::app::overview::Outline;

/// `outline` as a Graphviz digraph.
pub fn render(outline: &Outline) -> String {
    let shape = Shape::of(outline);
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", quote(&outline.id));
    let _ = writeln!(out, "  label={};", quote(&outline.title));
    out.push_str(
        "  labelloc=t;\n  fontsize=20;\n  rankdir=LR;\n  compound=true;\n  \
         fontname=\"Helvetica\";\n  \
         node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\"];\n  \
         edge [color=\"#6b7280\"];\n",
    );
    for &r in &shape.roots {
        node(outline, &shape, r, 1, &mut out);
    }
    for e in &shape.external {
        let _ = writeln!(
            out,
            "  {} [label={}, style=\"rounded,dashed\"];",
            quote(&format!("external:{e}")),
            quote(e)
        );
    }
    for e in &shape.edges {
        let (from, tail) = match e.from {
            Tail::Node(i) => (anchor(outline, &shape, i), cluster_of(outline, &shape, i)),
            Tail::External(k) => (quote(&format!("external:{}", shape.external[k])), None),
        };
        let mut attrs = Vec::new();
        if let Some(c) = tail {
            attrs.push(format!("ltail={c}"));
        }
        if let Some(c) = cluster_of(outline, &shape, e.to) {
            attrs.push(format!("lhead={c}"));
        }
        if e.optional {
            attrs.push("style=dashed".into());
        }
        let to = anchor(outline, &shape, e.to);
        let attrs = if attrs.is_empty() {
            String::new()
        } else {
            format!(" [{}]", attrs.join(", "))
        };
        let _ = writeln!(out, "  {from} -> {to}{attrs};");
    }
    if outline.nodes.iter().any(|n| n.status.is_some()) {
        out.push_str("  subgraph cluster_legend {\n    label=\"Legend\";\n");
        for s in LEGEND {
            let (fill, stroke) = colours(s);
            let _ = writeln!(
                out,
                "    {} [label={}, fillcolor=\"{fill}\", color=\"{stroke}\"];",
                quote(&format!("legend:{}", s.as_str())),
                quote(s.label())
            );
        }
        out.push_str("  }\n");
    }
    out.push_str("}\n");
    out
}

fn node(outline: &Outline, shape: &Shape, i: usize, level: usize, out: &mut String) {
    let n = &outline.nodes[i];
    let pad = "  ".repeat(level);
    let colour = n.status.map(colours);
    if shape.is_group(i) {
        let _ = writeln!(
            out,
            "{pad}subgraph {} {{",
            quote(&format!("cluster_{}", n.id))
        );
        let _ = writeln!(out, "{pad}  label={};", quote(&label(n)));
        match colour {
            Some((fill, stroke)) => {
                let _ = writeln!(
                    out,
                    "{pad}  style=\"rounded,filled\";\n{pad}  fillcolor=\"{fill}\";\n{pad}  color=\"{stroke}\";"
                );
            }
            None => {
                let _ = writeln!(out, "{pad}  style=rounded;");
            }
        }
        let _ = writeln!(
            out,
            "{pad}  {} [shape=point, style=invis, width=0, height=0, label=\"\"];",
            quote(&n.id)
        );
        for &c in &shape.children[i] {
            node(outline, shape, c, level + 1, out);
        }
        let _ = writeln!(out, "{pad}}}");
    } else {
        let mut attrs = vec![format!("label={}", quote(&label(n)))];
        if let Some((fill, stroke)) = colour {
            attrs.push(format!("fillcolor=\"{fill}\", color=\"{stroke}\""));
        }
        if n.kind == "project" {
            attrs.push("peripheries=2".into());
        }
        if n.optional {
            attrs.push("style=\"rounded,filled,dashed\"".into());
        }
        let _ = writeln!(out, "{pad}{} [{}];", quote(&n.id), attrs.join(", "));
    }
}

/// The node arrows attach to: the node itself, or a group's anchor.
fn anchor(outline: &Outline, _shape: &Shape, i: usize) -> String {
    quote(&outline.nodes[i].id)
}

/// A group's cluster name, for clipping arrows at its border.
fn cluster_of(outline: &Outline, shape: &Shape, i: usize) -> Option<String> {
    shape
        .is_group(i)
        .then(|| quote(&format!("cluster_{}", outline.nodes[i].id)))
}

/// A DOT double-quoted string. Backslashes are doubled so that `\n`, `\l`
/// and `\N` in a title stay text; `&` is written as an entity because
/// Graphviz decodes entities in labels; line breaks and control characters
/// become spaces.
pub fn quote(s: &str) -> String {
    use crate::roadmap::sanitize::is_unsafe;
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '&' => out.push_str("&amp;"),
            c if is_unsafe(c) => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
