//! The session's decisions, event by event, and what a worker started afresh makes of each op
//! that was in flight. The whole seed flows, recorded from the replicas, are replayed in
//! `core/tests/session_flows.rs`.

use super::*;
use crate::fixtures::{celigo_form, confirmation, text_block};
use crate::netsuite::account::NetSuiteAccount;
use crate::token::TokenPair;

const NS_TAB: TabId = 1;
const CG_TAB: TabId = 2;
const CONFIRM: &str = "https://1234567.app.netsuite.com/app/setup/accesstoken.nl?id=5";
const FORM: &str = "https://integrator.io/connections/edit/connections/c1";
const KEY: [u8; 32] = [7; 32];
const NOW: u64 = 1_000_000;

fn id() -> String {
    "a1".repeat(32)
}
fn secret() -> String {
    "b2".repeat(32)
}

fn session() -> Session {
    Session::restore(None, None, KEY, NOW)
}

/// What a worker started afresh makes of the stored session.
fn restarted(s: &Session, open: &[(TabId, &str)]) -> (Session, Vec<Command>) {
    let stored = s.stored();
    let mut back = Session::restore(Some(&stored.state), Some(&stored.vault), [9; 32], NOW);
    let open_tabs = open.iter().map(|(t, u)| (*t, (*u).to_owned())).collect();
    let commands = back.handle(Event::Started { open_tabs }, NOW);
    (back, commands)
}

fn page(tab: TabId, url: &str, snapshot: Snapshot) -> Event {
    Event::PageSnapshot {
        tab,
        url: url.into(),
        document: Some(format!("doc-{tab}")),
        snapshot,
    }
}

fn fresh(tab: TabId, url: &str, snapshot: Snapshot) -> Event {
    Event::Fresh {
        tab,
        url: url.into(),
        snapshot,
    }
}

