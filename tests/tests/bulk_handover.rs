//! Many leavers at once (issue 19): `handover` rows in a CSV and a selection from the user
//! list, each with one successor. The preview shows what each leaver holds; the runner sends
//! every transfer once per leaver, memberships first, then disables where asked. The request
//! log proves it.

use std::collections::HashMap;
use std::time::Duration;

use console_e2e::bulk::{paste, successes, wait_finished};
use console_e2e::forms::no_axe_violations;
use console_e2e::*;
use serde_json::{Value, json};

/// The TransferUser* calls the server carried out for `leaver`, in order.
fn transfers_of(log: &[Value], leaver: &str) -> Vec<String> {
    log.iter()
        .filter(|e| e["success"] == true)
        .filter(|e| param(e, "fromUserName") == Some(leaver))
        .filter_map(|e| e["operation"].as_str().map(str::to_string))
        .collect()
}

#[tokio::test]
async fn a_csv_hands_two_leavers_over_and_refuses_the_rows_it_cannot_run() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(ADMIN).await?;
        h.goto("/bulk").await?;
        paste(
            h,
            "action,user_name,successor,enabled\n\
             handover,mgarcia,zoe,FALSE\n\
             handover,asmith,jdoe,\n\
             handover,bwilson,bwilson,\n\
             handover,obrien,leaver,\n\
             update,jdoe,zoe,\n",
        )
        .await?;
        h.click("#bulk-read").await?;
        h.wait_text("#mapping-title", "Columns").await?;
        h.click("#bulk-preview").await?;
        let summary = h.wait_text("#bulk-summary", "rows:").await?;
        assert!(summary.starts_with("5 rows: 2 to hand over"), "{summary}");
        assert!(summary.contains("3 skipped"), "{summary}");
        // What each leaver holds comes into the preview as it is read.
        h.wait_text("#bulk-rows", "Hand over to zoe, then disable. Holds: ")
            .await?;
        h.wait_text("#bulk-rows", "Hand over to jdoe. Holds: ")
            .await?;
        h.wait_text("#bulk-rows", "checked-out documents").await?;
        forms::select(h, "#bulk-filter", "skipped").await?;
        let skipped = h.wait_text("#bulk-rows", "Line 4").await?;
        for reason in [
            "someone other than the person leaving",
            "disabled",
            "only a handover row",
        ] {
            assert!(skipped.contains(reason), "{reason}: {skipped}");
        }
        forms::select(h, "#bulk-filter", "all").await?;
        no_axe_violations(h).await?;
        h.screenshot("bulk-handover-preview").await?;

        h.clear_log().await?;
        h.click("#bulk-apply").await?;
        h.click("#bulk-confirm").await?;
        let summary = wait_finished(h, Duration::from_secs(60)).await?;
        assert!(summary.contains("2 handed over"), "{summary}");
        assert!(summary.contains("0 failed"), "{summary}");
        let log = h.request_log().await?;
        let order: Vec<String> = transfers_of(&log, "mgarcia");
        assert_eq!(order.len(), 13, "{order:?}");
        assert_eq!(
            order[0], "TransferUserDomainMemberships",
            "memberships first"
        );
        assert_eq!(order[1], "TransferUserGroupMemberships");
        for leaver in ["mgarcia", "asmith"] {
            let mut sent: HashMap<String, usize> = HashMap::new();
            for op in transfers_of(&log, leaver) {
                *sent.entry(op).or_default() += 1;
            }
            assert_eq!(sent.len(), 13, "{leaver}: {sent:?}");
            assert!(sent.values().all(|&n| n == 1), "{leaver}: {sent:?}");
        }
        assert_eq!(
            successes(&log, "ChangeUserStatus"),
            HashMap::from([("mgarcia".to_string(), 1)]),
            "only the row that asked is disabled"
        );
        // Warnings are results of their own, in full.
        let table = h.find("#bulk-rows").await?.text().await?;
        assert!(
            table.contains("with the server's warning: checked-out documents: Some"),
            "{table}"
        );
        h.screenshot("bulk-handover-results").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_selection_from_the_list_goes_to_one_successor_and_each_transfer_goes_once()
-> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(ADMIN).await?;
        h.goto("/users?email=corp.example.com").await?;
        h.wait_text("#users-table", "bwilson").await?;
        for who in ["asmith", "bwilson"] {
            let checkbox = format!("input[aria-label='Select {who}']");
            h.click(&checkbox).await?;
        }
        h.wait_text("#selected-count", "2 selected").await?;
        h.click("#handover-selected").await?;
        h.fill("#handover-selected-successor", "nobody-here")
            .await?;
        h.click("#handover-selected-confirm").await?;
        h.wait_text(
            "#handover-selected-error",
            "There is no user named nobody-here",
        )
        .await?;
        no_axe_violations(h).await?;
        // One of the leavers cannot take the others' work: refused before anything is read.
        h.clear_log().await?;
        h.fill("#handover-selected-successor", "BWilson").await?;
        h.click("#handover-selected-confirm").await?;
        h.wait_text(
            "#handover-selected-error",
            "BWilson is one of the selected users",
        )
        .await?;
        assert!(calls(&h.request_log().await?, "GetUser").is_empty());
        h.fill("#handover-selected-successor", "zoe").await?;
        h.click("#handover-selected-confirm").await?;
        let summary = h.wait_text("#bulk-summary", "rows:").await?;
        assert!(summary.starts_with("2 rows: 2 to hand over"), "{summary}");
        h.wait_text("#bulk-rows", "Holds: ").await?;
        // The answers of the check-outs' transfers are lost after the server carried them
        // out: those rows fail, and the retry asks the server before sending anything again.
        h.set_faults(json!({
            "lose_answer_rate": 1.0,
            "only_ops": ["TransferUserCheckedOutDocuments"],
        }))
        .await?;
        h.clear_log().await?;
        h.click("#bulk-apply").await?;
        h.click("#bulk-confirm").await?;
        let summary = wait_finished(h, Duration::from_secs(60)).await?;
        assert!(summary.contains("2 failed"), "{summary}");
        h.clear_faults().await?;
        h.click("#bulk-retry").await?;
        let summary = wait_finished(h, Duration::from_secs(60)).await?;
        assert!(summary.contains("2 handed over"), "{summary}");
        let log = h.request_log().await?;
        for leaver in ["asmith", "bwilson"] {
            let mut sent: HashMap<String, usize> = HashMap::new();
            for op in transfers_of(&log, leaver) {
                *sent.entry(op).or_default() += 1;
            }
            assert_eq!(sent.len(), 13, "{leaver}: {sent:?}");
            assert!(
                sent.values().all(|&n| n == 1),
                "each applied once: {leaver}: {sent:?}"
            );
        }
        assert_eq!(
            successes(&log, "ChangeUserStatus").len(),
            2,
            "both disabled afterwards (the default)"
        );
        Ok(())
    })
    .await
}
