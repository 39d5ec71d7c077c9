//! A minimal HTTP/1.1 client for the emulator's control endpoint (loopback only).

use std::net::SocketAddr;

use anyhow::{Result, bail};
use tokio::net::TcpStream;

pub async fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: Option<&str>,
) -> Result<String> {
    if !addr.ip().is_loopback() {
        bail!("control requests go to loopback only, not {addr}");
    }
    let mut stream = TcpStream::connect(addr).await?;
    let body = body.unwrap_or("");
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    crate::write_all(&mut stream, head.as_bytes()).await?;
    crate::write_all(&mut stream, body.as_bytes()).await?;
    let raw = String::from_utf8(crate::read_all(&mut stream).await?)?;
    let (head, rest) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    if !head.starts_with("HTTP/1.1 2") {
        bail!("{method} {path}: {}", head.lines().next().unwrap_or(""));
    }
    // Chunked answers are decoded; others are taken as they are.
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        let mut out = String::new();
        let mut rest = rest;
        while let Some((size, tail)) = rest.split_once("\r\n") {
            let n = usize::from_str_radix(size.trim(), 16)?;
            if n == 0 {
                break;
            }
            out.push_str(&tail[..n]);
            rest = &tail[n + 2..];
        }
        return Ok(out);
    }
    Ok(rest.to_string())
}

/// A form POST, as a portal's backend would sign in.
pub async fn post_form(addr: SocketAddr, path: &str, form: &str) -> Result<String> {
    post(addr, path, "application/x-www-form-urlencoded", "", form).await
}

/// A SOAP 1.1 call, as a server with GET and POST switched off takes it.
pub async fn post_soap(
    addr: SocketAddr,
    path: &str,
    operation: &str,
    envelope: &str,
) -> Result<String> {
    let action = format!("SOAPAction: \"http://tempuri.org/{operation}\"\r\n");
    post(addr, path, "text/xml; charset=utf-8", &action, envelope).await
}

async fn post(
    addr: SocketAddr,
    path: &str,
    content_type: &str,
    headers: &str,
    body: &str,
) -> Result<String> {
    if !addr.ip().is_loopback() {
        bail!("requests go to loopback only, not {addr}");
    }
    let mut stream = TcpStream::connect(addr).await?;
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: {content_type}\r\n{headers}Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    crate::write_all(&mut stream, head.as_bytes()).await?;
    let raw = String::from_utf8(crate::read_all(&mut stream).await?)?;
    Ok(raw
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default())
}
