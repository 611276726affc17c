//! The words tba-assist shows people, from one data file.
//!
//! Every sentence the highlight, the side panel's notices and the error texts show lives in
//! `words/en.toml`, by key, embedded at build time like the locators and the playbooks: a
//! wording is changed (or translated) there, without reading the code that decides when it is
//! said. The code names sentences by literal keys, [`text`] for a fixed one and [`say`] for one
//! with `{placeholders}`; the tests below read the Rust sources and check that every key used
//! exists, every key of the file is used, and each call gives exactly the placeholders its
//! sentence has.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// The words file, embedded.
pub const EN: &str = include_str!("../../words/en.toml");

/// A sentence asked for in a way the words file does not answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WordsError {
    #[error("words/en.toml has no {0:?}")]
    UnknownKey(String),
    #[error("{key}: no value given for {{{name}}}")]
    MissingArg { key: String, name: String },
    #[error("{key}: {name:?} is given, but the sentence has no {{{name}}}")]
    UnusedArg { key: String, name: String },
}

/// Reads a words file: tables of sentences, flattened to dotted keys (`exists` in `[role]` is
/// `role.exists`). Anything but a string sentence, and a brace that is not a `{placeholder}`
/// of lower-case letters and `_`, is refused with its key.
pub fn parse(text: &str) -> Result<BTreeMap<String, String>, String> {
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| e.to_string())?;
    let mut out = BTreeMap::new();
    flatten("", &table, &mut out)?;
    for (key, sentence) in &out {
        placeholders_of(sentence).map_err(|e| format!("{key}: {e}"))?;
    }
    Ok(out)
}

fn flatten(
    prefix: &str,
    table: &toml::Table,
    out: &mut BTreeMap<String, String>,
) -> Result<(), String> {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::String(s) => {
                out.insert(key, s.clone());
            }
            toml::Value::Table(t) => flatten(&key, t, out)?,
            other => {
                return Err(format!(
                    "{key}: a sentence is a string, not {}",
                    other.type_str()
                ))
            }
        }
    }
    Ok(())
}

/// The names of a sentence's `{placeholders}`, in order, or what is wrong with its braces.
pub fn placeholders_of(sentence: &str) -> Result<Vec<&str>, String> {
    let mut names = Vec::new();
    let mut rest = sentence;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err("a '}' closes no placeholder".into());
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or("a '{' is not closed")?;
        let name = &after[..close];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(format!(
                "{{{name}}} is not a placeholder (lower-case letters and _)"
            ));
        }
        names.push(name);
        rest = &after[close + 1..];
    }
    Ok(names)
}

fn table() -> &'static BTreeMap<String, String> {
    static CELL: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    CELL.get_or_init(|| parse(EN).unwrap_or_else(|e| panic!("words/en.toml: {e}")))
}

/// Every key of the words file.
pub fn keys() -> impl Iterator<Item = &'static str> {
    table().keys().map(String::as_str)
}

/// A sentence without placeholders. In a debug build an unknown key, or a sentence that takes
/// values, panics (the tests see every call); a release build shows nothing rather than stop.
pub fn text(key: &str) -> &'static str {
    match table().get(key) {
        Some(s) => {
            debug_assert!(!s.contains('{'), "{key} takes values: use say()");
            s
        }
        None if cfg!(debug_assertions) => panic!("{}", WordsError::UnknownKey(key.into())),
        None => "",
    }
}

/// A sentence with its `{placeholders}` filled from `args`, or what does not fit.
pub fn try_say(key: &str, args: &[(&str, &str)]) -> Result<String, WordsError> {
    let (filled, error) = fill(key, args);
    match error {
        Some(e) => Err(e),
        None => Ok(filled),
    }
}

/// A sentence with its `{placeholders}` filled from `args`. A key the file lacks, a placeholder
/// `args` does not give, or an argument the sentence does not take panics in a debug build; a
/// release build leaves the missing value out, never a `{` in what the person reads.
pub fn say(key: &str, args: &[(&str, &str)]) -> String {
    let (filled, error) = fill(key, args);
    if let Some(e) = error {
        if cfg!(debug_assertions) {
            panic!("{e}");
        }
    }
    filled
}

