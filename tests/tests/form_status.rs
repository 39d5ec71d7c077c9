//! ChangeUserStatus: the confirmation that names the user and the lockout warning; every form in dark mode.
//! As an administrator on another user and oneself (`/users/<name>/close-account`),
//! checking what the emulator received, parameter by parameter. Ids are documented at the top
//! of each component file in `src/components/`.

use anyhow::Result;
use console_e2e::forms::*;
use console_e2e::*;

#[tokio::test]
async fn disabling_needs_a_confirmation_that_names_the_user() -> Result<()> {
    let h = Harness::start().await?;
    open_section(
        &h,
        ADMIN,
        "/users/jdoe/close-account",
        "jdoe",
        "#status-toggle",
    )
    .await?;
    h.wait_text("#status-current", "Enabled").await?;
    h.wait_text("#status-toggle", "Disable account").await?;

    // Cancel sends nothing and gives focus back.
    h.click("#status-toggle").await?;
    h.wait_text(
        "#status-confirm-text",
        "Disable jdoe (John Doe)? They will not be able to sign in.",
    )
    .await?;
    assert_eq!(
        attr(&h, "#status-confirm-panel", "role").await?.as_deref(),
        Some("alertdialog")
    );
    wait_focus(&h, "status-cancel").await?; // into the confirmation
    assert!(
        !exists(&h, "#status-self-warning").await,
        "not one's own account"
    );
    h.screenshot("operation-status-confirm-light").await?;
    no_axe_violations(&h).await?;
    h.click("#status-cancel").await?;
    wait_gone(&h, "#status-confirm-panel").await?;
    wait_focus(&h, "status-toggle").await?;

    // Escape cancels too.
    h.click("#status-toggle").await?;
    wait_focus(&h, "status-cancel").await?;
    h.client().active_element().await?.send_keys(ESCAPE).await?;
    wait_gone(&h, "#status-confirm-panel").await?;
    assert!(calls(&h.request_log().await?, "ChangeUserStatus").is_empty());

    h.click("#status-toggle").await?;
    h.click("#status-confirm").await?;
    h.wait_text("#status-status", "can no longer sign in")
        .await?;
    let call = only_call(&h, "ChangeUserStatus").await?;
    assert_eq!(p(&call, "UserName"), "jdoe");
    assert_eq!(p(&call, "StatusCode"), "0");
    h.wait_text("#status-current", "Disabled").await?;
    h.wait_text("#fact-status", "Disabled").await?;

    h.clear_log().await?;
    h.wait_text("#status-toggle", "Enable account").await?;
    h.click("#status-toggle").await?;
    h.wait_text("#status-confirm-text", "Enable jdoe (John Doe)?")
        .await?;
    h.click("#status-confirm").await?;
    h.wait_text("#status-status", "can sign in again").await?;
    let call = only_call(&h, "ChangeUserStatus").await?;
    assert_eq!(p(&call, "StatusCode"), "1");
    h.wait_text("#status-current", "Enabled").await?;
    h.close().await;
    Ok(())
}

#[tokio::test]
async fn disabling_ones_own_account_warns_of_the_lockout() -> Result<()> {
    let h = Harness::start().await?;
    open_section(
        &h,
        ADMIN,
        "/users/admin/close-account",
        "admin",
        "#status-toggle",
    )
    .await?;
    h.click("#status-toggle").await?;
    h.wait_text(
        "#status-self-warning",
        "You are about to disable your own account; you will be locked out",
    )
    .await?;
    h.wait_text("#status-confirm", "Disable my account").await?;
    assert!(
        attr(&h, "#status-confirm-panel", "aria-describedby")
            .await?
            .unwrap_or_default()
            .contains("status-self-warning")
    );
    no_axe_violations(&h).await?;
    h.click("#status-cancel").await?;
    wait_gone(&h, "#status-confirm-panel").await?;
    assert!(calls(&h.request_log().await?, "ChangeUserStatus").is_empty());
    h.close().await;
    Ok(())
}

#[tokio::test]
async fn every_form_in_dark_mode_has_no_axe_violations() -> Result<()> {
    let h = Harness::start_with(|_| {}, true).await?;
    open(&h, ADMIN, "/users/jdoe", "jdoe").await?;
    // Errors, hints and the confirmation all on screen at once.
    h.fill("#email-new", "nobody").await?;
    leave(&h, "#email-new").await?;
    h.wait_text("#email-new-error", "needs an @").await?;
    empty(&h, "#profile-last-name").await?;
    leave(&h, "#profile-last-name").await?;
    h.wait_text("#profile-last-name-error", "Enter a last name.")
        .await?;
    h.screenshot("operation-forms-details-dark").await?;
    no_axe_violations(&h).await?;
    // The status is in its own section; what was typed above stays meanwhile.
    h.click("#section-link-close-account").await?;
    h.click("#status-toggle").await?;
    h.find("#status-confirm-panel").await?;
    h.screenshot("operation-forms-dark").await?;
    no_axe_violations(&h).await?;
    h.close().await;
    Ok(())
}
