//! A new-password field: the server's password policy, one line per rule, ticked as the
//! person types; show/hide; and, where asked, a generator. The policy comes from
//! `facts::use_password_policy`; until it answers, only "not empty" is checked, and the
//! server's own answer always decides.
//!
//! ids: `{id}` (the input), `{id}-rules` (the list; each rule `{id}-rule-{key}` with
//! `data-met="true|false"`), `{id}-show`, `{id}-generate`, `{id}-error`.

use inforouter_protocol::password_policy::{PasswordPolicy, generate};
use leptos::prelude::*;

use crate::components::form::Field;

/// 16 bytes from the browser's CSPRNG.
fn random_bytes() -> Vec<u8> {
    let mut bytes = [0u8; 16];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    bytes.to_vec()
}

#[component]
pub fn NewPasswordField(
    id: &'static str,
    label: &'static str,
    field: Field,
    policy: Signal<PasswordPolicy>,
    /// The account's user name and email, which the policy may forbid as a password.
    #[prop(into)]
    user_name: Signal<String>,
    #[prop(into)] email: Signal<String>,
    #[prop(into)] submitted: Signal<bool>,
    #[prop(optional)] generator: bool,
) -> impl IntoView {
    let shown = RwSignal::new(false);
    let rules = Memo::new(move |_| {
        policy.with(|p| {
            field
                .value
                .with(|v| p.check(v, &user_name.get(), &email.get()))
        })
    });
    let rules_id = format!("{id}-rules");
    let error_id = format!("{id}-error");
    let show_error = move || {
        (field.touched.get() || submitted.get()) && rules.with(|r| r.iter().any(|r| !r.met))
            || field.server_error.with(Option::is_some)
    };
    let generate_now = move |_| {
        let password = policy.with_untracked(|p| generate(p, &random_bytes()));
        field.value.set(password);
        field.server_error.set(None);
        shown.set(true);
    };
    let described_by = format!("{rules_id} {error_id}");
    view! {
        <div class="field password-field">
            <label for=id>{label}</label>
            <div class="password-row">
                <input
                    id=id
                    type=move || if shown.get() { "text" } else { "password" }
                    autocomplete="new-password"
                    required
                    spellcheck="false"
                    prop:value=move || field.value.get()
                    on:input=move |ev| {
                        field.value.set(event_target_value(&ev));
                        field.server_error.set(None);
                    }
                    on:blur=move |_| field.touched.set(true)
                    aria-invalid=move || if show_error() { "true" } else { "false" }
                    aria-describedby=described_by
                />
                <button type="button" class="secondary" id=format!("{id}-show")
                    aria-pressed=move || if shown.get() { "true" } else { "false" }
                    on:click=move |_| shown.update(|s| *s = !*s)>
                    {move || if shown.get() { "Hide" } else { "Show" }}
                </button>
                {generator.then(|| view! {
                    <button type="button" class="secondary" id=format!("{id}-generate") on:click=generate_now>
                        "Generate"
                    </button>
                })}
            </div>
            <ul id=rules_id class="password-rules" aria-label="Password rules">
                {move || rules.get().into_iter().map(|rule| {
                    let item_id = format!("{id}-rule-{}", rule.key);
                    view! {
                        <li id=item_id data-met=if rule.met { "true" } else { "false" } class=if rule.met { "met" } else { "unmet" }>
                            <span aria-hidden="true">{if rule.met { "✓ " } else { "· " }}</span>
                            {rule.text}
                            <span class="sr-only">{if rule.met { " (met)" } else { " (not yet)" }}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || {
                field
                    .server_error
                    .get()
                    .or_else(|| show_error().then(|| "The password does not meet every rule above.".to_string()))
                    .map(|e| view! { <p id=error_id.clone() class="field-error">{e}</p> })
            }}
        </div>
    }
}

/// Whether `password` passes the policy (for the form's check).
pub fn policy_error(
    policy: &PasswordPolicy,
    password: &str,
    user_name: &str,
    email: &str,
) -> Option<String> {
    (!policy.accepts(password, user_name, email))
        .then(|| "The password does not meet every rule of the server's policy.".to_string())
}
