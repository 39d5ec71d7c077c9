//! The self-service page: the signed-in user's details and what they may change themselves.

use leptos::prelude::*;

use crate::routes::user_view::UserView;

#[component]
pub fn ProfilePage() -> impl IntoView {
    view! { <UserView user_name=String::new()/> }
}
