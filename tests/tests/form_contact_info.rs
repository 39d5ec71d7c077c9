//! UpdateUserContactInfo: the mobile number sent intact, cleared only on purpose, never erased by accident; the fallback to UpdateUserEmail on older servers.
//! For oneself (jdoe on `/`) and as an administrator on another user (`/users/<name>`),
//! checking what the emulator received, parameter by parameter. Ids are documented at the top
//! of each component file in `src/components/`.

use anyhow::Result;
use console_e2e::forms::*;
use console_e2e::*;

#[tokio::test]
async fn contact_info_for_oneself_sends_the_mobile_intact_and_clears_only_on_purpose() -> Result<()>
{
    run(Harness::start().await?, async |h| {
        open(h, JDOE, "/", "jdoe").await?;
        let email = value(h, "#contact-email").await?;
        let mobile = value(h, "#contact-mobile").await?;
        assert!(
            !mobile.is_empty(),
            "jdoe has a mobile number and the form shows it"
        );
        assert!(
            !exists(h, "#contact-clear-mobile").await,
            "a known number is cleared by emptying it"
        );
        assert!(!h.find("#contact-save").await?.is_enabled().await?);

        h.fill("#contact-mobile", "call me").await?;
        leave(h, "#contact-mobile").await?;
        h.wait_text("#contact-mobile-error", "Use digits").await?;
        h.fill("#contact-email", "john@").await?;
        h.click("#contact-save").await?;
        h.wait_text("#contact-email-error", "not a valid domain")
            .await?;
        assert!(calls(&h.request_log().await?, "UpdateUserContactInfo").is_empty());

        // `+` must reach the server as `+`, not as a space.
        let target = if mobile == "+15551234567" {
            "+15557654321"
        } else {
            "+15551234567"
        };
        h.fill("#contact-email", &email).await?;
        h.fill("#contact-mobile", target).await?;
        h.click("#contact-save").await?;
        h.wait_text("#contact-status", "Mobile number saved.")
            .await?;
        let call = only_call(h, "UpdateUserContactInfo").await?;
        assert_eq!(p(&call, "userName"), "jdoe");
        assert_eq!(
            p(&call, "emailAddress"),
            email,
            "the unchanged email is passed as it is"
        );
        assert_eq!(p(&call, "mobileNumber"), target);
        h.wait_text("#fact-mobile", target).await?;
        wait_value(h, "#contact-mobile", target).await?;

        // Emptying a known number is an explicit clear, and the message says so.
        h.clear_log().await?;
        empty(h, "#contact-mobile").await?;
        wait_enabled(h, "#contact-save", true).await?;
        h.click("#contact-save").await?;
        h.wait_text("#contact-status", "Mobile number cleared.")
            .await?;
        let call = only_call(h, "UpdateUserContactInfo").await?;
        assert_eq!(p(&call, "mobileNumber"), "");
        assert_eq!(p(&call, "emailAddress"), email);
        h.screenshot("operation-contact-saved-light").await?;
        no_axe_violations(h).await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn contact_info_as_admin_for_another_user() -> Result<()> {
    run(Harness::start().await?, async |h| {
        open(h, ADMIN, "/users/mgarcia", "mgarcia").await?;
        h.fill("#contact-email", "m.garcia@newmail.example").await?;
        h.fill("#contact-mobile", "+15551234567").await?;
        h.click("#contact-save").await?;
        h.wait_text("#contact-status", "Email and mobile number saved.")
            .await?;
        let call = only_call(h, "UpdateUserContactInfo").await?;
        assert_eq!(p(&call, "userName"), "mgarcia");
        assert_eq!(p(&call, "emailAddress"), "m.garcia@newmail.example");
        assert_eq!(p(&call, "mobileNumber"), "+15551234567");
        h.wait_text("#fact-mobile", "+15551234567").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn an_unreported_mobile_number_is_never_sent_empty_by_accident() -> Result<()> {
    let started = Harness::start_with(|c| c.faults.omit_mobile = true, false).await?;
    run(started, async |h| {
        open(h, JDOE, "/", "jdoe").await?;
        assert_eq!(value(h, "#contact-mobile").await?, "");
        h.wait_text(
            "#contact-mobile-hint",
            "did not report the current mobile number",
        )
        .await?;
        assert!(
            attr(h, "#contact-mobile", "aria-describedby")
                .await?
                .unwrap_or_default()
                .contains("contact-mobile-hint")
        );
        assert!(!checked(h, "#contact-clear-mobile").await?);
        h.screenshot("operation-contact-mobile-unknown-light")
            .await?;
        no_axe_violations(h).await?;

        // Only the email changed: it goes through UpdateUserEmail, and no mobileNumber is sent.
        h.fill("#contact-email", "john.only@example.com").await?;
        h.click("#contact-save").await?;
        h.wait_text("#contact-status", "Email saved.").await?;
        h.wait_text("#contact-status", "left as it is").await?;
        let call = only_call(h, "UpdateUserEmail").await?;
        assert_eq!(p(&call, "UserName"), "jdoe");
        assert_eq!(p(&call, "NewEmailAddress"), "john.only@example.com");
        assert!(calls(&h.request_log().await?, "UpdateUserContactInfo").is_empty());
        h.wait_text("#fact-email", "john.only@example.com").await?;

        // Clearing needs the explicit tick.
        h.clear_log().await?;
        wait_enabled(h, "#contact-save", false).await?;
        h.click("#contact-clear-mobile").await?;
        assert!(
            !h.find("#contact-mobile").await?.is_enabled().await?,
            "nothing to type while clearing"
        );
        h.click("#contact-save").await?;
        h.wait_text("#contact-status", "Mobile number cleared.")
            .await?;
        let call = only_call(h, "UpdateUserContactInfo").await?;
        assert_eq!(p(&call, "mobileNumber"), "");
        assert_eq!(p(&call, "emailAddress"), "john.only@example.com");

        // A typed number is sent as typed.
        h.clear_log().await?;
        wait_enabled(h, "#contact-mobile", true).await?;
        h.fill("#contact-mobile", "+15551234567").await?;
        h.click("#contact-save").await?;
        h.wait_text("#contact-status", "Mobile number saved.")
            .await?;
        let call = only_call(h, "UpdateUserContactInfo").await?;
        assert_eq!(p(&call, "mobileNumber"), "+15551234567");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn without_update_user_contact_info_the_email_falls_back_and_the_mobile_is_kept() -> Result<()>
{
    let started = Harness::start_with(
        |c| c.faults.missing_ops = vec!["UpdateUserContactInfo".into()],
        false,
    )
    .await?;
    run(started, async |h| {
        open(h, JDOE, "/", "jdoe").await?;
        h.fill("#contact-email", "john.fallback@example.com")
            .await?;
        h.fill("#contact-mobile", "+15550001111").await?;
        h.click("#contact-save").await?;
        let status = h
            .wait_text("#contact-status", "cannot change mobile numbers")
            .await?;
        assert!(status.contains("Email saved."), "{status}");
        let log = h.request_log().await?;
        let email = calls(&log, "UpdateUserEmail");
        assert_eq!(email.len(), 1, "{log:#?}");
        assert_eq!(email[0]["success"], true);
        assert_eq!(param(email[0], "UserName"), Some("jdoe"));
        assert_eq!(
            param(email[0], "NewEmailAddress"),
            Some("john.fallback@example.com")
        );
        h.wait_text("#fact-email", "john.fallback@example.com")
            .await?;
        // What was typed for the mobile is still there, and the field says why it was not saved.
        assert_eq!(value(h, "#contact-mobile").await?, "+15550001111");
        h.wait_text("#contact-mobile-hint", "cannot change mobile numbers")
            .await?;
        h.screenshot("operation-contact-fallback-light").await?;
        no_axe_violations(h).await?;
        Ok(())
    })
    .await
}
