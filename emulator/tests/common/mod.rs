//! Test helpers: an emulator on 127.0.0.1:0, raw GET/POST/SOAP calls, and a small reader for
//! the answer element; `table` states cases as rows of calls and answers.
#![allow(dead_code)]

pub mod table;

use std::collections::HashMap;

use inforouter_emulator::{Config, Running, start};
use quick_xml::Reader;
use quick_xml::events::Event;

pub const TICKET_SAMPLE: &str = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

pub async fn emulator(tweak: impl FnOnce(&mut Config)) -> Running {
    let mut config = Config {
        control: true,
        listen: "127.0.0.1:0".parse().unwrap(),
        ..Config::default()
    };
    tweak(&mut config);
    start(config).await.expect("emulator starts")
}

/// Replaces the emulator's fault settings (JSON, as the control endpoint takes them).
pub async fn set_faults(r: &Running, json: &str) {
    let resp = client()
        .put(format!("{}/_emulator/faults", r.url()))
        .header("Content-Type", "application/json")
        .body(json.to_string())
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success());
}

/// One client for the whole test binary: building one loads TLS roots, which in a debug
/// build costs more than the calls it makes (the hostile-strings run took four minutes). No
/// idle connections are kept: each test has its own runtime, and a pooled connection must
/// not outlive the runtime that opened it.
pub fn client() -> reqwest::Client {
    static CLIENT: std::sync::OnceLock<reqwest::Client> = std::sync::OnceLock::new();
    CLIENT
        .get_or_init(|| {
            reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(120))
                .pool_max_idle_per_host(0)
                .build()
                .unwrap()
        })
        .clone()
}

/// Percent-encodes everything but unreserved characters.
pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

pub fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Via {
    Get,
    Post,
    Soap,
}

pub struct Reply {
    pub status: u16,
    pub body: String,
}

pub async fn call(r: &Running, via: Via, op: &str, pairs: &[(&str, &str)]) -> Reply {
    let c = client();
    let url = format!("{}/srv.asmx/{op}", r.url());
    let resp = match via {
        Via::Get => c.get(format!("{url}?{}", form(pairs))).send().await,
        Via::Post => c.post(url).header("Content-Type", "application/x-www-form-urlencoded").body(form(pairs)).send().await,
        Via::Soap => {
            let params: String = pairs.iter().map(|(k, v)| format!("<tns:{k}>{}</tns:{k}>", xml_escape(v))).collect();
            let envelope = format!(
                r#"<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tns="http://tempuri.org/"><soap:Body><tns:{op}>{params}</tns:{op}></soap:Body></soap:Envelope>"#
            );
            c.post(format!("{}/srv.asmx", r.url()))
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", format!("\"http://tempuri.org/{op}\""))
                .body(envelope)
                .send()
                .await
        }
    }
    .expect("request answered");
    let status = resp.status().as_u16();
    Reply {
        status,
        body: resp.text().await.unwrap(),
    }
}

pub async fn raw_post(
    r: &Running,
    path: &str,
    content_type: &str,
    body: &str,
    extra: Option<(&str, &str)>,
) -> Reply {
    let mut req = client()
        .post(format!("{}{path}", r.url()))
        .header("Content-Type", content_type)
        .body(body.to_string());
    if let Some((k, v)) = extra {
        req = req.header(k, v);
    }
    let resp = req.send().await.unwrap();
    Reply {
        status: resp.status().as_u16(),
        body: resp.text().await.unwrap(),
    }
}

pub fn xml_escape(v: &str) -> String {
    v.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One element: name, attributes (decoded) and children.
#[derive(Debug, Clone, Default)]
pub struct El {
    pub name: String,
    pub attrs: HashMap<String, String>,
    pub children: Vec<El>,
}

impl El {
    pub fn attr(&self, k: &str) -> &str {
        self.attrs
            .get(k)
            .map(String::as_str)
            .unwrap_or_else(|| panic!("no attribute {k} on <{}>: {:?}", self.name, self.attrs))
    }
    pub fn find(&self, name: &str) -> Option<&El> {
        if self.name == name {
            return Some(self);
        }
        self.children.iter().find_map(|c| c.find(name))
    }
}

/// The srv.asmx answer element of a bare or SOAP answer.
pub fn answer(body: &str) -> El {
    let doc = parse(body);
    if doc.name == "Envelope" {
        let result = &doc.children[0].children[0].children[0];
        assert!(result.name.ends_with("Result"), "{body}");
        return result.children[0].clone();
    }
    doc
}

pub fn parse(body: &str) -> El {
    let mut reader = Reader::from_str(body);
    let mut stack: Vec<El> = Vec::new();
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("bad XML {e}: {body}"))
        {
            Event::Start(e) => stack.push(open(&e)),
            Event::Empty(e) => {
                let el = open(&e);
                match stack.last_mut() {
                    Some(p) => p.children.push(el),
                    None => return el,
                }
            }
            Event::End(_) => {
                let el = stack.pop().unwrap();
                match stack.last_mut() {
                    Some(p) => p.children.push(el),
                    None => return el,
                }
            }
            Event::Eof => panic!("no document element: {body}"),
            _ => {}
        }
    }
}

fn open(e: &quick_xml::events::BytesStart) -> El {
    let mut el = El {
        name: e.local_name().as_ref().to_string(),
        ..El::default()
    };
    for a in e.attributes() {
        let a = a.unwrap();
        let v = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .unwrap()
            .into_owned();
        el.attrs.insert(a.key.local_name().as_ref().to_string(), v);
    }
    el
}

pub async fn sign_in(r: &Running, user: &str, password: &str) -> String {
    let reply = call(
        r,
        Via::Post,
        "AuthenticateUser",
        &[("UID", user), ("PWD", password)],
    )
    .await;
    let a = answer(&reply.body);
    assert_eq!(a.attr("success"), "true", "{}", reply.body);
    a.attr("ticket").to_string()
}

pub async fn get_user(r: &Running, ticket: &str, name: &str) -> El {
    let reply = call(
        r,
        Via::Post,
        "GetUser",
        &[("authenticationTicket", ticket), ("UserName", name)],
    )
    .await;
    let a = answer(&reply.body);
    assert_eq!(a.attr("success"), "true", "{}", reply.body);
    a.find("User").unwrap().clone()
}
