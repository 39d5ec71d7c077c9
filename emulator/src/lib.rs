//! A faithful emulator of infoRouter's `srv.asmx` for the console's demo and tests, built from
//! the vendor's pages. Written apart from the console's protocol code on purpose: sharing
//! types would let one misreading of the pages pass every test.

mod control;
mod faults;
mod ops;
mod params;
mod prefs_xml;
mod server;
mod state;
mod store;
mod xml_out;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, bail};

pub use faults::Faults;

pub struct Config {
    pub listen: SocketAddr,
    pub static_dir: Option<PathBuf>,
    pub fixture: Option<PathBuf>,
    pub ticket_ttl: Duration,
    pub control: bool,
    pub faults: Faults,
    pub seed: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            static_dir: None,
            fixture: None,
            ticket_ttl: Duration::from_secs(30 * 24 * 3600),
            control: false,
            faults: Faults::default(),
            seed: 1,
        }
    }
}

pub struct Running {
    pub addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
    pub async fn shutdown(self) {
        self.task.abort();
        let _ = self.task.await;
    }
}

/// Binds (port 0 picks a free one), starts serving on the current tokio runtime, and returns.
/// Only loopback addresses are accepted: the emulator is for this machine alone.
pub async fn start(config: Config) -> anyhow::Result<Running> {
    if !config.listen.ip().is_loopback() {
        bail!(
            "the emulator listens on loopback only (127.0.0.1), not {}",
            config.listen.ip()
        );
    }
    let fixture = match &config.fixture {
        Some(path) => std::fs::read_to_string(path)
            .with_context(|| format!("cannot read fixture {}", path.display()))?,
        None => store::DEFAULT_FIXTURE.to_string(),
    };
    let store = store::Store::from_fixture(&fixture).context("the fixture is not valid")?;
    if let Some(dir) = &config.static_dir
        && !dir.join("index.html").exists()
    {
        bail!(
            "no index.html in {}: build the console first",
            dir.display()
        );
    }
    let shared = Arc::new(server::Shared {
        state: Mutex::new(state::State::new(store, config.ticket_ttl)),
        faults: Mutex::new(config.faults),
        rng: Mutex::new(faults::Rng::new(config.seed)),
        log: Mutex::new(Vec::new()),
        access: Mutex::new(Vec::new()),
        fixture,
        seed: config.seed,
    });
    let app = server::router(shared, config.control, config.static_dir);
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let addr = listener.local_addr()?;
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok(Running { addr, task })
}
