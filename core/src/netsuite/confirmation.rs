//! Finding the Token ID and Secret on the page NetSuite shows once after saving a token.
//!
//! Nobody outside Oracle has published that page's markup, so nothing here relies on an id: a
//! value is a withheld hex word of credential length (the executor sends its shape, never its
//! text) in any element, a text, a table cell or a read-only input, and which of the two it is
//! comes from the label before it ("Token ID", "Token Secret", synonyms in
//! `locators/netsuite.toml`). When labels do not settle it but there are exactly two values and
//! the page names the Token ID first, they are taken in that order, as NetSuite writes them.

use crate::locator::{has_hex_shape, normalize};
use crate::protocol::{Handle, Snapshot};

/// Where one value is: the element to capture, and which long word of its text is the value
/// (a block such as "Token ID: <hex>" holds the label too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    pub handle: Handle,
    pub word: usize,
}

/// The two places, Token ID first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    pub token_id: Spot,
    pub token_secret: Spot,
}

#[derive(Debug, Clone, PartialEq)]
struct Candidate {
    spot: Spot,
    /// The text that names it: what precedes the value in its block, or the block, label or
    /// control label before it.
    label: String,
}

const PLACEHOLDER_END: &str = " characters]";

/// The withheld words of a text, in order, with the text before each.
fn placeholders(text: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut before = String::new();
    while let Some(start) = rest.find('[') {
        let Some(len) = rest[start..].find(PLACEHOLDER_END) else {
            break;
        };
        let inner = &rest[start + 1..start + len];
        let is_word = inner
            .split(' ')
            .next()
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        before.push_str(&rest[..start]);
        if is_word {
            out.push((before.trim().to_owned(), inner.ends_with(" hex")));
            before.clear();
        }
        rest = &rest[start + len + PLACEHOLDER_END.len()..];
    }
    out
}

fn candidates(snap: &Snapshot) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut previous = String::new();
    for b in snap.texts.iter().filter(|b| b.visible) {
        if b.opaque.is_some_and(|o| o.hex && o.len >= 32) {
            out.push(Candidate {
                spot: Spot {
                    handle: b.handle,
                    word: 0,
                },
                label: previous.clone(),
            });
            continue;
        }
        let Some(text) = b.text.as_deref() else {
            continue;
        };
        if has_hex_shape(b) {
            for (word, (before, hex)) in placeholders(text).into_iter().enumerate() {
                if hex {
                    let label = if before.is_empty() {
                        previous.clone()
                    } else {
                        before
                    };
                    out.push(Candidate {
                        spot: Spot {
                            handle: b.handle,
                            word,
                        },
                        label,
                    });
                }
            }
        } else if !text.trim().is_empty() {
            previous = text.to_owned();
        }
    }
    for c in snap.controls.iter().filter(|c| c.visible) {
        if c.value_opaque.is_some_and(|o| o.hex && o.len >= 32) {
            let label = if c.label.is_empty() {
                &c.nearby
            } else {
                &c.label
            };
            out.push(Candidate {
                spot: Spot {
                    handle: c.handle,
                    word: 0,
                },
                label: label.clone(),
            });
        }
    }
    out
}

fn names(label: &str, synonyms: &[String]) -> bool {
    let label = normalize(label);
    synonyms.iter().any(|s| {
        let s = normalize(s);
        label == s || label.ends_with(&format!(" {s}")) || label.starts_with(&format!("{s} "))
    })
}

/// The Token ID and Secret's places, or what is wrong, for the person.
pub fn find_pair(
    snap: &Snapshot,
    id_labels: &[String],
    secret_labels: &[String],
) -> Result<Pair, String> {
    let all = candidates(snap);
    let labelled = |syn: &[String]| -> Vec<Spot> {
        all.iter()
            .filter(|c| names(&c.label, syn))
            .map(|c| c.spot)
            .collect()
    };
    let (ids, secrets) = (labelled(id_labels), labelled(secret_labels));
    if let ([id], [secret]) = (ids.as_slice(), secrets.as_slice()) {
        if id != secret {
            return Ok(Pair {
                token_id: *id,
                token_secret: *secret,
            });
        }
    }
    // Labels in a header row above the values, or none at all: two values, in NetSuite's order.
    if let [first, second] = all.as_slice() {
        return Ok(Pair {
            token_id: first.spot,
            token_secret: second.spot,
        });
    }
    Err(match all.len() {
        0 => "no Token ID or Token Secret value is on this page".to_owned(),
        1 => "only one token-like value is on this page, where two were expected".to_owned(),
        n => format!(
            "{n} token-like values are on this page and their labels do not say which is which"
        ),
    })
}

