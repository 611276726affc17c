//! The service worker's side: decode a message, let the core decide, run the plans it makes in
//! the tab, keep what must survive a service-worker restart in `chrome.storage.session`.
//! `extension/background.js` registers the listeners (Chrome requires that in the first turn of
//! the event loop) and forwards here once the Wasm is ready.
//!
//! Secrets pass through here only between the vault and one `fill` message, or from a `capture`
//! result into the vault; the strings that held them are zeroized after use.

use crate::chrome;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::hash_map::DefaultHasher;
use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};
use tba_core::assistant::{Assistant, TabId};
use tba_core::flow::{self, CeligoPlan, Plan, Refusal};
use tba_core::netsuite::account::NetSuiteAccount;
use tba_core::origin::{classify, Site};
use tba_core::playbook::StepId;
use tba_core::protocol::{
    Action, ActionResult, FromPage, FromPanel, Guide, Handle, PlanResult, Snapshot, ToPage, Tone,
    PANEL_CHANGED,
};
use tba_core::recognize::{celigo, recognize, PageKind};
use tba_core::token::TokenPart;
use tba_core::vault::{StoredVault, Vault, DEFAULT_TTL_MS};
use tba_core::words::{say, text};
use wasm_bindgen::prelude::*;
use zeroize::{Zeroize, Zeroizing};

/// Keys in `chrome.storage.session`. The assistant holds no secret; the vault does, which is
/// why storage.session (memory only, trusted contexts only) is the only place it is written.
const STATE_KEY: &str = "assistant";
const VAULT_KEY: &str = "vault";
const EXPIRY_ALARM: &str = "vault-expiry";
/// How long Celigo may take to answer Test connection or Save.
const CELIGO_ANSWER_MS: u32 = 30_000;

struct Worker {
    assistant: Assistant,
    vault: Vault,
    next_plan: u32,
    /// Tabs where a Do it is running: a second one must not start (both secrets twice).
    busy: BTreeSet<TabId>,
    /// A digest of what was last written to storage.session, to skip writes (and the panel's
    /// redraws they cause) when nothing changed.
    saved: u64,
}

thread_local! {
    // The service worker is single-threaded; a RefCell is enough. Borrows never span an await.
    // Chrome stops idle workers: `worker_start` rebuilds this from storage.session.
    static STATE: RefCell<Option<Worker>> = const { RefCell::new(None) };
}

fn with<R>(f: impl FnOnce(&mut Worker) -> R) -> R {
    STATE.with(|s| {
        f(s.borrow_mut()
            .as_mut()
            .expect("worker_start ran before any message"))
    })
}

