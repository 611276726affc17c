//! A small, dependency-free mutation fuzzer for the parts of `tba-core` that read untrusted
//! text: page URLs, playbook files and the executor's snapshots.
//!
//! Run it with `cargo xtask fuzz [--seconds N]` (every target, 20 s each), or directly:
//!
//! ```text
//! cargo run --profile fuzz -p tba-core --example fuzz -- <target> [seconds] [--seed N]
//! cargo run --profile fuzz -p tba-core --example fuzz -- <target> --replay <file>
//! ```
//!
//! (`xtask fuzz` defines the `fuzz` profile: the workspace's release profile with
//! `panic = "unwind"`, which `catch_unwind` needs, and without the Wasm's size tuning.)
//!
//! Targets:
//!
//! - `host`: random strings and mutated URLs into [`origin::classify`]. No panic; anything
//!   accepted is `https`, has no user-info and no port, and its host is exactly `integrator.io`,
//!   `eu.integrator.io` or `<label>.app.netsuite.com` (one label of `[a-z0-9-]`); the site's
//!   canonical origin classifies to the same site; error messages never repeat the URL's path,
//!   query or fragment.
//! - `playbook`: mutated `playbooks/*.toml` into [`Playbook::parse`]. No panic; an accepted
//!   playbook obeys every rule of the format (and survives a TOML round trip); an error renders
//!   as `playbooks/<file>: <field>: <reason>`.
//! - `snapshot`: `<url>\n<snapshot JSON>` inputs, mutated as bytes and as JSON values, into
//!   `serde_json::from_str::<Snapshot>` and [`recognize`]. No panic; a snapshot survives a JSON
//!   round trip; recognition on a URL that is not allow-listed names no site and no page, and a
//!   named page belongs to the URL's site.
//!
//! The fuzzer keeps a corpus (the seeds plus every input that showed a new behaviour: a new
//! error kind, a new page, new facts), mutates its entries with a seeded xorshift generator
//! (bit flips, byte and token insertions, deletions, chunk duplication, splices, line swaps),
//! and catches panics: each distinct one is printed with its backtrace and its input is written
//! to `target/fuzz-crashes/<target>-<n>.txt`. The exit status is non-zero when anything
//! crashed. `FUZZ_SHOW=1` lists the behaviours seen, to judge what the fuzzer reaches.

use std::backtrace::Backtrace;
use std::collections::BTreeSet;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::Value;
use tba_core::netsuite::account::NetSuiteAccount;
use tba_core::origin::{self, OriginError, Site};
use tba_core::playbook::{Playbook, ValueSource, SCHEMA};
use tba_core::protocol::{Control, Snapshot, TextBlock};
use tba_core::recognize::{self, recognize, SiteLocators};

// ── Randomness ───────────────────────────────────────────────────────────────────────────────

/// xorshift64*: small, fast and reproducible from its seed.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Tokens worth inserting: URL, TOML and JSON syntax, and the pieces of our hosts.
#[rustfmt::skip]
const TOKENS: &[&str] = &[
    "[", "]", "[[", "]]", "{", "}", "\"", "'", "\"\"\"", "'''", "=", ",", ":", ";", "\u{0}", "\n",
    "\r\n", "\t", " ", "\\", "\\u0000", "\\\"", "xn--", "xn--nxa", "@", ":99", ":443", ":0", ".",
    "..", "/", "//", "\\\\", "?", "#", "%", "%00", "%2e", "%40", "-", "_", "*", "https://",
    "http://", "HTTPS://", "integrator.io", "eu.", "api.", ".app.netsuite.com", "app.netsuite.com",
    "1234567", "-sb1", "-SB12", "-rp", "tstdrv", "TSTDRV1234567", "\u{FF0E}", "\u{3002}",
    "\u{0456}", "\u{0131}", "\u{200B}", "\u{FFFD}", "\u{1F600}", "ſ", "K", "127.0.0.1", "[::1]",
    "0x7f", "null", "true", "false", "0", "-1", "1e999", "4294967296", "18446744073709551616",
    "1.5", "[]", "{}", "\"\":", "schema", "step", "pages", "field", "value", "fixed", "token_id",
    "netsuite_access_token_new", "celigo_connection_edit", "{clone_name}", "{role_to_clone}",
    "SeCrEt", "?token=SeCrEt", "#SeCrEt",
];

