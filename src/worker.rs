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
use tba_core::assistant::{Assistant, TabId};
use tba_core::flow::{self, CeligoPlan, Plan};
use tba_core::netsuite::account::NetSuiteAccount;
use tba_core::origin::{classify, Site};
use tba_core::protocol::{
    Action, ActionResult, FromPage, FromPanel, Guide, PlanResult, Snapshot, ToPage, Tone,
    PANEL_CHANGED,
};
use tba_core::recognize::{celigo, recognize, PageKind};
use tba_core::token::TokenPart;
use tba_core::vault::{StoredVault, Vault, DEFAULT_TTL_MS};
use wasm_bindgen::prelude::*;
use zeroize::{Zeroize, Zeroizing};

/// Keys in `chrome.storage.session`. The assistant holds no secret; the vault does, which is
/// why storage.session (memory only, trusted contexts only) is the only place it is written.
const STATE_KEY: &str = "assistant";
const VAULT_KEY: &str = "vault";
const EXPIRY_ALARM: &str = "vault-expiry";

struct Worker {
    assistant: Assistant,
    vault: Vault,
    next_plan: u32,
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
        })
    });
    save().await
}

/// Writes both states and tells open views to redraw.
async fn save() -> Result<(), JsValue> {
    let (state, vault, expiry) = with(|w| {
        w.vault.purge_expired(now());
        (
            serde_json::to_string(&w.assistant),
            w.vault.to_stored().to_json(),
            w.vault.next_expiry_ms(),
        )
    });
    chrome::session_store(
        STATE_KEY,
        state.map_err(|e| JsValue::from_str(&e.to_string()))?,
    )
    .await?;
    chrome::session_store(VAULT_KEY, vault.to_string()).await?;
    chrome::alarm_at(EXPIRY_ALARM, expiry).await;
    chrome::broadcast(chrome::object(&[(
        "kind",
        JsValue::from_str(PANEL_CHANGED),
    )]))
    .await;
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
    let sender_url = get(&get(&sender, "tab"), "url")
        .as_string()
        .unwrap_or(sender_url);
    let tab_id = get(&get(&sender, "tab"), "id").as_f64().map(|f| f as i64);
    let (Some(tab), Some(0.0)) = (tab_id, get(&sender, "frameId").as_f64()) else {
        return to_js(&ToPage::Idle);
    };
    if classify(&sender_url).is_err() {
        return to_js(&ToPage::Idle);
    }
    let request: FromPage =
        serde_wasm_bindgen::from_value(message).map_err(|e| JsValue::from_str(&e.to_string()))?;
    // The URL is the one Chrome reports for the sender, not the one the page claims.
    let answer = match request {
        FromPage::Snapshot { snapshot } => on_snapshot(tab, &sender_url, snapshot).await,
        FromPage::DoIt { snapshot } => do_it(tab, &sender_url, snapshot).await,
    };
    save().await?;
    to_js(&answer)
}

fn show(guide: Option<Guide>) -> ToPage {
    guide.map_or(ToPage::Idle, |guide| ToPage::Guide { guide })
}

fn error_guide(step: &str, message: String) -> Guide {
    Guide {
        step: step.to_owned(),
        title: "tba-assist".into(),
        message,
        tone: Tone::Error,
        point_at: None,
        do_it: None,
    }
}

async fn on_snapshot(tab: TabId, url: &str, snap: Snapshot) -> ToPage {
    let (page, captured, sticky) = with(|w| {
        let previous = w
            .assistant
            .tabs
            .get(&tab)
            .filter(|t| t.url == url)
            .and_then(|t| t.tested_ok.as_ref().and(t.guide.clone()));
        let state = w.assistant.on_snapshot(tab, url, &snap, now());
        (state.recognition.page, state.captured, previous)
    });
    match page {
        Some(PageKind::NetsuiteTokenConfirmation) if !captured => capture(tab, &snap).await,
        Some(PageKind::CeligoConnectionEdit) => {
            let guide = match sticky {
                // The test passed here: keep saying so, and notice when the person saved.
                Some(g) => after_test_snapshot(tab, &snap, g),
                None => with(|w| {
                    let tokens = w.vault.summaries(now());
                    flow::celigo_guide(
                        &snap,
                        &w.assistant.ctx(),
                        &tokens,
                        w.assistant.picked_account.as_deref(),
                    )
                }),
            };
            with(|w| w.assistant.set_guide(tab, Some(guide.clone())));
            show(Some(guide))
        }
        _ => show(with(|w| {
            w.assistant.tabs.get(&tab).and_then(|t| t.guide.clone())
        })),
    }
}

