//! Embedding in a portal: the example portal hands over a ticket by postMessage, the person
//! saves, the portal hears `saved`; wrong origins are ignored; tickets never reach a URL.

use std::time::Duration;

use console_e2e::*;
use fantoccini::Locator;

#[tokio::test]
async fn portal_hands_over_a_ticket_and_hears_saved() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        h.goto("/portal-example.html").await?;
        h.click("#login button[type=submit]").await?;
        h.wait_text("#login-status", "Signed in as John Doe")
            .await?;
        h.wait_text("#events", "inforouter:ready").await?;
        let frame = h.find("#frame-preferences").await?;
        frame.enter_frame().await?;
        let select = h.find("#prefs-notification-type").await?;
        select.select_by_value("DAILY REPORT").await?;
        h.click("#prefs-save").await?;
        h.wait_text("#prefs-status", "saved").await?;
        h.client().enter_parent_frame().await?;
        h.wait_text("#events", "inforouter:saved").await?;
        let events = h.find("#events").await?.text().await?;
        assert!(
        events.contains(
            r#"preferences  inforouter:saved  {"operation":"UpdateUserPreferences","user":"jdoe"}"#
        ),
        "{events}"
    );
        // The iframe grew to its content.
        let height: i64 = serde_json::from_value(
            h.client()
                .execute(
                    "return document.getElementById('frame-preferences').offsetHeight",
                    vec![],
                )
                .await?,
        )?;
        assert!(height > 200, "iframe height {height}");
        h.screenshot("portal-example-light").await?;

        let log = h.request_log().await?;
        let saves = calls(&log, "UpdateUserPreferences");
        assert_eq!(saves.len(), 1);
        assert_eq!(param(saves[0], "UserName"), Some("jdoe"));
        let sent = param(saves[0], "xmlPreferences").unwrap_or_default();
        assert!(
            sent.contains(r#" NotificationType="DAILY REPORT""#)
                && sent.matches("=\"").count() == 7,
            "the complete block with the change: {sent}"
        );
        assert!(
            !calls(&log, "isValidTicket").is_empty(),
            "the handed-over ticket is checked first"
        );
        // POST everywhere: no ticket in any URL, in the request log or the access log.
        let ticket = param(saves[0], "authenticationTicket").unwrap().to_string();
        assert!(
            log.iter().all(|e| !e["url"]
                .as_str()
                .unwrap_or("")
                .to_lowercase()
                .contains("ticket=")),
            "{log:?}"
        );
        assert!(
            log.iter()
                .all(|e| !e["url"].as_str().unwrap_or("").contains(&ticket)),
            "{log:?}"
        );
        let access = h.access_log().await?;
        assert!(
            !access.to_lowercase().contains("ticket=") && !access.contains(&ticket),
            "{access}"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_portal_on_another_origin_cannot_embed_the_console() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        // localhost is another origin than 127.0.0.1, and the embed origins are only "self": the
        // Content-Security-Policy (the console's frame-ancestors, and this page's own frame-src)
        // keeps the console out of that portal's frames, so no ticket or event can cross.
        // (Messages from other origins are also ignored by the embed itself: protocol/src/embed.rs.)
        let port = h.emulator.addr.port();
        h.client()
            .goto(&format!(
                "http://localhost:{port}/portal-example.html?console=http://127.0.0.1:{port}"
            ))
            .await?;
        h.click("#login button[type=submit]").await?;
        h.wait_text("#login-status", "Signed in as").await?;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let frame = h.find("#frame-contact").await?;
        frame.enter_frame().await?;
        assert!(
            h.client()
                .find(Locator::Css("#contact-email"))
                .await
                .is_err(),
            "the console never rendered inside the foreign portal"
        );
        h.client().enter_parent_frame().await?;
        let events = h.find("#events").await?.text().await?;
        assert!(
            events.trim().is_empty(),
            "no event reaches a foreign origin: {events}"
        );
        let log = h.request_log().await?;
        assert!(
            calls(&log, "isValidTicket").is_empty(),
            "the foreign ticket was never used: {log:?}"
        );
        // The browser says why: a CSP refusal to frame. It is expected here, so it is taken out of
        // the log before `close` checks the console for anything else.
        let refusals: Vec<String> = console::read(h.client())
            .await?
            .iter()
            .filter(|e| console::is_problem(e))
            .map(|e| e["message"].as_str().unwrap_or_default().to_string())
            .collect();
        let framing_refused =
            |m: &String| m.contains("Content Security Policy") && m.contains("Framing");
        // The portal's own script then fails to post into the blocked (now opaque) frame.
        let post_refused = |m: &String| m.contains("postMessage") && m.contains("('null')");
        assert!(
            refusals.iter().any(framing_refused)
                && refusals
                    .iter()
                    .all(|m| framing_refused(m) || post_refused(m)),
            "{refusals:#?}"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn fragment_handover_is_read_once_and_removed() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        let ticket = h.ticket_for(JDOE).await?;
        h.goto(&format!("/embed/email#ticket={ticket}")).await?;
        h.find("#email-new").await?;
        let href: String =
            serde_json::from_value(h.client().execute("return location.href", vec![]).await?)?;
        assert!(!href.contains(&ticket), "{href}");
        assert!(h.find("body").await?.text().await?.contains("Email"));
        assert_eq!(h.axe_violations().await?, Vec::<String>::new());
        h.screenshot("embed-email-light").await?;
        // The chrome is absent: no header, no navigation.
        assert!(
            h.client()
                .find(Locator::Css("header.app-header"))
                .await
                .is_err()
        );
        let access = h.access_log().await?;
        assert!(!access.contains(&ticket), "{access}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn an_admin_portal_can_pass_the_user_to_edit() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        let ticket = h.ticket_for(ADMIN).await?;
        h.goto(&format!("/embed/status#ticket={ticket}&user=bwilson"))
            .await?;
        h.wait_text("#status-current", "Enabled").await?;
        h.click("#status-toggle").await?;
        h.wait_text("#status-confirm-text", "bwilson").await?;
        h.click("#status-confirm").await?;
        h.wait_text("#status-current", "Disabled").await?;
        let log = h.request_log().await?;
        let changes = calls(&log, "ChangeUserStatus");
        assert_eq!(changes.len(), 1);
        assert_eq!(param(changes[0], "UserName"), Some("bwilson"));
        assert_eq!(param(changes[0], "StatusCode"), Some("0"));
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_user_who_is_not_an_administrator_is_told_so_instead_of_a_profile_form()
-> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        let ticket = h.ticket_for(JDOE).await?;
        for view in ["profile", "status"] {
            h.goto(&format!("/embed/{view}#ticket={ticket}")).await?;
            h.wait_text(
                "#embed-admin-only",
                "Only a system administrator can change this",
            )
            .await?;
            assert!(!console_e2e::forms::exists(h, "#profile-save").await);
            assert!(!console_e2e::forms::exists(h, "#status-toggle").await);
        }
        Ok(())
    })
    .await
}

#[tokio::test]
async fn an_embedded_profile_goes_on_under_the_new_name_after_a_rename() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        let ticket = h.ticket_for(ADMIN).await?;
        h.goto(&format!("/embed/profile#ticket={ticket}&user=bwilson"))
            .await?;
        console_e2e::forms::wait_value(h, "#profile-user-name", "bwilson").await?;
        h.fill("#profile-user-name", "bwilson2").await?;
        h.click("#profile-save").await?;
        h.wait_text("#profile-status", "saved").await?;
        // Read again under the new name, and the form shows it: no "no longer exists".
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            let log = h.request_log().await?;
            let reads = calls(&log, "GetUser");
            if reads
                .iter()
                .any(|r| param(r, "UserName") == Some("bwilson2"))
            {
                break;
            }
            anyhow::ensure!(
                std::time::Instant::now() < deadline,
                "never read bwilson2: {log:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        console_e2e::forms::wait_value(h, "#profile-user-name", "bwilson2").await?;
        let body = h.find("body").await?.text().await?;
        assert!(!body.contains("no longer exists"), "{body}");
        // A second save goes to the new name.
        h.fill("#profile-first-name", "Bea").await?;
        h.click("#profile-save").await?;
        h.wait_text("#profile-status", "saved").await?;
        let log = h.request_log().await?;
        let saves = calls(&log, "UpdateUserProfile");
        assert_eq!(saves.len(), 2, "{log:?}");
        assert_eq!(param(saves[1], "UserName"), Some("bwilson2"));
        Ok(())
    })
    .await
}
