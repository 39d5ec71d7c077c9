//! The self-service entry (sign-in, one's own profile, embedded views). Its first load is the
//! sign-in page's; the profile and the embedded views are chunks fetched when first opened
//! (src/shell/on_demand.rs), split at the functions below.

use futures::future::LocalBoxFuture;
use inforouter_console::embed::{EmbedApp, requested_view};
use inforouter_console::routes::profile::ProfilePage;
use inforouter_console::shell::on_demand::{ChunkMissing, SelfServiceScreens, SingleFetch};
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

#[wasm_split(profile, wasm_split_path = leptos::wasm_split, fallible, preload(profile_chunk))]
fn profile_page() -> Result<AnyView, ChunkMissing> {
    Ok(view! { <ProfilePage/> }.into_any())
}

#[wasm_split(embed, wasm_split_path = leptos::wasm_split, fallible)]
fn embedded_view() -> Result<AnyView, ChunkMissing> {
    // Only called on an embed address; an empty name is "no such view" otherwise.
    let view = requested_view().unwrap_or_else(|| Err(String::new()));
    Ok(view! { <EmbedApp view=view/> }.into_any())
}

thread_local! {
    static PROFILE_CHUNK: SingleFetch = SingleFetch::default();
}

/// The profile's chunk, fetched once however many ask at a time: the prefetch once the page is
/// idle, and the profile shown after a sign-in (`SingleFetch`).
fn profile_chunk_once() -> LocalBoxFuture<'static, Result<(), ChunkMissing>> {
    SingleFetch::of(&PROFILE_CHUNK, || {
        Box::pin(async { Ok(profile_chunk().await?) })
    })
}

fn main() {
    inforouter_console::start_self_service(SelfServiceScreens {
        profile: || {
            Box::pin(async {
                profile_chunk_once().await?;
                profile_page().await
            })
        },
        prefetch_profile: profile_chunk_once,
        embed: || Box::pin(embedded_view()),
    });
}
