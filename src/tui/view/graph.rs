//! The Graph view: the centre node, its prerequisites (left) and what it
//! unlocks (right), joined by lines.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::graph::NodeId;

use super::super::app::App;
use super::{fit_row, node_span};

const GAP: u16 = 5;

/// Draws the graph around `app.graph.center`.
pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let center = app.graph.center;
    let block = Block::bordered().title(format!(" Graph: {} ", app.cat.qualified(center)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [labels, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    let [l, g1, c, g2, r] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(GAP),
        Constraint::Fill(1),
        Constraint::Length(GAP),
        Constraint::Fill(1),
    ])
    .areas(body);
    let dim = Style::new().fg(Color::DarkGray);
    for (rect, text) in [(l, "needs"), (c, "selected"), (r, "unlocks / contains")] {
        let area = Rect {
            y: labels.y,
            height: 1,
            ..rect
        };
        frame.render_widget(Paragraph::new(Line::styled(text, dim)).centered(), area);
    }
    let mid = body.y + body.height / 2;
    let left = app.graph_left();
    let right = app.graph_right();
    let left_rows = column(frame, l, app, &left, -1, mid);
    let right_rows = column(frame, r, app, &right, 1, mid);

    let mut spans = node_span(app, center);
    spans.insert(0, Span::raw(" "));
    let title = spans.pop().expect("glyph, space, title");
    let line = fit_row(
        spans,
        title,
        Vec::new(),
        usize::from(c.width.saturating_sub(2)),
    );
    let center_style = if app.graph.col == 0 {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
    };
    let boxed = Rect {
        y: mid.saturating_sub(1).max(body.y),
        height: 3.min(body.height),
        ..c
    };
    frame.render_widget(
        Paragraph::new(line.style(center_style)).block(Block::bordered()),
        boxed,
    );
    let buf = frame.buffer_mut();
    connect(buf, g1, &left_rows, mid, true);
    connect(buf, g2, &right_rows, mid, false);
}

/// Draws one side list centred on `mid`; returns the rows used.
fn column(frame: &mut Frame, area: Rect, app: &App, ids: &[NodeId], col: i8, mid: u16) -> Vec<u16> {
    if ids.is_empty() || area.height == 0 {
        return Vec::new();
    }
    let h = usize::from(area.height);
    let selected = (app.graph.col == col).then_some(app.graph.row);
    // Scroll so the selected row is shown when the list is taller than the screen.
    let skip = selected.map_or(0, |s| (s + 1).saturating_sub(h));
    let shown = ids.len().saturating_sub(skip).min(h);
    let top = mid
        .saturating_sub(shown as u16 / 2)
        .max(area.y)
        .min(area.y + area.height - shown as u16);
    let mut rows = Vec::new();
    for (i, &id) in ids.iter().enumerate().skip(skip).take(shown) {
        let y = top + (i - skip) as u16;
        let mut head = node_span(app, id);
        let title = head.pop().expect("glyph, space, title");
        let mut tail = Vec::new();
        if app.cat.parent(app.graph.center) == Some(id)
            || app.cat.parent(id) == Some(app.graph.center)
        {
            tail.push(Span::styled(
                if col < 0 { " (group)" } else { " (inside)" },
                Style::new().fg(Color::DarkGray),
            ));
        }
        let mut line = fit_row(head, title, tail, usize::from(area.width));
        if col < 0 {
            line = line.right_aligned();
        }
        if selected == Some(i) {
            line = line.style(Style::new().add_modifier(Modifier::REVERSED));
        }
        frame.render_widget(
            Paragraph::new(line),
            Rect {
                y,
                height: 1,
                ..area
            },
        );
        rows.push(y);
    }
    rows
}

/// Joins the side rows to the centre row across a gap column.
fn connect(buf: &mut Buffer, gap: Rect, rows: &[u16], mid: u16, into_center: bool) {
    if rows.is_empty() || gap.width < GAP {
        return;
    }
    let style = Style::new().fg(Color::DarkGray);
    let lo = rows.iter().copied().min().unwrap_or(mid).min(mid);
    let hi = rows.iter().copied().max().unwrap_or(mid).max(mid);
    let x = gap.x + 2;
    for y in lo..=hi {
        let side = rows.contains(&y);
        let centre = y == mid;
        let (west, east) = if into_center {
            (side, centre)
        } else {
            (centre, side)
        };
        let ch = junction(y > lo, y < hi, west, east);
        buf[(x, y)].set_symbol(ch).set_style(style);
    }
    for &y in rows {
        let (a, b) = if into_center {
            (gap.x, gap.x + 1)
        } else {
            (gap.x + 3, gap.x + 4)
        };
        buf[(a, y)].set_symbol("─").set_style(style);
        buf[(b, y)]
            .set_symbol(if into_center { "─" } else { "▶" })
            .set_style(style);
    }
    let (a, b) = if into_center {
        (gap.x + 3, gap.x + 4)
    } else {
        (gap.x, gap.x + 1)
    };
    buf[(a, mid)].set_symbol("─").set_style(style);
    buf[(b, mid)]
        .set_symbol(if into_center { "▶" } else { "─" })
        .set_style(style);
}

fn junction(up: bool, down: bool, west: bool, east: bool) -> &'static str {
    match (up, down, west, east) {
        (true, true, true, true) => "┼",
        (true, true, true, false) => "┤",
        (true, true, false, true) => "├",
        (true, true, false, false) => "│",
        (true, false, true, true) => "┴",
        (true, false, true, false) => "┘",
        (true, false, false, true) => "└",
        (false, true, true, true) => "┬",
        (false, true, true, false) => "┐",
        (false, true, false, true) => "┌",
        (false, false, _, _) => "─",
        (true, false, false, false) | (false, true, false, false) => "│",
    }
}
