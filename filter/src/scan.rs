//! Scanning JSON bodies (requests, non-streamed answers): every string the
//! model reads or wrote, keys included, escapes resolved; redactions are
//! written back into exactly those string literals.
//!
//! Two things are read the way the model (or the next hop) reads them:
//!
//! - **JSON inside a string** (tool-call `arguments`, anything a
//!   translation parses): a string that is itself a JSON value is scanned
//!   as text AND on its own decoded strings, so an escape one level down
//!   (`"{\"n\":\"\\u0034111...\"}"`) hides nothing; a redaction rewrites the
//!   inner string and re-encodes the inner document, which stays valid
//!   JSON. Up to [`NESTED_MAX`] levels.
//! - **Text split across strings**: the texts the model reads (message
//!   `content`, content parts' `text`, tool arguments, `system`, `prompt`,
//!   `input`, ...: see [`model_reads`]) are also scanned as one text, once
//!   joined directly and once with a line break between parts, so a value
//!   split across two content parts or two messages is found. A finding
//!   that crosses a boundary, or that needs another part's context (an SSN
//!   label in the previous message), is reported once and redacted in every
//!   part it touches.

use std::collections::BTreeSet;

use aigw_dlp::Finding;

use crate::json_text::{self, Seg, Str};
use crate::policy::{Action, Direction, Policy, Report};

/// What a body scan found and did.
#[derive(Debug, Default)]
pub struct BodyScan {
    pub report: Report,
    /// The body with redactions, when something was redacted.
    pub body: Option<Vec<u8>>,
    /// Bytes of text scanned (for the throughput figure in the log).
    pub scanned: usize,
}

/// Keys whose string values are conversation text (what an external
/// classifier is shown, and what is joined across parts).
const TEXT_KEYS: &[&str] = &[
    "content",
    "text",
    "arguments",
    "system",
    "prompt",
    "input",
    "partial_json",
    "thinking",
    "refusal",
];

/// How many levels of JSON-in-a-string are opened (tool arguments are one;
/// a few more cost little and leave no easy hiding place).
pub const NESTED_MAX: usize = 4;

/// How parts are joined for the cross-part scans: directly (a value cut
/// anywhere) and with a line break (a grouped value cut at a separator).
const JOINERS: [&str; 2] = ["", "\n"];

/// One replacement in a text: `[start, end)` becomes `with`.
#[derive(Debug, Clone)]
struct Edit {
    start: usize,
    end: usize,
    with: String,
}

/// A string of the body that is read as conversation text or was edited.
struct Target {
    /// The literal's span in the body.
    start: usize,
    end: usize,
    text: String,
    read: bool,
    edits: Vec<Edit>,
    /// What the string's own scan found (detector index, start, end).
    own: Vec<(usize, usize, usize)>,
}

struct Scanner<'a> {
    policy: &'a Policy,
    dir: Direction,
    report: Report,
    scanned: usize,
}

