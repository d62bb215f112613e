//! Scratch (helper h3): why the first contact row's link is not interactable. Deleted after use.
use outpost_e2e::App;

#[tokio::test]
#[ignore = "scratch"]
async fn h3_first_row_click() -> anyhow::Result<()> {
    let app = App::launch().await?;
    app.click("[data-testid=empty-load-sample]").await?;
    app.wait_for("[data-testid=contact-row]", 20).await?;
    app.screenshot("h3-before-click").await;
    let r = app
        .driver
        .execute(
            "const el = document.querySelector('[data-testid=contact-row] .row-link');
             const b = el.getBoundingClientRect();
             const cx = b.left + b.width / 2, cy = b.top + b.height / 2;
             const hit = document.elementFromPoint(cx, cy);
             return JSON.stringify({ rect: [b.left, b.top, b.width, b.height], hit: hit && (hit.outerHTML || '').slice(0, 200),
               tr: el.closest('tr').getBoundingClientRect().top, sc: document.querySelector('.data-table-scroll').getBoundingClientRect().top });",
            vec![],
        )
        .await?;
    println!("{}", r.json());
    let el = app.wait_for("[data-testid=contact-row] .row-link", 10).await?;
    let res = el.click().await;
    println!("click: {res:?}");
    app.screenshot("h3-after-click").await;
    let d = app.wait_for("[data-testid=contact-delete]", 10).await?;
    println!("delete click: {:?}", d.click().await);
    app.screenshot("h3-after-delete").await;
    let t = app.wait_for_text("[data-testid=contacts-total]", "119", 10).await;
    println!("total 119: {:?}", t.is_ok());
    let u = app.wait_for("[data-testid=toast-undo]", 10).await?;
    println!("undo displayed, click: {:?}", u.click().await);
    app.screenshot("h3-after-undo").await;
    app.close().await?;
    Ok(())
}
