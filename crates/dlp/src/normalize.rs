//! Normalisation of text before matching, with a map back to the original.
//!
//! Every original character becomes zero or one byte of normalised text, or
//! (when it needs no change and is not ASCII) its own UTF-8 bytes unchanged:
//!
//! - removed: zero-width characters and joiners, bidi controls, the soft
//!   hyphen, variation selectors, combining diacritical marks, Unicode tag
//!   characters (U+E0000–U+E007F), other format controls (interlinear
//!   annotation, Egyptian and shorthand format controls, musical symbol
//!   formatting) and U+FFFD (what a lone surrogate escape in JSON decodes to);
//! - mapped to one ASCII byte: full-width forms, decimal digits of other
//!   scripts (Arabic-Indic, Extended Arabic-Indic, Devanagari, Bengali, Thai,
//!   ... and mathematical digits), super/subscript digits, mathematical,
//!   circled, parenthesised, squared and small-capital Latin letters,
//!   Cyrillic, Greek and Armenian look-alikes of Latin letters, accented
//!   Latin letters, exotic spaces, dashes, quotes, dots, `@` and `:`;
//! - kept verbatim: every other character (its bytes stay UTF-8, so the
//!   normalised text is valid UTF-8 and custom regular expressions can run on it).
//!
//! JSON/JS escape sequences in the text are read as the character they
//! encode (then folded as above): `\uXXXX` (a surrogate pair as one
//! character, a lone surrogate dropped like U+FFFD) and the separators and
//! punctuation detectors read (`\n`, `\t`, `\r`, `\/`, `\"`), also behind
//! a doubled backslash run (`\\u0034`, the same escape one or more levels of
//! JSON further down). Text that is JSON but arrives in pieces (streamed tool
//! call arguments) is then matched as the client's parser will read it. A
//! backslash followed by anything else is kept as it is (Windows paths,
//! regular expressions, LaTeX).
//!
//! Case is not folded here: detectors that ignore case compare ASCII
//! case-insensitively. Each normalised byte records the original byte offset
//! where its character (or escape sequence) starts, so a finding in
//! normalised text maps back to the exact original characters, including
//! removed ones inside it and whole escape sequences. Normalisation needs no
//! context but an unfinished escape at the end, so a stream can be normalised
//! fragment by fragment (holding back at most a high surrogate escape and the
//! start of its low half, 26 bytes).

use std::borrow::Cow;

/// What one character becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fold {
    /// Removed (invisible or formatting).
    Drop,
    /// Replaced by this ASCII byte.
    Byte(u8),
    /// Kept as its own UTF-8 bytes.
    Keep,
}

/// Normalised text and, when it differs from the original, the map.
pub(crate) struct Normalized<'a> {
    pub bytes: Cow<'a, [u8]>,
    /// `map[i]`: original byte offset of the character that produced byte `i`
    /// (for kept multi-byte characters, the offset of that very byte).
    /// `None` when the original is plain ASCII (identity).
    pub map: Option<Vec<u32>>,
}

impl Normalized<'_> {
    pub fn new(text: &str) -> Normalized<'_> {
        let b = text.as_bytes();
        if plain_ascii(b) || (b.is_ascii() && !has_escape(b)) {
            return Normalized { bytes: Cow::Borrowed(text.as_bytes()), map: None };
        }
        let mut bytes = Vec::with_capacity(text.len());
        let mut map = Vec::with_capacity(text.len());
        normalize_into(text, 0, true, &mut bytes, &mut map);
        Normalized { bytes: Cow::Owned(bytes), map: Some(map) }
    }
}

/// Longest backslash run an escape may start with: JSON doubles the run at
/// each level of nesting, so 8 reaches four levels down. A longer run starts
/// with plain backslashes (and keeps the stream's held tail short).
const MAX_RUN: usize = 8;

/// What the text at a backslash is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Esc {
    /// An escape of this many bytes encoding this character (`None`: a lone
    /// surrogate, dropped).
    Char(Option<char>, usize),
    /// Not an escape: the backslash run is plain text.
    Plain,
    /// The text ends inside what may still become an escape.
    Open,
}

