//! Keeps `extension/executor.js` (plain JavaScript, so no compiler checks it) in step with
//! `core/src/protocol.rs`, the single definition of the messages:
//!
//! - every `Action` operation has a `case` in the executor's `run()`, and it has no other;
//! - every field of the snapshot structs is a key of the object literal the executor builds
//!   for it, and the executor builds no key the Rust does not read;
//! - the messages the executor sends deserialize as `FromPage`, and what it reads of a
//!   `ToPage::Run` (and of each action) is what the Rust sends.
//!
//! The JavaScript is read as text; the small scanner below understands just enough of it
//! (strings, brackets, object-literal keys) for these checks. Each check has a negative
//! self-test so a scanner that finds nothing cannot pass silently.

use std::collections::BTreeSet;

use serde::Serialize;
use tba_core::protocol::{
    Action, ActionResult, Control, FromPage, Opaque, SelectOption, Snapshot, TextBlock, ToPage,
};

const JS: &str = include_str!("../../extension/executor.js");

// ── A minimal JavaScript scanner ─────────────────────────────────────────────────────────────

/// Byte offset just past the string literal that starts at `i` (a quote character).
fn skip_string(s: &[u8], i: usize) -> usize {
    let quote = s[i];
    let mut j = i + 1;
    while j < s.len() {
        match s[j] {
            b'\\' => j += 2,
            c if c == quote => return j + 1,
            _ => j += 1,
        }
    }
    s.len()
}

/// The text between the bracket at `open` and its matching closing bracket (exclusive),
/// skipping string literals.
fn balanced(js: &str, open: usize) -> &str {
    let s = js.as_bytes();
    let (o, c) = match s[open] {
        b'{' => (b'{', b'}'),
        b'(' => (b'(', b')'),
        b'[' => (b'[', b']'),
        other => panic!("no bracket at {open}: {:?}", other as char),
    };
    let mut depth = 0usize;
    let mut i = open;
    while i < s.len() {
        match s[i] {
            b'\'' | b'"' | b'`' => {
                i = skip_string(s, i);
                continue;
            }
            x if x == o => depth += 1,
            x if x == c => {
                depth -= 1;
                if depth == 0 {
                    return &js[open + 1..i];
                }
            }
            _ => {}
        }
        i += 1;
    }
    panic!("unbalanced bracket at {open}")
}

/// Finds `markers` one after the other, and returns the body of the first `{` at or after the
/// start of the last one.
fn block_after<'a>(js: &'a str, markers: &[&str]) -> &'a str {
    let mut at = 0;
    let mut last = 0;
    for m in markers {
        let found = js[at..]
            .find(m)
            .unwrap_or_else(|| panic!("executor.js no longer contains {m:?} (after {markers:?})"));
        last = at + found;
        at = last + m.len();
    }
    let open = last + js[last..].find('{').expect("a `{` after the marker");
    balanced(js, open)
}

