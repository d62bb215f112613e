//! Local, explainable rules deciding what an incoming message is. Every verdict carries the reason shown to
//! the rep ("Auto-Submitted: auto-replied", "Subject starts with “Out of office”", …). Order: bounce, auto-reply,
//! unsubscribe request, reply. Only headers and the subject make an auto-reply: a person writing "I was out
//! of office last week" in a reply is still replying.
use super::bounce::{self, Bounce};
use super::parse::ParsedMail;
use crate::domain::MailClass;

#[derive(Debug, Clone)]
pub struct Verdict {
    pub class: MailClass,
    pub reason: String,
    pub bounce: Option<Bounce>,
}

/// What matching found, which the rules need.
#[derive(Debug, Clone, Default)]
pub struct Facts<'a> {
    /// The mailbox's own address.
    pub own: &'a str,
    /// Sent by the mailbox (found in Sent, or From is the mailbox).
    pub outgoing: bool,
    /// Why the message belongs to a conversation we are in, when it does ("In-Reply-To <…>").
    pub thread_reason: Option<String>,
    /// The sender is a contact.
    pub known_sender: bool,
}

const AUTO_SUBJECTS: &[&str] = &[
    "out of office",
    "out of the office",
    "automatic reply",
    "auto reply",
    "auto-reply",
    "autoreply",
    "auto response",
    "auto-response",
    "autoresponse",
    "away from the office",
    "on vacation",
    "on leave",
    "abwesenheitsnotiz",
    "automatische antwort",
    "abwesend",
    "réponse automatique",
    "reponse automatique",
    "absence du bureau",
    "respuesta automática",
    "respuesta automatica",
    "fuera de la oficina",
    "risposta automatica",
    "fuori ufficio",
    "automatisch antwoord",
    "afwezig",
    "frånvaro",
    "autosvar",
];

const UNSUBSCRIBE_PHRASES: &[&str] = &[
    "unsubscribe",
    "remove me",
    "take me off",
    "opt me out",
    "opt out",
    "opt-out",
    "stop emailing",
    "stop sending",
    "stop contacting",
    "do not email",
    "don't email",
    "dont email",
    "do not contact me",
    "don't contact me",
    "no more emails",
    "not interested, please remove",
    "abmelden",
    "austragen",
    "keine weiteren e-mails",
    "désinscri",
    "desinscri",
    "darse de baja",
];

pub fn classify(p: &ParsedMail, facts: &Facts) -> Verdict {
    let verdict = |class, reason: String| Verdict { class, reason, bounce: None };
    if facts.outgoing {
        return verdict(MailClass::Other, "Sent from this mailbox".into());
    }
    if let Some(b) = bounce::detect(p, facts.own) {
        let reason = match &b.recipient {
            Some(r) => format!(
                "{} for {r} ({})",
                b.describe(),
                if b.format == "dsn" { "delivery report" } else { "bounce message" }
            ),
            None => b.describe(),
        };
        return Verdict { class: MailClass::Bounce, reason, bounce: Some(b) };
    }
    if let Some(reason) = auto_reply(p) {
        return verdict(MailClass::AutoReply, reason);
    }
    if let Some(reason) = unsubscribe(p) {
        return verdict(MailClass::Unsubscribe, reason);
    }
    if let Some(why) = &facts.thread_reason {
        return verdict(MailClass::Reply, why.clone());
    }
    if facts.known_sender && has_reply_prefix(&p.subject) {
        return verdict(MailClass::Reply, "A contact answering (subject starts with a reply prefix)".into());
    }
    if facts.known_sender {
        return verdict(MailClass::Other, "A message from a contact, not an answer to ours".into());
    }
    verdict(MailClass::Other, "Not part of a conversation with a contact".into())
}

