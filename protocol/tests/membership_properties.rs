//! Property tests for the group, library and redirection answers: dates read back what they
//! write, and any list written as a server writes it reads back exactly, whatever its names
//! hold (XML's special characters, non-ASCII, padding).

use inforouter_protocol::date_time::{AnswerDate, DateTime};
use inforouter_protocol::groups::{GetDomainGroups, GetGroupMembershipsOfUser, UserGroup};
use inforouter_protocol::libraries::{GetDomains, GetManagedDomainsByUser, Library};
use inforouter_protocol::redirection::{
    GetUserTaskRedirectionTo, GetUserTaskRedirectionsFrom, TaskRedirection,
};
use inforouter_protocol::xml::{escape_attribute, is_xml_representable};
use inforouter_protocol::*;
use proptest::prelude::*;

/// Text XML 1.0 can carry: XML's special characters, line breaks, padding and non-ASCII
/// often, anything else too.
fn xml_text() -> impl Strategy<Value = String> {
    prop_oneof!["[<>&\"' \t\r\na-zA-Z0-9éßØ漢字😀]{0,12}", any::<String>(),]
        .prop_filter("XML 1.0 can carry it", |s| is_xml_representable(s))
}

/// A name that is not blank: an item without one is malformed.
fn xml_name() -> impl Strategy<Value = String> {
    xml_text().prop_filter("not blank", |s| !s.trim().is_empty())
}

fn date_time() -> impl Strategy<Value = DateTime> {
    (1u16..=9999, 1u8..=12, 1u8..=31, 0u8..24, 0u8..60, 0u8..60)
        .prop_filter_map("a real day", |(y, mo, d, h, mi, s)| {
            DateTime::new(y, mo, d, h, mi, s)
        })
}

/// Every spelling of a flag the pages use, for `value`.
fn flag(value: bool) -> impl Strategy<Value = String> {
    let spellings: &[&str] = if value {
        &["True", "TRUE", "true", "1"]
    } else {
        &["False", "FALSE", "false", "0"]
    };
    proptest::sample::select(spellings).prop_map(str::to_string)
}

