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
    assert_eq!(page.total, 1, "exactly one contact: the invalid attempt saved nothing");
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
