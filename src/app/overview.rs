//! Whole roadmaps: `list`, `show`, `stats`, `users`, `doctor`.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::graph::query::Chosen;
use crate::graph::{Catalog, NodeId, RoadmapIx, State, Status, percent, query};
use crate::progress::Store;
use crate::roadmap::Kind;
use crate::roadmap::sanitize::clean_line;

use super::export::{ShowOptions, trim};
use super::suggest::Remaining;
use super::words::kind_name;
use super::{AppError, Workspace, choice, resolve};

/// One loaded roadmap, as `list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoadmapRow {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Where it came from (`built-in` or a path, made safe to print).
    pub source: String,
    /// How many nodes.
    pub nodes: usize,
    /// The user's progress, in percent.
    pub progress: u32,
    /// Whether it is the current roadmap (the one last opened or used).
    pub current: bool,
}

/// Every loaded roadmap.
pub fn list(ws: &mut Workspace) -> Result<Vec<RoadmapRow>, AppError> {
    let current = ws.current_roadmap()?;
    let state = ws.state()?;
    let cat = &ws.catalog;
    Ok(cat
        .roadmap_ixs()
        .map(|r| {
            let m = cat.roadmap(r);
            RoadmapRow {
                id: m.id.clone(),
                title: m.title.clone(),
                // A path is the file system's text, not ours.
                source: clean_line(&m.origin.to_string()).into_owned(),
                nodes: m.nodes.len(),
                progress: percent(state.roadmap_units(cat, r)),
                current: Some(r) == current,
            }
        })
        .collect())
}

/// Makes `roadmap` the current one; returns its row.
pub fn use_roadmap(ws: &mut Workspace, roadmap: &str) -> Result<RoadmapRow, AppError> {
    let r = resolve::roadmap(&ws.catalog, roadmap)?;
    ws.set_current_roadmap(r)?;
    let rows = list(ws)?;
    Ok(rows
        .into_iter()
        .nth(r.index())
        .expect("the list has every roadmap"))
}

/// One node of an outline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutlineNode {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// `topic`, `project`, `choice` or `group`.
    pub kind: &'static str,
    /// Its status; `None` for a blank map.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Its group's id.
    pub parent: Option<String>,
    /// How long it takes, as written (`2-4w`), if given.
    pub estimate: Option<String>,
    /// Not needed for its group, not counted in progress.
    pub optional: bool,
    /// For a choice: how many alternatives complete it.
    pub pick: Option<u32>,
    /// Its prerequisites: ids here, `roadmap/id` elsewhere.
    pub requires: Vec<String>,
    /// Its shared progress key, if any.
    pub topic: Option<String>,
    /// One line.
    pub summary: Option<String>,
    /// 0 at the top.
    #[serde(skip)]
    pub depth: usize,
    /// Done and total units, for a group.
    #[serde(skip)]
    pub units: Option<(u32, u32)>,
    /// Its own estimate, optional flag and pick, as words.
    #[serde(skip)]
    pub extra: Vec<String>,
    /// Its links: title and URL.
    #[serde(skip)]
    pub links: Vec<(String, String)>,
}

/// A roadmap's outline with the user's status on every node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outline {
    /// The roadmap's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The user's progress, in percent; `None` for a blank map.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress: Option<u32>,
    /// Every node shown, in file order.
    pub nodes: Vec<OutlineNode>,
    /// Longer text about the roadmap.
    #[serde(skip)]
    pub description: Option<String>,
}

/// The outline of `roadmap`, cut to what `options` ask for.
pub fn show(ws: &mut Workspace, roadmap: &str, options: &ShowOptions) -> Result<Outline, AppError> {
    Ok(trim(outline(ws, roadmap)?, options))
}

