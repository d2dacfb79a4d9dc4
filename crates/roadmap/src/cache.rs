//! A compiled cache of roadmap files: each file that fully validated, stored
//! as postcard data beside a hash of the bytes it came from, so the next run
//! decodes it instead of parsing and checking YAML again.
//!
//! The cache never changes an answer. An entry is used only when its file's
//! bytes hash to the same value and it was written by a build with the same
//! checks; a truncated, edited or foreign entry fails its own checksum or
//! header and is ignored, then rewritten. Only roadmaps that passed every
//! check are stored, so a file loads from the cache exactly when it would
//! load (and validate) without it. Writing is best effort: a read-only or
//! missing cache folder only costs the parse.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_128;

use crate::Roadmap;

/// First bytes of every entry; anything else in the folder is not ours.
const MAGIC: &[u8; 16] = b"skilltree-cache\n";
/// Bumped when the entry layout changes.
const LAYOUT: u32 = 1;
/// This build's checks (see build.rs): entries from other builds are stale.
const BUILD: &str = env!("SKILLTREE_ROADMAP_BUILD");
/// Entries larger than this are not read (a checked roadmap encodes smaller
/// than its YAML, which the reader limits to [`crate::limits::MAX_BYTES`]).
const MAX_ENTRY: u64 = 2 * crate::limits::MAX_BYTES as u64;

/// A folder of compiled roadmaps.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// What an entry holds after the header. The first three fields are also
/// read alone, as [`Head`], when cleaning up.
#[derive(Serialize, Deserialize)]
struct Entry<'a> {
    layout: u32,
    build: &'a str,
    /// The source file, so entries of deleted files can be cleaned up.
    path: PathBuf,
    /// xxh3-128 of the source file's bytes.
    source: u128,
    roadmap: Roadmap,
}

/// The start of an [`Entry`].
#[derive(Deserialize)]
struct Head {
    layout: u32,
    #[serde(rename = "build")]
    _build: String,
    path: PathBuf,
}

impl Cache {
    /// A cache kept in `dir` (created on first write).
    pub fn new(dir: impl Into<PathBuf>) -> Cache {
        Cache { dir: dir.into() }
    }

    /// The folder entries live in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The roadmap compiled from exactly `bytes` read at `path` (best given
    /// absolute: entries of paths that no longer exist are cleaned up), if cached.
    pub fn get(&self, path: &Path, bytes: &[u8]) -> Option<Roadmap> {
        let data = read_small(&self.entry_path(path))?;
        let entry = decode(&data)?;
        (entry.layout == LAYOUT
            && entry.build == BUILD
            && entry.path == path
            && entry.source == xxh3_128(bytes))
        .then_some(entry.roadmap)
    }

    /// Stores `roadmap`, compiled from `bytes` read at `path`. Failures are
    /// ignored: the cache only ever saves time.
    pub fn put(&self, path: &Path, bytes: &[u8], roadmap: &Roadmap) {
        let entry = Entry {
            layout: LAYOUT,
            build: BUILD,
            path: path.to_path_buf(),
            source: xxh3_128(bytes),
            roadmap: roadmap.clone(),
        };
        let Ok(payload) = postcard::to_allocvec(&entry) else {
            return;
        };
        if fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        self.forget_deleted();
        let mut data = Vec::with_capacity(MAGIC.len() + 16 + payload.len());
        data.extend_from_slice(MAGIC);
        data.extend_from_slice(&xxh3_128(&payload).to_le_bytes());
        data.extend_from_slice(&payload);
        // Written aside and renamed, so a reader never sees half an entry.
        let Ok(mut tmp) = tempfile::NamedTempFile::new_in(&self.dir) else {
            return;
        };
        if tmp.write_all(&data).is_ok() {
            let _ = tmp.persist(self.entry_path(path));
        }
    }

    /// One entry per source path: an edited file replaces its own entry.
    fn entry_path(&self, path: &Path) -> PathBuf {
        let key = xxh3_128(path.as_os_str().as_encoded_bytes());
        self.dir.join(format!("{key:032x}.roadmap"))
    }

    /// Removes entries whose source file is gone, so the folder stays the
    /// size of the files in use. Runs only when an entry is written.
    fn forget_deleted(&self) {
        let Ok(dir) = fs::read_dir(&self.dir) else {
            return;
        };
        for file in dir.filter_map(Result::ok).map(|e| e.path()) {
            if !is_entry_name(&file) {
                continue;
            }
            let stale = match read_head(&file) {
                Some(head) => head.layout != LAYOUT || !head.path.exists(),
                None => true,
            };
            if stale {
                let _ = fs::remove_file(&file);
            }
        }
    }
}

