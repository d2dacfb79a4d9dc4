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

/// The lines of `text` as YAML sees them: `\n`, `\r\n` and a lone `\r` all
/// end a line (a file with old Mac line endings is one line to `str::lines`).
pub fn yaml_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        match rest.find(['\n', '\r']) {
            Some(i) => {
                let line = &rest[..i];
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
                Some(line)
            }
            None => Some(std::mem::take(&mut rest)),
        }
    })
}

/// Rejects nesting deeper than [`MAX_DEPTH`], counting block indentation
/// levels and flow brackets. The scan follows YAML where it matters for
/// depth: every line-ending convention, flow collections and quoted strings
/// that run over several lines, quotes only where a scalar can start, and
/// block scalars (`|`, `>`) as opaque text. It errs on the side of the
/// parser, which checks everything again.
pub fn check_depth(file: &str, text: &str) -> Result<(), Diagnostic> {
    let too_deep = |line: usize, col: usize| {
        Diagnostic::new(
            file,
            Some(Pos::new(line, col)),
            format!("nesting is deeper than {MAX_DEPTH} levels"),
        )
        .hint("flatten the roadmap: use `requires` instead of ever deeper `children`")
    };
    let mut indents: Vec<usize> = Vec::new();
    // State carried from line to line.
    let mut flow = 0usize;
    let mut quote: Option<char> = None;
    let mut block_scalar: Option<usize> = None;
    for (n, line) in yaml_lines(text).enumerate() {
        let body = line.trim_start_matches(' ');
        let indent = line.len() - body.len();
        if let Some(owner) = block_scalar {
            if body.is_empty() || indent > owner {
                continue;
            }
            block_scalar = None;
        }
        if quote.is_none() && flow == 0 {
            if body.is_empty() || body.starts_with('#') {
                continue;
            }
            while indents.last().is_some_and(|&i| i > indent) {
                indents.pop();
            }
            if indents.last() != Some(&indent) {
                indents.push(indent);
            }
        }
        // `- - - x` nests as deep as indentation does.
        let dashes = body
            .as_bytes()
            .chunks(2)
            .take_while(|c| c == b"- " || *c == b"-")
            .count();
        let base = indents.len() + dashes;
        let mut depth = base + flow;
        let mut prev = ' ';
        // The last character that was not a space, outside quotes; `\n` at the start of a line.
        let mut sig = '\n';
        for (col, c) in body.char_indices() {
            // Quotes and brackets mean something only where a value can start:
            // `rock 'n roll` and `set { of` are plain text.
            let value_starts = matches!(sig, '\n' | ':' | '-' | '?' | ',' | '[' | '{')
                && (prev == ' ' || matches!(prev, '[' | '{' | ','));
            match (quote, c) {
                (Some('\''), '\'') => quote = None, // `''` reopens at once: same thing
                (Some('"'), '"') if prev != '\\' => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') if value_starts => quote = Some(c),
                (None, '#') if prev == ' ' => break,
                (None, '[' | '{') if value_starts => {
                    flow += 1;
                    depth = depth.max(base + flow);
                }
                (None, ']' | '}') if flow > 0 => flow -= 1,
                _ => {}
            }
            if quote.is_none() && c != ' ' {
                sig = c;
            }
            prev = if prev == '\\' && c == '\\' { ' ' } else { c };
            if depth > MAX_DEPTH {
                return Err(too_deep(n + 1, indent + col + 1));
            }
        }
        if depth > MAX_DEPTH {
            return Err(too_deep(n + 1, indent + 1));
        }
        // `key: |` and friends: the lines below, further indented, are text.
        if quote.is_none() && flow == 0 {
            let code = body.split(" #").next().unwrap_or(body).trim_end();
            let indicator = code
                .rsplit([' ', ':', '-'])
                .next()
                .unwrap_or("")
                .trim_end_matches(|c: char| c.is_ascii_digit() || c == '+' || c == '-');
            if matches!(indicator, "|" | ">") && (code.len() > 1 || body.len() == 1) {
                // `- key: |`: the text ends at the key's column, not the dash's.
                block_scalar = Some(indent + 2 * dashes);
            }
        }
    }
    Ok(())
}

/// A roadmap file is one YAML document: a second `---` is an error with its
/// line, not a parser message about documents with no position.
pub fn check_one_document(file: &str, text: &str) -> Result<(), Diagnostic> {
    let mut content = false;
    for (n, line) in yaml_lines(text).enumerate() {
        let is_marker = line == "---" || line.starts_with("--- ") || line.starts_with("---\t");
        if is_marker && content {
            return Err(Diagnostic::new(
                file,
                Some(Pos::new(n + 1, 1)),
                "a second YAML document starts here; a roadmap file holds one",
            )
            .hint("remove this `---` line, or put each roadmap in a file of its own"));
        }
        let body = line.trim_start();
        if !is_marker && !body.is_empty() && !body.starts_with('#') && !body.starts_with('%') {
            content = true;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested_flow(depth: usize, sep: &str) -> String {
        // `a: [` on each line, `]` to close: depth held across lines.
        let mut s = String::from("id: x");
        for _ in 0..depth {
            s.push_str(sep);
            s.push_str("  - [");
        }
        s
    }

    #[test]
    fn every_line_ending_goes_through_the_same_limit() {
        for sep in ["\n", "\r\n", "\r"] {
            let text = nested_flow(MAX_DEPTH + 5, sep);
            assert!(check_depth("f", &text).is_err(), "{sep:?} hid the nesting");
        }
        assert_eq!(
            yaml_lines("a\rb\r\nc\nd").collect::<Vec<_>>(),
            ["a", "b", "c", "d"]
        );
    }

    #[test]
    fn quotes_and_flow_that_span_lines_do_not_hide_nesting() {
        // The second line starts inside the string, whose `"` closes it.
        let hidden = format!("t: \"abc\n\"{}\n", "[".repeat(MAX_DEPTH + 1));
        assert!(check_depth("f", &hidden).is_err());
        // An apostrophe inside a word opens no quote.
        let text = format!("t: don't\nx: {}\n", "[".repeat(MAX_DEPTH + 1));
        assert!(check_depth("f", &text).is_err());
        // Nor does a quote or a bracket in the middle of plain text.
        let text = format!("t: rock 'n roll\nx: {}\n", "[".repeat(MAX_DEPTH + 1));
        assert!(check_depth("f", &text).is_err());
        let plain = "t: a set { of\n".repeat(MAX_DEPTH + 1);
        assert!(check_depth("f", &plain).is_ok(), "plain text is no nesting");
        let after_block = format!("- d: |\n  x: {}\n", "[".repeat(MAX_DEPTH + 1));
        assert!(
            check_depth("f", &after_block).is_err(),
            "a sibling key is no text"
        );
        // Block scalars are text: brackets in them are not nesting.
        let text = format!(
            "d: |\n  {}\n  it's fine\nid: x\n",
            "[".repeat(MAX_DEPTH + 1)
        );
        assert!(check_depth("f", &text).is_ok());
    }

    #[test]
    fn a_second_document_is_named_with_its_line() {
        let d = check_one_document("f", "id: a\n---\nid: b\n").unwrap_err();
        assert_eq!(d.pos, Some(Pos::new(2, 1)));
        assert!(check_one_document("f", "---\nid: a\n").is_ok());
        assert!(check_one_document("f", "# c\n---\nid: a\n").is_ok());
    }

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
