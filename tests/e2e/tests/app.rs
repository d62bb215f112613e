//! The real app in a real WebKit window. Run under Xvfb with `--ignored --test-threads=1`
//! (one tauri-driver at a time); the test script does this.
use std::sync::Arc;

use outpost_core::domain::PageQuery;
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
