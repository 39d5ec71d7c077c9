//! The admin panel's user list: paging, filters in the address, selection following a rename.

use console_e2e::forms::{active_id, wait_focus};
use console_e2e::*;

#[tokio::test]
async fn paging_and_filters_live_in_the_address() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(ADMIN).await?;
        h.goto("/users").await?;
        let total = h.wait_text("#users-total", "Showing 1–25 of").await?;
        h.screenshot("user-list-light").await?;
        assert_eq!(h.axe_violations().await?, Vec::<String>::new());
        h.click("#page-next").await?;
        h.wait_text("#users-total", "Showing 26–50 of").await?;
        assert!(
            h.client()
                .current_url()
                .await?
                .as_str()
                .ends_with("/users?start=25")
        );
        // A reload restores the same page.
        h.client().refresh().await?;
        h.wait_text("#page-label", "Page 2 of").await?;
        assert_eq!(
            h.find("#users-total")
                .await?
                .text()
                .await?
                .split(" of ")
                .nth(1),
            total.split(" of ").nth(1)
        );

        h.fill("#filter-user", "user00").await?;
        h.click("#filter-apply").await?;
        h.wait_text("#users-total", "of 99 users").await?;
        let url = h.client().current_url().await?;
        assert!(
            url.as_str().contains("user=user00") && !url.as_str().contains("start="),
            "{url}"
        );
        let log = h.request_log().await?;
        let last = calls(&log, "GetAllUsers1").pop().unwrap().clone();
        assert_eq!(param(&last, "userNameFilter"), Some("user00"));
        assert_eq!(param(&last, "StartingRowNumber"), Some("0"));
        assert_eq!(param(&last, "NumbeOfRow"), Some("25"));

        // The tab says where one is, also after a link inside the app.
        assert_eq!(h.client().title().await?, "Users – infoRouter Accounts");
        let first = h.find("#users-table tbody a").await?;
        let name = first.text().await?;
        first.click().await?;
        h.wait_text("#fact-user-name", &name).await?;
        assert_eq!(
            h.client().title().await?,
            format!("{name} – Users – infoRouter Accounts")
        );
        h.client().back().await?;
        h.wait_text("#users-total", "of 99 users").await?;
        assert_eq!(h.client().title().await?, "Users – infoRouter Accounts");

        // A hand-edited address: a page size the list does not offer is the default one, a
        // start past the end says so, and Previous goes to the last page.
        h.goto("/users?user=user00&rows=7&start=99990").await?;
        h.wait_text("#users-total", "past the end of the list (99 users match)")
            .await?;
        h.wait_text("#page-label", "Past the last page (4)").await?;
        h.click("#page-prev").await?;
        h.wait_text("#users-total", "Showing 76–99 of 99 users")
            .await?;
        h.wait_text("#page-label", "Page 4 of 4").await?;

        h.goto("/users?status=0").await?;
        h.wait_text("#users-total", "Showing").await?;
        let rows = h.find("#users-table tbody").await?.text().await?;
        assert!(
            !rows.contains("Enabled") && rows.contains("Disabled"),
            "{rows}"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn selection_follows_a_rename() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(ADMIN).await?;
        h.goto("/users?user=user0005").await?;
        h.wait_text("#users-total", "of 1 user").await?;
        h.click("#users-table tbody a").await?;
        h.wait_text("#fact-user-name", "user0005").await?;
        h.screenshot("user-page-light").await?;
        assert_eq!(h.axe_violations().await?, Vec::<String>::new());
        h.fill("#profile-user-name", "user0005 renamed/ü").await?;
        h.click("#profile-save").await?;
        h.wait_text("#fact-user-name", "user0005 renamed/ü").await?;
        let url = h.client().current_url().await?;
        assert!(
            url.as_str().ends_with("/users/user0005%20renamed%2F%C3%BC"),
            "{url}"
        );
        h.client().refresh().await?;
        h.wait_text("#fact-user-name", "user0005 renamed/ü").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn moving_between_the_entries_with_unsaved_changes_asks_once() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(ADMIN).await?;
        // On one's own profile (the self-service entry), with something typed.
        h.fill("#email-new", "typed.on.my.profile@example.com")
            .await?;
        h.click("nav.main-nav a[href='/users']").await?;
        let alert = h.client().get_alert_text().await?;
        assert!(alert.contains("unsaved changes"), "{alert}");
        h.client().dismiss_alert().await?;
        assert_eq!(h.client().current_url().await?.path(), "/");
        assert_eq!(
            h.find("#email-new").await?.prop("value").await?.as_deref(),
            Some("typed.on.my.profile@example.com")
        );
        // Leaving after all: one question, not a second one from the browser, and the admin
        // entry starts signed in (the ticket carries over).
        h.click("nav.main-nav a[href='/users']").await?;
        h.client().accept_alert().await?;
        h.wait_text("#users-total", "Showing").await?;
        h.wait_text("header .who", "admin").await?;
        // And back: the self-service entry, still signed in, nothing typed left.
        h.click("nav.main-nav a[href='/']").await?;
        h.wait_text("#fact-user-name", "admin").await?;
        assert_ne!(
            h.find("#email-new").await?.prop("value").await?.as_deref(),
            Some("typed.on.my.profile@example.com")
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn leaving_by_a_link_with_unsaved_changes_asks_first() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(ADMIN).await?;
        h.goto("/users/jdoe").await?;
        h.wait_text("#fact-user-name", "jdoe").await?;
        h.fill("#email-new", "typed.but.not.saved@example.com")
            .await?;
        h.click("main a[href='/users']").await?;
        let alert = h.client().get_alert_text().await?;
        assert!(alert.contains("unsaved changes"), "{alert}");
        h.client().dismiss_alert().await?;
        // Stayed, with the input intact.
        assert!(
            h.client()
                .current_url()
                .await?
                .as_str()
                .ends_with("/users/jdoe")
        );
        assert_eq!(
            h.find("#email-new").await?.prop("value").await?.as_deref(),
            Some("typed.but.not.saved@example.com")
        );
        h.click("main a[href='/users']").await?;
        h.client().accept_alert().await?;
        h.wait_text("#users-total", "Showing").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn leaving_a_filtered_list_sends_nothing_more_and_logs_no_error() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        h.sign_in(ADMIN).await?;
        h.goto("/users?user=jdoe").await?;
        h.wait_text("#users-total", "of 1 user").await?;
        h.clear_log().await?;
        h.click("#users-table a[href$='/users/jdoe']").await?;
        h.wait_text("#fact-user-name", "jdoe").await?;
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let log = h.request_log().await?;
        assert!(
            calls(&log, "GetAllUsers1").is_empty(),
            "leaving the list sends no listing: {log:?}"
        );
        // `close` fails the test if the browser logged a panic (a disposed signal touched).
        Ok(())
    })
    .await
}

