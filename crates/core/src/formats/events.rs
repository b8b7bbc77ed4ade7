//! What the formats' streamed events say about their text, for the DLP
//! stream guard (`stream_guard`, which knows no format). Each format's
//! module gives its [`StreamEvents`] and its `event_type`; the functions
//! here ask every format at once. A stream is read with all of them, not
//! only its own format's: a new event type or a hostile upstream may send
//! any format's events, and none may find a format whose rules skip text.
//!
//! Plain data and functions (no trait objects): the guard calls these for
//! every event and every string key, and they compile to the comparisons
//! the guard once made itself.

use serde_json::Value;

use super::Format;

/// One format's stream vocabulary.
pub struct StreamEvents {
    /// Keys whose string values are structure (ids, types, roles, finish
    /// reasons, signatures), never generated text: not scanned.
    pub structural: &'static [&'static str],
    /// Keys of the envelope and of a channel's identity that an event the
    /// guard writes itself (a channel's flush) keeps at its top.
    pub envelope: &'static [&'static str],
    /// Keys besides `*index` / `*Index` that name an event's text channel.
    pub channel_ids: &'static [&'static str],
    /// An array whose presence makes an event a chunk of fragments,
    /// whatever its `type` says (OpenAI's `choices`).
    pub chunks: Option<&'static str>,
    /// An array of alternatives, and the key that says one finishes (its
    /// channels then end with the event).
    pub finishing: Option<(&'static str, &'static str)>,
    /// The data of the event that ends a stream, when it is not JSON.
    pub done: Option<&'static [u8]>,
    /// Streams come as AWS's binary event stream (the guard decodes them
    /// to SSE and frames what it releases back).
    pub frames: bool,
}

/// What an event's `type` says (each format answers for its own types;
/// [`event_type`] joins the answers).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct EventType {
    /// It restates text or carries none: each string is scanned whole.
    pub snapshot: bool,
    /// Every open text channel ends before it (what they hold goes out
    /// first).
    pub ends_channels: bool,
    /// Its payload is audio (base64), not text: it passes as it is.
    pub audio: bool,
    /// The stream's errors are typed events of their own (OpenAI's
    /// Responses API): the error event that stops it takes that shape.
    pub typed_errors: bool,
}

impl std::ops::BitOr for EventType {
    type Output = EventType;
    fn bitor(self, o: EventType) -> EventType {
        EventType {
            snapshot: self.snapshot || o.snapshot,
            ends_channels: self.ends_channels || o.ends_channels,
            audio: self.audio || o.audio,
            typed_errors: self.typed_errors || o.typed_errors,
        }
    }
}

/// Structure in every format whose events have these keys.
const COMMON_STRUCTURAL: &[&str] = &["id", "model", "type", "role"];

/// Which list of a format's [`StreamEvents`] a union takes.
#[derive(Clone, Copy)]
enum List {
    Structural,
    Envelope,
    ChannelIds,
}

const fn list(f: Format, which: List) -> &'static [&'static str] {
    let e = f.stream_events();
    match which {
        List::Structural => e.structural,
        List::Envelope => e.envelope,
        List::ChannelIds => e.channel_ids,
    }
}

/// How many keys `head` and every format's list hold together.
const fn union_len(head: &[&str], which: List) -> usize {
    let mut n = head.len();
    let mut formats: &[Format] = &Format::ALL;
    while let Some((f, rest)) = formats.split_first() {
        n += list(*f, which).len();
        formats = rest;
    }
    n
}

