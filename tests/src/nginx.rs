//! A private nginx on 127.0.0.1, started from the committed deploy/nginx conf, for the tests
//! that run the console as production does: under a sub-path, behind a reverse proxy.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::{TempDir, free_port, repo_root};

/// The path the packaged console is served under, as in deploy/nginx/inforouter-accounts.conf.
pub const BASE_PATH: &str = "/infoRouter/accounts/";

/// The console packaged for [`BASE_PATH`] (scripts/test runs scripts/package into it).
pub fn package_dir() -> Result<PathBuf> {
    let dir = std::env::var_os("E2E_PACKAGE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target/e2e-package"));
    if !dir.join("index.html").exists() {
        bail!(
            "no packaged console at {}: run scripts/test (it runs scripts/package --base-path {BASE_PATH} first)",
            dir.display()
        );
    }
    Ok(dir)
}

pub struct Nginx {
    child: Child,
    port: u16,
    _dir: TempDir,
}

impl Nginx {
    /// Starts nginx serving `site` and proxying srv.asmx to `upstream`; waits until it listens.
    pub async fn start(site: &Path, upstream: SocketAddr) -> Result<Nginx> {
        let conf =
            std::fs::read_to_string(repo_root().join("deploy/nginx/inforouter-accounts.conf"))
                .context("deploy/nginx/inforouter-accounts.conf is missing")?;
        let port = free_port()?;
        let dir = std::env::temp_dir().join(format!("e2e-nginx-{}-{port}", std::process::id()));
        std::fs::create_dir_all(dir.join("logs"))?;
        let dir = TempDir(dir);
        let standalone =
            inforouter_deploy::nginx::nginx_for_test(&conf, port, site, upstream, &dir.0)
                .map_err(anyhow::Error::msg)?;
        let conf_path = dir.0.join("nginx.conf");
        std::fs::write(&conf_path, standalone)?;
        let bin = std::env::var("NGINX").unwrap_or_else(|_| "nginx".into());
        let child = Command::new(&bin)
            .arg("-c")
            .arg(&conf_path)
            .arg("-p")
            .arg(&dir.0)
            .args(["-g", "daemon off;"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| format!("cannot start {bin}: install nginx (scripts/test does)"))?;
        let mut nginx = Nginx {
            child,
            port,
            _dir: dir,
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_err()
        {
            if let Some(status) = nginx.child.try_wait()? {
                let mut err = String::new();
                if let Some(mut e) = nginx.child.stderr.take() {
                    use std::io::Read;
                    let _ = e.read_to_string(&mut err);
                }
                bail!("nginx exited ({status}) before listening: {err}");
            }
            if Instant::now() > deadline {
                bail!("nginx did not listen on 127.0.0.1:{port} within 10 s");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(nginx)
    }

    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
