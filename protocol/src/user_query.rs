//! The admin user list's query: GetAllUsers1's filters, sort and page, and their form in the
//! console's own URL (so a link or a reload restores the view).

use crate::encode::{decode_pairs, encode_pairs};
use crate::user::{User, UserPage};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    #[default]
    All,
    Disabled,
    Enabled,
}

impl StatusFilter {
    pub fn wire(self) -> i32 {
        match self {
            StatusFilter::All => -1,
            StatusFilter::Disabled => 0,
            StatusFilter::Enabled => 1,
        }
    }
    pub fn from_wire(v: i32) -> Option<Self> {
        match v {
            -1 => Some(StatusFilter::All),
            0 => Some(StatusFilter::Disabled),
            1 => Some(StatusFilter::Enabled),
            _ => None,
        }
    }
}

/// GetAllUsers1's `SortBy` codes 0..=8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    #[default]
    Default,
    UserName,
    FirstLast,
    LastFirst,
    Email,
    Status,
    AuthenticationSource,
    Domain,
    UserType,
}

impl SortBy {
    pub const ALL: [SortBy; 9] = [
        SortBy::Default,
        SortBy::UserName,
        SortBy::FirstLast,
        SortBy::LastFirst,
        SortBy::Email,
        SortBy::Status,
        SortBy::AuthenticationSource,
        SortBy::Domain,
        SortBy::UserType,
    ];
    pub fn wire(self) -> u8 {
        SortBy::ALL.iter().position(|s| *s == self).unwrap_or(0) as u8
    }
    pub fn from_wire(v: u8) -> Option<Self> {
        SortBy::ALL.get(v as usize).copied()
    }
    pub fn label(self) -> &'static str {
        match self {
            SortBy::Default => "Name (default)",
            SortBy::UserName => "User name",
            SortBy::FirstLast => "First name, last name",
            SortBy::LastFirst => "Last name, first name",
            SortBy::Email => "Email",
            SortBy::Status => "Status",
            SortBy::AuthenticationSource => "Authentication source",
            SortBy::Domain => "Domain",
            SortBy::UserType => "User type",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserQuery {
    /// Zero-based first row.
    pub start: u32,
    pub count: u32,
    pub first_name: String,
    pub last_name: String,
    pub user_name: String,
    pub email: String,
    pub auth_source: String,
    pub domain: String,
    pub status: StatusFilter,
    pub sort_by: SortBy,
    pub ascending: bool,
}

impl Default for UserQuery {
    fn default() -> Self {
        UserQuery {
            start: 0,
            count: 25,
            first_name: String::new(),
            last_name: String::new(),
            user_name: String::new(),
            email: String::new(),
            auth_source: String::new(),
            domain: String::new(),
            status: StatusFilter::All,
            sort_by: SortBy::Default,
            ascending: true,
        }
    }
}

impl UserQuery {
    /// This query answered from every user at once, as GetAllUsers1 would answer it: filters
    /// are "contains" matches ignoring case, the status filter applies, the sort is stable
    /// (ties by user name) and the page is cut from the matches. For servers that have only
    /// GetAllUsers. Case is folded for ASCII letters only: full Unicode folding would bring
    /// its tables into the self-service entry, for names that rarely need it. The library
    /// filter matches the user's own library (`Domain`): GetAllUsers does not say the others a
    /// user is a member of, which GetAllUsers1's filter also matches.
    pub fn select(&self, users: Vec<User>) -> UserPage {
        let wanted = [
            &self.first_name,
            &self.last_name,
            &self.user_name,
            &self.email,
            &self.auth_source,
            &self.domain,
        ]
        .map(|f| f.trim().to_ascii_lowercase());
        let mut matches: Vec<User> = users
            .into_iter()
            .filter(|u| {
                let fields = [
                    &u.first_name,
                    &u.last_name,
                    &u.user_name,
                    &u.email,
                    &u.authentication_authority,
                    &u.domain,
                ];
                fields
                    .iter()
                    .zip(&wanted)
                    .all(|(f, w)| w.is_empty() || f.to_ascii_lowercase().contains(w.as_str()))
                    && match self.status {
                        StatusFilter::All => true,
                        StatusFilter::Disabled => !u.enabled,
                        StatusFilter::Enabled => u.enabled,
                    }
            })
            .collect();
        let sort_by = self.sort_by;
        matches.sort_by_cached_key(|u| {
            let l = |s: &str| s.to_ascii_lowercase();
            let mut key = match sort_by {
                SortBy::UserName => vec![],
                SortBy::LastFirst => vec![l(&u.last_name), l(&u.first_name)],
                SortBy::Email => vec![l(&u.email)],
                SortBy::Status => vec![u.enabled.to_string()],
                SortBy::AuthenticationSource => vec![l(&u.authentication_authority)],
                SortBy::Domain => vec![l(&u.domain)],
                SortBy::UserType => vec![u.read_only.to_string()],
                SortBy::Default | SortBy::FirstLast => vec![l(&u.first_name), l(&u.last_name)],
            };
            key.push(l(&u.user_name));
            key
        });
        if !self.ascending {
            matches.reverse();
        }
        let total = matches.len() as u64;
        let users = matches
            .into_iter()
            .skip(self.start as usize)
            .take(self.count as usize)
            .collect();
        UserPage { total, users }
    }
}

/// Page sizes the console offers; the URL cannot ask for a 10-million-row page.
pub const MAX_PAGE_SIZE: u32 = 500;

/// The page sizes the list offers; an address with another is read as the default.
pub const PAGE_SIZES: [u32; 4] = [10, 25, 50, 100];

/// Walks every page of a listing, `MAX_PAGE_SIZE` rows at a time: the one loop behind "select
/// every match" and the bulk preview. Ask for `next_query`, send it, tell `record` how many rows
/// came back and the total the server reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EveryPage {
    filters: UserQuery,
    start: u32,
    done: bool,
}

impl EveryPage {
    /// Every row matching `filters` (their paging is ignored).
    pub fn new(filters: UserQuery) -> EveryPage {
        EveryPage {
            filters,
            start: 0,
            done: false,
        }
    }

