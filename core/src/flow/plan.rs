//! Plans: the actions a Do it runs in the page and the checks their results must pass.
//!
//! Planning is all or nothing: [`find_all`] gives every target of a step found exactly once, or
//! the list of what is not, and a plan that writes is made only in the first case. After the
//! executor ran a plan, [`Plan::verify`] reads its results back, so a value the page reverted is
//! an error for the person, not a success.

use super::refusal::{NotFound, Refusal, Unfinished};
use super::{norm, Ctx};
use crate::locator::{resolve, Resolution, Target};
use crate::playbook::StepId;
use crate::protocol::{Action, ActionResult, Control, Guide, Handle, Snapshot};
use crate::recognize::SiteLocators;

/// A check of one action's result, so a value the page reverted is an error, not a success.
#[derive(Debug, Clone, PartialEq)]
pub enum Expect {
    /// The value read back equals this (compared without case and extra white space).
    Equals(String),
    /// The value read back is one of these (a dropdown's synonyms).
    OneOf(Vec<String>),
    /// The value read back is not empty (a NetSuite internal id was set).
    NotEmpty,
    /// A password field holds exactly what was filled.
    Matches,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub index: usize,
    pub expect: Expect,
    /// The element, as the user knows it: "the Application Name dropdown".
    pub what: String,
}

/// Actions to run, with the checks their results must pass.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub step: StepId,
    pub actions: Vec<Action>,
    pub checks: Vec<Check>,
    /// The last action opens another page: there is nothing more to look at on this one.
    pub navigates: bool,
    /// What to show after the plan ran, while the page still looks as it did before (an
    /// outcome the page itself cannot show, such as a window it opened elsewhere).
    pub after: Option<Guide>,
}

impl Plan {
    pub(super) fn new(step: StepId) -> Plan {
        Plan {
            step,
            actions: Vec::new(),
            checks: Vec::new(),
            navigates: false,
            after: None,
        }
    }

    pub(super) fn push(&mut self, action: Action) -> usize {
        self.actions.push(action);
        self.actions.len() - 1
    }

    /// Adds an action whose result must pass `expect`; `what` names the element for the person.
    pub(super) fn expect(&mut self, action: Action, expect: Expect, what: &str) {
        let index = self.push(action);
        self.checks.push(Check {
            index,
            expect,
            what: what.to_owned(),
        });
    }

    /// Whether the executor's results show the plan done as meant. The refusal says which
    /// action failed or which element did not take its value, for the user.
    pub fn verify(&self, results: &[ActionResult]) -> Result<(), Refusal> {
        let unfinished = |why| Refusal::Unfinished {
            step: self.step,
            why,
        };
        for (i, r) in results.iter().enumerate() {
            if let ActionResult::Failed { reason } = r {
                return Err(unfinished(Unfinished::ActionFailed {
                    number: i + 1,
                    reason: reason.clone(),
                }));
            }
        }
        if results.len() < self.actions.len() {
            return Err(unfinished(Unfinished::StoppedAnswering));
        }
        match self.checks.iter().find(|c| !passes(c, &results[c.index])) {
            Some(c) => Err(unfinished(Unfinished::NotKept {
                what: c.what.clone(),
            })),
            None => Ok(()),
        }
    }
}

/// Whether one action's result passes its check (failures were returned before).
fn passes(check: &Check, result: &ActionResult) -> bool {
    let (value, matches) = match result {
        ActionResult::Done { value, matches } => {
            (value.as_ref().map_or("", |v| v.expose().as_str()), *matches)
        }
        ActionResult::Failed { .. } => return false,
    };
    match &check.expect {
        Expect::Equals(want) => norm(value) == norm(want),
        Expect::OneOf(wanted) => wanted.iter().any(|w| norm(value) == norm(w)),
        Expect::NotEmpty => !value.trim().is_empty(),
        Expect::Matches => matches == Some(true),
    }
}

/// Finds a target of `loc` in `snap`, with the playbook's values filled into it.
pub(super) fn find(
    loc: &SiteLocators,
    name: &str,
    snap: &Snapshot,
    ctx: &Ctx,
) -> Result<Handle, NotFound> {
    let target: Target = loc
        .target(name)
        .unwrap_or_else(|| panic!("locator target {name:?} is missing from the embedded data"))
        .with_values(&|k| ctx.value(k));
    match resolve(&target, snap) {
        Resolution::Found { handle, .. } => Ok(handle),
        Resolution::Ambiguous { handles } => Err(NotFound::Ambiguous {
            what: target.describe,
            count: handles.len(),
        }),
        Resolution::Absent { tried } => Err(NotFound::Absent {
            what: target.describe,
            tried,
        }),
    }
}

