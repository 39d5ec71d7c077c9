//! ChangeUserType and SendWelcomeEmailForUser: system administrators only.

use super::lookup::{Extra, done, is_admin};
use super::{Ctx, Outcome, admin_only, bad_request, fail};
use crate::dates;
use crate::state::State;
use crate::world::Mail;

pub(super) const OPS: &[Extra] = &[
    Extra::response("ChangeUserType", change_user_type),
    Extra::root("SendWelcomeEmailForUser", send_welcome_email),
];

/// `userType` 1 author, 2 read-only: the flag GetUser's `ReadOnlyUser` shows.
fn change_user_type(c: &Ctx, state: &mut State) -> Outcome {
    let user_name = c.required("userName")?.to_string();
    let user_type = c.int("userType")?;
    let me = c.caller(state, "authenticationTicket")?;
    admin_only(state, me)?;
    let target = c.user(state, &user_name)?;
    let read_only = match user_type {
        1 => false,
        2 => true,
        other => {
            return Err(bad_request(
                format!(
                    "SystemError:Invalid userType '{other}': use 1 for author or 2 for read-only."
                ),
                format!("Ungültiger userType '{other}': 1 Autor, 2 nur lesend."),
            ));
        }
    };
    // Ownerships and memberships stay as they are (the page's Notes).
    state.store.accounts[target].user.read_only = read_only;
    done()
}

/// Records the mail instead of sending it: native accounts get `WELCOMETOIR` with a 48-hour
/// reset link, others `WELCOMETOIREXTERNAL` naming their authority.
fn send_welcome_email(c: &Ctx, state: &mut State) -> Outcome {
    let user_name = c.required("userName")?.to_string();
    let me = c.caller(state, "authenticationTicket")?;
    if !is_admin(state, me) {
        return Err(fail(
            "Only the system administrator can perform this operation",
            4030,
            "Nur der Systemadministrator kann diesen Vorgang ausführen",
        ));
    }
    let target = state
        .store
        .index_of(&user_name)
        .ok_or_else(|| fail("User does not exist", 4041, "Benutzer existiert nicht"))?;
    let account = &state.store.accounts[target];
    let u = &account.user;
    if u.email.trim().is_empty() {
        return Err(bad_request(
            "User has no e-mail address on file",
            "Für den Benutzer ist keine E-Mail-Adresse hinterlegt",
        ));
    }
    let now = dates::now();
    let native = u.source == "native";
    let mail = Mail {
        to: u.email.clone(),
        user_name: u.user_name.clone(),
        template: if native {
            "WELCOMETOIR"
        } else {
            "WELCOMETOIREXTERNAL"
        }
        .into(),
        language: account.prefs.language.clone(),
        reset_link: native.then(|| {
            format!(
                "http://127.0.0.1/infoRouter/resetpassword?secret={}",
                uuid::Uuid::new_v4()
            )
        }),
        reset_link_expires: native.then(|| dates::date_time(now + 2 * dates::DAY)),
        authority: (!native).then(|| u.source.clone()),
        sent_at: dates::date_time(now),
    };
    state.world.mails.push(mail);
    done()
}
