//! Sample snapshots shaped like the executor's, shared by the tests, the benchmark and the
//! fuzzer so that each does not build its own idea of a NetSuite page.

use crate::protocol::{Control, Handle, Opaque, Snapshot, TextBlock};

/// A control as the executor describes one: `id` doubles as its name; hidden inputs are not
/// visible.
pub fn control(handle: Handle, tag: &str, ty: &str, id: &str) -> Control {
    Control {
        handle,
        tag: tag.into(),
        kind: ty.into(),
        id: id.into(),
        name: id.into(),
        visible: ty != "hidden",
        ..Default::default()
    }
}

/// A visible text block; `None` stands for a withheld 64-hex value (the executor's opaque rule).
pub fn text_block(handle: Handle, text: Option<&str>) -> TextBlock {
    TextBlock {
        handle,
        text: text.map(Into::into),
        opaque: text.is_none().then_some(Opaque { len: 64, hex: true }),
        visible: true,
        ..Default::default()
    }
}

/// NetSuite's New Access Token form as the evidence describes NetSuite's dropdowns: each
/// dropdown's visible box `inpt_<field>_<N>` (named `inpt_<field>`, labelled by the text before
/// it) in a `[data-name=<field>]`, and its hidden internal id `hddn_<field>_<N>` named
/// `<field>`; then the Token Name and Save (handle 9).
pub fn token_form() -> Snapshot {
    let dropdown = |handle, field: &str, n: u32, label: &str| {
        let text = Control {
            nearby: label.into(),
            name: format!("inpt_{field}"),
            field: field.into(),
            ..control(handle, "input", "text", &format!("inpt_{field}_{n}"))
        };
        let value = Control {
            name: field.into(),
            field: field.into(),
            ..control(handle + 1, "input", "hidden", &format!("hddn_{field}_{n}"))
        };
        [text, value]
    };
    let mut save = control(9, "input", "submit", "submitter");
    save.value = Some("Save".into());
    let mut controls: Vec<Control> = [
        dropdown(1, "application", 1, "Application Name *"),
        dropdown(3, "user", 2, "User *"),
        dropdown(5, "role", 3, "Role *"),
    ]
    .into_iter()
    .flatten()
    .collect();
    controls.push(Control {
        nearby: "Token Name *".into(),
        ..control(7, "input", "text", "name")
    });
    controls.push(save);
    Snapshot {
        controls,
        ..Default::default()
    }
}

/// The page NetSuite shows once after saving a token: labels, then the withheld values
/// (handles 2 and 4).
pub fn confirmation() -> Snapshot {
    Snapshot {
        texts: vec![
            text_block(1, Some("Token ID")),
            text_block(2, None),
            text_block(3, Some("Token Secret")),
            text_block(4, None),
        ],
        ..Default::default()
    }
}
