//! Opening a workspace: the roadmaps from every source, the user, and the
//! progress database (opened only when a command needs it).

use std::path::PathBuf;

use crate::graph::{Catalog, NodeId, RoadmapIx, State};
use crate::progress::Store;
use crate::roadmap::sanitize::clean_line;
use crate::roadmap::{Diagnostic, sources};

use super::AppError;
use super::resolve::{self, Purpose};

/// What to open; `None` means the default.
#[derive(Debug, Clone, Default)]
pub struct WorkspaceOptions {
    /// The progress database [default: `<data dir>/progress.db`].
    pub db: Option<PathBuf>,
    /// Whose progress [default: the login name].
    pub user: Option<String>,
    /// Roadmap files named by the user: an error in one stops the command.
    pub roadmap_files: Vec<PathBuf>,
    /// The data folder [default: [`data_dir`]].
    pub data_dir: Option<PathBuf>,
}

/// What loading the roadmaps had to say, for the front end to show.
#[derive(Debug, Default)]
pub struct Loading {
    /// Replacements of one roadmap by another with the same id.
    pub notes: Vec<String>,
    /// Files in the data folder that were skipped, with why.
    pub warnings: Vec<Diagnostic>,
}

/// The per-user setting that holds the current roadmap: the one last opened
/// in the terminal UI or chosen with `use`.
pub const CURRENT_ROADMAP: &str = "last_roadmap";

/// Loaded roadmaps, the user, and (once asked for) the open database.
pub struct Workspace {
    /// Every loaded roadmap.
    pub catalog: Catalog,
    /// Whose progress.
    pub user: String,
    /// Where the database is.
    pub db_path: PathBuf,
    /// The data folder, if the platform has one.
    pub data_dir: Option<PathBuf>,
    /// Problems in the data folder's roadmaps (skipped files).
    pub warnings: Vec<Diagnostic>,
    store: Option<Store>,
}

/// `SKILLTREE_DATA_DIR`, else the platform's data folder for skilltree.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("SKILLTREE_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "skilltree").map(|p| p.data_dir().to_path_buf())
}

/// The login name, for the default user.
pub fn login_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "me".to_string())
}

/// Loads roadmaps from every source into a catalog: built-ins, the data
/// folder, then `files`. Errors in `files` or the built-ins are fatal; the
/// data folder's broken files are skipped with a warning.
pub fn load_catalog(
    data_dir: Option<&std::path::Path>,
    files: &[PathBuf],
) -> Result<(Catalog, Loading), AppError> {
    let loaded = sources::load(crate::roadmap::builtin(), data_dir, files);
    let mut fatal = loaded.errors;
    let mut warnings = loaded.warnings;
    // Errors must point at lines: files read by the fast path are read again.
    let (catalog, diags) = Catalog::build_with(loaded.roadmaps, sources::reread);
    let named: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    for d in diags {
        if named.contains(&d.file) || d.file.starts_with("built-in:") {
            fatal.push(d);
        } else {
            warnings.push(d);
        }
    }
    if !fatal.is_empty() {
        return Err(AppError::Roadmaps(fatal));
    }
    let notes = loaded
        .notes
        .iter()
        .map(|n| clean_line(n).into_owned())
        .collect();
    Ok((catalog, Loading { notes, warnings }))
}

impl Workspace {
    /// Loads every roadmap and settles who the user is and where the
    /// database lives; the database itself is opened on first use.
    pub fn open(options: WorkspaceOptions) -> Result<(Workspace, Loading), AppError> {
        let data_dir = options.data_dir.or_else(data_dir);
        let (catalog, loading) = load_catalog(data_dir.as_deref(), &options.roadmap_files)?;
        let db_path = match (options.db, &data_dir) {
            (Some(p), _) => p,
            (None, Some(d)) => d.join("progress.db"),
            (None, None) => return Err(AppError::NoDataDir),
        };
        let user = options
            .user
            .filter(|u| !u.trim().is_empty())
            .unwrap_or_else(login_name);
        if user.chars().any(char::is_control) {
            return Err(AppError::BadUser(clean_line(&user).into_owned()));
        }
        let ws = Workspace {
            catalog,
            user,
            db_path,
            data_dir,
            warnings: loading.warnings.clone(),
            store: None,
        };
        Ok((ws, loading))
    }