    /// The next page to ask for, or `None` when every row has come.
    pub fn next_query(&self) -> Option<UserQuery> {
        (!self.done).then(|| UserQuery {
            start: self.start,
            count: MAX_PAGE_SIZE,
            ..self.filters.clone()
        })
    }

    /// Takes in one answer. An empty page ends the walk even if the total promised more (rows
    /// deleted meanwhile), so it always ends.
    pub fn record(&mut self, rows: usize, total: u64) {
        self.start = self
            .start
            .saturating_add(u32::try_from(rows).unwrap_or(u32::MAX));
        self.done = rows == 0 || u64::from(self.start) >= total;
    }

    /// Rows received so far.
    pub fn received(&self) -> u32 {
        self.start
    }
}

impl UserQuery {
    /// GetAllUsers1's parameters, spelled as the reference page spells them (`NumbeOfRow` sic).
    pub fn params(&self) -> Vec<(&'static str, String)> {
        vec![
            ("StartingRowNumber", self.start.to_string()),
            ("NumbeOfRow", self.count.to_string()),
            ("firstNameFilter", self.first_name.clone()),
            ("lastNameFilter", self.last_name.clone()),
            ("userNameFilter", self.user_name.clone()),
            ("emailFilter", self.email.clone()),
            ("authenticationSourceFilter", self.auth_source.clone()),
            ("domainNameFilter", self.domain.clone()),
            ("StatusFilter", self.status.wire().to_string()),
            ("SortBy", self.sort_by.wire().to_string()),
            ("SortAscending", self.ascending.to_string()),
        ]
    }

