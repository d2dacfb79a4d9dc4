//! What every command works with: the catalog, the user, the store.

use std::io::Write;
use std::path::PathBuf;

use crate::graph::{Catalog, NodeId, State};
use crate::progress::Store;
use crate::roadmap::sanitize::clean_line;
use crate::roadmap::{Diagnostic, diagnostic::did_you_mean, sources};

use super::args::Global;
use super::error::CliError;
use super::output::Style;

/// Loaded roadmaps, the user, and (once asked for) the open database.
pub struct Context {
    /// Every loaded roadmap.
    pub catalog: Catalog,
    /// Whose progress.
    pub user: String,
    /// Where the database is.
    pub db_path: PathBuf,
    /// The data folder, if the platform has one.
    pub data_dir: Option<PathBuf>,
    /// `--json`.
    pub json: bool,
    /// Colour for text output.
    pub style: Style,
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

impl Context {
    /// Loads roadmaps from every source. Notes and skipped data-folder files
    /// go to `err`; errors in files named with `--roadmap` stop here.
    pub fn load(
        global: &Global,
        err: &mut dyn Write,
        is_terminal: bool,
    ) -> Result<Context, CliError> {
        let data_dir = data_dir();
        let files = global.roadmap_files();
        let loaded = sources::load(crate::roadmap::builtin(), data_dir.as_deref(), &files);
        for note in &loaded.notes {
            writeln!(err, "{}", crate::roadmap::sanitize::clean_line(note))?;
        }
        let mut fatal = loaded.errors;
        let mut warnings = loaded.warnings;
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
            return Err(CliError::Roadmaps(fatal));
        }
        for w in &warnings {
            writeln!(err, "warning: {w}")?;
        }
        if !warnings.is_empty() {
            writeln!(
                err,
                "warning: skipped roadmap files with errors; fix them or run `skilltree validate FILE`"
            )?;
        }
        let db_path = match (&global.db, &data_dir) {
            (Some(p), _) => p.clone(),
            (None, Some(d)) => d.join("progress.db"),
            (None, None) => {
                return Err(CliError::input(
                    "cannot find a data folder for the progress database",
                    "pass --db PATH or set SKILLTREE_DB",
                ));
            }
        };
        let user = global
            .user
            .clone()
            .filter(|u| !u.trim().is_empty())
            .unwrap_or_else(login_name);
        if user.chars().any(char::is_control) {
            return Err(CliError::input(
                format!(
                    "user name `{}` contains control characters",
                    clean_line(&user)
                ),
                "use a plain name with --user or SKILLTREE_USER",
            ));
        }
        Ok(Context {
            catalog,
            user,
            db_path,
            data_dir,
            json: global.json,
            style: if global.json {
                Style::plain()
            } else {
                Style::detect(is_terminal)
            },
            warnings,
            store: None,
        })
    }

    /// The progress database, opened on first use.
    pub fn store(&mut self) -> Result<&mut Store, CliError> {
        if self.store.is_none() {
            self.store = Some(Store::open(&self.db_path)?);
        }
        Ok(self.store.as_mut().expect("opened above"))
    }

    /// The catalog and the open database together, for code that needs both
    /// at once (the terminal UI).
    pub fn parts(&mut self) -> Result<(&Catalog, &mut Store), CliError> {
        self.store()?;
        Ok((&self.catalog, self.store.as_mut().expect("opened above")))
    }

    /// The database if there is one: commands that only read never create it
    /// (nor claim an empty file as one).
    pub fn existing_store(&mut self) -> Result<Option<&mut Store>, CliError> {
        if self.store.is_none()
            && std::fs::metadata(&self.db_path).is_ok_and(|m| m.len() > 0 || m.is_dir())
        {
            self.store = Some(Store::open(&self.db_path)?);
        }
        Ok(self.store.as_mut())
    }

    /// Every node's status for the user.
    pub fn state(&mut self) -> Result<State, CliError> {
        let user = self.user.clone();
        let progress = match self.existing_store()? {
            Some(store) => store.statuses(&user)?,
            None => Default::default(),
        };
        Ok(State::evaluate(&self.catalog, &progress))
    }

    /// The roadmap named `id`, or an error with a suggestion.
    pub fn roadmap(&self, id: &str) -> Result<usize, CliError> {
        self.catalog.find_roadmap(id).ok_or_else(|| {
            let ids = self.catalog.roadmaps().iter().map(|r| r.id.as_str());
            let hint = match did_you_mean(id, ids.clone()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("loaded roadmaps: {}", ids.collect::<Vec<_>>().join(", ")),
            };
            CliError::input(format!("no roadmap `{id}`"), hint)
        })
    }

    /// Every node `text` may mean; an error when none.
    pub fn candidates(&self, text: &str) -> Result<Vec<NodeId>, CliError> {
        let cat = &self.catalog;
        let mut found = cat.lookup(text);
        if found.is_empty() {
            // A shared topic key names the same thing wherever it appears.
            found = (0..cat.len())
                .filter(|&n| !cat.node(n).is_group() && cat.key(n) == text)
                .collect();
        }
        if found.is_empty() {
            let names: Vec<String> = (0..cat.len()).map(|n| cat.qualified(n)).collect();
            let ids = (0..cat.len()).map(|n| cat.node(n).id.as_str());
            let hint = did_you_mean(text, names.iter().map(String::as_str).chain(ids))
                .map(|s| format!("did you mean `{s}`?"))
                .unwrap_or_else(|| "`skilltree show ROADMAP` lists a roadmap's topics".to_string());
            return Err(CliError::input(format!("no topic `{text}`"), hint));
        }
        Ok(found)
    }

    /// The one node `text` means. Several nodes sharing one topic count as one
    /// when `same_key_is_enough` (marking any of them marks all).
    pub fn resolve(&self, text: &str, same_key_is_enough: bool) -> Result<NodeId, CliError> {
        let found = self.candidates(text)?;
        let cat = &self.catalog;
        let one_key = found
            .iter()
            .all(|&n| !cat.node(n).is_group() && cat.key(n) == cat.key(found[0]));
        if found.len() == 1 || (same_key_is_enough && one_key) {
            return Ok(found[0]);
        }
        let names: Vec<String> = found.iter().map(|&n| cat.qualified(n)).collect();
        Err(CliError::input(
            format!("`{text}` is in several roadmaps: {}", names.join(", ")),
            format!("name one as ROADMAP/NODE, e.g. `{}`", names[0]),
        ))
    }
}
