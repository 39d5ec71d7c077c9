//! One file per view.

pub mod bulk;
pub mod new_user;
pub mod profile;
pub mod user_list;
pub mod user_page;
pub mod user_view;

use inforouter_protocol::encode::{decode_component, encode_component};

/// The console's link to an admin's view of one user. Names may hold `/`, `&`, `%` or spaces,
/// so the segment is fully percent-encoded.
pub fn user_href(user_name: &str) -> String {
    format!("/users/{}", encode_component(user_name))
}

/// The user name in the current `/users/<name>` address, read from the raw, still-encoded
/// path so that every character comes back exactly.
pub fn user_name_from_path(raw_path: &str) -> Option<String> {
    let segment = raw_path.strip_prefix("/users/")?;
    let name = decode_component(segment).ok()?;
    (!name.is_empty()).then_some(name)
}
