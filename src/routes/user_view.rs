//! Loads one user (GetUser) and hosts the operation components for them. Shared by the
//! self-service page (the caller, three operations, one column) and the admin's user page
//! (everything, in sections: src/routes/user_sections.rs).
//! The user is derived from a resource that reloads in place, so forms stay mounted and keep
//! input; the forms tell this host of each save through the `SaveHost` context.

use inforouter_protocol::dates::display_date;
use inforouter_protocol::operations::GetUser;
use inforouter_protocol::{ApiError, User};
use leptos::prelude::*;

use crate::components::change_password::ChangeOwnPassword;
use crate::components::form::{SaveHost, SaveReport, focus_id};
use crate::components::out_of_office::OutOfOffice;
use crate::components::update_user_contact_info::UpdateUserContactInfo;
use crate::components::update_user_email::UpdateUserEmail;
use crate::components::update_user_preferences::UpdateUserPreferences;
use crate::send::Applied;
use crate::session::use_session;

/// One user, loaded with GetUser; a save marks it stale and it refetches in place. Everything
/// here is derived from the resource's answers, so only the newest answer counts.
#[derive(Clone, Copy)]
pub struct LoadedUser {
    /// The last user read, kept on screen while the next loads (and when a reload fails), so
    /// forms stay mounted.
    pub user: Memo<Option<User>>,
    /// The newest answer's refusal, unless it says the user is gone.
    pub error: Memo<Option<ApiError>>,
    /// Set when the user is gone: deleted from this page, or found gone on reading again.
    pub deleted: Memo<Option<Deleted>>,
    deleted_here: RwSignal<Option<Deleted>>,
    answer: LocalResource<Result<User, ApiError>>,
}

/// The administrators' page below a user's facts, told the user and whether they are the
/// caller (see `UserView`'s `admin_page`).
pub type AdminPage = Callback<(Signal<User>, Memo<bool>), AnyView>;

/// A user who no longer exists, and whether this page deleted them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deleted {
    pub user_name: String,
    pub here: bool,
}

/// Loads `user_name` (empty: the signed-in user) now and whenever it changes. Reads go through
/// a resource: when loads overlap (two quick saves), only the newest answer is kept, and an
/// answer that lands after the view is gone touches nothing.
pub fn use_user(user_name: Signal<String>) -> LoadedUser {
    let session = use_session();
    // The host's name: after a rename here the host names the new one (`host_forms`).
    let name = Memo::new(move |_| user_name.get());
    let answer = LocalResource::new(move || {
        let user_name = name.get();
        async move { session.call(&GetUser { user_name }).await }
    });
    let user = Memo::new(move |last: Option<&Option<User>>| match answer.get() {
        Some(Ok(u)) => Some(u),
        _ => last.cloned().flatten(),
    });
    // The user this page showed is gone (deleted elsewhere, or renamed).
    let gone = move |e: &ApiError| {
        matches!(e, ApiError::UserNotFound | ApiError::UserDeleted)
            && user.with_untracked(|u| {
                u.as_ref()
                    .is_some_and(|u| name.with_untracked(|n| u.user_name.eq_ignore_ascii_case(n)))
            })
    };
    let error = Memo::new(move |_| match answer.get() {
        Some(Err(e)) if !gone(&e) => Some(e),
        _ => None,
    });
    let deleted_here = RwSignal::new(None::<Deleted>);
    let deleted = Memo::new(move |_| {
        deleted_here.get().or_else(|| match answer.get() {
            Some(Err(e)) if gone(&e) => Some(Deleted {
                user_name: name.get_untracked(),
                here: false,
            }),
            _ => None,
        })
    });
    // Back to this window: read the user again, so a page left open shows what changed
    // meanwhile, or that the user is gone.
    let back = window_event_listener(leptos::ev::focus, move |_| {
        if deleted.with_untracked(Option::is_none) {
            answer.refetch();
        }
    });
    on_cleanup(move || back.remove());
    LoadedUser {
        user,
        error,
        deleted,
        deleted_here,
        answer,
    }
}

impl LoadedUser {
    /// Hosts the forms below: after each save the user refetches; after a rename `on_renamed`
    /// hears the new name, and the host names it from then on. `notify` hears of every save.
    pub fn host_forms(
        &self,
        on_renamed: Option<Callback<String>>,
        notify: Option<Callback<SaveReport>>,
    ) {
        let LoadedUser {
            answer,
            deleted_here,
            ..
        } = *self;
        provide_context(SaveHost(Callback::new(move |report: SaveReport| {
            if let Some(notify) = notify {
                notify.run(report.clone());
            }
            match report.applied {
                // Gone: nothing to refetch.
                Applied::Deleted => deleted_here.set(Some(Deleted {
                    user_name: report.user_name,
                    here: true,
                })),
                // The host follows (its address, or its signal), and the user is read under
                // the new name.
                Applied::Renamed(new_name) => {
                    if let Some(on_renamed) = on_renamed {
                        on_renamed.run(new_name);
                    }
                }
                _ => answer.refetch(),
            }
        })));
    }

