//! The session ticket. Its `Debug` is redacted so a ticket never lands in a log by accident.

use std::fmt;

#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Ticket(String);

impl Ticket {
    pub fn new(value: impl Into<String>) -> Ticket {
        Ticket(value.into())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// A ticket handed over by a portal must look like one before it is even checked:
    /// a GUID, with or without braces or hyphens. Anything else is refused outright.
    pub fn parse_handover(raw: &str) -> Option<Ticket> {
        let t = raw.trim().trim_start_matches('{').trim_end_matches('}');
        let hex: String = t.chars().filter(|c| *c != '-').collect();
        (hex.len() == 32 && hex.chars().all(|c| c.is_ascii_hexdigit()))
            .then(|| Ticket(t.to_string()))
    }
}

impl fmt::Debug for Ticket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Ticket(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::Ticket;

    #[test]
    fn debug_does_not_leak() {
        assert!(!format!("{:?}", Ticket::new("secret-guid")).contains("secret"));
    }

    #[test]
    fn handover_accepts_only_guids() {
        assert!(Ticket::parse_handover("3f2504e0-4f89-11d3-9a0c-0305e82c3301").is_some());
        assert!(Ticket::parse_handover("{3F2504E0-4F89-11D3-9A0C-0305E82C3301}").is_some());
        assert!(Ticket::parse_handover("javascript:alert(1)").is_none());
        assert!(Ticket::parse_handover("").is_none());
    }
}
