//! Counts in words: "1 row", "3 rows". Every noun the console counts forms its plural with a
//! final "s" ("checked-out documents", "library memberships"), so the singular drops it.

/// `n` and the noun, given in the plural: `counted(1, "rows")` is "1 row".
pub fn counted(n: impl Into<u64>, plural: &str) -> String {
    let n = n.into();
    match (n, plural.strip_suffix('s')) {
        (1, Some(one)) => format!("1 {one}"),
        _ => format!("{n} {plural}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_the_rest_plural() {
        assert_eq!(counted(1u32, "rows"), "1 row");
        assert_eq!(counted(0u32, "rows"), "0 rows");
        assert_eq!(
            counted(2u64, "library memberships"),
            "2 library memberships"
        );
        assert_eq!(counted(1u64, "folder ownerships"), "1 folder ownership");
        assert_eq!(counted(1u32, "staff"), "1 staff");
    }
}
