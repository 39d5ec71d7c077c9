//! UpdateUserPreferences: the complete block, re-read before sending, escaped.
//! For oneself (jdoe on `/`) and as an administrator on another user (`/users/<name>`),
//! checking what the emulator received, parameter by parameter. Ids are documented at the top
//! of each component file in `src/components/`.

use anyhow::Result;
use console_e2e::forms::*;
use console_e2e::*;

#[tokio::test]
async fn preferences_for_oneself_send_the_complete_block_with_the_change() -> Result<()> {
    run(Harness::start().await?, async |h| {
        open(h, JDOE, "/", "jdoe").await?;
        assert!(!h.find("#prefs-save").await?.is_enabled().await?);
        let language = value(h, "#prefs-language").await?;
        assert!(!language.is_empty());

        let current = value(h, "#prefs-notification-type").await?;
        let next = if current == "DAILY REPORT" {
            "INSTANT"
        } else {
            "DAILY REPORT"
        };
        select(h, "#prefs-notification-type", next).await?;
        h.click("#prefs-save").await?;
        h.wait_text("#prefs-status", "Preferences saved.").await?;
        let call = only_call(h, "UpdateUserPreferences").await?;
        assert_eq!(p(&call, "UserName"), "jdoe");
        assert_complete_preferences(
            p(&call, "xmlPreferences"),
            &[
                &format!(r#"NotificationType="{next}""#),
                &format!(r#"Language="{language}""#),
            ],
        );
        let log = h.request_log().await?;
        let update = log
            .iter()
            .position(|e| e["operation"] == "UpdateUserPreferences")
            .unwrap_or_default();
        assert!(
            update > 0 && log[update - 1]["operation"] == "GetUser",
            "the values are re-read right before sending: {log:?}"
        );
        wait_enabled(h, "#prefs-save", false).await?;
        wait_value(h, "#prefs-notification-type", next).await?;
        // Nothing else was reset, whether the server merges or replaces the block.
        wait_value(h, "#prefs-language", &language).await?;

        h.clear_log().await?;
        let archived = checked(h, "#prefs-show-archived").await?;
        h.click("#prefs-show-archived").await?;
        h.click("#prefs-save").await?;
        h.wait_text("#prefs-status", "Preferences saved.").await?;
        let call = only_call(h, "UpdateUserPreferences").await?;
        assert_complete_preferences(
            p(&call, "xmlPreferences"),
            &[
                &format!(r#"ShowArchives="{}""#, !archived),
                &format!(r#"NotificationType="{next}""#),
            ],
        );

        // Text is checked at the field, then sent with the rest.
        h.clear_log().await?;
        wait_enabled(h, "#prefs-save", false).await?;
        h.fill("#prefs-language", &"x".repeat(256)).await?;
        leave(h, "#prefs-language").await?;
        h.wait_text("#prefs-language-error", "at most 255 characters")
            .await?;
        h.fill("#prefs-language", "Deutsch").await?;
        h.click("#prefs-save").await?;
        h.wait_text("#prefs-status", "Preferences saved.").await?;
        let call = only_call(h, "UpdateUserPreferences").await?;
        assert_complete_preferences(p(&call, "xmlPreferences"), &[r#"Language="Deutsch""#]);
        h.screenshot("operation-preferences-saved-light").await?;
        no_axe_violations(h).await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn preferences_as_admin_escape_what_they_send() -> Result<()> {
    run(Harness::start().await?, async |h| {
        open(h, ADMIN, "/users/asmith", "asmith").await?;
        h.fill("#prefs-default-portal", r#"R&D <main> "x""#).await?;
        h.click("#prefs-save").await?;
        h.wait_text("#prefs-status", "Preferences saved.").await?;
        let call = only_call(h, "UpdateUserPreferences").await?;
        assert_eq!(p(&call, "UserName"), "asmith");
        assert_complete_preferences(
            p(&call, "xmlPreferences"),
            &[r#"DefaultPortal="R&amp;D &lt;main&gt; &quot;x&quot;""#],
        );
        wait_value(h, "#prefs-default-portal", r#"R&D <main> "x""#).await?;
        Ok(())
    })
    .await
}
