//! Markdown: a GitHub task list, a heading per top-level group.

use std::fmt::Write as _;

use super::edges::Shape;
use crate::app::overview::{Outline, OutlineNode};
use crate::graph::Status;

/// `outline` as Markdown to paste into a README or an issue.
pub fn render(outline: &Outline) -> String {
    let shape = Shape::of(outline);
    let mut out = format!("# {}\n", escape(&outline.title));
    if let Some(p) = outline.progress {
        let _ = write!(out, "\n{p}% done\n");
    }
    // Top-level leaves first under the title, so a heading never swallows them.
    let (groups, leaves): (Vec<usize>, Vec<usize>) =
        shape.roots.iter().partition(|&&r| shape.is_group(r));
    if !leaves.is_empty() {
        out.push('\n');
        for &r in &leaves {
            item(outline, &shape, r, 0, &mut out);
        }
    }
    for &g in &groups {
        let n = &outline.nodes[g];
        let _ = write!(out, "\n## {}{}\n", escape(&n.title), notes(n));
        if let Some(s) = &n.summary {
            let _ = write!(out, "\n{}\n", escape(s));
        }
        out.push('\n');
        for &c in &shape.children[g] {
            item(outline, &shape, c, 0, &mut out);
        }
    }
    out
}

fn item(outline: &Outline, shape: &Shape, i: usize, level: usize, out: &mut String) {
    let n = &outline.nodes[i];
    let pad = "  ".repeat(level);
    let title = escape(&n.title);
    if shape.is_group(i) {
        let _ = writeln!(out, "{pad}- **{title}**{}", notes(n));
        for &c in &shape.children[i] {
            item(outline, shape, c, level + 1, out);
        }
        return;
    }
    let (mark, title) = match n.status {
        Some(Status::Done) => ("x", title),
        Some(Status::Skipped) => ("x", format!("~~{title}~~")),
        _ => (" ", title),
    };
    let links: Vec<String> = n
        .links
        .iter()
        .map(|(t, url)| format!("[{}](<{}>)", escape(t), link(url)))
        .collect();
    let links = if links.is_empty() {
        String::new()
    } else {
        format!(" — {}", links.join(", "))
    };
    let _ = writeln!(out, "{pad}- [{mark}] {title}{}{links}", notes(n));
}

/// What follows a title: count, status words, kind, estimate.
fn notes(n: &OutlineNode) -> String {
    let mut words = Vec::new();
    if let (Some((d, t)), Some(_)) = (n.units, n.status) {
        words.push(format!("{d}/{t}"));
    }
    match n.status {
        Some(Status::Skipped) => words.push("skipped".into()),
        Some(Status::InProgress) if n.units.is_none() => words.push("in progress".into()),
        _ => {}
    }
    if let Some(p) = n.pick {
        words.push(format!("choose {p}"));
    }
    if n.kind == "project" {
        words.push("project".into());
    }
    if n.optional {
        words.push("optional".into());
    }
    if let Some(e) = &n.estimate {
        words.push(e.clone());
    }
    if words.is_empty() {
        String::new()
    } else {
        format!(" *({})*", escape(&words.join(", ")))
    }
}

/// Inline text, with a backslash before what Markdown (or GitHub: `#12`
/// links an issue, `@name` mentions someone, `$` starts maths) would read as
/// syntax, and before a leading `-` or the `.` of a leading `1.`, which
/// would start a list; line breaks and control characters become spaces.
pub fn escape(s: &str) -> String {
    use crate::roadmap::sanitize::is_unsafe;
    let mut out = String::with_capacity(s.len());
    let mut digits_only = true;
    for (i, c) in s.chars().enumerate() {
        let syntax = matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '#'
                | '|'
                | '~'
                | '&'
                | '!'
                | '$'
                | '@'
        );
        let starts_block = (i == 0 && c.is_ascii_punctuation())
            || (i > 0 && digits_only && matches!(c, '.' | ')'));
        if syntax || starts_block {
            out.push('\\');
            out.push(c);
        } else if is_unsafe(c) {
            out.push(' ');
        } else {
            out.push(c);
        }
        digits_only = digits_only && c.is_ascii_digit();
    }
    out
}

/// A URL for a `<…>` link destination: the characters that would end it,
/// or be read as an escape, percent-encoded.
fn link(url: &str) -> String {
    use crate::roadmap::sanitize::is_unsafe;
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '<' | '>' | '\\' | ' ' => {
                let _ = write!(out, "%{:02X}", c as u32);
            }
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    out
}
