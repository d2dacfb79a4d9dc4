//! Small boxes over the view: the locked-topic question, the roadmap picker.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use unicode_width::UnicodeWidthStr;

use crate::app::words::plural;
use crate::graph::UserStatus;
use crate::graph::{RoadmapIx, percent};

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

/// The question asked before marking a locked topic. However long the list
/// of prerequisites, the options stay on screen: the list is cut to the
/// lines there are, with how many more it needs.
pub fn locked(frame: &mut Frame, area: Rect, app: &App, d: &LockedDialog) {
    let cat = app.cat;
    let title = &cat.node(d.node).title;
    let what = match d.to {
        UserStatus::Done => "done",
        UserStatus::InProgress => "started",
        UserStatus::Skipped => "skipped",
        UserStatus::Todo => "todo",
    };
    let width = 64.min(area.width);
    let inner = usize::from(width.saturating_sub(2)).max(10);
    // Options, title and spacing take 7 rows; the list gets what is left, up to 6.
    let list_rows = usize::from(area.height.saturating_sub(9)).clamp(1, 6);
    let names: Vec<&str> = d
        .needs
        .iter()
        .map(|&n| cat.node(n).title.as_str())
        .collect();
    let needs = if names.is_empty() {
        "Its group is not available yet.".to_string()
    } else {
        summarise("It still needs: ", &names, inner * list_rows)
    };
    let mut lines = vec![Line::from(format!("{title} is locked.")).bold()];
    lines.extend(wrap_words(&needs, inner).into_iter().map(Line::from));
    if !d.choices.is_empty() {
        let choices: Vec<&str> = d
            .choices
            .iter()
            .map(|&c| cat.node(c).title.as_str())
            .collect();
        let text = summarise("Choose first (c on an alternative): ", &choices, inner * 2);
        lines.extend(
            wrap_words(&text, inner)
                .into_iter()
                .map(|l| Line::styled(l, Style::new().fg(Color::DarkGray))),
        );
    }
    lines.push(Line::default());
    lines.push(option(1, format!("Mark it {what} anyway"), d.choice == 0));
    if !d.needs.is_empty() {
        lines.push(option(
            2,
            format!(
                "Mark it {what}, and its {} done",
                plural(d.needs.len(), "prerequisite", "prerequisites")
            ),
            d.choice == 1,
        ));
    }
    lines.push(option(3, "Cancel".into(), d.choice == 2));
    let rect = centered(area, width, (lines.len() as u16 + 2).min(area.height));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .title(" Locked ")
                .border_style(Style::new().fg(Color::Yellow)),
        ),
        rect,
    );
}

/// `head` and as many of `names` as fit in `room` characters, then
/// "… and N more" for the rest.
fn summarise(head: &str, names: &[&str], room: usize) -> String {
    let mut text = head.to_string();
    for (i, name) in names.iter().enumerate() {
        let rest = names.len() - i - 1;
        let tail = if rest > 0 {
            format!(" … and {rest} more")
        } else {
            String::new()
        };
        let sep = if i == 0 { "" } else { ", " };
        if text.width() + sep.len() + name.width() + tail.width() > room && i > 0 {
            text.push_str(&format!(" … and {} more", names.len() - i));
            return text;
        }
        text.push_str(sep);
        text.push_str(name);
    }
    text
}

/// Breaks `text` into lines of at most `width` columns, between words.
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().expect("starts with one");
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

/// The list of roadmaps with their progress.
pub fn picker(frame: &mut Frame, area: Rect, app: &App, sel: usize) {
    let cat = app.cat;
    let lines: Vec<Line> = cat
        .roadmaps()
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let r = RoadmapIx::new(i);
            let pct = percent(app.state.roadmap_units(cat, r));
            let mark = if r == app.roadmap { "•" } else { " " };
            let line = Line::from(format!(" {mark} {:<40} {pct:>3}%", m.title));
            if i == sel {
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

/// A link no browser opened: the whole URL, wrapped but never cut, and why.
pub fn link(frame: &mut Frame, area: Rect, url: &str, why: &str) {
    let width = 72.min(area.width);
    let inner = usize::from(width.saturating_sub(2)).max(10);
    let mut lines = vec![
        Line::from("No browser opened this link.").bold(),
        Line::styled(
            crate::roadmap::sanitize::clean_line(why).into_owned(),
            Style::new().fg(Color::DarkGray),
        ),
        Line::default(),
    ];
    // URLs have no spaces to break at: cut them by width, every piece kept.
    let chars: Vec<char> = url.chars().collect();
    lines.extend(
        chars
            .chunks(inner)
            .map(|c| Line::styled(c.iter().collect::<String>(), Style::new().fg(Color::Cyan))),
    );
    lines.push(Line::default());
    lines.push(Line::from("c  copy it to the clipboard    Esc  close"));
    let rect = centered(area, width, (lines.len() as u16 + 2).min(area.height));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Link ")),
        rect,
    );
}
