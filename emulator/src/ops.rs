//! The srv.asmx operations, as the vendor's pages describe them. Each runs whole under the
//! state lock and returns the answer element.

use std::time::UNIX_EPOCH;

use crate::params::{Missing, Params};
use crate::policy::Breach;
use crate::prefs_xml::apply_preferences;
use crate::state::State;
use crate::store::{Account, Prefs, UserRec};
use crate::xml_out::{attrs, iso_utc, user_element, xml_safe};

// The membership, redirection and hand-over calls, each module with its table of `Extra`s.
mod account;
mod groups;
mod handover;
mod libraries;
mod listings;
mod lookup;
mod redirection;
use lookup::extra;

pub const OPERATIONS: [&str; 19] = [
    "AuthenticateUser",
    "LogOut",
    "isValidTicket",
    "GetCurrentUser",
    "GetUser",
    "GetAllUsers1",
    "GetAllUsers",
    "UpdateUserContactInfo",
    "UpdateUserEmail",
    "UpdateUserProfile",
    "UpdateUserPreferences",
    "ChangeUserStatus",
    "ServerInfo",
    "CreateUser",
    "DeleteUser",
    "DeleteUser1",
    "ChangeUserPassword",
    "GetAuthenticationAndPasswordPolicy",
    "UserExists",
];

/// The canonical spelling of an operation, matched ignoring case as ASP.NET does.
pub fn canonical(name: &str) -> Option<&'static str> {
    OPERATIONS
        .iter()
        .copied()
        .find(|op| op.eq_ignore_ascii_case(name))
        .or_else(|| extra(name).map(|e| e.name))
}

pub struct Answer {
    pub root: &'static str,
    pub success: bool,
    pub attrs: Vec<(&'static str, String)>,
    pub inner: String,
}

impl Answer {
    pub fn to_xml(&self) -> String {
        let mut a = vec![("success", self.success.to_string())];
        a.extend(self.attrs.iter().cloned());
        if self.inner.is_empty() {
            format!("<{}{} />", self.root, attrs(&a))
        } else {
            format!("<{}{}>{}</{}>", self.root, attrs(&a), self.inner, self.root)
        }
    }
}

fn root_of(op: &str) -> &'static str {
    if let Some(e) = extra(op) {
        return e.root;
    }
    match op {
        "AuthenticateUser" | "LogOut" | "isValidTicket" | "GetCurrentUser" | "ServerInfo"
        | "ChangeUserPassword" => "root",
        _ => "response",
    }
}

/// How this server behaves: which answers it gives, not what it stores.
#[derive(Debug, Clone, Copy, Default)]
pub struct Mode {
    /// Send `MobileNumber` on `<User>` (servers that predate it never do).
    pub with_mobile: bool,
    /// A newer server: failures carry `errorCode` and a localised (German) text without a
    /// bracketed code; an empty or omitted required value is HTTP 400 with no answer.
    pub modern: bool,
    /// UpdateUserPreferences replaces the whole block: attributes not sent are reset.
    pub prefs_replace: bool,
    /// `PasswordRePromptActions/UserDelete`: DeleteUser refuses, DeleteUser1 checks the
    /// caller's password.
    pub reprompt_user_delete: bool,
    /// Every TransferUser* answers with its page's `warnings`, also when all went (a server
    /// whose rules the console cannot see kept something back).
    pub transfer_warnings: bool,
}

/// A newer server's HTTP 400: model binding refused this parameter before the call ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmptyRequired(pub &'static str);

/// A failed call: its older text (bracketed code or English words) and, for a newer server,
/// its `errorCode` and localised text.
#[derive(Debug)]
pub struct Fail {
    classic: String,
    code: u32,
    modern: String,
}

