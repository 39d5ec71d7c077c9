//! Property tests: hostile input never panics, and what the console writes reads back exactly.

use inforouter_protocol::encode::{decode_component, decode_pairs, encode_component};
use inforouter_protocol::operations::*;
use inforouter_protocol::xml::is_xml_representable;
use inforouter_protocol::*;
use proptest::prelude::*;

fn xml_string() -> impl Strategy<Value = String> {
    any::<String>().prop_filter("XML 1.0 can carry it", |s| is_xml_representable(s))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn parsing_arbitrary_bytes_never_panics(body in proptest::collection::vec(any::<u8>(), 0..512), status in prop_oneof![Just(200u16), any::<u16>()]) {
        let _ = decode::<GetUser>(status, &body);
        let _ = decode::<GetAllUsers1>(status, &body);
        let _ = decode::<AuthenticateUser>(status, &body);
        let _ = decode::<IsValidTicket>(status, &body);
        let _ = decode::<LogOut>(status, &body);
        let _ = decode::<inforouter_protocol::operations::ServerInfo>(status, &body);
    }

    #[test]
    fn parsing_xmlish_text_never_panics(body in r#"(<|>|/|=|"|'|&|;|#|x|[a-zA-Z]{1,6}| |\?|!|\[|\]|-|CDATA|success|true|User|response|root|Envelope|Body|Result){0,60}"#) {
        let _ = decode::<GetAllUsers1>(200, body.as_bytes());
        let _ = decode::<GetUser>(200, body.as_bytes());
    }

    #[test]
    fn error_codes_decide_whatever_the_text(text in any::<String>(), op in proptest::sample::select(vec!["GetUser", "UpdateUserEmail", "ChangeUserStatus", "", "UserExists"])) {
        prop_assert_eq!(ApiError::from_server_answer(op, Some(4010), &text), ApiError::SessionExpired);
        prop_assert_eq!(ApiError::from_server_answer(op, Some(4041), &text), ApiError::UserNotFound);
        prop_assert_eq!(ApiError::from_server_answer(op, Some(4090), &text), ApiError::UsernameExists);
        let denied = matches!(ApiError::from_server_answer(op, Some(4030), &text), ApiError::AccessDenied { .. });
        prop_assert!(denied);
        let _ = ApiError::from_server_answer(op, None, &text).user_message();
    }

    #[test]
    fn http_400_is_never_a_transport_failure(body in proptest::collection::vec(any::<u8>(), 0..256)) {
        match decode::<UpdateUserEmail>(400, &body) {
            Err(ApiError::HttpStatus { .. }) | Err(ApiError::Network { .. }) => prop_assert!(false, "400 read as transport"),
            Err(e) => { let _ = e.user_message(); let _ = e.connection_problem(); }
            Ok(()) => {}
        }
    }

    #[test]
    fn blank_required_values_are_never_sent(user in "[ \t]{0,3}|[a-z]{1,8}", email in "[ \t]{0,3}|[a-z@.]{1,12}") {
        let op = UpdateUserEmail { user_name: user.clone(), new_email: email.clone() };
        let blank = user.trim().is_empty() || email.trim().is_empty();
        prop_assert_eq!(check_required(&op).is_err(), blank);
    }

    #[test]
    fn merged_preferences_keep_untouched_fresh_values(
        saved_flags in proptest::array::uniform3(any::<bool>()),
        edited_flags in proptest::array::uniform3(any::<bool>()),
        fresh_flags in proptest::array::uniform3(any::<bool>()),
    ) {
        let p = |f: [bool; 3]| Preferences { show_archives: Some(f[0]), show_hiddens: Some(f[1]), attach_document_to_email: Some(f[2]), ..Default::default() };
        let (saved, edited, fresh) = (p(saved_flags), p(edited_flags), p(fresh_flags));
        let sent = Preferences::merge_for_sending(&saved, &edited, &fresh);
        for i in 0..3 {
            let got = [sent.show_archives, sent.show_hiddens, sent.attach_document_to_email][i];
            let want = if edited_flags[i] != saved_flags[i] { edited_flags[i] } else { fresh_flags[i] };
            prop_assert_eq!(got, Some(want));
        }
    }

    #[test]
    fn component_encoding_round_trips(s in any::<String>()) {
        let encoded = encode_component(&s);
        prop_assert!(encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));
        prop_assert_eq!(decode_component(&encoded).unwrap(), s);
    }

    #[test]
    fn request_parameters_round_trip(user in any::<String>(), email in any::<String>(), mobile in any::<String>(), ticket in any::<String>()) {
        let op = UpdateUserContactInfo { user_name: user.clone(), email: email.clone(), mobile: mobile.clone() };
        let t = Ticket::new(ticket.clone());
        let post = build("/srv.asmx", &op, Some(&t), Method::Post);
        let get = build("/srv.asmx", &op, Some(&t), Method::Get);
        let expected = vec![
            ("authenticationTicket".to_string(), ticket),
            ("userName".to_string(), user),
            ("emailAddress".to_string(), email),
            ("mobileNumber".to_string(), mobile),
        ];
        prop_assert_eq!(decode_pairs(&post.body.unwrap()).unwrap(), expected.clone());
        prop_assert_eq!(decode_pairs(get.url.split_once('?').unwrap().1).unwrap(), expected);
    }

    #[test]
    fn soap_values_round_trip(user in xml_string(), email in xml_string(), mobile in xml_string(), ticket in "[a-f0-9-]{1,36}") {
        let op = UpdateUserContactInfo { user_name: user.clone(), email: email.clone(), mobile: mobile.clone() };
        let soap = build("/srv.asmx", &op, Some(&Ticket::new(ticket.clone())), Method::Soap);
        let doc = inforouter_protocol::xml::parse_document(&soap.body.unwrap()).unwrap();
        let call = &doc.child("Body").unwrap().children[0];
        let read: Vec<(String, String)> = call.children.iter().map(|c| (c.name.clone(), c.text.clone())).collect();
        prop_assert_eq!(read, vec![
            ("authenticationTicket".to_string(), ticket),
            ("userName".to_string(), user),
            ("emailAddress".to_string(), email),
            ("mobileNumber".to_string(), mobile),
        ]);
    }

    #[test]
    fn preferences_xml_round_trips(
        language in proptest::option::of(xml_string()),
        portal in proptest::option::of(xml_string()),
        flags in proptest::array::uniform3(proptest::option::of(any::<bool>())),
        notification in proptest::option::of(proptest::sample::select(NotificationType::ALL.to_vec())),
        email_type in proptest::option::of(prop_oneof![Just(EmailType::Html), Just(EmailType::Text)]),
    ) {
        let p = Preferences {
            language,
            default_portal: portal,
            show_archives: flags[0],
            show_hiddens: flags[1],
            attach_document_to_email: flags[2],
            notification_type: notification,
            email_type,
        };
        prop_assert_eq!(Preferences::from_xml(&p.to_xml()).unwrap(), p);
    }

    #[test]
    fn url_state_round_trips(first in any::<String>(), domain in any::<String>(), page in 0u32..1000, rows in proptest::sample::select(inforouter_protocol::user_query::PAGE_SIZES.to_vec()), sort in 0u8..=8, status in -1i32..=1, asc in any::<bool>()) {
        let q = UserQuery {
            start: page * rows, count: rows, first_name: first, domain,
            sort_by: SortBy::from_wire(sort).unwrap(),
            status: StatusFilter::from_wire(status).unwrap(),
            ascending: asc,
            ..Default::default()
        };
        prop_assert_eq!(UserQuery::from_url_query(&q.to_url_query()), q);
    }
}
