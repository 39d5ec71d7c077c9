//! The account-lifecycle and password calls: CreateUser, DeleteUser, DeleteUser1,
//! ChangeUserPassword, GetAuthenticationAndPasswordPolicy and UserExists, as an older server
//! answers them and as a newer one (`--modern`) does; the password policy; the re-prompt on
//! user delete; and passwords kept out of the request log.
//!
//! Most cases are rows of the table harness (`common/table.rs`).

mod common;
use common::table::*;
use common::*;
use inforouter_emulator::{PasswordPolicy, RePrompt, Running};

const SOURCE: &str = "AuthenticationSource";

/// CreateUser's parameters after the ticket: Nora Neu, a writer in Finance.
fn user<'a>(name: &'a str, email: &'a str, password: &'a str, source: &'a str) -> Params<'a> {
    vec![
        ("DomainName", "Finance"),
        ("UserName", name),
        ("FirstName", "Nora"),
        ("LastName", "Neu"),
        ("EmailAddress", email),
        ("Password", password),
        ("ReadOnlyUser", "false"),
        ("AuthenticationSource", source),
    ]
}

/// CreateUser's parameters after the ticket for a native user.
fn native<'a>(name: &'a str, email: &'a str, password: &'a str) -> Params<'a> {
    user(name, email, password, "native")
}

/// The new user most cases create: native nora, no email, a password the policy accepts.
fn nora() -> Params<'static> {
    native("nora", "", "Welcome2Nora")
}

#[tokio::test]
async fn create_user_answers_the_new_id_and_the_user_starts_enabled() {
    for via in VIAS {
        let b = Bench::new(|_| {}).await;
        let params = native("nora", "nora@example.com", "Welcome2Nora");
        let pairs = b.pairs(Admin, "CreateUser", &params);
        let reply = call(&b.r, via, "CreateUser", &pairs).await;
        // The fixture holds 2,011 accounts, ids 1 to 2011.
        let element = r#"<response success="true" id="2012" error="" />"#;
        assert_answer_is(&reply, via, "CreateUser", element);
        let u = get_user(&b.r, &b.admin, "NORA").await;
        for (k, v) in [
            ("UserID", "2012"),
            ("UserName", "nora"),
            ("FirstName", "Nora"),
            ("LastName", "Neu"),
            ("Email", "nora@example.com"),
            ("Enabled", "TRUE"),
            ("ReadOnlyUser", "FALSE"),
            ("Domain", "Finance"),
            ("AuthenticationAuthority", "native"),
            ("LastLogonDate", ""),
        ] {
            assert_eq!(u.attr(k), v, "{k}");
        }
        // The created user signs in with that password.
        let t = sign_in(&b.r, "nora", "Welcome2Nora").await;
        assert_eq!(get_user(&b.r, &t, "").await.attr("UserName"), "nora");
        #[rustfmt::skip]
        let rows = [
            ("the administrator deletes the new user", Admin, "DeleteUser", named("nora"), Succeeds),
            ("the same user is created again", Admin, "CreateUser", params, Succeeds),
            ("the old nora's ticket does not pass to the new one", Holder(&t), "isValidTicket", vec![], Fails(EXPIRED)),
        ];
        let answers = b.run(via, &rows).await;
        // Ids are not reused: the next one is 2013 even after a delete.
        assert_eq!(answers[1].attr("id"), "2013");
        b.shutdown().await;
    }
}

#[tokio::test]
async fn create_user_details() {
    let b = Bench::new(|_| {}).await;
    let ext_reader = vec![
        ("DomainName", ""),
        ("UserName", "ext.reader"),
        ("FirstName", "Ex"),
        ("LastName", "Ternal"),
        ("EmailAddress", "notanemail"),
        ("Password", ""),
        ("ReadOnlyUser", "True"),
        ("AuthenticationSource", "corp-ldap"),
    ];
    #[rustfmt::skip]
    let rows = [
        ("read-only, external authority, no domain, no password, email not checked", Admin, "CreateUser", ext_reader, Succeeds),
        ("with no password, an empty one does not sign in", NoTicket, SIGN_IN, login("ext.reader", ""), Fails(BAD_LOGIN)),
        ("a native user without a password is allowed too (nothing insists on one)", Admin, "CreateUser",
            native("nopass", "", ""), Succeeds),
        ("nor does that one sign in with an empty password", NoTicket, SIGN_IN, login("nopass", ""), Fails(BAD_LOGIN)),
        ("the policy governs native passwords only: an external authority keeps its own", Admin, "CreateUser",
            user("ext.weak", "", "abc", "CORPDOM"), Succeeds),
        ("INFOROUTER is the 7.5-era name of native (the page's JavaScript sends it)", Admin, "CreateUser",
            user("jsmith", "jsmith@example.com", "Passw0rd!x", "INFOROUTER"), Succeeds),
        ("that user signs in with the password given", NoTicket, SIGN_IN, login("jsmith", "Passw0rd!x"), Succeeds),
    ];
    b.run(Via::Post, &rows).await;
    let u = get_user(&b.r, &b.admin, "ext.reader").await;
    for (k, v) in [
        ("ReadOnlyUser", "TRUE"),
        ("Enabled", "TRUE"),
        ("Domain", ""),
        ("Email", "notanemail"),
        ("AuthenticationAuthority", "CORP-LDAP"),
    ] {
        assert_eq!(u.attr(k), v, "{k}");
    }
    let jsmith = get_user(&b.r, &b.admin, "jsmith").await;
    assert_eq!(jsmith.attr("AuthenticationAuthority"), "native");
    b.shutdown().await;
}

