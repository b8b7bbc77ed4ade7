//! Every string in a JSON document, as the model will read it: keys and
//! values, with escapes (`\u0040`, surrogate pairs) resolved, each with its
//! byte span in the document and its path, so a scanner sees exactly the
//! text the provider sees (duplicate keys, unknown fields and nested tool
//! arguments included) and a redaction rewrites exactly that literal.
//!
//! The walker is a strict JSON tokenizer: anything that is not one JSON value
//! (RFC 8259) is an error, never a partial result that could let text pass
//! unscanned.

use std::fmt::Write as _;

/// One step of a path: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A string token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Str {
    /// Byte span of the literal in the document, quotes included.
    pub start: usize,
    pub end: usize,
    /// The decoded text.
    pub text: String,
    /// True for an object key (its path is the object's).
    pub is_key: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub at: usize,
    pub message: &'static str,
}

/// Nesting beyond this is refused (a stack-depth guard; real requests nest
/// a dozen levels at most).
pub const MAX_DEPTH: usize = 128;

/// Calls `visit(path, string)` for every string in document order. Fails on
/// anything that is not exactly one JSON value.
pub fn walk(doc: &[u8], mut visit: impl FnMut(&[Seg], &Str)) -> Result<(), Error> {
    let mut w = Walker { doc, at: 0, path: Vec::new() };
    w.ws();
    w.value(&mut visit, 0)?;
    w.ws();
    if w.at != doc.len() {
        return Err(w.err("trailing characters after the JSON value"));
    }
    Ok(())
}

/// All strings with their paths (for small documents such as SSE events).
pub fn strings(doc: &[u8]) -> Result<Vec<(Vec<Seg>, Str)>, Error> {
    let mut out = Vec::new();
    walk(doc, |p, s| out.push((p.to_vec(), s.clone())))?;
    Ok(out)
}

/// Replaces string literals (by span, sorted, non-overlapping) with new
/// texts, encoded as JSON strings.
pub fn replace(doc: &[u8], replacements: &[(usize, usize, &str)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(doc.len() + 64);
    let mut at = 0;
    for &(start, end, text) in replacements {
        if start < at || end > doc.len() || start > end {
            continue;
        }
        out.extend_from_slice(doc.get(at..start).unwrap_or_default());
        encode_into(text, &mut out);
        at = end;
    }
    out.extend_from_slice(doc.get(at..).unwrap_or_default());
    out
}

/// Length of the prefix of `b` that a JSON string holds as is: no `"`, `\\`
/// or control character. Eight bytes at a time (strings are mostly plain
/// text, and this loop is most of the cost of reading and writing them).
fn plain_run(b: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let mut i = 0;
    while let Some(chunk) = b.get(i..i + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let v = u64::from_le_bytes(w);
        // Any byte < 0x20 (exact for the whole word: bytes >= 0x80 have the
        // high bit set in v and cannot report), `"` or `\\`.
        let special = (v.wrapping_sub(ONES * 0x20) & !v & HIGH)
            | zero(v ^ (ONES * u64::from(b'"')))
            | zero(v ^ (ONES * u64::from(b'\\')));
        if special != 0 {
            break;
        }
        i += 8;
    }
    i + b
        .get(i..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&c| c >= 0x20 && c != b'"' && c != b'\\')
        .count()
}

/// `text` as a JSON string literal. Runs that need no escape are copied
/// whole (a per-character copy dominated the cost of a redacted body).
pub fn encode_into(text: &str, out: &mut Vec<u8>) {
    out.reserve(text.len() + 2);
    out.push(b'"');
    let mut rest = text.as_bytes();
    loop {
        let n = plain_run(rest);
        out.extend_from_slice(rest.get(..n).unwrap_or_default());
        let Some(&b) = rest.get(n) else { break };
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            _ => {
                let mut s = String::new();
                let _ = write!(s, "\\u{:04x}", b);
                out.extend_from_slice(s.as_bytes());
            }
        }
        rest = rest.get(n + 1..).unwrap_or_default();
    }
    out.push(b'"');
}

struct Walker<'a> {
    doc: &'a [u8],
    at: usize,
    path: Vec<Seg>,
}

