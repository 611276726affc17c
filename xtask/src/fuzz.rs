//! `cargo xtask fuzz [--seconds N] [target …]`: runs the mutation fuzzer of
//! `core/examples/fuzz.rs` on each target (`host`, `playbook`, `snapshot`) for a bounded time,
//! 20 s each by default. Not part of `cargo xtask test`. `cargo xtask fuzz <target> --replay
//! <file>` runs one saved input (such as a crash from `target/fuzz-crashes/`) again.
//!
//! The example is built with the `fuzz` profile, defined here on the command line: the
//! workspace's release profile (optimised), but with `panic = "unwind"` (the release profile
//! aborts on panic, and the fuzzer must catch panics to report them with their input), without
//! the Wasm's size tuning (LTO, one codegen unit, `opt-level = "z"`) that would only slow the
//! build, and with line tables for readable backtraces. Its own profile keeps its artefacts in
//! `target/fuzz/`, away from the release build's.

use std::process::Command;

use crate::{run, Result};

const TARGETS: [&str; 3] = ["host", "playbook", "snapshot"];
const DEFAULT_SECONDS: u32 = 20;

const PROFILE: [&str; 6] = [
    "profile.fuzz.inherits=\"release\"",
    "profile.fuzz.panic=\"unwind\"",
    "profile.fuzz.lto=false",
    "profile.fuzz.codegen-units=16",
    "profile.fuzz.opt-level=3",
    "profile.fuzz.debug=\"line-tables-only\"",
];

pub fn usage() -> &'static str {
    "  fuzz   fuzz the core's parsers: [--seconds N (default 20)] [host|playbook|snapshot …]\n         \
     or replay one input: <target> --replay <file>"
}

pub fn fuzz(args: &[String]) -> Result {
    let mut seconds = DEFAULT_SECONDS;
    let mut chosen: Vec<String> = Vec::new();
    let mut replay = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--replay" {
            replay = Some(it.next().ok_or("--replay needs a file")?.clone());
            continue;
        }
        let value = match a.as_str() {
            "--seconds" => Some(it.next().cloned().unwrap_or_default()),
            s => s.strip_prefix("--seconds=").map(str::to_owned),
        };
        match value {
            Some(v) => {
                seconds = v
                    .parse()
                    .map_err(|_| format!("--seconds needs a whole number, not {v:?}"))?
            }
            None if TARGETS.contains(&a.as_str()) => chosen.push(a.clone()),
            None => {
                return Err(format!(
                    "fuzz: unknown argument {a:?}\n{}",
                    usage().trim_start()
                ))
            }
        }
    }
    if chosen.is_empty() {
        chosen = TARGETS.iter().map(|t| t.to_string()).collect();
    }
    let mut failed = Vec::new();
    for target in &chosen {
        let mut cmd = Command::new("cargo");
        cmd.args(["run", "--quiet", "--profile", "fuzz"]);
        for setting in PROFILE {
            cmd.args(["--config", setting]);
        }
        cmd.args(["-p", "tba-core", "--example", "fuzz", "--", target]);
        match &replay {
            // Relative to where xtask was started, not to the workspace root `run` uses.
            Some(file) => cmd.arg("--replay").arg(
                std::env::current_dir()
                    .map(|d| d.join(file))
                    .unwrap_or_else(|_| file.into()),
            ),
            None => cmd.arg(seconds.to_string()),
        };
        // Every target runs even when one crashes; the crashes are in target/fuzz-crashes/.
        if let Err(e) = run(&mut cmd) {
            eprintln!("xtask fuzz: {e}");
            failed.push(target.as_str());
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "fuzz: {} failed; crashing inputs are in target/fuzz-crashes/ (replay one with \
             `cargo xtask fuzz <target> --replay <file>`)",
            failed.join(", ")
        ))
    }
}
