//! What this tab has found out about the server it talks to: which protocol it speaks (GET and
//! POST can be switched off in web.config, SOAP cannot), and which calls it lacks (an older
//! server). Both are found by calls that fail, decided once, and kept for the tab in
//! sessionStorage so that a reload or the other entry does not find out again. Only what
//! differs from a current server with GET and POST on is stored (SOAP, a non-empty list), and
//! signing out forgets it with the ticket. The browser runs one thread, so the knowledge is a
//! thread-local, shared by every call whatever view sends it.

use std::cell::RefCell;

use inforouter_protocol::Method;

use crate::config::Config;
use crate::session::storage;

const SOAP_KEY: &str = "inforouter.soap";
const LACKS_KEY: &str = "inforouter.lacks";

#[derive(Default)]
struct Known {
    loaded: bool,
    /// Set by the first srv.asmx answer: from then on, "Request format is unrecognized" means
    /// an operation the server lacks, not a protocol it refuses.
    settled: Option<Method>,
    lacks: Vec<String>,
}

thread_local! {
    static KNOWN: RefCell<Known> = RefCell::new(Known::default());
}

fn with_known<T>(f: impl FnOnce(&mut Known) -> T) -> T {
    KNOWN.with(|k| {
        let mut known = k.borrow_mut();
        if !known.loaded {
            known.loaded = true;
            let stored = |key| storage().and_then(|s| s.get_item(key).ok().flatten());
            if stored(SOAP_KEY).is_some() {
                known.settled = Some(Method::Soap);
            }
            known.lacks = stored(LACKS_KEY)
                .map(|l| l.split_whitespace().map(str::to_string).collect())
                .unwrap_or_default();
        }
        f(&mut known)
    })
}

fn store(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// Signing out forgets what was found, with the ticket: the next call finds out again.
pub fn forget() {
    with_known(|k| {
        k.settled = None;
        k.lacks.clear();
    });
    if let Some(s) = storage() {
        let _ = s.remove_item(SOAP_KEY);
        let _ = s.remove_item(LACKS_KEY);
    }
}

/// The protocol the next call goes by: the configured one, or in `auto` what this tab found.
pub fn method(config: &Config) -> Method {
    if !config.auto_method {
        return config.method;
    }
    with_known(|k| k.settled).unwrap_or(config.method)
}

/// Whether a "Request format is unrecognized" may still mean "GET and POST are off": only in
/// `auto`, and only before any call has had a srv.asmx answer.
pub fn may_switch_to_soap(config: &Config) -> bool {
    config.auto_method && with_known(|k| k.settled.is_none())
}

/// A srv.asmx answer came by `method`: this tab speaks it from now on.
pub fn settle(method: Method) {
    let first = with_known(|k| k.settled.replace(method).is_none());
    if first && method == Method::Soap {
        store(SOAP_KEY, "1");
    }
}

/// Whether the protocol is known to be settled (then an "unrecognized" is a missing call).
pub fn is_settled() -> bool {
    with_known(|k| k.settled.is_some())
}

/// `operation` is not on this server.
pub fn record_lacking(operation: &str) {
    let list = with_known(|k| {
        if k.lacks.iter().any(|l| l == operation) {
            return None;
        }
        k.lacks.push(operation.to_string());
        Some(k.lacks.join(" "))
    });
    if let Some(list) = list {
        store(LACKS_KEY, &list);
    }
}

/// Whether this server is known to lack `operation` (found earlier in this tab).
pub fn lacks(operation: &str) -> bool {
    with_known(|k| k.lacks.iter().any(|l| l == operation))
}

/// The calls this server is known to lack, in the order found.
pub fn lacking() -> Vec<String> {
    with_known(|k| k.lacks.clone())
}

/// What lacking `operation` means for the person using the console, for the connection line.
pub fn consequence(operation: &str) -> String {
    let means = match operation {
        "GetAllUsers1" => "list users by page: the browser filters, sorts and pages them",
        "GetAuthenticationAndPasswordPolicy" => {
            "tell its password rules: the server's refusal shows at the field"
        }
        "DeleteUser1" => "take a password again to delete: such deletes are impossible here",
        "UpdateUserContactInfo" => "change mobile numbers: only the email is changed",
        _ => "answer it",
    };
    format!("{means} ({operation})")
}
