//! Handing work on, exactly once: a TransferUser* call whose answer was lost is not simply sent
//! again. The server's counts are read first (protocol `handover_record::Evidence`): work that
//! moved is no longer the leaver's, a copy shows in the successor's counts. Only what the
//! counts show undone goes again, and a copy sent again skips what the successor already has.

use futures::FutureExt;
use futures::future::LocalBoxFuture;
use inforouter_protocol::handover::{
    Transfer, TransferKind, TransferUserWork, TransferVisitor, Transferred,
};
use inforouter_protocol::handover_record::{Counts, Evidence};
use inforouter_protocol::holdings::GetUserStatistics;
use inforouter_protocol::user_statistics::UserStatistics;
use inforouter_protocol::{ApiError, Operation};

use super::{NotApplied, failed};
use crate::session::Session;

/// What a transfer came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Handed {
    /// Sent and answered; a warning names what stayed with the leaver.
    Sent(Transferred),
    /// An earlier try's answer was lost, and the server's counts show it done: not sent again.
    FoundDone,
}

/// Sends the request type of a kind chosen at run time.
struct Send<'a> {
    session: Session,
    from: &'a str,
    to: &'a str,
}

impl<'a> TransferVisitor for Send<'a> {
    type Output = (
        &'static str,
        LocalBoxFuture<'a, Result<Transferred, ApiError>>,
    );
    fn visit<K: Transfer>(self) -> Self::Output {
        let request = TransferUserWork::<K>::new(self.from, self.to);
        let session = self.session;
        (
            TransferUserWork::<K>::NAME,
            async move { session.call(&request).await }.boxed_local(),
        )
    }
}

impl Session {
    /// Hands `from`'s work of `kind` on to `to`. `lost`: an earlier try was sent and its
    /// answer never came, with the counts read just before it (`None` where nothing counts
    /// the kind); the server decides whether it goes again.
    pub async fn hand_over(
        &self,
        kind: TransferKind,
        from: &str,
        to: &str,
        lost: Option<Option<Counts>>,
    ) -> Result<Handed, NotApplied> {
        if let Some(before) = lost {
            let now = self
                .handover_counts(kind, from, to)
                .await
                .map_err(|error| NotApplied {
                    read_first: true,
                    ..failed::<GetUserStatistics>(error)
                })?;
            if Evidence::of(kind, before, now) == Evidence::Done {
                return Ok(Handed::FoundDone);
            }
        }
        let (operation, sent) = kind.visit(Send {
            session: *self,
            from,
            to,
        });
        match sent.await {
            Ok(transferred) => Ok(Handed::Sent(transferred)),
            Err(error) => Err(NotApplied {
                error,
                operation,
                read_first: false,
            }),
        }
    }

    /// What the two hold of `kind` now; `None` for a kind no counter counts (nothing is read).
    pub async fn handover_counts(
        &self,
        kind: TransferKind,
        from: &str,
        to: &str,
    ) -> Result<Option<Counts>, ApiError> {
        if kind.tally().is_none() {
            return Ok(None);
        }
        let leaver = self.statistics(from).await?;
        let successor = self.statistics(to).await?;
        Ok(Counts::of(kind, &leaver, &successor))
    }

    pub async fn statistics(&self, user_name: &str) -> Result<UserStatistics, ApiError> {
        self.call(&GetUserStatistics {
            user_name: user_name.to_string(),
        })
        .await
    }
}