/// After a passing test, the person saves on the page: then the token has done its job.
fn after_test_snapshot(tab: TabId, snap: &Snapshot, guide: Guide) -> Guide {
    if flow::page_says(snap, celigo().texts("save_success")).is_none() {
        return guide;
    }
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
        w.assistant.mark_done("fill_connection");
    });
    Guide { message: "Saved. The token was erased from tba-assist's memory. Run a flow that writes to NetSuite to be sure all is well.".into(), tone: Tone::Success, point_at: None, do_it: None, ..guide }
}

/// Wipes one account's token, and the person's pick of it.
fn forget(w: &mut Worker, account: &NetSuiteAccount) {
    w.vault.forget(account);
    if w.assistant.picked_account.as_deref() == Some(account.id.as_str()) {
        w.assistant.picked_account = None;
    }
}

/// Sends a plan to the tab and returns the executor's results.
async fn run(tab: TabId, actions: Vec<Action>) -> Result<Vec<ActionResult>, String> {
    let plan_id = with(|w| {
        w.next_plan += 1;
        w.next_plan
    });
    let message = to_js(&ToPage::Run { plan_id, actions })
        .map_err(|_| "the plan could not be encoded".to_owned())?;
    let answer = chrome::ask_tab(tab, message)
        .await
        .map_err(|_| "the page went away before answering (did it reload?)".to_owned())?;
    let result: PlanResult = serde_wasm_bindgen::from_value(answer)
        .map_err(|_| "the page's answer was not understood".to_owned())?;
    if result.plan_id != plan_id {
        return Err("the page answered another request".into());
    }
    Ok(result.results)
}

/// A fresh look at the tab: Chrome's URL for it and the executor's snapshot.
async fn fresh(tab: TabId) -> Result<(String, Snapshot), String> {
    let url = chrome::tab_url(tab).await.ok_or("the tab is gone")?;
    let answer = chrome::ask_tab(tab, to_js(&ToPage::SnapshotPlease).map_err(|_| "encoding")?)
        .await
        .map_err(|_| "the page did not answer")?;
    match serde_wasm_bindgen::from_value::<FromPage>(answer) {
        Ok(FromPage::Snapshot { snapshot }) => Ok((url, snapshot)),
        _ => Err("the page's answer was not understood".into()),
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
            flow::capture_plan(snap, &w.assistant.ctx()),
            account,
            w.assistant.playbook().id.clone(),
        )
    });
    let (Ok(plan), Some(account)) = (plan, account) else {
        return show(Some(error_guide("capture_token", "tba-assist could not find the Token ID and Secret on this page. Copy them by hand now: NetSuite shows them only once.".into())));
    };
    let outcome = run(tab, plan.actions).await.and_then(|mut results| {
        let pair = flow::captured_pair(&results);
        wipe(&mut results);
        pair
    });
    let guide = match outcome {
        Ok(pair) => with(|w| {
            let s = w.vault.deposit(account.clone(), pair, playbook, now());
            w.assistant.mark_done("create_token");
            w.assistant.mark_done("capture_token");
            let ctx = w.assistant.ctx();
            Guide {
                step: "capture_token".into(),
                title: "Token taken".into(),
                message: format!(
                    "Token ID and Secret for NetSuite account {account} are in tba-assist's memory (fingerprint {}), for {} minutes. Next: {}.",
                    s.fingerprint,
                    w.vault.ttl_ms() / 60_000,
                    ctx.playbook.celigo.where_
                ),
                tone: Tone::Success,
                point_at: None,
                do_it: None,
            }
        }),
        Err(e) => error_guide("capture_token", format!("The Token ID and Secret could not be taken: {e}. Copy them by hand now, or create a new token.")),
    };
    with(|w| w.assistant.set_guide(tab, Some(guide.clone())));
    show(Some(guide))
}

