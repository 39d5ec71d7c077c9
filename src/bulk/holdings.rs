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

/// `busy` says how far the reading is, and is cleared at its end.
pub async fn read_leavers_holdings(run: BulkRun, session: Session, busy: RwSignal<Option<String>>) {
    let leavers: Vec<(usize, String)> = run.rows.with_value(|rows| {
        rows.iter()
            .enumerate()
            .filter(|(_, r)| r.plan.action == Action::Handover && r.plan.state == RowState::Change)
            .map(|(i, r)| (i, r.plan.user_name.clone()))
            .collect()
    });
    let total = leavers.len();
    let mut reads = futures::stream::iter(
        leavers
            .into_iter()
            .map(|(i, name)| async move { (i, session.statistics(&name).await) }),
    )
    .buffer_unordered(4);
    let mut read_so_far = 0;
    while let Some((i, read)) = reads.next().await {
        if run.gone() {
            return;
        }
        read_so_far += 1;
        busy.set(
            (read_so_far < total)
                .then(|| format!("Reading what the leavers hold… {read_so_far} of {total}")),
        );
        let said = match read {
            Ok(statistics) => format!("Holds: {}.", holdings_summary(&statistics)),
            Err(e) => format!("What they hold could not be read: {}", e.user_message()),
        };
        run.set_holdings(i, said);
    }
}
