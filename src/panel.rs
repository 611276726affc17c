//! The side panel: asks the service worker what to show and draws it. All wording and every
//! decision come from the core's `PanelView`; this file only builds DOM nodes. Text is always
//! set with `textContent`, never parsed as HTML.

use crate::chrome;
use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Interval;
use std::cell::RefCell;
use tba_core::assistant::{PanelView, StepState};
use tba_core::protocol::{FromPanel, Tone, PANEL_CHANGED};
use tba_core::recognize::PageKind;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Document, Element, HtmlInputElement, HtmlSelectElement};

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
    LISTENERS.with(|l| l.borrow_mut().clear());
    let doc = document();
    let root = doc.get_element_by_id("app").ok_or("no #app")?;
    root.set_text_content(None);
    root.append_child(&el(&doc, "p", "notice error", text)?.into())?;
    Ok(())
}

/// The message listener and the countdown, for the panel's whole life.
type Lifelong = (
    Closure<dyn FnMut(JsValue, JsValue, JsValue) -> JsValue>,
    Interval,
);

thread_local! {
    /// The listeners of the view drawn now. Each redraw replaces the view's elements, and drops
    /// (so detaches) their listeners with it.
    static LISTENERS: RefCell<Vec<EventListener>> = const { RefCell::new(Vec::new()) };
    static PANEL: RefCell<Option<Lifelong>> = const { RefCell::new(None) };
}

/// Listens to `event` on an element of the current view, until the next redraw. `cancels`:
/// the handler calls `prevent_default` (the listener must not be passive).
fn listen(
    target: &web_sys::EventTarget,
    event: &'static str,
    cancels: bool,
    handler: impl FnMut(&web_sys::Event) + 'static,
) {
    let options = if cancels {
        EventListenerOptions::enable_prevent_default()
    } else {
        EventListenerOptions::default()
    };
    let listener = EventListener::new_with_options(target, event, options, handler);
    LISTENERS.with(|l| l.borrow_mut().push(listener));
}

fn render(view: &PanelView) -> Result<(), JsValue> {
    LISTENERS.with(|l| l.borrow_mut().clear());
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
    let chosen = select.clone();
    listen(&select, "change", false, move |_| {
        refresh(FromPanel::SelectPlaybook { id: chosen.value() });
    });
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
        n.set_id("notice");
        n.set_attribute("role", "status")?;
        root.append_child(&n)?;
    }
    if let Some(g) = &view.guide {
        let card = el(&doc, "section", &format!("guide {}", tone(g.tone)), "")?;
        card.set_id("guide");
        card.append_child(&el(&doc, "h2", "", &g.title)?.into())?;
        card.append_child(&el(&doc, "p", "", &g.message)?.into())?;
        if let Some(label) = &g.do_it {
            card.append_child(&button(&doc, "do-it", label, || FromPanel::DoIt)?.into())?;
        }
        if view.can_save {
            card.append_child(
                &button(&doc, "save-connection", "Save the connection", || {
                    FromPanel::SaveConnection
                })?
                .into(),
            )?;
        }
        root.append_child(&card)?;
    }
    render_tokens(&doc, &root, view)?;
    render_clone_name(&doc, &root, view)?;
    if view.tab.is_some() {
        render_report(&doc, &root, view)?;
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
        li.set_attribute("data-step", step.id.as_str())?;
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
            listen(&a, "click", true, move |e| {
                e.prevent_default();
                let url = url.clone();
                spawn_local(async move {
                    let _ = chrome::navigate(tab_id, &url).await;
                });
            });
            li.append_child(&a)?;
        }
        list.append_child(&li)?;
    }
    root.append_child(&list)?;
    Ok(())
}

fn tone(t: Tone) -> &'static str {
    match t {
        Tone::Info => "info",
        Tone::Success => "success",
        Tone::Error => "error",
    }
}

/// A button that sends one request to the worker and redraws with its answer.
fn button(
    doc: &Document,
    id: &str,
    label: &str,
    request: impl Fn() -> FromPanel + 'static,
) -> Result<Element, JsValue> {
    let b = el(doc, "button", "", label)?;
    b.set_id(id);
    b.set_attribute("type", "button")?;
    let pressed = b.clone();
    listen(&b, "click", false, move |_| {
        let _ = pressed.set_attribute("disabled", "");
        pressed.set_text_content(Some("Working…"));
        refresh(request());
    });
    Ok(b)
}

fn minutes_seconds(ms: f64) -> String {
    let s = (ms / 1000.0).ceil().max(0.0) as u64;
    format!("{}:{:02}", s / 60, s % 60)
}

