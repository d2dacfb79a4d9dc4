//! The lints on small roadmaps written inline (each rule with cases that
//! warn and cases that must not), and on the built-ins, which must be clean.

use super::*;
use crate::graph::tests::catalog;
use crate::graph::{Catalog, State};

/// What `rule` finds in the last of `files`: (node id, message).
fn found(files: &[&str], rule: fn(&Catalog, RoadmapIx) -> Vec<Warning>) -> Vec<(String, String)> {
    let cat = catalog(files);
    let r = RoadmapIx::new(files.len() - 1);
    rule(&cat, r)
        .into_iter()
        .map(|w| {
            assert_eq!(w.diagnostic.severity, crate::roadmap::Severity::Warning);
            (cat.node(w.node).id.clone(), w.diagnostic.message)
        })
        .collect()
}

/// Node ids `rule` flags in the last of `files`.
fn flagged(files: &[&str], rule: fn(&Catalog, RoadmapIx) -> Vec<Warning>) -> Vec<String> {
    found(files, rule).into_iter().map(|(n, _)| n).collect()
}

/// A roadmap of flow-style nodes: `head` then one line per entry.
fn roadmap(nodes: &[String]) -> String {
    let mut text = String::from("id: t\ntitle: T\nnodes:\n");
    for n in nodes {
        text.push_str(&format!("  - {n}\n"));
    }
    text
}

/// `n` independent topics, `t1`…`tn`.
fn topics(n: usize) -> Vec<String> {
    (1..=n)
        .map(|i| format!("{{ id: t{i}, title: T{i} }}"))
        .collect()
}

#[test]
fn the_built_in_roadmaps_draw_no_warning() {
    let (cat, errors) = Catalog::build(crate::roadmap::builtin());
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(cat.roadmaps().len(), 5);
    let warnings: Vec<String> = cat
        .roadmap_ixs()
        .flat_map(|r| lint(&cat, r))
        .map(|w| w.diagnostic.to_string())
        .collect();
    assert!(warnings.is_empty(), "{}", warnings.join("\n"));
}

#[test]
fn a_start_set_of_more_than_forty_topics_is_huge() {
    let text = roadmap(&topics(START_SET_MAX + 1));
    let warnings = found(&[&text], start_set);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].0, "t1");
    assert!(
        warnings[0].1.contains("start 41 topics at once"),
        "{warnings:?}"
    );
    assert!(flagged(&[&roadmap(&topics(START_SET_MAX))], start_set).is_empty());
    // Forty open, and one more that waits for them: not huge.
    let mut nodes = topics(START_SET_MAX);
    nodes.push("{ id: last, title: Last, requires: [t1] }".into());
    assert!(flagged(&[&roadmap(&nodes)], start_set).is_empty());
}

#[test]
fn the_start_set_counts_every_alternative_and_no_optional_topic() {
    // Optional topics do not count. (Nor could a topic count twice: two
    // nodes of one roadmap never share one.)
    let mut nodes = topics(38);
    for i in 1..=3 {
        nodes.push(format!("{{ id: o{i}, title: O{i}, optional: true }}"));
    }
    assert!(flagged(&[&roadmap(&nodes)], start_set).is_empty());
    // A choice's alternatives each count.
    let mut nodes = topics(38);
    nodes.push(
        "{ id: c, title: C, kind: choice, children: [{ id: a1, title: A1 }, { id: a2, title: A2 }, { id: a3, title: A3 }] }"
            .into(),
    );
    let cat = catalog(&[&roadmap(&nodes)]);
    assert_eq!(start_set_of(&cat, RoadmapIx::new(0)).len(), 41);
    assert_eq!(flagged(&[&roadmap(&nodes)], start_set), ["t1"]);
}

#[test]
fn a_start_set_of_only_optional_topics_is_empty() {
    let text = "id: t\ntitle: T\nnodes:\n  - { id: intro, title: Intro, optional: true }\n  - { id: http, title: HTTP, requires: [intro] }\n";
    let warnings = found(&[text], start_set);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].1.contains("can start nothing"), "{warnings:?}");
    // Under an optional group is optional too.
    let text = "id: t\ntitle: T\nnodes:\n  - id: g\n    title: G\n    optional: true\n    children:\n      - { id: intro, title: Intro }\n  - { id: http, title: HTTP, requires: [intro] }\n";
    assert_eq!(flagged(&[text], start_set), ["g"]);
}

