//! Raw RFC 5322 bytes → what the sync stores and classifies. Never fails: malformed MIME yields what could
//! be read plus warnings (a message that cannot be parsed at all still gets a stable id, its subject from a
//! raw header scan and its bytes as text).
use std::borrow::Cow;

use mail_parser::{Address, MessageParser, MimeHeaders, PartType};
use sha2::{Digest, Sha256};

use super::{attachment_name, quote};
use crate::domain::AttachmentMeta;

/// Bodies are stored up to these sizes (the server keeps the rest).
pub const MAX_TEXT_BYTES: usize = 256 * 1024;
pub const MAX_HTML_BYTES: usize = 512 * 1024;
const SNIPPET_CHARS: usize = 160;
/// At most this many References are kept (a hostile or looping thread can carry thousands).
const MAX_REFERENCES: usize = 500;

/// Headers the auto-reply rules look at (lower-cased values).
#[derive(Debug, Clone, Default)]
pub struct AutoHeaders {
    pub auto_submitted: Option<String>,
    pub x_autoreply: Option<String>,
    pub x_autorespond: Option<String>,
    pub precedence: Option<String>,
    pub x_auto_response_suppress: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ParsedMail {
    /// With angle brackets, like `outbound_messages.message_id`.
    pub message_id: String,
    pub in_reply_to: Option<String>,
    /// Oldest first, with angle brackets.
    pub references: Vec<String>,
    /// Lower case.
    pub from_addr: String,
    pub from_name: Option<String>,
    pub to_addrs: Vec<String>,
    pub cc_addrs: Vec<String>,
    pub subject: String,
    /// ISO-8601 UTC.
    pub sent_at: Option<String>,
    pub body_text: Option<String>,
    pub body_html: Option<String>,
    /// What the sender wrote themselves: the text without quoted history or the forwarded original.
    pub own_text: String,
    pub snippet: String,
    pub attachments: Vec<AttachmentMeta>,
    pub auto: AutoHeaders,
    /// `multipart/report; report-type=delivery-status`.
    pub is_dsn: bool,
    /// The `message/delivery-status` part, as text.
    pub delivery_status: Option<String>,
    /// The Message-ID of the message a report or forward carries (message/rfc822 or text/rfc822-headers).
    pub original_message_id: Option<String>,
    /// `X-Failed-Recipients` (Exim, Gmail), lower case.
    pub failed_recipients: Vec<String>,
    /// Every text part concatenated (bounce formats hide the details in any of them).
    pub all_text: String,
    pub warnings: Vec<String>,
}

impl ParsedMail {
    pub fn parse_warning(&self) -> Option<String> {
        (!self.warnings.is_empty()).then(|| self.warnings.join("; "))
    }
}

/// Message-IDs as stored: `<bare>`; None when empty.
pub fn angle(id: &str) -> Option<String> {
    let bare = id.trim().trim_start_matches('<').trim_end_matches('>').trim();
    (!bare.is_empty() && !bare.contains(char::is_whitespace)).then(|| format!("<{bare}>"))
}

/// A stable id for a message without one: the same bytes always give the same id, so a refetch dedups.
fn synthetic_id(raw: &[u8]) -> String {
    let digest = Sha256::digest(raw);
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("<{hex}@no-message-id.outpost>")
}

pub fn parse(raw: &[u8]) -> ParsedMail {
    // The parser is lenient and should not panic; if a future version does on hostile input, the sync
    // must still go on.
    match std::panic::catch_unwind(|| parse_inner(raw)) {
        Ok(Some(p)) => p,
        Ok(None) => unparsable(raw, "the message could not be parsed as MIME"),
        Err(_) => unparsable(raw, "the MIME parser failed on this message"),
    }
}

fn parse_inner(raw: &[u8]) -> Option<ParsedMail> {
    let msg = MessageParser::default().parse(raw)?;
    let mut p = ParsedMail::default();
    if msg.headers().is_empty() {
        return None;
    }
    p.message_id = match msg.message_id().and_then(angle) {
        Some(id) => id,
        None => {
            p.warnings.push("no Message-ID (an id was derived from the content)".into());
            synthetic_id(raw)
        }
    };
    p.in_reply_to = msg
        .in_reply_to()
        .as_text_list()
        .and_then(|l| l.last().and_then(|s| angle(s)))
        .or_else(|| msg.in_reply_to().as_text().and_then(angle));
    p.references = ids(msg.references());
    if p.references.len() > MAX_REFERENCES {
        let cut = p.references.len() - MAX_REFERENCES;
        p.references.drain(..cut);
        p.warnings.push(format!("References cut to the newest {MAX_REFERENCES} ids"));
    }
    match msg.from().and_then(|a| a.first()) {
        Some(addr) => {
            p.from_addr = addr.address().unwrap_or("").trim().to_lowercase();
            p.from_name = addr.name().map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
        }
        None => p.warnings.push("no From address".into()),
    }
    p.to_addrs = addresses(msg.to());
    p.cc_addrs = addresses(msg.cc());
    p.subject = msg.subject().unwrap_or("").trim().to_string();
    p.sent_at = msg.date().and_then(|d| chrono::DateTime::from_timestamp(d.to_timestamp(), 0).map(crate::time::to_iso));
    if p.sent_at.is_none() {
        p.warnings.push("no readable Date".into());
    }
    let header = |name: &str| msg.header_raw(name).map(|v| v.trim().to_lowercase());
    p.auto = AutoHeaders {
        auto_submitted: header("Auto-Submitted"),
        x_autoreply: header("X-Autoreply"),
        x_autorespond: header("X-Autorespond"),
        precedence: header("Precedence"),
        x_auto_response_suppress: header("X-Auto-Response-Suppress"),
    };
    p.failed_recipients = msg
        .header_raw("X-Failed-Recipients")
        .map(|v| {
            v.split(',').map(|a| a.trim().trim_matches(['<', '>']).to_lowercase()).filter(|a| a.contains('@')).collect()
        })
        .unwrap_or_default();
    let root_type = msg.root_part().content_type();
    p.is_dsn = root_type.is_some_and(|ct| {
        ct.ctype().eq_ignore_ascii_case("multipart")
            && ct.subtype().is_some_and(|s| s.eq_ignore_ascii_case("report"))
            && ct.attribute("report-type").is_some_and(|r| r.eq_ignore_ascii_case("delivery-status"))
    });

    // Bodies: the real text and HTML parts only (the parser would otherwise convert one into the other).
    let text = msg.text_body.iter().filter_map(|&i| msg.parts.get(i as usize)).find_map(|part| match &part.body {
        PartType::Text(t) => Some(t.clone()),
        _ => None,
    });
    let html = msg.html_body.iter().filter_map(|&i| msg.parts.get(i as usize)).find_map(|part| match &part.body {
        PartType::Html(h) => Some(h.clone()),
        _ => None,
    });
    if msg.parts.iter().any(|part| part.is_encoding_problem) {
        p.warnings.push("a part could not be decoded".into());
    }
    p.body_html = html.as_deref().map(|h| cap(h, MAX_HTML_BYTES, "HTML body", &mut p.warnings));
    p.body_text = match (&text, &html) {
        (Some(t), _) => Some(cap(t, MAX_TEXT_BYTES, "text body", &mut p.warnings)),
        (None, Some(h)) => {
            Some(cap(&mail_parser::decoders::html::html_to_text(h), MAX_TEXT_BYTES, "text", &mut vec![]))
        }
        (None, None) => None,
    };
    p.own_text = match (&text, &html) {
        (Some(t), _) => quote::own_text(t),
        (None, Some(h)) => quote::own_text_of_html(h),
        _ => String::new(),
    };
    p.snippet = snippet(if p.own_text.trim().is_empty() { p.body_text.as_deref().unwrap_or("") } else { &p.own_text });

    let mut all_text = String::new();
    for (i, part) in msg.parts.iter().enumerate() {
        let ctype = part.content_type();
        let (main, sub) = ctype
            .map_or(("text", "plain".to_string()), |c| (c.ctype(), c.subtype().unwrap_or("").to_ascii_lowercase()));
        let main = main.to_ascii_lowercase();
        match &part.body {
            PartType::Text(t) | PartType::Html(t) if all_text.len() < MAX_TEXT_BYTES => {
                if main == "message" && sub == "delivery-status" {
                    p.delivery_status = Some(t.to_string());
                } else if main == "text" && sub == "rfc822-headers" {
                    p.original_message_id = p.original_message_id.take().or_else(|| header_in(t, "message-id"));
                }
                all_text.push_str(t);
                all_text.push('\n');
            }
            PartType::Binary(b) | PartType::InlineBinary(b) if main == "message" && sub == "delivery-status" => {
                p.delivery_status = Some(String::from_utf8_lossy(b).into_owned());
            }
            PartType::Message(inner) if i > 0 => {
                p.original_message_id = p.original_message_id.take().or_else(|| inner.message_id().and_then(angle));
            }
            _ => {}
        }
        if i > 0 && is_attachment(part, &main) {
            let name = part.attachment_name().unwrap_or("");
            p.attachments.push(AttachmentMeta {
                name: attachment_name::sanitize(name),
                content_type: format!("{main}/{sub}"),
                size: u32::try_from(part.len()).unwrap_or(u32::MAX),
                part: i as u32,
            });
        }
    }
    p.all_text = all_text;
    Some(p)
}

/// The decoded content of the attachment [`parse`] listed at MIME part `part`, with its sanitized name.
/// None when that part is not an attachment (the bytes are not the message it was listed from). The same
/// parser that numbered the parts picks the bytes, so the index always means the same part.
pub fn attachment(raw: &[u8], part: u32) -> Option<(String, Vec<u8>)> {
    std::panic::catch_unwind(|| {
        let msg = MessageParser::default().parse(raw)?;
        let found = msg.parts.get(part as usize).filter(|_| part > 0)?;
        let main = found.content_type().map_or_else(|| "text".to_string(), |c| c.ctype().to_ascii_lowercase());
        if !is_attachment(found, &main) {
            return None;
        }
        Some((attachment_name::sanitize(found.attachment_name().unwrap_or("")), found.contents().to_vec()))
    })
    .ok()
    .flatten()
}

fn is_attachment(part: &mail_parser::MessagePart, main: &str) -> bool {
    if matches!(part.body, PartType::Multipart(_)) {
        return false;
    }
    let disposition_attachment = part.content_disposition().is_some_and(|d| d.is_attachment());
    let named = part.attachment_name().is_some();
    disposition_attachment
        || (named && !matches!(part.body, PartType::Text(_) | PartType::Html(_)))
        || (matches!(part.body, PartType::Binary(_)) && main != "message")
}

fn ids(value: &mail_parser::HeaderValue) -> Vec<String> {
    let mut out: Vec<String> = match value {
        mail_parser::HeaderValue::TextList(list) => list.iter().filter_map(|s| angle(s)).collect(),
        mail_parser::HeaderValue::Text(t) => t.split_whitespace().filter_map(angle).collect(),
        _ => vec![],
    };
    out.dedup();
    out
}

fn addresses(a: Option<&Address>) -> Vec<String> {
    a.map(|a| a.iter().filter_map(|x| x.address()).map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty()).collect())
        .unwrap_or_default()
}

