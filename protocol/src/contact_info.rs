//! What the contact-information form sends and says. UpdateUserContactInfo always sends both
//! values, and an empty mobile number ERASES the stored one; older servers lack the call
//! altogether. So the decision is not "send what is typed":
//! - mobile known: both are sent; an emptied field is an explicit clear;
//! - mobile unknown (the server did not report it): left empty, only the email goes, with
//!   UpdateUserEmail; the stored number is cleared only when the person asked for that;
//! - a server without UpdateUserContactInfo: the email goes through UpdateUserEmail and the
//!   mobile number cannot be changed here.

/// Said whenever the server lacks UpdateUserContactInfo.
pub const NO_CONTACT_OP: &str = "This server cannot change mobile numbers (it is an older \
                                 infoRouter without UpdateUserContactInfo).";

/// One submit of the form, as the person left it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactEdit {
    /// The stored mobile number, `None` when the server did not report it.
    pub known_mobile: Option<String>,
    /// The mobile field, trimmed.
    pub typed_mobile: String,
    /// "Clear the mobile number" is ticked (offered only while the number is unknown).
    pub clear_mobile: bool,
    pub email_changed: bool,
    /// The server already answered that it lacks UpdateUserContactInfo.
    pub contact_op_missing: bool,
}

/// What to send for a [`ContactEdit`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactPlan {
    /// UpdateUserEmail only.
    EmailOnly,
    /// UpdateUserContactInfo with this exact mobile value ("" clears it).
    Both(String),
    /// Nothing can be sent: only the mobile number changed and the server cannot change it.
    Refused(String),
}

impl ContactEdit {
    /// Whether the mobile number would change, compared with what is stored.
    pub fn mobile_changed(&self) -> bool {
        match &self.known_mobile {
            Some(current) => self.typed_mobile.trim() != current.trim(),
            None => self.clear_mobile || !self.typed_mobile.trim().is_empty(),
        }
    }

    pub fn plan(&self) -> ContactPlan {
        let mobile = self.typed_mobile.trim().to_string();
        let wanted = match &self.known_mobile {
            Some(_) => ContactPlan::Both(mobile),
            None if self.clear_mobile => ContactPlan::Both(String::new()),
            None if mobile.is_empty() => ContactPlan::EmailOnly,
            None => ContactPlan::Both(mobile),
        };
        match wanted {
            ContactPlan::Both(_) if self.contact_op_missing => self.email_only_instead(),
            other => other,
        }
    }

    /// The plan once the server turned out to lack UpdateUserContactInfo.
    pub fn email_only_instead(&self) -> ContactPlan {
        if self.email_changed {
            ContactPlan::EmailOnly
        } else {
            ContactPlan::Refused(format!("{NO_CONTACT_OP} Nothing was saved."))
        }
    }

    /// After UpdateUserContactInfo succeeded with `sent_mobile`.
    pub fn both_saved_message(&self, sent_mobile: &str) -> String {
        let mobile_same = self
            .known_mobile
            .as_deref()
            .is_some_and(|was| was.trim() == sent_mobile);
        let mobile = match (mobile_same, sent_mobile.is_empty()) {
            (true, _) => None,
            (false, true) => Some("cleared"),
            (false, false) => Some("saved"),
        };
        match (self.email_changed, mobile) {
            (true, None) => "Email saved.".into(),
            (true, Some("saved")) => "Email and mobile number saved.".into(),
            (true, Some(_)) => "Email saved and mobile number cleared.".into(),
            (false, Some("saved")) => "Mobile number saved.".into(),
            (false, Some(_)) => "Mobile number cleared.".into(),
            (false, None) => "Saved.".into(),
        }
    }

