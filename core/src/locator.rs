//! Finding a page element from a description that survives UI changes.
//!
//! A [`Target`] lists several independent ways to recognise one element (data-test attribute,
//! id, name, label, aria-label, nearby text, own text) with synonyms, all read from data files.
//! [`resolve`] scores every control of a snapshot against it and answers found, ambiguous or
//! absent, so that a plan is only made when every element it touches was found exactly once.

use crate::protocol::{Control, Handle, Snapshot, TextBlock};
use serde::{Deserialize, Serialize};

/// What sort of element a target is; candidates of another sort are never considered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Checkbox,
    /// A single-line text input (not a password).
    Text,
    Password,
    /// A native `<select>`.
    Select,
    /// A custom dropdown: NetSuite's `inpt_` text box, MUI's `role=button`/`combobox`.
    Dropdown,
    Button,
    Link,
    /// A static piece of text, such as a heading, a message or a displayed value.
    TextBlock,
    /// A hidden input: NetSuite keeps a dropdown's internal id in one.
    Hidden,
}

/// One element of a page, described by data (see `locators/*.toml`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Target {
    /// How the element is named to the user: "the Token ID field".
    pub describe: String,
    pub kind: Option<Kind>,
    pub data_test: Vec<String>,
    pub id: Vec<String>,
    pub name: Vec<String>,
    /// Label synonyms, compared after [`normalize`].
    pub label: Vec<String>,
    /// Own-text synonyms (buttons, links, tabs, text blocks).
    pub text: Vec<String>,
    /// Substrings of the link target.
    pub href: Vec<String>,
    /// For text blocks: the label that stands just before the value.
    pub after_label: Vec<String>,
    /// Text the element's table row must contain (a record's links in a list). May name a
    /// playbook value such as `{role_to_clone}`, filled in by [`Target::with_values`].
    pub row: Vec<String>,
    /// For text blocks: a value of this shape (`"hex"`: a withheld hex word of 32 or more
    /// characters, as NetSuite shows a Token ID or Secret), wherever it is.
    pub shape: Option<String>,
}

impl Target {
    /// The target with `{name}` placeholders replaced by the playbook's values.
    pub fn with_values(&self, values: &dyn Fn(&str) -> Option<String>) -> Target {
        let fill = |v: &Vec<String>| -> Vec<String> {
            v.iter()
                .map(|s| {
                    let mut out = s.clone();
                    while let (Some(a), Some(b)) = (out.find('{'), out.find('}')) {
                        if b < a {
                            break;
                        }
                        let key = out[a + 1..b].to_owned();
                        let Some(val) = values(&key) else { break };
                        out.replace_range(a..=b, &val);
                    }
                    out
                })
                .collect()
        };
        Target {
            data_test: fill(&self.data_test),
            id: fill(&self.id),
            name: fill(&self.name),
            label: fill(&self.label),
            text: fill(&self.text),
            href: fill(&self.href),
            after_label: fill(&self.after_label),
            row: fill(&self.row),
            ..self.clone()
        }
    }

    /// Placeholders still unfilled: such a target cannot be resolved.
    pub fn has_placeholders(&self) -> bool {
        [
            &self.data_test,
            &self.id,
            &self.name,
            &self.label,
            &self.text,
            &self.href,
            &self.after_label,
            &self.row,
        ]
        .iter()
        .any(|v| v.iter().any(|s| s.contains('{') && s.contains('}')))
    }
}

/// Which way of recognising an element matched, and how strongly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    DataTest,
    Id,
    Name,
    Label,
    AriaLabel,
    Nearby,
    Text,
    Href,
    AfterLabel,
    Row,
    /// A value of the target's shape (a withheld hex word).
    Shape,
}

impl Strategy {
    fn weight(self) -> u32 {
        match self {
            Strategy::DataTest => 100,
            Strategy::Id => 90,
            Strategy::Name => 80,
            Strategy::Label | Strategy::AriaLabel | Strategy::AfterLabel => 70,
            Strategy::Text => 60,
            Strategy::Nearby => 50,
            Strategy::Href => 40,
            // A row only narrows down: on its own it matches every link of the record.
            Strategy::Row => 10,
            Strategy::Shape => 30,
        }
    }
}

/// The answer of [`resolve`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Resolution {
    Found {
        handle: Handle,
        matched: Vec<Strategy>,
    },
    /// Several elements match equally well: writing to one of them would be a guess.
    Ambiguous { handles: Vec<Handle> },
    /// Nothing matched; `tried` says what was looked for, for the user's message.
    Absent { tried: String },
}

impl Resolution {
    pub fn handle(&self) -> Option<Handle> {
        match self {
            Resolution::Found { handle, .. } => Some(*handle),
            _ => None,
        }
    }
}

