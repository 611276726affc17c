//! What tba-assist shows and does on each page of the flow.
//!
//! For every recognised page, [`guide`] says what the in-page highlight and the side panel show
//! (read-only), and [`do_it`] makes the plan for the step's data entry. A plan is made only when
//! every element it touches was found exactly once: otherwise the answer is a [`Refusal`] that
//! names what is missing, and nothing is written. Decisions stay with the person: the plans fill
//! and tick, and point at "I Agree" and "Save" without pressing them.
//!
//! This file only dispatches on the page kind. Each page kind (or site) has its module, so that
//! what tba-assist says and does on one page reads in one sitting:
//!
//! - [`features`]: Enable Features and the SuiteCloud terms (step A);
//! - [`role`]: Manage Roles and the role form (step B);
//! - [`user`]: Manage Users and the employee record (step C);
//! - [`token_form`]: the access-token list and form (step D), with what the form shows undone;
//! - [`confirmation`]: taking the Token ID and Secret from the page NetSuite shows once;
//! - [`celigo`]: the Celigo connection form, the token it gets, Test and Save;
//! - [`plan`]: plans, their checks and how targets are found; [`refusal`]: why nothing was done.

mod celigo;
mod confirmation;
mod features;
mod plan;
mod refusal;
mod role;
mod token_form;
mod user;

pub use celigo::{
    celigo_guide, celigo_plan, form_account, pick_token, saved, saved_guide, test_outcome,
    CeligoPlan,
};
pub use confirmation::{capture_plan, captured_pair};
pub use plan::{Check, Expect, Plan};
pub use refusal::{EarlierStep, NotFound, Refusal, Unfinished};
pub use token_form::{token_form_blocker, token_form_by_clicks};

use crate::playbook::{Playbook, StepId};
use crate::protocol::{Guide, Handle, Snapshot, Tone};
use crate::recognize::{PageKind, Recognition};
use crate::words::text;

/// What the flow knows beyond the page: the playbook and the person's choices.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    pub playbook: &'a Playbook,
    /// The name of the role to create (the playbook's, or the person's own).
    pub clone_name: &'a str,
    /// Internal id of the employee whose record was edited at step C, for step D's User.
    pub user_id: Option<&'a str>,
}

impl Ctx<'_> {
    fn value(&self, key: &str) -> Option<String> {
        match key {
            "clone_name" => Some(self.clone_name.to_owned()),
            _ => self.playbook.value(key),
        }
    }

    /// The playbook's title of a step; empty for none, or a step the playbook leaves out.
    fn title(&self, step: Option<StepId>) -> String {
        self.playbook
            .steps
            .iter()
            .find(|s| Some(s.id) == step)
            .map(|s| s.title.clone())
            .unwrap_or_default()
    }
}

/// What the page's highlight says; `done` lists the steps this page proves complete.
#[derive(Debug, Clone, PartialEq)]
pub struct Look {
    pub guide: Option<Guide>,
    pub done: Vec<StepId>,
}

impl Look {
    /// Nothing to show on this page.
    fn nothing() -> Look {
        Look {
            guide: None,
            done: vec![],
        }
    }

    fn says(guide: Guide) -> Look {
        Look {
            guide: Some(guide),
            done: vec![],
        }
    }

    /// The page proves `guide`'s step done.
    fn done(guide: Guide) -> Look {
        Look {
            done: guide.step.into_iter().collect(),
            guide: Some(guide),
        }
    }
}

/// A guide about `step`, titled as the playbook titles it.
fn guide_for(
    ctx: &Ctx,
    step: impl Into<Option<StepId>>,
    message: String,
    tone: Tone,
    point_at: Option<Handle>,
    do_it: Option<&str>,
) -> Guide {
    let step = step.into();
    Guide {
        step,
        title: ctx.title(step),
        message,
        tone,
        point_at,
        do_it: do_it.map(str::to_owned),
    }
}

