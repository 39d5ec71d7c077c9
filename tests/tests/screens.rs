//! Every screen, light and dark: a screenshot for README's gallery and an axe-core check
//! (zero violations) in both colour schemes.

use console_e2e::*;
use serde_json::json;

async fn walk(dark: bool) -> anyhow::Result<()> {
    let scheme = if dark { "dark" } else { "light" };
    let h = Harness::start_with(|_| {}, dark).await?;
    let is_dark: bool = serde_json::from_value(
        h.client()
            .execute(
                "return matchMedia('(prefers-color-scheme: dark)').matches",
                vec![],
            )
            .await?,
    )?;
    assert_eq!(is_dark, dark, "the browser reports the {scheme} scheme");
    let mut failures = Vec::new();
    let mut shot = |name: &str, violations: Vec<String>| {
        if !violations.is_empty() {
            failures.push(format!("{name} ({scheme}): {violations:#?}"));
        }
    };

    h.goto("/").await?;
    h.find("#sign-in-user").await?;
    h.screenshot(&format!("sign-in-{scheme}")).await?;
    shot("sign-in", h.axe_violations().await?);

    h.sign_in(ADMIN).await?;
    h.find("#email-new").await?;
    h.screenshot(&format!("profile-{scheme}")).await?;
    shot("profile", h.axe_violations().await?);

    h.goto("/users").await?;
    h.wait_text("#users-total", "Showing").await?;
    h.screenshot(&format!("user-list-{scheme}")).await?;
    shot("user-list", h.axe_violations().await?);

    h.goto("/users/jdoe").await?;
    h.wait_text("#fact-user-name", "jdoe").await?;
    h.screenshot(&format!("user-page-{scheme}")).await?;
    shot("user-page", h.axe_violations().await?);

    h.click("#section-link-close-account").await?;
    h.click("#status-toggle").await?;
    h.find("#status-confirm").await?;
    h.screenshot(&format!("status-confirm-{scheme}")).await?;
    shot("status-confirm", h.axe_violations().await?);
    h.click("#status-cancel").await?;
    h.click("#section-link-details").await?;

    h.control("POST", "/_emulator/expire", json!({ "user": "admin" }))
        .await?;
    h.fill("#email-new", "jdoe@new.example.com").await?;
    h.click("#email-save").await?;
    h.find("#reauth-password").await?;
    h.screenshot(&format!("session-expired-{scheme}")).await?;
    shot("session-expired", h.axe_violations().await?);
    h.fill("#reauth-password", ADMIN.1).await?;
    h.click(".dialog button[type=submit]").await?;
    h.wait_text("#email-status", "saved").await?;

    h.goto("/portal-example.html").await?;
    h.click("#login button[type=submit]").await?;
    h.wait_text("#login-status", "Signed in").await?;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    h.screenshot(&format!("portal-example-{scheme}")).await?;

    h.close().await;
    assert!(
        failures.is_empty(),
        "accessibility violations:\n{}",
        failures.join("\n")
    );
    Ok(())
}

#[tokio::test]
async fn every_screen_light() -> anyhow::Result<()> {
    walk(false).await
}

#[tokio::test]
async fn every_screen_dark() -> anyhow::Result<()> {
    walk(true).await
}
