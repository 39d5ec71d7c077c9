//! Screens fetched when first opened. A function marked
//! `#[wasm_split(chunk, wasm_split_path = leptos::wasm_split, fallible)]` goes, with everything
//! only it reaches, into a wasm chunk of its own: `inforouter-deploy build` splits each entry
//! after linking (README "Size"), so its first load carries none of these screens.
//!
//! Such functions live in the binaries (src/main.rs, src/bin/admin.rs), never in this library:
//! each is an export of the module, which would keep its screen in the other entry too. The
//! shells get them as [`Load`]s in [`SelfServiceScreens`] and [`AdminScreens`].

use std::cell::RefCell;
use std::rc::Rc;
use std::thread::LocalKey;

use futures::channel::oneshot;
use futures::future::LocalBoxFuture;
use inforouter_protocol::User;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;

/// A chunk that did not arrive: the network failed, or the console was deployed again while
/// this page was open and the old chunk is gone. Its details are in the browser's console.
#[derive(Clone, Copy, Debug)]
pub struct ChunkMissing;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkMissing
    }
}

/// Fetches a screen's chunk (if it is not in yet) and builds the screen.
pub type Load = fn() -> LocalBoxFuture<'static, Result<AnyView, ChunkMissing>>;

/// Fetches a section of a user's page (src/routes/user_sections.rs) and builds it for `user`.
pub type SectionLoad = fn(Signal<User>) -> LocalBoxFuture<'static, Result<AnyView, ChunkMissing>>;

/// Fetches a screen's chunk without building it.
pub type Prefetch = fn() -> LocalBoxFuture<'static, Result<(), ChunkMissing>>;

/// One fetch of a chunk at a time, for a chunk asked for from more than one place (a link
/// pointed at, then clicked): whoever asks while a fetch is out waits for that one. wasm_split's
/// loader, asked twice at once for a chunk that then failed, never answered a later ask: Try
/// again stayed at "Loading…" (admin_list e2e, a section whose chunk does not arrive).
#[derive(Clone, Default)]
pub struct SingleFetch(Rc<RefCell<Option<Vec<Waiter>>>>);

/// Told how the fetch out ended; `None` in `SingleFetch`: no fetch is out.
type Waiter = oneshot::Sender<Result<(), ChunkMissing>>;

impl SingleFetch {
    /// `fetch` (a split point's preload) through the entry's `SingleFetch` for its chunk.
    pub fn of(
        chunk: &'static LocalKey<SingleFetch>,
        fetch: Prefetch,
    ) -> LocalBoxFuture<'static, Result<(), ChunkMissing>> {
        Box::pin(chunk.with(SingleFetch::clone).fetch(fetch))
    }

    async fn fetch(self, fetch: Prefetch) -> Result<(), ChunkMissing> {
        let (answer, answered) = oneshot::channel();
        let first = {
            let mut waiting = self.0.borrow_mut();
            let first = waiting.is_none();
            waiting.get_or_insert_with(Vec::new).push(answer);
            first
        };
        // A task of its own, so a caller that goes (a view closed) stops no one else's wait.
        if first {
            leptos::task::spawn_local(async move {
                let result = fetch().await;
                // Over either way: the loader keeps a success; a failure is tried afresh.
                for waiter in self.0.borrow_mut().take().unwrap_or_default() {
                    let _ = waiter.send(result);
                }
            });
        }
        answered.await.unwrap_or(Err(ChunkMissing))
    }
}

/// The self-service entry's screens that come on demand: the first load is the sign-in page's.
#[derive(Clone, Copy)]
pub struct SelfServiceScreens {
    pub profile: Load,
    /// Started once the page is idle: whoever signs in, or is signed in already, sees the
    /// profile next, so its chunk is fetched while they type or while the session is checked.
    pub prefetch_profile: Prefetch,
    /// The embedded view the address names (`embed::requested_view`).
    pub embed: Load,
}

/// The admin entry's screens that come on demand.
#[derive(Clone, Copy)]
pub struct AdminScreens {
    pub user: Load,
    pub new_user: Load,
    pub bulk: Load,
}

/// Shows the screen `load` builds once its chunk is in; until then "Loading…", and if it
/// cannot be fetched, says so with a way to try again in place (what the page around it
/// holds, such as the people picked in the list, stays).
#[component]
pub fn OnDemand(load: Load) -> impl IntoView {
    on_demand(move || load(), Part::Page)
}

/// A section of a user's page, as [`OnDemand`] shows a screen: what the other sections hold
/// stays if it cannot be fetched.
#[component]
pub fn OnDemandSection(load: SectionLoad, user: Signal<User>) -> impl IntoView {
    on_demand(move || load(user), Part::Section)
}

/// What comes on demand: its failure is said with a heading of the page's level or below.
#[derive(Clone, Copy)]
enum Part {
    Page,
    Section,
}

fn on_demand(
    load: impl Fn() -> LocalBoxFuture<'static, Result<AnyView, ChunkMissing>>
    + Copy
    + Send
    + Sync
    + 'static,
    part: Part,
) -> impl IntoView {
    // A view is neither Clone nor Send: it is kept in a local signal until drawn, once.
    let arrived = RwSignal::new_local(None::<AnyView>);
    let failed = RwSignal::new(false);
    // Polled under this component's owner, so the screen's contexts are found and it goes
    // with this view; cancelled if the view goes first. Not the owner of the moment: Try
    // again's is the failure message's, which goes as soon as the fetch starts.
    let owner = StoredValue::new(Owner::current().unwrap_or_default());
    let fetch = move || {
        owner.with_value(|owner| {
            owner.with(|| {
                spawn_local_scoped_with_cancellation(async move {
                    match load().await {
                        Ok(view) => arrived.set(Some(view)),
                        Err(ChunkMissing) => failed.set(true),
                    }
                })
            })
        });
        failed.set(false);
    };
    fetch();
    move || {
        arrived.track();
        if let Some(view) = arrived.try_update_untracked(Option::take).flatten() {
            return view;
        }
        if failed.get() {
            view! {
                <section class="card" role="alert">
                    {match part {
                        Part::Page => view! { <h1>"This page could not be loaded"</h1> }.into_any(),
                        Part::Section => view! { <h2>"This section could not be loaded"</h2> }.into_any(),
                    }}
                    <p>"Part of the console did not arrive. Check the connection and try again; if it keeps failing, reload the page (the console may have been updated)."</p>
                    <button type="button" on:click=move |_| fetch()>"Try again"</button>
                </section>
            }
            .into_any()
        } else {
            view! { <p class="muted" role="status">"Loading…"</p> }.into_any()
        }
    }
}