/// The captured tokens: never a character of them, only a mask, the account, the fingerprint
/// and the time left, which counts down in place (`data-expires`).
fn render_tokens(doc: &Document, root: &Element, view: &PanelView) -> Result<(), JsValue> {
    let section = el(doc, "section", "tokens", "")?;
    section.set_id("tokens");
    section.append_child(&el(doc, "h2", "", "Tokens in memory")?.into())?;
    if view.tokens.is_empty() {
        section.append_child(
            &el(
                doc,
                "p",
                "empty",
                "None. A token is taken when NetSuite shows it, and kept here in memory only.",
            )?
            .into(),
        )?;
    }
    let now = js_sys::Date::now();
    for t in &view.tokens {
        let row = el(doc, "div", "token", "")?;
        row.set_attribute("data-account", &t.account)?;
        row.set_attribute("data-fingerprint", &t.fingerprint)?;
        let picked = view.picked_account.as_deref() == Some(t.account.as_str());
        row.append_child(
            &el(
                doc,
                "strong",
                "",
                &format!("{} ({})", t.account, t.environment.human()),
            )?
            .into(),
        )?;
        row.append_child(
            &el(
                doc,
                "div",
                "mask",
                &format!(
                    "Token ID {} · Secret {}",
                    t.masked_token_id, t.masked_token_secret
                ),
            )?
            .into(),
        )?;
        let meta = el(
            doc,
            "div",
            "meta",
            &format!("fingerprint {} · ", t.fingerprint),
        )?;
        let left = el(
            doc,
            "span",
            "left",
            &minutes_seconds(t.expires_at_ms as f64 - now),
        )?;
        left.set_attribute("data-expires", &t.expires_at_ms.to_string())?;
        meta.append_child(&left)?;
        meta.append_child(&doc.create_text_node(" left"))?;
        row.append_child(&meta)?;
        let account = t.account.clone();
        let label = if picked {
            "Used for Celigo ✓"
        } else {
            "Use for Celigo"
        };
        let pick = button(doc, &format!("pick-{}", t.account), label, move || {
            FromPanel::PickToken {
                account: account.clone(),
            }
        })?;
        row.append_child(&pick)?;
        let account = t.account.clone();
        let forget = button(
            doc,
            &format!("forget-{}", t.account),
            "Forget now",
            move || FromPanel::Forget {
                account: account.clone(),
            },
        )?;
        row.append_child(&forget)?;
        section.append_child(&row)?;
    }
    if view.tokens.len() > 1 {
        let all = button(doc, "forget-all", "Forget all", || FromPanel::ForgetAll)?;
        section.append_child(&all)?;
    }
    root.append_child(&section)?;
    Ok(())
}

/// "This page looks different": one click asks for a report of the page and copies it; it is
/// also shown, for a browser that refuses the clipboard. It never holds a value.
fn render_report(doc: &Document, root: &Element, view: &PanelView) -> Result<(), JsValue> {
    // The panel redraws whenever the worker says something changed: the report taken stays
    // shown while the panel is about the same tab and page, and is copied only when new.
    let about = view.tab.as_ref().map(|t| (t.tab_id, t.page));
    let fresh = view.report.is_some();
    let report = LAST_REPORT.with(|last| {
        let mut last = last.borrow_mut();
        match &view.report {
            Some(text) => *last = Some((about, text.clone())),
            None if last.as_ref().is_some_and(|(a, _)| *a != about) => *last = None,
            None => {}
        }
        last.as_ref().map(|(_, text)| text.clone())
    });
    let section = el(doc, "section", "report", "")?;
    section.set_id("report");
    let ask = button(
        doc,
        "copy-report",
        "This page looks different: copy a report",
        || FromPanel::Report,
    )?;
    section.append_child(&ask)?;
    if let Some(text) = &report {
        let area = el(doc, "textarea", "", "")?;
        area.set_id("report-text");
        area.set_attribute("readonly", "")?;
        area.set_attribute("rows", "8")?;
        area.set_attribute("aria-label", "Page report")?;
        area.set_text_content(Some(text));
        section.append_child(&area)?;
        let copied = el(doc, "p", "hint", "Copied. Paste it into your report to the tba-assist team: it holds no value from the page.")?;
        copied.set_id("report-copied");
        if let Some(clipboard) = web_sys::window()
            .filter(|_| fresh)
            .map(|w| w.navigator().clipboard())
        {
            let copy = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text));
            // Refused (no focus, no permission): the text stays in the box to copy by hand.
            spawn_local(async move {
                let _ = copy.await;
            });
        }
        section.append_child(&copied)?;
    }
    root.append_child(&section)?;
    Ok(())
}

/// The tab and page a report is about.
type About = Option<(i64, Option<PageKind>)>;

thread_local! {
    /// The last report taken, and what it is about.
    static LAST_REPORT: std::cell::RefCell<Option<(About, String)>> =
        const { std::cell::RefCell::new(None) };
}

/// The role name the person may change (step B); the worker checks it.
fn render_clone_name(doc: &Document, root: &Element, view: &PanelView) -> Result<(), JsValue> {
    let form = el(doc, "form", "clone-name", "")?;
    form.set_id("clone-name");
    let label = el(doc, "label", "", "Name of the role to create ")?;
    let input: HtmlInputElement = doc.create_element("input")?.dyn_into()?;
    input.set_id("clone-name-input");
    input.set_value(&view.clone_name);
    input.set_attribute("maxlength", "60")?;
    label.append_child(&input)?;
    form.append_child(&label)?;
    form.append_child(&el(doc, "button", "", "Use this name")?.into())?;
    listen(&form, "submit", true, move |e| {
        e.prevent_default();
        refresh(FromPanel::SetCloneName {
            name: input.value(),
        });
    });
    root.append_child(&form)?;
    Ok(())
}

/// Counts the tokens' time left down every second, without asking the worker.
fn start_countdown() -> Interval {
    Interval::new(1000, || {
        let doc = document();
        let Ok(spans) = doc.query_selector_all("[data-expires]") else {
            return;
        };
        let now = js_sys::Date::now();
        for i in 0..spans.length() {
            if let Some(e) = spans.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let expires = e
                    .get_attribute("data-expires")
                    .and_then(|v| v.parse::<f64>().ok())
                    .unwrap_or(0.0);
                e.set_text_content(Some(&minutes_seconds(expires - now)));
                if expires <= now {
                    // Expired: the worker's alarm wipes it; ask for the new view.
                    refresh(FromPanel::PanelGet);
                    return;
                }
            }
        }
    })
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
    // Both live as long as the panel: kept, not leaked.
    PANEL.with(|p| *p.borrow_mut() = Some((listener, start_countdown())));
    refresh(FromPanel::PanelGet);
}
