//! A NetSuite account as read from the host of its UI, and what the Celigo form wants for it.
//!
//! NetSuite writes one account two ways (fact sheet §1, "Domains and account-ID formats"):
//!
//! | kind             | host label (first DNS label) | account ID (query strings, Celigo) |
//! |------------------|------------------------------|------------------------------------|
//! | production       | `1234567`                    | `1234567`                          |
//! | sandbox          | `1234567-sb1`                | `1234567_SB1`                      |
//! | release preview  | `1234567-rp`                 | `1234567_RP`                       |
//! | test drive (SDN) | `tstdrv1234567`              | `TSTDRV1234567`                    |
//!
//! The UI host is `<host label>.app.netsuite.com`. Sandboxes are numbered 1 to 99, written
//! without leading zeros. [`NetSuiteAccount::from_host_label`] reads the host form,
//! [`NetSuiteAccount::parse_id`] reads the ID as a person types it; both apply the same rules
//! and refuse anything else with an [`AccountError`] that says what was wrong and what to do.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Which kind of NetSuite account a host belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Environment {
    Production,
    Sandbox,
    ReleasePreview,
}

impl Environment {
    /// How a person calls it: `production`, `sandbox`, `release preview`.
    pub fn human(&self) -> &'static str {
        match self {
            Environment::Production => "production",
            Environment::Sandbox => "sandbox",
            Environment::ReleasePreview => "release preview",
        }
    }
}

impl fmt::Display for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.human())
    }
}

/// The DNS zone of the NetSuite UI: an account's UI host is `<host label>` + this.
pub const UI_HOST_SUFFIX: &str = ".app.netsuite.com";

/// A DNS label holds at most 63 octets (RFC 1035), so no account ID can be longer.
const MAX_LEN: usize = 63;

/// The prefix of test-drive / SDN account IDs (`TSTDRV1234567`).
const TEST_DRIVE_PREFIX: &str = "TSTDRV";

/// A NetSuite account, e.g. `1234567`, `1234567_SB1`, `TSTDRV1234567`.
///
/// Build it with [`NetSuiteAccount::from_host_label`] or [`NetSuiteAccount::parse_id`]; both
/// guarantee `id` is well formed. (The fields are public for serde and pattern matching; a
/// value built by hand with a malformed `id` gives malformed hosts.)
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct NetSuiteAccount {
    /// The account ID as NetSuite writes it in query strings: upper case, `_SB1`, `_RP`.
    pub id: String,
    pub environment: Environment,
}

/// The value of Celigo's "Environment" select (`netsuite.tokenEnvironment`) for an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CeligoEnvironment {
    Production,
    Sandbox,
    Beta,
}

impl CeligoEnvironment {
    /// The option labels seen in the Celigo UI for this value, the preferred one first
    /// (fact sheet §4: "Production", "Sandbox2.0", "Beta"; the others are fallbacks for
    /// older or reworded builds).
    pub fn option_labels(&self) -> &'static [&'static str] {
        match self {
            CeligoEnvironment::Production => &["Production"],
            CeligoEnvironment::Sandbox => &["Sandbox2.0", "Sandbox 2.0", "Sandbox"],
            CeligoEnvironment::Beta => &["Beta", "Release Preview"],
        }
    }

    /// The option's value (`data-value`, and `netsuite.environment` in the API).
    pub fn option_value(&self) -> &'static str {
        match self {
            CeligoEnvironment::Production => "production",
            CeligoEnvironment::Sandbox => "sandbox2.0",
            CeligoEnvironment::Beta => "beta",
        }
    }
}

impl fmt::Display for CeligoEnvironment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.option_labels()[0])
    }
}

/// Where the text that failed to parse came from; it decides the advice in the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccountInput {
    /// The first DNS label of a NetSuite UI host (`1234567-sb1`).
    HostLabel,
    /// An account ID typed or pasted by a person (`1234567_SB1`).
    AccountId,
}

impl AccountInput {
    fn next_step(&self) -> &'static str {
        match self {
            AccountInput::HostLabel => {
                "Open NetSuite from its own account URL (Setup > Company > Company Information > \
                 Company URLs), which looks like https://1234567.app.netsuite.com or \
                 https://1234567-sb1.app.netsuite.com."
            }
            AccountInput::AccountId => {
                "Copy the Account ID from NetSuite (Setup > Company > Company Information, \
                 Account ID field); it looks like 1234567, 1234567_SB1, 1234567_RP or \
                 TSTDRV1234567."
            }
        }
    }
}

