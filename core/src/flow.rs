//! What tba-assist shows and does on each page of the flow.
//!
//! For every recognised page, [`guide`] says what the in-page highlight and the side panel show
//! (read-only), and [`do_it`] makes the plan for the step's data entry. A plan is made only when
//! every element it touches was found exactly once: otherwise the answer is an error guide that
//! names what is missing, and nothing is written. Decisions stay with the person: the plans fill
//! and tick, and point at "I Agree" and "Save" without pressing them.

use crate::locator::{resolve, Resolution, Target};
use crate::netsuite::account::NetSuiteAccount;
use crate::netsuite::confirmation::{find_pair, word_of, Pair};
use crate::netsuite::dropdown::{dropdown, offers, text_of_value, Dropdown};
use crate::playbook::{Playbook, StepId, ValueSource};
use crate::protocol::{Action, ActionResult, Guide, Handle, Snapshot, Tone};
use crate::recognize::{celigo, netsuite, PageKind, Recognition, SiteLocators};
use crate::token::{TokenError, TokenPair};
use crate::vault::EntrySummary;

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
}

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

fn norm(s: &str) -> String {
    crate::locator::normalize(s)
}

impl Plan {
    fn new(step: StepId) -> Plan {
        Plan {
            step,
            actions: Vec::new(),
            checks: Vec::new(),
            navigates: false,
            after: None,
        }
    }

    fn push(&mut self, action: Action) -> usize {
        self.actions.push(action);
        self.actions.len() - 1
    }

    fn expect(&mut self, action: Action, expect: Expect, what: &str) {
        let index = self.push(action);
        self.checks.push(Check {
            index,
            expect,
            what: what.to_owned(),
        });
    }

    /// Whether the executor's results show the plan done as meant. The error says which
    /// element did not take its value, for the user.
    pub fn verify(&self, results: &[ActionResult]) -> Result<(), String> {
        for (i, r) in results.iter().enumerate() {
            if let ActionResult::Failed { reason } = r {
                return Err(format!("Step {} of the plan failed: {reason}.", i + 1));
            }
        }
        if results.len() < self.actions.len() {
            return Err("The page stopped answering before the plan was done.".into());
        }
        for c in &self.checks {
            let (value, matches) = match &results[c.index] {
                ActionResult::Done { value, matches } => {
                    (value.as_ref().map_or("", |v| v.expose().as_str()), *matches)
                }
                ActionResult::Failed { .. } => unreachable!("failures returned above"),
            };
            let ok = match &c.expect {
                Expect::Equals(want) => norm(value) == norm(want),
                Expect::OneOf(wanted) => wanted.iter().any(|w| norm(value) == norm(w)),
                Expect::NotEmpty => !value.trim().is_empty(),
                Expect::Matches => matches == Some(true),
            };
            if !ok {
                return Err(format!(
                    "The page did not keep the value of {}. Nothing was saved; try again, or set it by hand.",
                    c.what
                ));
            }
        }
        Ok(())
    }
}

/// Finds a target of `loc` in `snap`, with the playbook's values filled into it.
fn find(loc: &SiteLocators, name: &str, snap: &Snapshot, ctx: &Ctx) -> Result<Handle, String> {
    let target: Target = loc
        .target(name)
        .unwrap_or_else(|| panic!("locator target {name:?} is missing from the embedded data"))
        .with_values(&|k| ctx.value(k));
    match resolve(&target, snap) {
        Resolution::Found { handle, .. } => Ok(handle),
        Resolution::Ambiguous { handles } => Err(format!(
            "{} matched {} elements, so tba-assist cannot tell which one is meant",
            target.describe,
            handles.len()
        )),
        Resolution::Absent { tried } => Err(format!(
            "{} was not found (looked for {tried})",
            target.describe
        )),
    }
}

/// All of `names` or the list of what is missing: planning is all or nothing.
fn find_all<const N: usize>(
    loc: &SiteLocators,
    names: [&str; N],
    snap: &Snapshot,
    ctx: &Ctx,
) -> Result<[Handle; N], Vec<String>> {
    let found: Vec<Result<Handle, String>> =
        names.iter().map(|n| find(loc, n, snap, ctx)).collect();
    let missing: Vec<String> = found.iter().filter_map(|r| r.clone().err()).collect();
    if missing.is_empty() {
        Ok(std::array::from_fn(|i| {
            found[i].clone().expect("checked above")
        }))
    } else {
        Err(missing)
    }
}

