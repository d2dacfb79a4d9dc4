//! The one key table: it decides what a key does and is what the `?` help shows.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::Mode;
use super::message::{Message, View};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Browsing any view.
    Normal,
    /// Typing a search, a note.
    Text,
    /// The locked-node dialog.
    Dialog,
    /// The roadmap picker and the resource picker.
    Picker,
    /// A link that could not be opened.
    Link,
    /// Rating how well a topic is known.
    Rate,
    /// The help screen.
    Help,
}

impl Scope {
    /// The heading shown on the help screen.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Normal => "Browsing",
            Scope::Text => "Searching, editing a note",
            Scope::Dialog => "Marking a locked topic",
            Scope::Picker => "Choosing a roadmap or resource",
            Scope::Link => "A link no browser opened",
            Scope::Rate => "Rating a review",
            Scope::Help => "This help",
        }
    }

    /// Which table rows apply in `mode`.
    pub fn of(mode: &Mode) -> Scope {
        match mode {
            Mode::Normal => Scope::Normal,
            Mode::Help => Scope::Help,
            Mode::Search | Mode::Note(..) => Scope::Text,
            Mode::Locked(_) => Scope::Dialog,
            Mode::Picker(_) | Mode::OpenPick(_) => Scope::Picker,
            Mode::Link { .. } => Scope::Link,
            Mode::Rate(_) => Scope::Rate,
        }
    }
}

/// One key binding.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// Where it applies.
    pub scope: Scope,
    /// The key.
    pub code: KeyCode,
    /// Modifiers that must be held (Shift is ignored for characters).
    pub mods: KeyModifiers,
    /// What it does.
    pub message: Message,
    /// What the help screen says.
    pub help: &'static str,
}

const NONE: KeyModifiers = KeyModifiers::NONE;

const fn bind(scope: Scope, code: KeyCode, message: Message, help: &'static str) -> Binding {
    Binding {
        scope,
        code,
        mods: NONE,
        message,
        help,
    }
}

const fn ctrl(scope: Scope, c: char, message: Message, help: &'static str) -> Binding {
    Binding {
        scope,
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
        message,
        help,
    }
}

use super::message::EditKey as E;
use crate::progress::Rating as R;
use KeyCode::{
    BackTab, Backspace, Char, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right,
    Tab, Up,
};
use Message as M;
use Scope::{Dialog, Help, Link, Normal, Picker, Rate, Text};