/// A mark inserted in URLs: error messages may show a URL's host, never the rest of it.
const MARK: &str = "SeCrEt";

const MAX_LEN: usize = 1 << 16;

fn chunk(rng: &mut Rng, len: usize) -> (usize, usize) {
    let start = rng.below(len + 1);
    let max = (len - start).min(if rng.one_in(4) { 256 } else { 16 });
    (start, start + rng.below(max + 1))
}

/// One to four stacked byte-level mutations of `input`.
fn mutate_bytes(rng: &mut Rng, input: &[u8], corpus: &[String]) -> Vec<u8> {
    let mut b = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = b.len();
        match rng.below(13) {
            0 if len > 0 => {
                let i = rng.below(len);
                b[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                b[i] = rng.next() as u8;
            }
            2 => {
                let i = rng.below(len + 1);
                b.insert(i, rng.next() as u8);
            }
            3 | 4 => {
                let (s, e) = chunk(rng, len);
                b.drain(s..e);
            }
            5..=7 => {
                let i = rng.below(len + 1);
                let t = rng.pick(TOKENS).as_bytes();
                b.splice(i..i, t.iter().copied());
            }
            8 => {
                // Replace a chunk with a token.
                let (s, e) = chunk(rng, len);
                b.splice(s..e, rng.pick(TOKENS).bytes());
            }
            9 => {
                // Duplicate a chunk, sometimes many times (deep nesting, long labels).
                let (s, e) = chunk(rng, len);
                let piece = b[s..e].to_vec();
                let times = if rng.one_in(8) { 1 + rng.below(200) } else { 1 };
                let at = rng.below(len + 1);
                let repeated: Vec<u8> = piece
                    .iter()
                    .copied()
                    .cycle()
                    .take(piece.len() * times)
                    .collect();
                b.splice(at..at, repeated);
            }
            10 => {
                // Splice: our prefix and another entry's suffix.
                let other = rng.pick(corpus).as_bytes();
                let cut = rng.below(len + 1);
                let from = rng.below(other.len() + 1);
                b.truncate(cut);
                b.extend_from_slice(&other[from..]);
            }
            11 => {
                // Lines: delete, duplicate or swap whole lines.
                let text = String::from_utf8_lossy(&b).into_owned();
                let mut lines: Vec<&str> = text.split('\n').collect();
                let n = lines.len();
                let (i, j) = (rng.below(n), rng.below(n));
                match rng.below(3) {
                    0 if n > 1 => {
                        lines.remove(i);
                    }
                    1 => lines.insert(j, lines[i]),
                    _ => lines.swap(i, j),
                }
                b = lines.join("\n").into_bytes();
            }
            _ if len > 0 => {
                // An ASCII digit or letter changed into a neighbour.
                let i = rng.below(len);
                b[i] = match b[i] {
                    b'0'..=b'8' | b'a'..=b'y' | b'A'..=b'Y' => b[i] + 1,
                    c => c.wrapping_sub(1),
                };
            }
            _ => {}
        }
    }
    b.truncate(MAX_LEN);
    b
}

fn mutate_text(rng: &mut Rng, input: &str, corpus: &[String]) -> String {
    String::from_utf8_lossy(&mutate_bytes(rng, input.as_bytes(), corpus)).into_owned()
}

// ── Targets ──────────────────────────────────────────────────────────────────────────────────

struct Target {
    name: &'static str,
    seeds: Vec<String>,
    /// Runs one input, panicking when an invariant does not hold, and names the behaviour seen
    /// (inputs with a new behaviour join the corpus).
    run: fn(&str) -> String,
    /// Makes a new input from a corpus entry.
    mutate: fn(&mut Rng, &str, &[String]) -> String,
    /// The inputs of random strings, for targets that want them.
    random: Option<fn(&mut Rng) -> String>,
}

fn strip_digits(s: &str) -> String {
    s.chars().filter(|c| !c.is_ascii_digit()).collect()
}

/// The variant name of a `Debug` rendering: `UnknownHost { host: ".." }` → `UnknownHost`.
fn variant(debug: &str) -> String {
    debug
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .next()
        .unwrap_or("")
        .to_owned()
}

// host ──────────────────────────────────────────────────────────────────────────────────────

