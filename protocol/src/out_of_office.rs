//! Out of office: what the task-redirection form checks and sends, kept apart from the browser.
//! The form shows a colleague and two days (`<input type="date">`, the person's local days):
//! - nothing set yet, or other days: SetUserTaskRedirection from the first day's midnight to
//!   the last day's final second (the last day is included; the server needs both ends);
//! - the same days, another colleague: RerouteUserTaskRedirection, which keeps the window
//!   (also an open-ended one, which Set cannot make);
//! - refused before sending, at the field: no colleague, the user themselves, a missing or
//!   unreadable day, a last day before the first or before today.

use crate::date_time::{AnswerDate, DateTime};
use crate::redirection::TaskRedirection;
use crate::user_query::{StatusFilter, UserQuery};

/// The form as the person left it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutOfOfficeEdit {
    /// Whose tasks these are.
    pub user_name: String,
    pub colleague: String,
    /// `yyyy-MM-dd` or empty, as the date inputs give them.
    pub first_day: String,
    pub last_day: String,
    /// The person's local date (any time of it).
    pub today: DateTime,
}

/// What a save sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutOfOfficePlan {
    Set {
        redirect_to: String,
        start: DateTime,
        end: DateTime,
    },
    Reroute {
        redirect_to: String,
    },
    /// Nothing differs from what is set.
    Nothing,
}

/// The fields' problems, `None` where a field is fine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutOfOfficeProblems {
    pub colleague: Option<String>,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
}

/// A day as the form holds it: `""` for an open end, and for a date the console cannot read
/// (left empty, the days are kept as the server has them).
fn day_of(date: &AnswerDate) -> String {
    date.date().map(|d| d.day_text()).unwrap_or_default()
}

/// A typed day, or what is wrong with it.
fn read_day(text: &str, empty: &str) -> Result<DateTime, String> {
    if text.trim().is_empty() {
        return Err(empty.to_string());
    }
    text.trim()
        .parse::<DateTime>()
        .map(|d| d.start_of_day())
        .map_err(|_| "Enter a date like 2025-06-30.".to_string())
}

impl OutOfOfficeEdit {
    /// The fields filled from what is set now (empty when nothing is).
    pub fn fill(current: Option<&TaskRedirection>) -> (String, String, String) {
        match current {
            Some(r) => (r.user_name.clone(), day_of(&r.start), day_of(&r.end)),
            None => Default::default(),
        }
    }

    fn colleague_changed(&self, current: Option<&TaskRedirection>) -> bool {
        current.is_none_or(|r| !r.user_name.eq_ignore_ascii_case(self.colleague.trim()))
    }

    fn days_changed(&self, current: Option<&TaskRedirection>) -> bool {
        current.is_none_or(|r| {
            self.first_day.trim() != day_of(&r.start) || self.last_day.trim() != day_of(&r.end)
        })
    }

    /// Whether anything differs from what is set; with nothing set, whether anything is typed
    /// (an empty form has nothing to lose or save).
    pub fn changed(&self, current: Option<&TaskRedirection>) -> bool {
        match current {
            None => [&self.colleague, &self.first_day, &self.last_day]
                .iter()
                .any(|f| !f.trim().is_empty()),
            Some(_) => self.colleague_changed(current) || self.days_changed(current),
        }
    }

    /// What each field is refused for. The days are checked whenever they would be sent, and
    /// a last day in the past also when kept: the server refuses to reroute an ended window.
    pub fn problems(&self, current: Option<&TaskRedirection>) -> OutOfOfficeProblems {
        let colleague = self.colleague.trim();
        let colleague = if colleague.is_empty() {
            Some("Enter the user name of the colleague who takes the tasks.".to_string())
        } else if colleague.eq_ignore_ascii_case(self.user_name.trim()) {
            Some("Tasks cannot go to the same user: choose a colleague.".to_string())
        } else {
            None
        };
        let today = self.today.start_of_day();
        let sent = self.days_changed(current);
        let first = read_day(&self.first_day, "Enter the first day away.");
        let last = read_day(
            &self.last_day,
            "Enter the last day away: the server needs an end.",
        );
        let first_day = if sent { first.clone().err() } else { None };
        let last_day = match (last, first) {
            (Err(why), _) if sent => Some(why),
            (Err(_), _) => None,
            (Ok(last), _) if last < today => Some("The last day cannot be in the past.".into()),
            (Ok(last), Ok(first)) if last < first => {
                Some("The last day cannot be before the first day.".into())
            }
            (Ok(_), _) => None,
        };
        OutOfOfficeProblems {
            colleague,
            first_day,
            last_day,
        }
    }