#[derive(Debug)]
enum Stop {
    Fail(Fail),
    Empty(&'static str),
}

fn fail(classic: impl Into<String>, code: u32, modern: impl Into<String>) -> Stop {
    Stop::Fail(Fail {
        classic: classic.into(),
        code,
        modern: modern.into(),
    })
}

const EXPIRED: &str = "[901] Session expired or Invalid ticket";

/// The four self-service updates and DeleteUser answer "no ticket" with 4030, the others with
/// 4010.
const NO_TICKET_4030: [&str; 5] = [
    "UpdateUserContactInfo",
    "UpdateUserEmail",
    "UpdateUserProfile",
    "UpdateUserPreferences",
    "DeleteUser",
];

/// Calls whose pages answer a caller without a ticket as the anonymous user: `[2730]` (4010 on
/// a newer server).
const ANONYMOUS_2730: [&str; 7] = [
    "UserExists",
    "GetAuthenticationAndPasswordPolicy",
    "GetGlobalGroups",
    "GetLocalGroups",
    "GetDomainGroups",
    "GetUserGroup",
    "GetMemberDomains",
];

fn anonymous() -> Stop {
    fail(
        "[2730]Insufficient rights. Anonymous users cannot perform this action",
        4010,
        "Unzureichende Rechte. Anonyme Benutzer können diese Aktion nicht ausführen",
    )
}

fn expired() -> Stop {
    fail(EXPIRED, 4010, "Sitzung abgelaufen oder ungültiges Ticket")
}

fn not_found(op: &str) -> Stop {
    // GetUser, UserExists and the deletes report an unknown user as a bad request (4000), the
    // updates as 4041.
    let code = match op {
        "GetUser" | "UserExists" | "DeleteUser" | "DeleteUser1" => 4000,
        _ => 4041,
    };
    fail("User not found", code, "Benutzer nicht gefunden")
}

fn denied() -> Stop {
    fail("Access denied", 4030, "Zugriff verweigert")
}

fn bad_request(classic: impl Into<String>, modern: impl Into<String>) -> Stop {
    fail(classic, 4000, modern)
}

type Outcome = Result<(Vec<(&'static str, String)>, String), Stop>;

/// One call's parameters and how this server reads them.
struct Ctx<'a> {
    op: &'static str,
    p: &'a Params,
    modern: bool,
    with_mobile: bool,
    transfer_warnings: bool,
}

impl Ctx<'_> {
    /// A parameter that must be present: `[903]` when omitted on an older server, HTTP 400 on a
    /// newer one.
    fn param(&self, name: &'static str) -> Result<&str, Stop> {
        match self.p.required(name) {
            Ok(v) => Ok(v),
            Err(_) if self.modern => Err(Stop::Empty(name)),
            Err(Missing(name)) => Err(fail(
                format!("[903]Required parameter.'{name}'"),
                4000,
                format!("Pflichtparameter fehlt: '{name}'"),
            )),
        }
    }

    /// A required string: on a newer server an empty or blank one is HTTP 400 as well.
    fn required(&self, name: &'static str) -> Result<&str, Stop> {
        let value = self.param(name)?;
        if self.modern && value.trim().is_empty() {
            return Err(Stop::Empty(name));
        }
        Ok(value)
    }

    /// An optional string: `None` when omitted on a newer server (null keeps the value);
    /// an older server insists on it.
    fn optional(&self, name: &'static str) -> Result<Option<&str>, Stop> {
        if self.modern {
            Ok(self.p.get(name))
        } else {
            self.param(name).map(Some)
        }
    }

    /// An integer; a newer server's model binding refuses a non-number with HTTP 400.
    fn int(&self, name: &'static str) -> Result<i64, Stop> {
        let raw = self.param(name)?;
        raw.trim().parse().map_err(|_| {
            if self.modern {
                Stop::Empty(name)
            } else {
                bad_request(
                    format!(
                        "SystemError:Input string '{raw}' for {name} was not in a correct format."
                    ),
                    "",
                )
            }
        })
    }

    /// A boolean; a newer server's model binding refuses anything else with HTTP 400.
    fn boolean(&self, name: &'static str) -> Result<bool, Stop> {
        let raw = self.param(name)?;
        match raw.trim().to_ascii_lowercase().as_str() {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ if self.modern => Err(Stop::Empty(name)),
            _ => Err(bad_request(
                format!("SystemError:{name} must be true or false, not '{raw}'."),
                "",
            )),
        }
    }

    /// An optional string XML can carry; empty when omitted on a newer server.
    fn optional_text(&self, name: &'static str) -> Result<String, Stop> {
        match self.optional(name)? {
            Some(v) => Ok(self.safe(name, v)?.to_string()),
            None => Ok(String::new()),
        }
    }

    /// The caller's account index for a ticketed call (sliding the expiry).
    fn caller(&self, state: &mut State, name: &'static str) -> Result<usize, Stop> {
        let ticket = match self.p.get(name) {
            Some(t) if !t.trim().is_empty() => t,
            // No ticket at all: the anonymous user where the page says so; otherwise 4030 on
            // the four self-service updates and DeleteUser, 4010 elsewhere.
            _ if self.modern && ANONYMOUS_2730.contains(&self.op) => return Err(anonymous()),
            _ if self.modern => {
                let code = if NO_TICKET_4030.contains(&self.op) {
                    4030
                } else {
                    4010
                };
                return Err(fail("", code, "Kein Anmeldeticket angegeben"));
            }
            Some(_) if ANONYMOUS_2730.contains(&self.op) => return Err(anonymous()),
            Some(t) => t,
            // ChangeUserPassword's page: a missing ticket is `[901]` too.
            None if self.op == "ChangeUserPassword" => return Err(expired()),
            None => return Err(self.param(name).err().unwrap_or_else(expired)),
        };
        state.check(ticket, true).map_err(|_| expired())
    }

    /// A value XML can carry, or the call is refused.
    fn safe<'v>(&self, name: &str, value: &'v str) -> Result<&'v str, Stop> {
        if xml_safe(value) {
            Ok(value)
        } else {
            Err(bad_request(
                format!("SystemError:{name} contains characters that XML cannot carry."),
                format!("{name} enthält Zeichen, die XML nicht darstellen kann."),
            ))
        }
    }
}

