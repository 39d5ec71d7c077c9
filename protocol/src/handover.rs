//! Handing a leaver's work on to a successor: the 13 TransferUser* calls, described once.
//! System administrators only. Each takes `fromUserName` and `toUserName` and answers
//! `<root success="true" />`, or with `warnings="Some … could not be transferred."` when part of
//! the work stayed with the leaver. DeleteUser does not move anything: run these first.
//!
//! Each kind is its own [`Operation`] type (`TransferUserWork<kinds::Tasks>` is
//! TransferUserTasks) because an operation's name is a constant; [`TransferKind::visit`]
//! reaches that type from a kind chosen at run time.

use std::fmt;
use std::marker::PhantomData;

use crate::operations::Operation;
use crate::user_statistics::{Counter, UserStatistics};
use crate::xml::Element;

/// What a transfer leaves the leaver with (protocol-notes.md, "Handing work on").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransferEffect {
    /// The successor takes it over; the leaver no longer has it.
    Moves,
    /// The successor is given the same; the leaver keeps theirs (inferred from the pages'
    /// "added", "granted", "subscribed"), and what the successor already has is skipped.
    Copies,
    /// The successor is given it; whether the leaver keeps theirs is not said, and an entry
    /// the successor already has "may be updated or merged".
    Unsaid,
}

impl TransferEffect {
    /// `None` where the pages do not say.
    pub fn leaver_keeps(self) -> Option<bool> {
        match self {
            TransferEffect::Moves => Some(false),
            TransferEffect::Copies => Some(true),
            TransferEffect::Unsaid => None,
        }
    }
}

/// The statistics counters that count what a transfer hands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Added together (group memberships are counted as global and local).
    pub counters: &'static [Counter],
    /// False when the counters also count what the transfer does not touch (authored
    /// documents, indirect memberships, tasks that may not be open) or count it in other units
    /// (libraries, not notices): show the number as "up to".
    pub exact: bool,
}

impl Tally {
    pub fn count(&self, statistics: &UserStatistics) -> u64 {
        self.counters
            .iter()
            .fold(0, |sum, &c| sum.saturating_add(statistics.get(c)))
    }
}

const fn exactly(counters: &'static [Counter]) -> Option<Tally> {
    Some(Tally {
        counters,
        exact: true,
    })
}

const fn up_to(counters: &'static [Counter]) -> Option<Tally> {
    Some(Tally {
        counters,
        exact: false,
    })
}

/// A kind of transfer known at compile time: one zero-sized type per [`TransferKind`].
pub trait Transfer: 'static {
    const KIND: TransferKind;
}

/// Does something with the request type of a kind chosen at run time (see [`TransferKind::visit`]).
pub trait TransferVisitor {
    type Output;
    fn visit<K: Transfer>(self) -> Self::Output;
}

struct KindFacts {
    operation: &'static str,
    label: &'static str,
    effect: TransferEffect,
    tally: Option<Tally>,
}

