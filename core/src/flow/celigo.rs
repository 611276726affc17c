//! The last step, on Celigo integrator.io: the NetSuite connection form.
//!
//! The form shows the token fields only once the authentication type is "Token", so its plan
//! comes in two stages ([`CeligoPlan`]); the secrets are not in the plan at all (the worker
//! types each in its own message, after checking the tab). Which captured token the form gets
//! is [`pick_token`]'s choice, never a guess between accounts. Test connection's answer and
//! Save's are read here too, from the locator data's texts.

use super::plan::{choose, control, find, find_all, Expect, Plan};
use super::refusal::{NotFound, Refusal};
use super::{guide_for, norm, says, Ctx, Look};
use crate::netsuite::account::NetSuiteAccount;
use crate::playbook::{Playbook, StepId, ValueSource};
use crate::protocol::{Action, Guide, Handle, Snapshot, Tone};
use crate::recognize::{celigo, Recognition};
use crate::vault::EntrySummary;
use crate::words::{say, text};

const STEP: StepId = StepId::FillConnection;

/// How the Celigo form will be filled: first the authentication type (the token fields only
/// appear once it is "Token"), then every other field, the secrets one message each.
#[derive(Debug, Clone, PartialEq)]
pub enum CeligoPlan {
    SetAuthType(Plan),
    Fill {
        fields: Plan,
        token_id: Handle,
        token_secret: Handle,
        test: Handle,
        save: Handle,
    },
}

/// The list of connections: the person opens the NetSuite one.
pub(super) fn connections_guide(ctx: &Ctx) -> Look {
    Look::says(guide_for(
        ctx,
        STEP,
        say(
            "celigo.connections",
            &[("where", &ctx.playbook.celigo.where_)],
        ),
        Tone::Info,
        None,
        None,
    ))
}

fn fixed_texts(pb: &Playbook, target: &str) -> Vec<String> {
    pb.celigo
        .fields
        .iter()
        .find(|f| f.target == target)
        .map(|f| f.text.clone())
        .unwrap_or_default()
}

fn missing(missing: Vec<NotFound>) -> Refusal {
    Refusal::Missing {
        step: STEP,
        missing,
    }
}

/// The plan for the Celigo connection form and the token of `account`.
pub fn celigo_plan(
    r: &Recognition,
    snap: &Snapshot,
    ctx: &Ctx,
    account: &NetSuiteAccount,
) -> Result<CeligoPlan, Refusal> {
    let auth_texts = fixed_texts(ctx.playbook, "auth_type");
    let current = r.facts.get("auth_type").cloned().unwrap_or_default();
    if !auth_texts.iter().any(|t| norm(t) == norm(&current)) {
        let [auth] = find_all(celigo(), ["auth_type"], snap, ctx).map_err(missing)?;
        let mut plan = Plan::new(STEP);
        plan.expect(
            choose(celigo(), auth, auth_texts.clone()),
            Expect::OneOf(auth_texts),
            text("what.auth_type"),
        );
        return Ok(CeligoPlan::SetAuthType(plan));
    }
    fill_plan(snap, ctx, account)
}

/// With the token fields shown: the environment and account of `account`, the playbook's
/// fixed choices, and where the secrets, Test and Save are.
fn fill_plan(snap: &Snapshot, ctx: &Ctx, account: &NetSuiteAccount) -> Result<CeligoPlan, Refusal> {
    let cg = celigo();
    let [env, acct, token_id, token_secret, test, save] = find_all(
        cg,
        [
            "environment",
            "account_id",
            "token_id",
            "token_secret",
            "test_button",
            "save_button",
        ],
        snap,
        ctx,
    )
    .map_err(missing)?;
    let mut fields = Plan::new(STEP);
    let labels: Vec<String> = account
        .celigo_environment()
        .option_labels()
        .iter()
        .map(|s| s.to_string())
        .collect();
    fields.expect(
        choose(cg, env, labels.clone()),
        Expect::OneOf(labels),
        text("what.environment"),
    );
    let id = account.celigo_account_id();
    fields.expect(
        Action::Fill {
            handle: acct,
            value: id.as_str().into(),
        },
        Expect::Equals(id),
        text("what.account_id"),
    );
    for f in &ctx.playbook.celigo.fields {
        if f.value == ValueSource::Fixed && f.target != "auth_type" {
            let [h] = find_all(cg, [f.target.as_str()], snap, ctx).map_err(missing)?;
            fields.expect(
                choose(cg, h, f.text.clone()),
                Expect::OneOf(f.text.clone()),
                &cg.targets[&f.target].describe,
            );
        }
    }
    Ok(CeligoPlan::Fill {
        fields,
        token_id,
        token_secret,
        test,
        save,
    })
}

