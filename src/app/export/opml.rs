//! OPML 2.0: the outline for mind-map and outliner tools, each node's
//! status, estimate and first link as attributes, every link as a child.

use std::fmt::Write as _;

use super::edges::Shape;
use crate::app::overview::Outline;

/// `outline` as an OPML document.
pub fn render(outline: &Outline) -> String {
    let shape = Shape::of(outline);
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n");
    let _ = writeln!(
        out,
        "  <head>\n    <title>{}</title>\n  </head>\n  <body>",
        escape(&outline.title)
    );
    for &r in &shape.roots {
        node(outline, &shape, r, 2, &mut out);
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

fn node(outline: &Outline, shape: &Shape, i: usize, level: usize, out: &mut String) {
    let n = &outline.nodes[i];
    let pad = "  ".repeat(level);
    let mut attrs = vec![
        ("text", n.title.clone()),
        ("id", n.id.clone()),
        ("kind", n.kind.to_string()),
    ];
    if let Some(s) = n.status {
        attrs.push(("status", s.as_str().to_string()));
    }
    if let Some(e) = &n.estimate {
        attrs.push(("estimate", e.clone()));
    }
    if n.optional {
        attrs.push(("optional", "true".into()));
    }
    if let Some(p) = n.pick {
        attrs.push(("pick", p.to_string()));
    }
    if let Some(s) = &n.summary {
        // `_note` is where outliners such as OmniOutliner keep a row's note.
        attrs.push(("_note", s.clone()));
    }
    if let Some((_, url)) = n.links.first() {
        attrs.push(("url", url.clone()));
    }
    let attrs: String = attrs
        .iter()
        .map(|(k, v)| format!(" {k}=\"{}\"", escape(v)))
        .collect();
    let children = &shape.children[i];
    if children.is_empty() && n.links.is_empty() {
        let _ = writeln!(out, "{pad}<outline{attrs}/>");
        return;
    }
    let _ = writeln!(out, "{pad}<outline{attrs}>");
    for (title, url) in &n.links {
        let _ = writeln!(
            out,
            "{pad}  <outline text=\"{}\" type=\"link\" url=\"{}\"/>",
            escape(title),
            escape(url)
        );
    }
    for &c in children {
        node(outline, shape, c, level + 1, out);
    }
    let _ = writeln!(out, "{pad}</outline>");
}

/// Text for an XML attribute or element. Line breaks and tabs are written
/// as references so that attribute normalisation keeps them; the other C0
/// controls cannot appear in XML 1.0 at all and become U+FFFD; C1 and
/// bidirectional controls are written as references, harmless to print.
pub fn escape(s: &str) -> String {
    use crate::roadmap::sanitize::is_unsafe;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' | '\r' => {
                let _ = write!(out, "&#{};", c as u32);
            }
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c if is_unsafe(c) => {
                let _ = write!(out, "&#{};", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}
