//! Settings for well-known providers, and how to get a password that works with each (most refuse the normal
//! account password over SMTP/IMAP and want an app password).
use crate::domain::{MailboxPreset, Security};

struct P {
    id: &'static str,
    label: &'static str,
    smtp: (&'static str, u16, Security),
    imap: (&'static str, u16, Security),
    username_hint: &'static str,
    password_help: &'static str,
    help_url: Option<&'static str>,
}

const FULL_ADDRESS: &str = "Your full email address";

const PRESETS: &[P] = &[
    P {
        id: "gmail",
        label: "Gmail",
        smtp: ("smtp.gmail.com", 465, Security::Tls),
        imap: ("imap.gmail.com", 993, Security::Tls),
        username_hint: FULL_ADDRESS,
        password_help: "Gmail needs an app password: turn on 2-Step Verification for your Google account, then \
                        create an app password (16 letters) and paste it here. Your normal password will not work.",
        help_url: Some("https://myaccount.google.com/apppasswords"),
    },
    P {
        id: "google_workspace",
        label: "Google Workspace",
        smtp: ("smtp.gmail.com", 465, Security::Tls),
        imap: ("imap.gmail.com", 993, Security::Tls),
        username_hint: "Your full work email address",
        password_help: "Use an app password (2-Step Verification must be on). If app passwords are missing, your \
                        Workspace admin has to allow them, and IMAP must be enabled for your organisation.",
        help_url: Some("https://myaccount.google.com/apppasswords"),
    },
    P {
        id: "outlook",
        label: "Outlook / Microsoft 365",
        smtp: ("smtp.office365.com", 587, Security::Starttls),
        imap: ("outlook.office365.com", 993, Security::Tls),
        username_hint: FULL_ADDRESS,
        password_help: "With two-step verification on, create an app password in your Microsoft account's security \
                        settings. For Microsoft 365 work accounts, your admin must allow authenticated SMTP and IMAP \
                        for your mailbox; some organisations have turned password sign-in off entirely.",
        help_url: Some("https://account.live.com/proofs/AppPassword"),
    },
    P {
        id: "icloud",
        label: "iCloud Mail",
        smtp: ("smtp.mail.me.com", 587, Security::Starttls),
        imap: ("imap.mail.me.com", 993, Security::Tls),
        username_hint: "Your iCloud email address (…@icloud.com)",
        password_help: "iCloud needs an app-specific password: sign in at appleid.apple.com, open Sign-In and \
                        Security → App-Specific Passwords, create one and paste it here.",
        help_url: Some("https://appleid.apple.com/account/manage"),
    },
    P {
        id: "fastmail",
        label: "Fastmail",
        smtp: ("smtp.fastmail.com", 465, Security::Tls),
        imap: ("imap.fastmail.com", 993, Security::Tls),
        username_hint: FULL_ADDRESS,
        password_help: "Create an app password in Fastmail under Settings → Privacy & Security → Connected apps & \
                        API tokens, with access to IMAP and SMTP.",
        help_url: Some("https://app.fastmail.com/settings/security/devicekeys"),
    },
    P {
        id: "yahoo",
        label: "Yahoo Mail",
        smtp: ("smtp.mail.yahoo.com", 465, Security::Tls),
        imap: ("imap.mail.yahoo.com", 993, Security::Tls),
        username_hint: FULL_ADDRESS,
        password_help: "Yahoo needs an app password: open Account Info → Account Security → Generate app password.",
        help_url: Some("https://login.yahoo.com/account/security"),
    },
    P {
        id: "zoho",
        label: "Zoho Mail",
        smtp: ("smtp.zoho.com", 465, Security::Tls),
        imap: ("imap.zoho.com", 993, Security::Tls),
        username_hint: FULL_ADDRESS,
        password_help: "Enable IMAP access in Zoho Mail settings. With two-factor authentication on, create an \
                        application-specific password. Accounts in the EU or India use smtp.zoho.eu / imap.zoho.eu \
                        (or .in).",
        help_url: Some("https://accounts.zoho.com/home#security/app_password"),
    },
    P {
        id: "custom",
        label: "Other (custom)",
        smtp: ("", 587, Security::Starttls),
        imap: ("", 993, Security::Tls),
        username_hint: "Usually your full email address",
        password_help: "Ask your provider for the SMTP and IMAP server names. If your account uses two-step \
                        sign-in, you will probably need an app password.",
        help_url: None,
    },
];

/// Every preset, custom last.
pub fn presets() -> Vec<MailboxPreset> {
    PRESETS
        .iter()
        .map(|p| MailboxPreset {
            id: p.id.to_string(),
            label: p.label.to_string(),
            smtp_host: p.smtp.0.to_string(),
            smtp_port: p.smtp.1,
            smtp_security: p.smtp.2,
            imap_host: p.imap.0.to_string(),
            imap_port: p.imap.1,
            imap_security: p.imap.2,
            username_hint: p.username_hint.to_string(),
            password_help: p.password_help.to_string(),
            help_url: p.help_url.map(str::to_string),
        })
        .collect()
}

/// The preset whose servers these are, if any (so the edit form can show the matching guidance).
pub fn guess(smtp_host: &str) -> Option<MailboxPreset> {
    let host = smtp_host.trim().to_ascii_lowercase();
    presets().into_iter().find(|p| !p.smtp_host.is_empty() && p.smtp_host == host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_but_custom_has_both_servers_over_tls() {
        let all = presets();
        assert_eq!(all.last().unwrap().id, "custom");
        for p in all.iter().filter(|p| p.id != "custom") {
            assert!(!p.smtp_host.is_empty() && !p.imap_host.is_empty(), "{}", p.id);
            assert_ne!(p.smtp_security, Security::None, "{}", p.id);
            assert_ne!(p.imap_security, Security::None, "{}", p.id);
            assert!(p.password_help.contains("password"), "{}", p.id);
        }
        assert_eq!(guess("SMTP.gmail.com").unwrap().id, "gmail");
    }
}