fn now() -> u64 {
    js_sys::Date::now() as u64
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Restores the state kept in `chrome.storage.session` (a worker restart loses memory).
#[wasm_bindgen]
pub async fn worker_start() -> Result<(), JsValue> {
    // A state from an older build that no longer parses is dropped, not fatal: the next
    // snapshot rebuilds what each tab shows.
    let assistant = chrome::session_load(STATE_KEY)
        .await?
        .and_then(|j| serde_json::from_str::<Assistant>(&j).ok())
        .unwrap_or_default();
    let stored = chrome::session_load(VAULT_KEY).await?.map(Zeroizing::new);
    let vault = match stored
        .as_deref()
        .map(|j| StoredVault::from_json(j).and_then(|s| Vault::from_stored(s, now())))
    {
        Some(Ok(v)) => v,
        // Unreadable: start empty rather than keep a half-trusted store; the user re-captures.
        _ => Vault::new(chrome::random_key()?, DEFAULT_TTL_MS),
    };
    STATE.with(|s| {
        *s.borrow_mut() = Some(Worker {
            assistant,
            vault,
            next_plan: 1,
            busy: BTreeSet::new(),
            saved: 0,
        })
    });
    save().await
}

/// Writes both states in one go, if they changed, and tells open views to redraw.
async fn save() -> Result<(), JsValue> {
    let changed = with(|w| {
        w.vault.purge_expired(now());
        let state =
            serde_json::to_string(&w.assistant).map_err(|e| JsValue::from_str(&e.to_string()))?;
        let vault = w.vault.to_stored().to_json();
        let mut h = DefaultHasher::new();
        (state.as_str(), vault.as_str()).hash(&mut h);
        let digest = h.finish();
        if digest == w.saved {
            return Ok(None);
        }
        w.saved = digest;
        Ok::<_, JsValue>(Some((state, vault, w.vault.next_expiry_ms())))
    })?;
    let Some((state, vault, expiry)) = changed else {
        return Ok(());
    };
    chrome::session_store(&[(STATE_KEY, state.as_str()), (VAULT_KEY, vault.as_str())]).await?;
    chrome::alarm_at(EXPIRY_ALARM, expiry).await;
    chrome::broadcast(chrome::obj(&[("kind", JsValue::from_str(PANEL_CHANGED))])).await;
    Ok(())
}

/// The expiry alarm: wipe what has expired, even if nobody looks.
#[wasm_bindgen]
pub async fn worker_alarm() -> Result<(), JsValue> {
    save().await
}

/// A tab's URL changed. A single-page app (Celigo) moves into the flow's routes without loading
/// a page, where the manifest's content script would run: inject the executor then.
#[wasm_bindgen]
pub async fn worker_tab_updated(tab_id: f64, url: String) -> Result<(), JsValue> {
    if tba_core::recognize::is_flow_url(&url) {
        chrome::inject_executor(tab_id as i64).await?;
    }
    Ok(())
}

#[wasm_bindgen]
pub async fn worker_tab_closed(tab_id: f64) -> Result<(), JsValue> {
    with(|w| w.assistant.on_tab_closed(tab_id as i64));
    save().await
}

fn own_origin() -> String {
    let runtime = get(&get(&js_sys::global(), "chrome"), "runtime");
    format!(
        "chrome-extension://{}/",
        get(&runtime, "id").as_string().unwrap_or_default()
    )
}

/// Handles one `chrome.runtime.onMessage` message; the promise's value is the answer.
#[wasm_bindgen]
pub async fn worker_handle_message(message: JsValue, sender: JsValue) -> Result<JsValue, JsValue> {
    let sender_url = get(&sender, "url").as_string().unwrap_or_default();
    if sender_url.starts_with(&own_origin()) {
        let request: FromPanel = serde_wasm_bindgen::from_value(message)
            .map_err(|e| JsValue::from_str(&e.to_string()))?;
        return panel_request(request).await;
    }
    // Only a content script in a tab's top frame speaks for a page, and only on our sites.
    // Chrome's view of the tab's URL follows single-page-app navigations (Celigo's drawer
    // routes), which `sender.url` does not.
    let tab_info = get(&sender, "tab");
    let url = get(&tab_info, "url").as_string().unwrap_or(sender_url);
    let tab_id = get(&tab_info, "id").as_f64().map(|f| f as i64);
    let (Some(tab), Some(0.0)) = (tab_id, get(&sender, "frameId").as_f64()) else {
        return to_js(&ToPage::Idle);
    };
    if classify(&url).is_err() {
        return to_js(&ToPage::Idle);
    }
    let document = get(&sender, "documentId").as_string();
    let request: FromPage =
        serde_wasm_bindgen::from_value(message).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let answer = match request {
        FromPage::Snapshot { snapshot } => on_snapshot(tab, &url, document, snapshot).await,
        FromPage::DoIt { snapshot } => do_it(tab, &url, document, snapshot).await,
    };
    save().await?;
    to_js(&answer)
}

fn show(guide: Option<Guide>) -> ToPage {
    guide.map_or(ToPage::Idle, |guide| ToPage::Guide { guide })
}

fn error_guide(step: StepId, message: String) -> Guide {
    Guide {
        step: Some(step),
        title: text("worker.title").into(),
        message,
        tone: Tone::Error,
        point_at: None,
        do_it: None,
    }
}

/// Records a snapshot (and the document it came from) and works out the tab's highlight.
fn record(tab: TabId, url: &str, document: Option<String>, snap: &Snapshot) -> Option<PageKind> {
    with(|w| {
        // A new document (a reload too) starts afresh: an outcome shown on the old one is over.
        let replaced = w
            .assistant
            .tabs
            .get(&tab)
            .is_some_and(|t| document.is_some() && t.document_id != document);
        if replaced {
            w.assistant.set_guide(tab, None, false);
        }
        let state = w.assistant.on_snapshot(tab, url, snap, now());
        if document.is_some() {
            state.document_id = document;
        }
        state.recognition.page
    })
}

async fn on_snapshot(tab: TabId, url: &str, document: Option<String>, snap: Snapshot) -> ToPage {
    let page = record(tab, url, document, &snap);
    let (busy, state) = with(|w| (w.busy.contains(&tab), w.assistant.tabs.get(&tab).cloned()));
    let Some(state) = state else {
        return ToPage::Idle;
    };
    if busy {
        // A Do it is running here: show what it does, without a second button.
        return show(state.guide.map(|g| Guide { do_it: None, ..g }));
    }
    match page {
        Some(PageKind::NetsuiteTokenConfirmation) if !state.captured => capture(tab, &snap).await,
        Some(PageKind::CeligoConnectionEdit) => {
            let guide = if state.tested_ok.is_some()
                && flow::page_says(&snap, celigo().texts("save_success")).is_some()
            {
                // The person saved on the page after a passing test: the token's job is done.
                Some(after_save(tab))
            } else if state.sticky {
                state.guide
            } else {
                Some(with(|w| {
                    let tokens = w.vault.summaries(now());
                    flow::celigo_guide(
                        &snap,
                        &w.assistant.ctx(),
                        &tokens,
                        w.assistant.picked_account.as_deref(),
                    )
                }))
            };
            with(|w| {
                w.assistant.set_guide(
                    tab,
                    guide.clone(),
                    state.sticky || state.tested_ok.is_some(),
                )
            });
            show(guide)
        }
        _ => show(state.guide),
    }
}

/// The connection is saved: wipe its token and the pick of it, and say so.
fn after_save(tab: TabId) -> Guide {
    with(|w| {
        let account = w
            .assistant
            .tabs
            .get_mut(&tab)
            .and_then(|t| t.tested_ok.take());
        if let Some(a) = account
            .as_deref()
            .and_then(|a| NetSuiteAccount::parse_id(a).ok())
        {
            forget(w, &a);
        }
        w.assistant.mark_done(StepId::FillConnection);
        flow::saved_guide(&w.assistant.ctx())
    })
}

/// Wipes one account's token, and the person's pick of it.
fn forget(w: &mut Worker, account: &NetSuiteAccount) {
    w.vault.forget(account);
    if w.assistant.picked_account.as_deref() == Some(account.id.as_str()) {
        w.assistant.picked_account = None;
    }
}

/// Sends a plan to the tab's document the last snapshot came from, and returns the results.
/// A page that was replaced in the meantime does not receive it.
async fn run(tab: TabId, actions: &[Action]) -> Result<Vec<ActionResult>, String> {
    let (plan_id, document) = with(|w| {
        w.next_plan += 1;
        (
            w.next_plan,
            w.assistant
                .tabs
                .get(&tab)
                .and_then(|t| t.document_id.clone()),
        )
    });
    let message = to_js(&ToPage::Run {
        plan_id,
        actions: actions.to_vec(),
    })
    .map_err(|_| text("worker.not_encoded").to_owned())?;
    let answer = chrome::ask_tab(tab, document.as_deref(), message)
        .await
        .map_err(|_| text("worker.went_away").to_owned())?;
    let mut result: PlanResult = serde_wasm_bindgen::from_value(answer)
        .map_err(|_| text("worker.not_understood").to_owned())?;
    if result.plan_id != plan_id {
        wipe(&mut result.results);
        return Err(text("worker.answered_another").into());
    }
    Ok(result.results)
}

/// Runs a plan and checks its results; the results are wiped either way.
async fn run_checked(tab: TabId, plan: &Plan) -> Result<(), String> {
    let mut results = run(tab, &plan.actions).await?;
    let checked = plan.verify(&results).map_err(|r| r.to_string());
    wipe(&mut results);
    checked
}

/// Clicks a button, then waits for the page to say one of `texts`; the text it said.
async fn click_and_wait(tab: TabId, button: Handle, texts: Vec<String>) -> Option<String> {
    let outcome = run(
        tab,
        &[
            Action::Click { handle: button },
            Action::WaitText {
                texts,
                timeout_ms: CELIGO_ANSWER_MS,
            },
        ],
    )
    .await;
    match outcome.as_deref() {
        Ok([_, ActionResult::Done { value: Some(t), .. }]) => Some(t.expose().clone()),
        _ => None,
    }
}

/// A fresh look at the tab: Chrome's URL for it and the executor's snapshot, both of the same
/// page (the URL is read again after the snapshot, so a navigation in between is caught).
async fn fresh(tab: TabId) -> Result<(String, Snapshot), String> {
    let before = chrome::tab_url(tab).await.ok_or(text("worker.tab_gone"))?;
    let document = with(|w| {
        w.assistant
            .tabs
            .get(&tab)
            .and_then(|t| t.document_id.clone())
    });
    let answer = chrome::ask_tab(
        tab,
        document.as_deref(),
        to_js(&ToPage::SnapshotPlease).map_err(|_| text("worker.encoding"))?,
    )
    .await
    .map_err(|_| text("worker.no_answer"))?;
    let after = chrome::tab_url(tab).await.ok_or(text("worker.tab_gone"))?;
    if before != after {
        return Err(text("worker.changed_meanwhile").into());
    }
    match serde_wasm_bindgen::from_value::<FromPage>(answer) {
        Ok(FromPage::Snapshot { snapshot }) => Ok((after, snapshot)),
        _ => Err(text("worker.not_understood").into()),
    }
}

fn wipe(results: &mut [ActionResult]) {
    for r in results {
        if let ActionResult::Done { value: Some(v), .. } = r {
            v.zeroize();
        }
    }
}

async fn capture(tab: TabId, snap: &Snapshot) -> ToPage {
    let (plan, account, playbook) = with(|w| {
        let t = w
            .assistant
            .tabs
            .get_mut(&tab)
            .expect("recorded just before");
        t.captured = true;
        let account = match &t.recognition.site {
            Some(Site::NetSuite(a)) => Some(a.clone()),
            _ => None,
        };
        (
            flow::capture_plan(snap, &w.assistant.ctx()).map_err(|r| r.guide(&w.assistant.ctx())),
            account,
            w.assistant.playbook().id.clone(),
        )
    });
    let account = account.expect("a confirmation page is recognised on NetSuite hosts only");
    let (plan, spots) = match plan {
        Ok(p) => p,
        Err(guide) => {
            with(|w| w.assistant.set_guide(tab, Some(guide.clone()), true));
            return show(Some(guide));
        }
    };
    let outcome = run(tab, &plan.actions).await.and_then(|mut results| {
        let pair = flow::captured_pair(&results, &spots);
        wipe(&mut results);
        pair
    });
    let guide = match outcome {
        Ok(pair) => with(|w| {
            let s = w.vault.deposit(account.clone(), pair, playbook, now());
            w.assistant.mark_done(StepId::CreateToken);
            w.assistant.mark_done(StepId::CaptureToken);
            Guide {
                step: Some(StepId::CaptureToken),
                title: text("worker.token_taken_title").into(),
                message: say(
                    "worker.token_taken",
                    &[
                        ("account", &account.to_string()),
                        ("fingerprint", &s.fingerprint),
                        ("minutes", &(w.vault.ttl_ms() / 60_000).to_string()),
                        ("where", &w.assistant.playbook().celigo.where_),
                    ],
                ),
                tone: Tone::Success,
                point_at: None,
                do_it: None,
            }
        }),
        Err(e) => Guide {
            do_it: Some(text("button.take_again").into()),
            ..error_guide(
                StepId::CaptureToken,
                Refusal::NotTaken { reason: e }.to_string(),
            )
        },
    };
    with(|w| w.assistant.set_guide(tab, Some(guide.clone()), true));
    show(Some(guide))
}

/// "Do it" on a tab: make the step's plan from a fresh snapshot, run it, check it, look again.
/// One at a time per tab.
async fn do_it(tab: TabId, url: &str, document: Option<String>, snap: Snapshot) -> ToPage {
    let page = record(tab, url, document, &snap);
    if !with(|w| w.busy.insert(tab)) {
        return show(with(|w| {
            w.assistant.tabs.get(&tab).and_then(|t| t.guide.clone())
        }));
    }
    // Whatever went wrong, the person can try again from the same button.
    let label = with(|w| {
        w.assistant
            .tabs
            .get(&tab)
            .and_then(|t| t.guide.as_ref())
            .and_then(|g| g.do_it.clone())
    });
    let retry = |g: Guide| match (g.tone, &g.do_it) {
        (Tone::Error, None) => Guide {
            do_it: Some(
                label
                    .clone()
                    .unwrap_or_else(|| text("button.try_again").into()),
            ),
            ..g
        },
        _ => g,
    };
    let (guide, keep) = match page {
        Some(PageKind::CeligoConnectionEdit) => (fill_celigo(tab, url, snap).await, Keep::Outcome),
        // Taking the token again, after a capture that failed.
        Some(PageKind::NetsuiteTokenConfirmation) => match capture(tab, &snap).await {
            ToPage::Guide { guide } => (Some(guide), Keep::Outcome),
            _ => (None, Keep::No),
        },
        _ => do_netsuite(tab, snap).await,
    };
    let guide = guide.map(retry);
    with(|w| {
        w.busy.remove(&tab);
        match (keep, guide.clone()) {
            (Keep::WhileUnchanged, Some(g)) => w.assistant.set_guide_while_unchanged(tab, g),
            (keep, g) => w.assistant.set_guide(tab, g, keep != Keep::No),
        }
    });
    show(guide)
}

/// How long a Do it's answer stays in the highlight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// The page's own guide: the next snapshot may replace it.
    No,
    /// An outcome (an error, a test result): until the tab leaves the URL.
    Outcome,
    /// What happened out of the page's sight: while the page looks as it does now.
    WhileUnchanged,
}

