//! The preview of `handover` rows says what each leaver holds: GetUserStatistics per leaver,
//! four at a time, each row filled in as its answer comes. A read that fails says so in its row
//! and holds nothing back: the hand-over itself does not depend on it.

use futures::StreamExt;
use inforouter_protocol::bulk::RowState;
use inforouter_protocol::bulk::accounts::Action;
use inforouter_protocol::handover_record::holdings_summary;
use leptos::prelude::*;

use super::runner::BulkRun;
use crate::session::Session;

pub async fn read_leavers_holdings(run: BulkRun, session: Session) {
    let leavers: Vec<(usize, String)> = run.rows.with_value(|rows| {
        rows.iter()
            .enumerate()
            .filter(|(_, r)| r.plan.action == Action::Handover && r.plan.state == RowState::Change)
            .map(|(i, r)| (i, r.plan.user_name.clone()))
            .collect()
    });
    let mut reads = futures::stream::iter(
        leavers
            .into_iter()
            .map(|(i, name)| async move { (i, session.statistics(&name).await) }),
    )
    .buffer_unordered(4);
    while let Some((i, read)) = reads.next().await {
        if run.gone() {
            return;
        }
        let said = match read {
            Ok(statistics) => format!("Holds: {}.", holdings_summary(&statistics)),
            Err(e) => format!("What they hold could not be read: {}", e.user_message()),
        };
        run.set_holdings(i, said);
    }
}
