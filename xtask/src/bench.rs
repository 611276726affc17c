//! `cargo xtask bench`: what tba-assist saves a person, and how fast its core is.
//!
//! 1. User actions: the browser tests play each seed flow by hand and with tba-assist, counting
//!    clicks, keystrokes and copy/pastes (tests/e2e/person.mjs), and write them to dist/bench.
//!    This runs them and prints the comparison.
//! 2. Speed: the core's page recognition and planning on a large page, timed natively in
//!    release mode (core/examples/bench.rs). Never asserted in a test: measured here.

use crate::{build, root, run, setup, Result};
use std::fs;
use std::process::Command;

const FLOWS: &[&str] = &["integrator-io", "jira-smartconnector"];

fn counts(file: &str) -> Option<serde_json::Value> {
    let text = fs::read_to_string(root().join("dist/bench").join(file)).ok()?;
    serde_json::from_str(&text).ok()
}

pub fn bench() -> Result {
    build::build()?;
    setup::chromium()?;
    let _ = fs::remove_dir_all(root().join("dist/bench"));
    run(Command::new("node").args([
        "--test",
        "--test-concurrency=1",
        "--test-reporter=dot",
        "--test-name-pattern=by hand|end to end with tba-assist",
        "tests/e2e/netsuite-replica.test.mjs",
        "tests/e2e/assist.test.mjs",
    ]))?;
    println!("\nUser actions per seed flow (enable TBA → Celigo connection tested and saved)");
    println!(
        "{:<22} {:<12} {:>7} {:>11} {:>12} {:>8}",
        "flow", "how", "clicks", "keystrokes", "copy/pastes", "total"
    );
    for flow in FLOWS {
        for (how, file) in [
            ("by hand", format!("manual-{flow}.json")),
            ("tba-assist", format!("assisted-{flow}.json")),
        ] {
            let c = counts(&file).ok_or_else(|| {
                format!("dist/bench/{file} is missing: its test did not run or failed")
            })?;
            let n = |k: &str| c[k].as_u64().unwrap_or(0);
            println!(
                "{flow:<22} {how:<12} {:>7} {:>11} {:>12} {:>8}",
                n("clicks"),
                n("keystrokes"),
                n("copyPastes"),
                n("clicks") + n("keystrokes") + n("copyPastes")
            );
        }
    }
    println!();
    run(Command::new("cargo").args([
        "run",
        "--quiet",
        "--release",
        "-p",
        "tba-core",
        "--example",
        "bench",
    ]))
}