    /// What to send, once [`OutOfOfficeEdit::problems`] found none.
    pub fn plan(&self, current: Option<&TaskRedirection>) -> OutOfOfficePlan {
        let redirect_to = self.colleague.trim().to_string();
        if !self.changed(current) {
            return OutOfOfficePlan::Nothing;
        }
        if !self.days_changed(current) {
            return OutOfOfficePlan::Reroute { redirect_to };
        }
        match (read_day(&self.first_day, ""), read_day(&self.last_day, "")) {
            (Ok(first), Ok(last)) => OutOfOfficePlan::Set {
                redirect_to,
                start: first,
                end: last.end_of_day(),
            },
            _ => OutOfOfficePlan::Nothing,
        }
    }
}

/// Where a redirection's window stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowState {
    Upcoming,
    Running,
    Ended,
    /// A date the console cannot read decides it: not said.
    Unknown,
}

/// `today` is the person's local date; the answers carry days, so days are compared.
pub fn window_state(r: &TaskRedirection, today: DateTime) -> WindowState {
    let today = today.start_of_day();
    if r.end.date().is_some_and(|end| end.start_of_day() < today) {
        WindowState::Ended
    } else if r
        .start
        .date()
        .is_some_and(|start| start.start_of_day() > today)
    {
        WindowState::Upcoming
    } else if [&r.start, &r.end]
        .iter()
        .any(|d| matches!(d, AnswerDate::AsGiven(_)))
    {
        WindowState::Unknown
    } else {
        WindowState::Running
    }
}

/// `Alice Smith (asmith)`, or the user name alone when the server sent no full name.
pub fn who(r: &TaskRedirection) -> String {
    match r.full_name.trim() {
        "" => r.user_name.clone(),
        full => format!("{full} ({})", r.user_name),
    }
}

/// The window in words: `from Monday 2 June 2025 to Friday 6 June 2025`, `from … on`,
/// `until …`, or `with no end date` when both ends are open.
pub fn window_in_words(r: &TaskRedirection) -> String {
    match (r.start.in_words(), r.end.in_words()) {
        (Some(s), Some(e)) => format!("from {s} to {e}"),
        (Some(s), None) => format!("from {s} on, with no end date"),
        (None, Some(e)) => format!("until {e}"),
        (None, None) => "with no end date".to_string(),
    }
}

/// Where `holder`'s new tasks go (`holder`: "you", or a user name), in one sentence.
pub fn current_in_words(
    current: Option<&TaskRedirection>,
    today: DateTime,
    holder: &str,
) -> String {
    let Some(r) = current else {
        return format!("Not set: new tasks stay with {holder}.");
    };
    let (who, window) = (who(r), window_in_words(r));
    match window_state(r, today) {
        WindowState::Running => format!("New tasks go to {who} {window}."),
        WindowState::Upcoming => format!("New tasks will go to {who} {window}."),
        WindowState::Ended => {
            format!("Ended: tasks went to {who} {window}. New tasks stay with {holder}.")
        }
        WindowState::Unknown => format!("Set to send new tasks to {who} {window}."),
    }
}

/// One of those who send their tasks to a user: who, when, and whether it is over or to come.
pub fn sender_in_words(r: &TaskRedirection, today: DateTime) -> String {
    let said = format!("{} {}", who(r), window_in_words(r));
    match window_state(r, today) {
        WindowState::Running => said,
        WindowState::Upcoming => format!("{said} (not started yet)"),
        WindowState::Ended => format!("{said} (ended)"),
        WindowState::Unknown => said,
    }
}

