//! Keeps `extension/executor.js` (plain JavaScript, so no compiler checks it) in step with
//! `core/src/protocol.rs`, the single definition of the messages:
//!
//! - (a) every `Action` operation has a `case` in the executor's `switch (….op)`, and it has
//!   no other; it reads every field of every operation;
//! - (b) every field of the snapshot structs is a key of the object literal the executor
//!   builds for it, and the executor builds no key the Rust does not define;
//! - (c) the messages the executor sends (`kind: '…'`) are `FromPage` messages with the same
//!   keys, and deserialize; every `ToPage` kind is handled, and what it reads of them is what
//!   the Rust sends; the plan's answer is a `PlanResult` of `ActionResult`s.
//!
//! Nothing here lists the variants or fields by hand: they come from serde (a `Default` value
//! serialized, or the names serde gives in its "unknown variant" and "missing field" errors),
//! so a new variant or field is checked without touching this file. The JavaScript is read as
//! text; the small scanner below understands just enough of it (strings, brackets,
//! object-literal keys). Each check has a negative self-test, so it cannot pass by finding
//! nothing.

use std::collections::BTreeSet;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use tba_core::protocol::{
    Action, ActionResult, Control, FromPage, Opaque, PlanResult, SelectOption, Snapshot, TextBlock,
    ToPage,
};

const JS: &str = include_str!("../../extension/executor.js");

// ── What serde says about the Rust types ─────────────────────────────────────────────────────

/// The variant names of an internally tagged enum, from serde's "unknown variant" error.
fn variants<T: DeserializeOwned>(tag: &str) -> Vec<String> {
    let Err(e) = serde_json::from_value::<T>(json!({ tag: "no such variant" })) else {
        panic!("a made-up variant was accepted")
    };
    let e = e.to_string();
    let expected = e
        .split_once("expected")
        .unwrap_or_else(|| panic!("unexpected serde message: {e}"))
        .1;
    let names: Vec<String> = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    assert!(!names.is_empty(), "no variants in: {e}");
    names
}

fn missing_field(e: &serde_json::Error) -> Option<String> {
    let m = e.to_string();
    let rest = m.strip_prefix("missing field `")?;
    Some(rest[..rest.find('`')?].to_owned())
}

fn unknown_variant_first(e: &serde_json::Error) -> Option<String> {
    let m = e.to_string();
    m.starts_with("unknown variant")
        .then(|| {
            m.split_once("expected")?
                .1
                .split('`')
                .nth(1)
                .map(str::to_owned)
        })
        .flatten()
}

/// The JSON pointers of every object in `v`, outermost first.
fn object_pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            out.push(at.clone());
            for (k, x) in m {
                object_pointers(x, format!("{at}/{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                object_pointers(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// A complete value of one variant, built by giving every field serde says is missing the
/// first candidate value that it accepts there (nested structs included: the field is tried
/// in each object of the value, outermost first); returned as the Rust serializes it, so
/// every field (optional ones too) is a key.
fn sample<T: DeserializeOwned + Serialize>(tag: &str, variant: &str) -> Value {
    let mut v = json!({ tag: variant });
    for _ in 0..64 {
        let e = match serde_json::from_value::<T>(v.clone()) {
            Ok(t) => return serde_json::to_value(t).unwrap(),
            Err(e) => e,
        };
        let field = missing_field(&e)
            .unwrap_or_else(|| panic!("{variant}: cannot build a sample ({e}) from {v}"));
        let mut places = Vec::new();
        object_pointers(&v, String::new(), &mut places);
        let placed = places.iter().find_map(|at| {
            let mut candidates = vec![json!(1), json!("s"), json!(true), json!([]), json!({})];
            let mut k = 0;
            while k < candidates.len() {
                let mut tried = v.clone();
                tried.pointer_mut(at).unwrap()[&field] = candidates[k].clone();
                match serde_json::from_value::<T>(tried.clone()) {
                    Ok(_) => return Some(tried),
                    Err(e) if missing_field(&e).is_some_and(|f| f != field) => return Some(tried),
                    Err(e) => {
                        // An enum field: take the first of the variants serde lists.
                        if let Some(first) = unknown_variant_first(&e) {
                            if !candidates.contains(&json!(first)) {
                                candidates.push(json!(first));
                            }
                        }
                    }
                }
                k += 1;
            }
            None
        });
        v = placed.unwrap_or_else(|| panic!("{variant}.{field}: no candidate value fits in {v}"));
    }
    panic!("{variant}: too many fields")
}

/// The keys a `Default` value of `T` serializes with: the wire names of its fields.
fn wire_keys<T: Default + Serialize>() -> BTreeSet<String> {
    keys_of(&serde_json::to_value(T::default()).unwrap())
}

fn keys_of(v: &Value) -> BTreeSet<String> {
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
            "{what}: executor.js lacks {missing:?} and has {extra:?} that protocol.rs does not \
             define"
        ))
    }
}

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

