//! The five operation forms, end to end: for oneself (jdoe on `/`) and as an administrator on
//! another user (`/users/<name>`), checking what the emulator received, parameter by parameter.
//!
//! Ids are documented at the top of each component file in `src/components/`.

use anyhow::{Context, Result, bail};
use console_e2e::*;
use fantoccini::Locator;
use serde_json::Value;

const TAB: &str = "\u{e004}";
const ESCAPE: &str = "\u{e00c}";
/// Ctrl+A, release, Backspace: empties a field with a real `input` event (WebDriver's clear
/// fires none, so the app would never see the empty value).
const SELECT_ALL_DELETE: &str = "\u{e009}a\u{e000}\u{e003}";

async fn value(h: &Harness, css: &str) -> Result<String> {
    Ok(h.find(css).await?.prop("value").await?.unwrap_or_default())
}

async fn attr(h: &Harness, css: &str, name: &str) -> Result<Option<String>> {
    Ok(h.find(css).await?.attr(name).await?)
}

async fn checked(h: &Harness, css: &str) -> Result<bool> {
    Ok(h.find(css).await?.prop("checked").await?.as_deref() == Some("true"))
}

async fn exists(h: &Harness, css: &str) -> bool {
    h.client().find(Locator::Css(css)).await.is_ok()
}

/// Leaves the field with Tab, which marks it as touched.
async fn leave(h: &Harness, css: &str) -> Result<()> {
    h.find(css).await?.send_keys(TAB).await?;
    Ok(())
}

async fn empty(h: &Harness, css: &str) -> Result<()> {
    h.find(css).await?.send_keys(SELECT_ALL_DELETE).await?;
    Ok(())
}

async fn select(h: &Harness, css: &str, option_value: &str) -> Result<()> {
    h.find(css).await?.select_by_value(option_value).await?;
    Ok(())
}

async fn active_id(h: &Harness) -> Result<String> {
    let id = h
        .client()
        .execute(
            "return document.activeElement ? document.activeElement.id : ''",
            vec![],
        )
        .await?;
    Ok(id.as_str().unwrap_or_default().to_string())
}

