//! Out of office (task redirection) on one's own page and embedded: set for a window, another
//! colleague for the same days (Reroute), ended after a confirmation; refusals before sending,
//! at their field; who sends their tasks here. Checked parameter by parameter in the emulator's
//! request log. Ids are documented at the top of src/components/out_of_office.rs. The windows
//! lie in 2090, so they are in the future and clash with no fixture redirection.

use anyhow::Result;
use console_e2e::forms::*;
use console_e2e::*;
use serde_json::{Value, json};

const ASMITH: (&str, &str) = ("asmith", "Secret123!");

/// Sets a date input as its picker would (a typed date depends on the browser's locale).
async fn set_date(h: &Harness, css: &str, day: &str) -> Result<()> {
    h.client()
        .execute(
            "const e = document.querySelector(arguments[0]); e.value = arguments[1];
             e.dispatchEvent(new Event('input', { bubbles: true }));
             e.dispatchEvent(new Event('blur'));",
            vec![json!(css), json!(day)],
        )
        .await?;
    Ok(())
}

/// Fills the form and leaves it, as a person does before pressing Save (an error shown on
/// leaving a field moves the button).
async fn fill_window(h: &Harness, colleague: &str, first: &str, last: &str) -> Result<()> {
    h.fill("#ooo-colleague", colleague).await?;
    leave(h, "#ooo-colleague").await?;
    set_date(h, "#ooo-first-day", first).await?;
    set_date(h, "#ooo-last-day", last).await?;
    Ok(())
}

