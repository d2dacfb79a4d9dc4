//! The Next view: what to do next, ranked by `query::next`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::super::app::App;
use super::node_span;

/// Draws the list, scrolled to keep the selection on screen.
pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let block = Block::bordered().title(format!(" Next steps ({}) ", app.next.len()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if app.next.is_empty() {
        frame.render_widget(
            Paragraph::new(
                "Nothing available: everything here is done, or locked behind another roadmap.",
            ),
            inner,
        );
        return;
    }
    let height = usize::from(inner.height).max(1);
    let offset = (app.next_cursor + 1).saturating_sub(height);
    let dim = Style::new().fg(Color::DarkGray);
    let lines: Vec<Line> = app
        .next
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, s)| {
            let mut spans = vec![Span::raw(format!("{:>3}. ", i + 1))];
            spans.extend(node_span(app, s.node));
            if s.unlocks > 0 {
                spans.push(Span::styled(format!("  unlocks {}", s.unlocks), dim));
            }
            if let Some(p) = app.cat.parent(s.node) {
                spans.push(Span::styled(format!("  · {}", app.cat.node(p).title), dim));
            }
            let line = Line::from(spans);
            if i == app.next_cursor {
                line.style(Style::new().add_modifier(Modifier::REVERSED))
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
