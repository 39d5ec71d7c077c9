//! The rules of embedding in a portal, kept apart from the browser so they are tested
//! natively: which origins may talk to an embedded view, how a ticket is handed over in the
//! address fragment, which views exist, and which theme values a portal may set.

use crate::encode::decode_pairs;
use crate::ticket::Ticket;

/// The views a portal can embed, by their path segment under `/embed/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmbedView {
    SelfService,
    ContactInfo,
    Email,
    Preferences,
    Profile,
    Status,
    OutOfOffice,
}

impl EmbedView {
    pub const ALL: [EmbedView; 7] = [
        EmbedView::SelfService,
        EmbedView::ContactInfo,
        EmbedView::Email,
        EmbedView::Preferences,
        EmbedView::Profile,
        EmbedView::Status,
        EmbedView::OutOfOffice,
    ];
    pub fn slug(self) -> &'static str {
        match self {
            EmbedView::SelfService => "self-service",
            EmbedView::ContactInfo => "contact-info",
            EmbedView::Email => "email",
            EmbedView::Preferences => "preferences",
            EmbedView::Profile => "profile",
            EmbedView::Status => "status",
            EmbedView::OutOfOffice => "out-of-office",
        }
    }
    pub fn from_slug(slug: &str) -> Option<EmbedView> {
        EmbedView::ALL.into_iter().find(|v| v.slug() == slug)
    }
    pub fn title(self) -> &'static str {
        match self {
            EmbedView::SelfService => "My profile",
            EmbedView::ContactInfo => "Contact information",
            EmbedView::Email => "Email address",
            EmbedView::Preferences => "Preferences",
            EmbedView::Profile => "User profile",
            EmbedView::Status => "Account status",
            EmbedView::OutOfOffice => "Out of office",
        }
    }
    /// The srv.asmx operation a `saved` event names for this view. Out of office names the
    /// call each save made: SetUserTaskRedirection, RerouteUserTaskRedirection (another
    /// colleague, the same days) or RemoveUserTaskRedirection; this is the first.
    pub fn operation(self) -> &'static str {
        match self {
            EmbedView::SelfService => "self-service",
            EmbedView::ContactInfo => "UpdateUserContactInfo",
            EmbedView::Email => "UpdateUserEmail",
            EmbedView::Preferences => "UpdateUserPreferences",
            EmbedView::Profile => "UpdateUserProfile",
            EmbedView::Status => "ChangeUserStatus",
            EmbedView::OutOfOffice => "SetUserTaskRedirection",
        }
    }
}

/// The parent origins allowed to hand over tickets and receive events. Deploy-time
/// configuration: space- or comma-separated origins; `self` means the console's own origin.
/// A wildcard is never honoured: events carry user data and must reach one known party.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OriginPolicy {
    allowed: Vec<String>,
}

fn normalize_origin(origin: &str) -> Option<String> {
    let o = origin.trim().trim_end_matches('/').to_ascii_lowercase();
    let (scheme, rest) = o.split_once("://")?;
    let valid = matches!(scheme, "http" | "https")
        && !rest.is_empty()
        && !rest.contains(['/', '?', '#', '@', ' ', '*']);
    valid.then_some(o)
}

impl OriginPolicy {
    pub fn parse(config: &str, own_origin: &str) -> OriginPolicy {
        let allowed = config
            .split([' ', ',', '\n', '\t'])
            .filter(|s| !s.is_empty())
            .filter_map(|s| {
                if s == "self" {
                    normalize_origin(own_origin)
                } else {
                    normalize_origin(s)
                }
            })
            .collect();
        OriginPolicy { allowed }
    }

    pub fn allows(&self, origin: &str) -> bool {
        normalize_origin(origin).is_some_and(|o| self.allowed.contains(&o))
    }

    /// Where events go: the origin that talked to us if allowed, else the referrer's origin
    /// if allowed, else the only configured origin. `None` means: send nothing.
    pub fn event_target(&self, talked: Option<&str>, referrer: Option<&str>) -> Option<String> {
        for candidate in [talked, referrer.and_then(origin_of)].into_iter().flatten() {
            if self.allows(candidate) {
                return normalize_origin(candidate);
            }
        }
        match self.allowed.as_slice() {
            [only] => Some(only.clone()),
            _ => None,
        }
    }
}

