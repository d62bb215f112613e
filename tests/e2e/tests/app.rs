//! The real app in a real WebKit window. Run under Xvfb with `--ignored --test-threads=1`
//! (one tauri-driver at a time); the test script does this.
use std::sync::Arc;

use outpost_core::domain::{PageQuery, RecordRef};
use outpost_core::secrets::MemoryStore;
use outpost_e2e::App;

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run by scripts/test.sh"]
async fn first_run_offers_sample_data_and_loads_it() -> anyhow::Result<()> {
    let app = App::launch().await?;
    app.wait_for("[data-testid=first-run]", 20).await?;
    app.screenshot("first-run").await;
    app.click("[data-testid=empty-load-sample]").await?;
    app.wait_for("[data-testid=contact-row]", 20).await?;
    app.wait_for_text("[data-testid=contacts-total]", "120", 10).await?;
    app.screenshot("contacts-with-sample").await;
    app.click("[data-testid=nav-pipeline]").await?;
    app.wait_for_text("[data-testid=pipeline-column]", "Lead in", 10).await?;
    assert_eq!(
        app.driver.find_all(thirtyfour::By::Css("[data-testid=deal-card]")).await?.len(),
        48,
        "open sample deals"
    );
    app.screenshot("pipeline").await;
    let home = app.close().await?;
    let core =
        outpost_core::Outpost::open(&App::data_dir(home.path()).join("outpost.db"), Arc::new(MemoryStore::default()))?;
    assert_eq!(core.stats()?.deals, 60, "the sample reached the database in the app's data dir");
    Ok(())
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run by scripts/test.sh"]
async fn create_a_contact_through_the_ui_and_see_it_in_the_list() -> anyhow::Result<()> {
    let app = App::launch().await?;
    app.wait_for("[data-testid=first-run]", 20).await?;
    app.click("[data-testid=empty-start-blank]").await?;
    app.click("[data-testid=new-contact]").await?;
    app.type_into("[data-testid=contact-first-name]", "Ada").await?;
    app.type_into("[data-testid=contact-last-name]", "Lovelace").await?;
    app.type_into("[data-testid=contact-email]", "ada-at-engines").await?;
    app.click("[data-testid=contact-save]").await?;
    // A bad email is reported at the field, and nothing is saved.
    app.wait_for_text("[data-testid=field-error-emails]", "not a valid email", 10).await?;
    app.screenshot("contact-invalid-email").await;
    app.type_into("[data-testid=contact-email]", "ada@engines.example").await?;
    app.type_into("[data-testid=contact-company]", "Analytical Engines").await?;
    app.click("[data-testid=contact-save]").await?;
    let row = app.wait_for_text("[data-testid=contact-row]", "Ada Lovelace", 10).await?;
    app.screenshot("contact-created").await;
    let text = row.prop("textContent").await?.unwrap_or_default();
    assert!(text.contains("ada@engines.example"), "row shows {text:?}");
    app.screenshot("contact-created").await;
    let home = app.close().await?;

    let core =
        outpost_core::Outpost::open(&App::data_dir(home.path()).join("outpost.db"), Arc::new(MemoryStore::default()))?;
    let page = core.contacts(&PageQuery::default())?;
    assert_eq!(core.count_contacts(None)?, 1, "exactly one contact: the invalid attempt saved nothing");
    assert_eq!(page.items[0].email.as_deref(), Some("ada@engines.example"));
    assert_eq!(page.items[0].company_name.as_deref(), Some("Analytical Engines"));
    Ok(())
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run by scripts/test.sh"]
async fn drag_a_deal_to_the_next_stage() -> anyhow::Result<()> {
    use thirtyfour::prelude::*;
    let app = App::launch().await?;
    app.click("[data-testid=empty-load-sample]").await?;
    app.wait_for("[data-testid=contact-row]", 20).await?;
    app.click("[data-testid=nav-pipeline]").await?;
    // A card of the first column ("Lead in"), dragged with the mouse onto the second ("Qualified").
    let card = app.wait_for("[data-testid=pipeline-column] [data-testid=deal-card]", 10).await?;
    let deal_id: i64 = card.attr("data-deal-id").await?.unwrap_or_default().parse()?;
    let columns = app.driver.find_all(By::Css("[data-testid=pipeline-column]")).await?;
    app.driver
        .action_chain()
        .move_to_element_center(&card)
        .click_and_hold()
        .move_by_offset(10, 0) // past the 5 px that tells a drag from a click
        .move_by_offset(10, 0)
        .move_to_element_center(&columns[1])
        .move_by_offset(2, 2)
        .release()
        .perform()
        .await?;
    app.wait_for_text("[data-testid=toast]", "Qualified", 10).await?;
    app.screenshot("deal-moved").await;
    let home = app.close().await?;

    let core =
        outpost_core::Outpost::open(&App::data_dir(home.path()).join("outpost.db"), Arc::new(MemoryStore::default()))?;
    assert_eq!(core.deal(deal_id)?.stage_name, "Qualified");
    let history = core.stage_history(deal_id)?;
    assert_eq!(
        history.last().unwrap(),
        &(Some("Lead in".to_string()), "Qualified".to_string()),
        "stage history written"
    );
    let timeline = core.timeline(RecordRef::Deal(deal_id), None, 10)?;
    assert_eq!(timeline[0].meta["to_stage"], "Qualified", "activity written");
    Ok(())
}

/// Launches the app and loads the sample through the first-run panel.
async fn with_sample() -> anyhow::Result<App> {
    let app = App::launch().await?;
    app.click("[data-testid=empty-load-sample]").await?;
    app.wait_for("[data-testid=contact-row]", 20).await?;
    Ok(app)
}

fn reopen(home: &tempfile::TempDir) -> anyhow::Result<outpost_core::Outpost> {
    Ok(outpost_core::Outpost::open(&App::data_dir(home.path()).join("outpost.db"), Arc::new(MemoryStore::default()))?)
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run by scripts/test.sh"]
async fn convert_a_lead_into_a_contact_with_a_deal() -> anyhow::Result<()> {
    let app = with_sample().await?;
    let row = app.wait_for_text("[data-testid=contact-row]", "Lead", 10).await?;
    let name = row.find(thirtyfour::By::Css(".cell-primary")).await?.prop("textContent").await?.unwrap_or_default();
    row.find(thirtyfour::By::Css(".row-link")).await?.click().await?;
    app.click("[data-testid=convert-lead]").await?;
    app.click("[data-testid=convert-confirm]").await?;
    app.wait_for_text("[data-testid=toast]", "onverted", 10).await?;
    app.screenshot("lead-converted").await;
    let home = app.close().await?;

    let core = reopen(&home)?;
    let (first, last) = {
        let name = name.trim();
        let name = name.get(2..).unwrap_or(name).trim(); // the avatar's initials come first
        let mut parts = name.splitn(2, ' ');
        (parts.next().unwrap_or_default().to_string(), parts.next().unwrap_or_default().to_string())
    };
    let hit = core
        .contacts(&PageQuery { search: Some(format!("{first} {last}")), limit: Some(50), ..Default::default() })?
        .items
        .into_iter()
        .find(|c| c.first_name == first && c.last_name == last)
        .expect("the converted contact");
    assert_eq!(hit.lifecycle.as_str(), "contact");
    assert!(hit.company_id.is_some(), "linked to a company");
    let timeline = core.timeline(RecordRef::Contact(hit.id), None, 20)?;
    assert!(timeline.iter().any(|i| i.kind == "lead_converted"));
    assert!(core.deals(None, None, 1000)?.iter().any(|d| d.contact_id == Some(hit.id) && d.title.ends_with("deal")));
    Ok(())
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run by scripts/test.sh"]
async fn complete_a_recurring_task_and_see_the_next_occurrence() -> anyhow::Result<()> {
    let app = with_sample().await?;
    app.click("[data-testid=nav-tasks]").await?;
    // The sample's weekly task; which list it is in depends on today's date.
    let title = "Send proposal — Ada Lovelace";
    let mut found = None;
    for bucket in ["overdue", "today", "upcoming"] {
        app.click(&format!("[data-testid=task-bucket-{bucket}]")).await?;
        if let Ok(row) = app.wait_for_text("[data-testid=task-row]", title, 2).await {
            found = Some(row);
            break;
        }
    }
    let row = found.expect("the weekly sample task is listed");
    let id: i64 = row.attr("data-task-id").await?.unwrap_or_default().parse()?;
    row.find(thirtyfour::By::Css("[data-testid=task-complete]")).await?.click().await?;
    app.wait_for("[data-testid=toast-undo]", 10).await?;
    app.click("[data-testid=task-bucket-upcoming]").await?;
    app.wait_for_text("[data-testid=task-row]", title, 10).await?;
    app.screenshot("task-next-occurrence").await;
    let home = app.close().await?;

    let core = reopen(&home)?;
    assert_eq!(core.task(id)?.status, "done");
    let next = core
        .tasks(outpost_core::domain::TaskBucket::Upcoming, chrono_now(), 500)?
        .into_iter()
        .find(|t| t.series_id == Some(id))
        .expect("the next occurrence is open and upcoming");
    assert_eq!(next.title, title);
    Ok(())
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run by scripts/test.sh"]
async fn find_a_contact_with_ctrl_k() -> anyhow::Result<()> {
    use thirtyfour::prelude::*;
    let app = with_sample().await?;
    app.click("[data-testid=nav-pipeline]").await?;
    app.driver.action_chain().key_down(Key::Control).send_keys("k").key_up(Key::Control).perform().await?;
    app.type_into("[data-testid=palette-input]", "lovelace").await?;
    app.wait_for_text("[data-testid=palette-item]", "Ada Lovelace", 10).await?;
    app.screenshot("palette").await;
    app.driver.action_chain().send_keys(Key::Enter).perform().await?;
    let first = app.wait_for("[data-testid=contact-first-name]", 10).await?;
    assert_eq!(first.prop("value").await?.as_deref(), Some("Ada"));
    let last = app.wait_for("[data-testid=contact-last-name]", 10).await?;
    assert_eq!(last.prop("value").await?.as_deref(), Some("Lovelace"));
    app.close().await?;
    Ok(())
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run by scripts/test.sh"]
async fn undo_a_delete() -> anyhow::Result<()> {
    let app = with_sample().await?;
    app.wait_for_text("[data-testid=contacts-total]", "120", 10).await?;
    app.click("[data-testid=contact-row] .row-link").await?;
    app.click("[data-testid=contact-delete]").await?;
    app.wait_for_text("[data-testid=contacts-total]", "119", 10).await?;
    app.click("[data-testid=toast-undo]").await?;
    app.wait_for_text("[data-testid=contacts-total]", "120", 10).await?;
    let home = app.close().await?;
    let core = reopen(&home)?;
    assert_eq!(core.count_contacts(None)?, 120, "nothing stays in the Trash");
    Ok(())
}

fn chrono_now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run by scripts/test.sh"]
async fn move_a_deal_with_the_keyboard() -> anyhow::Result<()> {
    use thirtyfour::prelude::*;
    let app = with_sample().await?;
    app.click("[data-testid=nav-pipeline]").await?;
    let card = app.wait_for("[data-testid=pipeline-column] [data-testid=deal-card]", 10).await?;
    let deal_id: i64 = card.attr("data-deal-id").await?.unwrap_or_default().parse()?;
    app.driver.execute("arguments[0].focus()", vec![card.to_json()?]).await?;
    // dnd-kit's keyboard sensor: Space picks up, Right moves one column, Space drops (Enter opens the deal).
    for key in [Key::Space, Key::Right, Key::Space] {
        app.driver.action_chain().send_keys(key).perform().await?;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    app.wait_for_text("[data-testid=toast]", "Qualified", 10).await?;
    let home = app.close().await?;
    assert_eq!(reopen(&home)?.deal(deal_id)?.stage_name, "Qualified");
    Ok(())
}

/// Settings renders its sections as their data arrives; a click on "Add field" during that re-render can be
/// lost, so it is retried until the form shows.
async fn open_custom_field_form(app: &App) -> anyhow::Result<()> {
    for _ in 0..3 {
        app.click("[data-testid=cf-add]").await?;
        if app.wait_for("[data-testid=cf-label]", 4).await.is_ok() {
            return Ok(());
        }
    }
    app.screenshot("custom-field-form-missing").await;
    anyhow::bail!("the custom field form did not open")
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run by scripts/test.sh"]
async fn custom_fields_reject_a_missing_required_value_and_text_in_a_number_field() -> anyhow::Result<()> {
    let app = App::launch().await?;
    app.wait_for("[data-testid=first-run]", 20).await?;
    // Settings works on an empty book: define a required text field and a number field for contacts.
    app.click("[data-testid=nav-settings]").await?;
    open_custom_field_form(&app).await?;
    app.type_into("[data-testid=cf-label]", "Region").await?;
    app.click("[data-testid=cf-required]").await?;
    app.click("[data-testid=cf-save]").await?;
    app.wait_for_text("[data-testid=cf-row]", "Region", 10).await?;
    open_custom_field_form(&app).await?;
    app.type_into("[data-testid=cf-label]", "Seats").await?;
    app.click("[data-testid=cf-type] option[value=number]").await?;
    app.click("[data-testid=cf-save]").await?;
    app.wait_for_text("[data-testid=cf-row]", "Seats", 10).await?;
    app.screenshot("custom-fields-settings").await;

    app.click("[data-testid=nav-contacts]").await?;
    app.click("[data-testid=empty-start-blank]").await?;
    app.click("[data-testid=new-contact]").await?;
    app.type_into("[data-testid=contact-first-name]", "Ada").await?;
    app.type_into("[data-testid=contact-last-name]", "Lovelace").await?;
    app.wait_for("[data-testid=custom-region]", 10).await?;
    app.click("[data-testid=contact-save]").await?;
    // The required field left empty: the message is at that field, and nothing is saved.
    app.wait_for_text("[data-testid='field-error-custom.region']", "Region is required", 10).await?;
    app.screenshot("custom-field-required").await;

    app.type_into("[data-testid=custom-region]", "EMEA").await?;
    app.type_into("[data-testid=custom-seats]", "a dozen").await?;
    app.click("[data-testid=contact-save]").await?;
    // Text in the number field: the message is at that field, and nothing is saved.
    app.wait_for_text("[data-testid='field-error-custom.seats']", "must be a number", 10).await?;
    app.screenshot("custom-field-number").await;
    // The dialog is still open with what was typed.
    let region = app.wait_for("[data-testid=custom-region]", 5).await?;
    assert_eq!(region.prop("value").await?.as_deref(), Some("EMEA"));

    // Fixed, it saves.
    app.type_into("[data-testid=custom-seats]", "12").await?;
    app.click("[data-testid=contact-save]").await?;
    app.wait_for_text("[data-testid=contact-row]", "Ada Lovelace", 10).await?;
    let home = app.close().await?;

    let core = reopen(&home)?;
    assert_eq!(core.count_contacts(None)?, 1, "the two refused attempts saved nothing");
    let ada = &core.contacts(&PageQuery::default())?.items[0];
    assert_eq!(ada.custom["region"], "EMEA");
    assert_eq!(ada.custom["seats"], 12.0);
    Ok(())
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run by scripts/test.sh"]
async fn edit_a_company_then_delete_it_and_undo() -> anyhow::Result<()> {
    let app = with_sample().await?;
    app.click("[data-testid=nav-companies]").await?;
    let total: i64 = app
        .wait_for("[data-testid=companies-total]", 10)
        .await?
        .prop("textContent")
        .await?
        .unwrap_or_default()
        .parse()?;
    let row = app.wait_for_text("[data-testid=company-row]", "Initech", 10).await?;
    row.find(thirtyfour::By::Css(".row-link")).await?.click().await?;
    app.click("[data-testid=company-edit]").await?;
    app.type_into("[data-testid=company-name]", "Initech Worldwide").await?;
    app.type_into("[data-testid=company-industry]", "Enterprise software").await?;
    app.click("[data-testid=company-save]").await?;
    app.wait_for_text("[data-testid=company-facts]", "Enterprise software", 10).await?;
    app.screenshot("company-edited").await;
    // The list shows the new name.
    app.wait_for_text("[data-testid=company-row]", "Initech Worldwide", 10).await?;

    app.click("[data-testid=company-delete]").await?;
    app.wait_for_text("[data-testid=companies-total]", &(total - 1).to_string(), 10).await?;
    app.screenshot("company-deleted").await;
    app.click("[data-testid=toast-undo]").await?;
    app.wait_for_text("[data-testid=companies-total]", &total.to_string(), 10).await?;
    app.wait_for_text("[data-testid=company-row]", "Initech Worldwide", 10).await?;
    let home = app.close().await?;

    let core = reopen(&home)?;
    let page = core.companies(&PageQuery { search: Some("initech".into()), ..Default::default() })?;
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].name, "Initech Worldwide");
    assert_eq!(core.company(page.items[0].id)?.industry.as_deref(), Some("Enterprise software"));
    assert_eq!(core.trash(10)?.total, 0, "nothing left in the Trash");
    Ok(())
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run by scripts/test.sh"]
async fn rename_and_add_a_stage_in_settings_and_see_them_on_the_board() -> anyhow::Result<()> {
    use thirtyfour::prelude::*;
    let app = with_sample().await?;
    app.click("[data-testid=nav-settings]").await?;
    app.wait_for("[data-testid=pipeline-settings] [data-testid=stage-row]", 10).await?;
    app.driver.execute("document.querySelector('[data-testid=pipeline-settings]').scrollIntoView()", vec![]).await?;
    let mut demo = None;
    for input in app.driver.find_all(By::Css("[data-testid=stage-name]")).await? {
        if input.prop("value").await?.as_deref() == Some("Demo") {
            demo = Some(input);
        }
    }
    let demo = demo.ok_or_else(|| anyhow::anyhow!("no stage called Demo in Settings"))?;
    demo.clear().await?;
    demo.send_keys("Product demo" + Key::Enter).await?;
    let new_stage = app.wait_for("[data-testid=stage-new-name]", 10).await?;
    new_stage.send_keys("Trial" + Key::Enter).await?;
    // The new stage's row appears once the core has it.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let mut names = Vec::new();
        for input in app.driver.find_all(By::Css("[data-testid=stage-name]")).await? {
            names.push(input.prop("value").await?.unwrap_or_default());
        }
        if names.iter().any(|n| n == "Trial") && names.iter().any(|n| n == "Product demo") {
            break;
        }
        anyhow::ensure!(std::time::Instant::now() < deadline, "Settings shows {names:?}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.screenshot("pipeline-settings").await;

    app.click("[data-testid=nav-pipeline]").await?;
    app.wait_for_text("[data-testid=pipeline-column] .column-name", "Product demo", 10).await?;
    app.wait_for_text("[data-testid=pipeline-column] .column-name", "Trial", 10).await?;
    app.screenshot("board-after-stage-edits").await;
    // The sample's leads, hottest first, with their scores.
    app.click("[data-testid=nav-leads]").await?;
    app.wait_for("[data-testid=lead-row]", 10).await?;
    app.screenshot("leads").await;
    app.click("[data-testid=nav-settings]").await?;
    app.wait_for("[data-testid=scoring-settings] [data-testid=scoring-save]", 10).await?;
    app.driver.execute("document.querySelector('[data-testid=scoring-settings]').scrollIntoView()", vec![]).await?;
    app.screenshot("scoring-settings").await;
    let home = app.close().await?;

    let core = reopen(&home)?;
    let names: Vec<String> = core.pipelines()?[0].stages.iter().map(|s| s.name.clone()).collect();
    assert!(names.contains(&"Product demo".to_string()) && !names.contains(&"Demo".to_string()), "{names:?}");
    assert_eq!(names.last().map(String::as_str), Some("Trial"), "a new stage goes last: {names:?}");
    Ok(())
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run by scripts/test.sh"]
async fn bulk_set_a_field_on_several_contacts_then_undo() -> anyhow::Result<()> {
    let app = with_sample().await?;
    app.wait_for_text("[data-testid=contacts-total]", "120", 10).await?;
    // The first three rows: their ids and titles as they are, read in one script so a re-render between two
    // WebDriver calls can't leave us holding a stale element.
    let first: Vec<(i64, String)> = serde_json::from_value(
        app.driver
            .execute(
                "return [...document.querySelectorAll('[data-testid=contact-row]')].slice(0, 3).map(r =>
                   [Number(r.dataset.id), r.querySelector('td[data-field=title]').textContent])",
                vec![],
            )
            .await?
            .json()
            .clone(),
    )?;
    let mut picked = Vec::new();
    for (id, title) in first {
        app.click(&format!("[data-testid=contact-row][data-id='{id}'] [data-testid=row-select]")).await?;
        picked.push((id, title));
    }
    app.wait_for_text("[data-testid=bulk-count]", "3 contacts selected", 10).await?;
    app.click("[data-testid=bulk-set]").await?;
    app.click("[data-testid=bulk-field] option[value=title]").await?;
    app.type_into("[data-testid=bulk-value]", "Chief Bulk Officer").await?;
    app.click("[data-testid=bulk-apply]").await?;
    app.wait_for_text("[data-testid=toast]", "Updated Title on 3 contacts", 10).await?;
    let changed = |want: usize| {
        let driver = &app.driver;
        async move {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
            loop {
                let n = driver
                    .execute(
                        "return [...document.querySelectorAll('[data-testid=contact-row] td[data-field=title]')]
                           .filter(c => c.textContent === 'Chief Bulk Officer').length",
                        vec![],
                    )
                    .await?
                    .json()
                    .as_u64()
                    .unwrap_or(0) as usize;
                if n == want {
                    return anyhow::Ok(());
                }
                anyhow::ensure!(std::time::Instant::now() < deadline, "{n} rows show the new title, not {want}");
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
        }
    };
    changed(3).await?;
    app.screenshot("bulk-edit").await;
    app.click("[data-testid=toast-undo]").await?;
    changed(0).await?;
    app.screenshot("bulk-edit-undone").await;
    let home = app.close().await?;

    let core = reopen(&home)?;
    for (id, title) in picked {
        assert_eq!(core.contact(id)?.title.unwrap_or_default(), title, "contact {id} has its own title back");
    }
    Ok(())
}

/// The text of every element matching `css`, joined: for waiting on what a region no longer shows.
async fn text_of(app: &App, css: &str) -> anyhow::Result<String> {
    let mut text = String::new();
    for el in app.driver.find_all(thirtyfour::By::Css(css)).await? {
        text.push_str(&el.prop("textContent").await?.unwrap_or_default());
    }
    Ok(text)
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run by scripts/test.sh"]
async fn import_a_spreadsheet_with_mapping_and_preview_see_the_records_then_undo_it() -> anyhow::Result<()> {
    // LinkedIn's export, with its preamble: 5 rows, Ada twice (the same email in another case).
    let files = tempfile::tempdir()?;
    let file = files.path().join("linkedin_connections.csv");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/import/linkedin_connections.csv"),
        &file,
    )?;
    let app = App::launch().await?;
    app.click("[data-testid=empty-import]").await?;
    app.type_into("[data-testid=import-path]", &file.to_string_lossy()).await?;
    app.click("[data-testid=import-path-open]").await?;
    app.wait_for_text("[data-testid=import-count-created]", "4", 20).await?;
    app.wait_for_text("[data-testid=import-preview-row]", "Analytical Engines", 10).await?;
    app.screenshot("import-preview").await;

    // Column 5 is "Company": leave it out, and the preview follows.
    app.click("[data-testid=import-target-5] option[value=ignore]").await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let rows = text_of(&app, "[data-testid=import-preview-row]").await?;
        let ready = app.wait_for("[data-testid=import-run]", 1).await?.is_enabled().await?;
        if ready && rows.contains("Lovelace") && !rows.contains("Analytical Engines") {
            break;
        }
        anyhow::ensure!(std::time::Instant::now() < deadline, "the preview still shows the company: {rows}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(text_of(&app, "[data-testid=import-count-created]").await?.starts_with('4'));
    assert!(text_of(&app, "[data-testid=import-count-merged]").await?.starts_with('1'));
    app.screenshot("import-preview-remapped").await;
    app.driver.execute("document.querySelector('[data-testid=import-preview]').scrollIntoView()", vec![]).await?;
    app.screenshot("import-preview-rows").await;

    app.click("[data-testid=import-run]").await?;
    app.wait_for_text("[data-testid=import-result] [data-testid=import-count-created]", "4 created", 30).await?;
    app.screenshot("import-result").await;
    app.click("[data-testid=import-see-records]").await?;
    app.wait_for_text("[data-testid=contact-row]", "Katherine Johnson", 10).await?;
    app.screenshot("imported-contacts").await;
    app.click("[data-testid=nav-imports]").await?;
    app.wait_for_text("[data-testid=import-row]", "linkedin_connections.csv", 10).await?;
    app.screenshot("import-history").await;
    app.click("[data-testid=import-row] [data-testid=import-undo]").await?;
    app.wait_for_text("[data-testid=undo-import]", "removes the 4 contacts", 10).await?;
    app.click("[data-testid=undo-import-confirm]").await?;
    app.wait_for_text("[data-testid=undo-import-summary]", "Removed 4 records", 20).await?;
    app.screenshot("import-undone").await;
    app.click("[data-testid=undo-import-result] .button-primary").await?;
    app.wait_for_text("[data-testid=import-status]", "Undone", 10).await?;
    // The book is empty again, so Contacts offers the first-run choices once more.
    app.click("[data-testid=nav-contacts]").await?;
    app.wait_for("[data-testid=first-run]", 10).await?;
    let home = app.close().await?;

    let core = reopen(&home)?;
    let stats = core.stats()?;
    assert_eq!((stats.contacts + stats.leads, stats.companies), (0, 0), "the undo removed everything it created");
    let job = &core.imports(10)?[0];
    assert_eq!((job.status.as_str(), job.counts.created, job.counts.merged), ("undone", 4, 1));
    Ok(())
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run by scripts/test.sh"]
async fn find_a_duplicate_company_and_merge_it_field_by_field() -> anyhow::Result<()> {
    use thirtyfour::prelude::*;
    let app = with_sample().await?;
    app.click("[data-testid=nav-companies]").await?;
    app.click("[data-testid=new-company]").await?;
    app.type_into("[data-testid=company-name]", "Initech, Inc.").await?;
    app.type_into("[data-testid=company-industry]", "Enterprise software").await?;
    app.click("[data-testid=company-save]").await?;
    app.wait_for_text("[data-testid=toast]", "Added Initech, Inc.", 10).await?;

    app.click("[data-testid=find-duplicates]").await?;
    let pair = app.wait_for_text("[data-testid=duplicate-pair]", "Initech, Inc.", 10).await?;
    assert!(pair.text().await?.contains("same company name"));
    app.screenshot("duplicates").await;
    pair.find(By::Css("[data-testid=duplicate-merge]")).await?.click().await?;
    // The sample Initech is older and stays; the industry comes from the new one.
    app.wait_for_text("[data-testid=merge-head-a]", "Stays", 10).await?;
    app.click("[data-testid=merge-pick-industry-b]").await?;
    app.screenshot("merge-dialog").await;
    app.click("[data-testid=merge-confirm]").await?;
    app.wait_for_text("[data-testid=toast]", "Merged", 10).await?;
    {
        // Read while the app is open (WAL lets another connection read).
        let core = reopen(&app.home)?;
        let page = core.companies(&PageQuery { search: Some("initech".into()), ..Default::default() })?;
        assert_eq!(page.items.len(), 1, "one Initech left");
        let kept = core.company(page.items[0].id)?;
        assert_eq!((kept.name.as_str(), kept.industry.as_deref()), ("Initech", Some("Enterprise software")));
        assert!(!core.company_related(kept.id)?.contacts.is_empty(), "the sample Initech kept its people");
        assert_eq!(core.trash(10)?.items.len(), 1, "the new one went to the Trash");
    }
    // Undo from the toast: both companies back, the sample one with its own industry again.
    app.click("[data-testid=toast-undo]").await?;
    app.wait_for_text("[data-testid=toast]", "Merge undone", 10).await?;
    app.wait_for_text("[data-testid=duplicate-pair]", "Initech, Inc.", 10).await?;
    let home = app.close().await?;

    let core = reopen(&home)?;
    let page = core.companies(&PageQuery { search: Some("initech".into()), ..Default::default() })?;
    assert_eq!(page.items.len(), 2, "both Initechs are back");
    assert!(core.trash(10)?.items.is_empty());
    Ok(())
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run by scripts/test.sh"]
async fn write_a_template_and_preview_it_for_a_contact() -> anyhow::Result<()> {
    use outpost_core::domain::{ContactInput, RenderContext};
    // A database with one contact, so the preview's sample record is known.
    let home = tempfile::tempdir()?;
    let ada = {
        let core = reopen(&home)?;
        core.create_contact(ContactInput {
            first_name: "Ada".into(),
            last_name: "Lovelace".into(),
            emails: vec!["ada@engines.example".into()],
            company_name: Some("Analytical Engines".into()),
            ..Default::default()
        })?
    };
    let app = App::launch_in(home).await?;
    app.click("[data-testid=nav-templates]").await?;
    app.wait_for("[data-testid=templates-empty]", 20).await?;
    app.click("[data-testid=template-new]").await?;
    app.type_into("[data-testid=template-name]", "Event follow-up").await?;
    app.type_into("[data-testid=template-subject]", "Hi {{ contact.first_name }}").await?;
    app.type_into("[data-testid=template-body_text]", "Good to meet the {{ company.name }} team, {{ contact.title }}")
        .await?;
    // The live preview renders the draft for the contact, and warns about the field Ada has no value for.
    app.wait_for_text("[data-testid=template-preview-subject]", "Hi Ada", 10).await?;
    app.wait_for_text("[data-testid=template-preview-text]", "Good to meet the Analytical Engines team", 10).await?;
    app.wait_for_text("[data-testid=template-missing]", "contact.title", 10).await?;
    app.screenshot("template-preview").await;
    app.click("[data-testid=template-save]").await?;
    app.wait_for_text("[data-testid=template-item]", "Event follow-up", 10).await?;
    let home = app.close().await?;

    let core = reopen(&home)?;
    let saved = core.templates()?;
    assert_eq!(saved.len(), 1);
    let rendered = core.render_template(saved[0].id, RenderContext::contact(ada.id))?;
    assert_eq!(rendered.subject, "Hi Ada");
    assert_eq!(rendered.missing, vec!["contact.title".to_string()]);
    Ok(())
}
