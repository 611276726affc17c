//! The vault: token pairs held between the NetSuite tab (where they are captured from the
//! confirmation page) and the Celigo tab (where they are filled into the connection form).
//!
//! - Entries are keyed by [`NetSuiteAccount`] (account ID and environment), so a sandbox token is
//!   never filled into a production connection and two accounts never mix.
//! - Entries live [`DEFAULT_TTL_MS`] (10 minutes) unless told otherwise. An entry is alive while
//!   `now_ms < expires_at_ms`; at exactly `expires_at_ms` it is expired. Expired entries are
//!   never returned; they are dropped (and wiped) on access or by [`Vault::purge_expired`].
//! - Entries are shown to the user by their [`fingerprint`], 8 hex characters of an HMAC keyed
//!   with a per-install random key: it tells two tokens apart without revealing any character of
//!   either.
//! - [`StoredVault`] is the form kept in `chrome.storage.session` (in memory, trusted contexts
//!   only) so the vault survives a restart of the MV3 service worker. It holds the secrets as
//!   strings, wipes them on drop and is re-validated when read back.

use std::collections::BTreeMap;

use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use thiserror::Error;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::netsuite::account::{Environment, NetSuiteAccount};
use crate::sensitive::Sensitive;
use crate::token::{parse_token_part, Secret, TokenPair, TokenPart};

/// How long a captured token pair is kept: 10 minutes.
pub const DEFAULT_TTL_MS: u64 = 10 * 60 * 1000;

/// Version of the [`StoredVault`] layout; any other version is refused as corrupt.
pub const STORED_VAULT_VERSION: u32 = 1;

/// Number of hex characters of a [`fingerprint`].
pub const FINGERPRINT_LEN: usize = 8;

/// Why the vault could not give what was asked. Messages never contain secret material.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum VaultError {
    #[error(
        "No token captured for {}. Create one on NetSuite's New Access Token page with \
         tba-assist open.",
        describe(account)
    )]
    Empty { account: NetSuiteAccount },

    #[error(
        "The token captured for {} has expired and was erased from memory. Create a new one on \
         NetSuite's New Access Token page with tba-assist open, and revoke the unused one.",
        describe(account)
    )]
    Expired { account: NetSuiteAccount },

    #[error("The saved tokens could not be read back ({reason}); capture the token again.")]
    Corrupt { reason: String },
}

/// "1234567_SB1 (sandbox)". Kept local so this file depends only on the account's fields.
fn describe(account: &NetSuiteAccount) -> String {
    let environment = match account.environment {
        Environment::Production => "production",
        Environment::Sandbox => "sandbox",
        Environment::ReleasePreview => "release preview",
    };
    format!("{} ({environment})", account.id)
}

fn corrupt(reason: impl Into<String>) -> VaultError {
    VaultError::Corrupt {
        reason: reason.into(),
    }
}

/// The first 8 lowercase hex characters of HMAC-SHA256(`key`, token ID ‖ 0x00 ‖ token secret).
///
/// Stable for the same key, unrelated across keys; reveals nothing about either half.
pub fn fingerprint(key: &[u8; 32], pair: &TokenPair) -> String {
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC accepts a key of any length");
    // Secret use: hashed into the fingerprint; the MAC state is dropped at the end of this call.
    mac.update(pair.token_id.expose().as_bytes());
    mac.update(&[0]);
    // Secret use: as above.
    mac.update(pair.token_secret.expose().as_bytes());
    let tag = mac.finalize().into_bytes();
    hex_encode(&tag[..FINGERPRINT_LEN / 2])
}

