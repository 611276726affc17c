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

/// NetSuite's New Access Token form: each dropdown's visible box (labelled by the text before
/// it, as NetSuite does) and hidden internal id, the Token Name and Save (handle 9).
pub fn token_form() -> Snapshot {
    let labelled = |handle, id: &str, label: &str| Control {
        nearby: label.into(),
        ..control(handle, "input", "text", id)
    };
    let mut save = control(9, "input", "submit", "submitter");
    save.value = Some("Save".into());
    Snapshot {
        controls: vec![
            labelled(1, "inpt_application", "APPLICATION NAME *"),
            control(2, "input", "hidden", "application"),
            labelled(3, "inpt_user", "USER *"),
            control(4, "input", "hidden", "user"),
            labelled(5, "inpt_role", "ROLE *"),
            control(6, "input", "hidden", "role"),
            labelled(7, "name", "TOKEN NAME *"),
            save,
        ],
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
