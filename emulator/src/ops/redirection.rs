//! Task redirection: where a user's new tasks go (one record per user, replaced by a new one),
//! and who sends theirs to a user. Records come back whatever their window; Set and Reroute
//! check the pages' rules against the current time.

use super::lookup::{Extra, answer, collection, done, user_id};
use super::{Ctx, Outcome, Stop, bad_request, fail};
use crate::dates;
use crate::state::State;
use crate::world::Redirection;
use crate::xml_out::escape;

pub(super) const OPS: &[Extra] = &[
    Extra::root("GetUserTaskRedirectionTo", get_redirection_to),
    Extra::root("GetUserTaskRedirectionsFrom", get_redirections_from),
    Extra::root("SetUserTaskRedirection", set_redirection),
    Extra::root("RemoveUserTaskRedirection", remove_redirection),
    Extra::root("RerouteUserTaskRedirection", reroute_redirection),
];

/// `<TaskRedirection>` of child elements describing `user` (the target in …To, the source in
/// …From); an open end is an empty date.
fn element(state: &State, user: u32, r: &Redirection) -> String {
    let Some(a) = state
        .store
        .by_id(user)
        .map(|i| &state.store.accounts[i].user)
    else {
        return String::new();
    };
    let date = |d: Option<i64>| d.map(dates::day).unwrap_or_default();
    let full_name = format!("{} {}", a.first_name, a.last_name);
    let fields = [
        ("UserId", a.id.to_string()),
        ("UserName", a.user_name.clone()),
        ("FullName", full_name.trim().to_string()),
        ("Email", a.email.clone()),
        ("StartDate", date(r.start)),
        ("EndDate", date(r.end)),
    ];
    let inner: String = fields
        .iter()
        .map(|(k, v)| format!("<{k}>{}</{k}>", escape(v)))
        .collect();
    format!("<TaskRedirection>{inner}</TaskRedirection>")
}

/// The user `userName` names, for any signed-in caller.
fn named_user(c: &Ctx, state: &mut State) -> Result<u32, Stop> {
    let user_name = c.required("userName")?.to_string();
    c.caller(state, "authenticationTicket")?;
    Ok(user_id(state, c.user(state, &user_name)?))
}

fn get_redirection_to(c: &Ctx, state: &mut State) -> Outcome {
    let user = named_user(c, state)?;
    let found = state.world.redirections.iter().find(|r| r.from == user);
    answer(found.map(|r| element(state, r.to, r)).unwrap_or_default())
}

fn get_redirections_from(c: &Ctx, state: &mut State) -> Outcome {
    let user = named_user(c, state)?;
    let mut inbound: Vec<&Redirection> = state
        .world
        .redirections
        .iter()
        .filter(|r| r.to == user)
        .collect();
    inbound.sort_by_key(|r| r.start);
    let items = inbound.iter().map(|r| element(state, r.from, r)).collect();
    answer(collection("TaskRedirections", items))
}

/// The user whose redirection a change names (`userName`) and the optional new target
/// (`redirectTasksToUser`), once the caller may change it: the user themselves, a User
/// Manager, a library manager (of any library: the pages do not say which) or a system
/// administrator.
fn change_target(
    c: &Ctx,
    state: &mut State,
    target: Option<&str>,
) -> Result<(u32, Option<u32>), Stop> {
    let user_name = c.required("userName")?.to_string();
    let me = c.caller(state, "authenticationTicket")?;
    let from = c.user(state, &user_name)?;
    let to = target.map(|name| c.user(state, name)).transpose()?;
    let caller = &state.store.accounts[me].user;
    let allowed = me == from
        || caller.user_manager
        || caller.admin
        || state.world.directory.manages_any(caller.id);
    if !allowed {
        return Err(fail("Access Denied", 4030, "Zugriff verweigert"));
    }
    Ok((user_id(state, from), to.map(|i| user_id(state, i))))
}

fn rule(classic: &str, modern: &str) -> Stop {
    bad_request(classic, modern)
}