/// Runs `op` (canonical name). `Err` is a newer server's HTTP 400 (see [`Mode::modern`]).
pub fn run(
    op: &'static str,
    p: &Params,
    state: &mut State,
    mode: &Mode,
) -> Result<Answer, EmptyRequired> {
    let c = Ctx {
        op,
        p,
        modern: mode.modern,
        with_mobile: mode.with_mobile,
        transfer_warnings: mode.transfer_warnings,
    };
    let with_mobile = mode.with_mobile;
    let outcome = match op {
        "AuthenticateUser" => authenticate(&c, state),
        "LogOut" => log_out(&c, state),
        "isValidTicket" => is_valid_ticket(&c, state),
        "GetCurrentUser" => get_current_user(&c, state, with_mobile),
        "GetUser" => get_user(&c, state, with_mobile),
        "GetAllUsers1" => get_all_users1(&c, state, with_mobile),
        "GetAllUsers" => get_all_users(&c, state, with_mobile),
        "UpdateUserContactInfo" => update_contact_info(&c, state),
        "UpdateUserEmail" => update_email(&c, state),
        "UpdateUserProfile" => update_profile(&c, state),
        "UpdateUserPreferences" => update_preferences(&c, state, mode.prefs_replace),
        "ChangeUserStatus" => change_status(&c, state),
        "ServerInfo" => Ok((server_info(), String::new())),
        "CreateUser" => create_user(&c, state),
        "DeleteUser" => delete_user(&c, state, mode.reprompt_user_delete),
        "DeleteUser1" => delete_user1(&c, state, mode.reprompt_user_delete),
        "ChangeUserPassword" => change_password(&c, state),
        "GetAuthenticationAndPasswordPolicy" => get_policy(&c, state, mode.reprompt_user_delete),
        "UserExists" => user_exists(&c, state),
        _ => match extra(op) {
            Some(e) => (e.run)(&c, state),
            None => Err(bad_request(
                format!("SystemError:Unknown method {op}"),
                format!("Unbekannte Methode {op}"),
            )),
        },
    };
    let root = root_of(op);
    Ok(match outcome {
        Ok((mut attrs, inner)) => {
            // `<response>` answers carry an empty `error` (where the operation did not place
            // it itself), but the policy's sample has none.
            if root == "response"
                && op != "GetAuthenticationAndPasswordPolicy"
                && extra(op).is_none_or(|e| e.blank_error)
                && !attrs.iter().any(|(k, _)| *k == "error")
            {
                attrs.insert(0, ("error", String::new()));
            }
            Answer {
                root,
                success: true,
                attrs,
                inner,
            }
        }
        Err(Stop::Empty(name)) => return Err(EmptyRequired(name)),
        Err(Stop::Fail(f)) => {
            let attrs = if mode.modern {
                // AuthenticateUser's page spells it `errorcode`; the refreshed tables `errorCode`.
                let code_attr = if op == "AuthenticateUser" {
                    "errorcode"
                } else {
                    "errorCode"
                };
                vec![("error", f.modern), (code_attr, f.code.to_string())]
            } else {
                vec![("error", f.classic)]
            };
            Answer {
                root,
                success: false,
                attrs,
                inner: String::new(),
            }
        }
    })
}