/// "Do it" on a tab: make the step's plan from a fresh snapshot, run it, check it, look again.
async fn do_it(tab: TabId, url: &str, snap: Snapshot) -> ToPage {
    with(|w| {
        w.assistant.on_snapshot(tab, url, &snap, now());
    });
    let page = with(|w| w.assistant.tabs.get(&tab).and_then(|t| t.recognition.page));
    let guide = if page == Some(PageKind::CeligoConnectionEdit) {
        fill_celigo(tab, url, snap).await
    } else {
        do_netsuite(tab, snap).await
    };
    with(|w| w.assistant.set_guide(tab, guide.clone()));
    show(guide)
}

async fn do_netsuite(tab: TabId, snap: Snapshot) -> Option<Guide> {
    let plan = with(|w| {
        let r = &w.assistant.tabs[&tab].recognition;
        flow::do_it(r, &snap, &w.assistant.ctx())
    });
    let plan: Plan = match plan {
        Ok(p) => p,
        Err(g) => return Some(g),
    };
    let navigates = matches!(plan.actions.last(), Some(Action::Click { .. }));
    let results = match run(tab, plan.actions.clone()).await {
        Ok(r) => r,
        Err(_) if navigates => return None, // the click opened the next page, which guides itself
        Err(e) => {
            return Some(error_guide(
                &plan.step,
                format!("Nothing more was done: {e}."),
            ))
        }
    };
    let mut checked = plan.verify(&results);
    // No page API (or it refused): choose the options with clicks, as a person would.
    let bridge_failed = plan.actions.iter().zip(&results).any(|(a, r)| {
        matches!(a, Action::CallPage { .. }) && matches!(r, ActionResult::Failed { .. })
    });
    if bridge_failed {
        if let Ok((_, snap)) = fresh(tab).await {
            let fallback = with(|w| flow::token_form_by_clicks(&snap, &w.assistant.ctx()));
            checked = match fallback {
                Ok(p) => match run(tab, p.actions.clone()).await {
                    Ok(r) => p.verify(&r),
                    Err(e) => Err(e),
                },
                Err(g) => Err(g.message),
            };
        }
    }
    if let Err(e) = checked {
        return Some(error_guide(&plan.step, e));
    }
    if navigates {
        return None;
    }
    match fresh(tab).await {
        Ok((url, snap)) => with(|w| {
            w.assistant
                .on_snapshot(tab, &url, &snap, now())
                .guide
                .clone()
        }),
        Err(_) => None,
    }
}

/// Chrome's URL for the tab must still be an allowed Celigo host and the same form.
async fn still_on(tab: TabId, url: &str) -> Result<(), String> {
    let now_url = chrome::tab_url(tab).await.ok_or("the tab is gone")?;
    match classify(&now_url) {
        Ok(Site::Celigo(_)) if now_url == url => Ok(()),
        _ => Err("The tab left the Celigo connection form; nothing secret was sent. Open the form again and press Fill and test.".into()),
    }
}

