//! Normalized forms used as dedup and lookup keys.
use std::str::FromStr;

use email_address::EmailAddress;

/// Trimmed, lower-cased email when it is syntactically valid.
pub fn email(raw: &str) -> Option<String> {
    let trimmed = raw.trim().trim_matches(|c| c == '<' || c == '>');
    if !plain_email(trimmed.as_bytes()) {
        EmailAddress::from_str(trimmed).ok()?;
    }
    // A bare "user@host" with no dot in the domain is almost always a typo in a CRM.
    let domain = trimmed.rsplit('@').next()?;
    if !domain.contains('.') || domain.ends_with('.') {
        return None;
    }
    Some(lowercase(trimmed))
}

/// The address nearly every row holds, which `email_address` would accept: ASCII `local@host.tld`, the local
/// part dot-separated runs of letters, digits and `_%+-`, the domain's labels letters, digits and inner
/// hyphens, within the RFC's lengths. Checked byte by byte, it halved the cost of reading a row's email (the
/// library's general parse handles quoted parts, display names, literals and Unicode); anything else still
/// goes to it.
fn plain_email(s: &[u8]) -> bool {
    let Some(at) = memchr::memchr(b'@', s) else { return false };
    let (local, domain) = (&s[..at], &s[at + 1..]);
    let local_ok = (1..=64).contains(&local.len())
        && local.split(|b| *b == b'.').all(|run| {
            !run.is_empty() && run.iter().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'%' | b'+' | b'-'))
        });
    local_ok
        && (1..=253).contains(&domain.len())
        && domain.split(|b| *b == b'.').all(|label| {
            (1..=63).contains(&label.len())
                && label[0].is_ascii_alphanumeric()
                && label[label.len() - 1].is_ascii_alphanumeric()
                && label.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        })
}

/// `str::to_lowercase`, without Unicode tables for the ASCII text nearly every name and address is (the
/// standard one takes them for any text shorter than 16 bytes).
pub fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        text.to_lowercase()
    }
}

/// Digits with a leading '+' kept; None when there are too few digits to be a phone number.
pub fn phone(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    let plus = trimmed.starts_with('+');
    let mut out = String::with_capacity(trimmed.len());
    if plus {
        out.push('+');
    }
    out.extend(trimmed.bytes().filter(u8::is_ascii_digit).map(char::from));
    let digits = out.len() - usize::from(plus);
    (5..=17).contains(&digits).then_some(out)
}

/// A phone number in E.164 ("+14155550100") read with `country` (ISO 3166 alpha-2) as the default for
/// numbers written without a country code. None when it isn't a valid number there.
pub fn phone_e164(raw: &str, country: &str) -> Option<String> {
    use phonenumber::Mode;
    let id: phonenumber::country::Id = country.trim().to_ascii_uppercase().parse().ok()?;
    let number = phonenumber::parse(Some(id), raw.trim()).ok()?;
    phonenumber::is_valid(&number).then(|| number.format().mode(Mode::E164).to_string())
}

/// The host of a website or domain, lower case, without scheme, path, port or a leading "www.".
pub fn domain(raw: &str) -> Option<String> {
    let mut s = raw.trim().to_lowercase();
    if let Some(i) = s.find("://") {
        s = s[i + 3..].to_string();
    }
    let host = s.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host); // user:pass@host
    let host = host.split(':').next().unwrap_or(host).trim_end_matches('.');
    let host = host.strip_prefix("www.").unwrap_or(host);
    let valid = host.contains('.')
        && host.split('.').all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    valid.then(|| host.to_string())
}

/// Empty or whitespace-only text becomes None; anything else is trimmed.
pub fn text(raw: Option<&str>) -> Option<String> {
    raw.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(email("  Ada@Example.COM ").as_deref(), Some("ada@example.com"));
        assert_eq!(email("<bob@acme.io>").as_deref(), Some("bob@acme.io"));
        assert_eq!(email("not an email"), None);
        assert_eq!(email("ada@localhost"), None);
        assert_eq!(email("ada@"), None);
        assert_eq!(email("ÅSA@Exempel.SE").as_deref(), Some("åsa@exempel.se"), "non-ASCII lowercases too");
        assert_eq!(email("a..b@x.com"), None);
        assert_eq!(email("a@-x.com"), None);
        assert_eq!(
            email("\"a b\"@x.com").as_deref(),
            Some("\"a b\"@x.com"),
            "the library takes what the fast path doesn't"
        );
    }

    /// Whatever the fast path accepts, the library accepts too: every string over a small alphabet of the
    /// characters that matter, up to five long, around a fixed tail and head.
    #[test]
    fn the_plain_email_check_accepts_nothing_the_library_refuses() {
        let alphabet: &[u8] = b"a1.-_+@%!\"";
        let mut accepted = 0;
        for len in 1..=5u32 {
            for n in 0..alphabet.len().pow(len) {
                let mut word = Vec::new();
                let mut k = n;
                for _ in 0..len {
                    word.push(alphabet[k % alphabet.len()]);
                    k /= alphabet.len();
                }
                let word = String::from_utf8(word).unwrap();
                for candidate in [word.clone(), format!("x{word}@y.io"), format!("{word}.com"), format!("ab@{word}")] {
                    if plain_email(candidate.as_bytes()) {
                        accepted += 1;
                        assert!(EmailAddress::from_str(&candidate).is_ok(), "{candidate}");
                    }
                }
            }
        }
        assert!(accepted > 10_000, "the check was exercised ({accepted})");
        let long_local = format!("{}@x.com", "a".repeat(65));
        assert!(!plain_email(long_local.as_bytes()) && EmailAddress::from_str(&long_local).is_err());
        let long_label = format!("a@{}.com", "b".repeat(64));
        assert!(!plain_email(long_label.as_bytes()) && EmailAddress::from_str(&long_label).is_err());
    }

    #[test]
    fn phones() {
        assert_eq!(phone("+1 (415) 555-0100").as_deref(), Some("+14155550100"));
        assert_eq!(phone("030 1234567").as_deref(), Some("0301234567"));
        assert_eq!(phone("12"), None);
        assert_eq!(phone("+1234"), None, "the plus is not a digit");
        assert_eq!(phone("123456789012345678"), None, "too long");
        assert_eq!(phone(" 12345678901234567 ").as_deref(), Some("12345678901234567"));
    }

    #[test]
    fn phones_in_e164_with_a_default_country() {
        assert_eq!(phone_e164("(415) 555-2671", "us").as_deref(), Some("+14155552671"));
        assert_eq!(phone_e164("030 901820", "DE").as_deref(), Some("+4930901820"));
        assert_eq!(phone_e164("+44 20 7946 0958", "DE").as_deref(), Some("+442079460958"), "a country code wins");
        assert_eq!(phone_e164("12", "US"), None);
        assert_eq!(phone_e164("415 555 2671", "XX"), None);
    }

    #[test]
    fn domains() {
        assert_eq!(domain("https://www.Acme.com/about?x=1").as_deref(), Some("acme.com"));
        assert_eq!(domain("ACME.COM").as_deref(), Some("acme.com"));
        assert_eq!(domain("shop.acme.co.uk:8080").as_deref(), Some("shop.acme.co.uk"));
        assert_eq!(domain("acme"), None);
        assert_eq!(domain("not a domain.com"), None);
    }
}
