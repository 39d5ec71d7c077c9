//! Out of office (task redirection) for one user: where their new tasks go and from when to
//! when (GetUserTaskRedirectionTo), setting it (SetUserTaskRedirection), another colleague for
//! the same days (RerouteUserTaskRedirection), ending it after a confirmation
//! (RemoveUserTaskRedirection), and who sends their tasks to this user
//! (GetUserTaskRedirectionsFrom). What is checked and sent is decided in
//! `inforouter_protocol::out_of_office`. The colleague is a typed user name; administrators,
//! who may list users, get suggestions as they type.
//!
//! ids: `ooo-title`, `ooo-current` (where tasks go, in words), `ooo-colleague`,
//! `ooo-first-day`, `ooo-last-day` (each with `-hint` / `-error`), `ooo-colleague-list` (the
//! suggestions), `ooo-save`, `ooo-status`, `ooo-end` ("End out of office…"), `ooo-end-panel`,
//! `ooo-end-question`, `ooo-end-confirm`, `ooo-end-cancel`, `ooo-end-status`, `ooo-from` (who
//! sends their tasks here).

use inforouter_protocol::date_time::DateTime;
use inforouter_protocol::operations::Operation;
use inforouter_protocol::out_of_office::{
    OutOfOfficeEdit, OutOfOfficePlan, colleague_queries, current_in_words, sender_in_words,
};
use inforouter_protocol::redirection::{
    GetUserTaskRedirectionTo, GetUserTaskRedirectionsFrom, RemoveUserTaskRedirection,
    RerouteUserTaskRedirection, SetUserTaskRedirection, TaskRedirection,
};
use inforouter_protocol::{ApiError, User};
use leptos::prelude::*;

use crate::components::confirm_panel::{ConfirmActions, ConfirmPanel};
use crate::components::form::{
    Field, FieldProblem, FormMessage, MessageLine, SaveButton, SaveFailed, SaveForm, Saved,
    TextField, focus_id,
};
use crate::send::lists_in_browser;
use crate::session::{Session, use_session};

/// The person's local date, from the browser's clock.
fn today() -> DateTime {
    let now = js_sys::Date::new_0();
    DateTime::date(
        now.get_full_year() as u16,
        now.get_month() as u8 + 1,
        now.get_date() as u8,
    )
    .unwrap_or_else(|| DateTime::date(2000, 1, 1).expect("a real date"))
}

/// Sends one change; its name is what the host page (and a portal) hears.
async fn change<O: Operation>(session: Session, op: O) -> Result<&'static str, SaveFailed> {
    session.call(&op).await.map_err(SaveFailed::call(O::NAME))?;
    Ok(O::NAME)
}

/// What is read for the user: where their tasks go, and who sends theirs to them.
#[derive(Clone)]
struct Redirections {
    to: Option<TaskRedirection>,
    from: Vec<TaskRedirection>,
}

type Read = LocalResource<Result<Redirections, ApiError>>;

