//! End-to-end harness: one emulator (serving the built console) and one headless Chromium per
//! test, both on 127.0.0.1, so tests never share state.
//!
//! A test starts a harness and runs its body in it:
//! `run(Harness::start().await?, async |h| { ...; Ok(()) }).await`. The starters return a
//! [`Started`], which only [`run`] takes, so no test can leave out what `run` does at the end:
//! close the browser and fail the test on any browser-console problem. However a test ends,
//! even by a panic, dropping the harness kills chromedriver and Chromium.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use fantoccini::{Client, ClientBuilder, Locator};
use inforouter_emulator::{Config, Running};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

pub mod bulk;
pub mod console;
pub mod forms;
pub mod http;
pub mod nginx;

pub const ADMIN: (&str, &str) = ("admin", "Admin123!");
pub const JDOE: (&str, &str) = ("jdoe", "Secret123!");

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The built console the tests serve (CONSOLE_DIST, or dist/).
pub fn dist_dir() -> Result<PathBuf> {
    let dist = std::env::var_os("CONSOLE_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("dist"));
    if !dist.join("index.html").exists() {
        bail!(
            "no built console at {}: run scripts/test (it builds it with trunk first)",
            dist.display()
        );
    }
    Ok(dist)
}

pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: TempDir,
}

/// A scratch directory removed on drop (Chromium needs a fresh profile per run).
struct TempDir(PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

impl Browser {
    pub async fn launch(dark: bool) -> Result<Browser> {
        // Two TLS crypto providers are compiled in (see Cargo.toml): name the one to use.
        let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
        let driver_bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let port = free_port()?;
        let driver = Command::new(&driver_bin)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            // Its own process group, which Chromium's processes join: Drop kills the group.
            .process_group(0)
            .spawn()
            .with_context(|| {
                format!("cannot start {driver_bin}: install chromium-driver (scripts/test does)")
            })?;
        let profile =
            std::env::temp_dir().join(format!("e2e-chromium-{}-{port}", std::process::id()));
        let mut args = vec![
            "--headless=new".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-dev-shm-usage".into(),
            "--window-size=1280,900".into(),
            format!("--user-data-dir={}", profile.display()),
        ];
        if dark {
            args.push("--force-dark-mode".into());
            args.push("--blink-settings=preferredColorScheme=0".into());
        }
        let mut chrome = json!({ "args": args });
        if let Ok(bin) = std::env::var("CHROMIUM") {
            chrome["binary"] = json!(bin);
        }
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), chrome);
        // Every console message, CSP violations included, is kept for `console::check`.
        caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        let client = loop {
            match ClientBuilder::rustls()?
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(c) => break c,
                Err(e) if Instant::now() > deadline => bail!("chromedriver did not start: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        Ok(Browser {
            client,
            driver,
            _profile: TempDir(profile),
        })
    }

    /// Ends the session, which quits Chromium; Drop then ends chromedriver.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

