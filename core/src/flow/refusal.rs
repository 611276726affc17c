//! Why tba-assist changed nothing, or stopped.
//!
//! Every refusal of the flow is one value of [`Refusal`], made where the reason is found and
//! rendered into the highlight's [`Guide`] in one place, [`Refusal::guide`]: so what a person
//! reads about a missing field, an earlier step not done or a value the page did not keep is
//! worded, titled and offered a button the same way wherever it happens. The variants carry
//! what the sentence names (the missing fields, the role, the step), never a secret.

use super::{guide_for, Ctx};
use crate::playbook::StepId;
use crate::protocol::{Guide, Tone};
use crate::words::{say, text};
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// The page is not one tba-assist knows; the reasons are the recognizer's.
    UnknownPage { reasons: Vec<String> },
    /// The page has no data entry (the step is the playbook's for the page, if it lists it).
    NothingToDo { step: Option<StepId> },
    /// The confirmation page: the Token ID and Secret are taken without a Do it.
    CapturesItself,
    /// Elements the step needs were not found exactly once: nothing was written.
    Missing {
        step: StepId,
        missing: Vec<NotFound>,
    },
    /// The role name has characters other than letters and digits.
    BadCloneName { name: String },
    /// The token form shows that an earlier step is not done.
    EarlierStep(EarlierStep),
    /// The Token ID and Secret could not be taken from the confirmation page.
    NotTaken { reason: String },
    /// A plan ran but did not do what it meant (see [`Plan::verify`](super::Plan::verify)).
    Unfinished { step: StepId, why: Unfinished },
    /// No captured token is in memory for the Celigo form.
    NoToken,
    /// Several tokens are in memory (account, fingerprint) and nothing says which one.
    SeveralTokens { tokens: Vec<(String, String)> },
}

/// A target of the locator data that was not found exactly once.
#[derive(Debug, Clone, PartialEq)]
pub enum NotFound {
    /// Nothing matched; `tried` says each way it was looked for.
    Absent { what: String, tried: String },
    /// Several elements matched equally well.
    Ambiguous { what: String, count: usize },
}

/// What the token form shows undone, checked before anything is filled.
#[derive(Debug, Clone, PartialEq)]
pub enum EarlierStep {
    /// Token-based Authentication is off (step A).
    TbaOff,
    /// The Application Name the connector's bundle installs is not offered.
    NoApplication {
        application: String,
        requires: String,
    },
    /// The user of step C is not in the User list.
    UserNotListed { role: String },
    /// The role is not offered for the user chosen (steps B and C).
    RoleNotOffered { role: String },
}

/// How a plan that ran fell short.
#[derive(Debug, Clone, PartialEq)]
pub enum Unfinished {
    /// Action `number` (from 1) failed in the page.
    ActionFailed { number: usize, reason: String },
    /// The page answered fewer actions than the plan has.
    StoppedAnswering,
    /// A read-back did not find the value set; `what` names the element for the person.
    NotKept { what: String },
}

impl Refusal {
    /// The highlight for this refusal: the one place a refusal becomes a [`Guide`].
    pub fn guide(&self, ctx: &Ctx) -> Guide {
        if let Refusal::UnknownPage { .. } = self {
            return Guide {
                step: None,
                title: text("refusal.unknown_page_title").into(),
                message: self.message(),
                tone: Tone::Error,
                point_at: None,
                do_it: None,
            };
        }
        guide_for(
            ctx,
            self.step(),
            self.message(),
            self.tone(),
            None,
            self.do_it(),
        )
    }

    /// The step the refusal is about.
    pub fn step(&self) -> Option<StepId> {
        match self {
            Refusal::UnknownPage { .. } => None,
            Refusal::NothingToDo { step } => *step,
            Refusal::CapturesItself | Refusal::NotTaken { .. } => Some(StepId::CaptureToken),
            Refusal::Missing { step, .. } | Refusal::Unfinished { step, .. } => Some(*step),
            Refusal::BadCloneName { .. } => Some(StepId::CloneRole),
            Refusal::EarlierStep(_) => Some(StepId::CreateToken),
            Refusal::NoToken | Refusal::SeveralTokens { .. } => Some(StepId::FillConnection),
        }
    }

