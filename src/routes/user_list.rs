//! The administrator's user list over GetAllUsers1: server-side paging, text filters, status
//! filter, sorting, the total. The query lives in the address, so a link or reload restores it.

use inforouter_protocol::user_query::PAGE_SIZES;
use inforouter_protocol::{SortBy, StatusFilter, User, UserPage, UserQuery};
use leptos::prelude::*;

use std::collections::BTreeMap;

use inforouter_protocol::bulk::RowPlan;
use inforouter_protocol::bulk::selection::{deletion, handover, status_change};

use crate::bulk::use_pending_plans;
use crate::routes::handover_selected::HandoverSelected;
use crate::routes::user_href;
use crate::send::lists_in_browser;
use crate::session::use_session;
use crate::shell::in_app_nav::{use_location, use_navigator};

/// Selected users: name → enabled, as listed.
type Selection = RwSignal<BTreeMap<String, bool>>;

#[component]
pub fn UserListPage() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    // Leaving the list changes the address before the page unmounts: the query stays as it
    // was then, so leaving sends no GetAllUsers1 for an address that is not the list's.
    let on_list = move || {
        let path = location.pathname.get();
        session
            .config
            .with_value(|c| c.base_path.strip(&path) == Some("/users"))
    };
    let query = Memo::new(move |previous: Option<&UserQuery>| match previous {
        Some(previous) if !on_list() => previous.clone(),
        _ => UserQuery::from_url_query(&location.search.get()),
    });
    // Reads go through a resource: an answer to a query that is no longer asked is dropped.
    let listing = LocalResource::new(move || {
        let query = query.get();
        async move {
            let answer = session.users_page(query.clone()).await;
            (query, answer)
        }
    });
    // The last page stays on screen while the next loads (and when a read fails).
    let page = Memo::new(move |last: Option<&Option<UserPage>>| match listing.get() {
        Some((_, Ok(p))) => Some(p),
        _ => last.cloned().flatten(),
    });
    let error = Memo::new(move |_| listing.get().and_then(|(_, answer)| answer.err()));
    let shown = Memo::new(move |_| listing.get().map(|(answered, _)| answered));
    let loading = Signal::derive(move || shown.with(|s| s.as_ref() != Some(&query.get())));

    let selected: Selection = RwSignal::new(BTreeMap::new());
    let navigator = use_navigator();
    let go = move |q: UserQuery| {
        let search = q.to_url_query();
        let href = if search.is_empty() {
            "/users".to_string()
        } else {
            format!("/users?{search}")
        };
        navigator.go(&href, false);
    };

    view! {
        <section class="card" aria-labelledby="users-title">
            <div class="title-row">
                <h1 id="users-title">"Users"</h1>
                <a id="new-user-link" class="button-link" href=session.href("/new-user")>"New user"</a>
            </div>
            <Filters query=query on_apply=Callback::new(go)/>
        </section>
        <section class="card" aria-labelledby="results-title">
            <h2 id="results-title" class="sr-only">"Results"</h2>
            <p class="error" role="alert">{move || error.get().map(|e| e.user_message())}</p>
            <p id="users-total" role="status" class="muted">
                {move || summary(&query.get(), page.get().as_ref(), loading.get())}
            </p>
            // Read after each answer: the first listing is what finds out.
            {move || (page.with(Option::is_some) && lists_in_browser()).then(|| view! {
                <p id="users-in-browser" class="muted">
                    "This server has no GetAllUsers1: the console reads every user with GetAllUsers and filters, sorts and pages them in the browser (the library filter matches each user's own library)."
                </p>
            })}
            <SelectionBar page=page query=query selected=selected/>
            <UserTable page=page selected=selected/>
            <Pager query=query total=Signal::derive(move || page.with(|p| p.as_ref().map_or(0, |p| p.total))) on_go=Callback::new(go)/>
        </section>
    }
}

fn summary(q: &UserQuery, page: Option<&UserPage>, loading: bool) -> String {
    match page {
        None if loading => "Loading users…".into(),
        None => String::new(),
        Some(p) if p.total == 0 => "No users match these filters.".into(),
        Some(p) if q.past_the_end(p.total) => format!(
            "This page is past the end of the list ({} users match): Previous goes to the last page.",
            p.total
        ),
        Some(p) => {
            let first = u64::from(q.start) + 1;
            let last = u64::from(q.start) + p.users.len() as u64;
            let more = if loading { " (updating…)" } else { "" };
            let noun = if p.total == 1 { "user" } else { "users" };
            format!("Showing {first}–{last} of {} {noun}{more}", p.total)
        }
    }
}

