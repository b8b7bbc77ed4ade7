//! DLP and guardrails on streamed answers. The text of a stream is rebuilt
//! across SSE events, one channel per piece of output (a choice's content,
//! each tool call's arguments, an Anthropic content block), and scanned as a
//! stream: text is released as soon as no finding can still start in it,
//! so a value split over any number of events is one value, and no
//! fragment of a redacted or blocked finding reaches the client. Released
//! text replaces each event's fragment; what is still held when a channel
//! ends is sent in one more delta event just before its end. A block ends
//! the stream with a well-formed error event (the headers have gone, so no
//! second set of headers).

use std::collections::BTreeMap;
use std::rc::Rc;

use aigw_dlp::StreamScanner;
use serde_json::{json, Value};

use crate::policy::{Action, Direction, Policy, Report};
use crate::sse::{SseEvent, SseParser};
use crate::wire::Wire;

/// Where a channel's text sits in an event (to write a flush event).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Slot {
    /// OpenAI `choices[i].delta.<field>`.
    Delta { choice: u64, field: &'static str },
    /// OpenAI `choices[i].delta.tool_calls[*]` with `index: k`.
    ToolArgs { choice: u64, index: u64 },
    /// Anthropic `content_block_delta` of block `index` (`delta.<field>`).
    Block { index: u64, delta_type: String, field: String },
}

struct Channel {
    scanner: StreamScanner,
    slot: Slot,
}

pub struct StreamGuard {
    policy: Rc<Policy>,
    wire: Wire,
    parser: SseParser,
    channels: BTreeMap<String, Channel>,
    /// OpenAI: `id`, `created`, `model` of the last chunk (for flush events).
    template: Option<(Value, Value, Value)>,
    pub report: Report,
    blocked: bool,
    pub scanned: usize,
}

impl StreamGuard {
    pub fn new(policy: Rc<Policy>, wire: Wire) -> Self {
        StreamGuard {
            policy,
            wire,
            parser: SseParser::new(1 << 20),
            channels: BTreeMap::new(),
            template: None,
            report: Report::default(),
            blocked: false,
            scanned: 0,
        }
    }

    pub fn blocked(&self) -> bool {
        self.blocked
    }

    pub fn feed(&mut self, bytes: &[u8]) -> Vec<u8> {
        if self.blocked {
            return Vec::new();
        }
        let events = self.parser.feed(bytes);
        let mut out = Vec::with_capacity(bytes.len());
        for ev in events {
            self.event(ev, &mut out);
            if self.blocked {
                break;
            }
        }
        out
    }

    /// End of the stream: what is left. An unterminated last event is
    /// dropped (clients ignore it; its text was never scanned).
    pub fn finish(&mut self) -> Vec<u8> {
        if self.blocked {
            return Vec::new();
        }
        let mut out = Vec::new();
        for ev in self.parser.finish() {
            self.event(ev, &mut out);
            if self.blocked {
                return out;
            }
        }
        let _ = self.parser.take_pending();
        let keys: Vec<String> = self.channels.keys().cloned().collect();
        self.flush(&keys, &mut out);
        out
    }

    fn event(&mut self, ev: SseEvent, out: &mut Vec<u8>) {
        if ev.data.is_empty() {
            out.extend_from_slice(&ev.raw);
            return;
        }
        match self.wire {
            Wire::OpenAiChat => self.openai(ev, out),
            Wire::AnthropicMessages => self.anthropic(ev, out),
        }
    }

    /// Pushes a fragment through its channel's scanner: the text to send
    /// now, or None when a finding blocks the stream.
    fn push(&mut self, key: &str, slot: Slot, text: &str) -> Option<String> {
        self.scanned += text.len();
        let policy = Rc::clone(&self.policy);
        let ch = self.channels.entry(key.to_string()).or_insert_with(|| Channel {
            scanner: StreamScanner::new(
                Rc::clone(&policy.engine),
                policy.profile,
                policy.held(Direction::Response),
            ),
            slot,
        });
        let chunk = ch.scanner.push(text);
        self.account(&chunk.findings).then_some(chunk.text)
    }

    /// Records findings; false when one blocks.
    fn account(&mut self, findings: &[aigw_dlp::Finding]) -> bool {
        let policy = Rc::clone(&self.policy);
        let mut ok = true;
        for f in findings {
            if self.report.add(&policy, Direction::Response, f) == Action::Block {
                ok = false;
            }
        }
        ok
    }