#[test]
fn a_roadmap_that_builds_on_another_starts_where_that_one_ends() {
    // Every topic needs one in another roadmap: that one counts as done.
    let base = "id: base\ntitle: Base\nnodes:\n  - { id: http, title: HTTP }\n";
    let ext = "id: ext\ntitle: Ext\nnodes:\n  - { id: rest, title: REST, requires: [base/http] }\n  - { id: graphql, title: GraphQL, requires: [rest] }\n";
    assert!(flagged(&[base, ext], start_set).is_empty());
    let cat = catalog(&[base, ext]);
    let names: Vec<&str> = start_set_of(&cat, RoadmapIx::new(1))
        .into_iter()
        .map(|n| cat.node(n).id.as_str())
        .collect();
    assert_eq!(names, ["rest"]);
}

#[test]
fn a_start_set_of_only_tools_is_flagged_and_one_concept_is_enough() {
    let tools = "id: t\ntitle: T\nnodes:\n  - { id: editor, title: Editor, tags: [tool] }\n  - id: jira\n    title: Jira\n    resources:\n      - { title: Jira, url: 'https://www.atlassian.com/software/jira', type: tool }\n  - { id: code, title: Code, requires: [editor, jira] }\n";
    let warnings = found(&[tools], start_set);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].0, "editor");
    assert!(warnings[0].1.contains("is a tool"), "{warnings:?}");
    let with_concept = tools.replace(
        "  - { id: code, title: Code, requires: [editor, jira] }\n",
        "  - { id: code, title: Code }\n",
    );
    assert!(flagged(&[&with_concept], start_set).is_empty());
}

#[test]
fn a_topic_is_a_tool_when_tagged_so_or_when_all_its_links_are_tools() {
    let text = "id: t\ntitle: T\nnodes:\n  - { id: a, title: A, tags: [tool] }\n  - id: b\n    title: B\n    resources:\n      - { title: B, url: 'https://example.com/b', type: tool }\n  - id: c\n    title: C\n    resources:\n      - { title: C, url: 'https://example.com/c', type: tool }\n      - { title: Docs, url: 'https://example.com/d', type: docs }\n  - { id: d, title: D }\n  - { id: e, title: E, tags: [tools, editor] }\n";
    let cat = catalog(&[text]);
    let tools: Vec<&str> = cat
        .ids()
        .filter(|&n| is_tool_like(cat.node(n)))
        .map(|n| cat.node(n).id.as_str())
        .collect();
    assert_eq!(tools, ["a", "b"]);
}

/// `side` independent topics and a chain `c1`…`cN` of `chain` steps.
fn chain(side: usize, chain: usize) -> String {
    let mut nodes: Vec<String> = (1..=side)
        .map(|i| format!("{{ id: s{i}, title: S{i} }}"))
        .collect();
    nodes.push("{ id: c1, title: C1 }".into());
    for i in 2..=chain {
        nodes.push(format!(
            "{{ id: c{i}, title: C{i}, requires: [c{}] }}",
            i - 1
        ));
    }
    roadmap(&nodes)
}

#[test]
fn a_leaf_far_deeper_than_the_roadmaps_median_is_flagged_once_where_it_starts() {
    // 30 one-step topics and a chain of 28: the median is 1, so past 25 steps
    // is deep; c26 is the first, and c27 and c28 are deep because of it.
    let warnings = found(&[&chain(30, 28)], depth);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].0, "c26");
    assert!(
        warnings[0].1.contains("takes 26 steps") && warnings[0].1.contains("typically take 1"),
        "{warnings:?}"
    );
    // 25 steps is not deep.
    assert!(flagged(&[&chain(30, 25)], depth).is_empty());
    // A long path in a roadmap of long paths is typical: the median is 14 and
    // 42 is the limit.
    assert!(flagged(&[&chain(0, 28)], depth).is_empty());
}

#[test]
fn depth_counts_a_required_group_and_other_roadmaps() {
    // `x` needs the whole group of 30: its plan is 31 steps.
    let mut children: Vec<String> = (1..=30)
        .map(|i| format!("      - {{ id: g{i}, title: G{i} }}"))
        .collect();
    children.insert(0, "  - id: g\n    title: G\n    children:".into());
    let mut text = format!("id: t\ntitle: T\nnodes:\n{}\n", children.join("\n"));
    for i in 1..=10 {
        text.push_str(&format!("  - {{ id: s{i}, title: S{i} }}\n"));
    }
    text.push_str("  - { id: x, title: X, requires: [g] }\n");
    assert_eq!(flagged(&[&text], depth), ["x"]);
    // Steps in another roadmap count: `ext/a` needs 27 of `base`'s.
    let base = chain(0, 27).replace("id: t\n", "id: base\n");
    let mut ext = String::from(
        "id: ext\ntitle: Ext\nnodes:\n  - { id: a, title: A, requires: [base/c27] }\n",
    );
    for i in 1..=5 {
        ext.push_str(&format!("  - {{ id: s{i}, title: S{i} }}\n"));
    }
    assert_eq!(flagged(&[&base, &ext], depth), ["a"]);
}

