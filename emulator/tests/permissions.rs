//! The permission matrix: the user themselves, another ordinary user and an administrator,
//! times every operation, as rows of the table harness (`common/table.rs`).

mod common;
use common::table::*;
use common::{Via, sign_in};

#[tokio::test]
async fn matrix() {
    let b = Bench::new(|_| {}).await;
    let other = sign_in(&b.r, "asmith", "Secret123!").await;
    #[rustfmt::skip]
    let page = vec![
        ("StartingRowNumber", "0"), ("NumbeOfRow", "5"), ("StatusFilter", "-1"), ("SortBy", "0"), ("SortAscending", "true"),
    ];
    let hidden = "<Preferences ShowHiddens=\"true\"/>";
    // (operation, its parameters on jdoe, themselves, another user, admin): true = allowed.
    #[rustfmt::skip]
    let table = [
        ("GetUser", named("jdoe"), true, true, true),
        ("GetAllUsers1", page, false, false, true),
        ("UpdateUserContactInfo", contact_info("jdoe", "x@example.com", "+1555"), true, false, true),
        ("UpdateUserEmail", new_email("jdoe", "x@example.com"), true, false, true),
        ("UpdateUserPreferences", preferences("jdoe", hidden), true, false, true),
        ("UpdateUserProfile", profile("jdoe", "jdoe", "J", "D", "native"), false, false, true),
        ("ChangeUserStatus", new_status("jdoe", "1"), false, false, true),
    ];
    let mut rows: Vec<Row> = Vec::new();
    for (op, params, me, another, admin) in table {
        for (who, allowed) in [(Jdoe, me), (Holder(&other), another), (Admin, admin)] {
            let want = if allowed { Succeeds } else { Fails(DENIED) };
            rows.push(("the permission matrix", who, op, params.clone(), want));
        }
    }
    b.run(Via::Post, &rows).await;
    b.shutdown().await;
}

#[tokio::test]
async fn denied_calls_change_nothing() {
    let b = Bench::new(|_| {}).await;
    let other = sign_in(&b.r, "asmith", "Secret123!").await;
    let kept = [("Email", "john.doe@example.com")];
    #[rustfmt::skip]
    let rows = [
        ("another user's email", Holder(&other), "UpdateUserEmail", new_email("jdoe", "evil@example.com"), Fails(DENIED)),
        ("is unchanged", Admin, "GetUser", named("jdoe"), SucceedsWith("User", &kept)),
    ];
    b.run(Via::Post, &rows).await;
    b.shutdown().await;
}
