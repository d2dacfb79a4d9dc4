//! The bottom two lines: key hints, and the status line (or what is being typed).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::{App, Mode};
use super::super::message::View;

/// Draws the footer.
pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let [hints, status] = Layout::vertical([Constraint::Length(1); 2]).areas(area);
    let hint = match (&app.mode, app.view) {
        (Mode::Search, _) => "type to search · Enter keep · Esc clear",
        (Mode::Note(..), _) => "type the note · Enter save · Esc cancel",
        (Mode::Locked(_), _) => "1 alone · 2 with prerequisites · Esc cancel",
        (Mode::Picker(_), _) => "↑↓ choose · Enter open · Esc cancel",
        (Mode::OpenPick(_), _) => "1–9 pick a resource · Esc cancel",
        (_, View::Graph) => {
            "←→ walk · ↑↓ pick · Enter centre · d/s/x mark · Tab view · ? help · q quit"
        }
        (_, View::Stats) => "Tab view · r roadmap · ? help · q quit",
        _ => "↑↓ move  d done  s start  x skip  u undo  / search  Tab view  ? help  q quit",
    };
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!(" {hint}"),
            Style::new().fg(Color::DarkGray),
        )),
        hints,
    );
    let cursor = Span::styled(" ", Style::new().add_modifier(Modifier::REVERSED));
    let line = match &app.mode {
        Mode::Search => Line::from(vec![
            Span::raw(format!(" /{}", app.query)),
            cursor,
            Span::styled(
                format!("  {} matches", app.matches.len()),
                Style::new().fg(Color::DarkGray),
            ),
        ]),
        Mode::Note(_, text) => {
            // Show the end of a long note, the part being typed.
            let room = usize::from(area.width).saturating_sub(10);
            let chars: Vec<char> = text.chars().collect();
            let shown: String = chars[chars.len().saturating_sub(room)..].iter().collect();
            let shown = crate::roadmap::sanitize::clean_line(&shown).into_owned();
            Line::from(vec![Span::raw(format!(" Note: {shown}")), cursor])
        }
        _ => Line::from(format!(" {}", app.status_line)),
    };
    frame.render_widget(Paragraph::new(line), status);
}
