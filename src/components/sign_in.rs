//! The sign-in form (AuthenticateUser), used on the sign-in page and in the sign-in-again dialog.

use leptos::prelude::*;

use crate::session::use_session;

#[component]
pub fn SignInForm(
    /// Pre-filled and read-only when signing in again as the same person.
    #[prop(optional, into)]
    user_name: Option<String>,
    #[prop(optional, into)] id_prefix: Option<String>,
) -> impl IntoView {
    let session = use_session();
    let prefix = id_prefix.unwrap_or_else(|| "sign-in".into());
    let fixed_user = user_name.is_some();
    let name = RwSignal::new(user_name.unwrap_or_default());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let password_ref = NodeRef::<leptos::html::Input>::new();
    if fixed_user {
        // In the sign-in-again dialog the only thing to type is the password.
        Effect::new(move |_| {
            if let Some(input) = password_ref.get() {
                let _ = input.focus();
            }
        });
    }

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let (n, p) = (name.get_untracked(), password.get_untracked());
        if n.trim().is_empty() || p.is_empty() {
            error.set(Some("Enter your user name and password.".into()));
            return;
        }
        sending.set(true);
        error.set(None);
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            match session.sign_in(n.trim().to_string(), p).await {
                Ok(()) => password.set(String::new()),
                Err(e) => error.set(Some(e.user_message())),
            }
            sending.set(false);
        });
    };

    let user_id = format!("{prefix}-user");
    let password_id = format!("{prefix}-password");
    let error_id = format!("{prefix}-error");
    let error_id_attr = error_id.clone();
    view! {
        <form class="form" on:submit=submit novalidate>
            <div class="field">
                <label for=user_id.clone()>"User name"</label>
                <input id=user_id type="text" name="username" autocomplete="username" required
                    readonly=fixed_user
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                    aria-describedby=move || error.with(Option::is_some).then(|| error_id_attr.clone())/>
            </div>
            <div class="field">
                <label for=password_id.clone()>"Password"</label>
                <input id=password_id node_ref=password_ref type="password" name="password" autocomplete="current-password" required
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev))/>
            </div>
            <p id=error_id class="error" role="alert">{move || error.get()}</p>
            <button type="submit" disabled=move || sending.get()>
                {move || if sending.get() { "Signing in…" } else { "Sign in" }}
            </button>
        </form>
    }
}