/// The `word`-th long word of a captured text: the value itself.
pub fn word_of(text: &str, word: usize) -> Option<&str> {
    text.split(|c: char| c.is_whitespace() || c == ':')
        .filter(|w| w.len() >= 32)
        .nth(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{confirmation, control, text_block};
    use crate::protocol::Opaque;
    use crate::recognize::{recognize, PageKind};

    /// What `recognize` names the token page showing `snap`: the confirmation is told by the
    /// locator data's labels and shape, the same words this module looks for.
    fn confirmation_page(snap: &Snapshot) -> Option<PageKind> {
        recognize(
            "https://1234567.app.netsuite.com/app/setup/accesstoken.nl?id=5",
            snap,
        )
        .page
    }

    fn labels() -> (Vec<String>, Vec<String>) {
        (
            vec!["Token ID".into(), "Token Id".into()],
            vec!["Token Secret".into()],
        )
    }

    fn find(snap: &Snapshot) -> Result<Pair, String> {
        let (i, s) = labels();
        find_pair(snap, &i, &s)
    }

    const fn at(handle: Handle, word: usize) -> Spot {
        Spot { handle, word }
    }

    #[test]
    fn values_after_their_labels() {
        let p = find(&confirmation()).unwrap();
        assert_eq!((p.token_id, p.token_secret), (at(2, 0), at(4, 0)));
    }

    #[test]
    fn secret_first_on_the_page_is_still_the_secret() {
        let snap = Snapshot {
            texts: vec![
                text_block(1, Some("TOKEN SECRET")),
                text_block(2, None),
                text_block(3, Some("Token ID:")),
                text_block(4, None),
            ],
            ..Default::default()
        };
        let p = find(&snap).unwrap();
        assert_eq!((p.token_id, p.token_secret), (at(4, 0), at(2, 0)));
    }

    #[test]
    fn a_header_row_above_the_values_is_taken_in_order() {
        let snap = Snapshot {
            texts: vec![
                text_block(1, Some("Token ID")),
                text_block(2, Some("Token Secret")),
                text_block(3, None),
                text_block(4, None),
            ],
            ..Default::default()
        };
        let p = find(&snap).unwrap();
        assert_eq!((p.token_id, p.token_secret), (at(3, 0), at(4, 0)));
    }

    #[test]
    fn one_block_holding_both() {
        let mut b = text_block(
            7,
            Some("Token ID: [64 hex characters] Token Secret: [64 hex characters]"),
        );
        b.opaque = None;
        let snap = Snapshot {
            texts: vec![b],
            ..Default::default()
        };
        let p = find(&snap).unwrap();
        assert_eq!((p.token_id, p.token_secret), (at(7, 0), at(7, 1)));
        let text = format!(
            "Token ID: {} Token Secret: {}",
            "a".repeat(64),
            "b".repeat(64)
        );
        assert_eq!(word_of(&text, 1), Some("b".repeat(64).as_str()));
    }

    #[test]
    fn read_only_inputs() {
        let field = |h, label: &str| {
            let mut c = control(h, "input", "text", &format!("f{h}"));
            c.readonly = true;
            c.nearby = label.into();
            c.value_opaque = Some(Opaque { len: 64, hex: true });
            c
        };
        let snap = Snapshot {
            controls: vec![field(1, "TOKEN ID"), field(2, "TOKEN SECRET")],
            ..Default::default()
        };
        let p = find(&snap).unwrap();
        assert_eq!((p.token_id, p.token_secret), (at(1, 0), at(2, 0)));
        // With the labels' own text on the page, as NetSuite's label spans are, it is the
        // confirmation.
        let mut shown = snap.clone();
        shown.texts = vec![
            text_block(3, Some("Token ID")),
            text_block(4, Some("Token Secret")),
        ];
        assert_eq!(
            confirmation_page(&shown),
            Some(PageKind::NetsuiteTokenConfirmation)
        );
    }

    #[test]
    fn what_cannot_be_told_apart_is_refused() {
        let mut snap = confirmation();
        snap.texts.push(text_block(5, None));
        assert!(find(&snap).unwrap_err().contains("3 token-like values"));
        let labels_only = Snapshot {
            texts: vec![text_block(1, Some("Token ID"))],
            ..Default::default()
        };
        assert!(find(&labels_only).unwrap_err().contains("no Token ID"));
        // Such a page is still the confirmation (so it warns loudly); an empty one is not.
        assert_eq!(
            confirmation_page(&labels_only),
            Some(PageKind::NetsuiteTokenConfirmation)
        );
        assert_ne!(
            confirmation_page(&Snapshot::default()),
            Some(PageKind::NetsuiteTokenConfirmation)
        );
    }

    #[test]
    fn a_non_hex_word_is_not_a_token() {
        let mut b = text_block(1, Some("Reference [40 characters]"));
        b.opaque = None;
        let snap = Snapshot {
            texts: vec![text_block(2, Some("Token ID")), b],
            ..Default::default()
        };
        assert!(find(&snap).is_err());
    }
}
