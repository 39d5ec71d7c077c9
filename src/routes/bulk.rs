//! Bulk changes for administrators: paste or upload a CSV, map unknown columns, preview every
//! row as a diff against the server (or as the user it creates or deletes), then run with
//! progress, pause, resume and cancel, and read, filter, retry and download the per-row results.

use std::collections::HashMap;

use inforouter_protocol::bulk::accounts::{Action, creates_users};
use inforouter_protocol::bulk::memberships::{
    Directory, libraries_of_named_groups, uses_directory,
};
use inforouter_protocol::bulk::report::{Counts, describe_changes};
use inforouter_protocol::bulk::timing::{self, whole_ms};
use inforouter_protocol::bulk::{
    Column, Outcome, RowPlan, RowState, Sheet, plan, results_csv, template_csv, user_names,
};
use inforouter_protocol::bulk::{Current, SheetReader};
use inforouter_protocol::encode::encode_component;
use inforouter_protocol::groups::{GetGlobalGroups, GetLocalGroups, UserGroup};
use inforouter_protocol::libraries::GetDomains;
use inforouter_protocol::lifecycle::GetAuthenticationAndPasswordPolicy;
use inforouter_protocol::operations::{GetAllUsers1, GetUser, Operation as _};
use inforouter_protocol::password_policy::PasswordPolicy;
use inforouter_protocol::words::counted;
use inforouter_protocol::{ApiError, User, UserQuery};
use leptos::prelude::*;

use crate::bulk::delete_consent::{DeleteConsent, DeleteConsentFields, PasswordPrompt};
use crate::bulk::holdings::read_leavers_holdings;
use crate::bulk::runner::{BulkRun, RunState};
use crate::bulk::use_pending_plans;
use crate::bulk::virtual_table::VirtualTable;
use crate::components::confirm_panel::ConfirmPanel;
use crate::components::download::save_text;
use crate::components::error_details::ErrorDetails;
use crate::components::form::{focus_id, use_leave_guard};
use crate::session::{Session, use_session};

/// What leaving asks while a run is sending.
const LEAVE_WHILE_RUNNING: &str =
    "Changes are still being sent. Leave this page and stop sending the rest?";

/// Above this many users, the current values come from paged listing (a few calls) rather
/// than one GetUser per row.
const LISTING_THRESHOLD: usize = 20;

