//! From what a user typed to roadmaps and nodes, the way people name things:
//! `roadmap/node`, a bare id, a former id, a shared topic or a title, in any
//! case. When several roadmaps match, the current roadmap wins.

use crate::graph::{Catalog, NodeId, RoadmapIx};
use crate::roadmap::diagnostic::did_you_mean;

use super::AppError;

/// What the node is wanted for: marking takes leaves (a group's status comes
/// from its children); reading (plan, info) takes any node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// `done`, `start`, `skip`, `reset`, `note`: leaves win over groups.
    Mark,
    /// `plan`, `info`: any node.
    Read,
}

/// The roadmap named `id` (any case), or an error with a suggestion.
pub fn roadmap(cat: &Catalog, id: &str) -> Result<RoadmapIx, AppError> {
    let wanted = id.trim().to_lowercase();
    cat.find_roadmap(&wanted).ok_or_else(|| {
        let ids = cat.roadmaps().iter().map(|r| r.id.as_str());
        let hint = match did_you_mean(&wanted, ids.clone()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("loaded roadmaps: {}", ids.collect::<Vec<_>>().join(", ")),
        };
        AppError::input(format!("no roadmap `{id}`"), hint)
    })
}

/// Every node `text` may mean, best kind of match first: `roadmap/node`, a
/// node id, a former id, a shared topic, a title. Case does not matter.
pub fn candidates(cat: &Catalog, text: &str) -> Vec<NodeId> {
    let text = text.trim();
    let lower = text.to_lowercase();
    let found = cat.lookup(&lower);
    if !found.is_empty() {
        return found;
    }
    if lower.contains('/') {
        // `roadmap/Title` works too.
        if let Some((r, rest)) = lower.split_once('/')
            && let Some(r) = cat.find_roadmap(r)
        {
            return cat
                .nodes_of(r)
                .filter(|&n| cat.node(n).title.to_lowercase() == rest)
                .collect();
        }
        return Vec::new();
    }
    let by_key: Vec<NodeId> = cat
        .ids()
        .filter(|&n| !cat.is_group(n) && cat.key(n) == lower)
        .collect();
    if !by_key.is_empty() {
        return by_key;
    }
    cat.ids()
        .filter(|&n| cat.node(n).title.to_lowercase() == lower)
        .collect()
}

/// The one node `text` means for `purpose`, or an error that lists what it
/// could mean. `current` is the roadmap the user is working in.
pub fn node(
    cat: &Catalog,
    text: &str,
    purpose: Purpose,
    current: Option<RoadmapIx>,
) -> Result<NodeId, AppError> {
    let mut found = candidates(cat, text);
    if found.is_empty() {
        return Err(unknown(cat, text));
    }
    // A group is never marked while a topic of that name exists.
    if purpose == Purpose::Mark && found.iter().any(|&n| !cat.is_group(n)) {
        found.retain(|&n| !cat.is_group(n));
    }
    if found.len() == 1 {
        return Ok(found[0]);
    }
    let in_current = |n: &&NodeId| Some(cat.roadmap_of(**n)) == current;
    // Leaves sharing one topic are one thing to learn.
    let one_topic = found
        .iter()
        .all(|&n| !cat.is_group(n) && cat.key(n) == cat.key(found[0]));
    if one_topic {
        return Ok(found.iter().find(in_current).copied().unwrap_or(found[0]));
    }
    let here: Vec<NodeId> = found.iter().filter(in_current).copied().collect();
    if let [one] = here[..] {
        return Ok(one);
    }
    let names: Vec<String> = found
        .iter()
        .map(|&n| {
            if cat.is_group(n) {
                format!("{} (group)", cat.qualified(n))
            } else {
                cat.qualified(n)
            }
        })
        .collect();
    let example = found
        .iter()
        .find(|&&n| purpose == Purpose::Read || !cat.is_group(n))
        .map_or_else(|| cat.qualified(found[0]), |&n| cat.qualified(n));
    Err(AppError::input(
        format!("`{text}` is in several roadmaps: {}", names.join(", ")),
        format!(
            "name one as ROADMAP/NODE, e.g. `{example}`, or make a roadmap current with `skilltree use ROADMAP`"
        ),
    ))
}

