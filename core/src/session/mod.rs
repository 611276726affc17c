//! The session: every decision the service worker makes, as one pure state machine.
//!
//! Events come in (a page's snapshot, a plan's results, a side-panel request, a tab's new URL,
//! a closed tab, the expiry alarm, the worker started afresh); commands go out (run a plan in a
//! tab, ask a tab for a snapshot, show a guide, persist, broadcast, inject the executor). The
//! worker only carries commands out and turns their answers into the next events.
//!
//! Chrome stops an idle or busy service worker whenever it likes, and the promise of a message
//! in flight dies with it. So everything a tab is in the middle of (a plan sent, a test
//! pending, a capture expected) is an [`Op`] in the persisted state, and [`Command::Persist`]
//! always comes before a command that leaves the worker. A worker started afresh asks every
//! flow tab for a fresh look and resumes or reports what was in flight ([`restart`]).

mod celigo;
mod netsuite;
mod op;
mod panel;
mod restart;

pub use op::{FillStage, Op, Then};

use crate::assistant::{Assistant, PanelView, TabId};
use crate::flow::{Plan, Refusal};
use crate::netsuite::confirmation::Pair;
use crate::origin::classify;
use crate::playbook::StepId;
use crate::protocol::{Action, ActionResult, FromPanel, Guide, Handle, Snapshot, Tone};
use crate::recognize::{is_flow_url, PageKind};
use crate::vault::{StoredVault, Vault, DEFAULT_TTL_MS};
use crate::words::{say, text};
use serde::{Deserialize, Serialize};
use std::collections::hash_map::DefaultHasher;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use zeroize::Zeroizing;

/// What happened, as the worker tells it.
#[derive(Debug)]
pub enum Event {
    /// The worker started (Chrome woke it, or restarted it): the tabs open now, with their URLs.
    Started {
        open_tabs: Vec<(TabId, String)>,
    },
    /// A page's executor sent what it shows, by itself.
    PageSnapshot {
        tab: TabId,
        url: String,
        document: Option<String>,
        snapshot: Snapshot,
    },
    /// The person pressed the highlight's Do it on the page.
    PageDoIt {
        tab: TabId,
        url: String,
        document: Option<String>,
        snapshot: Snapshot,
    },
    /// The answer to [`Command::AskSnapshot`]: Chrome's URL for the tab (the same before and
    /// after the snapshot was taken) and the snapshot.
    Fresh {
        tab: TabId,
        url: String,
        snapshot: Snapshot,
    },
    /// [`Command::AskSnapshot`] got no answer; `reason` says why, for the person.
    NoFresh {
        tab: TabId,
        reason: String,
    },
    /// The executor's results for plan `plan_id`.
    Ran {
        tab: TabId,
        plan_id: u32,
        results: Vec<ActionResult>,
    },
    /// Plan `plan_id` did not run, or its answer was lost.
    RunFailed {
        tab: TabId,
        plan_id: u32,
        failure: RunFailure,
    },
    /// A side-panel request, with the tab active in the window the person last used.
    Panel {
        request: FromPanel,
        active: Option<TabId>,
    },
    TabUrl {
        tab: TabId,
        url: String,
    },
    TabClosed {
        tab: TabId,
    },
    /// The expiry alarm rang.
    Alarm,
}

/// Why a plan's results did not come back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunFailure {
    /// Chrome's URL for the tab is no longer the one the plan was for: it was not sent.
    TabLeft,
    /// The page went away (reload, navigation) before it answered.
    NoAnswer,
    /// The answer was not a plan result for this plan.
    NotUnderstood,
}

impl RunFailure {
    fn reason(self) -> &'static str {
        match self {
            RunFailure::TabLeft => text("session.tab_moved"),
            RunFailure::NoAnswer => text("session.went_away"),
            RunFailure::NotUnderstood => text("session.not_understood"),
        }
    }
}

/// What the worker must do.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Write [`Session::stored`] to `chrome.storage.session` and set the expiry alarm.
    Persist { expiry_ms: Option<u64> },
    /// Send a plan to the tab's `document`, only if Chrome's URL for the tab is `only_on`.
    Run {
        tab: TabId,
        document: Option<String>,
        plan_id: u32,
        actions: Vec<Action>,
        only_on: Option<String>,
    },
    /// Ask the tab's top frame for a fresh snapshot; answered by [`Event::Fresh`] or
    /// [`Event::NoFresh`].
    AskSnapshot { tab: TabId },
    /// Draw this guide in the tab's highlight (`None`: no highlight).
    Show {
        tab: TabId,
        document: Option<String>,
        guide: Option<Guide>,
    },
    /// Tell the side panel its view changed.
    Broadcast,
    /// Put the executor into a tab a single-page app moved into the flow.
    Inject { tab: TabId },
}

