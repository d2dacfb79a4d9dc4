//! Opening a workspace: the roadmaps from every source, the user, and the
//! progress database (opened only when a command needs it).

use std::path::PathBuf;

use crate::graph::{Catalog, NodeId, RoadmapIx, State};
use crate::progress::{Store, is_server_url, redact};
use crate::roadmap::sanitize::clean_line;
use crate::roadmap::{Cache, Diagnostic, sources};

use super::AppError;
use super::clock::Clock;
use super::resolve::{self, Purpose};

/// The roadmap files on disk: path, size, modification time.
pub type Fingerprint = Vec<(PathBuf, u64, Option<std::time::SystemTime>)>;

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
    /// Where compiled roadmap files are kept [default: [`cache_dir`]].
    pub cache_dir: Option<PathBuf>,
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
    /// The compiled-roadmap cache, if there is a folder for it.
    cache: Option<Cache>,
    /// Problems in the data folder's roadmaps (skipped files).
    pub warnings: Vec<Diagnostic>,
    /// Whether the database path was named rather than the default.
    db_named: bool,
    /// The roadmap files named by the user, for reloading.
    roadmap_files: Vec<PathBuf>,
    /// Set when this workspace created a database outside the data folder.
    created: Option<PathBuf>,
    store: Option<Store>,
    /// Where "now" comes from, read once at open.
    clock: Clock,
}

/// `SKILLTREE_DATA_DIR`, else the platform's data folder for skilltree.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("SKILLTREE_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "skilltree").map(|p| p.data_dir().to_path_buf())
}

/// Where compiled roadmap files are cached: `SKILLTREE_CACHE_DIR`; else,
/// when `SKILLTREE_DATA_DIR` moves the data folder, its `cache` folder (so a
/// data folder set up apart, for a test or a portable copy, keeps its cache
/// with it); else the platform's cache folder for skilltree.
pub fn cache_dir() -> Option<PathBuf> {
    let var = |name| std::env::var_os(name).filter(|d| !d.is_empty());
    if let Some(dir) = var("SKILLTREE_CACHE_DIR") {
        return Some(PathBuf::from(dir));
    }
    if let Some(dir) = var("SKILLTREE_DATA_DIR") {
        return Some(PathBuf::from(dir).join("cache"));
    }
    directories::ProjectDirs::from("", "", "skilltree").map(|p| p.cache_dir().to_path_buf())
}

