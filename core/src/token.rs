//! The NetSuite access token's two halves, the Token ID and the Token Secret, as tba-assist holds
//! them: checked, normalised, redacted in every printout and wiped from memory when dropped.
//!
//! NetSuite shows both values once, on the confirmation page after an access token is saved.
//! Every published example is 64 lowercase hexadecimal characters, so that is what
//! [`parse_token_part`] accepts (upper case is folded to lower case, surrounding whitespace is
//! trimmed). Error messages say *what* is wrong and *where* (a length, a position), never which
//! characters were there: they end up in the side panel, in logs and in bug reports.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::sensitive::Sensitive;
use zeroize::{ZeroizeOnDrop, Zeroizing};

/// Number of characters of a Token ID or Token Secret.
pub const TOKEN_LEN: usize = 64;

/// What a caller is shown instead of a secret.
const REDACTED: &str = "[REDACTED]";

/// A Token ID or Token Secret: 64 lowercase hex characters, wiped from memory on drop.
///
/// `Debug` and `Display` print `[REDACTED]`. There is no `Serialize` and no `Clone`: the value
/// leaves this type only through [`Secret::expose`]. The only way to make one is
/// [`parse_token_part`] (or [`TokenPair::parse`]), so every `Secret` holds a checked value.
#[derive(Debug)]
pub struct Secret(Sensitive<String>);

impl Secret {
    /// The secret value itself.
    ///
    /// Call sites must be few, and each must carry a comment saying why it needs the value and
    /// where the value goes (for example: "filled into Celigo's Token ID field"). Do not copy the
    /// returned `&str` into a `String` that is not itself zeroized.
    pub fn expose(&self) -> &str {
        self.0.expose()
    }

    /// Number of characters (always [`TOKEN_LEN`] for a parsed secret). Reveals nothing else.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always `false` for a parsed secret; present because `len` is.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// Byte-by-byte comparison, which may return early at the first difference. That is acceptable:
/// equality is only used to catch a copy mistake (the same value pasted into both fields) and in
/// tests, never to check a secret supplied by an attacker, so its timing reveals nothing useful.
impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.0.expose().as_bytes() == other.0.expose().as_bytes()
    }
}

impl Eq for Secret {}

// `Sensitive` wipes the value in its own `Drop`; this marker says so to generic code.
impl ZeroizeOnDrop for Secret {}

/// Which half of an access token a value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenPart {
    TokenId,
    TokenSecret,
}

impl TokenPart {
    /// The name NetSuite's confirmation page uses: "Token ID" or "Token Secret".
    pub fn name(self) -> &'static str {
        match self {
            TokenPart::TokenId => "Token ID",
            TokenPart::TokenSecret => "Token Secret",
        }
    }
}

impl fmt::Display for TokenPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a pasted or captured Token ID / Token Secret was refused.
///
/// Messages name the part, a length or a position, and never contain the value or any character
/// of it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TokenError {
    #[error(
        "The {part} is empty. Copy it from the confirmation page NetSuite shows after saving the \
         access token, or create a new token."
    )]
    Empty { part: TokenPart },

    #[error(
        "The {part} has {found} {unit}; NetSuite shows {TOKEN_LEN}. Copy it again from the \
         confirmation page, or create a new token.",
        unit = if *found == 1 { "character" } else { "characters" }
    )]
    WrongLength { part: TokenPart, found: usize },

    /// `position` counts characters from 1, after surrounding whitespace is trimmed.
    #[error(
        "The {part} is not valid: character {position} is not 0-9 or a-f. Copy it again from \
         the confirmation page, or create a new token."
    )]
    NotHex { part: TokenPart, position: usize },

    #[error(
        "The Token ID and the Token Secret are identical, so one of them was pasted twice. Copy \
         each from its own line on NetSuite's confirmation page."
    )]
    IdEqualsSecret,
}

