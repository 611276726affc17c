//! Celigo's side of the session: fill the connection form (the Authentication type first, then
//! the other fields, then each secret in a message of its own, sent only while Chrome's URL for
//! the tab is still the form's), press Test connection and read its answer; after the person
//! confirms, Save, and wipe the token once Celigo says it is saved.

use super::{waited_text, FillStage, FormHandles, Op, RunFailure, Session, Then, Working};
use crate::assistant::TabId;
use crate::flow::Refusal;
use crate::flow::{self, CeligoPlan};
use crate::locator;
use crate::netsuite::account::NetSuiteAccount;
use crate::playbook::StepId;
use crate::protocol::{Action, ActionResult, Handle, Snapshot};
use crate::recognize::{celigo, recognize};
use crate::sensitive::Sensitive;
use crate::token::TokenPart;
use crate::words::{say, text};

const STEP: Option<StepId> = Some(StepId::FillConnection);
/// How long Celigo may take to answer Test connection or Save.
pub(super) const CELIGO_ANSWER_MS: u32 = 30_000;

impl Session {
    /// The form's own highlight: which token it would get, or that the person saved it.
    pub(super) fn celigo_page(&mut self, tab: TabId, snap: &Snapshot, now_ms: u64) {
        let t = &self.memory.assistant.tabs[&tab];
        if t.tested_ok.is_some() && flow::page_says(snap, celigo().texts("save_success")).is_some()
        {
            // The person saved on the page after a passing test: the token's job is done.
            return self.after_save(tab);
        }
        if t.sticky {
            return;
        }
        let a = &self.memory.assistant;
        let tokens = self.vault.summaries(now_ms);
        let guide = flow::celigo_guide(snap, &a.ctx(), &tokens, a.picked_account.as_deref());
        let keep = t.tested_ok.is_some();
        self.memory.assistant.set_guide(tab, Some(guide), keep);
    }

