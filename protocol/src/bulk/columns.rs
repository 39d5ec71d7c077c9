//! The columns a bulk sheet can have, and the header spellings that map to them.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// `create`, `update` (also an empty cell) or `delete`: what the row does to its user.
    Action,
    UserName,
    Email,
    Mobile,
    NewUserName,
    FirstName,
    LastName,
    AuthSource,
    /// The first password of a created native user; never shown or written back.
    Password,
    /// Whether a created user is read-only.
    ReadOnly,
    /// A domain/library a created user joins.
    Domain,
    Language,
    DefaultPortal,
    ShowArchives,
    ShowHiddens,
    NotificationType,
    EmailType,
    AttachDocumentToEmail,
    Enabled,
    /// Who takes a `handover` row's work over.
    Successor,
    /// Groups to add the user to, `|`-separated (src/bulk/memberships.rs).
    AddGroups,
    RemoveGroups,
    /// Libraries to make the user a direct member of, `|`-separated.
    AddLibraries,
    RemoveLibraries,
    /// `author` or `read-only` (ChangeUserType).
    UserType,
}

impl Column {
    pub const ALL: [Column; 25] = [
        Column::Action,
        Column::UserName,
        Column::Email,
        Column::Mobile,
        Column::NewUserName,
        Column::FirstName,
        Column::LastName,
        Column::AuthSource,
        Column::Password,
        Column::ReadOnly,
        Column::Domain,
        Column::Language,
        Column::DefaultPortal,
        Column::ShowArchives,
        Column::ShowHiddens,
        Column::NotificationType,
        Column::EmailType,
        Column::AttachDocumentToEmail,
        Column::Enabled,
        Column::Successor,
        Column::AddGroups,
        Column::RemoveGroups,
        Column::AddLibraries,
        Column::RemoveLibraries,
        Column::UserType,
    ];

    /// Whether a cell holds a `|`-separated list (groups, libraries).
    pub fn is_list(self) -> bool {
        matches!(
            self,
            Column::AddGroups
                | Column::RemoveGroups
                | Column::AddLibraries
                | Column::RemoveLibraries
        )
    }