/// The part of the session kept in `chrome.storage.session` as JSON: no secret in it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
struct Memory {
    assistant: Assistant,
    /// What each tab is in the middle of.
    ops: BTreeMap<TabId, Op>,
    /// The last plan id given out: ids never repeat, so an answer to an older plan (from before
    /// a restart, too) is recognised and dropped.
    next_plan: u32,
}

/// What a running op needs but need not survive a restart (a worker started afresh looks at
/// the page again instead): the plan whose results are awaited, the form's handles.
#[derive(Debug, Default)]
struct Working {
    plan: Option<Plan>,
    /// For a NetSuite step retried with clicks: the step's first plan, for `after`/`navigates`.
    first: Option<Plan>,
    pair: Option<Pair>,
    form: Option<FormHandles>,
    /// While a test runs: the Save button its success points at.
    save: Option<Handle>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FormHandles {
    token_id: Handle,
    token_secret: Handle,
    test: Handle,
    save: Handle,
}

pub struct Session {
    memory: Memory,
    vault: Vault,
    work: BTreeMap<TabId, Working>,
    /// For the side panel's next view: a sentence when its request could not be done, and the
    /// page report it asked for.
    notice: Option<String>,
    report: Option<String>,
    /// A digest of what was last persisted, to skip writes (and redraws) that change nothing.
    persisted: u64,
    /// The tab whose own message is being answered: its guide goes in the answer, not a Show.
    answering: Option<TabId>,
    out: Vec<Command>,
}

/// The two texts kept in `chrome.storage.session`: the state, and the vault (secrets; wiped
/// on drop).
pub struct Stored {
    pub state: String,
    pub vault: Zeroizing<String>,
}

fn digest(stored: &Stored) -> u64 {
    let mut h = DefaultHasher::new();
    (stored.state.as_str(), stored.vault.as_str()).hash(&mut h);
    h.finish()
}

impl Session {
    /// The session as stored, or a fresh one. A state from an older build that does not parse
    /// is dropped, not fatal; an unreadable vault starts empty rather than half-trusted.
    pub fn restore(
        state: Option<&str>,
        vault: Option<&str>,
        fresh_key: [u8; 32],
        now_ms: u64,
    ) -> Session {
        let memory = state.and_then(|j| serde_json::from_str::<Memory>(j).ok());
        let restored = vault
            .and_then(|j| StoredVault::from_json(j).ok())
            .and_then(|s| Vault::from_stored(s, now_ms).ok());
        let both = memory.is_some() && restored.is_some();
        let mut session = Session {
            memory: memory.unwrap_or_default(),
            vault: restored.unwrap_or_else(|| Vault::new(fresh_key, DEFAULT_TTL_MS)),
            work: BTreeMap::new(),
            notice: None,
            report: None,
            persisted: 0,
            answering: None,
            out: Vec::new(),
        };
        // What was read back is what is stored: a start that changes nothing writes nothing
        // and tells no panel (a new vault key, though, must be stored before it is used).
        if both {
            session.persisted = digest(&session.stored());
        }
        session
    }

    pub fn stored(&self) -> Stored {
        Stored {
            state: serde_json::to_string(&self.memory).expect("the state serialises to JSON"),
            vault: self.vault.to_stored().to_json(),
        }
    }

    pub fn assistant(&self) -> &Assistant {
        &self.memory.assistant
    }

    pub fn vault(&self) -> &Vault {
        &self.vault
    }

    pub fn op(&self, tab: TabId) -> Option<&Op> {
        self.memory.ops.get(&tab)
    }

