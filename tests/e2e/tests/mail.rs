//! Mail through the real app: a mailbox added in Settings (its password into the real Secret Service), tested
//! against the real SMTP and IMAP servers of the test kit. Run inside scripts/with-keyring.sh under Xvfb with
//! `--ignored --test-threads=1`; the test script does this.
use std::sync::Arc;
use std::time::Duration;

use outpost_core::secrets::MemoryStore;
use outpost_e2e::App;
use outpost_testkit::{Dovecot, FakeSmtp, PASSWORD, USER};

fn reopen(home: &tempfile::TempDir) -> anyhow::Result<outpost_core::Outpost> {
    Ok(outpost_core::Outpost::open(&App::data_dir(home.path()).join("outpost.db"), Arc::new(MemoryStore::default()))?)
}

/// Replaces a field's value (inputs keep their preset defaults otherwise).
async fn set_field(app: &App, css: &str, value: &str) -> anyhow::Result<()> {
    let el = app.wait_for(css, 10).await?;
    let typed = async {
        el.clear().await?;
        el.send_keys(value).await
    };
    if let Err(e) = typed.await {
        app.screenshot("set-field-failed").await;
        anyhow::bail!("could not type into {css}: {e}");
    }
    Ok(())
}

/// `App::click`, naming the element (and keeping a screenshot) when WebDriver refuses it.
async fn click(app: &App, css: &str) -> anyhow::Result<()> {
    if let Err(e) = app.click(css).await {
        app.screenshot("click-failed").await;
        anyhow::bail!("could not click {css}: {e}");
    }
    Ok(())
}

