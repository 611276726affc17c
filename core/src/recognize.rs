//! Which page of the TBA set-up a tab shows, from its URL and the executor's snapshot.
//!
//! The pages and the signals that identify them are data (`locators/*.toml`). A page is only
//! named when its path matches and every required target is found; otherwise the answer is
//! [`PageKind`] `None` with the reasons, never a guess.

use crate::locator::{resolve, Resolution, Target};
use crate::origin::{classify, Site};
use crate::protocol::Snapshot;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Every page the product knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    NetsuiteLogin,
    NetsuiteEnableFeatures,
    NetsuiteRoleList,
    NetsuiteRoleForm,
    NetsuiteRoleView,
    NetsuiteUserList,
    NetsuiteEmployeeEdit,
    NetsuiteEmployeeView,
    NetsuiteAccessTokenList,
    NetsuiteAccessTokenNew,
    NetsuiteTokenConfirmation,
    CeligoConnections,
    CeligoIntegrationAppConnections,
    CeligoConnectionEdit,
}

impl PageKind {
    /// The page's name as the user knows it.
    pub fn title(self) -> &'static str {
        match self {
            PageKind::NetsuiteLogin => "NetSuite login (your session has expired)",
            PageKind::NetsuiteEnableFeatures => "Enable Features",
            PageKind::NetsuiteRoleList => "Manage Roles",
            PageKind::NetsuiteRoleForm => "Role (customize)",
            PageKind::NetsuiteRoleView => "Role",
            PageKind::NetsuiteUserList => "Manage Users",
            PageKind::NetsuiteEmployeeEdit => "Employee (edit)",
            PageKind::NetsuiteEmployeeView => "Employee",
            PageKind::NetsuiteAccessTokenList => "Access Tokens",
            PageKind::NetsuiteAccessTokenNew => "New Access Token",
            PageKind::NetsuiteTokenConfirmation => "Access Token saved: Token ID and Secret shown",
            PageKind::CeligoConnections => "Celigo Connections",
            PageKind::CeligoIntegrationAppConnections => {
                "Celigo SmartConnector Settings > Connections"
            }
            PageKind::CeligoConnectionEdit => "Celigo NetSuite connection",
        }
    }
}

/// The locators of one site, as read from its data file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteLocators {
    pub site: String,
    pub targets: BTreeMap<String, Target>,
    #[serde(default)]
    pub page: Vec<PageDef>,
    /// Messages the site shows (outcomes of a test, a save, errors), by meaning: what to look
    /// for with `contains`, lower-cased.
    #[serde(default)]
    pub texts: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub dropdowns: DropdownConventions,
}

/// How a site builds its custom dropdowns (see `netsuite::dropdown`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DropdownConventions {
    /// The visible text box's id/name prefix (NetSuite: `inpt_`).
    pub text_prefix: String,
    /// The hidden value input's id prefix (NetSuite: `hddn_`).
    pub value_prefix: String,
    /// CSS selector of the open list's options, when they are not ARIA options.
    pub list: String,
}

/// How to tell one page: its paths (a `*` stands for one path segment) and the targets that
/// must be found on it, plus facts read from the page (`checked:`, `visible:`, `value:`,
/// `present:` followed by a target name).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageDef {
    pub kind: PageKind,
    #[serde(default)]
    pub path: Vec<String>,
    #[serde(default)]
    pub require: Vec<String>,
    /// At least one of these must be on the page (found, or found more than once).
    #[serde(default)]
    pub require_any: Vec<String>,
    #[serde(default)]
    pub facts: BTreeMap<String, String>,
}

/// The locator files, embedded at build time.
pub const NETSUITE_LOCATORS: &str = include_str!("../../locators/netsuite.toml");
pub const CELIGO_LOCATORS: &str = include_str!("../../locators/celigo.toml");

/// A locator file that does not parse or refers to a target it does not define.
#[derive(Debug, thiserror::Error)]
#[error("locators/{file}: {reason}")]
pub struct LocatorFileError {
    pub file: String,
    pub reason: String,
}

impl SiteLocators {
    pub fn parse(file: &str, text: &str) -> Result<SiteLocators, LocatorFileError> {
        let err = |reason: String| LocatorFileError {
            file: file.to_owned(),
            reason,
        };
        let loc: SiteLocators = toml::from_str(text).map_err(|e| err(e.to_string()))?;
        for page in &loc.page {
            let in_facts = page
                .facts
                .values()
                .filter_map(|f| f.split_once(':').map(|(_, t)| t));
            let named: Vec<&str> = page
                .require
                .iter()
                .chain(&page.require_any)
                .map(String::as_str)
                .chain(in_facts)
                .collect();
            for name in named {
                if !loc.targets.contains_key(name) {
                    return Err(err(format!(
                        "page {:?} names unknown target {name:?}",
                        page.kind
                    )));
                }
            }
        }
        Ok(loc)
    }

