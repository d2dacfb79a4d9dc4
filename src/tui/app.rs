//! The UI state: which roadmap, what is expanded and selected, what the
//! store says, and caches rebuilt only after a change (never per frame).

use std::collections::{HashMap, HashSet};

use ratatui::layout::Rect;

use crate::app::goal::{self, WeekProgress};
use crate::app::pace::{self, Learning};
use crate::app::review::{self, Due};
use crate::app::suggest::Remaining;
use crate::app::{AppError, choice, overview};
use crate::graph::UserStatus;
use crate::graph::query::{self, Chosen, Suggestion};
use crate::graph::{Catalog, NodeId, RoadmapIx, State, Status};
use crate::progress::{Store, StoreError};

use super::map::MapState;
use super::message::View;
use super::search_index::SearchIndex;

/// The per-user setting that remembers the roadmap last opened (the
/// current roadmap, which also decides between roadmaps on the command line).
pub use crate::app::CURRENT_ROADMAP as LAST_ROADMAP;

/// How many days of activity the stats view asks the store for.
pub const ACTIVITY_DAYS: u32 = 7 * 12;

/// What the keyboard is talking to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// The current view.
    Normal,
    /// The key help over the current view.
    Help,
    /// Typing a search query.
    Search,
    /// Typing a note for a node (fixed when editing starts: the selection
    /// can move under the cursor while progress changes elsewhere); the
    /// text is in [`App::input`].
    Note(NodeId),
    /// Marking a locked node: alone, with its prerequisites, or not at all.
    Locked(LockedDialog),
    /// Picking a roadmap; the highlighted one.
    Picker(usize),
    /// Rating how well a done topic is known (a review).
    Rate(NodeId),
    /// Picking which of a node's resources to open.
    OpenPick(NodeId),
    /// A link that could not be opened, shown whole, with why; it can be
    /// copied to the clipboard from here.
    Link {
        /// The whole URL.
        url: String,
        /// Why no browser opened it.
        why: String,
    },
}

/// The question asked before marking a locked node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockedDialog {
    /// The node being marked.
    pub node: NodeId,
    /// The status asked for.
    pub to: UserStatus,
    /// Unsatisfied leaves it needs first (its plan, itself excluded).
    pub needs: Vec<NodeId>,
    /// Choices its plan meets that the user has not made.
    pub choices: Vec<NodeId>,
    /// The highlighted option: 0 alone, 1 with prerequisites, 2 cancel.
    pub choice: usize,
}

/// Which of the derived lists are out of date.
#[derive(Debug, Default, Clone, Copy)]
struct Stale {
    next: bool,
    remaining: bool,
    activity: bool,
    /// The pace (read from the whole history).
    learning: bool,
    /// The other users, for the Stats view.
    team: bool,
}

