//! The sign-in page knows the server before anyone types: ServerInfo names it, and each way
//! srv.asmx can be unreachable gets its own explanation of what to check.

use console_e2e::*;
use serde_json::json;

#[tokio::test]
async fn a_healthy_server_is_named_in_a_quiet_line() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        h.goto("/").await?;
        let line = h.wait_text("#server-info", "Connected to").await?;
        assert!(line.contains("infoRouter"), "{line}");
        assert!(
            h.client()
                .find(fantoccini::Locator::Css("#server-problem"))
                .await
                .is_err()
        );
        let log = h.request_log().await?;
        let checks = calls(&log, "ServerInfo");
        assert_eq!(checks.len(), 1, "one check, no ticket: {log:?}");
        assert!(checks[0]["params"].as_array().is_none_or(|p| p.is_empty()));
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_wrong_api_base_is_named_before_anyone_types() -> anyhow::Result<()> {
    // The deployed page points at a path where no srv.asmx is: the web server answers with
    // its own page instead.
    let started = Harness::start_with_page(|html| {
        html.replace(
            r#"<meta name="inforouter:api-base" content="/srv.asmx">"#,
            r#"<meta name="inforouter:api-base" content="/wrong/srv.asmx">"#,
        )
    })
    .await?;
    run(started, async |h| {
        h.goto("/").await?;
        let text = h
            .wait_text("#server-problem", "address of srv.asmx is wrong")
            .await?;
        assert!(
            text.contains("/wrong/srv.asmx"),
            "names the configured address: {text}"
        );
        // The technical side waits behind Details, for an administrator.
        h.find("#server-problem details.error-details").await?;
        h.find("#sign-in-user").await?;
        h.screenshot("sign-in-wrong-api-base-light").await?;
        assert_eq!(h.axe_violations().await?, Vec::<String>::new());
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_missing_operation_page_reads_as_a_wrong_api_base() -> anyhow::Result<()> {
    let started =
        Harness::start_with(|c| c.faults.missing_ops = vec!["ServerInfo".into()], false).await?;
    run(started, async |h| {
        h.goto("/").await?;
        h.wait_text("#server-problem", "address of srv.asmx is wrong")
            .await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn switched_off_protocols_are_named_where_the_method_is_fixed() -> anyhow::Result<()> {
    // A deployment that fixes POST: the console cannot go SOAP, so it says what to change.
    let started = Harness::start_with_page(|html| {
        html.replace(
            r#"<meta name="inforouter:method" content="auto">"#,
            r#"<meta name="inforouter:method" content="POST">"#,
        )
    })
    .await?;
    run(started, async |h| {
        h.set_faults(json!({ "protocols_off": true })).await?;
        h.goto("/").await?;
        let text = h.wait_text("#server-problem", "web.config").await?;
        assert!(
            text.contains("HttpPost") || text.contains("HttpGet"),
            "{text}"
        );
        assert!(text.contains("inforouter:method"), "{text}");
        // The administrator fixes web.config; "Check again" confirms without a reload.
        h.set_faults(json!({ "protocols_off": false })).await?;
        h.click("#server-retry").await?;
        h.wait_text("#server-info", "Connected to").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn switched_off_protocols_are_spoken_to_in_soap() -> anyhow::Result<()> {
    let started = Harness::start_with(|c| c.faults.protocols_off = true, false).await?;
    run(started, async |h| {
        h.goto("/").await?;
        let line = h.wait_text("#server-info", "· SOAP").await?;
        assert!(line.contains("infoRouter"), "{line}");
        h.sign_in(JDOE).await?;
        h.fill("#email-new", "john.soap@example.com").await?;
        h.click("#email-save").await?;
        h.wait_text("#email-status", "saved").await?;
        let log = h.request_log().await?;
        let saved = calls(&log, "UpdateUserEmail");
        assert_eq!(saved.len(), 1, "{log:?}");
        assert_eq!(
            param(saved[0], "NewEmailAddress"),
            Some("john.soap@example.com")
        );
        // ServerInfo found out, by the one call GET and POST were refused: all else is SOAP.
        let refused: Vec<_> = log.iter().filter(|e| e["transport"] != "soap").collect();
        assert_eq!(refused.len(), 1, "{log:?}");
        assert_eq!(refused[0]["operation"], "ServerInfo");
        assert_eq!(refused[0]["status"], 500);
        assert_eq!(calls(&log, "AuthenticateUser").len(), 1);
        assert_eq!(calls(&log, "AuthenticateUser")[0]["transport"], "soap");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn an_unreachable_server_says_what_to_check() -> anyhow::Result<()> {
    let started = Harness::start_with(
        |c| {
            c.faults.drop_rate = 1.0;
            c.faults.only_ops = Some(vec!["ServerInfo".into()]);
        },
        false,
    )
    .await?;
    run(started, async |h| {
        h.goto("/").await?;
        h.wait_text("#server-problem", "cannot be reached").await?;
        Ok(())
    })
    .await
}
