//! The user store: every account the emulator knows, looked up by name ignoring case, as
//! infoRouter does.

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq)]
pub struct Prefs {
    pub language: String,
    pub default_portal: String,
    pub show_archives: bool,
    pub show_hiddens: bool,
    /// 0 NONE, 1 INSTANT, 2 DAILY REPORT.
    pub notification: u8,
    /// "HTML" or "TEXT".
    pub email_type: String,
    pub attach: bool,
}

/// A new account's preferences; what a replacing UpdateUserPreferences resets omitted ones to.
impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            language: "English".into(),
            default_portal: String::new(),
            show_archives: false,
            show_hiddens: false,
            notification: 1,
            email_type: "HTML".into(),
            attach: false,
        }
    }
}

pub const NOTIFICATION_NAMES: [&str; 3] = ["NONE", "INSTANT", "DAILY REPORT"];

#[derive(Debug, Clone, PartialEq)]
pub struct UserRec {
    pub id: u32,
    pub user_name: String,
    pub password: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub mobile: String,
    pub enabled: bool,
    pub domain: String,
    pub last_logon: String,
    pub last_password_change: String,
    pub source: String,
    pub read_only: bool,
    /// A system administrator.
    pub admin: bool,
    /// Holds the "User Manager" administrative role: may change other users' passwords.
    pub user_manager: bool,
}

#[derive(Debug, Clone)]
pub struct Account {
    pub user: UserRec,
    pub prefs: Prefs,
}

#[derive(Debug, Clone, Default)]
pub struct Store {
    pub accounts: Vec<Account>,
    pub authorities: Vec<String>,
    pub builtin_sysadmin: String,
    /// The id CreateUser gives next; ids are never reused, so a deleted user's tickets cannot
    /// come back to life as someone else's.
    pub next_id: u32,
}

impl Store {
    pub fn index_of(&self, name: &str) -> Option<usize> {
        let wanted = name.trim().to_lowercase();
        self.accounts
            .iter()
            .position(|a| a.user.user_name.to_lowercase() == wanted)
    }
    pub fn by_id(&self, id: u32) -> Option<usize> {
        self.accounts.iter().position(|a| a.user.id == id)
    }
    /// A user name, or `ID:<userid>` (DeleteUser's short reference).
    pub fn by_name_or_id(&self, reference: &str) -> Option<usize> {
        let r = reference.trim();
        if let Some(prefix) = r.get(..3)
            && prefix.eq_ignore_ascii_case("ID:")
            && let Ok(id) = r[3..].trim().parse::<u32>()
        {
            return self.by_id(id);
        }
        self.index_of(r)
    }
    /// The authorities CreateUser accepts, as its refusal lists them.
    pub fn known_sources(&self) -> String {
        let mut all = vec!["native".to_string()];
        all.extend(self.authorities.iter().cloned());
        all.join(", ")
    }
    /// `native`, `INFOROUTER` (7.5-era alias) or a configured authority, normalised.
    pub fn resolve_source(&self, source: &str) -> Option<String> {
        let s = source.trim();
        if s.eq_ignore_ascii_case("native") || s.eq_ignore_ascii_case("inforouter") {
            return Some("native".into());
        }
        self.authorities
            .iter()
            .find(|a| a.eq_ignore_ascii_case(s))
            .cloned()
    }
}

/// The fixture's JSON. Keys it does not name (such as `_comment`) are ignored.
#[derive(Deserialize)]
struct FixtureFile {
    authorities: Vec<String>,
    builtin_sysadmin: String,
    users: Vec<FixtureUser>,
    generated: Option<Generated>,
}

#[derive(Deserialize)]
struct Generated {
    count: u32,
    password: String,
}

#[derive(Deserialize)]
struct FixtureUser {
    user_name: String,
    password: String,
    first_name: String,
    last_name: String,
    email: String,
    #[serde(default)]
    mobile: String,
    #[serde(default)]
    domain: String,
    #[serde(default = "native")]
    source: String,
    #[serde(default = "yes")]
    enabled: bool,
    #[serde(default)]
    admin: bool,
    #[serde(default)]
    read_only: bool,
    #[serde(default)]
    user_manager: bool,
    #[serde(default = "english")]
    language: String,
    #[serde(default)]
    default_portal: String,
}