/// Everything the views draw from.
pub struct App<'a> {
    /// Every loaded roadmap.
    pub cat: &'a Catalog,
    /// Whose progress.
    pub user: String,
    /// The roadmap shown.
    pub roadmap: RoadmapIx,
    /// Statuses, re-evaluated after each change.
    pub state: State,
    /// done/total units of each node of the roadmap, from its first node
    /// (see [`App::units_of`]).
    units: Vec<(u32, u32)>,
    /// Leaves of the roadmap by status: locked, available, in progress, done, skipped.
    pub counts: [usize; 5],
    /// done/total units of the roadmap.
    pub total: (u32, u32),
    /// What the roadmap still needs, estimated (see [`App::refresh_view`]).
    pub remaining: Remaining,
    /// The alternative the user follows in each choice they made.
    pub chosen: Chosen,
    /// The user's notes, by key (raw; clean before display).
    pub notes: HashMap<String, String>,
    /// Changes per UTC day, oldest first.
    pub activity: Vec<(jiff::civil::Date, u32)>,
    /// The other users of the database with this one, for the Stats view: empty unless
    /// the database holds several (a shared file, or a mentor's view of a server).
    pub team: Vec<crate::app::team::Member>,
    /// Today, in days since 1970-01-01 (UTC).
    pub today: i64,
    /// This week against the weekly goal, if the user set one.
    pub week: Option<WeekProgress>,
    /// Topics due for review, best first (empty when reviews are off).
    pub due: Vec<Due>,
    /// The nodes of `due`, for the tree's glyph.
    pub due_nodes: HashSet<NodeId>,
    /// Whether the user has reviews on: checked at start and after changes made
    /// elsewhere (it can take reading the whole history), set when they rate.
    pub reviews_on: bool,
    /// Pace and clock for the Stats view's finish range, read with the activity.
    pub learning: Option<Learning>,
    /// Whether each group (by node id) is unfolded.
    pub expanded: Vec<bool>,
    /// The visible tree rows.
    pub rows: Vec<NodeId>,
    /// Selected tree row.
    pub cursor: usize,
    /// First tree row on screen.
    pub offset: usize,
    /// Tree rows that fit on screen (set when drawn).
    pub page: usize,
    /// Where the tree rows were drawn (for mouse clicks).
    pub tree_area: Rect,
    /// Where the header's view tabs were drawn (for mouse clicks).
    pub tab_areas: Vec<(Rect, View)>,
    /// First line of the details pane shown.
    pub detail_scroll: u16,
    /// The screen shown.
    pub view: View,
    /// What keys go to.
    pub mode: Mode,
    /// The search query (kept after Enter, for n/N).
    pub query: String,
    /// The text field being typed in (search or note), with its cursor.
    pub input: tui_input::Input,
    /// Nodes matching the query, in tree order.
    pub matches: Vec<NodeId>,
    /// What the last change unlocked.
    pub unlocked: HashSet<NodeId>,
    /// What the node in `plan_for` still needs.
    pub plan: HashSet<NodeId>,
    /// The node `p` was pressed on.
    pub plan_for: Option<NodeId>,
    /// Folded search text, built on the first search in a roadmap.
    pub(crate) search_index: Option<SearchIndex>,
    /// Ranked suggestions for the roadmap (see [`App::refresh_view`]).
    pub next: Vec<Suggestion>,
    /// `next` and `remaining` no longer match `state`. They cost most of a
    /// change on a huge roadmap, so they are brought up to date only for the
    /// view that shows them, when it is shown.
    stale: Stale,
    /// Selected suggestion.
    pub next_cursor: usize,
    /// The Next list's scroll position, kept between frames.
    pub next_list: ratatui::widgets::ListState,
    /// The map view: its layouts, selection and window.
    pub map: MapState,
    /// The last marking key's effect: (node, status before, status set), so
    /// pressing it again restores the status before.
    pub toggled: Option<(NodeId, UserStatus, UserStatus)>,
    /// A note to edit in the user's editor, which the event loop runs
    /// (it owns the terminal the editor borrows).
    pub pending_edit: Option<NodeId>,
    /// Set by `R`: the event loop reads the roadmap files again.
    pub pending_reload: bool,
    /// Text for the event loop to put on the clipboard (OSC 52).
    pub pending_copy: Option<String>,
    /// The last thing that happened, for the footer.
    pub status_line: String,
    /// Set when the user quits.
    pub quit: bool,
    /// Opens a URL in the browser (replaced in tests).
    pub opener: fn(&str) -> std::io::Result<()>,
}

