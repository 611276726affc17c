//! `playbooks/schema.json` and `playbooks/README.md` describe the playbook format; this test
//! keeps them equal to the serde structs of `core/src/playbook.rs`, so they cannot drift:
//!
//! - at every level, the schema's `properties` are exactly the keys a loaded playbook
//!   serializes with, and its `required` lists exactly the keys the Rust cannot do without;
//! - the `enum`s are exactly the Rust enums (`ValueSource`, `PageKind`, `StepId`);
//! - every playbook file, read as TOML and turned into JSON, is valid against the schema
//!   (checked by the small validator below, which covers the keywords the schema uses);
//! - the README names every field, every page kind and every step id.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};
use tba_core::playbook::{self, Playbook, StepId, ValueSource};
use tba_core::recognize::PageKind;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .into()
}

fn schema() -> Value {
    let text = std::fs::read_to_string(repo().join("playbooks/schema.json")).unwrap();
    serde_json::from_str(&text).expect("playbooks/schema.json is valid JSON")
}

/// Follows a local `$ref` (`#/$defs/name`).
fn deref<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let path = r.strip_prefix("#/").expect("only local references");
            let target = path.split('/').fold(root, |v, part| {
                v.get(part).unwrap_or_else(|| panic!("dangling {r}"))
            });
            deref(root, target)
        }
        None => node,
    }
}

fn keys(m: &Map<String, Value>) -> BTreeSet<String> {
    m.keys().cloned().collect()
}