fn norm(s: &str) -> String {
    crate::locator::normalize(s)
}

fn fact(r: &Recognition, name: &str) -> bool {
    r.facts.get(name).map(String::as_str) == Some("true")
}

fn shows_text(snap: &Snapshot, wanted: &str) -> bool {
    let wanted = norm(wanted);
    snap.texts
        .iter()
        .any(|t| t.text.as_deref().is_some_and(|x| norm(x) == wanted))
}

/// Whether `text` contains one of `needles`, ignoring case: how the sites' messages are read.
pub fn says(text: &str, needles: &[String]) -> bool {
    let lower = text.to_lowercase();
    needles.iter().any(|n| lower.contains(&n.to_lowercase()))
}

/// Text on the page containing one of `needles` (case-insensitive).
pub fn page_says(snap: &Snapshot, needles: &[String]) -> Option<String> {
    snap.texts
        .iter()
        .filter_map(|t| t.text.as_deref())
        .find(|text| says(text, needles))
        .map(str::to_owned)
}

/// The highlight for a page, without changing anything.
pub fn guide(r: &Recognition, snap: &Snapshot, ctx: &Ctx) -> Look {
    let Some(page) = r.page else {
        return Look::nothing();
    };
    match page {
        PageKind::NetsuiteLogin => Look::says(login_guide()),
        PageKind::NetsuiteEnableFeatures => features::guide(r, snap, ctx),
        PageKind::NetsuiteRoleList | PageKind::NetsuiteRoleView | PageKind::NetsuiteRoleForm => {
            role::guide(page, snap, ctx)
        }
        PageKind::NetsuiteUserList
        | PageKind::NetsuiteEmployeeView
        | PageKind::NetsuiteEmployeeEdit => user::guide(page, snap, ctx),
        PageKind::NetsuiteAccessTokenList | PageKind::NetsuiteAccessTokenNew => {
            token_form::guide(page, snap, ctx)
        }
        // Capture happens without a click (see `capture_plan`); the worker shows its outcome.
        PageKind::NetsuiteTokenConfirmation => Look::nothing(),
        PageKind::CeligoConnections | PageKind::CeligoIntegrationAppConnections => {
            celigo::connections_guide(ctx)
        }
        // The Celigo form's guide depends on the vault: see `celigo_guide`.
        PageKind::CeligoConnectionEdit => Look::nothing(),
    }
}

/// The session expired: NetSuite shows its login form instead of the step's page.
fn login_guide() -> Guide {
    Guide {
        step: None,
        title: text("login.title").into(),
        message: text("login.message").into(),
        tone: Tone::Error,
        point_at: None,
        do_it: None,
    }
}

/// The plan for "Do it" on a NetSuite page, or why there is none.
pub fn do_it(r: &Recognition, snap: &Snapshot, ctx: &Ctx) -> Result<Plan, Refusal> {
    let page = r.page.ok_or_else(|| Refusal::UnknownPage {
        reasons: r.reasons.clone(),
    })?;
    match page {
        PageKind::NetsuiteEnableFeatures => features::do_it(snap, ctx),
        PageKind::NetsuiteRoleList | PageKind::NetsuiteRoleForm => role::do_it(page, snap, ctx),
        PageKind::NetsuiteEmployeeView | PageKind::NetsuiteEmployeeEdit => {
            user::do_it(page, snap, ctx)
        }
        PageKind::NetsuiteAccessTokenList | PageKind::NetsuiteAccessTokenNew => {
            token_form::do_it(page, snap, ctx)
        }
        PageKind::NetsuiteTokenConfirmation => Err(Refusal::CapturesItself),
        _ => Err(Refusal::NothingToDo {
            step: ctx.playbook.step_of(page).map(|(_, s)| s.id),
        }),
    }
}

/// What the modules' tests share: the embedded playbooks and a context for them.
#[cfg(test)]
mod testing {
    use super::Ctx;
    use crate::assistant::playbooks;
    use crate::playbook::Playbook;