/// All of `names` or the list of what is missing: planning is all or nothing.
pub(super) fn find_all<const N: usize>(
    loc: &SiteLocators,
    names: [&str; N],
    snap: &Snapshot,
    ctx: &Ctx,
) -> Result<[Handle; N], Vec<NotFound>> {
    let found: Vec<Result<Handle, NotFound>> =
        names.iter().map(|n| find(loc, n, snap, ctx)).collect();
    let missing: Vec<NotFound> = found.iter().filter_map(|r| r.clone().err()).collect();
    if missing.is_empty() {
        Ok(std::array::from_fn(|i| {
            found[i].clone().expect("checked above")
        }))
    } else {
        Err(missing)
    }
}

/// The control of the snapshot with this handle.
pub(super) fn control(snap: &Snapshot, h: Handle) -> Option<&Control> {
    snap.controls.iter().find(|c| c.handle == h)
}

/// Choosing an option by clicks, as a person would, in the site's own list.
pub(super) fn choose(loc: &SiteLocators, handle: Handle, options: Vec<String>) -> Action {
    Action::Choose {
        handle,
        options,
        list: loc.dropdowns.list.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn done(value: Option<&str>, matches: Option<bool>) -> ActionResult {
        ActionResult::Done {
            value: value.map(Into::into),
            matches,
        }
    }

    /// Click, then a fill read back as equal, a dropdown among synonyms, an id, a password.
    fn plan() -> Plan {
        let mut p = Plan::new(StepId::FillConnection);
        p.push(Action::Click { handle: 1 });
        let fill = |handle| Action::Fill {
            handle,
            value: "v".into(),
        };
        p.expect(
            fill(2),
            Expect::Equals("Account  ID".into()),
            "the Account ID",
        );
        p.expect(
            Action::ReadBack { handle: 3 },
            Expect::OneOf(vec!["Sandbox".into(), "Sandbox 2.0".into()]),
            "the Environment",
        );
        p.expect(Action::ReadBack { handle: 4 }, Expect::NotEmpty, "the id");
        p.expect(fill(5), Expect::Matches, "the Token ID field");
        p
    }

    fn good() -> Vec<ActionResult> {
        vec![
            done(None, None),
            done(Some("account id"), None),
            done(Some("SANDBOX 2.0"), None),
            done(Some("17"), None),
            done(None, Some(true)),
        ]
    }

    fn why(r: Result<(), Refusal>) -> Unfinished {
        match r {
            Err(Refusal::Unfinished { step, why }) => {
                assert_eq!(step, StepId::FillConnection);
                why
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_plan_is_verified_against_every_check() {
        let p = plan();
        assert_eq!(p.verify(&good()), Ok(()));
        for (index, bad, what) in [
            (1, done(Some("other"), None), "the Account ID"),
            (2, done(Some("Production"), None), "the Environment"),
            (3, done(Some("  "), None), "the id"),
            (4, done(None, Some(false)), "the Token ID field"),
            (4, done(None, None), "the Token ID field"),
        ] {
            let mut results = good();
            results[index] = bad;
            let not_kept = why(p.verify(&results));
            assert_eq!(not_kept, Unfinished::NotKept { what: what.into() });
            assert_eq!(
                Refusal::Unfinished { step: p.step, why: not_kept }.to_string(),
                format!("The page did not keep the value of {what}. Nothing was saved; try again, or set it by hand.")
            );
        }
    }

    #[test]
    fn a_failed_action_or_a_short_answer_is_unfinished() {
        let p = plan();
        let mut results = good();
        results[2] = ActionResult::Failed {
            reason: "no such option".into(),
        };
        let failed = why(p.verify(&results));
        assert_eq!(
            failed,
            Unfinished::ActionFailed {
                number: 3,
                reason: "no such option".into()
            }
        );
        assert_eq!(
            Refusal::Unfinished {
                step: p.step,
                why: failed
            }
            .to_string(),
            "Step 3 of the plan failed: no such option."
        );
        assert_eq!(why(p.verify(&good()[..4])), Unfinished::StoppedAnswering);
    }
}
