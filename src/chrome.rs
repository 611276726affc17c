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

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
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

pub async fn session_store(key: &str, value: String) -> Result<(), JsValue> {
    JsFuture::from(session_set(&obj(&[(key, JsValue::from_str(&value))]))).await?;
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

/// Points a tab at a URL the core built (a step's link on the account's own host).
pub async fn navigate(tab_id: i64, url: &str) -> Result<(), JsValue> {
    JsFuture::from(tabs_update(
        tab_id as f64,
        &obj(&[("url", JsValue::from_str(url))]),
    ))
    .await?;
    Ok(())
}

pub fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    obj(pairs)
}