/// A chunk of the build taken off a test's own site, as after the console is deployed again
/// while a page is open: the server answers with index.html, which is no wasm module.
struct MissingChunk {
    name: String,
    real: Vec<u8>,
}

impl MissingChunk {
    /// The chunk whose name has `part` (`-split-bulk-`).
    fn of(part: &str) -> anyhow::Result<MissingChunk> {
        let dist = dist_dir()?;
        let name = std::fs::read_dir(&dist)?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .find(|n| n.contains(part) && n.ends_with(".wasm"))
            .ok_or_else(|| anyhow::anyhow!("the build has no {part} chunk (src/bin/admin.rs)"))?;
        let real = std::fs::read(dist.join(&name))?;
        Ok(MissingChunk { name, real })
    }

    fn remove(&self, h: &Harness) -> anyhow::Result<()> {
        let site = h.site_dir().expect("a site of its own");
        for file in [
            self.name.clone(),
            format!("{}.br", self.name),
            format!("{}.gz", self.name),
        ] {
            std::fs::remove_file(site.join(file))?;
        }
        Ok(())
    }

    fn restore(&self, h: &Harness) -> anyhow::Result<()> {
        let site = h.site_dir().expect("a site of its own");
        Ok(std::fs::write(site.join(&self.name), &self.real)?)
    }
}

/// The one thing logged is the chunk's failure (wasm_split's loader logs it).
async fn only_the_chunk_failure_is_logged(h: &Harness) -> anyhow::Result<()> {
    let logged: Vec<String> = console::read(h.client())
        .await?
        .into_iter()
        .filter(console::is_problem)
        .map(|e| e["message"].to_string())
        .collect();
    anyhow::ensure!(
        !logged.is_empty() && logged.iter().all(|m| m.contains("WebAssembly")),
        "only the chunk's failure is logged: {logged:?}"
    );
    Ok(())
}