/// ` Name="value"` for each pair, escaped so that it reads back byte for byte.
fn attributes(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(name, value)| format!(r#" {name}="{}""#, escape_attribute(value)))
        .collect()
}

/// `<root success="true"><list>items</list></root>` with the root and list names a page uses.
fn answer(root: &str, list: &str, items: &[String]) -> String {
    format!(
        r#"<{root} success="true"><{list}>{}</{list}></{root}>"#,
        items.concat()
    )
}

/// A group as it is sent, with the `public` spelling used, and as it must read back.
fn group() -> impl Strategy<Value = (String, UserGroup)> {
    (
        "[0-9]{1,6}",
        xml_name(),
        "[0-9]{1,6}",
        xml_text(),
        any::<bool>(),
    )
        .prop_flat_map(|(id, name, domain_id, domain_name, public)| {
            flag(public).prop_map(move |spelled| {
                let xml = format!(
                    "<usergroup{} />",
                    attributes(&[
                        ("GroupID", &id),
                        ("GroupName", &name),
                        ("DomainID", &domain_id),
                        ("DomainName", &domain_name),
                        ("public", &spelled),
                    ])
                );
                let read = UserGroup {
                    id: id.clone(),
                    name: name.trim().to_string(),
                    domain_id: domain_id.clone(),
                    domain_name: domain_name.trim().to_string(),
                    public,
                };
                (xml, read)
            })
        })
}

fn library() -> impl Strategy<Value = (String, Library)> {
    (
        "[0-9]{1,6}",
        xml_name(),
        proptest::array::uniform3(any::<bool>()),
        xml_text(),
    )
        .prop_flat_map(|(id, name, flags, welcome)| {
            (flag(flags[0]), flag(flags[1]), flag(flags[2])).prop_map(move |spelled| {
                let xml = format!(
                    "<domain{} />",
                    attributes(&[
                        ("DomainID", &id),
                        ("DomainName", &name),
                        ("AnonymousDomain", &spelled.0),
                        ("IsArchive", &spelled.1),
                        ("IsHidden", &spelled.2),
                        ("WelcomeMessage", &welcome),
                    ])
                );
                let read = Library {
                    id: id.clone(),
                    name: name.trim().to_string(),
                    anonymous: flags[0],
                    is_archive: flags[1],
                    is_hidden: flags[2],
                    welcome_message: welcome.trim().to_string(),
                };
                (xml, read)
            })
        })
}

/// A redirection in child elements, its dates written as requests write them or empty.
fn redirection() -> impl Strategy<Value = (String, TaskRedirection)> {
    (
        "[0-9]{1,6}",
        xml_name(),
        xml_text(),
        xml_text(),
        proptest::option::of(date_time()),
        proptest::option::of(date_time()),
    )
        .prop_map(|(id, name, full_name, email, start, end)| {
            let date = |d: Option<DateTime>| d.map(|d| d.to_string()).unwrap_or_default();
            let fields = [
                ("UserId", id.clone()),
                ("UserName", name.clone()),
                ("FullName", full_name.clone()),
                ("Email", email.clone()),
                ("StartDate", date(start)),
                ("EndDate", date(end)),
            ];
            let xml = fields
                .iter()
                .map(|(tag, text)| format!("<{tag}>{}</{tag}>", escape_attribute(text)))
                .collect::<String>();
            let read = TaskRedirection {
                user_id: id,
                user_name: name.trim().to_string(),
                full_name: full_name.trim().to_string(),
                email: email.trim().to_string(),
                start: start.map_or(AnswerDate::Open, AnswerDate::On),
                end: end.map_or(AnswerDate::Open, AnswerDate::On),
            };
            (format!("<TaskRedirection>{xml}</TaskRedirection>"), read)
        })
}

fn split<T>(items: Vec<(String, T)>) -> (Vec<String>, Vec<T>) {
    items.into_iter().unzip()
}

fn read<O: Operation>(body: &str) -> Result<O::Output, ApiError> {
    decode::<O>(200, body.as_bytes())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn dates_read_back_what_requests_write(at in date_time()) {
        let written = at.to_string();
        prop_assert_eq!(written.len(), "yyyy-MM-ddTHH:mm:ss".len());
        prop_assert_eq!(written.parse::<DateTime>(), Ok(at));
        // The other shapes answers use read the same.
        prop_assert_eq!(format!("{written}Z").parse::<DateTime>(), Ok(at));
        prop_assert_eq!(format!("{written}.0000000").parse::<DateTime>(), Ok(at));
        prop_assert_eq!(written.replacen('T', " ", 1).parse::<DateTime>(), Ok(at));
        let (day, time) = written.split_once('T').unwrap();
        if time == "00:00:00" {
            prop_assert_eq!(day.parse::<DateTime>(), Ok(at));
        }
    }

    #[test]
    fn any_text_that_reads_as_a_date_writes_back_to_the_same(text in "[0-9T:. Z-]{0,30}|\\PC{0,30}") {
        if let Ok(at) = text.parse::<DateTime>() {
            prop_assert_eq!(at.to_string().parse::<DateTime>(), Ok(at));
        }
        // An answer's date: open when empty, else read, else kept as given; never lost.
        let expected = match text.trim() {
            "" => AnswerDate::Open,
            t => t.parse().map_or_else(|_| AnswerDate::AsGiven(t.to_string()), AnswerDate::On),
        };
        prop_assert_eq!(AnswerDate::read(&text), expected);
    }

    #[test]
    fn group_lists_read_back(items in proptest::collection::vec(group(), 0..6)) {
        let (xml, groups) = split(items);
        prop_assert_eq!(read::<GetDomainGroups>(&answer("response", "usergroups", &xml)), Ok(groups.clone()));
        prop_assert_eq!(read::<GetGroupMembershipsOfUser>(&answer("root", "UserGroups", &xml)), Ok(groups));
    }

    #[test]
    fn library_lists_read_back(items in proptest::collection::vec(library(), 0..6)) {
        let (xml, libraries) = split(items);
        prop_assert_eq!(read::<GetDomains>(&answer("response", "domains", &xml)), Ok(libraries.clone()));
        prop_assert_eq!(read::<GetManagedDomainsByUser>(&answer("root", "domains", &xml)), Ok(libraries));
    }

    #[test]
    fn redirection_lists_read_back(items in proptest::collection::vec(redirection(), 0..6)) {
        let (xml, redirections) = split(items);
        let first = redirections.first().cloned();
        prop_assert_eq!(read::<GetUserTaskRedirectionsFrom>(&answer("root", "TaskRedirections", &xml)), Ok(redirections));
        let to = format!(r#"<root success="true">{}</root>"#, xml.first().cloned().unwrap_or_default());
        prop_assert_eq!(read::<GetUserTaskRedirectionTo>(&to), Ok(first));
    }
}
