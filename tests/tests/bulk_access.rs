//! A person's place in the libraries in bulk (issue 18): columns that add and remove groups and
//! libraries and set the user type. The preview names each change and refuses unknown names
//! with the row and the reason; the request log shows the exact parameters, each sent once.

use std::time::Duration;

use console_e2e::bulk::{paste, wait_finished};
use console_e2e::forms::no_axe_violations;
use console_e2e::*;
use serde_json::Value;

/// The successful calls of `operation` as (parameter, value) lists, in order.
fn sent(log: &[Value], operation: &str, names: &[&str]) -> Vec<Vec<String>> {
    calls(log, operation)
        .into_iter()
        .filter(|e| e["success"] == true)
        .map(|e| {
            names
                .iter()
                .map(|n| param(e, n).unwrap_or("(absent)").to_string())
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn groups_libraries_and_type_change_in_bulk_and_unknown_names_are_refused()
-> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(ADMIN).await?;
        h.goto("/bulk").await?;
        paste(
            h,
            "user_name,add_groups,remove_groups,add_libraries,user_type\n\
             jdoe,finance/finance readers|Everyone Staff,,Old Projects,read-only\n\
             zoe,,Engineering/Release Managers,,\n\
             obrien,Nobody Group,,,\n\
             bwilson,,,Atlantis,\n\
             asmith,,,,boss\n",
        )
        .await?;
        h.click("#bulk-read").await?;
        h.wait_text("#mapping-title", "Columns").await?;
        h.click("#bulk-preview").await?;
        let summary = h.wait_text("#bulk-summary", "rows:").await?;
        assert!(summary.starts_with("5 rows: 2 to change"), "{summary}");
        assert!(summary.contains("3 skipped"), "{summary}");
        let table = h.find("#bulk-rows").await?.text().await?;
        for said in [
            "Add to groups: Finance Readers (Finance), Everyone Staff",
            "Add to libraries: Old Projects",
            "User type: author → read-only",
            "Remove from groups: Release Managers (Engineering)",
            "there is no global group “Nobody Group”",
            "there is no library “Atlantis”",
            "“boss” is not a user type",
        ] {
            assert!(table.contains(said), "{said}: {table}");
        }
        no_axe_violations(h).await?;
        h.clear_log().await?;
        h.click("#bulk-apply").await?;
        h.click("#bulk-confirm").await?;
        let summary = wait_finished(h, Duration::from_secs(30)).await?;
        assert!(summary.contains("2 changed"), "{summary}");
        assert!(summary.contains("0 failed"), "{summary}");
        let log = h.request_log().await?;
        let member = ["DomainName", "GroupName", "UserName"];
        assert_eq!(
            sent(&log, "AddUsergroupMember", &member),
            [["Finance", "Finance Readers", "jdoe"]],
            "jdoe is in Everyone Staff already: that refusal counts as done"
        );
        assert_eq!(
            sent(&log, "RemoveUsergroupMember", &member),
            [["Engineering", "Release Managers", "zoe"]]
        );
        assert_eq!(
            sent(&log, "AddUserAsDomainMember", &["DomainName", "UserName"]),
            [["Old Projects", "jdoe"]]
        );
        assert_eq!(
            sent(&log, "ChangeUserType", &["userName", "userType"]),
            [["jdoe", "2"]]
        );
        // A global group goes with an empty library name.
        let everyone: Vec<_> = calls(&log, "AddUsergroupMember")
            .into_iter()
            .filter(|e| param(e, "GroupName") == Some("Everyone Staff"))
            .collect();
        assert_eq!(everyone.len(), 1, "sent once: {everyone:?}");
        assert_eq!(param(everyone[0], "DomainName"), Some(""));
        Ok(())
    })
    .await
}