/// The whole outline of `roadmap`, every node with its status.
fn outline(ws: &mut Workspace, roadmap: &str) -> Result<Outline, AppError> {
    let r = resolve::roadmap(&ws.catalog, roadmap)?;
    let state = ws.state()?;
    let cat = &ws.catalog;
    let m = cat.roadmap(r);
    let name = |q: NodeId| {
        if cat.roadmap_of(q) == r {
            cat.node(q).id.clone()
        } else {
            cat.qualified(q)
        }
    };
    let nodes = cat
        .nodes_of(r)
        .map(|n| {
            let node = cat.node(n);
            let mut extra = Vec::new();
            if let Some(e) = node.estimate {
                extra.push(e.to_string());
            }
            if node.optional {
                extra.push("optional".into());
            }
            if node.kind != Kind::Topic {
                extra.push(match node.pick {
                    Some(p) if node.kind == Kind::Choice => format!("pick {p}"),
                    _ => node.kind.as_str().to_string(),
                });
            }
            OutlineNode {
                id: node.id.clone(),
                title: node.title.clone(),
                kind: kind_name(node),
                status: Some(state.status(n)),
                parent: cat.parent(n).map(|p| cat.node(p).id.clone()),
                estimate: node.estimate.map(|e| e.to_string()),
                optional: node.optional,
                pick: (node.kind == Kind::Choice).then(|| node.pick.unwrap_or(1)),
                requires: cat.requires(n).iter().map(|&q| name(q)).collect(),
                topic: node.topic.clone(),
                summary: node.summary.clone(),
                depth: node.depth,
                units: node.is_group().then(|| state.units(cat, n)),
                extra,
                links: node
                    .resources
                    .iter()
                    .map(|l| (l.title.clone(), l.url.clone()))
                    .collect(),
            }
        })
        .collect();
    Ok(Outline {
        id: m.id.clone(),
        title: m.title.clone(),
        progress: Some(percent(state.roadmap_units(cat, r))),
        nodes,
        description: m.description.clone(),
    })
}

/// Progress of one top-level group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupProgress {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Units done.
    pub done: u32,
    /// Units in all.
    pub total: u32,
    /// Percent.
    pub progress: u32,
}

/// A roadmap's numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoadmapStats {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Percent done.
    pub progress: u32,
    /// Units done.
    pub done: u32,
    /// Units in all.
    pub total: u32,
    /// Leaves by status.
    pub counts: BTreeMap<Status, usize>,
    /// What is left, if any estimates are given.
    pub remaining_estimate: Option<String>,
    /// Its top-level groups.
    pub groups: Vec<GroupProgress>,
    /// When what is left would be done, at the user's pace (or a stated weekly budget);
    /// `None` when nothing is left or nothing is estimated.
    pub finish: Option<super::pace::Finish>,
}

/// The leaves roadmap `r` still needs (following the user's choices), with
/// their summed estimate.
pub fn remaining(cat: &Catalog, state: &State, r: RoadmapIx, chosen: &Chosen) -> Remaining {
    Remaining::of(cat, &query::remaining(cat, state, r, chosen))
}

/// Leaves by status among `nodes`.
pub fn counts(
    cat: &Catalog,
    state: &State,
    nodes: impl Iterator<Item = NodeId>,
) -> BTreeMap<Status, usize> {
    let mut c = BTreeMap::new();
    for n in nodes.filter(|&n| !cat.is_group(n)) {
        *c.entry(state.status(n)).or_insert(0) += 1;
    }
    c
}

/// Numbers for `roadmap`, or for every roadmap.
pub fn stats(ws: &mut Workspace, roadmap: Option<&str>) -> Result<Vec<RoadmapStats>, AppError> {
    let learning = super::pace::learning(ws)?;
    stats_at(ws, roadmap, &learning)
}

/// [`stats`] with the pace and goal already read (see [`super::pace::learning`]).
pub fn stats_at(
    ws: &mut Workspace,
    roadmap: Option<&str>,
    learning: &super::pace::Learning,
) -> Result<Vec<RoadmapStats>, AppError> {
    let only = roadmap
        .map(|id| resolve::roadmap(&ws.catalog, id))
        .transpose()?;
    let state = ws.state()?;
    let chosen = choice::chosen(ws)?;
    let cat = &ws.catalog;
    let which: Vec<RoadmapIx> = match only {
        Some(r) => vec![r],
        None => cat.roadmap_ixs().collect(),
    };
    Ok(which
        .into_iter()
        .map(|r| {
            let m = cat.roadmap(r);
            let units = state.roadmap_units(cat, r);
            let left = remaining(cat, &state, r, &chosen);
            RoadmapStats {
                id: m.id.clone(),
                title: m.title.clone(),
                progress: percent(units),
                done: units.0,
                total: units.1,
                counts: counts(cat, &state, cat.nodes_of(r)),
                remaining_estimate: left.is_known().then(|| left.estimate.to_string()),
                finish: learning.finish(&left),
                groups: cat
                    .roots_of(r)
                    .filter(|&g| cat.is_group(g))
                    .map(|g| {
                        let u = state.units(cat, g);
                        GroupProgress {
                            id: cat.node(g).id.clone(),
                            title: cat.node(g).title.clone(),
                            done: u.0,
                            total: u.1,
                            progress: percent(u),
                        }
                    })
                    .collect(),
            }
        })
        .collect())
}

