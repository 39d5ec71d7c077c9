//! A new user like a colleague (issue 19, "Someone joins"): after CreateUser, the new account
//! is given the colleague's groups and libraries and their user type. This module decides which
//! calls go, in what order, and how far a run got; the browser only sends them.
//!
//! - Groups: TransferUserGroupMemberships copies every group membership (the colleague keeps
//!   theirs; what the new account already has is skipped). Libraries a group is a member of
//!   come with the group.
//! - Libraries: TransferUserDomainMemberships copies DIRECT library memberships only.
//! - User type: CreateUser is asked for it (`ReadOnlyUser`); the new account is read back and
//!   ChangeUserType goes only when the server made it otherwise.
//!
//! CreateUser is never part of a plan: it went once, before, and a retry repeats only the copy
//! steps that failed. Copies are safe to send again (the server skips what the target has), so
//! a failed one goes again as it is.

use crate::account_admin::UserType;
use crate::handover::TransferKind;

/// What the preview read of the colleague. A count is `None` when it could not be read: the
/// copy is then sent anyway, and copies whatever there is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Colleague {
    pub user_name: String,
    pub user_type: UserType,
    /// Their group memberships.
    pub groups: Option<usize>,
    /// The libraries they are a member of, directly or through a group (no call tells which
    /// memberships are direct, so only none at all means nothing to copy).
    pub libraries: Option<usize>,
}

/// One copy step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Groups,
    Libraries,
    /// The new account is made this type (read back first).
    Type(UserType),
}

impl Step {
    /// The TransferUser* call this step is.
    pub fn transfer(self) -> Option<TransferKind> {
        match self {
            Step::Groups => Some(TransferKind::GroupMemberships),
            Step::Libraries => Some(TransferKind::DomainMemberships),
            Step::Type(_) => None,
        }
    }

    /// For element ids and the run's words.
    pub fn key(self) -> &'static str {
        match self {
            Step::Groups => "groups",
            Step::Libraries => "libraries",
            Step::Type(_) => "type",
        }
    }
}

/// What goes after CreateUser, in order: groups first (libraries through groups come with
/// them), then direct libraries, then the type (nothing copied depends on it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub from: String,
    pub to: String,
    pub steps: Vec<Step>,
}

impl Plan {
    /// `wanted`: the type the new account was created as (the colleague's, unless the person
    /// chose otherwise). A copy of what the preview read as none is left out.
    pub fn new(colleague: &Colleague, to: &str, wanted: UserType) -> Plan {
        let mut steps = Vec::new();
        if colleague.groups != Some(0) {
            steps.push(Step::Groups);
        }
        if colleague.libraries != Some(0) {
            steps.push(Step::Libraries);
        }
        steps.push(Step::Type(wanted));
        Plan {
            from: colleague.user_name.clone(),
            to: to.to_string(),
            steps,
        }
    }
}

/// The ChangeUserType to send, given the type the new account was read back with (`None`: it
/// could not be read, so the change goes: setting a type it already has does no harm).
pub fn type_change(wanted: UserType, given: Option<UserType>) -> Option<UserType> {
    (given != Some(wanted)).then_some(wanted)
}

/// What one step came to; `F` is how the browser says a failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome<F> {
    /// Copied, or the type changed.
    Done,
    /// Done, but the server's warning says part stayed with the colleague: shown in full.
    Warned(String),
    /// Nothing needed sending (the account already had the type).
    AlreadySo,
    Failed(F),
}

/// A plan under way: each step's outcome once it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run<F> {
    pub plan: Plan,
    outcomes: Vec<Option<Outcome<F>>>,
}

impl<F> Run<F> {
    pub fn new(plan: Plan) -> Run<F> {
        let outcomes = plan.steps.iter().map(|_| None).collect();
        Run { plan, outcomes }
    }

    /// The next step to send: the first without an outcome. A failure does not stop the run:
    /// the steps do not depend on each other.
    pub fn next(&self) -> Option<(usize, Step)> {
        let i = self.outcomes.iter().position(Option::is_none)?;
        Some((i, self.plan.steps[i]))
    }

    pub fn record(&mut self, i: usize, outcome: Outcome<F>) {
        self.outcomes[i] = Some(outcome);
    }

    pub fn outcome(&self, i: usize) -> Option<&Outcome<F>> {
        self.outcomes.get(i)?.as_ref()
    }

