//! Bulk changes: the runner that applies planned rows with bounded concurrency, and the
//! context that carries a selection from the user list to the bulk page.

pub mod delete_consent;
pub mod holdings;
pub mod runner;
pub mod virtual_table;

use inforouter_protocol::bulk::RowPlan;
use leptos::prelude::*;

/// Plans handed from the user list ("disable the selected users") to the bulk page.
#[derive(Clone, Copy)]
pub struct PendingPlans(pub RwSignal<Option<(String, Vec<RowPlan>)>>);

pub fn use_pending_plans() -> PendingPlans {
    use_context::<PendingPlans>().expect("the admin shell provides the pending plans")
}
