//! Short texts already scanned clean, per engine: a JSON body is mostly
//! the same keys and small values on every request (`role`, `assistant`,
//! `chat.completion`, `finish_reason`, a model name), and some of them are
//! anchor words of many guardrail rules, so scanning them again cost more
//! than the rest of a small body. A scan is a pure function of (profile,
//! text), so a remembered clean text gives exactly what scanning it again
//! would. Direct-mapped and bounded: [`SLOTS`] texts of at most [`MAX_LEN`]
//! bytes; a text whose scan found something is never remembered.

use std::cell::RefCell;

/// Longest text remembered (most keys and enum values are shorter).
pub(crate) const MAX_LEN: usize = 40;
const SLOTS: usize = 256;

#[derive(Clone, Copy)]
struct Slot {
    profile: u16,
    /// 0: empty (an empty text is never scanned).
    len: u8,
    bytes: [u8; MAX_LEN],
}

const EMPTY: Slot = Slot { profile: 0, len: 0, bytes: [0; MAX_LEN] };

pub(crate) struct CleanMemo {
    slots: RefCell<Box<[Slot; SLOTS]>>,
}

impl Default for CleanMemo {
    fn default() -> Self {
        CleanMemo { slots: RefCell::new(Box::new([EMPTY; SLOTS])) }
    }
}

/// Slot of a text: a multiply-rotate hash of its 8-byte words.
fn slot_of(profile: u16, text: &[u8]) -> usize {
    let mut h = (text.len() as u64) << 16 | u64::from(profile);
    for chunk in text.chunks(8) {
        let mut w = [0u8; 8];
        if let Some(d) = w.get_mut(..chunk.len()) {
            d.copy_from_slice(chunk);
        }
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29);
    }
    (h >> 32) as usize % SLOTS
}

impl CleanMemo {
    /// Whether `text` was scanned clean with `profile`.
    pub(crate) fn is_clean(&self, profile: u16, text: &[u8]) -> bool {
        if text.is_empty() || text.len() > MAX_LEN {
            return false;
        }
        // Never borrowed across a scan; try_borrow keeps that a non-panic.
        let Ok(slots) = self.slots.try_borrow() else { return false };
        slots.get(slot_of(profile, text)).is_some_and(|s| {
            s.profile == profile
                && usize::from(s.len) == text.len()
                && s.bytes.get(..text.len()) == Some(text)
        })
    }

    /// Remembers that `text` scanned clean (evicting whatever shared its
    /// slot).
    pub(crate) fn remember(&self, profile: u16, text: &[u8]) {
        let (Some(len), false) = (u8::try_from(text.len()).ok(), text.len() > MAX_LEN) else {
            return;
        };
        let mut bytes = [0u8; MAX_LEN];
        let Some(dst) = bytes.get_mut(..text.len()) else { return };
        dst.copy_from_slice(text);
        let i = slot_of(profile, text);
        if let Ok(mut slots) = self.slots.try_borrow_mut() {
            if let Some(s) = slots.get_mut(i) {
                *s = Slot { profile, len, bytes };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_exact_texts_per_profile() {
        let m = CleanMemo::default();
        assert!(!m.is_clean(0, b"assistant"));
        m.remember(0, b"assistant");
        assert!(m.is_clean(0, b"assistant"));
        assert!(!m.is_clean(1, b"assistant"), "another profile");
        assert!(!m.is_clean(0, b"assistanT") && !m.is_clean(0, b"assistan"));
        let long = [b'a'; MAX_LEN + 1];
        m.remember(0, &long);
        assert!(!m.is_clean(0, &long), "too long to remember");
        assert!(!m.is_clean(0, b""));
    }

    #[test]
    fn a_slot_holds_the_latest_text() {
        let m = CleanMemo::default();
        // More texts than slots: each is remembered until evicted, and a
        // lookup never confuses two texts that share a slot.
        let texts: Vec<String> = (0..SLOTS * 3).map(|i| format!("key_{i}")).collect();
        for t in &texts {
            m.remember(0, t.as_bytes());
            assert!(m.is_clean(0, t.as_bytes()));
        }
        let kept = texts.iter().filter(|t| m.is_clean(0, t.as_bytes())).count();
        assert!(kept > 0 && kept <= SLOTS, "{kept}");
    }
}