#[test]
fn plan_lengths_are_the_lengths_of_plans_from_a_standing_start() {
    let (cat, _) = Catalog::build(crate::roadmap::builtin());
    let fresh = State::evaluate(&cat, &Default::default());
    let lengths = query::plan_lengths(&cat);
    for n in cat.ids() {
        assert_eq!(
            lengths[n.index()],
            query::plan(&cat, &fresh, n).len(),
            "{}",
            cat.qualified(n)
        );
    }
}

const CLOUD: &str = "id: t
title: T
nodes:
  - id: cloud
    title: Cloud
    kind: choice
    pick: 1
    children:
      - id: aws
        title: AWS
        children:
          - { id: aws-basics, title: AWS basics }
          - { id: vpc, title: VPC, requires: [aws-basics] }
      - { id: gcp, title: GCP }
";

#[test]
fn requiring_an_alternative_from_a_mandatory_node_is_flagged() {
    // A mandatory group and a topic inside one alternative, from outside it.
    let text = format!(
        "{CLOUD}  - id: aws-core\n    title: AWS core\n    requires: [aws]\n    children:\n      - {{ id: ec2, title: EC2 }}\n  - {{ id: subnets, title: Subnets, requires: [vpc] }}\n"
    );
    let warnings = found(&[&text], requires_alternative);
    assert_eq!(
        warnings.iter().map(|w| w.0.as_str()).collect::<Vec<_>>(),
        ["aws-core", "subnets"]
    );
    assert!(
        warnings[0].1.contains(
            "`aws-core` requires `aws`, one alternative of the choice `cloud` (pick 1 of 2)"
        ),
        "{warnings:?}"
    );
    assert!(
        warnings[1]
            .1
            .contains("requires `vpc`, which is part of `aws`"),
        "{warnings:?}"
    );
    // A sibling alternative of the same choice is not a choice of its own.
    let sibling = CLOUD.replace(
        "{ id: gcp, title: GCP }",
        "{ id: gcp, title: GCP, requires: [aws-basics] }",
    );
    assert_eq!(flagged(&[&sibling], requires_alternative), ["gcp"]);
}

#[test]
fn requiring_an_alternative_is_fine_when_optional_inside_or_itself_an_alternative() {
    let cases = [
        // Optional, or under an optional group.
        "  - { id: extra, title: Extra, optional: true, requires: [aws] }\n",
        "  - id: more\n    title: More\n    optional: true\n    children:\n      - { id: lambda, title: Lambda, requires: [aws-basics] }\n",
        // An alternative of a choice of its own (Django may require Python).
        "  - id: iac\n    title: IaC\n    kind: choice\n    children:\n      - { id: cloudformation, title: CloudFormation, requires: [aws] }\n      - { id: terraform, title: Terraform }\n",
        // Requiring the choice itself.
        "  - { id: deploy, title: Deploy, requires: [cloud] }\n",
    ];
    for case in cases {
        let text = format!("{CLOUD}{case}");
        assert!(flagged(&[&text], requires_alternative).is_empty(), "{case}");
    }
    // Inside the alternative's own branch.
    assert!(flagged(&[CLOUD], requires_alternative).is_empty());
    // A choice that needs every alternative leaves none out.
    let all = CLOUD.replace("pick: 1", "pick: 2");
    let text = format!("{all}  - {{ id: core, title: Core, requires: [aws] }}\n");
    assert!(flagged(&[&text], requires_alternative).is_empty());
}

/// A group `g` of `n` topics, and `tail`.
fn group_of(n: usize, tail: &str) -> String {
    let children: Vec<String> = (1..=n)
        .map(|i| format!("      - {{ id: g{i}, title: G{i} }}"))
        .collect();
    format!(
        "id: t\ntitle: T\nnodes:\n  - id: g\n    title: G\n    children:\n{}\n{tail}",
        children.join("\n")
    )
}

