//! The recorded seed flows (`core/tests/flows/*.json`, made by `tests/e2e/record-flows.mjs`,
//! see the README there) are what the core will be replayed against: this checks they are
//! usable and safe to keep in the repository.
//!
//! - every message the executor sent (`from: "page"`) is a [`FromPage`], answered with a guide
//!   or idle; every message the worker sent a tab is a [`ToPage`]; the answer to a `run` is a
//!   [`PlanResult`] with the plan's id, the answer to a `snapshot_please` a
//!   [`FromPage::Snapshot`];
//! - [`recognize`] names, in the order the flow visits them, the pages of the set-up: Enable
//!   Features, the role list, the role form, the employee form, the new access token form, the
//!   token confirmation and the Celigo connection form;
//! - no Token ID or Secret is in the files: the only runs of 64 or more hex characters are the
//!   two fixed fakes the recorder puts in their place.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tba_core::protocol::{FromPage, PlanResult, Snapshot, ToPage};
use tba_core::recognize::{recognize, PageKind};

/// The fakes the recorder writes for the Token ID and the Token Secret.
const FAKE_TOKEN_ID: &str = "1111111111111111111111111111111111111111111111111111111111111111";
const FAKE_TOKEN_SECRET: &str = "2222222222222222222222222222222222222222222222222222222222222222";

const FLOWS: &[&str] = &["integrator-io", "jira-smartconnector"];

/// The pages every seed flow goes through, in this order (others may come in between).
const PAGES: &[PageKind] = &[
    PageKind::NetsuiteEnableFeatures,
    PageKind::NetsuiteRoleList,
    PageKind::NetsuiteRoleForm,
    PageKind::NetsuiteEmployeeEdit,
    PageKind::NetsuiteAccessTokenNew,
    PageKind::NetsuiteTokenConfirmation,
    PageKind::CeligoConnectionEdit,
];

fn file(flow: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/flows/{flow}.json"))
}

fn events(flow: &str) -> Vec<Value> {
    let path = file(flow);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (record it: see tests/flows/README.md)",
            path.display()
        )
    });
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{flow}.json: {e}"))
}

fn from(e: &Value) -> &str {
    e["from"].as_str().unwrap_or_default()
}

/// Every snapshot of the recording with the URL the worker would judge it by: Chrome's URL of
/// the tab for what the page sent, the snapshot's own for an answer to `snapshot_please`.
fn snapshots(flow: &str, events: &[Value]) -> Vec<(String, Snapshot)> {
    let mut out = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let (url, message) = match from(e) {
            "page" => (
                e["url"].as_str().unwrap_or_default().to_owned(),
                &e["message"],
            ),
            "worker" if e["message"]["kind"] == "snapshot_please" => {
                let answer = &e["answer"];
                (
                    answer["snapshot"]["url"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                    answer,
                )
            }
            _ => continue,
        };
        let snap = match serde_json::from_value::<FromPage>(message.clone()) {
            Ok(FromPage::Snapshot { snapshot } | FromPage::DoIt { snapshot }) => snapshot,
            Err(err) => panic!("{flow}.json event {i}: not a FromPage: {err}"),
        };
        out.push((url, snap));
    }
    out
}

#[test]
fn every_message_parses() {
    for flow in FLOWS {
        let events = events(flow);
        let (mut page, mut runs, mut asks) = (0, 0, 0);
        for (i, e) in events.iter().enumerate() {
            let at = format!("{flow}.json event {i}");
            match from(e) {
                "page" => {
                    serde_json::from_value::<FromPage>(e["message"].clone())
                        .unwrap_or_else(|err| panic!("{at}: not a FromPage: {err}"));
                    // The worker's answer: a guide or idle.
                    let answer: ToPage = serde_json::from_value(e["answer"].clone())
                        .unwrap_or_else(|err| panic!("{at}: the answer is not a ToPage: {err}"));
                    assert!(
                        matches!(answer, ToPage::Guide { .. } | ToPage::Idle),
                        "{at}: answered {answer:?}"
                    );
                    page += 1;
                }
                "worker" => {
                    let message: ToPage = serde_json::from_value(e["message"].clone())
                        .unwrap_or_else(|err| panic!("{at}: not a ToPage: {err}"));
                    let answer = &e["answer"];
                    match message {
                        ToPage::Run { plan_id, .. } => {
                            let result: PlanResult = serde_json::from_value(answer.clone())
                                .unwrap_or_else(|err| {
                                    panic!("{at}: the run's answer is not a PlanResult: {err}")
                                });
                            assert_eq!(result.plan_id, plan_id, "{at}: the answer of another plan");
                            runs += 1;
                        }
                        ToPage::SnapshotPlease => {
                            let answer: FromPage = serde_json::from_value(answer.clone())
                                .unwrap_or_else(|err| panic!("{at}: not a FromPage: {err}"));
                            assert!(
                                matches!(answer, FromPage::Snapshot { .. }),
                                "{at}: {answer:?}"
                            );
                            asks += 1;
                        }
                        ToPage::Guide { .. } | ToPage::Idle | ToPage::Ping => {}
                    }
                }
                "test" => assert!(e["step"].is_string(), "{at}: a marker without a step"),
                "panel" => assert!(
                    e["message"]["kind"].is_string(),
                    "{at}: a panel message without a kind"
                ),
                other => panic!("{at}: unknown source {other:?}"),
            }
        }
        assert!(
            page > 0 && runs > 0 && asks > 0,
            "{flow}: {page} page messages, {runs} plans, {asks} snapshot requests"
        );
    }
}

#[test]
fn the_pages_of_the_setup_are_recognized_in_order() {
    for flow in FLOWS {
        let events = events(flow);
        let mut wanted = PAGES.iter().peekable();
        let mut seen = Vec::new();
        for (url, snap) in snapshots(flow, &events) {
            let Some(kind) = recognize(&url, &snap).page else {
                continue;
            };
            if seen.last() != Some(&kind) {
                seen.push(kind);
            }
            if wanted.peek() == Some(&&kind) {
                wanted.next();
            }
        }
        let missing: Vec<_> = wanted.collect();
        assert!(
            missing.is_empty(),
            "{flow}: not recognized (in this order): {missing:?}; recognized: {seen:?}"
        );
    }
}

/// Runs of hex digits at least `min` long (bounded by non-hex characters).
fn hex_runs(text: &str, min: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_ascii_hexdigit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if i - s >= min {
                    out.push(&text[s..i]);
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[test]
fn no_token_is_in_the_files() {
    assert_eq!(hex_runs("x\"abc\"", 3), ["abc"], "the scanner finds runs");
    assert_eq!(
        hex_runs(&format!("\"{}g\"", "a".repeat(63)), 64),
        Vec::<&str>::new()
    );
    for flow in FLOWS {
        let text = std::fs::read_to_string(file(flow)).unwrap();
        for run in hex_runs(&text, 64) {
            assert!(
                run == FAKE_TOKEN_ID || run == FAKE_TOKEN_SECRET,
                "{flow}.json holds a {}-character hex run that is not one of the fakes",
                run.len()
            );
        }
        // The fakes are where the token went: captured on NetSuite, filled into Celigo.
        assert!(
            text.contains(FAKE_TOKEN_ID) && text.contains(FAKE_TOKEN_SECRET),
            "{flow}: the token's fakes are missing"
        );
    }
}
