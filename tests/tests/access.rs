//! A user's Access section (`/users/<name>/access`) and the page's sections, in headless
//! Chromium against the emulator: groups and libraries listed, added, removed and put back
//! with Undo; the user type changed after a confirmation; the welcome email sent and read back
//! from the emulator's mailbox; sections switched by keyboard, by address and by reload, each
//! read when first shown; non-administrators see none of it. The request log shows the exact
//! parameters; axe reports no violations in light and dark.

use anyhow::Result;
use console_e2e::forms::*;
use console_e2e::*;
use fantoccini::Locator;
use serde_json::{Value, json};

const ASMITH: (&str, &str) = ("asmith", "Secret123!");

/// The Remove button of the row in `list` whose name is `name`.
async fn remove_button(
    h: &Harness,
    list: &str,
    name: &str,
) -> Result<fantoccini::elements::Element> {
    let xpath =
        format!("//ul[@id='{list}']/li[div/span[@class='member-name' and text()='{name}']]/button");
    Ok(h.client().find(Locator::XPath(&xpath)).await?)
}

/// The only call of `operation` in the log, with these parameters exactly.
async fn sent_once(h: &Harness, operation: &str, expected: &[(&str, &str)]) -> Result<()> {
    let log = h.request_log().await?;
    let sent = calls(&log, operation);
    assert_eq!(sent.len(), 1, "{operation}: {log:?}");
    for (name, value) in expected {
        assert_eq!(
            param(sent[0], name),
            Some(*value),
            "{operation} {name}: {:?}",
            sent[0]
        );
    }
    h.clear_log().await?;
    Ok(())
}

/// Every one of `lines` is in the text of `css`.
async fn shows_all(h: &Harness, css: &str, lines: &[&str]) -> Result<()> {
    let text = h.find(css).await?.text().await?;
    for line in lines {
        assert!(text.contains(line), "{line} in {text}");
    }
    Ok(())
}

async fn open_access(h: &Harness, user: &str) -> Result<()> {
    h.goto(&format!("/users/{user}/access")).await?;
    h.wait_text("#fact-user-name", user).await?;
    h.wait_text("#groups-count", "groups").await?;
    Ok(())
}

