//! Sign-in against the emulator in headless Chromium.

use console_e2e::*;

#[tokio::test]
async fn sign_in_shows_who_is_signed_in_and_sends_post() -> anyhow::Result<()> {
    let h = Harness::start().await?;
    h.goto("/").await?;
    h.find("#sign-in-user").await?;
    h.screenshot("sign-in-light").await?;
    assert_eq!(h.axe_violations().await?, Vec::<String>::new());
    h.sign_in(JDOE).await?;
    let who = h.wait_text("header .who", "John Doe").await?;
    assert!(who.contains("jdoe"), "{who}");
    let log = h.request_log().await?;
    let auth = calls(&log, "AuthenticateUser");
    assert_eq!(auth.len(), 1);
    assert_eq!(auth[0]["method"], "POST");
    assert_eq!(param(auth[0], "UID"), Some("jdoe"));
    assert_eq!(param(auth[0], "PWD"), Some("Secret123!"));
    // Neither the password nor any ticket ever appears in a URL.
    let access = h.access_log().await?;
    assert!(!access.contains("Secret123"), "{access}");
    assert!(!access.to_lowercase().contains("ticket="), "{access}");
    h.close().await;
    Ok(())
}

#[tokio::test]
async fn wrong_password_and_disabled_user_get_plain_errors() -> anyhow::Result<()> {
    let h = Harness::start().await?;
    h.goto("/").await?;
    for (user, password) in [("jdoe", "wrong"), ("leaver", "Secret123!")] {
        h.fill("#sign-in-user", user).await?;
        h.fill("#sign-in-password", password).await?;
        h.click("form button[type=submit]").await?;
        h.wait_text("#sign-in-error", "user name or password is wrong")
            .await?;
    }
    h.fill("#sign-in-user", "sysadmin").await?;
    h.fill("#sign-in-password", "sysadmin").await?;
    h.click("form button[type=submit]").await?;
    h.wait_text("#sign-in-error", "built-in system administrator")
        .await?;
    h.close().await;
    Ok(())
}