    /// The console's URL form: only what differs from the default, short names.
    pub fn to_url_query(&self) -> String {
        let d = UserQuery::default();
        let mut pairs: Vec<(&str, String)> = Vec::new();
        let texts = [
            ("first", &self.first_name),
            ("last", &self.last_name),
            ("user", &self.user_name),
            ("email", &self.email),
            ("source", &self.auth_source),
            ("domain", &self.domain),
        ];
        for (k, v) in texts {
            if !v.is_empty() {
                pairs.push((k, v.clone()));
            }
        }
        if self.status != d.status {
            pairs.push(("status", self.status.wire().to_string()));
        }
        if self.sort_by != d.sort_by {
            pairs.push(("sort", self.sort_by.wire().to_string()));
        }
        if self.ascending != d.ascending {
            pairs.push(("asc", self.ascending.to_string()));
        }
        if self.start != d.start {
            pairs.push(("start", self.start.to_string()));
        }
        if self.count != d.count {
            pairs.push(("rows", self.count.to_string()));
        }
        encode_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
    }

    /// Reads the URL form leniently: an unknown or out-of-range value falls back to the
    /// default for that field, since a hand-edited link should still open the list.
    pub fn from_url_query(query: &str) -> UserQuery {
        let mut q = UserQuery::default();
        let query = query.strip_prefix('?').unwrap_or(query);
        for (k, v) in decode_pairs(query).unwrap_or_default() {
            match k.as_str() {
                "first" => q.first_name = v,
                "last" => q.last_name = v,
                "user" => q.user_name = v,
                "email" => q.email = v,
                "source" => q.auth_source = v,
                "domain" => q.domain = v,
                "status" => {
                    q.status = v
                        .parse()
                        .ok()
                        .and_then(StatusFilter::from_wire)
                        .unwrap_or_default()
                }
                "sort" => {
                    q.sort_by = v
                        .parse()
                        .ok()
                        .and_then(SortBy::from_wire)
                        .unwrap_or_default()
                }
                "asc" => q.ascending = v != "false",
                "start" => q.start = v.parse().unwrap_or(0),
                "rows" => {
                    q.count = v
                        .parse()
                        .ok()
                        .filter(|n| PAGE_SIZES.contains(n))
                        .unwrap_or(UserQuery::default().count)
                }
                _ => {}
            }
        }
        // A page starts at a multiple of its size, as the pager moves.
        q.start -= q.start % q.count;
        q
    }

    /// Where the last page of `total` rows starts.
    pub fn last_page_start(&self, total: u64) -> u32 {
        let count = u64::from(self.count.max(1));
        let last = total.saturating_sub(1) / count * count;
        u32::try_from(last).unwrap_or(u32::MAX)
    }

