//! infoRouter Accounts: a client-side console for infoRouter user accounts over srv.asmx.

mod api;
mod app;
mod components;
mod config;
mod routes;
mod session;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
