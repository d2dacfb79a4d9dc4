//! The map view (3): what it draws for each built-in roadmap, and walking it.

use super::app::App;
use super::message::{Message as M, View};
use super::{render_to_string, update};
use crate::graph::Catalog;
use crate::graph::UserStatus;
use crate::progress::{Change, Store};

const USER: &str = "ann";

fn builtin() -> Catalog {
    Catalog::build(crate::roadmap::builtin()).0
}

/// The map of roadmap `r`, with a few topics done so colours and unlocks show.
fn map_app<'a>(cat: &'a Catalog, store: &mut Store, roadmap: &str) -> App<'a> {
    let r = cat.find_roadmap(roadmap).unwrap();
    // The first two topics with nothing to learn first.
    let done: Vec<Change> = cat
        .nodes_of(r)
        .filter(|&n| !cat.is_group(n) && cat.all_requires(n).next().is_none())
        .take(2)
        .map(|n| Change {
            key: cat.key(n).to_string(),
            to: UserStatus::Done,
        })
        .collect();
    store.apply(USER, "done", &done).unwrap();
    let mut app = App::new(cat, store, USER, r).unwrap();
    app.opener = |_| Err(std::io::Error::other("no browser in tests"));
    update(&mut app, store, M::ShowView(View::Graph));
    app
}

#[test]
fn snapshot_every_builtin_map() {
    let cat = builtin();
    for r in cat.roadmap_ixs() {
        let name = cat.roadmap(r).id.clone();
        let mut store = Store::open_in_memory().unwrap();
        let mut app = map_app(&cat, &mut store, &name);
        assert!(!app.map.zoomed_out);
        insta::assert_snapshot!(
            format!("map_{name}_120x40"),
            render_to_string(&mut app, 120, 40)
        );
        update(&mut app, &mut store, M::Zoom);
        assert!(app.map.zoomed_out);
        insta::assert_snapshot!(
            format!("map_{name}_zoomed_out_80x24"),
            render_to_string(&mut app, 80, 24)
        );
    }
}

#[test]
fn a_map_too_big_to_lay_out_opens_zoomed_out_and_says_so() {
    let cat = builtin();
    let mut store = Store::open_in_memory().unwrap();
    let r = cat.find_roadmap("junior-backend").unwrap();
    let mut app = App::new(&cat, &store, USER, r).unwrap();
    app.map.budget = 1;
    update(&mut app, &mut store, M::ShowView(View::Graph));
    assert!(app.map.zoomed_out);
    assert!(
        app.status_line
            .starts_with("This roadmap is too big to draw topic by topic"),
        "{}",
        app.status_line
    );
    let screen = render_to_string(&mut app, 80, 24);
    assert!(screen.contains("zoomed out"), "{screen}");
    update(&mut app, &mut store, M::Zoom);
    assert!(app.map.zoomed_out, "zooming in is refused");
    assert!(app.status_line.starts_with("This roadmap is too big"));
}

#[test]
fn search_and_plan_work_on_the_map() {
    let cat = builtin();
    let mut store = Store::open_in_memory().unwrap();
    let mut app = map_app(&cat, &mut store, "junior-backend");
    update(&mut app, &mut store, M::StartSearch);
    for c in "postman".chars() {
        update(&mut app, &mut store, M::Input(c));
    }
    update(&mut app, &mut store, M::Confirm);
    assert_eq!(app.view, View::Graph, "the map searches in place");
    let postman = cat.lookup("junior-backend/postman")[0];
    assert_eq!(app.selected(), Some(postman));
    update(&mut app, &mut store, M::ShowPlan);
    assert!(app.plan.len() > 1, "Postman needs things first");
    let screen = render_to_string(&mut app, 120, 40);
    assert!(screen.contains("┃ · Postman"), "{screen}");
    // The plan's path is lit: magenta arrows into Postman.
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    term.draw(|f| super::view::render(f, &mut app)).unwrap();
    let lit = term
        .backend()
        .buffer()
        .content()
        .iter()
        .filter(|c| c.fg == ratatui::style::Color::Magenta && "┌┐└┘├┤┬┴┼▶".contains(c.symbol()))
        .count();
    assert!(lit > 0, "{lit} lit arrow corners and heads");
    // Zoomed out, the selection is Postman's group.
    update(&mut app, &mut store, M::Zoom);
    assert_eq!(app.selected(), Some(crate::app::map::top_of(&cat, postman)));
}
