//! Dates arrive as `2024-01-15`, `2026-02-15T10:30:00`, `2015-03-01 10:00:00` or with a `Z`.
//! Parse loosely for display; anything else is shown exactly as the server sent it.

/// `2026-02-15 10:30` style for display; the raw text when the format is unknown.
pub fn display_date(raw: &str) -> String {
    let s = raw.trim();
    match parse(s) {
        Some((date, Some(time))) => format!("{date} {time}"),
        Some((date, None)) => date,
        None => s.to_string(),
    }
}

fn parse(s: &str) -> Option<(String, Option<String>)> {
    let (date, time) = match s.find(['T', ' ']) {
        Some(i) => (&s[..i], Some(s[i + 1..].trim_end_matches('Z'))),
        None => (s, None),
    };
    let parts: Vec<&str> = date.split('-').collect();
    let ok = parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !ok {
        return None;
    }
    let time = match time {
        None => None,
        Some(t) => {
            let hm: Vec<&str> = t.split(':').collect();
            if hm.len() < 2
                || !hm
                    .iter()
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
            {
                return None;
            }
            Some(format!("{}:{}", hm[0], hm[1]))
        }
    };
    Some((date.to_string(), time))
}

#[cfg(test)]
mod tests {
    use super::display_date;

    #[test]
    fn known_shapes() {
        assert_eq!(display_date("2024-01-15"), "2024-01-15");
        assert_eq!(display_date("2026-02-15T10:30:00"), "2026-02-15 10:30");
        assert_eq!(display_date("2015-03-01 10:00:00"), "2015-03-01 10:00");
        assert_eq!(display_date("2026-03-20T14:35:00Z"), "2026-03-20 14:35");
    }

    #[test]
    fn unknown_shapes_are_kept() {
        assert_eq!(display_date("3/1/2015 10:00 AM"), "3/1/2015 10:00 AM");
        assert_eq!(display_date(""), "");
        assert_eq!(display_date("2024-1-5"), "2024-1-5");
    }
}