/// Lower case, trimmed, inner white space folded, and the decorations labels carry removed
/// (NetSuite's required `*`, trailing colons), so that "TOKEN NAME *" equals "Token Name".
pub fn normalize(s: &str) -> String {
    let folded: String = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    folded
        .trim_end_matches(|c: char| c == '*' || c == ':' || c.is_whitespace())
        .trim_start_matches(|c: char| c == '*' || c.is_whitespace())
        .to_owned()
}

fn any_equal(wanted: &[String], found: &str) -> bool {
    rank_equal(wanted, found).is_some()
}

/// Which of `wanted` (the first is the preferred wording) equals `found`, after [`normalize`].
fn rank_equal(wanted: &[String], found: &str) -> Option<usize> {
    if found.is_empty() {
        return None;
    }
    let found = normalize(found);
    wanted.iter().position(|w| normalize(w) == found)
}

/// Where `found` stands in `wanted`, compared exactly (ids, names, data-test attributes).
fn rank_exact(wanted: &[String], found: &str) -> Option<usize> {
    if found.is_empty() {
        return None;
    }
    wanted.iter().position(|w| w == found)
}

fn kind_accepts(kind: Kind, c: &Control) -> bool {
    let tag = c.tag.as_str();
    let ty = c.kind.as_str();
    match kind {
        Kind::Checkbox => tag == "input" && ty == "checkbox" || c.role == "checkbox",
        Kind::Text => {
            (tag == "input" && matches!(ty, "" | "text" | "email" | "search" | "tel" | "url"))
                || tag == "textarea"
        }
        Kind::Password => tag == "input" && ty == "password",
        Kind::Select => tag == "select",
        Kind::Dropdown => {
            matches!(c.role.as_str(), "combobox" | "listbox")
                // Material UI's select: a button that opens a list box.
                || (c.role == "button"
                    && (matches!(c.popup.as_str(), "listbox" | "true" | "menu")
                        || !c.data_test.is_empty()))
                || (tag == "input" && matches!(ty, "" | "text"))
                || tag == "select"
        }
        Kind::Button => {
            tag == "button"
                || (tag == "input" && matches!(ty, "button" | "submit" | "reset"))
                || c.role == "button"
        }
        Kind::Link => tag == "a" || c.role == "tab" || c.role == "link",
        Kind::TextBlock => false,
        Kind::Hidden => tag == "input" && ty == "hidden",
    }
}

/// The strategies that matched, and how far down each target list the matches were: on a tie
/// the element that matches the earlier synonym wins (NetSuite shows Save as `#submitter` and
/// `#btn_multibutton_submitter`; the data lists the one to press first).
fn score_control(t: &Target, c: &Control) -> (Vec<Strategy>, usize) {
    let mut m = Vec::new();
    let mut rank = 0;
    let mut hit = |s: Strategy, r: Option<usize>| {
        if let Some(r) = r {
            m.push(s);
            rank += r;
        }
    };
    hit(Strategy::DataTest, rank_exact(&t.data_test, &c.data_test));
    hit(Strategy::Id, rank_exact(&t.id, &c.id));
    hit(Strategy::Name, rank_exact(&t.name, &c.name));
    hit(Strategy::Label, rank_equal(&t.label, &c.label));
    hit(Strategy::AriaLabel, rank_equal(&t.label, &c.aria_label));
    if c.label.is_empty() {
        hit(Strategy::Nearby, rank_equal(&t.label, &c.nearby));
    }
    let own = rank_equal(&t.text, &c.text).or_else(|| {
        (c.tag == "input")
            .then(|| rank_equal(&t.text, c.value.as_deref().unwrap_or("")))
            .flatten()
    });
    hit(Strategy::Text, own);
    if !c.href.is_empty() {
        hit(
            Strategy::Href,
            t.href.iter().position(|h| c.href.contains(h.as_str())),
        );
    }
    (m, rank)
}

/// A row requirement is a filter, not a clue: a control outside the named row never matches.
fn row_accepts(t: &Target, c: &Control) -> bool {
    let row = normalize(&c.row);
    t.row.is_empty()
        || t.row
            .iter()
            .any(|r| !r.is_empty() && row.contains(&normalize(r)))
}

fn score(matched: &[Strategy], rank: usize) -> u32 {
    // Ten points per strategy over a synonym's rank: a rank only breaks ties.
    (matched.iter().map(|s| s.weight() * 10).sum::<u32>()).saturating_sub(rank.min(9) as u32)
}