    /// The user for the forms: the last answer, or an empty user before the first.
    pub fn current(&self) -> Signal<User> {
        let user = self.user;
        Signal::derive(move || user.get().unwrap_or_default())
    }
}

#[component]
pub fn UserView(
    /// Empty for the signed-in user.
    #[prop(into)]
    user_name: Signal<String>,
    /// Told the user's new name after a rename.
    #[prop(optional, into)]
    on_renamed: Option<Callback<String>>,
    /// Told of every successful save (embedding reports it).
    #[prop(optional, into)]
    notify: Option<Callback<SaveReport>>,
    /// The administrators' page below the user's facts (its sections), told the user and
    /// whether they are the caller: given by that entry's page, so that the self-service
    /// entry's build never holds it. Without it, the self-service column.
    #[prop(optional)]
    admin_page: Option<AdminPage>,
) -> impl IntoView {
    let session = use_session();
    let loaded = use_user(user_name);
    loaded.host_forms(on_renamed, notify);
    let LoadedUser {
        user,
        error,
        deleted,
        ..
    } = loaded;
    let current = loaded.current();
    // The forms (and the focus with them) are gone: the keyboard and screen readers go to
    // the plain statement that replaces them.
    Effect::new(move |_| {
        if deleted.with(Option::is_some) {
            focus_id("deleted-title");
        }
    });
    let is_self = Memo::new(move |_| current.with(|u| session.is_me(&u.user_name)));
    // One's own password here; another user's, and deleting them, from the admin entry.
    let own_password = move || {
        is_self
            .get()
            .then(|| view! { <ChangeOwnPassword user=current/> })
    };
    let name = Memo::new(move |_| current.with(|u| u.user_name.clone()));
    let body = move || match admin_page {
        Some(page) => page.run((current, is_self)),
        None => view! {
            <div class="operations">
                <UpdateUserContactInfo user=current/>
                <UpdateUserEmail user=current/>
                <UpdateUserPreferences user=current/>
                <OutOfOffice user_name=name/>
                {own_password}
            </div>
        }
        .into_any(),
    };

    view! {
        {move || deleted.get().map(|Deleted { user_name, here }| view! {
            <section class="card" aria-labelledby="deleted-title">
                <h1 id="deleted-title" tabindex="-1">{if here { format!("{user_name} was deleted") } else { format!("{user_name} no longer exists") }}</h1>
                <p id="deleted-text">{if here {
                    "The account no longer exists on the server, and its tickets no longer work. "
                } else {
                    "The account was deleted (or renamed) since this page opened; nothing on it can be saved. "
                }}
                    <a href=session.href("/users")>"Back to all users"</a></p>
            </section>
        })}
        <Show when=move || deleted.with(Option::is_none)>
        <p class="error" role="alert">{move || error.get().map(|e| e.user_message())}</p>
        <Show when=move || user.with(Option::is_some)
            fallback=move || view! { <p class="muted" role="status">{move || if error.with(Option::is_none) { "Loading…" } else { "" }}</p> }>
            <UserFacts user=current/>
            {body}
        </Show>
        </Show>
    }
}

#[component]
fn UserFacts(#[prop(into)] user: Signal<User>) -> impl IntoView {
    let u = move || user.get();
    view! {
        <section class="card" aria-labelledby="facts-title">
            <h1 id="facts-title">{move || { let u = u(); if u.full_name().is_empty() { u.user_name } else { u.full_name() } }}</h1>
            <dl class="facts">
                <dt>"User name"</dt><dd id="fact-user-name">{move || u().user_name}</dd>
                <dt>"Email"</dt><dd id="fact-email">{move || u().email}</dd>
                <dt>"Mobile"</dt><dd id="fact-mobile">{move || u().mobile_number.unwrap_or_else(|| "not reported by the server".into())}</dd>
                <dt>"Status"</dt><dd id="fact-status">{move || if u().enabled { "Enabled" } else { "Disabled" }}</dd>
                <dt>"Authentication"</dt><dd>{move || u().authentication_authority}</dd>
                <dt>"Domain"</dt><dd>{move || u().domain}</dd>
                <dt>"User type"</dt><dd>{move || if u().read_only { "Read-only" } else { "Author" }}</dd>
                <dt>"Last sign-in"</dt><dd>{move || display_date(&u().last_logon_date)}</dd>
                <dt>"Password changed"</dt><dd>{move || display_date(&u().last_password_change_date)}</dd>
            </dl>
        </section>
    }
}