    /// Ends channels: one more delta event each with what they held.
    fn flush(&mut self, keys: &[String], out: &mut Vec<u8>) {
        for key in keys {
            let Some(mut ch) = self.channels.remove(key) else { continue };
            let chunk = ch.scanner.finish();
            if !self.account(&chunk.findings) {
                self.block(out);
                return;
            }
            if !chunk.text.is_empty() {
                out.extend(self.flush_event(&ch.slot, &chunk.text));
            }
        }
    }

    fn flush_event(&self, slot: &Slot, text: &str) -> Vec<u8> {
        match slot {
            Slot::Delta { choice, field } => {
                let mut delta = serde_json::Map::new();
                delta.insert((*field).to_string(), Value::String(text.to_string()));
                self.openai_chunk(*choice, Value::Object(delta))
            }
            Slot::ToolArgs { choice, index } => self.openai_chunk(
                *choice,
                json!({"tool_calls": [{"index": index, "function": {"arguments": text}}]}),
            ),
            Slot::Block { index, delta_type, field } => {
                let mut delta = serde_json::Map::new();
                delta.insert("type".into(), Value::String(delta_type.clone()));
                delta.insert(field.clone(), Value::String(text.to_string()));
                let data = json!({"type": "content_block_delta", "index": index, "delta": delta});
                frame(Some("content_block_delta"), &data)
            }
        }
    }

    fn openai_chunk(&self, choice: u64, delta: Value) -> Vec<u8> {
        let (id, created, model) =
            self.template.clone().unwrap_or((json!(""), json!(0), json!("")));
        let data = json!({
            "id": id, "object": "chat.completion.chunk", "created": created, "model": model,
            "choices": [{"index": choice, "delta": delta, "finish_reason": null}]
        });
        frame(None, &data)
    }

    /// Ends the stream with an error event in the client's format.
    fn block(&mut self, out: &mut Vec<u8>) {
        self.blocked = true;
        let by = self.report.blocked_by.clone().unwrap_or_default();
        let guardrail =
            self.policy.engine.detector(&by).is_some_and(|id| self.policy.is_guardrail(id));
        let code = if guardrail { "aigw_guardrail_blocked" } else { "aigw_dlp_blocked" };
        let message = format!(
            "the answer was stopped: it contains content this gateway's policy blocks ({by})"
        );
        match self.wire {
            Wire::OpenAiChat => out.extend(frame(
                None,
                &json!({"error": {"message": message, "type": "permission_error", "code": code}}),
            )),
            Wire::AnthropicMessages => out.extend(frame(
                Some("error"),
                &json!({"type": "error", "error": {"type": "permission_error", "message": message, "code": code}}),
            )),
        }
    }

    fn openai(&mut self, ev: SseEvent, out: &mut Vec<u8>) {
        if ev.data.trim_ascii() == b"[DONE]" {
            let keys: Vec<String> = self.channels.keys().cloned().collect();
            self.flush(&keys, out);
            if !self.blocked {
                out.extend_from_slice(&ev.raw);
            }
            return;
        }
        let Ok(mut v) = serde_json::from_slice::<Value>(&ev.data) else {
            // Not a chunk we can read: nothing in it is released unscanned.
            return;
        };
        if let (Some(id), Some(created), Some(model)) =
            (v.get("id"), v.get("created"), v.get("model"))
        {
            self.template = Some((id.clone(), created.clone(), model.clone()));
        }
        let mut changed = false;
        let mut finished: Vec<u64> = Vec::new();
        let n = v.get("choices").and_then(Value::as_array).map_or(0, Vec::len);
        for ci in 0..n {
            let Some(choice) = v.get_mut("choices").and_then(|c| c.get_mut(ci)) else { continue };
            let index = choice.get("index").and_then(Value::as_u64).unwrap_or(ci as u64);
            if choice.get("finish_reason").is_some_and(|f| !f.is_null()) {
                finished.push(index);
            }
            // (channel key, slot, where in the delta, text)
            let mut fragments: Vec<(String, Slot, String, String)> = Vec::new();
            if let Some(delta) = choice.get("delta").and_then(Value::as_object) {
                for field in ["content", "refusal", "reasoning_content", "reasoning"] {
                    if let Some(Value::String(t)) = delta.get(field) {
                        let key = format!("{index}/{field}");
                        fragments.push((
                            key,
                            Slot::Delta { choice: index, field },
                            field.to_string(),
                            t.clone(),
                        ));
                    }
                }
                if let Some(calls) = delta.get("tool_calls").and_then(Value::as_array) {
                    for (pos, call) in calls.iter().enumerate() {
                        let k = call.get("index").and_then(Value::as_u64).unwrap_or(pos as u64);
                        if let Some(Value::String(t)) =
                            call.get("function").and_then(|f| f.get("arguments"))
                        {
                            fragments.push((
                                format!("{index}/tool/{k}"),
                                Slot::ToolArgs { choice: index, index: k },
                                format!("tool:{pos}"),
                                t.clone(),
                            ));
                        }
                    }
                }
            }
            for (key, slot, place, text) in fragments {
                let Some(released) = self.push(&key, slot, &text) else {
                    self.block(out);
                    return;
                };
                if released != text {
                    changed = true;
                    let Some(choice) = v.get_mut("choices").and_then(|c| c.get_mut(ci)) else {
                        continue;
                    };
                    let Some(delta) = choice.get_mut("delta") else { continue };
                    if let Some(pos) =
                        place.strip_prefix("tool:").and_then(|p| p.parse::<usize>().ok())
                    {
                        if let Some(args) = delta
                            .get_mut("tool_calls")
                            .and_then(|c| c.get_mut(pos))
                            .and_then(|c| c.get_mut("function"))
                            .and_then(|f| f.get_mut("arguments"))
                        {
                            *args = Value::String(released);
                        }
                    } else if let Some(slot) = delta.get_mut(place.as_str()) {
                        *slot = Value::String(released);
                    }
                }
            }
        }
        // A finished choice: what its channels hold goes out before the end.
        if !finished.is_empty() {
            let keys: Vec<String> = self
                .channels
                .keys()
                .filter(|k| finished.iter().any(|c| k.starts_with(&format!("{c}/"))))
                .cloned()
                .collect();
            self.flush(&keys, out);
            if self.blocked {
                return;
            }
        }
        if changed {
            out.extend(frame(ev.event.as_deref(), &v));
        } else {
            out.extend_from_slice(&ev.raw);
        }
    }