const URL_SEEDS: &[&str] = &[
    "https://integrator.io/",
    "https://eu.integrator.io/home",
    "https://integrator.io/connections/edit/connections/abc?x=1#y",
    "HTTPS://INTEGRATOR.IO/",
    "https://integrator.io:443/",
    "https://@integrator.io/",
    "https://integrator.io\\@evil.test/",
    "https://ｉｎｔｅｇｒａｔｏｒ．ｉｏ/",
    "https://1234567.app.netsuite.com/app/center/card.nl",
    "https://1234567-sb1.app.netsuite.com/",
    "https://1234567-rp.app.netsuite.com/",
    "https://tstdrv1234567.app.netsuite.com/",
    "https://TSTDRV1234567-SB1.APP.NETSUITE.COM/",
    "https://1234567.app.netsuite.com:443/app/setup/accesstoken.nl?whence=",
    "https://integrator.io/?token=SeCrEt#SeCrEt",
    "https://1234567.app.netsuite.com/SeCrEt?q=SeCrEt",
    "http://integrator.io/",
    "blob:https://integrator.io/0f6e",
    "javascript:alert(1)",
    "https://integrator.io@evil.test/",
    "https://user:pass@integrator.io/",
    "https://integrator.io:8443/",
    "https://[::1]/",
    "https://0x7f.1/",
    "https://integrator.io./",
    "https://app.netsuite.com.evil.test/",
    "https://x.1234567.app.netsuite.com/",
    "https://api.integrator.io/",
    "https://xn--ntegrator-xyz.io/",
    "https://1234567-sb0.app.netsuite.com/",
    "https://12345678901234567890.app.netsuite.com/",
    "",
];

fn run_host(input: &str) -> String {
    let result = origin::classify(input);
    // The same input, the same answer.
    assert_eq!(
        result,
        origin::classify(input),
        "classify is not deterministic"
    );
    match result {
        Ok(site) => {
            check_accepted(input, &site);
            match &site {
                Site::NetSuite(a) => format!("ok netsuite {:?}", a.environment),
                Site::Celigo(r) => format!("ok celigo {r:?}"),
            }
        }
        Err(e) => {
            let message = e.to_string();
            assert!(!message.is_empty(), "empty error message for {e:?}");
            if message.contains(MARK) {
                let host = url::Url::parse(input)
                    .ok()
                    .and_then(|u| u.host_str().map(str::to_owned))
                    .unwrap_or_default();
                assert!(
                    host.contains(MARK),
                    "the error message repeats more of the URL than its host ({host:?}): {message}"
                );
            }
            match &e {
                OriginError::NotAnAccountHost { source, .. } => {
                    format!("err NotAnAccountHost {}", variant(&format!("{source:?}")))
                }
                OriginError::NotAUrl(p) => format!("err NotAUrl {p:?}"),
                other => format!("err {}", variant(&format!("{other:?}"))),
            }
        }
    }
}

fn check_accepted(input: &str, site: &Site) {
    let u = url::Url::parse(input).expect("an accepted URL parses");
    assert_eq!(u.scheme(), "https", "accepted a non-https URL");
    assert!(
        u.username().is_empty() && u.password().is_none(),
        "accepted user-info"
    );
    assert_eq!(u.port(), None, "accepted a port");
    let Some(url::Host::Domain(host)) = u.host() else {
        panic!("accepted a host that is not a domain: {:?}", u.host());
    };
    assert_eq!(host, site.host(), "the site's host is not the URL's");
    match site {
        Site::Celigo(_) => assert!(
            host == "integrator.io" || host == "eu.integrator.io",
            "accepted Celigo host {host:?}"
        ),
        Site::NetSuite(account) => {
            let label = host
                .strip_suffix(".app.netsuite.com")
                .unwrap_or_else(|| panic!("accepted NetSuite host {host:?}"));
            assert!(
                !label.is_empty()
                    && label
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "accepted NetSuite label {label:?}"
            );
            assert_eq!(account.host_label(), label);
            assert_eq!(
                NetSuiteAccount::from_host_label(label).as_ref(),
                Ok(account),
                "the label does not read back as the same account"
            );
        }
    }
    assert_eq!(
        origin::classify(&site.origin()).as_ref(),
        Ok(site),
        "the canonical origin is not the same site"
    );
}