#[tokio::test]
async fn create_user_refusals_on_an_older_server() {
    let b = Bench::new(|_| {}).await;
    #[rustfmt::skip]
    let rows = [
        ("system administrators only: not an ordinary user", Jdoe, "CreateUser", nora(), Fails(DENIED)),
        ("system administrators only: not a User Manager", Manager, "CreateUser", nora(), Fails(DENIED)),
        ("a dead ticket", Expired, "CreateUser", nora(), Fails(EXPIRED)),
        ("a taken name", Admin, "CreateUser", with(nora(), "UserName", "jdoe"), Fails(TAKEN)),
        ("a taken name in another case", Admin, "CreateUser", with(nora(), "UserName", "JDoe"), Fails(TAKEN)),
        ("another taken name in capitals", Admin, "CreateUser", with(nora(), "UserName", "ASMITH"), Fails(TAKEN)),
        ("an unknown authority: the message lists the known ones", Admin, "CreateUser", with(nora(), SOURCE, "LDAP_Authority"),
            Fails("SystemError:Unknown authentication source 'LDAP_Authority'. Known authentication sources: native, CORP-LDAP, CORPDOM.")),
        ("an empty AuthenticationSource is an unknown one on an older server", Admin, "CreateUser", with(nora(), SOURCE, ""),
            FailsStarting("SystemError:Unknown authentication source ''.")),
        ("an empty name", Admin, "CreateUser", with(nora(), "UserName", ""), Fails("SystemError:UserName cannot be empty.")),
        ("a padded name", Admin, "CreateUser", with(nora(), "UserName", " nora"),
            Fails("SystemError:UserName cannot begin or end with spaces.")),
        ("an omitted parameter: [903], as for every call on an older server", Admin, "CreateUser", without(nora(), "LastName"),
            Fails("[903]Required parameter.'LastName'")),
        ("an omitted password is [903] too", Admin, "CreateUser", without(nora(), "Password"),
            Fails("[903]Required parameter.'Password'")),
        ("ReadOnlyUser is a bool", Admin, "CreateUser", with(nora(), "ReadOnlyUser", "maybe"),
            Fails("SystemError:ReadOnlyUser must be true or false, not 'maybe'.")),
        ("nothing was created", Admin, "UserExists", named("nora"), Fails(NO_USER)),
        ("not even the padded name", Admin, "UserExists", named(" nora"), Fails(NO_USER)),
    ];
    b.run(Via::Post, &rows).await;
    b.shutdown().await;
}

#[tokio::test]
async fn the_default_policy_is_enforced_by_create_user_and_change_user_password() {
    let b = Bench::new(|_| {}).await;
    // (user name, email, password, rule broken)
    #[rustfmt::skip]
    let cases = [
        ("carol9", "carol9@example.com", "Ab1", "MinLen"),
        ("carol9", "carol9@example.com", "abcdefghij", "MustIncludeAlphaNumericCharacters"),
        ("carol9", "carol9@example.com", "1234567890", "MustIncludeAlphaNumericCharacters"),
        ("carol9", "carol9@example.com", "CAROL9@example.com", "MustNotEqualEmailAddress"),
        ("carol9x", "carol@example.com", "Carol9X", "MinLen"),
        ("carol2026", "carol@example.com", "Carol2026", "MustNotEqualUserName"),
        ("carol9", "carol9@example.com", "Password1", "MustNotInCommonPasswordList"),
        ("carol9", "carol9@example.com", "qwerty123", "MustNotInCommonPasswordList"),
    ];
    #[rustfmt::skip]
    let mut rows: Vec<Row> = cases.iter().flat_map(|&(name, email, password, rule)| [
        ("CreateUser refuses a password breaking a rule", Admin, "CreateUser", native(name, email, password), Breaks(rule)),
        ("and creates no one", Admin, "UserExists", named(name), Fails(NO_USER)),
    ]).collect();
    // The same rules through ChangeUserPassword, on users created with a good password.
    #[rustfmt::skip]
    rows.extend([
        ("a good password passes", Admin, "CreateUser", native("carol9", "carol9@example.com", "Good2Start"), Succeeds),
        ("a good password passes", Admin, "CreateUser", native("carol2026", "carol@example.com", "Good2Start"), Succeeds),
        ("a good password passes", Admin, "CreateUser", native("dave", "dave@example.com", "Tr1cky-Horse"), Succeeds),
    ]);
    b.run(Via::Post, &rows).await;
    let carol9 = sign_in(&b.r, "carol9", "Good2Start").await;
    let carol2026 = sign_in(&b.r, "carol2026", "Good2Start").await;
    let ticket = |name| {
        if name == "carol9" {
            Holder(&carol9)
        } else {
            Holder(&carol2026)
        }
    };
    #[rustfmt::skip]
    let rows: Vec<Row> = cases.iter().filter(|c| c.0 != "carol9x").flat_map(|&(name, _, password, rule)| [
        ("ChangeUserPassword refuses a password breaking a rule", ticket(name), CHANGE, new_password(name, password), Breaks(rule)),
        ("the old password still works", NoTicket, SIGN_IN, login(name, "Good2Start"), Succeeds),
    ]).collect();
    b.run(Via::Get, &rows).await;
    b.shutdown().await;
}

