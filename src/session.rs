//! The signed-in session, shared through context: ticket, who it belongs to, whether they are
//! a system administrator, and the sign-in-again flow that rescues a call answered with `[901]`.

use futures::channel::oneshot;
use inforouter_protocol::operations::{AuthenticateUser, IsValidTicket, LogOut};
use inforouter_protocol::xml::Element;
use inforouter_protocol::{
    ApiError, Call, Operation, SessionUser, Ticket, check_required, read_output,
};
use leptos::prelude::*;

use crate::api;
use crate::config::Config;
use crate::facts::Facts;

const TICKET_KEY: &str = "inforouter.ticket";

#[derive(Clone, Copy)]
pub struct Session {
    pub config: StoredValue<Config>,
    pub ticket: RwSignal<Option<Ticket>>,
    pub me: RwSignal<Option<SessionUser>>,
    /// `None` until the probe answered.
    pub is_admin: RwSignal<Option<bool>>,
    /// The sign-in-again dialog is open while this is true.
    pub reauth_open: RwSignal<bool>,
    /// Calls waiting for the dialog: `true` when signed in again, `false` when given up.
    waiters: StoredValue<Vec<oneshot::Sender<bool>>, LocalStorage>,
    /// What several screens need to know, read once per person (src/facts.rs).
    pub(crate) facts: Facts,
}

pub fn use_session() -> Session {
    use_context::<Session>().expect("the shell provides the session")
}

/// The tab's storage (sessionStorage): what must survive a reload of this tab only.
pub(crate) fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

impl Session {
    pub fn new(config: Config) -> Session {
        Session {
            config: StoredValue::new(config),
            ticket: RwSignal::new(None),
            me: RwSignal::new(None),
            is_admin: RwSignal::new(None),
            reauth_open: RwSignal::new(false),
            waiters: StoredValue::new_local(Vec::new()),
            facts: Facts::new(),
        }
    }

    /// The address of an in-app path under the deploy-time base path, for every link (and for
    /// the admin entry's `Navigator::go`).
    pub fn href(&self, app_path: &str) -> String {
        self.config.with_value(|c| c.base_path.href(app_path))
    }

    /// The ticket a previous page load of this tab kept, if any.
    pub fn stored_ticket() -> Option<Ticket> {
        storage()?.get_item(TICKET_KEY).ok()?.map(Ticket::new)
    }

    fn store_ticket(ticket: Option<&Ticket>) {
        if let Some(s) = storage() {
            let _ = match ticket {
                Some(t) => s.set_item(TICKET_KEY, t.as_str()),
                None => s.remove_item(TICKET_KEY),
            };
        }
    }

    /// Checks a ticket (from storage or a portal) without extending it, and adopts it.
    pub async fn adopt(&self, ticket: Ticket) -> Result<(), ApiError> {
        let user = api::send(&self.config.get_value(), &IsValidTicket, Some(&ticket)).await?;
        self.begin(ticket, user);
        Ok(())
    }

    pub async fn sign_in(&self, user_name: String, password: String) -> Result<(), ApiError> {
        let signed_in = api::send(
            &self.config.get_value(),
            &AuthenticateUser {
                user_name,
                password,
            },
            None,
        )
        .await?;
        let same_user = self
            .me
            .get_untracked()
            .is_some_and(|m| m.user_name.eq_ignore_ascii_case(&signed_in.user.user_name));
        if self.reauth_open.get_untracked() && !same_user {
            // Another person signing in over someone's half-finished edit must not inherit it.
            self.sign_out_locally();
        }
        self.begin(signed_in.ticket, signed_in.user);
        Ok(())
    }

    /// Proves that `password` is `user_name`'s by signing in with it, then signs that extra
    /// ticket out at once; this session is untouched. A wrong one is `AuthenticationFailed`.
    pub async fn prove_password(
        &self,
        user_name: String,
        password: String,
    ) -> Result<(), ApiError> {
        let config = self.config.get_value();
        let proof = api::send(
            &config,
            &AuthenticateUser {
                user_name,
                password,
            },
            None,
        )
        .await?;
        let _ = api::send(&config, &LogOut, Some(&proof.ticket)).await;
        Ok(())
    }