/// However the test ended (a failure or a panic skips `close`), neither chromedriver nor any
/// Chromium process outlives it: they are one process group, killed as one.
impl Drop for Browser {
    fn drop(&mut self) {
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        // The driver itself, should there be no `kill` to run.
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

pub struct Harness {
    pub emulator: Running,
    pub browser: Browser,
    /// Where the console is: the emulator's origin, or nginx's origin plus the base path.
    console_url: String,
    /// The nginx in front, when the test runs through one; dropped (stopped) with the harness.
    _nginx: Option<nginx::Nginx>,
    /// A copy of the built console with edited deploy-time settings, removed with the harness.
    _site: Option<TempDir>,
}

/// A harness started for a test that has not run yet: [`run`] is the one way to use it.
#[must_use = "nothing runs until `run` is given the test"]
pub struct Started(Harness);

/// Runs the test in the started harness, then ends it: closes the browser, stops the emulator
/// and fails the test when the browser console reported an error, a panic or a
/// Content-Security-Policy violation at any point, even if the test itself passed.
pub async fn run(started: Started, test: impl AsyncFnOnce(&Harness) -> Result<()>) -> Result<()> {
    // A browser that stopped answering must not hang the end: Drop kills it after this.
    const LIMIT: Duration = Duration::from_secs(30);
    let h = started.0;
    let outcome = test(&h).await;
    let problems = tokio::time::timeout(LIMIT, console::problems(h.client()))
        .await
        .unwrap_or_else(|_| vec![format!("the browser console did not answer in {LIMIT:?}")]);
    let _ = tokio::time::timeout(LIMIT, h.browser.close()).await;
    h.emulator.shutdown().await;
    let console = console::check(&problems);
    match (outcome, console) {
        (Err(failure), Err(console)) => {
            // The test's own failure is the verdict; the console may explain it.
            eprintln!("{console:#}");
            Err(failure)
        }
        (outcome, console) => outcome.and(console),
    }
}

impl Harness {
    pub async fn start() -> Result<Started> {
        Harness::start_with(|_| {}, false).await
    }

    /// `tweak` adjusts the emulator's configuration (faults, ticket lifetime).
    pub async fn start_with(tweak: impl FnOnce(&mut Config), dark: bool) -> Result<Started> {
        Ok(Started(Harness::on_emulator(tweak, dark).await?))
    }

    async fn on_emulator(tweak: impl FnOnce(&mut Config), dark: bool) -> Result<Harness> {
        let mut config = Config {
            control: true,
            static_dir: Some(dist_dir()?),
            ..Config::default()
        };
        config.listen = "127.0.0.1:0".parse()?;
        server_mode_from_env(&mut config)?;
        tweak(&mut config);
        let emulator = inforouter_emulator::start(config).await?;
        let browser = Browser::launch(dark).await?;
        Ok(Harness {
            console_url: emulator.url(),
            emulator,
            browser,
            _nginx: None,
            _site: None,
        })
    }

    /// Serves a copy of the built console whose index.html `edit` changed, as an administrator
    /// would edit the deploy-time `<meta>` settings.
    pub async fn start_with_page(edit: impl FnOnce(String) -> String) -> Result<Started> {
        let index = std::fs::read_to_string(dist_dir()?.join("index.html"))?;
        let edited = edit(index.clone());
        if edited == index {
            bail!("the page edit changed nothing: index.html no longer has what the test expects");
        }
        Harness::start_with_site(vec![("index.html".into(), edited.into_bytes())]).await
    }

    /// Serves a copy of the built console with `files` (name, content) added or replaced.
    pub async fn start_with_site(files: Vec<(String, Vec<u8>)>) -> Result<Started> {
        let dist = dist_dir()?;
        let site = TempDir(std::env::temp_dir().join(format!(
            "e2e-site-{}-{}",
            std::process::id(),
            free_port()?
        )));
        std::fs::create_dir_all(&site.0)?;
        for entry in std::fs::read_dir(&dist)? {
            let entry = entry?;
            if entry.file_type()?.is_file() {
                std::fs::copy(entry.path(), site.0.join(entry.file_name()))?;
            }
        }
        for (name, content) in files {
            std::fs::write(site.0.join(name), content)?;
        }
        let static_dir = site.0.clone();
        let mut h = Harness::on_emulator(|c| c.static_dir = Some(static_dir), false).await?;
        h._site = Some(site);
        Ok(Started(h))
    }

    /// As production runs it: nginx on 127.0.0.1 with `deploy/nginx/inforouter-accounts.conf`
    /// serves the console packaged for `/infoRouter/accounts/` (E2E_PACKAGE_DIR) and proxies
    /// `/infoRouter/srv.asmx` to the emulator, which answers there as IIS would.
    pub async fn start_behind_nginx() -> Result<Started> {
        let site = nginx::package_dir()?;
        let mut config = Config {
            control: true,
            service_prefix: Some("/infoRouter".into()),
            ..Config::default()
        };
        config.listen = "127.0.0.1:0".parse()?;
        let emulator = inforouter_emulator::start(config).await?;
        let nginx = nginx::Nginx::start(&site, emulator.addr).await?;
        let browser = Browser::launch(false).await?;
        Ok(Started(Harness {
            console_url: format!(
                "{}{}",
                nginx.origin(),
                nginx::BASE_PATH.trim_end_matches('/')
            ),
            emulator,
            browser,
            _nginx: Some(nginx),
            _site: None,
        }))
    }

    /// The folder served by a harness from [`Harness::start_with_site`]: a test may change
    /// its files while the page is open.
    pub fn site_dir(&self) -> Option<&Path> {
        self._site.as_ref().map(|s| s.0.as_path())
    }

    /// The origin the browser talks to (nginx's when there is one).
    pub fn origin(&self) -> String {
        match &self._nginx {
            Some(n) => n.origin(),
            None => self.emulator.url(),
        }
    }

    pub fn client(&self) -> &Client {
        &self.browser.client
    }

    /// The address of an in-app path (`/users/jdoe`), below the base path when there is one.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.console_url, path)
    }

    pub async fn goto(&self, path: &str) -> Result<()> {
        self.client().goto(&self.url(path)).await?;
        Ok(())
    }

    pub async fn find(&self, css: &str) -> Result<fantoccini::elements::Element> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let found = self
                .client()
                .wait()
                .at_most(deadline.saturating_duration_since(Instant::now()))
                .for_element(Locator::Css(css))
                .await;
            match found {
                // chromedriver's answer when a page load (a sign-out moving to the other
                // entry) cut the search short: search the new page once it is there.
                Err(e)
                    if e.to_string().contains("aborted by navigation")
                        && Instant::now() < deadline =>
                {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                found => return found.with_context(|| format!("no element matches {css}")),
            }
        }
    }

