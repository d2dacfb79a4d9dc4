//! Roadmap files (the `skilltree-roadmap` crate) and the roadmaps built in.

pub use skilltree_roadmap::*;

include!(concat!(env!("OUT_DIR"), "/builtin_files.rs"));

/// The built-in roadmaps, in file-name order: parsed and checked when
/// skilltree was built (see build.rs), decoded here without parsing YAML.
pub fn builtin() -> Vec<Roadmap> {
    static DATA: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.postcard"));
    // Written by build.rs from these very types in this very build, so a
    // failure here is a build bug, not something a user's input can cause.
    postcard::from_bytes(DATA).expect("built-in roadmap data matches its types")
}