/// The target account of an update, allowed for the user themselves or an administrator.
fn self_or_admin(c: &Ctx, state: &State, caller: usize, target_name: &str) -> Result<usize, Stop> {
    let target = state
        .store
        .index_of(target_name)
        .ok_or_else(|| not_found(c.op))?;
    if target != caller && !state.store.accounts[caller].user.admin {
        return Err(denied());
    }
    Ok(target)
}

fn admin_only(state: &State, caller: usize) -> Result<(), Stop> {
    if state.store.accounts[caller].user.admin {
        Ok(())
    } else {
        Err(denied())
    }
}

/// ServerInfo's attributes, as its page shows them: booleans in lower case.
fn server_info() -> Vec<(&'static str, String)> {
    let now = std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let utc = iso_utc(now);
    vec![
        ("VersionNumber", "8.7.0.0".into()),
        ("Server_date_time", utc.trim_end_matches('Z').to_string()),
        ("Coordinated_Universal_Time", utc),
        ("UTC_Offset", "0".into()),
        ("Company", "Example Corporation".into()),
        ("ServerName", "IR-EMULATOR".into()),
        ("LicenseCount", "2500".into()),
        ("SubscriptionEndDate", "2027-12-31T23:59:59Z".into()),
        ("WindowsAuthenticationIsOn", "false".into()),
        ("WorkflowIsOn", "true".into()),
        ("AnonymousAccessIsOn", "false".into()),
        ("ComplianceModuleIsOn", "true".into()),
    ]
}

fn session_attrs(
    state: &State,
    index: usize,
    expires: std::time::SystemTime,
) -> Vec<(&'static str, String)> {
    let u = &state.store.accounts[index].user;
    let secs = expires
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    vec![
        ("userid", u.id.to_string()),
        ("username", u.user_name.clone()),
        ("firstName", u.first_name.clone()),
        ("lastName", u.last_name.clone()),
        (
            "fullname",
            format!("{} {}", u.first_name, u.last_name)
                .trim()
                .to_string(),
        ),
        ("email", u.email.clone()),
        ("expireOn", iso_utc(secs)),
        ("isAuthenticated", "True".into()),
    ]
}

fn authenticate(c: &Ctx, state: &mut State) -> Outcome {
    let uid = c.param("UID")?.to_string();
    let pwd = c.param("PWD")?.to_string();
    let failed = || {
        fail(
            "[900] Authentication failed",
            900,
            "Anmeldung fehlgeschlagen",
        )
    };
    // A deleted user is not found; an account without a password (CreateUser allows one)
    // cannot sign in with an empty one.
    let index = state.store.index_of(&uid).ok_or_else(failed)?;
    let account = &state.store.accounts[index];
    if account.user.password != pwd || account.user.password.is_empty() || !account.user.enabled {
        return Err(failed());
    }
    if account
        .user
        .user_name
        .eq_ignore_ascii_case(&state.store.builtin_sysadmin)
    {
        return Err(fail(
            "[902] Ticket generation not allowed",
            902,
            "Ticketerstellung für dieses Konto nicht erlaubt",
        ));
    }
    let id = account.user.id;
    let (ticket, expires) = state.issue(id);
    let now = std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    state.store.accounts[index].user.last_logon = iso_utc(now).trim_end_matches('Z').to_string();
    let mut a = vec![("ticket", ticket)];
    a.extend(session_attrs(state, index, expires));
    Ok((a, String::new()))
}

fn log_out(c: &Ctx, state: &mut State) -> Outcome {
    let ticket = c.p.or_empty("AuthenticationTicket").to_string();
    state.check(&ticket, false).map_err(|_| expired())?;
    state.expire_ticket(&ticket);
    Ok((Vec::new(), String::new()))
}

fn is_valid_ticket(c: &Ctx, state: &mut State) -> Outcome {
    let ticket = c.p.or_empty("AuthenticationTicket").to_string();
    // A passive check: the expiry does not move.
    let index = state.check(&ticket, false).map_err(|_| expired())?;
    let expires = state.expiry_of(&ticket).unwrap_or(UNIX_EPOCH);
    Ok((session_attrs(state, index, expires), String::new()))
}