fn hex_encode(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

fn hex_decode_key(text: &str) -> Option<Zeroizing<[u8; 32]>> {
    fn nibble(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }
    let bytes = text.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let mut key = Zeroizing::new([0u8; 32]);
    for (slot, pair) in key.iter_mut().zip(bytes.chunks_exact(2)) {
        *slot = (nibble(pair[0])? << 4) | nibble(pair[1])?;
    }
    Some(key)
}

/// How a token half is shown: it reveals the length only, never a character.
fn masked(secret: &Secret) -> String {
    format!("•••• •••• ({} characters)", secret.len())
}

/// What the side panel may show about an entry. Holds no secret material.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntrySummary {
    /// The account ID, e.g. `1234567_SB1`.
    pub account: String,
    pub environment: Environment,
    /// The entry's identifier for people: see [`fingerprint`].
    pub fingerprint: String,
    /// Id of the connector playbook the token was made for.
    pub playbook: String,
    pub captured_at_ms: u64,
    pub expires_at_ms: u64,
    /// Whole seconds left, rounded up (so a live entry never shows 0).
    pub seconds_left: u64,
    /// "•••• •••• (64 characters)": no character of the token is shown.
    pub masked_token_id: String,
    pub masked_token_secret: String,
}

impl EntrySummary {
    /// The account this summary is for, to pass back to [`Vault::get`] and friends.
    pub fn netsuite_account(&self) -> NetSuiteAccount {
        NetSuiteAccount {
            id: self.account.clone(),
            environment: self.environment,
        }
    }
}

/// One captured token pair. `Debug` is safe: `TokenPair` redacts both halves.
#[derive(Debug)]
struct Entry {
    pair: TokenPair,
    captured_at_ms: u64,
    expires_at_ms: u64,
    playbook: String,
    fingerprint: String,
}

impl Entry {
    fn is_alive(&self, now_ms: u64) -> bool {
        now_ms < self.expires_at_ms
    }

    fn summary(&self, account: &NetSuiteAccount, now_ms: u64) -> EntrySummary {
        EntrySummary {
            account: account.id.clone(),
            environment: account.environment,
            fingerprint: self.fingerprint.clone(),
            playbook: self.playbook.clone(),
            captured_at_ms: self.captured_at_ms,
            expires_at_ms: self.expires_at_ms,
            seconds_left: self.expires_at_ms.saturating_sub(now_ms).div_ceil(1000),
            masked_token_id: masked(&self.pair.token_id),
            masked_token_secret: masked(&self.pair.token_secret),
        }
    }
}

/// Token pairs waiting to be filled, one per NetSuite account.
///
/// `Debug` shows accounts, fingerprints, playbooks and times; never a token or the key.
#[derive(Debug)]
pub struct Vault {
    ttl_ms: u64,
    fingerprint_key: Sensitive<[u8; 32]>,
    entries: BTreeMap<NetSuiteAccount, Entry>,
}

impl Vault {
    /// An empty vault. `fingerprint_key` should be 32 random bytes made once per install (or per
    /// browser session) and kept with the vault, so fingerprints stay stable across restarts.
    pub fn new(fingerprint_key: [u8; 32], ttl_ms: u64) -> Vault {
        Vault {
            ttl_ms,
            fingerprint_key: Sensitive::new(fingerprint_key),
            entries: BTreeMap::new(),
        }
    }

    pub fn ttl_ms(&self) -> u64 {
        self.ttl_ms
    }

    /// Number of entries held, expired or not.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Stores `pair` for `account`, replacing (and wiping) any older entry for the same account.
    pub fn deposit(
        &mut self,
        account: NetSuiteAccount,
        pair: TokenPair,
        playbook: impl Into<String>,
        now_ms: u64,
    ) -> EntrySummary {
        let entry = Entry {
            fingerprint: fingerprint(self.fingerprint_key.expose(), &pair),
            pair,
            captured_at_ms: now_ms,
            expires_at_ms: now_ms.saturating_add(self.ttl_ms),
            playbook: playbook.into(),
        };
        let summary = entry.summary(&account, now_ms);
        self.entries.insert(account, entry);
        summary
    }