    /// Handles one event; the commands to carry out, in order.
    pub fn handle(&mut self, event: Event, now_ms: u64) -> Vec<Command> {
        let shown = self.shown_guides();
        self.answering = None;
        match event {
            // Only our sites' pages speak for the flow; any other gets no highlight.
            Event::PageSnapshot { ref url, .. } | Event::PageDoIt { ref url, .. }
                if classify(url).is_err() => {}
            Event::Started { open_tabs } => self.on_started(open_tabs),
            Event::PageSnapshot {
                tab,
                url,
                document,
                snapshot,
            } => {
                self.answering = Some(tab);
                self.record(tab, &url, document, &snapshot, now_ms);
                self.on_snapshot(tab, &url, snapshot, false, now_ms);
            }
            Event::PageDoIt {
                tab,
                url,
                document,
                snapshot,
            } => {
                self.answering = Some(tab);
                self.record(tab, &url, document, &snapshot, now_ms);
                if !self.busy(tab) {
                    self.do_it(tab, &url, snapshot, now_ms);
                }
            }
            Event::Fresh { tab, url, snapshot } => {
                self.record(tab, &url, None, &snapshot, now_ms);
                self.on_snapshot(tab, &url, snapshot, true, now_ms);
            }
            Event::NoFresh { tab, reason } => self.on_no_fresh(tab, reason),
            Event::Ran {
                tab,
                plan_id,
                results,
            } => self.on_ran(tab, plan_id, Ok(results), now_ms),
            Event::RunFailed {
                tab,
                plan_id,
                failure,
            } => self.on_ran(tab, plan_id, Err(failure), now_ms),
            Event::Panel { request, active } => self.on_panel(request, active, now_ms),
            Event::TabUrl { tab, url } => {
                if is_flow_url(&url) {
                    self.out.push(Command::Inject { tab });
                }
            }
            Event::TabClosed { tab } => {
                self.memory.assistant.on_tab_closed(tab);
                self.memory.ops.remove(&tab);
                self.work.remove(&tab);
            }
            Event::Alarm => {}
        }
        self.finish(shown, now_ms)
    }

    /// What the tab's highlight should show now; while an op runs, without a second Do it.
    pub fn guide_of(&self, tab: TabId) -> Option<Guide> {
        let guide = self.memory.assistant.tabs.get(&tab)?.guide.clone()?;
        Some(if self.busy(tab) {
            Guide {
                do_it: None,
                ..guide
            }
        } else {
            guide
        })
    }

    /// Everything the side panel draws; the notice and report of its last request once.
    pub fn panel_view(&mut self, active: Option<TabId>, now_ms: u64) -> PanelView {
        let a = &self.memory.assistant;
        let mut view = a.panel_view(active, self.vault.summaries(now_ms));
        view.notice = self.notice.take().or(view.notice);
        view.report = self.report.take();
        view
    }

    // ── Bookkeeping ──────────────────────────────────────────────────────────────────────────

    fn shown_guides(&self) -> BTreeMap<TabId, Option<Guide>> {
        self.memory
            .assistant
            .tabs
            .keys()
            .map(|&t| (t, self.guide_of(t)))
            .collect()
    }

    /// Persist first (nothing leaves the worker that a restart would not know about), then
    /// the commands, the highlights that changed, and a redraw of the panel.
    fn finish(&mut self, shown: BTreeMap<TabId, Option<Guide>>, now_ms: u64) -> Vec<Command> {
        self.vault.purge_expired(now_ms);
        let mut commands = Vec::new();
        let digest = digest(&self.stored());
        let changed = digest != self.persisted;
        if changed {
            self.persisted = digest;
            commands.push(Command::Persist {
                expiry_ms: self.vault.next_expiry_ms(),
            });
        }
        commands.append(&mut self.out);
        let tabs: Vec<TabId> = self.memory.assistant.tabs.keys().copied().collect();
        for tab in tabs {
            let now = self.guide_of(tab);
            let before = shown.get(&tab).cloned().flatten();
            if Some(tab) != self.answering && now != before {
                commands.push(Command::Show {
                    tab,
                    document: self.document(tab),
                    guide: now,
                });
            }
        }
        if changed {
            commands.push(Command::Broadcast);
        }
        commands
    }

    fn document(&self, tab: TabId) -> Option<String> {
        self.memory
            .assistant
            .tabs
            .get(&tab)
            .and_then(|t| t.document_id.clone())
    }

    fn busy(&self, tab: TabId) -> bool {
        matches!(self.memory.ops.get(&tab), Some(op) if op.running())
    }

    fn next_plan(&mut self) -> u32 {
        self.memory.next_plan = self.memory.next_plan.wrapping_add(1).max(1);
        self.memory.next_plan
    }

