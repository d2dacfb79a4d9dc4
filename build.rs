//! Embeds the built-in roadmaps (`roadmaps/*.yaml`) in the binary.
//!
//! Each file is read with skilltree's own parser (the `skilltree-roadmap`
//! crate, a build-dependency) and stored as compact postcard data, so a broken
//! built-in fails the build with `FILE:LINE:COL` and starting skilltree costs
//! no YAML parsing. The texts are embedded too, for tests.

use std::fmt::Write as _;
use std::{env, fs, path::Path};

use skilltree_roadmap::{Origin, Roadmap, parse};

fn main() {
    println!("cargo::rerun-if-changed=roadmaps");
    let root = env::var("CARGO_MANIFEST_DIR").expect("set by cargo");
    let dir = Path::new(&root).join("roadmaps");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "yaml"));
    files.sort();

    let mut texts = String::from(
        "/// Built-in roadmap files: (file name, contents).\npub static BUILTIN_FILES: &[(&str, &str)] = &[\n",
    );
    let mut roadmaps: Vec<Roadmap> = Vec::new();
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
        .expect("write to a String");
        let bytes = fs::read(path).expect("read built-in roadmap");
        match parse(&format!("built-in:{name}"), Origin::Builtin, &bytes) {
            Ok(r) => roadmaps.push(r),
            Err(diags) => failures.extend(diags.iter().map(ToString::to_string)),
        }
    }
    texts.push_str("];\n");
    if !failures.is_empty() {
        panic!("built-in roadmaps have errors:\n{}", failures.join("\n"));
    }
    let data = postcard::to_allocvec(&roadmaps).expect("encode built-in roadmaps");
    let out = Path::new(&env::var("OUT_DIR").expect("set by cargo")).to_path_buf();
    fs::write(out.join("builtin_files.rs"), texts).expect("write builtin_files.rs");
    fs::write(out.join("builtin.postcard"), data).expect("write builtin.postcard");
}
