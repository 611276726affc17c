//! The service worker's memory of the flow: which playbook the user follows, the person's
//! choices, what each tab shows, and what the side panel should display. It holds no secret, so
//! it is stored as it is in `chrome.storage.session` and survives service-worker restarts; the
//! tokens live in the [`Vault`](crate::vault::Vault), which the worker keeps beside it.

use crate::flow::{self, Ctx};
use crate::origin::Site;
use crate::playbook::{self, Playbook, StepId};
use crate::protocol::{Guide, Snapshot};
use crate::recognize::{recognize, PageKind, Recognition};
use crate::vault::EntrySummary;
use crate::words::{say, text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub type TabId = i64;

/// What one tab showed at its last snapshot, and what its highlight says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TabState {
    pub url: String,
    pub recognition: Recognition,
    /// Milliseconds since the epoch, to find the most recent tab.
    pub seen_at_ms: u64,
    pub guide: Option<Guide>,
    /// For a Celigo form: the account whose token passed Test connection here.
    #[serde(default)]
    pub tested_ok: Option<String>,
    /// For a NetSuite confirmation page: the token was taken (once per page load).
    #[serde(default)]
    pub captured: bool,
    /// The guide is an outcome (of a capture, a Do it, a test) that the page's next changes
    /// must not replace; it lasts until the tab leaves the URL or the next Do it.
    #[serde(default)]
    pub sticky: bool,
    /// Chrome's id of the document the last snapshot came from: plans go to that document only.
    #[serde(default)]
    pub document_id: Option<String>,
    /// For an outcome about the page's present state: the facts it was about; the outcome
    /// ends when they change.
    #[serde(default)]
    pub sticky_facts: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Assistant {
    pub playbook_id: Option<String>,
    /// The name the person chose for the role to create; the playbook's when `None`.
    pub clone_name: Option<String>,
    /// Internal id of the employee whose record was opened at step C, for step D's User.
    pub user_id: Option<String>,
    /// The account whose token the person picked for Celigo forms.
    pub picked_account: Option<String>,
    pub tabs: BTreeMap<TabId, TabState>,
    /// Steps seen completed (e.g. the TBA box found saved).
    pub done: Vec<StepId>,
}

/// Everything the side panel draws, computed here so the panel only renders.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PanelView {
    pub playbooks: Vec<PlaybookChoice>,
    pub playbook_id: String,
    pub summary: String,
    pub clone_name: String,
    pub steps: Vec<StepView>,
    /// The tab the view is about, if the flow has been seen in any tab.
    pub tab: Option<TabView>,
    /// What the focused tab's highlight says (its "Do it" too).
    pub guide: Option<Guide>,
    /// The tokens in memory: masked, with fingerprint and time left.
    pub tokens: Vec<EntrySummary>,
    pub picked_account: Option<String>,
    /// The focused Celigo form passed Test connection: the panel offers Save.
    pub can_save: bool,
    /// A sentence for the user when something is off, saying what to do next.
    pub notice: Option<String>,
    /// The report of the focused page the person asked for (`report::page_report`): no value,
    /// no long word.
    #[serde(default)]
    pub report: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaybookChoice {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    Done,
    Current,
    Pending,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepView {
    pub id: StepId,
    pub title: String,
    pub todo: String,
    pub state: StepState,
    /// Where to go to do this step, on the current NetSuite account's own host.
    pub link: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TabView {
    pub tab_id: TabId,
    pub site: String,
    pub page: Option<PageKind>,
    pub account: Option<String>,
}

/// The embedded playbooks; panics only if an embedded file is broken, which the tests catch.
pub fn playbooks() -> &'static [Playbook] {
    static CELL: std::sync::OnceLock<Vec<Playbook>> = std::sync::OnceLock::new();
    CELL.get_or_init(|| playbook::embedded().expect("embedded playbooks are valid"))
}

/// Letters and digits only, as Celigo advises for custom roles; the message says what to do.
pub fn check_clone_name(name: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() || name.len() > 60 || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(text("panel.bad_clone_name").into());
    }
    Ok(name.to_owned())
}

impl Assistant {
    pub fn playbook(&self) -> &'static Playbook {
        let all = playbooks();
        self.playbook_id
            .as_deref()
            .and_then(|id| all.iter().find(|p| p.id == id))
            .or(all.first())
            .expect("at least one playbook is embedded")
    }

    pub fn clone_name(&self) -> &str {
        self.clone_name
            .as_deref()
            .unwrap_or(&self.playbook().netsuite.clone_name)
    }

    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            playbook: self.playbook(),
            clone_name: self.clone_name(),
            user_id: self.user_id.as_deref(),
        }
    }

    /// Records what a tab shows and works out its highlight (without the Celigo token choice,
    /// which needs the vault: see [`Assistant::set_guide`]).
    pub fn on_snapshot(
        &mut self,
        tab: TabId,
        url: &str,
        snap: &Snapshot,
        now_ms: u64,
    ) -> &mut TabState {
        let recognition = recognize(url, snap);
        if matches!(
            recognition.page,
            Some(PageKind::NetsuiteEmployeeView | PageKind::NetsuiteEmployeeEdit)
        ) {
            // Step D's User is the employee whose record was opened at step C.
            if let Some(id) = url::Url::parse(url).ok().and_then(|u| {
                u.query_pairs()
                    .find(|(k, _)| k == "id")
                    .map(|(_, v)| v.into_owned())
            }) {
                self.user_id = Some(id);
            }
        }
        let look = flow::guide(&recognition, snap, &self.ctx());
        for d in look.done {
            self.mark_done(d);
        }
        let previous = self.tabs.remove(&tab);
        // A confirmation page is captured once per load; another URL starts afresh.
        let same_page = previous.as_ref().is_some_and(|p| p.url == url);
        // An outcome stays until the tab leaves the URL, or, for one about a state of the page
        // (the terms still to accept), until that state changes.
        let kept = previous.as_ref().filter(|p| {
            same_page
                && p.sticky
                && p.sticky_facts.as_ref().is_none_or(|f| {
                    *f == recognition.facts && p.recognition.page == recognition.page
                })
        });
        let state = TabState {
            url: url.to_owned(),
            recognition,
            seen_at_ms: now_ms,
            guide: match kept {
                Some(p) => p.guide.clone(),
                None => look.guide,
            },
            sticky: kept.is_some(),
            sticky_facts: kept.and_then(|p| p.sticky_facts.clone()),
            document_id: previous.as_ref().and_then(|p| p.document_id.clone()),
            tested_ok: previous
                .as_ref()
                .filter(|_| same_page)
                .and_then(|p| p.tested_ok.clone()),
            captured: same_page && previous.as_ref().is_some_and(|p| p.captured),
        };
        self.tabs.entry(tab).or_insert(state)
    }

    /// Shows an outcome in the tab's highlight; a `sticky` one survives the page's changes.
    pub fn set_guide(&mut self, tab: TabId, guide: Option<Guide>, sticky: bool) {
        if let Some(t) = self.tabs.get_mut(&tab) {
            t.guide = guide;
            t.sticky = sticky;
            t.sticky_facts = None;
        }
    }

    /// Shows an outcome that lasts while the page stays as it is now (its facts unchanged).
    pub fn set_guide_while_unchanged(&mut self, tab: TabId, guide: Guide) {
        if let Some(t) = self.tabs.get_mut(&tab) {
            t.guide = Some(guide);
            t.sticky = true;
            t.sticky_facts = Some(t.recognition.facts.clone());
        }
    }

    pub fn mark_done(&mut self, step: StepId) {
        if !self.done.contains(&step) {
            self.done.push(step);
        }
    }

    pub fn on_tab_closed(&mut self, tab: TabId) {
        self.tabs.remove(&tab);
    }

    /// The tab the panel should talk about: the active one if it is part of the flow, else the
    /// flow tab seen most recently.
    pub fn focus(&self, active: Option<TabId>) -> Option<(TabId, &TabState)> {
        if let Some((id, t)) = active.and_then(|a| self.tabs.get_key_value(&a)) {
            if t.recognition.site.is_some() {
                return Some((*id, t));
            }
        }
        self.tabs
            .iter()
            .filter(|(_, t)| t.recognition.site.is_some())
            .max_by_key(|(_, t)| t.seen_at_ms)
            .map(|(id, t)| (*id, t))
    }

    pub fn select_playbook(&mut self, id: &str) -> Result<(), String> {
        if playbooks().iter().any(|p| p.id == id) {
            if self.playbook_id.as_deref() != Some(id) {
                self.playbook_id = Some(id.to_owned());
                self.clone_name = None;
                self.done.clear();
            }
            Ok(())
        } else {
            Err(say("panel.no_playbook", &[("id", &format!("{id:?}"))]))
        }
    }

    pub fn set_clone_name(&mut self, name: &str) -> Result<(), String> {
        self.clone_name = Some(check_clone_name(name)?);
        Ok(())
    }

    /// The NetSuite account the focused tab belongs to: the one whose host it shows.
    fn netsuite_account(
        &self,
        active: Option<TabId>,
    ) -> Option<crate::netsuite::account::NetSuiteAccount> {
        let focused = self.focus(active).map(|(_, t)| t);
        let from = |t: &TabState| match &t.recognition.site {
            Some(Site::NetSuite(a)) => Some(a.clone()),
            _ => None,
        };
        focused.and_then(from).or_else(|| {
            // On Celigo: the NetSuite tab seen last is the account the person works on.
            self.tabs
                .values()
                .filter(|t| from(t).is_some())
                .max_by_key(|t| t.seen_at_ms)
                .and_then(from)
        })
    }

    pub fn panel_view(&self, active: Option<TabId>, tokens: Vec<EntrySummary>) -> PanelView {
        let pb = self.playbook();
        let focus = self.focus(active);
        let page = focus.and_then(|(_, t)| t.recognition.page);
        let current = page.and_then(|p| pb.step_of(p)).map(|(i, _)| i);
        let account = self.netsuite_account(active);
        let fill = |text: &str| {
            pb.fill(text)
                .replace(&pb.netsuite.clone_name, self.clone_name())
        };
        let steps = pb
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| StepView {
                id: s.id,
                title: s.title.clone(),
                todo: fill(&s.todo),
                state: if Some(i) == current {
                    StepState::Current
                } else if self.done.contains(&s.id) {
                    StepState::Done
                } else {
                    // Only what was seen done counts: being further along proves nothing.
                    StepState::Pending
                },
                link: s
                    .link
                    .as_ref()
                    .zip(account.as_ref())
                    .map(|(l, a)| a.ui_url(l)),
            })
            .collect();
        let notice = match focus {
            None => Some(text("panel.no_flow_tab").to_owned()),
            Some((_, t)) if t.recognition.page.is_none() => Some(say(
                "panel.not_a_step",
                &[("reasons", &t.recognition.reasons.join(" "))],
            )),
            _ => None,
        };
        PanelView {
            playbooks: playbooks()
                .iter()
                .map(|p| PlaybookChoice {
                    id: p.id.clone(),
                    name: p.name.clone(),
                })
                .collect(),
            playbook_id: pb.id.clone(),
            summary: pb.summary.clone(),
            clone_name: self.clone_name().to_owned(),
            steps,
            tab: focus.map(|(id, t)| TabView {
                tab_id: id,
                site: match &t.recognition.site {
                    Some(Site::NetSuite(_)) => "netsuite".into(),
                    Some(Site::Celigo(_)) => "celigo".into(),
                    None => "other".into(),
                },
                page: t.recognition.page,
                account: match &t.recognition.site {
                    Some(Site::NetSuite(a)) => Some(a.to_string()),
                    _ => None,
                },
            }),
            guide: focus.and_then(|(_, t)| t.guide.clone()),
            can_save: focus.is_some_and(|(_, t)| t.tested_ok.is_some()),
            tokens,
            picked_account: self.picked_account.clone(),
            notice,
            report: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::token_form;
    use crate::protocol::Control;

    #[test]
    fn panel_follows_the_most_recent_flow_tab() {
        let mut a = Assistant::default();
        a.on_snapshot(
            7,
            "https://1234567-sb1.app.netsuite.com/app/setup/accesstoken.nl",
            &token_form(),
            10,
        );
        let v = a.panel_view(Some(99), vec![]);
        let tab = v.tab.unwrap();
        assert_eq!(tab.tab_id, 7);
        assert_eq!(tab.page, Some(PageKind::NetsuiteAccessTokenNew));
        assert_eq!(tab.account.as_deref(), Some("1234567_SB1 (sandbox)"));
        let current: Vec<StepId> = v
            .steps
            .iter()
            .filter(|s| s.state == StepState::Current)
            .map(|s| s.id)
            .collect();
        assert_eq!(current, [StepId::CreateToken]);
        assert_eq!(
            v.steps[0].link.as_deref(),
            Some("https://1234567-sb1.app.netsuite.com/app/setup/features.nl?whence=")
        );
        assert!(v.notice.is_none());
        // Reaching step D proves nothing about A to C.
        assert!(v.steps[..3].iter().all(|s| s.state == StepState::Pending));
        assert_eq!(v.guide.unwrap().do_it.as_deref(), Some("Fill the form"));
    }

    #[test]
    fn state_survives_a_round_trip() {
        let mut a = Assistant::default();
        a.select_playbook("jira-smartconnector").unwrap();
        a.set_clone_name("JiraRole2").unwrap();
        a.on_snapshot(
            3,
            "https://1234567.app.netsuite.com/app/setup/accesstoken.nl",
            &token_form(),
            1,
        );
        let back: Assistant = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        assert_eq!(back, a);
        assert!(a.select_playbook("nope").is_err());
        assert_eq!(a.clone_name(), "JiraRole2");
    }

    #[test]
    fn clone_names_are_alphanumeric() {
        assert_eq!(check_clone_name(" CeligoTBA2 "), Ok("CeligoTBA2".into()));
        for bad in ["", "Celigo TBA", "Celigo-TBA", "Rôle", &"x".repeat(61)] {
            assert!(check_clone_name(bad).is_err(), "{bad}");
        }
        let mut a = Assistant::default();
        assert!(a.set_clone_name("Has space").is_err());
        assert_eq!(a.clone_name(), "CeligoIntegratorIoTBA");
    }

    #[test]
    fn the_employee_opened_at_step_c_is_remembered() {
        let mut a = Assistant::default();
        a.on_snapshot(
            1,
            "https://1234567.app.netsuite.com/app/common/entity/employee.nl?id=42&e=T",
            &Snapshot::default(),
            1,
        );
        assert_eq!(a.user_id, None, "an unrecognised page proves nothing");
        let edit = Control {
            handle: 1,
            tag: "button".into(),
            kind: "button".into(),
            id: "edit".into(),
            text: "Edit".into(),
            visible: true,
            ..Default::default()
        };
        a.on_snapshot(
            1,
            "https://1234567.app.netsuite.com/app/common/entity/employee.nl?id=42",
            &Snapshot {
                controls: vec![edit],
                ..Default::default()
            },
            2,
        );
        assert_eq!(a.user_id.as_deref(), Some("42"));
    }

    #[test]
    fn no_flow_tab_gives_a_notice() {
        let v = Assistant::default().panel_view(None, vec![]);
        assert!(v.tab.is_none());
        assert!(v.notice.unwrap().contains("Open NetSuite"));
    }
}
