//! Fault injection as a client sees it, and the control endpoint's presence.

mod common;
use common::*;

#[tokio::test]
async fn each_fault_kind_is_observed() {
    let r = emulator(|_| {}).await;
    let t = sign_in(&r, "jdoe", "Secret123!").await;
    let pairs = [("authenticationTicket", t.as_str()), ("UserName", "")];
    let get = || call(&r, Via::Post, "GetUser", &pairs);

    set_faults(&r, r#"{"fail_500_rate":1.0}"#).await;
    let reply = get().await;
    assert_eq!(reply.status, 500);
    assert!(reply.body.contains("<html"));

    set_faults(&r, r#"{"malformed_rate":1.0}"#).await;
    let reply = get().await;
    assert_eq!(reply.status, 200);
    assert!(
        quick_xml::Reader::from_str(&reply.body)
            .read_event()
            .is_ok()
    );
    assert!(
        !reply.body.contains("</response>"),
        "truncated: {}",
        reply.body
    );

    set_faults(&r, r#"{"drop_rate":1.0}"#).await;
    let dropped = client()
        .post(format!("{}/srv.asmx/GetUser", r.url()))
        .body(format!("authenticationTicket={t}"))
        .send()
        .await;
    let failed = match dropped {
        Err(_) => true,
        Ok(resp) => resp.text().await.is_err(),
    };
    assert!(failed, "a dropped connection is a transport error");

    set_faults(&r, r#"{"hang_rate":1.0}"#).await;
    let hung = reqwest::Client::builder()
        .timeout(std::time::Duration::from_millis(500))
        .build()
        .unwrap()
        .post(format!("{}/srv.asmx/GetUser", r.url()))
        .body(format!("authenticationTicket={t}"))
        .send()
        .await;
    assert!(hung.unwrap_err().is_timeout());

    set_faults(&r, r#"{"missing_ops":["UpdateUserContactInfo"]}"#).await;
    let missing = call(
        &r,
        Via::Post,
        "UpdateUserContactInfo",
        &[
            ("authenticationTicket", &t),
            ("userName", "jdoe"),
            ("emailAddress", "a@b.c"),
            ("mobileNumber", "1"),
        ],
    )
    .await;
    assert_eq!(missing.status, 404);
    assert_eq!(
        answer(&get().await.body).attr("success"),
        "true",
        "other operations still work"
    );

    set_faults(&r, r#"{"omit_mobile":true}"#).await;
    let u = get_user(&r, &t, "").await;
    assert!(!u.attrs.contains_key("MobileNumber"));

    set_faults(
        &r,
        r#"{"fail_500_rate":1.0,"only_ops":["ChangeUserStatus"]}"#,
    )
    .await;
    assert_eq!(get().await.status, 200);

    // A lost answer: the update is done, the client gets a proxy's 502.
    set_faults(
        &r,
        r#"{"lose_answer_rate":1.0,"only_ops":["UpdateUserEmail"]}"#,
    )
    .await;
    let lost = call(
        &r,
        Via::Post,
        "UpdateUserEmail",
        &[
            ("authenticationTicket", &t),
            ("UserName", "jdoe"),
            ("NewEmailAddress", "lost.answer@example.com"),
        ],
    )
    .await;
    assert_eq!(lost.status, 502);
    assert!(!lost.body.contains("<response"));
    let u = get_user(&r, &t, "").await;
    assert_eq!(u.attrs["Email"], "lost.answer@example.com", "it was done");

    set_faults(&r, r#"{"latency_ms":300}"#).await;
    let started = std::time::Instant::now();
    get().await;
    assert!(started.elapsed() >= std::time::Duration::from_millis(300));
    r.shutdown().await;
}

#[tokio::test]
async fn fault_rates_are_shares_and_reproducible() {
    let mut seen = Vec::new();
    for _ in 0..2 {
        let r = emulator(|c| {
            c.faults.fail_500_rate = 0.3;
            c.seed = 7;
        })
        .await;
        let mut statuses = Vec::new();
        for _ in 0..200 {
            statuses.push(
                call(
                    &r,
                    Via::Post,
                    "isValidTicket",
                    &[("AuthenticationTicket", "x")],
                )
                .await
                .status,
            );
        }
        let failures = statuses.iter().filter(|s| **s == 500).count();
        assert!(
            (40..=80).contains(&failures),
            "{failures} of 200 failed at a 30% rate"
        );
        seen.push(statuses);
        r.shutdown().await;
    }
    assert_eq!(seen[0], seen[1], "the same seed gives the same sequence");
}

#[tokio::test]
async fn control_endpoint_and_logs() {
    let off = emulator(|c| c.control = false).await;
    let resp = client()
        .get(format!("{}/_emulator/log", off.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);
    off.shutdown().await;

    let r = emulator(|_| {}).await;
    let t = sign_in(&r, "jdoe", "Secret123!").await;
    call(
        &r,
        Via::Get,
        "GetUser",
        &[("authenticationTicket", &t), ("UserName", "jdoe")],
    )
    .await;
    let log = client()
        .get(format!("{}/_emulator/log", r.url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let log: serde_json::Value = serde_json::from_str(&log).unwrap();
    let last = log.as_array().unwrap().last().unwrap();
    assert_eq!(
        (
            last["method"].as_str(),
            last["transport"].as_str(),
            last["operation"].as_str()
        ),
        (Some("GET"), Some("get"), Some("GetUser"))
    );
    assert_eq!(last["params"][1], serde_json::json!(["UserName", "jdoe"]));
    assert_eq!(last["success"], true);
    let access = client()
        .get(format!("{}/_emulator/access-log", r.url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        access.contains("POST /srv.asmx/AuthenticateUser 200"),
        "{access}"
    );
    assert!(
        access.contains(&format!("GET /srv.asmx/GetUser?authenticationTicket={t}")),
        "GET puts the ticket in the URL: {access}"
    );

    let resp = client()
        .post(format!("{}/_emulator/expire", r.url()))
        .header("Content-Type", "application/json")
        .body(r#"{"user":"jdoe"}"#)
        .send()
        .await
        .unwrap();
    assert!(resp.text().await.unwrap().contains("\"expired\":1"));
    let a = answer(
        &call(
            &r,
            Via::Post,
            "GetUser",
            &[("authenticationTicket", &t), ("UserName", "")],
        )
        .await
        .body,
    );
    assert_eq!(a.attr("error"), "[901] Session expired or Invalid ticket");

    let admin = sign_in(&r, "admin", "Admin123!").await;
    call(
        &r,
        Via::Post,
        "UpdateUserEmail",
        &[
            ("authenticationTicket", &admin),
            ("UserName", "jdoe"),
            ("NewEmailAddress", "changed@example.com"),
        ],
    )
    .await;
    client()
        .post(format!("{}/_emulator/reset", r.url()))
        .send()
        .await
        .unwrap();
    let admin = sign_in(&r, "admin", "Admin123!").await;
    assert_eq!(
        get_user(&r, &admin, "jdoe").await.attr("Email"),
        "john.doe@example.com"
    );
    r.shutdown().await;
}

#[tokio::test]
async fn refuses_non_loopback_addresses() {
    let config = inforouter_emulator::Config {
        listen: "0.0.0.0:0".parse().unwrap(),
        ..Default::default()
    };
    let err = inforouter_emulator::start(config)
        .await
        .err()
        .expect("refused");
    assert!(err.to_string().contains("loopback"));
}
