//! The browser console, read through chromedriver's log endpoint: any error, panic or
//! Content-Security-Policy violation fails the test that caused it.

use fantoccini::Client;
use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{Value, json};

/// A chromedriver command fantoccini has no method for: `POST /session/{id}/<path>` with a
/// JSON body.
#[derive(Debug)]
pub struct SessionPost {
    pub path: &'static str,
    pub body: Value,
}

impl WebDriverCompatibleCommand for SessionPost {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

/// The console messages since the last read, as chromedriver reports them
/// (`level`, `source`, `message`).
pub async fn read(client: &Client) -> anyhow::Result<Vec<Value>> {
    // chromedriver's log endpoint (type `browser`): the messages logged since the last read.
    let log = client
        .issue_cmd(SessionPost {
            path: "se/log",
            body: json!({ "type": "browser" }),
        })
        .await?;
    Ok(log.as_array().cloned().unwrap_or_default())
}

/// Whether a console entry is a problem. Failed loads (`source: network`) are not: tests
/// provoke HTTP errors and dropped connections on purpose, and the console explains them on
/// the page. Everything else at error level is: exceptions, panics, `console.error`, and
/// CSP violations (`source: security`, or a "Content Security Policy" message at any level).
pub fn is_problem(entry: &Value) -> bool {
    let level = entry["level"].as_str().unwrap_or_default();
    let source = entry["source"].as_str().unwrap_or_default();
    let message = entry["message"].as_str().unwrap_or_default();
    if message.contains("Content Security Policy") || source == "security" {
        return true;
    }
    level == "SEVERE" && source != "network"
}

/// The problem entries still in the log, as lines; a log that cannot be read is one too.
pub async fn problems(client: &Client) -> Vec<String> {
    match read(client).await {
        Ok(entries) => entries
            .iter()
            .filter(|e| is_problem(e))
            .map(|e| {
                format!(
                    "[{} {}] {}",
                    e["level"].as_str().unwrap_or_default(),
                    e["source"].as_str().unwrap_or_default(),
                    e["message"].as_str().unwrap_or_default()
                )
            })
            .collect(),
        Err(e) => vec![format!("the browser console could not be read: {e}")],
    }
}

/// Fails when the console reported problems, naming each.
pub fn check(problems: &[String]) -> anyhow::Result<()> {
    anyhow::ensure!(
        problems.is_empty(),
        "the browser console reported {} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_counts_as_a_problem() {
        let csp = json!({"level": "SEVERE", "source": "security", "message": "Refused to execute inline script because it violates the following Content Security Policy directive"});
        let panic =
            json!({"level": "SEVERE", "source": "console-api", "message": "panicked at src/x.rs"});
        let exception = json!({"level": "SEVERE", "source": "javascript", "message": "Uncaught RuntimeError: unreachable"});
        let failed_load = json!({"level": "SEVERE", "source": "network", "message": "Failed to load resource: the server responded with a status of 500"});
        let info = json!({"level": "INFO", "source": "console-api", "message": "hello"});
        assert!(is_problem(&csp));
        assert!(is_problem(&panic));
        assert!(is_problem(&exception));
        assert!(!is_problem(&failed_load));
        assert!(!is_problem(&info));
    }
}
