//! One file per view.

pub mod bulk;
pub mod handover_selected;
pub mod new_user;
pub mod profile;
pub mod user_list;
pub mod user_page;
pub mod user_sections;
pub mod user_view;

use inforouter_protocol::encode::{decode_component, encode_component};

/// The console's link to an admin's view of one user. Names may hold `/`, `&`, `%` or spaces,
/// so the segment is fully percent-encoded.
pub fn user_href(user_name: &str) -> String {
    format!("/users/{}", encode_component(user_name))
}

/// The user name and the section slug (empty for the first section) in the current
/// `/users/<name>[/<section>]` address, read from the raw, still-encoded path so that every
/// character of the name comes back exactly (a `/` in a name is encoded, so the first one
/// after the name starts the section).
pub fn user_address_from_path(raw_path: &str) -> Option<(String, String)> {
    let rest = raw_path.strip_prefix("/users/")?;
    let (segment, section) = rest.split_once('/').unwrap_or((rest, ""));
    let name = decode_component(segment).ok()?;
    (!name.is_empty()).then(|| (name, section.trim_end_matches('/').to_string()))
}