    /// Summaries of the live entries, ordered by account.
    pub fn summaries(&self, now_ms: u64) -> Vec<EntrySummary> {
        self.entries
            .iter()
            .filter(|(_, entry)| entry.is_alive(now_ms))
            .map(|(account, entry)| entry.summary(account, now_ms))
            .collect()
    }

    /// Summary of the live entry for `account`, if any.
    pub fn summary(&self, account: &NetSuiteAccount, now_ms: u64) -> Option<EntrySummary> {
        self.entries
            .get(account)
            .filter(|entry| entry.is_alive(now_ms))
            .map(|entry| entry.summary(account, now_ms))
    }

    /// Removes the entry for `account` if it has expired, telling which error to report.
    fn check_alive(&mut self, account: &NetSuiteAccount, now_ms: u64) -> Result<(), VaultError> {
        match self.entries.get(account) {
            None => Err(VaultError::Empty {
                account: account.clone(),
            }),
            Some(entry) if !entry.is_alive(now_ms) => {
                self.entries.remove(account);
                Err(VaultError::Expired {
                    account: account.clone(),
                })
            }
            Some(_) => Ok(()),
        }
    }

    /// The live pair for `account`, for filling the Celigo form; it stays in the vault.
    ///
    /// An expired entry is removed on the spot and reported as [`VaultError::Expired`] (once:
    /// asking again reports [`VaultError::Empty`]).
    pub fn get(
        &mut self,
        account: &NetSuiteAccount,
        now_ms: u64,
    ) -> Result<&TokenPair, VaultError> {
        self.check_alive(account, now_ms)?;
        match self.entries.get(account) {
            Some(entry) => Ok(&entry.pair),
            None => Err(VaultError::Empty {
                account: account.clone(),
            }),
        }
    }

    /// Removes and returns the live pair for `account`: used once the Celigo connection is saved.
    /// Errors as [`Vault::get`].
    pub fn take(
        &mut self,
        account: &NetSuiteAccount,
        now_ms: u64,
    ) -> Result<TokenPair, VaultError> {
        self.check_alive(account, now_ms)?;
        match self.entries.remove(account) {
            Some(entry) => Ok(entry.pair),
            None => Err(VaultError::Empty {
                account: account.clone(),
            }),
        }
    }

    /// Drops (and wipes) the entry for `account`. Returns whether there was one.
    pub fn forget(&mut self, account: &NetSuiteAccount) -> bool {
        self.entries.remove(account).is_some()
    }

    /// Drops (and wipes) every entry.
    pub fn forget_all(&mut self) {
        self.entries.clear();
    }

    /// Drops (and wipes) every expired entry. Returns how many were dropped.
    pub fn purge_expired(&mut self, now_ms: u64) -> usize {
        let before = self.entries.len();
        self.entries.retain(|_, entry| entry.is_alive(now_ms));
        before - self.entries.len()
    }

    /// The earliest `expires_at_ms` among the entries (expired ones included), for scheduling
    /// the next purge; `None` when the vault is empty.
    pub fn next_expiry_ms(&self) -> Option<u64> {
        self.entries.values().map(|entry| entry.expires_at_ms).min()
    }

    /// The form kept in `chrome.storage.session`. Holds the secrets and the key; see
    /// [`StoredVault`]. Expired entries are included (and dropped by [`Vault::from_stored`]).
    pub fn to_stored(&self) -> StoredVault {
        StoredVault {
            version: STORED_VAULT_VERSION,
            ttl_ms: self.ttl_ms,
            fingerprint_key: Sensitive::new(hex_encode(&self.fingerprint_key.expose()[..])),
            entries: self
                .entries
                .iter()
                .map(|(account, entry)| StoredEntry {
                    account: account.clone(),
                    // Secret use: copied into the zeroize-on-drop stored form, for
                    // chrome.storage.session.
                    token_id: entry.pair.token_id.expose().into(),
                    token_secret: entry.pair.token_secret.expose().into(),
                    captured_at_ms: entry.captured_at_ms,
                    expires_at_ms: entry.expires_at_ms,
                    playbook: entry.playbook.clone(),
                    fingerprint: entry.fingerprint.clone(),
                })
                .collect(),
        }
    }

