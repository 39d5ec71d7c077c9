//! The account-lifecycle and password calls: CreateUser, DeleteUser, DeleteUser1,
//! ChangeUserPassword, GetAuthenticationAndPasswordPolicy and UserExists, as an older server
//! answers them and as a newer one (`--modern`) does; the password policy; the re-prompt on
//! user delete; and passwords kept out of the request log.

mod common;
use common::*;
use inforouter_emulator::{PasswordPolicy, RePrompt, Running};

const VIAS: [Via; 3] = [Via::Get, Via::Post, Via::Soap];
const BOGUS: &str = "00000000-0000-0000-0000-000000000000";

async fn set_faults(r: &Running, json: &str) {
    let resp = client()
        .put(format!("{}/_emulator/faults", r.url()))
        .header("Content-Type", "application/json")
        .body(json.to_string())
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success());
}

async fn request_log(r: &Running) -> String {
    client()
        .get(format!("{}/_emulator/log", r.url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// The answer element of a call that answered HTTP 200.
async fn ask(r: &Running, via: Via, op: &str, pairs: &[(&str, &str)]) -> El {
    let reply = call(r, via, op, pairs).await;
    assert_eq!(reply.status, 200, "{op} {via:?}: {}", reply.body);
    answer(&reply.body)
}

/// The error text of a failed answer ("" on success).
fn error_of(a: &El) -> String {
    if a.attr("success") == "true" {
        String::new()
    } else {
        a.attr("error").to_string()
    }
}

/// `(error, errorCode)` of a newer server's failed answer.
fn modern_failure(a: &El) -> (String, String) {
    assert_eq!(a.attr("success"), "false", "{a:?}");
    (a.attr("error").to_string(), a.attr("errorCode").to_string())
}

/// CreateUser's nine parameters for a native user in Finance.
fn new_user<'a>(
    ticket: &'a str,
    name: &'a str,
    email: &'a str,
    password: &'a str,
    source: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("authenticationTicket", ticket),
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

async fn sign_in_fails(r: &Running, user: &str, password: &str) -> String {
    let a = ask(
        r,
        Via::Post,
        "AuthenticateUser",
        &[("UID", user), ("PWD", password)],
    )
    .await;
    assert_eq!(
        a.attr("success"),
        "false",
        "{user} signed in with {password}"
    );
    a.attr("error").to_string()
}

async fn exists(r: &Running, ticket: &str, name: &str) -> bool {
    let a = ask(
        r,
        Via::Post,
        "UserExists",
        &[("authenticationTicket", ticket), ("UserName", name)],
    )
    .await;
    a.attr("success") == "true"
}

#[tokio::test]
async fn create_user_answers_the_new_id_and_the_user_starts_enabled() {
    for via in VIAS {
        let r = emulator(|_| {}).await;
        let admin = sign_in(&r, "admin", "Admin123!").await;
        let reply = call(
            &r,
            via,
            "CreateUser",
            &new_user(&admin, "nora", "nora@example.com", "Welcome2Nora", "native"),
        )
        .await;
        assert_eq!(reply.status, 200);
        // The fixture holds 2,011 accounts, ids 1 to 2011.
        let element = r#"<response success="true" id="2012" error="" />"#;
        if via == Via::Soap {
            assert!(reply.body.contains("<CreateUserResponse xmlns=\"http://tempuri.org/\"><CreateUserResult><response xmlns=\"\" success=\"true\" id=\"2012\" error=\"\" /></CreateUserResult>"), "{}", reply.body);
        } else {
            assert_eq!(
                reply.body,
                format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{element}")
            );
        }
        let u = get_user(&r, &admin, "NORA").await;
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
        let t = sign_in(&r, "nora", "Welcome2Nora").await;
        assert_eq!(get_user(&r, &t, "").await.attr("UserName"), "nora");
        // Ids are not reused: the next one is 2013 even after a delete.
        let a = ask(
            &r,
            via,
            "DeleteUser",
            &[("authenticationTicket", &admin), ("UserName", "nora")],
        )
        .await;
        assert_eq!(a.attr("success"), "true");
        let a = ask(
            &r,
            via,
            "CreateUser",
            &new_user(&admin, "nora", "nora@example.com", "Welcome2Nora", "native"),
        )
        .await;
        assert_eq!(a.attr("id"), "2013");
        let a = ask(
            &r,
            Via::Post,
            "isValidTicket",
            &[("AuthenticationTicket", &t)],
        )
        .await;
        assert_eq!(
            a.attr("error"),
            "[901] Session expired or Invalid ticket",
            "the old nora's ticket does not pass to the new one"
        );
        r.shutdown().await;
    }
}

#[tokio::test]
async fn create_user_details() {
    let r = emulator(|_| {}).await;
    let admin = sign_in(&r, "admin", "Admin123!").await;
    // Read-only, external authority, no domain, no password, email not checked.
    let a = ask(
        &r,
        Via::Post,
        "CreateUser",
        &[
            ("authenticationTicket", &admin),
            ("DomainName", ""),
            ("UserName", "ext.reader"),
            ("FirstName", "Ex"),
            ("LastName", "Ternal"),
            ("EmailAddress", "notanemail"),
            ("Password", ""),
            ("ReadOnlyUser", "True"),
            ("AuthenticationSource", "corp-ldap"),
        ],
    )
    .await;
    assert_eq!(a.attr("success"), "true", "{a:?}");
    let u = get_user(&r, &admin, "ext.reader").await;
    for (k, v) in [
        ("ReadOnlyUser", "TRUE"),
        ("Enabled", "TRUE"),
        ("Domain", ""),
        ("Email", "notanemail"),
        ("AuthenticationAuthority", "CORP-LDAP"),
    ] {
        assert_eq!(u.attr(k), v, "{k}");
    }
    // No password: an empty one does not sign in.
    assert_eq!(
        sign_in_fails(&r, "ext.reader", "").await,
        "[900] Authentication failed"
    );
    // A native user without a password is allowed too ("nothing insists on one").
    let a = ask(
        &r,
        Via::Post,
        "CreateUser",
        &new_user(&admin, "nopass", "", "", "native"),
    )
    .await;
    assert_eq!(a.attr("success"), "true", "{a:?}");
    assert_eq!(
        sign_in_fails(&r, "nopass", "").await,
        "[900] Authentication failed"
    );
    // The policy governs native passwords only: an external authority keeps its own.
    let a = ask(
        &r,
        Via::Post,
        "CreateUser",
        &new_user(&admin, "ext.weak", "", "abc", "CORPDOM"),
    )
    .await;
    assert_eq!(a.attr("success"), "true", "{a:?}");
    // INFOROUTER is the 7.5-era name of native (the page's JavaScript sends it).
    let a = ask(
        &r,
        Via::Post,
        "CreateUser",
        &new_user(
            &admin,
            "jsmith",
            "jsmith@example.com",
            "Passw0rd!x",
            "INFOROUTER",
        ),
    )
    .await;
    assert_eq!(a.attr("success"), "true", "{a:?}");
    assert_eq!(
        get_user(&r, &admin, "jsmith")
            .await
            .attr("AuthenticationAuthority"),
        "native"
    );
    sign_in(&r, "jsmith", "Passw0rd!x").await;
    r.shutdown().await;
}

#[tokio::test]
async fn create_user_refusals_on_an_older_server() {
    let r = emulator(|_| {}).await;
    let admin = sign_in(&r, "admin", "Admin123!").await;
    let jdoe = sign_in(&r, "jdoe", "Secret123!").await;
    let manager = sign_in(&r, "usermanager", "Manager123!").await;
    let err = |a: El| error_of(&a);
    // System administrators only: not an ordinary user, not a User Manager.
    for t in [&jdoe, &manager] {
        assert_eq!(
            err(ask(
                &r,
                Via::Post,
                "CreateUser",
                &new_user(t, "nora", "", "Welcome2Nora", "native")
            )
            .await),
            "Access denied"
        );
    }
    assert_eq!(
        err(ask(
            &r,
            Via::Post,
            "CreateUser",
            &new_user(BOGUS, "nora", "", "Welcome2Nora", "native")
        )
        .await),
        "[901] Session expired or Invalid ticket"
    );
    // A taken name, ignoring case.
    for name in ["jdoe", "JDoe", "ASMITH"] {
        assert_eq!(
            err(ask(
                &r,
                Via::Post,
                "CreateUser",
                &new_user(&admin, name, "", "Welcome2Nora", "native")
            )
            .await),
            "Username already exists"
        );
    }
    // An unknown authority: the message lists the known ones.
    assert_eq!(
        err(ask(
            &r,
            Via::Post,
            "CreateUser",
            &new_user(&admin, "nora", "", "Welcome2Nora", "LDAP_Authority")
        )
        .await),
        "SystemError:Unknown authentication source 'LDAP_Authority'. Known authentication sources: native, CORP-LDAP, CORPDOM."
    );
    // Empty AuthenticationSource is an unknown one on an older server.
    assert!(
        err(ask(
            &r,
            Via::Post,
            "CreateUser",
            &new_user(&admin, "nora", "", "Welcome2Nora", "")
        )
        .await)
        .starts_with("SystemError:Unknown authentication source ''.")
    );
    // An empty or padded name.
    assert_eq!(
        err(ask(
            &r,
            Via::Post,
            "CreateUser",
            &new_user(&admin, "", "", "Welcome2Nora", "native")
        )
        .await),
        "SystemError:UserName cannot be empty."
    );
    assert_eq!(
        err(ask(
            &r,
            Via::Post,
            "CreateUser",
            &new_user(&admin, " nora", "", "Welcome2Nora", "native")
        )
        .await),
        "SystemError:UserName cannot begin or end with spaces."
    );
    // An omitted parameter: [903], as for every call on an older server.
    let mut pairs = new_user(&admin, "nora", "", "Welcome2Nora", "native");
    pairs.retain(|(k, _)| *k != "LastName");
    assert_eq!(
        err(ask(&r, Via::Post, "CreateUser", &pairs).await),
        "[903]Required parameter.'LastName'"
    );
    let mut pairs = new_user(&admin, "nora", "", "Welcome2Nora", "native");
    pairs.retain(|(k, _)| *k != "Password");
    assert_eq!(
        err(ask(&r, Via::Post, "CreateUser", &pairs).await),
        "[903]Required parameter.'Password'"
    );
    // ReadOnlyUser is a bool.
    let mut pairs = new_user(&admin, "nora", "", "Welcome2Nora", "native");
    pairs[7].1 = "maybe";
    assert_eq!(
        err(ask(&r, Via::Post, "CreateUser", &pairs).await),
        "SystemError:ReadOnlyUser must be true or false, not 'maybe'."
    );
    // Nothing was created.
    assert!(!exists(&r, &admin, "nora").await);
    assert!(!exists(&r, &admin, " nora").await);
    r.shutdown().await;
}

/// The rule name a policy message ends with, e.g. `MinLen`.
fn rule_of(error: &str) -> &str {
    let open = error.rfind('(').expect("the message names its rule");
    error[open + 1..].trim_end_matches(['.', ')'])
}

#[tokio::test]
async fn the_default_policy_is_enforced_by_create_user_and_change_user_password() {
    let r = emulator(|_| {}).await;
    let admin = sign_in(&r, "admin", "Admin123!").await;
    // (user name, email, password, rule broken)
    let cases = [
        ("carol9", "carol9@example.com", "Ab1", "MinLen"),
        (
            "carol9",
            "carol9@example.com",
            "abcdefghij",
            "MustIncludeAlphaNumericCharacters",
        ),
        (
            "carol9",
            "carol9@example.com",
            "1234567890",
            "MustIncludeAlphaNumericCharacters",
        ),
        (
            "carol9",
            "carol9@example.com",
            "CAROL9@example.com",
            "MustNotEqualEmailAddress",
        ),
        ("carol9x", "carol@example.com", "Carol9X", "MinLen"),
        (
            "carol2026",
            "carol@example.com",
            "Carol2026",
            "MustNotEqualUserName",
        ),
        (
            "carol9",
            "carol9@example.com",
            "Password1",
            "MustNotInCommonPasswordList",
        ),
        (
            "carol9",
            "carol9@example.com",
            "qwerty123",
            "MustNotInCommonPasswordList",
        ),
    ];
    for (name, email, password, rule) in cases {
        let a = ask(
            &r,
            Via::Post,
            "CreateUser",
            &new_user(&admin, name, email, password, "native"),
        )
        .await;
        let error = error_of(&a);
        assert_eq!(rule_of(&error), rule, "CreateUser {password}: {error}");
        assert!(!exists(&r, &admin, name).await);
    }
    // The same rules through ChangeUserPassword, on users created with a good password.
    for (name, email) in [
        ("carol9", "carol9@example.com"),
        ("carol2026", "carol@example.com"),
    ] {
        let a = ask(
            &r,
            Via::Post,
            "CreateUser",
            &new_user(&admin, name, email, "Good2Start", "native"),
        )
        .await;
        assert_eq!(a.attr("success"), "true", "{a:?}");
    }
    for (name, _, password, rule) in cases {
        if name == "carol9x" {
            continue;
        }
        let t = sign_in(&r, name, "Good2Start").await;
        let a = ask(
            &r,
            Via::Get,
            "ChangeUserPassword",
            &[
                ("AuthenticationTicket", &t),
                ("UserName", name),
                ("NewPassword", password),
            ],
        )
        .await;
        assert_eq!(a.name, "root");
        let error = error_of(&a);
        assert_eq!(
            rule_of(&error),
            rule,
            "ChangeUserPassword {password}: {error}"
        );
        // The old password still works.
        sign_in(&r, name, "Good2Start").await;
    }
    // A good one passes.
    let a = ask(
        &r,
        Via::Post,
        "CreateUser",
        &new_user(&admin, "dave", "dave@example.com", "Tr1cky-Horse", "native"),
    )
    .await;
    assert_eq!(a.attr("success"), "true", "{a:?}");
    r.shutdown().await;
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
    let r = emulator(|c| c.password_policy = policy.clone()).await;
    let admin = sign_in(&r, "admin", "Admin123!").await;
    let reply = call(
        &r,
        Via::Post,
        "GetAuthenticationAndPasswordPolicy",
        &[("authenticationTicket", &admin)],
    )
    .await;
    assert!(reply.body.contains("<Expires>90</Expires><MinLen>10</MinLen><MustIncludeAlphaNumericCharacters>false</MustIncludeAlphaNumericCharacters><MustIncludeNumericCharacters>true</MustIncludeNumericCharacters><MustIncludeNonAlphaNumericCharacters>true</MustIncludeNonAlphaNumericCharacters><MustNotEqualEmailAddress>false</MustNotEqualEmailAddress><MustNotEqualUserName>false</MustNotEqualUserName><MustNotInCommonPasswordList>false</MustNotInCommonPasswordList>"), "{}", reply.body);
    assert!(reply.body.contains("<PasswordRePromptActions><DomainDelete>true</DomainDelete><OnDelete>true</OnDelete><UserDelete>false</UserDelete><SecurityApply>true</SecurityApply><OnOwnerChange>false</OnOwnerChange><OnClassify>false</OnClassify><OnReviewTask>false</OnReviewTask></PasswordRePromptActions>"), "{}", reply.body);
    for (password, rule) in [
        ("Sh0rt!", "MinLen"),
        ("abcdefghij!", "MustIncludeNumericCharacters"),
        ("abcdefghi1", "MustIncludeNonAlphaNumericCharacters"),
        (
            "日本語日本語日本語1",
            "MustIncludeNonAlphaNumericCharacters",
        ),
    ] {
        let a = ask(
            &r,
            Via::Post,
            "CreateUser",
            &new_user(&admin, "erin", "erin@example.com", password, "native"),
        )
        .await;
        assert_eq!(rule_of(&error_of(&a)), rule, "{password}");
    }
    // The rules switched off no longer apply: no letters needed, the user name and a common
    // password are fine.
    for (name, password) in [
        ("erin", "1234567890!"),
        ("password1!x", "password1!x"),
        ("frank", "password1!"),
    ] {
        let a = ask(
            &r,
            Via::Post,
            "CreateUser",
            &new_user(&admin, name, "erin@example.com", password, "native"),
        )
        .await;
        assert_eq!(a.attr("success"), "true", "{password}: {a:?}");
    }
    r.shutdown().await;
}

#[tokio::test]
async fn delete_user_by_name_and_by_id_and_what_it_leaves_behind() {
    for via in VIAS {
        let r = emulator(|_| {}).await;
        let admin = sign_in(&r, "admin", "Admin123!").await;
        let jdoe = sign_in(&r, "jdoe", "Secret123!").await;
        let mgarcia = sign_in(&r, "mgarcia", "Secret123!").await;
        let a = ask(
            &r,
            via,
            "DeleteUser",
            &[("authenticationTicket", &admin), ("UserName", "JDOE")],
        )
        .await;
        assert_eq!(
            (a.name.as_str(), a.attr("success"), a.attr("error")),
            ("response", "true", "")
        );
        // Gone: not found, cannot sign in (as for a wrong password), its ticket is dead on
        // every call.
        assert!(!exists(&r, &admin, "jdoe").await);
        assert_eq!(
            sign_in_fails(&r, "jdoe", "Secret123!").await,
            "[900] Authentication failed"
        );
        for (op, pairs) in [
            (
                "GetCurrentUser",
                vec![("authenticationTicket", jdoe.as_str())],
            ),
            (
                "isValidTicket",
                vec![("AuthenticationTicket", jdoe.as_str())],
            ),
            (
                "UserExists",
                vec![
                    ("authenticationTicket", jdoe.as_str()),
                    ("UserName", "admin"),
                ],
            ),
            (
                "ChangeUserPassword",
                vec![
                    ("AuthenticationTicket", jdoe.as_str()),
                    ("UserName", "jdoe"),
                    ("NewPassword", "Another1!"),
                ],
            ),
        ] {
            let a = ask(&r, via, op, &pairs).await;
            assert_eq!(
                error_of(&a),
                "[901] Session expired or Invalid ticket",
                "{op}"
            );
        }
        // A second delete is refused.
        let a = ask(
            &r,
            via,
            "DeleteUser",
            &[("authenticationTicket", &admin), ("UserName", "jdoe")],
        )
        .await;
        assert_eq!(error_of(&a), "User not found");
        // By id: mgarcia is user 6.
        assert_eq!(get_user(&r, &admin, "mgarcia").await.attr("UserID"), "6");
        let a = ask(
            &r,
            via,
            "DeleteUser",
            &[("authenticationTicket", &admin), ("UserName", "ID:6")],
        )
        .await;
        assert_eq!(a.attr("success"), "true", "{a:?}");
        assert!(!exists(&r, &admin, "mgarcia").await);
        let a = ask(
            &r,
            via,
            "GetCurrentUser",
            &[("authenticationTicket", &mgarcia)],
        )
        .await;
        assert_eq!(error_of(&a), "[901] Session expired or Invalid ticket");
        let a = ask(
            &r,
            via,
            "DeleteUser",
            &[("authenticationTicket", &admin), ("UserName", "id:6")],
        )
        .await;
        assert_eq!(error_of(&a), "User not found");
        // The list shrinks by two.
        let page = ask(
            &r,
            Via::Post,
            "GetAllUsers1",
            &[
                ("authenticationTicket", &admin),
                ("StartingRowNumber", "0"),
                ("NumbeOfRow", "1"),
                ("StatusFilter", "-1"),
                ("SortBy", "0"),
                ("SortAscending", "true"),
            ],
        )
        .await;
        assert_eq!(page.attr("totalusercount"), "2009");
        r.shutdown().await;
    }
}

#[tokio::test]
async fn delete_user_refusals() {
    let r = emulator(|_| {}).await;
    let admin = sign_in(&r, "admin", "Admin123!").await;
    let jdoe = sign_in(&r, "jdoe", "Secret123!").await;
    let manager = sign_in(&r, "usermanager", "Manager123!").await;
    for op in ["DeleteUser", "DeleteUser1"] {
        let attempt = |ticket: Option<String>, who: &'static str| {
            let r = &r;
            async move {
                let mut pairs = vec![("UserName", who)];
                if op == "DeleteUser1" {
                    pairs.insert(0, ("UserPassword", "Admin123!"));
                }
                if let Some(t) = &ticket {
                    pairs.insert(0, ("authenticationTicket", t.as_str()));
                }
                error_of(&ask(r, Via::Post, op, &pairs).await)
            }
        };
        for t in [&jdoe, &manager] {
            assert_eq!(
                attempt(Some(t.clone()), "asmith").await,
                "Access denied",
                "{op}"
            );
        }
        assert_eq!(
            attempt(Some(admin.clone()), "admin").await,
            "You cannot delete your own user account",
            "{op}"
        );
        assert_eq!(
            attempt(Some(admin.clone()), "sysadmin").await,
            "The built-in system administrator cannot be deleted",
            "{op}"
        );
        assert_eq!(
            attempt(Some(admin.clone()), "nobody").await,
            "User not found",
            "{op}"
        );
        assert_eq!(
            attempt(Some(BOGUS.into()), "asmith").await,
            "[901] Session expired or Invalid ticket",
            "{op}"
        );
        assert_eq!(
            attempt(Some(String::new()), "asmith").await,
            "[901] Session expired or Invalid ticket",
            "{op}"
        );
        assert_eq!(
            attempt(None, "asmith").await,
            "[903]Required parameter.'authenticationTicket'",
            "{op}"
        );
    }
    // DeleteUser1 wants UserPassword present on an older server, even though it is not read.
    assert_eq!(
        error_of(
            &ask(
                &r,
                Via::Post,
                "DeleteUser1",
                &[("authenticationTicket", &admin), ("UserName", "asmith")]
            )
            .await
        ),
        "[903]Required parameter.'UserPassword'"
    );
    // DeleteUser1 takes a user name only, not DeleteUser's `ID:` form.
    assert_eq!(
        error_of(
            &ask(
                &r,
                Via::Post,
                "DeleteUser1",
                &[
                    ("authenticationTicket", &admin),
                    ("UserPassword", "Admin123!"),
                    ("UserName", "ID:4")
                ]
            )
            .await
        ),
        "User not found"
    );
    // Everyone is still there.
    for name in ["asmith", "admin", "sysadmin", "jdoe", "usermanager"] {
        assert!(exists(&r, &admin, name).await, "{name}");
    }
    r.shutdown().await;
}

#[tokio::test]
async fn re_prompt_off_a_wrong_password_still_deletes() {
    let r = emulator(|_| {}).await;
    let admin = sign_in(&r, "admin", "Admin123!").await;
    for (name, password) in [
        ("asmith", "not-my-password"),
        ("bwilson", "Admin123!"),
        ("reader", "x"),
    ] {
        let a = ask(
            &r,
            Via::Post,
            "DeleteUser1",
            &[
                ("authenticationTicket", &admin),
                ("UserPassword", password),
                ("UserName", name),
            ],
        )
        .await;
        assert_eq!((a.attr("success"), a.attr("error")), ("true", ""), "{name}");
        assert!(!exists(&r, &admin, name).await);
    }
    // An older server does not insist on a non-empty one either.
    let a = ask(
        &r,
        Via::Post,
        "DeleteUser1",
        &[
            ("authenticationTicket", &admin),
            ("UserPassword", ""),
            ("UserName", "zoe"),
        ],
    )
    .await;
    assert_eq!(a.attr("success"), "true");
    r.shutdown().await;
}

/// `PasswordRePromptActions/UserDelete` as GetAuthenticationAndPasswordPolicy reports it.
async fn user_delete_flag(r: &Running, ticket: &str) -> String {
    let reply = call(
        r,
        Via::Post,
        "GetAuthenticationAndPasswordPolicy",
        &[("authenticationTicket", ticket)],
    )
    .await;
    let start = reply.body.find("<UserDelete>").unwrap() + "<UserDelete>".len();
    let end = reply.body.find("</UserDelete>").unwrap();
    reply.body[start..end].to_string()
}

#[tokio::test]
async fn re_prompt_on_refuses_delete_user_and_checks_the_callers_password() {
    for at_start in [true, false] {
        let r = emulator(|c| c.faults.reprompt_user_delete = at_start).await;
        if !at_start {
            set_faults(&r, r#"{"reprompt_user_delete":true}"#).await;
        }
        let admin = sign_in(&r, "admin", "Admin123!").await;
        let jdoe = sign_in(&r, "jdoe", "Secret123!").await;
        // Every signed-in user reads the switch.
        assert_eq!(user_delete_flag(&r, &jdoe).await, "true");
        for via in VIAS {
            let a = ask(
                &r,
                via,
                "DeleteUser",
                &[("authenticationTicket", &admin), ("UserName", "asmith")],
            )
            .await;
            assert_eq!(
                error_of(&a),
                "[2767] Password re-prompt is required to delete a user: use DeleteUser1"
            );
            // The re-prompt checks the CALLING administrator's password: not the target's.
            for wrong in ["Secret123!", "admin123!", "wrong"] {
                let a = ask(
                    &r,
                    via,
                    "DeleteUser1",
                    &[
                        ("authenticationTicket", &admin),
                        ("UserPassword", wrong),
                        ("UserName", "asmith"),
                    ],
                )
                .await;
                assert_eq!(error_of(&a), "[900] Authentication failed");
            }
            assert!(exists(&r, &admin, "asmith").await);
        }
        // Non-administrators are still refused as such.
        let a = ask(
            &r,
            Via::Post,
            "DeleteUser",
            &[("authenticationTicket", &jdoe), ("UserName", "asmith")],
        )
        .await;
        assert_eq!(error_of(&a), "Access denied");
        let a = ask(
            &r,
            Via::Post,
            "DeleteUser1",
            &[
                ("authenticationTicket", &admin),
                ("UserPassword", "Admin123!"),
                ("UserName", "asmith"),
            ],
        )
        .await;
        assert_eq!((a.attr("success"), a.attr("error")), ("true", ""));
        assert!(!exists(&r, &admin, "asmith").await);
        // Off again at run time: DeleteUser works, DeleteUser1 ignores the password.
        set_faults(&r, r#"{"reprompt_user_delete":false}"#).await;
        assert_eq!(user_delete_flag(&r, &jdoe).await, "false");
        let a = ask(
            &r,
            Via::Post,
            "DeleteUser1",
            &[
                ("authenticationTicket", &admin),
                ("UserPassword", "wrong"),
                ("UserName", "bwilson"),
            ],
        )
        .await;
        assert_eq!(a.attr("success"), "true");
        let a = ask(
            &r,
            Via::Post,
            "DeleteUser",
            &[("authenticationTicket", &admin), ("UserName", "reader")],
        )
        .await;
        assert_eq!(a.attr("success"), "true");
        let faults: serde_json::Value = serde_json::from_str(
            &client()
                .get(format!("{}/_emulator/faults", r.url()))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap(),
        )
        .unwrap();
        assert_eq!(faults["reprompt_user_delete"], false);
        r.shutdown().await;
    }
}

#[tokio::test]
async fn change_user_password_for_oneself_and_for_others() {
    for via in VIAS {
        let r = emulator(|_| {}).await;
        let jdoe = sign_in(&r, "jdoe", "Secret123!").await;
        // One's own: `<root success="true" />`, no error attribute.
        let reply = call(
            &r,
            via,
            "ChangeUserPassword",
            &[
                ("AuthenticationTicket", &jdoe),
                ("UserName", "jdoe"),
                ("NewPassword", "NewSecure!99"),
            ],
        )
        .await;
        assert_eq!(reply.status, 200);
        if via == Via::Soap {
            assert!(reply.body.contains("<ChangeUserPasswordResult><root xmlns=\"\" success=\"true\" /></ChangeUserPasswordResult>"), "{}", reply.body);
        } else {
            assert_eq!(
                reply.body,
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<root success=\"true\" />"
            );
        }
        // The open ticket keeps working; the next sign-in needs the new password.
        assert_eq!(get_user(&r, &jdoe, "").await.attr("UserName"), "jdoe");
        assert_eq!(
            sign_in_fails(&r, "jdoe", "Secret123!").await,
            "[900] Authentication failed"
        );
        let jdoe2 = sign_in(&r, "jdoe", "NewSecure!99").await;
        // LastPasswordChangeDate moves to today.
        let changed = get_user(&r, &jdoe2, "").await;
        assert_eq!(changed.attr("LastPasswordChangeDate").len(), 10);
        assert!(changed.attr("LastPasswordChangeDate").starts_with("20"));
        // The same again.
        let a = ask(
            &r,
            via,
            "ChangeUserPassword",
            &[
                ("AuthenticationTicket", &jdoe),
                ("UserName", "JDOE"),
                ("NewPassword", "NewSecure!99"),
            ],
        )
        .await;
        assert_eq!(
            error_of(&a),
            "New password cannot be the same as old password"
        );
        // Another user's: refused without the User Manager role.
        let a = ask(
            &r,
            via,
            "ChangeUserPassword",
            &[
                ("AuthenticationTicket", &jdoe),
                ("UserName", "asmith"),
                ("NewPassword", "Hijack3d!"),
            ],
        )
        .await;
        assert_eq!(error_of(&a), "Insufficient rights");
        sign_in(&r, "asmith", "Secret123!").await;
        // The User Manager (not a system administrator) may.
        let manager = sign_in(&r, "usermanager", "Manager123!").await;
        let a = ask(
            &r,
            via,
            "ChangeUserPassword",
            &[
                ("AuthenticationTicket", &manager),
                ("UserName", "asmith"),
                ("NewPassword", "Reset4Anna"),
            ],
        )
        .await;
        assert_eq!(a.attr("success"), "true", "{a:?}");
        sign_in(&r, "asmith", "Reset4Anna").await;
        // The administrator holds the role too.
        let admin = sign_in(&r, "admin", "Admin123!").await;
        let a = ask(
            &r,
            via,
            "ChangeUserPassword",
            &[
                ("AuthenticationTicket", &admin),
                ("UserName", "jdoe"),
                ("NewPassword", "ByAdmin2026"),
            ],
        )
        .await;
        assert_eq!(a.attr("success"), "true", "{a:?}");
        sign_in(&r, "jdoe", "ByAdmin2026").await;
        // An unknown user, a bad ticket, no ticket.
        let a = ask(
            &r,
            via,
            "ChangeUserPassword",
            &[
                ("AuthenticationTicket", &admin),
                ("UserName", "nobody"),
                ("NewPassword", "Whatever99"),
            ],
        )
        .await;
        assert_eq!(error_of(&a), "User not found");
        for pairs in [
            vec![
                ("AuthenticationTicket", BOGUS),
                ("UserName", "jdoe"),
                ("NewPassword", "Whatever99"),
            ],
            vec![("UserName", "jdoe"), ("NewPassword", "Whatever99")],
        ] {
            let a = ask(&r, via, "ChangeUserPassword", &pairs).await;
            assert_eq!(a.name, "root");
            assert_eq!(error_of(&a), "[901] Session expired or Invalid ticket");
        }
        r.shutdown().await;
    }
}

#[tokio::test]
async fn get_authentication_and_password_policy_as_the_sample() {
    let r = emulator(|_| {}).await;
    let expected = "<response success=\"true\"><AuthenticationAndPasswordPolicy><PasswordPolicy><Expires>0</Expires><MinLen>8</MinLen><MustIncludeAlphaNumericCharacters>true</MustIncludeAlphaNumericCharacters><MustIncludeNumericCharacters>true</MustIncludeNumericCharacters><MustIncludeNonAlphaNumericCharacters>false</MustIncludeNonAlphaNumericCharacters><MustNotEqualEmailAddress>true</MustNotEqualEmailAddress><MustNotEqualUserName>true</MustNotEqualUserName><MustNotInCommonPasswordList>true</MustNotInCommonPasswordList></PasswordPolicy><PasswordRePromptActions><DomainDelete>false</DomainDelete><OnDelete>false</OnDelete><UserDelete>false</UserDelete><SecurityApply>false</SecurityApply><OnOwnerChange>false</OnOwnerChange><OnClassify>false</OnClassify><OnReviewTask>false</OnReviewTask></PasswordRePromptActions></AuthenticationAndPasswordPolicy></response>";
    // Any signed-in user, the same answer.
    for (user, password) in [
        ("jdoe", "Secret123!"),
        ("reader", "Secret123!"),
        ("admin", "Admin123!"),
    ] {
        let t = sign_in(&r, user, password).await;
        for via in VIAS {
            let reply = call(
                &r,
                via,
                "GetAuthenticationAndPasswordPolicy",
                &[("authenticationTicket", &t)],
            )
            .await;
            assert_eq!(reply.status, 200);
            if via == Via::Soap {
                assert!(
                    reply
                        .body
                        .contains(&expected.replacen("<response", "<response xmlns=\"\"", 1)),
                    "{}",
                    reply.body
                );
            } else {
                assert_eq!(
                    reply.body,
                    format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{expected}")
                );
            }
        }
    }
    // Anonymous and expired callers.
    let err = |a: El| error_of(&a);
    assert_eq!(
        err(ask(
            &r,
            Via::Post,
            "GetAuthenticationAndPasswordPolicy",
            &[("authenticationTicket", "")]
        )
        .await),
        "[2730]Insufficient rights. Anonymous users cannot perform this action"
    );
    assert_eq!(
        err(ask(
            &r,
            Via::Post,
            "GetAuthenticationAndPasswordPolicy",
            &[("authenticationTicket", BOGUS)]
        )
        .await),
        "[901] Session expired or Invalid ticket"
    );
    r.shutdown().await;
}

#[tokio::test]
async fn user_exists_yes_and_no() {
    let r = emulator(|_| {}).await;
    let reader = sign_in(&r, "reader", "Secret123!").await;
    for via in VIAS {
        for name in [
            "jdoe",
            "JDOE",
            "mgarcia",
            "User2000",
            "sysadmin",
            "usermanager",
        ] {
            let a = ask(
                &r,
                via,
                "UserExists",
                &[("authenticationTicket", &reader), ("UserName", name)],
            )
            .await;
            assert_eq!(
                (a.name.as_str(), a.attr("success"), a.attr("error")),
                ("response", "true", ""),
                "{name}"
            );
        }
        for name in ["nobody", "user2001", "jdoe2", ""] {
            let a = ask(
                &r,
                via,
                "UserExists",
                &[("authenticationTicket", &reader), ("UserName", name)],
            )
            .await;
            assert_eq!(
                (a.attr("success"), a.attr("error")),
                ("false", "User not found"),
                "{name:?}"
            );
            assert!(!a.attrs.contains_key("errorCode"));
        }
        let a = ask(
            &r,
            via,
            "UserExists",
            &[("authenticationTicket", ""), ("UserName", "jdoe")],
        )
        .await;
        assert_eq!(
            error_of(&a),
            "[2730]Insufficient rights. Anonymous users cannot perform this action"
        );
        let a = ask(
            &r,
            via,
            "UserExists",
            &[("authenticationTicket", BOGUS), ("UserName", "jdoe")],
        )
        .await;
        assert_eq!(error_of(&a), "[901] Session expired or Invalid ticket");
    }
    r.shutdown().await;
}

#[tokio::test]
async fn lifecycle_permission_matrix() {
    // (operation, ordinary user, User Manager, system administrator): true = allowed.
    let table = [
        ("CreateUser", false, false, true),
        ("DeleteUser", false, false, true),
        ("DeleteUser1", false, false, true),
        ("ChangeUserPassword", false, true, true),
        ("GetAuthenticationAndPasswordPolicy", true, true, true),
        ("UserExists", true, true, true),
    ];
    for (op, user, manager, admin) in table {
        for (who, password, allowed) in [
            ("jdoe", "Secret123!", user),
            ("usermanager", "Manager123!", manager),
            ("admin", "Admin123!", admin),
        ] {
            let r = emulator(|_| {}).await;
            let t = sign_in(&r, who, password).await;
            let t = t.as_str();
            let pairs: Vec<(&str, &str)> = match op {
                "CreateUser" => new_user(t, "nora", "", "Welcome2Nora", "native"),
                "DeleteUser" => vec![("authenticationTicket", t), ("UserName", "asmith")],
                "DeleteUser1" => vec![
                    ("authenticationTicket", t),
                    ("UserPassword", password),
                    ("UserName", "asmith"),
                ],
                "ChangeUserPassword" => vec![
                    ("AuthenticationTicket", t),
                    ("UserName", "asmith"),
                    ("NewPassword", "Fresh2026!"),
                ],
                "GetAuthenticationAndPasswordPolicy" => vec![("authenticationTicket", t)],
                "UserExists" => vec![("authenticationTicket", t), ("UserName", "asmith")],
                _ => unreachable!(),
            };
            let error = error_of(&ask(&r, Via::Post, op, &pairs).await);
            if allowed {
                assert_eq!(error, "", "{op} as {who} should be allowed");
            } else if op == "ChangeUserPassword" {
                assert_eq!(error, "Insufficient rights", "{op} as {who}");
            } else {
                assert_eq!(error, "Access denied", "{op} as {who}");
            }
            r.shutdown().await;
        }
    }
}

#[tokio::test]
async fn modern_codes_of_the_lifecycle_calls() {
    let r = emulator(|c| c.faults.modern = true).await;
    let admin = sign_in(&r, "admin", "Admin123!").await;
    let jdoe = sign_in(&r, "jdoe", "Secret123!").await;
    for via in VIAS {
        // CreateUser: 4010 without a ticket or with a dead one, 4030 for a non-administrator,
        // 4000 for a taken name (not 4090) and for an unknown authority (listing the known).
        for t in ["", BOGUS] {
            let a = ask(
                &r,
                via,
                "CreateUser",
                &new_user(t, "nora", "", "Welcome2Nora", "native"),
            )
            .await;
            assert_eq!(modern_failure(&a).1, "4010", "{t:?}");
        }
        let mut no_ticket = new_user("", "nora", "", "Welcome2Nora", "native");
        no_ticket.remove(0);
        assert_eq!(
            modern_failure(&ask(&r, via, "CreateUser", &no_ticket).await).1,
            "4010"
        );
        let a = ask(
            &r,
            via,
            "CreateUser",
            &new_user(&jdoe, "nora", "", "Welcome2Nora", "native"),
        )
        .await;
        assert_eq!(
            modern_failure(&a),
            ("Zugriff verweigert".into(), "4030".into())
        );
        let a = ask(
            &r,
            via,
            "CreateUser",
            &new_user(&admin, "JDOE", "", "Welcome2Nora", "native"),
        )
        .await;
        assert_eq!(
            modern_failure(&a),
            (
                "Der Benutzername ist bereits vergeben".into(),
                "4000".into()
            )
        );
        let a = ask(
            &r,
            via,
            "CreateUser",
            &new_user(&admin, "nora", "", "Welcome2Nora", "LDAP_Authority"),
        )
        .await;
        let (error, code) = modern_failure(&a);
        assert_eq!(code, "4000");
        assert!(!error.contains('['));
        assert!(
            error.contains("'LDAP_Authority'") && error.contains("native, CORP-LDAP, CORPDOM"),
            "{error}"
        );
        // A policy breach: 4000, the German text names the rule.
        let a = ask(
            &r,
            via,
            "CreateUser",
            &new_user(&admin, "nora", "", "abcdefghij", "native"),
        )
        .await;
        let (error, code) = modern_failure(&a);
        assert_eq!(code, "4000");
        assert_eq!(rule_of(&error), "MustIncludeAlphaNumericCharacters");
        assert!(error.starts_with("Das Kennwort"), "{error}");

        // DeleteUser: no ticket 4030, a dead ticket 4010, a non-administrator 4030, no such
        // user 4000 (also a second delete).
        for pairs in [
            vec![("authenticationTicket", ""), ("UserName", "asmith")],
            vec![("UserName", "asmith")],
        ] {
            assert_eq!(
                modern_failure(&ask(&r, via, "DeleteUser", &pairs).await).1,
                "4030"
            );
        }
        let a = ask(
            &r,
            via,
            "DeleteUser",
            &[("authenticationTicket", BOGUS), ("UserName", "asmith")],
        )
        .await;
        assert_eq!(modern_failure(&a).1, "4010");
        let a = ask(
            &r,
            via,
            "DeleteUser",
            &[("authenticationTicket", &jdoe), ("UserName", "asmith")],
        )
        .await;
        assert_eq!(modern_failure(&a).1, "4030");
        let a = ask(
            &r,
            via,
            "DeleteUser",
            &[("authenticationTicket", &admin), ("UserName", "nobody")],
        )
        .await;
        assert_eq!(
            modern_failure(&a),
            ("Benutzer nicht gefunden".into(), "4000".into())
        );
        let a = ask(
            &r,
            via,
            "DeleteUser",
            &[("authenticationTicket", &admin), ("UserName", "admin")],
        )
        .await;
        assert_eq!(modern_failure(&a).1, "4030");

        // DeleteUser1: no ticket 4010, 4030, 4000.
        for pairs in [
            vec![
                ("authenticationTicket", ""),
                ("UserPassword", "x"),
                ("UserName", "asmith"),
            ],
            vec![("UserPassword", "x"), ("UserName", "asmith")],
            vec![
                ("authenticationTicket", BOGUS),
                ("UserPassword", "x"),
                ("UserName", "asmith"),
            ],
        ] {
            assert_eq!(
                modern_failure(&ask(&r, via, "DeleteUser1", &pairs).await).1,
                "4010"
            );
        }
        let a = ask(
            &r,
            via,
            "DeleteUser1",
            &[
                ("authenticationTicket", &jdoe),
                ("UserPassword", "Secret123!"),
                ("UserName", "asmith"),
            ],
        )
        .await;
        assert_eq!(modern_failure(&a).1, "4030");
        let a = ask(
            &r,
            via,
            "DeleteUser1",
            &[
                ("authenticationTicket", &admin),
                ("UserPassword", "Admin123!"),
                ("UserName", "nobody"),
            ],
        )
        .await;
        assert_eq!(modern_failure(&a).1, "4000");

        // UserExists: "no" is 4000; no ticket 4010.
        let a = ask(
            &r,
            via,
            "UserExists",
            &[("authenticationTicket", &jdoe), ("UserName", "Nobody")],
        )
        .await;
        assert_eq!(
            modern_failure(&a),
            ("Benutzer nicht gefunden".into(), "4000".into())
        );
        let a = ask(
            &r,
            via,
            "UserExists",
            &[("authenticationTicket", &jdoe), ("UserName", "ADMIN")],
        )
        .await;
        assert_eq!((a.attr("success"), a.attr("error")), ("true", ""));
        assert!(!a.attrs.contains_key("errorCode"));
        for pairs in [
            vec![("authenticationTicket", ""), ("UserName", "jdoe")],
            vec![("UserName", "jdoe")],
        ] {
            let (error, code) = modern_failure(&ask(&r, via, "UserExists", &pairs).await);
            assert_eq!(code, "4010");
            assert!(error.contains("Anonyme"), "{error}");
        }
        let a = ask(
            &r,
            via,
            "UserExists",
            &[("authenticationTicket", BOGUS), ("UserName", "jdoe")],
        )
        .await;
        assert_eq!(
            modern_failure(&a),
            (
                "Sitzung abgelaufen oder ungültiges Ticket".into(),
                "4010".into()
            )
        );

        // GetAuthenticationAndPasswordPolicy: 4010 for no ticket or a dead one; success as ever.
        for pairs in [
            vec![("authenticationTicket", "")],
            vec![],
            vec![("authenticationTicket", BOGUS)],
        ] {
            assert_eq!(
                modern_failure(&ask(&r, via, "GetAuthenticationAndPasswordPolicy", &pairs).await).1,
                "4010"
            );
        }
        let a = ask(
            &r,
            via,
            "GetAuthenticationAndPasswordPolicy",
            &[("authenticationTicket", &jdoe)],
        )
        .await;
        assert_eq!(a.attr("success"), "true");
        assert!(!a.attrs.contains_key("error"));
        assert!(a.find("PasswordRePromptActions").is_some());

        // ChangeUserPassword (its page has no table; the same codes as the updates): 4010,
        // 4030 for another's without the role, 4041 for no such user, 4000 for the same
        // password or a policy breach.
        let cup = |t: &str, who: &str, pw: &str| {
            let (t, who, pw) = (t.to_string(), who.to_string(), pw.to_string());
            let r = &r;
            async move {
                ask(
                    r,
                    via,
                    "ChangeUserPassword",
                    &[
                        ("AuthenticationTicket", &t),
                        ("UserName", &who),
                        ("NewPassword", &pw),
                    ],
                )
                .await
            }
        };
        let a = cup(BOGUS, "jdoe", "Whatever99").await;
        assert_eq!(a.name, "root");
        assert_eq!(modern_failure(&a).1, "4010");
        let a = cup(&jdoe, "asmith", "Whatever99").await;
        assert_eq!(
            modern_failure(&a),
            ("Unzureichende Rechte".into(), "4030".into())
        );
        assert_eq!(
            modern_failure(&cup(&admin, "nobody", "Whatever99").await).1,
            "4041"
        );
        let (error, code) = modern_failure(&cup(&admin, "jdoe", "Secret123!").await);
        assert_eq!(code, "4000");
        assert!(error.contains("alten"), "{error}");
        let (error, code) = modern_failure(&cup(&admin, "jdoe", "short1").await);
        assert_eq!((rule_of(&error), code.as_str()), ("MinLen", "4000"));
    }
    // Successes: a modern CreateUser may omit the optional parameters (null).
    let a = ask(
        &r,
        Via::Post,
        "CreateUser",
        &[
            ("authenticationTicket", &admin),
            ("UserName", "nora"),
            ("FirstName", "Nora"),
            ("LastName", "Neu"),
            ("ReadOnlyUser", "false"),
            ("AuthenticationSource", "native"),
        ],
    )
    .await;
    assert_eq!(a.attr("success"), "true", "{a:?}");
    assert_eq!(a.attr("error"), "");
    let u = get_user(&r, &admin, "nora").await;
    assert_eq!((u.attr("Email"), u.attr("Domain")), ("", ""));
    r.shutdown().await;
}

#[tokio::test]
async fn modern_re_prompt_and_deleted_tickets() {
    let r = emulator(|c| {
        c.faults.modern = true;
        c.faults.reprompt_user_delete = true;
    })
    .await;
    let admin = sign_in(&r, "admin", "Admin123!").await;
    let asmith = sign_in(&r, "asmith", "Secret123!").await;
    let a = ask(
        &r,
        Via::Post,
        "DeleteUser",
        &[("authenticationTicket", &admin), ("UserName", "asmith")],
    )
    .await;
    let (error, code) = modern_failure(&a);
    assert_eq!(code, "2767");
    assert!(
        error.contains("DeleteUser1") && !error.contains('['),
        "{error}"
    );
    let a = ask(
        &r,
        Via::Post,
        "DeleteUser1",
        &[
            ("authenticationTicket", &admin),
            ("UserPassword", "wrong"),
            ("UserName", "asmith"),
        ],
    )
    .await;
    assert_eq!(
        modern_failure(&a),
        ("Das Kennwort ist falsch".into(), "4030".into())
    );
    let a = ask(
        &r,
        Via::Post,
        "DeleteUser1",
        &[
            ("authenticationTicket", &admin),
            ("UserPassword", "Admin123!"),
            ("UserName", "asmith"),
        ],
    )
    .await;
    assert_eq!(a.attr("success"), "true");
    // The deleted user's ticket: 4010 on any call; sign-in: 900, as for a wrong password.
    for (op, pairs) in [
        (
            "GetCurrentUser",
            vec![("authenticationTicket", asmith.as_str())],
        ),
        (
            "UserExists",
            vec![
                ("authenticationTicket", asmith.as_str()),
                ("UserName", "jdoe"),
            ],
        ),
        (
            "UpdateUserEmail",
            vec![
                ("authenticationTicket", asmith.as_str()),
                ("UserName", "asmith"),
                ("NewEmailAddress", "a@b.c"),
            ],
        ),
        (
            "DeleteUser",
            vec![
                ("authenticationTicket", asmith.as_str()),
                ("UserName", "jdoe"),
            ],
        ),
    ] {
        let a = ask(&r, Via::Post, op, &pairs).await;
        assert_eq!(modern_failure(&a).1, "4010", "{op}");
    }
    let a = ask(
        &r,
        Via::Post,
        "AuthenticateUser",
        &[("UID", "asmith"), ("PWD", "Secret123!")],
    )
    .await;
    assert_eq!(a.attr("errorcode"), "900");
    r.shutdown().await;
}

/// An operation, its parameters, and the parameter the 400 names.
type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str);

#[tokio::test]
async fn modern_empty_required_values_answer_http_400() {
    let r = emulator(|c| c.faults.modern = true).await;
    let admin = sign_in(&r, "admin", "Admin123!").await;
    let t = admin.as_str();
    let mut cases: Vec<Case> = Vec::new();
    for (i, name) in [
        (2, "UserName"),
        (3, "FirstName"),
        (4, "LastName"),
        (8, "AuthenticationSource"),
    ] {
        let mut p = new_user(t, "nora", "", "Welcome2Nora", "native");
        p[i].1 = "";
        cases.push(("CreateUser", p.clone(), name));
        p[i].1 = "  ";
        cases.push(("CreateUser", p.clone(), name));
        p.remove(i);
        cases.push(("CreateUser", p, name));
    }
    for value in ["", "maybe"] {
        let mut p = new_user(t, "nora", "", "Welcome2Nora", "native");
        p[7].1 = value;
        cases.push(("CreateUser", p, "ReadOnlyUser"));
    }
    cases.push((
        "DeleteUser",
        vec![("authenticationTicket", t), ("UserName", "")],
        "UserName",
    ));
    cases.push(("DeleteUser", vec![("authenticationTicket", t)], "UserName"));
    // DeleteUser1's password even where it is never read.
    cases.push((
        "DeleteUser1",
        vec![
            ("authenticationTicket", t),
            ("UserPassword", ""),
            ("UserName", "asmith"),
        ],
        "UserPassword",
    ));
    cases.push((
        "DeleteUser1",
        vec![
            ("authenticationTicket", t),
            ("UserPassword", "Admin123!"),
            ("UserName", ""),
        ],
        "UserName",
    ));
    cases.push((
        "UserExists",
        vec![("authenticationTicket", t), ("UserName", "")],
        "UserName",
    ));
    cases.push((
        "ChangeUserPassword",
        vec![
            ("AuthenticationTicket", t),
            ("UserName", "jdoe"),
            ("NewPassword", ""),
        ],
        "NewPassword",
    ));
    cases.push((
        "ChangeUserPassword",
        vec![
            ("AuthenticationTicket", t),
            ("UserName", ""),
            ("NewPassword", "Whatever99"),
        ],
        "UserName",
    ));
    for via in VIAS {
        for (op, pairs, name) in &cases {
            let reply = call(&r, via, op, pairs).await;
            assert_eq!(reply.status, 400, "{op} {via:?} {pairs:?}: {}", reply.body);
            assert!(!reply.body.trim_start().starts_with('<'), "{}", reply.body);
            if via != Via::Soap {
                assert!(reply.body.contains(name), "{op}: {}", reply.body);
            }
        }
    }
    // The 400s changed nothing.
    for name in ["asmith", "jdoe"] {
        assert!(exists(&r, t, name).await);
    }
    assert!(!exists(&r, t, "nora").await);
    sign_in(&r, "jdoe", "Secret123!").await;
    // Optional ones may be empty: DomainName, EmailAddress, Password.
    let a = ask(
        &r,
        Via::Post,
        "CreateUser",
        &new_user(t, "nora", "", "", "native"),
    )
    .await;
    assert_eq!(a.attr("success"), "true", "{a:?}");
    r.shutdown().await;
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
        let reply = call(
            &r,
            via,
            "AuthenticateUser",
            &[("UID", "admin"), ("PWD", "Admin123!")],
        )
        .await;
        admin = answer(&reply.body).attr("ticket").to_string();
    }
    let t = admin.as_str();
    for via in VIAS {
        call(
            &r,
            via,
            "CreateUser",
            &new_user(t, &format!("nora{via:?}"), "", "Welcome2Nora", "native"),
        )
        .await;
    }
    let jdoe = sign_in(&r, "jdoe", "Secret123!").await;
    call(
        &r,
        Via::Get,
        "ChangeUserPassword",
        &[
            ("AuthenticationTicket", &jdoe),
            ("UserName", "jdoe"),
            ("NewPassword", "NewSecure!99"),
        ],
    )
    .await;
    call(
        &r,
        Via::Soap,
        "ChangeUserPassword",
        &[
            ("AuthenticationTicket", t),
            ("UserName", "asmith"),
            ("NewPassword", "Reset4Anna"),
        ],
    )
    .await;
    for via in VIAS {
        call(
            &r,
            via,
            "DeleteUser1",
            &[
                ("authenticationTicket", t),
                ("UserPassword", "Wr0ngPassw0rd"),
                ("UserName", &format!("nora{via:?}")),
            ],
        )
        .await;
    }
    // An empty password stays empty: it hides nothing and shows that none was sent.
    call(
        &r,
        Via::Post,
        "CreateUser",
        &new_user(t, "ext.user", "", "", "CORP-LDAP"),
    )
    .await;
    // Spelled in another case, as ASP.NET binds it, and failed calls too.
    call(
        &r,
        Via::Get,
        "AuthenticateUser",
        &[("uid", "jdoe"), ("pwd", "Secret123!")],
    )
    .await;
    call(&r, Via::Get, "CreateUser", &[("password", "Welcome2Nora")]).await;
    let text = request_log(&r).await;
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
                *seen
                    .entry(format!(
                        "{}/{}",
                        e["operation"].as_str().unwrap(),
                        e["transport"].as_str().unwrap()
                    ))
                    .or_insert(0) += 1;
            }
        }
        if e["method"] == "GET" && e["operation"] == "AuthenticateUser" {
            assert!(
                e["url"].as_str().unwrap().contains("PWD=[redacted]")
                    || e["url"].as_str().unwrap().contains("pwd=[redacted]"),
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
    let access = client()
        .get(format!("{}/_emulator/access-log", r.url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        access.contains("GET /srv.asmx/AuthenticateUser?UID=admin&PWD=Admin123%21 200"),
        "{access}"
    );
    r.shutdown().await;
}