/// GetAllUsers1 queries that find a colleague by what a person types (administrators only may
/// list users): `Alice Smith` by first and last name; one word by user name, last name or
/// first name (the server's filters all have to match, so one word needs three queries).
/// Enabled users only: a disabled one cannot take tasks. None under two characters.
pub fn colleague_queries(typed: &str) -> Vec<UserQuery> {
    let typed = typed.trim();
    if typed.chars().count() < 2 {
        return Vec::new();
    }
    let base = UserQuery {
        count: 8,
        status: StatusFilter::Enabled,
        ..UserQuery::default()
    };
    match typed.split_once(' ') {
        Some((first, last)) => vec![UserQuery {
            first_name: first.to_string(),
            last_name: last.trim().to_string(),
            ..base
        }],
        None => vec![
            UserQuery {
                user_name: typed.to_string(),
                ..base.clone()
            },
            UserQuery {
                last_name: typed.to_string(),
                ..base.clone()
            },
            UserQuery {
                first_name: typed.to_string(),
                ..base
            },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> DateTime {
        text.parse().unwrap()
    }

    fn edit(colleague: &str, first: &str, last: &str) -> OutOfOfficeEdit {
        OutOfOfficeEdit {
            user_name: "jdoe".into(),
            colleague: colleague.into(),
            first_day: first.into(),
            last_day: last.into(),
            today: day("2026-03-10T15:00:00"),
        }
    }

    fn set(to: &str, start: Option<&str>, end: Option<&str>) -> TaskRedirection {
        TaskRedirection {
            user_id: "2".into(),
            user_name: to.into(),
            full_name: "Alice Smith".into(),
            email: String::new(),
            start: start.map_or(AnswerDate::Open, |d| AnswerDate::On(day(d))),
            end: end.map_or(AnswerDate::Open, |d| AnswerDate::On(day(d))),
        }
    }

    #[test]
    fn a_new_window_is_set_from_the_first_midnight_to_the_last_second() {
        let e = edit(" asmith ", "2026-03-16", "2026-03-20");
        assert_eq!(e.problems(None), OutOfOfficeProblems::default());
        let OutOfOfficePlan::Set {
            redirect_to,
            start,
            end,
        } = e.plan(None)
        else {
            panic!("{:?}", e.plan(None));
        };
        assert_eq!(redirect_to, "asmith");
        assert_eq!(start.to_string(), "2026-03-16T00:00:00");
        assert_eq!(end.to_string(), "2026-03-20T23:59:59");
        // Nothing set, nothing typed: nothing to save.
        assert!(!edit(" ", "", "").changed(None));
        assert_eq!(edit("", "", "").plan(None), OutOfOfficePlan::Nothing);
        // One day away, today: allowed (the server moves a past start to now).
        let today = edit("asmith", "2026-03-10", "2026-03-10");
        assert_eq!(today.problems(None), OutOfOfficeProblems::default());
    }

    #[test]
    fn the_same_days_with_another_colleague_reroute() {
        let current = set("asmith", Some("2026-03-01"), Some("2026-03-31"));
        let e = edit("bwilson", "2026-03-01", "2026-03-31");
        assert_eq!(e.problems(Some(&current)), OutOfOfficeProblems::default());
        assert_eq!(
            e.plan(Some(&current)),
            OutOfOfficePlan::Reroute {
                redirect_to: "bwilson".into()
            }
        );
        // Nothing changed (the name's case aside): nothing to send.
        let same = edit("ASmith", "2026-03-01", "2026-03-31");
        assert!(!same.changed(Some(&current)));
        assert_eq!(same.plan(Some(&current)), OutOfOfficePlan::Nothing);
        // Other days: Set, with the new colleague.
        let moved = edit("bwilson", "2026-03-01", "2026-04-03");
        assert!(matches!(
            moved.plan(Some(&current)),
            OutOfOfficePlan::Set { .. }
        ));
    }

    #[test]
    fn an_open_ended_window_is_kept_by_rerouting_but_needs_an_end_to_change() {
        let current = set("asmith", Some("2024-03-10"), None);
        assert_eq!(
            OutOfOfficeEdit::fill(Some(&current)),
            ("asmith".into(), "2024-03-10".into(), String::new())
        );
        let reroute = edit("mgarcia", "2024-03-10", "");
        assert_eq!(
            reroute.problems(Some(&current)),
            OutOfOfficeProblems::default()
        );
        assert!(matches!(
            reroute.plan(Some(&current)),
            OutOfOfficePlan::Reroute { .. }
        ));
        let new_start = edit("asmith", "2026-03-12", "");
        assert_eq!(
            new_start.problems(Some(&current)).last_day.as_deref(),
            Some("Enter the last day away: the server needs an end.")
        );
    }

    #[test]
    fn refusals_at_their_field() {
        let p = edit("", "", "").problems(None);
        assert!(p.colleague.unwrap().contains("user name of the colleague"));
        assert_eq!(p.first_day.as_deref(), Some("Enter the first day away."));
        assert!(p.last_day.unwrap().contains("needs an end"));

        let me = edit("JDoe", "2026-03-16", "2026-03-20").problems(None);
        assert!(me.colleague.unwrap().contains("same user"));

        let backwards = edit("asmith", "2026-03-20", "2026-03-16").problems(None);
        assert_eq!(
            backwards.last_day.as_deref(),
            Some("The last day cannot be before the first day.")
        );
        assert_eq!(backwards.first_day, None);

        let past = edit("asmith", "2026-03-01", "2026-03-09").problems(None);
        assert_eq!(
            past.last_day.as_deref(),
            Some("The last day cannot be in the past.")
        );

        let garbled = edit("asmith", "16.03.2026", "2026-02-30").problems(None);
        assert_eq!(
            garbled.first_day.as_deref(),
            Some("Enter a date like 2025-06-30.")
        );
        assert_eq!(
            garbled.last_day.as_deref(),
            Some("Enter a date like 2025-06-30.")
        );
    }

    #[test]
    fn an_ended_window_cannot_be_rerouted_as_it_is() {
        let ended = set("jdoe", Some("2024-03-01"), Some("2024-03-31"));
        let e = edit("asmith", "2024-03-01", "2024-03-31");
        assert_eq!(
            e.problems(Some(&ended)).last_day.as_deref(),
            Some("The last day cannot be in the past.")
        );
        assert_eq!(window_state(&ended, e.today), WindowState::Ended);
    }

    #[test]
    fn windows_in_words_and_state() {
        let today = day("2026-03-10T08:00:00");
        let running = set("asmith", Some("2026-03-10"), Some("2026-03-10"));
        assert_eq!(window_state(&running, today), WindowState::Running);
        assert_eq!(
            window_in_words(&running),
            "from Tuesday 10 March 2026 to Tuesday 10 March 2026"
        );
        let upcoming = set("asmith", Some("2026-03-11"), None);
        assert_eq!(window_state(&upcoming, today), WindowState::Upcoming);
        assert_eq!(
            window_in_words(&upcoming),
            "from Wednesday 11 March 2026 on, with no end date"
        );
        assert_eq!(window_in_words(&set("a", None, None)), "with no end date");
        // A date the console cannot read is shown as given; the form keeps it (empty days:
        // a new colleague is a reroute, which keeps the server's window).
        let as_given = TaskRedirection {
            start: AnswerDate::AsGiven("3/1/2026 12:00:00 AM".into()),
            ..running.clone()
        };
        assert_eq!(
            window_in_words(&as_given),
            "from 3/1/2026 12:00:00 AM to Tuesday 10 March 2026"
        );
        // Whether it still runs is not known: not said.
        assert_eq!(window_state(&as_given, today), WindowState::Unknown);
        let ended_as_given = TaskRedirection {
            end: AnswerDate::AsGiven("1/12/2024 12:00:00 AM".into()),
            ..running.clone()
        };
        assert_eq!(
            current_in_words(Some(&ended_as_given), today, "you"),
            "Set to send new tasks to Alice Smith (asmith) from Tuesday 10 March 2026 to \
             1/12/2024 12:00:00 AM."
        );
        let (_, first, last) = OutOfOfficeEdit::fill(Some(&as_given));
        assert_eq!((first.as_str(), last.as_str()), ("", "2026-03-10"));
        assert_eq!(who(&running), "Alice Smith (asmith)");
        let nameless = TaskRedirection {
            full_name: " ".into(),
            ..running
        };
        assert_eq!(who(&nameless), "asmith");
    }

    #[test]
    fn sentences() {
        let today = day("2026-03-10");
        assert_eq!(
            current_in_words(None, today, "you"),
            "Not set: new tasks stay with you."
        );
        let running = set("asmith", Some("2026-03-09"), Some("2026-03-13"));
        assert_eq!(
            current_in_words(Some(&running), today, "you"),
            "New tasks go to Alice Smith (asmith) from Monday 9 March 2026 to Friday 13 March 2026."
        );
        let ended = set("asmith", Some("2024-03-01"), Some("2024-03-31"));
        assert_eq!(
            current_in_words(Some(&ended), today, "jdoe"),
            "Ended: tasks went to Alice Smith (asmith) from Friday 1 March 2024 to Sunday 31 \
             March 2024. New tasks stay with jdoe."
        );
        assert!(sender_in_words(&ended, today).ends_with("2024 (ended)"));
        let later = set("asmith", Some("2026-04-01"), Some("2026-04-02"));
        assert!(current_in_words(Some(&later), today, "you").starts_with("New tasks will go to"));
        assert!(sender_in_words(&later, today).ends_with("(not started yet)"));
        assert!(sender_in_words(&running, today).ends_with("13 March 2026"));
    }

    #[test]
    fn colleagues_are_looked_up_as_typed() {
        assert!(colleague_queries(" a ").is_empty());
        let one = colleague_queries("smith");
        assert_eq!(one.len(), 3);
        assert_eq!(one[0].user_name, "smith");
        assert_eq!(one[1].last_name, "smith");
        assert_eq!(one[2].first_name, "smith");
        assert!(one.iter().all(|q| q.status == StatusFilter::Enabled));
        let full = colleague_queries("Alice  Smith");
        assert_eq!(full.len(), 1);
        assert_eq!(
            (full[0].first_name.as_str(), full[0].last_name.as_str()),
            ("Alice", "Smith")
        );
    }
}
