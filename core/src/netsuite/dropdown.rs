//! NetSuite's single-select dropdowns, found by their structure rather than one assumed id.
//!
//! A dropdown is a visible text box (`inpt_<field>_<N>`, named `inpt_<field>`) inside
//! `div.ns-dropdown[data-name=<field>]`, and a hidden input holding the chosen record's internal
//! id (`hddn_<field>_<N>`, named `<field>`). Only the hidden one is saved, and the page's own
//! API (`nlapiSetFieldValue`/`Text`) is addressed by the field's *name*. The prefixes are data
//! (`[dropdowns]` in `locators/netsuite.toml`).

use crate::protocol::{Control, Snapshot};
use crate::recognize::SiteLocators;

/// What a dropdown is made of, as far as the snapshot shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Dropdown<'s> {
    pub text: &'s Control,
    /// The hidden input holding the internal id; `None` for widgets without one (an ARIA
    /// combobox), which can only be chosen by clicks.
    pub value: Option<&'s Control>,
    /// The field's name for the page's API; empty when nothing says it.
    pub field: String,
}

fn strip_suffix_number(s: &str) -> &str {
    match s.rsplit_once('_') {
        Some((head, n)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => head,
        _ => s,
    }
}

/// The field name a visible box stands for: its `[data-name]`, else its name or id without the
/// text prefix (and the id's numeric suffix).
fn field_of(c: &Control, text_prefix: &str) -> String {
    if !c.field.is_empty() {
        return c.field.clone();
    }
    if let Some(f) = c.name.strip_prefix(text_prefix).filter(|f| !f.is_empty()) {
        return f.to_owned();
    }
    c.id.strip_prefix(text_prefix)
        .map(strip_suffix_number)
        .filter(|f| !f.is_empty())
        .unwrap_or_default()
        .to_owned()
}

/// The dropdown whose visible box is `text`.
pub fn dropdown<'s>(loc: &SiteLocators, snap: &'s Snapshot, text: &'s Control) -> Dropdown<'s> {
    let text_prefix = loc.dropdowns.text_prefix.as_str();
    let value_prefix = loc.dropdowns.value_prefix.as_str();
    let field = field_of(text, text_prefix);
    let hidden = || {
        snap.controls
            .iter()
            .filter(|c| c.tag == "input" && c.kind == "hidden")
    };
    // The same `[data-name]`, then the naming conventions; never a guess between several.
    let by = |f: &dyn Fn(&Control) -> bool| {
        let mut found = hidden().filter(|c| f(c));
        match (found.next(), found.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    };
    let value = (!text.field.is_empty())
        .then(|| by(&|c| c.field == text.field))
        .flatten()
        .or_else(|| {
            (!field.is_empty())
                .then(|| by(&|c| c.name == field))
                .flatten()
        })
        .or_else(|| {
            let paired = text.id.strip_prefix(text_prefix)?;
            let id = format!("{value_prefix}{paired}");
            by(&|c| c.id == id)
        });
    let field = match value {
        Some(v) if !v.name.is_empty() && field.is_empty() => v.name.clone(),
        _ => field,
    };
    Dropdown { text, value, field }
}

/// The option text a dropdown offers for `value`, from the choices it carries as data.
pub fn text_of_value<'s>(c: &'s Control, value: &str) -> Option<&'s str> {
    c.options
        .iter()
        .find(|o| o.value == value)
        .map(|o| o.text.as_str())
}

/// Whether the dropdown's carried choices are known and include `text` (case and spacing
/// aside). `None` when the page does not carry them.
pub fn offers(c: &Control, texts: &[String]) -> Option<bool> {
    if c.options.is_empty() {
        return None;
    }
    let norm = crate::locator::normalize;
    Some(
        c.options
            .iter()
            .any(|o| texts.iter().any(|t| norm(t) == norm(&o.text))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::control;
    use crate::recognize::netsuite;

    fn hidden(handle: u32, id: &str, name: &str) -> Control {
        Control {
            name: name.into(),
            ..control(handle, "input", "hidden", id)
        }
    }

    #[test]
    fn numbered_ids_pair_by_name_and_data_name() {
        let mut text = control(1, "input", "text", "inpt_tba_app_name_3");
        text.name = "inpt_tba_app_name".into();
        text.field = "tba_app_name".into();
        let mut value = hidden(2, "hddn_tba_app_name_3", "tba_app_name");
        value.field = "tba_app_name".into();
        let snap = Snapshot {
            controls: vec![text.clone(), value, hidden(3, "hddn_entity_4", "entity")],
            ..Default::default()
        };
        let d = dropdown(netsuite(), &snap, &snap.controls[0]);
        assert_eq!(d.field, "tba_app_name");
        assert_eq!(d.value.map(|v| v.handle), Some(2));
    }

    #[test]
    fn without_data_name_the_conventions_still_pair() {
        let mut text = control(1, "input", "text", "inpt_role_7");
        text.name = String::new();
        let snap = Snapshot {
            controls: vec![text, hidden(2, "hddn_role_7", "")],
            ..Default::default()
        };
        let d = dropdown(netsuite(), &snap, &snap.controls[0]);
        assert_eq!(
            (d.field.as_str(), d.value.map(|v| v.handle)),
            ("role", Some(2))
        );
        // The old shape: `inpt_role` and a hidden `role`.
        let snap = Snapshot {
            controls: vec![
                control(1, "input", "text", "inpt_role"),
                hidden(2, "role", "role"),
            ],
            ..Default::default()
        };
        let d = dropdown(netsuite(), &snap, &snap.controls[0]);
        assert_eq!(
            (d.field.as_str(), d.value.map(|v| v.handle)),
            ("role", Some(2))
        );
    }

    #[test]
    fn a_combobox_has_no_hidden_value_and_two_candidates_are_no_pair() {
        let mut combo = control(1, "input", "text", "");
        combo.name = String::new();
        combo.role = "combobox".into();
        let snap = Snapshot {
            controls: vec![combo],
            ..Default::default()
        };
        let d = dropdown(netsuite(), &snap, &snap.controls[0]);
        assert_eq!((d.field.as_str(), d.value), ("", None));
        let snap = Snapshot {
            controls: vec![
                control(1, "input", "text", "inpt_user"),
                hidden(2, "hddn_user_1", "user"),
                hidden(3, "hddn_user_2", "user"),
            ],
            ..Default::default()
        };
        assert_eq!(dropdown(netsuite(), &snap, &snap.controls[0]).value, None);
    }
}
