//! The Next view: what to do next, ranked by `query::next`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Block, List, ListItem, Paragraph};

use super::super::app::App;
use super::{fit_row, node_span};
use crate::app::words::leads_to;

/// Draws the list, scrolled to keep the selection on screen.
pub fn render(frame: &mut Frame, area: Rect, app: &mut App) {
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
    let dim = Style::new().fg(Color::DarkGray);
    let width = usize::from(inner.width);
    let items: Vec<ListItem> = app
        .next
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut head = vec![Span::raw(format!("{:>3}. ", i + 1))];
            let mut node = node_span(app, s.node);
            let title = node.pop().expect("glyph, space, title");
            head.extend(node);
            let mut tail = Vec::new();
            if s.unlocks.count > 0 {
                let text = leads_to(s.unlocks.shown(), s.unlocks.exact);
                tail.push(Span::styled(format!("  {text}"), dim));
            }
            if let Some(p) = app.cat.parent(s.node) {
                tail.push(Span::styled(format!("  · {}", app.cat.node(p).title), dim));
            }
            ListItem::new(fit_row(head, title, tail, width))
        })
        .collect();
    // ListState keeps the scroll offset between frames, so the list moves
    // only when the selection would leave the screen.
    app.next_list.select(Some(app.next_cursor));
    let list = List::new(items).highlight_style(Style::new().add_modifier(Modifier::REVERSED));
    frame.render_stateful_widget(list, inner, &mut app.next_list);
}