    /// The signed-in person's user name, once known.
    pub fn my_name(&self) -> Option<String> {
        self.me
            .with_untracked(|m| m.as_ref().map(|m| m.user_name.clone()))
    }

    fn begin(&self, ticket: Ticket, user: SessionUser) {
        Self::store_ticket(Some(&ticket));
        self.ticket.set(Some(ticket));
        self.me.set(Some(user));
        self.reauth_open.set(false);
        self.wake_waiters(true);
        // Signing in again as the same person keeps what is known; a new person is probed.
        if self.is_admin.get_untracked().is_none() {
            let session = *self;
            leptos::task::spawn_local(async move { session.probe_admin().await });
        }
    }

    /// No call answers "is this a system administrator"; a one-row listing does, since only
    /// administrators may list users.
    async fn probe_admin(&self) {
        // Access denied means "not an administrator"; any other failure leaves it unknown, and
        // the self-service view is the safe default (admin screens still handle Access denied).
        if let Some(admin) = self.may_list_users().await
            && self.is_admin.get_untracked() != Some(admin)
        {
            self.is_admin.set(Some(admin));
        }
    }

    /// Ends the session on the server (a `[901]` there means it already ended) and wipes all
    /// local state.
    pub async fn sign_out(&self) {
        if let Some(ticket) = self.ticket.get_untracked() {
            let _ = api::send(&self.config.get_value(), &LogOut, Some(&ticket)).await;
        }
        self.sign_out_locally();
    }

    pub fn sign_out_locally(&self) {
        Self::store_ticket(None);
        crate::transport::forget();
        self.ticket.set(None);
        self.me.set(None);
        self.is_admin.set(None);
        self.wake_waiters(false);
        self.reauth_open.set(false);
    }

    /// Tells every call waiting on the sign-in-again dialog whether to retry (signed in again)
    /// or fail with its `[901]` (given up, or another person took over).
    fn wake_waiters(&self, signed_in_again: bool) {
        for waiter in self
            .waiters
            .try_update_value(std::mem::take)
            .unwrap_or_default()
        {
            let _ = waiter.send(signed_in_again);
        }
    }

    /// Gives up on signing in again: waiting calls fail with their `[901]`.
    pub fn cancel_reauth(&self) {
        self.wake_waiters(false);
        self.reauth_open.set(false);
    }

    /// Sends `op` with the current ticket. On `[901]` it opens the sign-in dialog over the
    /// page, waits, and retries once with the new ticket; forms keep what was typed because
    /// nothing is unmounted meanwhile. Generic only in the thin part: the waiting is
    /// [`Session::signed_in_again`], one function for every operation.
    pub async fn call<O: Operation>(&self, op: &O) -> Result<O::Output, ApiError> {
        check_required(op)?;
        let (answer, body) = self.answer(&|ticket| Call::of(op, ticket)).await?;
        read_output::<O>(&answer, &body)
    }

    /// The answer to `call` made with this session's ticket, and after a `[901]` once more
    /// with the new ticket. Not generic, so the one copy serves every operation (each generic
    /// copy of this wait cost the entries about 1 KB per operation).
    async fn answer(
        &self,
        call: &dyn Fn(Option<&Ticket>) -> Call,
    ) -> Result<(Element, Vec<u8>), ApiError> {
        let config = self.config.get_value();
        let first = api::answer(&config, &call(self.ticket.get_untracked().as_ref())).await;
        if matches!(first, Err(ApiError::SessionExpired)) && self.signed_in_again().await {
            return api::answer(&config, &call(self.ticket.get_untracked().as_ref())).await;
        }
        first
    }

    /// After a `[901]`: opens the sign-in-again dialog (while someone is signed in) and waits
    /// for it. True when signed in again, so the call is worth one retry.
    async fn signed_in_again(&self) -> bool {
        if self.me.get_untracked().is_none() {
            return false;
        }
        let (tx, rx) = oneshot::channel();
        self.waiters.update_value(|w| w.push(tx));
        self.reauth_open.set(true);
        rx.await.unwrap_or(false)
    }
}
