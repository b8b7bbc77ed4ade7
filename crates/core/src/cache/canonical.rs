//! The canonical form of a JSON body for computed cache keys: object members
//! sorted by key, no insignificant whitespace, strings and numbers written
//! as serde_json writes them, except integers, which are kept exactly.
//!
//! Keys are shared across replicas and versions (L2), so the bytes are fixed:
//! those of a `serde_json::Value` round trip (parse, then compact
//! re-serialisation: its map is ordered by key, a duplicate key keeps its
//! last value), with one deliberate difference: an integer is copied as
//! written. serde_json turns integers beyond u64/i64 into f64, so two bodies
//! that differ only in a large integer would share a key (and an answer).
//! Non-integer numbers are still parsed and written by serde_json (`1.0` and
//! `1.00` are the same number to a provider too).
//!
//! The walk is the whole parser: it visits the body once, copies what needs
//! no rewriting (strings without escapes, integers) and hands a string with
//! escapes or a non-integer number to serde_json. It refuses exactly what
//! serde_json refuses (tests compare the two on generated bodies), so no
//! body ever takes a round trip through `Value` (and f64).

use std::borrow::Cow;

/// serde_json's recursion limit: 127 nested arrays or objects parse, 128 do
/// not. The walk refuses the same bodies.
const MAX_DEPTH: usize = 127;

/// None when the body is not JSON.
pub fn canonical(body: &[u8]) -> Option<Vec<u8>> {
    Walk::new(body).run()
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
    /// bodies already sorted). A duplicate key keeps its last value, as in
    /// a serde_json map.
    fn sort_members(&mut self, base: usize, region: usize) -> Option<()> {
        let members = self.members.get_mut(base..)?;
        if members.windows(2).all(|w| matches!(w, [a, b] if a.key < b.key)) {
            return Some(());
        }
        // Stable: equal keys stay in body order, the last one wins below.
        members.sort_by(|a, b| a.key.cmp(&b.key));
        self.scratch.clear();
        self.scratch.extend_from_slice(self.out.get(region..)?);
        self.out.truncate(region);
        let mut first = true;
        for (i, m) in members.iter().enumerate() {
            if members.get(i + 1).is_some_and(|next| next.key == m.key) {
                continue;
            }
            if !first {
                self.out.push(b',');
            }
            first = false;
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

    /// An integer (`-?(0|[1-9][0-9]*)`, any length) is copied as written;
    /// anything else (fractions, exponents, `-0`, which serde_json reads as
    /// a float) is parsed and written by serde_json, which also refuses
    /// what is not a number.
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
        let integer = end == i
            && !digits.is_empty()
            && (digits.len() == 1 || digits.first() != Some(&b'0'))
            && !(negative && digits == b"0");
        if integer {
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

    /// The reference: a full parse and compact re-serialisation (right for
    /// bodies whose integers fit u64 / i64).
    fn via_value(body: &[u8]) -> Option<Vec<u8>> {
        let value: serde_json::Value = serde_json::from_slice(body).ok()?;
        serde_json::to_vec(&value).ok()
    }

    fn same(body: &[u8]) {
        assert_eq!(canonical(body), via_value(body), "{}", String::from_utf8_lossy(body));
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
            br#"{"a":[1,-2,3.5e2,-0,0,18446744073709551615,-9223372036854775808,1E-7,2.50]}"#,
            r#"{"\u0061b":1,"b\n":"x","é":null,"":true}"#.as_bytes(),
        ] {
            same(body);
        }
    }

    #[test]
    fn odd_and_invalid_bodies_get_the_reference_answer() {
        for body in [
            &b"{\"a\":1,\"a\":2}"[..],
            b"{\"b\":1,\"a\":2,\"b\":3}",
            b"{\"b\":{\"x\":1},\"a\":2,\"b\":{\"y\":[1,{\"z\":0}]},\"b\":4,\"c\":5}",
            b"[{\"k\":1,\"k\":2},{\"k\":3}]",
            b"[1,]",
            b"{\"a\":1,}",
            b"01",
            b"-01",
            b"-",
            b"1.",
            b"1e",
            b"--1",
            b"1-",
            b"+1",
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
        ] {
            same(body);
        }
        // serde_json's recursion limit, on both sides of it.
        for n in [60, 64, 65, 126, 127, 128, 129, 200] {
            for (open, close) in [("[", "]"), ("{\"k\":", "}")] {
                let deep = format!("{}1{}", open.repeat(n), close.repeat(n));
                same(deep.as_bytes());
            }
        }
    }

    #[test]
    fn integers_are_kept_exactly() {
        // serde_json reads these as the same f64: the keys must differ.
        let a = canonical(b"{\"seed\":18446744073709551616}").unwrap();
        let b = canonical(b"{\"seed\":18446744073709551617}").unwrap();
        assert_ne!(a, b);
        assert_eq!(a, b"{\"seed\":18446744073709551616}");
        for body in [
            &b"[123456789012345678901234567890]"[..],
            b"[-123456789012345678901234567890]",
            b"[-9223372036854775809]",
            b"[9007199254740993]",
        ] {
            assert_eq!(canonical(body).as_deref(), Some(body));
        }
        // Also where a duplicate key or deep nesting is involved.
        assert_eq!(
            canonical(b"{\"b\":1,\"a\":99999999999999999999999,\"b\":2}").unwrap(),
            b"{\"a\":99999999999999999999999,\"b\":2}"
        );
        let deep = format!("{}18446744073709551617{}", "[".repeat(100), "]".repeat(100));
        assert_eq!(canonical(deep.as_bytes()).unwrap(), deep.as_bytes());
        // Non-integers are still serde_json's numbers.
        assert_eq!(canonical(b"[1.50,1E2,-0]").unwrap(), b"[1.5,100.0,-0.0]");
    }

    /// Random bodies (fixed seed): the walk and the `Value` round trip agree
    /// byte for byte, whatever the key order, escapes and numbers.
    #[test]
    fn generated_bodies_match_the_reference() {
        let mut rng = Lcg(0x5eed);
        let mut valid = 0;
        for _ in 0..3000 {
            let mut body = String::new();
            gen_value(&mut rng, &mut body, 0);
            same(body.as_bytes());
            valid += usize::from(canonical(body.as_bytes()).is_some());
        }
        // Duplicate keys, escapes and every kind of number, all walked.
        assert!(valid > 1500, "{valid} of 3000 valid");
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
    const NUMBERS: [&str; 14] = [
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
        "-9223372036854775808",
        "18446744073709551615",
    ];

    fn gen_value(rng: &mut Lcg, out: &mut String, depth: usize) {
        let ws = |rng: &mut Lcg| WS[rng.next(4) as usize];
        out.push_str(ws(rng));
        match if depth > 4 { rng.next(4) } else { rng.next(7) } {
            0 => out.push_str(NUMBERS[rng.next(14) as usize]),
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
