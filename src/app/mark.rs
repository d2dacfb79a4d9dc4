//! Marking topics: done, started, skipped, back to todo; with or without
//! their prerequisites.

use serde::Serialize;

use crate::graph::{Catalog, NodeId, State, UserStatus, query};
use crate::progress::{Applied, Change, Store};

use super::resolve::Purpose;
use super::words::{command_word, labelled, past_tense, plural};
use super::{AppError, NodeRef, Workspace};

/// One key whose stored status changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changed {
    /// The roadmap of the node it was changed through, if any.
    pub roadmap: Option<String>,
    /// That node's id.
    pub id: Option<String>,
    /// The progress key.
    pub topic: String,
    /// Before.
    pub from: UserStatus,
    /// After.
    pub to: UserStatus,
}

/// A topic marked while some of its prerequisites are unmet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StillLocked {
    /// The topic.
    pub node: NodeRef,
    /// What it still needs (prerequisites not marked in the same command).
    pub needs: Vec<NodeRef>,
}

/// A topic asked for, and what came of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The node.
    pub node: NodeId,
    /// Its title.
    pub title: String,
    /// The status it has now.
    pub now: UserStatus,
    /// Whether it already had that status.
    pub already: bool,
}

/// What marking did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MarkOutcome {
    /// Stored statuses that changed.
    pub changed: Vec<Changed>,
    /// Topics that became available (outermost only).
    pub unlocked: Vec<NodeRef>,
    /// Topics that were available and are locked now (after a reset).
    pub relocked: Vec<NodeRef>,
    /// Topics marked while locked, with what they still need.
    pub still_locked: Vec<StillLocked>,
    /// The topics asked for, in order.
    #[serde(skip)]
    pub targets: Vec<Target>,
    /// How many prerequisites were marked done along with the target.
    #[serde(skip)]
    pub prerequisites: usize,
    /// Catalog indices of `unlocked`, for highlighting.
    #[serde(skip)]
    pub unlocked_nodes: Vec<NodeId>,
}

impl MarkOutcome {
    /// One line per target, then what opened up and what closed: the
    /// command line's report.
    pub fn report(&self) -> Vec<String> {
        let mut lines: Vec<String> = self.targets.iter().map(target_line).collect();
        if !self.unlocked.is_empty() {
            let names: Vec<String> = self
                .unlocked
                .iter()
                .map(|n| labelled(&n.title, &n.roadmap, &n.id))
                .collect();
            lines.push(format!("Unlocked: {}", names.join(", ")));
        }
        if !self.relocked.is_empty() {
            lines.push(relocked_line(&self.relocked));
        }
        lines
    }

    /// The same in one line, for a status bar.
    pub fn summary(&self) -> String {
        let Some(main) = self.targets.last() else {
            return "Nothing to mark".into();
        };
        let mut line = if main.already {
            target_line(main)
        } else if self.prerequisites > 0 {
            format!(
                "{}: {} and {}",
                past_tense(main.now),
                main.title,
                plural(self.prerequisites, "prerequisite", "prerequisites")
            )
        } else {
            target_line(main)
        };
        if !self.unlocked.is_empty() {
            let names: Vec<&str> = self.unlocked.iter().map(|n| n.title.as_str()).collect();
            line.push_str(" — unlocked ");
            line.push_str(&names.join(", "));
        }
        if !self.relocked.is_empty() {
            let names: Vec<&str> = self.relocked.iter().map(|n| n.title.as_str()).collect();
            line.push_str(" — locked again: ");
            line.push_str(&names.join(", "));
        }
        line
    }

    /// Warnings about topics marked while locked: "X is locked; still needed: …".
    pub fn warnings(&self) -> Vec<String> {
        self.still_locked
            .iter()
            .map(|s| {
                let needs: Vec<String> = s
                    .needs
                    .iter()
                    .map(|n| labelled(&n.title, &n.roadmap, &n.id))
                    .collect();
                format!(
                    "{} is locked; still needed: {}",
                    s.node.title,
                    needs.join(", ")
                )
            })
            .collect()
    }
}