/// Signs in as `who` and waits for the out-of-office card to have read the redirection.
async fn open_own(h: &Harness, who: (&str, &str)) -> Result<()> {
    open(h, who, "/", who.0).await?;
    h.find("#ooo-from").await?;
    for _ in 0..100 {
        if !h
            .find("#ooo-current")
            .await?
            .text()
            .await?
            .contains("Loading")
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    h.clear_log().await?;
    Ok(())
}

fn sent(log: &[Value], operation: &str) -> usize {
    calls(log, operation).len()
}

#[tokio::test]
async fn out_of_office_is_set_rerouted_and_ended_on_ones_own_page() -> Result<()> {
    run(Harness::start().await?, async |h| {
    open_own(h, JDOE).await?;
    h.wait_text("#ooo-current", "Not set: new tasks stay with you.")
        .await?;
    assert!(!exists(h, "#ooo-end").await, "nothing to end");
    assert!(!h.find("#ooo-save").await?.is_enabled().await?);
    assert!(
        !leaving_is_guarded(h).await?,
        "an empty form has nothing to lose"
    );

    fill_window(h, "asmith", "2090-01-09", "2090-01-13").await?;
    h.click("#ooo-save").await?;
    h.wait_text("#ooo-status", "Saved: new tasks go to asmith")
        .await?;
    let call = only_call(h, "SetUserTaskRedirection").await?;
    assert_eq!(p(&call, "userName"), "jdoe");
    assert_eq!(p(&call, "redirectTasksToUser"), "asmith");
    assert_eq!(p(&call, "startOn"), "2090-01-09T00:00:00");
    assert_eq!(
        p(&call, "endOn"),
        "2090-01-13T23:59:59",
        "the last day is included"
    );
    h.wait_text(
        "#ooo-current",
        "New tasks will go to Anna Smith (asmith) from Monday 9 January 2090 to Friday 13 January 2090.",
    )
    .await?;
    wait_value(h, "#ooo-colleague", "asmith").await?;
    wait_value(h, "#ooo-first-day", "2090-01-09").await?;
    h.screenshot("out-of-office-set-light").await?;
    no_axe_violations(h).await?;

    // Another colleague, the same days: Reroute, and the window stays.
    h.clear_log().await?;
    h.fill("#ooo-colleague", "reader").await?;
    h.click("#ooo-save").await?;
    h.wait_text("#ooo-status", "now go to reader, on the same days")
        .await?;
    let call = only_call(h, "RerouteUserTaskRedirection").await?;
    assert_eq!(p(&call, "userName"), "jdoe");
    assert_eq!(p(&call, "redirectTasksToUser"), "reader");
    assert_eq!(param(&call, "startOn"), None);
    assert_eq!(sent(&h.request_log().await?, "SetUserTaskRedirection"), 0);
    h.wait_text(
        "#ooo-current",
        "(reader) from Monday 9 January 2090 to Friday 13 January 2090",
    )
    .await?;

    // Ending asks first; Escape cancels with nothing sent and focus back on the button.
    h.clear_log().await?;
    h.click("#ooo-end").await?;
    h.wait_text("#ooo-end-question", "End out of office now?")
        .await?;
    wait_focus(h, "ooo-end-cancel").await?;
    h.screenshot("out-of-office-end-confirm-light").await?;
    no_axe_violations(h).await?;
    h.find("#ooo-end-cancel").await?.send_keys(ESCAPE).await?;
    wait_gone(h, "#ooo-end-panel").await?;
    wait_focus(h, "ooo-end").await?;
    assert_eq!(
        sent(&h.request_log().await?, "RemoveUserTaskRedirection"),
        0
    );

    h.click("#ooo-end").await?;
    h.click("#ooo-end-confirm").await?;
    h.wait_text("#ooo-current", "Not set: new tasks stay with you.")
        .await?;
    let call = only_call(h, "RemoveUserTaskRedirection").await?;
    assert_eq!(p(&call, "userName"), "jdoe");
    wait_gone(h, "#ooo-end").await?;
    wait_focus(h, "ooo-colleague").await?;
    wait_value(h, "#ooo-colleague", "").await?;
    wait_enabled(h, "#ooo-save", false).await?;
    Ok(())
    })
    .await
}

#[tokio::test]
async fn out_of_office_refusals_are_said_at_their_field_before_sending() -> Result<()> {
    run(Harness::start().await?, async |h| {
        open_own(h, JDOE).await?;

        fill_window(h, "JDoe", "2090-01-09", "2090-01-13").await?;
        h.click("#ooo-save").await?;
        h.wait_text("#ooo-colleague-error", "cannot go to the same user")
            .await?;
        wait_focus(h, "ooo-colleague").await?;
        assert_eq!(
            attr(h, "#ooo-colleague", "aria-invalid").await?.as_deref(),
            Some("true")
        );

        fill_window(h, "asmith", "2090-01-13", "2090-01-09").await?;
        h.click("#ooo-save").await?;
        h.wait_text("#ooo-last-day-error", "cannot be before the first day")
            .await?;
        wait_focus(h, "ooo-last-day").await?;
        assert!(
            attr(h, "#ooo-last-day", "aria-describedby")
                .await?
                .unwrap_or_default()
                .contains("ooo-last-day-error")
        );

        set_date(h, "#ooo-first-day", "2020-01-06").await?;
        set_date(h, "#ooo-last-day", "2020-01-10").await?;
        h.find("#ooo-last-day-error").await?;
        h.click("#ooo-save").await?;
        h.wait_text("#ooo-last-day-error", "cannot be in the past")
            .await?;
        h.wait_text("#ooo-status", "one field needs attention")
            .await?;
        h.screenshot("out-of-office-refused-light").await?;
        no_axe_violations(h).await?;
        let log = h.request_log().await?;
        assert_eq!(sent(&log, "SetUserTaskRedirection"), 0, "{log:#?}");

        // A user name the server does not know: its refusal is said at the field.
        fill_window(h, "nosuchuser", "2090-01-09", "2090-01-13").await?;
        h.click("#ooo-save").await?;
        h.wait_text("#ooo-colleague-error", "no user with this user name")
            .await?;
        wait_focus(h, "ooo-colleague").await?;
        let log = h.request_log().await?;
        assert_eq!(sent(&log, "SetUserTaskRedirection"), 1);
        h.wait_text("#ooo-current", "Not set").await?;

        // A refusal with no code: the server's own words are the reason, shown in the alert.
        fill_window(h, "leaver", "2090-01-09", "2090-01-13").await?;
        h.click("#ooo-save").await?;
        let said = h
            .wait_text("#ooo-status .error", "did not accept this: ")
            .await?;
        let reason = match server_mode().as_str() {
            "today" => "Aufgaben können nicht an einen deaktivierten Benutzer umgeleitet werden.",
            _ => "Tasks cannot be redirected to a disabled user.",
        };
        assert!(said.contains(reason), "{said}");
        assert_eq!(sent(&h.request_log().await?, "SetUserTaskRedirection"), 2);
        Ok(())
    })
    .await
}

#[tokio::test]
async fn out_of_office_shows_who_sends_their_tasks_here_in_dark() -> Result<()> {
    run(Harness::start_with(|_| {}, true).await?, async |h| {
        open_own(h, ASMITH).await?;
        let list = h.wait_text("#ooo-from", "mgarcia").await?;
        assert!(
            list.contains("(mgarcia) from Sunday 1 June 2025 to Thursday 31 December 2099"),
            "{list}"
        );
        assert!(
            list.contains("(bwilson) from Sunday 10 March 2024 on, with no end date"),
            "{list}"
        );
        h.wait_text("#ooo-current", "Not set").await?;
        h.client()
            .execute(
                "document.getElementById('ooo-title').scrollIntoView()",
                vec![],
            )
            .await?;
        h.screenshot("out-of-office-dark").await?;
        no_axe_violations(h).await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn administrators_get_colleagues_suggested_by_name() -> Result<()> {
    run(Harness::start().await?, async |h| {
    open_own(h, ADMIN).await?;
    h.fill("#ooo-colleague", "Smith").await?;
    // A datalist shows nothing itself: its options are read.
    let mut values = Value::Null;
    for _ in 0..100 {
        values = h
            .client()
            .execute(
                "return [...document.querySelectorAll('#ooo-colleague-list option')].map(o => o.value + ' ' + o.textContent)",
                vec![],
            )
            .await?;
        if values.to_string().contains("asmith Anna Smith") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(values.to_string().contains("asmith Anna Smith"), "{values}");
    let log = h.request_log().await?;
    assert!(
        calls(&log, "GetAllUsers1")
            .iter()
            .any(|c| param(c, "lastNameFilter") == Some("Smith")),
        "{log:#?}"
    );
    assert_eq!(
        attr(h, "#ooo-colleague", "list").await?.as_deref(),
        Some("ooo-colleague-list")
    );
    Ok(())
    })
    .await
}

#[tokio::test]
async fn embedded_out_of_office_tells_the_portal_what_was_saved() -> Result<()> {
    run(Harness::start().await?, async |h| {
    let ticket = h.ticket_for(JDOE).await?;
    h.goto(&format!("/embed/out-of-office#ticket={ticket}"))
        .await?;
    h.find("#ooo-colleague").await?;
    h.wait_text("#ooo-current", "Not set").await?;
    // Opened on its own, the view's "parent" is itself: its events arrive here.
    h.client()
        .execute(
            "window.heard = []; addEventListener('message', e => heard.push(e.data));",
            vec![],
        )
        .await?;
    fill_window(h, "asmith", "2090-02-06", "2090-02-10").await?;
    h.click("#ooo-save").await?;
    h.wait_text("#ooo-current", "(asmith) from").await?;
    h.click("#ooo-end").await?;
    h.click("#ooo-end-confirm").await?;
    h.wait_text("#ooo-end-status", "Out of office ended")
        .await?;
    h.screenshot("embed-out-of-office-light").await?;
    no_axe_violations(h).await?;
    let heard: Value = h
        .client()
        .execute(
            "return heard.filter(m => m.type === 'inforouter:saved')",
            vec![],
        )
        .await?;
    assert_eq!(
        heard,
        json!([
            { "type": "inforouter:saved", "operation": "SetUserTaskRedirection", "user": "jdoe" },
            { "type": "inforouter:saved", "operation": "RemoveUserTaskRedirection", "user": "jdoe" },
        ])
    );
    let log = h.request_log().await?;
    let set = calls(&log, "SetUserTaskRedirection");
    assert_eq!(param(set[0], "startOn"), Some("2090-02-06T00:00:00"));
    assert_eq!(param(set[0], "endOn"), Some("2090-02-10T23:59:59"));
    Ok(())
    })
    .await
}
