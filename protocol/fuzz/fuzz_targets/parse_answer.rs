//! Any bytes from a server, with any status: decoding must return a value or an error, never
//! panic, loop or blow the stack.
#![no_main]

use inforouter_protocol::decode;
use inforouter_protocol::operations::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let status = if data.first().is_some_and(|b| b & 1 == 1) { 200 } else { 500 };
    let _ = decode::<GetUser>(status, data);
    let _ = decode::<GetAllUsers1>(200, data);
    let _ = decode::<AuthenticateUser>(200, data);
    let _ = decode::<IsValidTicket>(200, data);
    let _ = inforouter_protocol::Preferences::from_xml(&String::from_utf8_lossy(data));
    let _ = inforouter_protocol::UserQuery::from_url_query(&String::from_utf8_lossy(data));
});
