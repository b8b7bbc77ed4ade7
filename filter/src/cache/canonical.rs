//! The canonical form of a JSON body for computed cache keys: object members
//! sorted by key, no insignificant whitespace, strings and numbers written
//! as serde_json writes them.
//!
//! Keys are shared across replicas and versions (L2), so the bytes must be
//! exactly those of a `serde_json::Value` round trip (parse, then compact
//! re-serialisation: its map is ordered by key). Building that tree costs a
//! dozen allocations on every cache lookup; this walks the body once instead,
//! copies what needs no rewriting (strings without escapes, integers) and
//! hands anything else to serde_json: a string with escapes or a
//! non-integer number is re-encoded by serde_json itself, and a body this walk does
//! not fully understand (invalid JSON, duplicate keys, deep nesting) takes
//! the `Value` round trip. A test compares both on generated bodies.

use std::borrow::Cow;

/// Well under serde_json's recursion limit (128): deeper bodies take the
/// `Value` round trip, which applies that limit itself.
const MAX_DEPTH: usize = 64;

/// None when the body is not JSON.
pub fn canonical(body: &[u8]) -> Option<Vec<u8>> {
    match Walk::new(body).run() {
        Some(out) => Some(out),
        None => via_value(body),
    }
}

/// The reference: a full parse and compact re-serialisation.
fn via_value(body: &[u8]) -> Option<Vec<u8>> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    serde_json::to_vec(&value).ok()
}

/// One object member: its key (unescaped) and where `"key":value` sits in
/// the output.
struct Member<'a> {
    key: Cow<'a, [u8]>,
    start: usize,
    end: usize,
}

struct Walk<'a> {
    body: &'a [u8],
    at: usize,
    out: Vec<u8>,
    /// Members of the objects being walked (a stack: each object its tail).
    members: Vec<Member<'a>>,
    /// Reused while an object's members are reordered.
    scratch: Vec<u8>,
}

