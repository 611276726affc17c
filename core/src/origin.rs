//! Which sites tba-assist works on, and so which pages may ever receive a secret.
//!
//! The allow-list is exact (fact sheet §1 and §4, "Domains"):
//!
//! - NetSuite: `https://<account label>.app.netsuite.com`, where the label is a valid account
//!   label (`1234567`, `1234567-sb1`, `1234567-rp`, `tstdrv1234567`; see
//!   [`NetSuiteAccount::from_host_label`]).
//! - Celigo integrator.io: `https://integrator.io` ([`Region::Us`]) and
//!   `https://eu.integrator.io` ([`Region::Eu`]).
//!
//! URLs are parsed with the `url` crate, which follows the WHATWG URL standard as browsers do:
//! upper case hosts are lowered, `:443` is dropped from https, international names become
//! `xn--` punycode (so a homograph such as a Cyrillic `і` in `іntegrator.io` simply fails the
//! exact comparison). On top of that, [`classify`] refuses:
//!
//! - any scheme but `https` (no `http:`, `blob:`, `data:` …);
//! - a port other than the default one;
//! - a user name or password (`https://integrator.io@evil.test/`): the origin it reaches is
//!   the host after the `@`, and the user-info is there to mislead;
//! - IP addresses;
//! - a host with a trailing dot (`integrator.io.`). It reaches the same server, but the
//!   browser treats it as a different origin (its own cookies, storage and permissions), and
//!   secrets go only to the canonical origin, so it is refused on purpose;
//! - every other host, including look-alikes such as `app.netsuite.com.evil.test`,
//!   `api.integrator.io` or `x.1234567.app.netsuite.com`.
//!
//! Error messages name the host at most, never the rest of the URL (its path or query could
//! carry anything), and say what to do next.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;
use url::{Host, Url};

use crate::celigo::region::Region;
use crate::netsuite::account::{AccountError, NetSuiteAccount, UI_HOST_SUFFIX};

/// Every integrator.io region; each one's host is [`celigo_host`].
pub const REGIONS: [Region; 2] = [Region::Us, Region::Eu];

/// What to tell the person when a page is not one of ours.
const WHERE_TO_GO: &str = "tba-assist works only on https://<account>.app.netsuite.com, \
                           https://integrator.io and https://eu.integrator.io; open NetSuite or \
                           Celigo by typing that address or from a bookmark you trust.";

/// A site tba-assist works on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Site {
    /// A NetSuite account's UI, `https://<label>.app.netsuite.com`.
    #[serde(rename = "netsuite")]
    NetSuite(NetSuiteAccount),
    /// Celigo integrator.io, `https://integrator.io` or `https://eu.integrator.io`.
    #[serde(rename = "celigo")]
    Celigo(Region),
}

impl Site {
    /// The host, e.g. `1234567-sb1.app.netsuite.com` or `eu.integrator.io`.
    pub fn host(&self) -> String {
        match self {
            Site::NetSuite(account) => account.ui_host(),
            Site::Celigo(region) => celigo_host(*region).to_owned(),
        }
    }

    /// The web origin, e.g. `https://1234567-sb1.app.netsuite.com` (no trailing `/`).
    pub fn origin(&self) -> String {
        format!("https://{}", self.host())
    }
}

impl fmt::Display for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Site::NetSuite(account) => write!(f, "NetSuite account {account}"),
            Site::Celigo(region) => write!(f, "Celigo integrator.io ({})", celigo_host(*region)),
        }
    }
}

/// The integrator.io UI host of a region: `integrator.io`, `eu.integrator.io`.
pub fn celigo_host(region: Region) -> &'static str {
    match region {
        Region::Us => "integrator.io",
        Region::Eu => "eu.integrator.io",
    }
}

