//! Bulk changes from a CSV: which columns exist, reading the sheet, planning each row as a diff
//! against the server's current values with the calls it needs, and the results report.
//! Pure logic; the console's runner sends the calls.

pub mod accounts;
pub mod columns;
mod handover_rows;
pub mod memberships;
pub mod plan;
pub mod report;
pub mod selection;
pub mod sheet;
pub mod timing;

pub use columns::Column;
pub use plan::{CLEAR, Current, FieldChange, RowPlan, RowState, Step, plan, user_names};
pub use report::{Outcome, results_csv};
pub use sheet::{Sheet, SheetError, SheetReader, SheetRow, parse_csv, template_csv};