async fn fill_celigo(tab: TabId, url: &str, mut snap: Snapshot) -> Option<Guide> {
    let picked = with(|w| {
        let tokens = w.vault.summaries(now());
        let cg = celigo();
        let form_account = cg
            .target("account_id")
            .and_then(|t| tba_core::locator::resolve(t, &snap).handle())
            .and_then(|h| snap.controls.iter().find(|c| c.handle == h))
            .and_then(|c| c.value.clone())
            .unwrap_or_default();
        flow::pick_token(
            &tokens,
            w.assistant.picked_account.as_deref(),
            &form_account,
        )
        .map(|s| s.netsuite_account())
    });
    let account = match picked {
        Ok(a) => a,
        Err(e) => return Some(error_guide("fill_connection", e)),
    };
    let mut url = url.to_owned();
    let mut tries = 0;
    let (fields, token_id, token_secret, test, save) = loop {
        let plan = with(|w| {
            let r = recognize(&url, &snap);
            flow::celigo_plan(&r, &snap, &w.assistant.ctx(), &account)
        });
        match plan {
            Err(g) => return Some(g),
            Ok(CeligoPlan::Fill { fields, token_id, token_secret, test, save }) => break (fields, token_id, token_secret, test, save),
            Ok(CeligoPlan::SetAuthType(p)) if tries == 0 => {
                tries += 1;
                if let Err(e) = run(tab, p.actions.clone()).await.and_then(|r| p.verify(&r)) {
                    return Some(error_guide("fill_connection", e));
                }
                match fresh(tab).await {
                    Ok((u, s)) => (url, snap) = (u, s),
                    Err(e) => return Some(error_guide("fill_connection", e)),
                }
            }
            Ok(CeligoPlan::SetAuthType(_)) => {
                return Some(error_guide("fill_connection", "Celigo did not switch the Authentication type to Token. Choose \"Token Based Auth (Manual)\" by hand, then press Fill and test again.".into()))
            }
        }
    };
    if let Err(e) = run(tab, fields.actions.clone())
        .await
        .and_then(|r| fields.verify(&r))
    {
        return Some(error_guide("fill_connection", e));
    }
    // The secrets: one field per message, each after checking the tab is still on the form.
    for (handle, part) in [
        (token_id, TokenPart::TokenId),
        (token_secret, TokenPart::TokenSecret),
    ] {
        if let Err(e) = still_on(tab, &url).await {
            return Some(error_guide("fill_connection", e));
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
            Err(e) => return Some(error_guide("fill_connection", e.to_string())),
        };
        let mut actions = vec![Action::Fill {
            handle,
            value: value.to_string(),
        }];
        let result = run(tab, actions.clone()).await;
        if let Some(Action::Fill { value, .. }) = actions.first_mut() {
            value.zeroize();
        }
        match result.as_deref() {
            Ok([ActionResult::Done { matches: Some(true), .. }]) => {}
            _ => return Some(error_guide("fill_connection", format!("The {} field did not take the value. Nothing was tested or saved; press Fill and test again.", part.name()))),
        }
    }
    let cg = celigo();
    let texts: Vec<String> = cg
        .texts("test_success")
        .iter()
        .chain(cg.texts("test_failure"))
        .cloned()
        .collect();
    let outcome = run(
        tab,
        vec![
            Action::Click { handle: test },
            Action::WaitText {
                texts,
                timeout_ms: 30_000,
            },
        ],
    )
    .await;
    let text = match outcome.as_deref() {
        Ok([_, ActionResult::Done { value: Some(t), .. }]) => t.clone(),
        _ => return Some(error_guide("fill_connection", "Celigo did not answer Test connection within 30 s. Press Test connection yourself and read its answer.".into())),
    };
    let (ok, guide) = with(|w| flow::test_outcome(&w.assistant.ctx(), &text, save));
    with(|w| {
        if let Some(t) = w.assistant.tabs.get_mut(&tab) {
            t.url = url.clone();
            t.tested_ok = ok.then(|| account.id.clone());
        }
    });
    Some(guide)
}

