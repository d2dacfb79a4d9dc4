//! Checks made before a file reaches a YAML parser: size, encoding, nesting.
//!
//! Deeply nested flow collections make YAML parsers crawl or overflow their
//! stack, so depth is measured with a cheap scan of the raw text first.

use crate::diagnostic::{Diagnostic, Pos};

/// Largest roadmap file accepted.
pub const MAX_BYTES: usize = 16 * 1024 * 1024;
/// Deepest nesting of collections accepted.
pub const MAX_DEPTH: usize = 64;

/// Checks size and UTF-8, returning the text.
pub fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Diagnostic> {
    if bytes.len() > MAX_BYTES {
        return Err(Diagnostic::new(
            file,
            None,
            format!(
                "file is {} MiB; roadmap files may be at most {} MiB",
                bytes.len() / (1024 * 1024),
                MAX_BYTES / (1024 * 1024)
            ),
        )
        .hint("split the roadmap into several files that require each other"));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // Column counts characters; the valid prefix of the line is valid UTF-8.
        let col = std::str::from_utf8(&good[line_start..]).map_or(1, |s| s.chars().count() + 1);
        Diagnostic::new(file, Some(Pos::new(line, col)), "file is not valid UTF-8")
            .hint("save the file as UTF-8")
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Rejects nesting deeper than [`MAX_DEPTH`], counting block indentation
/// levels and flow brackets. Quoted strings and comments are skipped; the
/// count errs on the side of the parser, which checks everything again.
pub fn check_depth(file: &str, text: &str) -> Result<(), Diagnostic> {
    let mut indents: Vec<usize> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let body = line.trim_start_matches(' ');
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let indent = line.len() - body.len();
        while indents.last().is_some_and(|&i| i > indent) {
            indents.pop();
        }
        if indents.last() != Some(&indent) {
            indents.push(indent);
        }
        // `- - - x` nests as deep as indentation does.
        let dashes = body
            .as_bytes()
            .chunks(2)
            .take_while(|c| c == b"- " || *c == b"-")
            .count();
        let mut depth = indents.len() + dashes;
        let mut flow = 0usize;
        let mut quote: Option<char> = None;
        for (col, c) in body.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"') | (None, '\'') => quote = Some(c),
                (None, '#') if col == 0 || body[..col].ends_with(' ') => break,
                (None, '[') | (None, '{') => {
                    flow += 1;
                    depth = depth.max(indents.len() + dashes + flow);
                }
                (None, ']') | (None, '}') => flow = flow.saturating_sub(1),
                _ => {}
            }
            if depth > MAX_DEPTH {
                return Err(Diagnostic::new(
                    file,
                    Some(Pos::new(n + 1, indent + col + 1)),
                    format!("nesting is deeper than {MAX_DEPTH} levels"),
                )
                .hint("flatten the roadmap: use `requires` instead of ever deeper `children`"));
            }
        }
        if depth > MAX_DEPTH {
            return Err(Diagnostic::new(
                file,
                Some(Pos::new(n + 1, indent + 1)),
                format!("nesting is deeper than {MAX_DEPTH} levels"),
            )
            .hint("flatten the roadmap: use `requires` instead of ever deeper `children`"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_points_at_the_bad_byte() {
        let err = decode("f.yaml", b"id: a\ntitle: ab\xffc\n").unwrap_err();
        assert_eq!(err.pos, Some(Pos::new(2, 10)));
    }

    #[test]
    fn bom_is_ignored() {
        assert_eq!(decode("f", "\u{feff}id: a".as_bytes()).unwrap(), "id: a");
    }

    #[test]
    fn deep_flow_nesting_is_refused() {
        let deep = format!("x: {}{}", "[".repeat(100), "]".repeat(100));
        assert!(check_depth("f", &deep).is_err());
        let fine = format!("x: {}{}", "[".repeat(10), "]".repeat(10));
        assert!(check_depth("f", &fine).is_ok());
    }

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        let text = format!("x: \"{}\" # {}\n", "[".repeat(100), "{".repeat(100));
        assert!(check_depth("f", &text).is_ok());
    }

    #[test]
    fn deep_block_nesting_is_refused() {
        let mut text = String::new();
        for i in 0..70 {
            text.push_str(&format!("{}k{i}:\n", " ".repeat(i * 2)));
        }
        assert!(check_depth("f", &text).is_err());
    }
}
