//! The Graph view: the whole roadmap as a map (see [`crate::app::map`]).
//! Only the window on screen is painted; colours follow the tree's.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::app::words::glyph;
use crate::graph::Status;
use crate::graph::layout::Segment;
use crate::graph::layout::draw::{self, Ink, Window};

use super::super::map::neighbours;

use super::super::app::App;
use super::status_style;

/// Draws the map, panned so the selection shows, with a legend below.
pub fn render(frame: &mut Frame, area: Rect, app: &mut App) {
    let zoom = if app.map.zoomed_out {
        "zoomed out"
    } else {
        "every topic"
    };
    let block = Block::bordered().title(format!(" Map: {} — {zoom} ", app.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [body, legend_row] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(Paragraph::new(legend()), legend_row);
    let (w, h) = (u32::from(body.width), u32::from(body.height));
    if w == 0 || h == 0 {
        return;
    }
    let (x, y) = app.map.pan(app.cat, w, h);
    let app = &*app;
    let Some(map) = app.map.current() else {
        return;
    };
    let selected = map.index(app.cat, app.map.selected);
    let label = |i| map.label(app.cat, Some(&app.state), i);
    let on_path = |i: usize| {
        let id = map.nodes[i];
        app.plan.contains(&id) || app.plan_for == Some(id)
    };
    // The plan's path: arrows between two of its nodes; a bus, as far as
    // it leads to one.
    let lit = |s: &Segment, into: u32| match s.ends {
        (a, Some(b)) => on_path(a) && on_path(b),
        (a, None) => {
            on_path(a)
                && neighbours(app.cat, map.nodes[a], map.roadmap, true)
                    .into_iter()
                    .filter_map(|n| map.index(app.cat, n))
                    .filter(|&b| on_path(b))
                    .any(|b| map.layout.place[b].is_some_and(|(c, _)| c > into))
        }
    };
    let plan_shown = !app.plan.is_empty();
    let paint = draw::Paint {
        label: &label,
        selected,
        lit: if plan_shown { Some(&lit) } else { None },
    };
    let canvas = draw::draw(&map.layout, Window { x, y, w, h }, &paint);
    let buf = frame.buffer_mut();
    for cy in 0..canvas.h {
        for cx in 0..canvas.w {
            let (c, ink) = canvas.at(cx, cy);
            let cell = &mut buf[(body.x + cx as u16, body.y + cy as u16)];
            if c == '\0' {
                cell.set_symbol("");
                continue;
            }
            if ink == Ink::Blank {
                continue;
            }
            let mut tmp = [0u8; 4];
            cell.set_symbol(c.encode_utf8(&mut tmp));
            cell.set_style(style(app, map, ink, selected));
        }
    }
}

/// The colour of a cell: boxes by status and highlight, lines dim.
fn style(app: &App, map: &crate::app::map::Map, ink: Ink, selected: Option<usize>) -> Style {
    let dim = Style::new().fg(Color::DarkGray);
    let (i, text) = match ink {
        Ink::Blank | Ink::Arrow => return dim,
        Ink::Head => return Style::new().fg(Color::Gray),
        Ink::Lit => return Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
        Ink::Frame(_) => return Style::new().fg(Color::Blue),
        Ink::FrameLabel(_) => return Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
        Ink::Border(i) => (i, false),
        Ink::Text(i) => (i, true),
    };
    let id = map.nodes[i];
    let mut s = status_style(app.state.status(id));
    if app.matches.contains(&id) {
        s = s.fg(Color::Black).bg(Color::Yellow);
    }
    if app.plan.contains(&id) {
        s = s.fg(Color::Magenta).add_modifier(Modifier::BOLD);
    }
    if app.unlocked.contains(&id) {
        s = s.fg(Color::Cyan).add_modifier(Modifier::BOLD);
    }
    if selected == Some(i) {
        s = if text {
            s.add_modifier(Modifier::REVERSED)
        } else {
            s.remove_modifier(Modifier::DIM)
                .add_modifier(Modifier::BOLD)
        };
    }
    s
}

/// One line: what the colours and glyphs mean, and the map's own keys.
fn legend() -> Line<'static> {
    let mut spans = Vec::new();
    for s in [
        Status::Done,
        Status::InProgress,
        Status::Available,
        Status::Locked,
        Status::Skipped,
    ] {
        spans.push(Span::styled(
            format!("{} {}", glyph(s), s.label()),
            status_style(s),
        ));
        spans.push(Span::raw("  "));
    }
    spans.push(Span::styled(
        "new",
        Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    ));
    spans.push(Span::raw(" "));
    spans.push(Span::styled(
        "plan",
        Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
    ));
    spans.push(Span::styled(
        "   z zoom  [ ] arrows  Enter tree",
        Style::new().fg(Color::DarkGray),
    ));
    Line::from(spans)
}