    /// Whether this page starts past the last row (a hand-edited or stale address).
    pub fn past_the_end(&self, total: u64) -> bool {
        total > 0 && u64::from(self.start) >= total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(name: &str, first: &str, last: &str, enabled: bool) -> User {
        User {
            user_name: name.into(),
            first_name: first.into(),
            last_name: last.into(),
            email: format!("{name}@example.com"),
            enabled,
            ..User::default()
        }
    }

    #[test]
    fn select_answers_as_get_all_users1_would() {
        let everyone = vec![
            user("zed", "Ann", "Zed", true),
            user("bob", "Bob", "Able", false),
            user("ann2", "ann", "Young", true),
            user("carl", "Carl", "Able", true),
        ];
        let by_name = |q: &UserQuery| {
            q.select(everyone.clone())
                .users
                .into_iter()
                .map(|u| u.user_name)
                .collect::<Vec<_>>()
        };
        // Default: first then last name, case-insensitive, ties by user name.
        let all = UserQuery::default();
        assert_eq!(by_name(&all), ["ann2", "zed", "bob", "carl"]);
        assert_eq!(all.select(everyone.clone()).total, 4);
        let page = UserQuery {
            start: 1,
            count: 2,
            sort_by: SortBy::LastFirst,
            ..all.clone()
        };
        assert_eq!(by_name(&page), ["carl", "ann2"]);
        assert_eq!(page.select(everyone.clone()).total, 4);
        let enabled_ann = UserQuery {
            first_name: " AN ".into(),
            status: StatusFilter::Enabled,
            ..all.clone()
        };
        assert_eq!(by_name(&enabled_ann), ["ann2", "zed"]);
        let descending = UserQuery {
            sort_by: SortBy::UserName,
            ascending: false,
            ..all.clone()
        };
        assert_eq!(by_name(&descending), ["zed", "carl", "bob", "ann2"]);
        let disabled = UserQuery {
            status: StatusFilter::Disabled,
            ..all
        };
        assert_eq!(disabled.select(everyone).total, 1);
    }

    #[test]
    fn every_page_walks_to_the_total_and_keeps_the_filters() {
        let filters = UserQuery {
            user_name: "user0".into(),
            start: 75,
            count: 25,
            ..UserQuery::default()
        };
        let mut pages = EveryPage::new(filters);
        let first = pages.next_query().unwrap();
        assert_eq!((first.start, first.count), (0, MAX_PAGE_SIZE));
        assert_eq!(first.user_name, "user0");
        pages.record(500, 1_200);
        assert_eq!(pages.next_query().unwrap().start, 500);
        pages.record(500, 1_200);
        pages.record(200, 1_200);
        assert_eq!(pages.next_query(), None);
        assert_eq!(pages.received(), 1_200);
    }

    #[test]
    fn every_page_ends_on_an_empty_page() {
        let mut pages = EveryPage::new(UserQuery::default());
        pages.record(0, 10);
        assert_eq!(pages.next_query(), None);
    }

    #[test]
    fn default_query_has_an_empty_url() {
        assert_eq!(UserQuery::default().to_url_query(), "");
    }

    #[test]
    fn url_round_trip() {
        let q = UserQuery {
            start: 200,
            count: 100,
            first_name: "Zoë & co".into(),
            domain: "R&D".into(),
            status: StatusFilter::Disabled,
            sort_by: SortBy::Email,
            ascending: false,
            ..Default::default()
        };
        assert_eq!(UserQuery::from_url_query(&q.to_url_query()), q);
    }

    #[test]
    fn pages_are_offered_sizes_starting_at_a_multiple() {
        let q = UserQuery::from_url_query("?rows=7&start=3");
        assert_eq!((q.count, q.start), (25, 0));
        let q = UserQuery::from_url_query("?start=37&rows=10");
        assert_eq!((q.count, q.start), (10, 30));
        assert_eq!(q.last_page_start(2011), 2010);
        assert_eq!(q.last_page_start(2010), 2000);
        assert_eq!(q.last_page_start(0), 0);
        assert!(!q.past_the_end(31));
        assert!(q.past_the_end(30));
        assert!(!q.past_the_end(0));
    }

    #[test]
    fn hostile_urls_fall_back_to_defaults() {
        let q = UserQuery::from_url_query("?status=7&sort=99&rows=100000000&start=x&%ZZ=1");
        assert_eq!(q, UserQuery::default());
    }

    #[test]
    fn params_spelled_as_documented() {
        let names: Vec<_> = UserQuery::default()
            .params()
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(names[1], "NumbeOfRow");
        assert_eq!(names.len(), 11);
    }

    #[test]
    fn all_six_filters_are_always_present_and_status_all_is_minus_one() {
        // Newer servers refuse an omitted filter with HTTP 400: "" means no filter.
        let params = UserQuery::default().params();
        for name in [
            "firstNameFilter",
            "lastNameFilter",
            "userNameFilter",
            "emailFilter",
            "authenticationSourceFilter",
            "domainNameFilter",
        ] {
            let value = params.iter().find(|(k, _)| *k == name).map(|(_, v)| v);
            assert_eq!(value.map(String::as_str), Some(""), "{name}");
        }
        let status = params.iter().find(|(k, _)| *k == "StatusFilter").unwrap();
        assert_eq!(status.1, "-1");
    }
}
