//! The UI against an in-memory store: keys, updates, and what the screen shows.

use std::cell::RefCell;

use jiff::civil::date;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, LAST_ROADMAP, Mode};
use super::keymap::{self, KEYS, Scope};
use super::message::{Message as M, View};
use super::{render_to_string, update};
use crate::graph::UserStatus;
use crate::graph::{Catalog, NodeId, RoadmapIx, Status};
use crate::progress::{Change, Store};
use crate::roadmap::{Origin, parse};

const WEB: &str = "
id: web
title: Web Basics
nodes:
  - id: basics
    title: Basics
    children:
      - id: http
        title: HTTP
        summary: How browsers and servers talk.
        tags: [protocol]
        estimate: 2d
        resources:
          - { title: MDN HTTP, url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP', type: docs }
      - { id: dns, title: DNS, summary: Names to addresses., estimate: 1d }
  - id: apis
    title: APIs
    children:
      - { id: rest, title: REST, requires: [http], estimate: 3d }
      - { id: graphql, title: GraphQL, requires: [http], optional: true }
  - id: deploy
    title: Deploy
    requires: [rest]
    resources:
      - { title: One, url: 'https://example.com/one', type: article }
      - { title: Two, url: 'https://example.com/two', type: article }
";

const OPS: &str = "
id: ops
title: Operations
nodes:
  - { id: linux, title: Linux }
  - { id: docker, title: Docker, requires: [linux] }
";

const USER: &str = "ann";
/// 2026-11-22, a Sunday.
const TODAY: i64 = 20_779;

fn catalog(files: &[&str]) -> Catalog {
    let roadmaps = files
        .iter()
        .enumerate()
        .map(|(i, t)| parse(&format!("t{i}.yaml"), Origin::Builtin, t.as_bytes()).expect("parses"))
        .collect();
    let (cat, errors) = Catalog::build(roadmaps);
    assert!(errors.is_empty(), "{errors:#?}");
    cat
}

fn builtin() -> Catalog {
    Catalog::build(crate::roadmap::builtin()).0
}

fn app<'a>(cat: &'a Catalog, store: &Store) -> App<'a> {
    let mut app = App::new(cat, store, USER, RoadmapIx::new(0)).expect("app");
    app.today = TODAY;
    app.opener = |_| Err(std::io::Error::other("no browser in tests"));
    app
}

fn id(cat: &Catalog, name: &str) -> NodeId {
    cat.lookup(name)[0]
}

