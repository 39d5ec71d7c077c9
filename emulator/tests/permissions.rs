//! The permission matrix: the user themselves, another ordinary user and an administrator,
//! times every operation.

mod common;
use common::*;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Caller {
    Themselves,
    OtherUser,
    Admin,
}

/// Calls `op` on jdoe as `caller`; answers the error text ("" on success).
async fn attempt(r: &inforouter_emulator::Running, caller: Caller, op: &str) -> String {
    let t = match caller {
        Caller::Themselves => sign_in(r, "jdoe", "Secret123!").await,
        Caller::OtherUser => sign_in(r, "asmith", "Secret123!").await,
        Caller::Admin => sign_in(r, "admin", "Admin123!").await,
    };
    let t = t.as_str();
    let pairs: Vec<(&str, &str)> = match op {
        "GetUser" => vec![("authenticationTicket", t), ("UserName", "jdoe")],
        "GetAllUsers1" => vec![
            ("authenticationTicket", t),
            ("StartingRowNumber", "0"),
            ("NumbeOfRow", "5"),
            ("StatusFilter", "-1"),
            ("SortBy", "0"),
            ("SortAscending", "true"),
        ],
        "UpdateUserContactInfo" => vec![
            ("authenticationTicket", t),
            ("userName", "jdoe"),
            ("emailAddress", "x@example.com"),
            ("mobileNumber", "+1555"),
        ],
        "UpdateUserEmail" => vec![
            ("authenticationTicket", t),
            ("UserName", "jdoe"),
            ("NewEmailAddress", "x@example.com"),
        ],
        "UpdateUserProfile" => vec![
            ("authenticationTicket", t),
            ("UserName", "jdoe"),
            ("NewUserName", "jdoe"),
            ("NewFirstName", "J"),
            ("NewLastName", "D"),
            ("AuthenticateSource", "native"),
        ],
        "UpdateUserPreferences" => vec![
            ("authenticationTicket", t),
            ("UserName", "jdoe"),
            ("xmlPreferences", "<Preferences ShowHiddens=\"true\"/>"),
        ],
        "ChangeUserStatus" => vec![
            ("authenticationTicket", t),
            ("UserName", "jdoe"),
            ("StatusCode", "1"),
        ],
        _ => unreachable!(),
    };
    let a = answer(&call(r, Via::Post, op, &pairs).await.body);
    if a.attr("success") == "true" {
        String::new()
    } else {
        a.attr("error").to_string()
    }
}

#[tokio::test]
async fn matrix() {
    use Caller::*;
    let r = emulator(|_| {}).await;
    // (operation, themselves, another user, admin): true = allowed.
    let table = [
        ("GetUser", true, true, true),
        ("GetAllUsers1", false, false, true),
        ("UpdateUserContactInfo", true, false, true),
        ("UpdateUserEmail", true, false, true),
        ("UpdateUserPreferences", true, false, true),
        ("UpdateUserProfile", false, false, true),
        ("ChangeUserStatus", false, false, true),
    ];
    for (op, me, other, admin) in table {
        for (caller, allowed) in [(Themselves, me), (OtherUser, other), (Admin, admin)] {
            let error = attempt(&r, caller, op).await;
            if allowed {
                assert_eq!(error, "", "{op} as {caller:?} should be allowed");
            } else {
                assert_eq!(
                    error, "Access denied",
                    "{op} as {caller:?} should be denied"
                );
            }
        }
    }
    r.shutdown().await;
}

#[tokio::test]
async fn denied_calls_change_nothing() {
    let r = emulator(|_| {}).await;
    let other = sign_in(&r, "asmith", "Secret123!").await;
    let a = answer(
        &call(
            &r,
            Via::Post,
            "UpdateUserEmail",
            &[
                ("authenticationTicket", &other),
                ("UserName", "jdoe"),
                ("NewEmailAddress", "evil@example.com"),
            ],
        )
        .await
        .body,
    );
    assert_eq!(a.attr("error"), "Access denied");
    let admin = sign_in(&r, "admin", "Admin123!").await;
    assert_eq!(
        get_user(&r, &admin, "jdoe").await.attr("Email"),
        "john.doe@example.com"
    );
    r.shutdown().await;
}
