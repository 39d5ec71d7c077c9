//! WebDriver helpers for the operation forms' tests (`tests/tests/form_*.rs`): reading and
//! setting fields as a person would, waiting for state, and reading what the emulator got.

use anyhow::{Context, Result, bail};
use fantoccini::Locator;
use serde_json::Value;

use crate::{Harness, calls, param};

pub const TAB: &str = "\u{e004}";
pub const ESCAPE: &str = "\u{e00c}";
/// Ctrl+A, release, Backspace: empties a field with a real `input` event (WebDriver's clear
/// fires none, so the app would never see the empty value).
pub const SELECT_ALL_DELETE: &str = "\u{e009}a\u{e000}\u{e003}";

pub async fn value(h: &Harness, css: &str) -> Result<String> {
    Ok(h.find(css).await?.prop("value").await?.unwrap_or_default())
}

pub async fn attr(h: &Harness, css: &str, name: &str) -> Result<Option<String>> {
    Ok(h.find(css).await?.attr(name).await?)
}

pub async fn checked(h: &Harness, css: &str) -> Result<bool> {
    Ok(h.find(css).await?.prop("checked").await?.as_deref() == Some("true"))
}

pub async fn exists(h: &Harness, css: &str) -> bool {
    h.client().find(Locator::Css(css)).await.is_ok()
}

/// Leaves the field with Tab, which marks it as touched.
pub async fn leave(h: &Harness, css: &str) -> Result<()> {
    h.find(css).await?.send_keys(TAB).await?;
    Ok(())
}

pub async fn empty(h: &Harness, css: &str) -> Result<()> {
    h.find(css).await?.send_keys(SELECT_ALL_DELETE).await?;
    Ok(())
}

pub async fn select(h: &Harness, css: &str, option_value: &str) -> Result<()> {
    h.find(css).await?.select_by_value(option_value).await?;
    Ok(())
}

pub async fn active_id(h: &Harness) -> Result<String> {
    let id = h
        .client()
        .execute(
            "return document.activeElement ? document.activeElement.id : ''",
            vec![],
        )
        .await?;
    Ok(id.as_str().unwrap_or_default().to_string())
}

/// Waits until keyboard focus is on the element with this id (focus moves after a repaint).
pub async fn wait_focus(h: &Harness, id: &str) -> Result<()> {
    let mut last = String::new();
    for _ in 0..100 {
        last = active_id(h).await?;
        if last == id {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    bail!("focus never reached #{id}; it is on #{last}")
}

/// Waits until `css` is enabled (`true`) or disabled (`false`).
pub async fn wait_enabled(h: &Harness, css: &str, want: bool) -> Result<()> {
    for _ in 0..200 {
        if h.find(css).await?.is_enabled().await? == want {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    bail!(
        "{css} never became {}",
        if want { "enabled" } else { "disabled" }
    )
}

pub async fn wait_value(h: &Harness, css: &str, want: &str) -> Result<()> {
    let mut last = String::new();
    for _ in 0..200 {
        last = value(h, css).await?;
        if last == want {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    bail!("{css} never had the value {want:?}; last {last:?}")
}

pub async fn wait_gone(h: &Harness, css: &str) -> Result<()> {
    for _ in 0..200 {
        if !exists(h, css).await {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    bail!("{css} is still there")
}

/// Whether a `beforeunload` would be stopped now (the unsaved-changes guard).
pub async fn leaving_is_guarded(h: &Harness) -> Result<bool> {
    let prevented = h
        .client()
        .execute(
            "const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented;",
            vec![],
        )
        .await?;
    Ok(prevented == Value::Bool(true))
}

pub async fn no_axe_violations(h: &Harness) -> Result<()> {
    assert_eq!(h.axe_violations().await?, Vec::<String>::new());
    Ok(())
}

/// The only call of `operation` in the log since it was last cleared, which must have been a
/// POST that succeeded.
pub async fn only_call(h: &Harness, operation: &str) -> Result<Value> {
    let log = h.request_log().await?;
    let found = calls(&log, operation);
    if found.len() != 1 {
        bail!(
            "expected exactly one {operation}, found {}: {log:#?}",
            found.len()
        );
    }
    let call = found[0].clone();
    assert_eq!(call["method"], "POST", "{call}");
    assert_eq!(call["success"], true, "{call}");
    Ok(call)
}

/// The preferences block sent: all seven attributes (the pages disagree on whether the call
/// merges or replaces; the complete block is right under both), with `expected` among them.
pub fn assert_complete_preferences(xml: &str, expected: &[&str]) {
    assert!(
        xml.starts_with("<Preferences ") && xml.ends_with("/>"),
        "{xml}"
    );
    for name in [
        "Language",
        "DefaultPortal",
        "ShowArchives",
        "ShowHiddens",
        "NotificationType",
        "EmailType",
        "AttachDocumentToEmail",
    ] {
        assert_eq!(
            xml.matches(&format!(" {name}=\"")).count(),
            1,
            "{name} exactly once in {xml}"
        );
    }
    for attribute in expected {
        assert!(xml.contains(attribute), "{attribute} in {xml}");
    }
}

pub fn p<'a>(call: &'a Value, name: &str) -> &'a str {
    param(call, name)
        .with_context(|| format!("{name} not sent: {call}"))
        .unwrap()
}

/// Signs in and opens `path` with its forms loaded.
pub async fn open(h: &Harness, who: (&str, &str), path: &str, user: &str) -> Result<()> {
    open_section(h, who, path, user, "#email-new").await
}

/// Signs in and opens `path`, a section of a user's page, once `ready` (one of its controls)
/// is on screen.
pub async fn open_section(
    h: &Harness,
    who: (&str, &str),
    path: &str,
    user: &str,
    ready: &str,
) -> Result<()> {
    h.sign_in(who).await?;
    if path != "/" {
        h.goto(path).await?;
    }
    h.wait_text("#fact-user-name", user).await?;
    h.find(ready).await?;
    h.clear_log().await?;
    Ok(())
}