#[component]
pub fn BulkPage() -> impl IntoView {
    let session = use_session();
    let page = StoredValue::new(Owner::current().unwrap_or_default());
    let text = RwSignal::new(String::new());
    let sheet = RwSignal::new(None::<Sheet>);
    let error = RwSignal::new(None::<String>);
    // Technical detail of a failed call, for an administrator (behind "Details").
    let error_detail = RwSignal::new(None::<String>);
    let busy = RwSignal::new(None::<String>);
    let run = RwSignal::new(None::<BulkRun>);
    let source = RwSignal::new(String::new());

    // Plans handed over from the user list (enable/disable a selection).
    let pending = use_pending_plans();
    if let Some((label, plans)) = pending.0.get_untracked() {
        pending.0.set(None);
        source.set(label);
        let new_run = BulkRun::new(plans);
        run.set(Some(new_run));
        page_task(page, read_leavers_holdings(new_run, session, busy));
    }

    let timing = RwSignal::new(None::<String>);
    // Reads in slices of about 8 ms, yielding between them, so a 10,000-row file never
    // freezes the page.
    // A chosen file is read as it is, never copied into the paste box: its passwords (of
    // create rows) stay off the screen.
    let read_sheet = move |content: String| {
        error.set(None);
        error_detail.set(None);
        run.set(None);
        sheet.set(None);
        page_task(page, async move {
            let started = js_sys::Date::now();
            let mut reader = match SheetReader::new(&content) {
                Ok(r) => r,
                Err(e) => return error.set(Some(format!("Line {}: {}", e.line, e.message))),
            };
            loop {
                let slice = js_sys::Date::now();
                let done = loop {
                    match reader.read(100) {
                        Ok(true) => break true,
                        Ok(false) if js_sys::Date::now() - slice < 8.0 => {}
                        Ok(false) => break false,
                        Err(e) => {
                            busy.set(None);
                            return error.set(Some(format!("Line {}: {}", e.line, e.message)));
                        }
                    }
                };
                if done {
                    break;
                }
                busy.set(Some(format!(
                    "Reading the CSV… {} rows so far",
                    reader.rows_read()
                )));
                gloo_timers::future::TimeoutFuture::new(0).await;
            }
            let rows = reader.rows_read();
            timing.set(Some(format!(
                "Read {} in {} ms.",
                counted(rows as u64, "rows"),
                whole_ms(js_sys::Date::now() - started)
            )));
            sheet.set(Some(reader.finish()));
            busy.set(None);
        });
    };
    let preview = move |_| {
        let Some(s) = sheet.get_untracked() else {
            return;
        };
        if s.index_of(Column::UserName).is_none() {
            error.set(Some(
                "No column holds the user name: under Columns, choose which column does. Line 1 \
                 is read as the column names: a file without them needs a header row first."
                    .into(),
            ));
            return focus_id("map-0");
        }
        busy.set(Some("Fetching the current values of these users…".into()));
        error.set(None);
        error_detail.set(None);
        let signed_in = session.my_name().unwrap_or_default();
        page_task(page, async move {
            match fetch_current(&session, &s, busy).await {
                Ok((users, complete, policy, directory)) => {
                    let planning = js_sys::Date::now();
                    let plans = plan(
                        &s,
                        &Current {
                            users: &users,
                            complete,
                            signed_in: &signed_in,
                            policy: &policy,
                            directory: directory.as_ref(),
                        },
                    );
                    let planned = format!(
                        "Planned {} rows in {} ms.",
                        plans.len(),
                        whole_ms(js_sys::Date::now() - planning)
                    );
                    timing.update(|t| {
                        *t = Some(
                            format!("{} {planned}", t.take().unwrap_or_default())
                                .trim()
                                .to_string(),
                        )
                    });
                    source.set(format!("{} rows from the CSV", plans.len()));
                    let new_run = page.with_value(|o| o.with(|| BulkRun::new(plans)));
                    run.set(Some(new_run));
                    read_leavers_holdings(new_run, session, busy).await;
                }
                Err((e, operation)) => {
                    error.set(Some(e.user_message()));
                    error_detail.set(e.technical_detail(operation));
                }
            }
            busy.set(None);
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        page_task(page, async move {
            match wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
            {
                Some(content) => read_sheet(content),
                None => error.set(Some("The file could not be read as text.".into())),
            }
        });
    };
    let template_href = format!(
        "data:text/csv;charset=utf-8,{}",
        encode_component(&template_csv())
    );

    view! {
        <section class="card" aria-labelledby="bulk-title">
            <h1 id="bulk-title">"Bulk changes"</h1>
            <p class="muted">"Change, create or delete many accounts at once from a CSV file with a header row. An empty cell leaves a value as it is; "<code>"(clear)"</code>" clears a mobile number or default portal. An "<code>"action"</code>" column says what a row does: "<code>"update"</code>" (or empty), "<code>"create"</code>" (a new user: first and last name, and a password that meets the server's policy unless the user signs in through another authority) or "<code>"delete"</code>". Nothing is sent until you confirm."</p>
            <div class="form">
                <div class="field">
                    <label for="bulk-file">"CSV file"</label>
                    <input id="bulk-file" type="file" accept=".csv,text/csv" on:change=on_file/>
                </div>
                <div class="field">
                    <label for="bulk-text">"Or paste CSV"</label>
                    <textarea id="bulk-text" rows="6" spellcheck="false" autocomplete="off"
                        prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                </div>
                <div class="actions">
                    <button type="button" id="bulk-read" on:click=move |_| read_sheet(text.get_untracked())>"Read CSV"</button>
                    <a id="bulk-template" class="button-link" href=template_href download="inforouter-bulk-template.csv">"Download a template"</a>
                </div>
                <p id="bulk-error" class="error" role="alert">{move || error.get()}</p>
                {move || error_detail.get().map(|detail| view! { <ErrorDetails detail=detail/> })}
            </div>
        </section>
        {move || sheet.get().map(|_| view! { <Mapping sheet=sheet/> })}
        {move || (sheet.with(Option::is_some) && run.with(Option::is_none)).then(|| view! {
            <section class="card">
                <button type="button" id="bulk-preview" on:click=preview disabled=move || busy.with(Option::is_some)>"Preview changes"</button>
            </section>
        })}
        <p class="muted" role="status" id="bulk-busy">{move || busy.get()}</p>
        <p class="muted" id="bulk-timing">{move || timing.get()}</p>
        {move || run.get().map(|r| view! { <RunPanel run=r source=source/> })}
    }
}

/// Runs `task` as the page's: work started from a button belongs to the page, not to the
/// button (which goes away as the work's answer arrives), and ends when the page goes.
fn page_task(page: StoredValue<Owner>, task: impl std::future::Future<Output = ()> + 'static) {
    page.with_value(|o| o.with(|| leptos::task::spawn_local_scoped_with_cancellation(task)));
}

/// Unrecognised headers get a select to map them to a column (or ignore them).
#[component]
fn Mapping(sheet: RwSignal<Option<Sheet>>) -> impl IntoView {
    let headers = move || {
        sheet.with(|s| {
            s.as_ref()
                .map(|s| {
                    s.headers
                        .iter()
                        .cloned()
                        .zip(s.mapping.iter().copied())
                        .enumerate()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let problem = RwSignal::new(None::<String>);
    view! {
        <section class="card" aria-labelledby="mapping-title">
            <h2 id="mapping-title">"Columns"</h2>
            <p class="muted">{move || sheet.with(|s| s.as_ref().map(|s| format!("{}.", counted(s.rows.len() as u64, "data rows"))).unwrap_or_default())}</p>
            <ul class="mapping">
                {move || headers().into_iter().map(|(i, (header, column))| {
                    let id = format!("map-{i}");
                    view! {
                        <li>
                            <label for=id.clone()>{format!("“{header}”")}</label>
                            <select id=id class=if column.is_none() { "unmapped" } else { "" } on:change=move |ev| {
                                let v = event_target_value(&ev);
                                let col = Column::ALL.into_iter().find(|c| c.header() == v);
                                sheet.update(|s| if let Some(s) = s.as_mut() {
                                    problem.set(s.remap(i, col).err());
                                });
                            }>
                                <option value="" selected=column.is_none()>"Ignore this column"</option>
                                {Column::ALL.into_iter().map(|c| view! { <option value=c.header() selected=column == Some(c)>{c.label()}</option> }).collect_view()}
                            </select>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="error" role="alert">{move || problem.get()}</p>
        </section>
    }
}

/// Current values for the sheet's users: paged listing for many (complete, so unknown users
/// and rename clashes are certain), one GetUser each for a few; and the password policy when a
/// row creates a user. A failure names its operation.
/// What planning needs from the server: the users, whether that is all of them, the policy
/// (for create rows), and the groups and libraries (when the sheet names any).
type Fetched = (
    HashMap<String, User>,
    bool,
    PasswordPolicy,
    Option<Directory>,
);

async fn fetch_current(
    session: &Session,
    sheet: &Sheet,
    busy: RwSignal<Option<String>>,
) -> Result<Fetched, (ApiError, &'static str)> {
    let policy = if creates_users(sheet) {
        session
            .password_policy()
            .await
            .map_err(|e| (e, GetAuthenticationAndPasswordPolicy::NAME))?
    } else {
        PasswordPolicy::default()
    };
    let (users, complete) = fetch_users(session, sheet, busy).await?;
    let directory = if uses_directory(sheet) {
        busy.set(Some("Reading the server's groups and libraries…".into()));
        Some(fetch_directory(session, sheet).await?)
    } else {
        None
    };
    Ok((users, complete, policy, directory))
}

/// Every library and global group, and the own groups of the libraries the sheet names.
async fn fetch_directory(
    session: &Session,
    sheet: &Sheet,
) -> Result<Directory, (ApiError, &'static str)> {
    let names = |all: Vec<UserGroup>| all.into_iter().map(|g| g.name).collect::<Vec<_>>();
    let libraries = session
        .call(&GetDomains)
        .await
        .map_err(|e| (e, GetDomains::NAME))?;
    let global_groups = session
        .call(&GetGlobalGroups)
        .await
        .map_err(|e| (e, GetGlobalGroups::NAME))?;
    let mut local_groups = HashMap::new();
    for library in libraries_of_named_groups(sheet) {
        // A library that does not exist is refused by planning, by name.
        let Some(known) = libraries
            .iter()
            .find(|l| l.name.eq_ignore_ascii_case(&library))
        else {
            continue;
        };
        let domain_name = known.name.clone();
        let own = session
            .call(&GetLocalGroups { domain_name })
            .await
            .map_err(|e| (e, GetLocalGroups::NAME))?;
        local_groups.insert(known.name.to_lowercase(), names(own));
    }
    Ok(Directory {
        libraries: libraries.into_iter().map(|l| l.name).collect(),
        global_groups: names(global_groups),
        local_groups,
    })
}

async fn fetch_users(
    session: &Session,
    sheet: &Sheet,
    busy: RwSignal<Option<String>>,
) -> Result<(HashMap<String, User>, bool), (ApiError, &'static str)> {
    let names = user_names(sheet);
    let renames = sheet.mapping.contains(&Some(Column::NewUserName));
    let mut users = HashMap::new();
    if names.len() <= LISTING_THRESHOLD && !renames {
        for name in names {
            match session
                .call(&GetUser {
                    user_name: name.clone(),
                })
                .await
            {
                Ok(u) => {
                    users.insert(u.user_name.to_lowercase(), u);
                }
                Err(ApiError::UserNotFound) => {}
                Err(e) => return Err((e, GetUser::NAME)),
            }
        }
        return Ok((users, false));
    }
    session
        .every_user(UserQuery::default(), |page, received| {
            busy.set(Some(format!(
                "Fetching current values: {received} of {} users…",
                page.total
            )));
            for u in page.users {
                users.insert(u.user_name.to_lowercase(), u);
            }
        })
        .await
        .map_err(|e| (e, GetAllUsers1::NAME))?;
    Ok((users, true))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Filter {
    All,
    Changed,
    Unchanged,
    Failed,
    Skipped,
    Pending,
}

/// The filter's options: what it is, its value and what it says.
const FILTERS: [(Filter, &str, &str); 6] = [
    (Filter::All, "all", "All rows"),
    (Filter::Pending, "pending", "Not sent yet"),
    (Filter::Changed, "changed", "Changed, created or deleted"),
    (Filter::Unchanged, "unchanged", "Unchanged"),
    (Filter::Failed, "failed", "Failed"),
    (Filter::Skipped, "skipped", "Skipped or invalid"),
];

fn matches(filter: Filter, outcome: &Option<Outcome>) -> bool {
    matches!(
        (filter, outcome),
        (Filter::All, _)
            | (
                Filter::Changed,
                Some(Outcome::Changed | Outcome::Warned { .. })
            )
            | (Filter::Unchanged, Some(Outcome::Unchanged))
            | (Filter::Failed, Some(Outcome::Failed { .. }))
            | (Filter::Skipped, Some(Outcome::Skipped { .. }))
            | (Filter::Pending, None)
    )
}

fn outcome_text(o: &Option<Outcome>, plan: &RowPlan) -> (&'static str, String) {
    match o {
        None => (
            "pending",
            if plan.state == RowState::Change {
                match plan.action {
                    Action::Update => "To change",
                    Action::Create => "To create",
                    Action::Delete => "To delete",
                    Action::Handover => "To hand over",
                }
                .into()
            } else {
                String::new()
            },
        ),
        Some(Outcome::Changed) => ("changed", done_text(plan.action).into()),
        Some(Outcome::Warned { warnings }) => (
            "warned",
            format!(
                "{}, with the server's warning: {warnings}",
                done_text(plan.action)
            ),
        ),
        Some(Outcome::Unchanged) => ("unchanged", "Unchanged".into()),
        Some(Outcome::Failed { step, reason, .. }) => (
            "failed",
            format!(
                "Failed{}: {reason}",
                step.map(|s| format!(" at {s}")).unwrap_or_default()
            ),
        ),
        Some(Outcome::Skipped { reason }) => ("skipped", format!("Skipped: {reason}")),
    }
}

fn done_text(action: Action) -> &'static str {
    match action {
        Action::Update => "Changed",
        Action::Create => "Created",
        Action::Delete => "Deleted",
        Action::Handover => "Handed over",
    }
}

/// What a row does; a hand-over row adds what its leaver holds, once read.
fn changes_text(plan: &RowPlan, holdings: Option<&str>) -> String {
    let said = describe_changes(plan, Column::label);
    match holdings {
        Some(h) => format!("{said} {h}"),
        None => said,
    }
}

/// The apply button names deletes and creates when the run does only that.
fn apply_label(c: &Counts) -> String {
    match (c.sole_action(), c.to_send) {
        (Some(Action::Delete), n) => format!("Delete {n} users…"),
        (Some(Action::Create), n) => format!("Create {n} users…"),
        (Some(Action::Handover), n) => format!("Hand over {n} users' work…"),
        (_, n) => format!("Apply {n} changes…"),
    }
}

#[component]
fn RunPanel(run: BulkRun, source: RwSignal<String>) -> impl IntoView {
    let session = use_session();
    let filter = RwSignal::new(Filter::All);
    let confirming = RwSignal::new(false);
    // The run ends with this panel: leaving asks first, and then stops sending.
    let sending =
        Signal::derive(move || matches!(run.state.get(), RunState::Running | RunState::Paused));
    use_leave_guard(sending, LEAVE_WHILE_RUNNING);
    on_cleanup(move || run.abandon());
    let consent = DeleteConsent::new(run, run.counts.get_untracked().deletes, move || {
        confirming.set(false);
        run.start(session);
    });
    let shown = Signal::derive(move || {
        run.version.track();
        let f = filter.get();
        run.rows.with_value(|rows| {
            rows.iter()
                .enumerate()
                .filter(|(_, r)| matches(f, &r.outcome))
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        })
    });
    let state = run.state;
    let counts = run.counts;
    let percent = move || {
        let c = counts.get();
        (c.sent * 100).checked_div(c.to_send).unwrap_or(100)
    };
    let download = move |_| {
        let csv = run.rows.with_value(|rows| {
            results_csv(
                &rows
                    .iter()
                    .map(|r| (r.plan.clone(), r.outcome.clone()))
                    .collect::<Vec<_>>(),
            )
        });
        save_text("inforouter-bulk-results.csv", &csv);
    };
    // The row shown in full under the table: its cells are cut to one line.
    let in_full = RwSignal::new(None::<usize>);
    let texts = move |i: usize| {
        run.rows.with_value(|rows| {
            let r = &rows[i];
            let (kind, text) = outcome_text(&r.outcome, &r.plan);
            let result = match &r.plan.state {
                RowState::Invalid(reasons) if r.outcome.is_none() => reasons.join(" "),
                _ => text,
            };
            let detail = match &r.outcome {
                Some(Outcome::Failed { detail, .. }) => detail.clone(),
                _ => None,
            };
            (
                r.plan.line,
                r.plan.user_name.clone(),
                changes_text(&r.plan, r.holdings.as_deref()),
                kind,
                result,
                detail,
            )
        })
    };
    let render = move |i: usize| {
        let (line, user, changes, kind, result, detail) = texts(i);
        // Cells are cut to one line; the title holds the whole text for a mouse, the line's
        // button shows it under the table for everyone.
        let (user_title, changes_title, result_title) =
            (user.clone(), changes.clone(), result.clone());
        view! {
            <td><button type="button" class="link" aria-label=format!("Line {line} in full")
                aria-controls="bulk-row-full" on:click=move |_| {
                    in_full.set(Some(i));
                    focus_id("bulk-row-full-panel");
                }>{line}</button></td>
            <td title=user_title>{user}</td>
            <td title=changes_title>{changes}</td>
            <td class=format!("result {kind}")>
                <div class="result-cell">
                    <span class="result-text" title=result_title>{result}</span>
                    {detail.map(|detail| view! { <ErrorDetails detail=detail/> })}
                </div>
            </td>
        }
    };
    view! {
        <section class="card" aria-labelledby="run-title">
            <h2 id="run-title">{move || match state.get() {
                RunState::Ready => "Preview",
                RunState::Running => "Applying changes…",
                RunState::Paused => "Paused",
                RunState::Cancelled => "Cancelled",
                RunState::Finished => "Results",
            }}</h2>
            <p class="muted">{move || source.get()}</p>
            <p id="bulk-summary" role="status">{move || counts.with(|c| c.summary())}</p>
            <Show when=move || state.get() != RunState::Ready>
                <div class="progress">
                    <label for="bulk-progress">"Progress"</label>
                    <progress id="bulk-progress" max="100" value=move || percent().to_string()>{move || format!("{}%", percent())}</progress>
                    <span id="bulk-progress-text">{move || {
                        let c = counts.get();
                        let tail = match state.get() {
                            RunState::Running => run.time_left_ms().map(|ms| format!(", about {} left", timing::duration(ms))).unwrap_or_default(),
                            _ => format!(" in {} s", timing::seconds(run.elapsed_ms.get())),
                        };
                        format!("{} of {} sent{tail}", c.sent, c.to_send)
                    }}</span>
                </div>
            </Show>
            <div class="actions">
                {move || match state.get() {
                    RunState::Ready => view! {
                        <label for="bulk-concurrency">"Parallel calls"</label>
                        <input id="bulk-concurrency" type="number" min="1" max="16" class="narrow-input"
                            prop:value=move || run.concurrency.get().to_string()
                            on:input=move |ev| {
                                if let Ok(n) = event_target_value(&ev).parse::<usize>() {
                                    run.concurrency.set(n.clamp(1, 16));
                                }
                            }/>
                        <button type="button" id="bulk-apply" disabled=move || counts.get().to_send == 0
                            on:click=move |_| confirming.set(true)>{move || counts.with(apply_label)}</button>
                    }.into_any(),
                    RunState::Running => view! {
                        <button type="button" id="bulk-pause" class="secondary" on:click=move |_| run.pause()>"Pause"</button>
                        <button type="button" id="bulk-cancel" class="secondary" on:click=move |_| run.cancel()>"Cancel the rest"</button>
                    }.into_any(),
                    RunState::Paused => view! {
                        // While the server waits for a password, giving it resumes (below).
                        <Show when=move || run.password_needed.with(Option::is_none)>
                            <button type="button" id="bulk-resume" on:click=move |_| run.start(session)>"Resume"</button>
                        </Show>
                        <button type="button" id="bulk-cancel" class="secondary" on:click=move |_| run.cancel()>"Cancel the rest"</button>
                    }.into_any(),
                    RunState::Cancelled | RunState::Finished => view! {
                        <button type="button" id="bulk-retry" disabled=move || counts.get().failed == 0
                            on:click=move |_| run.retry_failed(session)>{move || format!("Retry {} failed rows", counts.get().failed)}</button>
                        <button type="button" id="bulk-download" class="secondary" on:click=download>"Download results (CSV)"</button>
                    }.into_any(),
                }}
            </div>
            <Show when=move || confirming.get()>
                <ConfirmPanel id="bulk-confirm-panel" labelled_by="bulk-confirm-text" focus=consent.first_field()
                    return_focus="bulk-apply" on_cancel=move |_| confirming.set(false)>
                    <p id="bulk-confirm-text">{move || format!("Send {} changes to the server now? Each row is applied once; failed rows can be retried.", counts.get().to_send)}</p>
                    // Enter in the count or the password confirms, as in the other panels.
                    <div on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); consent.confirm(); }>
                        <DeleteConsentFields consent=consent/>
                    </div>
                    <button type="button" id="bulk-confirm" on:click=move |_| consent.confirm()>"Apply now"</button>
                    <button type="button" id="bulk-confirm-cancel" class="secondary" on:click=move |_| confirming.set(false)>"Not yet"</button>
                </ConfirmPanel>
            </Show>
            <PasswordPrompt run=run/>
            <div class="field filter-row">
                <label for="bulk-filter">"Show"</label>
                <select id="bulk-filter" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    let chosen = FILTERS.iter().find(|(_, v, _)| *v == value);
                    filter.set(chosen.map_or(Filter::All, |(f, _, _)| *f));
                }>
                    {FILTERS.iter().map(|(_, value, label)| view! { <option value=*value>{*label}</option> }).collect_view()}
                </select>
                <span class="muted">{move || format!("{} shown", shown.with(Vec::len))}</span>
            </div>
            <VirtualTable id="bulk-rows" label="Rows" columns=vec!["Line", "User", "Changes", "Result"] rows=shown version=run.version render=render/>
            <div id="bulk-row-full">
                {move || in_full.get().map(|i| {
                    run.version.track();
                    let (line, user, changes, _, result, _) = texts(i);
                    view! {
                        <section class="row-full" id="bulk-row-full-panel" tabindex="-1" aria-labelledby="bulk-row-full-title">
                            <h3 id="bulk-row-full-title">{format!("Line {line}")}</h3>
                            <dl>
                                <dt>"User"</dt><dd>{user}</dd>
                                <dt>"Changes"</dt><dd>{changes}</dd>
                                <dt>"Result"</dt><dd>{result}</dd>
                            </dl>
                            <button type="button" class="secondary" id="bulk-row-full-close"
                                on:click=move |_| {
                                    in_full.set(None);
                                    // Back to the table the person came from.
                                    focus_id("bulk-rows");
                                }>"Close"</button>
                        </section>
                    }
                })}
            </div>
        </section>
    }
}
