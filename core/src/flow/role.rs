//! Step B, the integration role: Manage Roles, the Customize form, the saved role.
//!
//! The connector's bundle ships a locked role; the person customises it (NetSuite's way of
//! cloning) under the name the side panel proposes. tba-assist opens Customize and types the
//! name, only when the name is letters and digits (Celigo's advice); the person saves.

use super::plan::{control, find, find_all, Expect, Plan};
use super::refusal::Refusal;
use super::{guide_for, norm, shows_text, Ctx, Look};
use crate::playbook::StepId;
use crate::protocol::{Action, Snapshot, Tone};
use crate::recognize::{netsuite, PageKind};
use crate::words::{say, text};

const STEP: StepId = StepId::CloneRole;

/// The highlight on the role list, a saved role, or the role form.
pub(super) fn guide(page: PageKind, snap: &Snapshot, ctx: &Ctx) -> Look {
    if page == PageKind::NetsuiteRoleForm {
        return form_guide(snap, ctx);
    }
    if shows_text(snap, ctx.clone_name) {
        return Look::done(guide_for(
            ctx,
            STEP,
            say("role.exists", &[("clone_name", ctx.clone_name)]),
            Tone::Success,
            None,
            None,
        ));
    }
    if page == PageKind::NetsuiteRoleView {
        return Look::nothing();
    }
    let nsp = &ctx.playbook.netsuite;
    Look::says(match find(netsuite(), "role_customize_link", snap, ctx) {
        Ok(h) => guide_for(
            ctx,
            STEP,
            say("role.customize", &[("role_to_clone", &nsp.role_to_clone)]),
            Tone::Info,
            Some(h),
            Some(text("button.open_customize")),
        ),
        Err(_) => guide_for(
            ctx,
            STEP,
            say(
                "role.not_installed",
                &[
                    ("role_to_clone", &nsp.role_to_clone),
                    ("requires", &nsp.requires),
                ],
            ),
            Tone::Error,
            None,
            None,
        ),
    })
}

/// The Customize form: name the role, then the person checks and saves.
fn form_guide(snap: &Snapshot, ctx: &Ctx) -> Look {
    let found = |name: &str| find(netsuite(), name, snap, ctx).ok();
    let name = found("role_name");
    let typed = name
        .and_then(|h| control(snap, h))
        .and_then(|c| c.value.clone())
        .unwrap_or_default();
    Look::says(if norm(&typed) == norm(ctx.clone_name) {
        guide_for(
            ctx,
            STEP,
            say("role.named", &[("clone_name", ctx.clone_name)]),
            Tone::Info,
            found("save"),
            None,
        )
    } else {
        guide_for(
            ctx,
            STEP,
            say("role.name_it", &[("clone_name", ctx.clone_name)]),
            Tone::Info,
            name,
            Some(text("button.name_it")),
        )
    })
}

