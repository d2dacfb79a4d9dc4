//! The bottom two lines: key hints, and the status line (or what is being typed).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::words::plural;

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
        (Mode::Link { .. }, _) => "c copy the link · Esc close",
        (Mode::Rate(_), _) => "a again · h hard · g good · e easy · Esc not now",
        (_, View::Graph) => {
            "←↑↓→ walk · [ ] arrows · z zoom · Enter tree · d/s/x mark · ? help · q quit"
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
    let line = match &app.mode {
        Mode::Search => {
            let mut spans = vec![Span::raw(" /")];
            spans.extend(field(app, usize::from(area.width).saturating_sub(16)));
            spans.push(Span::styled(
                format!("  {}", plural(app.matches.len(), "match", "matches")),
                Style::new().fg(Color::DarkGray),
            ));
            Line::from(spans)
        }
        Mode::Note(_) => {
            let mut spans = vec![Span::raw(" Note: ")];
            spans.extend(field(app, usize::from(area.width).saturating_sub(8)));
            Line::from(spans)
        }
        _ => Line::from(format!(
            " {}",
            super::truncate(&app.status_line, usize::from(area.width).saturating_sub(1))
        )),
    };
    frame.render_widget(Paragraph::new(line), status);
}

/// The text being typed, scrolled to keep the cursor in `width` columns,
/// with the cursor shown reversed.
fn field(app: &App, width: usize) -> Vec<Span<'static>> {
    let width = width.max(1);
    let scroll = app.input.visual_scroll(width);
    let cursor = app.input.visual_cursor().saturating_sub(scroll);
    // Columns, not chars: cut the visible window by display width.
    let mut before = String::new();
    let mut under = String::new();
    let mut after = String::new();
    let mut col = 0;
    for c in app.input.value().chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if col >= scroll && col < scroll + width {
            let at = col - scroll;
            if at < cursor {
                before.push(c);
            } else if at == cursor && under.is_empty() {
                under.push(c);
            } else {
                after.push(c);
            }
        }
        col += w;
    }
    if under.is_empty() {
        under.push(' ');
    }
    let clean = |s: &str| crate::roadmap::sanitize::clean_line(s).into_owned();
    vec![
        Span::raw(clean(&before)),
        Span::styled(clean(&under), Style::new().add_modifier(Modifier::REVERSED)),
        Span::raw(clean(&after)),
    ]
}