#[tokio::test]
async fn a_configured_policy_is_reported_and_enforced() {
    let policy = PasswordPolicy {
        expires: 90,
        min_len: 10,
        must_include_alpha_numeric: false,
        must_include_numeric: true,
        must_include_non_alpha_numeric: true,
        must_not_equal_email: false,
        must_not_equal_user_name: false,
        must_not_be_common: false,
        reprompt: RePrompt {
            domain_delete: true,
            on_delete: true,
            security_apply: true,
            ..RePrompt::default()
        },
    };
    let b = Bench::new(|c| c.password_policy = policy.clone()).await;
    let reply = call(&b.r, Via::Post, POLICY, &b.pairs(Admin, POLICY, &[])).await;
    assert!(reply.body.contains("<Expires>90</Expires><MinLen>10</MinLen><MustIncludeAlphaNumericCharacters>false</MustIncludeAlphaNumericCharacters><MustIncludeNumericCharacters>true</MustIncludeNumericCharacters><MustIncludeNonAlphaNumericCharacters>true</MustIncludeNonAlphaNumericCharacters><MustNotEqualEmailAddress>false</MustNotEqualEmailAddress><MustNotEqualUserName>false</MustNotEqualUserName><MustNotInCommonPasswordList>false</MustNotInCommonPasswordList>"), "{}", reply.body);
    assert!(reply.body.contains("<PasswordRePromptActions><DomainDelete>true</DomainDelete><OnDelete>true</OnDelete><UserDelete>false</UserDelete><SecurityApply>true</SecurityApply><OnOwnerChange>false</OnOwnerChange><OnClassify>false</OnClassify><OnReviewTask>false</OnReviewTask></PasswordRePromptActions>"), "{}", reply.body);
    let erin = |password| native("erin", "erin@example.com", password);
    #[rustfmt::skip]
    let rows = [
        ("shorter than the configured MinLen", Admin, "CreateUser", erin("Sh0rt!"), Breaks("MinLen")),
        ("no digit", Admin, "CreateUser", erin("abcdefghij!"), Breaks("MustIncludeNumericCharacters")),
        ("only letters and digits", Admin, "CreateUser", erin("abcdefghi1"), Breaks("MustIncludeNonAlphaNumericCharacters")),
        ("non-Latin letters are letters", Admin, "CreateUser", erin("日本語日本語日本語1"), Breaks("MustIncludeNonAlphaNumericCharacters")),
        // The rules switched off no longer apply.
        ("no letters needed", Admin, "CreateUser", erin("1234567890!"), Succeeds),
        ("the user name is fine", Admin, "CreateUser", native("password1!x", "erin@example.com", "password1!x"), Succeeds),
        ("a common password is fine", Admin, "CreateUser", native("frank", "erin@example.com", "password1!"), Succeeds),
    ];
    b.run(Via::Post, &rows).await;
    b.shutdown().await;
}

#[tokio::test]
async fn delete_user_by_name_and_by_id_and_what_it_leaves_behind() {
    for via in VIAS {
        let b = Bench::new(|_| {}).await;
        let mgarcia = sign_in(&b.r, "mgarcia", "Secret123!").await;
        let id = get_user(&b.r, &b.admin, "mgarcia")
            .await
            .attr("UserID")
            .to_string();
        assert_eq!(id, "6", "mgarcia is user 6");
        #[rustfmt::skip]
        let rows = [
            ("the administrator deletes a user by name, in any case", Admin, "DeleteUser", named("JDOE"), Succeeds),
            ("the user is gone", Admin, "UserExists", named("jdoe"), Fails(NO_USER)),
            ("and cannot sign in, as for a wrong password", NoTicket, SIGN_IN, login("jdoe", "Secret123!"), Fails(BAD_LOGIN)),
            ("its ticket is dead on every call", Jdoe, "GetCurrentUser", vec![], Fails(EXPIRED)),
            ("its ticket is dead on every call", Jdoe, "isValidTicket", vec![], Fails(EXPIRED)),
            ("its ticket is dead on every call", Jdoe, "UserExists", named("admin"), Fails(EXPIRED)),
            ("its ticket is dead on every call", Jdoe, CHANGE, new_password("jdoe", "Another1!"), Fails(EXPIRED)),
            ("a second delete is refused", Admin, "DeleteUser", named("jdoe"), Fails(NO_USER)),
            ("by id: mgarcia is user 6", Admin, "DeleteUser", named("ID:6"), Succeeds),
            ("the user deleted by id is gone", Admin, "UserExists", named("mgarcia"), Fails(NO_USER)),
            ("and its ticket is dead", Holder(&mgarcia), "GetCurrentUser", vec![], Fails(EXPIRED)),
            ("a second delete by id is refused", Admin, "DeleteUser", named("id:6"), Fails(NO_USER)),
        ];
        b.run(via, &rows).await;
        // The list shrinks by two.
        #[rustfmt::skip]
        let page = [("StartingRowNumber", "0"), ("NumbeOfRow", "1"), ("StatusFilter", "-1"), ("SortBy", "0"), ("SortAscending", "true")];
        let page = b.ask(Via::Post, Admin, "GetAllUsers1", &page).await;
        assert_eq!(page.attr("totalusercount"), "2009");
        b.shutdown().await;
    }
}

