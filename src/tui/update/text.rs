//! Editing the text field (search or note) through `tui_input`, which keeps
//! the cursor and handles characters, words and wide glyphs.

use tui_input::InputRequest;

use super::super::app::App;
use super::super::message::{EditKey, Message};

/// The longest text a field takes, in characters.
pub const MAX_CHARS: usize = 2000;

/// Applies an editing message to [`App::input`]; whether it was one.
pub(super) fn edit(app: &mut App, msg: Message) -> bool {
    let request = match msg {
        Message::Input(_) if app.input.value().chars().count() >= MAX_CHARS => return true,
        Message::Input(c) => InputRequest::InsertChar(c),
        Message::Backspace => InputRequest::DeletePrevChar,
        Message::Edit(key) => match key {
            EditKey::Left => InputRequest::GoToPrevChar,
            EditKey::Right => InputRequest::GoToNextChar,
            EditKey::Home => InputRequest::GoToStart,
            EditKey::End => InputRequest::GoToEnd,
            EditKey::Delete => InputRequest::DeleteNextChar,
            EditKey::DeleteWord => InputRequest::DeletePrevWord,
            EditKey::DeleteToStart => InputRequest::DeleteFromStart,
        },
        _ => return false,
    };
    app.input.handle(request);
    true
}
