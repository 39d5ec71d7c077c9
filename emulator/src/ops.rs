//! The srv.asmx operations, as the vendor's pages describe them. Each runs whole under the
//! state lock and returns the answer element.

use std::time::UNIX_EPOCH;

use crate::params::{Missing, Params};
use crate::prefs_xml::apply_preferences;
use crate::state::State;
use crate::xml_out::{attrs, iso_utc, user_element, xml_safe};

pub const OPERATIONS: [&str; 11] = [
    "AuthenticateUser",
    "LogOut",
    "isValidTicket",
    "GetCurrentUser",
    "GetUser",
    "GetAllUsers1",
    "UpdateUserContactInfo",
    "UpdateUserEmail",
    "UpdateUserProfile",
    "UpdateUserPreferences",
    "ChangeUserStatus",
];

/// The canonical spelling of an operation, matched ignoring case as ASP.NET does.
pub fn canonical(name: &str) -> Option<&'static str> {
    OPERATIONS
        .iter()
        .copied()
        .find(|op| op.eq_ignore_ascii_case(name))
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
    match op {
        "AuthenticateUser" | "LogOut" | "isValidTicket" | "GetCurrentUser" => "root",
        _ => "response",
    }
}

const NOT_FOUND: &str = "User not found";
const DENIED: &str = "Access denied";
const EXPIRED: &str = "[901] Session expired or Invalid ticket";

impl From<Missing> for String {
    fn from(m: Missing) -> String {
        format!("[903]Required parameter.'{}'", m.0)
    }
}