/// Which captured token a Celigo form gets: the person's pick, else the one whose account the
/// form already names, else the only one. Several and no way to choose: the person picks.
pub fn pick_token<'v>(
    tokens: &'v [EntrySummary],
    picked: Option<&str>,
    form_account: &str,
) -> Result<&'v EntrySummary, Refusal> {
    if tokens.is_empty() {
        return Err(Refusal::NoToken);
    }
    // The person's explicit pick wins while its token is still in memory.
    if let Some(t) = picked.and_then(|p| tokens.iter().find(|t| t.account == p)) {
        return Ok(t);
    }
    let form = form_account.trim().to_uppercase();
    if let Some(t) = tokens
        .iter()
        .find(|t| !form.is_empty() && t.account == form)
    {
        return Ok(t);
    }
    match tokens {
        [only] => Ok(only),
        _ => Err(Refusal::SeveralTokens {
            tokens: tokens
                .iter()
                .map(|t| (t.account.clone(), t.fingerprint.clone()))
                .collect(),
        }),
    }
}

/// The account the Celigo form names already (empty when it names none).
pub fn form_account(snap: &Snapshot, ctx: &Ctx) -> String {
    find(celigo(), "account_id", snap, ctx)
        .ok()
        .and_then(|h| control(snap, h))
        .and_then(|c| c.value.clone())
        .unwrap_or_default()
}

/// The Celigo form's highlight, given the tokens in memory.
pub fn celigo_guide(
    snap: &Snapshot,
    ctx: &Ctx,
    tokens: &[EntrySummary],
    picked: Option<&str>,
) -> Guide {
    match pick_token(tokens, picked, &form_account(snap, ctx)) {
        Ok(t) => guide_for(
            ctx,
            STEP,
            say(
                "celigo.fill",
                &[
                    ("account", &t.account),
                    ("environment", t.environment.human()),
                    ("fingerprint", &t.fingerprint),
                    ("seconds", &t.seconds_left.to_string()),
                ],
            ),
            Tone::Info,
            find(celigo(), "auth_type", snap, ctx).ok(),
            Some(text("button.fill_and_test")),
        ),
        Err(refusal) => refusal.guide(ctx),
    }
}

/// What the Test connection outcome means for the person.
pub fn test_outcome(ctx: &Ctx, answer: &str, save: Handle) -> (bool, Guide) {
    if says(answer, celigo().texts("test_success")) {
        return (
            true,
            guide_for(
                ctx,
                STEP,
                text("celigo.works").into(),
                Tone::Success,
                Some(save),
                None,
            ),
        );
    }
    (
        false,
        guide_for(
            ctx,
            STEP,
            text("celigo.invalid_login").into(),
            Tone::Error,
            None,
            Some(text("button.fill_and_test")),
        ),
    )
}

/// Whether a text the page showed after Save means it saved.
pub fn saved(answer: &str) -> bool {
    says(answer, celigo().texts("save_success"))
}