/// The NetSuite step's plan, and how long its answer stays.
async fn do_netsuite(tab: TabId, snap: Snapshot) -> (Option<Guide>, Keep) {
    let plan = with(|w| {
        let r = &w.assistant.tabs[&tab].recognition;
        flow::do_it(r, &snap, &w.assistant.ctx()).map_err(|r| r.guide(&w.assistant.ctx()))
    });
    let plan: Plan = match plan {
        Ok(p) => p,
        Err(g) => return (Some(g), Keep::Outcome),
    };
    let results = match run(tab, &plan.actions).await {
        Ok(r) => r,
        // The click opened the next page, which guides itself.
        Err(_) if plan.navigates => return (None, Keep::No),
        Err(e) => {
            return (
                Some(error_guide(
                    plan.step,
                    say("worker.nothing_more", &[("error", &e)]),
                )),
                Keep::Outcome,
            )
        }
    };
    let mut checked = plan.verify(&results).map_err(|r| r.to_string());
    // No page API, it refused, or the page did not keep what it set: choose the options with
    // clicks in the page's own list, as a person would.
    let used_api = plan
        .actions
        .iter()
        .any(|a| matches!(a, Action::CallPage { .. }));
    if used_api && checked.is_err() {
        let snap = match fresh(tab).await {
            Ok((_, snap)) => snap,
            Err(e) => return (Some(error_guide(plan.step, e)), Keep::Outcome),
        };
        // With the user now chosen, the page may show which earlier step is missing.
        let blocked = with(|w| {
            let ctx = w.assistant.ctx();
            flow::token_form_blocker(&snap, &ctx).map(|r| r.guide(&ctx))
        });
        if let Some(g) = blocked {
            return (Some(g), Keep::Outcome);
        }
        checked = match with(|w| flow::token_form_by_clicks(&snap, &w.assistant.ctx())) {
            Ok(p) => run_checked(tab, &p).await,
            Err(r) => Err(r.to_string()),
        };
    }
    if let Err(e) = checked {
        return (Some(error_guide(plan.step, e)), Keep::Outcome);
    }
    if plan.navigates {
        return (None, Keep::No);
    }
    let offered = |g: Option<&Guide>| g.and_then(|g| g.do_it.clone());
    let before = with(|w| offered(w.assistant.tabs.get(&tab).and_then(|t| t.guide.as_ref())));
    match fresh(tab).await {
        Ok((url, snap)) => with(|w| {
            let state = w.assistant.on_snapshot(tab, &url, &snap, now());
            match plan.after {
                // The page still asks for the same step: say what happened out of its sight.
                Some(after) if before.is_some() && offered(state.guide.as_ref()) == before => {
                    (Some(after), Keep::WhileUnchanged)
                }
                _ => (state.guide.clone(), Keep::No),
            }
        }),
        Err(_) => (None, Keep::No),
    }
}