/// Reads the escape at `i` (a backslash run of at most [`MAX_RUN`]). With
/// `fin`, the text ends here: an unfinished escape is plain text and a high
/// surrogate without its low half is lone.
fn escape_at(b: &[u8], i: usize, fin: bool) -> Esc {
    let (run, at) = match backslashes(b, i) {
        Some(Some(r)) => r,
        Some(None) => return if fin { Esc::Plain } else { Esc::Open },
        None => return Esc::Plain,
    };
    let c = match b.get(at) {
        Some(b'n') => '\n',
        Some(b't') => '\t',
        Some(b'r') => '\r',
        Some(b'/') => '/',
        Some(b'"') => '"',
        Some(b'u') => {
            let unit = match hex4(b, at + 1) {
                Ok(u) => u,
                Err(open) => return if open && !fin { Esc::Open } else { Esc::Plain },
            };
            let len = run + 5;
            if !(0xD800..0xDC00).contains(&unit) {
                return Esc::Char(char::from_u32(unit), len); // None: a lone low surrogate
            }
            // A high surrogate: only a `\uDC00`-`\uDFFF` escape right after
            // completes the pair (read here, not recursively).
            let j = i + len;
            let (run2, at2) = match backslashes(b, j) {
                Some(Some(r)) => r,
                Some(None) => return if fin { Esc::Char(None, len) } else { Esc::Open },
                None => return Esc::Char(None, len),
            };
            if b.get(at2) != Some(&b'u') {
                return Esc::Char(None, len);
            }
            return match hex4(b, at2 + 1) {
                Ok(low) if (0xDC00..0xE000).contains(&low) => {
                    let c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                    Esc::Char(char::from_u32(c), len + run2 + 5)
                }
                Err(true) if !fin => Esc::Open,
                _ => Esc::Char(None, len),
            };
        }
        _ => return Esc::Plain,
    };
    Esc::Char(Some(c), run + 1)
}

/// The backslash run at `i`: `Some(Some((run, end)))` for 1 to
/// [`MAX_RUN`] backslashes followed by more text, `Some(None)` when the text
/// ends at `i` or in the run, `None` when there is no such run.
fn backslashes(b: &[u8], i: usize) -> Option<Option<(usize, usize)>> {
    let rest = b.get(i..)?;
    if rest.is_empty() {
        return Some(None); // the low half of a pair may still come
    }
    let run = rest.iter().take(MAX_RUN + 1).take_while(|&&c| c == b'\\').count();
    if run == 0 || run > MAX_RUN {
        return None;
    }
    Some((run < rest.len()).then_some((run, i + run)))
}

/// The four hex digits at `i`; `Err(true)` when the text ends before them.
fn hex4(b: &[u8], i: usize) -> Result<u32, bool> {
    let mut v = 0;
    for k in i..i + 4 {
        let Some(&c) = b.get(k) else { return Err(true) };
        let d = (c as char).to_digit(16).ok_or(false)?;
        v = v << 4 | d;
    }
    Ok(v)
}

/// Whether ASCII text holds an escape (the fast path's check: text without
/// a backslash costs one `contains`, core's word-at-a-time `memchr`).
/// Whether `b` is ASCII without a backslash, the common text that needs no
/// normalising, in one pass eight bytes at a time (separate ASCII and
/// backslash passes cost twice as much on a long prompt). `false` also for
/// ASCII text whose backslashes escape nothing: [`has_escape`] decides those.
fn plain_ascii(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const BACKSLASH: u64 = ONES * b'\\' as u64;
    let mut chunks = b.chunks_exact(8);
    let mut acc = 0;
    for chunk in &mut chunks {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // A high bit: a byte >= 0x80 in `w`, or (exactly, when `w` is ASCII)
        // a zero byte in `w ^ BACKSLASH`, i.e. a backslash.
        acc |= w | (w ^ BACKSLASH).wrapping_sub(ONES);
    }
    acc & (ONES * 0x80) == 0 && chunks.remainder().iter().all(|&c| c.is_ascii() && c != b'\\')
}

fn has_escape(b: &[u8]) -> bool {
    if !b.contains(&b'\\') {
        return false;
    }
    let mut i = 0;
    while let Some(k) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'\\')) {
        let at = i + k;
        let run = b.get(at..).map_or(0, |r| r.iter().take_while(|&&c| c == b'\\').count());
        let start = at + run.saturating_sub(MAX_RUN);
        if matches!(escape_at(b, start, true), Esc::Char(..)) {
            return true;
        }
        i = at + run.max(1);
    }
    false
}

/// Length of the escape a normalised byte mapped to offset `o` comes from
/// (1 when `o` is not an escape).
fn escape_len(orig: &[u8], o: usize) -> Option<usize> {
    match escape_at(orig, o, true) {
        Esc::Char(_, l) => Some(l),
        _ => None,
    }
}

/// Original byte offset where normalised byte `i` starts (`i == len` gives
/// `orig_len`).
pub(crate) fn orig_start(map: Option<&[u32]>, i: usize, orig_len: usize) -> usize {
    match map {
        None => i.min(orig_len),
        Some(m) => m.get(i).map_or(orig_len, |&o| o as usize),
    }
}