/// `head` and every format's list in one array, built when compiling, so
/// the guard's per-key check is one slice search, as when it kept the
/// lists itself. `N` is [`union_len`] (checked: a spare slot would hold
/// `""`, a key that would then go unscanned).
// `mem::take` is not a const fn; `replace` with an empty slice is.
#[allow(clippy::mem_replace_with_default)]
const fn union<const N: usize>(head: &[&'static str], which: List) -> [&'static str; N] {
    assert!(N == union_len(head, which));
    let mut out = [""; N];
    let mut slots: &mut [&'static str] = &mut out;
    let mut formats: &[Format] = &Format::ALL;
    let mut items = head;
    loop {
        while let Some((item, rest)) = items.split_first() {
            if let Some((slot, more)) = std::mem::replace(&mut slots, &mut []).split_first_mut() {
                *slot = *item;
                slots = more;
            }
            items = rest;
        }
        let Some((f, rest)) = formats.split_first() else { break };
        items = list(*f, which);
        formats = rest;
    }
    out
}

static STRUCTURAL: [&str; union_len(COMMON_STRUCTURAL, List::Structural)] =
    union(COMMON_STRUCTURAL, List::Structural);
static ENVELOPE: [&str; union_len(&[], List::Envelope)] = union(&[], List::Envelope);
static CHANNEL_IDS: [&str; union_len(&[], List::ChannelIds)] = union(&[], List::ChannelIds);

/// Whether `key`'s string values are structure in any format's events.
pub fn is_structural(key: &str) -> bool {
    STRUCTURAL.contains(&key)
}

/// Whether a flush event keeps `key` at its top (any format's envelope).
pub fn is_envelope(key: &str) -> bool {
    ENVELOPE.contains(&key)
}

/// Whether a top-level key names the event's text channel.
pub fn is_channel_key(key: &str) -> bool {
    key.ends_with("index") || key.ends_with("Index") || CHANNEL_IDS.contains(&key)
}

/// Whether the event is a chunk of fragments by its shape.
pub fn is_chunk(v: &Value) -> bool {
    Format::ALL
        .iter()
        .any(|f| f.stream_events().chunks.is_some_and(|k| v.get(k).is_some_and(Value::is_array)))
}

/// Every format's arrays of alternatives and their finish keys, in the
/// formats' order.
pub fn finishing() -> impl Iterator<Item = (&'static str, &'static str)> {
    Format::ALL.iter().filter_map(|f| f.stream_events().finishing)
}

/// Whether an event's (trimmed) data ends the stream.
pub fn is_done(data: &[u8]) -> bool {
    Format::ALL.iter().any(|f| f.stream_events().done == Some(data))
}

/// What the event type `t` says in any format.
pub fn event_type(t: &str) -> EventType {
    Format::ALL.iter().fold(EventType::default(), |acc, f| acc | f.event_type(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_answers_for_its_own_event_types() {
        let t = |s: &str| event_type(s);
        // OpenAI's Responses API.
        assert!(t("response.created").snapshot && t("response.created").typed_errors);
        assert!(!t("response.output_text.delta").snapshot);
        assert!(t("response.output_text.done").ends_channels);
        assert!(t("response.audio.delta").audio);
        // Anthropic's Messages.
        assert!(t("message_start").snapshot && !t("message_start").ends_channels);
        assert!(t("content_block_stop").ends_channels);
        assert!(!t("content_block_delta").snapshot);
        // Bedrock's ConverseStream.
        assert!(t("metadata").snapshot && t("metadata").ends_channels);
        assert!(!t("contentBlockDelta").snapshot);
        // Unknown types are fragments, so nothing in them goes unscanned.
        assert_eq!(t("something.new"), EventType::default());
        assert!(t("error").snapshot && t("error").ends_channels);
    }

    #[test]
    fn the_unions_hold_every_formats_keys_and_no_empty_one() {
        for f in Format::ALL {
            let e = f.stream_events();
            assert!(e.structural.iter().all(|k| STRUCTURAL.contains(k)));
            assert!(e.envelope.iter().all(|k| ENVELOPE.contains(k)));
            assert!(e.channel_ids.iter().all(|k| CHANNEL_IDS.contains(k)));
        }
        assert!(COMMON_STRUCTURAL.iter().all(|k| STRUCTURAL.contains(k)));
        assert!(!is_structural("") && !is_envelope("") && !is_channel_key(""));
    }

    #[test]
    fn keys_from_every_format() {
        for k in ["id", "object", "stop_reason", "stopReason", "p", "finishReason"] {
            assert!(is_structural(k), "{k}");
        }
        for k in ["content", "text", "arguments", "partial_json"] {
            assert!(!is_structural(k), "{k}");
        }
        assert!(is_channel_key("output_index") && is_channel_key("contentBlockIndex"));
        assert!(is_channel_key("item_id") && !is_channel_key("id"));
        assert!(is_envelope("sequence_number") && !is_envelope("delta"));
        assert!(is_done(b"[DONE]") && !is_done(b"{}"));
        assert!(is_chunk(&serde_json::json!({"choices": []})));
        assert!(!is_chunk(&serde_json::json!({"candidates": []})));
        assert_eq!(
            finishing().collect::<Vec<_>>(),
            [("choices", "finish_reason"), ("candidates", "finishReason")]
        );
    }
}
