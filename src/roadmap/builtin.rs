//! The built-in roadmaps as build.rs left them: parsed and checked at build
//! time, held as static data, turned into owned [`Roadmap`]s on demand.

use super::diagnostic::Pos;
use super::estimate::Estimate;
use super::model::{Kind, Node, Origin, Ref, Resource, ResourceKind, Roadmap};

pub(super) struct SRoadmap {
    id: &'static str,
    title: &'static str,
    description: Option<&'static str>,
    source: Option<&'static str>,
    file: &'static str,
    pos: (usize, usize),
    nodes: &'static [SNode],
}

struct SNode {
    id: &'static str,
    title: &'static str,
    summary: Option<&'static str>,
    description: Option<&'static str>,
    kind: Kind,
    estimate: Option<(u32, u32)>,
    requires: &'static [SRef],
    topic: Option<&'static str>,
    aliases: &'static [&'static str],
    optional: bool,
    tags: &'static [&'static str],
    resources: &'static [SResource],
    parent: Option<usize>,
    children: &'static [usize],
    pick: Option<u32>,
    depth: usize,
    pos: (usize, usize),
}

struct SRef {
    roadmap: Option<&'static str>,
    id: &'static str,
    pos: (usize, usize),
}

struct SResource {
    title: &'static str,
    url: &'static str,
    kind: ResourceKind,
}

include!(concat!(env!("OUT_DIR"), "/builtin_data.rs"));

fn pos((line, col): (usize, usize)) -> Pos {
    Pos::new(line, col)
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// Every built-in roadmap, in file-name order.
pub fn roadmaps() -> Vec<Roadmap> {
    ROADMAPS.iter().map(to_owned).collect()
}

fn to_owned(r: &SRoadmap) -> Roadmap {
    Roadmap {
        id: r.id.to_string(),
        title: r.title.to_string(),
        description: r.description.map(str::to_string),
        source: r.source.map(str::to_string),
        origin: Origin::Builtin,
        file: r.file.to_string(),
        nodes: r.nodes.iter().map(node).collect(),
        pos: pos(r.pos),
        positioned: true,
    }
}

fn node(n: &SNode) -> Node {
    Node {
        id: n.id.to_string(),
        title: n.title.to_string(),
        summary: n.summary.map(str::to_string),
        description: n.description.map(str::to_string),
        kind: n.kind,
        estimate: n.estimate.map(|(min_hours, max_hours)| Estimate {
            min_hours,
            max_hours,
        }),
        requires: n
            .requires
            .iter()
            .map(|q| Ref {
                roadmap: q.roadmap.map(str::to_string),
                id: q.id.to_string(),
                pos: pos(q.pos),
            })
            .collect(),
        topic: n.topic.map(str::to_string),
        aliases: strings(n.aliases),
        optional: n.optional,
        tags: strings(n.tags),
        resources: n
            .resources
            .iter()
            .map(|r| Resource {
                title: r.title.to_string(),
                url: r.url.to_string(),
                kind: r.kind,
            })
            .collect(),
        parent: n.parent,
        children: n.children.to_vec(),
        pick: n.pick,
        depth: n.depth,
        pos: pos(n.pos),
    }
}
