//! Delivery failure reports: RFC 3464 DSNs (`multipart/report; report-type=delivery-status`) and the common
//! non-standard forms (Exchange "Undeliverable:", Gmail "Delivery Status Notification", qmail/Postfix plain
//! text). What matters: who failed, the status, and hard (permanent: suppress) vs soft (temporary).
use super::parse::ParsedMail;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bounce {
    /// The address that could not be reached, lower case.
    pub recipient: Option<String>,
    /// An enhanced status code ("5.1.1") or SMTP reply code ("550") when one was found.
    pub status: Option<String>,
    pub hard: bool,
    /// The server's words, shortened.
    pub diagnostic: Option<String>,
    /// How it was recognised: "dsn" or "text".
    pub format: &'static str,
}

impl Bounce {
    /// "Hard bounce (5.1.1): 550 5.1.1 user unknown".
    pub fn describe(&self) -> String {
        let kind = if self.hard { "Hard bounce" } else { "Soft bounce" };
        let status = self.status.as_deref().map(|s| format!(" ({s})")).unwrap_or_default();
        match &self.diagnostic {
            Some(d) => format!("{kind}{status}: {d}"),
            None => format!("{kind}{status}"),
        }
    }
}

const SUBJECTS: &[&str] = &[
    "undeliverable",
    "undelivered mail",
    "delivery status notification",
    "mail delivery failed",
    "mail delivery failure",
    "delivery failure",
    "returned mail",
    "failure notice",
    "message not delivered",
    "delivery has failed",
    "could not send message",
    "delivery delayed",
    "delayed mail",
    "unzustellbar",
    "non remis",
    "nicht zustellbar",
];

const HARD_WORDS: &[&str] = &[
    "failed permanently",
    "permanent failure",
    "permanent error",
    "does not exist",
    "doesn't exist",
    "user unknown",
    "unknown user",
    "no such user",
    "address not found",
    "recipient not found",
    "recipnotfound",
    "no mailbox here",
    "mailbox unavailable",
    "address rejected",
    "invalid recipient",
    "couldn't be found",
];

const SOFT_WORDS: &[&str] = &[
    "delayed",
    "temporar",
    "will retry",
    "will be retried",
    "still trying",
    "mailbox full",
    "mailbox is full",
    "over quota",
    "quota exceeded",
    "try again later",
    "not yet been delivered",
];

/// The bounce this message reports, if it is one. `own` is the mailbox's address (never the failed one).
pub fn detect(p: &ParsedMail, own: &str) -> Option<Bounce> {
    if let Some(status) = p.delivery_status.as_deref() {
        return from_dsn(status, p, own);
    }
    let subject = p.subject.to_lowercase();
    let local = p.from_addr.split('@').next().unwrap_or("");
    let daemon = matches!(local, "mailer-daemon" | "postmaster" | "mail-daemon" | "mailerdaemon")
        || p.from_name.as_deref().is_some_and(|n| {
            let n = n.to_lowercase();
            n.contains("mail delivery") || n.contains("mailer-daemon") || n.contains("postmaster")
        });
    let bounce_subject = SUBJECTS.iter().any(|s| subject.contains(s)) && !starts_with_reply_prefix(&subject);
    if !(daemon || bounce_subject) {
        return None;
    }
    let text = p.body_text.as_deref().filter(|t| !t.trim().is_empty()).unwrap_or(&p.all_text);
    let lower = text.to_lowercase();
    let status = enhanced_status(text).or_else(|| smtp_code(text));
    let hard_word = HARD_WORDS.iter().any(|w| lower.contains(w));
    let soft_word = SOFT_WORDS.iter().any(|w| lower.contains(w) || subject.contains(w));
    if !(status.is_some() || hard_word || soft_word || (daemon && bounce_subject)) {
        return None; // a daemon's other mail (a quota warning, a notice) without failure evidence
    }
    let recipient = p.failed_recipients.first().cloned().or_else(|| recipient_in(text, p, own));
    let hard = match status.as_deref() {
        Some(s) => is_hard(s) && !soft_word_overrides(&lower),
        None => hard_word && !soft_word,
    };
    Some(Bounce { recipient, diagnostic: diagnostic_line(text, status.as_deref()), status, hard, format: "text" })
}

fn starts_with_reply_prefix(subject: &str) -> bool {
    ["re:", "aw:", "sv:", "fwd:", "fw:", "wg:"].iter().any(|p| subject.trim_start().starts_with(p))
}

/// A delay notice with a 5xx code quoted inside ("… 550 … we will retry") stays soft.
fn soft_word_overrides(lower: &str) -> bool {
    lower.contains("has been delayed") || lower.contains("will retry") || lower.contains("will be retried")
}

/// 5.x.x is permanent except 5.2.2 (mailbox full), which usually clears; 4.x.x and 4xx are temporary.
fn is_hard(status: &str) -> bool {
    status.starts_with('5') && status != "5.2.2" && status != "552"
}