fn native() -> String {
    "native".into()
}
fn yes() -> bool {
    true
}
fn english() -> String {
    "English".into()
}

pub const DEFAULT_FIXTURE: &str = include_str!("../fixtures/users.json");

const FIRST: [&str; 12] = [
    "Alice", "Bob", "Carla", "David", "Emma", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemal",
    "Lena",
];
const LAST: [&str; 10] = [
    "Meyer", "Nguyen", "Okafor", "Patel", "Quinn", "Rossi", "Schmidt", "Tanaka", "Umar", "Varga",
];
const DOMAINS: [&str; 4] = ["Finance", "Legal", "HR", "Engineering"];

impl Store {
    pub fn from_fixture(json: &str) -> anyhow::Result<Store> {
        let file: FixtureFile = serde_json::from_str(json)?;
        let mut store = Store {
            authorities: file.authorities,
            builtin_sysadmin: file.builtin_sysadmin,
            accounts: Vec::new(),
            next_id: 1,
        };
        for (i, u) in file.users.into_iter().enumerate() {
            let id = i as u32 + 1;
            store.accounts.push(Account {
                user: UserRec {
                    id,
                    user_name: u.user_name,
                    password: u.password,
                    first_name: u.first_name,
                    last_name: u.last_name,
                    email: u.email,
                    mobile: u.mobile,
                    enabled: u.enabled,
                    domain: u.domain,
                    last_logon: format!("2026-0{}-1{} 09:3{}:00", 1 + id % 9, id % 10, id % 10),
                    last_password_change: format!("2025-1{}-0{}", id % 3, 1 + id % 9),
                    source: u.source,
                    read_only: u.read_only,
                    admin: u.admin,
                    user_manager: u.user_manager,
                },
                prefs: Prefs {
                    language: u.language,
                    default_portal: u.default_portal,
                    show_archives: false,
                    show_hiddens: false,
                    notification: 1,
                    email_type: "HTML".into(),
                    attach: false,
                },
            });
        }
        if let Some(g) = file.generated {
            let base = store.accounts.len() as u32;
            for n in 1..=g.count {
                let first = FIRST[(n as usize * 7) % FIRST.len()];
                let last = LAST[(n as usize * 3) % LAST.len()];
                let source = match n % 10 {
                    3 => "CORP-LDAP",
                    7 => "CORPDOM",
                    _ => "native",
                };
                let user_name = format!("user{n:04}");
                store.accounts.push(Account {
                    user: UserRec {
                        id: base + n,
                        email: format!(
                            "{}.{}{n}@example.com",
                            first.to_lowercase(),
                            last.to_lowercase()
                        ),
                        mobile: if n % 4 == 0 {
                            String::new()
                        } else {
                            format!("+1555{n:07}")
                        },
                        enabled: n % 10 != 9,
                        domain: DOMAINS[n as usize % DOMAINS.len()].into(),
                        last_logon: format!(
                            "2026-{:02}-{:02}T08:{:02}:00",
                            1 + n % 12,
                            1 + n % 28,
                            n % 60
                        ),
                        last_password_change: format!("2025-{:02}-{:02}", 1 + n % 12, 1 + n % 28),
                        source: source.into(),
                        read_only: n % 15 == 0,
                        admin: false,
                        user_manager: false,
                        password: g.password.clone(),
                        first_name: first.into(),
                        last_name: last.into(),
                        user_name,
                    },
                    prefs: Prefs {
                        language: if n % 5 == 0 {
                            "Deutsch".into()
                        } else {
                            "English".into()
                        },
                        default_portal: String::new(),
                        show_archives: n % 2 == 0,
                        show_hiddens: n % 3 == 0,
                        notification: (n % 3) as u8,
                        email_type: if n % 4 == 0 {
                            "TEXT".into()
                        } else {
                            "HTML".into()
                        },
                        attach: n % 6 == 0,
                    },
                });
            }
        }
        store.next_id = store.accounts.iter().map(|a| a.user.id).max().unwrap_or(0) + 1;
        Ok(store)
    }
}