/// Why this is an automatic answer, or None.
pub fn auto_reply(p: &ParsedMail) -> Option<String> {
    let h = &p.auto;
    if let Some(v) = h.auto_submitted.as_deref().filter(|v| !v.starts_with("no")) {
        return Some(format!("Auto-Submitted: {v}"));
    }
    if let Some(v) = h.x_autoreply.as_deref().filter(|v| *v != "no") {
        return Some(format!("X-Autoreply: {v}"));
    }
    if let Some(v) = h.x_autorespond.as_deref() {
        return Some(format!("X-Autorespond: {v}"));
    }
    if let Some(v) = h.precedence.as_deref().filter(|v| matches!(*v, "auto_reply" | "auto-reply" | "bulk" | "junk")) {
        return Some(format!("Precedence: {v}"));
    }
    let subject = p.subject.to_lowercase();
    let subject = subject.trim();
    if !has_reply_prefix(subject) {
        if let Some(s) = AUTO_SUBJECTS.iter().find(|s| subject.starts_with(*s)) {
            return Some(format!("Subject starts with “{s}”"));
        }
    }
    // Outlook marks its automatic replies so, but also other mail: only together with a telling subject.
    if h.x_auto_response_suppress.is_some() {
        if let Some(s) = AUTO_SUBJECTS.iter().find(|s| subject.contains(*s)) {
            return Some(format!("X-Auto-Response-Suppress with “{s}” in the subject"));
        }
    }
    None
}

/// Why this asks to be taken off the list, or None. Reads only the sender's own words (no quoted footer).
pub fn unsubscribe(p: &ParsedMail) -> Option<String> {
    let subject = p.subject.to_lowercase();
    let bare_subject = strip_reply_prefixes(&subject);
    if bare_subject == "unsubscribe" || bare_subject.starts_with("unsubscribe ") {
        return Some("Subject “unsubscribe”".into());
    }
    let own = p.own_text.to_lowercase();
    let words: String = own.split_whitespace().collect::<Vec<_>>().join(" ");
    if matches!(words.trim_end_matches(['.', '!']), "stop" | "unsubscribe" | "remove") {
        return Some(format!("The reply says “{}”", words.trim_end_matches(['.', '!'])));
    }
    UNSUBSCRIBE_PHRASES.iter().find(|ph| words.contains(*ph)).map(|ph| format!("The reply asks to “{ph}”"))
}

/// Re:, RE:, AW:, SV:, Fwd: and friends: only ever a weak hint.
pub fn has_reply_prefix(subject: &str) -> bool {
    strip_reply_prefixes(subject).len() != subject.trim().len()
}

/// The subject without any leading reply/forward prefixes, for comparing threads.
pub fn strip_reply_prefixes(subject: &str) -> String {
    let mut s = subject.trim();
    loop {
        let lower = s.to_lowercase();
        let cut = ["re:", "aw:", "sv:", "vs:", "antw:", "r:", "fwd:", "fw:", "wg:", "tr:", "rif:", "re :", "tr :"]
            .iter()
            .find(|p| lower.starts_with(*p))
            .map(|p| p.len())
            .or_else(|| {
                // "Re[2]:" / "RE(3):"
                let rest = lower.strip_prefix("re")?;
                let close = rest.find([']', ')'])?;
                (rest.starts_with(['[', '(']) && rest[close + 1..].starts_with(':')).then_some(2 + close + 2)
            });
        match cut {
            Some(n) if s.is_char_boundary(n) => s = s[n..].trim_start(),
            _ => return s.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_stripped_in_any_case_and_repeated() {
        assert_eq!(strip_reply_prefixes("RE: AW: Fwd: Proposal"), "Proposal");
        assert_eq!(strip_reply_prefixes("Re[2]: Proposal"), "Proposal");
        assert_eq!(strip_reply_prefixes("SV: Tilbud"), "Tilbud");
        assert_eq!(strip_reply_prefixes("Regarding the proposal"), "Regarding the proposal");
        assert!(has_reply_prefix("Re: x") && !has_reply_prefix("Reply needed"));
    }

    #[test]
    fn a_reply_about_being_away_is_not_an_auto_reply() {
        let p = ParsedMail {
            subject: "Re: Out of office next week?".into(),
            own_text: "I was out of office last week, sorry. Yes, let's talk.".into(),
            ..Default::default()
        };
        assert_eq!(auto_reply(&p), None);
        let ooo = ParsedMail { subject: "Out of Office: Proposal".into(), ..Default::default() };
        assert!(auto_reply(&ooo).is_some());
    }
}