/// Finds the one element of `snap` that `target` describes.
pub fn resolve(target: &Target, snap: &Snapshot) -> Resolution {
    if target.kind == Some(Kind::TextBlock) {
        return resolve_text(target, &snap.texts);
    }
    let mut scored: Vec<(u32, bool, Handle, Vec<Strategy>)> = snap
        .controls
        .iter()
        .filter(|c| target.kind.is_none_or(|k| kind_accepts(k, c)))
        .filter(|c| row_accepts(target, c))
        .filter_map(|c| {
            let (m, rank) = score_control(target, c);
            (!m.is_empty()).then(|| (score(&m, rank), c.visible, c.handle, m))
        })
        .collect();
    pick(&mut scored, target)
}

fn resolve_text(target: &Target, texts: &[TextBlock]) -> Resolution {
    let mut scored: Vec<(u32, bool, Handle, Vec<Strategy>)> = Vec::new();
    for (i, b) in texts.iter().enumerate() {
        let mut m = Vec::new();
        if !b.id.is_empty() && target.id.contains(&b.id) {
            m.push(Strategy::Id);
        }
        if let Some(text) = &b.text {
            if any_equal(&target.text, text) {
                m.push(Strategy::Text);
            }
        }
        if target.shape.as_deref() == Some("hex") && has_hex_shape(b) {
            m.push(Strategy::Shape);
        }
        // A displayed value is the first non-empty block after its label.
        if !target.after_label.is_empty() && b.text.is_none() == b.opaque.is_some() {
            let previous = texts[..i].iter().rev().find(|p| {
                p.text.as_deref().is_some_and(|t| !t.trim().is_empty()) || p.opaque.is_some()
            });
            if previous
                .and_then(|p| p.text.as_deref())
                .is_some_and(|t| any_equal(&target.after_label, t))
            {
                m.push(Strategy::AfterLabel);
            }
        }
        if !m.is_empty() {
            scored.push((score(&m, 0), b.visible, b.handle, m));
        }
    }
    pick(&mut scored, target)
}

/// A withheld hex word of credential length: the whole block, or a word within it.
pub fn has_hex_shape(b: &TextBlock) -> bool {
    b.opaque.is_some_and(|o| o.hex && o.len >= 32)
        || b.text
            .as_deref()
            .is_some_and(|t| t.contains(" hex characters]"))
}

fn pick(scored: &mut Vec<(u32, bool, Handle, Vec<Strategy>)>, target: &Target) -> Resolution {
    // Visible elements outrank hidden ones whatever their score: a hidden twin (NetSuite keeps
    // hidden copies of many fields) must never be chosen over what the user sees.
    scored.sort_by_key(|s| std::cmp::Reverse((s.1, s.0)));
    match scored.as_slice() {
        [] => Resolution::Absent {
            tried: describe_tried(target),
        },
        [(s, v, h, m), rest @ ..] => {
            let tied: Vec<Handle> = rest
                .iter()
                .take_while(|(s2, v2, _, _)| s2 == s && v2 == v)
                .map(|r| r.2)
                .collect();
            if tied.is_empty() {
                Resolution::Found {
                    handle: *h,
                    matched: m.clone(),
                }
            } else {
                let mut handles = vec![*h];
                handles.extend(tied);
                Resolution::Ambiguous { handles }
            }
        }
    }
}