impl fmt::Display for AccountInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AccountInput::HostLabel => "host name",
            AccountInput::AccountId => "account ID",
        })
    }
}

/// Why a host label or an account ID is not a NetSuite account.
///
/// Messages quote at most one character or the (short, alphanumeric) environment suffix,
/// never the whole input: a person may paste something secret into the wrong field.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AccountError {
    #[error("The {input} holds no NetSuite account ID. {}", .input.next_step())]
    Empty { input: AccountInput },

    #[error(
        "The {input} is {len} characters long; a NetSuite account ID is at most 63, so this is \
         something else. {}",
        .input.next_step()
    )]
    TooLong { input: AccountInput, len: usize },

    #[error(
        "The {input} uses '_' where NetSuite host names use '-' (the host of 1234567_SB1 is \
         1234567-sb1.app.netsuite.com). {}",
        .input.next_step()
    )]
    UnderscoreInHostLabel { input: AccountInput },

    #[error(
        "The {input} contains {ch:?}, which never appears in a NetSuite account ID (only \
         letters, digits and the '_SB1' / '_RP' suffix do). {}",
        .input.next_step()
    )]
    InvalidCharacter { input: AccountInput, ch: char },

    #[error(
        "The {input} does not start with an account number: it must be digits (1234567), or \
         TSTDRV and digits for a test-drive account (TSTDRV1234567). {}",
        .input.next_step()
    )]
    BadAccountNumber { input: AccountInput },

    #[error(
        "The {input} has more than one environment suffix; an account is either production \
         (1234567), one sandbox (1234567_SB1) or release preview (1234567_RP). {}",
        .input.next_step()
    )]
    SeveralSuffixes { input: AccountInput },

    #[error(
        "The {input} ends in a separator with no environment after it; sandboxes end in SB1 to \
         SB99, release preview in RP. {}",
        .input.next_step()
    )]
    MissingSuffix { input: AccountInput },

    #[error(
        "The {input} has the suffix {suffix:?}, which is not a NetSuite environment; sandboxes \
         end in SB1 to SB99, release preview in RP. {}",
        .input.next_step()
    )]
    UnknownSuffix { input: AccountInput, suffix: String },

    #[error(
        "The {input} has the sandbox suffix {suffix:?}; sandboxes are numbered 1 to 99 without \
         leading zeros (SB1, SB2, ... SB99). {}",
        .input.next_step()
    )]
    BadSandboxNumber { input: AccountInput, suffix: String },
}

impl NetSuiteAccount {
    /// Reads the first DNS label of a NetSuite UI host: `1234567`, `1234567-sb1`,
    /// `1234567-rp`, `tstdrv1234567`, `tstdrv1234567-sb2` (any case). The separator must be
    /// `-`, as in a host name.
    pub fn from_host_label(label: &str) -> Result<NetSuiteAccount, AccountError> {
        parse(label, AccountInput::HostLabel)
    }

    /// Reads an account ID as a person types it: surrounding white space is ignored, case
    /// does not matter, and the suffix may be written `_SB1` (NetSuite's form) or `-sb1`
    /// (as copied from the host name). The result is upper case: `1234567_SB1`.
    pub fn parse_id(id: &str) -> Result<NetSuiteAccount, AccountError> {
        parse(id.trim(), AccountInput::AccountId)
    }

    /// The account number without the environment suffix: `1234567`, `TSTDRV1234567`.
    pub fn base_id(&self) -> &str {
        match self.id.split_once('_') {
            Some((base, _)) => base,
            None => &self.id,
        }
    }

    /// The sandbox number (`1` for `1234567_SB1`), or `None` for other environments.
    pub fn sandbox_number(&self) -> Option<u8> {
        match self.environment {
            Environment::Sandbox => self.id.rsplit_once("_SB").and_then(|(_, n)| n.parse().ok()),
            _ => None,
        }
    }

    /// The first DNS label of the UI host: `1234567-sb1`, `tstdrv1234567`.
    pub fn host_label(&self) -> String {
        self.id.to_ascii_lowercase().replace('_', "-")
    }

