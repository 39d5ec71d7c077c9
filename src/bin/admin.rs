//! The administrators' entry (user list, user pages, bulk changes). Its other screens than
//! the list are chunks fetched when first opened (src/shell/on_demand.rs): their split points
//! are here, in the binary, so that the self-service entry never holds them.

use inforouter_console::routes::{bulk::BulkPage, new_user::NewUserPage, user_page::UserPage};
use inforouter_console::shell::on_demand::{AdminScreens, ChunkMissing};
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

#[wasm_split(user, wasm_split_path = leptos::wasm_split, fallible)]
fn user_page() -> Result<AnyView, ChunkMissing> {
    Ok(view! { <UserPage/> }.into_any())
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
