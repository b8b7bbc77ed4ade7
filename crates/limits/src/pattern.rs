//! Name patterns in rules and price tables (models, tenants).

/// `*` matches anything, `prefix*` a prefix, anything else itself.
pub fn pattern_matches(pattern: &str, value: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => value.starts_with(prefix),
        None => pattern == value,
    }
}
