//! What the sender wrote themselves, without the quoted history below it. The unsubscribe rule only reads
//! this part: a footer quoted back from our own mail ("reply STOP to unsubscribe") is not a request.

/// The new text of a plain-text body: up to the first quote header ("On … wrote:", "-----Original
/// Message-----", an Outlook "From: … Sent: …" block, a forward marker) or signature separator, without
/// `>`-quoted lines.
pub fn own_text(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t == "--" && line.starts_with("--") || is_quote_header(t, lines.get(i + 1).map(|l| l.trim())) {
            break;
        }
        if t.starts_with('>') {
            continue;
        }
        out.push(*line);
    }
    out.join("\n").trim().to_string()
}

/// The new text of an HTML-only body: cut at the first quoted block (blockquote, Gmail's `gmail_quote`,
/// Outlook's reply header), then reduced to text.
pub fn own_text_of_html(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let markers = [
        "<blockquote",
        "class=\"gmail_quote",
        "class=gmail_quote",
        "id=\"divrplyfwdmsg\"",
        "id=\"appendonsend\"",
        "class=\"moz-cite-prefix\"",
        "class=\"yahoo_quoted\"",
        "-----original message-----",
    ];
    let cut = markers.iter().filter_map(|m| lower.find(m)).min().unwrap_or(html.len());
    // A marker inside a tag (an attribute): back up to that tag's start, so no half tag is left.
    let start =
        if cut == html.len() || lower[cut..].starts_with('<') { cut } else { html[..cut].rfind('<').unwrap_or(cut) };
    own_text(&mail_parser::decoders::html::html_to_text(&html[..start]))
}

fn is_quote_header(line: &str, next: Option<&str>) -> bool {
    let lower = line.to_lowercase();
    let wrote = |l: &str| {
        l.ends_with("wrote:")
            || l.ends_with("schrieb:")
            || l.ends_with("a écrit :")
            || l.ends_with("a écrit:")
            || l.ends_with("escribió:")
            || l.ends_with("skrev:")
            || l.ends_with("kirjoitti:")
            || l.ends_with("ha scritto:")
            || l.ends_with("schreef:")
    };
    let opener = lower.starts_with("on ")
        || lower.starts_with("am ")
        || lower.starts_with("le ")
        || lower.starts_with("el ")
        || lower.starts_with("den ")
        || lower.starts_with("il ")
        || lower.starts_with("op ");
    if opener && (wrote(&lower) || next.is_some_and(|n| wrote(&n.to_lowercase()) && n.len() < 40)) {
        return true;
    }
    if lower.starts_with("-----") && (lower.contains("original") || lower.contains("ursprüngliche")) {
        return true;
    }
    if lower.starts_with("---------- forwarded message") || lower.starts_with("begin forwarded message") {
        return true;
    }
    if line.len() >= 20 && line.chars().all(|c| c == '_') {
        return true; // Outlook's separator line above the quoted header
    }
    // Outlook without a separator: "From: …" directly followed by "Sent: …" or "Date: …".
    (lower.starts_with("from:") || lower.starts_with("von:") || lower.starts_with("de :") || lower.starts_with("de:"))
        && next.is_some_and(|n| {
            let n = n.to_lowercase();
            n.starts_with("sent:") || n.starts_with("date:") || n.starts_with("gesendet:") || n.starts_with("envoyé")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_history_and_signatures_are_left_out() {
        let text = "Thanks, that works.\n\nOn Mon, 1 Jan 2024 at 10:00, Alice <a@x.example> wrote:\n> Reply STOP to \
                    unsubscribe\n";
        assert_eq!(own_text(text), "Thanks, that works.");
        let wrapped = "Yes.\nOn Mon, 1 Jan 2024 at 10:00 Alice <a@x.example>\nwrote:\n> old";
        assert_eq!(own_text(wrapped), "Yes.");
        let outlook = "Sure.\r\n\r\n________________________________\r\nFrom: Alice\r\nSent: Monday\r\n\r\nold";
        assert_eq!(own_text(outlook), "Sure.");
        let outlook2 = "Sure.\nFrom: Alice <a@x.example>\nSent: Monday\nunsubscribe here";
        assert_eq!(own_text(outlook2), "Sure.");
        assert_eq!(own_text("Best\n-- \nBob\nunsubscribe link"), "Best");
        assert_eq!(own_text("> only quote\nmy words\n> more"), "my words");
    }

    #[test]
    fn html_replies_stop_at_the_quote() {
        let html = "<div>Please remove me.</div><div class=\"gmail_quote\"><div>On Mon Alice wrote:</div>\
                    <blockquote>unsubscribe</blockquote></div>";
        assert_eq!(own_text_of_html(html), "Please remove me.");
        let plain = "<p>Great, let's talk</p><blockquote type=\"cite\"><p>To unsubscribe click here</p></blockquote>";
        assert_eq!(own_text_of_html(plain), "Great, let's talk");
    }
}