    pub fn target(&self, name: &str) -> Option<&Target> {
        self.targets.get(name)
    }

    /// The texts of every one of `meanings`, for waiting on whichever the site shows.
    pub fn texts_of(&self, meanings: &[&str]) -> Vec<String> {
        meanings
            .iter()
            .flat_map(|m| self.texts(m).iter().cloned())
            .collect()
    }

    /// The texts that mean `meaning` (see `texts` in the locator file); empty if none.
    pub fn texts(&self, meaning: &str) -> &[String] {
        self.texts.get(meaning).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// The embedded locators, parsed once. A broken embedded file is a build defect that the tests
/// catch, so failing loudly here is right.
pub fn netsuite() -> &'static SiteLocators {
    static CELL: OnceLock<SiteLocators> = OnceLock::new();
    CELL.get_or_init(|| {
        SiteLocators::parse("netsuite.toml", NETSUITE_LOCATORS).expect("embedded netsuite.toml")
    })
}

pub fn celigo() -> &'static SiteLocators {
    static CELL: OnceLock<SiteLocators> = OnceLock::new();
    CELL.get_or_init(|| {
        SiteLocators::parse("celigo.toml", CELIGO_LOCATORS).expect("embedded celigo.toml")
    })
}

/// What [`recognize`] concluded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recognition {
    pub site: Option<Site>,
    pub page: Option<PageKind>,
    pub facts: BTreeMap<String, String>,
    /// Why no page was named, or what was odd: for the side panel and for bug reports.
    pub reasons: Vec<String>,
}

fn path_matches(pattern: &str, path: &str) -> bool {
    let pat: Vec<&str> = pattern.trim_end_matches('/').split('/').collect();
    let got: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    pat.len() == got.len()
        && pat
            .iter()
            .zip(&got)
            .all(|(p, g)| *p == "*" && !g.is_empty() || p == g)
}

fn fact(locators: &SiteLocators, expr: &str, snap: &Snapshot) -> Option<String> {
    let (what, name) = expr.split_once(':')?;
    let target = locators.target(name)?;
    let handle = resolve(target, snap).handle();
    let control = handle.and_then(|h| snap.controls.iter().find(|c| c.handle == h));
    let text = handle.and_then(|h| snap.texts.iter().find(|t| t.handle == h));
    let value = match what {
        "present" => handle.is_some().to_string(),
        "checked" => control.and_then(|c| c.checked)?.to_string(),
        "default_checked" => control.and_then(|c| c.default_checked)?.to_string(),
        "visible" => control
            .map(|c| c.visible)
            .or(text.map(|t| t.visible))
            .unwrap_or(false)
            .to_string(),
        "value" => {
            let c = control?;
            // A custom dropdown shows its choice as text; an input holds it as a value.
            c.value
                .clone()
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| c.text.clone())
        }
        _ => return None,
    };
    Some(value)
}

/// Whether `url` is on an allowed site and its path is one of the flow's pages, whatever the
/// page shows: where the executor belongs. Single-page apps (Celigo) reach these paths without
/// a page load, so the worker injects the executor when a tab's URL changes to one.
pub fn is_flow_url(url: &str) -> bool {
    let Ok(site) = classify(url) else {
        return false;
    };
    let locators = match site {
        Site::NetSuite(_) => netsuite(),
        Site::Celigo(_) => celigo(),
    };
    let path = url::Url::parse(url)
        .map(|u| u.path().to_owned())
        .unwrap_or_default();
    locators
        .page
        .iter()
        .any(|p| p.path.iter().any(|pat| path_matches(pat, &path)))
}

/// The manifest's match patterns for the pages of `kinds` (every page of the flow when
/// empty), from the locator data: the one source of where the executor (and the bridge) run.
/// A path's `*` segment stays `*`; a trailing `*` admits the query string (NetSuite's
/// `?whence=`) and, for Celigo's routes, the drawer routes below them.
pub fn match_patterns(kinds: &[PageKind]) -> Vec<String> {
    let netsuite_host = format!("https://*{}", crate::netsuite::account::UI_HOST_SUFFIX);
    let celigo_hosts: Vec<String> = crate::origin::REGIONS
        .iter()
        .map(|r| format!("https://{}", crate::origin::celigo_host(*r)))
        .collect();
    let mut out: Vec<String> = Vec::new();
    for (loc, hosts) in [(netsuite(), vec![netsuite_host]), (celigo(), celigo_hosts)] {
        for host in &hosts {
            for page in loc
                .page
                .iter()
                .filter(|p| kinds.is_empty() || kinds.contains(&p.kind))
            {
                for path in &page.path {
                    let pattern = format!("{host}{path}*").replace("**", "*");
                    if !out.contains(&pattern) {
                        out.push(pattern);
                    }
                }
            }
        }
    }
    // A pattern another one already covers (`/connections*` covers
    // `/connections/edit/connections/*`) is left out.
    let all = out.clone();
    out.retain(|p| {
        !all.iter()
            .any(|w| w != p && glob(w.as_bytes(), p.as_bytes()))
    });
    out
}