    /// Sends `actions` to the tab as plan `op`, which records the new plan id.
    fn send(
        &mut self,
        tab: TabId,
        actions: Vec<Action>,
        only_on: Option<String>,
        op: impl FnOnce(u32) -> Op,
    ) {
        let plan_id = self.next_plan();
        self.memory.ops.insert(tab, op(plan_id));
        self.out.push(Command::Run {
            tab,
            document: self.document(tab),
            plan_id,
            actions,
            only_on,
        });
    }

    /// Waits for a fresh look at the tab, then does `then` with it.
    fn look(&mut self, tab: TabId, then: Then) {
        self.memory.ops.insert(tab, Op::Look { then });
        self.out.push(Command::AskSnapshot { tab });
    }

    /// The op is over: its outcome goes into the highlight. An error can be retried from the
    /// same button; `sticky` outcomes survive the page's changes until it leaves the URL.
    fn end(&mut self, tab: TabId, guide: Option<Guide>, sticky: bool) {
        let label = self.offered(tab);
        let guide = guide.map(|g| match (g.tone, &g.do_it) {
            (Tone::Error, None) => Guide {
                do_it: Some(label.unwrap_or_else(|| text("button.try_again").into())),
                ..g
            },
            _ => g,
        });
        self.memory.ops.remove(&tab);
        self.work.remove(&tab);
        self.memory.assistant.set_guide(tab, guide, sticky);
    }

    fn fail(&mut self, tab: TabId, step: Option<StepId>, message: String) {
        self.end(tab, Some(error_guide(step, message)), true);
    }

    /// Why nothing was changed, in the highlight.
    fn refuse(&mut self, tab: TabId, refusal: Refusal) {
        let guide = refusal.guide(&self.memory.assistant.ctx());
        self.end(tab, Some(guide), true);
    }

    /// Records a snapshot (and the document it came from) and works out the tab's highlight.
    fn record(
        &mut self,
        tab: TabId,
        url: &str,
        document: Option<String>,
        snap: &Snapshot,
        now_ms: u64,
    ) {
        let a = &mut self.memory.assistant;
        // A new document (a reload too) starts afresh: an outcome shown on the old one is over.
        let replaced = a
            .tabs
            .get(&tab)
            .is_some_and(|t| document.is_some() && t.document_id != document);
        if replaced {
            a.set_guide(tab, None, false);
        }
        let state = a.on_snapshot(tab, url, snap, now_ms);
        if document.is_some() {
            state.document_id = document;
        }
    }

    fn page(&self, tab: TabId) -> Option<PageKind> {
        self.memory
            .assistant
            .tabs
            .get(&tab)
            .and_then(|t| t.recognition.page)
    }

    /// A snapshot, from the page or `asked` for: an op waiting for a look takes it; otherwise
    /// the page's own guide (and the capture on the confirmation page). A look after a plan
    /// takes the snapshot it asked for, which is surely of the page after the plan; a redraw or
    /// a restart's look takes any.
    fn on_snapshot(&mut self, tab: TabId, url: &str, snap: Snapshot, asked: bool, now_ms: u64) {
        match self.memory.ops.get(&tab) {
            Some(Op::Look {
                then: Then::Refresh | Then::Resume(_),
            }) => {
                let Some(Op::Look { then }) = self.memory.ops.remove(&tab) else {
                    unreachable!("matched just above")
                };
                self.then(tab, url, then, snap, now_ms)
            }
            Some(Op::Look { .. }) if asked => {
                let Some(Op::Look { then }) = self.memory.ops.remove(&tab) else {
                    unreachable!("matched just above")
                };
                self.then(tab, url, then, snap, now_ms)
            }
            Some(_) => {}
            None => self.page_guide(tab, snap, now_ms),
        }
    }

    fn page_guide(&mut self, tab: TabId, snap: Snapshot, now_ms: u64) {
        let state = &self.memory.assistant.tabs[&tab];
        match state.recognition.page {
            Some(PageKind::NetsuiteTokenConfirmation) if !state.captured => {
                self.capture(tab, &snap)
            }
            Some(PageKind::CeligoConnectionEdit) => self.celigo_page(tab, &snap, now_ms),
            _ => {}
        }
    }