    /// Rebuilds a vault from its stored form after a service-worker restart.
    ///
    /// Every token is re-checked with [`parse_token_part`], every fingerprint recomputed and
    /// compared; anything inconsistent makes the whole store [`VaultError::Corrupt`] (the caller
    /// then starts empty). Expired entries are dropped. An entry's expiry is capped at
    /// `now_ms + ttl_ms`, so a clock that went backwards cannot stretch its life.
    pub fn from_stored(stored: StoredVault, now_ms: u64) -> Result<Vault, VaultError> {
        if stored.version != STORED_VAULT_VERSION {
            return Err(corrupt(format!(
                "layout version {} where {STORED_VAULT_VERSION} was expected",
                stored.version
            )));
        }
        let key = hex_decode_key(stored.fingerprint_key.expose())
            .ok_or_else(|| corrupt("the fingerprint key is not 64 hex characters"))?;
        let mut vault = Vault {
            ttl_ms: stored.ttl_ms,
            fingerprint_key: Sensitive::new(*key),
            entries: BTreeMap::new(),
        };
        for stored_entry in &stored.entries {
            let account = &stored_entry.account;
            let bad_token = |e: crate::token::TokenError| {
                corrupt(format!("entry for {}: {e}", describe(account)))
            };
            let pair = TokenPair {
                token_id: parse_token_part(TokenPart::TokenId, stored_entry.token_id.expose())
                    .map_err(bad_token)?,
                token_secret: parse_token_part(
                    TokenPart::TokenSecret,
                    stored_entry.token_secret.expose(),
                )
                .map_err(bad_token)?,
            };
            if pair.token_id == pair.token_secret {
                return Err(bad_token(crate::token::TokenError::IdEqualsSecret));
            }
            if fingerprint(vault.fingerprint_key.expose(), &pair) != stored_entry.fingerprint {
                return Err(corrupt(format!(
                    "entry for {}: the fingerprint does not match the token",
                    describe(account)
                )));
            }
            let lifetime = stored_entry
                .expires_at_ms
                .checked_sub(stored_entry.captured_at_ms);
            if lifetime.is_none_or(|lifetime| lifetime > vault.ttl_ms) {
                return Err(corrupt(format!(
                    "entry for {}: its times do not fit the vault's lifetime",
                    describe(account)
                )));
            }
            let entry = Entry {
                pair,
                captured_at_ms: stored_entry.captured_at_ms,
                expires_at_ms: stored_entry
                    .expires_at_ms
                    .min(now_ms.saturating_add(vault.ttl_ms)),
                playbook: stored_entry.playbook.clone(),
                fingerprint: stored_entry.fingerprint.clone(),
            };
            if vault.entries.insert(account.clone(), entry).is_some() {
                return Err(corrupt(format!("two entries for {}", describe(account))));
            }
        }
        vault.purge_expired(now_ms);
        Ok(vault)
    }
}

/// The vault as kept in `chrome.storage.session`: tokens and key as hex strings.
///
/// Wiped on drop; `Debug` redacts tokens and key. Fields are private: the secrets are read back
/// only through [`Vault::from_stored`], which re-validates them. Read it from JSON with
/// [`StoredVault::from_json`], whose errors never quote the input.
#[derive(Debug, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct StoredVault {
    version: u32,
    ttl_ms: u64,
    /// 32 bytes as 64 lowercase hex characters.
    fingerprint_key: Sensitive<String>,
    entries: Vec<StoredEntry>,
}

#[derive(Debug, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
struct StoredEntry {
    #[zeroize(skip)]
    account: NetSuiteAccount,
    token_id: Sensitive<String>,
    token_secret: Sensitive<String>,
    captured_at_ms: u64,
    expires_at_ms: u64,
    playbook: String,
    fingerprint: String,
}