fn get_current_user(c: &Ctx, state: &mut State, with_mobile: bool) -> Outcome {
    let me = c.caller(state, "authenticationTicket")?;
    Ok((
        Vec::new(),
        user_element(&state.store.accounts[me], with_mobile),
    ))
}

fn get_user(c: &Ctx, state: &mut State, with_mobile: bool) -> Outcome {
    let me = c.caller(state, "authenticationTicket")?;
    // Null or blank asks for the caller, on every server.
    let name = c.p.or_empty("UserName");
    let index = if name.trim().is_empty() {
        me
    } else {
        state.store.index_of(name).ok_or_else(|| not_found(c.op))?
    };
    Ok((
        Vec::new(),
        user_element(&state.store.accounts[index], with_mobile),
    ))
}

const FILTERS: [&str; 6] = [
    "firstNameFilter",
    "lastNameFilter",
    "userNameFilter",
    "emailFilter",
    "authenticationSourceFilter",
    "domainNameFilter",
];

fn get_all_users1(c: &Ctx, state: &mut State, with_mobile: bool) -> Outcome {
    // An older server checks the ticket first; a newer one binds every parameter before the
    // call runs, and declares the six filters as plain strings: each must be present.
    let checked = if c.modern {
        None
    } else {
        Some(c.caller(state, "authenticationTicket")?)
    };
    if c.modern {
        for name in FILTERS {
            c.param(name)?;
        }
    }
    let start = c.int("StartingRowNumber")?;
    let rows = c.int("NumbeOfRow")?;
    let status = c.int("StatusFilter")?;
    let sort_by = c.int("SortBy")?;
    let ascending = match c
        .param("SortAscending")?
        .trim()
        .to_ascii_lowercase()
        .as_str()
    {
        "true" | "1" => true,
        "false" | "0" => false,
        _ if c.modern => return Err(Stop::Empty("SortAscending")),
        other => {
            return Err(bad_request(
                format!("SystemError:SortAscending must be true or false, not '{other}'."),
                "",
            ));
        }
    };
    let me = match checked {
        Some(me) => me,
        None => c.caller(state, "authenticationTicket")?,
    };
    admin_only(state, me)?;
    if start < 0 || rows < 0 || !(-1..=1).contains(&status) || !(0..=8).contains(&sort_by) {
        return Err(bad_request(
            "SystemError:StartingRowNumber and NumbeOfRow must not be negative, StatusFilter is -1, 0 or 1, SortBy is 0 to 8.",
            "StartingRowNumber und NumbeOfRow dürfen nicht negativ sein, StatusFilter ist -1, 0 oder 1, SortBy 0 bis 8.",
        ));
    }
    let filters = FILTERS.map(|name| c.p.or_empty(name).trim().to_lowercase());
    let mut matches: Vec<&crate::store::Account> = state
        .store
        .accounts
        .iter()
        .filter(|a| {
            let u = &a.user;
            let fields = [
                &u.first_name,
                &u.last_name,
                &u.user_name,
                &u.email,
                &u.source,
                &u.domain,
            ];
            fields
                .iter()
                .zip(&filters)
                .all(|(f, want)| want.is_empty() || f.to_lowercase().contains(want.as_str()))
                && match status {
                    0 => !u.enabled,
                    1 => u.enabled,
                    _ => true,
                }
        })
        .collect();
    let key = |a: &crate::store::Account| -> Vec<String> {
        let u = &a.user;
        let l = |s: &str| s.to_lowercase();
        let mut k = match sort_by {
            1 => vec![l(&u.user_name)],
            3 => vec![l(&u.last_name), l(&u.first_name)],
            4 => vec![l(&u.email)],
            5 => vec![u.enabled.to_string()],
            6 => vec![l(&u.source)],
            7 => vec![l(&u.domain)],
            8 => vec![u.read_only.to_string()],
            _ => vec![l(&u.first_name), l(&u.last_name)],
        };
        // Ties break by user name, so paging is stable.
        k.push(l(&u.user_name));
        k
    };
    matches.sort_by_cached_key(|a| key(a));
    if !ascending {
        matches.reverse();
    }
    let total = matches.len();
    let page: String = matches
        .iter()
        .skip(start as usize)
        .take(rows as usize)
        .map(|a| user_element(a, with_mobile))
        .collect();
    Ok((
        vec![("totalusercount", total.to_string())],
        format!("<users>{page}</users>"),
    ))
}

