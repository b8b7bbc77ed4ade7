//! Name patterns in rules and price tables (models, tenants).

/// `*` matches anything, `prefix*` a prefix, anything else itself.
pub fn pattern_matches(pattern: &str, value: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => value.starts_with(prefix),
        None => pattern == value,
    }
}

/// Why `pattern` is not a name pattern (a name, `prefix*` or `*`), if it is not.
pub fn pattern_error(pattern: &str) -> Option<&'static str> {
    (pattern.is_empty() || pattern.trim_end_matches('*').contains('*'))
        .then_some("a name, `prefix*` or `*`")
}