#[tokio::test]
async fn an_administrator_changes_a_users_groups_and_libraries_with_undo() -> Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(ADMIN).await?;
        open_access(h, "jdoe").await?;
        h.wait_text("#groups-list", "Finance Admins").await?;
        shows_all(
            h,
            "#groups-list",
            &[
                "Everyone Staff\nGlobal group",
                "Finance Team\nGlobal group",
                "Finance Admins\nLocal group of Finance",
            ],
        )
        .await?;
        h.wait_text("#groups-count", "3 groups").await?;
        // Libraries: through the groups (Finance Team is a member of Finance and Legal, Everyone
        // Staff of HR); jdoe's home library Finance may be direct as well.
        h.wait_text("#libraries-list", "Legal").await?;
        shows_all(
            h,
            "#libraries-list",
            &[
                "Finance\nThrough a group: Finance Admins, Finance Team (perhaps also direct)",
                "HR\nThrough a group: Everyone Staff",
                "Legal\nThrough a group: Finance Team",
            ],
        )
        .await?;
        // Filtering by typing.
        h.fill("#groups-filter", "fin").await?;
        h.wait_text("#groups-count", "2 of 3 groups match").await?;
        assert!(
            !h.find("#groups-list")
                .await?
                .text()
                .await?
                .contains("Everyone Staff")
        );
        h.find("#groups-filter")
            .await?
            .send_keys("\u{e003}\u{e003}\u{e003}")
            .await?;
        h.wait_text("#groups-count", "3 groups.").await?;
        h.screenshot("access-light").await?;
        no_axe_violations(h).await?;
        h.clear_log().await?;

        // Add to a global group, picked from the server's list.
        h.find("#groups-add-choice")
            .await?
            .select_by_label("Auditors")
            .await?;
        h.click("#groups-add").await?;
        h.wait_text("#groups-status", "jdoe was added to the group Auditors.")
            .await?;
        h.wait_text("#groups-list", "Auditors").await?;
        sent_once(
            h,
            "AddUsergroupMember",
            &[
                ("DomainName", ""),
                ("GroupName", "Auditors"),
                ("UserName", "jdoe"),
            ],
        )
        .await?;

        // Add to a library directly: now listed, and direct.
        select(h, "#libraries-add-choice", "Engineering").await?;
        h.click("#libraries-add").await?;
        h.wait_text(
            "#libraries-status",
            "jdoe was added to the library Engineering.",
        )
        .await?;
        h.wait_text("#libraries-list", "Engineering\nDirect")
            .await?;
        sent_once(
            h,
            "AddUserAsDomainMember",
            &[("DomainName", "Engineering"), ("UserName", "jdoe")],
        )
        .await?;

        // Remove a local group with one click; Undo adds it again.
        remove_button(h, "groups-list", "Finance Admins")
            .await?
            .click()
            .await?;
        h.wait_text(
            "#groups-status",
            "jdoe was removed from the group Finance Admins (Finance).",
        )
        .await?;
        wait_focus(h, "groups-undo").await?;
        // The list is read again after the change; the message may come a moment before it.
        h.wait_text_gone("#groups-list", "Finance Admins").await?;
        sent_once(
            h,
            "RemoveUsergroupMember",
            &[
                ("DomainName", "Finance"),
                ("GroupName", "Finance Admins"),
                ("UserName", "jdoe"),
            ],
        )
        .await?;
        h.screenshot("access-removed").await?;
        h.click("#groups-undo").await?;
        h.wait_text(
            "#groups-status",
            "jdoe was added to the group Finance Admins (Finance).",
        )
        .await?;
        h.wait_text("#groups-list", "Finance Admins").await?;
        wait_gone(h, "#groups-undo").await?;
        wait_focus(h, "groups-title").await?;
        sent_once(
            h,
            "AddUsergroupMember",
            &[
                ("DomainName", "Finance"),
                ("GroupName", "Finance Admins"),
                ("UserName", "jdoe"),
            ],
        )
        .await?;

        // Remove the direct library membership; the parameter is spelt `Username` there.
        remove_button(h, "libraries-list", "Engineering")
            .await?
            .click()
            .await?;
        h.wait_text(
            "#libraries-status",
            "jdoe was removed from the library Engineering.",
        )
        .await?;
        sent_once(
            h,
            "RemoveUserFromDomainMembership",
            &[("DomainName", "Engineering"), ("Username", "jdoe")],
        )
        .await?;
        wait_focus(h, "libraries-undo").await?;
        h.click("#libraries-undo").await?;
        h.wait_text("#libraries-list", "Engineering\nDirect")
            .await?;
        // A library only through a group: no direct membership to end, and the page says so.
        remove_button(h, "libraries-list", "Legal")
            .await?
            .click()
            .await?;
        h.wait_text(
            "#libraries-status",
            "jdoe is not a direct member of the library Legal",
        )
        .await?;
        assert!(!exists(h, "#libraries-undo").await);
        Ok(())
    })
    .await
}

