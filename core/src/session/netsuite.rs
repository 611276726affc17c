//! NetSuite's side of the session: a step's data entry (with the page's API, or with clicks
//! when the API does not take a choice) and the capture of the once-shown token.

use super::{error_guide, Op, RunFailure, Session, Then, Working};
use crate::assistant::TabId;
use crate::flow::{self, Plan, Refusal};
use crate::netsuite::confirmation::Pair;
use crate::origin::Site;
use crate::playbook::StepId;
use crate::protocol::{Action, ActionResult, Guide, Snapshot, Tone};
use crate::words::{say, text};

impl Session {
    /// Do it on a NetSuite page: the step's plan.
    pub(super) fn step(&mut self, tab: TabId, snap: &Snapshot) {
        let a = &self.memory.assistant;
        let plan = flow::do_it(&a.tabs[&tab].recognition, snap, &a.ctx());
        match plan {
            Ok(plan) => self.send_step(tab, plan, None),
            Err(r) => self.refuse(tab, r),
        }
    }

    fn send_step(&mut self, tab: TabId, plan: Plan, first: Option<Plan>) {
        let (step, navigates) = (plan.step, first.as_ref().unwrap_or(&plan).navigates);
        let actions = plan.actions.clone();
        self.send(tab, actions, None, |plan_id| Op::Step {
            plan_id,
            step,
            navigates,
        });
        self.work.insert(
            tab,
            Working {
                plan: Some(plan),
                first,
                ..Working::default()
            },
        );
    }

    pub(super) fn step_ran(
        &mut self,
        tab: TabId,
        navigates: bool,
        results: Result<Vec<ActionResult>, RunFailure>,
    ) {
        let work = self.work.remove(&tab).unwrap_or_default();
        let Some(plan) = work.plan else {
            // Results for a plan this worker did not make: it started afresh since.
            return self.end(tab, None, false);
        };
        let step = plan.step;
        let results = match results {
            Ok(r) => r,
            // The click opened the next page, which guides itself.
            Err(_) if navigates => return self.end(tab, None, false),
            Err(f) => {
                return self.fail(
                    tab,
                    Some(step),
                    say("session.nothing_more", &[("error", f.reason())]),
                )
            }
        };
        let checked = plan.verify(&results);
        // The first plan, or the clicks plan made after it (which is not retried).
        let retried = work.first.is_some();
        let first = work.first.unwrap_or(plan);
        let used_api = first
            .actions
            .iter()
            .any(|a| matches!(a, Action::CallPage { .. }));
        match checked {
            // No page API, it refused, or the page did not keep what it set: choose the
            // options with clicks in the page's own list, as a person would.
            Err(_) if used_api && !retried => {
                self.work.insert(
                    tab,
                    Working {
                        first: Some(first),
                        ..Working::default()
                    },
                );
                self.look(tab, Then::Clicks);
            }
            Err(r) => self.fail(tab, Some(step), r.to_string()),
            Ok(()) if navigates => self.end(tab, None, false),
            Ok(()) => {
                let offered = self.offered(tab);
                self.look(
                    tab,
                    Then::After {
                        after: first.after.clone(),
                        offered,
                    },
                );
            }
        }
    }

    /// The fresh look after the page's API failed: with the user now chosen, the page may show
    /// which earlier step is missing; else the clicks plan.
    pub(super) fn step_by_clicks(&mut self, tab: TabId, snap: &Snapshot) {
        let first = self.work.remove(&tab).and_then(|w| w.first);
        let ctx = self.memory.assistant.ctx();
        if let Some(r) = flow::token_form_blocker(snap, &ctx) {
            return self.refuse(tab, r);
        }
        match flow::token_form_by_clicks(snap, &ctx) {
            Ok(clicks) => self.send_step(tab, clicks, first),
            Err(r) => self.fail(tab, r.step(), r.to_string()),
        }
    }

    /// The fresh look after a step's plan ran.
    pub(super) fn step_after(&mut self, tab: TabId, after: Option<Guide>, offered: Option<String>) {
        self.work.remove(&tab);
        // The page still asks for the same step: say what happened out of its sight.
        if let Some(after) = after.filter(|_| offered.is_some() && self.offered(tab) == offered) {
            self.memory.assistant.set_guide_while_unchanged(tab, after);
        }
    }

    /// The confirmation page: read the Token ID and Secret.
    pub(super) fn capture(&mut self, tab: TabId, snap: &Snapshot) {
        match flow::capture_plan(snap, &self.memory.assistant.ctx()) {
            Ok((plan, pair)) => {
                self.send(tab, plan.actions, None, |plan_id| Op::Capture { plan_id });
                self.work.insert(
                    tab,
                    Working {
                        pair: Some(pair),
                        ..Working::default()
                    },
                );
            }
            Err(r) => {
                self.set_captured(tab);
                self.refuse(tab, r)
            }
        }
    }

    fn set_captured(&mut self, tab: TabId) {
        if let Some(t) = self.memory.assistant.tabs.get_mut(&tab) {
            t.captured = true;
        }
    }

    pub(super) fn captured(
        &mut self,
        tab: TabId,
        results: Result<Vec<ActionResult>, RunFailure>,
        now_ms: u64,
    ) {
        let pair: Option<Pair> = self.work.remove(&tab).and_then(|w| w.pair);
        let account = match self
            .memory
            .assistant
            .tabs
            .get(&tab)
            .map(|t| &t.recognition.site)
        {
            Some(Some(Site::NetSuite(a))) => a.clone(),
            _ => return self.end(tab, None, false),
        };
        let outcome = match (results, pair) {
            (Ok(results), Some(pair)) => flow::captured_pair(&results, &pair),
            (Ok(_), None) => Err(text("session.restarted_capture").to_owned()),
            (Err(f), _) => Err(f.reason().to_owned()),
        };
        self.set_captured(tab);
        let guide = match outcome {
            Ok(pair) => {
                let a = &mut self.memory.assistant;
                let playbook = a.playbook().id.clone();
                let s = self.vault.deposit(account.clone(), pair, playbook, now_ms);
                a.mark_done(StepId::CreateToken);
                a.mark_done(StepId::CaptureToken);
                Guide {
                    step: Some(StepId::CaptureToken),
                    title: text("session.token_taken_title").into(),
                    message: say(
                        "session.token_taken",
                        &[
                            ("account", &account.to_string()),
                            ("fingerprint", &s.fingerprint),
                            ("minutes", &(self.vault.ttl_ms() / 60_000).to_string()),
                            ("where", &a.playbook().celigo.where_),
                        ],
                    ),
                    tone: Tone::Success,
                    point_at: None,
                    do_it: None,
                }
            }
            Err(e) => Guide {
                do_it: Some(text("button.take_again").into()),
                ..error_guide(
                    Some(StepId::CaptureToken),
                    Refusal::NotTaken { reason: e }.to_string(),
                )
            },
        };
        self.end(tab, Some(guide), true);
    }
}