fn random_url(rng: &mut Rng) -> String {
    let mut s = String::new();
    if !rng.one_in(4) {
        s.push_str(rng.pick::<&str>(&[
            "https://",
            "http://",
            "HTTPS://",
            "https:",
            "blob:https://",
            "",
        ]));
    }
    for _ in 0..rng.below(12) {
        match rng.below(4) {
            0 => s.push_str(rng.pick::<&str>(TOKENS)),
            1 => s.push(char::from(b'a' + rng.below(26) as u8)),
            2 => s.push(char::from(b'0' + rng.below(10) as u8)),
            _ => {
                if let Some(c) = char::from_u32(rng.below(0x3000) as u32) {
                    s.push(c)
                }
            }
        }
    }
    s
}

// playbook ──────────────────────────────────────────────────────────────────────────────────

const FILE: &str = "fuzzed.toml";

fn playbook_seeds() -> Vec<String> {
    let dir = workspace().join("playbooks");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no playbooks in {}", dir.display());
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect()
}

fn run_playbook(input: &str) -> String {
    match Playbook::parse(FILE, input) {
        Ok(pb) => {
            check_playbook(&pb);
            // What serializes parses back the same.
            let text = toml::to_string(&pb).expect("a playbook serializes as TOML");
            assert_eq!(
                Playbook::parse(FILE, &text).as_ref(),
                Ok(&pb),
                "TOML round trip changed the playbook:\n{text}"
            );
            format!(
                "ok fields={} steps={} links={}",
                pb.celigo.fields.len(),
                pb.steps.len(),
                pb.steps.iter().filter(|s| s.link.is_some()).count()
            )
        }
        Err(e) => {
            let shown = e.to_string();
            assert!(
                shown.starts_with(&format!("playbooks/{FILE}: {}: ", e.field)),
                "the error does not name the file and field: {shown}"
            );
            assert!(!e.field.is_empty() && !e.reason.is_empty(), "{e:?}");
            if let Some(n) = e.field.strip_prefix("line ") {
                let n: usize = n.parse().expect("a line number");
                assert!(
                    n >= 1 && n <= input.split('\n').count(),
                    "line {n} is outside the file"
                );
            }
            let reason = e.reason.split(['"', '`']).next().unwrap_or("");
            let reason: String = strip_digits(reason).chars().take(60).collect();
            format!("err {} {reason}", strip_digits(&e.field))
        }
    }
}

fn check_playbook(pb: &Playbook) {
    assert_eq!(pb.schema, SCHEMA);
    assert!(
        !pb.id.is_empty()
            && pb
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
        "accepted id {:?}",
        pb.id
    );
    let clone = &pb.netsuite.clone_name;
    assert!(
        !clone.is_empty() && clone.chars().all(|c| c.is_ascii_alphanumeric()),
        "accepted clone_name {clone:?}"
    );
    assert!(!pb.netsuite.application.is_empty());
    assert!(!pb.steps.is_empty());
    let targets = &recognize::celigo().targets;
    for f in &pb.celigo.fields {
        assert!(
            targets.contains_key(&f.target),
            "accepted target {:?}",
            f.target
        );
        assert_eq!(f.value == ValueSource::Fixed, !f.text.is_empty(), "{f:?}");
    }
    for needed in [
        ValueSource::TokenId,
        ValueSource::TokenSecret,
        ValueSource::AccountId,
    ] {
        assert!(
            pb.celigo.fields.iter().any(|f| f.value == needed),
            "{needed:?}"
        );
    }
    let mut pages = BTreeSet::new();
    for (i, s) in pb.steps.iter().enumerate() {
        for p in &s.pages {
            assert!(pages.insert(*p), "{p:?} in two steps");
            assert_eq!(pb.step_of(*p).map(|(j, _)| j), Some(i));
        }
        let filled = pb.fill(&s.todo);
        for key in ["role_to_clone", "clone_name", "application", "requires"] {
            let placeholder = format!("{{{key}}}");
            // A value may itself spell a placeholder, which then stays.
            let spelled = ["role_to_clone", "clone_name", "application", "requires"]
                .iter()
                .filter_map(|k| pb.value(k))
                .any(|v| v.contains(&placeholder));
            assert!(
                !filled.contains(&placeholder) || spelled,
                "{placeholder} left in {filled:?}"
            );
        }
    }
}

// snapshot ──────────────────────────────────────────────────────────────────────────────────