fn cap(s: &str, max: usize, what: &str, warnings: &mut Vec<String>) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut cut = max;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    warnings.push(format!("{what} cut at {} KiB", max / 1024));
    s[..cut].to_string()
}

fn snippet(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(SNIPPET_CHARS) {
        Some((i, _)) => format!("{}…", &flat[..i]),
        None => flat,
    }
}

/// The first `name:` header in a block of raw header text (unfolded), as a Message-ID.
fn header_in(text: &str, name: &str) -> Option<String> {
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if let Some((k, v)) = line.split_once(':') {
            if k.trim().eq_ignore_ascii_case(name) {
                let mut value = v.trim().to_string();
                while let Some(next) = lines.peek().filter(|l| l.starts_with([' ', '\t'])) {
                    value.push_str(next.trim());
                    lines.next();
                }
                return angle(&value);
            }
        }
    }
    None
}

/// What is left of a message the parser gave up on: an id, a subject if one can be found, the text.
fn unparsable(raw: &[u8], why: &str) -> ParsedMail {
    let text: Cow<str> = String::from_utf8_lossy(raw);
    let head = text.split("\n\n").next().unwrap_or("");
    let message_id = header_in(head, "message-id").unwrap_or_else(|| synthetic_id(raw));
    let subject = head
        .lines()
        .find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case("subject")).map(|(_, v)| v.trim()))
        .unwrap_or("")
        .to_string();
    let mut warnings = vec![why.to_string()];
    let body = cap(&text, MAX_TEXT_BYTES, "text", &mut warnings);
    ParsedMail {
        message_id,
        subject,
        snippet: snippet(text.split("\n\n").nth(1).unwrap_or("")),
        body_text: Some(body),
        warnings,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_bodies_and_ids_are_read() {
        let raw = b"From: Bob <Bob@Acme.Example>\r\nTo: a@x.example, c@y.example\r\nSubject: Re: Hi\r\n\
            Message-ID: <m1@acme.example>\r\nIn-Reply-To: <o1@x.example>\r\nReferences: <o0@x.example>\r\n <o1@x.example>\r\n\
            Date: Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\nSounds good.\r\n\r\n> old text\r\n";
        let p = parse(raw);
        assert_eq!(p.message_id, "<m1@acme.example>");
        assert_eq!(p.in_reply_to.as_deref(), Some("<o1@x.example>"));
        assert_eq!(p.references, vec!["<o0@x.example>", "<o1@x.example>"]);
        assert_eq!(p.from_addr, "bob@acme.example");
        assert_eq!(p.from_name.as_deref(), Some("Bob"));
        assert_eq!(p.to_addrs, vec!["a@x.example", "c@y.example"]);
        assert_eq!(p.sent_at.as_deref(), Some("2024-01-01T10:00:00.000Z"));
        assert_eq!(p.own_text.trim(), "Sounds good.");
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    }

    #[test]
    fn garbage_still_gives_a_stable_id_and_a_warning() {
        let raw = b"\x00\x01\x02 not a message at all";
        let (a, b) = (parse(raw), parse(raw));
        assert_eq!(a.message_id, b.message_id);
        assert!(a.parse_warning().is_some());
    }

    #[test]
    fn attachment_names_are_sanitized() {
        let raw = b"From: a@b.example\r\nMessage-ID: <att@b.example>\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n\
            --XX\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--XX\r\nContent-Type: application/octet-stream\r\n\
            Content-Disposition: attachment; filename=\"../../evil.sh\"\r\nContent-Transfer-Encoding: base64\r\n\r\naGVsbG8=\r\n--XX--\r\n";
        let p = parse(raw);
        assert_eq!(p.attachments.len(), 1, "{:?}", p.attachments);
        assert_eq!(p.attachments[0].name, "evil.sh");
        assert_eq!(p.attachments[0].size, 5);
        let (name, content) = super::attachment(raw, p.attachments[0].part).unwrap();
        assert_eq!((name.as_str(), content.as_slice()), ("evil.sh", b"hello".as_slice()));
        assert!(super::attachment(raw, 1).is_none(), "the text body is not an attachment");
    }
}
