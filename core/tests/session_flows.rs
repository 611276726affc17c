//! Both seed flows, replayed through the session from what the real extension saw on the
//! replicas (`tests/flows/*.json`, see the README there), event by event.
//!
//! - Exact: every page message is fed at the time it arrived; every plan and look the session
//!   asks for must be the one the recording shows the worker sending (same tab, same actions),
//!   and is answered with the recorded answer when it came; every page's answer must be the guide
//!   recorded. The flow ends saved, its token taken once and wiped.
//! - With a restart after every step of the replay: the session is stored, dropped and restored
//!   as a worker started afresh would do, and told so. The answers in flight are lost, as they
//!   are in Chrome. Looks and plans are then answered from the recording (the next matching one,
//!   or the page as last seen, or what the page answered to the same actions). Each time the
//!   flow still ends saved, with one capture, and nothing in memory.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use tba_core::assistant::TabId;
use tba_core::playbook::StepId;
use tba_core::protocol::{Action, ActionResult, FromPage, FromPanel, PlanResult, Snapshot, ToPage};
use tba_core::session::{Command, Event, RunFailure, Session};

const KEY: [u8; 32] = [3; 32];
/// The recording's clock starts at 0; the session's is epoch milliseconds.
const EPOCH: u64 = 1_800_000_000_000;

fn recording(flow: &str) -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/flows/{flow}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// When something happened: a message arrived or was sent (`In`), its answer came (`Out`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Phase {
    In,
    Out,
}

fn timeline(events: &[Value]) -> Vec<(u64, Phase, usize)> {
    let mut t: Vec<(u64, Phase, usize)> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        if !matches!(e["from"].as_str(), Some("page" | "worker" | "panel")) {
            continue;
        }
        t.push((e["t"].as_u64().unwrap(), Phase::In, i));
        if let Some(out) = e["t_answer"].as_u64() {
            t.push((out, Phase::Out, i));
        }
    }
    t.sort();
    t
}

/// A session command waiting for its answer, and the recorded message it was matched to.
#[derive(Debug)]
struct Pending {
    command: Command,
    recorded: Option<usize>,
}

struct Replay<'r> {
    events: &'r [Value],
    session: Session,
    /// Commands sent, not answered yet.
    pending: Vec<Pending>,
    /// Recorded worker messages already matched to a session command.
    taken: BTreeSet<usize>,
    /// Each tab's last URL and snapshot, as the worker last heard.
    seen: BTreeMap<TabId, (String, Snapshot)>,
    exact: bool,
    now: u64,
    /// Every distinct capture time the vault showed: one capture means one.
    captures: BTreeSet<u64>,
    /// Page messages answered only after the chain they started.
    deferred: BTreeSet<usize>,
}

fn kind(e: &Value) -> &str {
    e["message"]["kind"].as_str().unwrap_or_default()
}

fn tab_of(e: &Value) -> TabId {
    e["tab"].as_i64().unwrap()
}

impl<'r> Replay<'r> {
    fn new(events: &'r [Value], exact: bool) -> Self {
        Replay {
            events,
            session: Session::restore(None, None, KEY, EPOCH),
            pending: Vec::new(),
            taken: BTreeSet::new(),
            seen: BTreeMap::new(),
            exact,
            now: EPOCH,
            captures: BTreeSet::new(),
            deferred: BTreeSet::new(),
        }
    }

    fn feed(&mut self, event: Event) {
        let commands = self.session.handle(event, self.now);
        for s in self.session.vault().summaries(self.now) {
            self.captures.insert(s.captured_at_ms);
        }
        for command in commands {
            if matches!(command, Command::Run { .. } | Command::AskSnapshot { .. }) {
                self.sent(command);
            }
        }
    }

    /// A command leaves: it is matched to the recorded message it is (exact), or to the next
    /// one like it before the person acts again on that tab, or answered at once.
    fn sent(&mut self, command: Command) {
        let (tab, want) = match &command {
            Command::Run { tab, actions, .. } => {
                (*tab, Some(serde_json::to_value(actions).unwrap()))
            }
            Command::AskSnapshot { tab } => (*tab, None),
            _ => unreachable!(),
        };
        let recorded = self.events.iter().enumerate().find(|(i, e)| {
            !self.taken.contains(i)
                && e["from"] == "worker"
                && tab_of(e) == tab
                && e["t"].as_u64().unwrap() + 5 >= self.now - EPOCH
                && match &want {
                    Some(actions) => kind(e) == "run" && e["message"]["actions"] == *actions,
                    None => kind(e) == "snapshot_please",
                }
        });
        let recorded = recorded
            .filter(|(_, e)| {
                self.exact || {
                    let t = e["t"].as_u64().unwrap();
                    !self.events.iter().any(|p| {
                        p["from"] == "page"
                            && kind(p) == "do_it"
                            && tab_of(p) == tab
                            && p["t"].as_u64().unwrap() + EPOCH > self.now
                            && p["t"].as_u64().unwrap() < t
                    })
                }
            })
            .map(|(i, _)| i);
        if self.exact {
            assert!(
                recorded.is_some(),
                "the session sent what the worker never did: {command:?}"
            );
        }
        match recorded {
            Some(i) => {
                self.taken.insert(i);
                self.pending.push(Pending {
                    command,
                    recorded: Some(i),
                });
            }
            None => self.answer_now(command),
        }
    }

