//! Load test on loopback: bounded in request count and in time, prints requests per second
//! and latency percentiles. A benchmark that reports figures, not a timed assertion.
//!
//! `cargo bench -p inforouter-emulator --bench load` (LOAD_REQUESTS, LOAD_SECONDS,
//! LOAD_CONCURRENCY, LOAD_LATENCY_MS).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use inforouter_emulator::{Config, start};

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let total = env("LOAD_REQUESTS", 20_000);
    let seconds = env("LOAD_SECONDS", 30) as u64;
    let concurrency = env("LOAD_CONCURRENCY", 32);
    let mut config = Config {
        listen: "127.0.0.1:0".parse()?,
        ..Config::default()
    };
    config.faults.latency_ms = env("LOAD_LATENCY_MS", 0) as u64;
    let server = start(config).await?;
    assert!(server.addr.ip().is_loopback());
    let base = server.url();
    let client = reqwest::Client::new();

    let login = client
        .post(format!("{base}/srv.asmx/AuthenticateUser"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("UID=admin&PWD=Admin123%21")
        .send()
        .await?
        .text()
        .await?;
    let start_at = login.find("ticket=\"").expect("a ticket") + 8;
    let ticket = Arc::new(login[start_at..start_at + 36].to_string());

    let issued = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let began = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let (client, base, ticket, issued) =
            (client.clone(), base.clone(), ticket.clone(), issued.clone());
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0usize;
            loop {
                let n = issued.fetch_add(1, Ordering::Relaxed);
                if n >= total || Instant::now() >= deadline {
                    break;
                }
                // The console's mix: mostly reads, some listing, some updates.
                let (op, body) = match n % 10 {
                    0..=5 => ("GetUser", format!("authenticationTicket={ticket}&UserName=user{:04}", 1 + n % 2000)),
                    6 | 7 => ("GetAllUsers1", format!("authenticationTicket={ticket}&StartingRowNumber={}&NumbeOfRow=25&userNameFilter=user1&StatusFilter=-1&SortBy=1&SortAscending=true", n % 100)),
                    _ => ("UpdateUserEmail", format!("authenticationTicket={ticket}&UserName=user{:04}&NewEmailAddress=load{n}%40example.com", 1 + n % 2000)),
                };
                let sent = Instant::now();
                let ok = match client.post(format!("{base}/srv.asmx/{op}")).header("Content-Type", "application/x-www-form-urlencoded").body(body).send().await {
                    Ok(r) => r.text().await.map(|t| t.contains("success=\"true\"")).unwrap_or(false),
                    Err(_) => false,
                };
                latencies.push(sent.elapsed());
                errors += usize::from(!ok);
            }
            (latencies, errors)
        }));
    }
    let mut latencies = Vec::new();
    let mut errors = 0;
    for w in workers {
        let (l, e) = w.await?;
        latencies.extend(l);
        errors += e;
    }
    let elapsed = began.elapsed();
    latencies.sort();
    let pct = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    println!(
        "load: {} requests in {:.2} s with concurrency {concurrency}: {:.0} requests/s, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms, {errors} errors",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
    server.shutdown().await;
    Ok(())
}
