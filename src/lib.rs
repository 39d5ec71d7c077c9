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
pub fn start_self_service(screens: shell::on_demand::SelfServiceScreens) {
    use shell::on_demand::OnDemand;
    console_error_panic_hook::set_once();
    shell::boot::read_static_page();
    if embed::requested_view().is_some() {
        leptos::mount::mount_to_body(move || leptos::view! { <OnDemand load=screens.embed/> })
    } else {
        leptos::mount::mount_to_body(move || {
            leptos::view! { <shell::self_service::SelfServiceApp screens=screens/> }
        })
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
