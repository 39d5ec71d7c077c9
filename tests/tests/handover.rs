//! Hand over and close (issue 19): an administrator hands a leaver's work to a successor on
//! the user's page, transfer by transfer, then closes the account. Checked in the emulator's
//! request log (each TransferUser* applied exactly once, memberships first) and in what the
//! emulator holds afterwards (GET /_emulator/holdings/{user}). Ids are documented at the top
//! of src/components/handover/*.rs.

use anyhow::Result;
use console_e2e::forms::*;
use console_e2e::*;
use serde_json::{Value, json};

const TRANSFERS: [&str; 13] = [
    "TransferUserDomainMemberships",
    "TransferUserGroupMemberships",
    "TransferUserDomainManagerRoles",
    "TransferUserCheckedOutDocuments",
    "TransferUserDocumentOwnerships",
    "TransferUserFolderOwnerships",
    "TransferUserTasks",
    "TransferUserISOTasks",
    "TransferUserWorkflowDefinitions",
    "TransferUserExpirationNotices",
    "TransferUserDocumentSubscriptions",
    "TransferUserFolderSubscriptions",
    "TransferUserSecurityPermissions",
];

/// Opens `leaver`'s Hand over and close section with what they hold read.
async fn open_handover(h: &Harness, leaver: &str) -> Result<()> {
    open_section(
        h,
        ADMIN,
        &format!("/users/{leaver}/hand-over"),
        leaver,
        "#handover-holdings",
    )
    .await
}

/// Types a successor and leaves the field, as a person does, then waits for the check.
async fn choose_successor(h: &Harness, name: &str, said: &str) -> Result<()> {
    h.fill("#handover-successor", name).await?;
    h.client()
        .execute(
            "document.getElementById('handover-successor').dispatchEvent(new Event('change'))",
            vec![],
        )
        .await?;
    h.wait_text("#handover-successor-status", said).await?;
    Ok(())
}

async fn holdings(h: &Harness, user: &str) -> Result<Value> {
    h.holdings(user).await
}

fn list(v: &Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .unwrap_or_else(|| panic!("{key} in {v}"))
        .iter()
        .map(|s| s.as_str().map_or_else(|| s.to_string(), str::to_string))
        .collect()
}

/// The transfers the server carried out, in order (a `[901]` refusal is not one).
fn applied(log: &[Value]) -> Vec<String> {
    log.iter()
        .filter(|e| e["success"] == true)
        .filter_map(|e| e["operation"].as_str())
        .filter(|op| op.starts_with("TransferUser"))
        .map(str::to_string)
        .collect()
}

async fn wait_done(h: &Harness, total: usize) -> Result<String> {
    h.wait_text(
        "#handover-progress",
        &format!("{total} of {total} transfers"),
    )
    .await
}

