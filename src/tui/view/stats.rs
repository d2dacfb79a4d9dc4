//! The Stats view: progress per top-level group, an activity heatmap, what is left.

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, Paragraph, Wrap};

use crate::app::words::glyph;
use crate::app::words::{capitalised, plural};
use crate::graph::{Status, percent};
use crate::roadmap::sanitize::clean_line;

use super::super::app::{App, status_index};
use super::status_style;

/// Weeks shown in the heatmap.
pub const WEEKS: i64 = 12;

/// Draws the stats.
pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let cat = app.cat;
    let roots: Vec<_> = cat.roots_of(app.roadmap).collect();
    let rows = (u16::try_from(roots.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2))
    .min(area.height.saturating_sub(11))
    .max(3);
    let [top, bottom] =
        Layout::vertical([Constraint::Length(rows), Constraint::Fill(1)]).areas(area);
    let block = Block::bordered().title(" Progress by group ");
    let inner = block.inner(top);
    frame.render_widget(block, top);
    let label_w = (inner.width / 3).max(10);
    for (i, &id) in roots.iter().take(usize::from(inner.height)).enumerate() {
        let y = inner.y + i as u16;
        let [name, gauge] = Layout::horizontal([Constraint::Length(label_w), Constraint::Fill(1)])
            .areas(Rect {
                y,
                height: 1,
                ..inner
            });
        let units = app.units_of(id).unwrap_or_else(|| app.state.units(cat, id));
        let s = app.state.status(id);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(glyph(s), status_style(s)),
                Span::raw(format!(" {}", cat.node(id).title)),
            ])),
            name,
        );
        let pct = percent(units);
        frame.render_widget(
            Gauge::default()
                .gauge_style(Style::new().fg(Color::Green).bg(Color::Black))
                .percent(pct.min(100) as u16)
                .label(format!("{pct}% · {}/{}", units.0, units.1)),
            gauge,
        );
    }
    let [heat, left] = Layout::horizontal([
        Constraint::Length(2 * WEEKS as u16 + 9),
        Constraint::Fill(1),
    ])
    .areas(bottom);
    heatmap(frame, heat, app);
    remaining(frame, left, app);
}

fn heatmap(frame: &mut Frame, area: Rect, app: &App) {
    let block = Block::bordered().title(format!(" Activity, {WEEKS} weeks "));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let per_day: HashMap<i64, u32> = app
        .activity
        .iter()
        .map(|(d, n)| (day_number(*d), *n))
        .collect();
    let weekday = (app.today + 3).rem_euclid(7); // 1970-01-01 was a Thursday; Monday = 0
    let start = app.today - weekday - 7 * (WEEKS - 1);
    let names = ["Mon", "", "Wed", "", "Fri", "", "Sun"];
    let mut lines = Vec::new();
    for (row, name) in names.iter().enumerate() {
        let mut spans = vec![Span::raw(format!("{name:<4}"))];
        for week in 0..WEEKS {
            let day = start + week * 7 + row as i64;
            if day > app.today {
                spans.push(Span::raw("  "));
                continue;
            }
            let n = per_day.get(&day).copied().unwrap_or(0);
            let (ch, color) = match n {
                0 => ("·", Color::DarkGray),
                1 => ("░", Color::Green),
                2..=3 => ("▒", Color::Green),
                4..=7 => ("▓", Color::LightGreen),
                _ => ("█", Color::LightGreen),
            };
            spans.push(Span::styled(format!("{ch} "), Style::new().fg(color)));
        }
        lines.push(Line::from(spans));
    }
    if let Some(week) = &app.week {
        let met: Vec<i64> = week.met_weeks.iter().map(|d| day_number(*d)).collect();
        let mut spans = vec![Span::raw("Goal")];
        for week in 0..WEEKS {
            let monday = start + week * 7;
            // A week starting on Sunday is marked in the column of its Monday.
            let hit = met.iter().any(|&m| (monday - 1..=monday).contains(&m));
            spans.push(if hit {
                Span::styled("✓ ", Style::new().fg(Color::Green))
            } else {
                Span::raw("  ")
            });
        }
        lines.push(Line::from(spans));
    }
    let total: u32 = per_day.values().sum();
    lines.push(Line::styled(
        format!("{total} changes · less ·░▒▓█ more"),
        Style::new().fg(Color::DarkGray),
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}

fn remaining(frame: &mut Frame, area: Rect, app: &App) {
    let block = Block::bordered().title(" Still to do ");
    let (est, unknown) = (app.remaining.estimate, app.remaining.unknown);
    let mut lines = vec![Line::from(vec![
        Span::raw("Remaining estimate: "),
        Span::raw(match (est.max_hours, unknown) {
            (0, 0) => "nothing left".to_string(),
            (0, _) => "unknown".to_string(),
            _ => est.to_string(),
        })
        .bold(),
    ])];
    if unknown > 0 {
        lines.push(Line::styled(
            format!(
                "({} left without an estimate)",
                plural(unknown, "topic", "topics")
            ),
            Style::new().fg(Color::DarkGray),
        ));
    }
    if let Some(learning) = &app.learning {
        lines.push(Line::styled(
            learning.pace.summary(),
            Style::new().fg(Color::DarkGray),
        ));
        if let Some(finish) = learning.finish(&app.remaining) {
            lines.push(Line::raw(capitalised(&finish.text)));
        }
    }
    lines.push(Line::default());
    for s in [
        Status::Done,
        Status::InProgress,
        Status::Available,
        Status::Locked,
        Status::Skipped,
    ] {
        lines.push(Line::from(vec![
            Span::styled(glyph(s), status_style(s)),
            Span::raw(format!(" {:>4} {}", app.counts[status_index(s)], s.label())),
        ]));
    }
    team(&mut lines, app);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// Everyone in a database of several users: progress in this roadmap, stuck or what they
/// work on (the CLI's `team` shows more).
fn team(lines: &mut Vec<Line<'_>>, app: &App) {
    if app.team.len() < 2 {
        return;
    }
    let roadmap = &app.cat.roadmap(app.roadmap).id;
    lines.push(Line::default());
    lines.push(Line::from("Team").bold());
    for m in &app.team {
        let pct = (m.roadmaps.iter())
            .find(|r| &r.roadmap == roadmap)
            .map_or(0, |r| r.progress);
        // Names come from a shared database: someone else's text.
        let mut spans = vec![Span::raw(format!("{pct:>3}% {}", clean_line(&m.user)))];
        if m.stuck {
            spans.push(Span::styled(" stuck", Style::new().fg(Color::Red)));
        } else if let Some(w) = m.working_on.first() {
            spans.push(Span::styled(
                format!(" · {}", w.title),
                Style::new().fg(Color::DarkGray),
            ));
        }
        lines.push(Line::from(spans));
    }
}

/// A calendar day as days since 1970-01-01.
pub fn day_number(date: jiff::civil::Date) -> i64 {
    let (y, m, d) = (
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    );
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}
