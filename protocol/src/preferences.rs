//! User preferences: read from `<Preferences>` (attribute or older child-element form) and
//! written as the `xmlPreferences` parameter with only the attributes that changed.

use crate::xml::{Element, escape_attribute, parse_document};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailType {
    Html,
    Text,
}

impl EmailType {
    pub fn as_wire(self) -> &'static str {
        match self {
            EmailType::Html => "HTML",
            EmailType::Text => "TEXT",
        }
    }
    pub fn from_wire(s: &str) -> Option<Self> {
        match s.trim().to_ascii_uppercase().as_str() {
            "HTML" => Some(EmailType::Html),
            "TEXT" => Some(EmailType::Text),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotificationType {
    None,
    Instant,
    DailyReport,
}

impl NotificationType {
    pub const ALL: [NotificationType; 3] = [
        NotificationType::None,
        NotificationType::Instant,
        NotificationType::DailyReport,
    ];

    /// The wire value; note the space in `DAILY REPORT`.
    pub fn as_wire(self) -> &'static str {
        match self {
            NotificationType::None => "NONE",
            NotificationType::Instant => "INSTANT",
            NotificationType::DailyReport => "DAILY REPORT",
        }
    }
    pub fn from_wire(s: &str) -> Option<Self> {
        let upper = s.trim().to_ascii_uppercase().replace('_', " ");
        match upper.as_str() {
            "NONE" => Some(NotificationType::None),
            "INSTANT" => Some(NotificationType::Instant),
            "DAILY REPORT" | "DAILYREPORT" => Some(NotificationType::DailyReport),
            _ => None,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            NotificationType::None => "No notifications",
            NotificationType::Instant => "Instant (an email on each change)",
            NotificationType::DailyReport => "Daily report (one digest a day)",
        }
    }
}

/// Every field is optional: a server may omit any of them, and a change set holds only what
/// changed. `None` means "not known" when read and "leave as is" when written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Preferences {
    pub language: Option<String>,
    pub default_portal: Option<String>,
    pub show_archives: Option<bool>,
    pub show_hiddens: Option<bool>,
    pub notification_type: Option<NotificationType>,
    pub email_type: Option<EmailType>,
    pub attach_document_to_email: Option<bool>,
}

/// Case-insensitive `true`/`false` (`TRUE`, `True`); `1`/`0` too, seen on some builds.
pub fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

impl Preferences {
    /// Reads a `<Preferences>` element: attributes first, then child elements of the same name.
    pub fn from_element(e: &Element) -> Preferences {
        let get = |name: &str| -> Option<String> {
            e.attr(name)
                .map(str::to_string)
                .or_else(|| e.child(name).map(|c| c.text.clone()))
        };
        Preferences {
            language: get("Language"),
            default_portal: get("DefaultPortal"),
            show_archives: get("ShowArchives").and_then(|v| parse_bool(&v)),
            show_hiddens: get("ShowHiddens").and_then(|v| parse_bool(&v)),
            notification_type: get("NotificationType")
                .and_then(|v| NotificationType::from_wire(&v))
                .or_else(|| match get("NotificationTypeId")?.trim() {
                    "0" => Some(NotificationType::None),
                    "1" => Some(NotificationType::Instant),
                    "2" => Some(NotificationType::DailyReport),
                    _ => None,
                }),
            email_type: get("EmailType").and_then(|v| EmailType::from_wire(&v)),
            attach_document_to_email: get("AttachDocumentToEmail").and_then(|v| parse_bool(&v)),
        }
    }

    /// Parses an `xmlPreferences` string (used by tests and by the bulk importer's preview).
    pub fn from_xml(xml: &str) -> Result<Preferences, String> {
        let root = parse_document(xml)?;
        if !root.name.eq_ignore_ascii_case("Preferences") {
            return Err(format!("expected <Preferences>, found <{}>", root.name));
        }
        Ok(Preferences::from_element(&root))
    }

