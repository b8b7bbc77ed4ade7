//! DLP and guardrails on streamed answers, whatever the endpoint and
//! whatever the event type. What the formats' events mean (which keys are
//! structure, which event types restate text, end the open channels or
//! carry audio, how a stream ends) is each format's, in `formats/`
//! (`formats::events` asks them all at once): this module knows no format.
//! Every string of every event is text unless a format names its key as
//! structure (ids, types, roles, finish reasons), so a new or hostile event
//! type has no field the scan skips. Events are of two kinds:
//!
//! - fragments (chunks, deltas, and any event type not known to restate
//!   text): each string is a piece of a longer value, rebuilt per channel
//!   (the event's `type`, its channel fields (`*index` and the formats'
//!   ids) and the string's path, array elements named by their own
//!   `index`) and scanned as a stream: text is released as soon as no
//!   finding can still start in it, so a value split over any number of
//!   events is one value, and no fragment of a redacted or blocked finding
//!   reaches the client. What a channel still holds when it ends is sent in
//!   one more event of the channel's own shape, just before the end;
//! - snapshots (event types a format says restate text or carry none;
//!   errors): each string is scanned whole (the same redactions as the
//!   deltas).
//!
//! When the policy can redact or block, token-level fields (`logprobs`,
//! `top_logprobs`) are emptied: per-token strings would spell out what
//! redaction removed. A block ends the stream with a well-formed error event
//! (the headers have gone, so no second set of headers), and nothing after.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::rc::Rc;

use aigw_dlp::{DetectorSet, StreamScanner};
use serde_json::{Map, Value};

use crate::errors::{ErrorCode, GatewayError};
use crate::formats::{events, Format};
use crate::policy::{Action, Direction, Policy, Report};
use crate::scan::{self, is_token_field};
use crate::sse::{SseEvent, SseParser};

/// Channels one stream may have open at once. Real streams have a few (one
/// per choice, tool call or content part); a stream that opens more is
/// stopped rather than let its scanners grow the VM's memory.
const MAX_CHANNELS: usize = 256;
/// What the log's `blocked_by` says then.
const TOO_MANY_CHANNELS: &str = "too_many_channels";
/// The largest event the guard holds to scan whole; a larger one stops the
/// stream with an error event (never a silent cut, never unscanned bytes).
const MAX_EVENT: usize = 1 << 20;
const EVENT_TOO_LARGE: &str = "event_too_large";
/// A binary event stream (AWS's) whose message fails its CRC or length:
/// nothing after it can be read, so nothing after it goes out.
const BROKEN_FRAMES: &str = "event_stream_unreadable";

/// What a flush event keeps of the event that opened its channel (besides
/// the path to the text): what tells array elements and union variants
/// apart (never ids or names, which SDKs would concatenate), and at the
/// top also the formats' envelope and channel identity
/// (`events::is_envelope`).
const KEEP: &[&str] = &["index", "type"];

/// The empty value a token field becomes (same JSON kind for arrays).
fn emptied(v: &Value) -> Value {
    if v.is_array() {
        Value::Array(Vec::new())
    } else {
        Value::Null
    }
}

/// A token field worth emptying (what [`scan::strip_token_fields`] empties).
fn has_content(v: &Value) -> bool {
    match v {
        Value::Array(a) => !a.is_empty(),
        Value::Object(_) | Value::String(_) => true,
        _ => false,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Fragments,
    Whole,
}

/// A step of the path to a string, borrowed from the event.
#[derive(Clone, Copy)]
enum Step<'v> {
    Key(&'v str),
    Elem(usize),
}

/// The path as a list on the walk's stack (no allocation per event).
struct Node<'v, 'n> {
    step: Step<'v>,
    parent: Option<&'n Node<'v, 'n>>,
}

/// An owned path (kept for edits and flush templates).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Key(String),
    Elem(usize),
}

fn owned(path: Option<&Node<'_, '_>>) -> Vec<Seg> {
    let mut out = Vec::new();
    let mut at = path;
    while let Some(n) = at {
        out.push(match n.step {
            Step::Key(k) => Seg::Key(k.to_string()),
            Step::Elem(i) => Seg::Elem(i),
        });
        at = n.parent;
    }
    out.reverse();
    out
}

fn set_at(v: &mut Value, path: &[Seg], new: Value) {
    let mut cur = v;
    for seg in path {
        let next = match (seg, cur) {
            (Seg::Key(k), Value::Object(m)) => m.get_mut(k.as_str()),
            (Seg::Elem(i), Value::Array(a)) => a.get_mut(*i),
            _ => None,
        };
        let Some(n) = next else { return };
        cur = n;
    }
    *cur = new;
}

/// The event that opened a channel, reduced to its structure and the path
/// to the channel's text (arrays keep that one element).
fn skeleton(v: &Value, path: &[Seg], top: bool) -> Value {
    match (path.split_first(), v) {
        (Some((Seg::Key(k), rest)), Value::Object(m)) => {
            let keep = |key: &str| KEEP.contains(&key) || (top && events::is_envelope(key));
            let mut out = Map::new();
            for (key, x) in m {
                if key == k {
                    out.insert(key.clone(), skeleton(x, rest, false));
                } else if is_token_field(key) {
                    out.insert(key.clone(), emptied(x));
                } else if keep(key) && !x.is_object() && !x.is_array() {
                    out.insert(key.clone(), x.clone());
                }
            }
            Value::Object(out)
        }
        (Some((Seg::Elem(i), rest)), Value::Array(a)) => {
            Value::Array(a.get(*i).map(|x| skeleton(x, rest, false)).into_iter().collect())
        }
        _ => Value::String(String::new()),
    }
}