#[component]
fn Filters(query: Memo<UserQuery>, on_apply: Callback<UserQuery>) -> impl IntoView {
    // The form edits a draft; the list follows the address only when applied.
    let draft = RwSignal::new(query.get_untracked());
    Effect::new(move |_| draft.set(query.get()));
    let text = move |id: &'static str,
                     label: &'static str,
                     get: fn(&UserQuery) -> String,
                     set: fn(&mut UserQuery, String)| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type="search" prop:value=move || draft.with(get)
                    on:input=move |ev| draft.update(|q| set(q, event_target_value(&ev)))/>
            </div>
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_apply.run(UserQuery {
            start: 0,
            ..draft.get_untracked()
        });
    };
    let reset = move |_| on_apply.run(UserQuery::default());
    view! {
        <form class="filters" on:submit=submit role="search" aria-label="Filter users">
            {text("filter-user", "User name", |q| q.user_name.clone(), |q, v| q.user_name = v)}
            {text("filter-first", "First name", |q| q.first_name.clone(), |q, v| q.first_name = v)}
            {text("filter-last", "Last name", |q| q.last_name.clone(), |q, v| q.last_name = v)}
            {text("filter-email", "Email", |q| q.email.clone(), |q, v| q.email = v)}
            {text("filter-source", "Authentication source", |q| q.auth_source.clone(), |q, v| q.auth_source = v)}
            {text("filter-domain", "Domain", |q| q.domain.clone(), |q, v| q.domain = v)}
            <div class="field">
                <label for="filter-status">"Status"</label>
                <select id="filter-status" on:change=move |ev| {
                    let v = event_target_value(&ev).parse().ok().and_then(StatusFilter::from_wire).unwrap_or_default();
                    draft.update(|q| q.status = v);
                }>
                    {[(StatusFilter::All, "All"), (StatusFilter::Enabled, "Enabled"), (StatusFilter::Disabled, "Disabled")]
                        .into_iter()
                        .map(|(s, label)| view! { <option value=s.wire().to_string() selected=move || draft.with(|q| q.status == s)>{label}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-sort">"Sort by"</label>
                <select id="filter-sort" on:change=move |ev| {
                    let v = event_target_value(&ev).parse().ok().and_then(SortBy::from_wire).unwrap_or_default();
                    draft.update(|q| q.sort_by = v);
                }>
                    {SortBy::ALL.into_iter()
                        .map(|s| view! { <option value=s.wire().to_string() selected=move || draft.with(|q| q.sort_by == s)>{s.label()}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-order">"Order"</label>
                <select id="filter-order" on:change=move |ev| { let asc = event_target_value(&ev) == "asc"; draft.update(|q| q.ascending = asc); }>
                    <option value="asc" selected=move || draft.with(|q| q.ascending)>"Ascending"</option>
                    <option value="desc" selected=move || draft.with(|q| !q.ascending)>"Descending"</option>
                </select>
            </div>
            <div class="field">
                <label for="filter-rows">"Rows per page"</label>
                <select id="filter-rows" on:change=move |ev| {
                    let n = event_target_value(&ev).parse().ok().filter(|n| PAGE_SIZES.contains(n)).unwrap_or(UserQuery::default().count);
                    draft.update(|q| q.count = n);
                }>
                    {PAGE_SIZES.into_iter()
                        .map(|n| view! { <option value=n.to_string() selected=move || draft.with(|q| q.count == n)>{n}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="actions">
                <button type="submit" id="filter-apply">"Apply filters"</button>
                <button type="button" class="secondary" id="filter-reset" on:click=reset>"Reset"</button>
            </div>
        </form>
    }
}

/// Select users (this page, or every match across pages) and enable, disable or delete them in
/// one step: the plans go to the bulk page, which confirms, shows progress and per-row results.
/// The selection is handed over with them, so none of it outlives a delete.
#[component]
fn SelectionBar(
    page: Memo<Option<UserPage>>,
    query: Memo<UserQuery>,
    selected: Selection,
) -> impl IntoView {
    let session = use_session();
    let pending = use_pending_plans();
    let navigator = use_navigator();
    let busy = RwSignal::new(None::<String>);
    let select_page = move |_| {
        page.with_untracked(|p| {
            if let Some(p) = p {
                selected
                    .update(|s| s.extend(p.users.iter().map(|u| (u.user_name.clone(), u.enabled))));
            }
        })
    };
    let select_all = move |_| {
        let base = query.get_untracked();
        busy.set(Some("Selecting every matching user…".into()));
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            let every = session.every_user(base, |page, _| {
                selected
                    .update(|s| s.extend(page.users.into_iter().map(|u| (u.user_name, u.enabled))))
            });
            match every.await {
                Ok(()) => busy.set(None),
                Err(e) => busy.set(Some(e.user_message())),
            }
        });
    };
    // Hands the selection's plans, with what they do, to the bulk page.
    let hand_over = move |label: &'static str, to_plan: &dyn Fn(usize, String, bool) -> RowPlan| {
        let plans: Vec<RowPlan> = selected
            .get_untracked()
            .into_iter()
            .enumerate()
            .map(|(i, (name, enabled))| to_plan(i + 1, name, enabled))
            .collect();
        let label = format!("{label} {} selected users", plans.len());
        pending.0.set(Some((label, plans)));
        selected.set(BTreeMap::new());
        navigator.go("/bulk", false);
    };
    let set_status = move |enable: bool| {
        move |_| {
            let verb = if enable { "Enable" } else { "Disable" };
            hand_over(verb, &|line, name, enabled| {
                status_change(line, name, enabled, enable)
            });
        }
    };
    let delete = move |_| {
        let me = session.my_name().unwrap_or_default();
        hand_over("Delete", &|line, name, _| deletion(line, name, &me));
    };
    let hand_over_work = Callback::new(move |(successor, disable): (User, bool)| {
        let me = session.my_name().unwrap_or_default();
        hand_over("Hand over the work of", &|line, name, enabled| {
            handover(line, name, enabled, &successor, disable, &me)
        });
    });
    let count = move || selected.with(BTreeMap::len);
    view! {
        <div class="selection-bar" role="group" aria-label="Selection">
            <button type="button" class="secondary" id="select-page" on:click=select_page>"Select this page"</button>
            <button type="button" class="secondary" id="select-all" on:click=select_all>
                {move || format!("Select all {} matching", page.with(|p| p.as_ref().map_or(0, |p| p.total)))}
            </button>
            <button type="button" class="secondary" id="select-none" on:click=move |_| selected.set(BTreeMap::new()) disabled=move || count() == 0>"Clear selection"</button>
            <span id="selected-count" role="status">{move || format!("{} selected", count())}</span>
            <button type="button" id="disable-selected" disabled=move || count() == 0 on:click=set_status(false)>"Disable selected…"</button>
            <button type="button" id="enable-selected" disabled=move || count() == 0 on:click=set_status(true)>"Enable selected…"</button>
            <HandoverSelected count=Signal::derive(count) on_confirm=hand_over_work
                is_leaver=Callback::new(move |name: String| { let name = name.to_lowercase(); selected.with_untracked(|s| s.keys().any(|k| k.to_lowercase() == name)) })/>
            <button type="button" id="delete-selected" class="danger" disabled=move || count() == 0 on:click=delete>"Delete selected…"</button>
            <span class="muted" role="status">{move || busy.get()}</span>
        </div>
    }
}

#[component]
fn UserTable(page: Memo<Option<UserPage>>, selected: Selection) -> impl IntoView {
    let session = use_session();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="User table, scrolls sideways on small screens">
            <table class="users" id="users-table">
                <thead>
                    <tr>
                        <th scope="col"><span class="sr-only">"Selected"</span></th>
                        <th scope="col">"User name"</th>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Source"</th>
                        <th scope="col">"Domain"</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || page.get().map(|p| p.users).unwrap_or_default()
                        key=|u| (u.user_name.clone(), u.email.clone(), u.enabled, u.first_name.clone(), u.last_name.clone())
                        let:u>
                        <tr>
                            <td>{
                                let (name, enabled) = (u.user_name.clone(), u.enabled);
                                let key = name.clone();
                                view! {
                                    <input type="checkbox" aria-label=format!("Select {name}")
                                        prop:checked=move || selected.with(|s| s.contains_key(&key))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            selected.update(|s| { if on { s.insert(name.clone(), enabled); } else { s.remove(&name); } });
                                        }/>
                                }
                            }</td>
                            <td><a href=session.href(&user_href(&u.user_name))>{u.user_name.clone()}</a></td>
                            <td>{u.full_name()}</td>
                            <td>{u.email.clone()}</td>
                            <td>{if u.enabled { "Enabled" } else { "Disabled" }}</td>
                            <td>{u.authentication_authority.clone()}</td>
                            <td>{u.domain.clone()}</td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Pager(
    query: Memo<UserQuery>,
    #[prop(into)] total: Signal<u64>,
    on_go: Callback<UserQuery>,
) -> impl IntoView {
    let has_prev = move || query.with(|q| q.start > 0);
    let has_next = move || query.with(|q| u64::from(q.start) + u64::from(q.count) < total.get());
    // From past the end, "Previous" is the last page.
    let prev = move |_| {
        let q = query.get_untracked();
        // An unknown total (0, no answer yet) is never past the end.
        let total = total.get_untracked();
        let start = if q.past_the_end(total) {
            q.last_page_start(total)
        } else {
            q.start.saturating_sub(q.count)
        };
        on_go.run(UserQuery { start, ..q });
    };
    let next = move |_| {
        let q = query.get_untracked();
        on_go.run(UserQuery {
            start: q.start + q.count,
            ..q
        });
    };
    let page_label = move || {
        let q = query.get();
        let pages = total.get().div_ceil(u64::from(q.count.max(1))).max(1);
        let this = u64::from(q.start / q.count.max(1)) + 1;
        if this > pages {
            return format!("Past the last page ({pages})");
        }
        format!("Page {this} of {pages}")
    };
    view! {
        <nav class="pager" aria-label="Pages">
            <button type="button" class="secondary" id="page-prev" on:click=prev disabled=move || !has_prev()>"Previous"</button>
            <span id="page-label">{page_label}</span>
            <button type="button" class="secondary" id="page-next" on:click=next disabled=move || !has_next()>"Next"</button>
        </nav>
    }
}
