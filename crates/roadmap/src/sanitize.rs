//! Keeps text from roadmap files from driving the terminal.
//!
//! A title holding `ESC [ 2 J` would clear the user's screen; a bidi override
//! would make a line read differently from what it is. Control characters are
//! made visible (as Unicode control pictures) and bidi controls are dropped.

use std::borrow::Cow;

/// Cleans text that may span lines: keeps newlines, turns tabs into spaces.
pub fn clean_text(s: &str) -> Cow<'_, str> {
    clean(s, true)
}

/// Cleans text shown on one line: newlines become spaces too.
pub fn clean_line(s: &str) -> Cow<'_, str> {
    clean(s, false)
}

fn clean(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !s.chars().any(|c| needs_care(c, keep_newlines)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            // U+2028 and U+2029 break lines like a newline does.
            '\n' | '\u{2028}' | '\u{2029}' if keep_newlines => out.push('\n'),
            '\n' | '\t' | '\u{2028}' | '\u{2029}' => out.push(' '),
            '\r' => {}
            c if is_bidi_control(c) => {}
            // C0 controls map onto the "control pictures" block: ESC shows as ␛.
            c if (c as u32) < 0x20 => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
            '\u{7f}' => out.push('\u{2421}'),
            c if ('\u{80}'..='\u{9f}').contains(&c) => {
                out.push_str(&format!("<U+{:04X}>", c as u32));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_care(c: char, keep_newlines: bool) -> bool {
    (c < ' ' && !(keep_newlines && c == '\n')) || is_unsafe(c)
}

/// Whether `c` can move the cursor, reorder text or break a line when
/// printed raw: C0 and C1 controls, DEL, bidirectional controls, and the
/// Unicode line and paragraph separators. Text holding one is cleaned
/// before it is shown; names holding one are refused.
pub fn is_unsafe(c: char) -> bool {
    c < ' '
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || is_bidi_control(c)
        || matches!(c, '\u{2028}' | '\u{2029}')
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_line_separators_break_lines_like_newlines() {
        assert_eq!(clean_line("a\u{2028}b\u{2029}c"), "a b c");
        assert_eq!(clean_text("a\u{2028}b"), "a\nb");
        assert!(is_unsafe('\u{202e}') && is_unsafe('\u{85}') && !is_unsafe('é'));
    }

    #[test]
    fn table() {
        let cases = [
            ("plain text", "plain text", "plain text"),
            ("a\u{1b}[31mred", "a\u{241b}[31mred", "a\u{241b}[31mred"),
            ("bell\u{7}", "bell\u{2407}", "bell\u{2407}"),
            ("two\nlines", "two\nlines", "two lines"),
            ("tab\there", "tab here", "tab here"),
            ("csi\u{9b}2J", "csi<U+009B>2J", "csi<U+009B>2J"),
            ("abc\u{202e}fed", "abcfed", "abcfed"),
            ("iso\u{2066}late\u{2069}", "isolate", "isolate"),
            ("del\u{7f}", "del\u{2421}", "del\u{2421}"),
            ("crlf\r\n", "crlf\n", "crlf "),
            ("ünïcode ✓", "ünïcode ✓", "ünïcode ✓"),
        ];
        for (input, text, line) in cases {
            assert_eq!(clean_text(input), text, "clean_text({input:?})");
            assert_eq!(clean_line(input), line, "clean_line({input:?})");
        }
    }

    #[test]
    fn clean_input_is_not_copied() {
        assert!(matches!(clean_line("fine"), Cow::Borrowed(_)));
    }
}
