//! The side panel's requests. Its answer is the [`PanelView`](crate::assistant::PanelView)
//! the worker takes once the request's commands are carried out; a request that cannot be done
//! leaves a notice in it saying what to do.

use super::{Session, Then};
use crate::assistant::TabId;
use crate::netsuite::account::NetSuiteAccount;
use crate::playbook::StepId;
use crate::protocol::FromPanel;
use crate::recognize::PageKind;
use crate::words::text;

impl Session {
    pub(super) fn on_panel(&mut self, request: FromPanel, active: Option<TabId>, now_ms: u64) {
        let focused = self.memory.assistant.focus(active).map(|(id, _)| id);
        let tokens_changed = matches!(
            request,
            FromPanel::PickToken { .. } | FromPanel::Forget { .. } | FromPanel::ForgetAll
        );
        let a = &mut self.memory.assistant;
        let result: Result<(), String> = match request {
            FromPanel::PanelGet => Ok(()),
            FromPanel::SelectPlaybook { id } => a.select_playbook(&id),
            FromPanel::SetCloneName { name } => a.set_clone_name(&name),
            FromPanel::PickToken { account } => {
                if self
                    .vault
                    .summaries(now_ms)
                    .iter()
                    .any(|s| s.account == account)
                {
                    a.picked_account = Some(account);
                    Ok(())
                } else {
                    Err(text("panel.token_gone").into())
                }
            }
            FromPanel::Forget { account } => {
                if let Ok(a) = NetSuiteAccount::parse_id(&account) {
                    self.forget(&a);
                }
                Ok(())
            }
            FromPanel::ForgetAll => {
                self.vault.forget_all();
                a.picked_account = None;
                Ok(())
            }
            FromPanel::DoIt => self.ask(focused, Then::DoIt, text("panel.open_a_step")),
            FromPanel::Report => self.ask(focused, Then::Report, text("panel.open_report_page")),
            FromPanel::SaveConnection => self.confirm_save(focused),
        };
        if let Err(e) = result {
            self.notice = Some(e);
        }
        // The token choice changed: the Celigo forms' highlights say something else now.
        if tokens_changed {
            let forms: Vec<TabId> = self
                .memory
                .assistant
                .tabs
                .iter()
                .filter(|(id, t)| {
                    t.recognition.page == Some(PageKind::CeligoConnectionEdit)
                        && !self.memory.ops.contains_key(id)
                })
                .map(|(id, _)| *id)
                .collect();
            for tab in forms {
                self.memory.assistant.set_guide(tab, None, false);
                self.look(tab, Then::Refresh);
            }
        }
    }

    /// A fresh look at the focused tab, then `then`; one op at a time per tab.
    fn ask(&mut self, focused: Option<TabId>, then: Then, none: &str) -> Result<(), String> {
        let tab = focused.ok_or_else(|| none.to_owned())?;
        if self.busy(tab) {
            return Err(text("panel.busy").into());
        }
        self.look(tab, then);
        Ok(())
    }

    fn confirm_save(&mut self, focused: Option<TabId>) -> Result<(), String> {
        let tab = focused.ok_or(text("panel.open_celigo_form"))?;
        let t = &self.memory.assistant.tabs[&tab];
        let Some(account) = t.tested_ok.clone() else {
            self.fail(
                tab,
                Some(StepId::FillConnection),
                text("session.test_first").into(),
            );
            return Ok(());
        };
        if self.busy(tab) {
            return Err(text("panel.busy").into());
        }
        let url = t.url.clone();
        self.look(tab, Then::Save { account, url });
        Ok(())
    }
}