fn from_dsn(report: &str, p: &ParsedMail, own: &str) -> Option<Bounce> {
    // Per-recipient blocks are separated by blank lines; the first is the per-message block.
    let unfolded = report.replace("\r\n", "\n").replace("\n ", " ").replace("\n\t", " ");
    let mut best: Option<Bounce> = None;
    for block in unfolded.split("\n\n") {
        let field = |name: &str| {
            block.lines().find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_string())
            })
        };
        let Some(action) = field("Action").map(|a| a.to_lowercase()) else { continue };
        if !(action.starts_with("failed") || action.starts_with("delayed")) {
            continue; // delivered, relayed, expanded: not a failure
        }
        let recipient = field("Final-Recipient")
            .or_else(|| field("Original-Recipient"))
            .map(|r| r.rsplit(';').next().unwrap_or(&r).trim().trim_matches(['<', '>']).to_lowercase());
        let status = field("Status").and_then(|s| enhanced_status(&s));
        let diagnostic = field("Diagnostic-Code").map(|d| shorten(d.rsplit(';').next().unwrap_or(&d).trim()));
        let hard = action.starts_with("failed") && status.as_deref().is_none_or(is_hard);
        let b = Bounce { recipient, status, hard, diagnostic, format: "dsn" };
        if best.as_ref().is_none_or(|prev| b.hard && !prev.hard) {
            best = Some(b);
        }
    }
    let mut b = best?;
    if b.recipient.is_none() {
        b.recipient = p.failed_recipients.first().cloned().or_else(|| recipient_in(&p.all_text, p, own));
    }
    Some(b)
}

/// The first "d.d.d" status code whose class is 4 or 5.
fn enhanced_status(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    for (i, &c) in bytes.iter().enumerate() {
        if !(c == b'4' || c == b'5') || (i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.')) {
            continue;
        }
        let rest = &text[i..];
        let token: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
        let token = token.trim_end_matches('.');
        let parts: Vec<&str> = token.split('.').collect();
        if parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.len() <= 3) && parts[0].len() == 1 {
            return Some(token.to_string());
        }
    }
    None
}

/// A three-digit SMTP reply code 4xx/5xx standing on its own ("550 ", "550-", "(#550)").
fn smtp_code(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    for i in 0..bytes.len().saturating_sub(3) {
        let w = &bytes[i..i + 3];
        let before_ok = i == 0 || !bytes[i - 1].is_ascii_alphanumeric() && bytes[i - 1] != b'.';
        let after = bytes.get(i + 3).copied().unwrap_or(b' ');
        if before_ok
            && (w[0] == b'4' || w[0] == b'5')
            && w[1].is_ascii_digit()
            && w[2].is_ascii_digit()
            && matches!(after, b' ' | b'-' | b')')
            && (b'2'..=b'5').contains(&w[1])
        {
            return Some(String::from_utf8_lossy(w).into_owned());
        }
    }
    None
}

/// The failed address: the first address in the report's own text that is not the daemon's, not ours and
/// not the sender of the original.
fn recipient_in(text: &str, p: &ParsedMail, own: &str) -> Option<String> {
    let own = own.to_lowercase();
    addresses_in(text).into_iter().find(|a| {
        let local = a.split('@').next().unwrap_or("");
        *a != p.from_addr
            && *a != own
            && !matches!(local, "mailer-daemon" | "postmaster" | "mail-daemon" | "noreply" | "no-reply")
    })
}

/// Email addresses in free text, in order, lower case.
pub fn addresses_in(text: &str) -> Vec<String> {
    let is_local = |c: char| c.is_ascii_alphanumeric() || "._%+-'".contains(c);
    let is_domain = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
    let mut out: Vec<String> = Vec::new();
    for (at, _) in text.match_indices('@') {
        let start = text[..at].char_indices().rev().take_while(|(_, c)| is_local(*c)).last().map(|(i, _)| i);
        let end = text[at + 1..]
            .char_indices()
            .take_while(|(_, c)| is_domain(*c))
            .last()
            .map(|(i, c)| at + 1 + i + c.len_utf8());
        let (Some(start), Some(end)) = (start, end) else { continue };
        let local = text[start..at].trim_start_matches(['.', '\'']);
        let domain = text[at + 1..end].trim_end_matches(['.', '-']);
        if local.is_empty() || !domain.contains('.') {
            continue;
        }
        let addr = format!("{local}@{domain}").to_lowercase();
        if !out.contains(&addr) {
            out.push(addr);
        }
    }
    out
}

/// The line holding the status code (or the first failure line), shortened.
fn diagnostic_line(text: &str, status: Option<&str>) -> Option<String> {
    let line = match status {
        Some(s) => text.lines().find(|l| l.contains(s)),
        None => text.lines().find(|l| {
            let l = l.to_lowercase();
            HARD_WORDS.iter().chain(SOFT_WORDS).any(|w| l.contains(w))
        }),
    }?;
    Some(shorten(line.trim()))
}

fn shorten(s: &str) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &flat[..i]),
        None => flat,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes_are_found_in_text() {
        assert_eq!(enhanced_status("said: 550 5.1.1 <x@y>: user unknown").as_deref(), Some("5.1.1"));
        assert_eq!(enhanced_status("version 1.5.1.2 then 4.2.2 full").as_deref(), Some("4.2.2"));
        assert_eq!(enhanced_status("no code here 2024.01.05"), None);
        assert_eq!(smtp_code("host said: 550-5.1.1 nope").as_deref(), Some("550"));
        assert_eq!(smtp_code("in 1550 ways"), None);
    }

    #[test]
    fn addresses_are_found_in_prose() {
        assert_eq!(
            addresses_in("Your message to Bob.Smith@Acme.example couldn't be delivered. <x@y.org>: nope"),
            vec!["bob.smith@acme.example", "x@y.org"]
        );
        assert!(addresses_in("meet @ noon, user@localhost").is_empty());
    }
}
