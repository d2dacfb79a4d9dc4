//! The built-in roadmaps teach in a sensible order: a beginner has a handful
//! of real starting points, basic topics are few steps away, every choice can
//! be finished through any one of its alternatives, shared topics join the
//! same thing, and every roadmap has an estimate. Only the real binary and its
//! JSON output are used, never the library.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

mod common;

use common::Sandbox;

const ROADMAPS: [&str; 5] = [
    "junior-to-senior",
    "backend-skill-map",
    "senior-backend",
    "junior-backend",
    "backend-mastery",
];

/// Marks `roadmap/id` topics done, in one command; returns `done --json`.
fn done(sb: &Sandbox, topics: &[String]) -> Value {
    let mut args = vec!["done"];
    args.extend(topics.iter().map(String::as_str));
    sb.json(&args)
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// One roadmap's outline from `show --json`: nodes in file order, with their
/// parents and children.
struct Outline {
    nodes: Vec<Value>,
    children: HashMap<String, Vec<String>>,
    parent: HashMap<String, String>,
}

impl Outline {
    fn load(sb: &Sandbox, roadmap: &str) -> Outline {
        let show = sb.json(&["show", roadmap]);
        let nodes = show["nodes"].as_array().unwrap().clone();
        let mut children: HashMap<String, Vec<String>> = HashMap::new();
        let mut parent = HashMap::new();
        for n in &nodes {
            if let Some(p) = n["parent"].as_str() {
                children
                    .entry(p.to_string())
                    .or_default()
                    .push(s(&n["id"]).to_string());
                parent.insert(s(&n["id"]).to_string(), p.to_string());
            }
        }
        Outline {
            nodes,
            children,
            parent,
        }
    }

    fn is_leaf(&self, id: &str) -> bool {
        !self.children.contains_key(id)
    }

    fn choices(&self) -> Vec<String> {
        self.nodes
            .iter()
            .filter(|n| n["kind"] == "choice")
            .map(|n| s(&n["id"]).to_string())
            .collect()
    }

    /// `id` and everything below it.
    fn subtree(&self, id: &str) -> HashSet<String> {
        let mut out = HashSet::from([id.to_string()]);
        for c in self.children.get(id).into_iter().flatten() {
            out.extend(self.subtree(c));
        }
        out
    }

    /// `id` and its ancestors, nearest first.
    fn chain(&self, id: &str) -> Vec<String> {
        let mut out = vec![id.to_string()];
        while let Some(p) = self.parent.get(out.last().unwrap()) {
            out.push(p.clone());
        }
        out
    }
}

fn statuses(show: &Value) -> HashMap<String, String> {
    show["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (s(&n["id"]).to_string(), s(&n["status"]).to_string()))
        .collect()
}

struct Start {
    roadmap: &'static str,
    size: std::ops::RangeInclusive<usize>,
    includes: &'static [&'static str],
    /// Tools and tool-like topics: the start set must offer more than these.
    tools: &'static [&'static str],
    /// Advanced topics that must not be offered to a beginner.
    never: &'static [&'static str],
}

const STARTS: [Start; 5] = [
    Start {
        roadmap: "junior-to-senior",
        size: 8..=16,
        includes: &["collaboration-basics", "java", "python", "go"],
        tools: &["jira", "confluence", "slack", "ms-teams", "zoom"],
        never: &["rest", "kubernetes", "big-o", "github-copilot", "tdd"],
    },
    Start {
        roadmap: "backend-skill-map",
        size: 5..=15,
        includes: &["csharp", "javascript", "domain-names", "data-types", "git"],
        tools: &[
            "google",
            "stackoverflow",
            "chatgpt",
            "cat",
            "grep",
            "tail",
            "curl",
            "ssh",
        ],
        never: &[
            "grafana",
            "opentelemetry",
            "datadog",
            "aws-dynamodb",
            "docker",
            "redis",
            "serverless",
        ],
    },
    Start {
        roadmap: "senior-backend",
        size: 6..=20,
        includes: &["ip", "oop", "sql", "data-structures", "unit-testing"],
        tools: &[],
        never: &[
            "csrf",
            "ddos",
            "rate-limiting",
            "kafka",
            "redis",
            "aws-basics",
            "machine-learning",
            "containers",
        ],
    },
    Start {
        roadmap: "junior-backend",
        size: 5..=15,
        includes: &["python", "what-is-internet", "sql-basics", "linux-commands"],
        tools: &[],
        never: &["oauth", "jwt", "django", "deployment", "orm-concepts"],
    },
    Start {
        roadmap: "backend-mastery",
        size: 5..=12,
        includes: &["http", "git", "linux-basics", "dns"],
        tools: &[],
        never: &["javascript", "docker", "language-fundamentals"],
    },
];