/// Splits the body of an object literal (or an argument list) at its top-level commas.
fn top_level_items(body: &str) -> Vec<&str> {
    let s = body.as_bytes();
    let mut items = Vec::new();
    let (mut depth, mut start, mut i) = (0i32, 0, 0);
    while i < s.len() {
        match s[i] {
            b'\'' | b'"' | b'`' => {
                i = skip_string(s, i);
                continue;
            }
            b'{' | b'(' | b'[' => depth += 1,
            b'}' | b')' | b']' => depth -= 1,
            b',' if depth == 0 => {
                items.push(&body[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    items.push(&body[start..]);
    items
        .into_iter()
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .collect()
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// The keys of an object literal's body: `key: value` and shorthand `key` entries.
fn object_keys(body: &str) -> BTreeSet<String> {
    top_level_items(body)
        .into_iter()
        .map(|item| {
            let key: String = item.chars().take_while(|&c| is_ident_char(c)).collect();
            let rest = item[key.len()..].trim_start();
            assert!(
                !key.is_empty() && (rest.is_empty() || rest.starts_with(':')),
                "not a plain object-literal entry: {item:?}"
            );
            key
        })
        .collect()
}

/// The keys a `Default` value of `T` serializes with: the wire names of its fields.
fn wire_keys<T: Default + Serialize>() -> BTreeSet<String> {
    keys_of(&serde_json::to_value(T::default()).unwrap())
}

fn keys_of(v: &serde_json::Value) -> BTreeSet<String> {
    v.as_object()
        .expect("serializes as an object")
        .keys()
        .cloned()
        .collect()
}

fn same_keys(what: &str, rust: &BTreeSet<String>, js: &BTreeSet<String>) -> Result<(), String> {
    let missing: Vec<_> = rust.difference(js).collect();
    let extra: Vec<_> = js.difference(rust).collect();
    if missing.is_empty() && extra.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{what}: executor.js lacks {missing:?} and sends {extra:?} that protocol.rs does not \
             define"
        ))
    }
}

// ── (a) Operations ───────────────────────────────────────────────────────────────────────────

/// The `case '<op>':` labels of the switch in the executor's `run()`.
fn js_ops() -> Vec<String> {
    let switch = block_after(JS, &["async function run(action)", "switch (action.op)"]);
    let mut ops = Vec::new();
    let mut rest = switch;
    while let Some(i) = rest.find("case ") {
        let word_start = i == 0 || !rest[..i].ends_with(is_ident_char);
        rest = &rest[i + 5..];
        if !word_start {
            continue;
        }
        let quote = rest.chars().next().expect("a case label");
        assert!(
            quote == '\'' || quote == '"',
            "case label is not a string: {:?}",
            &rest[..rest.len().min(30)]
        );
        let end = rest[1..].find(quote).expect("closed string") + 1;
        ops.push(rest[1..end].to_owned());
        assert!(
            rest[end + 1..].trim_start().starts_with(':'),
            "case {:?} has no ':'",
            &rest[1..end]
        );
    }
    ops
}

#[test]
fn every_operation_has_a_case_and_no_other() {
    let js = js_ops();
    let rust: BTreeSet<&str> = Action::OPS.iter().copied().collect();
    let js_set: BTreeSet<&str> = js.iter().map(String::as_str).collect();
    assert_eq!(js.len(), js_set.len(), "duplicate case in run(): {js:?}");
    for op in Action::OPS {
        assert!(
            JS.contains(&format!("case '{op}':")),
            "executor.js has no `case '{op}':`"
        );
    }
    assert_eq!(
        rust, js_set,
        "Action::OPS vs the cases of executor.js run()"
    );
    // Self-check: an op the Rust does not know is not in the JS.
    assert!(!js_set.contains("delete_everything"));
    assert!(!JS.contains("case 'delete_everything':"));
}

/// What `run()` reads of each action is what the Rust sends: `action.<field>` for every
/// field of every operation.
#[test]
fn the_executor_reads_every_action_field() {
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
            option_text: "o".into(),
        },
        Action::Click { handle: 1 },
        Action::Point {
            handle: 1,
            message: "m".into(),
        },
        Action::ReadBack { handle: 1 },
        Action::Capture { handle: 1 },
    ];
    let reads = |field: &str| {
        JS.match_indices(&format!("action.{field}"))
            .any(|(i, m)| !JS[i + m.len()..].starts_with(is_ident_char))
    };
    for a in &samples {
        for key in keys_of(&serde_json::to_value(a).unwrap()) {
            assert!(reads(&key), "executor.js never reads action.{key} ({a:?})");
        }
    }
    assert!(!reads("made_up_field"));
    assert!(!reads("optio"), "a prefix of a field must not count");
}

// ── (b) Snapshot fields ──────────────────────────────────────────────────────────────────────

/// For each snapshot struct, where executor.js builds its object literal.
fn literals() -> Vec<(&'static str, BTreeSet<String>, &'static str)> {
    vec![
        (
            "Control (describeControl)",
            wire_keys::<Control>(),
            block_after(JS, &["function describeControl(el)", "const c = {"]),
        ),
        (
            "SelectOption (describeControl's options map)",
            wire_keys::<SelectOption>(),
            block_after(JS, &["c.options = Array.from(el.options", "({"]),
        ),
        (
            "TextBlock (textBlocks)",
            wire_keys::<TextBlock>(),
            block_after(JS, &["function textBlocks()", "const b = {"]),
        ),
        (
            "Snapshot (snapshot)",
            wire_keys::<Snapshot>(),
            block_after(JS, &["function snapshot()", "return {"]),
        ),
        (
            "Opaque (opaqueOf)",
            wire_keys::<Opaque>(),
            block_after(JS, &["const opaqueOf =", "? {"]),
        ),
    ]
}

#[test]
fn every_snapshot_field_is_built_by_the_executor() {
    let all = literals();
    for (what, rust, body) in &all {
        assert!(rust.len() >= 2, "{what}: too few Rust fields {rust:?}");
        same_keys(what, rust, &object_keys(body)).unwrap();
        // The looser textual form the executor must contain for each key.
        for key in rust {
            let shapes = [format!("{key}:"), format!("{key},"), format!("{{ {key}")];
            assert!(
                shapes.iter().any(|s| body.contains(s.as_str())),
                "{what}: no `{key}:` in {body}"
            );
        }
    }
    // `type` is the wire name of Control::kind: the serde rename is honoured.
    assert!(all[0].1.contains("type") && !all[0].1.contains("kind"));
}

/// The checks above can fail: a field the JS does not build, or one the Rust does not know, is
/// reported.
#[test]
fn a_drifted_field_is_reported() {
    let (what, rust, body) = &literals()[0];
    let js = object_keys(body);
    assert!(!js.contains("made_up_field"));
    let mut more = rust.clone();
    more.insert("made_up_field".into());
    let e = same_keys(what, &more, &js).unwrap_err();
    assert!(e.contains("lacks [\"made_up_field\"]"), "{e}");
    let mut fewer = rust.clone();
    fewer.remove("nearby");
    let e = same_keys(what, &fewer, &js).unwrap_err();
    assert!(e.contains("sends [\"nearby\"]"), "{e}");
    // The scanner reads shorthand and `key: value` entries, nested brackets and strings.
    assert_eq!(
        object_keys("a, b: f(x, y), c: { d: 1, e: [2, 3] }, g: ','"),
        ["a", "b", "c", "g"].iter().map(|s| s.to_string()).collect()
    );
}

// ── (c) Messages ─────────────────────────────────────────────────────────────────────────────

#[test]
fn the_messages_the_executor_sends_are_from_page() {
    for kind in ["snapshot", "plan_result"] {
        assert!(
            JS.contains(&format!("kind: '{kind}'")),
            "executor.js sends no {kind}"
        );
    }
    // The keys of the `send({...})` literals are those of the Rust messages.
    let snapshot_msg = object_keys(block_after(JS, &["send({ kind: 'snapshot'"]));
    let plan_msg = object_keys(block_after(JS, &["send({ kind: 'plan_result'"]));
    let rust_snapshot = keys_of(
        &serde_json::to_value(FromPage::Snapshot {
            snapshot: Snapshot::default(),
        })
        .unwrap(),
    );
    let rust_plan = keys_of(
        &serde_json::to_value(FromPage::PlanResult {
            plan_id: 1,
            results: vec![],
        })
        .unwrap(),
    );
    same_keys("FromPage::Snapshot", &rust_snapshot, &snapshot_msg).unwrap();
    same_keys("FromPage::PlanResult", &rust_plan, &plan_msg).unwrap();

    // Shaped like what describeControl, textBlocks and snapshot build.
    let sample = r#"{ "kind": "snapshot", "snapshot": {
        "url": "https://1234567.app.netsuite.com/app/setup/accesstoken.nl?whence=",
        "title": "Access Token", "truncated": false,
        "controls": [
          { "handle": 1, "tag": "input", "type": "text", "id": "inpt_role", "name": "",
            "data_test": "", "role": "", "aria_label": "", "label": "", "text": "",
            "nearby": "ROLE *", "placeholder": "", "href": "", "row": "",
            "value": "Admin", "value_opaque": null, "checked": null,
            "visible": true, "disabled": false, "readonly": false, "options": [] },
          { "handle": 2, "tag": "select", "type": "", "id": "", "name": "env",
            "data_test": "x", "role": "", "aria_label": "", "label": "Environment", "text": "",
            "nearby": "", "placeholder": "", "href": "", "row": "",
            "value": null, "value_opaque": { "len": 64, "hex": true }, "checked": null,
            "visible": true, "disabled": false, "readonly": false,
            "options": [ { "value": "p", "text": "Production", "selected": true } ] },
          { "handle": 3, "tag": "input", "type": "checkbox", "id": "tba", "name": "",
            "data_test": "", "role": "", "aria_label": "", "label": "", "text": "",
            "nearby": "", "placeholder": "", "href": "", "row": "",
            "value": "T", "value_opaque": null, "checked": true,
            "visible": false, "disabled": false, "readonly": false, "options": [] } ],
        "texts": [
          { "handle": 4, "tag": "td", "id": "", "role": "", "text": "Token ID",
            "opaque": null, "visible": true },
          { "handle": 5, "tag": "td", "id": "", "role": "", "text": null,
            "opaque": { "len": 64, "hex": true }, "visible": true } ] } }"#;
    let msg: FromPage = serde_json::from_str(sample).unwrap();
    let FromPage::Snapshot { snapshot } = msg else {
        panic!("not a snapshot: {msg:?}")
    };
    assert_eq!(snapshot.controls.len(), 3);
    assert_eq!(snapshot.controls[0].kind, "text");
    assert_eq!(snapshot.controls[1].options[0].text, "Production");
    assert_eq!(
        snapshot.controls[1].value_opaque,
        Some(Opaque { len: 64, hex: true })
    );
    assert_eq!(snapshot.controls[2].checked, Some(true));
    assert_eq!(snapshot.texts[1].opaque.map(|o| o.len), Some(64));
    // Every key of the sample is one the Rust knows: the sample is the full wire shape.
    let v: serde_json::Value = serde_json::from_str(sample).unwrap();
    same_keys(
        "sample control",
        &wire_keys::<Control>(),
        &keys_of(&v["snapshot"]["controls"][0]),
    )
    .unwrap();
    same_keys(
        "sample text",
        &wire_keys::<TextBlock>(),
        &keys_of(&v["snapshot"]["texts"][0]),
    )
    .unwrap();

    // What runPlan sends: the results of run(), `done` with a value (or null) or `failed`.
    let sample = r#"{ "kind": "plan_result", "plan_id": 7, "results": [
        { "status": "done", "value": "x" }, { "status": "done", "value": null },
        { "status": "failed", "reason": "the element is no longer on the page" } ] }"#;
    let msg: FromPage = serde_json::from_str(sample).unwrap();
    assert_eq!(
        msg,
        FromPage::PlanResult {
            plan_id: 7,
            results: vec![
                ActionResult::Done {
                    value: Some("x".into())
                },
                ActionResult::Done { value: None },
                ActionResult::Failed {
                    reason: "the element is no longer on the page".into()
                },
            ],
        }
    );
    // Every status the executor returns is one ActionResult knows.
    let statuses: BTreeSet<&str> = JS
        .match_indices("status: '")
        .map(|(i, m)| {
            let rest = &JS[i + m.len()..];
            &rest[..rest.find('\'').unwrap()]
        })
        .collect();
    assert_eq!(statuses, BTreeSet::from(["done", "failed"]));
    for s in statuses {
        let one = match s {
            "done" => r#"{"status":"done","value":null}"#.to_owned(),
            _ => format!(r#"{{"status":"{s}","reason":"r"}}"#),
        };
        serde_json::from_str::<ActionResult>(&one).unwrap();
    }
    // Self-check: an unknown kind is refused.
    assert!(serde_json::from_str::<FromPage>(r#"{"kind":"snapshots","snapshot":{}}"#).is_err());
}

#[test]
fn the_executor_reads_what_to_page_run_carries() {
    let run = ToPage::Run {
        plan_id: 9,
        actions: vec![Action::Click { handle: 3 }],
    };
    let v = serde_json::to_value(&run).unwrap();
    assert_eq!(v["kind"], "run");
    assert_eq!(
        keys_of(&v),
        BTreeSet::from(["kind".to_owned(), "plan_id".into(), "actions".into()])
    );
    assert_eq!(v["actions"][0]["op"], "click");
    assert_eq!(v["actions"][0]["handle"], 3);
    for read in [
        "answer.kind !== 'run'",
        "answer.actions",
        "answer.plan_id",
        "action.op",
        "action.handle",
    ] {
        assert!(JS.contains(read), "executor.js no longer reads `{read}`");
    }
    // Idle is not a run: the executor ignores it.
    assert_eq!(serde_json::to_value(ToPage::Idle).unwrap()["kind"], "idle");
    assert!(!JS.contains("answer.kind !== 'runs'"));
}