/// Chrome's URL for the tab must still be an allowed Celigo host and the same form.
async fn still_on(tab: TabId, url: &str) -> Result<(), String> {
    let now_url = chrome::tab_url(tab).await.ok_or(text("worker.tab_gone"))?;
    match classify(&now_url) {
        Ok(Site::Celigo(_)) if now_url == url => Ok(()),
        _ => Err(text("worker.left_the_form").into()),
    }
}

async fn fill_celigo(tab: TabId, url: &str, mut snap: Snapshot) -> Option<Guide> {
    let picked = with(|w| {
        let tokens = w.vault.summaries(now());
        let ctx = w.assistant.ctx();
        flow::pick_token(
            &tokens,
            w.assistant.picked_account.as_deref(),
            &flow::form_account(&snap, &ctx),
        )
        .map(|s| s.netsuite_account())
        .map_err(|r| r.to_string())
    });
    let account = match picked {
        Ok(a) => a,
        Err(e) => return Some(error_guide(StepId::FillConnection, e)),
    };
    let mut url = url.to_owned();
    let mut switched = false;
    let (fields, token_id, token_secret, test, save) = loop {
        let plan = with(|w| {
            let ctx = w.assistant.ctx();
            flow::celigo_plan(&recognize(&url, &snap), &snap, &ctx, &account)
        });
        match plan {
            Err(Refusal::Missing { missing, .. }) if switched => {
                let missing: Vec<String> = missing.iter().map(ToString::to_string).collect();
                return Some(error_guide(
                    StepId::FillConnection,
                    say(
                        "worker.switched_but_missing",
                        &[("missing", &missing.join("; "))],
                    ),
                ));
            }
            Err(r) => return Some(with(|w| r.guide(&w.assistant.ctx()))),
            Ok(CeligoPlan::Fill {
                fields,
                token_id,
                token_secret,
                test,
                save,
            }) => break (fields, token_id, token_secret, test, save),
            Ok(CeligoPlan::SetAuthType(p)) if !switched => {
                switched = true;
                if let Err(e) = run_checked(tab, &p).await {
                    return Some(error_guide(StepId::FillConnection, e));
                }
                match fresh(tab).await {
                    Ok((u, s)) => (url, snap) = (u, s),
                    Err(e) => return Some(error_guide(StepId::FillConnection, e)),
                }
            }
            Ok(CeligoPlan::SetAuthType(_)) => {
                return Some(error_guide(
                    StepId::FillConnection,
                    text("worker.not_switched").into(),
                ))
            }
        }
    };
    if let Err(e) = run_checked(tab, &fields).await {
        return Some(error_guide(StepId::FillConnection, e));
    }
    // The secrets: one field per message, each after checking the tab is still on the form.
    for (handle, part) in [
        (token_id, TokenPart::TokenId),
        (token_secret, TokenPart::TokenSecret),
    ] {
        if let Err(e) = still_on(tab, &url).await {
            return Some(error_guide(StepId::FillConnection, e));
        }
        let value = with(|w| {
            w.vault.get(&account, now()).map(|pair| {
                // Secret use: the one place a token leaves the vault, into one fill message.
                Zeroizing::new(match part {
                    TokenPart::TokenId => pair.token_id.expose().to_owned(),
                    TokenPart::TokenSecret => pair.token_secret.expose().to_owned(),
                })
            })
        });
        let value = match value {
            Ok(v) => v,
            Err(e) => return Some(error_guide(StepId::FillConnection, e.to_string())),
        };
        let mut actions = [Action::Fill {
            handle,
            value: value.as_str().into(),
        }];
        let result = run(tab, &actions).await;
        if let Action::Fill { value, .. } = &mut actions[0] {
            value.zeroize();
        }
        let filled = matches!(
            result.as_deref(),
            Ok([ActionResult::Done {
                matches: Some(true),
                ..
            }])
        );
        if let Ok(mut r) = result {
            wipe(&mut r);
        }
        if !filled {
            return Some(error_guide(
                StepId::FillConnection,
                say("worker.not_filled", &[("field", part.name())]),
            ));
        }
    }
    let texts = celigo().texts_of(&["test_success", "test_failure"]);
    let Some(answer) = click_and_wait(tab, test, texts).await else {
        return Some(error_guide(
            StepId::FillConnection,
            text("worker.no_test_answer").into(),
        ));
    };
    let (ok, guide) = with(|w| flow::test_outcome(&w.assistant.ctx(), &answer, save));
    with(|w| {
        if let Some(t) = w.assistant.tabs.get_mut(&tab) {
            t.url = url.clone();
            t.tested_ok = ok.then(|| account.id.clone());
        }
    });
    Some(guide)
}

