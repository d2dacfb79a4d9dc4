//! Where roadmaps come from: built in, the user's data folder, named files.
//! A later source with the same id replaces an earlier one, with a note.

use std::path::{Path, PathBuf};

use crate::{Cache, Diagnostic, Origin, Roadmap, parse};

/// Roadmaps read from every source, with what went wrong on the way.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Good roadmaps, later sources having replaced earlier ones.
    pub roadmaps: Vec<Roadmap>,
    /// Problems in the user's data folder: shown, and the file skipped.
    pub warnings: Vec<Diagnostic>,
    /// Problems in files named on the command line: these stop the command.
    pub errors: Vec<Diagnostic>,
    /// Replacements and other notes for stderr.
    pub notes: Vec<String>,
}

impl Loaded {
    fn add(&mut self, roadmap: Roadmap) {
        if let Some(old) = self.roadmaps.iter_mut().find(|r| r.id == roadmap.id) {
            self.notes.push(format!(
                "note: roadmap `{}` from {} replaces the one from {}",
                roadmap.id, roadmap.origin, old.origin
            ));
            *old = roadmap;
        } else {
            self.roadmaps.push(roadmap);
        }
    }
}

/// Loads `builtin`, then `data_dir/roadmaps/*.yaml` (sorted), then `files`,
/// later ones replacing earlier ones with the same id. With a `cache`, files
/// that validated before are decoded from it instead of parsed.
pub fn load(
    builtin: Vec<Roadmap>,
    data_dir: Option<&Path>,
    files: &[PathBuf],
    cache: Option<&Cache>,
) -> Loaded {
    let mut loaded = Loaded {
        roadmaps: builtin,
        ..Loaded::default()
    };
    if let Some(dir) = data_dir.map(|d| d.join("roadmaps")) {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        paths.retain(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"));
        paths.sort();
        for path in paths {
            match read_cached(&path, Origin::DataDir(path.clone()), cache) {
                Ok(r) => loaded.add(r),
                Err(errs) => loaded.warnings.extend(errs),
            }
        }
    }
    for path in files {
        match read_cached(path, Origin::File(path.clone()), cache) {
            Ok(r) => loaded.add(r),
            Err(errs) => loaded.errors.extend(errs),
        }
    }
    loaded
}

/// What the roadmap files look like on disk now: each file's path, size and
/// modification time, for the data folder's `*.yaml` and the named files.
/// Two fingerprints differ when a file was added, removed or rewritten, so a
/// long-running program can notice an edit without reading any file.
pub fn fingerprint(
    data_dir: Option<&Path>,
    files: &[PathBuf],
) -> Vec<(PathBuf, u64, Option<std::time::SystemTime>)> {
    let mut paths: Vec<PathBuf> = data_dir
        .map(|d| d.join("roadmaps"))
        .and_then(|dir| std::fs::read_dir(dir).ok())
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"));
    paths.sort();
    paths.extend(files.iter().cloned());
    paths
        .into_iter()
        .map(|p| {
            let meta = std::fs::metadata(&p).ok();
            let len = meta.as_ref().map_or(0, |m| m.len());
            let modified = meta.and_then(|m| m.modified().ok());
            (p, len, modified)
        })
        .collect()
}

/// Reads and parses one file, with positions for every diagnostic.
pub fn read(path: &Path, origin: Origin) -> Result<Roadmap, Vec<Diagnostic>> {
    let name = path.display().to_string();
    let bytes = read_or_explain(path, &name)?;
    parse(&name, origin, &bytes)
}

/// Reads a regular file, at most one byte past the size limit (enough for the
/// parser to refuse it): `/dev/zero` or a pipe must not fill memory.
fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    // Checked before opening: opening a named pipe blocks until a writer comes.
    if !std::fs::metadata(path)?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(crate::limits::MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads one file through `cache`: decoded when these exact bytes validated
/// before, else parsed (and cached when it validates).
fn read_cached(
    path: &Path,
    origin: Origin,
    cache: Option<&Cache>,
) -> Result<Roadmap, Vec<Diagnostic>> {
    let Some(cache) = cache else {
        return read(path, origin);
    };
    let name = path.display().to_string();
    let bytes = read_or_explain(path, &name)?;
    // One entry per file wherever it is named from (`big.yaml` here is
    // `/home/me/big.yaml`), so cleaning up can tell which files are gone.
    let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if let Some(mut roadmap) = cache.get(&key, &bytes) {
        // The same bytes at the same path: only where it was loaded from differs.
        roadmap.origin = origin;
        roadmap.file = name;
        return Ok(roadmap);
    }
    let roadmap = parse(&name, origin, &bytes)?;
    cache.put(&key, &bytes, &roadmap);
    Ok(roadmap)
}

/// The file's bytes, or a diagnostic saying why they cannot be read.
fn read_or_explain(path: &Path, name: &str) -> Result<Vec<u8>, Vec<Diagnostic>> {
    read_bounded(path).map_err(|e| {
        let hint = match e.kind() {
            std::io::ErrorKind::NotFound => "check the path",
            std::io::ErrorKind::PermissionDenied => "check the file's permissions",
            _ if path.is_dir() => "name a .yaml file, not a folder",
            _ => "name a regular .yaml file",
        };
        vec![Diagnostic::new(name, None, format!("cannot read file: {e}")).hint(hint)]
    })
}
