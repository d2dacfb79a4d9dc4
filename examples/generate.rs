//! Writes a generated roadmap (the benchmarks' shape) to stdout, for
//! measuring whole commands at size:
//!
//! ```text
//! cargo run --release --example generate -- 10000 > big.yaml
//! skilltree --roadmap big.yaml next
//! ```
//!
//! With `--progress FRACTION DB`, also marks that fraction of the leaves done
//! in the progress database `DB` (one transaction), as a learner partway through.

#[path = "../benches/common/mod.rs"]
mod common;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(nodes) = args.first().and_then(|n| n.parse::<usize>().ok()) else {
        eprintln!("usage: generate NODES [--progress FRACTION DB] > roadmap.yaml");
        return ExitCode::from(2);
    };
    if nodes == 0 {
        eprintln!("generate: NODES must be at least 1");
        return ExitCode::from(2);
    }
    let yaml = common::roadmap_yaml(nodes, 7);
    match &args[1..] {
        [] => {}
        [flag, fraction, db] if flag == "--progress" => {
            let Some(fraction) = fraction
                .parse::<f64>()
                .ok()
                .filter(|f| (0.0..=1.0).contains(f))
            else {
                eprintln!("generate: FRACTION must be a number between 0 and 1");
                return ExitCode::from(2);
            };
            if let Err(e) = mark(&yaml, fraction, db) {
                eprintln!("generate: {e}");
                return ExitCode::FAILURE;
            }
        }
        _ => {
            eprintln!("usage: generate NODES [--progress FRACTION DB] > roadmap.yaml");
            return ExitCode::from(2);
        }
    }
    print!("{yaml}");
    ExitCode::SUCCESS
}

fn mark(yaml: &str, fraction: f64, db: &str) -> Result<(), Box<dyn std::error::Error>> {
    use skilltree::progress::{Change, Store};
    let origin = skilltree::roadmap::Origin::File("generated.yaml".into());
    let roadmap = skilltree::roadmap::parse("generated.yaml", origin, yaml.as_bytes())
        .map_err(|errors| format!("the generated roadmap does not parse: {errors:?}"))?;
    let (cat, errors) = skilltree::graph::Catalog::build(vec![roadmap]);
    if !errors.is_empty() {
        return Err(format!("the generated roadmap does not build: {errors:?}").into());
    }
    let changes: Vec<Change> = common::progress(&cat, fraction, 7)
        .into_iter()
        .map(|(key, to)| Change { key, to })
        .collect();
    let mut store = Store::open(std::path::Path::new(db))?;
    store.apply("me", "generate --progress", &changes)?;
    Ok(())
}
