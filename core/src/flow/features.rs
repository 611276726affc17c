//! Step A, Setup > Company > Enable Features: Token-based Authentication.
//!
//! tba-assist opens the SuiteCloud subtab and ticks the box; NetSuite then shows its SuiteCloud
//! Terms of Service, which only the person may accept. Those terms open in a pop-up window of
//! NetSuite's own, where the highlight cannot point, so the plan carries what to say after it
//! ran ([`Plan::after`]) while the page still looks unticked.

use super::plan::{find, find_all, Plan};
use super::refusal::Refusal;
use super::{fact, guide_for, Ctx, Look};
use crate::playbook::StepId;
use crate::protocol::{Action, Snapshot, Tone};
use crate::recognize::{netsuite, Recognition};
use crate::words::text;

const STEP: StepId = StepId::EnableTba;

/// The highlight: done once saved; else the terms, Save, or the box to tick, in that order.
pub(super) fn guide(r: &Recognition, snap: &Snapshot, ctx: &Ctx) -> Look {
    let found = |name: &str| find(netsuite(), name, snap, ctx).ok();
    let show =
        |message: &str, tone, at, do_it| guide_for(ctx, STEP, message.into(), tone, at, do_it);
    if fact(r, "tba_saved") {
        return Look::done(show(text("features.saved"), Tone::Success, None, None));
    }
    if fact(r, "terms_open") {
        return Look::says(show(
            text("features.terms_open"),
            Tone::Info,
            found("terms_agree"),
            None,
        ));
    }
    if fact(r, "tba_ticked") {
        return Look::says(show(
            text("features.ticked"),
            Tone::Info,
            found("save"),
            None,
        ));
    }
    let at = if fact(r, "tba_box_shown") {
        found("tba_checkbox")
    } else {
        found("suitecloud_subtab")
    };
    Look::says(show(
        text("features.tick"),
        Tone::Info,
        at,
        Some(text("button.tick")),
    ))
}

/// Opens the subtab and ticks the box; never I Agree, never Save.
pub(super) fn do_it(snap: &Snapshot, ctx: &Ctx) -> Result<Plan, Refusal> {
    let [subtab, tba] = find_all(netsuite(), ["suitecloud_subtab", "tba_checkbox"], snap, ctx)
        .map_err(|missing| Refusal::Missing {
            step: STEP,
            missing,
        })?;
    let mut plan = Plan::new(STEP);
    plan.push(Action::Click { handle: subtab });
    // No read-back: NetSuite holds the tick until the person accepts the terms, in a pop-up
    // window of its own where the product's pointer cannot go.
    plan.push(Action::Check {
        handle: tba,
        on: true,
    });
    plan.after = Some(guide_for(
        ctx,
        STEP,
        text("features.terms_elsewhere").into(),
        Tone::Info,
        Some(tba),
        Some(text("button.tick_again")),
    ));
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ctx, pb, NS};
    use super::super::{do_it, guide};
    use super::*;
    use crate::fixtures::control as c;
    use crate::recognize::recognize;

    /// The SuiteCloud subtab (1), the TBA box (2, hidden until the subtab is open), Save (3).
    fn features(checked: bool, saved: bool) -> Snapshot {
        let mut sub = c(1, "a", "", "customtxt");
        sub.text = "SuiteCloud".into();
        let mut tba = c(2, "input", "checkbox", "tba");
        tba.checked = Some(checked);
        tba.default_checked = Some(saved);
        tba.visible = false;
        let mut save = c(3, "input", "submit", "submitter");
        save.value = Some("Save".into());
        Snapshot {
            controls: vec![sub, tba, save],
            ..Default::default()
        }
    }

    #[test]
    fn enable_features_ticks_but_never_agrees() {
        let p = pb("integrator-io");
        let mut agree = c(4, "button", "button", "agree");
        agree.text = "I Agree".into();
        let snap = features(false, false);
        let url = format!("{NS}/app/setup/features.nl");
        let r = recognize(&url, &snap);
        let plan = do_it(&r, &snap, &ctx(p)).unwrap();
        assert_eq!(
            plan.actions,
            vec![
                Action::Click { handle: 1 },
                Action::Check {
                    handle: 2,
                    on: true
                }
            ]
        );
        let g = guide(&r, &snap, &ctx(p)).guide.unwrap();
        assert_eq!(
            (g.point_at, g.do_it.as_deref()),
            (Some(1), Some("Tick it for me"))
        );

        let mut with_terms = snap.clone();
        with_terms.controls.push(agree);
        let r = recognize(&url, &with_terms);
        let g = guide(&r, &with_terms, &ctx(p)).guide.unwrap();
        assert_eq!(
            (g.point_at, g.do_it),
            (Some(4), None),
            "points at I Agree, never clicks it"
        );
    }

    #[test]
    fn a_ticked_box_asks_for_save_and_a_saved_one_is_done() {
        let p = pb("integrator-io");
        let url = format!("{NS}/app/setup/features.nl");
        let snap = features(true, false);
        let look = guide(&recognize(&url, &snap), &snap, &ctx(p));
        let g = look.guide.unwrap();
        assert_eq!((g.point_at, g.do_it, g.tone), (Some(3), None, Tone::Info));
        assert!(g.message.contains("Click Save"), "{}", g.message);
        assert!(look.done.is_empty());

        let snap = features(true, true);
        let look = guide(&recognize(&url, &snap), &snap, &ctx(p));
        assert_eq!(look.done, [STEP]);
        assert_eq!(look.guide.unwrap().tone, Tone::Success);
    }

    #[test]
    fn the_plan_says_where_the_terms_went_and_a_missing_box_plans_nothing() {
        let p = pb("integrator-io");
        let url = format!("{NS}/app/setup/features.nl");
        let snap = features(false, false);
        let after = do_it(&recognize(&url, &snap), &snap, &ctx(p))
            .unwrap()
            .after
            .unwrap();
        assert_eq!(
            (after.point_at, after.do_it.as_deref()),
            (Some(2), Some("Tick it again"))
        );
        assert!(
            after.message.contains("separate window"),
            "{}",
            after.message
        );

        let mut snap = snap;
        snap.controls.remove(1);
        let refusal = do_it(&recognize(&url, &snap), &snap, &ctx(p)).unwrap_err();
        let Refusal::Missing { step, missing } = &refusal else {
            panic!("{refusal:?}")
        };
        assert_eq!((*step, missing.len()), (STEP, 1));
        assert!(refusal
            .to_string()
            .contains("the TOKEN-BASED AUTHENTICATION checkbox was not found"));
    }
}