/// For every page the locators describe, a URL and a snapshot made of one element per target
/// the page requires or reads a fact from: most of them are recognised as that page.
fn snapshot_seeds() -> Vec<String> {
    let mut seeds = Vec::new();
    let sites: [(&SiteLocators, &str); 2] = [
        (
            recognize::netsuite(),
            "https://1234567-sb1.app.netsuite.com",
        ),
        (recognize::celigo(), "https://integrator.io"),
    ];
    for (locators, origin) in sites {
        for page in &locators.page {
            let path = page
                .path
                .first()
                .map(|p| p.replace('*', "6543abc"))
                .unwrap_or_else(|| "/app/login/secure/enterpriselogin.nl".into());
            let mut names: BTreeSet<&str> = page.require.iter().map(String::as_str).collect();
            names.extend(
                page.facts
                    .values()
                    .filter_map(|f| f.split_once(':').map(|(_, t)| t)),
            );
            let mut snap = Snapshot {
                url: format!("{origin}{path}"),
                title: format!("{:?}", page.kind),
                ..Default::default()
            };
            for name in names {
                add_element(&mut snap, &locators.targets[name]);
            }
            let json = serde_json::to_string_pretty(&snap).unwrap();
            seeds.push(format!("{origin}{path}?whence=\n{json}"));
            // The same page on look-alike hosts must be nothing.
            for evil in [
                "https://1234567.app.netsuite.com.evil.test",
                "https://integrator.io@evil.test",
                "http://integrator.io",
            ] {
                seeds.push(format!("{evil}{path}\n{json}"));
            }
        }
    }
    seeds.push("https://integrator.io/connections\n{}".into());
    seeds.push("https://1234567.app.netsuite.com/app/setup/accesstoken.nl\n{\"controls\":[{\"handle\":1}],\"texts\":[{\"handle\":1,\"text\":null,\"opaque\":{\"len\":64,\"hex\":true}}]}".into());
    seeds
}

fn add_element(snap: &mut Snapshot, t: &tba_core::locator::Target) {
    use tba_core::locator::Kind;
    let handle = (snap.controls.len() + snap.texts.len() + 1) as u32;
    let first = |v: &Vec<String>| v.first().cloned().unwrap_or_default();
    if t.kind == Some(Kind::TextBlock) {
        if let Some(label) = t.after_label.first() {
            snap.texts.push(TextBlock {
                handle: handle + 1000,
                tag: "td".into(),
                text: Some(label.clone()),
                visible: true,
                ..Default::default()
            });
        }
        snap.texts.push(TextBlock {
            handle,
            tag: "td".into(),
            id: first(&t.id),
            text: t.text.first().cloned(),
            opaque: t
                .text
                .is_empty()
                .then_some(tba_core::protocol::Opaque { len: 64, hex: true }),
            visible: true,
            ..Default::default()
        });
        return;
    }
    let (tag, kind) = match t.kind {
        Some(Kind::Checkbox) => ("input", "checkbox"),
        Some(Kind::Password) => ("input", "password"),
        Some(Kind::Select) => ("select", ""),
        Some(Kind::Button) => ("button", "submit"),
        Some(Kind::Link) => ("a", ""),
        _ => ("input", "text"),
    };
    snap.controls.push(Control {
        handle,
        tag: tag.into(),
        kind: kind.into(),
        id: first(&t.id),
        name: first(&t.name),
        data_test: first(&t.data_test),
        label: first(&t.label),
        text: first(&t.text),
        href: first(&t.href),
        row: first(&t.row),
        checked: (kind == "checkbox").then_some(true),
        visible: true,
        ..Default::default()
    });
}

