//! Incremental Server-Sent Events parsing (the WHATWG event-stream format):
//! chunks of any size and split go in, whole events with their exact raw
//! bytes come out, so a caller can pass, drop or rewrite event by event.

/// One complete event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SseEvent {
    /// The exact bytes of the event, its terminating blank line included.
    pub raw: Vec<u8>,
    /// The `event:` field, if any.
    pub event: Option<String>,
    /// The `data:` lines joined with '\n' (empty when there were none).
    pub data: Vec<u8>,
}

#[derive(Debug)]
pub struct SseParser {
    pending: Vec<u8>,
    /// Where scanning resumes in `pending` (bytes before it hold no event end).
    scan: usize,
    /// Start of the line being scanned.
    line_start: usize,
    max_event: usize,
    overflowed: bool,
    /// Bytes moved to the front of `pending` (each at most once per feed).
    #[cfg(test)]
    shifted: usize,
}

impl SseParser {
    /// `max_event` bounds the bytes held for one incomplete event.
    pub fn new(max_event: usize) -> Self {
        SseParser {
            pending: Vec::new(),
            scan: 0,
            line_start: 0,
            max_event,
            overflowed: false,
            #[cfg(test)]
            shifted: 0,
        }
    }

    /// Whether an event grew past `max_event`; the parser then stops parsing
    /// and `feed` returns no more events (callers pass bytes through).
    pub fn overflowed(&self) -> bool {
        self.overflowed
    }

    /// Bytes of the incomplete event held so far.
    pub fn pending(&self) -> &[u8] {
        &self.pending
    }

    /// Hands back the incomplete event's bytes (e.g. at end of stream).
    /// Stops parsing as if the pending event were too large (the caller
    /// passes what is pending on as it is).
    pub fn abandon(&mut self) {
        self.overflowed = true;
    }

    pub fn take_pending(&mut self) -> Vec<u8> {
        self.scan = 0;
        self.line_start = 0;
        std::mem::take(&mut self.pending)
    }

    pub fn feed(&mut self, chunk: &[u8]) -> Vec<SseEvent> {
        if self.overflowed {
            return Vec::new();
        }
        self.pending.extend_from_slice(chunk);
        self.scan(false)
    }

    /// At end of stream: a CR held back as a possible CRLF half is a line end
    /// after all. What stays pending then is an unterminated event.
    pub fn finish(&mut self) -> Vec<SseEvent> {
        if self.overflowed {
            return Vec::new();
        }
        self.scan(true)
    }

    fn scan(&mut self, eof: bool) -> Vec<SseEvent> {
        let mut out = Vec::new();
        let mut i = self.scan;
        // Where the event being scanned starts. The events found are cut
        // off the front once, at the end: draining each as it is found
        // would shift the rest of the chunk every time, so a chunk of many
        // events (Envoy hands over what arrived while the filter was busy)
        // cost its size times its events.
        let mut start = 0;
        while let Some(&b) = self.pending.get(i) {
            let next = match b {
                b'\n' => i + 1,
                b'\r' => match self.pending.get(i + 1) {
                    Some(b'\n') => i + 2,
                    Some(_) => i + 1,
                    // A lone CR at the end may be the first half of CRLF.
                    None if eof => i + 1,
                    None => break,
                },
                _ => {
                    i += 1;
                    continue;
                }
            };
            let blank = i == self.line_start;
            self.line_start = next;
            i = next;
            if blank {
                let raw = self.pending.get(start..next).map(<[u8]>::to_vec).unwrap_or_default();
                out.push(parse_event(raw));
                start = next;
            }
        }
        let start = start.min(self.pending.len());
        #[cfg(test)]
        {
            self.shifted += self.pending.len() - start;
        }
        self.pending.drain(..start);
        self.scan = i.saturating_sub(start);
        self.line_start = self.line_start.saturating_sub(start);
        if self.pending.len() > self.max_event {
            self.overflowed = true;
        }
        out
    }
}

fn parse_event(raw: Vec<u8>) -> SseEvent {
    let mut event = None;
    let mut data: Vec<u8> = Vec::new();
    let mut has_data = false;
    for line in lines(&raw) {
        if line.is_empty() || line.first() == Some(&b':') {
            continue;
        }
        let (name, value) = match line.iter().position(|&b| b == b':') {
            Some(p) => {
                let (n, v) = line.split_at(p);
                let v = v.get(1..).unwrap_or_default();
                (n, v.strip_prefix(b" ").unwrap_or(v))
            }
            None => (line, &b""[..]),
        };
        match name {
            b"data" => {
                if has_data {
                    data.push(b'\n');
                }
                data.extend_from_slice(value);
                has_data = true;
            }
            b"event" => event = Some(String::from_utf8_lossy(value).into_owned()),
            _ => {}
        }
    }
    SseEvent { raw, event, data }
}

