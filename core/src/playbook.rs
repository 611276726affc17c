//! Connector playbooks: what to create in NetSuite and what to set in Celigo, as data.
//!
//! Every `playbooks/*.toml` file is embedded at build time (see `build.rs`) and checked here; a
//! broken file is refused with its name, the field and the reason. The format is documented in
//! `playbooks/README.md`.

use crate::recognize::{celigo, PageKind};
use serde::{Deserialize, Serialize};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/playbooks.rs"));
}

/// The one format version this build reads.
pub const SCHEMA: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Playbook {
    pub schema: u32,
    /// Stable identifier, lower case with dashes: it names the playbook in the vault.
    pub id: String,
    pub name: String,
    pub summary: String,
    pub netsuite: NetSuitePart,
    pub celigo: CeligoPart,
    #[serde(rename = "step")]
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetSuitePart {
    /// The locked role shipped in the connector's bundle, to be customised (cloned).
    pub role_to_clone: String,
    /// What must be installed for that role to exist, told to the user when it is missing.
    pub requires: String,
    /// The proposed name of the clone; the user may change it. Letters and digits only, as
    /// Celigo advises for custom roles.
    pub clone_name: String,
    /// The Application Name to pick on the access token, preferred wording first.
    pub application: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CeligoPart {
    /// How a person reaches the connection form, shown in the side panel.
    #[serde(rename = "where")]
    pub where_: String,
    /// Where the side panel's link into integrator.io points.
    pub start_path: String,
    #[serde(rename = "field")]
    pub fields: Vec<CeligoField>,
}

/// One field of the Celigo connection form and where its value comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CeligoField {
    /// A target of `locators/celigo.toml`.
    pub target: String,
    pub value: ValueSource,
    /// For `fixed`: the option or text to set, preferred wording first, then synonyms.
    #[serde(default)]
    pub text: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueSource {
    Fixed,
    /// From the NetSuite account the token was captured on.
    AccountId,
    Environment,
    /// From the vault, at fill time only.
    TokenId,
    TokenSecret,
}

/// The steps of the set-up. A playbook orders and titles them; the code knows what each one
/// does, so an id the code does not know is refused when the playbook is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepId {
    EnableTba,
    CloneRole,
    AssignRole,
    CreateToken,
    CaptureToken,
    FillConnection,
}

impl StepId {
    pub const ALL: [StepId; 6] = [
        StepId::EnableTba,
        StepId::CloneRole,
        StepId::AssignRole,
        StepId::CreateToken,
        StepId::CaptureToken,
        StepId::FillConnection,
    ];

    /// Every id as the playbooks and the wire spell it, in [`StepId::ALL`]'s order.
    pub const NAMES: [&'static str; 6] = [
        "enable_tba",
        "clone_role",
        "assign_role",
        "create_token",
        "capture_token",
        "fill_connection",
    ];

    /// The id as the playbooks and the wire spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            StepId::EnableTba => "enable_tba",
            StepId::CloneRole => "clone_role",
            StepId::AssignRole => "assign_role",
            StepId::CreateToken => "create_token",
            StepId::CaptureToken => "capture_token",
            StepId::FillConnection => "fill_connection",
        }
    }

    /// The step a page serves, as the flow knows it; the login page serves none. A playbook
    /// may list a page only under this step.
    pub fn of_page(page: PageKind) -> Option<StepId> {
        Some(match page {
            PageKind::NetsuiteLogin => return None,
            PageKind::NetsuiteEnableFeatures => StepId::EnableTba,
            PageKind::NetsuiteRoleList
            | PageKind::NetsuiteRoleForm
            | PageKind::NetsuiteRoleView => StepId::CloneRole,
            PageKind::NetsuiteUserList
            | PageKind::NetsuiteEmployeeEdit
            | PageKind::NetsuiteEmployeeView => StepId::AssignRole,
            PageKind::NetsuiteAccessTokenList | PageKind::NetsuiteAccessTokenNew => {
                StepId::CreateToken
            }
            PageKind::NetsuiteTokenConfirmation => StepId::CaptureToken,
            PageKind::CeligoConnections
            | PageKind::CeligoIntegrationAppConnections
            | PageKind::CeligoConnectionEdit => StepId::FillConnection,
        })
    }
}

