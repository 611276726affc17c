//! The messages that cross between the page executor (plain JavaScript in NetSuite and Celigo
//! tabs), the service worker and the side panel. This file is the single definition of that
//! protocol: the executor's JavaScript is checked against it by `tests/protocol_sync.rs`.
//!
//! Field names are `snake_case` on the wire so that the JavaScript reads like the Rust.

use crate::playbook::StepId;
use crate::sensitive::Sensitive;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An opaque number the executor gave one element of the page. Handles are only valid for the
/// snapshot they came in: the page may re-render at any time.
pub type Handle = u32;

/// What the executor saw on the page: every form control and every short piece of visible text,
/// described without any knowledge of NetSuite or Celigo.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Snapshot {
    pub url: String,
    pub title: String,
    pub controls: Vec<Control>,
    pub texts: Vec<TextBlock>,
    /// The snapshot was cut at the executor's size cap.
    pub truncated: bool,
}

/// One interactive element: input, select, textarea, button, link or an ARIA widget.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Control {
    pub handle: Handle,
    /// Lower-case tag name.
    pub tag: String,
    /// `type` attribute of an input or button, lower case.
    #[serde(rename = "type")]
    pub kind: String,
    pub id: String,
    pub name: String,
    pub data_test: String,
    pub role: String,
    pub aria_label: String,
    /// `aria-haspopup`: a button that opens a list (Material UI's select) is a dropdown.
    pub popup: String,
    /// The field name the nearest `[data-name]` ancestor gives (NetSuite's dropdowns), which
    /// the page's own API is addressed by; empty when there is none.
    pub field: String,
    /// Text of `<label for>` (on the control or a wrapper of it), the wrapping `<label>` or
    /// `aria-labelledby` (not when it names the control itself).
    pub label: String,
    /// The element's own text (buttons, links, options).
    pub text: String,
    /// Text found just before the element when it has no label (NetSuite puts labels in spans).
    pub nearby: String,
    pub placeholder: String,
    pub href: String,
    /// Text of the table row the element sits in, if any (lists put a record's links in a row).
    pub row: String,
    /// Current value. Never sent for password inputs, and withheld as [`Opaque`] for values that
    /// look like credentials (long unbroken strings).
    pub value: Option<String>,
    pub value_opaque: Option<Opaque>,
    pub checked: Option<bool>,
    /// The checkbox's state as the server sent the page (`defaultChecked`): what is saved,
    /// as opposed to `checked`, what the form holds now.
    pub default_checked: Option<bool>,
    pub visible: bool,
    pub disabled: bool,
    pub readonly: bool,
    pub options: Vec<SelectOption>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SelectOption {
    pub value: String,
    pub text: String,
    pub selected: bool,
}

/// A piece of visible text: headings, labels, messages, the cells of a list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TextBlock {
    pub handle: Handle,
    pub tag: String,
    pub id: String,
    pub role: String,
    pub text: Option<String>,
    /// Set instead of `text` when the text looks like a credential; the real value is only ever
    /// read by a [`Action::Capture`].
    pub opaque: Option<Opaque>,
    pub visible: bool,
}

/// What the executor may say about a value it withholds: its shape, never its content.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Opaque {
    pub len: u32,
    pub hex: bool,
}

/// One thing the executor is asked to do. A plan is a list of these, run in order, and it
/// stops at the first failure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Action {
    /// Type a value into a text input the way a person would, so frameworks see it.
    Fill {
        handle: Handle,
        value: Sensitive<String>,
    },
    /// Tick or untick a checkbox by clicking it (NetSuite reacts to the click, not the property).
    Check { handle: Handle, on: bool },
    /// Pick an option of a native `<select>` by its value.
    Select { handle: Handle, value: String },
    /// Open a custom dropdown (MUI opens on mousedown, NetSuite on click) and click the first
    /// option whose text is one of `options`.
    Choose {
        handle: Handle,
        options: Vec<String>,
        /// CSS selector of the list's options when they are not ARIA options or menu items
        /// (NetSuite's list is plain `div`s); empty for the ARIA ones.
        #[serde(default)]
        list: String,
    },
    /// Click a tab, a link or a button that does not commit anything by itself.
    Click { handle: Handle },
    /// Scroll the element into view and draw the product's pointer next to it.
    Point { handle: Handle, message: String },
    /// Read the current value back, so a value the page reverted is caught.
    ReadBack { handle: Handle },
    /// Read withheld text (the one-time Token ID and Secret) for the vault.
    Capture { handle: Handle },
    /// Call one of the page's own functions through the MAIN-world bridge (NetSuite's
    /// `nlapiSetFieldText` and friends). The bridge accepts only an allow-listed few, and never
    /// receives a secret.
    CallPage { function: String, args: Vec<String> },
    /// Wait until the page shows a text containing one of `texts`; the result is that text.
    WaitText { texts: Vec<String>, timeout_ms: u32 },
}

