//! Listing users on every server. GetAllUsers1 filters, sorts and pages on the server; an older
//! server without it has only GetAllUsers (everyone at once), which the browser filters, sorts
//! and pages with [`UserQuery::select`]. Which one this server has is found by the first
//! listing and kept for the tab (`transport.rs`).

use inforouter_protocol::operations::{GetAllUsers, GetAllUsers1, Operation as _};
use inforouter_protocol::user_query::EveryPage;
use inforouter_protocol::{ApiError, UserPage, UserQuery};

use crate::session::Session;
use crate::transport;

/// Whether this server lists users only whole, so the browser does the filtering and paging.
pub fn lists_in_browser() -> bool {
    transport::lacks(GetAllUsers1::NAME)
}

impl Session {
    /// One page of users matching `query`.
    pub async fn users_page(&self, query: UserQuery) -> Result<UserPage, ApiError> {
        match self.server_page(query.clone()).await? {
            Some(page) => Ok(page),
            None => Ok(query.select(self.call(&GetAllUsers).await?)),
        }
    }

    /// Every user matching `filters`, a page at a time; `on_page` gets each page as it comes
    /// (for progress) with the number of rows received so far.
    pub async fn every_user(
        &self,
        filters: UserQuery,
        mut on_page: impl FnMut(UserPage, u32),
    ) -> Result<(), ApiError> {
        let mut pages = EveryPage::new(filters.clone());
        while let Some(query) = pages.next_query() {
            let Some(page) = self.server_page(query).await? else {
                // Only the whole list: read once, every match in one page.
                let everyone = UserQuery {
                    start: 0,
                    count: u32::MAX,
                    ..filters
                };
                let page = everyone.select(self.call(&GetAllUsers).await?);
                let received = page.users.len() as u32;
                on_page(page, received);
                return Ok(());
            };
            pages.record(page.users.len(), page.total);
            on_page(page, pages.received());
        }
        Ok(())
    }

    /// Whether the signed-in person may list users (only system administrators may): one row
    /// of GetAllUsers1, or the whole GetAllUsers where the server has nothing smaller. `None`
    /// when the server said neither yes nor "access denied" (a network or server failure).
    pub async fn may_list_users(&self) -> Option<bool> {
        let one_row = UserQuery {
            count: 1,
            ..UserQuery::default()
        };
        let answer = match self.server_page(one_row).await {
            Ok(Some(_)) => Ok(()),
            Ok(None) => self.call(&GetAllUsers).await.map(|_| ()),
            Err(e) => Err(e),
        };
        match answer {
            Ok(()) => Some(true),
            Err(ApiError::AccessDenied { .. }) => Some(false),
            Err(_) => None,
        }
    }

    /// A page of GetAllUsers1, or `None` when this server lacks it.
    pub async fn server_page(&self, query: UserQuery) -> Result<Option<UserPage>, ApiError> {
        if lists_in_browser() {
            return Ok(None);
        }
        match self.call(&GetAllUsers1 { query }).await {
            Err(error) if error.is_missing_operation() && lists_in_browser() => Ok(None),
            other => other.map(Some),
        }
    }
}