/// Original byte offset just past the character that produced normalised
/// byte `end - 1` (the end of a finding `[start, end)`).
pub(crate) fn orig_end(map: Option<&[u32]>, norm: &[u8], orig: &[u8], end: usize) -> usize {
    let Some(m) = map else { return end.min(orig.len()) };
    let Some(last) = end.checked_sub(1) else { return orig_start(map, 0, orig.len()) };
    let Some(&o) = m.get(last) else { return orig.len() };
    let o = o as usize;
    let nb = norm.get(last).copied().unwrap_or(0);
    let len = if orig.get(o) == Some(&b'\\') {
        escape_len(orig, o).unwrap_or(1)
    } else if nb >= 0x80 {
        1 // a byte of a kept character: bytes map one to one
    } else {
        utf8_len(orig.get(o).copied().unwrap_or(0))
    };
    (o + len).min(orig.len())
}

pub(crate) fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Appends the normalisation of `text` to `out`, recording in `map` the
/// original offsets (plus `base`). Returns how much of `text` it read: all of
/// it with `fin`, else all but an unfinished escape at the end.
pub(crate) fn normalize_into(
    text: &str,
    base: u32,
    fin: bool,
    out: &mut Vec<u8>,
    map: &mut Vec<u32>,
) -> usize {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII runs are copied as they are.
        let run = bytes
            .get(i..)
            .map_or(0, |r| r.iter().take_while(|&&b| b.is_ascii() && b != b'\\').count());
        if run > 0 {
            out.extend_from_slice(bytes.get(i..i + run).unwrap_or(&[]));
            let b0 = base.wrapping_add(i as u32);
            map.extend((0..run as u32).map(|k| b0.wrapping_add(k)));
            i += run;
            continue;
        }
        let b0 = bytes.get(i).copied().unwrap_or(0);
        let off = base.wrapping_add(i as u32);
        if b0 == b'\\' {
            let run = bytes.get(i..).map_or(0, |r| r.iter().take_while(|&&c| c == b'\\').count());
            // The escape may start only in the last MAX_RUN backslashes.
            let plain = run.saturating_sub(MAX_RUN);
            let esc = escape_at(bytes, i + plain, fin);
            let plain = if esc == Esc::Plain { run } else { plain };
            out.extend(std::iter::repeat_n(b'\\', plain));
            map.extend((0..plain as u32).map(|k| off.wrapping_add(k)));
            i += plain;
            if esc == Esc::Open {
                return i;
            }
            if let Esc::Char(c, len) = esc {
                if let Some(c) = c {
                    let at = base.wrapping_add(i as u32);
                    // Every byte maps to the escape's start ([`orig_end`]
                    // reads its length there).
                    match if c.is_ascii() { Fold::Keep } else { fold(c) } {
                        Fold::Drop => {}
                        Fold::Byte(b) => {
                            out.push(b);
                            map.push(at);
                        }
                        Fold::Keep => {
                            let mut buf = [0u8; 4];
                            let enc = c.encode_utf8(&mut buf).as_bytes();
                            out.extend_from_slice(enc);
                            map.extend(std::iter::repeat_n(at, enc.len()));
                        }
                    }
                }
                i += len;
            }
            continue;
        }
        let n = utf8_len(b0);
        let folded = if n == 2 {
            // U+0080..U+07FF: one table lookup.
            let b1 = bytes.get(i + 1).copied().unwrap_or(0);
            let u = (usize::from(b0 & 0x1F) << 6) | usize::from(b1 & 0x3F);
            match two_byte_table().get(u).copied().unwrap_or(KEEP) {
                KEEP => Fold::Keep,
                DROP => Fold::Drop,
                b => Fold::Byte(b),
            }
        } else {
            let Some(c) = text.get(i..i + n).and_then(|s| s.chars().next()) else {
                i += 1;
                continue;
            };
            fold(c)
        };
        match folded {
            Fold::Drop => {}
            Fold::Byte(b) => {
                out.push(b);
                map.push(off);
            }
            Fold::Keep => {
                out.extend_from_slice(bytes.get(i..i + n).unwrap_or(&[]));
                map.extend((0..n as u32).map(|k| off.wrapping_add(k)));
            }
        }
        i += n;
    }
    bytes.len()
}

const KEEP: u8 = 0xFF;
const DROP: u8 = 0xFE;

/// [`fold`] of every code point below U+0800 (two-byte UTF-8), built once.
fn two_byte_table() -> &'static [u8; 0x800] {
    static TABLE: std::sync::OnceLock<[u8; 0x800]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [KEEP; 0x800];
        for (u, slot) in t.iter_mut().enumerate() {
            if let Some(c) = char::from_u32(u as u32) {
                *slot = match fold(c) {
                    Fold::Keep => KEEP,
                    Fold::Drop => DROP,
                    Fold::Byte(b) => b,
                };
            }
        }
        t
    })
}

