//! SOAP 1.1, the protocol every srv.asmx speaks even where its web.config switches GET and POST
//! off (protocol-notes.md, "SOAP, and servers with GET and POST switched off"). The request is
//! the same operation and parameters as a GET or POST; only the wire form differs: one POST to
//! srv.asmx itself, a `SOAPAction` header naming the operation, and an envelope whose element
//! names are case-sensitive. The answer is unwrapped in `envelope.rs`, so every typed reader
//! serves all three transports.

use crate::error::ApiError;
use crate::operations::Call;
use crate::xml::{escape_attribute, is_xml_representable};

pub const SOAP_CONTENT_TYPE: &str = "text/xml; charset=utf-8";

const NAMESPACE: &str = "http://tempuri.org/";

/// GET/POST names follow the seeds and the parameter tables; SOAP element names are
/// case-sensitive and follow each page's SOAP sample, which spells some otherwise. Both lists
/// are checked against every sample in `tests/soap_samples.rs`.
///
/// The operations whose sample capitalises the ticket (`AuthenticationTicket`) where GET and
/// POST send `authenticationTicket`; every TransferUser* does too.
const TICKET_CAPITALISED: &[&str] = &[
    "GetUser",
    "GetAllUsers",
    "GetAllUsers1",
    "UpdateUserEmail",
    "UpdateUserProfile",
    "UpdateUserPreferences",
    "ChangeUserStatus",
    "CreateUser",
    "DeleteUser",
    "DeleteUser1",
    "UserExists",
    "ChangeUserType",
    "GetDomains",
    "GetMemberDomains",
    "GetGlobalGroups",
    "GetLocalGroups",
    "GetDomainGroups",
    "GetUserGroup",
    "GetUserGroupMembers",
    "AddUsergroupMember",
    "RemoveUsergroupMember",
    "AddUserAsDomainMember",
    "RemoveUserFromDomainMembership",
];

/// The other names a sample spells otherwise: operation (`TransferUser*` for all thirteen),
/// GET/POST name, SOAP element.
const SPELLED_OTHERWISE: &[(&str, &str, &str)] = &[
    ("UpdateUserPreferences", "xmlPreferences", "XmlPreferences"),
    ("ChangeUserType", "userName", "UserName"),
    ("ChangeUserType", "userType", "UserType"),
    ("TransferUser*", "fromUserName", "FromUserName"),
    ("TransferUser*", "toUserName", "ToUserName"),
    // The other way round: its table capitalises the ticket, its sample does not.
    (
        "GetCheckedoutDocumentsByUser",
        "AuthenticationTicket",
        "authenticationTicket",
    ),
];

/// The element `operation`'s SOAP body names the parameter that GET and POST send as `param`.
pub fn element_name(operation: &str, param: &'static str) -> &'static str {
    let transfer = operation.starts_with("TransferUser");
    if param == "authenticationTicket" && (transfer || TICKET_CAPITALISED.contains(&operation)) {
        return "AuthenticationTicket";
    }
    SPELLED_OTHERWISE
        .iter()
        .find(|(op, wire, _)| {
            *wire == param && (*op == operation || (transfer && *op == "TransferUser*"))
        })
        .map_or(param, |(_, _, soap)| soap)
}

/// The `SOAPAction` header's value, quoted as SOAP 1.1 requires.
pub fn soap_action(operation: &str) -> String {
    format!("\"{NAMESPACE}{operation}\"")
}

/// The envelope for `operation` with `params` (GET/POST names, the ticket among them), in the
/// order given. Values are XML-escaped so that they read back byte for byte (line breaks and
/// tabs as character references: a parser would otherwise normalise a CR LF).
pub fn envelope(operation: &str, params: &[(&'static str, String)]) -> String {
    let mut body = String::with_capacity(256);
    body.push_str(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope \
         xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><",
    );
    body.push_str(operation);
    body.push_str(" xmlns=\"");
    body.push_str(NAMESPACE);
    body.push_str("\">");
    for (param, value) in params {
        let name = element_name(operation, param);
        body.push('<');
        body.push_str(name);
        body.push('>');
        body.push_str(&escape_attribute(value));
        body.push_str("</");
        body.push_str(name);
        body.push('>');
    }
    body.push_str("</");
    body.push_str(operation);
    body.push_str("></soap:Body></soap:Envelope>");
    body
}

/// A value XML 1.0 cannot carry (most control characters) cannot go in an envelope at all:
/// refused before sending, naming the parameter, instead of a server fault nobody can read.
pub fn check_representable(call: &Call) -> Result<(), ApiError> {
    match call.params.iter().find(|(_, v)| !is_xml_representable(v)) {
        None => Ok(()),
        Some((name, _)) => Err(ApiError::Unsupported {
            message: format!(
                "The {name} value contains a control character that this server's protocol \
                 (SOAP) cannot carry. Remove it and try again."
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::parse_document;

    #[test]
    fn envelope_reads_back_exactly() {
        let value = "a & b <c> \"d\" 'e'\r\n\tf +1 ü 😀";
        let text = envelope(
            "UpdateUserPreferences",
            &[
                ("xmlPreferences", value.to_string()),
                ("UserName", "".into()),
            ],
        );
        let doc = parse_document(&text).unwrap();
        let op = &doc.child("Body").unwrap().children[0];
        assert_eq!(op.name, "UpdateUserPreferences");
        assert_eq!(op.children[0].name, "XmlPreferences");
        assert_eq!(op.children[0].text, value);
        assert_eq!(op.children[1].name, "UserName");
        assert_eq!(op.children[1].text, "");
    }

    #[test]
    fn action_is_quoted() {
        assert_eq!(soap_action("GetUser"), "\"http://tempuri.org/GetUser\"");
    }

    #[test]
    fn names_follow_the_samples() {
        assert_eq!(
            element_name("TransferUserTasks", "toUserName"),
            "ToUserName"
        );
        assert_eq!(
            element_name("UpdateUserContactInfo", "authenticationTicket"),
            "authenticationTicket"
        );
        assert_eq!(element_name("GetUser", "UserName"), "UserName");
    }
}