impl Action {
    /// The element the action works on, if any.
    pub fn handle(&self) -> Option<Handle> {
        match self {
            Action::Fill { handle, .. }
            | Action::Check { handle, .. }
            | Action::Select { handle, .. }
            | Action::Choose { handle, .. }
            | Action::Click { handle }
            | Action::Point { handle, .. }
            | Action::ReadBack { handle }
            | Action::Capture { handle } => Some(*handle),
            Action::CallPage { .. } | Action::WaitText { .. } => None,
        }
    }

    /// Whether running this action changes the page's data.
    pub fn writes(&self) -> bool {
        matches!(
            self,
            Action::Fill { .. }
                | Action::Check { .. }
                | Action::Select { .. }
                | Action::Choose { .. }
                | Action::CallPage { .. }
        )
    }

    /// The operation's name on the wire. The match is exhaustive on purpose: a new variant
    /// cannot be added without naming it here, and `OPS` is checked against this.
    pub fn op(&self) -> &'static str {
        match self {
            Action::Fill { .. } => "fill",
            Action::Check { .. } => "check",
            Action::Select { .. } => "select",
            Action::Choose { .. } => "choose",
            Action::Click { .. } => "click",
            Action::Point { .. } => "point",
            Action::ReadBack { .. } => "read_back",
            Action::Capture { .. } => "capture",
            Action::CallPage { .. } => "call_page",
            Action::WaitText { .. } => "wait_text",
        }
    }

    /// Every operation name, for the test that keeps the executor in step.
    pub const OPS: &'static [&'static str] = &[
        "fill",
        "check",
        "select",
        "choose",
        "click",
        "point",
        "read_back",
        "capture",
        "call_page",
        "wait_text",
    ];
}

/// The outcome of one action, as the executor reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ActionResult {
    Done {
        /// The value read back after a write, the captured text, or the text waited for.
        /// Never set for a password input: `matches` says whether it holds what was filled.
        #[serde(default)]
        value: Option<Sensitive<String>>,
        #[serde(default)]
        matches: Option<bool>,
    },
    Failed {
        reason: String,
    },
}

/// The executor's answer to [`ToPage::Run`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanResult {
    pub plan_id: u32,
    pub results: Vec<ActionResult>,
}

/// How a guide is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    Info,
    Success,
    Error,
}

/// What the in-page highlight says: the step, what to do, where, and whether tba-assist can do
/// the data entry ("Do it"). Built from playbook texts only: it never holds a secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Guide {
    /// The step the guide is about; none for a page outside the steps (the login page, an
    /// unknown page). On the wire a step id, or `""` for none.
    #[serde(with = "step_or_empty")]
    pub step: Option<StepId>,
    pub title: String,
    pub message: String,
    pub tone: Tone,
    pub point_at: Option<Handle>,
    /// The label of the "Do it" button, when there is data entry to do here.
    pub do_it: Option<String>,
}

/// A guide's step on the wire: its id, or the empty string for none (as it always was).
mod step_or_empty {
    use super::*;

    pub fn serialize<S: Serializer>(step: &Option<StepId>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(step.map_or("", StepId::as_str))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<StepId>, D::Error> {
        let s = String::deserialize(d)?;
        if s.is_empty() {
            return Ok(None);
        }
        s.parse()
            .map(Some)
            .map_err(|_| serde::de::Error::unknown_variant(&s, &StepId::NAMES))
    }
}

/// Messages from the executor to the service worker (`chrome.runtime.sendMessage`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FromPage {
    /// The page loaded or changed. Answered with [`ToPage::Idle`] or [`ToPage::Guide`].
    Snapshot { snapshot: Snapshot },
    /// The user pressed the highlight's "Do it"; the snapshot is fresh. The worker runs the
    /// step's plan (with [`ToPage::Run`]) and answers with the next [`ToPage::Guide`].
    DoIt { snapshot: Snapshot },
}

