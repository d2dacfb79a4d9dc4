//! The full-screen terminal UI, in the Elm style: [`App`] holds the state,
//! [`keymap`] turns keys into [`Message`]s, [`update`] applies them (writing
//! progress to the store at once), and [`view`] draws the state.

pub mod app;
pub mod keymap;
pub mod map;
pub mod message;
mod search_index;
pub mod update;
pub mod view;

#[cfg(test)]
mod map_tests;
#[cfg(test)]
mod tests;

use std::io::stdout;
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::app::{AppError, Workspace, resolve};
use crate::progress::Store;

pub use app::App;
pub use message::{Message, View};
pub use update::update;

/// Why the UI could not run.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    /// A use case failed before the UI could start.
    #[error(transparent)]
    App(#[from] AppError),
    /// The terminal failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Opens the UI on `roadmap`, else the roadmap last used, else the first one,
/// and runs it until the user quits. The terminal is restored on quit, on
/// error and on panic.
pub fn run(ws: &mut Workspace, roadmap: Option<String>) -> Result<(), TuiError> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !stdout().is_terminal() {
        return Err(AppError::input(
            "the terminal UI needs a terminal for input and output",
            "in scripts use commands such as `skilltree next` or `skilltree done TOPIC`",
        )
        .into());
    }
    let user = ws.user.clone();
    let chosen = match roadmap {
        Some(id) => Some(resolve::roadmap(&ws.catalog, &id)?),
        None => None,
    };
    if ws.catalog.roadmaps().is_empty() {
        return Err(AppError::input("no roadmaps are loaded", "add a roadmap file").into());
    }
    let skipped = skipped_notice(ws);
    let (data_dir, files) = ws.roadmap_sources();
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            ratatui::restore();
            return Err(e.into());
        }
    };
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        hook(info);
    }));
    let _ = execute!(stdout(), EnableMouseCapture);
    // Each round runs the UI over the roadmaps as loaded; an edited roadmap
    // file ends the round, and the next one starts where the user was.
    let mut resume: Option<Resume> = None;
    let mut notice = skipped;
    let result = loop {
        let watch = Watch {
            data_dir: data_dir.clone(),
            files: files.clone(),
            seen: ws.roadmap_fingerprint(),
        };
        // The roadmap the user was in (if it is still loaded), else the one
        // asked for on the first round, else the current one.
        let first_round = resume.is_none();
        let again = resume
            .as_ref()
            .and_then(|s| ws.catalog.find_roadmap(&s.roadmap))
            .or(chosen.filter(|_| first_round));
        let r = match again.map_or_else(|| ws.current_roadmap(), |r| Ok(Some(r))) {
            Ok(r) => r.unwrap_or(crate::graph::RoadmapIx::new(0)),
            Err(e) => break Err(e.into()),
        };
        if let Err(e) = ws.set_current_roadmap(r) {
            break Err(e.into());
        }
        let (cat, store) = match ws.parts() {
            Ok(parts) => parts,
            Err(e) => break Err(e.into()),
        };
        let mut app = match App::new(cat, store, &user, r) {
            Ok(app) => app,
            Err(e) => break Err(AppError::from(e).into()),
        };
        if let Some(resume) = resume.take() {
            resume.apply(&mut app);
        }
        if let Some(n) = notice.take() {
            app.status_line = n;
        }
        match event_loop(&mut terminal, &mut app, store, &watch) {
            Ok(Exit::Quit) => break Ok(()),
            Ok(Exit::Reload) => resume = Some(Resume::of(&app)),
            Err(e) => break Err(e),
        }
        drop(app);
        notice = Some(match ws.reload_roadmaps() {
            Ok(loading) if loading.warnings.is_empty() => "Roadmap files changed: reloaded".into(),
            Ok(_) => format!(
                "Roadmap files changed: reloaded; {}",
                skipped_notice(ws).unwrap_or_default()
            ),
            Err(e) => {
                format!("Roadmap files changed but one has errors ({e}); kept the last good ones")
            }
        });
    };
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

/// "Skipped 1 roadmap file with errors", when the data folder has broken ones.
fn skipped_notice(ws: &Workspace) -> Option<String> {
    let files = ws.skipped_files();
    (!files.is_empty()).then(|| {
        format!(
            "Skipped {} with errors: `skilltree doctor` says why",
            crate::app::words::plural(files.len(), "roadmap file", "roadmap files")
        )
    })
}

/// Why the event loop ended.
enum Exit {
    /// The user quit.
    Quit,
    /// A roadmap file changed (or R was pressed): load them again.
    Reload,
}

/// Where the roadmap files are, and how they looked when the UI started.
struct Watch {
    data_dir: Option<std::path::PathBuf>,
    files: Vec<std::path::PathBuf>,
    seen: crate::app::Fingerprint,
}