/// The older listing: every user at once, by first and last name, no paging and no count.
fn get_all_users(c: &Ctx, state: &mut State, with_mobile: bool) -> Outcome {
    let me = c.caller(state, "authenticationTicket")?;
    admin_only(state, me)?;
    let mut all: Vec<&crate::store::Account> = state.store.accounts.iter().collect();
    all.sort_by_cached_key(|a| {
        let u = &a.user;
        [&u.first_name, &u.last_name, &u.user_name].map(|s| s.to_lowercase())
    });
    let users: String = all.iter().map(|a| user_element(a, with_mobile)).collect();
    Ok((Vec::new(), format!("<users>{users}</users>")))
}

fn update_contact_info(c: &Ctx, state: &mut State) -> Outcome {
    let user_name = c.required("userName")?.to_string();
    // An empty value clears the field, as documented; on a newer server an omitted one (null)
    // keeps it.
    let email = c
        .optional("emailAddress")?
        .map(|v| c.safe("emailAddress", v).map(str::to_string))
        .transpose()?;
    let mobile = c
        .optional("mobileNumber")?
        .map(|v| c.safe("mobileNumber", v).map(str::to_string))
        .transpose()?;
    let me = c.caller(state, "authenticationTicket")?;
    let target = self_or_admin(c, state, me, &user_name)?;
    let u = &mut state.store.accounts[target].user;
    if let Some(email) = email {
        u.email = email;
    }
    if let Some(mobile) = mobile {
        u.mobile = mobile;
    }
    Ok((Vec::new(), String::new()))
}

fn update_email(c: &Ctx, state: &mut State) -> Outcome {
    let user_name = c.required("UserName")?.to_string();
    let email = c
        .safe("NewEmailAddress", c.required("NewEmailAddress")?)?
        .to_string();
    let me = c.caller(state, "authenticationTicket")?;
    let target = self_or_admin(c, state, me, &user_name)?;
    state.store.accounts[target].user.email = email;
    Ok((Vec::new(), String::new()))
}

fn update_profile(c: &Ctx, state: &mut State) -> Outcome {
    let user_name = c.required("UserName")?.to_string();
    let new_name = c
        .safe("NewUserName", c.required("NewUserName")?)?
        .to_string();
    let first = c
        .safe("NewFirstName", c.required("NewFirstName")?)?
        .to_string();
    let last = c
        .safe("NewLastName", c.required("NewLastName")?)?
        .to_string();
    let source = c.required("AuthenticateSource")?.to_string();
    let me = c.caller(state, "authenticationTicket")?;
    admin_only(state, me)?;
    let target = state
        .store
        .index_of(&user_name)
        .ok_or_else(|| not_found(c.op))?;
    if new_name.trim().is_empty() {
        return Err(bad_request(
            "SystemError:NewUserName cannot be empty.",
            "NewUserName darf nicht leer sein.",
        ));
    }
    if new_name.trim() != new_name {
        return Err(bad_request(
            "SystemError:NewUserName cannot begin or end with spaces.",
            "NewUserName darf nicht mit Leerzeichen beginnen oder enden.",
        ));
    }
    if let Some(other) = state.store.index_of(&new_name)
        && other != target
    {
        return Err(fail(
            "Username already exists",
            4090,
            "Der Benutzername ist bereits vergeben",
        ));
    }
    let source = state.store.resolve_source(&source).ok_or_else(|| {
        bad_request(
            format!("SystemError:Unknown authentication source '{source}'."),
            format!("Unbekannte Authentifizierungsquelle '{source}'."),
        )
    })?;
    let u = &mut state.store.accounts[target].user;
    u.user_name = new_name;
    u.first_name = first;
    u.last_name = last;
    u.source = source;
    Ok((Vec::new(), String::new()))
}

fn update_preferences(c: &Ctx, state: &mut State, replace: bool) -> Outcome {
    let user_name = c.required("UserName")?.to_string();
    let xml = c.required("xmlPreferences")?.to_string();
    let me = c.caller(state, "authenticationTicket")?;
    let target = self_or_admin(c, state, me, &user_name)?;
    // Merging (the seed) starts from the stored block; replacing (the newest page) from the
    // defaults, so attributes not sent are reset.
    let start = if replace {
        Prefs::default()
    } else {
        state.store.accounts[target].prefs.clone()
    };
    let updated = apply_preferences(&start, &xml).map_err(|e| {
        // The page: "the message quotes the parser, in English".
        bad_request(
            format!("SystemError:Invalid xmlPreferences: {e}"),
            format!("xmlPreferences is not valid: {e}"),
        )
    })?;
    state.store.accounts[target].prefs = updated;
    Ok((Vec::new(), String::new()))
}

