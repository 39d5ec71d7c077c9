//! infoRouter Accounts: a client-side console for infoRouter user accounts over srv.asmx.

mod api;
mod app;
mod bulk;
mod components;
mod config;
mod embed;
mod routes;
mod session;

#[cfg(test)]
mod component_tests;

fn main() {
    console_error_panic_hook::set_once();
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    // Embed addresses are recognised below the deploy-time base path (`/infoRouter/accounts/`).
    let base = config::Config::from_page().base_path;
    match base.strip(&path).and_then(embed::view_from_path) {
        Some(view) => {
            leptos::mount::mount_to_body(move || leptos::view! { <embed::EmbedApp view=view/> })
        }
        None => leptos::mount::mount_to_body(app::App),
    }
}
