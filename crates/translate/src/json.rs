//! Reading JSON without losing what must pass through untouched.
//!
//! An [`Obj`] is a JSON object as its keys, in document order, each with the
//! raw text of its value. Values are parsed only when read, and tool schemas
//! and tool inputs can be copied byte for byte. Duplicate keys are refused
//! (two readers of one body must not see two different values). Every error
//! names the field as a path (`messages[2].content[0].image_url.url`).
//!
//! Skipping over a raw value is iterative in serde_json, so deeply nested
//! input cannot overflow the stack here; values parsed into typed structs
//! hit serde_json's recursion limit (128) and fail cleanly.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;

use crate::error::TranslateError;

type Result<T> = std::result::Result<T, TranslateError>;

/// A parsed JSON object: keys in order, raw values.
pub(crate) struct Obj<'a> {
    path: String,
    entries: Vec<(String, &'a RawValue)>,
}

/// What the visitor collects; duplicates are reported by [`Obj`] with a path.
struct Entries<'a> {
    entries: Vec<(String, &'a RawValue)>,
}

impl<'de> Deserialize<'de> for Entries<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Entries<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Entries<'de>, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value: &'de RawValue = map.next_value()?;
                    entries.push((key, value));
                }
                Ok(Entries { entries })
            }
        }
        d.deserialize_map(V)
    }
}

/// `path.key`, or `key` at the top.
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// `path[i]`.
pub(crate) fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

pub(crate) fn is_null(raw: &RawValue) -> bool {
    raw.get() == "null"
}

fn first_byte(raw: &str) -> Option<u8> {
    raw.bytes().find(|b| !b.is_ascii_whitespace())
}

impl<'a> Obj<'a> {
    fn from_entries(path: String, entries: Vec<(String, &'a RawValue)>) -> Result<Self> {
        // Sorting a list of references keeps this O(n log n) on objects with
        // very many keys.
        let mut keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
        keys.sort_unstable();
        let mut previous: Option<&str> = None;
        for k in keys {
            if previous == Some(k) {
                return Err(TranslateError::invalid(join(&path, k), "duplicate key"));
            }
            previous = Some(k);
        }
        Ok(Obj { path, entries })
    }

    /// The path of this object in the body ("" at the top).
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    /// The path of one of its fields.
    pub(crate) fn field(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// Every entry in document order, nulls included.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &'a RawValue)> + '_ {
        self.entries.iter().map(|(k, v)| (k.as_str(), *v))
    }

    /// The raw value of `key`; `None` when absent or `null` (both APIs treat
    /// an explicit null as "not set").
    pub(crate) fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| *v).filter(|v| !is_null(v))
    }

    pub(crate) fn str(&self, key: &str) -> Result<Option<String>> {
        self.get(key).map(|raw| string_at(raw, &self.field(key))).transpose()
    }

    pub(crate) fn required_str(&self, key: &str) -> Result<String> {
        self.str(key)?.ok_or_else(|| TranslateError::invalid(self.field(key), "is required"))
    }

    pub(crate) fn u64(&self, key: &str) -> Result<Option<u64>> {
        self.get(key).map(|raw| u64_at(raw, &self.field(key))).transpose()
    }

    pub(crate) fn bool(&self, key: &str) -> Result<Option<bool>> {
        self.get(key).map(|raw| bool_at(raw, &self.field(key))).transpose()
    }

    pub(crate) fn obj(&self, key: &str) -> Result<Option<Obj<'a>>> {
        self.get(key).map(|raw| obj_at(raw, self.field(key))).transpose()
    }

    pub(crate) fn arr(&self, key: &str) -> Result<Option<Vec<&'a RawValue>>> {
        self.get(key).map(|raw| arr_at(raw, &self.field(key))).transpose()
    }
}

/// A whole body, which must be a JSON object.
pub(crate) fn parse_body(body: &[u8]) -> Result<Obj<'_>> {
    match serde_json::from_slice::<Entries>(body) {
        Ok(e) => Obj::from_entries(String::new(), e.entries),
        Err(err) if err.is_data() => {
            Err(TranslateError::invalid("", "the body must be a JSON object"))
        }
        Err(err) => Err(TranslateError::InvalidJson { message: err.to_string() }),
    }
}

pub(crate) fn obj_at(raw: &RawValue, path: String) -> Result<Obj<'_>> {
    if first_byte(raw.get()) != Some(b'{') {
        return Err(TranslateError::invalid(path, "must be an object"));
    }
    match serde_json::from_str::<Entries>(raw.get()) {
        Ok(e) => Obj::from_entries(path, e.entries),
        Err(_) => Err(TranslateError::invalid(path, "must be an object")),
    }
}

pub(crate) fn arr_at<'a>(raw: &'a RawValue, path: &str) -> Result<Vec<&'a RawValue>> {
    serde_json::from_str::<Vec<&RawValue>>(raw.get())
        .map_err(|_| TranslateError::invalid(path, "must be an array"))
}