    pub async fn fill(&self, css: &str, text: &str) -> Result<()> {
        let e = self.find(css).await?;
        e.clear().await?;
        e.send_keys(text).await?;
        Ok(())
    }

    pub async fn click(&self, css: &str) -> Result<()> {
        self.find(css).await?.click().await?;
        Ok(())
    }

    /// Waits until the text of `css` contains `needle`, and returns that text.
    pub async fn wait_text(&self, css: &str, needle: &str) -> Result<String> {
        self.wait_for_text(css, |t| t.contains(needle))
            .await
            .map_err(|last| {
                anyhow::anyhow!("{css} never contained {needle:?}; last text: {last:?}")
            })
    }

    /// Waits until the element `css` exists without `needle` in its text (a list re-read after
    /// a change), for up to 20 s.
    pub async fn wait_text_gone(&self, css: &str, needle: &str) -> Result<String> {
        self.wait_for_text(css, |t| !t.contains(needle))
            .await
            .map_err(|last| anyhow::anyhow!("{css} still contains {needle:?}; last text: {last:?}"))
    }

    /// The text of `css` once `wanted` holds for it (up to 20 s), or the last text seen.
    async fn wait_for_text(
        &self,
        css: &str,
        wanted: impl Fn(&str) -> bool,
    ) -> std::result::Result<String, String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(e) = self.client().find(Locator::Css(css)).await {
                last = e.text().await.unwrap_or_default();
                if wanted(&last) {
                    return Ok(last);
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Err(last)
    }

    pub async fn sign_in(&self, (user, password): (&str, &str)) -> Result<()> {
        self.goto("/").await?;
        self.fill("#sign-in-user", user).await?;
        self.fill("#sign-in-password", password).await?;
        self.click("form button[type=submit]").await?;
        self.wait_text("header .who", user).await?;
        Ok(())
    }

    /// Saves a PNG under `screenshots/` (SCREENSHOT_DIR), named for the screen.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        let dir = std::env::var_os("SCREENSHOT_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| repo_root().join("screenshots"));
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, self.client().screenshot().await?)?;
        Ok(path)
    }

    /// Runs axe-core on the current page and returns the violations (id: help).
    pub async fn axe_violations(&self) -> Result<Vec<String>> {
        let axe =
            std::fs::read_to_string(repo_root().join("tools/node_modules/axe-core/axe.min.js"))
                .context("axe-core missing: run scripts/test (it runs npm ci in tools/)")?;
        self.client().execute(&axe, vec![]).await?;
        let result = self
            .client()
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] })
                    .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' @ ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                    .catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await?;
        Ok(serde_json::from_value(result)?)
    }

    /// The emulator's log of srv.asmx requests.
    pub async fn request_log(&self) -> Result<Vec<Value>> {
        let body = http::request(self.emulator.addr, "GET", "/_emulator/log", None).await?;
        Ok(serde_json::from_str(&body)?)
    }

    pub async fn clear_log(&self) -> Result<()> {
        http::request(self.emulator.addr, "DELETE", "/_emulator/log", None).await?;
        Ok(())
    }

    pub async fn access_log(&self) -> Result<String> {
        http::request(self.emulator.addr, "GET", "/_emulator/access-log", None).await
    }

    /// A ticket of another session of `user`, fetched over loopback like a portal backend
    /// (or a second administrator) would.
    pub async fn ticket_for(&self, (user, password): (&str, &str)) -> Result<String> {
        let answer = self
            .srv_call("AuthenticateUser", &[("UID", user), ("PWD", password)])
            .await?;
        let start = answer
            .find("ticket=\"")
            .ok_or_else(|| anyhow::anyhow!("no ticket in {answer}"))?
            + 8;
        Ok(answer[start..start + 36].to_string())
    }

    /// Calls srv.asmx as another client would (a script, another tab): by POST, or by SOAP
    /// against a server with GET and POST off. The answer's body.
    pub async fn srv_call(&self, operation: &str, params: &[(&str, &str)]) -> Result<String> {
        if server_mode() == "soap" {
            let escape = |v: &str| v.replace('&', "&amp;").replace('<', "&lt;");
            let elements: String = params
                .iter()
                .map(|(k, v)| format!("<{k}>{}</{k}>", escape(v)))
                .collect();
            let envelope = format!(
                r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><{operation} xmlns="http://tempuri.org/">{elements}</{operation}></soap:Body></soap:Envelope>"#
            );
            return http::post_soap(self.emulator.addr, "/srv.asmx", operation, &envelope).await;
        }
        let form: Vec<String> = params
            .iter()
            .map(|(k, v)| format!("{k}={}", form_encode(v)))
            .collect();
        http::post_form(
            self.emulator.addr,
            &format!("/srv.asmx/{operation}"),
            &form.join("&"),
        )
        .await
    }

    /// The user as the server holds it now (GetUser as the administrator): the answer's body.
    pub async fn srv_user(&self, name: &str) -> Result<String> {
        let ticket = self.ticket_for(ADMIN).await?;
        self.srv_call(
            "GetUser",
            &[
                ("authenticationTicket", ticket.as_str()),
                ("UserName", name),
            ],
        )
        .await
    }

    /// Sets the fault settings in `changes` and keeps the rest (the server mode among them);
    /// `{}` keeps everything, `clear_faults` ends the faults a test set.
    pub async fn set_faults(&self, changes: Value) -> Result<()> {
        let body = http::request(self.emulator.addr, "GET", "/_emulator/faults", None).await?;
        let mut faults: Value = serde_json::from_str(&body)?;
        for (k, v) in changes.as_object().into_iter().flatten() {
            faults[k] = v.clone();
        }
        self.control("PUT", "/_emulator/faults", faults).await?;
        Ok(())
    }

    /// Replaces every fault setting with `changes` (the rest at their defaults) but keeps the
    /// kind of server the run is against (`E2E_SERVER_MODE`): newer answers, replaced
    /// preferences, GET and POST off, an older WSDL.
    pub async fn replace_faults(&self, changes: Value) -> Result<()> {
        let body = http::request(self.emulator.addr, "GET", "/_emulator/faults", None).await?;
        let current: Value = serde_json::from_str(&body)?;
        let mut faults = serde_json::json!({});
        for kind in ["modern", "prefs_replace", "protocols_off", "old_wsdl"] {
            faults[kind] = current[kind].clone();
        }
        for (k, v) in changes.as_object().into_iter().flatten() {
            faults[k] = v.clone();
        }
        self.control("PUT", "/_emulator/faults", faults).await?;
        Ok(())
    }

    /// Ends the latency and the injected failures, keeping the server's mode.
    pub async fn clear_faults(&self) -> Result<()> {
        self.set_faults(serde_json::json!({
            "latency_ms": 0, "fail_500_rate": 0.0, "malformed_rate": 0.0, "drop_rate": 0.0,
            "hang_rate": 0.0, "lose_answer_rate": 0.0, "missing_ops": [], "only_ops": null,
            "transfer_warnings": false
        }))
        .await
    }

    /// What the emulator holds for `user` (documents, folders, tasks, roles…).
    pub async fn holdings(&self, user: &str) -> Result<Value> {
        let path = format!("/_emulator/holdings/{user}");
        let body = http::request(self.emulator.addr, "GET", &path, None).await?;
        Ok(serde_json::from_str(&body)?)
    }

    pub async fn control(&self, method: &str, path: &str, body: Value) -> Result<String> {
        http::request(self.emulator.addr, method, path, Some(&body.to_string())).await
    }
}

