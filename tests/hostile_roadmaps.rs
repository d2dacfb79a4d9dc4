//! Hostile roadmap files: one set of rules decides what loads, whatever the
//! file looks like. A bounded property test runs mutated built-in roadmaps
//! through `validate`'s reader and through loading, and requires that they
//! agree and that neither panics.

use std::path::PathBuf;

use skilltree::roadmap::{Origin, parse, sources};

/// A small deterministic generator, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One random edit of the kind a person or a broken tool makes.
fn mutate(text: &str, rng: &mut Rng) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    let edits = 1 + rng.below(4);
    for _ in 0..edits {
        if bytes.is_empty() {
            // A file cut to nothing is a case too; grow it again from here.
            bytes.extend_from_slice(b"id: x\n");
        }
        let at = rng.below(bytes.len());
        match rng.below(8) {
            0 => {
                bytes.remove(at);
            }
            1 => {
                let set = b"[{:-#'\"\n\r\t &*!|>%@`";
                bytes.insert(at, set[rng.below(set.len())])
            }
            2 => {
                // Swap a line ending convention everywhere.
                let to: &[u8] = [&b"\r"[..], &b"\r\n"[..]][rng.below(2)];
                bytes = String::from_utf8_lossy(&bytes)
                    .replace('\n', std::str::from_utf8(to).unwrap())
                    .into_bytes();
            }
            3 => {
                let word: &[u8] = [
                    &b"0o7"[..],
                    b"0x10",
                    b"1e3",
                    b"true",
                    b"null",
                    b"~",
                    b"\"a\nb\"",
                    b"---\n",
                ][rng.below(8)];
                bytes.splice(at..at, word.iter().copied());
            }
            4 => {
                // Duplicate a stretch.
                let end = (at + rng.below(200)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
            5 => {
                let end = (at + rng.below(80)).min(bytes.len());
                bytes.drain(at..end);
            }
            6 => bytes.insert(at, 0xff),
            _ => bytes.truncate(at),
        }
    }
    bytes
}

#[test]
fn a_file_loads_exactly_when_validate_accepts_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x5eed_cafe_f00d);
    let mut accepted = 0;
    for round in 0..150 {
        let (name, text) =
            skilltree::roadmap::BUILTIN_FILES[round % skilltree::roadmap::BUILTIN_FILES.len()];
        let bytes = mutate(text, &mut rng);
        let path: PathBuf = dir.path().join(format!("m{round}.yaml"));
        std::fs::write(&path, &bytes).unwrap();
        let validated = parse(name, Origin::File(path.clone()), &bytes).is_ok();
        let loaded = sources::load(Vec::new(), None, std::slice::from_ref(&path), None);
        assert_eq!(
            loaded.errors.is_empty(),
            validated,
            "round {round}: loading and validate disagree about {}",
            String::from_utf8_lossy(&bytes)
                .chars()
                .take(300)
                .collect::<String>()
        );
        accepted += usize::from(validated);
    }
    // The mutations are not all fatal: both outcomes are exercised.
    assert!(
        accepted > 10 && accepted < 140,
        "{accepted} of 150 accepted"
    );
}

#[test]
fn what_validate_rejects_never_loads() {
    let dir = tempfile::tempdir().unwrap();
    for (i, text) in [
        "id: 0o7\ntitle: X\nnodes:\n  - { id: a, title: A }\n",
        "id: 0x10\ntitle: X\nnodes:\n  - { id: a, title: A }\n",
        "id: 1e3\ntitle: X\nnodes:\n  - { id: a, title: A }\n",
        "id: true\ntitle: X\nnodes:\n  - { id: a, title: A }\n",
        "id: x\ntitle: X\nnodes:\n  - { id: a, title: A, topic: 7 }\n",
        "id: x\ntitle: X\nnodes:\n  - { id: a, title: A, topic: null }\n",
        "id: x\ntitle: X\nnodes:\n  - { id: a, title: A, resources: [{ title: T, type: docs, url: \"https://a.org/\nb\" }] }\n",
        "id: x\ntitle: X\nnodes:\n  - { id: a, title: A }\n---\nid: y\n",
    ]
    .iter()
    .enumerate()
    {
        let path = dir.path().join(format!("r{i}.yaml"));
        std::fs::write(&path, text).unwrap();
        let loaded = sources::load(Vec::new(), None, std::slice::from_ref(&path), None);
        assert!(!loaded.errors.is_empty(), "loaded what validate rejects: {text}");
        assert!(
            loaded.errors.iter().all(|d| d.pos.is_some()),
            "every error has a line: {:?}",
            loaded.errors
        );
    }
}

/// The fuzz run: mutated roadmaps for `SKILLTREE_FUZZ_SECONDS` seconds
/// (default 10), seeded by `SKILLTREE_FUZZ_SEED`. Run it long with
/// `SKILLTREE_FUZZ_SECONDS=1800 cargo test --release --test hostile_roadmaps -- --ignored`.
/// Every input must parse without a panic, agree between loading and
/// validate, and take time in proportion to its size.
#[test]
#[ignore = "a long fuzz run; see the doc comment"]
fn fuzz_the_roadmap_reader() {
    let seconds: u64 = std::env::var("SKILLTREE_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let seed: u64 = std::env::var("SKILLTREE_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x0dd_ba11);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fuzz.yaml");
    let mut rng = Rng(seed | 1);
    let start = std::time::Instant::now();
    let mut runs = 0u64;
    let mut slowest = 0f64;
    while start.elapsed().as_secs() < seconds {
        let (name, text) = skilltree::roadmap::BUILTIN_FILES[rng.below(5)];
        // Mutations stack: a mutated file is mutated again, to wander further.
        let mut bytes = mutate(text, &mut rng);
        for _ in 0..rng.below(4) {
            bytes = mutate(&String::from_utf8_lossy(&bytes), &mut rng);
        }
        std::fs::write(&path, &bytes).unwrap();
        let t = std::time::Instant::now();
        let validated = parse(name, Origin::File(path.clone()), &bytes).is_ok();
        let per_kib = t.elapsed().as_secs_f64() / (bytes.len().max(1024) as f64 / 1024.0);
        slowest = slowest.max(per_kib);
        let loaded = sources::load(Vec::new(), None, std::slice::from_ref(&path), None);
        assert_eq!(
            loaded.errors.is_empty(),
            validated,
            "run {runs}, seed {seed}"
        );
        runs += 1;
    }
    eprintln!(
        "fuzz: {runs} inputs in {seconds} s, slowest {:.3} ms per KiB",
        slowest * 1000.0
    );
    // Linear time: no input may cost more than a generous constant per KiB.
    assert!(
        slowest < 0.05,
        "an input took {:.3} ms per KiB",
        slowest * 1000.0
    );
}