fn change_status(c: &Ctx, state: &mut State) -> Outcome {
    let user_name = c.required("UserName")?.to_string();
    let code = if c.modern {
        c.int("StatusCode")?.to_string()
    } else {
        c.param("StatusCode")?.trim().to_string()
    };
    let me = c.caller(state, "authenticationTicket")?;
    admin_only(state, me)?;
    let target = state
        .store
        .index_of(&user_name)
        .ok_or_else(|| not_found(c.op))?;
    let enabled = match code.as_str() {
        "0" => false,
        "1" => true,
        other => {
            return Err(bad_request(
                format!(
                    "SystemError:Invalid StatusCode '{other}': use 0 to disable or 1 to enable."
                ),
                format!("Ungültiger StatusCode '{other}': 0 deaktiviert, 1 aktiviert."),
            ));
        }
    };
    // Open sessions of a disabled user are not cut: infoRouter checks the status at sign-in.
    state.store.accounts[target].user.enabled = enabled;
    Ok((Vec::new(), String::new()))
}

fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Today as `2026-03-20`, the form of the fixture's `LastPasswordChangeDate`.
fn today() -> String {
    iso_utc(now_secs())[..10].to_string()
}

/// A password the policy refuses: 4000 on a newer server, the text naming the rule.
fn policy_breach(b: Breach) -> Stop {
    bad_request(b.classic, b.modern)
}

fn create_user(c: &Ctx, state: &mut State) -> Outcome {
    // Required (a newer server answers HTTP 400 for an empty one): UserName, FirstName,
    // LastName, AuthenticationSource and the bool ReadOnlyUser. DomainName, EmailAddress and
    // Password may be empty.
    let user_name = c.safe("UserName", c.required("UserName")?)?.to_string();
    let first = c.safe("FirstName", c.required("FirstName")?)?.to_string();
    let last = c.safe("LastName", c.required("LastName")?)?.to_string();
    let source = c.required("AuthenticationSource")?.to_string();
    let read_only = c.boolean("ReadOnlyUser")?;
    let domain = c.optional_text("DomainName")?;
    let email = c.optional_text("EmailAddress")?;
    let password = c.optional("Password")?.unwrap_or_default().to_string();
    let me = c.caller(state, "authenticationTicket")?;
    admin_only(state, me)?;
    if user_name.trim().is_empty() {
        return Err(bad_request(
            "SystemError:UserName cannot be empty.",
            "UserName darf nicht leer sein.",
        ));
    }
    if user_name.trim() != user_name {
        return Err(bad_request(
            "SystemError:UserName cannot begin or end with spaces.",
            "UserName darf nicht mit Leerzeichen beginnen oder enden.",
        ));
    }
    // A taken name is a bad request here (4000), not 4090 as on UpdateUserProfile.
    if state.store.index_of(&user_name).is_some() {
        return Err(bad_request(
            "Username already exists",
            "Der Benutzername ist bereits vergeben",
        ));
    }
    let known = state.store.known_sources();
    let source = state.store.resolve_source(&source).ok_or_else(|| {
        bad_request(
            format!(
                "SystemError:Unknown authentication source '{source}'. Known authentication sources: {known}."
            ),
            format!("Unbekannte Authentifizierungsquelle '{source}'. Bekannte Quellen: {known}."),
        )
    })?;
    // The policy governs native passwords; an external authority keeps its own.
    if source == "native" && !password.is_empty() {
        state
            .policy
            .check(&password, &user_name, &email)
            .map_err(policy_breach)?;
    }
    let id = state.store.next_id;
    state.store.next_id += 1;
    state.world.directory.join_home(id, &domain);
    let last_password_change = if password.is_empty() {
        String::new()
    } else {
        today()
    };
    state.store.accounts.push(Account {
        user: UserRec {
            id,
            user_name,
            password,
            first_name: first,
            last_name: last,
            email,
            mobile: String::new(),
            enabled: true,
            domain,
            last_logon: String::new(),
            last_password_change,
            source,
            read_only,
            admin: false,
            user_manager: false,
        },
        prefs: Prefs::default(),
    });
    // The page's order: success, id, error.
    Ok((
        vec![("id", id.to_string()), ("error", String::new())],
        String::new(),
    ))
}

