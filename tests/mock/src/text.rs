//! Pure text helpers: token counting, reply splitting, SSE framing and the
//! deterministic embedding vectors. Nothing here does I/O.

use hyper::body::Bytes;
use serde::Serialize;

/// Counts whitespace-separated words over text fed in several slices, as if
/// the slices were concatenated ("a" + "b" is one word, like `"ab"`).
#[derive(Debug, Default, Clone, Copy)]
pub struct WordCounter {
    in_word: bool,
    count: u64,
}

impl WordCounter {
    pub fn feed(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                self.in_word = false;
            } else if !self.in_word {
                self.in_word = true;
                self.count += 1;
            }
        }
    }

    pub fn count(&self) -> u64 {
        self.count
    }
}

/// Number of whitespace-separated words in `s`.
pub fn words(s: &str) -> u64 {
    s.split_whitespace().count() as u64
}

/// Splits a reply into the pieces that are streamed one per event: each piece
/// is a word together with the whitespace run that follows it (a leading
/// whitespace run is a piece of its own). Concatenating the pieces gives `s`
/// back; an empty string has no pieces.
pub fn pieces(s: &str) -> Pieces<'_> {
    Pieces { rest: s }
}

pub struct Pieces<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Pieces<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.rest.is_empty() {
            return None;
        }
        let mut seen_ws = false;
        for (i, c) in self.rest.char_indices() {
            if c.is_whitespace() {
                seen_ws = true;
            } else if seen_ws {
                let (piece, rest) = self.rest.split_at(i);
                self.rest = rest;
                return Some(piece);
            }
        }
        let piece = self.rest;
        self.rest = "";
        Some(piece)
    }
}

/// Number of streamed pieces of `s` (the mock's completion token count).
pub fn piece_count(s: &str) -> u64 {
    pieces(s).count() as u64
}

/// Splits `s` into at most `n` non-empty pieces of (nearly) equal character
/// count, on character boundaries. Used to stream tool-call arguments.
pub fn split_even(s: &str, n: usize) -> Vec<&str> {
    let chars = s.chars().count();
    let k = n.min(chars);
    let mut out = Vec::with_capacity(k);
    if k == 0 {
        return out;
    }
    let (base, extra) = (chars / k, chars % k);
    // Byte offsets of char 1, 2, ..., then the end of the string.
    let mut offsets = s.char_indices().map(|(i, _)| i).skip(1).chain(std::iter::once(s.len()));
    let mut start = 0;
    for part in 0..k {
        let len = base + usize::from(part < extra); // >= 1 because k <= chars
        let end = offsets.nth(len - 1).unwrap_or(s.len());
        out.push(s.get(start..end).unwrap_or(""));
        start = end;
    }
    out
}

/// Builds an SSE response body as one buffer with event boundaries, so each
/// event can be sent as its own frame without copying.
#[derive(Default)]
pub struct Sse {
    buf: Vec<u8>,
    ends: Vec<usize>,
}

impl Sse {
    /// Pre-allocates for an estimated size (capped: estimates derive from
    /// client input, and the buffers grow as needed anyway).
    pub fn with_capacity(bytes: usize, events: usize) -> Sse {
        Sse {
            buf: Vec::with_capacity(bytes.min(1 << 20)),
            ends: Vec::with_capacity(events.min(1 << 14)),
        }
    }

    /// `data: <json>\n\n`
    pub fn data<T: Serialize + ?Sized>(&mut self, value: &T) -> serde_json::Result<()> {
        self.buf.extend_from_slice(b"data: ");
        serde_json::to_writer(&mut self.buf, value)?;
        self.end();
        Ok(())
    }

    /// `event: <name>\ndata: <json>\n\n`
    pub fn event<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> serde_json::Result<()> {
        self.buf.extend_from_slice(b"event: ");
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.extend_from_slice(b"\ndata: ");
        serde_json::to_writer(&mut self.buf, value)?;
        self.end();
        Ok(())
    }

    /// `data: <text>\n\n` with `text` written verbatim (e.g. `[DONE]`).
    pub fn raw_data(&mut self, text: &str) {
        self.buf.extend_from_slice(b"data: ");
        self.buf.extend_from_slice(text.as_bytes());
        self.end();
    }

    fn end(&mut self) {
        self.buf.extend_from_slice(b"\n\n");
        self.ends.push(self.buf.len());
    }

    /// The events, each a slice of one shared buffer.
    pub fn finish(self) -> Vec<Bytes> {
        let all = Bytes::from(self.buf);
        let mut start = 0;
        self.ends
            .into_iter()
            .map(|end| {
                let b = all.slice(start..end);
                start = end;
                b
            })
            .collect()
    }
}

/// Deterministic, L2-normalised 8-dimensional embedding of `s`.
pub fn embedding(s: &str) -> [f32; 8] {
    // FNV-1a seeds a splitmix64 generator.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let mut out = [0f32; 8];
    let mut norm = 0f32;
    for v in out.iter_mut() {
        h = h.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = h;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        // 24 random bits -> [-1, 1)
        *v = ((z >> 40) as f32 / (1u32 << 23) as f32) - 1.0;
        norm += *v * *v;
    }
    let norm = norm.sqrt();
    if norm > 0.0 {
        for v in out.iter_mut() {
            *v /= norm;
        }
    }
    out
}