#[test]
fn a_topic_requiring_a_whole_group_of_more_than_eight_is_flagged() {
    let leaf = "  - { id: x, title: X, requires: [g] }\n";
    let warnings = found(&[&group_of(9, leaf)], whole_group);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].0, "x");
    assert!(
        warnings[0].1.contains("requires all of `g`, 9 topics"),
        "{warnings:?}"
    );
    let project = "  - { id: x, title: X, kind: project, requires: [g] }\n";
    assert_eq!(flagged(&[&group_of(9, project)], whole_group), ["x"]);
    // Eight is a small unit.
    assert!(flagged(&[&group_of(8, leaf)], whole_group).is_empty());
    // A group after a group: sections in order.
    let section = "  - id: next\n    title: Next\n    requires: [g]\n    children:\n      - { id: y, title: Y }\n";
    assert!(flagged(&[&group_of(20, section)], whole_group).is_empty());
    // Optional children are not needed, and a choice needs its smallest alternative.
    let mut text = group_of(8, leaf);
    text = text.replace(
        "      - { id: g8, title: G8 }",
        "      - { id: g8, title: G8 }\n      - { id: g9, title: G9, optional: true }\n      - id: pick\n        title: Pick\n        kind: choice\n        children:\n          - { id: p1, title: P1 }\n          - id: p2\n            title: P2\n            children: [{ id: p3, title: P3 }, { id: p4, title: P4 }]",
    );
    assert_eq!(flagged(&[&text], whole_group), ["x"]);
    assert!(
        found(&[&text], whole_group)[0].1.contains("9 topics"),
        "8 required, 1 for the choice"
    );
}

#[test]
fn a_group_estimate_apart_from_its_leaves_sum_is_flagged() {
    let group = |own: &str, a: &str, b: &str, c: &str| {
        format!(
            "id: t\ntitle: T\nnodes:\n  - id: web\n    title: Web\n    estimate: {own}\n    children:\n      - {{ id: http, title: HTTP{a} }}\n      - {{ id: dns, title: DNS{b} }}\n      - {{ id: tls, title: TLS{c} }}\n"
        )
    };
    let e = |s: &str| format!(", estimate: {s}");
    let warnings = found(
        &[&group("1-2w", &e("1d"), &e("4h"), &e("4h"))],
        group_estimate,
    );
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(
        warnings[0].1,
        "group `web` is estimated at 1-2w, but what it needs adds up to 2d"
    );
    // Too small as well as too large.
    assert_eq!(
        flagged(
            &[&group("1h", &e("1d"), &e("4h"), &e("4h"))],
            group_estimate
        ),
        ["web"]
    );
    // Overlapping ranges agree well enough.
    assert!(
        flagged(
            &[&group("2-3d", &e("1-2d"), &e("4h"), &e("4h"))],
            group_estimate
        )
        .is_empty()
    );
    assert!(
        flagged(
            &[&group("2d", &e("1d"), &e("4h"), &e("4h"))],
            group_estimate
        )
        .is_empty()
    );
    // A leaf without an estimate shares the group's: nothing to compare.
    assert!(flagged(&[&group("1-2w", &e("1d"), &e("4h"), "")], group_estimate).is_empty());
    // An optional leaf does not count.
    assert!(
        flagged(
            &[&group(
                "2d",
                &e("1d"),
                &e("1d"),
                &format!("{}, optional: true", e("3w"))
            )],
            group_estimate
        )
        .is_empty()
    );
}

#[test]
fn a_choice_estimate_is_compared_with_its_quickest_alternative() {
    let text = "id: t\ntitle: T\nnodes:\n  - id: lang\n    title: Language\n    kind: choice\n    estimate: 1-2d\n    children:\n      - { id: rust, title: Rust, estimate: 6-10w }\n      - { id: go, title: Go, estimate: 1-2w }\n";
    let warnings = found(&[text], group_estimate);
    assert_eq!(
        warnings[0].1,
        "group `lang` is estimated at 1-2d, but what it needs adds up to 1-2w"
    );
    let fine = text.replace("estimate: 1-2d", "estimate: 1-3w");
    assert!(flagged(&[&fine], group_estimate).is_empty());
}

#[test]
fn every_lint_together_in_file_order() {
    let text = format!(
        "{CLOUD}  - id: web\n    title: Web\n    estimate: 1w\n    requires: [aws]\n    children:\n      - {{ id: http, title: HTTP, estimate: 1h }}\n"
    );
    let cat = catalog(&[&text]);
    let lints: Vec<(Lint, &str)> = lint(&cat, RoadmapIx::new(0))
        .into_iter()
        .map(|w| (w.lint, cat.node(w.node).id.as_str()))
        .collect();
    assert_eq!(
        lints,
        [
            (Lint::GroupEstimate, "web"),
            (Lint::RequiresAlternative, "web")
        ]
    );
}
