//! Shown over the current page when a call answered `[901]`: sign in again and the call that
//! failed is retried; nothing on the page underneath is unmounted, so no input is lost. Escape
//! does not close it: giving up signs the person out and fails the waiting calls, so only the
//! Cancel button does that.

use leptos::prelude::*;

use crate::components::confirm_panel::ConfirmPanel;
use crate::components::sign_in::SignInForm;
use crate::session::use_session;

#[component]
pub fn ReauthDialog() -> impl IntoView {
    let session = use_session();
    move || {
        session.reauth_open.get().then(|| {
            let user = session.me.get_untracked().map(|m| m.user_name).unwrap_or_default();
            view! {
                <ConfirmPanel id="reauth-dialog" labelled_by="reauth-title" described_by="reauth-text"
                    focus="reauth-password" modal=true>
                    <h2 id="reauth-title">"Your session has expired"</h2>
                    <p id="reauth-text">"Sign in again to continue. What you were doing is kept and will be sent once you are back."</p>
                    <SignInForm user_name=user id_prefix="reauth"/>
                    <button type="button" class="link" on:click=move |_| session.cancel_reauth()>"Cancel"</button>
                </ConfirmPanel>
            }
        })
    }
}