/// The person confirmed Save in the side panel: press Save, read the outcome, wipe the token.
async fn save_connection(tab: TabId) -> Option<Guide> {
    let snap = match fresh(tab).await {
        Ok((_, snap)) => snap,
        Err(e) => return Some(error_guide("fill_connection", e)),
    };
    let tested = with(|w| w.assistant.tabs.get(&tab).and_then(|t| t.tested_ok.clone()));
    let Some(account) = tested else {
        return Some(error_guide(
            "fill_connection",
            "Test the connection first: tba-assist offers Save only after a passing test.".into(),
        ));
    };
    let cg = celigo();
    let Some(save) = cg
        .target("save_button")
        .and_then(|t| tba_core::locator::resolve(t, &snap).handle())
    else {
        return Some(error_guide(
            "fill_connection",
            "The Save button was not found. Click Save on the form yourself.".into(),
        ));
    };
    let texts: Vec<String> = cg
        .texts("save_success")
        .iter()
        .chain(cg.texts("save_failure"))
        .cloned()
        .collect();
    let outcome = run(
        tab,
        vec![
            Action::Click { handle: save },
            Action::WaitText {
                texts,
                timeout_ms: 30_000,
            },
        ],
    )
    .await;
    let saved = matches!(outcome.as_deref(), Ok([_, ActionResult::Done { value: Some(t), .. }]) if cg.texts("save_success").iter().any(|s| t.to_lowercase().contains(&s.to_lowercase())));
    if !saved {
        return Some(error_guide(
            "fill_connection",
            "Celigo did not confirm the save. Look at the form for its message, then Save again."
                .into(),
        ));
    }
    with(|w| {
        if let Ok(a) = NetSuiteAccount::parse_id(&account) {
            forget(w, &a);
        }
        if let Some(t) = w.assistant.tabs.get_mut(&tab) {
            t.tested_ok = None;
        }
        w.assistant.mark_done("fill_connection");
    });
    Some(Guide {
        step: "fill_connection".into(),
        title: "Connection saved".into(),
        message: "Saved. The token was erased from tba-assist's memory. Run a flow that writes to NetSuite to be sure all is well.".into(),
        tone: Tone::Success,
        point_at: None,
        do_it: None,
    })
}

async fn panel_request(request: FromPanel) -> Result<JsValue, JsValue> {
    let active = chrome::active_tab().await;
    let focused = with(|w| w.assistant.focus(active).map(|(id, _)| id));
    let asked_only = request == FromPanel::PanelGet;
    let tokens_changed = matches!(
        request,
        FromPanel::PickToken { .. } | FromPanel::Forget { .. } | FromPanel::ForgetAll
    );
    let result: Result<(), String> = match request {
        FromPanel::PanelGet => Ok(()),
        FromPanel::SelectPlaybook { id } => with(|w| w.assistant.select_playbook(&id)),
        FromPanel::SetCloneName { name } => with(|w| w.assistant.set_clone_name(&name)),
        FromPanel::PickToken { account } => with(|w| {
            let known = w
                .vault
                .summaries(now())
                .iter()
                .any(|s| s.account == account);
            if known {
                w.assistant.picked_account = Some(account);
                Ok(())
            } else {
                Err("That token is no longer in memory.".into())
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
                    let answer = do_it(tab, &url, snap).await;
                    // The page's highlight shows the outcome too.
                    if let Ok(msg) = to_js(&answer) {
                        let _ = chrome::ask_tab(tab, msg).await;
                    }
                    Ok(())
                }
                Err(e) => Err(format!(
                    "The page did not answer ({e}). Reload it and try again."
                )),
            },
            None => Err("Open a NetSuite or Celigo page of the set-up first.".into()),
        },
        FromPanel::SaveConnection => match focused {
            Some(tab) => {
                let guide = save_connection(tab).await;
                with(|w| w.assistant.set_guide(tab, guide.clone()));
                if let Ok(msg) = to_js(&show(guide)) {
                    let _ = chrome::ask_tab(tab, msg).await;
                }
                Ok(())
            }
            None => Err("Open the Celigo connection form first.".into()),
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
            if let Ok((url, snap)) = fresh(tab).await {
                let answer = on_snapshot(tab, &url, snap).await;
                if let Ok(msg) = to_js(&answer) {
                    let _ = chrome::ask_tab(tab, msg).await;
                }
            }
        }
    }
    // Asking is not changing: saving would tell the panel to ask again, forever.
    if !asked_only {
        save().await?;
    }
    let mut view = with(|w| w.assistant.panel_view(active, w.vault.summaries(now())));
    if let Err(e) = result {
        view.notice = Some(e);
    }
    to_js(&view)
}
