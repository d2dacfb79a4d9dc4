//! The mentor's view (`team`): every member's progress, what they work on, who is stuck,
//! and how many finished each topic; and adding a member (`team add`).
//!
//! A member is a user of the database. On a server, row-level security decides whom the
//! view sees: a mentor sees everyone, a learner only themselves. On a SQLite file, every
//! user in it is a member.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::Serialize;

use super::{AppError, NodeRef, Workspace};
use crate::graph::{Catalog, State, UserStatus, percent};
use crate::progress::{Store, StoreError};

/// Days without a change after which a member counts as stuck, unless told otherwise.
pub const DEFAULT_STUCK_DAYS: u32 = 14;

/// The team as a mentor sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Team {
    /// Days without a change that make a member stuck.
    pub stuck_days: u32,
    /// Every member, by name.
    pub members: Vec<Member>,
    /// Every topic someone has started or finished, in roadmap order.
    pub topics: Vec<TopicCount>,
}

/// One member's progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    /// The name, raw (someone else's text: clean it before showing it).
    pub user: String,
    /// Progress in each roadmap they have touched.
    pub roadmaps: Vec<RoadmapProgress>,
    /// When they last changed anything, if ever.
    pub last_activity: Option<Timestamp>,
    /// Whole days since then.
    pub idle_days: Option<i64>,
    /// The topics they have in progress.
    pub working_on: Vec<NodeRef>,
    /// No change for at least the stuck days.
    pub stuck: bool,
}

/// Progress in one roadmap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoadmapProgress {
    /// The roadmap's id.
    pub roadmap: String,
    /// Units satisfied.
    pub done: u32,
    /// Units in all.
    pub total: u32,
    /// Percent, rounded down.
    pub progress: u32,
}

/// How far the team got with one topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicCount {
    /// The topic (its first node in the catalog).
    pub topic: NodeRef,
    /// Members who finished it (done or skipped).
    pub finished: usize,
    /// Members who have it in progress.
    pub in_progress: usize,
}

/// The team view, with members stuck after `stuck_days` without a change.
pub fn team(ws: &mut Workspace, stuck_days: u32) -> Result<Team, AppError> {
    let (cat, store) = ws.existing_parts()?;
    Ok(team_of(
        cat,
        store.map(|s| &*s),
        stuck_days,
        Timestamp::now(),
    )?)
}

/// The team in `store` (none without one) as of `now`: what [`team`] shows, for a front
/// end that holds the catalog and the store itself.
pub fn team_of(
    cat: &Catalog,
    store: Option<&Store>,
    stuck_days: u32,
    now: Timestamp,
) -> Result<Team, StoreError> {
    let mut members = Vec::new();
    // Per key: finished, in progress.
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    if let Some(store) = store {
        for user in store.users()? {
            let statuses = store.statuses(&user)?;
            let state = State::evaluate(cat, &statuses);
            let roadmaps = cat
                .roadmap_ixs()
                .filter(|&r| {
                    cat.nodes_of(r)
                        .any(|n| !cat.is_group(n) && state.user(n) != UserStatus::Todo)
                })
                .map(|r| {
                    let units = state.roadmap_units(cat, r);
                    RoadmapProgress {
                        roadmap: cat.roadmap(r).id.clone(),
                        done: units.0,
                        total: units.1,
                        progress: percent(units),
                    }
                })
                .collect();
            let mut working_on: Vec<NodeRef> = Vec::new();
            let mut keys: Vec<(&String, &UserStatus)> = statuses.iter().collect();
            keys.sort_by_key(|(k, _)| *k);
            for (key, status) in keys {
                let count = counts.entry(key.clone()).or_default();
                if status.is_satisfied() {
                    count.0 += 1;
                } else if *status == UserStatus::InProgress {
                    count.1 += 1;
                    if let Some(n) = cat.leaves_with_key(key).next() {
                        working_on.push(NodeRef::new(cat, n));
                    }
                }
            }
            let last_activity = store.history(&user, 1)?.first().map(|e| e.at);
            let idle_days = last_activity.map(|at| (now.as_second() - at.as_second()) / 86_400);
            members.push(Member {
                user,
                roadmaps,
                last_activity,
                idle_days,
                working_on,
                stuck: idle_days.is_none_or(|d| d >= i64::from(stuck_days)),
            });
        }
    }
    // Topics in catalog order, each key once.
    let mut topics = Vec::new();
    for n in cat.ids() {
        if cat.is_group(n) {
            continue;
        }
        if let Some((finished, in_progress)) = counts.remove(cat.key(n)) {
            topics.push(TopicCount {
                topic: NodeRef::new(cat, n),
                finished,
                in_progress,
            });
        }
    }
    Ok(Team {
        stuck_days,
        members,
        topics,
    })
}

/// A member added with `team add`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Added {
    /// The login (and user name) of the member.
    pub login: String,
    /// Whether they are a mentor (read everyone's progress).
    pub mentor: bool,
    /// The URL they connect with, password included.
    pub url: String,
    /// What the member sets in their environment.
    pub environment: BTreeMap<String, String>,
}

/// Gives `login` their own login on the team's server: allowed to change only their own
/// progress, and to read everyone's when `mentor`. With `password`, a new random password
/// is set (otherwise the server must let them in another way: a Unix socket's peer
/// authentication, a certificate). A database file has no logins, and is refused.
pub fn add(
    ws: &mut Workspace,
    login: &str,
    mentor: bool,
    password: bool,
) -> Result<Added, AppError> {
    let valid = !login.is_empty()
        && login.len() <= 63
        && login
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if !valid {
        return Err(AppError::input(
            format!(
                "`{}` cannot be a login",
                crate::roadmap::sanitize::clean_line(login)
            ),
            "use up to 63 letters, digits, `_`, `-` or `.`",
        ));
    }
    if !ws.on_server() {
        return Err(AppError::input(
            "this database is a file, which has no logins: whoever can open it can change \
             everyone's progress",
            "for a team, put the progress on a PostgreSQL server (see \"For a team\" in the \
             README); on a shared file each member just uses their own user name",
        ));
    }
    let secret = password.then(|| uuid::Uuid::new_v4().simple().to_string());
    let url = (ws.store()?.add_member(login, secret.as_deref(), mentor)?)
        .expect("a server database has logins");
    let environment = BTreeMap::from([
        ("SKILLTREE_DB".to_owned(), url.clone()),
        ("SKILLTREE_USER".to_owned(), login.to_owned()),
    ]);
    Ok(Added {
        login: login.to_owned(),
        mentor,
        url,
        environment,
    })
}
