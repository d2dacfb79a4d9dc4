//! What std cannot ask or change about the process and its files: what `SIGXFSZ` does,
//! the file-size limit, and whether a path may be written without trying. These need the
//! `libc` crate (already in the build through crossterm and others): std has no API for
//! signal dispositions, resource limits or `access`.
//!
//! A write past the file-size limit (`ulimit -f`) raises `SIGXFSZ`, whose default action
//! kills the process in the middle of the write, leaving a half-written database and a
//! hot journal behind. Ignored, the same write fails with `EFBIG`: SQLite rolls the
//! transaction back, and the user gets [`StoreError::Full`](super::super::StoreError::Full)
//! instead of a silent death.

/// Makes a write past the file-size limit fail instead of killing the process.
///
/// Process-wide, done once, and only when `SIGXFSZ` still has its default action: a handler
/// the embedding program installed is left alone. An ignored signal stays ignored in child
/// processes (an editor started later gets `EFBIG` too, rather than being killed).
#[cfg(unix)]
pub(crate) fn ignore_file_size_signal() {
    use std::sync::Once;
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Asked first and changed only from the default: a handler the embedding program
        // installed (with flags and mask `signal` could not put back) is never touched.
        // SAFETY: `sigaction` only reads and writes the structs it is given, for this one
        // signal; a zeroed `sigaction` with `SIG_IGN` is a valid disposition.
        unsafe {
            let mut current: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(libc::SIGXFSZ, std::ptr::null(), &mut current) == 0
                && current.sa_sigaction == libc::SIG_DFL
            {
                let mut ignore: libc::sigaction = std::mem::zeroed();
                ignore.sa_sigaction = libc::SIG_IGN;
                libc::sigaction(libc::SIGXFSZ, &ignore, std::ptr::null_mut());
            }
        }
    });
}

/// Elsewhere a file-size limit does not kill the process.
#[cfg(not(unix))]
pub(crate) fn ignore_file_size_signal() {}

/// The process's file-size limit in bytes, or `None` when there is none.
#[cfg(unix)]
pub(crate) fn file_size_limit() -> Option<u64> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `getrlimit` only writes the struct it is given.
    let ok = unsafe { libc::getrlimit(libc::RLIMIT_FSIZE, &mut limit) } == 0;
    #[allow(clippy::unnecessary_cast)] // rlim_t is not u64 on every platform
    let bytes = limit.rlim_cur as u64;
    (ok && limit.rlim_cur != libc::RLIM_INFINITY).then_some(bytes)
}

/// Elsewhere there is no such limit.
#[cfg(not(unix))]
pub(crate) fn file_size_limit() -> Option<u64> {
    None
}

/// Whether this process may write `path` (a file, or a folder: create and delete in it),
/// asked without writing. Root may write nearly anything, except on a read-only mount.
#[cfg(unix)]
pub(crate) fn may_write(path: &std::path::Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(name) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: a valid C string; `faccessat` only reads it.
    unsafe { libc::faccessat(libc::AT_FDCWD, name.as_ptr(), libc::W_OK, libc::AT_EACCESS) == 0 }
}

/// Elsewhere, trying tells.
#[cfg(not(unix))]
pub(crate) fn may_write(_: &std::path::Path) -> bool {
    true
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn after_ignoring_sigxfsz_it_is_ignored() {
        ignore_file_size_signal();
        // SAFETY: reads the disposition and puts it back.
        let now = unsafe {
            let now = libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            libc::signal(libc::SIGXFSZ, now);
            now
        };
        assert_eq!(now, libc::SIG_IGN);
    }
}
