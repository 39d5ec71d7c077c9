//! UpdateUserPreferences' `xmlPreferences`: only the attributes present change; malformed XML,
//! unknown names and unknown values are refused with a reason. The older child-element form
//! (`<Preferences><Language>…</Language></Preferences>`) is accepted too.

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::store::{NOTIFICATION_NAMES, Prefs};
use crate::xml_out::xml_safe;

fn parse_bool(name: &str, v: &str) -> Result<bool, String> {
    match v.trim().to_ascii_lowercase().as_str() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(format!("{name} must be true or false, not '{v}'")),
    }
}

fn set(prefs: &mut Prefs, name: &str, value: &str) -> Result<(), String> {
    if !xml_safe(value) {
        return Err(format!("{name} contains characters that XML cannot carry"));
    }
    match name.to_ascii_lowercase().as_str() {
        "language" => prefs.language = value.to_string(),
        "defaultportal" => prefs.default_portal = value.to_string(),
        "showarchives" => prefs.show_archives = parse_bool(name, value)?,
        "showhiddens" => prefs.show_hiddens = parse_bool(name, value)?,
        "attachdocumenttoemail" => prefs.attach = parse_bool(name, value)?,
        "emailtype" => {
            let v = value.trim().to_ascii_uppercase();
            if v != "HTML" && v != "TEXT" {
                return Err(format!("EmailType must be HTML or TEXT, not '{value}'"));
            }
            prefs.email_type = v;
        }
        "notificationtype" => {
            let v = value.trim().to_ascii_uppercase();
            prefs.notification =
                NOTIFICATION_NAMES
                    .iter()
                    .position(|n| *n == v)
                    .ok_or_else(|| {
                        format!(
                            "NotificationType must be NONE, INSTANT or DAILY REPORT, not '{value}'"
                        )
                    })? as u8;
        }
        _ => return Err(format!("unknown preference '{name}'")),
    }
    Ok(())
}

pub fn apply_preferences(current: &Prefs, xml: &str) -> Result<Prefs, String> {
    let mut prefs = current.clone();
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    // 0: before <Preferences>, 1: inside it, 2: inside a child element, 3: after it.
    let mut depth = 0u8;
    let mut child: Option<(String, String)> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("malformed XML: {e}"))?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            let name = e.local_name().as_ref().to_string();
            match depth {
                0 => {
                    if name != "Preferences" {
                        return Err(format!(
                            "the root element must be <Preferences>, not <{name}>"
                        ));
                    }
                    for attr in e.attributes() {
                        let attr = attr.map_err(|e| format!("malformed attribute: {e}"))?;
                        let value = attr
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map_err(|e| format!("malformed attribute value: {e}"))?;
                        set(&mut prefs, attr.key.local_name().as_ref(), &value)?;
                    }
                    depth = if empty { 3 } else { 1 };
                }
                1 if empty => set(&mut prefs, &name, "")?,
                1 => {
                    child = Some((name, String::new()));
                    depth = 2;
                }
                2 => return Err("preferences nest at most one level".into()),
                _ => return Err("content after </Preferences>".into()),
            }
            continue;
        }
        match event {
            Event::Text(t) => {
                let text = t.xml10_content();
                match (depth, child.as_mut()) {
                    (2, Some(c)) => c.1.push_str(&text),
                    _ if text.trim().is_empty() => {}
                    _ => return Err("unexpected text outside a preference".into()),
                }
            }
            Event::CData(t) if depth == 2 => {
                if let Some(c) = child.as_mut() {
                    c.1.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => quick_xml::escape::resolve_predefined_entity(&r)
                        .ok_or_else(|| format!("unknown entity &{};", &*r))?
                        .to_string(),
                    Err(e) => return Err(format!("bad character reference: {e}")),
                };
                match (depth, child.as_mut()) {
                    (2, Some(c)) => c.1.push_str(&text),
                    _ => return Err("unexpected text outside a preference".into()),
                }
            }
            Event::End(_) if depth == 2 => {
                let (name, value) = child.take().ok_or("unbalanced elements")?;
                set(&mut prefs, &name, &value)?;
                depth = 1;
            }
            Event::End(_) => depth = 3,
            Event::DocType(_) => return Err("DOCTYPE is not allowed".into()),
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 3 {
        return Err("expected one complete <Preferences> element".into());
    }
    Ok(prefs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Prefs {
        Prefs {
            language: "English".into(),
            default_portal: String::new(),
            show_archives: false,
            show_hiddens: false,
            notification: 1,
            email_type: "HTML".into(),
            attach: false,
        }
    }

    #[test]
    fn only_present_attributes_change() {
        let p = apply_preferences(&base(), r#"<Preferences NotificationType="DAILY REPORT" ShowHiddens="TRUE" DefaultPortal="R&amp;D &lt;x&gt;&#xA;"/>"#).unwrap();
        assert_eq!(p.notification, 2);
        assert!(p.show_hiddens);
        assert_eq!(p.default_portal, "R&D <x>\n");
        assert_eq!(p.language, "English");
    }

    #[test]
    fn child_element_form() {
        let p = apply_preferences(&base(), "<Preferences><Language>Deutsch &amp; more</Language><EmailType>text</EmailType></Preferences>").unwrap();
        assert_eq!(p.language, "Deutsch & more");
        assert_eq!(p.email_type, "TEXT");
    }

    #[test]
    fn refusals_say_why() {
        for (xml, why) in [
            ("<Preferences", "malformed"),
            ("<Prefs/>", "root element"),
            (r#"<Preferences Colour="red"/>"#, "unknown preference"),
            (
                r#"<Preferences NotificationType="WEEKLY"/>"#,
                "NONE, INSTANT or DAILY REPORT",
            ),
            (r#"<Preferences ShowHiddens="yes"/>"#, "true or false"),
            (r#"<Preferences EmailType="PDF"/>"#, "HTML or TEXT"),
            ("", "complete"),
            ("<Preferences/><Preferences/>", "after"),
        ] {
            let e = apply_preferences(&base(), xml).unwrap_err();
            assert!(e.contains(why), "{xml}: {e}");
        }
    }
}