impl Scanner<'_> {
    /// Acts on one finding; the mask when it is to be redacted.
    fn act(&mut self, f: &Finding) -> Option<String> {
        (self.report.add(self.policy, self.dir, f) == Action::Redact)
            .then(|| self.policy.engine.replacement(f.detector).to_string())
    }

    /// Scans one decoded string, and the strings inside it when it is
    /// JSON; pushes the redactions in its coordinates. Returns what the
    /// scan of the string itself found.
    fn text(&mut self, text: &str, depth: usize, edits: &mut Vec<Edit>) -> Vec<Finding> {
        if text.is_empty() {
            return Vec::new();
        }
        self.scanned += text.len();
        let findings = self.policy.engine.scan(self.policy.profile, text);
        let inner = if depth < NESTED_MAX { nested_strings(text) } else { None };
        for f in &findings {
            // A finding inside an inner literal is the inner scan's (which
            // sees it decoded): counted once.
            let inside = |s: &Str| s.start <= f.start && f.end <= s.end;
            if inner.as_ref().is_some_and(|i| i.iter().any(inside)) {
                continue;
            }
            if let Some(mask) = self.act(f) {
                edits.push(Edit { start: f.start, end: f.end, with: mask });
            }
        }
        for s in inner.unwrap_or_default() {
            let mut sub = Vec::new();
            self.text(&s.text, depth + 1, &mut sub);
            if !sub.is_empty() {
                let mut lit = Vec::new();
                json_text::encode_into(&apply(&s.text, sub), &mut lit);
                let with = String::from_utf8(lit).unwrap_or_default();
                edits.push(Edit { start: s.start, end: s.end, with });
            }
        }
        findings
    }

    /// Scans the read texts joined, for findings that cross a boundary.
    fn across(&mut self, targets: &mut [Target]) {
        let parts: Vec<usize> = (0..targets.len())
            .filter(|&i| targets.get(i).is_some_and(|t| t.read && !t.text.is_empty()))
            .collect();
        if parts.len() < 2 {
            return;
        }
        // (detector, first part, start in it): one value found by both joins.
        let mut seen: BTreeSet<(usize, usize, usize)> = BTreeSet::new();
        for joiner in JOINERS {
            let mut joined = String::new();
            // (start in `joined`, target index)
            let mut offs: Vec<(usize, usize)> = Vec::with_capacity(parts.len());
            for (k, &i) in parts.iter().enumerate() {
                if k > 0 {
                    joined.push_str(joiner);
                }
                offs.push((joined.len(), i));
                joined.push_str(targets.get(i).map_or("", |t| t.text.as_str()));
            }
            self.scanned += joined.len();
            for f in self.policy.engine.scan(self.policy.profile, &joined) {
                let pieces = pieces(&offs, targets, f.start, f.end);
                let Some(&(first, a, b)) = pieces.first() else { continue };
                let det = f.detector.index();
                // Inside one part, a finding that part's own scan has (the
                // same detector on overlapping text) is that scan's; one
                // that needed the context of another part (an SSN label
                // in the previous message) is new.
                let own = pieces.len() == 1
                    && targets
                        .get(first)
                        .is_some_and(|t| t.own.iter().any(|&(d, s, e)| d == det && s < b && a < e));
                if own || !seen.insert((det, first, a)) {
                    continue;
                }
                if let Some(mask) = self.act(&f) {
                    for (i, a, b) in pieces {
                        if let Some(t) = targets.get_mut(i) {
                            t.edits.push(Edit { start: a, end: b, with: mask.clone() });
                        }
                    }
                }
            }
        }
    }
}

/// The parts a joined range `[start, end)` touches, as (target, start, end)
/// in each part's text.
fn pieces(
    offs: &[(usize, usize)],
    targets: &[Target],
    start: usize,
    end: usize,
) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for &(o, i) in offs {
        let len = targets.get(i).map_or(0, |t| t.text.len());
        let (a, b) = (start.max(o), end.min(o + len));
        if a < b {
            out.push((i, a - o, b - o));
        }
    }
    out
}

/// The strings of `text` when it is one JSON value that can hold text
/// (an object, an array or a string literal).
fn nested_strings(text: &str) -> Option<Vec<Str>> {
    let t = text.trim_start_matches([' ', '\t', '\n', '\r']);
    if !matches!(t.as_bytes().first(), Some(b'{' | b'[' | b'"')) {
        return None;
    }
    let mut out = Vec::new();
    json_text::walk(text.as_bytes(), |_, s| {
        if !s.text.is_empty() {
            out.push(s.clone());
        }
    })
    .ok()?;
    Some(out)
}

/// `text` with the edits applied. Overlapping edits (a value found whole
/// across parts and in part by one part's scan) are merged: the union is
/// replaced, so nothing of either is left.
fn apply(text: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|e| (e.start, std::cmp::Reverse(e.end)));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0usize;
    let mut iter = edits.into_iter().peekable();
    while let Some(mut e) = iter.next() {
        while let Some(next) = iter.next_if(|n| n.start < e.end) {
            e.end = e.end.max(next.end);
        }
        if e.start < pos || !text.is_char_boundary(e.start) || !text.is_char_boundary(e.end) {
            continue;
        }
        out.push_str(text.get(pos..e.start).unwrap_or(""));
        out.push_str(&e.with);
        pos = e.end;
    }
    out.push_str(text.get(pos..).unwrap_or(""));
    out
}

/// Whether the model reads this string as conversation text: a value (not
/// a key) whose nearest key is a text key (`content`, `text`, `arguments`,
/// ...; so not a part's `type` nor an image's `url`), and not a data URI.
fn model_reads(path: &[Seg], s: &Str) -> bool {
    let key = path.iter().rev().find_map(|seg| match seg {
        Seg::Key(k) => Some(k.as_str()),
        Seg::Index(_) => None,
    });
    !s.is_key && key.is_some_and(|k| TEXT_KEYS.contains(&k)) && !s.text.starts_with("data:")
}

