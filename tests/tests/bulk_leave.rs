//! A bulk run ends with its page: leaving while it sends asks first; staying lets it go on;
//! leaving anyway stops new calls (the calls in flight finish) without a browser-console error.
//! Both kinds of run: one read from a CSV and one handed over from the user list's selection.

use std::time::Duration;

use console_e2e::bulk::paste;
use console_e2e::forms;
use console_e2e::*;

/// Per call, so that a run of 54 rows takes seconds and is caught in the middle.
const LATENCY_MS: u64 = 300;

fn status_changes(log: &[serde_json::Value]) -> usize {
    calls(log, "ChangeUserStatus").len()
}

/// How many rows the run is to send, from its summary ("54 rows: 49 to change, ...").
async fn to_change(h: &Harness) -> anyhow::Result<usize> {
    let summary = h.wait_text("#bulk-summary", "to change").await?;
    let n = summary
        .split(", ")
        .find_map(|part| part.strip_suffix(" to change"))
        .and_then(|part| part.rsplit(' ').next())
        .and_then(|n| n.parse().ok());
    n.ok_or_else(|| anyhow::anyhow!("no count to change in {summary}"))
}

/// Waits until the run has sent at least `n` status changes.
async fn wait_sent(h: &Harness, n: usize) -> anyhow::Result<usize> {
    for _ in 0..200 {
        let sent = status_changes(&h.request_log().await?);
        if sent >= n {
            return Ok(sent);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    anyhow::bail!("the run did not send {n} calls")
}

/// Clicks Users in the main navigation while the run sends: first says no to leaving (the run
/// goes on), then yes; then checks that no call follows those in flight.
async fn leave_mid_run(h: &Harness, total: usize) -> anyhow::Result<()> {
    h.click("#bulk-confirm").await?;
    wait_sent(h, 8).await?;
    let users_link = "nav.main-nav a[href$='/users']";

    h.click(users_link).await?;
    let question = h.client().get_alert_text().await?;
    assert!(question.contains("still being sent"), "{question}");
    h.client().dismiss_alert().await?;
    let before = status_changes(&h.request_log().await?);
    h.find("#bulk-pause").await?;
    assert!(
        wait_sent(h, before + 4).await? < total,
        "staying lets the run go on"
    );

    h.click(users_link).await?;
    h.client().accept_alert().await?;
    h.wait_text("#users-total", "users").await?;
    // The calls in flight when leaving finish within one latency; none starts after.
    tokio::time::sleep(Duration::from_millis(2 * LATENCY_MS)).await;
    let settled = status_changes(&h.request_log().await?);
    tokio::time::sleep(Duration::from_millis(8 * LATENCY_MS)).await;
    let later = status_changes(&h.request_log().await?);
    assert_eq!(later, settled, "no call after leaving");
    assert!(
        settled < total,
        "the run stopped: {settled} of {total} sent"
    );
    Ok(())
}

#[tokio::test]
async fn leaving_a_csv_run_asks_then_stops_sending() -> anyhow::Result<()> {
    let started = Harness::start_with(|c| c.faults.latency_ms = LATENCY_MS, false).await?;
    run(started, async |h| {
        h.sign_in(ADMIN).await?;
        h.goto("/bulk").await?;
        let mut csv = String::from("user_name,enabled\n");
        for n in 1..=54 {
            csv.push_str(&format!("user{n:04},no\n"));
        }
        paste(h, &csv).await?;
        h.click("#bulk-read").await?;
        h.click("#bulk-preview").await?;
        let total = to_change(h).await?;
        assert!(total >= 40, "most of the 54 users are enabled: {total}");
        h.clear_log().await?;
        // Escape closes the confirmation, sending nothing; the keyboard goes back to Apply.
        h.click("#bulk-apply").await?;
        forms::wait_focus(h, "bulk-confirm").await?;
        h.client()
            .active_element()
            .await?
            .send_keys(forms::ESCAPE)
            .await?;
        forms::wait_gone(h, "#bulk-confirm-panel").await?;
        forms::wait_focus(h, "bulk-apply").await?;
        assert!(h.request_log().await?.is_empty());
        h.click("#bulk-apply").await?;
        leave_mid_run(h, total).await
    })
    .await
}

#[tokio::test]
async fn leaving_a_run_from_the_list_selection_asks_then_stops_sending() -> anyhow::Result<()> {
    let started = Harness::start_with(|c| c.faults.latency_ms = LATENCY_MS, false).await?;
    run(started, async |h| {
        h.sign_in(ADMIN).await?;
        h.goto("/users?user=user00").await?;
        h.wait_text("#users-total", "of 99 users").await?;
        h.click("#select-all").await?;
        h.wait_text("#selected-count", "99 selected").await?;
        h.click("#disable-selected").await?;
        // user0009, user0019, … are disabled already.
        let total = to_change(h).await?;
        assert_eq!(total, 89);
        h.clear_log().await?;
        h.click("#bulk-apply").await?;
        leave_mid_run(h, total).await
    })
    .await
}
