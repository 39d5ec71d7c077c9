//! UpdateUserEmail: for oneself and as an administrator, and reloads that overlap.
//! For oneself (jdoe on `/`) and as an administrator on another user (`/users/<name>`),
//! checking what the emulator received, parameter by parameter. Ids are documented at the top
//! of each component file in `src/components/`.

use anyhow::Result;
use console_e2e::forms::*;
use console_e2e::*;

#[tokio::test]
async fn email_for_oneself_validates_at_the_field_and_saves_once() -> Result<()> {
    run(Harness::start().await?, async |h| {
        open(h, JDOE, "/", "jdoe").await?;
        let current = value(h, "#email-new").await?;
        assert!(
            current.contains('@'),
            "filled with the current address: {current:?}"
        );
        assert!(
            !h.find("#email-save").await?.is_enabled().await?,
            "nothing changed yet"
        );
        assert!(!leaving_is_guarded(h).await?);

        // A wrong address is explained at the field once it is left.
        h.fill("#email-new", "john.doe.example.com").await?;
        leave(h, "#email-new").await?;
        h.wait_text("#email-new-error", "needs an @").await?;
        assert_eq!(
            attr(h, "#email-new", "aria-invalid").await?.as_deref(),
            Some("true")
        );
        assert!(
            attr(h, "#email-new", "aria-describedby")
                .await?
                .unwrap_or_default()
                .contains("email-new-error")
        );
        assert!(
            leaving_is_guarded(h).await?,
            "unsaved changes guard the page"
        );
        h.screenshot("operation-email-invalid-light").await?;
        no_axe_violations(h).await?;

        // Typed with a space, key by key: kept as typed (not reordered around a jumping
        // caret) and refused at the field.
        h.fill("#email-new", "john doe@example.com").await?;
        assert_eq!(value(h, "#email-new").await?, "john doe@example.com");
        leave(h, "#email-new").await?;
        h.wait_text("#email-new-error", "cannot contain spaces")
            .await?;

        // Empty and submitted: the required message, and nothing is sent.
        empty(h, "#email-new").await?;
        h.click("#email-save").await?;
        h.wait_text("#email-new-error", "Enter an email address.")
            .await?;
        h.wait_text("#email-status", "Not saved").await?;
        wait_focus(h, "email-new").await?; // the field to fix
        assert!(calls(&h.request_log().await?, "UpdateUserEmail").is_empty());

        // A valid address: the error goes, one POST goes out even if Save is clicked twice.
        h.fill("#email-new", "john.new@example.com").await?;
        assert!(!exists(h, "#email-new-error").await);
        h.click("#email-save").await?;
        let _ = h.click("#email-save").await;
        h.wait_text("#email-status", "Email saved.").await?;
        let call = only_call(h, "UpdateUserEmail").await?;
        assert_eq!(p(&call, "UserName"), "jdoe");
        assert_eq!(p(&call, "NewEmailAddress"), "john.new@example.com");

        // The host reloads; the form shows the server's value and has nothing to save.
        h.wait_text("#fact-email", "john.new@example.com").await?;
        wait_value(h, "#email-new", "john.new@example.com").await?;
        wait_enabled(h, "#email-save", false).await?;
        assert!(!leaving_is_guarded(h).await?);
        assert!(
            !calls(&h.request_log().await?, "GetUser").is_empty(),
            "reloaded from the server"
        );
        h.screenshot("operation-email-saved-light").await?;
        no_axe_violations(h).await?;
        Ok(())
    })
    .await
}

/// Enter in a field saves, once, as the Save button does: the browser turns it into a click on
/// that button, where the save starts (src/components/form/save.rs, `SaveButton`).
#[tokio::test]
async fn enter_in_the_field_saves_once_without_a_page_load() -> Result<()> {
    run(Harness::start().await?, async |h| {
        open(h, JDOE, "/", "jdoe").await?;
        h.fill("#email-new", "john.enter@example.com").await?;
        h.find("#email-new").await?.send_keys("\u{e007}").await?;
        h.wait_text("#email-status", "Email saved.").await?;
        let call = only_call(h, "UpdateUserEmail").await?;
        assert_eq!(p(&call, "NewEmailAddress"), "john.enter@example.com");
        let url = h.client().current_url().await?;
        assert_eq!(
            (url.path(), url.query()),
            ("/", None),
            "no form was sent by the browser"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn email_as_admin_for_another_user() -> Result<()> {
    run(Harness::start().await?, async |h| {
        open(h, ADMIN, "/users/asmith", "asmith").await?;
        h.fill("#email-new", "alice.smith@corp.example").await?;
        h.click("#email-save").await?;
        h.wait_text("#email-status", "Email saved.").await?;
        let call = only_call(h, "UpdateUserEmail").await?;
        assert_eq!(p(&call, "UserName"), "asmith");
        assert_eq!(p(&call, "NewEmailAddress"), "alice.smith@corp.example");
        h.wait_text("#fact-email", "alice.smith@corp.example")
            .await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn overlapping_reloads_keep_the_newest_answer() -> Result<()> {
    run(Harness::start().await?, async |h| {
        open(h, JDOE, "/", "jdoe").await?;
        // The first reload after a save answers late, after the second one.
        h.client()
            .execute(
                "const original = window.fetch;
             let delayed = false;
             window.fetch = async function (input, init) {
               const url = typeof input === 'string' ? input : input.url;
               const response = await original.call(window, input, init);
               if (!delayed && url.endsWith('/GetUser')) {
                 delayed = true;
                 await new Promise((done) => setTimeout(done, 2500));
               }
               return response;
             };",
                vec![],
            )
            .await?;
        h.fill("#email-new", "first@example.com").await?;
        h.click("#email-save").await?;
        h.wait_text("#email-status", "saved").await?;
        h.fill("#email-new", "second@example.com").await?;
        h.click("#email-save").await?;
        h.wait_text("#email-status", "saved").await?;
        h.wait_text("#fact-email", "second@example.com").await?;
        // The late answer (with the first address) arrives now, and must change nothing.
        tokio::time::sleep(std::time::Duration::from_millis(3000)).await;
        assert_eq!(
            h.find("#fact-email").await?.text().await?,
            "second@example.com"
        );
        let reloads = calls(&h.request_log().await?, "GetUser").len();
        assert_eq!(reloads, 2, "one reload per save, both sent");
        Ok(())
    })
    .await
}
