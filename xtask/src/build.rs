//! `cargo xtask build`: the Chrome extension, from sources to `dist/`.

use crate::{icons, root, run, setup, zip, Result};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const CRATE: &str = "tba_assist";
const TARGET: &str = "wasm32-unknown-unknown";

/// The WebAssembly features rustc enables by default for wasm32; wasm-opt must accept exactly these.
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
];

pub fn dist() -> PathBuf {
    root().join("dist")
}

fn wasm_opt() -> PathBuf {
    root().join("node_modules/binaryen/bin/wasm-opt")
}

pub fn build() -> Result {
    let started = Instant::now();
    setup::wasm_target()?;
    setup::npm_packages()?;

    run(Command::new("cargo").args([
        "build",
        "--release",
        "--quiet",
        "--target",
        TARGET,
        "-p",
        "tba-assist",
        "--lib",
    ]))?;
    let wasm = root().join(format!("target/{TARGET}/release/{CRATE}.wasm"));

    let out = dist().join("chrome");
    if out.exists() {
        fs::remove_dir_all(&out).map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
    }
    let pkg = out.join("pkg");
    fs::create_dir_all(&pkg).map_err(|e| e.to_string())?;

    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)
        .map_err(|e| e.to_string())?
        .omit_default_module_path(false)
        .typescript(false)
        .generate(&pkg)
        .map_err(|e| format!("wasm-bindgen: {e}"))?;

    let bg = pkg.join(format!("{CRATE}_bg.wasm"));
    let mut opt = Command::new(wasm_opt());
    opt.arg("-Oz")
        .args(WASM_FEATURES)
        .arg(&bg)
        .arg("-o")
        .arg(&bg);
    run(&mut opt)?;

    let manifest = root().join("manifest.json");
    copy(&manifest, &out.join("manifest.json"))?;
    // Every file of extension/ ships as it is: a new one cannot be forgotten here.
    let mut own: Vec<_> = fs::read_dir(root().join("extension"))
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    own.sort();
    for f in own {
        copy(&f, &out.join(f.file_name().expect("a file has a name")))?;
    }
    icons::write_all(&out.join("icons"))?;

    let archive = dist().join("tba-assist-chrome.zip");
    zip::deterministic(&out, &archive)?;
    eprintln!(
        "built {} and {} in {:.1} s",
        out.display(),
        archive.display(),
        started.elapsed().as_secs_f64()
    );
    report_sizes()
}

fn copy(from: &Path, to: &Path) -> Result {
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).expect("writing to memory");
    enc.finish().expect("writing to memory").len()
}

pub fn report_sizes() -> Result {
    let out = dist().join("chrome");
    let read = |p: &str| {
        fs::read(out.join(p)).map_err(|e| format!("{p}: {e} (run `cargo xtask build` first)"))
    };
    for part in [
        format!("pkg/{CRATE}_bg.wasm"),
        format!("pkg/{CRATE}.js"),
        "executor.js".into(),
        "background.js".into(),
    ] {
        let bytes = read(&part)?;
        eprintln!(
            "  {part:<28} {:>8} bytes  {:>7} gzip",
            bytes.len(),
            gzip_len(&bytes)
        );
    }
    Ok(())
}