#[tokio::test]
async fn delete_user_refusals() {
    let b = Bench::new(|_| {}).await;
    for op in ["DeleteUser", "DeleteUser1"] {
        // DeleteUser1 carries the caller's password too.
        let target = |name| {
            if op == "DeleteUser1" {
                confirm("Admin123!", name)
            } else {
                named(name)
            }
        };
        #[rustfmt::skip]
        let rows = [
            ("an ordinary user may not delete", Jdoe, op, target("asmith"), Fails(DENIED)),
            ("nor may the User Manager", Manager, op, target("asmith"), Fails(DENIED)),
            ("no one deletes their own account", Admin, op, target("admin"), Fails("You cannot delete your own user account")),
            ("the built-in administrator stays", Admin, op, target("sysadmin"),
                Fails("The built-in system administrator cannot be deleted")),
            ("an unknown user", Admin, op, target("nobody"), Fails(NO_USER)),
            ("a dead ticket", Expired, op, target("asmith"), Fails(EXPIRED)),
            ("an empty ticket", Blank, op, target("asmith"), Fails(EXPIRED)),
            ("no ticket", NoTicket, op, target("asmith"), Fails("[903]Required parameter.'authenticationTicket'")),
        ];
        b.run(Via::Post, &rows).await;
    }
    #[rustfmt::skip]
    let rows = [
        ("DeleteUser1 wants UserPassword present on an older server, though it is not read", Admin, "DeleteUser1", named("asmith"),
            Fails("[903]Required parameter.'UserPassword'")),
        ("DeleteUser1 takes a user name only, not DeleteUser's `ID:` form", Admin, "DeleteUser1",
            confirm("Admin123!", "ID:4"), Fails(NO_USER)),
        ("everyone is still there", Admin, "UserExists", named("asmith"), Succeeds),
        ("everyone is still there", Admin, "UserExists", named("admin"), Succeeds),
        ("everyone is still there", Admin, "UserExists", named("sysadmin"), Succeeds),
        ("everyone is still there", Admin, "UserExists", named("jdoe"), Succeeds),
        ("everyone is still there", Admin, "UserExists", named("usermanager"), Succeeds),
    ];
    b.run(Via::Post, &rows).await;
    b.shutdown().await;
}

#[tokio::test]
async fn re_prompt_off_a_wrong_password_still_deletes() {
    let b = Bench::new(|_| {}).await;
    #[rustfmt::skip]
    let rows = [
        ("a wrong password deletes", Admin, "DeleteUser1", confirm("not-my-password", "asmith"), Succeeds),
        ("the user is gone", Admin, "UserExists", named("asmith"), Fails(NO_USER)),
        ("the right password deletes", Admin, "DeleteUser1", confirm("Admin123!", "bwilson"), Succeeds),
        ("the user is gone", Admin, "UserExists", named("bwilson"), Fails(NO_USER)),
        ("any password deletes", Admin, "DeleteUser1", confirm("x", "reader"), Succeeds),
        ("the user is gone", Admin, "UserExists", named("reader"), Fails(NO_USER)),
        ("an older server does not insist on a non-empty one either", Admin, "DeleteUser1", confirm("", "zoe"), Succeeds),
    ];
    b.run(Via::Post, &rows).await;
    b.shutdown().await;
}

/// `PasswordRePromptActions/UserDelete` as GetAuthenticationAndPasswordPolicy reports it.
async fn user_delete_flag(r: &Running, ticket: &str) -> String {
    let reply = call(r, Via::Post, POLICY, &[("authenticationTicket", ticket)]).await;
    let start = reply.body.find("<UserDelete>").unwrap() + "<UserDelete>".len();
    let end = reply.body.find("</UserDelete>").unwrap();
    reply.body[start..end].to_string()
}

