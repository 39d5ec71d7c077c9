//! A user's Access section (system administrators, from their page): the groups they are in,
//! the libraries they belong to, their user type, and the welcome email. Each card reads its
//! lists when the section is first shown; a listing the server refuses (a library manager,
//! say) is said in its card, and the rest of the page works on.

pub mod groups;
pub mod libraries;
pub mod user_type;
pub mod welcome_email;

use futures::FutureExt;
use futures::future::LocalBoxFuture;
use inforouter_protocol::groups::GetGroupMembershipsOfUser;
use inforouter_protocol::groups::UserGroup;
use inforouter_protocol::libraries::{GetDomains, Library};
use inforouter_protocol::{ApiError, User};
use leptos::prelude::*;

use crate::components::error_details::ErrorDetails;
use crate::components::form::{FormMessage, MessageLine, focus_id};
use crate::session::{Session, use_session};
use groups::GroupsCard;
use libraries::LibrariesCard;
use user_type::UserTypeCard;
use welcome_email::WelcomeEmail;

/// The user's groups, shared by the groups card and the libraries card (which says which
/// libraries come through a group).
pub type GroupsRead = LocalResource<Result<Vec<UserGroup>, ApiError>>;
/// Every library (GetDomains), for both cards' pickers.
pub type LibrariesRead = LocalResource<Result<Vec<Library>, ApiError>>;

#[component]
pub fn AccessSection(user: Signal<User>) -> impl IntoView {
    let session = use_session();
    let user_name = Memo::new(move |_| user.with(|u| u.user_name.clone()));
    let group_edit = MembershipEdit::<UserGroup>::new(user_name, "groups");
    let user_groups: GroupsRead = LocalResource::new(move || {
        group_edit.change.version().track();
        let user_name = user_name.get();
        async move { session.call(&GetGroupMembershipsOfUser { user_name }).await }
    });
    let every_library: LibrariesRead =
        LocalResource::new(move || async move { session.call(&GetDomains).await });
    view! {
        <GroupsCard user_name=user_name edit=group_edit user_groups=user_groups every_library=every_library/>
        <LibrariesCard user_name=user_name user_groups=user_groups every_library=every_library/>
        <UserTypeCard user=user/>
        <WelcomeEmail user=user prefix="welcome"/>
    }
}

/// What can be joined or left: a group or a library.
pub trait Membership: Clone + Send + Sync + 'static {
    /// How messages name it: `the group Finance Team`.
    fn describe(&self) -> String;
    /// Adds `user_name` to it (`add`) or removes them (see [`send_either`]).
    fn send(&self, session: Session, user_name: String, add: bool) -> Sent;
    /// Whether `user_name` still reaches it after a removal the server refused in words the
    /// console does not know (newer servers say it in their own language, with a code shared
    /// by many refusals): then the refusal meant there was no direct membership to end.
    fn still_reached(
        &self,
        _session: Session,
        _user_name: String,
    ) -> LocalBoxFuture<'static, bool> {
        async { false }.boxed_local()
    }
}

pub use crate::send::{MembershipCall as Sent, send_either};

/// What a membership change does; Undo adds back what was just removed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Add,
    Remove,
    Undo,
}

/// Adding a user to (or removing them from) one group or library: the action, what the card
/// says after it, and the way back from the last removal.
pub struct MembershipEdit<T: Membership> {
    pub change: Action<(Change, T), ()>,
    pub message: RwSignal<Option<FormMessage>>,
    /// What the last removal removed, for Undo.
    pub undo: RwSignal<Option<T>>,
    prefix: &'static str,
}

impl<T: Membership> Clone for MembershipEdit<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Membership> Copy for MembershipEdit<T> {}

impl<T: Membership> MembershipEdit<T> {
    /// ids: `{prefix}-undo` takes focus after a removal, `{prefix}-title` after Undo (as the
    /// button leaves).
    pub fn new(user_name: Memo<String>, prefix: &'static str) -> MembershipEdit<T> {
        let session = use_session();
        let message = RwSignal::new(None);
        let undo = RwSignal::new(None::<T>);
        let change = Action::new_local(move |(how, target): &(Change, T)| {
            let (how, target) = (*how, target.clone());
            let add = how != Change::Remove;
            let who = user_name.get_untracked();
            async move {
                let (operation, sent) = target.send(session, who.clone(), add);
                let answer = sent.await;
                let what = target.describe();
                let unknown_refusal = matches!(answer, Err(ApiError::Server { .. }));
                let not_member = match &answer {
                    Err(e) if e.is_not_member() => true,
                    Err(_) if !add && unknown_refusal => {
                        target.still_reached(session, who.clone()).await
                    }
                    _ => false,
                };
                let said = match &answer {
                    Ok(()) if add => FormMessage::ok(format!("{who} was added to {what}.")),
                    Ok(()) => FormMessage::ok(format!("{who} was removed from {what}.")),
                    Err(e) if e.is_already_member() => {
                        FormMessage::error(format!("{who} is already a member of {what}."))
                    }
                    Err(_) if not_member => FormMessage::error(format!(
                        "{who} is not a direct member of {what}: membership through a group \
                         ends only by leaving that group."
                    )),
                    Err(e) => FormMessage::failed_while(
                        if add { "Not added." } else { "Not removed." },
                        e,
                        operation,
                    ),
                };
                let removed = answer.is_ok() && !add;
                undo.set(removed.then_some(target));
                message.set(Some(said));
                // The button pressed is gone with its row (or with the Undo it was).
                if removed {
                    focus_id(format!("{prefix}-undo"));
                } else if how == Change::Undo {
                    focus_id(format!("{prefix}-title"));
                }
            }
        });
        MembershipEdit {
            change,
            message,
            undo,
            prefix,
        }
    }

