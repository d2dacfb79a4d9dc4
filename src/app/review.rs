//! Reviews: rating how well a finished topic is still known, and when each is due again.
//!
//! Each rating is a history change of its own kind (`review`: the topic's key, the
//! rating), so reviews export, import and sync with everything else. The schedule is
//! worked out by replaying a topic's ratings through FSRS (the scheduler Anki uses, from
//! the `rs-fsrs` crate, with whole-day intervals and no random fuzz, so it is exact). A
//! topic done without a rating counts as rated `good` when it was done. Reviews are
//! opt-in: on once the user rates a topic (or turns them on), until they turn them off.

use jiff::Timestamp;
use rs_fsrs::{Card, FSRS, Parameters};
use serde::Serialize;

use crate::graph::{Catalog, NodeId, UserStatus};
use crate::progress::{Rating, Review, Store};

use super::resolve::Purpose;
use super::{AppError, NodeRef, Workspace};

/// The per-user setting that turns reviews `on` or `off` (unset: on once a topic is rated).
pub const REVIEWS_SETTING: &str = "reviews";

/// When one topic is due.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Due {
    /// The topic.
    #[serde(flatten)]
    pub node: NodeRef,
    /// When it is due, RFC 3339 UTC.
    pub due: Timestamp,
    /// Whole days past due (0 on the day).
    pub overdue_days: i64,
    /// How likely it is still remembered now, 0 to 1 (FSRS's retrievability).
    pub retrievability: f64,
    /// How many times it was rated.
    pub reviews: usize,
    /// The last rating.
    pub last_rating: Rating,
    /// The node, for front ends.
    #[serde(skip)]
    pub id: NodeId,
}

/// The FSRS scheduler: day-long steps, no fuzz, the default weights.
fn scheduler() -> FSRS {
    FSRS::new(Parameters {
        enable_short_term: false,
        enable_fuzz: false,
        ..Parameters::default()
    })
}

fn chrono(at: Timestamp) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(at.as_millisecond()).unwrap_or_default()
}

fn fsrs_rating(r: Rating) -> rs_fsrs::Rating {
    match r {
        Rating::Again => rs_fsrs::Rating::Again,
        Rating::Hard => rs_fsrs::Rating::Hard,
        Rating::Good => rs_fsrs::Rating::Good,
        Rating::Easy => rs_fsrs::Rating::Easy,
    }
}

/// The card after replaying `reviews` (oldest first; at least one).
fn replay(reviews: &[Review]) -> Card {
    let fsrs = scheduler();
    let mut card = Card::default();
    for r in reviews {
        card = fsrs.next(card, chrono(r.at), fsrs_rating(r.rating)).card;
    }
    card
}

/// When a topic with these ratings is due, and how likely it is remembered at `now`.
pub fn schedule(reviews: &[Review], now: Timestamp) -> (Timestamp, f64) {
    let card = replay(reviews);
    let due = Timestamp::from_millisecond(card.due.timestamp_millis()).unwrap_or(now);
    let r = card.get_retrievability(chrono(now));
    (due, (r * 1000.0).round() / 1000.0)
}

/// Whether `user` has reviews on: only the setting is read (rating turns it on, and so
/// does importing someone's reviews, see [`adopt_imported`]), so that `next` and the
/// terminal UI never read the whole history to find out.
pub fn is_on(store: &Store, user: &str) -> Result<bool, AppError> {
    Ok(store.setting(user, REVIEWS_SETTING)?.as_deref() == Some("on"))
}

/// After an import or a sync brought changes in: reviews made elsewhere turn reviews on
/// here too, unless the user chose on this machine.
pub fn adopt_imported(store: &mut Store, user: &str) -> Result<(), AppError> {
    if store.setting(user, REVIEWS_SETTING)?.is_none() && !store.reviews(user)?.is_empty() {
        store.set_setting(user, REVIEWS_SETTING, "on")?;
    }
    Ok(())
}

/// Every done topic of `user` due for review at the store's now, best first (least
/// likely remembered, then longest overdue); empty when reviews are off.
pub fn due(cat: &Catalog, store: &Store, user: &str) -> Result<Vec<Due>, AppError> {
    if !is_on(store, user)? {
        return Ok(Vec::new());
    }
    let mut reviews = store.reviews(user)?;
    let now = store.now();
    let statuses = store.statuses(user)?;
    // A topic done without a rating counts as known (`good`) when it was done.
    for (key, at) in store.done_times(user)? {
        reviews.entry(key).or_insert_with(|| {
            vec![Review {
                at,
                rating: Rating::Good,
            }]
        });
    }
    let mut out = Vec::new();
    for (key, list) in &reviews {
        if statuses.get(key) != Some(&UserStatus::Done) {
            continue;
        }
        let Some(node) = cat.leaves_with_key(key).next() else {
            continue;
        };
        let (when, retrievability) = schedule(list, now);
        if when > now {
            continue;
        }
        let days = (now.as_second() - when.as_second()).div_euclid(86_400);
        out.push(Due {
            node: NodeRef::new(cat, node),
            due: when,
            overdue_days: days,
            retrievability,
            reviews: list.len(),
            last_rating: list.last().map_or(Rating::Good, |r| r.rating),
            id: node,
        });
    }
    out.sort_by(|a, b| {
        (a.retrievability.total_cmp(&b.retrievability))
            .then(a.due.cmp(&b.due))
            .then_with(|| (&a.node.roadmap, &a.node.id).cmp(&(&b.node.roadmap, &b.node.id)))
    });
    Ok(out)
}

/// What `review` lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DueList {
    /// Whether reviews are on.
    pub enabled: bool,
    /// The topics due, best first.
    pub due: Vec<Due>,
}