impl Walker<'_> {
    fn err(&self, message: &'static str) -> Error {
        Error { at: self.at, message }
    }

    fn peek(&self) -> Option<u8> {
        self.doc.get(self.at).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, b: u8, message: &'static str) -> Result<(), Error> {
        if self.peek() == Some(b) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.err(message))
        }
    }

    fn value(&mut self, visit: &mut impl FnMut(&[Seg], &Str), depth: usize) -> Result<(), Error> {
        if depth > MAX_DEPTH {
            return Err(self.err("JSON nested too deeply"));
        }
        match self.peek() {
            Some(b'{') => self.object(visit, depth),
            Some(b'[') => self.array(visit, depth),
            Some(b'"') => {
                let s = self.string(false)?;
                visit(&self.path, &s);
                Ok(())
            }
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.err("expected a JSON value")),
        }
    }

    fn object(&mut self, visit: &mut impl FnMut(&[Seg], &Str), depth: usize) -> Result<(), Error> {
        self.at += 1;
        self.ws();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(());
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return Err(self.err("expected an object key"));
            }
            let key = self.string(true)?;
            visit(&self.path, &key);
            self.ws();
            self.expect(b':', "expected ':' after an object key")?;
            self.ws();
            self.path.push(Seg::Key(key.text));
            let r = self.value(visit, depth + 1);
            self.path.pop();
            r?;
            self.ws();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(self.err("expected ',' or '}' in an object")),
            }
        }
    }

    fn array(&mut self, visit: &mut impl FnMut(&[Seg], &Str), depth: usize) -> Result<(), Error> {
        self.at += 1;
        self.ws();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(());
        }
        let mut i = 0;
        loop {
            self.ws();
            self.path.push(Seg::Index(i));
            let r = self.value(visit, depth + 1);
            self.path.pop();
            r?;
            self.ws();
            match self.peek() {
                Some(b',') => {
                    self.at += 1;
                    i += 1;
                }
                Some(b']') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(self.err("expected ',' or ']' in an array")),
            }
        }
    }

    fn literal(&mut self, word: &'static [u8]) -> Result<(), Error> {
        let end = self.at + word.len();
        if self.doc.get(self.at..end) == Some(word) {
            self.at = end;
            Ok(())
        } else {
            Err(self.err("invalid literal"))
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<(), Error> {
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.err("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.err("invalid number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.err("invalid number"));
            }
        }
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let h =
            self.doc.get(self.at..self.at + 4).ok_or_else(|| self.err("truncated \\u escape"))?;
        let s = std::str::from_utf8(h).map_err(|_| self.err("invalid \\u escape"))?;
        let v = u32::from_str_radix(s, 16).map_err(|_| self.err("invalid \\u escape"))?;
        self.at += 4;
        Ok(v)
    }

    fn string(&mut self, is_key: bool) -> Result<Str, Error> {
        let start = self.at;
        self.at += 1;
        // Fast path: a run without escapes is copied as one slice.
        let mut text = String::new();
        loop {
            let run_start = self.at;
            self.at += plain_run(self.doc.get(self.at..).unwrap_or_default());
            let run = self.doc.get(run_start..self.at).unwrap_or_default();
            text.push_str(std::str::from_utf8(run).map_err(|_| self.err("string is not UTF-8"))?);
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Str { start, end: self.at, text, is_key });
                }
                Some(b'\\') => {
                    self.at += 1;
                    let esc = self.peek().ok_or_else(|| self.err("truncated escape"))?;
                    self.at += 1;
                    match esc {
                        b'"' => text.push('"'),
                        b'\\' => text.push('\\'),
                        b'/' => text.push('/'),
                        b'b' => text.push('\u{8}'),
                        b'f' => text.push('\u{c}'),
                        b'n' => text.push('\n'),
                        b'r' => text.push('\r'),
                        b't' => text.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let cp = if (0xD800..0xDC00).contains(&hi)
                                && self.doc.get(self.at..self.at + 2) == Some(b"\\u")
                            {
                                let save = self.at;
                                self.at += 2;
                                let lo = self.hex4()?;
                                if (0xDC00..0xE000).contains(&lo) {
                                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                } else {
                                    self.at = save;
                                    0xFFFD
                                }
                            } else if (0xD800..0xE000).contains(&hi) {
                                // A lone surrogate: what a lenient provider
                                // decodes to nothing readable.
                                0xFFFD
                            } else {
                                hi
                            };
                            text.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                        }
                        _ => return Err(self.err("invalid escape")),
                    }
                }
                Some(_) => return Err(self.err("control character in a string")),
                None => return Err(self.err("unterminated string")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &str) -> Vec<(String, String, bool)> {
        strings(doc.as_bytes())
            .unwrap()
            .into_iter()
            .map(|(p, s)| {
                let path: Vec<String> = p
                    .iter()
                    .map(|seg| match seg {
                        Seg::Key(k) => k.clone(),
                        Seg::Index(i) => i.to_string(),
                    })
                    .collect();
                (path.join("."), s.text, s.is_key)
            })
            .collect()
    }

    #[test]
    fn every_key_and_value_with_paths() {
        let t = texts(
            r#"{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}],"n":1,"x":null}"#,
        );
        assert!(t.contains(&("messages.0.content.0.text".into(), "hi".into(), false)));
        assert!(t.contains(&("".into(), "model".into(), true)));
        assert!(t.contains(&("model".into(), "m".into(), false)));
        assert_eq!(t.iter().filter(|(_, _, k)| !k).count(), 4);
    }

    #[test]
    fn escapes_are_resolved() {
        let t =
            texts(r#"["a\u0040b.com","\ud83d\ude00","tab\there","q\"uote\\","\/","lone\ud800x"]"#);
        let v: Vec<&str> = t.iter().map(|(_, s, _)| s.as_str()).collect();
        assert_eq!(v, vec!["a@b.com", "😀", "tab\there", "q\"uote\\", "/", "lone\u{FFFD}x"]);
    }

    #[test]
    fn duplicate_keys_are_all_visited() {
        let t = texts(r#"{"content":"first","content":"second"}"#);
        let values: Vec<&str> =
            t.iter().filter(|(_, _, k)| !k).map(|(_, s, _)| s.as_str()).collect();
        assert_eq!(values, vec!["first", "second"]);
    }

    #[test]
    fn strict_validation() {
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\"}",
            "{\"a\":1,}",
            "01",
            "1.",
            "-",
            "\"\\x\"",
            "\"a\nb\"",
            "[1] 2",
            "tru",
            "{\"a\":1 \"b\":2}",
            "\"\\u12\"",
            "\"unterminated",
        ] {
            assert!(walk(bad.as_bytes(), |_, _| {}).is_err(), "{bad:?}");
        }
        for good in [
            "1",
            "-0.5e+10",
            "[]",
            "{}",
            " \"s\" ",
            "[true,false,null]",
            r#"{"a":{"b":[1,{"c":"d"}]}}"#,
        ] {
            assert!(walk(good.as_bytes(), |_, _| {}).is_ok(), "{good:?}");
        }
        assert!(walk(&[b'"', 0xff, b'"'], |_, _| {}).is_err());
        let deep = "[".repeat(MAX_DEPTH + 2) + &"]".repeat(MAX_DEPTH + 2);
        assert!(walk(deep.as_bytes(), |_, _| {}).is_err());
    }

    #[test]
    fn agrees_with_serde_on_validity() {
        for doc in [
            "{\"a\":[1,2,{\"b\":\"c\"}]}",
            "[\"\\ud800\"]",
            "{\"a\":1e400}",
            "[1,2",
            "{\"a\" : \"b\" , \"c\":[] }",
        ] {
            let ours = walk(doc.as_bytes(), |_, _| {}).is_ok();
            let serde = serde_json::from_str::<serde::de::IgnoredAny>(doc).is_ok();
            // serde refuses lone surrogates; providers decode them leniently.
            if !doc.contains("ud800") {
                assert_eq!(ours, serde, "{doc}");
            }
        }
    }

    #[test]
    fn replace_reencodes() {
        let doc = br#"{"content":"mail a@b.com now","n":"x"}"#;
        let s = strings(doc).unwrap();
        let (_, target) = s.iter().find(|(_, s)| s.text.contains('@')).unwrap();
        let out = replace(doc, &[(target.start, target.end, "mail [REDACTED:EMAIL] \"now\"\n")]);
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["content"], "mail [REDACTED:EMAIL] \"now\"\n");
        assert_eq!(v["n"], "x");
    }

    #[test]
    fn encoding_round_trips_every_kind_of_character() {
        let mut text = String::from("plain é 日本 😀 \"q\" back\\slash / ");
        text.extend((0u8..0x20).map(char::from));
        text.push('\u{7f}');
        for t in [text.as_str(), "", "\"", "\u{1}", "end\\"] {
            let mut out = Vec::new();
            encode_into(t, &mut out);
            let back: String = serde_json::from_slice(&out).unwrap();
            assert_eq!(back, t);
        }
    }

    #[test]
    fn plain_run_agrees_with_a_byte_loop() {
        let naive =
            |b: &[u8]| b.iter().take_while(|&&c| c >= 0x20 && c != b'"' && c != b'\\').count();
        let specials = [b'"', b'\\', 0, 0x1f, b'\n'];
        let fillers = [b'a', b' ', 0x20, 0x7f, 0x80, 0xff, 0xc3, b'!', b'#', b'[', b'_'];
        for len in 0..40 {
            for &f in &fillers {
                let mut v = vec![f; len];
                assert_eq!(plain_run(&v), naive(&v));
                for pos in 0..len {
                    for &sp in &specials {
                        let keep = v[pos];
                        v[pos] = sp;
                        assert_eq!(plain_run(&v), naive(&v), "{v:?}");
                        v[pos] = keep;
                    }
                }
            }
        }
    }

    #[test]
    fn no_panic_on_any_prefix() {
        let doc = br#"{"a":["\u00e9\ud83d\ude00",1.5e-3,{"b":null}],"c":"\"x\""}"#;
        for cut in 0..=doc.len() {
            let _ = walk(&doc[..cut], |_, _| {});
        }
    }
}