/// Opens Customize on the list, or types the name on the form.
pub(super) fn do_it(page: PageKind, snap: &Snapshot, ctx: &Ctx) -> Result<Plan, Refusal> {
    let ns = netsuite();
    let missing = |missing| Refusal::Missing {
        step: STEP,
        missing,
    };
    let mut plan = Plan::new(STEP);
    if page == PageKind::NetsuiteRoleList {
        let [link] = find_all(ns, ["role_customize_link"], snap, ctx).map_err(missing)?;
        plan.push(Action::Click { handle: link });
        plan.navigates = true;
        return Ok(plan);
    }
    let name = ctx.clone_name;
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(Refusal::BadCloneName { name: name.into() });
    }
    let [field] = find_all(ns, ["role_name"], snap, ctx).map_err(missing)?;
    plan.expect(
        Action::Fill {
            handle: field,
            value: name.into(),
        },
        Expect::Equals(name.to_owned()),
        text("what.role_name"),
    );
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ctx, pb, NS};
    use super::super::{do_it, guide};
    use super::*;
    use crate::fixtures::{control as c, text_block};
    use crate::recognize::recognize;

    fn customize_link(role: &str) -> crate::protocol::Control {
        let mut link = c(1, "a", "", "");
        link.text = "Customize".into();
        link.row = format!("{role} Edit Customize");
        link
    }

    #[test]
    fn the_role_list_opens_customize_beside_the_bundles_role() {
        let p = pb("jira-smartconnector");
        let url = format!("{NS}/app/setup/rolelist.nl");
        let snap = Snapshot {
            controls: vec![customize_link(&p.netsuite.role_to_clone)],
            ..Default::default()
        };
        let r = recognize(&url, &snap);
        let g = guide(&r, &snap, &ctx(p)).guide.unwrap();
        assert_eq!(
            (g.point_at, g.do_it.as_deref()),
            (Some(1), Some("Open Customize"))
        );
        let plan = do_it(&r, &snap, &ctx(p)).unwrap();
        assert_eq!(plan.actions, vec![Action::Click { handle: 1 }]);
        assert!(plan.navigates);

        // The bundle is not installed: say what installs it, offer nothing.
        let snap = Snapshot {
            controls: vec![customize_link("Some other role")],
            ..Default::default()
        };
        let r = recognize(&url, &snap);
        let g = guide(&r, &snap, &ctx(p)).guide.unwrap();
        assert_eq!((g.tone, g.do_it), (Tone::Error, None));
        assert!(g.message.contains(&p.netsuite.requires), "{}", g.message);
        assert!(matches!(
            do_it(&r, &snap, &ctx(p)),
            Err(Refusal::Missing { .. })
        ));

        // The role is there: the step is done, here and on the saved role's page.
        for path in ["rolelist.nl", "role.nl?id=1010"] {
            let snap = Snapshot {
                texts: vec![text_block(5, Some(&p.netsuite.clone_name))],
                ..Default::default()
            };
            let look = guide(
                &recognize(&format!("{NS}/app/setup/{path}"), &snap),
                &snap,
                &ctx(p),
            );
            assert_eq!(look.done, [STEP], "{path}");
        }
    }

    #[test]
    fn the_role_form_names_the_role_and_refuses_a_bad_name() {
        let p = pb("integrator-io");
        let url = format!("{NS}/app/setup/role.nl?id=1010&e=T");
        let mut save = c(2, "input", "submit", "submitter");
        save.value = Some("Save".into());
        let mut snap = Snapshot {
            controls: vec![c(1, "input", "text", "name"), save],
            ..Default::default()
        };
        let r = recognize(&url, &snap);
        assert_eq!(r.page, Some(PageKind::NetsuiteRoleForm));
        let g = guide(&r, &snap, &ctx(p)).guide.unwrap();
        assert_eq!((g.point_at, g.do_it.as_deref()), (Some(1), Some("Name it")));
        let plan = do_it(&r, &snap, &ctx(p)).unwrap();
        assert_eq!(
            plan.checks[0].expect,
            Expect::Equals("CeligoIntegratorIoTBA".into())
        );

        snap.controls[0].value = Some("celigointegratoriotba".into());
        let g = guide(&recognize(&url, &snap), &snap, &ctx(p))
            .guide
            .unwrap();
        assert_eq!(
            (g.point_at, g.do_it),
            (Some(2), None),
            "named: Save is the person's"
        );

        let bad = Ctx {
            clone_name: "Celigo TBA",
            ..ctx(p)
        };
        let refusal = do_it(&r, &snap, &bad).unwrap_err();
        assert_eq!(
            refusal,
            Refusal::BadCloneName {
                name: "Celigo TBA".into()
            }
        );
        let g = refusal.guide(&bad);
        assert_eq!((g.step, g.tone), (Some(STEP), Tone::Error));
        assert!(
            g.message
                .starts_with("The role name \"Celigo TBA\" has characters"),
            "{}",
            g.message
        );
    }
}