    fn then(&mut self, tab: TabId, url: &str, then: Then, snap: Snapshot, now_ms: u64) {
        match then {
            Then::DoIt => self.do_it(tab, url, snap, now_ms),
            Then::Report => {
                self.report = Some(crate::report::page_report(
                    url,
                    &snap,
                    &self.memory.assistant.ctx(),
                ));
            }
            Then::Refresh => self.page_guide(tab, snap, now_ms),
            Then::Resume(op) => self.resume(tab, url, *op, snap, now_ms),
            Then::Clicks => self.step_by_clicks(tab, &snap),
            Then::After { after, offered } => self.step_after(tab, after, offered),
            Then::Fill { account, url: form } => {
                self.fill(tab, &form, url, &snap, Some(account), true, now_ms)
            }
            Then::Save { account, url: form } => self.save(tab, &form, url, &snap, account),
        }
    }

    fn on_no_fresh(&mut self, tab: TabId, reason: String) {
        let Some(Op::Look { then }) = self.memory.ops.get(&tab) else {
            return;
        };
        match then {
            // A look that nobody waits for: the page sends its own when its executor runs.
            Then::Refresh | Then::Resume(_) => {
                self.memory.ops.remove(&tab);
            }
            Then::DoIt | Then::Report => {
                self.memory.ops.remove(&tab);
                self.notice = Some(say("panel.page_silent", &[("error", &reason)]));
            }
            Then::Clicks | Then::After { .. } => {
                let step = self.step_id(tab);
                self.fail(
                    tab,
                    step,
                    say("session.nothing_more", &[("error", &reason)]),
                )
            }
            Then::Fill { .. } | Then::Save { .. } => self.fail(
                tab,
                Some(StepId::FillConnection),
                say("session.look_failed", &[("error", &reason)]),
            ),
        }
    }

    /// The button the tab's highlight offers now.
    fn offered(&self, tab: TabId) -> Option<String> {
        self.memory
            .assistant
            .tabs
            .get(&tab)
            .and_then(|t| t.guide.as_ref())
            .and_then(|g| g.do_it.clone())
    }

    fn step_id(&self, tab: TabId) -> Option<StepId> {
        self.memory
            .assistant
            .tabs
            .get(&tab)
            .and_then(|t| t.guide.as_ref())
            .and_then(|g| g.step)
    }

    /// Results for a plan: only the op that sent it takes them (the values they hold are wiped
    /// when dropped, taken or not).
    fn on_ran(
        &mut self,
        tab: TabId,
        plan_id: u32,
        results: Result<Vec<ActionResult>, RunFailure>,
        now_ms: u64,
    ) {
        let Some(op) = self.memory.ops.get(&tab).cloned() else {
            return;
        };
        if op.plan_id() != Some(plan_id) {
            return;
        }
        match op {
            Op::Step { navigates, .. } => self.step_ran(tab, navigates, results),
            Op::Capture { .. } => self.captured(tab, results, now_ms),
            Op::Fill {
                account,
                url,
                stage,
                ..
            } => self.fill_ran(tab, account, url, stage, results, now_ms),
            Op::Test { account, url, .. } => self.tested(tab, account, url, results),
            Op::Save { .. } => self.save_ran(tab, results),
            Op::Look { .. } => {}
        }
    }

    /// "Do it" on a tab: the step's plan, made from this snapshot.
    fn do_it(&mut self, tab: TabId, url: &str, snap: Snapshot, now_ms: u64) {
        match self.page(tab) {
            Some(PageKind::CeligoConnectionEdit) => {
                // The form's own highlight first: it stays, without its button, while filling.
                self.celigo_page(tab, &snap, now_ms);
                self.fill(tab, url, url, &snap, None, false, now_ms)
            }
            // Taking the token again, after a capture that failed.
            Some(PageKind::NetsuiteTokenConfirmation) => self.capture(tab, &snap),
            _ => self.step(tab, &snap),
        }
    }
}

fn error_guide(step: Option<StepId>, message: String) -> Guide {
    Guide {
        step,
        title: text("session.title").into(),
        message,
        tone: Tone::Error,
        point_at: None,
        do_it: None,
    }
}

/// The text a `WaitText` found, if the plan's last action is one that found it.
fn waited_text(results: &[ActionResult]) -> Option<String> {
    match results.last() {
        Some(ActionResult::Done { value: Some(t), .. }) => Some(t.expose().clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