impl StoredVault {
    /// Number of stored entries, expired or not.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// JSON text of the stored vault, in a buffer wiped on drop.
    pub fn to_json(&self) -> Zeroizing<String> {
        Zeroizing::new(
            serde_json::to_string(self).expect("a StoredVault always serialises to JSON"),
        )
    }

    /// Reads a stored vault from JSON. The error gives only serde's category and position:
    /// serde's own message can quote the input, which holds the secrets.
    pub fn from_json(json: &str) -> Result<StoredVault, VaultError> {
        serde_json::from_str(json).map_err(|e| {
            corrupt(format!(
                "{:?} error at line {} column {}",
                e.classify(),
                e.line(),
                e.column()
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: [u8; 32] = [7; 32];
    const ID_A: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    const SECRET_A: &str = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
    const ID_B: &str = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    const SECRET_B: &str = "deadbeefcafebabe0badf00d1234abcddeadbeefcafebabe0badf00d1234abcd";
    const T0: u64 = 1_700_000_000_000;

    fn prod() -> NetSuiteAccount {
        NetSuiteAccount {
            id: "1234567".into(),
            environment: Environment::Production,
        }
    }

    fn sandbox() -> NetSuiteAccount {
        NetSuiteAccount {
            id: "1234567_SB1".into(),
            environment: Environment::Sandbox,
        }
    }

    fn pair_a() -> TokenPair {
        TokenPair::parse(ID_A, SECRET_A).unwrap()
    }

    fn pair_b() -> TokenPair {
        TokenPair::parse(ID_B, SECRET_B).unwrap()
    }

    fn vault_with_both() -> Vault {
        let mut vault = Vault::new(KEY, DEFAULT_TTL_MS);
        vault.deposit(prod(), pair_a(), "celigo-netsuite", T0);
        vault.deposit(sandbox(), pair_b(), "celigo-shopify", T0 + 1_000);
        vault
    }

    /// Fails if `text` contains any 16-character window of any test token.
    fn assert_no_secret(text: &str) {
        for value in [ID_A, SECRET_A, ID_B, SECRET_B] {
            for start in 0..=value.len() - 16 {
                let piece = &value[start..start + 16];
                assert!(!text.contains(piece), "{text} contains {piece}");
            }
        }
        assert!(!text.contains(&hex_encode(&KEY)), "{text} contains the key");
    }

    #[test]
    fn two_accounts_never_mix() {
        let mut vault = vault_with_both();
        assert_eq!(vault.get(&prod(), T0).unwrap().token_id.expose(), ID_A);
        assert_eq!(vault.get(&sandbox(), T0).unwrap().token_id.expose(), ID_B);
        assert_eq!(
            vault.get(&sandbox(), T0).unwrap().token_secret.expose(),
            SECRET_B
        );
        // Same ID with another environment is another account.
        let other_env = NetSuiteAccount {
            id: "1234567".into(),
            environment: Environment::Sandbox,
        };
        assert_eq!(
            vault.get(&other_env, T0).unwrap_err(),
            VaultError::Empty { account: other_env }
        );
        assert!(vault.forget(&prod()));
        assert!(vault.get(&prod(), T0).is_err());
        assert_eq!(vault.get(&sandbox(), T0).unwrap().token_id.expose(), ID_B);
    }

    #[test]
    fn deposit_replaces_the_older_entry_of_the_same_account() {
        let mut vault = Vault::new(KEY, DEFAULT_TTL_MS);
        let first = vault.deposit(prod(), pair_a(), "p1", T0);
        let second = vault.deposit(prod(), pair_b(), "p2", T0 + 5_000);
        assert_eq!(vault.len(), 1);
        assert_ne!(first.fingerprint, second.fingerprint);
        assert_eq!(second.playbook, "p2");
        assert_eq!(second.expires_at_ms, T0 + 5_000 + DEFAULT_TTL_MS);
        assert_eq!(
            vault.get(&prod(), T0 + 5_000).unwrap().token_id.expose(),
            ID_B
        );
    }

    #[test]
    fn expiry_is_exactly_at_the_boundary() {
        let ttl = 1_000;
        let mut vault = Vault::new(KEY, ttl);
        vault.deposit(prod(), pair_a(), "p", T0);
        assert_eq!(vault.summaries(T0 + ttl - 1)[0].seconds_left, 1);
        assert!(vault.get(&prod(), T0 + ttl - 1).is_ok());
        assert!(vault.summaries(T0 + ttl).is_empty());
        assert!(vault.summary(&prod(), T0 + ttl).is_none());
        assert_eq!(
            vault.get(&prod(), T0 + ttl).unwrap_err(),
            VaultError::Expired { account: prod() }
        );
        // Purged on access: asking again finds nothing at all.
        assert!(vault.is_empty());
        assert_eq!(
            vault.get(&prod(), T0 + ttl).unwrap_err(),
            VaultError::Empty { account: prod() }
        );
    }

    #[test]
    fn take_removes_and_reports_expiry() {
        let mut vault = vault_with_both();
        let pair = vault.take(&prod(), T0 + 1).unwrap();
        assert_eq!(pair.token_secret.expose(), SECRET_A);
        assert_eq!(
            vault.take(&prod(), T0 + 1).unwrap_err(),
            VaultError::Empty { account: prod() }
        );
        assert_eq!(vault.len(), 1);
        let late = T0 + 1_000 + DEFAULT_TTL_MS;
        assert_eq!(
            vault.take(&sandbox(), late).unwrap_err(),
            VaultError::Expired { account: sandbox() }
        );
        assert!(vault.is_empty());
    }

    #[test]
    fn forget_and_forget_all() {
        let mut vault = vault_with_both();
        assert!(vault.forget(&sandbox()));
        assert!(!vault.forget(&sandbox()));
        assert_eq!(vault.summaries(T0).len(), 1);
        vault.forget_all();
        assert!(vault.is_empty());
        assert!(vault.summaries(T0).is_empty());
        assert_eq!(vault.next_expiry_ms(), None);
    }

    #[test]
    fn purge_expired_and_next_expiry() {
        let mut vault = vault_with_both();
        assert_eq!(vault.next_expiry_ms(), Some(T0 + DEFAULT_TTL_MS));
        assert_eq!(vault.purge_expired(T0 + DEFAULT_TTL_MS - 1), 0);
        assert_eq!(vault.purge_expired(T0 + DEFAULT_TTL_MS), 1);
        assert_eq!(vault.next_expiry_ms(), Some(T0 + 1_000 + DEFAULT_TTL_MS));
        assert_eq!(vault.purge_expired(u64::MAX), 1);
        assert_eq!(vault.next_expiry_ms(), None);
    }

    #[test]
    fn summaries_describe_live_entries_without_secrets() {
        let vault = vault_with_both();
        let summaries = vault.summaries(T0 + 1_500);
        assert_eq!(summaries.len(), 2);
        let s = &summaries[0];
        assert_eq!(s.account, "1234567");
        assert_eq!(s.environment, Environment::Production);
        assert_eq!(s.netsuite_account(), prod());
        assert_eq!(s.playbook, "celigo-netsuite");
        assert_eq!(s.captured_at_ms, T0);
        assert_eq!(s.expires_at_ms, T0 + DEFAULT_TTL_MS);
        assert_eq!(s.seconds_left, 599); // 598.5 s, rounded up
        assert_eq!(s.masked_token_id, "•••• •••• (64 characters)");
        assert_eq!(s.masked_token_secret, "•••• •••• (64 characters)");
        assert_eq!(s.fingerprint, fingerprint(&KEY, &pair_a()));
        assert_eq!(summaries[1].netsuite_account(), sandbox());
        let json = serde_json::to_string(&summaries).unwrap();
        assert_no_secret(&json);
        assert_no_secret(&format!("{summaries:?}"));
    }

    #[test]
    fn fingerprint_is_stable_per_key_and_differs_across_keys() {
        let f = fingerprint(&KEY, &pair_a());
        assert_eq!(f.len(), FINGERPRINT_LEN);
        assert!(f
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
        assert_eq!(f, fingerprint(&KEY, &pair_a()));
        assert_ne!(f, fingerprint(&[8; 32], &pair_a()));
        assert_ne!(f, fingerprint(&KEY, &pair_b()));
        // The separator matters: the halves are not simply concatenated.
        let swapped = TokenPair::parse(SECRET_A, ID_A).unwrap();
        assert_ne!(f, fingerprint(&KEY, &swapped));
    }

    #[test]
    fn fingerprint_matches_a_reference_hmac() {
        // HMAC-SHA256(key = 32 × 0x07, ID_A ‖ 0x00 ‖ SECRET_A), first 4 bytes, computed with
        // Python: hmac.new(bytes([7]*32), ID_A.encode()+b"\0"+SECRET_A.encode(), "sha256").
        assert_eq!(fingerprint(&KEY, &pair_a()), REFERENCE_FINGERPRINT_A);
    }
    const REFERENCE_FINGERPRINT_A: &str = "5bf3d13e";

    #[test]
    fn stored_vault_round_trips_through_json() {
        let vault = vault_with_both();
        let json = vault.to_stored().to_json();
        let stored = StoredVault::from_json(&json).unwrap();
        assert_eq!(stored.len(), 2);
        let mut back = Vault::from_stored(stored, T0 + 2_000).unwrap();
        assert_eq!(back.ttl_ms(), DEFAULT_TTL_MS);
        assert_eq!(back.summaries(T0 + 2_000), vault.summaries(T0 + 2_000));
        assert_eq!(*back.get(&prod(), T0 + 2_000).unwrap(), pair_a());
        assert_eq!(*back.get(&sandbox(), T0 + 2_000).unwrap(), pair_b());
        // The key came back too: new deposits get the same fingerprints.
        let again = back.deposit(prod(), pair_a(), "x", T0 + 3_000);
        assert_eq!(again.fingerprint, fingerprint(&KEY, &pair_a()));
    }

    #[test]
    fn from_stored_drops_expired_entries_and_caps_expiry() {
        let vault = vault_with_both();
        let back = Vault::from_stored(vault.to_stored(), T0 + DEFAULT_TTL_MS).unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(
            back.summaries(T0 + DEFAULT_TTL_MS)[0].netsuite_account(),
            sandbox()
        );
        // The clock went back an hour: entries still expire at most one TTL from "now".
        let earlier = T0 - 3_600_000;
        let back = Vault::from_stored(vault.to_stored(), earlier).unwrap();
        assert_eq!(back.next_expiry_ms(), Some(earlier + DEFAULT_TTL_MS));
    }

    fn stored_json_value() -> serde_json::Value {
        serde_json::from_str(&vault_with_both().to_stored().to_json()).unwrap()
    }

    fn from_value(value: &serde_json::Value) -> Result<Vault, VaultError> {
        let stored = StoredVault::from_json(&value.to_string())?;
        Vault::from_stored(stored, T0)
    }

    #[test]
    fn corrupted_json_is_refused_without_quoting_it() {
        let json = vault_with_both().to_stored().to_json();
        let truncated = &json[..json.len() / 2];
        let cases = [
            truncated.to_owned(),
            String::new(),
            "null".into(),
            "{}".into(),
            json.replace("\"version\":1", "\"version\":\"1\""),
            json.replace(ID_A, &format!("{{\"x\":\"{ID_A}\"}}")),
            json.replace("\"ttl_ms\"", &format!("\"{SECRET_B}\"")),
            json.replace("\"version\":1", &format!("\"version\":\"{SECRET_B}\"")),
        ];
        // serde's own message would quote the value: the reason must not.
        let quoting = json.replace("\"version\":1", &format!("\"version\":\"{SECRET_B}\""));
        let raw = serde_json::from_str::<StoredVault>(&quoting).err().unwrap();
        assert!(raw.to_string().contains(SECRET_B));
        for case in cases {
            let err = StoredVault::from_json(&case).unwrap_err();
            assert!(matches!(err, VaultError::Corrupt { .. }), "{err:?}");
            assert_no_secret(&err.to_string());
            assert_no_secret(&format!("{err:?}"));
        }
    }

    #[test]
    fn corrupted_contents_are_refused_without_quoting_them() {
        type Edit = fn(&mut serde_json::Value);
        let edits: [(&str, Edit); 8] = [
            ("version", |v| v["version"] = 2.into()),
            ("short key", |v| v["fingerprint_key"] = "abcd".into()),
            ("non-hex key", |v| {
                v["fingerprint_key"] = "z".repeat(64).into()
            }),
            ("short token", |v| {
                v["entries"][0]["token_id"] = ID_A[..63].into();
            }),
            ("non-hex token", |v| {
                v["entries"][1]["token_secret"] = format!("{}g", &SECRET_B[..63]).into();
            }),
            ("id equals secret", |v| {
                v["entries"][0]["token_secret"] = ID_A.into();
            }),
            ("fingerprint", |v| {
                v["entries"][0]["fingerprint"] = "00000000".into()
            }),
            ("lifetime", |v| {
                v["entries"][0]["expires_at_ms"] = (T0 + DEFAULT_TTL_MS + 1).into();
            }),
        ];
        for (name, edit) in edits {
            let mut value = stored_json_value();
            edit(&mut value);
            let err = from_value(&value).unwrap_err();
            assert!(matches!(err, VaultError::Corrupt { .. }), "{name}: {err:?}");
            assert_no_secret(&err.to_string());
        }
        // Two entries for one account.
        let mut value = stored_json_value();
        value["entries"][1] = value["entries"][0].clone();
        let err = from_value(&value).unwrap_err();
        assert!(err
            .to_string()
            .contains("two entries for 1234567 (production)"));
        // Expiry before capture.
        let mut value = stored_json_value();
        value["entries"][0]["captured_at_ms"] = (T0 + 1).into();
        value["entries"][0]["expires_at_ms"] = T0.into();
        assert!(from_value(&value).is_err());
    }

    #[test]
    fn debug_of_vault_and_stored_vault_shows_no_secret() {
        let vault = vault_with_both();
        for shown in [
            format!("{vault:?}"),
            format!("{vault:#?}"),
            format!("{:?}", vault.to_stored()),
            format!("{:#?}", vault.to_stored()),
        ] {
            assert!(shown.contains("[REDACTED]"));
            assert!(shown.contains("1234567_SB1"));
            assert_no_secret(&shown);
        }
    }

    #[test]
    fn stored_vault_json_holds_the_secrets_and_is_zeroizable() {
        let mut stored = vault_with_both().to_stored();
        assert!(stored.to_json().contains(SECRET_B));
        stored.zeroize();
        assert!(stored.is_empty());
        assert!(stored.fingerprint_key.is_empty());
        fn assert_zeroize_on_drop<T: ZeroizeOnDrop>() {}
        assert_zeroize_on_drop::<StoredVault>();
    }

    #[test]
    fn error_messages_read_as_documented() {
        assert_eq!(
            VaultError::Empty { account: sandbox() }.to_string(),
            "No token captured for 1234567_SB1 (sandbox). Create one on NetSuite's New Access \
             Token page with tba-assist open."
        );
        let expired = VaultError::Expired { account: prod() }.to_string();
        assert!(expired.starts_with("The token captured for 1234567 (production) has expired"));
        let rp = NetSuiteAccount {
            id: "1234567_RP".into(),
            environment: Environment::ReleasePreview,
        };
        assert!(VaultError::Empty { account: rp }
            .to_string()
            .contains("1234567_RP (release preview)"));
    }
}