/// The topics due for review (none when there is no database yet).
pub fn list(ws: &mut Workspace) -> Result<DueList, AppError> {
    let user = ws.user.clone();
    let (cat, store) = ws.existing_parts()?;
    let Some(store) = store else {
        return Ok(DueList {
            enabled: false,
            due: Vec::new(),
        });
    };
    Ok(DueList {
        enabled: is_on(store, &user)?,
        due: due(cat, store, &user)?,
    })
}

/// A review recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rated {
    /// The topics rated.
    pub topics: Vec<NodeRef>,
    /// The rating.
    pub rating: Rating,
    /// When each is due next, in the same order.
    pub next_due: Vec<Timestamp>,
}

impl Rated {
    /// "Reviewed Git (good): next review on 2027-01-18".
    pub fn summary(&self, zone: &jiff::tz::TimeZone) -> Vec<String> {
        self.topics
            .iter()
            .zip(&self.next_due)
            .map(|(t, due)| {
                format!(
                    "Reviewed {} ({}): next review on {}",
                    t.title,
                    self.rating.as_str(),
                    crate::progress::local_date(*due, zone)
                )
            })
            .collect()
    }
}

/// Records `rating` for the done topics `names` (which turns reviews on).
pub fn rate(ws: &mut Workspace, names: &[String], rating: Rating) -> Result<Rated, AppError> {
    let user = ws.user.clone();
    let state = ws.state()?;
    let mut nodes: Vec<NodeId> = Vec::new();
    for name in names {
        let id = ws.resolve(name, Purpose::Mark)?;
        let cat = &ws.catalog;
        if cat.is_group(id) || state.user(id) != UserStatus::Done {
            return Err(AppError::input(
                format!(
                    "{} is not done: reviews are of topics you have done",
                    cat.node(id).title
                ),
                format!("mark it done first: `skilltree done {name}`"),
            ));
        }
        if !nodes.iter().any(|&n| cat.key(n) == cat.key(id)) {
            nodes.push(id);
        }
    }
    let command = format!("review {} {}", names.join(" "), rating.as_str());
    let (cat, store) = ws.parts()?;
    record(cat, store, &user, &nodes, &command, rating)
}

/// Records `rating` for `nodes` (done topics) as one command, turns reviews on, and says
/// when each is due next.
pub fn record(
    cat: &Catalog,
    store: &mut Store,
    user: &str,
    nodes: &[NodeId],
    command: &str,
    rating: Rating,
) -> Result<Rated, AppError> {
    let keys: Vec<String> = nodes.iter().map(|&n| cat.key(n).to_string()).collect();
    store.review(user, command, &keys, rating)?;
    if store.setting(user, REVIEWS_SETTING)?.as_deref() != Some("on") {
        store.set_setting(user, REVIEWS_SETTING, "on")?;
    }
    let all = store.reviews(user)?;
    let now = store.now();
    let next_due = keys
        .iter()
        .map(|k| schedule(all.get(k).map_or(&[][..], Vec::as_slice), now).0)
        .collect();
    Ok(Rated {
        topics: nodes.iter().map(|&n| NodeRef::new(cat, n)).collect(),
        rating,
        next_due,
    })
}

/// Turns reviews on or off for the user.
pub fn set_enabled(ws: &mut Workspace, on: bool) -> Result<(), AppError> {
    let user = ws.user.clone();
    ws.store()?
        .set_setting(&user, REVIEWS_SETTING, if on { "on" } else { "off" })?;
    Ok(())
}

/// Reads a rating: again, hard, good or easy.
pub fn parse_rating(text: &str) -> Result<Rating, AppError> {
    Rating::parse(text).ok_or_else(|| {
        AppError::input(
            format!(
                "`{}` is not a rating",
                crate::roadmap::sanitize::clean_line(text)
            ),
            "rate again, hard, good or easy",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn review(when: &str, rating: Rating) -> Review {
        Review {
            at: at(when),
            rating,
        }
    }

    #[test]
    fn a_first_rating_sets_the_first_interval() {
        let now = at("2027-01-01T10:00:00Z");
        let due = |r| {
            schedule(&[review("2027-01-01T10:00:00Z", r)], now)
                .0
                .to_string()
        };
        assert_eq!(due(Rating::Again), "2027-01-02T10:00:00Z");
        assert_eq!(due(Rating::Hard), "2027-01-03T10:00:00Z");
        assert_eq!(due(Rating::Good), "2027-01-04T10:00:00Z");
        assert_eq!(due(Rating::Easy), "2027-01-16T10:00:00Z");
    }

    #[test]
    fn recalling_on_time_stretches_the_interval_and_forgetting_shrinks_it() {
        let first = review("2027-01-01T10:00:00Z", Rating::Good);
        let (due, _) = schedule(
            &[first, review("2027-01-04T10:00:00Z", Rating::Good)],
            at("2027-01-04T10:00:00Z"),
        );
        let good_gap = due.as_second() - at("2027-01-04T10:00:00Z").as_second();
        assert!(good_gap > 3 * 86_400, "{due}");
        let (due, _) = schedule(
            &[first, review("2027-01-04T10:00:00Z", Rating::Again)],
            at("2027-01-04T10:00:00Z"),
        );
        assert!(due.as_second() - at("2027-01-04T10:00:00Z").as_second() < good_gap);
    }

    #[test]
    fn remembering_fades_with_time() {
        let r = [review("2027-01-01T10:00:00Z", Rating::Good)];
        let soon = schedule(&r, at("2027-01-02T10:00:00Z")).1;
        let late = schedule(&r, at("2027-02-01T10:00:00Z")).1;
        assert!(soon > 0.9 && late < soon, "{soon} {late}");
    }
}