/// Every binding. Neighbouring rows with the same text are one row of the
/// help (`j/↓/k/↑  move down / up`). One binding per line, so the table
/// reads as a table.
#[rustfmt::skip]
pub const KEYS: &[Binding] = &[
    bind(Normal, Char('j'), M::MoveDown, "move down / up"),
    bind(Normal, Down, M::MoveDown, "move down / up"),
    bind(Normal, Char('k'), M::MoveUp, "move down / up"),
    bind(Normal, Up, M::MoveUp, "move down / up"),
    bind(Normal, Char('h'), M::Left, "fold, or go to parent"),
    bind(Normal, Left, M::Left, "fold, or go to parent"),
    bind(Normal, Char('l'), M::Right, "unfold, or go to child"),
    bind(Normal, Right, M::Right, "unfold, or go to child"),
    bind(Normal, Enter, M::Activate, "fold group / map: open in the tree"),
    bind(Normal, Char('g'), M::Top, "top / bottom"),
    bind(Normal, Home, M::Top, "top / bottom"),
    bind(Normal, Char('G'), M::Bottom, "top / bottom"),
    bind(Normal, End, M::Bottom, "top / bottom"),
    bind(Normal, PageUp, M::PageUp, "page up / down"),
    bind(Normal, PageDown, M::PageDown, "page up / down"),
    bind(Normal, Char('J'), M::DetailDown, "scroll the details"),
    bind(Normal, Char('K'), M::DetailUp, "scroll the details"),
    bind(Normal, Char('d'), M::MarkDone, "done (again: as before)"),
    bind(Normal, Char('s'), M::MarkStarted, "started (again: as before)"),
    bind(Normal, Char('x'), M::MarkSkipped, "skipped (again: as before)"),
    bind(Normal, Char('u'), M::Undo, "undo last change"),
    bind(Normal, Char('v'), M::StartRating, "rate it, for reviews"),
    bind(Normal, Char('/'), M::StartSearch, "search"),
    bind(Normal, Char('n'), M::NextMatch, "next / previous match"),
    bind(Normal, Char('N'), M::PrevMatch, "next / previous match"),
    bind(Normal, Esc, M::Cancel, "clear search, highlights"),
    bind(Normal, Char('p'), M::ShowPlan, "what it still needs"),
    bind(Normal, Char('z'), M::Zoom, "map: zoom out to groups / in"),
    bind(Normal, Char('['), M::ToPrerequisite, "map: to a prerequisite / dependent"),
    bind(Normal, Char(']'), M::ToDependent, "map: to a prerequisite / dependent"),
    bind(Normal, Char('c'), M::FollowChoice, "follow this alternative"),
    bind(Normal, Char('o'), M::OpenResource, "open a link (then 1–9)"),
    bind(Normal, Char('e'), M::EditNote, "edit the note"),
    bind(Normal, Char('E'), M::EditNoteExternal, "edit the note in $EDITOR"),
    bind(Normal, Char('r'), M::SwitchRoadmap, "switch roadmap"),
    bind(Normal, Char('R'), M::Reload, "read roadmap files again"),
    bind(Normal, Tab, M::NextView, "next / previous view"),
    bind(Normal, BackTab, M::PrevView, "next / previous view"),
    bind(Normal, Char('1'), M::ShowView(View::Tree), "tree, next, graph, stats"),
    bind(Normal, Char('2'), M::ShowView(View::Next), "tree, next, graph, stats"),
    bind(Normal, Char('3'), M::ShowView(View::Graph), "tree, next, graph, stats"),
    bind(Normal, Char('4'), M::ShowView(View::Stats), "tree, next, graph, stats"),
    bind(Normal, Char('?'), M::ToggleHelp, "this help"),
    bind(Normal, Char('q'), M::Quit, "quit"),
    bind(Text, Enter, M::Confirm, "keep search / save note"),
    bind(Text, Esc, M::Cancel, "clear search / drop edit"),
    bind(Text, Left, M::Edit(E::Left), "move the cursor"),
    bind(Text, Right, M::Edit(E::Right), "move the cursor"),
    bind(Text, Home, M::Edit(E::Home), "move the cursor"),
    bind(Text, End, M::Edit(E::End), "move the cursor"),
    bind(Text, Backspace, M::Backspace, "delete back / forward"),
    bind(Text, Delete, M::Edit(E::Delete), "delete back / forward"),
    ctrl(Text, 'w', M::Edit(E::DeleteWord), "delete a word / to the start"),
    ctrl(Text, 'u', M::Edit(E::DeleteToStart), "delete a word / to the start"),
    bind(Dialog, Char('1'), M::Choose(1), "mark it alone"),
    bind(Dialog, Char('a'), M::Choose(1), "mark it alone"),
    bind(Dialog, Char('2'), M::Choose(2), "with its prerequisites"),
    bind(Dialog, Char('p'), M::Choose(2), "with its prerequisites"),
    bind(Dialog, Up, M::MoveUp, "move between options"),
    bind(Dialog, Down, M::MoveDown, "move between options"),
    bind(Dialog, Enter, M::Confirm, "choose"),
    bind(Dialog, Char('3'), M::Cancel, "cancel"),
    bind(Dialog, Esc, M::Cancel, "cancel"),
    bind(Picker, Char('j'), M::MoveDown, "move"),
    bind(Picker, Down, M::MoveDown, "move"),
    bind(Picker, Char('k'), M::MoveUp, "move"),
    bind(Picker, Up, M::MoveUp, "move"),
    bind(Picker, Enter, M::Confirm, "choose"),
    bind(Picker, Esc, M::Cancel, "cancel"),
    bind(Picker, Char('q'), M::Cancel, "cancel"),
    bind(Link, Char('c'), M::CopyLink, "copy it to the clipboard"),
    bind(Link, Esc, M::Cancel, "close"),
    bind(Link, Enter, M::Cancel, "close"),
    bind(Rate, Char('a'), M::Rate(R::Again), "again / hard / good / easy"),
    bind(Rate, Char('h'), M::Rate(R::Hard), "again / hard / good / easy"),
    bind(Rate, Char('g'), M::Rate(R::Good), "again / hard / good / easy"),
    bind(Rate, Char('e'), M::Rate(R::Easy), "again / hard / good / easy"),
    bind(Rate, Esc, M::Cancel, "not now"),
    bind(Help, Char('?'), M::ToggleHelp, "close"),
    bind(Help, Esc, M::ToggleHelp, "close"),
    bind(Help, Char('q'), M::ToggleHelp, "close"),
];