    /// The failed steps go again; what was done stays done.
    pub fn retry_failed(&mut self) {
        for o in &mut self.outcomes {
            if matches!(o, Some(Outcome::Failed(_))) {
                *o = None;
            }
        }
    }

    pub fn finished(&self) -> bool {
        self.outcomes.iter().all(Option::is_some)
    }

    pub fn failed(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Failed(_)))
    }

    pub fn warned(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Warned(_)))
    }

    /// Finished with nothing to read: the new user's page can open at once. A warning or a
    /// failure keeps the run on screen.
    pub fn clean(&self) -> bool {
        self.finished() && self.failed() == 0 && self.warned() == 0
    }

    fn count(&self, which: impl Fn(&Outcome<F>) -> bool) -> usize {
        self.outcomes.iter().flatten().filter(|o| which(o)).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jdoe(groups: Option<usize>, libraries: Option<usize>) -> Colleague {
        Colleague {
            user_name: "jdoe".into(),
            user_type: UserType::Author,
            groups,
            libraries,
        }
    }

    #[test]
    fn groups_then_libraries_then_the_type() {
        let plan = Plan::new(&jdoe(Some(3), Some(3)), "jane", UserType::Author);
        assert_eq!(
            plan.steps,
            [Step::Groups, Step::Libraries, Step::Type(UserType::Author)]
        );
        assert_eq!((plan.from.as_str(), plan.to.as_str()), ("jdoe", "jane"));
        let kinds: Vec<_> = plan.steps.iter().filter_map(|s| s.transfer()).collect();
        assert_eq!(
            kinds,
            [
                TransferKind::GroupMemberships,
                TransferKind::DomainMemberships
            ]
        );
    }

    #[test]
    fn a_copy_of_nothing_is_left_out_but_an_unread_list_is_copied() {
        let plan = Plan::new(&jdoe(Some(0), Some(0)), "jane", UserType::ReadOnly);
        assert_eq!(plan.steps, [Step::Type(UserType::ReadOnly)]);
        let plan = Plan::new(&jdoe(None, Some(0)), "jane", UserType::Author);
        assert_eq!(plan.steps, [Step::Groups, Step::Type(UserType::Author)]);
        let plan = Plan::new(&jdoe(Some(0), None), "jane", UserType::Author);
        assert_eq!(plan.steps, [Step::Libraries, Step::Type(UserType::Author)]);
    }

    #[test]
    fn the_type_changes_only_when_the_server_made_it_otherwise() {
        use UserType::*;
        assert_eq!(type_change(Author, Some(Author)), None);
        assert_eq!(type_change(ReadOnly, Some(ReadOnly)), None);
        assert_eq!(type_change(ReadOnly, Some(Author)), Some(ReadOnly));
        assert_eq!(type_change(Author, Some(ReadOnly)), Some(Author));
        // Unread: sent, as setting the type it has is harmless.
        assert_eq!(type_change(ReadOnly, None), Some(ReadOnly));
    }

    #[test]
    fn a_failure_does_not_stop_the_run_and_retry_repeats_only_it() {
        let plan = Plan::new(&jdoe(Some(2), Some(1)), "jane", UserType::Author);
        let mut run: Run<String> = Run::new(plan);
        assert_eq!(run.next(), Some((0, Step::Groups)));
        run.record(
            0,
            Outcome::Warned("Some group memberships could not be transferred.".into()),
        );
        assert_eq!(run.next(), Some((1, Step::Libraries)));
        run.record(1, Outcome::Failed("No answer".into()));
        assert_eq!(run.next(), Some((2, Step::Type(UserType::Author))));
        run.record(2, Outcome::AlreadySo);
        assert!(run.finished());
        assert_eq!((run.failed(), run.warned()), (1, 1));
        assert!(!run.clean());

        run.retry_failed();
        assert!(!run.finished());
        assert_eq!(run.next(), Some((1, Step::Libraries)));
        assert!(matches!(run.outcome(0), Some(Outcome::Warned(_))));
        run.record(1, Outcome::Done);
        assert_eq!(run.next(), None);
        assert_eq!(run.failed(), 0);
        // The warning still wants reading: not clean.
        assert!(!run.clean());
    }

    #[test]
    fn all_done_is_clean() {
        let mut run: Run<()> = Run::new(Plan::new(&jdoe(None, None), "jane", UserType::Author));
        while let Some((i, _)) = run.next() {
            run.record(i, Outcome::Done);
        }
        assert!(run.clean());
        run.retry_failed();
        assert!(run.clean(), "nothing failed, so nothing goes again");
    }
}
