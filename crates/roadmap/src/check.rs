//! Per-file checks that need more than the shape: slugs, unique ids,
//! choices, estimates, URLs. Cross-file checks (prerequisites, cycles) are the
//! catalog's, since they need every loaded roadmap.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Pos};
use crate::estimate::Estimate;
use crate::model::{Kind, Node, Origin, Ref, Resource, Roadmap};
use crate::raw::{RawNode, RawRoadmap};
use crate::sanitize::{clean_line, clean_text};
use crate::yaml_tree::YNode;

/// The only format version this build reads.
pub const FORMAT_VERSION: i64 = 1;

/// Whether `s` is a slug: lower-case ASCII letters, digits and `-`, not starting with `-`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && !s.starts_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn slug_hint(s: &str) -> String {
    let mut fixed: String = s
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    while fixed.contains("--") {
        fixed = fixed.replace("--", "-");
    }
    let fixed = fixed.trim_matches('-');
    if is_slug(fixed) {
        format!("ids use a-z, 0-9 and '-', like `{fixed}`")
    } else {
        "ids use a-z, 0-9 and '-', like `web-basics`".to_string()
    }
}

struct Checker<'a> {
    file: &'a str,
    errors: Vec<Diagnostic>,
    nodes: Vec<Node>,
    ids: HashMap<String, Pos>,
}

impl Checker<'_> {
    fn err(&mut self, pos: Pos, message: impl Into<String>) -> &mut Diagnostic {
        self.errors
            .push(Diagnostic::new(self.file, Some(pos), message));
        self.errors.last_mut().expect("just pushed")
    }
}

/// Position of `key`'s value in `y`, else of `y` itself.
fn at(y: Option<&YNode>, key: &str, fallback: Pos) -> Pos {
    y.and_then(|y| y.get(key))
        .map_or(y.map_or(fallback, YNode::pos), YNode::pos)
}

/// Builds the checked roadmap, or every problem found.
pub fn build(
    file: &str,
    origin: Origin,
    raw: RawRoadmap,
    root: Option<&YNode>,
) -> Result<Roadmap, Vec<Diagnostic>> {
    let top = Pos::new(1, 1);
    let mut c = Checker {
        file,
        errors: Vec::new(),
        nodes: Vec::new(),
        ids: HashMap::new(),
    };
    if let Some(v) = raw.version
        && v != FORMAT_VERSION
    {
        c.err(
            at(root, "version", top),
            format!("unsupported format version {v}"),
        )
        .hint = Some(format!(
            "this skilltree reads version {FORMAT_VERSION}; upgrade skilltree or write `version: 1`"
        ));
    }
    if !is_slug(&raw.id) {
        let hint = slug_hint(&raw.id);
        c.err(
            at(root, "id", top),
            format!("roadmap id `{}` is not a slug", raw.id),
        )
        .hint = Some(hint);
    }
    if raw.title.trim().is_empty() {
        c.err(at(root, "title", top), "`title` is empty").hint =
            Some("give the roadmap a title".into());
    }
    if raw.nodes.is_empty() {
        c.err(at(root, "nodes", top), "`nodes` is empty").hint =
            Some("a roadmap needs at least one node".into());
    }
    let ynodes = root.and_then(|r| r.get("nodes"));
    for (i, node) in raw.nodes.into_iter().enumerate() {
        let y = ynodes.and_then(|s| s.item(i));
        add_node(&mut c, node, y, None, 0, at(root, "nodes", top));
    }
    check_keys(&mut c);
    if !c.errors.is_empty() {
        return Err(c.errors);
    }
    Ok(Roadmap {
        id: raw.id,
        title: clean_line(raw.title.trim()).into_owned(),
        description: raw.description.map(|d| clean_text(d.trim()).into_owned()),
        source: raw.source.map(|s| clean_line(s.trim()).into_owned()),
        origin,
        file: file.to_string(),
        nodes: c.nodes,
        pos: at(root, "id", top),
    })
}