/// The body of the smallest `{ … }` that encloses byte `at`.
fn enclosing_object(js: &str, at: usize) -> &str {
    // Scans back over raw bytes: a brace inside a string before `at` would mislead it, which
    // the callers' key checks then report.
    let s = js.as_bytes();
    let mut depth = 0i32;
    for i in (0..at).rev() {
        match s[i] {
            b'}' => depth += 1,
            b'{' if depth == 0 => return balanced(js, i),
            b'{' => depth -= 1,
            _ => {}
        }
    }
    panic!("no object around byte {at}")
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

/// The keys of an object literal's body (`key: value` and shorthand `key` entries), or `None`
/// when it is not a plain object literal.
fn try_object_keys(body: &str) -> Option<BTreeSet<String>> {
    top_level_items(body)
        .into_iter()
        .map(|item| {
            let key: String = item.chars().take_while(|&c| is_ident_char(c)).collect();
            let rest = item[key.len()..].trim_start();
            (!key.is_empty() && (rest.is_empty() || rest.starts_with(':'))).then_some(key)
        })
        .collect()
}

fn object_keys(body: &str) -> BTreeSet<String> {
    try_object_keys(body).unwrap_or_else(|| panic!("not a plain object literal: {{{body}}}"))
}

/// Whether the JS reads property `field` of something (`x.field`, not `x.fieldName`).
fn reads(field: &str) -> bool {
    JS.match_indices(&format!(".{field}"))
        .any(|(i, m)| !JS[i + m.len()..].starts_with(is_ident_char))
}

/// The string values of `<prefix>'…'` occurrences: `kind: 'snapshot'` → `snapshot`.
fn quoted_after(prefix: &str) -> BTreeSet<String> {
    JS.match_indices(&format!("{prefix}'"))
        .map(|(i, m)| {
            let rest = &JS[i + m.len()..];
            rest[..rest.find('\'').unwrap()].to_owned()
        })
        .collect()
}

// ── (a) Operations ───────────────────────────────────────────────────────────────────────────

/// The `case '<op>':` labels of the executor's `switch (<name>.op)`.
fn js_ops() -> Vec<String> {
    let at = JS
        .match_indices(".op)")
        .map(|(i, _)| i)
        .find(|&i| {
            JS[..i]
                .trim_end_matches(is_ident_char)
                .ends_with("switch (")
        })
        .expect("executor.js has no `switch (….op)`");
    let switch = block_after(&JS[at..], &[")"]);
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

/// The ops `run()` tests for outside its switch: `action.op === 'call_page'`.
fn js_compared_ops() -> Vec<String> {
    quoted_after(".op === ").into_iter().collect()
}

#[test]
fn every_operation_has_a_case_and_no_other() {
    let ops = variants::<Action>("op");
    assert_eq!(ops, Action::OPS, "Action::OPS is not serde's list of ops");
    let cases = js_ops();
    let compared = js_compared_ops();
    let mut handled: BTreeSet<&str> = BTreeSet::new();
    for op in cases.iter().chain(&compared) {
        assert!(
            handled.insert(op),
            "op {op:?} is handled twice: {cases:?} {compared:?}"
        );
    }
    let rust: BTreeSet<&str> = ops.iter().map(String::as_str).collect();
    assert_eq!(
        rust, handled,
        "Action ops vs executor.js (its `case '…':` and `.op === '…'`)"
    );
    for op in &compared {
        assert!(
            JS.contains(&format!(".op === '{op}') return"))
                || JS.contains(&format!(".op === '{op}') {{")),
            "`.op === '{op}'` is not a dispatch"
        );
    }
    // Self-check: an op the Rust does not know is neither in the JS nor accepted by serde.
    assert!(!handled.contains("delete_everything"));
    assert!(serde_json::from_value::<Action>(json!({"op": "delete_everything"})).is_err());
}

/// The executor reads every field of every operation (`action.value`, `a.timeout_ms` …).
#[test]
fn the_executor_reads_every_action_field() {
    for op in Action::OPS {
        let s = sample::<Action>("op", op);
        assert_eq!(s["op"], *op);
        for key in keys_of(&s) {
            assert!(
                reads(&key),
                "executor.js never reads .{key} of a {op} action ({s})"
            );
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
            block_after(JS, &["function describeControl(", "const c = {"]),
        ),
        (
            "SelectOption (describeControl's options map)",
            wire_keys::<SelectOption>(),
            block_after(JS, &["c.options = Array.from(", "({"]),
        ),
        (
            "TextBlock (textBlocks)",
            wire_keys::<TextBlock>(),
            block_after(JS, &["function textBlocks(", "const b = {"]),
        ),
        (
            "Snapshot (snapshot)",
            wire_keys::<Snapshot>(),
            block_after(JS, &["function snapshot(", "return {"]),
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
        // The plain textual form, as a second opinion on the scanner.
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
    let (what, _, body) = &literals()[0];
    let js = object_keys(body);
    assert!(!js.contains("made_up_field") && js.contains("nearby"));
    let mut more = js.clone();
    more.insert("made_up_field".into());
    let e = same_keys(what, &more, &js).unwrap_err();
    assert!(e.contains("lacks [\"made_up_field\"] and has []"), "{e}");
    let mut fewer = js.clone();
    fewer.remove("nearby");
    let e = same_keys(what, &fewer, &js).unwrap_err();
    assert!(e.contains("lacks [] and has [\"nearby\"]"), "{e}");
    // The scanner reads shorthand and `key: value` entries, nested brackets and strings.
    let keys = object_keys("a, b: f(x, y), c: { d: 1, e: [2, 3] }, g: ',', h: `${1}`");
    assert_eq!(keys, ["a", "b", "c", "g", "h"].map(String::from).into());
}

// ── (c) Messages ─────────────────────────────────────────────────────────────────────────────

/// Each `kind: '…'` the executor sends is a `FromPage` message with the Rust's keys, and each
/// `FromPage` message is sent.
#[test]
fn the_messages_the_executor_sends_are_from_page() {
    let rust = variants::<FromPage>("kind");
    let sent = quoted_after("kind: ");
    assert!(!sent.is_empty(), "executor.js sends no `kind: '…'` message");
    assert_eq!(
        rust.iter().cloned().collect::<BTreeSet<_>>(),
        sent,
        "FromPage kinds vs the `kind: '…'` messages of executor.js"
    );
    for kind in &sent {
        let sample = sample::<FromPage>("kind", kind);
        let mut js_keys = BTreeSet::new();
        for (at, _) in JS.match_indices(&format!("kind: '{kind}'")) {
            js_keys = object_keys(enclosing_object(JS, at));
            same_keys(&format!("FromPage {kind}"), &keys_of(&sample), &js_keys).unwrap();
        }
        // Shaped as the JS builds it: every key, a snapshot where the JS puts one.
        let mut msg = json!({ "kind": kind });
        for k in &js_keys {
            if k != "kind" {
                msg[k] = sample[k].clone();
            }
        }
        serde_json::from_value::<FromPage>(msg.clone())
            .unwrap_or_else(|e| panic!("{msg} is not a FromPage: {e}"));
    }
    assert!(serde_json::from_value::<FromPage>(json!({"kind": "snapshots"})).is_err());
}

/// A snapshot as `snapshot()` builds it, every field set, is read whole.
#[test]
fn a_full_snapshot_deserializes() {
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
    serde_json::from_str::<FromPage>(sample).unwrap();
    let v: Value = serde_json::from_str(sample).unwrap();
    let snapshot: Snapshot = serde_json::from_value(v["snapshot"].clone()).unwrap();
    assert_eq!(snapshot.controls.len(), 3);
    assert_eq!(snapshot.controls[0].kind, "text");
    assert_eq!(snapshot.controls[1].options[0].text, "Production");
    assert_eq!(
        snapshot.controls[1].value_opaque,
        Some(Opaque { len: 64, hex: true })
    );
    assert_eq!(snapshot.controls[2].checked, Some(true));
    assert_eq!(snapshot.texts[1].opaque.map(|o| o.len), Some(64));
    // The sample uses wire names only (a typo in it would be silently ignored otherwise).
    for (what, keys, rust) in [
        (
            "control",
            keys_of(&v["snapshot"]["controls"][0]),
            wire_keys::<Control>(),
        ),
        (
            "text",
            keys_of(&v["snapshot"]["texts"][0]),
            wire_keys::<TextBlock>(),
        ),
        ("snapshot", keys_of(&v["snapshot"]), wire_keys::<Snapshot>()),
    ] {
        assert!(keys.is_subset(&rust), "sample {what}: {keys:?} vs {rust:?}");
    }
}

/// The properties the JS reads of a variable it takes from `.<field>`: after
/// `const g = answer.guide;`, every `g.<prop>`.
fn props_read_via(field: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, m) in JS.match_indices(&format!(".{field};")) {
        let before = JS[..i].trim_end_matches(is_ident_char).trim_end();
        let Some(before) = before.strip_suffix('=') else {
            continue;
        };
        let var: String = before
            .trim_end()
            .chars()
            .rev()
            .take_while(|&c| is_ident_char(c))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if var.is_empty() {
            continue;
        }
        let scope = &JS[i + m.len()..];
        for (j, v) in scope.match_indices(&format!("{var}.")) {
            if scope[..j].ends_with(is_ident_char) {
                continue;
            }
            let prop: String = scope[j + v.len()..]
                .chars()
                .take_while(|&c| is_ident_char(c))
                .collect();
            if !prop.is_empty() {
                out.insert(prop);
            }
        }
    }
    out
}

/// Every `ToPage` kind is handled by the executor (but `idle`, which asks for nothing) and it
/// reads each one's fields; the properties it reads of a nested object (the guide) all exist;
/// every kind it compares a message with is one the protocol knows.
#[test]
fn the_executor_reads_what_to_page_carries() {
    let kinds = variants::<ToPage>("kind");
    assert!(kinds.iter().any(|k| k == "run"), "{kinds:?}");
    for kind in &kinds {
        assert!(
            kind == "idle" || JS.contains(&format!("'{kind}'")),
            "executor.js does not handle ToPage `{kind}`"
        );
        let s = sample::<ToPage>("kind", kind);
        for (key, value) in s.as_object().unwrap() {
            assert!(
                reads(key),
                "executor.js never reads .{key} of a {kind} message"
            );
            if let Value::Object(fields) = value {
                let read = props_read_via(key);
                let known: BTreeSet<String> = fields.keys().cloned().collect();
                assert!(
                    read.is_subset(&known),
                    "executor.js reads {:?} of a {kind}'s {key}, which has {known:?}",
                    read.difference(&known).collect::<Vec<_>>()
                );
                assert!(
                    !read.is_empty() || !JS.contains(&format!(".{key};")),
                    "{key}: {read:?}"
                );
            }
        }
    }
    let run = serde_json::to_value(ToPage::Run {
        plan_id: 9,
        actions: vec![Action::Click { handle: 3 }],
    })
    .unwrap();
    assert_eq!(run["kind"], "run");
    assert_eq!(
        keys_of(&run),
        ["kind", "plan_id", "actions"].map(String::from).into()
    );
    assert_eq!(run["actions"][0]["op"], "click");
    assert_eq!(run["actions"][0]["handle"], 3);
    for read in [".kind", ".actions", ".plan_id", ".op", ".handle"] {
        assert!(JS.contains(read), "executor.js no longer reads `{read}`");
    }
    // Kinds compared with (`m.kind === 'run'`) are ToPage or FromPage kinds.
    let known: BTreeSet<String> = kinds
        .iter()
        .chain(&variants::<FromPage>("kind"))
        .cloned()
        .collect();
    let compared: BTreeSet<String> = quoted_after(".kind === ")
        .into_iter()
        .chain(quoted_after(".kind !== "))
        .collect();
    assert!(
        compared.is_subset(&known),
        "executor.js compares kinds {compared:?}; the protocol knows {known:?}"
    );
    assert!(!known.contains("runs"));
}

/// The answer to a plan: `{ plan_id, results }` of `ActionResult`s whose `status` is one the
/// Rust knows.
#[test]
fn the_plan_answer_is_a_plan_result() {
    let rust = keys_of(
        &serde_json::to_value(PlanResult {
            plan_id: 1,
            results: vec![],
        })
        .unwrap(),
    );
    let literals: Vec<BTreeSet<String>> = JS
        .match_indices("results")
        .filter_map(|(i, _)| {
            try_object_keys(enclosing_object(JS, i))
                .filter(|keys| keys.contains("results") && keys.contains("plan_id"))
        })
        .collect();
    assert!(
        !literals.is_empty(),
        "executor.js builds no {{ plan_id, results }} answer"
    );
    for keys in &literals {
        same_keys("PlanResult", &rust, keys).unwrap();
    }

    let statuses = variants::<ActionResult>("status");
    let js_statuses = quoted_after("status: ");
    assert_eq!(
        statuses.iter().cloned().collect::<BTreeSet<_>>(),
        js_statuses,
        "ActionResult statuses vs the executor's `status: '…'`"
    );
    for s in &statuses {
        let one = sample::<ActionResult>("status", s);
        // What the executor returns for this status has only keys the Rust knows.
        for (at, _) in JS.match_indices(&format!("status: '{s}'")) {
            let js_keys = object_keys(enclosing_object(JS, at));
            assert!(
                js_keys.is_subset(&keys_of(&one)),
                "{s}: executor.js returns {js_keys:?}, ActionResult has {:?}",
                keys_of(&one)
            );
        }
    }
    let answer = json!({ "plan_id": 7, "results": [
        { "status": "done", "value": "x" }, { "status": "done", "value": null },
        { "status": "failed", "reason": "the element is no longer on the page" } ] });
    let r: PlanResult = serde_json::from_value(answer).unwrap();
    assert_eq!(r.results.len(), 3);
    assert!(serde_json::from_value::<ActionResult>(json!({"status": "maybe"})).is_err());
}