/// Waits until keyboard focus is on the element with this id (focus moves after a repaint).
async fn wait_focus(h: &Harness, id: &str) -> Result<()> {
    let mut last = String::new();
    for _ in 0..100 {
        last = active_id(h).await?;
        if last == id {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    bail!("focus never reached #{id}; it is on #{last}")
}

/// Waits until `css` is enabled (`true`) or disabled (`false`).
async fn wait_enabled(h: &Harness, css: &str, want: bool) -> Result<()> {
    for _ in 0..200 {
        if h.find(css).await?.is_enabled().await? == want {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    bail!(
        "{css} never became {}",
        if want { "enabled" } else { "disabled" }
    )
}

async fn wait_value(h: &Harness, css: &str, want: &str) -> Result<()> {
    let mut last = String::new();
    for _ in 0..200 {
        last = value(h, css).await?;
        if last == want {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    bail!("{css} never had the value {want:?}; last {last:?}")
}

async fn wait_gone(h: &Harness, css: &str) -> Result<()> {
    for _ in 0..200 {
        if !exists(h, css).await {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    bail!("{css} is still there")
}

/// Whether a `beforeunload` would be stopped now (the unsaved-changes guard).
async fn leaving_is_guarded(h: &Harness) -> Result<bool> {
    let prevented = h
        .client()
        .execute(
            "const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented;",
            vec![],
        )
        .await?;
    Ok(prevented == Value::Bool(true))
}

async fn no_axe_violations(h: &Harness) -> Result<()> {
    assert_eq!(h.axe_violations().await?, Vec::<String>::new());
    Ok(())
}

/// The only call of `operation` in the log since it was last cleared, which must have been a
/// POST that succeeded.
async fn only_call(h: &Harness, operation: &str) -> Result<Value> {
    let log = h.request_log().await?;
    let found = calls(&log, operation);
    if found.len() != 1 {
        bail!(
            "expected exactly one {operation}, found {}: {log:#?}",
            found.len()
        );
    }
    let call = found[0].clone();
    assert_eq!(call["method"], "POST", "{call}");
    assert_eq!(call["success"], true, "{call}");
    Ok(call)
}

/// The preferences block sent: all seven attributes (the pages disagree on whether the call
/// merges or replaces; the complete block is right under both), with `expected` among them.
fn assert_complete_preferences(xml: &str, expected: &[&str]) {
    assert!(
        xml.starts_with("<Preferences ") && xml.ends_with("/>"),
        "{xml}"
    );
    for name in [
        "Language",
        "DefaultPortal",
        "ShowArchives",
        "ShowHiddens",
        "NotificationType",
        "EmailType",
        "AttachDocumentToEmail",
    ] {
        assert_eq!(
            xml.matches(&format!(" {name}=\"")).count(),
            1,
            "{name} exactly once in {xml}"
        );
    }
    for attribute in expected {
        assert!(xml.contains(attribute), "{attribute} in {xml}");
    }
}

fn p<'a>(call: &'a Value, name: &str) -> &'a str {
    param(call, name)
        .with_context(|| format!("{name} not sent: {call}"))
        .unwrap()
}

/// Signs in and opens `path` with its forms loaded.
async fn open(h: &Harness, who: (&str, &str), path: &str, user: &str) -> Result<()> {
    h.sign_in(who).await?;
    if path != "/" {
        h.goto(path).await?;
    }
    h.wait_text("#fact-user-name", user).await?;
    h.find("#email-new").await?;
    h.clear_log().await?;
    Ok(())
}

#[tokio::test]
async fn email_for_oneself_validates_at_the_field_and_saves_once() -> Result<()> {
    let h = Harness::start().await?;
    open(&h, JDOE, "/", "jdoe").await?;
    let current = value(&h, "#email-new").await?;
    assert!(
        current.contains('@'),
        "filled with the current address: {current:?}"
    );
    assert!(
        !h.find("#email-save").await?.is_enabled().await?,
        "nothing changed yet"
    );
    assert!(!leaving_is_guarded(&h).await?);

    // A wrong address is explained at the field once it is left.
    h.fill("#email-new", "john.doe.example.com").await?;
    leave(&h, "#email-new").await?;
    h.wait_text("#email-new-error", "needs an @").await?;
    assert_eq!(
        attr(&h, "#email-new", "aria-invalid").await?.as_deref(),
        Some("true")
    );
    assert!(
        attr(&h, "#email-new", "aria-describedby")
            .await?
            .unwrap_or_default()
            .contains("email-new-error")
    );
    assert!(
        leaving_is_guarded(&h).await?,
        "unsaved changes guard the page"
    );
    h.screenshot("operation-email-invalid-light").await?;
    no_axe_violations(&h).await?;

    // Empty and submitted: the required message, and nothing is sent.
    empty(&h, "#email-new").await?;
    h.click("#email-save").await?;
    h.wait_text("#email-new-error", "Enter an email address.")
        .await?;
    h.wait_text("#email-status", "Not saved").await?;
    wait_focus(&h, "email-new").await?; // the field to fix
    assert!(calls(&h.request_log().await?, "UpdateUserEmail").is_empty());

    // A valid address: the error goes, one POST goes out even if Save is clicked twice.
    h.fill("#email-new", "john.new@example.com").await?;
    assert!(!exists(&h, "#email-new-error").await);
    h.click("#email-save").await?;
    let _ = h.click("#email-save").await;
    h.wait_text("#email-status", "Email saved.").await?;
    let call = only_call(&h, "UpdateUserEmail").await?;
    assert_eq!(p(&call, "UserName"), "jdoe");
    assert_eq!(p(&call, "NewEmailAddress"), "john.new@example.com");

    // The host reloads; the form shows the server's value and has nothing to save.
    h.wait_text("#fact-email", "john.new@example.com").await?;
    wait_value(&h, "#email-new", "john.new@example.com").await?;
    wait_enabled(&h, "#email-save", false).await?;
    assert!(!leaving_is_guarded(&h).await?);
    assert!(
        !calls(&h.request_log().await?, "GetUser").is_empty(),
        "reloaded from the server"
    );
    h.screenshot("operation-email-saved-light").await?;
    no_axe_violations(&h).await?;
    h.close().await;
    Ok(())
}

#[tokio::test]
async fn email_as_admin_for_another_user() -> Result<()> {
    let h = Harness::start().await?;
    open(&h, ADMIN, "/users/asmith", "asmith").await?;
    h.fill("#email-new", "alice.smith@corp.example").await?;
    h.click("#email-save").await?;
    h.wait_text("#email-status", "Email saved.").await?;
    let call = only_call(&h, "UpdateUserEmail").await?;
    assert_eq!(p(&call, "UserName"), "asmith");
    assert_eq!(p(&call, "NewEmailAddress"), "alice.smith@corp.example");
    h.wait_text("#fact-email", "alice.smith@corp.example")
        .await?;
    h.close().await;
    Ok(())
}

#[tokio::test]
async fn contact_info_for_oneself_sends_the_mobile_intact_and_clears_only_on_purpose() -> Result<()>
{
    let h = Harness::start().await?;
    open(&h, JDOE, "/", "jdoe").await?;
    let email = value(&h, "#contact-email").await?;
    let mobile = value(&h, "#contact-mobile").await?;
    assert!(
        !mobile.is_empty(),
        "jdoe has a mobile number and the form shows it"
    );
    assert!(
        !exists(&h, "#contact-clear-mobile").await,
        "a known number is cleared by emptying it"
    );
    assert!(!h.find("#contact-save").await?.is_enabled().await?);

    h.fill("#contact-mobile", "call me").await?;
    leave(&h, "#contact-mobile").await?;
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
    let call = only_call(&h, "UpdateUserContactInfo").await?;
    assert_eq!(p(&call, "userName"), "jdoe");
    assert_eq!(
        p(&call, "emailAddress"),
        email,
        "the unchanged email is passed as it is"
    );
    assert_eq!(p(&call, "mobileNumber"), target);
    h.wait_text("#fact-mobile", target).await?;
    wait_value(&h, "#contact-mobile", target).await?;

    // Emptying a known number is an explicit clear, and the message says so.
    h.clear_log().await?;
    empty(&h, "#contact-mobile").await?;
    wait_enabled(&h, "#contact-save", true).await?;
    h.click("#contact-save").await?;
    h.wait_text("#contact-status", "Mobile number cleared.")
        .await?;
    let call = only_call(&h, "UpdateUserContactInfo").await?;
    assert_eq!(p(&call, "mobileNumber"), "");
    assert_eq!(p(&call, "emailAddress"), email);
    h.screenshot("operation-contact-saved-light").await?;
    no_axe_violations(&h).await?;
    h.close().await;
    Ok(())
}

#[tokio::test]
async fn contact_info_as_admin_for_another_user() -> Result<()> {
    let h = Harness::start().await?;
    open(&h, ADMIN, "/users/mgarcia", "mgarcia").await?;
    h.fill("#contact-email", "m.garcia@newmail.example").await?;
    h.fill("#contact-mobile", "+15551234567").await?;
    h.click("#contact-save").await?;
    h.wait_text("#contact-status", "Email and mobile number saved.")
        .await?;
    let call = only_call(&h, "UpdateUserContactInfo").await?;
    assert_eq!(p(&call, "userName"), "mgarcia");
    assert_eq!(p(&call, "emailAddress"), "m.garcia@newmail.example");
    assert_eq!(p(&call, "mobileNumber"), "+15551234567");
    h.wait_text("#fact-mobile", "+15551234567").await?;
    h.close().await;
    Ok(())
}

#[tokio::test]
async fn an_unreported_mobile_number_is_never_sent_empty_by_accident() -> Result<()> {
    let h = Harness::start_with(|c| c.faults.omit_mobile = true, false).await?;
    open(&h, JDOE, "/", "jdoe").await?;
    assert_eq!(value(&h, "#contact-mobile").await?, "");
    h.wait_text(
        "#contact-mobile-hint",
        "did not report the current mobile number",
    )
    .await?;
    assert!(
        attr(&h, "#contact-mobile", "aria-describedby")
            .await?
            .unwrap_or_default()
            .contains("contact-mobile-hint")
    );
    assert!(!checked(&h, "#contact-clear-mobile").await?);
    h.screenshot("operation-contact-mobile-unknown-light")
        .await?;
    no_axe_violations(&h).await?;

    // Only the email changed: it goes through UpdateUserEmail, and no mobileNumber is sent.
    h.fill("#contact-email", "john.only@example.com").await?;
    h.click("#contact-save").await?;
    h.wait_text("#contact-status", "Email saved.").await?;
    h.wait_text("#contact-status", "left as it is").await?;
    let call = only_call(&h, "UpdateUserEmail").await?;
    assert_eq!(p(&call, "UserName"), "jdoe");
    assert_eq!(p(&call, "NewEmailAddress"), "john.only@example.com");
    assert!(calls(&h.request_log().await?, "UpdateUserContactInfo").is_empty());
    h.wait_text("#fact-email", "john.only@example.com").await?;

    // Clearing needs the explicit tick.
    h.clear_log().await?;
    wait_enabled(&h, "#contact-save", false).await?;
    h.click("#contact-clear-mobile").await?;
    assert!(
        !h.find("#contact-mobile").await?.is_enabled().await?,
        "nothing to type while clearing"
    );
    h.click("#contact-save").await?;
    h.wait_text("#contact-status", "Mobile number cleared.")
        .await?;
    let call = only_call(&h, "UpdateUserContactInfo").await?;
    assert_eq!(p(&call, "mobileNumber"), "");
    assert_eq!(p(&call, "emailAddress"), "john.only@example.com");

    // A typed number is sent as typed.
    h.clear_log().await?;
    wait_enabled(&h, "#contact-mobile", true).await?;
    h.fill("#contact-mobile", "+15551234567").await?;
    h.click("#contact-save").await?;
    h.wait_text("#contact-status", "Mobile number saved.")
        .await?;
    let call = only_call(&h, "UpdateUserContactInfo").await?;
    assert_eq!(p(&call, "mobileNumber"), "+15551234567");
    h.close().await;
    Ok(())
}

#[tokio::test]
async fn without_update_user_contact_info_the_email_falls_back_and_the_mobile_is_kept() -> Result<()>
{
    let h = Harness::start_with(
        |c| c.faults.missing_ops = vec!["UpdateUserContactInfo".into()],
        false,
    )
    .await?;
    open(&h, JDOE, "/", "jdoe").await?;
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
    assert_eq!(value(&h, "#contact-mobile").await?, "+15550001111");
    h.wait_text("#contact-mobile-hint", "cannot change mobile numbers")
        .await?;
    h.screenshot("operation-contact-fallback-light").await?;
    no_axe_violations(&h).await?;
    h.close().await;
    Ok(())
}

#[tokio::test]
async fn profile_as_admin_sends_all_five_parameters_and_renames() -> Result<()> {
    let h = Harness::start().await?;
    open(&h, ADMIN, "/users/jdoe", "jdoe").await?;
    assert_eq!(value(&h, "#profile-user-name").await?, "jdoe");
    assert_eq!(value(&h, "#profile-first-name").await?, "John");
    assert_eq!(value(&h, "#profile-last-name").await?, "Doe");
    assert_eq!(value(&h, "#profile-source").await?, "native");
    assert!(!h.find("#profile-save").await?.is_enabled().await?);

    empty(&h, "#profile-first-name").await?;
    leave(&h, "#profile-first-name").await?;
    h.wait_text("#profile-first-name-error", "Enter a first name.")
        .await?;
    assert_eq!(
        attr(&h, "#profile-first-name", "aria-invalid")
            .await?
            .as_deref(),
        Some("true")
    );
    h.fill("#profile-first-name", "Jonathan").await?;
    h.click("#profile-save").await?;
    h.wait_text("#profile-status", "Profile saved.").await?;
    let call = only_call(&h, "UpdateUserProfile").await?;
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
    wait_enabled(&h, "#profile-save", false).await?;
    h.fill("#profile-user-name", "john.doe").await?;
    h.click("#profile-save").await?;
    // The page follows the rename to /users/john.doe.
    h.wait_text("#fact-user-name", "john.doe").await?;
    let call = only_call(&h, "UpdateUserProfile").await?;
    assert_eq!(p(&call, "UserName"), "jdoe");
    assert_eq!(p(&call, "NewUserName"), "john.doe");
    assert_eq!(p(&call, "NewFirstName"), "Jonathan");
    wait_value(&h, "#profile-user-name", "john.doe").await?;
    h.close().await;
    Ok(())
}

#[tokio::test]
async fn a_taken_user_name_is_shown_at_the_field() -> Result<()> {
    let h = Harness::start().await?;
    open(&h, ADMIN, "/users/jdoe", "jdoe").await?;
    h.fill("#profile-user-name", "asmith").await?;
    h.click("#profile-save").await?;
    h.wait_text("#profile-user-name-error", "already taken")
        .await?;
    assert_eq!(
        attr(&h, "#profile-user-name", "aria-invalid")
            .await?
            .as_deref(),
        Some("true")
    );
    assert!(
        attr(&h, "#profile-user-name", "aria-describedby")
            .await?
            .unwrap_or_default()
            .contains("profile-user-name-error")
    );
    h.wait_text("#profile-status", "Not saved").await?;
    wait_focus(&h, "profile-user-name").await?;
    let log = h.request_log().await?;
    let profile = calls(&log, "UpdateUserProfile");
    assert_eq!(profile.len(), 1);
    assert_eq!(profile[0]["success"], false);
    assert_eq!(param(profile[0], "NewUserName"), Some("asmith"));
    assert_eq!(
        value(&h, "#profile-user-name").await?,
        "asmith",
        "what was typed stays"
    );
    h.screenshot("operation-profile-name-taken-light").await?;
    no_axe_violations(&h).await?;
    // Typing again clears the server's complaint.
    h.fill("#profile-user-name", "jdoe2").await?;
    wait_gone(&h, "#profile-user-name-error").await?;
    h.close().await;
    Ok(())
}

#[tokio::test]
async fn authentication_source_can_be_another_authority_or_native() -> Result<()> {
    let h = Harness::start().await?;
    open(&h, ADMIN, "/users/asmith", "asmith").await?;
    assert_eq!(value(&h, "#profile-source").await?, "current");
    let shown = h
        .find("#profile-source option:checked")
        .await?
        .text()
        .await?;
    assert!(shown.contains("CORP-LDAP"), "{shown}");
    let first = value(&h, "#profile-first-name").await?;
    let last = value(&h, "#profile-last-name").await?;

    select(&h, "#profile-source", "other").await?;
    h.find("#profile-source-other").await?;
    h.click("#profile-save").await?;
    h.wait_text("#profile-source-other-error", "Enter the name")
        .await?;
    assert!(calls(&h.request_log().await?, "UpdateUserProfile").is_empty());
    h.fill("#profile-source-other", "CORPDOM").await?;
    h.click("#profile-save").await?;
    h.wait_text("#profile-status", "Profile saved.").await?;
    let call = only_call(&h, "UpdateUserProfile").await?;
    assert_eq!(p(&call, "UserName"), "asmith");
    assert_eq!(p(&call, "NewUserName"), "asmith");
    assert_eq!(p(&call, "NewFirstName"), first);
    assert_eq!(p(&call, "NewLastName"), last);
    assert_eq!(p(&call, "AuthenticateSource"), "CORPDOM");

    h.clear_log().await?;
    h.wait_text("#profile-source option:checked", "CORPDOM")
        .await?;
    select(&h, "#profile-source", "native").await?;
    h.click("#profile-save").await?;
    h.wait_text("#profile-status", "Profile saved.").await?;
    let call = only_call(&h, "UpdateUserProfile").await?;
    assert_eq!(p(&call, "AuthenticateSource"), "native");
    h.close().await;
    Ok(())
}

#[tokio::test]
async fn preferences_for_oneself_send_the_complete_block_with_the_change() -> Result<()> {
    let h = Harness::start().await?;
    open(&h, JDOE, "/", "jdoe").await?;
    assert!(!h.find("#prefs-save").await?.is_enabled().await?);
    let language = value(&h, "#prefs-language").await?;
    assert!(!language.is_empty());

    let current = value(&h, "#prefs-notification-type").await?;
    let next = if current == "DAILY REPORT" {
        "INSTANT"
    } else {
        "DAILY REPORT"
    };
    select(&h, "#prefs-notification-type", next).await?;
    h.click("#prefs-save").await?;
    h.wait_text("#prefs-status", "Preferences saved.").await?;
    let call = only_call(&h, "UpdateUserPreferences").await?;
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
    wait_enabled(&h, "#prefs-save", false).await?;
    wait_value(&h, "#prefs-notification-type", next).await?;
    // Nothing else was reset, whether the server merges or replaces the block.
    wait_value(&h, "#prefs-language", &language).await?;

    h.clear_log().await?;
    let archived = checked(&h, "#prefs-show-archived").await?;
    h.click("#prefs-show-archived").await?;
    h.click("#prefs-save").await?;
    h.wait_text("#prefs-status", "Preferences saved.").await?;
    let call = only_call(&h, "UpdateUserPreferences").await?;
    assert_complete_preferences(
        p(&call, "xmlPreferences"),
        &[
            &format!(r#"ShowArchives="{}""#, !archived),
            &format!(r#"NotificationType="{next}""#),
        ],
    );

    // Text is checked at the field, then sent with the rest.
    h.clear_log().await?;
    wait_enabled(&h, "#prefs-save", false).await?;
    h.fill("#prefs-language", &"x".repeat(256)).await?;
    leave(&h, "#prefs-language").await?;
    h.wait_text("#prefs-language-error", "at most 255 characters")
        .await?;
    h.fill("#prefs-language", "Deutsch").await?;
    h.click("#prefs-save").await?;
    h.wait_text("#prefs-status", "Preferences saved.").await?;
    let call = only_call(&h, "UpdateUserPreferences").await?;
    assert_complete_preferences(p(&call, "xmlPreferences"), &[r#"Language="Deutsch""#]);
    h.screenshot("operation-preferences-saved-light").await?;
    no_axe_violations(&h).await?;
    h.close().await;
    Ok(())
}

#[tokio::test]
async fn preferences_as_admin_escape_what_they_send() -> Result<()> {
    let h = Harness::start().await?;
    open(&h, ADMIN, "/users/asmith", "asmith").await?;
    h.fill("#prefs-default-portal", r#"R&D <main> "x""#).await?;
    h.click("#prefs-save").await?;
    h.wait_text("#prefs-status", "Preferences saved.").await?;
    let call = only_call(&h, "UpdateUserPreferences").await?;
    assert_eq!(p(&call, "UserName"), "asmith");
    assert_complete_preferences(
        p(&call, "xmlPreferences"),
        &[r#"DefaultPortal="R&amp;D &lt;main&gt; &quot;x&quot;""#],
    );
    wait_value(&h, "#prefs-default-portal", r#"R&D <main> "x""#).await?;
    h.close().await;
    Ok(())
}

#[tokio::test]
async fn disabling_needs_a_confirmation_that_names_the_user() -> Result<()> {
    let h = Harness::start().await?;
    open(&h, ADMIN, "/users/jdoe", "jdoe").await?;
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
    open(&h, ADMIN, "/users/admin", "admin").await?;
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
    h.click("#status-toggle").await?;
    h.find("#status-confirm-panel").await?;
    h.screenshot("operation-forms-dark").await?;
    no_axe_violations(&h).await?;
    h.close().await;
    Ok(())
}

#[tokio::test]
async fn overlapping_reloads_keep_the_newest_answer() -> Result<()> {
    let h = Harness::start().await?;
    open(&h, JDOE, "/", "jdoe").await?;
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
    h.close().await;
    Ok(())
}
