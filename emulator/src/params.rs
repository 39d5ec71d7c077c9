//! Reading a call's parameters from a query string, a form body or a SOAP 1.1 envelope.
//! Names match case-insensitively, as ASP.NET binds them.

use quick_xml::Reader;
use quick_xml::events::Event;

#[derive(Debug, Clone, Default)]
pub struct Params {
    pub pairs: Vec<(String, String)>,
}

/// `[903]Required parameter.'X'`.
pub struct Missing(pub &'static str);

impl Params {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn required(&self, name: &'static str) -> Result<&str, Missing> {
        self.get(name).ok_or(Missing(name))
    }
    pub fn or_empty(&self, name: &str) -> &str {
        self.get(name).unwrap_or("")
    }
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Form decoding: `+` is a space, `%XX` a byte; invalid escapes are kept literally (as
/// ASP.NET does) and invalid UTF-8 becomes U+FFFD.
pub fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub fn from_urlencoded(s: &str) -> Params {
    let pairs = s
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode_component(k), decode_component(v))
        })
        .collect();
    Params { pairs }
}

/// The operation named by the element inside `soap:Body`, and its child elements as
/// parameters. A parameter holding markup (the seeds' unescaped `<Preferences/>`) keeps it.
pub fn from_soap(body: &str) -> Result<(String, Params), String> {
    let mut reader = Reader::from_str(body);
    let mut depth_body: Option<usize> = None;
    let mut depth = 0usize;
    let mut operation: Option<String> = None;
    let mut pairs = Vec::new();
    // (name, start offset of content, has child elements)
    let mut current: Option<(String, usize, bool)> = None;
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|e| format!("not well-formed XML: {e}"))?;
        let after = reader.buffer_position() as usize;
        match event {
            Event::Start(e) => {
                depth += 1;
                let name = e.local_name().as_ref().to_string();
                match (depth_body, &operation) {
                    (None, _) if name == "Body" => depth_body = Some(depth),
                    (Some(b), None) if depth == b + 1 => operation = Some(name),
                    (Some(b), Some(_)) if depth == b + 2 => current = Some((name, after, false)),
                    (Some(b), Some(_)) if depth > b + 2 => {
                        if let Some(c) = current.as_mut() {
                            c.2 = true;
                        }
                    }
                    _ => {}
                }
            }
            Event::Empty(e) => {
                let name = e.local_name().as_ref().to_string();
                match (depth_body, &operation) {
                    (Some(b), None) if depth == b => operation = Some(name),
                    (Some(b), Some(_)) if depth == b + 1 => pairs.push((name, String::new())),
                    (Some(b), Some(_)) if depth > b + 1 => {
                        if let Some(c) = current.as_mut() {
                            c.2 = true;
                        }
                    }
                    _ => {}
                }
            }
            Event::End(_) => {
                if let (Some(b), Some((name, start, markup))) = (depth_body, current.as_ref())
                    && depth == b + 2
                {
                    let raw = body[*start..before].to_string();
                    let value = if *markup {
                        raw.trim().to_string()
                    } else {
                        quick_xml::escape::unescape(&raw)
                            .map_err(|e| format!("bad escape in {name}: {e}"))?
                            .into_owned()
                    };
                    pairs.push((name.clone(), value));
                    current = None;
                }
                depth = depth.saturating_sub(1);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let operation = operation.ok_or("no operation inside soap:Body")?;
    Ok((operation, Params { pairs }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_decoding() {
        let p = from_urlencoded("UserName=o%27brien+%26+co&MobileNumber=%2B1555&Bad=%zz&Empty=");
        assert_eq!(p.get("username"), Some("o'brien & co"));
        assert_eq!(p.get("mobilenumber"), Some("+1555"));
        assert_eq!(p.get("bad"), Some("%zz"));
        assert_eq!(p.get("empty"), Some(""));
        assert_eq!(from_urlencoded("a=%").get("a"), Some("%"));
        assert_eq!(from_urlencoded("a=%4").get("a"), Some("%4"));
    }

    #[test]
    fn soap_forms() {
        let (op, p) = from_soap(r#"<soap:Envelope xmlns:soap="s" xmlns:tns="http://tempuri.org/"><soap:Body><tns:UpdateUserPreferences><tns:AuthenticationTicket>t</tns:AuthenticationTicket><tns:UserName>a &amp; b</tns:UserName><tns:XmlPreferences><Preferences EmailType="HTML" /></tns:XmlPreferences><tns:Empty/></tns:UpdateUserPreferences></soap:Body></soap:Envelope>"#).unwrap();
        assert_eq!(op, "UpdateUserPreferences");
        assert_eq!(p.get("authenticationticket"), Some("t"));
        assert_eq!(p.get("UserName"), Some("a & b"));
        assert_eq!(
            p.get("xmlPreferences"),
            Some(r#"<Preferences EmailType="HTML" />"#)
        );
        assert_eq!(p.get("Empty"), Some(""));
        let (op, p) = from_soap(r#"<?xml version="1.0"?><soap:Envelope xmlns:soap="s"><soap:Body><LogOut xmlns="http://tempuri.org/"><AuthenticationTicket>x</AuthenticationTicket></LogOut></soap:Body></soap:Envelope>"#).unwrap();
        assert_eq!(op, "LogOut");
        assert_eq!(p.get("AuthenticationTicket"), Some("x"));
    }
}
