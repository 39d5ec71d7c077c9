//! Benchmark, not a timed assertion: 1,000 and 10,000 status changes, and 100 leavers handed
//! over (13 transfers each), with the emulator adding 50 ms a call and 4 calls in parallel.
//! The bound is rows × calls per row × 50 ms / 4; the figures printed are the measured time and
//! its ratio to that bound. Run by scripts/test.

use std::time::{Duration, Instant};

use console_e2e::*;
use serde_json::json;

/// What a benchmark's sheet does.
#[derive(Clone, Copy)]
enum Work {
    /// One ChangeUserStatus a row.
    Status,
    /// Every TransferUser* call a row, to one successor.
    Handover,
}

impl Work {
    fn calls_per_row(self) -> usize {
        match self {
            Work::Status => 1,
            Work::Handover => 13,
        }
    }

    fn sheet(self, rows: usize) -> String {
        let mut csv = String::from(match self {
            Work::Status => "user_name,enabled\n",
            Work::Handover => "action,user_name,successor\n",
        });
        for n in 1..=rows {
            csv.push_str(&match self {
                // Every row is a real change: enabled users are disabled, disabled ones enabled.
                Work::Status => format!("user{n:04},{}\n", if n % 10 == 9 { "yes" } else { "no" }),
                Work::Handover => format!("handover,user{n:04},zoe\n"),
            });
        }
        csv
    }

    fn pending(self, rows: usize) -> String {
        match self {
            Work::Status => format!("{rows} to change"),
            Work::Handover => format!("{rows} to hand over"),
        }
    }
}

async fn measure(rows: usize, work: Work) -> anyhow::Result<()> {
    let fixture =
        std::env::temp_dir().join(format!("bench-fixture-{rows}-{}.json", std::process::id()));
    let base: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(
        repo_root().join("emulator/fixtures/users.json"),
    )?)?;
    let mut big = base.clone();
    big["generated"]["count"] = json!(rows.max(2000));
    std::fs::write(&fixture, big.to_string())?;
    let started = Harness::start_with(|c| c.fixture = Some(fixture.clone()), false).await?;
    let measured = run(started, async |h| {
        h.sign_in(ADMIN).await?;
        h.goto("/bulk").await?;
        let csv = work.sheet(rows);
        h.find("#bulk-text").await?;
        h.client()
            .execute("const t = document.getElementById('bulk-text'); t.value = arguments[0]; t.dispatchEvent(new Event('input', { bubbles: true }));", vec![json!(csv)])
            .await?;
        h.click("#bulk-read").await?;
        h.find("#bulk-preview").await?;
        h.wait_text("#bulk-timing", "Read").await?;
        h.replace_faults(json!({ "latency_ms": 50 }))
            .await?;
        let preview_started = Instant::now();
        h.click("#bulk-preview").await?;
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if h.find("#bulk-summary")
                .await?
                .text()
                .await?
                .contains(&work.pending(rows))
            {
                break;
            }
            anyhow::ensure!(Instant::now() < deadline, "preview did not finish");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // A hand-over's preview goes on to read what each leaver holds: the run starts after.
        while !h.find("#bulk-busy").await?.text().await?.is_empty() {
            anyhow::ensure!(Instant::now() < deadline, "the holdings were not read");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let previewed = preview_started.elapsed();
        let page_timing = h.find("#bulk-timing").await?.text().await?;
        h.click("#bulk-apply").await?;
        let started = Instant::now();
        h.click("#bulk-confirm").await?;
        let calls = rows * work.calls_per_row();
        let deadline = Instant::now() + Duration::from_secs(calls as u64 / 4 * 50 / 1000 * 3 + 60);
        // Polling the page costs it time, so poll rarely and take the page's own clock.
        loop {
            if h.find("#run-title").await?.text().await? == "Results" {
                break;
            }
            anyhow::ensure!(Instant::now() < deadline, "the run did not finish");
            tokio::time::sleep(Duration::from_millis(1000)).await;
        }
        let wall = started.elapsed().as_secs_f64();
        let progress = h.find("#bulk-progress-text").await?.text().await?;
        let took: f64 = progress
            .rsplit_once(" in ")
            .and_then(|(_, t)| t.trim_end_matches(" s").parse().ok())
            .ok_or_else(|| anyhow::anyhow!("no run time in {progress:?}"))?;
        anyhow::ensure!(
            took <= wall + 0.1,
            "the page's clock ({took} s) cannot exceed the wall clock ({wall} s)"
        );
        let bound = calls as f64 * 0.050 / 4.0;
        let summary = h.find("#bulk-summary").await?.text().await?;
        let what = match work {
            Work::Status => format!("{rows} status changes"),
            Work::Handover => format!("{rows} leavers × 13 transfers"),
        };
        println!(
            "bulk benchmark: {what} in {took:.2} s; bound {bound:.2} s (50 ms latency, concurrency 4); ratio {:.3}; preview (users read + plan) {:.2} s; in the page: {page_timing}; {summary}",
            took / bound,
            previewed.as_secs_f64()
        );
        Ok(())
    })
    .await;
    let _ = std::fs::remove_file(fixture);
    measured
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: run by scripts/test with --ignored"]
async fn bulk_1000_rows() -> anyhow::Result<()> {
    measure(1000, Work::Status).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: run by scripts/test with --ignored"]
async fn bulk_handover_100_leavers() -> anyhow::Result<()> {
    measure(100, Work::Handover).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: run by scripts/test with --ignored"]
async fn bulk_10000_rows() -> anyhow::Result<()> {
    measure(10_000, Work::Status).await
}
