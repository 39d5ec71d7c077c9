//! The session: kept across a reload in the same tab, wiped on sign-out, rescued on [901].

use console_e2e::*;

/// How many sessionStorage keys hold something of the person's: what the tab found about the
/// server (SOAP, calls it lacks) is no one's.
const PERSON_KEYS: &str = "Object.keys(sessionStorage).filter(k => k != 'inforouter.soap' && k != 'inforouter.lacks').length";
use serde_json::json;

#[tokio::test]
async fn reload_keeps_the_session_after_checking_the_ticket() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(JDOE).await?;
        h.clear_log().await?;
        h.goto("/").await?;
        h.wait_text("header .who", "jdoe").await?;
        let log = h.request_log().await?;
        assert_eq!(
            log[0]["operation"], "isValidTicket",
            "the stored ticket is checked first: {log:?}"
        );
        assert!(calls(&log, "AuthenticateUser").is_empty());
        // Only sessionStorage holds it: never localStorage, never the address. (What the tab
        // found about the server, SOAP or calls it lacks, is no one's.)
        let stored = h
            .client()
            .execute(
                &format!("return [localStorage.length, {PERSON_KEYS}, location.href]"),
                vec![],
            )
            .await?;
        assert_eq!(stored[0], 0);
        assert_eq!(stored[1], 1);
        assert!(
            !stored[2]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("ticket")
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn an_expired_stored_ticket_leads_to_sign_in() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(JDOE).await?;
        h.control("POST", "/_emulator/expire", json!({ "user": "jdoe" }))
            .await?;
        h.goto("/").await?;
        // The page's own static form is there from the start; the console's check of the stored
        // ticket is done once it has taken that form over.
        forms::wait_gone(h, "#boot-shell").await?;
        h.find("#sign-in-user").await?;
        let stored = h
            .client()
            .execute(&format!("return {PERSON_KEYS}"), vec![])
            .await?;
        assert_eq!(stored, 0);
        Ok(())
    })
    .await
}

#[tokio::test]
async fn sign_out_ends_the_ticket_and_wipes_state() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(JDOE).await?;
        h.click("#sign-out").await?;
        h.find("#sign-in-user").await?;
        let log = h.request_log().await?;
        let logout = calls(&log, "LogOut");
        assert_eq!(logout.len(), 1);
        assert_eq!(logout[0]["success"], true);
        let stored = h
            .client()
            .execute(&format!("return {PERSON_KEYS}"), vec![])
            .await?;
        assert_eq!(stored, 0);
        let page = h.find("body").await?.text().await?;
        assert!(
            !page.contains("John"),
            "nothing of the previous user remains: {page}"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn expired_session_mid_edit_keeps_the_input_and_retries_once() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(JDOE).await?;
        h.fill("#email-new", "john.new@example.com").await?;
        h.control("POST", "/_emulator/expire", json!({ "user": "jdoe" }))
            .await?;
        h.clear_log().await?;
        h.click("#email-save").await?;
        h.find("#reauth-password").await?;
        h.screenshot("session-expired-dialog-light").await?;
        assert_eq!(h.axe_violations().await?, Vec::<String>::new());
        h.fill("#reauth-password", "Secret123!").await?;
        h.click(".dialog button[type=submit]").await?;
        h.wait_text("#email-status", "saved").await?;
        let log = h.request_log().await?;
        let updates = calls(&log, "UpdateUserEmail");
        assert_eq!(
            updates.len(),
            2,
            "the failed call and exactly one retry: {log:?}"
        );
        assert_eq!(updates[0]["success"], false);
        assert_eq!(updates[1]["success"], true);
        assert_eq!(
            param(updates[1], "NewEmailAddress"),
            Some("john.new@example.com")
        );
        h.wait_text("#fact-email", "john.new@example.com").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn ordinary_users_see_no_admin_controls() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(JDOE).await?;
        h.find("#email-new").await?;
        let page = h.find("body").await?.text().await?;
        assert!(!page.contains("Users\n"), "no Users link in the navigation");
        for id in ["#profile-user-name", "#status-toggle"] {
            assert!(
                h.client().find(fantoccini::Locator::Css(id)).await.is_err(),
                "{id} must be hidden"
            );
        }
        h.goto("/users").await?;
        h.wait_text("main", "Administrators only").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn another_person_at_the_sign_in_again_dialog_starts_fresh() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(JDOE).await?;
        h.fill("#email-new", "typed.by.jdoe@example.com").await?;
        h.control("POST", "/_emulator/expire", json!({ "user": "jdoe" }))
            .await?;
        h.clear_log().await?;
        h.click("#email-save").await?;
        h.find("#reauth-password").await?;
        // The field is read-only in the dialog; the guard behind it must hold on its own.
        h.client()
            .execute(
                "document.getElementById('reauth-user').removeAttribute('readonly')",
                vec![],
            )
            .await?;
        h.fill("#reauth-user", "mgarcia").await?;
        h.fill("#reauth-password", "Secret123!").await?;
        h.click(".dialog button[type=submit]").await?;
        h.wait_text("header .who", "mgarcia").await?;
        h.wait_text("#fact-user-name", "mgarcia").await?;
        let typed: String = serde_json::from_value(
            h.client()
                .execute("return document.getElementById('email-new').value", vec![])
                .await?,
        )?;
        assert_ne!(typed, "typed.by.jdoe@example.com", "jdoe's edit is gone");
        let url = h.client().current_url().await?;
        assert_eq!(
            url.path(),
            "/",
            "the new person lands on their own start page"
        );
        // Saving now can only ever send what mgarcia types, for mgarcia.
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let log = h.request_log().await?;
        let updates = calls(&log, "UpdateUserEmail");
        assert_eq!(
            updates.len(),
            1,
            "only the call that met the expired ticket, never a retry: {log:?}"
        );
        assert_eq!(updates[0]["success"], false);
        assert!(
            log.iter()
                .filter(|e| e["operation"] != "AuthenticateUser")
                .all(|e| e["success"] == false || param(e, "UserName") != Some("jdoe")),
            "nothing for jdoe under mgarcia's ticket: {log:?}"
        );
        Ok(())
    })
    .await
}