    fn tone(&self) -> Tone {
        match self {
            Refusal::NothingToDo { .. } | Refusal::CapturesItself => Tone::Info,
            _ => Tone::Error,
        }
    }

    /// The button that tries again, where trying again on the same page can help.
    fn do_it(&self) -> Option<&'static str> {
        match self {
            Refusal::EarlierStep(_) => Some(text("button.fill_form")),
            Refusal::NotTaken { .. } => Some(text("button.take_again")),
            _ => None,
        }
    }

    /// What the person reads.
    pub fn message(&self) -> String {
        match self {
            Refusal::UnknownPage { reasons } => {
                say("refusal.unknown_page", &[("reasons", &reasons.join(" "))])
            }
            Refusal::NothingToDo { .. } => text("refusal.nothing_to_do").into(),
            Refusal::CapturesItself => text("refusal.captures_itself").into(),
            Refusal::Missing { missing, .. } => {
                let missing: Vec<String> = missing.iter().map(NotFound::message).collect();
                say("refusal.missing", &[("missing", &missing.join("; "))])
            }
            Refusal::BadCloneName { name } => {
                say("refusal.bad_clone_name", &[("name", &format!("{name:?}"))])
            }
            Refusal::EarlierStep(e) => e.message(),
            Refusal::NotTaken { reason } => say("refusal.not_taken", &[("reason", reason)]),
            Refusal::Unfinished { why, .. } => why.message(),
            Refusal::NoToken => text("refusal.no_token").into(),
            Refusal::SeveralTokens { tokens } => {
                let listed: Vec<String> = tokens
                    .iter()
                    .map(|(account, fingerprint)| {
                        say(
                            "refusal.token_in_list",
                            &[("account", account), ("fingerprint", fingerprint)],
                        )
                    })
                    .collect();
                say(
                    "refusal.several_tokens",
                    &[
                        ("count", &tokens.len().to_string()),
                        ("tokens", &listed.join(", ")),
                    ],
                )
            }
        }
    }
}

/// The message, for callers that show it in a guide of their own.
impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Refusal {}

/// What was not found, as [`Refusal::Missing`] lists it.
impl fmt::Display for NotFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl NotFound {
    fn message(&self) -> String {
        match self {
            NotFound::Absent { what, tried } => {
                say("refusal.absent", &[("what", what), ("tried", tried)])
            }
            NotFound::Ambiguous { what, count } => say(
                "refusal.ambiguous",
                &[("what", what), ("count", &count.to_string())],
            ),
        }
    }
}

impl EarlierStep {
    fn message(&self) -> String {
        match self {
            EarlierStep::TbaOff => text("refusal.tba_off").into(),
            EarlierStep::NoApplication {
                application,
                requires,
            } => say(
                "refusal.no_application",
                &[
                    ("application", &format!("{application:?}")),
                    ("requires", requires),
                ],
            ),
            EarlierStep::UserNotListed { role } => {
                say("refusal.user_not_listed", &[("role", role)])
            }
            EarlierStep::RoleNotOffered { role } => {
                say("refusal.role_not_offered", &[("role", role)])
            }
        }
    }
}

