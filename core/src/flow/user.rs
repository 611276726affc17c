//! Step C, the integration user: Manage Users and the employee record.
//!
//! The person picks the user (an integration user is best: tba-assist cannot know who that is);
//! on the record, tba-assist opens Edit, then the Access subtab, and adds the role to the Roles
//! sublist. Saving is the person's. The record's internal id is remembered by the assistant for
//! step D's User.

use super::plan::{choose, find, find_all, Expect, Plan};
use super::refusal::Refusal;
use super::{guide_for, shows_text, Ctx, Look};
use crate::playbook::StepId;
use crate::protocol::{Action, Snapshot, Tone};
use crate::recognize::{netsuite, PageKind};
use crate::words::{say, text};

const STEP: StepId = StepId::AssignRole;

/// The highlight on the user list and on the employee record, viewed or edited.
pub(super) fn guide(page: PageKind, snap: &Snapshot, ctx: &Ctx) -> Look {
    let found = |name: &str| find(netsuite(), name, snap, ctx).ok();
    let show = |message: String, tone, at, do_it| guide_for(ctx, STEP, message, tone, at, do_it);
    let role = ctx.clone_name;
    match page {
        PageKind::NetsuiteEmployeeView if shows_text(snap, role) => Look::done(show(
            say("user.has_role", &[("clone_name", role)]),
            Tone::Success,
            None,
            None,
        )),
        PageKind::NetsuiteEmployeeView => Look::says(show(
            text("user.edit").into(),
            Tone::Info,
            found("employee_edit_button"),
            Some(text("button.edit")),
        )),
        PageKind::NetsuiteEmployeeEdit if found("roles_sublist_clone").is_some() => {
            Look::says(show(
                say("user.role_listed", &[("clone_name", role)]),
                Tone::Info,
                found("save"),
                None,
            ))
        }
        PageKind::NetsuiteEmployeeEdit => Look::says(show(
            say("user.add_role", &[("clone_name", role)]),
            Tone::Info,
            found("access_subtab"),
            Some(text("button.add_role")),
        )),
        _ => Look::says(show(text("user.pick").into(), Tone::Info, None, None)),
    }
}

/// Opens Edit on the record, or adds the role to the Roles sublist.
pub(super) fn do_it(page: PageKind, snap: &Snapshot, ctx: &Ctx) -> Result<Plan, Refusal> {
    let ns = netsuite();
    let missing = |missing| Refusal::Missing {
        step: STEP,
        missing,
    };
    let mut plan = Plan::new(STEP);
    if page == PageKind::NetsuiteEmployeeView {
        let [edit] = find_all(ns, ["employee_edit_button"], snap, ctx).map_err(missing)?;
        plan.push(Action::Click { handle: edit });
        plan.navigates = true;
        return Ok(plan);
    }
    let [tab, role, add] = find_all(
        ns,
        ["access_subtab", "roles_sublist_role", "roles_sublist_add"],
        snap,
        ctx,
    )
    .map_err(missing)?;
    plan.push(Action::Click { handle: tab });
    plan.expect(
        choose(ns, role, vec![ctx.clone_name.to_owned()]),
        Expect::Equals(ctx.clone_name.to_owned()),
        text("what.sublist_role"),
    );
    plan.push(Action::Click { handle: add });
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ctx, pb, NS};
    use super::super::{do_it, guide};
    use super::*;
    use crate::fixtures::{control as c, text_block};
    use crate::recognize::recognize;

    const EMPLOYEE: &str = "/app/common/entity/employee.nl?id=42";

    fn button(handle: u32, id: &str, text: &str) -> crate::protocol::Control {
        let mut b = c(handle, "input", "button", id);
        b.text = text.into();
        b
    }

    #[test]
    fn the_employee_record_opens_edit_unless_the_role_is_there() {
        let p = pb("integrator-io");
        let url = format!("{NS}{EMPLOYEE}");
        let mut snap = Snapshot {
            controls: vec![button(1, "edit", "Edit")],
            ..Default::default()
        };
        let r = recognize(&url, &snap);
        assert_eq!(r.page, Some(PageKind::NetsuiteEmployeeView));
        let look = guide(&r, &snap, &ctx(p));
        assert_eq!(look.guide.unwrap().do_it.as_deref(), Some("Edit"));
        let plan = do_it(&r, &snap, &ctx(p)).unwrap();
        assert_eq!(
            (plan.actions.clone(), plan.navigates),
            (vec![Action::Click { handle: 1 }], true)
        );

        snap.texts
            .push(text_block(9, Some("CeligoIntegratorIoTBA")));
        let look = guide(&recognize(&url, &snap), &snap, &ctx(p));
        assert_eq!(look.done, [STEP]);
    }

    #[test]
    fn the_edit_form_adds_the_role_to_the_roles_sublist() {
        let p = pb("integrator-io");
        let url = format!("{NS}{EMPLOYEE}&e=T");
        let mut tab = c(1, "a", "", "accesstxt");
        tab.text = "Access".into();
        let mut save = c(2, "input", "submit", "submitter");
        save.value = Some("Save".into());
        let role = c(3, "input", "text", "inpt_selectedrole");
        let mut snap = Snapshot {
            controls: vec![tab, save, role, button(4, "roles_addedit", "Add")],
            ..Default::default()
        };
        let r = recognize(&url, &snap);
        assert_eq!(r.page, Some(PageKind::NetsuiteEmployeeEdit));
        let g = guide(&r, &snap, &ctx(p)).guide.unwrap();
        assert_eq!(
            (g.point_at, g.do_it.as_deref()),
            (Some(1), Some("Add the role"))
        );
        let plan = do_it(&r, &snap, &ctx(p)).unwrap();
        assert_eq!(plan.actions.len(), 3);
        assert!(
            matches!(&plan.actions[1], Action::Choose { handle: 3, options, .. } if options == &["CeligoIntegratorIoTBA"])
        );
        assert_eq!(plan.checks[0].what, "the Role of the Roles sublist");

        snap.texts
            .push(text_block(9, Some("CeligoIntegratorIoTBA")));
        let g = guide(&recognize(&url, &snap), &snap, &ctx(p))
            .guide
            .unwrap();
        assert_eq!(
            (g.point_at, g.do_it),
            (Some(2), None),
            "in the list: Save is the person's"
        );

        snap.controls.truncate(2);
        let refusal = do_it(&recognize(&url, &snap), &snap, &ctx(p)).unwrap_err();
        assert!(
            matches!(&refusal, Refusal::Missing { step: STEP, missing } if missing.len() == 2),
            "{refusal:?}"
        );
    }

    #[test]
    fn the_user_list_asks_the_person_to_pick() {
        let p = pb("integrator-io");
        let snap = Snapshot::default();
        let r = recognize(&format!("{NS}/app/setup/listusers.nl"), &snap);
        let g = guide(&r, &snap, &ctx(p)).guide.unwrap();
        assert_eq!((g.step, g.do_it), (Some(STEP), None));
    }
}