/// Why a URL is not a site tba-assist works on (and so must never receive a secret).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OriginError {
    #[error("This is not a web address ({0}). {WHERE_TO_GO}")]
    NotAUrl(#[source] url::ParseError),

    #[error(
        "The page{} uses {scheme}: rather than https:, so tba-assist will not work on it or \
         put secrets on it. Open the https:// address instead. {WHERE_TO_GO}",
        on_host(.host)
    )]
    Scheme {
        scheme: String,
        host: Option<String>,
    },

    #[error(
        "The address of {host} carries a user name or password before an '@', a common trick \
         to make one site look like another; tba-assist will not put secrets on it. {WHERE_TO_GO}"
    )]
    UserInfo { host: String },

    #[error(
        "{host} is reached on port {port} rather than the standard https port, so it is not the \
         real NetSuite or Celigo site. Remove ':{port}' from the address. {WHERE_TO_GO}"
    )]
    Port { host: String, port: u16 },

    #[error("The address has no host name. {WHERE_TO_GO}")]
    NoHost,

    #[error(
        "{host} is an IP address, not NetSuite's or Celigo's host name; tba-assist will not put \
         secrets on it. {WHERE_TO_GO}"
    )]
    IpAddress { host: String },

    #[error(
        "{host} ends with a dot. It reaches the same server, but the browser treats it as a \
         different site, and tba-assist gives secrets only to the address without the dot. \
         Remove the final '.' from the host name and load the page again."
    )]
    TrailingDot { host: String },

    #[error(
        "{host} is neither a NetSuite account host nor Celigo integrator.io, so tba-assist will \
         not work on it or put secrets on it. {WHERE_TO_GO}"
    )]
    UnknownHost { host: String },

    #[error("{host} is under app.netsuite.com but is not an account's host. {source}")]
    NotAnAccountHost {
        host: String,
        #[source]
        source: AccountError,
    },
}

fn on_host(host: &Option<String>) -> String {
    match host {
        Some(h) => format!(" on {h}"),
        None => String::new(),
    }
}

/// Says which of our sites `url` is on, or why it is none of them. Never panics.
pub fn classify(url: &str) -> Result<Site, OriginError> {
    let parsed = Url::parse(url).map_err(OriginError::NotAUrl)?;
    let host_text = parsed.host_str().map(str::to_owned);

    if parsed.scheme() != "https" {
        return Err(OriginError::Scheme {
            scheme: parsed.scheme().to_owned(),
            host: host_text,
        });
    }
    // `url` keeps an https URL's host non-empty; be defensive all the same.
    let Some(host_text) = host_text.filter(|h| !h.is_empty()) else {
        return Err(OriginError::NoHost);
    };
    // User-info first: `https://integrator.io@evil.test/` is refused for it before its
    // (unknown) host is even looked at, because that is the trick being played.
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(OriginError::UserInfo { host: host_text });
    }
    // `url` turns the default port (443 for https) into `None`, so this is "any other port".
    if let Some(port) = parsed.port() {
        return Err(OriginError::Port {
            host: host_text,
            port,
        });
    }
    let domain = match parsed.host() {
        Some(Host::Domain(d)) => d,
        Some(Host::Ipv4(_) | Host::Ipv6(_)) => {
            return Err(OriginError::IpAddress { host: host_text })
        }
        None => return Err(OriginError::NoHost),
    };
    if domain.ends_with('.') {
        return Err(OriginError::TrailingDot { host: host_text });
    }
    if let Some(&region) = REGIONS.iter().find(|r| celigo_host(**r) == domain) {
        return Ok(Site::Celigo(region));
    }
    if let Some(label) = domain.strip_suffix(UI_HOST_SUFFIX) {
        // Exactly one label in front: `x.1234567.app.netsuite.com` is not an account host.
        if !label.is_empty() && !label.contains('.') {
            return NetSuiteAccount::from_host_label(label)
                .map(Site::NetSuite)
                .map_err(|source| OriginError::NotAnAccountHost {
                    host: host_text,
                    source,
                });
        }
    }
    Err(OriginError::UnknownHost { host: host_text })
}

