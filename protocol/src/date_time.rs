//! A date and time of day as srv.asmx reads and writes it. Answers give `2024-03-01`,
//! `2024-03-01T10:00:00` or `2015-03-01 10:00:00`, with or without a fraction of a second or a
//! `Z`; requests send `yyyy-MM-ddTHH:mm:ss`, the format SetUserTaskRedirection recommends. No
//! zone is kept: the pages show none but a bare `Z`, and the server reads what it is sent as
//! its own time.

use std::fmt;
use std::str::FromStr;

use crate::call::ParamValue;

/// A valid calendar date and time, to the second. Ordered in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
}

impl DateTime {
    /// `None` unless it is a real date (years 1 to 9999, as the server's own type) and time.
    pub fn new(year: u16, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> Option<Self> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day)
            && hour < 24
            && minute < 60
            && second < 60;
        valid.then_some(DateTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
        })
    }

    /// Midnight at the start of that day.
    pub fn date(year: u16, month: u8, day: u8) -> Option<Self> {
        DateTime::new(year, month, day, 0, 0, 0)
    }
}

/// A date field of an answer. Servers also send dates this console does not read (a server's
/// own culture: `3/1/2024 12:00:00 AM`, an offset): those are kept as given, to be shown as
/// they are, never guessed at, as a misread date would silently change a window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerDate {
    /// Empty: open-ended.
    Open,
    On(DateTime),
    AsGiven(String),
}

impl AnswerDate {
    pub fn read(text: &str) -> AnswerDate {
        let text = text.trim();
        if text.is_empty() {
            return AnswerDate::Open;
        }
        text.parse()
            .map_or_else(|_| AnswerDate::AsGiven(text.to_string()), AnswerDate::On)
    }

    /// The date, when it was read.
    pub fn date(&self) -> Option<DateTime> {
        match self {
            AnswerDate::On(d) => Some(*d),
            _ => None,
        }
    }

    /// The day in words, or the text as the server gave it; `None` when open-ended.
    pub fn in_words(&self) -> Option<String> {
        match self {
            AnswerDate::Open => None,
            AnswerDate::On(d) => Some(d.day_in_words()),
            AnswerDate::AsGiven(text) => Some(text.clone()),
        }
    }
}

impl DateTime {
    /// `yyyy-MM-dd`, as `<input type="date">` reads and writes a day.
    pub fn day_text(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The same day at midnight: for comparing days.
    pub fn start_of_day(&self) -> DateTime {
        DateTime {
            hour: 0,
            minute: 0,
            second: 0,
            ..*self
        }
    }

    /// The last second of the same day: "until Friday" includes Friday.
    pub fn end_of_day(&self) -> DateTime {
        DateTime {
            hour: 23,
            minute: 59,
            second: 59,
            ..*self
        }
    }

    /// The day in words, `Monday 2 June 2025`: unambiguous in every locale, unlike 02/06.
    pub fn day_in_words(&self) -> String {
        const DAYS: [&str; 7] = [
            "Sunday",
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
        ];
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        // Sakamoto's weekday rule (0 = Sunday), for the Gregorian calendar.
        const SHIFT: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let y = u32::from(self.year) - u32::from(self.month < 3);
        let weekday = (y + y / 4 - y / 100
            + y / 400
            + SHIFT[usize::from(self.month - 1)]
            + u32::from(self.day))
            % 7;
        format!(
            "{} {} {} {}",
            DAYS[weekday as usize],
            self.day,
            MONTHS[usize::from(self.month - 1)],
            self.year
        )
    }
}

impl FromStr for DateTime {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let s = text.trim();
        let not_a_date = || format!("{s:?} is not a date like 2024-03-01 or 2024-03-01T10:00:00");
        let (date, time) = match s.split_once(['T', ' ']) {
            Some((date, time)) => (date, Some(time)),
            None => (s, None),
        };
        let [year, month, day] = digit_fields(date, '-', [4, 2, 2]).ok_or_else(not_a_date)?;
        let [hour, minute, second] = match time {
            None => [0, 0, 0],
            Some(time) => read_time(time).ok_or_else(not_a_date)?,
        };
        // Every field but the year has two digits, so it fits a u8.
        let [month, day, hour, minute, second] =
            [month, day, hour, minute, second].map(|n| n as u8);
        DateTime::new(year, month, day, hour, minute, second).ok_or_else(not_a_date)
    }
}

