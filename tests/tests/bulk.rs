//! Bulk changes end to end: CSV in, preview, run with progress, per-row results; failures
//! injected and the ticket expiring mid-run; the request log proves each row applied once.

use std::collections::HashMap;
use std::time::Duration;

use console_e2e::bulk::{paste, successes, wait_finished};
use console_e2e::forms::wait_focus;
use console_e2e::*;
use serde_json::json;

#[tokio::test]
async fn csv_preview_then_run_with_per_row_results() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(ADMIN).await?;
        h.goto("/bulk").await?;
        paste(
            h,
            "User Name;E-mail;Status;Notification;Rename to;Favourite colour\n\
         jdoe;john.new@example.com;;;;blue\n\
         asmith;;disabled;;;\n\
         bwilson;;;daily report;;\n\
         mgarcia;maria.garcia@example.com;;;;\n\
         nobody;x@example.com;;;;\n\
         jdoe;other@example.com;;;;\n\
         user0002;;;;user0003;\n\
         user0004;not-an-email;;;;\n",
        )
        .await?;
        h.click("#bulk-read").await?;
        // The unknown column gets a mapping step; it is left ignored.
        h.wait_text("#mapping-title", "Columns").await?;
        assert!(h.find("select.unmapped").await.is_ok());
        h.click("#bulk-preview").await?;
        let summary = h.wait_text("#bulk-summary", "rows:").await?;
        assert_eq!(
            summary, "8 rows: 3 to change, 0 changed, 1 unchanged, 0 failed, 4 skipped.",
            "{summary}"
        );
        h.client()
            .execute(
                "document.getElementById('run-title').scrollIntoView()",
                vec![],
            )
            .await?;
        h.screenshot("bulk-preview-light").await?;
        assert_eq!(h.axe_violations().await?, Vec::<String>::new());
        let table = h.find("#bulk-rows").await?.text().await?;
        assert!(
            table.contains("john.doe@example.com → john.new@example.com"),
            "{table}"
        );
        assert!(
            table.contains("Line 6") || table.contains("line 2"),
            "the duplicate names the first line: {table}"
        );
        // A row's cells are cut to one line; its line's button shows them in full, by keyboard
        // too.
        let line_button = h.find("button[aria-label='Line 2 in full']").await?;
        line_button.send_keys("\u{E007}").await?;
        let full = h.wait_text("#bulk-row-full", "Line 2").await?;
        wait_focus(h, "bulk-row-full-panel").await?;
        assert!(
            full.contains("jdoe") && full.contains("john.doe@example.com → john.new@example.com"),
            "{full}"
        );
        h.screenshot("bulk-row-full-light").await?;
        assert_eq!(h.axe_violations().await?, Vec::<String>::new());
        h.click("#bulk-row-full-close").await?;
        h.wait_text_gone("#bulk-row-full", "Line 2").await?;
        wait_focus(h, "bulk-rows").await?;
        h.clear_log().await?;
        // Nothing was sent before confirming.
        assert!(h.request_log().await?.is_empty());

        h.click("#bulk-apply").await?;
        h.click("#bulk-confirm").await?;
        let done = wait_finished(h, Duration::from_secs(20)).await?;
        assert_eq!(
            done,
            "8 rows: 0 to change, 3 changed, 1 unchanged, 0 failed, 4 skipped."
        );
        h.client()
            .execute(
                "document.getElementById('run-title').scrollIntoView()",
                vec![],
            )
            .await?;
        h.screenshot("bulk-results-light").await?;
        assert_eq!(h.axe_violations().await?, Vec::<String>::new());

        let log = h.request_log().await?;
        assert_eq!(
            successes(&log, "UpdateUserEmail"),
            HashMap::from([("jdoe".to_string(), 1)])
        );
        assert_eq!(
            successes(&log, "ChangeUserStatus"),
            HashMap::from([("asmith".to_string(), 1)])
        );
        let prefs = calls(&log, "UpdateUserPreferences");
        assert_eq!(prefs.len(), 1);
        let sent = param(prefs[0], "xmlPreferences").unwrap_or_default();
        assert!(
            sent.contains(r#" NotificationType="DAILY REPORT""#)
                && sent.matches("=\"").count() == 7,
            "the complete block, re-read before sending, with the row's change: {sent}"
        );
        assert!(
            calls(&log, "UpdateUserProfile").is_empty(),
            "the clashing rename was never sent"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn failures_and_an_expired_ticket_mid_run_apply_every_row_exactly_once() -> anyhow::Result<()>
{
    let started = Harness::start_with(|c| c.faults.latency_ms = 15, false).await?;
    run(started, async |h| {
        h.sign_in(ADMIN).await?;
        h.goto("/bulk").await?;
        let mut csv = String::from("user_name,enabled\n");
        let users: Vec<String> = (1..=120)
            .filter(|n| n % 10 != 9)
            .map(|n| format!("user{n:04}"))
            .collect();
        for u in &users {
            csv.push_str(&format!("{u},no\n"));
        }
        paste(h, &csv).await?;
        h.click("#bulk-read").await?;
        h.click("#bulk-preview").await?;
        h.wait_text("#bulk-summary", &format!("{} to change", users.len()))
            .await?;
        h.replace_faults(
            json!({ "latency_ms": 15, "fail_500_rate": 0.15, "only_ops": ["ChangeUserStatus"] }),
        )
        .await?;
        h.clear_log().await?;
        h.click("#bulk-apply").await?;
        h.click("#bulk-confirm").await?;
        h.wait_text("#bulk-progress-text", "sent").await?;
        // Mid-run the ticket expires: the run waits for a new sign-in and carries on.
        tokio::time::sleep(Duration::from_millis(300)).await;
        h.control("POST", "/_emulator/expire", json!({ "user": "admin" }))
            .await?;
        h.find("#reauth-password").await?;
        h.fill("#reauth-password", ADMIN.1).await?;
        h.click(".dialog button[type=submit]").await?;
        let done = wait_finished(h, Duration::from_secs(60)).await?;
        assert!(
            !done.contains(" 0 failed"),
            "some rows failed under injected faults: {done}"
        );
        // Retry the failed rows with the faults gone.
        h.replace_faults(json!({})).await?;
        h.click("#bulk-retry").await?;
        let done = wait_finished(h, Duration::from_secs(60)).await?;
        assert_eq!(
            done,
            format!(
                "{n} rows: 0 to change, {n} changed, 0 unchanged, 0 failed, 0 skipped.",
                n = users.len()
            )
        );

        let log = h.request_log().await?;
        let applied = successes(&log, "ChangeUserStatus");
        assert_eq!(applied.len(), users.len(), "every row applied");
        assert!(
            applied.values().all(|n| *n == 1),
            "no row applied twice: {applied:?}"
        );
        assert!(
            calls(&log, "ChangeUserStatus")
                .iter()
                .any(|e| e["status"] == 500),
            "faults were injected"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_cancelled_run_counts_every_row_once() -> anyhow::Result<()> {
    let started = Harness::start_with(|c| c.faults.latency_ms = 100, false).await?;
    run(started, async |h| {
        h.sign_in(ADMIN).await?;
        h.goto("/bulk").await?;
        let mut csv = String::from("user_name,enabled\n");
        for n in 1..=100 {
            if n % 10 != 9 {
                csv.push_str(&format!("user{n:04},no\n"));
            }
        }
        paste(h, &csv).await?;
        h.click("#bulk-read").await?;
        h.click("#bulk-preview").await?;
        h.wait_text("#bulk-summary", "90 to change").await?;
        h.click("#bulk-apply").await?;
        h.click("#bulk-confirm").await?;
        h.wait_text("#bulk-progress-text", "sent").await?;
        h.click("#bulk-cancel").await?;
        h.wait_text("#run-title", "Cancelled").await?;
        // Rows in flight finish their call; then none is left waiting.
        let done = h
            .wait_text("#bulk-summary", "90 rows: 0 to change, ")
            .await?;
        // Every row is changed or skipped, none still waiting: the parts add up to 90.
        let number = |after: &str| -> usize {
            let part = done
                .trim_end_matches('.')
                .split(", ")
                .find(|p| p.ends_with(after))
                .unwrap_or("");
            part.split(' ')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(usize::MAX)
        };
        assert!(done.starts_with("90 rows: 0 to change, "), "{done}");
        let (changed, skipped) = (number("changed"), number("skipped"));
        assert!(skipped > 0, "cancelled before the end: {done}");
        assert_eq!(changed + skipped, 90, "{done}");
        let log = h.request_log().await?;
        assert_eq!(successes(&log, "ChangeUserStatus").len(), changed);
        Ok(())
    })
    .await
}

#[tokio::test]
async fn an_unknown_header_can_be_chosen_as_the_user_name() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(ADMIN).await?;
        h.goto("/bulk").await?;
        paste(h, "Benutzer,enabled\njdoe,no\n").await?;
        h.click("#bulk-read").await?;
        h.wait_text("#mapping-title", "Columns").await?;
        // Not chosen yet: the preview says what is missing and sends nothing.
        h.clear_log().await?;
        h.click("#bulk-preview").await?;
        h.wait_text("#bulk-error", "No column holds the user name")
            .await?;
        assert!(h.request_log().await?.is_empty());
        h.click("#map-0 option[value='user_name']").await?;
        h.click("#bulk-preview").await?;
        h.wait_text("#bulk-summary", "1 row: 1 to change").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn select_every_match_in_the_list_and_disable_them() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(ADMIN).await?;
        h.goto("/users?user=user00").await?;
        h.wait_text("#users-total", "of 99 users").await?;
        h.click("#select-all").await?;
        h.wait_text("#selected-count", "99 selected").await?;
        h.click("#disable-selected").await?;
        let summary = h.wait_text("#bulk-summary", "rows:").await?;
        // user0009, user0019, … are disabled already: 10 of 99.
        assert_eq!(
            summary,
            "99 rows: 89 to change, 0 changed, 10 unchanged, 0 failed, 0 skipped."
        );
        h.clear_log().await?;
        h.click("#bulk-apply").await?;
        h.click("#bulk-confirm").await?;
        wait_finished(h, Duration::from_secs(30)).await?;
        let applied = successes(&h.request_log().await?, "ChangeUserStatus");
        assert_eq!(applied.len(), 89);
        assert!(applied.values().all(|n| *n == 1));
        Ok(())
    })
    .await
}

/// What a spreadsheet reads as the start of a formula (OWASP).
const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The text of a `data:` URL.
async fn data_url_text(h: &Harness, href: &str) -> anyhow::Result<String> {
    let text = h
        .client()
        .execute(
            "const u = arguments[0]; return decodeURIComponent(u.slice(u.indexOf(',') + 1));",
            vec![json!(href)],
        )
        .await?;
    Ok(text.as_str().unwrap_or_default().to_string())
}

/// Clicks `css` with downloads replaced by a record of them, and returns the file's text.
async fn download(h: &Harness, css: &str) -> anyhow::Result<String> {
    h.client()
        .execute(
            "window.__downloads = [];
             HTMLAnchorElement.prototype.click = function () { window.__downloads.push(this.href); };",
            vec![],
        )
        .await?;
    h.click(css).await?;
    let href = h
        .client()
        .execute("return window.__downloads.pop() || ''", vec![])
        .await?;
    data_url_text(h, href.as_str().unwrap_or_default()).await
}

/// Every field as a spreadsheet reads it (RFC 4180: commas outside quotes split, quotes off).
fn spreadsheet_cells(text: &str) -> Vec<Vec<String>> {
    let mut records = vec![Vec::new()];
    let mut field = String::new();
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => records.last_mut().unwrap().push(std::mem::take(&mut field)),
            (false, '\n') => {
                records.last_mut().unwrap().push(std::mem::take(&mut field));
                records.push(Vec::new());
            }
            (false, c) => field.push(c),
        }
    }
    records.retain(|r| !r.is_empty());
    records
}

fn assert_no_formula(text: &str) {
    for cell in spreadsheet_cells(text).iter().flatten() {
        assert!(
            !cell.starts_with(FORMULA_TRIGGERS),
            "a spreadsheet would run {cell:?} in:\n{text}"
        );
    }
}

#[tokio::test]
async fn downloaded_csvs_hold_no_formula_and_read_back_as_they_were() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(ADMIN).await?;
        h.goto("/bulk").await?;
        let template_href = h
            .find("#bulk-template")
            .await?
            .attr("href")
            .await?
            .unwrap_or_default();
        assert_no_formula(&data_url_text(h, &template_href).await?);

        let attack = r#"=HYPERLINK("http://attacker.example/","open")"#;
        paste(
            h,
            &format!(
                "user_name,last_name\n\"{}\",Doe\nmgarcia,@SUM(1+1)\n",
                attack.replace('"', "\"\"")
            ),
        )
        .await?;
        h.click("#bulk-read").await?;
        h.click("#bulk-preview").await?;
        h.wait_text("#bulk-summary", "1 to change").await?;
        h.click("#bulk-apply").await?;
        h.click("#bulk-confirm").await?;
        let done = wait_finished(h, Duration::from_secs(20)).await?;
        assert!(
            done.contains("1 changed") && done.contains("1 skipped"),
            "{done}"
        );

        let results = download(h, "#bulk-download").await?;
        assert_no_formula(&results);
        let cells = spreadsheet_cells(&results);
        assert_eq!(
            cells[1][1],
            format!("'{attack}"),
            "shown as text: {results}"
        );
        assert!(cells[2][7].ends_with("→ @SUM(1+1)"), "{results}");

        // Read back into the console, the names are what they were.
        paste(h, &results).await?;
        h.click("#bulk-read").await?;
        h.click("#bulk-preview").await?;
        let summary = h.wait_text("#bulk-summary", "rows:").await?;
        assert!(summary.starts_with("2 rows:"), "{summary}");
        let table = h.find("#bulk-rows").await?.text().await?;
        assert!(table.contains(attack), "{table}");
        assert!(!table.contains(&format!("'{attack}")), "{table}");
        Ok(())
    })
    .await
}
