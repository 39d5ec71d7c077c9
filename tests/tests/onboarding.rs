//! New user like a colleague (issue 19, "Someone joins"): on the New user page an
//! administrator names a colleague; a preview lists the groups, libraries and user type the
//! new account gets; after CreateUser the memberships are copied with
//! TransferUserGroupMemberships and TransferUserDomainMemberships (each once, the colleague
//! keeping theirs), and the new user's page opens with the welcome email offered. A failed
//! copy is retried alone, never CreateUser; an unknown colleague is refused at the field with
//! nothing sent. Ids are documented at the top of src/components/onboarding/*.rs.

use anyhow::Result;
use console_e2e::forms::*;
use console_e2e::*;
use serde_json::{Value, json};

const ENTER: &str = "\u{e007}";

/// Names a colleague and presses Enter, as a person does, then waits for the preview.
async fn like(h: &Harness, colleague: &str, who: &str) -> Result<()> {
    h.fill("#like-colleague", colleague).await?;
    h.find("#like-colleague").await?.send_keys(ENTER).await?;
    h.wait_text("#like-preview-title", &format!("Copied from {who}"))
        .await?;
    Ok(())
}

/// The rest of the form, for a native account.
async fn fill_account(h: &Harness, name: &str, first: &str, last: &str) -> Result<()> {
    h.fill("#new-user-name", name).await?;
    h.fill("#new-user-first", first).await?;
    h.fill("#new-user-last", last).await?;
    h.fill("#new-user-email", &format!("{name}@example.com"))
        .await?;
    h.fill("#new-user-password", "Tulip7harbour").await?;
    Ok(())
}

/// The operations in the log, in order, without the reads around them.
fn changes(log: &[Value]) -> Vec<String> {
    log.iter()
        .filter_map(|e| e["operation"].as_str())
        .filter(|op| {
            ["CreateUser", "ChangeUserType"].contains(op) || op.starts_with("TransferUser")
        })
        .map(str::to_string)
        .collect()
}

/// The only successful call of `operation`, sent from `from` to `to`.
fn copied_once(log: &[Value], operation: &str, from: &str, to: &str) {
    let sent: Vec<_> = calls(log, operation)
        .into_iter()
        .filter(|c| c["success"] == true)
        .collect();
    assert_eq!(sent.len(), 1, "{operation} once: {log:#?}");
    assert_eq!(p(sent[0], "fromUserName"), from);
    assert_eq!(p(sent[0], "toUserName"), to);
}

/// Every one of `lines` is in the text of `css`.
async fn shows_all(h: &Harness, css: &str, lines: &[&str]) -> Result<()> {
    let text = h.find(css).await?.text().await?;
    for line in lines {
        assert!(text.contains(line), "{line} in {text}");
    }
    Ok(())
}

