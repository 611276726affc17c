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

/// Celigo's NetSuite connection form as the executor describes it (real-site-evidence.md): a
/// Material UI select is a `role` button (v4) or combobox (v5) that opens a list box, labelled
/// through `<label for>` on a wrapper, with a hidden native input carrying the name and a
/// duplicate id; text inputs have a name and no id. `data_test` says whether the page carries
/// Celigo's `data-test` attributes; `auth` is the authentication type shown.
pub fn celigo_form(role: &str, data_test: bool, auth: &str) -> Snapshot {
    let tested = |id: &str| {
        if data_test {
            id.to_owned()
        } else {
            String::new()
        }
    };
    let select = |handle, id: &str, label: &str, shown: &str| {
        let name = format!("/{}", id.replace('.', "/"));
        [
            Control {
                handle,
                tag: "div".into(),
                role: role.into(),
                popup: "listbox".into(),
                id: format!("mui-component-select-{name}"),
                data_test: tested(id),
                label: format!("{label}\u{2009}*"),
                text: shown.into(),
                visible: true,
                ..Default::default()
            },
            Control {
                handle: handle + 100,
                tag: "input".into(),
                id: id.into(),
                name,
                data_test: tested(id),
                label: format!("{label}\u{2009}*"),
                visible: false,
                ..Default::default()
            },
        ]
    };
    let input = |handle, id: &str, ty: &str, label: &str| Control {
        handle,
        tag: "input".into(),
        kind: ty.into(),
        name: format!("/{}", id.replace('.', "/")),
        data_test: tested(id),
        label: format!("{label}\u{2009}*"),
        value: (ty != "password").then(String::new),
        visible: true,
        ..Default::default()
    };
    let button = |handle, id: &str, text: &str| Control {
        handle,
        tag: "button".into(),
        kind: "button".into(),
        data_test: tested(id),
        text: text.into(),
        visible: true,
        ..Default::default()
    };
    let mut controls: Vec<Control> = vec![input(1, "name", "text", "Name")];
    controls.extend(select(2, "netsuite.authType", "Authentication type", auth));
    if auth == "Token Based Auth (Manual)" {
        controls.extend(select(
            3,
            "netsuite.tokenEnvironment",
            "Environment",
            "Please select",
        ));
        controls.push(input(4, "netsuite.tokenAccount", "text", "Account ID"));
        controls.push(input(5, "netsuite.tokenId", "password", "Token ID"));
        controls.push(input(6, "netsuite.tokenSecret", "password", "Token secret"));
        controls.extend(select(7, "netsuite._iClientId", "iClient", "Please select"));
    }
    controls.push(button(8, "test", "Test connection"));
    controls.push(button(9, "save", "Save"));
    controls.push(button(10, "cancel", "Close"));
    Snapshot {
        controls,
        ..Default::default()
    }
}