    pub fn run(&self, how: Change, target: T) {
        self.change.dispatch((how, target));
    }

    pub fn busy(&self) -> bool {
        self.change.pending().get()
    }
}

/// A card of memberships: its heading, a listing's problem, what `children` add (a filter, a
/// hint), the list of `rows` (each a [`member_row`]), a picker to add one more, and the
/// message line with Undo after a removal. ids after the edit's prefix: `-title`, `-problem`,
/// `-list`, `-add-choice`, `-add`, `-status`, `-undo`.
#[component]
pub fn MembershipCard<T: Membership, P: Fn(String) -> Option<T> + 'static>(
    edit: MembershipEdit<T>,
    title: &'static str,
    #[prop(into)] problem: Signal<Option<FormMessage>>,
    #[prop(into)] rows: ViewFn,
    /// The picker's label and its empty first choice.
    add_label: &'static str,
    choose: &'static str,
    /// The picker's options; the one chosen goes to `pick`, which finds what it stands for.
    #[prop(into)]
    options: ViewFn,
    pick: P,
    children: Children,
) -> impl IntoView {
    let prefix = edit.prefix;
    let choice = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(target) = pick(choice.get_untracked()) {
            choice.set(String::new());
            edit.run(Change::Add, target);
        }
    };
    let undo_button = move || {
        edit.undo.get().map(|target| {
            view! {
                <button id=format!("{prefix}-undo") type="button" class="secondary"
                    disabled=move || edit.busy() on:click=move |_| edit.run(Change::Undo, target.clone())>
                    {format!("Undo: add again to {}", target.describe())}
                </button>
            }
        })
    };
    view! {
        <section class="card" aria-labelledby=format!("{prefix}-title")>
            <h2 id=format!("{prefix}-title") tabindex="-1">{title}</h2>
            {move || problem.get().map(|message| view! {
                <p id=format!("{prefix}-problem") class="error">{message.problem}</p>
                {message.detail.map(|detail| view! { <ErrorDetails detail=detail/> })}
            })}
            {children()}
            <ul id=format!("{prefix}-list") class="memberships">{move || rows.run()}</ul>
            <form class="form add-member" novalidate on:submit=add>
                <div class="field">
                    <label for=format!("{prefix}-add-choice")>{add_label}</label>
                    <select id=format!("{prefix}-add-choice") prop:value=move || choice.get()
                        on:change=move |ev| choice.set(event_target_value(&ev))>
                        <option value="">{choose}</option>
                        {move || options.run()}
                    </select>
                </div>
                <button id=format!("{prefix}-add") type="submit"
                    disabled=move || edit.busy() || choice.with(String::is_empty)>"Add"</button>
            </form>
            <MessageLine id=format!("{prefix}-status") message=edit.message/>
            <div class="actions">{undo_button}</div>
        </section>
    }
}

/// One row of a membership list: its name, where it comes from (`-via-<n>`), and Remove
/// (`-remove-<n>`).
pub fn member_row<T: Membership>(
    edit: MembershipEdit<T>,
    n: usize,
    name: String,
    via: String,
    target: T,
) -> impl IntoView {
    let prefix = edit.prefix;
    let label = format!("Remove from {}", target.describe());
    view! {
        <li>
            <div><span class="member-name">{name}</span><span id=format!("{prefix}-via-{n}") class="muted">{via}</span></div>
            <button id=format!("{prefix}-remove-{n}") type="button" class="secondary" aria-label=label
                disabled=move || edit.busy() on:click=move |_| edit.run(Change::Remove, target.clone())>"Remove"</button>
        </li>
    }
}

/// A listing's failure, said in its card: a refusal plainly, anything else with its detail.
pub fn listing_problem(what: &str, error: &ApiError, operation: &str) -> FormMessage {
    match error {
        ApiError::AccessDenied { .. } => FormMessage::error(format!(
            "You may not see {what}: the server lets only system administrators list them."
        )),
        e => FormMessage::failed_while(&format!("{what} could not be read."), e, operation),
    }
}

/// Whether `a` and `b` name the same group (by library and name, as calls address them).
pub fn same_group(a: &UserGroup, b: &UserGroup) -> bool {
    a.name.eq_ignore_ascii_case(&b.name) && a.domain_name.eq_ignore_ascii_case(&b.domain_name)
}