/// DeleteUser with `PasswordRePromptActions/UserDelete` on (Windows Authentication is off here).
fn reprompt_required() -> Stop {
    fail(
        "[2767] Password re-prompt is required to delete a user: use DeleteUser1",
        2767,
        "Zum Löschen eines Benutzers muss das Kennwort erneut eingegeben werden: DeleteUser1 verwenden",
    )
}

fn delete_user(c: &Ctx, state: &mut State, reprompt: bool) -> Outcome {
    let reference = c.required("UserName")?.to_string();
    let me = c.caller(state, "authenticationTicket")?;
    admin_only(state, me)?;
    if reprompt {
        return Err(reprompt_required());
    }
    // A user name or `ID:<userid>`.
    let target = state
        .store
        .by_name_or_id(&reference)
        .ok_or_else(|| not_found(c.op))?;
    remove_account(state, me, target)
}

fn delete_user1(c: &Ctx, state: &mut State, reprompt: bool) -> Outcome {
    // A newer server refuses an empty UserPassword even where it is never read.
    let password = c.required("UserPassword")?.to_string();
    let user_name = c.required("UserName")?.to_string();
    let me = c.caller(state, "authenticationTicket")?;
    admin_only(state, me)?;
    // The caller's own password, checked only under the re-prompt policy: with it off a wrong
    // one deletes just the same.
    if reprompt && state.store.accounts[me].user.password != password {
        return Err(fail(
            "[900] Authentication failed",
            4030,
            "Das Kennwort ist falsch",
        ));
    }
    let target = state
        .store
        .index_of(&user_name)
        .ok_or_else(|| not_found(c.op))?;
    remove_account(state, me, target)
}

/// Deletes `target` for `me`: never one's own account nor the built-in system administrator
/// (the pages do not say; refused plainly).
fn remove_account(state: &mut State, me: usize, target: usize) -> Outcome {
    if target == me {
        return Err(fail(
            "You cannot delete your own user account",
            4030,
            "Sie können Ihr eigenes Benutzerkonto nicht löschen",
        ));
    }
    if state.store.accounts[target]
        .user
        .user_name
        .eq_ignore_ascii_case(&state.store.builtin_sysadmin)
    {
        return Err(fail(
            "The built-in system administrator cannot be deleted",
            4030,
            "Der integrierte Systemadministrator kann nicht gelöscht werden",
        ));
    }
    state.delete_account(target);
    Ok((Vec::new(), String::new()))
}

fn change_password(c: &Ctx, state: &mut State) -> Outcome {
    let user_name = c.required("UserName")?.to_string();
    let new_password = c.required("NewPassword")?.to_string();
    let me = c.caller(state, "AuthenticationTicket")?;
    let target = state
        .store
        .index_of(&user_name)
        .ok_or_else(|| not_found(c.op))?;
    // One's own password, or anyone's with the User Manager role.
    if target != me && !state.store.accounts[me].user.user_manager {
        return Err(fail("Insufficient rights", 4030, "Unzureichende Rechte"));
    }
    let u = &state.store.accounts[target].user;
    if u.password == new_password {
        return Err(bad_request(
            "New password cannot be the same as old password",
            "Das neue Kennwort darf nicht dem alten Kennwort entsprechen",
        ));
    }
    state
        .policy
        .check(&new_password, &u.user_name, &u.email)
        .map_err(policy_breach)?;
    // Applies at the next sign-in; open tickets keep working.
    let u = &mut state.store.accounts[target].user;
    u.password = new_password;
    u.last_password_change = today();
    Ok((Vec::new(), String::new()))
}

fn get_policy(c: &Ctx, state: &mut State, user_delete: bool) -> Outcome {
    c.caller(state, "authenticationTicket")?;
    Ok((Vec::new(), state.policy.to_xml(user_delete)))
}

/// "Yes" is success; "no" is a failure (4000, `User not found`).
fn user_exists(c: &Ctx, state: &mut State) -> Outcome {
    let user_name = c.required("UserName")?.to_string();
    c.caller(state, "authenticationTicket")?;
    state
        .store
        .index_of(&user_name)
        .ok_or_else(|| not_found(c.op))?;
    Ok((Vec::new(), String::new()))
}
