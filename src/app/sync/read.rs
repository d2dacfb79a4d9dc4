//! Reading a change file a line at a time: memory holds one line, never the file.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::progress::Record;
use crate::roadmap::sanitize::clean_line;

use super::super::AppError;
use super::format::{Header, Line};

/// The longest line read: a change is far shorter, even with a long note.
pub const MAX_LINE: u64 = 1 << 20;

/// A change file being read: its header, then its changes one by one.
pub struct ChangeFile {
    path: PathBuf,
    reader: BufReader<File>,
    /// The number of the line read last.
    line: u64,
    /// The header line.
    pub header: Header,
    /// A last line without its newline is one still being written (by a sync tool or a
    /// killed export): skip it rather than fail.
    skip_torn_tail: bool,
    done: bool,
}

impl ChangeFile {
    /// Opens `path` and reads its header; `None` for an empty file (nothing written yet).
    pub fn open(path: &Path, skip_torn_tail: bool) -> Result<Option<ChangeFile>, AppError> {
        let meta = std::fs::metadata(path).map_err(|e| io_error(path, &e))?;
        if !meta.is_file() {
            return Err(AppError::input(
                format!("{} is not a regular file", shown(path)),
                "name a file of changes written by skilltree",
            ));
        }
        let file = File::open(path).map_err(|e| io_error(path, &e))?;
        let mut file = ChangeFile {
            path: path.to_path_buf(),
            reader: BufReader::with_capacity(64 * 1024, file),
            line: 0,
            header: Header::default(),
            skip_torn_tail,
            done: false,
        };
        let Some(first) = file.next_line()? else {
            return Ok(None);
        };
        let header: Header = serde_json::from_slice(&first).map_err(|e| {
            file.bad(format!(
                "this is not a skilltree change file: the first line must be its header ({e})"
            ))
        })?;
        header.check().map_err(|problem| file.bad(problem))?;
        file.header = header;
        Ok(Some(file))
    }

    /// Like [`ChangeFile::open`] skipping a torn tail, and `None` when there is no file.
    pub fn open_existing(path: &Path) -> Result<Option<ChangeFile>, AppError> {
        if !path.exists() {
            return Ok(None);
        }
        ChangeFile::open(path, true)
    }

    /// The next line without its newline, `None` at the end.
    fn next_line(&mut self) -> Result<Option<Vec<u8>>, AppError> {
        loop {
            let mut buf = Vec::new();
            let read = (&mut self.reader)
                .take(MAX_LINE + 1)
                .read_until(b'\n', &mut buf)
                .map_err(|e| io_error(&self.path, &e))?;
            if read == 0 {
                return Ok(None);
            }
            self.line += 1;
            if buf.last() == Some(&b'\n') {
                buf.pop();
                if buf.last() == Some(&b'\r') {
                    buf.pop();
                }
            } else if buf.len() as u64 > MAX_LINE {
                return Err(self.bad(format!("the line is longer than {MAX_LINE} bytes")));
            } else if self.skip_torn_tail {
                return Ok(None);
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue; // blank lines, as an editor may leave at the end
            }
            return Ok(Some(buf));
        }
    }

    /// The next change, or what is wrong with its line.
    fn next_record(&mut self) -> Result<Option<Record>, AppError> {
        let Some(bytes) = self.next_line()? else {
            return Ok(None);
        };
        let line: Line = serde_json::from_slice(&bytes)
            .map_err(|e| self.bad(format!("not a change line: {e}")))?;
        let record = line.to_record().map_err(|p| self.bad(p))?;
        if record.user != self.header.user {
            return Err(self.bad(format!(
                "the change is `{}`'s, but the file holds `{}`'s",
                clean_line(&record.user),
                clean_line(&self.header.user)
            )));
        }
        Ok(Some(record))
    }

    /// An error about the current line.
    fn bad(&self, problem: String) -> AppError {
        AppError::input(
            format!("{}:{}: {problem}", shown(&self.path), self.line),
            "nothing was imported; fix or remove that line and try again",
        )
    }
}

impl Iterator for ChangeFile {
    type Item = Result<Record, AppError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let next = self.next_record().transpose();
        if !matches!(next, Some(Ok(_))) {
            self.done = true;
        }
        next
    }
}

/// A path as messages show it.
pub fn shown(path: &Path) -> String {
    clean_line(&path.display().to_string()).into_owned()
}

/// A file that cannot be read or written.
pub fn io_error(path: &Path, e: &std::io::Error) -> AppError {
    AppError::input(
        format!("cannot use {}: {e}", shown(path)),
        "check the path and its permissions",
    )
}