pub(crate) fn string_at(raw: &RawValue, path: &str) -> Result<String> {
    serde_json::from_str::<String>(raw.get())
        .map_err(|_| TranslateError::invalid(path, "must be a string"))
}

pub(crate) fn u64_at(raw: &RawValue, path: &str) -> Result<u64> {
    serde_json::from_str::<u64>(raw.get())
        .map_err(|_| TranslateError::invalid(path, "must be a non-negative integer"))
}

pub(crate) fn f64_at(raw: &RawValue, path: &str) -> Result<f64> {
    serde_json::from_str::<f64>(raw.get())
        .map_err(|_| TranslateError::invalid(path, "must be a number"))
}

pub(crate) fn bool_at(raw: &RawValue, path: &str) -> Result<bool> {
    serde_json::from_str::<bool>(raw.get())
        .map_err(|_| TranslateError::invalid(path, "must be a boolean"))
}

/// A JSON value that is an object, as an owned raw value (for tool inputs
/// and schemas, copied byte for byte).
pub(crate) fn owned_object(raw: &RawValue, path: &str) -> Result<Box<RawValue>> {
    if first_byte(raw.get()) != Some(b'{') {
        return Err(TranslateError::invalid(path, "must be a JSON object"));
    }
    Ok(raw.to_owned())
}

/// Parses a string that must hold a JSON object (OpenAI's tool-call
/// `arguments`). Empty or blank means no arguments: `{}`.
pub(crate) fn object_from_str(text: &str, path: &str) -> Result<Box<RawValue>> {
    let trimmed = text.trim_matches(|c: char| c.is_ascii_whitespace());
    if trimmed.is_empty() {
        return Ok(empty_object());
    }
    if first_byte(trimmed) != Some(b'{') {
        return Err(TranslateError::invalid(path, "must be a JSON object"));
    }
    RawValue::from_string(trimmed.to_owned())
        .map_err(|e| TranslateError::invalid(path, format!("is not valid JSON ({e})")))
}

pub(crate) fn empty_object() -> Box<RawValue> {
    // `{}` is valid JSON; the fallback only satisfies the type checker.
    RawValue::from_string("{}".to_owned()).unwrap_or_else(|_| RawValue::NULL.to_owned())
}

/// A value parsed from a raw value into a `serde_json::Value` (small,
/// order-insensitive parts such as usage), `None` if it does not parse.
pub(crate) fn value_of(raw: &RawValue) -> Option<serde_json::Value> {
    serde_json::from_str(raw.get()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_raw_text() {
        let o = parse_body(br#"{"b": {"z":1, "a":2}, "a": null, "c": "x"}"#).unwrap();
        let keys: Vec<_> = o.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["b", "a", "c"]);
        assert_eq!(o.get("b").unwrap().get(), r#"{"z":1, "a":2}"#);
        assert!(o.get("a").is_none());
        assert_eq!(o.str("c").unwrap().as_deref(), Some("x"));
    }

    #[test]
    fn refuses_duplicates_with_a_path() {
        let err = parse_body(br#"{"a":1,"b":2,"a":3}"#).err().unwrap();
        assert_eq!(err, TranslateError::invalid("a", "duplicate key"));
        let o = parse_body(br#"{"m":{"x":1,"x":2}}"#).unwrap();
        assert_eq!(o.obj("m").err().unwrap().field(), Some("m.x"));
    }

    #[test]
    fn body_errors() {
        assert!(matches!(parse_body(b"{"), Err(TranslateError::InvalidJson { .. })));
        assert!(matches!(parse_body(b"\xff"), Err(TranslateError::InvalidJson { .. })));
        assert!(matches!(parse_body(b"[1]"), Err(TranslateError::Invalid { .. })));
        assert!(matches!(parse_body(b"{} x"), Err(TranslateError::InvalidJson { .. })));
    }

    #[test]
    fn object_from_str_cases() {
        assert_eq!(object_from_str("", "p").unwrap().get(), "{}");
        assert_eq!(object_from_str(" {\"a\":1} ", "p").unwrap().get(), "{\"a\":1}");
        assert!(object_from_str("[1]", "p").is_err());
        assert!(object_from_str("{\"a\":", "p").is_err());
        assert!(object_from_str("{} {}", "p").is_err());
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let mut body = String::from("{\"a\":");
        body.push_str(&"[".repeat(200_000));
        body.push_str(&"]".repeat(200_000));
        body.push('}');
        let o = parse_body(body.as_bytes()).unwrap();
        assert!(o.obj("a").is_err());
        // The outer array parses, its one element stays raw (skipping it is
        // iterative); parsing it into a Value hits the recursion limit.
        let inner = o.arr("a").unwrap().unwrap();
        assert_eq!(inner.len(), 1);
        assert!(value_of(inner[0]).is_none());
    }
}
