//! The Next view: what to do next, ranked by `query::next`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, Paragraph};

use super::super::app::App;
use super::{fit_row, node_span};
use crate::app::words::leads_to;

/// Draws the topics due for review above the next steps, when there are some.
pub fn render(frame: &mut Frame, area: Rect, app: &mut App) {
    if app.due.is_empty() {
        return steps(frame, area, app);
    }
    let shown = app.due.len().min(5) as u16;
    let [top, rest] =
        Layout::vertical([Constraint::Length(shown + 2), Constraint::Fill(1)]).areas(area);
    let block = Block::bordered().title(format!(" Due for review ({}) ", app.due.len()));
    let inner = block.inner(top);
    frame.render_widget(block, top);
    let dim = Style::new().fg(Color::DarkGray);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = app
        .due
        .iter()
        .take(usize::from(shown))
        .map(|d| {
            let mut node = node_span(app, d.id);
            let title = node.pop().expect("glyph, space, title");
            let late = match d.overdue_days {
                0 => "due today".to_string(),
                n => format!("{n} d overdue"),
            };
            let tail = vec![Span::styled(
                format!("  {late} · {:.0}% remembered", d.retrievability * 100.0),
                dim,
            )];
            fit_row(node, title, tail, width)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    steps(frame, rest, app);
}

/// Draws the list, scrolled to keep the selection on screen.
fn steps(frame: &mut Frame, area: Rect, app: &mut App) {
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
