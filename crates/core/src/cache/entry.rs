//! The stored form of a cached response: a small binary header, then the body
//! exactly as the client received it (a JSON document or the SSE events).

use crate::usage::Usage;

const MAGIC: &[u8; 6] = b"AIGWC1";
const NONE: u64 = u64::MAX;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: [u8; 32],
    pub stored_ms: u64,
    pub expires_ms: u64,
    pub status: u16,
    /// The body is an SSE stream (replayed as one).
    pub stream: bool,
    pub content_type: String,
    pub usage: Usage,
    pub body: Vec<u8>,
}

impl Entry {
    pub fn encode(&self) -> Vec<u8> {
        let ct = self.content_type.as_bytes();
        let ct_len = ct.len().min(u16::MAX as usize);
        let mut out = Vec::with_capacity(6 + 32 + 8 * 5 + 2 + 1 + 2 + ct_len + 4 + self.body.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.key);
        out.extend_from_slice(&self.stored_ms.to_le_bytes());
        out.extend_from_slice(&self.expires_ms.to_le_bytes());
        out.extend_from_slice(&self.status.to_le_bytes());
        out.push(u8::from(self.stream));
        out.extend_from_slice(&(ct_len as u16).to_le_bytes());
        out.extend_from_slice(ct.get(..ct_len).unwrap_or_default());
        for v in [self.usage.input_tokens, self.usage.output_tokens, self.usage.cached_input_tokens]
        {
            out.extend_from_slice(&v.unwrap_or(NONE).to_le_bytes());
        }
        out.extend_from_slice(&(self.body.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.body);
        out
    }

    /// None for anything that is not a whole, well-formed entry (an empty
    /// slot, another format, a truncated or corrupted value). Takes the
    /// value as read: the body stays in its buffer (no copy on a hit).
    pub fn decode(mut bytes: Vec<u8>) -> Option<Entry> {
        let mut r = Reader { bytes: &bytes, at: 0 };
        if r.take(6)? != MAGIC {
            return None;
        }
        let key: [u8; 32] = r.take(32)?.try_into().ok()?;
        let stored_ms = r.u64()?;
        let expires_ms = r.u64()?;
        let status = u16::from_le_bytes(r.take(2)?.try_into().ok()?);
        let stream = match r.take(1)? {
            [0] => false,
            [1] => true,
            _ => return None,
        };
        let ct_len = u16::from_le_bytes(r.take(2)?.try_into().ok()?) as usize;
        let content_type = String::from_utf8(r.take(ct_len)?.to_vec()).ok()?;
        let opt = |v: u64| (v != NONE).then_some(v);
        let usage = Usage {
            input_tokens: opt(r.u64()?),
            output_tokens: opt(r.u64()?),
            cached_input_tokens: opt(r.u64()?),
        };
        let body_len = u32::from_le_bytes(r.take(4)?.try_into().ok()?) as usize;
        let body_start = r.at;
        r.take(body_len)?;
        if r.at != bytes.len() {
            return None;
        }
        bytes.drain(..body_start);
        Some(Entry { key, stored_ms, expires_ms, status, stream, content_type, usage, body: bytes })
    }

    pub fn live(&self, now_ms: u64) -> bool {
        now_ms < self.expires_ms
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(s)
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn sample() -> Entry {
        Entry {
            key: [7; 32],
            stored_ms: 1000,
            expires_ms: 61_000,
            status: 200,
            stream: true,
            content_type: "text/event-stream".into(),
            usage: Usage {
                input_tokens: Some(5),
                output_tokens: Some(9),
                cached_input_tokens: None,
            },
            body: b"data: {}\n\ndata: [DONE]\n\n".to_vec(),
        }
    }

    #[test]
    fn roundtrip() {
        let e = sample();
        assert_eq!(Entry::decode(e.encode()), Some(e.clone()));
        assert!(e.live(60_999) && !e.live(61_000));
    }

    #[test]
    fn garbage_and_truncation_decode_to_none() {
        let bytes = sample().encode();
        for cut in 0..bytes.len() {
            assert_eq!(Entry::decode(bytes[..cut].to_vec()), None, "cut {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(Entry::decode(longer), None);
        assert_eq!(Entry::decode(b"not an entry at all, but long enough to read".to_vec()), None);
        let mut bad_flag = bytes;
        bad_flag[6 + 32 + 16 + 2] = 9;
        assert_eq!(Entry::decode(bad_flag), None);
    }
}
