//! Embeds the built-in roadmaps (`roadmaps/*.yaml`) in the binary.
//!
//! Each file is read with skilltree's own parser (the very source files of
//! `src/roadmap`, compiled in here) and emitted as static data, so a broken
//! built-in fails the build with `FILE:LINE:COL`, and starting skilltree
//! costs no YAML parsing. The texts are embedded too, for tests and re-reads.

use std::fmt::Write as _;
use std::{env, fs, path::Path};

// The parser's files refer to each other as `super::…`, so they sit at the
// top level here, as siblings, exactly as they do under src/roadmap.
#[allow(dead_code, unused_imports)]
#[path = "src/roadmap/check.rs"]
mod check;
#[allow(dead_code, unused_imports)]
#[path = "src/roadmap/diagnostic.rs"]
mod diagnostic;
#[allow(dead_code, unused_imports)]
#[path = "src/roadmap/estimate.rs"]
mod estimate;
#[allow(dead_code, unused_imports)]
#[path = "src/roadmap/limits.rs"]
mod limits;
#[allow(dead_code, unused_imports)]
#[path = "src/roadmap/model.rs"]
mod model;
#[allow(dead_code, unused_imports)]
#[path = "src/roadmap/pipeline.rs"]
mod pipeline;
#[allow(dead_code, unused_imports)]
#[path = "src/roadmap/raw.rs"]
mod raw;
#[allow(dead_code, unused_imports)]
#[path = "src/roadmap/sanitize.rs"]
mod sanitize;
#[allow(dead_code, unused_imports)]
#[path = "src/roadmap/schema.rs"]
mod schema;
#[allow(dead_code, unused_imports)]
#[path = "src/roadmap/yaml_tree.rs"]
mod yaml_tree;

use model::{Node, Origin, Roadmap};

fn main() {
    println!("cargo::rerun-if-changed=roadmaps");
    println!("cargo::rerun-if-changed=src/roadmap");
    let root = env::var("CARGO_MANIFEST_DIR").expect("set by cargo");
    let dir = Path::new(&root).join("roadmaps");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "yaml"));
    files.sort();

    let mut texts = String::from(
        "/// Built-in roadmap files: (file name, contents).\npub static BUILTIN: &[(&str, &str)] = &[\n",
    );
    let mut data = String::from(
        "/// The built-in roadmaps, parsed and checked at build time.\npub(super) static ROADMAPS: &[SRoadmap] = &[\n",
    );
    let mut failures = Vec::new();
    for path in &files {
        println!("cargo::rerun-if-changed={}", path.display());
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("utf-8 file name");
        writeln!(
            texts,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
        let bytes = fs::read(path).expect("read built-in roadmap");
        match pipeline::parse(&format!("built-in:{name}"), Origin::Builtin, &bytes) {
            Ok(r) => emit_roadmap(&mut data, &r),
            Err(diags) => failures.extend(diags.iter().map(ToString::to_string)),
        }
    }
    texts.push_str("];\n");
    data.push_str("];\n");
    if !failures.is_empty() {
        panic!("built-in roadmaps have errors:\n{}", failures.join("\n"));
    }
    let out = Path::new(&env::var("OUT_DIR").expect("set by cargo")).to_path_buf();
    fs::write(out.join("builtin_roadmaps.rs"), texts).expect("write builtin_roadmaps.rs");
    fs::write(out.join("builtin_data.rs"), data).expect("write builtin_data.rs");
}

fn pos(p: diagnostic::Pos) -> String {
    format!("({}, {})", p.line, p.col)
}

fn emit_roadmap(out: &mut String, r: &Roadmap) {
    writeln!(
        out,
        "    SRoadmap {{ id: {:?}, title: {:?}, description: {:?}, source: {:?}, file: {:?}, pos: {}, nodes: &[",
        r.id,
        r.title,
        r.description,
        r.source,
        r.file,
        pos(r.pos)
    )
    .unwrap();
    for n in &r.nodes {
        emit_node(out, n);
    }
    out.push_str("    ] },\n");
}

fn emit_node(out: &mut String, n: &Node) {
    let requires: Vec<String> = n
        .requires
        .iter()
        .map(|q| {
            format!(
                "SRef {{ roadmap: {:?}, id: {:?}, pos: {} }}",
                q.roadmap,
                q.id,
                pos(q.pos)
            )
        })
        .collect();
    let resources: Vec<String> = n
        .resources
        .iter()
        .map(|r| {
            format!(
                "SResource {{ title: {:?}, url: {:?}, kind: ResourceKind::{:?} }}",
                r.title, r.url, r.kind
            )
        })
        .collect();
    writeln!(
        out,
        "        SNode {{ id: {:?}, title: {:?}, summary: {:?}, description: {:?}, kind: Kind::{:?}, \
         estimate: {:?}, requires: &[{}], topic: {:?}, aliases: &{:?}, optional: {}, tags: &{:?}, \
         resources: &[{}], parent: {:?}, children: &{:?}, pick: {:?}, depth: {}, pos: {} }},",
        n.id,
        n.title,
        n.summary,
        n.description,
        n.kind,
        n.estimate.map(|e| (e.min_hours, e.max_hours)),
        requires.join(", "),
        n.topic,
        n.aliases,
        n.optional,
        n.tags,
        resources.join(", "),
        n.parent,
        n.children,
        n.pick,
        n.depth,
        pos(n.pos)
    )
    .unwrap();
}