/// Declares every kind once, grouped by what it leaves the leaver: its variant (the operation's
/// name without `TransferUser`), label and statistics tally.
macro_rules! transfer_kinds {
    ($( $effect:ident { $( $(#[$doc:meta])* $kind:ident, $label:literal, $tally:expr; )* } )*) => {
        /// One of the TransferUser* calls.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum TransferKind { $( $( $(#[$doc])* $kind, )* )* }

        /// Indexed by `TransferKind as usize`.
        const FACTS: &[KindFacts] = &[ $( $( KindFacts {
            operation: concat!("TransferUser", stringify!($kind)),
            label: $label,
            effect: TransferEffect::$effect,
            tally: $tally,
        }, )* )* ];

        impl TransferKind {
            /// Every kind: first those that move work, then those that copy it, then the rest.
            pub const ALL: &'static [TransferKind] = &[ $( $( TransferKind::$kind, )* )* ];

            /// Calls `visitor` with the request type of this kind.
            pub fn visit<V: TransferVisitor>(self, visitor: V) -> V::Output {
                match self { $( $( TransferKind::$kind => visitor.visit::<kinds::$kind>(), )* )* }
            }
        }

        /// The compile-time kinds, one per [`TransferKind`] variant.
        pub mod kinds {
            $( $(
                #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
                pub struct $kind;
                impl super::Transfer for $kind {
                    const KIND: super::TransferKind = super::TransferKind::$kind;
                }
            )* )*
        }
    };
}

use Counter as C;

// `ISOTasks` is spelled as the operation is, so that its name can be derived.
transfer_kinds! {
    // TotalDocuments also counts documents the leaver only authored; ExpirationAgentRoles counts
    // libraries, not notices; whether QueuedTasks are exactly the open tasks is not said.
    Moves {
        /// The documents stay checked out, now by the successor.
        CheckedOutDocuments, "checked-out documents", exactly(&[C::CheckedOutDocuments]);
        DocumentOwnerships, "document ownerships", up_to(&[C::TotalDocuments]);
        ExpirationNotices, "document expiration notices", up_to(&[C::ExpirationAgentRoles]);
        FolderOwnerships, "folder ownerships", exactly(&[C::TotalFolders]);
        ISOTasks, "ISO review tasks", exactly(&[C::IsoReviewerRoles]);
        /// Open workflow tasks (running ones; definitions are `WorkflowDefinitions`).
        Tasks, "open workflow tasks", up_to(&[C::QueuedTasks]);
        /// Assignee and supervisor places in workflow definitions.
        WorkflowDefinitions, "workflow definition roles", exactly(&[C::WorkflowRoles]);
    }
    // The membership counters include memberships through groups, which are not transferred.
    Copies {
        DocumentSubscriptions, "document subscriptions", exactly(&[C::SubscribedDocuments]);
        DomainManagerRoles, "library manager roles", exactly(&[C::DomainManagerRoles]);
        /// DIRECT library memberships only.
        DomainMemberships, "library memberships", up_to(&[C::DomainMemberships]);
        FolderSubscriptions, "folder subscriptions", exactly(&[C::SubscribedFolders]);
        GroupMemberships, "group memberships",
            up_to(&[C::GlobalGroupMemberships, C::LocalGroupMemberships]);
    }
    Unsaid {
        /// Rights assigned to the leaver by name, not through groups; no counter counts them.
        SecurityPermissions, "security permissions", None;
    }
}

impl TransferKind {
    const fn facts(self) -> &'static KindFacts {
        &FACTS[self as usize]
    }

    /// The srv.asmx operation, e.g. `TransferUserTasks`.
    pub const fn operation_name(self) -> &'static str {
        self.facts().operation
    }

    /// The kind whose operation is `name` (ignoring ASCII case, as ASP.NET routes it).
    pub fn from_operation_name(name: &str) -> Option<TransferKind> {
        let name = name.trim();
        TransferKind::ALL
            .iter()
            .copied()
            .find(|k| k.operation_name().eq_ignore_ascii_case(name))
    }

    /// What is handed on, in plain words for an administrator ("checked-out documents").
    pub fn label(self) -> &'static str {
        self.facts().label
    }

    pub fn effect(self) -> TransferEffect {
        self.facts().effect
    }

    /// The GetUserStatistics counters for what this hands on; `None` where none counts it
    /// (individually assigned permissions).
    pub fn tally(self) -> Option<Tally> {
        self.facts().tally
    }
}

impl fmt::Display for TransferKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A TransferUser* call of kind `K`: hands `from_user_name`'s work of that kind on to
/// `to_user_name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferUserWork<K> {
    pub from_user_name: String,
    pub to_user_name: String,
    kind: PhantomData<K>,
}

