//! Table tests for the unlock rules, on small roadmaps written inline.

use std::collections::HashMap;

use super::query::{newly_available, next, plan, unlocks};
use super::*;
use crate::graph::UserStatus::{self, *};
use crate::roadmap::{Origin, parse};
use Status as S;

/// A catalog of roadmaps written inline (shared with the lint's tests).
pub(super) fn catalog(files: &[&str]) -> Catalog {
    let roadmaps = files
        .iter()
        .enumerate()
        .map(|(i, text)| {
            parse(&format!("t{i}.yaml"), Origin::Builtin, text.as_bytes())
                .expect("test roadmap parses")
        })
        .collect();
    let (cat, errors) = Catalog::build(roadmaps);
    assert!(errors.is_empty(), "{errors:#?}");
    cat
}

/// Marks a user made, and the statuses they should produce.
type Case<'a> = (&'a [(&'a str, UserStatus)], &'a [(&'a str, Status)]);

fn progress(marks: &[(&str, UserStatus)]) -> HashMap<String, UserStatus> {
    marks.iter().map(|(k, s)| (k.to_string(), *s)).collect()
}

fn id(cat: &Catalog, name: &str) -> NodeId {
    let found = cat.lookup(name);
    assert_eq!(found.len(), 1, "{name} should name one node");
    found[0]
}

fn check(cat: &Catalog, marks: &[(&str, UserStatus)], expect: &[(&str, Status)]) {
    let state = State::evaluate(cat, &progress(marks));
    for (name, want) in expect {
        assert_eq!(
            state.status(id(cat, name)),
            *want,
            "status of {name} with {marks:?}"
        );
    }
}

const DIAMOND: &str = "
id: d
title: Diamond
nodes:
  - { id: a, title: A }
  - { id: b, title: B, requires: [a] }
  - { id: c, title: C, requires: [a] }
  - { id: e, title: E, requires: [b, c] }
";

#[test]
fn diamond() {
    let cat = catalog(&[DIAMOND]);
    let cases: &[Case] = &[
        (
            &[],
            &[
                ("a", S::Available),
                ("b", S::Locked),
                ("c", S::Locked),
                ("e", S::Locked),
            ],
        ),
        (
            &[("d/a", Done)],
            &[
                ("a", S::Done),
                ("b", S::Available),
                ("c", S::Available),
                ("e", S::Locked),
            ],
        ),
        (
            &[("d/a", Done), ("d/b", Done)],
            &[("c", S::Available), ("e", S::Locked)],
        ),
        (
            &[("d/a", Done), ("d/b", Done), ("d/c", Skipped)],
            &[("c", S::Skipped), ("e", S::Available)],
        ),
        (
            &[("d/a", InProgress)],
            &[("a", S::InProgress), ("b", S::Locked)],
        ),
        // A locked leaf keeps what the user set.
        (&[("d/e", Done)], &[("e", S::Done), ("b", S::Locked)]),
        (
            &[("d/b", InProgress)],
            &[("b", S::InProgress), ("a", S::Available)],
        ),
    ];
    for (marks, expect) in cases {
        check(&cat, marks, expect);
    }
}

const GROUPS: &str = "
id: g
title: Groups
nodes:
  - id: basics
    title: Basics
    children:
      - { id: one, title: One }
      - { id: two, title: Two }
      - { id: extra, title: Extra, optional: true }
  - id: lang
    title: Language
    kind: choice
    pick: 1
    requires: [basics]
    children:
      - { id: rust, title: Rust }
      - { id: go, title: Go }
  - id: web
    title: Web
    requires: [lang]
    children:
      - { id: http, title: HTTP }
      - { id: rest, title: REST, requires: [http] }
";

#[test]
fn groups_choices_and_optional() {
    let cat = catalog(&[GROUPS]);
    let cases: &[Case] = &[
        (
            &[],
            &[
                ("basics", S::Available),
                ("one", S::Available),
                ("lang", S::Locked),
                ("rust", S::Locked),
                ("http", S::Locked),
            ],
        ),
        // Started below means the group is in progress.
        (
            &[("g/one", InProgress)],
            &[("basics", S::InProgress), ("lang", S::Locked)],
        ),
        (
            &[("g/one", Done)],
            &[("basics", S::InProgress), ("lang", S::Locked)],
        ),
        // Optional children are not needed.
        (
            &[("g/one", Done), ("g/two", Done)],
            &[
                ("basics", S::Done),
                ("lang", S::Available),
                ("rust", S::Available),
            ],
        ),
        // Skipped counts as satisfied; all skipped reads as skipped.
        (
            &[("g/one", Skipped), ("g/two", Skipped)],
            &[("basics", S::Skipped), ("lang", S::Available)],
        ),
        // A choice is done when `pick` children are.
        (
            &[("g/one", Done), ("g/two", Done), ("g/go", Done)],
            &[
                ("lang", S::Done),
                ("web", S::Available),
                ("http", S::Available),
                ("rest", S::Locked),
                ("rust", S::Available),
            ],
        ),
        // Children inherit the group's prerequisites.
        (
            &[("g/http", Done)],
            &[
                ("http", S::Done),
                ("rest", S::Locked),
                ("web", S::InProgress),
            ],
        ),
    ];
    for (marks, expect) in cases {
        check(&cat, marks, expect);
    }
}

#[test]
fn progress_counts_non_optional_leaves_and_picked_alternatives() {
    let cat = catalog(&[GROUPS]);
    let units = |marks: &[(&str, UserStatus)]| {
        State::evaluate(&cat, &progress(marks)).roadmap_units(&cat, RoadmapIx::new(0))
    };
    // one, two, one language, http, rest: the optional leaf and the unpicked language do not count.
    assert_eq!(units(&[]), (0, 5));
    assert_eq!(units(&[("g/extra", Done)]), (0, 5));
    assert_eq!(units(&[("g/one", Done), ("g/go", Done)]), (2, 5));
    assert_eq!(
        units(&[("g/one", Done), ("g/go", Done), ("g/rust", Done)]),
        (2, 5)
    );
    let all = [
        ("g/one", Done),
        ("g/two", Skipped),
        ("g/go", Done),
        ("g/http", Done),
        ("g/rest", Done),
    ];
    assert_eq!(percent(units(&all)), 100);
}

const SHARED_A: &str = "
id: ra
title: A
nodes:
  - { id: docker, title: Docker, topic: docker }
  - { id: k8s, title: Kubernetes, requires: [docker] }
";
const SHARED_B: &str = "
id: rb
title: B
nodes:
  - { id: containers, title: Containers, topic: docker }
  - { id: deploy, title: Deploy, requires: [containers, ra/k8s] }
  - { id: renamed, title: Renamed, aliases: [old-name] }
";

#[test]
fn shared_topics_cross_roadmap_requires_and_aliases() {
    let cat = catalog(&[SHARED_A, SHARED_B]);
    let cases: &[Case] = &[
        (
            &[],
            &[
                ("ra/docker", S::Available),
                ("rb/containers", S::Available),
                ("rb/deploy", S::Locked),
            ],
        ),
        // Marking the topic marks it in every roadmap.
        (
            &[("docker", Done)],
            &[
                ("ra/docker", S::Done),
                ("rb/containers", S::Done),
                ("ra/k8s", S::Available),
                ("rb/deploy", S::Locked),
            ],
        ),
        // Requires across roadmaps.
        (
            &[("docker", Done), ("ra/k8s", Done)],
            &[("rb/deploy", S::Available)],
        ),
        // Progress recorded under a former id carries over.
        (&[("rb/old-name", Done)], &[("rb/renamed", S::Done)]),
        // So does progress recorded before a node had a topic.
        (
            &[("ra/docker", Done)],
            &[("ra/docker", S::Done), ("rb/containers", S::Available)],
        ),
    ];
    for (marks, expect) in cases {
        check(&cat, marks, expect);
    }
}

#[test]
fn next_ranks_in_progress_then_unlocks_then_file_order() {
    let cat = catalog(&[DIAMOND, GROUPS]);
    let state = State::evaluate(&cat, &progress(&[("g/two", InProgress)]));
    let names: Vec<String> = next(&cat, &state, None)
        .iter()
        .map(|s| cat.qualified(s.node))
        .collect();
    // g/one leads to the 4 leaves behind `basics`; d/a leads to 3.
    assert_eq!(names, ["g/two", "g/one", "d/a", "g/extra"]);
    assert_eq!(unlocks(&cat, &state, id(&cat, "d/a")), 3);
}

#[test]
fn next_drops_alternatives_of_a_made_choice_and_duplicate_topics() {
    let cat = catalog(&[GROUPS]);
    let state = State::evaluate(
        &cat,
        &progress(&[("g/one", Done), ("g/two", Done), ("g/go", Done)]),
    );
    let names: Vec<String> = next(&cat, &state, Some(RoadmapIx::new(0)))
        .iter()
        .map(|s| cat.qualified(s.node))
        .collect();
    assert_eq!(names, ["g/http", "g/extra"]);
    let cat = catalog(&[SHARED_A, SHARED_B]);
    let state = State::evaluate(&cat, &progress(&[]));
    let names: Vec<String> = next(&cat, &state, None)
        .iter()
        .map(|s| cat.qualified(s.node))
        .collect();
    assert_eq!(names, ["ra/docker", "rb/renamed"]);
}

#[test]
fn plan_lists_prerequisites_first_and_picks_one_alternative() {
    let cat = catalog(&[GROUPS]);
    let names = |marks: &[(&str, UserStatus)], target: &str| -> Vec<String> {
        let state = State::evaluate(&cat, &progress(marks));
        plan(&cat, &state, id(&cat, target))
            .into_iter()
            .map(|n| cat.node(n).id.clone())
            .collect()
    };
    assert_eq!(names(&[], "rest"), ["one", "two", "rust", "http", "rest"]);
    assert_eq!(
        names(&[("g/go", InProgress)], "rest"),
        ["one", "two", "go", "http", "rest"]
    );
    // Marking an alternative makes the choice, even while it was locked.
    assert_eq!(
        names(&[("g/one", Done), ("g/rust", Done)], "rest"),
        ["http", "rest"]
    );
    assert_eq!(
        names(&[("g/one", Done)], "rest"),
        ["two", "rust", "http", "rest"]
    );
    assert_eq!(
        names(
            &[
                ("g/one", Done),
                ("g/two", Done),
                ("g/rust", Done),
                ("g/http", Done),
                ("g/rest", Done)
            ],
            "rest"
        ),
        Vec::<String>::new()
    );
    // A group target plans all its needed leaves.
    assert_eq!(names(&[], "web"), ["one", "two", "rust", "http", "rest"]);
}

#[test]
fn marking_reports_outermost_newly_available_nodes() {
    let cat = catalog(&[GROUPS]);
    let before = State::evaluate(&cat, &progress(&[("g/one", Done)]));
    let after = State::evaluate(&cat, &progress(&[("g/one", Done), ("g/two", Done)]));
    let names: Vec<&str> = newly_available(&cat, &before, &after)
        .into_iter()
        .map(|n| cat.node(n).id.as_str())
        .collect();
    assert_eq!(names, ["lang"]);
}

fn build_errors(files: &[&str]) -> Vec<String> {
    let roadmaps = files
        .iter()
        .enumerate()
        .map(|(i, text)| {
            parse(&format!("t{i}.yaml"), Origin::Builtin, text.as_bytes()).expect("parses")
        })
        .collect();
    Catalog::build(roadmaps)
        .1
        .iter()
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn cycles_are_printed_as_paths() {
    let errs = build_errors(&[
        "id: c\ntitle: C\nnodes:\n  - { id: a, title: A, requires: [c] }\n  - { id: b, title: B, requires: [a] }\n  - { id: c, title: C, requires: [b] }\n",
    ]);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert!(
        errs[0].starts_with("t0.yaml:4:35: prerequisite cycle: a → c → b → a"),
        "{errs:#?}"
    );
}

#[test]
fn cycles_through_the_hierarchy_are_caught() {
    let child_requires_group = "id: h\ntitle: H\nnodes:\n  - id: g\n    title: G\n    children:\n      - { id: c, title: C, requires: [g] }\n";
    let errs = build_errors(&[child_requires_group]);
    assert!(
        errs[0].contains("`c` requires its own group `g`"),
        "{errs:#?}"
    );
    let group_requires_child = "id: h\ntitle: H\nnodes:\n  - id: g\n    title: G\n    requires: [c]\n    children:\n      - { id: c, title: C }\n";
    let errs = build_errors(&[group_requires_child]);
    assert!(
        errs[0].contains("group `g` requires `c`, which is inside it"),
        "{errs:#?}"
    );
}

/// The one error a set of roadmaps gives, which must be a cycle.
fn cycle_error(files: &[&str]) -> String {
    let errs = build_errors(files);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert!(errs[0].contains("prerequisite cycle:"), "{errs:#?}");
    errs[0].clone()
}

#[test]
fn a_cycle_through_an_inherited_prerequisite_names_the_member_not_the_group() {
    // g needs x, x needs c, c is inside g: c needs x through g.
    let err = cycle_error(&[
        "id: h\ntitle: H\nnodes:\n  - id: g\n    title: G\n    requires: [x]\n    children:\n      - { id: c, title: C }\n  - { id: x, title: X, requires: [c] }\n",
    ]);
    assert_eq!(
        err,
        "t0.yaml:6:16: prerequisite cycle: c → x → c\n  hint: each arrow means \"needs\": `c` is inside `g`, which requires `x`; remove one link to break the cycle"
    );
    // Deeper: b is inside h inside g, and g requires a, which requires b.
    let err = cycle_error(&[
        "id: h\ntitle: H\nnodes:\n  - { id: a, title: A, requires: [b] }\n  - id: g\n    title: G\n    requires: [a]\n    children:\n      - id: h\n        title: H\n        children:\n          - { id: b, title: B }\n",
    ]);
    assert!(
        err.starts_with("t0.yaml:4:35: prerequisite cycle: a → b → a\n"),
        "{err}"
    );
    assert!(
        err.contains("`b` is inside `g`, which requires `a`"),
        "{err}"
    );
}

#[test]
fn a_required_group_in_a_cycle_is_named_once() {
    // b requires the group g, whose member a requires b.
    let err = cycle_error(&[
        "id: h\ntitle: H\nnodes:\n  - id: g\n    title: G\n    children:\n      - { id: a, title: A, requires: [b] }\n  - { id: b, title: B, requires: [g] }\n",
    ]);
    assert_eq!(
        err,
        "t0.yaml:4:5: prerequisite cycle: g → a → b → g\n  hint: each arrow means \"needs\": `g` is done only when `a` inside it is; remove one link to break the cycle"
    );
    // g requires y, y requires g: the group's two sides are one node.
    let err = cycle_error(&[
        "id: h\ntitle: H\nnodes:\n  - id: g\n    title: G\n    requires: [y]\n    children:\n      - { id: c, title: C }\n  - { id: y, title: Y, requires: [g] }\n",
    ]);
    assert!(
        err.starts_with(
            "t0.yaml:6:16: prerequisite cycle: g → y → g\n  hint: each arrow means \"requires\""
        ),
        "{err}"
    );
}

#[test]
fn a_cycle_across_roadmaps_is_reported_in_each_with_full_names() {
    let a = "id: ra\ntitle: A\nnodes:\n  - { id: p, title: P, requires: [rb/q] }\n";
    let b = "id: rb\ntitle: B\nnodes:\n  - { id: s, title: S }\n  - { id: q, title: Q, requires: [s, ra/p] }\n";
    let errs = build_errors(&[a, b]);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert!(
        errs[0].starts_with("t0.yaml:4:35: prerequisite cycle: ra/p → rb/q → ra/p\n"),
        "{errs:#?}"
    );
    assert!(
        errs[1].starts_with("t1.yaml:5:38: prerequisite cycle: rb/q → ra/p → rb/q\n"),
        "{errs:#?}"
    );
}

#[test]
fn every_node_of_a_cycle_is_named_once() {
    // Cycles through groups, members, inherited and direct prerequisites.
    let files = [
        "id: h\ntitle: H\nnodes:\n  - id: g\n    title: G\n    requires: [x]\n    children:\n      - id: k\n        title: K\n        children:\n          - { id: c, title: C }\n          - { id: d, title: D, requires: [y] }\n  - { id: x, title: X, requires: [c] }\n  - { id: y, title: Y, requires: [g] }\n",
        "id: h\ntitle: H\nnodes:\n  - id: g\n    title: G\n    children:\n      - { id: a, title: A, requires: [b] }\n      - { id: e, title: E }\n  - id: b\n    title: B\n    requires: [g]\n    children:\n      - { id: f, title: F }\n",
    ];
    for err in files.iter().flat_map(|f| build_errors(&[f])) {
        let line = err.lines().next().unwrap();
        let path: Vec<&str> = line
            .split(": prerequisite cycle: ")
            .nth(1)
            .unwrap()
            .split(" → ")
            .collect();
        let (last, nodes) = path.split_last().unwrap();
        assert_eq!(Some(last), nodes.first(), "{err}");
        let mut unique = nodes.to_vec();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), nodes.len(), "a node named twice: {err}");
    }
}

#[test]
fn unknown_prerequisites_suggest_a_fix() {
    let errs = build_errors(&[
        "id: u\ntitle: U\nnodes:\n  - { id: http, title: HTTP }\n  - { id: rest, title: REST, requires: [htp, other/x] }\n",
    ]);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert!(
        errs[0].starts_with(
            "t0.yaml:5:41: `rest` requires unknown node `htp`\n  hint: did you mean `http`?"
        ),
        "{errs:#?}"
    );
    assert!(
        errs[1].contains("no roadmap `other` is loaded"),
        "{errs:#?}"
    );
}

#[test]
fn a_broken_roadmap_is_left_out_with_those_that_need_it() {
    let bad = "id: bad\ntitle: Bad\nnodes:\n  - { id: a, title: A, requires: [nope] }\n";
    let needs_bad = "id: dep\ntitle: Dep\nnodes:\n  - { id: b, title: B, requires: [bad/a] }\n";
    let roadmaps = [bad, needs_bad, DIAMOND]
        .iter()
        .map(|t| parse("t.yaml", Origin::Builtin, t.as_bytes()).unwrap())
        .collect();
    let (cat, errors) = Catalog::build(roadmaps);
    assert_eq!(errors.len(), 2);
    let ids: Vec<&str> = cat.roadmaps().iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["d"]);
    // The one that needs it is told why it is missing, not that it never was.
    let said = errors[1].to_string();
    assert!(
        said.contains("roadmap `bad` was left out for its errors"),
        "{said}"
    );
    assert!(
        said.contains("fix the errors reported for `bad` first"),
        "{said}"
    );
}

#[test]
fn one_pass_unlock_counts_match_a_walk_per_leaf() {
    let (cat, errors) = Catalog::build(crate::roadmap::builtin());
    assert!(errors.is_empty());
    let leaves: Vec<NodeId> = cat.ids().filter(|&n| !cat.node(n).is_group()).collect();
    // Progress states from nothing to most things, marked in a scattered order.
    for step in [0usize, 3, 7, 2] {
        let marks: HashMap<String, UserStatus> = leaves
            .iter()
            .enumerate()
            .filter(|(i, _)| step > 0 && i % step == 0)
            .map(|(_, &n)| {
                (
                    cat.key(n).to_string(),
                    if step == 7 { Skipped } else { Done },
                )
            })
            .collect();
        let state = State::evaluate(&cat, &marks);
        let open: Vec<NodeId> = leaves
            .iter()
            .copied()
            // Locked leaves too: plan asks for them.
            .filter(|&n| !state.is_satisfied(n))
            .collect();
        assert!(!open.is_empty());
        let fast: Vec<usize> = super::query::unlock_counts(&cat, &state, &open)
            .into_iter()
            .map(|r| r.count)
            .collect();
        let slow: Vec<usize> = open.iter().map(|&n| unlocks(&cat, &state, n)).collect();
        assert_eq!(fast, slow, "with every {step}th leaf marked");
        assert!(fast.iter().any(|&c| c > 0));
    }
}

#[test]
fn a_pick_two_choice_is_done_and_counted_with_any_two() {
    let cat = catalog(&[
        "id: p\ntitle: P\nnodes:\n  - id: c\n    title: C\n    kind: choice\n    pick: 2\n    children:\n      - { id: a, title: A }\n      - { id: b, title: B }\n      - { id: d, title: D }\n",
    ]);
    let state = State::evaluate(&cat, &progress(&[("p/a", Done), ("p/d", Skipped)]));
    assert_eq!(state.status(id(&cat, "c")), S::Done);
    assert_eq!(state.roadmap_units(&cat, RoadmapIx::new(0)), (2, 2));
    let state = State::evaluate(&cat, &progress(&[("p/a", Done)]));
    assert_eq!(state.roadmap_units(&cat, RoadmapIx::new(0)), (1, 2));
}

#[test]
fn naming_a_prerequisite_twice_makes_one_link() {
    let cat = catalog(&[
        "id: t\ntitle: T\nnodes:\n  - { id: x, title: X }\n  - { id: y, title: Y, requires: [x, t/x] }\n",
    ]);
    assert_eq!(cat.requires(id(&cat, "y")), &[id(&cat, "x")]);
}

#[test]
fn a_former_id_still_names_its_node() {
    let cat = catalog(&[SHARED_A, SHARED_B]);
    let renamed = id(&cat, "rb/renamed");
    assert_eq!(cat.lookup("rb/old-name"), [renamed]);
    assert_eq!(cat.lookup("old-name"), [renamed]);
    assert!(cat.lookup("rb/nothing").is_empty());
}

#[test]
fn a_roadmaps_remaining_leaves_are_the_union_of_its_groups_plans() {
    // `remaining` walks once for the whole roadmap; it must give what a plan
    // per top-level node gives, put together.
    let (cat, errors) = Catalog::build(crate::roadmap::builtin());
    assert!(errors.is_empty());
    let leaves: Vec<NodeId> = cat.ids().filter(|&n| !cat.is_group(n)).collect();
    for step in [0usize, 3, 5] {
        let marks: HashMap<String, UserStatus> = leaves
            .iter()
            .enumerate()
            .filter(|(i, _)| step > 0 && i % step == 0)
            .map(|(_, &n)| (cat.key(n).to_string(), Done))
            .collect();
        let state = State::evaluate(&cat, &marks);
        for r in cat.roadmap_ixs() {
            let range = cat.nodes_of(r);
            let mut each: Vec<NodeId> = cat
                .roots_of(r)
                .filter(|&n| !cat.node(n).optional)
                .flat_map(|n| plan(&cat, &state, n))
                .filter(|&n| range.contains(n))
                .collect();
            each.sort_unstable();
            each.dedup();
            let once = super::query::remaining(&cat, &state, r, &Default::default());
            assert_eq!(
                once,
                each,
                "{} with every {step}th leaf done",
                cat.roadmap(r).id
            );
        }
    }
}

/// `estimate_of` for each named node, as text.
fn estimates(text: &str, names: &[&str]) -> Vec<Option<String>> {
    let cat = catalog(&[text]);
    names
        .iter()
        .map(|n| super::query::estimate_of(&cat, id(&cat, n)).map(|e| e.to_string()))
        .collect()
}

#[test]
fn a_group_is_estimated_by_its_leaves_when_each_has_its_own() {
    // The group says 1-2w; its leaves add up to 2d, and 2d is what is shown.
    let text = "id: e\ntitle: E\nnodes:\n  - id: web\n    title: Web\n    estimate: 1-2w\n    children:\n      - { id: http, title: HTTP, estimate: 1d }\n      - { id: dns, title: DNS, estimate: 4h }\n      - { id: tls, title: TLS, estimate: 4h }\n      - { id: quic, title: QUIC, estimate: 3w, optional: true }\n";
    assert_eq!(
        estimates(text, &["web", "http", "quic"]),
        [Some("2d".into()), Some("1d".into()), Some("3w".into())]
    );
    // Without an estimate of its own, the same.
    let bare = text.replace("    estimate: 1-2w\n", "");
    assert_eq!(estimates(&bare, &["web"]), [Some("2d".into())]);
    // A leaf without one: the group's own, which that leaf's share comes from.
    let partial = text.replace(
        "{ id: tls, title: TLS, estimate: 4h }",
        "{ id: tls, title: TLS }",
    );
    assert_eq!(
        estimates(&partial, &["web", "tls"]),
        [Some("1-2w".into()), Some("1-2w".into())]
    );
    let unknown = bare.replace(
        "{ id: tls, title: TLS, estimate: 4h }",
        "{ id: tls, title: TLS }",
    );
    assert_eq!(estimates(&unknown, &["web", "tls"]), [None, None]);
}

#[test]
fn a_choice_is_estimated_by_its_quickest_alternatives() {
    let text = "id: e\ntitle: E\nnodes:\n  - id: lang\n    title: Language\n    kind: choice\n    pick: 2\n    children:\n      - { id: rust, title: Rust, estimate: 6-10w }\n      - { id: go, title: Go, estimate: 1-2w }\n      - id: py\n        title: Python\n        children:\n          - { id: basics, title: Basics, estimate: 1w }\n          - { id: typing, title: Typing, estimate: 2d }\n  - id: all\n    title: All\n    children:\n      - { id: setup, title: Setup, estimate: 1d }\n      - id: one\n        title: One language\n        kind: choice\n        children:\n          - { id: java, title: Java, estimate: 4w }\n          - { id: kotlin, title: Kotlin, estimate: 3w }\n";
    // Go (1-2w) and Python (1.4w), then a group holding a choice.
    assert_eq!(
        estimates(text, &["lang", "py", "all", "one"]),
        [
            Some("2.4-3.4w".into()),
            Some("1.4w".into()),
            Some("3.2w".into()),
            Some("3w".into())
        ]
    );
    // An alternative without an estimate hides which is quickest.
    let unknown = text.replace(
        "{ id: kotlin, title: Kotlin, estimate: 3w }",
        "{ id: kotlin, title: Kotlin }",
    );
    assert_eq!(estimates(&unknown, &["one", "all"]), [None, None]);
}

#[test]
fn indexes_answer_what_a_scan_of_every_node_would() {
    let (cat, errors) = Catalog::build(crate::roadmap::builtin());
    assert!(errors.is_empty());
    for id in cat.ids() {
        let node = cat.node(id);
        let scan: Vec<NodeId> = cat.ids().filter(|&n| cat.node(n).id == node.id).collect();
        assert_eq!(cat.lookup(&node.id), scan, "{}", node.id);
        let qualified = format!("{}/{}", cat.roadmap_id(id), node.id);
        assert_eq!(cat.lookup(&qualified), vec![id]);
        if !cat.is_group(id) {
            let keyed: Vec<NodeId> = cat.leaves_with_key(cat.key(id)).collect();
            let scan: Vec<NodeId> = cat
                .ids()
                .filter(|&n| !cat.is_group(n))
                .filter(|&n| {
                    cat.key(n) == cat.key(id) || cat.alias_keys(n).iter().any(|a| a == cat.key(id))
                })
                .collect();
            assert_eq!(keyed, scan);
        }
    }
    assert!(cat.all_keys().is_sorted());
    assert_eq!(cat.lookup("no-such-topic"), Vec::<NodeId>::new());
}

#[test]
fn units_in_one_pass_equal_units_asked_one_group_at_a_time() {
    let (cat, errors) = Catalog::build(crate::roadmap::builtin());
    assert!(errors.is_empty());
    let leaves: Vec<NodeId> = cat.ids().filter(|&n| !cat.is_group(n)).collect();
    let marks: HashMap<String, UserStatus> = leaves
        .iter()
        .step_by(3)
        .map(|&n| (cat.key(n).to_string(), Done))
        .collect();
    let state = State::evaluate(&cat, &marks);
    for (r, _) in cat.roadmaps().iter().enumerate() {
        let r = RoadmapIx::new(r);
        let first = cat.nodes_of(r).first().index();
        let all = state.roadmap_node_units(&cat, r);
        for id in cat.nodes_of(r) {
            assert_eq!(all[id.index() - first], state.units(&cat, id));
        }
    }
}

#[test]
fn updating_from_changed_nodes_gives_what_a_full_evaluation_gives() {
    let (cat, errors) = Catalog::build(crate::roadmap::builtin());
    assert!(errors.is_empty());
    let leaves: Vec<NodeId> = cat.ids().filter(|&n| !cat.is_group(n)).collect();
    let mut progress: HashMap<String, UserStatus> = HashMap::new();
    let mut state = State::evaluate(&cat, &progress);
    // A fixed pseudo-random walk of marks, in batches of one to five topics,
    // with statuses coming and going (todo removes the key, as the store does).
    let mut seed = 0x9e37_79b9_u64;
    let mut rand = |below: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % below as u64) as usize
    };
    let mut unlocked_any = false;
    for round in 0..400 {
        let batch: Vec<NodeId> = (0..1 + rand(5))
            .map(|_| leaves[rand(leaves.len())])
            .collect();
        for &n in &batch {
            let to = [Todo, InProgress, Done, Done, Skipped][rand(5)];
            match to {
                Todo => progress.remove(cat.key(n)),
                _ => progress.insert(cat.key(n).to_string(), to),
            };
        }
        let before = state.clone();
        state.update(&cat, batch.iter().map(|&n| cat.key(n)), &progress);
        let full = State::evaluate(&cat, &progress);
        for id in cat.ids() {
            assert_eq!(
                (
                    state.status(id),
                    state.is_available(id),
                    state.is_satisfied(id)
                ),
                (
                    full.status(id),
                    full.is_available(id),
                    full.is_satisfied(id)
                ),
                "round {round}: {} after marking {:?}",
                cat.qualified(id),
                batch.iter().map(|&n| cat.qualified(n)).collect::<Vec<_>>()
            );
        }
        unlocked_any |= !newly_available(&cat, &before, &state).is_empty();
    }
    assert!(unlocked_any, "the walk opened something up at least once");
}