/// Checks and normalises one half of an access token.
///
/// Surrounding whitespace is trimmed; what remains must be exactly 64 characters `0-9`, `a-f` or
/// `A-F`; upper case is folded to lower case. The value is copied once, into a zeroizing buffer
/// allocated at its final size, so no un-wiped copy is left behind by this function (the caller
/// owns `raw` and is responsible for it).
pub fn parse_token_part(part: TokenPart, raw: &str) -> Result<Secret, TokenError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(TokenError::Empty { part });
    }
    let found = trimmed.chars().count();
    if found != TOKEN_LEN {
        return Err(TokenError::WrongLength { part, found });
    }
    if let Some(index) = trimmed.chars().position(|c| !c.is_ascii_hexdigit()) {
        return Err(TokenError::NotHex {
            part,
            position: index + 1,
        });
    }
    // All 64 characters are ASCII, so this is 64 bytes and the buffer never reallocates (a
    // reallocation would leave an un-wiped copy behind).
    let mut value = Zeroizing::new(String::with_capacity(TOKEN_LEN));
    value.extend(trimmed.chars().map(|c| c.to_ascii_lowercase()));
    debug_assert_eq!(value.capacity(), TOKEN_LEN);
    // The characters move into the secret; the emptied buffer is wiped by `Zeroizing` anyway.
    Ok(Secret(Sensitive::new(std::mem::take(&mut *value))))
}

/// The Token ID and Token Secret of one NetSuite access token.
///
/// `Debug` shows only `[REDACTED]` for both halves. No `Clone`, no `Serialize`.
#[derive(Debug, PartialEq, Eq)]
pub struct TokenPair {
    pub token_id: Secret,
    pub token_secret: Secret,
}

