//! `tba-core` must stay free of the browser bindings: every rule in it is tested natively, and
//! the executor-independent logic must not grow a dependency on `web-sys`, `js-sys` or
//! `wasm-bindgen` (those belong to the root crate only).
//!
//! The check reads the real dependency graph with `cargo tree`, offline (it needs only the
//! lockfile and the sources a build of this crate already fetched), for the host and for
//! `wasm32-unknown-unknown`, the two platforms `tba-core` is compiled for, so a dependency
//! hidden behind `[target.'cfg(target_arch = "wasm32")'.dependencies]` is caught too.

use std::path::Path;
use std::process::Command;

const FORBIDDEN: [&str; 3] = ["web-sys", "js-sys", "wasm-bindgen"];

/// The lines of `cargo tree --prefix none` output that name a forbidden package. A line is
/// `name vX.Y.Z [(extra)]`, so the package name is the first word; `wasm-bindgen-futures` and
/// friends are caught as well, since they exist only to sit on top of `wasm-bindgen`.
fn offenders(tree: &str) -> Vec<&str> {
    tree.lines()
        .filter(|line| {
            let name = line.split_whitespace().next().unwrap_or("");
            FORBIDDEN
                .iter()
                .any(|f| name == *f || name.starts_with(&format!("{f}-")))
        })
        .collect()
}

fn cargo_tree(target: Option<&str>) -> String {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("core/ lives in the workspace");
    let mut cmd = Command::new(env!("CARGO"));
    cmd.current_dir(workspace).args([
        "tree",
        "-p",
        "tba-core",
        "-e",
        "normal,build",
        "--prefix",
        "none",
        "--offline",
    ]);
    if let Some(t) = target {
        cmd.args(["--target", t]);
    }
    let out = cmd.output().expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("cargo tree prints UTF-8")
}

#[test]
fn tba_core_depends_on_no_browser_bindings() {
    for target in [None, Some("wasm32-unknown-unknown")] {
        let tree = cargo_tree(target);
        let shown = target.unwrap_or("host");
        assert!(
            !tree.trim().is_empty(),
            "cargo tree ({shown}) printed nothing"
        );
        assert!(
            tree.lines().any(|l| l.starts_with("tba-core ")),
            "cargo tree ({shown}) does not list tba-core itself:\n{tree}"
        );
        // A few dependencies the crate certainly has: the tree is the real one.
        for dep in ["serde ", "url ", "toml "] {
            assert!(
                tree.lines().any(|l| l.starts_with(dep)),
                "cargo tree ({shown}) lacks {dep}"
            );
        }
        let bad = offenders(&tree);
        assert!(
            bad.is_empty(),
            "tba-core ({shown}) depends on browser bindings: {bad:?}; keep them in the root crate"
        );
    }
}

/// The check can fail: a tree such as the root crate's is refused.
#[test]
fn offenders_are_found() {
    let tree = "tba-assist v0.1.0 (/w)\njs-sys v0.3.107\nserde v1.0.0\nweb-sys v0.3.107 (*)\n\
                wasm-bindgen v0.2.130\nwasm-bindgen-futures v0.4.80\nnot-web-sys v1.0.0\n";
    assert_eq!(
        offenders(tree),
        [
            "js-sys v0.3.107",
            "web-sys v0.3.107 (*)",
            "wasm-bindgen v0.2.130",
            "wasm-bindgen-futures v0.4.80"
        ]
    );
}