#[tokio::test]
async fn a_leaver_hands_everything_to_a_successor_and_is_disabled() -> Result<()> {
    run(Harness::start().await?, async |h| {
        open_handover(h, "mgarcia").await?;
        // Read once: nothing is read again once it is shown (the log starts there).
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let log = h.request_log().await?;
        for op in ["GetUserStatistics", "GetCheckedoutDocumentsByUser"] {
            assert!(calls(&log, op).is_empty(), "{op} sent again");
        }
        let before = holdings(h, "mgarcia").await?;
        assert!(!list(&before, "checked_out_documents").is_empty());
        // What they hold: counts, and the first items of the lists.
        let checked_out = h
            .find("#holding-TransferUserCheckedOutDocuments")
            .await?
            .text()
            .await?;
        assert!(checked_out.contains("Pump spec v3.docx"), "{checked_out}");
        assert!(
            checked_out.contains("moves to the successor"),
            "{checked_out}"
        );
        let groups = h
            .find("#holding-TransferUserGroupMemberships")
            .await?
            .text()
            .await?;
        assert!(groups.contains("the leaver keeps theirs"), "{groups}");
        for op in TRANSFERS {
            assert!(
                checked(h, &format!("#handover-kind-{op}")).await?,
                "{op} on by default"
            );
        }
        h.screenshot("handover-choose").await?;
        assert_eq!(h.axe_violations().await?, Vec::<String>::new());

        choose_successor(h, "zoe", "will take the work over").await?;
        h.clear_log().await?;
        h.click("#handover-run").await?;
        let said = wait_done(h, 13).await?;
        assert!(!said.contains("failed"), "{said}");
        let log = h.request_log().await?;
        assert_eq!(applied(&log), TRANSFERS, "each once, memberships first");
        for call in calls(&log, "TransferUserTasks") {
            assert_eq!(p(call, "fromUserName"), "mgarcia");
            assert_eq!(p(call, "toUserName"), "zoe");
        }
        // mgarcia is no longer a member of Finance; zoe never was: what lies there stays, and
        // the server's warning says so in full.
        assert!(said.contains("with a warning"), "{said}");
        h.wait_text(
            "#handover-step-TransferUserCheckedOutDocuments",
            "Done, with the server's warning: Some checked-out documents could not be transferred.",
        )
        .await?;
        let after = holdings(h, "mgarcia").await?;
        let zoe = holdings(h, "zoe").await?;
        for kind in [
            "checked_out_documents",
            "owned_documents",
            "owned_folders",
            "expiration_notices",
        ] {
            let (was, left) = (list(&before, kind), list(&after, kind));
            assert!(left.len() < was.len(), "{kind}: {was:?} → {left:?}");
            for item in &was {
                let moved = list(&zoe, kind).contains(item);
                assert!(
                    moved != left.contains(item),
                    "{kind}: {item} is either zoe's or left"
                );
                assert_eq!(item.starts_with("\\Finance"), !moved, "{kind}: {item}");
            }
        }
        assert!(
            !list(&after, "document_subscriptions").is_empty(),
            "subscriptions are copied: the leaver keeps theirs"
        );

        // The report, then closing: disable is the default, through its confirmation.
        let report = h
            .wait_text("#handover-report", "From mgarcia to zoe")
            .await?;
        assert!(report.contains("Checked-out documents"), "{report}");
        assert!(report.contains("still open"), "{report}");
        assert!(checked(h, "#handover-close-disable").await?);
        // Work stayed with the leaver (the warnings): closing needs to be asked for.
        h.wait_text("#handover-close-unfinished", "10 of the chosen transfers")
            .await?;
        assert!(!exists(h, "#handover-disable").await, "not without consent");
        h.click("#handover-close-anyway").await?;
        h.client()
            .execute(
                "document.getElementById('handover-progress').scrollIntoView()",
                vec![],
            )
            .await?;
        h.screenshot("handover-done").await?;
        assert_eq!(h.axe_violations().await?, Vec::<String>::new());
        h.click("#handover-disable").await?;
        wait_focus(h, "handover-disable-cancel").await?;
        h.click("#handover-disable-confirm").await?;
        h.wait_text("#handover-disable-status", "mgarcia is disabled")
            .await?;
        let call = only_call(h, "ChangeUserStatus").await?;
        assert_eq!(p(&call, "UserName"), "mgarcia");
        assert_eq!(p(&call, "StatusCode"), "0");
        h.wait_text("#handover-report-account", "disabled").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_successor_must_be_someone_else_who_exists_and_is_enabled() -> Result<()> {
    run(Harness::start().await?, async |h| {
        open_handover(h, "mgarcia").await?;
        h.click("#handover-run").await?;
        h.wait_text("#handover-choice-error", "successor").await?;
        wait_focus(h, "handover-successor").await?;
        choose_successor(h, "MGarcia", "someone other than the person leaving").await?;
        choose_successor(h, "leaver", "disabled").await?;
        choose_successor(h, "nobody-here", "There is no user named nobody-here").await?;
        assert_eq!(
            attr(h, "#handover-successor", "aria-invalid")
                .await?
                .as_deref(),
            Some("true")
        );
        h.click("#handover-run").await?;
        h.wait_text("#handover-choice-error", "There is no user named")
            .await?;
        // A successor checked, then another typed and run at once: never the one before.
        choose_successor(h, "zoe", "will take the work over").await?;
        h.fill("#handover-successor", "nobody-else").await?;
        h.click("#handover-run").await?;
        h.wait_text("#handover-choice-error", "nobody-else").await?;
        assert!(!exists(h, "#handover-steps").await, "nothing started");
        // Nothing chosen: nothing to run.
        choose_successor(h, "zoe", "will take the work over").await?;
        for op in TRANSFERS {
            h.click(&format!("#handover-kind-{op}")).await?;
        }
        h.click("#handover-run").await?;
        h.wait_text("#handover-choice-error", "at least one")
            .await?;
        let log = h.request_log().await?;
        assert_eq!(applied(&log), Vec::<String>::new(), "nothing sent");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_warning_is_shown_in_full_and_a_failure_holds_the_closing_back() -> Result<()> {
    run(Harness::start().await?, async |h| {
        open_handover(h, "mgarcia").await?;
        // ISO tasks are refused (the server lacks the call); every other transfer answers
        // with its page's warning (the emulator's warnings mode), also to a successor who
        // could take everything.
        h.set_faults(json!({ "missing_ops": ["TransferUserISOTasks"], "transfer_warnings": true }))
            .await?;
        choose_successor(h, "zoe", "will take the work over").await?;
        h.click("#handover-run").await?;
        let said = h.wait_text("#handover-progress", "1 failed.").await?;
        assert!(
            said.contains("12 of 13 transfers to zoe done, 12 with a warning"),
            "{said}"
        );
        h.wait_text(
            "#handover-step-TransferUserCheckedOutDocuments",
            "Some checked-out documents could not be transferred.",
        )
        .await?;
        assert_eq!(
            attr(
                h,
                "#handover-step-TransferUserCheckedOutDocuments",
                "data-status"
            )
            .await?
            .as_deref(),
            Some("warning")
        );
        assert_eq!(
            attr(h, "#handover-step-TransferUserISOTasks", "data-status")
                .await?
                .as_deref(),
            Some("failed")
        );
        // Closing waits for consent while a chosen transfer failed.
        h.find("#handover-close-unfinished").await?;
        assert!(
            !exists(h, "#handover-disable").await,
            "no closing without consent"
        );
        h.screenshot("handover-warning").await?;
        assert_eq!(h.axe_violations().await?, Vec::<String>::new());
        // Retry once the server has the call: only the failed one goes again.
        h.clear_faults().await?;
        h.clear_log().await?;
        h.click("#handover-retry").await?;
        wait_done(h, 13).await?;
        assert_eq!(applied(&h.request_log().await?), ["TransferUserISOTasks"]);
        // The warnings remain: work stayed with the leaver, so closing is still asked for.
        h.find("#handover-close-unfinished").await?;
        h.click("#handover-close-anyway").await?;
        h.find("#handover-disable").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn an_expired_ticket_a_lost_answer_and_a_reload_send_each_transfer_once() -> Result<()> {
    run(Harness::start().await?, async |h| {
        open_handover(h, "mgarcia").await?;
        choose_successor(h, "zoe", "will take the work over").await?;
        // The ticket expires after the first transfers; the answer of the tasks' transfer is
        // lost after the server carried it out.
        h.set_faults(json!({ "latency_ms": 120, "lose_answer_rate": 1.0, "only_ops": ["TransferUserTasks"] }))
            .await?;
        h.click("#handover-run").await?;
        h.wait_text("#handover-step-TransferUserGroupMemberships", "Done").await?;
        h.control("POST", "/_emulator/expire", json!({ "user": "admin" })).await?;
        h.find("#reauth-password").await?;
        h.fill("#reauth-password", ADMIN.1).await?;
        h.click(".dialog button[type=submit]").await?;
        let stopped = h.wait_text("#handover-stopped", "No answer came").await?;
        assert!(stopped.contains("Go on asks the server"), "{stopped}");
        assert_eq!(
            attr(h, "#handover-step-TransferUserTasks", "data-status").await?.as_deref(),
            Some("sent")
        );
        // A reload: the record comes back from the tab, the server decides the lost one.
        h.clear_faults().await?;
        h.goto("/users/mgarcia/hand-over").await?;
        h.find("#handover-go-on").await?;
        assert_eq!(
            attr(h, "#handover-step-TransferUserGroupMemberships", "data-status").await?.as_deref(),
            Some("done"),
            "what was done is still known"
        );
        h.click("#handover-go-on").await?;
        wait_done(h, 13).await?;
        h.wait_text("#handover-step-TransferUserTasks", "answer was lost").await?;
        let log = h.request_log().await?;
        let mut once = applied(&log);
        once.sort();
        let mut all = TRANSFERS.map(str::to_string).to_vec();
        all.sort();
        assert_eq!(once, all, "each transfer applied exactly once: {log:#?}");
        let zoe = holdings(h, "zoe").await?;
        assert!(!list(&zoe, "open_tasks").is_empty(), "the lost transfer was carried out");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_failed_membership_holds_the_moves_back_until_it_is_retried() -> Result<()> {
    run(Harness::start().await?, async |h| {
        open_handover(h, "mgarcia").await?;
        h.set_faults(json!({ "missing_ops": ["TransferUserGroupMemberships"] }))
            .await?;
        choose_successor(h, "zoe", "will take the work over").await?;
        h.clear_log().await?;
        h.click("#handover-run").await?;
        let said = h
            .wait_text("#handover-progress", "11 more wait until the memberships")
            .await?;
        assert!(said.starts_with("1 of 13 transfers to zoe done"), "{said}");
        assert_eq!(
            applied(&h.request_log().await?),
            ["TransferUserDomainMemberships"],
            "nothing moved before the successor is let in"
        );
        assert_eq!(
            attr(h, "#handover-step-TransferUserTasks", "data-status")
                .await?
                .as_deref(),
            Some("waiting")
        );
        h.clear_faults().await?;
        h.click("#handover-retry").await?;
        wait_done(h, 13).await?;
        let mut once = applied(&h.request_log().await?);
        once.sort();
        let mut all = TRANSFERS.map(str::to_string).to_vec();
        all.sort();
        assert_eq!(once, all, "each transfer applied once");
        Ok(())
    })
    .await
}
