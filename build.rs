//! Embeds every `roadmaps/*.yaml` file into the binary, so an installed
//! skilltree works anywhere and a new roadmap needs no code change.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo::rerun-if-changed=roadmaps");
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("set by cargo")).join("roadmaps");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "yaml"));
    files.sort();
    let mut out = String::from(
        "/// Built-in roadmap files: (file name, contents).\npub static BUILTIN: &[(&str, &str)] = &[\n",
    );
    for path in &files {
        println!("cargo::rerun-if-changed={}", path.display());
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("utf-8 file name");
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("set by cargo")).join("builtin_roadmaps.rs");
    fs::write(dest, out).expect("write builtin_roadmaps.rs");
}
