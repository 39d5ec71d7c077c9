//! New user like a colleague (issue 19, "Someone joins"): on the New user page a colleague is
//! named and read (GetUser, their groups and libraries), a preview says what the new account
//! will get, and after CreateUser the copy steps run (protocol `onboarding`: the plan, the
//! run's state). The parts: the colleague's field ([`LikeField`]), the preview
//! ([`LikePreview`]), the run ([`OnboardRun`]) and its progress ([`OnboardProgress`]).

mod field;
mod preview;
mod progress;
mod run;

pub use field::LikeField;
pub use preview::LikePreview;
pub use progress::OnboardProgress;
pub use run::OnboardRun;

use futures::FutureExt;
use inforouter_protocol::account_admin::UserType;
use inforouter_protocol::groups::{GetGroupMembershipsOfUser, UserGroup};
use inforouter_protocol::onboarding::{Colleague, Plan};
use inforouter_protocol::operations::GetUser;
use inforouter_protocol::{ApiError, User};
use leptos::prelude::*;

use crate::components::access::libraries::{Row, read_rows};
use crate::components::form::Field;
use crate::session::Session;

/// A colleague as read for the preview. A listing that failed is said in the preview; its
/// copy is sent all the same (it copies whatever there is).
#[derive(Clone, PartialEq)]
pub struct Found {
    pub user: User,
    pub groups: Result<Vec<UserGroup>, ApiError>,
    pub libraries: Result<Vec<Row>, ApiError>,
}

impl Found {
    /// `Full Name (user)`, or the user name alone.
    pub fn who(&self) -> String {
        let full = self.user.full_name();
        if full.is_empty() {
            self.user.user_name.clone()
        } else {
            format!("{full} ({})", self.user.user_name)
        }
    }

    fn colleague(&self) -> Colleague {
        Colleague {
            user_name: self.user.user_name.clone(),
            user_type: UserType::of(&self.user),
            groups: self.groups.as_ref().ok().map(Vec::len),
            libraries: self.libraries.as_ref().ok().map(Vec::len),
        }
    }
}

/// Where the colleague's field stands.
#[derive(Clone, PartialEq)]
pub enum Check {
    /// No colleague: a plain new user.
    Empty,
    /// Typed, not yet asked about (Enter or leaving the field asks).
    Unchecked(String),
    Checking(String),
    Found(Box<Found>),
    /// Not a colleague to copy from, and why.
    Refused(String),
}

async fn read_colleague(session: Session, name: String) -> Result<Found, ApiError> {
    let user = session.call(&GetUser { user_name: name }).await?;
    // As the server spells the name.
    let user_name = user.user_name.clone();
    let groups = session
        .call(&GetGroupMembershipsOfUser {
            user_name: user_name.clone(),
        })
        .await;
    let libraries = read_rows(
        session,
        user_name,
        std::future::ready(groups.clone().ok()).boxed_local(),
    )
    .await;
    Ok(Found {
        user,
        groups,
        libraries,
    })
}

/// The New user page's colleague: what is typed, what was read for it, and the user type the
/// new account is created as.
#[derive(Clone, Copy)]
pub struct Like {
    pub field: Field,
    /// The name last asked about.
    asked: RwSignal<String>,
    /// The read, with the name it was for (a new name keeps the old answer until its own
    /// lands, so the name tells them apart).
    read: LocalResource<Option<(String, Result<Found, ApiError>)>>,
    pub check: Memo<Check>,
    /// The person's own choice of type (the read-only box), once they touch it; until then
    /// the type follows the colleague.
    pub type_choice: RwSignal<Option<UserType>>,
    /// What CreateUser was sent with: the colleague and the type, taken at submit, so a change
    /// typed while it is out does not change the copy.
    sent: StoredValue<Option<(Colleague, UserType)>>,
}

impl Like {
    pub fn new(session: Session) -> Like {
        let field = Field::default();
        let asked = RwSignal::new(String::new());
        let read = LocalResource::new(move || {
            let name = asked.get();
            async move {
                if name.is_empty() {
                    return None;
                }
                let answer = read_colleague(session, name.clone()).await;
                Some((name, answer))
            }
        });
        let check = Memo::new(move |_| {
            let typed = field.value.with(|v| v.trim().to_string());
            if typed.is_empty() {
                return Check::Empty;
            }
            if asked.with(|a| *a != typed) {
                return Check::Unchecked(typed);
            }
            match read.get().flatten() {
                Some((name, answer)) if name == typed => match answer {
                    Ok(found) => Check::Found(Box::new(found)),
                    Err(ApiError::UserNotFound | ApiError::UserDeleted) => Check::Refused(format!(
                        "There is no user named {typed}. Type an existing user's name, or leave this empty."
                    )),
                    Err(e) => Check::Refused(format!(
                        "Could not read {typed}: {} Press Enter to try again, or leave this empty.",
                        e.user_message()
                    )),
                },
                _ => Check::Checking(typed),
            }
        });
        Like {
            field,
            asked,
            read,
            check,
            type_choice: RwSignal::new(None),
            sent: StoredValue::new(None),
        }
    }

    /// Asks about what is typed now (again, after a failed read).
    pub fn ask(&self) {
        self.field.touched.set(true);
        let typed = self.field.get_untracked().trim().to_string();
        if self.asked.get_untracked() == typed {
            self.read.refetch();
        } else {
            self.asked.set(typed);
        }
    }

    pub fn found(&self) -> Option<Found> {
        match self.check.get() {
            Check::Found(found) => Some(*found),
            _ => None,
        }
    }

    /// The type the new account is created as: the person's choice, else the colleague's.
    pub fn new_type(&self) -> UserType {
        self.type_choice.get().unwrap_or_else(|| {
            self.found()
                .map_or(UserType::Author, |f| UserType::of(&f.user))
        })
    }

    /// Why the form may not create the account yet: a colleague refused, or not yet read (the
    /// preview must say what is copied before anything is created).
    pub fn blocking(&self) -> Option<String> {
        match self.check.get() {
            Check::Empty | Check::Found(_) => None,
            Check::Refused(why) => Some(why),
            Check::Unchecked(name) => Some(format!(
                "Press Enter to check {name} first: the preview shows what will be copied."
            )),
            Check::Checking(name) => Some(format!(
                "Still reading {name}: create the user once the preview shows what will be copied."
            )),
        }
    }

    /// Taken when CreateUser goes.
    pub fn keep_sent(&self) {
        let sent = untrack(|| self.found().map(|f| (f.colleague(), self.new_type())));
        self.sent.set_value(sent);
    }

    /// The copy steps for the account just created, when a colleague was named.
    pub fn plan_for(&self, to: &str) -> Option<Plan> {
        let (colleague, wanted) = self.sent.get_value()?;
        Some(Plan::new(&colleague, to, wanted))
    }
}