/// Messages from the service worker to the executor: answers to [`FromPage`], and requests
/// sent with `chrome.tabs.sendMessage`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ToPage {
    /// Nothing to do or show on this page.
    Idle,
    /// Show (or update) the in-page highlight.
    Guide { guide: Guide },
    /// Run these actions; answered with a [`PlanResult`] carrying the same id.
    Run { plan_id: u32, actions: Vec<Action> },
    /// Answer with a fresh [`FromPage::Snapshot`].
    SnapshotPlease,
    /// Answered (with nothing) by a page that has the executor already.
    Ping,
}

/// Messages from the side panel to the service worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FromPanel {
    /// What should the panel show now?
    PanelGet,
    /// The user picked another connector playbook.
    SelectPlaybook { id: String },
    /// The user changed the name of the role to create (step B).
    SetCloneName { name: String },
    /// "Do it" for the current step, on the tab the panel is about.
    DoIt,
    /// Which captured token the Celigo tab gets (by NetSuite account ID, e.g. `1234567_SB1`).
    PickToken { account: String },
    /// Wipe one captured token now.
    Forget { account: String },
    /// Wipe every captured token now.
    ForgetAll,
    /// The user confirms the Celigo connection should be saved.
    SaveConnection,
    /// "This page looks different": a report of the focused page as tba-assist sees it.
    Report,
}

/// Sent by the service worker to every extension view when what they show has changed; the
/// side panel answers by asking [`FromPanel::PanelGet`] again.
pub const PANEL_CHANGED: &str = "panel_changed";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_ops_match_serde_tags() {
        let samples = [
            Action::Fill {
                handle: 1,
                value: "v".into(),
            },
            Action::Check {
                handle: 1,
                on: true,
            },
            Action::Select {
                handle: 1,
                value: "v".into(),
            },
            Action::Choose {
                handle: 1,
                options: vec!["v".into()],
                list: String::new(),
            },
            Action::Click { handle: 1 },
            Action::Point {
                handle: 1,
                message: "m".into(),
            },
            Action::ReadBack { handle: 1 },
            Action::Capture { handle: 1 },
            Action::CallPage {
                function: "f".into(),
                args: vec![],
            },
            Action::WaitText {
                texts: vec![],
                timeout_ms: 1,
            },
        ];
        let tags: Vec<String> = samples
            .iter()
            .map(|a| {
                serde_json::to_value(a).unwrap()["op"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        let ops: Vec<&str> = samples.iter().map(Action::op).collect();
        assert_eq!(tags, Action::OPS);
        assert_eq!(ops, Action::OPS);
    }

    #[test]
    fn debug_never_shows_what_is_typed_or_read() {
        let secret = "ab".repeat(32);
        let fill = Action::Fill {
            handle: 4,
            value: secret.as_str().into(),
        };
        let read = ActionResult::Done {
            value: Some(secret.as_str().into()),
            matches: None,
        };
        for shown in [
            format!("{fill:?}"),
            format!("{read:?}"),
            format!("{:?}", vec![fill.clone()]),
        ] {
            assert!(!shown.contains(&secret[..8]), "{shown}");
            assert!(shown.contains("[REDACTED]"), "{shown}");
        }
    }

    #[test]
    fn a_guide_step_is_its_id_or_empty_on_the_wire() {
        let guide = |step| Guide {
            step,
            title: "t".into(),
            message: "m".into(),
            tone: Tone::Info,
            point_at: None,
            do_it: None,
        };
        for (step, wire) in [(Some(StepId::CreateToken), "create_token"), (None, "")] {
            let json = serde_json::to_value(guide(step)).unwrap();
            assert_eq!(json["step"], wire);
            assert_eq!(serde_json::from_value::<Guide>(json).unwrap(), guide(step));
        }
        let mut json = serde_json::to_value(guide(None)).unwrap();
        json["step"] = "make_coffee".into();
        assert!(serde_json::from_value::<Guide>(json).is_err());
    }

    #[test]
    fn snapshot_accepts_missing_fields() {
        let s: Snapshot =
            serde_json::from_str(r#"{"url":"https://x/","controls":[{"handle":3,"tag":"input"}]}"#)
                .unwrap();
        assert_eq!(s.controls[0].handle, 3);
        assert!(!s.controls[0].visible);
    }
}