const LOWER: &[u8; 26] = b"abcdefghijklmnopqrstuvwxyz";
const UPPER: &[u8; 26] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn letter(upper: bool, idx: u32) -> Fold {
    let table = if upper { UPPER } else { LOWER };
    table.get(idx as usize).map_or(Fold::Keep, |&b| Fold::Byte(b))
}

fn digit(v: u32) -> Fold {
    if v < 10 {
        Fold::Byte(b'0' + v as u8)
    } else {
        Fold::Keep
    }
}

/// Zero points of decimal digit blocks (Unicode category Nd, ten consecutive
/// code points each).
const DIGIT_ZEROS: &[u32] = &[
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
    0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// Folds one non-ASCII character.
pub(crate) fn fold(c: char) -> Fold {
    let u = c as u32;
    // Below U+0660 (Latin, IPA, combining marks, Greek, Cyrillic, Armenian,
    // Hebrew) there are no decimal digits and few cases to check.
    if u < 0x0660 {
        return match u {
            0x00AD | 0x034F | 0x061C | 0x0300..=0x036F => Fold::Drop,
            0x00A0 | 0x0085 => Fold::Byte(if u == 0x85 { b'\n' } else { b' ' }),
            0x00B9 => Fold::Byte(b'1'),
            0x00B2 => Fold::Byte(b'2'),
            0x00B3 => Fold::Byte(b'3'),
            0x00AB | 0x00BB | 0x02BA => Fold::Byte(b'"'),
            0x00B7 => Fold::Byte(b'.'),
            0x02BC | 0x02B9 => Fold::Byte(b'\''),
            0x02D0 => Fold::Byte(b':'),
            0x058A | 0x05BE => Fold::Byte(b'-'),
            _ => letter_like(u).map_or(Fold::Keep, Fold::Byte),
        };
    }
    // Common scripts with nothing to fold: CJK, kana, Hangul, most of
    // Arabic, Hebrew, Indic letters (their digits are handled below).
    if (0x3040..=0x9FFF).contains(&u) && u != 0x3002 || (0xAC00..=0xD7AF).contains(&u) {
        return Fold::Keep;
    }
    // Invisible and formatting characters.
    match u {
        0x00AD
        | 0x034F
        | 0x061C
        | 0x115F
        | 0x1160
        | 0x17B4
        | 0x17B5
        | 0x180B..=0x180F
        | 0x200B..=0x200F
        | 0x202A..=0x202E
        | 0x2060..=0x2064
        | 0x2066..=0x206F
        | 0x3164
        | 0xFE00..=0xFE0F
        | 0xFEFF
        | 0xFFA0
        // The replacement character: what a lone surrogate escape (`\ud800`)
        // decodes to; a lenient provider shows the model nothing there.
        | 0xFFFD
        // Interlinear annotation controls; format controls of the
        // supplementary planes (reached by a surrogate-pair escape):
        // Egyptian hieroglyph and shorthand format controls, musical symbol
        // formatting.
        | 0xFFF9..=0xFFFB
        | 0x13430..=0x1343F
        | 0x1BCA0..=0x1BCA3
        | 0x1D173..=0x1D17A
        | 0xE0000..=0xE007F
        | 0xE0100..=0xE01EF => return Fold::Drop,
        // Combining diacritical marks (and their extensions): an attacker
        // stacks them on letters to break words.
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F => {
            return Fold::Drop
        }
        _ => {}
    }
    // Decimal digits of every script.
    if c.is_numeric() {
        for &z in DIGIT_ZEROS {
            if u >= z && u < z + 10 {
                return digit(u - z);
            }
        }
    }
    match u {
        // Full-width ASCII.
        0xFF01..=0xFF5E => return Fold::Byte((u - 0xFEE0) as u8),
        0x3000 => return Fold::Byte(b' '),
        // Super- and subscript digits.
        0x00B9 => return Fold::Byte(b'1'),
        0x00B2 => return Fold::Byte(b'2'),
        0x00B3 => return Fold::Byte(b'3'),
        0x2070 => return Fold::Byte(b'0'),
        0x2074..=0x2079 => return digit(u - 0x2070),
        0x2080..=0x2089 => return digit(u - 0x2080),
        // Circled and parenthesised digits 1-9 and letters.
        0x2460..=0x2468 => return digit(u - 0x2460 + 1),
        0x2474..=0x247C => return digit(u - 0x2474 + 1),
        0x2488..=0x2490 => return digit(u - 0x2488 + 1),
        0x24EA | 0x24FF => return Fold::Byte(b'0'),
        0x2776..=0x277E => return digit(u - 0x2776 + 1),
        0x2780..=0x2788 => return digit(u - 0x2780 + 1),
        0x278A..=0x2792 => return digit(u - 0x278A + 1),
        0x249C..=0x24B5 => return letter(false, u - 0x249C),
        0x24B6..=0x24CF => return letter(true, u - 0x24B6),
        0x24D0..=0x24E9 => return letter(false, u - 0x24D0),
        // Squared, negative circled/squared, regional indicator letters.
        0x1F130..=0x1F149 => return letter(true, u - 0x1F130),
        0x1F150..=0x1F169 => return letter(true, u - 0x1F150),
        0x1F170..=0x1F189 => return letter(true, u - 0x1F170),
        0x1F1E6..=0x1F1FF => return letter(true, u - 0x1F1E6),
        // Mathematical alphanumeric letters: 13 styles of 52 letters.
        0x1D400..=0x1D6A3 => {
            let k = (u - 0x1D400) % 52;
            return letter(k < 26, k % 26);
        }
        // Spaces.
        0x00A0 | 0x1680 | 0x2000..=0x200A | 0x202F | 0x205F => return Fold::Byte(b' '),
        0x2028 | 0x2029 | 0x0085 => return Fold::Byte(b'\n'),
        // Dashes and minus signs.
        0x2010..=0x2015 | 0x2212 | 0xFE58 | 0xFE63 | 0x2E3A | 0x2E3B | 0x058A | 0x05BE => {
            return Fold::Byte(b'-')
        }
        // Quotes and primes.
        0x2018..=0x201B | 0x2032 | 0x2035 | 0x02BC | 0x02B9 => return Fold::Byte(b'\''),
        0x201C..=0x201F | 0x2033 | 0x2036 | 0x00AB | 0x00BB | 0x02BA => return Fold::Byte(b'"'),
        // Dots, at, colon, slash look-alikes.
        0x2024 | 0x3002 | 0xFE52 | 0xFF61 | 0x2E31 | 0x00B7 | 0x2027 => return Fold::Byte(b'.'),
        0xFE6B => return Fold::Byte(b'@'),
        0x2236 | 0xFE55 | 0xA789 | 0x02D0 => return Fold::Byte(b':'),
        0x2044 | 0x2215 => return Fold::Byte(b'/'),
        _ => {}
    }
    if let Some(b) = letter_like(u) {
        return Fold::Byte(b);
    }
    Fold::Keep
}

/// Look-alikes of Latin letters: accented Latin, small capitals, Cyrillic,
/// Greek, Armenian and letter-like symbols.
fn letter_like(u: u32) -> Option<u8> {
    let b = match u {
        // Latin-1 supplement and Latin Extended-A accented letters.
        0xC0..=0xC5 => b'A',
        0xC7 => b'C',
        0xC8..=0xCB => b'E',
        0xCC..=0xCF => b'I',
        0xD0 => b'D',
        0xD1 => b'N',
        0xD2..=0xD6 | 0xD8 => b'O',
        0xD9..=0xDC => b'U',
        0xDD => b'Y',
        0xDF => b's',
        0xE0..=0xE5 => b'a',
        0xE7 => b'c',
        0xE8..=0xEB => b'e',
        0xEC..=0xEF => b'i',
        0xF0 => b'd',
        0xF1 => b'n',
        0xF2..=0xF6 | 0xF8 => b'o',
        0xF9..=0xFC => b'u',
        0xFD | 0xFF => b'y',
        0x100..=0x17F => return latin_ext_a(u),
        0x237 => b'j',
        0x251 => b'a',
        0x261 => b'g',
        0x269 => b'i',
        0x26A => b'i',
        0x274 => b'n',
        0x280 => b'r',
        0x28F => b'y',
        0x299 => b'b',
        0x29C => b'h',
        0x29F => b'l',
        0x1D00 => b'a',
        0x1D04 => b'c',
        0x1D05 => b'd',
        0x1D07 => b'e',
        0x1D0A => b'j',
        0x1D0B => b'k',
        0x1D0D => b'm',
        0x1D0F => b'o',
        0x1D18 => b'p',
        0x1D1B => b't',
        0x1D1C => b'u',
        0x1D20 => b'v',
        0x1D21 => b'w',
        0x1D22 => b'z',
        0xA730 => b'f',
        0xA731 => b's',
        0x1D0 => b'i',
        // Cyrillic.
        0x0410 => b'A',
        0x0430 => b'a',
        0x0412 => b'B',
        0x0432 => b'b',
        0x0415 | 0x0401 | 0x0400 => b'E',
        0x0435 | 0x0451 | 0x0450 => b'e',
        0x041A => b'K',
        0x043A => b'k',
        0x041C => b'M',
        0x043C => b'm',
        0x041D => b'H',
        0x043D => b'h',
        0x041E => b'O',
        0x043E => b'o',
        0x0420 => b'P',
        0x0440 => b'p',
        0x0421 => b'C',
        0x0441 => b'c',
        0x0422 => b'T',
        0x0442 => b't',
        0x0423 => b'Y',
        0x0443 => b'y',
        0x0425 => b'X',
        0x0445 => b'x',
        0x0405 => b'S',
        0x0455 => b's',
        0x0406 | 0x0407 | 0x04C0 => b'I',
        0x0456 | 0x0457 => b'i',
        0x04CF => b'l',
        0x0408 => b'J',
        0x0458 => b'j',
        0x0501 => b'd',
        0x051A => b'Q',
        0x051B => b'q',
        0x051C => b'W',
        0x051D => b'w',
        0x04BA => b'H',
        0x04BB => b'h',
        0x042C => b'b',
        0x044C => b'b',
        0x043F => b'n',
        0x0433 => b'r',
        0x0475 => b'v',
        0x0474 => b'V',
        // Greek.
        0x0391 | 0x0386 => b'A',
        0x0392 => b'B',
        0x0395 | 0x0388 => b'E',
        0x0396 => b'Z',
        0x0397 | 0x0389 => b'H',
        0x0399 | 0x038A | 0x03AA => b'I',
        0x039A => b'K',
        0x039C => b'M',
        0x039D => b'N',
        0x039F | 0x038C => b'O',
        0x03A1 => b'P',
        0x03A4 => b'T',
        0x03A5 | 0x038E | 0x03AB => b'Y',
        0x03A7 => b'X',
        0x03B1 | 0x03AC => b'a',
        0x03B2 => b'b',
        0x03B3 => b'y',
        0x03B5 | 0x03AD => b'e',
        0x03B7 | 0x03AE => b'n',
        0x03B9 | 0x03AF | 0x03CA | 0x0390 => b'i',
        0x03BA => b'k',
        0x03BD => b'v',
        0x03BF | 0x03CC => b'o',
        0x03C1 => b'p',
        0x03C4 => b't',
        0x03C5 | 0x03CD | 0x03CB | 0x03B0 => b'u',
        0x03C7 => b'x',
        0x03C9 | 0x03CE => b'w',
        0x03F2 => b'c',
        0x03F3 => b'j',
        // Armenian.
        0x0585 => b'o',
        0x057D => b'u',
        0x0578 => b'n',
        0x0570 => b'h',
        0x0581 => b'g',
        0x0566 => b'q',
        0x0561 => b'w',
        // Letter-like symbols (also the holes of the mathematical alphabets).
        0x210A => b'g',
        0x210B..=0x210D => b'H',
        0x210E | 0x210F => b'h',
        0x2110 | 0x2111 => b'I',
        0x2112 => b'L',
        0x2113 => b'l',
        0x2115 => b'N',
        0x2119 => b'P',
        0x211A => b'Q',
        0x211B..=0x211D => b'R',
        0x2124 | 0x2128 => b'Z',
        0x212A => b'K',
        0x212B => b'A',
        0x212C => b'B',
        0x212D | 0x2102 => b'C',
        0x212F | 0x2147 => b'e',
        0x2130 => b'E',
        0x2131 => b'F',
        0x2133 => b'M',
        0x2134 => b'o',
        0x2139 => b'i',
        0x2145 => b'D',
        0x2146 => b'd',
        0x2148 => b'i',
        0x2149 => b'j',
        // Roman numerals that look like letters.
        0x2160 => b'I',
        0x2164 => b'V',
        0x2169 => b'X',
        0x216C => b'L',
        0x216D => b'C',
        0x216E => b'D',
        0x216F => b'M',
        0x2170 => b'i',
        0x2174 => b'v',
        0x2179 => b'x',
        0x217C => b'l',
        0x217D => b'c',
        0x217E => b'd',
        0x217F => b'm',
        _ => return None,
    };
    Some(b)
}

/// Latin Extended-A (U+0100..=U+017F): letters with diacritics, one table
/// entry per code point; `?` marks the ligatures (IJ, OE), kept as they are.
fn latin_ext_a(u: u32) -> Option<u8> {
    const TABLE: &[u8; 128] = b"AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi??JjKkkLlLlLlLlLlNnNnNnnNnOoOoOo??RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";
    let b = *TABLE.get(u.checked_sub(0x100)? as usize)?;
    (b != b'?').then_some(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ascii_is_exactly_ascii_without_backslash() {
        // Every special byte at every position of texts up to three words
        // long, next to the bytes the word arithmetic could confuse it with.
        for len in 0..26 {
            for at in 0..len {
                for special in [b'\\', b'\\' + 1, b'\\' - 1, 0x00, 0x01, 0x7f, 0x80, 0xdc, 0xff] {
                    for fill in [b'a', 0x00, 0x5d, 0x7f] {
                        let mut b = vec![fill; len];
                        b[at] = special;
                        let want = b.is_ascii() && !b.contains(&b'\\');
                        assert_eq!(plain_ascii(&b), want, "{b:?}");
                    }
                }
            }
        }
    }

    fn norm(s: &str) -> String {
        let n = Normalized::new(s);
        String::from_utf8(n.bytes.into_owned()).unwrap()
    }

    #[test]
    fn ascii_fast_path_has_no_map() {
        let n = Normalized::new("hello world 123");
        assert!(n.map.is_none());
        assert!(matches!(n.bytes, Cow::Borrowed(_)));
    }

    #[test]
    fn removes_invisibles_and_tags() {
        assert_eq!(norm("ig\u{200B}no\u{200D}re\u{FEFF}"), "ignore");
        assert_eq!(norm("a\u{202E}b\u{2066}c"), "abc");
        assert_eq!(norm("x\u{E0041}\u{E0042}y"), "xy");
        assert_eq!(norm("s\u{0301}k"), "sk");
    }

    #[test]
    fn maps_digits_of_other_scripts() {
        assert_eq!(norm("٤١١١"), "4111"); // Arabic-Indic
        assert_eq!(norm("۴۵۶"), "456"); // Extended Arabic-Indic
        assert_eq!(norm("४५६"), "456"); // Devanagari
        assert_eq!(norm("৭৮৯"), "789"); // Bengali
        assert_eq!(norm("๑๒๓"), "123"); // Thai
        assert_eq!(norm("１２３"), "123"); // full-width
        assert_eq!(norm("𝟏𝟐𝟑𝟗"), "1239"); // mathematical bold
        assert_eq!(norm("¹²³"), "123");
    }

    #[test]
    fn folds_homoglyphs_and_full_width() {
        assert_eq!(norm("ехаmрlе"), "example"); // Cyrillic е х а р
        assert_eq!(norm("οvеrrіdе"), "override"); // Greek ο, Cyrillic е і
        assert_eq!(norm("ｉｇｎｏｒｅ＠ｘ"), "ignore@x");
        assert_eq!(norm("𝐢𝐠𝐧𝐨𝐫𝐞"), "ignore");
        assert_eq!(norm("ᴅᴀɴ"), "dan");
        assert_eq!(norm("Ⓐⓑ"), "Ab");
        assert_eq!(norm("café naïve"), "cafe naive");
        assert_eq!(norm("ĳ"), "ĳ");
        assert_eq!(norm("Łódź"), "Lodz");
        assert_eq!(norm("a\u{00A0}b\u{2013}c"), "a b-c");
    }

    #[test]
    fn keeps_other_characters_verbatim() {
        assert_eq!(norm("日本語 добро"), "日本語 дoбpo");
    }

    #[test]
    fn latin_ext_a_table_is_aligned() {
        for (c, want) in [
            ('Ā', 'A'),
            ('ą', 'a'),
            ('Ć', 'C'),
            ('č', 'c'),
            ('Ď', 'D'),
            ('ě', 'e'),
            ('Ğ', 'G'),
            ('ģ', 'g'),
            ('Ĥ', 'H'),
            ('ı', 'i'),
            ('Ĵ', 'J'),
            ('ķ', 'k'),
            ('ĸ', 'k'),
            ('Ĺ', 'L'),
            ('ł', 'l'),
            ('Ń', 'N'),
            ('ŉ', 'n'),
            ('Ŋ', 'N'),
            ('ő', 'o'),
            ('Ŕ', 'R'),
            ('ř', 'r'),
            ('Ś', 'S'),
            ('š', 's'),
            ('Ţ', 'T'),
            ('ŧ', 't'),
            ('Ũ', 'U'),
            ('ų', 'u'),
            ('Ŵ', 'W'),
            ('ŷ', 'y'),
            ('Ÿ', 'Y'),
            ('Ź', 'Z'),
            ('ž', 'z'),
            ('ſ', 's'),
        ] {
            assert_eq!(fold(c), Fold::Byte(want as u8), "{c}");
        }
    }

    #[test]
    fn map_points_to_original_characters() {
        let s = "a\u{200B}é１";
        let n = Normalized::new(s);
        assert_eq!(&*n.bytes, b"ae1");
        let map = n.map.as_deref();
        assert_eq!(orig_start(map, 0, s.len()), 0);
        assert_eq!(orig_start(map, 1, s.len()), 4);
        assert_eq!(orig_start(map, 2, s.len()), 6);
        assert_eq!(orig_end(map, &n.bytes, s.as_bytes(), 3), s.len());
        assert_eq!(orig_end(map, &n.bytes, s.as_bytes(), 1), 1);
    }

    #[test]
    fn two_byte_table_matches_fold() {
        for u in 0x80..0x800u32 {
            let c = char::from_u32(u).unwrap();
            let mut a = Vec::new();
            let mut m = Vec::new();
            normalize_into(&c.to_string(), 0, true, &mut a, &mut m);
            let want = match fold(c) {
                Fold::Keep => c.to_string().into_bytes(),
                Fold::Drop => vec![],
                Fold::Byte(b) => vec![b],
            };
            assert_eq!(a, want, "U+{u:04X}");
        }
    }

    #[test]
    fn decodes_json_escapes() {
        assert_eq!(norm(r#"{"card":"\u0034111 1111"}"#), r#"{"card":"4111 1111"}"#);
        assert_eq!(norm(r"\u0041\u00e9\u0661\uFF11"), "Ae11"); // folded after decoding
        assert_eq!(norm(r#"4111\n1111\t1111\r\/x\"y"#), "4111\n1111\t1111\r/x\"y");
        assert_eq!(norm(r"\\u0034 \\\\u0035 \\n"), "4 5 \n"); // one and two levels down
        assert_eq!(norm(r"\uD83D\uDE00!"), "\u{1F600}!"); // a pair is one character
        assert_eq!(norm(r"a\ud800b\udc00c\uD83D\u0041"), "abcA"); // lone surrogates dropped
        assert_eq!(norm(r"\u65e5\U0041"), "日\\U0041");
    }

    #[test]
    fn plain_backslashes_stay() {
        for s in [
            r"C:\Users\bob\Documents\x1234\q",
            r"\d{4}[ -]?\d{4} \b\w+\b \s* \.",
            r"\frac{1}{2} \alpha \sum_{i} \\ \u12 \uXYZW \ ",
            r"\\\\\\\\\\\\\\\\\\\\\\\\",
        ] {
            let n = Normalized::new(s);
            assert!(n.map.is_none(), "{s}");
            assert_eq!(&*n.bytes, s.as_bytes());
        }
        // Non-ASCII text with plain backslashes.
        assert_eq!(norm(r"é\d\\x\"), r"e\d\\x\");
        // A run longer than MAX_RUN: only its last backslashes join the escape.
        let long = format!("{}u0034", "\\".repeat(MAX_RUN + 3));
        assert_eq!(norm(&long), format!("{}4", "\\".repeat(3)));
    }

    #[test]
    fn escapes_map_to_their_whole_span() {
        for (s, from, want) in [
            (r"ab\u0034c", 2, r"\u0034"),
            (r"ab\\u0034c", 2, r"\\u0034"),
            (r"x\uD83D\uDE00y", 1, r"\uD83D\uDE00"),
            (r"x\u65e5y", 1, r"\u65e5"),
            (r"x\ny", 1, r"\n"),
        ] {
            let n = Normalized::new(s);
            let map = n.map.as_deref();
            let last = n.bytes.len() - 1; // "y"/"c" is one byte
            assert_eq!(orig_start(map, from, s.len()), from);
            assert_eq!(&s[from..orig_end(map, &n.bytes, s.as_bytes(), last)], want, "{s}");
        }
    }

    #[test]
    fn unfinished_escape_is_held_unless_fin() {
        for (s, read) in [
            (r"ab\", 2),
            (r"ab\\", 2),
            (r"ab\u00", 2),
            (r"ab\uD83D", 2),
            (r"ab\uD83D\\u", 2),
            (r"ab\u0034", 8),
            (r"ab\x", 4),
            (r"ab\uD83Dx", 9),
        ] {
            let (mut o, mut m) = (Vec::new(), Vec::new());
            assert_eq!(normalize_into(s, 0, false, &mut o, &mut m), read, "{s}");
            let (mut o, mut m) = (Vec::new(), Vec::new());
            assert_eq!(normalize_into(s, 0, true, &mut o, &mut m), s.len(), "{s}");
        }
        // A long run is held only in its last MAX_RUN backslashes.
        let long = "\\".repeat(MAX_RUN + 5);
        let (mut o, mut m) = (Vec::new(), Vec::new());
        assert_eq!(normalize_into(&long, 0, false, &mut o, &mut m), 5);
        assert_eq!(o, b"\\\\\\\\\\");
    }

    #[test]
    fn every_char_folds_without_panic() {
        for u in 0..=0x10FFFFu32 {
            if let Some(c) = char::from_u32(u) {
                let _ = fold(c);
            }
        }
    }
}
