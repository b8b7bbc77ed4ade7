//! The window of normalised text a detector reads, and what it produces.
//!
//! Detectors read forward with [`View::at`]: reading past the end of a
//! window that is not the end of the text marks the view "hungry", and the
//! engine then treats that detector's result as not final (a stream holds the
//! text back until more arrives). Reading backward ([`View::before`]) never
//! makes a view hungry: a stream keeps enough left context for every detector.

use std::cell::Cell;

/// A candidate finding in normalised coordinates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    pub det: u16,
}

pub(crate) struct View<'a> {
    b: &'a [u8],
    fin: bool,
    hungry: Cell<bool>,
}

impl<'a> View<'a> {
    pub fn new(b: &'a [u8], fin: bool) -> View<'a> {
        View { b, fin, hungry: Cell::new(false) }
    }

    /// The byte at `i`, or `None` past the end (then hungry unless final).
    #[inline]
    pub fn at(&self, i: usize) -> Option<u8> {
        match self.b.get(i) {
            Some(&x) => Some(x),
            None => {
                if !self.fin {
                    self.hungry.set(true);
                }
                None
            }
        }
    }

    /// The byte just before `i` (`None` at the start).
    #[inline]
    pub fn before(&self, i: usize) -> Option<u8> {
        i.checked_sub(1).and_then(|j| self.b.get(j).copied())
    }

    #[inline]
    pub fn is(&self, i: usize, f: impl Fn(u8) -> bool) -> bool {
        self.at(i).is_some_and(f)
    }

    /// Whether `lit` is at `i` (exact bytes).
    pub fn has(&self, i: usize, lit: &[u8]) -> bool {
        lit.iter().enumerate().all(|(k, &c)| self.at(i + k) == Some(c))
    }

    /// Length of the run of bytes matching `f` from `i`, reading at most
    /// `max + 1` bytes (so a run longer than `max` is reported as `max + 1`).
    pub fn run(&self, i: usize, max: usize, f: impl Fn(u8) -> bool) -> usize {
        let mut n = 0;
        while n <= max && self.at(i + n).is_some_and(&f) {
            n += 1;
        }
        n
    }

    /// Length of the run of bytes matching `f` ending just before `i`, at most
    /// `max + 1`.
    pub fn run_back(&self, i: usize, max: usize, f: impl Fn(u8) -> bool) -> usize {
        let mut n = 0;
        while n <= max && i > n && self.before(i - n).is_some_and(&f) {
            n += 1;
        }
        n
    }

    pub fn slice(&self, a: usize, b: usize) -> &'a [u8] {
        self.b.get(a..b).unwrap_or(&[])
    }

    pub fn is_hungry(&self) -> bool {
        self.hungry.get()
    }

    pub fn take_hungry(&self) -> bool {
        self.hungry.replace(false)
    }
}

/// Characters of a URL's user or password as people write them (RFC 3986
/// wants `#`, `%` and the like escaped; connection strings in text often
/// have them raw).
pub(crate) fn userinfo_char(b: u8) -> bool {
    b.is_ascii_graphic()
        && !matches!(b, b'/' | b'@' | b':' | b'"' | b'\'' | b'<' | b'>' | b'`' | b'[' | b']')
        && !matches!(b, b'{' | b'}' | b'\\')
}

/// Whether the `:` at `colon` follows `scheme://user` (so a password
/// starts after it).
pub(crate) fn after_url_user(v: &View, colon: usize) -> bool {
    let user = v.run_back(colon, 128, userinfo_char);
    let u0 = colon - user.min(colon);
    user <= 128
        && u0 >= 3
        && v.slice(u0 - 3, u0) == b"://"
        && (1..=32).contains(
            &v.run_back(u0 - 3, 32, |b| {
                b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-')
            }),
        )
}

#[inline]
pub(crate) fn is_digit(b: u8) -> bool {
    b.is_ascii_digit()
}

#[inline]
pub(crate) fn is_alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Identifier characters: ASCII letters, digits, `_`.
#[inline]
pub(crate) fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Words for guardrails: ASCII letters and digits.
#[inline]
pub(crate) fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}