/// One user of the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserRow {
    /// The name, raw (someone else's text: clean it before showing it).
    pub user: String,
    /// How many keys are done or skipped.
    pub satisfied: usize,
    /// Progress over every loaded roadmap, in percent.
    pub progress: u32,
    /// Whether this is the workspace's user.
    #[serde(skip)]
    pub you: bool,
}

/// Everyone in the database with their progress.
pub fn users(ws: &mut Workspace) -> Result<Vec<UserRow>, AppError> {
    let me = ws.user.clone();
    let (cat, Some(store)) = ws.existing_parts()? else {
        return Ok(Vec::new());
    };
    let mut rows = Vec::new();
    for name in store.users()? {
        let progress = store.statuses(&name)?;
        let state = State::evaluate(cat, &progress);
        let (d, t) = cat
            .roadmap_ixs()
            .map(|r| state.roadmap_units(cat, r))
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        rows.push(UserRow {
            you: name == me,
            satisfied: progress.values().filter(|s| s.is_satisfied()).count(),
            progress: percent((d, t)),
            user: name,
        });
    }
    Ok(rows)
}

/// Progress kept for a key no loaded roadmap knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Orphan {
    /// Whose.
    pub user: String,
    /// The key.
    pub topic: String,
    /// What is kept under it: `status`, `note`, or both.
    pub kept: Vec<&'static str>,
}

/// Where things are and whether they are sound.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Doctor {
    /// The database path.
    pub database: String,
    /// Its schema version, if it exists.
    pub schema_version: Option<i64>,
    /// The version this build writes.
    pub supported_schema_version: i64,
    /// `PRAGMA integrity_check`: `["ok"]` when healthy.
    pub integrity: Vec<String>,
    /// The data folder.
    pub data_dir: Option<String>,
    /// How many roadmaps are loaded.
    pub roadmaps: usize,
    /// Roadmap files in the data folder that were skipped.
    pub skipped_files: Vec<String>,
    /// What is wrong in them, one line per problem.
    pub roadmap_warnings: Vec<String>,
    /// Progress no loaded node owns.
    pub orphaned: Vec<Orphan>,
}

impl Doctor {
    /// Whether the database is sound.
    pub fn healthy(&self) -> bool {
        self.integrity.len() == 1 && self.integrity[0] == "ok"
    }
}

/// Reports paths, schema, integrity, roadmap warnings and orphaned progress.
pub fn doctor(ws: &mut Workspace) -> Result<Doctor, AppError> {
    let keys: BTreeSet<String> = ws.catalog.all_keys().map(str::to_string).collect();
    // No database yet is healthy: the first change creates it.
    let (version, integrity, orphaned) = match ws.existing_store()? {
        Some(store) => {
            let mut orphans = Vec::new();
            for user in store.users()? {
                let statuses = store.statuses(&user)?;
                let notes = store.notes(&user)?;
                for key in store.keys(&user)? {
                    if !keys.contains(&key) {
                        let mut kept = Vec::new();
                        if statuses.contains_key(&key) {
                            kept.push("status");
                        }
                        if notes.contains_key(&key) {
                            kept.push("note");
                        }
                        orphans.push(Orphan {
                            user: user.clone(),
                            topic: key,
                            kept,
                        });
                    }
                }
            }
            (
                Some(store.schema_version()?),
                store.integrity_check()?,
                orphans,
            )
        }
        None => (None, vec!["ok".to_string()], Vec::new()),
    };
    Ok(Doctor {
        database: ws.db_location(),
        schema_version: version,
        supported_schema_version: Store::SCHEMA_VERSION,
        integrity,
        data_dir: ws.data_dir.as_ref().map(|d| d.display().to_string()),
        roadmaps: ws.catalog.roadmaps().len(),
        skipped_files: ws.skipped_files(),
        roadmap_warnings: ws.warnings.iter().map(|w| w.to_string()).collect(),
        orphaned,
    })
}