/// `E2E_SERVER_MODE` runs the same tests against another kind of server: `today` answers as
/// current servers do (`errorCode`, localised texts, HTTP 400 for an empty required value),
/// `replace` also makes UpdateUserPreferences replace the whole block, `classic` (the default)
/// answers as the seeds describe, `soap` has GET and POST switched off (the console finds out
/// and speaks SOAP), `old` is an older server lacking the newer calls (the vendor's srv.wsdl).
fn server_mode_from_env(config: &mut Config) -> Result<()> {
    match std::env::var("E2E_SERVER_MODE").as_deref() {
        Err(_) | Ok("") | Ok("classic") => {}
        Ok("today") => config.faults.modern = true,
        Ok("replace") => {
            config.faults.modern = true;
            config.faults.prefs_replace = true;
        }
        Ok("soap") => config.faults.protocols_off = true,
        Ok("old") => config.faults.old_wsdl = true,
        Ok(other) => bail!("E2E_SERVER_MODE={other}: use classic, today, replace, soap or old"),
    }
    Ok(())
}

/// The server mode the tests run against (`E2E_SERVER_MODE`), for the few assertions that
/// differ by kind of server.
pub fn server_mode() -> String {
    std::env::var("E2E_SERVER_MODE").unwrap_or_default()
}

