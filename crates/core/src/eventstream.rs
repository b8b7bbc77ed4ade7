//! AWS's binary event stream (`application/vnd.amazon.eventstream`), what
//! Bedrock's ConverseStream answers with. Each message:
//!
//! ```text
//! total length (u32 BE) | headers length (u32 BE) | prelude CRC32 (of the 8 bytes before)
//! headers: name length (u8), name, value type (u8), value
//! payload (JSON)
//! message CRC32 (of everything before it)
//! ```
//!
//! The decoder checks both CRCs and bounds a message's size; a bad message
//! stops it (the caller treats the rest as unreadable). Each message comes
//! out as an [`SseEvent`] (event = `:event-type`, or `:exception-type` for
//! exceptions; data = the payload) so the stream readers built for SSE
//! (usage, translation, the DLP guard) read it unchanged.

use crate::sse::SseEvent;

pub const CONTENT_TYPE: &[u8] = b"application/vnd.amazon.eventstream";

const PRELUDE: usize = 12;
/// The smallest message: prelude and message CRC.
const MIN_MESSAGE: usize = 16;

/// Why a stream cannot be read on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Broken {
    PreludeCrc,
    MessageCrc,
    /// A length outside the message's bounds (or over the decoder's).
    Length,
    Headers,
}

/// Incremental decoder: chunks of any size in, whole messages out.
#[derive(Debug)]
pub struct Decoder {
    pending: Vec<u8>,
    max_message: usize,
    broken: Option<Broken>,
}

impl Decoder {
    pub fn new(max_message: usize) -> Self {
        Decoder { pending: Vec::new(), max_message, broken: None }
    }

    pub fn broken(&self) -> Option<Broken> {
        self.broken
    }

    /// Bytes of the incomplete message held so far.
    pub fn pending_len(&self) -> usize {
        self.pending.len()
    }

    /// The messages completed by `chunk`, as events.
    pub fn feed(&mut self, chunk: &[u8]) -> Vec<SseEvent> {
        let mut out = Vec::new();
        if self.broken.is_some() {
            return out;
        }
        self.pending.extend_from_slice(chunk);
        let mut at = 0;
        loop {
            match message_at(self.pending.get(at..).unwrap_or_default(), self.max_message) {
                Ok(Some((len, ev))) => {
                    out.push(ev);
                    at += len;
                }
                Ok(None) => break,
                Err(b) => {
                    self.broken = Some(b);
                    self.pending.clear();
                    return out;
                }
            }
        }
        self.pending.drain(..at);
        out
    }
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    let s: [u8; 4] = b.get(at..at + 4)?.try_into().ok()?;
    Some(u32::from_be_bytes(s))
}

/// The message at the start of `b`: its length and event, None when it is
/// not all there yet.
fn message_at(b: &[u8], max: usize) -> Result<Option<(usize, SseEvent)>, Broken> {
    let (Some(total), Some(hlen), Some(crc)) = (be32(b, 0), be32(b, 4), be32(b, 8)) else {
        return Ok(None);
    };
    if crc32fast::hash(b.get(..8).unwrap_or_default()) != crc {
        return Err(Broken::PreludeCrc);
    }
    let (total, hlen) = (total as usize, hlen as usize);
    if total < MIN_MESSAGE || total > max || hlen > total - MIN_MESSAGE {
        return Err(Broken::Length);
    }
    let Some(msg) = b.get(..total) else { return Ok(None) };
    let body_end = total - 4;
    if crc32fast::hash(msg.get(..body_end).unwrap_or_default()) != be32(msg, body_end).unwrap_or(0)
    {
        return Err(Broken::MessageCrc);
    }
    let headers = msg.get(PRELUDE..PRELUDE + hlen).ok_or(Broken::Length)?;
    let payload = msg.get(PRELUDE + hlen..body_end).ok_or(Broken::Length)?;
    let mut event = None;
    let mut exception = None;
    let mut message_type = None;
    for (name, value) in parse_headers(headers)? {
        match name {
            b":event-type" => event = Some(value),
            b":exception-type" => exception = Some(value),
            b":message-type" => message_type = Some(value),
            _ => {}
        }
    }
    let name = match message_type {
        Some(b"exception") | Some(b"error") => exception.or(event),
        _ => event,
    };
    let event = name.map(|n| String::from_utf8_lossy(n).into_owned());
    Ok(Some((total, SseEvent { raw: msg.to_vec(), event, data: payload.to_vec() })))
}

/// The string headers (other value types are skipped by their sizes).
/// A header's name and string value.
type Header<'a> = (&'a [u8], &'a [u8]);

