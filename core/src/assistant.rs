//! The service worker's memory of the flow: which playbook the user follows, what each tab
//! shows, and what the side panel should display. Pure state, so it can be tested natively and
//! stored in `chrome.storage.session` (it holds no secret) to survive service-worker restarts.

use crate::origin::Site;
use crate::playbook::{self, Playbook};
use crate::protocol::{Snapshot, ToPage};
use crate::recognize::{recognize, PageKind, Recognition};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub type TabId = i64;

/// What one tab showed at its last snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TabState {
    pub url: String,
    pub recognition: Recognition,
    /// Milliseconds since the epoch, to find the most recent tab.
    pub seen_at_ms: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Assistant {
    pub playbook_id: Option<String>,
    pub tabs: BTreeMap<TabId, TabState>,
    /// Steps seen completed (e.g. the TBA box found ticked), by step id.
    pub done: Vec<String>,
}

/// Everything the side panel draws, computed here so the panel only renders.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PanelView {
    pub playbooks: Vec<PlaybookChoice>,
    pub playbook_id: String,
    pub summary: String,
    pub steps: Vec<StepView>,
    /// The tab the view is about, if the flow has been seen in any tab.
    pub tab: Option<TabView>,
    /// A sentence for the user when something is off, saying what to do next.
    pub notice: Option<String>,
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
    pub id: String,
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

impl Assistant {
    /// Records what a tab shows and answers the executor.
    pub fn on_snapshot(&mut self, tab: TabId, url: &str, snap: &Snapshot, now_ms: u64) -> ToPage {
        let recognition = recognize(url, snap);
        if recognition.facts.get("tba_enabled").map(String::as_str) == Some("true")
            && !self.done.iter().any(|d| d == "enable_tba")
        {
            self.done.push("enable_tba".into());
        }
        self.tabs.insert(
            tab,
            TabState {
                url: url.to_owned(),
                recognition,
                seen_at_ms: now_ms,
            },
        );
        ToPage::Idle
    }

    pub fn on_tab_closed(&mut self, tab: TabId) {
        self.tabs.remove(&tab);
    }

    /// The tab the panel should talk about: the active one if it is part of the flow, else the
    /// flow tab seen most recently.
    fn focus(&self, active: Option<TabId>) -> Option<(TabId, &TabState)> {
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

    pub fn select_playbook(&mut self, id: &str, all: &[Playbook]) -> Result<(), String> {
        if all.iter().any(|p| p.id == id) {
            self.playbook_id = Some(id.to_owned());
            Ok(())
        } else {
            Err(format!(
                "There is no playbook {id:?}. Pick one from the list."
            ))
        }
    }

    pub fn panel_view(&self, active: Option<TabId>, all: &[Playbook]) -> PanelView {
        let pb = self
            .playbook_id
            .as_deref()
            .and_then(|id| all.iter().find(|p| p.id == id))
            .or(all.first())
            .expect("at least one playbook is embedded");
        let focus = self.focus(active);
        let page = focus.and_then(|(_, t)| t.recognition.page);
        let current = page.and_then(|p| pb.step_of(p)).map(|(i, _)| i);
        let account = focus.and_then(|(_, t)| match &t.recognition.site {
            Some(Site::NetSuite(a)) => Some(a.clone()),
            _ => None,
        });
        let steps = pb
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| StepView {
                id: s.id.clone(),
                title: s.title.clone(),
                todo: pb.fill(&s.todo),
                state: if Some(i) == current {
                    StepState::Current
                } else if self.done.contains(&s.id) {
                    // Only what was seen done counts: being further along proves nothing.
                    StepState::Done
                } else {
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
            None => Some("Open NetSuite in a tab (Setup > Company > Enable Features is the first step); tba-assist follows along.".to_owned()),
            Some((_, t)) if t.recognition.page.is_none() => Some(format!(
                "This page is not one of the set-up's steps ({}). Use the step links below.",
                t.recognition.reasons.join(" ")
            )),
            _ => None,
        };
        PanelView {
            playbooks: all
                .iter()
                .map(|p| PlaybookChoice {
                    id: p.id.clone(),
                    name: p.name.clone(),
                })
                .collect(),
            playbook_id: pb.id.clone(),
            summary: pb.summary.clone(),
            steps,
            tab: focus.map(|(id, t)| TabView {
                tab_id: id,
                site: match &t.recognition.site {
                    Some(Site::NetSuite(_)) => "netsuite".into(),
                    Some(Site::Celigo(_)) => "celigo".into(),
                    None => "other".into(),
                },
                page: t.recognition.page,
                account: account.as_ref().map(|a| a.to_string()),
            }),
            notice,
        }
    }
}

/// The embedded playbooks; panics only if an embedded file is broken, which the tests catch.
pub fn playbooks() -> &'static [Playbook] {
    static CELL: std::sync::OnceLock<Vec<Playbook>> = std::sync::OnceLock::new();
    CELL.get_or_init(|| playbook::embedded().expect("embedded playbooks are valid"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::Control;

    fn token_form() -> Snapshot {
        let c = |handle, id: &str| Control {
            handle,
            tag: "input".into(),
            kind: "text".into(),
            id: id.into(),
            visible: true,
            ..Default::default()
        };
        let mut save = c(5, "submitter");
        save.kind = "submit".into();
        save.value = Some("Save".into());
        Snapshot {
            controls: vec![
                c(1, "inpt_application"),
                c(2, "inpt_user"),
                c(3, "inpt_role"),
                c(4, "name"),
                save,
            ],
            ..Default::default()
        }
    }

    #[test]
    fn panel_follows_the_most_recent_flow_tab() {
        let mut a = Assistant::default();
        a.on_snapshot(
            7,
            "https://1234567-sb1.app.netsuite.com/app/setup/accesstoken.nl",
            &token_form(),
            10,
        );
        let v = a.panel_view(Some(99), playbooks());
        let tab = v.tab.unwrap();
        assert_eq!(tab.tab_id, 7);
        assert_eq!(tab.page, Some(PageKind::NetsuiteAccessTokenNew));
        assert_eq!(tab.account.as_deref(), Some("1234567_SB1 (sandbox)"));
        let current: Vec<&str> = v
            .steps
            .iter()
            .filter(|s| s.state == StepState::Current)
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(current, ["create_token"]);
        assert_eq!(
            v.steps[0].link.as_deref(),
            Some("https://1234567-sb1.app.netsuite.com/app/setup/features.nl?whence=")
        );
        assert!(v.notice.is_none());
        // Reaching step D proves nothing about A to C.
        assert!(v.steps[..3].iter().all(|s| s.state == StepState::Pending));
    }

    #[test]
    fn state_survives_a_round_trip() {
        let mut a = Assistant::default();
        a.select_playbook("jira-smartconnector", playbooks())
            .unwrap();
        a.on_snapshot(
            3,
            "https://1234567.app.netsuite.com/app/setup/accesstoken.nl",
            &token_form(),
            1,
        );
        let back: Assistant = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        assert_eq!(back, a);
        assert!(a.select_playbook("nope", playbooks()).is_err());
    }

    #[test]
    fn no_flow_tab_gives_a_notice() {
        let v = Assistant::default().panel_view(None, playbooks());
        assert!(v.tab.is_none());
        assert!(v.notice.unwrap().contains("Open NetSuite"));
    }
}
