//! The single pass over the text that finds anchor positions: word starts
//! (runs of ASCII letters and digits), starts of digit runs, and a few
//! special bytes (`@ : ; < = [ { #`). Eight bytes at a time with SWAR
//! arithmetic on `u64` (no SIMD instructions needed, so it is as fast on
//! wasm32 as the VM's 64-bit integers), then only the set bits are visited
//! (punctuation as a class, tested byte by byte: prose has little).

pub(crate) const WORD_START: u8 = 1;
pub(crate) const DIGIT_START: u8 = 2;
pub(crate) const SPECIAL: u8 = 4;

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// Lanes holding a byte `b` with `m < b < n` (bytes >= 0x80 never match).
#[inline(always)]
fn between(x: u64, m: u8, n: u8) -> u64 {
    let (m, n) = (u64::from(m), u64::from(n));
    ((ONES * (127 + n)).wrapping_sub(x & LOW7) & !x & ((x & LOW7) + ONES * (127 - m))) & HIGH
}

#[inline(always)]
fn is_special(b: u8) -> bool {
    matches!(b, b':' | b';' | b'<' | b'=' | b'@' | b'[' | b'{' | b'#')
}

/// Calls `f(position, flags)` for every anchor position at or after `start`,
/// in order. Flags: [`WORD_START`], [`DIGIT_START`], [`SPECIAL`].
#[inline]
pub(crate) fn for_each(b: &[u8], start: usize, mut f: impl FnMut(usize, u8)) {
    let prev = start.checked_sub(1).and_then(|i| b.get(i).copied());
    let mut prev_alnum = prev.is_some_and(|c| c.is_ascii_alphanumeric());
    let mut prev_digit = prev.is_some_and(|c| c.is_ascii_digit());
    let mut i = start;
    let mut chunks = b.get(start..).unwrap_or(&[]).chunks_exact(8);
    for chunk in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let x = u64::from_le_bytes(w);
        let digit = between(x, b'0' - 1, b'9' + 1);
        let alpha = between(x | (ONES * 0x20), b'a' - 1, b'z' + 1);
        let alnum = digit | alpha;
        // Printable punctuation (prose has little); which of it is special
        // is decided per byte, below.
        let punct = between(x, b' ', 0x7F) & !alnum;
        let word_start = alnum & !((alnum << 8) | (u64::from(prev_alnum) << 7));
        let digit_start = digit & !((digit << 8) | (u64::from(prev_digit) << 7));
        prev_alnum = alnum >> 63 != 0;
        prev_digit = digit >> 63 != 0;
        // Most anchors start a word of letters: their flags need no tests.
        let rare = digit_start | punct;
        let mut m = word_start | rare;
        while m != 0 {
            let bit = m & m.wrapping_neg();
            let k = (bit.trailing_zeros() / 8) as usize;
            m &= m - 1;
            let flags = if rare & bit == 0 {
                WORD_START
            } else if punct & bit != 0 {
                // Punctuation starts no word and no digit run.
                if !is_special((x >> (8 * k)) as u8) {
                    continue;
                }
                SPECIAL
            } else {
                u8::from(word_start & bit != 0) | DIGIT_START
            };
            f(i + k, flags);
        }
        i += 8;
    }
    for &c in chunks.remainder() {
        let alnum = c.is_ascii_alphanumeric();
        let digit = c.is_ascii_digit();
        let flags = u8::from(alnum && !prev_alnum)
            | u8::from(digit && !prev_digit) << 1
            | u8::from(is_special(c)) << 2;
        if flags != 0 {
            f(i, flags);
        }
        prev_alnum = alnum;
        prev_digit = digit;
        i += 1;
    }
}

/// The key of a word: its first four letters or digits, case-folded, six
/// bits each (0 past the end of a shorter word).
// Indices are below 256 by construction, and this runs at compile time
// (an out-of-range index would fail the build, not the VM).
#[allow(clippy::indexing_slicing)]
const fn code_table() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 26 {
        t[b'a' as usize + c] = c as u8 + 1;
        t[b'A' as usize + c] = c as u8 + 1;
        c += 1;
    }
    let mut d = 0;
    while d < 10 {
        t[b'0' as usize + d] = d as u8 + 27;
        d += 1;
    }
    t
}

static CODE: [u8; 256] = code_table();

#[inline(always)]
fn code(c: u8) -> u32 {
    u32::from(CODE.get(usize::from(c)).copied().unwrap_or(0))
}

/// Key of the word starting at `i` in `b`.
#[inline(always)]
pub(crate) fn key_at(b: &[u8], i: usize) -> u32 {
    let (c0, c1, c2, c3) = match b.get(i..i + 4) {
        Some(&[x0, x1, x2, x3]) => (code(x0), code(x1), code(x2), code(x3)),
        _ => (
            b.get(i).map_or(0, |&c| code(c)),
            b.get(i + 1).map_or(0, |&c| code(c)),
            b.get(i + 2).map_or(0, |&c| code(c)),
            b.get(i + 3).map_or(0, |&c| code(c)),
        ),
    };
    // Zero everything after the first non-word character.
    let c1 = if c0 == 0 { 0 } else { c1 };
    let c2 = if c1 == 0 { 0 } else { c2 };
    let c3 = if c2 == 0 { 0 } else { c3 };
    (c0 << 18) | (c1 << 12) | (c2 << 6) | c3
}

/// Key of a pattern word (lowercase letters and digits).
pub(crate) fn key_of(word: &[u8]) -> u32 {
    key_at(word, 0)
}

/// Bits of the word-key filter (a hashed bitmap of the anchor keys).
pub(crate) const FILTER_BITS: usize = 1 << 16;

#[inline]
pub(crate) fn filter_slot(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(b: &[u8], start: usize) -> Vec<(usize, u8)> {
        let mut out = Vec::new();
        for i in start..b.len() {
            let p = i.checked_sub(1).map(|j| b[j]);
            let c = b[i];
            let fl = u8::from(
                c.is_ascii_alphanumeric() && !p.is_some_and(|p| p.is_ascii_alphanumeric()),
            ) | u8::from(c.is_ascii_digit() && !p.is_some_and(|p| p.is_ascii_digit()))
                << 1
                | u8::from(is_special(c)) << 2;
            if fl != 0 {
                out.push((i, fl));
            }
        }
        out
    }

    #[test]
    fn swar_matches_naive_on_all_bytes() {
        let mut seed = 88172645463325252u64;
        for round in 0..2000 {
            let len = round % 40;
            let b: Vec<u8> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    (seed >> 24) as u8
                })
                .collect();
            for start in 0..=len.min(9) {
                let mut got = Vec::new();
                for_each(&b, start, |i, f| got.push((i, f)));
                assert_eq!(got, naive(&b, start), "{b:?} from {start}");
            }
        }
        let all: Vec<u8> = (0..=255u8).collect();
        let mut got = Vec::new();
        for_each(&all, 0, |i, f| got.push((i, f)));
        assert_eq!(got, naive(&all, 0));
    }

    #[test]
    fn keys() {
        assert_eq!(key_of(b"igno"), key_at(b"IGNORE", 0));
        assert_eq!(key_of(b"sk"), key_at(b"sk-proj", 0));
        assert_ne!(key_of(b"sk"), key_at(b"skate", 0));
        assert_ne!(key_of(b"the"), key_at(b"thermite", 0));
        assert_eq!(key_of(b"ther"), key_at(b"thermite", 0));
    }
}