impl TokenPair {
    /// Parses both halves with [`parse_token_part`] (the Token ID's error is reported first) and
    /// refuses a pair whose two halves are identical after normalisation, a copy mistake.
    pub fn parse(id_raw: &str, secret_raw: &str) -> Result<TokenPair, TokenError> {
        let token_id = parse_token_part(TokenPart::TokenId, id_raw)?;
        let token_secret = parse_token_part(TokenPart::TokenSecret, secret_raw)?;
        if token_id == token_secret {
            return Err(TokenError::IdEqualsSecret);
        }
        Ok(TokenPair {
            token_id,
            token_secret,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ID: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    const SECRET: &str = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

    fn check(part: TokenPart, raw: &str) -> Result<String, TokenError> {
        parse_token_part(part, raw).map(|s| s.expose().to_owned())
    }

    #[test]
    fn table_of_good_inputs() {
        let upper = ID.to_ascii_uppercase();
        let cases: Vec<(String, &str)> = vec![
            (ID.to_owned(), ID),
            (upper.clone(), ID),
            (format!("  {ID}  "), ID),
            (format!("\t{ID}\r\n"), ID),
            (format!("\u{a0}{upper}\n"), ID),
            (SECRET.to_owned(), SECRET),
            (
                "a".repeat(64),
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            ),
        ];
        for (raw, want) in cases {
            assert_eq!(
                check(TokenPart::TokenId, &raw).as_deref(),
                Ok(want),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn table_of_bad_inputs() {
        use TokenError::*;
        use TokenPart::*;
        let with_g = format!("{}g{}", &ID[..11], &ID[12..]);
        let with_inner_space = format!("{} {}", &ID[..31], &ID[32..]);
        let with_dash_first = format!("-{}", &ID[1..]);
        let with_accent_last = format!("{}é", &ID[..63]);
        let cases: Vec<(TokenPart, String, TokenError)> = vec![
            (TokenId, String::new(), Empty { part: TokenId }),
            (TokenSecret, " \t\n ".into(), Empty { part: TokenSecret }),
            (
                TokenId,
                ID[..63].into(),
                WrongLength {
                    part: TokenId,
                    found: 63,
                },
            ),
            (
                TokenId,
                format!("{ID}0"),
                WrongLength {
                    part: TokenId,
                    found: 65,
                },
            ),
            (
                TokenId,
                "a".into(),
                WrongLength {
                    part: TokenId,
                    found: 1,
                },
            ),
            (
                TokenSecret,
                format!("Token Secret: {SECRET}"),
                WrongLength {
                    part: TokenSecret,
                    found: 78,
                },
            ),
            // A zero-width space is not whitespace to `trim`, and counts as a character.
            (
                TokenId,
                format!("{ID}\u{200b}"),
                WrongLength {
                    part: TokenId,
                    found: 65,
                },
            ),
            // Lengths are counted in characters, not bytes.
            (
                TokenId,
                "é".repeat(64),
                NotHex {
                    part: TokenId,
                    position: 1,
                },
            ),
            (
                TokenId,
                with_g,
                NotHex {
                    part: TokenId,
                    position: 12,
                },
            ),
            (
                TokenId,
                with_inner_space,
                NotHex {
                    part: TokenId,
                    position: 32,
                },
            ),
            (
                TokenSecret,
                with_dash_first,
                NotHex {
                    part: TokenSecret,
                    position: 1,
                },
            ),
            (
                TokenSecret,
                with_accent_last,
                NotHex {
                    part: TokenSecret,
                    position: 64,
                },
            ),
            (
                TokenId,
                format!("0x{}", &ID[2..]),
                NotHex {
                    part: TokenId,
                    position: 2,
                },
            ),
        ];
        for (part, raw, want) in cases {
            assert_eq!(check(part, &raw), Err(want), "{raw:?}");
        }
    }

    #[test]
    fn messages_read_as_documented() {
        let e = TokenError::WrongLength {
            part: TokenPart::TokenId,
            found: 63,
        };
        assert_eq!(
            e.to_string(),
            "The Token ID has 63 characters; NetSuite shows 64. Copy it again from the \
             confirmation page, or create a new token."
        );
        let e = TokenError::WrongLength {
            part: TokenPart::TokenSecret,
            found: 1,
        };
        assert!(e
            .to_string()
            .starts_with("The Token Secret has 1 character; "));
        let e = TokenError::NotHex {
            part: TokenPart::TokenSecret,
            position: 12,
        };
        assert!(e.to_string().contains("character 12 is not 0-9 or a-f"));
        assert!(e.to_string().contains("Token Secret"));
        assert_eq!(TokenPart::TokenId.to_string(), "Token ID");
        assert_eq!(TokenPart::TokenSecret.name(), "Token Secret");
    }

    #[test]
    fn pair_parses_and_normalises() {
        let pair = TokenPair::parse(&format!(" {} ", ID.to_ascii_uppercase()), SECRET).unwrap();
        assert_eq!(pair.token_id.expose(), ID);
        assert_eq!(pair.token_secret.expose(), SECRET);
        assert_eq!(pair.token_id.len(), TOKEN_LEN);
        assert!(!pair.token_id.is_empty());
    }

    #[test]
    fn pair_refuses_identical_halves_even_with_different_case() {
        assert_eq!(TokenPair::parse(ID, ID), Err(TokenError::IdEqualsSecret));
        assert_eq!(
            TokenPair::parse(ID, &format!("{}\n", ID.to_ascii_uppercase())),
            Err(TokenError::IdEqualsSecret)
        );
        let msg = TokenError::IdEqualsSecret.to_string();
        assert!(msg.contains("identical") && !msg.contains(ID));
    }

    #[test]
    fn pair_reports_the_token_id_first_then_the_secret() {
        assert_eq!(
            TokenPair::parse("", ""),
            Err(TokenError::Empty {
                part: TokenPart::TokenId
            })
        );
        assert_eq!(
            TokenPair::parse(ID, &SECRET[1..]),
            Err(TokenError::WrongLength {
                part: TokenPart::TokenSecret,
                found: 63
            })
        );
    }

    #[test]
    fn secret_equality_compares_values() {
        let a = parse_token_part(TokenPart::TokenId, ID).unwrap();
        let b = parse_token_part(TokenPart::TokenSecret, &ID.to_ascii_uppercase()).unwrap();
        let c = parse_token_part(TokenPart::TokenId, SECRET).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn debug_and_display_never_show_the_value() {
        let pair = TokenPair::parse(ID, SECRET).unwrap();
        for shown in [
            format!("{:?}", pair.token_id),
            format!("{:#?}", pair.token_secret),
            format!("{}", pair.token_id),
            format!("{pair:?}"),
            format!("{pair:#?}"),
        ] {
            assert!(shown.contains("[REDACTED]"), "{shown}");
            assert_no_window_of(&shown, ID, 4);
            assert_no_window_of(&shown, SECRET, 4);
        }
    }

    fn assert_zeroize_on_drop<T: ZeroizeOnDrop>() {}

    #[test]
    fn secret_is_zeroize_on_drop() {
        assert_zeroize_on_drop::<Secret>();
    }

    /// Fails if `text` contains any `n`-character window of `value` (hence any longer substring).
    fn assert_no_window_of(text: &str, value: &str, n: usize) {
        let chars: Vec<char> = value.chars().collect();
        for window in chars.windows(n) {
            let needle: String = window.iter().collect();
            assert!(
                !text.contains(&needle),
                "{text:?} contains {needle:?}, a piece of the input"
            );
        }
    }

    fn all_messages(part: TokenPart, raw: &str) -> Vec<String> {
        let mut out = Vec::new();
        if let Err(e) = parse_token_part(part, raw) {
            out.push(e.to_string());
            out.push(format!("{e:?}"));
        }
        for result in [TokenPair::parse(raw, SECRET), TokenPair::parse(ID, raw)] {
            match result {
                Err(e) => {
                    out.push(e.to_string());
                    out.push(format!("{e:?}"));
                }
                Ok(pair) => out.push(format!("{pair:?}")),
            }
        }
        out
    }

    proptest! {
        // Token-like inputs: hex digits, both cases, plus characters a mangled copy might carry.
        // The space is left out on purpose: " 12 " is both a legitimate input piece and part of
        // "character 12 is", a coincidence that would be no leak. Lengths stay below 1000 so a
        // reported length or position (at most 3 digits) cannot equal a 4-character piece.
        #[test]
        fn errors_never_contain_a_piece_of_a_token_like_input(
            raw in "[0-9a-fA-FgGxXzZ#!\t\n\u{200b}\u{e9}]{0,200}",
            part in prop_oneof![Just(TokenPart::TokenId), Just(TokenPart::TokenSecret)],
        ) {
            for message in all_messages(part, &raw) {
                assert_no_window_of(&message, &raw, 4);
            }
        }

        #[test]
        fn errors_never_contain_a_piece_of_a_mangled_token(
            token in "[0-9a-f]{64}",
            cut in 0usize..64,
            insert in "[^ ]{0,3}",
        ) {
            let raw = format!("{}{}{}", &token[..cut], insert, &token[cut + 1..]);
            for message in all_messages(TokenPart::TokenSecret, &raw) {
                assert_no_window_of(&message, &raw, 4);
            }
        }

        #[test]
        fn errors_never_contain_a_piece_of_any_input(raw in "\\PC{0,300}") {
            for message in all_messages(TokenPart::TokenId, &raw) {
                // Spaces-only pieces and digits such as " 12 " or "100 " may coincide with the
                // message's own text; they are not secret material, so skip pieces without a
                // letter that could come from a token.
                let chars: Vec<char> = raw.chars().collect();
                for window in chars.windows(4) {
                    let needle: String = window.iter().collect();
                    if needle.chars().any(|c| c.is_alphabetic()) {
                        prop_assert!(!message.contains(&needle), "{message:?} contains {needle:?}");
                    }
                }
            }
        }

        #[test]
        fn valid_tokens_round_trip_and_never_show_in_debug(token in "[0-9a-fA-F]{64}") {
            let secret = parse_token_part(TokenPart::TokenId, &token).unwrap();
            let lower = token.to_ascii_lowercase();
            prop_assert_eq!(secret.expose(), lower.as_str());
            prop_assert_eq!(format!("{secret:?}"), "Secret([REDACTED])");
            prop_assert_eq!(format!("{secret}"), "[REDACTED]");
        }
    }
}
