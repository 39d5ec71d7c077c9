use console_e2e::*;
#[tokio::test]
async fn scratch() -> anyhow::Result<()> {
    let h = Harness::start_behind_nginx().await?;
    h.sign_in(ADMIN).await?;
    h.click("nav.main-nav a[href$='/users']").await?;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    println!("URL {}", h.client().current_url().await?);
    println!("BODY {}", h.find("body").await?.text().await?);
    h.screenshot("scratch").await?;
    println!("LOG {:?}", console::read(h.client()).await?);
    println!("REQ {:?}", h.request_log().await?.iter().map(|e| (e["operation"].clone(), e["status"].clone(), e["success"].clone())).collect::<Vec<_>>());
    Ok(())
}
