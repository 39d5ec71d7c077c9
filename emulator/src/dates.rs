//! Dates as the redirection, task and holdings calls use them: seconds since the Unix epoch
//! inside, `2024-03-01` in answers, and the loose forms a DateTime parameter arrives in.

use crate::xml_out::iso_utc;

pub const DAY: i64 = 86_400;

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// `2024-03-01`, as GetUserTaskRedirectionTo shows StartDate and EndDate.
pub fn day(secs: i64) -> String {
    iso_utc(secs.max(0) as u64)[..10].to_string()
}

/// `2026-02-01T14:30:00`, as GetDocumentsOwnedByUser shows modificationDate.
pub fn date_time(secs: i64) -> String {
    iso_utc(secs.max(0) as u64)
        .trim_end_matches('Z')
        .to_string()
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A DateTime parameter: `yyyy-MM-dd`, optionally with `THH:mm[:ss]` (or a space before the
/// time) and a trailing `Z`; read as UTC. `None` for anything else (the server's "String was
/// not recognized as a valid DateTime").
pub fn parse(text: &str) -> Option<i64> {
    let t = text.trim().trim_end_matches('Z');
    let (date, time) = match t.find(['T', ' ']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let num = |s: &str, len: usize| -> Option<i64> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let mut parts = date.split('-');
    let (y, m, d) = (
        num(parts.next()?, 4)?,
        num(parts.next()?, 2)?,
        num(parts.next()?, 2)?,
    );
    if parts.next().is_some() || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let days = days_from_civil(y, m, d);
    // A 31st of a short month would roll over: refuse it.
    if day(days * DAY) != date {
        return None;
    }
    let mut secs = 0;
    if let Some(time) = time {
        let fields: Vec<&str> = time.split(':').collect();
        if !(2..=3).contains(&fields.len()) {
            return None;
        }
        let limits = [24, 60, 60];
        for (field, limit) in fields.iter().zip(limits) {
            let v = num(field, 2)?;
            if v >= limit {
                return None;
            }
            secs = secs * 60 + v;
        }
        if fields.len() == 2 {
            secs *= 60;
        }
    }
    Some(days * DAY + secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_recommended_and_loose_forms() {
        assert_eq!(parse("1970-01-02"), Some(DAY));
        assert_eq!(parse("2024-04-01T00:00:00"), Some(1_711_929_600));
        assert_eq!(parse("2024-04-01 00:00"), Some(1_711_929_600));
        assert_eq!(parse("2024-04-30T23:59:59Z"), Some(1_714_521_599));
        assert_eq!(day(1_714_521_599), "2024-04-30");
        for bad in [
            "",
            "2024-4-1",
            "2024-02-30",
            "2024-04-01T24:00:00",
            "tomorrow",
            "2024-04-01T1",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
