//! `cargo xtask <command>`: the project's automation, in Rust so it needs nothing but cargo.
//!
//! - `build`: Wasm (release) → bindings (wasm-bindgen, same version as the crate) → wasm-opt →
//!   `dist/chrome/` and `dist/tba-assist-chrome.zip`, byte for byte the same from the same sources.
//! - `test`: build, then format and lint checks, the native tests and the browser tests.
//! - `size`: the numbers worth watching (Wasm raw and gzip, executor).
//!
//! Each command installs what it needs when it can (the wasm32 target, npm packages, Debian's
//! Chromium when run as root) and otherwise stops saying how to get it.

mod bench;
mod build;
mod fuzz;
mod icons;
mod setup;
mod zip;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

type Result<T = ()> = std::result::Result<T, String>;

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// Runs a command in the workspace root, echoing it, and fails with its name if it fails.
pub fn run(cmd: &mut Command) -> Result {
    let shown = format!("{cmd:?}").replace('"', "");
    eprintln!("$ {shown}");
    let status = cmd
        .current_dir(root())
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

fn usage() -> String {
    format!("usage: cargo xtask <demo | build | test | bench | size | fuzz>\n  demo   build, start the replica sites and Chromium with the extension (no display: play both flows, screenshots in dist/demo)\n  build  build the extension into dist/chrome and dist/tba-assist-chrome.zip\n  bench  user actions per flow (by hand vs with tba-assist) and the core's speed\n  test   build, lint, then run the native and the browser tests\n  size   print the sizes of the built extension's parts\n{}", fuzz::usage())
}

fn test(args: &[String]) -> Result {
    let started = Instant::now();
    build::build()?;
    setup::npm_packages()?;
    setup::chromium()?;
    run(Command::new("cargo").args(["fmt", "--all", "--", "--check"]))?;
    run(Command::new("cargo").args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--quiet",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(Command::new("cargo").args(["test", "--workspace", "--quiet"]))?;
    let mut node = Command::new("node");
    node.args(["--test", "--test-concurrency=1", "--test-reporter=spec"]);
    if args.is_empty() {
        node.arg("tests/e2e/");
    } else {
        node.args(args);
    }
    run(&mut node)?;
    eprintln!(
        "xtask test: all passed in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn demo(args: &[String]) -> Result {
    build::build()?;
    setup::chromium()?;
    run(Command::new("node").arg("tests/e2e/demo.mjs").args(args))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => build::build(),
        Some("demo") => demo(&args[1..]),
        Some("bench") => bench::bench(),
        Some("test") => test(&args[1..]),
        Some("size") => build::report_sizes(),
        Some("fuzz") => fuzz::fuzz(&args[1..]),
        _ => Err(usage()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