    fn anthropic(&mut self, ev: SseEvent, out: &mut Vec<u8>) {
        let kind = ev.event.clone().unwrap_or_default();
        match kind.as_str() {
            "content_block_delta" => {
                let Ok(mut v) = serde_json::from_slice::<Value>(&ev.data) else { return };
                let index = v.get("index").and_then(Value::as_u64).unwrap_or(0);
                let delta_type = v
                    .get("delta")
                    .and_then(|d| d.get("type"))
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                let field = match delta_type.as_str() {
                    "text_delta" => "text",
                    "input_json_delta" => "partial_json",
                    "thinking_delta" => "thinking",
                    _ => {
                        out.extend_from_slice(&ev.raw);
                        return;
                    }
                };
                let Some(text) = v
                    .get("delta")
                    .and_then(|d| d.get(field))
                    .and_then(Value::as_str)
                    .map(str::to_string)
                else {
                    out.extend_from_slice(&ev.raw);
                    return;
                };
                let slot =
                    Slot::Block { index, delta_type: delta_type.clone(), field: field.to_string() };
                let Some(released) = self.push(&format!("{index}"), slot, &text) else {
                    self.block(out);
                    return;
                };
                if released == text {
                    out.extend_from_slice(&ev.raw);
                } else {
                    if let Some(t) = v.get_mut("delta").and_then(|d| d.get_mut(field)) {
                        *t = Value::String(released);
                    }
                    out.extend(frame(Some("content_block_delta"), &v));
                }
            }
            "content_block_stop" => {
                let index = serde_json::from_slice::<Value>(&ev.data)
                    .ok()
                    .and_then(|v| v.get("index").and_then(Value::as_u64))
                    .unwrap_or(0);
                self.flush(&[format!("{index}")], out);
                if !self.blocked {
                    out.extend_from_slice(&ev.raw);
                }
            }
            "message_delta" | "message_stop" => {
                let keys: Vec<String> = self.channels.keys().cloned().collect();
                self.flush(&keys, out);
                if !self.blocked {
                    out.extend_from_slice(&ev.raw);
                }
            }
            _ => out.extend_from_slice(&ev.raw),
        }
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

    fn run(policy: &Rc<Policy>, wire: Wire, chunks: &[&[u8]]) -> Vec<u8> {
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
            let out = run(&p, Wire::OpenAiChat, &[&stream[..i], &stream[i..]]);
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
            let out = run(&p, Wire::OpenAiChat, &[&stream[..i], &stream[i..]]);
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
        let out = run(&p, Wire::OpenAiChat, &[&stream]);
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
            let out = run(&p, Wire::AnthropicMessages, &[&stream[..i], &stream[i..]]);
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
        let mut g = StreamGuard::new(Rc::clone(&p), Wire::OpenAiChat);
        let mut out = g.feed(&stream);
        out.extend(g.finish());
        assert_eq!(client_text(&out).0, "mail bob@example.com please");
        assert_eq!(g.report.findings.get("email"), Some(&1));
    }
}