/// The one plan sent, as (plan id, actions).
fn run_of(commands: &[Command]) -> (u32, Vec<Action>) {
    let runs: Vec<_> = commands
        .iter()
        .filter_map(|c| match c {
            Command::Run {
                plan_id, actions, ..
            } => Some((*plan_id, actions.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(runs.len(), 1, "{commands:?}");
    runs.into_iter().next().unwrap()
}

fn asks(commands: &[Command], tab: TabId) -> bool {
    commands.contains(&Command::AskSnapshot { tab })
}

fn done(value: &str) -> ActionResult {
    ActionResult::Done {
        value: Some(value.into()),
        matches: Some(true),
    }
}

/// Results that pass the checks of the plan the session is waiting on.
fn passing(s: &Session, tab: TabId, actions: &[Action]) -> Vec<ActionResult> {
    let mut results: Vec<ActionResult> = actions.iter().map(|_| done("")).collect();
    if let Some(plan) = s.work.get(&tab).and_then(|w| w.plan.as_ref()) {
        for ch in &plan.checks {
            results[ch.index] = done(match &ch.expect {
                crate::flow::Expect::Equals(v) => v,
                crate::flow::Expect::OneOf(v) => &v[0],
                _ => "17",
            });
        }
    }
    results
}

fn guide(s: &Session, tab: TabId) -> Guide {
    s.guide_of(tab).expect("the tab has a highlight")
}

fn with_token() -> Session {
    let mut s = session();
    let pair = TokenPair::parse(&id(), &secret()).unwrap();
    let account = NetSuiteAccount::parse_id("1234567").unwrap();
    s.vault.deposit(account, pair, "integrator-io", NOW);
    s.handle(
        page(
            NS_TAB,
            "https://1234567.app.netsuite.com/app/center/card.nl",
            Snapshot::default(),
        ),
        NOW,
    );
    s
}

fn form(texts: &[&str]) -> Snapshot {
    let mut snap = celigo_form("combobox", true, "Token Based Auth (Manual)");
    snap.texts = texts
        .iter()
        .enumerate()
        .map(|(i, t)| text_block(50 + i as u32, Some(t)))
        .collect();
    snap
}

#[test]
fn persist_comes_before_anything_leaves_the_worker() {
    let mut s = session();
    let c = s.handle(page(NS_TAB, CONFIRM, confirmation()), NOW);
    assert!(matches!(c.first(), Some(Command::Persist { .. })), "{c:?}");
    assert!(matches!(c.last(), Some(Command::Broadcast)), "{c:?}");
    assert!(matches!(s.op(NS_TAB), Some(Op::Capture { .. })));
    // Nothing changed: nothing written, nothing broadcast.
    let again = s.handle(page(NS_TAB, CONFIRM, confirmation()), NOW);
    assert!(again.is_empty(), "{again:?}");
}

#[test]
fn the_token_is_captured_once_even_if_the_worker_stops_before_the_answer() {
    let mut s = session();
    let (lost, _) = run_of(&s.handle(page(NS_TAB, CONFIRM, confirmation()), NOW));
    let (mut s, c) = restarted(&s, &[(NS_TAB, CONFIRM)]);
    assert!(asks(&c, NS_TAB), "a fresh look at the page: {c:?}");
    let (plan_id, actions) = run_of(&s.handle(fresh(NS_TAB, CONFIRM, confirmation()), NOW));
    assert!(plan_id > lost, "plan ids never repeat across restarts");
    assert_eq!(actions.len(), 2);
    // The old plan's answer, had it come, is not taken.
    s.handle(
        Event::Ran {
            tab: NS_TAB,
            plan_id: lost,
            results: vec![done(&id()), done(&secret())],
        },
        NOW,
    );
    assert_eq!(s.vault.len(), 0);
    let c = s.handle(
        Event::Ran {
            tab: NS_TAB,
            plan_id,
            results: vec![done(&id()), done(&secret())],
        },
        NOW,
    );
    assert_eq!(s.vault.len(), 1);
    assert_eq!(guide(&s, NS_TAB).title, "Token taken");
    assert!(!c.iter().any(|c| matches!(c, Command::Run { .. })));
    // Another restart, another look: the page still shows the token, it is not taken twice.
    let (mut s, _) = restarted(&s, &[(NS_TAB, CONFIRM)]);
    let c = s.handle(fresh(NS_TAB, CONFIRM, confirmation()), NOW);
    assert!(!c.iter().any(|c| matches!(c, Command::Run { .. })), "{c:?}");
    assert_eq!(s.vault.len(), 1);
}

/// Fill and test up to the test's answer; the commands of each step for the caller to check.
fn fill_until_test(s: &mut Session) -> u32 {
    s.handle(page(CG_TAB, FORM, form(&[])), NOW);
    assert_eq!(guide(s, CG_TAB).do_it.as_deref(), Some("Fill and test"));
    let c = s.handle(
        Event::PageDoIt {
            tab: CG_TAB,
            url: FORM.into(),
            document: Some("doc-2".into()),
            snapshot: form(&[]),
        },
        NOW,
    );
    assert!(
        c.iter()
            .any(|c| matches!(c, Command::Run { only_on: Some(u), .. } if u == FORM)),
        "the fill is sent only while the tab is on the form: {c:?}"
    );
    let (plan_id, fields) = run_of(&c);
    let results = passing(s, CG_TAB, &fields);
    let mut next = (plan_id, results);
    for secret in [id(), secret()] {
        let c = s.handle(
            Event::Ran {
                tab: CG_TAB,
                plan_id: next.0,
                results: next.1,
            },
            NOW,
        );
        let (plan_id, actions) = run_of(&c);
        let [Action::Fill { value, .. }] = actions.as_slice() else {
            panic!("one secret per message: {actions:?}")
        };
        assert_eq!(value.expose(), &secret);
        assert!(
            !format!("{c:?}").contains(&secret[..8]),
            "commands never show a secret"
        );
        next = (
            plan_id,
            vec![ActionResult::Done {
                value: None,
                matches: Some(true),
            }],
        );
    }
    let c = s.handle(
        Event::Ran {
            tab: CG_TAB,
            plan_id: next.0,
            results: next.1,
        },
        NOW,
    );
    let (plan_id, actions) = run_of(&c);
    assert!(matches!(
        actions.as_slice(),
        [Action::Click { .. }, Action::WaitText { .. }]
    ));
    assert!(matches!(s.op(CG_TAB), Some(Op::Test { .. })));
    plan_id
}

#[test]
fn fill_test_save_and_the_token_is_wiped() {
    let mut s = with_token();
    let test = fill_until_test(&mut s);
    s.handle(
        Event::Ran {
            tab: CG_TAB,
            plan_id: test,
            results: vec![done(""), done("Your connection is working great!")],
        },
        NOW,
    );
    assert!(s.panel_view(Some(CG_TAB), NOW).can_save);
    let c = s.handle(
        Event::Panel {
            request: FromPanel::SaveConnection,
            active: Some(CG_TAB),
        },
        NOW,
    );
    assert!(asks(&c, CG_TAB));
    let (save, actions) = run_of(&s.handle(fresh(CG_TAB, FORM, form(&[])), NOW));
    assert!(matches!(
        actions.as_slice(),
        [Action::Click { handle: 9 }, Action::WaitText { .. }]
    ));
    s.handle(
        Event::Ran {
            tab: CG_TAB,
            plan_id: save,
            results: vec![done(""), done("Connection saved")],
        },
        NOW,
    );
    assert_eq!(s.vault.len(), 0);
    assert!(guide(&s, CG_TAB).message.starts_with("Saved."));
}

#[test]
fn a_fill_interrupted_is_done_again_from_a_fresh_look() {
    for secrets_sent in 0..3 {
        let mut s = with_token();
        s.handle(page(CG_TAB, FORM, form(&[])), NOW);
        let (mut plan_id, fields) = run_of(&s.handle(
            Event::PageDoIt {
                tab: CG_TAB,
                url: FORM.into(),
                document: None,
                snapshot: form(&[]),
            },
            NOW,
        ));
        let mut results = passing(&s, CG_TAB, &fields);
        for _ in 0..secrets_sent {
            let c = s.handle(
                Event::Ran {
                    tab: CG_TAB,
                    plan_id,
                    results,
                },
                NOW,
            );
            plan_id = run_of(&c).0;
            results = vec![ActionResult::Done {
                value: None,
                matches: Some(true),
            }];
        }
        let (mut s, c) = restarted(&s, &[(CG_TAB, FORM)]);
        assert!(asks(&c, CG_TAB));
        let (_, again) = run_of(&s.handle(fresh(CG_TAB, FORM, form(&[])), NOW));
        assert_eq!(
            again, fields,
            "after {secrets_sent} secrets: the fill starts over"
        );
        assert!(matches!(
            s.op(CG_TAB),
            Some(Op::Fill {
                stage: FillStage::Fields,
                ..
            })
        ));
    }
}

#[test]
fn a_fill_interrupted_on_a_tab_that_left_the_form_says_so() {
    let mut s = with_token();
    s.handle(page(CG_TAB, FORM, form(&[])), NOW);
    s.handle(
        Event::PageDoIt {
            tab: CG_TAB,
            url: FORM.into(),
            document: None,
            snapshot: form(&[]),
        },
        NOW,
    );
    let elsewhere = "https://integrator.io/connections";
    let (mut s, _) = restarted(&s, &[(CG_TAB, elsewhere)]);
    let c = s.handle(fresh(CG_TAB, elsewhere, Snapshot::default()), NOW);
    assert!(!c.iter().any(|c| matches!(c, Command::Run { .. })));
    let g = guide(&s, CG_TAB);
    assert_eq!(g.tone, Tone::Error);
    assert!(
        g.message.contains("restarted") && g.message.contains("nothing was tested or saved"),
        "{}",
        g.message
    );
    assert_eq!(s.vault.len(), 1, "the token stays for another try");
}

#[test]
fn a_test_interrupted_is_read_back_from_the_page() {
    // The answer is on the page already.
    let mut s = with_token();
    fill_until_test(&mut s);
    let (mut s, _) = restarted(&s, &[(CG_TAB, FORM)]);
    let c = s.handle(
        fresh(
            CG_TAB,
            FORM,
            form(&["Your connection is working great! Nice Job!"]),
        ),
        NOW,
    );
    assert!(!c.iter().any(|c| matches!(c, Command::Run { .. })), "{c:?}");
    assert!(s.panel_view(Some(CG_TAB), NOW).can_save);
    assert_eq!(guide(&s, CG_TAB).tone, Tone::Success);

    // The test still runs: its answer is awaited, the button not pressed again.
    let mut s = with_token();
    fill_until_test(&mut s);
    let (mut s, _) = restarted(&s, &[(CG_TAB, FORM)]);
    let (plan_id, actions) = run_of(&s.handle(
        fresh(CG_TAB, FORM, form(&["Testing your connection..."])),
        NOW,
    ));
    assert!(
        matches!(actions.as_slice(), [Action::WaitText { .. }]),
        "{actions:?}"
    );
    s.handle(
        Event::Ran {
            tab: CG_TAB,
            plan_id,
            results: vec![done("Your connection is working great!")],
        },
        NOW,
    );
    assert!(s.panel_view(Some(CG_TAB), NOW).can_save);

    // The test never started (the worker stopped as it sent the click): the fill again.
    let mut s = with_token();
    fill_until_test(&mut s);
    let (mut s, _) = restarted(&s, &[(CG_TAB, FORM)]);
    run_of(&s.handle(fresh(CG_TAB, FORM, form(&[])), NOW));
    assert!(matches!(s.op(CG_TAB), Some(Op::Fill { .. })));
}

#[test]
fn a_save_interrupted_is_read_back_and_the_token_wiped() {
    let mut s = with_token();
    let test = fill_until_test(&mut s);
    s.handle(
        Event::Ran {
            tab: CG_TAB,
            plan_id: test,
            results: vec![done(""), done("Your connection is working great!")],
        },
        NOW,
    );
    s.handle(
        Event::Panel {
            request: FromPanel::SaveConnection,
            active: Some(CG_TAB),
        },
        NOW,
    );
    run_of(&s.handle(fresh(CG_TAB, FORM, form(&[])), NOW));
    // Stopped while Celigo saved; the saved message is awaited, Save is not pressed twice.
    let (mut s2, _) = restarted(&s, &[(CG_TAB, FORM)]);
    let (_, actions) = run_of(&s2.handle(fresh(CG_TAB, FORM, form(&[])), NOW));
    assert!(
        matches!(actions.as_slice(), [Action::WaitText { .. }]),
        "{actions:?}"
    );
    // Or the page says it already.
    let (mut s3, _) = restarted(&s, &[(CG_TAB, FORM)]);
    s3.handle(fresh(CG_TAB, FORM, form(&["Connection saved"])), NOW);
    assert_eq!(s3.vault.len(), 0);
}

#[test]
fn a_save_confirmed_but_not_yet_pressed_is_pressed_after_a_restart() {
    let mut s = with_token();
    let test = fill_until_test(&mut s);
    s.handle(
        Event::Ran {
            tab: CG_TAB,
            plan_id: test,
            results: vec![done(""), done("Your connection is working great!")],
        },
        NOW,
    );
    s.handle(
        Event::Panel {
            request: FromPanel::SaveConnection,
            active: Some(CG_TAB),
        },
        NOW,
    );
    let (mut s, c) = restarted(&s, &[(CG_TAB, FORM)]);
    assert!(asks(&c, CG_TAB));
    let (_, actions) = run_of(&s.handle(fresh(CG_TAB, FORM, form(&[])), NOW));
    assert!(matches!(
        actions.as_slice(),
        [Action::Click { handle: 9 }, Action::WaitText { .. }]
    ));
}

#[test]
fn tabs_closed_while_the_worker_was_stopped_are_forgotten() {
    let mut s = with_token();
    fill_until_test(&mut s);
    let (s, c) = restarted(&s, &[]);
    assert!(s.assistant().tabs.is_empty());
    assert!(s.op(CG_TAB).is_none());
    assert!(!c.iter().any(|c| matches!(c, Command::AskSnapshot { .. })));
    assert_eq!(s.vault.len(), 1, "the token waits for another form");
}

#[test]
fn a_start_with_nothing_in_flight_writes_nothing_and_tells_no_panel() {
    let s = with_token();
    let (_, c) = restarted(
        &s,
        &[(
            NS_TAB,
            "https://1234567.app.netsuite.com/app/center/card.nl",
        )],
    );
    assert!(asks(&c, NS_TAB), "the tab is looked at again: {c:?}");
    assert!(
        !c.iter()
            .any(|c| matches!(c, Command::Persist { .. } | Command::Broadcast)),
        "{c:?}"
    );
    // A first start ever stores its new vault key before anything uses it.
    let c = session().handle(Event::Started { open_tabs: vec![] }, NOW);
    assert!(matches!(c.first(), Some(Command::Persist { .. })), "{c:?}");
}

#[test]
fn an_open_flow_tab_never_seen_is_looked_at_on_start() {
    // The confirmation page loaded and its first snapshot died with the worker.
    let (mut s, c) = restarted(
        &session(),
        &[(NS_TAB, CONFIRM), (5, "https://example.com/")],
    );
    assert_eq!(
        c.iter()
            .filter(|c| matches!(c, Command::AskSnapshot { .. }))
            .count(),
        1,
        "{c:?}"
    );
    assert!(asks(&c, NS_TAB));
    run_of(&s.handle(fresh(NS_TAB, CONFIRM, confirmation()), NOW));
    // Its highlight is pushed to the tab: nobody asked for it in a message.
    assert!(matches!(s.op(NS_TAB), Some(Op::Capture { .. })));
}

#[test]
fn look_alike_hosts_are_not_part_of_the_flow() {
    let mut s = session();
    s.handle(Event::Alarm, NOW);
    let fake = "https://1234567.app.netsuite.com.evil.example/app/setup/accesstoken.nl";
    let c = s.handle(page(NS_TAB, fake, confirmation()), NOW);
    assert!(c.is_empty(), "{c:?}");
    assert!(s.guide_of(NS_TAB).is_none());
}

#[test]
fn a_failed_capture_says_to_copy_by_hand_and_offers_to_try_again() {
    let mut s = session();
    let (plan_id, _) = run_of(&s.handle(page(NS_TAB, CONFIRM, confirmation()), NOW));
    s.handle(
        Event::RunFailed {
            tab: NS_TAB,
            plan_id,
            failure: RunFailure::NoAnswer,
        },
        NOW,
    );
    let g = guide(&s, NS_TAB);
    assert!(g.message.contains("Copy both by hand NOW"), "{}", g.message);
    assert_eq!(g.do_it.as_deref(), Some("Try to take them again"));
    assert_eq!(s.vault.len(), 0);
}

#[test]
fn a_busy_tab_offers_no_second_do_it_and_a_panel_do_it_is_refused() {
    let mut s = with_token();
    s.handle(page(CG_TAB, FORM, form(&[])), NOW);
    s.handle(
        Event::PageDoIt {
            tab: CG_TAB,
            url: FORM.into(),
            document: None,
            snapshot: form(&[]),
        },
        NOW,
    );
    assert_eq!(guide(&s, CG_TAB).do_it, None);
    let c = s.handle(
        Event::PageDoIt {
            tab: CG_TAB,
            url: FORM.into(),
            document: None,
            snapshot: form(&[]),
        },
        NOW,
    );
    assert!(!c.iter().any(|c| matches!(c, Command::Run { .. })), "{c:?}");
    s.handle(
        Event::Panel {
            request: FromPanel::DoIt,
            active: Some(CG_TAB),
        },
        NOW,
    );
    assert!(s
        .panel_view(Some(CG_TAB), NOW)
        .notice
        .unwrap()
        .contains("still working"));
}