/// Number of keys in an event's JSON text, counted as `"` then `:` (an
/// over-count when a string contains `":`). Fewer keys in the parsed value
/// means a duplicated key, whose other copy was never scanned.
fn raw_keys(data: &[u8]) -> usize {
    let mut n = 0;
    for (i, &b) in data.iter().enumerate() {
        if b == b'"' {
            let next = data
                .get(i + 1..)
                .unwrap_or_default()
                .iter()
                .find(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r'));
            if next == Some(&b':') {
                n += 1;
            }
        }
    }
    n
}

fn value_keys(v: &Value) -> usize {
    match v {
        Value::Object(m) => m.len() + m.values().map(value_keys).sum::<usize>(),
        Value::Array(a) => a.iter().map(value_keys).sum(),
        _ => 0,
    }
}

struct Channel {
    scanner: StreamScanner,
    /// The SSE `event:` name and the skeleton a flush is written as.
    event: Option<String>,
    template: Value,
    path: Vec<Seg>,
}

/// One event's walk.
struct Walk<'v> {
    root: &'v Value,
    event: Option<&'v str>,
    mode: Mode,
    /// Redactions and emptied token fields, applied after the walk.
    edits: Vec<(Vec<Seg>, Value)>,
    /// A snapshot's findings.
    report: Report,
    /// Key prefixes of the alternatives (choices, candidates) that finish in this event.
    finishing: Vec<String>,
}

/// Whether a channel key lies under a prefix (a whole path step of it).
fn in_channel_group(key: &str, prefix: &str) -> bool {
    key.strip_prefix(prefix).is_some_and(|rest| rest.starts_with(['\u{2}', '\u{3}']))
}

pub struct StreamGuard {
    policy: Rc<Policy>,
    wire: Format,
    parser: SseParser,
    channels: BTreeMap<String, Channel>,
    /// Detectors a channel holds text back for (redacted or blocked).
    held: DetectorSet,
    strip_tokens: bool,
    /// Findings in fragments, and the most any one snapshot had (snapshots
    /// restate the deltas: counting each would count a value many times).
    fragments: Report,
    repeats: Report,
    /// The channel key being built (reused: no allocation per string).
    key: String,
    /// The stream's errors are typed events (the error event's shape).
    typed_errors: bool,
    blocked: bool,
    pub scanned: usize,
    /// The stream is AWS's binary event stream (the format says so),
    /// scanned as SSE.
    frames: Option<Box<crate::eventstream_guard::Frames>>,
}

impl StreamGuard {
    pub fn new(policy: Rc<Policy>, wire: Format) -> Self {
        let held = policy.held(Direction::Response);
        StreamGuard {
            strip_tokens: policy.strips_tokens(),
            held,
            policy,
            wire,
            parser: SseParser::new(MAX_EVENT),
            channels: BTreeMap::new(),
            fragments: Report::default(),
            repeats: Report::default(),
            key: String::new(),
            typed_errors: false,
            blocked: false,
            scanned: 0,
            frames: wire
                .stream_events()
                .frames
                .then(|| Box::new(crate::eventstream_guard::Frames::new(MAX_EVENT))),
        }
    }

    pub fn blocked(&self) -> bool {
        self.blocked
    }

    /// What was found so far.
    pub fn report(&self) -> Report {
        let mut r = self.fragments.clone();
        r.merge_max(&self.repeats);
        r
    }

    pub fn feed(&mut self, bytes: &[u8]) -> Vec<u8> {
        let Some(mut frames) = self.frames.take() else { return self.feed_sse(bytes) };
        let (sse, broken) = frames.decode(bytes);
        let mut out = self.feed_sse(&sse);
        if broken && !self.blocked {
            self.fragments.blocked_by = Some(BROKEN_FRAMES.to_string());
            self.block(&mut out);
        }
        let out = frames.encode(&out);
        self.frames = Some(frames);
        out
    }

    fn feed_sse(&mut self, bytes: &[u8]) -> Vec<u8> {
        if self.blocked {
            return Vec::new();
        }
        let events = self.parser.feed(bytes);
        let mut out = Vec::with_capacity(bytes.len());
        for ev in events {
            self.event(ev, &mut out);
            if self.blocked {
                return out;
            }
        }
        self.stop_if_overflowed(&mut out);
        out
    }

    /// An event too large to hold: the stream ends with an error event.
    fn stop_if_overflowed(&mut self, out: &mut Vec<u8>) {
        if self.parser.overflowed() && !self.blocked {
            self.fragments.blocked_by = Some(EVENT_TOO_LARGE.to_string());
            self.block(out);
        }
    }

    /// End of the stream: what is left. An unterminated last event is
    /// dropped (clients ignore it; its text was never scanned).
    pub fn finish(&mut self) -> Vec<u8> {
        let Some(mut frames) = self.frames.take() else { return self.finish_sse() };
        let out = self.finish_sse();
        let out = frames.encode(&out);
        self.frames = Some(frames);
        out
    }

    fn finish_sse(&mut self) -> Vec<u8> {
        if self.blocked {
            return Vec::new();
        }
        let mut out = Vec::new();
        self.stop_if_overflowed(&mut out);
        if self.blocked {
            return out;
        }
        for ev in self.parser.finish() {
            self.event(ev, &mut out);
            if self.blocked {
                return out;
            }
        }
        let _ = self.parser.take_pending();
        self.flush(|_| true, &mut out);
        out
    }