fn run_snapshot(input: &str) -> String {
    let (url, json) = input.split_once('\n').unwrap_or((input, ""));
    let snap: Snapshot = match serde_json::from_str(json) {
        Ok(s) => s,
        Err(e) => {
            let message = e.to_string();
            let message = message.split(" at line").next().unwrap_or("");
            let message = message.split(['`', '"']).next().unwrap_or("");
            return format!("json {:?} {}", e.classify(), strip_digits(message));
        }
    };
    // What the worker may store or log reads back the same.
    let again: Snapshot = serde_json::from_str(&serde_json::to_string(&snap).unwrap()).unwrap();
    assert_eq!(again, snap, "JSON round trip changed the snapshot");

    let r = recognize(url, &snap);
    assert_eq!(r, recognize(url, &snap), "recognize is not deterministic");
    match origin::classify(url) {
        Err(e) => {
            assert_eq!(r.site, None, "a site on a URL that is not allow-listed");
            assert_eq!(
                r.page, None,
                "a page named on a URL that is not allow-listed"
            );
            assert!(
                r.facts.is_empty(),
                "facts on a URL that is not allow-listed: {r:?}"
            );
            assert_eq!(r.reasons, [e.to_string()], "the reason is not the origin's");
            return format!("no site: {}", variant(&format!("{e:?}")));
        }
        Ok(site) => {
            assert_eq!(r.site.as_ref(), Some(&site));
            if let Some(page) = r.page {
                let prefix = match site {
                    Site::NetSuite(_) => "\"netsuite_",
                    Site::Celigo(_) => "\"celigo_",
                };
                let name = serde_json::to_string(&page).unwrap();
                assert!(name.starts_with(prefix), "{name} named on {site}");
            } else {
                assert!(r.facts.is_empty(), "facts without a page: {r:?}");
                assert!(!r.reasons.is_empty(), "no page and no reason");
            }
        }
    }
    let facts: Vec<String> = r
        .facts
        .iter()
        .map(|(k, v)| match v.as_str() {
            "true" | "false" => format!("{k}={v}"),
            _ => k.clone(),
        })
        .collect();
    let reasons: Vec<String> = r
        .reasons
        .iter()
        .map(|m| {
            if m.starts_with("Looks like") {
                strip_digits(m)
            } else if m.ends_with("is not a page of the set-up.") {
                "not a page".into()
            } else {
                m.chars()
                    .filter(|c| !c.is_alphanumeric())
                    .take(30)
                    .collect()
            }
        })
        .collect();
    format!(
        "site={} page={:?} facts={facts:?} reasons={reasons:?}",
        r.site.is_some(),
        r.page
    )
}

/// Byte mutations of the URL line or the JSON, or mutations of the JSON's values.
fn mutate_snapshot(rng: &mut Rng, input: &str, corpus: &[String]) -> String {
    let (url, json) = input.split_once('\n').unwrap_or((input, ""));
    match rng.below(8) {
        0 => {
            let url = if rng.one_in(3) {
                rng.pick(URL_SEEDS).to_string()
            } else {
                mutate_text(rng, url, corpus).replace('\n', "")
            };
            format!("{url}\n{json}")
        }
        1 | 2 => mutate_text(rng, input, corpus),
        _ => match serde_json::from_str::<Value>(json) {
            Ok(mut v) => {
                for _ in 0..1 + rng.below(3) {
                    mutate_value(rng, &mut v, corpus);
                }
                let json = if rng.one_in(2) {
                    v.to_string()
                } else {
                    serde_json::to_string_pretty(&v).unwrap()
                };
                format!("{url}\n{json}")
            }
            Err(_) => mutate_text(rng, input, corpus),
        },
    }
}

/// The JSON pointers of every node of `v`.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                pointers(
                    x,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

