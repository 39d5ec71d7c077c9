//! The self-service entry (sign-in, one's own profile, embedded views).

fn main() {
    inforouter_console::start_self_service();
}
