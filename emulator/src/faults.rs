//! Fault injection for tests: latency, failures of several kinds, operations an older server
//! lacks, a server that never reports MobileNumber, and the server settings tests switch at
//! run time (newer answers, replacing preferences, re-prompt on user delete).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Faults {
    pub latency_ms: u64,
    pub fail_500_rate: f64,
    pub malformed_rate: f64,
    pub drop_rate: f64,
    pub hang_rate: f64,
    /// The call is applied, then its answer is lost: HTTP 502 from a proxy that gave up, so a
    /// client cannot tell whether it was done (the exactly-once cases).
    pub lose_answer_rate: f64,
    /// Answered with HTTP 404, as a server that predates them.
    pub missing_ops: Vec<String>,
    pub omit_mobile: bool,
    /// When set, the random faults hit only these operations.
    pub only_ops: Option<Vec<String>>,
    /// A newer server: failures carry `errorCode` and a German text without a bracketed code;
    /// an empty or omitted required value answers HTTP 400 with no srv.asmx answer.
    pub modern: bool,
    /// UpdateUserPreferences replaces the whole block: attributes not sent are reset to the
    /// defaults (the newest page's reading; the seed says they keep their values).
    pub prefs_replace: bool,
    /// The HttpGet/HttpPost protocols are off in web.config: every GET/POST call answers the
    /// ASP.NET 500 page "Request format is unrecognized"; SOAP still works.
    pub protocols_off: bool,
    /// The password policy's `PasswordRePromptActions/UserDelete`: DeleteUser is refused with
    /// `[2767]` and DeleteUser1 checks the calling administrator's password.
    pub reprompt_user_delete: bool,
    /// Every TransferUser* answers with its page's `warnings` (the warnings mode).
    pub transfer_warnings: bool,
    /// An older server, as the vendor's `srv.wsdl` describes it: the calls in [`OLD_WSDL_LACKS`]
    /// do not exist and answer as any unknown operation does.
    pub old_wsdl: bool,
}

/// The calls the vendor's older `srv.wsdl` (162 operations) does not have (protocol-notes.md,
/// "SOAP, and servers with GET and POST switched off").
pub const OLD_WSDL_LACKS: [&str; 12] = [
    "AuthenticateUser1",
    "RenewTicket",
    "GetCurrentUser",
    "GetAllUsers1",
    "GetAllUsers2",
    "GetAllUsersWithoutDetails",
    "DeleteUser1",
    "UpdateUserContactInfo",
    "GetAuthenticationAndPasswordPolicy",
    "ForgotPassword",
    "ForgotPasswordByUserName",
    "ChangePasswordUsingSecretText",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    Http500,
    Malformed,
    Drop,
    Hang,
    LoseAnswer,
}

impl Faults {
    /// How the operations answer under these settings.
    pub fn mode(&self) -> crate::ops::Mode {
        crate::ops::Mode {
            with_mobile: !self.omit_mobile,
            modern: self.modern,
            prefs_replace: self.prefs_replace,
            reprompt_user_delete: self.reprompt_user_delete,
            transfer_warnings: self.transfer_warnings,
        }
    }

    /// Answered with 404 (`--missing-op`).
    pub fn is_missing(&self, op: &str) -> bool {
        self.missing_ops.iter().any(|m| m.eq_ignore_ascii_case(op))
    }

    /// Not there at all, as an older server: answered as an unknown operation.
    pub fn is_unknown(&self, op: &str) -> bool {
        self.old_wsdl && OLD_WSDL_LACKS.iter().any(|m| m.eq_ignore_ascii_case(op))
    }

    /// Picks at most one random fault for a call to `op`, from one uniform draw in [0, 1).
    pub fn pick(&self, op: &str, draw: f64) -> Option<Fault> {
        if let Some(only) = &self.only_ops
            && !only.iter().any(|o| o.eq_ignore_ascii_case(op))
        {
            return None;
        }
        let mut edge = 0.0;
        for (rate, fault) in [
            (self.fail_500_rate, Fault::Http500),
            (self.malformed_rate, Fault::Malformed),
            (self.drop_rate, Fault::Drop),
            (self.hang_rate, Fault::Hang),
            (self.lose_answer_rate, Fault::LoseAnswer),
        ] {
            edge += rate.clamp(0.0, 1.0);
            if draw < edge {
                return Some(fault);
            }
        }
        None
    }
}

/// A small seeded generator (xorshift64*): reproducible fault sequences without a dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next_f64(&mut self) -> f64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_partition_the_draw() {
        let f = Faults {
            fail_500_rate: 0.1,
            drop_rate: 0.2,
            ..Default::default()
        };
        assert_eq!(f.pick("GetUser", 0.05), Some(Fault::Http500));
        assert_eq!(f.pick("GetUser", 0.25), Some(Fault::Drop));
        assert_eq!(f.pick("GetUser", 0.5), None);
        let only = Faults {
            fail_500_rate: 1.0,
            only_ops: Some(vec!["ChangeUserStatus".into()]),
            ..Default::default()
        };
        assert_eq!(only.pick("GetUser", 0.0), None);
        assert_eq!(only.pick("changeuserstatus", 0.0), Some(Fault::Http500));
    }

    #[test]
    fn rng_is_uniform_enough() {
        let mut r = Rng::new(1);
        let draws: Vec<f64> = (0..10_000).map(|_| r.next_f64()).collect();
        assert!(draws.iter().all(|d| (0.0..1.0).contains(d)));
        let mean = draws.iter().sum::<f64>() / draws.len() as f64;
        assert!((mean - 0.5).abs() < 0.02, "{mean}");
    }
}
