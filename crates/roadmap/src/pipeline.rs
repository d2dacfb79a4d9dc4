//! The reading pipeline: bytes to a checked [`Roadmap`], or diagnostics.

use crate::diagnostic::{Diagnostic, Pos};
use crate::model::{Origin, Roadmap};
use crate::{check, limits, raw, schema, yaml_tree};

/// Reads one roadmap file. `file` names it in diagnostics.
pub fn parse(file: &str, origin: Origin, bytes: &[u8]) -> Result<Roadmap, Vec<Diagnostic>> {
    let text = limits::decode(file, bytes).map_err(|d| vec![d])?;
    limits::check_depth(file, text).map_err(|d| vec![d])?;
    limits::check_one_document(file, text).map_err(|d| vec![d])?;
    // serde first: libyaml's syntax errors are the most faithful, and its alias
    // expansion is bounded, so an alias bomb fails here, fast.
    let typed = serde_yaml::from_str::<raw::RawRoadmap>(text);
    let tree = match yaml_tree::parse(text) {
        Ok(tree) => tree,
        Err((pos, msg)) => return Err(vec![syntax_error(file, text, typed.err(), pos, &msg)]),
    };
    let Some(root) = tree else {
        return Err(vec![
            Diagnostic::new(file, Some(Pos::new(1, 1)), "file is empty")
                .hint("a roadmap needs at least `id`, `title` and `nodes`; see roadmaps/README.md"),
        ]);
    };
    let mut errors = Vec::new();
    schema::check(file, &root, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    match typed {
        Ok(raw) => check::build(file, origin, raw, Some(&root)),
        Err(e) => {
            let mut d = serde_error(file, text, &e);
            // Alias expansion errors carry no position; the first alias is where it starts.
            d.pos = d.pos.or_else(|| first_alias(&root));
            Err(vec![d])
        }
    }
}

fn first_alias(node: &yaml_tree::YNode) -> Option<Pos> {
    use yaml_tree::YNode;
    match node {
        YNode::Alias { pos } => Some(*pos),
        YNode::Scalar { .. } => None,
        YNode::Seq { items, .. } => items.iter().find_map(first_alias),
        YNode::Map { entries, .. } => entries
            .iter()
            .find_map(|(k, v)| first_alias(k).or_else(|| first_alias(v))),
    }
}

fn syntax_error(
    file: &str,
    text: &str,
    serde: Option<serde_yaml::Error>,
    pos: Pos,
    msg: &str,
) -> Diagnostic {
    // Prefer libyaml's account when it has one; it is the parser of record.
    if let Some(e) = serde {
        return serde_error(file, text, &e);
    }
    let d = Diagnostic::new(file, Some(pos), format!("YAML syntax error: {msg}"));
    let hint = syntax_hint(text, pos.line);
    d.maybe_hint(hint)
}

fn serde_error(file: &str, text: &str, e: &serde_yaml::Error) -> Diagnostic {
    let pos = e.location().map(|l| Pos::new(l.line(), l.column()));
    let raw = e.to_string();
    // serde_yaml appends " at line L column C"; the position is already in front.
    let msg = raw
        .split(" at line ")
        .next()
        .unwrap_or(&raw)
        .trim_end_matches('.');
    let hint = if msg.contains("repetition limit") || msg.contains("recursion limit") {
        Some(
            "the file's aliases expand too far; write the values out instead of nesting `*aliases`"
                .to_string(),
        )
    } else {
        pos.and_then(|p| syntax_hint(text, p.line))
    };
    let d = Diagnostic::new(file, pos, format!("YAML error: {msg}"));
    d.maybe_hint(hint.or_else(|| Some("check the indentation and quoting around this line".into())))
}

/// A hint from the text around a syntax error.
fn syntax_hint(text: &str, line: usize) -> Option<String> {
    let near = text.lines().skip(line.saturating_sub(2)).take(2);
    for l in near {
        if l.trim_start_matches(' ').starts_with('\t') || l.starts_with('\t') {
            return Some("YAML does not allow tabs for indentation; indent with spaces".into());
        }
    }
    let l = text.lines().nth(line.saturating_sub(1))?;
    if l.matches(": ").count() > 1 {
        return Some("a value containing `: ` must be quoted".into());
    }
    None
}
