//! Reading a listing page by page (`startingRow` rows skipped, at most `rowCount` returned).
//! GetDocumentsOwnedByUser and GetFoldersOwnedByUser give no total, so the walk ends at the
//! first short page; GetCheckedoutDocumentsByUser's `totalcount` may end it sooner. The caller
//! loops; what to ask next is decided here, without any I/O:
//!
//! ```ignore
//! let mut next = Some(GetDocumentsOwnedByUser { user_name, starting_row: 0, row_count: 100 });
//! while let Some(op) = next {
//!     let page = session.call(&op).await?;
//!     next = op.next_page(&page);
//!     show(page);
//! }
//! ```

use crate::operations::Operation;

/// An answer holding one page of rows.
pub trait PageOfRows {
    fn rows(&self) -> usize;
    /// The rows across all pages, when the server says.
    fn total(&self) -> Option<u64> {
        None
    }
}

impl<T> PageOfRows for Vec<T> {
    fn rows(&self) -> usize {
        self.len()
    }
}

/// A listing request that can be asked again for the following page.
pub trait Paged: Operation<Output: PageOfRows> + Clone {
    fn starting_row(&self) -> u32;
    fn row_count(&self) -> u32;
    /// The same request, skipping `starting_row` rows.
    fn starting_at(&self, starting_row: u32) -> Self;

    /// The request for the page after `answer` (the answer to `self`), or `None` when the
    /// listing is complete.
    fn next_page(&self, answer: &Self::Output) -> Option<Self> {
        next_starting_row(
            self.starting_row(),
            self.row_count(),
            answer.rows(),
            answer.total(),
        )
        .map(|row| self.starting_at(row))
    }
}

/// Where the page after one of `received` rows starts, or `None` when there is none: a page
/// shorter than asked (an empty one included) is the last, `row_count` 0 asked for everything
/// at once (GetCheckedoutDocumentsByUser; undescribed on the owned listings), and a known
/// `total` reached ends it too. It always ends: every further page starts further on.
pub fn next_starting_row(
    starting_row: u32,
    row_count: u32,
    received: usize,
    total: Option<u64>,
) -> Option<u32> {
    if row_count == 0 || received == 0 || received < row_count as usize {
        return None;
    }
    let next = starting_row.checked_add(u32::try_from(received).ok()?)?;
    match total {
        Some(total) if u64::from(next) >= total => None,
        _ => Some(next),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_pages_go_on_and_a_short_page_ends() {
        assert_eq!(next_starting_row(0, 50, 50, None), Some(50));
        assert_eq!(next_starting_row(50, 50, 50, None), Some(100));
        assert_eq!(next_starting_row(100, 50, 49, None), None);
        assert_eq!(next_starting_row(100, 50, 0, None), None);
    }

    #[test]
    fn a_known_total_ends_the_walk_on_a_full_last_page() {
        assert_eq!(next_starting_row(0, 25, 25, Some(50)), Some(25));
        assert_eq!(next_starting_row(25, 25, 25, Some(50)), None);
        // Rows added meanwhile: the total is what the server says now, pages still decide.
        assert_eq!(next_starting_row(25, 25, 25, Some(60)), Some(50));
    }

    #[test]
    fn everything_at_once_is_one_page() {
        assert_eq!(next_starting_row(0, 0, 500, Some(500)), None);
        assert_eq!(next_starting_row(0, 0, 0, None), None);
    }

    #[test]
    fn a_server_sending_more_than_asked_is_followed_and_overflow_ends() {
        assert_eq!(next_starting_row(0, 10, 30, None), Some(30));
        assert_eq!(next_starting_row(u32::MAX - 5, 10, 10, None), None);
    }

    #[test]
    fn walking_a_listing_reads_every_row_once() {
        for (rows, size) in [(0usize, 10u32), (7, 10), (10, 10), (23, 10), (100, 1)] {
            let mut start = Some(0u32);
            let mut seen = 0usize;
            let mut requests = 0;
            while let Some(s) = start {
                let page = (rows.saturating_sub(s as usize)).min(size as usize);
                seen += page;
                requests += 1;
                start = next_starting_row(s, size, page, None);
            }
            assert_eq!(seen, rows);
            assert_eq!(requests, rows / size as usize + 1, "{rows} rows by {size}");
        }
    }
}