fn target_line(t: &Target) -> String {
    if t.already {
        format!("{} is already {}", t.title, t.now.label())
    } else {
        format!("{}: {}", past_tense(t.now), t.title)
    }
}

fn relocked_line(nodes: &[NodeRef]) -> String {
    let names: Vec<&str> = nodes.iter().map(|n| n.title.as_str()).collect();
    format!("Locked again: {}", names.join(", "))
}

/// What to mark: `to` on each target, and optionally their unmet
/// prerequisites done first (as the terminal UI offers for a locked topic).
#[derive(Debug, Clone)]
pub struct MarkRequest {
    /// The topics, in the order asked.
    pub targets: Vec<NodeId>,
    /// The status to set.
    pub to: UserStatus,
    /// Leaves to mark done along with them.
    pub prerequisites: Vec<NodeId>,
    /// What the history records, e.g. `done http rest`.
    pub command: String,
}

impl MarkRequest {
    /// Marks `targets` as `to`, recorded as `<verb> <names>`.
    pub fn new(targets: Vec<NodeId>, to: UserStatus, names: &[String]) -> MarkRequest {
        MarkRequest {
            command: format!("{} {}", command_word(to), names.join(" ")),
            targets,
            to,
            prerequisites: Vec::new(),
        }
    }

    /// Marks `target` as `to` after marking `needs` done, recorded so the
    /// history says what really happened (`done a b; start c`).
    pub fn with_prerequisites(
        cat: &Catalog,
        target: NodeId,
        to: UserStatus,
        needs: Vec<NodeId>,
    ) -> MarkRequest {
        let q = cat.qualified(target);
        let names: Vec<String> = needs.iter().map(|&n| cat.qualified(n)).collect();
        let command = if needs.is_empty() {
            format!("{} {q}", command_word(to))
        } else if to == UserStatus::Done {
            format!("done {} {q}", names.join(" "))
        } else {
            format!("done {}; {} {q}", names.join(" "), command_word(to))
        };
        MarkRequest {
            targets: vec![target],
            to,
            prerequisites: needs,
            command,
        }
    }
}

/// The command line's `done`/`start`/`skip`/`reset TOPIC…`: resolves the
/// names, refuses groups, and marks them all in one transaction.
pub fn mark_names(
    ws: &mut Workspace,
    names: &[String],
    to: UserStatus,
) -> Result<MarkOutcome, AppError> {
    let mut targets: Vec<NodeId> = Vec::new();
    let mut keys = std::collections::HashSet::new();
    for t in names {
        let id = ws.resolve(t, Purpose::Mark)?;
        let cat = &ws.catalog;
        if cat.is_group(id) {
            return Err(AppError::input(
                format!("`{t}` is a group; its status comes from its children"),
                format!("mark the topics inside it, or see them with `skilltree plan {t}`"),
            ));
        }
        // One entry per shared topic: marking any marks all.
        if keys.insert(cat.key(id).to_string()) {
            targets.push(id);
        }
    }
    let before = ws.state()?;
    let user = ws.user.clone();
    let request = MarkRequest::new(targets, to, names);
    let (cat, store) = ws.parts()?;
    let (outcome, _) = apply(cat, store, &user, &before, &request)?;
    Ok(outcome)
}

