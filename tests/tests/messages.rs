//! Failures are told in plain words: no server internals (exception names, HTML error pages,
//! parser errors) in the message a person reads. The technical detail (operation, HTTP status,
//! what the server said) sits behind a closed "Details" disclosure with a copy button, and in
//! the `detail` column of the bulk results download.

use anyhow::{Result, bail};
use console_e2e::*;
use serde_json::{Value, json};

const ENTER: &str = "\u{e007}";

/// What the server's own texts look like; none of it may reach the plain message.
const INTERNALS: [&str; 9] = [
    "System.",
    "Exception",
    "not well-formed",
    "Server Error",
    "Runtime Error",
    "Object reference",
    "HTTP",
    "500",
    "byte ",
];

fn assert_plain(message: &str) {
    assert!(!message.trim().is_empty(), "a message is shown");
    for internal in INTERNALS {
        assert!(
            !message.contains(internal),
            "the message shows {internal:?}: {message}"
        );
    }
}

/// The whole text of an element, shown or not (a closed `<details>` hides its body).
async fn text_content(h: &Harness, css: &str) -> Result<String> {
    Ok(h.find(css)
        .await?
        .prop("textContent")
        .await?
        .unwrap_or_default())
}

async fn is_open(h: &Harness, details: &str) -> Result<bool> {
    Ok(h.find(details).await?.prop("open").await?.as_deref() == Some("true"))
}

