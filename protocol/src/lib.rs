//! The srv.asmx protocol of infoRouter, as the console speaks it: typed requests, exact
//! encoding, envelope parsing, the error taxonomy and preferences XML. Pure Rust with no
//! browser dependency, so it is tested natively and fuzzed.

pub mod account_admin;
pub mod answer_items;
pub mod attribute;
pub mod base_path;
pub mod bulk;
mod call;
pub mod contact_info;
pub mod date_time;
pub mod dates;
pub mod embed;
pub mod encode;
pub mod envelope;
pub mod error;
pub mod groups;
pub mod handover;
pub mod handover_record;
pub mod holdings;
pub mod libraries;
pub mod lifecycle;
pub mod onboarding;
pub mod operations;
pub mod out_of_office;
pub mod paging;
pub mod password_policy;
pub mod preferences;
pub mod redirection;
pub mod server_info;
pub mod soap;
pub mod ticket;
pub mod user;
pub mod user_query;
pub mod user_statistics;
pub mod validate;
pub mod words;
pub mod xml;

pub use error::{ApiError, ConnectionProblem};
pub use operations::{
    Call, HttpRequest, Method, Operation, SignedIn, build, check_required, decode, read_output,
};
pub use preferences::{EmailType, NotificationType, Preferences};
pub use server_info::ServerInfo;
pub use ticket::Ticket;
pub use user::{SessionUser, User, UserPage};
pub use user_query::{SortBy, StatusFilter, UserQuery};