/// What a key means in `mode`: the table first, then typed text and digits.
pub fn message(mode: &Mode, key: KeyEvent) -> Option<Message> {
    let scope = Scope::of(mode);
    let mods = key.modifiers - KeyModifiers::SHIFT;
    if mods.contains(KeyModifiers::CONTROL) && key.code == Char('c') {
        return Some(match scope {
            Normal => M::Quit,
            _ => M::Cancel,
        });
    }
    if let Some(b) = KEYS
        .iter()
        .find(|b| b.scope == scope && b.code == key.code && b.mods == mods)
    {
        return Some(b.message);
    }
    match (scope, key.code) {
        (Text, Char(c)) if mods.is_empty() => Some(M::Input(c)),
        (Picker, Char(c)) if matches!(mode, Mode::OpenPick(_)) && c.is_ascii_digit() => {
            c.to_digit(10).map(|d| M::Choose(d as u8))
        }
        _ => None,
    }
}

/// How a key is written in the help.
pub fn key_name(code: KeyCode) -> String {
    match code {
        Char(' ') => "Space".into(),
        Char(c) => c.to_string(),
        Up => "↑".into(),
        Down => "↓".into(),
        Left => "←".into(),
        Right => "→".into(),
        Enter => "Enter".into(),
        Esc => "Esc".into(),
        Tab => "Tab".into(),
        BackTab => "⇧Tab".into(),
        Backspace => "Bksp".into(),
        Delete => "Del".into(),
        PageUp => "PgUp".into(),
        PageDown => "PgDn".into(),
        Home => "Home".into(),
        End => "End".into(),
        other => format!("{other:?}"),
    }
}

/// How a binding is written in the help: `^W` for Ctrl-W, as nano writes it.
pub fn binding_name(b: &Binding) -> String {
    if b.mods.contains(KeyModifiers::CONTROL) {
        format!("^{}", key_name(b.code).to_uppercase())
    } else {
        key_name(b.code)
    }
}

/// The help, grouped by scope: (scope, [(keys, text)]); neighbouring bindings
/// with the same text are joined as `j/↓`.
pub fn help_rows() -> Vec<(Scope, Vec<(String, &'static str)>)> {
    let mut out: Vec<(Scope, Vec<(String, &'static str)>)> = Vec::new();
    let mut last: Option<(Scope, &str)> = None;
    for b in KEYS {
        if out.last().is_none_or(|(s, _)| *s != b.scope) {
            out.push((b.scope, Vec::new()));
        }
        let rows = &mut out.last_mut().expect("pushed above").1;
        if last == Some((b.scope, b.help))
            && let Some(row) = rows.last_mut()
        {
            row.0.push('/');
            row.0.push_str(&binding_name(b));
        } else {
            rows.push((binding_name(b), b.help));
        }
        last = Some((b.scope, b.help));
    }
    out
}