impl Unfinished {
    fn message(&self) -> String {
        match self {
            Unfinished::ActionFailed { number, reason } => say(
                "refusal.action_failed",
                &[("number", &number.to_string()), ("reason", reason)],
            ),
            Unfinished::StoppedAnswering => text("refusal.stopped_answering").into(),
            Unfinished::NotKept { what } => say("refusal.not_kept", &[("what", what)]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ctx, pb};
    use super::*;

    fn absent(what: &str) -> NotFound {
        NotFound::Absent {
            what: what.into(),
            tried: "id \"x\"".into(),
        }
    }

    /// Every variant, with the step, tone and button its guide has.
    fn every_variant() -> Vec<(Refusal, Option<StepId>, Tone, Option<&'static str>)> {
        use Tone::{Error, Info};
        let step = Some(StepId::CreateToken);
        let earlier = |e| Refusal::EarlierStep(e);
        let fill = Some("Fill the form");
        vec![
            (
                Refusal::UnknownPage {
                    reasons: vec!["r.".into()],
                },
                None,
                Error,
                None,
            ),
            (Refusal::NothingToDo { step: None }, None, Info, None),
            (
                Refusal::CapturesItself,
                Some(StepId::CaptureToken),
                Info,
                None,
            ),
            (
                Refusal::Missing {
                    step: StepId::CreateToken,
                    missing: vec![absent("the Role dropdown")],
                },
                step,
                Error,
                None,
            ),
            (
                Refusal::BadCloneName { name: "A b".into() },
                Some(StepId::CloneRole),
                Error,
                None,
            ),
            (earlier(EarlierStep::TbaOff), step, Error, fill),
            (
                earlier(EarlierStep::NoApplication {
                    application: "App".into(),
                    requires: "the bundle".into(),
                }),
                step,
                Error,
                fill,
            ),
            (
                earlier(EarlierStep::UserNotListed { role: "R1".into() }),
                step,
                Error,
                fill,
            ),
            (
                earlier(EarlierStep::RoleNotOffered { role: "R1".into() }),
                step,
                Error,
                fill,
            ),
            (
                Refusal::NotTaken {
                    reason: "gone".into(),
                },
                Some(StepId::CaptureToken),
                Error,
                Some("Try to take them again"),
            ),
            (
                Refusal::Unfinished {
                    step: StepId::EnableTba,
                    why: Unfinished::StoppedAnswering,
                },
                Some(StepId::EnableTba),
                Error,
                None,
            ),
            (Refusal::NoToken, Some(StepId::FillConnection), Error, None),
            (
                Refusal::SeveralTokens {
                    tokens: vec![("1".into(), "ab".into()), ("2".into(), "cd".into())],
                },
                Some(StepId::FillConnection),
                Error,
                None,
            ),
        ]
    }

    #[test]
    fn each_refusal_renders_with_its_step_tone_and_button() {
        let p = pb("integrator-io");
        for (refusal, step, tone, button) in every_variant() {
            let g = refusal.guide(&ctx(p));
            assert_eq!(
                (g.step, g.tone, g.do_it.as_deref()),
                (step, tone, button),
                "{refusal:?}"
            );
            assert_eq!(g.message, refusal.to_string());
            assert!(!g.message.is_empty() && g.point_at.is_none());
            let title = if let Refusal::UnknownPage { .. } = refusal {
                "Not a step of the set-up".to_owned()
            } else {
                ctx(p).title(step)
            };
            assert_eq!(g.title, title);
        }
    }

    #[test]
    fn what_is_missing_is_listed_in_one_sentence() {
        let r = Refusal::Missing {
            step: StepId::FillConnection,
            missing: vec![
                absent("the Token ID field"),
                NotFound::Ambiguous {
                    what: "the Save button".into(),
                    count: 2,
                },
            ],
        };
        assert_eq!(
            r.to_string(),
            "tba-assist changed nothing: on this page the Token ID field was not found (looked for id \"x\"); the Save button matched 2 elements, so tba-assist cannot tell which one is meant. If NetSuite or Celigo changed this page, do this step by hand and report it."
        );
        let r = Refusal::SeveralTokens {
            tokens: vec![
                ("1234567".into(), "ab12cd34".into()),
                ("1234567_SB1".into(), "ef".into()),
            ],
        };
        assert_eq!(r.to_string(), "2 tokens are in memory (1234567 ab12cd34, 1234567_SB1 ef). Pick the one for this connection in the side panel.");
    }
}
