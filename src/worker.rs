//! The service worker: a small interpreter of the session's commands. Every decision is made
//! in [`tba_core::session`]; this file turns Chrome's events and answers into session events,
//! and carries the commands out (storage, messages to tabs, injection, alarms).
//! `extension/background.js` registers the listeners (Chrome requires that in the first turn of
//! the event loop) and forwards here once the Wasm is ready.

use crate::chrome;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::VecDeque;
use tba_core::assistant::TabId;
use tba_core::protocol::{FromPage, FromPanel, Guide, PlanResult, ToPage, PANEL_CHANGED};
use tba_core::session::{Command, Event, RunFailure, Session};
use tba_core::words::text;
use wasm_bindgen::prelude::*;

/// Keys in `chrome.storage.session` (memory only, trusted contexts only): the session's state
/// holds no secret; the vault does, which is why this is the only place it is written.
const STATE_KEY: &str = "session";
const VAULT_KEY: &str = "vault";
const EXPIRY_ALARM: &str = "vault-expiry";

thread_local! {
    // The service worker is single-threaded; a RefCell is enough. Borrows never span an await.
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
}

fn with<R>(f: impl FnOnce(&mut Session) -> R) -> R {
    SESSION.with(|s| {
        f(s.borrow_mut()
            .as_mut()
            .expect("worker_start ran before any event"))
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

/// Restores the session kept in `chrome.storage.session`, then looks at every open tab: what
/// was in flight when the last worker stopped is resumed or reported.
#[wasm_bindgen]
pub async fn worker_start() -> Result<(), JsValue> {
    let state = chrome::session_load(STATE_KEY).await?;
    let vault = chrome::session_load(VAULT_KEY)
        .await?
        .map(zeroize::Zeroizing::new);
    let session = Session::restore(
        state.as_deref(),
        vault.as_deref().map(String::as_str),
        chrome::random_key()?,
        now(),
    );
    SESSION.with(|s| *s.borrow_mut() = Some(session));
    // The session learns of the restart before any message is handled (they wait for this
    // function), or a Do it sent in the meantime would be taken for one in flight. The tabs'
    // answers are not awaited here: messages must not wait for them.
    let open_tabs = chrome::open_tabs().await;
    let commands = with(|s| s.handle(Event::Started { open_tabs }, now()));
    wasm_bindgen_futures::spawn_local(async {
        let _ = carry(commands, None).await;
    });
    Ok(())
}

/// The expiry alarm: wipe what has expired, even if nobody looks.
#[wasm_bindgen]
pub async fn worker_alarm() -> Result<(), JsValue> {
    drive(Event::Alarm, None).await
}

/// A tab's URL changed (single-page apps change route without a page load).
#[wasm_bindgen]
pub async fn worker_tab_updated(tab_id: f64, url: String) -> Result<(), JsValue> {
    drive(
        Event::TabUrl {
            tab: tab_id as i64,
            url,
        },
        None,
    )
    .await
}

#[wasm_bindgen]
pub async fn worker_tab_closed(tab_id: f64) -> Result<(), JsValue> {
    drive(Event::TabClosed { tab: tab_id as i64 }, None).await
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
    let decode = |e: serde_wasm_bindgen::Error| JsValue::from_str(&e.to_string());
    let sender_url = get(&sender, "url").as_string().unwrap_or_default();
    if sender_url.starts_with(&own_origin()) {
        let request: FromPanel = serde_wasm_bindgen::from_value(message).map_err(decode)?;
        let active = chrome::active_tab().await;
        let focused = with(|s| s.assistant().focus(active).map(|(id, _)| id));
        drive(Event::Panel { request, active }, focused).await?;
        return to_js(&with(|s| s.panel_view(active, now())));
    }
    // Only a content script in a tab's top frame speaks for a page. Chrome's view of the tab's
    // URL follows single-page-app navigations (Celigo's drawer routes), which `sender.url`
    // does not; the session checks it is one of our sites.
    let tab_info = get(&sender, "tab");
    let url = get(&tab_info, "url").as_string().unwrap_or(sender_url);
    let (Some(tab), Some(0.0)) = (
        get(&tab_info, "id").as_f64(),
        get(&sender, "frameId").as_f64(),
    ) else {
        return to_js(&ToPage::Idle);
    };
    let tab = tab as TabId;
    let document = get(&sender, "documentId").as_string();
    let event = match serde_wasm_bindgen::from_value(message).map_err(decode)? {
        FromPage::Snapshot { snapshot } => Event::PageSnapshot {
            tab,
            url,
            document,
            snapshot,
        },
        FromPage::DoIt { snapshot } => Event::PageDoIt {
            tab,
            url,
            document,
            snapshot,
        },
    };
    drive(event, Some(tab)).await?;
    to_js(&show(with(|s| s.guide_of(tab))))
}

fn show(guide: Option<Guide>) -> ToPage {
    guide.map_or(ToPage::Idle, |guide| ToPage::Guide { guide })
}

/// Feeds an event to the session and carries out its commands.
async fn drive(first: Event, origin: Option<TabId>) -> Result<(), JsValue> {
    let commands = with(|s| s.handle(first, now()));
    carry(commands, origin).await
}

/// Carries out commands, and those of the events their answers make, until none is left.
/// Answers about the `origin` tab (the one whose message is being answered) are awaited here;
/// other tabs' run on their own, so one slow page (a test connection takes up to 30 s) holds
/// up no other.
async fn carry(commands: Vec<Command>, origin: Option<TabId>) -> Result<(), JsValue> {
    let mut queue = VecDeque::from(commands);
    while let Some(command) = queue.pop_front() {
        match command {
            Command::Run { tab, .. } | Command::AskSnapshot { tab } if Some(tab) != origin => {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Some(next) = answer(command).await {
                        let _ = Box::pin(drive(next, Some(tab))).await;
                    }
                });
            }
            Command::Run { .. } | Command::AskSnapshot { .. } => {
                if let Some(next) = answer(command).await {
                    queue.extend(with(|s| s.handle(next, now())));
                }
            }
            other => carry_out(other).await?,
        }
    }
    Ok(())
}

/// The commands that leave no answer.
async fn carry_out(command: Command) -> Result<(), JsValue> {
    match command {
        Command::Persist { expiry_ms } => {
            let stored = with(|s| s.stored());
            chrome::session_store(&[
                (STATE_KEY, stored.state.as_str()),
                (VAULT_KEY, stored.vault.as_str()),
            ])
            .await?;
            chrome::alarm_at(EXPIRY_ALARM, expiry_ms).await;
        }
        Command::Broadcast => {
            chrome::broadcast(chrome::obj(&[("kind", JsValue::from_str(PANEL_CHANGED))])).await
        }
        Command::Show {
            tab,
            document,
            guide,
        } => {
            if let Ok(message) = to_js(&show(guide)) {
                // A tab without the executor (yet) draws nothing: its first snapshot asks.
                let _ = chrome::ask_tab(tab, document.as_deref(), message).await;
            }
        }
        Command::Inject { tab } => {
            // The manifest puts the executor in every page it matches from document_start: only a
            // single-page app's route into the flow finds a document without one.
            let has_one = match to_js(&ToPage::Ping) {
                Ok(ping) => chrome::ask_tab(tab, None, ping).await.is_ok(),
                Err(_) => false,
            };
            if !has_one {
                chrome::inject_executor(tab).await?
            }
        }
        Command::Run { .. } | Command::AskSnapshot { .. } => unreachable!("answered in drive"),
    }
    Ok(())
}

/// The commands answered by the page: the event the answer makes.
async fn answer(command: Command) -> Option<Event> {
    match command {
        Command::Run {
            tab,
            document,
            plan_id,
            actions,
            only_on,
        } => {
            let failed = |failure| {
                Some(Event::RunFailed {
                    tab,
                    plan_id,
                    failure,
                })
            };
            if only_on.is_some() && chrome::tab_url(tab).await != only_on {
                return failed(RunFailure::TabLeft);
            }
            let message = to_js(&ToPage::Run { plan_id, actions }).ok()?;
            let Ok(reply) = chrome::ask_tab(tab, document.as_deref(), message).await else {
                return failed(RunFailure::NoAnswer);
            };
            match serde_wasm_bindgen::from_value::<PlanResult>(reply) {
                Ok(r) if r.plan_id == plan_id => Some(Event::Ran {
                    tab,
                    plan_id,
                    results: r.results,
                }),
                _ => failed(RunFailure::NotUnderstood),
            }
        }
        Command::AskSnapshot { tab } => Some(fresh(tab).await),
        _ => None,
    }
}

/// A fresh look at the tab: Chrome's URL for it and the executor's snapshot, of the same page
/// (the URL is read again after the snapshot, so a navigation in between is caught).
async fn fresh(tab: TabId) -> Event {
    let no = |reason: &str| Event::NoFresh {
        tab,
        reason: reason.to_owned(),
    };
    let Some(before) = chrome::tab_url(tab).await else {
        return no(text("session.tab_gone"));
    };
    let Ok(message) = to_js(&ToPage::SnapshotPlease) else {
        return no(text("session.not_encoded"));
    };
    let Ok(reply) = chrome::ask_tab(tab, None, message).await else {
        return no(text("session.no_answer"));
    };
    if chrome::tab_url(tab).await.as_deref() != Some(before.as_str()) {
        return no(text("session.changed_meanwhile"));
    }
    match serde_wasm_bindgen::from_value::<FromPage>(reply) {
        Ok(FromPage::Snapshot { snapshot }) => Event::Fresh {
            tab,
            url: before,
            snapshot,
        },
        _ => no(text("session.not_understood")),
    }
}