    /// After UpdateUserEmail succeeded: the success, and what was not done (if anything).
    /// `fell_back` is true when UpdateUserContactInfo was tried first and is missing.
    pub fn email_saved_message(&self, fell_back: bool) -> (String, Option<String>) {
        let mobile_changed = self.mobile_changed();
        if fell_back && mobile_changed {
            (
                "Email saved.".into(),
                Some(format!(
                    "{NO_CONTACT_OP} The mobile number was not changed; what you typed is still \
                     in the field."
                )),
            )
        } else if fell_back {
            (format!("Email saved. {NO_CONTACT_OP}"), None)
        } else if self.contact_op_missing && mobile_changed {
            (
                "Email saved.".into(),
                Some(format!(
                    "{NO_CONTACT_OP} The mobile number was not changed."
                )),
            )
        } else if self.known_mobile.is_none() {
            (
                "Email saved. The mobile number was left as it is: the server did not report \
                 it, so it was not sent."
                    .into(),
                None,
            )
        } else {
            ("Email saved.".into(), None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(known: Option<&str>, typed: &str) -> ContactEdit {
        ContactEdit {
            known_mobile: known.map(str::to_string),
            typed_mobile: typed.to_string(),
            clear_mobile: false,
            email_changed: true,
            contact_op_missing: false,
        }
    }

    #[test]
    fn a_known_mobile_is_always_sent_and_emptying_it_clears() {
        assert_eq!(
            edit(Some("+1 555"), "+1 555").plan(),
            ContactPlan::Both("+1 555".into())
        );
        assert_eq!(
            edit(Some("+1 555"), "  ").plan(),
            ContactPlan::Both(String::new())
        );
        assert!(edit(Some("+1 555"), "").mobile_changed());
        assert!(!edit(Some(" +1 555 "), "+1 555").mobile_changed());
    }

    #[test]
    fn an_unknown_mobile_left_empty_is_never_sent() {
        let e = edit(None, "");
        assert_eq!(e.plan(), ContactPlan::EmailOnly);
        assert!(!e.mobile_changed());
        let (said, problem) = e.email_saved_message(false);
        assert!(said.contains("was left as it is"), "{said}");
        assert_eq!(problem, None);
    }

    #[test]
    fn an_unknown_mobile_is_cleared_only_when_asked() {
        let e = ContactEdit {
            clear_mobile: true,
            ..edit(None, "")
        };
        assert_eq!(e.plan(), ContactPlan::Both(String::new()));
        assert!(e.mobile_changed());
        assert_eq!(
            e.both_saved_message(""),
            "Email saved and mobile number cleared."
        );
        assert_eq!(
            edit(None, "+44 1").plan(),
            ContactPlan::Both("+44 1".into())
        );
    }

    #[test]
    fn without_the_call_only_the_email_goes_or_nothing() {
        let missing = ContactEdit {
            contact_op_missing: true,
            ..edit(Some("1"), "2")
        };
        assert_eq!(missing.plan(), ContactPlan::EmailOnly);
        let (said, problem) = missing.email_saved_message(false);
        assert_eq!(said, "Email saved.");
        assert!(problem.unwrap().contains("was not changed"));
        let mobile_only = ContactEdit {
            email_changed: false,
            ..missing
        };
        match mobile_only.plan() {
            ContactPlan::Refused(why) => assert!(why.ends_with("Nothing was saved."), "{why}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_fallback_keeps_the_typed_mobile_and_says_so() {
        let (said, problem) = edit(Some("1"), "2").email_saved_message(true);
        assert_eq!(said, "Email saved.");
        assert!(problem.unwrap().contains("still in the field"));
        let (said, problem) = edit(Some("1"), "1").email_saved_message(true);
        assert!(said.starts_with("Email saved. ") && said.contains("older infoRouter"));
        assert_eq!(problem, None);
    }

    #[test]
    fn each_combination_has_its_own_success_message() {
        let both = |email_changed, known: Option<&str>, sent: &str| {
            ContactEdit {
                email_changed,
                ..edit(known, sent)
            }
            .both_saved_message(sent)
        };
        assert_eq!(both(true, Some("1"), "1"), "Email saved.");
        assert_eq!(both(true, Some("1"), "2"), "Email and mobile number saved.");
        assert_eq!(both(false, Some("1"), "2"), "Mobile number saved.");
        assert_eq!(both(false, Some("1"), ""), "Mobile number cleared.");
        assert_eq!(both(false, None, "3"), "Mobile number saved.");
        assert_eq!(both(false, Some("1"), "1"), "Saved.");
    }
}