/// Checks a window for tasks of `from` going to `to`, as of now, and gives it back with a past
/// start moved to now. `None` is an open end (only records Set did not make have one).
fn checked_window(
    state: &State,
    from: u32,
    to: u32,
    start: Option<i64>,
    end: Option<i64>,
) -> Result<(Option<i64>, Option<i64>), Stop> {
    let now = dates::now();
    if end.is_some_and(|e| e <= now) {
        return Err(rule(
            "Task redirection end date cannot be in the past.",
            "Das Enddatum der Aufgabenumleitung darf nicht in der Vergangenheit liegen.",
        ));
    }
    let start = start.map(|s| s.max(now));
    if let (Some(s), Some(e)) = (start, end)
        && e <= s
    {
        return Err(rule(
            "Task redirection end date must be after the start date.",
            "Das Enddatum der Aufgabenumleitung muss nach dem Startdatum liegen.",
        ));
    }
    if from == to {
        return Err(rule(
            "Tasks cannot be redirected to the same user.",
            "Aufgaben können nicht an denselben Benutzer umgeleitet werden.",
        ));
    }
    let target_enabled = state
        .store
        .by_id(to)
        .is_some_and(|i| state.store.accounts[i].user.enabled);
    if !target_enabled {
        return Err(rule(
            "Tasks cannot be redirected to a disabled user.",
            "Aufgaben können nicht an einen deaktivierten Benutzer umgeleitet werden.",
        ));
    }
    let (s, e) = (start.unwrap_or(i64::MIN), end.unwrap_or(i64::MAX));
    // (whether the record is one to `from` rather than one of `to`'s own, the refusal)
    let clashes = [
        (
            true,
            "The task redirection period overlaps a redirection of tasks to this user.",
            "Der Zeitraum überschneidet sich mit einer Umleitung von Aufgaben an diesen Benutzer.",
        ),
        (
            false,
            "The user to redirect tasks to redirects their own tasks during this period.",
            "Der Zielbenutzer leitet in diesem Zeitraum seine eigenen Aufgaben um.",
        ),
    ];
    for (to_from, classic, modern) in clashes {
        if state
            .world
            .redirections
            .iter()
            .any(|r| (if to_from { r.to == from } else { r.from == to }) && r.overlaps(s, e))
        {
            return Err(rule(classic, modern));
        }
    }
    Ok((start, end))
}

/// Both dates are required (no open end); the new record replaces the user's old one.
fn set_redirection(c: &Ctx, state: &mut State) -> Outcome {
    let target = c.required("redirectTasksToUser")?.to_string();
    let start = c.date("startOn")?;
    let end = c.date("endOn")?;
    let (from, to) = change_target(c, state, Some(&target))?;
    let to = to.unwrap_or(from);
    // The user's own old record never meets the rules (they look at records to the user and
    // from the target), so it is replaced only once the new one passes.
    let (start, end) = checked_window(state, from, to, Some(start), Some(end))?;
    state.world.redirections.retain(|r| r.from != from);
    state.world.redirections.push(Redirection {
        from,
        to,
        start,
        end,
    });
    done()
}

/// Succeeds when there is none to remove.
fn remove_redirection(c: &Ctx, state: &mut State) -> Outcome {
    let (from, _) = change_target(c, state, None)?;
    state.world.redirections.retain(|r| r.from != from);
    done()
}

/// A new target for the existing record; its dates stay (a past start becomes now).
fn reroute_redirection(c: &Ctx, state: &mut State) -> Outcome {
    let target = c.required("redirectTasksToUser")?.to_string();
    let (from, to) = change_target(c, state, Some(&target))?;
    let to = to.unwrap_or(from);
    let Some(i) = state.world.redirections.iter().position(|r| r.from == from) else {
        return Err(rule(
            "The user has no task redirection. Use SetUserTaskRedirection to create one.",
            "Für den Benutzer ist keine Aufgabenumleitung eingerichtet.",
        ));
    };
    let r = &state.world.redirections[i];
    let (start, end) = checked_window(state, from, to, r.start, r.end)?;
    let r = &mut state.world.redirections[i];
    r.to = to;
    r.start = start;
    r.end = end;
    done()
}
