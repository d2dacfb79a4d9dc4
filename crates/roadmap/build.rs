//! Computes a fingerprint of this crate's sources, so a compiled roadmap
//! cached by one build is never trusted by a build whose checks differ.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::{env, fs, path::Path};

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("set by cargo");
    let src = Path::new(&root).join("src");
    println!("cargo::rerun-if-changed=src");
    println!("cargo::rerun-if-changed=Cargo.toml");
    let mut files: Vec<_> = fs::read_dir(&src)
        .expect("read src/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut hasher = DefaultHasher::new();
    env::var("CARGO_PKG_VERSION")
        .expect("set by cargo")
        .hash(&mut hasher);
    fs::read(Path::new(&root).join("Cargo.toml"))
        .expect("read Cargo.toml")
        .hash(&mut hasher);
    // A dependency upgrade (the YAML parser) can change what is accepted too.
    let lock = Path::new(&root).join("../../Cargo.lock");
    if let Ok(bytes) = fs::read(&lock) {
        println!("cargo::rerun-if-changed={}", lock.display());
        bytes.hash(&mut hasher);
    }
    for path in files {
        println!("cargo::rerun-if-changed={}", path.display());
        path.file_name().hash(&mut hasher);
        fs::read(&path)
            .expect("read a source file")
            .hash(&mut hasher);
    }
    println!(
        "cargo::rustc-env=SKILLTREE_ROADMAP_BUILD={:016x}",
        hasher.finish()
    );
}