fn mutate_value(rng: &mut Rng, v: &mut Value, corpus: &[String]) {
    let mut all = Vec::new();
    pointers(v, String::new(), &mut all);
    let at = rng.pick(&all).clone();
    // A node of another corpus entry, to graft.
    let graft = || -> Option<Value> {
        let mut r = Rng::new(at.len() as u64 ^ corpus.len() as u64);
        let other = r.pick(corpus);
        let other: Value = serde_json::from_str(other.split_once('\n')?.1).ok()?;
        let mut ptrs = Vec::new();
        pointers(&other, String::new(), &mut ptrs);
        other.pointer(r.pick::<String>(&ptrs)).cloned()
    };
    let grafted = if rng.one_in(6) { graft() } else { None };
    let Some(node) = v.pointer_mut(&at) else {
        return;
    };
    if let Some(g) = grafted {
        match node {
            Value::Array(a) => a.insert(rng.below(a.len() + 1), g),
            other => *other = g,
        }
        return;
    }
    match node {
        Value::String(s) => {
            *s = if rng.one_in(4) {
                rng.pick(TOKENS).to_string()
            } else {
                mutate_text(rng, s, corpus)
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let i = rng.below(a.len());
            match rng.below(3) {
                0 => {
                    a.remove(i);
                }
                1 => {
                    let x = a[i].clone();
                    a.insert(rng.below(a.len() + 1), x);
                }
                _ => {
                    let j = rng.below(a.len());
                    a.swap(i, j);
                }
            }
        }
        Value::Object(m) if !m.is_empty() && rng.one_in(3) => {
            let keys: Vec<String> = m.keys().cloned().collect();
            m.remove(rng.pick(&keys));
        }
        other => {
            *other = match rng.below(8) {
                0 => Value::Null,
                1 => Value::Bool(rng.one_in(2)),
                2 => Value::from(rng.below(8) as u64),
                3 => Value::from(rng.next()),
                4 => Value::from(-(rng.below(1000) as i64)),
                5 => Value::from(0.5),
                6 => Value::String(rng.pick(TOKENS).to_string()),
                _ => Value::Array(vec![]),
            }
        }
    }
}

// ── The loop ─────────────────────────────────────────────────────────────────────────────────

fn targets() -> Vec<Target> {
    vec![
        Target {
            name: "host",
            seeds: URL_SEEDS.iter().map(|s| s.to_string()).collect(),
            run: run_host,
            mutate: mutate_text,
            random: Some(random_url),
        },
        Target {
            name: "playbook",
            seeds: playbook_seeds(),
            run: run_playbook,
            mutate: mutate_text,
            random: None,
        },
        Target {
            name: "snapshot",
            seeds: snapshot_seeds(),
            run: run_snapshot,
            mutate: mutate_snapshot,
            random: None,
        },
    ]
}

/// The last panic's message, location and backtrace, recorded by the hook.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

fn install_panic_hook() {
    panic::set_hook(Box::new(|info| {
        let text = format!(
            "{info}\n{}",
            trim_backtrace(&Backtrace::force_capture().to_string())
        );
        *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(text);
    }));
}

/// The frames between the panic machinery and the fuzzer's `catch_unwind`: the code that
/// panicked and its callers.
fn trim_backtrace(bt: &str) -> String {
    let frame_name = |l: &str| {
        let t = l.trim_start();
        t.split_once(": ")
            .filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
            .map(|(_, name)| name.to_owned())
    };
    let lines: Vec<&str> = bt.lines().collect();
    let end = lines
        .iter()
        .position(|l| {
            frame_name(l).is_some_and(|n| n.contains("catch_unwind") || n.contains("run_one"))
        })
        .unwrap_or(lines.len());
    let start = lines[..end]
        .iter()
        .rposition(|l| {
            frame_name(l).is_some_and(|n| {
                n.contains("panicking") || n.contains("panic_fmt") || n.contains("begin_unwind")
            })
        })
        .map_or(0, |i| i + 1);
    // Past the panic frame's own `at` line.
    let start = (start..end)
        .find(|&i| frame_name(lines[i]).is_some())
        .unwrap_or(end);
    if start < end {
        lines[start..end].join("\n")
    } else {
        bt.to_owned()
    }
}

/// Runs one input; `Err` carries the panic's report.
fn run_one(t: &Target, input: &str) -> Result<String, String> {
    panic::catch_unwind(AssertUnwindSafe(|| (t.run)(input))).map_err(|_| {
        LAST_PANIC
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .unwrap_or_else(|| "(no panic report)".into())
    })
}

fn workspace() -> PathBuf {
    let core = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    core.parent().map_or(core.clone(), PathBuf::from)
}

fn crash_dir() -> PathBuf {
    workspace().join("target/fuzz-crashes")
}

struct Report {
    runs: u64,
    seconds: f64,
    crashes: u64,
    corpus: usize,
    seeds: usize,
    behaviours: usize,
}

fn fuzz(t: &Target, seconds: f64, seed: u64) -> Report {
    let mut rng = Rng::new(seed ^ t.name.len() as u64);
    let mut corpus: Vec<String> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut crash_sites: BTreeSet<String> = BTreeSet::new();
    let (mut runs, mut crashes) = (0u64, 0u64);
    let mut on_crash = |input: &str, report: String, crashes: &mut u64| {
        *crashes += 1;
        // One file per distinct panic site (its first line), the first few of each target.
        let site = report.lines().next().unwrap_or("").to_owned();
        if crash_sites.insert(site) && crash_sites.len() <= 20 {
            let dir = crash_dir();
            let _ = std::fs::create_dir_all(&dir);
            let file = dir.join(format!("{}-{}.txt", t.name, crash_sites.len()));
            let _ = std::fs::write(&file, input);
            let shown: String = format!("{input:?}").chars().take(2000).collect();
            eprintln!(
                "\n== CRASH in {} (input written to {}):\ninput: {shown}\n{report}",
                t.name,
                file.display()
            );
        }
    };
    let started = Instant::now();
    for s in &t.seeds {
        runs += 1;
        match run_one(t, s) {
            Ok(b) => {
                seen.insert(b);
            }
            Err(report) => on_crash(s, report, &mut crashes),
        }
        corpus.push(s.clone());
    }
    let limit = Duration::from_secs_f64(seconds);
    while started.elapsed() < limit {
        let input = match t.random {
            Some(random) if rng.one_in(8) => random(&mut rng),
            _ => {
                let parent = corpus[rng.below(corpus.len())].clone();
                (t.mutate)(&mut rng, &parent, &corpus)
            }
        };
        runs += 1;
        match run_one(t, &input) {
            Ok(behaviour) => {
                if seen.insert(behaviour) {
                    if corpus.len() < 4096 {
                        corpus.push(input);
                    } else {
                        let i = t.seeds.len() + rng.below(corpus.len() - t.seeds.len());
                        corpus[i] = input;
                    }
                }
            }
            Err(report) => on_crash(&input, report, &mut crashes),
        }
    }
    if std::env::var_os("FUZZ_SHOW").is_some() {
        for b in seen.iter().take(400) {
            eprintln!("behaviour: {b}");
        }
    }
    Report {
        runs,
        seconds: started.elapsed().as_secs_f64(),
        crashes,
        corpus: corpus.len(),
        seeds: t.seeds.len(),
        behaviours: seen.len(),
    }
}

fn usage() -> String {
    "usage: fuzz <host | playbook | snapshot | all> [seconds (default 20)] [--seed N]\n       \
     fuzz <target> --replay <file>"
        .into()
}

fn main() -> ExitCode {
    if cfg!(panic = "abort") {
        eprintln!(
            "fuzz: built with panic = \"abort\", so panics cannot be caught and reported; run it \
             with `cargo xtask fuzz` (profile `fuzz`, panic = \"unwind\")"
        );
        return ExitCode::from(2);
    }
    match real_main() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("fuzz: {e}");
            ExitCode::from(2)
        }
    }
}

