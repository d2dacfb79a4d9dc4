//! The files of a sync folder: one per user and device, appended to, never rewritten.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::super::AppError;
use super::read::io_error;

/// Cuts a last line left without its newline (an append killed half-way) from `file`;
/// whether the file is empty, so needs its header.
pub fn cut_torn_tail(file: &mut File) -> std::io::Result<bool> {
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(true);
    }
    let mut last = [0u8];
    file.seek(SeekFrom::Start(len - 1))?;
    file.read_exact(&mut last)?;
    if last[0] == b'\n' {
        return Ok(false);
    }
    // Find the last newline, reading back a block at a time.
    let mut end = len;
    let mut block = vec![0u8; 64 * 1024];
    while end > 0 {
        let start = end.saturating_sub(block.len() as u64);
        let part = &mut block[..(end - start) as usize];
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(part)?;
        if let Some(i) = part.iter().rposition(|&b| b == b'\n') {
            file.set_len(start + i as u64 + 1)?;
            return Ok(false);
        }
        end = start;
    }
    file.set_len(0)?;
    Ok(true)
}

/// The `.jsonl` files in `dir` other than `own`, sorted.
pub fn other_files(dir: &Path, own: &Path) -> Result<Vec<PathBuf>, AppError> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| io_error(dir, &e))? {
        let path = entry.map_err(|e| io_error(dir, &e))?.path();
        if path.extension().is_some_and(|e| e == "jsonl") && path != own {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// A user name as a folder name: letters, digits, `-`, `_` and `.` kept (a leading `.`
/// excepted), everything else `%XX`-escaped, so no name can reach outside the folder.
pub fn file_name(user: &str) -> String {
    let mut out = String::new();
    for (i, b) in user.bytes().enumerate() {
        let keep = b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || (b == b'.' && i > 0);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::OpenOptions;

    #[test]
    fn user_names_become_names_that_stay_in_the_folder() {
        assert_eq!(file_name("ana"), "ana");
        assert_eq!(file_name("ana.b-c_d"), "ana.b-c_d");
        assert_eq!(file_name("../x"), "%2E.%2Fx");
        assert_eq!(file_name("a b"), "a%20b");
    }

    #[test]
    fn a_torn_last_line_is_cut_and_a_whole_file_is_left() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("f.jsonl");
        std::fs::write(&path, "head\none\ntw").unwrap();
        let mut f = OpenOptions::new()
            .read(true)
            .append(true)
            .open(&path)
            .unwrap();
        assert!(!cut_torn_tail(&mut f).unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "head\none\n");
        assert!(!cut_torn_tail(&mut f).unwrap());
        std::fs::write(&path, "torn").unwrap();
        assert!(cut_torn_tail(&mut f).unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "");
    }
}