/// `https://portal.example.com/page?x` → `https://portal.example.com`.
pub fn origin_of(url: &str) -> Option<&str> {
    let scheme_end = url.find("://")? + 3;
    let end = url[scheme_end..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| scheme_end + i);
    Some(&url[..end])
}

/// What a portal may pass in the address fragment: `#ticket=<GUID>&user=<name>`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Handover {
    pub ticket: Option<Ticket>,
    pub user: Option<String>,
}

pub fn parse_fragment(fragment: &str) -> Handover {
    let pairs = decode_pairs(fragment.trim_start_matches('#')).unwrap_or_default();
    let mut handover = Handover::default();
    for (k, v) in pairs {
        match k.as_str() {
            "ticket" => handover.ticket = Ticket::parse_handover(&v),
            "user" if !v.trim().is_empty() => handover.user = Some(v),
            _ => {}
        }
    }
    handover
}

/// CSS custom properties a portal may set, and a value check that keeps them to plain values
/// (no `url(…)`, no escapes out of the declaration).
pub const THEME_PROPERTIES: [&str; 12] = [
    "--bg",
    "--surface",
    "--text",
    "--muted",
    "--border",
    "--accent",
    "--accent-text",
    "--danger",
    "--success",
    "--focus",
    "--radius",
    "--font",
];

pub fn theme_value_ok(property: &str, value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    THEME_PROPERTIES.contains(&property)
        && !value.trim().is_empty()
        && value.len() <= 200
        && !value.contains([';', '{', '}', '<', '>', '\\', '\n', '\r', '"', '\''])
        && !lower.contains("url(")
        && !lower.contains("expression")
        && !lower.contains("image")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_match_exactly() {
        let p = OriginPolicy::parse(
            "https://portal.example.com, self *",
            "http://127.0.0.1:8080",
        );
        assert!(p.allows("https://portal.example.com"));
        assert!(p.allows("HTTPS://PORTAL.example.com/"));
        assert!(p.allows("http://127.0.0.1:8080"));
        assert!(!p.allows("https://portal.example.com.evil.net"));
        assert!(!p.allows("http://portal.example.com"));
        assert!(!p.allows("http://localhost:8080"));
        assert!(!p.allows("null"));
        assert!(!p.allows("*"));
    }

    #[test]
    fn events_go_to_one_allowed_origin_or_nowhere() {
        let p = OriginPolicy::parse("https://a.example https://b.example", "http://x");
        assert_eq!(
            p.event_target(Some("https://b.example"), None).as_deref(),
            Some("https://b.example")
        );
        assert_eq!(
            p.event_target(None, Some("https://a.example/home?q=1"))
                .as_deref(),
            Some("https://a.example")
        );
        assert_eq!(p.event_target(Some("https://evil.example"), None), None);
        let single = OriginPolicy::parse("https://a.example", "http://x");
        assert_eq!(
            single.event_target(None, None).as_deref(),
            Some("https://a.example")
        );
        assert_eq!(
            OriginPolicy::parse("", "http://x").event_target(None, None),
            None
        );
    }

    #[test]
    fn fragment_handover() {
        let h = parse_fragment("#ticket=3f2504e0-4f89-11d3-9a0c-0305e82c3301&user=o%27brien");
        assert_eq!(
            h.ticket.unwrap().as_str(),
            "3f2504e0-4f89-11d3-9a0c-0305e82c3301"
        );
        assert_eq!(h.user.as_deref(), Some("o'brien"));
        assert_eq!(parse_fragment("#ticket=<script>"), Handover::default());
        assert_eq!(parse_fragment(""), Handover::default());
    }

    #[test]
    fn views_by_slug() {
        for v in EmbedView::ALL {
            assert_eq!(EmbedView::from_slug(v.slug()), Some(v));
        }
        assert_eq!(EmbedView::from_slug("admin"), None);
    }

    #[test]
    fn theme_values_are_plain() {
        assert!(theme_value_ok("--accent", "#7b1fa2"));
        assert!(theme_value_ok("--font", "Georgia, serif"));
        assert!(theme_value_ok("--radius", "2px"));
        assert!(!theme_value_ok(
            "--accent",
            "red; background: url(https://x)"
        ));
        assert!(!theme_value_ok("--bg", "url(https://x)"));
        assert!(!theme_value_ok("color", "red"));
        assert!(!theme_value_ok("--bg", "image-set(\"x\")"));
    }
}