fn real_main() -> Result<bool, String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let which = args.first().ok_or_else(usage)?.as_str();
    let all = targets();
    let chosen: Vec<&Target> = match which {
        "all" => all.iter().collect(),
        name => vec![all
            .iter()
            .find(|t| t.name == name)
            .ok_or_else(|| format!("unknown target {name:?}\n{}", usage()))?],
    };
    let mut seconds = 20.0;
    let mut seed = 0x0007_BAA5_5157_u64;
    let mut rest = args[1..].iter();
    while let Some(a) = rest.next() {
        match a.as_str() {
            "--seed" => {
                seed = rest
                    .next()
                    .and_then(|s| s.parse().ok())
                    .ok_or("--seed needs a number")?
            }
            "--replay" => {
                let file = rest.next().ok_or("--replay needs a file")?;
                let input = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
                let input = String::from_utf8_lossy(&input);
                install_panic_hook();
                let mut ok = true;
                for t in &chosen {
                    match run_one(t, &input) {
                        Ok(b) => println!("{}: no crash ({b})", t.name),
                        Err(report) => {
                            ok = false;
                            println!("{}: CRASH\n{report}", t.name)
                        }
                    }
                }
                return Ok(ok);
            }
            n => {
                seconds = n
                    .parse::<f64>()
                    .ok()
                    .filter(|s| s.is_finite() && *s >= 0.0)
                    .ok_or_else(|| format!("not a number of seconds: {n:?}\n{}", usage()))?
            }
        }
    }
    install_panic_hook();
    let mut ok = true;
    for t in chosen {
        let r = fuzz(t, seconds, seed);
        println!(
            "fuzz {}: runs {}, seconds {:.1}, runs/s {:.0}, crashes {} (seeds {}, corpus {}, \
             behaviours {})",
            t.name,
            r.runs,
            r.seconds,
            r.runs as f64 / r.seconds.max(1e-9),
            r.crashes,
            r.seeds,
            r.corpus,
            r.behaviours
        );
        ok &= r.crashes == 0;
    }
    Ok(ok)
}
