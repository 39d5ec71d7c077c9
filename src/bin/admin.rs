//! The administrators' entry (user list, user pages, bulk changes).

fn main() {
    inforouter_console::start_admin();
}
