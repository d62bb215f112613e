//! Normalized forms used as dedup and lookup keys.
use std::str::FromStr;

use email_address::EmailAddress;

/// Trimmed, lower-cased email when it is syntactically valid.
pub fn email(raw: &str) -> Option<String> {
    let trimmed = raw.trim().trim_matches(|c| c == '<' || c == '>');
    EmailAddress::from_str(trimmed).ok()?;
    // A bare "user@host" with no dot in the domain is almost always a typo in a CRM.
    let domain = trimmed.rsplit('@').next()?;
    if !domain.contains('.') || domain.ends_with('.') {
        return None;
    }
    Some(lowercase(trimmed))
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
