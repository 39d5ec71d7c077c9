//! The bulk page's steps as a person takes them, and what the request log says of a run.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::{Harness, calls, param};

/// Puts `csv` into the paste box as a person pasting would (one input event).
pub async fn paste(h: &Harness, csv: &str) -> anyhow::Result<()> {
    h.find("#bulk-text").await?;
    h.client()
        .execute(
            "const t = document.getElementById('bulk-text'); t.value = arguments[0]; t.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![json!(csv)],
        )
        .await?;
    Ok(())
}

pub async fn wait_finished(h: &Harness, limit: Duration) -> anyhow::Result<String> {
    let deadline = Instant::now() + limit;
    loop {
        let title = h.find("#run-title").await?.text().await?;
        if title == "Results" {
            return Ok(h.find("#bulk-summary").await?.text().await?);
        }
        if Instant::now() > deadline {
            anyhow::bail!("the run did not finish in {limit:?}: {title}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Retries the failed rows (up to 8 times) until none fail; the last summary.
pub async fn retry_until_none_failed(h: &Harness, mut done: String) -> anyhow::Result<String> {
    for _ in 0..8 {
        if done.contains(" 0 failed") {
            break;
        }
        h.click("#bulk-retry").await?;
        tokio::time::sleep(Duration::from_millis(200)).await;
        done = wait_finished(h, Duration::from_secs(30)).await?;
    }
    Ok(done)
}

/// Successful calls of `op`, counted per user name.
pub fn successes(log: &[Value], op: &str) -> HashMap<String, usize> {
    let mut by_user = HashMap::new();
    for e in calls(log, op) {
        if e["success"] == true {
            let user = param(e, "UserName")
                .or_else(|| param(e, "userName"))
                .unwrap_or_default()
                .to_string();
            *by_user.entry(user).or_default() += 1;
        }
    }
    by_user
}
