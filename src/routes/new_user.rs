//! An administrator's page for a new account; after creating it, the new user's page opens
//! and offers the welcome email (`?created=1`).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::components::create_user::CreateUserForm;
use crate::components::form::{SaveHost, SaveReport};
use crate::routes::user_href;
use crate::send::Applied;
use crate::session::use_session;

#[component]
pub fn NewUserPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    provide_context(SaveHost(Callback::new(move |report: SaveReport| {
        if let Applied::Created(user_name) = report.applied {
            navigate(
                &format!("{}?created=1", user_href(&user_name)),
                Default::default(),
            );
        }
    })));
    view! {
        <p><A href=session.href("/users")>"← All users"</A></p>
        <h1 class="page-title">"New user"</h1>
        <CreateUserForm/>
    }
}