/// `HH:mm`, `HH:mm:ss`, a fraction of a second and a `Z` allowed and dropped.
fn read_time(time: &str) -> Option<[u16; 3]> {
    let time = time.strip_suffix(['Z', 'z']).unwrap_or(time);
    let (time, fraction) = time.split_once('.').unwrap_or((time, "0"));
    if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digit_fields(time, ':', [2, 2, 2])
        .or_else(|| digit_fields(time, ':', [2, 2]).map(|[h, m]| [h, m, 0]))
}

/// Exactly `N` fields of exactly these widths, digits only.
fn digit_fields<const N: usize>(
    text: &str,
    separator: char,
    widths: [usize; N],
) -> Option<[u16; N]> {
    let mut parts = text.split(separator);
    let mut fields = [0u16; N];
    for (field, width) in fields.iter_mut().zip(widths) {
        let part = parts.next()?;
        if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *field = part.parse().ok()?;
    }
    parts.next().is_none().then_some(fields)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `yyyy-MM-ddTHH:mm:ss`, what requests send.
impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

impl ParamValue for DateTime {
    fn param_value(&self) -> String {
        self.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Result<DateTime, String> {
        text.parse()
    }

    #[test]
    fn every_shape_the_pages_show() {
        let ten = DateTime::new(2024, 3, 1, 10, 0, 0).unwrap();
        assert_eq!(at("2024-03-01"), Ok(DateTime::date(2024, 3, 1).unwrap()));
        for text in [
            "2024-03-01T10:00:00",
            "2024-03-01 10:00:00",
            "2024-03-01T10:00:00Z",
            "2024-03-01T10:00:00.1234567",
            "2024-03-01T10:00:00.5Z",
            "2024-03-01T10:00",
            " 2024-03-01T10:00:00 ",
        ] {
            assert_eq!(at(text), Ok(ten), "{text}");
        }
        assert_eq!(ten.to_string(), "2024-03-01T10:00:00");
    }

    #[test]
    fn what_is_not_a_date_is_refused() {
        for text in [
            "3/1/2024",
            "2024-3-1",
            "2024-02-30",
            "2023-02-29",
            "2024-13-01",
            "0000-01-01",
            "2024-03-01T24:00:00",
            "2024-03-01T10:60:00",
            "2024-03-01T10:00:00+02:00",
            "2024-03-01T10:00:00.",
            "2024-03-01T",
            "2024-03-01T10",
            "",
        ] {
            assert!(at(text).is_err(), "{text}");
        }
        assert_eq!(at("2024-02-29"), Ok(DateTime::date(2024, 2, 29).unwrap()));
        assert_eq!(
            at("2000-02-29").map(|d| d.to_string()),
            Ok("2000-02-29T00:00:00".into())
        );
        assert!(at("1900-02-29").is_err());
    }

    #[test]
    fn an_answer_date_is_open_read_or_kept_as_given() {
        assert_eq!(AnswerDate::read(""), AnswerDate::Open);
        assert_eq!(AnswerDate::read("  "), AnswerDate::Open);
        assert_eq!(AnswerDate::read("  ").in_words(), None);
        let read = AnswerDate::read("2025-06-02T00:00:00");
        assert_eq!(read.date(), DateTime::date(2025, 6, 2));
        assert_eq!(read.in_words().as_deref(), Some("Monday 2 June 2025"));
        for text in ["3/1/2024 12:00:00 AM", "2024-03-01T00:00:00+01:00", "soon"] {
            let kept = AnswerDate::read(&format!(" {text} "));
            assert_eq!(kept, AnswerDate::AsGiven(text.into()));
            assert_eq!(kept.date(), None);
            assert_eq!(kept.in_words().as_deref(), Some(text));
        }
    }

    #[test]
    fn days_for_date_inputs_and_in_words() {
        let noon = at("2025-06-02T12:30:00").unwrap();
        assert_eq!(noon.day_text(), "2025-06-02");
        assert_eq!(noon.start_of_day(), at("2025-06-02").unwrap());
        assert_eq!(noon.end_of_day().to_string(), "2025-06-02T23:59:59");
        assert_eq!(noon.day_in_words(), "Monday 2 June 2025");
        assert_eq!(
            at("2024-02-29").unwrap().day_in_words(),
            "Thursday 29 February 2024"
        );
        assert_eq!(
            at("2000-01-01").unwrap().day_in_words(),
            "Saturday 1 January 2000"
        );
        assert_eq!(
            at("2099-12-31").unwrap().day_in_words(),
            "Thursday 31 December 2099"
        );
    }

    #[test]
    fn ordered_in_time() {
        assert!(at("2024-03-01T23:59:59").unwrap() < at("2024-03-02").unwrap());
        assert!(at("2023-12-31").unwrap() < at("2024-01-01").unwrap());
    }
}
