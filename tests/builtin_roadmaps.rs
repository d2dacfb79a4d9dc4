//! The five roadmaps that ship with skilltree: they load, they are complete
//! where the seeds ask, and shared topics really are shared.

use std::collections::HashMap;

use skilltree::graph::UserStatus;
use skilltree::graph::{Catalog, NodeId, State, Status};
use skilltree::roadmap::Kind;

fn catalog() -> Catalog {
    let (cat, errors) = Catalog::build(skilltree::roadmap::builtin());
    assert!(errors.is_empty(), "{:#?}", errors);
    cat
}

fn find(cat: &Catalog, qualified: &str) -> NodeId {
    let found = cat.lookup(qualified);
    assert_eq!(found.len(), 1, "{qualified}");
    found[0]
}

#[test]
fn all_five_load_and_validate() {
    let cat = catalog();
    let ids: Vec<&str> = cat.roadmaps().iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "backend-mastery",
            "backend-skill-map",
            "junior-backend",
            "junior-to-senior",
            "senior-backend"
        ]
    );
    for r in cat.roadmaps() {
        assert!(
            r.nodes.len() >= 60,
            "{} has only {} nodes",
            r.id,
            r.nodes.len()
        );
        assert!(r.source.is_some(), "{} names its source", r.id);
    }
}

#[test]
fn built_ins_pass_the_full_checked_pipeline_too() {
    // Built-ins are decoded from build-time data at run time; the texts still parse as they are.
    let decoded = skilltree::roadmap::builtin();
    for (name, text) in skilltree::roadmap::BUILTIN_FILES {
        let full =
            skilltree::roadmap::parse(name, skilltree::roadmap::Origin::Builtin, text.as_bytes());
        assert!(full.is_ok(), "{name}: {:#?}", full.err());
        let full = full.unwrap();
        let same = decoded.iter().find(|r| r.id == full.id).expect("embedded");
        assert_eq!(same.nodes.len(), full.nodes.len(), "{name}");
    }
}

#[test]
fn every_leaf_has_a_summary_and_most_a_description() {
    let cat = catalog();
    let leaves: Vec<NodeId> = cat.ids().filter(|&n| !cat.node(n).is_group()).collect();
    let missing: Vec<String> = leaves
        .iter()
        .filter(|&&n| cat.node(n).summary.is_none())
        .map(|&n| cat.qualified(n))
        .collect();
    assert!(missing.is_empty(), "leaves without a summary: {missing:?}");
    let described = leaves
        .iter()
        .filter(|&&n| cat.node(n).description.is_some())
        .count();
    assert!(
        described * 2 > leaves.len(),
        "only {described} of {} leaves are described",
        leaves.len()
    );
}

#[test]
fn the_choices_the_seeds_call_for_exist() {
    let cat = catalog();
    for (name, at_least) in [
        ("junior-to-senior/programming-languages", 5),
        ("backend-skill-map/pick-a-language", 3),
        ("junior-backend/programming-language", 5),
        ("backend-mastery/backend-language", 4),
    ] {
        let n = find(&cat, name);
        assert_eq!(cat.node(n).kind, Kind::Choice, "{name}");
        assert_eq!(cat.node(n).pick, Some(1), "{name}");
        assert!(
            cat.children(n).len() >= at_least,
            "{name} offers {} options",
            cat.children(n).len()
        );
    }
}

#[test]
fn junior_backend_marks_nosql_and_microservices_optional() {
    let cat = catalog();
    assert!(cat.node(find(&cat, "junior-backend/nosql")).optional);
    assert!(
        cat.node(find(&cat, "junior-backend/microservices"))
            .optional
    );
}

#[test]
fn backend_mastery_has_fifteen_projects_each_needing_skills() {
    let cat = catalog();
    let r = cat.find_roadmap("backend-mastery").unwrap();
    let projects: Vec<NodeId> = cat
        .nodes_of(r)
        .filter(|&n| cat.node(n).kind == Kind::Project)
        .collect();
    assert_eq!(projects.len(), 15);
    for p in projects {
        let mut needs = cat.requires(p).len();
        let mut cur = cat.parent(p);
        while let Some(g) = cur {
            needs += cat.requires(g).len();
            cur = cat.parent(g);
        }
        assert!(needs > 0, "{} requires nothing", cat.qualified(p));
    }
    // Levels name the seed's durations in their descriptions; the estimates
    // are skilltree's own, on the topics and projects, so no level has one.
    let weeks = ["2-4", "4-8", "6-10", "8-12", "10-16", "6-10", "12-20"];
    let levels: Vec<NodeId> = cat.roots_of(r).collect();
    assert_eq!(levels.len(), weeks.len());
    for (&level, w) in levels.iter().zip(weeks) {
        let node = cat.node(level);
        assert!(node.estimate.is_none(), "{}", cat.qualified(level));
        let text = node.description.as_deref().unwrap_or_default();
        assert!(
            text.contains(&format!("{w} weeks")),
            "{}: {text}",
            cat.qualified(level)
        );
    }
}

