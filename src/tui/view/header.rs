//! The top two lines: roadmap, user, views; the progress gauge and counts.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};

use crate::app::words::glyph;
use crate::graph::{Status, percent};

use super::super::app::{App, status_index};
use super::super::message::View;
use super::status_style;

/// Draws the header.
pub fn render(frame: &mut Frame, area: Rect, app: &mut App) {
    let [top, bottom] = Layout::vertical([Constraint::Length(1); 2]).areas(area);
    let mut tabs: Vec<Span> = Vec::new();
    for (i, v) in View::ALL.iter().enumerate() {
        let label = format!(" {} {} ", i + 1, v.title());
        tabs.push(if *v == app.view {
            Span::styled(label, Style::new().add_modifier(Modifier::REVERSED))
        } else {
            Span::raw(label)
        });
    }
    let tabs_width: u16 = tabs.iter().map(|s| s.width() as u16).sum();
    let [left, right] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(tabs_width)]).areas(top);
    let mut title = Line::from(vec![
        Span::raw(" "),
        Span::raw(app.title().to_string()).bold(),
        Span::raw(" · "),
        Span::raw(app.user.clone()).fg(Color::Cyan),
    ]);
    if let Some(week) = &app.week {
        let style = if week.met {
            Style::new().fg(Color::Green)
        } else {
            Style::new().fg(Color::DarkGray)
        };
        title.push_span(Span::styled(format!(" · goal: {}", week.text), style));
    }
    if !app.due.is_empty() {
        title.push_span(Span::styled(
            format!(" · {} to review", app.due.len()),
            Style::new().fg(Color::Magenta),
        ));
    }
    // Where each tab is drawn, so a click on it can switch views.
    let mut x = right.x;
    app.tab_areas.clear();
    for (span, &v) in tabs.iter().zip(View::ALL) {
        let w = span.width() as u16;
        app.tab_areas.push((Rect::new(x, right.y, w, 1), v));
        x += w;
    }
    frame.render_widget(Paragraph::new(title), left);
    frame.render_widget(Paragraph::new(Line::from(tabs)), right);

    let counts: Vec<Span> = [
        (Status::Done, "done"),
        (Status::InProgress, "started"),
        (Status::Available, "available"),
        (Status::Locked, "locked"),
        (Status::Skipped, "skipped"),
    ]
    .iter()
    .flat_map(|&(s, name)| {
        [
            Span::styled(
                format!("{} {} {name}", glyph(s), app.counts[status_index(s)]),
                status_style(s),
            ),
            Span::raw("  "),
        ]
    })
    .collect();
    let counts_width: u16 = counts.iter().map(|s| s.width() as u16).sum();
    let [gauge_area, _, counts_area] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(counts_width),
    ])
    .areas(bottom);
    let (done, total) = app.total;
    let pct = percent(app.total);
    let gauge = Gauge::default()
        .gauge_style(Style::new().fg(Color::Green).bg(Color::Black))
        .percent(pct.min(100) as u16)
        .label(format!("{pct}% · {done}/{total}"));
    frame.render_widget(gauge, gauge_area);
    frame.render_widget(Paragraph::new(Line::from(counts)), counts_area);
}