#[tokio::test]
async fn the_user_type_changes_after_a_confirmation_and_the_welcome_email_is_sent() -> Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(ADMIN).await?;
        open_access(h, "jdoe").await?;
        h.wait_text("#type-current", "Author").await?;
        h.clear_log().await?;
        // Escape cancels and sends nothing.
        h.click("#type-change").await?;
        h.wait_text("#type-question", "Make jdoe read-only?")
            .await?;
        wait_focus(h, "type-cancel").await?;
        h.find("#type-cancel").await?.send_keys("\u{e00c}").await?;
        wait_gone(h, "#type-panel").await?;
        wait_focus(h, "type-change").await?;
        assert!(calls(&h.request_log().await?, "ChangeUserType").is_empty());
        h.click("#type-change").await?;
        h.click("#type-confirm").await?;
        h.wait_text("#type-status", "jdoe is now read-only.")
            .await?;
        h.wait_text("#type-current", "Read-only").await?;
        sent_once(
            h,
            "ChangeUserType",
            &[("userName", "jdoe"), ("userType", "2")],
        )
        .await?;
        // The page read the user again: its facts say so too.
        h.wait_text(".facts", "Read-only").await?;

        // The welcome email: what it holds, then sent.
        h.click("#welcome-open").await?;
        h.wait_text(
            "#welcome-question",
            "Send jdoe a welcome email at john.doe@example.com?",
        )
        .await?;
        h.wait_text("#welcome-contents", "valid for 48 hours")
            .await?;
        h.screenshot("access-welcome-confirm").await?;
        no_axe_violations(h).await?;
        h.click("#welcome-confirm").await?;
        h.wait_text("#welcome-status", "Welcome email sent to jdoe.")
            .await?;
        sent_once(h, "SendWelcomeEmailForUser", &[("userName", "jdoe")]).await?;
        // An external account's mail names its authority.
        open_access(h, "asmith").await?;
        h.click("#welcome-open").await?;
        h.wait_text("#welcome-contents", "CORP-LDAP").await?;
        h.click("#welcome-confirm").await?;
        h.wait_text("#welcome-status", "Welcome email sent to asmith.")
            .await?;
        let mails: Value =
            serde_json::from_str(&h.control("GET", "/_emulator/mails", json!(null)).await?)?;
        let mails = mails.as_array().expect("a list of mails");
        assert_eq!(mails.len(), 2, "{mails:?}");
        assert_eq!(mails[0]["to"], "john.doe@example.com");
        assert_eq!(mails[0]["template"], "WELCOMETOIR");
        assert!(
            mails[0]["reset_link"]
                .as_str()
                .is_some_and(|l| l.contains("secret="))
        );
        assert_eq!(mails[1]["to"], "anna.smith@corp.example.com");
        assert_eq!(mails[1]["template"], "WELCOMETOIREXTERNAL");
        assert_eq!(mails[1]["authority"], "CORP-LDAP");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn sections_have_addresses_open_by_keyboard_and_reload_and_read_when_shown() -> Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(ADMIN).await?;
        h.goto("/users/jdoe").await?;
        h.wait_text("#fact-user-name", "jdoe").await?;
        h.find("#email-new").await?;
        assert_eq!(
            attr(h, "#section-link-details", "aria-current")
                .await?
                .as_deref(),
            Some("page")
        );
        assert_eq!(
            attr(h, "#user-sections", "aria-label").await?.as_deref(),
            Some("User sections")
        );
        // Nothing of Access is read before it is shown.
        let log = h.request_log().await?;
        assert!(
            calls(&log, "GetGroupMembershipsOfUser").is_empty(),
            "{log:?}"
        );
        // Typed, not saved: it stays while another section is looked at.
        h.fill("#email-new", "typed@example.com").await?;
        // By keyboard: Enter on the link.
        h.find("#section-link-access")
            .await?
            .send_keys("\u{e007}")
            .await?;
        h.wait_text("#groups-count", "3 groups").await?;
        assert!(
            h.client()
                .current_url()
                .await?
                .path()
                .ends_with("/users/jdoe/access")
        );
        assert_eq!(
            attr(h, "#section-link-access", "aria-current")
                .await?
                .as_deref(),
            Some("page")
        );
        assert_eq!(
            attr(h, "#section-link-details", "aria-current").await?,
            None
        );
        assert!(!h.find("#email-new").await?.is_displayed().await?);
        let log = h.request_log().await?;
        assert_eq!(calls(&log, "GetGroupMembershipsOfUser").len(), 1, "{log:?}");
        assert!(
            calls(&log, "GetDomainMembershipsOfUser").len() == 1,
            "{log:?}"
        );
        h.find("#section-link-details")
            .await?
            .send_keys("\u{e007}")
            .await?;
        wait_value(h, "#email-new", "typed@example.com").await?;
        h.fill("#email-new", "john.doe@example.com").await?;
        // Each section has its own address: a reload opens it again.
        h.goto("/users/jdoe/password").await?;
        h.find("#set-password-new").await?;
        h.client().refresh().await?;
        h.find("#set-password-new").await?;
        assert_eq!(
            attr(h, "#section-link-password", "aria-current")
                .await?
                .as_deref(),
            Some("page")
        );
        h.goto("/users/jdoe/out-of-office").await?;
        h.wait_text("#section-link-out-of-office", "Out of office")
            .await?;
        assert_eq!(
            attr(h, "#section-link-out-of-office", "aria-current")
                .await?
                .as_deref(),
            Some("page")
        );
        // The page of a user just created offers the welcome email first.
        h.goto("/users/jdoe?created=1").await?;
        h.wait_text("#created-welcome-title", "Send a welcome email")
            .await?;
        h.find("#created-welcome-open").await?;
        h.screenshot("user-page-created").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn non_administrators_see_no_one_elses_groups_libraries_or_type() -> Result<()> {
    run(Harness::start().await?, async |h| {
        for (who, other) in [(JDOE, "asmith"), (ASMITH, "jdoe")] {
            h.sign_in(who).await?;
            h.clear_log().await?;
            h.goto(&format!("/users/{other}/access")).await?;
            h.wait_text("main", "Administrators only").await?;
            for id in [
                "#groups-list",
                "#libraries-list",
                "#type-current",
                "#welcome-open",
                "#user-sections",
            ] {
                assert!(!exists(h, id).await, "{id} shown to {}", who.0);
            }
            let log = h.request_log().await?;
            for op in [
                "GetGroupMembershipsOfUser",
                "GetDomainMembershipsOfUser",
                "GetUser",
            ] {
                let about_other = calls(&log, op).into_iter().any(|c| {
                    ["userName", "UserName"]
                        .iter()
                        .any(|p| param(c, p) == Some(other))
                });
                assert!(!about_other, "{op} about {other} for {}: {log:?}", who.0);
            }
            h.click("#sign-out").await?;
            h.find("#sign-in-user").await?;
        }
        Ok(())
    })
    .await
}

