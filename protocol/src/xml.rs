//! A small owned element tree over quick-xml: srv.asmx answers are tiny, and a tree lets the
//! typed parsers look attributes up by name without caring about order, case or nesting.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;

/// Deeper nesting than this is not a srv.asmx answer; refusing it keeps hostile input cheap.
const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Element {
    /// Local name, namespace prefix removed (`soap:Body` → `Body`).
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Element>,
    /// Concatenated character data directly inside this element.
    pub text: String,
}

impl Element {
    /// Attribute by name, ignoring ASCII case (servers differ: `userid` vs `UserID`).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// First direct child with this local name, ignoring ASCII case.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(name))
    }

    /// First element with this local name in a depth-first walk, self included.
    pub fn find(&self, name: &str) -> Option<&Element> {
        if self.name.eq_ignore_ascii_case(name) {
            return Some(self);
        }
        self.children.iter().find_map(|c| c.find(name))
    }
}

/// Parses one XML document and returns its document element.
/// Errors are short human-readable reasons.
pub fn parse_document(text: &str) -> Result<Element, String> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "not well-formed XML at byte {}: {e}",
                reader.error_position()
            )
        })?;
        match event {
            Event::Start(start) => {
                if root.is_some() {
                    return Err("content after the document element".into());
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(format!("elements nested deeper than {MAX_DEPTH}"));
                }
                stack.push(open(&start)?);
            }
            Event::Empty(start) => {
                if root.is_some() {
                    return Err("content after the document element".into());
                }
                let element = open(&start)?;
                close(&mut stack, &mut root, element);
            }
            Event::End(_) => {
                let element = stack.pop().ok_or("unexpected end tag")?;
                close(&mut stack, &mut root, element);
            }
            Event::Text(t) => append_text(&mut stack, &t.xml10_content())?,
            Event::CData(t) => append_text(&mut stack, &t.xml10_content())?,
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => quick_xml::escape::resolve_predefined_entity(&r)
                        .ok_or_else(|| format!("unknown entity &{};", &*r))?
                        .to_string(),
                    Err(e) => return Err(format!("bad character reference: {e}")),
                };
                append_text(&mut stack, &resolved)?;
            }
            Event::DocType(_) => return Err("DOCTYPE is not allowed in a srv.asmx answer".into()),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err(format!(
            "document ends inside <{}>",
            stack[stack.len() - 1].name
        ));
    }
    root.ok_or_else(|| "no document element".to_string())
}

fn open(start: &BytesStart) -> Result<Element, String> {
    let mut element = Element {
        name: local(start.name()),
        ..Element::default()
    };
    for attr in start.attributes() {
        let attr = attr.map_err(|e| format!("bad attribute: {e}"))?;
        let key = attr.key.as_ref();
        // Namespace declarations are plumbing, not data.
        if key == "xmlns" || key.starts_with("xmlns:") {
            continue;
        }
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| format!("bad value in attribute {key}: {e}"))?;
        element
            .attributes
            .push((local(attr.key), value.into_owned()));
    }
    Ok(element)
}

fn close(stack: &mut [Element], root: &mut Option<Element>, element: Element) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(element),
        None => *root = Some(element),
    }
}

fn append_text(stack: &mut [Element], text: &str) -> Result<(), String> {
    match stack.last_mut() {
        Some(parent) => parent.text.push_str(text),
        // Whitespace between the prolog and the document element is fine; anything else is not.
        None if text.trim().is_empty() => {}
        None => return Err("text outside the document element".into()),
    }
    Ok(())
}

fn local(name: QName) -> String {
    name.local_name().as_ref().to_string()
}

/// Escapes a value for a double-quoted XML attribute so that it reads back byte for byte:
/// tabs and line breaks become character references, or a parser would fold them to spaces.
pub fn escape_attribute(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#x9;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
    out
}

/// Whether XML 1.0 can carry this string at all (it cannot carry most C0 controls,
/// lone surrogates are impossible in Rust strings, and U+FFFE/U+FFFF are excluded).
pub fn is_xml_representable(value: &str) -> bool {
    value.chars().all(|c| {
        matches!(c, '\t' | '\n' | '\r')
            || ('\u{20}'..='\u{D7FF}').contains(&c)
            || ('\u{E000}'..='\u{FFFD}').contains(&c)
            || c >= '\u{10000}'
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nested_elements_attributes_and_text() {
        let doc = parse_document(
            r#"<?xml version="1.0"?><a x="1" Y='&lt;2&gt;'><b>hi &amp; <![CDATA[<there>]]></b><c/></a>"#,
        )
        .unwrap();
        assert_eq!(doc.name, "a");
        assert_eq!(doc.attr("y"), Some("<2>"));
        assert_eq!(doc.child("B").unwrap().text, "hi & <there>");
        assert!(doc.child("c").is_some());
    }

    #[test]
    fn strips_prefixes_and_namespace_declarations() {
        let doc =
            parse_document(r#"<soap:Envelope xmlns:soap="urn:x"><soap:Body/></soap:Envelope>"#)
                .unwrap();
        assert_eq!(doc.name, "Envelope");
        assert!(doc.attributes.is_empty());
        assert_eq!(doc.children[0].name, "Body");
    }

    #[test]
    fn rejects_broken_documents_with_a_reason() {
        for bad in [
            "",
            "<a>",
            "<a></b>",
            "<a/><b/>",
            "text",
            "<a x=1/>",
            "<!DOCTYPE a><a/>",
            "<a>&bogus;</a>",
        ] {
            assert!(parse_document(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn rejects_absurd_nesting() {
        let deep = "<a>".repeat(1000) + &"</a>".repeat(1000);
        assert!(parse_document(&deep).unwrap_err().contains("deeper"));
    }

    #[test]
    fn escaped_attribute_reads_back_exactly() {
        let value = "a\tb\nc\r\nd \"q\" 'a' <&>";
        let doc = parse_document(&format!("<p v=\"{}\"/>", escape_attribute(value))).unwrap();
        assert_eq!(doc.attr("v"), Some(value));
    }
}
