//! Deploy-time configuration, read from `<meta>` tags in index.html. Never from the page URL:
//! a crafted link could otherwise send passwords and tickets to another server.

use inforouter_protocol::Method;
use inforouter_protocol::base_path::BasePath;

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The path the console is served under: `/`, or `/infoRouter/accounts/` next to IIS.
    pub base_path: BasePath,
    /// Where srv.asmx lives; same-origin `/srv.asmx` by default.
    pub api_base: String,
    /// The protocol to start with: POST unless `inforouter:method` says GET or SOAP.
    pub method: Method,
    /// `auto` (the default): a server with GET and POST switched off is spoken to in SOAP
    /// (`transport.rs`). Naming a method fixes it.
    pub auto_method: bool,
    pub timeout_secs: u32,
    /// Portal origins allowed to embed views (space-separated; `self` is this origin).
    pub embed_origins: String,
    /// CSS custom properties for embedded views: `--accent: #123; --radius: 2px`.
    pub embed_theme: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            base_path: BasePath::default(),
            api_base: "/srv.asmx".into(),
            method: Method::Post,
            auto_method: true,
            timeout_secs: 30,
            embed_origins: String::new(),
            embed_theme: String::new(),
        }
    }
}

fn meta(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let element = document
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()??;
    element
        .get_attribute("content")
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
}

impl Config {
    /// This page's path below the base path (`/embed/profile`); `None` outside it.
    pub fn app_path(&self) -> Option<String> {
        let path = web_sys::window()
            .and_then(|w| w.location().pathname().ok())
            .unwrap_or_default();
        self.base_path.strip(&path).map(str::to_string)
    }

    pub fn from_page() -> Config {
        let mut config = Config::default();
        if let Some(base) = meta("inforouter:base-path") {
            config.base_path = BasePath::parse(&base);
        }
        if let Some(base) = meta("inforouter:api-base") {
            config.api_base = base;
        }
        if let Some(method) = meta("inforouter:method") {
            let fixed = [Method::Get, Method::Post, Method::Soap]
                .into_iter()
                .find(|m| method.eq_ignore_ascii_case(m.label()));
            config.auto_method = fixed.is_none();
            config.method = fixed.unwrap_or(Method::Post);
        }
        if let Some(secs) = meta("inforouter:timeout-seconds").and_then(|s| s.parse().ok()) {
            config.timeout_secs = secs;
        }
        config.embed_origins = meta("inforouter:embed-origins").unwrap_or_default();
        config.embed_theme = meta("inforouter:embed-theme").unwrap_or_default();
        config
    }
}
