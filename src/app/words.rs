//! The vocabulary both front ends share: glyphs, verbs, plurals.

use crate::graph::{Status, UserStatus};

/// The glyph shown for a status, in the terminal UI and in text output.
pub fn glyph(status: Status) -> &'static str {
    match status {
        Status::Done => "✓",
        Status::InProgress => "◐",
        Status::Available => "○",
        Status::Locked => "·",
        Status::Skipped => "–",
    }
}

/// What a node is, for people and JSON: `topic`, `project`, `choice`, or
/// `group` for a node with children that is not a choice.
pub fn kind_name(node: &crate::roadmap::Node) -> &'static str {
    match node.kind {
        crate::roadmap::Kind::Topic if node.is_group() => "group",
        kind => kind.as_str(),
    }
}

/// The command that sets `to`, as typed and as recorded in the history
/// (the terminal UI records its changes with the same words).
pub fn command_word(to: UserStatus) -> &'static str {
    match to {
        UserStatus::Done => "done",
        UserStatus::InProgress => "start",
        UserStatus::Skipped => "skip",
        UserStatus::Todo => "reset",
    }
}

/// How a change to `to` is reported: "Done: HTTP".
pub fn past_tense(to: UserStatus) -> &'static str {
    match to {
        UserStatus::Done => "Done",
        UserStatus::InProgress => "Started",
        UserStatus::Skipped => "Skipped",
        UserStatus::Todo => "Back to todo",
    }
}

/// `12 leaves` / `1 leaf`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// How far a topic reaches: every locked topic downstream of it, said so
/// that it does not read like what marking it would unlock at once.
/// `exact` false marks `n` as an estimate.
pub fn leads_to(n: usize, exact: bool) -> String {
    if exact {
        format!("leads to {n}")
    } else {
        format!("leads to ~{n}")
    }
}

/// `Title (roadmap/id)`.
pub fn labelled(title: &str, roadmap: &str, id: &str) -> String {
    format!("{title} ({roadmap}/{id})")
}

/// `text` with its first letter upper-case, to start a line with a sentence.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_agree_with_their_count() {
        assert_eq!(plural(1, "step", "steps"), "1 step");
        assert_eq!(plural(0, "step", "steps"), "0 steps");
        assert_eq!(plural(2, "match", "matches"), "2 matches");
    }

    #[test]
    fn estimates_are_said_as_estimates() {
        assert_eq!(leads_to(4_123, true), "leads to 4123");
        assert_eq!(leads_to(4_100, false), "leads to ~4100");
    }

    #[test]
    fn every_status_has_its_own_glyph() {
        let all = [
            Status::Locked,
            Status::Available,
            Status::InProgress,
            Status::Done,
            Status::Skipped,
        ];
        let mut glyphs: Vec<&str> = all.iter().map(|&s| glyph(s)).collect();
        glyphs.sort_unstable();
        glyphs.dedup();
        assert_eq!(glyphs.len(), all.len());
    }
}
