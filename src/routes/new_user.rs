//! An administrator's page for a new account; after creating it, the new user's page opens
//! and offers the welcome email (`?created=1`). With a colleague named ("Like a colleague"),
//! the copy steps run first, in place of the form (the account exists: the form must not send
//! CreateUser again); the page opens when they all went cleanly, and stays to show a warning
//! or a failure.

use leptos::prelude::*;

use crate::components::create_user::CreateUserForm;
use crate::components::form::{SaveHost, SaveReport, focus_id};
use crate::components::onboarding::{Like, OnboardProgress, OnboardRun};
use crate::routes::user_href;
use crate::send::Applied;
use crate::session::use_session;
use crate::shell::in_app_nav::use_navigator;

#[component]
pub fn NewUserPage() -> impl IntoView {
    let session = use_session();
    let navigator = use_navigator();
    let open_user = Callback::new(move |user_name: String| {
        navigator.go(&format!("{}?created=1", user_href(&user_name)), false);
    });
    let like = Like::new(session);
    let run = OnboardRun::new(open_user);
    provide_context(SaveHost(Callback::new(move |report: SaveReport| {
        if let Applied::Created(user_name) = report.applied {
            match like.plan_for(&user_name) {
                Some(plan) => {
                    run.begin(plan, session);
                    // The form, and the button that had focus, give way to the progress.
                    focus_id("like-progress-title");
                }
                None => open_user.run(user_name),
            }
        }
    })));
    let creating = move || run.run.with(Option::is_none);
    view! {
        <p><a href=session.href("/users")>"← All users"</a></p>
        <h1 class="page-title">"New user"</h1>
        <Show when=creating fallback=move || view! { <OnboardProgress run=run/> }>
            <CreateUserForm like=like/>
        </Show>
    }
}
