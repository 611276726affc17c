//! A value that may be a secret, on its way across the wire or into storage: what a `fill`
//! types, what the executor read back or captured, the vault's stored tokens and key.
//!
//! In the manner of Bitwarden's `Sensitive<T>` (`bitwarden/sdk-internal`,
//! `crates/bitwarden-sensitive-value`): `Debug` never shows the value, it is wiped when dropped,
//! and serde sees through it, because these values must cross to the executor and to
//! `chrome.storage.session` (the only two places they go). Getting at the value is explicit
//! ([`Sensitive::expose`]), so every use can be found with one search.

use serde::{Deserialize, Serialize};
use std::fmt;
use zeroize::{Zeroize, ZeroizeOnDrop};

#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
#[serde(transparent)]
pub struct Sensitive<T: Zeroize>(T);

impl<T: Zeroize> Sensitive<T> {
    pub fn new(value: T) -> Self {
        Sensitive(value)
    }

    /// The value itself. A call site says where the value goes.
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl Sensitive<String> {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for Sensitive<String> {
    fn from(value: String) -> Self {
        Sensitive(value)
    }
}

impl From<&str> for Sensitive<String> {
    fn from(value: &str) -> Self {
        Sensitive(value.to_owned())
    }
}

impl<T: Zeroize> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_and_serde_sees_through() {
        let s = Sensitive::from("d9f8e7c6");
        assert_eq!(format!("{s:?}"), "[REDACTED]");
        assert_eq!(format!("{:?}", Some(s.clone())), "Some([REDACTED])");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"d9f8e7c6\"");
        let back: Sensitive<String> = serde_json::from_str("\"d9f8e7c6\"").unwrap();
        assert_eq!(back, s);
        assert_eq!(back.expose(), "d9f8e7c6");
    }

    #[test]
    fn wiped_on_drop() {
        fn assert_zeroize_on_drop<T: ZeroizeOnDrop>() {}
        assert_zeroize_on_drop::<Sensitive<String>>();
        assert_zeroize_on_drop::<Sensitive<[u8; 32]>>();
        let mut s = Sensitive::from("abc");
        s.zeroize();
        assert!(s.is_empty());
    }
}
