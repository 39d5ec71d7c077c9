//! UpdateUserPreferences: sends the complete block. The seed says the server keeps attributes
//! that are not sent; the newest page says the call replaces the whole block. So right before
//! sending, the form re-reads the user with GetUser and sends all of those values with only the
//! person's own changes applied: a preference someone else changed meanwhile, that the person
//! did not touch, keeps its new value. Preferences the server did not report show as "Not set"
//! (selects) or mixed (checkboxes) and are sent only if the person sets them.
//!
//! ids: `prefs-title` (the heading), `prefs-notification-type` (select), `prefs-email-type`
//! (select), `prefs-attach-documents` (checkbox), `prefs-language` and `prefs-default-portal`
//! (text, each with `-hint` / `-error`), `prefs-show-hidden` and `prefs-show-archived`
//! (checkboxes), `prefs-save`, `prefs-status` (the status line). An unset checkbox `X` has a
//! note `X-unset`.

use inforouter_protocol::operations::{
    GetUser, Operation as _, UpdateUserPreferences as UpdateUserPreferencesOp,
};
use inforouter_protocol::{EmailType, NotificationType, Preferences, User, validate};
use leptos::prelude::*;

use crate::components::form::{
    Field, SaveButton, Status, StatusLine, TextField, check_fields, follow_user, use_unsaved_guard,
};
use crate::session::use_session;

const NOT_SET: &str = "Not set";

/// A text preference: an empty field for a preference the server did not report stays unset.
fn text_pref(typed: &str, current: &Option<String>) -> Option<String> {
    if typed.is_empty() && current.is_none() {
        None
    } else {
        Some(typed.to_string())
    }
}

