//! The DLP stream guard on Bedrock's binary event stream: each message is
//! turned into an SSE event (its event type as `event:` and as the JSON's
//! `type`, which the guard reads channels and snapshots by), the guard
//! scans, redacts or blocks as on any SSE stream, and what it releases is
//! framed back into event-stream messages (CRCs recomputed), exceptions
//! included. So redaction works inside ConverseStream too, and a block ends
//! the stream with an exception message, as Bedrock's own errors do.

use serde_json::Value;

use crate::eventstream::{self, Decoder};
use crate::sse::SseParser;

/// The `type` given to exception messages: the guard scans an `error`
/// whole.
const EXCEPTION_TYPE: &str = "error";

#[derive(Debug)]
pub struct Frames {
    decoder: Decoder,
    released: SseParser,
}

fn is_exception(name: &str) -> bool {
    name.ends_with("Exception") || name.ends_with("exception")
}

impl Frames {
    pub fn new(max_message: usize) -> Self {
        Frames { decoder: Decoder::new(max_message), released: SseParser::new(max_message * 2) }
    }

    /// Binary messages in, SSE events out; true when the stream cannot be
    /// read (a bad CRC or length: nothing after it goes out unscanned).
    pub fn decode(&mut self, bytes: &[u8]) -> (Vec<u8>, bool) {
        let mut out = Vec::with_capacity(bytes.len() + 64);
        for ev in self.decoder.feed(bytes) {
            let name = ev.event.unwrap_or_default();
            let Ok(Value::Object(mut m)) = serde_json::from_slice::<Value>(&ev.data) else {
                // Not a JSON object: the guard never releases it.
                out.extend_from_slice(b"event: ");
                out.extend_from_slice(name.as_bytes());
                out.extend_from_slice(b"\ndata: -\n\n");
                continue;
            };
            let t = if is_exception(&name) { EXCEPTION_TYPE } else { name.as_str() };
            m.insert("type".into(), Value::String(t.to_string()));
            out.extend_from_slice(b"event: ");
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(b"\ndata: ");
            out.extend(serde_json::to_vec(&Value::Object(m)).unwrap_or_default());
            out.extend_from_slice(b"\n\n");
        }
        (out, self.decoder.broken().is_some())
    }

    /// What the guard released (SSE), framed back into messages.
    pub fn encode(&mut self, sse: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(sse.len() + 64);
        for ev in self.released.feed(sse) {
            let Some(name) = ev.event.as_deref() else { continue };
            let Ok(mut v) = serde_json::from_slice::<Value>(&ev.data) else { continue };
            if let Some(m) = v.as_object_mut() {
                m.remove("type");
            }
            let payload = serde_json::to_vec(&v).unwrap_or_default();
            if is_exception(name) {
                out.extend(eventstream::exception(name, &payload));
            } else {
                out.extend(eventstream::event(name, &payload));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::formats::Format;
    use crate::stream_guard::StreamGuard;

    fn policy(action: &str) -> Rc<crate::policy::Policy> {
        let doc = format!(
            r#"{{"version":1,"providers":{{"b":{{"kind":"bedrock","region":"us-east-1"}}}},
                "policies":{{"p":{{"response":{{"*":"{action}"}}}}}},"policy":"p"}}"#
        );
        let c = crate::config::Config::parse(doc.as_bytes(), &|_| None).unwrap().0;
        Rc::clone(c.policies.first().unwrap())
    }

    fn stream(texts: &[&str]) -> Vec<u8> {
        let mut s = eventstream::event("messageStart", br#"{"role":"assistant"}"#);
        for t in texts {
            let d = serde_json::json!({"contentBlockIndex":0,"delta":{"text":t}});
            s.extend(eventstream::event("contentBlockDelta", d.to_string().as_bytes()));
        }
        s.extend(eventstream::event("contentBlockStop", br#"{"contentBlockIndex":0}"#));
        s.extend(eventstream::event("messageStop", br#"{"stopReason":"end_turn"}"#));
        s.extend(eventstream::event(
            "metadata",
            br#"{"usage":{"inputTokens":3,"outputTokens":2,"totalTokens":5}}"#,
        ));
        s
    }

    fn run(action: &str, input: &[u8], cut: usize) -> Vec<crate::sse::SseEvent> {
        let mut g = StreamGuard::new(policy(action), Format::Bedrock);
        let mut out = g.feed(&input[..cut]);
        out.extend(g.feed(&input[cut..]));
        out.extend(g.finish());
        let mut d = Decoder::new(1 << 20);
        let evs = d.feed(&out);
        assert_eq!(d.broken(), None);
        evs
    }

    fn text(evs: &[crate::sse::SseEvent]) -> String {
        evs.iter()
            .filter(|e| e.event.as_deref() == Some("contentBlockDelta"))
            .filter_map(|e| {
                let v: Value = serde_json::from_slice(&e.data).unwrap();
                v["delta"]["text"].as_str().map(str::to_string)
            })
            .collect()
    }

    #[test]
    fn redacts_a_value_split_across_messages() {
        let input = stream(&["card 4111 11", "11 1111 1111 ok"]);
        for cut in [0, 7, input.len() / 2, input.len()] {
            let evs = run("redact", &input, cut);
            let t = text(&evs);
            assert!(!t.contains("4111") && t.ends_with(" ok") && t.starts_with("card "), "{t}");
            let names: Vec<_> = evs.iter().filter_map(|e| e.event.clone()).collect();
            assert_eq!(names.first().map(String::as_str), Some("messageStart"));
            assert_eq!(names.last().map(String::as_str), Some("metadata"));
            // Payloads are Bedrock's again (no `type`).
            assert!(evs.iter().all(|e| !String::from_utf8_lossy(&e.data).contains("\"type\"")));
        }
    }

    #[test]
    fn block_ends_with_an_exception() {
        let input = stream(&["card 4111 1111 1111 1111 here"]);
        let evs = run("block", &input, input.len());
        let last = evs.last().unwrap();
        assert!(last.event.as_deref().unwrap().ends_with("Exception"), "{last:?}");
        assert!(!text(&evs).contains("4111"));
        assert!(!evs.iter().any(|e| e.event.as_deref() == Some("metadata")));
    }

    #[test]
    fn a_broken_stream_is_stopped() {
        let mut input = stream(&["hello"]);
        input[5] ^= 0xff;
        let mut g = StreamGuard::new(policy("redact"), Format::Bedrock);
        let out = g.feed(&input);
        let evs = Decoder::new(1 << 20).feed(&out);
        assert!(evs.last().unwrap().event.as_deref().unwrap().ends_with("Exception"));
    }
}