#[test]
fn a_beginner_starts_with_a_handful_of_real_topics() {
    let sb = Sandbox::new();
    for start in &STARTS {
        let next = sb.json(&["next", start.roadmap, "--all"]);
        let ids: HashSet<&str> = next
            .as_array()
            .unwrap()
            .iter()
            .inspect(|n| assert_eq!(n["roadmap"], start.roadmap))
            .map(|n| s(&n["id"]))
            .collect();
        assert!(
            start.size.contains(&ids.len()),
            "{} offers {} topics at first: {ids:?}",
            start.roadmap,
            ids.len()
        );
        for id in start.includes {
            assert!(
                ids.contains(id),
                "{} should offer {id}: {ids:?}",
                start.roadmap
            );
        }
        for id in start.never {
            assert!(!ids.contains(id), "{} offers {id} too early", start.roadmap);
        }
        let not_tools = ids.iter().filter(|id| !start.tools.contains(id)).count();
        assert!(
            not_tools >= 3,
            "{} starts with little but tools: {ids:?}",
            start.roadmap
        );
    }
}

#[test]
fn basic_topics_are_few_steps_away() {
    // Steps `plan` lists from a standing start, the topic itself included.
    // A change here changes how a course is sequenced: update on purpose.
    // (A choice not yet made is one step, "one of: A | B".)
    let sb = Sandbox::new();
    for (topic, steps) in [
        ("junior-to-senior/big-o", 2),
        ("junior-to-senior/tdd", 2),
        ("junior-to-senior/github-copilot", 2),
        ("junior-to-senior/kubernetes", 4),
        ("junior-to-senior/distributed-systems", 8),
        ("backend-skill-map/grpc", 6),
        ("backend-skill-map/entity-framework", 5),
        ("backend-skill-map/terraform", 5),
        ("backend-skill-map/kubernetes", 6),
        ("backend-skill-map/grafana", 6),
        ("senior-backend/llm-apis", 9),
        ("senior-backend/unit-testing", 1),
        ("senior-backend/distributed-systems", 5),
        ("senior-backend/authn-authz", 5),
        ("senior-backend/csrf", 6),
        ("junior-backend/what-is-internet", 1),
        ("junior-backend/linux-commands", 1),
        ("junior-backend/ssh", 2),
        ("junior-backend/environment-config", 2),
        ("junior-backend/orm-concepts", 5),
        ("junior-backend/deployment", 12),
        ("backend-mastery/language-fundamentals", 13),
        ("backend-mastery/rest-apis", 15),
        ("backend-mastery/todo-api", 17),
        ("backend-mastery/user-auth-api", 32),
    ] {
        let plan = sb.json(&["plan", topic]);
        let ids: Vec<&str> = plan
            .as_array()
            .unwrap()
            .iter()
            .map(|n| s(&n["id"]))
            .collect();
        assert_eq!(ids.len(), steps, "plan {topic}: {ids:?}");
        assert_eq!(
            Some(topic.split_once('/').unwrap().1),
            ids.last().copied(),
            "plan {topic} ends with the topic"
        );
    }
}