/// The person confirmed Save in the side panel: press Save on the form that was tested, read
/// the outcome, wipe the token.
async fn save_connection(tab: TabId) -> Option<Guide> {
    let (tested, url) = with(|w| {
        let t = w.assistant.tabs.get(&tab);
        (
            t.and_then(|t| t.tested_ok.clone()),
            t.map(|t| t.url.clone()).unwrap_or_default(),
        )
    });
    if tested.is_none() {
        return Some(error_guide(
            StepId::FillConnection,
            text("worker.test_first").into(),
        ));
    }
    if let Err(e) = still_on(tab, &url).await {
        return Some(error_guide(StepId::FillConnection, e));
    }
    let snap = match fresh(tab).await {
        Ok((_, snap)) => snap,
        Err(e) => return Some(error_guide(StepId::FillConnection, e)),
    };
    let cg = celigo();
    let Some(save) = cg
        .target("save_button")
        .and_then(|t| tba_core::locator::resolve(t, &snap).handle())
    else {
        return Some(error_guide(
            StepId::FillConnection,
            text("worker.no_save_button").into(),
        ));
    };
    let texts = cg.texts_of(&["save_success", "save_failure"]);
    match click_and_wait(tab, save, texts).await {
        Some(answer) if flow::saved(&answer) => Some(after_save(tab)),
        _ => Some(error_guide(
            StepId::FillConnection,
            text("worker.save_not_confirmed").into(),
        )),
    }
}