async fn select(app: &App, css: &str, value: &str) -> anyhow::Result<()> {
    app.driver
        .execute(
            "const s = document.querySelector(arguments[0]);
             const set = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set;
             set.call(s, arguments[1]);
             s.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![serde_json::json!(css), serde_json::json!(value)],
        )
        .await?;
    Ok(())
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver, a Secret Service and the built app: run by scripts/test.sh"]
async fn add_a_mailbox_test_it_and_send_from_a_contact() -> anyhow::Result<()> {
    let smtp = FakeSmtp::start();
    let imap = Dovecot::start();
    let home = tempfile::tempdir()?;
    {
        let core = reopen(&home)?;
        core.create_contact(outpost_core::domain::ContactInput {
            first_name: "Ada".into(),
            last_name: "Lovelace".into(),
            emails: vec!["ada@engines.example".into()],
            ..Default::default()
        })?;
    }
    let app = App::launch_in(home).await?;
    click(&app, "[data-testid=nav-settings]").await?;
    app.wait_for("[data-testid=mailboxes-empty]", 20).await?;
    click(&app, "[data-testid=mailbox-add]").await?;
    app.wait_for("[data-testid=mailbox-dialog]", 10).await?;
    select(&app, "[data-testid=mailbox-preset]", "custom").await?;
    set_field(&app, "[data-testid=mailbox-name]", "Work").await?;
    set_field(&app, "[data-testid=mailbox-email]", USER).await?;
    set_field(&app, "[data-testid=mailbox-smtp_host]", "127.0.0.1").await?;
    set_field(&app, "[data-testid=mailbox-smtp_port]", &smtp.port.to_string()).await?;
    select(&app, "[data-testid=mailbox-smtp_security]", "starttls").await?;
    set_field(&app, "[data-testid=mailbox-imap_host]", "127.0.0.1").await?;
    set_field(&app, "[data-testid=mailbox-imap_port]", &imap.imap_port.to_string()).await?;
    select(&app, "[data-testid=mailbox-imap_security]", "starttls").await?;
    set_field(&app, "[data-testid=mailbox-username]", USER).await?;
    set_field(&app, "[data-testid=mailbox-password]", "wrong-password").await?;
    let ca = format!("{}{}", smtp.ca_pem(), imap.ca_pem());
    // The certificate field is under "Sending limits and certificate", closed until opened.
    click(&app, ".mailbox-advanced > summary").await?;
    let pem = app.wait_for("[data-testid=mailbox-ca_pem]", 10).await?;
    // A PEM is long: set it in one go rather than typing it key by key.
    app.driver
        .execute(
            "const t = arguments[0];
             const set = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set;
             set.call(t, arguments[1]);
             t.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![pem.to_json()?, serde_json::json!(ca)],
        )
        .await?;
    // A wrong password is reported per protocol, in plain words, before anything is saved.
    click(&app, "[data-testid=mailbox-form-test]").await?;
    app.wait_for_text("[data-testid=mailbox-check-smtp]", "Sign-in refused", 30).await?;
    app.screenshot("mailbox-wrong-password").await;
    set_field(&app, "[data-testid=mailbox-password]", PASSWORD).await?;
    click(&app, "[data-testid=mailbox-form-test]").await?;
    app.wait_for_text("[data-testid=mailbox-check-smtp]", "OK", 30).await?;
    app.wait_for_text("[data-testid=mailbox-check-imap]", "OK", 30).await?;
    click(&app, "[data-testid=mailbox-save]").await?;
    app.wait_for_text("[data-testid=mailbox-row]", "Work", 10).await?;
    app.screenshot("mailbox-added").await;

    // Write to Ada from her panel: free text, queued, sent by the background sender.
    let subject = "About the Analytical Engine";
    click(&app, "[data-testid=nav-contacts]").await?;
    app.wait_for_text("[data-testid=contact-row]", "Ada Lovelace", 20).await?.click().await?;
    click(&app, "[data-testid=contact-compose]").await?;
    app.wait_for("[data-testid=compose-subject]", 10).await?;
    let to = app.wait_for("[data-testid=compose-to]", 10).await?;
    assert_eq!(to.prop("value").await?.as_deref(), Some("ada@engines.example"));
    app.type_into("[data-testid=compose-subject]", subject).await?;
    app.type_into("[data-testid=compose-body]", "Dear Ada, the notes on Bernoulli numbers arrived.").await?;
    app.wait_for_text("[data-testid=compose-preview-subject]", subject, 10).await?;
    app.screenshot("compose").await;
    click(&app, "[data-testid=compose-send]").await?;
    app.wait_for_text("[data-testid=toast]", "Queued", 10).await?;
    // The toast's link leaves the contact panel for the Outbox.
    click(&app, "[data-testid=toast-open-outbox]").await?;
    app.wait_for_text("[data-testid=outbox-item]", subject, 10).await?;
    // A first attempt that fails on a loaded machine (a timeout) is retried a minute later: wait past that, and
    // say what the item showed if it never went.
    if let Err(e) = app.wait_for("[data-testid=outbox-item][data-status=sent]", 150).await {
        let item = app.wait_for("[data-testid=outbox-item]", 1).await?;
        let (status, text) = (item.attr("data-status").await?, item.text().await?);
        return Err(e.context(format!("the outbox item stayed {status:?}: {text}")));
    }
    app.screenshot("outbox-sent").await;

    let received = smtp.wait_for(1, Duration::from_secs(30));
    assert_eq!(received.len(), 1, "the server got {} messages", received.len());
    assert_eq!(received[0].rcpt_tos, vec!["ada@engines.example".to_string()]);
    assert_eq!(received[0].header("Subject").as_deref(), Some(subject));

    // Her timeline records the email.
    click(&app, "[data-testid=nav-contacts]").await?;
    app.wait_for_text("[data-testid=contact-row]", "Ada Lovelace", 20).await?.click().await?;
    app.wait_for_text("[data-testid=timeline-item]", subject, 20).await?;
    app.screenshot("timeline-email").await;
    let home = app.close().await?;

    // The password went to the keychain, never into the database file.
    let db = std::fs::read(App::data_dir(home.path()).join("outpost.db"))?;
    assert!(!db.windows(PASSWORD.len()).any(|w| w == PASSWORD.as_bytes()), "the password is in the database");
    let core = reopen(&home)?;
    let boxes = core.mailboxes()?;
    assert_eq!(boxes.len(), 1);
    assert_eq!(boxes[0].smtp_port, smtp.port);
    Ok(())
}

/// A database in `home` with Ada (a contact) and the test user's mailbox on `imap`, sending through `smtp`
/// when given (else a port nothing listens on); its password in the real keychain. Returns the open core, so
/// a test can add more before the app launches, Ada's id and the mailbox.
fn seed(
    home: &tempfile::TempDir,
    imap: &Dovecot,
    smtp: Option<&FakeSmtp>,
) -> anyhow::Result<(outpost_core::Outpost, i64, outpost_core::domain::Mailbox)> {
    use outpost_core::domain::{ContactInput, MailboxInput, Security};
    let core = outpost_core::Outpost::open(
        &App::data_dir(home.path()).join("outpost.db"),
        Arc::new(outpost_core::secrets::KeyringStore::default()),
    )?;
    let ada = core.create_contact(ContactInput {
        first_name: "Ada".into(),
        last_name: "Lovelace".into(),
        emails: vec!["ada@engines.example".into()],
        ..Default::default()
    })?;
    let mut input = MailboxInput {
        name: "Work".into(),
        email: USER.into(),
        smtp_host: "127.0.0.1".into(),
        smtp_port: 2525,
        smtp_security: Security::Starttls,
        imap_host: "127.0.0.1".into(),
        imap_port: imap.imaps_port,
        imap_security: Security::Tls,
        username: USER.into(),
        ca_pem: Some(imap.ca_pem().to_string()),
        password: Some(PASSWORD.into()),
        ..Default::default()
    };
    if let Some(smtp) = smtp {
        input.smtp_port = smtp.port;
        input.ca_pem = Some(format!("{}\n{}", smtp.ca_pem(), imap.ca_pem()));
        input.min_spacing_secs = Some(0);
    }
    let mailbox = core.create_mailbox(input)?;
    Ok((core, ada.id, mailbox))
}

/// Email in through the real app: a mailbox whose password is in the real Secret Service, a reply delivered
/// into Dovecot, "Sync now" in the Inbox, and the thread linked to the contact — its hostile HTML shown in a
/// sandboxed frame with nothing active.
#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver, a Secret Service and the built app: run by scripts/test.sh"]
async fn a_reply_synced_into_the_inbox_lands_on_the_contact() -> anyhow::Result<()> {
    let imap = Dovecot::start();
    let home = tempfile::tempdir()?;
    let (_, _, mailbox) = seed(&home, &imap, None)?;
    let app = App::launch_in(home).await?;
    app.click("[data-testid=nav-inbox]").await?;
    app.wait_for("[data-testid=mail-sync-now]", 20).await?;

    let raw = format!(
        "From: Ada Lovelace <ada@engines.example>\r\nTo: {USER}\r\nSubject: Re: The engine\r\n\
         Message-ID: <e2e-reply-1@engines.example>\r\nDate: Tue, 1 Apr 2025 10:00:00 +0000\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/html; charset=utf-8\r\n\r\n<p>Yes, let us meet.</p>\
         <script>document.title='pwned'</script><img src=\"https://tracker.example/p.gif\" \
         onerror=\"document.title='pwned'\"><a href=\"javascript:document.title='pwned'\">x</a>\r\n"
    );
    let mut session = outpost_core::mail::imap::ImapSession::connect(&mailbox, PASSWORD).await?;
    session.append("INBOX", raw.as_bytes()).await?;
    session.logout().await;

    app.click("[data-testid=mail-sync-now]").await?;
    app.wait_for_text("[data-testid=inbox-thread]", "The engine", 30).await?;
    app.wait_for_text("[data-testid=mail-chip-contact]", "Ada Lovelace", 10).await?;
    // The next reply arrives on its own: the background sync idles on INBOX (IMAP IDLE), no "Sync now".
    let second = format!(
        "From: Ada Lovelace <ada@engines.example>\r\nTo: {USER}\r\nSubject: Pricing question\r\n\
         Message-ID: <e2e-reply-2@engines.example>\r\nDate: Wed, 2 Apr 2025 10:00:00 +0000\r\n\r\nHow much is it?\r\n"
    );
    let mut session = outpost_core::mail::imap::ImapSession::connect(&mailbox, PASSWORD).await?;
    session.append("INBOX", second.as_bytes()).await?;
    session.logout().await;
    app.wait_for_text("[data-testid=inbox-thread]", "Pricing question", 15).await?;
    // Newest first: the plain-text "Pricing question" is on top now; open the HTML one.
    app.wait_for_text("[data-testid=inbox-thread]", "The engine", 10).await?.click().await?;
    let frame = app.wait_for("[data-testid=mail-html]", 10).await?;
    assert_eq!(frame.attr("sandbox").await?.as_deref(), Some(""));
    let doc = frame.attr("srcdoc").await?.unwrap_or_default();
    assert!(doc.contains("let us meet"), "{doc}");
    for bad in ["<script", "onerror", "javascript:", "tracker.example"] {
        assert!(!doc.contains(bad), "{bad} reached the viewer: {doc}");
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let title = app.driver.title().await?;
    assert_ne!(title, "pwned");
    app.screenshot("inbox-reply").await;
    app.close().await?;
    Ok(())
}

/// Sets an input's value the way React hears it (an `input` event), e.g. emptying a time field.
async fn set_input(app: &App, css: &str, value: &str) -> anyhow::Result<()> {
    app.driver
        .execute(
            "const el = document.querySelector(arguments[0]);
             const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
             set.call(el, arguments[1]);
             el.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![serde_json::json!(css), serde_json::json!(value)],
        )
        .await?;
    Ok(())
}

/// A sequence through the real app: written in the Sequences view, a contact enrolled from her record, step 1
/// sent by the app's own scheduler and outbox to the real SMTP server (once), and her reply, delivered into
/// Dovecot and synced, stopping the rest with the reason shown on the enrollment; one click makes it a deal.
#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver, a Secret Service and the built app: run by scripts/test.sh"]
async fn a_sequence_sends_step_one_from_the_app_and_a_reply_stops_it() -> anyhow::Result<()> {
    use outpost_core::domain::TemplateInput;
    let smtp = FakeSmtp::start();
    let imap = Dovecot::start();
    let home = tempfile::tempdir()?;
    let (ada, mailbox) = {
        let (core, ada, mailbox) = seed(&home, &imap, Some(&smtp))?;
        core.create_template(TemplateInput {
            name: "Intro".into(),
            subject: "The engine, {{ contact.first_name }}".into(),
            body_text: "Dear {{ contact.first_name }}, may I show you the engine?".into(),
            body_html: None,
        })?;
        (ada, mailbox)
    };
    // The scheduler ticks every 2 s instead of every minute, so step 1 goes while the test watches.
    std::env::set_var("OUTPOST_SCHEDULER_TICK_SECS", "2");
    let app = App::launch_in(home).await?;

    // Write the sequence: the starter is email → wait → email, on the first mailbox and template.
    click(&app, "[data-testid=nav-sequences]").await?;
    click(&app, "[data-testid=seq-new]").await?;
    set_field(&app, "[data-testid=seq-name]", "Engine outreach").await?;
    app.wait_for_text("[data-testid=seq-mailbox] option:checked", "Work", 10).await?;
    // Any day, any hour: the test must not depend on when it runs.
    app.driver
        .execute(
            "document.querySelectorAll('.seq-weekday input').forEach((b) => { if (!b.checked) b.click(); });",
            vec![],
        )
        .await?;
    set_input(&app, "[data-testid=seq-send-start]", "").await?;
    set_input(&app, "[data-testid=seq-send-end]", "").await?;
    click(&app, "[data-testid=seq-save]").await?;
    click(&app, "[data-testid=seq-activate]").await?;
    app.wait_for_text("[data-testid=seq-status]", "Active", 10).await?;
    app.screenshot("sequence-active").await;

    // Enroll Ada from her record.
    click(&app, "[data-testid=nav-contacts]").await?;
    app.wait_for_text("[data-testid=contact-row]", "Ada Lovelace", 20).await?.click().await?;
    click(&app, "[data-testid=contact-sequences] [data-testid=bulk-enroll]").await?;
    app.wait_for_text("[data-testid=enroll-choose-sequence]", "Engine outreach", 10).await?;
    click(&app, "[data-testid=enroll-choose-next]").await?;
    app.wait_for_text("[data-testid=enroll-count]", "1", 20).await?;
    click(&app, "[data-testid=enroll-confirm]").await?;
    app.wait_for_text("[data-testid=toast]", "Enrolled 1", 10).await?;

    // The app's scheduler queues step 1 and its outbox sends it: once.
    let received = smtp.wait_for(1, Duration::from_secs(60));
    assert_eq!(received.len(), 1, "the server got {} messages", received.len());
    assert_eq!(received[0].rcpt_tos, vec!["ada@engines.example".to_string()]);
    assert_eq!(received[0].header("Subject").as_deref(), Some("The engine, Ada"));
    let sent_id = received[0].header("Message-ID").expect("a Message-ID");
    tokio::time::sleep(Duration::from_secs(6)).await; // three more ticks
    assert_eq!(smtp.received().len(), 1, "step 1 went twice");
    // Her record shows the email on her timeline; close it for the Sequences view.
    app.wait_for_text("[data-testid=timeline-item]", "The engine, Ada", 20).await?;
    click(&app, "[role=dialog] button[aria-label=Close]").await?;

    click(&app, "[data-testid=nav-sequences]").await?;
    click(&app, "[data-testid=seq-tab-enrollments]").await?;
    app.wait_for_text("[data-testid=enrollment-row]", "Ada Lovelace", 10).await?;
    app.wait_for_text("[data-testid=enrollment-sent]", "1 sent", 30).await?;
    app.screenshot("sequence-step-sent").await;

    // Ada answers; the sync sees the reply and the sequence stops for her, saying why.
    let reply = format!(
        "From: Ada Lovelace <ada@engines.example>\r\nTo: {USER}\r\nSubject: Re: The engine, Ada\r\n\
         Message-ID: <e2e-seq-reply@engines.example>\r\nIn-Reply-To: {sent_id}\r\nReferences: {sent_id}\r\n\
         Date: {}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         Yes, show me on Thursday.\r\n",
        chrono::Utc::now().to_rfc2822()
    );
    let mut session = outpost_core::mail::imap::ImapSession::connect(&mailbox, PASSWORD).await?;
    session.append("INBOX", reply.as_bytes()).await?;
    session.logout().await;
    click(&app, "[data-testid=nav-inbox]").await?;
    click(&app, "[data-testid=mail-sync-now]").await?;
    app.wait_for_text("[data-testid=inbox-thread]", "The engine", 30).await?;
    click(&app, "[data-testid=nav-sequences]").await?;
    click(&app, "[data-testid=seq-tab-enrollments]").await?;
    app.wait_for_text("[data-testid=enrollment-why]", "The contact replied", 30).await?;
    app.wait_for_text("[data-testid=enrollment-row]", "Stopped", 10).await?;
    app.screenshot("sequence-replied").await;
    // One click turns the reply into a deal.
    click(&app, "[data-testid=enrollment-to-deal]").await?;
    app.wait_for_text("[data-testid=toast]", "Opened a deal for Ada Lovelace", 10).await?;
    app.wait_for_text("[data-testid=enrollment-converted]", "Deal created", 10).await?;
    let home = app.close().await?;

    let core = reopen(&home)?;
    let enrollment = core.contact_enrollments(ada)?.remove(0);
    assert_eq!(enrollment.stop_code.as_deref(), Some("reply"));
    assert_eq!(enrollment.emails_sent, 1);
    let deal = core.deal(enrollment.converted_deal_id.expect("the reply became a deal"))?;
    assert_eq!((deal.title.as_str(), deal.contact_id), ("Ada Lovelace — Engine outreach", Some(ada)));
    assert_eq!(smtp.received().len(), 1, "nothing more went after the reply");
    Ok(())
}

/// Another IMAP client on the same mailbox (the rep's phone or webmail): plain LOGIN on the STARTTLS port,
/// one command at a time, blocking (each exchange takes milliseconds on loopback).
struct OtherClient {
    reader: std::io::BufReader<std::net::TcpStream>,
    writer: std::net::TcpStream,
    tag: u32,
}

impl OtherClient {
    fn login(port: u16) -> anyhow::Result<OtherClient> {
        let stream = std::net::TcpStream::connect(("127.0.0.1", port))?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        let mut c = OtherClient { reader: std::io::BufReader::new(stream.try_clone()?), writer: stream, tag: 0 };
        c.line()?; // the greeting
        c.run(&format!("LOGIN \"{USER}\" \"{PASSWORD}\""))?;
        c.run("SELECT INBOX")?;
        Ok(c)
    }

    fn line(&mut self) -> anyhow::Result<String> {
        use std::io::BufRead;
        let mut line = String::new();
        anyhow::ensure!(self.reader.read_line(&mut line)? > 0, "the IMAP server closed the connection");
        Ok(line.trim_end().to_string())
    }

    fn send(&mut self, text: &str) -> anyhow::Result<String> {
        use std::io::Write;
        self.tag += 1;
        let tag = format!("o{}", self.tag);
        self.writer.write_all(format!("{tag} {text}\r\n").as_bytes())?;
        Ok(tag)
    }

    /// The untagged lines up to the tagged OK (an error for NO / BAD).
    fn done(&mut self, tag: &str) -> anyhow::Result<Vec<String>> {
        let mut lines = vec![];
        loop {
            let line = self.line()?;
            match line.strip_prefix(tag).map(str::trim_start) {
                Some(rest) if rest.starts_with("OK") => return Ok(lines),
                Some(_) => anyhow::bail!("IMAP refused: {line}"),
                None => lines.push(line),
            }
        }
    }

    fn run(&mut self, command: &str) -> anyhow::Result<Vec<String>> {
        let tag = self.send(command)?;
        self.done(&tag)
    }

    /// Files a message in INBOX with no flags: new, unread mail.
    fn deliver_unread(&mut self, raw: &str) -> anyhow::Result<()> {
        use std::io::Write;
        let tag = self.send(&format!("APPEND INBOX () {{{}}}", raw.len()))?;
        let go = self.line()?;
        anyhow::ensure!(go.starts_with('+'), "no go-ahead for the APPEND: {go}");
        self.writer.write_all(raw.as_bytes())?;
        self.writer.write_all(b"\r\n")?;
        self.done(&tag)?;
        Ok(())
    }

    fn logout(mut self) {
        let _ = self.run("LOGOUT");
    }
}

/// "Sync now", once the sync running (the one at start-up, or one IDLE set off) has finished and the button is
/// enabled again.
async fn sync_now(app: &App) -> anyhow::Result<()> {
    app.wait_for("[data-testid=mail-sync-now]:not([disabled])", 30).await?;
    click(app, "[data-testid=mail-sync-now]").await
}

/// Flags and removals made elsewhere reach the app: a message arrives unread (the Inbox shows it unread),
/// the rep reads it on the phone (another IMAP client sets \Seen), and after "Sync now" the Inbox shows it read
/// without the app ever opening it; then the phone deletes it, and the thread keeps it with a "Removed from
/// the server" note.
#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver, a Secret Service and the built app: run by scripts/test.sh"]
async fn read_and_deleted_on_another_client_shows_in_the_inbox() -> anyhow::Result<()> {
    let imap = Dovecot::start();
    let home = tempfile::tempdir()?;
    seed(&home, &imap, None)?;
    let app = App::launch_in(home).await?;
    click(&app, "[data-testid=nav-inbox]").await?;
    app.wait_for("[data-testid=mail-sync-now]", 20).await?;

    let message_id = "<e2e-flags-1@engines.example>";
    let raw = format!(
        "From: Ada Lovelace <ada@engines.example>\r\nTo: {USER}\r\nSubject: Bernoulli numbers\r\n\
         Message-ID: {message_id}\r\nDate: {}\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\nThe table is attached in my next letter.\r\n",
        chrono::Utc::now().to_rfc2822()
    );
    let mut phone = OtherClient::login(imap.imap_port)?;
    phone.deliver_unread(&raw)?;
    sync_now(&app).await?;
    app.wait_for_text("[data-testid=inbox-thread]", "Bernoulli numbers", 30).await?;
    app.wait_for_text("li.mail-row.unread [data-testid=inbox-unread]", "1", 10).await?;
    app.screenshot("inbox-unread").await;

    // Read on the phone. The Inbox is not opened meanwhile: only the server can make it read.
    phone.run("UID STORE 1:* +FLAGS.SILENT (\\Seen)")?;
    sync_now(&app).await?;
    app.wait_for("li.mail-row:not(.unread) [data-testid=inbox-thread]", 30).await?;
    assert!(app.driver.find_all(thirtyfour::By::Css("[data-testid=inbox-unread]")).await?.is_empty());
    app.screenshot("inbox-read-elsewhere").await;
    {
        let core = outpost_core::Outpost::open(&app.db_path(), Arc::new(MemoryStore::default()))?;
        let thread = core.inbox(None, false, 10)?.remove(0);
        assert_eq!(thread.unread_count, 0);
        let message = core.email_thread(thread.id)?.messages.remove(0);
        assert!(message.is_read, "the server's \\Seen reached the stored message");
    }

    // Deleted on the phone: the thread keeps it, and says it is gone from the server.
    phone.run("UID STORE 1:* +FLAGS.SILENT (\\Deleted)")?;
    phone.run("EXPUNGE")?;
    phone.logout();
    sync_now(&app).await?;
    app.wait_for_text("[data-testid=inbox-thread]", "Bernoulli numbers", 10).await?.click().await?;
    app.wait_for_text("[data-testid=mail-removed]", "Removed from the server", 30).await?;
    app.wait_for_text("[data-testid=mail-message]", "The table is attached", 10).await?;
    app.screenshot("inbox-removed-from-server").await;
    app.close().await?;
    Ok(())
}