type Outcome = Result<(Vec<(&'static str, String)>, String), String>;

/// Runs `op` (canonical name). `with_mobile` false emulates servers that never send MobileNumber.
pub fn run(op: &'static str, p: &Params, state: &mut State, with_mobile: bool) -> Answer {
    let outcome = match op {
        "AuthenticateUser" => authenticate(p, state),
        "LogOut" => log_out(p, state),
        "isValidTicket" => is_valid_ticket(p, state),
        "GetCurrentUser" => get_current_user(p, state, with_mobile),
        "GetUser" => get_user(p, state, with_mobile),
        "GetAllUsers1" => get_all_users1(p, state, with_mobile),
        "UpdateUserContactInfo" => update_contact_info(p, state),
        "UpdateUserEmail" => update_email(p, state),
        "UpdateUserProfile" => update_profile(p, state),
        "UpdateUserPreferences" => update_preferences(p, state),
        "ChangeUserStatus" => change_status(p, state),
        _ => Err(format!("SystemError:Unknown method {op}")),
    };
    let root = root_of(op);
    match outcome {
        Ok((mut attrs, inner)) => {
            if root == "response" {
                attrs.insert(0, ("error", String::new()));
            }
            Answer {
                root,
                success: true,
                attrs,
                inner,
            }
        }
        Err(error) => Answer {
            root,
            success: false,
            attrs: vec![("error", error)],
            inner: String::new(),
        },
    }
}

/// The caller's account index for a ticketed call (sliding the expiry).
fn caller(p: &Params, state: &mut State, name: &'static str) -> Result<usize, String> {
    let ticket = p.required(name)?;
    state.check(ticket, true).map_err(|_| EXPIRED.to_string())
}

/// The target account of an update, allowed for the user themselves or an administrator.
fn self_or_admin(state: &State, caller: usize, target_name: &str) -> Result<usize, String> {
    let target = state.store.index_of(target_name).ok_or(NOT_FOUND)?;
    if target != caller && !state.store.accounts[caller].user.admin {
        return Err(DENIED.into());
    }
    Ok(target)
}

fn admin_only(state: &State, caller: usize) -> Result<(), String> {
    if state.store.accounts[caller].user.admin {
        Ok(())
    } else {
        Err(DENIED.into())
    }
}

fn safe<'a>(name: &str, value: &'a str) -> Result<&'a str, String> {
    if xml_safe(value) {
        Ok(value)
    } else {
        Err(format!(
            "SystemError:{name} contains characters that XML cannot carry."
        ))
    }
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

fn authenticate(p: &Params, state: &mut State) -> Outcome {
    let uid = p.required("UID")?.to_string();
    let pwd = p.required("PWD")?.to_string();
    let failed = || "[900] Authentication failed".to_string();
    let index = state.store.index_of(&uid).ok_or_else(failed)?;
    let account = &state.store.accounts[index];
    if account.user.password != pwd || !account.user.enabled {
        return Err(failed());
    }
    if account
        .user
        .user_name
        .eq_ignore_ascii_case(&state.store.builtin_sysadmin)
    {
        return Err("[902] Ticket generation not allowed".into());
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

fn log_out(p: &Params, state: &mut State) -> Outcome {
    let ticket = p.get("AuthenticationTicket").unwrap_or("").to_string();
    state
        .check(&ticket, false)
        .map_err(|_| EXPIRED.to_string())?;
    state.expire_ticket(&ticket);
    Ok((Vec::new(), String::new()))
}

fn is_valid_ticket(p: &Params, state: &mut State) -> Outcome {
    let ticket = p.get("AuthenticationTicket").unwrap_or("").to_string();
    // A passive check: the expiry does not move.
    let index = state
        .check(&ticket, false)
        .map_err(|_| EXPIRED.to_string())?;
    let expires = state.expiry_of(&ticket).unwrap_or(UNIX_EPOCH);
    Ok((session_attrs(state, index, expires), String::new()))
}

fn get_current_user(p: &Params, state: &mut State, with_mobile: bool) -> Outcome {
    let me = caller(p, state, "authenticationTicket")?;
    Ok((
        Vec::new(),
        user_element(&state.store.accounts[me], with_mobile),
    ))
}

fn get_user(p: &Params, state: &mut State, with_mobile: bool) -> Outcome {
    let me = caller(p, state, "authenticationTicket")?;
    let name = p.or_empty("UserName");
    let index = if name.trim().is_empty() {
        me
    } else {
        state.store.index_of(name).ok_or(NOT_FOUND)?
    };
    Ok((
        Vec::new(),
        user_element(&state.store.accounts[index], with_mobile),
    ))
}

fn int_param(p: &Params, name: &'static str) -> Result<i64, String> {
    let raw = p.required(name)?;
    raw.trim().parse().map_err(|_| {
        format!("SystemError:Input string '{raw}' for {name} was not in a correct format.")
    })
}

fn get_all_users1(p: &Params, state: &mut State, with_mobile: bool) -> Outcome {
    let me = caller(p, state, "authenticationTicket")?;
    let start = int_param(p, "StartingRowNumber")?;
    let rows = int_param(p, "NumbeOfRow")?;
    let status = int_param(p, "StatusFilter")?;
    let sort_by = int_param(p, "SortBy")?;
    let ascending = match p
        .required("SortAscending")?
        .trim()
        .to_ascii_lowercase()
        .as_str()
    {
        "true" | "1" => true,
        "false" | "0" => false,
        other => {
            return Err(format!(
                "SystemError:SortAscending must be true or false, not '{other}'."
            ));
        }
    };
    admin_only(state, me)?;
    if start < 0 || rows < 0 || !(-1..=1).contains(&status) || !(0..=8).contains(&sort_by) {
        return Err("SystemError:StartingRowNumber and NumbeOfRow must not be negative, StatusFilter is -1, 0 or 1, SortBy is 0 to 8.".into());
    }
    let filter = |name: &str| p.or_empty(name).trim().to_lowercase();
    let filters = [
        filter("firstNameFilter"),
        filter("lastNameFilter"),
        filter("userNameFilter"),
        filter("emailFilter"),
        filter("authenticationSourceFilter"),
        filter("domainNameFilter"),
    ];
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

fn update_contact_info(p: &Params, state: &mut State) -> Outcome {
    let user_name = p.required("userName")?.to_string();
    let email = safe("emailAddress", p.required("emailAddress")?)?.to_string();
    let mobile = safe("mobileNumber", p.required("mobileNumber")?)?.to_string();
    let me = caller(p, state, "authenticationTicket")?;
    let target = self_or_admin(state, me, &user_name)?;
    let u = &mut state.store.accounts[target].user;
    // An empty string clears the field, as documented.
    u.email = email;
    u.mobile = mobile;
    Ok((Vec::new(), String::new()))
}

fn update_email(p: &Params, state: &mut State) -> Outcome {
    let user_name = p.required("UserName")?.to_string();
    let email = safe("NewEmailAddress", p.required("NewEmailAddress")?)?.to_string();
    let me = caller(p, state, "authenticationTicket")?;
    let target = self_or_admin(state, me, &user_name)?;
    state.store.accounts[target].user.email = email;
    Ok((Vec::new(), String::new()))
}

fn update_profile(p: &Params, state: &mut State) -> Outcome {
    let user_name = p.required("UserName")?.to_string();
    let new_name = safe("NewUserName", p.required("NewUserName")?)?.to_string();
    let first = safe("NewFirstName", p.required("NewFirstName")?)?.to_string();
    let last = safe("NewLastName", p.required("NewLastName")?)?.to_string();
    let source = p.required("AuthenticateSource")?.to_string();
    let me = caller(p, state, "authenticationTicket")?;
    admin_only(state, me)?;
    let target = state.store.index_of(&user_name).ok_or(NOT_FOUND)?;
    if new_name.trim().is_empty() {
        return Err("SystemError:NewUserName cannot be empty.".into());
    }
    if new_name.trim() != new_name {
        return Err("SystemError:NewUserName cannot begin or end with spaces.".into());
    }
    if let Some(other) = state.store.index_of(&new_name)
        && other != target
    {
        return Err("Username already exists".into());
    }
    let source = state
        .store
        .resolve_source(&source)
        .ok_or_else(|| format!("SystemError:Unknown authentication source '{source}'."))?;
    let u = &mut state.store.accounts[target].user;
    u.user_name = new_name;
    u.first_name = first;
    u.last_name = last;
    u.source = source;
    Ok((Vec::new(), String::new()))
}

fn update_preferences(p: &Params, state: &mut State) -> Outcome {
    let user_name = p.required("UserName")?.to_string();
    let xml = p.required("xmlPreferences")?.to_string();
    let me = caller(p, state, "authenticationTicket")?;
    let target = self_or_admin(state, me, &user_name)?;
    let updated = apply_preferences(&state.store.accounts[target].prefs, &xml)
        .map_err(|e| format!("SystemError:Invalid xmlPreferences: {e}"))?;
    state.store.accounts[target].prefs = updated;
    Ok((Vec::new(), String::new()))
}

fn change_status(p: &Params, state: &mut State) -> Outcome {
    let user_name = p.required("UserName")?.to_string();
    let code = p.required("StatusCode")?.trim().to_string();
    let me = caller(p, state, "authenticationTicket")?;
    admin_only(state, me)?;
    let target = state.store.index_of(&user_name).ok_or(NOT_FOUND)?;
    let enabled = match code.as_str() {
        "0" => false,
        "1" => true,
        other => {
            return Err(format!(
                "SystemError:Invalid StatusCode '{other}': use 0 to disable or 1 to enable."
            ));
        }
    };
    // Open sessions of a disabled user are not cut: infoRouter checks the status at sign-in.
    state.store.accounts[target].user.enabled = enabled;
    Ok((Vec::new(), String::new()))
}