#[tokio::test]
async fn re_prompt_on_refuses_delete_user_and_checks_the_callers_password() {
    for at_start in [true, false] {
        let b = Bench::new(|c| c.faults.reprompt_user_delete = at_start).await;
        if !at_start {
            set_faults(&b.r, r#"{"reprompt_user_delete":true}"#).await;
        }
        // Every signed-in user reads the switch.
        assert_eq!(user_delete_flag(&b.r, &b.jdoe).await, "true");
        #[rustfmt::skip]
        let rows = [
            ("DeleteUser is refused", Admin, "DeleteUser", named("asmith"),
                Fails("[2767] Password re-prompt is required to delete a user: use DeleteUser1")),
            // The re-prompt checks the CALLING administrator's password: not the target's.
            ("the target's password is not the caller's", Admin, "DeleteUser1", confirm("Secret123!", "asmith"), Fails(BAD_LOGIN)),
            ("the caller's password in the wrong case", Admin, "DeleteUser1", confirm("admin123!", "asmith"), Fails(BAD_LOGIN)),
            ("a wrong password", Admin, "DeleteUser1", confirm("wrong", "asmith"), Fails(BAD_LOGIN)),
            ("the user is still there", Admin, "UserExists", named("asmith"), Succeeds),
        ];
        for via in VIAS {
            b.run(via, &rows).await;
        }
        #[rustfmt::skip]
        let rows = [
            ("non-administrators are still refused as such", Jdoe, "DeleteUser", named("asmith"), Fails(DENIED)),
            ("the caller's own password deletes", Admin, "DeleteUser1", confirm("Admin123!", "asmith"), Succeeds),
            ("the user is gone", Admin, "UserExists", named("asmith"), Fails(NO_USER)),
        ];
        b.run(Via::Post, &rows).await;
        // Off again at run time: DeleteUser works, DeleteUser1 ignores the password.
        set_faults(&b.r, r#"{"reprompt_user_delete":false}"#).await;
        assert_eq!(user_delete_flag(&b.r, &b.jdoe).await, "false");
        #[rustfmt::skip]
        let rows = [
            ("switched off, DeleteUser1 ignores a wrong password", Admin, "DeleteUser1", confirm("wrong", "bwilson"), Succeeds),
            ("switched off, DeleteUser works", Admin, "DeleteUser", named("reader"), Succeeds),
        ];
        b.run(Via::Post, &rows).await;
        let faults = control_get(&b.r, "/_emulator/faults").await;
        let faults: serde_json::Value = serde_json::from_str(&faults).unwrap();
        assert_eq!(faults["reprompt_user_delete"], false);
        b.shutdown().await;
    }
}

#[tokio::test]
async fn change_user_password_for_oneself_and_for_others() {
    for via in VIAS {
        let b = Bench::new(|_| {}).await;
        // One's own: `<root success="true" />`, no error attribute.
        let own = b.pairs(Jdoe, CHANGE, &new_password("jdoe", "NewSecure!99"));
        let reply = call(&b.r, via, CHANGE, &own).await;
        assert_answer_is(&reply, via, CHANGE, r#"<root success="true" />"#);
        // The open ticket keeps working; the next sign-in needs the new password.
        assert_eq!(get_user(&b.r, &b.jdoe, "").await.attr("UserName"), "jdoe");
        let jdoe2 = sign_in(&b.r, "jdoe", "NewSecure!99").await;
        // LastPasswordChangeDate moves to today.
        let changed = get_user(&b.r, &jdoe2, "").await;
        assert_eq!(changed.attr("LastPasswordChangeDate").len(), 10);
        assert!(changed.attr("LastPasswordChangeDate").starts_with("20"));
        #[rustfmt::skip]
        let rows = [
            ("the old password no longer signs in", NoTicket, SIGN_IN, login("jdoe", "Secret123!"), Fails(BAD_LOGIN)),
            ("the same password again is refused", Jdoe, CHANGE, new_password("JDOE", "NewSecure!99"),
                Fails("New password cannot be the same as old password")),
            ("another user's is refused without the User Manager role", Jdoe, CHANGE, new_password("asmith", "Hijack3d!"),
                Fails("Insufficient rights")),
            ("so that user's password is unchanged", NoTicket, SIGN_IN, login("asmith", "Secret123!"), Succeeds),
            ("the User Manager (not a system administrator) may", Manager, CHANGE, new_password("asmith", "Reset4Anna"), Succeeds),
            ("the new password signs in", NoTicket, SIGN_IN, login("asmith", "Reset4Anna"), Succeeds),
            ("the administrator holds the role too", Admin, CHANGE, new_password("jdoe", "ByAdmin2026"), Succeeds),
            ("the new password signs in", NoTicket, SIGN_IN, login("jdoe", "ByAdmin2026"), Succeeds),
            ("an unknown user", Admin, CHANGE, new_password("nobody", "Whatever99"), Fails(NO_USER)),
            ("a dead ticket", Expired, CHANGE, new_password("jdoe", "Whatever99"), Fails(EXPIRED)),
            ("no ticket", NoTicket, CHANGE, new_password("jdoe", "Whatever99"), Fails(EXPIRED)),
        ];
        b.run(via, &rows).await;
        b.shutdown().await;
    }
}

#[tokio::test]
async fn get_authentication_and_password_policy_as_the_sample() {
    let b = Bench::new(|_| {}).await;
    let expected = "<response success=\"true\"><AuthenticationAndPasswordPolicy><PasswordPolicy><Expires>0</Expires><MinLen>8</MinLen><MustIncludeAlphaNumericCharacters>true</MustIncludeAlphaNumericCharacters><MustIncludeNumericCharacters>true</MustIncludeNumericCharacters><MustIncludeNonAlphaNumericCharacters>false</MustIncludeNonAlphaNumericCharacters><MustNotEqualEmailAddress>true</MustNotEqualEmailAddress><MustNotEqualUserName>true</MustNotEqualUserName><MustNotInCommonPasswordList>true</MustNotInCommonPasswordList></PasswordPolicy><PasswordRePromptActions><DomainDelete>false</DomainDelete><OnDelete>false</OnDelete><UserDelete>false</UserDelete><SecurityApply>false</SecurityApply><OnOwnerChange>false</OnOwnerChange><OnClassify>false</OnClassify><OnReviewTask>false</OnReviewTask></PasswordRePromptActions></AuthenticationAndPasswordPolicy></response>";
    // Any signed-in user, the same answer.
    let reader = sign_in(&b.r, "reader", "Secret123!").await;
    for t in [&b.jdoe, &reader, &b.admin] {
        for via in VIAS {
            let reply = call(&b.r, via, POLICY, &b.pairs(Holder(t), POLICY, &[])).await;
            assert_answer_is(&reply, via, POLICY, expected);
        }
    }
    #[rustfmt::skip]
    let rows = [
        ("anonymous callers are refused", Blank, POLICY, vec![], Fails(ANONYMOUS)),
        ("expired callers are refused", Expired, POLICY, vec![], Fails(EXPIRED)),
    ];
    b.run(Via::Post, &rows).await;
    b.shutdown().await;
}

#[tokio::test]
async fn user_exists_yes_and_no() {
    let b = Bench::new(|_| {}).await;
    let reader = sign_in(&b.r, "reader", "Secret123!").await;
    let reader = Holder(&reader);
    #[rustfmt::skip]
    let rows = [
        ("a user there", reader, "UserExists", named("jdoe"), Succeeds),
        ("a user there, named in another case", reader, "UserExists", named("JDOE"), Succeeds),
        ("a user there", reader, "UserExists", named("mgarcia"), Succeeds),
        ("the last of the fixture's users", reader, "UserExists", named("User2000"), Succeeds),
        ("the built-in administrator", reader, "UserExists", named("sysadmin"), Succeeds),
        ("the User Manager", reader, "UserExists", named("usermanager"), Succeeds),
        ("no such user", reader, "UserExists", named("nobody"), Fails(NO_USER)),
        ("one past the fixture's users", reader, "UserExists", named("user2001"), Fails(NO_USER)),
        ("a name that only begins as one there", reader, "UserExists", named("jdoe2"), Fails(NO_USER)),
        ("no name", reader, "UserExists", named(""), Fails(NO_USER)),
        ("an anonymous caller", Blank, "UserExists", named("jdoe"), Fails(ANONYMOUS)),
        ("a dead ticket", Expired, "UserExists", named("jdoe"), Fails(EXPIRED)),
    ];
    for via in VIAS {
        b.run(via, &rows).await;
    }
    b.shutdown().await;
}

#[tokio::test]
async fn lifecycle_permission_matrix() {
    // (operation, ordinary user, User Manager, system administrator): true = allowed.
    let table = [
        ("CreateUser", false, false, true),
        ("DeleteUser", false, false, true),
        ("DeleteUser1", false, false, true),
        (CHANGE, false, true, true),
        (POLICY, true, true, true),
        ("UserExists", true, true, true),
    ];
    for (op, user, manager, admin) in table {
        for (who, password, allowed) in [
            (Jdoe, "Secret123!", user),
            (Manager, "Manager123!", manager),
            (Admin, "Admin123!", admin),
        ] {
            let b = Bench::new(|_| {}).await;
            let params = match op {
                "CreateUser" => nora(),
                "DeleteUser" | "UserExists" => named("asmith"),
                "DeleteUser1" => confirm(password, "asmith"),
                CHANGE => new_password("asmith", "Fresh2026!"),
                _ => vec![],
            };
            let want = match (allowed, op) {
                (true, _) => Succeeds,
                (false, CHANGE) => Fails("Insufficient rights"),
                (false, _) => Fails(DENIED),
            };
            let case = "the permission matrix";
            b.check(Via::Post, &(case, who, op, params, want)).await;
            b.shutdown().await;
        }
    }
}

#[tokio::test]
async fn modern_codes_of_the_lifecycle_calls() {
    let b = Bench::new(|c| c.faults.modern = true).await;
    #[rustfmt::skip]
    let rows = [
        // CreateUser: 4010 without a ticket or with a dead one, 4030 for a non-administrator,
        // 4000 for a taken name (not 4090), an unknown authority (listing the known) or a
        // policy breach (the German text names the rule).
        ("CreateUser with an empty ticket", Blank, "CreateUser", nora(), Code("4010")),
        ("CreateUser with a dead ticket", Expired, "CreateUser", nora(), Code("4010")),
        ("CreateUser without a ticket", NoTicket, "CreateUser", nora(), Code("4010")),
        ("CreateUser by an ordinary user", Jdoe, "CreateUser", nora(), CodeText("4030", "Zugriff verweigert")),
        ("CreateUser of a taken name", Admin, "CreateUser", with(nora(), "UserName", "JDOE"),
            CodeText("4000", "Der Benutzername ist bereits vergeben")),
        ("CreateUser with an unknown authority", Admin, "CreateUser", with(nora(), SOURCE, "LDAP_Authority"),
            CodeMentioning("4000", &["'LDAP_Authority'", "native, CORP-LDAP, CORPDOM"])),
        ("CreateUser with a password breaking the policy", Admin, "CreateUser", with(nora(), "Password", "abcdefghij"),
            CodeBreaks("4000", "MustIncludeAlphaNumericCharacters")),
        // DeleteUser: no ticket 4030, a dead ticket 4010, a non-administrator 4030, no such
        // user 4000.
        ("DeleteUser with an empty ticket", Blank, "DeleteUser", named("asmith"), Code("4030")),
        ("DeleteUser without a ticket", NoTicket, "DeleteUser", named("asmith"), Code("4030")),
        ("DeleteUser with a dead ticket", Expired, "DeleteUser", named("asmith"), Code("4010")),
        ("DeleteUser by an ordinary user", Jdoe, "DeleteUser", named("asmith"), Code("4030")),
        ("DeleteUser of no such user", Admin, "DeleteUser", named("nobody"), CodeText("4000", "Benutzer nicht gefunden")),
        ("DeleteUser of oneself", Admin, "DeleteUser", named("admin"), Code("4030")),
        // DeleteUser1: no ticket 4010, 4030, 4000.
        ("DeleteUser1 with an empty ticket", Blank, "DeleteUser1", confirm("x", "asmith"), Code("4010")),
        ("DeleteUser1 without a ticket", NoTicket, "DeleteUser1", confirm("x", "asmith"), Code("4010")),
        ("DeleteUser1 with a dead ticket", Expired, "DeleteUser1", confirm("x", "asmith"), Code("4010")),
        ("DeleteUser1 by an ordinary user", Jdoe, "DeleteUser1", confirm("Secret123!", "asmith"), Code("4030")),
        ("DeleteUser1 of no such user", Admin, "DeleteUser1", confirm("Admin123!", "nobody"), Code("4000")),
        // UserExists: "no" is 4000; no ticket 4010.
        ("UserExists: no", Jdoe, "UserExists", named("Nobody"), CodeText("4000", "Benutzer nicht gefunden")),
        ("UserExists: yes", Jdoe, "UserExists", named("ADMIN"), Succeeds),
        ("UserExists with an empty ticket", Blank, "UserExists", named("jdoe"), CodeMentioning("4010", &["Anonyme"])),
        ("UserExists without a ticket", NoTicket, "UserExists", named("jdoe"), CodeMentioning("4010", &["Anonyme"])),
        ("UserExists with a dead ticket", Expired, "UserExists", named("jdoe"),
            CodeText("4010", "Sitzung abgelaufen oder ungültiges Ticket")),
        // GetAuthenticationAndPasswordPolicy: 4010 for no ticket or a dead one.
        ("the policy with an empty ticket", Blank, POLICY, vec![], Code("4010")),
        ("the policy without a ticket", NoTicket, POLICY, vec![], Code("4010")),
        ("the policy with a dead ticket", Expired, POLICY, vec![], Code("4010")),
        // ChangeUserPassword (its page has no table; the same codes as the updates): 4010,
        // 4030 for another's without the role, 4041 for no such user, 4000 for the same
        // password or a policy breach.
        ("ChangeUserPassword with a dead ticket", Expired, CHANGE, new_password("jdoe", "Whatever99"), Code("4010")),
        ("ChangeUserPassword of another's without the role", Jdoe, CHANGE, new_password("asmith", "Whatever99"),
            CodeText("4030", "Unzureichende Rechte")),
        ("ChangeUserPassword of no such user", Admin, CHANGE, new_password("nobody", "Whatever99"), Code("4041")),
        ("ChangeUserPassword to the same password", Admin, CHANGE, new_password("jdoe", "Secret123!"),
            CodeMentioning("4000", &["alten"])),
        ("ChangeUserPassword breaking the policy", Admin, CHANGE, new_password("jdoe", "short1"), CodeBreaks("4000", "MinLen")),
    ];
    for via in VIAS {
        b.run(via, &rows).await;
        let policy = ("the policy", Jdoe, POLICY, vec![], Succeeds);
        let a = b.check(via, &policy).await;
        assert!(a.find("PasswordRePromptActions").is_some(), "{a:?}");
    }
    // Successes: a modern CreateUser may omit the optional parameters (null).
    let bare = ["DomainName", "EmailAddress", "Password"];
    let bare = bare.into_iter().fold(nora(), without);
    #[rustfmt::skip]
    let row = ("CreateUser without the optional parameters", Admin, "CreateUser", bare, Succeeds);
    b.check(Via::Post, &row).await;
    let u = get_user(&b.r, &b.admin, "nora").await;
    assert_eq!((u.attr("Email"), u.attr("Domain")), ("", ""));
    b.shutdown().await;
}

#[tokio::test]
async fn modern_re_prompt_and_deleted_tickets() {
    let b = Bench::new(|c| {
        c.faults.modern = true;
        c.faults.reprompt_user_delete = true;
    })
    .await;
    let asmith = sign_in(&b.r, "asmith", "Secret123!").await;
    let gone = Holder(&asmith);
    #[rustfmt::skip]
    let rows = [
        ("DeleteUser wants the re-prompt", Admin, "DeleteUser", named("asmith"), CodeMentioning("2767", &["DeleteUser1"])),
        ("the caller's wrong password", Admin, "DeleteUser1", confirm("wrong", "asmith"), CodeText("4030", "Das Kennwort ist falsch")),
        ("the caller's password deletes", Admin, "DeleteUser1", confirm("Admin123!", "asmith"), Succeeds),
        // The deleted user's ticket: 4010 on any call; sign-in: 900, as for a wrong password.
        ("the deleted user's ticket", gone, "GetCurrentUser", vec![], Code("4010")),
        ("the deleted user's ticket", gone, "UserExists", named("jdoe"), Code("4010")),
        ("the deleted user's ticket", gone, "UpdateUserEmail", vec![("UserName", "asmith"), ("NewEmailAddress", "a@b.c")],
            Code("4010")),
        ("the deleted user's ticket", gone, "DeleteUser", named("jdoe"), Code("4010")),
        ("the deleted user signs in", NoTicket, SIGN_IN, login("asmith", "Secret123!"), Code("900")),
    ];
    b.run(Via::Post, &rows).await;
    b.shutdown().await;
}

#[tokio::test]
async fn modern_empty_required_values_answer_http_400() {
    let b = Bench::new(|c| c.faults.modern = true).await;
    let empty = "an empty or omitted required value";
    let mut rows: Vec<Row> = Vec::new();
    for name in ["UserName", "FirstName", "LastName", "AuthenticationSource"] {
        for params in [
            with(nora(), name, ""),
            with(nora(), name, "  "),
            without(nora(), name),
        ] {
            rows.push((empty, Admin, "CreateUser", params, BadRequest(name)));
        }
    }
    #[rustfmt::skip]
    rows.extend([
        (empty, Admin, "CreateUser", with(nora(), "ReadOnlyUser", ""), BadRequest("ReadOnlyUser")),
        ("a bool that is none", Admin, "CreateUser", with(nora(), "ReadOnlyUser", "maybe"), BadRequest("ReadOnlyUser")),
        (empty, Admin, "DeleteUser", named(""), BadRequest("UserName")),
        (empty, Admin, "DeleteUser", vec![], BadRequest("UserName")),
        ("DeleteUser1's password even where it is never read", Admin, "DeleteUser1", confirm("", "asmith"),
            BadRequest("UserPassword")),
        (empty, Admin, "DeleteUser1", confirm("Admin123!", ""), BadRequest("UserName")),
        (empty, Admin, "UserExists", named(""), BadRequest("UserName")),
        (empty, Admin, CHANGE, new_password("jdoe", ""), BadRequest("NewPassword")),
        (empty, Admin, CHANGE, new_password("", "Whatever99"), BadRequest("UserName")),
    ]);
    for via in VIAS {
        b.run(via, &rows).await;
    }
    #[rustfmt::skip]
    let rows = [
        ("the 400s changed nothing", Admin, "UserExists", named("asmith"), Succeeds),
        ("the 400s changed nothing", Admin, "UserExists", named("jdoe"), Succeeds),
        ("the 400s created no one", Admin, "UserExists", named("nora"), CodeText("4000", "Benutzer nicht gefunden")),
        ("the 400s changed no password", NoTicket, SIGN_IN, login("jdoe", "Secret123!"), Succeeds),
        ("optional ones may be empty: DomainName, EmailAddress, Password", Admin, "CreateUser", native("nora", "", ""),
            Succeeds),
    ];
    b.run(Via::Post, &rows).await;
    b.shutdown().await;
}

#[tokio::test]
async fn passwords_never_reach_the_request_log() {
    let r = emulator(|_| {}).await;
    let secrets = [
        "Admin123!",
        "Secret123!",
        "Welcome2Nora",
        "NewSecure!99",
        "Wr0ngPassw0rd",
        "Reset4Anna",
    ];
    let mut admin = String::new();
    for via in VIAS {
        let reply = call(&r, via, SIGN_IN, &login("admin", "Admin123!")).await;
        admin = answer(&reply.body).attr("ticket").to_string();
    }
    let t = Some(admin.as_str());
    let names = VIAS.map(|via| format!("nora{via:?}"));
    for (via, name) in VIAS.into_iter().zip(&names) {
        let create = native(name, "", "Welcome2Nora");
        call(&r, via, "CreateUser", &ticketed("CreateUser", t, &create)).await;
    }
    let jdoe = sign_in(&r, "jdoe", "Secret123!").await;
    let own = new_password("jdoe", "NewSecure!99");
    call(&r, Via::Get, CHANGE, &ticketed(CHANGE, Some(&jdoe), &own)).await;
    let reset = new_password("asmith", "Reset4Anna");
    call(&r, Via::Soap, CHANGE, &ticketed(CHANGE, t, &reset)).await;
    for (via, name) in VIAS.into_iter().zip(&names) {
        let delete = confirm("Wr0ngPassw0rd", name);
        call(&r, via, "DeleteUser1", &ticketed("DeleteUser1", t, &delete)).await;
    }
    // An empty password stays empty: it hides nothing and shows that none was sent.
    let ext = ticketed("CreateUser", t, &user("ext.user", "", "", "CORP-LDAP"));
    call(&r, Via::Post, "CreateUser", &ext).await;
    // Spelled in another case, as ASP.NET binds it, and failed calls too.
    let lower_case = [("uid", "jdoe"), ("pwd", "Secret123!")];
    call(&r, Via::Get, SIGN_IN, &lower_case).await;
    call(&r, Via::Get, "CreateUser", &[("password", "Welcome2Nora")]).await;
    let text = control_get(&r, "/_emulator/log").await;
    for secret in secrets {
        assert!(!text.contains(secret), "{secret} in the log: {text}");
        assert!(!text.contains(&enc(secret)), "{secret} in the log: {text}");
    }
    // The parameter is still there, its value redacted.
    let log: serde_json::Value = serde_json::from_str(&text).unwrap();
    let entries = log.as_array().unwrap();
    let mut seen = std::collections::HashMap::new();
    for e in entries {
        for pair in e["params"].as_array().unwrap() {
            let (k, v) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
            if ["pwd", "password", "newpassword", "userpassword"]
                .contains(&k.to_lowercase().as_str())
            {
                if e["params"].to_string().contains("ext.user") {
                    assert_eq!(v, "", "{e}");
                    continue;
                }
                assert_eq!(v, "[redacted]", "{e}");
                let (op, transport) = (&e["operation"], &e["transport"]);
                let key = format!("{}/{}", op.as_str().unwrap(), transport.as_str().unwrap());
                *seen.entry(key).or_insert(0) += 1;
            }
        }
        if e["method"] == "GET" && e["operation"] == SIGN_IN {
            let url = e["url"].as_str().unwrap();
            assert!(
                url.contains("PWD=[redacted]") || url.contains("pwd=[redacted]"),
                "{e}"
            );
        }
    }
    for key in [
        "AuthenticateUser/get",
        "AuthenticateUser/post",
        "AuthenticateUser/soap",
        "CreateUser/get",
        "CreateUser/post",
        "CreateUser/soap",
        "ChangeUserPassword/get",
        "ChangeUserPassword/soap",
        "DeleteUser1/get",
        "DeleteUser1/post",
        "DeleteUser1/soap",
    ] {
        assert!(seen.contains_key(key), "{key}: {seen:?}");
    }
    // Other values are logged as they came.
    let first = &entries[0];
    assert_eq!(first["params"][0], serde_json::json!(["UID", "admin"]));
    // The access log is a web server's: it keeps a GET URL as received, which is how a client
    // that puts a password in a URL is caught.
    let access = control_get(&r, "/_emulator/access-log").await;
    assert!(
        access.contains("GET /srv.asmx/AuthenticateUser?UID=admin&PWD=Admin123%21 200"),
        "{access}"
    );
    r.shutdown().await;
}