impl<'a> App<'a> {
    /// The UI on roadmap `roadmap` for `user`, read from `store`.
    pub fn new(
        cat: &'a Catalog,
        store: &Store,
        user: &str,
        roadmap: RoadmapIx,
    ) -> Result<App<'a>, StoreError> {
        let state = State::evaluate(cat, &store.statuses(user)?);
        let first = cat.nodes_of(roadmap).first();
        let mut app = App {
            cat,
            user: user.to_string(),
            roadmap,
            state,
            units: Vec::new(),
            counts: [0; 5],
            total: (0, 0),
            remaining: Remaining::default(),
            notes: store.notes(user)?,
            chosen: choice::load(cat, store, user).unwrap_or_default(),
            activity: store.activity(user, ACTIVITY_DAYS)?,
            team: Vec::new(),
            today: today(store),
            week: None,
            due: Vec::new(),
            due_nodes: HashSet::new(),
            reviews_on: false,
            learning: None,
            expanded: cat.ids().map(|n| cat.node(n).depth == 0).collect(),
            rows: Vec::new(),
            cursor: 0,
            offset: 0,
            page: 20,
            tree_area: Rect::default(),
            tab_areas: Vec::new(),
            detail_scroll: 0,
            view: View::Tree,
            mode: Mode::Normal,
            query: String::new(),
            input: tui_input::Input::default(),
            matches: Vec::new(),
            unlocked: HashSet::new(),
            plan: HashSet::new(),
            plan_for: None,
            next: Vec::new(),
            search_index: None,
            // The pace and the team are read when the Stats view first shows.
            stale: Stale {
                learning: true,
                team: true,
                ..Stale::default()
            },
            next_cursor: 0,
            next_list: ratatui::widgets::ListState::default(),
            map: MapState::new(first),
            status_line: String::new(),
            toggled: None,
            pending_edit: None,
            pending_copy: None,
            pending_reload: false,
            quit: false,
            opener: open_url,
        };
        app.check_reviews(store)?;
        app.read_learning(store)?;
        app.recompute();
        app.rebuild_rows();
        Ok(app)
    }

    /// Re-reads statuses, notes and activity after a change, and rebuilds the caches.
    pub fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.state = State::evaluate(self.cat, &store.statuses(&self.user)?);
        self.check_reviews(store)?;
        self.reload_notes(store)?;
        self.recompute();
        Ok(())
    }

    /// Re-reads notes and activity (the statuses are already known).
    pub fn reload_notes(&mut self, store: &Store) -> Result<(), StoreError> {
        self.notes = store.notes(&self.user)?;
        // A choices setting we cannot read is as good as no choices.
        self.chosen = choice::load(self.cat, store, &self.user).unwrap_or_default();
        self.read_learning(store)?;
        // Read from the whole history: only for the view that shows it.
        self.stale.activity = true;
        self.stale.learning = true;
        self.stale.team = true;
        self.refresh_activity(store)
    }

    /// Whether reviews are on, read again.
    pub fn check_reviews(&mut self, store: &Store) -> Result<(), StoreError> {
        self.reviews_on = or_store_error(review::is_on(store, &self.user))?.unwrap_or(false);
        Ok(())
    }

    /// Re-reads the weekly goal's progress and the topics due for review.
    pub fn read_learning(&mut self, store: &Store) -> Result<(), StoreError> {
        self.week = or_store_error(goal::progress(self.cat, store, &self.user))?.flatten();
        self.due = if self.reviews_on {
            or_store_error(review::due(self.cat, store, &self.user))?.unwrap_or_default()
        } else {
            Vec::new()
        };
        self.due_nodes = self.due.iter().map(|d| d.id).collect();
        Ok(())
    }

    /// Re-reads the activity heatmap, the pace and the team if the Stats view is
    /// shown and they are out of date.
    pub fn refresh_activity(&mut self, store: &Store) -> Result<(), StoreError> {
        if self.stale.activity && self.view == View::Stats {
            self.activity = store.activity(&self.user, ACTIVITY_DAYS)?;
            self.stale.activity = false;
        }
        if self.stale.learning && self.view == View::Stats {
            self.learning = or_store_error(pace::learning_of(self.cat, store, &self.user))?;
            self.stale.learning = false;
        }
        if self.stale.team && self.view == View::Stats {
            self.team = if store.users()?.len() > 1 {
                let stuck = crate::app::team::DEFAULT_STUCK_DAYS;
                crate::app::team::team_of(self.cat, Some(store), stuck, store.now())?.members
            } else {
                Vec::new()
            };
            self.stale.team = false;
        }
        Ok(())
    }

    /// Rebuilds everything derived from `state` for the current roadmap.
    pub fn recompute(&mut self) {
        let (cat, state) = (self.cat, &self.state);
        self.units = state.roadmap_node_units(cat, self.roadmap);
        self.counts = [0; 5];
        for id in cat.nodes_of(self.roadmap).filter(|&id| !cat.is_group(id)) {
            self.counts[status_index(state.status(id))] += 1;
        }
        let first = cat.nodes_of(self.roadmap).first().index();
        self.total = cat
            .roots_of(self.roadmap)
            .filter(|&n| !cat.node(n).optional)
            .map(|n| self.units[n.index() - first])
            .fold((0, 0), |(d, t), (a, b)| (d + a, t + b));
        self.stale.next = true;
        self.stale.remaining = true;
        self.refresh_view();
    }

    /// done/total units of a group of the roadmap shown.
    pub fn units_of(&self, id: NodeId) -> Option<(u32, u32)> {
        if !self.cat.is_group(id) {
            return None;
        }
        let first = self.cat.nodes_of(self.roadmap).first().index();
        let i = id.index().checked_sub(first)?;
        self.units.get(i).copied()
    }

    /// Brings `next` (Next view) or `remaining` (Stats view) up to date if
    /// the view shown needs it. Called before each message and each frame.
    pub fn refresh_view(&mut self) {
        let (cat, state) = (self.cat, &self.state);
        if self.stale.next && self.view == View::Next {
            self.next = query::next(cat, state, Some(self.roadmap));
            self.next_cursor = self.next_cursor.min(self.next.len().saturating_sub(1));
            self.stale.next = false;
        }
        if self.view == View::Graph
            && let Some(note) = self.map.prepare(cat, self.roadmap)
        {
            self.status_line = note;
        }
        if self.stale.remaining && self.view == View::Stats {
            self.remaining = overview::remaining(cat, state, self.roadmap, &self.chosen);
            self.stale.remaining = false;
        }
    }

    /// Rebuilds the visible rows from what is expanded, keeping the selected node.
    pub fn rebuild_rows(&mut self) {
        let keep = self.rows.get(self.cursor).copied();
        self.rows.clear();
        let mut hide_below: Option<usize> = None;
        for id in self.cat.nodes_of(self.roadmap) {
            let node = self.cat.node(id);
            if let Some(d) = hide_below {
                if node.depth > d {
                    continue;
                }
                hide_below = None;
            }
            self.rows.push(id);
            if node.is_group() && !self.expanded[id.index()] {
                hide_below = Some(node.depth);
            }
        }
        self.cursor = keep
            .and_then(|k| self.rows.iter().position(|&r| r == k))
            .unwrap_or(self.cursor)
            .min(self.rows.len().saturating_sub(1));
    }

    /// Unfolds every group above `id`; whether anything changed. (The rows
    /// are not rebuilt: callers unfolding several nodes rebuild once.)
    pub fn unfold_to(&mut self, id: NodeId) -> bool {
        let mut cur = self.cat.parent(id);
        let mut changed = false;
        while let Some(p) = cur {
            changed |= !std::mem::replace(&mut self.expanded[p.index()], true);
            cur = self.cat.parent(p);
        }
        changed
    }

    /// Unfolds the groups around `id` and selects it in the tree.
    pub fn reveal(&mut self, id: NodeId) {
        if self.unfold_to(id) {
            self.rebuild_rows();
        }
        if let Some(pos) = self.rows.iter().position(|&r| r == id) {
            self.cursor = pos;
        }
    }

    /// The node under the tree cursor.
    pub fn tree_selected(&self) -> Option<NodeId> {
        self.rows.get(self.cursor).copied()
    }

    /// The node the current view has selected (what mark, note and open act
    /// on); the stats view selects nothing.
    pub fn selected(&self) -> Option<NodeId> {
        match self.view {
            View::Next => self.next.get(self.next_cursor).map(|s| s.node),
            View::Graph => Some(self.map.selected),
            View::Tree => self.tree_selected(),
            View::Stats => None,
        }
    }

    /// The user's note on a node, made safe for the terminal.
    pub fn note(&self, id: NodeId) -> Option<String> {
        crate::app::note::of(self.cat, id, |k| self.notes.get(k).cloned())
            .map(|n| crate::roadmap::sanitize::clean_text(&n).into_owned())
    }

    /// The roadmap's title.
    pub fn title(&self) -> &str {
        &self.cat.roadmap(self.roadmap).title
    }
}

