//! Reading the items an answer carries (`<usergroups><usergroup/>…`, `<domains><domain/>…`,
//! `<TaskRedirections>…`, `<users>…`): one reader for every list, as tolerant as the rest of
//! the crate. Element names are matched ignoring ASCII case, so `<UserGroups>` (one page) and
//! `<usergroups>` (the others) are the same list, under a `<root>` or a `<response>`.

use crate::preferences::parse_bool;
use crate::xml::Element;

/// A typed item of an answer and where it stands.
pub trait AnswerItem: Sized {
    /// The element holding the items, as the pages spell it.
    const LIST: &'static str;
    /// One item's element.
    const ITEM: &'static str;
    fn read_item(element: &Element) -> Result<Self, String>;
}

/// Every item of the answer's list. No list element is an empty list (a bare root is how some
/// servers say "none"); items straight under the root count as the list.
pub fn read_list<T: AnswerItem>(answer: &Element) -> Result<Vec<T>, String> {
    let list = answer.find(T::LIST).unwrap_or(answer);
    list.children
        .iter()
        .filter(|c| c.name.eq_ignore_ascii_case(T::ITEM))
        .map(T::read_item)
        .collect()
}

/// The one item an answer may hold; `None` when there is none, or only an empty element.
pub fn read_optional<T: AnswerItem>(answer: &Element) -> Result<Option<T>, String> {
    match answer.find(T::ITEM) {
        Some(item) if !is_blank(item) => T::read_item(item).map(Some),
        _ => Ok(None),
    }
}

/// The one item an answer must hold.
pub fn read_one<T: AnswerItem>(answer: &Element) -> Result<T, String> {
    read_optional(answer)?.ok_or_else(|| format!("the answer has no <{}>", T::ITEM))
}

fn is_blank(element: &Element) -> bool {
    element.attributes.is_empty() && element.children.is_empty() && element.text.trim().is_empty()
}

/// An attribute's value, trimmed; empty when absent.
pub(crate) fn attr_text(element: &Element, name: &str) -> String {
    element.attr(name).unwrap_or_default().trim().to_string()
}

/// A `True`/`TRUE`/`true`/`1` flag; absent or unreadable is `false` (the pages' default state
/// for every flag read this way: not public, not anonymous, not archived, not hidden).
pub(crate) fn attr_flag(element: &Element, name: &str) -> bool {
    element.attr(name).and_then(parse_bool).unwrap_or(false)
}

/// A child element's text, trimmed, or else the attribute of that name (an answer writing
/// its fields the other way round is still read).
pub(crate) fn field_text(element: &Element, name: &str) -> String {
    match element.child(name) {
        Some(child) => child.text.trim().to_string(),
        None => attr_text(element, name),
    }
}

/// Reads a required name: an item without one cannot be addressed, so it is malformed.
pub(crate) fn required_name(value: String, item: &str, field: &str) -> Result<String, String> {
    if value.is_empty() {
        return Err(format!("a <{item}> without {field}"));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::parse_document;

    struct Named(String);

    impl AnswerItem for Named {
        const LIST: &'static str = "things";
        const ITEM: &'static str = "thing";
        fn read_item(e: &Element) -> Result<Named, String> {
            required_name(attr_text(e, "Name"), Self::ITEM, "Name").map(Named)
        }
    }

    fn names(xml: &str) -> Result<Vec<String>, String> {
        let answer = parse_document(xml).unwrap();
        Ok(read_list::<Named>(&answer)?
            .into_iter()
            .map(|n| n.0)
            .collect())
    }

    #[test]
    fn lists_are_found_in_any_case_or_straight_under_the_root() {
        assert_eq!(
            names(r#"<root><Things><THING name=" a "/><other/><thing Name="b"/></Things></root>"#),
            Ok(vec!["a".into(), "b".into()])
        );
        assert_eq!(
            names(r#"<root><thing Name="c"/></root>"#),
            Ok(vec!["c".into()])
        );
        assert_eq!(names(r#"<root success="true"/>"#), Ok(vec![]));
        assert!(names(r#"<root><things><thing/></things></root>"#).is_err());
    }

    #[test]
    fn an_empty_single_item_is_none() {
        let read = |xml: &str| {
            read_optional::<Named>(&parse_document(xml).unwrap()).map(|o| o.map(|n| n.0))
        };
        assert_eq!(read(r#"<root/>"#), Ok(None));
        assert_eq!(read(r#"<root><thing/></root>"#), Ok(None));
        assert_eq!(
            read(r#"<root><thing Name="x"/></root>"#),
            Ok(Some("x".into()))
        );
        assert!(read_one::<Named>(&parse_document("<root/>").unwrap()).is_err());
    }

    #[test]
    fn fields_are_elements_or_attributes() {
        let e = parse_document(r#"<t A=" 1 "><B> two </B></t>"#).unwrap();
        assert_eq!(field_text(&e, "a"), "1");
        assert_eq!(field_text(&e, "b"), "two");
        assert_eq!(field_text(&e, "c"), "");
    }

    #[test]
    fn flags_read_every_spelling() {
        for (value, want) in [
            ("True", true),
            ("TRUE", true),
            ("true", true),
            ("1", true),
            ("False", false),
            ("FALSE", false),
            ("0", false),
            ("yes", false),
        ] {
            let e = parse_document(&format!(r#"<t f=" {value} "/>"#)).unwrap();
            assert_eq!(attr_flag(&e, "F"), want, "{value}");
        }
        assert!(!attr_flag(&parse_document("<t/>").unwrap(), "f"));
    }
}