#[component]
pub fn UpdateUserPreferences(
    /// The user being edited, current values from the server (GetUser). The form fills from it
    /// and re-fills when it changes (after a save the host reloads it).
    #[prop(into)]
    user: Signal<User>,
    /// Called after a successful save with the user's (possibly new) user name; the host reloads.
    #[prop(into)]
    on_saved: Callback<String>,
) -> impl IntoView {
    let session = use_session();
    let initial = user.get_untracked();
    let p = &initial.preferences;
    let base = RwSignal::new(initial.clone());
    let notification = RwSignal::new(p.notification_type);
    let email_type = RwSignal::new(p.email_type);
    let attach = RwSignal::new(p.attach_document_to_email);
    let language = Field::new(p.language.clone().unwrap_or_default());
    let portal = Field::new(p.default_portal.clone().unwrap_or_default());
    let hidden = RwSignal::new(p.show_hiddens);
    let archived = RwSignal::new(p.show_archives);
    let submitted = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let status = RwSignal::new(None::<Status>);

    let fill = move |p: &Preferences| {
        notification.set(p.notification_type);
        email_type.set(p.email_type);
        attach.set(p.attach_document_to_email);
        language.reset(p.language.clone().unwrap_or_default());
        portal.reset(p.default_portal.clone().unwrap_or_default());
        hidden.set(p.show_hiddens);
        archived.set(p.show_archives);
        submitted.set(false);
    };

    let edited = Memo::new(move |_| {
        base.with(|b| {
            let current = &b.preferences;
            Preferences {
                language: language.value.with(|v| text_pref(v, &current.language)),
                default_portal: portal.value.with(|v| text_pref(v, &current.default_portal)),
                show_archives: archived.get(),
                show_hiddens: hidden.get(),
                notification_type: notification.get(),
                email_type: email_type.get(),
                attach_document_to_email: attach.get(),
            }
        })
    });
    let changes =
        Memo::new(move |_| base.with(|b| edited.with(|e| e.changes_from(&b.preferences))));
    let dirty = Memo::new(move |_| changes.with(|c| !c.is_empty()));
    let language_error = Memo::new(move |_| {
        language
            .value
            .with(|v| validate::short_text(v, "Language").err())
    });
    let portal_error = Memo::new(move |_| {
        portal
            .value
            .with(|v| validate::short_text(v, "Default portal").err())
    });
    use_unsaved_guard(dirty.into());

    follow_user(user, base, dirty, move |fresh| fill(&fresh.preferences));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() || !dirty.get_untracked() {
            return;
        }
        submitted.set(true);
        let checks = [
            ("prefs-language", language_error.get_untracked()),
            ("prefs-default-portal", portal_error.get_untracked()),
        ];
        if !check_fields(&checks, status) {
            return;
        }
        let (user_name, saved) =
            base.with_untracked(|b| (b.user_name.clone(), b.preferences.clone()));
        let edited = edited.get_untracked();
        sending.set(true);
        status.set(None);
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            // The values as they are now, so that the complete block sent back changes only
            // what the person changed.
            let fresh = match session
                .call(&GetUser {
                    user_name: user_name.clone(),
                })
                .await
            {
                Ok(fresh) => fresh.preferences,
                Err(e) => {
                    sending.set(false);
                    status.set(Some(Status::failed_while(
                        "Not saved: the current preferences could not be read first.",
                        &e,
                        GetUser::NAME,
                    )));
                    return;
                }
            };
            let op = UpdateUserPreferencesOp::complete(user_name.clone(), &saved, &edited, &fresh);
            let result = session.call(&op).await;
            sending.set(false);
            match result {
                Ok(()) => {
                    let Some(mut now) = base.try_get_untracked() else {
                        return; // the form is gone
                    };
                    now.preferences = op.changes.clone();
                    fill(&now.preferences);
                    base.set(now);
                    status.set(Some(Status::ok("Preferences saved.")));
                    on_saved.run(user_name);
                }
                Err(e) => status.set(Some(Status::failed(&e, UpdateUserPreferencesOp::NAME))),
            }
        });
    };

    // "Not set" is offered only for a preference the server did not report.
    let unset_notification = move || base.with(|b| b.preferences.notification_type.is_none());
    let unset_email_type = move || base.with(|b| b.preferences.email_type.is_none());

    view! {
        <section class="card" aria-labelledby="prefs-title">
            <h2 id="prefs-title">"Preferences"</h2>
            <form class="form" novalidate on:submit=submit>
                <fieldset>
                    <legend>"Notifications"</legend>
                    <div class="field">
                        <label for="prefs-notification-type">"When documents change"</label>
                        <select
                            id="prefs-notification-type"
                            on:change=move |ev| {
                                notification.set(NotificationType::from_wire(&event_target_value(&ev)))
                            }
                        >
                            {move || unset_notification().then(|| view! {
                                <option value="" prop:selected=move || notification.get().is_none()>{NOT_SET}</option>
                            })}
                            {NotificationType::ALL
                                .into_iter()
                                .map(|t| view! {
                                    <option value=t.as_wire() prop:selected=move || notification.get() == Some(t)>
                                        {t.label()}
                                    </option>
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="prefs-email-type">"Email format"</label>
                        <select
                            id="prefs-email-type"
                            on:change=move |ev| email_type.set(EmailType::from_wire(&event_target_value(&ev)))
                        >
                            {move || unset_email_type().then(|| view! {
                                <option value="" prop:selected=move || email_type.get().is_none()>{NOT_SET}</option>
                            })}
                            <option value="HTML" prop:selected=move || email_type.get() == Some(EmailType::Html)>
                                "HTML (formatted)"
                            </option>
                            <option value="TEXT" prop:selected=move || email_type.get() == Some(EmailType::Text)>
                                "Plain text"
                            </option>
                        </select>
                    </div>
                    <Check id="prefs-attach-documents" label="Attach the documents to notification emails" value=attach/>
                </fieldset>
                <fieldset>
                    <legend>"Display"</legend>
                    <TextField
                        id="prefs-language"
                        label="Language"
                        field=language
                        error=language_error
                        submitted=submitted
                        hint=Signal::derive(move || Some(
                            if base.with(|b| b.preferences.language.is_none()) {
                                "Not set on the server. A language name, for example English."
                            } else {
                                "A language name, for example English."
                            }.to_string()
                        ))
                        autocomplete="off"
                    />
                    <TextField
                        id="prefs-default-portal"
                        label="Default portal"
                        field=portal
                        error=portal_error
                        submitted=submitted
                        hint=Signal::derive(move || Some(
                            if base.with(|b| b.preferences.default_portal.is_none()) {
                                "Not set on the server. Leave empty for none."
                            } else {
                                "Leave empty for none."
                            }.to_string()
                        ))
                        autocomplete="off"
                    />
                    <Check id="prefs-show-hidden" label="Show hidden domains and libraries" value=hidden/>
                    <Check id="prefs-show-archived" label="Show archived domains and libraries" value=archived/>
                </fieldset>
                <SaveButton id="prefs-save" dirty=dirty sending=sending label="Save preferences"/>
                <StatusLine id="prefs-status" status=status/>
            </form>
        </section>
    }
}

/// A yes/no preference. While unset (`None`, not reported by the server) it shows as mixed and
/// says so; ticking or unticking sets it.
#[component]
fn Check(id: &'static str, label: &'static str, value: RwSignal<Option<bool>>) -> impl IntoView {
    let unset_id = format!("{id}-unset");
    let unset_id_attr = unset_id.clone();
    view! {
        <div class="check">
            <input
                id=id
                type="checkbox"
                prop:checked=move || value.get() == Some(true)
                prop:indeterminate=move || value.get().is_none()
                on:change=move |ev| value.set(Some(event_target_checked(&ev)))
                aria-describedby=move || value.get().is_none().then(|| unset_id_attr.clone())
            />
            <label for=id>{label}</label>
            {move || value.get().is_none().then(|| view! {
                <span id=unset_id.clone() class="muted small">"(not set on the server)"</span>
            })}
        </div>
    }
}