    fn event(&mut self, ev: SseEvent, out: &mut Vec<u8>) {
        if ev.data.is_empty() {
            out.extend_from_slice(&ev.raw);
            return;
        }
        if events::is_done(ev.data.trim_ascii()) {
            self.flush(|_| true, out);
            if !self.blocked {
                out.extend_from_slice(&ev.raw);
            }
            return;
        }
        // Not JSON: nothing in it is released unscanned.
        let Ok(mut v) = serde_json::from_slice::<Value>(&ev.data) else { return };
        let kind = v.get("type").and_then(Value::as_str);
        let class = kind.map(events::event_type).unwrap_or_default();
        self.typed_errors |= class.typed_errors;
        if class.audio {
            out.extend_from_slice(&ev.raw);
            return;
        }
        if class.ends_channels {
            self.flush(|_| true, out);
            if self.blocked {
                return;
            }
        }
        // A chunk is fragments whatever its type; an `error` object is
        // restated text in any format.
        let snapshot = !events::is_chunk(&v)
            && (class.snapshot || v.get("error").is_some_and(Value::is_object));
        let mode = if snapshot { Mode::Whole } else { Mode::Fragments };
        // The channel's identity: the event type and its index fields.
        self.key.clear();
        self.key.push_str(kind.unwrap_or_default());
        self.key.push('\u{1}');
        if let Some(m) = v.as_object() {
            for (k, x) in m {
                if events::is_channel_key(k) {
                    let _ = write!(self.key, "{k}={x}\u{1}");
                }
            }
        }
        // Alternatives that finish in this event: their channels end (the
        // key prefix of each choice's channels).
        let mut finishing: Vec<String> = Vec::new();
        for (list, reason) in events::finishing() {
            let Some(items) = v.get(list).and_then(Value::as_array) else { continue };
            for (pos, c) in items.iter().enumerate() {
                if c.get(reason).is_some_and(|f| !f.is_null()) {
                    let i = c.get("index").and_then(Value::as_u64).unwrap_or(pos as u64);
                    finishing.push(format!("{}\u{2}{list}\u{3}{i}", self.key));
                }
            }
        }
        let mut w = Walk {
            root: &v,
            event: ev.event.as_deref(),
            mode,
            edits: Vec::new(),
            report: Report::default(),
            finishing,
        };
        let ok = self.walk(&v, None, &mut w);
        let Walk { edits, report, finishing, .. } = w;
        if !report.is_empty() {
            self.repeats.merge_max(&report);
        }
        if !ok {
            self.block(out);
            return;
        }
        // The finishing alternatives' other channels: what they hold goes out
        // before the end (their text came before this event's).
        for prefix in &finishing {
            self.flush(|k| in_channel_group(k, prefix), out);
            if self.blocked {
                return;
            }
        }
        if edits.is_empty() && raw_keys(&ev.data) == value_keys(&v) {
            out.extend_from_slice(&ev.raw);
            return;
        }
        for (path, new) in edits {
            set_at(&mut v, &path, new);
        }
        out.extend(frame(ev.event.as_deref(), &v));
    }

    /// Visits every string of `v`; false when a finding blocks.
    fn walk<'v>(&mut self, v: &'v Value, path: Option<&Node<'v, '_>>, w: &mut Walk<'v>) -> bool {
        match v {
            Value::String(s) => s.is_empty() || self.text(s, path, w),
            Value::Array(a) => {
                for (pos, e) in a.iter().enumerate() {
                    let id = e.get("index").and_then(Value::as_u64).unwrap_or(pos as u64);
                    let len = self.key.len();
                    let _ = write!(self.key, "\u{3}{id}");
                    let node = Node { step: Step::Elem(pos), parent: path };
                    let ok = self.walk(e, Some(&node), w);
                    self.key.truncate(len);
                    if !ok {
                        return false;
                    }
                }
                true
            }
            Value::Object(m) => {
                let audio = matches!(path.map(|n| n.step), Some(Step::Key("audio")));
                for (k, e) in m {
                    let k = k.as_str();
                    if e.is_string() && (events::is_structural(k) || (audio && k == "data")) {
                        continue;
                    }
                    if self.strip_tokens && is_token_field(k) && has_content(e) {
                        let mut p = owned(path);
                        p.push(Seg::Key(k.to_string()));
                        w.edits.push((p, emptied(e)));
                        continue;
                    }
                    let len = self.key.len();
                    self.key.push('\u{2}');
                    self.key.push_str(k);
                    let node = Node { step: Step::Key(k), parent: path };
                    let ok = self.walk(e, Some(&node), w);
                    self.key.truncate(len);
                    if !ok {
                        return false;
                    }
                }
                true
            }
            _ => true,
        }
    }

    /// One string: scanned whole (snapshots) or through its channel.
    fn text<'v>(&mut self, s: &str, path: Option<&Node<'v, '_>>, w: &mut Walk<'v>) -> bool {
        self.scanned += s.len();
        let released = match w.mode {
            Mode::Whole => {
                let policy = Rc::clone(&self.policy);
                let redacted = scan::scan_str(&policy, Direction::Response, s, &mut w.report);
                if w.report.blocked_by.is_some() {
                    return false;
                }
                match redacted {
                    Some(t) => t,
                    None => return true,
                }
            }
            Mode::Fragments => {
                if !self.channels.contains_key(self.key.as_str()) {
                    if self.channels.len() >= MAX_CHANNELS {
                        self.fragments.blocked_by = Some(TOO_MANY_CHANNELS.to_string());
                        return false;
                    }
                    let p = owned(path);
                    let template = skeleton(w.root, &p, true);
                    let path = p
                        .into_iter()
                        .map(|s| if let Seg::Elem(_) = s { Seg::Elem(0) } else { s })
                        .collect();
                    let scanner = StreamScanner::new(
                        Rc::clone(&self.policy.engine),
                        self.policy.profile,
                        self.held,
                    );
                    self.channels.insert(
                        self.key.clone(),
                        Channel { scanner, event: w.event.map(str::to_string), template, path },
                    );
                }
                let Some(ch) = self.channels.get_mut(self.key.as_str()) else { return true };
                let mut chunk = ch.scanner.push(s);
                // The choice ends with this very event: the channel's tail
                // goes out in it, after this fragment's text.
                let ends = w.finishing.iter().any(|p| in_channel_group(&self.key, p));
                if ends {
                    let tail = ch.scanner.finish();
                    chunk.text.push_str(&tail.text);
                    chunk.findings.extend(tail.findings);
                    self.channels.remove(self.key.as_str());
                }
                if !self.account(&chunk.findings) {
                    return false;
                }
                if chunk.text == s {
                    return true;
                }
                chunk.text
            }
        };
        w.edits.push((owned(path), Value::String(released)));
        true
    }

    /// Records findings; false when one blocks.
    fn account(&mut self, findings: &[aigw_dlp::Finding]) -> bool {
        let policy = Rc::clone(&self.policy);
        let mut ok = true;
        for f in findings {
            if self.fragments.add(&policy, Direction::Response, f) == Action::Block {
                ok = false;
            }
        }
        ok
    }

    /// Ends the channels `which` selects: what they held goes out in one
    /// more event each, shaped like the event that opened the channel.
    fn flush(&mut self, which: impl Fn(&str) -> bool, out: &mut Vec<u8>) {
        if self.channels.is_empty() {
            return;
        }
        let keys: Vec<String> = self.channels.keys().filter(|k| which(k)).cloned().collect();
        for key in keys {
            let Some(mut ch) = self.channels.remove(&key) else { continue };
            let chunk = ch.scanner.finish();
            if !self.account(&chunk.findings) {
                self.block(out);
                return;
            }
            if !chunk.text.is_empty() {
                set_at(&mut ch.template, &ch.path, Value::String(chunk.text));
                out.extend(frame(ch.event.as_deref(), &ch.template));
            }
        }
    }

    /// Ends the stream with an error event in the client's format.
    fn block(&mut self, out: &mut Vec<u8>) {
        self.blocked = true;
        self.channels.clear();
        let by = self
            .fragments
            .blocked_by
            .clone()
            .or_else(|| self.repeats.blocked_by.clone())
            .unwrap_or_default();
        let guardrail =
            self.policy.engine.detector(&by).is_some_and(|id| self.policy.is_guardrail(id));
        let code = if guardrail { ErrorCode::GuardrailBlocked } else { ErrorCode::DlpBlocked };
        let message = if by == TOO_MANY_CHANNELS {
            format!("the answer was stopped: it streams more than {MAX_CHANNELS} texts at once, more than the gateway scans")
        } else if by == BROKEN_FRAMES {
            "the answer was stopped: its event stream failed a CRC or length check".to_string()
        } else if by == EVENT_TOO_LARGE {
            format!("the answer was stopped: one of its events is larger than the {MAX_EVENT} bytes the gateway scans at once")
        } else {
            format!(
                "the answer was stopped: it contains content this gateway's policy blocks ({by})"
            )
        };
        let (event, data) =
            self.wire.error_event(&GatewayError::new(code, message), self.typed_errors);
        out.extend(frame(event, &data));
    }
}