#[component]
pub fn OutOfOffice(
    /// Whose tasks: the signed-in person on their own page, any user for an administrator.
    #[prop(into)]
    user_name: Signal<String>,
) -> impl IntoView {
    let session = use_session();
    let read = LocalResource::new(move || {
        let user_name = user_name.get();
        async move {
            let to = GetUserTaskRedirectionTo {
                user_name: user_name.clone(),
            };
            let from = GetUserTaskRedirectionsFrom { user_name };
            let (to, from) = futures::future::join(session.call(&to), session.call(&from)).await;
            Ok::<_, ApiError>(Redirections {
                to: to?,
                from: from?,
            })
        }
    });
    let current = Memo::new(move |_| read.get().and_then(Result::ok).and_then(|r| r.to));
    // The form's "saved copy" is this user; it changes (and the fields refill, unless
    // something unsaved is typed) whenever the redirection is read again.
    let holder = Signal::derive(move || {
        current.track();
        User {
            user_name: user_name.get(),
            ..User::default()
        }
    });

    let colleague = Field::default();
    let first_day = Field::default();
    let last_day = Field::default();
    let edit = move || OutOfOfficeEdit {
        user_name: user_name.get(),
        colleague: colleague.value.get(),
        first_day: first_day.value.get(),
        last_day: last_day.value.get(),
        today: today(),
    };
    let problems = Memo::new(move |_| current.with(|c| edit().problems(c.as_ref())));
    let colleague_error = Signal::derive(move || problems.with(|p| p.colleague.clone()));
    let first_error = Signal::derive(move || problems.with(|p| p.first_day.clone()));
    let last_error = Signal::derive(move || problems.with(|p| p.last_day.clone()));

    let form = SaveForm::build(holder, SetUserTaskRedirection::NAME)
        .fill(move |_| {
            let (c, f, l) = current.with_untracked(|c| OutOfOfficeEdit::fill(c.as_ref()));
            colleague.reset(c);
            first_day.reset(f);
            last_day.reset(l);
        })
        .changed(move |_| current.with(|c| edit().changed(c.as_ref())))
        .check("ooo-colleague", colleague_error)
        .check("ooo-first-day", first_error)
        .check("ooo-last-day", last_error)
        // Set and Reroute say "User not found" of the colleague: the user is known.
        .at_field(move |e| {
            (*e == ApiError::UserNotFound).then(|| FieldProblem {
                id: "ooo-colleague",
                field: colleague,
                message: "There is no user with this user name.".into(),
                summary: "Not saved: the colleague was not found.".into(),
            })
        })
        .send(move |session, _| {
            let edit = untrack(edit);
            let plan = current.with_untracked(|c| edit.plan(c.as_ref()));
            let user_name = edit.user_name;
            Box::pin(async move {
                let (said, op) = match plan {
                    OutOfOfficePlan::Set {
                        redirect_to,
                        start,
                        end,
                    } => {
                        let said = format!(
                            "Saved: new tasks go to {redirect_to} from {} to {}.",
                            start.day_in_words(),
                            end.day_in_words()
                        );
                        let op = SetUserTaskRedirection {
                            user_name,
                            redirect_to,
                            start,
                            end,
                        };
                        (said, change(session, op).await?)
                    }
                    OutOfOfficePlan::Reroute { redirect_to } => {
                        let said =
                            format!("Saved: new tasks now go to {redirect_to}, on the same days.");
                        let op = RerouteUserTaskRedirection {
                            user_name,
                            redirect_to,
                        };
                        (said, change(session, op).await?)
                    }
                    OutOfOfficePlan::Nothing => {
                        return Err(SaveFailed::Refused("Nothing to save.".into()));
                    }
                };
                read.refetch();
                // The fields keep what was sent until the new reading refills them.
                Ok(Saved::new(FormMessage::ok(said), |_| {})
                    .keep_fields()
                    .sent_as(op))
            })
        });

    let is_me = Memo::new(move |_| user_name.with(|u| session.is_me(u)));
    let holder_words = move || {
        if is_me.get() {
            "you".to_string()
        } else {
            user_name.get()
        }
    };
    let read_error = move || match read.get() {
        Some(Err(e)) => Some(e.user_message()),
        _ => None,
    };

    view! {
        <section class="card" aria-labelledby="ooo-title">
            <h2 id="ooo-title">"Out of office"</h2>
            <p id="ooo-current">{move || match read.get() {
                None => "Loading…".to_string(),
                // Not "Not set": the alert below says what went wrong.
                Some(Err(_)) => "Where new tasks go could not be read.".to_string(),
                Some(Ok(_)) => current.with(|c| current_in_words(c.as_ref(), today(), &holder_words())),
            }}</p>
            <p class="error" role="alert">{read_error}</p>
            <form class="form" novalidate on:submit=form.on_submit()>
                <ColleagueField field=colleague error=colleague_error form=form user_name=user_name/>
                <div class="field-row">
                    <TextField id="ooo-first-day" label="First day away" field=first_day kind="date"
                        error=first_error submitted=form.submitted required=true/>
                    <TextField id="ooo-last-day" label="Last day away" field=last_day kind="date"
                        error=last_error submitted=form.submitted required=true
                        hint="Tasks stop being redirected after this day."/>
                </div>
                <SaveButton id="ooo-save" form=form label="Save out of office"/>
                <MessageLine id="ooo-status" message=form.message/>
            </form>
            <EndOutOfOffice holder=holder read=read shown=Signal::derive(move || current.with(Option::is_some))
                on_ended=Callback::new(move |_| {
                    form.message.set(None);
                    for field in [colleague, first_day, last_day] {
                        field.reset(String::new());
                    }
                })/>
            <TasksSentHere read=read/>
        </section>
    }
}