    /// The UI host: `1234567-sb1.app.netsuite.com`.
    pub fn ui_host(&self) -> String {
        format!("{}{UI_HOST_SUFFIX}", self.host_label())
    }

    /// An https link to a page of this account's UI, e.g.
    /// `ui_url("/app/setup/accesstoken.nl?whence=")`. `path` is appended as given, after a
    /// `/` if it does not start with one (so it can never extend or replace the host).
    pub fn ui_url(&self, path: &str) -> String {
        let slash = if path.starts_with('/') { "" } else { "/" };
        format!("https://{}{slash}{path}", self.ui_host())
    }

    /// What goes in Celigo's "Account ID" field (`netsuite.tokenAccount`), upper case.
    pub fn celigo_account_id(&self) -> String {
        match self.environment {
            Environment::Production | Environment::Sandbox => self.id.to_ascii_uppercase(),
            // ASSUMED: Celigo's connection schema (celigo/ai `netsuite.yml`, fact sheet §4)
            // says "Non-production accounts carry an environment suffix (e.g. `123456_SB1`);
            // production and beta use the bare id", and release preview maps to Celigo's
            // "Beta" environment, so the `_RP` suffix is dropped. Not verified against a
            // live release-preview account.
            Environment::ReleasePreview => self.base_id().to_ascii_uppercase(),
        }
    }

    /// What to choose in Celigo's "Environment" select. Release preview is Celigo's "Beta".
    pub fn celigo_environment(&self) -> CeligoEnvironment {
        match self.environment {
            Environment::Production => CeligoEnvironment::Production,
            Environment::Sandbox => CeligoEnvironment::Sandbox,
            Environment::ReleasePreview => CeligoEnvironment::Beta,
        }
    }
}

impl fmt::Display for NetSuiteAccount {
    /// `1234567_SB1 (sandbox)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.id, self.environment)
    }
}

impl std::str::FromStr for NetSuiteAccount {
    type Err = AccountError;

    /// Same as [`NetSuiteAccount::parse_id`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        NetSuiteAccount::parse_id(s)
    }
}