/// One SSE event: `event:` (if any) and a single `data:` line (JSON never
/// contains a raw newline).
fn frame(event: Option<&str>, data: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    if let Some(e) = event {
        out.extend_from_slice(b"event: ");
        out.extend_from_slice(e.as_bytes());
        out.push(b'\n');
    }
    out.extend_from_slice(b"data: ");
    out.extend(serde_json::to_vec(data).unwrap_or_default());
    out.extend_from_slice(b"\n\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use serde_json::json;

    fn policy(request: &str, response: &str) -> Rc<Policy> {
        let doc = format!(
            r#"{{"version":1,"providers":{{"o":{{"kind":"openai"}}}},
                "policies":{{"p":{{"request":{request},"response":{response}}}}},"policy":"p"}}"#
        );
        let c = Config::parse(doc.as_bytes(), &|_| None).unwrap().0;
        Rc::clone(c.policies.first().unwrap())
    }

    fn openai_stream(pieces: &[&str]) -> Vec<u8> {
        let mut out = Vec::new();
        for p in pieces {
            let data = json!({"id":"c1","object":"chat.completion.chunk","created":1,"model":"m",
                "choices":[{"index":0,"delta":{"content":p},"finish_reason":null}]});
            out.extend(frame(None, &data));
        }
        out.extend(frame(
            None,
            &json!({"id":"c1","object":"chat.completion.chunk","created":1,"model":"m",
            "choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}),
        ));
        out.extend_from_slice(b"data: [DONE]\n\n");
        out
    }

    /// The text a client reassembles from an OpenAI stream, and whether it
    /// ended with an error event.
    fn client_text(bytes: &[u8]) -> (String, bool) {
        let mut p = SseParser::new(1 << 20);
        let mut text = String::new();
        let mut error = false;
        for ev in p.feed(bytes) {
            if ev.data == b"[DONE]" {
                continue;
            }
            let v: Value = serde_json::from_slice(&ev.data).unwrap();
            if v.get("error").is_some() || ev.event.as_deref() == Some("error") {
                error = true;
            }
            if let Some(t) = v.pointer("/choices/0/delta/content").and_then(Value::as_str) {
                text.push_str(t);
            }
            if let Some(t) = v.pointer("/delta/text").and_then(Value::as_str) {
                text.push_str(t);
            }
        }
        (text, error)
    }

    fn run(policy: &Rc<Policy>, wire: Format, chunks: &[&[u8]]) -> Vec<u8> {
        let mut g = StreamGuard::new(Rc::clone(policy), wire);
        let mut out = Vec::new();
        for c in chunks {
            out.extend(g.feed(c));
        }
        out.extend(g.finish());
        out
    }

    #[test]
    fn a_value_split_over_events_is_redacted_at_every_split() {
        let p = policy(r#"{}"#, r#"{"*":"redact"}"#);
        let stream = openai_stream(&[
            "Contact me at jo",
            "hn.doe@exam",
            "ple.com or 4111 11",
            "11 1111 1111 today.",
        ]);
        let expected = "Contact me at [REDACTED:EMAIL] or [REDACTED:CREDIT_CARD] today.";
        for i in 0..=stream.len() {
            let out = run(&p, Format::OpenAi, &[&stream[..i], &stream[i..]]);
            let (text, error) = client_text(&out);
            assert_eq!(text, expected, "split at {i}");
            assert!(!error);
            let raw = String::from_utf8_lossy(&out);
            assert!(
                !raw.contains("exam") && !raw.contains("4111"),
                "a fragment leaked at split {i}: {raw}"
            );
            assert!(raw.ends_with("data: [DONE]\n\n"));
        }
    }

    #[test]
    fn a_blocked_finding_ends_the_stream_with_an_error_event() {
        let p = policy(r#"{}"#, r#"{"*":"redact","secret":"block"}"#);
        let key = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
        let stream = openai_stream(&["here is ", &key[..10], &key[10..], " done"]);
        for i in (0..=stream.len()).step_by(7) {
            let out = run(&p, Format::OpenAi, &[&stream[..i], &stream[i..]]);
            let (text, error) = client_text(&out);
            assert!(error, "split {i}");
            assert!(!String::from_utf8_lossy(&out).contains("sk-proj"), "split {i}");
            assert!(!text.contains("sk-"));
            assert!(String::from_utf8_lossy(&out).contains("aigw_dlp_blocked"));
        }
    }

    #[test]
    fn tool_call_arguments_are_scanned_per_call() {
        let p = policy(r#"{}"#, r#"{"*":"redact"}"#);
        let mut stream = Vec::new();
        for args in ["{\"to\":\"ma", "ry@example.o", "rg\"}"] {
            stream.extend(frame(None, &json!({"id":"c","created":1,"model":"m","choices":[{"index":0,
                "delta":{"tool_calls":[{"index":0,"function":{"arguments":args}}]},"finish_reason":null}]})));
        }
        stream.extend(frame(None, &json!({"id":"c","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]})));
        let out = run(&p, Format::OpenAi, &[&stream]);
        let mut args = String::new();
        for ev in SseParser::new(1 << 20).feed(&out) {
            let v: Value = serde_json::from_slice(&ev.data).unwrap();
            if let Some(a) = v
                .pointer("/choices/0/delta/tool_calls/0/function/arguments")
                .and_then(Value::as_str)
            {
                args.push_str(a);
            }
        }
        assert_eq!(args, "{\"to\":\"[REDACTED:EMAIL]\"}");
    }

    /// Tool-call arguments as deltas (one per piece), then the finish event.
    fn tool_call_stream(pieces: &[&str]) -> Vec<u8> {
        let mut stream = Vec::new();
        for args in pieces {
            stream.extend(frame(None, &json!({"id":"c","created":1,"model":"m","choices":[{"index":0,
                "delta":{"tool_calls":[{"index":0,"function":{"arguments":args}}]},"finish_reason":null}]})));
        }
        stream.extend(frame(None, &json!({"id":"c","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]})));
        stream
    }

    fn client_args(out: &[u8]) -> String {
        let mut args = String::new();
        for ev in SseParser::new(1 << 20).feed(out) {
            let v: Value = serde_json::from_slice(&ev.data).unwrap();
            if let Some(a) = v
                .pointer("/choices/0/delta/tool_calls/0/function/arguments")
                .and_then(Value::as_str)
            {
                args.push_str(a);
            }
        }
        args
    }

    /// A card behind JSON escapes in streamed arguments (the client's JSON
    /// parser decodes them) is redacted whole, wherever the deltas split,
    /// also inside an escape.
    #[test]
    fn escaped_card_in_tool_call_arguments_is_redacted_at_every_split() {
        let p = policy(r#"{}"#, r#"{"*":"redact"}"#);
        for args in [
            r#"{"card":"\u0034111 1111 1111 1111","n":1}"#,
            r#"{"card":"\\u0034111\n1111\n1111\n111\u0031","n":1}"#,
        ] {
            let chars: Vec<&str> = (0..args.len()).map(|i| &args[i..i + 1]).collect();
            let mut splits: Vec<Vec<&str>> = vec![chars];
            for i in 0..=args.len() {
                splits.push(vec![&args[..i], &args[i..]]);
            }
            for pieces in splits {
                let out = run(&p, Format::OpenAi, &[&tool_call_stream(&pieces)]);
                let got = client_args(&out);
                let parsed: Value = serde_json::from_str(&got).unwrap();
                assert_eq!(parsed["card"], "[REDACTED:CREDIT_CARD]", "{pieces:?}: {got}");
                assert_eq!(parsed["n"], 1);
                let raw = String::from_utf8_lossy(&out);
                assert!(!raw.contains("u0034") && !raw.contains("1111"), "{pieces:?}: {raw}");
            }
        }
        // Under a block policy the stream ends with an error event instead.
        let p = policy(r#"{}"#, r#"{"*":"block"}"#);
        let args = r#"{"card":"\u0034111 1111 1111 1111"}"#;
        let pieces: Vec<&str> = (0..args.len()).map(|i| &args[i..i + 1]).collect();
        let out = run(&p, Format::OpenAi, &[&tool_call_stream(&pieces)]);
        let raw = String::from_utf8_lossy(&out);
        assert!(raw.contains("aigw_dlp_blocked"), "{raw}");
        assert!(!raw.contains("1111"), "{raw}");
    }

    #[test]
    fn anthropic_blocks_flush_before_their_stop() {
        let p = policy(r#"{}"#, r#"{"*":"redact"}"#);
        let mut stream =
            b"event: message_start\ndata: {\"type\":\"message_start\",\"message\":{}}\n\n".to_vec();
        for t in ["Call +1 415 5", "55 0100 now"] {
            stream.extend(frame(Some("content_block_delta"), &json!({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":t}})));
        }
        stream.extend(b"event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        for i in 0..=stream.len() {
            let out = run(&p, Format::Anthropic, &[&stream[..i], &stream[i..]]);
            let (text, _) = client_text(&out);
            assert_eq!(text, "Call [REDACTED:PHONE] now", "split {i}");
            let s = String::from_utf8_lossy(&out);
            assert!(s.find("now").unwrap() < s.find("content_block_stop").unwrap());
        }
    }

    #[test]
    fn flagged_findings_pass_and_are_counted() {
        let p = policy(r#"{}"#, r#"{"*":"flag"}"#);
        let stream = openai_stream(&["mail bob@example.com please"]);
        let mut g = StreamGuard::new(Rc::clone(&p), Format::OpenAi);
        let mut out = g.feed(&stream);
        out.extend(g.finish());
        assert_eq!(client_text(&out).0, "mail bob@example.com please");
        assert_eq!(g.report().findings.get("email"), Some(&1));
    }
}

#[cfg(test)]
mod class_tests {
    //! The class of streams: every endpoint's events, every text field.
    use super::*;
    use crate::config::Config;
    use serde_json::json;

    const CARD: &str = "4111 1111 1111 1111";
    const KEY: &str = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";

    fn policy(response: &str) -> Rc<Policy> {
        let doc = format!(
            r#"{{"version":1,"providers":{{"o":{{"kind":"openai"}}}},
                "policies":{{"p":{{"response":{response}}}}},"policy":"p"}}"#
        );
        let c = Config::parse(doc.as_bytes(), &|_| None).unwrap().0;
        Rc::clone(c.policies.first().unwrap())
    }

    fn redact() -> Rc<Policy> {
        policy(r#"{"*":"redact","secret":"block"}"#)
    }

    fn events(list: &[(Option<&str>, Value)]) -> Vec<u8> {
        let mut out = Vec::new();
        for (e, v) in list {
            out.extend(frame(*e, v));
        }
        out
    }

    /// Runs a stream split at every `step`th byte; every output is checked.
    fn each_split(p: &Rc<Policy>, stream: &[u8], step: usize, check: impl Fn(&str)) {
        for i in (0..=stream.len()).step_by(step) {
            let mut g = StreamGuard::new(Rc::clone(p), Format::OpenAi);
            let mut out = g.feed(&stream[..i]);
            out.extend(g.feed(&stream[i..]));
            out.extend(g.finish());
            check(&String::from_utf8(out).unwrap());
        }
    }

    /// Concatenation of the JSON pointer's strings over all events.
    fn joined(out: &str, pointer: &str) -> String {
        let mut s = String::new();
        for ev in SseParser::new(1 << 20).feed(out.as_bytes()) {
            if let Ok(v) = serde_json::from_slice::<Value>(&ev.data) {
                if let Some(t) = v.pointer(pointer).and_then(Value::as_str) {
                    s.push_str(t);
                }
            }
        }
        s
    }

    fn split_card() -> [&'static str; 3] {
        ["card 4111 11", "11 1111 11", "11 ok"]
    }

    #[test]
    fn completions_text_is_scanned_across_events() {
        let mut list: Vec<(Option<&str>, Value)> = split_card()
            .iter()
            .map(|t| {
                (
                    None,
                    json!({"id":"c","object":"text_completion","created":1,"model":"m",
                "choices":[{"text":t,"index":0,"logprobs":null,"finish_reason":null}]}),
                )
            })
            .collect();
        list.push((
            None,
            json!({"id":"c","object":"text_completion","created":1,"model":"m",
            "choices":[{"text":"","index":0,"logprobs":null,"finish_reason":"stop"}]}),
        ));
        let mut stream = events(&list);
        stream.extend_from_slice(b"data: [DONE]\n\n");
        each_split(&redact(), &stream, 3, |out| {
            assert_eq!(joined(out, "/choices/0/text"), "card [REDACTED:CREDIT_CARD] ok", "{out}");
            assert!(!out.contains("4111") && out.ends_with("data: [DONE]\n\n"), "{out}");
            // What a channel held goes out before the finishing chunk.
            assert!(out.rfind("ok\"").unwrap() < out.find("\"stop\"").unwrap(), "{out}");
        });
    }

    #[test]
    fn legacy_function_call_and_audio_transcript_are_scanned() {
        for (delta_of, pointer) in [
            (
                (|t: &str| json!({"function_call": {"arguments": t}})) as fn(&str) -> Value,
                "/choices/0/delta/function_call/arguments",
            ),
            (
                |t: &str| json!({"audio": {"transcript": t, "data": "AAAA"}}),
                "/choices/0/delta/audio/transcript",
            ),
            (|t: &str| json!({"reasoning_content": t}), "/choices/0/delta/reasoning_content"),
            (
                |t: &str| json!({"brand_new_field": {"deep": [t]}}),
                "/choices/0/delta/brand_new_field/deep/0",
            ),
        ] {
            let mut list: Vec<(Option<&str>, Value)> = split_card()
                .iter()
                .map(|t| {
                    (
                        None,
                        json!({"id":"c","object":"chat.completion.chunk","created":1,"model":"m",
                    "choices":[{"index":0,"delta":delta_of(t),"finish_reason":null}]}),
                    )
                })
                .collect();
            list.push((
                None,
                json!({"id":"c","object":"chat.completion.chunk","created":1,"model":"m",
                "choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}),
            ));
            let mut stream = events(&list);
            stream.extend_from_slice(b"data: [DONE]\n\n");
            each_split(&redact(), &stream, 5, |out| {
                assert_eq!(joined(out, pointer), "card [REDACTED:CREDIT_CARD] ok", "{out}");
                assert!(!out.contains("4111"), "{out}");
            });
        }
    }

    fn responses_stream(text: &[&str]) -> Vec<u8> {
        let full: String = text.concat();
        let mut list: Vec<(Option<&str>, Value)> = vec![(
            Some("response.created"),
            json!({"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response","status":"in_progress","output":[]}}),
        )];
        for (i, t) in text.iter().enumerate() {
            list.push((Some("response.output_text.delta"), json!({"type":"response.output_text.delta",
                "item_id":"msg_1","output_index":0,"content_index":0,"delta":t,"sequence_number":i + 1,
                "logprobs":[{"token":t,"logprob":-0.1,"top_logprobs":[]}]})));
        }
        let part = json!({"type":"output_text","text":full,"annotations":[],"logprobs":[{"token":full,"logprob":0.0}]});
        let item = json!({"id":"msg_1","type":"message","status":"completed","role":"assistant","content":[part]});
        list.extend([
            (Some("response.output_text.done"), json!({"type":"response.output_text.done","item_id":"msg_1","output_index":0,"content_index":0,"text":full,"sequence_number":10})),
            (Some("response.content_part.done"), json!({"type":"response.content_part.done","item_id":"msg_1","output_index":0,"content_index":0,"part":part,"sequence_number":11})),
            (Some("response.output_item.done"), json!({"type":"response.output_item.done","output_index":0,"item":item,"sequence_number":12})),
            (Some("response.completed"), json!({"type":"response.completed","sequence_number":13,
                "response":{"id":"resp_1","object":"response","status":"completed","output":[item],"usage":{"input_tokens":3,"output_tokens":4,"total_tokens":7}}})),
        ]);
        events(&list)
    }

    #[test]
    fn responses_deltas_and_restatements_are_redacted_alike() {
        let stream = responses_stream(&split_card());
        each_split(&redact(), &stream, 7, |out| {
            assert!(!out.contains("4111"), "{out}");
            assert_eq!(joined(out, "/delta"), "card [REDACTED:CREDIT_CARD] ok", "{out}");
            let want = "card [REDACTED:CREDIT_CARD] ok";
            assert_eq!(joined(out, "/text"), want);
            assert_eq!(joined(out, "/part/text"), want);
            assert_eq!(joined(out, "/item/content/0/text"), want);
            assert_eq!(joined(out, "/response/output/0/content/0/text"), want);
            // Held text goes out before the done event, logprobs are empty.
            assert!(
                out.rfind("response.output_text.delta").unwrap()
                    < out.find("response.output_text.done").unwrap()
            );
            assert!(!out.contains("\"token\""), "{out}");
        });
        let mut g = StreamGuard::new(redact(), Format::OpenAi);
        g.feed(&stream);
        g.finish();
        // The restatements do not multiply the count.
        assert_eq!(g.report().findings.get("credit_card"), Some(&1));
    }

    #[test]
    fn a_blocked_responses_stream_ends_with_an_error_event_and_nothing_after() {
        let k = [&KEY[..9], &KEY[9..20], &KEY[20..]];
        let stream = responses_stream(&["key: ", k[0], k[1], k[2], " end"]);
        each_split(&redact(), &stream, 11, |out| {
            assert!(!out.contains("ghp_") && !out.contains("qrstuv"), "{out}");
            assert!(out.trim_end().ends_with('}'));
            let last = SseParser::new(1 << 20).feed(out.as_bytes()).pop().unwrap();
            assert_eq!(last.event.as_deref(), Some("error"));
            let v: Value = serde_json::from_slice(&last.data).unwrap();
            assert_eq!(
                (v["type"].as_str(), v["code"].as_str()),
                (Some("error"), Some("aigw_dlp_blocked"))
            );
            assert!(!out.contains("response.completed"));
        });
    }

    #[test]
    fn unknown_event_types_are_joined_per_channel() {
        let list: Vec<(Option<&str>, Value)> = split_card()
            .iter()
            .map(|t| {
                (Some("weird"), json!({"type":"x.new_text","output_index":2,"payload":{"words":t}}))
            })
            .collect();
        each_split(&redact(), &events(&list), 4, |out| {
            assert!(!out.contains("4111"), "{out}");
            assert_eq!(joined(out, "/payload/words"), "card [REDACTED:CREDIT_CARD] ok");
        });
    }

    #[test]
    fn duplicate_keys_and_unreadable_events_never_pass_raw() {
        let dup = format!(
            "data: {{\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"{CARD}\",\"content\":\"fine\"}}}}]}}\n\ndata: not json {CARD}\n\n"
        );
        let mut g = StreamGuard::new(redact(), Format::OpenAi);
        let mut out = g.feed(dup.as_bytes());
        out.extend(g.finish());
        let out = String::from_utf8(out).unwrap();
        assert!(!out.contains("4111"), "{out}");
        assert_eq!(joined(&out, "/choices/0/delta/content"), "fine");
    }

    #[test]
    fn a_tail_held_when_the_last_chunk_also_finishes_comes_after_its_text() {
        let mut list: Vec<(Option<&str>, Value)> = vec![(
            None,
            json!({"id":"c","object":"chat.completion.chunk",
            "created":1,"model":"m","choices":[{"index":0,"delta":{"content":"one two"},"finish_reason":null}]}),
        )];
        list.push((None, json!({"id":"c","object":"chat.completion.chunk","created":1,"model":"m",
            "choices":[{"index":0,"delta":{"content":" card 4111 1111 1111 1111 and"},"finish_reason":"stop"}]})));
        let mut stream = events(&list);
        stream.extend_from_slice(b"data: [DONE]\n\n");
        each_split(&redact(), &stream, 9, |out| {
            assert_eq!(
                joined(out, "/choices/0/delta/content"),
                "one two card [REDACTED:CREDIT_CARD] and",
                "{out}"
            );
            assert_eq!(out.matches("\"stop\"").count(), 1);
            assert!(
                out.rfind("and\"").unwrap() < out.find("\"stop\"").unwrap()
                    || out.contains("and\"},\"finish_reason\":\"stop\""),
                "{out}"
            );
        });
    }

    #[test]
    fn a_stream_opening_too_many_channels_is_stopped() {
        let list: Vec<(Option<&str>, Value)> = (0..MAX_CHANNELS + 1)
            .map(|i| (None, json!({"type":"x","output_index":i,"delta":"some words"})))
            .collect();
        let mut g = StreamGuard::new(redact(), Format::OpenAi);
        let out = String::from_utf8(g.feed(&events(&list))).unwrap();
        assert!(g.blocked() && out.contains("more than 256"), "{}", &out[out.len() - 300..]);
        assert_eq!(g.report().blocked_by.as_deref(), Some(TOO_MANY_CHANNELS));
    }

    #[test]
    fn an_event_too_large_to_scan_stops_the_stream_with_an_error_event() {
        let small = json!({"id":"c","object":"chat.completion.chunk","created":1,"model":"m",
            "choices":[{"index":0,"delta":{"content":"hello "},"finish_reason":null}]});
        let huge = json!({"id":"c","object":"chat.completion.chunk","created":1,"model":"m",
            "choices":[{"index":0,"delta":{"content":"x".repeat(MAX_EVENT + 10)},"finish_reason":null}]});
        let stream = events(&[(None, small), (None, huge)]);
        // Whole in one callback, the event is complete and scanned as usual.
        let mut g = StreamGuard::new(redact(), Format::OpenAi);
        let mut out = g.feed(&stream);
        out.extend(g.finish());
        assert!(!g.blocked() && out.len() > MAX_EVENT);
        // Held incomplete past the bound: stopped, with an error event.
        for cut in [stream.len() - 5, stream.len() - 1] {
            let mut g = StreamGuard::new(redact(), Format::OpenAi);
            let (a, b) = stream.split_at(cut);
            let mut out = g.feed(a);
            out.extend(g.feed(b));
            out.extend(g.finish());
            let out = String::from_utf8(out).unwrap();
            assert!(g.blocked() && out.contains("larger than"), "{}", &out[..out.len().min(300)]);
            assert!(out.contains("hello") && !out.contains("xxxx"), "cut {cut}");
            assert_eq!(g.report().blocked_by.as_deref(), Some(EVENT_TOO_LARGE));
        }
    }

    #[test]
    fn logprobs_are_emptied_only_when_the_policy_can_alter_text() {
        let chunk = json!({"id":"c","object":"chat.completion.chunk","created":1,"model":"m",
            "choices":[{"index":0,"delta":{"content":"4111"},"finish_reason":null,
            "logprobs":{"content":[{"token":"4111","logprob":-0.1,"bytes":[52,49,49,49],"top_logprobs":[{"token":"4111","logprob":-0.1}]}]}}]});
        let stream = events(&[(None, chunk)]);
        let mut g = StreamGuard::new(redact(), Format::OpenAi);
        let out = String::from_utf8(g.feed(&stream)).unwrap();
        assert!(out.contains("\"logprobs\":null") && !out.contains("token"), "{out}");
        let mut g = StreamGuard::new(policy(r#"{"*":"flag"}"#), Format::OpenAi);
        let out = String::from_utf8(g.feed(&stream)).unwrap();
        assert!(out.contains("top_logprobs"), "{out}");
    }

    #[test]
    fn anthropic_text_in_any_delta_and_in_block_starts_is_scanned() {
        let mut list = vec![(
            Some("content_block_start"),
            json!({"type":"content_block_start","index":0,"content_block":{"type":"text","text":format!("pre {CARD}")}}),
        )];
        for t in split_card() {
            list.push((
                Some("content_block_delta"),
                json!({"type":"content_block_delta","index":0,
                "delta":{"type":"citations_delta","citation":{"cited_text":t}}}),
            ));
        }
        list.push((Some("content_block_stop"), json!({"type":"content_block_stop","index":0})));
        let stream = events(&list);
        for i in 0..=stream.len() {
            let mut g = StreamGuard::new(redact(), Format::Anthropic);
            let mut out = g.feed(&stream[..i]);
            out.extend(g.feed(&stream[i..]));
            out.extend(g.finish());
            let out = String::from_utf8(out).unwrap();
            assert!(!out.contains("4111"), "{out}");
            assert_eq!(
                joined(&out, "/delta/citation/cited_text"),
                "card [REDACTED:CREDIT_CARD] ok"
            );
            assert!(out.rfind("cited_text").unwrap() < out.find("content_block_stop").unwrap());
        }
    }

    #[test]
    fn gemini_candidates_are_scanned_and_end_with_their_finish_reason() {
        let card = split_card();
        let mut list = Vec::new();
        for (i, t) in card.iter().enumerate() {
            let mut c = json!({"content":{"role":"model","parts":[{"text":t}]},"index":0});
            if i + 1 == card.len() {
                c["finishReason"] = json!("STOP");
            }
            list.push((
                None,
                json!({"candidates":[c],"modelVersion":"gemini-x","responseId":"r-4111"}),
            ));
        }
        let stream = events(&list);
        for i in 0..=stream.len() {
            let mut g = StreamGuard::new(redact(), Format::Gemini);
            let mut out = g.feed(&stream[..i]);
            out.extend(g.feed(&stream[i..]));
            // Everything is out before the stream ends: the tail went in
            // the event with the finish reason.
            let tail = g.finish();
            assert!(tail.is_empty(), "{}", String::from_utf8_lossy(&tail));
            let out = String::from_utf8(out).unwrap();
            assert_eq!(
                joined(&out, "/candidates/0/content/parts/0/text"),
                "card [REDACTED:CREDIT_CARD] ok"
            );
            assert_eq!(joined(&out, "/responseId"), "r-4111r-4111r-4111", "{out}");
            let last = out.rsplit("data: ").next().unwrap();
            assert!(last.contains("STOP") && last.contains(" ok"), "{out}");
        }
    }
}
