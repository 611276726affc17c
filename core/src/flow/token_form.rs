//! Step D, the access token: the token list and NetSuite's New Access Token form.
//!
//! The form's three dropdowns (Application Name, User, Role) keep the chosen record's internal
//! id in a hidden field that only the page's own API sets together with the visible text, so the
//! plan calls `nlapiSetFieldText`/`nlapiSetFieldValue` by field name and reads both back
//! ([`do_it`]). Where that API is out of reach, or the page did not keep the values, the options
//! are chosen by clicks in NetSuite's own list ([`token_form_by_clicks`]). Before anything is
//! filled, [`token_form_blocker`] says which earlier step the form shows undone: NetSuite offers
//! only what steps A to C made.

use super::plan::{choose, control, find, find_all, Expect, Plan};
use super::refusal::{EarlierStep, NotFound, Refusal};
use super::{guide_for, page_says, Ctx, Look};
use crate::netsuite::dropdown::{dropdown, offers, text_of_value, Dropdown};
use crate::playbook::StepId;
use crate::protocol::{Action, Control, Snapshot, Tone};
use crate::recognize::{netsuite, PageKind};
use crate::words::{say, text};

const STEP: StepId = StepId::CreateToken;

/// The highlight on the token list, or on the form (see [`form_guide`]).
pub(super) fn guide(page: PageKind, snap: &Snapshot, ctx: &Ctx) -> Look {
    if page == PageKind::NetsuiteAccessTokenNew {
        return form_guide(snap, ctx);
    }
    Look::says(guide_for(
        ctx,
        STEP,
        text("token.new").into(),
        Tone::Info,
        find(netsuite(), "new_token_button", snap, ctx).ok(),
        Some(text("button.new_token")),
    ))
}

/// The form: an earlier step undone, NetSuite's own error, or what is left to set.
fn form_guide(snap: &Snapshot, ctx: &Ctx) -> Look {
    let ns = netsuite();
    if let Some(blocked) = token_form_blocker(snap, ctx) {
        return Look::says(blocked.guide(ctx));
    }
    let found = |name: &str| find(ns, name, snap, ctx).ok();
    if let Some(err) = page_says(snap, ns.texts("error")) {
        return Look::says(guide_for(
            ctx,
            STEP,
            say("token.refused", &[("error", &err)]),
            Tone::Error,
            None,
            Some(text("button.fill_form")),
        ));
    }
    // Set means the hidden internal id holds a value (what NetSuite saves); a widget without
    // one counts by its visible text.
    let set = |name: &str| {
        found(name).and_then(|h| control(snap, h)).is_some_and(|c| {
            let d = dropdown(ns, snap, c);
            let v = d.value.map_or(&d.text.value, |v| &v.value);
            v.as_deref().is_some_and(|v| !v.trim().is_empty())
        })
    };
    let (message, at, do_it) = match (
        set("token_application"),
        set("token_user"),
        set("token_role"),
    ) {
        (true, true, true) => (text("token.check_and_save").to_owned(), found("save"), None),
        // Filled by clicks (no page API): the user is the person's to choose.
        (true, false, _) => (
            say("token.choose_user", &[("clone_name", ctx.clone_name)]),
            found("token_user"),
            None,
        ),
        _ => (
            say(
                "token.fill",
                &[
                    ("application", &ctx.playbook.netsuite.application[0]),
                    ("clone_name", ctx.clone_name),
                ],
            ),
            found("token_application"),
            Some(text("button.fill_form")),
        ),
    };
    Look::says(guide_for(ctx, STEP, message, Tone::Info, at, do_it))
}

/// Opens the form from the list, or fills it through the page's API.
pub(super) fn do_it(page: PageKind, snap: &Snapshot, ctx: &Ctx) -> Result<Plan, Refusal> {
    if page == PageKind::NetsuiteAccessTokenList {
        let [new] = find_all(netsuite(), ["new_token_button"], snap, ctx).map_err(missing)?;
        let mut plan = Plan::new(STEP);
        plan.push(Action::Click { handle: new });
        plan.navigates = true;
        return Ok(plan);
    }
    if let Some(blocked) = token_form_blocker(snap, ctx) {
        return Err(blocked);
    }
    let [app, user, role] = token_dropdowns(snap, ctx).map_err(missing)?;
    // Without the page's API (a widget with no hidden id, or no field name to address it by)
    // a person's clicks are the only way.
    if [&app, &role]
        .iter()
        .any(|d| d.value.is_none() || d.field.is_empty())
    {
        return token_form_by_clicks(snap, ctx);
    }
    Ok(by_page_api(&app, &user, &role, ctx))
}

fn missing(missing: Vec<NotFound>) -> Refusal {
    Refusal::Missing {
        step: STEP,
        missing,
    }
}