/// Opens a closed disclosure with the keyboard: focus on its summary, then Enter.
async fn open_with_keyboard(h: &Harness, details: &str) -> Result<()> {
    assert!(!is_open(h, details).await?, "{details} starts closed");
    let summary = format!("{details} > summary");
    let focused = h
        .client()
        .execute(
            "const s = document.querySelector(arguments[0]); s.focus(); return document.activeElement === s;",
            vec![json!(summary)],
        )
        .await?;
    assert_eq!(
        focused,
        Value::Bool(true),
        "the summary takes keyboard focus"
    );
    h.find(&summary).await?.send_keys(ENTER).await?;
    for _ in 0..100 {
        if is_open(h, details).await? {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    bail!("{details} did not open with Enter")
}

/// Clicks the copy button, waits for "Copied", and returns what the clipboard holds when the
/// browser lets the test read it (`None` when reading is refused).
async fn copy(h: &Harness, details: &str) -> Result<Option<String>> {
    h.click(&format!("{details} .error-details-copy")).await?;
    h.wait_text(&format!("{details} .error-details-copied"), "Copied")
        .await?;
    let read = h
        .client()
        .execute_async(
            "const done = arguments[arguments.length - 1];
             navigator.clipboard.readText().then(t => done({ text: t }), e => done({ refused: String(e) }));",
            vec![],
        )
        .await?;
    Ok(read["text"].as_str().map(str::to_string))
}

#[tokio::test]
async fn a_failing_save_says_what_to_do_and_keeps_the_details_for_an_administrator() -> Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(JDOE).await?;
        h.wait_text("#fact-user-name", "jdoe").await?;
        h.find("#email-new").await?;
        // The W3C WebDriver "Set Permission" command (chromedriver has it), to read the
        // clipboard back.
        let grant = |name: &str| console::SessionPost {
            path: "permissions",
            body: json!({ "descriptor": { "name": name }, "state": "granted" }),
        };
        let can_read_clipboard = h.client().issue_cmd(grant("clipboard-read")).await.is_ok();
        let _ = h.client().issue_cmd(grant("clipboard-write")).await;

        // The server fails with its HTML error page.
        h.replace_faults(json!({ "fail_500_rate": 1.0, "only_ops": ["UpdateUserEmail"] }))
            .await?;
        h.fill("#email-new", "john.failing@example.com").await?;
        h.click("#email-save").await?;
        let message = h
            .wait_text("#email-status [role=alert]", "Try again")
            .await?;
        assert_plain(&message);
        assert!(message.contains("administrator"), "{message}");

        let details = "#email-status details.error-details";
        assert_eq!(
            h.find(&format!("{details} > summary"))
                .await?
                .text()
                .await?,
            "Details"
        );
        assert!(
            h.client()
                .find(fantoccini::Locator::Css(
                    "#email-status [role=alert] details"
                ))
                .await
                .is_err(),
            "the alert holds the message only"
        );
        open_with_keyboard(h, details).await?;
        let detail = text_content(h, &format!("{details} .error-details-text")).await?;
        assert!(
            detail.contains("Operation: UpdateUserEmail"),
            "the operation: {detail}"
        );
        assert!(detail.contains("HTTP status: 500"), "the status: {detail}");
        assert!(
            detail.contains("Server said: ")
                && detail.contains("Server Error in '/' Application.")
                && detail.contains("Runtime Error"),
            "the server's text: {detail}"
        );
        let copy_label = h
            .find(&format!("{details} .error-details-copy"))
            .await?
            .text()
            .await?;
        assert!(copy_label.contains("administrator"), "{copy_label}");
        assert_eq!(h.axe_violations().await?, Vec::<String>::new());
        h.screenshot("operation-error-details-light").await?;
        match copy(h, details).await? {
            Some(copied) => assert_eq!(copied, detail, "the clipboard holds the details"),
            None => assert!(
                !can_read_clipboard,
                "the clipboard could not be read although permission was granted"
            ),
        }

        // A broken answer: no parser text in the message, the problem in the details.
        h.replace_faults(json!({ "malformed_rate": 1.0, "only_ops": ["UpdateUserEmail"] }))
            .await?;
        h.click("#email-save").await?;
        let message = h
            .wait_text("#email-status [role=alert]", "cannot read")
            .await?;
        assert_plain(&message);
        let detail = text_content(h, &format!("{details} .error-details-text")).await?;
        assert!(
            detail.contains("Operation: UpdateUserEmail") && detail.contains("Problem: "),
            "{detail}"
        );
        assert!(detail.contains("HTTP status: 200"), "{detail}");

        // A success clears the message and its details.
        h.replace_faults(json!({})).await?;
        h.click("#email-save").await?;
        h.wait_text("#email-status", "Email saved.").await?;
        assert!(
            h.client()
                .find(fantoccini::Locator::Css(details))
                .await
                .is_err(),
            "no details after a success"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_wrong_password_needs_no_details() -> Result<()> {
    run(Harness::start().await?, async |h| {
        h.goto("/").await?;
        h.fill("#sign-in-user", "jdoe").await?;
        h.fill("#sign-in-password", "wrong").await?;
        h.click("form button[type=submit]").await?;
        h.wait_text("#sign-in-error", "user name or password is wrong")
            .await?;
        assert!(
            h.client()
                .find(fantoccini::Locator::Css("details.error-details"))
                .await
                .is_err()
        );
        Ok(())
    })
    .await
}

/// Replaces downloads by a record of them, so the test can read the file the console offers.
async fn capture_downloads(h: &Harness) -> Result<()> {
    h.client()
        .execute(
            "window.__downloads = [];
             HTMLAnchorElement.prototype.click = function () {
               window.__downloads.push([this.getAttribute('download'), this.href]);
             };",
            vec![],
        )
        .await?;
    Ok(())
}

/// The text of the last captured download (a `data:` URL).
async fn last_download(h: &Harness) -> Result<(String, String)> {
    let got = h
        .client()
        .execute(
            "const d = window.__downloads[window.__downloads.length - 1];
             return d ? [d[0], decodeURIComponent(d[1].slice(d[1].indexOf(',') + 1))] : null;",
            vec![],
        )
        .await?;
    match got.as_array().map(Vec::as_slice) {
        Some([name, text]) => Ok((
            name.as_str().unwrap_or_default().to_string(),
            text.as_str().unwrap_or_default().to_string(),
        )),
        _ => bail!("nothing was downloaded"),
    }
}

/// A small RFC 4180 reader: records of fields, quotes taken off.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

#[tokio::test]
async fn a_failed_bulk_row_is_plain_on_screen_and_detailed_in_the_results_csv() -> Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(ADMIN).await?;
        h.goto("/bulk").await?;
        h.find("#bulk-text").await?;
        h.client()
            .execute(
                "const t = document.getElementById('bulk-text'); t.value = arguments[0]; t.dispatchEvent(new Event('input', { bubbles: true }));",
                vec![json!(
                    "user_name,email\njdoe,john.bulk@example.com\nmgarcia,maria.bulk@example.com\n"
                )],
            )
            .await?;
        h.click("#bulk-read").await?;
        h.click("#bulk-preview").await?;
        h.wait_text("#bulk-summary", "2 to change").await?;
        h.replace_faults(json!({ "fail_500_rate": 1.0, "only_ops": ["UpdateUserEmail"] }))
        .await?;
        h.click("#bulk-apply").await?;
        h.click("#bulk-confirm").await?;
        h.wait_text("#run-title", "Results").await?;
        h.wait_text("#bulk-summary", "2 failed").await?;

        let cell = "#bulk-rows td.result.failed";
        let shown = h
            .find(&format!("{cell} .result-text"))
            .await?
            .text()
            .await?;
        assert!(shown.starts_with("Failed at UpdateUserEmail: "), "{shown}");
        assert_plain(shown.trim_start_matches("Failed at UpdateUserEmail: "));
        let details = format!("{cell} details.error-details");
        open_with_keyboard(h, &details).await?;
        let detail = text_content(h, &format!("{details} .error-details-text")).await?;
        assert!(
            detail.contains("Operation: UpdateUserEmail") && detail.contains("HTTP status: 500"),
            "{detail}"
        );
        assert!(detail.contains("Runtime Error"), "{detail}");
        assert_eq!(h.axe_violations().await?, Vec::<String>::new());

        capture_downloads(h).await?;
        h.click("#bulk-download").await?;
        let (name, csv) = last_download(h).await?;
        assert_eq!(name, "inforouter-bulk-results.csv");
        let rows = parse_csv(&csv);
        assert_eq!(
            rows[0],
            [
                "line",
                "user_name",
                "final_user_name",
                "result",
                "operation",
                "reason",
                "detail",
                "changes"
            ]
        );
        assert_eq!(rows.len(), 3, "{csv}");
        for row in &rows[1..] {
            assert_eq!(row[3], "failed", "{row:?}");
            assert_eq!(row[4], "UpdateUserEmail", "{row:?}");
            assert_plain(&row[5]);
            assert!(
                row[6].contains("Operation: UpdateUserEmail")
                    && row[6].contains("HTTP status: 500")
                    && row[6].contains("Runtime Error"),
                "the detail column: {row:?}"
            );
        }
        Ok(())
    })
    .await
}