#[tokio::test]
async fn the_access_section_in_dark_mode_has_no_axe_violations() -> Result<()> {
    run(Harness::start_with(|_| {}, true).await?, async |h| {
        h.sign_in(ADMIN).await?;
        open_access(h, "jdoe").await?;
        h.wait_text("#libraries-list", "Legal").await?;
        h.click("#type-change").await?;
        h.find("#type-panel").await?;
        h.screenshot("access-dark").await?;
        no_axe_violations(h).await?;
        Ok(())
    })
    .await
}

/// Only "access denied" to the one-row listing means "not an administrator". A probe that fails
/// otherwise (here a server error) leaves the role unknown: the admin pages are shown and the
/// server decides, instead of "Administrators only" for an administrator.
#[tokio::test]
async fn a_failed_administrator_check_is_not_taken_for_a_refusal() -> Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(ADMIN).await?;
        h.set_faults(json!({ "fail_500_rate": 1.0, "only_ops": ["GetAllUsers1"] }))
            .await?;
        h.goto("/users").await?;
        h.wait_text("main h1", "Users").await?;
        // The list's own listing fails the same way, after the probe was sent.
        h.find("main [role=alert]").await?;
        let shown = h.find("main").await?.text().await?;
        assert!(!shown.contains("Administrators only"), "{shown}");
        h.clear_faults().await?;
        h.goto("/users").await?;
        h.wait_text("#users-total", "Showing").await?;
        Ok(())
    })
    .await
}