    /// Fill and test: pick the token, then fill the form at `form` (the tab's URL is `url`).
    /// `account` is the one picked earlier in this fill; `switched`, that the Authentication
    /// type was set already.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn fill(
        &mut self,
        tab: TabId,
        form: &str,
        url: &str,
        snap: &Snapshot,
        account: Option<String>,
        switched: bool,
        now_ms: u64,
    ) {
        if url != form {
            return self.fail(tab, STEP, text("session.left_the_form").into());
        }
        let account = match account.map_or_else(|| self.pick(snap, now_ms), Ok) {
            Ok(a) => a,
            Err(e) => return self.fail(tab, STEP, e),
        };
        let ctx = self.memory.assistant.ctx();
        let Ok(ns) = NetSuiteAccount::parse_id(&account) else {
            return self.fail(tab, STEP, text("panel.token_gone").into());
        };
        let plan = flow::celigo_plan(&recognize(url, snap), snap, &ctx, &ns);
        let url = url.to_owned();
        match plan {
            Err(Refusal::Missing { missing, .. }) if switched => {
                let missing: Vec<String> = missing.iter().map(ToString::to_string).collect();
                self.fail(
                    tab,
                    STEP,
                    say(
                        "session.switched_but_missing",
                        &[("missing", &missing.join("; "))],
                    ),
                )
            }
            Err(r) => self.refuse(tab, r),
            Ok(CeligoPlan::SetAuthType(_)) if switched => {
                self.fail(tab, STEP, text("session.not_switched").into())
            }
            Ok(CeligoPlan::SetAuthType(plan)) => {
                self.send_fill(tab, account, url, FillStage::AuthType, plan.actions.clone());
                self.work.insert(
                    tab,
                    Working {
                        plan: Some(plan),
                        ..Working::default()
                    },
                );
            }
            Ok(CeligoPlan::Fill {
                fields,
                token_id,
                token_secret,
                test,
                save,
            }) => {
                self.send_fill(tab, account, url, FillStage::Fields, fields.actions.clone());
                self.work.insert(
                    tab,
                    Working {
                        plan: Some(fields),
                        form: Some(FormHandles {
                            token_id,
                            token_secret,
                            test,
                            save,
                        }),
                        ..Working::default()
                    },
                );
            }
        }
    }

    /// The token for this form: the person's pick, or the one whose account the form names.
    fn pick(&self, snap: &Snapshot, now_ms: u64) -> Result<String, String> {
        let a = &self.memory.assistant;
        let tokens = self.vault.summaries(now_ms);
        let form = flow::form_account(snap, &a.ctx());
        flow::pick_token(&tokens, a.picked_account.as_deref(), &form)
            .map(|s| s.account.clone())
            .map_err(|r| r.to_string())
    }

    fn send_fill(
        &mut self,
        tab: TabId,
        account: String,
        url: String,
        stage: FillStage,
        actions: Vec<Action>,
    ) {
        let only_on = Some(url.clone());
        self.send(tab, actions, only_on, |plan_id| Op::Fill {
            plan_id,
            account,
            url,
            stage,
        });
    }

    pub(super) fn fill_ran(
        &mut self,
        tab: TabId,
        account: String,
        url: String,
        stage: FillStage,
        results: Result<Vec<ActionResult>, RunFailure>,
        now_ms: u64,
    ) {
        let results = match results {
            Ok(r) => r,
            Err(RunFailure::TabLeft) => {
                return self.fail(tab, STEP, text("session.left_the_form").into())
            }
            Err(f) => {
                return self.fail(
                    tab,
                    STEP,
                    say("session.nothing_more_fill", &[("error", f.reason())]),
                )
            }
        };
        let work = self.work.remove(&tab).unwrap_or_default();
        let checked = match (stage, &work.plan) {
            (FillStage::AuthType | FillStage::Fields, Some(plan)) => {
                plan.verify(&results).map_err(|r| r.to_string())
            }
            (FillStage::TokenId | FillStage::TokenSecret, _) => {
                let part = if stage == FillStage::TokenId {
                    TokenPart::TokenId
                } else {
                    TokenPart::TokenSecret
                };
                match results.as_slice() {
                    [ActionResult::Done {
                        matches: Some(true),
                        ..
                    }] => Ok(()),
                    _ => Err(say("session.not_filled", &[("field", part.name())])),
                }
            }
            // Results for a plan made before the worker started afresh.
            _ => Err(text("session.restarted_meanwhile").into()),
        };
        if let Err(e) = checked {
            return self.fail(tab, STEP, e);
        }
        match (stage, work.form) {
            (FillStage::AuthType, _) => self.look(tab, Then::Fill { account, url }),
            (FillStage::Fields, Some(form)) => {
                self.send_secret(tab, account, url, form, TokenPart::TokenId, now_ms)
            }
            (FillStage::TokenId, Some(form)) => {
                self.send_secret(tab, account, url, form, TokenPart::TokenSecret, now_ms)
            }
            (FillStage::TokenSecret, Some(form)) => {
                self.send_test(tab, account, url, (form.test, form.save), true)
            }
            (_, None) => self.fail(tab, STEP, text("session.restarted_meanwhile").into()),
        }
    }

    /// One secret into its field, in a message of its own, only while the tab is on the form.
    fn send_secret(
        &mut self,
        tab: TabId,
        account: String,
        url: String,
        form: FormHandles,
        part: TokenPart,
        now_ms: u64,
    ) {
        let Ok(ns) = NetSuiteAccount::parse_id(&account) else {
            return self.fail(tab, STEP, text("panel.token_gone").into());
        };
        let value = match self.vault.get(&ns, now_ms) {
            // Secret use: the one place a token leaves the vault, into one fill message.
            Ok(pair) => Sensitive::from(match part {
                TokenPart::TokenId => pair.token_id.expose(),
                TokenPart::TokenSecret => pair.token_secret.expose(),
            }),
            Err(e) => return self.fail(tab, STEP, e.to_string()),
        };
        let handle = match part {
            TokenPart::TokenId => form.token_id,
            TokenPart::TokenSecret => form.token_secret,
        };
        let stage = match part {
            TokenPart::TokenId => FillStage::TokenId,
            TokenPart::TokenSecret => FillStage::TokenSecret,
        };
        self.send_fill(
            tab,
            account,
            url,
            stage,
            vec![Action::Fill { handle, value }],
        );
        self.work.insert(
            tab,
            Working {
                form: Some(form),
                ..Working::default()
            },
        );
    }

    /// Test connection, then wait for Celigo's answer. `click` is false when a test already
    /// runs on the page (after a restart) and only its answer is awaited.
    fn send_test(
        &mut self,
        tab: TabId,
        account: String,
        url: String,
        (test, save): (Handle, Handle),
        click: bool,
    ) {
        let mut actions = Vec::new();
        if click {
            actions.push(Action::Click { handle: test });
        }
        actions.push(Action::WaitText {
            texts: celigo().texts_of(&["test_success", "test_failure"]),
            timeout_ms: CELIGO_ANSWER_MS,
        });
        self.send(tab, actions, None, |plan_id| Op::Test {
            plan_id,
            account,
            url,
        });
        self.work.insert(
            tab,
            Working {
                save: Some(save),
                ..Working::default()
            },
        );
    }

    pub(super) fn tested(
        &mut self,
        tab: TabId,
        account: String,
        url: String,
        results: Result<Vec<ActionResult>, RunFailure>,
    ) {
        let save = self.work.remove(&tab).and_then(|w| w.save);
        let answer = results.ok().as_deref().and_then(waited_text);
        let (Some(answer), Some(save)) = (answer, save) else {
            return self.fail(tab, STEP, text("session.no_test_answer").into());
        };
        self.test_outcome(tab, account, url, &answer, save);
    }

    fn test_outcome(
        &mut self,
        tab: TabId,
        account: String,
        url: String,
        answer: &str,
        save: Handle,
    ) {
        let (ok, guide) = flow::test_outcome(&self.memory.assistant.ctx(), answer, save);
        if let Some(t) = self.memory.assistant.tabs.get_mut(&tab) {
            t.url = url;
            t.tested_ok = ok.then_some(account);
        }
        self.end(tab, Some(guide), true);
    }

    /// The person confirmed Save: press it on the form that passed the test, read the answer.
    pub(super) fn save(
        &mut self,
        tab: TabId,
        form: &str,
        url: &str,
        snap: &Snapshot,
        account: String,
    ) {
        if url != form {
            return self.fail(tab, STEP, text("session.left_the_form").into());
        }
        let Some(save) = celigo()
            .target("save_button")
            .and_then(|t| locator::resolve(t, snap).handle())
        else {
            return self.fail(tab, STEP, text("session.no_save_button").into());
        };
        self.send_save(tab, account, form.to_owned(), Some(save));
    }

    fn send_save(&mut self, tab: TabId, account: String, url: String, click: Option<Handle>) {
        let mut actions: Vec<Action> = click
            .map(|handle| Action::Click { handle })
            .into_iter()
            .collect();
        actions.push(Action::WaitText {
            texts: celigo().texts_of(&["save_success", "save_failure"]),
            timeout_ms: CELIGO_ANSWER_MS,
        });
        let only_on = Some(url.clone());
        self.send(tab, actions, only_on, |plan_id| Op::Save {
            plan_id,
            account,
            url,
        });
    }

    pub(super) fn save_ran(&mut self, tab: TabId, results: Result<Vec<ActionResult>, RunFailure>) {
        match results.ok().as_deref().and_then(waited_text) {
            Some(answer) if flow::saved(&answer) => self.after_save(tab),
            _ => self.fail(tab, STEP, text("session.save_not_confirmed").into()),
        }
    }

    /// The connection is saved: wipe its token and the pick of it, and say so.
    pub(super) fn after_save(&mut self, tab: TabId) {
        let tested = self
            .memory
            .assistant
            .tabs
            .get_mut(&tab)
            .and_then(|t| t.tested_ok.take());
        if let Some(a) = tested
            .as_deref()
            .and_then(|a| NetSuiteAccount::parse_id(a).ok())
        {
            self.forget(&a);
        }
        let a = &mut self.memory.assistant;
        a.mark_done(StepId::FillConnection);
        let guide = flow::saved_guide(&a.ctx());
        self.end(tab, Some(guide), true);
    }

    /// Wipes one account's token, and the person's pick of it.
    pub(super) fn forget(&mut self, account: &NetSuiteAccount) {
        self.vault.forget(account);
        let a = &mut self.memory.assistant;
        if a.picked_account.as_deref() == Some(account.id.as_str()) {
            a.picked_account = None;
        }
    }

    /// After a restart, a Test connection that was running: its answer, read from the page, or
    /// awaited, or the test pressed again if it never started.
    pub(super) fn resume_test(
        &mut self,
        tab: TabId,
        account: String,
        url: &str,
        form_url: String,
        snap: &Snapshot,
        now_ms: u64,
    ) {
        if url != form_url {
            return self.fail(tab, STEP, text("session.restarted_test_left").into());
        }
        let cg = celigo();
        let handle = |name: &str| {
            cg.target(name)
                .and_then(|t| locator::resolve(t, snap).handle())
        };
        let (Some(test), Some(save)) = (handle("test_button"), handle("save_button")) else {
            return self.fill(tab, &form_url, url, snap, Some(account), false, now_ms);
        };
        if let Some(answer) = flow::page_says(snap, &cg.texts_of(&["test_success", "test_failure"]))
        {
            return self.test_outcome(tab, account, form_url, &answer, save);
        }
        let running = flow::page_says(snap, cg.texts("test_running")).is_some();
        // The secret fields do not show what they hold: a test that never started is done
        // from the start, with the whole fill.
        if running {
            self.send_test(tab, account, form_url, (test, save), false);
        } else {
            self.fill(tab, &form_url, url, snap, Some(account), false, now_ms);
        }
    }

    /// After a restart, a Save that was running: its answer, read from the page, or awaited.
    pub(super) fn resume_save(
        &mut self,
        tab: TabId,
        account: String,
        url: &str,
        form_url: String,
        snap: &Snapshot,
    ) {
        if let Some(answer) =
            flow::page_says(snap, &celigo().texts_of(&["save_success", "save_failure"]))
        {
            if flow::saved(&answer) {
                return self.after_save(tab);
            }
            return self.fail(tab, STEP, text("session.save_not_confirmed").into());
        }
        if url != form_url {
            return self.fail(tab, STEP, text("session.restarted_save_left").into());
        }
        // Save is the person's decision, taken once: it is not pressed again, only awaited.
        self.send_save(tab, account, form_url, None);
    }
}
