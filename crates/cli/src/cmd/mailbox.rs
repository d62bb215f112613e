//! `outpost mailbox add|list|test|remove`. The password only ever arrives on stdin and goes to the keychain.
use std::io::Read;
use std::path::PathBuf;

use outpost_core::domain::{MailboxInput, ProtocolCheck, Security};
use outpost_core::CoreError;

use super::Ctx;
use crate::cli::{MailboxCommand, SecurityArg};
use crate::output::{self, out};

pub fn run(ctx: &Ctx, command: MailboxCommand) -> anyhow::Result<()> {
    match command {
        MailboxCommand::Add {
            name,
            email,
            display_name,
            smtp,
            smtp_security,
            imap,
            imap_security,
            username,
            ca_file,
            password_stdin,
        } => {
            let (smtp_host, smtp_port) = host_port("smtp", &smtp)?;
            let (imap_host, imap_port) = host_port("imap", &imap)?;
            let ca_pem = ca_file.map(read_ca).transpose()?;
            let password = if password_stdin { read_password()? } else { return Err(no_password().into()) };
            let input = MailboxInput {
                name,
                email,
                display_name,
                smtp_host,
                smtp_port,
                smtp_security: security(smtp_security),
                imap_host,
                imap_port,
                imap_security: security(imap_security),
                username,
                ca_pem,
                password: Some(password),
                ..Default::default()
            };
            if input.smtp_security == Security::None || input.imap_security == Security::None {
                eprintln!("warning: security \"none\" sends the password unencrypted; use it only for a test server");
            }
            let mailbox = ctx.core.create_mailbox(input)?;
            if ctx.json {
                return output::json(&serde_json::json!({ "id": mailbox.id }));
            }
            out!("{}", mailbox.id);
            Ok(())
        }
        MailboxCommand::List => {
            let mailboxes = ctx.core.mailboxes()?;
            if ctx.json {
                return output::json(&mailboxes);
            }
            let rows = mailboxes
                .into_iter()
                .map(|m| {
                    vec![
                        m.id.to_string(),
                        m.name,
                        m.email,
                        format!("{}:{} {}", m.smtp_host, m.smtp_port, m.smtp_security.as_str()),
                        format!("{}:{} {}", m.imap_host, m.imap_port, m.imap_security.as_str()),
                        m.state.as_str().to_string(),
                    ]
                })
                .collect();
            output::table(&["id", "name", "email", "smtp", "imap", "state"], rows);
            Ok(())
        }
        MailboxCommand::Test { id } => {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            let result = runtime.block_on(ctx.core.test_mailbox(id))?;
            if ctx.json {
                output::json(&result)?;
            } else {
                out!("SMTP: {}", describe(&result.smtp));
                out!("IMAP: {}", describe(&result.imap));
            }
            if !result.ok() {
                // The result above is the one document on stdout; the exit status tells scripts it failed.
                let failed = [("SMTP", &result.smtp), ("IMAP", &result.imap)]
                    .into_iter()
                    .filter(|(_, c)| !c.ok)
                    .map(|(what, c)| format!("{what}: {}", c.message))
                    .collect::<Vec<_>>();
                eprintln!("error: {}", failed.join("; "));
                std::process::exit(1);
            }
            Ok(())
        }
        MailboxCommand::Remove { id } => {
            ctx.core.remove_mailbox(id)?;
            if ctx.json {
                return output::json(&serde_json::json!({ "removed": id }));
            }
            out!("Mailbox {id} removed; its password was deleted from the keychain.");
            Ok(())
        }
    }
}

fn describe(check: &ProtocolCheck) -> String {
    match (&check.code, &check.server_reply) {
        (None, _) => format!("ok ({} ms). {}", check.elapsed_ms, check.message),
        (Some(code), Some(reply)) => format!("{code}: {} (server said: {reply})", check.message),
        (Some(code), None) => format!("{code}: {}", check.message),
    }
}

fn security(arg: SecurityArg) -> Security {
    match arg {
        SecurityArg::Starttls => Security::Starttls,
        SecurityArg::Tls => Security::Tls,
        SecurityArg::None => Security::None,
    }
}

/// "host:port" or "[v6]:port".
fn host_port(what: &str, s: &str) -> Result<(String, u16), CoreError> {
    let bad = || {
        CoreError::validation(
            format!("{what}_host"),
            format!("“{s}” is not HOST:PORT (like {what}.example.com:{}).", if what == "smtp" { 587 } else { 993 }),
        )
    };
    let (host, port) = s.trim().rsplit_once(':').ok_or_else(bad)?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let port: u16 = port.parse().map_err(|_| bad())?;
    if host.is_empty() || port == 0 {
        return Err(bad());
    }
    Ok((host.to_string(), port))
}

fn read_ca(path: PathBuf) -> Result<String, CoreError> {
    std::fs::read_to_string(&path).map_err(|e| CoreError::io(format!("cannot read {}", path.display()), e))
}

/// The first line of stdin, without its line ending (a password may contain spaces).
fn read_password() -> Result<String, CoreError> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).map_err(|e| CoreError::io("cannot read the password from stdin", e))?;
    let line = text.split('\n').next().unwrap_or("").trim_end_matches('\r').to_string();
    if line.is_empty() {
        return Err(CoreError::validation("password", "stdin held no password (one line expected)."));
    }
    Ok(line)
}

fn no_password() -> CoreError {
    CoreError::validation(
        "password",
        "pass the password on stdin with --password-stdin, e.g. `printf '%s' \"$PW\" | outpost mailbox add … \
         --password-stdin`",
    )
}