/// Whether `path` is named like an entry (`<32 hex digits>.roadmap`): the
/// only files the cleanup may remove.
fn is_entry_name(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.strip_suffix(".roadmap")
        .is_some_and(|stem| stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The head of the entry at `path`, reading only its first few kilobytes.
fn read_head(path: &Path) -> Option<Head> {
    use std::io::Read as _;
    let mut start = Vec::new();
    fs::File::open(path)
        .ok()?
        .take(8 * 1024)
        .read_to_end(&mut start)
        .ok()?;
    let rest = start.strip_prefix(MAGIC.as_slice())?;
    let payload = rest.get(16..)?;
    postcard::take_from_bytes::<Head>(payload)
        .ok()
        .map(|(head, _)| head)
}

/// A file's bytes if it is a regular file no larger than an entry can be.
fn read_small(path: &Path) -> Option<Vec<u8>> {
    let meta = fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_ENTRY {
        return None;
    }
    fs::read(path).ok()
}

/// The entry in `data`, if its header and checksum hold.
fn decode(data: &[u8]) -> Option<Entry<'_>> {
    let rest = data.strip_prefix(MAGIC.as_slice())?;
    let (sum, payload) = rest.split_at_checked(16)?;
    let sum = u128::from_le_bytes(sum.try_into().ok()?);
    if xxh3_128(payload) != sum {
        return None;
    }
    postcard::from_bytes(payload).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Origin, parse};

    const YAML: &str = "id: a\ntitle: A\nnodes:\n  - { id: x, title: X }\n";

    fn compiled(text: &str) -> Roadmap {
        parse("a.yaml", Origin::Builtin, text.as_bytes()).expect("valid")
    }

    fn setup() -> (tempfile::TempDir, PathBuf, Cache) {
        let dir = tempfile::tempdir().expect("temp dir");
        let source = dir.path().join("a.yaml");
        fs::write(&source, YAML).expect("write");
        let cache = Cache::new(dir.path().join("cache"));
        (dir, source, cache)
    }

    fn only_entry(cache: &Cache) -> PathBuf {
        let entries: Vec<PathBuf> = fs::read_dir(cache.dir())
            .expect("cache folder")
            .map(|e| e.expect("entry").path())
            .collect();
        assert_eq!(entries.len(), 1, "{entries:?}");
        entries[0].clone()
    }

    #[test]
    fn a_stored_roadmap_comes_back_for_the_same_bytes_only() {
        let (_dir, source, cache) = setup();
        assert!(cache.get(&source, YAML.as_bytes()).is_none());
        cache.put(&source, YAML.as_bytes(), &compiled(YAML));
        let back = cache.get(&source, YAML.as_bytes()).expect("hit");
        assert_eq!(back.nodes[0].title, "X");
        // An edit of the same length, as a same-second save would leave it.
        let edited = YAML.replace("X }", "Y }");
        assert_eq!(edited.len(), YAML.len());
        assert!(cache.get(&source, edited.as_bytes()).is_none());
        // The same bytes at another path are another entry.
        assert!(
            cache
                .get(&source.with_file_name("b.yaml"), YAML.as_bytes())
                .is_none()
        );
    }

    #[test]
    fn damaged_or_foreign_entries_are_ignored_then_replaced() {
        let (_dir, source, cache) = setup();
        cache.put(&source, YAML.as_bytes(), &compiled(YAML));
        let entry = only_entry(&cache);
        let good = fs::read(&entry).expect("read entry");
        let flipped = {
            let mut b = good.clone();
            let last = b.len() - 1;
            b[last] ^= 0x40;
            b
        };
        for bad in [
            good[..good.len() / 2].to_vec(),
            flipped,
            b"not a cache entry".to_vec(),
            Vec::new(),
        ] {
            fs::write(&entry, &bad).expect("damage");
            assert!(cache.get(&source, YAML.as_bytes()).is_none());
        }
        cache.put(&source, YAML.as_bytes(), &compiled(YAML));
        assert_eq!(fs::read(only_entry(&cache)).expect("read"), good);
    }

    #[test]
    fn entries_of_deleted_files_go_when_the_next_one_is_written() {
        let (dir, source, cache) = setup();
        cache.put(&source, YAML.as_bytes(), &compiled(YAML));
        let stale = only_entry(&cache);
        fs::remove_file(&source).expect("delete source");
        let other = dir.path().join("b.yaml");
        fs::write(&other, YAML).expect("write");
        cache.put(&other, YAML.as_bytes(), &compiled(YAML));
        assert!(!stale.exists());
        assert!(cache.get(&other, YAML.as_bytes()).is_some());
        // Files not named like entries are never touched.
        let mine = cache.dir().join("notes.txt");
        fs::write(&mine, "keep").expect("write");
        cache.put(&other, YAML.as_bytes(), &compiled(YAML));
        assert!(mine.exists());
    }

    #[test]
    fn a_cache_that_cannot_be_written_costs_nothing_but_time() {
        let (dir, source, _) = setup();
        // A file where the folder should be: nothing can be created in it.
        let blocked = dir.path().join("blocked");
        fs::write(&blocked, "").expect("write");
        let cache = Cache::new(blocked.join("cache"));
        cache.put(&source, YAML.as_bytes(), &compiled(YAML));
        assert!(cache.get(&source, YAML.as_bytes()).is_none());
    }
}