/// Shows a worker-made answer in the tab's highlight too.
async fn tell_tab(tab: TabId, answer: &ToPage) {
    let document = with(|w| {
        w.assistant
            .tabs
            .get(&tab)
            .and_then(|t| t.document_id.clone())
    });
    if let Ok(msg) = to_js(answer) {
        let _ = chrome::ask_tab(tab, document.as_deref(), msg).await;
    }
}

async fn panel_request(request: FromPanel) -> Result<JsValue, JsValue> {
    let active = chrome::active_tab().await;
    let focused = with(|w| w.assistant.focus(active).map(|(id, _)| id));
    let mut report = None;
    let tokens_changed = matches!(
        request,
        FromPanel::PickToken { .. } | FromPanel::Forget { .. } | FromPanel::ForgetAll
    );
    let result: Result<(), String> = match request {
        FromPanel::PanelGet => Ok(()),
        FromPanel::SelectPlaybook { id } => with(|w| w.assistant.select_playbook(&id)),
        FromPanel::SetCloneName { name } => with(|w| w.assistant.set_clone_name(&name)),
        FromPanel::PickToken { account } => with(|w| {
            if w.vault
                .summaries(now())
                .iter()
                .any(|s| s.account == account)
            {
                w.assistant.picked_account = Some(account);
                Ok(())
            } else {
                Err(text("panel.token_gone").into())
            }
        }),
        FromPanel::Forget { account } => with(|w| {
            if let Ok(a) = NetSuiteAccount::parse_id(&account) {
                forget(w, &a);
            }
            Ok(())
        }),
        FromPanel::ForgetAll => with(|w| {
            w.vault.forget_all();
            w.assistant.picked_account = None;
            Ok(())
        }),
        FromPanel::DoIt => match focused {
            Some(tab) => match fresh(tab).await {
                Ok((url, snap)) => {
                    let answer = do_it(tab, &url, None, snap).await;
                    tell_tab(tab, &answer).await;
                    Ok(())
                }
                Err(e) => Err(say("panel.page_silent", &[("error", &e)])),
            },
            None => Err(text("panel.open_a_step").into()),
        },
        FromPanel::Report => match focused {
            Some(tab) => match fresh(tab).await {
                Ok((url, snap)) => {
                    report = Some(with(|w| {
                        tba_core::report::page_report(&url, &snap, &w.assistant.ctx())
                    }));
                    Ok(())
                }
                Err(e) => Err(say("panel.page_silent", &[("error", &e)])),
            },
            None => Err(text("panel.open_report_page").into()),
        },
        FromPanel::SaveConnection => match focused {
            Some(tab) => {
                let guide = save_connection(tab).await;
                with(|w| w.assistant.set_guide(tab, guide.clone(), true));
                tell_tab(tab, &show(guide)).await;
                Ok(())
            }
            None => Err(text("panel.open_celigo_form").into()),
        },
    };
    // The token choice changed: the Celigo forms' highlights say something else now.
    if tokens_changed {
        let tabs: Vec<TabId> = with(|w| {
            w.assistant
                .tabs
                .iter()
                .filter(|(_, t)| t.recognition.page == Some(PageKind::CeligoConnectionEdit))
                .map(|(id, _)| *id)
                .collect()
        });
        for tab in tabs {
            with(|w| w.assistant.set_guide(tab, None, false));
            if let Ok((url, snap)) = fresh(tab).await {
                let answer = on_snapshot(tab, &url, None, snap).await;
                tell_tab(tab, &answer).await;
            }
        }
    }
    save().await?;
    let mut view = with(|w| w.assistant.panel_view(active, w.vault.summaries(now())));
    if let Err(e) = result {
        view.notice = Some(e);
    }
    view.report = report;
    to_js(&view)
}