    /// The canonical header, as the template writes it.
    pub fn header(self) -> &'static str {
        match self {
            Column::Action => "action",
            Column::UserName => "user_name",
            Column::Email => "email",
            Column::Mobile => "mobile",
            Column::NewUserName => "new_user_name",
            Column::FirstName => "first_name",
            Column::LastName => "last_name",
            Column::AuthSource => "auth_source",
            Column::Password => "password",
            Column::ReadOnly => "read_only",
            Column::Domain => "domain",
            Column::Language => "language",
            Column::DefaultPortal => "default_portal",
            Column::ShowArchives => "show_archives",
            Column::ShowHiddens => "show_hiddens",
            Column::NotificationType => "notification_type",
            Column::EmailType => "email_type",
            Column::AttachDocumentToEmail => "attach_document_to_email",
            Column::Enabled => "enabled",
            Column::Successor => "successor",
            Column::AddGroups => "add_groups",
            Column::RemoveGroups => "remove_groups",
            Column::AddLibraries => "add_libraries",
            Column::RemoveLibraries => "remove_libraries",
            Column::UserType => "user_type",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Column::Action => "Action",
            Column::UserName => "User name",
            Column::Email => "Email",
            Column::Mobile => "Mobile",
            Column::NewUserName => "New user name",
            Column::FirstName => "First name",
            Column::LastName => "Last name",
            Column::AuthSource => "Authentication source",
            Column::Password => "Password",
            Column::ReadOnly => "Read-only",
            Column::Domain => "Domain",
            Column::Language => "Language",
            Column::DefaultPortal => "Default portal",
            Column::ShowArchives => "Show archived",
            Column::ShowHiddens => "Show hidden",
            Column::NotificationType => "Notification type",
            Column::EmailType => "Email type",
            Column::AttachDocumentToEmail => "Attach documents",
            Column::Enabled => "Enabled",
            Column::Successor => "Successor",
            Column::AddGroups => "Add to groups",
            Column::RemoveGroups => "Remove from groups",
            Column::AddLibraries => "Add to libraries",
            Column::RemoveLibraries => "Remove from libraries",
            Column::UserType => "User type",
        }
    }

    /// Matches a header ignoring case, spaces, underscores, hyphens and dots, with aliases.
    pub fn from_header(header: &str) -> Option<Column> {
        let key: String = header
            .trim_start_matches('\u{FEFF}')
            .chars()
            .filter(|c| !matches!(c, ' ' | '_' | '-' | '.' | '\t'))
            .flat_map(char::to_lowercase)
            .collect();
        let column = match key.as_str() {
            // Not "operation": the results file has that column, and reads back in.
            "action" => Column::Action,
            "username" | "user" | "login" | "account" | "uid" => Column::UserName,
            "email" | "emailaddress" | "mail" | "newemail" | "newemailaddress" => Column::Email,
            "mobile" | "mobilenumber" | "phone" | "cell" | "cellphone" => Column::Mobile,
            "newusername" | "renameto" | "newlogin" | "rename" => Column::NewUserName,
            "firstname" | "first" | "givenname" | "newfirstname" => Column::FirstName,
            "lastname" | "last" | "surname" | "familyname" | "newlastname" => Column::LastName,
            "authsource"
            | "authenticationsource"
            | "auth"
            | "source"
            | "authenticatesource"
            | "authority" => Column::AuthSource,
            "password" | "initialpassword" | "newpassword" | "pwd" => Column::Password,
            "readonly" | "readonlyuser" => Column::ReadOnly,
            "domain" | "domainname" | "library" => Column::Domain,
            "language" | "lang" => Column::Language,
            "defaultportal" | "portal" => Column::DefaultPortal,
            "showarchives" | "showarchived" | "archives" => Column::ShowArchives,
            "showhiddens" | "showhidden" | "hidden" => Column::ShowHiddens,
            "notificationtype" | "notification" | "notifications" => Column::NotificationType,
            "emailtype" | "emailformat" => Column::EmailType,
            "attachdocumenttoemail" | "attachdocuments" | "attach" => Column::AttachDocumentToEmail,
            "enabled" | "status" | "active" | "enable" => Column::Enabled,
            "successor" | "handoverto" | "transferto" | "to" => Column::Successor,
            "addgroups" | "groupstoadd" | "joingroups" | "addgroup" => Column::AddGroups,
            "removegroups" | "groupstoremove" | "leavegroups" | "removegroup" => {
                Column::RemoveGroups
            }
            "addlibraries" | "librariestoadd" | "adddomains" | "addlibrary" => Column::AddLibraries,
            "removelibraries" | "librariestoremove" | "removedomains" | "removelibrary" => {
                Column::RemoveLibraries
            }
            "usertype" | "type" | "accounttype" => Column::UserType,
            _ => return None,
        };
        Some(column)
    }
}

#[cfg(test)]
mod tests {
    use super::Column;

    #[test]
    fn canonical_headers_and_aliases() {
        for c in Column::ALL {
            assert_eq!(Column::from_header(c.header()), Some(c));
        }
        assert_eq!(Column::from_header("User Name"), Some(Column::UserName));
        assert_eq!(Column::from_header("E-mail"), Some(Column::Email));
        assert_eq!(
            Column::from_header("\u{FEFF}USER_NAME"),
            Some(Column::UserName)
        );
        assert_eq!(Column::from_header("Rename to"), Some(Column::NewUserName));
        assert_eq!(Column::from_header("Status"), Some(Column::Enabled));
        assert_eq!(
            Column::from_header("Read-only user"),
            Some(Column::ReadOnly)
        );
        assert_eq!(Column::from_header("Action"), Some(Column::Action));
        assert_eq!(Column::from_header("favourite colour"), None);
    }
}