fn add_node(
    c: &mut Checker,
    raw: RawNode,
    y: Option<&YNode>,
    parent: Option<usize>,
    depth: usize,
    fallback: Pos,
) -> usize {
    let pos = y.map_or(fallback, YNode::start);
    let id_pos = at(y, "id", pos);
    if !is_slug(&raw.id) {
        let hint = slug_hint(&raw.id);
        c.err(id_pos, format!("node id `{}` is not a slug", raw.id))
            .hint = Some(hint);
    } else if let Some(first) = c.ids.get(&raw.id).copied() {
        c.err(id_pos, format!("duplicate node id `{}`", raw.id))
            .hint = Some(format!(
            "`{}` is already used on line {}; ids are unique within a roadmap",
            raw.id, first.line
        ));
    } else {
        c.ids.insert(raw.id.clone(), id_pos);
    }
    if raw.title.trim().is_empty() {
        c.err(at(y, "title", pos), "`title` is empty").hint = Some("give the node a title".into());
    }
    let estimate = raw
        .estimate
        .as_deref()
        .and_then(|e| match Estimate::parse(e) {
            Ok(e) => Some(e),
            Err(msg) => {
                c.err(at(y, "estimate", pos), msg);
                None
            }
        });
    let is_group = !raw.children.is_empty();
    let pick = check_pick(c, &raw, y, pos);
    if raw.kind == Kind::Choice && !is_group {
        c.err(
            at(y, "kind", pos),
            format!("choice `{}` has no children to choose from", raw.id),
        )
        .hint = Some("list the alternatives under `children`, or use `kind: topic`".into());
    }
    if let Some(topic) = &raw.topic {
        if !is_slug(topic) {
            let hint = slug_hint(topic);
            c.err(
                at(y, "topic", pos),
                format!("topic `{topic}` is not a slug"),
            )
            .hint = Some(hint);
        } else if is_group {
            c.err(
                at(y, "topic", pos),
                format!("group `{}` cannot have a topic", raw.id),
            )
            .hint = Some("a group's status comes from its children; put `topic` on a leaf".into());
        }
    }
    for (i, alias) in raw.aliases.iter().enumerate() {
        if !is_slug(alias) {
            let p = y
                .and_then(|y| y.get("aliases"))
                .and_then(|a| a.item(i))
                .map_or(pos, YNode::pos);
            let hint = slug_hint(alias);
            c.err(p, format!("alias `{alias}` is not a slug")).hint = Some(hint);
        }
    }
    let requires = parse_requires(c, &raw, y, pos);
    let resources = check_resources(c, &raw, y, pos);
    let index = c.nodes.len();
    c.nodes.push(Node {
        id: raw.id,
        title: clean_line(raw.title.trim()).into_owned(),
        summary: raw
            .summary
            .map(|s| clean_line(s.trim()).into_owned())
            .filter(|s| !s.is_empty()),
        description: raw
            .description
            .map(|s| clean_text(s.trim()).into_owned())
            .filter(|s| !s.is_empty()),
        kind: raw.kind,
        estimate,
        requires,
        topic: raw.topic,
        aliases: raw.aliases,
        optional: raw.optional,
        tags: raw
            .tags
            .iter()
            .map(|t| clean_line(t.trim()).into_owned())
            .collect(),
        resources,
        parent,
        children: Vec::new(),
        pick,
        depth,
        pos,
    });
    let ychildren = y.and_then(|y| y.get("children"));
    for (i, child) in raw.children.into_iter().enumerate() {
        let cy = ychildren.and_then(|s| s.item(i));
        let child_index = add_node(c, child, cy, Some(index), depth + 1, pos);
        c.nodes[index].children.push(child_index);
    }
    check_optional_children(c, index);
    index
}

/// `optional` must mean one thing: "not needed for its group". Inside a choice
/// every child is an alternative, and a group of only optional children would
/// be done before anything in it is; both are refused with the fix.
fn check_optional_children(c: &mut Checker, index: usize) {
    let group = &c.nodes[index];
    let kids: Vec<usize> = group.children.clone();
    if kids.is_empty() {
        return;
    }
    let (id, kind, pos) = (group.id.clone(), group.kind, group.pos);
    if kind == Kind::Choice {
        let optional: Vec<(String, Pos)> = kids
            .iter()
            .map(|&k| &c.nodes[k])
            .filter(|n| n.optional)
            .map(|n| (n.id.clone(), n.pos))
            .collect();
        for (kid, kpos) in optional {
            c.err(kpos, format!("`{kid}` is an alternative of choice `{id}`, where `optional` has no meaning")).hint =
                Some("remove `optional: true`; the choice's `pick` says how many alternatives are needed".into());
        }
    } else if kids.iter().all(|&k| c.nodes[k].optional) {
        c.err(pos, format!("every child of group `{id}` is optional, so the group would count as done before anything in it is"))
            .hint = Some(format!("mark `{id}` itself `optional: true` and drop `optional` from its children"));
    }
}

fn check_pick(c: &mut Checker, raw: &RawNode, y: Option<&YNode>, pos: Pos) -> Option<u32> {
    let n = raw.children.len();
    match (raw.kind, raw.pick) {
        (Kind::Choice, None) => Some(1),
        (Kind::Choice, Some(p)) if p >= 1 && (p as usize) <= n.max(1) => Some(p as u32),
        (Kind::Choice, Some(p)) => {
            c.err(
                at(y, "pick", pos),
                format!("`pick: {p}` is out of range for a choice of {n}"),
            )
            .hint = Some(format!("pick must be between 1 and {}", n.max(1)));
            None
        }
        (_, Some(_)) => {
            c.err(
                at(y, "pick", pos),
                format!(
                    "`pick` only applies to choices, and `{}` is a {}",
                    raw.id,
                    raw.kind.as_str()
                ),
            )
            .hint = Some("add `kind: choice`, or remove `pick`".into());
            None
        }
        (_, None) => None,
    }
}

