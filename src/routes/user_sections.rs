//! The admin page's sections for one user, each with its own address
//! (`/users/<name>[/<section>]`): Details, Access, Out of office, Password, Close account,
//! Hand over and close.
//! A short navigation switches them. A section is built the first time it is shown (so its
//! reads happen then) and stays mounted while hidden, so what was typed in it survives a
//! look at another section.
//!
//! ids: `user-sections` (the navigation), `section-link-<id>` (its links), `section-<id>` (a
//! section), with `<id>` one of `details`, `access`, `out-of-office`, `password`,
//! `close-account`, `hand-over`.

use inforouter_protocol::User;
use leptos::prelude::*;

use crate::components::change_password::ChangeOwnPassword;
use crate::components::change_user_status::ChangeUserStatus;
use crate::components::out_of_office::OutOfOffice;
use crate::components::update_user_contact_info::UpdateUserContactInfo;
use crate::components::update_user_email::UpdateUserEmail;
use crate::components::update_user_preferences::UpdateUserPreferences;
use crate::components::update_user_profile::UpdateUserProfile;
use crate::routes::user_href;
use crate::session::use_session;
use crate::shell::on_demand::{OnDemandSection, Prefetch, SectionLoad};

/// What only the administrators' entry builds for the user shown: given by the entry
/// (src/bin/admin.rs), so that the self-service entry's build never holds them. The sections
/// shown only at their own addresses come as a chunk of their own, fetched when a link to one
/// is pointed at or focused, or one is shown: opening a user's page fetches none of it.
#[derive(Clone, Copy)]
pub struct AdminTools {
    /// Setting another user's password (Password).
    pub password: fn(Signal<User>) -> AnyView,
    /// Deleting another user (Close account).
    pub delete: fn(Signal<User>) -> AnyView,
    /// The welcome email offered on the page of a user just created.
    pub created: fn(Signal<User>) -> AnyView,
    /// Groups, libraries, user type and the welcome email (Access).
    pub access: SectionLoad,
    /// Handing a leaver's work on, then closing the account (Hand over and close).
    pub handover: SectionLoad,
    /// Fetches the chunk of Access and Hand over without building either: started when a link
    /// to one is pointed at or focused, so that the click finds it in or on its way.
    pub prefetch_sections: Prefetch,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Section {
    Details,
    Access,
    OutOfOffice,
    Password,
    CloseAccount,
    HandOver,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::Details,
        Section::Access,
        Section::OutOfOffice,
        Section::Password,
        Section::CloseAccount,
        Section::HandOver,
    ];

    /// The name in ids and addresses.
    pub fn id(self) -> &'static str {
        match self {
            Section::Details => "details",
            Section::Access => "access",
            Section::OutOfOffice => "out-of-office",
            Section::Password => "password",
            Section::CloseAccount => "close-account",
            Section::HandOver => "hand-over",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Section::Details => "Details",
            Section::Access => "Access",
            Section::OutOfOffice => "Out of office",
            Section::Password => "Password",
            Section::CloseAccount => "Close account",
            Section::HandOver => "Hand over and close…",
        }
    }

    /// The section an address's last segment names; none (or an unknown one) is Details.
    pub fn from_slug(slug: &str) -> Section {
        Section::ALL
            .into_iter()
            .find(|s| s.id() == slug)
            .unwrap_or(Section::Details)
    }

    /// Whether this section shows while `current` is chosen. The page's own address (Details)
    /// also shows Password and Close account below the details, as the page always has, so a
    /// link or bookmark to a user's page still finds every operation it had; Access and Out
    /// of office, which read more, show only at their own addresses.
    pub fn visible_in(self, current: Section) -> bool {
        self == current
            || (current == Section::Details
                && matches!(self, Section::Password | Section::CloseAccount))
    }

    /// Whether the section is in a chunk of its own, fetched when first shown (`AdminTools`).
    pub fn on_demand(self) -> bool {
        matches!(self, Section::Access | Section::HandOver)
    }

    /// The in-app address of this section of `user_name`'s page; Details is the page itself.
    pub fn href(self, user_name: &str) -> String {
        match self {
            Section::Details => user_href(user_name),
            _ => format!("{}/{}", user_href(user_name), self.id()),
        }
    }
}

#[component]
pub fn UserSections(
    user: Signal<User>,
    section: Memo<Section>,
    tools: AdminTools,
    is_self: Memo<bool>,
    created: Memo<bool>,
) -> impl IntoView {
    let session = use_session();
    // A failed prefetch is not reported: the section fetches again when shown, and says so.
    let prefetch = move |s: Section| {
        if s.on_demand() {
            leptos::task::spawn_local(async move {
                let _ = (tools.prefetch_sections)().await;
            });
        }
    };
    let links = Section::ALL.map(|s| {
        let href = move || session.href(&s.href(&user.with(|u| u.user_name.clone())));
        view! {
            // What was typed stays in its (hidden) section: switching asks nothing.
            <li><a id=format!("section-link-{}", s.id()) href=href data-keeps-page=""
                on:pointerenter=move |_| prefetch(s) on:focus=move |_| prefetch(s)
                aria-current=move || (section.get() == s).then_some("page")>{s.label()}</a></li>
        }
    });
    let panels = Section::ALL.map(|s| {
        let visible = move || s.visible_in(section.get());
        // True from the first time the section is shown, and never false again.
        let shown =
            Memo::new(move |seen: Option<&bool>| seen.copied().unwrap_or(false) || visible());
        view! {
            <div id=format!("section-{}", s.id()) class="operations" hidden=move || !visible()>
                {move || shown.get().then(|| contents(s, user, tools, is_self))}
            </div>
        }
    });
    view! {
        // A user just created: the welcome email first, whichever section opened.
        {move || created.get().then(|| (tools.created)(user))}
        <nav id="user-sections" class="sections" aria-label="User sections"><ul>{links}</ul></nav>
        {panels}
    }
}

fn contents(s: Section, user: Signal<User>, tools: AdminTools, is_self: Memo<bool>) -> AnyView {
    let session = use_session();
    match s {
        Section::Details => view! {
            <UpdateUserContactInfo user=user/>
            <UpdateUserEmail user=user/>
            <UpdateUserPreferences user=user/>
            <UpdateUserProfile user=user/>
        }
        .into_any(),
        Section::Access => view! { <OnDemandSection load=tools.access user=user/> }.into_any(),
        Section::OutOfOffice => {
            let name = Memo::new(move |_| user.with(|u| u.user_name.clone()));
            view! { <OutOfOffice user_name=name/> }.into_any()
        }
        Section::Password => (move || {
            if is_self.get() {
                view! { <ChangeOwnPassword user=user/> }.into_any()
            } else {
                (tools.password)(user)
            }
        })
        .into_any(),
        // Nobody deletes their own account here.
        Section::CloseAccount => view! {
            <ChangeUserStatus user=user/>
            {move || (!is_self.get()).then(|| view! {
                <p id="close-account-handover" class="hint">
                    "Leaving? "
                    <a href=move || session.href(&Section::HandOver.href(&user.with(|u| u.user_name.clone())))
                        data-keeps-page="">"Hand their work over first"</a>
                    ": documents they have checked out or own, their tasks and roles stay with a closed account."
                </p>
                {(tools.delete)(user)}
            })}
        }
        .into_any(),
        Section::HandOver => view! { <OnDemandSection load=tools.handover user=user/> }.into_any(),
    }
}
