//! Drawing: one file per part of the screen. Nothing here changes progress;
//! the tree only records where it drew (for paging and mouse clicks).

pub mod detail;
pub mod dialog;
pub mod footer;
pub mod graph;
pub mod header;
pub mod help;
pub mod next;
pub mod stats;
pub mod tree;

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::words::glyph;
use crate::graph::{NodeId, Status};

use super::app::{App, Mode};
use super::message::View;

/// The smallest screen the UI draws on.
pub const MIN_WIDTH: u16 = 80;
/// The smallest screen the UI draws on.
pub const MIN_HEIGHT: u16 = 24;

/// Draws the whole screen.
pub fn render(frame: &mut Frame, app: &mut App) {
    app.refresh_view();
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return;
    }
    if app.mode == Mode::Help {
        help::render(frame, area);
        return;
    }
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(2),
    ])
    .areas(area);
    header::render(frame, head, app);
    match app.view {
        View::Tree => {
            let [left, right] = split(body);
            tree::render(frame, left, app);
            detail::render(frame, right, app, app.tree_selected());
        }
        View::Next => {
            let [left, right] = split(body);
            next::render(frame, left, app);
            detail::render(frame, right, app, app.selected());
        }
        View::Graph => graph::render(frame, body, app),
        View::Stats => stats::render(frame, body, app),
    }
    footer::render(frame, foot, app);
    match &app.mode {
        Mode::Locked(d) => dialog::locked(frame, body, app, d),
        Mode::Picker(sel) => dialog::picker(frame, body, app, *sel),
        Mode::Link { url, why } => dialog::link(frame, body, url, why),
        _ => {}
    }
}

fn split(body: Rect) -> [Rect; 2] {
    Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body)
}

/// The notice shown below 80×24.
fn too_small(frame: &mut Frame, area: Rect) {
    let text = vec![
        Line::from("Terminal too small").bold(),
        Line::from(format!(
            "skilltree needs {MIN_WIDTH}×{MIN_HEIGHT}; this is {}×{}",
            area.width, area.height
        )),
        Line::from("Enlarge the window, or press q to quit"),
    ];
    let [mid] = Layout::vertical([Constraint::Length(3)])
        .flex(Flex::Center)
        .areas(area);
    frame.render_widget(Paragraph::new(text).centered(), mid);
}

/// The colour and weight of a status.
pub fn status_style(s: Status) -> Style {
    match s {
        Status::Done => Style::new().fg(Color::Green),
        Status::InProgress => Style::new().fg(Color::Yellow),
        Status::Available => Style::new().add_modifier(Modifier::BOLD),
        Status::Locked => Style::new().fg(Color::DarkGray).add_modifier(Modifier::DIM),
        Status::Skipped => Style::new().fg(Color::Gray).add_modifier(Modifier::DIM),
    }
}

/// `✓ Title`, coloured by status.
pub fn node_span(app: &App, id: NodeId) -> Vec<Span<'static>> {
    let s = app.state.status(id);
    let mut title = app.cat.node(id).title.clone();
    if app.cat.roadmap_of(id) != app.roadmap {
        title = format!("{title} ({})", app.cat.roadmap_id(id));
    }
    vec![
        Span::styled(glyph(s), status_style(s)),
        Span::raw(" "),
        Span::styled(title, status_style(s)),
    ]
}

/// `s` cut to `width` terminal columns, ending in `…` when cut (the map's rule).
pub use crate::graph::layout::draw::cut as truncate;

/// One row in `width` columns: `head` and `tail` are kept whole (counts,
/// markers: what gives a row its meaning) and the title is cut with `…` to
/// make room; when even that is not enough, tail pieces go from the last.
pub fn fit_row(
    head: Vec<Span<'static>>,
    title: Span<'static>,
    mut tail: Vec<Span<'static>>,
    width: usize,
) -> Line<'static> {
    use unicode_width::UnicodeWidthStr;
    let w = |spans: &[Span]| spans.iter().map(|s| s.content.width()).sum::<usize>();
    let head_w = w(&head);
    // Keep a few columns of the title readable before giving up a tail piece.
    while !tail.is_empty() && head_w + w(&tail) + 6 > width {
        tail.pop();
    }
    let room = width.saturating_sub(head_w + w(&tail));
    let title = Span::styled(truncate(&title.content, room), title.style);
    let mut spans = head;
    spans.push(title);
    spans.extend(tail);
    Line::from(spans)
}

/// A `width`×`height` rectangle centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [h] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    h
}