fn properties(node: &Value) -> &Map<String, Value> {
    node["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("no properties in {node}"))
}

fn embedded_as_json() -> Vec<Value> {
    let all = playbook::embedded().expect("the embedded playbooks load");
    assert!(all.len() >= 2);
    all.iter()
        .map(|p| serde_json::to_value(p).unwrap())
        .collect()
}

/// Compares, at every level, the keys of `value` (a serialized playbook, which always carries
/// every field) with the schema's properties.
fn compare_keys(root: &Value, node: &Value, value: &Value, at: &str) {
    let node = deref(root, node);
    match value {
        Value::Object(m) => {
            let schema_keys = keys(properties(node));
            assert_eq!(
                schema_keys,
                keys(m),
                "{at}: schema.json properties vs the Rust struct's serde fields"
            );
            assert_eq!(
                node["additionalProperties"],
                Value::Bool(false),
                "{at}: additionalProperties must be false"
            );
            for (k, v) in m {
                compare_keys(root, &properties(node)[k], v, &format!("{at}.{k}"));
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                compare_keys(root, &node["items"], v, &format!("{at}[{i}]"));
            }
        }
        _ => {}
    }
}

#[test]
fn schema_properties_are_the_serde_fields() {
    let root = schema();
    assert_eq!(
        root["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    for pb in embedded_as_json() {
        compare_keys(&root, &root, &pb, &format!("playbook {}", pb["id"]));
    }
}

/// Removing a key from a serialized playbook: does the Rust still read it?
fn without(pb: &Value, path: &[String]) -> Value {
    let mut v = pb.clone();
    let mut at = &mut v;
    for p in &path[..path.len() - 1] {
        at = match at {
            Value::Array(a) => &mut a[p.parse::<usize>().unwrap()],
            other => &mut other[p.as_str()],
        };
    }
    at.as_object_mut()
        .unwrap()
        .remove(&path[path.len() - 1])
        .unwrap();
    v
}

fn compare_required(root: &Value, node: &Value, pb: &Value, value: &Value, path: &mut Vec<String>) {
    let node = deref(root, node);
    match value {
        Value::Object(m) => {
            let required: BTreeSet<String> = node["required"]
                .as_array()
                .map(|a| a.iter().map(|k| k.as_str().unwrap().to_owned()).collect())
                .unwrap_or_default();
            let mut rust_required = BTreeSet::new();
            for k in m.keys() {
                path.push(k.clone());
                if serde_json::from_value::<Playbook>(without(pb, path)).is_err() {
                    rust_required.insert(k.clone());
                }
                path.pop();
            }
            assert_eq!(required, rust_required, "{path:?}: schema required vs Rust");
            for (k, v) in m {
                path.push(k.clone());
                compare_required(root, &properties(node)[k], pb, v, path);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(i.to_string());
                compare_required(root, &node["items"], pb, v, path);
                path.pop();
            }
        }
        _ => {}
    }
}

#[test]
fn schema_required_is_what_the_rust_cannot_do_without() {
    let root = schema();
    for pb in embedded_as_json() {
        assert!(serde_json::from_value::<Playbook>(pb.clone()).is_ok());
        compare_required(&root, &root, &pb, &pb, &mut Vec::new());
    }
}

/// The variants of a Rust enum, read from its source and put in snake_case.
fn enum_variants(source: &str, name: &str) -> Vec<String> {
    let start = source
        .find(&format!("pub enum {name} {{"))
        .unwrap_or_else(|| panic!("no enum {name}"));
    let body = &source[start..];
    let body = &body[body.find('{').unwrap() + 1..body.find('}').unwrap()];
    body.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//") && !l.starts_with('#'))
        .map(|l| {
            let ident = l.trim_end_matches(',');
            assert!(
                ident.chars().all(|c| c.is_ascii_alphanumeric()),
                "{name}: unit variants only, got {l:?}"
            );
            let mut snake = String::new();
            for (i, c) in ident.chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 {
                    snake.push('_');
                }
                snake.push(c.to_ascii_lowercase());
            }
            snake
        })
        .collect()
}

fn schema_enum(node: &Value) -> Vec<String> {
    node["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn schema_enums_are_the_rust_enums() {
    let root = schema();
    let src = |f: &str| std::fs::read_to_string(repo().join("core/src").join(f)).unwrap();

    let pages = schema_enum(&root["$defs"]["page"]);
    assert_eq!(pages, enum_variants(&src("recognize.rs"), "PageKind"));
    for p in &pages {
        serde_json::from_value::<PageKind>(Value::String(p.clone()))
            .unwrap_or_else(|e| panic!("{p}: {e}"));
    }
    let values = schema_enum(&root["$defs"]["field"]["properties"]["value"]);
    assert_eq!(values, enum_variants(&src("playbook.rs"), "ValueSource"));
    for v in &values {
        serde_json::from_value::<ValueSource>(Value::String(v.clone()))
            .unwrap_or_else(|e| panic!("{v}: {e}"));
    }
    let steps = schema_enum(&root["$defs"]["step"]["properties"]["id"]);
    assert_eq!(steps, enum_variants(&src("playbook.rs"), "StepId"));
    assert_eq!(steps, StepId::NAMES);
    for s in &steps {
        serde_json::from_value::<StepId>(Value::String(s.clone()))
            .unwrap_or_else(|e| panic!("{s}: {e}"));
    }
    // Self-check: a name the Rust does not know is refused.
    assert!(serde_json::from_value::<PageKind>("netsuite_nowhere".into()).is_err());
}

// ── A validator for the keywords schema.json uses ────────────────────────────────────────────

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        other => panic!("type {other} is not handled"),
    }
}

/// A tiny subset of `pattern`: `^[classes]+$` with ranges such as `a-z`.
fn pattern_ok(pattern: &str, s: &str) -> bool {
    let class = pattern
        .strip_prefix("^[")
        .and_then(|p| p.strip_suffix("]+$"))
        .unwrap_or_else(|| panic!("pattern {pattern} is not handled"));
    let chars: Vec<char> = class.chars().collect();
    let mut allowed: Vec<(char, char)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if i + 2 < chars.len() && chars[i + 1] == '-' {
            allowed.push((chars[i], chars[i + 2]));
            i += 3;
        } else {
            allowed.push((chars[i], chars[i]));
            i += 1;
        }
    }
    !s.is_empty()
        && s.chars()
            .all(|c| allowed.iter().any(|(a, b)| (*a..=*b).contains(&c)))
}

