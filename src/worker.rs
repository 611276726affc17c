//! The service worker's side: decode a message, let the core decide, store what must survive a
//! service-worker restart, answer. `extension/background.js` registers the listeners (Chrome
//! requires that in the first turn of the event loop) and forwards here once the Wasm is ready.

use crate::chrome;
use serde::Serialize;
use std::cell::RefCell;
use tba_core::assistant::{playbooks, Assistant};
use tba_core::protocol::{FromPage, FromPanel, ToPage, PANEL_CHANGED};
use wasm_bindgen::prelude::*;

/// Key of the assistant's state in `chrome.storage.session`. It holds no secret.
const STATE_KEY: &str = "assistant";

thread_local! {
    // The service worker is single-threaded; a RefCell is enough. Its content is rebuilt from
    // storage.session by `worker_start` whenever Chrome restarts the worker.
    static STATE: RefCell<Assistant> = RefCell::new(Assistant::default());
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
    if let Some(json) = chrome::session_load(STATE_KEY).await? {
        // A state from an older build that no longer parses is dropped, not fatal: it only
        // holds which page each tab showed, and the next snapshot rebuilds that.
        if let Ok(state) = serde_json::from_str::<Assistant>(&json) {
            STATE.with(|s| *s.borrow_mut() = state);
        }
    }
    Ok(())
}

async fn save_and_notify() -> Result<(), JsValue> {
    let json = STATE
        .with(|s| serde_json::to_string(&*s.borrow()))
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    chrome::session_store(STATE_KEY, json).await?;
    chrome::broadcast(chrome::object(&[(
        "kind",
        JsValue::from_str(PANEL_CHANGED),
    )]))
    .await;
    Ok(())
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
    // Only a content script in a tab's top frame speaks for a page.
    let tab_id = get(&get(&sender, "tab"), "id").as_f64().map(|f| f as i64);
    let (Some(tab_id), Some(0.0)) = (tab_id, get(&sender, "frameId").as_f64()) else {
        return to_js(&ToPage::Idle);
    };
    let request: FromPage =
        serde_wasm_bindgen::from_value(message).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let answer = match request {
        // The URL is the one Chrome reports for the sender, not the one the page claims.
        FromPage::Snapshot { snapshot } => STATE.with(|s| {
            s.borrow_mut()
                .on_snapshot(tab_id, &sender_url, &snapshot, js_sys::Date::now() as u64)
        }),
        FromPage::PlanResult { .. } => ToPage::Idle,
    };
    save_and_notify().await?;
    to_js(&answer)
}

async fn panel_request(request: FromPanel) -> Result<JsValue, JsValue> {
    match request {
        FromPanel::PanelGet => {
            let active = chrome::active_tab().await;
            let view = STATE.with(|s| s.borrow().panel_view(active, playbooks()));
            to_js(&view)
        }
        FromPanel::SelectPlaybook { id } => {
            STATE
                .with(|s| s.borrow_mut().select_playbook(&id, playbooks()))
                .map_err(|e| JsValue::from_str(&e))?;
            save_and_notify().await?;
            let view = STATE.with(|s| s.borrow().panel_view(None, playbooks()));
            to_js(&view)
        }
    }
}

/// Forgets a closed tab.
#[wasm_bindgen]
pub async fn worker_tab_closed(tab_id: f64) -> Result<(), JsValue> {
    STATE.with(|s| s.borrow_mut().on_tab_closed(tab_id as i64));
    save_and_notify().await
}