#[tokio::test]
async fn a_new_user_like_a_colleague_gets_their_groups_libraries_and_type() -> Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(ADMIN).await?;
        h.goto("/users").await?;
        h.click("#new-user-link").await?;
        h.find("#like-colleague").await?;
        h.clear_log().await?;

        // Enter checks the colleague; it does not submit the form.
        like(h, "jdoe", "John Doe (jdoe)").await?;
        shows_all(
            h,
            "#like-groups",
            &[
                "Everyone Staff — Global group",
                "Finance Team — Global group",
                "Finance Admins — Local group of Finance",
            ],
        )
        .await?;
        h.wait_text("#like-preview", "Groups (3)").await?;
        shows_all(
            h,
            "#like-libraries",
            &[
                "HR — comes with the group Everyone Staff",
                "Legal — comes with the group Finance Team",
                "Finance — comes with the groups Finance Admins, Finance Team",
            ],
        )
        .await?;
        h.wait_text(
            "#like-preview",
            "Only direct library memberships are copied",
        )
        .await?;
        h.wait_text("#like-type", "Author, as jdoe.").await?;
        assert!(!checked(h, "#new-user-read-only").await?);
        h.wait_text("#like-colleague-hint", "John Doe (jdoe)")
            .await?;

        h.client()
            .execute(
                "document.getElementById('new-user-title').scrollIntoView()",
                vec![],
            )
            .await?;
        h.screenshot("new-user-like-light").await?;
        fill_account(h, "jroe", "Jane", "Roe").await?;
        no_axe_violations(h).await?;
        // Nothing is created or copied before Create.
        assert_eq!(changes(&h.request_log().await?), Vec::<String>::new());
        h.clear_log().await?;

        h.click("#new-user-save").await?;
        // The copy done, the new user's page opens and offers the welcome email.
        h.wait_text("#fact-user-name", "jroe").await?;
        h.wait_text("#created-welcome-title", "Send a welcome email")
            .await?;
        let url = h.client().current_url().await?;
        assert!(url.path().ends_with("/users/jroe"), "{url}");
        assert_eq!(url.query(), Some("created=1"));

        let log = h.request_log().await?;
        assert_eq!(
            changes(&log),
            [
                "CreateUser",
                "TransferUserGroupMemberships",
                "TransferUserDomainMemberships"
            ],
            "CreateUser, then each copy once; the type was right already: {log:#?}"
        );
        let create = only_call(h, "CreateUser").await?;
        assert_eq!(p(&create, "UserName"), "jroe");
        assert_eq!(p(&create, "ReadOnlyUser"), "false");
        copied_once(&log, "TransferUserGroupMemberships", "jdoe", "jroe");
        copied_once(&log, "TransferUserDomainMemberships", "jdoe", "jroe");

        // The new account has the groups, and jdoe keeps theirs.
        h.goto("/users/jroe/access").await?;
        h.wait_text("#groups-count", "3 groups").await?;
        shows_all(
            h,
            "#groups-list",
            &["Everyone Staff", "Finance Team", "Finance Admins"],
        )
        .await?;
        h.wait_text("#libraries-list", "Legal").await?;
        h.wait_text("#type-current", "Author").await?;
        h.goto("/users/jdoe/access").await?;
        h.wait_text("#groups-count", "3 groups").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_failed_copy_is_retried_alone_and_the_type_follows_the_colleague() -> Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(ADMIN).await?;
        h.goto("/new-user").await?;
        // reader is read-only: the box follows until the person ticks it.
        like(h, "reader", "Rita Reader (reader)").await?;
        h.wait_text("#like-type", "Read-only, as reader.").await?;
        wait_checked(h, "#new-user-read-only", true).await?;
        h.click("#new-user-read-only").await?;
        h.wait_text("#like-type", "Author, as you chose below (reader is read-only).")
            .await?;
        h.click("#new-user-read-only").await?;
        h.wait_text("#like-type", "Read-only, as reader.").await?;
        fill_account(h, "rnew", "Rae", "New").await?;
        h.clear_log().await?;

        // The library copy fails; the rest goes on.
        h.set_faults(json!({ "fail_500_rate": 1.0, "only_ops": ["TransferUserDomainMemberships"] }))
            .await?;
        h.click("#new-user-save").await?;
        h.wait_text("#like-progress", "rnew was created, but 1 of 3 copy steps failed.")
            .await?;
        wait_focus(h, "like-progress-title").await?;
        h.wait_text("#like-step-groups", "Copied").await?;
        h.wait_text("#like-step-libraries", "Not done").await?;
        h.wait_text("#like-step-type", "Set by CreateUser").await?;
        h.wait_text(
            "#like-not-copied",
            "The account rnew exists, with everything typed. Not copied from reader: the direct library memberships.",
        )
        .await?;
        assert_eq!(
            attr(h, "#like-step-libraries", "data-status").await?.as_deref(),
            Some("failed")
        );
        h.wait_text("#like-open-user", "Open rnew's page").await?;
        h.screenshot("new-user-like-failed-light").await?;
        no_axe_violations(h).await?;
        let create = only_call(h, "CreateUser").await?;
        assert_eq!(p(&create, "ReadOnlyUser"), "true");

        // Retry sends the failed copy only, then the page opens.
        h.clear_faults().await?;
        h.clear_log().await?;
        h.click("#like-retry").await?;
        h.wait_text("#fact-user-name", "rnew").await?;
        h.find("#created-welcome-open").await?;
        let log = h.request_log().await?;
        assert_eq!(
            changes(&log),
            ["TransferUserDomainMemberships"],
            "{log:#?}"
        );
        copied_once(&log, "TransferUserDomainMemberships", "reader", "rnew");
        h.goto("/users/rnew/access").await?;
        h.wait_text("#libraries-list", "Legal\nDirect").await?;
        h.wait_text("#type-current", "Read-only").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn an_unknown_colleague_is_refused_at_the_field_and_nothing_is_sent() -> Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(ADMIN).await?;
        h.goto("/new-user").await?;
        fill_account(h, "ghostlike", "Gus", "Host").await?;
        h.fill("#like-colleague", "nobody-here").await?;
        leave(h, "#like-colleague").await?;
        h.wait_text(
            "#like-colleague-error",
            "There is no user named nobody-here.",
        )
        .await?;
        assert_eq!(
            attr(h, "#like-colleague", "aria-invalid").await?.as_deref(),
            Some("true")
        );
        assert!(!exists(h, "#like-preview").await);
        h.clear_log().await?;
        h.click("#new-user-save").await?;
        h.wait_text("#new-user-status", "one field needs attention")
            .await?;
        wait_focus(h, "like-colleague").await?;
        no_axe_violations(h).await?;
        let log = h.request_log().await?;
        assert_eq!(changes(&log), Vec::<String>::new(), "{log:#?}");
        // What was typed is still there.
        assert_eq!(value(h, "#new-user-name").await?, "ghostlike");
        assert_eq!(value(h, "#like-colleague").await?, "nobody-here");
        Ok(())
    })
    .await
}

/// Waits until the checkbox `css` is `want`.
async fn wait_checked(h: &Harness, css: &str, want: bool) -> Result<()> {
    for _ in 0..200 {
        if checked(h, css).await? == want {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    anyhow::bail!(
        "{css} never became {}",
        if want { "checked" } else { "unchecked" }
    )
}