impl std::fmt::Display for StepId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A step id that is not one of [`StepId::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not one of {names}", names = StepId::NAMES.join(", "))]
pub struct UnknownStep(pub String);

impl std::str::FromStr for StepId {
    type Err = UnknownStep;

    fn from_str(s: &str) -> Result<StepId, UnknownStep> {
        StepId::ALL
            .into_iter()
            .find(|id| id.as_str() == s)
            .ok_or_else(|| UnknownStep(s.to_owned()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: StepId,
    pub title: String,
    /// The pages on which this step is done; a page belongs to one step only.
    pub pages: Vec<PageKind>,
    /// Path on the NetSuite host that starts this step, for the side panel's link.
    #[serde(default)]
    pub link: Option<String>,
    /// What the user does, with `{role_to_clone}`, `{clone_name}`, `{application}` filled in.
    pub todo: String,
}

/// A playbook file that cannot be used, with the file, the field and the reason.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("playbooks/{file}: {field}: {reason}")]
pub struct PlaybookError {
    pub file: String,
    pub field: String,
    pub reason: String,
}

fn is_alphanumeric_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric())
}

impl Playbook {
    /// Parses and checks one playbook file.
    pub fn parse(file: &str, text: &str) -> Result<Playbook, PlaybookError> {
        let err = |field: &str, reason: String| PlaybookError {
            file: file.to_owned(),
            field: field.to_owned(),
            reason,
        };
        check_step_ids(text).map_err(|(field, reason)| err(&field, reason))?;
        let pb: Playbook = toml::from_str(text).map_err(|e| {
            let span = e
                .span()
                .map(|s| line_of(text, s.start))
                .map(|l| format!("line {l}"))
                .unwrap_or_default();
            err(
                if span.is_empty() { "(file)" } else { &span },
                e.message().to_owned(),
            )
        })?;
        if pb.schema != SCHEMA {
            return Err(err(
                "schema",
                format!("is {}, this build reads {SCHEMA}", pb.schema),
            ));
        }
        if pb.id.is_empty()
            || !pb
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(err(
                "id",
                "must be lower-case letters, digits and dashes".into(),
            ));
        }
        if !is_alphanumeric_name(&pb.netsuite.clone_name) {
            return Err(err(
                "netsuite.clone_name",
                format!(
                    "{:?} must be letters and digits only (Celigo's advice for custom roles)",
                    pb.netsuite.clone_name
                ),
            ));
        }
        if pb.netsuite.application.is_empty() {
            return Err(err("netsuite.application", "names no application".into()));
        }
        let targets = &celigo().targets;
        for (i, f) in pb.celigo.fields.iter().enumerate() {
            let field = format!("celigo.field[{i}]");
            if !targets.contains_key(&f.target) {
                let known: Vec<&str> = targets.keys().map(String::as_str).collect();
                return Err(err(
                    &format!("{field}.target"),
                    format!("{:?} is not one of {}", f.target, known.join(", ")),
                ));
            }
            if (f.value == ValueSource::Fixed) == f.text.is_empty() {
                return Err(err(
                    &format!("{field}.text"),
                    "is required with value = \"fixed\" and only then".into(),
                ));
            }
        }
        for needed in [
            ValueSource::TokenId,
            ValueSource::TokenSecret,
            ValueSource::AccountId,
        ] {
            if !pb.celigo.fields.iter().any(|f| f.value == needed) {
                return Err(err(
                    "celigo.field",
                    format!("no field takes the {needed:?}"),
                ));
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for (i, s) in pb.steps.iter().enumerate() {
            if let Some(j) = pb.steps[..i].iter().position(|t| t.id == s.id) {
                return Err(err(
                    &format!("step[{i}].id"),
                    format!("{} is already the id of step[{j}]", s.id),
                ));
            }
            for p in &s.pages {
                if !seen.insert(*p) {
                    return Err(err(
                        &format!("step[{i}].pages"),
                        format!("{p:?} already belongs to an earlier step"),
                    ));
                }
                if StepId::of_page(*p) != Some(s.id) {
                    let served = StepId::of_page(*p).map_or("no step", StepId::as_str);
                    return Err(err(
                        &format!("step[{i}].pages"),
                        format!("{p:?} is a page of {served}, not of {}", s.id),
                    ));
                }
            }
        }
        if pb.steps.is_empty() {
            return Err(err("step", "the playbook has no steps".into()));
        }
        Ok(pb)
    }

    /// The step a page belongs to.
    pub fn step_of(&self, page: PageKind) -> Option<(usize, &Step)> {
        self.steps
            .iter()
            .enumerate()
            .find(|(_, s)| s.pages.contains(&page))
    }

    /// A playbook value by name, for `{placeholders}` in steps and locators.
    pub fn value(&self, key: &str) -> Option<String> {
        match key {
            "role_to_clone" => Some(self.netsuite.role_to_clone.clone()),
            "clone_name" => Some(self.netsuite.clone_name.clone()),
            "application" => self.netsuite.application.first().cloned(),
            "requires" => Some(self.netsuite.requires.clone()),
            _ => None,
        }
    }

    /// `text` with its `{placeholders}` filled in.
    pub fn fill(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for key in ["role_to_clone", "clone_name", "application", "requires"] {
            out = out.replace(&format!("{{{key}}}"), &self.value(key).unwrap_or_default());
        }
        out
    }
}

/// Each `[[step]]`'s id, checked before the typed parse so that an unknown one is reported
/// with its field (`step[2].id`) rather than only a line. A file that is not TOML is left to
/// the typed parse, which says where.
fn check_step_ids(text: &str) -> Result<(), (String, String)> {
    let Ok(table) = text.parse::<toml::Table>() else {
        return Ok(());
    };
    let Some(steps) = table.get("step").and_then(toml::Value::as_array) else {
        return Ok(());
    };
    for (i, step) in steps.iter().enumerate() {
        if let Some(id) = step.get("id").and_then(toml::Value::as_str) {
            id.parse::<StepId>()
                .map_err(|e| (format!("step[{i}].id"), e.to_string()))?;
        }
    }
    Ok(())
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Every embedded playbook, or the first error. The tests load them all, so a broken file
/// fails the build's tests before it can reach a user.
pub fn embedded() -> Result<Vec<Playbook>, PlaybookError> {
    embedded::EMBEDDED
        .iter()
        .map(|(file, text)| Playbook::parse(file, text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = include_str!("../../playbooks/integrator-io.toml");

    #[test]
    fn both_seed_playbooks_load() {
        let all = embedded().unwrap();
        let ids: Vec<&str> = all.iter().map(|p| p.id.as_str()).collect();
        assert!(
            ids.contains(&"integrator-io") && ids.contains(&"jira-smartconnector"),
            "{ids:?}"
        );
        let jira = all.iter().find(|p| p.id == "jira-smartconnector").unwrap();
        assert_eq!(jira.netsuite.role_to_clone, "Celigo Jira Connector");
        assert!(jira
            .celigo
            .fields
            .iter()
            .any(|f| f.target == "iclient" && f.text[0] == "SmartConnector (HT) NetSuite iClient"));
        let io = all.iter().find(|p| p.id == "integrator-io").unwrap();
        assert_eq!(
            io.netsuite.application[0],
            "Integrator.io (Token-based Auth)"
        );
        assert!(!io.celigo.fields.iter().any(|f| f.target == "iclient"));
    }

    #[test]
    fn steps_know_their_pages() {
        let pb = Playbook::parse("integrator-io.toml", GOOD).unwrap();
        let (i, step) = pb.step_of(PageKind::NetsuiteAccessTokenNew).unwrap();
        assert_eq!((i, step.id), (3, StepId::CreateToken));
        assert!(pb
            .fill(&step.todo)
            .contains("Integrator.io (Token-based Auth)"));
    }

    fn broken(from: &str, to: &str) -> PlaybookError {
        assert!(GOOD.contains(from), "{from}");
        Playbook::parse("broken.toml", &GOOD.replacen(from, to, 1)).unwrap_err()
    }

    #[test]
    fn a_broken_file_names_file_field_and_reason() {
        let e = broken(
            "clone_name = \"CeligoIntegratorIoTBA\"",
            "clone_name = \"Celigo TBA role\"",
        );
        assert_eq!(e.file, "broken.toml");
        assert_eq!(e.field, "netsuite.clone_name");
        assert!(e.to_string().starts_with("playbooks/broken.toml: netsuite.clone_name: \"Celigo TBA role\" must be letters and digits"));

        let e = broken("target = \"account_id\"", "target = \"account\"");
        assert_eq!(e.field, "celigo.field[2].target");

        let e = broken("role_to_clone = ", "role_to_klone = ");
        assert!(e.field.starts_with("line "), "{e}");
        assert!(e.reason.contains("role_to_klone"), "{e}");

        let e = broken(
            "pages = [\"netsuite_enable_features\"]",
            "pages = [\"netsuite_nowhere\"]",
        );
        assert!(e.reason.contains("netsuite_nowhere"), "{e}");

        let e = broken("schema = 1", "schema = 2");
        assert_eq!(e.field, "schema");
    }

    #[test]
    fn step_ids_are_typed_and_checked_with_their_field() {
        for id in StepId::ALL {
            assert_eq!(id.as_str().parse::<StepId>(), Ok(id));
            assert_eq!(StepId::NAMES[id as usize], id.as_str());
            assert_eq!(
                serde_json::to_value(id).unwrap(),
                serde_json::Value::String(id.as_str().into())
            );
        }
        let e = broken("id = \"clone_role\"", "id = \"clone_the_role\"");
        assert_eq!(
            (e.file.as_str(), e.field.as_str()),
            ("broken.toml", "step[1].id")
        );
        assert!(
            e.reason
                .contains("\"clone_the_role\" is not one of enable_tba"),
            "{e}"
        );

        let e = broken("id = \"clone_role\"", "id = \"enable_tba\"");
        assert_eq!(e.field, "step[1].id");
        assert!(e.reason.contains("already the id of step[0]"), "{e}");
    }

    #[test]
    fn a_page_is_listed_under_its_own_step_only() {
        let e = broken(
            "pages = [\"netsuite_user_list\", \"netsuite_employee_view\", \"netsuite_employee_edit\"]",
            "pages = [\"netsuite_user_list\", \"netsuite_employee_view\", \"netsuite_employee_edit\", \"netsuite_login\"]",
        );
        assert_eq!(e.field, "step[2].pages");
        assert!(
            e.reason.contains("NetsuiteLogin is a page of no step"),
            "{e}"
        );
        let e = broken(
            "pages = [\"netsuite_access_token_list\", \"netsuite_access_token_new\"]",
            "pages = [\"netsuite_access_token_list\", \"netsuite_access_token_new\", \"celigo_connections\"]",
        );
        assert!(
            e.reason
                .contains("CeligoConnections is a page of fill_connection, not of create_token"),
            "{e}"
        );
    }

    #[test]
    fn a_page_in_two_steps_is_refused() {
        let text = GOOD.replacen(
            "pages = [\"netsuite_token_confirmation\"]",
            "pages = [\"netsuite_enable_features\"]",
            1,
        );
        let e = Playbook::parse("dup.toml", &text).unwrap_err();
        assert_eq!(e.field, "step[4].pages");
    }
}