/// Selects `name` in the tree.
fn select(app: &mut App, name: &str) {
    let n = id(app.cat, name);
    app.view = View::Tree;
    app.reveal(n);
    assert_eq!(app.tree_selected(), Some(n));
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn commands(store: &Store) -> Vec<String> {
    let mut out: Vec<String> = store
        .history(USER, 100)
        .unwrap()
        .into_iter()
        .map(|e| e.command)
        .collect();
    out.dedup();
    out.reverse();
    out
}

fn send(app: &mut App, store: &mut Store, msgs: &[M]) {
    for &m in msgs {
        update(app, store, m);
    }
}

// ---- keys ----

#[test]
fn keys_map_to_messages_from_the_table() {
    let n = Mode::Normal;
    assert_eq!(keymap::message(&n, key('d')), Some(M::MarkDone));
    assert_eq!(keymap::message(&n, key('s')), Some(M::MarkStarted));
    assert_eq!(keymap::message(&n, key('x')), Some(M::MarkSkipped));
    assert_eq!(keymap::message(&n, key('?')), Some(M::ToggleHelp));
    assert_eq!(keymap::message(&n, key('/')), Some(M::StartSearch));
    assert_eq!(
        keymap::message(&n, key('3')),
        Some(M::ShowView(View::Graph))
    );
    let shift_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(keymap::message(&n, shift_g), Some(M::Bottom));
    assert_eq!(
        keymap::message(&n, KeyEvent::from(KeyCode::Down)),
        Some(M::MoveDown)
    );
    assert_eq!(keymap::message(&n, key('y')), None);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(keymap::message(&n, ctrl_c), Some(M::Quit));
}

#[test]
fn in_search_and_note_modes_letters_are_text() {
    for mode in [Mode::Search, Mode::Note(NodeId::new(0))] {
        assert_eq!(keymap::message(&mode, key('d')), Some(M::Input('d')));
        assert_eq!(keymap::message(&mode, key('q')), Some(M::Input('q')));
        assert_eq!(keymap::message(&mode, key('?')), Some(M::Input('?')));
        assert_eq!(
            keymap::message(&mode, KeyEvent::from(KeyCode::Esc)),
            Some(M::Cancel)
        );
        assert_eq!(
            keymap::message(&mode, KeyEvent::from(KeyCode::Enter)),
            Some(M::Confirm)
        );
    }
}

#[test]
fn dialog_and_pickers_have_their_own_keys() {
    let cat = catalog(&[WEB]);
    let dialog = Mode::Locked(super::app::LockedDialog {
        node: id(&cat, "deploy"),
        to: UserStatus::Done,
        needs: vec![],
        choices: vec![],
        choice: 0,
    });
    assert_eq!(keymap::message(&dialog, key('2')), Some(M::Choose(2)));
    assert_eq!(
        keymap::message(&dialog, key('d')),
        None,
        "d does not mark inside the dialog"
    );
    assert_eq!(
        keymap::message(&Mode::OpenPick(NodeId::new(0)), key('2')),
        Some(M::Choose(2))
    );
    assert_eq!(keymap::message(&Mode::Picker(0), key('2')), None);
    assert_eq!(keymap::message(&Mode::Help, key('?')), Some(M::ToggleHelp));
}

#[test]
fn no_key_is_bound_twice_in_one_scope_and_help_lists_every_binding() {
    for (i, a) in KEYS.iter().enumerate() {
        for b in &KEYS[i + 1..] {
            assert!(
                !(a.scope == b.scope && a.code == b.code && a.mods == b.mods),
                "{:?} bound twice in {:?}",
                a.code,
                a.scope
            );
        }
    }
    let help = keymap::help_rows();
    let normal = &help.iter().find(|(s, _)| *s == Scope::Normal).unwrap().1;
    assert!(normal.contains(&("j/↓/k/↑".to_string(), "move down / up")));
    assert!(normal.contains(&("d".to_string(), "done (again: as before)")));
    assert!(normal.contains(&("1/2/3/4".to_string(), "tree, next, graph, stats")));
}

// ---- update ----

#[test]
fn marking_toggles_and_names_what_it_unlocked() {
    let cat = catalog(&[WEB]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    select(&mut app, "http");
    update(&mut app, &mut store, M::MarkDone);
    let http = id(&cat, "http");
    assert_eq!(app.state.status(http), Status::Done);
    assert_eq!(app.status_line, "Done: HTTP — unlocked REST, GraphQL");
    assert!(app.unlocked.contains(&id(&cat, "rest")));
    assert_eq!(commands(&store), ["done web/http"]);
    assert_eq!(store.statuses(USER).unwrap()["web/http"], UserStatus::Done);

    update(&mut app, &mut store, M::MarkDone);
    assert_eq!(app.state.status(http), Status::Available);
    assert_eq!(
        app.status_line,
        "Back to todo: HTTP — locked again: REST, GraphQL"
    );
    assert_eq!(commands(&store), ["done web/http", "reset web/http"]);

    update(&mut app, &mut store, M::MarkStarted);
    assert_eq!(app.state.status(http), Status::InProgress);
    update(&mut app, &mut store, M::MarkSkipped);
    assert_eq!(
        app.state.status(http),
        Status::Skipped,
        "s then x skips, not todo"
    );
}

#[test]
fn undo_reverts_the_last_change_even_one_made_elsewhere() {
    let cat = catalog(&[WEB]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    select(&mut app, "dns");
    update(&mut app, &mut store, M::MarkDone);
    // The CLI marks something while the UI is open; undo in the UI reverts that.
    store
        .apply(
            USER,
            "done http",
            &[Change {
                key: "web/http".into(),
                to: UserStatus::Done,
            }],
        )
        .unwrap();
    update(&mut app, &mut store, M::Undo);
    assert_eq!(app.status_line, "Undid `done http`");
    update(&mut app, &mut store, M::Undo);
    assert_eq!(app.status_line, "Undid `done web/dns`");
    assert_eq!(app.state.status(id(&cat, "dns")), Status::Available);
    update(&mut app, &mut store, M::Undo);
    assert_eq!(app.status_line, "Nothing to undo");
}

#[test]
fn groups_cannot_be_marked() {
    let cat = catalog(&[WEB]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    select(&mut app, "basics");
    update(&mut app, &mut store, M::MarkDone);
    assert!(
        app.status_line.contains("Basics is a group"),
        "{}",
        app.status_line
    );
    assert!(commands(&store).is_empty());
}

#[test]
fn marking_a_locked_topic_asks_first() {
    let cat = catalog(&[WEB]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    let deploy = id(&cat, "deploy");
    select(&mut app, "deploy");
    update(&mut app, &mut store, M::MarkDone);
    let Mode::Locked(d) = &app.mode else {
        panic!("expected the locked dialog, got {:?}", app.mode)
    };
    assert_eq!(d.needs, [id(&cat, "http"), id(&cat, "rest")]);
    assert!(
        commands(&store).is_empty(),
        "nothing written before answering"
    );

    // Cancel leaves everything as it was.
    update(&mut app, &mut store, M::Cancel);
    assert_eq!(app.mode, Mode::Normal);
    assert!(commands(&store).is_empty());
    assert_eq!(app.status_line, "Left Deploy as it was");

    // Alone: only the topic itself.
    send(&mut app, &mut store, &[M::MarkDone, M::Choose(1)]);
    assert_eq!(commands(&store), ["done web/deploy"]);
    assert_eq!(app.state.status(deploy), Status::Done);
    assert_eq!(app.state.status(id(&cat, "rest")), Status::Locked);
    update(&mut app, &mut store, M::Undo);

    // With prerequisites: one batch, so one undo reverts all of it.
    send(
        &mut app,
        &mut store,
        &[M::MarkStarted, M::MoveDown, M::Confirm],
    );
    assert_eq!(
        commands(&store).last().unwrap(),
        "done web/http web/rest; start web/deploy"
    );
    assert_eq!(app.state.status(id(&cat, "http")), Status::Done);
    assert_eq!(app.state.status(id(&cat, "rest")), Status::Done);
    assert_eq!(app.state.status(deploy), Status::InProgress);
    assert!(
        app.status_line
            .starts_with("Started: Deploy and 2 prerequisites")
    );
    update(&mut app, &mut store, M::Undo);
    assert_eq!(app.state.status(id(&cat, "http")), Status::Available);
}

#[test]
fn the_locked_dialog_cycles_through_its_options() {
    let cat = catalog(&[WEB]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    select(&mut app, "deploy");
    update(&mut app, &mut store, M::MarkDone);
    let choice = |app: &App| match &app.mode {
        Mode::Locked(d) => d.choice,
        other => panic!("dialog closed: {other:?}"),
    };
    send(&mut app, &mut store, &[M::MoveDown, M::MoveDown]);
    assert_eq!(choice(&app), 2);
    update(&mut app, &mut store, M::MoveDown);
    assert_eq!(choice(&app), 0, "wraps to the first option");
    update(&mut app, &mut store, M::MoveUp);
    assert_eq!(choice(&app), 2);
    update(&mut app, &mut store, M::Confirm);
    assert_eq!(app.mode, Mode::Normal);
    assert!(commands(&store).is_empty(), "Enter on Cancel marks nothing");
}

#[test]
fn search_jumps_between_matches_in_titles_summaries_and_tags() {
    let cat = catalog(&[WEB]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    update(&mut app, &mut store, M::Left); // fold Basics so a match must unfold it
    assert!(!app.rows.contains(&id(&cat, "http")));
    update(&mut app, &mut store, M::StartSearch);
    for c in "PROTO".chars() {
        update(&mut app, &mut store, M::Input(c));
    }
    assert_eq!(
        app.matches,
        [id(&cat, "http")],
        "tags match, case-insensitively"
    );
    assert_eq!(
        app.tree_selected(),
        Some(id(&cat, "http")),
        "and unfold to show it"
    );
    for _ in 0..5 {
        update(&mut app, &mut store, M::Backspace);
    }
    update(&mut app, &mut store, M::Input('s'));
    // "s" is in Basics, in HTTP's summary ("browsers"), DNS, APIs, REST, Names...
    update(&mut app, &mut store, M::Confirm);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(
        app.tree_selected(),
        Some(id(&cat, "http")),
        "the selection stays on a row that still matches"
    );
    update(&mut app, &mut store, M::NextMatch);
    assert_eq!(app.tree_selected(), Some(id(&cat, "dns")));
    assert_eq!(
        app.status_line,
        format!("Match 3 of {} for “s”", app.matches.len())
    );
    send(&mut app, &mut store, &[M::Top, M::PrevMatch]);
    assert_eq!(
        app.tree_selected(),
        app.matches.last().copied(),
        "N wraps around"
    );
    assert!(
        app.status_line
            .starts_with(&format!("Match {} of", app.matches.len()))
    );
    update(&mut app, &mut store, M::Cancel);
    assert!(app.matches.is_empty() && app.query.is_empty());
}

#[test]
fn folding_and_moving_in_the_tree() {
    let cat = catalog(&[WEB]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    let names =
        |app: &App| -> Vec<String> { app.rows.iter().map(|&r| cat.node(r).id.clone()).collect() };
    assert_eq!(
        names(&app),
        ["basics", "http", "dns", "apis", "rest", "graphql", "deploy"]
    );
    update(&mut app, &mut store, M::Left);
    assert_eq!(names(&app), ["basics", "apis", "rest", "graphql", "deploy"]);
    update(&mut app, &mut store, M::Right);
    assert_eq!(app.rows.len(), 7);
    update(&mut app, &mut store, M::Right);
    assert_eq!(
        app.tree_selected(),
        Some(id(&cat, "http")),
        "l on an open group enters it"
    );
    update(&mut app, &mut store, M::Left);
    assert_eq!(
        app.tree_selected(),
        Some(id(&cat, "basics")),
        "h on a leaf goes to its parent"
    );
    update(&mut app, &mut store, M::Bottom);
    assert_eq!(app.tree_selected(), Some(id(&cat, "deploy")));
    update(&mut app, &mut store, M::Top);
    assert_eq!(app.cursor, 0);
    update(&mut app, &mut store, M::MoveUp);
    assert_eq!(app.cursor, 0, "no wrapping past the top");
    update(&mut app, &mut store, M::Activate);
    assert_eq!(app.rows.len(), 5, "Enter folds");
    app.page = 3;
    send(&mut app, &mut store, &[M::Activate, M::PageDown]);
    assert_eq!(app.cursor, 3);
    update(&mut app, &mut store, M::PageUp);
    assert_eq!(app.cursor, 0);
}

#[test]
fn the_details_scroll_and_start_at_the_top_for_each_topic() {
    let cat = catalog(&[WEB]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    select(&mut app, "http");
    send(&mut app, &mut store, &[M::DetailDown, M::DetailDown]);
    assert_eq!(app.detail_scroll, 6);
    let screen = render_to_string(&mut app, 80, 24);
    assert!(
        !screen.contains("How browsers and servers talk."),
        "{screen}"
    );
    update(&mut app, &mut store, M::DetailUp);
    assert_eq!(app.detail_scroll, 3);
    update(&mut app, &mut store, M::MoveDown);
    assert_eq!(app.detail_scroll, 0, "a new selection shows its top");
}

#[test]
fn notes_are_saved_or_dropped() {
    let cat = catalog(&[WEB]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    select(&mut app, "dns");
    update(&mut app, &mut store, M::EditNote);
    for c in "read RFC 1035".chars() {
        update(&mut app, &mut store, M::Input(c));
    }
    update(&mut app, &mut store, M::Confirm);
    assert_eq!(
        store.note(USER, "web/dns").unwrap().as_deref(),
        Some("read RFC 1035")
    );
    assert_eq!(app.status_line, "Saved the note for DNS");
    assert_eq!(app.note(id(&cat, "dns")).as_deref(), Some("read RFC 1035"));

    send(
        &mut app,
        &mut store,
        &[M::EditNote, M::Input('!'), M::Cancel],
    );
    assert_eq!(
        store.note(USER, "web/dns").unwrap().as_deref(),
        Some("read RFC 1035")
    );
    assert_eq!(commands(&store), ["note web/dns"]);
}

#[test]
fn text_fields_edit_at_the_cursor() {
    use super::message::EditKey as E;
    let cat = catalog(&[WEB]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    select(&mut app, "dns");
    update(&mut app, &mut store, M::EditNote);
    for c in "read the RFC".chars() {
        update(&mut app, &mut store, M::Input(c));
    }
    // Ctrl-W takes the last word; ← ← then typing inserts inside the text.
    send(
        &mut app,
        &mut store,
        &[M::Edit(E::DeleteWord), M::Input('1'), M::Edit(E::Home)],
    );
    send(&mut app, &mut store, &[M::Edit(E::Delete), M::Input('R')]);
    assert_eq!(app.input.value(), "Read the 1");
    // The key table sends these from the keyboard.
    let ctrl_w = KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(
        keymap::message(&app.mode, ctrl_w),
        Some(M::Edit(E::DeleteWord))
    );
    assert_eq!(
        keymap::message(&app.mode, KeyEvent::new(KeyCode::Left, KeyModifiers::NONE)),
        Some(M::Edit(E::Left))
    );
    update(&mut app, &mut store, M::Confirm);
    assert_eq!(
        store.note(USER, "web/dns").unwrap().as_deref(),
        Some("Read the 1")
    );
    // The search field is the same editor.
    send(
        &mut app,
        &mut store,
        &[M::StartSearch, M::Input('x'), M::Input('d')],
    );
    send(
        &mut app,
        &mut store,
        &[M::Edit(E::Left), M::Backspace, M::Input('n')],
    );
    assert_eq!(app.query, "nd");
}

#[test]
fn a_note_lands_on_the_topic_it_was_started_on() {
    // In the Next view the list can reorder under the cursor when another
    // process marks something; the note must still go where it was begun.
    let cat = catalog(&[WEB]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    send(&mut app, &mut store, &[M::ShowView(View::Next)]);
    let first = app.selected().unwrap();
    send(&mut app, &mut store, &[M::EditNote, M::Input('x')]);
    // Elsewhere, the first suggestion is marked done, and the UI reloads.
    let change = Change {
        key: cat.key(first).to_string(),
        to: UserStatus::Done,
    };
    store.apply(USER, "done", &[change]).unwrap();
    app.reload(&store).unwrap();
    assert_ne!(
        app.selected(),
        Some(first),
        "the list moved under the cursor"
    );
    update(&mut app, &mut store, M::Confirm);
    assert_eq!(
        store.note(USER, cat.key(first)).unwrap().as_deref(),
        Some("x")
    );
}

#[test]
fn groups_have_no_notes() {
    let cat = catalog(&[WEB]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    select(&mut app, "basics");
    update(&mut app, &mut store, M::EditNote);
    assert_eq!(app.mode, Mode::Normal);
    assert!(
        app.status_line.starts_with("Groups have no notes"),
        "{}",
        app.status_line
    );
}

#[test]
fn notes_from_the_database_are_cleaned_before_display() {
    let cat = catalog(&[WEB]);
    let mut store = Store::open_in_memory().unwrap();
    store
        .set_note(USER, "web/dns", Some("evil\x1b[2Jtext"))
        .unwrap();
    let mut app = app(&cat, &store);
    select(&mut app, "dns");
    let note = app.note(id(&cat, "dns")).unwrap();
    assert!(!note.contains('\x1b'), "{note:?}");
    let screen = render_to_string(&mut app, 100, 30);
    assert!(!screen.contains('\x1b'));
}

thread_local! {
    static OPENED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

#[test]
fn resources_open_by_number_and_failures_are_reported() {
    let cat = catalog(&[WEB]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    select(&mut app, "http");
    update(&mut app, &mut store, M::OpenResource);
    assert!(
        app.status_line.starts_with("Could not open a browser"),
        "{}",
        app.status_line
    );
    // The whole link is shown where it can be read, and can be copied.
    let Mode::Link { url, .. } = app.mode.clone() else {
        panic!("a link no browser opened is shown: {:?}", app.mode)
    };
    assert_eq!(url, "https://developer.mozilla.org/en-US/docs/Web/HTTP");
    let screen = render_to_string(&mut app, 80, 24);
    assert!(
        screen.contains("https://developer.mozilla.org/en-US/docs/Web/HTTP"),
        "{screen}"
    );
    let c = keymap::message(&app.mode, key('c'));
    assert_eq!(c, Some(M::CopyLink));
    update(&mut app, &mut store, M::CopyLink);
    assert_eq!(app.pending_copy.as_deref(), Some(url.as_str()));
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(
        super::osc52("hi"),
        "\x1b]52;c;aGk=\x07",
        "OSC 52 carries the text base64-encoded"
    );

    app.opener = |url| {
        OPENED.with(|o| o.borrow_mut().push(url.to_string()));
        Ok(())
    };
    select(&mut app, "deploy");
    update(&mut app, &mut store, M::OpenResource);
    assert!(
        matches!(app.mode, Mode::OpenPick(_)),
        "two resources: ask which"
    );
    update(&mut app, &mut store, M::Choose(2));
    assert_eq!(
        OPENED.with(|o| o.borrow().clone()),
        ["https://example.com/two"]
    );
    assert_eq!(app.status_line, "Opening https://example.com/two");
    select(&mut app, "dns");
    update(&mut app, &mut store, M::OpenResource);
    assert_eq!(app.status_line, "DNS has no resources");
}

#[test]
fn the_next_view_marks_its_own_selection() {
    let cat = catalog(&[WEB]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    update(&mut app, &mut store, M::ShowView(View::Next));
    let first = app.next[0].node;
    assert_eq!(first, id(&cat, "http"), "HTTP unlocks the most");
    update(&mut app, &mut store, M::MarkDone);
    assert_eq!(app.state.status(first), Status::Done);
    assert!(app.next.iter().all(|s| s.node != first));
    assert!(app.next.iter().any(|s| s.node == id(&cat, "rest")));
}

#[test]
fn the_map_walks_along_prerequisites() {
    let cat = catalog(&[WEB]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    select(&mut app, "rest");
    update(&mut app, &mut store, M::ShowView(View::Graph));
    assert_eq!(app.selected(), Some(id(&cat, "rest")));
    update(&mut app, &mut store, M::Right);
    assert_eq!(
        app.selected(),
        Some(id(&cat, "deploy")),
        "walked right onto Deploy"
    );
    update(&mut app, &mut store, M::Right);
    assert_eq!(app.selected(), Some(id(&cat, "deploy")), "nothing further");
    assert!(app.status_line.starts_with("Nothing further right"));
    send(&mut app, &mut store, &[M::Left, M::Left]);
    assert_eq!(
        app.selected(),
        Some(id(&cat, "http")),
        "left follows the arrow"
    );
    update(&mut app, &mut store, M::ToDependent);
    assert_eq!(app.status_line, "HTTP is needed by: REST, GraphQL");
    update(&mut app, &mut store, M::ToPrerequisite);
    assert_eq!(app.selected(), Some(id(&cat, "http")));
    update(&mut app, &mut store, M::MarkDone);
    assert_eq!(
        app.state.status(id(&cat, "http")),
        Status::Done,
        "marks the highlighted node"
    );
    update(&mut app, &mut store, M::Activate);
    assert_eq!(app.view, View::Tree, "Enter opens it in the tree");
    assert_eq!(app.tree_selected(), Some(id(&cat, "http")));
}

#[test]
fn plan_highlights_what_is_still_needed() {
    let cat = catalog(&[WEB]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    select(&mut app, "deploy");
    update(&mut app, &mut store, M::ShowPlan);
    let want = [id(&cat, "http"), id(&cat, "rest"), id(&cat, "deploy")];
    assert_eq!(app.plan.len(), 3);
    assert!(want.iter().all(|n| app.plan.contains(n)));
    assert_eq!(app.status_line, "Deploy still needs 3 topics: highlighted");
    update(&mut app, &mut store, M::ShowPlan);
    assert!(app.plan.is_empty(), "p again turns it off");
}

#[test]
fn switching_roadmaps_is_remembered() {
    let cat = catalog(&[WEB, OPS]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    send(
        &mut app,
        &mut store,
        &[M::SwitchRoadmap, M::MoveDown, M::Confirm],
    );
    assert_eq!(app.roadmap.index(), 1);
    assert_eq!(app.title(), "Operations");
    assert_eq!(app.rows.len(), 2);
    assert_eq!(
        store.setting(USER, LAST_ROADMAP).unwrap().as_deref(),
        Some("ops")
    );
    send(
        &mut app,
        &mut store,
        &[M::SwitchRoadmap, M::MoveUp, M::Cancel],
    );
    assert_eq!(app.roadmap.index(), 1, "Esc keeps the roadmap");
}

#[test]
fn mouse_clicks_select_rows_and_the_wheel_scrolls() {
    let cat = catalog(&[WEB]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    render_to_string(&mut app, 80, 24);
    let a = app.tree_area;
    update(
        &mut app,
        &mut store,
        M::Click {
            x: a.x + 3,
            y: a.y + 2,
        },
    );
    assert_eq!(app.tree_selected(), Some(id(&cat, "dns")));
    update(
        &mut app,
        &mut store,
        M::Click {
            x: a.x + 3,
            y: a.y + 20,
        },
    );
    assert_eq!(
        app.tree_selected(),
        Some(id(&cat, "dns")),
        "below the last row: nothing"
    );
    update(&mut app, &mut store, M::ScrollDown);
    assert_eq!(app.cursor, 5);
}

#[test]
fn a_huge_roadmap_renders_only_the_window() {
    let mut yaml = String::from("id: big\ntitle: Big\nnodes:\n");
    for g in 0..100 {
        yaml.push_str(&format!(
            "  - id: g{g}\n    title: Group {g}\n    children:\n"
        ));
        for l in 0..100 {
            yaml.push_str(&format!(
                "      - {{ id: n{g}-{l}, title: Node {g}.{l} }}\n"
            ));
        }
    }
    let cat = catalog(&[&yaml]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    assert_eq!(app.rows.len(), 100 * 101);
    let start = std::time::Instant::now();
    render_to_string(&mut app, 80, 24);
    let page = app.page;
    for _ in 0..100 {
        update(&mut app, &mut store, M::PageDown);
        render_to_string(&mut app, 80, 24);
    }
    assert_eq!(app.cursor, 100 * page);
    update(&mut app, &mut store, M::Bottom);
    let screen = render_to_string(&mut app, 80, 24);
    assert!(screen.contains("Node 99.99"), "{screen}");
    // Generous: a debug build on a slow machine still scrolls far faster than this.
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

// ---- screens ----

/// The built-in junior-backend roadmap with some progress and fixed activity.
fn snapshot_app<'a>(cat: &'a Catalog, store: &mut Store) -> App<'a> {
    let r = cat.find_roadmap("junior-backend").unwrap();
    let keys = ["python", "what-is-internet"];
    let changes: Vec<Change> = keys
        .iter()
        .filter_map(|k| cat.lookup(&format!("junior-backend/{k}")).first().copied())
        .map(|n| Change {
            key: cat.key(n).to_string(),
            to: UserStatus::Done,
        })
        .collect();
    store.apply(USER, "done", &changes).unwrap();
    let mut app = App::new(cat, store, USER, r).unwrap();
    app.today = TODAY;
    app.activity = vec![
        (date(2026, 9, 1), 1),
        (date(2026, 10, 14), 3),
        (date(2026, 11, 2), 9),
        (date(2026, 11, 20), 5),
        (date(2026, 11, 22), 2),
    ];
    app
}

fn screens(name: &str, prepare: impl Fn(&mut App, &mut Store)) {
    let cat = builtin();
    for (w, h) in [(80, 24), (120, 40)] {
        let mut store = Store::open_in_memory().unwrap();
        // Pace and finish dates are counted from the store's clock: fixed, so the
        // screens are the same any day.
        store.set_clock(|| "2026-11-22T12:00:00Z".parse().unwrap());
        store.set_time_zone(jiff::tz::TimeZone::UTC);
        let mut app = snapshot_app(&cat, &mut store);
        prepare(&mut app, &mut store);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), render_to_string(&mut app, w, h));
    }
}

#[test]
fn snapshot_tree() {
    screens("tree", |app, store| {
        send(
            app,
            store,
            &[M::MoveDown, M::Right, M::MoveDown, M::MoveDown],
        );
    });
}

#[test]
fn snapshot_tree_after_marking() {
    screens("tree_marked", |app, store| {
        // The available topic that opens the most.
        app.view = View::Next;
        app.refresh_view();
        app.view = View::Tree;
        let best = app.next[0].node;
        assert!(app.next[0].unlocks.count > 0);
        app.reveal(best);
        send(app, store, &[M::MarkDone]);
        let done = format!("Done: {} — unlocked ", app.cat.node(best).title);
        assert!(app.status_line.starts_with(&done), "{}", app.status_line);
    });
}

#[test]
fn snapshot_next() {
    screens("next", |app, store| {
        send(app, store, &[M::ShowView(View::Next), M::MoveDown])
    });
}

#[test]
fn snapshot_graph() {
    screens("graph", |app, store| {
        let n = app.cat.lookup("junior-backend/http");
        if let Some(&n) = n.first() {
            app.reveal(n);
        }
        send(app, store, &[M::ShowView(View::Graph), M::Left]);
        let http = app.cat.lookup("junior-backend/http")[0];
        let sel = app.selected().unwrap();
        assert!(
            app.cat.requires(http).contains(&sel),
            "left went to a prerequisite"
        );
    });
}

#[test]
fn snapshot_stats() {
    screens("stats", |app, store| {
        send(app, store, &[M::ShowView(View::Stats)])
    });
}

#[test]
fn stats_show_the_team_when_the_database_has_several_users() {
    let cat = builtin();
    let mut store = Store::open_in_memory().unwrap();
    let http = id(&cat, "junior-backend/http");
    let start = |key: &str| Change {
        key: key.to_owned(),
        to: UserStatus::InProgress,
    };
    store
        .apply("ben", "start http", &[start(cat.key(http))])
        .unwrap();
    let stats = |store: &mut Store| {
        let mut app = app(&cat, store);
        send(&mut app, store, &[M::ShowView(View::Stats)]);
        render_to_string(&mut app, 120, 40)
    };
    // Only ben has progress: no team of one.
    let alone = stats(&mut store);
    assert!(!alone.contains("Team"), "{alone}");
    store
        .apply(USER, "start http", &[start(cat.key(http))])
        .unwrap();
    let screen = stats(&mut store);
    assert!(screen.contains("Team"), "{screen}");
    let line = format!("ben · {}", cat.node(http).title);
    assert!(screen.contains(&line), "{screen}");
}

#[test]
fn snapshot_help() {
    screens("help", |app, store| send(app, store, &[M::ToggleHelp]));
}

#[test]
fn snapshot_locked_dialog() {
    screens("locked", |app, store| {
        let sql = app.cat.lookup("junior-backend/sql-joins")[0];
        assert_eq!(app.state.status(sql), Status::Locked);
        app.reveal(sql);
        send(app, store, &[M::MarkDone]);
        assert!(matches!(app.mode, Mode::Locked(_)));
    });
}

#[test]
fn snapshot_picker() {
    screens("picker", |app, store| {
        send(app, store, &[M::SwitchRoadmap, M::MoveDown])
    });
}

#[test]
fn snapshot_search() {
    screens("search", |app, store| {
        update(app, store, M::StartSearch);
        for c in "sql".chars() {
            update(app, store, M::Input(c));
        }
    });
}

#[test]
fn snapshot_group_refusal() {
    screens("group", |app, store| {
        send(app, store, &[M::Bottom, M::MarkDone])
    });
}

#[test]
fn heatmap_days_are_calendar_days() {
    use super::view::stats::day_number;
    assert_eq!(day_number(date(1970, 1, 1)), 0);
    assert_eq!(day_number(date(2026, 11, 22)), TODAY);
    assert_eq!(day_number(date(2024, 3, 1)), 19_783);
    assert_eq!(day_number(date(1969, 12, 31)), -1);
}

#[test]
fn snapshot_note_shown_and_edited() {
    screens("note", |app, store| {
        let python = app.cat.lookup("junior-backend/python")[0];
        store
            .set_note(
                USER,
                app.cat.key(python),
                Some("Finished the official tutorial."),
            )
            .unwrap();
        app.reload(store).unwrap();
        app.reveal(python);
        update(app, store, M::EditNote);
        for c in " Next: asyncio".chars() {
            update(app, store, M::Input(c));
        }
    });
}

#[test]
fn snapshot_too_small() {
    let cat = builtin();
    let mut store = Store::open_in_memory().unwrap();
    let mut app = snapshot_app(&cat, &mut store);
    insta::assert_snapshot!("too_small_79x24", render_to_string(&mut app, 79, 24));
    insta::assert_snapshot!("too_small_80x23", render_to_string(&mut app, 80, 23));
}

#[test]
fn every_screen_draws_at_any_size_without_panicking() {
    let cat = builtin();
    let states: &[&[M]] = &[
        &[],
        &[M::ShowView(View::Next)],
        &[M::ShowView(View::Graph), M::Right],
        &[
            M::ShowView(View::Graph),
            M::Zoom,
            M::MoveDown,
            M::ToDependent,
        ],
        &[M::ShowView(View::Stats)],
        &[M::ToggleHelp],
        &[M::SwitchRoadmap],
        &[M::StartSearch, M::Input('a')],
        &[M::EditNote, M::Input('x')],
        &[M::Bottom, M::Left, M::MoveDown, M::MarkDone],
    ];
    let sizes = [
        (1, 1),
        (10, 3),
        (79, 24),
        (80, 24),
        (81, 25),
        (133, 41),
        (250, 80),
        (80, 200),
    ];
    for msgs in states {
        for (w, h) in sizes {
            let mut store = Store::open_in_memory().unwrap();
            let mut app = snapshot_app(&cat, &mut store);
            send(&mut app, &mut store, msgs);
            let screen = render_to_string(&mut app, w, h);
            assert_eq!(screen.lines().count(), usize::from(h));
            if w >= 80 && h >= 24 {
                assert!(
                    !screen.contains("Terminal too small"),
                    "{msgs:?} at {w}x{h}"
                );
            }
        }
    }
}

#[test]
fn only_web_links_are_handed_to_a_browser() {
    // Nothing is launched: these are refused before any program runs.
    for url in [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "ftp://x.org/f",
        "",
        "https",
    ] {
        let err = super::app::open_url(url).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput, "{url}");
    }
}

const LANG: &str = "
id: lang
title: Languages
nodes:
  - id: basics
    title: Basics
  - id: language
    title: Pick a language
    kind: choice
    pick: 1
    requires: [basics]
    children:
      - { id: python, title: Python }
      - { id: go, title: Go }
  - { id: web, title: Web framework, requires: [language] }
";

#[test]
fn marking_with_prerequisites_leaves_choices_to_the_user() {
    let cat = catalog(&[LANG]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    let total = app.total.1;
    select(&mut app, "web");
    update(&mut app, &mut store, M::MarkDone);
    let Mode::Locked(dialog) = app.mode.clone() else {
        panic!("a locked topic asks first")
    };
    assert_eq!(
        dialog.needs,
        [id(&cat, "basics")],
        "no alternative is picked silently"
    );
    assert_eq!(dialog.choices, [id(&cat, "language")]);
    update(&mut app, &mut store, M::Choose(2));
    assert_eq!(app.state.status(id(&cat, "python")), Status::Available);
    assert_eq!(app.state.status(id(&cat, "go")), Status::Available);
    assert_eq!(app.total.1, total, "the roadmap's total stays what it was");
    assert_eq!(commands(&store), ["done lang/basics lang/web"]);
}

#[test]
fn c_follows_an_alternative_and_plans_take_it() {
    let cat = catalog(&[LANG]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    select(&mut app, "web");
    update(&mut app, &mut store, M::ShowPlan);
    assert!(
        app.plan.contains(&id(&cat, "language")),
        "the choice is part of the plan"
    );
    assert!(!app.plan.contains(&id(&cat, "python")));
    select(&mut app, "go");
    update(&mut app, &mut store, M::FollowChoice);
    assert_eq!(
        app.status_line,
        "Pick a language: following Go; plans take it from now on"
    );
    select(&mut app, "web");
    send(&mut app, &mut store, &[M::Cancel, M::ShowPlan]);
    assert!(app.plan.contains(&id(&cat, "go")));
    assert!(!app.plan.contains(&id(&cat, "python")));
    // The choice is remembered.
    let again = App::new(&cat, &store, USER, RoadmapIx::new(0)).unwrap();
    assert_eq!(
        again.chosen.get(&id(&cat, "language")),
        Some(&id(&cat, "go"))
    );
    select(&mut app, "basics");
    update(&mut app, &mut store, M::FollowChoice);
    assert!(
        app.status_line
            .contains("is not an alternative of a choice")
    );
}

#[test]
fn shift_tab_goes_to_the_previous_view() {
    let cat = catalog(&[WEB]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    let back_tab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(keymap::message(&Mode::Normal, back_tab), Some(M::PrevView));
    update(&mut app, &mut store, M::PrevView);
    assert_eq!(app.view, View::Stats);
    update(&mut app, &mut store, M::PrevView);
    assert_eq!(app.view, View::Graph);
}

#[test]
fn a_marking_key_pressed_twice_gives_back_the_status_before() {
    let cat = catalog(&[WEB]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    select(&mut app, "http");
    let http = id(&cat, "http");
    update(&mut app, &mut store, M::MarkDone);
    update(&mut app, &mut store, M::MarkStarted);
    assert_eq!(app.state.user(http), UserStatus::InProgress);
    update(&mut app, &mut store, M::MarkStarted);
    assert_eq!(
        app.state.user(http),
        UserStatus::Done,
        "s s on a done topic keeps it done"
    );
    // On a topic that had no status, the second press is todo, as before.
    update(&mut app, &mut store, M::MarkSkipped);
    update(&mut app, &mut store, M::MarkSkipped);
    assert_eq!(app.state.user(http), UserStatus::Done);
    select(&mut app, "dns");
    send(&mut app, &mut store, &[M::MarkDone, M::MarkDone]);
    assert_eq!(app.state.user(id(&cat, "dns")), UserStatus::Todo);
}

#[test]
fn e_in_capitals_hands_the_note_to_the_editor_and_saves_what_comes_back() {
    let cat = catalog(&[WEB]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    select(&mut app, "dns");
    update(&mut app, &mut store, M::EditNoteExternal);
    let dns = id(&cat, "dns");
    assert_eq!(
        app.pending_edit,
        Some(dns),
        "the event loop runs the editor"
    );
    super::update::finish_external_edit(
        &mut app,
        &mut store,
        dns,
        Ok("line one\nline two\n".into()),
    );
    assert_eq!(app.status_line, "Saved the note for DNS");
    assert_eq!(
        store.note(USER, "web/dns").unwrap().as_deref(),
        Some("line one\nline two")
    );
    // Several lines show as several lines.
    let lines: Vec<String> = super::view::detail::lines(&app, dns)
        .iter()
        .map(|l| l.to_string())
        .collect();
    assert!(lines.contains(&"  line one".to_string()) && lines.contains(&"  line two".to_string()));
    let failed = Err(crate::app::AppError::input("no editor", "set EDITOR"));
    super::update::finish_external_edit(&mut app, &mut store, dns, failed);
    assert_eq!(app.status_line, "Note not changed: no editor");
    assert_eq!(
        store.note(USER, "web/dns").unwrap().as_deref(),
        Some("line one\nline two")
    );
    // Groups have none, and their pane does not offer one.
    select(&mut app, "basics");
    update(&mut app, &mut store, M::EditNoteExternal);
    assert!(app.status_line.starts_with("Groups have no notes"));
    let pane: Vec<String> = super::view::detail::lines(&app, id(&cat, "basics"))
        .iter()
        .map(|l| l.to_string())
        .collect();
    assert!(!pane.iter().any(|l| l.contains("press e")), "{pane:?}");
}

#[test]
fn cut_titles_keep_their_counts_and_end_in_an_ellipsis() {
    let cat = builtin();
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    let screen = render_to_string(&mut app, 80, 24);
    let groups: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains('▸') || l.contains('▾'))
        .collect();
    assert!(groups.len() > 5, "{screen}");
    for row in groups {
        let tree = row.split("││").next().unwrap();
        let has_count = tree.split_whitespace().any(|w| {
            w.split_once('/').is_some_and(|(a, b)| {
                a.parse::<u32>().is_ok() && b.trim_end_matches('│').parse::<u32>().is_ok()
            })
        });
        assert!(has_count, "a group row lost its count: {row}");
    }
    // The Next view keeps "leads to N" whole.
    update(&mut app, &mut store, M::ShowView(View::Next));
    let screen = render_to_string(&mut app, 80, 24);
    for row in screen.lines().filter(|l| l.contains("leads")) {
        assert!(
            row.split("││")
                .next()
                .unwrap()
                .trim_end_matches('│')
                .trim_end()
                .rsplit(' ')
                .next()
                .unwrap()
                .parse::<u32>()
                .is_ok(),
            "{row}"
        );
    }
    assert_eq!(
        super::view::truncate("Databases and Data Management", 12),
        "Databases a…"
    );
    assert_eq!(super::view::truncate("DNS", 12), "DNS");
}

#[test]
fn clicking_a_tab_switches_to_it_and_a_new_view_starts_with_a_clear_status_line() {
    let cat = catalog(&[WEB]);
    let mut store = Store::open_in_memory().unwrap();
    let mut app = app(&cat, &store);
    let screen = render_to_string(&mut app, 120, 40);
    let top = screen.lines().next().unwrap();
    let at = top.find("3 Graph").expect("the tab is drawn");
    let x = top[..at].chars().count() as u16;
    select(&mut app, "http");
    update(&mut app, &mut store, M::MarkDone);
    assert!(!app.status_line.is_empty());
    update(&mut app, &mut store, M::Click { x: x + 1, y: 0 });
    assert_eq!(app.view, View::Graph);
    assert_eq!(
        app.status_line, "",
        "the last view's news is not this view's"
    );
}

#[test]
fn v_rates_a_done_topic_and_due_topics_show_in_the_tree_next_and_header() {
    let cat = catalog(&[WEB]);
    let mut store = Store::open_in_memory().unwrap();
    store.set_clock(|| "2027-01-01T10:00:00Z".parse().unwrap());
    store.set_time_zone(jiff::tz::TimeZone::UTC);
    let mut app = app(&cat, &store);
    select(&mut app, "http");
    update(&mut app, &mut store, M::StartRating);
    assert_eq!(app.mode, Mode::Normal, "todo topics are not rated");
    assert!(
        app.status_line
            .starts_with("Reviews are of topics you have done")
    );
    send(&mut app, &mut store, &[M::MarkDone, M::StartRating]);
    assert_eq!(app.mode, Mode::Rate(id(&cat, "http")));
    assert_eq!(
        keymap::message(&app.mode, key('g')),
        Some(M::Rate(crate::progress::Rating::Good))
    );
    update(&mut app, &mut store, M::Rate(crate::progress::Rating::Good));
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(
        app.status_line,
        "Reviewed HTTP (good): next review on 2027-01-04"
    );
    assert_eq!(commands(&store), ["done web/http", "review web/http good"]);
    assert!(app.due.is_empty());
    // Three days on, it is due: the header counts it, the tree marks it, Next lists it.
    store.set_clock(|| "2027-01-04T10:00:00Z".parse().unwrap());
    app.reload(&store).unwrap();
    assert_eq!(app.due.len(), 1);
    let tree = render_to_string(&mut app, 100, 30);
    assert!(tree.contains("1 to review"), "{tree}");
    assert!(tree.contains("HTTP ↻ review"), "{tree}");
    update(&mut app, &mut store, M::ShowView(View::Next));
    let next = render_to_string(&mut app, 100, 30);
    assert!(next.contains("Due for review (1)"), "{next}");
    assert!(next.contains("due today · 90% remembered"), "{next}");
}

#[test]
fn the_header_shows_the_weekly_goal_and_the_heatmap_its_met_weeks() {
    let cat = catalog(&[WEB]);
    let mut store = Store::open_in_memory().unwrap();
    // Sunday 2026-11-22 (TODAY): DNS (1d = 8h) done this week.
    store.set_clock(|| "2026-11-22T10:00:00Z".parse().unwrap());
    store.set_time_zone(jiff::tz::TimeZone::UTC);
    store
        .set_setting(USER, crate::app::goal::GOAL_SETTING, "8h")
        .unwrap();
    let mut app = app(&cat, &store);
    select(&mut app, "dns");
    update(&mut app, &mut store, M::MarkDone);
    let week = app.week.clone().expect("a goal");
    assert_eq!(week.text, "this week 8 of 8 h ✓ · 1-week streak");
    let screen = render_to_string(&mut app, 100, 30);
    assert!(
        screen.contains("goal: this week 8 of 8 h ✓ · 1-week streak"),
        "{screen}"
    );
    update(&mut app, &mut store, M::ShowView(View::Stats));
    let stats = render_to_string(&mut app, 100, 30);
    let goal_row = stats
        .lines()
        .find(|l| l.contains("│Goal"))
        .expect("a goal row");
    assert_eq!(goal_row.matches('✓').count(), 1, "{stats}");
    assert!(stats.contains("Pace: not enough history yet"), "{stats}");
}