/// The page's own API sets the hidden internal id with the visible text; typing into the
/// visible box would leave the id unchanged (NetSuite's dropdown pitfall). Each dropdown is
/// addressed by the field's name, never a DOM id, and both values are read back.
fn by_page_api(app: &Dropdown, user: &Dropdown, role: &Dropdown, ctx: &Ctx) -> Plan {
    let mut plan = Plan::new(STEP);
    let application = &ctx.playbook.netsuite.application[0];
    let call = |function: &str, field: &str, value: &str| Action::CallPage {
        function: function.into(),
        args: vec![field.to_owned(), value.to_owned(), "T".into()],
    };
    plan.push(call("nlapiSetFieldText", &app.field, application));
    let set_user = ctx
        .user_id
        .filter(|_| user.value.is_some() && !user.field.is_empty());
    if let Some(id) = set_user {
        plan.push(call("nlapiSetFieldValue", &user.field, id));
    }
    plan.push(call("nlapiSetFieldText", &role.field, ctx.clone_name));
    let read = |d: &Control| Action::ReadBack { handle: d.handle };
    plan.expect(
        read(app.text),
        Expect::Equals(application.clone()),
        text("what.application"),
    );
    if let Some(v) = app.value {
        plan.expect(read(v), Expect::NotEmpty, text("what.application_id"));
    }
    if let (Some(id), Some(v)) = (set_user, user.value) {
        plan.expect(read(v), Expect::Equals(id.to_owned()), text("what.user_id"));
    }
    // NetSuite lists only the user's roles: a missing one means step B or C is not done.
    let role_hint = role_hint(ctx);
    plan.expect(
        read(role.text),
        Expect::Equals(ctx.clone_name.to_owned()),
        &role_hint,
    );
    if let Some(v) = role.value {
        plan.expect(read(v), Expect::NotEmpty, &role_hint);
    }
    plan
}

/// The token form's Application Name, User and Role dropdowns, each with its hidden value.
fn token_dropdowns<'s>(snap: &'s Snapshot, ctx: &Ctx) -> Result<[Dropdown<'s>; 3], Vec<NotFound>> {
    let ns = netsuite();
    let handles = find_all(
        ns,
        ["token_application", "token_user", "token_role"],
        snap,
        ctx,
    )?;
    Ok(handles.map(|h| {
        dropdown(
            ns,
            snap,
            control(snap, h).expect("resolved from this snapshot"),
        )
    }))
}

/// The Role dropdown as a failed read-back names it: why NetSuite may not offer the role.
fn role_hint(ctx: &Ctx) -> String {
    say("what.role_hint", &[("clone_name", ctx.clone_name)])
}

/// An earlier step the token form shows is not done, said before anything is filled.
pub fn token_form_blocker(snap: &Snapshot, ctx: &Ctx) -> Option<Refusal> {
    let ns = netsuite();
    let blocked = |e| Some(Refusal::EarlierStep(e));
    if page_says(snap, ns.texts("tba_off")).is_some() {
        return blocked(EarlierStep::TbaOff);
    }
    let dropdown_control = |name: &str| {
        find(ns, name, snap, ctx)
            .ok()
            .and_then(|h| control(snap, h))
    };
    let nsp = &ctx.playbook.netsuite;
    let app = dropdown_control("token_application");
    if let Some(false) = app.and_then(|c| offers(c, &nsp.application)) {
        return blocked(EarlierStep::NoApplication {
            application: nsp.application[0].clone(),
            requires: nsp.requires.clone(),
        });
    }
    let role = || ctx.clone_name.to_owned();
    let user = dropdown_control("token_user");
    if let (Some(u), Some(id)) = (user, ctx.user_id) {
        if !u.options.is_empty() && text_of_value(u, id).is_none() {
            return blocked(EarlierStep::UserNotListed { role: role() });
        }
    }
    // The Role list follows the User: it is known only once the user chosen is ours.
    let user_chosen = user
        .map(|u| dropdown(ns, snap, u))
        .and_then(|d| d.value.and_then(|v| v.value.clone()));
    if user_chosen.is_some() && user_chosen.as_deref() == ctx.user_id {
        let offered = dropdown_control("token_role").and_then(|r| offers(r, &[role()]));
        if let Some(false) = offered {
            return blocked(EarlierStep::RoleNotOffered { role: role() });
        }
    }
    None
}

