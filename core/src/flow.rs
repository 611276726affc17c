//! What tba-assist shows and does on each page of the flow.
//!
//! For every recognised page, [`guide`] says what the in-page highlight and the side panel show
//! (read-only), and [`do_it`] makes the plan for the step's data entry. A plan is made only when
//! every element it touches was found exactly once: otherwise the answer is an error guide that
//! names what is missing, and nothing is written. Decisions stay with the person: the plans fill
//! and tick, and point at "I Agree" and "Save" without pressing them.

use crate::locator::{resolve, Resolution, Target};
use crate::netsuite::account::NetSuiteAccount;
use crate::playbook::{Playbook, ValueSource};
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
    pub step: String,
    pub actions: Vec<Action>,
    pub checks: Vec<Check>,
    /// The last action opens another page: there is nothing more to look at on this one.
    pub navigates: bool,
}

fn norm(s: &str) -> String {
    crate::locator::normalize(s)
}

impl Plan {
    fn new(step: &str) -> Plan {
        Plan {
            step: step.to_owned(),
            actions: Vec::new(),
            checks: Vec::new(),
            navigates: false,
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
                ActionResult::Done { value, matches } => (value.as_deref().unwrap_or(""), *matches),
                ActionResult::Failed { .. } => unreachable!("failures returned above"),
            };
            let ok = match &c.expect {
                Expect::Equals(want) => norm(value) == norm(want),
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
    step_id: &str,
    message: String,
    tone: Tone,
    point_at: Option<Handle>,
    do_it: Option<&str>,
) -> Guide {
    let title = ctx
        .playbook
        .steps
        .iter()
        .find(|s| s.id == step_id)
        .map(|s| s.title.clone())
        .unwrap_or_default();
    Guide {
        step: step_id.to_owned(),
        title,
        message,
        tone,
        point_at,
        do_it: do_it.map(str::to_owned),
    }
}

fn missing_guide(ctx: &Ctx, step: &str, missing: &[String]) -> Guide {
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
    pub done: Vec<&'static str>,
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
    let show = |step: &str, msg: String, tone, at, doit: Option<&str>| {
        Some(guide_for(ctx, step, msg, tone, at, doit))
    };
    let pb = ctx.playbook;
    match page {
        PageKind::NetsuiteLogin => Look {
            guide: Some(Guide {
                step: String::new(),
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
                    guide: show("enable_tba", "Token-based Authentication is on. Next: create the role (Setup > Users/Roles > Manage Roles).".into(), Tone::Success, None, None),
                    done: vec!["enable_tba"],
                }
            } else if fact(r, "terms_open") {
                Look {
                    guide: show("enable_tba", "Read the SuiteCloud terms. If you accept them, click I Agree: that decision is yours.".into(), Tone::Info, found("terms_agree"), None),
                    done: vec![],
                }
            } else if fact(r, "tba_ticked") {
                Look {
                    guide: show(
                        "enable_tba",
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
                    guide: show("enable_tba", "On the SuiteCloud subtab, under Manage Authentication, tick TOKEN-BASED AUTHENTICATION.".into(), Tone::Info, at, Some("Tick it for me")),
                    done: vec![],
                }
            }
        }
        PageKind::NetsuiteRoleList | PageKind::NetsuiteRoleView => {
            if shows_text(snap, ctx.clone_name) {
                return Look {
                    guide: show("clone_role", format!("The role {} exists. Next: give it to the integration user (Setup > Users/Roles > Manage Users).", ctx.clone_name), Tone::Success, None, None),
                    done: vec!["clone_role"],
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
                    guide: show("clone_role", format!("Click Customize beside {}.", pb.netsuite.role_to_clone), Tone::Info, Some(h), Some("Open Customize")),
                    done: vec![],
                },
                Err(_) => Look {
                    guide: show(
                        "clone_role",
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
                        "clone_role",
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
                    guide: show("clone_role", format!("Name the new role {} (letters and digits only, as Celigo advises; change it in the side panel).", ctx.clone_name), Tone::Info, name, Some("Name it")),
                    done: vec![],
                }
            }
        }
        PageKind::NetsuiteUserList => Look {
            guide: show(
                "assign_role",
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
                Look { guide: show("assign_role", format!("This user has the role {}. Next: create the access token (Setup > Users/Roles > Access Tokens > New).", ctx.clone_name), Tone::Success, None, None), done: vec!["assign_role"] }
            } else {
                Look {
                    guide: show(
                        "assign_role",
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
                        "assign_role",
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
                        "assign_role",
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
                "create_token",
                "Click New Access Token.".into(),
                Tone::Info,
                found("new_token_button"),
                Some("New Access Token"),
            ),
            done: vec![],
        },
        PageKind::NetsuiteAccessTokenNew => {
            if let Some(err) = page_says(snap, ns.texts("error")) {
                return Look {
                    guide: show(
                        "create_token",
                        format!("NetSuite refused the token: {err} Fix that, then try again."),
                        Tone::Error,
                        None,
                        Some("Fill the form"),
                    ),
                    done: vec![],
                };
            }
            let value = |name: &str| {
                found(name)
                    .and_then(|h| control(snap, h))
                    .and_then(|c| c.value.clone())
                    .unwrap_or_default()
            };
            let app_set = !value("token_application_value").is_empty();
            let user_set = !value("token_user_value").is_empty();
            let role_set = !value("token_role_value").is_empty();
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
                guide: show("create_token", message, Tone::Info, at, do_it),
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
                "fill_connection",
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
        step: String::new(),
        title: "Not a step of the set-up".into(),
        message: format!(
            "tba-assist does not know this page, so it changed nothing. {}",
            r.reasons.join(" ")
        ),
        tone: Tone::Error,
        point_at: None,
        do_it: None,
    })?;
    let step = ctx
        .playbook
        .step_of(page)
        .map(|(_, s)| s.id.as_str())
        .unwrap_or("");
    let missing = |m: Vec<String>| missing_guide(ctx, step, &m);
    let mut plan = Plan::new(step);
    match page {
        PageKind::NetsuiteEnableFeatures => {
            let [subtab, tba] =
                find_all(ns, ["suitecloud_subtab", "tba_checkbox"], snap, ctx).map_err(missing)?;
            plan.push(Action::Click { handle: subtab });
            // No read-back: NetSuite holds the tick until the person accepts the terms, and the
            // next look at the page points at them.
            plan.push(Action::Check {
                handle: tba,
                on: true,
            });
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
                    value: ctx.clone_name.to_owned(),
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
                Action::Choose {
                    handle: role,
                    options: vec![ctx.clone_name.to_owned()],
                },
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
            // The visible User box is required too: a form without it is not the form we know.
            let [app, _user, role, app_id, user_id, role_id] = find_all(
                ns,
                [
                    "token_application",
                    "token_user",
                    "token_role",
                    "token_application_value",
                    "token_user_value",
                    "token_role_value",
                ],
                snap,
                ctx,
            )
            .map_err(missing)?;
            let field = |h: Handle| {
                control(snap, h)
                    .map(|c| {
                        if c.id.is_empty() {
                            c.name.clone()
                        } else {
                            c.id.clone()
                        }
                    })
                    .unwrap_or_default()
            };
            let application = &ctx.playbook.netsuite.application[0];
            // The page's own API sets the hidden internal id with the visible text; typing into
            // the visible box would leave the id unchanged (NetSuite's dropdown pitfall).
            plan.push(Action::CallPage {
                function: "nlapiSetFieldText".into(),
                args: vec![field(app_id), application.clone(), "T".into()],
            });
            if let Some(id) = ctx.user_id {
                plan.push(Action::CallPage {
                    function: "nlapiSetFieldValue".into(),
                    args: vec![field(user_id), id.to_owned(), "T".into()],
                });
            }
            plan.push(Action::CallPage {
                function: "nlapiSetFieldText".into(),
                args: vec![field(role_id), ctx.clone_name.to_owned(), "T".into()],
            });
            plan.expect(
                Action::ReadBack { handle: app },
                Expect::Equals(application.clone()),
                "the Application Name dropdown",
            );
            plan.expect(
                Action::ReadBack { handle: app_id },
                Expect::NotEmpty,
                "the Application Name's internal id",
            );
            if ctx.user_id.is_some() {
                plan.expect(
                    Action::ReadBack { handle: user_id },
                    Expect::NotEmpty,
                    "the User's internal id",
                );
            }
            // NetSuite lists only the user's roles: a missing one means step B or C is not done.
            let role_hint = format!("the Role dropdown (NetSuite offers the role {} only once it exists and the user holds it: steps B and C)", ctx.clone_name);
            plan.expect(
                Action::ReadBack { handle: role },
                Expect::Equals(ctx.clone_name.to_owned()),
                &role_hint,
            );
            plan.expect(
                Action::ReadBack { handle: role_id },
                Expect::NotEmpty,
                &role_hint,
            );
        }
        _ => {
            return Err(guide_for(
                ctx,
                step,
                "There is no data entry to do on this page.".into(),
                Tone::Info,
                None,
                None,
            ));
        }
    }
    Ok(plan)
}

/// The fallback for the token form when the page's API is not reachable: choose each option by
/// clicking it, as a person would, which sets the hidden id through the page's own handler.
pub fn token_form_by_clicks(snap: &Snapshot, ctx: &Ctx) -> Result<Plan, Guide> {
    let ns = netsuite();
    let step = "create_token";
    let [app, role, app_id, role_id] = find_all(
        ns,
        [
            "token_application",
            "token_role",
            "token_application_value",
            "token_role_value",
        ],
        snap,
        ctx,
    )
    .map_err(|m| missing_guide(ctx, step, &m))?;
    let mut plan = Plan::new(step);
    plan.expect(
        Action::Choose {
            handle: app,
            options: ctx.playbook.netsuite.application.clone(),
        },
        Expect::NotEmpty,
        "the Application Name dropdown",
    );
    plan.expect(
        Action::Choose {
            handle: role,
            options: vec![ctx.clone_name.to_owned()],
        },
        Expect::Equals(ctx.clone_name.to_owned()),
        "the Role dropdown",
    );
    plan.expect(
        Action::ReadBack { handle: app_id },
        Expect::NotEmpty,
        "the Application Name's internal id",
    );
    plan.expect(
        Action::ReadBack { handle: role_id },
        Expect::NotEmpty,
        "the Role's internal id",
    );
    Ok(plan)
}

/// The plan that reads the one-time Token ID and Secret.
pub fn capture_plan(snap: &Snapshot, ctx: &Ctx) -> Result<Plan, Guide> {
    let [id, secret] = find_all(
        netsuite(),
        ["token_id_value", "token_secret_value"],
        snap,
        ctx,
    )
    .map_err(|m| missing_guide(ctx, "capture_token", &m))?;
    let mut plan = Plan::new("capture_token");
    plan.push(Action::Capture { handle: id });
    plan.push(Action::Capture { handle: secret });
    Ok(plan)
}

/// The captured pair, validated. The error says what was wrong, never the value.
pub fn captured_pair(results: &[ActionResult]) -> Result<TokenPair, String> {
    let text = |i: usize| match results.get(i) {
        Some(ActionResult::Done { value: Some(v), .. }) => Ok(v.as_str()),
        Some(ActionResult::Failed { reason }) => {
            Err(format!("the page did not give the value ({reason})"))
        }
        _ => Err("the page did not give the value".to_owned()),
    };
    let pair = TokenPair::parse(text(0)?, text(1)?).map_err(|e: TokenError| e.to_string())?;
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
    let step = "fill_connection";
    let missing = |m: Vec<String>| missing_guide(ctx, step, &m);
    let auth_texts = fixed_texts(ctx.playbook, "auth_type");
    let current = r.facts.get("auth_type").cloned().unwrap_or_default();
    if !auth_texts.iter().any(|t| norm(t) == norm(&current)) {
        let [auth] = find_all(cg, ["auth_type"], snap, ctx).map_err(missing)?;
        let mut plan = Plan::new(step);
        plan.expect(
            Action::Choose {
                handle: auth,
                options: auth_texts,
            },
            Expect::NotEmpty,
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
        Action::Choose {
            handle: env,
            options: labels,
        },
        Expect::NotEmpty,
        "the Environment",
    );
    let id = account.celigo_account_id();
    fields.expect(
        Action::Fill {
            handle: acct,
            value: id.clone(),
        },
        Expect::Equals(id),
        "the Account ID",
    );
    for f in &ctx.playbook.celigo.fields {
        if f.value == ValueSource::Fixed && f.target != "auth_type" {
            let [h] = find_all(cg, [f.target.as_str()], snap, ctx).map_err(missing)?;
            fields.expect(
                Action::Choose {
                    handle: h,
                    options: f.text.clone(),
                },
                Expect::Equals(f.text[0].clone()),
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
        "fill_connection",
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
            "fill_connection",
            format!("Fill this connection with the token of NetSuite account {} ({}, fingerprint {}, {} s left).", t.account, t.environment.human(), t.fingerprint, t.seconds_left),
            Tone::Info,
            find(cg, "auth_type", snap, ctx).ok(),
            Some("Fill and test"),
        ),
        Err(msg) => guide_for(ctx, "fill_connection", msg, Tone::Error, None, None),
    }
}

/// What the Test connection outcome means for the person.
pub fn test_outcome(ctx: &Ctx, text: &str, save: Handle) -> (bool, Guide) {
    if says(text, celigo().texts("test_success")) {
        return (
            true,
            guide_for(ctx, "fill_connection", "The connection works. Click Save to keep it (or confirm in the side panel); tba-assist then erases the token from memory.".into(), Tone::Success, Some(save), None),
        );
    }
    (
        false,
        guide_for(
            ctx,
            "fill_connection",
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
                    Expect::Equals(v) => v.clone(),
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
            value: Some(String::new()),
            matches: None,
        };
        assert!(plan.verify(&results).unwrap_err().contains("steps B and C"));
    }

    #[test]
    fn a_missing_field_names_it_and_plans_nothing() {
        let p = pb("integrator-io");
        let mut snap = token_form();
        snap.controls.retain(|c| c.id != "role");
        let r = recognize(&format!("{NS}/app/setup/accesstoken.nl"), &snap);
        // Recognition still names the page (the hidden id is not a page signal) but planning refuses.
        let g = do_it(&r, &snap, &ctx(p)).unwrap_err();
        assert_eq!(g.tone, Tone::Error);
        assert!(
            g.message.contains("the Role's internal id was not found"),
            "{}",
            g.message
        );
        assert!(g.message.starts_with("tba-assist changed nothing"));
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
        let plan = capture_plan(&snap, &ctx(p)).unwrap();
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
        let pair = captured_pair(&[good(&id), good(&secret)]).unwrap();
        assert_eq!(pair.token_secret.expose(), "b".repeat(64));
        let err = captured_pair(&[good(&id), good(&"c".repeat(63))]).unwrap_err();
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
                options: vec!["Token Based Auth (Manual)".into(), "Token".into()]
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
                options: vec!["Sandbox2.0".into(), "Sandbox 2.0".into(), "Sandbox".into()]
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
                options: vec!["SmartConnector (HT) NetSuite iClient".into()]
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