/// The admin entry's other screens are chunks fetched when first opened (README "Size"). One
/// that does not arrive is said so on the page, and Try again fetches it in place.
#[tokio::test]
async fn a_screen_whose_chunk_does_not_arrive_says_so_and_loads_on_try_again() -> anyhow::Result<()>
{
    let chunk = MissingChunk::of("-split-bulk-")?;
    run(Harness::start_with_site(vec![]).await?, async |h| {
        chunk.remove(h)?;
        h.sign_in(ADMIN).await?;
        h.goto("/users").await?;
        h.wait_text("#users-total", "Showing").await?;
        h.click("header a[href='/bulk']").await?;
        h.wait_text("main [role=alert] h1", "This page could not be loaded")
            .await?;
        only_the_chunk_failure_is_logged(h).await?;
        chunk.restore(h)?;
        h.click("main [role=alert] button").await?;
        h.wait_text("main h1", "Bulk changes").await?;
        assert!(
            h.find("#bulk-read").await.is_ok(),
            "the bulk page is usable"
        );
        Ok(())
    })
    .await
}

/// The sections of a user's page shown only at their own addresses (Access, Hand over) are a
/// chunk of their own, fetched when one is first shown. One that does not arrive is said so in
/// the section; what was typed in another stays, and Try again fetches it in place.
#[tokio::test]
async fn a_section_whose_chunk_does_not_arrive_says_so_and_keeps_what_was_typed()
-> anyhow::Result<()> {
    let chunk = MissingChunk::of("-split-user-sections-")?;
    run(Harness::start_with_site(vec![]).await?, async |h| {
        chunk.remove(h)?;
        h.sign_in(ADMIN).await?;
        h.goto("/users/jdoe").await?;
        h.wait_text("#fact-user-name", "jdoe").await?;
        h.fill("#email-new", "typed@example.com").await?;
        h.click("#section-link-access").await?;
        h.wait_text(
            "#section-access [role=alert] h2",
            "This section could not be loaded",
        )
        .await?;
        // The page around it stays whole.
        h.wait_text("#fact-user-name", "jdoe").await?;
        only_the_chunk_failure_is_logged(h).await?;
        chunk.restore(h)?;
        h.click("#section-access [role=alert] button").await?;
        h.wait_text("#groups-count", "3 groups").await?;
        h.click("#section-link-details").await?;
        console_e2e::forms::wait_value(h, "#email-new", "typed@example.com").await?;
        Ok(())
    })
    .await
}

/// The admin entry moves between its pages in place: no page load, Back and Forward work, the
/// new page's content takes the focus, and a section link keeps it.
#[tokio::test]
async fn pages_change_in_place_with_back_forward_and_focus() -> anyhow::Result<()> {
    run(Harness::start().await?, async |h| {
        let c = h.client();
        let script = async |js: &str| c.execute(js, vec![]).await;
        h.sign_in(ADMIN).await?;
        h.goto("/users?user=user0007").await?;
        h.wait_text("#users-total", "of 1 user").await?;
        // Gone with the next page load, if any.
        script("window.sameLoad = true; return null").await?;
        let same_load = async || -> anyhow::Result<bool> {
            Ok(script("return window.sameLoad === true").await? == serde_json::json!(true))
        };

        h.click("#new-user-link").await?;
        h.wait_text("h1.page-title", "New user").await?;
        assert!(c.current_url().await?.as_str().ends_with("/new-user"));
        assert_eq!(
            active_id(h).await?,
            "main",
            "the new page's content has the focus"
        );
        assert_eq!(c.title().await?, "New user – infoRouter Accounts");

        c.back().await?;
        h.wait_text("#users-total", "of 1 user").await?;
        assert!(
            c.current_url()
                .await?
                .as_str()
                .ends_with("/users?user=user0007")
        );
        c.forward().await?;
        h.wait_text("h1.page-title", "New user").await?;
        h.click("a[href$='/users']").await?;
        h.wait_text("#users-total", "Showing").await?;

        let first = h.find("#users-table tbody a").await?;
        let name = first.text().await?;
        first.click().await?;
        h.wait_text("#fact-user-name", &name).await?;
        assert_eq!(active_id(h).await?, "main");
        // Back to the list from the user page: the focus was on a link that went with it.
        c.execute(
            "document.getElementById('section-link-access').focus()",
            vec![],
        )
        .await?;
        c.back().await?;
        h.wait_text("#users-total", "Showing").await?;
        wait_focus(h, "main").await?;
        c.forward().await?;
        h.wait_text("#fact-user-name", &name).await?;
        h.click("#section-link-access").await?;
        h.wait_text("#section-link-access[aria-current='page']", "Access")
            .await?;
        assert!(c.current_url().await?.as_str().ends_with("/access"));
        assert_eq!(
            active_id(h).await?,
            "section-link-access",
            "a link between sections keeps the focus"
        );
        assert!(
            same_load().await?,
            "every move happened without a page load"
        );
        Ok(())
    })
    .await
}
