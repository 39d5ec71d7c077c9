//! UpdateUserProfile: all five parameters, renames, a taken name at the field, the authentication source.
//! For oneself (jdoe on `/`) and as an administrator on another user (`/users/<name>`),
//! checking what the emulator received, parameter by parameter. Ids are documented at the top
//! of each component file in `src/components/`.

use anyhow::Result;
use console_e2e::forms::*;
use console_e2e::*;

#[tokio::test]
async fn profile_as_admin_sends_all_five_parameters_and_renames() -> Result<()> {
    run(Harness::start().await?, async |h| {
        open(h, ADMIN, "/users/jdoe", "jdoe").await?;
        assert_eq!(value(h, "#profile-user-name").await?, "jdoe");
        assert_eq!(value(h, "#profile-first-name").await?, "John");
        assert_eq!(value(h, "#profile-last-name").await?, "Doe");
        assert_eq!(value(h, "#profile-source").await?, "native");
        assert!(!h.find("#profile-save").await?.is_enabled().await?);

        empty(h, "#profile-first-name").await?;
        leave(h, "#profile-first-name").await?;
        h.wait_text("#profile-first-name-error", "Enter a first name.")
            .await?;
        assert_eq!(
            attr(h, "#profile-first-name", "aria-invalid")
                .await?
                .as_deref(),
            Some("true")
        );
        h.fill("#profile-first-name", "Jonathan").await?;
        h.click("#profile-save").await?;
        h.wait_text("#profile-status", "Profile saved.").await?;
        let call = only_call(h, "UpdateUserProfile").await?;
        assert_eq!(p(&call, "UserName"), "jdoe");
        assert_eq!(
            p(&call, "NewUserName"),
            "jdoe",
            "the same name keeps the account's name"
        );
        assert_eq!(p(&call, "NewFirstName"), "Jonathan");
        assert_eq!(p(&call, "NewLastName"), "Doe");
        let source = p(&call, "AuthenticateSource").to_ascii_lowercase();
        assert!(
            source == "native" || source == "inforouter",
            "the native source is kept: {source}"
        );
        h.wait_text("#facts-title", "Jonathan Doe").await?;

        h.clear_log().await?;
        wait_enabled(h, "#profile-save", false).await?;
        h.fill("#profile-user-name", "john.doe").await?;
        h.click("#profile-save").await?;
        // The page follows the rename to /users/john.doe.
        h.wait_text("#fact-user-name", "john.doe").await?;
        let call = only_call(h, "UpdateUserProfile").await?;
        assert_eq!(p(&call, "UserName"), "jdoe");
        assert_eq!(p(&call, "NewUserName"), "john.doe");
        assert_eq!(p(&call, "NewFirstName"), "Jonathan");
        wait_value(h, "#profile-user-name", "john.doe").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_taken_user_name_is_shown_at_the_field() -> Result<()> {
    run(Harness::start().await?, async |h| {
        open(h, ADMIN, "/users/jdoe", "jdoe").await?;
        h.fill("#profile-user-name", "asmith").await?;
        h.click("#profile-save").await?;
        h.wait_text("#profile-user-name-error", "already taken")
            .await?;
        assert_eq!(
            attr(h, "#profile-user-name", "aria-invalid")
                .await?
                .as_deref(),
            Some("true")
        );
        assert!(
            attr(h, "#profile-user-name", "aria-describedby")
                .await?
                .unwrap_or_default()
                .contains("profile-user-name-error")
        );
        h.wait_text("#profile-status", "Not saved").await?;
        wait_focus(h, "profile-user-name").await?;
        let log = h.request_log().await?;
        let profile = calls(&log, "UpdateUserProfile");
        assert_eq!(profile.len(), 1);
        assert_eq!(profile[0]["success"], false);
        assert_eq!(param(profile[0], "NewUserName"), Some("asmith"));
        assert_eq!(
            value(h, "#profile-user-name").await?,
            "asmith",
            "what was typed stays"
        );
        h.screenshot("operation-profile-name-taken-light").await?;
        no_axe_violations(h).await?;
        // Typing again clears the server's complaint.
        h.fill("#profile-user-name", "jdoe2").await?;
        wait_gone(h, "#profile-user-name-error").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn authentication_source_can_be_another_authority_or_native() -> Result<()> {
    run(Harness::start().await?, async |h| {
        open(h, ADMIN, "/users/asmith", "asmith").await?;
        assert_eq!(value(h, "#profile-source").await?, "current");
        let shown = h
            .find("#profile-source option:checked")
            .await?
            .text()
            .await?;
        assert!(shown.contains("CORP-LDAP"), "{shown}");
        let first = value(h, "#profile-first-name").await?;
        let last = value(h, "#profile-last-name").await?;

        select(h, "#profile-source", "other").await?;
        h.find("#profile-source-other").await?;
        h.click("#profile-save").await?;
        h.wait_text("#profile-source-other-error", "Enter the name")
            .await?;
        assert!(calls(&h.request_log().await?, "UpdateUserProfile").is_empty());
        h.fill("#profile-source-other", "CORPDOM").await?;
        h.click("#profile-save").await?;
        h.wait_text("#profile-status", "Profile saved.").await?;
        let call = only_call(h, "UpdateUserProfile").await?;
        assert_eq!(p(&call, "UserName"), "asmith");
        assert_eq!(p(&call, "NewUserName"), "asmith");
        assert_eq!(p(&call, "NewFirstName"), first);
        assert_eq!(p(&call, "NewLastName"), last);
        assert_eq!(p(&call, "AuthenticateSource"), "CORPDOM");

        h.clear_log().await?;
        h.wait_text("#profile-source option:checked", "CORPDOM")
            .await?;
        select(h, "#profile-source", "native").await?;
        h.click("#profile-save").await?;
        h.wait_text("#profile-status", "Profile saved.").await?;
        let call = only_call(h, "UpdateUserProfile").await?;
        assert_eq!(p(&call, "AuthenticateSource"), "native");
        Ok(())
    })
    .await
}
