//! An older infoRouter, as the vendor's srv.wsdl describes it (the emulator's `--old-wsdl`):
//! no GetAllUsers1, GetCurrentUser, DeleteUser1, UpdateUserContactInfo or password-policy call.
//! The console does the same work without them and names, on screen, what it cannot do.

use console_e2e::*;
use serde_json::json;

async fn older(soap_only: bool) -> anyhow::Result<Started> {
    Harness::start_with(
        |c| {
            c.faults.old_wsdl = true;
            c.faults.protocols_off = soap_only;
        },
        false,
    )
    .await
}

#[tokio::test]
async fn an_administrator_lists_and_edits_users_on_an_older_server() -> anyhow::Result<()> {
    run(older(false).await?, async |h| {
        h.goto("/").await?;
        h.wait_text("#server-info", "Connected to").await?;
        let lacks = h.wait_text("#server-lacks", "GetAllUsers1").await?;
        assert!(
            lacks.contains("GetAuthenticationAndPasswordPolicy"),
            "{lacks}"
        );
        h.screenshot("sign-in-older-server").await?;
        assert_eq!(h.axe_violations().await?, Vec::<String>::new());

        // An administrator is one: the admin panel, not only "My profile".
        h.sign_in(ADMIN).await?;
        h.goto("/users").await?;
        h.wait_text("#users-total", "Showing 1–25 of").await?;
        h.wait_text("#users-in-browser", "GetAllUsers").await?;
        h.fill("#filter-user", "user00").await?;
        h.click("#filter-apply").await?;
        h.wait_text("#users-total", "of 99 users").await?;
        h.goto("/users?user=user00&start=25").await?;
        h.wait_text("#users-total", "Showing 26–50 of 99 users")
            .await?;
        // The status filter, counted against what the server holds.
        let ticket = h.ticket_for(ADMIN).await?;
        let everyone = h
            .srv_call("GetAllUsers", &[("authenticationTicket", ticket.as_str())])
            .await?;
        let disabled = everyone.matches("Enabled=\"FALSE\"").count();
        assert!(disabled > 0, "{everyone}");
        h.goto("/users?status=0").await?;
        let noun = if disabled == 1 { "user" } else { "users" };
        h.wait_text("#users-total", &format!(" of {disabled} {noun}"))
            .await?;
        let log = h.request_log().await?;
        assert_eq!(
            calls(&log, "GetAllUsers1").len(),
            1,
            "asked once, at the sign-in page: {log:?}"
        );
        assert!(calls(&log, "GetAllUsers").len() > 1);

        // The forms work; the mobile number, which needs the missing call, is said so.
        h.goto("/users/jdoe").await?;
        h.wait_text("#fact-user-name", "jdoe").await?;
        h.fill("#email-new", "john.older@example.com").await?;
        h.click("#email-save").await?;
        h.wait_text("#email-status", "saved").await?;
        h.fill("#contact-mobile", "+15550001111").await?;
        h.click("#contact-save").await?;
        h.wait_text("#contact-status", "cannot change mobile numbers")
            .await?;
        let user = h.srv_user("jdoe").await?;
        assert!(user.contains("john.older@example.com"), "{user}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn creating_and_deleting_without_the_newer_calls() -> anyhow::Result<()> {
    run(older(false).await?, async |h| {
        h.sign_in(ADMIN).await?;
        h.goto("/new-user").await?;
        h.fill("#new-user-name", "elder").await?;
        h.fill("#new-user-first", "Edna").await?;
        h.fill("#new-user-last", "Elder").await?;
        h.fill("#new-user-email", "edna.elder@example.com").await?;
        h.fill("#new-user-password", "Tulip7harbour").await?;
        h.click("#new-user-save").await?;
        h.wait_text("#fact-user-name", "elder").await?;

        // With the re-prompt policy on, DeleteUser asks for the password, but no DeleteUser1
        // can carry it: said plainly, nothing deleted, and said at once the next time.
        h.set_faults(json!({ "reprompt_user_delete": true }))
            .await?;
        h.click("#delete-open").await?;
        h.fill("#delete-confirm-name", "elder").await?;
        h.click("#delete-confirm").await?;
        h.find("#delete-admin-password").await?;
        h.fill("#delete-admin-password", ADMIN.1).await?;
        h.click("#delete-confirm").await?;
        let said = h.wait_text("#delete-status", "no DeleteUser1 call").await?;
        assert!(said.contains("infoRouter's own web interface"), "{said}");
        assert!(h.srv_user("elder").await?.contains("Edna"));

        // Without the policy, DeleteUser alone deletes.
        h.set_faults(json!({ "reprompt_user_delete": false }))
            .await?;
        h.goto("/users/elder").await?;
        h.wait_text("#fact-user-name", "elder").await?;
        h.click("#delete-open").await?;
        h.fill("#delete-confirm-name", "elder").await?;
        h.click("#delete-confirm").await?;
        h.wait_text("#deleted-title", "elder was deleted").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn an_older_server_with_get_and_post_off_is_spoken_to_in_soap() -> anyhow::Result<()> {
    run(older(true).await?, async |h| {
        h.goto("/").await?;
        h.wait_text("#server-info", "· SOAP").await?;
        h.wait_text("#server-lacks", "GetAllUsers1").await?;
        h.sign_in(ADMIN).await?;
        h.goto("/users?user=user00").await?;
        h.wait_text("#users-total", "of 99 users").await?;
        h.wait_text("#users-in-browser", "GetAllUsers").await?;
        let log = h.request_log().await?;
        let refused: Vec<_> = log.iter().filter(|e| e["transport"] != "soap").collect();
        assert_eq!(
            refused.len(),
            1,
            "only the first call went by POST: {log:?}"
        );
        Ok(())
    })
    .await
}
