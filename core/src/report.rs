//! "This page looks different": a report of a page as tba-assist saw it, for the person to send
//! when the product could not find its way on a real NetSuite or Celigo page.
//!
//! It holds the page kind guessed (or why none), every target of the site with each way it was
//! looked for and what matched, and a structural digest of the controls: tag, type, id, name,
//! data-test, role, label. Never a value, never a control's or a text's content, and every
//! long unbroken word (a token, a key) is replaced by its length, so a report taken on the
//! confirmation page or a filled form can be pasted anywhere.

use crate::flow::Ctx;
use crate::locator::{resolve, Resolution};
use crate::origin::{classify, Site};
use crate::protocol::{Control, Snapshot};
use crate::recognize::{celigo, netsuite, recognize};
use std::fmt::Write;

/// At most this many controls are listed: the digest is for reading, not a page dump.
const MAX_CONTROLS: usize = 400;
const MAX_FIELD: usize = 80;

/// A piece of page text made safe for the report: long words replaced by their length
/// ([`safe_sentence`]), control characters dropped, cut at a readable length.
fn safe(s: &str) -> String {
    let joined: String = safe_sentence(s)
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    if joined.chars().count() > MAX_FIELD {
        joined.chars().take(MAX_FIELD).collect::<String>() + "…"
    } else {
        joined
    }
}

fn digest(i: usize, c: &Control) -> String {
    let mut line = format!("  c{i} <{}", safe(&c.tag));
    let mut attr = |k: &str, v: &str| {
        if !v.is_empty() {
            let _ = write!(line, " {k}=\"{}\"", safe(v));
        }
    };
    attr("type", &c.kind);
    attr("id", &c.id);
    attr("name", &c.name);
    attr("data-test", &c.data_test);
    attr("role", &c.role);
    attr("aria-haspopup", &c.popup);
    attr("data-name", &c.field);
    attr("label", &c.label);
    attr("aria-label", &c.aria_label);
    line.push('>');
    if !c.visible {
        line.push_str(" hidden");
    }
    if !c.options.is_empty() {
        let _ = write!(line, " {} options", c.options.len());
    }
    line
}

/// The report of `snap`, the page at `url`.
pub fn page_report(url: &str, snap: &Snapshot, ctx: &Ctx) -> String {
    let mut out = String::from(
        "tba-assist page report: no values, no texts, long words replaced by their length.\n",
    );
    let Ok(site) = classify(url) else {
        out.push_str("site: not NetSuite or Celigo (nothing to report)\n");
        return out;
    };
    let (name, loc) = match site {
        Site::NetSuite(_) => ("NetSuite", netsuite()),
        Site::Celigo(_) => ("Celigo integrator.io", celigo()),
    };
    let path = url::Url::parse(url)
        .map(|u| u.path().to_owned())
        .unwrap_or_default();
    let _ = writeln!(out, "site: {name}\npath: {}", safe(&path));
    let r = recognize(url, snap);
    match r.page {
        Some(p) => {
            let _ = writeln!(out, "page: {p:?} ({})", p.title());
        }
        None => {
            let _ = writeln!(out, "page: not recognised");
        }
    }
    for reason in &r.reasons {
        let _ = writeln!(out, "  why: {}", safe_sentence(reason));
    }
    if let Some((_, step)) = r.page.and_then(|p| ctx.playbook.step_of(p)) {
        let _ = writeln!(out, "step: {} ({})", step.id, step.title);
    }
    let index = |h| snap.controls.iter().position(|c| c.handle == h);
    let name_of = |h| match index(h) {
        Some(i) => format!("c{i}"),
        None => "a text".to_owned(),
    };
    out.push_str("targets:\n");
    for (key, target) in &loc.targets {
        let target = target.with_values(&|k| match k {
            "clone_name" => Some(ctx.clone_name.to_owned()),
            _ => ctx.playbook.value(k),
        });
        let outcome = match resolve(&target, snap) {
            Resolution::Found { handle, matched } => format!(
                "found {} by {}",
                name_of(handle),
                matched
                    .iter()
                    .map(|m| format!("{m:?}").to_lowercase())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Resolution::Ambiguous { handles } => format!(
                "ambiguous: {}",
                handles
                    .iter()
                    .map(|h| name_of(*h))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Resolution::Absent { tried } => {
                format!("absent (looked for {})", safe_sentence(&tried))
            }
        };
        let _ = writeln!(out, "  {key}: {outcome}");
    }
    let _ = writeln!(
        out,
        "controls: {} (texts: {}){}",
        snap.controls.len(),
        snap.texts.len(),
        if snap.truncated {
            ", cut at the cap"
        } else {
            ""
        }
    );
    for (i, c) in snap.controls.iter().enumerate().take(MAX_CONTROLS) {
        out.push_str(&digest(i, c));
        out.push('\n');
    }
    out
}

/// Every long unbroken word (a token, a key) replaced by its length; for the product's own
/// sentences (reasons, what was tried) as for page text.
fn safe_sentence(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            if w.chars().count() >= 32 {
                format!("[{} characters]", w.chars().count())
            } else {
                w.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assistant::playbooks;
    use crate::fixtures::{confirmation, token_form};
    use crate::protocol::{Opaque, TextBlock};

    fn ctx() -> Ctx<'static> {
        let p = &playbooks()[0];
        Ctx {
            playbook: p,
            clone_name: &p.netsuite.clone_name,
            user_id: None,
        }
    }

    #[test]
    fn the_token_form_report_says_what_matched_and_holds_no_value() {
        let mut snap = token_form();
        snap.controls[0].value = Some("Integrator.io (Token-based Auth)".into());
        snap.controls[6].value = Some("MyTokenName".into());
        let r = page_report(
            "https://1234567.app.netsuite.com/app/setup/accesstoken.nl?whence=",
            &snap,
            &ctx(),
        );
        assert!(r.contains("page: NetsuiteAccessTokenNew"), "{r}");
        assert!(
            r.contains("token_application: found c0 by name, nearby"),
            "{r}"
        );
        assert!(r.contains("id=\"inpt_application_1\""), "{r}");
        assert!(r.contains("token_id_value: absent"), "{r}");
        assert!(
            !r.contains("MyTokenName") && !r.contains("Integrator.io (Token"),
            "{r}"
        );
        assert!(!r.contains("whence"), "no query string: {r}");
    }

    #[test]
    fn no_secret_reaches_a_report_even_from_a_careless_page() {
        let secret = "ab".repeat(32);
        let mut snap = confirmation();
        // A page that puts a token in an id, a name and a label.
        let mut c = crate::fixtures::control(9, "input", "text", &secret);
        c.label = format!("Token {secret}");
        c.value_opaque = Some(Opaque { len: 64, hex: true });
        snap.controls.push(c);
        snap.texts.push(TextBlock {
            handle: 10,
            text: Some(format!("Secret: {secret}")),
            visible: true,
            ..Default::default()
        });
        let r = page_report(
            &format!("https://1234567.app.netsuite.com/app/setup/accesstoken.nl?id=1&t={secret}"),
            &snap,
            &ctx(),
        );
        assert!(!r.contains(&secret[..16]), "{r}");
        assert!(r.contains("[64 characters]"), "{r}");
        assert!(r.contains("page: NetsuiteTokenConfirmation"), "{r}");
    }
}
