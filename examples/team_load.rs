//! Load on a team's PostgreSQL database: LEARNERS learners (50 by default), each with their
//! own login and connection, mark topics as fast as they can for SECONDS (60 by default).
//! Prints writes per second, and checks that every write the learners were told succeeded
//! is in the database (no lost write) and that none of them saw an error.
//!
//! ```text
//! createdb skilltree_load
//! cargo run --release --example team_load -- postgres://postgres@localhost/skilltree_load 50 60
//! ```
//!
//! The URL must be the database owner's (it adds the learners with `team add`'s code).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use skilltree::graph::UserStatus;
use skilltree::progress::{Change, Store};

fn main() {
    let mut args = std::env::args().skip(1);
    let url = args
        .next()
        .expect("usage: team_load OWNER_URL [LEARNERS] [SECONDS]");
    let learners: usize = args.next().map_or(50, |n| n.parse().expect("a number"));
    let seconds: u64 = args.next().map_or(60, |n| n.parse().expect("a number"));
    let run = std::process::id();

    let mut owner = Store::open_server(&url).expect("the owner connects");
    let urls: Vec<(String, String)> = (0..learners)
        .map(|i| {
            let login = format!("load_{run}_{i}");
            let url = owner
                .add_member(&login, Some("load-password"), false)
                .expect("adding a learner")
                .expect("a server");
            (login, url)
        })
        .collect();

    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let threads: Vec<_> = urls
        .into_iter()
        .map(|(login, url)| {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let mut store = Store::open_server(&url).expect("a learner connects");
                let (mut ok, mut errors) = (0u64, Vec::new());
                while !stop.load(Ordering::Relaxed) {
                    // Every write changes something: topic i goes done, then back to todo.
                    let key = format!("topic-{}", ok % 20);
                    let to = if (ok / 20) % 2 == 0 {
                        UserStatus::Done
                    } else {
                        UserStatus::Todo
                    };
                    let change = Change { key, to };
                    match store.apply(&login, "load", &[change]) {
                        Ok(applied) if applied.len() == 1 => ok += 1,
                        Ok(_) => errors.push("a write that changed nothing".to_owned()),
                        Err(e) => errors.push(e.to_string()),
                    }
                }
                (login, ok, errors)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(seconds));
    stop.store(true, Ordering::Relaxed);
    let results: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let elapsed = started.elapsed().as_secs_f64();

    let mut total = 0;
    let mut lost = 0;
    let mut errors = 0;
    for (login, ok, errs) in &results {
        total += ok;
        errors += errs.len();
        if let Some(first) = errs.first() {
            eprintln!("{login}: {} errors, first: {first}", errs.len());
        }
        let recorded = owner
            .history(login, usize::MAX)
            .expect("reading history")
            .len() as u64;
        if recorded != *ok {
            eprintln!("{login}: {ok} writes succeeded, {recorded} recorded");
            lost += ok.abs_diff(recorded);
        }
    }
    println!(
        "{learners} learners, {elapsed:.0} s: {total} writes, {:.0} writes/s; {lost} lost, {errors} errors",
        total as f64 / elapsed
    );
    if lost > 0 || errors > 0 {
        std::process::exit(1);
    }
}
