//! The path the console is served under (`/` by default, `/infoRouter/accounts/` next to a real
//! infoRouter). In-app paths such as `/users/jdoe` are written without it; this turns them into
//! addresses and back.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasePath {
    /// Always starts and ends with `/`.
    prefix: String,
}

impl Default for BasePath {
    fn default() -> Self {
        BasePath { prefix: "/".into() }
    }
}

impl BasePath {
    /// Reads the deploy-time value. Anything that is not a clean absolute path falls back to `/`
    /// (the packaging script refuses such values; a hand-edited page must still load).
    pub fn parse(value: &str) -> BasePath {
        let value = value.trim();
        let clean = value.starts_with('/')
            && !value.starts_with("//")
            && !value.contains(['?', '#', '\\', ' '])
            && !value.split('/').any(|s| s == ".." || s == ".");
        if !clean {
            return BasePath::default();
        }
        let mut prefix = value.to_string();
        if !prefix.ends_with('/') {
            prefix.push('/');
        }
        BasePath { prefix }
    }

    /// `/infoRouter/accounts/`.
    pub fn as_str(&self) -> &str {
        &self.prefix
    }

    /// The base without its last `/`, to put in front of an in-app path: `/infoRouter/accounts`,
    /// or empty at the root.
    pub fn router_base(&self) -> &str {
        self.prefix.trim_end_matches('/')
    }

    /// The address of an in-app path: `/users` → `/infoRouter/accounts/users`.
    pub fn href(&self, app_path: &str) -> String {
        format!("{}{}", self.router_base(), ensure_leading_slash(app_path))
    }

    /// The in-app path of an address, or `None` when the address is outside the console.
    /// `/infoRouter/accounts` (no trailing slash) is the console's root too.
    pub fn strip<'a>(&self, pathname: &'a str) -> Option<&'a str> {
        let base = self.router_base();
        if base.is_empty() {
            return pathname.starts_with('/').then_some(pathname);
        }
        let rest = pathname.strip_prefix(base)?;
        if rest.is_empty() {
            Some("/")
        } else if rest.starts_with('/') {
            Some(rest)
        } else {
            None
        }
    }
}

fn ensure_leading_slash(path: &str) -> std::borrow::Cow<'_, str> {
    if path.starts_with('/') {
        path.into()
    } else {
        format!("/{path}").into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_is_the_default() {
        let root = BasePath::default();
        assert_eq!(root.as_str(), "/");
        assert_eq!(root.router_base(), "");
        assert_eq!(root.href("/users"), "/users");
        assert_eq!(root.href("/"), "/");
        assert_eq!(root.strip("/users/jdoe"), Some("/users/jdoe"));
    }

    #[test]
    fn a_prefix_is_added_and_removed() {
        let base = BasePath::parse("/infoRouter/accounts/");
        assert_eq!(base.router_base(), "/infoRouter/accounts");
        assert_eq!(
            base.href("/users/j%2Fdoe"),
            "/infoRouter/accounts/users/j%2Fdoe"
        );
        assert_eq!(base.href("/"), "/infoRouter/accounts/");
        assert_eq!(base.href("bulk"), "/infoRouter/accounts/bulk");
        assert_eq!(
            base.strip("/infoRouter/accounts/embed/email"),
            Some("/embed/email")
        );
        assert_eq!(base.strip("/infoRouter/accounts/"), Some("/"));
        assert_eq!(base.strip("/infoRouter/accounts"), Some("/"));
        assert_eq!(base.strip("/infoRouter/accountsX/users"), None);
        assert_eq!(base.strip("/other/users"), None);
    }

    #[test]
    fn missing_trailing_slash_is_tolerated() {
        assert_eq!(BasePath::parse("/ir").as_str(), "/ir/");
        assert_eq!(BasePath::parse(" /ir/ ").as_str(), "/ir/");
    }

    #[test]
    fn unsafe_values_fall_back_to_root() {
        for bad in [
            "",
            "infoRouter/",
            "//evil.example/",
            "https://x/",
            "/a/../b/",
            "/a b/",
            "/a?x/",
            "/a#/",
            "/a\\b/",
            "/./",
        ] {
            assert_eq!(BasePath::parse(bad), BasePath::default(), "{bad:?}");
        }
    }
}
