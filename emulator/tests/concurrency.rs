//! Many simultaneous calls keep the store consistent: no lost update, no half-done rename.

mod common;
use common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_renames_and_updates_stay_consistent() {
    let r = std::sync::Arc::new(emulator(|_| {}).await);
    let t = sign_in(&r, "admin", "Admin123!").await;
    let mut tasks = Vec::new();
    // 200 users renamed at once, each also getting a new email, while readers list users.
    for n in 1..=200 {
        let (r, t) = (r.clone(), t.clone());
        tasks.push(tokio::spawn(async move {
            let old = format!("user{n:04}");
            let new = format!("renamed{n:04}");
            let a = answer(
                &call(
                    &r,
                    Via::Post,
                    "UpdateUserProfile",
                    &[
                        ("authenticationTicket", &t),
                        ("UserName", &old),
                        ("NewUserName", &new),
                        ("NewFirstName", "R"),
                        ("NewLastName", &n.to_string()),
                        ("AuthenticateSource", "native"),
                    ],
                )
                .await
                .body,
            );
            assert_eq!(a.attr("success"), "true");
            let email = format!("r{n}@example.com");
            let a = answer(
                &call(
                    &r,
                    Via::Post,
                    "UpdateUserEmail",
                    &[
                        ("authenticationTicket", &t),
                        ("UserName", &new),
                        ("NewEmailAddress", &email),
                    ],
                )
                .await
                .body,
            );
            assert_eq!(a.attr("success"), "true");
        }));
    }
    for _ in 0..20 {
        let (r, t) = (r.clone(), t.clone());
        tasks.push(tokio::spawn(async move {
            let a = answer(
                &call(
                    &r,
                    Via::Post,
                    "GetAllUsers1",
                    &[
                        ("authenticationTicket", &t),
                        ("StartingRowNumber", "0"),
                        ("NumbeOfRow", "3000"),
                        ("StatusFilter", "-1"),
                        ("SortBy", "1"),
                        ("SortAscending", "true"),
                    ],
                )
                .await
                .body,
            );
            // Every snapshot holds every account exactly once, under one name.
            assert_eq!(a.attr("totalusercount"), "2011");
            let names: std::collections::HashSet<String> = a
                .find("users")
                .unwrap()
                .children
                .iter()
                .map(|u| u.attr("UserName").to_lowercase())
                .collect();
            assert_eq!(names.len(), 2011);
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    for n in [1, 57, 200] {
        let u = get_user(&r, &t, &format!("renamed{n:04}")).await;
        assert_eq!(
            (u.attr("LastName"), u.attr("Email")),
            (n.to_string().as_str(), format!("r{n}@example.com").as_str())
        );
        let gone = answer(
            &call(
                &r,
                Via::Post,
                "GetUser",
                &[
                    ("authenticationTicket", &t),
                    ("UserName", &format!("user{n:04}")),
                ],
            )
            .await
            .body,
        );
        assert_eq!(gone.attr("error"), "User not found");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_renames_onto_one_name_let_exactly_one_win() {
    let r = std::sync::Arc::new(emulator(|_| {}).await);
    let t = sign_in(&r, "admin", "Admin123!").await;
    let mut tasks = Vec::new();
    for n in 1..=50 {
        let (r, t) = (r.clone(), t.clone());
        tasks.push(tokio::spawn(async move {
            let a = answer(
                &call(
                    &r,
                    Via::Post,
                    "UpdateUserProfile",
                    &[
                        ("authenticationTicket", &t),
                        ("UserName", &format!("user{n:04}")),
                        ("NewUserName", "the.one"),
                        ("NewFirstName", "T"),
                        ("NewLastName", "O"),
                        ("AuthenticateSource", "native"),
                    ],
                )
                .await
                .body,
            );
            a.attr("success") == "true"
        }));
    }
    let mut winners = 0;
    for task in tasks {
        winners += usize::from(task.await.unwrap());
    }
    assert_eq!(winners, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_preference_toggles_leave_a_value_that_was_sent() {
    let r = std::sync::Arc::new(emulator(|_| {}).await);
    let t = sign_in(&r, "jdoe", "Secret123!").await;
    let mut tasks = Vec::new();
    for n in 0..100 {
        let (r, t) = (r.clone(), t.clone());
        tasks.push(tokio::spawn(async move {
            let xml = format!(
                "<Preferences Language=\"L{n}\" ShowHiddens=\"{}\"/>",
                n % 2 == 0
            );
            let a = answer(
                &call(
                    &r,
                    Via::Post,
                    "UpdateUserPreferences",
                    &[
                        ("authenticationTicket", &t),
                        ("UserName", "jdoe"),
                        ("xmlPreferences", &xml),
                    ],
                )
                .await
                .body,
            );
            assert_eq!(a.attr("success"), "true");
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let p = get_user(&r, &t, "")
        .await
        .find("Preferences")
        .unwrap()
        .clone();
    let n: u32 = p.attr("Language")[1..].parse().unwrap();
    // Both attributes come from the same call: an update is applied whole.
    assert_eq!(
        p.attr("ShowHiddens"),
        if n.is_multiple_of(2) { "TRUE" } else { "FALSE" }
    );
}
