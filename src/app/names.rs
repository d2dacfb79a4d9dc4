//! Names to complete on a command line: roadmap ids and topic names,
//! from the roadmaps loaded now (so a new file completes at once).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::roadmap::sanitize::clean_line;

/// A name with the title that explains it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Name {
    /// What is typed.
    pub name: String,
    /// What it is (made safe to print).
    pub title: String,
}

/// The catalog, through the compiled cache: completion runs on every Tab.
fn load(
    data_dir: Option<&Path>,
    files: &[PathBuf],
) -> Result<(crate::graph::Catalog, super::Loading), super::AppError> {
    let cache = super::workspace::cache_dir().map(crate::roadmap::Cache::new);
    super::workspace::load_catalog(data_dir, files, cache.as_ref())
}

/// Every loaded roadmap's id, with its title.
pub fn roadmaps(data_dir: Option<&Path>, files: &[PathBuf]) -> Vec<Name> {
    let Ok((cat, _)) = load(data_dir, files) else {
        return Vec::new();
    };
    cat.roadmap_ixs()
        .map(|r| Name {
            name: cat.roadmap(r).id.clone(),
            title: clean_line(&cat.roadmap(r).title).into_owned(),
        })
        .collect()
}

/// Every node as `roadmap/node`, and every node id found in one roadmap
/// only (`http` when only one roadmap has an `http`), with its title.
pub fn topics(data_dir: Option<&Path>, files: &[PathBuf]) -> Vec<Name> {
    let Ok((cat, _)) = load(data_dir, files) else {
        return Vec::new();
    };
    let mut bare: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut out = Vec::new();
    for (i, n) in cat.ids().enumerate() {
        let node = cat.node(n);
        bare.entry(node.id.as_str()).or_default().push(i);
        out.push(Name {
            name: cat.qualified(n),
            title: clean_line(&node.title).into_owned(),
        });
    }
    let unique: Vec<Name> = bare
        .into_iter()
        .filter(|(_, at)| at.len() == 1)
        .map(|(id, at)| Name {
            name: id.to_string(),
            title: out[at[0]].title.clone(),
        })
        .collect();
    out.extend(unique);
    out
}