    /// No recorded message like it: the page as last seen, or its answer to the same actions.
    fn answer_now(&mut self, command: Command) {
        match command {
            Command::AskSnapshot { tab } => {
                let (url, snapshot) = self.next_look(tab);
                self.feed(Event::Fresh { tab, url, snapshot });
            }
            Command::Run {
                tab,
                plan_id,
                actions,
                ..
            } => {
                let results = self.model(&actions);
                self.feed(Event::Ran {
                    tab,
                    plan_id,
                    results,
                });
            }
            _ => unreachable!(),
        }
    }

    /// The page as the recording shows it next (it answers a look as it is then, not as it was
    /// at its last change), unless the person acts first; else as it was last seen.
    fn next_look(&self, tab: TabId) -> (String, Snapshot) {
        let seen = &self.seen[&tab];
        let next = self.events.iter().find(|e| {
            e["from"] == "page" && tab_of(e) == tab && e["t"].as_u64().unwrap() + EPOCH >= self.now
        });
        // The same page only: the person going elsewhere later is not what a look sees now.
        let next = next.filter(|e| e["url"] == seen.0.as_str());
        match next.map(|e| (e, serde_json::from_value::<FromPage>(e["message"].clone()))) {
            Some((e, Ok(FromPage::Snapshot { snapshot }))) => {
                (e["url"].as_str().unwrap().to_owned(), snapshot)
            }
            _ => seen.clone(),
        }
    }

    /// What the page answered when the same actions were run in the recording.
    fn model(&self, actions: &[Action]) -> Vec<ActionResult> {
        actions
            .iter()
            .map(|a| {
                let a = serde_json::to_value(a).unwrap();
                self.events
                    .iter()
                    .filter(|e| e["from"] == "worker" && kind(e) == "run")
                    .find_map(|e| {
                        let at = e["message"]["actions"]
                            .as_array()?
                            .iter()
                            .position(|x| *x == a)?;
                        let r: PlanResult = serde_json::from_value(e["answer"].clone()).ok()?;
                        r.results.into_iter().nth(at)
                    })
                    .unwrap_or(ActionResult::Done {
                        value: None,
                        matches: None,
                    })
            })
            .collect()
    }

    fn step(&mut self, phase: Phase, i: usize) {
        let e = &self.events[i];
        self.now = EPOCH
            + e[if phase == Phase::In { "t" } else { "t_answer" }]
                .as_u64()
                .unwrap();
        match (e["from"].as_str().unwrap(), phase) {
            ("panel", Phase::In) => {
                let request: FromPanel = serde_json::from_value(e["message"].clone()).unwrap();
                self.feed(Event::Panel {
                    request,
                    active: None,
                });
            }
            ("page", Phase::In) => {
                let (tab, url) = (tab_of(e), e["url"].as_str().unwrap().to_owned());
                let document = e["document"].as_str().map(str::to_owned);
                let event = match serde_json::from_value(e["message"].clone()).unwrap() {
                    FromPage::Snapshot { snapshot } => {
                        self.seen.insert(tab, (url.clone(), snapshot.clone()));
                        Event::PageSnapshot {
                            tab,
                            url,
                            document,
                            snapshot,
                        }
                    }
                    FromPage::DoIt { snapshot } => {
                        self.seen.insert(tab, (url.clone(), snapshot.clone()));
                        Event::PageDoIt {
                            tab,
                            url,
                            document,
                            snapshot,
                        }
                    }
                };
                let before = self.pending.len();
                self.feed(event);
                // The answer comes once the plans and looks this message started have been
                // answered (the worker awaits those about the page it answers), else at once.
                if self.pending.len() > before || kind(e) == "do_it" {
                    self.deferred.insert(i);
                } else if self.exact {
                    self.check_answer(i);
                }
            }
            ("page", Phase::Out) if self.exact && self.deferred.contains(&i) => {
                self.check_answer(i)
            }
            ("worker", Phase::Out) => {
                let Some(at) = self.pending.iter().position(|p| p.recorded == Some(i)) else {
                    return; // lost with a worker that was stopped
                };
                let command = self.pending.remove(at).command;
                let tab = tab_of(e);
                let event = match command {
                    Command::Run { plan_id, .. } => {
                        match serde_json::from_value::<PlanResult>(e["answer"].clone()) {
                            Ok(r) => Event::Ran {
                                tab,
                                plan_id,
                                results: r.results,
                            },
                            Err(_) => Event::RunFailed {
                                tab,
                                plan_id,
                                failure: RunFailure::NoAnswer,
                            },
                        }
                    }
                    _ => match serde_json::from_value::<FromPage>(e["answer"].clone()) {
                        Ok(FromPage::Snapshot { snapshot }) => {
                            let url = self.seen[&tab].0.clone();
                            self.seen.insert(tab, (url.clone(), snapshot.clone()));
                            Event::Fresh { tab, url, snapshot }
                        }
                        _ => Event::NoFresh {
                            tab,
                            reason: "no answer".into(),
                        },
                    },
                };
                self.feed(event);
            }
            _ => {}
        }
    }