fn parse_headers(mut h: &[u8]) -> Result<Vec<Header<'_>>, Broken> {
    let mut out = Vec::new();
    while !h.is_empty() {
        let n = usize::from(*h.first().ok_or(Broken::Headers)?);
        let name = h.get(1..1 + n).ok_or(Broken::Headers)?;
        let ty = *h.get(1 + n).ok_or(Broken::Headers)?;
        let rest = h.get(2 + n..).ok_or(Broken::Headers)?;
        let fixed = match ty {
            0 | 1 => Some(0),
            2 => Some(1),
            3 => Some(2),
            4 => Some(4),
            5 | 8 => Some(8),
            9 => Some(16),
            6 | 7 => None,
            _ => return Err(Broken::Headers),
        };
        let used = match fixed {
            Some(len) => len,
            None => {
                let len = usize::from(u16::from_be_bytes(
                    rest.get(..2)
                        .ok_or(Broken::Headers)?
                        .try_into()
                        .map_err(|_| Broken::Headers)?,
                ));
                if ty == 7 {
                    out.push((name, rest.get(2..2 + len).ok_or(Broken::Headers)?));
                }
                2 + len
            }
        };
        h = rest.get(used..).ok_or(Broken::Headers)?;
    }
    Ok(out)
}

/// One message with string headers and a payload.
pub fn encode(headers: &[(&str, &str)], payload: &[u8]) -> Vec<u8> {
    let mut hb = Vec::new();
    for (k, v) in headers {
        hb.push(u8::try_from(k.len()).unwrap_or(u8::MAX));
        hb.extend_from_slice(k.as_bytes().get(..255).unwrap_or(k.as_bytes()));
        hb.push(7);
        let v = v.as_bytes().get(..usize::from(u16::MAX)).unwrap_or(v.as_bytes());
        hb.extend_from_slice(&(v.len() as u16).to_be_bytes());
        hb.extend_from_slice(v);
    }
    let total = PRELUDE + hb.len() + payload.len() + 4;
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(&(total as u32).to_be_bytes());
    out.extend_from_slice(&(hb.len() as u32).to_be_bytes());
    let crc = crc32fast::hash(&out);
    out.extend_from_slice(&crc.to_be_bytes());
    out.extend_from_slice(&hb);
    out.extend_from_slice(payload);
    let crc = crc32fast::hash(&out);
    out.extend_from_slice(&crc.to_be_bytes());
    out
}

/// An event message (`:message-type` event), as Bedrock sends them.
pub fn event(event_type: &str, payload: &[u8]) -> Vec<u8> {
    encode(
        &[
            (":event-type", event_type),
            (":content-type", "application/json"),
            (":message-type", "event"),
        ],
        payload,
    )
}

/// An exception message (what ends a ConverseStream with an error).
pub fn exception(exception_type: &str, payload: &[u8]) -> Vec<u8> {
    encode(
        &[
            (":exception-type", exception_type),
            (":content-type", "application/json"),
            (":message-type", "exception"),
        ],
        payload,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_in_any_split() {
        let mut stream = event("messageStart", br#"{"role":"assistant"}"#);
        stream.extend(event(
            "contentBlockDelta",
            br#"{"contentBlockIndex":0,"delta":{"text":"hi"}}"#,
        ));
        stream.extend(exception("throttlingException", br#"{"message":"slow"}"#));
        for cut in 0..stream.len() {
            let mut d = Decoder::new(1 << 20);
            let mut evs = d.feed(&stream[..cut]);
            evs.extend(d.feed(&stream[cut..]));
            assert_eq!(d.broken(), None);
            let names: Vec<_> = evs.iter().map(|e| e.event.clone().unwrap()).collect();
            assert_eq!(names, ["messageStart", "contentBlockDelta", "throttlingException"]);
            assert_eq!(evs[1].data, br#"{"contentBlockIndex":0,"delta":{"text":"hi"}}"#);
            assert_eq!(d.pending_len(), 0);
        }
    }

    #[test]
    fn crcs_and_lengths_are_checked() {
        let m = event("x", b"{}");
        let mut bad = m.clone();
        bad[3] ^= 1;
        assert_eq!(Decoder::new(1 << 20).feed(&bad).len(), 0);
        let mut d = Decoder::new(1 << 20);
        d.feed(&bad);
        assert_eq!(d.broken(), Some(Broken::PreludeCrc));
        let mut bad = m.clone();
        let n = bad.len();
        bad[n - 6] ^= 1;
        let mut d = Decoder::new(1 << 20);
        assert!(d.feed(&bad).is_empty());
        assert_eq!(d.broken(), Some(Broken::MessageCrc));
        let mut d = Decoder::new(16);
        d.feed(&m);
        assert_eq!(d.broken(), Some(Broken::Length));
    }

    #[test]
    fn other_header_types_are_skipped() {
        // A bool (0), an int32 (4) and a byte array (6) before the event type.
        let mut hb = vec![1, b'a', 0, 1, b'b', 4, 0, 0, 0, 1, 1, b'c', 6, 0, 2, 9, 9];
        hb.extend([11]);
        hb.extend(b":event-type");
        hb.extend([7, 0, 2]);
        hb.extend(b"ev");
        let total = 12 + hb.len() + 2 + 4;
        let mut m = (total as u32).to_be_bytes().to_vec();
        m.extend((hb.len() as u32).to_be_bytes());
        let c = crc32fast::hash(&m);
        m.extend(c.to_be_bytes());
        m.extend(&hb);
        m.extend(b"{}");
        let c = crc32fast::hash(&m);
        m.extend(c.to_be_bytes());
        let evs = Decoder::new(1 << 20).feed(&m);
        assert_eq!(evs[0].event.as_deref(), Some("ev"));
    }
}