fn validate(root: &Value, node: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    let node = deref(root, node);
    let Some(n) = node.as_object() else { return };
    for (kw, arg) in n {
        let mut fail = |what: String| errors.push(format!("{at}: {what}"));
        match kw.as_str() {
            "$schema" | "$id" | "$defs" | "title" | "description" | "$ref" => {}
            "type" => {
                let ok = match arg {
                    Value::String(t) => type_ok(t, v),
                    Value::Array(ts) => ts.iter().any(|t| type_ok(t.as_str().unwrap(), v)),
                    _ => panic!("bad type"),
                };
                if !ok {
                    fail(format!("is not of type {arg}"));
                }
            }
            "const" if v != arg => fail(format!("is not {arg}")),
            "enum" if !arg.as_array().unwrap().contains(v) => fail(format!("{v} not in {arg}")),
            "pattern" => {
                if let Some(s) = v.as_str() {
                    if !pattern_ok(arg.as_str().unwrap(), s) {
                        fail(format!("{s:?} does not match {arg}"));
                    }
                }
            }
            "required" => {
                if let Some(m) = v.as_object() {
                    for k in arg.as_array().unwrap() {
                        if !m.contains_key(k.as_str().unwrap()) {
                            fail(format!("lacks {k}"));
                        }
                    }
                }
            }
            "additionalProperties" => {
                assert_eq!(arg, &Value::Bool(false));
                if let (Some(m), Some(props)) = (v.as_object(), n.get("properties")) {
                    for k in m.keys() {
                        if props.get(k).is_none() {
                            fail(format!("unknown key {k}"));
                        }
                    }
                }
            }
            "properties" => {
                if let Some(m) = v.as_object() {
                    for (k, sub) in arg.as_object().unwrap() {
                        if let Some(x) = m.get(k) {
                            validate(root, sub, x, &format!("{at}.{k}"), errors);
                        }
                    }
                }
            }
            "items" => {
                if let Some(a) = v.as_array() {
                    for (i, x) in a.iter().enumerate() {
                        validate(root, arg, x, &format!("{at}[{i}]"), errors);
                    }
                }
            }
            "minItems" | "maxItems" => {
                if let Some(a) = v.as_array() {
                    let bound = arg.as_u64().unwrap() as usize;
                    if (kw == "minItems" && a.len() < bound)
                        || (kw == "maxItems" && a.len() > bound)
                    {
                        fail(format!("has {} items ({kw} {bound})", a.len()));
                    }
                }
            }
            "uniqueItems" => {
                if let Some(a) = v.as_array() {
                    let set: BTreeSet<String> = a.iter().map(Value::to_string).collect();
                    if set.len() != a.len() {
                        fail("has duplicate items".into());
                    }
                }
            }
            "if" => {
                let mut probe = Vec::new();
                validate(root, arg, v, at, &mut probe);
                let branch = if probe.is_empty() { "then" } else { "else" };
                if let Some(b) = n.get(branch) {
                    validate(root, b, v, at, errors);
                }
            }
            "then" | "else" => {}
            "const" | "enum" => {}
            other => panic!("keyword {other} is not handled by this test's validator"),
        }
    }
}

fn errors_of(root: &Value, v: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    validate(root, root, v, "$", &mut errors);
    errors
}