pub fn scan_json(
    policy: &Policy,
    dir: Direction,
    body: &[u8],
) -> Result<BodyScan, json_text::Error> {
    let mut sc = Scanner { policy, dir, report: Report::default(), scanned: 0 };
    let mut targets: Vec<Target> = Vec::new();
    json_text::walk(body, |path, s| {
        let mut edits = Vec::new();
        let found = sc.text(&s.text, 0, &mut edits);
        let read = model_reads(path, s);
        if read || !edits.is_empty() {
            let own = found.iter().map(|f| (f.detector.index(), f.start, f.end)).collect();
            let text = s.text.clone();
            targets.push(Target { start: s.start, end: s.end, text, read, edits, own });
        }
    })?;
    sc.across(&mut targets);
    let replacements: Vec<(usize, usize, String)> = targets
        .into_iter()
        .filter(|t| !t.edits.is_empty())
        .map(|t| (t.start, t.end, apply(&t.text, t.edits)))
        .collect();
    let mut out = BodyScan { report: sc.report, body: None, scanned: sc.scanned };
    if !replacements.is_empty() {
        let r: Vec<(usize, usize, &str)> =
            replacements.iter().map(|(a, b, t)| (*a, *b, t.as_str())).collect();
        out.body = Some(json_text::replace(body, &r));
    }
    Ok(out)
}