/// True when `url` is on one of our sites: the only pages that may ever receive a secret.
pub fn is_secret_origin(url: &str) -> bool {
    classify(url).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::netsuite::account::Environment;
    use proptest::prelude::*;

    fn ns(id: &str) -> Site {
        Site::NetSuite(NetSuiteAccount::parse_id(id).unwrap())
    }

    #[derive(Debug, PartialEq)]
    enum Want {
        Ok(Site),
        NotAUrl,
        Scheme,
        UserInfo,
        Port,
        Ip,
        TrailingDot,
        Unknown,
        NotAccount,
    }

    fn kind(r: Result<Site, OriginError>) -> Want {
        match r {
            Ok(site) => Want::Ok(site),
            Err(OriginError::NotAUrl(_)) => Want::NotAUrl,
            Err(OriginError::Scheme { .. }) => Want::Scheme,
            Err(OriginError::UserInfo { .. }) => Want::UserInfo,
            Err(OriginError::Port { .. }) => Want::Port,
            Err(OriginError::IpAddress { .. }) => Want::Ip,
            Err(OriginError::TrailingDot { .. }) => Want::TrailingDot,
            Err(OriginError::UnknownHost { .. }) => Want::Unknown,
            Err(OriginError::NotAnAccountHost { .. }) => Want::NotAccount,
            Err(OriginError::NoHost) => panic!("https URLs always have a host"),
        }
    }

    #[test]
    fn table() {
        use Want::*;
        let us = || Ok(Site::Celigo(Region::Us));
        let eu = || Ok(Site::Celigo(Region::Eu));
        let cases: Vec<(&str, Want)> = vec![
            // Accepted.
            ("https://integrator.io/", us()),
            ("https://integrator.io", us()),
            (
                "https://integrator.io/connections/edit/connections/abc?x=1#y",
                us(),
            ),
            ("https://eu.integrator.io/home", eu()),
            ("HTTPS://INTEGRATOR.IO/", us()),
            ("https://EU.Integrator.IO/", eu()),
            ("https://integrator.io:443/", us()),
            ("https://integrator.io:0443/", us()),
            ("https://integrator.io:/", us()),
            // An empty user-info is dropped by the parser, as by the browser.
            ("https://@integrator.io/", us()),
            // WHATWG: '\' is '/' in https URLs, so the host really is integrator.io.
            ("https://integrator.io\\@evil.test/", us()),
            // Full-width letters map to ASCII (UTS 46), as in the browser's address bar.
            ("https://ｉｎｔｅｇｒａｔｏｒ．ｉｏ/", us()),
            (
                "https://1234567.app.netsuite.com/app/center/card.nl",
                Ok(ns("1234567")),
            ),
            (
                "https://1234567-sb1.app.netsuite.com/",
                Ok(ns("1234567_SB1")),
            ),
            (
                "https://1234567-SB2.app.netsuite.com/",
                Ok(ns("1234567_SB2")),
            ),
            ("https://1234567-rp.app.netsuite.com/", Ok(ns("1234567_RP"))),
            (
                "https://tstdrv1234567.app.netsuite.com/",
                Ok(ns("TSTDRV1234567")),
            ),
            (
                "https://TSTDRV1234567-SB1.APP.NETSUITE.COM/",
                Ok(ns("TSTDRV1234567_SB1")),
            ),
            (
                "https://1234567.app.netsuite.com:443/app/setup/accesstoken.nl?whence=",
                Ok(ns("1234567")),
            ),
            // Not URLs.
            ("", NotAUrl),
            ("integrator.io", NotAUrl),
            ("//integrator.io/", NotAUrl),
            ("https://", NotAUrl),
            ("https://integrator.io:99999/", NotAUrl),
            ("https://xn--/", NotAUrl),
            ("https://integrator.io%00/", NotAUrl),
            // Schemes.
            ("http://integrator.io/", Scheme),
            ("http://1234567.app.netsuite.com/", Scheme),
            ("wss://integrator.io/", Scheme),
            ("ftp://integrator.io/", Scheme),
            ("file:///etc/passwd", Scheme),
            ("javascript:alert(1)", Scheme),
            ("data:text/html,hi", Scheme),
            ("blob:https://integrator.io/0f6e", Scheme),
            ("chrome-extension://abcdef/panel.html", Scheme),
            ("about:blank", Scheme),
            // User-info, reported before the unknown host.
            ("https://integrator.io@evil.test/", UserInfo),
            ("https://user@integrator.io/", UserInfo),
            ("https://user:pass@integrator.io/", UserInfo),
            ("https://:pass@integrator.io/", UserInfo),
            ("https://1234567.app.netsuite.com@evil.test/", UserInfo),
            ("https://a@b@1234567.app.netsuite.com/", UserInfo),
            // Ports.
            ("https://integrator.io:8443/", Port),
            ("https://integrator.io:80/", Port),
            ("https://integrator.io:0/", Port),
            ("https://1234567.app.netsuite.com:444/", Port),
            // IP hosts.
            ("https://127.0.0.1/", Ip),
            ("https://0x7f.1/", Ip),
            ("https://1234567/", Ip),
            ("https://[::1]/", Ip),
            ("https://[2001:db8::1]:443/", Ip),
            // Trailing dots: refused on purpose.
            ("https://integrator.io./", TrailingDot),
            ("https://eu.integrator.io./", TrailingDot),
            ("https://INTEGRATOR.IO.", TrailingDot),
            ("https://1234567.app.netsuite.com./", TrailingDot),
            ("https://integrator.io../", TrailingDot),
            // Unknown hosts.
            ("https://app.netsuite.com.evil.test/", Unknown),
            ("https://1234567.app.netsuite.com.evil.test/", Unknown),
            ("https://1234567.app.netsuite.co/", Unknown),
            ("https://1234567.app-netsuite.com/", Unknown),
            ("https://1234567app.netsuite.com/", Unknown),
            ("https://x.1234567.app.netsuite.com/", Unknown),
            ("https://1234567.1234567.app.netsuite.com/", Unknown),
            ("https://.app.netsuite.com/", Unknown),
            ("https://app.netsuite.com/", Unknown),
            ("https://netsuite.com/", Unknown),
            ("https://system.netsuite.com/", Unknown),
            ("https://1234567.suitetalk.api.netsuite.com/", Unknown),
            ("https://1234567.restlets.api.netsuite.com/", Unknown),
            ("https://1234567.extforms.netsuite.com/", Unknown),
            ("https://api.integrator.io/", Unknown),
            ("https://api.eu.integrator.io/", Unknown),
            ("https://staging.integrator.io/", Unknown),
            ("https://qa.staging.integrator.io/", Unknown),
            ("https://au.integrator.io/", Unknown),
            ("https://integrator.io.evil.test/", Unknown),
            ("https://eu.integrator.io.evil.test/", Unknown),
            ("https://evilintegrator.io/", Unknown),
            ("https://eu-integrator.io/", Unknown),
            ("https://www.integrator.io/", Unknown),
            ("https://integrator.com/", Unknown),
            ("https://evil.test/integrator.io", Unknown),
            ("https://evil.test/?next=https://integrator.io/", Unknown),
            ("https://a..b/", Unknown),
            // Homographs become punycode and fail the exact match.
            ("https://іntegrator.io/", Unknown),
            ("https://eu.іntegrator.io/", Unknown),
            ("https://integratοr.io/", Unknown),
            ("https://1234567.аpp.netsuite.com/", Unknown),
            ("https://1234567.app.nеtsuite.com/", Unknown),
            ("https://ıntegrator.io/", Unknown),
            // Under app.netsuite.com, but not an account.
            ("https://system.app.netsuite.com/", NotAccount),
            ("https://www.app.netsuite.com/", NotAccount),
            ("https://1234567-sb0.app.netsuite.com/", NotAccount),
            ("https://1234567-sb.app.netsuite.com/", NotAccount),
            ("https://1234567-sb1-rp.app.netsuite.com/", NotAccount),
            ("https://1234567_sb1.app.netsuite.com/", NotAccount),
            ("https://xn--80ak6aa92e.app.netsuite.com/", NotAccount),
            (
                "https://１２３４５６７.app.netsuite.com/",
                Ok(ns("1234567")),
            ),
        ];
        for (url, want) in cases {
            assert_eq!(kind(classify(url)), want, "{url:?}");
            assert_eq!(
                is_secret_origin(url),
                matches!(want, Want::Ok(_)),
                "{url:?}"
            );
        }
    }

    #[test]
    fn messages_name_the_host_only_and_say_what_to_do() {
        let cases = [
            "http://integrator.io/?token=SECRETSECRET#SECRETSECRET",
            "https://integrator.io:8443/?token=SECRETSECRET",
            "https://me:SECRETSECRET@integrator.io/?token=SECRETSECRET",
            "https://SECRETSECRET@evil.test/",
            "https://127.0.0.1/?token=SECRETSECRET",
            "https://integrator.io./?token=SECRETSECRET",
            "https://evil.test/SECRETSECRET?token=SECRETSECRET",
            "https://1234567-sb0.app.netsuite.com/?token=SECRETSECRET",
            "javascript:SECRETSECRET",
            "not a url SECRETSECRET",
        ];
        for url in cases {
            let msg = classify(url).unwrap_err().to_string();
            assert!(
                !msg.to_lowercase().contains("secretsecret"),
                "{url:?}: {msg}"
            );
            assert!(!msg.contains("token="), "{url:?}: {msg}");
            let says_what_to_do = msg.contains("open NetSuite or Celigo")
                || msg.contains("Remove the final '.'")
                || msg.contains("Company URLs");
            assert!(says_what_to_do, "{url:?}: {msg}");
        }
        let msg = classify("https://user@evil.test/").unwrap_err().to_string();
        assert!(msg.contains("evil.test"), "{msg}");
        let msg = classify("https://1234567-sb0.app.netsuite.com/")
            .unwrap_err()
            .to_string();
        assert!(msg.contains("1234567-sb0.app.netsuite.com"), "{msg}");
        assert!(msg.contains("Company URLs"), "{msg}");
        let msg = classify("http://integrator.io/x?y")
            .unwrap_err()
            .to_string();
        assert!(
            msg.contains("http:") && msg.contains("on integrator.io"),
            "{msg}"
        );
        let msg = classify("https://integrator.io:8443/")
            .unwrap_err()
            .to_string();
        assert!(msg.contains(":8443"), "{msg}");
    }

    #[test]
    fn sites_know_their_origin() {
        let sb = ns("1234567_SB1");
        assert_eq!(sb.host(), "1234567-sb1.app.netsuite.com");
        assert_eq!(sb.origin(), "https://1234567-sb1.app.netsuite.com");
        assert_eq!(sb.to_string(), "NetSuite account 1234567_SB1 (sandbox)");
        assert_eq!(
            Site::Celigo(Region::Eu).origin(),
            "https://eu.integrator.io"
        );
        assert_eq!(
            Site::Celigo(Region::Us).to_string(),
            "Celigo integrator.io (integrator.io)"
        );
        for site in [sb, Site::Celigo(Region::Us), Site::Celigo(Region::Eu)] {
            assert_eq!(classify(&site.origin()), Ok(site.clone()));
            assert_eq!(classify(&format!("{}/", site.origin())), Ok(site));
        }
    }

    #[test]
    fn serde_shape() {
        let json = serde_json::to_string(&ns("1234567_SB1")).unwrap();
        assert_eq!(
            json,
            r#"{"netsuite":{"id":"1234567_SB1","environment":"sandbox"}}"#
        );
        assert_eq!(
            serde_json::from_str::<Site>(&json).unwrap(),
            ns("1234567_SB1")
        );
        let json = serde_json::to_string(&Site::Celigo(Region::Eu)).unwrap();
        assert_eq!(json, r#"{"celigo":"eu"}"#);
    }

    // ---- property tests ----

    /// An independent statement of an account label: a tiny state machine over
    /// `(tstdrv)?[0-9]+(-(sb[1-9][0-9]?|rp))?` (hosts reach us lower-cased), at most 63 long.
    fn oracle_label(label: &str) -> bool {
        let b = label.as_bytes();
        if b.len() > 63 {
            return false;
        }
        let mut i = if label.starts_with("tstdrv") { 6 } else { 0 };
        let digits_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == digits_start {
            return false;
        }
        match &label[i..] {
            "" | "-rp" => true,
            rest => match rest.strip_prefix("-sb").map(str::as_bytes) {
                Some([d]) => (b'1'..=b'9').contains(d),
                Some([d, e]) => (b'1'..=b'9').contains(d) && e.is_ascii_digit(),
                _ => false,
            },
        }
    }

    /// The allow-list, stated as simply as possible over what the parser made of the URL.
    fn oracle(url: &str) -> Option<String> {
        let u = Url::parse(url).ok()?;
        let ok = u.scheme() == "https"
            && u.username().is_empty()
            && u.password().is_none()
            && u.port().is_none()
            && matches!(u.host(), Some(Host::Domain(_)));
        let h = u.host_str()?;
        let allowed = h == "integrator.io"
            || h == "eu.integrator.io"
            || h.strip_suffix(".app.netsuite.com")
                .is_some_and(oracle_label);
        (ok && allowed).then(|| h.to_owned())
    }

    const NETSUITE_SUFFIXES: &[&str] = &[
        ".app.netsuite.com",
        ".APP.NetSuite.com",
        ".app.netsuite.com.",
        ".app.netsuite.co",
        ".app.netsuite.com.evil.test",
        ".app.netsuite.com.co",
        ".app-netsuite.com",
        ".appnetsuite.com",
        "app.netsuite.com",
        ".app.netsuites.com",
        ".app.net-suite.com",
        ".ap.netsuite.com",
        ".netsuite.com",
        ".app.netsuite",
        ".suitetalk.api.netsuite.com",
        ".restlets.api.netsuite.com",
        ".extforms.netsuite.com",
        ".app.netsuite.com.app.netsuite.com",
        ".x.app.netsuite.com",
        "",
    ];

    const CELIGO_NEAR_MISSES: &[&str] = &[
        "integrator.io",
        "eu.integrator.io",
        "INTEGRATOR.IO",
        "Eu.Integrator.Io",
        "integrator.io.",
        "eu.integrator.io.",
        "api.integrator.io",
        "api.eu.integrator.io",
        "staging.integrator.io",
        "eu.staging.integrator.io",
        "us.integrator.io",
        "au.integrator.io",
        "eu-integrator.io",
        "euintegrator.io",
        "ueu.integrator.io",
        "e.u.integrator.io",
        "integrator.io.evil.test",
        "eu.integrator.io.evil.test",
        "integratorio",
        "integrator.i0",
        "lntegrator.io",
        "integrator.com",
        "integrator.io.io",
        "integrator",
        "io",
        ".integrator.io",
        "..integrator.io",
    ];

    /// Letters that look like ASCII but are not mapped to it by IDNA.
    const HOMOGLYPHS: &[char] = &[
        'а', 'е', 'о', 'і', 'ѕ', 'р', 'с', 'х', 'ј', 'ο', 'α', 'ι', 'ν', 'ı', 'ɑ', '٠', '۰',
    ];

    /// Random case for ASCII letters.
    fn recase(s: &str, mask: u64) -> String {
        s.chars()
            .enumerate()
            .map(|(i, c)| {
                if mask >> (i % 64) & 1 == 1 {
                    c.to_ascii_uppercase()
                } else {
                    c
                }
            })
            .collect()
    }

    fn label_strategy() -> impl Strategy<Value = String> {
        prop_oneof![
            (
                prop::sample::select(vec!["", "tstdrv", "TSTDRV", "tstdrv-", "tst", "x"]),
                "[0-9]{0,9}",
                prop::sample::select(vec![
                    "", "", "-sb1", "-SB2", "-sb9", "-sb10", "-sb99", "-sb0", "-sb01", "-sb100",
                    "-sb", "-rp", "-RP", "-rp1", "-", "_sb1", "-sb1-rp", "--sb1", "-sb1x",
                ]),
            )
                .prop_map(|(p, n, s)| format!("{p}{n}{s}")),
            "[a-zA-Z0-9_-]{0,10}",
            "[0-9]{1,12}",
        ]
    }

    /// An ASCII host the parser keeps as is apart from case (no '%', no IDNA).
    fn ascii_host() -> impl Strategy<Value = String> {
        let mutate = (
            prop::sample::select(vec![
                "integrator.io",
                "eu.integrator.io",
                "1234567.app.netsuite.com",
                "1234567-sb1.app.netsuite.com",
                "tstdrv123-rp.app.netsuite.com",
            ]),
            any::<prop::sample::Index>(),
            0u8..3,
            prop::sample::select(vec!['a', 'e', 'i', 'o', '0', '1', '-', '.', 'x', 'u']),
        )
            .prop_map(|(h, idx, op, c)| {
                let mut v: Vec<char> = h.chars().collect();
                let i = idx.index(v.len() + 1);
                match op {
                    0 => v.insert(i, c),
                    1 if i < v.len() => {
                        v.remove(i);
                    }
                    _ if i < v.len() => v[i] = c,
                    _ => v.push(c),
                }
                v.into_iter().collect::<String>()
            });
        prop_oneof![
            3 => valid_account().prop_map(|a| a.ui_host()),
            3 => (label_strategy(), prop::sample::select(NETSUITE_SUFFIXES))
                .prop_map(|(l, s)| format!("{l}{s}")),
            1 => (label_strategy(), Just(".app.netsuite.com"))
                .prop_map(|(l, s)| format!("{l}{s}")),
            2 => prop::sample::select(vec!["integrator.io", "eu.integrator.io"])
                .prop_map(str::to_owned),
            3 => prop::sample::select(CELIGO_NEAR_MISSES).prop_map(str::to_owned),
            2 => ("[a-z0-9-]{1,8}", prop::sample::select(CELIGO_NEAR_MISSES))
                .prop_map(|(l, s)| format!("{l}.{s}")),
            3 => mutate,
            1 => "[a-z0-9-]{1,10}(\\.[a-z0-9-]{1,10}){0,3}",
            1 => "[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}",
        ]
        .prop_flat_map(|h| any::<u64>().prop_map(move |m| recase(&h, m)))
    }

    /// A host with non-ASCII in it: homoglyph swaps and arbitrary text.
    fn unicode_host() -> impl Strategy<Value = String> {
        prop_oneof![
            (
                prop::sample::select(vec![
                    "integrator.io",
                    "eu.integrator.io",
                    "1234567.app.netsuite.com",
                    "tstdrv1-sb2.app.netsuite.com",
                ]),
                any::<prop::sample::Index>(),
                prop::sample::select(HOMOGLYPHS),
            )
                .prop_map(|(h, idx, g)| {
                    let mut v: Vec<char> = h.chars().collect();
                    let i = idx.index(v.len());
                    v[i] = g;
                    v.into_iter().collect::<String>()
                }),
            "\\PC{0,16}",
            ("\\PC{0,6}", prop::sample::select(NETSUITE_SUFFIXES))
                .prop_map(|(l, s)| format!("{l}{s}")),
            ("\\PC{0,6}", prop::sample::select(CELIGO_NEAR_MISSES))
                .prop_map(|(l, s)| format!("{l}.{s}")),
        ]
    }

    /// Picks from `good` three times in four, from `bad` otherwise.
    fn mostly(good: &[&'static str], bad: &[&'static str]) -> BoxedStrategy<String> {
        prop_oneof![
            3 => prop::sample::select(good.to_vec()),
            1 => prop::sample::select(bad.to_vec()),
        ]
        .prop_map(str::to_owned)
        .boxed()
    }

    fn url_parts() -> impl Strategy<Value = (String, String, (String, bool), String, String)> {
        (
            mostly(
                &["https", "HTTPS", "Https", "hTTps"],
                &[
                    "http",
                    "wss",
                    "ftp",
                    "httpss",
                    "file",
                    "blob:https",
                    "chrome-extension",
                    "view-source:https",
                ],
            ),
            mostly(
                &["", "", "", "@", ":@"],
                &[
                    "user@",
                    "user:pass@",
                    ":pass@",
                    "integrator.io@",
                    "eu.integrator.io@",
                    "1234567.app.netsuite.com@",
                    "a@b@",
                    "%40@",
                ],
            ),
            prop_oneof![
                4 => ascii_host().prop_map(|h| (h, true)),
                1 => unicode_host().prop_map(|h| (h, false)),
            ],
            mostly(
                &["", "", "", ":443", ":0443", ":"],
                &[
                    ":80", ":8443", ":444", ":0", ":1", ":65535", ":99999", ":x", "::443",
                ],
            ),
            prop::sample::select(vec![
                "",
                "/",
                "/app/setup/accesstoken.nl?whence=",
                "?q=1",
                "#frag",
                "/@evil.test/",
                "\\@evil.test/",
                "/connections?x=https://evil.test/",
            ])
            .prop_map(str::to_owned),
        )
    }

    /// What the URL's parts alone say, for ASCII hosts: the normalisations we rely on are
    /// case, `:443`/`:` and an empty user-info, and nothing else.
    fn predicted(scheme: &str, userinfo: &str, host: &str, port: &str) -> bool {
        let host = host.to_ascii_lowercase();
        scheme.eq_ignore_ascii_case("https")
            && matches!(userinfo, "" | "@" | ":@")
            && matches!(port, "" | ":" | ":443" | ":0443")
            && (host == "integrator.io"
                || host == "eu.integrator.io"
                || host
                    .strip_suffix(".app.netsuite.com")
                    .is_some_and(oracle_label))
    }

    fn valid_account() -> impl Strategy<Value = NetSuiteAccount> {
        (any::<bool>(), "[0-9]{1,10}", 0u8..=99, any::<bool>()).prop_map(|(td, n, sb, rp)| {
            let base = format!("{}{n}", if td { "TSTDRV" } else { "" });
            let id = match (sb, rp) {
                (0, false) => base,
                (0, true) => format!("{base}_RP"),
                (sb, _) => format!("{base}_SB{sb}"),
            };
            NetSuiteAccount::parse_id(&id).unwrap()
        })
    }

    /// The generator must give both sides of the line a fair share, or the property below
    /// proves little.
    #[test]
    fn the_url_generator_hits_both_sides() {
        use proptest::strategy::ValueTree;
        use proptest::test_runner::TestRunner;
        let mut runner = TestRunner::deterministic();
        let strategy = url_parts();
        let (mut accepted, mut netsuite, mut near) = (0, 0, 0);
        let n = 5_000;
        for _ in 0..n {
            let (scheme, userinfo, (host, _), port, tail) =
                strategy.new_tree(&mut runner).unwrap().current();
            let url = format!("{scheme}://{userinfo}{host}{port}{tail}");
            match classify(&url) {
                Ok(Site::NetSuite(_)) => {
                    accepted += 1;
                    netsuite += 1;
                }
                Ok(_) => accepted += 1,
                Err(OriginError::NotAnAccountHost { .. } | OriginError::UnknownHost { .. }) => {
                    near += 1
                }
                Err(_) => {}
            }
        }
        assert!(accepted * 20 > n, "only {accepted} of {n} accepted");
        assert!(
            netsuite * 50 > n,
            "only {netsuite} of {n} NetSuite hosts accepted"
        );
        assert!(near * 5 > n, "only {near} of {n} refused for their host");
        assert!(accepted * 2 < n, "{accepted} of {n} accepted");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]

        /// classify accepts exactly what the oracle accepts, and names the right site.
        #[test]
        fn classify_accepts_only_the_allow_list(
            (scheme, userinfo, (host, ascii), port, tail) in url_parts()
        ) {
            let url = format!("{scheme}://{userinfo}{host}{port}{tail}");
            let got = classify(&url);
            let want = oracle(&url);
            prop_assert_eq!(got.is_ok(), want.is_some(), "{:?} -> {:?}", url, got);
            if ascii {
                prop_assert_eq!(
                    got.is_ok(),
                    predicted(&scheme, &userinfo, &host, &port),
                    "{:?} -> {:?}", url, got
                );
            }
            if let (Ok(site), Some(h)) = (&got, &want) {
                prop_assert_eq!(&site.host(), h);
                if let Site::NetSuite(a) = site {
                    prop_assert_eq!(format!("{}.app.netsuite.com", a.host_label()), h.clone());
                }
            }
        }

        /// Every account's own link leads back to the same account, whatever the path.
        #[test]
        fn netsuite_links_round_trip(account in valid_account(), path in "\\PC{0,24}") {
            let site = Site::NetSuite(account.clone());
            prop_assert_eq!(classify(&account.ui_url("/")), Ok(site.clone()));
            prop_assert_eq!(classify(&account.ui_url(&path)), Ok(site.clone()));
            prop_assert_eq!(classify(&site.origin()), Ok(site));
            prop_assert!(matches!(
                account.environment,
                Environment::Production | Environment::Sandbox | Environment::ReleasePreview
            ));
        }

        /// classify never panics, on anything.
        #[test]
        fn classify_never_panics(s in any::<String>()) {
            let _ = classify(&s);
        }

        /// ... nor on things that nearly are https URLs.
        #[test]
        fn classify_never_panics_on_near_urls(
            prefix in prop::sample::select(vec!["https://", "https:", "HTTPS://", "http://", ""]),
            rest in "[\\PC:/@\\[\\]%.#?\\\\a-z0-9]{0,40}",
        ) {
            let url = format!("{prefix}{rest}");
            let r = classify(&url);
            prop_assert_eq!(r.is_ok(), oracle(&url).is_some(), "{:?} -> {:?}", url, r);
        }
    }
}
