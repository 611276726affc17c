//! The few `chrome.*` extension APIs the Wasm calls. web-sys has no bindings for them.

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "session"], js_name = get)]
    fn session_get(keys: &JsValue) -> Promise;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "session"], js_name = set)]
    fn session_set(items: &JsValue) -> Promise;
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = sendMessage, catch)]
    fn runtime_send_message(message: &JsValue) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "runtime", "onMessage"], js_name = addListener)]
    pub fn on_message_add_listener(
        callback: &Closure<dyn FnMut(JsValue, JsValue, JsValue) -> JsValue>,
    );
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = query)]
    fn tabs_query(query: &JsValue) -> Promise;
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = update)]
    fn tabs_update(tab_id: f64, props: &JsValue) -> Promise;
}

/// A plain JS object from key/value pairs.
pub fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

/// Reads one key of `chrome.storage.session` (in memory, trusted contexts only).
pub async fn session_load(key: &str) -> Result<Option<String>, JsValue> {
    let got = JsFuture::from(session_get(&JsValue::from_str(key))).await?;
    Ok(js_sys::Reflect::get(&got, &JsValue::from_str(key))?.as_string())
}

/// Writes several keys of `chrome.storage.session` in one call, so they never disagree.
pub async fn session_store(items: &[(&str, &str)]) -> Result<(), JsValue> {
    let pairs: Vec<(&str, JsValue)> = items
        .iter()
        .map(|(k, v)| (*k, JsValue::from_str(v)))
        .collect();
    JsFuture::from(session_set(&obj(&pairs))).await?;
    Ok(())
}

/// Sends a message to the extension's other views. No listener (the panel is closed) is normal.
pub async fn broadcast(message: JsValue) {
    if let Ok(p) = runtime_send_message(&message) {
        let _ = JsFuture::from(p).await;
    }
}

/// Sends a message to the service worker and waits for its answer.
pub async fn ask_worker(message: JsValue) -> Result<JsValue, JsValue> {
    JsFuture::from(runtime_send_message(&message)?).await
}

/// The id of the active tab of the window the user last used, if any.
pub async fn active_tab() -> Option<i64> {
    let q = obj(&[
        ("active", JsValue::TRUE),
        ("lastFocusedWindow", JsValue::TRUE),
    ]);
    let tabs = JsFuture::from(tabs_query(&q)).await.ok()?;
    let first = js_sys::Array::from(&tabs).get(0);
    js_sys::Reflect::get(&first, &JsValue::from_str("id"))
        .ok()?
        .as_f64()
        .map(|f| f as i64)
}

/// Every open tab with the URL Chrome shows for it (only tabs on the extension's hosts have
/// one: it has no `tabs` permission).
pub async fn open_tabs() -> Vec<(i64, String)> {
    let Ok(tabs) = JsFuture::from(tabs_query(&obj(&[]))).await else {
        return Vec::new();
    };
    js_sys::Array::from(&tabs)
        .iter()
        .filter_map(|t| {
            let id = js_sys::Reflect::get(&t, &JsValue::from_str("id"))
                .ok()?
                .as_f64()?;
            let url = js_sys::Reflect::get(&t, &JsValue::from_str("url"))
                .ok()?
                .as_string()?;
            Some((id as i64, url))
        })
        .collect()
}

/// Points a tab at a URL the core built (a step's link on the account's own host).
pub async fn navigate(tab_id: i64, url: &str) -> Result<(), JsValue> {
    JsFuture::from(tabs_update(
        tab_id as f64,
        &obj(&[("url", JsValue::from_str(url))]),
    ))
    .await?;
    Ok(())
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = sendMessage, catch)]
    fn tabs_send_message(
        tab_id: f64,
        message: &JsValue,
        options: &JsValue,
    ) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = get)]
    fn tabs_get(tab_id: f64) -> Promise;
    #[wasm_bindgen(js_namespace = ["chrome", "scripting"], js_name = executeScript)]
    fn scripting_execute_script(injection: &JsValue) -> Promise;
    #[wasm_bindgen(js_namespace = ["chrome", "alarms"], js_name = create)]
    fn alarms_create(name: &str, info: &JsValue) -> Promise;
    #[wasm_bindgen(js_namespace = ["chrome", "alarms"], js_name = clear)]
    fn alarms_clear(name: &str) -> Promise;
}

/// Sends a message to the executor in a tab's top frame and waits for its answer. With a
/// `document` id, only that document receives it: a page that was replaced does not.
pub async fn ask_tab(
    tab_id: i64,
    document: Option<&str>,
    message: JsValue,
) -> Result<JsValue, JsValue> {
    let options = match document {
        Some(d) => obj(&[("documentId", JsValue::from_str(d))]),
        None => obj(&[("frameId", JsValue::from_f64(0.0))]),
    };
    JsFuture::from(tabs_send_message(tab_id as f64, &message, &options)?).await
}

/// The URL Chrome shows for a tab (not what the page claims about itself).
pub async fn tab_url(tab_id: i64) -> Option<String> {
    let tab = JsFuture::from(tabs_get(tab_id as f64)).await.ok()?;
    js_sys::Reflect::get(&tab, &JsValue::from_str("url"))
        .ok()?
        .as_string()
}

/// Wakes the worker at `when_ms` (epoch ms) with an alarm named `name`; `None` clears it.
pub async fn alarm_at(name: &str, when_ms: Option<u64>) {
    let _ = match when_ms {
        Some(when) => {
            JsFuture::from(alarms_create(
                name,
                &obj(&[("when", JsValue::from_f64(when as f64))]),
            ))
            .await
        }
        None => JsFuture::from(alarms_clear(name)).await,
    };
}

/// 32 random bytes from the platform's CSPRNG (`crypto.getRandomValues`).
pub fn random_key() -> Result<[u8; 32], JsValue> {
    let crypto = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("crypto"))?;
    let array = js_sys::Uint8Array::new_with_length(32);
    let get: js_sys::Function =
        js_sys::Reflect::get(&crypto, &JsValue::from_str("getRandomValues"))?.dyn_into()?;
    get.call1(&crypto, &array)?;
    let mut key = [0u8; 32];
    array.copy_to(&mut key);
    Ok(key)
}

/// Injects the executor into a tab's top frame (it ignores a second injection itself).
pub async fn inject_executor(tab_id: i64) -> Result<(), JsValue> {
    let frames = js_sys::Array::of1(&JsValue::from_f64(0.0));
    let target = obj(&[
        ("tabId", JsValue::from_f64(tab_id as f64)),
        ("frameIds", frames.into()),
    ]);
    let files = js_sys::Array::of1(&JsValue::from_str("executor.js"));
    JsFuture::from(scripting_execute_script(&obj(&[
        ("target", target),
        ("files", files.into()),
    ])))
    .await?;
    Ok(())
}
