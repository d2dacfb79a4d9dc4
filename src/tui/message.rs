//! Everything that can happen to the UI, as plain data.

/// The four screens, in `Tab` order; their names are the header's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::VariantArray)]
pub enum View {
    /// The roadmap as a collapsible tree, with the selected node's details.
    Tree,
    /// What to do next, ranked.
    Next,
    /// The whole roadmap as a map of boxes and arrows.
    Graph,
    /// Progress per group, activity, what is left.
    Stats,
}

impl View {
    /// Every view, in `Tab` order (and `1`–`4`).
    pub const ALL: &[View] = <View as strum::VariantArray>::VARIANTS;

    /// The name shown in the header tabs.
    pub fn title(self) -> &'static str {
        self.into()
    }

    /// The view after this one.
    pub fn next(self) -> View {
        let i = View::ALL.iter().position(|&v| v == self).unwrap_or(0);
        View::ALL[(i + 1) % View::ALL.len()]
    }

    /// The view before this one.
    pub fn prev(self) -> View {
        let i = View::ALL.iter().position(|&v| v == self).unwrap_or(0);
        View::ALL[(i + View::ALL.len() - 1) % View::ALL.len()]
    }
}

/// One thing the user asked for; [`super::update::update`] applies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    /// Leave the UI.
    Quit,
    /// Show or hide the key help.
    ToggleHelp,
    /// Selection up one row.
    MoveUp,
    /// Selection down one row.
    MoveDown,
    /// Selection up one screen.
    PageUp,
    /// Selection down one screen.
    PageDown,
    /// First row.
    Top,
    /// Last row.
    Bottom,
    /// Collapse, or go to the parent (tree); the nearest box left (map).
    Left,
    /// Expand, or go to the first child (tree); the nearest box right (map).
    Right,
    /// Fold or unfold a group (tree); open the map's selection in the tree.
    Activate,
    /// Mark the selection done (again: back to todo).
    MarkDone,
    /// Mark the selection started (again: back to todo).
    MarkStarted,
    /// Mark the selection skipped (again: back to todo).
    MarkSkipped,
    /// Scroll the details pane down.
    DetailDown,
    /// Scroll the details pane up.
    DetailUp,
    /// Revert the last change.
    Undo,
    /// Start typing a search.
    StartSearch,
    /// Next search match.
    NextMatch,
    /// Previous search match.
    PrevMatch,
    /// The next view.
    NextView,
    /// The previous view.
    PrevView,
    /// Jump to a view.
    ShowView(View),
    /// Open a resource of the selection in the browser.
    OpenResource,
    /// Edit the selection's note.
    EditNote,
    /// Edit the selection's note in the user's editor ($VISUAL, $EDITOR).
    EditNoteExternal,
    /// Highlight what the selection still needs.
    ShowPlan,
    /// Follow the alternative the selection is in, for its choice.
    FollowChoice,
    /// Copy the link shown to the clipboard.
    CopyLink,
    /// Read the roadmap files again.
    Reload,
    /// Map: zoom out to the groups, or back in.
    Zoom,
    /// Map: along an arrow to a prerequisite.
    ToPrerequisite,
    /// Map: along an arrow to what needs the selection.
    ToDependent,
    /// Pick another roadmap.
    SwitchRoadmap,
    /// Ask how well the selected done topic is known (for reviews).
    StartRating,
    /// Record a review of the topic being rated.
    Rate(crate::progress::Rating),
    /// A typed character (search, note).
    Input(char),
    /// Delete the character before the cursor.
    Backspace,
    /// Move the cursor or delete more than a character (search, note).
    Edit(EditKey),
    /// Accept (search, note, dialog, picker).
    Confirm,
    /// Cancel (search, note, dialog, picker), or clear highlights.
    Cancel,
    /// Pick option N (1-based) in a dialog.
    Choose(u8),
    /// Mouse click at a screen cell.
    Click {
        /// Column.
        x: u16,
        /// Row.
        y: u16,
    },
    /// Mouse wheel up.
    ScrollUp,
    /// Mouse wheel down.
    ScrollDown,
}

/// Editing keys for a text field beyond typing and Backspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKey {
    /// Cursor one character left.
    Left,
    /// Cursor one character right.
    Right,
    /// Cursor to the start.
    Home,
    /// Cursor to the end.
    End,
    /// Delete the character under the cursor.
    Delete,
    /// Delete the word before the cursor (Ctrl-W).
    DeleteWord,
    /// Delete everything before the cursor (Ctrl-U).
    DeleteToStart,
}