/// The sentence filled as far as it can be, and the first problem met.
fn fill(key: &str, args: &[(&str, &str)]) -> (String, Option<WordsError>) {
    let Some(sentence) = table().get(key) else {
        return (String::new(), Some(WordsError::UnknownKey(key.into())));
    };
    let mut error = None;
    let mut used = BTreeSet::new();
    let mut out = String::with_capacity(sentence.len());
    let mut rest = sentence.as_str();
    // The file's braces were checked when it was read: each `{` opens a placeholder.
    while let Some(open) = rest.find('{') {
        let close = open + rest[open..].find('}').expect("checked by parse");
        let name = &rest[open + 1..close];
        out.push_str(&rest[..open]);
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => {
                out.push_str(value);
                used.insert(name);
            }
            None => {
                error.get_or_insert(WordsError::MissingArg {
                    key: key.into(),
                    name: name.into(),
                });
            }
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    if let Some((name, _)) = args.iter().find(|(n, _)| !used.contains(n)) {
        error.get_or_insert(WordsError::UnusedArg {
            key: key.into(),
            name: (*name).into(),
        });
    }
    (out, error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    #[test]
    fn sentences_are_filled_and_misuse_is_an_error() {
        assert_eq!(text("button.edit"), "Edit");
        assert_eq!(
            say(
                "role.customize",
                &[("role_to_clone", "Celigo Jira Connector")]
            ),
            "Click Customize beside Celigo Jira Connector."
        );
        // A value is put in as it is, braces and all: only the sentence's braces are read.
        assert_eq!(
            try_say("token.refused", &[("error", "{odd}")]).unwrap(),
            "NetSuite refused the token: {odd} Fix that, then try again."
        );
        assert_eq!(
            try_say("role.customize", &[]),
            Err(WordsError::MissingArg {
                key: "role.customize".into(),
                name: "role_to_clone".into()
            })
        );
        assert_eq!(
            try_say("button.edit", &[("x", "y")]),
            Err(WordsError::UnusedArg {
                key: "button.edit".into(),
                name: "x".into()
            })
        );
        assert_eq!(
            try_say("no.such", &[]),
            Err(WordsError::UnknownKey("no.such".into()))
        );
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "no value given for {role_to_clone}")]
    fn a_missing_value_panics_in_a_debug_build() {
        say("role.customize", &[]);
    }

    #[test]
    fn a_missing_value_never_leaves_a_brace_for_the_person() {
        let (filled, error) = fill("role.not_installed", &[("role_to_clone", "R")]);
        assert!(error.is_some());
        assert_eq!(
            filled,
            "The role R is not in this list. Install  in this account, then reload this page."
        );
        assert!(!filled.contains('{') && !filled.contains('}'));
    }

    #[test]
    fn a_words_file_with_a_stray_brace_or_a_number_is_refused() {
        assert_eq!(parse("[a]\nb = \"x {c} y\"\n").unwrap()["a.b"], "x {c} y");
        for (bad, why) in [
            ("[a]\nb = \"x {c y\"\n", "a.b: a '{' is not closed"),
            ("[a]\nb = \"x } y\"\n", "a.b: a '}' closes no placeholder"),
            ("[a]\nb = \"{Name}\"\n", "a.b: {Name} is not a placeholder"),
            ("[a]\nb = 3\n", "a.b: a sentence is a string, not integer"),
        ] {
            let e = parse(bad).unwrap_err();
            assert!(e.starts_with(why), "{bad:?}: {e}");
        }
    }

    // ── The Rust sources against the file ────────────────────────────────────────────────

    /// One `say("key", &[("name", …), …])` or `text("key")` in the sources.
    #[derive(Debug)]
    struct Call {
        at: String,
        key: String,
        /// `None` for `text`, which takes no values.
        args: Option<BTreeSet<String>>,
    }

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }

    /// The text of a string literal starting at `i` (a `"`), and the index after it.
    fn literal(s: &str, i: usize) -> (String, usize) {
        let b = s.as_bytes();
        let mut j = i + 1;
        while j < b.len() && b[j] != b'"' {
            j += if b[j] == b'\\' { 2 } else { 1 };
        }
        (s[i + 1..j].to_owned(), j + 1)
    }

    /// The text up to the `)` closing a call whose `(` is before `i`, skipping strings.
    fn rest_of_call(s: &str, i: usize) -> &str {
        let b = s.as_bytes();
        let (mut depth, mut j) = (1, i);
        while j < b.len() {
            match b[j] {
                b'"' => j = literal(s, j).1 - 1,
                b'(' | b'[' => depth += 1,
                b')' | b']' => {
                    depth -= 1;
                    if depth == 0 {
                        return &s[i..j];
                    }
                }
                _ => {}
            }
            j += 1;
        }
        &s[i..]
    }

    /// The names of `("name", value)` pairs in a call's arguments.
    fn arg_names(args: &str) -> BTreeSet<String> {
        let mut names = BTreeSet::new();
        let mut rest = args;
        while let Some(i) = rest.find("(\"") {
            let (name, end) = literal(rest, i + 1);
            if rest[end..].trim_start().starts_with(',')
                && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            {
                names.insert(name);
            }
            rest = &rest[end..];
        }
        names
    }

    fn calls_in(file: &str, src: &str) -> Vec<Call> {
        let mut calls = Vec::new();
        for (n, line) in src.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            let line_start = line.as_ptr() as usize - src.as_ptr() as usize;
            for name in ["say(", "text("] {
                for (i, _) in line.match_indices(name) {
                    let before = line[..i].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                        continue;
                    }
                    let at = format!("{file}:{}", n + 1);
                    let open = line_start + i + name.len();
                    let after = src[open..].trim_start();
                    assert!(after.starts_with('"'), "{at}: {name}…) needs a literal key");
                    let start = src.len() - after.len();
                    let (key, end) = literal(src, start);
                    let args = (name == "say(").then(|| arg_names(rest_of_call(src, end)));
                    calls.push(Call { at, key, args });
                }
            }
        }
        calls
    }

    fn all_calls() -> Vec<Call> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let mut files = Vec::new();
        rust_files(&root.join("core/src"), &mut files);
        rust_files(&root.join("src"), &mut files);
        let mut calls = Vec::new();
        for f in files {
            // This file's own tests and docs name sentences to test the machinery.
            if f.ends_with("core/src/words.rs") {
                continue;
            }
            let shown = f.strip_prefix(root).unwrap().display().to_string();
            calls.extend(calls_in(&shown, &std::fs::read_to_string(&f).unwrap()));
        }
        assert!(
            calls.len() > 50,
            "the scan found only {} calls",
            calls.len()
        );
        calls
    }

    #[test]
    fn every_key_the_code_uses_is_in_the_file_with_the_values_it_takes() {
        for call in all_calls() {
            let sentence = table()
                .get(&call.key)
                .unwrap_or_else(|| panic!("{}: {:?} is not in words/en.toml", call.at, call.key));
            let wanted: BTreeSet<String> = placeholders_of(sentence)
                .unwrap()
                .into_iter()
                .map(str::to_owned)
                .collect();
            let given = call.args.clone().unwrap_or_default();
            assert_eq!(
                given,
                wanted,
                "{}: {:?} takes {wanted:?}{}",
                call.at,
                call.key,
                if call.args.is_none() {
                    ", so it needs say()"
                } else {
                    ""
                }
            );
        }
    }

    #[test]
    fn every_key_of_the_file_is_used() {
        let used: BTreeSet<String> = all_calls().into_iter().map(|c| c.key).collect();
        let unused: Vec<&str> = keys().filter(|k| !used.contains(*k)).collect();
        assert!(
            unused.is_empty(),
            "words/en.toml has keys no code uses: {unused:?}"
        );
    }

    #[test]
    fn the_scanner_reads_calls_across_lines() {
        let src = "let g = say(\n    \"role.exists\",\n    &[(\"clone_name\", &format!(\"{x:?}\")), (\"b\", found(\"save\"))],\n);\nlet t = words::text(\"button.edit\"); c.text(\"no\"); my_text(\"no\");";
        let calls = calls_in("x.rs", src);
        assert_eq!(calls.len(), 2, "{calls:?}");
        assert_eq!(calls[0].key, "role.exists");
        assert_eq!(
            calls[0].args,
            Some(["b", "clone_name"].map(String::from).into())
        );
        assert_eq!(
            (calls[1].key.as_str(), calls[1].args.is_none()),
            ("button.edit", true)
        );
    }
}