/// The shared rules. `text` is already trimmed (account IDs) or a bare DNS label (hosts).
fn parse(text: &str, input: AccountInput) -> Result<NetSuiteAccount, AccountError> {
    if text.is_empty() {
        return Err(AccountError::Empty { input });
    }
    // Characters first, so that the messages below only ever deal with ASCII.
    for ch in text.chars() {
        match ch {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '-' => {}
            '_' if input == AccountInput::AccountId => {}
            '_' => return Err(AccountError::UnderscoreInHostLabel { input }),
            _ => return Err(AccountError::InvalidCharacter { input, ch }),
        }
    }
    if text.len() > MAX_LEN {
        return Err(AccountError::TooLong {
            input,
            len: text.len(),
        });
    }
    let upper = text.to_ascii_uppercase();
    let mut parts = upper.split(['-', '_']);
    // `split` always yields at least one item.
    let base = parts.next().unwrap_or_default();
    let number = base.strip_prefix(TEST_DRIVE_PREFIX).unwrap_or(base);
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AccountError::BadAccountNumber { input });
    }
    let suffix = parts.next();
    if parts.next().is_some() {
        return Err(AccountError::SeveralSuffixes { input });
    }

    let (environment, id) = match suffix {
        None => (Environment::Production, base.to_owned()),
        Some("") => return Err(AccountError::MissingSuffix { input }),
        Some("RP") => (Environment::ReleasePreview, format!("{base}_RP")),
        Some(s) => match s.strip_prefix("SB") {
            Some(n) => {
                let valid = !n.is_empty()
                    && !n.starts_with('0')
                    && n.len() <= 2
                    && n.bytes().all(|b| b.is_ascii_digit());
                if !valid {
                    return Err(AccountError::BadSandboxNumber {
                        input,
                        suffix: s.to_owned(),
                    });
                }
                (Environment::Sandbox, format!("{base}_{s}"))
            }
            None => {
                return Err(AccountError::UnknownSuffix {
                    input,
                    suffix: s.to_owned(),
                })
            }
        },
    };
    Ok(NetSuiteAccount { id, environment })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn acct(id: &str, environment: Environment) -> NetSuiteAccount {
        NetSuiteAccount {
            id: id.to_owned(),
            environment,
        }
    }

    #[test]
    fn host_labels_that_are_accounts() {
        use Environment::*;
        let cases = [
            ("1234567", "1234567", Production),
            ("1", "1", Production),
            ("1234567-sb1", "1234567_SB1", Sandbox),
            ("1234567-SB2", "1234567_SB2", Sandbox),
            ("1234567-Sb3", "1234567_SB3", Sandbox),
            ("1234567-sB9", "1234567_SB9", Sandbox),
            ("1234567-sb10", "1234567_SB10", Sandbox),
            ("1234567-sb99", "1234567_SB99", Sandbox),
            ("1234567-rp", "1234567_RP", ReleasePreview),
            ("1234567-RP", "1234567_RP", ReleasePreview),
            ("392875-rp", "392875_RP", ReleasePreview),
            ("tstdrv1234567", "TSTDRV1234567", Production),
            ("TSTDRV123", "TSTDRV123", Production),
            ("TstDrv123", "TSTDRV123", Production),
            ("tstdrv1234567-sb1", "TSTDRV1234567_SB1", Sandbox),
            ("tstdrv939179-rp", "TSTDRV939179_RP", ReleasePreview),
        ];
        for (label, id, env) in cases {
            let got = NetSuiteAccount::from_host_label(label);
            assert_eq!(got, Ok(acct(id, env)), "label {label:?}");
        }
    }

    #[test]
    fn host_labels_that_are_not_accounts() {
        use AccountError::*;
        use AccountInput::HostLabel as H;
        let cases: Vec<(&str, AccountError)> = vec![
            ("", Empty { input: H }),
            ("-sb1", BadAccountNumber { input: H }),
            ("abc", BadAccountNumber { input: H }),
            ("app", BadAccountNumber { input: H }),
            ("system", BadAccountNumber { input: H }),
            ("tstdrv", BadAccountNumber { input: H }),
            ("tstdrv-sb1", BadAccountNumber { input: H }),
            ("tstdrvx123", BadAccountNumber { input: H }),
            ("x1234567", BadAccountNumber { input: H }),
            ("1234567x", BadAccountNumber { input: H }),
            ("12a4567", BadAccountNumber { input: H }),
            ("tstdrv1234567tstdrv", BadAccountNumber { input: H }),
            ("sb1", BadAccountNumber { input: H }),
            ("1234567-", MissingSuffix { input: H }),
            (
                "1234567-sb",
                BadSandboxNumber {
                    input: H,
                    suffix: "SB".into(),
                },
            ),
            (
                "1234567-sb0",
                BadSandboxNumber {
                    input: H,
                    suffix: "SB0".into(),
                },
            ),
            (
                "1234567-sb01",
                BadSandboxNumber {
                    input: H,
                    suffix: "SB01".into(),
                },
            ),
            (
                "1234567-sb100",
                BadSandboxNumber {
                    input: H,
                    suffix: "SB100".into(),
                },
            ),
            (
                "1234567-sbx",
                BadSandboxNumber {
                    input: H,
                    suffix: "SBX".into(),
                },
            ),
            (
                "1234567-sb1a",
                BadSandboxNumber {
                    input: H,
                    suffix: "SB1A".into(),
                },
            ),
            (
                "1234567-rp1",
                UnknownSuffix {
                    input: H,
                    suffix: "RP1".into(),
                },
            ),
            (
                "1234567-dev",
                UnknownSuffix {
                    input: H,
                    suffix: "DEV".into(),
                },
            ),
            (
                "1234567-1",
                UnknownSuffix {
                    input: H,
                    suffix: "1".into(),
                },
            ),
            ("1234567-sb1-rp", SeveralSuffixes { input: H }),
            ("1234567-sb1-sb2", SeveralSuffixes { input: H }),
            ("1234567--sb1", SeveralSuffixes { input: H }),
            ("1234567-rp-", SeveralSuffixes { input: H }),
            ("1234567_sb1", UnderscoreInHostLabel { input: H }),
            ("1234567_SB1", UnderscoreInHostLabel { input: H }),
            (" 1234567", InvalidCharacter { input: H, ch: ' ' }),
            ("1234567.", InvalidCharacter { input: H, ch: '.' }),
            ("1234567.app", InvalidCharacter { input: H, ch: '.' }),
            ("xn--1234567", BadAccountNumber { input: H }),
            (
                "１２３",
                InvalidCharacter {
                    input: H, ch: '１'
                },
            ),
            ("12٣", InvalidCharacter { input: H, ch: '٣' }),
            ("tѕtdrv1", InvalidCharacter { input: H, ch: 'ѕ' }),
            ("1234567\0", InvalidCharacter { input: H, ch: '\0' }),
        ];
        for (label, want) in cases {
            assert_eq!(
                NetSuiteAccount::from_host_label(label),
                Err(want),
                "label {label:?}"
            );
        }
        let long = "1".repeat(64);
        assert_eq!(
            NetSuiteAccount::from_host_label(&long),
            Err(TooLong { input: H, len: 64 })
        );
        // 63 characters is still a DNS label.
        assert!(NetSuiteAccount::from_host_label(&"1".repeat(63)).is_ok());
    }

    #[test]
    fn account_ids_as_typed() {
        use Environment::*;
        let cases = [
            ("1234567", "1234567", Production),
            (" 1234567 ", "1234567", Production),
            ("\t1234567\n", "1234567", Production),
            ("1234567_sb1", "1234567_SB1", Sandbox),
            ("1234567_SB1", "1234567_SB1", Sandbox),
            ("1234567-sb1", "1234567_SB1", Sandbox),
            ("1234567-SB12", "1234567_SB12", Sandbox),
            ("1234567_rp", "1234567_RP", ReleasePreview),
            ("TSTDRV123", "TSTDRV123", Production),
            ("tstdrv123", "TSTDRV123", Production),
            (" tstdrv1234567_sb2 ", "TSTDRV1234567_SB2", Sandbox),
            ("TSTDRV939179_RP", "TSTDRV939179_RP", ReleasePreview),
        ];
        for (typed, id, env) in cases {
            assert_eq!(
                NetSuiteAccount::parse_id(typed),
                Ok(acct(id, env)),
                "typed {typed:?}"
            );
            assert_eq!(typed.parse::<NetSuiteAccount>(), Ok(acct(id, env)));
        }
    }

    #[test]
    fn account_ids_that_are_not_accounts() {
        use AccountError::*;
        use AccountInput::AccountId as I;
        let cases: Vec<(&str, AccountError)> = vec![
            ("", Empty { input: I }),
            ("   ", Empty { input: I }),
            ("1234 567", InvalidCharacter { input: I, ch: ' ' }),
            (
                "1234567_sb0",
                BadSandboxNumber {
                    input: I,
                    suffix: "SB0".into(),
                },
            ),
            (
                "1234567_sb",
                BadSandboxNumber {
                    input: I,
                    suffix: "SB".into(),
                },
            ),
            ("1234567_sb1_rp", SeveralSuffixes { input: I }),
            ("1234567_sb1-sb1", SeveralSuffixes { input: I }),
            ("1234567_", MissingSuffix { input: I }),
            ("_SB1", BadAccountNumber { input: I }),
            ("ACME", BadAccountNumber { input: I }),
            (
                "1234567.app.netsuite.com",
                InvalidCharacter { input: I, ch: '.' },
            ),
            (
                "https://1234567.app.netsuite.com",
                InvalidCharacter { input: I, ch: ':' },
            ),
            (
                "1234567_QA",
                UnknownSuffix {
                    input: I,
                    suffix: "QA".into(),
                },
            ),
        ];
        for (typed, want) in cases {
            assert_eq!(
                NetSuiteAccount::parse_id(typed),
                Err(want),
                "typed {typed:?}"
            );
        }
        // A token secret pasted into the wrong field: refused, and never echoed.
        let secret = "0123456789abcdef".repeat(4);
        let err = NetSuiteAccount::parse_id(&secret).unwrap_err();
        assert_eq!(err, TooLong { input: I, len: 64 });
        assert!(!err.to_string().contains(&secret));
    }

    #[test]
    fn hosts_links_and_display() {
        let sb = NetSuiteAccount::parse_id("1234567_sb1").unwrap();
        assert_eq!(sb.host_label(), "1234567-sb1");
        assert_eq!(sb.ui_host(), "1234567-sb1.app.netsuite.com");
        assert_eq!(
            sb.ui_url("/app/setup/accesstoken.nl?whence="),
            "https://1234567-sb1.app.netsuite.com/app/setup/accesstoken.nl?whence="
        );
        assert_eq!(
            sb.ui_url("app/setup/features.nl"),
            "https://1234567-sb1.app.netsuite.com/app/setup/features.nl"
        );
        assert_eq!(sb.ui_url(""), "https://1234567-sb1.app.netsuite.com/");
        assert_eq!(
            sb.ui_url("@evil.test"),
            "https://1234567-sb1.app.netsuite.com/@evil.test"
        );
        assert_eq!(sb.to_string(), "1234567_SB1 (sandbox)");
        assert_eq!(sb.base_id(), "1234567");
        assert_eq!(sb.sandbox_number(), Some(1));

        let prod = NetSuiteAccount::from_host_label("tstdrv1234567").unwrap();
        assert_eq!(prod.ui_host(), "tstdrv1234567.app.netsuite.com");
        assert_eq!(prod.to_string(), "TSTDRV1234567 (production)");
        assert_eq!(prod.base_id(), "TSTDRV1234567");
        assert_eq!(prod.sandbox_number(), None);

        let rp = NetSuiteAccount::from_host_label("1234567-rp").unwrap();
        assert_eq!(rp.ui_host(), "1234567-rp.app.netsuite.com");
        assert_eq!(rp.to_string(), "1234567_RP (release preview)");
        assert_eq!(rp.sandbox_number(), None);

        let sb99 = NetSuiteAccount::parse_id("1234567_SB99").unwrap();
        assert_eq!(sb99.sandbox_number(), Some(99));
        assert_eq!(sb99.host_label(), "1234567-sb99");
    }

    #[test]
    fn what_celigo_wants() {
        let cases = [
            (
                "1234567",
                "1234567",
                CeligoEnvironment::Production,
                "production",
            ),
            (
                "tstdrv123",
                "TSTDRV123",
                CeligoEnvironment::Production,
                "production",
            ),
            (
                "1234567_sb1",
                "1234567_SB1",
                CeligoEnvironment::Sandbox,
                "sandbox2.0",
            ),
            (
                "tstdrv123_sb2",
                "TSTDRV123_SB2",
                CeligoEnvironment::Sandbox,
                "sandbox2.0",
            ),
            ("1234567_rp", "1234567", CeligoEnvironment::Beta, "beta"),
            (
                "tstdrv939179_rp",
                "TSTDRV939179",
                CeligoEnvironment::Beta,
                "beta",
            ),
        ];
        for (id, celigo_id, env, value) in cases {
            let a = NetSuiteAccount::parse_id(id).unwrap();
            assert_eq!(a.celigo_account_id(), celigo_id, "{id}");
            assert_eq!(a.celigo_environment(), env, "{id}");
            assert_eq!(a.celigo_environment().option_value(), value, "{id}");
        }
        assert_eq!(
            CeligoEnvironment::Production.option_labels(),
            ["Production"]
        );
        assert_eq!(
            CeligoEnvironment::Sandbox.option_labels(),
            ["Sandbox2.0", "Sandbox 2.0", "Sandbox"]
        );
        assert_eq!(
            CeligoEnvironment::Beta.option_labels(),
            ["Beta", "Release Preview"]
        );
        assert_eq!(CeligoEnvironment::Sandbox.to_string(), "Sandbox2.0");
        // A hand-built lower-case id still gives Celigo upper case.
        assert_eq!(
            acct("1234567_sb1", Environment::Sandbox).celigo_account_id(),
            "1234567_SB1"
        );
    }

    #[test]
    fn serde_is_snake_case() {
        let a = NetSuiteAccount::parse_id("1234567_RP").unwrap();
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(
            json,
            r#"{"id":"1234567_RP","environment":"release_preview"}"#
        );
        assert_eq!(serde_json::from_str::<NetSuiteAccount>(&json).unwrap(), a);
        assert_eq!(
            serde_json::to_string(&Environment::Sandbox).unwrap(),
            r#""sandbox""#
        );
        assert_eq!(
            serde_json::to_string(&CeligoEnvironment::Beta).unwrap(),
            r#""beta""#
        );
    }

    #[test]
    fn every_message_says_what_to_do_next() {
        let bad_labels = [
            "",
            "-sb1",
            "1234567-",
            "1234567-sb0",
            "1234567-xx",
            "1234567-sb1-rp",
            "1234567_sb1",
            "12.3",
        ];
        for label in bad_labels {
            let msg = NetSuiteAccount::from_host_label(label)
                .unwrap_err()
                .to_string();
            assert!(msg.contains("Company URLs"), "{label:?}: {msg}");
            assert!(msg.contains("host name"), "{label:?}: {msg}");
        }
        let long = "9".repeat(70);
        let bad_ids = [
            "",
            "acme",
            "1234567_",
            "1234567_sb100",
            "1234567_x",
            "1_sb1_sb2",
            "1 2",
            &long,
        ];
        for id in bad_ids {
            let msg = NetSuiteAccount::parse_id(id).unwrap_err().to_string();
            assert!(msg.contains("Company Information"), "{id:?}: {msg}");
            assert!(msg.contains("account ID"), "{id:?}: {msg}");
        }
    }

    /// An independent statement of the rules, written as a regular grammar by hand:
    /// `(tstdrv)?[0-9]+(-(sb[1-9][0-9]?|rp))?`, case-insensitive, at most 63 characters.
    fn oracle_label(label: &str) -> Option<(String, Environment)> {
        let l = label.to_ascii_lowercase();
        if l.len() > 63 || !l.is_ascii() {
            return None;
        }
        let (head, env, tail) = if let Some(h) = l.strip_suffix("-rp") {
            (h, Environment::ReleasePreview, "_RP".to_owned())
        } else if let Some(i) = l.find("-sb") {
            let n = &l[i + 3..];
            let ok = matches!(n.len(), 1 | 2)
                && n.chars().all(|c| c.is_ascii_digit())
                && !n.starts_with('0');
            if !ok {
                return None;
            }
            (&l[..i], Environment::Sandbox, format!("_SB{n}"))
        } else {
            (l.as_str(), Environment::Production, String::new())
        };
        let digits = head.strip_prefix("tstdrv").unwrap_or(head);
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        Some((format!("{}{tail}", head.to_ascii_uppercase()), env))
    }

    fn label_strategy() -> impl Strategy<Value = String> {
        prop_oneof![
            // Mostly well formed, with random case and suffixes.
            (
                prop::option::of(Just("tstdrv")),
                "[0-9]{0,9}",
                prop::sample::select(vec![
                    "", "-sb1", "-SB2", "-sb9", "-sb10", "-sb99", "-sb0", "-sb01", "-sb100", "-sb",
                    "-rp", "-RP", "-rp1", "-", "_sb1", "-sb1-rp", "--sb1", "-sb1 ", ".",
                ]),
            )
                .prop_map(|(p, n, s)| format!("{}{n}{s}", p.unwrap_or(""))),
            // Arbitrary short ASCII labels.
            "[a-zA-Z0-9_-]{0,12}",
            // Anything at all.
            "\\PC{0,12}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]

        #[test]
        fn from_host_label_matches_the_oracle(label in label_strategy()) {
            let got = NetSuiteAccount::from_host_label(&label).ok().map(|a| (a.id, a.environment));
            prop_assert_eq!(got, oracle_label(&label));
        }

        #[test]
        fn accounts_round_trip(
            test_drive in any::<bool>(),
            number in "[0-9]{1,10}",
            env in prop::sample::select(vec![
                Environment::Production, Environment::Sandbox, Environment::ReleasePreview,
            ]),
            sb in 1u8..=99,
        ) {
            let base = format!("{}{number}", if test_drive { "TSTDRV" } else { "" });
            let id = match env {
                Environment::Production => base.clone(),
                Environment::Sandbox => format!("{base}_SB{sb}"),
                Environment::ReleasePreview => format!("{base}_RP"),
            };
            let a = NetSuiteAccount::parse_id(&id).unwrap();
            prop_assert_eq!(&a.id, &id);
            prop_assert_eq!(a.environment, env);
            prop_assert_eq!(a.base_id(), base.as_str());
            prop_assert_eq!(NetSuiteAccount::from_host_label(&a.host_label()), Ok(a.clone()));
            prop_assert_eq!(NetSuiteAccount::parse_id(&id.to_lowercase()), Ok(a.clone()));
            prop_assert_eq!(NetSuiteAccount::parse_id(&a.host_label()), Ok(a.clone()));
            prop_assert_eq!(a.ui_host(), format!("{}.app.netsuite.com", a.host_label()));
            if env == Environment::Sandbox {
                prop_assert_eq!(a.sandbox_number(), Some(sb));
            }
        }
    }
}
