//! Everything one emulator instance holds, behind one lock: each call runs whole under it, so
//! concurrent calls never see half of another (no lost update, no half-done rename).

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use crate::policy::PasswordPolicy;
use crate::store::Store;
use crate::world::World;

pub struct Ticket {
    pub user_id: u32,
    pub expires: SystemTime,
}

pub struct State {
    pub store: Store,
    /// Libraries, groups, redirections and sent mails, about the accounts in `store`.
    pub world: World,
    pub tickets: HashMap<String, Ticket>,
    pub ttl: Duration,
    pub policy: PasswordPolicy,
}

/// Why a ticket was not accepted; both answer `[901]`.
pub struct BadTicket;

impl State {
    pub fn new(store: Store, world: World, ttl: Duration, policy: PasswordPolicy) -> State {
        State {
            store,
            world,
            tickets: HashMap::new(),
            ttl,
            policy,
        }
    }

    /// Removes the account at `index` for good, and every ticket it holds.
    pub fn delete_account(&mut self, index: usize) {
        let id = self.store.accounts.remove(index).user.id;
        self.tickets.retain(|_, t| t.user_id != id);
        self.world.forget_user(id);
    }

    pub fn issue(&mut self, user_id: u32) -> (String, SystemTime) {
        let ticket = uuid::Uuid::new_v4().to_string();
        let expires = SystemTime::now() + self.ttl;
        self.tickets
            .insert(ticket.clone(), Ticket { user_id, expires });
        (ticket, expires)
    }

    /// The account index behind a live ticket. `extend` slides the expiry (every call but
    /// isValidTicket). Expired tickets are forgotten on sight.
    pub fn check(&mut self, ticket: &str, extend: bool) -> Result<usize, BadTicket> {
        let now = SystemTime::now();
        let key = ticket.trim().to_ascii_lowercase();
        let live = match self.tickets.get_mut(&key) {
            Some(t) if t.expires > now => {
                if extend {
                    t.expires = now + self.ttl;
                }
                Some(t.user_id)
            }
            Some(_) => None,
            None => return Err(BadTicket),
        };
        match live.and_then(|id| self.store.by_id(id)) {
            Some(index) => Ok(index),
            None => {
                self.tickets.remove(&key);
                Err(BadTicket)
            }
        }
    }

    pub fn expiry_of(&self, ticket: &str) -> Option<SystemTime> {
        self.tickets
            .get(&ticket.trim().to_ascii_lowercase())
            .map(|t| t.expires)
    }

    pub fn expire_ticket(&mut self, ticket: &str) -> bool {
        self.tickets
            .remove(&ticket.trim().to_ascii_lowercase())
            .is_some()
    }

    pub fn expire_user(&mut self, name: &str) -> usize {
        let Some(index) = self.store.index_of(name) else {
            return 0;
        };
        let id = self.store.accounts[index].user.id;
        let before = self.tickets.len();
        self.tickets.retain(|_, t| t.user_id != id);
        before - self.tickets.len()
    }
}