/// The conversation text of a body, for an external classifier: every
/// value under a text key (tool inputs' fields included), data URIs left out.
pub fn conversation_text(body: &[u8], max: usize) -> String {
    let mut text = String::new();
    let _ = json_text::walk(body, |path, s| {
        if s.is_key || text.len() >= max {
            return;
        }
        let under_text_key = path
            .iter()
            .rev()
            .any(|seg| matches!(seg, Seg::Key(k) if TEXT_KEYS.contains(&k.as_str())));
        if under_text_key && !s.text.starts_with("data:") {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&s.text);
        }
    });
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    fn policy(action: &str) -> Policy {
        let raw: crate::policy::RawPolicy = serde_json::from_str(&format!(
            r#"{{"profile":"builtin","request":{{"*":"{action}"}}}}"#
        ))
        .unwrap();
        let engine = Rc::new(aigw_dlp::Engine::builtin());
        Policy::compile("p", &raw, &engine, &|_| None).unwrap()
    }

    fn redacted(body: &str) -> (String, Report) {
        let s = scan_json(&policy("redact"), Direction::Request, body.as_bytes()).unwrap();
        let out = s.body.map(|b| String::from_utf8(b).unwrap()).unwrap_or_else(|| body.into());
        (out, s.report)
    }

    /// Every string of a document, with JSON inside strings opened, decoded.
    fn all_text(doc: &str, out: &mut String) {
        let v: serde_json::Value = serde_json::from_str(doc).unwrap();
        fn rec(v: &serde_json::Value, out: &mut String) {
            match v {
                serde_json::Value::String(s) => {
                    out.push_str(s);
                    out.push('\n');
                    if serde_json::from_str::<serde_json::Value>(s).is_ok() {
                        all_text(s, out);
                    }
                }
                serde_json::Value::Array(a) => a.iter().for_each(|x| rec(x, out)),
                serde_json::Value::Object(o) => o.values().for_each(|x| rec(x, out)),
                other => out.push_str(&other.to_string()),
            }
        }
        rec(&v, out);
    }

    fn digits(doc: &str) -> String {
        let mut t = String::new();
        all_text(doc, &mut t);
        t.chars().filter(char::is_ascii_digit).collect()
    }

    fn count(r: &Report, det: &str) -> u32 {
        r.findings.get(det).copied().unwrap_or(0)
    }

    #[test]
    fn escapes_inside_tool_arguments_are_decoded_and_redacted() {
        let body = r#"{"messages":[{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"pay","arguments":"{\"card\":\"\\u0034111 1111 1111 1111\",\"n\":[\"x\\u0040example.com\"]}"}}]}]}"#;
        let (out, report) = redacted(body);
        assert_eq!(count(&report, "credit_card"), 1);
        assert_eq!(count(&report, "email"), 1);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let args = v["messages"][0]["tool_calls"][0]["function"]["arguments"].as_str().unwrap();
        let inner: serde_json::Value = serde_json::from_str(args).unwrap();
        assert_eq!(inner["card"], "[REDACTED:CREDIT_CARD]");
        assert_eq!(inner["n"][0], "[REDACTED:EMAIL]");
        assert!(!digits(&out).contains("4111"), "{out}");
    }

    #[test]
    fn json_nested_several_levels_and_numbers_in_arguments() {
        // JSON in a string in a string, and a bare number (read raw).
        let inner2 = r#"{"c":"\u0034111111111111111"}"#;
        let inner1 = serde_json::json!({"wrapped": inner2, "num": 5500000000000004u64}).to_string();
        let body = serde_json::json!({"messages":[{"role":"user","content": inner1}]}).to_string();
        let (out, report) = redacted(&body);
        assert_eq!(count(&report, "credit_card"), 2, "{out}");
        let d = digits(&out);
        assert!(!d.contains("4111111111111111") && !d.contains("5500000000000004"), "{out}");
    }

    #[test]
    fn blocking_sees_escaped_arguments() {
        let body = r#"{"messages":[{"role":"assistant","tool_calls":[{"function":{"name":"f","arguments":"{\"a\":\"\\u0035500000000000004\"}"}}]}]}"#;
        let s = scan_json(&policy("block"), Direction::Request, body.as_bytes()).unwrap();
        assert_eq!(s.report.blocked_by.as_deref(), Some("credit_card"));
    }

    #[test]
    fn a_value_split_across_content_parts_or_messages_is_found() {
        for (a, b) in [
            ("My card is 4111 1111", "1111 1111, thanks"),
            ("My card is 41111111", "11111111 thanks"),
            ("card: 4111-1111-", "1111-1111"),
            ("mail jane.doe@exa", "mple.com please"),
        ] {
            let parts = serde_json::json!({"messages":[{"role":"user","content":[
                {"type":"text","text": a},
                {"type":"image_url","image_url":{"url":"https://x/y.png"}},
                {"type":"text","text": b}]}]})
            .to_string();
            let msgs = serde_json::json!({"messages":[
                {"role":"user","content": a},
                {"role":"user","content": b}]})
            .to_string();
            for body in [parts, msgs] {
                let (out, report) = redacted(&body);
                assert_eq!(report.findings.values().sum::<u32>(), 1, "{body} -> {out}");
                let mut t = String::new();
                all_text(&out, &mut t);
                assert!(!t.contains("1111") && !t.contains("exa"), "{body} -> {out}");
                assert!(t.matches("[REDACTED:").count() == 2, "{out}");
            }
        }
    }

    #[test]
    fn a_finding_inside_one_part_is_counted_once() {
        let body = serde_json::json!({"messages":[
            {"role":"user","content":"card 4111111111111111 here"},
            {"role":"user","content":"and nothing else"}]})
        .to_string();
        let (out, report) = redacted(&body);
        assert_eq!(count(&report, "credit_card"), 1);
        assert!(out.contains("card [REDACTED:CREDIT_CARD] here"), "{out}");
    }

    #[test]
    fn a_label_in_the_previous_message_counts() {
        // Nine bare digits are an SSN only after an SSN label.
        let body = serde_json::json!({"messages":[
            {"role":"user","content":"My SSN:"},
            {"role":"user","content":"078051121"}]})
        .to_string();
        let (out, report) = redacted(&body);
        assert_eq!(count(&report, "us_ssn"), 1, "{out}");
        assert!(out.contains(r#""content":"[REDACTED:US_SSN]""#), "{out}");
    }

    #[test]
    fn lone_surrogate_inside_a_value() {
        for value in [
            r"4111\ud800111111111111",
            r"4111 1111\udfff 1111 1111",
            r"4\udbff111\ud800111111111111",
            // Paired: a tag character (removed), a mathematical digit (folded).
            r"4111\udb40\udc41111111111111",
            r"4111 1111 1111 111\ud835\udfcf",
        ] {
            let body = format!(r#"{{"messages":[{{"role":"user","content":"pay {value} ok"}}]}}"#);
            let (out, report) = redacted(&body);
            assert_eq!(count(&report, "credit_card"), 1, "{out}");
            assert!(out.contains("pay [REDACTED:CREDIT_CARD] ok"), "{out}");
        }
    }

    #[test]
    fn edits_merge_when_they_overlap() {
        let e = |start, end, with: &str| Edit { start, end, with: with.into() };
        assert_eq!(apply("abcdefgh", vec![e(2, 5, "X"), e(4, 7, "Y")]), "abXh");
        assert_eq!(apply("abcdefgh", vec![e(4, 7, "Y"), e(0, 1, "Z")]), "ZbcdYh");
        assert_eq!(apply("abc", vec![]), "abc");
    }

    #[test]
    fn strings_that_are_not_json_are_text() {
        assert!(nested_strings("{not json").is_none());
        assert!(nested_strings("plain 4111").is_none());
        assert_eq!(nested_strings(r#" ["a","b"]"#).map(|v| v.len()), Some(2));
    }
}