/// The user named in a server URL, if `db` is one that names a user.
fn server_user(db: &std::path::Path) -> Option<String> {
    let url = db.to_str().filter(|d| is_server_url(d))?;
    crate::progress::url_user(url)
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
/// data folder's broken files are skipped with a warning. Files that
/// validated before are decoded from `cache`.
pub fn load_catalog(
    data_dir: Option<&std::path::Path>,
    files: &[PathBuf],
    cache: Option<&Cache>,
) -> Result<(Catalog, Loading), AppError> {
    let loaded = sources::load(crate::roadmap::builtin(), data_dir, files, cache);
    let mut fatal = loaded.errors;
    let mut warnings = loaded.warnings;
    let (catalog, diags) = Catalog::build(loaded.roadmaps);
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
        let clock = Clock::from_env()?;
        let data_dir = options.data_dir.or_else(data_dir);
        let cache = options.cache_dir.or_else(cache_dir).map(Cache::new);
        let (catalog, loading) =
            load_catalog(data_dir.as_deref(), &options.roadmap_files, cache.as_ref())?;
        let db_named = options.db.is_some();
        let db_path = match (options.db, &data_dir) {
            (Some(p), _) => p,
            (None, Some(d)) => d.join("progress.db"),
            (None, None) => return Err(AppError::NoDataDir),
        };
        // On a server, a learner is the role they log in as.
        let user = options
            .user
            .filter(|u| !u.trim().is_empty())
            .or_else(|| server_user(&db_path))
            .unwrap_or_else(login_name);
        // A name that reorders or breaks text could pass for another user's.
        if user.chars().any(crate::roadmap::sanitize::is_unsafe) {
            return Err(AppError::BadUser(clean_line(&user).into_owned()));
        }
        let ws = Workspace {
            catalog,
            user,
            db_path,
            data_dir,
            cache,
            warnings: loading.warnings.clone(),
            roadmap_files: options.roadmap_files,
            db_named,
            created: None,
            store: None,
            clock,
        };
        Ok((ws, loading))
    }

    /// Whether the database is on a PostgreSQL server rather than in a file.
    pub fn on_server(&self) -> bool {
        self.db_path.to_str().is_some_and(is_server_url)
    }

    /// Where the database is, for showing: the file, or the server URL without its password.
    pub fn db_location(&self) -> String {
        match self.db_path.to_str().filter(|p| is_server_url(p)) {
            Some(url) => redact(url),
            None => self.db_path.display().to_string(),
        }
    }

    /// The progress database, opened (and created) on first use.
    pub fn store(&mut self) -> Result<&mut Store, AppError> {
        if self.store.is_none() && self.on_server() {
            self.store = Some(Store::open_location(&self.db_path)?);
        }
        if self.store.is_none() {
            let new = !self.db_path.exists();
            // The default's folder is the data folder, made when needed; a
            // named path must be somewhere that exists (a typo creates nothing).
            if new && self.db_named {
                let parent = self.db_path.parent().filter(|p| !p.as_os_str().is_empty());
                if let Some(parent) = parent.filter(|p| !p.is_dir()) {
                    return Err(AppError::input(
                        format!(
                            "cannot create {}: the folder {} does not exist",
                            clean_line(&self.db_path.display().to_string()),
                            clean_line(&parent.display().to_string())
                        ),
                        "create the folder first, or name a database in a folder that exists",
                    ));
                }
            }
            self.store = Some(self.open_store()?);
            let outside = self
                .data_dir
                .as_ref()
                .is_none_or(|d| !self.db_path.starts_with(d));
            if new && outside {
                self.created = Some(self.db_path.clone());
            }
        }
        Ok(self.store.as_mut().expect("opened above"))
    }

    /// The roadmap files as they are on disk now (see [`sources::fingerprint`]):
    /// compare two to know whether to reload.
    pub fn roadmap_fingerprint(&self) -> Fingerprint {
        sources::fingerprint(self.data_dir.as_deref(), &self.roadmap_files)
    }

    /// Where the roadmap files are, to take fingerprints without the workspace.
    pub fn roadmap_sources(&self) -> (Option<PathBuf>, Vec<PathBuf>) {
        (self.data_dir.clone(), self.roadmap_files.clone())
    }

    /// Reads every roadmap file again. On an error that would stop a command
    /// (a named file broken) the roadmaps loaded before are kept.
    pub fn reload_roadmaps(&mut self) -> Result<Loading, AppError> {
        let (catalog, loading) = load_catalog(
            self.data_dir.as_deref(),
            &self.roadmap_files,
            self.cache.as_ref(),
        )?;
        self.catalog = catalog;
        self.warnings = loading.warnings.clone();
        Ok(loading)
    }

    /// The database this workspace created outside the data folder, once:
    /// the front end says where it is.
    pub fn take_created(&mut self) -> Option<PathBuf> {
        self.created.take()
    }

    /// A sentence about who the user is when the database does not know them
    /// yet: for a reading command, that they have no progress (with the
    /// users it does know: a mistyped name looks like a fresh start); for a
    /// writing one, that they are being added. `None` when nothing is odd.
    pub fn user_notice(&mut self, writes: bool) -> Result<Option<String>, AppError> {
        let user = self.user.clone();
        let Some(store) = self.existing_store()? else {
            return Ok(None);
        };
        let users = store.users()?;
        if users.is_empty() || users.contains(&user) {
            return Ok(None);
        }
        let known: Vec<String> = users.iter().map(|u| clean_line(u).into_owned()).collect();
        let user = clean_line(&user);
        Ok(Some(if writes {
            format!(
                "adding a new user `{user}` to this database (it has: {})",
                known.join(", ")
            )
        } else {
            format!(
                "no progress recorded for `{user}`; this database has: {}",
                known.join(", ")
            )
        }))
    }

    /// Closes the database, and leaves the roadmaps' memory to be returned
    /// whole when the process exits: freeing every topic's strings one by one
    /// was a sixth of a short command's work. Only for a process about to end.
    pub fn close(mut self) {
        drop(self.store.take());
        std::mem::forget(self);
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
        // An empty regular file is no database yet; anything else that is
        // there (a folder, a pipe, a device) is opened, and refused as such.
        if self.store.is_none() && self.on_server() {
            return self.store().map(Some);
        }
        if self.store.is_none()
            && std::fs::metadata(&self.db_path).is_ok_and(|m| m.len() > 0 || !m.is_file())
        {
            self.store = Some(self.open_store()?);
        }
        Ok(self.store.as_mut())
    }

    /// Opens the database with this workspace's clock.
    fn open_store(&self) -> Result<Store, AppError> {
        let mut store = Store::open(&self.db_path)?;
        if let Some(at) = self.clock.fixed {
            store.set_clock(move || at);
        }
        Ok(store)
    }

    /// Now, by the workspace's clock (fixed by `SKILLTREE_NOW`, else the system's).
    pub fn now(&self) -> jiff::Timestamp {
        self.clock.now()
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

    /// The user's note on node `id`: under its key, else under a former
    /// key (a renamed node keeps its note). Reads the keys it needs, no more.
    pub fn note_for(&mut self, id: NodeId) -> Result<Option<String>, AppError> {
        let user = self.user.clone();
        let (cat, Some(store)) = self.existing_parts()? else {
            return Ok(None);
        };
        for key in std::iter::once(cat.key(id)).chain(cat.alias_keys(id).iter().map(String::as_str))
        {
            if let Some(note) = store.note(&user, key)? {
                return Ok(Some(note));
            }
        }
        Ok(None)
    }

    /// The files in the data folder that were skipped for their errors.
    pub fn skipped_files(&self) -> Vec<String> {
        let mut files: Vec<String> = self.warnings.iter().map(|w| w.file.clone()).collect();
        files.sort();
        files.dedup();
        files
    }
}
