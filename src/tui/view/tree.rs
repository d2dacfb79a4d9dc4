//! The roadmap as a tree. Only the rows on screen are drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::app::words::glyph;
use crate::graph::NodeId;

use super::super::app::App;
use super::{fit_row, status_style};
use crate::app::words::plural;

/// Marks a topic due for review.
pub const REVIEW_GLYPH: &str = "↻";

/// Draws the tree, scrolling so the cursor stays on screen.
pub fn render(frame: &mut Frame, area: Rect, app: &mut App) {
    // The roadmap's topics, not the rows that happen to be unfolded.
    let topics = app.counts.iter().sum::<usize>();
    let block = Block::bordered().title(format!(" {} ", plural(topics, "topic", "topics")));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height);
    app.page = height.max(1);
    app.tree_area = inner;
    if app.cursor < app.offset {
        app.offset = app.cursor;
    } else if app.cursor >= app.offset + height {
        app.offset = app.cursor + 1 - height;
    }
    app.offset = app.offset.min(app.rows.len().saturating_sub(height));
    let end = (app.offset + height).min(app.rows.len());
    let width = usize::from(inner.width);
    let lines: Vec<Line> = (app.offset..end)
        .map(|i| row(app, app.rows[i], i == app.cursor, width))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One tree row: indent, fold marker, glyph, title, group progress, highlights.
fn row(app: &App, id: NodeId, selected: bool, width: usize) -> Line<'static> {
    let node = app.cat.node(id);
    let status = app.state.status(id);
    let mut style = status_style(status);
    let marker = if node.is_group() {
        if app.expanded[id.index()] {
            "▾ "
        } else {
            "▸ "
        }
    } else {
        "  "
    };
    let spans = vec![
        Span::raw(format!("{}{marker}", "  ".repeat(node.depth))),
        Span::styled(glyph(status), style),
        Span::raw(" "),
    ];
    if app.matches.contains(&id) {
        style = style.fg(Color::Black).bg(Color::Yellow);
    }
    if app.plan.contains(&id) {
        style = style.fg(Color::Magenta).add_modifier(Modifier::BOLD);
    }
    if app.unlocked.contains(&id) {
        style = style.fg(Color::Cyan).add_modifier(Modifier::BOLD);
    }
    let title = Span::styled(node.title.clone(), style);
    let mut tail = Vec::new();
    if let Some((d, t)) = app.units_of(id) {
        tail.push(Span::styled(
            format!(" {d}/{t}"),
            Style::new().fg(Color::DarkGray),
        ));
    }
    if node.optional {
        tail.push(Span::styled(
            " (optional)",
            Style::new().fg(Color::DarkGray),
        ));
    }
    if app.unlocked.contains(&id) {
        tail.push(Span::styled(" ★ new", Style::new().fg(Color::Cyan)));
    }
    if app.plan.contains(&id) {
        tail.push(Span::styled(" « needed", Style::new().fg(Color::Magenta)));
    }
    if app.due_nodes.contains(&id) {
        tail.push(Span::styled(
            format!(" {REVIEW_GLYPH} review"),
            Style::new().fg(Color::Magenta),
        ));
    }
    let line = fit_row(spans, title, tail, width);
    if selected {
        line.style(Style::new().add_modifier(Modifier::REVERSED))
    } else {
        line
    }
}