/// Every playbook file, read as TOML and turned into JSON, is valid; and so is every loaded
/// playbook serialized back.
#[test]
fn every_playbook_file_is_valid_against_the_schema() {
    let root = schema();
    let mut files = 0;
    for entry in std::fs::read_dir(repo().join("playbooks")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        files += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        let toml: toml::Value = toml::from_str(&text).unwrap();
        let json = serde_json::to_value(toml).unwrap();
        let errors = errors_of(&root, &json);
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
    assert!(files >= 2, "no playbook files found");
    for pb in embedded_as_json() {
        let errors = errors_of(&root, &pb);
        assert!(errors.is_empty(), "{}: {errors:#?}", pb["id"]);
    }
}

/// The validator can fail: a broken playbook is refused, for the reasons Playbook::parse
/// would give.
#[test]
fn the_schema_refuses_broken_playbooks() {
    let root = schema();
    let good = embedded_as_json().remove(0);
    let broken = |edit: &dyn Fn(&mut Value)| {
        let mut v = good.clone();
        edit(&mut v);
        errors_of(&root, &v)
    };
    type Edit = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(Edit, &str)> = vec![
        (Box::new(|v| v["made_up"] = 1.into()), "unknown key made_up"),
        (Box::new(|v| v["schema"] = 2.into()), "$.schema: is not 1"),
        (Box::new(|v| v["id"] = "Has Spaces".into()), "$.id"),
        (
            Box::new(|v| v["netsuite"]["clone_name"] = "Celigo TBA role".into()),
            "$.netsuite.clone_name",
        ),
        (
            Box::new(|v| v["netsuite"]["application"] = Value::Array(vec![])),
            "$.netsuite.application: has 0 items",
        ),
        (
            Box::new(|v| {
                v["netsuite"].as_object_mut().unwrap().remove("requires");
            }),
            "$.netsuite: lacks \"requires\"",
        ),
        (
            Box::new(|v| v["celigo"]["field"][0]["value"] = "password".into()),
            "$.celigo.field[0].value",
        ),
        (
            Box::new(|v| v["celigo"]["field"][0]["text"] = Value::Array(vec![])),
            "$.celigo.field[0].text: has 0 items",
        ),
        (
            Box::new(|v| v["celigo"]["field"][1]["text"] = vec!["x"].into()),
            "$.celigo.field[1].text: has 1 items",
        ),
        (
            Box::new(|v| v["step"][0]["pages"] = vec!["netsuite_nowhere"].into()),
            "$.step[0].pages[0]",
        ),
        (
            Box::new(|v| v["step"] = Value::Array(vec![])),
            "$.step: has 0 items",
        ),
        (
            Box::new(|v| v["step"][0]["id"] = "make_coffee".into()),
            "$.step[0].id",
        ),
    ];
    for (edit, want) in &cases {
        let errors = broken(edit.as_ref());
        assert!(
            errors.iter().any(|e| e.contains(want)),
            "expected an error containing {want:?}, got {errors:?}"
        );
    }
}

/// The README documents every field, every page kind and every step id.
#[test]
fn the_readme_names_every_field_and_page() {
    let root = schema();
    let readme = std::fs::read_to_string(repo().join("playbooks/README.md")).unwrap();
    let mut names = BTreeSet::new();
    fn collect(node: &Value, names: &mut BTreeSet<String>) {
        if let Some(props) = node.get("properties").and_then(Value::as_object) {
            for (k, v) in props {
                names.insert(k.clone());
                collect(v, names);
            }
        }
    }
    collect(&root, &mut names);
    for def in root["$defs"].as_object().unwrap().values() {
        collect(def, &mut names);
    }
    names.extend(schema_enum(&root["$defs"]["page"]));
    names.extend(schema_enum(&root["$defs"]["field"]["properties"]["value"]));
    names.extend(schema_enum(&root["$defs"]["step"]["properties"]["id"]));
    for key in ["role_to_clone", "clone_name", "application", "requires"] {
        names.insert(format!("{{{key}}}"));
    }
    assert!(names.len() > 30, "{names:?}");
    for n in &names {
        assert!(
            readme.contains(&format!("`{n}`")),
            "playbooks/README.md does not document `{n}`"
        );
    }
    assert!(!readme.contains("`made_up_field`"));
}