fn describe_tried(t: &Target) -> String {
    let mut parts = Vec::new();
    let list = |v: &[String]| {
        v.iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(" or ")
    };
    if !t.data_test.is_empty() {
        parts.push(format!("data-test {}", list(&t.data_test)));
    }
    if !t.id.is_empty() {
        parts.push(format!("id {}", list(&t.id)));
    }
    if !t.name.is_empty() {
        parts.push(format!("name {}", list(&t.name)));
    }
    if !t.label.is_empty() {
        parts.push(format!("label {}", list(&t.label)));
    }
    if !t.text.is_empty() {
        parts.push(format!("text {}", list(&t.text)));
    }
    if !t.after_label.is_empty() {
        parts.push(format!("a value after {}", list(&t.after_label)));
    }
    if !t.href.is_empty() {
        parts.push(format!("a link to {}", list(&t.href)));
    }
    if !t.row.is_empty() {
        parts.push(format!("in the row of {}", list(&t.row)));
    }
    if let Some(shape) = &t.shape {
        parts.push(format!("a withheld {shape} value"));
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctl(handle: Handle, tag: &str, ty: &str) -> Control {
        Control {
            handle,
            tag: tag.into(),
            kind: ty.into(),
            visible: true,
            ..Default::default()
        }
    }

    fn target(kind: Kind) -> Target {
        Target {
            describe: "x".into(),
            kind: Some(kind),
            ..Default::default()
        }
    }

    #[test]
    fn normalize_strips_decorations() {
        assert_eq!(normalize("  TOKEN   NAME *"), "token name");
        assert_eq!(normalize("Account ID:"), "account id");
        assert_eq!(normalize("*Token Id"), "token id");
    }

    #[test]
    fn label_synonyms_find_a_field() {
        let mut c = ctl(7, "input", "password");
        c.label = "Token Id".into();
        let snap = Snapshot {
            controls: vec![c],
            ..Default::default()
        };
        let mut t = target(Kind::Password);
        t.label = vec!["Token ID".into()];
        assert_eq!(resolve(&t, &snap).handle(), Some(7));
    }

    #[test]
    fn kind_filters_candidates() {
        let mut c = ctl(1, "input", "text");
        c.id = "tokenid".into();
        let snap = Snapshot {
            controls: vec![c],
            ..Default::default()
        };
        let mut t = target(Kind::Checkbox);
        t.id = vec!["tokenid".into()];
        assert!(matches!(resolve(&t, &snap), Resolution::Absent { .. }));
    }

    #[test]
    fn two_equal_candidates_are_ambiguous() {
        let mut a = ctl(1, "input", "text");
        a.label = "Name".into();
        let mut b = ctl(2, "input", "text");
        b.label = "Name".into();
        let snap = Snapshot {
            controls: vec![a, b],
            ..Default::default()
        };
        let mut t = target(Kind::Text);
        t.label = vec!["Name".into()];
        assert_eq!(
            resolve(&t, &snap),
            Resolution::Ambiguous {
                handles: vec![1, 2]
            }
        );
    }

    #[test]
    fn a_stronger_strategy_breaks_the_tie() {
        let mut a = ctl(1, "input", "text");
        a.label = "Name".into();
        let mut b = ctl(2, "input", "text");
        b.label = "Name".into();
        b.data_test = "name".into();
        let snap = Snapshot {
            controls: vec![a, b],
            ..Default::default()
        };
        let mut t = target(Kind::Text);
        t.label = vec!["Name".into()];
        t.data_test = vec!["name".into()];
        assert_eq!(resolve(&t, &snap).handle(), Some(2));
    }

    #[test]
    fn visible_beats_hidden_twin() {
        let mut hidden = ctl(1, "input", "text");
        hidden.id = "entity".into();
        hidden.name = "entity".into();
        hidden.visible = false;
        let mut shown = ctl(2, "input", "text");
        shown.label = "User".into();
        let snap = Snapshot {
            controls: vec![hidden, shown],
            ..Default::default()
        };
        let mut t = target(Kind::Dropdown);
        t.id = vec!["entity".into()];
        t.name = vec!["entity".into()];
        t.label = vec!["User".into()];
        assert_eq!(resolve(&t, &snap).handle(), Some(2));
    }

    #[test]
    fn absent_says_what_was_tried() {
        let mut t = target(Kind::Text);
        t.data_test = vec!["netsuite.tokenAccount".into()];
        t.label = vec!["Account ID".into()];
        let Resolution::Absent { tried } = resolve(&t, &Snapshot::default()) else {
            panic!()
        };
        assert_eq!(
            tried,
            "data-test \"netsuite.tokenAccount\"; label \"Account ID\""
        );
    }

    #[test]
    fn row_narrows_to_the_named_record() {
        let link = |handle, row: &str| {
            let mut c = ctl(handle, "a", "");
            c.text = "Customize".into();
            c.row = row.into();
            c
        };
        let snap = Snapshot {
            controls: vec![
                link(1, "Edit Customize Administrator"),
                link(
                    2,
                    "Edit Customize Celigo integrator.io Full Access w/o 2FA [Locked]",
                ),
            ],
            ..Default::default()
        };
        let mut t = target(Kind::Link);
        t.text = vec!["Customize".into()];
        t.row = vec!["{role}".into()];
        assert!(t.has_placeholders());
        let t = t.with_values(&|k| {
            (k == "role").then(|| "Celigo integrator.io Full Access w/o 2FA [Locked]".to_owned())
        });
        assert!(!t.has_placeholders());
        assert_eq!(resolve(&t, &snap).handle(), Some(2));
    }

    #[test]
    fn value_after_label_in_text_blocks() {
        use crate::protocol::Opaque;
        let block = |handle, text: Option<&str>, opaque| TextBlock {
            handle,
            text: text.map(Into::into),
            opaque,
            visible: true,
            ..Default::default()
        };
        let texts = vec![
            block(1, Some("Token ID"), None),
            block(2, None, Some(Opaque { len: 64, hex: true })),
            block(3, Some("Token Secret"), None),
            block(4, None, Some(Opaque { len: 64, hex: true })),
        ];
        let snap = Snapshot {
            texts,
            ..Default::default()
        };
        let mut t = target(Kind::TextBlock);
        t.after_label = vec!["Token Secret".into()];
        assert_eq!(resolve(&t, &snap).handle(), Some(4));
        t.after_label = vec!["Token ID".into()];
        assert_eq!(resolve(&t, &snap).handle(), Some(2));
    }
}
