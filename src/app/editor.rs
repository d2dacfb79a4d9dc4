//! Editing a text in the user's own editor: `$VISUAL`, else `$EDITOR`, else
//! the platform's plain one (only when there is a terminal to run it in).
//! A variable that names no program is an error, never a silent fallback to
//! another editor.

use std::io::IsTerminal;
use std::process::Command;

use super::AppError;

/// The editor command to run, as words: from `$VISUAL` or `$EDITOR` (split
/// like a shell would, so `code --wait` works), else `vi` (`notepad` on
/// Windows) when standard input is a terminal.
pub fn command() -> Result<Vec<String>, AppError> {
    for var in ["VISUAL", "EDITOR"] {
        let Some(value) = std::env::var_os(var).filter(|v| !v.is_empty()) else {
            continue;
        };
        let value = value.to_string_lossy().into_owned();
        let words = shell_words::split(&value).map_err(|e| {
            AppError::input(
                format!("cannot read {var}=`{value}`: {e}"),
                "quote the editor's command as a shell would",
            )
        })?;
        if !words.is_empty() {
            return Ok(words);
        }
    }
    if !std::io::stdin().is_terminal() {
        return Err(AppError::input(
            "no editor: VISUAL and EDITOR are not set, and there is no terminal to run one in",
            "set VISUAL or EDITOR to your editor's command, e.g. EDITOR=nano",
        ));
    }
    let fallback = if cfg!(windows) { "notepad" } else { "vi" };
    Ok(vec![fallback.to_string()])
}

/// `text` as the user left it after editing it in their editor. A failed
/// or missing editor is an error, and the text is then unchanged.
pub fn edit(text: &str) -> Result<String, AppError> {
    let words = command()?;
    let failed = |what: String| {
        AppError::input(
            format!("could not edit the note: {what}"),
            "set VISUAL or EDITOR to your editor's command, e.g. EDITOR=nano",
        )
    };
    let file = tempfile::Builder::new()
        .prefix("skilltree-note-")
        .suffix(".md")
        .tempfile()
        .map_err(|e| failed(format!("cannot write a temporary file: {e}")))?;
    std::fs::write(file.path(), text)
        .map_err(|e| failed(format!("cannot write a temporary file: {e}")))?;
    let status = Command::new(&words[0])
        .args(&words[1..])
        .arg(file.path())
        .status()
        .map_err(|e| failed(format!("cannot run `{}`: {e}", words[0])))?;
    if !status.success() {
        return Err(failed(format!("`{}` exited with {status}", words[0])));
    }
    std::fs::read_to_string(file.path())
        .map_err(|e| failed(format!("cannot read the edited text: {e}")))
}