/// What the person reads once the connection is saved and the token wiped.
pub fn saved_guide(ctx: &Ctx) -> Guide {
    guide_for(
        ctx,
        STEP,
        text("celigo.saved").into(),
        Tone::Success,
        None,
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ctx, pb};
    use super::*;
    use crate::protocol::{ActionResult, Control};
    use crate::recognize::{recognize, PageKind};

    fn summary(account: &str) -> EntrySummary {
        let a = NetSuiteAccount::parse_id(account).unwrap();
        EntrySummary {
            account: a.id,
            environment: a.environment,
            fingerprint: "ab12cd34".into(),
            playbook: "integrator-io".into(),
            captured_at_ms: 0,
            expires_at_ms: 1,
            seconds_left: 1,
            masked_token_id: String::new(),
            masked_token_secret: String::new(),
        }
    }

    #[test]
    fn token_choice_never_guesses_between_accounts() {
        let two = [summary("1234567"), summary("1234567_SB1")];
        assert!(pick_token(&two, None, "")
            .unwrap_err()
            .to_string()
            .contains("Pick the one"));
        assert_eq!(
            pick_token(&two, None, "1234567_sb1").unwrap().account,
            "1234567_SB1"
        );
        assert_eq!(
            pick_token(&two, Some("1234567"), "1234567_SB1")
                .unwrap()
                .account,
            "1234567"
        );
        assert_eq!(pick_token(&two[..1], None, "").unwrap().account, "1234567");
        // A pick whose token is gone no longer counts.
        assert_eq!(
            pick_token(&two[1..], Some("1234567"), "").unwrap().account,
            "1234567_SB1"
        );
        assert!(pick_token(&[], None, "")
            .unwrap_err()
            .to_string()
            .contains("No token"));
    }

    #[test]
    fn the_form_guide_offers_the_token_or_says_why_not() {
        let p = pb("integrator-io");
        let snap = crate::fixtures::celigo_form("button", true, "Please select");
        let g = celigo_guide(&snap, &ctx(p), &[summary("1234567_SB1")], None);
        assert_eq!(
            (g.point_at, g.do_it.as_deref()),
            (Some(2), Some("Fill and test"))
        );
        assert!(g.message.contains("1234567_SB1 (sandbox"), "{}", g.message);
        let g = celigo_guide(&snap, &ctx(p), &[], None);
        assert_eq!(g, Refusal::NoToken.guide(&ctx(p)));
        assert_eq!((g.tone, g.step), (Tone::Error, Some(STEP)));
    }

    #[test]
    fn celigo_sets_auth_type_first_then_fills_everything_else() {
        let p = pb("jira-smartconnector");
        let cx = ctx(p);
        let dt = |handle, role: &str, tag: &str, ty: &str, data_test: &str| Control {
            handle,
            tag: tag.into(),
            kind: ty.into(),
            role: role.into(),
            data_test: data_test.into(),
            visible: true,
            ..Default::default()
        };
        let mut auth = dt(1, "button", "div", "", "netsuite.authType");
        auth.text = "Please select".into();
        let url =
            "https://integrator.io/integrationapps/JiraNetSuite/i1/connections/edit/connections/c1";
        let snap = Snapshot {
            controls: vec![auth.clone()],
            ..Default::default()
        };
        let r = recognize(url, &snap);
        let acct = NetSuiteAccount::parse_id("1234567_SB1").unwrap();
        let CeligoPlan::SetAuthType(plan) = celigo_plan(&r, &snap, &cx, &acct).unwrap() else {
            panic!()
        };
        assert_eq!(
            plan.actions[0],
            Action::Choose {
                handle: 1,
                options: vec!["Token Based Auth (Manual)".into(), "Token".into()],
                list: String::new(),
            }
        );

        auth.text = "Token Based Auth (Manual)".into();
        let mut test = dt(7, "", "button", "button", "test");
        test.text = "Test connection".into();
        let mut save = dt(8, "", "button", "button", "save");
        save.text = "Save".into();
        let mut controls = vec![
            auth,
            dt(2, "button", "div", "", "netsuite.tokenEnvironment"),
            dt(3, "", "input", "text", "netsuite.tokenAccount"),
            dt(4, "", "input", "password", "netsuite.tokenId"),
            dt(5, "", "input", "password", "netsuite.tokenSecret"),
            test,
            save,
        ];
        let snap = Snapshot {
            controls: controls.clone(),
            ..Default::default()
        };
        let r = recognize(url, &snap);
        let g = celigo_plan(&r, &snap, &cx, &acct).unwrap_err().guide(&cx);
        assert!(
            g.message.contains("the iClient dropdown was not found"),
            "{}",
            g.message
        );

        controls.push(dt(6, "button", "div", "", "netsuite._iClientId"));
        let snap = Snapshot {
            controls,
            ..Default::default()
        };
        let CeligoPlan::Fill {
            fields,
            token_id,
            token_secret,
            ..
        } = celigo_plan(&r, &snap, &cx, &acct).unwrap()
        else {
            panic!()
        };
        assert_eq!((token_id, token_secret), (4, 5));
        assert_eq!(
            fields.actions[0],
            Action::Choose {
                handle: 2,
                options: vec!["Sandbox2.0".into(), "Sandbox 2.0".into(), "Sandbox".into()],
                list: String::new(),
            }
        );
        assert_eq!(
            fields.actions[1],
            Action::Fill {
                handle: 3,
                value: "1234567_SB1".into()
            }
        );
        assert_eq!(
            fields.actions[2],
            Action::Choose {
                handle: 6,
                options: vec!["SmartConnector (HT) NetSuite iClient".into()],
                list: String::new(),
            }
        );
        assert!(
            fields
                .actions
                .iter()
                .all(|a| !matches!(a, Action::Fill { handle: 4 | 5, .. })),
            "secrets go one message each, later"
        );
    }

    #[test]
    fn celigo_form_of_either_generation_with_or_without_data_test() {
        let p = pb("jira-smartconnector");
        let cx = ctx(p);
        let acct = NetSuiteAccount::parse_id("1234567").unwrap();
        let url =
            "https://integrator.io/integrationapps/JiraNetSuite/i1/connections/edit/connections/c1";
        for role in ["button", "combobox"] {
            for data_test in [true, false] {
                let what = format!("role {role}, data-test {data_test}");
                let snap = crate::fixtures::celigo_form(role, data_test, "Please select");
                let r = recognize(url, &snap);
                assert_eq!(
                    r.page,
                    Some(PageKind::CeligoConnectionEdit),
                    "{what}: {:?}",
                    r.reasons
                );
                let Ok(CeligoPlan::SetAuthType(plan)) = celigo_plan(&r, &snap, &cx, &acct) else {
                    panic!("{what}: no auth type plan")
                };
                assert!(
                    matches!(plan.actions[0], Action::Choose { handle: 2, .. }),
                    "{what}: the visible select, not its hidden input: {:?}",
                    plan.actions
                );
                let snap =
                    crate::fixtures::celigo_form(role, data_test, "Token Based Auth (Manual)");
                let r = recognize(url, &snap);
                let Ok(CeligoPlan::Fill {
                    fields,
                    token_id,
                    token_secret,
                    test,
                    save,
                }) = celigo_plan(&r, &snap, &cx, &acct)
                else {
                    panic!(
                        "{what}: no fill plan: {:?}",
                        celigo_plan(&r, &snap, &cx, &acct)
                    )
                };
                assert_eq!((token_id, token_secret, test, save), (5, 6, 8, 9), "{what}");
                let targets: Vec<Handle> =
                    fields.actions.iter().filter_map(Action::handle).collect();
                assert_eq!(targets, vec![3, 4, 7], "{what}");
                // A choice that did not take (the select still says Please select) is an error.
                let results: Vec<ActionResult> = fields
                    .actions
                    .iter()
                    .map(|_| ActionResult::Done {
                        value: Some("Please select".into()),
                        matches: None,
                    })
                    .collect();
                assert!(fields.verify(&results).is_err(), "{what}");
            }
        }
    }

    #[test]
    fn test_outcomes() {
        let p = pb("integrator-io");
        let (ok, g) = test_outcome(&ctx(p), "Your connection is working great! Nice Job!", 8);
        assert!(ok && g.point_at == Some(8) && g.do_it.is_none());
        let (ok, g) = test_outcome(
            &ctx(p),
            "Your test was not successful. Invalid login attempt.",
            8,
        );
        assert!(!ok && g.message.contains("Log in using Access Tokens"));
    }

    #[test]
    fn saving_is_read_from_celigos_words() {
        let p = pb("integrator-io");
        assert!(saved("Connection saved."));
        assert!(!saved("Save failed"));
        let g = saved_guide(&ctx(p));
        assert_eq!((g.step, g.tone), (Some(STEP), Tone::Success));
        let g = connections_guide(&ctx(p)).guide.unwrap();
        assert!(g.message.contains("waffle menu"), "{}", g.message);
    }
}