/// The decoded parameters of one logged request, by name.
pub fn param<'a>(entry: &'a Value, name: &str) -> Option<&'a str> {
    entry["params"]
        .as_array()?
        .iter()
        // GET and POST names match ignoring case (ASP.NET binding); SOAP spells some
        // otherwise (`AuthenticationTicket`, `XmlPreferences`).
        .find(|p| p[0].as_str().is_some_and(|n| n.eq_ignore_ascii_case(name)))
        .and_then(|p| p[1].as_str())
}

/// Log entries for one operation.
/// Log entries of `operation` the server ran. Against a server with GET and POST off (`soap`
/// mode), a GET or POST is refused before it runs (the console then repeats it over SOAP),
/// so only SOAP entries count.
pub fn calls<'a>(log: &'a [Value], operation: &str) -> Vec<&'a Value> {
    let soap_only = server_mode() == "soap";
    log.iter()
        .filter(|e| e["operation"] == operation && (!soap_only || e["transport"] == "soap"))
        .collect()
}

pub async fn read_all(stream: &mut tokio::net::TcpStream) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    stream.read_to_end(&mut buf).await?;
    Ok(buf)
}

pub async fn write_all(stream: &mut tokio::net::TcpStream, bytes: &[u8]) -> Result<()> {
    stream.write_all(bytes).await?;
    Ok(())
}

/// Percent-encodes everything but RFC 3986 unreserved characters (so `+` is `%2B`).
fn form_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
