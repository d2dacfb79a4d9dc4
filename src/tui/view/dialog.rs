//! Small boxes over the view: the locked-topic question, the roadmap picker.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::graph::UserStatus;
use crate::graph::percent;

use super::super::app::{App, LockedDialog};
use super::centered;

fn option(n: usize, text: String, on: bool) -> Line<'static> {
    let line = Line::from(vec![Span::raw(format!("  {n}  ")), Span::raw(text)]);
    if on {
        line.style(Style::new().add_modifier(Modifier::REVERSED))
    } else {
        line
    }
}

/// The question asked before marking a locked topic.
pub fn locked(frame: &mut Frame, area: Rect, app: &App, d: &LockedDialog) {
    let cat = app.cat;
    let title = &cat.node(d.node).title;
    let what = match d.to {
        UserStatus::Done => "done",
        UserStatus::InProgress => "started",
        UserStatus::Skipped => "skipped",
        UserStatus::Todo => "todo",
    };
    let names: Vec<&str> = d
        .needs
        .iter()
        .map(|&n| cat.node(n).title.as_str())
        .collect();
    let mut lines = vec![
        Line::from(format!("{title} is locked.")).bold(),
        Line::from(if names.is_empty() {
            "Its group is not available yet.".to_string()
        } else {
            format!("It still needs: {}", names.join(", "))
        }),
        Line::default(),
        option(1, format!("Mark it {what} anyway"), d.choice == 0),
    ];
    if !d.needs.is_empty() {
        lines.push(option(
            2,
            format!(
                "Mark it {what}, and its {} prerequisites done",
                d.needs.len()
            ),
            d.choice == 1,
        ));
    }
    lines.push(option(3, "Cancel".into(), d.choice == 2));
    let width = 64.min(area.width);
    let text_rows = 6 + names.join(", ").len() as u16 / (width - 4);
    let rect = centered(area, width, (text_rows + 2).min(14));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .title(" Locked ")
                .border_style(Style::new().fg(Color::Yellow)),
        ),
        rect,
    );
}

/// The list of roadmaps with their progress.
pub fn picker(frame: &mut Frame, area: Rect, app: &App, sel: usize) {
    let cat = app.cat;
    let lines: Vec<Line> = cat
        .roadmaps()
        .iter()
        .enumerate()
        .map(|(r, m)| {
            let pct = percent(app.state.roadmap_units(cat, r));
            let mark = if r == app.roadmap { "•" } else { " " };
            let line = Line::from(format!(" {mark} {:<40} {pct:>3}%", m.title));
            if r == sel {
                line.style(Style::new().add_modifier(Modifier::REVERSED))
            } else {
                line
            }
        })
        .collect();
    let rect = centered(area, 54, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Open roadmap ")),
        rect,
    );
}
