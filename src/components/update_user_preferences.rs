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
//! (checkboxes), `prefs-save`, `prefs-status` (the message line). An unset checkbox `X` has a
//! note `X-unset`.

use inforouter_protocol::attribute::{DEFAULT_PORTAL, LANGUAGE};
use inforouter_protocol::operations::{
    Operation as _, UpdateUserPreferences as UpdateUserPreferencesOp,
};
use inforouter_protocol::{EmailType, NotificationType, Preferences, User};
use leptos::prelude::*;

use crate::components::form::{FormCard, FormMessage, Input, InputField, SaveForm, Saved};

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
    /// The user being edited, as the server last answered (GetUser).
    #[prop(into)]
    user: Signal<User>,
) -> impl IntoView {
    let notification = RwSignal::new(None);
    let email_type = RwSignal::new(None);
    let attach = RwSignal::new(None);
    let language = Input::new("prefs-language", LANGUAGE);
    let portal = Input::new("prefs-default-portal", DEFAULT_PORTAL);
    let hidden = RwSignal::new(None);
    let archived = RwSignal::new(None);
    // The preferences as the form shows them, against the saved ones.
    let edited = move |current: &Preferences| Preferences {
        language: language
            .field
            .value
            .with(|v| text_pref(v, &current.language)),
        default_portal: portal
            .field
            .value
            .with(|v| text_pref(v, &current.default_portal)),
        show_archives: archived.get(),
        show_hiddens: hidden.get(),
        notification_type: notification.get(),
        email_type: email_type.get(),
        attach_document_to_email: attach.get(),
    };

    let form = SaveForm::build(user, UpdateUserPreferencesOp::NAME)
        .input(language)
        .input(portal)
        .fill(move |u| {
            let p = &u.preferences;
            notification.set(p.notification_type);
            email_type.set(p.email_type);
            attach.set(p.attach_document_to_email);
            hidden.set(p.show_hiddens);
            archived.set(p.show_archives);
        })
        .changed(move |saved| {
            !edited(&saved.preferences)
                .changes_from(&saved.preferences)
                .is_empty()
        })
        .send(move |session, saved| {
            let user_name = saved.user_name.clone();
            let before = saved.preferences.clone();
            let changes = untrack(|| edited(&before)).changes_from(&before);
            Box::pin(async move {
                // Re-read and merged where every change is sent (src/send.rs).
                session
                    .update_preferences(user_name, changes.clone())
                    .await?;
                Ok(Saved::new(
                    FormMessage::ok("Preferences saved."),
                    move |u| u.preferences = u.preferences.apply(&changes),
                ))
            })
        });

    let saved = form.saved;

    // "Not set" is offered only for a preference the server did not report.
    let unset_notification = move || saved.with(|b| b.preferences.notification_type.is_none());
    let unset_email_type = move || saved.with(|b| b.preferences.email_type.is_none());

    view! {
        <FormCard prefix="prefs" title="Preferences" form=form save_label="Save preferences">
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
                    <InputField input=language form=form
                        hint=unset_hint(saved, |p| p.language.is_none(), "A language name, for example English.")/>
                    <InputField input=portal form=form
                        hint=unset_hint(saved, |p| p.default_portal.is_none(), "Leave empty for none.")/>
                    <Check id="prefs-show-hidden" label="Show hidden domains and libraries" value=hidden/>
                    <Check id="prefs-show-archived" label="Show archived domains and libraries" value=archived/>
                </fieldset>
        </FormCard>
    }
}

/// A text preference's hint, which says so while the server has not reported it.
fn unset_hint(
    saved: RwSignal<User>,
    unset: fn(&Preferences) -> bool,
    hint: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        Some(if saved.with(|u| unset(&u.preferences)) {
            format!("Not set on the server. {hint}")
        } else {
            hint.to_string()
        })
    })
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
