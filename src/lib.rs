//! infoRouter Accounts: a client-side console for infoRouter user accounts over srv.asmx.
//! One library, two entries (see Cargo.toml): [`start_self_service`] and [`start_admin`].

pub mod api;
pub mod bulk;
pub mod components;
pub mod config;
pub mod embed;
pub mod facts;
pub mod routes;
pub mod send;
pub mod session;
pub mod shell;
pub mod transport;

#[cfg(test)]
mod component_tests;

/// The entry every employee loads: sign-in, their own profile, and the embeddable views.
pub fn start_self_service() {
    console_error_panic_hook::set_once();
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    // Embed addresses are recognised below the deploy-time base path (`/infoRouter/accounts/`).
    let base = config::Config::from_page().base_path;
    shell::boot::read_static_page();
    match base.strip(&path).and_then(embed::view_from_path) {
        Some(view) => {
            leptos::mount::mount_to_body(move || leptos::view! { <embed::EmbedApp view=view/> })
        }
        None => leptos::mount::mount_to_body(shell::self_service::SelfServiceApp),
    }
    shell::boot::remove_static_page();
}

/// The administrators' entry: the user list, user pages and bulk changes.
pub fn start_admin(screens: shell::on_demand::AdminScreens) {
    console_error_panic_hook::set_once();
    shell::boot::read_static_page();
    leptos::mount::mount_to_body(move || {
        leptos::view! { <shell::admin::AdminApp screens=screens/> }
    });
    shell::boot::remove_static_page();
}