#[test]
fn updating_follows_former_keys_as_a_full_evaluation_does() {
    let cat = catalog(&[
        "id: p\ntitle: P\nnodes:\n  - { id: a, title: A }\n  - { id: b, title: B, aliases: [old-b] }\n  - { id: c, title: C, requires: [b] }\n",
    ]);
    let (b, c) = (id(&cat, "b"), id(&cat, "c"));
    let (key, former) = (cat.key(b).to_string(), cat.alias_keys(b)[0].clone());
    let mut progress = HashMap::new();
    let mut state = State::evaluate(&cat, &progress);
    let steps: [(&str, Option<UserStatus>, Status); 3] = [
        // Progress kept under the former key counts; the own key wins over it.
        (&former, Some(Done), S::Available),
        (&key, Some(InProgress), S::Locked),
        (&key, None, S::Available),
    ];
    for (k, to, c_status) in steps {
        match to {
            Some(to) => progress.insert(k.to_string(), to),
            None => progress.remove(k),
        };
        let read: HashMap<String, UserStatus> = State::keys_to_read(&cat, &[k])
            .into_iter()
            .filter_map(|k| progress.get(k).map(|&s| (k.to_string(), s)))
            .collect();
        state.update(&cat, [k], &read);
        assert_eq!(state.status(c), c_status, "after {k} became {to:?}");
        let full = State::evaluate(&cat, &progress);
        assert!(cat.ids().all(|n| state.status(n) == full.status(n)));
    }
}

#[test]
fn updating_opens_a_group_whose_members_all_wait_on_something_else() {
    let cat = catalog(&[
        "id: p\ntitle: P\nnodes:\n  - { id: x, title: X }\n  - { id: y, title: Y }\n  - id: g\n    title: G\n    requires: [x]\n    children:\n      - { id: c, title: C, requires: [y] }\n",
    ]);
    let (g, c) = (id(&cat, "g"), id(&cat, "c"));
    let mut progress = HashMap::new();
    let mut state = State::evaluate(&cat, &progress);
    assert_eq!(state.status(g), S::Locked);
    progress.insert(cat.key(id(&cat, "x")).to_string(), Done);
    state.update(&cat, [cat.key(id(&cat, "x"))], &progress);
    // G is open now, though C still waits on Y and so does not change.
    assert_eq!(
        (state.status(g), state.status(c)),
        (S::Available, S::Locked)
    );
}