/// Whether `pattern` (`*` for any run of characters, as in a match pattern's path) matches
/// `text` (whose own `*` count as plain characters).
fn glob(pattern: &[u8], text: &[u8]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some((b'*', rest)) => (0..=text.len()).any(|i| glob(rest, &text[i..])),
        Some((c, rest)) => text.first() == Some(c) && glob(rest, &text[1..]),
    }
}

/// Names the page `url` shows, given what the executor saw on it.
pub fn recognize(url: &str, snap: &Snapshot) -> Recognition {
    let mut out = Recognition {
        site: None,
        page: None,
        facts: BTreeMap::new(),
        reasons: Vec::new(),
    };
    let site = match classify(url) {
        Ok(site) => site,
        Err(e) => {
            out.reasons.push(e.to_string());
            return out;
        }
    };
    let locators = match site {
        Site::NetSuite(_) => netsuite(),
        Site::Celigo(_) => celigo(),
    };
    out.site = Some(site);
    let path = url::Url::parse(url)
        .map(|u| u.path().to_owned())
        .unwrap_or_default();
    let mut path_known = false;
    for page in &locators.page {
        if !page.path.is_empty() && !page.path.iter().any(|p| path_matches(p, &path)) {
            continue;
        }
        path_known |= !page.path.is_empty();
        let missing: Vec<String> = page
            .require
            .iter()
            .filter_map(|name| {
                let target = &locators.targets[name];
                match resolve(target, snap) {
                    Resolution::Found { .. } => None,
                    Resolution::Ambiguous { handles } => Some(format!(
                        "{} matched {} elements",
                        target.describe,
                        handles.len()
                    )),
                    Resolution::Absent { .. } => Some(format!("{} was not found", target.describe)),
                }
            })
            .collect();
        let any = page.require_any.is_empty()
            || page.require_any.iter().any(|name| {
                !matches!(
                    resolve(&locators.targets[name], snap),
                    Resolution::Absent { .. }
                )
            });
        let mut missing = missing;
        if !any {
            missing.push(format!(
                "none of {} was found",
                page.require_any
                    .iter()
                    .map(|n| locators.targets[n].describe.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if missing.is_empty() {
            out.page = Some(page.kind);
            out.facts = page
                .facts
                .iter()
                .filter_map(|(k, e)| fact(locators, e, snap).map(|v| (k.clone(), v)))
                .collect();
            out.reasons.clear();
            return out;
        }
        if !page.path.is_empty() {
            out.reasons.push(format!(
                "Looks like {:?}, but {}.",
                page.kind,
                missing.join(", ")
            ));
        }
    }
    if !path_known {
        out.reasons
            .push(format!("{path} is not a page of the set-up."));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{confirmation, token_form};
    use crate::protocol::Control;

    fn ctl(handle: u32, tag: &str, ty: &str, f: impl FnOnce(&mut Control)) -> Control {
        let mut c = Control {
            handle,
            tag: tag.into(),
            kind: ty.into(),
            visible: true,
            ..Default::default()
        };
        f(&mut c);
        c
    }

    #[test]
    fn embedded_locators_parse() {
        assert!(netsuite().targets.len() > 10);
        assert!(celigo().targets.len() > 5);
    }

    #[test]
    fn new_access_token_page() {
        let r = recognize(
            "https://1234567.app.netsuite.com/app/setup/accesstoken.nl?whence=",
            &token_form(),
        );
        assert_eq!(
            r.page,
            Some(PageKind::NetsuiteAccessTokenNew),
            "{:?}",
            r.reasons
        );
    }

    #[test]
    fn missing_field_is_unknown_with_reason() {
        let mut snap = token_form();
        snap.controls.retain(|c| c.field != "role");
        let r = recognize(
            "https://1234567.app.netsuite.com/app/setup/accesstoken.nl",
            &snap,
        );
        assert_eq!(r.page, None);
        assert!(
            r.reasons
                .iter()
                .any(|m| m.contains("the Role dropdown was not found")),
            "{:?}",
            r.reasons
        );
    }

    #[test]
    fn confirmation_page_wins_over_form() {
        let snap = confirmation();
        let r = recognize(
            "https://1234567-sb1.app.netsuite.com/app/setup/accesstoken.nl?id=5",
            &snap,
        );
        assert_eq!(
            r.page,
            Some(PageKind::NetsuiteTokenConfirmation),
            "{:?}",
            r.reasons
        );
    }

    #[test]
    fn look_alike_host_is_nothing() {
        let r = recognize(
            "https://1234567.app.netsuite.com.evil.test/app/setup/accesstoken.nl",
            &token_form(),
        );
        assert_eq!(r.site, None);
        assert_eq!(r.page, None);
        assert_eq!(r.reasons.len(), 1);
    }

    #[test]
    fn enable_features_facts() {
        let snap = Snapshot {
            controls: vec![
                ctl(1, "a", "", |c| {
                    c.id = "customtxt".into();
                    c.text = "SuiteCloud".into()
                }),
                ctl(2, "input", "checkbox", |c| {
                    c.id = "tba".into();
                    c.checked = Some(true);
                    c.visible = false
                }),
                ctl(3, "input", "submit", |c| {
                    c.id = "submitter".into();
                    c.value = Some("Save".into())
                }),
            ],
            ..Default::default()
        };
        let r = recognize(
            "https://1234567.app.netsuite.com/app/setup/features.nl",
            &snap,
        );
        assert_eq!(r.page, Some(PageKind::NetsuiteEnableFeatures));
        assert_eq!(r.facts["tba_ticked"], "true");
        assert_eq!(r.facts["tba_box_shown"], "false");
    }

    #[test]
    fn celigo_edit_routes() {
        let snap = Snapshot {
            controls: vec![ctl(1, "div", "", |c| {
                c.role = "button".into();
                c.data_test = "netsuite.authType".into();
                c.text = "Token Based Auth (Manual)".into()
            })],
            ..Default::default()
        };
        for url in [
            "https://integrator.io/connections/edit/connections/abc",
            "https://eu.integrator.io/integrations/i1/connections/edit/connections/abc",
            "https://integrator.io/integrationapps/jira/i2/connections/edit/connections/abc",
        ] {
            let r = recognize(url, &snap);
            assert_eq!(
                r.page,
                Some(PageKind::CeligoConnectionEdit),
                "{url}: {:?}",
                r.reasons
            );
            assert_eq!(r.facts["auth_type"], "Token Based Auth (Manual)");
        }
    }

    #[test]
    fn flow_urls() {
        assert!(is_flow_url(
            "https://integrator.io/integrationapps/JiraNetSuite/abc/connections"
        ));
        assert!(is_flow_url(
            "https://eu.integrator.io/connections/edit/connections/x"
        ));
        assert!(is_flow_url(
            "https://1234567.app.netsuite.com/app/setup/accesstoken.nl?whence="
        ));
        assert!(!is_flow_url("https://integrator.io/home"));
        assert!(!is_flow_url("https://integrator.io.evil.test/connections"));
        assert!(!is_flow_url(
            "https://1234567.app.netsuite.com/app/center/card.nl"
        ));
    }

    #[test]
    fn the_manifests_patterns_come_from_the_locators() {
        let all = match_patterns(&[]);
        for wanted in [
            "https://*.app.netsuite.com/app/setup/features.nl*",
            "https://*.app.netsuite.com/app/setup/accesstoken.nl*",
            "https://integrator.io/connections*",
            "https://eu.integrator.io/integrationapps/*/*/connections*",
        ] {
            assert!(all.iter().any(|p| p == wanted), "{wanted} in {all:?}");
        }
        for covered in [
            "https://integrator.io/connections/edit/connections/*",
            "https://integrator.io/integrations/*/connections/edit/connections/*",
        ] {
            assert!(
                !all.iter().any(|p| p == covered),
                "{covered} is covered: {all:?}"
            );
        }
        // Each pattern, read as Chrome reads it, admits only flow URLs of allowed hosts.
        for p in &all {
            let base = p.strip_suffix('*').expect("every pattern ends in *");
            let sample = base
                .replace("https://*.", "https://1234567.")
                .replace('*', "x");
            assert!(is_flow_url(&format!("{sample}?whence=")), "{p}");
        }
        assert_eq!(
            match_patterns(&[PageKind::NetsuiteAccessTokenNew]),
            vec!["https://*.app.netsuite.com/app/setup/accesstoken.nl*"]
        );
    }

    #[test]
    fn unknown_netsuite_page() {
        let r = recognize(
            "https://1234567.app.netsuite.com/app/center/card.nl",
            &Snapshot::default(),
        );
        assert_eq!(r.page, None);
        assert!(r.reasons[0].contains("not a page of the set-up"));
    }
}