/// The colleague's user name. Administrators may list users, so they get suggestions by name
/// (a `<datalist>`, which keyboards and screen readers know); others type a user name, which
/// the server checks on saving.
#[component]
fn ColleagueField(
    field: Field,
    error: Signal<Option<String>>,
    form: SaveForm,
    user_name: Signal<String>,
) -> impl IntoView {
    let session = use_session();
    // Suggestions need a server that searches (GetAllUsers1): reading every user of an older
    // server at each pause in typing is not worth it, and would bring the browser-side
    // listing into this entry.
    let admin = Memo::new(move |_| session.is_admin.get() == Some(true) && !lists_in_browser());
    let suggestions = LocalResource::new(move || {
        let typed = field.value.get();
        let wanted = admin.get();
        let user_name = user_name.get_untracked();
        async move {
            let mut found: Vec<(String, String)> = Vec::new();
            if !wanted {
                return found;
            }
            // Typing on: only the last pause is looked up.
            gloo_timers::future::TimeoutFuture::new(300).await;
            if field.value.get_untracked() != typed {
                return found;
            }
            for query in colleague_queries(&typed) {
                let Ok(Some(page)) = session.server_page(query).await else {
                    continue;
                };
                for u in page.users {
                    let known = found
                        .iter()
                        .any(|(n, _)| n.eq_ignore_ascii_case(&u.user_name));
                    if !known && !u.user_name.eq_ignore_ascii_case(&user_name) {
                        found.push((u.user_name.clone(), u.full_name()));
                    }
                }
            }
            found.truncate(8);
            found
        }
    });
    let hint = Signal::derive(move || {
        Some(if admin.get() {
            "Type a name or user name; matching users are suggested.".to_string()
        } else {
            "Their user name, as they sign in (for example jsmith).".to_string()
        })
    });
    view! {
        <TextField id="ooo-colleague" label="Send new tasks to" field=field error=error
            submitted=form.submitted hint=hint autocomplete="off" required=true
            list=Signal::derive(move || admin.get().then(|| "ooo-colleague-list".to_string()))/>
        <datalist id="ooo-colleague-list">
            {move || suggestions.get().unwrap_or_default().into_iter().map(|(name, full)| {
                view! { <option value=name>{full}</option> }
            }).collect_view()}
        </datalist>
    }
}

/// "End out of office…" and its confirmation: RemoveUserTaskRedirection.
#[component]
fn EndOutOfOffice(
    holder: Signal<User>,
    read: Read,
    /// Something is set to end. The message line stays when it goes.
    shown: Signal<bool>,
    /// Told once it ended: the form above empties.
    on_ended: Callback<()>,
) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let ended = RwSignal::new(false);
    // Nothing is typed: the confirmation is the change.
    let form = SaveForm::build(holder, RemoveUserTaskRedirection::NAME)
        .without_unsaved_guard()
        .after(move || {
            confirming.set(false);
            // Ended, this section goes: the keyboard goes on to the form to set a new one.
            focus_id(if ended.get_untracked() {
                "ooo-colleague"
            } else {
                "ooo-end"
            });
        })
        .send(move |session, holder| {
            let op = RemoveUserTaskRedirection {
                user_name: holder.user_name.clone(),
            };
            Box::pin(async move {
                change(session, op).await?;
                ended.set(true);
                on_ended.run(());
                read.refetch();
                Ok(Saved::new(
                    FormMessage::ok("Out of office ended: new tasks are no longer redirected."),
                    |_| {},
                ))
            })
        });
    let SaveForm {
        sending, message, ..
    } = form;
    let cancel = move || {
        confirming.set(false);
        focus_id("ooo-end");
    };
    view! {
        <Show when=move || shown.get()>
            <div class="actions spaced">
                <button id="ooo-end" type="button" class="secondary"
                    aria-expanded=move || if confirming.get() { "true" } else { "false" }
                    aria-controls="ooo-end-panel" disabled=move || sending.get()
                    on:click=move |_| { message.set(None); ended.set(false); confirming.set(true); }>
                    "End out of office…"
                </button>
            </div>
        </Show>
        {move || confirming.get().then(|| view! {
            <ConfirmPanel id="ooo-end-panel" labelled_by="ooo-end-question" focus="ooo-end-cancel"
                on_cancel=move |_| cancel()>
                <p id="ooo-end-question">"End out of office now? New tasks will no longer be redirected."</p>
                <ConfirmActions confirm_id="ooo-end-confirm" cancel_id="ooo-end-cancel" class="danger"
                    label=Signal::derive(move || if sending.get() { "Ending…" } else { "End out of office" })
                    sending=sending on_confirm=Callback::new(move |_| form.submit())
                    on_cancel=Callback::new(move |_| cancel())/>
            </ConfirmPanel>
        })}
        <MessageLine id="ooo-end-status" message=message/>
    }
}

/// Who sends their tasks to this user, with their windows.
#[component]
fn TasksSentHere(read: Read) -> impl IntoView {
    view! {
        <section class="subsection" aria-labelledby="ooo-from-title">
            <h3 id="ooo-from-title">"Tasks sent here by others"</h3>
            {move || match read.get().map(|r| r.map(|r| r.from)) {
                None => view! { <p class="muted" role="status">"Loading…"</p> }.into_any(),
                // Said once, under the card's first line.
                Some(Err(_)) => ().into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <p id="ooo-from" class="muted">"No one sends their tasks here."</p>
                }.into_any(),
                Some(Ok(list)) => {
                    let today = today();
                    view! {
                        <ul id="ooo-from">
                            {list.iter().map(|r| view! { <li>{sender_in_words(r, today)}</li> }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}
