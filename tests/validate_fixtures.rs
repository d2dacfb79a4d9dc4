//! Every file in tests/fixtures/invalid holds one kind of mistake; its
//! `.expected` file is exactly what `skilltree validate` must print for it.
//! A mistake across two files has its second file, of the same name, in
//! `invalid/also/`; both are checked. Every file in tests/fixtures/lint
//! draws one kind of warning: `validate` prints its `.expected` and passes,
//! `validate --strict` fails. Set `UPDATE_EXPECTED=1` to rewrite the
//! expected files (then read the diff).

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;

/// `skilltree validate ARGS…` in tests/fixtures, with no other roadmaps.
fn validate(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("skilltree")
        .unwrap()
        .current_dir(dir)
        .env("SKILLTREE_DATA_DIR", dir.join("no-such-data-dir"))
        .env_remove("SKILLTREE_ROADMAPS")
        .arg("validate")
        .args(args)
        .output()
        .unwrap()
}

/// The `.yaml` files in `dir`, sorted.
fn fixtures(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    names
}

/// Compares `stdout` with the `.expected` file beside `dir/name`, or
/// rewrites it when `UPDATE_EXPECTED` is set; a difference is added to `failures`.
fn compare(dir: &Path, name: &str, stdout: &str, failures: &mut Vec<String>) {
    let expected_path = dir.join(name.replace(".yaml", ".expected"));
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&expected_path, stdout).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    if stdout != expected {
        failures.push(format!("--- {name}\nexpected:\n{expected}\ngot:\n{stdout}"));
    }
}

#[test]
fn each_invalid_fixture_gives_its_expected_message() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let names = fixtures(&dir.join("invalid"));
    assert!(names.len() >= 25, "fixtures went missing: {names:?}");
    let mut failures = Vec::new();
    for name in &names {
        let rel = format!("invalid/{name}");
        let also = format!("invalid/also/{name}");
        let mut args = vec![rel.as_str()];
        if dir.join(&also).exists() {
            args.push(&also);
        }
        let output = validate(&dir, &args);
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert_eq!(
            output.status.code(),
            Some(1),
            "{name} should fail validation:\n{stdout}"
        );
        assert!(
            !stdout.contains('\u{1b}'),
            "{name}: raw escape reached the terminal"
        );
        compare(&dir.join("invalid"), name, &stdout, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn each_lint_fixture_warns_and_fails_only_when_strict() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let names = fixtures(&dir.join("lint"));
    assert!(names.len() >= 5, "fixtures went missing: {names:?}");
    let mut failures = Vec::new();
    for name in &names {
        let rel = format!("lint/{name}");
        let output = validate(&dir, &[&rel]);
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{name}: warnings alone should pass:\n{stdout}"
        );
        let first = stdout.lines().next().unwrap_or_default();
        let rest = first
            .strip_prefix(&format!("{rel}:"))
            .unwrap_or_else(|| panic!("{name}: {first}"));
        let mut parts = rest.splitn(3, ':');
        let line: usize = parts.next().unwrap().parse().expect(first);
        let col: usize = parts.next().unwrap().parse().expect(first);
        assert!(line >= 1 && col >= 1, "{first}");
        assert!(
            parts.next().unwrap().starts_with(" warning: "),
            "{name}: {first}"
        );
        assert!(stdout.contains(&format!("{rel}: ok (")), "{name}: {stdout}");
        compare(&dir.join("lint"), name, &stdout, &mut failures);
        let strict = validate(&dir, &["--strict", &rel]);
        let strict_out = String::from_utf8(strict.stdout).unwrap();
        assert_eq!(
            strict.status.code(),
            Some(1),
            "{name}: --strict should fail:\n{strict_out}"
        );
        assert!(!strict_out.contains(": ok ("), "{name}: {strict_out}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_error_names_file_line_and_column() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "expected") {
            let text = std::fs::read_to_string(&path).unwrap();
            let first = text.lines().next().unwrap_or_default();
            let name = path.file_stem().unwrap().to_str().unwrap();
            let prefix = format!("invalid/{name}.yaml:");
            let rest = first
                .strip_prefix(&prefix)
                .unwrap_or_else(|| panic!("{first}"));
            let mut parts = rest.splitn(3, ':');
            let line: usize = parts
                .next()
                .unwrap()
                .parse()
                .unwrap_or_else(|_| panic!("no line in {first}"));
            let col: usize = parts
                .next()
                .unwrap()
                .parse()
                .unwrap_or_else(|_| panic!("no column in {first}"));
            assert!(line >= 1 && col >= 1, "{first}");
        }
    }
}
