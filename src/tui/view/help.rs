//! The `?` screen, drawn from the key table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::super::keymap::{Scope, help_rows};

/// Draws the help over the whole screen.
pub fn render(frame: &mut Frame, area: Rect) {
    let block = Block::bordered().title(" Keys — ? or Esc closes ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines: Vec<Line> = Vec::new();
    // The title says how to close it; the Help scope needs no section.
    for (scope, rows) in help_rows().into_iter().filter(|(s, _)| *s != Scope::Help) {
        lines.push(Line::styled(
            scope.title(),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        ));
        for (keys, text) in rows {
            // Most keys fit ten columns; a longer run of keys takes what it needs.
            let w = 10.max(keys.chars().count() + 1);
            lines.push(Line::from(vec![
                Span::styled(format!(" {keys:<w$}"), Style::new().fg(Color::Cyan)),
                Span::raw(text),
            ]));
        }
    }
    let per_col = usize::from(inner.height).max(1);
    let columns = lines.len().div_ceil(per_col).max(1);
    let areas = Layout::horizontal(vec![Constraint::Fill(1); columns]).split(inner);
    for (chunk, area) in lines.chunks(per_col).zip(areas.iter()) {
        frame.render_widget(Paragraph::new(chunk.to_vec()), *area);
    }
}