#[test]
fn sequential_seeds_chain_their_steps() {
    // backend-mastery's levels build on each other. junior-to-senior and
    // junior-backend list their sections in order too, but a topic there needs
    // only what it builds on, not every earlier section (tests/roadmap_teaching.rs).
    let cat = catalog();
    for id in ["backend-mastery"] {
        let r = cat.find_roadmap(id).unwrap();
        let roots: Vec<NodeId> = cat.roots_of(r).collect();
        for pair in roots.windows(2) {
            assert!(
                cat.requires(pair[1]).contains(&pair[0]),
                "{} should require {}",
                cat.qualified(pair[1]),
                cat.qualified(pair[0])
            );
        }
    }
}

#[test]
fn prerequisites_a_teacher_would_insist_on() {
    let cat = catalog();
    let state = State::evaluate(&cat, &HashMap::new());
    // Each pair: the second cannot be available before the first is done.
    for (first, then) in [
        ("backend-skill-map/docker", "backend-skill-map/kubernetes"),
        ("senior-backend/http", "senior-backend/rest-principles"),
        ("junior-backend/sql-basics", "junior-backend/orm-concepts"),
    ] {
        let (a, b) = (find(&cat, first), find(&cat, then));
        assert_eq!(state.status(b), Status::Locked, "{then} is locked at first");
        let needed = skilltree::graph::query::plan(&cat, &state, b);
        assert!(needed.contains(&a), "{then} needs {first}");
    }
}

#[test]
fn a_shared_topic_marked_in_one_roadmap_is_done_in_the_others() {
    let cat = catalog();
    for topic in [
        "http",
        "docker",
        "kubernetes",
        "git",
        "jwt",
        "oauth",
        "redis",
        "graphql",
        "rest",
        "sql",
    ] {
        let holders: Vec<NodeId> = cat
            .ids()
            .filter(|&n| !cat.node(n).is_group() && cat.key(n) == topic)
            .collect();
        let roadmaps: std::collections::HashSet<_> =
            holders.iter().map(|&n| cat.roadmap_of(n)).collect();
        assert!(
            roadmaps.len() >= 2,
            "topic {topic} should be shared, is in {} roadmap(s)",
            roadmaps.len()
        );
        let progress = HashMap::from([(topic.to_string(), UserStatus::Done)]);
        let state = State::evaluate(&cat, &progress);
        for n in holders {
            assert_eq!(
                state.status(n),
                Status::Done,
                "{} after marking {topic}",
                cat.qualified(n)
            );
        }
    }
}

#[test]
fn resources_are_web_links_with_titles() {
    let cat = catalog();
    let mut count = 0;
    for n in cat.ids() {
        for r in &cat.node(n).resources {
            assert!(
                r.url.starts_with("https://") || r.url.starts_with("http://"),
                "{}",
                r.url
            );
            assert!(!r.title.is_empty());
            count += 1;
        }
    }
    assert!(count > 100, "only {count} resources");
}

#[test]
fn the_remaining_estimate_of_an_untouched_roadmap_adds_up_its_topics() {
    // backend-mastery's estimates are on its topics and projects (one
    // alternative per choice counts). Read as 40-hour weeks they come to less
    // than the seed's 48-80 weeks.
    let cat = catalog();
    let state = State::evaluate(&cat, &HashMap::new());
    let r = cat.find_roadmap("backend-mastery").unwrap();
    let needed = skilltree::graph::query::remaining(&cat, &state, r, &Default::default());
    for &n in &needed {
        assert!(
            cat.node(n).is_group() || cat.node(n).estimate.is_some(),
            "{} has no estimate of its own",
            cat.qualified(n)
        );
    }
    let total: skilltree::roadmap::Estimate = needed
        .into_iter()
        .filter_map(|n| skilltree::graph::query::estimate_of(&cat, n))
        .sum();
    let weeks = |h: u32| h as f64 / 40.0;
    assert!((20.0..48.0).contains(&weeks(total.min_hours)), "{total}");
    assert!(
        (weeks(total.min_hours) * 1.5..=80.0).contains(&weeks(total.max_hours)),
        "{total}"
    );
}
