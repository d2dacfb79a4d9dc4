//! Choices the user makes: which alternative of a "pick one" they follow.
//! Plans and the remaining estimate follow the chosen alternative; where
//! nothing is chosen, a plan says "one of: A | B" instead of picking.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::graph::query::Chosen;
use crate::graph::{Catalog, NodeId};
use crate::progress::Store;
use crate::roadmap::Kind;

use super::resolve::Purpose;
use super::{AppError, NodeRef, Workspace};

/// The user's choices, as the graph takes them: recorded in history by
/// `roadmap/choice` key, so they are undone and synced like marks. Entries
/// for nodes no loaded roadmap has are ignored, never fatal (and kept).
pub fn load(cat: &Catalog, store: &Store, user: &str) -> Result<Chosen, AppError> {
    let map: BTreeMap<String, String> = store.choices(user)?.into_iter().collect();
    let mut chosen = Chosen::new();
    for (choice, alt) in map {
        let Some(&c) = cat.lookup(&choice).first() else {
            continue;
        };
        if let Some(a) = cat.children(c).find(|&a| cat.node(a).id == alt) {
            chosen.insert(c, a);
        }
    }
    Ok(chosen)
}

/// Records that `alternative` is the one followed for `choice`.
pub fn save(
    cat: &Catalog,
    store: &mut Store,
    user: &str,
    choice: NodeId,
    alternative: NodeId,
) -> Result<Chose, AppError> {
    let key = cat.qualified(choice);
    let alt = &cat.node(alternative).id;
    store.choose(user, &format!("choose {key} {alt}"), &key, Some(alt))?;
    Ok(Chose {
        choice: NodeRef::new(cat, choice),
        alternative: NodeRef::new(cat, alternative),
    })
}

/// A choice made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chose {
    /// The choice.
    pub choice: NodeRef,
    /// The alternative now followed.
    pub alternative: NodeRef,
}

impl Chose {
    /// "Pick a language: following Python; plans take it from now on".
    pub fn summary(&self) -> String {
        format!(
            "{}: following {}; plans take it from now on",
            self.choice.title, self.alternative.title
        )
    }
}

/// The choice a node is, or sits in (its nearest enclosing choice), with the
/// alternative that contains it.
pub fn enclosing(cat: &Catalog, id: NodeId) -> Option<(NodeId, NodeId)> {
    let mut child = id;
    let mut cur = cat.parent(id);
    while let Some(p) = cur {
        if cat.node(p).kind == Kind::Choice {
            return Some((p, child));
        }
        child = p;
        cur = cat.parent(p);
    }
    None
}

/// `skilltree choose CHOICE ALTERNATIVE`: the alternative may be named by
/// id or title, in any case.
pub fn choose(ws: &mut Workspace, choice: &str, alternative: &str) -> Result<Chose, AppError> {
    let c = ws.resolve(choice, Purpose::Read)?;
    let cat = &ws.catalog;
    if cat.node(c).kind != Kind::Choice {
        return Err(AppError::input(
            format!("`{choice}` is not a choice"),
            "choices are the groups `info` shows as \"choice: pick N\"",
        ));
    }
    let wanted = alternative.trim().to_lowercase();
    let alt = cat.children(c).find(|&a| {
        let n = cat.node(a);
        n.id == wanted || n.title.to_lowercase() == wanted
    });
    let Some(alt) = alt else {
        let names: Vec<&str> = cat.children(c).map(|a| cat.node(a).id.as_str()).collect();
        return Err(AppError::input(
            format!(
                "`{alternative}` is not one of {}'s alternatives",
                cat.node(c).title
            ),
            format!("pick one of: {}", names.join(", ")),
        ));
    };
    let user = ws.user.clone();
    let (cat, store) = ws.parts()?;
    save(cat, store, &user, c, alt)
}

/// The user's choices, for reading commands (no database: none made).
pub fn chosen(ws: &mut Workspace) -> Result<Chosen, AppError> {
    let user = ws.user.clone();
    match ws.existing_parts()? {
        (cat, Some(store)) => load(cat, store, &user),
        (_, None) => Ok(Chosen::new()),
    }
}
