//! The selected node: what it is, what it needs and opens, links, the note.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::graph::{NodeId, query};
use crate::roadmap::Kind;

use super::super::app::{App, Mode};
use super::{node_span, status_style, truncate};

/// Draws the details of `id` (nothing selected: an empty box).
pub fn render(frame: &mut Frame, area: Rect, app: &App, id: Option<NodeId>) {
    let block = Block::bordered().title(" Details ");
    let Some(id) = id else {
        frame.render_widget(Paragraph::new("Nothing selected").block(block), area);
        return;
    };
    let lines = lines_in(app, id, usize::from(area.width.saturating_sub(2)));
    // Keep at least the last line on screen however far it was scrolled.
    let scroll = app
        .detail_scroll
        .min(u16::try_from(lines.len().saturating_sub(1)).unwrap_or(u16::MAX));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}

fn heading(s: &str) -> Line<'static> {
    Line::from(Span::styled(
        s.to_string(),
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    ))
}

/// The text of the details pane.
pub fn lines(app: &App, id: NodeId) -> Vec<Line<'static>> {
    lines_in(app, id, usize::MAX)
}

/// The text of the details pane for a pane `width` columns wide: a link is
/// on a line of its own, cut with `…` rather than wrapped (a wrapped URL
/// copies badly); `o` opens or shows the whole of it.
pub fn lines_in(app: &App, id: NodeId, width: usize) -> Vec<Line<'static>> {
    let cat = app.cat;
    let node = cat.node(id);
    let status = app.state.status(id);
    let dim = Style::new().fg(Color::DarkGray);
    let mut out = vec![Line::from(node.title.clone()).bold()];
    let kind = match (node.kind, node.is_group()) {
        (Kind::Choice, _) => format!("choice: pick {}", node.pick.unwrap_or(1)),
        (Kind::Topic, true) => "group".to_string(),
        (k, _) => k.as_str().to_string(),
    };
    let mut facts = vec![
        Span::raw(kind),
        Span::raw(" · "),
        Span::styled(status.label(), status_style(status)),
    ];
    if let Some((d, t)) = app.units_of(id) {
        facts.push(Span::raw(format!(" {d}/{t}")));
    }
    if let Some(e) = query::estimate_of(cat, id) {
        facts.push(Span::raw(format!(" · {e}")));
    }
    if node.optional {
        facts.push(Span::raw(" · optional"));
    }
    out.push(Line::from(facts));
    out.push(Line::styled(cat.qualified(id), dim));
    if let Some(s) = &node.summary {
        out.push(Line::default());
        out.push(Line::from(s.clone()).italic());
    }
    if let Some(d) = &node.description {
        out.push(Line::default());
        out.extend(d.lines().map(|l| Line::from(l.to_string())));
    }
    let requires = cat.requires(id);
    let unmet = query::unmet(cat, &app.state, id);
    let inherited: Vec<NodeId> = unmet
        .iter()
        .copied()
        .filter(|u| !requires.contains(u))
        .collect();
    if !requires.is_empty() || !inherited.is_empty() {
        out.push(Line::default());
        out.push(heading("Requires"));
        for &r in requires.iter().chain(&inherited) {
            let mut spans = vec![Span::raw("  ")];
            spans.extend(node_span(app, r));
            if inherited.contains(&r) {
                spans.push(Span::styled(" (via its group)", dim));
            }
            out.push(Line::from(spans));
        }
    }
    let unlocks = query::unlocked_by(cat, id);
    if !unlocks.is_empty() {
        out.push(Line::default());
        out.push(heading("Unlocks"));
        for &u in &unlocks {
            let mut spans = vec![Span::raw("  ")];
            spans.extend(node_span(app, u));
            out.push(Line::from(spans));
        }
    }
    if !node.resources.is_empty() {
        out.push(Line::default());
        out.push(heading("Resources"));
        for (i, r) in node.resources.iter().enumerate() {
            out.push(Line::from(vec![
                Span::raw(format!("  {}. ", i + 1)),
                Span::raw(r.title.clone()),
                Span::styled(format!(" ({})", r.kind.as_str()), dim),
            ]));
            out.push(Line::styled(
                format!("     {}", truncate(&r.url, width.saturating_sub(5))),
                dim,
            ));
        }
    }
    // Notes belong to topics; a group's pane does not offer one.
    if node.is_group() {
        return out;
    }
    out.push(Line::default());
    out.push(heading("Note"));
    match (&app.mode, app.note(id)) {
        (Mode::Note(..), _) => out.push(Line::styled("  (editing below)", dim)),
        (_, Some(n)) => out.extend(n.lines().map(|l| Line::from(format!("  {l}")))),
        (_, None) => out.push(Line::styled(
            "  none — press e to write one (E: in your editor)",
            dim,
        )),
    }
    out
}