    pub const NS: &str = "https://1234567.app.netsuite.com";

    pub fn pb(id: &str) -> &'static Playbook {
        playbooks().iter().find(|p| p.id == id).unwrap()
    }

    pub fn ctx(p: &Playbook) -> Ctx<'_> {
        Ctx {
            playbook: p,
            clone_name: &p.netsuite.clone_name,
            user_id: Some("42"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{ctx, pb, NS};
    use super::*;
    use crate::fixtures::control;
    use crate::recognize::recognize;

    #[test]
    fn an_unknown_page_is_refused_with_the_recognizers_reasons() {
        let p = pb("integrator-io");
        let url = format!("{NS}/app/center/card.nl");
        let snap = Snapshot::default();
        let r = recognize(&url, &snap);
        assert_eq!(guide(&r, &snap, &ctx(p)), Look::nothing());
        let refusal = do_it(&r, &snap, &ctx(p)).unwrap_err();
        assert_eq!(
            refusal,
            Refusal::UnknownPage {
                reasons: r.reasons.clone()
            }
        );
        let g = refusal.guide(&ctx(p));
        assert_eq!(
            (g.step, g.title.as_str()),
            (None, "Not a step of the set-up")
        );
        assert!(
            g.message.contains("card.nl is not a page of the set-up"),
            "{}",
            g.message
        );
    }

    #[test]
    fn pages_without_data_entry_say_so_under_the_playbooks_step() {
        let jira = pb("jira-smartconnector");
        let io = pb("integrator-io");
        let snap = Snapshot::default();
        for (p, url, step) in [
            (
                io,
                format!("{NS}/app/setup/listusers.nl"),
                Some(StepId::AssignRole),
            ),
            (
                io,
                "https://integrator.io/connections".into(),
                Some(StepId::FillConnection),
            ),
            // The Jira playbook reaches its connection through the SmartConnector's settings.
            (jira, "https://integrator.io/connections".into(), None),
        ] {
            let r = recognize(&url, &snap);
            let refusal = do_it(&r, &snap, &ctx(p)).unwrap_err();
            assert_eq!(refusal, Refusal::NothingToDo { step }, "{url}");
            let g = refusal.guide(&ctx(p));
            assert_eq!((g.step, g.tone), (step, Tone::Info));
            assert_eq!(g.message, "There is no data entry to do on this page.");
        }
    }

    #[test]
    fn the_login_page_says_the_session_expired_and_the_confirmation_captures_itself() {
        let p = pb("integrator-io");
        let snap = Snapshot {
            controls: vec![
                control(1, "input", "text", "userName"),
                control(2, "input", "password", "password"),
            ],
            ..Default::default()
        };
        let r = recognize(&format!("{NS}/app/login/secure/enterpriselogin.nl"), &snap);
        let look = guide(&r, &snap, &ctx(p));
        let g = look.guide.unwrap();
        assert_eq!((g.step, g.tone), (None, Tone::Error));
        assert_eq!(g.title, "NetSuite session expired");
        assert!(look.done.is_empty());

        let snap = crate::fixtures::confirmation();
        let r = recognize(&format!("{NS}/app/setup/accesstoken.nl"), &snap);
        assert_eq!(r.page, Some(PageKind::NetsuiteTokenConfirmation));
        assert_eq!(guide(&r, &snap, &ctx(p)), Look::nothing());
        let g = do_it(&r, &snap, &ctx(p)).unwrap_err().guide(&ctx(p));
        assert_eq!(
            (g.step, g.tone, g.title.as_str()),
            (
                Some(StepId::CaptureToken),
                Tone::Info,
                "Take the Token ID and Secret"
            )
        );
    }

    #[test]
    fn says_ignores_case() {
        let needles = vec!["Connection Saved".to_owned()];
        assert!(says("Your connection saved!", &needles));
        assert!(!says("Saved", &needles));
    }
}