    fn check_answer(&self, i: usize) {
        let e = &self.events[i];
        let recorded: ToPage = serde_json::from_value(e["answer"].clone()).unwrap();
        let ours = self
            .session
            .guide_of(tab_of(e))
            .map_or(ToPage::Idle, |guide| ToPage::Guide { guide });
        assert_eq!(
            unkeyed(ours),
            unkeyed(recorded),
            "the answer to event {i} ({} at {})",
            kind(e),
            e["url"]
        );
    }

    /// Chrome stopped the worker: what it kept is all a new one has; the answers in flight die.
    fn restart(&mut self) {
        let stored = self.session.stored();
        self.session =
            Session::restore(Some(&stored.state), Some(&stored.vault), [5; 32], self.now);
        // The recorded answers the lost commands were waiting for are the page as it was: a
        // command of the new worker may be answered by them.
        for p in self.pending.drain(..) {
            if let Some(i) = p.recorded {
                self.taken.remove(&i);
            }
        }
        let open_tabs = self
            .seen
            .iter()
            .map(|(t, (u, _))| (*t, u.clone()))
            .collect();
        self.feed(Event::Started { open_tabs });
    }

    fn assert_done(&self, what: &str) {
        let a = self.session.assistant();
        let tabs: Vec<_> = a
            .tabs
            .keys()
            .map(|t| (self.session.guide_of(*t), self.session.op(*t)))
            .collect();
        assert!(
            a.done.contains(&StepId::FillConnection),
            "{what}: the connection was not saved; done: {:?}; the tabs show {tabs:?}",
            a.done
        );
        assert!(
            self.session.vault().is_empty(),
            "{what}: a token is left in memory"
        );
        assert_eq!(
            self.captures.len(),
            1,
            "{what}: the token was taken {} times",
            self.captures.len()
        );
    }
}

/// Fingerprints are keyed per install: the recording's key is not the replay's.
fn unkeyed(answer: ToPage) -> ToPage {
    let ToPage::Guide { mut guide } = answer else {
        return answer;
    };
    if let Some(at) = guide.message.find("fingerprint ") {
        let start = at + "fingerprint ".len();
        guide.message.replace_range(start..start + 8, "########");
    }
    ToPage::Guide { guide }
}

fn exact(flow: &str) {
    let events = recording(flow);
    let mut r = Replay::new(&events, true);
    for (_, phase, i) in timeline(&events) {
        r.step(phase, i);
    }
    assert!(
        r.pending.is_empty(),
        "{flow}: commands never answered: {:?}",
        r.pending
    );
    r.assert_done(flow);
}

fn restarted_after_every_step(flow: &str) {
    let events = recording(flow);
    let line = timeline(&events);
    for stop in 0..line.len() {
        let mut r = Replay::new(&events, false);
        for (n, &(_, phase, i)) in line.iter().enumerate() {
            r.step(phase, i);
            if n == stop {
                r.restart();
            }
        }
        let (_, phase, i) = line[stop];
        r.assert_done(&format!(
            "{flow}, restarted after {phase:?} of event {i} ({})",
            kind(&events[i])
        ));
    }
}

#[test]
fn integrator_io_event_by_event() {
    exact("integrator-io");
}

#[test]
fn jira_smartconnector_event_by_event() {
    exact("jira-smartconnector");
}

#[test]
fn integrator_io_with_a_restart_after_every_event() {
    restarted_after_every_step("integrator-io");
}

#[test]
fn jira_smartconnector_with_a_restart_after_every_event() {
    restarted_after_every_step("jira-smartconnector");
}
