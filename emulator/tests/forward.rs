//! Upstream mode: one emulator forwards srv.asmx to another on loopback (standing in for a
//! real infoRouter under /infoRouter, as on IIS), and every call comes back as it was answered.

mod common;

use common::*;

/// The real-server stand-in, at /infoRouter/srv.asmx, and a forwarder at /srv.asmx.
async fn pair() -> (inforouter_emulator::Running, inforouter_emulator::Running) {
    let server = emulator(|c| c.service_prefix = Some("/infoRouter".into())).await;
    let upstream = format!("{}/infoRouter", server.url());
    let forwarder = emulator(|c| {
        c.upstream = Some(upstream);
        c.control = true;
    })
    .await;
    (server, forwarder)
}

async fn server_log(server: &inforouter_emulator::Running) -> Vec<serde_json::Value> {
    let text = client()
        .get(format!("{}/_emulator/log", server.url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    serde_json::from_str(&text).unwrap()
}

#[tokio::test]
async fn get_post_and_soap_are_forwarded_unchanged() {
    let (server, forwarder) = pair().await;
    let login = call(
        &forwarder,
        Via::Post,
        "AuthenticateUser",
        &[("UID", "jdoe"), ("PWD", "Secret123!")],
    )
    .await;
    assert_eq!(login.status, 200, "{}", login.body);
    let ticket = parse(&login.body).attr("ticket").to_string();

    // The same call, forwarded or straight to the server, answers the same.
    let pairs = [
        ("authenticationTicket", ticket.as_str()),
        ("UserName", "jdoe"),
    ];
    for via in [Via::Get, Via::Post, Via::Soap] {
        let forwarded = call(&forwarder, via, "GetUser", &pairs).await;
        let direct = {
            let c = client();
            let url = format!("{}/infoRouter/srv.asmx/GetUser", server.url());
            let resp = match via {
                Via::Get => c.get(format!("{url}?{}", form(&pairs))).send().await,
                Via::Post => {
                    c.post(url)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .body(form(&pairs))
                        .send()
                        .await
                }
                Via::Soap => {
                    let reply = raw_soap(&format!("{}/infoRouter", server.url()), &ticket).await;
                    assert_eq!(forwarded.body, reply);
                    continue;
                }
            }
            .unwrap();
            resp.text().await.unwrap()
        };
        assert_eq!(forwarded.status, 200, "{via:?}");
        assert_eq!(forwarded.body, direct, "{via:?}");
    }

    // The server saw each call as sent: method, transport, operation, parameters, the URI
    // under its own prefix.
    let log = server_log(&server).await;
    let seen: Vec<(String, String, String)> = log
        .iter()
        .map(|e| {
            (
                e["method"].as_str().unwrap().to_string(),
                e["transport"].as_str().unwrap().to_string(),
                e["operation"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for expected in [
        ("POST", "post", "AuthenticateUser"),
        ("GET", "get", "GetUser"),
        ("POST", "post", "GetUser"),
        ("POST", "soap", "GetUser"),
    ] {
        assert!(
            seen.iter()
                .any(|s| (s.0.as_str(), s.1.as_str(), s.2.as_str()) == expected),
            "{expected:?} not in {seen:?}"
        );
    }
    let get = log
        .iter()
        .find(|e| e["transport"] == "get")
        .expect("a GET call");
    assert!(
        get["url"]
            .as_str()
            .unwrap()
            .starts_with("/infoRouter/srv.asmx/GetUser?authenticationTicket="),
        "{get}"
    );
    server.shutdown().await;
    forwarder.shutdown().await;
}

async fn raw_soap(base: &str, ticket: &str) -> String {
    let envelope = format!(
        r#"<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tns="http://tempuri.org/"><soap:Body><tns:GetUser><tns:authenticationTicket>{ticket}</tns:authenticationTicket><tns:UserName>jdoe</tns:UserName></tns:GetUser></soap:Body></soap:Envelope>"#
    );
    client()
        .post(format!("{base}/srv.asmx"))
        .header("Content-Type", "text/xml; charset=utf-8")
        .header("SOAPAction", "\"http://tempuri.org/GetUser\"")
        .body(envelope)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn errors_come_back_with_their_status_and_content_type() {
    let (server, forwarder) = pair().await;
    let resp = client()
        .get(format!("{}/srv.asmx/NoSuchOperation", forwarder.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 500);
    assert_eq!(
        resp.headers()["content-type"].to_str().unwrap(),
        "text/html; charset=utf-8"
    );
    assert!(resp.text().await.unwrap().contains("NoSuchOperation"));
    // An API error stays HTTP 200 with success="false".
    let bad = call(
        &forwarder,
        Via::Post,
        "AuthenticateUser",
        &[("UID", "jdoe"), ("PWD", "wrong")],
    )
    .await;
    assert_eq!(bad.status, 200);
    assert_eq!(parse(&bad.body).attr("success").to_lowercase(), "false");
    // The forwarder's own access log has the calls, as a web server would.
    let access = client()
        .get(format!("{}/_emulator/access-log", forwarder.url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        access.contains("GET /srv.asmx/NoSuchOperation 500"),
        "{access}"
    );
    server.shutdown().await;
    forwarder.shutdown().await;
}

#[tokio::test]
async fn an_unreachable_upstream_is_a_502() {
    // A port nothing listens on: bind, note it, close.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let forwarder = emulator(|c| c.upstream = Some(format!("http://127.0.0.1:{port}"))).await;
    let reply = call(&forwarder, Via::Post, "AuthenticateUser", &[("UID", "x")]).await;
    assert_eq!(reply.status, 502);
    assert!(reply.body.contains("did not answer"), "{}", reply.body);
    forwarder.shutdown().await;
}

#[tokio::test]
async fn bad_upstreams_and_prefixes_are_refused() {
    for bad in [
        "ftp://ir.example.com/",
        "ir.example.com",
        "https://u:p@ir.example.com/",
    ] {
        let config = inforouter_emulator::Config {
            listen: "127.0.0.1:0".parse().unwrap(),
            upstream: Some(bad.into()),
            ..Default::default()
        };
        assert!(inforouter_emulator::start(config).await.is_err(), "{bad}");
    }
    for bad in ["infoRouter", "/info Router", "/a/../b"] {
        let config = inforouter_emulator::Config {
            listen: "127.0.0.1:0".parse().unwrap(),
            service_prefix: Some(bad.into()),
            ..Default::default()
        };
        let err = inforouter_emulator::start(config).await.err().expect(bad);
        assert!(err.to_string().contains("--service-prefix"), "{err}");
    }
}

#[tokio::test]
async fn with_a_prefix_srv_asmx_moves_under_it() {
    let server = emulator(|c| c.service_prefix = Some("/infoRouter/".into())).await;
    let c = client();
    let at = |path: &str| format!("{}{path}", server.url());
    let ok = c
        .post(at("/infoRouter/srv.asmx/AuthenticateUser"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("UID=jdoe&PWD=Secret123%21")
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status().as_u16(), 200);
    assert!(ok.text().await.unwrap().contains("success=\"true\""));
    let old = c
        .post(at("/srv.asmx/AuthenticateUser"))
        .body("UID=jdoe")
        .send()
        .await
        .unwrap();
    assert_eq!(old.status().as_u16(), 404);
    server.shutdown().await;
}