impl<'a> Walk<'a> {
    fn new(body: &'a [u8]) -> Self {
        Walk {
            body,
            at: 0,
            out: Vec::with_capacity(body.len()),
            members: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// None: not understood here (the caller falls back to serde_json).
    fn run(mut self) -> Option<Vec<u8>> {
        self.value(0)?;
        self.skip_ws();
        (self.at == self.body.len()).then_some(self.out)
    }

    fn peek(&self) -> Option<u8> {
        self.body.get(self.at).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        self.skip_ws();
        (self.peek()? == b).then(|| self.at += 1)
    }

    fn value(&mut self, depth: usize) -> Option<()> {
        self.skip_ws();
        match self.peek()? {
            b'{' if depth < MAX_DEPTH => self.object(depth + 1),
            b'[' if depth < MAX_DEPTH => self.array(depth + 1),
            b'"' => {
                let s = self.string()?;
                self.write_string(&s, matches!(s, Cow::Owned(_)))
            }
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        let end = self.at.checked_add(word.len())?;
        (self.body.get(self.at..end)? == word).then_some(())?;
        self.at = end;
        self.out.extend_from_slice(word);
        Some(())
    }

    fn array(&mut self, depth: usize) -> Option<()> {
        self.at += 1;
        self.out.push(b'[');
        self.skip_ws();
        if self.peek()? == b']' {
            self.at += 1;
            self.out.push(b']');
            return Some(());
        }
        loop {
            self.value(depth)?;
            self.skip_ws();
            match self.peek()? {
                b',' => {
                    self.at += 1;
                    self.out.push(b',');
                }
                b']' => {
                    self.at += 1;
                    self.out.push(b']');
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    fn object(&mut self, depth: usize) -> Option<()> {
        self.at += 1;
        self.out.push(b'{');
        let base = self.members.len();
        let region = self.out.len();
        self.skip_ws();
        if self.peek()? == b'}' {
            self.at += 1;
            self.out.push(b'}');
            return Some(());
        }
        loop {
            self.skip_ws();
            if self.peek()? != b'"' {
                return None;
            }
            if self.out.len() > region {
                self.out.push(b',');
            }
            let start = self.out.len();
            let key = self.string()?;
            self.write_string(&key, matches!(key, Cow::Owned(_)))?;
            self.eat(b':')?;
            self.out.push(b':');
            self.value(depth)?;
            self.members.push(Member { key, start, end: self.out.len() });
            self.skip_ws();
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    break;
                }
                _ => return None,
            }
        }
        self.sort_members(base, region)?;
        self.members.truncate(base);
        self.out.push(b'}');
        Some(())
    }

    /// Puts the members written since `region` in key order (a no-op for
    /// bodies already sorted). Duplicate keys: None (serde_json keeps the
    /// last value; the fallback does exactly that).
    fn sort_members(&mut self, base: usize, region: usize) -> Option<()> {
        let members = self.members.get_mut(base..)?;
        if members.windows(2).all(|w| matches!(w, [a, b] if a.key < b.key)) {
            return Some(());
        }
        members.sort_by(|a, b| a.key.cmp(&b.key));
        if members.windows(2).any(|w| matches!(w, [a, b] if a.key == b.key)) {
            return None;
        }
        self.scratch.clear();
        self.scratch.extend_from_slice(self.out.get(region..)?);
        self.out.truncate(region);
        for (i, m) in members.iter().enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            let bytes = self.scratch.get(m.start - region..m.end - region)?;
            self.out.extend_from_slice(bytes);
        }
        Some(())
    }

    /// A string token, unescaped. Borrowed when it has no escapes.
    fn string(&mut self) -> Option<Cow<'a, [u8]>> {
        let start = self.at + 1;
        let mut i = start;
        loop {
            match *self.body.get(i)? {
                b'"' => break,
                b'\\' => return self.escaped_string(),
                // serde_json refuses raw control characters: so does the fallback.
                0..=0x1f => return None,
                _ => i += 1,
            }
        }
        let raw = self.body.get(start..i)?;
        std::str::from_utf8(raw).ok()?;
        self.at = i + 1;
        Some(Cow::Borrowed(raw))
    }

    /// A string with escapes: serde_json decodes it (and rejects bad
    /// escapes and lone surrogates as it would in a `Value`).
    fn escaped_string(&mut self) -> Option<Cow<'a, [u8]>> {
        let mut i = self.at + 1;
        loop {
            match *self.body.get(i)? {
                b'"' => break,
                b'\\' => i += 2,
                _ => i += 1,
            }
        }
        let token = self.body.get(self.at..=i)?;
        let s: String = serde_json::from_slice(token).ok()?;
        self.at = i + 1;
        Some(Cow::Owned(s.into_bytes()))
    }

    /// Writes a string as serde_json does: one without escapes as it came,
    /// a decoded one re-encoded by serde_json.
    fn write_string(&mut self, s: &[u8], decoded: bool) -> Option<()> {
        if decoded {
            let text = std::str::from_utf8(s).ok()?;
            serde_json::to_writer(&mut self.out, text).ok()?;
        } else {
            self.out.push(b'"');
            self.out.extend_from_slice(s);
            self.out.push(b'"');
        }
        Some(())
    }

    /// Integers that fit serde_json's u64 / i64 are copied; anything else
    /// (fractions, exponents, `-0`, big values become floats there) is
    /// parsed and written by serde_json.
    fn number(&mut self) -> Option<()> {
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        let digits_start = start + usize::from(negative);
        let mut i = digits_start;
        while self.body.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let end = i + self
            .body
            .get(i..)?
            .iter()
            .take_while(|b| matches!(b, b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-'))
            .count();
        let token = self.body.get(start..end)?;
        let digits = self.body.get(digits_start..i)?;
        let plain = end == i
            && !digits.is_empty()
            && (digits.len() == 1 || digits.first() != Some(&b'0'))
            && digits.len() <= if negative { 18 } else { 19 }
            && !(negative && digits == b"0");
        if plain {
            self.out.extend_from_slice(token);
        } else {
            let n: serde_json::Number = serde_json::from_slice(token).ok()?;
            serde_json::to_writer(&mut self.out, &n).ok()?;
        }
        self.at = end;
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(body: &[u8]) {
        let fast = Walk::new(body).run();
        let reference = via_value(body);
        if let Some(f) = &fast {
            assert_eq!(Some(f), reference.as_ref(), "{}", String::from_utf8_lossy(body));
        }
        assert_eq!(canonical(body), reference, "{}", String::from_utf8_lossy(body));
    }

    #[test]
    fn sorts_keys_and_drops_whitespace() {
        let body = br#" { "model" : "m", "messages":[ {"role":"user" ,"content":"hi"} ] } "#;
        assert_eq!(
            canonical(body).unwrap(),
            br#"{"messages":[{"content":"hi","role":"user"}],"model":"m"}"#
        );
        same(body);
    }

    #[test]
    fn common_bodies_take_the_walk() {
        for body in [
            &br#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}"#[..],
            br#"{"model":"m","temperature":0.7,"max_tokens":128,"stream":true,"messages":[{"role":"system","content":"line\nbreak \"q\" \u00e9"}]}"#,
            br#"{"a":[1,-2,3.5e2,-0,0,18446744073709551615,18446744073709551616,-9223372036854775808,1E-7,2.50]}"#,
            r#"{"\u0061b":1,"b\n":"x","é":null,"":true}"#.as_bytes(),
        ] {
            assert!(Walk::new(body).run().is_some(), "{}", String::from_utf8_lossy(body));
            same(body);
        }
    }

    #[test]
    fn what_the_walk_leaves_gets_the_same_answer() {
        for body in [
            &b"{\"a\":1,\"a\":2}"[..],
            b"{\"b\":1,\"a\":2,\"b\":3}",
            b"[1,]",
            b"{\"a\":1,}",
            b"01",
            b"-",
            b"1.",
            b"1e",
            b"--1",
            b"\"\\ud800\"",
            b"\"\\x\"",
            b"\"a\x01\"",
            b"\"\xff\"",
            b"{\"a\" 1}",
            b"nul",
            b"truex",
            b"1 2",
            b"",
            b"1e400",
            b"[-]",
            b"{\"k\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
        ] {
            same(body);
        }
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(canonical(deep.as_bytes()), None);
    }

    /// Random bodies (fixed seed): the walk and the `Value` round trip agree
    /// byte for byte, whatever the key order, escapes and numbers.
    #[test]
    fn generated_bodies_match_the_reference() {
        let mut rng = Lcg(0x5eed);
        let mut walked = 0;
        for _ in 0..3000 {
            let mut body = String::new();
            gen_value(&mut rng, &mut body, 0);
            same(body.as_bytes());
            walked += usize::from(Walk::new(body.as_bytes()).run().is_some());
        }
        // Most take the walk (the rest have duplicate keys or bad numbers).
        assert!(walked > 1500, "{walked} of 3000 walked");
    }

    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self, n: u64) -> u64 {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (self.0 >> 33) % n
        }
    }

    const WS: [&str; 4] = ["", " ", "\n\t", "\r "];
    const KEYS: [&str; 9] = ["a", "b", "model", "messages", "é", "\\u0041", "a\\nb", "", "ab"];
    const STRINGS: [&str; 8] =
        ["", "hi", "é€😀", "line\\nbreak", "\\\"q\\\"", "\\u00e9\\ud83d\\ude00", "\\/", "tab\\t"];
    const NUMBERS: [&str; 12] = [
        "0",
        "7",
        "-3",
        "0.5",
        "1e3",
        "-0",
        "1.0",
        "12345678901234567890",
        "2E-2",
        "-0.0",
        "99",
        "3.14159",
    ];

    fn gen_value(rng: &mut Lcg, out: &mut String, depth: usize) {
        let ws = |rng: &mut Lcg| WS[rng.next(4) as usize];
        out.push_str(ws(rng));
        match if depth > 4 { rng.next(4) } else { rng.next(7) } {
            0 => out.push_str(NUMBERS[rng.next(12) as usize]),
            1 => {
                out.push('"');
                out.push_str(STRINGS[rng.next(8) as usize]);
                out.push('"');
            }
            2 => out.push_str(["true", "false", "null"][rng.next(3) as usize]),
            3 => out.push_str("\"plain\""),
            4 => {
                out.push('[');
                for i in 0..rng.next(4) {
                    if i > 0 {
                        out.push(',');
                    }
                    gen_value(rng, out, depth + 1);
                }
                out.push(']');
            }
            _ => {
                out.push('{');
                for i in 0..rng.next(5) {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(ws(rng));
                    out.push('"');
                    out.push_str(KEYS[rng.next(9) as usize]);
                    out.push('"');
                    out.push_str(ws(rng));
                    out.push(':');
                    gen_value(rng, out, depth + 1);
                }
                out.push_str(ws(rng));
                out.push('}');
            }
        }
        out.push_str(ws(rng));
    }
}
