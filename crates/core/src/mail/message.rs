//! Building the bytes of an outgoing message (lettre's builder) and minting its Message-ID.
//!
//! The Message-ID is minted when the message is queued and stored with it, so every attempt — and the
//! crash recovery that looks for it in the Sent folder — talks about the same message.
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox as Address, MultiPart, SinglePart};
use lettre::Message;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{CoreError, Result};

/// Everything that goes into the message's bytes.
#[derive(Debug, Clone)]
pub struct Outgoing<'a> {
    pub from_email: &'a str,
    pub from_name: Option<&'a str>,
    pub to: &'a str,
    /// Comma-separated.
    pub cc: Option<&'a str>,
    pub subject: &'a str,
    pub body_text: &'a str,
    pub body_html: Option<&'a str>,
    /// `<id@host>` with brackets.
    pub message_id: &'a str,
    pub in_reply_to: Option<&'a str>,
    /// Space-separated ids, oldest first.
    pub references: Option<&'a str>,
    /// Bulk mail carries `List-Unsubscribe: <mailto:…>` pointing back at the sender.
    pub is_bulk: bool,
}

/// A new, globally unique Message-ID on the sender's own domain: `<random.time@domain>`.
pub fn new_message_id(from_email: &str) -> String {
    let domain =
        from_email.rsplit_once('@').map(|(_, d)| d.trim()).filter(|d| !d.is_empty()).unwrap_or("outpost.local");
    // The standard library's hasher keys are seeded from the OS's randomness: 64 random bits, plus time
    // and a counter so two ids from one process never collide.
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut h = std::hash::RandomState::new().build_hasher();
    h.write_u64(n);
    let random = h.finish();
    let micros = chrono::Utc::now().timestamp_micros();
    format!("<{random:016x}.{micros:x}.{n:x}@{domain}>")
}

/// Parses one address ("ada@example.com" or "Ada <ada@example.com>").
pub fn parse_address(s: &str, field: &str) -> Result<Address> {
    s.trim()
        .parse::<Address>()
        .map_err(|_| CoreError::validation(field, format!("“{}” is not an email address.", s.trim())))
}

/// The envelope sender and recipients, and the bytes to hand to SMTP (and append to Sent).
pub struct Built {
    pub envelope_from: String,
    pub recipients: Vec<String>,
    pub raw: Vec<u8>,
}

pub fn build(m: &Outgoing) -> Result<Built> {
    let from_addr = parse_address(m.from_email, "from")?;
    let from = Address::new(m.from_name.map(str::to_string).filter(|n| !n.trim().is_empty()), from_addr.email);
    let mut b = Message::builder()
        .from(from.clone())
        .to(parse_address(m.to, "to")?)
        .subject(m.subject)
        .message_id(Some(m.message_id.to_string()))
        .user_agent(format!("Outpost {}", env!("CARGO_PKG_VERSION")));
    for cc in m.cc.into_iter().flat_map(|c| c.split(',')).map(str::trim).filter(|c| !c.is_empty()) {
        b = b.cc(parse_address(cc, "cc")?);
    }
    if let Some(id) = m.in_reply_to.filter(|s| !s.trim().is_empty()) {
        b = b.in_reply_to(id.trim().to_string());
    }
    if let Some(refs) = m.references.filter(|s| !s.trim().is_empty()) {
        b = b.references(refs.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    if m.is_bulk {
        let name = HeaderName::new_from_ascii_str("List-Unsubscribe");
        b = b.raw_header(HeaderValue::new(name, format!("<mailto:{}?subject=unsubscribe>", from.email)));
    }
    let message = match m.body_html {
        Some(html) => b.multipart(MultiPart::alternative_plain_html(m.body_text.to_string(), html.to_string())),
        None => b.singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(m.body_text.to_string())),
    }
    .map_err(|e| CoreError::Validation { field: None, message: format!("The message cannot be built: {e}") })?;
    let envelope = message.envelope();
    Ok(Built {
        envelope_from: envelope.from().map(|a| a.to_string()).unwrap_or_else(|| from.email.to_string()),
        recipients: envelope.to().iter().map(|a| a.to_string()).collect(),
        raw: message.formatted(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample<'a>() -> Outgoing<'a> {
        Outgoing {
            from_email: "ada@example.test",
            from_name: Some("Ada Lovelace"),
            to: "grace@example.test",
            cc: Some("alan@example.test, linus@example.test"),
            subject: "Analytical engine — next steps",
            body_text: "Hello Grace,\n\nShall we talk on Monday?\n",
            body_html: None,
            message_id: "<abc.123@example.test>",
            in_reply_to: None,
            references: None,
            is_bulk: false,
        }
    }

    fn text(b: &Built) -> String {
        String::from_utf8_lossy(&b.raw).into_owned()
    }

    #[test]
    fn headers_carry_the_stored_message_id_and_display_name() {
        let built = build(&sample()).unwrap();
        let raw = text(&built);
        assert!(raw.contains("Message-ID: <abc.123@example.test>"), "{raw}");
        assert!(raw.contains("From: \"Ada Lovelace\" <ada@example.test>"), "{raw}");
        assert!(raw.contains("Date: "));
        assert!(!raw.contains("List-Unsubscribe"));
        assert_eq!(built.envelope_from, "ada@example.test");
        assert_eq!(built.recipients, vec!["grace@example.test", "alan@example.test", "linus@example.test"]);
    }

    #[test]
    fn replies_thread_and_bulk_mail_can_be_unsubscribed() {
        let mut m = sample();
        m.in_reply_to = Some("<first@example.test>");
        m.references = Some("<zero@example.test>  <first@example.test>");
        m.is_bulk = true;
        m.body_html = Some("<p>Hello <b>Grace</b></p>");
        let raw = text(&build(&m).unwrap());
        assert!(raw.contains("In-Reply-To: <first@example.test>"), "{raw}");
        assert!(raw.contains("References: <zero@example.test> <first@example.test>"), "{raw}");
        assert!(raw.contains("List-Unsubscribe: <mailto:ada@example.test?subject=unsubscribe>"), "{raw}");
        assert!(raw.contains("multipart/alternative"));
    }

    #[test]
    fn a_bad_recipient_is_a_field_error() {
        let mut m = sample();
        m.to = "not an address";
        let e = build(&m).err().unwrap();
        assert_eq!(e.field(), Some("to"));
    }

    #[test]
    fn message_ids_are_unique_and_on_the_senders_domain() {
        let a = new_message_id("ada@example.test");
        let b = new_message_id("ada@example.test");
        assert_ne!(a, b);
        assert!(a.starts_with('<') && a.ends_with("@example.test>"), "{a}");
    }
}
