//! Taking the Token ID and Secret from the page NetSuite shows once, after the token is saved.
//!
//! No Do it is needed: the worker runs [`capture_plan`] as soon as the page is recognised, and
//! [`captured_pair`] validates what the executor read. The values are found by shape and label
//! (`netsuite::confirmation`); when they cannot be told apart, the refusal says loudly to copy
//! them by hand now, since NetSuite will not show them again.

use super::plan::Plan;
use super::refusal::Refusal;
use super::Ctx;
use crate::netsuite::confirmation::{find_pair, word_of, Pair};
use crate::playbook::StepId;
use crate::protocol::{Action, ActionResult, Snapshot};
use crate::recognize::netsuite;
use crate::token::{TokenError, TokenPair};
use crate::words::{say, text};

/// Where the Token ID and Secret are on the confirmation page, and the plan that reads them.
pub fn capture_plan(snap: &Snapshot, _ctx: &Ctx) -> Result<(Plan, Pair), Refusal> {
    let ns = netsuite();
    let labels = |t: &str| {
        ns.target(t)
            .map(|t| t.after_label.clone())
            .unwrap_or_default()
    };
    let pair = find_pair(
        snap,
        &labels("token_id_value"),
        &labels("token_secret_value"),
    )
    .map_err(|reason| Refusal::NotTaken { reason })?;
    let mut plan = Plan::new(StepId::CaptureToken);
    plan.push(Action::Capture {
        handle: pair.token_id.handle,
    });
    plan.push(Action::Capture {
        handle: pair.token_secret.handle,
    });
    Ok((plan, pair))
}

/// The captured pair, validated. The error says what was wrong, never the value.
pub fn captured_pair(results: &[ActionResult], pair: &Pair) -> Result<TokenPair, String> {
    let value_at = |i: usize, word: usize| match results.get(i) {
        Some(ActionResult::Done { value: Some(v), .. }) => {
            Ok(word_of(v.expose(), word).unwrap_or(v.expose()))
        }
        Some(ActionResult::Failed { reason }) => {
            Err(say("confirmation.not_given_because", &[("reason", reason)]))
        }
        _ => Err(text("confirmation.not_given").to_owned()),
    };
    let pair = TokenPair::parse(
        value_at(0, pair.token_id.word)?,
        value_at(1, pair.token_secret.word)?,
    )
    .map_err(|e: TokenError| e.to_string())?;
    Ok(pair)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ctx, pb};
    use super::*;
    use crate::fixtures::{confirmation, text_block};

    #[test]
    fn capture_takes_the_pair_after_the_labels() {
        let p = pb("integrator-io");
        let snap = confirmation();
        let (plan, spots) = capture_plan(&snap, &ctx(p)).unwrap();
        assert_eq!(
            plan.actions,
            vec![Action::Capture { handle: 2 }, Action::Capture { handle: 4 }]
        );
        let good = |v: &str| ActionResult::Done {
            value: Some(v.into()),
            matches: None,
        };
        let id = "a".repeat(64);
        let secret = "B".repeat(64);
        let pair = captured_pair(&[good(&id), good(&secret)], &spots).unwrap();
        assert_eq!(pair.token_secret.expose(), "b".repeat(64));
        let err = captured_pair(&[good(&id), good(&"c".repeat(63))], &spots).unwrap_err();
        assert!(err.contains("63") && !err.contains("ccc"), "{err}");
    }

    #[test]
    fn a_pair_that_cannot_be_told_apart_is_refused_loudly() {
        let p = pb("integrator-io");
        let mut snap = confirmation();
        snap.texts.push(text_block(9, None));
        let refusal = capture_plan(&snap, &ctx(p)).unwrap_err();
        let g = refusal.guide(&ctx(p));
        assert_eq!(
            (g.step, g.do_it.as_deref()),
            (Some(StepId::CaptureToken), Some("Try to take them again"))
        );
        assert!(g.message.contains("3 token-like values"), "{}", g.message);
        assert!(g.message.contains("Copy both by hand NOW"), "{}", g.message);
    }

    #[test]
    fn a_value_the_page_did_not_give_is_named() {
        let p = pb("integrator-io");
        let (_, spots) = capture_plan(&confirmation(), &ctx(p)).unwrap();
        let failed = ActionResult::Failed {
            reason: "gone".into(),
        };
        assert_eq!(
            captured_pair(&[failed], &spots).unwrap_err(),
            "the page did not give the value (gone)"
        );
        assert_eq!(
            captured_pair(&[], &spots).unwrap_err(),
            "the page did not give the value"
        );
    }
}
