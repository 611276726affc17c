//! The side panel: asks the service worker what to show and draws it. All wording and every
//! decision come from the core's `PanelView`; this file only builds DOM nodes. Text is always
//! set with `textContent`, never parsed as HTML.

use crate::chrome;
use tba_core::assistant::{PanelView, StepState};
use tba_core::protocol::{FromPanel, PANEL_CHANGED};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Document, Element, HtmlSelectElement};

fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("the side panel has a document")
}

fn el(doc: &Document, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    if !text.is_empty() {
        e.set_text_content(Some(text));
    }
    Ok(e)
}

async fn request(req: &FromPanel) -> Result<PanelView, JsValue> {
    let msg = serde_wasm_bindgen::to_value(req)?;
    let answer = chrome::ask_worker(msg).await?;
    Ok(serde_wasm_bindgen::from_value(answer)?)
}

fn refresh(req: FromPanel) {
    spawn_local(async move {
        let result = request(&req).await;
        let drawn = match result {
            Ok(view) => render(&view),
            Err(e) => render_error(&format!(
                "tba-assist's background part did not answer ({}). Close and reopen the side panel.",
                e.as_string().unwrap_or_else(|| "no reason given".into())
            )),
        };
        if let Err(e) = drawn {
            web_sys::console::error_1(&e);
        }
    });
}

fn render_error(text: &str) -> Result<(), JsValue> {
    let doc = document();
    let root = doc.get_element_by_id("app").ok_or("no #app")?;
    root.set_text_content(None);
    root.append_child(&el(&doc, "p", "notice error", text)?.into())?;
    Ok(())
}

fn render(view: &PanelView) -> Result<(), JsValue> {
    let doc = document();
    let root = doc.get_element_by_id("app").ok_or("no #app")?;
    root.set_text_content(None);

    let header = el(&doc, "header", "", "")?;
    let label = el(&doc, "label", "", "Connector ")?;
    let select: HtmlSelectElement = doc.create_element("select")?.dyn_into()?;
    select.set_id("playbook");
    for p in &view.playbooks {
        let opt = el(&doc, "option", "", &p.name)?;
        opt.set_attribute("value", &p.id)?;
        if p.id == view.playbook_id {
            opt.set_attribute("selected", "")?;
        }
        select.append_child(&opt)?;
    }
    let on_change = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        if let Some(s) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
        {
            refresh(FromPanel::SelectPlaybook { id: s.value() });
        }
    });
    select.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref())?;
    // The listener lives as long as the element; the element is dropped on the next render.
    on_change.forget();
    label.append_child(&select)?;
    header.append_child(&label)?;
    root.append_child(&header)?;
    root.append_child(&el(&doc, "p", "summary", &view.summary)?.into())?;

    if let Some(tab) = &view.tab {
        let where_ = el(&doc, "p", "where", "")?;
        where_.set_id("where");
        let page = tab
            .page
            .map(|p| p.title())
            .unwrap_or("a page outside the set-up");
        let mut text = format!("This tab: {page}");
        if let Some(acct) = &tab.account {
            text += &format!(" · NetSuite account {acct}");
        }
        where_.set_text_content(Some(&text));
        root.append_child(&where_)?;
    }
    if let Some(notice) = &view.notice {
        let n = el(&doc, "p", "notice", notice)?;
        n.set_attribute("role", "status")?;
        root.append_child(&n)?;
    }

    let list = el(&doc, "ol", "steps", "")?;
    list.set_id("steps");
    for step in &view.steps {
        let li = el(&doc, "li", "", "")?;
        let state = match step.state {
            StepState::Done => "done",
            StepState::Current => "current",
            StepState::Pending => "pending",
        };
        li.set_attribute("data-step", &step.id)?;
        li.set_attribute("data-state", state)?;
        if step.state == StepState::Current {
            li.set_attribute("aria-current", "step")?;
        }
        li.append_child(&el(&doc, "h2", "", &step.title)?.into())?;
        li.append_child(&el(&doc, "p", "todo", &step.todo)?.into())?;
        if let (Some(url), Some(tab)) = (&step.link, &view.tab) {
            let a = el(&doc, "a", "go", "Go to this page")?;
            a.set_attribute("href", url)?;
            let (url, tab_id) = (url.clone(), tab.tab_id);
            let on_click = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
                e.prevent_default();
                let url = url.clone();
                spawn_local(async move {
                    let _ = chrome::navigate(tab_id, &url).await;
                });
            });
            a.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
            on_click.forget();
            li.append_child(&a)?;
        }
        list.append_child(&li)?;
    }
    root.append_child(&list)?;
    Ok(())
}

/// Entry point of `sidepanel.html`.
#[wasm_bindgen]
pub fn panel_start() {
    let listener = Closure::<dyn FnMut(JsValue, JsValue, JsValue) -> JsValue>::new(
        |msg: JsValue, _sender: JsValue, _respond: JsValue| {
            let kind = js_sys::Reflect::get(&msg, &JsValue::from_str("kind"))
                .ok()
                .and_then(|k| k.as_string());
            if kind.as_deref() == Some(PANEL_CHANGED) {
                refresh(FromPanel::PanelGet);
            }
            JsValue::UNDEFINED
        },
    );
    chrome::on_message_add_listener(&listener);
    // Registered once for the panel's whole life.
    listener.forget();
    refresh(FromPanel::PanelGet);
}