/// Marks, round by round, every available leaf of `roadmap` outside
/// `excluded` until none is left, as a learner who never touches `excluded`
/// would; returns the final `show --json`.
fn learn_everything_but(
    sb: &Sandbox,
    roadmap: &str,
    outline: &Outline,
    excluded: &HashSet<String>,
) -> Value {
    let wanted = |id: &str| outline.is_leaf(id) && !excluded.contains(id);
    let mut next: Vec<String> = Vec::new();
    loop {
        if next.is_empty() {
            // What `done` reported unlocked is used up: ask for the whole picture.
            let show = sb.json(&["show", roadmap]);
            next = show["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|n| n["status"] == "available" && wanted(s(&n["id"])))
                .map(|n| s(&n["id"]).to_string())
                .collect();
            if next.is_empty() {
                return show;
            }
        }
        let topics: Vec<String> = next.iter().map(|id| format!("{roadmap}/{id}")).collect();
        let changed = done(sb, &topics);
        next = changed["unlocked"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["roadmap"] == roadmap && wanted(s(&n["id"])))
            .map(|n| s(&n["id"]).to_string())
            .collect();
    }
}

#[test]
fn every_choice_can_be_finished_through_each_alternative_alone() {
    // For every alternative of every choice: a learner who never touches the
    // other alternatives can still finish the choice and the whole roadmap,
    // taking only what is available at each step.
    let mut cases = Vec::new();
    let sb = Sandbox::new();
    for roadmap in ROADMAPS {
        let outline = std::sync::Arc::new(Outline::load(&sb, roadmap));
        for choice in outline.choices() {
            for alt in &outline.children[&choice] {
                cases.push((roadmap, outline.clone(), choice.clone(), alt.clone()));
            }
        }
    }
    assert!(cases.len() > 50, "only {} alternatives", cases.len());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()) * 2;
    let failures: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let cases = &cases;
                scope.spawn(move || {
                    let mut failed = Vec::new();
                    for (roadmap, outline, choice, alt) in cases.iter().skip(w).step_by(workers) {
                        let excluded: HashSet<String> = outline.children[choice]
                            .iter()
                            .filter(|a| *a != alt)
                            .flat_map(|a| outline.subtree(a))
                            .collect();
                        let sb = Sandbox::new();
                        let show = learn_everything_but(&sb, roadmap, outline, &excluded);
                        let status = statuses(&show);
                        let finished = status[choice.as_str()] == "done"
                            && outline
                                .chain(choice)
                                .iter()
                                .all(|g| status[g.as_str()] == "done")
                            && show["progress"] == 100;
                        if !finished {
                            let locked: Vec<String> = outline
                                .nodes
                                .iter()
                                .map(|n| s(&n["id"]).to_string())
                                .filter(|id| {
                                    outline.is_leaf(id)
                                        && !excluded.contains(id)
                                        && status[id] != "done"
                                })
                                .collect();
                            failed.push(format!(
                                "{roadmap}/{choice} through {alt}: choice {}, roadmap at {}%, not done: {locked:?}",
                                status[choice.as_str()],
                                show["progress"]
                            ));
                        }
                    }
                    failed
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn nothing_outside_a_choice_needs_one_of_its_alternatives() {
    // A node that requires something inside one alternative of a choice must
    // be optional, sit in that alternative, or be an alternative of another
    // choice itself (Django may require Python; a mandatory group may not
    // require AWS when the cloud is pick-one).
    let sb = Sandbox::new();
    let mut wrong = Vec::new();
    for roadmap in ROADMAPS {
        let outline = Outline::load(&sb, roadmap);
        let kind: HashMap<&str, &str> = outline
            .nodes
            .iter()
            .map(|n| (s(&n["id"]), s(&n["kind"])))
            .collect();
        // For each node inside an alternative: (choice, alternative) pairs above it.
        let alternatives = |id: &str| -> Vec<(String, String)> {
            outline
                .chain(id)
                .into_iter()
                .filter_map(|a| {
                    let p = outline.parent.get(&a)?;
                    (kind[p.as_str()] == "choice").then(|| (p.clone(), a))
                })
                .collect()
        };
        let mut optional: HashMap<String, bool> = HashMap::new();
        let mut is_optional = |id: &str| -> bool {
            *optional.entry(id.to_string()).or_insert_with(|| {
                sb.json(&["info", &format!("{roadmap}/{id}")])["optional"] == true
            })
        };
        for n in &outline.nodes {
            let id = s(&n["id"]);
            for req in n["requires"].as_array().unwrap() {
                let req = s(req);
                if req.contains('/') {
                    continue; // another roadmap: checked by its own choices test
                }
                for (choice, alt) in alternatives(req) {
                    let chain = outline.chain(id);
                    let inside = chain.contains(&alt);
                    let own_choice = chain.iter().any(|a| {
                        outline
                            .parent
                            .get(a)
                            .is_some_and(|p| kind[p.as_str()] == "choice" && *p != choice)
                    });
                    if inside || own_choice || chain.iter().any(|a| is_optional(a)) {
                        continue;
                    }
                    wrong.push(format!(
                        "{roadmap}/{id} requires {req}, inside alternative {alt} of {choice}"
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn every_roadmap_has_a_remaining_estimate_from_the_start() {
    let sb = Sandbox::new();
    for roadmap in ROADMAPS {
        let stats = sb.json(&["stats", roadmap]);
        let estimate = &stats[0]["remaining_estimate"];
        assert!(
            estimate.as_str().is_some_and(|e| e.ends_with('w')),
            "{roadmap}: remaining estimate {estimate}"
        );
    }
}

#[test]
fn shared_topics_join_the_same_thing_and_only_that() {
    let sb = Sandbox::new();
    done(
        &sb,
        &[
            "senior-backend/http-methods",
            "senior-backend/tcp",
            "senior-backend/scrum",
            "senior-backend/rest-principles",
            "junior-backend/document-databases",
            "junior-backend/linux-commands",
            "junior-backend/scalability",
            "backend-skill-map/swagger",
            "backend-skill-map/datadog",
            "backend-skill-map/aws-ecs",
        ]
        .map(String::from),
    );
    let mut status: HashMap<String, String> = HashMap::new();
    for roadmap in ROADMAPS {
        for (id, st) in statuses(&sb.json(&["show", roadmap])) {
            status.insert(format!("{roadmap}/{id}"), st);
        }
    }
    for shared in [
        "backend-mastery/http-methods",
        "backend-mastery/linux-basics",
        "backend-mastery/scaling",
        "senior-backend/horizontal-scaling",
        "senior-backend/swagger",
        "senior-backend/datadog",
        "senior-backend/aws-ecs",
    ] {
        assert_eq!(status[shared], "done", "{shared} shares a marked topic");
    }
    for apart in [
        "junior-backend/tcp-ip",              // TCP/IP, not TCP alone
        "backend-skill-map/scrum-kanban",     // Scrum and Kanban, not Scrum alone
        "junior-backend/rest-best-practices", // naming and versioning, not REST's constraints
        "backend-mastery/rest-best-practices",
        "senior-backend/nosql", // the NoSQL family, not document stores
    ] {
        assert_ne!(status[apart], "done", "{apart} should not be marked");
    }
}