fn control(snap: &Snapshot, h: Handle) -> Option<&crate::protocol::Control> {
    snap.controls.iter().find(|c| c.handle == h)
}

fn guide_for(
    ctx: &Ctx,
    step_id: impl Into<Option<StepId>>,
    message: String,
    tone: Tone,
    point_at: Option<Handle>,
    do_it: Option<&str>,
) -> Guide {
    let step_id = step_id.into();
    let title = ctx
        .playbook
        .steps
        .iter()
        .find(|s| Some(s.id) == step_id)
        .map(|s| s.title.clone())
        .unwrap_or_default();
    Guide {
        step: step_id,
        title,
        message,
        tone,
        point_at,
        do_it: do_it.map(str::to_owned),
    }
}

fn missing_guide(ctx: &Ctx, step: impl Into<Option<StepId>>, missing: &[String]) -> Guide {
    guide_for(
        ctx,
        step,
        format!(
            "tba-assist changed nothing: on this page {}. If NetSuite or Celigo changed this page, do this step by hand and report it.",
            missing.join("; ")
        ),
        Tone::Error,
        None,
        None,
    )
}

/// What the page's highlight says; `done` lists the steps this page proves complete.
#[derive(Debug, Clone, PartialEq)]
pub struct Look {
    pub guide: Option<Guide>,
    pub done: Vec<StepId>,
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
    let ns = netsuite();
    let Some(page) = r.page else {
        return Look {
            guide: None,
            done: vec![],
        };
    };
    let found = |name: &str| find(ns, name, snap, ctx).ok();
    let show = |step: StepId, msg: String, tone, at, doit: Option<&str>| {
        Some(guide_for(ctx, step, msg, tone, at, doit))
    };
    let pb = ctx.playbook;
    match page {
        PageKind::NetsuiteLogin => Look {
            guide: Some(Guide {
                step: None,
                title: "NetSuite session expired".into(),
                message: "Log in again; tba-assist picks up where you were.".into(),
                tone: Tone::Error,
                point_at: None,
                do_it: None,
            }),
            done: vec![],
        },
        PageKind::NetsuiteEnableFeatures => {
            if fact(r, "tba_saved") {
                Look {
                    guide: show(StepId::EnableTba, "Token-based Authentication is on. Next: create the role (Setup > Users/Roles > Manage Roles).".into(), Tone::Success, None, None),
                    done: vec![StepId::EnableTba],
                }
            } else if fact(r, "terms_open") {
                Look {
                    guide: show(StepId::EnableTba, "Read the SuiteCloud terms. If you accept them, click I Agree: that decision is yours.".into(), Tone::Info, found("terms_agree"), None),
                    done: vec![],
                }
            } else if fact(r, "tba_ticked") {
                Look {
                    guide: show(
                        StepId::EnableTba,
                        "Token-based Authentication is ticked. Click Save to turn it on.".into(),
                        Tone::Info,
                        found("save"),
                        None,
                    ),
                    done: vec![],
                }
            } else {
                let at = if fact(r, "tba_box_shown") {
                    found("tba_checkbox")
                } else {
                    found("suitecloud_subtab")
                };
                Look {
                    guide: show(StepId::EnableTba, "On the SuiteCloud subtab, under Manage Authentication, tick TOKEN-BASED AUTHENTICATION. NetSuite then shows its terms in a separate window: accepting them is yours to decide.".into(), Tone::Info, at, Some("Tick it for me")),
                    done: vec![],
                }
            }
        }
        PageKind::NetsuiteRoleList | PageKind::NetsuiteRoleView => {
            if shows_text(snap, ctx.clone_name) {
                return Look {
                    guide: show(StepId::CloneRole, format!("The role {} exists. Next: give it to the integration user (Setup > Users/Roles > Manage Users).", ctx.clone_name), Tone::Success, None, None),
                    done: vec![StepId::CloneRole],
                };
            }
            if page == PageKind::NetsuiteRoleView {
                return Look {
                    guide: None,
                    done: vec![],
                };
            }
            match find(ns, "role_customize_link", snap, ctx) {
                Ok(h) => Look {
                    guide: show(StepId::CloneRole, format!("Click Customize beside {}.", pb.netsuite.role_to_clone), Tone::Info, Some(h), Some("Open Customize")),
                    done: vec![],
                },
                Err(_) => Look {
                    guide: show(
                        StepId::CloneRole,
                        format!("The role {} is not in this list. Install {} in this account, then reload this page.", pb.netsuite.role_to_clone, pb.netsuite.requires),
                        Tone::Error,
                        None,
                        None,
                    ),
                    done: vec![],
                },
            }
        }
        PageKind::NetsuiteRoleForm => {
            let name = found("role_name");
            let typed = name
                .and_then(|h| control(snap, h))
                .and_then(|c| c.value.clone())
                .unwrap_or_default();
            if norm(&typed) == norm(ctx.clone_name) {
                Look {
                    guide: show(
                        StepId::CloneRole,
                        format!(
                            "The new role is named {}. Check the permissions, then click Save.",
                            ctx.clone_name
                        ),
                        Tone::Info,
                        found("save"),
                        None,
                    ),
                    done: vec![],
                }
            } else {
                Look {
                    guide: show(StepId::CloneRole, format!("Name the new role {} (letters and digits only, as Celigo advises; change it in the side panel).", ctx.clone_name), Tone::Info, name, Some("Name it")),
                    done: vec![],
                }
            }
        }
        PageKind::NetsuiteUserList => Look {
            guide: show(
                StepId::AssignRole,
                "Click the name of the user who will connect Celigo (an integration user is best)."
                    .into(),
                Tone::Info,
                None,
                None,
            ),
            done: vec![],
        },
        PageKind::NetsuiteEmployeeView => {
            if shows_text(snap, ctx.clone_name) {
                Look { guide: show(StepId::AssignRole, format!("This user has the role {}. Next: create the access token (Setup > Users/Roles > Access Tokens > New).", ctx.clone_name), Tone::Success, None, None), done: vec![StepId::AssignRole] }
            } else {
                Look {
                    guide: show(
                        StepId::AssignRole,
                        "Click Edit to change this user's roles.".into(),
                        Tone::Info,
                        found("employee_edit_button"),
                        Some("Edit"),
                    ),
                    done: vec![],
                }
            }
        }
        PageKind::NetsuiteEmployeeEdit => {
            if find(ns, "roles_sublist_clone", snap, ctx).is_ok() {
                Look {
                    guide: show(
                        StepId::AssignRole,
                        format!("The role {} is in the list. Click Save.", ctx.clone_name),
                        Tone::Info,
                        found("save"),
                        None,
                    ),
                    done: vec![],
                }
            } else {
                Look {
                    guide: show(
                        StepId::AssignRole,
                        format!(
                            "On the Access subtab, add the role {} to Roles.",
                            ctx.clone_name
                        ),
                        Tone::Info,
                        found("access_subtab"),
                        Some("Add the role"),
                    ),
                    done: vec![],
                }
            }
        }
        PageKind::NetsuiteAccessTokenList => Look {
            guide: show(
                StepId::CreateToken,
                "Click New Access Token.".into(),
                Tone::Info,
                found("new_token_button"),
                Some("New Access Token"),
            ),
            done: vec![],
        },
        PageKind::NetsuiteAccessTokenNew => {
            if let Some(g) = token_form_blocker(snap, ctx) {
                return Look {
                    guide: Some(g),
                    done: vec![],
                };
            }
            if let Some(err) = page_says(snap, ns.texts("error")) {
                return Look {
                    guide: show(
                        StepId::CreateToken,
                        format!("NetSuite refused the token: {err} Fix that, then try again."),
                        Tone::Error,
                        None,
                        Some("Fill the form"),
                    ),
                    done: vec![],
                };
            }
            // Set means the hidden internal id holds a value (what NetSuite saves); a widget
            // without one counts by its visible text.
            let set = |name: &str| {
                found(name).and_then(|h| control(snap, h)).is_some_and(|c| {
                    let d = dropdown(ns, snap, c);
                    let v = d.value.map_or(&d.text.value, |v| &v.value);
                    v.as_deref().is_some_and(|v| !v.trim().is_empty())
                })
            };
            let (app_set, user_set, role_set) = (
                set("token_application"),
                set("token_user"),
                set("token_role"),
            );
            let (message, at, do_it) = match (app_set, user_set, role_set) {
                (true, true, true) => ("Check Application, User and Role, keep the proposed Token Name, then click Save. The Token ID and Secret will be shown once: tba-assist takes them.".to_owned(), found("save"), None),
                // Filled by clicks (no page API): the user is the person's to choose.
                (true, false, _) => (
                    format!("Choose the User you gave the role {} to, then the Role if it is empty, then click Save.", ctx.clone_name),
                    found("token_user"),
                    None,
                ),
                _ => (
                    format!("Application {}, the user, and the role {}.", pb.netsuite.application[0], ctx.clone_name),
                    found("token_application"),
                    Some("Fill the form"),
                ),
            };
            Look {
                guide: show(StepId::CreateToken, message, Tone::Info, at, do_it),
                done: vec![],
            }
        }
        // Capture happens without a click (see `capture_plan`); the worker shows its outcome.
        PageKind::NetsuiteTokenConfirmation => Look {
            guide: None,
            done: vec![],
        },
        PageKind::CeligoConnections | PageKind::CeligoIntegrationAppConnections => Look {
            guide: show(
                StepId::FillConnection,
                format!(
                    "Open the NetSuite connection's Edit pencil ({}).",
                    pb.celigo.where_
                ),
                Tone::Info,
                None,
                None,
            ),
            done: vec![],
        },
        // The Celigo form's guide depends on the vault: see `celigo_guide`.
        PageKind::CeligoConnectionEdit => Look {
            guide: None,
            done: vec![],
        },
    }
}

