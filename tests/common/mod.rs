//! A sandbox for running the real binary: its own data folder and database,
//! a fixed user, no colour. Shared by the test files that drive the CLI.

#![allow(dead_code)] // each test file uses a different part

#[cfg(unix)]
pub mod pty;

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// A sandbox: its own data folder and database, a fixed user, no colour.
pub struct Sandbox {
    dir: TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: TempDir::new().unwrap(),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn db(&self) -> PathBuf {
        self.path("data/progress.db")
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("skilltree").unwrap();
        c.env("SKILLTREE_DATA_DIR", self.path("data"))
            .env("SKILLTREE_USER", "ana")
            .env("NO_COLOR", "1")
            .env_remove("SKILLTREE_DB")
            .env_remove("SKILLTREE_ROADMAPS")
            // The compiled-roadmap cache then lives in data/cache.
            .env_remove("SKILLTREE_CACHE_DIR")
            .env_remove("SKILLTREE_NOW")
            .current_dir(self.dir.path())
            .args(args);
        c
    }

    /// The same command as a plain process, to spawn and kill.
    pub fn process(&self, args: &[&str]) -> std::process::Command {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_skilltree"));
        c.env("SKILLTREE_DATA_DIR", self.path("data"))
            .env("SKILLTREE_USER", "ana")
            .env("NO_COLOR", "1")
            .env_remove("SKILLTREE_DB")
            .env_remove("SKILLTREE_ROADMAPS")
            .current_dir(self.dir.path())
            .args(args);
        c
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let out = self.cmd(args).output().unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    pub fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(
            r.code, 0,
            "skilltree {args:?} failed:\n{}{}",
            r.stdout, r.stderr
        );
        r.stdout
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        serde_json::from_str(&self.ok(&all)).unwrap()
    }

    /// Runs at a fixed `now` (RFC 3339), days counted in UTC; must succeed.
    pub fn ok_at(&self, now: &str, args: &[&str]) -> String {
        let out = self
            .cmd(args)
            .env("SKILLTREE_NOW", now)
            .env("TZ", "UTC")
            .output()
            .unwrap();
        let (stdout, stderr) = (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        );
        assert!(
            out.status.success(),
            "skilltree {args:?} at {now} failed:\n{stdout}{stderr}"
        );
        stdout
    }

    /// [`Sandbox::ok_at`] with `--json`, parsed.
    pub fn json_at(&self, now: &str, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        serde_json::from_str(&self.ok_at(now, &all)).unwrap()
    }

    pub fn fail(&self, args: &[&str]) -> Run {
        let r = self.run(args);
        assert_eq!(
            r.code, 1,
            "skilltree {args:?} should fail:\n{}{}",
            r.stdout, r.stderr
        );
        r
    }
}