/// Applies `request` for `user` as one batch, and says what changed, what
/// opened up and what closed. Returns the new state too, so a caller that
/// keeps one (the terminal UI) need not evaluate it again.
pub fn apply(
    cat: &Catalog,
    store: &mut Store,
    user: &str,
    before: &State,
    request: &MarkRequest,
) -> Result<(MarkOutcome, State), AppError> {
    let mut plan: Vec<(NodeId, UserStatus)> = request
        .prerequisites
        .iter()
        .map(|&n| (n, UserStatus::Done))
        .collect();
    plan.extend(request.targets.iter().map(|&t| (t, request.to)));
    let changes: Vec<Change> = plan
        .iter()
        .flat_map(|&(id, to)| changes(cat, id, to))
        .collect();
    let still_locked = if request.to == UserStatus::Todo {
        Vec::new()
    } else {
        still_locked(cat, before, request)
    };
    let applied = store.apply(user, &request.command, &changes)?;
    let mut after = before.clone();
    let keys: Vec<&str> = applied.iter().map(|a| a.key.as_str()).collect();
    refresh_keys(cat, store, user, &mut after, &keys)?;
    let unlocked_nodes = query::newly_available(cat, before, &after);
    let relocked = query::newly_available(cat, &after, before)
        .into_iter()
        .filter(|&n| !after.is_satisfied(n))
        .map(|n| NodeRef::new(cat, n))
        .collect();
    // Key (own or former) → the first planned node with it.
    let mut planned: std::collections::HashMap<&str, NodeId> = std::collections::HashMap::new();
    for &(n, _) in &plan {
        for key in std::iter::once(cat.key(n)).chain(cat.alias_keys(n).iter().map(String::as_str)) {
            planned.entry(key).or_insert(n);
        }
    }
    let node_of = |key: &str| planned.get(key).copied();
    let changed = applied
        .iter()
        .map(|Applied { key, from, to }| {
            let node = node_of(key);
            Changed {
                roadmap: node.map(|n| cat.roadmap_id(n).to_string()),
                id: node.map(|n| cat.node(n).id.clone()),
                topic: key.clone(),
                from: *from,
                to: *to,
            }
        })
        .collect();
    let targets = request
        .targets
        .iter()
        .map(|&t| Target {
            node: t,
            title: cat.node(t).title.clone(),
            now: after.user(t),
            // What the user sees is the effective status, former keys included.
            already: before.user(t) == after.user(t),
        })
        .collect();
    let outcome = MarkOutcome {
        changed,
        unlocked: unlocked_nodes
            .iter()
            .map(|&n| NodeRef::new(cat, n))
            .collect(),
        relocked,
        still_locked,
        targets,
        prerequisites: request.prerequisites.len(),
        unlocked_nodes,
    };
    Ok((outcome, after))
}

/// Unmet prerequisites of each target that the same request does not mark.
fn still_locked(cat: &Catalog, before: &State, request: &MarkRequest) -> Vec<StillLocked> {
    // What this request marks, and every group above it: a set, so a bulk
    // mark of thousands of topics stays linear.
    let mut covered = std::collections::HashSet::new();
    for &t in request.targets.iter().chain(&request.prerequisites) {
        let mut cur = Some(t);
        while let Some(n) = cur {
            if !covered.insert(n) {
                break;
            }
            cur = cat.parent(n);
        }
    }
    let marked = |u: NodeId| covered.contains(&u);
    request
        .targets
        .iter()
        .filter_map(|&id| {
            let needs: Vec<NodeRef> = query::unmet(cat, before, id)
                .into_iter()
                .filter(|&u| !marked(u))
                .map(|u| NodeRef::new(cat, u))
                .collect();
            (!needs.is_empty()).then(|| StillLocked {
                node: NodeRef::new(cat, id),
                needs,
            })
        })
        .collect()
}

/// Brings `state` up to date after the statuses of `keys` changed in `store`,
/// reading only those keys and the other keys of the topics holding them.
pub fn refresh_keys(
    cat: &Catalog,
    store: &Store,
    user: &str,
    state: &mut State,
    keys: &[&str],
) -> Result<(), AppError> {
    let progress = store.statuses_of(user, &State::keys_to_read(cat, keys))?;
    state.update(cat, keys.iter().copied(), &progress);
    Ok(())
}

/// The store changes that set leaf `id` to `to`: its key, and any progress
/// still recorded under its former keys (aliases) cleared in the same batch,
/// so the new status is the one that counts and `undo` brings both back.
pub fn changes(cat: &Catalog, id: NodeId, to: UserStatus) -> Vec<Change> {
    let mut out = vec![Change {
        key: cat.key(id).to_string(),
        to,
    }];
    out.extend(cat.alias_keys(id).iter().map(|k| Change {
        key: k.clone(),
        to: UserStatus::Todo,
    }));
    out
}