/// "no topic `x`", with the nearest name there is.
fn unknown(cat: &Catalog, text: &str) -> AppError {
    let lower = text.trim().to_lowercase();
    // Compare like with like: a qualified name with qualified names, a bare
    // one with ids and titles.
    let hint = if let Some((r, id)) = lower.split_once('/') {
        match cat.find_roadmap(r) {
            Some(r) => {
                let ids: Vec<&str> = cat.nodes_of(r).map(|n| cat.node(n).id.as_str()).collect();
                did_you_mean(id, ids.iter().copied())
                    .map(|s| format!("did you mean `{}/{s}`?", cat.roadmap(r).id))
            }
            None => did_you_mean(r, cat.roadmaps().iter().map(|m| m.id.as_str()))
                .map(|s| format!("no roadmap `{r}`; did you mean `{s}/{id}`?")),
        }
    } else {
        let titles: Vec<String> = cat
            .ids()
            .map(|n| cat.node(n).title.to_lowercase())
            .collect();
        let ids = cat.ids().map(|n| cat.node(n).id.as_str());
        did_you_mean(&lower, ids.chain(titles.iter().map(String::as_str)))
            .map(|s| format!("did you mean `{s}`?"))
    };
    AppError::input(
        format!("no topic `{}`", text.trim()),
        hint.unwrap_or_else(|| "`skilltree show ROADMAP` lists a roadmap's topics".to_string()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roadmap::{Origin, parse};

    const A: &str = "id: a\ntitle: A\nnodes:
  - id: basics\n    title: Basics\n    children:
      - id: http\n        title: HTTP\n        topic: http
      - id: rest\n        title: REST APIs\n        topic: rest
  - id: testing\n    title: Testing\n    children:
      - id: unit\n        title: Unit tests
";
    const B: &str = "id: b\ntitle: B\nnodes:
  - id: rest\n    title: REST\n    children:
      - id: rest-basics\n        title: REST basics
  - id: http\n    title: HTTP\n    topic: http
  - id: testing\n    title: Testing\n    children:
      - id: e2e\n        title: End to end
";

    fn cat() -> Catalog {
        let roadmaps = [A, B]
            .iter()
            .map(|t| parse("t.yaml", Origin::Builtin, t.as_bytes()).unwrap())
            .collect();
        let (cat, errors) = Catalog::build(roadmaps);
        assert!(errors.is_empty(), "{errors:?}");
        cat
    }

    fn name(cat: &Catalog, r: Result<NodeId, AppError>) -> String {
        match r {
            Ok(n) => cat.qualified(n),
            Err(AppError::Input { message, hint }) => format!("error: {message} ({hint:?})"),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn names_resolve_the_way_people_think() {
        let cat = cat();
        let mark = |t: &str| name(&cat, node(&cat, t, Purpose::Mark, None));
        // Shared topics are one answer; case does not matter; titles work.
        assert_eq!(mark("HTTP"), "a/http");
        assert_eq!(mark("A/Http"), "a/http");
        assert_eq!(mark("rest apis"), "a/rest");
        // A group is no candidate for marking when a topic has the name.
        assert_eq!(mark("rest"), "a/rest");
        assert_eq!(mark("b/REST basics"), "b/rest-basics");
    }

    #[test]
    fn the_current_roadmap_decides_between_roadmaps() {
        let cat = cat();
        let b = cat.find_roadmap("b");
        let read = |t: &str, cur| name(&cat, node(&cat, t, Purpose::Read, cur));
        assert_eq!(read("testing", b), "b/testing");
        assert_eq!(read("http", b), "b/http");
        let err = read("testing", None);
        assert!(
            err.contains("a/testing (group), b/testing (group)"),
            "{err}"
        );
        assert!(err.contains("skilltree use ROADMAP"), "{err}");
    }

    #[test]
    fn a_wrong_name_gets_a_near_one() {
        let cat = cat();
        let err = |t: &str| name(&cat, node(&cat, t, Purpose::Mark, None));
        assert!(
            err("htp").contains("did you mean `http`?"),
            "{}",
            err("htp")
        );
        assert!(err("a/htpp").contains("`a/http`"), "{}", err("a/htpp"));
        assert!(err("bb/http").contains("`b/http`"), "{}", err("bb/http"));
    }
}
