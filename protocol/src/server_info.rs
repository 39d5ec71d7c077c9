//! ServerInfo's answer: `<root success="true" VersionNumber="8.7.0.0" ... />`, every value an
//! attribute, booleans as `"true"`/`"false"` (read ignoring case). Missing attributes are
//! tolerated: strings are then empty and flags false.

use crate::preferences::parse_bool;
use crate::xml::Element;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServerInfo {
    /// `VersionNumber`, e.g. `8.7.0.0`.
    pub version: String,
    /// `ServerName`: the Windows machine name.
    pub server_name: String,
    /// `Company`: the licensee.
    pub company: String,
    /// `WindowsAuthenticationIsOn`: AuthenticateUserViaWindows can be offered.
    pub windows_authentication: bool,
    /// `AnonymousAccessIsOn`.
    pub anonymous_access: bool,
    /// `WorkflowIsOn`: workflow actions are allowed.
    pub workflow: bool,
    /// `ComplianceModuleIsOn`.
    pub compliance_module: bool,
    /// `Server_date_time`, as given (the server's local time).
    pub server_time: String,
    /// `Coordinated_Universal_Time`, as given.
    pub utc_time: String,
    /// `UTC_Offset` in hours, as given (e.g. `-5`).
    pub utc_offset: String,
    /// `LicenseCount`, as given.
    pub license_count: String,
    /// `SubscriptionEndDate`, as given.
    pub subscription_end_date: String,
}

impl ServerInfo {
    pub fn from_element(e: &Element) -> ServerInfo {
        let text = |name: &str| e.attr(name).unwrap_or_default().trim().to_string();
        let flag = |name: &str| e.attr(name).and_then(parse_bool).unwrap_or(false);
        ServerInfo {
            version: text("VersionNumber"),
            server_name: text("ServerName"),
            company: text("Company"),
            windows_authentication: flag("WindowsAuthenticationIsOn"),
            anonymous_access: flag("AnonymousAccessIsOn"),
            workflow: flag("WorkflowIsOn"),
            compliance_module: flag("ComplianceModuleIsOn"),
            server_time: text("Server_date_time"),
            utc_time: text("Coordinated_Universal_Time"),
            utc_offset: text("UTC_Offset"),
            license_count: text("LicenseCount"),
            subscription_end_date: text("SubscriptionEndDate"),
        }
    }
}