    /// A workspace over a given catalog and store (tests, embedding).
    pub fn with_store(catalog: Catalog, store: Store, user: &str) -> Workspace {
        Workspace {
            catalog,
            user: user.to_string(),
            db_path: store.path().map(PathBuf::from).unwrap_or_default(),
            data_dir: None,
            warnings: Vec::new(),
            store: Some(store),
        }
    }

    /// The progress database, opened (and created) on first use.
    pub fn store(&mut self) -> Result<&mut Store, AppError> {
        if self.store.is_none() {
            self.store = Some(Store::open(&self.db_path)?);
        }
        Ok(self.store.as_mut().expect("opened above"))
    }

    /// The catalog and the open database together, for code that needs both
    /// at once (the terminal UI).
    pub fn parts(&mut self) -> Result<(&Catalog, &mut Store), AppError> {
        self.store()?;
        Ok((&self.catalog, self.store.as_mut().expect("opened above")))
    }

    /// The database if there is one: commands that only read never create it
    /// (nor claim an empty file as one).
    pub fn existing_store(&mut self) -> Result<Option<&mut Store>, AppError> {
        if self.store.is_none()
            && std::fs::metadata(&self.db_path).is_ok_and(|m| m.len() > 0 || m.is_dir())
        {
            self.store = Some(Store::open(&self.db_path)?);
        }
        Ok(self.store.as_mut())
    }

    /// The catalog and the database if there is one (see [`Workspace::existing_store`]).
    pub fn existing_parts(&mut self) -> Result<(&Catalog, Option<&mut Store>), AppError> {
        self.existing_store()?;
        Ok((&self.catalog, self.store.as_mut()))
    }

    /// Every node's status for the user.
    pub fn state(&mut self) -> Result<State, AppError> {
        let user = self.user.clone();
        let progress = match self.existing_store()? {
            Some(store) => store.statuses(&user)?,
            None => Default::default(),
        };
        Ok(State::evaluate(&self.catalog, &progress))
    }

    /// The roadmap the user works in: the one last opened or chosen, else
    /// the first loaded (where the terminal UI opens the first time).
    pub fn current_roadmap(&mut self) -> Result<Option<RoadmapIx>, AppError> {
        let user = self.user.clone();
        let chosen = match self.existing_store()? {
            Some(store) => store.setting(&user, CURRENT_ROADMAP)?,
            None => None,
        };
        let first = (!self.catalog.roadmaps().is_empty()).then(|| RoadmapIx::new(0));
        Ok(chosen
            .and_then(|id| self.catalog.find_roadmap(&id))
            .or(first))
    }

    /// Makes `r` the current roadmap.
    pub fn set_current_roadmap(&mut self, r: RoadmapIx) -> Result<(), AppError> {
        let user = self.user.clone();
        let id = self.catalog.roadmap(r).id.clone();
        self.store()?.set_setting(&user, CURRENT_ROADMAP, &id)?;
        Ok(())
    }

    /// The node `text` names, for `purpose`, the current roadmap deciding
    /// between roadmaps.
    pub fn resolve(&mut self, text: &str, purpose: Purpose) -> Result<NodeId, AppError> {
        let current = self.current_roadmap()?;
        resolve::node(&self.catalog, text, purpose, current)
    }

    /// The user's note on node `id` (a former key's counts), if any.
    pub fn note_for(&mut self, id: NodeId) -> Result<Option<String>, AppError> {
        let user = self.user.clone();
        let (cat, store) = self.existing_parts()?;
        let Some(store) = store else { return Ok(None) };
        let notes = store.notes(&user)?;
        Ok(super::note::of(cat, id, |k| notes.get(k).cloned()))
    }

    /// The user's note on `key`, if the database exists and has one.
    pub fn note(&mut self, key: &str) -> Result<Option<String>, AppError> {
        let user = self.user.clone();
        Ok(self
            .existing_store()?
            .map(|s| s.note(&user, key))
            .transpose()?
            .flatten())
    }
}
