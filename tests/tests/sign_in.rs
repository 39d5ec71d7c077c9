//! Sign-in against the emulator in headless Chromium.

use console_e2e::*;

#[tokio::test]
async fn sign_in_shows_who_is_signed_in_and_sends_post() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
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
        // The emulator's request log never holds a password.
        assert_eq!(param(auth[0], "PWD"), Some("[redacted]"));
        // Neither the password nor any ticket ever appears in a URL.
        let access = h.access_log().await?;
        assert!(!access.contains("Secret123"), "{access}");
        assert!(!access.to_lowercase().contains("ticket="), "{access}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn wrong_password_and_disabled_user_get_plain_errors() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
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
        Ok(())
    })
    .await
}

/// index.html without its loader (the inline module script that reads `inforouter:boot`), so
/// the console starts only when `start_console` says so; the loader is served as a file of its
/// own instead (the policy allows scripts from the origin). Returns the harness and its address.
async fn page_without_console() -> anyhow::Result<(Started, String)> {
    let html = std::fs::read_to_string(dist_dir()?.join("index.html"))?;
    const OPEN: &str = "<script type=\"module\">";
    let start = html
        .match_indices(OPEN)
        .map(|(i, _)| i)
        .find(|&i| {
            html[i..]
                .split("</script>")
                .next()
                .is_some_and(|s| s.contains("inforouter:boot"))
        })
        .ok_or_else(|| anyhow::anyhow!("no inline loader in index.html"))?;
    let end = start
        + html[start..]
            .find("</script>")
            .ok_or_else(|| anyhow::anyhow!("the loader is not closed"))?;
    let loader = html[start + OPEN.len()..end].to_string();
    let page = format!("{}{}", &html[..start], &html[end + "</script>".len()..]);
    let started = Harness::start_with_site(vec![
        ("index.html".into(), page.into_bytes()),
        ("held-loader.js".into(), loader.into_bytes()),
    ])
    .await?;
    Ok((started, "/held-loader.js".into()))
}

async fn start_console(h: &Harness, loader: &str) -> anyhow::Result<()> {
    h.client()
        .execute(
            "const s = document.createElement('script'); s.type = 'module'; \
             s.src = arguments[0]; document.head.append(s);",
            vec![serde_json::json!(loader)],
        )
        .await?;
    Ok(())
}

#[tokio::test]
async fn the_static_sign_in_form_works_before_the_console_starts() -> anyhow::Result<()> {
    let (started, loader) = page_without_console().await?;
    run(started, async |h| {
        h.goto("/").await?;
        // Typed into index.html's own form, with focus and caret in the password field.
        let user = h.find("#sign-in-user").await?;
        user.send_keys("jdoe").await?;
        let password = h.find("#sign-in-password").await?;
        password.send_keys("Secret123!").await?;
        h.client()
            .execute(
                "document.getElementById('sign-in-password').setSelectionRange(2, 4)",
                vec![],
            )
            .await?;
        start_console(h, &loader).await?;
        h.find("#server-info").await?;
        // The very same elements, now the console's: values, focus and caret kept.
        assert_eq!(user.prop("value").await?.as_deref(), Some("jdoe"));
        assert_eq!(password.prop("value").await?.as_deref(), Some("Secret123!"));
        let focus: serde_json::Value = h
            .client()
            .execute(
                "const a = document.activeElement; \
             return [a.id, a.selectionStart, a.selectionEnd, \
                     document.querySelectorAll('#sign-in-user').length, \
                     !!document.getElementById('boot-shell')];",
                vec![],
            )
            .await?;
        assert_eq!(
            focus,
            serde_json::json!(["sign-in-password", 2, 4, 1, false]),
            "focus and caret stay; one form, no static page left"
        );
        assert_eq!(h.axe_violations().await?, Vec::<String>::new());
        // A wrong password is reported in the taken-over form; then the right one signs in.
        password.clear().await?;
        password.send_keys("wrong").await?;
        h.click("form button[type=submit]").await?;
        h.wait_text("#sign-in-error", "user name or password is wrong")
            .await?;
        password.clear().await?;
        password.send_keys("Secret123!").await?;
        h.click("form button[type=submit]").await?;
        h.wait_text("header .who", "John Doe").await?;
        h.find("#email-new").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_sign_in_pressed_before_the_console_starts_is_done_once_it_has() -> anyhow::Result<()> {
    let (started, loader) = page_without_console().await?;
    run(started, async |h| {
        h.goto("/").await?;
        h.fill("#sign-in-user", "jdoe").await?;
        h.fill("#sign-in-password", "Secret123!").await?;
        h.click("form button[type=submit]").await?;
        // Held: never posted as a plain form (the password would go to the web server).
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let url = h.client().current_url().await?;
        assert_eq!((url.path(), url.query()), ("/", None), "{url}");
        assert!(calls(&h.request_log().await?, "AuthenticateUser").is_empty());
        start_console(h, &loader).await?;
        h.wait_text("header .who", "John Doe").await?;
        assert_eq!(calls(&h.request_log().await?, "AuthenticateUser").len(), 1);
        let access = h.access_log().await?;
        assert!(!access.contains("Secret123"), "{access}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_stored_ticket_shows_loading_instead_of_the_sign_in_form() -> anyhow::Result<()> {
    let (started, loader) = page_without_console().await?;
    run(started, async |h| {
        h.goto("/").await?;
        assert!(h.find("#sign-in-user").await?.is_displayed().await?);
        h.client()
            .execute(
                "sessionStorage.setItem('inforouter.ticket', 'stored')",
                vec![],
            )
            .await?;
        h.goto("/").await?;
        assert!(!h.find("#sign-in-user").await?.is_displayed().await?);
        let wait = h.find("#boot-shell .boot-wait").await?;
        assert!(wait.is_displayed().await?);
        assert_eq!(wait.text().await?, "Loading…");
        // The console then checks the ticket (not valid here) and shows its sign-in page.
        start_console(h, &loader).await?;
        h.find("#server-info").await?;
        assert!(h.find("#sign-in-user").await?.is_displayed().await?);
        Ok(())
    })
    .await
}