impl Watch {
    fn changed(&self) -> bool {
        crate::roadmap::sources::fingerprint(self.data_dir.as_deref(), &self.files) != self.seen
    }
}

/// What the user was looking at, to come back to after a reload.
struct Resume {
    roadmap: String,
    selected: Option<String>,
    view: View,
}

impl Resume {
    fn of(app: &App) -> Resume {
        Resume {
            roadmap: app.cat.roadmap(app.roadmap).id.clone(),
            selected: app.selected().map(|n| app.cat.qualified(n)),
            view: app.view,
        }
    }

    fn apply(self, app: &mut App) {
        app.view = self.view;
        if let Some(n) = self
            .selected
            .and_then(|q| app.cat.lookup(&q).first().copied())
        {
            app.reveal(n);
            // The map is laid out again for the new files, around the same topic.
            app.map.select(app.cat, n);
        }
    }
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    store: &mut Store,
    watch: &Watch,
) -> Result<Exit, TuiError> {
    let mut dirty = true;
    let mut seen = store.outside_version().ok();
    // The database server stopped answering: the footer says so until it is back.
    let mut lost = false;
    while !app.quit {
        // Changes made elsewhere (the CLI, another window) are picked up
        // whatever the user is doing: the number moves only for others'
        // commits, so our own never hide one.
        let now = store.outside_version().ok();
        if now.is_none() != lost {
            lost = now.is_none();
            app.status_line = if lost {
                "The database does not answer: reconnecting… (changes fail until it is back)"
            } else {
                "Reconnected to the database"
            }
            .into();
            dirty = true;
        }
        if now != seen && now.is_some() {
            seen = now;
            if app.reload(store).is_ok() {
                dirty = true;
            }
        }
        if dirty {
            terminal.draw(|f| view::render(f, app))?;
            dirty = false;
        }
        if app.pending_reload {
            return Ok(Exit::Reload);
        }
        if !event::poll(Duration::from_millis(500))? {
            // Idle: an edited roadmap file is loaded again.
            if watch.changed() {
                return Ok(Exit::Reload);
            }
            continue;
        }
        dirty = true;
        let msg = match event::read()? {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                let small = terminal
                    .size()
                    .is_ok_and(|s| s.width < view::MIN_WIDTH || s.height < view::MIN_HEIGHT);
                if small && app.mode == app::Mode::Normal {
                    // Below the minimum only quitting makes sense: nothing shows what a key did.
                    keymap::message(&app.mode, k).filter(|m| *m == Message::Quit)
                } else {
                    keymap::message(&app.mode, k)
                }
            }
            Event::Mouse(m) => match m.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Message::Click {
                    x: m.column,
                    y: m.row,
                }),
                MouseEventKind::ScrollUp => Some(Message::ScrollUp),
                MouseEventKind::ScrollDown => Some(Message::ScrollDown),
                _ => None,
            },
            // Resize (and anything else) just redraws.
            _ => None,
        };
        if let Some(msg) = msg {
            update(app, store, msg);
            if let Some(id) = app.pending_edit.take() {
                external_edit(terminal, app, store, id)?;
            }
            if let Some(text) = app.pending_copy.take() {
                use std::io::Write;
                let mut out = stdout();
                let _ = out.write_all(osc52(&text).as_bytes());
                let _ = out.flush();
            }
        }
    }
    Ok(Exit::Quit)
}

/// Runs the user's editor on a note: the terminal is handed over to it and
/// taken back after, and the result is saved like a note typed in the UI.
fn external_edit(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    store: &mut Store,
    id: crate::graph::NodeId,
) -> Result<(), TuiError> {
    let text = crate::app::note::of(app.cat, id, |k| app.notes.get(k).cloned()).unwrap_or_default();
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    let edited = crate::app::editor::edit(&text);
    *terminal = ratatui::try_init()?;
    let _ = execute!(stdout(), EnableMouseCapture);
    update::finish_external_edit(app, store, id, edited);
    Ok(())
}

/// The OSC 52 escape sequence that asks the terminal to put `text` on the
/// clipboard: it works over SSH and in tmux, with no clipboard tool needed.
pub fn osc52(text: &str) -> String {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    format!("\x1b]52;c;{encoded}\x07")
}

/// Draws `app` once on a test backend of `width`×`height` and returns the
/// screen as text, one line per row (for snapshot tests and debugging).
pub fn render_to_string(app: &mut App, width: u16, height: u16) -> String {
    use ratatui::backend::TestBackend;
    let mut terminal =
        ratatui::Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|f| view::render(f, app))
        .expect("test backend draws");
    buffer_text(terminal.backend().buffer())
}

/// The symbols of a buffer as lines of text, trailing spaces trimmed.
pub fn buffer_text(buf: &ratatui::buffer::Buffer) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = sym.width().saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
