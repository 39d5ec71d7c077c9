//! The administrators' entry (user list, user pages, bulk changes). Its other screens than
//! the list are chunks fetched when first opened (src/shell/on_demand.rs), and so are the
//! sections of a user's page shown only at their own addresses: their split points are here,
//! in the binary, so that the self-service entry never holds them.

use futures::future::LocalBoxFuture;
use inforouter_console::components::access::AccessSection;
use inforouter_console::components::access::welcome_email::WelcomeEmail;
use inforouter_console::components::change_password::SetUserPassword;
use inforouter_console::components::delete_user::DeleteUserSection;
use inforouter_console::components::handover::HandoverSection;
use inforouter_console::facts::use_password_policy;
use inforouter_console::routes::user_sections::AdminTools;
use inforouter_console::routes::{bulk::BulkPage, new_user::NewUserPage, user_page::UserPage};
use inforouter_console::shell::on_demand::{AdminScreens, ChunkMissing, SingleFetch};
use inforouter_protocol::User;
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

/// What a user's page has that the self-service entry does not (src/routes/user_sections.rs).
const TOOLS: AdminTools = AdminTools {
    password: |user| view! { <SetUserPassword user=user policy=use_password_policy()/> }.into_any(),
    delete: |user| view! { <DeleteUserSection user=user policy=use_password_policy()/> }.into_any(),
    created: |user| {
        view! { <WelcomeEmail user=user prefix="created-welcome" created=true/> }.into_any()
    },
    access: |user| {
        Box::pin(async move {
            sections_chunk().await?;
            access_section(user).await
        })
    },
    handover: |user| {
        Box::pin(async move {
            sections_chunk().await?;
            handover_section(user).await
        })
    },
    prefetch_sections: sections_chunk,
};

thread_local! {
    static SECTIONS_CHUNK: SingleFetch = SingleFetch::default();
}

/// The chunk of Access and Hand over, fetched once however many ask at a time (`SingleFetch`).
fn sections_chunk() -> LocalBoxFuture<'static, Result<(), ChunkMissing>> {
    SingleFetch::of(&SECTIONS_CHUNK, || {
        Box::pin(async { Ok(user_sections_chunk().await?) })
    })
}

#[wasm_split(user, wasm_split_path = leptos::wasm_split, fallible)]
fn user_page() -> Result<AnyView, ChunkMissing> {
    Ok(view! { <UserPage tools=TOOLS/> }.into_any())
}

// Both sections are one chunk, `user_sections`: two split points that share code with each
// other and with the other screens cut the shared code into a chunk for each combination
// (37 chunks), and the first loads of New user and Bulk grew by 14 and 11 KB brotli.
// Named `user_…`: the size report counts the user page's chunks in what opening a section
// first fetches (deploy/src/size.rs).
#[wasm_split(
    user_sections,
    wasm_split_path = leptos::wasm_split,
    fallible,
    preload(user_sections_chunk)
)]
fn access_section(user: Signal<User>) -> Result<AnyView, ChunkMissing> {
    Ok(view! { <AccessSection user=user/> }.into_any())
}

#[wasm_split(user_sections, wasm_split_path = leptos::wasm_split, fallible)]
fn handover_section(user: Signal<User>) -> Result<AnyView, ChunkMissing> {
    Ok(view! { <HandoverSection user=user/> }.into_any())
}

#[wasm_split(new_user, wasm_split_path = leptos::wasm_split, fallible)]
fn new_user_page() -> Result<AnyView, ChunkMissing> {
    Ok(view! { <NewUserPage/> }.into_any())
}

#[wasm_split(bulk, wasm_split_path = leptos::wasm_split, fallible)]
fn bulk_page() -> Result<AnyView, ChunkMissing> {
    Ok(view! { <BulkPage/> }.into_any())
}

fn main() {
    inforouter_console::start_admin(AdminScreens {
        user: || Box::pin(user_page()),
        new_user: || Box::pin(new_user_page()),
        bulk: || Box::pin(bulk_page()),
    });
}