/// Lines of a complete event, terminators removed (CRLF, LF or CR).
fn lines(raw: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = raw;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest.iter().position(|&b| b == b'\n' || b == b'\r').unwrap_or(rest.len());
        let (line, tail) = rest.split_at(end);
        rest = match tail {
            [b'\r', b'\n', t @ ..] | [b'\r', t @ ..] | [b'\n', t @ ..] => t,
            t => t,
        };
        Some(line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const STREAM: &[u8] = b"event: message_start\ndata: {\"a\":1}\n\n: comment\r\n\r\ndata: line1\r\ndata: line2\r\n\r\ndata: [DONE]\r\r";

    fn all_events(chunks: &[&[u8]]) -> Vec<SseEvent> {
        let mut p = SseParser::new(1 << 20);
        let mut out: Vec<SseEvent> = chunks.iter().flat_map(|c| p.feed(c)).collect();
        out.extend(p.finish());
        assert!(p.pending().is_empty());
        out
    }

    #[test]
    fn parses_fields_and_line_endings() {
        let ev = all_events(&[STREAM]);
        assert_eq!(ev.len(), 4);
        assert_eq!(ev[0].event.as_deref(), Some("message_start"));
        assert_eq!(ev[0].data, b"{\"a\":1}");
        assert_eq!(ev[1].data, b"");
        assert_eq!(ev[2].data, b"line1\nline2");
        assert_eq!(ev[3].data, b"[DONE]");
        let raw: Vec<u8> = ev.iter().flat_map(|e| e.raw.clone()).collect();
        assert_eq!(raw, STREAM);
    }

    #[test]
    fn every_split_gives_the_same_events() {
        let whole = all_events(&[STREAM]);
        for i in 0..=STREAM.len() {
            for j in i..=STREAM.len() {
                let got = all_events(&[&STREAM[..i], &STREAM[i..j], &STREAM[j..]]);
                assert_eq!(got, whole, "split at {i},{j}");
            }
        }
    }

    #[test]
    fn a_chunk_of_many_events_moves_only_its_incomplete_tail() {
        // Linear in the chunk: the events found are cut off once, so only
        // the unfinished event's bytes move (not the rest of the chunk
        // after every event).
        let event: &[u8] = b"data: {\"choices\":[{\"delta\":{\"content\":\"word \"}}]}\n\n";
        let mut chunk = event.repeat(5000);
        chunk.extend_from_slice(b"data: {\"choi");
        let mut p = SseParser::new(1 << 20);
        let got = p.feed(&chunk);
        assert_eq!(got.len(), 5000);
        assert!(got.iter().all(|e| e.raw == event));
        assert_eq!(p.pending(), b"data: {\"choi");
        assert_eq!(p.shifted, b"data: {\"choi".len());
        let rest = p.feed(b"ces\":[]}\n\ndata: [DONE]\n\n");
        assert_eq!(rest.len(), 2);
        assert_eq!(rest[0].data, b"{\"choices\":[]}");
        assert_eq!(rest[1].data, b"[DONE]");
        assert!(p.pending().is_empty());
        // The one event split across the two chunks: its head moved once.
        assert_eq!(p.shifted, b"data: {\"choi".len());
    }

    #[test]
    fn events_in_one_chunk_match_events_one_by_one() {
        let events: [&[u8]; 5] =
            [b"data: a\n\n", b"\n", b"event: e\r\ndata: b\r\n\r\n", b": c\r\r", b"data: d\n\n"];
        let one: Vec<SseEvent> = all_events(&[&events.concat()]);
        assert_eq!(one, all_events(&events));
        assert_eq!(one.len(), 5);
    }

    #[test]
    fn trailing_cr_waits_for_crlf_until_finish() {
        let mut p = SseParser::new(1 << 20);
        assert!(p.feed(b"data: x\r\r").is_empty());
        assert_eq!(p.feed(b"\n")[0].data, b"x");
        assert!(p.feed(b"data: y\r\r").is_empty());
        assert_eq!(p.finish()[0].data, b"y");
    }

    #[test]
    fn incomplete_event_stays_pending() {
        let mut p = SseParser::new(1 << 20);
        assert!(p.feed(b"data: x\n").is_empty());
        assert_eq!(p.pending(), b"data: x\n");
        assert_eq!(p.take_pending(), b"data: x\n");
        assert_eq!(p.feed(b"data: y\n\n")[0].data, b"y");
    }

    #[test]
    fn overflow_stops_parsing() {
        let mut p = SseParser::new(8);
        assert!(p.feed(b"data: 0123456789").is_empty());
        assert!(p.overflowed());
        assert!(p.feed(b"\n\n").is_empty());
    }

    #[test]
    fn field_without_colon_and_no_space() {
        let ev = all_events(&[b"data\ndata:x\nevent:e\nid: 1\n\n"]);
        assert_eq!(ev[0].data, b"\nx");
        assert_eq!(ev[0].event.as_deref(), Some("e"));
    }
}