/// The plan for "Do it" on a NetSuite page.
pub fn do_it(r: &Recognition, snap: &Snapshot, ctx: &Ctx) -> Result<Plan, Guide> {
    let ns = netsuite();
    let page = r.page.ok_or_else(|| Guide {
        step: None,
        title: "Not a step of the set-up".into(),
        message: format!(
            "tba-assist does not know this page, so it changed nothing. {}",
            r.reasons.join(" ")
        ),
        tone: Tone::Error,
        point_at: None,
        do_it: None,
    })?;
    let listed = ctx.playbook.step_of(page).map(|(_, s)| s.id);
    // Playbooks list a page under its own step only (checked when they are parsed).
    let step = listed.or(StepId::of_page(page));
    let missing = |m: Vec<String>| missing_guide(ctx, step, &m);
    let mut plan = Plan::new(step.unwrap_or(StepId::EnableTba));
    match page {
        PageKind::NetsuiteEnableFeatures => {
            let [subtab, tba] =
                find_all(ns, ["suitecloud_subtab", "tba_checkbox"], snap, ctx).map_err(missing)?;
            plan.push(Action::Click { handle: subtab });
            // No read-back: NetSuite holds the tick until the person accepts the terms, in a
            // pop-up window of its own where the product's pointer cannot go.
            plan.push(Action::Check {
                handle: tba,
                on: true,
            });
            plan.after = Some(guide_for(
                ctx,
                step,
                "NetSuite opened its SuiteCloud Terms of Service in a separate window, where tba-assist cannot point. Read them there and click I Agree if you accept: that decision is yours. This page then shows the box ticked. No window? Your browser blocked NetSuite's pop-up: tick the box yourself.".into(),
                Tone::Info,
                Some(tba),
                Some("Tick it again"),
            ));
        }
        PageKind::NetsuiteRoleList => {
            let [link] = find_all(ns, ["role_customize_link"], snap, ctx).map_err(missing)?;
            plan.push(Action::Click { handle: link });
            plan.navigates = true;
        }
        PageKind::NetsuiteRoleForm => {
            if !ctx.clone_name.chars().all(|c| c.is_ascii_alphanumeric())
                || ctx.clone_name.is_empty()
            {
                return Err(guide_for(ctx, step, format!("The role name {:?} has characters other than letters and digits; Celigo advises against that. Change it in the side panel.", ctx.clone_name), Tone::Error, None, None));
            }
            let [name] = find_all(ns, ["role_name"], snap, ctx).map_err(missing)?;
            plan.expect(
                Action::Fill {
                    handle: name,
                    value: ctx.clone_name.into(),
                },
                Expect::Equals(ctx.clone_name.to_owned()),
                "the role's Name",
            );
        }
        PageKind::NetsuiteEmployeeView => {
            let [edit] = find_all(ns, ["employee_edit_button"], snap, ctx).map_err(missing)?;
            plan.push(Action::Click { handle: edit });
            plan.navigates = true;
        }
        PageKind::NetsuiteEmployeeEdit => {
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
                "the Role of the Roles sublist",
            );
            plan.push(Action::Click { handle: add });
        }
        PageKind::NetsuiteAccessTokenList => {
            let [new] = find_all(ns, ["new_token_button"], snap, ctx).map_err(missing)?;
            plan.push(Action::Click { handle: new });
            plan.navigates = true;
        }
        PageKind::NetsuiteAccessTokenNew => {
            if let Some(g) = token_form_blocker(snap, ctx) {
                return Err(g);
            }
            let [app, user, role] = token_dropdowns(snap, ctx).map_err(missing)?;
            // Without the page's API (a widget with no hidden id, or no field name to address
            // it by) a person's clicks are the only way.
            if [&app, &role]
                .iter()
                .any(|d| d.value.is_none() || d.field.is_empty())
            {
                return token_form_by_clicks(snap, ctx);
            }
            let application = &ctx.playbook.netsuite.application[0];
            // The page's own API sets the hidden internal id with the visible text; typing into
            // the visible box would leave the id unchanged (NetSuite's dropdown pitfall). It is
            // addressed by the field's name, never a DOM id.
            plan.push(Action::CallPage {
                function: "nlapiSetFieldText".into(),
                args: vec![app.field.clone(), application.clone(), "T".into()],
            });
            let set_user = ctx
                .user_id
                .filter(|_| user.value.is_some() && !user.field.is_empty());
            if let Some(id) = set_user {
                plan.push(Action::CallPage {
                    function: "nlapiSetFieldValue".into(),
                    args: vec![user.field.clone(), id.to_owned(), "T".into()],
                });
            }
            plan.push(Action::CallPage {
                function: "nlapiSetFieldText".into(),
                args: vec![role.field.clone(), ctx.clone_name.to_owned(), "T".into()],
            });
            plan.expect(
                Action::ReadBack {
                    handle: app.text.handle,
                },
                Expect::Equals(application.clone()),
                "the Application Name dropdown",
            );
            if let Some(v) = app.value {
                plan.expect(
                    Action::ReadBack { handle: v.handle },
                    Expect::NotEmpty,
                    "the Application Name's internal id",
                );
            }
            if let (Some(id), Some(v)) = (set_user, user.value) {
                plan.expect(
                    Action::ReadBack { handle: v.handle },
                    Expect::Equals(id.to_owned()),
                    "the User's internal id",
                );
            }
            // NetSuite lists only the user's roles: a missing one means step B or C is not done.
            let role_hint = role_hint(ctx);
            plan.expect(
                Action::ReadBack {
                    handle: role.text.handle,
                },
                Expect::Equals(ctx.clone_name.to_owned()),
                &role_hint,
            );
            if let Some(v) = role.value {
                plan.expect(
                    Action::ReadBack { handle: v.handle },
                    Expect::NotEmpty,
                    &role_hint,
                );
            }
        }
        PageKind::NetsuiteTokenConfirmation => {
            return Err(guide_for(
                ctx,
                StepId::CaptureToken,
                "tba-assist takes the Token ID and Secret from this page by itself.".into(),
                Tone::Info,
                None,
                None,
            ));
        }
        _ => {
            return Err(guide_for(
                ctx,
                listed,
                "There is no data entry to do on this page.".into(),
                Tone::Info,
                None,
                None,
            ));
        }
    }
    Ok(plan)
}