/// The value, `None` for an error that is not the store's (a setting that cannot be
/// read is as good as none), or the store's error.
fn or_store_error<T>(r: Result<T, AppError>) -> Result<Option<T>, StoreError> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(AppError::Store(e)) => Err(e),
        Err(_) => Ok(None),
    }
}

/// Index into [`App::counts`].
pub fn status_index(s: Status) -> usize {
    match s {
        Status::Locked => 0,
        Status::Available => 1,
        Status::InProgress => 2,
        Status::Done => 3,
        Status::Skipped => 4,
    }
}

/// Today by the store's clock, in its time zone (the user's), in days since 1970-01-01.
pub fn today(store: &Store) -> i64 {
    let date = crate::progress::local_date(store.now(), store.time_zone());
    super::view::stats::day_number(date)
}

/// Opens `url` in the user's browser, through `webbrowser`: `$BROWSER` when
/// set, else the platform's way (`xdg-open` and friends, `open` on macOS,
/// the shell's default on Windows). Only http and https links are opened:
/// roadmap files are checked for that at load, and this runs a program.
pub fn open_url(url: &str) -> std::io::Result<()> {
    let scheme = url.split_once("://").map(|(s, _)| s.to_ascii_lowercase());
    if !matches!(scheme.as_deref(), Some("http" | "https")) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "only http and https links are opened",
        ));
    }
    webbrowser::open(url)
}
