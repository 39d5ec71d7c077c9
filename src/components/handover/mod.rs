//! "Hand over and close…" on a user's page (system administrators): what the leaver holds,
//! read from the server; a successor and the kinds of work to hand on; the run, transfer by
//! transfer, each sent exactly once and surviving a reload; then closing the account, and a
//! report. The TransferUser* calls are for system administrators only, so others are told so.
//!
//! ids: `handover-title`, `handover-intro`, `handover-self`, `handover-admins-only`,
//! `handover-reading`, `handover-holdings-error`; the parts' own ids are in their modules.

mod choice;
mod close;
mod holdings;
mod run;
mod steps;

use inforouter_protocol::User;
use leptos::prelude::*;

use crate::components::form::use_leave_guard;
use crate::session::use_session;
use choice::HandoverChoice;
use close::CloseAccount;
use holdings::{HoldingsTable, read_holdings};
use run::HandoverRun;
use steps::HandoverSteps;

#[component]
pub fn HandoverSection(user: Signal<User>) -> impl IntoView {
    let session = use_session();
    let leaver = Memo::new(move |_| user.with(|u| u.user_name.clone()));
    let is_self = Memo::new(move |_| session.is_me(&leaver.get()));
    let admin = move || session.is_admin.get() != Some(false);
    let run = HandoverRun::new(&user.get_untracked(), leaver.into());
    // Only whether there is a record: the parts below keep their state while steps change.
    let has_record = Memo::new(move |_| run.record.with(Option::is_some));
    // Leaving while a transfer is out would lose its answer (it is then asked of the server).
    use_leave_guard(
        run.running.into(),
        "A transfer is being sent. Leave anyway? The hand-over stops after it; Go on continues it later.",
    );
    let holdings = LocalResource::new(move || {
        run.version.track();
        read_holdings(session, leaver.get())
    });
    let statistics = Signal::derive(move || {
        holdings.with(|h| {
            h.as_ref()
                .and_then(|h| h.as_ref().ok())
                .map(|h| h.statistics)
        })
    });
    let holdings_view = move || {
        match holdings.get() {
        None => view! { <p id="handover-reading" class="muted">"Reading what they hold…"</p> }.into_any(),
        Some(Ok(h)) => view! { <HoldingsTable leaver=leaver.get_untracked() holdings=h/> }.into_any(),
        Some(Err(e)) => view! {
            <p id="handover-holdings-error" class="warning">
                {format!("What {} holds could not be read: {}", leaver.get_untracked(), e.user_message())}
            </p>
        }
        .into_any(),
    }
    };
    let body = move || {
        if is_self.get() {
            return view! { <p id="handover-self" class="muted">"This is your own account: another administrator hands it over."</p> }.into_any();
        }
        if !admin() {
            return view! { <p id="handover-admins-only" class="muted">"Only system administrators can hand work over."</p> }.into_any();
        }
        view! {
            <h3>{move || format!("What {} holds", leaver.get())}</h3>
            {holdings_view}
            {move || if !has_record.get() {
                view! { <HandoverChoice leaver=leaver.into() statistics=statistics run=run/> }.into_any()
            } else {
                view! { <HandoverSteps run=run user=user/> }.into_any()
            }}
        }
        .into_any()
    };
    view! {
        <section class="card wide" aria-labelledby="handover-title">
            <h2 id="handover-title">"Hand over and close"</h2>
            <p id="handover-intro">
                {move || format!("Before closing {}'s account, hand their work to a successor: checked-out documents nobody else can check in, ownerships, open tasks, workflow roles, notices, library roles and memberships. Each transfer is sent once; a reload goes on where it was.", leaver.get())}
            </p>
            {body}
        </section>
        {move || (admin() && !is_self.get() && has_record.get())
            .then(|| view! { <CloseAccount user=user run=run/> })}
    }
}