/// The token form's Application Name, User and Role dropdowns, each with its hidden value.
fn token_dropdowns<'s>(snap: &'s Snapshot, ctx: &Ctx) -> Result<[Dropdown<'s>; 3], Vec<String>> {
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

fn role_hint(ctx: &Ctx) -> String {
    format!("the Role dropdown (NetSuite offers the role {} only once it exists, the user holds it and it has \"Log in using Access Tokens\": steps B and C)", ctx.clone_name)
}

/// Choosing an option by clicks, as a person would, in the site's own list.
fn choose(loc: &SiteLocators, handle: Handle, options: Vec<String>) -> Action {
    Action::Choose {
        handle,
        options,
        list: loc.dropdowns.list.clone(),
    }
}

/// An earlier step the token form shows is not done, said before anything is filled.
pub fn token_form_blocker(snap: &Snapshot, ctx: &Ctx) -> Option<Guide> {
    let ns = netsuite();
    let blocked = |msg: String| {
        Some(guide_for(
            ctx,
            StepId::CreateToken,
            msg,
            Tone::Error,
            None,
            Some("Fill the form"),
        ))
    };
    if page_says(snap, ns.texts("tba_off")).is_some() {
        return blocked("Token-based Authentication is off in this account, so NetSuite will not make a token: do step A first (Setup > Company > Enable Features > SuiteCloud), then come back.".into());
    }
    let app = find(ns, "token_application", snap, ctx)
        .ok()
        .and_then(|h| control(snap, h));
    if let Some(false) = app.and_then(|c| offers(c, &ctx.playbook.netsuite.application)) {
        return blocked(format!("NetSuite offers no Application Name {:?}: the integration record that {} installs is missing or disabled (Setup > Integration > Manage Integrations).", ctx.playbook.netsuite.application[0], ctx.playbook.netsuite.requires));
    }
    let user = find(ns, "token_user", snap, ctx)
        .ok()
        .and_then(|h| control(snap, h));
    if let (Some(u), Some(id)) = (user, ctx.user_id) {
        if !u.options.is_empty() && text_of_value(u, id).is_none() {
            return blocked(format!("The user you gave the role {} to (step C) is not in the User list: give that user access on the Access subtab of the employee record (step C), then reload this page.", ctx.clone_name));
        }
    }
    // The Role list follows the User: it is known only once the user chosen is ours.
    let role = find(ns, "token_role", snap, ctx)
        .ok()
        .and_then(|h| control(snap, h));
    let user_chosen = user
        .map(|u| dropdown(ns, snap, u))
        .and_then(|d| d.value.and_then(|v| v.value.clone()));
    if user_chosen.is_some() && user_chosen.as_deref() == ctx.user_id {
        if let Some(false) = role.and_then(|r| offers(r, &[ctx.clone_name.to_owned()])) {
            return blocked(format!("NetSuite does not offer the role {} for this user: give the user the role (step C), and check the role has \"Log in using Access Tokens\" (step B).", ctx.clone_name));
        }
    }
    None
}

/// The fallback for the token form when the page's API is not reachable or did not keep the
/// values: choose each option by clicking it in NetSuite's own list, as a person would, which
/// sets the hidden id through the page's own handler.
pub fn token_form_by_clicks(snap: &Snapshot, ctx: &Ctx) -> Result<Plan, Guide> {
    let ns = netsuite();
    let step = StepId::CreateToken;
    let [app, user, role] = token_dropdowns(snap, ctx).map_err(|m| missing_guide(ctx, step, &m))?;
    let mut plan = Plan::new(step);
    plan.expect(
        choose(
            ns,
            app.text.handle,
            ctx.playbook.netsuite.application.clone(),
        ),
        Expect::NotEmpty,
        "the Application Name dropdown",
    );
    // The user by the name NetSuite shows for the internal id from step C, when it says.
    if let Some(name) = ctx.user_id.and_then(|id| text_of_value(user.text, id)) {
        plan.expect(
            choose(ns, user.text.handle, vec![name.to_owned()]),
            Expect::Equals(name.to_owned()),
            "the User dropdown",
        );
    }
    let role_hint = role_hint(ctx);
    plan.expect(
        choose(ns, role.text.handle, vec![ctx.clone_name.to_owned()]),
        Expect::Equals(ctx.clone_name.to_owned()),
        &role_hint,
    );
    if let Some(v) = app.value {
        plan.expect(
            Action::ReadBack { handle: v.handle },
            Expect::NotEmpty,
            "the Application Name's internal id",
        );
    }
    if let Some(v) = role.value {
        plan.expect(
            Action::ReadBack { handle: v.handle },
            Expect::NotEmpty,
            "the Role's internal id",
        );
    }
    Ok(plan)
}

/// Where the Token ID and Secret are on the confirmation page, or an error guide that says
/// loudly to copy them by hand: NetSuite shows them once.
pub fn capture_plan(snap: &Snapshot, ctx: &Ctx) -> Result<(Plan, Pair), Guide> {
    let ns = netsuite();
    let labels = |t: &str| {
        ns.target(t)
            .map(|t| t.after_label.clone())
            .unwrap_or_default()
    };
    let pair = find_pair(snap, &labels("token_id_value"), &labels("token_secret_value")).map_err(|e| {
        guide_for(
            ctx,
            StepId::CaptureToken,
            format!("tba-assist could not take the Token ID and Secret: {e}. Copy both by hand NOW, into the Celigo connection form or a password manager: NetSuite shows them only this once."),
            Tone::Error,
            None,
            Some("Try to take them again"),
        )
    })?;
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
    let text = |i: usize, word: usize| match results.get(i) {
        Some(ActionResult::Done { value: Some(v), .. }) => {
            Ok(word_of(v.expose(), word).unwrap_or(v.expose()))
        }
        Some(ActionResult::Failed { reason }) => {
            Err(format!("the page did not give the value ({reason})"))
        }
        _ => Err("the page did not give the value".to_owned()),
    };
    let pair = TokenPair::parse(
        text(0, pair.token_id.word)?,
        text(1, pair.token_secret.word)?,
    )
    .map_err(|e: TokenError| e.to_string())?;
    Ok(pair)
}

// ── Celigo ─────────────────────────────────────────────────────────────────────────────────

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

fn fixed_texts(pb: &Playbook, target: &str) -> Vec<String> {
    pb.celigo
        .fields
        .iter()
        .find(|f| f.target == target)
        .map(|f| f.text.clone())
        .unwrap_or_default()
}

/// The plan for the Celigo connection form and the token of `account`.
pub fn celigo_plan(
    r: &Recognition,
    snap: &Snapshot,
    ctx: &Ctx,
    account: &NetSuiteAccount,
) -> Result<CeligoPlan, Guide> {
    let cg = celigo();
    let step = StepId::FillConnection;
    let missing = |m: Vec<String>| missing_guide(ctx, step, &m);
    let auth_texts = fixed_texts(ctx.playbook, "auth_type");
    let current = r.facts.get("auth_type").cloned().unwrap_or_default();
    if !auth_texts.iter().any(|t| norm(t) == norm(&current)) {
        let [auth] = find_all(cg, ["auth_type"], snap, ctx).map_err(missing)?;
        let mut plan = Plan::new(step);
        plan.expect(
            choose(cg, auth, auth_texts.clone()),
            Expect::OneOf(auth_texts),
            "the Authentication type",
        );
        return Ok(CeligoPlan::SetAuthType(plan));
    }
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
    let mut fields = Plan::new(step);
    let labels: Vec<String> = account
        .celigo_environment()
        .option_labels()
        .iter()
        .map(|s| s.to_string())
        .collect();
    fields.expect(
        choose(cg, env, labels.clone()),
        Expect::OneOf(labels),
        "the Environment",
    );
    let id = account.celigo_account_id();
    fields.expect(
        Action::Fill {
            handle: acct,
            value: id.as_str().into(),
        },
        Expect::Equals(id),
        "the Account ID",
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
) -> Result<&'v EntrySummary, String> {
    if tokens.is_empty() {
        return Err("No token is in memory. Create one in NetSuite (Setup > Users/Roles > Access Tokens > New) with tba-assist open; it is taken when NetSuite shows it.".into());
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
        _ => Err(format!(
            "{} tokens are in memory ({}). Pick the one for this connection in the side panel.",
            tokens.len(),
            tokens
                .iter()
                .map(|t| format!("{} {}", t.account, t.fingerprint))
                .collect::<Vec<_>>()
                .join(", ")
        )),
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

/// Whether a text the page showed after Save means it saved.
pub fn saved(text: &str) -> bool {
    says(text, celigo().texts("save_success"))
}

/// What the person reads once the connection is saved and the token wiped.
pub fn saved_guide(ctx: &Ctx) -> Guide {
    guide_for(
        ctx,
        StepId::FillConnection,
        "Saved. The token was erased from tba-assist's memory. Run a flow that writes to NetSuite to be sure all is well.".into(),
        Tone::Success,
        None,
        None,
    )
}

/// The Celigo form's highlight, given the tokens in memory.
pub fn celigo_guide(
    snap: &Snapshot,
    ctx: &Ctx,
    tokens: &[EntrySummary],
    picked: Option<&str>,
) -> Guide {
    let cg = celigo();
    match pick_token(tokens, picked, &form_account(snap, ctx)) {
        Ok(t) => guide_for(
            ctx,
            StepId::FillConnection,
            format!("Fill this connection with the token of NetSuite account {} ({}, fingerprint {}, {} s left).", t.account, t.environment.human(), t.fingerprint, t.seconds_left),
            Tone::Info,
            find(cg, "auth_type", snap, ctx).ok(),
            Some("Fill and test"),
        ),
        Err(msg) => guide_for(ctx, StepId::FillConnection, msg, Tone::Error, None, None),
    }
}

/// What the Test connection outcome means for the person.
pub fn test_outcome(ctx: &Ctx, text: &str, save: Handle) -> (bool, Guide) {
    if says(text, celigo().texts("test_success")) {
        return (
            true,
            guide_for(ctx, StepId::FillConnection, "The connection works. Click Save to keep it (or confirm in the side panel); tba-assist then erases the token from memory.".into(), Tone::Success, Some(save), None),
        );
    }
    (
        false,
        guide_for(
            ctx,
            StepId::FillConnection,
            "Celigo says: Invalid login attempt. Likely causes: the wrong Environment or Account ID for this token; the token was revoked or made inactive; the role lacks \"Log in using Access Tokens\"; Token-based Authentication is off in NetSuite. The token stays in memory until it expires, so you can fix that and press Fill and test again.".into(),
            Tone::Error,
            None,
            Some("Fill and test"),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assistant::playbooks;
    use crate::fixtures::{confirmation, control as c, token_form};
    use crate::protocol::Control;
    use crate::recognize::recognize;

    fn pb(id: &str) -> &'static Playbook {
        playbooks().iter().find(|p| p.id == id).unwrap()
    }

    fn ctx(p: &Playbook) -> Ctx<'_> {
        Ctx {
            playbook: p,
            clone_name: &p.netsuite.clone_name,
            user_id: Some("42"),
        }
    }

    const NS: &str = "https://1234567.app.netsuite.com";

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
        assert!(plan.verify(&results).unwrap_err().contains("steps B and C"));
    }

    #[test]
    fn a_missing_field_names_it_and_plans_nothing() {
        let p = pb("integrator-io");
        let mut snap = token_form();
        snap.controls.retain(|c| c.field != "role");
        let r = recognize(&format!("{NS}/app/setup/accesstoken.nl"), &snap);
        let g = do_it(&r, &snap, &ctx(p)).unwrap_err();
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
        let g = do_it(&r, &snap, &cx).unwrap_err();
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
        let g = do_it(&recognize(&url, &snap), &snap, &cx).unwrap_err();
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
    fn enable_features_ticks_but_never_agrees() {
        let p = pb("integrator-io");
        let mut sub = c(1, "a", "", "customtxt");
        sub.text = "SuiteCloud".into();
        let mut tba = c(2, "input", "checkbox", "tba");
        tba.checked = Some(false);
        tba.default_checked = Some(false);
        tba.visible = false;
        let mut save = c(3, "input", "submit", "submitter");
        save.value = Some("Save".into());
        let mut agree = c(4, "button", "button", "agree");
        agree.text = "I Agree".into();
        let snap = Snapshot {
            controls: vec![sub, tba, save],
            ..Default::default()
        };
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
        assert!(pick_token(&[], None, "").unwrap_err().contains("No token"));
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
        let g = celigo_plan(&r, &snap, &cx, &acct).unwrap_err();
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
}
