//! The sign-in form (AuthenticateUser), used on the sign-in page and in the sign-in-again dialog.
//! On the first page load, the sign-in page takes over index.html's static form instead of
//! drawing its own (shell::boot), so it works before the console has started.

use leptos::prelude::*;

use crate::session::use_session;
use crate::shell::boot;

/// A sign-in as an Action: its pending state is "Signing in…"; a refusal (or what is missing
/// before sending) is the form's error. `signed_in` runs after it succeeded.
#[derive(Clone, Copy)]
struct SignIn {
    send: Action<(String, String), ()>,
    error: RwSignal<Option<String>>,
}

impl SignIn {
    fn new(signed_in: impl Fn() + Copy + 'static) -> SignIn {
        let session = use_session();
        let error = RwSignal::new(None::<String>);
        let send = Action::new_local(move |(user_name, password): &(String, String)| {
            let (user_name, password) = (user_name.trim().to_string(), password.clone());
            async move {
                match session.sign_in(user_name, password).await {
                    Ok(()) => signed_in(),
                    Err(e) => error.set(Some(e.user_message())),
                }
            }
        });
        SignIn { send, error }
    }

    fn sending(&self) -> Signal<bool> {
        self.send.pending().into()
    }

    /// Sends what was typed; a second press while one is on its way does nothing.
    fn submit(&self, (user_name, password): (String, String)) {
        if self.send.pending().get_untracked() {
            return;
        }
        if user_name.trim().is_empty() || password.is_empty() {
            self.error
                .set(Some("Enter your user name and password.".into()));
            return;
        }
        self.error.set(None);
        self.send.dispatch((user_name, password));
    }
}

/// The sign-in page's form on the first load: index.html's static form, moved into the slot
/// this draws, with the console's submit and state wired to it.
#[component]
fn TakenOverSignInForm() -> impl IntoView {
    let sign_in = SignIn::new(boot::clear_password);
    let send = move || {
        if let Some(typed) = boot::typed() {
            sign_in.submit(typed);
        }
    };
    let listener = StoredValue::new_local(None::<boot::SubmitListener>);
    // Runs once the form sits in the slot (boot::remove_static_page moves it right after the
    // mount); a submit pressed before that is done now.
    Effect::new(move |_| {
        listener.set_value(boot::SubmitListener::attach(send));
        if boot::submit_was_pressed() {
            send();
        }
    });
    let sending = sign_in.sending();
    Effect::new(move |_| boot::show_state(sign_in.error.get().as_deref(), sending.get()));
    view! { <div id=boot::SLOT></div> }
}

#[component]
pub fn SignInForm(
    /// Pre-filled and read-only when signing in again as the same person.
    #[prop(optional, into)]
    user_name: Option<String>,
    #[prop(optional, into)] id_prefix: Option<String>,
) -> impl IntoView {
    let prefix = id_prefix.unwrap_or_else(|| "sign-in".into());
    let fixed_user = user_name.is_some();
    if !fixed_user && prefix == "sign-in" && boot::has_static_form() {
        return view! { <TakenOverSignInForm/> }.into_any();
    }
    let name = RwSignal::new(user_name.unwrap_or_default());
    let password = RwSignal::new(String::new());
    let sign_in = SignIn::new(move || password.set(String::new()));
    let (error, sending) = (sign_in.error, sign_in.sending());
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
        sign_in.submit((name.get_untracked(), password.get_untracked()));
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
    .into_any()
}