impl<K: Transfer> TransferUserWork<K> {
    pub fn new(from_user_name: impl Into<String>, to_user_name: impl Into<String>) -> Self {
        TransferUserWork {
            from_user_name: from_user_name.into(),
            to_user_name: to_user_name.into(),
            kind: PhantomData,
        }
    }

    pub fn kind(&self) -> TransferKind {
        K::KIND
    }
}

/// A transfer's success. A warning means part of the work stayed with the leaver: show it and
/// read the statistics again.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Transferred {
    pub warnings: Option<String>,
}

impl Transferred {
    /// Success without a warning.
    pub fn is_clean(&self) -> bool {
        self.warnings.is_none()
    }
}

/// How every TransferUser* page spells its two users (over SOAP the samples capitalise them).
const USER_PARAMS: [&str; 2] = ["fromUserName", "toUserName"];

impl<K: Transfer> Operation for TransferUserWork<K> {
    const NAME: &'static str = K::KIND.operation_name();
    const TICKET_PARAM: Option<&'static str> = Some("authenticationTicket");
    type Output = Transferred;
    fn params(&self) -> Vec<(&'static str, String)> {
        let [from, to] = USER_PARAMS;
        vec![
            (from, self.from_user_name.clone()),
            (to, self.to_user_name.clone()),
        ]
    }
    /// Both: an empty name must never reach a call that hands work on.
    fn required_non_empty(&self) -> &'static [&'static str] {
        &USER_PARAMS
    }
    fn read(answer: &Element) -> Result<Transferred, String> {
        let warnings = answer
            .attr("warnings")
            .filter(|w| !w.trim().is_empty())
            .map(|w| w.trim().to_string());
        Ok(Transferred { warnings })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Collects what the type reached through `visit` says about itself.
    struct Describe;

    impl TransferVisitor for Describe {
        type Output = (TransferKind, &'static str);
        fn visit<K: Transfer>(self) -> Self::Output {
            (K::KIND, TransferUserWork::<K>::NAME)
        }
    }

    #[test]
    fn every_kind_reaches_its_own_request_type() {
        assert_eq!(TransferKind::ALL.len(), 13);
        assert_eq!(FACTS.len(), 13);
        for &kind in TransferKind::ALL {
            assert_eq!(kind.visit(Describe), (kind, kind.operation_name()));
        }
        assert_eq!(
            TransferUserWork::<kinds::ISOTasks>::NAME,
            "TransferUserISOTasks"
        );
    }

    #[test]
    fn what_each_kind_leaves_the_leaver() {
        use TransferKind::*;
        let keeps = |k: TransferKind| k.effect().leaver_keeps();
        for k in [
            CheckedOutDocuments,
            DocumentOwnerships,
            FolderOwnerships,
            Tasks,
            ISOTasks,
        ] {
            assert_eq!(keeps(k), Some(false), "{k:?}");
        }
        for k in [DocumentSubscriptions, GroupMemberships, DomainMemberships] {
            assert_eq!(keeps(k), Some(true), "{k:?}");
        }
        assert_eq!(keeps(SecurityPermissions), None);
        assert_eq!(SecurityPermissions.tally(), None);
    }

    #[test]
    fn tallies_add_their_counters() {
        let mut statistics = UserStatistics::default();
        statistics.set(Counter::GlobalGroupMemberships, 3);
        statistics.set(Counter::LocalGroupMemberships, 5);
        let groups = TransferKind::GroupMemberships.tally().unwrap();
        assert_eq!(groups.count(&statistics), 8);
        assert!(
            !groups.exact,
            "indirect memberships are counted, not transferred"
        );
        assert!(TransferKind::CheckedOutDocuments.tally().unwrap().exact);
    }

    #[test]
    fn a_blank_warning_is_no_warning() {
        let answer = crate::xml::parse_document(r#"<root success="true" warnings=" "/>"#).unwrap();
        assert!(
            TransferUserWork::<kinds::Tasks>::read(&answer)
                .unwrap()
                .is_clean()
        );
    }
}
