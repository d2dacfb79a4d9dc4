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
    let height = usize::from(inner.height).max(2);
    let sections: Vec<(Scope, Vec<(String, &str)>)> = help_rows()
        .into_iter()
        // The title says how to close it, the link box shows its own two
        // keys, and the footer the rating keys while rating: none needs a section.
        .filter(|(s, _)| !matches!(s, Scope::Help | Scope::Link | Scope::Rate))
        .collect();
    // As few columns as the screen allows, balanced: try columns as tall as
    // the lines divided evenly, then taller, up to the screen.
    let total: usize = sections.iter().map(|(_, rows)| rows.len() + 1).sum();
    let wanted = total.div_ceil(height).max(1);
    let columns = (total.div_ceil(wanted)..=height)
        .map(|limit| layout(&sections, limit))
        .find(|c| c.len() <= wanted)
        .unwrap_or_else(|| layout(&sections, height));
    let areas = Layout::horizontal(vec![Constraint::Fill(1); columns.len()]).split(inner);
    for (column, area) in columns.into_iter().zip(areas.iter()) {
        frame.render_widget(Paragraph::new(column), *area);
    }
}

/// The help's lines in columns of at most `limit` lines. A section never
/// starts on a column's last line, and one that runs on into the next column
/// says so in a heading.
fn layout(
    sections: &[(Scope, Vec<(String, &'static str)>)],
    limit: usize,
) -> Vec<Vec<Line<'static>>> {
    let heading = |text: String| {
        Line::styled(
            text,
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    };
    let mut columns: Vec<Vec<Line>> = vec![Vec::new()];
    for (scope, rows) in sections {
        if limit.saturating_sub(columns.last().map_or(0, Vec::len)) < 2 {
            columns.push(Vec::new());
        }
        columns
            .last_mut()
            .expect("one column at least")
            .push(heading(scope.title().to_string()));
        for (keys, text) in rows {
            if columns.last().map_or(0, Vec::len) >= limit {
                columns.push(vec![heading(format!("{} (cont.)", scope.title()))]);
            }
            // Most keys fit ten columns; a longer run of keys takes what it needs.
            let w = 10.max(keys.chars().count() + 1);
            columns
                .last_mut()
                .expect("one column at least")
                .push(Line::from(vec![
                    Span::styled(format!(" {keys:<w$}"), Style::new().fg(Color::Cyan)),
                    Span::raw(*text),
                ]));
        }
    }
    columns
}