/// The fallback for the token form when the page's API is not reachable or did not keep the
/// values: choose each option by clicking it in NetSuite's own list, as a person would, which
/// sets the hidden id through the page's own handler.
pub fn token_form_by_clicks(snap: &Snapshot, ctx: &Ctx) -> Result<Plan, Refusal> {
    let ns = netsuite();
    let [app, user, role] = token_dropdowns(snap, ctx).map_err(missing)?;
    let mut plan = Plan::new(STEP);
    plan.expect(
        choose(
            ns,
            app.text.handle,
            ctx.playbook.netsuite.application.clone(),
        ),
        Expect::NotEmpty,
        text("what.application"),
    );
    // The user by the name NetSuite shows for the internal id from step C, when it says.
    if let Some(name) = ctx.user_id.and_then(|id| text_of_value(user.text, id)) {
        plan.expect(
            choose(ns, user.text.handle, vec![name.to_owned()]),
            Expect::Equals(name.to_owned()),
            text("what.user"),
        );
    }
    plan.expect(
        choose(ns, role.text.handle, vec![ctx.clone_name.to_owned()]),
        Expect::Equals(ctx.clone_name.to_owned()),
        &role_hint(ctx),
    );
    let read = |d: &Control| Action::ReadBack { handle: d.handle };
    if let Some(v) = app.value {
        plan.expect(read(v), Expect::NotEmpty, text("what.application_id"));
    }
    if let Some(v) = role.value {
        plan.expect(read(v), Expect::NotEmpty, text("what.role_id"));
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ctx, pb, NS};
    use super::super::{do_it, guide};
    use super::*;
    use crate::fixtures::token_form;
    use crate::protocol::{ActionResult, Handle};
    use crate::recognize::recognize;

    #[test]
    fn token_form_uses_the_page_api_and_reads_both_values_back() {
        let p = pb("jira-smartconnector");
        let snap = token_form();
        let r = recognize(&format!("{NS}/app/setup/accesstoken.nl"), &snap);
        let plan = do_it(&r, &snap, &ctx(p)).unwrap();
        assert_eq!(
            plan.actions[0],
            Action::CallPage {
                function: "nlapiSetFieldText".into(),
                args: vec![
                    "application".into(),
                    "High Tech Connectors Token-based Auth".into(),
                    "T".into()
                ]
            }
        );
        assert!(plan.actions.contains(&Action::CallPage {
            function: "nlapiSetFieldValue".into(),
            args: vec!["user".into(), "42".into(), "T".into()]
        }));
        assert!(
            plan.actions
                .iter()
                .all(|a| !matches!(a, Action::Fill { .. })),
            "never types into NetSuite dropdowns"
        );
        // The page kept the visible text but not the hidden id: an error, not a success.
        let mut results: Vec<ActionResult> = plan
            .actions
            .iter()
            .map(|_| ActionResult::Done {
                value: Some("x".into()),
                matches: None,
            })
            .collect();
        for ch in &plan.checks {
            results[ch.index] = ActionResult::Done {
                value: Some(match &ch.expect {
                    Expect::Equals(v) => v.as_str().into(),
                    _ => "17".into(),
                }),
                matches: None,
            };
        }
        assert_eq!(plan.verify(&results), Ok(()));
        let hidden = plan
            .checks
            .iter()
            .rfind(|ch| ch.what.starts_with("the Role dropdown"))
            .unwrap();
        results[hidden.index] = ActionResult::Done {
            value: Some(String::new().into()),
            matches: None,
        };
        assert!(plan
            .verify(&results)
            .unwrap_err()
            .to_string()
            .contains("steps B and C"));
    }

    #[test]
    fn a_missing_field_names_it_and_plans_nothing() {
        let p = pb("integrator-io");
        let mut snap = token_form();
        snap.controls.retain(|c| c.field != "role");
        let r = recognize(&format!("{NS}/app/setup/accesstoken.nl"), &snap);
        let g = do_it(&r, &snap, &ctx(p)).unwrap_err().guide(&ctx(p));
        assert_eq!(g.tone, Tone::Error);
        assert!(
            g.message.contains("the Role dropdown was not found"),
            "{}",
            g.message
        );
        assert!(g.message.contains("changed nothing"), "{}", g.message);
    }

    #[test]
    fn without_a_hidden_id_the_options_are_chosen_by_clicks_in_netsuites_list() {
        let p = pb("integrator-io");
        let mut snap = token_form();
        snap.controls.retain(|c| c.id != "hddn_role_3");
        snap.controls[2].options = vec![crate::protocol::SelectOption {
            value: "42".into(),
            text: "Ivy Integration".into(),
            selected: false,
        }];
        let r = recognize(&format!("{NS}/app/setup/accesstoken.nl"), &snap);
        let plan = do_it(&r, &snap, &ctx(p)).unwrap();
        let chosen: Vec<(&Handle, &Vec<String>, &String)> = plan
            .actions
            .iter()
            .filter_map(|a| match a {
                Action::Choose {
                    handle,
                    options,
                    list,
                } => Some((handle, options, list)),
                _ => None,
            })
            .collect();
        assert_eq!(chosen.len(), 3, "{:?}", plan.actions);
        assert_eq!(chosen[1].1, &vec!["Ivy Integration".to_owned()]);
        assert!(chosen[0].2.contains("dropdownDiv"));
        assert!(plan
            .actions
            .iter()
            .all(|a| !matches!(a, Action::CallPage { .. } | Action::Fill { .. })));
    }

    #[test]
    fn the_token_form_says_which_earlier_step_is_not_done_before_filling() {
        let p = pb("integrator-io");
        let cx = ctx(p);
        let url = format!("{NS}/app/setup/accesstoken.nl");
        let option = |value: &str, text: &str| crate::protocol::SelectOption {
            value: value.into(),
            text: text.into(),
            selected: false,
        };
        // The User list lacks the user of step C.
        let mut snap = token_form();
        snap.controls[2].options = vec![option("7", "Sam Sales")];
        let r = recognize(&url, &snap);
        let g = do_it(&r, &snap, &cx).unwrap_err().guide(&cx);
        assert!(g.message.contains("step C"), "{}", g.message);
        assert_eq!(
            g.do_it.as_deref(),
            Some("Fill the form"),
            "offers to try again"
        );
        // Our user is chosen, and the Role list lacks the role.
        let mut snap = token_form();
        snap.controls[3].value = Some("42".into());
        snap.controls[4].options = vec![option("3", "Administrator")];
        let g = do_it(&recognize(&url, &snap), &snap, &cx)
            .unwrap_err()
            .guide(&cx);
        assert!(
            g.message
                .contains("does not offer the role CeligoIntegratorIoTBA"),
            "{}",
            g.message
        );
        // The page says the feature is off.
        let mut snap = token_form();
        snap.texts.push(crate::fixtures::text_block(
            20,
            Some("The Token-based Authentication feature is not enabled."),
        ));
        let g = guide(&recognize(&url, &snap), &snap, &cx).guide.unwrap();
        assert!(g.message.contains("step A"), "{}", g.message);
    }

    #[test]
    fn a_missing_application_names_what_installs_it() {
        let p = pb("integrator-io");
        let mut snap = token_form();
        snap.controls[0].options = vec![crate::protocol::SelectOption {
            value: "1".into(),
            text: "Other app".into(),
            selected: false,
        }];
        assert_eq!(
            token_form_blocker(&snap, &ctx(p)),
            Some(Refusal::EarlierStep(EarlierStep::NoApplication {
                application: "Integrator.io (Token-based Auth)".into(),
                requires: p.netsuite.requires.clone(),
            }))
        );
    }

    #[test]
    fn the_form_guide_follows_what_is_set() {
        let p = pb("integrator-io");
        let url = format!("{NS}/app/setup/accesstoken.nl");
        let guide_with = |set: &[usize], texts: Vec<crate::protocol::TextBlock>| {
            let mut snap = token_form();
            for &i in set {
                snap.controls[i].value = Some("17".into());
            }
            snap.texts = texts;
            guide(&recognize(&url, &snap), &snap, &ctx(p))
                .guide
                .unwrap()
        };
        let g = guide_with(&[], vec![]);
        assert_eq!(
            (g.point_at, g.do_it.as_deref()),
            (Some(1), Some("Fill the form"))
        );
        let g = guide_with(&[1], vec![]);
        assert_eq!(
            (g.point_at, g.do_it),
            (Some(3), None),
            "the user is the person's"
        );
        let g = guide_with(&[1, 3, 5], vec![]);
        assert_eq!(
            (g.point_at, g.do_it),
            (Some(9), None),
            "Save is the person's"
        );
        let error = crate::fixtures::text_block(20, Some("Please enter value(s) for: Role"));
        let g = guide_with(&[1, 3, 5], vec![error]);
        assert_eq!(
            (g.tone, g.do_it.as_deref()),
            (Tone::Error, Some("Fill the form"))
        );
        assert!(
            g.message
                .starts_with("NetSuite refused the token: Please enter"),
            "{}",
            g.message
        );
    }

    #[test]
    fn the_token_list_opens_the_form() {
        let p = pb("integrator-io");
        let mut new = crate::fixtures::control(1, "input", "button", "new");
        new.text = "New Access Token".into();
        let snap = Snapshot {
            controls: vec![new],
            ..Default::default()
        };
        let r = recognize(&format!("{NS}/app/setup/accesstokens.nl"), &snap);
        let g = guide(&r, &snap, &ctx(p)).guide.unwrap();
        assert_eq!(
            (g.point_at, g.do_it.as_deref()),
            (Some(1), Some("New Access Token"))
        );
        let plan = do_it(&r, &snap, &ctx(p)).unwrap();
        assert!(plan.navigates);
    }
}
