//! A faithful emulator of infoRouter's `srv.asmx` for the console's demo and tests, built from
//! the vendor's pages. Written apart from the console's protocol code on purpose: sharing
//! types would let one misreading of the pages pass every test.

mod control;
mod dates;
mod directory;
mod faults;
mod forward;
mod holdings;
mod holdings_fixture;
mod ops;
mod params;
mod policy;
mod prefs_xml;
mod server;
mod state;
mod static_site;
mod store;
mod world;
mod xml_out;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, bail};

pub use faults::Faults;
pub use policy::{COMMON_PASSWORDS, PasswordPolicy, RePrompt};

pub struct Config {
    pub listen: SocketAddr,
    pub static_dir: Option<PathBuf>,
    pub fixture: Option<PathBuf>,
    pub ticket_ttl: Duration,
    pub control: bool,
    pub faults: Faults,
    pub seed: u64,
    /// Answer srv.asmx under this path prefix, e.g. `/infoRouter` for `/infoRouter/srv.asmx`
    /// (as IIS does, so a reverse proxy can pass URIs unchanged). `None`: at `/srv.asmx`.
    pub service_prefix: Option<String>,
    /// Forward srv.asmx calls to this infoRouter (`http(s)://host[:port][/path]`, calls go to
    /// `<upstream>/srv.asmx…`) instead of emulating it.
    pub upstream: Option<String>,
    /// The password policy GetAuthenticationAndPasswordPolicy reports and CreateUser and
    /// ChangeUserPassword enforce (re-prompt on user delete is `faults.reprompt_user_delete`).
    pub password_policy: PasswordPolicy,
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
            service_prefix: None,
            upstream: None,
            password_policy: PasswordPolicy::default(),
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
    let world = world::World::from_fixture(&fixture, &store).context("the fixture is not valid")?;
    let static_site = config
        .static_dir
        .map(static_site::StaticSite::new)
        .transpose()?;
    let service = format!(
        "{}/srv.asmx",
        service_prefix(config.service_prefix.as_deref())?
    );
    let upstream = config
        .upstream
        .as_deref()
        .map(forward::Upstream::new)
        .transpose()?;
    let shared = Arc::new(server::Shared {
        state: Mutex::new(state::State::new(
            store,
            world,
            config.ticket_ttl,
            config.password_policy,
        )),
        faults: Mutex::new(config.faults),
        rng: Mutex::new(faults::Rng::new(config.seed)),
        log: Mutex::new(Vec::new()),
        access: Mutex::new(Vec::new()),
        fixture,
        seed: config.seed,
    });
    let app = server::router(shared, config.control, static_site, &service, upstream);
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let addr = listener.local_addr()?;
    // An answer written in two segments would otherwise wait for the client's delayed ACK
    // (40 ms on Linux loopback) before its second part leaves: no real IIS answers that slowly.
    let listener = axum::serve::ListenerExt::tap_io(listener, |stream| {
        let _ = stream.set_nodelay(true);
    });
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok(Running { addr, task })
}

/// `/infoRouter` from `/infoRouter` or `/infoRouter/`; empty for none or `/`.
fn service_prefix(prefix: Option<&str>) -> anyhow::Result<String> {
    let Some(p) = prefix.map(|p| p.trim_end_matches('/')) else {
        return Ok(String::new());
    };
    let plain = |s: &str| {
        !s.is_empty()
            && s != "."
            && s != ".."
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._~".contains(c))
    };
    if !p.is_empty() && (!p.starts_with('/') || !p[1..].split('/').all(plain)) {
        bail!(
            "--service-prefix {p:?} must be a path such as /infoRouter (letters, digits and - . _ ~ between slashes)"
        );
    }
    Ok(p.to_string())
}