    /// The fields of `self` that differ from `current`; what UpdateUserPreferences should send.
    pub fn changes_from(&self, current: &Preferences) -> Preferences {
        fn pick<T: Clone + PartialEq>(new: &Option<T>, old: &Option<T>) -> Option<T> {
            match new {
                Some(v) if new != old => Some(v.clone()),
                _ => None,
            }
        }
        Preferences {
            language: pick(&self.language, &current.language),
            default_portal: pick(&self.default_portal, &current.default_portal),
            show_archives: pick(&self.show_archives, &current.show_archives),
            show_hiddens: pick(&self.show_hiddens, &current.show_hiddens),
            notification_type: pick(&self.notification_type, &current.notification_type),
            email_type: pick(&self.email_type, &current.email_type),
            attach_document_to_email: pick(
                &self.attach_document_to_email,
                &current.attach_document_to_email,
            ),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Preferences::default()
    }

    /// `self` with every field that `changes` sets replaced: the state after a successful save.
    pub fn apply(&self, changes: &Preferences) -> Preferences {
        Preferences {
            language: changes.language.clone().or_else(|| self.language.clone()),
            default_portal: changes
                .default_portal
                .clone()
                .or_else(|| self.default_portal.clone()),
            show_archives: changes.show_archives.or(self.show_archives),
            show_hiddens: changes.show_hiddens.or(self.show_hiddens),
            notification_type: changes.notification_type.or(self.notification_type),
            email_type: changes.email_type.or(self.email_type),
            attach_document_to_email: changes
                .attach_document_to_email
                .or(self.attach_document_to_email),
        }
    }

    /// The complete block to send with UpdateUserPreferences: `fresh` (the values just re-read
    /// with GetUser) with only what the person changed (`edited` against `saved`, the copy the
    /// form was filled from) applied. A concurrent change by someone else to a preference the
    /// person did not touch survives; the person's own changes win. Correct whether the server
    /// merges the attributes it gets (the seed) or replaces the whole block (the newest page).
    pub fn merge_for_sending(
        saved: &Preferences,
        edited: &Preferences,
        fresh: &Preferences,
    ) -> Preferences {
        fresh.apply(&edited.changes_from(saved))
    }

    /// `<Preferences A="…" />` with only the fields that are set, values escaped so that any
    /// string (quotes, `<`, `&`, line breaks) reads back exactly.
    pub fn to_xml(&self) -> String {
        use quick_xml::Writer;
        use quick_xml::events::attributes::Attribute;
        use quick_xml::events::{BytesStart, Event};
        use quick_xml::name::QName;
        use std::borrow::Cow;

        let bool_wire = |b: bool| if b { "true" } else { "false" };
        let mut fields: Vec<(&str, String)> = Vec::new();
        if let Some(v) = self.email_type {
            fields.push(("EmailType", v.as_wire().into()));
        }
        if let Some(v) = &self.language {
            fields.push(("Language", v.clone()));
        }
        if let Some(v) = self.attach_document_to_email {
            fields.push(("AttachDocumentToEmail", bool_wire(v).into()));
        }
        if let Some(v) = &self.default_portal {
            fields.push(("DefaultPortal", v.clone()));
        }
        if let Some(v) = self.show_hiddens {
            fields.push(("ShowHiddens", bool_wire(v).into()));
        }
        if let Some(v) = self.show_archives {
            fields.push(("ShowArchives", bool_wire(v).into()));
        }
        if let Some(v) = self.notification_type {
            fields.push(("NotificationType", v.as_wire().into()));
        }
        let mut start = BytesStart::new("Preferences");
        for (name, value) in &fields {
            // Already escaped: quick-xml's own escaping leaves line breaks raw, and those
            // would be folded to spaces by the server's parser.
            start.push_attribute(Attribute {
                key: QName(name),
                value: Cow::Owned(escape_attribute(value)),
            });
        }
        let mut writer = Writer::new(Vec::new());
        writer
            .write_event(Event::Empty(start))
            .expect("writing to a Vec cannot fail");
        String::from_utf8(writer.into_inner()).expect("quick-xml writes UTF-8")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_what_is_set() {
        let p = Preferences {
            notification_type: Some(NotificationType::DailyReport),
            ..Default::default()
        };
        assert_eq!(
            p.to_xml(),
            r#"<Preferences NotificationType="DAILY REPORT"/>"#
        );
        assert_eq!(Preferences::default().to_xml(), "<Preferences/>");
    }

    #[test]
    fn writes_the_documented_example_shape() {
        let p = Preferences {
            email_type: Some(EmailType::Html),
            language: Some("English".into()),
            attach_document_to_email: Some(false),
            default_portal: Some(String::new()),
            show_hiddens: Some(false),
            show_archives: Some(false),
            notification_type: Some(NotificationType::Instant),
        };
        assert_eq!(
            p.to_xml(),
            r#"<Preferences EmailType="HTML" Language="English" AttachDocumentToEmail="false" DefaultPortal="" ShowHiddens="false" ShowArchives="false" NotificationType="INSTANT"/>"#
        );
        assert_eq!(Preferences::from_xml(&p.to_xml()).unwrap(), p);
    }

    #[test]
    fn hostile_values_round_trip() {
        let p = Preferences {
            default_portal: Some("R&D <main> \"x\" 'y'\n\ttab".into()),
            language: Some("日本語".into()),
            ..Default::default()
        };
        assert_eq!(Preferences::from_xml(&p.to_xml()).unwrap(), p);
    }

    #[test]
    fn reads_both_forms_and_any_boolean_case() {
        let attr = Preferences::from_xml(
            r#"<Preferences Language="English" ShowArchives="TRUE" ShowHiddens="False" NotificationType="DAILY REPORT" NotificationTypeId="2" EmailType="TEXT" AttachDocumentToEmail="FALSE"/>"#,
        )
        .unwrap();
        assert_eq!(attr.show_archives, Some(true));
        assert_eq!(attr.show_hiddens, Some(false));
        assert_eq!(attr.notification_type, Some(NotificationType::DailyReport));
        assert_eq!(attr.email_type, Some(EmailType::Text));
        let child = Preferences::from_xml(
            "<Preferences><Language>Deutsch</Language><NotificationTypeId>0</NotificationTypeId></Preferences>",
        )
        .unwrap();
        assert_eq!(child.language.as_deref(), Some("Deutsch"));
        assert_eq!(child.notification_type, Some(NotificationType::None));
        assert!(Preferences::from_xml("<Prefs/>").is_err());
    }

    #[test]
    fn merge_keeps_a_concurrent_change_the_person_did_not_touch() {
        let saved = Preferences::from_xml(
            r#"<Preferences Language="English" DefaultPortal="" ShowArchives="FALSE" ShowHiddens="FALSE" NotificationType="INSTANT" EmailType="HTML" AttachDocumentToEmail="FALSE"/>"#,
        )
        .unwrap();
        let mut edited = saved.clone();
        edited.show_archives = Some(true);
        // Meanwhile someone else switched the digest on and the language to German.
        let mut fresh = saved.clone();
        fresh.notification_type = Some(NotificationType::DailyReport);
        fresh.language = Some("Deutsch".into());
        let sent = Preferences::merge_for_sending(&saved, &edited, &fresh);
        assert_eq!(sent.show_archives, Some(true), "the person's change");
        assert_eq!(
            sent.notification_type,
            Some(NotificationType::DailyReport),
            "the other change survives"
        );
        assert_eq!(sent.language.as_deref(), Some("Deutsch"));
        // All seven are sent.
        let xml = sent.to_xml();
        for name in [
            "Language",
            "DefaultPortal",
            "ShowArchives",
            "ShowHiddens",
            "NotificationType",
            "EmailType",
            "AttachDocumentToEmail",
        ] {
            assert!(xml.contains(&format!(" {name}=")), "{name} in {xml}");
        }
        // The person's change wins over a concurrent one to the same preference.
        let mut fresh = saved.clone();
        fresh.show_archives = Some(false);
        fresh.email_type = Some(EmailType::Text);
        let mut edited = saved.clone();
        edited.email_type = Some(EmailType::Html);
        edited.show_archives = Some(true);
        let sent = Preferences::merge_for_sending(&saved, &edited, &fresh);
        assert_eq!(sent.show_archives, Some(true));
        assert_eq!(
            sent.email_type,
            Some(EmailType::Text),
            "not edited by the person (HTML was the saved value): the fresh value stays"
        );
    }

    #[test]
    fn changes_hold_only_differences_and_apply_back() {
        let current = Preferences::from_xml(
            r#"<Preferences Language="English" ShowArchives="FALSE" EmailType="HTML"/>"#,
        )
        .unwrap();
        let mut edited = current.clone();
        edited.show_archives = Some(true);
        let changes = edited.changes_from(&current);
        assert_eq!(
            changes,
            Preferences {
                show_archives: Some(true),
                ..Default::default()
            }
        );
        assert_eq!(current.apply(&changes), edited);
        assert!(current.changes_from(&current).is_empty());
    }
}
