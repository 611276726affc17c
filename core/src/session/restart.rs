//! A worker started afresh. Chrome stops service workers when idle (30 s) or under pressure,
//! and the promise of a message in flight dies with the worker: a plan's results never come
//! back. What was in flight is in the persisted ops, so each flow tab is looked at again and
//! each op resumed from what the page shows, or reported.

use super::{FillStage, Op, Session, Then};
use crate::assistant::TabId;
use crate::playbook::StepId;
use crate::protocol::{Guide, Snapshot, Tone};
use crate::recognize::{is_flow_url, PageKind};
use crate::words::{say, text};

impl Session {
    pub(super) fn on_started(&mut self, open_tabs: Vec<(TabId, String)>) {
        let a = &mut self.memory.assistant;
        let gone: Vec<TabId> = a
            .tabs
            .keys()
            .filter(|t| !open_tabs.iter().any(|(o, _)| o == *t))
            .copied()
            .collect();
        for tab in gone {
            a.on_tab_closed(tab);
            self.memory.ops.remove(&tab);
        }
        self.work.clear();
        for (tab, url) in open_tabs {
            let known = self.memory.assistant.tabs.contains_key(&tab);
            if !known && !is_flow_url(&url) {
                continue;
            }
            // A plan in flight is over (its answer was lost): resume from a fresh look. A look
            // that was awaited is awaited again.
            let then = match self.memory.ops.remove(&tab) {
                Some(Op::Look { then }) => Some(then),
                Some(op) => Some(Then::Resume(Box::new(op))),
                None => None,
            };
            if let Some(then) = then {
                self.memory.ops.insert(tab, Op::Look { then });
            }
            self.out.push(super::Command::AskSnapshot { tab });
        }
    }

    pub(super) fn resume(&mut self, tab: TabId, url: &str, op: Op, snap: Snapshot, now_ms: u64) {
        match op {
            Op::Step { step, .. } => self.resume_step(tab, step),
            Op::Fill {
                account, url: form, ..
            } => {
                if url != form {
                    return self.fail(
                        tab,
                        Some(StepId::FillConnection),
                        text("session.restarted_fill_left").into(),
                    );
                }
                if self.page(tab) != Some(PageKind::CeligoConnectionEdit) {
                    // Caught mid-change (a list open over the form): the page's next snapshot.
                    let op = Op::Fill {
                        plan_id: 0,
                        account,
                        url: form,
                        stage: FillStage::Fields,
                    };
                    let then = Then::Resume(Box::new(op));
                    self.memory.ops.insert(tab, Op::Look { then });
                    return;
                }
                // The fill is done again from the start: it only sets values, and nothing was
                // tested or saved yet.
                self.fill(tab, &form, url, &snap, Some(account), false, now_ms)
            }
            Op::Test {
                account, url: form, ..
            } => self.resume_test(tab, account, url, form, &snap, now_ms),
            Op::Save {
                account, url: form, ..
            } => self.resume_save(tab, account, url, form, &snap),
            // The capture is taken again from the page, which still shows the token.
            Op::Capture { .. } | Op::Look { .. } => self.page_guide(tab, snap, now_ms),
        }
    }

    /// A NetSuite step's data entry may be half done: say so while the page still offers it.
    fn resume_step(&mut self, tab: TabId, step: StepId) {
        let page_guide = self
            .memory
            .assistant
            .tabs
            .get(&tab)
            .and_then(|t| t.guide.clone());
        let Some(Guide {
            step: now_step,
            do_it: Some(label),
            ..
        }) = page_guide
        else {
            return;
        };
        if now_step != Some(step) {
            return;
        }
        let guide = Guide {
            step: Some(step),
            title: text("session.title").into(),
            message: say("session.restarted_step", &[("label", &label)]),
            tone: Tone::Error,
            point_at: None,
            do_it: Some(label),
        };
        self.end(tab, Some(guide), true);
    }
}
