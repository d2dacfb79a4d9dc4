//! `new`: a small, commented roadmap to start from.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::AppError;
use super::schema::roadmap_schema_text;
use crate::roadmap::sanitize::clean_line;
use crate::roadmap::{Origin, is_slug};

/// The schema's file name in the data folder, next to `roadmaps/`.
const SCHEMA_NAME: &str = "roadmap.schema.json";

/// A roadmap file written by [`new_roadmap`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Created {
    /// The roadmap's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Where it was written (made safe to print).
    pub path: String,
    /// The JSON Schema file its `yaml-language-server` line points at, if any.
    pub schema: Option<String>,
}

/// Writes a new roadmap `id` to `file`, or else to `<data dir>/roadmaps/ID.yaml`;
/// never over an existing file. The JSON Schema is written (again) to
/// `<data dir>/roadmap.schema.json` for the file's editor line.
pub fn new_roadmap(
    data_dir: Option<&Path>,
    id: &str,
    title: Option<&str>,
    file: Option<&Path>,
) -> Result<Created, AppError> {
    if !is_slug(id) {
        return Err(AppError::input(
            format!("`{}` is not a roadmap id", clean_line(id)),
            "ids use a-z, 0-9 and '-', like `my-roadmap`",
        ));
    }
    let title = match title.map(str::trim) {
        Some("") => {
            return Err(AppError::input(
                "the title is empty",
                "give the roadmap a title",
            ));
        }
        Some(t) => t.to_string(),
        None => default_title(id),
    };
    let path = match (file, data_dir) {
        (Some(f), _) => f.to_path_buf(),
        (None, Some(d)) => d.join("roadmaps").join(format!("{id}.yaml")),
        (None, None) => {
            return Err(AppError::input(
                "cannot find a data folder to write the roadmap into",
                "set SKILLTREE_DATA_DIR, or name the file to write",
            ));
        }
    };
    let schema = data_dir.map(|d| d.join(SCHEMA_NAME));
    let schema_ref = schema.as_ref().map(|s| match file {
        // The default place: a relative link survives moving the data folder.
        None => format!("../{SCHEMA_NAME}"),
        Some(_) => absolute(s).display().to_string(),
    });
    let text = template(id, &title, schema_ref.as_deref());
    // The template is checked before it is written: a title that breaks it is
    // reported here rather than in the file.
    crate::roadmap::parse(
        &path.display().to_string(),
        Origin::File(path.clone()),
        text.as_bytes(),
    )
    .map_err(AppError::Roadmaps)?;
    let shown = clean_line(&path.display().to_string()).into_owned();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| cannot_write(&shown, &e))?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => AppError::input(
                format!("{shown} already exists; it was left as it is"),
                "choose another id or file name, or move the file away first",
            ),
            _ => cannot_write(&shown, &e),
        })?;
    f.write_all(text.as_bytes())
        .map_err(|e| cannot_write(&shown, &e))?;
    if let Some(s) = &schema {
        // Only for the editor; a roadmap loads without it.
        let _ = std::fs::write(s, roadmap_schema_text());
    }
    Ok(Created {
        id: id.to_string(),
        title: clean_line(&title).into_owned(),
        path: shown,
        schema: schema.map(|s| clean_line(&s.display().to_string()).into_owned()),
    })
}

fn cannot_write(path: &str, e: &std::io::Error) -> AppError {
    AppError::input(
        format!("cannot write {path}: {e}"),
        "check that the folder exists and that you may write to it",
    )
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// `my-first-map` → `My first map`.
fn default_title(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

/// The file: every part of the format once, each with a comment.
fn template(id: &str, title: &str, schema: Option<&str>) -> String {
    // A JSON string is a valid YAML double-quoted scalar, escapes and all.
    let title = serde_json::to_string(title).expect("a string serialises");
    let modeline = schema
        .map(|s| format!("# yaml-language-server: $schema={s}\n"))
        .unwrap_or_default();
    format!(
        r#"{modeline}# A skilltree roadmap. Check it with `skilltree validate FILE`; see
# roadmaps/README.md in skilltree's sources for every field.
id: {id}
title: {title}
description: What this roadmap teaches, and for whom.
version: 1
nodes:
  # A group: a node with children, done when its children are.
  - id: basics
    title: Basics
    summary: Where everyone starts.
    children:
      - id: first-topic
        title: First topic
        summary: One line, shown in lists.
        # N or N-M followed by h (hours), d (days of 8 h) or w (weeks of 5 days).
        estimate: 2-4h
        # Links: type is docs, article, video, course, book or tool.
        resources:
          - title: A page to learn it from
            url: https://example.org/
            type: article
      - id: second-topic
        title: Second topic
        estimate: 1d
        # Prerequisites: ids in this roadmap, or other-roadmap/id.
        requires: [first-topic]
  # A choice: done when `pick` of its children are.
  - id: tool
    title: Pick a tool
    kind: choice
    pick: 1
    requires: [basics]
    children:
      - id: tool-a
        title: Tool A
        estimate: 2-3d
      - id: tool-b
        title: Tool B
        estimate: 2-3d
  # A project: something to build.
  - id: first-project
    title: Build something small
    kind: project
    estimate: 1w
    requires: [tool]
  # Optional: not needed for its group, not counted in progress.
  - id: further-reading
    title: Further reading
    optional: true
    requires: [basics]
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_a_valid_roadmap_with_every_kind_of_node() {
        let text = template("mine", "Mine \"quoted\" # not a comment", Some("x.json"));
        let r = crate::roadmap::parse("t", Origin::Builtin, text.as_bytes()).unwrap();
        assert_eq!(r.title, "Mine \"quoted\" # not a comment");
        let kinds: Vec<&str> = r.nodes.iter().map(|n| n.kind.as_str()).collect();
        assert!(kinds.contains(&"choice") && kinds.contains(&"project"));
        assert!(r.nodes.iter().any(|n| n.optional));
        assert!(r.nodes.iter().any(|n| n.estimate.is_some()));
        assert!(r.nodes.iter().any(|n| !n.resources.is_empty()));
        assert!(r.nodes.iter().any(|n| n.is_group()));
        assert!(text.starts_with("# yaml-language-server: $schema=x.json\n"));
    }

    #[test]
    fn titles_come_from_ids() {
        assert_eq!(default_title("my-first-map"), "My first map");
    }
}