fn parse_requires(c: &mut Checker, raw: &RawNode, y: Option<&YNode>, pos: Pos) -> Vec<Ref> {
    let ylist = y.and_then(|y| y.get("requires"));
    let mut out: Vec<Ref> = Vec::new();
    for (i, entry) in raw.requires.iter().enumerate() {
        let p = ylist.and_then(|l| l.item(i)).map_or(pos, YNode::pos);
        let entry = entry.trim();
        let (roadmap, id) = match entry.split_once('/') {
            Some((r, id)) => (Some(r.to_string()), id),
            None => (None, entry),
        };
        if !roadmap.as_deref().is_none_or(is_slug) || !is_slug(id) {
            c.err(p, format!("prerequisite `{entry}` is not an id"))
                .hint = Some(
                "write a node id like `http`, or `other-roadmap/http` for another roadmap".into(),
            );
            continue;
        }
        let r = Ref {
            roadmap,
            id: id.to_string(),
            pos: p,
        };
        if out.iter().any(|o| o.roadmap == r.roadmap && o.id == r.id) {
            c.err(p, format!("`{entry}` is listed twice in `requires`"))
                .hint = Some("remove one".into());
            continue;
        }
        out.push(r);
    }
    out
}

fn check_resources(c: &mut Checker, raw: &RawNode, y: Option<&YNode>, pos: Pos) -> Vec<Resource> {
    let ylist = y.and_then(|y| y.get("resources"));
    let mut out = Vec::new();
    for (i, r) in raw.resources.iter().enumerate() {
        let yr = ylist.and_then(|l| l.item(i));
        let url = r.url.trim();
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"));
        // Only web links: the UI hands them to a browser, where file: or javascript: would be unsafe.
        if rest.is_none_or(|r| {
            r.is_empty() || r.chars().any(|ch| ch.is_whitespace() || ch.is_control())
        }) {
            c.err(
                at(yr, "url", pos),
                format!("resource URL `{url}` is not an http(s) link"),
            )
            .hint = Some("write a full link such as `https://example.org/page`".into());
            continue;
        }
        // A link is shown and opened as written: invisible or direction-changing
        // characters in it could make it read as another address.
        if !url.chars().all(|ch| ch.is_ascii_graphic()) {
            c.err(
                at(yr, "url", pos),
                format!("resource URL `{url}` has characters other than plain ASCII"),
            )
            .hint =
                Some("percent-encode them, as a browser's address bar does (`%E2%80%AE`)".into());
            continue;
        }
        out.push(Resource {
            title: clean_line(r.title.trim()).into_owned(),
            url: url.to_string(),
            kind: r.kind,
        });
    }
    out
}

/// Two nodes of one roadmap may not share a progress key, and aliases may not
/// shadow ids.
fn check_keys(c: &mut Checker) {
    let mut keys: HashMap<String, (usize, &str)> = HashMap::new();
    let mut errors = Vec::new();
    // Without a topic the key is the id, and duplicate ids are reported already.
    for node in c.nodes.iter().filter(|n| !n.is_group()) {
        let Some(key) = node.topic.clone() else {
            continue;
        };
        if let Some((line, other)) = keys.get(&key) {
            errors.push(
                Diagnostic::new(c.file, Some(node.pos), format!("`{}` and `{other}` share the topic `{key}`", node.id))
                    .hint(format!("`{other}` (line {line}) already has it; two nodes of one roadmap cannot share a status")),
            );
        } else {
            keys.insert(key, (node.pos.line, &node.id));
        }
    }
    let mut aliases: HashMap<&str, &str> = HashMap::new();
    for node in &c.nodes {
        for alias in &node.aliases {
            if c.ids.contains_key(alias.as_str()) {
                errors.push(
                    Diagnostic::new(
                        c.file,
                        Some(node.pos),
                        format!("alias `{alias}` of `{}` is also a node id", node.id),
                    )
                    .hint("an alias names a former id; remove it or rename the other node"),
                );
            } else if let Some(other) = aliases.insert(alias, &node.id) {
                errors.push(
                    Diagnostic::new(
                        c.file,
                        Some(node.pos),
                        format!(
                            "alias `{alias}` is claimed by both `{other}` and `{}`",
                            node.id
                        ),
                    )
                    .hint("progress under a former id can carry over to one node only"),
                );
            }
        }
    }
    c.errors.extend(errors);
}
